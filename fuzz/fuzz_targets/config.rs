//! Parse a configuration from arbitrary text (as `reelnet-lint.toml` and as (see `reelnet_fuzz::config`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reelnet_fuzz::config(data));

//! Load, lint and render every output format (see `reelnet_fuzz::lint`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reelnet_fuzz::lint(data));

//! Load a spec from arbitrary bytes (see `reelnet_fuzz::load`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reelnet_fuzz::load(data));

//! Parse a baseline from arbitrary text and apply it to a report: never a (see `reelnet_fuzz::baseline`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reelnet_fuzz::baseline(data));

//! Parse suppression comments from arbitrary text, then lint it: never a (see `reelnet_fuzz::suppress`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reelnet_fuzz::suppress(data));

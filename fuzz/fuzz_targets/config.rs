//! Parse a configuration from arbitrary text (as `reelnet-lint.toml` and as
//! `pyproject.toml`): never a panic or a blow-up, and every problem is
//! located inside the text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use reelnet_lint::config::{Config, ConfigError};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
    for name in ["reelnet-lint.toml", "pyproject.toml"] {
        match Config::parse(text, Path::new(name)) {
            Ok(_) | Err(ConfigError::Io { .. }) => {}
            Err(ConfigError::Invalid { problems, .. }) => {
                assert!(!problems.is_empty());
                for p in problems {
                    assert!(p.line >= 1 && p.line <= lines, "{p:?}");
                    assert!(p.column >= 1, "{p:?}");
                }
            }
        }
    }
});

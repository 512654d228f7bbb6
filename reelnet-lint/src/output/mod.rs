//! Renderers: one module per output format.

#[cfg(feature = "cli")]
pub mod human;
pub mod json;

use std::fmt;
use std::str::FromStr;

/// An output format of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

impl Format {
    pub const ALL: &'static [(&'static str, Format)] =
        &[("human", Format::Human), ("json", Format::Json)];
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|(n, _)| *n).collect();
                format!("unknown format `{s}`; expected one of {}", names.join(", "))
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Self::ALL
            .iter()
            .find(|(_, x)| x == self)
            .map_or("?", |(n, _)| *n);
        f.write_str(name)
    }
}

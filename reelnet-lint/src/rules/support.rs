//! Small helpers the rules share: numbers as users write them, and the
//! source-map location of a key the typed model keeps no [`Loc`] for.

use reelnet_spec::source::escape_token;
use reelnet_spec::{Loc, Spec};

/// The CloudWatch metric of CPU load: what auto scaling's thresholds are
/// about and what MON004 expects an alarm on.
pub const CPU_METRIC: &str = "CPUUtilization";

/// A number as a user would write it (`75`, `72.5`), rounded to six decimals
/// so that floating-point noise (`75.3 - 55.1 = 20.199999999999996`) does
/// not reach a message.
#[must_use]
pub fn number(x: f64) -> String {
    format!("{}", round6(x))
}

/// `x` rounded to six decimals (unchanged when that would overflow), never `-0`.
#[must_use]
pub fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    let r = if r.is_finite() { r } else { x };
    if r == 0.0 { 0.0 } else { r }
}

/// A whole number with thousands separators: `86400` → `86,400`.
#[must_use]
pub fn thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The node of `key` inside the mapping at `owner` (e.g. a bucket's
/// `lifecycle`), when it is written.
#[must_use]
pub fn child(spec: &Spec, owner: Loc, key: &str) -> Option<Loc> {
    let pointer = format!("{}/{}", spec.sources.pointer(owner), escape_token(key));
    spec.sources
        .get(owner.file)?
        .map
        .lookup(&pointer)
        .map(|node| Loc {
            file: owner.file,
            node,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(75.0), "75");
        assert_eq!(number(72.5), "72.5");
        assert_eq!(number(75.3 - 55.1), "20.2");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(f64::MAX), format!("{}", f64::MAX));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(86_400), "86,400");
        assert_eq!(thousands(604_800), "604,800");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn sections_and_children_are_found() {
        let nulled = reelnet_spec::load_str("t.yaml", "name: t\nalarms: ~\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(nulled.alarms_loc.is_none(), "a null section is absent");
        let text = "name: t\nalarms:\n  cpu_utilization: { threshold: 80 }\nstorage:\n  buckets:\n    - { name: b, lifecycle: [] }\n";
        let spec = reelnet_spec::load_str("t.yaml", text).unwrap_or_else(|e| panic!("{e}"));
        let alarms = spec.alarms_loc.unwrap_or_else(|| panic!("no alarms"));
        assert_eq!(spec.sources.pointer(alarms), "/alarms");
        let bucket = spec.buckets()[0].loc;
        let lifecycle = child(&spec, bucket, "lifecycle").unwrap_or_else(|| panic!("no lifecycle"));
        assert_eq!(
            spec.sources.pointer(lifecycle),
            "/storage/buckets/0/lifecycle"
        );
        assert!(child(&spec, bucket, "replication").is_none());
    }
}

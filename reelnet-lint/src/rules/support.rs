//! Small helpers the rules share: numbers as users write them.

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
}

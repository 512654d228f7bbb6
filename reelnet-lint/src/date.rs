//! Calendar dates for date-dependent rules (`--as-of`, `until=`, end-of-life
//! tables): validation, day arithmetic and "today" come from `jiff`.
//!
//! **Which day is today.** Without `--as-of`/`as_of`, today is the calendar
//! date at UTC−12 ("Anywhere on Earth", the convention of deadlines): a
//! date written in a spec or a table (`until=2027-01-31`, an end-of-life
//! date) has passed only once it has ended everywhere. So a suppression
//! never expires early for anyone, whatever the machine's time zone, and a
//! CI runner and a laptop agree on the day except in the few hours when
//! the date line itself has moved on. Pin the date with `--as-of` for
//! byte-identical reports over time.

use std::fmt;
use std::str::FromStr;

/// A proleptic Gregorian calendar date (years 1 to 9999).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The year (proleptic Gregorian, 1 to 9999).
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 28-31 as the month has.
    pub day: u8,
}

/// The offset from UTC whose calendar date is "today": UTC−12, Anywhere on
/// Earth.
pub const TODAY_UTC_OFFSET_HOURS: i8 = -12;

const EPOCH: jiff::civil::Date = jiff::civil::date(1970, 1, 1);

impl Date {
    /// A valid date (years 1 to 9999), or None.
    #[must_use]
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=9999).contains(&year) {
            return None;
        }
        let y = i16::try_from(year).ok()?;
        let m = i8::try_from(month).ok()?;
        let d = i8::try_from(day).ok()?;
        jiff::civil::Date::new(y, m, d).ok()?;
        Some(Self { year, month, day })
    }

    fn to_jiff(self) -> jiff::civil::Date {
        let y = i16::try_from(self.year).unwrap_or(1970);
        let m = i8::try_from(self.month).unwrap_or(1);
        let d = i8::try_from(self.day).unwrap_or(1);
        jiff::civil::Date::new(y, m, d).unwrap_or(EPOCH)
    }

    fn from_jiff(d: jiff::civil::Date) -> Self {
        Self {
            year: i32::from(d.year()),
            month: u8::try_from(d.month()).unwrap_or(1),
            day: u8::try_from(d.day()).unwrap_or(1),
        }
    }

    /// Days since 1970-01-01 (negative before).
    #[must_use]
    pub fn days_since_epoch(self) -> i64 {
        EPOCH
            .until(self.to_jiff())
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// The date `days` after 1970-01-01 (clamped to years 1 to 9999).
    #[must_use]
    pub fn from_days_since_epoch(days: i64) -> Self {
        let d = EPOCH
            .checked_add(jiff::Span::new().days(days.clamp(-719_162, 2_932_896)))
            .unwrap_or(EPOCH);
        Self::from_jiff(d)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    #[must_use]
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// The date `days` days later (earlier when negative), saturating
    /// at the ends of the supported range.
    #[must_use]
    pub fn add_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch().saturating_add(days))
    }

    /// Today: the calendar date at UTC−12 (see the module docs).
    #[must_use]
    pub fn today() -> Self {
        let offset = jiff::tz::Offset::constant(TODAY_UTC_OFFSET_HOURS);
        Self::from_jiff(offset.to_datetime(jiff::Timestamp::now()).date())
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let err = || format!("`{s}` is not a date; write YYYY-MM-DD");
        let mut parts = s.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(err());
        };
        // Digits only: `+202` is not a year (i32's parser would take it).
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return Err(err());
        }
        let year = y.parse().map_err(|_| err())?;
        let month = m.parse().map_err(|_| err())?;
        let day = d.parse().map_err(|_| err())?;
        Self::new(year, month, day).ok_or_else(err)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn round_trips_and_arithmetic() {
        let d: Date = "2026-11-26"
            .parse()
            .unwrap_or_else(|e: String| panic!("{e}"));
        assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        assert_eq!(d.add_days(36).to_string(), "2027-01-01");
        assert_eq!(
            "2024-02-29"
                .parse::<Date>()
                .map(|d| d.add_days(365).to_string()),
            Ok("2025-02-28".into())
        );
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("26-11-2026".parse::<Date>().is_err());
        assert!("+202-11-26".parse::<Date>().is_err());
        assert!("2026-+1-26".parse::<Date>().is_err());
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(-1).to_string(), "1969-12-31");
        assert!("0000-01-01".parse::<Date>().is_err());
    }

    #[test]
    fn today_is_anywhere_on_earth() {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let utc = Date::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0));
        let today = Date::today();
        assert!(
            today == utc || today == utc.add_days(-1),
            "{today} vs UTC {utc}"
        );
    }
}

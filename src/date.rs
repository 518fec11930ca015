//! Calendar dates (`YYYY-MM-DD`), exact and small: day arithmetic for ages, windows and expiry.

use std::fmt;

/// A proleptic Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`; `None` unless the day exists.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = i32::try_from(num(0..4)?).ok()?;
        let month = u8::try_from(num(5..7)?).ok()?;
        let day = u8::try_from(num(8..10)?).ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    #[allow(
        clippy::cast_sign_loss,
        reason = "day and month are 1..=31 and 1..=12 by construction"
    )]
    pub fn from_days(z: i64) -> Self {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// The same day `n` months later (earlier when negative), on the month's last day when it
    /// is shorter (2024-01-31 + 1 month = 2024-02-29); `None` beyond the years `i32` holds.
    #[allow(
        clippy::cast_sign_loss,
        clippy::cast_possible_truncation,
        reason = "rem_euclid(12) + 1 is 1..=12"
    )]
    pub fn add_months(self, n: i64) -> Option<Self> {
        let index = i64::from(self.year)
            .checked_mul(12)?
            .checked_add(i64::from(self.month) - 1)?
            .checked_add(n)?;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Some(Self { year, month, day })
    }

    /// Today in UTC.
    pub fn today() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days(i64::try_from(secs / 86_400).unwrap_or(0))
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`, written digit by digit: through `write!` with padding a date cost about
    /// 1,300 instructions, and the analyses format dates per decision (3 % of a national check).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Ok(year @ 0..=9999) = u16::try_from(self.year) else {
            return write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day);
        };
        if self.month > 99 || self.day > 99 {
            return write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day);
        }
        let digit = |n: u16| b'0' + u8::try_from(n % 10).unwrap_or(0);
        let (m, d) = (u16::from(self.month), u16::from(self.day));
        let buf = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ];
        f.write_str(std::str::from_utf8(&buf).map_err(|_| fmt::Error)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_date_as_padded_formatting_would() {
        for year in [-1, 0, 7, 99, 999, 1969, 2024, 9999, 10_000] {
            for month in 0..=13 {
                for day in [0, 1, 9, 10, 28, 31, 99, 100] {
                    let d = Date { year, month, day };
                    assert_eq!(
                        d.to_string(),
                        format!("{year:04}-{month:02}-{day:02}"),
                        "{d:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn parses_only_real_days() {
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("2023-1-01").is_none());
        assert!(Date::parse("+023-01-01").is_none());
    }

    #[test]
    fn day_arithmetic_round_trips() {
        let d = Date::parse("2026-11-22").unwrap();
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(d.days() - Date::parse("2025-11-22").unwrap().days(), 365);
        for z in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(z).days(), z);
        }
    }
}

//! Calendar days: due dates (`YYYY-MM-DD`, no time, no timezone), the number of days between
//! two of them, and — on the server — what day it is for someone in their timezone.

use crate::error::{AppError, Problem};
use serde::{Deserialize, Serialize};

/// A due date as a calendar day (no time, no timezone), `YYYY-MM-DD` as date inputs send it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DueDate {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl DueDate {
    /// The day in `t`'s language ("4 Dec 2026", "4 dic 2026").
    pub fn in_words(self, t: &crate::i18n::Strings) -> String {
        (t.date)(self.year, self.month, self.day)
    }

    /// Years a due date may fall in: four digits, no further.
    pub const YEARS: (i64, i64) = (1900, 9999);

    /// `None` for an empty field; an error for anything that is not a real calendar day.
    pub fn parse(raw: &str) -> Result<Option<DueDate>, AppError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let wrong = || AppError::invalid("due_on", Problem::Date);
        let mut parts = raw.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(wrong());
        };
        let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return Err(wrong());
        }
        let (year, month, day) = (
            y.parse::<i64>().map_err(|_| wrong())?,
            m.parse::<u32>().map_err(|_| wrong())?,
            d.parse::<u32>().map_err(|_| wrong())?,
        );
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(wrong()),
        };
        if !(Self::YEARS.0..=Self::YEARS.1).contains(&year) || day == 0 || day > days_in_month {
            return Err(wrong());
        }
        Ok(Some(DueDate { year, month, day }))
    }

    /// The form and database text, `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl DueDate {
    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar
    /// (H. Hinnant's `days_from_civil`).
    pub fn ordinal(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { self.year - 1 } else { self.year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `ordinal` days after 1970-01-01.
    pub fn from_ordinal(ordinal: i64) -> DueDate {
        // The arithmetic lives beside the date formatting, which the error messages use (this
        // module depends on those, not the other way round).
        let (year, month, day) = crate::i18n::civil_date(ordinal);
        DueDate { year, month, day }
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: DueDate) -> i64 {
        later.ordinal() - self.ordinal()
    }

    /// Today in `time_zone` (an IANA name; UTC when it is not one), at `now`.
    #[cfg(feature = "ssr")]
    pub fn today_in(time_zone: &str, now: crate::ids::Timestamp) -> DueDate {
        DueDate::day_of(time_zone, now)
    }

    /// The day `instant` falls on in `time_zone` (an IANA name; UTC when it is not one).
    #[cfg(feature = "ssr")]
    pub fn day_of(time_zone: &str, instant: crate::ids::Timestamp) -> DueDate {
        use chrono::{Datelike, TimeZone};
        let tz: chrono_tz::Tz = time_zone.parse().unwrap_or(chrono_tz::UTC);
        let date = tz
            .timestamp_millis_opt(instant.0)
            .single()
            .map(|t| t.date_naive())
            .unwrap_or_default();
        DueDate {
            year: i64::from(date.year()),
            month: date.month(),
            day: date.day(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_are_real_days_with_four_digit_years() {
        assert_eq!(DueDate::parse(""), Ok(None));
        assert_eq!(
            DueDate::parse("2026-12-01").unwrap().map(DueDate::iso),
            Some("2026-12-01".to_string())
        );
        assert!(DueDate::parse("2028-02-29").unwrap().is_some());
        for wrong in [
            "10000-01-01",
            "2027-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-1-5",
            "tomorrow",
            "2026-12-01-01",
            "0999-01-01",
        ] {
            assert_eq!(
                DueDate::parse(wrong),
                Err(AppError::invalid("due_on", Problem::Date)),
                "{wrong}"
            );
        }
    }

    #[test]
    fn days_count_across_months_years_and_leap_days() {
        let day = |s: &str| DueDate::parse(s).unwrap().unwrap();
        assert_eq!(day("1970-01-01").ordinal(), 0);
        assert_eq!(day("2026-12-31").days_until(day("2027-01-01")), 1);
        assert_eq!(day("2028-02-28").days_until(day("2028-03-01")), 2);
        assert_eq!(day("2027-02-28").days_until(day("2027-03-01")), 1);
        assert_eq!(day("2026-12-02").days_until(day("2026-11-30")), -2);
        for text in [
            "1900-03-01",
            "1969-12-31",
            "2000-02-29",
            "2026-12-02",
            "9999-12-31",
        ] {
            assert_eq!(DueDate::from_ordinal(day(text).ordinal()).iso(), text);
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn today_depends_on_where_one_is() {
        // 2026-12-02 23:30 UTC: still the 2nd in London, already the 3rd in Madrid,
        // the 2nd in Mexico City.
        let now = crate::ids::Timestamp(1_796_254_200_000);
        assert_eq!(DueDate::today_in("Europe/London", now).iso(), "2026-12-02");
        assert_eq!(DueDate::today_in("Europe/Madrid", now).iso(), "2026-12-03");
        assert_eq!(
            DueDate::today_in("America/Mexico_City", now).iso(),
            "2026-12-02"
        );
        assert_eq!(DueDate::today_in("Not/AZone", now).iso(), "2026-12-02");
    }
}

//! Dates: a date and time as written with its offset, shown as written, and its RFC 3339 and
//! Unix time forms (the browser reads the index's RFC 3339 form). Hand-written (no chrono or
//! time) to keep the wasm bundle small; Hugo's many written forms are `blogreader-site`'s.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The weekdays' English names, Sunday first (Go's `time.Weekday` order).
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A local date and time as written in the source, with the UTC offset it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
    /// 1 to the last day of the month.
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Fractional seconds, kept so a date survives a round trip through its RFC 3339 form.
    pub nanosecond: u32,
    /// Minutes east of UTC (`+03:00` is 180).
    pub offset_minutes: i32,
}

impl Date {
    /// Reads the one form [`Date::rfc3339`] writes (`2025-05-10T13:01:56.25+03:00`, `Z` for
    /// UTC): how the browser reads dates from the route data, kept apart from Hugo's many
    /// forms so that those stay out of the wasm bundle.
    pub fn from_rfc3339(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let digits = bytes.get(range)?;
            digits.iter().try_fold(0u32, |value, digit| {
                digit
                    .is_ascii_digit()
                    .then(|| value * 10 + u32::from(digit - b'0'))
            })
        };
        let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if separators
            .iter()
            .any(|(index, byte)| bytes.get(*index) != Some(byte))
        {
            return None;
        }
        let mut date = Date {
            year: i32::try_from(number(0..4)?).ok()?,
            month: u8::try_from(number(5..7)?).ok()?,
            day: u8::try_from(number(8..10)?).ok()?,
            hour: u8::try_from(number(11..13)?).ok()?,
            minute: u8::try_from(number(14..16)?).ok()?,
            second: u8::try_from(number(17..19)?).ok()?,
            nanosecond: 0,
            offset_minutes: 0,
        };
        let mut at = 19;
        if bytes.get(at) == Some(&b'.') {
            let count = bytes
                .get(at + 1..)?
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count();
            if !(1..=9).contains(&count) {
                return None;
            }
            date.nanosecond = number(at + 1..at + 1 + count)? * 10u32.pow(9 - count as u32);
            at += 1 + count;
        }
        let sign = match bytes.get(at) {
            Some(b'Z') if bytes.len() == at + 1 => return date.is_valid().then_some(date),
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return None,
        };
        if bytes.len() != at + 6 || bytes.get(at + 3) != Some(&b':') {
            return None;
        }
        let minutes = number(at + 1..at + 3)? * 60 + number(at + 4..at + 6)?;
        date.offset_minutes = sign * i32::try_from(minutes).ok()?;
        date.is_valid().then_some(date)
    }

    /// The UTC date of a Unix time, as Hugo reads an integer date; `None` outside the years
    /// 0 to 9999 (which the four-digit RFC 3339 form cannot carry).
    pub fn from_unix(seconds: i64) -> Option<Date> {
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let date = Date {
            year: i32::try_from(year).ok()?,
            month,
            day,
            hour: u8::try_from(of_day / 3600).ok()?,
            minute: u8::try_from(of_day / 60 % 60).ok()?,
            second: u8::try_from(of_day % 60).ok()?,
            nanosecond: 0,
            offset_minutes: 0,
        };
        (0..=9999).contains(&date.year).then_some(date)
    }

    /// Month, day and time of day in range.
    fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && (1..=days_in_month(self.year, self.month)).contains(&self.day)
            && self.hour < 24
            && self.minute < 60
            && self.second < 60
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let seconds_of_day =
            i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second);
        days * 86_400 + seconds_of_day - i64::from(self.offset_minutes) * 60
    }

    /// `May 10, 2025`: the date in its own offset, as Hugo shows dates as written.
    pub fn display(&self) -> String {
        format!("{} {}, {}", self.month_name(), self.day, self.year)
    }

    /// The English name of the month (`May`), as Hugo's `:monthname` and dates show it.
    pub fn month_name(&self) -> &'static str {
        usize::from(self.month)
            .checked_sub(1)
            .and_then(|index| MONTH_NAMES.get(index))
            .copied()
            .unwrap_or("")
    }

    /// The English name of the day of the week (`Saturday`) of the date as written.
    pub fn weekday_name(&self) -> &'static str {
        let days = days_from_civil(self.year, self.month, self.day);
        // 1970-01-01 was a Thursday.
        let index = usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0);
        WEEKDAY_NAMES.get(index).copied().unwrap_or("")
    }

    /// `Sat, 10 May 2025 13:01:56 +0300`: RFC 1123 with a numeric zone, as RSS `pubDate` and
    /// Hugo's feeds write dates.
    pub fn rfc1123(&self) -> String {
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let offset = self.offset_minutes.unsigned_abs();
        format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
            self.weekday_name().get(..3).unwrap_or(""),
            self.day,
            self.month_name().get(..3).unwrap_or(""),
            self.year,
            self.hour,
            self.minute,
            self.second,
            offset / 60,
            offset % 60
        )
    }

    /// `2025-05-10T13:01:56+03:00`; `Z` for UTC, fractional seconds only when present.
    pub fn rfc3339(&self) -> String {
        let mut text = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        );
        if self.nanosecond != 0 {
            let fraction = format!("{:09}", self.nanosecond);
            text.push('.');
            text.push_str(fraction.trim_end_matches('0'));
        }
        if self.offset_minutes == 0 {
            text.push('Z');
        } else {
            let sign = if self.offset_minutes < 0 { '-' } else { '+' };
            let minutes = self.offset_minutes.unsigned_abs();
            text.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
        }
        text
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (
        year,
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DateVisitor)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = Date;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an RFC 3339 date string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
        Date::from_rfc3339(text).ok_or_else(|| E::custom("not an RFC 3339 date"))
    }
}

//! Front matter dates: parsing Hugo's accepted forms, showing them as written, and their RFC 3339
//! and Unix time forms. Hand-written (no chrono/time) to keep the wasm bundle small.

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
    /// Parses the date forms Hugo accepts in front matter: RFC 3339 with an offset or `Z`
    /// (`2025-05-10T13:01:56+03:00`), offsets without a colon (`-0700`), a space instead of `T`,
    /// fractional seconds, no zone at all (then `default_offset_minutes`, the site's time zone)
    /// and a bare date (`2025-05-10`, midnight).
    pub fn parse(text: &str, default_offset_minutes: i32) -> Result<Date, String> {
        Date::parse_in_zone(text, &|_| default_offset_minutes)
    }

    /// [`Date::parse`] where a date written without a zone takes the offset `zone` gives for
    /// its local date and time: the site's `timeZone`, whose offset changes with DST.
    pub fn parse_in_zone(text: &str, zone: &dyn Fn(&Date) -> i32) -> Result<Date, String> {
        let trimmed = text.trim();
        parse_fields(trimmed, zone)
            .map_err(|reason| format!("cannot read \"{trimmed}\" as a date: {reason}"))
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

    /// `Sat, 10 May 2025 13:01:56 +0300`: RFC 1123 with a numeric zone, as RSS `pubDate` and
    /// Hugo's feeds write dates.
    pub fn rfc1123(&self) -> String {
        const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        let days = days_from_civil(self.year, self.month, self.day);
        let weekday = usize::try_from(days.rem_euclid(7)).unwrap_or(0);
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let offset = self.offset_minutes.unsigned_abs();
        format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
            WEEKDAYS[weekday],
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

/// Reads the fields of an already trimmed date text; the error says what is wrong.
fn parse_fields(text: &str, zone: &dyn Fn(&Date) -> i32) -> Result<Date, String> {
    let mut cursor = Cursor { rest: text };
    let year = cursor.digits(4, "a four-digit year")?;
    cursor.expect('-')?;
    let month = cursor.digits(2, "a two-digit month")?;
    cursor.expect('-')?;
    let day = cursor.digits(2, "a two-digit day")?;
    let year = i32::try_from(year).map_err(|_| "the year is out of range".to_owned())?;
    let month = u8::try_from(month).unwrap_or(0);
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is not between 1 and 12"));
    }
    let day = u8::try_from(day).unwrap_or(0);
    let last_day = days_in_month(year, month);
    if day == 0 || day > last_day {
        return Err(format!("day {day} is not between 1 and {last_day}"));
    }
    let mut date = Date {
        year,
        month,
        day,
        hour: 0,
        minute: 0,
        second: 0,
        nanosecond: 0,
        offset_minutes: 0,
    };
    if cursor.rest.is_empty() {
        date.offset_minutes = zone(&date);
        return Ok(date);
    }
    if !cursor.eat('T') && !cursor.eat('t') && !cursor.eat(' ') {
        return Err("expected `T` or a space after the date".to_owned());
    }
    cursor.skip_spaces();
    date.hour = cursor.time_field(24, "hour")?;
    cursor.expect(':')?;
    date.minute = cursor.time_field(60, "minute")?;
    if cursor.eat(':') {
        date.second = cursor.time_field(60, "second")?;
        if cursor.eat('.') || cursor.eat(',') {
            date.nanosecond = cursor.fraction()?;
        }
    }
    cursor.skip_spaces();
    date.offset_minutes = match cursor.zone()? {
        Some(offset) => offset,
        None => zone(&date),
    };
    cursor.skip_spaces();
    // Go's own format (`2006-01-02 15:04:05 -0700 MST`) names the zone after the offset.
    let after_zone_name = cursor
        .rest
        .trim_start_matches(|c: char| c.is_ascii_alphabetic());
    if !after_zone_name.is_empty() {
        return Err(format!("unexpected \"{}\" at the end", cursor.rest));
    }
    Ok(date)
}

/// A position in the text being parsed; every step checks before it consumes.
struct Cursor<'a> {
    rest: &'a str,
}

impl Cursor<'_> {
    fn eat(&mut self, expected: char) -> bool {
        match self.rest.strip_prefix(expected) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn expect(&mut self, expected: char) -> Result<(), String> {
        if self.eat(expected) {
            Ok(())
        } else {
            Err(format!("expected `{expected}`"))
        }
    }

    fn skip_spaces(&mut self) {
        self.rest = self.rest.trim_start_matches(' ');
    }

    /// Exactly `count` ASCII digits.
    fn digits(&mut self, count: usize, what: &str) -> Result<u32, String> {
        let taken = self.rest.get(..count).filter(|digits| {
            digits.len() == count && digits.bytes().all(|byte| byte.is_ascii_digit())
        });
        let Some(digits) = taken else {
            return Err(format!("expected {what}"));
        };
        self.rest = self.rest.get(count..).unwrap_or("");
        digits.parse().map_err(|_| format!("expected {what}"))
    }

    fn time_field(&mut self, limit: u32, what: &str) -> Result<u8, String> {
        let value = self.digits(2, &format!("a two-digit {what}"))?;
        if value >= limit {
            return Err(format!("{what} {value} is not below {limit}"));
        }
        u8::try_from(value).map_err(|_| format!("{what} {value} is out of range"))
    }

    /// The digits after the decimal point, as nanoseconds (extra precision is dropped).
    fn fraction(&mut self) -> Result<u32, String> {
        let end = self
            .rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.rest.len());
        let digits = self.rest.get(..end).unwrap_or("");
        if digits.is_empty() {
            return Err("expected digits after the decimal point".to_owned());
        }
        self.rest = self.rest.get(end..).unwrap_or("");
        let mut nanos: u32 = 0;
        for position in 0..9 {
            let digit = digits
                .as_bytes()
                .get(position)
                .map_or(0, |byte| u32::from(byte - b'0'));
            nanos = nanos * 10 + digit;
        }
        Ok(nanos)
    }

    /// `Z`, `UTC`, `+03:00`, `+0300` or `+03`; `None` when no zone is written.
    fn zone(&mut self) -> Result<Option<i32>, String> {
        if self.eat('Z') || self.eat('z') {
            return Ok(Some(0));
        }
        for name in ["UTC", "GMT"] {
            if let Some(rest) = self.rest.strip_prefix(name) {
                self.rest = rest;
                return Ok(Some(0));
            }
        }
        let sign = if self.eat('+') {
            1
        } else if self.eat('-') {
            -1
        } else {
            return Ok(None);
        };
        let hours = self.digits(2, "a two-digit offset hour")?;
        let minutes = if self.eat(':') || self.rest.starts_with(|c: char| c.is_ascii_digit()) {
            self.digits(2, "two-digit offset minutes")?
        } else {
            0
        };
        if hours > 23 || minutes > 59 {
            return Err(format!("offset {hours:02}:{minutes:02} is out of range"));
        }
        let total = i32::try_from(hours * 60 + minutes).unwrap_or(0);
        Ok(Some(sign * total))
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
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
        Date::parse(text, 0).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc1123_names_the_weekday_and_keeps_the_offset() {
        let date = Date::parse("2025-05-10T13:01:56+03:00", 0).map(|date| date.rfc1123());
        assert_eq!(date, Ok("Sat, 10 May 2025 13:01:56 +0300".to_owned()));
        let date = Date::parse("1969-12-31T23:00:00-07:30", 0).map(|date| date.rfc1123());
        assert_eq!(date, Ok("Wed, 31 Dec 1969 23:00:00 -0730".to_owned()));
    }

    fn date(text: &str) -> Date {
        Date::parse(text, 0).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn rfc3339_with_offset_keeps_the_time_as_written() {
        let parsed = date("2025-05-10T13:01:56+03:00");
        assert_eq!(
            (
                parsed.year,
                parsed.month,
                parsed.day,
                parsed.hour,
                parsed.minute,
                parsed.second
            ),
            (2025, 5, 10, 13, 1, 56)
        );
        assert_eq!(parsed.offset_minutes, 180);
        assert_eq!(parsed.unix(), 1_746_871_316);
        assert_eq!(parsed.display(), "May 10, 2025");
        assert_eq!(parsed.rfc3339(), "2025-05-10T13:01:56+03:00");
    }

    #[test]
    fn zulu_and_offsets_without_colon_are_accepted() {
        assert_eq!(date("2025-05-10T10:01:56Z").unix(), 1_746_871_316);
        assert_eq!(date("2025-05-10T10:01:56z").offset_minutes, 0);
        let western = date("2025-05-10T03:01:56-0700");
        assert_eq!(western.offset_minutes, -420);
        assert_eq!(western.unix(), 1_746_871_316);
        assert_eq!(
            date("2025-05-10T13:01:56+0300").rfc3339(),
            "2025-05-10T13:01:56+03:00"
        );
        assert_eq!(date("2025-05-10T13:01:56+03").offset_minutes, 180);
    }

    #[test]
    fn a_space_may_replace_the_t_and_separate_the_zone() {
        assert_eq!(date("2025-05-10 13:01:56+03:00").unix(), 1_746_871_316);
        assert_eq!(date("2025-05-10 13:01:56 +0300").unix(), 1_746_871_316);
        assert_eq!(date("2025-05-10 10:01:56 +0000 UTC").unix(), 1_746_871_316);
    }

    #[test]
    fn fractional_seconds_are_kept_and_round_trip() {
        let parsed = date("2025-05-10T13:01:56.250+03:00");
        assert_eq!(parsed.nanosecond, 250_000_000);
        assert_eq!(parsed.unix(), 1_746_871_316);
        assert_eq!(parsed.rfc3339(), "2025-05-10T13:01:56.25+03:00");
        assert_eq!(
            date("2025-05-10T13:01:56.1234567891Z").nanosecond,
            123_456_789
        );
    }

    #[test]
    fn a_date_without_zone_takes_the_default_offset() {
        let parsed = Date::parse("2025-05-10T13:01:56", 120).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.offset_minutes, 120);
        assert_eq!(parsed.rfc3339(), "2025-05-10T13:01:56+02:00");
        assert_eq!(date("2025-05-10T13:01").second, 0);
    }

    #[test]
    fn a_bare_date_is_midnight() {
        let parsed = date("2025-05-10");
        assert_eq!((parsed.hour, parsed.minute, parsed.second), (0, 0, 0));
        assert_eq!(parsed.rfc3339(), "2025-05-10T00:00:00Z");
        assert_eq!(parsed.display(), "May 10, 2025");
        assert_eq!(date("1970-01-01").unix(), 0);
        assert_eq!(date("1969-12-31").unix(), -86_400);
    }

    #[test]
    fn out_of_range_fields_are_rejected() {
        for text in [
            "2025-13-01",
            "2025-00-10",
            "2025-04-31",
            "2025-02-29",
            "1900-02-29",
            "2025-05-10T24:00:00Z",
            "2025-05-10T12:60:00Z",
            "2025-05-10T12:00:60Z",
            "2025-05-10T12:00:00+24:00",
        ] {
            assert!(Date::parse(text, 0).is_err(), "{text} should be rejected");
        }
        assert_eq!(date("2024-02-29").day, 29);
        assert_eq!(date("2000-02-29").day, 29);
    }

    #[test]
    fn malformed_text_is_an_error_not_a_panic() {
        for text in [
            "",
            "2025",
            "2025-5-10",
            "10/05/2025",
            "2025-05-10T",
            "2025-05-10T1:00",
            "2025-05-10x",
            "2025-05-10T10:00:00.",
            "2025-05-10T10:00:00+",
            "2025-05-10T10:00:00 bogus!",
            "٢٠٢٥-05-10",
            "2025-05-1é",
        ] {
            assert!(Date::parse(text, 0).is_err(), "{text:?} should be rejected");
        }
        let message = Date::parse("2025-13-01", 0).err().unwrap_or_default();
        assert_eq!(
            message,
            "cannot read \"2025-13-01\" as a date: month 13 is not between 1 and 12"
        );
    }

    #[test]
    fn serde_uses_the_rfc3339_string() {
        let parsed = date("2025-05-10T13:01:56+03:00");
        let json = serde_json::to_string(&parsed).unwrap_or_default();
        assert_eq!(json, "\"2025-05-10T13:01:56+03:00\"");
        let back: Date = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, parsed);
        assert!(serde_json::from_str::<Date>("\"not a date\"").is_err());
    }
}

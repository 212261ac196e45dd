//! Reading front matter dates as Hugo does: every layout Hugo's date casting tries
//! (`date_forms`), in the site's time zone when a date names none.

use blogreader_content::date::Date;

/// Reads a front matter date string as Hugo does; a date written without a zone takes
/// `default_offset_minutes`, the site's time zone.
pub fn parse_date(text: &str, default_offset_minutes: i32) -> Result<Date, String> {
    parse_date_in_zone(text, &|_| default_offset_minutes)
}

/// [`parse_date`] where a date written without a zone takes the offset `zone` gives for its
/// local date and time: the site's `timeZone`, whose offset changes with DST.
pub fn parse_date_in_zone(text: &str, zone: &dyn Fn(&Date) -> i32) -> Result<Date, String> {
    let trimmed = text.trim();
    super::date_forms::parse(trimmed, zone)
        .map_err(|reason| format!("cannot read \"{trimmed}\" as a date: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time_zone::{offset_minutes, zone_named};

    fn date(text: &str) -> Date {
        parse_date(text, 0).unwrap_or_else(|error| panic!("{error}"))
    }

    /// The instant of `text` read with no site time zone, as RFC 3339 in UTC.
    fn utc(text: &str) -> String {
        Date::from_unix(date(text).unix())
            .map(|date| date.rfc3339())
            .unwrap_or_default()
    }

    #[test]
    fn rfc1123_names_the_weekday_and_keeps_the_offset() {
        let date = parse_date("2025-05-10T13:01:56+03:00", 0).map(|date| date.rfc1123());
        assert_eq!(date, Ok("Sat, 10 May 2025 13:01:56 +0300".to_owned()));
        let date = parse_date("1969-12-31T23:00:00-07:30", 0).map(|date| date.rfc1123());
        assert_eq!(date, Ok("Wed, 31 Dec 1969 23:00:00 -0730".to_owned()));
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

    /// spf13/cast's `TestTime` (time_test.go): one text per layout Hugo's date casting tries,
    /// each the instant 2009-11-10 23:00 UTC (or the other date the table names).
    #[test]
    fn every_layout_of_hugos_date_casting_reads_its_example() {
        for (text, expected) in [
            ("2009-11-10 23:00:00 +0000 UTC", "2009-11-10T23:00:00Z"), // Time.String()
            ("Tue Nov 10 23:00:00 2009", "2009-11-10T23:00:00Z"),      // ANSIC
            ("Tue Nov 10 23:00:00 UTC 2009", "2009-11-10T23:00:00Z"),  // UnixDate
            ("Tue Nov 10 23:00:00 +0000 2009", "2009-11-10T23:00:00Z"), // RubyDate
            ("10 Nov 09 23:00 UTC", "2009-11-10T23:00:00Z"),           // RFC822
            ("10 Nov 09 23:00 +0000", "2009-11-10T23:00:00Z"),         // RFC822Z
            ("Tuesday, 10-Nov-09 23:00:00 UTC", "2009-11-10T23:00:00Z"), // RFC850
            ("Tue, 10 Nov 2009 23:00:00 UTC", "2009-11-10T23:00:00Z"), // RFC1123
            ("Tue, 10 Nov 2009 23:00:00 +0000", "2009-11-10T23:00:00Z"), // RFC1123Z
            ("2009-11-10T23:00:00Z", "2009-11-10T23:00:00Z"),          // RFC3339
            ("2018-10-21T23:21:29+0200", "2018-10-21T21:21:29Z"),      // no colon in the offset
            ("11:00PM", "0000-01-01T23:00:00Z"),                       // Kitchen
            ("Nov 10 23:00:00", "0000-11-10T23:00:00Z"),               // Stamp
            ("Nov 10 23:00:00.000", "0000-11-10T23:00:00Z"),           // StampMilli
            ("Nov 10 23:00:00.000000", "0000-11-10T23:00:00Z"),        // StampMicro
            ("Nov 10 23:00:00.000000000", "0000-11-10T23:00:00Z"),     // StampNano
            ("2016-03-06 15:28:01-00:00", "2016-03-06T15:28:01Z"),     // RFC3339 without T
            ("2016-03-06 15:28:01-0000", "2016-03-06T15:28:01Z"),
            ("2016-03-06 15:28:01", "2016-03-06T15:28:01Z"),
            ("2016-03-06 15:28:01 -0000", "2016-03-06T15:28:01Z"),
            ("2016-03-06 15:28:01 -00:00", "2016-03-06T15:28:01Z"),
            ("2016-03-06 15:28:01 +0900", "2016-03-06T06:28:01Z"),
            ("2016-03-06 15:28:01 +09:00", "2016-03-06T06:28:01Z"),
            ("2006-01-02", "2006-01-02T00:00:00Z"),
            ("02 Jan 2006", "2006-01-02T00:00:00Z"),
        ] {
            assert_eq!(utc(text), expected, "{text}");
        }
        // The table's failure case.
        assert!(parse_date("2006", 0).is_err());
    }

    /// Go's `15` hour reads one or two digits in every layout (the blog of issue 10 dates five
    /// posts so); `01`, `02`, `04` and `05` need two; `_2` takes one, or a space and one.
    /// Hugo has no test of its own for this: it is Go's `time.Parse` (its `getnum`).
    #[test]
    fn hours_may_have_one_digit_and_days_after_a_month_name_too() {
        assert_eq!(utc("2019-04-09T8:09:26-07:00"), "2019-04-09T15:09:26Z");
        assert_eq!(date("2019-04-09T8:09:26-07:00").offset_minutes, -420);
        assert_eq!(utc("2019-04-09 8:09:26"), "2019-04-09T08:09:26Z");
        assert_eq!(
            utc("Tue, 09 Apr 2019 8:09:26 +0000"),
            "2019-04-09T08:09:26Z"
        );
        assert_eq!(utc("Tue Apr  9 08:09:26 2019"), "2019-04-09T08:09:26Z");
        assert_eq!(utc("Tue Apr 9 08:09:26 2019"), "2019-04-09T08:09:26Z");
        assert_eq!(utc("9:30AM"), "0000-01-01T09:30:00Z");
        assert_eq!(utc("12:30AM"), "0000-01-01T00:30:00Z");
        for text in [
            "2019-4-09",
            "2019-04-9",
            "2019-04-09T08:9:26Z",
            "2019-04-09T08:09:6Z",
            "2019-04-09T108:09:26Z",
            "9 Apr 2019",
        ] {
            assert!(parse_date(text, 0).is_err(), "{text} should be rejected");
        }
    }

    /// Hugo's `TestTimeLocation` (tpl/time/time_test.go) and `TestTimeZones`
    /// (hugolib/dates_test.go): a date without a zone is in the site's `timeZone`; an offset
    /// written in the text wins over it.
    #[test]
    fn the_site_zone_applies_only_where_no_offset_is_written() {
        let in_zone = |text: &str, name: &str| {
            let zone = zone_named(name).expect("a known zone");
            parse_date_in_zone(text, &|date| offset_minutes(zone, date))
                .map(|date| date.rfc3339())
                .unwrap_or_else(|error| panic!("{error}"))
        };
        assert_eq!(
            in_zone("2020-10-20", "America/Antigua"),
            "2020-10-20T00:00:00-04:00"
        );
        assert_eq!(
            in_zone("2020-10-20", "America/New_York"),
            "2020-10-20T00:00:00-04:00"
        );
        assert_eq!(
            in_zone("2020-01-20", "America/New_York"),
            "2020-01-20T00:00:00-05:00"
        );
        assert_eq!(
            in_zone("2020-10-20 20:33:59", "America/New_York"),
            "2020-10-20T20:33:59-04:00"
        );
        assert_eq!(
            in_zone("2021-07-10 15:28:01", "America/Antigua"),
            "2021-07-10T15:28:01-04:00"
        );
        assert_eq!(
            in_zone("2020-09-23T20:33:44-0700", "America/New_York"),
            "2020-09-23T20:33:44-07:00"
        );
        assert_eq!(
            in_zone("2020-09-23T20:33:44+0200", "Europe/Oslo"),
            "2020-09-23T20:33:44+02:00"
        );
        // A zone name alone (RFC 1123, RFC 822, RFC 850, Unix date) does not say the offset:
        // Go gives a name it cannot resolve offset 0, and Hugo's date casting then reads the
        // wall clock in the site's zone, whatever the name (spf13/cast's
        // `TestTimeWithTimezones`).
        assert_eq!(
            in_zone("Tue, 10 Nov 2009 23:00:00 PST", "Europe/Oslo"),
            "2009-11-10T23:00:00+01:00"
        );
        assert_eq!(
            in_zone("Tue, 10 Nov 2009 23:00:00 UTC", "Europe/Oslo"),
            "2009-11-10T23:00:00+01:00"
        );
        assert_eq!(utc("10 Nov 09 23:00 CEST"), "2009-11-10T23:00:00Z");
        // Go labels the instant read as UTC with a `GMT+3` name without moving it, so the wall
        // clock cast reads is three hours on.
        assert_eq!(
            utc("Tue Nov 10 23:00:00 GMT+3 2009"),
            "2009-11-11T02:00:00Z"
        );
        assert_eq!(utc("Tue Nov 10 23:00:00 GMT 2009"), "2009-11-10T23:00:00Z");
        // Go's Time.String() form: the offset counts, but a `UTC` name is the zone itself.
        assert_eq!(
            in_zone("2009-11-10 23:00:00 +0300 MSK", "Europe/Oslo"),
            "2009-11-10T23:00:00+03:00"
        );
        assert_eq!(utc("2009-11-10 23:00:00 +0300 UTC"), "2009-11-10T23:00:00Z");
        // A clock time without a date is year 0 in UTC, whatever the site's zone.
        assert_eq!(in_zone("11:00PM", "Europe/Oslo"), "0000-01-01T23:00:00Z");
    }

    /// Hugo's `TestTOMLDates` (hugolib/dates_test.go): an offset datetime, and Go's own
    /// rules for offsets with and without a colon and for `Z` (upper case only, as Go's).
    #[test]
    fn zulu_and_offsets_with_and_without_colon() {
        assert_eq!(utc("2021-08-16T06:00:00+00:00"), "2021-08-16T06:00:00Z");
        assert_eq!(date("2025-05-10T10:01:56Z").unix(), 1_746_871_316);
        let western = date("2025-05-10T03:01:56-0700");
        assert_eq!(western.offset_minutes, -420);
        assert_eq!(western.unix(), 1_746_871_316);
        assert_eq!(
            date("2025-05-10T13:01:56+0300").rfc3339(),
            "2025-05-10T13:01:56+03:00"
        );
        assert_eq!(date("2025-05-10 13:01:56+03:00").unix(), 1_746_871_316);
        assert_eq!(date("2025-05-10 13:01:56 +0300").unix(), 1_746_871_316);
        assert_eq!(date("2025-05-10 10:01:56Z").unix(), 1_746_871_316);
        // Go allows offsets up to 24 hours and 60 minutes.
        assert_eq!(date("2025-05-10T13:01:56+24:00").offset_minutes, 1440);
        for text in [
            "2025-05-10T10:01:56z",
            "2025-05-10t10:01:56Z",
            "2025-05-10T13:01:56+03",
            "2025-05-10T13:01:56+3:00",
            "2025-05-10T13:01:56+25:00",
            "2025-05-10T13:01:56+03:61",
            "2025-05-10T13:01:56 +03:00",
        ] {
            assert!(parse_date(text, 0).is_err(), "{text} should be rejected");
        }
    }

    /// Go reads a fraction (after `.` or `,`) behind any seconds field, of any length; Hugo's
    /// `TestTime` cases for StampNano and Go's `Time.String()` form carry one.
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
        assert_eq!(date("2025-05-10 13:01:56,5").nanosecond, 500_000_000);
        assert_eq!(
            date("2009-11-10 23:00:00.123456789012 +0000 UTC").nanosecond,
            123_456_789
        );
        assert!(parse_date("2025-05-10T10:00:00.Z", 0).is_err());
    }

    #[test]
    fn a_date_without_zone_takes_the_default_offset() {
        let parsed = parse_date("2025-05-10T13:01:56", 120).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.offset_minutes, 120);
        assert_eq!(parsed.rfc3339(), "2025-05-10T13:01:56+02:00");
        let parsed = parse_date("02 Jan 2006", -300).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.rfc3339(), "2006-01-02T00:00:00-05:00");
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

    /// Names of months and weekdays in any case, as Go's `lookup`; the weekday is checked
    /// for spelling only (Go ignores whether it fits the date).
    #[test]
    fn names_are_read_in_any_case_and_weekdays_are_not_checked() {
        assert_eq!(
            utc("tue, 10 NOV 2009 23:00:00 +0000"),
            "2009-11-10T23:00:00Z"
        );
        assert_eq!(
            utc("Fri, 10 Nov 2009 23:00:00 +0000"),
            "2009-11-10T23:00:00Z"
        );
        assert_eq!(utc("02  jan   2006"), "2006-01-02T00:00:00Z");
        assert!(parse_date("Tus, 10 Nov 2009 23:00:00 +0000", 0).is_err());
        assert!(parse_date("02 January 2006", 0).is_err());
    }

    /// Hugo's `TestFormat` (tpl/time/time_test.go) reads the integer 1421733600 as Unix time
    /// (and refuses 1421733600.123): front matter integers go through the same cast.
    #[test]
    fn unix_time_is_utc_and_round_trips() {
        let parsed = Date::from_unix(1_421_733_600).expect("in range");
        assert_eq!(parsed.rfc3339(), "2015-01-20T06:00:00Z");
        assert_eq!(parsed.unix(), 1_421_733_600);
        for seconds in [0, -1, 951_782_400, -62_167_219_200, 253_402_300_799] {
            let parsed = Date::from_unix(seconds).expect("in range");
            assert_eq!(parsed.unix(), seconds, "{seconds}");
            assert_eq!(Date::from_rfc3339(&parsed.rfc3339()), Some(parsed));
        }
        assert_eq!(Date::from_unix(-62_167_219_201), None);
        assert_eq!(Date::from_unix(253_402_300_800), None);
        assert_eq!(Date::from_unix(i64::MIN), None);
        assert_eq!(Date::from_unix(i64::MAX), None);
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
            "13:00PM",
        ] {
            assert!(parse_date(text, 0).is_err(), "{text} should be rejected");
        }
        assert_eq!(date("2024-02-29").day, 29);
        assert_eq!(date("2000-02-29").day, 29);
    }

    #[test]
    fn malformed_text_is_an_error_not_a_panic() {
        for text in [
            "",
            "2025",
            "1700000000",
            "10/05/2025",
            "2025-05-10T",
            "2025-05-10T1:00",
            "2025-05-10T13:01",
            "2025-05-10x",
            "2025-05-10T10:00:00.",
            "2025-05-10T10:00:00+",
            "2025-05-10T10:00:00 bogus!",
            "٢٠٢٥-05-10",
            "2025-05-1é",
            "Tue, 10 Nov 2009 23:00:00 é",
            "2009-11-10 23:00:00 +0000 ChS",
        ] {
            assert!(parse_date(text, 0).is_err(), "{text:?} should be rejected");
        }
        let message = parse_date("2025-13-01", 0).err().unwrap_or_default();
        assert_eq!(
            message,
            "cannot read \"2025-13-01\" as a date: month 13 is not between 1 and 12"
        );
        let message = parse_date("2025-05-10 13:01:56 CEST", 0)
            .err()
            .unwrap_or_default();
        assert_eq!(
            message,
            "cannot read \"2025-05-10 13:01:56 CEST\" as a date: expected an offset such as \
             +03:00 or -0700"
        );
    }

    #[test]
    fn reading_time_is_linear_in_the_text() {
        let long = format!("2025-05-10 13:01:56.{}", "9".repeat(1 << 20));
        let started = std::time::Instant::now();
        assert!(parse_date(&long, 0).is_ok());
        assert!(parse_date(&" ".repeat(1 << 20), 0).is_err());
        assert!(parse_date(&format!("02{}Jan 2006", " ".repeat(1 << 20)), 0).is_ok());
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    }

    #[test]
    fn the_index_form_round_trips_and_nothing_else_is_read() {
        for text in [
            "2025-05-10T13:01:56+03:00",
            "2025-05-10T13:01:56.25-07:30",
            "0000-01-01T23:00:00Z",
            "2025-05-10T13:01:56+24:00",
        ] {
            let parsed = Date::from_rfc3339(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(parsed.rfc3339(), text);
        }
        for text in [
            "2025-05-10",
            "2025-05-10 13:01:56Z",
            "2025-05-10T13:01:56",
            "2025-05-10T13:01:56+0300",
            "2025-02-30T13:01:56Z",
            "2025-05-10T13:01:56.Z",
            "2025-05-10T13:01:56.1234567891Z",
            "2025-05-10T13:01:56Zjunk",
            "2025-05-10T13:01:56+03:00junk",
            "+025-05-10T13:01:56Z",
        ] {
            assert_eq!(Date::from_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn serde_uses_the_rfc3339_string() {
        let parsed = date("2025-05-10T13:01:56+03:00");
        let json = serde_json::to_string(&parsed).unwrap_or_default();
        assert_eq!(json, "\"2025-05-10T13:01:56+03:00\"");
        let back: Date = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, parsed);
        assert!(serde_json::from_str::<Date>("\"not a date\"").is_err());
        assert!(serde_json::from_str::<Date>("\"2025-05-10\"").is_err());
    }
}

//! Dates in templates as Go's `time.Time`: `.Page.Date`, `.Page.Lastmod` and what `time`
//! reads, their `.Format` with Go's reference layout (`January 2, 2006`), and the fields
//! templates read (`.Year`, `.Month`, `.Day`, `.Unix`…). In the site's own offset, as Hugo
//! shows a date as it was written.

use blogreader_content::date::Date;

use super::value::Value;

/// Go's zero time (`0001-01-01 00:00:00 UTC`): a page date that is not set.
pub(crate) const ZERO: Date = Date {
    year: 1,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    nanosecond: 0,
    offset_minutes: 0,
};

/// `.name` of a date (`arguments` for `.Format`).
pub(crate) fn field(date: &Date, name: &str, arguments: &[Value]) -> Result<Value, String> {
    let int = |value: i64| Value::Int(value);
    Ok(match name {
        "Format" => Value::Str(format(
            date,
            &arguments.first().map(Value::text).unwrap_or_default(),
        )),
        "Year" => int(i64::from(date.year)),
        "Month" => Value::Str(date.month_name().to_owned()),
        "Day" => int(i64::from(date.day)),
        "Hour" => int(i64::from(date.hour)),
        "Minute" => int(i64::from(date.minute)),
        "Second" => int(i64::from(date.second)),
        "Weekday" => Value::Str(date.weekday_name().to_owned()),
        "YearDay" => int(year_day(date)),
        "Unix" => int(date.unix()),
        "IsZero" => Value::Bool(*date == ZERO),
        other => {
            return Err(format!(
                "reads .{other} of a date, which this reader does not run"
            ));
        }
    })
}

/// Go's `Time.String()`, what a date prints as.
pub(crate) fn text(date: &Date) -> String {
    format(date, "2006-01-02 15:04:05 -0700 MST")
}

/// `date` written by Go's reference `layout`: each of its elements (`2006`, `Jan`, `_2`,
/// `15`, `PM`, `-07:00`, `.000`…) replaced, the rest as it is. Linear in the layout.
pub(crate) fn format(date: &Date, layout: &str) -> String {
    let mut out = String::with_capacity(layout.len() + 8);
    let mut rest = layout;
    while let Some(character) = rest.chars().next() {
        let (written, length) =
            element(date, rest).unwrap_or_else(|| (character.to_string(), character.len_utf8()));
        out.push_str(&written);
        rest = rest.get(length..).unwrap_or("");
    }
    out
}

/// The element of a layout that `rest` starts with, written for `date`, and its length.
fn element(date: &Date, rest: &str) -> Option<(String, usize)> {
    let starts = |prefix: &str| rest.starts_with(prefix);
    let hour12 = match date.hour % 12 {
        0 => 12,
        hour => hour,
    };
    let year = date.year;
    Some(match () {
        () if starts("January") => (date.month_name().to_owned(), 7),
        () if starts("Jan") => (date.month_name().get(..3)?.to_owned(), 3),
        () if starts("Monday") => (date.weekday_name().to_owned(), 6),
        () if starts("Mon") => (date.weekday_name().get(..3)?.to_owned(), 3),
        () if starts("MST") => (zone_name(date), 3),
        () if starts("2006") => (format!("{year:04}"), 4),
        () if starts("002") => (format!("{:03}", year_day(date)), 3),
        () if starts("01") => (format!("{:02}", date.month), 2),
        () if starts("02") => (format!("{:02}", date.day), 2),
        () if starts("03") => (format!("{hour12:02}"), 2),
        () if starts("04") => (format!("{:02}", date.minute), 2),
        () if starts("05") => (format!("{:02}", date.second), 2),
        () if starts("06") => (format!("{:02}", year.rem_euclid(100)), 2),
        () if starts("15") => (format!("{:02}", date.hour), 2),
        () if starts("1") => (date.month.to_string(), 1),
        () if starts("2") => (date.day.to_string(), 1),
        () if starts("__2") => (format!("{:>3}", year_day(date)), 3),
        () if starts("_2") => (format!("{:>2}", date.day), 2),
        () if starts("3") => (hour12.to_string(), 1),
        () if starts("4") => (date.minute.to_string(), 1),
        () if starts("5") => (date.second.to_string(), 1),
        () if starts("PM") => ((if date.hour >= 12 { "PM" } else { "AM" }).to_owned(), 2),
        () if starts("pm") => ((if date.hour >= 12 { "pm" } else { "am" }).to_owned(), 2),
        () if starts("Z07:00") => (offset(date, true, ":", "Z"), 6),
        () if starts("Z0700") => (offset(date, true, "", "Z"), 5),
        () if starts("Z07") => (offset(date, false, "", "Z"), 3),
        () if starts("-07:00") => (offset(date, true, ":", "+00:00"), 6),
        () if starts("-0700") => (offset(date, true, "", "+0000"), 5),
        () if starts("-07") => (offset(date, false, "", "+00"), 3),
        () if starts(".") || starts(",") => fraction(date, rest)?,
        () => return None,
    })
}

/// `.000` (so many digits) or `.999` (as many as needed, none when whole) after a dot or
/// comma, when no digit follows.
fn fraction(date: &Date, rest: &str) -> Option<(String, usize)> {
    let digits = rest.get(1..)?;
    let kind = digits
        .chars()
        .next()
        .filter(|kind| matches!(kind, '0' | '9'))?;
    let count = digits.chars().take_while(|digit| *digit == kind).count();
    if digits
        .chars()
        .nth(count)
        .is_some_and(|next| next.is_ascii_digit())
    {
        return None;
    }
    let nanoseconds = format!("{:09}", date.nanosecond);
    let shown = nanoseconds.get(..count.min(9)).unwrap_or("");
    let separator = rest.get(..1)?;
    let written = if kind == '0' {
        format!("{separator}{shown}")
    } else {
        let trimmed = shown.trim_end_matches('0');
        if trimmed.is_empty() {
            String::new()
        } else {
            format!("{separator}{trimmed}")
        }
    };
    Some((written, 1 + count))
}

/// The offset as `+03:00` (`with_minutes`, `separator` between), `utc` when it is zero.
fn offset(date: &Date, with_minutes: bool, separator: &str, utc: &str) -> String {
    if date.offset_minutes == 0 {
        return utc.to_owned();
    }
    let sign = if date.offset_minutes < 0 { '-' } else { '+' };
    let minutes = date.offset_minutes.unsigned_abs();
    if with_minutes {
        format!("{sign}{:02}{separator}{:02}", minutes / 60, minutes % 60)
    } else {
        format!("{sign}{:02}", minutes / 60)
    }
}

/// Go writes a zone's abbreviation; an offset written in the date has none, so `UTC` or the
/// offset, as Go writes a zone without a name.
fn zone_name(date: &Date) -> String {
    offset(date, true, "", "UTC")
}

fn year_day(date: &Date) -> i64 {
    let first = Date {
        month: 1,
        day: 1,
        ..*date
    };
    (date.unix() - first.unix()).div_euclid(86_400) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::from_rfc3339(text).expect("a date")
    }

    /// Each checked against Go's `time.Format` (Hugo 0.111's `.Format`) by hand.
    #[test]
    fn layouts_write_as_go_writes_them() {
        let afternoon = date("2024-03-04T15:07:09.25+05:30");
        for (layout, written) in [
            ("January 2, 2006", "March 4, 2024"),
            ("Jan _2 06", "Mar  4 24"),
            ("Monday, 02.01.2006", "Monday, 04.03.2024"),
            ("Mon 3:04PM", "Mon 3:07PM"),
            ("15:04:05.000 -07:00", "15:07:09.250 +05:30"),
            (
                "2006-01-02T15:04:05.999Z07:00",
                "2024-03-04T15:07:09.25+05:30",
            ),
            ("002 pm MST", "064 pm +0530"),
            ("Day 2 of 1", "Day 4 of 3"),
        ] {
            assert_eq!(format(&afternoon, layout), written, "{layout}");
        }
        let midnight = date("2023-12-31T00:05:00Z");
        assert_eq!(format(&midnight, "03:04 PM Z07:00 .999"), "12:05 AM Z ");
        assert_eq!(text(&midnight), "2023-12-31 00:05:00 +0000 UTC");
        assert_eq!(format(&midnight, "Sunday: ü"), "Sunday: ü");
    }

    #[test]
    fn fields_read_the_date_as_written() {
        let afternoon = date("2024-03-04T15:07:09+05:30");
        let read = |name: &str| field(&afternoon, name, &[]).map(|value| value.text());
        assert_eq!(read("Year"), Ok("2024".to_owned()));
        assert_eq!(read("Month"), Ok("March".to_owned()));
        assert_eq!(read("Weekday"), Ok("Monday".to_owned()));
        assert_eq!(read("YearDay"), Ok("64".to_owned()));
        assert_eq!(read("IsZero"), Ok("false".to_owned()));
        assert_eq!(
            field(&ZERO, "IsZero", &[]).map(|value| value.text()),
            Ok("true".to_owned())
        );
        assert!(read("Location").is_err());
    }
}

//! Every date form Hugo reads in front matter: the layouts spf13/cast tries in turn for Hugo's
//! `htime.ToTimeInDefaultLocationE`, each read as Go's `time.Parse` reads it (one- or
//! two-digit hours, month and day names in any case, runs of spaces, fractional seconds after
//! any seconds field, zone names), and integers as Unix time. Only the native tool reads
//! front matter; the browser gets every date from the route data ([`Date::from_rfc3339`]),
//! so none of this reaches the wasm bundle.

use blogreader_content::date::{Date, WEEKDAY_NAMES};

/// One field or literal of a Go layout, named after Go's own layout element.
#[derive(Clone, Copy)]
enum Element {
    /// Text that must be there; a space stands for a run of spaces (Go's `skip`).
    Literal(&'static str),
    /// `2006`: four digits.
    LongYear,
    /// `06`: two digits, 69-99 in the 1900s, else the 2000s.
    Year,
    /// `01`: two digits.
    ZeroMonth,
    /// `Jan`: a month's three-letter name, any case.
    MonthName,
    /// `Mon`: a weekday's three-letter name, any case; checked, otherwise ignored.
    WeekdayName,
    /// `Monday`: a weekday's full name, any case; checked, otherwise ignored.
    LongWeekdayName,
    /// `02`: two digits.
    ZeroDay,
    /// `_2`: an optional space, then one or two digits.
    UnderDay,
    /// `15`: one or two digits, below 24.
    Hour,
    /// `3`: one or two digits, at most 12, with `PM` after it.
    Hour12,
    /// `04`: two digits.
    ZeroMinute,
    /// `05`: two digits; a fraction may follow even where the layout has none.
    ZeroSecond,
    /// `.999999999`: an optional fraction of any length.
    Fraction,
    /// `PM`: `AM` or `PM`, upper case.
    Meridiem,
    /// `MST`: a zone name as Go recognises one (`UTC`, `PST`, `CEST`, `GMT+3`, `+03`).
    ZoneName,
    /// `-0700`: sign, two hour and two minute digits.
    Offset,
    /// `-07:00`.
    ColonOffset,
    /// `Z0700`: `Z` or `-0700`.
    ZuluOffset,
    /// `Z07:00`: `Z` or `-07:00`.
    ZuluColonOffset,
}

/// What cast makes of a layout's zone (its `TimeFormatType`).
#[derive(Clone, Copy, PartialEq)]
enum ZoneKind {
    /// No zone in the layout: the site's time zone.
    NoZone,
    /// A zone name only: cast reads the wall clock in the site's time zone, whatever the name
    /// (`PST` included: Go gives an unknown name offset 0, and cast then replaces the zone).
    Named,
    /// A numeric offset (or `Z`).
    Numeric,
    /// An offset and a name (Go's `Time.String()`): the offset counts, unless the name is `UTC`,
    /// which Go's parser takes as the zone itself.
    NumericAndNamed,
    /// A clock time without a date: year 0, UTC.
    TimeOnly,
}

use Element::*;

/// cast's `TimeFormats` (v1.10, as current Hugo uses; 0.111's v1.5 has the same list), in its
/// order: the first layout that reads the whole text wins. Its `StampMilli`, `StampMicro` and
/// `StampNano` are left out: `Stamp` before them reads every text they read, fraction and all.
const LAYOUTS: &[(&[Element], ZoneKind)] = &[
    // 2006-01-02
    (
        &[LongYear, Literal("-"), ZeroMonth, Literal("-"), ZeroDay],
        ZoneKind::NoZone,
    ),
    // RFC 3339: 2006-01-02T15:04:05Z07:00
    (
        &[
            LongYear,
            Literal("-"),
            ZeroMonth,
            Literal("-"),
            ZeroDay,
            Literal("T"),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            ZuluColonOffset,
        ],
        ZoneKind::Numeric,
    ),
    // 2006-01-02T15:04:05
    (
        &[
            LongYear,
            Literal("-"),
            ZeroMonth,
            Literal("-"),
            ZeroDay,
            Literal("T"),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
        ],
        ZoneKind::NoZone,
    ),
    // RFC 1123Z: Mon, 02 Jan 2006 15:04:05 -0700
    (
        &[
            WeekdayName,
            Literal(", "),
            ZeroDay,
            Literal(" "),
            MonthName,
            Literal(" "),
            LongYear,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            Literal(" "),
            Offset,
        ],
        ZoneKind::Numeric,
    ),
    // RFC 1123: Mon, 02 Jan 2006 15:04:05 MST
    (
        &[
            WeekdayName,
            Literal(", "),
            ZeroDay,
            Literal(" "),
            MonthName,
            Literal(" "),
            LongYear,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            Literal(" "),
            ZoneName,
        ],
        ZoneKind::Named,
    ),
    // RFC 822Z: 02 Jan 06 15:04 -0700
    (
        &[
            ZeroDay,
            Literal(" "),
            MonthName,
            Literal(" "),
            Year,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(" "),
            Offset,
        ],
        ZoneKind::Numeric,
    ),
    // RFC 822: 02 Jan 06 15:04 MST
    (
        &[
            ZeroDay,
            Literal(" "),
            MonthName,
            Literal(" "),
            Year,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(" "),
            ZoneName,
        ],
        ZoneKind::Named,
    ),
    // RFC 850: Monday, 02-Jan-06 15:04:05 MST
    (
        &[
            LongWeekdayName,
            Literal(", "),
            ZeroDay,
            Literal("-"),
            MonthName,
            Literal("-"),
            Year,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            Literal(" "),
            ZoneName,
        ],
        ZoneKind::Named,
    ),
    // Go's Time.String(): 2006-01-02 15:04:05.999999999 -0700 MST
    (
        &[
            LongYear,
            Literal("-"),
            ZeroMonth,
            Literal("-"),
            ZeroDay,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            Fraction,
            Literal(" "),
            Offset,
            Literal(" "),
            ZoneName,
        ],
        ZoneKind::NumericAndNamed,
    ),
    // 2006-01-02T15:04:05-0700
    (
        &[
            LongYear,
            Literal("-"),
            ZeroMonth,
            Literal("-"),
            ZeroDay,
            Literal("T"),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            Offset,
        ],
        ZoneKind::Numeric,
    ),
    // 2006-01-02 15:04:05Z0700
    (
        &[
            LongYear,
            Literal("-"),
            ZeroMonth,
            Literal("-"),
            ZeroDay,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            ZuluOffset,
        ],
        ZoneKind::Numeric,
    ),
    // 2006-01-02 15:04:05
    (
        &[
            LongYear,
            Literal("-"),
            ZeroMonth,
            Literal("-"),
            ZeroDay,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
        ],
        ZoneKind::NoZone,
    ),
    // ANSIC: Mon Jan _2 15:04:05 2006
    (
        &[
            WeekdayName,
            Literal(" "),
            MonthName,
            Literal(" "),
            UnderDay,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            Literal(" "),
            LongYear,
        ],
        ZoneKind::NoZone,
    ),
    // Unix date: Mon Jan _2 15:04:05 MST 2006
    (
        &[
            WeekdayName,
            Literal(" "),
            MonthName,
            Literal(" "),
            UnderDay,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            Literal(" "),
            ZoneName,
            Literal(" "),
            LongYear,
        ],
        ZoneKind::Named,
    ),
    // Ruby date: Mon Jan 02 15:04:05 -0700 2006
    (
        &[
            WeekdayName,
            Literal(" "),
            MonthName,
            Literal(" "),
            ZeroDay,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            Literal(" "),
            Offset,
            Literal(" "),
            LongYear,
        ],
        ZoneKind::Numeric,
    ),
    // 2006-01-02 15:04:05Z07:00
    (
        &[
            LongYear,
            Literal("-"),
            ZeroMonth,
            Literal("-"),
            ZeroDay,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            ZuluColonOffset,
        ],
        ZoneKind::Numeric,
    ),
    // 02 Jan 2006
    (
        &[ZeroDay, Literal(" "), MonthName, Literal(" "), LongYear],
        ZoneKind::NoZone,
    ),
    // 2006-01-02 15:04:05 -07:00
    (
        &[
            LongYear,
            Literal("-"),
            ZeroMonth,
            Literal("-"),
            ZeroDay,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            Literal(" "),
            ColonOffset,
        ],
        ZoneKind::Numeric,
    ),
    // 2006-01-02 15:04:05 -0700
    (
        &[
            LongYear,
            Literal("-"),
            ZeroMonth,
            Literal("-"),
            ZeroDay,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
            Literal(" "),
            Offset,
        ],
        ZoneKind::Numeric,
    ),
    // Kitchen: 3:04PM
    (
        &[Hour12, Literal(":"), ZeroMinute, Meridiem],
        ZoneKind::TimeOnly,
    ),
    // Stamp: Jan _2 15:04:05
    (
        &[
            MonthName,
            Literal(" "),
            UnderDay,
            Literal(" "),
            Hour,
            Literal(":"),
            ZeroMinute,
            Literal(":"),
            ZeroSecond,
        ],
        ZoneKind::TimeOnly,
    ),
];

const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SHORT_DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Reads a front matter date string as Hugo does; a text without a zone takes the offset
/// `zone` gives for its local date and time (the site's `timeZone`). The error names what
/// stopped the layout that read furthest.
pub(crate) fn parse(text: &str, zone: &dyn Fn(&Date) -> i32) -> Result<Date, String> {
    let mut furthest = Failure {
        at: 0,
        reason: "it is in none of the forms Hugo reads".to_owned(),
    };
    for (layout, kind) in LAYOUTS {
        match read_layout(text.as_bytes(), layout) {
            Ok(fields) => return Ok(fields.into_date(*kind, zone)),
            Err(failure) if failure.at > furthest.at => furthest = failure,
            Err(_) => {}
        }
    }
    Err(furthest.reason)
}

/// Why a layout did not read the text, and how far it got.
struct Failure {
    at: usize,
    reason: String,
}

/// What one layout read.
struct Fields {
    year: i32,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    /// `Z`, or the zone name `UTC`.
    utc: bool,
    offset_minutes: Option<i32>,
    /// The N of a `GMT+N` zone name.
    gmt_hours: i32,
}

impl Fields {
    fn into_date(self, kind: ZoneKind, zone: &dyn Fn(&Date) -> i32) -> Date {
        let mut date = Date {
            year: self.year,
            month: self.month,
            day: self.day,
            hour: self.hour,
            minute: self.minute,
            second: self.second,
            nanosecond: self.nanosecond,
            offset_minutes: 0,
        };
        date.offset_minutes = match kind {
            ZoneKind::NoZone | ZoneKind::Named => zone(&date),
            ZoneKind::TimeOnly => 0,
            ZoneKind::Numeric | ZoneKind::NumericAndNamed if self.utc => 0,
            ZoneKind::Numeric | ZoneKind::NumericAndNamed => self.offset_minutes.unwrap_or(0),
        };
        date
    }
}

/// Reads all of `text` with one layout, as Go's `time.Parse` does.
fn read_layout(text: &[u8], layout: &[Element]) -> Result<Fields, Failure> {
    let mut cursor = Cursor { text, at: 0 };
    let mut fields = Fields {
        year: 0,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        nanosecond: 0,
        utc: false,
        offset_minutes: None,
        gmt_hours: 0,
    };
    let mut pm = None;
    for (index, element) in layout.iter().enumerate() {
        let next = layout.get(index + 1).copied();
        cursor.element(*element, next, &mut fields, &mut pm)?;
    }
    if cursor.at < text.len() {
        return Err(cursor.fail(format!(
            "unexpected \"{}\" at the end",
            String::from_utf8_lossy(cursor.rest())
        )));
    }
    match pm {
        Some(true) if fields.hour < 12 => fields.hour += 12,
        Some(false) if fields.hour == 12 => fields.hour = 0,
        _ => {}
    }
    let last_day = blogreader_content::date::days_in_month(fields.year, fields.month);
    if fields.day == 0 || fields.day > last_day {
        return Err(cursor.fail(format!(
            "day {} is not between 1 and {last_day}",
            fields.day
        )));
    }
    if fields.gmt_hours != 0 && !fields.utc && fields.offset_minutes.is_none() {
        shift_by_gmt_name(&mut fields).ok_or_else(|| cursor.fail("out of range".to_owned()))?;
    }
    Ok(fields)
}

/// Go keeps the instant a `GMT+3` name is read at as if it were UTC and only labels it
/// `GMT+3`, so its wall clock, which cast then reads in the site's zone, is three hours later
/// than written.
fn shift_by_gmt_name(fields: &mut Fields) -> Option<()> {
    let written = Date {
        year: fields.year,
        month: fields.month,
        day: fields.day,
        hour: fields.hour,
        minute: fields.minute,
        second: fields.second,
        nanosecond: 0,
        offset_minutes: 0,
    };
    let shifted = Date::from_unix(written.unix() + i64::from(fields.gmt_hours) * 3600)?;
    fields.year = shifted.year;
    fields.month = shifted.month;
    fields.day = shifted.day;
    fields.hour = shifted.hour;
    fields.minute = shifted.minute;
    fields.second = shifted.second;
    Some(())
}

/// A position in the text; every step checks before it consumes.
struct Cursor<'a> {
    text: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a [u8] {
        self.text.get(self.at..).unwrap_or_default()
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.text.get(self.at + ahead).copied()
    }

    fn fail(&self, reason: String) -> Failure {
        Failure {
            at: self.at,
            reason,
        }
    }

    fn expected(&self, what: &str) -> Failure {
        self.fail(format!("expected {what}"))
    }

    fn skip_spaces(&mut self) {
        while self.peek(0) == Some(b' ') {
            self.at += 1;
        }
    }

    fn element(
        &mut self,
        element: Element,
        next: Option<Element>,
        fields: &mut Fields,
        pm: &mut Option<bool>,
    ) -> Result<(), Failure> {
        match element {
            Literal(literal) => self.literal(literal)?,
            LongYear => {
                let digits = self.text.get(self.at..self.at + 4);
                let year = digits.and_then(parse_digits);
                fields.year =
                    i32::try_from(year.ok_or_else(|| self.expected("a four-digit year"))?)
                        .unwrap_or(0);
                self.at += 4;
            }
            Year => {
                let digits = self.text.get(self.at..self.at + 2);
                let year = digits
                    .and_then(parse_digits)
                    .ok_or_else(|| self.expected("a two-digit year"))?;
                let year = i32::try_from(year).unwrap_or(0);
                fields.year = if year >= 69 { 1900 + year } else { 2000 + year };
                self.at += 2;
            }
            ZeroMonth => {
                fields.month = self.number(true, "a two-digit month")?;
                if !(1..=12).contains(&fields.month) {
                    return Err(
                        self.fail(format!("month {} is not between 1 and 12", fields.month))
                    );
                }
            }
            MonthName => {
                let month = self.name(&SHORT_MONTHS, "a month name such as Jan")?;
                fields.month = u8::try_from(month + 1).unwrap_or(1);
            }
            WeekdayName => {
                self.name(&SHORT_DAYS, "a weekday such as Mon")?;
            }
            LongWeekdayName => {
                self.name(&WEEKDAY_NAMES, "a weekday such as Monday")?;
            }
            ZeroDay => fields.day = self.number(true, "a two-digit day")?,
            UnderDay => {
                if self.peek(0) == Some(b' ') {
                    self.at += 1;
                }
                fields.day = self.number(false, "a day")?;
            }
            Hour => {
                fields.hour = self.number(false, "an hour")?;
                if fields.hour >= 24 {
                    return Err(self.fail(format!("hour {} is not below 24", fields.hour)));
                }
            }
            Hour12 => {
                fields.hour = self.number(false, "an hour")?;
                if fields.hour > 12 {
                    return Err(self.fail(format!("hour {} is above 12", fields.hour)));
                }
            }
            ZeroMinute => {
                fields.minute = self.number(true, "two-digit minutes")?;
                if fields.minute >= 60 {
                    return Err(self.fail(format!("minute {} is not below 60", fields.minute)));
                }
            }
            ZeroSecond => {
                fields.second = self.number(true, "two-digit seconds")?;
                if fields.second >= 60 {
                    return Err(self.fail(format!("second {} is not below 60", fields.second)));
                }
                // Go reads a fraction after any seconds, unless the layout's next field is one.
                if !matches!(next, Some(Fraction)) {
                    self.fraction(fields);
                }
            }
            Fraction => self.fraction(fields),
            Meridiem => {
                *pm = match self.text.get(self.at..self.at + 2) {
                    Some(b"PM") => Some(true),
                    Some(b"AM") => Some(false),
                    _ => return Err(self.expected("AM or PM")),
                };
                self.at += 2;
            }
            ZoneName => self.zone_name(fields)?,
            Offset | ZuluOffset | ColonOffset | ZuluColonOffset => {
                if matches!(element, ZuluOffset | ZuluColonOffset) && self.peek(0) == Some(b'Z') {
                    self.at += 1;
                    fields.utc = true;
                } else {
                    let colon = matches!(element, ColonOffset | ZuluColonOffset);
                    fields.offset_minutes = Some(self.offset(colon)?);
                }
            }
        }
        Ok(())
    }

    /// Go's `skip`: each character as written, a space in the layout for a run of spaces
    /// (or for the end of the text).
    fn literal(&mut self, literal: &str) -> Result<(), Failure> {
        for byte in literal.bytes() {
            if byte == b' ' {
                match self.peek(0) {
                    Some(b' ') | None => self.skip_spaces(),
                    Some(_) => return Err(self.expected("a space")),
                }
            } else if self.peek(0) == Some(byte) {
                self.at += 1;
            } else {
                return Err(self.expected(&format!("\"{}\"", char::from(byte))));
            }
        }
        Ok(())
    }

    /// Go's `getnum`: two digits, or one when the field is not zero-padded.
    fn number(&mut self, two_digits: bool, what: &str) -> Result<u8, Failure> {
        let first = self.peek(0).filter(u8::is_ascii_digit);
        let Some(first) = first else {
            return Err(self.expected(what));
        };
        match self.peek(1).filter(u8::is_ascii_digit) {
            Some(second) => {
                self.at += 2;
                Ok((first - b'0') * 10 + (second - b'0'))
            }
            None if two_digits => Err(self.expected(what)),
            None => {
                self.at += 1;
                Ok(first - b'0')
            }
        }
    }

    /// One of `names`, matched in any case; its index.
    fn name(&mut self, names: &[&str], what: &str) -> Result<usize, Failure> {
        let rest = self.rest();
        let found = names.iter().position(|name| {
            rest.get(..name.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(name.as_bytes()))
        });
        let index = found.ok_or_else(|| self.expected(what))?;
        self.at += names.get(index).map_or(0, |name| name.len());
        Ok(index)
    }

    /// `.` or `,` and digits, as nanoseconds (digits past the ninth are read and dropped);
    /// nothing when no digit follows the mark.
    fn fraction(&mut self, fields: &mut Fields) {
        let marked = matches!(self.peek(0), Some(b'.' | b','));
        if !marked || !self.peek(1).is_some_and(|byte| byte.is_ascii_digit()) {
            return;
        }
        self.at += 1;
        let mut nanos: u32 = 0;
        let mut count = 0;
        while let Some(digit) = self.peek(0).filter(u8::is_ascii_digit) {
            if count < 9 {
                nanos = nanos * 10 + u32::from(digit - b'0');
            }
            count += 1;
            self.at += 1;
        }
        for _ in count..9 {
            nanos *= 10;
        }
        fields.nanosecond = nanos;
    }

    /// `-0700` or `-07:00`: Go allows up to 24 hours and 60 minutes.
    fn offset(&mut self, colon: bool) -> Result<i32, Failure> {
        let sign = match self.peek(0) {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Err(self.expected("an offset such as +03:00 or -0700")),
        };
        let length = if colon { 6 } else { 5 };
        let written = self.text.get(self.at..self.at + length);
        let (hours, minutes) = match written {
            Some([_, h1, h2, b':', m1, m2]) if colon => ([*h1, *h2], [*m1, *m2]),
            Some([_, h1, h2, m1, m2]) if !colon => ([*h1, *h2], [*m1, *m2]),
            _ => return Err(self.expected("an offset such as +03:00 or -0700")),
        };
        let (Some(hours), Some(minutes)) = (parse_digits(&hours), parse_digits(&minutes)) else {
            return Err(self.expected("an offset such as +03:00 or -0700"));
        };
        if hours > 24 || minutes > 60 {
            return Err(self.fail(format!("offset {hours:02}:{minutes:02} is out of range")));
        }
        self.at += length;
        Ok(sign * i32::try_from(hours * 60 + minutes).unwrap_or(0))
    }

    /// Go's `parseTimeZone`: `UTC`; three upper-case letters, four or five ending in `T`
    /// (and `WITA`, `ChST`, `MeST`); `GMT` with an optional signed hour; `+03`.
    fn zone_name(&mut self, fields: &mut Fields) -> Result<(), Failure> {
        let rest = self.rest();
        if rest.starts_with(b"UTC") {
            fields.utc = true;
            self.at += 3;
            return Ok(());
        }
        let length = if rest.len() < 3 {
            None
        } else if rest.starts_with(b"ChST") || rest.starts_with(b"MeST") {
            Some(4)
        } else if let Some(after) = rest.strip_prefix(b"GMT") {
            let hours = signed_hour(after);
            fields.gmt_hours = hours.map_or(0, |(value, _)| value);
            Some(3 + hours.map_or(0, |(_, length)| length))
        } else if rest.starts_with(b"+") || rest.starts_with(b"-") {
            signed_hour(rest).map(|(_, length)| length)
        } else {
            let upper = rest
                .iter()
                .take(6)
                .take_while(|byte| byte.is_ascii_uppercase())
                .count();
            match upper {
                3 => Some(3),
                4 if rest.get(3) == Some(&b'T') || rest.starts_with(b"WITA") => Some(4),
                5 if rest.get(4) == Some(&b'T') => Some(5),
                _ => None,
            }
        };
        let length = length.ok_or_else(|| self.expected("a time zone name such as UTC or PST"))?;
        self.at += length;
        Ok(())
    }
}

/// `+3` or `-11` (a sign and a number up to 23) at the start of `text`: its value and length.
fn signed_hour(text: &[u8]) -> Option<(i32, usize)> {
    let (sign, digits) = text.split_first()?;
    let sign = match sign {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let count = digits
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count();
    let value = digits.get(..count).and_then(parse_digits)?;
    (value <= 23).then_some((sign * i32::try_from(value).unwrap_or(0), 1 + count))
}

/// All-digit bytes as a number (`None` when empty, not all digits, or too long to matter).
fn parse_digits(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        digits
            .iter()
            .fold(0, |value, digit| value * 10 + u32::from(digit - b'0')),
    )
}

//! Line numbers and highlighted lines of code blocks, Hugo's `lineNos`, `hl_lines` and
//! `lineNoStart`: ```` ```go {lineNos=inline, hl_lines=[2, "4-5"], lineNoStart=10} ```` on a
//! fenced block, `{{< highlight go "linenos=table,hl_lines=2 3" >}}` on the shortcode.
//!
//! Each line becomes `<span class="line">` (`line hl` when highlighted, Chroma's classes)
//! holding its code in `<span class="cl">`. A line's number is an empty
//! `<span class="ln" data-ln="10">` that the style sheet shows (`lnt` for `linenos=table`: kept
//! in view when the code scrolls sideways, as Chroma's table column is). The numbers are not
//! in the code's text, so the Copy button, a selection and a screen reader get the code alone.
//! Numbers are right-aligned with spaces to the widest, and `hl_lines` counts the block's
//! lines from 1 whatever `lineNoStart` is, as in Hugo. Ranges are clamped to the block's
//! lines, never walked: the work is linear in the code and the options, whatever they say.

/// Where the line numbers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbers {
    None,
    Inline,
    Table,
}

/// A block's line options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineOptions {
    numbers: Numbers,
    /// The number of the first line (`lineNoStart`, 1 by default).
    start: i64,
    /// Highlighted lines, as inclusive ranges of the block's lines counted from 1.
    highlighted: Vec<(i64, i64)>,
}

/// An option's value as written: goldmark's numbers and `true`/`false` as their text (what
/// Hugo makes of them is what it makes of the text, but for numbers written with a fraction
/// or an exponent), a string's as written between its quotes (no escape matters here).
enum Value<'t> {
    Text(&'t str),
    List(Vec<Value<'t>>),
    /// `null` or a nested `{…}`.
    Other,
}

impl Value<'_> {
    fn text(&self) -> Option<&str> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl LineOptions {
    /// The options of a fenced block's `{…}` attributes (goldmark's syntax: `key=value`
    /// separated by spaces or commas, `#id` and `.class` too); `None` when they ask for no
    /// numbers and no highlighted lines, or are not well formed (then Hugo reads none).
    pub(crate) fn from_attributes(attributes: &str) -> Option<LineOptions> {
        let mut reader = Reader {
            text: attributes,
            at: 0,
        };
        LineOptions::from_pairs(reader.attributes()?)
    }

    /// The options of the `highlight` shortcode (`linenos=table,hl_lines=2 3`): pairs split at
    /// `,` and `=`; `None` when none apply or one is not a pair (Hugo fails the shortcode).
    pub(crate) fn from_shortcode(options: &str) -> Option<LineOptions> {
        let mut pairs = Vec::new();
        for pair in options.trim().split(',') {
            let (key, value) = pair.split_once('=')?;
            if value.contains('=') {
                return None;
            }
            pairs.push((key.trim(), Value::Text(value)));
        }
        LineOptions::from_pairs(pairs)
    }

    /// Hugo's `normalizeHighlightOptions` of the options that matter here.
    fn from_pairs(pairs: Vec<(&str, Value)>) -> Option<LineOptions> {
        let mut numbers = false;
        let mut in_table = true;
        let mut start = 1;
        let mut highlighted = Vec::new();
        for (key, value) in pairs {
            let text = value.text();
            let is_on = text.is_some_and(|text| text != "false" && text != "0");
            if key.eq_ignore_ascii_case("linenos") {
                if let Some(place @ ("table" | "inline")) = text {
                    in_table = place == "table";
                }
                numbers = is_on;
            } else if key.eq_ignore_ascii_case("linenumbersintable") {
                in_table = is_on;
            } else if key.eq_ignore_ascii_case("linenostart") {
                // Go's `cast.ToInt`: a number's integer part; text that is no integer is 0.
                start = text
                    .and_then(|text| integer(text.split('.').next().unwrap_or("")))
                    .unwrap_or(0);
            } else if key.eq_ignore_ascii_case("hl_lines") {
                highlighted.clear();
                match (&value, text) {
                    // Each item of a list on its own (a bad one is skipped).
                    (Value::List(items), _) => {
                        for item in items {
                            if let Some(range) = item.text().and_then(line_range) {
                                highlighted.push(range);
                            }
                        }
                    }
                    // A text of ranges separated by spaces as a whole: none if one is bad.
                    (_, Some(text)) => {
                        for field in text.split(' ').filter(|field| !field.is_empty()) {
                            let Some(range) = line_range(field) else {
                                highlighted.clear();
                                break;
                            };
                            highlighted.push(range);
                        }
                    }
                    _ => {}
                }
            }
        }
        let numbers = match (numbers, in_table) {
            (false, _) => Numbers::None,
            (true, true) => Numbers::Table,
            (true, false) => Numbers::Inline,
        };
        (numbers != Numbers::None || !highlighted.is_empty()).then_some(LineOptions {
            numbers,
            start,
            highlighted,
        })
    }

    /// The block: `code_html` is the code as HTML (highlighted, or escaped: flat spans only),
    /// `code_attributes` those of its `<code>` element.
    pub(crate) fn block_html(&self, code_html: &str, code_attributes: &str) -> String {
        // A final line end makes no empty line after it.
        let code_html = code_html.strip_suffix('\n').unwrap_or(code_html);
        let count = code_html.matches('\n').count() + 1;
        let last = i64::try_from(count).unwrap_or(i64::MAX);
        // +1 where a range starts, -1 after it ends: a running sum marks the lines in one pass.
        let mut changes = vec![0isize; count + 1];
        for &(first, end) in &self.highlighted {
            let (first, end) = (first.max(1), end.min(last));
            if let (true, Ok(first), Ok(end)) = (
                first <= end,
                usize::try_from(first - 1),
                usize::try_from(end),
            ) {
                for (at, change) in [(first, 1), (end, -1)] {
                    if let Some(slot) = changes.get_mut(at) {
                        *slot += change;
                    }
                }
            }
        }
        let width = number_text(self.start.saturating_add(last - 1)).len();
        let number_class = if self.numbers == Numbers::Table {
            "<span class=\"lnt\" data-ln=\""
        } else {
            "<span class=\"ln\" data-ln=\""
        };
        let mut html = String::with_capacity(code_html.len() + count * 80);
        html.push_str("<div class=\"highlight\"><pre tabindex=\"0\"><code");
        html.push_str(code_attributes);
        html.push('>');
        // The highlighter's span open at a line end (they are never nested): closed before it
        // and opened again after, as Chroma splits its tokens.
        let mut open_span = "";
        let mut open_ranges = 0;
        let mut number = self.start;
        for (line, change) in code_html.split('\n').zip(&changes) {
            open_ranges += change;
            html.push_str(if open_ranges > 0 {
                "<span class=\"line hl\">"
            } else {
                "<span class=\"line\">"
            });
            if self.numbers != Numbers::None {
                let text = number_text(number);
                html.push_str(number_class);
                html.extend(std::iter::repeat_n(' ', width.saturating_sub(text.len())));
                html.push_str(&text);
                html.push_str("\" aria-hidden=\"true\"></span>");
            }
            number = number.saturating_add(1);
            html.push_str("<span class=\"cl\">");
            html.push_str(open_span);
            html.push_str(line);
            if let Some(tag) = line.rfind('<').and_then(|at| line.get(at..)) {
                open_span = match tag.find('>') {
                    Some(end) if tag.starts_with("<span") => tag.get(..=end).unwrap_or(""),
                    _ => "",
                };
            }
            if !open_span.is_empty() {
                html.push_str("</span>");
            }
            html.push_str("\n</span></span>");
        }
        html.push_str("</code></pre></div>");
        html
    }
}
/// `first` or `first-last`, each side Go's `strconv.Atoi`; a third side is ignored.
fn line_range(text: &str) -> Option<(i64, i64)> {
    let mut sides = text.split('-');
    let first = integer(sides.next()?)?;
    let last = match sides.next() {
        Some(last) => integer(last)?,
        None => first,
    };
    Some((first, last))
}

/// Go's `strconv.Atoi`: an optional sign and digits, `None` past 64 bits.
fn integer(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, text.get(1..)?),
        b'+' => (false, text.get(1..)?),
        _ => (false, text),
    };
    let mut number: i64 = 0;
    for digit in digits.bytes() {
        let digit = i64::from(digit.checked_sub(b'0').filter(|digit| *digit < 10)?);
        number = number
            .checked_mul(10)?
            .checked_add(if negative { -digit } else { digit })?;
    }
    (!digits.is_empty()).then_some(number)
}

/// `number` as decimal digits (the unsigned formatter is in the bundle already; the signed
/// one is not).
fn number_text(number: i64) -> String {
    let sign = if number < 0 { "-" } else { "" };
    format!("{sign}{}", number.unsigned_abs())
}

/// A reader of goldmark's attribute syntax.
struct Reader<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Reader<'t> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Moves past the bytes that `keep` accepts; returns what it passed.
    fn take_while(&mut self, keep: fn(u8) -> bool) -> &'t str {
        let start = self.at;
        while self.peek().is_some_and(keep) {
            self.at += 1;
        }
        self.text.get(start..self.at).unwrap_or("")
    }

    /// Moves past `byte` if it is next.
    fn take(&mut self, byte: u8) -> Option<()> {
        self.take_while(|byte| byte.is_ascii_whitespace());
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// A name (`a-z A-Z 0-9 _ : . -`, not starting with a digit, `.` or `-`), or with
    /// `value`, a bare value: a number (`+ - . e`) or a word.
    fn word(&mut self, value: bool) -> Option<&'t str> {
        let first = self.peek()?;
        let starts = first.is_ascii_alphabetic()
            || matches!(first, b'_' | b':')
            || (value && (first.is_ascii_digit() || matches!(first, b'-' | b'+')));
        starts.then(|| {
            self.take_while(|byte| {
                byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b':' | b'.' | b'-' | b'+')
            })
        })
    }

    /// `{ … }` as (name, value) pairs.
    fn attributes(&mut self) -> Option<Vec<(&'t str, Value<'t>)>> {
        self.take(b'{')?;
        let mut pairs = Vec::new();
        loop {
            if self.take(b'}').is_some() {
                return Some(pairs);
            }
            match self.peek()? {
                b'#' | b'.' => {
                    self.at += 1;
                    self.take_while(|byte| {
                        byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b':' | b'.')
                    });
                }
                _ => {
                    let name = self.word(false)?;
                    self.take(b'=')?;
                    pairs.push((name, self.value()?));
                }
            }
            let _ = self.take(b',');
        }
    }

    fn value(&mut self) -> Option<Value<'t>> {
        if self.take(b'[').is_some() {
            let mut items = Vec::new();
            while self.take(b']').is_none() {
                if !items.is_empty() {
                    self.take(b',')?;
                }
                items.push(self.value()?);
            }
            return Some(Value::List(items));
        }
        if self.take(b'"').is_some() {
            let start = self.at;
            loop {
                self.take_while(|byte| !matches!(byte, b'"' | b'\\' | b'\n'));
                match self.peek()? {
                    b'"' => break,
                    b'\\' => self.at += 2,
                    _ => return None,
                }
            }
            self.at += 1;
            return Some(Value::Text(self.text.get(start..self.at - 1)?));
        }
        if self.peek()? == b'{' {
            return self.attributes().map(|_| Value::Other);
        }
        Some(match self.word(true)? {
            "null" => Value::Other,
            word => Value::Text(word),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each line of a block as its number (when shown) and `!` when highlighted.
    fn lines(options: &LineOptions, code: &str) -> Vec<String> {
        options
            .block_html(code, "")
            .split("<span class=\"line")
            .skip(1)
            .map(|line| {
                let number = line
                    .split_once("data-ln=\"")
                    .and_then(|(_, rest)| rest.split('"').next())
                    .unwrap_or("");
                let mark = if line.starts_with(" hl") { "!" } else { "" };
                format!("{number}{mark}")
            })
            .collect()
    }

    fn fenced(attributes: &str) -> LineOptions {
        LineOptions::from_attributes(attributes).expect("options")
    }

    #[test]
    fn fenced_attributes_are_read_as_goldmark_reads_them() {
        let options = fenced("{lineNos=true, hl_lines=[2, \"4-5\"], lineNoStart=10}");
        assert_eq!(
            lines(&options, "a\nb\nc\nd\ne\nf\n"),
            ["10", "11!", "12", "13!", "14!", "15"],
            "hl_lines counts the block's lines, whatever the first number"
        );
        let options = fenced("{ #code .wide linenos=inline hl_lines=\"1 3-4\" style=monokai }");
        assert_eq!(lines(&options, "a\nb\nc\nd"), ["1!", "2", "3!", "4!"]);
        let options = fenced("{hl_lines=[\"2-x\", 3, null, \"1-2-9\"]}");
        assert_eq!(
            lines(&options, "a\nb\nc\n"),
            ["!", "!", "!"],
            "a bad item is skipped, a third side ignored (strconv of each side)"
        );
        assert_eq!(
            lines(&fenced("{linenos=table, lineNoStart=8}"), "a\nb\nc\n"),
            [" 8", " 9", "10"],
            "numbers right-aligned to the widest"
        );
        assert_eq!(
            lines(&fenced("{linenos=1, linenostart=2.9e5}"), "a\n"),
            ["2"],
            "a number's integer part, as Go's cast.ToInt of goldmark's float"
        );
        assert_eq!(
            lines(&fenced("{linenos=\"yes\", linenostart=\"x\"}"), "a\n"),
            ["0"]
        );
    }

    #[test]
    fn options_that_ask_nothing_or_are_not_well_formed_are_none() {
        for attributes in [
            "{linenos=false}",
            "{.class #id}",
            "{hl_lines=\"2-x 3\"}",
            "{linenos=true",
            "{linenos=\"true}",
            "{3=true}",
            "linenos=true",
            "",
        ] {
            assert_eq!(
                LineOptions::from_attributes(attributes),
                None,
                "{attributes}"
            );
        }
        for options in ["", "linenos=false", "style=x", "linenos", "linenos=table=x"] {
            assert_eq!(LineOptions::from_shortcode(options), None, "{options}");
        }
    }

    #[test]
    fn shortcode_options_are_pairs_split_at_commas() {
        let options = LineOptions::from_shortcode(" linenos=table,hl_lines=2 3, linenostart=199")
            .expect("options");
        assert_eq!(options.numbers, Numbers::Table);
        assert_eq!(lines(&options, "a\nb\nc"), ["199", "200!", "201!"]);
        let options =
            LineOptions::from_shortcode("linenos=inline,lineNumbersInTable=true").expect("options");
        assert_eq!(options.numbers, Numbers::Table);
        let options =
            LineOptions::from_shortcode("linenos=true,lineNumbersInTable=false").expect("options");
        assert_eq!(options.numbers, Numbers::Inline);
    }

    #[test]
    fn hostile_numbers_are_clamped_never_walked_nor_overflowed() {
        let options = fenced(
            "{linenos=inline, lineNoStart=-2, hl_lines=[\"1-1000000000000000000\", \"3-1\", -1, 0]}",
        );
        assert_eq!(lines(&options, "a\nb\nc\n"), ["-2!", "-1!", "0!"]);
        let options = fenced("{linenos=inline, lineNoStart=1000000000000000000}");
        assert_eq!(
            lines(&options, "a\nb\n"),
            ["1000000000000000000", "1000000000000000001"]
        );
        let options = fenced(
            "{linenos=inline, lineNoStart=9223372036854775807, \
             hl_lines=[\"-99999999999999999999-99999999999999999999\", 9223372036854775807]}",
        );
        assert_eq!(
            lines(&options, "a\nb\n"),
            ["9223372036854775807", "9223372036854775807"],
            "numbers past Go's int saturate"
        );
        assert_eq!(
            fenced("{linenos=true, lineNoStart=99999999999999999999}").start,
            0,
            "a start that is no int is 0"
        );
        let options = fenced("{hl_lines=[\"0-9223372036854775807\", -9223372036854775808]}");
        assert_eq!(lines(&options, "a\nb\n"), ["!", "!"]);
        assert_eq!(
            fenced("{hl_lines=[\"-2-3\", 2]}").highlighted,
            [(2, 2)],
            "a text range cannot start below 0 (strconv of the empty side before `-`)"
        );
    }

    #[test]
    fn a_token_over_a_line_end_is_split_into_each_line() {
        let options = fenced("{linenos=inline}");
        assert_eq!(
            options.block_html("a <span class=\"tok-string\">\"x\ny\"</span>\n", ""),
            "<div class=\"highlight\"><pre tabindex=\"0\"><code><span class=\"line\"><span \
             class=\"ln\" data-ln=\"1\" aria-hidden=\"true\"></span><span class=\"cl\">a <span \
             class=\"tok-string\">\"x</span>\n</span></span><span class=\"line\"><span \
             class=\"ln\" data-ln=\"2\" aria-hidden=\"true\"></span><span class=\"cl\"><span \
             class=\"tok-string\">y\"</span>\n</span></span></code></pre></div>"
        );
    }
}

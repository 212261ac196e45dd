//! The raw-string argument (`` `…` ``) of the shortcode calls the build writes into a page's
//! Markdown for the browser (a template's output, a formula's MathML): how any text goes into
//! one and comes back out.

/// `text` as the value of a raw-string argument the build writes: a raw string holds any text
/// but a backquote, so `%` and `` ` `` are %-escaped.
pub(crate) fn raw_string_value(text: &str) -> String {
    text.replace('%', "%25").replace('`', "%60")
}

/// The text of a raw-string argument that [`raw_string_value`] wrote.
pub(crate) fn raw_string_text(value: &str) -> String {
    value.replace("%60", "`").replace("%25", "%")
}

//! Shortcode expansion of any text: well-formed, inert HTML, offsets that map back into the
//! input.
#![no_main]

use blogreader_fuzz::hostile::check_shortcodes;
use blogreader_fuzz::{SMALL_SITE, assert_holds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    assert_holds(check_shortcodes(&text, &SMALL_SITE), &text);
});

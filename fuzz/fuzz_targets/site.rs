//! A whole small site built and rendered: every page's body, summary and card agree between
//! build and reader, are inert, and on a safe site well-formed; the feeds and sitemap are
//! well-formed XML; every head is safe.
#![no_main]

use blogreader_fuzz::hostile::{
    author_html, build, check_feeds, check_heads, check_inert_html, check_reader_agrees_with_build,
    check_well_formed_html, render_pages,
};
use blogreader_fuzz::{assert_holds, site_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = site_input(data);
    let site = build(&input.files, input.unsafe_html, input.under_path);
    let rendered = render_pages(&site, &input.files);
    assert_holds(check_reader_agrees_with_build(&rendered), &input);
    for (what, html) in author_html(&rendered) {
        if !input.unsafe_html {
            assert_holds(check_well_formed_html(html), &(&what, &input));
        }
        assert_holds(check_inert_html(html), &(&what, &input));
    }
    assert_holds(check_feeds(&site), &input);
    assert_holds(check_heads(&site), &input);
});

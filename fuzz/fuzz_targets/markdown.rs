//! A page body rendered as the build renders it (with a front matter summary or not) and as
//! a reader gets it, on a safe and an `unsafe` site: the two agree; the body and summary are
//! inert, and on a safe site well-formed.
#![no_main]

use blogreader_content::render::{render_html, render_page_with_summary};
use blogreader_fuzz::hostile::{
    RenderedEntry, author_html, body_page, check_inert_html, check_reader_agrees_with_build,
    check_well_formed_html,
};
use blogreader_fuzz::{SMALL_SITE, SMALL_UNSAFE_SITE, assert_holds, choice_and_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (choice, body) = choice_and_text(data);
    let unsafe_html = choice & 1 != 0;
    let site = if unsafe_html {
        &*SMALL_UNSAFE_SITE
    } else {
        &*SMALL_SITE
    };
    let entry = body_page(site);
    // The body doubles as a front matter summary.
    let summary = (choice & 2 != 0).then_some(body.as_str());
    let rendered = [RenderedEntry {
        entry,
        body: render_html(site, entry, &body),
        page: render_page_with_summary(site, entry, &body, summary),
    }];
    assert_holds(check_reader_agrees_with_build(&rendered), &body);
    for (what, html) in author_html(&rendered) {
        if !unsafe_html {
            assert_holds(check_well_formed_html(html), &(&what, &body));
        }
        assert_holds(check_inert_html(html), &(&what, &body));
    }
});

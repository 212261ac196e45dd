//! `ref`/`relref` references and `.md` link destinations resolved from pages at each depth
//! and from a menu: a resolved link leads to a page; a broken one stays on the site.
#![no_main]

use blogreader_fuzz::hostile::{LINK_SOURCES, check_broken_links, check_resolved_links};
use blogreader_fuzz::{SMALL_SITE, assert_holds, choice_and_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (choice, reference) = choice_and_text(data);
    let from = LINK_SOURCES[usize::from(choice) % LINK_SOURCES.len()];
    assert_holds(
        check_resolved_links(&reference, from, &SMALL_SITE),
        &(from, &reference),
    );
    assert_holds(
        check_broken_links(&reference, from, &SMALL_SITE),
        &(from, &reference),
    );
});

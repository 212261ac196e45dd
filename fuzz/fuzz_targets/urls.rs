//! URL derivation: a small site built from fuzzed pages (front matter `url`, `slug`,
//! `aliases`, terms): every URL stays on the site, every output path inside the output
//! folder.
#![no_main]

use blogreader_fuzz::hostile::{build, check_site_paths};
use blogreader_fuzz::{assert_holds, site_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = site_input(data);
    let site = build(&input.files, input.unsafe_html, input.under_path);
    assert_holds(check_site_paths(&site, &input.files), &input.files);
});

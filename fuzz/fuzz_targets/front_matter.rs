//! Front matter in each format, well-formed or not, and site configs read by the same
//! parsers: no panic; what splits off is a tail of the file.
#![no_main]

use blogreader_site::config::BuildConfig;
use blogreader_fuzz::hostile::check_front_matter;
use blogreader_fuzz::{assert_holds, choice_and_text};
use libfuzzer_sys::fuzz_target;

/// What the file starts with, picked by the first byte: no front matter or a format's fence.
const FENCES: [&str; 4] = ["", "+++\n", "---\n", "{"];

/// Config files of each format.
const CONFIG_FILES: [&str; 3] = ["hugo.toml", "hugo.yaml", "hugo.json"];

fuzz_target!(|data: &[u8]| {
    let (choice, text) = choice_and_text(data);
    let file = format!("{}{text}", FENCES[usize::from(choice) % FENCES.len()]);
    assert_holds(check_front_matter(&file), &file);
    // Only that it returns: a config error is the author's to read.
    let _ = BuildConfig::parse(
        CONFIG_FILES[usize::from(choice) % CONFIG_FILES.len()],
        &text,
    );
});

//! Hostile content renders in time linear in its size: for every family of the hostile-input
//! benchmark (`benches/pathological/`), a page eight times larger must take less than sixteen
//! times as long, through the build and through what the browser runs (quadratic work would
//! take sixty-four times as long). Each size is timed at its best of up to three runs, so a
//! busy machine does not fail it.

#[path = "../benches/pathological/families.rs"]
mod families;

use std::time::Duration;

use families::{FAMILIES, Family, Measured, measure};

/// The smaller page.
const SMALL: usize = 16 * 1024;

/// How many times larger the larger page is.
const GROWTH: usize = 8;

/// How much longer the larger page may take: twice what linear work takes.
const MOST_SLOWDOWN: u32 = 16;

/// Below this, a page's time is mostly the fixed cost of a build and noise (the content core
/// is optimized even in test builds, so a 16 KB page takes a few milliseconds; quadratic work
/// still takes over sixty times as long, far past sixteen times this).
const FLOOR: Duration = Duration::from_millis(5);

/// The best of up to three runs of a page of `family` of about `size` bytes, build and browser
/// together, and the page's size; the runs stop early once the best is under `pass`, or over
/// four times it.
fn best_time(family: &Family, size: usize, pass: Duration) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut bytes = 0;
    for _ in 0..3 {
        let run: Measured = measure(family, size);
        best = best.min(run.build + run.browser);
        bytes = run.bytes;
        if best < pass || best > pass * 4 {
            break;
        }
    }
    (best, bytes)
}

/// Whether a page [`GROWTH`] times larger takes less than [`MOST_SLOWDOWN`] times as long.
fn grows_linearly(family: &Family) -> Result<(), String> {
    let (small, small_bytes) = best_time(family, SMALL, Duration::ZERO);
    let most = small.max(FLOOR) * MOST_SLOWDOWN;
    let (large, large_bytes) = best_time(family, GROWTH * SMALL, most);
    if large < most {
        Ok(())
    } else {
        Err(format!(
            "{}: {small_bytes} bytes took {small:?}, {large_bytes} bytes took {large:?}",
            family.name
        ))
    }
}

#[test]
fn every_hostile_family_renders_in_linear_time() {
    // `LINEAR_TIME_FAMILY=…` runs only the families whose names have it.
    let only = std::env::var("LINEAR_TIME_FAMILY").unwrap_or_default();
    let slow: Vec<String> = FAMILIES
        .iter()
        .filter(|family| family.name.contains(&only))
        .filter_map(|family| grows_linearly(family).err())
        .collect();
    assert!(slow.is_empty(), "super-linear: {slow:#?}");
}

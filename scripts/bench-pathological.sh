#!/usr/bin/env bash
# Hostile input through the content pipeline: a page of each input family of
# benches/pathological/ (many `[`, 200,000 headings, unclosed shortcodes, alias bombs, …) at
# 256 KB and at 1 MB, through the build (`build_site_at`) and through what the browser runs
# (`render_html`), in the release build; prints milliseconds per MB, the best of 3 runs. A
# figure that grows from the smaller size to the larger one is super-linear work. A benchmark,
# not a test (`tests/linear_time.rs` is the test): it fails only when something cannot run.
#
# Arguments go to the benchmark: a part of a family's name runs only the families that have
# it. Environment: PATHOLOGICAL_SIZES (KB, comma-separated, default 256,1024),
# PATHOLOGICAL_RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
exec cargo bench --quiet -p blogtool --bench pathological -- "$@"

#!/usr/bin/env bash
# Fuzzes the content core and the build (the cargo-fuzz targets in fuzz/, on nightly): installs
# what is missing (rustup's nightly toolchain, cargo-fuzz), then runs each target for
# SECONDS_PER_TARGET seconds (60 by default), one at a time in one process, and prints per
# target: executions, executions per second and findings (the crash, timeout and out-of-memory
# inputs it wrote to fuzz/artifacts/<target>/). Not part of scripts/test.sh: it needs nightly.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Each target's corpus grows in fuzz/corpus/<target>/ (git-ignored) from fuzz/seeds/<target>/;
# every run uses tests/hostile/tokens.dict as its dictionary. The code is safe Rust, so no
# sanitizer: about twice the executions. Debug assertions and overflow checks are on.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-60}
shift || true
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked
fi
# Nightly, instrumented builds go to fuzz/target, away from the stable builds.
unset CARGO_TARGET_DIR

cd fuzz
cargo +nightly fuzz build --sanitizer none
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

logs=$root/fuzz/target/logs
mkdir -p "$logs"
summary=()
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  inputs=("corpus/$target")
  if [ -d "seeds/$target" ]; then
    inputs+=("seeds/$target")
  fi
  started=$logs/$target.started
  touch "$started"
  echo "== $target: ${seconds}s"
  # A finding stops the target: its exit status is that of the finding, not of the script.
  cargo +nightly fuzz run --sanitizer none "$target" "${inputs[@]}" -- \
    -dict="$root/tests/hostile/tokens.dict" -max_total_time="$seconds" -timeout=10 \
    -print_final_stats=1 >"$logs/$target.log" 2>&1 || true
  stat() { sed -n "s/^stat::$1: *//p" "$logs/$target.log" | tail -1; }
  executions=$(stat number_of_executed_units)
  rate=$(stat average_exec_per_sec)
  findings=$(find "artifacts/$target" -type f -newer "$started" | wc -l)
  summary+=("$(printf '%-14s %12s %9s %9s' "$target" "${executions:-?}" "${rate:-?}" "$findings")")
  if [ "$findings" -gt 0 ]; then
    grep -m1 -A3 "panicked at\|ERROR: libFuzzer" "$logs/$target.log" || true
    find "artifacts/$target" -type f -newer "$started"
  fi
done

echo
echo "$(date -u +%Y-%m-%d), ${seconds} s per target (logs in fuzz/target/logs/)"
printf '%-14s %12s %9s %9s\n' target executions exec/s findings
printf '%s\n' "${summary[@]}"

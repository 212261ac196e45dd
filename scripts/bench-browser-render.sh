#!/usr/bin/env bash
# Hostile pages rendered by the app in Debian's headless Chromium: the pathological
# benchmark writes a site of one post per family of page content (1 MB each by default), a
# release build of it is served on loopback, and bench/browser-render.mjs opens each post by
# an in-app click and prints the time from the Markdown's arrival to the article on screen.
# The wasm's figures beside the native ones of ./scripts/bench-pathological.sh. A benchmark,
# not a test: it fails only when something cannot run.
#
# Arguments go to the pathological benchmark (a part of a family's name). Environment:
# PATHOLOGICAL_SIZES (KB; the largest is used, default 1024), RUNS (default 3), PORT (8783).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
port=${PORT:-8783}
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== a site of hostile pages in $work/site"
PATHOLOGICAL_SITE="$work/site" cargo bench --quiet -p blogtool --bench pathological -- "$@" > "$work/posts.tsv"
echo "== release build of it"
BLOGTOOL_SITE="$work/site" trunk build --release --dist "$work/dist" > "$work/build.log" 2>&1 ||
  { tail -20 "$work/build.log"; exit 1; }
cargo build --quiet -p blogtool
"$root/target/debug/blogtool" serve --dir "$work/dist" --address "127.0.0.1:$port" &
server_pid=$!
(cd bench && [ -d node_modules ] || npm ci --silent)
SITE_URL="http://127.0.0.1:$port" POSTS="$work/posts.tsv" node bench/browser-render.mjs

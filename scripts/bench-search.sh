#!/usr/bin/env bash
# Search, measured on generated blogs (bench/search-site.mjs; 1,000 and 10,000 posts by
# default): the release build of each (our search index's build time and size from
# `blogtool build`, under search-index/), then, for comparison only, Pagefind's index of the
# same documents, built by this benchmark with Pagefind's own npm package
# (bench/pagefind-index.mjs, into pagefind/; its time and size), then bench/search.mjs in
# Debian's headless Chromium, ours against Pagefind's own default UI on its index (a page
# added beside the site for it), both served gzipped by bench/serve.mjs. A benchmark, not a
# test: it fails only when something cannot run.
#
# Arguments: the site sizes (posts). Environment: PORT (default 8150), KEEP=1 keeps the work
# folder.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
port=${PORT:-8150}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
# bench/'s npm packages, installed when missing (Pagefind's too: a node_modules from before it).
(cd bench && [ -d node_modules/pagefind ] || npm ci --silent --no-fund --no-audit)

for posts in "${sizes[@]}"; do
  site=$work/site-$posts dist=$work/dist-$posts
  echo "== $posts posts"
  node bench/search-site.mjs "$site" "$posts"
  start=$(date +%s.%N)
  BLOGTOOL_SITE="$site" trunk build --release --dist "$dist" > "$work/build-$posts.log" 2>&1 ||
    { tail -20 "$work/build-$posts.log"; exit 1; }
  echo "release build: $(echo "$(date +%s.%N) - $start" | bc) s"
  grep 'indexed for search' "$work/build-$posts.log"
  echo "index: $(du -sb "$dist/search-index" | cut -f1) bytes in $(find "$dist/search-index" -type f | wc -l) files" \
    "(of which the vocabulary $(du -sb "$dist/search-index/vocabulary" | cut -f1) bytes)"
  # Pagefind's index of the same documents, with its UI, for comparison only.
  node bench/pagefind-index.mjs "$dist"
  echo "Pagefind's index: $(du -sb "$dist/pagefind" | cut -f1) bytes in $(find "$dist/pagefind" -type f | wc -l) files"
  # Pagefind's own default UI on its index, as its documentation sets it up.
  mkdir -p "$dist/pagefind-ui-bench"
  cat > "$dist/pagefind-ui-bench/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind UI</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script>
</head><body><div id="search"></div>
<script>addEventListener("DOMContentLoaded", () => new PagefindUI({ element: "#search", showSubResults: true, debounceTimeoutMs: 120 }));</script>
</body></html>
HTML
  node bench/serve.mjs "$dist" "$port" & server_pid=$!
  for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  (cd bench && SITE_URL="http://127.0.0.1:$port" QUERIES="$site/queries.tsv" node search.mjs)
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
done

#!/usr/bin/env bash
# Prints the release bundle's size (wasm + JS glue + CSS, raw and gzip -9) and fails when
# wasm + JS + CSS together exceed the budget (issue 5's: 250 KB gzip). The page's own script
# (src/reader.js: theme toggle, search key; inline in every page until stop 27) is printed
# beside it, outside the budget as it was then.
# Usage: scripts/bundle-size.sh [DIST] [BUDGET_KB]
set -euo pipefail
dist=${1:-dist}
budget_kb=${2:-250}

row() { # label, files...
  local label=$1; shift
  local raw gz
  raw=$(cat "$@" | wc -c)
  gz=$(cat "$@" | gzip -9 | wc -c)
  awk -v label="$label" -v raw="$raw" -v gz="$gz" \
    'BEGIN { printf "%-10s %8.1f KB raw %8.1f KB gzip\n", label, raw / 1024, gz / 1024 }'
  last_gzip=$gz
}

shopt -s nullglob
wasm=("$dist"/*.wasm); css=("$dist"/*.css); js=(); page_js=()
for file in "$dist"/*.js; do
  case ${file##*/} in reader-*.js) page_js+=("$file") ;; *) js+=("$file") ;; esac
done
[ ${#wasm[@]} -gt 0 ] && [ ${#js[@]} -gt 0 ] || { echo "no release build in $dist" >&2; exit 1; }
echo "bundle size ($dist):"
row "wasm" "${wasm[@]}"
row "js glue" "${js[@]}"
[ ${#css[@]} -gt 0 ] && row "css" "${css[@]}"
row "wasm + js" "${wasm[@]}" "${js[@]}"
row "all three" "${wasm[@]}" "${js[@]}" "${css[@]}"
all_three=$last_gzip
[ ${#page_js[@]} -gt 0 ] && row "page js" "${page_js[@]}"
last_gzip=$all_three
if [ "$last_gzip" -gt $((budget_kb * 1024)) ]; then
  echo "over budget: wasm + js + css is above ${budget_kb} KB gzip" >&2
  exit 1
fi
echo "within budget: wasm + js + css at most ${budget_kb} KB gzip"

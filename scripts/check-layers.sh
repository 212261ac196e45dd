#!/usr/bin/env bash
# Checks the layers that Cargo.toml draws (README, "How it works"): cargo itself forbids a
# cycle between the crates; this checks what cargo allows but the design does not.
# - the content core depends on nothing but its four pure crates (it is compiled into the wasm);
# - the app's wasm build reaches no native-only crate: not the site builder, not the tool, not
#   their parsers, time zones, TeX engine, stemmers, hashes or image readers. (Leptos itself depends
#   on toml, sha2 and base64, for its native config and its macros: its own tree is left out.)
set -euo pipefail
cd "$(dirname "$0")/.."

content_deps=$(cargo tree -p blogreader-content -e normal --depth 1 --prefix none --quiet |
  tail -n +2 | cut -d' ' -f1 | sort -u | tr '\n' ' ')
if [ "$content_deps" != "pulldown-cmark serde serde_json thiserror " ]; then
  echo "blogreader-content must depend only on pulldown-cmark, serde, serde_json and thiserror; it depends on: $content_deps" >&2
  exit 1
fi

native_only='blogreader-site|blogreader-search|pagefind_stem|blogtool|toml|serde_norway|chrono|chrono-tz|math-core|sha2|base64|imagesize'
reached=$(cargo tree -p blogreader --target wasm32-unknown-unknown -e normal --prune leptos \
  --prefix none --quiet |
  cut -d' ' -f1 | grep -xE "$native_only" | sort -u | tr '\n' ' ' || true)
if [ -n "$reached" ]; then
  echo "the app's wasm build reaches native-only crates: $reached" >&2
  exit 1
fi
echo "layers: the content core has only its pure dependencies; the wasm app reaches no native-only crate"

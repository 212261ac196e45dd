#!/usr/bin/env bash
# Runs every test of the project from a fresh machine: installs what is missing, checks
# format, lints and docs, runs the native tests, builds the release bundle (and prints its size),
# then runs the end-to-end tests in headless Chromium against the release build of the seed
# site and of the fixture site, each served like a static host.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true

step() { printf '\n== %s\n' "$*"; }

step "format, lints and docs"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

step "native tests: content core and fixture sites"
cargo test --quiet

step "release build of the seed site"
trunk build --release
./scripts/bundle-size.sh dist

step "release build of the fixture site"
cargo build --quiet --bin blogtool
blogtool=$root/target/debug/blogtool
fixture_dist=$root/target/e2e/linked
rm -rf "$fixture_dist" && mkdir -p "$fixture_dist"
# The app itself is the same for every site: take Trunk's files, then build the content.
find dist -maxdepth 1 -type f ! -name content-index.json -exec cp {} "$fixture_dist" \;
"$blogtool" build --site tests/fixtures/linked --out "$fixture_dist"

step "end-to-end tests in headless Chromium"
server_pids=()
trap 'kill "${server_pids[@]}" 2>/dev/null || true' EXIT
"$blogtool" serve --dir dist --address 127.0.0.1:8091 & server_pids+=($!)
"$blogtool" serve --dir "$fixture_dist" --address 127.0.0.1:8092 & server_pids+=($!)
(cd tests/e2e && npm ci --no-fund --no-audit --silent)
for port in 8091 8092; do
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.1
  done
done
cd tests/e2e
SEED_URL=http://127.0.0.1:8091 FIXTURE_URL=http://127.0.0.1:8092 node --test --test-concurrency=1

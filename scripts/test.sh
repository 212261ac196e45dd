#!/usr/bin/env bash
# Runs every test of the project from a fresh machine: installs what is missing, checks
# format, lints and docs, runs the native tests, builds the release bundle (and prints its size),
# then runs the end-to-end tests in headless Chromium against the release build of the seed
# site and of the fixture site, each served like a static host, after taking screenshots of
# them into target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true

# Each step says when it starts (minutes:seconds since the script started, setup included):
# the cold run has a time budget.
step() { printf '\n== %s (at %d:%02d)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

step "format, lints and docs"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
# The browser's own code (components, router, fetch) compiles only for wasm32; the content
# core is compiled for both.
cargo clippy --target wasm32-unknown-unknown -p blogreader -p blogreader-content --lib --bins \
  --quiet -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
RUSTDOCFLAGS="-D warnings" cargo doc --target wasm32-unknown-unknown -p blogreader \
  -p blogreader-content --no-deps --quiet
./scripts/check-layers.sh

step "native tests: content core and fixture sites"
cargo test --workspace --quiet

step "release build of the seed site"
trunk build --release
./scripts/bundle-size.sh dist

step "release builds of the fixture sites"
cargo build --quiet -p blogtool
blogtool=$root/target/debug/blogtool
e2e=$root/target/e2e
fixture_dist=$e2e/linked
prefixed_dist=$e2e/prefixed
hostile_dist=$e2e/hostile
shortcodes_dist=$e2e/shortcodes
math_dist=$e2e/math
# Trunk's page and the app's files, once for the sites served at /: under another name, so the
# hook leaves the page as Trunk wrote it (it prerenders into an index.html only).
BLOGTOOL_SITE=tests/fixtures/linked trunk build --release --dist "$e2e/app" --html-output app.html
# fixture_build SITE: tests/fixtures/SITE built into target/e2e/SITE as Trunk's hook builds
# it, into a copy of Trunk's page and of the files that page loads.
fixture_build() {
  local out=$e2e/$1 name
  rm -rf "$out" && mkdir -p "$out"
  cp "$e2e/app/app.html" "$out/index.html"
  for name in $(grep -oE '(href|src)="/[^"/]+"' "$e2e/app/app.html" | cut -d'"' -f2 | sort -u); do
    cp "$e2e/app$name" "$out$name"
  done
  "$blogtool" build --site "tests/fixtures/$1" --out "$out"
}
fixture_build linked
# A site whose baseURL has a path: Trunk must put the app's files there too.
BLOGTOOL_SITE=tests/fixtures/prefixed TRUNK_BUILD_PUBLIC_URL=/blog/ \
  trunk build --release --dist "$prefixed_dist"
# A site made of payloads; its build must write nothing beside its output folder.
fixture_build hostile
# A PaperMod-shaped blog: Hugo's embeds, rawhtml, collapse and templates of its own.
fixture_build shortcodes
# A PaperMod blog with `params.math`: formulas typeset by the build as MathML.
fixture_build math
stray=$(git status --porcelain --untracked-files=all -- tests/fixtures/hostile)
if [ -n "$stray" ]; then
  echo "the hostile site's build wrote into its site folder: $stray" >&2
  exit 1
fi

step "end-to-end tests in headless Chromium"
server_pids=()
trap 'kill "${server_pids[@]}" 2>/dev/null || true' EXIT
"$blogtool" serve --dir dist --address 127.0.0.1:8091 & server_pids+=($!)
"$blogtool" serve --dir "$fixture_dist" --address 127.0.0.1:8092 & server_pids+=($!)
"$blogtool" serve --dir "$prefixed_dist" --address 127.0.0.1:8093 --base /blog/ & server_pids+=($!)
# The hostile site as Netlify or Cloudflare Pages serve it, and as GitHub Pages or S3 do.
"$blogtool" serve --dir "$hostile_dist" --address 127.0.0.1:8094 & server_pids+=($!)
"$blogtool" serve --dir "$hostile_dist" --address 127.0.0.1:8095 --no-headers & server_pids+=($!)
"$blogtool" serve --dir "$shortcodes_dist" --address 127.0.0.1:8120 & server_pids+=($!)
"$blogtool" serve --dir "$math_dist" --address 127.0.0.1:8130 & server_pids+=($!)
(cd tests/e2e && npm ci --no-fund --no-audit --silent)
for url in http://127.0.0.1:8091/ http://127.0.0.1:8092/ http://127.0.0.1:8093/blog/ \
  http://127.0.0.1:8094/ http://127.0.0.1:8095/ http://127.0.0.1:8120/ \
  http://127.0.0.1:8130/; do
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "$url" && break
    sleep 0.1
  done
done
cd tests/e2e
# Home and a long section of the seed site, an article and the not-found page of the fixture
# site, as a reader sees them: phone and desktop, light and dark. Taken before the tests, so
# a failing run has them too.
shots=$root/target/screenshots
rm -rf "$shots" && mkdir -p "$shots"
node screenshots.mjs http://127.0.0.1:8091 "$shots" / /posts/ai_frameworks/
node screenshots.mjs http://127.0.0.1:8092 "$shots" /posts/series/third/ /posts/bundle/ /no/such/page/
echo "screenshots in $shots"
SEED_URL=http://127.0.0.1:8091 FIXTURE_URL=http://127.0.0.1:8092 \
  PREFIXED_URL=http://127.0.0.1:8093/blog HOSTILE_URL=http://127.0.0.1:8094 \
  HOSTILE_BARE_URL=http://127.0.0.1:8095 SHORTCODES_URL=http://127.0.0.1:8120 \
  MATH_URL=http://127.0.0.1:8130 \
  node --test --test-concurrency=1
step "every test passed"

#!/usr/bin/env bash
# First paint of /posts/ai_frameworks/, ours against a Hugo build of the same content, in
# Debian's headless Chromium (bench/first-paint.mjs): prints FCP, LCP, the time until the app
# has taken over, and bytes, with no throttling and with slow 4G + 4x CPU. A benchmark, not a
# test: it fails only when something cannot run.
#
# - Builds dist/ (trunk build --release) when it is missing or older than any of its sources;
#   BENCH_REBUILD=1 always builds.
# - Builds the Hugo peer from bench/hugo-site/ (layouts only) with the project's content,
#   hugo.toml and style/main.css, into a temporary folder that is removed afterwards.
# - Serves both on loopback with the same small node server (bench/serve.mjs), stops them at
#   the end. Nothing is downloaded except `npm ci` in bench/ (playwright-core).
#
# Environment: RUNS (loads per peer and profile, default 9), PROFILES (none,slow4g), DETAIL=1
# (each peer's requests in its median load), OURS_PORT/HUGO_PORT (8781/8782).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
ours_port=${OURS_PORT:-8781}
hugo_port=${HUGO_PORT:-8782}

sources=(src content static style index.html hugo.toml Cargo.toml Cargo.lock Trunk.toml)
if [ "${BENCH_REBUILD:-}" = 1 ] || [ ! -f dist/posts/ai_frameworks/index.html ] ||
  [ -n "$(find "${sources[@]}" -newer dist/index.html -print -quit)" ]; then
  echo "== release build of dist/"
  trunk build --release
fi

work=$(mktemp -d)
server_pids=()
cleanup() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Hugo build of the same content ($(hugo version | cut -d' ' -f2))"
# The project's hugo.toml first (title, baseURL), then the bench's own settings and mounts.
# Everything Hugo writes goes to the temporary folder, none of it beside the layouts.
HUGO_RESOURCEDIR="$work/resources" hugo --quiet --noBuildLock --source bench/hugo-site \
  --config "$root/hugo.toml,hugo.toml" --contentDir "$root/content" \
  --destination "$work/hugo" --cacheDir "$work/cache"

echo "== playwright-core"
(cd bench && npm ci --no-fund --no-audit --silent)

node bench/serve.mjs dist "$ours_port" & server_pids+=($!)
node bench/serve.mjs "$work/hugo" "$hugo_port" & server_pids+=($!)
for url in "http://127.0.0.1:$ours_port/" "http://127.0.0.1:$hugo_port/"; do
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "$url" && break
    sleep 0.1
  done
done

echo "== measuring"
OURS_URL="http://127.0.0.1:$ours_port" HUGO_URL="http://127.0.0.1:$hugo_port" \
  node bench/first-paint.mjs

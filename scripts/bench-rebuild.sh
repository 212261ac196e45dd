#!/usr/bin/env bash
# How long an author waits for an edit under `trunk serve`: a generated site of SIZE posts
# (bench/scale-site.mjs, as bench-scale.sh makes it) is copied to a scratch folder and served
# with `trunk serve` (debug wasm); then one post's Markdown is edited EDITS times, and each
# time the script waits until the served page shows the new sentence. Prints, per edit, the
# seconds from the edit to the page and the files the build kept. A benchmark, not a test.
#
#   ./scripts/bench-rebuild.sh          # 10,000 posts, 3 edits
#   SIZE=1000 EDITS=5 ./scripts/bench-rebuild.sh
#
# Environment: SIZE (default 10000), EDITS (default 3), PORT (default 8191).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
size=${SIZE:-10000}
edits=${EDITS:-3}
port=${PORT:-8191}
generated=$root/target/bench-scale/sites/$size
[ -f "$generated/bench.json" ] || node bench/scale-site.mjs "$size" "$generated"

# Trunk's watcher ignores changes under target/: the site is served from elsewhere.
scratch=$(mktemp -d)
server=
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
cp -r "$generated" "$scratch/site"
article=$(node -e 'console.log(require(process.argv[1]).article)' "$scratch/site/bench.json")
source=$scratch/site/content${article%/}.md
log=$scratch/serve.log

now() { date +%s.%N; }
# wait_for TEXT SECONDS: until the served article shows TEXT; fails after SECONDS.
wait_for() {
  local deadline
  deadline=$(awk -v now="$(now)" -v wait="$2" 'BEGIN { printf "%.3f", now + wait }')
  until curl -sf "http://127.0.0.1:$port$article" | grep -qF "$1"; do
    if awk -v now="$(now)" -v deadline="$deadline" 'BEGIN { exit !(now > deadline) }'; then
      tail -n 20 "$log" >&2
      echo "bench-rebuild: the page did not show \"$1\" within $2 s" >&2
      exit 1
    fi
    sleep 0.05
  done
}

echo "== trunk serve of $size posts (the first build renders everything)"
start=$(now)
BLOGTOOL_SITE="$scratch/site" trunk serve --dist "$scratch/dist" --port "$port" \
  --watch "$scratch/site/content" >"$log" 2>&1 &
server=$!
until grep -q 'success' "$log" && curl -sf -o /dev/null "http://127.0.0.1:$port$article"; do
  kill -0 "$server" 2>/dev/null || { tail -n 20 "$log" >&2; exit 1; }
  sleep 0.2
done
awk -v from="$start" -v to="$(now)" 'BEGIN { printf "   first build served after %.1f s\n", to - from }'

echo "| edit | seconds from the edit to the page showing it | files kept (the hook says) |"
echo "|---|---|---|"
for edit in $(seq 1 "$edits"); do
  sentence="An edit the benchmark made, number $edit, at $(date +%s%N)."
  # Trunk's watcher does not see a change made within about a second of a build's end.
  sleep 3
  start=$(now)
  printf '\n%s\n' "$sentence" >>"$source"
  wait_for "$sentence" 300
  seconds=$(awk -v from="$start" -v to="$(now)" 'BEGIN { printf "%.1f", to - from }')
  # The hook's line may come a moment after the page (Trunk moves the files in first).
  sleep 0.5
  kept=$(grep -o '[0-9]* of [0-9]* files kept' "$log" | tail -n 1)
  echo "| $edit | $seconds | $kept |"
done

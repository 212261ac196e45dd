#!/usr/bin/env bash
# The scale benchmark of issue 12: generated sites of 1,000 and 10,000 posts (20 sections,
# series inside sections, 200 tags, relrefs, code; bench/scale-site.mjs) built by the project
# and by Hugo (bench/scale-hugo/: minimal layouts, linked stylesheet), side by side; then cold
# visits of an article, a section and the home page of each in headless Chromium
# (bench/scale-visit.mjs), next to those of a 10-post site. Prints one Markdown table per size
# with the goals of issue 12 (bench/scale-report.mjs). A benchmark, not a test: it fails only
# when something cannot run. Everything it writes is under target/bench-scale/ (the tables in
# report-<sizes>.md, each command's output in logs/).
#
# Per size and builder: build time (wall clock; ours: the first `trunk build --release`, into
# an empty dist/, and its post_build hook, a second one with nothing changed, one after an edit
# of one post, and `blogtool build` alone into
# Trunk's page: the debug binary the hook runs, and the release one when one has been built),
# peak memory (the largest process's maximum resident set, from /usr/bin/time -v), output
# files and bytes, bytes per post, `_headers` rules, the largest file, and (ours) the size of
# the site's data and of the routes' data.
#
#   ./scripts/bench-scale.sh                 # 1,000 and 10,000 posts
#   SIZES=100 RUNS=1 ./scripts/bench-scale.sh  # a quick run
#
# Environment: SIZES (default "1000 10000"), VISIT_BASE (the small site of the visit goal,
# default 10), RUNS (loads per build, page and profile, default 3), FIRST_RUNS (that many more
# builds into an empty folder, ours and Hugo's alternating, their medians in the table;
# default 0), PROFILES (none,slow4g),
# PORT (first of the loopback ports, default 8150), KEEP=1 (keep the built sites' output),
# CARGO_TARGET_DIR (as cargo reads it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
target_dir=${CARGO_TARGET_DIR:-$root/target}
read -r -a sizes <<<"${SIZES:-1000 10000}"
base=${VISIT_BASE:-10}
port=${PORT:-8150}
bench=$root/target/bench-scale
# Each set of sizes keeps its own figures and report.
run_name=$(IFS=-; echo "${sizes[*]}")
results=$bench/results-$run_name
logs=$bench/logs
mkdir -p "$results" "$logs"
rm -f "$results"/*
script_started=$(date +%s)

server_pids=()
cleanup() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

now() { date +%s.%N; }
seconds_since() { awk -v from="$1" -v to="$(now)" 'BEGIN { printf "%.2f", to - from }'; }

# Whether something answers on loopback port $1.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# set_aside DIR: moves DIR (a build's output) into the trash, deleted when the script ends.
# Not deleted now: on ext4, files made within a minute or so of many being deleted are made
# far slower (the allocator skips recently deleted inodes one by one), which would weigh on
# whichever build comes next, ours or Hugo's.
trash=$bench/trash
set_aside() {
  [ -e "$1" ] || return 0
  mkdir -p "$trash"
  mv "$1" "$(mktemp -u "$trash/output.XXXXXX")"
}

# forget_kept: the work the tool keeps for the next build (bodies' renders, search texts:
# `target/last-build/`), so that a build into an empty folder renders everything, as a first
# build does.
forget_kept() { rm -f "$target_dir"/last-build/*.renders "$target_dir"/last-build/*.search; }

# Records `key=value` for a site's report.
record() { printf '%s=%s\n' "$2" "$3" >>"$results/$1.env"; }

# The processes under `pid`, its children's children included.
descendants() {
  local child
  for child in $(pgrep -P "$1"); do
    echo "$child"
    descendants "$child"
  done
}

# The peak resident set (KB) of the largest process under `pid`, sampled every 0.2 s until it
# ends: the fallback when /usr/bin/time is missing (a process shorter than that may be missed).
sample_peak() {
  local pid=$1 peak=0 hwm process
  while kill -0 "$pid" 2>/dev/null; do
    for process in $pid $(descendants "$pid"); do
      hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$process/status" 2>/dev/null || true)
      if [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ]; then peak=$hwm; fi
    done
    sleep 0.2
  done
  echo "$peak"
}

# measure SITE KEY COMMAND...: runs COMMAND (its output to logs/SITE-KEY.log), records its wall
# time in seconds and its peak memory in KB; fails with the log when COMMAND fails.
measure() {
  local site=$1 key=$2
  shift 2
  local log=$logs/$site-$key.log start peak status=0
  start=$(now)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1 || status=$?
    peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log.time")
  else
    "$@" >"$log" 2>&1 &
    local pid=$!
    peak=$(sample_peak "$pid")
    wait "$pid" || status=$?
  fi
  if [ "$status" != 0 ]; then
    tail -n 30 "$log" >&2
    echo "bench-scale: $key of the $site-post site failed (log: $log)" >&2
    exit 1
  fi
  local took
  took=$(seconds_since "$start")
  record "$site" "$key.seconds" "$took"
  record "$site" "$key.peak_kb" "$peak"
  echo "   $key: $took s, peak $((peak / 1024)) MB"
}

# output SITE BUILDER DIR: files, bytes, the largest file and (ours) the `_headers` rules.
output() {
  local site=$1 builder=$2 dir=$3
  record "$site" "$builder.files" "$(find "$dir" -type f | wc -l)"
  record "$site" "$builder.bytes" "$(find "$dir" -type f -printf '%s\n' | awk '{ sum += $1 } END { print sum + 0 }')"
  record "$site" "$builder.largest" "$(find "$dir" -type f -printf '%s %P\n' | sort -n | tail -n 1)"
  if [ -f "$dir/_headers" ]; then
    record "$site" "$builder.headers_rules" "$(grep -c '^/' "$dir/_headers" || true)"
  fi
  if [ -f "$dir/site.json" ]; then
    record "$site" "$builder.site_data_bytes" "$(wc -c <"$dir/site.json")"
    # The routes' data files: their median and largest size, in bytes.
    record "$site" "$builder.route_data" "$(find "$dir" -name route.json -printf '%s\n' | sort -n |
      awk '{ size[NR] = $1 } END { printf "%d %d", size[int((NR + 1) / 2)], size[NR] }')"
  fi
}

# ours_build SITE KEY OUT: one measured `trunk build --release` of the site into OUT.
ours_build() {
  measure "$1" "$2" env BLOGTOOL_SITE="$bench/sites/$1" nice -n 5 trunk build --release --dist "$3"
}

# build_ours SITE FULL: `trunk build --release` of the generated site into an empty dist/
# (every page rendered and written), then when FULL=1 again with nothing changed, again after
# one post's Markdown is edited (the build keeps the last build's unchanged files), and
# `blogtool build` alone; else once: the visit base needs only its output.
build_ours() {
  local site=$1 full=$2 dir=$bench/sites/$1 out=$bench/out/$1/ours
  echo "== ours, $site posts"
  set_aside "$out"
  forget_kept
  ours_build "$site" first "$out"
  [ "$full" = 1 ] || { output "$site" ours "$out"; return; }
  record "$site" renders "$(grep -o '[0-9]* page bodies, [0-9]* renders' "$logs/$site-first.log" | tail -n 1)"
  record "$site" wasm.seconds "$(log_seconds "$logs/$site-first.log" 'starting build' 'spawning hook stage=PostBuild')"
  record "$site" hook.seconds "$(log_seconds "$logs/$site-first.log" 'spawning hook stage=PostBuild' 'applying new distribution')"
  ours_build "$site" second "$out"
  local source=$dir/content$(article "$site")
  source=${source%/}.md
  cp "$source" "$source.bench-original"
  printf '\nA sentence the benchmark adds, as an author would.\n' >>"$source"
  ours_build "$site" edit "$out"
  mv "$source.bench-original" "$source"
  record "$site" edit.kept "$(grep -o '[0-9]* of [0-9]* files kept' "$logs/$site-edit.log" | tail -n 1)"
  record "$site" edit.renders "$(grep -o '[0-9]* renders, [0-9]* renders kept' "$logs/$site-edit.log" | tail -n 1)"
  record "$site" edit.hook_seconds "$(log_seconds "$logs/$site-edit.log" 'spawning hook stage=PostBuild' 'applying new distribution')"
  # Back to the content as generated (the edit undone), for the figures below and the visits.
  ours_build "$site" undo "$out"
  record "$site" ours.article_bytes "$(wc -c <"$out$(article "$site")index.html")"
  output "$site" ours "$out"
  # `blogtool build` alone, into the build it just made with Trunk's own page put back.
  local profile
  for profile in "${tool_profiles[@]}"; do
    cp "$bench/out/app/app.html" "$out/index.html"
    measure "$site" "tool_$profile" nice -n 5 "$target_dir/$profile/blogtool" build --site "$dir" --out "$out"
  done
}

# log_seconds LOG FROM TO: the seconds between the first Trunk log lines that say FROM and TO.
log_seconds() {
  local from to
  from=$(grep -m 1 "$2" "$1" | cut -d' ' -f1)
  to=$(grep -m 1 "$3" "$1" | cut -d' ' -f1)
  awk -v from="$(date -d "$from" +%s.%N)" -v to="$(date -d "$to" +%s.%N)" 'BEGIN { printf "%.1f", to - from }'
}

# The measured article's path in the site of SITE posts.
article() {
  node -e 'console.log(require(process.argv[1]).article)' "$bench/sites/$1/bench.json"
}

# build_hugo SITE RUNS: Hugo's build of the same content with the bench's layouts, RUNS times
# (each recorded: the first reads the content from disk).
build_hugo() {
  local site=$1 runs=$2 out=$bench/out/$1/hugo run
  echo "== Hugo, $site posts"
  set_aside "$out"
  for run in $(seq "$runs"); do
    hugo_build "$site" "hugo_$run" "$out"
  done
  output "$site" hugo "$out"
  record "$site" hugo.article_bytes "$(wc -c <"$out$(article "$site")index.html")"
}

# hugo_build SITE KEY OUT: one measured Hugo build of the site into OUT.
hugo_build() {
  local dir=$bench/sites/$1
  measure "$1" "$2" nice -n 5 env HUGO_RESOURCEDIR="$bench/hugo-resources" hugo --quiet \
    --noBuildLock --cleanDestinationDir --source bench/scale-hugo \
    --config "$dir/hugo.toml,hugo.toml" --contentDir "$dir/content" \
    --destination "$3" --cacheDir "$bench/hugo-cache"
}

# first_builds SITE RUNS: RUNS more builds into an empty output folder, ours and Hugo's
# alternating (single runs on this machine swing by half a second at 1,000 posts); the report
# shows their medians.
first_builds() {
  local site=$1 runs=$2 ours=$bench/out/$1/ours-again hugo=$bench/out/$1/hugo-again run
  echo "== $runs more builds of $site posts into an empty folder, alternating"
  for run in $(seq "$runs"); do
    set_aside "$ours"
    forget_kept
    ours_build "$site" "again_$run" "$ours"
    set_aside "$hugo"
    hugo_build "$site" "hugo_again_$run" "$hugo"
  done
  set_aside "$ours"
  set_aside "$hugo"
}

echo "== generating sites of $base ${sizes[*]} posts"
for site in "$base" "${sizes[@]}"; do
  node bench/scale-site.mjs "$site" "$bench/sites/$site"
done
record meta hugo "$(hugo version | cut -d' ' -f2)"
record meta cores "$(nproc)"

start=$(now)
build_ours "$base" 0
build_hugo "$base" 1
# Trunk's own page (the template every prerendered page is made from): the hook only indexes
# when there is no index.html, so the same build under another name keeps it as Trunk wrote it.
echo "== Trunk's page, for blogtool alone"
BLOGTOOL_SITE="$bench/sites/$base" nice -n 5 trunk build --release --dist "$bench/out/app" \
  --html-output app.html >"$logs/app.log" 2>&1 || { tail -n 30 "$logs/app.log"; exit 1; }
# The debug tool Trunk's hook has just built, and the release one when one has been built
# (brought up to date first: a no-op when it is).
tool_profiles=(debug)
if [ -x "$target_dir/release/blogtool" ]; then
  nice -n 5 cargo build --quiet --offline --release -p blogtool
  tool_profiles+=(release)
fi
record meta setup_seconds "$(seconds_since "$start")"

for site in "${sizes[@]}"; do
  start=$(now)
  build_ours "$site" 1
  build_hugo "$site" 2
  if [ "${FIRST_RUNS:-0}" -gt 0 ]; then first_builds "$site" "$FIRST_RUNS"; fi
  record "$site" builds_seconds "$(seconds_since "$start")"
done

echo "== playwright-core"
(cd bench && npm ci --no-fund --no-audit --silent)
builds=()
next_port=$port
for site in "$base" "${sizes[@]}"; do
  for builder in ours hugo; do
    # A port another program holds is skipped: its pages would be measured as ours.
    while listening "$next_port"; do next_port=$((next_port + 1)); done
    node bench/serve.mjs "$bench/out/$site/$builder" "$next_port" >"$logs/serve-$next_port.log" 2>&1 &
    server_pids+=($!)
    builds+=("{\"name\":\"$builder\",\"posts\":$site,\"url\":\"http://127.0.0.1:$next_port\",\"pages\":$(node -e \
      'const b = require(process.argv[1]); console.log(JSON.stringify({ article: b.article, section: b.section, home: b.home }))' \
      "$bench/sites/$site/bench.json")}")
    for _ in $(seq 50); do
      curl -fs -o /dev/null "http://127.0.0.1:$next_port/" && break
      sleep 0.1
    done
    if ! kill -0 "${server_pids[-1]}" 2>/dev/null; then
      cat "$logs/serve-$next_port.log" >&2
      echo "bench-scale: the server of $bench/out/$site/$builder did not start" >&2
      exit 1
    fi
    next_port=$((next_port + 1))
  done
done
echo "== visits: ${RUNS:-3} cold loads per build, page and profile"
start=$(now)
BUILDS="[$(IFS=,; echo "${builds[*]}")]" OUT="$results/visits.json" nice -n 5 node bench/scale-visit.mjs
record meta visits_seconds "$(seconds_since "$start")"
cleanup
server_pids=()
record meta total_seconds "$(($(date +%s) - script_started))"

node bench/scale-report.mjs "$results" "$base" "${sizes[@]}" | tee "$bench/report-$run_name.md"
if [ "${KEEP:-}" != 1 ]; then
  for site in "${sizes[@]}"; do rm -rf "$bench/out/$site"; done
fi
rm -rf "$trash"

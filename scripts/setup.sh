#!/usr/bin/env bash
# Installs whatever this machine lacks to build, serve and test the blog, and skips what is
# already there at the right version: the wasm target, trunk, wasm-bindgen-cli (the version in
# Cargo.lock), wasm-opt (npm binaryen 132), Debian's chromium, chromium-driver and hugo (the
# oracle of the differential test), the crates. Debian's packages download and unpack in the
# background while cargo compiles the tools (the cold run has a time budget).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
WASM_OPT_VERSION=132
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print }' Cargo.lock)

step() { printf '\n== %s\n' "$*"; }

apt_pid=
apt_log=$(mktemp)
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v hugo >/dev/null; then
  step "installing Debian's chromium, chromium-driver and hugo (in the background)"
  (
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver hugo
  ) >"$apt_log" 2>&1 &
  apt_pid=$!
fi

# The tools are built for running a few seconds per build, not for speed: no link-time
# optimization and parallel code generation (trunk's own profile asks for fat LTO and one
# codegen unit, which took about 10 of a cold run's minutes on 2 cores).
tool_profile=(env CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (about 6 minutes)"
  "${tool_profile[@]}" cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: the CLI's own lockfile names a crate version the registry no longer has.
  "${tool_profile[@]}" cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version $WASM_OPT_VERSION\b"; then
  step "installing wasm-opt from npm binaryen@$WASM_OPT_VERSION"
  npm install --global --no-fund --no-audit "binaryen@$WASM_OPT_VERSION"
fi

if [ -n "$apt_pid" ] && ! wait "$apt_pid"; then
  cat "$apt_log" >&2
  echo "installing Debian's chromium, chromium-driver and hugo failed" >&2
  exit 1
fi
rm -f "$apt_log"

# Trunk builds offline, so every crate must be in the local registry first.
cargo fetch --quiet

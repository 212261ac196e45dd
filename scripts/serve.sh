#!/usr/bin/env bash
# Installs what is missing, then serves the blog on http://127.0.0.1:8080/ with live reload.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
exec trunk serve --address 127.0.0.1 --port "${PORT:-8080}" "$@"

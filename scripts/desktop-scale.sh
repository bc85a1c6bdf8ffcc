#!/usr/bin/env bash
# The desktop app's cold start and memory on a big store (issue 18), on the real app under Xvfb:
#   scripts/desktop-scale.sh STORE [RUNS] [SCREENSHOT.png]
# STORE is used as it is: a store of an older schema is migrated by the first run, so pass a copy
# of a kept workspace, never the workspace itself. APP (default: the release build,
# $CARGO_TARGET_DIR/release/crosscheck-desktop, built by scripts/build-desktop.sh) picks another
# build, for a side-by-side run. DROP_CACHES=1 drops the page cache before each run (root).
# What is measured and how: scripts/desktop-scale.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/desktop-scale.sh STORE [RUNS] [SCREENSHOT.png]" >&2; exit 2; }
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
app="${APP:-$CARGO_TARGET_DIR/release/crosscheck-desktop}"
[ -x "$app" ] || scripts/build-desktop.sh
TAURI_DRIVER="$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")"
export TAURI_DRIVER
shot="${3:-}"
[ -z "$shot" ] || shot="$(realpath -m "$shot")"
timeout -k 10 1800 xvfb-run -a -s "-screen 0 1400x900x24" node scripts/desktop-scale.mjs "$(realpath "$app")" "$(realpath "$1")" "${2:-1}" $shot

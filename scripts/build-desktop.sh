#!/usr/bin/env bash
# Builds the desktop app: the UI (ui/dist), then the Rust shell with the UI embedded, through
# `tauri build` (a plain `cargo build` would make the app load the dev server URL instead).
# No bundle: the binary is $CARGO_TARGET_DIR/release/crosscheck-desktop, or with --debug (passed on
# to `tauri build`) $CARGO_TARGET_DIR/debug/crosscheck-desktop.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ui/node_modules ] || scripts/setup-desktop.sh
npm --prefix ui run build --silent
ui/node_modules/.bin/tauri build --no-bundle --ci "$@"

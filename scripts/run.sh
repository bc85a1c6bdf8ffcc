#!/usr/bin/env bash
# Builds and launches Crosscheck on the store in CROSSCHECK_DB (or the default one), creating the
# sample workspace when the store is empty. Without a display, runs the CLI demo instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -x scripts/run-desktop.sh ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec scripts/run-desktop.sh "$@"
fi
if [ -x scripts/run-desktop.sh ]; then
  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): running the command-line demo instead."
fi
cargo build --release --locked --bin crosscheck
bin="${CARGO_TARGET_DIR:-target}/release/crosscheck"
"$bin" demo "$@"
echo
"$bin" sources
echo
"$bin" claims
echo
echo "Explore further with: $bin --help   (store: \${CROSSCHECK_DB:-default data folder})"

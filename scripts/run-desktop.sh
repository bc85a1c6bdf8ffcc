#!/usr/bin/env bash
# Builds the desktop app (UI, then the Rust shell with the UI embedded) and launches it on the
# store in CROSSCHECK_DB (default: the platform data folder), which gets the sample workspace
# when it is empty. Without a display it says so and points to the command line.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): the desktop app needs one."
  echo "Try the command line instead:  cargo run --release --bin crosscheck -- demo"
  echo "(or scripts/run.sh, which does that for you)."
  exit 0
fi
scripts/setup-desktop.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
scripts/build-desktop.sh
exec "$CARGO_TARGET_DIR/release/crosscheck-desktop" "$@"

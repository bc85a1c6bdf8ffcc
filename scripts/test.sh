#!/usr/bin/env bash
# The whole test suite: core (unit + integration), then the desktop app's UI and end-to-end
# tests where they exist. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== core: cargo test (the root builds only the core library and CLI)"
cargo test --locked

echo "== fuzz smoke: every fuzz/ target for a few seconds (fails on a crash)"
scripts/fuzz-smoke.sh 10

if [ -d src-tauri ]; then
  echo "== desktop: IPC bindings drift and shell tests"
  cargo test --locked -p crosscheck-desktop
fi
if [ -x scripts/test-ui.sh ]; then
  echo "== ui: vitest and playwright"
  scripts/test-ui.sh
fi
if [ -x scripts/test-e2e.sh ]; then
  echo "== desktop end to end: tauri-driver under Xvfb"
  scripts/test-e2e.sh
fi
echo "== all test suites passed"

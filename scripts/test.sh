#!/usr/bin/env bash
# The whole test suite: core (unit + integration), then the desktop app's UI and end-to-end
# tests where they exist. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# One build per run: incremental compilation's caches would only take disk (gigabytes) here.
export CARGO_INCREMENTAL=0

# One cargo invocation for the core and the desktop shell: the crates of the workspace then share
# one feature set, so their dependencies (Typst, the largest) are compiled once, not once per
# crate. `cargo test` alone at the root still builds only the core library and CLI.
echo "== core (unit + integration) and desktop shell (IPC bindings drift): cargo test --workspace"
cargo test --locked --workspace
echo "== disk after the workspace build: $(df -h . | tail -1)"

echo "== fuzz smoke: every fuzz/ target for a few seconds (fails on a crash)"
scripts/fuzz-smoke.sh 10
if [ -x scripts/test-ui.sh ]; then
  echo "== ui: vitest and playwright"
  scripts/test-ui.sh
fi
if [ -x scripts/test-e2e.sh ]; then
  echo "== desktop end to end: tauri-driver under Xvfb"
  scripts/test-e2e.sh
fi
echo "== disk at the end: $(df -h . | tail -1)"
echo "== all test suites passed"

#!/usr/bin/env bash
# A short fuzzing run of every fuzz/ target (SECONDS each, default 10): a crash, a panic, an
# abort or a timeout fails the script. Nightly is not needed: cargo-fuzz runs on stable with
# RUSTC_BOOTSTRAP=1. Installs cargo-fuzz when missing.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECONDS_EACH="${1:-10}"
if ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz-smoke: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
for target in extract html pdf feed fts; do
  echo "== fuzz $target (${SECONDS_EACH}s)"
  # -timeout: a single input running past 30 s counts as a hang, which is a failure.
  cargo fuzz run "$target" -- -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=2048
done
echo "== fuzz smoke: no crash"

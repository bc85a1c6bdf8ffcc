#!/usr/bin/env bash
# End-to-end test of the real desktop app: build it (tauri build --no-bundle), then under Xvfb
# start tauri-driver (which drives WebKitWebDriver) and run tests/e2e/run.mjs against it.
# Everything runs under `timeout`, and tauri-driver is stopped with SIGTERM, so that a leftover
# WebKitWebDriver cannot hold the caller's output open.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-desktop.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

echo "== e2e: build the app and the CLI"
# The debug profile: `cargo test --workspace` (scripts/test.sh) has just compiled every dependency
# in it, so only the crates `tauri build`'s feature changes touch are compiled again. A release
# tree as well would double the build's disk (CI ran out of it) and its time; the app's code and
# its embedded UI are the same in both.
scripts/build-desktop.sh --debug
# The CLI with both packages selected: features resolve as in the app's build and the workspace
# test run, so it links the dependencies already compiled.
cargo build --locked -p crosscheck -p crosscheck-desktop --bin crosscheck
app="$CARGO_TARGET_DIR/debug/crosscheck-desktop"
cli="$CARGO_TARGET_DIR/debug/crosscheck"
driver_bin="$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")"

inner=$(mktemp)
store_dir=$(mktemp -d)
cat >"$inner" <<INNER
set -u
# A fresh store: the app creates the sample workspace in it. tauri-driver passes its own
# environment down to the app, so the variable is set before it starts.
export CROSSCHECK_DB="$store_dir/e2e.db"
# What the save dialog "returns" under test (the page cannot choose paths itself).
export CROSSCHECK_E2E_SAVE_PATH="$store_dir/report.html"
port=\${TAURI_DRIVER_PORT:-4444}
"$driver_bin" --port "\$port" >/tmp/crosscheck-tauri-driver.log 2>&1 &
drv=\$!
for _ in \$(seq 1 50); do curl -fsS "http://127.0.0.1:\$port/status" >/dev/null 2>&1 && break; sleep 0.2; done
TAURI_DRIVER_URL="http://127.0.0.1:\$port" node tests/e2e/run.mjs "$app" "$cli"
rc=\$?
kill -TERM "\$drv" 2>/dev/null
wait "\$drv" 2>/dev/null
exit \$rc
INNER
echo "== e2e: tauri-driver under Xvfb"
rc=0
timeout -k 10 300 xvfb-run -a -s "-screen 0 1400x900x24" bash "$inner" || rc=$?
rm -rf "$inner" "$store_dir"
exit $rc

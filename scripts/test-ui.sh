#!/usr/bin/env bash
# The desktop UI's tests: type check, Vitest (logic), then Playwright (Debian's chromium) on the
# built UI served with a mock backend. Screenshots land in docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ui/node_modules ] || scripts/setup-desktop.sh
cd ui

echo "== ui: svelte-check"
npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings --output human
echo "== ui: vitest"
npx vitest run
echo "== ui: build with the mock backend"
npx vite build --mode mock --outDir dist-mock --logLevel warn

port=${UI_TEST_PORT:-4173}
node node_modules/vite/bin/vite.js preview --mode mock --outDir dist-mock --host 127.0.0.1 --port "$port" --strictPort >/tmp/crosscheck-ui-preview.log 2>&1 &
preview=$!
trap 'kill "$preview" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
  sleep 0.2
done
echo "== ui: playwright (chromium, mocked IPC)"
timeout 300 node tests/ui.mjs "http://127.0.0.1:$port/"

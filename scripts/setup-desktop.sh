#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build, run and test the desktop app (Tauri v2 over
# WebKitGTK). Idempotent: each step checks before it installs, so a second run costs seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# Build: WebKitGTK 4.1, GTK 3, tray/appindicator, SVG icons, libsoup 3 (Tauri v2's Linux stack).
# Tests: xvfb (a display for e2e), webkit2gtk-driver (WebKitWebDriver for tauri-driver),
# chromium (Playwright drives Debian's chromium; `npx playwright install` cannot download here),
# nodejs/npm (Vite, Vitest, the Tauri CLI shipped as an npm package).
pkgs=(build-essential pkg-config curl file libssl-dev libxdo-dev
      libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev
      xvfb xauth webkit2gtk-driver chromium)
need_apt=()
for p in "${pkgs[@]}"; do have_pkg "$p" || need_apt+=("$p"); done
# Node may come from NodeSource (whose nodejs bundles npm and conflicts with Debian's npm): only
# ask apt when the commands are missing.
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup-desktop: installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# UI dependencies, including the Tauri CLI (@tauri-apps/cli ships its prebuilt binary in the package).
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup-desktop: npm ci in ui/"
  (cd ui && npm ci --no-audit --no-fund)
fi

# tauri-driver bridges WebDriver clients to WebKitWebDriver for the end-to-end tests.
if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup-desktop: cargo install tauri-driver"
  cargo install tauri-driver --locked
fi

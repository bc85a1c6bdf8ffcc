#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build, run and test Crosscheck. Idempotent:
# each step checks before it installs, so a second run costs seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# Core: a C compiler for bundled SQLite; chromium renders HTML reports in tests. The PDF tests
# write PDFs with real generators (Python's cairo, Ghostscript's ps2pdf, Chromium) and compare
# the import with poppler's pdftotext.
for p in build-essential pkg-config chromium poppler-utils ghostscript python3-cairo fonts-dejavu-core; do
  have_pkg "$p" || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "setup: cargo is missing; install Rust (https://rustup.rs) and run again" >&2
  exit 1
fi

# The desktop app has its own, heavier set of packages.
if [ -x scripts/setup-desktop.sh ]; then
  scripts/setup-desktop.sh
fi

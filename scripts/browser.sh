#!/usr/bin/env bash
# The headless browser kg-builder's tests drive (the query page of `kgb serve`, the timeline page).
#
#   scripts/browser.sh install    apt-get install chromium (Debian) unless a chromium is on PATH
#   scripts/browser.sh check      print the browser's version, fail when none is installed
set -euo pipefail

die() { echo "browser.sh: $*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "installing needs root: run 'sudo $0 install' or, as root, 'apt-get install chromium'"
    fi
}

browser() { command -v chromium || command -v chromium-browser || true; }

cmd_install() {
    if [ -n "$(browser)" ]; then
        echo "chromium already installed: $(browser)"
        return
    fi
    command -v apt-get >/dev/null 2>&1 || die "no apt-get here; install Chromium by hand (chromium on PATH)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
    [ -n "$(browser)" ] || die "the chromium package is installed but no chromium is on PATH"
}

cmd_check() {
    [ -n "$(browser)" ] || die "no chromium on PATH: run '$0 install'"
    "$(browser)" --headless --no-sandbox --version
}

case "${1:-}" in
    install) cmd_install ;;
    check) cmd_check ;;
    *) die "usage: $0 install|check" ;;
esac

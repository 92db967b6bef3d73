#!/usr/bin/env bash
# Set up a development environment and run ipdesk or its tests.
#   bash scripts/dev.sh run  [ipdesk args…]   set up, then start the app
#   bash scripts/dev.sh test [pytest args…]   set up, then lint and run the test suite (what CI runs)
# Setting up: Debian packages Qt and the tests need (when missing and apt-get is usable), a virtual
# environment in .venv with ipdesk installed in editable mode and the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
[ $# -gt 0 ] && shift
case "$mode" in run|test) ;; *) echo "usage: bash scripts/dev.sh run|test [args…]" >&2; exit 2 ;; esac

# Shared libraries of Qt's xcb and offscreen platforms, and poppler-utils (pdftotext/pdftoppm) for the
# print tests. No CJK font on purpose: the app bundles one and the tests must prove it is used.
SYSTEM_PACKAGES="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0
 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 libglib2.0-0 poppler-utils xvfb xauth"

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in $SYSTEM_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif command -v sudo >/dev/null 2>&1; then apt=(sudo apt-get); else apt=(); fi
  if [ ${#apt[@]} -gt 0 ]; then
    echo "== installing system packages: ${missing[*]}"
    "${apt[@]}" update -qq
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "!! missing system packages (install them as root): ${missing[*]}" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "ipdesk needs Python 3.11 or newer (found $("$PYTHON" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
  exit 1
}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.ipdesk-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "== installing ipdesk and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi

case "$mode" in
  run)
    exec .venv/bin/ipdesk "$@"
    ;;
  test)
    echo "== ruff"
    .venv/bin/ruff check .
    echo "== pytest"
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest "$@"
    ;;
esac

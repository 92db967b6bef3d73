#!/usr/bin/env bash
# CI step: build the Linux onedir bundle and run its smoke test (packaging/build.py).
# Called by .ci/run on every submission. About 1 minute on 2 cores (PyInstaller ~20 s).
#
#   bash packaging/ci_bundle.sh            # uses .venv/bin/python if present, else python3
#   PYTHON=/path/to/python bash packaging/ci_bundle.sh
#
# Installs PyInstaller from the pyproject "build" extra into that interpreter's environment and,
# when run as root with apt-get, the X11 client libraries the Qt xcb platform plugin links against
# (so PyInstaller bundles them and the Linux bundle runs on desktops that lack them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
    if [ ! -x "$ROOT/.venv/bin/python" ]; then  # fresh clone: same venv as scripts/dev.sh
        echo "[ci_bundle] creating .venv"
        python3 -m venv "$ROOT/.venv"
    fi
    PY="$ROOT/.venv/bin/python"
fi
echo "[ci_bundle] python: $PY ($("$PY" -c 'import sys; print(sys.version.split()[0])'))"
# The app and its runtime dependencies must be importable for PyInstaller to find them.
if ! "$PY" -c 'import PySide6.QtWidgets, xlsxwriter, ipdesk' >/dev/null 2>&1; then
    echo "[ci_bundle] pip install -e .[build]"
    "$PY" -m pip install --quiet --disable-pip-version-check -e ".[build]"
fi

# PyInstaller + hooks, exactly the versions pinned in pyproject's [project.optional-dependencies] build.
mapfile -t BUILD_REQS < <("$PY" - <<'EOF'
import tomllib
with open("pyproject.toml", "rb") as f:
    print("\n".join(tomllib.load(f)["project"]["optional-dependencies"]["build"]))
EOF
)
if ! "$PY" - "${BUILD_REQS[@]}" <<'EOF'
import sys
from importlib.metadata import PackageNotFoundError, version
try:
    from packaging.requirements import Requirement
except ImportError:
    sys.exit(1)
for spec in sys.argv[1:]:
    req = Requirement(spec)
    try:
        if not req.specifier.contains(version(req.name), prereleases=True):
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
EOF
then
    echo "[ci_bundle] pip install ${BUILD_REQS[*]}"
    "$PY" -m pip install --quiet --disable-pip-version-check "${BUILD_REQS[@]}"
fi

# X11 libraries used by Qt's xcb platform plugin that minimal images (and some desktops) lack.
XLIBS=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libx11-xcb1 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0
       libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-xinerama0 libcups2 libdbus-1-3)
missing=()
for p in "${XLIBS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "[ci_bundle] apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/ci_bundle_apt.log 2>&1 || {
        apt-get update >>/tmp/ci_bundle_apt.log 2>&1 &&
        apt-get install -y --no-install-recommends "${missing[@]}" >>/tmp/ci_bundle_apt.log 2>&1
    } || echo "[ci_bundle] warning: could not install ${missing[*]} (see /tmp/ci_bundle_apt.log); the bundle will rely on the target's copies"
elif [ ${#missing[@]} -gt 0 ]; then
    echo "[ci_bundle] warning: ${missing[*]} not installed; the bundle will rely on the target's copies"
fi
# setpriv (util-linux) lets build.py run the smoke test as "nobody" when CI runs as root.
command -v setpriv >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y --no-install-recommends util-linux >/dev/null 2>&1; } || true

exec "$PY" packaging/build.py "$@"

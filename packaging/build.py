"""Build the ipdesk onedir bundle with packaging/ipdesk.spec and smoke-test it.

    python packaging/build.py                 # build + smoke test (exit 0 only if both pass)
    python packaging/build.py --archive       # ... and make the portable .zip (Windows) / .tar.gz (Linux)
    python packaging/build.py --no-build      # smoke-test an existing dist/ipdesk
    python packaging/build.py --help

Smoke test (same on Linux and Windows): the bundle is copied to a read-only folder whose path has
Chinese characters and spaces (<tmp>/x/测试 目录/ipdesk, chmod -R a-w; as root the program runs as
user "nobody" because root ignores permission bits), with a fresh empty user profile (HOME, XDG_*,
USERPROFILE, APPDATA, LOCALAPPDATA) and QT_QPA_PLATFORM=offscreen; `ipdesk --smoke-test` must exit 0
within the timeout, and the bundle folder must be byte-for-byte unchanged afterwards.

Needs PyInstaller in the running interpreter: pip install ".[build]" (see packaging/ci_bundle.sh).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import appinfo  # noqa: E402

IS_WIN = sys.platform == "win32"
NOBODY = 65534


class BuildError(Exception):
    """A failure with a message for the person running the build (no traceback)."""


def log(msg: str) -> None:
    print(f"[build] {msg}", flush=True)


def exe_path(bundle: Path, name: str = appinfo.EXE_NAME) -> Path:
    return bundle / (f"{name}.exe" if IS_WIN else name)


def dir_size(path: Path) -> tuple[int, int]:
    total = files = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
            files += 1
    return total, files


def snapshot(path: Path) -> dict[str, tuple[int, int, int]]:
    """relative path -> (size, mtime_ns, mode) for every file, folder and link below path."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(path):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            size = st.st_size if stat.S_ISREG(st.st_mode) else 0
            snap[str(p.relative_to(path))] = (size, st.st_mtime_ns, st.st_mode)
    return snap


def make_read_only(path: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(path):
        for name in filenames:
            p = Path(dirpath) / name
            if not p.is_symlink():
                p.chmod(p.stat().st_mode & ~0o222)
    if not IS_WIN:  # Windows folders have no write bit; the file attributes above are all there is
        for dirpath, _dirnames, _filenames in os.walk(path, topdown=False):
            Path(dirpath).chmod(Path(dirpath).stat().st_mode & ~0o222)


def make_writable(path: Path) -> None:
    if not path.exists():
        return
    for dirpath, _dirnames, filenames in os.walk(path):
        Path(dirpath).chmod(Path(dirpath).stat().st_mode | 0o700)
        for name in filenames:
            p = Path(dirpath) / name
            if not p.is_symlink():
                p.chmod(p.stat().st_mode | 0o600)


def _has_locale(name: str) -> bool:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return name.lower() in out.lower().split()


def fresh_profile_env(home: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """Environment of a first-time user: empty home and data dirs, offscreen Qt, no inherited Qt/Python vars."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PYTHON", "XDG_", "LD_PRELOAD"))}
    dirs = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_RUNTIME_DIR": home / "runtime",
        "TMPDIR": home / "tmp",
    }
    if IS_WIN:
        dirs.update(
            USERPROFILE=home,
            APPDATA=home / "AppData" / "Roaming",
            LOCALAPPDATA=home / "AppData" / "Local",
            TEMP=home / "tmp",
            TMP=home / "tmp",
        )
    for key, p in dirs.items():
        p.mkdir(parents=True, exist_ok=True)
        env[key] = str(p)
    (home / "runtime").chmod(0o700)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if not IS_WIN:  # a Chinese desktop session; falls back to C.UTF-8 where the locale is not generated
        env.pop("LC_ALL", None)
        env["LANG"] = "zh_CN.UTF-8" if _has_locale("zh_CN.utf8") else "C.UTF-8"
    env.update(extra_env or {})
    return env


def _run_as_nobody() -> list[str]:
    """Command prefix that drops root, so a read-only folder really is read-only for the program."""
    if IS_WIN or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        raise BuildError("running as root needs `setpriv` (util-linux) to test the read-only folder as a normal user")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--"]


def smoke_test(
    bundle: Path,
    *,
    name: str = appinfo.EXE_NAME,
    args: list[str] | None = None,
    timeout: float = 180.0,
    keep: bool = False,
) -> float:
    """Run the frozen program's smoke test from a read-only, non-ASCII copy; returns wall seconds."""
    args = ["--smoke-test"] if args is None else args
    if not exe_path(bundle, name).exists():
        raise BuildError(f"no executable at {exe_path(bundle, name)}")
    scratch = Path(tempfile.mkdtemp(prefix="ipdesk-smoke-"))
    try:
        scratch.chmod(0o755)
        target = scratch / "x" / "测试 目录" / bundle.name
        target.parent.mkdir(parents=True)
        shutil.copytree(bundle, target, symlinks=True)
        make_read_only(target)
        before = snapshot(target)
        home = scratch / "home 用户"
        env = fresh_profile_env(home)
        prefix = _run_as_nobody()
        if prefix:
            for dirpath, _d, _f in os.walk(home):
                os.chown(dirpath, NOBODY, NOBODY)
            for p in [scratch, *target.parents]:
                if p == scratch.parent:
                    break
                p.chmod(p.stat().st_mode | 0o555)
        cmd = [*prefix, str(exe_path(target, name)), *args]
        log(f"smoke test: {' '.join(cmd)}")
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(
                cmd, cwd=str(home), env=env, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode("utf-8", "replace") + (e.stderr or b"").decode("utf-8", "replace")
            raise BuildError(f"smoke test timed out after {timeout:.0f} s\n{out}") from None
        elapsed = time.perf_counter() - t0
        out = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
        # A windowed Windows program has no stdout: show what it logged under the (fresh) user profile.
        for log_file in sorted(home.rglob("*.log")):
            text = log_file.read_text(encoding="utf-8", errors="replace").strip()
            if text:
                out += f"\n[{log_file.relative_to(home)}]\n" + "\n".join(text.splitlines()[-20:])
        for line in out.strip().splitlines():
            print(f"    | {line}")
        if proc.returncode != 0:
            raise BuildError(f"smoke test failed: exit code {proc.returncode}")
        if "Traceback (most recent call last)" in out:
            raise BuildError("smoke test printed a Python traceback")
        after = snapshot(target)
        if after != before:
            added = sorted(set(after) - set(before))
            removed = sorted(set(before) - set(after))
            changed = sorted(k for k in set(after) & set(before) if after[k] != before[k])
            raise BuildError(
                f"the program changed its own folder: added={added[:10]} removed={removed[:10]} changed={changed[:10]}"
            )
        log(f"smoke test passed in {elapsed:.2f} s (read-only folder unchanged: {len(after)} entries)")
        return elapsed
    finally:
        if keep:
            log(f"kept smoke-test folder {scratch}")
        else:
            make_writable(scratch)
            shutil.rmtree(scratch, ignore_errors=True)


def run_pyinstaller(spec: Path, distpath: Path, workpath: Path, extra: list[str] | None = None) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError(
            f"PyInstaller is not installed in {sys.executable}; run: {sys.executable} -m pip install '.[build]'"
        ) from None
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(distpath), "--workpath", str(workpath), str(spec), *(extra or []),
    ]  # fmt: skip
    log("running " + " ".join(cmd))
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=str(ROOT))
    if proc.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit code {proc.returncode})")
    log(f"PyInstaller finished in {time.perf_counter() - t0:.0f} s")


def check_bundle(bundle: Path) -> None:
    """Structural checks on the built folder (independent of the smoke test)."""
    internal = bundle / "_internal"
    root = internal if internal.is_dir() else bundle
    problems = []
    if not (root / "data" / "ipfiscal.sqlite").is_file():
        problems.append("data/ipfiscal.sqlite missing from the bundle root")
    if not (root / "resources").is_dir():
        problems.append("resources/ missing from the bundle root")
    if any(p.name.lower() == "icuuc.dll" for p in bundle.rglob("*")):
        problems.append("icuuc.dll found in the bundle (the wine test stub must never ship)")
    qms = sorted(p.name for p in bundle.rglob("*.qm"))
    if not {"qtbase_zh_CN.qm", "qt_zh_CN.qm"} <= set(qms):
        problems.append(f"zh_CN Qt translations missing (found {qms})")
    if problems:
        raise BuildError("bundle check failed: " + "; ".join(problems))


def glibc_floor(bundle: Path) -> str:
    """Highest GLIBC_2.x symbol version any ELF file in the bundle needs (Linux only; '' if unknown)."""
    objdump = shutil.which("objdump")
    if IS_WIN or not objdump:
        return ""
    best = (0, 0)
    for p in bundle.rglob("*"):
        if not p.is_file() or p.is_symlink():
            continue
        with p.open("rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        out = subprocess.run([objdump, "-T", str(p)], capture_output=True, text=True).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", out):
            best = max(best, (int(major), int(minor)))
    return f"{best[0]}.{best[1]}" if best != (0, 0) else ""


def make_archive(bundle: Path, out_dir: Path, version: str) -> Path:
    if IS_WIN:
        out = out_dir / f"ipdesk-{version}-windows-x64-portable.zip"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for p in sorted(bundle.rglob("*")):
                zf.write(p, Path(bundle.name) / p.relative_to(bundle))
    else:
        out = out_dir / f"ipdesk-{version}-linux-x86_64.tar.gz"
        with tarfile.open(out, "w:gz", compresslevel=9) as tf:
            tf.add(bundle, arcname=bundle.name)
    log(f"archive {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--spec", type=Path, default=HERE / "ipdesk.spec")
    ap.add_argument("--dist", type=Path, default=HERE / "dist", help="output folder (default packaging/dist)")
    ap.add_argument("--work", type=Path, default=HERE / "build", help="PyInstaller work folder")
    ap.add_argument("--no-build", action="store_true", help="only smoke-test an existing bundle")
    ap.add_argument("--no-smoke", action="store_true", help="build only")
    ap.add_argument("--archive", action="store_true", help="also write the portable .zip / .tar.gz")
    ap.add_argument("--timeout", type=float, default=180.0, help="smoke-test timeout in seconds")
    ap.add_argument("--keep", action="store_true", help="keep the smoke-test folder for inspection")
    ns = ap.parse_args(argv)
    try:
        version = appinfo.read_version()
        bundle = ns.dist.resolve() / appinfo.EXE_NAME
        if not ns.no_build:
            db = ROOT / "data" / "ipfiscal.sqlite"
            if not db.is_file():
                raise BuildError(f"{db} is missing: build the database before packaging")
            if bundle.exists():
                make_writable(bundle)
            run_pyinstaller(ns.spec.resolve(), ns.dist.resolve(), ns.work.resolve())
        check_bundle(bundle)
        size, files = dir_size(bundle)
        log(f"bundle {bundle}: {size / 1e6:.1f} MB in {files} files (version {version})")
        floor = glibc_floor(bundle)
        if floor:
            log(f"the Linux bundle needs glibc >= {floor} on the target system")
        if not ns.no_smoke:
            smoke_test(bundle, timeout=ns.timeout, keep=ns.keep)
        if ns.archive:
            make_archive(bundle, ns.dist.resolve(), version)
    except BuildError as e:
        print(f"[build] FAILED: {e}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("[build] interrupted", file=sys.stderr)
        return 130
    log("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())

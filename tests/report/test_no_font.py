"""Without any CJK font Qt writes a PDF with no text and no error; ipdesk refuses instead.

Runs in a fresh process whose bundled font file is "missing" (this machine has no system CJK font, like CI).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ipdesk.store.selection import Selection

from .conftest import DATABASE_REGIONS, needs_poppler, pdf_text

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys
    from ipdesk import fonts
    fonts.BUNDLED_FONT = ("fonts", "missing.ttc")
    from ipdesk import cli
    from ipdesk.report import to_pdf
    region, out, bypass = sys.argv[1], sys.argv[2], sys.argv[3] == "bypass"
    if bypass:  # what happens without ipdesk's check: Qt renders anyway
        to_pdf.check_font = lambda: "WenQuanYi Micro Hei"
    sys.exit(cli.run(["report", region, "--pdf", out]))
    """
)


def run(tmp_path, mode: str) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path / f"{mode}.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, DATABASE_REGIONS[0], str(out), mode],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    return result, out


def _has_system_cjk_font() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=10).stdout
    except OSError:
        return False
    return bool(out.strip())


def test_missing_font_is_refused_with_a_message(tmp_path):
    if _has_system_cjk_font():
        pytest.skip("a system CJK font is installed: nothing to refuse")
    result, out = run(tmp_path, "check")
    assert result.returncode == 1
    assert "中文字体" in result.stderr.decode("utf-8")
    assert not out.exists()


@needs_poppler
def test_without_the_check_the_pdf_would_have_no_text(tmp_path, repo):
    """The premise of the check (and why every PDF test reads the text back with pdftotext)."""
    if _has_system_cjk_font():
        pytest.skip("a system CJK font is installed")
    result, out = run(tmp_path, "bypass")
    assert result.returncode == 0, result.stderr.decode()
    clause = repo.clauses(Selection.of(regions=[DATABASE_REGIONS[0]]))[0]
    assert clause.doc_no not in pdf_text(out)

"""`ipdesk --smoke-test`: the window shown offscreen, the main queries, a search, the parts loaded on first use
(printing, dialogs, full text, the readers of 导入方案) and one summary PDF, read back. Run by CI on the packaged
program; exit codes 4–8 say what failed (and a Chinese line on stderr)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .app import StartupClock, _report_shown, _say

if TYPE_CHECKING:
    from .store.repository import RegionNode


def smoke_test(app, repo, window, clock: StartupClock) -> int:
    """The window shown offscreen, the main queries, a search, the parts loaded on first use (printing, dialogs,
    full text) and one summary PDF if printing is installed."""
    window.persist = False  # a check, not a session: the user's saved selection stays as it was
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    _report_shown(clock, window.info.clauses)
    info = repo.info()
    regions = repo.region_tree()
    categories = repo.categories()
    keys = window.browser.index.keys  # every current clause (id, plan, region, category, level), loaded by the window
    last = repo.clauses_by_id([keys[-1].id]) if keys else []
    region = _region_with_plan(regions)
    if not (regions and categories and last) or len(keys) != info.clauses or region is None:
        _say("ipdesk: 自检失败：数据库中没有条款、没有可识别地区的方案或条款数不符。", err=True)
        return 4
    if window.table_model.rowCount() == 0 or window.grab().isNull():
        _say("ipdesk: 自检失败：主窗口没有显示条款。", err=True)
        return 5
    engine = window.search_panel.engine
    engine.warm()
    word = _search_word(last[0].text)
    found = engine.search(word)
    if found.error or not found.hits:
        _say(f"ipdesk: 自检失败：查找“{word}”没有结果。", err=True)
        return 6
    window.show_clause(last[0].id)
    if window.selected_clause() is None or window.selected_clause().id != last[0].id:
        _say("ipdesk: 自检失败：无法选中条款。", err=True)
        return 5
    from .ui import dialogs, full_text, search_results  # noqa: F401 - loaded on first use in the window: check they load

    try:
        window.printing  # noqa: B018 - QtPrintSupport and the print dialogs, loaded on first use
        from .report.summary import build_summary
        from .report.to_pdf import write_pdf
        from .store.selection import Selection
    except ImportError as exc:  # a bundle built without them: 打印汇总表 would fail on the clerk's first click
        _say(f"ipdesk: 自检失败：无法加载打印功能（{exc}）。", err=True)
        return 7
    with tempfile.TemporaryDirectory(prefix="ipdesk-smoke-") as tmp:
        summary = build_summary(repo, Selection((region.code,)))
        pages = write_pdf(summary, Path(tmp) / "smoke.pdf")
        read_back = _read_back(Path(tmp) / "smoke.pdf")
    if summary.region_name not in read_back:  # a bundle without the readers (pypdf …) fails here, not on a clerk
        _say(f"ipdesk: 自检失败：导入功能无法读取 PDF（{read_back[:80]}）。", err=True)
        return 8
    window.close()
    _say(
        f"ipdesk: 自检通过（{clock.elapsed_ms():.0f} ms）：{info.documents} 个方案，{info.clauses} 条条款，"
        f"{window.table_model.rowCount()} 行显示，汇总表 PDF {pages} 页"
    )
    return 0


def _region_with_plan(nodes) -> RegionNode | None:
    """The first region (depth first, in code order) that has a current plan of its own: one whose summary can be
    printed (plans whose region was not recognised have none)."""
    for node in nodes:
        if node.code and node.document_count:
            return node
        if found := _region_with_plan(node.children):
            return found
    return None


def _read_back(pdf: Path) -> str:
    """The text of a PDF as 导入方案 reads it, or the reason it cannot."""
    try:
        from .importing import ReadError, read_document  # the smoke test only (the window loads it on first use)
    except ImportError as exc:
        return f"ImportError: {exc}"
    try:
        return read_document(pdf).text
    except ReadError as exc:
        return str(exc)


def _search_word(text: str) -> str:
    """Two Chinese characters of the text (a clause may start with “ or 《, which search does not index)."""
    match = re.search(r"[\u4e00-\u9fff]{2}", text)
    return match.group() if match else text[:2]

"""A clause whose holder is neither of the plan's levels: a grey 未能识别 badge in the window and in print."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipdesk.database.build import build
from ipdesk.dbformat.levels import level_color
from ipdesk.models.clause_table import ClauseTableModel
from ipdesk.models.roles import Column, Role
from ipdesk.report.summary import build_summary
from ipdesk.store.repository import Repository
from ipdesk.store.selection import Selection
from ipdesk.ui.detail_pane import detail_html

PLAN = Path(__file__).parent.parent / "corpus" / "variants" / "domain_natural_resources_portal.txt"


@pytest.fixture
def unknown_repo(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / PLAN.name).write_bytes(PLAN.read_bytes())
    build(sources, tmp_path / "db.sqlite")
    repo = Repository(tmp_path / "db.sqlite")
    yield repo
    repo.close()


def test_unknown_level_badge_in_the_table_and_the_detail_pane(qapp, unknown_repo):
    rows = unknown_repo.clauses()
    unknown = [r for r in rows if r.level == "unknown"]
    assert [r.level_label for r in unknown] == ["开发区管委会财政事权"]
    model = ClauseTableModel()
    model.set_rows(rows)
    r = next(i for i in range(model.rowCount()) if model.clause(i).level == "unknown")
    index = model.index(r, Column.LEVEL)
    assert index.data(Role.LEVEL_BADGE) == "未能识别"
    assert index.data(Role.LEVEL_COLOR).name() == "#9e9e9e" == level_color("unknown")
    html = detail_html(unknown[0], unknown_repo.document(unknown[0].document_id))
    assert "未能识别" in html and "#9e9e9e" in html


def test_unknown_level_in_the_printed_summary(unknown_repo):
    code = unknown_repo.clauses()[0].region_code
    summary = build_summary(unknown_repo, Selection((code,)))
    row = next(r for r in summary.rows if "开发区" in r.text)
    assert row.authority == "未能识别"
    assert row.expenditure == "由开发区管委会承担支出责任"

"""Counties in the region tree (offscreen window and command line): a county reads its city's plan from the lower
side, in its own words; a county whose city has no plan reads the province's, with a notice."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ipdesk.models.chain import plans_for
from ipdesk.models.roles import Role
from ipdesk.store.repository import walk
from ipdesk.store.selection import Selection

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, repo):
    from ipdesk.ui.main_window import MainWindow

    win = MainWindow(repo)
    win.persist = False
    qtbot.addWidget(win)
    win.show()
    return win


def seed_cities(repo):
    """The cities with a plan of their own, each with one of its counties."""
    cities = [n for n in walk(repo.region_tree(complete=True)) if n.level == "prefecture" and n.document_count]
    assert len(cities) == 4
    return [(city, city.children[0]) for city in cities]


def select(window, code):
    window.region_tree.select(window.left_splitter.regions.index_of(code))


def test_a_county_of_each_seed_city_shows_the_city_plan_from_its_side(window, repo):
    for city, county in seed_cities(repo):
        select(window, county.code)
        expected = [c.id for c in repo.clauses(Selection((city.code,)))]
        assert [window.table_model.clause_id(r) for r in range(window.table_model.rowCount())] == expected
        plan = repo.document(repo.current_plans(city.code)[0])
        line = window.scope_label.text()
        assert line.startswith(f"{county.name} · 适用《{plan.title}》（{plan.doc_no}）"), line
        own = "本" + county.name[-1]
        buttons = {level: b.text() for level, b in window.level_filter.buttons.items()}
        assert buttons["lower"].startswith(f"{own}（{plan.lower_level}）")
        assert buttons["upper"].startswith(f"{city.name}（{plan.upper_level}）")
        lower_rows = [r for r in range(window.table_model.rowCount())
                      if window.table_model.clause(r).level == "lower"]  # fmt: skip
        if lower_rows:
            assert window.table_model.index(lower_rows[0], 0).data(Role.LEVEL_BADGE) == own
            window.table.select_row(lower_rows[0])
            assert window.detail.toPlainText().lstrip().startswith(own)  # the detail pane's badge too
        summary = window.printing._summary()
        assert summary.title.startswith(f"{county.name}知识产权领域财政事权清单 · 依据《{plan.title}》")
        assert sorted(r.clause_id for r in summary.rows) == sorted(expected)


def test_a_county_whose_city_has_no_plan_reads_the_province_plan_with_a_notice(window, repo):
    inner_mongolia = next(n for n in repo.region_tree(complete=True) if n.code == "150000")
    city = next(c for c in inner_mongolia.children if not c.document_count and c.children)
    county = city.children[0]
    select(window, county.code)
    assert window.table_model.rowCount() == len(repo.clauses(Selection(("150000",))))
    line = window.scope_label.text()
    assert "适用《内蒙古自治区" in line and "所在市的方案未收录" in line and "导入" in line
    assert window.level_filter.buttons["upper"].text().startswith("内蒙古自治区（")


def test_a_region_without_any_plan_says_so(window, repo):
    shanxi = next(n for n in repo.region_tree(complete=True) if n.code == "140000")
    city = next(c for c in shanxi.children if not c.document_count)
    select(window, city.code)
    assert window.table_model.rowCount() == 0
    assert "数据中没有适用于" in window.scope_label.text()


def test_report_and_chain_take_a_county(repo, tmp_path):
    city, county = seed_cities(repo)[1]
    out = tmp_path / "县.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "ipdesk", "report", county.code, "--csv", str(out)], capture_output=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.read_text(encoding="utf-8-sig").count("\n") == len(repo.clauses(Selection((city.code,)))) + 1
    assert "（本" + county.name[-1] + "）" in out.read_text(encoding="utf-8-sig")
    steps = plans_for(repo, county.code)
    assert steps and all(s.side == "lower" for s in steps)
    assert steps[-1].document.region_code == city.code


def test_through_the_province_plan_the_lower_level_is_the_city_not_the_county(window, repo, tmp_path):
    inner_mongolia = next(n for n in repo.region_tree(complete=True) if n.code == "150000")
    city = next(c for c in inner_mongolia.children if not c.document_count and c.children)
    county = city.children[0]
    select(window, county.code)
    lower = window.level_filter.buttons["lower"].text()
    assert lower.startswith(f"{city.name}（盟市）") and "本" + county.name[-1] not in lower
    out = tmp_path / "县.csv"
    subprocess.run([sys.executable, "-m", "ipdesk", "report", county.code, "--csv", str(out)], check=True, timeout=60)
    assert f"盟市（{city.name}）" in out.read_text(encoding="utf-8-sig")

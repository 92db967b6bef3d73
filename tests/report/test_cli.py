"""`python -m ipdesk report`: the same code path as the window, one-line Chinese errors."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ipdesk import cli
from ipdesk.store.selection import Selection

from .conftest import DATABASE_REGIONS, needs_poppler, pdf_text, squeeze

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, display: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", "ipdesk", "report", *args],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


@needs_poppler
def test_pdf_in_a_fresh_process_without_display(repo, tmp_path):
    """The CLI creates its own offscreen QGuiApplication and registers the bundled font."""
    region = DATABASE_REGIONS[-1]
    clauses = repo.clauses(Selection.of(regions=[region]))
    out = tmp_path / "中文 目录" / f"{clauses[0].region_name}_知识产权财政事权汇总表.pdf"
    out.parent.mkdir()
    result = run_cli(clauses[0].region_name, "--pdf", str(out))
    assert result.returncode == 0, result.stderr.decode()
    text = pdf_text(out)
    for clause in clauses:
        assert squeeze(clause.text) in text
        assert clause.doc_no in text


def test_xlsx_with_category_filter(repo, tmp_path, capsys):
    region = DATABASE_REGIONS[0]
    clauses = repo.clauses(Selection.of(regions=[region]))
    category = clauses[-1].category
    out = tmp_path / "a b.xlsx"
    assert cli.run(["report", region, "--xlsx", str(out), "--category", category]) == 0
    ws = load_workbook(out).active
    texts = [r[2] for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert sorted(texts) == sorted(c.text for c in clauses if c.category == category)
    assert "已导出" in capsys.readouterr().err


def test_csv_with_level_filter(repo, tmp_path):
    region = DATABASE_REGIONS[0]
    clauses = repo.clauses(Selection.of(regions=[region]))
    out = tmp_path / "a.csv"
    assert cli.run(["report", region, "--csv", str(out), "--level", "上级", "--level", "lower"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    assert sorted(r[2] for r in rows) == sorted(c.text for c in clauses if c.level in ("upper", "lower"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["火星市", "--csv", "{tmp}/a.csv"], "找不到地区"),
        ([DATABASE_REGIONS[0], "--csv", "{tmp}/没有/a.csv"], "文件夹不存在"),
        ([DATABASE_REGIONS[0], "--csv", "{tmp}/a.csv", "--level", "最上级"], "未知的财政事权层级"),
        ([DATABASE_REGIONS[0], "--csv", "{tmp}/a.csv", "--db", "{tmp}/none.sqlite"], "找不到数据库文件"),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, capfd, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert cli.run(["report", *args]) == 1
    err = capfd.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "a.csv").exists()


def test_exactly_one_output_is_required(capfd):
    with pytest.raises(SystemExit) as info:
        cli.run(["report", DATABASE_REGIONS[0]])
    assert info.value.code == 2
    assert "参数错误" in capfd.readouterr().err


def test_province_without_own_plan_prints_its_one_city_with_a_plan(repo, tmp_path, capsys):
    """As README and the window's print action: 山西省 (no plan of its own) → its one city that has a plan."""
    provinces = [n for n in repo.region_tree() if n.clause_count == 0]
    assert provinces, "the data has a province without its own plan"
    for province in provinces:
        planned = [c for c in province.children if c.clause_count]
        if len(planned) != 1:
            continue
        out = tmp_path / f"{province.code}.csv"
        assert cli.run(["report", province.name, "--csv", str(out)]) == 0, capsys.readouterr().err
        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))[1:]
        assert sorted(r[2] for r in rows) == sorted(
            c.text for c in repo.clauses(Selection.of(regions=[planned[0].code]))
        )
        assert planned[0].name in capsys.readouterr().err

"""The comparison matrix on the real database: alignment of differently worded matters (expected rows written by
hand from the seed plans), every clause-matter in exactly one cell, residual cells, the JSON of `ipdesk compare`,
and the PDF and Excel files read back."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections import Counter

import pytest

from ipdesk.models.compare import RESIDUAL_KEY, build_matrix
from ipdesk.models.matters import matter_key
from ipdesk.store.selection import Selection

SEED_CITIES = {"晋城市": "140500", "内蒙古自治区": "150000", "包头市": "150200", "钦州市": "450700", "海东市": "630200"}


@pytest.fixture
def matrix(repo):
    return build_matrix(repo, list(SEED_CITIES.values()))


def row(matrix, key):
    """The row of a matter, by its key (the matter with the level words removed; the label is a plan's wording)."""
    found = [r for r in matrix.rows if r.key == key]
    assert len(found) == 1, [r.key for r in matrix.rows]
    return found[0]


def words(r, region):
    cell = r.cells.get(SEED_CITIES[region])
    if cell is None:
        return None
    return "未列明" if cell.residual else "／".join(e.words for e in cell.entries)


@pytest.mark.parametrize(
    ("wordings", "key"),
    [
        (["全市性知识产权保护体系建设", "自治区级知识产权保护体系建设", "旗县区知识产权保护体系建设"], "知识产权保护体系建设"),
        (["市、县区知识产权服务业监管", "全区知识产权服务业监管", "县区级知识产权服务业监管"], "知识产权服务业监管"),
        (["结合全市产业发展开展专利导航", "结合本旗县区产业发展开展专利导航", "结合自治区产业发展开展专利导航"],
         "结合产业发展开展专利导航"),
        (["市场监管领域知识产权执法"], "市场监管领域知识产权执法"),
    ],
)  # fmt: skip
def test_level_words_are_removed_and_nothing_else(wordings, key):
    assert {matter_key(w, "市本级", "旗县区") for w in wordings} == {key}


def test_seed_alignments_written_by_hand(matrix):
    """Read off the five seed plans: the same matter, worded by each plan with its own level words, is one row."""
    expected = {
        "知识产权保护体系建设": {
            "晋城市": "市级／县级", "内蒙古自治区": "自治区级／盟市", "包头市": "市本级／旗县区", "钦州市": "市级／县区",
            "海东市": "市级／县区",
        },
        # 钦州 lists "市、县区知识产权转移转化促进" and "开展市、县区专利导航" (按属地): worded a little differently,
        # the same matters
        "知识产权转移转化促进和知识产权交易运营监督管理": {
            "晋城市": "市级／县级", "内蒙古自治区": "自治区级／盟市", "包头市": "市本级／旗县区", "钦州市": "按属地",
            "海东市": "县区",
        },
        "结合产业发展开展专利导航": {
            "晋城市": "市级／县级", "内蒙古自治区": "自治区级", "包头市": "市本级／旗县区", "钦州市": "按属地",
            "海东市": "市级",
        },
        # 晋城 "著作权许可和转让备案" (共同) and the others' "……著作权管理部门办理的著作权许可和转让备案"
        "著作权许可和转让备案": {
            "晋城市": "共同", "内蒙古自治区": "自治区级／盟市", "包头市": "市本级", "钦州市": "共同", "海东市": None,
        },
        "软件正版化工作组织推进": {
            "晋城市": "市级／县级", "内蒙古自治区": "自治区级／盟市", "包头市": "市本级／旗县区", "钦州市": "市级／县区",
            "海东市": "市级／县区",
        },
    }  # fmt: skip
    for matter, cells in expected.items():
        r = row(matrix, matter)
        assert {region: words(r, region) for region in SEED_CITIES} == cells, matter


def test_every_clause_matter_is_in_exactly_one_cell(matrix, repo):
    clauses = repo.clauses(Selection(tuple(SEED_CITIES.values())))
    expected = Counter((c.id, m) for c in clauses for m in (c.matters or [""]) if c.level != "residual")
    expected.update((c.id, "") for c in clauses if c.level == "residual")
    seen = Counter(
        (e.clause.id, e.matter)
        for r in matrix.rows
        for cell in r.cells.values()
        if not cell.residual
        for e in cell.entries
    )
    assert seen == expected and max(seen.values()) == 1
    assert {c.id for c in clauses} == {cid for cid, _ in seen}


def test_residual_cells_and_differences(matrix, repo):
    residual = [r for r in matrix.rows if r.key == RESIDUAL_KEY]
    assert len(residual) == 1 and words(residual[0], "海东市") is None  # 海东 has no residual clause
    r = row(matrix, "推动知识产权质押融资")  # only 钦州 lists it
    assert words(r, "钦州市") == "共同" and words(r, "包头市") == "未列明" and r.differs
    assert len(build_matrix(repo, ["150200", "150200"]).regions) == 1  # a region given twice is one column


def test_cli_json_xlsx_and_pdf(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "ipdesk", "compare", *args], capture_output=True, timeout=120)

    proc = run("包头", "晋城", "--category", "知识产权保护", "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data["regions"] == ["包头市", "晋城市"]
    assert {r["category"] for r in data["rows"]} == {"知识产权保护"}
    cell = next(r for r in data["rows"] if r["key"] == "知识产权保护体系建设")["cells"]["包头市"]
    assert (
        cell["level"] == "upper" and cell["levels"] == ["upper", "lower"] and cell["doc_no"] == "包府办发〔2025〕42号"
    )
    assert set(cell) >= {"level", "level_label", "text", "doc_no"}
    xlsx = tmp_path / "对比.xlsx"
    assert run("包头", "晋城", "钦州", "--xlsx", str(xlsx)).returncode == 0
    with zipfile.ZipFile(xlsx) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    assert '<pane xSplit="1" ySplit="1"' in sheet and "知识产权保护体系建设" in strings and "钦州市" in strings
    pdf = tmp_path / "对比.pdf"
    regions = ["包头", "晋城", "钦州", "海东", "内蒙古"] * 2  # 10 columns: more than one page wide
    proc = run(*regions[:5], "--pdf", str(pdf))
    assert proc.returncode == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.replace(" ", "")
    assert "事项" in text and "知识产权保护体系建设" in text and "第1页共" in text and "海东市" in text
    assert text.count("事项\n") >= 2  # the header row on every page
    assert run("包", "晋城", "--json").returncode != 0  # an ambiguous region is refused, not guessed


def test_many_regions_are_split_into_column_groups(repo, tmp_path, qapp):
    from PySide6.QtGui import QPdfWriter

    from ipdesk.report.matrix_pdf import MatrixLayout, matrix_title
    from ipdesk.report.to_pdf import Orientation, page_layout

    codes = list(SEED_CITIES.values())
    wide = build_matrix(repo, codes)
    object.__setattr__(wide, "regions", wide.regions * 3)  # 15 columns of the same five plans
    writer = QPdfWriter(str(tmp_path / "w.pdf"))
    writer.setResolution(300)
    writer.setPageLayout(page_layout(Orientation.Landscape))
    layout = MatrixLayout(wide, writer, matrix_title(wide))
    assert len(layout.groups) > 1 and sum(len(g) for g in layout.groups) == 15
    assert {p.group for p in layout.pages} == set(range(len(layout.groups)))


@pytest.mark.parametrize(
    ("regions", "message"), [(["土默特右旗", "包头"], "没有本级方案"), (["包头", "包头市"], "2–40 个")]
)
def test_compare_refuses_regions_without_plans_and_a_single_region(regions, message):
    proc = subprocess.run(
        [sys.executable, "-m", "ipdesk", "compare", *regions, "--json"], capture_output=True, timeout=60
    )
    assert proc.returncode == 1 and message in proc.stderr.decode("utf-8")


def test_residual_cells_come_from_the_plan_of_the_same_domain(tmp_path):
    from ipdesk import cli
    from ipdesk.database.library import database_for
    from ipdesk.store.repository import Repository

    from ..conftest import DATABASE

    other = DATABASE.parent.parent / "tests" / "corpus" / "variants" / "domain_natural_resources_portal.txt"
    user_db = tmp_path / "user.sqlite"
    assert cli.run(["import", str(other), "--user-db", str(user_db)]) == 0
    combined = Repository(database_for(DATABASE, user_db).path)
    domain = {c.id: c.domain for c in combined.categories()}
    imported = next(d for d in map(combined.document, combined.document_ids()) if d.imported)
    matrix = build_matrix(combined, [imported.region_code, "150200"])
    other_rows = [r for r in matrix.rows if domain[r.category_id] != "知识产权"]
    assert other_rows and all("150200" not in r.cells for r in other_rows)  # not 包头's IP residual clause

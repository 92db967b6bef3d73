"""The read-only query layer, against the committed database (compared with direct SQL, not literals)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import stat
import subprocess
import sys

import pytest

from ipdesk.dbformat.schema import REQUIRED_TABLES, SCHEMA_VERSION
from ipdesk.store.repository import DatabaseError, Repository
from ipdesk.store.selection import Selection
from tests.conftest import DATABASE


def sql(query, *params):
    conn = sqlite3.connect(DATABASE)
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()


def test_info(repo):
    info = repo.info()
    assert info.documents == sql("SELECT count(*) FROM documents")[0][0] == 5
    assert info.clauses == sql("SELECT count(*) FROM clauses")[0][0]
    assert info.data_as_of == sql("SELECT max(date) FROM documents")[0][0]


def test_region_tree_holds_provinces_then_cities_with_counts(repo):
    tree = repo.region_tree()
    assert all(node.level == "province" for node in tree)
    by_name = {n.name: n for n in tree}
    assert set(by_name) == {"内蒙古自治区", "山西省", "青海省", "广西壮族自治区"}
    inner_mongolia = by_name["内蒙古自治区"]
    own = sql("SELECT count(*) FROM clauses c JOIN documents d ON d.id = c.document_id WHERE d.region_code = '150000'")
    assert inner_mongolia.clause_count == own[0][0] and inner_mongolia.document_count == 1
    assert [c.name for c in inner_mongolia.children] == ["包头市"]
    for province in tree:
        for city in province.children:
            count = sql(
                "SELECT count(*) FROM clauses c JOIN documents d ON d.id = c.document_id WHERE d.region_code = ?",
                city.code,
            )[0][0]
            assert city.clause_count == count > 0
    assert by_name["山西省"].clause_count == 0 and by_name["山西省"].total_clause_count > 0


def test_categories_in_standard_order(repo):
    from ipdesk.corpus.categories import STANDARD_CATEGORIES

    names = [c.name for c in repo.categories()]
    assert names == list(STANDARD_CATEGORIES)
    for category in repo.categories():
        assert category.clause_count == sql("SELECT count(*) FROM clauses WHERE category_id = ?", category.id)[0][0]


@pytest.mark.parametrize("region", ["150200", "450700", "150000"])
@pytest.mark.parametrize("category_name", ["知识产权运用促进", "知识产权领域其他事项"])
def test_clauses_of_region_and_category(repo, region, category_name):
    category = next(c for c in repo.categories() if c.name == category_name)
    rows = repo.clauses(Selection(regions=(region,), category_id=category.id))
    expected = sql(
        "SELECT c.id FROM clauses c JOIN documents d ON d.id = c.document_id "
        "WHERE d.region_code = ? AND c.category_id = ? ORDER BY c.seq",
        region,
        category.id,
    )
    assert [r.id for r in rows] == [e[0] for e in expected]
    assert all(r.region_code == region and r.category == category_name for r in rows)


def test_level_and_matter_filters(repo):
    rows = repo.clauses(Selection(levels={"lower"}))
    assert {r.level for r in rows} == {"lower"}
    assert len(rows) == sql("SELECT count(*) FROM clauses WHERE level = 'lower'")[0][0]
    matter = "知识产权人才队伍建设"
    rows = repo.clauses(Selection(matter=matter))
    assert rows and all(matter in r.matters for r in rows)
    assert len(rows) == sql("SELECT count(DISTINCT clause_id) FROM matters WHERE name = ?", matter)[0][0]


def test_clause_row_fields(repo):
    row = repo.clauses(Selection(regions=("150200",)))[0]
    assert row.doc_no == "包府办发〔2025〕42号" and row.region_name == "包头市"
    assert row.upper_level == "市本级" and row.lower_level == "旗县区"
    assert repo.document_text(row.document_id)[row.start : row.end] == row.text
    assert [m for m in row.matters] == [
        r[0] for r in sql("SELECT name FROM matters WHERE clause_id = ? ORDER BY seq", row.id)
    ]


def test_every_field_of_a_clause_row_is_read_from_its_own_column(repo):
    """Rows are made from SQLite's tuples by position: each field holds its own column, for every clause."""
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    expected = {
        r["id"]: r
        for r in conn.execute(
            "SELECT c.*, d.doc_no, d.title, d.date, coalesce(d.region_code, '') AS code, coalesce(g.name, '') AS region,"
            " k.name AS category, d.upper_level, d.lower_level, d.imported_at"
            " FROM clauses c JOIN documents d ON d.id = c.document_id JOIN categories k ON k.id = c.category_id"
            " LEFT JOIN regions g ON g.code = d.region_code"
        )
    }
    conn.close()
    rows = repo.clauses_by_id(list(expected))
    assert len(rows) == len(expected) > 60
    for row in rows:
        e = expected[row.id]
        assert (row.document_id, row.doc_no, row.doc_title, row.doc_date) == (
            e["document_id"], e["doc_no"], e["title"], e["date"]
        )  # fmt: skip
        assert (row.region_code, row.region_name, row.category_id, row.category) == (
            e["code"], e["region"], e["category_id"], e["category"]
        )  # fmt: skip
        assert (row.category_heading, row.seq, row.place, row.level, row.level_label) == (
            e["category_heading"], e["seq"], e["place"], e["level"], e["level_label"]
        )  # fmt: skip
        assert (row.expenditure, row.expenditure_label, row.text, row.start, row.end) == (
            e["expenditure"], e["expenditure_label"], e["text"], e["start"], e["end"]
        )  # fmt: skip
        assert (row.upper_level, row.lower_level, row.imported_at) == (
            e["upper_level"], e["lower_level"], e["imported_at"]
        )  # fmt: skip
        assert list(row.matters) == [
            r[0] for r in sql("SELECT name FROM matters WHERE clause_id = ? ORDER BY seq", row.id)
        ]


def test_a_plans_text_is_read_apart_from_its_details(repo):
    """Every clause is the slice start:end of its plan's text; an unknown plan is a KeyError."""
    rows = repo.clauses(Selection())
    texts = {d: repo.document_text(d) for d in {r.document_id for r in rows}}
    assert len(texts) == repo.info().documents
    assert all(texts[r.document_id][r.start : r.end] == r.text for r in rows)
    assert "full_text" not in repo.document(rows[0].document_id)._fields
    with pytest.raises(KeyError):
        repo.document_text(max(texts) + 1)


def test_document_detail_with_linked_basis(repo):
    baotou = next(r for r in repo.clauses(Selection(regions=("150200",))))
    doc = repo.document(baotou.document_id)
    assert doc.issuers == ("包头市人民政府办公室",)
    assert doc.province_name == "内蒙古自治区"
    linked = [b for b in doc.basis if b.cited_document_id]
    assert [b.doc_no for b in linked] == ["内政办发〔2024〕48号"]
    assert repo.document(linked[0].cited_document_id).region_name == "内蒙古自治区"


def test_matters_of_category(repo):
    category = next(c for c in repo.categories() if c.name == "知识产权涉外工作")
    matters = repo.matters_by_category()[category.id]
    expected = sql(
        "SELECT count(DISTINCT m.name) FROM matters m JOIN clauses c ON c.id = m.clause_id WHERE c.category_id = ?",
        category.id,
    )[0][0]
    assert len(matters) == expected and all(count >= 1 for _, count in matters)
    assert len(repo.matters_by_category(("150200",))[category.id]) < len(matters)


def test_export_cli_lists_every_document(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "ipdesk", "export", "--json"], capture_output=True, timeout=60)
    assert proc.returncode == 0
    data = json.loads(proc.stdout.decode("utf-8"))
    assert {d["doc_no"] for d in data["documents"]} == {r[0] for r in sql("SELECT doc_no FROM documents")}
    for document in data["documents"]:
        count = sql(
            "SELECT count(*) FROM clauses c JOIN documents d ON d.id = c.document_id WHERE d.doc_no = ?",
            document["doc_no"],
        )[0][0]
        assert len(document["clauses"]) == count
        assert {
            "doc_no",
            "title",
            "issuers",
            "date",
            "region",
            "province",
            "upper_level",
            "lower_level",
            "basis",
            "clauses",
            "warnings",
        } <= set(document)


def test_opens_read_only_in_a_read_only_folder_with_chinese_path(tmp_path):
    folder = tmp_path / "财政局 软件" / "数据"
    folder.mkdir(parents=True)
    target = folder / "ipfiscal.sqlite"
    shutil.copy(DATABASE, target)
    target.chmod(stat.S_IREAD)
    folder.chmod(stat.S_IREAD | stat.S_IEXEC)
    try:
        repo = Repository(target)
        assert repo.info().documents == 5
        assert len(repo.clauses()) == repo.info().clauses
        repo.close()
        assert sorted(p.name for p in folder.iterdir()) == ["ipfiscal.sqlite"]  # no journal, no lock file
    finally:
        folder.chmod(stat.S_IRWXU)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "找不到数据库文件"),
        (b"this is not a database at all" * 100, "已损坏或不是本程序的数据库"),
        (b"", "不是本程序的数据库"),
    ],
)
def test_bad_database_files_give_chinese_messages(tmp_path, content, message):
    path = tmp_path / "ipfiscal.sqlite"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DatabaseError, match=message) as raised:
        Repository(path)
    text = str(raised.value).replace(str(path), "").replace("--db", "")
    for table in REQUIRED_TABLES:  # named when missing (for support), like search_grams
        text = text.replace(table, "")
    assert not re.search(r"[A-Za-z]{3,}", text)  # Chinese only: SQLite's English reason stays out


def test_wrong_schema_version(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(DATABASE, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="数据库版本不符"):
        Repository(path)


def test_a_database_of_an_older_version_says_its_version_not_a_missing_table(tmp_path):
    """A file written by an older ipdesk (schema 7 kept the plans' texts in documents, without document_texts)."""
    path = tmp_path / "old.sqlite"
    shutil.copy(DATABASE, path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE document_texts")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match=f"数据库版本不符：文件为第 7 版，本程序需要第 {SCHEMA_VERSION} 版"):
        Repository(path)


def test_export_cli_with_bad_db(tmp_path):
    bad = tmp_path / "坏.sqlite"
    bad.write_bytes(b"garbage" * 100)
    proc = subprocess.run([sys.executable, "-m", "ipdesk", "export", "--db", str(bad)], capture_output=True, timeout=60)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "损坏" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "file is not a database" in err  # the command line (for technical staff) keeps SQLite's reason


def test_technical_reason_is_the_innermost_cause():
    from ipdesk.store.repository import technical_reason

    def chained() -> None:
        try:
            try:
                raise sqlite3.DatabaseError("database disk image is malformed")
            except sqlite3.DatabaseError as exc:
                raise DatabaseError("读取数据库时出错") from exc
        except DatabaseError as exc:
            raise RuntimeError("汇总表无法生成") from exc

    with pytest.raises(RuntimeError) as raised:
        chained()
    assert technical_reason(raised.value) == "DatabaseError: database disk image is malformed"
    assert technical_reason(DatabaseError("找不到数据库文件")) == ""


# -- region names typed by the user: one rule for search, report and every other command ---------------


def test_region_resolution_rule(repo):
    from ipdesk.store.repository import RegionError

    assert repo.resolve_region("包头市") == "150200"  # exact name
    assert repo.resolve_region(" 150200 ") == "150200"  # code
    assert repo.resolve_region("包头") == "150200"  # the one name it begins
    assert repo.region_path("150200") == "内蒙古自治区包头市"
    assert repo.region_and_below("150200")[0] == "150200" and len(repo.region_and_below("150200")) > 5
    names = [r[0] for r in sql("SELECT name FROM regions WHERE name LIKE '包%' ORDER BY code")]
    assert len(names) > 1, "the region list has several names starting with 包"
    with pytest.raises(RegionError) as ambiguous:
        repo.resolve_region("包")
    assert "可指多个地区" in str(ambiguous.value) and "包头市（150200）" in str(ambiguous.value)
    with pytest.raises(RegionError, match="找不到地区“火星市”"):
        repo.resolve_region("火星市")
    twice = sql("SELECT name FROM regions GROUP BY name HAVING count(*) > 1 LIMIT 1")
    if twice:  # the same name in two provinces (朝阳区 …) is ambiguous even when typed in full
        with pytest.raises(RegionError, match="可指多个地区"):
            repo.resolve_region(twice[0][0])


@pytest.mark.parametrize("typed", ["包", "火星市"])
def test_search_and_report_resolve_regions_alike(typed, tmp_path):
    """`ipdesk search X --region R` and `ipdesk report R` refuse the same names with the same message."""
    search = subprocess.run(
        [sys.executable, "-m", "ipdesk", "search", "知识产权", "--region", typed], capture_output=True, timeout=60
    )
    report = subprocess.run(
        [sys.executable, "-m", "ipdesk", "report", typed, "--csv", str(tmp_path / "a.csv")],
        capture_output=True,
        timeout=60,
    )
    assert search.returncode != 0 and report.returncode != 0
    first = search.stderr.decode("utf-8").strip().splitlines()[0]
    assert first == report.stderr.decode("utf-8").strip().splitlines()[0]
    assert "地区" in first and "Traceback" not in first

"""The builder: schema, content, reproducibility, and the committed database being current."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys

import pytest

from ipdesk.corpus.parser import parse_file
from ipdesk.database.build import BuildError, build
from ipdesk.dbformat.schema import SCHEMA_VERSION
from tests.conftest import DATABASE, SOURCES

#: Rows that legitimately differ between two builds of the same sources.
VOLATILE = {("meta", "built_at")}


def dump(path) -> dict[str, list[tuple]]:
    """Every table's rows (FTS shadow tables included), sorted, minus the volatile ones."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        result = {"__schema__": conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()}
        result["__user_version__"] = conn.execute("PRAGMA user_version").fetchall()
        for table in tables:
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            if table == "meta":
                rows = [r for r in rows if ("meta", r[0]) not in VOLATILE]
            result[table] = sorted(rows, key=repr)
        return result
    finally:
        conn.close()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "ipfiscal.sqlite"
    report = build(SOURCES, out)
    return out, report


def test_committed_database_equals_a_fresh_build(fresh):
    out, _ = fresh
    assert dump(out) == dump(DATABASE), "data/ipfiscal.sqlite is stale: run `python -m ipdesk build` and commit it"


def test_building_twice_gives_the_same_content(fresh, tmp_path):
    again = tmp_path / "again.sqlite"
    build(SOURCES, again)
    assert dump(again) == dump(fresh[0])


def test_report_counts(fresh):
    _, report = fresh
    files = sorted(SOURCES.glob("*.txt"))
    assert report.documents == len(files)
    assert report.clauses == sum(len(parse_file(f).clauses) for f in files)


def test_schema_version_foreign_keys_and_meta(fresh):
    conn = sqlite3.connect(fresh[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    checksums = json.loads(meta["source_checksums"])
    assert checksums == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SOURCES.glob("*.txt")}
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    assert meta["data_as_of"] == max(r[0] for r in conn.execute("SELECT date FROM documents"))


def test_documents_keep_source_text_and_checksum(fresh):
    conn = sqlite3.connect(fresh[0])
    rows = conn.execute(
        "SELECT source_file, source_text, source_sha256 FROM documents LEFT JOIN document_texts ON document_id = id"
    ).fetchall()
    assert len(rows) == len(list(SOURCES.glob("*.txt")))
    for name, text, sha in rows:
        raw = (SOURCES / name).read_bytes()
        assert text == raw.decode("utf-8-sig").replace("\r\n", "\n")
        assert sha == hashlib.sha256(raw).hexdigest()


def test_clauses_match_the_parser(fresh):
    conn = sqlite3.connect(fresh[0])
    for path in SOURCES.glob("*.txt"):
        doc = parse_file(path)
        rows = conn.execute(
            "SELECT k.name, c.level, c.level_label, c.text, c.place FROM clauses c "
            "JOIN documents d ON d.id = c.document_id JOIN categories k ON k.id = c.category_id "
            "WHERE d.source_file = ? ORDER BY c.seq",
            (path.name,),
        ).fetchall()
        assert rows == [(c.category, c.level, c.level_label, c.text, c.place) for c in doc.clauses]
        matters = conn.execute(
            "SELECT group_concat(m.name, '|') FROM clauses c JOIN documents d ON d.id = c.document_id "
            "LEFT JOIN matters m ON m.clause_id = c.id WHERE d.source_file = ? GROUP BY c.id ORDER BY c.seq",
            (path.name,),
        ).fetchall()
        assert [m[0] or "" for m in matters] == ["|".join(c.matters) for c in doc.clauses]


def test_citation_linked_to_the_cited_document_in_the_database(fresh):
    conn = sqlite3.connect(fresh[0])
    rows = conn.execute(
        "SELECT d.doc_no, c.doc_no, t.doc_no FROM citations c JOIN documents d ON d.id = c.document_id "
        "LEFT JOIN documents t ON t.id = c.cited_document_id"
    ).fetchall()
    in_db = {r[0] for r in conn.execute("SELECT doc_no FROM documents")}
    for _citing, cited, linked in rows:
        assert linked == (cited if cited in in_db else None)
    assert ("包府办发〔2025〕42号", "内政办发〔2024〕48号", "内政办发〔2024〕48号") in rows


def test_fts_trigram_index_finds_substrings(fresh):
    conn = sqlite3.connect(fresh[0])
    hits = {r[0] for r in conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH '\"专利导航\"'")}
    expected = {r[0] for r in conn.execute("SELECT id FROM clauses WHERE instr(text, '专利导航') > 0")}
    assert hits == expected and len(expected) == 9


def test_newer_plan_supersedes_older_one_of_the_same_region(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    original = (SOURCES / "neimenggu-baotou_2025-42.txt").read_text(encoding="utf-8")
    (sources / "old.txt").write_text(original, encoding="utf-8")
    newer = original.replace("包府办发〔2025〕42号", "包府办发〔2026〕7号").replace("2025年6月26日", "2026年3月1日")
    (sources / "new.txt").write_text(newer, encoding="utf-8")
    out = tmp_path / "db.sqlite"
    build(sources, out)
    conn = sqlite3.connect(out)
    rows = dict(
        conn.execute("SELECT d.doc_no, n.doc_no FROM documents d LEFT JOIN documents n ON n.id = d.superseded_by")
    )
    assert rows == {"包府办发〔2025〕42号": "包府办发〔2026〕7号", "包府办发〔2026〕7号": None}


def test_build_refuses_bad_sources_and_keeps_the_old_database(tmp_path):
    out = tmp_path / "db.sqlite"
    build(SOURCES, out)
    before = out.read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_bytes(b"\x00\x01\x02" * 50)
    with pytest.raises(BuildError, match=r"a\.txt：不是文本文件"):
        build(bad, out)
    with pytest.raises(BuildError, match="方案文本目录不存在"):
        build(tmp_path / "missing", out)
    (tmp_path / "empty").mkdir()
    with pytest.raises(BuildError, match="没有文档文本"):
        build(tmp_path / "empty", out)
    assert out.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))


def test_build_cli(tmp_path):
    out = tmp_path / "中文 目录" / "ipfiscal.sqlite"
    out.parent.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "ipdesk", "build", "--sources", str(SOURCES), "--out", str(out)],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert dump(out) == dump(DATABASE)

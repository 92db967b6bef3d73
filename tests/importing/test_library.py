"""Imported plans are kept apart from the bundled data: the user database, the combined database the window and
the commands read, and the command line (import / imported / remove, --user-db)."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from ipdesk import cli
from ipdesk.database import library
from ipdesk.database.library import database_for
from ipdesk.database.userdb import UserDatabase
from ipdesk.dbformat.textfold import fold
from ipdesk.store.repository import Repository
from ipdesk.store.selection import Selection

from ..conftest import DATABASE, SOURCES

BAOTOU = SOURCES / "neimenggu-baotou_2025-42.txt"
#: Current clauses of the bundled data.
BASE = Repository(DATABASE).info().clauses


def ordos_plan(tmp_path, doc_no="鄂府办发〔2025〕7号", date="2025年8月1日"):
    """A plan the bundled data does not have: 包头's plan as 鄂尔多斯市 would word it (another city, 文号, date)."""
    text = BAOTOU.read_text(encoding="utf-8").replace("包头市", "鄂尔多斯市").replace("包府办发〔2025〕42号", doc_no)
    text = text.replace("包头", "鄂尔多斯")
    text = text.replace("2025年7月", date[:7], 1) if "2025年7月" in text else text
    path = tmp_path / "鄂尔多斯市方案.txt"
    path.write_text(text, encoding="utf-8")
    return path


def run(capfd, *args) -> tuple[int, str, str]:
    code = cli.run(list(args))
    out, err = capfd.readouterr()
    return code, out, err


@pytest.fixture
def user_db(tmp_path):
    return tmp_path / "用户 数据" / "user.sqlite"


def test_import_adds_a_region_and_leaves_the_bundled_file_alone(tmp_path, user_db, capfd):
    before = hashlib.sha256(DATABASE.read_bytes()).hexdigest()
    code, out, err = run(capfd, "import", str(ordos_plan(tmp_path)), "--user-db", str(user_db))
    assert code == 0, err
    assert "已导入「鄂尔多斯市方案.txt」" in out and "12 条条款" in out
    assert hashlib.sha256(DATABASE.read_bytes()).hexdigest() == before
    source = database_for(DATABASE, user_db)
    assert source.imported == 1 and source.path.parent == user_db.parent / "library"
    repo = Repository(source.path)
    ordos = repo.resolve_region("鄂尔多斯市")
    rows = repo.clauses(Selection((ordos,)))
    assert len(rows) == 12 and all(r.imported for r in rows)
    assert all(not r.imported for r in repo.clauses(Selection(("150200",))))
    assert repo.info().documents == 6 and repo.info().clauses == BASE + 12
    doc = repo.document(rows[0].document_id)
    assert doc.imported and doc.doc_no == "鄂府办发〔2025〕7号" and doc.region_name == "鄂尔多斯市"
    # the citation of the provincial plan is linked like a bundled one
    assert any(b.cited_document_id for b in doc.basis)
    # the same database again: made once, reused
    assert database_for(DATABASE, user_db).path == source.path


@pytest.mark.parametrize("term", ["专", "导航", "专利导航", "知识产权", "旗县区财政事权", "港澳台", "鄂尔多斯"])
def test_search_over_the_combined_database_finds_exactly_the_clauses_holding_the_term(tmp_path, user_db, term):
    UserDatabase(user_db)  # created empty
    cli.run(["import", str(ordos_plan(tmp_path)), "--user-db", str(user_db)])
    repo = Repository(database_for(DATABASE, user_db).path)
    conn = sqlite3.connect(database_for(DATABASE, user_db).path)
    expected = [
        i
        for i, text in conn.execute(
            "SELECT c.id, c.text FROM clauses c JOIN documents d ON d.id = c.document_id "
            "WHERE d.superseded_by IS NULL ORDER BY c.id"
        )
        if fold(term) in fold(text)
    ]
    result = repo.search_engine.search(term, limit=10_000)
    assert [h.clause_id for h in result.clause_hits] == expected or sorted(
        h.clause_id for h in result.clause_hits
    ) == expected
    assert result.total == len(expected)
    imported = [i for i in expected if repo.clauses_by_id([i])[0].imported]
    in_baotou = any(fold(term) in fold(r.text) for r in repo.clauses(Selection(("150200",))))
    assert bool(imported) == in_baotou  # the imported clauses (包头's wording) are found like the bundled ones


def test_same_doc_no_asks_for_replace_and_shadows_a_bundled_plan(tmp_path, user_db, capfd):
    plan = ordos_plan(tmp_path)
    assert run(capfd, "import", str(plan), "--user-db", str(user_db))[0] == 0
    code, _, err = run(capfd, "import", str(plan), "--user-db", str(user_db))
    assert code == 1 and "已导入过文号为 鄂府办发〔2025〕7号 的方案，加 --replace 替换它" in err
    assert run(capfd, "import", str(plan), "--user-db", str(user_db), "--replace")[0] == 0
    assert len(UserDatabase(user_db).imports()) == 1
    # 包头's own plan imported: the bundled one is kept but superseded (shadowed) by it
    code, out, _ = run(capfd, "import", str(BAOTOU), "--user-db", str(user_db))
    assert code == 0 and "程序自带的数据中已有文号相同的方案" in out
    repo = Repository(database_for(DATABASE, user_db).path)
    rows = repo.clauses(Selection(("150200",)))
    assert len(rows) == 12 and all(r.imported for r in rows)
    assert len(repo.clauses(Selection(("150200",), include_superseded=True))) == 24


def test_a_newer_plan_supersedes_across_bundled_and_imported(tmp_path, user_db, capfd):
    text = BAOTOU.read_text(encoding="utf-8").replace("包府办发〔2025〕42号", "包府办发〔2026〕3号")
    text = text.replace("2025年", "2026年")
    newer = tmp_path / "包头市新方案.txt"
    newer.write_text(text, encoding="utf-8")
    assert run(capfd, "import", str(newer), "--user-db", str(user_db))[0] == 0
    repo = Repository(database_for(DATABASE, user_db).path)
    current = {r.doc_no for r in repo.clauses(Selection(("150200",)))}
    assert current == {"包府办发〔2026〕3号"}


def test_imported_and_remove(tmp_path, user_db, capfd):
    assert run(capfd, "imported", "--user-db", str(user_db))[1].strip() == "尚未导入任何方案"
    run(capfd, "import", str(ordos_plan(tmp_path)), "--user-db", str(user_db))
    code, out, _ = run(capfd, "imported", "--json", "--user-db", str(user_db))
    listed = json.loads(out)["imported"]
    assert code == 0 and [i["doc_no"] for i in listed] == ["鄂府办发〔2025〕7号"]
    assert listed[0]["region"] == "鄂尔多斯市" and listed[0]["clauses"] == 12 and listed[0]["file_format"] == "txt"
    code, _, err = run(capfd, "remove", "包府办发〔2025〕42号", "--user-db", str(user_db))
    assert code == 1 and "随程序提供的方案不能删除" in err
    assert run(capfd, "remove", "鄂府办发〔2025〕7号", "--user-db", str(user_db))[0] == 0
    assert database_for(DATABASE, user_db).path == DATABASE
    assert list((user_db.parent / "library").glob("*.sqlite")) == []


def test_dry_run_prints_what_parse_prints_and_stores_nothing(tmp_path, user_db, capfd):
    plan = ordos_plan(tmp_path)
    code, out, _ = run(capfd, "import", str(plan), "--dry-run", "--json", "--user-db", str(user_db))
    assert code == 0 and json.loads(out) == json.loads(run(capfd, "parse", str(plan), "--json")[1])
    assert not user_db.exists()


def test_search_report_and_export_take_the_user_db(tmp_path, user_db, capfd):
    run(capfd, "import", str(ordos_plan(tmp_path)), "--user-db", str(user_db))
    code, out, _ = run(capfd, "search", "专利导航", "--region", "鄂尔多斯", "--json", "--user-db", str(user_db))
    assert code == 0 and {h["region"] for h in json.loads(out)["hits"]} == {"鄂尔多斯市"}
    code, out, _ = run(capfd, "export", "--user-db", str(user_db))
    documents = json.loads(out)["documents"]
    assert [d["imported_at"] != "" for d in documents].count(True) == 1
    csv = tmp_path / "鄂尔多斯.csv"
    assert run(capfd, "report", "鄂尔多斯市", "--csv", str(csv), "--user-db", str(user_db))[0] == 0
    assert "鄂府办发〔2025〕7号" in csv.read_text(encoding="utf-8-sig")


def test_a_damaged_user_database_is_set_aside_and_the_bundled_data_opens(user_db, capfd):
    user_db.parent.mkdir(parents=True)
    user_db.write_bytes(b"this is not a database" * 100)
    source = database_for(DATABASE, user_db)
    assert source.path == DATABASE and "已损坏" in source.notes[0]
    moved = [p for p in user_db.parent.iterdir() if ".damaged-" in p.name]
    assert len(moved) == 1 and str(moved[0]) in source.notes[0] and not user_db.exists()
    assert run(capfd, "search", "专利导航", "--user-db", str(user_db))[0] == 0


def test_an_interrupted_build_leaves_the_previous_state(tmp_path, user_db, monkeypatch, capfd):
    run(capfd, "import", str(ordos_plan(tmp_path)), "--user-db", str(user_db))
    first = database_for(DATABASE, user_db).path

    def killed(conn, imports):
        conn.execute("DELETE FROM clauses")
        raise KeyboardInterrupt

    monkeypatch.setattr(library, "add_imports", killed)
    newer = ordos_plan(tmp_path, doc_no="鄂府办发〔2025〕8号")
    assert cli.run(["import", str(newer), "--user-db", str(user_db)]) == 130  # 已中断
    capfd.readouterr()
    assert first.exists() and Repository(first).info().clauses == BASE + 12
    assert [p.name for p in first.parent.iterdir() if p.suffix == ".tmp"] == []
    monkeypatch.undo()
    again = database_for(DATABASE, user_db)  # the stored import is added at the next start
    everything = Repository(again.path).clauses(Selection(include_superseded=True))
    assert again.path != first and len(everything) == BASE + 12 + 12

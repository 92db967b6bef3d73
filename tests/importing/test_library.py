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


# -- what the review found ----------------------------------------------------------------------------------


def no_doc_no_plan(tmp_path, name="无文号.txt", city="乌海市"):
    text = (
        BAOTOU.read_text(encoding="utf-8").replace("包府办发〔2025〕42号", "").replace("包头", city.removesuffix("市"))
    )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_plans_without_doc_no_are_not_imported_twice_and_removed_one_by_one(tmp_path, user_db, capfd):
    first, second = no_doc_no_plan(tmp_path), no_doc_no_plan(tmp_path, "另一份.txt", "鄂尔多斯市")
    assert run(capfd, "import", str(first), str(second), "--user-db", str(user_db))[0] == 0
    code, _, err = run(capfd, "import", str(first), "--user-db", str(user_db))
    assert code == 1 and "已导入过同一份方案" in err  # the same text again, without 文号
    assert run(capfd, "remove", "", "--user-db", str(user_db))[0] == 1  # never "every plan without 文号"
    user = UserDatabase(user_db)
    items = user.imports()
    assert len(items) == 2 and {i.doc_no for i in items} == {""}
    assert user.remove(items[0].id) and [i.id for i in user.imports()] == [items[1].id]


def test_a_plan_imported_since_the_check_is_not_replaced_silently(tmp_path, user_db):
    from ipdesk.database.userdb import UserDatabaseError
    from ipdesk.importing.workflow import prepare, store

    repo = Repository(DATABASE)
    user = UserDatabase(user_db)
    a, b = prepare(ordos_plan(tmp_path), repo, user), prepare(ordos_plan(tmp_path), repo, user)
    store(a, user)
    with pytest.raises(UserDatabaseError, match="已经导入"):
        store(b, user)  # the same 文号, checked before the first was stored (one batch)
    assert len(user.imports()) == 1


def test_another_programs_file_as_user_database_is_left_alone(tmp_path):
    other = tmp_path / "别人的.sqlite"
    other.write_bytes(DATABASE.read_bytes())
    source = database_for(DATABASE, other)
    assert source.path == DATABASE and "不是本程序的导入数据" in source.notes[0]
    assert (
        other.exists() and hashlib.sha256(other.read_bytes()).digest() == hashlib.sha256(DATABASE.read_bytes()).digest()
    )


def test_a_damaged_user_database_is_closed_before_it_is_set_aside(tmp_path):
    from pathlib import Path

    from ipdesk.database.userdb import UserDatabaseError

    path = tmp_path / "user.sqlite"
    path.write_bytes(b"\x00garbage" * 500)
    with pytest.raises(UserDatabaseError) as info:
        UserDatabase(path)
    assert info.value.damaged
    fds = Path("/proc/self/fd")
    if fds.is_dir():  # nothing holds the file open (Windows could not rename it otherwise)
        assert not any(fd.resolve() == path for fd in fds.iterdir() if fd.is_symlink())


def test_a_truncated_combined_database_is_made_again(tmp_path, user_db, capfd):
    run(capfd, "import", str(ordos_plan(tmp_path)), "--user-db", str(user_db))
    first = database_for(DATABASE, user_db).path
    first.write_bytes(first.read_bytes()[:4096])
    again = database_for(DATABASE, user_db)
    assert again.path == first and Repository(again.path).info().clauses == BASE + 12


def test_an_unreadable_stored_plan_is_skipped_with_a_note(tmp_path, user_db, capfd):
    (tmp_path / "b").mkdir()
    first, second = ordos_plan(tmp_path), ordos_plan(tmp_path / "b", doc_no="鄂府办发〔2025〕1号")
    assert run(capfd, "import", str(first), str(second), "--user-db", str(user_db))[0] == 0
    conn = sqlite3.connect(user_db)
    conn.execute("UPDATE imports SET document = '{broken' WHERE id = 1")
    conn.commit()
    conn.close()
    source = database_for(DATABASE, user_db)
    assert "1 份的记录已损坏" in source.notes[0]
    assert Repository(source.path).info().documents == 6  # the other one is there (it supersedes nothing bundled)


def test_the_combined_database_that_cannot_be_made_is_a_message_not_a_traceback(tmp_path, user_db, monkeypatch, capfd):
    run(capfd, "import", str(ordos_plan(tmp_path)), "--user-db", str(user_db))
    for path in (user_db.parent / "library").iterdir():
        path.unlink()

    def full(*_args):
        raise OSError(28, "No space left on device (disk full)")

    monkeypatch.setattr(library, "build_library", full)
    code, _, err = run(capfd, "search", "专利导航", "--user-db", str(user_db))
    assert code == 0 and "注意：本机导入的方案暂时无法加载（磁盘已满）" in err and "Traceback" not in err


def test_an_undated_imported_plan_is_taken_as_the_newest(tmp_path, user_db):
    from ipdesk.importing.workflow import prepare, store

    repo = Repository(DATABASE)
    user = UserDatabase(user_db)
    text = BAOTOU.read_text(encoding="utf-8").replace("包府办发〔2025〕42号", "包府办发〔2026〕3号")
    path = tmp_path / "新.txt"
    path.write_text(text, encoding="utf-8")
    candidate = prepare(path, repo, user)
    candidate.document.date = ""
    store(candidate, user)
    user.close()
    combined = Repository(database_for(DATABASE, user_db).path)
    assert {c.doc_no for c in combined.clauses(Selection(("150200",)))} == {"包府办发〔2026〕3号"}


def test_a_plan_of_another_domain_prints_under_its_own_domain(tmp_path, user_db, capfd):
    from ipdesk.report.summary import build_summary

    other = SOURCES.parent.parent / "tests" / "corpus" / "variants" / "domain_natural_resources_portal.txt"
    assert run(capfd, "import", str(other), "--user-db", str(user_db))[0] == 0
    repo = Repository(database_for(DATABASE, user_db).path)
    doc = next(d for d in map(repo.document, repo.document_ids()) if d.imported)
    summary = build_summary(repo, Selection((doc.region_code,)))
    assert summary.title == f"{summary.region_name}{doc.domain}领域财政事权和支出责任划分汇总表"
    assert "知识产权" not in summary.title

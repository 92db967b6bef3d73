"""Exact counts where the scope is not a contiguous run of clause ids: a database whose superseded plan sits
between current ones (as at national scale, where hundreds do), built from the real sources by the real builder,
and a combined database whose imported plan shadows a bundled one. Every count is checked against a scan of the
folded clause texts, on the path the window takes for a large result (MATERIALIZE = 0) and on the default one.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

import ipdesk.store.search as search_module
from ipdesk import cli
from ipdesk.database.build import build
from ipdesk.database.library import database_for
from ipdesk.dbformat.postings import TRIGRAM_SHARE, decode_ids
from ipdesk.dbformat.textfold import fold
from ipdesk.store.repository import Repository
from ipdesk.store.selection import Selection
from tests.conftest import DATABASE, SOURCES

BAOTOU = SOURCES / "neimenggu-baotou_2025-42.txt"

QUERIES = [
    "财政事权",
    "知识产权",
    "支出责任",
    "确认为",
    "专利导航",
    "市 财政事权",
    "权 支出责任",
    "知识产权 县",
    "承担支出责任",
    "由市本级承担支出责任",
]


def scopes(repo: Repository) -> list[Selection]:
    category = max(repo.categories(), key=lambda c: c.clause_count)
    matters = repo.matters_by_category()
    category_id, listed = next((k, v) for k, v in matters.items() if v)
    return [
        Selection(),
        Selection(include_superseded=True),
        Selection(regions=("150200",)),
        Selection(regions=("150000", "450700")),
        Selection(category_id=category.id),
        Selection(levels=("upper",)),
        Selection(levels=("lower", "shared")),
        Selection(category_id=category.id, levels=("upper", "lower")),
        Selection(category_id=category.id, include_superseded=True),
        Selection(regions=("150200",), include_superseded=True),
        Selection(category_id=category_id, matter=listed[0][0]),
    ]


def scanned(db: sqlite3.Connection, repo: Repository, query: str, selection: Selection) -> int:
    """The number of clauses in the selection whose folded text holds every term of the query."""
    in_scope = {c.id for c in repo.clauses(selection)}
    terms = [fold(t) for t in query.split()]
    return sum(
        1
        for clause_id, text in db.execute("SELECT id, text FROM clauses")
        if clause_id in in_scope and all(t in fold(text) for t in terms)
    )


#: The engine's settings the counts are checked with: as shipped; the large-result path; and every gap between
#: a scope's ids a range of its own (at most 3: split at the largest gaps).
SETTINGS = [{}, {"MATERIALIZE": 0}, {"MATERIALIZE": 0, "RANGE_GAP": 0, "MAX_RANGES": 3}]


def check_counts(path, monkeypatch) -> int:
    """Every query in every scope counted as by the scan, with every setting; returns how many checks had hits."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    nonzero = 0
    for setting in SETTINGS:
        repo = Repository(path)
        with monkeypatch.context() as m:
            for name, value in setting.items():
                m.setattr(search_module, name, value)
            for selection in scopes(repo):
                for query in QUERIES:
                    expected = scanned(db, repo, query, selection)
                    engine = repo.search_engine
                    assert engine.count(query, selection) == expected, (query, selection, setting)
                    assert engine.search(query, selection, limit=3).total == expected, (query, selection, setting)
                    nonzero += expected > 0
        repo.close()
    db.close()
    return nonzero


def test_id_ranges_split_at_the_largest_gaps(monkeypatch):
    ids = [1, 2, 3, 10, 11, 3000, 3001, 9000]
    assert search_module._id_ranges(ids) == [(1, 11), (3000, 3001), (9000, 9000)]
    monkeypatch.setattr(search_module, "MAX_RANGES", 2)
    assert search_module._id_ranges(ids) == [(1, 3001), (9000, 9000)]
    monkeypatch.setattr(search_module, "RANGE_GAP", 0)
    assert search_module._id_ranges(ids) == [(1, 3001), (9000, 9000)]
    monkeypatch.setattr(search_module, "MAX_RANGES", 4)
    assert search_module._id_ranges(ids) == [(1, 3), (10, 11), (3000, 3001), (9000, 9000)]
    assert search_module._id_ranges([]) == []


def superseded_ids(path, built: bool) -> tuple[set[int], set[int]]:
    """The current and the superseded clause ids; checks that the index tags exactly the superseded ones, still
    finds every clause's wording (re-tagged rows included) and lists the common 3-character strings exactly."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute("SELECT c.id, d.superseded_by IS NULL FROM clauses c JOIN documents d ON d.id = c.document_id")
    current, superseded = set(), set()
    for clause_id, is_current in rows:
        (current if is_current else superseded).add(clause_id)
    tagged = {r[0] for r in conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH 'tags : \"sup\"'")}
    found = {r[0] for r in conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH 'folded : \"确认为\"'")}
    holding = {i for i, text in conn.execute("SELECT id, text FROM clauses") if "确认为" in fold(text)}
    lists = {g: decode_ids(b) for g, b in conn.execute("SELECT gram, ids FROM search_grams WHERE length(gram) = 3")}
    texts = [(i, fold(text)) for i, text in conn.execute("SELECT id, text FROM clauses")]
    conn.close()
    assert tagged == superseded
    assert found == holding and holding & superseded
    # built: every common 3-character string has a list and no other; every list exact (imported clauses included)
    counts = Counter(g for _, t in texts for g in {t[i : i + 3] for i in range(len(t) - 2)})
    common = {g for g, n in counts.items() if n * TRIGRAM_SHARE >= len(texts)}
    assert "确认为" in lists
    if built:
        assert set(lists) == common
    for gram, posting in lists.items():
        assert posting.first(len(texts)) == sorted(i for i, t in texts if gram in t), gram
    return current, superseded


@pytest.fixture(scope="module")
def with_older_plan(tmp_path_factory):
    """The real sources plus an older plan of 包头 (superseded by the real one)."""
    folder = tmp_path_factory.mktemp("older")
    sources = folder / "sources"
    sources.mkdir()
    for path in SOURCES.glob("*.txt"):
        (sources / path.name).write_bytes(path.read_bytes())
    older = BAOTOU.read_text(encoding="utf-8").replace("包府办发〔2025〕42号", "包府办发〔2023〕9号")
    (sources / "baotou-older.txt").write_text(older.replace("2025年", "2023年"), encoding="utf-8")
    out = folder / "ipfiscal.sqlite"
    build(sources, out)
    return out


def test_superseded_clauses_between_current_ones_are_not_counted(with_older_plan, monkeypatch):
    current, superseded = superseded_ids(with_older_plan, built=True)
    assert superseded and min(current) < min(superseded) and max(superseded) < max(current)  # a gap in the middle
    assert check_counts(with_older_plan, monkeypatch) >= 180


def test_counts_in_a_combined_database_with_a_shadowed_bundled_plan(tmp_path, monkeypatch, capfd):
    user_db = tmp_path / "user.sqlite"
    assert cli.run(["import", str(BAOTOU), "--user-db", str(user_db)]) == 0  # same 文号: shadows the bundled one
    capfd.readouterr()
    path = database_for(DATABASE, user_db).path
    current, superseded = superseded_ids(path, built=False)
    assert len(superseded) == 12 and min(current) < min(superseded) and max(superseded) < max(current)
    assert check_counts(path, monkeypatch) >= 180


def test_three_character_terms_with_and_without_a_list(engine, oracle, clause_texts, db_path):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    lists = {g for (g,) in conn.execute("SELECT gram FROM search_grams WHERE length(gram) = 3")}
    conn.close()
    folded = [fold(text) for text, _, current in clause_texts.values() if current]
    counts = Counter(g for text in folded for g in {text[i : i + 3] for i in range(len(text) - 2)})
    rare = min(g for g, n in counts.items() if n == 1 and g not in lists)  # in one clause: found by FTS5
    assert "确认为" in lists and rare not in lists
    for term in ("确认为", rare):
        result = engine.search(term, limit=10_000, exact_count=False)
        assert [h.clause_id for h in result.clause_hits] == oracle(term) and result.total == len(oracle(term)) > 0
        assert result.total_exact and engine.count(term) == result.total

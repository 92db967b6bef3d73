"""The search engine against the real database, checked against a plain Python scan of every clause."""

from __future__ import annotations

import sqlite3

import pytest

from ipdesk.dbformat.textfold import fold, fold_with_offsets, original_span
from ipdesk.store.search import MAX_TERMS, SearchEngine, make_snippet, parse_query
from ipdesk.store.selection import Selection


def clause_ids(result) -> list[int]:
    return [h.clause_id for h in result.hits if h.kind == "clause"]


# -- the examples ----------------------------------------------------------------------------------


def test_zhuanli_daohang_finds_exactly_the_clauses_that_contain_it(engine, oracle):
    result = engine.search("专利导航")
    expected = oracle("专利导航")
    assert len(expected) == 9  # the data fact the issue states
    assert clause_ids(result) == expected
    assert result.total == 9


@pytest.mark.parametrize("word", ["商标", "质押"])
def test_two_character_words_find_the_one_qinzhou_clause(engine, oracle, word):
    result = engine.search(word)
    assert clause_ids(result) == oracle(word)
    assert result.total == 1
    assert result.hits[0].region_name == "钦州市"
    assert word in result.hits[0].text


def test_single_character_outside_the_division_part_finds_no_clause(engine, oracle, db_path):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    (in_documents,) = conn.execute("SELECT count(*) FROM document_texts WHERE instr(full_text, '税')").fetchone()
    conn.close()
    assert in_documents >= 1  # the character is in the plans …
    assert oracle("税") == []  # … but in no clause
    result = engine.search("税")
    assert result.total == 0 and clause_ids(result) == []


@pytest.mark.parametrize("word", ["港澳台", "知识产权", "确认为", "按属地原则", "市", "权", "，", "、", "。"])
def test_any_length_matches_the_scan(engine, oracle, word):
    result = engine.search(word, limit=10_000)
    assert clause_ids(result) == oracle(word)
    assert result.total == len(oracle(word))


# -- width, spacing, case -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["政策,研究制定", "政策，研究制定", '"政策 , 研究 制定"', "政策，\u200b研究制定", '"政策,研究 制定"']
)
def test_half_and_full_width_and_white_space_are_ignored(engine, oracle, query):
    expected = oracle("政策，研究制定")
    assert expected, "the wording the issue names is in the data"
    result = engine.search(query)
    assert clause_ids(result) == expected
    for hit in result.clause_hits:
        (start, end), *_ = hit.spans
        assert fold(hit.text[start:end]) == "政策,研究制定"


def test_full_width_latin_and_digits_fold(engine):
    assert engine.search("４８号").hits == engine.search("48号").hits
    assert engine.search("４８号").hits[0].kind == "doc_no"


def test_fold_maps_back_to_the_original_offsets():
    text = "将制定实施 全市知识产权战略、规划、政策，研究制定知识 产权领域"
    folded, origin = fold_with_offsets(text)
    assert " " not in folded and "," in folded
    at = folded.find("政策,研究制定")
    start, end = original_span(origin, at, at + len("政策,研究制定"))
    assert text[start:end] == "政策，研究制定"
    at = folded.find("知识产权领域")
    start, end = original_span(origin, at, at + len("知识产权领域"))
    assert text[start:end] == "知识 产权领域"


# -- several terms, phrases, ranking ------------------------------------------------------------------------


def test_space_separated_terms_must_all_match(engine, oracle):
    result = engine.search("导航 专利", limit=10_000)
    assert sorted(clause_ids(result)) == oracle("导航", "专利")
    result = engine.search("质押 港澳台")
    assert clause_ids(result) == oracle("质押", "港澳台") == []


def test_quoted_phrase_is_one_term(engine, oracle):
    assert parse_query('"专利 导航" 市')[0] == ["专利导航", "市"]
    assert clause_ids(engine.search('"专利 导航"')) == oracle("专利导航")
    assert parse_query('"unbalanced 专利')[0] == ["unbalanced专利"]


def test_exact_phrase_hits_come_first_then_region_and_plan_order(engine, oracle, repo):
    result = engine.search("市 财政事权", limit=10_000)
    ids = clause_ids(result)
    assert sorted(ids) == oracle("市", "财政事权")
    phrase = set(oracle("市财政事权"))
    assert phrase and set(ids) - phrase, "the query must have both kinds of hits to test the order"
    flags = [h.phrase for h in result.clause_hits]
    assert flags == [i in phrase for i in ids]
    assert flags == sorted(flags, reverse=True)  # phrase hits first
    order = {c.id: n for n, c in enumerate(repo.clauses())}  # region, plan date, position in the plan
    for group in (True, False):
        part = [i for i, f in zip(ids, flags, strict=True) if f is group]
        assert part == sorted(part, key=order.__getitem__)


def test_titles_and_doc_numbers_are_searched_and_reported_as_such(engine, repo):
    docs = [repo.document(i) for i in repo.document_ids()]
    result = engine.search("48号")
    expected = [d.doc_no for d in docs if "48号" in d.doc_no]
    assert [h.doc_no for h in result.hits if h.kind == "doc_no"] == expected
    hit = next(h for h in result.hits if h.kind == "doc_no")
    assert hit.text[hit.spans[0][0] : hit.spans[0][1]] == "48号"
    assert hit.clause_id in {c.id for c in repo.clauses() if c.document_id == hit.document_id}

    result = engine.search("包府办发")
    assert [(h.kind, h.doc_no) for h in result.hits] == [("doc_no", d.doc_no) for d in docs if "包府办发" in d.doc_no]

    title = docs[-1].title
    result = engine.search(title[:9])
    assert any(h.kind == "title" and h.document_id == docs[-1].id for h in result.hits)


def test_many_terms_are_capped(engine):
    query = " ".join(f"词{i}" for i in range(MAX_TERMS + 5))
    result = engine.search(query)
    assert result.truncated_terms and len(result.terms) == MAX_TERMS and result.total == 0


# -- scope -------------------------------------------------------------------------------------------------


def test_region_scope(engine, oracle, clause_texts, repo):
    baotou = repo.region_and_below(repo.resolve_region("包头"))
    assert baotou and baotou[0] == "150200" and len(baotou) > 1
    result = engine.search("专利导航", Selection(regions=baotou))
    expected = [i for i in oracle("专利导航") if clause_texts[i][1] in baotou]
    assert clause_ids(result) == expected and 0 < len(expected) < 9
    assert {h.region_name for h in result.hits} == {"包头市"}
    # the document hits follow the region too
    assert engine.search("48号", Selection(regions=baotou)).hits == ()


def test_category_and_level_scope(engine, repo, oracle):
    category = next(c for c in repo.categories() if c.name == "知识产权运用促进")
    in_category = {c.id for c in repo.clauses(Selection(category_id=category.id))}
    result = engine.search("知识产权", Selection(category_id=category.id), limit=10_000)
    assert clause_ids(result) == [i for i in oracle("知识产权") if i in in_category]
    upper = {c.id for c in repo.clauses(Selection(levels={"upper"}))}
    result = engine.search("知识产权", Selection(levels=("upper",)), limit=10_000)
    assert clause_ids(result) == [i for i in oracle("知识产权") if i in upper]


def test_matter_scope(engine, repo, oracle):
    """A selection with a matter (the window's category tree) restricts search the way it restricts the table."""
    matters = repo.matters_by_category()
    category_id, listed = next((k, v) for k, v in matters.items() if v)
    matter = listed[0][0]
    selection = Selection(category_id=category_id, matter=matter)
    listing = {c.id for c in repo.clauses(selection)}
    assert listing and listing == repo.clause_ids_with_matter(matter) & {c.id for c in repo.clauses()}
    word = next(w for w in ("知识产权", "财政事权", "支出责任") if set(oracle(w)) & listing)
    result = engine.search(word, selection, limit=10_000)
    assert clause_ids(result) == [i for i in oracle(word) if i in listing]
    assert engine.count(word, selection) == result.total


def test_empty_scope_and_paging(engine, oracle):
    assert engine.search("知识产权", Selection(regions=())).total == 0
    everything = clause_ids(engine.search("知识产权", limit=10_000))
    page = engine.search("知识产权", limit=10, offset=5)
    assert clause_ids(page) == everything[5:15]
    assert page.total == len(everything) == len(oracle("知识产权"))


# -- hits and snippets -------------------------------------------------------------------------------------


def test_highlight_positions_cover_every_occurrence(engine):
    result = engine.search("市 支出责任", limit=10_000)
    assert result.clause_hits
    for hit in result.clause_hits:
        marked = [hit.text[s:e] for s, e in hit.spans]
        assert all("市" in m or "支出责任" in m for m in marked)
        assert sum(m.count("市") for m in marked) == hit.text.count("市")
        assert sum(m.count("支出责任") for m in marked) == hit.text.count("支出责任")
        # snippet spans show the same characters
        for (s, e), (ss, se) in zip([sp for sp in hit.spans if sp[1] > 0], hit.snippet_spans, strict=False):
            assert hit.snippet[ss:se] in hit.text[s:e] or hit.text[s:e] in hit.snippet[ss:se]


def test_snippet_is_centred_on_the_first_hit():
    text = "甲" * 300 + "专利导航" + "乙" * 300
    snippet, spans = make_snippet(text, [(300, 304)])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in spans] == ["专利导航"]
    assert len(snippet) < 150


def test_works_on_a_plain_connection(db_path, oracle):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        assert clause_ids(SearchEngine(conn).search("专利导航")) == oracle("专利导航")
    finally:
        conn.close()


def test_json_has_one_entry_per_clause(engine, oracle):
    data = engine.search("专利导航").to_json()
    assert data["query"] == "专利导航" and data["total"] == len(oracle("专利导航"))
    ids = [h["clause_id"] for h in data["hits"] if h["kind"] == "clause"]
    assert ids == oracle("专利导航")
    assert {"doc_no", "region", "category", "level", "text", "snippet", "highlights"} <= set(data["hits"][0])


# -- the large-result path (streamed FTS, counts in SQL), forced on the small real database ----------------


@pytest.mark.parametrize(
    "query", ["知识产权", "专利导航", "市 财政事权", "财政事权 市", "承担 支出责任", "知识产权保护 县", "确认为"]
)
@pytest.mark.parametrize(
    "scope",
    [
        Selection(),
        Selection(regions=("150200", "450700")),
        Selection(levels=("upper",)),
        Selection(levels=("lower", "shared")),
        Selection(category_id=3),
        Selection(regions=("140500",), category_id=1, levels=("upper", "lower")),
        Selection(include_superseded=True),
    ],
)
def test_streamed_path_gives_the_same_hits(engine, monkeypatch, query, scope):
    import ipdesk.store.search as search_module

    expected = engine.search(query, scope, limit=10_000)
    monkeypatch.setattr(search_module, "MATERIALIZE", 0)
    streamed = engine.search(query, scope, limit=10_000)
    assert clause_ids(streamed) == clause_ids(expected)
    assert streamed.total == expected.total and streamed.total_exact
    page = engine.search(query, scope, limit=5, exact_count=False)
    assert clause_ids(page) == clause_ids(expected)[:5]
    assert page.total >= expected.total
    assert engine.count(query, scope) == expected.total


# -- caches loaded in steps -----------------------------------------------------------------------------------


def test_the_caches_load_in_steps_and_a_search_between_them_is_complete(repo, monkeypatch):
    """The plans' titles are read TITLE_CHUNK at a time; a search before the last step reads the rest."""
    from ipdesk.store import search

    monkeypatch.setattr(search, "TITLE_CHUNK", 2)
    plans = repo._conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    whole = SearchEngine(repo._conn)
    whole.warm()
    stepped = SearchEngine(repo._conn)
    steps = iter(stepped.warm_steps())
    for _ in range(3):  # the checks, the mask, the first two plans
        next(steps)()
    assert not stepped._titles.loaded and len(stepped._titles._documents) == 2
    doc_no = whole._titles.load()[-1].doc_no  # a 文号 of a plan not read yet
    assert [h.document_id for h in stepped.search(doc_no).hits] == [h.document_id for h in whole.search(doc_no).hits]
    assert stepped._titles.loaded and list(steps) == []  # the search read the rest: no step is left
    counted = SearchEngine(repo._conn)
    assert sum(1 for step in counted.warm_steps() if step() is None) == 2 + plans // 2 + 1
    assert counted._titles.load() == whole._titles.load()
    assert counted._titles._doc_blob == whole._titles._doc_blob

"""Property tests: any input is safe, and any piece of real wording is found exactly where it occurs."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipdesk.dbformat.idset import IdSet, bitmap_of
from ipdesk.dbformat.postings import decode_ids, encode_ids
from ipdesk.dbformat.textfold import fold

FTS_SYNTAX = ["AND", "OR", "NOT", "NEAR", "NEAR(", "*", "^", '"', "(", ")", ":", "-", "+", "{", "}", "text:"]
SQL_BITS = ["%", "_", "'", "\\", "';", "--", "/*", "*/", "DROP TABLE clauses;", "' OR '1'='1", "\x00", "\x1b[2J"]
WORDS = [
    "专利导航",
    "质押",
    "税",
    "市",
    "知识产权",
    "包府办发",
    "48号",
    "，",
    "　",
    " ",
    "\t",
    "\n",
    "😀",
    "𠀀",
    "ｆｕｌｌ",
]

hostile_piece = st.one_of(
    st.sampled_from(FTS_SYNTAX + SQL_BITS + WORDS),
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.text(st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=5),
)
hostile = st.one_of(
    st.lists(hostile_piece, max_size=40).map("".join),
    st.lists(hostile_piece, max_size=40).map(" ".join),
    st.builds(lambda c, n: c * n, st.sampled_from(["财", "a", '"', " ", "*", "财政"]), st.integers(1, 5000)),
    st.text(max_size=5000),
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(query=hostile)
def test_any_input_gives_a_result_quickly(engine, query):
    started = time.perf_counter()
    result = engine.search(query)
    assert time.perf_counter() - started < 1.0
    assert result.error == ""
    assert result.total >= len(result.clause_hits)
    for hit in result.hits:
        assert all(0 <= s < e <= len(hit.text) for s, e in hit.spans)
        assert all(0 <= s < e <= len(hit.snippet) for s, e in hit.snippet_spans)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_piece_of_real_wording_is_found_exactly(engine, oracle, clause_texts, data):
    ids = sorted(clause_texts)
    text = clause_texts[data.draw(st.sampled_from(ids))][0]
    start = data.draw(st.integers(0, len(text) - 1))
    length = data.draw(st.integers(1, min(12, len(text) - start)))
    piece = text[start : start + length]
    # a clerk may type it with half-width punctuation or stray spaces inside quotes
    typed = data.draw(st.sampled_from([piece, fold(piece), '"' + " ".join(piece) + '"']))
    result = engine.search(typed, limit=100_000)
    expected = oracle(piece)
    assert [h.clause_id for h in result.clause_hits] == expected
    assert result.total == len(expected)
    for hit in result.clause_hits:
        assert any(fold(hit.text[s:e]).find(fold(piece)) >= 0 for s, e in hit.spans)


@given(st.lists(st.integers(1, 300_000), unique=True, max_size=3000))
def test_posting_encodings_round_trip(ids):
    ids.sort()
    max_id = max(ids, default=0) + 7
    decoded = decode_ids(encode_ids(ids, max_id))
    assert decoded.first(len(ids) + 1) == ids
    assert decoded.count() == len(ids)


@given(st.lists(st.integers(0, 5000), unique=True, max_size=300), st.integers(0, 5000), st.integers(0, 200))
def test_byte_map_has_one_byte_per_id(ids, lo, width):
    hi = lo + width
    expected = bytes(int(i in set(ids)) for i in range(lo, hi + 1))
    assert IdSet(ids=sorted(ids)).byte_map(lo, hi) == expected
    assert IdSet(bits=bitmap_of(ids)).byte_map(lo, hi) == expected


@given(st.lists(st.integers(0, 5000), unique=True, max_size=300))
def test_bounds_are_the_smallest_and_largest_id(ids):
    expected = (min(ids), max(ids)) if ids else None
    assert IdSet(ids=sorted(ids)).bounds() == expected
    assert IdSet(bits=bitmap_of(ids)).bounds() == expected


@given(st.lists(st.one_of(st.integers(0, 3000), st.integers(0, 40)), max_size=400))
def test_bitmap_of_sets_the_bit_of_each_id(ids):
    """Runs, gaps, repeats and any order (bitmap_of sets a run of ids at a time)."""
    assert bitmap_of(ids) == sum(1 << i for i in set(ids))
    assert bitmap_of(range(5, 900)) == sum(1 << i for i in range(5, 900))

"""Malformed documents never crash the parser: it returns a document or raises InputError."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipdesk.corpus.model import SOURCE_FIELDS
from ipdesk.corpus.parser import parse_bytes, parse_text
from ipdesk.corpus.textrepair import InputError
from ipdesk.dbformat.levels import LEVELS
from tests.conftest import SOURCES

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))] + [
    p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "variants").glob("*.txt"))
]


def _parse_or_input_error(text: str) -> None:
    try:
        doc = parse_text(text)
    except InputError:
        return
    for clause in doc.clauses:
        assert doc.full_text[clause.start : clause.end] == clause.text
        assert clause.level in LEVELS and clause.expenditure in (*LEVELS, "")
        if "unknown" in (clause.level, clause.expenditure):  # never a silent guess
            assert any("未能识别" in w for w in doc.warnings)
    for name in SOURCE_FIELDS:  # a value comes with where it came from
        value = getattr(doc, name if name != "levels" else "upper_level")
        assert bool(value) <= bool(doc.sources.get(name)) or (name == "levels" and not doc.lower_level)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(TEXTS),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 400), st.text(max_size=30)), max_size=6),
)
def test_cut_and_spliced_documents(text, edits):
    for where, length, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + length :]
    _parse_or_input_error(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    with contextlib.suppress(InputError):
        parse_bytes(data)

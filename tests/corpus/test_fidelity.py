"""The original wording is sacred: nothing of a clause lost, nothing outside the division part leaked in.

These checks do not trust the parser's own repair: they squash the raw source independently (drop white space,
page-number lines and Markdown marks, make punctuation full-width) and compare.
"""

from __future__ import annotations

import re

import pytest

from ipdesk.corpus.parser import parse_file
from tests.conftest import SOURCES

FILES = sorted(p.name for p in SOURCES.glob("*.txt"))
_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"})
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def squash(text: str) -> str:
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*#+\s*", "", line)
        if re.fullmatch(r"\s*-?\s*\d+\s*-?\s*", line):
            continue  # a page number such as "-3 -"
        lines.append(line)
    return re.sub(r"\s+", "", "".join(lines)).translate(_FULL)


def division_part(full_text: str) -> tuple[int, int]:
    """Offsets of the 主要内容 section in the repaired text: from its heading to the next top-level heading."""
    lines = full_text.split("\n")
    pos, start, end = 0, None, len(full_text)
    for line in lines:
        if start is None and re.match(r"^[一二三四五六七八九十]+、主要内容", line):
            start = pos + len(line) + 1
        elif start is not None and re.match(r"^[一二三四五六七八九十]+、", line):
            end = pos
            break
        pos += len(line) + 1
    assert start is not None
    return start, end


@pytest.fixture(scope="module", params=FILES)
def parsed(request):
    path = SOURCES / request.param
    return path.read_text(encoding="utf-8"), parse_file(path)


def test_clause_text_is_the_documents_words(parsed):
    source, doc = parsed
    squashed_source = squash(source)
    for clause in doc.clauses:
        assert doc.full_text[clause.start : clause.end] == clause.text
        assert squash(clause.text) in squashed_source


def test_every_sentence_of_the_division_part_is_in_exactly_one_clause(parsed):
    _, doc = parsed
    start, end = division_part(doc.full_text)
    body = [line for line in doc.full_text[start:end].split("\n") if not _HEADING.match(line)]
    sentences = [s for line in body for s in re.findall(r"[^。]+。?", line)]
    assert sentences
    for sentence in sentences:
        holders = [c for c in doc.clauses if sentence in c.text]
        assert len(holders) == 1, sentence


def test_nothing_outside_the_division_part_leaks_in(parsed):
    _, doc = parsed
    start, end = division_part(doc.full_text)
    for clause in doc.clauses:
        assert start <= clause.start < clause.end <= end
        assert not re.search(r"保障措施|具体要求|配套措施|抄送|印发|预算", clause.text)


def test_clauses_together_are_the_whole_division_part(parsed):
    """Concatenated in order, the clauses equal the division part without its category headings."""
    _, doc = parsed
    start, end = division_part(doc.full_text)
    body = "".join(line for line in doc.full_text[start:end].split("\n") if not _HEADING.match(line))
    assert "".join(c.text.replace("\n", "") for c in doc.clauses) == body

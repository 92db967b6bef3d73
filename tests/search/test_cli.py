"""`python -m ipdesk search`: the same engine, JSON or text, Chinese one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

from ipdesk.dbformat.textfold import fold
from ipdesk.store.selection import Selection


def run(*args: str, db=None):
    cmd = [sys.executable, "-m", "ipdesk", "search", *args]
    if db is not None:
        cmd += ["--db", str(db)]
    return subprocess.run(cmd, capture_output=True, timeout=60)


def test_json_one_hit_per_clause(db_path, oracle):
    proc = run("专利导航", "--json", db=db_path)
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data["query"] == "专利导航" and data["total"] == len(oracle("专利导航"))
    clauses = [h for h in data["hits"] if h["kind"] == "clause"]
    assert [h["clause_id"] for h in clauses] == oracle("专利导航")
    for hit in clauses:
        assert {"doc_no", "region", "category", "level", "text", "snippet"} <= set(hit)
        assert all(fold(hit["text"][s:e]) == "专利导航" for s, e in hit["highlights"])


def test_region_option(db_path, oracle, clause_texts, repo):
    data = json.loads(run("专利导航", "--region", "包头", "--json", db=db_path).stdout.decode("utf-8"))
    assert [h["clause_id"] for h in data["hits"]] == [i for i in oracle("专利导航") if clause_texts[i][1] == "150200"]
    assert {h["region"] for h in data["hits"]} == {c.region_name for c in repo.clauses(Selection(regions=("150200",)))}


def test_text_output_marks_the_hits(db_path, oracle, repo):
    proc = run("质押", db=db_path)
    out = proc.stdout.decode("utf-8")
    expected = repo.clauses_by_id(oracle("质押"))
    assert proc.returncode == 0 and expected
    assert out.count("【质押】") >= len(expected)
    assert f"“质押”：{len(expected)} 条条款" in out
    for clause in expected:
        assert f"{clause.region_name}｜{clause.doc_no}｜{clause.place}" in out


def test_errors_are_one_line(db_path, tmp_path):
    proc = run("专利", "--region", "火星", db=db_path)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "找不到地区" in err and len(err.strip().splitlines()) == 1
    proc = run("专利", db=tmp_path / "无.sqlite")
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_hostile_query_on_the_command_line(db_path):
    proc = run('AND "( %_ \x01 😀', "--json", db=db_path)
    assert proc.returncode == 0 and json.loads(proc.stdout.decode("utf-8"))["total"] == 0

"""The chain of plans on the real database: 包头市 stands below 内蒙古自治区's plan and above its own; a clause shows
the clauses of the plan above on the same matter; `ipdesk chain`."""

from __future__ import annotations

import json
import subprocess
import sys

from ipdesk.models.chain import chain_text, plans_for, upper_clauses
from ipdesk.store.selection import Selection


def test_chain_of_baotou_lists_the_province_above_it(repo):
    steps = plans_for(repo, "150200")
    assert [(s.document.doc_no, s.side) for s in steps] == [
        ("内政办发〔2024〕48号", "lower"),
        ("包府办发〔2025〕42号", "upper"),
    ]
    assert [(s.document.region_code, s.side) for s in plans_for(repo, "150000")] == [("150000", "upper")]
    assert plans_for(repo, "140500")[-1].side == "upper"  # 晋城: its own plan (山西省 has none in the data)
    text = chain_text(repo, "150200")
    assert text.index("内政办发〔2024〕48号") < text.index("包府办发〔2025〕42号") and "适用其中下级的规定" in text


def test_a_clause_shows_the_province_clauses_on_the_same_matter(repo):
    baotou = repo.clauses(Selection(("150200",)))
    protection = next(c for c in baotou if "知识产权保护体系建设" in c.text and c.level == "upper")
    [(doc, clauses)] = upper_clauses(repo, protection)
    assert doc.doc_no == "内政办发〔2024〕48号"
    assert clauses and all(c.document_id == doc.id and c.category == protection.category for c in clauses)
    assert {c.level for c in clauses} == {"upper", "lower"}  # 自治区级 and 盟市 shares of the same matter
    assert all("知识产权保护体系建设" in c.text for c in clauses)
    assert upper_clauses(repo, repo.clauses(Selection(("150000",)))[0]) == []  # nothing above the province's plan


def test_chain_command(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "ipdesk", "chain", "包头", "--json"], capture_output=True, timeout=60)
    assert proc.returncode == 0
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data["region"] == "包头市" and [p["side"] for p in data["plans"]] == ["lower", "upper"]
    assert {"doc_no", "title", "region", "side"} <= set(data["plans"][0])
    proc = subprocess.run([sys.executable, "-m", "ipdesk", "chain", "火星"], capture_output=True, timeout=60)
    assert proc.returncode == 1 and "找不到地区" in proc.stderr.decode("utf-8")

"""Search latency: ipdesk.store.search vs a naive LIKE scan of the same database.

For query lengths 1, 2, 3, 4 and 8 characters, "common" and "rare" queries are taken from the database's own
clause text (seeded sample): common = the most frequent strings of that length, rare = strings found in only a
few clauses. Each query is timed as the window runs it: query → the first page (200) of ranked hits with
snippets and highlight positions and the hit count (``exact_count=False``: for a large result an upper bound,
the exact count following as a separate ``count()`` call on the next event-loop turn, timed separately), and as
``search(exact_count=True)`` (page + exact count in one call, as the command line runs it). Warm caches.
The naive scan gives the same output (count + first 200 rows) with ``text LIKE '%q%'`` on the clauses table.

    .venv/bin/python bench/search_bench.py bench/out/national.sqlite   # after bench/make_corpus.py
    .venv/bin/python bench/search_bench.py data/ipfiscal.sqlite

Prints a Markdown table (for docs/performance.md) and writes bench/out/search_bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipdesk.dbformat.textfold import fold  # noqa: E402
from ipdesk.store.repository import Repository  # noqa: E402
from ipdesk.store.search import SearchEngine  # noqa: E402

LENGTHS = (1, 2, 3, 4, 8)
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def pick_queries(conn: sqlite3.Connection, engine: SearchEngine, per_class: int, seed: int) -> dict:
    rng = random.Random(seed)
    (max_id,) = conn.execute("SELECT max(id) FROM clauses").fetchone()
    ids = rng.sample(range(1, max_id + 1), min(max_id, 3000))
    texts = [fold(t) for (t,) in conn.execute(f"SELECT text FROM clauses WHERE id IN ({','.join(map(str, ids))})")]
    classes = {}
    for n in LENGTHS:
        counts: Counter[str] = Counter()
        for t in texts:
            counts.update({t[i : i + n] for i in range(len(t) - n + 1) if _CJK.match(t[i : i + n])})
        common = [g for g, _ in counts.most_common(per_class)]
        # Rare: of the strings seen least often in the sample, those with the fewest hits (at least one).
        candidates = sorted(counts, key=lambda g: (counts[g], rng.random()))[:300]
        totals = {g: engine.search(g, limit=0).total for g in candidates}
        rare = sorted((g for g in candidates if totals[g] >= 1), key=lambda g: totals[g])[:per_class]
        classes[f"{n} common"] = common
        classes[f"{n} rare"] = rare
    return classes


def timed(func, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def naive(conn: sqlite3.Connection, query: str) -> tuple[int, list]:
    pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    base = (
        "FROM clauses c JOIN documents d ON d.id = c.document_id "
        "WHERE d.superseded_by IS NULL AND c.text LIKE ? ESCAPE '\\'"
    )
    (total,) = conn.execute("SELECT count(*) " + base, (pattern,)).fetchone()
    rows = conn.execute("SELECT c.id, c.text " + base + " ORDER BY c.id LIMIT 200", (pattern,)).fetchall()
    return total, rows


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, nargs="?", default=ROOT / "bench" / "out" / "national.sqlite")
    parser.add_argument("--queries", type=int, default=5, help="queries per class")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query (search)")
    parser.add_argument("--naive-repeat", type=int, default=3, help="runs of each query (LIKE scan)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    repo = Repository(args.db)
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)  # the benchmark's own queries (counts, LIKE scan)
    engine = repo.search_engine
    started = time.perf_counter()
    engine.warm()
    warm_ms = (time.perf_counter() - started) * 1000
    (clauses,) = conn.execute("SELECT count(*) FROM clauses").fetchone()
    (plans,) = conn.execute("SELECT count(*) FROM documents").fetchone()
    classes = pick_queries(conn, engine, args.queries, args.seed)

    rows = []
    for name, queries in classes.items():
        fast: list[float] = []
        whole: list[float] = []
        counting: list[float] = []
        slow: list[float] = []
        hits = []
        for q in queries:
            result = engine.search(q)
            total, _ = naive(conn, q)
            if total != result.total:
                print(f"MISMATCH {q!r}: search {result.total}, LIKE {total}", file=sys.stderr)
            hits.append(result.total)
            fast += timed(lambda q=q: engine.search(q, exact_count=False), args.repeat)
            whole += timed(lambda q=q: engine.search(q), args.repeat)
            counting += timed(lambda q=q: engine.count(q), args.repeat)
            slow += timed(lambda q=q: naive(conn, q), args.naive_repeat)
        row = {
            "class": name,
            "queries": queries,
            "hits_median": statistics.median(hits),
            "hits_max": max(hits),
            "p50": pct(fast, 0.5),
            "p95": pct(fast, 0.95),
            "max": max(fast),
            "exact_p50": pct(whole, 0.5),
            "exact_p95": pct(whole, 0.95),
            "exact_max": max(whole),
            "count_p50": pct(counting, 0.5),
            "count_p95": pct(counting, 0.95),
            "naive_p50": pct(slow, 0.5),
            "naive_p95": pct(slow, 0.95),
            "naive_max": max(slow),
        }
        row["ratio_p50"] = row["naive_p50"] / row["p50"]
        row["ratio_p95"] = row["naive_p95"] / row["p95"]
        row["ratio_exact_p95"] = row["naive_p95"] / row["exact_p95"]
        rows.append(row)

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    print(
        f"{args.db.name}: {plans} plans, {clauses} clauses, {args.db.stat().st_size / 1e6:.1f} MB; "
        f"SQLite {sqlite3.sqlite_version}, Python {platform.python_version()}, {os.cpu_count()} CPUs ({cpu}); "
        f"cache warm-up {warm_ms:.0f} ms\n"
    )
    print(
        "| query class | examples | hits (median / max) | first page p50 / p95 / max ms | count() p50 / p95 ms "
        "| page + exact count p50 / p95 / max ms | LIKE p50 / p95 / max ms | LIKE ÷ first page (p95) "
        "| LIKE ÷ page + exact count (p95) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['class']} | {'、'.join(r['queries'][:3])} | {r['hits_median']:,.0f} / {r['hits_max']:,} | "
            f"{r['p50']:.1f} / {r['p95']:.1f} / {r['max']:.1f} | {r['count_p50']:.1f} / {r['count_p95']:.1f} | "
            f"{r['exact_p50']:.1f} / {r['exact_p95']:.1f} / {r['exact_max']:.1f} | "
            f"{r['naive_p50']:.0f} / {r['naive_p95']:.0f} / {r['naive_max']:.0f} | "
            f"{r['ratio_p95']:.0f}× | {r['ratio_exact_p95']:.0f}× |"
        )
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search_bench.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

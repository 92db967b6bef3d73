"""A national-scale synthetic corpus for the search benchmark, built by the real builder.

Every prefecture- and county-level region in ipdesk/corpus/regions.csv gets one plan (≈ 3,200 plans). Each
plan is one of the five real plans (repaired text from the parser) with the region's name and a new 文号
substituted, and with extra assignment statements recombined from the real ones: a real statement of the
same plan and category whose list of matters (将……，确认为) is replaced by matters drawn from the real plans'
lists for that category. So the sentence structures, matter phrases and vocabulary are the real ones,
recombined; plans have ≈ 35 clauses (the real ones 11–16), ≥ 100,000 clauses in all.

    .venv/bin/python bench/make_corpus.py            # → bench/out/corpus/*.txt, bench/out/national.sqlite
    .venv/bin/python bench/make_corpus.py --plans 300 --out bench/out/small.sqlite

Deterministic (seeded). The texts are written to bench/out/corpus/ (git-ignored), then
``ipdesk.database.build.build`` parses and stores them exactly like data/sources/.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipdesk.corpus.gazetteer import gazetteer, short_name  # noqa: E402
from ipdesk.corpus.parser import parse_bytes  # noqa: E402
from ipdesk.database.build import build  # noqa: E402

OUT = ROOT / "bench" / "out"
_LOCAL = ("特色产业", "重点园区", "自贸片区", "开发区", "县域经济", "边境口岸", "革命老区", "民族地区")
_MATTERS = re.compile(
    r"^将(?P<matters>.+?)，(?=(?:按照?|根据)?[^，。]{0,8}?(?:确认为|明确为|确定为|界定为|划分为|作为))"
)


def _templates():
    """The real plans, parsed: (document, region full name, region short name)."""
    gaz = gazetteer()
    result = []
    for path in sorted((ROOT / "data" / "sources").glob("*.txt")):
        doc = parse_bytes(path.read_bytes())
        region = gaz.by_code.get(doc.region_code)
        name = region.name if region else doc.region
        result.append((doc, name, short_name(name)))
    return result


def _matter_pool(templates) -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {}
    for doc, *_ in templates:
        for clause in doc.clauses:
            m = _MATTERS.match(clause.text)
            if m:
                pool.setdefault(clause.category, []).extend(p for p in m.group("matters").split("，") if p)
    return pool


def make_plan(rng: random.Random, template, pool, region, serial: int, extra: int) -> str:
    doc, old_name, old_short = template
    text = doc.full_text
    # Extra statements after the last clause of each category, recombined from the template's own.
    by_category: dict[str, list] = {}
    for clause in doc.clauses:
        by_category.setdefault(clause.category, []).append(clause)
    categories = [c for c in by_category if _MATTERS.match(by_category[c][0].text) or len(by_category[c]) > 1]
    inserts: list[tuple[int, str]] = []
    for i in range(extra):
        category = categories[i % len(categories)]
        clauses = by_category[category]
        base = rng.choice(clauses)
        m = _MATTERS.match(base.text)
        if not m or not pool.get(category):
            continue
        matters = rng.sample(pool[category], k=min(len(pool[category]), rng.randint(1, 5)))
        if rng.random() < 0.3:  # local colour: a matter named after the region (rare strings, as in real plans)
            matters[0] = short_name(region.name) + rng.choice(_LOCAL) + matters[0]
        sentence = "将" + "，".join(matters) + base.text[m.end("matters") :]
        inserts.append((clauses[-1].end, sentence))
    for at, sentence in sorted(inserts, key=lambda x: x[0], reverse=True):
        text = text[:at] + "\n" + sentence + text[at:]
    # The region and the 文号.
    new_short = short_name(region.name)
    text = text.replace(old_name, region.name).replace(old_short, new_short)
    year = 2023 + serial % 3
    doc_no = f"{new_short[:1]}政办发〔{year}〕{serial % 200 + 1}号"
    return text.replace(doc.doc_no, doc_no)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=0, help="number of plans (default: every region, ≈ 3,200)")
    parser.add_argument("--extra", type=int, default=26, help="recombined statements added to each plan")
    parser.add_argument("--out", type=Path, default=OUT / "national.sqlite")
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    templates = _templates()
    pool = _matter_pool(templates)
    regions = [r for r in gazetteer().regions if r.level in ("prefecture", "county")]
    if args.plans:
        regions = rng.sample(regions, args.plans)
    folder = args.out.parent / (args.out.stem + "-corpus")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    for serial, region in enumerate(regions, 1):
        text = make_plan(rng, templates[serial % len(templates)], pool, region, serial, args.extra)
        (folder / f"{region.code}-{serial:05d}.txt").write_text(text, encoding="utf-8")
    written = time.perf_counter() - started
    print(f"{len(regions)} plans written to {folder} in {written:.1f} s", file=sys.stderr)
    started = time.perf_counter()
    report = build(folder, args.out, built_at="2026-11-22T00:00:00Z")
    took = time.perf_counter() - started
    size = args.out.stat().st_size / 1e6
    print(
        f"built {args.out}: {report.documents} plans, {report.clauses} clauses, {size:.1f} MB, "
        f"{took:.0f} s ({report.documents / took:.0f} plans/s incl. index), {len(report.warnings)} warnings",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

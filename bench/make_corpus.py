"""A national-scale synthetic corpus for the benchmarks, built by the real builder (`ipdesk build --sources`).

What real data will bring, for real regions of ipdesk/corpus/regions.csv:
- every province, prefecture and county gets a 知识产权 plan (≈ 3,200); a province's plan follows 内蒙古's, a
  city's one of the four city plans, a county's a city plan with the levels one step down (县本级 / 乡镇);
- plans of other domains (生态环境, 医疗卫生, 交通运输 …): ≈ 60 % of provinces and cities and 15 % of counties
  get one more plan of another domain (its categories are that domain's, not the seven standard ones);
- superseded plans: ≈ 8 % of regions also have an older plan of the same domain (earlier date, other 文号);
- plans without a recognisable region (≈ 3 %): issued by development zones named after no division
  (高新技术产业开发区, 综合保税区 …), each checked to be unrecognised by the gazetteer;
- damaged extraction in ≈ 20 % of plans, as in the seeds: hard line breaks inside paragraphs (even inside a
  word), page numbers such as "-3 -" inside a paragraph, a leading space at a page break, stray spaces between
  Chinese characters, half-width punctuation, "48 号" / "2024 年 11 月" spacing, Markdown heading marks.
Each plan is one of the five real plans (repaired text from the parser) with the region's name, date and a new
文号 substituted, and with extra assignment statements recombined from the real ones (a real statement of the
same category whose list of matters, 将……，确认为, is re-drawn from the real lists; 30 % get a local matter such
as "东洲区重点园区…", which gives the rare strings). ≈ 4,300 plans, ≈ 150,000 clauses.

    .venv/bin/python bench/make_corpus.py            # → bench/out/national-corpus/*.txt, bench/out/national.sqlite
    .venv/bin/python bench/make_corpus.py --plans 300 --out bench/out/small.sqlite

Deterministic (seeded). The texts are written next to the database (git-ignored), then built with
`python -m ipdesk build --sources DIR --out PATH`, exactly like data/sources/; the build time is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipdesk.corpus.gazetteer import Region, gazetteer, short_name  # noqa: E402
from ipdesk.corpus.parser import parse_bytes  # noqa: E402

OUT = ROOT / "bench" / "out"
_LOCAL = ("特色产业", "重点园区", "自贸片区", "开发区", "县域经济", "边境口岸", "革命老区", "民族地区")
_MATTERS = re.compile(
    r"^将(?P<matters>.+?)，(?=(?:按照?|根据)?[^，。]{0,8}?(?:确认为|明确为|确定为|界定为|划分为|作为))"
)
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
#: Other domains: the domain's name (replaces 知识产权) and words that replace the IP-specific ones.
DOMAINS = {
    "生态环境": {"专利": "排污许可", "商标": "环境监测", "著作权": "生态保护", "地理标志": "自然保护地"},
    "医疗卫生": {"专利": "公共卫生", "商标": "医疗保障", "著作权": "计划生育", "地理标志": "中医药"},
    "交通运输": {"专利": "公路养护", "商标": "水路运输", "著作权": "综合枢纽", "地理标志": "农村公路"},
    "公共文化": {"专利": "文物保护", "商标": "非遗传承", "著作权": "公共图书馆", "地理标志": "文化馆"},
    "应急救援": {"专利": "防灾减灾", "商标": "安全生产", "著作权": "森林防火", "地理标志": "地震监测"},
    "自然资源": {"专利": "国土空间", "商标": "耕地保护", "著作权": "矿产资源", "地理标志": "测绘地理"},
}
#: Unrecognisable issuers: a made-up place name + the kind of zone (kept only if the gazetteer finds no region).
_ZONE_WORDS = (
    "临港",
    "滨江",
    "东湖",
    "望海",
    "金桥",
    "云谷",
    "翠屏",
    "锦绣",
    "星河",
    "青山",
    "白鹭",
    "紫金",
    "瑞丰",
    "鹏程",
)
_ZONE_KINDS = ("高新技术产业开发区", "经济技术开发区", "综合保税区", "国际合作示范区", "新区", "产业园区")


@dataclass(frozen=True)
class Template:
    text: str  # repaired full text
    name: str  # region full name, e.g. 包头市
    short: str
    doc_no: str
    date: str  # YYYY-MM-DD
    clauses: tuple  # parser clauses
    level: str  # province | prefecture
    code: str


def _templates() -> list[Template]:
    """The real plans, parsed."""
    gaz = gazetteer()
    result = []
    for path in sorted((ROOT / "data" / "sources").glob("*.txt")):
        doc = parse_bytes(path.read_bytes())
        region = gaz.by_code[doc.region_code]
        result.append(
            Template(
                doc.full_text,
                region.name,
                short_name(region.name),
                doc.doc_no,
                doc.date,
                tuple(doc.clauses),
                region.level,
                region.code,
            )
        )
    return result


def _matter_pool(templates: list[Template]) -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {}
    for t in templates:
        for clause in t.clauses:
            m = _MATTERS.match(clause.text)
            if m:
                pool.setdefault(clause.category, []).extend(p for p in m.group("matters").split("，") if p)
    return pool


def _with_extra_statements(rng: random.Random, t: Template, pool, local: str, extra: int) -> str:
    """The template's text with `extra` statements recombined from its own, after each category's last one."""
    text = t.text
    by_category: dict[str, list] = {}
    for clause in t.clauses:
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
            matters[0] = local + rng.choice(_LOCAL) + matters[0]
        inserts.append((clauses[-1].end, "将" + "，".join(matters) + base.text[m.end("matters") :]))
    for at, sentence in sorted(inserts, key=lambda x: x[0], reverse=True):
        text = text[:at] + "\n" + sentence + text[at:]
    return text


def _one_level_down(text: str) -> str:
    """A city plan made a county's: 市 level → 县 level, 县区 level → 乡镇 (the words the plans use)."""
    for old, new in (
        ("市与县区", "县与乡镇"),
        ("市本级", "县本级"),
        ("旗县区", "乡镇"),
        ("县（市、区）", "乡镇"),
        ("县区", "乡镇"),
        ("市级", "县级"),
        ("市与县", "县与乡镇"),
        ("市以下", "县以下"),
        ("全市", "全县"),
        ("市直", "县直"),
    ):
        text = text.replace(old, new)
    return text.replace("县与乡镇级", "县与乡镇").replace("县级与乡镇", "县与乡镇")


def _redate(text: str, doc_no: str, new_doc_no: str, old_date: str, new_date: dt.date) -> str:
    """Every date in the text moved by the same number of days (成文 date → new_date), and the new 文号."""
    shift = new_date - dt.date.fromisoformat(old_date)

    def moved(m: re.Match) -> str:
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) + shift
        except ValueError:
            return m.group()
        return f"{d.year}年{d.month}月{d.day}日"

    return _DATE.sub(moved, text.replace(doc_no, new_doc_no))


def _in_domain(text: str, domain: str) -> str:
    for old, new in DOMAINS[domain].items():
        text = text.replace(old, new)
    return text.replace("知识产权", domain)


# -- damaged extraction ----------------------------------------------------------------------------------------

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _break_lines(rng: random.Random, text: str) -> str:
    """Hard line breaks inside long paragraphs, sometimes with a blank line, sometimes inside a word."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if len(line) > 40 and rng.random() < 0.5:
            at = rng.randint(10, len(line) - 10)
            lines[i] = line[:at] + rng.choice(("\n", "\n", "\n\n")) + line[at:]
    return "\n".join(lines)


def _page_numbers(rng: random.Random, text: str) -> str:
    """Page numbers ("-3 -", "— 4 —") in the middle of 1–3 paragraphs, sometimes followed by a leading space."""
    lines = text.split("\n")
    long = [i for i, line in enumerate(lines) if len(line) > 40]
    for n, i in enumerate(sorted(rng.sample(long, min(len(long), rng.randint(1, 3))), reverse=True), 2):
        line = lines[i]
        at = rng.randint(10, len(line) - 10)
        mark = rng.choice((f"-{n} -", f"— {n} —", f"- {n} -"))
        lines[i] = line[:at] + f"\n\n{mark}\n\n" + rng.choice(("", " ")) + line[at:]
    return "\n".join(lines)


def _stray_spaces(rng: random.Random, text: str) -> str:
    """Spaces between Chinese characters, a few per long paragraph."""
    chars = list(text)
    for i in range(1, len(chars) - 1):
        if _HAN.match(chars[i]) and _HAN.match(chars[i + 1]) and rng.random() < 0.01:
            chars[i] += " "
    return "".join(chars)


def _half_width(_rng: random.Random, text: str) -> str:
    return text.translate(str.maketrans({"，": ",", "（": "(", "）": ")", "：": ":", "；": ";"}))


def _spaced_numbers(_rng: random.Random, text: str) -> str:
    text = re.sub(r"〕(\d+)号", r"〕\1 号", text)
    return re.sub(r"(\d{4})年(\d{1,2})月(\d{1,2})日", r"\1 年 \2 月 \3 日", text)


def _markdown(_rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if re.match(r"[一二三四五六七八九十]+、", line):
            lines[i] = "## " + line
        elif re.match(r"（[一二三四五六七八九十]+）", line) and len(line) < 30:
            lines[i] = "### " + line
    return "\n".join(lines)


DAMAGE = (_break_lines, _page_numbers, _stray_spaces, _half_width, _spaced_numbers, _markdown)


def damage(rng: random.Random, text: str) -> str:
    """2–4 kinds of extraction damage; hard line breaks in most damaged plans, as in the seeds."""
    kinds = rng.sample(DAMAGE[1:], rng.randint(1, 3))
    if rng.random() < 0.8:
        kinds.insert(0, _break_lines)
    for kind in kinds:
        text = kind(rng, text)
    return text


# -- the corpus ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    file: str
    text: str
    domain: str
    damaged: bool
    recognisable: bool
    superseded: bool


def _zone_names(rng: random.Random, count: int) -> list[str]:
    gaz = gazetteer()
    names = [w + k for w in _ZONE_WORDS for k in _ZONE_KINDS]
    rng.shuffle(names)
    names = [n for n in names if gaz.first_region(n + "知识产权") is None]
    return [names[i % len(names)] for i in range(count)]


def make_plans(rng: random.Random, count: int, extra: int) -> list[Plan]:
    templates = _templates()
    pool = _matter_pool(templates)
    provinces = [t for t in templates if t.level == "province"]
    cities = [t for t in templates if t.level != "province"]
    regions = [r for r in gazetteer().regions if r.code < "710000"]  # 台湾省, 香港, 澳门: no plans of ours
    if count:
        regions = sorted(rng.sample(regions, count), key=lambda r: r.code)
    plans: list[Plan] = []
    serial = 0

    def plan(region: Region | None, name: str, domain: str, date: dt.date, superseded: bool = False) -> None:
        nonlocal serial
        serial += 1
        level = region.level if region else "prefecture"
        t = rng.choice(provinces if level == "province" else cities)
        short = short_name(name)
        text = _with_extra_statements(rng, t, pool, short, extra)
        if level == "county":
            text = _one_level_down(text)
        text = text.replace(t.name, name).replace(t.short, short)
        if region is not None and level != "province":  # the province the plan cites is the region's own
            province = gazetteer().province_of(region).name
            old = gazetteer().province_of(gazetteer().by_code[t.code]).name
            text = text.replace(old, province).replace(short_name(old), short_name(province))
        doc_no = f"{short[:2]}{rng.choice(('政办发', '政发', '财行', '府办发'))}〔{date.year}〕{rng.randint(1, 180)}号"
        text = _redate(text, t.doc_no, doc_no, t.date, date)
        if domain != "知识产权":
            text = _in_domain(text, domain)
        damaged = rng.random() < 0.2
        if damaged:
            text = damage(rng, text)
        code = region.code if region else "000000"
        plans.append(Plan(f"{code}-{serial:05d}.txt", text, domain, damaged, region is not None, superseded))

    def day(year: int) -> dt.date:
        return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))

    others = list(DOMAINS)
    for region in regions:
        plan(region, region.name, "知识产权", day(rng.choice((2024, 2025))))
        if rng.random() < 0.08:
            plan(region, region.name, "知识产权", day(rng.choice((2020, 2021, 2022))), superseded=True)
        if rng.random() < (0.15 if region.level == "county" else 0.6):
            plan(region, region.name, rng.choice(others), day(rng.choice((2023, 2024, 2025))))
    for name in _zone_names(rng, max(1, len(regions) * 3 // 100)):
        plan(None, name, rng.choice(["知识产权", *others]), day(rng.choice((2024, 2025))))
    return plans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=0, help="regions to draw (default: every region, ≈ 3,200)")
    parser.add_argument("--extra", type=int, default=20, help="recombined statements added to each plan")
    parser.add_argument("--out", type=Path, default=OUT / "national.sqlite")
    parser.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    folder = args.out.parent / (args.out.stem + "-corpus")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    plans = make_plans(rng, args.plans, args.extra)
    for p in plans:
        (folder / p.file).write_text(p.text, encoding="utf-8")
    written = time.perf_counter() - started
    domains = sorted({p.domain for p in plans})
    print(
        f"{len(plans)} plans written to {folder} in {written:.1f} s: {len(domains)} domains, "
        f"{sum(p.damaged for p in plans)} damaged, {sum(not p.recognisable for p in plans)} without a region, "
        f"{sum(p.superseded for p in plans)} older plans of the same region and domain",
        file=sys.stderr,
    )
    started = time.perf_counter()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795392000")
    subprocess.run(
        [sys.executable, "-m", "ipdesk", "build", "--sources", str(folder), "--out", str(args.out)],
        check=True,
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,  # one warning line per damaged or unrecognised plan
        stdout=subprocess.DEVNULL,
    )
    took = time.perf_counter() - started
    size = args.out.stat().st_size / 1e6
    print(f"built {args.out} with `ipdesk build --sources`: {size:.1f} MB in {took:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

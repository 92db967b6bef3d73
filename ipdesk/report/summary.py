"""The summary table of one region, built once from the query layer (no Qt).

Every output (print preview, printer, PDF, Excel, CSV) renders the same `Summary`, so what the clerk sees in
the preview is what lands in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..dbformat.dates import chinese_date
from ..dbformat.levels import LEVEL_LABELS, Perspective, level_label, order_levels
from ..store.repository import DatabaseError, RegionError, Repository
from ..store.selection import Selection
from .errors import ReportError

COLUMNS = ("序号", "事项类别", "事项（原文）", "财政事权", "支出责任", "依据（文号·条目）")
#: The title and file name after the region and the domain of its plans (知识产权 for the bundled ones).
TITLE_SUFFIX = "领域财政事权和支出责任划分汇总表"
FILE_SUFFIX = "财政事权汇总表"
DEFAULT_DOMAIN = "知识产权"
RESIDUAL_EXPENDITURE = "另行确定"


@dataclass(frozen=True)
class SummaryRow:
    number: int  # 序号, 1… over the whole table
    clause_id: int
    category: str
    text: str  # the clause's full wording
    level: str  # upper | lower | shared | affiliation | territory | residual
    authority: str  # 财政事权 in words, with the plan's own level names
    expenditure: str  # 支出责任 in the plan's own words
    basis: str  # 文号·条目, e.g. 包府办发〔2025〕42号·一、（二）

    def cells(self) -> tuple[str, ...]:
        """The row as the six columns' texts."""
        return (str(self.number), self.category, self.text, self.authority, self.expenditure, self.basis)


@dataclass(frozen=True)
class SummaryGroup:
    category: str
    rows: tuple[SummaryRow, ...]


@dataclass(frozen=True)
class SummarySource:
    """One plan the table is taken from."""

    title: str
    doc_no: str
    date: str  # YYYY-MM-DD
    issuers: tuple[str, ...]
    imported: bool = False  # the user imported it (本机导入)

    @property
    def line(self) -> str:
        """《标题》（文号，2025年7月31日）, with "，本机导入" for an imported plan"""
        parts = [p for p in (self.doc_no, chinese_date(self.date), "本机导入" if self.imported else "") if p]
        return f"《{self.title}》" + (f"（{'，'.join(parts)}）" if parts else "")


@dataclass(frozen=True)
class Summary:
    region_code: str
    region_name: str
    sources: tuple[SummarySource, ...]
    groups: tuple[SummaryGroup, ...]
    scope: str  # "" for the whole plan, else the filter in words ("事项类别：…；财政事权：…；本表 2 条，方案共 13 条")
    printed_on: dt.date
    data_version: str
    domain: str = DEFAULT_DOMAIN  # of the plans the table is taken from ("、"-joined when they differ)
    county: str = ""  # the table of a county read through its city's plan (region_name is the city)

    @property
    def title(self) -> str:
        if self.county:
            basis = f" · 依据《{self.sources[0].title}》" if self.sources else ""
            return f"{self.county}{self.domain}领域财政事权清单{basis}"
        return f"{self.region_name}{self.domain}{TITLE_SUFFIX}"

    @property
    def rows(self) -> list[SummaryRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def footer_left(self) -> str:
        return f"打印日期：{chinese_date(self.printed_on.isoformat())}"

    @property
    def footer_right(self) -> str:
        return f"数据版本：{self.data_version}"

    def default_filename(self, suffix: str) -> str:
        """包头市_知识产权财政事权汇总表.pdf (with the category when the table is narrowed to one)."""
        parts = [self.county or self.region_name]
        if len(self.groups) == 1 and self.scope:
            parts.append(self.groups[0].category)
        parts.append(self.domain.replace("、", "") + FILE_SUFFIX)
        return safe_filename("_".join(parts)) + suffix


def safe_filename(name: str) -> str:
    """Drop characters Windows does not allow in file names."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", name).strip(" .") or "汇总表"


def authority_words(level: str, upper: str, lower: str, perspective: Perspective | None = None) -> str:
    """财政事权 column: the plan's own names first, the plain word after ("市本级（上级）", "旗县区（下级）",
    "市本级与旗县区共同", "市本级与旗县区按隶属关系", "另行确定"); the words come from ipdesk.dbformat.levels. A
    county's table (perspective): "旗县区（本旗）", "市本级（包头市）"."""
    label = perspective.label(level) if perspective is not None else level_label(level)
    if level == "upper" and upper:
        return f"{upper}（{label}）"
    if level == "lower" and lower:
        return f"{lower}（{label}）"
    if level in ("shared", "affiliation", "territory") and upper and lower:
        return f"{upper}与{lower}{label}"
    return label


def expenditure_words(level: str, expenditure: str, label: str, upper: str, lower: str) -> str:
    """支出责任 column: the plan's own words; residual matters are left to be settled (另行确定)."""
    if label:
        return label
    if expenditure == "residual" or level == "residual":
        return RESIDUAL_EXPENDITURE
    return authority_words(expenditure, upper, lower) if expenditure in LEVEL_LABELS else ""


def build_summary(
    repo: Repository, selection: Selection, today: dt.date | None = None, perspective: Perspective | None = None
) -> Summary:
    """The summary of the current plan(s) of the selection's one region, narrowed to its category, matter and
    levels; with a perspective, the table of a county read through that plan (title and level words).

    Raises ReportError (Chinese message) when the selection is not one region, the region has no plan, or the
    selection leaves nothing to print.
    """
    try:
        return _build(repo, selection, today, perspective)
    except DatabaseError as exc:
        raise ReportError(str(exc)) from exc


def _build(repo: Repository, selection: Selection, today: dt.date | None, perspective: Perspective | None) -> Summary:
    region_code = selection.single_region
    if region_code is None:
        raise ReportError("汇总表按地区分别打印：请只选择一个地区。")
    everything = repo.clauses(selection.regions_only())
    region_name = everything[0].region_name if everything else repo.region_path(region_code) or region_code
    if not everything:
        raise ReportError(f"“{region_name}”没有本级的划分方案，无可打印的内容。\n请在地区列表中选择有方案的地区。")
    clauses = repo.clauses(selection)
    categories = repo.categories()
    if not clauses:
        raise ReportError(f"按当前筛选条件，“{region_name}”没有条款可打印。\n请放宽筛选条件后重试。")

    order = {c.id: (c.domain, c.sort_order, c.id) for c in categories}
    by_category: dict[int, list] = {}
    for clause in clauses:
        by_category.setdefault(clause.category_id, []).append(clause)
    groups, number = [], 0
    for category_id_ in sorted(by_category, key=lambda k: order.get(k, ("", 1 << 30, k))):
        rows = []
        for c in by_category[category_id_]:
            number += 1
            rows.append(
                SummaryRow(
                    number=number,
                    clause_id=c.id,
                    category=c.category,
                    text=c.text,
                    level=c.level,
                    authority=authority_words(c.level, c.upper_level, c.lower_level, perspective),
                    expenditure=expenditure_words(
                        c.level, c.expenditure, c.expenditure_label, c.upper_level, c.lower_level
                    ),
                    basis=f"{c.doc_no}·{c.place}" if c.place else c.doc_no,
                )
            )
        groups.append(SummaryGroup(rows[0].category, tuple(rows)))

    document_ids = list(dict.fromkeys(c.document_id for c in clauses))
    sources, domains = [], []
    for document_id in document_ids:
        doc = repo.document(document_id)
        domains.append(doc.domain or DEFAULT_DOMAIN)
        sources.append(SummarySource(doc.title, doc.doc_no, doc.date, doc.issuers, doc.imported))

    scope = []
    if selection.category_id is not None:
        scope.append(f"事项类别：{clauses[0].category}")
    if selection.matter:
        scope.append(f"事项：{selection.matter}")
    if selection.levels is not None:
        upper, lower = clauses[0].upper_level, clauses[0].lower_level
        levels = order_levels(selection.levels)
        scope.append("财政事权：" + "、".join(authority_words(lv, upper, lower) for lv in levels))
    if scope:
        scope.append(f"本表 {len(clauses)} 条，方案共 {len(everything)} 条")

    info = repo.info()
    version = info.data_as_of.replace("-", ".")
    if info.built_at:
        version += f"（{info.built_at[:10]} 生成）"
    return Summary(
        region_code=region_code,
        region_name=region_name,
        sources=tuple(sources),
        groups=tuple(groups),
        scope="；".join(scope),
        printed_on=today or dt.date.today(),
        data_version=version,
        domain="、".join(dict.fromkeys(domains)) or DEFAULT_DOMAIN,
        county=perspective.region if perspective is not None else "",
    )


# -- names typed on the command line ------------------------------------------------------------------------


def resolve_region(repo: Repository, text: str) -> str:
    """The region whose summary is printed for what the user typed (包头市, 包头, 150200): the region found by the
    one rule of Repository.resolve_region, or, when it has no plan of its own (山西省), its one region with a plan,
    as the window shows it. Raises ReportError (Chinese) otherwise, listing the choices."""
    return resolve_print_region(repo, text)[0]


def resolve_print_region(repo: Repository, text: str) -> tuple[str, Perspective | None]:
    """resolve_region, and for a county (or a city) without a plan of its own the perspective it reads the plan of
    the region above it from (its table is printed as the county's)."""
    try:
        code = repo.resolve_region(text)
    except RegionError as exc:  # the user's typing, not a fault underneath: no technical reason to add
        raise ReportError(str(exc)) from None
    shown, governed = repo.governing(code)
    if len(shown) == 1:
        return shown[0], repo.perspective(code, shown[0]) if governed else None
    name = repo.region_path(code)
    if not shown:
        raise ReportError(f"“{name}”及其下辖地区都没有划分方案，无可打印的内容。")
    choices = "、".join(f"{repo.region_path(c)}（{c}）" for c in shown)
    raise ReportError(f"“{name}”本身没有方案，其下有多个地区有方案，请指定其中一个：{choices}")


def resolve_category(repo: Repository, text: str) -> int:
    """A category id from an id or a name (知识产权保护, 保护). Raises ReportError listing the choices."""
    text = text.strip()
    categories = repo.categories()
    for match in (
        lambda c: str(c.id) == text,
        lambda c: c.name == text,
        lambda c: text in c.name and len(text) >= 2,
    ):
        found = [c for c in categories if match(c)]
        if len(found) == 1:
            return found[0].id
    choices = "、".join(c.name for c in categories)
    raise ReportError(f"找不到事项类别“{text}”。可选：{choices}")


def resolve_levels(texts: Iterable[str]) -> list[str]:
    """Level codes from codes or the agreed words (upper / 上级, …), comma separated or repeated."""
    by_word = {word: code for code, word in LEVEL_LABELS.items()}
    result = []
    for text in texts:
        for part in re.split(r"[,，、\s]+", text.strip()):
            if not part:
                continue
            code = part if part in LEVEL_LABELS else by_word.get(part)
            if code is None:
                choices = "、".join(f"{c}（{w}）" for c, w in LEVEL_LABELS.items())
                raise ReportError(f"未知的财政事权层级“{part}”。可选：{choices}")
            result.append(code)
    return list(dict.fromkeys(result))

"""What the main window shows for a selection, decided without Qt: the clause keys of the table and the level
counts, the category list with counts and matters, the plans' own level names, the scope line, and how the
selection is widened to bring a chosen clause into view. The window only lays out and wires (ui/main_window.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import ClassVar, TypeVar

from ..dbformat.levels import LEVEL_LABELS, Perspective, order_levels
from ..store.repository import Category, ClauseRow, DataInfo, DocumentInfo, Repository
from ..store.selection import EVERYTHING, Selection
from ..value import Value
from .chain import KeyedClauses, keyed_clauses, upper_clauses
from .clause_index import (
    CATEGORY,
    REGION,
    ClauseIndex,
    ClauseKey,
    category_counts,
    differ,
    filter_levels,
    level_counts,
    with_ids,
)

#: With more clauses than this, 全部地区 lists the matters of a category when it is expanded (AllMatters: at national
#: scale ≈ 23,000 different wordings); a region's own matters are always listed at once.
ALL_MATTERS_LIMIT = 5000
#: Clauses per step when the categories' keys and level counts are made after the first paint (2–6 ms a step at
#: national scale; a larger category is a step of its own).
WARM_KEYS = 10000
#: The plans' own level names are looked up for at most this many clauses (and 5 plans); beyond, the level
#: filter shows the plain words only.
PLAN_NAMES_LIMIT = 2000
#: Plans' keyed clauses (of one category) remembered for the detail pane's 上级方案 before the memory is cleared.
KEYED_MEMORY = 500
#: Plans remembered (their details, not their texts: Repository.document) before the memory is cleared ...
DOCUMENT_MEMORY = 300
#: ... and clauses' 上级方案 matches.
UPPER_MEMORY = 2000
#: Regions' category lists remembered (全部地区's is kept): each is a dozen lists that full garbage collections scan.
CATEGORY_MEMORY = 300


T = TypeVar("T")


def _remembered(memory: dict, key, make: Callable[[], T], limit: int) -> T:
    """memory[key], made by make() the first time; the memory is emptied when it holds limit entries, so that a
    long session at national scale (4,000 plans, 111,000 clauses) does not keep everything it has shown."""
    if key not in memory:
        if len(memory) >= limit:
            memory.clear()
        memory[key] = make()
    return memory[key]


class Shown(Value):
    """A selection with the names the clerk reads beside it. region_code is the selected region node (None:
    全部地区); selection.regions are the regions whose plans it stands for."""

    _fields = ("selection", "region_code", "region_name", "category_name", "perspective", "governing")
    __slots__ = _fields
    _defaults: ClassVar[dict[str, object]] = {
        "selection": EVERYTHING, "region_code": None, "region_name": "", "category_name": "", "perspective": None,
        "governing": "",
    }  # fmt: skip
    selection: Selection
    region_code: str | None
    region_name: str
    category_name: str
    #: the region is read through the plan of a region above it (a county through its city's plan)
    perspective: Perspective | None
    governing: str  # then: "适用《…》（文号）", and a notice when the city's own plan is missing

    @property
    def has_own_plan(self) -> bool:
        """True when the selected region's own plan(s) are shown (not the plans of the regions under it)."""
        return self.region_code is not None and self.selection.regions == (self.region_code,)

    def describe(self) -> str:
        """One line in Chinese, e.g. "包头市 · 知识产权保护 · 只看：下级"."""
        s = self.selection
        parts = [self.region_name or "全部地区", self.category_name or "全部类别"]
        if s.matter:
            parts.append(f"事项：{s.matter}")
        if s.levels is not None:
            parts.append("只看：" + "、".join(LEVEL_LABELS.get(lv, lv) for lv in order_levels(s.levels)))
        return " · ".join(parts)

    def scope_line(self, count: int) -> str:
        """The heading over the table, e.g. "山西省 · 全部类别 — 共 12 条（山西省没有本级方案，显示下辖地区的方案）";
        a county: "土默特右旗 · 适用《包头市……实施方案》（包府办发〔2025〕42号） · 全部类别 — 共 12 条"."""
        if self.perspective is not None:
            parts = self.describe().split(" · ")
            return " · ".join([parts[0], self.governing, *parts[1:]]) + f" — 共 {count} 条"
        text = f"{self.describe()} — 共 {count} 条"
        if self.region_code and not self.has_own_plan and not self.selection.regions:
            text += f"（数据中没有适用于{self.region_name}的方案；可用“文件 → 导入方案…”导入所在市或省的方案）"
        elif self.region_code and not self.has_own_plan and self.selection.regions:
            text += f"（{self.region_name}没有本级方案，显示下辖地区的方案）"
        return text


class AllMatters(Mapping):
    """The matters of all regions by category, read per category on first use (precomputed in the database); the
    category tree lists a category's matters when it is expanded (models/category_update.py)."""

    def __init__(self, repo: Repository):
        self._repo = repo
        self._counts = repo.matter_counts()
        self._read: dict[int, list[tuple[str, int]]] = {}

    def count(self, category_id: int) -> int:
        """How many matters the category lists (without reading them)."""
        return self._counts.get(category_id, 0)

    def __getitem__(self, category_id: int) -> list[tuple[str, int]]:
        if category_id not in self._counts:
            raise KeyError(category_id)
        if category_id not in self._read:
            self._read[category_id] = self._repo.category_matters(category_id)
        return self._read[category_id]

    def __iter__(self):
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


class TableView(Value):
    """What the table and the level filter show for a selection."""

    _fields = ("keys", "level_counts", "plan_names", "placeholder", "regions_vary", "categories_vary")
    __slots__ = _fields
    keys: list[ClauseKey]  # the rows, in document order
    level_counts: dict[str, int]  # per level, before the level filter
    plan_names: tuple[str, str]  # the shown plans' own (upper, lower) names, ("", "") if they differ
    placeholder: str  # what the empty table says
    regions_vary: bool  # the rows come from more than one region (the table shows the 地区 column)
    categories_vary: bool  # ... are of more than one category (the 事项类别 column)


class Browser:
    """The browsing decisions over one repository (caches the clause index, category lists and plans)."""

    def __init__(self, repo: Repository):
        self.repo = repo
        self.info: DataInfo = repo.info()
        self.categories: list[Category] = repo.categories()
        self.index = ClauseIndex(repo.key_columns(), repo.category_positions)
        self._all_lists: tuple[dict, Mapping] | None = None  # 全部地区's
        self._category_lists: dict[tuple[str, ...], tuple[dict, dict]] = {}
        self._documents: dict[int, DocumentInfo] = {}
        self._unfiltered: tuple[Selection, list[ClauseKey], dict[str, int]] | None = None
        self._upper: dict[int, list] = {}
        self._keyed: dict[tuple[int, int], KeyedClauses] = {}
        self._governing: dict[tuple[str, str], tuple[Perspective, str]] = {}

    def category_name(self, category_id: int | None) -> str:
        return next((c.name for c in self.categories if c.id == category_id), "")

    def category_lists(self, regions: tuple[str, ...] | None) -> tuple[dict[int, int], Mapping[int, list]]:
        """Clause counts per category and the matters listed under each, in the given regions' plans (None:
        全部地区)."""
        if regions is None:
            if self._all_lists is None:
                counts = {c.id: c.clause_count for c in self.categories if c.clause_count}  # counted when written
                large = len(self.index) > ALL_MATTERS_LIMIT
                self._all_lists = (counts, AllMatters(self.repo) if large else self.repo.matters_by_category(None))
            return self._all_lists
        return _remembered(
            self._category_lists,
            regions,
            lambda: (category_counts(self.index.select(Selection(regions))), self.repo.matters_by_category(regions)),
            CATEGORY_MEMORY,
        )

    def table(self, selection: Selection) -> TableView:
        """The rows for a selection. A change of levels only re-filters the keys of the previous selection."""
        unfiltered = selection.with_levels(None)
        if self._unfiltered is None or self._unfiltered[0] != unfiltered:
            if selection.matter and unfiltered.regions is not None:  # asked only of the regions' clauses
                keys = self.index.select(unfiltered)
                matter_ids = self.repo.clause_ids_with_matter(selection.matter, [k.id for k in keys])
                keys = with_ids(keys, matter_ids)
            else:
                matter_ids = self.repo.clause_ids_with_matter(selection.matter) if selection.matter else None
                keys = self.index.select(unfiltered, matter_ids)
            if unfiltered.regions is None and matter_ids is None:  # 全部地区, one category or all: counted once
                counts = dict(self.index.levels(unfiltered.category_id))  # a copy: the index keeps its own
            else:
                counts = level_counts(keys)
            self._unfiltered = (unfiltered, keys, counts)
        _, everything, counts = self._unfiltered
        if everything:
            placeholder = "所选财政事权没有条款。点“全部”显示所有条款。"
        else:
            placeholder = "所选地区和事项类别没有条款。请选择其他地区或事项类别。"
        keys = filter_levels(everything, selection.levels)
        single_region = selection.regions is not None and len(selection.regions) == 1
        return TableView(
            keys, counts, self.plan_names(everything), placeholder,
            not single_region and differ(keys, REGION),
            selection.category_id is None and differ(keys, CATEGORY),  # a scan of every key otherwise
        )  # fmt: skip

    def warm_steps(self) -> Iterator[Callable[[], None]]:
        """Each category's keys and level counts under 全部地区, about WARM_KEYS clauses per step, for the window to
        run one step per turn of its event loop after the first paint: a large category's first selection spent
        ≈ 3 ms making them at national scale."""
        batch: list[int] = []
        size = 0
        for category in self.categories:
            batch.append(category.id)
            size += category.clause_count
            if size >= WARM_KEYS:
                yield partial(self._warm, tuple(batch))
                batch, size = [], 0
        if batch:
            yield partial(self._warm, tuple(batch))

    def _warm(self, category_ids: tuple[int, ...]) -> None:
        for category_id in category_ids:
            self.index.levels(category_id)

    def plan_names(self, keys: list[ClauseKey]) -> tuple[str, str]:
        """The two level names of the plan(s) shown, e.g. (市本级, 旗县区), or ("", "") if the plans differ."""
        documents = {k.document_id for k in keys[:PLAN_NAMES_LIMIT]}
        if not documents or len(documents) > 5 or len(keys) > PLAN_NAMES_LIMIT:
            return "", ""
        names = {(self.document(d).upper_level, self.document(d).lower_level) for d in documents}
        return next(iter(names)) if len(names) == 1 else ("", "")

    def document(self, document_id: int) -> DocumentInfo:
        return _remembered(self._documents, document_id, lambda: self.repo.document(document_id), DOCUMENT_MEMORY)

    def upper_clauses(self, clause: ClauseRow) -> list:
        """The plans above the clause's plan with their clauses on the same matter (models.chain), cached."""
        return _remembered(
            self._upper,
            clause.id,
            lambda: upper_clauses(self.repo, clause, self.document, self._keyed_clauses),
            UPPER_MEMORY,
        )

    def _keyed_clauses(self, document_id: int, category_id: int) -> KeyedClauses:
        """A plan's clauses of a category with their matter keys, remembered: a province's or city's plan stands
        above every region under it (national database, 300 random clauses: 0.65–0.72 → 0.50–0.62 ms each)."""
        return _remembered(
            self._keyed,
            (document_id, category_id),
            lambda: keyed_clauses(self.repo.clauses_of_document(document_id, category_id)),
            KEYED_MEMORY,
        )

    def find_clause(self, region_code: str, doc_no: str, seq: int) -> int | None:
        """The id of a plan's clause at a position (ids differ between databases; 文号 and position do not)."""
        rows = self.repo.clauses(Selection(regions=(region_code,)))
        return next((r.id for r in rows if r.doc_no == doc_no and r.seq == seq), None)

    def governing(self, region_code: str, governing_code: str) -> tuple[Perspective, str]:
        """How a region without a plan reads the plan of the region above it: the perspective (本旗 / 包头市) and
        the line "适用《…》（文号）", with a notice when that plan is not its direct parent's (no city plan)."""
        key = (region_code, governing_code)
        if key in self._governing:  # shown() asks on every refresh of a county's view
            return self._governing[key]
        perspective = self.repo.perspective(region_code, governing_code)
        plans = [self.document(i) for i in self.repo.current_plans(governing_code)]
        name = perspective.governing
        line = "、".join(f"适用《{d.title}》（{d.doc_no or '无文号'}）" for d in plans) or f"适用{name}的方案"
        if perspective.lower_region:  # not its city's plan: the city's is missing
            line += f"（所在市的方案未收录，显示{name}的方案；可用“文件 → 导入方案…”导入）"
        self._governing[key] = perspective, line
        return perspective, line

    def clause(self, clause_id: int) -> ClauseRow | None:
        found = self.repo.clauses_by_id([clause_id])
        return found[0] if found else None

    @staticmethod
    def widen(shown: Shown, clause: ClauseRow) -> Shown:
        """The smallest change of a selection that shows the clause: each of region, category/matter and levels is
        kept when the clause passes it, else cleared to the clause's region/category or to every level."""
        s = shown.selection
        in_region = s.regions is None or clause.region_code in s.regions
        in_category = s.category_id in (None, clause.category_id) and (s.matter is None or s.matter in clause.matters)
        in_levels = s.levels is None or clause.level in s.levels
        selection = s.replace(
            regions=s.regions if in_region else (clause.region_code,),
            category_id=s.category_id if in_category else clause.category_id,
            matter=s.matter if in_category else None,
            levels=s.levels if in_levels else None,
        )
        region_code = shown.region_code if in_region else clause.region_code
        return shown.replace(selection=selection, region_code=region_code)

"""The region queries of the Repository (a mixin; no Qt): a region typed by the user, a region's ancestors, which
plans govern a region without its own, and from which side it reads them. One rule each, for the window, the
summary table and every command."""

from __future__ import annotations

from ..dbformat.levels import Perspective
from .records import RegionNode

#: Candidates listed at most when a region name is ambiguous.
MAX_CANDIDATES = 12


class RegionError(ValueError):
    """A region name or code the user typed matches no region, or several; str(error) says which, in Chinese."""


def shown_regions(node: RegionNode) -> tuple[str, ...]:
    """The regions whose plans a region node stands for: its own plan, or else the nearest regions under it that
    have plans (山西省 without a plan of its own → its cities with plans). The region tree, the summary table and
    the command line all follow this rule."""
    if node.document_count:
        return (node.code,)
    codes: list[str] = []
    for child in node.children:
        codes.extend(shown_regions(child))
    return tuple(codes)


def walk(nodes):
    """Every node of a region tree, parents before children."""
    for node in nodes:
        yield node
        yield from walk(node.children)


class RegionQueries:
    """Needs from the class it is mixed into: _query(sql, params) and region_tree(complete)."""

    def resolve_region(self, text: str) -> str:
        """The code of the region a user typed: an exact name (包头市), a code (150200), else a name it is the
        unambiguous start of (包头). Raises RegionError (Chinese, with the candidates when several match).
        Search, report and every other command resolve regions this one way."""
        text = text.strip()
        if not text:
            raise RegionError("请给出地区名称或六位代码，如 包头市、包头、150200")
        found = self._query("SELECT code, name FROM regions WHERE name = ? ORDER BY code", (text,))
        if not found:
            found = self._query("SELECT code, name FROM regions WHERE code = ?", (text,))
        if not found:
            found = self._query(
                "SELECT code, name FROM regions WHERE substr(name, 1, length(?)) = ? ORDER BY code", (text, text)
            )
        if not found:
            raise RegionError(f"找不到地区“{text}”：请输入地区全称、简称或六位代码，如 包头市、包头、150200")
        if len(found) > 1:
            listed = "、".join(f"{self.region_path(code)}（{code}）" for code, _name in found[:MAX_CANDIDATES])
            more = f"等 {len(found)} 个" if len(found) > MAX_CANDIDATES else ""
            raise RegionError(f"“{text}”可指多个地区，请写得更具体：{listed}{more}")
        return found[0][0]

    def _ancestry(self, code: str) -> list[tuple[str, str]]:
        """(code, name) from the province down to the region itself ([] for an unknown code)."""
        return self._query(
            "WITH RECURSIVE up(code, name, parent, depth) AS ("
            "  SELECT code, name, parent_code, 0 FROM regions WHERE code = ? "
            "  UNION ALL SELECT r.code, r.name, r.parent_code, depth + 1 FROM regions r JOIN up ON r.code = up.parent) "
            "SELECT code, name FROM up ORDER BY depth DESC",
            (code,),
        )

    def region_path(self, code: str) -> str:
        """The region's name after its ancestors', e.g. 内蒙古自治区包头市 ("" for an unknown code)."""
        return "".join(name for _code, name in self._ancestry(code))

    def regions(self) -> list[tuple[str, str]]:
        """Every region of the GB/T 2260 list as (code, name after its ancestors' names), in code order: what a
        region picker offers."""
        rows = self._query("SELECT code, name, parent_code FROM regions ORDER BY code")
        names = {code: (name, parent) for code, name, parent in rows}

        def path(code: str | None) -> str:
            return "" if code is None or code not in names else path(names[code][1]) + names[code][0]

        return [(code, path(code)) for code, _name, _parent in rows]

    def region_ancestors(self, code: str) -> list[str]:
        """The codes from the province down to the region itself ([] for an unknown code)."""
        return [c for c, _name in self._ancestry(code)]

    def current_plans(self, region_code: str) -> list[int]:
        """Ids of the region's own current plans, newest first."""
        rows = self._query(
            "SELECT id FROM documents WHERE region_code = ? AND superseded_by IS NULL ORDER BY date DESC, id DESC",
            (region_code,),
        )
        return [r[0] for r in rows]

    def region_name(self, code: str) -> str:
        rows = self._query("SELECT name FROM regions WHERE code = ?", (code,))
        return rows[0][0] if rows else ""

    def region_and_below(self, code: str) -> tuple[str, ...]:
        """The region's code and those of all regions under it."""
        rows = self._query(
            "WITH RECURSIVE down(code) AS (SELECT ? UNION SELECT r.code FROM regions r "
            "JOIN down ON r.parent_code = down.code) SELECT code FROM down ORDER BY code",
            (code,),
        )
        return tuple(r[0] for r in rows)

    def region_node(self, code: str) -> RegionNode | None:
        """The node of a region in region_tree(complete=True) (None: no plan in its province)."""
        return next((n for n in walk(self.region_tree(complete=True)) if n.code == code), None)

    def governing(self, code: str) -> tuple[tuple[str, ...], bool]:
        """The regions whose plans apply to a region, and whether they are a region above it: its own plan (or,
        for a region without one, its regions below that have plans: shown_regions), else the plan of the nearest
        region above it that has one (a county through its city's, or its province's). ((), False): none."""
        node = self.region_node(code)
        own = shown_regions(node) if node is not None else ()
        if own:
            return own, False
        for above in reversed(self.region_ancestors(code)[:-1]):
            if self.current_plans(above):
                return (above,), True
        return (), False

    def perspective(self, code: str, governing_code: str) -> Perspective:
        """How a region reads the plan of a region above it. The plan's lower level is the region itself only when
        that plan governs it directly (a city's plan for its county); a province's plan read by a county speaks of
        the county's city (盟市), whose name then stands for the lower level."""
        ancestry = self._ancestry(code)
        codes = [c for c, _name in ancestry]
        names = dict(ancestry)
        between = codes[codes.index(governing_code) + 1 : -1] if governing_code in codes else []
        lower = names[between[0]] if between else ""
        return Perspective(names.get(code, ""), names.get(governing_code, ""), lower)

    def province_name(self, code: str) -> str:
        ancestry = self._ancestry(code)
        return ancestry[0][1] if ancestry else ""

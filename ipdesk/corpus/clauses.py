"""Division sections → clauses: one per assignment statement, with the sentences that elaborate it.

An assignment statement says that some matters are confirmed as (确认为) a level's fiscal authority
(财政事权) and who bears the expenditure (承担支出责任); the residual statement says that matters not
listed are decided later (其他未列事项……具体确定). Sentences after a statement that only explain it
(其中……; X职能部门及所属机构承担的事项……; 由……办理的登记，由……承担支出责任) belong to it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Clause

#: Section headings that never hold division clauses, although they talk about 支出责任 too.
_NON_DIVISION_ENDINGS = (
    "总体要求",
    "具体要求",
    "工作要求",
    "实施要求",
    "有关要求",
    "保障措施",
    "配套措施",
    "工作措施",
    "组织保障",
    "组织实施",
    "指导思想",
    "基本原则",
    "工作原则",
    "划分原则",
    "改革目标",
    "工作目标",
    "主要目标",
    "附则",
)

ASSIGN = re.compile(
    r"(?P<how>(?:按照?|根据)(?:隶属关系|属地原则|属地)(?:分别)?|分别)?"
    r"(?:确认为|明确为|确定为|界定为|划分为|划为|列为|作为)"
    r"(?P<label>[^，。；]{1,40}?事权(?:或[^，。；]{1,30}?事权)?)"
)
_RESIDUAL = re.compile(r"(?:未列|其他未明确|另行).{0,40}?确定|具体确定财政事权")
_SENTENCE = re.compile(r"[^。！？]*(?:[。！？][”’」』]?|$)")
_MODIFIER = re.compile(r"^(?:按照?|根据|依据|分别|由|相关)")
_ANAPHORIC = re.compile(r"(?:职能部门|所属机构|部门).{0,12}?(?:承担|办理)的(?:事项|登记|备案)$")


def is_division_heading(title: str) -> bool:
    return not title.endswith(_NON_DIVISION_ENDINGS)


@dataclass
class Segment:
    """A sentence of a division section, located in the document's full text."""

    text: str
    start: int
    end: int
    complete: bool  # ends with sentence-final punctuation
    sentence_start: bool = True  # False for the second statement of a sentence split at ；将…确认为


def segments(paragraph: str, offset: int) -> list[Segment]:
    """Split a paragraph into sentences (also at ；将…确认为, a second statement inside a sentence)."""
    result = []
    for m in _SENTENCE.finditer(paragraph):
        if not m.group().strip():
            continue
        pieces = [(m.start(), m.end())]
        for split in re.finditer(r"；(?=将[^。]*?确认为)", m.group()):
            s, _ = pieces.pop()
            cut = m.start() + split.end()
            pieces += [(s, cut), (cut, m.end())]
        for n, (s, e) in enumerate(pieces):
            text = paragraph[s:e]
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            if text:
                result.append(
                    Segment(
                        text,
                        offset + s + lead,
                        offset + s + lead + len(text),
                        text.endswith(("。", "！", "？", "；", "”")),
                        n == 0,
                    )
                )
    return result


def kind_of(segment: str, has_open_clause: bool) -> str:
    """statement | residual | elaboration | other."""
    assign = ASSIGN.search(segment)
    if not assign and _RESIDUAL.search(segment):
        return "residual"
    if has_open_clause and not segment.startswith("将"):
        if not assign and re.search(r"承担|支出责任|事权", segment):
            return "elaboration"
        if assign:
            matter = segment[: assign.start()].rstrip("，,")
            if segment.startswith(("其中", "具体")) or _ANAPHORIC.search(matter):
                return "elaboration"
    if assign:
        return "statement"
    return "other"


#: What a news report or an explanatory note puts before the statement: 在X方面，《实施方案》将……
_INLINE_LEAD = re.compile(r"^.*?(?:方面|》|明确|提出|规定)[，,：:]?\s*(?:[^，。；]{0,12}?将)")
_INLINE_CATEGORY = re.compile(r"(?:^|[，。；])\s*(?:在|关于|对于)?(?P<cat>[^，。；：《》]{2,20}?)方面[，,：:]")


def inline_category(segment: str) -> str:
    """The category a statement outside heading lines names: "在知识产权宏观管理方面，……" → 知识产权宏观管理方面."""
    m = _INLINE_CATEGORY.search(segment)
    assign = ASSIGN.search(segment)
    if m and (not assign or m.start() < assign.start()):
        return m.group("cat") + "方面"
    return ""


def is_principle(segment: Segment) -> bool:
    """A general principle ("原则上将受益范围覆盖全市的……事务确认为市级财政事权"), not a matter's assignment."""
    assign = ASSIGN.search(segment.text)
    head = segment.text[: assign.start()] if assign else segment.text
    if not re.search(r"事权|支出责任", segment.text):
        return False
    general = "受益范围" in head and head.rstrip("，, ").endswith(("事务", "事项"))  # 将受益范围覆盖全省的……事务
    return segment.text.startswith("原则上") or general


def matters_of(segment: str) -> list[str]:
    """The matters a statement names: split at ，/； before 确认为; 、 stays inside one matter."""
    assign = ASSIGN.search(segment)
    head = segment[: assign.start()] if assign else segment.split("，")[0]
    if not head.startswith("将") and (lead := _INLINE_LEAD.match(head)):
        head = head[lead.end() :]  # 在……方面，《实施方案》将 …
    head = head.removeprefix("将")
    result = []
    for piece in re.split(r"[，；]", head):
        piece = piece.strip()
        if not piece or _MODIFIER.match(piece):
            continue
        piece = re.sub(r"(?:等相关事项|等有关事项|等事项|等)$", "", piece).strip()
        if piece:
            result.append(piece)
    return result


_PARENTHESES = re.compile(r"（[^（）]*）|\([^()]*\)")


def _strip_parentheses(name: str) -> str:
    """县（市、区） → 县, 市（州） → 市: what the brackets list are kinds of the same level."""
    return _PARENTHESES.sub("", name)


def _base(name: str) -> str:
    name = _strip_parentheses(name)
    for suffix in ("本级", "级", "层面"):
        name = name.removesuffix(suffix)
    return name


#: Administrative rank of a level name (smaller is higher): orders two level names a plan uses.
_RANKS = (
    ("中央", 0),
    ("国家", 0),
    ("自治区", 1),
    ("直辖市", 1),
    ("省", 1),
    ("地区", 2),
    ("市", 2),
    ("州", 2),
    ("盟", 2),
    ("县", 3),
    ("旗", 3),
    ("区", 3),
    ("乡", 4),
    ("镇", 4),
    ("街道", 4),
)


def rank(name: str) -> int | None:
    """0 中央 … 4 乡镇; the highest rank a name contains (自治区级 → 1, 旗县区 → 3, 盟市 → 2), None if none."""
    found = []
    for word, value in _RANKS:
        if word in name:
            found.append(value)
            name = name.replace(word, "")
    return min(found) if found else None


class LevelNames:
    """The upper and lower level as the plan names them, and classification of a holder name.

    below: the plan divides "X以下" (the title names only the upper level), so every holder that is not
    the upper level is the lower one.
    """

    def __init__(self, upper: str, lower: str, below: bool = False):
        self.upper, self.lower, self.below = upper, lower, below

    def side(self, holder: str, loose: bool = True) -> str | None:
        holder = _base(holder.removesuffix("财政事权").removesuffix("事权").removesuffix("财政"))
        up, low = _base(self.upper), _base(self.lower)
        if not holder:
            return None
        exact = {up: "upper", low: "lower"}
        if exact.get(holder):
            return exact[holder]
        if not loose:  # exact names only, and for "X以下" every name that is not X
            below = self.below and up and not low and not (holder.startswith(up) or up.startswith(holder))
            return "lower" if below else None
        if up and not low and self.below:
            return "lower"  # "市以下": everything that is not the upper level is below it
        # 市、县 or 县 in a plan of 省 and 市县: a name made of parts of one level's name only
        chars = set(holder.replace("、", ""))
        inside = [side for name, side in ((up, "upper"), (low, "lower")) if name and chars <= set(name)]
        return inside[0] if len(inside) == 1 else None

    def sides(self, label: str) -> set[str]:
        """The levels a label names: "市本级财政事权或旗县区财政事权" → {upper, lower}; unknown names left out."""
        label = _strip_parentheses(label).removesuffix("财政事权").removesuffix("事权").replace("共同", "")
        parts = [p.removesuffix("财政事权").removesuffix("事权") for p in re.split(r"[与和、或及]", label)]
        return {side for p in parts if (side := self.side(p))}


def _names_both(label: str) -> bool:
    label = _strip_parentheses(label)
    return bool(re.search(r"[、与和或及]", label.removesuffix("财政事权")))


def classify(segment: str, names: LevelNames) -> tuple[str, str, str, str]:
    """(level, level_label, expenditure, expenditure_label) of a statement's first sentence."""
    assign = ASSIGN.search(segment)
    if not assign:
        return "residual", _residual_label(segment), "residual", ""
    label = assign.group("label")
    how = assign.group("how") or ""
    tail = segment[assign.end() :]
    pay_parts = [p for p in re.split(r"[，；。]", tail) if "支出责任" in p]
    pay = pay_parts[0].strip() if pay_parts else ""
    both = _names_both(label) and len(names.sides(label)) != 1  # 市、县 of a 省与市县 plan is one level
    if "共同" in label:
        level = "shared"
    elif "隶属" in how or (both and "隶属" in tail):
        level = "affiliation"
    elif "属地" in how or (both and "属地" in tail):
        level = "territory"
    elif both:
        level = "shared"
    else:
        level = names.side(label) or "unknown"  # never a guess: the parser reports it as a warning
    return level, label, _expenditure_level(pay, names), pay


def _expenditure_level(pay: str, names: LevelNames) -> str:
    if not pay:
        return ""
    if "隶属" in pay or "同级财政" in pay:
        return "affiliation"
    if "属地" in pay:
        return "territory"
    if "共同" in pay or "分别" in pay or "分担" in pay:
        return "shared"
    m = re.search(r"由(.+?)(?:财政)?(?:分别|共同)?承担", pay)
    if not m:
        return "unknown"
    # 由中央财政和地方财政区分不同情况承担: every payer named, without what follows its name
    parts = [
        re.split(r"财政|按|根据|区分|各自|各级", p)[0]
        for p in re.split(r"[与和、或及]", _strip_parentheses(m.group(1)))
    ]
    payers = {names.side(p) for p in parts if p}
    if not payers or None in payers:
        return "unknown"
    return "shared" if len(payers) == 2 else payers.pop()


def _residual_label(segment: str) -> str:
    m = re.search(r"[^，。；]*确定[^，。；]*", segment)
    return m.group().strip() if m else "另行确定"


def holder_names(segments_: list[str]) -> list[str]:
    """Holder names of single-level statements, in document order (e.g. 市本级, 旗县区)."""
    holders = []
    for seg in segments_:
        m = ASSIGN.search(seg)
        if m and not m.group("how") and "共同" not in m.group("label") and not _names_both(m.group("label")):
            holders.append(m.group("label").removesuffix("财政事权").removesuffix("事权"))
    return holders


def pair_names(segments_: list[str]) -> list[tuple[str, str]]:
    """(first, second) names of two-level statements: 市与县区共同财政事权, 市本级财政事权或旗县区财政事权."""
    pairs = []
    for seg in segments_:
        m = ASSIGN.search(seg)
        if not m or not _names_both(m.group("label")):
            continue
        label = m.group("label").removesuffix("财政事权").removesuffix("事权").replace("共同", "")
        parts = [
            p.removesuffix("财政事权").removesuffix("事权").removesuffix("财政")
            for p in re.split(r"[与和、或及]", label)
        ]
        parts = [p for p in parts if p]
        if len(parts) == 2:
            pairs.append((parts[0], parts[1]))
    return pairs


def _most_common(names_: list[str], fallback: str) -> str:
    if not names_:
        return fallback
    counts = Counter(names_)
    top = max(counts.values())
    return next(n for n in names_ if counts[n] == top)


def level_names(
    title_upper: str, title_lower: str, statements: list[str], below: bool = False
) -> tuple[LevelNames, str]:
    """The plan's two level names and where they came from ("title" or "statements").

    The title's names are refined by the names the statements use. When the title names no levels, or
    names levels that most single-level statements do not use (a copy without its own title that took a
    cited plan's), the holders named in "确认为X财政事权" are the plan's own level names.
    """
    holders = holder_names(statements)
    if title_upper:
        first = LevelNames(title_upper, title_lower, below)
        placed = [h for h in holders if first.side(h)]
        if len(placed) * 2 >= len(holders):
            # refined only by the title's own names (市 → 市级, 市本级), not by a part of one (市县 → 市（州）)
            upper_names = [h for h in holders if first.side(h, loose=False) == "upper"]
            lower_names = [h for h in holders if first.side(h, loose=False) == "lower"]
            upper = _most_common(upper_names, first.upper)
            lower = _most_common(lower_names, first.lower)
            return LevelNames(upper, lower, below and not lower), "title"
    return _names_from_statements(holders, pair_names(statements)), "statements"


def _names_from_statements(holders: list[str], pairs: list[tuple[str, str]]) -> LevelNames:
    """The two most used holder names (names that differ only by 级/本级 counted together), higher rank first."""
    clusters: dict[str, list[str]] = {}
    for name in holders + [n for pair in pairs for n in pair]:
        base = _base(name)
        key = next(
            (k for k in clusters if k == base or (k and base and (k.startswith(base) or base.startswith(k)))), base
        )
        clusters.setdefault(key, []).append(name)
    if not clusters:
        return LevelNames("", "")
    single = Counter(_base(h) for h in holders)
    ordered = sorted(clusters, key=lambda k: -(len(clusters[k]) + sum(single[_base(n)] for n in set(clusters[k]))))
    keys = ordered[:2]
    chosen = [_most_common([h for h in holders if h in clusters[k]] or clusters[k], "") for k in keys]
    if len(chosen) == 1:
        return LevelNames("", "")  # one name only: which of the two levels it is cannot be told
    a, b = chosen
    ra, rb = rank(a), rank(b)
    if ra is not None and rb is not None and ra != rb:
        return LevelNames(a, b) if ra < rb else LevelNames(b, a)
    for first, second in pairs:  # "X与Y共同": the higher level is named first
        names = LevelNames(a, b)
        if names.side(first) == "lower" and names.side(second) == "upper":
            return LevelNames(b, a)
        if names.side(first) == "upper":
            return names
    return LevelNames(a, b)  # the order of first appearance


def build_clause(
    parts: list[Segment], full_text: str, category: str, heading: str, place: str, names: LevelNames
) -> Clause:
    first = parts[0].text
    level, label, expenditure, pay = classify(first, names)
    start, end = parts[0].start, parts[-1].end
    return Clause(
        category=category,
        category_heading=heading,
        place=place,
        level=level,
        level_label=label,
        expenditure=expenditure,
        expenditure_label=pay,
        text=full_text[start:end],
        matters=matters_of(first),
        start=start,
        end=end,
    )

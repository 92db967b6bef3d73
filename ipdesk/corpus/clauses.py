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

_ASSIGN = re.compile(
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
        for s, e in pieces:
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
                    )
                )
    return result


def kind_of(segment: str, has_open_clause: bool) -> str:
    """statement | residual | elaboration | other."""
    assign = _ASSIGN.search(segment)
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


def matters_of(segment: str) -> list[str]:
    """The matters a statement names: split at ，/； before 确认为; 、 stays inside one matter."""
    assign = _ASSIGN.search(segment)
    head = segment[: assign.start()] if assign else segment.split("，")[0]
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


def _base(name: str) -> str:
    for suffix in ("本级", "级", "层面"):
        name = name.removesuffix(suffix)
    return name


class LevelNames:
    """The upper and lower level as the plan names them, and classification of a holder name."""

    def __init__(self, upper: str, lower: str):
        self.upper, self.lower = upper, lower

    def side(self, holder: str) -> str | None:
        holder = _base(holder.removesuffix("财政事权").removesuffix("事权").removesuffix("财政"))
        up, low = _base(self.upper), _base(self.lower)
        if not holder:
            return None
        exact = {up: "upper", low: "lower"}
        if exact.get(holder):
            return exact[holder]
        for name, side in sorted(((up, "upper"), (low, "lower")), key=lambda x: -len(x[0])):
            if name and (holder.startswith(name) or name.startswith(holder)):
                return side
        if up and not low:
            return "lower"  # "市以下": everything that is not the upper level is below it
        return None


def _names_both(label: str) -> bool:
    return bool(re.search(r"[、与和或及]", label.removesuffix("财政事权")))


def classify(segment: str, names: LevelNames) -> tuple[str, str, str, str]:
    """(level, level_label, expenditure, expenditure_label) of a statement's first sentence."""
    assign = _ASSIGN.search(segment)
    if not assign:
        return "residual", _residual_label(segment), "residual", ""
    label = assign.group("label")
    how = assign.group("how") or ""
    tail = segment[assign.end() :]
    pay_parts = [p for p in re.split(r"[，；。]", tail) if "支出责任" in p]
    pay = pay_parts[0].strip() if pay_parts else ""
    both = _names_both(label)
    if "共同" in label:
        level = "shared"
    elif "隶属" in how or (both and "隶属" in tail):
        level = "affiliation"
    elif "属地" in how or (both and "属地" in tail):
        level = "territory"
    elif both:
        level = "shared"
    else:
        level = names.side(label) or "upper"
    return level, label, _expenditure_level(pay, names), pay


def _expenditure_level(pay: str, names: LevelNames) -> str:
    if not pay:
        return ""
    if "隶属" in pay or "同级财政" in pay:
        return "affiliation"
    if "属地" in pay:
        return "territory"
    if "共同" in pay or "分别" in pay:
        return "shared"
    m = re.search(r"由(.+?)(?:财政)?(?:分别|共同)?承担", pay)
    return (names.side(m.group(1)) if m else None) or ""


def _residual_label(segment: str) -> str:
    m = re.search(r"[^，。；]*确定[^，。；]*", segment)
    return m.group().strip() if m else "另行确定"


def holder_names(segments_: list[str]) -> list[str]:
    """Holder names of single-level statements, in document order (e.g. 市本级, 旗县区)."""
    holders = []
    for seg in segments_:
        m = _ASSIGN.search(seg)
        if m and not m.group("how") and "共同" not in m.group("label") and not _names_both(m.group("label")):
            holders.append(m.group("label").removesuffix("财政事权").removesuffix("事权"))
    return holders


def level_names(title_upper: str, title_lower: str, statements: list[str]) -> LevelNames:
    """Refine the levels named in the title by the names the statements themselves use."""
    holders = holder_names(statements)
    first = LevelNames(title_upper, title_lower)
    if not title_upper and holders:
        first = LevelNames(holders[0], "")
    upper_names = [h for h in holders if first.side(h) == "upper"]
    lower_names = [h for h in holders if first.side(h) == "lower"]

    def most_common(names_: list[str], fallback: str) -> str:
        if not names_:
            return fallback
        counts = Counter(names_)
        top = max(counts.values())
        return next(n for n in names_ if counts[n] == top)

    return LevelNames(most_common(upper_names, first.upper), most_common(lower_names, first.lower))


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

"""A matter with the level words removed (no Qt): what the comparison matrix aligns rows on and the chain matches
clauses of the plans above on. "全市性知识产权保护体系建设", "自治区级知识产权保护体系建设" and
"旗县区知识产权保护体系建设" are all "知识产权保护体系建设"."""

from __future__ import annotations

import re

#: Two levels named together ("市、县区", "县（市、区）"): removed before the plan's own level names.
_LEVEL_PAIRS = re.compile(r"本?(?:市、县区|市、县|县（市、区）|市（州）|县市区|旗县区|县区级)")
#: Words that name a level or a whole territory inside a matter ("全市性", "旗县区", "自治区级", "本地区" …).
_LEVEL_WORDS = re.compile(
    r"全(?:自治区|市|区|省|州|盟|县|旗|国)性?"
    r"|本(?:旗县区|县区|地区|市|区|省|州|县|旗|级)"
    r"|(?:自治区|旗县区|县市区|县区|市|县|区|旗|盟|省|州)级"
    r"|自治区|盟市|旗县区|县市区|市、县区|县（市、区）|市（州）|县区|市县|各地|地方"
)
_NOISE = re.compile(r"[\s、，,。；;：:（）()“”\"]")


def matter_key(matter: str, upper: str = "", lower: str = "") -> str:
    """The matter with the plan's level names and the generic level words removed: the alignment key."""
    text = _LEVEL_PAIRS.sub("", matter)
    for name in sorted((n for n in (upper, lower) if n), key=len, reverse=True):
        text = text.replace(name + "级", "").replace(name, "")  # 市本级, 县区 and 县区级 …
        bare = name.removesuffix("级")  # a plan of 市级 and 县区 also writes "市涉外……" (not "市场……")
        if bare != name and text.startswith(bare) and not text.startswith(bare + "场"):
            text = text[len(bare) :]
    text = _LEVEL_WORDS.sub("", text)
    return _NOISE.sub("", text) or matter

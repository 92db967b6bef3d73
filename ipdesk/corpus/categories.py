"""Matter categories: the standard names, matched even through a typo in the source."""

from __future__ import annotations

#: The seven categories of the 知识产权 plans, in the standard order.
STANDARD_CATEGORIES = (
    "知识产权宏观管理",
    "知识产权授权确权",
    "知识产权运用促进",
    "知识产权保护",
    "知识产权公共服务",
    "知识产权涉外工作",
    "知识产权领域其他事项",
)


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _tolerance(name: str) -> int:
    return 2 if len(name) >= 9 else 1 if len(name) >= 5 else 0


def canonical_category(heading: str) -> str:
    """The standard name a heading stands for, or the heading itself when it is none of them."""
    if heading in STANDARD_CATEGORIES:
        return heading
    if heading.endswith("方面") and (name := canonical_category(heading.removesuffix("方面"))) in STANDARD_CATEGORIES:
        return name  # 在知识产权保护方面 (a news report), （四）知识产权保护方面
    best, best_distance = heading, None
    for name in STANDARD_CATEGORIES:
        tolerance = _tolerance(name)
        d = _distance(heading, name, tolerance)
        if d <= tolerance and (best_distance is None or d < best_distance):
            best, best_distance = name, d
    return best


def category_prefix(text: str) -> str | None:
    """If text starts with a standard category name (typos tolerated), return that prefix of text."""
    for name in STANDARD_CATEGORIES:
        for length in (len(name), len(name) - 1, len(name) + 1):
            if 0 < length <= len(text) and canonical_category(text[:length]) == name:
                return text[:length]
    return None


def category_order(name: str) -> int:
    """Sort key: the standard order first, then others (by name) after them."""
    try:
        return STANDARD_CATEGORIES.index(name) + 1
    except ValueError:
        return 100

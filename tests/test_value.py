"""ipdesk.value.Value: what the window's small values (Selection, Shown, TableView …) relied on dataclasses for."""

from __future__ import annotations

from typing import ClassVar

import pytest

from ipdesk.store.selection import EVERYTHING, Selection
from ipdesk.value import Value


class Pair(Value):
    _fields = ("left", "right", "note")
    __slots__ = _fields
    _defaults: ClassVar[dict[str, object]] = {"note": ""}


def test_fields_by_position_keyword_and_default():
    assert (Pair(1, 2).left, Pair(1, 2).right, Pair(1, 2).note) == (1, 2, "")
    assert Pair(1, right=2, note="x") == Pair(1, 2, "x")
    with pytest.raises(TypeError):
        Pair(1)  # right has no default
    with pytest.raises(TypeError):
        Pair(1, 2, "x", 4)
    with pytest.raises(TypeError):
        Pair(1, 2, left=3)
    with pytest.raises(TypeError):
        Pair(1, 2, colour="red")


def test_equal_hashable_immutable_and_replaced():
    a = Pair(1, (2, 3))
    assert a == Pair(1, (2, 3)) and hash(a) == hash(Pair(1, (2, 3))) and a != Pair(1, (2, 4))
    assert a != (1, (2, 3), "") and {a: "x"}[Pair(1, (2, 3))] == "x"
    with pytest.raises(AttributeError):
        a.left = 5
    with pytest.raises(AttributeError):
        del a.left
    assert not hasattr(a, "__dict__")
    b = a.replace(note="n")
    assert (b, a) == (Pair(1, (2, 3), "n"), Pair(1, (2, 3)))
    assert repr(b) == "Pair(left=1, right=(2, 3), note='n')"


def test_selection_is_normalised_and_compares_by_value():
    s = Selection(["150200", "150100", "150200"], 3, "", {"lower"})
    assert s.regions == ("150100", "150200") and s.matter is None and s.levels == frozenset({"lower"})
    assert s == Selection(("150100", "150200"), 3, None, frozenset({"lower"})) and Selection() == EVERYTHING
    assert s.with_levels(None) == Selection(("150100", "150200"), 3)
    assert s.replace(regions=["150300", "150300"]).regions == ("150300",)  # normalised again
    assert len({s, s.with_levels({"lower"}), EVERYTHING}) == 2

"""Small immutable values without dataclasses (no Qt).

The window makes seven such classes at start-up (Selection, Shown, TableView …). @dataclass writes the methods of
each class as source and exec()s it, ≈ 0.8 ms a class, and importing dataclasses costs ≈ 2 ms more of every start
(docs/performance.md, "Packaging"). Value gives the same behaviour from one base class: the fields are the class's
``_fields`` (also its ``__slots__``), in order, with defaults in ``_defaults``; a value cannot be changed once made,
equals another of its class with equal fields, hashes when its fields do, and ``replace(**changes)`` makes a changed
copy.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self


class Value:
    #: The fields in order; a subclass sets ``__slots__ = _fields``.
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        names = cls._fields
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__} takes at most {len(names)} fields ({len(args)} given)")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in names or name in values:
                raise TypeError(f"{cls.__name__}: unknown or repeated field {name!r}")
            values[name] = value
        for name in names:
            if name not in values:
                if name not in cls._defaults:
                    raise TypeError(f"{cls.__name__}: field {name!r} missing")
                values[name] = cls._defaults[name]
            object.__setattr__(self, name, values[name])
        self._normalize()

    def _normalize(self) -> None:
        """Put the fields in their canonical form (with object.__setattr__) once they are set; nothing by default."""

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in type(self)._fields)

    def replace(self, **changes: Any) -> Self:
        """A copy with these fields changed."""
        return type(self)(**{**dict(zip(type(self)._fields, self._values(), strict=True)), **changes})

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self)._fields)
        return f"{type(self).__name__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed (use replace)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed (use replace)")

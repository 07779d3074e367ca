"""Plain value classes: the base of the AST's nodes and of diagnostics.

The tree of a spec is millions of small objects, and every `speclint check`
builds one, so its classes are slotted dataclasses (`@dataclass(slots=True,
kw_only=True)`) rather than validating models: a node costs its slots and no
more, building one is a plain `__init__`, and importing them loads no
validation library. Values come from speclint's own front ends, never from
a user, so nothing needs validating. (Configuration files, which do come
from users, are validated with pydantic in `specdsl.workspace.settings`.)

Subclasses are declared with `plain_class` (or `plain_class(frozen=True)`).
`Plain` gives every such class what the faces and tests use: `to_dict()`
(nested dictionaries; `mode="json"` turns spans into lists and severities
into strings), `replace(**changes)` (a shallow copy with some fields
changed) and `make(**fields)` (the front ends' name for the constructor).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import fields as _dataclass_fields
from enum import Enum
from typing import Any, Self

#: The field names of each plain class, in declaration order (base fields first).
_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(cls: type) -> tuple[str, ...]:
    """The names of the fields of the plain class `cls`, in declaration order."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in _dataclass_fields(cls))
    return names


class Plain:
    """Base of speclint's plain value classes (see the module docstring)."""

    __slots__ = ()

    # Equality and `repr` are written once here rather than generated for each
    # class by `dataclass` (`eq=False, repr=False` below): the generated ones
    # cost a fraction of a millisecond per class at every start.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in field_names(type(self)))

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq is

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in field_names(type(self)))
        return f"{type(self).__name__}({fields})"

    @classmethod
    def make(cls, **fields: Any) -> Self:
        """Build an instance from values that are already of the right types."""
        return cls(**fields)

    def field_items(self) -> list[tuple[str, Any]]:
        """(name, value) of every field, in declaration order."""
        return [(name, getattr(self, name)) for name in field_names(type(self))]

    def field_values(self) -> list[Any]:
        """The value of every field, in declaration order."""
        return [getattr(self, name) for name in field_names(type(self))]

    def replace(self, **changes: Any) -> Self:
        """A shallow copy with the fields named in `changes` set to new values."""
        values = {name: getattr(self, name) for name in field_names(type(self))}
        values.update(changes)
        return type(self)(**values)

    def to_dict(self, mode: str = "python", exclude: frozenset[str] | set[str] = frozenset()) -> dict[str, Any]:
        """The fields as nested dictionaries and lists (`exclude`: top-level fields left out).

        `mode="json"` gives only JSON values: spans become lists of six
        integers and enumerations their values."""
        as_json = mode == "json"
        return {
            name: _plain(getattr(self, name), as_json)
            for name in field_names(type(self))
            if name not in exclude
        }


def plain_class(cls: type | None = None, /, *, frozen: bool = False):
    """Make `cls` (a subclass of `Plain` with annotated fields) a slotted,
    keyword-only dataclass; `frozen`: its fields cannot be set, and it hashes
    by its fields."""

    def wrap(cls: type) -> type:
        made = dataclass(cls, slots=True, kw_only=True, frozen=frozen, eq=False, repr=False)
        if frozen:
            made.__hash__ = _field_hash
        return made

    return wrap if cls is None else wrap(cls)


def _field_hash(self: Plain) -> int:
    return hash((type(self), *(getattr(self, name) for name in field_names(type(self)))))


def _plain(value: Any, as_json: bool) -> Any:
    """`value` with plain objects turned into dictionaries (see `Plain.to_dict`)."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, Plain):
        return {name: _plain(getattr(value, name), as_json) for name in field_names(type(value))}
    if isinstance(value, list):
        return [_plain(v, as_json) for v in value]
    if isinstance(value, Enum):
        return value.value if as_json else value
    if isinstance(value, tuple):
        return [_plain(v, True) for v in value] if as_json else value  # a span: immutable, kept as it is
    if isinstance(value, dict):
        return {k: _plain(v, as_json) for k, v in value.items()}
    return value

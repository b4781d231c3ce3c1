"""Edits as JSON, for the outbox of a team project's edits waiting for the server (services/team_session.py).

Only the value types of ``domain.edits`` and ``domain.model`` are read back (by class name, from those two
modules); anything else in the text is refused, so a damaged or foreign file cannot make other objects.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from workbench.domain import edits as _edits
from workbench.domain import model as _model

_MODULES = (_edits, _model)


class EditDecodeError(ValueError):
    """The text does not hold edits this version knows."""


def to_jsonable(value: Any) -> Any:
    """An edit (or any value inside one) as JSON-ready lists and dicts."""
    if value is _edits.UNSET:
        return {"~": "UNSET"}
    if isinstance(value, enum.Enum):
        return {"~enum": type(value).__name__, "v": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"~": type(value).__name__,
                **{f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, (tuple, list)):
        return {"~tuple": [to_jsonable(v) for v in value]} if isinstance(value, tuple) else [
            to_jsonable(v) for v in value]
    if isinstance(value, frozenset):
        return {"~frozenset": sorted(to_jsonable(v) for v in value)}
    if isinstance(value, dict):
        return {"~dict": [[to_jsonable(k), to_jsonable(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in an edit")


def from_jsonable(data: Any) -> Any:
    """The value ``to_jsonable`` wrote; EditDecodeError for anything it would not have written."""
    if isinstance(data, list):
        return [from_jsonable(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "~tuple" in data:
        return tuple(from_jsonable(v) for v in data["~tuple"])
    if "~frozenset" in data:
        return frozenset(from_jsonable(v) for v in data["~frozenset"])
    if "~dict" in data:
        return {from_jsonable(k): from_jsonable(v) for k, v in data["~dict"]}
    if "~enum" in data:
        cls = _known(data["~enum"])
        if not issubclass(cls, enum.Enum):
            raise EditDecodeError(f"{data['~enum']} is not an enumeration")
        return cls(data["v"])
    name = data.get("~")
    if name == "UNSET":
        return _edits.UNSET
    cls = _known(name)
    if not dataclasses.is_dataclass(cls):
        raise EditDecodeError(f"{name} is not a value type")
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: from_jsonable(v) for k, v in data.items() if k != "~"}
    if not set(values) <= names:
        raise EditDecodeError(f"{name} has no field {sorted(set(values) - names)[0]}")
    return cls(**values)


def _known(name: Any) -> type:
    for module in _MODULES:
        cls = getattr(module, name, None) if isinstance(name, str) and not name.startswith("_") else None
        if isinstance(cls, type) and cls.__module__ == module.__name__:
            return cls
    raise EditDecodeError(f"unknown value type {name!r}")

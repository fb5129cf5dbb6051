"""Brief ↔ JSON. The dict is derived from the dataclasses field by field, so a field added to
``model.py`` appears in the JSON without changes here; names are the dataclass field names, which
are the documented contract (README, "The JSON brief") and are never renamed.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from typing import Any, Mapping

from ..errors import InputError
from ..model import Brief
from .sections import summary_words

# Bump when a field's meaning changes incompatibly; adding fields does not need a bump.
SCHEMA_VERSION = 1
# ``Brief.texts`` holds whole article texts: too big and too sensitive (copyright) for the brief;
# ``Brief.removed`` only makes sense next to them.
_NOT_SERIALISED = {(Brief, "texts"), (Brief, "removed")}
_SOURCE = "JSON brief"


def to_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    data = _encode(brief)
    data["words"] = summary_words(brief)
    data["version"] = SCHEMA_VERSION
    return data


def brief_from_dict(data: Mapping[str, Any], *, texts: Mapping[str, str] | None = None) -> Brief:
    """Rebuild a Brief from ``brief_to_dict`` output. ``texts`` (article id → text) is attached
    as ``Brief.texts`` when given, since the JSON does not carry article texts."""
    if not isinstance(data, Mapping):
        raise InputError(_SOURCE, f"expected a JSON object, got {type(data).__name__}")
    brief = _decode(Brief, data, "brief")
    return dataclasses.replace(brief, texts=dict(texts or {}))


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)
                if (type(value), f.name) not in _NOT_SERIALISED}
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _decode(hint: Any, value: Any, where: str) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        options = [arg for arg in args if arg is not type(None)]
        return _decode(options[0], value, where) if len(options) == 1 else value
    if origin is typing.Literal:
        if value not in args:
            raise InputError(_SOURCE, f"{where} must be one of {', '.join(map(str, args))}, got {value!r}")
        return value
    if dataclasses.is_dataclass(hint):
        return _decode_dataclass(hint, value, where)
    if origin in (tuple, list):
        if not isinstance(value, list):
            raise InputError(_SOURCE, f"{where} must be a list, got {type(value).__name__}")
        return origin(_decode(args[0], item, f"{where}[{i}]") for i, item in enumerate(value))
    if origin is dict:
        return dict(value) if isinstance(value, Mapping) else _wrong(where, "an object", value)
    if hint in (datetime, date):
        try:
            return hint.fromisoformat(value)
        except (TypeError, ValueError):
            raise InputError(_SOURCE, f"{where} must be an ISO 8601 date, got {value!r}") from None
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, float, bool) and not (isinstance(value, hint) and
                                                 (hint is bool or not isinstance(value, bool))):
        return _wrong(where, hint.__name__, value)
    return value


def _decode_dataclass(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, Mapping):
        return _wrong(where, "an object", value)
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if (cls, f.name) in _NOT_SERIALISED or not f.init:
            continue
        if f.name in value:
            kwargs[f.name] = _decode(hints[f.name], value[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise InputError(_SOURCE, f"{where} is missing the field {f.name!r}")
    return cls(**kwargs)


def _wrong(where: str, expected: str, value: Any) -> Any:
    raise InputError(_SOURCE, f"{where} must be {expected}, got {type(value).__name__} {value!r:.40}")

"""Decisions as Python objects: the library's JSON, read with attribute access."""
from __future__ import annotations

import json
from typing import Any, Dict, Iterator


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return Record(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


class Record:
    """A JSON object read by attribute (``r.minor``) or by key (``r["minor"]``)."""

    __slots__ = ("_data",)

    def __init__(self, data: Dict[str, Any]):
        self._data = data

    def __getattr__(self, name: str) -> Any:
        try:
            return _wrap(self._data[name])
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key: str) -> Any:
        return _wrap(self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return self._data == other._data
        return self._data == other

    def __repr__(self) -> str:
        return f"Record({self._data!r})"

    def to_dict(self) -> Dict[str, Any]:
        """The object as plain dicts and lists (a copy)."""
        return json.loads(json.dumps(self._data))


class Decision(Record):
    """What a policy decided for one incident (rules/schema/decision.schema.json).

    Fields are attributes: ``d.owner``, ``d.priority``, ``d.remedies[0].id``,
    ``d.compensation_total.minor``, ``d.deadlines.resolution_due``, ``d.trace`` (with
    ``trace=True``). Money is integer minor units with a currency. ``to_json()`` gives the
    library's bytes, identical to what ``redress batch`` writes for the same incident.
    """

    __slots__ = ("_json",)

    def __init__(self, text: str):
        self._json = text
        self._data = None  # parsed on first access: a decision passed through is never parsed

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        data = object.__getattribute__(self, "_data")
        if data is None:
            data = self._parse()
        try:
            return _wrap(data[name])
        except KeyError:
            raise AttributeError(name) from None

    def _parse(self) -> Dict[str, Any]:
        data = json.loads(self._json)
        object.__setattr__(self, "_data", data)
        return data

    def __getitem__(self, key: str) -> Any:
        return _wrap((self._data if self._data is not None else self._parse())[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data if self._data is not None else self._parse())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Decision):
            return self._json == other._json
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._json)

    def __repr__(self) -> str:
        return f"<Decision incident={self.incident!r} owner={self.owner!r} priority={self.priority}>"

    def __reduce__(self):
        return (Decision, (self._json,))

    def to_dict(self) -> Dict[str, Any]:
        """The decision as plain dicts and lists (a new copy each call)."""
        return json.loads(self._json)

    def to_json(self) -> str:
        """The decision as one line of JSON, fields in the schema's fixed order."""
        return self._json

"""The errors redress raises, each carrying the diagnostics behind it.

Every diagnostic has a stable ``code`` (the table in rules/README.md), the ``file``, ``line`` and
``column`` it points at (1-based; ``None`` when unknown), a ``message`` saying what is wrong and
a ``hint`` saying how to fix it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, List, Optional, Union

__all__ = ["Diagnostic", "RedressError", "PolicyError", "IncidentError", "DecideError"]


@dataclass(frozen=True)
class Diagnostic:
    """One finding about a policy or an incident."""

    code: str
    severity: str
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    message: str
    hint: str = ""

    @classmethod
    def from_dict(cls, d: dict) -> "Diagnostic":
        return cls(code=d["code"], severity=d["severity"], file=d.get("file") or None,
                   line=d.get("line"), column=d.get("column"), message=d["message"],
                   hint=d.get("hint") or "")

    def __str__(self) -> str:
        where = ""
        if self.line is not None:
            where = f"{self.file or ''}:{self.line}:{self.column or 0}: "
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}{self.severity}[{self.code}]: {self.message}{hint}"


def parse_diagnostics(diagnostics: Union[str, Iterable[Any], None]) -> List[Diagnostic]:
    """Diagnostics from their JSON array (as the library writes them) or from dicts."""
    if diagnostics is None:
        return []
    if isinstance(diagnostics, str):
        diagnostics = json.loads(diagnostics)
    return [d if isinstance(d, Diagnostic) else Diagnostic.from_dict(d) for d in diagnostics]


class RedressError(Exception):
    """A failure of redress: ``str(error)`` says what, ``diagnostics`` say where and why.

    ``code``, ``file``, ``line``, ``column`` and ``hint`` are those of the first error
    diagnostic (``None`` when there is none).
    """

    def __init__(self, message: str, diagnostics: Union[str, Iterable[Any], None] = None):
        super().__init__(message)
        self.message = message
        self.diagnostics: List[Diagnostic] = parse_diagnostics(diagnostics)

    @property
    def first(self) -> Optional[Diagnostic]:
        """The first error diagnostic, else the first diagnostic, else None."""
        for d in self.diagnostics:
            if d.severity == "error":
                return d
        return self.diagnostics[0] if self.diagnostics else None

    def _field(self, name: str) -> Any:
        first = self.first
        return getattr(first, name) if first is not None else None

    code = property(lambda self: self._field("code"), doc="the first error's stable code")
    file = property(lambda self: self._field("file"), doc="the file the first error is in")
    line = property(lambda self: self._field("line"), doc="its 1-based line")
    column = property(lambda self: self._field("column"), doc="its 1-based column")
    hint = property(lambda self: self._field("hint"), doc="how to fix it")

    def __reduce__(self):  # picklable, so that errors cross Dask's process boundaries
        return (type(self), (self.message, [d.__dict__ for d in self.diagnostics]))


class PolicyError(RedressError):
    """A policy that cannot be read or does not compile (codes policy.*, expr.*, ...)."""


class IncidentError(RedressError):
    """An incident that cannot be decided: malformed, or not fitting the policy (incident.*).

    From ``decide_many``, ``index`` is the incident's 0-based position in the input (the
    diagnostics' ``line`` is that position plus one).
    """

    index: Optional[int] = None


class DecideError(IncidentError):
    """A decision that cannot be computed: an amount overflows (decide.overflow) or a deadline
    falls outside the years 0001 to 9999 (decide.deadline_out_of_range)."""

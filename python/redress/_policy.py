"""Policies: load, lint, and decide one incident or many."""
from __future__ import annotations

import datetime as _datetime
import json
import os
from typing import Any, Iterable, Iterator, List, Mapping, Optional, Sequence, Union

from . import _redress
from ._decision import Decision
from .errors import DecideError, Diagnostic, IncidentError, parse_diagnostics

Incident = Union[Mapping[str, Any], str, bytes]


def _json_default(value: Any) -> Any:
    # Values a DataFrame or a host's records hold that JSON has no type for.
    if isinstance(value, (_datetime.datetime, _datetime.date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "tolist"):  # numpy arrays
        return value.tolist()
    raise TypeError(f"an incident cannot hold {type(value).__name__}: {value!r}")


def incident_json(incident: Incident) -> Union[str, bytes]:
    """An incident as the JSON text the library reads: str and bytes are taken as they are."""
    if isinstance(incident, (str, bytes)):
        return incident
    if isinstance(incident, Mapping):
        return json.dumps(incident, ensure_ascii=False, separators=(",", ":"),
                          default=_json_default)
    raise TypeError(f"an incident is a dict or a JSON string, not {type(incident).__name__}")


def _line_error(record_json: str, index: int) -> IncidentError:
    record = json.loads(record_json)
    error = record["error"]
    kind = DecideError if error["code"].startswith("decide.") else IncidentError
    failure = kind(f"incident #{index}: {error['message']}", record["diagnostics"])
    failure.index = index
    return failure


def _batch_results(texts: List[str], failed: List[int], start: int,
                   errors: str) -> Iterator[Union[Decision, IncidentError]]:
    """One batch of results: ``start`` is the input position of its first incident."""
    if not failed:
        yield from map(Decision, texts)
        return
    bad = set(failed)
    for i, text in enumerate(texts):
        if i not in bad:
            yield Decision(text)
            continue
        failure = _line_error(text, start + i)
        if errors == "raise":
            raise failure
        yield failure


def _results(stream: Any, errors: str) -> Iterator[Union[Decision, IncidentError]]:
    start = 0  # the input position of the batch's first incident
    try:
        while True:
            texts, failed = stream.next_batch(1024)
            if not texts:
                return
            yield from _batch_results(texts, failed, start, errors)
            start += len(texts)
    finally:
        stream.close()


# Incidents a list gives at a time to one thread deciding inline (decide_many, threads=1).
_INLINE_CHUNK = 1024


def _inline_results(compiled: Any, incidents: Sequence[Incident], trace: bool,
                    errors: str) -> Iterator[Union[Decision, IncidentError]]:
    for start in range(0, len(incidents), _INLINE_CHUNK):
        chunk = [incident_json(i) for i in incidents[start:start + _INLINE_CHUNK]]
        texts, failed = compiled.decide_list(chunk, trace, start + 1)
        yield from _batch_results(texts, failed, start, errors)


class Policy:
    """A compiled policy: immutable, and safe to decide with from any number of threads.

    Pickling a policy sends its YAML text; it is compiled again where it is unpickled.
    """

    __slots__ = ("_compiled",)

    def __init__(self, compiled: "_redress.CompiledPolicy"):
        self._compiled = compiled

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Policy":
        """Reads and compiles a policy file. Raises PolicyError (policy.io when unreadable)."""
        return cls(_redress.CompiledPolicy.load(os.fspath(path)))

    @classmethod
    def from_yaml(cls, text: str, name: str = "<string>") -> "Policy":
        """Compiles policy YAML text; ``name`` is the file its diagnostics name, and the path
        its ``include:`` files are resolved against."""
        return cls(_redress.CompiledPolicy.from_yaml(text, name))

    @classmethod
    def default(cls) -> "Policy":
        """The built-in default policy (rules/default.yaml)."""
        return cls(_redress.CompiledPolicy.default())

    @property
    def id(self) -> str:
        """The policy's ``policy.id``."""
        return self._compiled.id

    @property
    def version(self) -> str:
        """The policy's ``policy.version``."""
        return self._compiled.version

    @property
    def hash(self) -> str:
        """``sha256:<hex>`` of the policy's YAML text: the same text gives the same hash."""
        return self._compiled.hash

    @property
    def name(self) -> str:
        """The name the policy was loaded under (its path, or the ``name`` given)."""
        return self._compiled.name

    @property
    def yaml(self) -> str:
        """The YAML text the policy was compiled from."""
        return self._compiled.source

    @property
    def currency(self) -> str:
        """The currency of every amount, e.g. ``CNY``."""
        return self._compiled.currency

    def lint(self) -> List[Diagnostic]:
        """The linter's findings (codes lint.*), sorted by location; empty when it finds none."""
        return parse_diagnostics(self._compiled.lint_json())

    def decide(self, incident: Incident, trace: bool = False) -> Decision:
        """Decides one incident: a dict, or a JSON (or YAML) document as str or bytes.

        Raises IncidentError when the incident is malformed or does not fit the policy, and
        DecideError (a kind of IncidentError) when an amount overflows.
        """
        return Decision(self._compiled.decide_json(incident_json(incident), trace))

    def explain(self, incident: Incident, outcome: str) -> dict:
        """The smallest changes of an incident's facts that change one outcome of its decision,
        each verified by deciding the changed incident: what ``redress explain --json`` writes.

        ``outcome`` is ``owner``, ``priority``, ``remedy:ID``, ``flag:ID``, ``clock:ID`` or
        ``commitment:ID``. Returns ``{"incident_id", "outcome", "value", "decisions",
        "counterfactuals": [{"changes": [{"fact", "from", "to", "relation", "bound"?}],
        "value"}]}``, fewest changed facts first. Raises ValueError for an outcome the policy
        does not have (the message lists those it has), and IncidentError or DecideError as
        decide() does.
        """
        return json.loads(self._compiled.explain_json(incident_json(incident), outcome))

    def decide_many(self, incidents: Iterable[Incident], threads: Optional[int] = None,
                    trace: bool = False, errors: str = "raise"
                    ) -> Iterator[Union[Decision, IncidentError]]:
        """Decides incidents on the library's batch pipeline, yielding decisions in input order.

        Incidents are taken from ``incidents`` on a thread of their own as the iterable yields
        them (up to about a MiB ahead of the pipeline) and decided on ``threads`` threads
        (None: one per core) without the GIL, so the iterable may be endless or slow: each
        incident is decided as soon as it comes. With ``threads=1`` a list or tuple is decided
        on the calling thread instead, 1,024 incidents at a time, with the same results (what
        a Dask task, one per worker thread, wants). ``errors="raise"`` raises the IncidentError of
        the first incident that cannot be decided (its ``index`` says which);
        ``errors="return"`` yields it in that incident's place and goes on. Leaving the loop
        early stops the pipeline, after the iterable's ``next()`` in progress, if any, returns.
        """
        if errors not in ("raise", "return"):
            raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
        if threads is not None and threads < 1:
            raise ValueError(f"threads must be at least 1, not {threads}")
        if threads == 1 and isinstance(incidents, (list, tuple)):
            # Already in memory and one thread asked for (a Dask task): decided on this thread,
            # a chunk at a time, with no pipeline threads to hand the incidents to and back.
            return _inline_results(self._compiled, incidents, trace, errors)
        stream = self._compiled.decide_stream(map(incident_json, incidents), threads or 0, trace)
        return _results(stream, errors)

    def decide_frame(self, frame: Any, threads: Optional[int] = None) -> Any:
        """A pandas DataFrame of incidents in, a DataFrame of decision columns out
        (see redress.pandas.decide_frame)."""
        from .pandas import decide_frame

        return decide_frame(frame, self, threads=threads)

    def __reduce__(self):
        return (Policy.from_yaml, (self.yaml, self.name))

    def __repr__(self) -> str:
        return f"<Policy {self.id} {self.version} {self.hash[:15]}>"

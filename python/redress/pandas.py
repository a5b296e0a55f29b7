"""pandas: a DataFrame of incidents in, a DataFrame of decision columns out.

A row is an incident: its columns are the incident's fields, a dotted name ("customer.tier",
"emotion.state") being a field of a nested map, and a missing value (None, NaN, NaT) a field left
out. pandas keeps an integer column with missing values as floats: a whole float is given as
the integer it is (incidents have no fractional numbers). The decisions come back as the columns of DECISION_COLUMNS, on the input's index; a row
that cannot be decided has them empty and says why in ``error`` and ``error_message``.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pandas as pd

from ._policy import Policy
from .errors import IncidentError

__all__ = ["DECISION_COLUMNS", "incidents_from_frame", "decisions_frame", "decide_frame",
           "decision_meta"]


def _money(field: str) -> Callable[[dict], Any]:
    return lambda d: d[field]["minor"]


# One table: column name, pandas dtype, and how it is read from a decision's JSON.
DECISION_COLUMNS: List[Tuple[str, str, Callable[[dict], Any]]] = [
    ("incident", "object", lambda d: d["incident"]),
    ("category", "object", lambda d: d["classification"]["category"]),
    ("priority", "Int64", lambda d: d["priority"]),
    ("owner", "object", lambda d: d["owner"]),
    ("remedies", "object", lambda d: [r["id"] for r in d["remedies"]]),
    ("compensation_total", "Int64", _money("compensation_total")),
    ("goodwill_total", "Int64", _money("goodwill_total")),
    ("restitution_total", "Int64", _money("restitution_total")),
    ("currency", "object", lambda d: d["compensation_total"]["currency"]),
    ("first_response_due", "object", lambda d: d["deadlines"]["first_response_due"]),
    ("resolution_due", "object", lambda d: d["deadlines"]["resolution_due"]),
    ("escalation_path", "object", lambda d: d["escalation_path"]),
    ("departments", "object", lambda d: d["departments"]),
]
ERROR_COLUMNS = [("error", "object"), ("error_message", "object")]
JSON_COLUMN = ("decision", "object")


def decision_meta(include_json: bool = False) -> pd.DataFrame:
    """The empty frame decide_frame() returns for no rows: its columns and dtypes."""
    columns = [(name, dtype) for name, dtype, _ in DECISION_COLUMNS] + ERROR_COLUMNS
    if include_json:
        columns.append(JSON_COLUMN)
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns})


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values, never missing
        return False


def incidents_from_frame(frame: pd.DataFrame) -> Iterator[Dict[str, Any]]:
    """The rows of ``frame`` as incident dicts, nesting dotted column names."""
    paths = [str(column).split(".") for column in frame.columns]
    for row in frame.itertuples(index=False, name=None):
        incident: Dict[str, Any] = {}
        for path, value in zip(paths, row):
            if _missing(value):
                continue
            target = incident
            for key in path[:-1]:
                target = target.setdefault(key, {})
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            target[path[-1]] = value
        yield incident


def decisions_frame(results: Any, index: Optional[pd.Index] = None,
                    include_json: bool = False) -> pd.DataFrame:
    """The decision columns of decide_many(..., errors="return") results, one row each."""
    names = [name for name, _, _ in DECISION_COLUMNS]
    rows = []
    for result in results:
        if isinstance(result, IncidentError):
            row = [None] * len(names) + [result.code, str(result)]
            if include_json:
                row.append(None)
        else:
            text = result.to_json()
            decision = json.loads(text)
            row = [read(decision) for _, _, read in DECISION_COLUMNS] + [None, None]
            if include_json:
                row.append(text)
        rows.append(row)
    meta = decision_meta(include_json)
    frame = pd.DataFrame(rows, columns=list(meta.columns), index=index)
    return frame.astype(dict(meta.dtypes))


def decide_frame(frame: pd.DataFrame, policy: Policy, threads: Optional[int] = None,
                 include_json: bool = False) -> pd.DataFrame:
    """Decides every row of ``frame`` (on the batch pipeline) into a frame of decision columns
    with the same index. ``include_json`` adds ``decision``, each decision's JSON line."""
    incidents = incidents_from_frame(frame)
    if threads == 1:  # a list is decided on this thread (a Dask task's partition)
        incidents = list(incidents)
    results = policy.decide_many(incidents, threads=threads, errors="return")
    return decisions_frame(results, index=frame.index, include_json=include_json)

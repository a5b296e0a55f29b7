"""Replaying incidents under two policies: what a candidate policy would decide differently.

Each incident is decided by the baseline and the candidate (decide_many each), and the two
decisions are compared field by field (CHANGE_KINDS). replay_cases() gives one row per
incident; summarize() aggregates them into the replay summary: cost deltas, the owner-level
shift, and changed cases by kind. Both work on pandas frames, and on Dask frames through
redress.dask.replay_frame().
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

import pandas as pd

from ._policy import Policy
from .errors import IncidentError
from .pandas import incidents_from_frame

__all__ = ["CHANGE_KINDS", "changes", "replay_cases", "replay_meta", "summarize"]

# Kind of change -> the decision fields (rules/schema/decision.schema.json) it compares.
CHANGE_KINDS: Dict[str, tuple] = {
    "classification": ("classification",),
    "priority": ("priority",),
    "deadlines": ("deadlines",),
    "remedies": ("remedies", "justice_coverage"),
    "compensation": ("compensation_total", "goodwill_total", "restitution_total"),
    "owner": ("owner", "escalation_path"),
    "authority": ("owner_authority",),
    "departments": ("departments",),
    "communication": ("communication",),
    "warnings": ("warnings",),
}
ERROR_KIND = "error"  # one side decided the incident and the other could not


def changes(baseline: Optional[dict], candidate: Optional[dict]) -> List[str]:
    """The kinds of change between two decisions (None: that side could not decide)."""
    if baseline is None or candidate is None:
        return [] if baseline is None and candidate is None else [ERROR_KIND]
    return [kind for kind, fields in CHANGE_KINDS.items()
            if any(baseline[f] != candidate[f] for f in fields)]


_COLUMNS = [("incident", "object"), ("changed", "bool"), ("kinds", "object"),
            ("baseline_owner", "object"), ("candidate_owner", "object"),
            ("baseline_priority", "Int64"), ("candidate_priority", "Int64"),
            ("baseline_total", "Int64"), ("candidate_total", "Int64"), ("total_delta", "Int64"),
            ("baseline_error", "object"), ("candidate_error", "object")]


def replay_meta() -> pd.DataFrame:
    """The empty frame replay_cases() returns for no rows: its columns and dtypes."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _COLUMNS})


def _side(result: Any) -> tuple:
    """(decision dict or None, error code or None)."""
    if isinstance(result, IncidentError):
        return None, result.code
    return json.loads(result.to_json()), None


def replay_cases(frame: pd.DataFrame, baseline: Policy, candidate: Policy,
                 threads: Optional[int] = None) -> pd.DataFrame:
    """One row per incident of ``frame`` (same index): both owners, priorities and totals,
    whether anything changed, and the kinds of change joined by ',' ("" when none)."""
    incidents = list(incidents_from_frame(frame))
    before = baseline.decide_many(incidents, threads=threads, errors="return")
    after = candidate.decide_many(incidents, threads=threads, errors="return")
    rows = []
    for incident, b, c in zip(incidents, before, after):
        (old, old_error), (new, new_error) = _side(b), _side(c)
        kinds = changes(old, new)
        old_total = old["compensation_total"]["minor"] if old else None
        new_total = new["compensation_total"]["minor"] if new else None
        delta = new_total - old_total if old and new else None
        rows.append([incident.get("id"), bool(kinds), ",".join(kinds),
                     old and old["owner"], new and new["owner"],
                     old and old["priority"], new and new["priority"],
                     old_total, new_total, delta, old_error, new_error])
    meta = replay_meta()
    return pd.DataFrame(rows, columns=list(meta.columns), index=frame.index).astype(
        dict(meta.dtypes))


def summary_parts(cases: Any) -> Dict[str, Any]:
    """The summary's parts as pandas (or, for a Dask frame, lazy Dask) values."""
    changed = cases[cases["changed"]]
    shifted = cases[cases["baseline_owner"] != cases["candidate_owner"]].dropna(
        subset=["baseline_owner", "candidate_owner"])
    return {
        "cases": cases["incident"].count(),
        "changed": cases["changed"].sum(),
        "baseline_total": cases["baseline_total"].sum(),
        "candidate_total": cases["candidate_total"].sum(),
        "total_delta": cases["total_delta"].sum(),
        "by_kind": changed["kinds"].str.split(",").explode().value_counts(),
        "owner_shift": shifted.groupby(["baseline_owner", "candidate_owner"]).size(),
    }


def finish_summary(parts: Dict[str, Any]) -> Dict[str, Any]:
    """Plain Python values from computed summary parts."""
    return {
        "cases": int(parts["cases"]),
        "changed": int(parts["changed"]),
        "baseline_total": int(parts["baseline_total"]),
        "candidate_total": int(parts["candidate_total"]),
        "total_delta": int(parts["total_delta"]),
        "by_kind": {str(k): int(n) for k, n in sorted(parts["by_kind"].items())},
        "owner_shift": {f"{a} -> {b}": int(n) for (a, b), n in sorted(parts["owner_shift"].items())},
    }


def summarize(cases: pd.DataFrame) -> Dict[str, Any]:
    """The replay summary of replay_cases()' rows: cases, changed cases, the baseline's and the
    candidate's compensation totals (minor units) and their delta, changed cases by kind, and
    how many cases moved from one owner to another ("a -> b")."""
    return finish_summary(summary_parts(cases))

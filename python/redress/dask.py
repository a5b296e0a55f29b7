"""Deciding and replaying incidents on a Dask cluster (any ``distributed`` cluster, or none).

The policy travels to the workers as its YAML text (a PolicyText in the task graph) and is
compiled once per worker process: worker_policy() keeps compiled policies by hash for the life
of the process, whatever the number of partitions or tasks. Each partition is decided with
decide_many on the batch pipeline. Files the policy includes are read on the worker, at the
path the policy was loaded from; the hash, which covers them, must match.

    import dask.dataframe as dd, redress, redress.dask
    policy = redress.Policy.load("rules/bank.yaml")
    incidents = dd.read_parquet("s3://cases/2026/")          # a column per incident field
    decisions = redress.dask.decide_frame(incidents, policy)  # lazy: a column per decision field
    summary = redress.dask.replay_frame(incidents, policy, candidate).summary()
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, Optional, Union

import pandas as pd

from . import pandas as _frames
from . import replay as _replay
from ._policy import Policy

__all__ = ["PolicyText", "policy_text", "worker_policy", "compilations", "worker_stats",
           "decide_bag",
           "decide_frame", "replay_frame", "ReplayResult"]


@dataclass(frozen=True)
class PolicyText:
    """A policy as it travels: its YAML text, the name its diagnostics give, and its hash."""

    yaml: str
    name: str
    hash: str


def policy_text(policy: Union[Policy, PolicyText]) -> PolicyText:
    """The text form of a policy, for a task graph."""
    if isinstance(policy, PolicyText):
        return policy
    return PolicyText(policy.yaml, policy.name, policy.hash)


_lock = threading.Lock()
_policies: Dict[str, Policy] = {}
_compilations: Counter = Counter()
_partitions = 0  # partitions (and bag partitions) this process decided


def worker_policy(text: PolicyText) -> Policy:
    """The compiled policy of ``text`` in this process: compiled on first use, then reused by
    every task of every thread (compiled policies are immutable and thread-safe)."""
    with _lock:
        policy = _policies.get(text.hash)
        if policy is None:
            policy = Policy.from_yaml(text.yaml, text.name)
            if policy.hash != text.hash:
                raise ValueError(f"policy '{text.name}' arrived as {policy.hash}, "
                                 f"not {text.hash}")
            _policies[text.hash] = policy
            _compilations[text.hash] += 1
        return policy


def compilations() -> Dict[str, int]:
    """How many times this process compiled each policy (by hash) for worker_policy()."""
    with _lock:
        return dict(_compilations)


def worker_stats() -> Dict[str, Any]:
    """This process's compilations by policy hash and the partitions it decided, e.g. for
    ``client.run(redress.dask.worker_stats)``."""
    with _lock:
        return {"compilations": dict(_compilations), "partitions": _partitions}


def _partition_policy(text: PolicyText) -> Policy:
    global _partitions
    policy = worker_policy(text)
    with _lock:
        _partitions += 1
    return policy


# Dask already runs one task per worker thread, so a partition is decided on the task's
# thread unless told otherwise: more would oversubscribe the cores.
DEFAULT_THREADS = 1


def _decide_items(items: Any, text: PolicyText, threads: int, errors: str) -> list:
    if not isinstance(items, (list, tuple)):  # a partition is in memory: a list is decided inline
        items = list(items)
    return list(_partition_policy(text).decide_many(items, threads=threads, errors=errors))


def decide_bag(bag: Any, policy: Union[Policy, PolicyText], threads: int = DEFAULT_THREADS,
               errors: str = "return") -> Any:
    """A Dask bag of incidents (dicts or JSON strings) to a bag of Decision objects, in order.
    With ``errors="return"`` an incident that cannot be decided gives its IncidentError."""
    return bag.map_partitions(_decide_items, policy_text(policy), threads, errors)


def _decide_partition(frame: pd.DataFrame, text: PolicyText, threads: int,
                      include_json: bool) -> pd.DataFrame:
    return _frames.decide_frame(frame, _partition_policy(text), threads=threads,
                                include_json=include_json)


def decide_frame(frame: Any, policy: Union[Policy, PolicyText], threads: int = DEFAULT_THREADS,
                 include_json: bool = False) -> Any:
    """A Dask DataFrame of incidents to a Dask DataFrame of decision columns
    (redress.pandas.DECISION_COLUMNS), partition by partition, on the same index."""
    return frame.map_partitions(_decide_partition, policy_text(policy), threads, include_json,
                                meta=_frames.decision_meta(include_json))


def _replay_partition(frame: pd.DataFrame, baseline: PolicyText, candidate: PolicyText,
                      threads: int) -> pd.DataFrame:
    return _replay.replay_cases(frame, _partition_policy(baseline), worker_policy(candidate),
                                threads=threads)


class ReplayResult:
    """A replay on Dask: ``cases``, one row per incident (redress.replay.replay_cases), and
    ``summary()``, their aggregation computed on the cluster."""

    def __init__(self, cases: Any):
        self.cases = cases

    def summary(self) -> Dict[str, Any]:
        """Computes the replay summary (redress.replay.summarize)."""
        import dask

        parts = _replay.summary_parts(self.cases)
        keys = list(parts)
        computed = dask.compute(*(parts[k] for k in keys))
        return _replay.finish_summary(dict(zip(keys, computed)))


def replay_frame(frame: Any, baseline: Union[Policy, PolicyText],
                 candidate: Union[Policy, PolicyText],
                 threads: int = DEFAULT_THREADS) -> ReplayResult:
    """Replays a Dask DataFrame of incidents under ``baseline`` and ``candidate``."""
    cases = frame.map_partitions(_replay_partition, policy_text(baseline), policy_text(candidate),
                                 threads, meta=_replay.replay_meta())
    return ReplayResult(cases)

"""redress: decides how a business puts things right after failing a customer.

    import redress
    policy = redress.Policy.load("rules/hotel.yaml")      # or Policy.default(), Policy.from_yaml(text)
    decision = policy.decide({"id": "T-1", "reported_at": "2026-11-25T09:30:00+08:00",
                              "category": "core.unavailable"})
    decision.owner, decision.priority, [r.id for r in decision.remedies]
    for d in policy.decide_many(incidents):                # in order, on every core
        ...

Errors raise PolicyError, IncidentError or DecideError, each with its diagnostics (code, file,
line, column, message, hint). redress.pandas decides DataFrames; redress.dask decides Dask bags
and frames on a cluster.
"""
from . import _redress
from ._decision import Decision, Record
from ._policy import Incident, Policy
from .errors import DecideError, Diagnostic, IncidentError, PolicyError, RedressError

__all__ = ["Policy", "Decision", "Record", "Incident", "Diagnostic", "RedressError",
           "PolicyError", "IncidentError", "DecideError"]

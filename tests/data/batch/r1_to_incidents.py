#!/usr/bin/env python3
"""R1 benchmark incidents (shared/bench/gen-incidents.py JSON lines) as redress incidents
(rules/schema/incident.schema.json), one JSON object a line, for bench/policies/r1.yaml.

The mapping is bench/r1_common.hpp's: every incident reported at 2026-11-25T09:30:00+08:00,
amount -> loss (CNY minor units), emotion -> emotion, channel -> customer.channel,
deficits -> deficits, prior_failures -> history.prior_failures, severity / tier /
unresolved_complaint -> the host facts severity / r1_tier / unresolved_complaint.

usage: r1_to_incidents.py [IN.jsonl] > OUT.jsonl     (standard input when IN is absent)
"""
import json
import sys


def convert(r1):
    return {
        "id": r1["id"],
        "reported_at": "2026-11-25T09:30:00+08:00",
        "category": r1["category"],
        "loss": {"minor": r1["amount"], "currency": "CNY"},
        "emotion": r1["emotion"],
        "deficits": r1["deficits"],
        "customer": {"channel": r1["channel"]},
        "history": {"prior_failures": r1["prior_failures"]},
        "facts": {"severity": r1["severity"], "r1_tier": r1["tier"],
                  "unresolved_complaint": r1["unresolved_complaint"]},
    }


def main():
    src = open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin
    out = sys.stdout
    for line in src:
        if line.strip():
            out.write(json.dumps(convert(json.loads(line)), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

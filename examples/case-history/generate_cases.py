#!/usr/bin/env python3
"""Synthetic case histories for `redress replay`: incidents as JSON lines, one a line, as a host
would keep them (rules/schema/incident.schema.json, for the built-in default policy).

A case history is a quarter of complaints from a population of returning customers: each
customer has a tier and a usual channel; a customer who complains again brings their history
(prior failures, days since the last one, whether it was the same category, whether the last
recovery satisfied them, compensation already given). Complaints come mostly on working days
and in office hours, with a Monday peak; the category mix, losses (log-normal, larger for
critical failures), magnitudes, emotions (angrier after repeated failures and larger losses),
motives and justice deficits follow plausible shares. Deterministic for a seed.

usage: generate_cases.py N [--seed S] [--customers C] [--start 2026-07-01] > cases.jsonl
"""
import argparse
import datetime
import json
import math
import random
import sys

CATEGORIES = [  # (category, share, median loss in CNY, failure locus)
    ("core.unavailable", 14, 600, "firm"), ("core.slow", 16, 300, "firm"),
    ("core.defective", 12, 900, "firm"), ("core.wrong_item", 8, 250, "firm"),
    ("process.billing", 10, 400, "firm"), ("process.system_error", 6, 200, "firm"),
    ("process.policy", 4, 0, "firm"), ("process.information", 4, 0, "firm"),
    ("process.handoff", 3, 0, "firm"), ("conduct.inattention", 5, 0, "firm"),
    ("conduct.rude", 4, 0, "firm"), ("conduct.misadvice", 2, 300, "firm"),
    ("recovery.unresolved", 4, 500, "firm"), ("recovery.late", 3, 200, "firm"),
    ("request.customer_error", 3, 100, "customer"), ("request.special_need", 2, 0, "firm"),
]
TIERS = [("basic", 20), ("standard", 50), ("premium", 18), ("vip", 10), ("strategic", 2)]
CHANNELS = [("phone", 35), ("app", 20), ("chat", 15), ("email", 12), ("web", 8),
            ("social", 5), ("in_person", 5)]
MAGNITUDES = ["minor", "moderate", "major", "critical"]
MOTIVES = ["respect", "venting", "compensation", "blame_avoidance", "hostility",
           "protect_others"]


def pick(rng, weighted):
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def reported_at(rng, start, days):
    """A time in the quarter: working days three times as likely, Monday busiest, 8h-22h."""
    while True:
        day = start + datetime.timedelta(days=rng.randrange(days))
        weight = {0: 1.4, 1: 1.0, 2: 1.0, 3: 1.0, 4: 0.9, 5: 0.4, 6: 0.3}[day.weekday()]
        if rng.random() < weight / 1.4:
            break
    minute = int(rng.triangular(8 * 60, 22 * 60, 11 * 60))
    return datetime.datetime(day.year, day.month, day.day, minute // 60, minute % 60,
                             rng.randrange(60))


def emotion(rng, magnitude, prior_failures, loss_cny):
    anger = MAGNITUDES.index(magnitude) + min(prior_failures, 3) + (loss_cny > 2000)
    if rng.random() < 0.12 * anger:
        return "angry" if rng.random() < 0.7 else "aggrieved", min(5, 2 + anger)
    state = rng.choices(["calm", "anxious", "confused", "humorous", "aggrieved"],
                        weights=[45, 20, 15, 5, 15])[0]
    return state, rng.randint(1, 3)


def incident(rng, n, customer, start, days):
    category, _, median, locus = pick(rng, [((c, s, m, l), s) for c, s, m, l in CATEGORIES])
    magnitude = rng.choices(MAGNITUDES, weights=[50, 30, 15, 5])[0]
    loss = 0
    if median > 0:
        scale = [0.5, 1.0, 2.5, 6.0][MAGNITUDES.index(magnitude)]
        loss = round(rng.lognormvariate(math.log(median * scale), 0.8), 2)
    when = reported_at(rng, start, days)
    history = customer["history"]
    days_ago = (when - history["last"]).days if history["last"] else None
    state, intensity = emotion(rng, magnitude, history["failures"], loss)
    motives = sorted({m for m in MOTIVES if rng.random() < 0.18} |
                     ({"hostility"} if state == "angry" and rng.random() < 0.2 else set()))
    deficits = [d for d, p in (("outcome", 0.7 if loss else 0.2), ("procedural", 0.3),
                               ("interactional", 0.6 if category.startswith("conduct") else 0.2))
                if rng.random() < p] or ["outcome"]
    case = {
        "id": "CASE-%07d" % n,
        "reported_at": when.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
        "category": category,
        "magnitude": magnitude,
        "loss": "%.2f CNY" % loss,
        "locus": locus,
        "stability": "recurring" if history["failures"] >= 2 else "one_off",
        "controllability": "firm_controllable" if locus == "firm" else "uncontrollable",
        "safety_critical": magnitude == "critical" and rng.random() < 0.1,
        "affected_count": 1 if rng.random() < 0.9 else rng.randint(2, 500),
        "emotion": {"state": state, "intensity": intensity},
        "motives": motives,
        "deficits": deficits,
        "customer": {"tier": customer["tier"],
                     "channel": customer["channel"] if rng.random() < 0.8 else pick(rng, CHANNELS)},
        "history": {
            "prior_failures": history["failures"],
            "last_failure_days_ago": days_ago if days_ago is not None and days_ago >= 0 else 0,
            "last_failure_same_category": history["category"] == category,
            "last_recovery_outcome": history["outcome"],
            "open_complaints": 1 if history["failures"] and rng.random() < 0.1 else 0,
            "reopen_count": 0,
            "compensation_given": "%.2f CNY" % history["compensation"],
            "external_complaint": rng.random() < 0.02,
        },
    }
    # What the customer's next complaint will remember.
    history.update(failures=history["failures"] + 1, last=when, category=category,
                   outcome=rng.choices(["satisfied", "unsatisfied", "unknown"], [60, 25, 15])[0],
                   compensation=history["compensation"] + round(loss * 0.3, 2))
    return case


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--customers", type=int, default=0, help="default: n / 3, at least 1")
    ap.add_argument("--start", default="2026-07-01")
    ap.add_argument("--days", type=int, default=91)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    start = datetime.date.fromisoformat(a.start)
    customers = [{"tier": pick(rng, TIERS), "channel": pick(rng, CHANNELS),
                  "history": {"failures": 0, "last": None, "category": None, "outcome": "none",
                              "compensation": 0.0}}
                 for _ in range(max(1, a.customers or a.n // 3))]
    out = sys.stdout
    for n in range(1, a.n + 1):
        customer = customers[int(rng.paretovariate(1.2)) % len(customers)
                             if rng.random() < 0.3 else rng.randrange(len(customers))]
        out.write(json.dumps(incident(rng, n, customer, start, a.days), ensure_ascii=False,
                             separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

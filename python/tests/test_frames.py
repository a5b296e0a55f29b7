"""pandas frames in and out, and the replay of two policies (pandas, and Dask without a cluster)."""
import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest

import redress
import redress.dask
import redress.pandas
import redress.replay
from bank_cases import bank_incidents, candidate_name, candidate_yaml


@pytest.fixture(scope="module")
def candidate():
    return redress.Policy.from_yaml(candidate_yaml(), name=candidate_name())


@pytest.fixture(scope="module")
def cases():
    return bank_incidents(60)


def test_decide_frame_columns_and_values(bank, cases):
    frame = pd.json_normalize(cases)  # dotted columns: customer.tier, facts.disputed_amount, ...
    frame.index = [f"row{i}" for i in range(len(frame))]
    out = bank.decide_frame(frame, threads=2)
    assert list(out.index) == list(frame.index)
    first = bank.decide(cases[0])
    row = out.loc["row0"]
    assert (row.incident, row.owner, row.priority) == ("B-0", first.owner, first.priority)
    assert row.remedies == [r.id for r in first.remedies]
    assert row.compensation_total == first.compensation_total.minor
    assert row.currency == "CNY" and row.error is None
    for i in (1, 29, 59):  # every row equals deciding its incident alone
        d = bank.decide(cases[i])
        assert (out.iloc[i].owner, out.iloc[i].goodwill_total) == (d.owner, d.goodwill_total.minor)
    assert str(out.dtypes["priority"]) == "Int64"


def test_missing_values_are_left_out_and_errors_are_columns(bank, cases):
    frame = pd.json_normalize(cases[:3])
    frame.loc[1, "category"] = "core.nope"
    frame.loc[2, "history.last_failure_days_ago"] = None  # optional: left out, still decided
    out = redress.pandas.decide_frame(frame, bank, include_json=True)
    assert list(out.error) == [None, "incident.unknown_value", None]
    assert pd.isna(out.owner[1]) and pd.isna(out.priority[1])
    assert out.decision[0] == bank.decide(cases[0]).to_json()
    assert out.error_message[1].startswith("incident #1: category 'core.nope'")


def expected_replay(bank, candidate, cases):
    """The replay summary computed the slow way: one decide() per incident and policy."""
    before = [bank.decide(c).to_dict() for c in cases]
    after = [candidate.decide(c).to_dict() for c in cases]
    kinds, shift = {}, {}
    changed = 0
    for b, a in zip(before, after):
        found = redress.replay.changes(b, a)
        changed += bool(found)
        for k in found:
            kinds[k] = kinds.get(k, 0) + 1
        if b["owner"] != a["owner"]:
            key = f"{b['owner']} -> {a['owner']}"
            shift[key] = shift.get(key, 0) + 1
    old = sum(d["compensation_total"]["minor"] for d in before)
    new = sum(d["compensation_total"]["minor"] for d in after)
    return {"cases": len(cases), "changed": changed, "baseline_total": old,
            "candidate_total": new, "total_delta": new - old, "by_kind": dict(sorted(kinds.items())),
            "owner_shift": dict(sorted(shift.items()))}


def test_replay_pandas(bank, candidate, cases):
    rows = redress.replay.replay_cases(pd.json_normalize(cases), bank, candidate, threads=2)
    summary = redress.replay.summarize(rows)
    assert summary == expected_replay(bank, candidate, cases)
    # The candidate's gift is 30 CNY more for each incident (every one lost more than 80 CNY,
    # whatever its magnitude), which the supervisor's authority of 60 CNY (not 1000) no longer
    # covers: the complaints officer owns them.
    assert set(rows.total_delta) == {3000}
    assert set(rows.candidate_owner) == {"complaints_officer"}
    assert (summary["changed"], summary["total_delta"]) == (60, 60 * 3000)
    assert summary["by_kind"] == {"authority": 60, "compensation": 60, "owner": 60,
                                  "remedies": 60}
    assert summary["owner_shift"] == {"branch_supervisor -> complaints_officer": 60}


def test_changes_by_field():
    d = {"owner": "a", "owner_authority": None, "escalation_path": ["a"], "priority": 2}
    d.update({f: 0 for kinds in redress.replay.CHANGE_KINDS.values() for f in kinds if f not in d})
    assert redress.replay.changes(d, dict(d)) == []
    assert redress.replay.changes(d, dict(d, owner="b", priority=1)) == ["priority", "owner"]
    assert redress.replay.changes(d, None) == ["error"]
    assert redress.replay.changes(None, None) == []


def test_dask_without_a_cluster(bank, candidate, cases):
    frame = pd.json_normalize(cases)
    ddf = dd.from_pandas(frame, npartitions=4)
    with dask.config.set(scheduler="sync"):
        decided = redress.dask.decide_frame(ddf, bank).compute()
        summary = redress.dask.replay_frame(ddf, bank, candidate).summary()
        bag = redress.dask.decide_bag(db.from_sequence(cases[:10], npartitions=3), bank).compute()
    pd.testing.assert_frame_equal(decided, redress.pandas.decide_frame(frame, bank))
    assert summary == expected_replay(bank, candidate, cases)
    assert [d.to_json() for d in bag] == [bank.decide(c).to_json() for c in cases[:10]]
    # In this process each policy was compiled once for all partitions and tasks.
    assert redress.dask.compilations() == {bank.hash: 1, candidate.hash: 1}

"""Deciding one incident: values of the decision, its JSON, and the errors of bad incidents."""
import json

import pytest
import yaml

import redress
from conftest import incident


def test_hotel_overbooked_walk(hotel, incidents_dir):
    d = hotel.decide((incidents_dir / "hotel" / "overbooked-walk.yaml").read_text())
    assert (d.incident, d.owner, d.priority) == ("HTL-2026-0201", "duty_manager", 1)
    assert d.policy.id == "hotel" and d.policy.hash == hotel.hash
    assert d.escalation_path == ["front_desk", "duty_manager"]
    assert d.deadlines.resolution_due == "2026-10-16T23:40:00+08:00"
    amounts = {r.id: r.amount.minor for r in d.remedies if r.amount is not None}
    # Walking with care is restitution in kind: offered with no amount.
    assert "walk_with_care" in [r.id for r in d.remedies]
    # On return, an upgrade or the same value in points: one choice, counted once.
    assert amounts == {"upgrade": 64000, "loyalty_points": 64000}
    assert {r.id: r.to_dict().get("option") for r in d.remedies if r.amount is not None} == {
        "upgrade": "on-return", "loyalty_points": "on-return"}
    assert d.compensation_total == {"minor": 64000, "currency": "CNY"}
    assert (d.goodwill_total.minor, d.restitution_total.minor) == (64000, 0)


def test_bank_double_debit_from_a_dict(bank, incidents_dir):
    case = json.loads((incidents_dir / "bank" / "double-debit.json").read_text())
    d = bank.decide(case)
    assert (d.owner, d.priority) == ("branch_supervisor", 3)
    assert [r.id for r in d.remedies] == ["apology", "empathy", "explanation",
                                          "itemised_statement", "reversal", "gift",
                                          "written_reply", "process_fix"]
    assert d["compensation_total"]["minor"] == 41850
    assert d.to_dict()["remedies"][4]["amount"] == {"minor": 36850, "currency": "CNY"}


def test_dict_json_yaml_and_bytes_decide_alike(hotel, incidents_dir):
    text = (incidents_dir / "hotel" / "overbooked-walk.yaml").read_text()
    as_dict = yaml.safe_load(text)
    as_json = json.dumps(as_dict, indent=2)
    decisions = {hotel.decide(x).to_json() for x in (text, as_dict, as_json, as_json.encode())}
    assert len(decisions) == 1


def test_to_json_is_one_line_in_schema_order(default):
    d = default.decide(incident(1))
    text = d.to_json()
    assert "\n" not in text and text.startswith('{"incident":"T-1","policy":{"id":"default"')
    assert json.loads(text) == d.to_dict()
    assert d == default.decide(incident(1))  # deterministic: the same bytes


def test_trace_only_when_asked(default):
    assert "trace" not in default.decide(incident(1)).to_dict()
    traced = default.decide(incident(1), trace=True)
    assert len(traced.trace) > 0 and "rule" in traced.trace[0].to_dict()


def test_unknown_category_names_line_column_and_hint(default):
    text = '{"id": "T-1", "reported_at": "2026-11-25T09:30:00+08:00", "category": "core.nope"}'
    with pytest.raises(redress.IncidentError) as caught:
        default.decide(text)
    e = caught.value
    assert (e.code, e.file, e.line, e.column) == ("incident.unknown_value", "<incident>", 1,
                                                  text.index('"core.nope"') + 1)
    assert e.hint == "use a category of the policy's taxonomy, e.g. core.unavailable"
    assert str(e).startswith("cannot read the incident (1 error): <incident>:1:")


def test_every_problem_of_an_incident_is_reported(default):
    with pytest.raises(redress.IncidentError) as caught:
        default.decide({"id": "T-1", "reported_at": "yesterday", "category": "core.unavailable",
                        "colour": "red"})
    codes = sorted(d.code for d in caught.value.diagnostics)
    assert codes == ["incident.bad_timestamp", "incident.unknown_field"]


def test_not_json_is_a_syntax_error_not_a_crash(default):
    with pytest.raises(redress.IncidentError) as caught:
        default.decide('{"id": ')
    assert caught.value.code == "incident.syntax"


def test_an_incident_of_another_type_is_a_type_error(default):
    with pytest.raises(TypeError):
        default.decide(42)


def test_one_policy_decides_on_many_python_threads_at_once(bank, incidents_dir):
    # decide() releases the GIL: the threads really run together on the shared policy.
    from concurrent.futures import ThreadPoolExecutor

    case = json.loads((incidents_dir / "bank" / "double-debit.json").read_text())
    cases = [dict(case, id=f"B-{i}", magnitude=["minor", "major"][i % 2]) for i in range(200)]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda c: bank.decide(c).to_json(), cases))
    assert together == [bank.decide(c).to_json() for c in cases]
    assert len({json.loads(t)["priority"] for t in together}) == 2

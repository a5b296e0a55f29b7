"""Counterfactual explanations: Policy.explain() finds what `redress explain --json` finds."""
import json
import os
import subprocess

import pytest
import yaml

import redress

DELAY = "angry-flight-delay.yaml"


def test_explain_owner_of_a_delay(default, incidents_dir):
    e = default.explain((incidents_dir / DELAY).read_text(), "owner")
    assert (e["incident_id"], e["outcome"]) == ("INC-2026-0101", "owner")
    assert e["value"] == default.decide((incidents_dir / DELAY).read_text()).owner
    assert e["decisions"] > 0 and e["counterfactuals"]
    for cf in e["counterfactuals"]:
        assert cf["value"] != e["value"]
        assert cf["changes"] and all(c["relation"] in ("is", "below", "at_least")
                                     for c in cf["changes"])


# Where the facts the explanation below changes sit in an incident.
FACT_PATHS = {"magnitude": ("magnitude",), "tier": ("customer", "tier"),
              "last_recovery_outcome": ("history", "last_recovery_outcome")}


def test_each_counterfactual_is_what_deciding_the_change_gives(default, incidents_dir):
    text = (incidents_dir / DELAY).read_text()
    e = default.explain(text, "priority")
    checked = 0
    for cf in e["counterfactuals"]:
        if len(cf["changes"]) != 1 or cf["changes"][0]["fact"] not in FACT_PATHS:
            continue
        change = cf["changes"][0]
        changed = yaml.safe_load(text)
        *parents, leaf = FACT_PATHS[change["fact"]]
        target = changed
        for key in parents:
            target = target[key]
        assert target[leaf] == change["from"]
        target[leaf] = change["to"]
        assert str(default.decide(changed).priority) == cf["value"]
        checked += 1
    assert checked >= 5  # magnitude, three tiers, three recovery outcomes


@pytest.mark.skipif("REDRESS_CLI" not in os.environ, reason="the CLI was not built")
@pytest.mark.parametrize("outcome", ["owner", "priority", "remedy:apology"])
def test_same_as_the_cli(default, incidents_dir, outcome):
    path = incidents_dir / DELAY
    cli = subprocess.run([os.environ["REDRESS_CLI"], "explain", "--json", "--outcome", outcome,
                          str(path)], check=True, capture_output=True, text=True).stdout
    assert default.explain(path.read_text(), outcome) == json.loads(cli)


def test_an_unknown_outcome_is_a_value_error_listing_what_exists(default, incidents_dir):
    with pytest.raises(ValueError, match=r"'nothing' is not a remedy of policy 'default'.*apology"):
        default.explain((incidents_dir / DELAY).read_text(), "remedy:nothing")
    with pytest.raises(ValueError, match="unknown outcome 'mood'"):
        default.explain((incidents_dir / DELAY).read_text(), "mood")


def test_a_bad_incident_is_an_incident_error(default):
    with pytest.raises(redress.IncidentError) as raised:
        default.explain('{"id": 7}', "owner")
    assert raised.value.diagnostics[0].code == "incident.wrong_type"

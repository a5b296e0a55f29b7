#!/usr/bin/env python3
"""Decides every sample incident with --json --trace and validates the output against
rules/schema/decision.schema.json (and each sample against incident.schema.json); also the
commitments and recusal example of tests/data/commitments.

usage: validate_decisions.py REDRESS RULES_DIR EXAMPLES_DIR
"""
import json
import pathlib
import subprocess
import sys

import jsonschema
import yaml


def main():
    redress, rules, examples = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    decision_schema = json.loads((rules / "schema/decision.schema.json").read_text())
    incident_schema = json.loads((rules / "schema/incident.schema.json").read_text())
    runs = [(rules / "default.yaml", p) for p in sorted(examples.glob("*.*"))]
    runs += [(rules / "hotel.yaml", p) for p in sorted((examples / "hotel").glob("*.*"))]
    runs += [(rules / "bank.yaml", p) for p in sorted((examples / "bank").glob("*.*"))]
    runs += [(rules / "car-service.yaml", p) for p in sorted((examples / "car-service").glob("*.*"))]
    runs += [(rules / "airline.yaml", p) for p in sorted((examples / "airline").glob("*.*"))]
    runs += [(rules / "retail.yaml", p) for p in sorted((examples / "retail").glob("*.*"))]
    runs += [(rules / "telecom.yaml", p) for p in sorted((examples / "telecom").glob("*.*"))]
    commitments = pathlib.Path(__file__).resolve().parent.parent / "data/commitments"
    runs.append((commitments / "policy.yaml", commitments / "outage.yaml"))
    # Options, fallbacks, contingent remedies and caps: the fields only such policies write.
    terms = examples.parent / "remedy-terms"
    runs += [(terms / "policy.yaml", p) for p in sorted((terms / "incidents").glob("*.*"))]
    checked = 0
    for policy, path in runs:
        incident = yaml.safe_load(path.read_text())
        jsonschema.validate(incident, incident_schema, cls=jsonschema.Draft202012Validator)
        out = subprocess.run([redress, "decide", "--json", "--trace", "--policy",
                              str(policy), str(path)],
                             capture_output=True, text=True, check=True).stdout
        jsonschema.validate(json.loads(out), decision_schema,
                            cls=jsonschema.Draft202012Validator)
        checked += 1
    if checked < 10:
        sys.exit(f"only {checked} samples found")
    print(f"{checked} decisions valid")


if __name__ == "__main__":
    main()

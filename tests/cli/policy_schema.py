#!/usr/bin/env python3
"""rules/schema/policy.schema.json against the policies and against the policy loader.

usage: policy_schema.py validate REDRESS SOURCE_DIR
         Every shipped policy and clock library validates against the schema, and so does
         every other policy of the source tree that `redress check` accepts.
       policy_schema.py in-step REDRESS SOURCE_DIR
         The keys the schema describes are the keys the loader accepts, map by map: each map
         of the schema is probed by writing a key the loader cannot know into a policy at that
         place; the loader's policy.unknown_key diagnostic lists the keys it knows there.
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

SCHEMA = "rules/schema/policy.schema.json"
PROBE_KEY = "zqxjwvk_probe"

# Where each map of the schema is in a document: a YAML text with @KEY@ where the probe key
# goes. A clock library's maps are probed in a library the probe policy includes (LIBRARY).
# A new map in the schema needs a line here; the test says so.
PROBES = {
    "#": ("policy", "@KEY@: 1\n"),
    "#/properties/policy": ("policy", "policy: {@KEY@: 1}\n"),
    "#/properties/taxonomy": ("policy", "taxonomy: {@KEY@: 1}\n"),
    "#/properties/sla": ("policy", "sla: {@KEY@: 1}\n"),
    "#/properties/library": ("library", "library: {@KEY@: 1}\n"),
    "#/definitions/category": ("policy", "taxonomy: {add: [{@KEY@: 1}]}\n"),
    "#/definitions/fact": ("policy", "facts: [{@KEY@: 1}]\n"),
    "#/definitions/remedy": ("policy", "remedies: [{@KEY@: 1}]\n"),
    "#/definitions/step": ("policy", "communication: [{@KEY@: 1}]\n"),
    "#/definitions/department": ("policy", "departments: [{@KEY@: 1}]\n"),
    "#/definitions/role": ("policy", "roles: [{@KEY@: 1}]\n"),
    "#/definitions/calendar": ("policy", "calendars: [{@KEY@: 1}]\n"),
    "#/definitions/clock": ("policy", "clocks: [{@KEY@: 1}]\n"),
    "#/definitions/extension": ("policy", "clocks: [{extensions: [{@KEY@: 1}]}]\n"),
    "#/definitions/referral": ("policy", "clocks: [{referral: {@KEY@: 1}}]\n"),
    "#/definitions/effective": ("policy", "rules: [{id: r, then: [], effective: {@KEY@: 1}}]\n"),
    "#/definitions/include/oneOf/1": ("policy", "include: [{@KEY@: 1}]\n"),
    "#/definitions/target": ("policy", "sla: {targets: [{@KEY@: 1}]}\n"),
    "#/definitions/rule": ("policy", "rules: [{id: r, @KEY@: 1}]\n"),
    "#/definitions/group": ("policy", "rules: [{group: g, @KEY@: 1}]\n"),
    "#/definitions/action": ("policy", "rules: [{id: r, then: [{@KEY@: 1}]}]\n"),
    "#/definitions/remedy_action": ("policy", "rules: [{id: r, then: [{remedy: {@KEY@: 1}}]}]\n"),
    "#/definitions/commitment": ("policy", "commitments: [{@KEY@: 1}]\n"),
    "#/definitions/caps": ("policy", "caps: {@KEY@: 1}\n"),
    "#/definitions/customer_cap": ("policy", "caps: {goodwill_per_customer: {@KEY@: 1}}\n"),
    "#/definitions/contingent": (
        "policy", "rules: [{id: r, then: [{remedy: {id: x, contingent: {@KEY@: 1}}}]}]\n"),
    "#/definitions/fallback/oneOf/1": (
        "policy", "rules: [{id: r, then: [{remedy: {id: x, fallback: {@KEY@: 1}}}]}]\n"),
    "#/definitions/options_action": ("policy", "rules: [{id: r, then: [{options: {@KEY@: 1}}]}]\n"),
    "#/definitions/option": (
        "policy", "rules: [{id: r, then: [{options: {id: o, of: [{@KEY@: 1}]}}]}]\n"),
}
# A policy that compiles but for the library it includes.
INCLUDING_POLICY = """policy: {id: p, version: '1', currency: CNY}
include: [probe-library.yaml]
roles: [{id: a, authority: unlimited}]
sla: {targets: [{priority: 1, first_response: 1h, resolution: 1d}]}
rules: []
"""
# The top level of a clock library, checked against the schema's `then` for `library:`.
LIBRARY_ROOT = "library: {id: l, version: '1'}\n@KEY@: 1\n"


class Yaml12Loader(yaml.SafeLoader):
    """YAML as redress (yaml-cpp) and editors' YAML language servers read it: a date stays a
    string, and only true and false (any case of the first letter, or all capitals) are
    booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                   re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


def load_schema(source):
    return json.loads((source / SCHEMA).read_text())


def check(redress, path):
    """`redress check --format json` on a file: (exit code, diagnostics)."""
    run = subprocess.run([redress, "check", "--format", "json", str(path)],
                         capture_output=True, text=True)
    try:
        found = json.loads(run.stdout) if run.stdout.strip() else []
    except json.JSONDecodeError:
        sys.exit(f"redress check --format json {path} did not write JSON:\n{run.stdout}")
    if isinstance(found, dict):
        found = found.get("diagnostics", [])
    return run.returncode, found


# --- validate ---------------------------------------------------------------------------------

def policy_files(source):
    """The shipped policies and libraries, and every other YAML file of the tree that has
    the top-level keys of a policy or a library (test data, benchmark policies, examples)."""
    shipped = sorted((source / "rules").glob("*.yaml")) + sorted((source / "rules/clocks").glob("*.yaml"))
    shipped = [p for p in shipped if not p.name.endswith(".test.yaml") and p.name != "taxonomy.yaml"]
    others = []
    for folder in ("examples", "bench", "tests/data"):
        for path in sorted((source / folder).rglob("*.yaml")):
            text = path.read_text(errors="replace")
            if re.search(r"^(policy|library):", text, re.M) and re.search(r"^(rules|clocks):", text, re.M):
                others.append(path)
    return shipped, others


# Mistakes the schema must flag as they are typed, each with the loader's diagnostic for it.
MINIMAL = """policy: {id: p, version: '1', currency: CNY}
roles: [{id: a, authority: unlimited}]
sla: {targets: [{priority: 1, first_response: 1h, resolution: 1d}]}
"""
MISTAKES = [
    ("rules: [{group: g, hit: firts, rules: []}]\n", "policy.bad_value"),
    ("rules: [{id: r, then: [{remedy: apology, amount: 5 CNY}]}]\n", "policy.wrong_type"),
    ("rules: [{id: r, whne: loss > 0 CNY, then: []}]\n", "policy.unknown_key"),
    ("calendars: [{id: c, working_days: [monday]}]\nrules: []\n", "policy.bad_value"),
    ("clocks: [{id: k, due: 15 days}]\nrules: []\n", "policy.bad_duration"),
    ("remedies: [{id: v, monetary: yes}]\nrules: []\n", "policy.wrong_type"),
]


def refuses_mistakes(redress, validator):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for mistake, code in MISTAKES:
            text = MINIMAL + mistake
            if validator.is_valid(yaml.load(text, Loader=Yaml12Loader)):
                problems.append(f"the schema accepts {mistake.strip()!r}")
            path = pathlib.Path(tmp) / "mistake.yaml"
            path.write_text(text)
            codes = {d.get("code") for d in check(redress, path)[1]}
            if code not in codes:
                problems.append(f"the loader gives no {code} for {mistake.strip()!r}: {codes}")
    return problems


def validate(redress, source):
    validator = jsonschema.Draft7Validator(load_schema(source))
    shipped, others = policy_files(source)
    problems = []
    accepted = 0
    for path in shipped + others:
        if path in others and check(redress, path)[0] != 0:
            continue  # a policy the loader refuses (test data of errors) may break the schema too
        accepted += 1
        document = yaml.load(path.read_text(), Loader=Yaml12Loader)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
            problems.append(f"{path.relative_to(source)}: {where}: {error.message}")
    if len(shipped) < 4:
        sys.exit(f"only {len(shipped)} shipped policies found under {source / 'rules'}")
    problems += refuses_mistakes(redress, validator)
    if problems:
        sys.exit(SCHEMA + " and the policies disagree:\n  " +
                 "\n  ".join(problems))
    print(f"{accepted} policies valid ({len(shipped)} shipped)")


# --- in-step ----------------------------------------------------------------------------------

def resolve(schema, pointer):
    node = schema
    for part in pointer.lstrip("#/").split("/") if pointer != "#" else []:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def object_maps(node, pointer="#"):
    """Every object schema with `properties`, by JSON pointer."""
    found = {}
    if isinstance(node, dict):
        if "properties" in node and pointer not in ("#/if", "#/then", "#/else"):
            found[pointer] = node
        for key, value in node.items():
            found.update(object_maps(value, f"{pointer}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.update(object_maps(value, f"{pointer}/{i}"))
    return found


KNOWN = [re.compile(r"^known keys: (.*)$"), re.compile(r"^actions are (.*)$")]


def loader_keys(redress, folder, kind, template):
    """The keys the loader knows in the map the template probes, read from its diagnostic."""
    probe = template.replace("@KEY@", PROBE_KEY)
    policy = folder / "probe.yaml"
    if kind == "library":
        (folder / "probe-library.yaml").write_text(probe)
        policy.write_text(INCLUDING_POLICY)
    else:
        policy.write_text(probe)
    code, diagnostics = check(redress, policy)
    for d in diagnostics:
        if d.get("code") == "policy.unknown_key" and PROBE_KEY in d.get("message", ""):
            hint = d.get("hint", "")
            for pattern in KNOWN:
                match = pattern.match(hint)
                if match:
                    return {k.strip().strip("'") for k in re.split(r", | or ", match.group(1))}
            sys.exit(f"cannot read the known keys from the hint {hint!r} (probe:\n{probe})")
    sys.exit(f"the loader did not refuse the probe key {PROBE_KEY!r} in\n{probe}"
             f"(exit {code}, diagnostics {diagnostics})")


def in_step(redress, source):
    schema = load_schema(source)
    maps = object_maps(schema)
    problems = []
    for pointer in sorted(set(maps) - set(PROBES)):
        problems.append(f"the schema describes a map at {pointer} that this test does not probe: "
                        f"add where it goes in a policy to PROBES in {pathlib.Path(__file__).name}")
    for pointer in sorted(set(PROBES) - set(maps)):
        problems.append(f"PROBES names {pointer}, which is not a map with properties in the schema")
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        probed = {}
        for pointer, (kind, template) in PROBES.items():
            if pointer not in maps:
                continue
            known = loader_keys(redress, folder, kind, template)
            probed[pointer] = known
            described = set(maps[pointer]["properties"])
            where = template.replace("@KEY@", "KEY").strip()
            if pointer == "#":  # the top level holds a policy's sections and a library's
                known = known | loader_keys(redress, folder, "library", LIBRARY_ROOT)
            for key in sorted(known - described):
                problems.append(f"the loader accepts key '{key}' at {where!r} but {SCHEMA} does not "
                                f"describe it: add \"{key}\" to {pointer}/properties")
            for key in sorted(described - known):
                problems.append(f"{SCHEMA} describes key '{key}' at {pointer}/properties/{key} but "
                                f"the loader refuses it at {where!r} (policy.unknown_key)")
            if maps[pointer].get("additionalProperties") is not False:
                problems.append(f"{pointer} must say \"additionalProperties\": false, so that "
                                f"editors flag a key the loader refuses")
        library = loader_keys(redress, folder, "library", LIBRARY_ROOT)
        allowed = set(schema.get("then", {}).get("propertyNames", {}).get("enum", []))
        if library != allowed:
            problems.append(f"a clock library's top-level keys are {sorted(library)} for the loader "
                            f"but {sorted(allowed)} in {SCHEMA} #/then/propertyNames/enum")
    if problems:
        sys.exit(f"{SCHEMA} is out of step with the policy loader:\n  " + "\n  ".join(problems))
    print(f"{len(probed)} maps in step with the loader")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("validate", "in-step"):
        sys.exit(__doc__)
    redress, source = sys.argv[2], pathlib.Path(sys.argv[3])
    (validate if sys.argv[1] == "validate" else in_step)(redress, source)


if __name__ == "__main__":
    main()

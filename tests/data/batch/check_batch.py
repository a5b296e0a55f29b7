#!/usr/bin/env python3
"""Checks `redress batch` end to end (ctest cli.batch_*). Each mode runs the CLI and fails with a
message on the first difference.

  check_batch.py mixed    REDRESS DATA_DIR     good, malformed and empty lines, in order
  check_batch.py examples REDRESS DATA_DIR EXAMPLES_DIR
                                               every sample incident decided as `decide` does
  check_batch.py r1       REDRESS DATA_DIR R1_POLICY R1_SAMPLE
                                               2000 R1 incidents, -o, threads 1 == threads 2,
                                               each decision equal to `decide`'s
"""
import json
import os
import re
import subprocess
import sys
import tempfile

SUMMARY = re.compile(r"^(\d+) decided, (\d+) failed, in \d+\.\d{3} s \((\d+) decisions/s\)\n$")


def fail(message):
    sys.exit(f"FAIL: {message}")


def run(cmd, expect_exit, stdin=None):
    proc = subprocess.run(cmd, stdin=stdin, capture_output=True)
    if proc.returncode != expect_exit:
        fail(f"{' '.join(cmd)}: exit {proc.returncode}, expected {expect_exit}\n"
             f"stderr: {proc.stderr.decode(errors='replace')[:2000]}")
    return proc.stdout, proc.stderr.decode()


def check_summary(stderr, decided, failed):
    m = SUMMARY.match(stderr)
    if not m:
        fail(f"stderr is not one summary line 'N decided, M failed, in T s (R decisions/s)': {stderr!r}")
    if (int(m.group(1)), int(m.group(2))) != (decided, failed):
        fail(f"summary says {m.group(1)} decided, {m.group(2)} failed; expected {decided}, {failed}")


def lines_of(stdout, count):
    text = stdout.decode()
    if not text.endswith("\n"):
        fail("the output does not end with a newline")
    lines = text.split("\n")[:-1]
    if len(lines) != count:
        fail(f"{len(lines)} output lines for {count} input lines")
    return [json.loads(line) for line in lines]


def decide_all(redress, policy, paths):
    """`redress decide --json --trace` of each file: the reference (it uses read_incident)."""
    cmd = [redress, "decide", "--json", "--trace"] + (["--policy", policy] if policy else [])
    out, _ = run(cmd + paths, 0)
    decided = json.loads(out)
    return decided if len(paths) > 1 else [decided]


def mixed(redress, data):
    path = os.path.join(data, "mixed.jsonl")
    # Line: the incident id decided there, or the error code of its record.
    expected = ["INC-2026-0101", "error:incident.syntax", "error:incident.syntax",
                "INC-2026-0109", "error:incident.unknown_value", "error:incident.syntax", "ESC-1",
                "error:incident.syntax", "error:incident.unknown_field", "INC-2026-0102"]
    out2, err2 = run([redress, "batch", "--threads", "2", path], 1)
    records = lines_of(out2, len(expected))
    for number, (want, got) in enumerate(zip(expected, records), start=1):
        if want.startswith("error:"):
            code = want[len("error:"):]
            if got.get("line") != number or got.get("error", {}).get("code") != code:
                fail(f"line {number}: expected an error record {code}, got {json.dumps(got)[:300]}")
            if set(got) != {"line", "error", "diagnostics"} or not got["error"]["message"]:
                fail(f"line {number}: malformed error record {json.dumps(got)}")
            diags = got["diagnostics"]
            if not diags or diags[0]["code"] != code or any(d["line"] != number for d in diags):
                fail(f"line {number}: diagnostics do not name the line: {json.dumps(diags)}")
            if any(d["file"] != path for d in diags):
                fail(f"line {number}: diagnostics do not name the file: {json.dumps(diags)}")
        elif got.get("incident") != want:
            fail(f"line {number}: expected the decision for {want}, got {json.dumps(got)[:300]}")
    empty = records[2]["error"]
    if empty["message"] != "empty line":
        fail(f"line 3: expected the message 'empty line', got {empty['message']!r}")
    # A line starting with '{' is JSON: a YAML flow map there is a JSON syntax error, at its key.
    yaml_flow = records[5]["diagnostics"][0]
    if yaml_flow["column"] != 2 or not yaml_flow["message"].startswith("the incident is not valid JSON: "):
        fail(f"line 6: expected a JSON syntax error at column 2, got {json.dumps(yaml_flow)}")
    if len(records[8]["diagnostics"]) != 2:
        fail("line 9: expected both of its problems (unknown field, unknown emotion)")
    check_summary(err2, 4, 6)
    out1, err1 = run([redress, "batch", "--threads", "1", path], 1)
    if out1 != out2:
        fail("--threads 1 and --threads 2 gave different output")
    check_summary(err1, 4, 6)
    # Standard input gives the same lines; diagnostics name <stdin>.
    with open(path, "rb") as f:
        out_stdin, _ = run([redress, "batch", "--threads", "2"], 1, stdin=f)
    if out_stdin.decode().replace('"<stdin>"', json.dumps(path)) != out2.decode():
        fail("standard input gave other output than the file")
    json_whitespace(redress)
    print("mixed: ok")


def json_whitespace(redress):
    """JSON whitespace is JSON's at every entry point: a bare CR between tokens (and, in a file,
    a newline before a colon) gives the same decision in `batch` and in `decide`."""
    line = ('{"id":\r"CR-1","reported_at":\r"2026-11-25T09:30:00+08:00",'
            '"category"\r:"core.unavailable"}')
    with tempfile.TemporaryDirectory() as tmp:
        lines_path = os.path.join(tmp, "cr.jsonl")
        with open(lines_path, "w", newline="") as f:
            f.write(line + "\n")
        file_path = os.path.join(tmp, "cr.json")
        with open(file_path, "w", newline="") as f:
            f.write(line.replace('"category"\r:', '"category"\n:'))
        out, err = run([redress, "batch", "--trace", lines_path], 0)
        got = lines_of(out, 1)[0]
        if got.get("incident") != "CR-1":
            fail(f"batch: a bare CR between tokens: expected the decision for CR-1, got {json.dumps(got)[:300]}")
        want = decide_all(redress, None, [file_path])[0]
        if got != want:
            fail(f"batch and decide disagree on JSON whitespace:\n{json.dumps(got)[:600]}\n{json.dumps(want)[:600]}")
    print("json whitespace: batch == decide")


def examples(redress, data, examples_dir):
    path = os.path.join(data, "examples.jsonl")
    out, err = run([redress, "batch", "--trace", "--threads", "2", path], 0)
    names = sorted(n for n in os.listdir(examples_dir) if n.endswith((".yaml", ".json")))
    got = lines_of(out, len(names))
    want = decide_all(redress, None, [os.path.join(examples_dir, n) for n in names])
    for name, g, w in zip(names, got, want):
        if g != w:
            fail(f"{name}: batch and decide disagree:\n{json.dumps(g)[:600]}\n{json.dumps(w)[:600]}")
    check_summary(err, len(names), 0)
    print(f"examples: {len(names)} decisions equal to decide's")


def r1(redress, data, policy, sample):
    sys.path.insert(0, data)
    from r1_to_incidents import convert
    with open(sample) as f:
        incidents = [convert(json.loads(line)) for line in f if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "r1.jsonl")
        with open(path, "w") as f:
            f.writelines(json.dumps(i, separators=(",", ":")) + "\n" for i in incidents)
        outs = []
        for threads in ("1", "2"):
            out_path = os.path.join(tmp, f"out{threads}.jsonl")
            stdout, err = run([redress, "batch", "--policy", policy, "--trace", "--threads",
                               threads, path, "-o", out_path], 0)
            if stdout:
                fail("-o given, yet something was written to standard output")
            check_summary(err, len(incidents), 0)
            with open(out_path, "rb") as f:
                outs.append(f.read())
        if outs[0] != outs[1]:
            fail("--threads 1 and --threads 2 gave different output")
        got = lines_of(outs[1], len(incidents))
        for number, (g, i) in enumerate(zip(got, incidents), start=1):
            if g.get("incident") != i["id"]:
                fail(f"line {number}: expected the decision for {i['id']}, got {json.dumps(g)[:200]}")
        # Fast path parity: every incident through `decide` (read_incident), each its own file.
        sample_paths = []
        for k in range(len(incidents)):
            p = os.path.join(tmp, f"i{k}.json")
            with open(p, "w") as f:
                json.dump(incidents[k], f)
            sample_paths.append(p)
        want = decide_all(redress, policy, sample_paths)
        for k, w in zip(range(len(incidents)), want):
            if got[k] != w:
                fail(f"line {k + 1}: batch and decide disagree:\n{json.dumps(got[k])[:600]}\n{json.dumps(w)[:600]}")
    print(f"r1: {len(incidents)} decided in order; threads 1 == threads 2; "
          f"{len(sample_paths)} equal to decide's")


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    {"mixed": mixed, "examples": examples, "r1": r1}[mode](*args)

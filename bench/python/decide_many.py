"""decide_many against `redress batch` on the same JSON lines: decisions per second, lines read
from a file, in two ways: Decision objects taken and counted ("objects"), and decisions written
to a file as JSON lines ("written", end to end as batch is), whose output is compared with
batch's byte for byte.

    PYTHONPATH=<build>/python python3 bench/python/decide_many.py POLICY INCIDENTS.jsonl \
        --batch <build>/redress [--threads N] [--runs 3]

Prints one line per run and the ratio of the medians (the target is at least 0.8).
"""
import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time

import redress


def objects_run(policy, incidents, threads):
    start = time.perf_counter()
    with open(incidents, encoding="utf-8") as lines:
        taken = sum(1 for _ in policy.decide_many(lines, threads=threads, errors="return"))
    assert taken > 0
    return time.perf_counter() - start


def python_run(policy, incidents, out, threads):
    start = time.perf_counter()
    with open(incidents, encoding="utf-8") as lines, open(out, "w", encoding="utf-8") as sink:
        write = sink.write
        for d in policy.decide_many(lines, threads=threads, errors="return"):
            write(d.to_json() if isinstance(d, redress.Decision) else f"error: {d}")
            write("\n")
    return time.perf_counter() - start


def batch_run(cli, policy_path, incidents, out, threads):
    command = [cli, "batch", "--policy", policy_path, incidents, "-o", out]
    if threads:
        command += ["--threads", str(threads)]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("policy")
    parser.add_argument("incidents")
    parser.add_argument("--batch", help="the redress CLI, to compare with `redress batch`")
    parser.add_argument("--threads", type=int)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    policy = redress.Policy.load(args.policy)
    with open(args.incidents, "rb") as f:
        count = sum(1 for _ in f)
    tmp = tempfile.mkdtemp()
    py_out, cli_out = os.path.join(tmp, "python.jsonl"), os.path.join(tmp, "batch.jsonl")
    py_times, cli_times, object_times = [], [], []
    for run in range(args.runs):
        object_times.append(objects_run(policy, args.incidents, args.threads))
        py_times.append(python_run(policy, args.incidents, py_out, args.threads))
        line = (f"run {run + 1}: decide_many objects {count / object_times[-1]:,.0f}/s, "
                f"written {count / py_times[-1]:,.0f}/s")
        if args.batch:
            cli_times.append(batch_run(args.batch, args.policy, args.incidents, cli_out,
                                       args.threads))
            line += f", redress batch {count / cli_times[-1]:,.0f}/s"
        print(line, flush=True)
    py_rate = count / statistics.median(py_times)
    object_rate = count / statistics.median(object_times)
    print(f"{count:,} incidents, medians of {args.runs}: decide_many objects {object_rate:,.0f}/s, "
          f"written {py_rate:,.0f}/s")
    if args.batch:
        cli_rate = count / statistics.median(cli_times)
        same = filecmp.cmp(py_out, cli_out, shallow=False)
        print(f"redress batch {cli_rate:,.0f}/s; ratios: objects {object_rate / cli_rate:.2f}, "
              f"written {py_rate / cli_rate:.2f}; outputs {'identical' if same else 'DIFFER'}")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

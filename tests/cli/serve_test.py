#!/usr/bin/env python3
"""`redress serve` as operators run it: starts on an ephemeral port, decides, reloads on
SIGHUP (keeping the policy when the new file does not compile), and exits 0 on SIGTERM after
answering. Usage: serve_test.py REDRESS RULES_DIR EXAMPLES_DIR"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

redress, rules, examples = sys.argv[1:4]
work = tempfile.mkdtemp(prefix="redress-serve-cli-")
policy = os.path.join(work, "policy.yaml")
shutil.copy(os.path.join(rules, "hotel.yaml"), policy)
log = os.path.join(work, "decisions.jsonl")

server = subprocess.Popen([redress, "serve", "--policy", policy, "--listen", "127.0.0.1:0",
                           "--threads", "2", "--decision-log", log],
                          stderr=subprocess.PIPE, text=True)
try:
    banner = server.stderr.readline()
    match = re.search(r"listening on http://127\.0\.0\.1:(\d+) with hotel ", banner)
    assert match, banner
    base = "http://127.0.0.1:" + match.group(1)

    def call(path, body=None, content_type=None):
        request = urllib.request.Request(base + path, data=body)
        if content_type:
            request.add_header("Content-Type", content_type)
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()

    with open(os.path.join(examples, "hotel", "overbooked-walk.yaml"), "rb") as f:
        status, body = call("/v1/decide", f.read(), "application/yaml")
    assert status == 200, status
    before = json.loads(body)["policy"]["hash"]
    assert json.loads(call("/v1/policy")[1])["hash"] == before

    # A broken file is reported and the policy in force kept.
    with open(policy, "w") as f:
        f.write("policy: [broken\n")
    server.send_signal(signal.SIGHUP)
    line = server.stderr.readline()
    while "NOT reloaded" not in line:
        line = server.stderr.readline()
        assert line, "no reload report"
    assert json.loads(call("/v1/policy")[1])["hash"] == before

    shutil.copy(os.path.join(rules, "default.yaml"), policy)
    server.send_signal(signal.SIGHUP)
    line = server.stderr.readline()
    while " reloaded; in force: default " not in line:
        line = server.stderr.readline()
        assert line, "no reload report"
    assert json.loads(call("/v1/policy")[1])["id"] == "default"

    server.send_signal(signal.SIGTERM)
    rest = server.stderr.read()
    assert server.wait(timeout=20) == 0, rest
    assert "redress serve: stopped" in rest, rest
    with open(log) as f:
        records = [json.loads(line) for line in f]
    assert len(records) == 1 and records[0]["policy"]["id"] == "hotel", records
    print("ok")
finally:
    if server.poll() is None:
        server.kill()
    shutil.rmtree(work)

"""A real distributed.LocalCluster of two worker processes: results equal local decisions (and
`redress batch` line for line, when the CLI is built), and each worker compiles a policy once."""
import json
import os
import subprocess

import dask.dataframe as dd
import pandas as pd
import pytest

import redress
import redress.dask
import redress.pandas
import redress.replay
from bank_cases import bank_incidents, candidate_name, candidate_yaml
from conftest import RULES

distributed = pytest.importorskip("distributed")

PARTITIONS = 6


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster:
        with distributed.Client(cluster) as client:
            client.wait_for_workers(2)
            yield client


def test_decisions_and_replay_on_two_worker_processes(client, bank, tmp_path):
    cases = bank_incidents(90)
    cases[10]["category"] = "core.nope"  # a line that fails, in place
    frame = pd.json_normalize(cases)
    ddf = dd.from_pandas(frame, npartitions=PARTITIONS)
    candidate = redress.Policy.from_yaml(candidate_yaml(), name=candidate_name())

    decided = redress.dask.decide_frame(ddf, bank, include_json=True).compute()
    summary = redress.dask.replay_frame(ddf, bank, candidate).summary()

    # The same as deciding here, row for row.
    local = redress.pandas.decide_frame(frame, bank, include_json=True)
    pd.testing.assert_frame_equal(decided, local)
    assert decided.error[10] == "incident.unknown_value" and decided.owner[11] is not None
    assert summary == redress.replay.summarize(redress.replay.replay_cases(frame, bank, candidate))
    # The candidate's larger token moves every decided case (all but the refused line 10) past
    # the supervisor's 60 CNY.
    assert summary["owner_shift"] == {"branch_supervisor -> complaints_officer": 89}

    # Each worker process compiled each policy once, however many partitions it decided.
    stats = client.run(redress.dask.worker_stats)
    assert len(stats) == 2
    assert sum(s["partitions"] for s in stats.values()) == 2 * PARTITIONS
    for s in stats.values():
        if s["partitions"]:
            assert s["compilations"] == {bank.hash: 1, candidate.hash: 1}
    assert sum(s["partitions"] > 0 for s in stats.values()) >= 1

    # Line for line what `redress batch` writes for the same JSON lines.
    cli = os.environ.get("REDRESS_CLI")
    if cli:
        lines = tmp_path / "incidents.jsonl"
        lines.write_text("".join(json.dumps(c) + "\n" for c in cases))
        out = subprocess.run([cli, "batch", "--policy", str(RULES / "bank.yaml"), str(lines)],
                             capture_output=True, text=True, check=False).stdout.splitlines()
        assert len(out) == len(cases)
        for i, line in enumerate(out):
            if i == 10:
                assert json.loads(line)["error"]["code"] == "incident.unknown_value"
            else:
                assert line == decided.decision[i], f"line {i + 1}"

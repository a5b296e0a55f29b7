"""Deciding many incidents on the batch pipeline: order, errors in place, streaming, early exit."""
import itertools
import json

import pytest

import redress
from conftest import incident

CATEGORIES = ["core.unavailable", "core.slow", "process.billing", "conduct.rude",
              "recovery.unresolved"]


def mixed(n):
    return [incident(i, CATEGORIES[i % len(CATEGORIES)], magnitude=["minor", "major"][i % 2])
            for i in range(n)]


def test_equals_deciding_one_by_one_in_order(default):
    cases = mixed(1000)
    many = list(default.decide_many(cases, threads=2))
    assert [d.incident for d in many] == [f"T-{i}" for i in range(1000)]
    assert [d.to_json() for d in many] == [default.decide(c).to_json() for c in cases]
    assert len({d.owner for d in many}) > 1  # the cases really differ


def test_json_strings_and_pretty_json(default):
    texts = [json.dumps(c, indent=2) for c in mixed(5)]  # several lines each
    assert [d.incident for d in default.decide_many(texts)] == [f"T-{i}" for i in range(5)]


def test_errors_returned_in_place(default):
    cases = [incident(0), incident(1, "core.nope"), "", '{"id": ', incident(4)]
    results = list(default.decide_many(cases, errors="return"))
    assert [type(r).__name__ for r in results] == ["Decision", "IncidentError", "IncidentError",
                                                   "IncidentError", "Decision"]
    unknown, blank, broken = results[1:4]
    assert (unknown.index, unknown.code, unknown.line) == (1, "incident.unknown_value", 2)
    assert unknown.column == json.dumps(cases[1], separators=(",", ":")).index('"core.nope"') + 1
    assert (blank.index, broken.index, broken.code) == (2, 3, "incident.syntax")
    assert str(unknown).startswith("incident #1: ")


def test_errors_raise_at_the_failing_incident(default):
    seen = []
    with pytest.raises(redress.IncidentError) as caught:
        for d in default.decide_many([incident(0), incident(1, "core.nope"), incident(2)]):
            seen.append(d.incident)
    assert seen == ["T-0"] and caught.value.index == 1


def test_streams_an_endless_iterable_and_stops_on_break(default):
    endless = (incident(i) for i in itertools.count())
    first = list(itertools.islice(default.decide_many(endless, threads=2), 2500))
    assert first[-1].incident == "T-2499"
    # The pipeline was stopped: the policy decides again at once.
    assert default.decide(incident(7)).incident == "T-7"


def test_stopping_while_the_source_runs_ahead(default):
    # Stopping while the puller waits for room, again and again: it must never wait for the GIL
    # while holding a lock the stopping thread needs.
    for run in range(30):
        endless = (incident(i) for i in itertools.count())
        stream = default.decide_many(endless, threads=1)
        assert next(stream).incident == "T-0"
        stream.close()


def test_decisions_come_before_the_source_ends(default):
    # The source waits for the first decision before it yields the second: the first incident
    # must be decided and handed over while the source is still open.
    import threading

    got_first = threading.Event()

    def source():
        yield incident(0)
        assert got_first.wait(timeout=30), "no decision came while the source was open"
        yield incident(1)

    seen = []
    for d in default.decide_many(source()):
        seen.append(d.incident)
        got_first.set()
    assert seen == ["T-0", "T-1"]


def test_what_the_iterable_raises_comes_after_the_incidents_before_it(default):
    def failing():
        yield incident(0)
        yield incident(1)
        raise KeyError("source broke")

    seen = []
    with pytest.raises(KeyError, match="source broke"):
        for d in default.decide_many(failing()):
            seen.append(d.incident)
    assert seen == ["T-0", "T-1"]


def test_one_thread_on_a_list_decides_inline_with_the_same_results(default):
    # Errors on both sides of the 1,024-incident chunks the inline path decides at a time.
    cases = mixed(2100)
    for i in (3, 1023, 1024, 2099):
        cases[i] = incident(i, "core.nope")
    cases[1500] = json.dumps(cases[1500], indent=2).encode()  # bytes over several lines
    cases[1501] = ""

    def outcome(result):
        if isinstance(result, redress.IncidentError):
            return (result.index, result.code, result.line, result.column, str(result))
        return result.to_json()

    inline = list(default.decide_many(cases, threads=1, errors="return"))
    piped = list(default.decide_many(iter(cases), threads=1, errors="return"))
    assert [outcome(r) for r in inline] == [outcome(r) for r in piped]
    errors = [r for r in inline if isinstance(r, redress.IncidentError)]
    assert [(e.index, e.line) for e in errors] == [(3, 4), (1023, 1024), (1024, 1025),
                                                   (1501, 1502), (2099, 2100)]
    assert inline[1500].incident == "T-1500"
    with pytest.raises(redress.IncidentError) as caught:
        list(default.decide_many(cases, threads=1))
    assert caught.value.index == 3


def test_an_item_that_is_no_incident_is_a_type_error(default):
    with pytest.raises(TypeError):
        list(default.decide_many([incident(0), 3.5]))
    with pytest.raises(TypeError):
        list(default.decide_many([incident(0), 3.5], threads=1))


def test_arguments_are_checked(default):
    with pytest.raises(ValueError):
        default.decide_many([], errors="ignore")
    with pytest.raises(ValueError):
        default.decide_many([], threads=0)
    assert list(default.decide_many([])) == []


def test_trace(default):
    (d,) = default.decide_many([incident(0)], trace=True)
    assert len(d.trace) > 0


def test_exit_with_a_stream_still_deciding():
    # The interpreter ends threads that ask for the GIL while it finalizes: the pipeline is
    # closed at exit first, so leaving with an endless stream alive exits cleanly.
    import subprocess
    import sys

    script = ("import itertools, redress\n"
              "p = redress.Policy.default()\n"
              "s = p.decide_many({'id': f'T-{i}', 'reported_at': '2026-11-25T09:30:00+08:00',"
              " 'category': 'core.unavailable'} for i in itertools.count())\n"
              "print(next(s).incident)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "T-0\n", "")

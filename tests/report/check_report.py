#!/usr/bin/env python3
"""Renders the replay report in headless Chromium and checks what a reader would see.

usage: check_report.py --redress BIN --chromium BIN --baseline P --candidate P --cases FILE
                       --work DIR [--pictures N]

Runs `redress replay --report` on the cases, loads the page with `chromium --headless
--dump-dom`, and checks: no console message (an uncaught error is one), the page's script ran
(data-ready), each chart's bars carry the summary's figures (from --summary-json) with heights in
proportion, the changed-cases table has one row per changed case, and N policy pictures are SVG.
Then it breaks a copy of the page's script and requires the check to catch the console error,
so that the check itself cannot pass vacuously. Exit 77 (skipped) when Chromium is absent.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

PLOT = 200  # src/report/bar_chart.cpp: the height of the largest bar


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def start(chromium, page, profile):
    return subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
         "--v=0", "--user-data-dir=" + profile, "--dump-dom", "file://" + os.path.abspath(page)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process):
    """The DOM a render dumped and the console messages it logged."""
    out, err = process.communicate(timeout=120)
    return out, [l for l in err.splitlines() if ":CONSOLE" in l]


def bars(dom, chart):
    figure = re.search(r'<figure id="chart-%s">(.*?)</figure>' % chart, dom, re.S)
    if not figure:
        fail("no figure chart-%s in the rendered page" % chart)
    return [(m.group(1), int(m.group(2)), int(m.group(3))) for m in re.finditer(
        r'<rect class="bar" data-series="([^"]*)" data-value="(-?\d+)"[^>]* height="(\d+)"',
        figure.group(1))]


def check_chart(dom, chart, expected):
    got = bars(dom, chart)
    if [(s, v) for s, v, _ in got] != expected:
        fail("chart-%s shows %s, the summary says %s" % (chart, got, expected))
    largest = max([abs(v) for _, v, _ in got] + [0])
    for series, value, height in got:
        want = (abs(value) * PLOT + largest // 2) // largest if largest else 0
        if height != want:
            fail("chart-%s: bar %s=%d is %d px high, expected %d" % (chart, series, value,
                                                                   height, want))


def check(dom, console, summary, pictures):
    if console:
        fail("console messages:\n" + "\n".join(console))
    if 'data-ready="yes"' not in dom:
        fail("the page's script did not run to its end")
    check_chart(dom, "cost", [x for b in summary["cost_histogram"]
                              for x in (("baseline", b["before"]), ("candidate", b["after"]))])
    check_chart(dom, "owners", [x for o in summary["owners"]
                                for x in (("baseline", o["before"]), ("candidate", o["after"]))])
    check_chart(dom, "rules", [("change", r["delta"]) for r in summary["rules"][:20]])
    rows = re.search(r'<table id="cases">.*?<tbody>(.*?)</tbody>', dom, re.S).group(1)
    if rows.count("<tr>") != min(summary["changed"], 1000):
        fail("%d changed-case rows for %d changed cases" % (rows.count("<tr>"),
                                                            summary["changed"]))
    shown = re.search(r'<span id="shown-count">(\d+)</span>', dom)
    if not shown or int(shown.group(1)) != min(summary["changed"], 1000):
        fail("the filter's count is wrong: %s" % (shown.group(1) if shown else None))
    svgs = len(re.findall(r'<div class="picture">\s*<svg', dom))
    if svgs != pictures:
        fail("%d policy pictures as SVG, expected %d" % (svgs, pictures))


def main():
    ap = argparse.ArgumentParser()
    for name in ("redress", "chromium", "baseline", "candidate", "cases", "work"):
        ap.add_argument("--" + name, required=True)
    ap.add_argument("--pictures", type=int, default=4)
    a = ap.parse_args()
    if not shutil.which(a.chromium):
        print("chromium is not installed: skipped")
        sys.exit(77)
    os.makedirs(a.work, exist_ok=True)
    page = os.path.join(a.work, "report.html")
    summary_file = os.path.join(a.work, "report-summary.json")
    run = subprocess.run([a.redress, "replay", "--baseline", a.baseline, "--candidate",
                          a.candidate, a.cases, "-o", os.devnull, "--report", page,
                          "--summary-json", summary_file], capture_output=True, text=True)
    if not os.path.exists(page):
        fail("no report written (exit %d): %s" % (run.returncode, run.stderr))
    html = open(page, encoding="utf-8").read()
    if re.search(r'(src|href)="(https?:)?//', html):
        fail("the report loads something from the network")
    summary = json.load(open(summary_file, encoding="utf-8"))
    # The check must catch a broken page too (an uncaught error in its script): both pages are
    # rendered at once.
    broken = os.path.join(a.work, "report-broken.html")
    open(broken, "w", encoding="utf-8").write(
        html.replace("  apply();\n", "  apply();\n  notAFunction();\n", 1))
    good_run = start(a.chromium, page, os.path.join(a.work, "profile-good"))
    broken_run = start(a.chromium, broken, os.path.join(a.work, "profile-broken"))
    dom, console = finish(good_run)
    broken_dom, broken_console = finish(broken_run)
    check(dom, console, summary, a.pictures)
    if not broken_console or 'data-ready="yes"' in broken_dom:
        fail("a script error in the page went unnoticed")
    print("report OK: %d charts checked against the summary, no console message" % 3)


if __name__ == "__main__":
    main()

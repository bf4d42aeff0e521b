"""What happened to each call (README, "What happened to each call"): the
verdicts, delays and transaction faults on the frames captures/build.py put
them (test_frames.py checks those, frame by frame), and here the Calls branch
of the statistics: calls by verdict, the RFC 6076 ratios (N of M) and delays
(count, average, min, max), the transaction faults; with two passes, where the
end of the capture is known, and in one pass, which never reaches it.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import re

import pytest

from conftest import manifest, scenarios

FAULTS = ["sipdiag.expert.final_not_acked", "sipdiag.expert.no_final"]


def rows(text):
    """label -> the numbers of its row in -z sipdiag,tree (Count, then Average, Min, Max for delays)."""
    out = {}
    for line in text.split("Calls", 1)[1].splitlines():
        m = re.match(r"^\s*(\S.*?)\s{2,}(\d.*)$", line)
        if m:
            out[m.group(1).strip()] = m.group(2).split()
    return out


def children(text, parent):
    """label -> count of the rows right under `parent` (one more space of indent)."""
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if l.strip().startswith(parent + "  "))
    indent = len(lines[start]) - len(lines[start].lstrip())
    out = {}
    for l in lines[start + 1:]:
        ind = len(l) - len(l.lstrip())
        if ind <= indent or not l.strip():
            break
        m = re.match(r"^\s*(\S.*?)\s{2,}(\d+)\s", l)
        if ind == indent + 1 and m:
            out[m.group(1)] = int(m.group(2))
    return out


@pytest.fixture(scope="module")
def want():
    return manifest("calls")["summary"]["rfc6076"]


def test_verdicts_two_passes(tshark, want):
    text = tshark.run("calls", "-2", "-q", "-z", "sipdiag,tree")
    assert children(text, "By verdict") == want["By verdict"]


@pytest.mark.parametrize("mode", [["-2"], []], ids=["two-passes", "one-pass"])
def test_ratios(tshark, want, mode):
    """Each ratio: M on its row, N on its child; the unknown call is left out. One pass counts the same
    here: every call of this capture but the cut-off one ends before the capture does."""
    text = tshark.run("calls", *mode, "-q", "-z", "sipdiag,tree")
    r = rows(text)
    for label, (n, m) in want["ratios"].items():
        assert int(r[label][0]) == m, "%s: M is %s, want %d" % (label, r[label][0], m)
        kids = children(text, label)
        assert sum(kids.values()) == n, "%s: N is %s, want %d" % (label, kids, n)


@pytest.mark.parametrize("mode", [["-2"], []], ids=["two-passes", "one-pass"])
def test_delays(tshark, want, mode):
    r = rows(tshark.run("calls", *mode, "-q", "-z", "sipdiag,tree"))
    for label, (count, avg, lo, hi) in want["averages"].items():
        got = r[label]
        assert int(got[0]) == count, "%s: count %s, want %d" % (label, got[0], count)
        assert float(got[1]) == pytest.approx(avg, abs=0.01), "%s: average %s, want %s" % (label, got[1], avg)
        assert float(got[2]) == pytest.approx(lo, abs=1e-4), "%s: min %s, want %s" % (label, got[2], lo)
        assert float(got[3]) == pytest.approx(hi, abs=1e-4), "%s: max %s, want %s" % (label, got[3], hi)


@pytest.mark.parametrize("mode", [["-2"], []], ids=["two-passes", "one-pass"])
def test_faults_counted_once(tshark, want, mode):
    text = tshark.run("calls", *mode, "-q", "-z", "sipdiag,tree")
    assert children(text, "Transaction faults") == want["faults"]


def test_one_pass_leaves_the_cut_off_call_out(tshark):
    """One pass never reaches the end: the call the capture cuts off gets no verdict at all."""
    text = tshark.run("calls", "-q", "-z", "sipdiag,tree")
    assert "unknown: cut off by the capture" not in children(text, "By verdict")


@pytest.mark.parametrize("two_pass", [False, True], ids=["one-pass", "two-passes"])
@pytest.mark.parametrize("capture", scenarios())
def test_faults_only_where_expected(tshark, capture, two_pass):
    """final_not_acked and no_final fire only where a flow calls for them, in every scenario capture."""
    frames = tshark.pdml(capture, two_pass=two_pass)
    found = {n for n, info in frames.items() if any(x in FAULTS for x in info["experts"])}
    wanted = set()
    for e in manifest(capture)["frames"]:
        w = dict(e.get("expect", {}))
        w.update(w.get("two_pass" if two_pass else "one_pass", {}))
        if any(x in FAULTS for x in w.get("experts", [])):
            wanted.add(e["frame"])
    assert found == wanted

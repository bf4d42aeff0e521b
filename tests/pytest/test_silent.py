"""Failures that leave no error response (README, "Failures without an error
response"): the statistics branch, one pass and two passes, and that these
findings appear in the scenario captures exactly where the manifests put them
(captures/build.py wrote them from the flows: timers, counts, times).

SPDX-License-Identifier: GPL-2.0-or-later
"""

import pytest

from conftest import manifest, scenarios
from test_transactions import stats_counts

SILENT_EXPERTS = ["sipdiag.expert.no_response", "sipdiag.expert.no_ack", "sipdiag.expert.challenge_unanswered",
                  "sipdiag.expert.auth_attack", "sipdiag.expert.retry_after_ignored",
                  "sipdiag.expert.icmp_unreachable"]
UNKNOWN = "Unknown: the capture ended before the request's 32 s"


def branch(text):
    """The counts under "Failures without an error response"."""
    part = text.split("Failures without an error response", 1)
    assert len(part) == 2, "no 'Failures without an error response' branch"
    return stats_counts(part[1])


def test_statistics_two_passes(tshark):
    """With two passes the end of the capture is known: the unjudged requests are counted as unknown."""
    counts = branch(tshark.run("silent", "-2", "-q", "-z", "sipdiag,tree"))
    want = manifest("silent")["summary"]["silent_stats"]
    for label, n in want.items():
        assert counts.get(label) == n, "%s counted %s, want %d" % (label, counts.get(label), n)


def test_statistics_one_pass(tshark):
    """One pass never reaches the end of the capture: no unknowns, the rest the same."""
    counts = branch(tshark.run("silent", "-q", "-z", "sipdiag,tree"))
    for label, n in manifest("silent")["summary"]["silent_stats"].items():
        assert counts.get(label) == (None if label == UNKNOWN else n), "%s counted %s" % (label, counts.get(label))



def expected_frames(capture, two_pass):
    """Frames whose manifest says they carry one of these findings."""
    out = set()
    for e in manifest(capture)["frames"]:
        want = dict(e.get("expect", {}))
        want.update(want.get("two_pass" if two_pass else "one_pass", {}))
        if any(x in SILENT_EXPERTS for x in want.get("experts", [])):
            out.add(e["frame"])
    return out


@pytest.mark.parametrize("two_pass", [False, True], ids=["one-pass", "two-passes"])
@pytest.mark.parametrize("capture", scenarios())
def test_findings_only_where_expected(tshark, capture, two_pass):
    """No timer, counter or ICMP finding fires where the flow does not call for one."""
    frames = tshark.pdml(capture, two_pass=two_pass)
    found = {n for n, info in frames.items() if any(x in SILENT_EXPERTS for x in info["experts"])}
    assert found == expected_frames(capture, two_pass)

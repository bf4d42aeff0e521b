"""Transactions one hop at a time (RFC 3261 §17): which request each response
answers, retransmissions, capture duplicates, what the capture cannot show,
credentials judged on the nonce, refused re-INVITEs, clock jumps.

Every expectation comes from the capture's manifest (captures/build.py), where
it was written from the messages of the flow.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import os
import re
import subprocess
import sys
import tempfile

import pytest

from conftest import CAPTURES, manifest, response_frames

SCENARIOS = ["hop-proxy", "hop-copies", "cancel-unseen", "auth-nonce", "reinvite-refused", "tcp-retrans",
             "clock-jump", "ipv6-rfc2543"]
FIELDS = ["sipdiag.request_frame", "sipdiag.retransmission", "sipdiag.duplicate", "sipdiag.related_frame",
          "sipdiag.dialog_impact", "sipdiag.ack_frame"]


def frames_with_expectations():
    out = []
    for name in SCENARIOS:
        out += [pytest.param(name, e, id="%s:%d" % (name, e["frame"])) for name, e in response_frames(name)]
    return out


def shown(value):
    """How a manifest value appears in PDML's show attribute."""
    if value is True:
        return "1"
    return str(value)


def check_frame(frames, capture, entry, two_pass=False):
    got = frames.get(entry["frame"], {"fields": {}, "experts": [], "messages": []})
    want = dict(entry["expect"])
    # The ACK comes after its response: one pass cannot show it there (README, Context).
    if "sipdiag.ack_frame" in want and not two_pass:
        want["sipdiag.ack_frame"] = None
    where = "%s frame %d (%s)" % (capture, entry["frame"], entry.get("note", ""))
    for field in FIELDS:
        if field not in want:
            continue
        values = got["fields"].get(field, [])
        if want[field] is None:
            assert values == [], "%s: %s should be absent, is %s" % (where, field, values)
        elif field == "sipdiag.dialog_impact":
            assert values and values[0].startswith(want[field]), "%s: %s is %s" % (where, field, values)
        else:
            assert values == [shown(want[field])], "%s: %s is %s, want %s" % (where, field, values, want[field])
    if "context" in want:
        ctx = got["fields"].get("sipdiag.context", [])
        assert any(want["context"] in c for c in ctx), "%s: context %s lacks %r" % (where, ctx, want["context"])
    for e in want.get("experts", []):
        assert e in got["experts"], "%s: expert item %s missing (has %s)" % (where, e, got["experts"])
    for e in want.get("no_experts", []):
        assert e not in got["experts"], "%s: expert item %s present" % (where, e)
    if "clock_jump_from" in want:
        assert any("between frame %d and this frame" % want["clock_jump_from"] in m for m in got["messages"]), \
            "%s: clock jump message %s" % (where, got["messages"])


@pytest.mark.parametrize("capture,entry", frames_with_expectations())
def test_one_pass(tshark, capture, entry):
    check_frame(tshark.pdml(capture), capture, entry)


@pytest.mark.parametrize("capture,entry", frames_with_expectations())
def test_two_passes(tshark, capture, entry):
    """-2 shows what the first pass decided, on the same frames."""
    check_frame(tshark.pdml(capture, two_pass=True), capture, entry, two_pass=True)


def stats_counts(text):
    """label -> count from -z sipdiag,tree."""
    counts = {}
    for line in text.splitlines():
        m = re.match(r"^\s*(\S.*?)\s{2,}(\d+)\s", line)
        if m:
            counts[m.group(1).strip()] = int(m.group(2))
    return counts


@pytest.mark.parametrize("capture", [n for n in SCENARIOS if "stats" in manifest(n).get("summary", {})])
def test_statistics_count_each_response_once_per_hop(tshark, capture):
    counts = stats_counts(tshark.run(capture, "-q", "-z", "sipdiag,tree"))
    for label, n in manifest(capture)["summary"]["stats"].items():
        assert counts.get(label) == n, "%s: %s counted %s, want %d" % (capture, label, counts.get(label), n)


def test_refused_reinvite_is_not_a_failed_call(tshark):
    text = tshark.run("reinvite-refused", "-q", "-z", "sipdiag,tree")
    summary = manifest("reinvite-refused")["summary"]
    failed = text.split("Failed calls", 1)[1].split("Refused re-INVITEs", 1)[0]
    refused = text.split("Refused re-INVITEs", 1)[1]
    for cid in summary["failed_calls"]:
        assert cid in failed, "%s not listed as failed" % cid
    for cid in summary["refused"]:
        assert cid not in failed, "%s listed as failed" % cid
        assert cid in refused, "%s not listed as a refused re-INVITE" % cid
    assert "ri-1@10.2.0.10" not in failed


def test_captures_are_what_the_builder_writes():
    """The committed scenario captures and manifests equal a fresh build."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, os.path.join(CAPTURES, "build.py"), "--out", out] + SCENARIOS, check=True,
                       capture_output=True)
        for name in SCENARIOS:
            for ext in (".pcap", ".json"):
                with open(os.path.join(out, name + ext), "rb") as a, open(os.path.join(CAPTURES, name + ext),
                                                                          "rb") as b:
                    assert a.read() == b.read(), "%s%s differs from what captures/build.py writes" % (name, ext)

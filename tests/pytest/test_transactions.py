"""Transactions one hop at a time (RFC 3261 §17), beyond the per-frame checks
of test_frames.py: statistics counted once per hop, refused re-INVITEs apart
from failed calls, and the scenario captures as the builder writes them.

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

from conftest import CAPTURES, manifest

SCENARIOS = ["hop-proxy", "hop-copies", "cancel-unseen", "auth-nonce", "reinvite-refused", "tcp-retrans",
             "clock-jump", "ipv6-rfc2543"]
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
    """Every committed scenario capture and manifest equals a fresh build."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, os.path.join(CAPTURES, "build.py"), "--out", out], check=True,
                       capture_output=True)
        built = sorted(os.listdir(out))
        assert set(SCENARIOS) <= {f[:-5] for f in built if f.endswith(".pcap")}
        for name in built:
            with open(os.path.join(out, name), "rb") as a, open(os.path.join(CAPTURES, name), "rb") as b:
                assert a.read() == b.read(), "%s differs from what captures/build.py writes" % name

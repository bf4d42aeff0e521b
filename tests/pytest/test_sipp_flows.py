"""Real call flows between two sipp instances on loopback (captures/sipp-*.pcap,
recorded by captures/record-sipp.sh): each response, its severity and the
method it answers, frame by frame.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import pytest

# frame:code:severity:method of every response
FLOWS = [
    pytest.param("sipp-call-200", "2:180:chat:INVITE 3:200:chat:INVITE 6:200:chat:BYE", id="basic-call"),
    pytest.param("sipp-busy-486", "2:100:chat:INVITE 3:486:note:INVITE", id="busy-callee"),
    # 487 after the CANCEL is normal (chat)
    pytest.param("sipp-cancel-487", "2:100:chat:INVITE 3:180:chat:INVITE 5:200:chat:CANCEL 6:487:chat:INVITE",
                 id="caller-cancels"),
    pytest.param("sipp-503-retry-after", "2:100:chat:INVITE 3:503:error:INVITE", id="server-unavailable"),
    pytest.param("sipp-488-warning", "2:100:chat:INVITE 3:488:warning:INVITE", id="media-not-acceptable"),
    pytest.param("sipp-auth-401",
                 "2:401:chat:INVITE 5:100:chat:INVITE 6:180:chat:INVITE 7:200:chat:INVITE 10:200:chat:BYE",
                 id="digest-challenge-then-the-call"),
    pytest.param("sipp-tcp-call", "6:100:chat:INVITE 8:180:chat:INVITE 10:200:chat:INVITE 16:200:chat:BYE",
                 id="call-over-tcp"),
]


def by_frame(lines):
    """frame -> code:severity:method"""
    return {l.split(":", 1)[0]: l.split(":", 1)[1] if ":" in l else "" for l in lines}


@pytest.mark.parametrize("capture, want", FLOWS)
def test_flow(tshark, capture, want):
    out = tshark.run(capture, "-Y", "sipdiag.code", "-T", "fields", "-E", "separator=:", "-e", "frame.number", "-e",
                     "sipdiag.code", "-e", "sipdiag.severity", "-e", "sipdiag.method")
    got = out.rstrip("\n").split("\n") if out.strip("\n") else []
    assert by_frame(got) == by_frame(want.split(" ")), "%s: frame -> code:severity:method" % capture
    assert got == want.split(" "), "%s: responses out of order" % capture


def test_demo_responses_that_need_a_human(tshark):
    """The demo capture is these failure flows back to back: 10 + 7 + 4 + 4 + 4 frames."""
    out = tshark.run("demo", "-Y", '_ws.expert.severity >= "Warning"', "-T", "fields", "-e", "frame.number", "-e",
                     "sipdiag.code")
    assert out.rstrip("\n").split("\n") == ["24\t503", "28\t488"], "demo: frame, code of warnings and errors"


def tsv_codes(capture):
    """frame -> status codes from the capture's TSV manifest (what was recorded, not sipdiag's reading)."""
    import csv
    import os
    from conftest import CAPTURES
    with open(os.path.join(CAPTURES, capture + ".tsv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return {r["frame"]: r["codes"] for r in rows if r["codes"]}


@pytest.mark.parametrize("capture", ["demo"] + [p.values[0] for p in FLOWS])
def test_manifest_matches_the_capture(tshark, capture):
    """Each recorded capture's manifest (demo.tsv: the five failure flows one after another) names the
    responses tshark finds in it, frame by frame."""
    out = tshark.run(capture, "-Y", "sipdiag.code", "-T", "fields", "-E", "separator=:", "-e", "frame.number",
                     "-e", "sipdiag.code")
    got = dict(l.split(":", 1) for l in out.split("\n") if l)
    assert got == tsv_codes(capture)

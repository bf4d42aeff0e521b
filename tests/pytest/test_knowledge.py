"""Knowledge per (code, method), beyond the per-frame checks of test_frames.py
(sipdiag.knowledge and severity per frame of methods.pcap): no advice written
for INVITE reaches the answers to other methods, and every row is exercised.

Expectations come from the manifest of captures/methods.pcap (captures/build.py).

SPDX-License-Identifier: GPL-2.0-or-later
"""

import os
import re

import pytest

from conftest import frames_with_expectations, response_frames

# Words that only fit an INVITE (a call being set up): ACK, ringing, codecs, the dialled number.
INVITE_WORDS = re.compile(r"\bACK(ed)?\b|ringback|\bcodecs?\b|dialled|\bSDP\b")
# Rows that speak of an INVITE on purpose: a CANCEL is about one.
ABOUT_AN_INVITE = {"200/CANCEL", "481/CANCEL", "401/CANCEL-ACK", "407/CANCEL-ACK"}


def other_methods():
    """The answers to methods other than INVITE, rows about an INVITE aside."""
    return [p for p in frames_with_expectations(["methods"])
            if "sipdiag.knowledge" in p.values[1]["expect"] and p.values[1]["cseq"].split()[1] != "INVITE"
            and p.values[1]["expect"]["sipdiag.knowledge"] not in ABOUT_AN_INVITE]


@pytest.mark.parametrize("capture,entry", other_methods())
def test_no_invite_advice_for_other_methods(tshark, capture, entry):
    got = tshark.pdml(capture)[entry["frame"]]
    texts = got["fields"].get("sipdiag.description", []) + got["fields"].get("sipdiag.fix", []) + got["messages"]
    for t in texts:
        assert not INVITE_WORDS.search(t), "frame %d (%s): INVITE advice %r in %r" % (
            entry["frame"], entry["note"], INVITE_WORDS.search(t).group(0), t)


def test_every_row_is_exercised():
    """The capture answers with every (code, method) row of plugin/methods.c at least once."""
    source = os.path.join(os.path.dirname(__file__), "..", "..", "plugin", "methods.c")
    with open(source) as f:
        rows = set(re.findall(r'\.key = "([^"]+)"', f.read()))
    keys = {e["expect"]["sipdiag.knowledge"] for _, e in response_frames("methods") if "sipdiag.knowledge" in e["expect"]}
    assert len(rows) >= 20 and rows <= keys, "rows without a frame: %s" % sorted(rows - keys)

"""The statistics tree as the GUI shows it (README, Statistics): labels short
enough that the Count column stays in view, group rows that carry their
totals, over every bundled capture.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import glob
import os
import re

import pytest

from conftest import CAPTURES

# A 1600-pixel dialog shows about this many characters of the first column
# next to the counts; the longest label is a failed call's "From -> To: code".
MAX_LABEL = 90


def rows(text):
    """(depth, label, count) for each row of -z sipdiag,tree."""
    out = []
    for line in text.split("\n"):
        m = re.match(r"^( *)(\S.*?)\s{2,}(\d+)\s", line)
        if m and not line.startswith("Topic"):
            out.append((len(m.group(1)), m.group(2), int(m.group(3))))
    return out


CAPTURE_NAMES = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(CAPTURES, "*.pcap")))


@pytest.mark.parametrize("capture", CAPTURE_NAMES)
def test_labels_short_and_groups_totalled(tshark, capture):
    r = rows(tshark.run(capture, "-q", "-z", "sipdiag,tree"))
    too_long = [label for depth, label, _ in r if len(label) > MAX_LABEL and not label.startswith("Call-ID ")]
    assert too_long == [], "%s: labels wider than %d: %s" % (capture, MAX_LABEL, too_long[:2])
    total = {label: n for depth, label, n in r if depth == 0}.get("SIP responses", 0)
    for group in ("By severity", "By class", "By code", "By request method"):
        n = {label: n for depth, label, n in r if depth == 1}.get(group)
        assert n == total, "%s: %s counts %s, SIP responses %d" % (capture, group, n, total)


def test_severities_most_severe_first_in_the_gui(tshark):
    """Wireshark's Qt dialog sorts rows by name, descending (case-insensitive, stats_tree_sort_compare):
    the severity rows must come out error, warning, note, chat."""
    r = rows(tshark.run("demo", "-q", "-z", "sipdiag,tree"))
    labels = [label for depth, label, _ in r if depth == 2 and label.split()[-1] in ("error", "warning", "note", "chat")]
    assert sorted(labels, key=str.lower, reverse=True) == ["4 error", "3 warning", "2 note", "1 chat"]

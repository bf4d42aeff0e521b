"""Nothing sipdiag shows is cut at Wireshark's 240-byte label limit, and the
lines a long text is split into add up to the field's whole value.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import glob
import os

import pytest

from conftest import CAPTURES

ALL = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(CAPTURES, "*.pcap")))


def sipdiag_lines(text):
    """The lines of sipdiag's subtrees in -V -O sipdiag output."""
    out, inside = [], False
    for line in text.splitlines():
        if line and not line.startswith(" "):
            inside = line.startswith("SIP Response Diagnosis")
        if inside:
            out.append(line)
    return out


@pytest.mark.parametrize("capture", ALL)
def test_no_label_truncated(tshark, capture):
    lines = sipdiag_lines(tshark.run(capture, "-V", "-O", "sipdiag"))
    cut = [line.strip() for line in lines if "[truncated]" in line]
    assert cut == [], "%s: %d labels cut, e.g. %s" % (capture, len(cut), cut[:1])


@pytest.mark.parametrize("field,label", [("sipdiag.description", "Description"), ("sipdiag.fix", "Suggested fix")])
def test_pieces_are_the_whole_value(tshark, field, label):
    # all-codes.pcap holds one response per registered code: every long text is there.
    values = tshark.run("all-codes", "-Y", "sipdiag", "-T", "fields", "-e", "frame.number", "-e", field)
    whole = dict(line.split("\t", 1) for line in values.splitlines() if "\t" in line)
    frame, pieces, split, collecting = None, {}, 0, False
    for line in tshark.run("all-codes", "-V", "-O", "sipdiag").splitlines():
        s = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if line.startswith("Frame "):
            frame, collecting = line.split()[1].rstrip(":"), False
        elif s.startswith("[%s: " % label) and indent == 4:
            pieces[frame] = [s[len(label) + 3:-1]]
            collecting = pieces[frame][0].endswith(" …")
        elif collecting and indent == 8 and s.startswith("["):
            pieces[frame].append(s[1:-1])
        else:
            collecting = False
    for frame, p in pieces.items():
        if p[0].endswith(" …"):
            split += 1
            p = [p[0][:-2]] + p[1:]
        assert " ".join(p) == whole[frame], "frame %s: the %s lines do not add up to its value" % (frame, field)
    assert split > 0, "no %s was long enough to be split: the test proves nothing" % field

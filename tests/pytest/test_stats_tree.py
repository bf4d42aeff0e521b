"""tshark -z sipdiag,tree: responses by severity, class, code, method and
Q.850 cause, and failed calls one by one (captures/demo.pcap is five recorded
flows: 401 then 200, CANCEL/487, 486, 503, 488). test_statistics.py checks the
labels' widths and the group totals on every capture; here, the counts.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import re

import pytest


def tree(tshark, capture):
    """"name<TAB>count" for every row of the tree (a row the pattern misses stays as it is)."""
    out = tshark.run(capture, "-q", "-z", "sipdiag,tree").split("\n")
    start = next((i for i, l in enumerate(out) if l.startswith("Topic")), len(out))
    rows = []
    for l in out[start:]:
        if l.startswith("Topic") or l.startswith("---") or l == "":
            continue
        rows.append(re.sub(r"^( *)(.*[^ ]) +([0-9]+) +.*$", "\\1\\2\t\\3", l))
    return rows


def line(rows, needle):
    """The count of the first row that holds `needle`, "" when none does."""
    for r in rows:
        if needle in r:
            return r.split("\t")[1] if "\t" in r else r
    return ""


COUNTS = [
    ("demo", "SIP responses", "15"),
    # 12 chat: 100, 180, 200, the 401 challenge, the 487 after CANCEL
    ("demo", "  1 chat", "12"),
    ("demo", "  2 note", "1"),  # 486
    ("demo", "  3 warning", "1"),  # 488
    ("demo", "  4 error", "1"),  # 503
    ("demo", "1xx Provisional", "7"),
    ("demo", "2xx Successful", "3"),
    ("demo", "4xx Request failure", "4"),
    ("demo", "5xx Server failure", "1"),
    ("demo", "  INVITE", "13"),
    ("demo", "  CANCEL", "1"),
    ("demo", "  BYE", "1"),
    # by code, with the diagnosis's first clause beneath
    ("demo", "  486 Busy Here", "1"),
    ("demo", "   callee is on another call", "1"),
    # group rows carry their totals
    ("demo", " By severity", "15"),
    ("demo", " By class", "15"),
    ("demo", " By code", "15"),
    ("demo", " By request method", "15"),
    ("demo", "Failed calls", "4"),  # the 401 was only a challenge
    # Q.850 causes: 17 twice (486 and 603)
    ("reason-warning", "17 User busy", "2"),
    ("reason-warning", "34 No circuit/channel available", "1"),
    ("reason-warning", "18 No user responding", "1"),
    # retransmissions are not counted: one 486
    ("dialog", "  486 Busy Here", "1"),
]


@pytest.mark.parametrize("capture, row, count", [pytest.param(c, r, n, id="%s:%s" % (c, r.strip()))
                                                 for c, r, n in COUNTS])
def test_row_count(tshark, capture, row, count):
    assert line(tree(tshark, capture), row) == count, "%s: row %r counts %r, want %s" % (
        capture, row, line(tree(tshark, capture), row), count)


@pytest.mark.parametrize("row", [
    pytest.param(" sip:alice@127.0.0.1:5061 -> sip:bob@127.0.0.1:5060: 486 Busy Here\t1", id="from-to-code-phrase"),
    pytest.param("  Call-ID sipdiag-busy-486@127.0.0.1\t1", id="its-call-id-beneath"),
])
def test_failed_call_rows(tshark, row):
    assert row in "\n".join(tree(tshark, "demo")), "demo: no row %r" % row

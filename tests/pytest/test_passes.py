"""tshark -2 (second pass without primed fields) shows what one pass shows,
fields and expert summary alike, for every bundled capture; and Expert
Information lists sipdiag's entries whether or not its items are in the tree.

The failures without an error response are late findings: one pass shows them
on the frame that revealed them, -2 on the frame they concern, and only -2
knows the end of the capture (README, Silent failures). test_silent.py
compares them; here they are left out on both sides.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import glob
import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import CAPTURES

FIELDS = ["frame.number", "sipdiag.code", "sipdiag.reason", "sipdiag.standard_reason", "sipdiag.severity",
          "sipdiag.method", "sipdiag.fix", "_ws.expert.message"]
LATE = re.compile(r"( no response |never ACKed|no final one within|no final response or CANCEL|no credentials sent|"
                  r"not used within 32 s|rejected credentials for|accepted after [0-9]+ rejected|"
                  r"before the Retry-After|SIPDIAG  ICMP|^ICMP)")
CAPTURE_NAMES = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(CAPTURES, "*.pcap")))
MODES = {"one-pass": [], "two-passes": ["-2"]}


@pytest.fixture(scope="module", autouse=True)
def prefetch(tshark):
    """The module's tshark runs (six per capture), one per processor at a time, into the session's cache
    (each still runs once): the tests below then only compare. A run that fails is left to its test to report."""
    def run(args):
        try:
            tshark.run(*args)
        except Exception:  # the test that needs this output runs it again and reports
            pass
    fields_args = ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|"] + [x for f in FIELDS for x in ("-e", f)]
    jobs = [(c, *MODES[m], *a) for c in CAPTURE_NAMES for m in MODES
            for a in (fields_args, ["-q", "-z", "expert,sipdiag"], ["-q", "-z", "expert"])]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(run, jobs))


def lines(text):
    return text.rstrip("\n").split("\n") if text.strip("\n") else []


def fields(tshark, capture, mode):
    """One line per frame, the late findings taken out of the expert messages (the last column)."""
    args = ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|"] + [x for f in FIELDS for x in ("-e", f)]
    out = []
    for line in lines(tshark.run(capture, *MODES[mode], *args)):
        cols = line.split("\t")
        cols[-1] = "|".join(m for m in cols[-1].split("|") if not LATE.search(m))
        out.append(cols)
    return out


def expert(tshark, capture, mode, tap):
    """-q -z `tap`, late findings left out."""
    return [l for l in lines(tshark.run(capture, *MODES[mode], "-q", "-z", tap)) if not LATE.search(l)]


@pytest.mark.parametrize("capture", CAPTURE_NAMES)
def test_fields_two_passes_as_one(tshark, capture):
    one = fields(tshark, capture, "one-pass")
    two = fields(tshark, capture, "two-passes")
    for a, b in zip(one, two):
        differ = [FIELDS[i] if i < len(FIELDS) else "column %d" % (i + 1) for i in range(max(len(a), len(b)))
                  if (a[i:i + 1] or [None]) != (b[i:i + 1] or [None])]
        assert differ == [], "%s frame %s: %s differ, one pass %s, -2 %s" % (capture, a[0], differ, a, b)
    assert len(two) == len(one), "%s: %d lines in one pass, %d with -2" % (capture, len(one), len(two))


@pytest.mark.parametrize("capture", CAPTURE_NAMES)
def test_expert_sipdiag_two_passes_as_one(tshark, capture):
    one = expert(tshark, capture, "one-pass", "expert,sipdiag")
    assert expert(tshark, capture, "two-passes", "expert,sipdiag") == one, capture
    assert one != [], "%s: -z expert,sipdiag printed nothing" % capture


@pytest.mark.parametrize("capture", CAPTURE_NAMES)
def test_expert_unfiltered_two_passes_as_one(tshark, capture):
    """Without a filter the second pass builds no tree at all: context items (cancelled, bye_race,
    credentials_rejected, ...) must still be raised."""
    assert expert(tshark, capture, "two-passes", "expert") == expert(tshark, capture, "one-pass", "expert"), capture


@pytest.mark.parametrize("capture", CAPTURE_NAMES)
def test_expert_entries_without_items_in_the_tree(tshark, capture):
    """Unfiltered, nobody sees sipdiag's items, so they are left out of the tree; the filter "sipdiag" makes
    them real. Expert Information must list the same sipdiag entries either way."""
    unseen = [l for l in expert(tshark, capture, "one-pass", "expert") if "SIPDIAG" in l]
    seen = [l for l in expert(tshark, capture, "one-pass", "expert,sipdiag") if "SIPDIAG" in l]
    assert unseen == seen, capture


# Filters on an expert item's own name or on _ws.expert make the items real
# (summary lines: -T fields would show the whole tree anyway).
def test_demo_unfiltered_expert_lists_the_486_without_its_item(tshark):
    assert "SIPDIAG  486 Busy Here" in tshark.run("demo", "-q", "-z", "expert")


def first_column(text):
    return [l.split()[0] if l.split() else "" for l in lines(text)]


def test_demo_filter_on_per_code_expert_names(tshark):
    assert first_column(tshark.run("demo", "-Y", "sipdiag.expert.488 || sipdiag.expert.486")) == ["20", "28"]


def test_demo_expert_severity_error_finds_the_503s_frame(tshark):
    assert first_column(tshark.run("demo", "-Y", '_ws.expert.severity >= "Error"')) == ["24"]

"""Why calls ended and vendors' diagnostic headers (README, "Why a call
ended" and "Vendors' diagnostic headers"): the statistics' "Calls" branch
counts each BYE or CANCEL cause once (a retransmitted BYE is not counted
again), one pass and two passes alike.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import pytest

from conftest import manifest
from test_transactions import stats_counts

BRANCH = "Ended by cause (Reason of BYE or CANCEL)"


@pytest.mark.parametrize("two_pass", [False, True], ids=["one-pass", "two-passes"])
def test_calls_ended_by_cause(tshark, two_pass):
    text = tshark.run("vendor", *(["-2"] if two_pass else []), "-q", "-z", "sipdiag,tree")
    part = text.split(BRANCH, 1)
    assert len(part) == 2, "no '%s' branch" % BRANCH
    counts = stats_counts(part[1].split("Failures without an error response", 1)[0])
    want = manifest("vendor")["summary"]["stats_ended"]
    assert {k: counts.get(k) for k in want} == want
    assert stats_counts(BRANCH + part[1])[BRANCH] == sum(want.values())

"""Every scenario capture, frame by frame: what its manifest says sipdiag must
show (captures/build.py wrote the expectations from the flows), one pass and
two passes.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import pytest

from conftest import check_frame, frames_with_expectations, scenarios



@pytest.mark.parametrize("capture,entry", frames_with_expectations(scenarios()))
def test_one_pass(tshark, capture, entry):
    check_frame(tshark.pdml(capture), capture, entry)


@pytest.mark.parametrize("capture,entry", frames_with_expectations(scenarios()))
def test_two_passes(tshark, capture, entry):
    """-2 shows what the first pass decided, on the same frames (and the ACK a response got)."""
    check_frame(tshark.pdml(capture, two_pass=True), capture, entry, two_pass=True)


def test_every_scenario_is_checked():
    assert len(scenarios()) >= 10

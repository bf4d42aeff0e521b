"""Warning headers: a well-formed warn-code outside the IANA registry (Kamailio's
392, any other three digits) is decoded as an unknown or vendor value, never a
bad header; only a malformed one is.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import pytest

from conftest import check_frame, frames_with_expectations


@pytest.mark.parametrize("capture,entry", frames_with_expectations(["warn-codes"]))
def test_one_pass(tshark, capture, entry):
    check_frame(tshark.pdml(capture), capture, entry)


@pytest.mark.parametrize("capture,entry", frames_with_expectations(["warn-codes"]))
def test_two_passes(tshark, capture, entry):
    check_frame(tshark.pdml(capture, two_pass=True), capture, entry, two_pass=True)

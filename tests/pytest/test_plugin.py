"""Wireshark loads the plugin and knows its protocol, fields (as
tests/expected/plugin.fields.tsv lists them) and expert items.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import os
import re

import pytest

from conftest import run_tshark

EXPECTED = os.environ.get("SIPDIAG_EXPECTED", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                           "expected"))

# Besides one per registered code: six for failures without an error response, two transaction faults, call_ended.
OTHER_EXPERTS = ["bad_header", "bye_race", "cancelled", "capture_duplicate", "clock_jump", "credentials_rejected",
                 "custom_chat", "custom_error", "custom_note", "custom_warning", "invalid_code",
                 "malformed_status_line", "method_chat", "method_error", "method_note", "method_warning",
                 "nonce_changed", "q850_mismatch", "reason_mismatch", "retransmission", "stale_nonce", "truncated",
                 "unrecognised", "no_response", "no_ack", "challenge_unanswered", "auth_attack",
                 "retry_after_ignored", "icmp_unreachable", "final_not_acked", "no_final", "call_ended"]


def glossary(tshark):
    return run_tshark(tshark, "-G", "fields").stdout


def glossary_rows(tshark, key, pick):
    """pick(columns) of each glossary row it keeps (None: left out), cached under key."""
    if key not in tshark.cache:
        rows = (pick(l.split("\t")) for l in glossary(tshark).rstrip("\n").split("\n"))
        tshark.cache[key] = [r for r in rows if r is not None]
    return tshark.cache[key]


def our_fields(tshark):
    """"name<TAB>type" of sipdiag's fields in the glossary (expert items left out)."""
    return glossary_rows(tshark, "plugin-fields", lambda c: c[2] + "\t" + c[3] if len(c) >= 5 and c[0] == "F"
                         and c[4] == "sipdiag" and "expert" not in c[2] else None)


def expected_fields():
    with open(os.path.join(EXPECTED, "plugin.fields.tsv"), encoding="utf-8") as f:
        return f.read().rstrip("\n").split("\n")


def experts(tshark):
    """Expert items appear in the glossary as FT_NONE fields named by their summary."""
    return glossary_rows(tshark, "plugin-experts",
                         lambda c: c[2] if len(c) >= 3 and re.match(r"^sipdiag\.expert\.", c[2]) else None)


def test_plugins_lists_sipdiag(tshark):
    assert "sipdiag.so" in run_tshark(tshark, "-G", "plugins").stdout


def test_protocol_registered(tshark):
    assert "SIP Response Diagnosis\tSIPDIAG\tsipdiag" in run_tshark(tshark, "-G", "protocols").stdout


@pytest.mark.parametrize("name, kind", [pytest.param(*l.split("\t"), id=l.split("\t")[0]) for l in expected_fields()])
def test_field_registered_with_its_type(tshark, name, kind):
    got = [l for l in our_fields(tshark) if l.split("\t")[0] == name]
    assert got == [name + "\t" + kind], "%s: glossary has %s, want type %s" % (name, got, kind)


def test_field_names_and_types(tshark):
    """Exactly the expected file, in its order, nothing more."""
    assert our_fields(tshark) == expected_fields()


def test_one_expert_item_per_registered_code(tshark):
    per_code = [e for e in experts(tshark) if re.match(r"^sipdiag\.expert\.[0-9][0-9][0-9]$", e)]
    assert len(per_code) == 75, "per-code expert items: %d" % len(per_code)


def test_and_the_others(tshark):
    others = [e for e in experts(tshark) if not re.match(r"^sipdiag\.expert\.[0-9]*$", e)]
    assert sorted(others) == sorted("sipdiag.expert." + e for e in OTHER_EXPERTS)


def test_486_expert_item(tshark):
    assert "F\t486 Busy Here: callee is on another call" in glossary(tshark)

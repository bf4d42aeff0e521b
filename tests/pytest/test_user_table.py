"""The user's code table (UAT "sipdiag_codes") and the preferences: new codes,
overrides of built-in ones, refused rows, expert items for 1xx/2xx, hints.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import os

import pytest

from conftest import new_config, run_tshark

ROW499 = ('"499","Vendor Rejected","The vendor fraud filter blocked the caller",'
          '"Ask the carrier to whitelist the number","warning"')
ROW486 = '"486","","","Call the callee on the mobile number instead","error"'


def fields(tshark, capture, row, dfilter, *names, separator=None):
    """-T fields of `names` on the frames `dfilter` selects, with `row` in the user's table; one string per line."""
    args = ["-o", "uat:sipdiag_codes:" + row, "-Y", dfilter, "-T", "fields"]
    if separator:
        args += ["-E", "separator=" + separator]
    for n in names:
        args += ["-e", n]
    out = tshark.run(capture, *args)
    return out.rstrip("\n").split("\n") if out.strip("\n") else []


def test_vendor_code_added_replaces_the_x00_fallback(tshark):
    got = fields(tshark, "odd-codes", ROW499, "frame.number == 1", "sipdiag.code", "sipdiag.standard_reason",
                 "sipdiag.description", "sipdiag.fix", "sipdiag.severity", separator="|")
    assert got == ["499|Vendor Rejected|The vendor fraud filter blocked the caller|The server's own words come "
                   "first: \"Custom Failure\". Ask the carrier to whitelist the number|warning"], "odd-codes frame 1"


def test_vendor_code_speaks_through_the_warning_item(tshark):
    """... is no longer unrecognised."""
    got = fields(tshark, "odd-codes", ROW499, "sipdiag.expert.custom_warning", "frame.number")
    assert got == ["1"], "odd-codes: frames with sipdiag.expert.custom_warning"


def test_override_keeps_phrase_and_reference_takes_fix_and_severity(tshark):
    got = fields(tshark, "all-codes", ROW486, "sipdiag.code == 486", "sipdiag.standard_reason", "sipdiag.fix",
                 "sipdiag.severity", "sipdiag.reference", separator="|")
    assert got == ["Busy Here|Call the callee on the mobile number instead|error|RFC 3261 §21.4.24"], "all-codes 486"


def test_override_changes_what_the_severity_filter_selects(tshark):
    got = fields(tshark, "all-codes", ROW486, '_ws.expert.severity == "Error"', "sipdiag.code")
    assert ",".join(got) == "408,486,500,502,503,504"


@pytest.mark.parametrize("row, message", [
    pytest.param('"99","x","y","z","note"', 'Code 99: field "Code" must be a SIP status code from 100 to 699',
                 id="code-out-of-range"),
    pytest.param('"486","","","z","urgent"',
                 'field "Severity" must be default, chat, note, warning or error, not "urgent"',
                 id="unknown-severity"),
    pytest.param('"498","","","z","note"',
                 'Code 498 is not a registered code: fields "Reason phrase" and "Description" are required for it',
                 id="new-code-without-its-texts"),
    pytest.param('"498","Vendor","","z","note"',
                 'Code 498 is not a registered code: field "Description" is required for it',
                 id="naming-only-what-is-missing"),
])
def test_row_refused_naming_the_field(tshark, row, message):
    p = run_tshark(tshark, "-o", "uat:sipdiag_codes:" + row, "-c", "1", capture="odd-codes", check=False)
    assert message in p.stdout + p.stderr, "row %s: output %r" % (row, p.stdout + p.stderr)


# "default" (the new rows' default) keeps sipdiag's severity: a row that only
# rewrites the Fix of a 408 leaves it an error; an unregistered code takes its x00's.
def test_severity_default_keeps_the_codes_own(tshark):
    got = fields(tshark, "all-codes", '"408","","","Ring the carrier NOC","default"', "sipdiag.code == 408",
                 "sipdiag.severity", "sipdiag.fix", separator="|")
    assert got == ["error|Ring the carrier NOC"]


def test_empty_severity_is_default_too(tshark):
    assert fields(tshark, "all-codes", '"486","","","x",""', "sipdiag.code == 486", "sipdiag.severity") == ["note"]


def test_default_for_a_new_code_is_that_of_the_code_it_is_handled_as(tshark):
    """499 is handled as 400: warning."""
    got = fields(tshark, "odd-codes", '"499","Vendor Rejected","Blocked","x","default"', "frame.number == 1",
                 "sipdiag.severity")
    assert got == ["warning"]


def test_table_with_a_bad_row_is_not_half_applied(tshark):
    """A table file with a bad row is refused whole: nothing of it is applied."""
    config = new_config(tshark, "config-bad-table")
    path = os.path.join(config, "sipdiag_codes")
    with open(path, "w") as f:
        f.write(ROW499 + "\n" + '"99","x","y","z","note"' + "\n")
    os.chmod(path, 0o644)
    p = run_tshark(tshark, "-Y", "frame.number == 1", "-T", "fields", "-e", "sipdiag.standard_reason", "-e",
                   "sipdiag.severity", capture="odd-codes", config=config, check=False)
    assert p.stdout.rstrip("\n") == "Bad Request\twarning", "odd-codes frame 1 (stderr %r)" % p.stderr


def test_preference_expert_success_off(tshark):
    """No chat items for 1xx/2xx; 401/407 keep theirs."""
    out = tshark.run("all-codes", "-o", "sipdiag.expert_success:FALSE", "-q", "-z", "expert,sipdiag")
    assert "Chats (2)" in out, out


def test_preference_show_hints_off(tshark):
    out = tshark.run("hints", "-o", "sipdiag.show_hints:FALSE", "-Y", "sipdiag.hint || sipdiag.warning", "-T",
                     "fields", "-e", "frame.number")
    assert out.count("\n") == 0, "hints: frames with a hint subtree %r" % out

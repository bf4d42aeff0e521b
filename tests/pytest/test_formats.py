"""The same diagnosis in every way a user runs tshark: -V text, -O, JSON, EK
(and the elastic mapping) and -T fields with several responses in one frame
(captures/tcp-multi.pcap: frame 2 holds a 180 and a 486, frame 10 the
reassembled 503; captures/demo.pcap for -T ek -e).

SPDX-License-Identifier: GPL-2.0-or-later
"""

import json
import re

import pytest

from conftest import run_tshark

VERBOSE_LINES = [
    pytest.param("SIP Response Diagnosis: 180 Ringing (chat)", id="first-subtree"),
    pytest.param("SIP Response Diagnosis: 486 Busy Here (note)", id="second-subtree"),
    pytest.param("    [Class: Request failure (4)]", id="class-with-its-name"),
    pytest.param("    [Reference: RFC 3261 §21.4.24]", id="reference"),
    pytest.param("[Expert Info (Note/Response): 486 Busy Here: callee is on another call — retry later or forward "
                 "to voicemail]", id="expert-line"),
]


def verbose(tshark):
    return tshark.run("tcp-multi", "-Y", "frame.number == 2", "-V")


@pytest.mark.parametrize("line", VERBOSE_LINES)
def test_verbose_frame_2(tshark, line):
    assert line in verbose(tshark), "tcp-multi frame 2 -V lacks %r" % line


def test_verbose_exactly_two_subtrees(tshark):
    heads = [l for l in verbose(tshark).split("\n") if re.match(r"^SIP Response Diagnosis: [0-9]", l)]
    assert len(heads) == 2, "tcp-multi frame 2 -V: subtrees %s" % heads


def test_only_sipdiag_shows_the_reassembled_503(tshark):
    out = tshark.run("tcp-multi", "-Y", "frame.number == 10", "-O", "sipdiag")
    assert "SIP Response Diagnosis: 503 Service Unavailable (error)" in out, "tcp-multi frame 10 -O sipdiag"


def test_json_parses_and_carries_the_fields(tshark):
    layer = json.loads(tshark.run("tcp-multi", "-Y", "frame.number == 10", "-T", "json"))[0]["_source"]["layers"][
        "sipdiag"]
    got = (layer["sipdiag.code"], layer["sipdiag.severity"], layer["sipdiag.method"])
    assert got == ("503", "error", "INVITE"), "tcp-multi frame 10 -T json: code, severity, method %s" % (got,)


def ek_lines(tshark):
    return [json.loads(l) for l in tshark.run("tcp-multi", "-T", "ek").split("\n") if l.strip()]


def test_ek_index_and_document_lines_alternate(tshark):
    lines = ek_lines(tshark)
    bad = [i + 1 for i in range(len(lines)) if ("index" in lines[i]) != (i % 2 == 0)]
    assert (len(lines), bad) == (22, []), "tcp-multi -T ek: %d lines, out of turn: %s" % (len(lines), bad)


def test_ek_both_responses_of_frame_2_as_a_list(tshark):
    docs = [l for l in ek_lines(tshark) if "index" not in l]
    codes = [d["sipdiag_sipdiag_code"] for d in docs[1]["layers"]["sipdiag"] if "sipdiag_sipdiag_code" in d]
    assert codes == ["180", "486"], "tcp-multi frame 2 -T ek: sipdiag_sipdiag_code %s" % codes


@pytest.mark.parametrize("field, kind", [("sipdiag_sipdiag_code", "integer"), ("sipdiag_sipdiag_class", "short"),
                                         ("sipdiag_sipdiag_request_frame", "long")])
def test_elastic_mapping_types(tshark, field, kind):
    out = run_tshark(tshark, "-G", "elastic-mapping", "--elastic-mapping-filter", "sipdiag").stdout
    p = json.loads(out)["mappings"]["properties"]["layers"]["properties"]["sipdiag"]["properties"]
    assert p[field]["type"] == kind, "tshark -G elastic-mapping: %s is %s" % (field, p[field])


def test_ek_with_chosen_fields(tshark):
    out = tshark.run("demo", "-Y", 'sipdiag.severity == "error"', "-T", "ek", "-e", "sipdiag.code", "-e",
                     "sipdiag.severity", "-e", "sipdiag.fix")
    docs = [json.loads(l) for l in out.split("\n") if l.strip()]
    d = docs[1]["layers"]
    got = (len(docs), d["sipdiag_code"], d["sipdiag_severity"], d["sipdiag_fix"][0][:11])
    assert got == (2, ["503"], ["error"], "Retry-After"), "demo -T ek -e: lines, code, severity, fix %s" % (got,)


def test_fields_every_occurrence(tshark):
    out = tshark.run("tcp-multi", "-Y", "frame.number == 2", "-T", "fields", "-E", "occurrence=a", "-E",
                     "aggregator=;", "-e", "sipdiag.code", "-e", "sipdiag.fix")
    codes = "\n".join(l.split("\t")[0] for l in out.rstrip("\n").split("\n"))
    assert codes == "180;486", "tcp-multi frame 2 -T fields: sipdiag.code %r" % codes

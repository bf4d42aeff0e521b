"""The context captures (captures/scen_context.py): a response next to the request
it answers, its transaction and dialog, and the headers that say what to do.
test_frames.py checks each frame's expectations (request, related and ACK
frames, severity, RFC 5057 impact, context, expert items and messages); here,
what a per-frame check cannot see: which frames sipdiag diagnoses at all, the
hint/Warning/Reason values (manifest key `values`, `pieces`) on exactly their
frames, expert items and texts nowhere but where the manifest puts them, the
expert summary and statistics counting a retransmitted response once, and how
Wireshark's own SIP dissector reads the built frames.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import os
import re

import pytest

from conftest import FIELDS, manifest
from test_transactions import stats_counts

CAPTURES = ["hints", "reason-warning", "auth", "dialog", "sdp-offer", "expiry"]
MODES = [pytest.param(False, id="one-pass"), pytest.param(True, id="two-passes")]


def entries(capture):
    return manifest(capture)["frames"]


def wanted(entry, two_pass):
    """A frame's expectations in one mode, merged as conftest.check_frame merges them."""
    w = dict(entry.get("expect", {}))
    w.update(w.pop("two_pass" if two_pass else "one_pass", {}))
    w.pop("one_pass", None)
    w.pop("two_pass", None)
    return w


def every_frame():
    return [pytest.param(c, e, id="%s:%d" % (c, e["frame"])) for c in CAPTURES for e in entries(c)]


def named_fields(capture):
    """The fields the capture's manifest gives exact values or pieces for, anywhere."""
    names = set()
    for e in entries(capture):
        for key in ("values", "pieces"):
            names |= set(e.get("expect", {}).get(key, {}))
    return sorted(names)


@pytest.mark.parametrize("capture", CAPTURES)
def test_each_response_and_only_responses_diagnosed(tshark, capture):
    """sipdiag.code on every response the manifest lists, with its code, and on nothing else."""
    frames = tshark.pdml(capture)
    got = {n: info["fields"]["sipdiag.code"] for n, info in frames.items() if "sipdiag.code" in info["fields"]}
    want = {e["frame"]: [str(e["code"])] for e in entries(capture) if "code" in e}
    assert got == want, "%s: frames and codes diagnosed differ from the manifest's responses" % capture


@pytest.mark.parametrize("two_pass", MODES)
@pytest.mark.parametrize("capture,entry", every_frame())
def test_values_on_their_frames_only(tshark, capture, entry, two_pass):
    info = tshark.pdml(capture, two_pass=two_pass).get(entry["frame"], {"fields": {}})
    w = wanted(entry, two_pass)
    where = "%s frame %d (%s)" % (capture, entry["frame"], entry.get("note", ""))
    for field in named_fields(capture):
        got = info["fields"].get(field, [])
        if field in w.get("pieces", {}):
            pieces = w["pieces"][field]
            assert len(got) == len(pieces) and all(p in v for p, v in zip(pieces, got)), \
                "%s: %s is %s, want one value per piece %s" % (where, field, got, pieces)
        else:
            want = w.get("values", {}).get(field, [])
            # JSON true/false for booleans, which PDML shows as 1/0 up to Wireshark 4.2, True/False from 4.4.
            got = [v in ("1", "True") if isinstance(x, bool) else v for v, x in zip(got, want)] + got[len(want):]
            assert got == want, "%s: %s is %s, want %s" % (where, field, got, want)
    if "code" not in entry:
        # A request answers nothing: no request frame, retransmission mark or dialog impact. The
        # call verdicts a request can carry (README, What happened to each call) are not judged here.
        for field in FIELDS:
            if not field.startswith(("sipdiag.call.", "sipdiag.registration")):
                assert info["fields"].get(field, []) == [], "%s: %s on a request: %s" % (where, field,
                                                                                         info["fields"][field])


def findings(capture, two_pass):
    """(kind, what) -> frames the manifest expects it on: expert items, pieces of context,
    of expert messages and of any field (`contains`)."""
    out = {}
    for e in entries(capture):
        w = wanted(e, two_pass)
        keys = [("expert", x) for x in w.get("experts", [])] + [("message", m) for m in w.get("messages", [])]
        keys += [("field", f, p) for f, p in w.get("contains", {}).items()]
        if "context" in w:
            keys.append(("field", "sipdiag.context", w["context"]))
        for k in keys:
            out.setdefault(k, set()).add(e["frame"])
    return out


def shown(info, key):
    if key[0] == "expert":
        return key[1] in info["experts"]
    if key[0] == "message":
        return any(key[1] in m for m in info["messages"])
    return any(key[2] in v for v in info["fields"].get(key[1], []))


@pytest.mark.parametrize("two_pass", MODES)
@pytest.mark.parametrize("capture", CAPTURES)
def test_findings_only_where_expected(tshark, capture, two_pass):
    """An expert item (CANCEL before 487, BYE race, rejected credentials, Q.850 mismatch, ignored
    Retry-After, ...), context or fix is on exactly the frames the manifest names: frames 44 and 45
    of dialog are retransmissions, 10 has no CANCEL, only frame 56 of hints lacks Retry-After."""
    frames = tshark.pdml(capture, two_pass=two_pass)
    want = findings(capture, two_pass)
    assert want, "%s: no findings in the manifest" % capture
    for key, where in sorted(want.items()):
        got = {n for n, info in frames.items() if shown(info, key)}
        assert got == where, "%s: %s on frames %s, want %s" % (capture, " ".join(key), sorted(got), sorted(where))


def expert_rows(text):
    """(frequency, summary) of each row of -z expert."""
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"^\s+(\d+)\s+\S+\s+SIPDIAG\s+(.*)$", text, re.M)]


@pytest.mark.parametrize("capture", CAPTURES)
def test_expert_summary_counts_each_message(tshark, capture):
    """Expert Information groups identical texts: each expected message counts the frames that carry it,
    so dialog's 486 counts once and its two retransmissions as "retransmission, counted once", and the
    stray 480 of expiry counts as a second 480."""
    rows = expert_rows(tshark.run(capture, "-q", "-z", "expert,sipdiag"))
    messages = {k[1]: frames for k, frames in findings(capture, False).items() if k[0] == "message"}
    assert messages, "%s: the manifest expects no expert message" % capture
    for text, frames in messages.items():
        n = sum(f for f, summary in rows if text in summary)
        assert n == len(frames), "%s: %r counted %d times, want %d (frames %s)" % (capture, text, n, len(frames),
                                                                                 sorted(frames))


@pytest.mark.parametrize("capture", ["dialog", "auth", "expiry"])
def test_warnings_only_on_responses_rated_warning_or_error(tshark, capture):
    """The frames a human must look at (an expert item of severity Warning or Error) are the responses
    whose severity is warning or error."""
    responses = [e for e in entries(capture) if "code" in e]
    assert all("sipdiag.severity" in e["expect"] for e in responses), "%s: a response without severity" % capture
    want = [e["frame"] for e in responses if e["expect"]["sipdiag.severity"] in ("warning", "error")]
    out = tshark.run(capture, "-Y", '_ws.expert.severity >= "Warning"', "-T", "fields", "-e", "frame.number")
    assert [int(n) for n in out.split()] == want


@pytest.mark.parametrize("capture", ["reason-warning", "dialog"])
def test_statistics(tshark, capture):
    """Q.850 causes as the responses carry them; a retransmitted 486 counted once."""
    counts = stats_counts(tshark.run(capture, "-q", "-z", "sipdiag,tree"))
    want = manifest(capture)["summary"]["stats"]
    assert {k: counts.get(k) for k in want} == want


WS_FIELDS = ["frame.number", "sip.Method", "sip.Status-Code", "sip.CSeq.method", "sip.CSeq.seq", "sip.Via.branch",
             "sip.response-request", "sip.resend", "_ws.expert.message", "sdp.version"]


def wireshark_view(tshark, capture):
    """frame -> {field: value} of Wireshark's own dissection, sipdiag switched off."""
    out = tshark.run(capture, "--disable-protocol", "sipdiag", "-T", "fields", "-E", "occurrence=a",
                     "-E", "aggregator=|", *[a for f in WS_FIELDS for a in ("-e", f)])
    return {int(line.split("\t")[0]): dict(zip(WS_FIELDS[1:], line.split("\t")[1:])) for line in out.splitlines()}


@pytest.mark.skipif(os.environ.get("SIPDIAG_WS_VERSION") != "4.0",
                    reason="the manifests record what Wireshark 4.0.17's SIP dissector shows")
@pytest.mark.parametrize("capture,entry", every_frame())
def test_wireshark_dissects_as_built(tshark, capture, entry):
    """Each frame is the SIP message the manifest lists (so every Content-Length is exact: the SDP bodies
    are found), and Wireshark 4.0.17 shows what the manifest observed: its request frame, which differs
    where it keeps only the last message per Call-ID and direction, its resend mark and its notes."""
    got = wireshark_view(tshark, capture)[entry["frame"]]
    ws = entry["wireshark"]
    method, code = entry["start_line"].split()[0], entry.get("code")
    want = {"sip.Method": "" if code else method, "sip.Status-Code": str(code) if code else "",
            "sip.CSeq.seq": entry["cseq"].split()[0], "sip.CSeq.method": entry["cseq"].split()[1],
            "sip.Via.branch": entry["top_via"].split("branch=")[1],
            "sip.response-request": "" if ws["sip.response-request"] is None else str(ws["sip.response-request"]),
            "sip.resend": "1" if ws["sip.resend"] else "0", "_ws.expert.message": ws["expert"] or ""}
    for field, value in want.items():
        assert got[field] == value, "%s frame %d: %s is %r, want %r" % (capture, entry["frame"], field, got[field],
                                                                        value)
    assert (got["sdp.version"] != "") == ws["sdp"], "%s frame %d: SDP found: %r" % (capture, entry["frame"],
                                                                                   got["sdp.version"])

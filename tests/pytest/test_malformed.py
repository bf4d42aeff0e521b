"""The hostile captures (captures/scen_malformed.py): broken status lines, NUL
bytes and invalid UTF-8, absurd header values, 64 KiB reason phrases, 300
responses in one TCP stream, frames cut by the snapshot length. tshark must
never fail on them, and every hostile item must get a sensible sipdiag expert
item.

test_frames.py checks each frame's `expect` as for every scenario (the request
frame, expert items present, pieces of expert messages, context; one pass and
two). Here, from the same manifests: tshark survives every output mode, two
passes show what one pass decided, the exact expert items of every frame, exact
field values, what no message may say, what the `-O sipdiag` text shows (the
escapes of NUL and HT), what display filters select, the flood's 300 subtrees
and `-z expert` rows, and what Wireshark itself makes of the frames (lengths,
TCP reassembly, and with 4.0 its SIP dissector's reading of each frame).

What sipdiag should do but does not yet (manifest `todo`) is a strict expected
failure: when it starts passing, make it a hard check.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import json
import os
import re
from collections import Counter

import pytest

from conftest import manifest

CAPTURES = ["malformed-status", "malformed-bytes", "malformed-headers", "malformed-large", "malformed-flood",
            "malformed-snaplen"]
MODES = [["-V"], ["-2", "-V"], ["-T", "json"], ["-2", "-T", "json"], ["-q", "-z", "expert"]]
# What one pass decides and -2 must show again.
DIAGNOSIS = ["frame.number", "sipdiag.code", "sipdiag.reason", "sipdiag.severity", "sipdiag.request_frame",
             "_ws.expert.message"]
WS_40 = pytest.mark.skipif(os.environ.get("SIPDIAG_WS_VERSION") != "4.0",
                           reason="the manifests record what Wireshark 4.0.17's SIP dissector shows")


def entries(capture):
    return manifest(capture)["frames"]


def frames_with(*keys):
    """pytest parameters (capture, entry) for the frames whose expectations hold one of `keys`."""
    return [pytest.param(c, e, id="%s:%d" % (c, e["frame"])) for c in CAPTURES for e in entries(c)
            if any(k in e.get("expect", {}) for k in keys)]


def where(capture, entry):
    return "%s frame %d (%s)" % (capture, entry["frame"], entry.get("note", ""))


def fields_run(tshark, capture, *fields, two_pass=False):
    """frame number -> [the values of each field, "|"-joined] from -T fields (one run per capture and list)."""
    out = tshark.run(capture, *(["-2"] if two_pass else []), "-T", "fields", "-E", "occurrence=a", "-E",
                     "aggregator=|", "-e", "frame.number", *[a for f in fields for a in ("-e", f)])
    return {int(line.split("\t", 1)[0]): line.split("\t")[1:] for line in out.splitlines()}


# ---------------------------------------------------------------- tshark survives

@pytest.mark.parametrize("mode", MODES, ids=[" ".join(m) for m in MODES])
@pytest.mark.parametrize("capture", CAPTURES)
def test_tshark_survives(tshark, capture, mode):
    """tshark exits 0 in every output mode (tshark.run asserts it) and its JSON is valid JSON."""
    out = tshark.run(capture, *mode)
    tshark.cache.pop((capture,) + tuple(mode), None)       # tens of MB for the flood in JSON: not kept
    if "json" in mode:
        json.loads(out)


@pytest.mark.parametrize("capture", CAPTURES)
def test_two_passes_show_what_one_pass_decided(tshark, capture):
    """-2 gives the same codes, phrases, severities, request frames and expert messages as one pass."""
    one = fields_run(tshark, capture, *DIAGNOSIS[1:])
    two = fields_run(tshark, capture, *DIAGNOSIS[1:], two_pass=True)
    differ = [n for n in sorted(one) if one[n] != two.get(n)]
    assert differ == [] and sorted(one) == sorted(two), "%s: -2 differs from one pass in frames %s" % (capture,
                                                                                                       differ[:10])


# ---------------------------------------------------------------- sipdiag, frame by frame

def expert_params():
    """Every frame of every capture; a frame whose items are a known shortcoming (todo) is checked by
    test_todo instead."""
    return [pytest.param(c, e, id="%s:%d" % (c, e["frame"])) for c in CAPTURES for e in entries(c)
            if "experts" not in e.get("expect", {}).get("todo", {})]


@pytest.mark.parametrize("capture,entry", expert_params())
def test_expert_items_exactly(tshark, capture, entry):
    """The frame's sipdiag expert items, each as often as the manifest lists it, and no other
    (tests/expected/malformed-experts.tsv of the bash test, now each frame's `experts`)."""
    got = Counter(tshark.pdml(capture).get(entry["frame"], {"experts": []})["experts"])
    want = Counter(entry.get("expect", {}).get("experts", []))
    assert got == want, "%s: expert items missing %s, unexpected %s" % (where(capture, entry), dict(want - got),
                                                                         dict(got - want))


@pytest.mark.parametrize("capture,entry", frames_with("fields", "lengths", "starts", "ends"))
def test_fields(tshark, capture, entry):
    """Exact values (every occurrence, in order), lengths, starts and ends of the fields the frame names."""
    got = tshark.pdml(capture).get(entry["frame"], {"fields": {}})["fields"]
    want = entry["expect"]
    for field, values in want.get("fields", {}).items():
        assert got.get(field, []) == values, "%s: %s is %s, want %s" % (where(capture, entry), field,
                                                                         got.get(field, [])[:5], values[:5])
    for field, lengths in want.get("lengths", {}).items():
        assert [len(v) for v in got.get(field, [])] == lengths, "%s: %s lengths" % (where(capture, entry), field)
    for field, start in want.get("starts", {}).items():
        values = got.get(field, [])
        assert len(values) == 1 and values[0].startswith(start), "%s: %s %s does not start with %r" % (
            where(capture, entry), field, [v[:80] for v in values], start)
    for field, end in want.get("ends", {}).items():
        values = got.get(field, [])
        assert len(values) == 1 and values[0].endswith(end), "%s: %s %s does not end with %r" % (
            where(capture, entry), field, [v[-80:] for v in values], end)


@pytest.mark.parametrize("capture,entry", frames_with("no_messages"))
def test_no_message_says(tshark, capture, entry):
    """No expert message of the frame (sipdiag's or Wireshark's) says what the manifest rules out: a status
    code "Busy" read from the phrase, an empty phrase that is a NUL, a cause -1 read from 20 digits."""
    text = fields_run(tshark, capture, "_ws.expert.message")[entry["frame"]][0]
    for piece in entry["expect"]["no_messages"]:
        assert piece not in text, "%s: an expert message says %r: %s" % (where(capture, entry), piece, text)


def tree_text(tshark, capture):
    """frame number -> its lines of `-V -O sipdiag` (the text test_labels.py reads too)."""
    out, num = {}, None
    for line in tshark.run(capture, "-V", "-O", "sipdiag").splitlines():
        m = re.match(r"^Frame (\d+): ", line)
        if m:
            num = int(m.group(1))
        out.setdefault(num, []).append(line)
    return out


@pytest.mark.parametrize("capture,entry", frames_with("tree_lines", "tree_has"))
def test_tree_text(tshark, capture, entry):
    """What only the packet details show: a NUL as \\000 (Wireshark 4.0) or \\0 (later), an HT as \\t
    (-T fields of Wireshark 4.4 and later escapes the backslash again), one Warning subtree."""
    lines = tree_text(tshark, capture)[entry["frame"]]
    for regex, count in entry["expect"].get("tree_lines", {}).items():
        n = sum(1 for line in lines if re.search(regex, line))
        assert n == count, "%s: %d lines match %r, want %d" % (where(capture, entry), n, regex, count)
    text = "\n".join(lines)
    for piece in entry["expect"].get("tree_has", []):
        assert piece in text, "%s: the tree lacks %r" % (where(capture, entry), piece)


def todo_params():
    out = []
    for c in CAPTURES:
        for e in entries(c):
            todo = e.get("expect", {}).get("todo")
            if todo:
                out.append(pytest.param(c, e, id="%s:%d" % (c, e["frame"]),
                                        marks=pytest.mark.xfail(strict=True, reason="known issue: " + todo["why"])))
    return out


@pytest.mark.parametrize("capture,entry", todo_params())
def test_todo(tshark, capture, entry):
    """What sipdiag should show and does not yet: the Warning and Reason quoted past a NUL, the 503 whose
    code the snaplen left diagnosed. Passing is a failure too (strict): then make it a hard check."""
    todo = entry["expect"]["todo"]
    got = tshark.pdml(capture).get(entry["frame"], {"experts": [], "messages": []})
    if "experts" in todo:
        assert Counter(got["experts"]) == Counter(todo["experts"]), "%s: expert items %s" % (where(capture, entry),
                                                                                            got["experts"])
    for piece in todo.get("messages", []):
        assert any(piece in m for m in got["messages"]), "%s: no message has %r" % (where(capture, entry), piece)


def filter_params():
    return [pytest.param(c, flt, id="%s:%s" % (c, flt["filter"])) for c in CAPTURES
            for flt in manifest(c)["summary"].get("filters", [])]


@pytest.mark.parametrize("capture,flt", filter_params())
def test_filter_selects(tshark, capture, flt):
    frames = [int(n) for n in tshark.run(capture, "-Y", flt["filter"], "-T", "fields", "-e", "frame.number").split()]
    assert frames == flt["frames"], "%s: %s selects %s, want %s (%s)" % (capture, flt["filter"], frames, flt["frames"],
                                                                          flt["why"])


# ---------------------------------------------------------------- the flood

def test_flood_one_subtree_per_response(tshark):
    want = sum(len(e.get("codes", [])) for e in entries("malformed-flood"))
    text = tshark.run("malformed-flood", "-V", "-O", "sipdiag")
    got = len(re.findall(r"^SIP Response Diagnosis: [0-9]", text, re.M))
    assert (got, want) == (300, 300), "-V shows %d sipdiag subtrees, the manifest lists %d responses" % (got, want)


@pytest.mark.parametrize("row", sorted(manifest("malformed-flood")["summary"]["expert_rows"]))
def test_flood_expert_rows(tshark, row):
    """-z expert,sipdiag counts each code's message once per response: 50 of each of the six."""
    want = manifest("malformed-flood")["summary"]["expert_rows"][row]
    text = tshark.run("malformed-flood", "-q", "-z", "expert,sipdiag")
    counts = [line.split()[0] for line in text.splitlines() if "SIPDIAG  %s:" % row in line]
    assert counts == [str(want)], "-z expert rows for %s: %s, want one of %d" % (row, counts, want)


# ---------------------------------------------------------------- Wireshark's own view of the frames

@pytest.mark.parametrize("capture", CAPTURES)
def test_frame_lengths(tshark, capture):
    """Each frame as long as built; the snaplen frames keep only their first snaplen bytes."""
    got = fields_run(tshark, capture, "frame.len", "frame.cap_len")
    want = {e["frame"]: [str(e["wire_bytes"]), str(e.get("snaplen", e["wire_bytes"]))] for e in entries(capture)}
    assert got == want, "%s: frames whose lengths differ: %s" % (capture, {n: got.get(n) for n in want
                                                                            if got.get(n) != want[n]})


@pytest.mark.parametrize("capture", [c for c in CAPTURES if any("reassembled_in" in e for e in entries(c))])
def test_tcp_reassembly(tshark, capture):
    """Every segment of the 64 KiB 486 is reassembled in its last one (known with two passes)."""
    got = fields_run(tshark, capture, "tcp.reassembled_in", two_pass=True)
    want = {e["frame"]: [str(e.get("reassembled_in", ""))] for e in entries(capture)}
    assert got == want


@pytest.mark.parametrize("capture", [c for c in CAPTURES if any("codes" in e for e in entries(c))])
def test_wireshark_status_codes(tshark, capture):
    """Wireshark's SIP dissector finds every response of the flood where the manifest puts it."""
    got = fields_run(tshark, capture, "sip.Status-Code")
    want = {e["frame"]: [",".join(str(x) for x in e.get("codes", []))] for e in entries(capture)}
    assert {n: v[0].replace("|", ",") for n, v in got.items()} == {n: v[0] for n, v in want.items()}


def wireshark_reading(methods, codes, protocols):
    """What Wireshark's SIP dissector made of a frame, in the manifest's words."""
    m = methods.split("|") if methods else []
    c = codes.split("|") if codes else []
    if m and c:
        return "requests %d, responses %d" % (len(m), len(c))
    if len(c) == 1:
        return "response " + c[0]
    if c:
        return "responses %d" % len(c)
    if len(m) == 1:
        return "request " + m[0]
    if m:
        return "requests %d" % len(m)
    if protocols.endswith(":data"):
        return "data"
    if protocols.endswith(":sip"):
        return "sip, nothing decoded"
    return "-"


@WS_40
@pytest.mark.parametrize("capture", CAPTURES)
def test_wireshark_dissects_as_built(tshark, capture):
    """Wireshark 4.0.17's SIP dissector (sipdiag switched off) reads each frame as the manifest observed:
    the status lines it rejects are Data, the cut ones Data or nothing, the rest their message."""
    out = tshark.run(capture, "--disable-protocol", "sipdiag", "-T", "fields", "-E", "occurrence=a", "-E",
                     "aggregator=|", "-e", "frame.number", "-e", "sip.Method", "-e", "sip.Status-Code", "-e",
                     "frame.protocols")
    got = {}
    for line in out.splitlines():
        num, methods, codes, protocols = line.split("\t")
        got[int(num)] = wireshark_reading(methods, codes, protocols)
    wrong = {e["frame"]: (got.get(e["frame"]), e["wireshark"]) for e in entries(capture)
             if got.get(e["frame"]) != e["wireshark"]}
    assert wrong == {}, "%s: frames Wireshark reads otherwise (got, manifest): %s" % (capture, wrong)


@WS_40
@pytest.mark.parametrize("capture", [c for c in CAPTURES if any(e.get("transport") == "TCP" for e in entries(c))])
def test_tcp_streams_clean(tshark, capture):
    """Every Content-Length is exact and every segment used: no malformed packet, no warning of
    Wireshark's own (sipdiag switched off)."""
    out = tshark.run(capture, "--disable-protocol", "sipdiag", "-Y", "_ws.malformed || _ws.expert.severity >= warning",
                     "-T", "fields", "-e", "frame.number")
    assert out.split() == []

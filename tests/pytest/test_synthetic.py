"""The synthetic captures (captures/scen_synthetic.py): every registered code,
the vendor phrases, several SIP messages per TCP segment, odd status lines.

Beyond test_frames.py's per-frame check (expert items, messages, the request
each response answers), this checks the diagnosis fields of every frame, what
display filters select and what `-z expert` counts, all from the manifests,
where they were worked out from the messages sent.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import pytest

from conftest import manifest

SYNTHETIC = ["all-codes", "vendor-phrases", "tcp-multi", "odd-codes"]

# Checked in every frame: a frame whose manifest lists none of them must show none (no response ends there).
DIAGNOSIS = ["sipdiag.code", "sipdiag.class", "sipdiag.reason", "sipdiag.standard_reason", "sipdiag.severity",
             "sipdiag.method", "sipdiag.knowledge"]


def every_frame():
    return [pytest.param(name, e, id="%s:%d" % (name, e["frame"])) for name in SYNTHETIC
            for e in manifest(name)["frames"]]


def summary_items(key):
    out = []
    for name in SYNTHETIC:
        for i, item in enumerate(manifest(name)["summary"].get(key, [])):
            out.append(pytest.param(name, item, id="%s:%d:%s" % (name, i + 1, item["filter"])))
    return out


@pytest.mark.parametrize("capture", SYNTHETIC)
def test_manifest_lists_every_frame(tshark, capture):
    assert sorted(tshark.pdml(capture)) == [e["frame"] for e in manifest(capture)["frames"]]


def sent(entry):
    """What Wireshark's own dissectors must show in a frame, from the manifest: status codes and
    request methods of the SIP messages that end there, the TCP segments a reassembled one came
    from, and whether the datagram was left to the data dissector."""
    data = entry.get("wireshark") == "data, not SIP"
    lines = [] if data or entry["kind"] != "sip" else \
        [entry["start_line"]] + [m["start_line"] for m in entry.get("more_messages", [])]
    return {"codes": [line.split()[1].lstrip("0") or "0" for line in lines if line.startswith("SIP/2.0 ")],
            "methods": [line.split()[0] for line in lines if not line.startswith("SIP/2.0 ")],
            "segments": [str(f) for f in entry.get("segments", [])], "data": data}


@pytest.mark.parametrize("capture", SYNTHETIC)
def test_wireshark_sees_what_was_sent(tshark, capture):
    """The captures are right before sipdiag reads them: every message is where the manifest puts it
    (so each Content-Length is exact and the split 503 is reassembled in its last segment)."""
    out = tshark.run(capture, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-e", "frame.number",
                     "-e", "sip.Status-Code", "-e", "sip.Method", "-e", "tcp.segment", "-e", "frame.protocols")
    got = {}
    for line in out.splitlines():
        num, codes, methods, segments, protocols = line.split("\t")
        got[int(num)] = {"codes": codes.split(",") if codes else [], "methods": methods.split(",") if methods else [],
                         "segments": segments.split(",") if segments else [], "data": protocols.endswith(":data")}
    wrong = {e["frame"]: got.get(e["frame"]) for e in manifest(capture)["frames"] if got.get(e["frame"]) != sent(e)}
    assert wrong == {}, "%s: frames that tshark shows otherwise than sent: %s" % (capture, wrong)


@pytest.mark.parametrize("two_pass", [False, True], ids=["one-pass", "two-passes"])
@pytest.mark.parametrize("capture,entry", every_frame())
def test_diagnosis_fields(tshark, capture, entry, two_pass):
    """One value per response in the frame, in order; the same in both passes (nothing here waits for
    a later frame)."""
    got = tshark.pdml(capture, two_pass=two_pass)[entry["frame"]]["fields"]
    want = entry.get("expect", {}).get("fields", {})
    wrong = {}
    for field in DIAGNOSIS + sorted(set(want) - set(DIAGNOSIS)):
        expected = [str(v) for v in want.get(field, [])]
        if got.get(field, []) != expected:
            wrong[field] = "is %s, want %s" % (got.get(field, []), expected)
    assert wrong == {}, "%s frame %d (%s): %s" % (capture, entry["frame"], entry.get("note", ""), wrong)


@pytest.mark.parametrize("capture,flt", summary_items("filters"))
def test_filter_selects(tshark, capture, flt):
    args = flt.get("options", []) + ["-Y", flt["filter"]]
    if flt.get("plain"):
        # tshark's one-line summaries, no field asked for: sipdiag skips its diagnosis fields then.
        frames = [int(line.split()[0]) for line in tshark.run(capture, *args).splitlines() if line.strip()]
    else:
        frames = [int(n) for n in tshark.run(capture, *args, "-T", "fields", "-e", "frame.number").split()]
    assert frames == flt["frames"], "%s: %s selects %s, want %s (%s)" % (capture, flt["filter"], frames, flt["frames"],
                                                                          flt["why"])


@pytest.mark.parametrize("capture", [n for n in SYNTHETIC if manifest(n)["summary"].get("expert_summary")])
def test_expert_summary(tshark, capture):
    """-z expert builds no tree and asks for no sipdiag field: the expert items must still be there."""
    want = manifest(capture)["summary"]["expert_summary"]
    text = tshark.run(capture, "-q", "-z", "expert")
    missing = ["%s (%d)" % kv for kv in sorted(want.get("counts", {}).items()) if "%s (%d)" % kv not in text]
    missing += [line for line in want.get("lines", []) if line not in text]
    assert missing == [], "%s: -z expert lacks %s" % (capture, missing)

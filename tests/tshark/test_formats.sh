#!/bin/bash
# The same diagnosis in every way a user runs tshark: -V text, -O, JSON, EK
# and -T fields with several responses in one frame.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

c=$(cap tcp-multi.pcap)
v=$(ts -r "$c" -Y 'frame.number == 2' -V)
expect_contains "-V: first subtree" "$v" "SIP Response Diagnosis: 180 Ringing (chat)"
expect_contains "-V: second subtree" "$v" "SIP Response Diagnosis: 486 Busy Here (note)"
expect_contains "-V: class with its name" "$v" "    [Class: Request failure (4)]"
expect_contains "-V: reference" "$v" "    [Reference: RFC 3261 §21.4.24]"
expect_contains "-V: expert line" "$v" "[Expert Info (Note/Response): 486 Busy Here: callee is on another call — retry later or forward to voicemail]"
expect_eq "-V: exactly two subtrees in the frame" "$(printf '%s\n' "$v" | grep -c '^SIP Response Diagnosis: [0-9]')" "2"

o=$(ts -r "$c" -Y 'frame.number == 10' -O sipdiag)
expect_contains "-O sipdiag shows the reassembled 503" "$o" "SIP Response Diagnosis: 503 Service Unavailable (error)"

json=$(ts -r "$c" -Y 'frame.number == 10' -T json)
expect_eq "-T json parses and carries the fields" \
    "$(printf '%s' "$json" | python3 -c 'import json,sys; l=json.load(sys.stdin)[0]["_source"]["layers"]["sipdiag"]; print(l["sipdiag.code"], l["sipdiag.severity"], l["sipdiag.method"])')" \
    "503 error INVITE"

ek=$(ts -r "$c" -T ek)
expect_eq "-T ek: every line is JSON, index and document lines alternate" \
    "$(printf '%s\n' "$ek" | python3 -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin if l.strip()]
ok = all(("index" in lines[i]) == (i % 2 == 0) for i in range(len(lines)))
print(len(lines), ok)')" "22 True"
expect_eq "-T ek: both responses of frame 2 as a list" \
    "$(printf '%s\n' "$ek" | python3 -c '
import json, sys
docs = [json.loads(l) for l in sys.stdin if l.strip() and "index" not in json.loads(l)]
print([d["sipdiag_sipdiag_code"] for d in docs[1]["layers"]["sipdiag"] if "sipdiag_sipdiag_code" in d])')" "['180', '486']"

mapping=$(ts -G elastic-mapping --elastic-mapping-filter sipdiag)
expect_eq "tshark -G elastic-mapping includes sipdiag's typed fields" \
    "$(printf '%s' "$mapping" | python3 -c '
import json, sys
p = json.load(sys.stdin)["mappings"]["properties"]["layers"]["properties"]["sipdiag"]["properties"]
print(p["sipdiag_sipdiag_code"]["type"], p["sipdiag_sipdiag_class"]["type"], p["sipdiag_sipdiag_request_frame"]["type"])')" \
    "integer short long"
expect_eq "-T ek -e: bulk lines with only the chosen fields" \
    "$(ts -r "$(cap demo.pcap)" -Y 'sipdiag.severity == "error"' -T ek -e sipdiag.code -e sipdiag.severity -e sipdiag.fix \
       | python3 -c '
import json, sys
docs = [json.loads(l) for l in sys.stdin if l.strip()]
d = docs[1]["layers"]
print(len(docs), d["sipdiag_code"], d["sipdiag_severity"], d["sipdiag_fix"][0][:11])')" "2 ['503'] ['error'] Retry-After"

expect_eq "-T fields -e with occurrence: both responses" \
    "$(ts -r "$c" -Y 'frame.number == 2' -T fields -E occurrence=a -E aggregator=';' -e sipdiag.code -e sipdiag.fix \
       | cut -f1)" "180;486"
finish

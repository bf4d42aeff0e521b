#!/bin/bash
# Every code of the IANA registry, one per frame (captures/all-codes.tsv):
# the fields, the severity policy of README.md, and what a severity filter
# and the expert summary select.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

c=$(cap all-codes.pcap)
out=$(ts -r "$c" -T fields -e frame.number -e sipdiag.code -e sipdiag.class -e sipdiag.reason \
    -e sipdiag.standard_reason -e sipdiag.severity -e sipdiag.method)
expect_file "code, class, phrases, severity and method of all 75 codes" "$out" all-codes.fields.tsv

frames() {
    ts -r "$c" -Y "$1" -T fields -e frame.number | paste -sd,
}
# The frames whose code the policy rates warning or error (all-codes.fields.tsv, column 6).
need_human=13,15,17,18,19,21,23,24,26,27,28,29,30,31,32,35,36,37,38,39,40,41,42,43,44,45,46,47,50,51,52,53,56,57,59,60,61,62,63,64,65,66,67,68,69,72,73,74,75
expect_eq '_ws.expert.severity >= "Warning" selects exactly the warning and error codes' \
    "$(frames '_ws.expert.severity >= "Warning"')" "$need_human"
expect_eq 'sipdiag.severity == "error" selects 408 500 502 503 504 (430 is a warning)' \
    "$(ts -r "$c" -Y 'sipdiag.severity == "error"' -T fields -e sipdiag.code | paste -sd,)" "408,500,502,503,504"
expect_eq "filter on class" "$(ts -r "$c" -Y 'sipdiag.class == 6' -T fields -e sipdiag.code | paste -sd,)" \
    "600,603,604,606,607,608"
expect_eq "filter on a per-code expert item" "$(frames sipdiag.expert.486)" "54"
expect_eq "no phrase in this capture differs from the registry" "$(frames sipdiag.expert.reason_mismatch)" ""
expect_eq "every registered code is recognised" "$(frames sipdiag.unrecognised)" ""

# Wireshark's own expert severity table overrides one code's severity by item name.
expect_eq "per-code override through the expert_severity UAT" \
    "$(ts -r "$c" -o 'uat:expert_severity:"sipdiag.expert.486","Error"' -Y '_ws.expert.severity == "Error"' \
       -T fields -e sipdiag.code | paste -sd,)" "408,486,500,502,503,504"

summary=$(ts -r "$c" -q -z expert)
expect_contains "-z expert: 5 errors" "$summary" "Errors (5)"
expect_contains "-z expert: 44 warnings" "$summary" "Warns (44)"
expect_contains "-z expert: 15 notes" "$summary" "Notes (15)"
expect_contains "-z expert: 11 chats" "$summary" "Chats (11)"
expect_contains "-z expert: the 486 line" "$summary" \
    "SIPDIAG  486 Busy Here: callee is on another call"
finish

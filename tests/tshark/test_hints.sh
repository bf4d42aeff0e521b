#!/bin/bash
# Hints from a response's own headers (captures/hints.tsv,
# captures/reason-warning.tsv, captures/sdp-offer.tsv): each value where the
# RFCs put the answer, folded into the fix; Warning and Q.850 decoded.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

h=$(cap hints.pcap)
out=$(ts -r "$h" -Y sipdiag.code -T fields -E occurrence=a -E aggregator='|' -e frame.number -e sipdiag.code \
    -e sipdiag.request_frame -e sipdiag.hint.retry_after -e sipdiag.hint.allow -e sipdiag.hint.accept \
    -e sipdiag.hint.accept_encoding -e sipdiag.hint.accept_language -e sipdiag.hint.unsupported \
    -e sipdiag.hint.require -e sipdiag.hint.min_expires -e sipdiag.hint.min_se -e sipdiag.hint.allow_events \
    -e sipdiag.hint.security_server -e sipdiag.hint.accept_resource_priority -e sipdiag.hint.recv_info \
    -e sipdiag.hint.permission_missing -e sipdiag.hint.geolocation_error -e sipdiag.hint.alertmsg_error \
    -e sipdiag.hint.contact -e sipdiag.hint.auth_realm -e sipdiag.hint.auth_algorithm)
expect_file "every hint header, per response" "$out" hints.fields.tsv
# Each of the capture's INVITEs goes to the same target 2 s after the
# previous answer asked it to wait (Retry-After 3600, 1800, 60, 10, 120, ...):
# one finding per promise, so none after the 503 without Retry-After (56).
expect_eq "retries before Retry-After: the new INVITEs, once per promise" \
    "$(ts -r "$h" -Y sipdiag.expert.retry_after_ignored -T fields -e frame.number | paste -sd,)" "43,46,49,52,55,61,64"

fix() {
    ts -r "$1" -Y "frame.number == $2" -T fields -e sipdiag.fix
}
expect_contains "405: the Allow list is folded into the fix" "$(fix "$h" 2)" \
    "Methods allowed there: INVITE, ACK, CANCEL, BYE, OPTIONS."
expect_contains "423: Min-Expires in the fix" "$(fix "$h" 13)" "Register again with Expires of at least 3600 s."
expect_contains "480: Retry-After with comment and duration" "$(fix "$h" 44)" \
    "Retry-After asks to wait 1800 s before trying again."
expect_contains "503 without Retry-After is handled like 500 (RFC 3261 §21.5.4)" \
    "$(ts -r "$h" -Y 'frame.number == 56' -T fields -e sipdiag.hint.note)" "handle this 503 like a 500"
expect_eq "only the 503 without Retry-After gets that note" \
    "$(ts -r "$h" -Y 'sipdiag.hint.note contains "21.5.4"' -T fields -e frame.number | paste -sd,)" "56"

r=$(cap reason-warning.pcap)
out=$(ts -r "$r" -Y sipdiag -T fields -E occurrence=a -E aggregator='|' -e frame.number -e sipdiag.code \
    -e sipdiag.warning.code -e sipdiag.warning.agent -e sipdiag.warning.text -e sipdiag.reason_header.protocol \
    -e sipdiag.q850.cause -e sipdiag.q850.name -e sipdiag.q850.expected_code -e sipdiag.sip_reason.cause \
    -e sipdiag.sip_reason.phrase)
expect_file "Warning and Reason values decoded" "$out" reason-warning.fields.tsv
expect_eq "Q.850 cause and code disagree under RFC 3398 (404 with 34, 480 with 18, 603 with 17)" \
    "$(ts -r "$r" -Y sipdiag.expert.q850_mismatch -T fields -e frame.number | paste -sd,)" "5,8,14"
expect_contains "the 404/34 disagreement is explained" "$(ts -r "$r" -Y 'frame.number == 5' -T fields -e _ws.expert.message)" \
    "Q.850 cause 34 (No circuit/channel available) maps to 503 under RFC 3398, but the response is 404"
expect_contains "warn-code 305 has its meaning" \
    "$(ts -r "$r" -Y 'frame.number == 17' -T fields -E occurrence=f -e sipdiag.warning.meaning)" "codecs offered"
expect_eq "unreadable values get an expert item (warn-code 999, Q.850 cause 200)" \
    "$(ts -r "$r" -Y sipdiag.expert.bad_header -T fields -e frame.number | paste -sd,)" "26"

s=$(cap sdp-offer.pcap)
expect_eq "formats the offer listed, for 415, 488 and 606" \
    "$(ts -r "$s" -Y 'sipdiag.offered_formats' -T fields -E separator=: -e frame.number -e sipdiag.offered_formats)" \
    "$(printf '%s\n' '2:PCMU (audio 0), PCMA (audio 8), telephone-event (audio 101), H264 (video 96)' \
       '8:t38 (image t38)' '11:G729 (audio 18), opus (audio 111)' '13:G729 (audio 18), opus (audio 111)')"
expect_eq "the retransmitted 606 (frame 13) is one, and still names the offer" \
    "$(ts -r "$s" -Y 'sipdiag.retransmission' -T fields -E separator=: -e frame.number -e sipdiag.related_frame)" "13:11"
finish

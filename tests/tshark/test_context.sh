#!/bin/bash
# The transaction around a response (captures/dialog.tsv, captures/auth.tsv):
# the request it answers, CANCEL before 487, crossing BYEs before 481, glare,
# in-dialog failures (RFC 5057), retransmissions, digest challenges.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

d=$(cap dialog.pcap)
a=$(cap auth.pcap)
# frame:code:severity:request frame:related frame of every failure response
failures() {
    ts -r "$1" -Y 'sipdiag.code >= 400' -T fields -E separator=: -e frame.number -e sipdiag.code \
        -e sipdiag.severity -e sipdiag.request_frame -e sipdiag.related_frame | paste -sd' '
}
expect_eq "dialog: 487 after CANCEL, 487 alone, BYE race, lost state, glare, 408, retransmitted 486" \
    "$(failures "$d")" \
    "6:487:chat:1:4 10:487:note:8: 18:481:note:15:16 23:481:error:22: 30:491:note:28: 31:491:note:29: 41:408:error:40: 43:486:note:42: 44:486:chat:42:43 45:486:chat:42:43"
frames() {
    ts -r "$1" -Y "$2" -T fields -e frame.number | paste -sd,
}
expect_eq "487 after the caller's CANCEL" "$(frames "$d" sipdiag.expert.cancelled)" "6"
expect_eq "481 racing the other side's BYE" "$(frames "$d" sipdiag.expert.bye_race)" "18"
expect_eq "retransmissions of the 486 are marked" "$(frames "$d" sipdiag.retransmission)" "44,45"
expect_eq "dialog: the responses that need a human" "$(frames "$d" '_ws.expert.severity >= "Warning"')" "23,41"
expect_eq "RFC 5057 impact of in-dialog failures" \
    "$(ts -r "$d" -Y sipdiag.dialog_impact -T fields -E separator=: -e frame.number -e sipdiag.dialog_impact \
       | cut -d' ' -f1-3 | paste -sd' ')" "18:ends this usage 23:ends this usage 30:transaction only 31:transaction only 41:ends this usage"
expect_contains "487 without CANCEL says the capture does not show why" \
    "$(ts -r "$d" -Y 'frame.number == 10' -T fields -e sipdiag.context)" "No CANCEL for this INVITE appears in the capture"
expect_contains "491 states the RFC 3261 §14.1 timers" \
    "$(ts -r "$d" -Y 'frame.number == 30' -T fields -e sipdiag.context)" "2.1 to 4 s in 10 ms steps"
summary=$(ts -r "$d" -q -z expert,sipdiag)
expect_contains "the 486 counts once in the expert summary" "$summary" \
    "           1   Response            SIPDIAG  486 Busy Here: callee is on another call"
expect_contains "its retransmissions count as such" "$summary" "           2   Response            SIPDIAG  486 Busy Here: retransmission, counted once (frame 43)"

# captures/expiry.tsv: the INVITE rings 300 s (under the 600 s an unanswered
# INVITE is kept), so its 480 has request frame 1; the same 480 100 s after
# the ACK comes well past the 32 s (Timer H) a finished transaction is kept:
# no request, no retransmission.
x=$(cap expiry.pcap)
expect_eq "expiry: a long ring keeps its INVITE, a late stray 480 is on its own" "$(failures "$x")" "3:480:note:1: 5:480:note::"
expect_eq "expiry: the stray is not called a retransmission" "$(frames "$x" sipdiag.retransmission)" ""

expect_eq "auth: challenge, rejected credentials, stale nonce, challenge" "$(failures "$a")" \
    "2:401:chat:1: 4:401:warning:3: 6:407:note:5: 9:407:chat:8:"
expect_eq "credentials rejected for the same realm" "$(frames "$a" sipdiag.expert.credentials_rejected)" "4"
expect_contains "rejected credentials name the realm" "$(ts -r "$a" -Y 'frame.number == 4' -T fields -e _ws.expert.message)" \
    '401 Unauthorized: credentials were rejected — check username, password and realm on the UA (user "alice", realm "sipdiag.test")'
expect_eq "stale nonce" "$(frames "$a" 'sipdiag.hint.auth_stale == 1')" "6"
expect_eq "challenge realm and algorithm" \
    "$(ts -r "$a" -Y 'sipdiag.code == 407' -T fields -E separator=: -e frame.number -e sipdiag.hint.auth_realm \
       -e sipdiag.hint.auth_algorithm | paste -sd' ')" "6:proxy.test:MD5 9:proxy.test:MD5"
finish

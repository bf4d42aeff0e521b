#!/bin/bash
# tshark -z sipdiag,tree: responses by severity, class, code, method and
# Q.850 cause, and failed calls one by one (captures/demo.pcap is five
# recorded flows: 401 then 200, CANCEL/487, 486, 503, 488).
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

# "name<TAB>count" for every line of the tree.
tree() {
    ts -r "$(cap "$1")" -q -z sipdiag,tree | sed -n '/^Topic/,$p' | grep -v '^Topic\|^---\|^$' |
        sed -E 's/^( *)(.*[^ ]) +([0-9]+) +.*$/\1\2\t\3/'
}
t=$(tree demo.pcap)
line() {
    printf '%s\n' "$t" | grep -F -- "$1" | head -n 1 | cut -f2
}
expect_eq "15 responses" "$(line 'SIP responses')" "15"
expect_eq "12 chat (100, 180, 200, the 401 challenge, the 487 after CANCEL)" "$(line '  1 chat')" "12"
expect_eq "1 note (486), 1 warning (488), 1 error (503)" \
    "$(line '  2 note') $(line '  3 warning') $(line '  4 error')" "1 1 1"
expect_eq "by class" "$(line '1xx Provisional') $(line '2xx Successful') $(line '4xx Request failure') $(line '5xx Server failure')" \
    "7 3 4 1"
expect_eq "by method" "$(line '  INVITE') $(line '  CANCEL') $(line '  BYE')" "13 1 1"
expect_eq "by code, with the diagnosis's first clause beneath" \
    "$(line '  486 Busy Here') $(line '   callee is on another call')" "1 1"
expect_eq "group rows carry their totals" \
    "$(line ' By severity') $(line ' By class') $(line ' By code') $(line ' By request method')" "15 15 15 15"
expect_eq "four failed calls (the 401 was only a challenge)" "$(line 'Failed calls')" "4"
expect_contains "a failed call: From -> To: code phrase" "$t" \
    $' sip:alice@127.0.0.1:5061 -> sip:bob@127.0.0.1:5060: 486 Busy Here\t1'
expect_contains "... its Call-ID beneath" "$t" $'  Call-ID sipdiag-busy-486@127.0.0.1\t1'

t=$(tree reason-warning.pcap)
expect_eq "Q.850 causes (17 twice: 486 and 603)" "$(line '17 User busy') $(line '34 No circuit/channel available') $(line '18 No user responding')" "2 1 1"
t=$(tree dialog.pcap)
expect_eq "retransmissions are not counted: one 486" "$(line '  486 Busy Here')" "1"
finish

#!/bin/bash
# Real call flows between two sipp instances on loopback (captures/sipp-*.tsv):
# each response, its severity and the method it answers, frame by frame.
# Expected values: frame:code:severity:method of every response in the manifest.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

flow() {
    ts -r "$(cap "$1")" -Y sipdiag.code -T fields -E separator=: \
        -e frame.number -e sipdiag.code -e sipdiag.severity -e sipdiag.method | paste -sd' '
}
expect_eq "basic call" "$(flow sipp-call-200.pcap)" "2:180:chat:INVITE 3:200:chat:INVITE 6:200:chat:BYE"
expect_eq "busy callee" "$(flow sipp-busy-486.pcap)" "2:100:chat:INVITE 3:486:note:INVITE"
expect_eq "caller cancels: 487 after the CANCEL is normal (chat)" "$(flow sipp-cancel-487.pcap)" \
    "2:100:chat:INVITE 3:180:chat:INVITE 5:200:chat:CANCEL 6:487:chat:INVITE"
expect_eq "server unavailable" "$(flow sipp-503-retry-after.pcap)" "2:100:chat:INVITE 3:503:error:INVITE"
expect_eq "media not acceptable" "$(flow sipp-488-warning.pcap)" "2:100:chat:INVITE 3:488:warning:INVITE"
expect_eq "digest challenge, then the call" "$(flow sipp-auth-401.pcap)" \
    "2:401:chat:INVITE 5:100:chat:INVITE 6:180:chat:INVITE 7:200:chat:INVITE 10:200:chat:BYE"
expect_eq "call over TCP" "$(flow sipp-tcp-call.pcap)" \
    "6:100:chat:INVITE 8:180:chat:INVITE 10:200:chat:INVITE 16:200:chat:BYE"

# The demo capture is these failure flows back to back: 10 + 7 + 4 + 4 + 4 frames.
expect_eq "demo: the responses that need a human" \
    "$(ts -r "$(cap demo.pcap)" -Y '_ws.expert.severity >= "Warning"' -T fields -e frame.number -e sipdiag.code \
       | paste -sd' ')" "$(printf '24\t503 28\t488')"
finish

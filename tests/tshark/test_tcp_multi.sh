#!/bin/bash
# SIP over TCP: two responses in one segment, a response followed by a request
# in one segment, and a response reassembled from two segments
# (captures/tcp-multi.tsv lists what each frame carries).
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

out=$(ts -r "$(cap tcp-multi.pcap)" -T fields -E occurrence=a -E aggregator=, \
    -e frame.number -e sipdiag.code -e sipdiag.method -e sipdiag.severity -e sipdiag.standard_reason)
expect_file "one subtree per response, in order, with its own CSeq method" "$out" tcp-multi.fields.tsv

# The BYE in frame 5 shares the segment with a 200: it must not lend its method.
expect_eq "frame 5 answers the INVITE, not the BYE after it" \
    "$(ts -r "$(cap tcp-multi.pcap)" -Y 'frame.number == 5' -T fields -e sipdiag.method)" "INVITE"
expect_eq "frames with a response" \
    "$(ts -r "$(cap tcp-multi.pcap)" -Y sipdiag.code -T fields -e frame.number | paste -sd,)" "2,5,7,10"
finish

#!/bin/bash
# Unregistered, out-of-range, non-numeric codes, empty and unusual reason
# phrases (captures/odd-codes.tsv): every one gets a diagnosis or an expert
# item saying what is wrong, and tshark does not crash.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

out=$(ts -r "$(cap odd-codes.pcap)" -T fields -E occurrence=a -E aggregator=, \
    -e frame.number -e sipdiag.code -e sipdiag.standard_reason -e sipdiag.severity)
expect_file "codes, fallbacks and severities" "$out" odd-codes.fields.tsv

frames() {
    ts -r "$(cap odd-codes.pcap)" -Y "$1" -T fields -e frame.number | paste -sd,
}
expect_eq "unregistered codes (RFC 3261 §8.1.3.2)" "$(frames sipdiag.expert.unrecognised)" "1,2,4,15"
expect_eq "invalid codes" "$(frames sipdiag.expert.invalid_code)" "5,6,7,8,9,10"
expect_eq "status lines the SIP dissector rejected" "$(frames sipdiag.expert.malformed_status_line)" "9,10,12"
expect_eq "reason phrase differs or is empty" "$(frames sipdiag.expert.reason_mismatch)" "3,11,12,14"
expect_eq "responses that need a human" "$(frames '_ws.expert.severity >= "Warning"')" "1,2,5,6,7,8,9,10,12"

msgs=$(ts -r "$(cap odd-codes.pcap)" -T fields -e _ws.expert.message)
expect_contains "499 says it is handled as 400" "$msgs" "499 (unregistered, handled as 400 Bad Request): "
expect_contains "out-of-range code named" "$msgs" "Status code 700 is outside the range 100-699 that RFC 3261 allows"
expect_contains "four-digit code named" "$msgs" 'Status code "1000" is not three digits'
expect_contains "letters named" "$msgs" 'Status code "4x6" is not three digits'
expect_contains "different phrase quoted" "$msgs" 'Reason phrase "User Busy" differs from the registered "Busy Here"'
# With no tree shown and no sipdiag field asked for (-z expert, a plain
# -Y on _ws.expert) the diagnosis fields are skipped, not the expert items.
z=$(ts -r "$(cap odd-codes.pcap)" -q -z expert)
expect_contains "-z expert: different phrase quoted" "$z" 'Reason phrase "User Busy" differs from the registered "Busy Here"'
expect_eq "plain -Y on the expert message finds the same frames" \
    "$(ts -r "$(cap odd-codes.pcap)" -Y '_ws.expert.message contains "eason phrase"' | awk '{print $1}' | paste -sd,)" \
    "3,11,12,14"
finish

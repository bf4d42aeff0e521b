#!/bin/bash
# The 21 codes of the vendor table with the vendor's own reason phrases
# (captures/vendor-phrases.tsv): recognised and explained, not flagged.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

c=$(cap vendor-phrases.pcap)
out=$(ts -r "$c" -T fields -e frame.number -e sipdiag.code -e sipdiag.reason -e sipdiag.standard_reason \
    -e sipdiag.severity)
expect_file "vendor codes, phrases as sent and registered" "$out" vendor-phrases.fields.tsv
expect_eq "vendor phrases are not reported as mismatches" \
    "$(ts -r "$c" -Y sipdiag.expert.reason_mismatch -T fields -e frame.number | paste -sd,)" ""
expect_eq "the five vendor-specific phrases carry a note" \
    "$(ts -r "$c" -Y sipdiag.reason_note -T fields -e sipdiag.code | paste -sd,)" "481,487,502,603,606"
expect_contains "502 note names the vendor phrase's meaning" \
    "$(ts -r "$c" -Y 'sipdiag.code == 502' -T fields -e sipdiag.reason_note)" "PortaSIP"
finish

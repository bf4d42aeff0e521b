#!/bin/bash
# Wireshark loads the plugin and knows its protocol, fields and expert items.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

expect_contains "tshark -G plugins lists sipdiag" "$(ts -G plugins)" "sipdiag.so"
protos=$(ts -G protocols)
expect_contains "protocol registered" "$protos" $'SIP Response Diagnosis\tSIPDIAG\tsipdiag'
glossary=$(ts -G fields)
fields=$(printf '%s\n' "$glossary" | awk -F'\t' '$1 == "F" && $5 == "sipdiag" && $3 !~ /expert/ { print $3 "\t" $4 }')
expect_file "field names and types" "$fields" plugin.fields.tsv
# Expert items appear in the glossary as FT_NONE fields named by their summary.
experts=$(printf '%s\n' "$glossary" | awk -F'\t' '$3 ~ /^sipdiag\.expert\./ { print $3 }')
expect_eq "one expert item per registered code" "$(printf '%s\n' "$experts" | grep -c '^sipdiag\.expert\.[0-9][0-9][0-9]$')" "75"
expect_eq "and these 32 others (six for failures without an error response, two transaction faults, call_ended)" "$(printf '%s\n' "$experts" | grep -v '^sipdiag\.expert\.[0-9]*$' | sort | paste -sd' ')" \
    "$(printf 'sipdiag.expert.%s\n' bad_header bye_race cancelled capture_duplicate clock_jump credentials_rejected custom_chat \
       custom_error custom_note custom_warning invalid_code malformed_status_line method_chat method_error method_note \
       method_warning nonce_changed q850_mismatch reason_mismatch retransmission \
       stale_nonce truncated unrecognised no_response no_ack challenge_unanswered auth_attack retry_after_ignored \
       icmp_unreachable final_not_acked no_final call_ended | sort | paste -sd' ')"
expect_contains "486 expert item" "$glossary" $'F\t486 Busy Here: callee is on another call'
finish

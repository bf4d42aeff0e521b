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
experts=$(printf '%s\n' "$glossary" | awk -F'\t' '$3 ~ /^sipdiag\.expert\./' | wc -l)
expect_eq "one expert item per registered code plus 15 others" "$experts" "90"
expect_contains "486 expert item" "$glossary" $'F\t486 Busy Here: callee is on another call'
finish

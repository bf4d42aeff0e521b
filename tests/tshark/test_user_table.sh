#!/bin/bash
# The user's code table (UAT "sipdiag_codes") and the preferences: new codes,
# overrides of built-in ones, refused rows, expert items for 1xx/2xx, hints.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

odd=$(cap odd-codes.pcap)
all=$(cap all-codes.pcap)
row499='"499","Vendor Rejected","The vendor fraud filter blocked the caller","Ask the carrier to whitelist the number","warning"'
row486='"486","","","Call the callee on the mobile number instead","error"'

out=$(ts -r "$odd" -o "uat:sipdiag_codes:$row499" -Y 'frame.number == 1' -T fields -E separator='|' \
    -e sipdiag.code -e sipdiag.standard_reason -e sipdiag.description -e sipdiag.fix -e sipdiag.severity)
expect_eq "a vendor code added by the user replaces the x00 fallback" "$out" \
    "499|Vendor Rejected|The vendor fraud filter blocked the caller|The server's own words come first: \"Custom Failure\". Ask the carrier to whitelist the number|warning"
expect_eq "... is no longer unrecognised, and speaks through the warning item" \
    "$(ts -r "$odd" -o "uat:sipdiag_codes:$row499" -Y 'sipdiag.expert.custom_warning' -T fields -e frame.number \
       | paste -sd,)" "1"

out=$(ts -r "$all" -o "uat:sipdiag_codes:$row486" -Y 'sipdiag.code == 486' -T fields -E separator='|' \
    -e sipdiag.standard_reason -e sipdiag.fix -e sipdiag.severity -e sipdiag.reference)
expect_eq "an override keeps the built-in phrase and reference, takes the user's fix and severity" "$out" \
    "Busy Here|Call the callee on the mobile number instead|error|RFC 3261 §21.4.24"
expect_eq "the override changes what the severity filter selects" \
    "$(ts -r "$all" -o "uat:sipdiag_codes:$row486" -Y '_ws.expert.severity == "Error"' -T fields -e sipdiag.code \
       | paste -sd,)" "408,486,500,502,503,504"

err=$(ts -r "$odd" -o 'uat:sipdiag_codes:"99","x","y","z","note"' -c 1 2>&1)
expect_contains "a code out of range is refused, naming the field" "$err" \
    'Code 99: field "Code" must be a SIP status code from 100 to 699'
err=$(ts -r "$odd" -o 'uat:sipdiag_codes:"486","","","z","urgent"' -c 1 2>&1)
expect_contains "an unknown severity is refused, naming the field" "$err" \
    'field "Severity" must be default, chat, note, warning or error, not "urgent"'
err=$(ts -r "$odd" -o 'uat:sipdiag_codes:"498","","","z","note"' -c 1 2>&1)
expect_contains "a new code without its texts is refused" "$err" \
    'Code 498 is not a registered code: fields "Reason phrase" and "Description" are required for it'
err=$(ts -r "$odd" -o 'uat:sipdiag_codes:"498","Vendor","","z","note"' -c 1 2>&1)
expect_contains "... naming only what is missing" "$err" \
    'Code 498 is not a registered code: field "Description" is required for it'

# "default" (the new rows' default) keeps sipdiag's severity: a row that only
# rewrites the Fix of a 408 leaves it an error; an unregistered code takes its x00's.
expect_eq "severity default keeps the code's own" \
    "$(ts -r "$all" -o 'uat:sipdiag_codes:"408","","","Ring the carrier NOC","default"' -Y 'sipdiag.code == 408' \
       -T fields -E separator='|' -e sipdiag.severity -e sipdiag.fix)" "error|Ring the carrier NOC"
expect_eq "an empty severity is default too" \
    "$(ts -r "$all" -o 'uat:sipdiag_codes:"486","","","x",""' -Y 'sipdiag.code == 486' -T fields -e sipdiag.severity)" \
    "note"
expect_eq "default for a new code: the severity of the code it is handled as (499 as 400: warning)" \
    "$(ts -r "$odd" -o 'uat:sipdiag_codes:"499","Vendor Rejected","Blocked","x","default"' -Y 'frame.number == 1' \
       -T fields -e sipdiag.severity)" "warning"

# A table file with a bad row is refused whole: nothing of it is applied.
printf '%s\n' "$row499" '"99","x","y","z","note"' > "$WORK/config/sipdiag_codes"
chmod a+r "$WORK/config/sipdiag_codes"
expect_eq "a table with a bad row is not half applied" \
    "$(ts -r "$odd" -Y 'frame.number == 1' -T fields -e sipdiag.standard_reason -e sipdiag.severity 2> /dev/null)" \
    "$(printf 'Bad Request\twarning')"
rm -f "$WORK/config/sipdiag_codes"

expect_contains "preference expert_success off: no chat items for 1xx/2xx, 401/407 keep theirs" \
    "$(ts -r "$all" -o sipdiag.expert_success:FALSE -q -z expert,sipdiag)" "Chats (2)"
expect_eq "preference show_hints off: no hint subtree" \
    "$(ts -r "$(cap hints.pcap)" -o sipdiag.show_hints:FALSE -Y 'sipdiag.hint || sipdiag.warning' -T fields \
       -e frame.number | wc -l)" "0"
finish

#!/bin/bash
# tshark -2 (second pass without primed fields) shows what one pass shows,
# fields and expert summary alike, for every bundled capture.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

fields=(-e frame.number -e sipdiag.code -e sipdiag.reason -e sipdiag.standard_reason -e sipdiag.severity
        -e sipdiag.method -e sipdiag.fix -e _ws.expert.message)
# The failures without an error response are late findings: one pass shows
# them on the frame that revealed them, -2 on the frame they concern, and
# only -2 knows the end of the capture (README). They are compared in
# tests/pytest/test_silent.py; here they are left out on both sides.
late='( no response |never ACKed|no final one within|no final response or CANCEL|no credentials sent|not used within 32 s|rejected credentials for|accepted after [0-9]+ rejected|before the Retry-After|SIPDIAG  ICMP|^ICMP)'
drop_late() {
    /usr/bin/python3 -c '
import re, sys
late = re.compile(sys.argv[1])
for line in sys.stdin.read().splitlines():
    cols = line.split("\t")
    cols[-1] = "|".join(m for m in cols[-1].split("|") if not late.search(m))
    print("\t".join(cols))' "$late"
}
for p in "$WORK"/captures/*.pcap; do
    name=$(basename "$p")
    one=$(ts -r "$p" -T fields -E occurrence=a -E aggregator='|' "${fields[@]}" | drop_late)
    two=$(ts -2 -r "$p" -T fields -E occurrence=a -E aggregator='|' "${fields[@]}" | drop_late)
    expect_eq "$name: -2 fields equal one-pass fields" "$two" "$one"
    one=$(ts -r "$p" -q -z expert,sipdiag | grep -Ev "$late" || true)
    two=$(ts -2 -r "$p" -q -z expert,sipdiag | grep -Ev "$late" || true)
    expect_eq "$name: -2 -z expert equals one pass" "$two" "$one"
    [ -n "$one" ] || fail "$name: -z expert printed nothing"
    # Without a filter the second pass builds no tree at all: context items
    # (cancelled, bye_race, credentials_rejected, ...) must still be raised.
    one=$(ts -r "$p" -q -z expert | grep -Ev "$late" || true)
    two=$(ts -2 -r "$p" -q -z expert | grep -Ev "$late" || true)
    expect_eq "$name: -2 -z expert (no filter, no tree) equals one pass" "$two" "$one"
    # Unfiltered, nobody sees sipdiag's items, so they are left out of the
    # tree; the filter "sipdiag" makes them real. Expert Information must
    # list the same sipdiag entries either way.
    unseen=$(grep SIPDIAG <<< "$one" || true)
    seen=$(ts -r "$p" -q -z expert,sipdiag | grep SIPDIAG | grep -Ev "$late" || true)
    expect_eq "$name: sipdiag's expert entries without items in the tree" "$unseen" "$seen"
done
# Filters on an expert item's own name or on _ws.expert make the items real
# (summary lines: -T fields would show the whole tree anyway).
demo="$WORK/captures/demo.pcap"
expect_contains "demo: unfiltered -z expert lists the 486 without its item" "$(ts -r "$demo" -q -z expert)" \
    "SIPDIAG  486 Busy Here"
expect_eq "demo: filter on per-code expert names" \
    "$(ts -r "$demo" -Y 'sipdiag.expert.488 || sipdiag.expert.486' | awk '{print $1}')" $'20\n28'
expect_eq "demo: _ws.expert.severity >= error finds the 503's frame" \
    "$(ts -r "$demo" -Y '_ws.expert.severity >= "Error"' | awk '{print $1}')" "24"
finish

#!/bin/bash
# tshark -2 (second pass without primed fields) shows what one pass shows,
# fields and expert summary alike, for every bundled capture.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

fields=(-e frame.number -e sipdiag.code -e sipdiag.reason -e sipdiag.standard_reason -e sipdiag.severity
        -e sipdiag.method -e sipdiag.fix -e _ws.expert.message)
for p in "$WORK"/captures/*.pcap; do
    name=$(basename "$p")
    one=$(ts -r "$p" -T fields -E occurrence=a "${fields[@]}")
    two=$(ts -2 -r "$p" -T fields -E occurrence=a "${fields[@]}")
    expect_eq "$name: -2 fields equal one-pass fields" "$two" "$one"
    one=$(ts -r "$p" -q -z expert,sipdiag)
    two=$(ts -2 -r "$p" -q -z expert,sipdiag)
    expect_eq "$name: -2 -z expert equals one pass" "$two" "$one"
    [ -n "$one" ] || fail "$name: -z expert printed nothing"
    # Without a filter the second pass builds no tree at all: context items
    # (cancelled, bye_race, credentials_rejected, ...) must still be raised.
    one=$(ts -r "$p" -q -z expert)
    two=$(ts -2 -r "$p" -q -z expert)
    expect_eq "$name: -2 -z expert (no filter, no tree) equals one pass" "$two" "$one"
    # Unfiltered, nobody sees sipdiag's items, so they are left out of the
    # tree; the filter "sipdiag" makes them real. Expert Information must
    # list the same sipdiag entries either way.
    unseen=$(grep SIPDIAG <<< "$one" || true)
    seen=$(ts -r "$p" -q -z expert,sipdiag | grep SIPDIAG || true)
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

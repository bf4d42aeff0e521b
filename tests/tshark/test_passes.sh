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
done
finish

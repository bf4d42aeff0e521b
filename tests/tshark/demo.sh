#!/bin/bash
# demo.sh — the README's "main job": the diagnosis of every SIP response in a
# bundled capture, printed by real tshark with the freshly built plugin.
# Usage: demo.sh [capture-name]   (a file in captures/, default: demo.pcap)
#
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

capture=${1:-demo.pcap}
ts -r "$(cap "$capture")" -Y sipdiag.code -T fields -E header=y -E occurrence=a -E aggregator='|' \
    -e frame.number -e sipdiag.method -e sipdiag.code -e sipdiag.reason -e sipdiag.severity -e sipdiag.fix


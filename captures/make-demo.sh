#!/bin/bash
# make-demo.sh — builds demo.pcap, the capture the README's first command
# diagnoses: the recorded sipp failure flows one after another (mergecap -a
# keeps their order, so the result is byte-reproducible from the inputs).
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
cd "$(dirname "$0")"
mergecap -F pcap -a -w demo.pcap \
    sipp-auth-401.pcap sipp-cancel-487.pcap sipp-busy-486.pcap sipp-503-retry-after.pcap sipp-488-warning.pcap
echo "demo.pcap: $(capinfos -c -M demo.pcap | awk '/Number of packets/ { print $NF }') frames"

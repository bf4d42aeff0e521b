#!/bin/bash
# make-demo.sh — builds demo.pcap, the capture the README's first command
# diagnoses: the recorded sipp failure flows one after another, each shifted
# in time to start 10 s after the previous one (they were recorded in another
# order), then concatenated. Byte-reproducible from its inputs.
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
cd "$(dirname "$0")"
flows=(sipp-auth-401.pcap sipp-cancel-487.pcap sipp-busy-486.pcap sipp-503-retry-after.pcap sipp-488-warning.pcap)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
base=$(capinfos -S -a -T -r "${flows[0]}" | cut -f2)
shifted=()
for i in "${!flows[@]}"; do
    start=$(capinfos -S -a -T -r "${flows[$i]}" | cut -f2)
    offset=$(awk -v b="$base" -v s="$start" -v i="$i" 'BEGIN { printf "%.6f", b + 10 * i - s }')
    editcap -F pcap -t "$offset" "${flows[$i]}" "$tmp/$i.pcap"
    shifted+=("$tmp/$i.pcap")
done
mergecap -F pcap -a -w demo.pcap "${shifted[@]}"
# Its manifest: the flows' manifests one after another, renumbered, each row
# naming the capture and frame it comes from.
{
    printf 'frame\tfrom\t%s\n' "$(head -1 "${flows[0]%.pcap}.tsv" | cut -f2-)"
    n=0
    for f in "${flows[@]}"; do
        tail -n +2 "${f%.pcap}.tsv" | while IFS= read -r line; do
            n=$((n + 1))
            printf '%s\t%s:%s\t%s\n' "$n" "$f" "$(cut -f1 <<< "$line")" "$(cut -f2- <<< "$line")"
        done > "$tmp/rows"
        cat "$tmp/rows"
        n=$((n + $(wc -l < "$tmp/rows")))
    done
} > demo.tsv
echo "demo.pcap: $(capinfos -c -M demo.pcap | awk '/Number of packets/ { print $NF }') frames, demo.tsv: $(($(wc -l < demo.tsv) - 1)) rows"

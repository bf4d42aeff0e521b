#!/bin/bash
# run-libfuzzer.sh [SECONDS] — builds tests/fuzz_hdrparse.c with clang's
# libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer against the
# plugin's plain-C parsers (no Wireshark needed) and runs it for SECONDS
# (default 30) on a copy of the seed corpus tests/corpus/hdrparse.
# Exit 77 (skipped) without clang; non-zero on any finding.
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
seconds=${1:-30}
command -v clang > /dev/null || { echo "clang not found: skipped"; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
core=(codes.c diagnose.c hdrparse.c msdiag.c q850.c reasons.c sipmsg.c)
# shellcheck disable=SC2046
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$src/plugin" \
    $(pkg-config --cflags glib-2.0) "$here/fuzz_hdrparse.c" "${core[@]/#/$src/plugin/}" \
    $(pkg-config --libs glib-2.0) -o "$work/fuzz_hdrparse" || exit 1
cp -r "$here/corpus/hdrparse" "$work/corpus"
"$work/fuzz_hdrparse" -max_total_time="$seconds" -max_len=70000 -timeout=10 -artifact_prefix="$work/" \
    -print_final_stats=1 "$work/corpus" > "$work/log" 2>&1
status=$?
grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|INFO: -max_total_time|==[0-9]+==ERROR|SUMMARY)" "$work/log"
if [ $status -ne 0 ]; then
    tail -n 40 "$work/log"
    ls "$work"/crash-* "$work"/timeout-* "$work"/leak-* 2> /dev/null
    echo "0 passed, 1 failed"
    exit 1
fi
echo "1 passed, 0 failed"

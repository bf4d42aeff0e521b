#!/bin/bash
# Fails if a file other than compat.h tests the Wireshark version.
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
offenders=$(grep -l -E '^[[:space:]]*#[[:space:]]*(if|elif|ifdef|ifndef).*(WIRESHARK_VERSION|SIPDIAG_WS_AT_LEAST)' \
    "$1"/*.c "$1"/*.h | grep -v '/compat\.h$')
if [ -n "$offenders" ]; then
    echo "version checks outside compat.h: $offenders"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "1 passed, 0 failed"

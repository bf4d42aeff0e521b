#!/bin/bash
# check-install.sh SOURCE_DIR BUILD_DIR MAJOR.MINOR
# `cmake --install` puts sipdiag.so into the personal plugin folder by
# default and into Wireshark's system folder with -DSIPDIAG_INSTALL_SYSTEM=ON
# (both checked with DESTDIR, so nothing outside a temporary folder changes).
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
src=$1 build=$2 ver=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() {
    if [ -f "$2" ]; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1: no $2"; fi
}

DESTDIR="$tmp/personal" cmake --install "$build" > /dev/null
check "personal folder by default" "$tmp/personal$HOME/.local/lib/wireshark/plugins/$ver/epan/sipdiag.so"

cmake -S "$src" -B "$tmp/sysbuild" -DSIPDIAG_INSTALL_SYSTEM=ON -DBUILD_TESTING=OFF > /dev/null &&
    cmake --build "$tmp/sysbuild" > /dev/null &&
    DESTDIR="$tmp/system" cmake --install "$tmp/sysbuild" > /dev/null
plugdir=$(pkg-config --variable=plugindir wireshark 2>/dev/null)
check "system folder on request" "$tmp/system$plugdir/epan/sipdiag.so"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

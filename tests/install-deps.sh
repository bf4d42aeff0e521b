#!/bin/bash
# install-deps.sh — installs what sipdiag needs to build and test on Debian
# (12, 13, unstable): Wireshark's development files, tshark, cmake, a
# compiler, GLib, python3 with pytest (the tshark tests in tests/pytest) and
# debootstrap (the Wireshark version matrix, tests/matrix.sh), clang with
# libFuzzer and valgrind (tests/run-libfuzzer.sh, tests/fuzz-captures.sh).
# Uses sudo when not run as root; skips apt-get when everything is there.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

packages=(cmake gcc make pkg-config libglib2.0-dev wireshark-dev libwireshark-dev tshark python3 python3-pytest util-linux debootstrap
          clang libclang-rt-dev valgrind)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

SUDO=()
[ "$(id -u)" = 0 ] || SUDO=(sudo)
echo "installing: ${missing[*]}"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"

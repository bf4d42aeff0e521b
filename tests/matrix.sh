#!/bin/bash
# matrix.sh — builds sipdiag and runs its whole test suite against the
# Wireshark of other Debian releases, each in a root made with debootstrap:
#   bookworm (Debian 12, Wireshark 4.0), trixie (Debian 13, 4.4), sid (unstable, 4.6).
# It then builds the .deb with cpack, installs it in that root and checks that
# root's tshark loads it from the system plugin folder.
#
# Usage: tests/matrix.sh [suite ...]        (default: bookworm trixie sid)
# Needs root (debootstrap, chroot, mount). Roots are kept in $SIPDIAG_ROOTS
# (default /var/cache/sipdiag-roots) and reused, so a second run is fast;
# delete a root's folder to rebuild it.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

ROOTS=${SIPDIAG_ROOTS:-/var/cache/sipdiag-roots}
MIRROR=${SIPDIAG_MIRROR:-http://deb.debian.org/debian}
SRC=$(cd "$(dirname "$0")/.." && pwd)
PACKAGES="cmake gcc make pkg-config libglib2.0-dev wireshark-dev libwireshark-dev tshark python3 python3-pytest util-linux"

if [ "$(id -u)" != 0 ]; then
    echo "matrix.sh needs root (debootstrap and chroot)"
    exit 77
fi

log() { printf '[%s %s] %s\n' "$(date +%T)" "$suite" "$*"; }

# Installs $PACKAGES in root $1 and marks it ready with the list installed.
install_packages() {
    local root=$1
    mount -t proc proc "$root/proc"
    chroot "$root" sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends $PACKAGES" > "$ROOTS/$suite.apt.log" 2>&1 ||
        { umount "$root/proc"; tail -n 20 "$ROOTS/$suite.apt.log"; return 1; }
    umount "$root/proc"
    echo "$PACKAGES" > "$root/.sipdiag-ready"
}

# A root with the build and test dependencies installed; made once. A root
# made with an older package list gets what the list now adds.
make_root() {
    local root=$ROOTS/$suite
    if [ -f "$root/.sipdiag-ready" ]; then
        [ "$(cat "$root/.sipdiag-ready")" = "$PACKAGES" ] && return 0
        log "adding packages to $root"
        install_packages "$root"
        return
    fi
    log "creating $root with debootstrap"
    rm -rf "$root.tmp"
    mkdir -p "$ROOTS"
    debootstrap --variant=minbase "$suite" "$root.tmp" "$MIRROR" > "$ROOTS/$suite.debootstrap.log" 2>&1 ||
        { tail -n 20 "$ROOTS/$suite.debootstrap.log"; return 1; }
    # unstable's Release file has a short validity; the mirror may lag behind it.
    echo 'Acquire::Check-Valid-Until "false";' > "$root.tmp/etc/apt/apt.conf.d/99sipdiag"
    install_packages "$root.tmp" || return 1
    mv "$root.tmp" "$root"
}

# The project's files (as git tracks them, when it is a checkout) into the root.
copy_source() {
    local dest=$1
    rm -rf "$dest"
    mkdir -p "$dest"
    if git -C "$SRC" rev-parse --git-dir > /dev/null 2>&1; then
        (cd "$SRC" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$dest")
    else
        (cd "$SRC" && tar --exclude='./build*' -cf - .) | tar -C "$dest" -xf -
    fi
}

run_suite() {
    local root=$ROOTS/$suite
    copy_source "$root/src/sipdiag"
    mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
    trap 'umount "$ROOTS/$suite/proc" 2> /dev/null || true' RETURN
    log "$(chroot "$root" tshark --version 2> /dev/null | head -n 1)"
    chroot "$root" sh -c 'cd /src/sipdiag &&
        cmake -S . -B build -DSIPDIAG_WERROR=ON > /dev/null &&
        cmake --build build &&
        ctest --test-dir build --output-on-failure' || return 1
    log "package"
    chroot "$root" sh -c 'cd /src/sipdiag &&
        cmake -S . -B build-deb -DSIPDIAG_INSTALL_SYSTEM=ON -DBUILD_TESTING=OFF > /dev/null &&
        cmake --build build-deb > /dev/null && cd build-deb && cpack -G DEB > /dev/null &&
        dpkg -i wireshark-plugin-sipdiag_*.deb > /dev/null &&
        dpkg-deb -I wireshark-plugin-sipdiag_*.deb | grep -E "Version|Depends"' || return 1
    # Root reads the system plugin folder, so the installed package needs no wrapper.
    local got
    got=$(chroot "$root" sh -c 'tshark -r /src/sipdiag/captures/demo.pcap -Y "_ws.expert.severity >= \"Warning\"" \
        -T fields -e frame.number -e sipdiag.code 2> /dev/null | paste -sd" "')
    chroot "$root" dpkg -r wireshark-plugin-sipdiag > /dev/null
    if [ "$got" != "$(printf '24\t503 28\t488')" ]; then
        log "installed package: tshark printed '$got', expected frames 24 (503) and 28 (488)"
        return 1
    fi
    log "installed package works: $got"
}

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(bookworm trixie sid)
status=0
for suite in "${suites[@]}"; do
    start=$(date +%s)
    if make_root && run_suite; then
        log "PASS ($(($(date +%s) - start)) s)"
    else
        log "FAIL"
        status=1
    fi
done
exit $status

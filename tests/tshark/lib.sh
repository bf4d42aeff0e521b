# lib.sh — shared by the tshark tests: runs the built plugin inside Debian's
# real tshark and compares what it prints with hand-checked expectations.
#
# Wireshark ignores WIRESHARK_PLUGIN_DIR when started by root (see
# started_with_special_privs() in wsutil), so as root tshark runs as
# "nobody", with the plugin, the captures and a config folder copied into a
# temporary folder that user can read.
#
# Needs: SIPDIAG_PLUGIN (path of sipdiag.so), SIPDIAG_WS_VERSION ("4.0"),
# SIPDIAG_CAPTURES (the captures/ folder), SIPDIAG_EXPECTED (tests/expected/).
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u

: "${SIPDIAG_PLUGIN:?path of the built sipdiag.so}"
: "${SIPDIAG_WS_VERSION:?Wireshark major.minor, e.g. 4.0}"
: "${SIPDIAG_CAPTURES:?the captures folder}"
: "${SIPDIAG_EXPECTED:?the expected-output folder}"

PASSED=0
FAILED=0
WORK=$(mktemp -d /tmp/sipdiag-test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
mkdir -p "$WORK/plugins/$SIPDIAG_WS_VERSION/epan" "$WORK/config" "$WORK/captures" "$WORK/out"
cp "$SIPDIAG_PLUGIN" "$WORK/plugins/$SIPDIAG_WS_VERSION/epan/"
cp "$SIPDIAG_CAPTURES"/*.pcap "$WORK/captures/"
chmod -R a+rX "$WORK"
chmod 777 "$WORK/config" "$WORK/out"

if [ "$(id -u)" = 0 ]; then
    AS_USER=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
else
    AS_USER=()
fi

# tshark with sipdiag loaded; a capture named "x.pcap" is read from the copy.
ts() {
    "${AS_USER[@]}" env HOME="$WORK/config" WIRESHARK_PLUGIN_DIR="$WORK/plugins" \
        WIRESHARK_CONFIG_DIR="$WORK/config" tshark "$@"
}

# The capture path tshark (as the test user) reads.
cap() {
    echo "$WORK/captures/$1"
}

pass() {
    PASSED=$((PASSED + 1))
    echo "ok - $1"
}

fail() {
    FAILED=$((FAILED + 1))
    echo "not ok - $1"
}

# expect_eq LABEL ACTUAL EXPECTED
expect_eq() {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1"
        printf '  expected: %s\n  actual:   %s\n' "$3" "$2"
    fi
}

# expect_file LABEL ACTUAL_TEXT EXPECTED_FILE (relative to SIPDIAG_EXPECTED)
expect_file() {
    local want="$SIPDIAG_EXPECTED/$3"
    if diff -u "$want" <(printf '%s\n' "$2") > "$WORK/diff" 2>&1; then
        pass "$1"
    else
        fail "$1"
        head -n 60 "$WORK/diff"
    fi
}

# expect_contains LABEL TEXT NEEDLE
expect_contains() {
    if printf '%s' "$2" | grep -qF -- "$3"; then
        pass "$1"
    else
        fail "$1"
        printf '  missing: %s\n' "$3"
    fi
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}

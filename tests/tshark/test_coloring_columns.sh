#!/bin/bash
# The coloring rules (plugin/sipdiag.colorfilters, merged by the
# install_colorfilters target's script) and custom columns of sipdiag fields.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

src=$(cd "$(dirname "$0")/../.." && pwd)
global=$(pkg-config --variable=prefix wireshark 2> /dev/null)/share/wireshark/colorfilters
merge() {
    cmake -DRULES="$src/plugin/sipdiag.colorfilters" -DGLOBAL="$global" -DCONFIG_DIR="$WORK/config" \
        -P "$src/plugin/install-colorfilters.cmake" > /dev/null
    chmod a+r "$WORK/config/colorfilters"
}
merge
merge
rules=$(grep -c '^@' "$WORK/config/colorfilters")
expect_eq "our two rules lead Wireshark's global rules, once even when merged twice" \
    "$rules $(head -n 3 "$WORK/config/colorfilters" | tail -n 2 | cut -d@ -f2 | paste -sd,)" \
    "$(($(grep -c '^@' "$global") + 2)) SIP response: error,SIP response: warning"
expect_eq "error and warning responses are coloured" \
    "$(ts -r "$(cap demo.pcap)" --color -Y 'frame.coloring_rule.name contains "SIP response"' -T fields \
       -e frame.number -e frame.coloring_rule.name | paste -sd' ')" \
    "$(printf '24\tSIP response: error 28\tSIP response: warning')"
rm -f "$WORK/config/colorfilters"

# The install_colorfilters target finds the folder when it runs, not when
# the build was configured: WIRESHARK_CONFIG_DIR at that moment, else ~/.config/wireshark.
build=$(dirname "$SIPDIAG_PLUGIN")
WIRESHARK_CONFIG_DIR="$WORK/later" cmake --build "$build" --target install_colorfilters > /dev/null
expect_eq "the target honours WIRESHARK_CONFIG_DIR as it runs" \
    "$(sed -n 2p "$WORK/later/colorfilters" | cut -d@ -f2)" "SIP response: error"
env -u WIRESHARK_CONFIG_DIR HOME="$WORK/home" cmake --build "$build" --target install_colorfilters > /dev/null
expect_eq "... else the personal folder under HOME" \
    "$(sed -n 2p "$WORK/home/.config/wireshark/colorfilters" | cut -d@ -f2)" "SIP response: error"

cols='gui.column.format:"No.","%m","Code","%Cus:sipdiag.code:0:R","Severity","%Cus:sipdiag.severity:0:R","Fix","%Cus:sipdiag.fix:0:R"'
out=$(ts -r "$(cap demo.pcap)" -o "$cols" -Y 'frame.number == 24')
expect_contains "custom columns show code, severity and fix" "$out" \
    "24 503 error Retry-After, if present, says when to try again."
finish

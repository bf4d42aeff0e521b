#!/bin/bash
# gui-screenshots.sh — retakes the README's screenshots from the real
# Wireshark GUI under Xvfb, with the freshly built plugin:
#   details.png  packet details of demo.pcap frame 28 (488), sipdiag expanded
#   expert.png   Analyze > Expert Information (wireshark -z expert)
#   stats.png    Statistics > SIP Response Diagnosis (wireshark -z sipdiag,tree)
#   menu.png     the Telephony menu with the entry
#   telephony.png Telephony > SIP Response Diagnosis: the same tree as text
# Usage: tests/gui-screenshots.sh BUILD_DIR [OUT_DIR]   (default OUT_DIR: tests/screenshots)
# SIPDIAG_GUI_CAPTURE=hop-copies.pcap SIPDIAG_DETAILS_FRAME=4 takes them of
# another bundled capture and frame (to look at, not for the README).
# Needs: wireshark-qt, xvfb, xdotool, imagemagick (apt-get install -y them).
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?build folder with sipdiag.so}" && pwd)
out=$(mkdir -p "${2:-$here/screenshots}" && cd "${2:-$here/screenshots}" && pwd)
ver=$(pkg-config --modversion wireshark | cut -d. -f1,2)
display=:${SIPDIAG_DISPLAY:-97}

work=$(mktemp -d /tmp/sipdiag-gui.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/plugins/$ver/epan" "$work/home"
cp "$build/sipdiag.so" "$work/plugins/$ver/epan/"
capture=${SIPDIAG_GUI_CAPTURE:-demo.pcap}
cp "$here/../captures/$capture" "$work/"
# sipdiag's colouring rules first, as the README's install_colorfilters target leaves them.
cmake -DRULES="$here/../plugin/sipdiag.colorfilters" \
    -DGLOBAL="$(pkg-config --variable=prefix wireshark)/share/wireshark/colorfilters" -DCONFIG_DIR="$work/home" \
    -P "$here/../plugin/install-colorfilters.cmake" > /dev/null
chmod -R a+rX "$work"
AS_USER=()
if [ "$(id -u)" = 0 ]; then
    # Root's Wireshark ignores WIRESHARK_PLUGIN_DIR: run it as nobody.
    chown nobody "$work/home"
    AS_USER=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi

Xvfb "$display" -screen 0 1280x900x24 > /dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2> /dev/null; pkill -u nobody -f "wireshark -r $work" 2> /dev/null; rm -rf "$work"' EXIT
sleep 2
export DISPLAY=$display

# Wait for a window whose title matches, print its id.
window() {
    local win=""
    for _ in $(seq 60); do
        win=$(xdotool search --name "$1" 2> /dev/null | tail -n 1) && [ -n "$win" ] && break
        sleep 0.5
    done
    [ -n "$win" ] && echo "$win"
}

# shoot NAME ACTION WIRESHARK-ARGS...: start Wireshark on the capture, do ACTION
# (details, expert or stats) and save the window it leaves in front.
shoot() {
    local name=$1 action=$2 win
    shift 2
    "${AS_USER[@]}" env DISPLAY="$display" HOME="$work/home" XDG_RUNTIME_DIR="$work/home" \
        WIRESHARK_PLUGIN_DIR="$work/plugins" WIRESHARK_CONFIG_DIR="$work/home" \
        wireshark -r "$work/$capture" "$@" > "$work/$name.log" 2>&1 &
    local pid=$!
    win=$(window "$capture") || { echo "no Wireshark window for $name"; cat "$work/$name.log"; return 1; }
    sleep 3
    xdotool windowsize "$win" 1260 880 windowmove "$win" 0 0
    sleep 1
    case $action in
    details)
        # The packet details pane: its last top-level item is sipdiag's; expand it.
        xdotool mousemove 200 560 click 1 sleep 0.5 key End sleep 0.3 key shift+Right sleep 1 ;;
    expert)
        win=$(window "Expert Information") ;;
    menu)
        # The Telephony menu, with the entry next to SIP Flows.
        xdotool mousemove 402 10 click 1 sleep 1 ;;
    telephony)
        # Telephony ▸ SIP Response Diagnosis (below SIP Flows): the statistics as text, after the retap.
        xdotool mousemove 402 10 click 1 sleep 1 mousemove 470 459 click 1
        win=$(window "SIP Response Diagnosis")
        xdotool windowsize "$win" 900 700 windowmove "$win" 0 0 ;;
    stats)
        # Statistics menu, then its last entry: SIP Response Diagnosis, at the dialog's own size.
        xdotool mousemove 325 10 click 1 sleep 1 key Up sleep 0.5 key Return
        win=$(window "SIP Response Diagnosis")
        xdotool windowmove "$win" 0 0 ;;
    esac
    sleep 2
    # An open menu is a window of its own: take the whole screen then.
    [ "$action" = menu ] && win=root
    import -window "$win" "$out/$name.png"
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    echo "$out/$name.png"
}

shoot details details -g ${SIPDIAG_DETAILS_FRAME:-28}
shoot menu menu
shoot telephony telephony
shoot expert expert -z expert
shoot stats stats

#!/usr/bin/env bash
# record-sipp.sh
# Records sipdiag's real call-flow captures: two sipp instances (UAC and UAS)
# talk over 127.0.0.1 while dumpcap captures the loopback interface. Writes
# one pcap per flow plus a manifest (.tsv) read back from the pcap by tshark.
#
# Needs root (dumpcap on lo), sipp (Debian package sip-tester), dumpcap and
# tshark. Ports 5060 and 5061 on 127.0.0.1 must be free.
#
# Usage: captures/record-sipp.sh [FLOW...]
#   FLOW is one of: call-200 busy-486 cancel-487 503-retry-after 488-warning
#   auth-401 tcp-call (default: all, in that order).
#
# Unlike the builder's captures (build.py) this is NOT byte-reproducible: timestamps, IP IDs,
# TCP ports/sequence numbers and the tags/branches of sipp's built-in
# scenarios ([pid]-based) change with every recording. The SIP content of the
# custom scenarios (captures/sipp/*.xml) and every Call-ID (-cid_str) are fixed.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail
export LC_ALL=C TZ=UTC

here=$(cd "$(dirname "$0")" && pwd)
scen="$here/sipp"

die() { echo "record-sipp: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (dumpcap on the loopback interface)"
for t in sipp dumpcap tshark ss timeout; do
    command -v "$t" >/dev/null || die "$t not found (apt-get install sip-tester tshark iproute2)"
done

IP=127.0.0.1
UAS_PORT=5060
UAC_PORT=5061
FILTER="(udp or tcp) and (port $UAS_PORT or port $UAC_PORT)"
MAX_BYTES=51200        # each pcap must stay below 50 KB

work=$(mktemp -d)
started=()             # PIDs of processes this script started
cleanup() {
    local p
    for p in ${started[@]+"${started[@]}"}; do
        kill -TERM "$p" 2>/dev/null || true
    done
    for p in ${started[@]+"${started[@]}"}; do
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

forget() {  # forget PID: drop from the cleanup list once it has exited
    local p keep=()
    for p in ${started[@]+"${started[@]}"}; do [[ $p == "$1" ]] || keep+=("$p"); done
    started=(${keep[@]+"${keep[@]}"})
}

# port_busy PROTO(u|t) PORT: true if something listens/binds there.
port_busy() {
    [[ -n $(ss -Hn -l"$1" "sport = :$2" 2>/dev/null) ]]
}

wait_for() {  # wait_for SECONDS COMMAND...: poll every 0.1 s
    local i
    for ((i = 0; i < $1 * 10; i++)); do
        "${@:2}" && return 0
        sleep 0.1
    done
    return 1
}

# tsv_from_pcap PCAP: one line per frame: frame, transport, src, dst,
# status lines, codes, phrases, CSeq methods of the responses, request lines,
# and a note naming the TCP flags of frames that carry no SIP.
tsv_from_pcap() {
    printf 'frame\ttransport\tsrc\tdst\tstatus_lines\tcodes\tphrases\tcseq_methods\trequest_lines\tnote\n'
    tshark -n -r "$1" -T fields -E occurrence=a -E aggregator='|' \
        -e frame.number -e frame.protocols -e ip.src -e udp.srcport -e tcp.srcport \
        -e ip.dst -e udp.dstport -e tcp.dstport \
        -e sip.Status-Line -e sip.Status-Code -e sip.CSeq.method -e sip.Method -e sip.Request-Line \
        -e tcp.len -e tcp.flags.syn -e tcp.flags.fin -e tcp.flags.reset -e tcp.flags.ack 2>/dev/null |
    awk -F'\t' 'BEGIN { OFS = "\t" }
    {
        tr = ($2 ~ /:tcp/) ? "TCP" : (($2 ~ /:udp/) ? "UDP" : "?")
        sp = ($4 != "") ? $4 : $5; dp = ($7 != "") ? $7 : $8
        # phrases = status lines without "SIP/2.0 NNN "
        n = split($9, sl, "|"); ph = ""
        for (i = 1; i <= n; i++) { p = sl[i]; sub(/^SIP\/2\.0 [^ ]* ?/, "", p); ph = ph (i > 1 ? "|" : "") p }
        # CSeq methods of responses: drop one CSeq method per request in the frame
        m = split($11, cm, "|"); k = split($12, rm, "|"); out = ""
        for (i = 1; i <= m; i++) {
            skip = 0
            for (j = 1; j <= k; j++) if (!used[j] && rm[j] == cm[i]) { used[j] = 1; skip = 1; break }
            if (!skip) out = out (out == "" ? "" : "|") cm[i]
        }
        delete used
        gsub(/\|/, " | ", $9); gsub(/\|/, " | ", $13); gsub(/\|/, ",", $10); gsub(/\|/, ",", out)
        note = ""
        if (tr == "TCP" && $9 == "" && $13 == "") {
            f = ""
            if ($15 == "1" || $15 == "True") f = f "SYN,"
            if ($16 == "1" || $16 == "True") f = f "FIN,"
            if ($17 == "1" || $17 == "True") f = f "RST,"
            if ($18 == "1" || $18 == "True") f = f "ACK,"
            sub(/,$/, "", f)
            note = ($14 == "0") ? "TCP " f ", no payload" : "TCP " f ", payload without a complete SIP message"
        }
        print $1, tr, $3 ":" sp, $6 ":" dp, $9, $10, ph, ($10 == "" ? "" : out), $13, note
    }'
}

# signature TSV: the SIP messages of a manifest in order, requests as their
# method, responses as CODE/CSeq-method, e.g. "INVITE 180/INVITE ACK".
signature() {
    tail -n +2 "$1" | awk -F'\t' '{
        if ($9 != "") { n = split($9, r, " \\| "); for (i = 1; i <= n; i++) { split(r[i], w, " "); out = out " " w[1] } }
        if ($6 != "") { n = split($6, c, ","); split($8, m, ","); for (i = 1; i <= n; i++) out = out " " c[i] "/" m[i] }
    } END { sub(/^ /, "", out); print out }'
}

# record NAME TRANSPORT(u1|t1) "UAS sipp args" "UAC sipp args" "EXPECTED SIGNATURE"
record() {
    local name=$1 tr=$2 uas_args=$3 uac_args=$4 expect=$5
    local pcap="$work/$name.pcap" proto=u
    [[ $tr == t1 ]] && proto=t
    echo "== $name"

    local p
    for p in $UAS_PORT $UAC_PORT; do
        if port_busy u "$p" || port_busy t "$p"; then
            ss -Hnlptu "sport = :$p" >&2 || true
            die "port $p is in use on this machine (a leftover sipp?); not recording"
        fi
    done

    # 1. capture
    rm -f "$pcap"
    dumpcap -q -i lo -P -s 0 -f "$FILTER" -w "$pcap" </dev/null >"$work/dumpcap.out" 2>"$work/dumpcap.err" &
    local dpid=$!
    started+=("$dpid")
    wait_for 10 grep -q "Capturing on" "$work/dumpcap.err" || {
        cat "$work/dumpcap.err" >&2; die "$name: dumpcap did not start"; }
    sleep 0.3

    # 2. callee (UAS) in the background, caller (UAC) in the foreground
    local common="-i $IP -t $tr -m 1 -nostdin -timeout 30s -timeout_error"
    # shellcheck disable=SC2086
    (cd "$work" && exec timeout -s TERM 45 sipp $common -p $UAS_PORT -mp 16000 $uas_args \
        </dev/null >"$work/$name.uas.log" 2>&1) &
    local upid=$!
    started+=("$upid")
    wait_for 10 port_busy "$proto" $UAS_PORT || die "$name: UAS did not start listening (see $work/$name.uas.log)"

    local rc_uac=0 rc_uas=0
    # shellcheck disable=SC2086
    (cd "$work" && exec timeout -s TERM 45 sipp $common -p $UAC_PORT -mp 16010 $uac_args $IP:$UAS_PORT \
        </dev/null >"$work/$name.uac.log" 2>&1) || rc_uac=$?
    wait "$upid" || rc_uas=$?
    forget "$upid"

    # 3. let the last packets reach the capture, then stop dumpcap cleanly
    sleep 0.5
    kill -INT "$dpid"
    wait "$dpid" || true
    forget "$dpid"

    if [[ $rc_uac -ne 0 || $rc_uas -ne 0 ]]; then
        echo "--- UAC log (rc $rc_uac)" >&2; tail -30 "$work/$name.uac.log" >&2
        echo "--- UAS log (rc $rc_uas)" >&2; tail -30 "$work/$name.uas.log" >&2
        die "$name: sipp failed (UAC rc $rc_uac, UAS rc $rc_uas)"
    fi
    local size
    size=$(stat -c %s "$pcap")
    [[ $size -lt $MAX_BYTES ]] || die "$name: capture is $size bytes (limit $MAX_BYTES)"

    tsv_from_pcap "$pcap" >"$work/$name.tsv"
    local got
    got=$(signature "$work/$name.tsv")
    if [[ $got != "$expect" ]]; then
        cut -f1,5,8,9 "$work/$name.tsv" >&2
        die "$name: unexpected message sequence (retransmission?); not replacing the old capture
   want: $expect
   got:  $got"
    fi
    # dumpcap creates its file mode 0600; the tests read captures unprivileged
    install -m 0644 "$pcap" "$here/$name.pcap"
    install -m 0644 "$work/$name.tsv" "$here/$name.tsv"
    echo "   $(($(wc -l <"$here/$name.tsv") - 1)) frames, $size bytes -> $name.pcap, $name.tsv"
    cut -f1,5,8,9,10 "$here/$name.tsv" | tail -n +2 | sed 's/^/   /'
}

# ---------------------------------------------------------------------------
# The flows. UAS listens on 127.0.0.1:5060, UAC sends from 127.0.0.1:5061.

flow_call-200() {
    record sipp-call-200 u1 "-sn uas" "-sn uac -s bob -d 1000 -cid_str sipdiag-call-200@$IP" \
        "INVITE 180/INVITE 200/INVITE ACK BYE 200/BYE"
}
flow_busy-486() {
    record sipp-busy-486 u1 "-sf $scen/uas-busy-486.xml" \
        "-sf $scen/uac-busy-486.xml -s bob -cid_str sipdiag-busy-486@$IP" \
        "INVITE 100/INVITE 486/INVITE ACK"
}
flow_cancel-487() {
    record sipp-cancel-487 u1 "-sf $scen/uas-cancel-487.xml" \
        "-sf $scen/uac-cancel-487.xml -s bob -cid_str sipdiag-cancel-487@$IP" \
        "INVITE 100/INVITE 180/INVITE CANCEL 200/CANCEL 487/INVITE ACK"
}
flow_503-retry-after() {
    record sipp-503-retry-after u1 "-sf $scen/uas-503-retry-after.xml" \
        "-sf $scen/uac-503-retry-after.xml -s bob -cid_str sipdiag-503-retry-after@$IP" \
        "INVITE 100/INVITE 503/INVITE ACK"
}
flow_488-warning() {
    record sipp-488-warning u1 "-sf $scen/uas-488-warning.xml" \
        "-sf $scen/uac-488-warning.xml -s bob -cid_str sipdiag-488-warning@$IP" \
        "INVITE 100/INVITE 488/INVITE ACK"
}
flow_auth-401() {
    record sipp-auth-401 u1 "-sf $scen/uas-auth-401.xml" \
        "-sf $scen/uac-auth-401.xml -s bob -au alice -ap s3cret -auth_uri bob@$IP:$UAS_PORT -d 1000 -cid_str sipdiag-auth-401@$IP" \
        "INVITE 401/INVITE ACK INVITE 100/INVITE 180/INVITE 200/INVITE ACK BYE 200/BYE"
}
flow_tcp-call() {
    record sipp-tcp-call t1 "-sf $scen/uas-tcp-call.xml" "-sn uac -s bob -d 1000 -cid_str sipdiag-tcp-call@$IP" \
        "INVITE 100/INVITE 180/INVITE 200/INVITE ACK BYE 200/BYE"
}

ALL=(call-200 busy-486 cancel-487 503-retry-after 488-warning auth-401 tcp-call)
flows=("$@")
[[ ${#flows[@]} -gt 0 ]] || flows=("${ALL[@]}")
for f in "${flows[@]}"; do
    declare -F "flow_$f" >/dev/null || die "unknown flow '$f' (known: ${ALL[*]})"
done
for f in "${flows[@]}"; do "flow_$f"; done
echo "done"

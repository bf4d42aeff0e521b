#!/usr/bin/env bash
# make-malformed.sh
# Builds sipdiag's hostile test captures with text2pcap (and editcap for the
# truncated frames): malformed status lines, NUL bytes and invalid UTF-8,
# absurd header values, huge messages, hundreds of responses in one TCP
# stream, frames cut short by the snapshot length. One manifest (.tsv) per
# capture says, frame by frame, what is hostile about it.
#
# Everything is fixed (addresses, ports, timestamps, Call-IDs, tags, branches,
# TCP segment boundaries), so running this twice gives byte-identical pcaps
# and manifests.
#
# Usage: captures/make-malformed.sh [--no-verify]
#   --no-verify   only write the files; skip the tshark cross-check
#
# Outputs (next to this script):
#   malformed-status.pcap    + .tsv  status lines that break RFC 3261 §7.2, UDP
#   malformed-bytes.pcap     + .tsv  NUL and invalid UTF-8 in the reason phrase, Warning and Reason text, UDP
#   malformed-headers.pcap   + .tsv  absurd Retry-After, Reason, Warning, Allow, WWW-Authenticate values, UDP
#   malformed-large.pcap     + .tsv  a 65000-byte reason phrase (UDP) and a 65536-byte one (TCP, 46 segments)
#   malformed-flood.pcap     + .tsv  300 INVITEs and 300 responses in one TCP connection, 5 segments
#   malformed-snaplen.pcap   + .tsv  a normal UDP call flow cut by editcap -s 120, and status lines cut at 52/60 bytes
#
# Addresses (RFC 5737): 192.0.2.10 caller, 192.0.2.20 callee; UDP 5060 <-> 5060,
# TCP 192.0.2.10:49152 <-> 192.0.2.20:5060.
#
# SPDX-License-Identifier: GPL-2.0-or-later

# Variables are read back by name (${!var}), which shellcheck cannot follow.
# shellcheck disable=SC2034

set -euo pipefail
export LC_ALL=C TZ=UTC

here=$(cd "$(dirname "$0")" && pwd)
verify=1
[[ "${1:-}" == "--no-verify" ]] && verify=0

for t in text2pcap mergecap editcap od date awk tr; do
    command -v "$t" >/dev/null || { echo "$t not found (apt-get install tshark coreutils)" >&2; exit 1; }
done

work=$(mktemp -d)
trap '[[ -n ${KEEP_WORK:-} ]] || rm -rf "$work"' EXIT

CRLF=$'\r\n'
# Bash strings cannot hold a NUL byte: messages carry this byte (SOH, never
# used otherwise) where a NUL is meant, and it becomes 0x00 when written.
NUL=$'\001'
TFMT='%Y-%m-%d %H:%M:%S.%f'
# 2024-01-01 12:00:00 UTC; every capture starts here.
BASE_EPOCH=1704110400

A_IP=192.0.2.10        # caller
B_IP=192.0.2.20        # callee
A_TCP=49152            # caller's TCP port
UA="User-Agent: sipdiag-testgen/1.0"
SERVER="Server: sipdiag-testgen/1.0"

die() { echo "make-malformed: $*" >&2; exit 1; }

# keep VAR COMMAND...: VAR=$(COMMAND...) without stripping trailing newlines.
keep() {
    local __v=$1 __out; shift
    __out=$("$@"; printf .)
    printf -v "$__v" '%s' "${__out%.}"
}

# ts MS -> "YYYY-mm-dd HH:MM:SS.ffffff" at BASE_EPOCH + MS milliseconds
ts() {
    local ms=$1
    printf '%s.%06d' "$(date -u -d "@$((BASE_EPOCH + ms / 1000))" '+%Y-%m-%d %H:%M:%S')" $(((ms % 1000) * 1000))
}

# esc STRING: one visible TSV cell. Printable ASCII as is, backslash doubled,
# tab/CR/LF as \t \r \n, the NUL placeholder as \x00, any other byte as \xHH.
esc() {
    printf '%s' "$1" | od -An -v -tx1 | awk '
        BEGIN { hex = "0123456789abcdef"; out = "" }
        { for (i = 1; i <= NF; i++) {
            b = (index(hex, substr($i, 1, 1)) - 1) * 16 + index(hex, substr($i, 2, 1)) - 1
            if (b == 1) out = out "\\x00"
            else if (b == 9) out = out "\\t"
            else if (b == 13) out = out "\\r"
            else if (b == 10) out = out "\\n"
            else if (b == 92) out = out "\\\\"
            else if (b >= 32 && b < 127) out = out sprintf("%c", b)
            else out = out "\\x" toupper($i)
        } }
        END { printf "%s", out }'
}

# hexdump PREFIX MESSAGE: one packet in text2pcap's input format.
hexdump() {
    printf '%s\n' "$1"
    printf '%s' "$2" | tr '\001' '\000' | od -Ax -tx1 -v
}

# ---------------------------------------------------------------------------
# SIP messages

sdp_offer() {   # sdp_offer SESSION-ID PORT
    printf 'v=0\r\no=alice %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio %s RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n' \
        "$1" "$1" "$A_IP" "$A_IP" "$2"
}

# Per-message identity, set by ident ID [TRANSPORT]: Call-ID mal-ID@caller,
# tags a-ID / b-ID, branch z9hG4bK-mal-ID.
ident() {
    ID=$1 TR=${2:-UDP}
    if [[ $TR == TCP ]]; then VIA="Via: SIP/2.0/TCP $A_IP:$A_TCP;branch=z9hG4bK-mal-$ID"
    else VIA="Via: SIP/2.0/UDP $A_IP:5060;branch=z9hG4bK-mal-$ID"; fi
}

# request METHOD [HEADER...] [-- BODY-VAR CONTENT-TYPE]: a request from the
# caller (identity from ident); sets REQ.
request() {
    local method=$1; shift
    local ruri="sip:bob@example.com" from="\"Alice\" <sip:alice@example.com>;tag=a-$ID" to="<sip:bob@example.com>"
    local contact="<sip:alice@$A_IP:5060>" body="" ct="" h
    [[ $TR == TCP ]] && contact="<sip:alice@$A_IP:$A_TCP;transport=tcp>"
    if [[ $method == REGISTER ]]; then ruri="sip:example.com" to="<sip:alice@example.com>"; fi
    local m="$method $ruri SIP/2.0$CRLF$VIA${CRLF}Max-Forwards: 70$CRLF"
    m+="From: $from${CRLF}To: $to${CRLF}Call-ID: mal-$ID@$A_IP${CRLF}CSeq: 1 $method$CRLF"
    [[ $method == INVITE || $method == REGISTER ]] && m+="Contact: $contact$CRLF"
    while [[ $# -gt 0 && $1 != -- ]]; do m+="$1$CRLF"; shift; done
    if [[ ${1:-} == -- ]]; then body=${!2}; ct=$3; fi
    m+="$UA$CRLF"
    [[ -n $ct ]] && m+="Content-Type: $ct$CRLF"
    m+="Content-Length: ${#body}$CRLF$CRLF$body"
    REQ=$m
    REQ_LINE="$method $ruri SIP/2.0"
}

# response STATUS-LINE METHOD [HEADER...]: the callee's answer to the request
# of the current identity (same Via, From, Call-ID, CSeq); sets RSP.
response() {
    local status=$1 method=$2; shift 2
    local to="<sip:bob@example.com>;tag=b-$ID" h
    [[ $method == REGISTER ]] && to="<sip:alice@example.com>;tag=b-$ID"
    local m="$status$CRLF$VIA${CRLF}From: \"Alice\" <sip:alice@example.com>;tag=a-$ID${CRLF}To: $to$CRLF"
    m+="Call-ID: mal-$ID@$A_IP${CRLF}CSeq: 1 $method$CRLF"
    for h in "$@"; do m+="$h$CRLF"; done
    m+="$SERVER${CRLF}Content-Length: 0$CRLF$CRLF"
    RSP=$m
}

# ---------------------------------------------------------------------------
# Captures: frames are collected as small pcaps (one text2pcap run per UDP
# frame, one per TCP stream) and joined in order with mergecap -a; manifest
# rows are collected alongside.

MAN_HEADER='frame\ttime\ttransport\tsrc\tdst\ttype\tstart_lines\tcodes\treason_bytes\tcseq_methods\trequest_frames\tresponses\tsegments\twire_bytes\tcaptured_bytes\thostile_headers\thostile\tws_4.0.17_sip\n'
CAP="" NF=0 PARTS=() ROWS=()

cap_begin() { CAP=$1 NF=0 PARTS=() ROWS=(); }

# Manifest cells of the next row (reset by row()).
r_reset() {
    r_type="" r_start="" r_codes="" r_rbytes="" r_meth="" r_req="" r_resp=0 r_segs="" r_hh="" r_hostile="" r_ws=""
}
r_reset

# row FRAME MS TRANSPORT SRC DST WIRE CAPTURED: append the manifest row of a frame.
row() {
    local t=$2
    ROWS+=("$(printf '%d\t%d.%03d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' \
        "$1" $((t / 1000)) $((t % 1000)) "$3" "$4" "$5" "$r_type" "$r_start" "$r_codes" "$r_rbytes" "$r_meth" \
        "$r_req" "$r_resp" "$r_segs" "$6" "$7" "$r_hh" "$r_hostile" "$r_ws")")
    r_reset
}

# udp FLOW MS MESSAGE: one UDP datagram, FLOW A>B (caller to callee) or B>A.
udp() {
    local flow=$1 ms=$2 msg=$3 src dst
    if [[ $flow == 'A>B' ]]; then src=$A_IP dst=$B_IP; else src=$B_IP dst=$A_IP; fi
    NF=$((NF + 1))
    hexdump "$(ts "$ms")" "$msg" >"$work/in.txt"
    local f
    f=$(printf '%s/%s-%03d.pcap' "$work" "$CAP" "$NF")
    text2pcap -q -F pcap -t "$TFMT" -u 5060,5060 -4 "$src,$dst" "$work/in.txt" "$f" >"$work/t2p.log" 2>&1 ||
        { cat "$work/t2p.log" >&2; die "text2pcap failed ($CAP frame $NF)"; }
    PARTS+=("$f")
    # Ethernet 14 + IPv4 20 + UDP 8
    row "$NF" "$ms" UDP "$src:5060" "$dst:5060" $((42 + ${#msg})) $((42 + ${#msg}))
}

# TCP: segments are queued with tcp_seg and written by tcp_flush in one
# text2pcap run (-D keeps sequence/acknowledgement numbers per direction;
# no handshake, as in tcp-multi.pcap).
TCP_IN=""
tcp_seg() {   # tcp_seg FLOW MS BYTES  (manifest cells r_* as for udp)
    local flow=$1 ms=$2 seg=$3 dir src dst
    if [[ $flow == 'A>B' ]]; then dir=I src="$A_IP:$A_TCP" dst="$B_IP:5060"; else dir=O src="$B_IP:5060" dst="$A_IP:$A_TCP"; fi
    NF=$((NF + 1))
    TCP_IN+=$(hexdump "$dir $(ts "$ms")" "$seg"; printf .)
    TCP_IN=${TCP_IN%.}
    # Ethernet 14 + IPv4 20 + TCP 20
    row "$NF" "$ms" TCP "$src" "$dst" $((54 + ${#seg})) $((54 + ${#seg}))
}
tcp_flush() {
    local f
    f=$(printf '%s/%s-%03d-tcp.pcap' "$work" "$CAP" "$NF")
    printf '%s' "$TCP_IN" >"$work/in.txt"
    text2pcap -q -F pcap -t "$TFMT" -D -T "$A_TCP,5060" -4 "$A_IP,$B_IP" "$work/in.txt" "$f" >"$work/t2p.log" 2>&1 ||
        { cat "$work/t2p.log" >&2; die "text2pcap failed ($CAP TCP stream)"; }
    PARTS+=("$f")
    TCP_IN=""
}

cap_end() {
    mergecap -F pcap -a -w "$here/$CAP.pcap" "${PARTS[@]}"
    { printf "$MAN_HEADER"; printf '%s\n' "${ROWS[@]}"; } >"$here/$CAP.tsv"
    echo "wrote $CAP.pcap ($NF frames) + $CAP.tsv"
}

# status_parts STATUS-LINE: sets CODE_TEXT (the token after the first SP) and
# REASON_BYTES (bytes after the second SP); pair's CODE_SHOWN/RB_SHOWN say
# what the sender meant where the separators are broken.
status_parts() {
    local s=$1 rest
    CODE_TEXT="" REASON_BYTES=0
    [[ $s == *' '* ]] || return 0
    rest=${s#* }
    CODE_TEXT=${rest%% *}
    [[ $rest == *' '* ]] && REASON_BYTES=$(( ${#rest} - ${#CODE_TEXT} - 1 ))
    return 0
}

# pair NN METHOD STATUS-LINE HOSTILE WS-REQ WS-RSP [HEADER...]: request
# (INVITE with SDP offer, or MESSAGE/REGISTER) and the callee's response, one
# second apart per pair. The response's extra headers are the hostile ones.
#   WS-REQ / WS-RSP: what Wireshark 4.0.17 shows (observation, checked below).
pair() {
    local nn=$1 method=$2 status=$3 hostile=$4 wsq=$5 wsr=$6; shift 6
    local ms=$((10#$nn * 1000)) h hh=""
    ident "${CAP#malformed-}-$nn"
    case $method in
        INVITE) keep OFFER sdp_offer $((2000 + 10#$nn)) $((49170 + 2 * 10#$nn)); request INVITE -- OFFER application/sdp ;;
        MESSAGE) keep TEXT printf 'Hello Bob'; request MESSAGE -- TEXT text/plain ;;
        *) request "$method" "Expires: 3600" ;;
    esac
    r_type=request r_start=$(esc "$REQ_LINE") r_meth=$method r_ws=$wsq
    udp 'A>B' "$ms" "$REQ"
    local reqf=$NF
    response "$status" "$method" "$@"
    status_parts "$status"
    for h in "$@"; do hh+=${hh:+ | }$h; done
    r_type=response r_start=${STATUS_SHOWN:-$(esc "$status")} r_codes=${CODE_SHOWN:-$(esc "$CODE_TEXT")}
    r_rbytes=${RB_SHOWN:-$REASON_BYTES}
    r_meth=$method r_req=$reqf r_resp=1 r_hh=${HH_SHOWN:-$(esc "$hh")} r_hostile=$hostile r_ws=$wsr
    udp 'B>A' $((ms + 20)) "$RSP"
    STATUS_SHOWN="" HH_SHOWN="" CODE_SHOWN="" RB_SHOWN=""
}
# Manifest overrides for the next pair: status line and hostile headers as
# shown (huge values abbreviated), the code and reason length the sender
# meant when the separators are broken.
STATUS_SHOWN="" HH_SHOWN="" CODE_SHOWN="" RB_SHOWN=""

# ===========================================================================
# 1. malformed-status.pcap: INVITE -> response whose status line breaks
#    RFC 3261 §7.2 (Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
#    CRLF, Status-Code = 3DIGIT, 100-699 by §7.2/§21). No ACK: a UA discards a
#    malformed response.

cap_begin malformed-status
pair 01 INVITE "SIP/2.0 000 Unknown" "status code 000 (below 100)" "request INVITE" "response 0"
pair 02 INVITE "SIP/2.0 099 Early" "status code 099 (below 100, leading zero)" "request INVITE" "response 99"
pair 03 INVITE "SIP/2.0 700 Beyond Global" "status code 700 (above 699)" "request INVITE" "response 700"
pair 04 INVITE "SIP/2.0 999 Way Beyond" "status code 999 (above 699)" "request INVITE" "response 999"
pair 05 INVITE "SIP/2.0 1000 Four Digits" "status code 1000: four digits" "request INVITE" "data"
pair 06 INVITE "SIP/2.0 4x6 Busy Here" "status code 4x6: a letter among the digits" "request INVITE" "data"
pair 07 INVITE "SIP/2.0 +86 Busy Here" "status code +86: a sign, two digits" "request INVITE" "data"
pair 08 INVITE "SIP/2.0 -86 Busy Here" "status code -86: a sign, two digits" "request INVITE" "data"
CODE_SHOWN=486 RB_SHOWN=9
pair 09 INVITE "SIP/2.0"$'\t'"486 Busy Here" "HT instead of the SP after SIP-Version (code 486 otherwise valid)" "request INVITE" "data"
CODE_SHOWN=486 RB_SHOWN=9
pair 10 INVITE "SIP/2.0486 Busy Here" "no SP between SIP-Version and Status-Code" "request INVITE" "data"
CODE_SHOWN=486 RB_SHOWN=9
pair 11 INVITE "SIP/2.0 486Busy Here" "no SP between Status-Code and Reason-Phrase" "request INVITE" "data"
pair 12 INVITE "sip/2.0 486 x" "SIP-Version in lower case (RFC 3261 §7.1: case-insensitive, MUST be sent upper case); reason phrase x" "request INVITE" "data"
pair 13 INVITE "SIP/2.0 486 " "empty Reason-Phrase (SP kept; valid grammar, RFC 3261 §25.1)" "request INVITE" "response 486"
cap_end

# ===========================================================================
# 2. malformed-bytes.pcap: NUL bytes and invalid UTF-8 (0xC3 0x28: a lead
#    byte followed by an ASCII byte; 0xFF, 0xFE: never valid in UTF-8) in the
#    reason phrase and in the Warning and Reason header texts.

W305='Warning: 305 192.0.2.20 '
cap_begin malformed-bytes
pair 01 INVITE "SIP/2.0 486 Busy${NUL}Here" "NUL byte inside the reason phrase (Busy<NUL>Here)" "request INVITE" "data"
pair 02 INVITE "SIP/2.0 486 Busy "$'\xC3\x28'" Here" "invalid UTF-8 in the reason phrase: 0xC3 0x28" "request INVITE" "response 486"
pair 03 INVITE "SIP/2.0 486 "$'\xFF\xFE'" Busy Here" "invalid UTF-8 in the reason phrase: 0xFF 0xFE" "request INVITE" "response 486"
pair 04 INVITE "SIP/2.0 486 ${NUL}" "reason phrase is a single NUL byte" "request INVITE" "data"
pair 05 INVITE "SIP/2.0 488 Not Acceptable Here" "NUL byte inside the Warning text" "request INVITE" "response 488" \
    "${W305}\"Incompatible${NUL}media format\""
pair 06 INVITE "SIP/2.0 488 Not Acceptable Here" "invalid UTF-8 in the Warning text: 0xC3 0x28 and 0xFF" "request INVITE" "response 488" \
    "${W305}\"Incompatible "$'\xC3\x28'" media "$'\xFF'" format\""
pair 07 INVITE "SIP/2.0 486 Busy Here" "NUL byte inside the Reason text (cause 17 agrees with 486 under RFC 3398)" "request INVITE" "response 486" \
    "Reason: Q.850;cause=17;text=\"User${NUL}busy\""
pair 08 INVITE "SIP/2.0 486 Busy Here" "invalid UTF-8 in the Reason text: 0xC3 0x28 and 0xFF (cause 17 agrees with 486)" "request INVITE" "response 486" \
    "Reason: Q.850;cause=17;text=\"User "$'\xC3\x28'" busy "$'\xFF'"\""
cap_end

# ===========================================================================
# 3. malformed-headers.pcap: absurd values of the headers sipdiag reads.

# 5000 warning-values in one Warning header: 399 gw "x", 399 gw "x", ...
WARN5000="Warning: 399 gw \"x\""
for ((i = 2; i <= 5000; i++)); do WARN5000+=", 399 gw \"x\""; done
# An Allow header with 4000 method tokens: the five real ones, then X-M0006 ... X-M4000.
ALLOW4000="Allow: INVITE, ACK, CANCEL, BYE, OPTIONS"
for ((i = 6; i <= 4000; i++)); do ALLOW4000+=$(printf ', X-M%04d' "$i"); done

cap_begin malformed-headers
pair 01 INVITE "SIP/2.0 503 Service Unavailable" "Retry-After of 20 digits (overflows 32 and 64 bits)" "request INVITE" "response 503" \
    "Retry-After: 99999999999999999999"
pair 02 INVITE "SIP/2.0 503 Service Unavailable" "negative Retry-After" "request INVITE" "response 503" \
    "Retry-After: -5"
pair 03 INVITE "SIP/2.0 503 Service Unavailable" "Retry-After: an unterminated comment and no delta-seconds" "request INVITE" "response 503" \
    "Retry-After: (unterminated"
pair 04 INVITE "SIP/2.0 503 Service Unavailable" "Retry-After: delta-seconds then an unterminated comment" "request INVITE" "response 503" \
    "Retry-After: 120 (unterminated"
pair 05 INVITE "SIP/2.0 486 Busy Here" "Reason Q.850 cause -1 (signed)" "request INVITE" "response 486" \
    "Reason: Q.850;cause=-1"
pair 06 INVITE "SIP/2.0 486 Busy Here" "Reason Q.850 cause of 20 digits" "request INVITE" "response 486" \
    "Reason: Q.850;cause=99999999999999999999"
pair 07 INVITE "SIP/2.0 486 Busy Here" "Reason Q.850 with an empty cause" "request INVITE" "response 486" \
    "Reason: Q.850;cause="
pair 08 INVITE "SIP/2.0 486 Busy Here" "Reason SIP cause of 20 digits" "request INVITE" "response 486" \
    "Reason: SIP;cause=99999999999999999999"
CODE_SHOWN=486 RB_SHOWN=9
pair 09 INVITE "SIP/2.0 488 Not Acceptable Here" "Warning text without its closing quote" "request INVITE" "response 488" \
    'Warning: 399 192.0.2.20 "missing closing quote'
pair 10 INVITE "SIP/2.0 488 Not Acceptable Here" "Warning without warn-agent" "request INVITE" "response 488" \
    'Warning: 399 "no warn-agent"'
pair 11 INVITE "SIP/2.0 488 Not Acceptable Here" "warn-code 99 (two digits)" "request INVITE" "response 488" \
    'Warning: 99 192.0.2.20 "two-digit code"'
pair 12 INVITE "SIP/2.0 488 Not Acceptable Here" "warn-code 1000 (four digits)" "request INVITE" "response 488" \
    'Warning: 1000 192.0.2.20 "four-digit code"'
pair 13 INVITE "SIP/2.0 488 Not Acceptable Here" "warn-code abc (letters)" "request INVITE" "response 488" \
    'Warning: abc 192.0.2.20 "letters"'
HH_SHOWN='Warning: 399 gw "x", 399 gw "x", ... (5000 values, 59998 bytes of value)'
pair 14 INVITE "SIP/2.0 488 Not Acceptable Here" "one Warning header with 5000 comma-separated warning-values (each valid)" "request INVITE" "response 488" \
    "$WARN5000"
HH_SHOWN="Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, X-M0006, X-M0007, ..., X-M4000 (4000 tokens, $((${#ALLOW4000} - 7)) bytes of value)"
pair 15 MESSAGE "SIP/2.0 405 Method Not Allowed" "Allow header with 4000 method tokens" "request MESSAGE" "response 405" \
    "$ALLOW4000"
pair 16 REGISTER "SIP/2.0 401 Unauthorized" "WWW-Authenticate without an auth-scheme" "request REGISTER" "response 401" \
    'WWW-Authenticate: realm="example.com", nonce="4d616c666f726d6564", algorithm=MD5'
pair 17 REGISTER "SIP/2.0 401 Unauthorized" "WWW-Authenticate whose realm quote never closes" "request REGISTER" "response 401" \
    'WWW-Authenticate: Digest realm="example.com, nonce=4d616c666f726d6564, algorithm=MD5'
cap_end

# ===========================================================================
# 4. malformed-large.pcap: a reason phrase as long as one UDP datagram allows
#    (65000 bytes; an IPv4 UDP payload is at most 65507 bytes, so 64 KiB does
#    not fit), then the same over TCP with exactly 64 KiB (65536 bytes),
#    carried by 1460-byte segments.

# phrase N: "Busy Here " repeated, cut to N-1 bytes, then "." (so the
# phrase never ends in a blank, which a reader may trim).
phrase() {
    local n=$1 p="" unit="Busy Here "
    while ((${#p} < n)); do p+=$unit$unit$unit$unit$unit$unit$unit$unit$unit$unit; done
    printf '%s.' "${p:0:n-1}"
}
keep PH65000 phrase 65000
keep PH65536 phrase 65536

cap_begin malformed-large
STATUS_SHOWN='SIP/2.0 486 Busy Here Busy Here ... Busy Here. (65000-byte reason phrase: "Busy Here " x 6499, "Busy Here.")'
ident large-01
response "SIP/2.0 486 $PH65000" INVITE
pair 01 INVITE "SIP/2.0 486 $PH65000" "reason phrase of 65000 bytes in one UDP datagram (a ${#RSP}-byte SIP message; UDP over IPv4 carries at most 65507)" "request INVITE" "response 486"
# TCP: INVITE in one segment, then the 486 in 1460-byte segments.
ident large-02 TCP
keep OFFER sdp_offer 2102 49174
request INVITE -- OFFER application/sdp
r_type=request r_start=$(esc "$REQ_LINE") r_meth=INVITE r_ws="request INVITE"
tcp_seg 'A>B' 2000 "$REQ"
TCP_INVITE=$NF
response "SIP/2.0 486 $PH65536" INVITE
BIG=$RSP
nseg=$(((${#BIG} + 1459) / 1460))
first=$((NF + 1)) last=$((NF + nseg))
for ((k = 0; k < nseg; k++)); do
    r_type="tcp segment" r_segs="$first-$last"
    r_hostile="segment $((k + 1)) of $nseg of a 486 whose reason phrase is 65536 bytes (\"Busy Here \" x 6553, \"Busy .\"); the status line alone spans $(((12 + 65536 + 2 + 1459) / 1460)) segments"
    r_ws="-"
    if ((k == nseg - 1)); then
        r_type=response
        r_start='SIP/2.0 486 Busy Here Busy Here ... Busy . (65536-byte reason phrase: "Busy Here " x 6553, "Busy .")'
        r_codes=486 r_rbytes=65536 r_meth=INVITE r_req=$TCP_INVITE r_resp=1
        r_hostile="last segment of the 486 with a 64 KiB reason phrase ($nseg segments, ${#BIG} bytes): TCP reassembly completes it here"
        r_ws="response 486"
    fi
    tcp_seg 'B>A' $((2020 + k)) "${BIG:k*1460:1460}"
done
tcp_flush
cap_end

# ===========================================================================
# 5. malformed-flood.pcap: one TCP connection; the caller sends 300 INVITEs
#    (no body, Content-Length: 0) in 2 segments, the callee answers each with
#    one final response, the 300 responses in 3 segments. Every segment
#    boundary falls inside a message, so TCP reassembly joins the pieces.

FLOOD_CODES=("486 Busy Here" "404 Not Found" "503 Service Unavailable" "480 Temporarily Unavailable" "603 Decline" "500 Server Internal Error")
NFLOOD=300
REQS="" RSPS=""
declare -a REQ_END RSP_END RSP_CODE
for ((i = 1; i <= NFLOOD; i++)); do
    ident "$(printf 'flood-%03d' "$i")" TCP
    request INVITE
    REQS+=$REQ
    REQ_END[i]=${#REQS}
    st=${FLOOD_CODES[(i - 1) % ${#FLOOD_CODES[@]}]}
    if [[ $st == 503* ]]; then response "SIP/2.0 $st" INVITE "Retry-After: 30"; else response "SIP/2.0 $st" INVITE; fi
    RSPS+=$RSP
    RSP_END[i]=${#RSPS}
    RSP_CODE[i]=${st%% *}
done

cap_begin malformed-flood
# Requests: 2 segments, the cut 100 bytes into INVITE 151. Responses: 3
# segments, the cuts 50 bytes into responses 101 and 201.
rcut=$((REQ_END[150] + 100))
((rcut < REQ_END[151])) || die "flood: request cut not inside INVITE 151"
r_type="tcp segment" r_meth="INVITE (x150)" r_segs="1-2" r_ws="requests 150"
r_hostile="INVITEs 1-150 of 300 pipelined INVITEs (${#REQS} bytes) complete here; the segment ends 100 bytes into INVITE 151"
tcp_seg 'A>B' 1000 "${REQS:0:rcut}"
r_type="tcp segment" r_meth="INVITE (x150)" r_segs="1-2" r_ws="requests 150"
r_hostile="INVITEs 151-300 complete here (151 reassembled from frames 1 and 2)"
tcp_seg 'A>B' 1001 "${REQS:rcut}"
cuts=(0 $((RSP_END[100] + 50)) $((RSP_END[200] + 50)) ${#RSPS})
((cuts[1] < RSP_END[101] && cuts[2] < RSP_END[201])) || die "flood: response cuts not inside responses 101 and 201"
j=1
for ((k = 0; k < 3; k++)); do
    from=${cuts[k]} to=${cuts[k + 1]} codes="" n=0 lo=$j
    while ((j <= NFLOOD && RSP_END[j] <= to)); do codes+=${codes:+,}${RSP_CODE[j]}; n=$((n + 1)); j=$((j + 1)); done
    r_type="tcp segment" r_codes=$codes r_resp=$n r_segs="3-5" r_ws="responses $n"
    r_meth="INVITE (x$n)" r_req="1-2"
    r_hostile="responses $lo-$((lo + n - 1)) of 300 complete in this segment (bytes $from-$to of ${#RSPS})"
    ((k > 0)) && r_hostile+="; response $lo is reassembled from this segment and the previous one"
    ((k < 2)) && r_hostile+="; the segment ends 50 bytes into response $j"
    tcp_seg 'B>A' $((2000 + k)) "${RSPS:from:to-from}"
done
((j == NFLOOD + 1)) || die "flood: only $((j - 1)) responses placed"
tcp_flush
cap_end

# ===========================================================================
# 6. malformed-snaplen.pcap: a normal UDP capture (INVITE/100/486/ACK,
#    INVITE/503 Retry-After/ACK, INVITE/488 Warning/ACK, REGISTER/401) cut by
#    `editcap -s 120`: each frame keeps 120 bytes, 78 of them SIP, so every
#    message is cut inside its headers (the status line is whole). Then two
#    INVITE/response pairs cut inside the status line: `editcap -s 52`
#    ("SIP/2.0 48", inside the code) and `editcap -s 60` ("SIP/2.0 503 Servic",
#    inside the reason phrase).

# cut_where MSG N: where the first N bytes of MSG end: "status line",
# "request line", "the NAME header", "the body" (N < length), or "" (whole).
cut_where() {
    local msg=$1 n=$2 line pos=0 first=1
    ((n >= ${#msg})) && return 0
    while [[ -n $msg ]]; do
        line=${msg%%"$CRLF"*}
        if ((pos + ${#line} + 2 > n)); then
            if ((first)); then [[ $line == SIP/* ]] && printf 'the status line' || printf 'the request line'
            elif [[ -z $line ]]; then printf 'the empty line ending the headers'
            else printf 'the %s header' "${line%%:*}"; fi
            return 0
        fi
        pos=$((pos + ${#line} + 2)) first=0
        [[ -z $line ]] && { printf 'the body'; return 0; }
        msg=${msg#*"$CRLF"}
    done
}

SNAP_N=0
declare -a S_MS S_SRC S_DST S_MSG S_TYPE S_START S_CODE S_RB S_METH S_REQ S_HH S_SNAP
# snap FLOW MS SNAPLEN TYPE MESSAGE [HOSTILE-HEADER]: queue one frame of the snaplen capture.
snap() {
    SNAP_N=$((SNAP_N + 1))
    local k=$SNAP_N
    S_MS[k]=$2 S_SNAP[k]=$3 S_TYPE[k]=$4 S_MSG[k]=$5 S_HH[k]=${6:-}
    if [[ $1 == 'A>B' ]]; then S_SRC[k]=$A_IP S_DST[k]=$B_IP; else S_SRC[k]=$B_IP S_DST[k]=$A_IP; fi
    S_START[k]=${5%%"$CRLF"*}
    S_CODE[k]="" S_RB[k]="" S_REQ[k]=""
    local cseq=${5#*"${CRLF}CSeq: "}
    cseq=${cseq%%"$CRLF"*}
    S_METH[k]=${cseq#* }
    if [[ $4 == response ]]; then
        status_parts "${S_START[k]}"
        S_CODE[k]=$CODE_TEXT S_RB[k]=$REASON_BYTES S_REQ[k]=$LAST_REQ
    else
        LAST_REQ=$k
    fi
}
ack_of() {   # the ACK of a non-2xx final response of the current identity
    ACK="ACK sip:bob@example.com SIP/2.0$CRLF$VIA${CRLF}Max-Forwards: 70${CRLF}From: \"Alice\" <sip:alice@example.com>;tag=a-$ID${CRLF}"
    ACK+="To: <sip:bob@example.com>;tag=b-$ID${CRLF}Call-ID: mal-$ID@$A_IP${CRLF}CSeq: 1 ACK$CRLF$UA${CRLF}Content-Length: 0$CRLF$CRLF"
}

ident snap-01
keep OFFER sdp_offer 2201 49180
request INVITE -- OFFER application/sdp;                         snap 'A>B' 1000 120 request "$REQ"
response "SIP/2.0 100 Trying" INVITE;                            snap 'B>A' 1020 120 response "${RSP/;tag=b-snap-01/}"
H='Reason: Q.850;cause=17;text="User busy"'
response "SIP/2.0 486 Busy Here" INVITE "$H";                    snap 'B>A' 1040 120 response "$RSP" "$H"
ack_of;                                                          snap 'A>B' 1060 120 request "$ACK"
ident snap-02
keep OFFER sdp_offer 2202 49182
request INVITE -- OFFER application/sdp;                         snap 'A>B' 2000 120 request "$REQ"
H='Retry-After: 120'
response "SIP/2.0 503 Service Unavailable" INVITE "$H";          snap 'B>A' 2020 120 response "$RSP" "$H"
ack_of;                                                          snap 'A>B' 2040 120 request "$ACK"
ident snap-03
keep OFFER sdp_offer 2203 49184
request INVITE -- OFFER application/sdp;                         snap 'A>B' 3000 120 request "$REQ"
H="${W305}\"Incompatible media format\""
response "SIP/2.0 488 Not Acceptable Here" INVITE "$H";          snap 'B>A' 3020 120 response "$RSP" "$H"
ack_of;                                                          snap 'A>B' 3040 120 request "$ACK"
ident snap-04
request REGISTER "Expires: 3600";                                snap 'A>B' 4000 120 request "$REQ"
H='WWW-Authenticate: Digest realm="example.com", nonce="536e61706c656e", algorithm=MD5'
response "SIP/2.0 401 Unauthorized" REGISTER "$H";               snap 'B>A' 4020 120 response "$RSP" "$H"
ident snap-05
keep OFFER sdp_offer 2205 49186
request INVITE -- OFFER application/sdp;                         snap 'A>B' 5000 52 request "$REQ"
response "SIP/2.0 486 Busy Here" INVITE;                         snap 'B>A' 5020 52 response "$RSP"
ident snap-06
keep OFFER sdp_offer 2206 49188
request INVITE -- OFFER application/sdp;                         snap 'A>B' 6000 60 request "$REQ"
H='Retry-After: 120'
response "SIP/2.0 503 Service Unavailable" INVITE "$H";          snap 'B>A' 6020 60 response "$RSP" "$H"

# One text2pcap run per frame, the frames of one snaplen joined and cut with
# editcap -s, the three parts joined in order.
cap_begin malformed-snaplen
declare -A SNAP_PARTS=()
for ((k = 1; k <= SNAP_N; k++)); do
    hexdump "$(ts "${S_MS[k]}")" "${S_MSG[k]}" >"$work/in.txt"
    f=$(printf '%s/snap-%03d.pcap' "$work" "$k")
    text2pcap -q -F pcap -t "$TFMT" -u 5060,5060 -4 "${S_SRC[k]},${S_DST[k]}" "$work/in.txt" "$f" >"$work/t2p.log" 2>&1 ||
        { cat "$work/t2p.log" >&2; die "text2pcap failed (snaplen frame $k)"; }
    SNAP_PARTS[${S_SNAP[k]}]+=" $f"
done
for s in 120 52 60; do
    # shellcheck disable=SC2086  # the list is space-separated paths without spaces
    mergecap -F pcap -a -w "$work/snap-$s-full.pcap" ${SNAP_PARTS[$s]}
    editcap -F pcap -s "$s" "$work/snap-$s-full.pcap" "$work/snap-$s.pcap"
done
mergecap -F pcap -a -w "$here/malformed-snaplen.pcap" "$work/snap-120.pcap" "$work/snap-52.pcap" "$work/snap-60.pcap"

for ((k = 1; k <= SNAP_N; k++)); do
    msg=${S_MSG[k]} cap=$((S_SNAP[k] - 42)) wire=$((42 + ${#S_MSG[k]}))
    where=$(cut_where "$msg" "$cap")
    got=${msg:0:cap}
    r_type=${S_TYPE[k]} r_start=$(esc "${S_START[k]}") r_codes=${S_CODE[k]} r_rbytes=${S_RB[k]} r_meth=${S_METH[k]}
    r_req=${S_REQ[k]} r_resp=$([[ ${S_TYPE[k]} == response ]] && echo 1 || echo 0)
    r_hh=$(esc "${S_HH[k]}")
    r_hostile="snaplen ${S_SNAP[k]}: $cap of ${#msg} SIP bytes captured, cut inside $where"
    if [[ $where == 'the status line' || $where == 'the request line' ]]; then r_hostile+=" (captured: \"$(esc "$got")\")"; fi
    if [[ -n ${S_HH[k]} ]]; then r_hostile+="; the ${S_HH[k]%%:*} header is not captured"; fi
    # Observation: the SIP dissector needs the whole first line; a cut after
    # "SIP/2.0 503 " passes its first check, then fails with nothing shown.
    if [[ $where == 'the status line' && $cap -ge 12 ]]; then r_ws="sip, nothing decoded"
    elif [[ $where == 'the status line' || $where == 'the request line' ]]; then r_ws=data
    elif [[ ${S_TYPE[k]} == response ]]; then r_ws="response ${S_CODE[k]}"
    else r_ws="request ${S_METH[k]}"; fi
    t=${S_MS[k]}
    ROWS+=("$(printf '%d\t%d.%03d\tUDP\t%s:5060\t%s:5060\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\t%d\t%d\t%s\t%s\t%s' \
        "$k" $((t / 1000)) $((t % 1000)) "${S_SRC[k]}" "${S_DST[k]}" "$r_type" "$r_start" "$r_codes" "$r_rbytes" \
        "$r_meth" "$r_req" "$r_resp" "$wire" "${S_SNAP[k]}" "$r_hh" "$r_hostile" "$r_ws")")
    r_reset
done
NF=$SNAP_N
{ printf "$MAN_HEADER"; printf '%s\n' "${ROWS[@]}"; } >"$here/malformed-snaplen.tsv"
echo "wrote malformed-snaplen.pcap ($NF frames) + malformed-snaplen.tsv"

# ---------------------------------------------------------------------------
# Cross-check with real tshark (no sipdiag): frame sizes and what Wireshark's
# SIP dissector makes of every frame must be what the manifest says.

[[ $verify -eq 1 ]] || exit 0
if ! command -v tshark >/dev/null; then
    echo "tshark not found: skipping verification" >&2
    exit 0
fi

fail=0
for cap in status bytes headers large flood snaplen; do
    name=malformed-$cap
    # want: frame, wire bytes, captured bytes, ws_4.0.17_sip
    tail -n +2 "$here/$name.tsv" | awk -F'\t' '{print $1 "\t" $14 "\t" $15 "\t" $18}' >"$work/want"
    tshark -n -r "$here/$name.pcap" -T fields -E occurrence=a -E aggregator=, \
        -e frame.number -e frame.len -e frame.cap_len -e sip.Method -e sip.Status-Code -e frame.protocols \
        >"$work/raw" 2>"$work/tshark.err" || { cat "$work/tshark.err" >&2; fail=1; continue; }
    awk -F'\t' 'BEGIN { OFS = "\t" } {
        nm = ($4 == "") ? 0 : split($4, m, ","); nc = ($5 == "") ? 0 : split($5, c, ",")
        if (nc == 1 && nm == 0) w = "response " c[1]
        else if (nc > 1 && nm == 0) w = "responses " nc
        else if (nm == 1 && nc == 0) w = "request " m[1]
        else if (nm > 1 && nc == 0) w = "requests " nm
        else if (nm > 0 && nc > 0) w = "requests " nm ", responses " nc
        else if ($6 ~ /:data$/) w = "data"
        else if ($6 ~ /:sip$/) w = "sip, nothing decoded"
        else w = "-"
        print $1, $2, $3, w }' "$work/raw" >"$work/got"
    if diff -u "$work/want" "$work/got" >"$work/diff"; then
        echo "verify $name: OK ($(wc -l <"$work/got") frames: length, captured length, SIP dissector result)"
    else
        echo "verify $name: MISMATCH (want = manifest, got = tshark)" >&2; cat "$work/diff" >&2; fail=1
    fi
done

# TCP: every Content-Length is exact and every segment is used: no malformed
# packet, no expert warning, and each response completes where the manifest says.
for name in malformed-large malformed-flood; do
    bad=$(tshark -n -r "$here/$name.pcap" -Y '_ws.malformed || _ws.expert.severity >= warning' -T fields -e frame.number 2>/dev/null | tr '\n' ' ')
    [[ -z $bad ]] || { echo "verify $name: malformed/warning in frames $bad" >&2; fail=1; }
done
got=$(tshark -n -2 -r "$here/malformed-large.pcap" -Y 'tcp.reassembled_in' -T fields -e tcp.reassembled_in 2>/dev/null | sort -u | tr '\n' ' ')
[[ $got == "49 " ]] || { echo "verify malformed-large: segments reassembled in '$got', want '49 '" >&2; fail=1; }
got=$(tshark -n -r "$here/malformed-flood.pcap" -T fields -E occurrence=a -E aggregator=, -e sip.Status-Code 2>/dev/null | tr '\n' ',' | tr -s ',')
want=$(tail -n +2 "$here/malformed-flood.tsv" | cut -f8 | tr '\n' ',' | tr -s ',')
[[ ${got#,} == "${want#,}" ]] || { echo "verify malformed-flood: status codes differ from the manifest" >&2; fail=1; }

[[ $fail -eq 0 ]] || { echo "verification FAILED" >&2; exit 1; }
echo "verification passed"

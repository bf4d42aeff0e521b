#!/usr/bin/env bash
# make-synthetic.sh
# Builds sipdiag's synthetic test captures with text2pcap, plus one manifest
# (.tsv) per capture listing what the generator put in each frame.
#
# Everything is fixed (addresses, ports, timestamps, Call-IDs, tags, branches),
# so running this twice gives byte-identical pcaps and manifests.
#
# Usage: captures/make-synthetic.sh [--no-verify]
#   --no-verify   only write the files; skip the tshark cross-check
#
# Outputs (next to this script):
#   all-codes.pcap       + all-codes.tsv        the 75 IANA codes, UDP
#   vendor-phrases.pcap  + vendor-phrases.tsv   the 21 vendor-table phrases, UDP
#   tcp-multi.pcap       + tcp-multi.tsv        several messages per segment, a split response, TCP
#   odd-codes.pcap       + odd-codes.tsv        malformed / unregistered status lines, UDP
#
# SPDX-License-Identifier: GPL-2.0-or-later

# Messages are built into variables by keep() (printf -v) and read back by name
# (${!var}), which shellcheck cannot follow.
# shellcheck disable=SC2154,SC2034

set -euo pipefail
export LC_ALL=C TZ=UTC

here=$(cd "$(dirname "$0")" && pwd)
verify=1
[[ "${1:-}" == "--no-verify" ]] && verify=0

command -v text2pcap >/dev/null || { echo "text2pcap not found (apt-get install tshark)" >&2; exit 1; }

work=$(mktemp -d)
trap '[[ -n ${KEEP_WORK:-} ]] || rm -rf "$work"' EXIT

CRLF=$'\r\n'
TFMT='%Y-%m-%d %H:%M:%S.%f'
# 2024-01-01 12:00:00 UTC; every capture starts here.
BASE_EPOCH=1704110400

# Documentation addresses (RFC 5737).
UAC_IP=192.0.2.10      # caller / proxy A
UAS_IP=192.0.2.20      # callee / proxy B

# ---------------------------------------------------------------------------
# helpers

# ts N_CENTISECONDS -> "YYYY-mm-dd HH:MM:SS.ffffff" at BASE_EPOCH + N/100 s
ts() {
    local cs=$1
    printf '%s.%06d' "$(date -u -d "@$((BASE_EPOCH + cs / 100))" '+%Y-%m-%d %H:%M:%S')" $(((cs % 100) * 10000))
}

# emit PREFIX MESSAGE >> file: one packet in text2pcap's hexdump format,
# preceded by PREFIX (timestamp, optionally "I "/"O " direction).
emit() {
    printf '%s\n' "$1"
    printf '%s' "$2" | od -Ax -tx1 -v
}

# tsv_field STRING: make a string safe for one TSV cell (no tab/CR/LF inside).
tsv_field() {
    local s=$1
    s=${s//$'\t'/\\t}
    s=${s//$'\r'/\\r}
    s=${s//$'\n'/\\n}
    printf '%s' "$s"
}

# keep VAR COMMAND...: VAR=$(COMMAND...) but without $(...)'s stripping of
# trailing newlines (every SIP message ends in CRLF CRLF).
keep() {
    local __v=$1 __out; shift
    __out=$("$@"; printf .)
    printf -v "$__v" '%s' "${__out%.}"
}

# A UDP response from the UAS to the UAC, minimal but realistic headers.
# udp_response STATUS_LINE METHOD ID [EXTRA_HEADER_LINES...]
#   ID makes Call-ID, tags and branch unique per frame.
udp_response() {
    local status=$1 method=$2 id=$3
    shift 3
    local from="<sip:alice@example.com>" to="<sip:bob@example.com>"
    # A REGISTER's To is the address being registered: the caller's own.
    [[ $method == REGISTER ]] && to="<sip:alice@example.com>"
    local totag=";tag=uas-$id"
    # A 100 Trying is hop-by-hop and normally carries no To tag.
    [[ $status == "SIP/2.0 100 "* ]] && totag=""
    local m="$status$CRLF"
    m+="Via: SIP/2.0/UDP $UAC_IP:5060;branch=z9hG4bK-$id;received=$UAC_IP$CRLF"
    m+="From: \"Alice\" $from;tag=uac-$id$CRLF"
    m+="To: $to$totag$CRLF"
    m+="Call-ID: $id@$UAC_IP$CRLF"
    m+="CSeq: 1 $method$CRLF"
    local h
    for h in "$@"; do m+="$h$CRLF"; done
    m+="Server: sipdiag-testgen/1.0$CRLF"
    m+="Content-Length: 0$CRLF$CRLF"
    printf '%s' "$m"
}

# Run text2pcap, refusing to go on if it reports an error.
t2p() {
    local out=$1; shift
    text2pcap -q -F pcap -t "$TFMT" "$@" "$work/in.txt" "$here/$out" >"$work/t2p.log" 2>&1 || {
        cat "$work/t2p.log" >&2; echo "text2pcap failed for $out" >&2; exit 1; }
}

# ---------------------------------------------------------------------------
# 1. all-codes.pcap: the 75 response codes of the IANA "Response Codes"
#    registry, ascending, registered phrase, one response per UDP frame.
#    Fields: code | registered phrase | CSeq method | extra headers (";;" separated)

ALL_CODES=(
"100|Trying|INVITE|"
"180|Ringing|INVITE|Contact: <sip:bob@$UAS_IP:5060>"
"181|Call Is Being Forwarded|INVITE|Contact: <sip:bob@$UAS_IP:5060>"
"182|Queued|INVITE|Contact: <sip:bob@$UAS_IP:5060>"
"183|Session Progress|INVITE|Contact: <sip:bob@$UAS_IP:5060>"
"199|Early Dialog Terminated|INVITE|Contact: <sip:bob@$UAS_IP:5060>;;Reason: SIP;cause=486;text=\"Busy Here\""
"200|OK|INVITE|Contact: <sip:bob@$UAS_IP:5060>"
"202|Accepted|REFER|Contact: <sip:bob@$UAS_IP:5060>"
"204|No Notification|SUBSCRIBE|Contact: <sip:bob@$UAS_IP:5060>;;Expires: 3600"
"300|Multiple Choices|INVITE|Contact: <sip:bob@198.51.100.1>, <sip:bob@198.51.100.2>"
"301|Moved Permanently|INVITE|Contact: <sip:bob@198.51.100.1>"
"302|Moved Temporarily|INVITE|Contact: <sip:bob@198.51.100.1>"
"305|Use Proxy|INVITE|Contact: <sip:proxy.example.net>"
"380|Alternative Service|INVITE|Contact: <sip:voicemail@example.com>"
"400|Bad Request|INVITE|"
"401|Unauthorized|REGISTER|WWW-Authenticate: Digest realm=\"example.com\", nonce=\"4e6f6e63652d616c6c2d636f646573\", algorithm=MD5, qop=\"auth\""
"402|Payment Required|INVITE|"
"403|Forbidden|INVITE|"
"404|Not Found|INVITE|"
"405|Method Not Allowed|MESSAGE|Allow: INVITE, ACK, CANCEL, BYE, OPTIONS"
"406|Not Acceptable|INVITE|"
"407|Proxy Authentication Required|INVITE|Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"50726f78792d616c6c2d636f646573\", algorithm=MD5, qop=\"auth\""
"408|Request Timeout|INVITE|"
"410|Gone|INVITE|"
"412|Conditional Request Failed|PUBLISH|"
"413|Request Entity Too Large|MESSAGE|"
"414|Request-URI Too Long|INVITE|"
"415|Unsupported Media Type|INVITE|Accept: application/sdp"
"416|Unsupported URI Scheme|INVITE|"
"417|Unknown Resource-Priority|INVITE|Accept-Resource-Priority: dsn.flash, dsn.routine"
"420|Bad Extension|INVITE|Unsupported: foo"
"421|Extension Required|INVITE|Require: 100rel"
"422|Session Interval Too Small|INVITE|Min-SE: 1800"
"423|Interval Too Brief|REGISTER|Min-Expires: 3600"
"424|Bad Location Information|INVITE|"
"425|Bad Alert Message|INVITE|"
"428|Use Identity Header|INVITE|"
"429|Provide Referrer Identity|REFER|"
"430|Flow Failed|INVITE|"
"433|Anonymity Disallowed|INVITE|"
"436|Bad Identity Info|INVITE|"
"437|Unsupported Credential|INVITE|"
"438|Invalid Identity Header|INVITE|"
"439|First Hop Lacks Outbound Support|REGISTER|"
"440|Max-Breadth Exceeded|INVITE|"
"469|Bad Info Package|INFO|Recv-Info: dtmf"
"470|Consent Needed|INVITE|"
"480|Temporarily Unavailable|INVITE|"
"481|Call/Transaction Does Not Exist|BYE|"
"482|Loop Detected|INVITE|"
"483|Too Many Hops|INVITE|"
"484|Address Incomplete|INVITE|"
"485|Ambiguous|INVITE|"
"486|Busy Here|INVITE|"
"487|Request Terminated|INVITE|"
"488|Not Acceptable Here|INVITE|Warning: 305 $UAS_IP \"Incompatible media format\""
"489|Bad Event|SUBSCRIBE|Allow-Events: presence"
"491|Request Pending|INVITE|"
"493|Undecipherable|INVITE|"
"494|Security Agreement Required|REGISTER|Security-Server: digest;q=0.1"
"500|Server Internal Error|INVITE|"
"501|Not Implemented|INVITE|"
"502|Bad Gateway|INVITE|"
"503|Service Unavailable|INVITE|Retry-After: 120"
"504|Server Time-out|INVITE|"
"505|Version Not Supported|INVITE|"
"513|Message Too Large|INVITE|"
"555|Push Notification Service Not Supported|REGISTER|"
"580|Precondition Failure|INVITE|"
"600|Busy Everywhere|INVITE|"
"603|Decline|INVITE|"
"604|Does Not Exist Anywhere|INVITE|"
"606|Not Acceptable|INVITE|"
"607|Unwanted|INVITE|"
"608|Rejected|INVITE|"
)
# Note: IANA lists 202 as "Accepted (Deprecated)"; "(Deprecated)" is a registry
# remark (RFC 6665), not part of the phrase, so the wire phrase is "Accepted".

[[ ${#ALL_CODES[@]} -eq 75 ]] || { echo "ALL_CODES has ${#ALL_CODES[@]} rows, want 75" >&2; exit 1; }

# make_udp_file NAME ID_PREFIX ROWS...  (rows as in ALL_CODES)
make_udp_file() {
    local name=$1 prefix=$2; shift 2
    local n=0 row code phrase method extra status id
    : >"$work/in.txt"
    printf 'frame\ttransport\tsrc\tdst\tstatus_lines\tcodes\tphrases\tcseq_methods\trequest_lines\textra_headers\n' >"$work/manifest"
    for row in "$@"; do
        IFS='|' read -r code phrase method extra <<<"$row"
        n=$((n + 1))
        status="SIP/2.0 $code $phrase"
        id=$(printf '%s-%02d-%s' "$prefix" "$n" "$code")
        local hdrs=()
        if [[ -n $extra ]]; then
            local rest=$extra
            while [[ $rest == *';;'* ]]; do hdrs+=("${rest%%;;*}"); rest=${rest#*;;}; done
            hdrs+=("$rest")
        fi
        keep msg udp_response "$status" "$method" "$id" ${hdrs[@]+"${hdrs[@]}"}
        emit "$(ts $((n * 100)))" "$msg" >>"$work/in.txt"
        printf '%d\tUDP\t%s:5060\t%s:5060\t%s\t%s\t%s\t%s\t\t%s\n' "$n" "$UAS_IP" "$UAC_IP" \
            "$(tsv_field "$status")" "$code" "$(tsv_field "$phrase")" "$method" \
            "$(tsv_field "${extra//;;/ | }")" >>"$work/manifest"
    done
    t2p "$name.pcap" -u 5060,5060 -4 "$UAS_IP,$UAC_IP"
    mv "$work/manifest" "$here/$name.tsv"
}

make_udp_file all-codes ac "${ALL_CODES[@]}"

# ---------------------------------------------------------------------------
# 2. vendor-phrases.pcap: the 21 codes of the vendor (PortaSIP) table with the
#    vendor's own reason phrase, ascending by code.

VENDOR=(
"400|Bad Request|INVITE|"
"401|Unauthorized|INVITE|WWW-Authenticate: Digest realm=\"example.com\", nonce=\"56656e646f722d343031\", algorithm=MD5"
"403|Forbidden|INVITE|"
"404|Not Found|INVITE|"
"405|Method Not Allowed|INVITE|Allow: ACK, BYE, CANCEL, OPTIONS"
"408|Request Timeout|INVITE|"
"415|Unsupported Media Type|INVITE|Accept: application/sdp"
"480|Temporarily Unavailable|INVITE|"
"481|Call Leg/Transaction Does Not Exist|BYE|"
"482|Loop Detected|INVITE|"
"483|Too Many Hops|INVITE|"
"486|Busy Here|INVITE|"
"487|Request Cancelled|INVITE|"
"488|Not Acceptable Here|INVITE|"
"489|Bad Event|SUBSCRIBE|"
"500|Server Internal Error|INVITE|"
"501|Not Implemented|INVITE|"
"502|DNS Data Incorrect|INVITE|"
"503|Service Unavailable|INVITE|"
"603|Declined|INVITE|"
"606|Not Acceptable Here|INVITE|"
)
[[ ${#VENDOR[@]} -eq 21 ]] || { echo "VENDOR has ${#VENDOR[@]} rows, want 21" >&2; exit 1; }

make_udp_file vendor-phrases vp "${VENDOR[@]}"

# ---------------------------------------------------------------------------
# 3. odd-codes.pcap: status lines that are unregistered, out of range or
#    malformed, one per UDP frame. Fields: status line exactly as sent |
#    CSeq method | what Wireshark 4.0.17's SIP dissector is expected to do
#    ("response CODE" = accepted as a Status-Line with that Status-Code;
#    "not SIP: shown as Data" = the SIP dissector rejects the first line, so
#    on UDP the whole datagram falls through to the "data" dissector; over
#    TCP the same text would be shown as a SIP "Continuation" instead).
#    The last field is an observation of tshark 4.0.17, checked below, not
#    input.

ODD=(
"SIP/2.0 499 Custom Failure|INVITE|response 499"
"SIP/2.0 599 Custom Server Failure|INVITE|response 599"
"SIP/2.0 199 Custom Progress|INVITE|response 199"
"SIP/2.0 299 Custom OK|INVITE|response 299"
"SIP/2.0 000 Zero|INVITE|response 0"
"SIP/2.0 099 Too Low|INVITE|response 99"
"SIP/2.0 700 Too High|INVITE|response 700"
"SIP/2.0 999 Way Too High|INVITE|response 999"
"SIP/2.0 1000 Four Digits|INVITE|not SIP: shown as Data"
"SIP/2.0 4x6 Letters|INVITE|not SIP: shown as Data"
"SIP/2.0 486 |INVITE|response 486"
"SIP/2.0 404|INVITE|not SIP: shown as Data"
"SIP/2.0 486 busy here|INVITE|response 486"
"SIP/2.0 486 User Busy|INVITE|response 486"
"SIP/2.0 198 Custom Progress|INVITE|response 198"
)

: >"$work/in.txt"
printf 'frame\ttransport\tsrc\tdst\tstatus_lines\tcodes\tphrases\tcseq_methods\trequest_lines\textra_headers\twireshark_4.0.17_sip\n' >"$work/manifest"
n=0
for row in "${ODD[@]}"; do
    IFS='|' read -r status method expect <<<"$row"
    n=$((n + 1))
    # code = text between "SIP/2.0 " and the next space (or end of line);
    # phrase = everything after that space (may be empty).
    rest=${status#SIP/2.0 }
    code=${rest%% *}
    if [[ $rest == *' '* ]]; then phrase=${rest#* }; else phrase=""; fi
    keep msg udp_response "$status" "$method" "$(printf 'odd-%02d' "$n")"
    emit "$(ts $((n * 100)))" "$msg" >>"$work/in.txt"
    printf '%d\tUDP\t%s:5060\t%s:5060\t%s\t%s\t%s\t%s\t\t\t%s\n' "$n" "$UAS_IP" "$UAC_IP" \
        "$(tsv_field "$status")" "$code" "$(tsv_field "$phrase")" "$method" "$expect" >>"$work/manifest"
done
t2p odd-codes.pcap -u 5060,5060 -4 "$UAS_IP,$UAC_IP"
mv "$work/manifest" "$here/odd-codes.tsv"

# ---------------------------------------------------------------------------
# 4. tcp-multi.pcap: one TCP connection UAC 192.0.2.10:49152 <-> UAS
#    192.0.2.20:5060 (no handshake; text2pcap -D keeps per-direction
#    sequence and acknowledgement numbers consistent).
#    "I" frames go UAC -> UAS, "O" frames go UAS -> UAC.

sdp_offer() {
    local sid=$1 port=$2
    printf 'v=0\r\no=alice %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio %s RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n' \
        "$sid" "$sid" "$UAC_IP" "$UAC_IP" "$port"
}
sdp_answer() {
    printf 'v=0\r\no=bob 3344556677 3344556677 IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n' \
        "$UAS_IP" "$UAS_IP"
}

# tcp_msg START_LINE VIA_HOST:PORT BRANCH FROM TO CALLID CSEQ [HEADERS...] -- BODY
# Body content type is application/sdp when non-empty.
tcp_msg() {
    local start=$1 via=$2 branch=$3 from=$4 to=$5 callid=$6 cseq=$7
    shift 7
    local m="$start$CRLF"
    m+="Via: SIP/2.0/TCP $via;branch=$branch$CRLF"
    [[ $start != SIP/2.0* ]] && m+="Max-Forwards: 70$CRLF"
    m+="From: $from$CRLF"
    m+="To: $to$CRLF"
    m+="Call-ID: $callid$CRLF"
    m+="CSeq: $cseq$CRLF"
    while [[ $# -gt 0 && $1 != -- ]]; do m+="$1$CRLF"; shift; done
    [[ ${1:-} == -- ]] && shift
    local body=${1:-}
    [[ -n $body ]] && m+="Content-Type: application/sdp$CRLF"
    m+="Content-Length: ${#body}$CRLF$CRLF$body"
    printf '%s' "$m"
}

keep sdp1 sdp_offer 1001 49170
keep sdp2 sdp_offer 2002 49172
keep sdp3 sdp_offer 3003 49174
keep sdpa sdp_answer
A="\"Alice\" <sip:alice@example.com>"
B="<sip:bob@example.com>"
C1="tcp-multi-call1@$UAC_IP"; C2="tcp-multi-call2@$UAC_IP"; C3="tcp-multi-call3@$UAC_IP"
VIA_A="$UAC_IP:49152"; VIA_B="$UAS_IP:5060"
CONT_A="Contact: <sip:alice@$UAC_IP:49152;transport=tcp>"
CONT_B="Contact: <sip:bob@$UAS_IP:5060;transport=tcp>"

# Call 1: INVITE; one segment carries 180 Ringing and 486 Busy Here; ACK.
keep inv1 tcp_msg "INVITE sip:bob@example.com SIP/2.0" "$VIA_A" z9hG4bK-tcp-1a "$A;tag=uac-tcp-1" "$B" "$C1" "1 INVITE" "$CONT_A" -- "$sdp1"
keep r180 tcp_msg "SIP/2.0 180 Ringing" "$VIA_A" z9hG4bK-tcp-1a "$A;tag=uac-tcp-1" "$B;tag=uas-tcp-1" "$C1" "1 INVITE" "$CONT_B"
keep r486 tcp_msg "SIP/2.0 486 Busy Here" "$VIA_A" z9hG4bK-tcp-1a "$A;tag=uac-tcp-1" "$B;tag=uas-tcp-1" "$C1" "1 INVITE"
keep ack1 tcp_msg "ACK sip:bob@example.com SIP/2.0" "$VIA_A" z9hG4bK-tcp-1a "$A;tag=uac-tcp-1" "$B;tag=uas-tcp-1" "$C1" "1 ACK"

# Call 2: INVITE; one segment carries 200 OK (SDP answer) and the callee's
# BYE (the callee hangs up at once; its CSeq space is its own: 101 BYE);
# the caller sends ACK, then 200 OK to the BYE.
keep inv2 tcp_msg "INVITE sip:bob@example.com SIP/2.0" "$VIA_A" z9hG4bK-tcp-2a "$A;tag=uac-tcp-2" "$B" "$C2" "1 INVITE" "$CONT_A" -- "$sdp2"
keep r200 tcp_msg "SIP/2.0 200 OK" "$VIA_A" z9hG4bK-tcp-2a "$A;tag=uac-tcp-2" "$B;tag=uas-tcp-2" "$C2" "1 INVITE" "$CONT_B" -- "$sdpa"
keep bye2 tcp_msg "BYE sip:alice@$UAC_IP:49152;transport=tcp SIP/2.0" "$VIA_B" z9hG4bK-tcp-2b "$B;tag=uas-tcp-2" "$A;tag=uac-tcp-2" "$C2" "101 BYE"
keep ack2 tcp_msg "ACK sip:bob@$UAS_IP:5060;transport=tcp SIP/2.0" "$VIA_A" z9hG4bK-tcp-2c "$A;tag=uac-tcp-2" "$B;tag=uas-tcp-2" "$C2" "1 ACK"
keep r200bye tcp_msg "SIP/2.0 200 OK" "$VIA_B" z9hG4bK-tcp-2b "$B;tag=uas-tcp-2" "$A;tag=uac-tcp-2" "$C2" "101 BYE"

# Call 3: INVITE; 503 with Retry-After split across two segments, the cut
# falling inside the CSeq header line; ACK.
keep inv3 tcp_msg "INVITE sip:bob@example.com SIP/2.0" "$VIA_A" z9hG4bK-tcp-3a "$A;tag=uac-tcp-3" "$B" "$C3" "1 INVITE" "$CONT_A" -- "$sdp3"
keep r503 tcp_msg "SIP/2.0 503 Service Unavailable" "$VIA_A" z9hG4bK-tcp-3a "$A;tag=uac-tcp-3" "$B;tag=uas-tcp-3" "$C3" "1 INVITE" "Retry-After: 120" "Server: sipdiag-testgen/1.0"
cut=${r503%%"CSeq: 1 INVITE"*}
cut=$((${#cut} + 9))            # ... "CSeq: 1 I" | "NVITE\r\nRetry-After: 120 ..."
r503a=${r503:0:cut}; r503b=${r503:cut}
keep ack3 tcp_msg "ACK sip:bob@example.com SIP/2.0" "$VIA_A" z9hG4bK-tcp-3a "$A;tag=uac-tcp-3" "$B;tag=uas-tcp-3" "$C3" "1 ACK"

# Frame table, "~"-separated: dir ~ centiseconds ~ payload variable ~
# status lines of the responses whose LAST byte is in this frame ("|"-separated)
# ~ their CSeq methods ~ request lines ~ frames carrying the bytes of this
# frame's messages ~ note
TCP=(
"I~100~inv1~~~~1~INVITE with SDP offer (call 1)"
"O~120~seg2~SIP/2.0 180 Ringing|SIP/2.0 486 Busy Here~INVITE,INVITE~~2~two complete responses in one segment"
"I~130~ack1~~~ACK sip:bob@example.com SIP/2.0~3~ACK for the 486"
"I~200~inv2~~~~4~INVITE with SDP offer (call 2)"
"O~220~seg5~SIP/2.0 200 OK~INVITE~BYE sip:alice@$UAC_IP:49152;transport=tcp SIP/2.0~5~response (with SDP body) followed by a request (callee's BYE) in one segment"
"I~230~ack2~~~ACK sip:bob@$UAS_IP:5060;transport=tcp SIP/2.0~6~ACK for the 200"
"I~240~r200bye~SIP/2.0 200 OK~BYE~~7~200 OK to the BYE, caller -> callee"
"I~300~inv3~~~~8~INVITE with SDP offer (call 3)"
"O~320~r503a~~~~9~first part of the 503 (ends inside the CSeq line): no complete SIP message"
"O~321~r503b~SIP/2.0 503 Service Unavailable~INVITE~~9,10~rest of the 503: TCP reassembly of frames 9+10 completes it here"
"I~330~ack3~~~ACK sip:bob@example.com SIP/2.0~11~ACK for the 503"
)
seg2="$r180$r486"
seg5="$r200$bye2"

: >"$work/in.txt"
printf 'frame\ttransport\tsrc\tdst\tstatus_lines\tcodes\tphrases\tcseq_methods\trequest_lines\tsegments\tnote\n' >"$work/manifest"
n=0
for row in "${TCP[@]}"; do
    IFS='~' read -r dir cs var status meth req segs note <<<"$row"
    n=$((n + 1))
    codes=""; phrases=""; shown=""
    if [[ -n $status ]]; then
        IFS='|' read -r -a lines <<<"$status"
        for l in "${lines[@]}"; do
            r=${l#SIP/2.0 }
            codes+="${codes:+,}${r%% *}"
            phrases+="${phrases:+|}${r#* }"
            shown+="${shown:+ | }$l"
        done
    fi
    emit "$dir $(ts "$cs")" "${!var}" >>"$work/in.txt"
    if [[ $dir == I ]]; then src="$UAC_IP:49152" dst="$UAS_IP:5060"; else src="$UAS_IP:5060" dst="$UAC_IP:49152"; fi
    printf '%d\tTCP\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$src" "$dst" "$shown" "$codes" "$phrases" \
        "$meth" "$req" "$segs" "$note" >>"$work/manifest"
done
t2p tcp-multi.pcap -D -T 49152,5060 -4 "$UAC_IP,$UAS_IP"
mv "$work/manifest" "$here/tcp-multi.tsv"

echo "wrote: all-codes vendor-phrases odd-codes tcp-multi (.pcap + .tsv) in $here"

# ---------------------------------------------------------------------------
# Cross-check with real tshark: every frame must dissect as the manifest says.

[[ $verify -eq 1 ]] || exit 0
if ! command -v tshark >/dev/null; then
    echo "tshark not found: skipping verification" >&2
    exit 0
fi

fail=0
# check NAME: compare frame/codes/cseq-methods from tshark with the manifest.
check() {
    local name=$1 col_codes col_meth
    col_codes=$(head -1 "$here/$name.tsv" | tr '\t' '\n' | grep -nx codes | cut -d: -f1)
    col_meth=$(head -1 "$here/$name.tsv" | tr '\t' '\n' | grep -nx cseq_methods | cut -d: -f1)
    # Expected: frame, codes, CSeq methods of the responses.
    tail -n +2 "$here/$name.tsv" | awk -F'\t' -v c="$col_codes" -v m="$col_meth" '{print $1 "\t" $c "\t" $m}' >"$work/want"
    # Observed: one line per frame, only SIP responses counted; CSeq methods
    # of requests dropped by pairing each sip.CSeq.method with whether its
    # message has a Status-Code is not possible with -T fields, so the request
    # methods are removed using the manifest's own request count instead.
    tshark -n -r "$here/$name.pcap" -T fields -E occurrence=a -E aggregator=, \
        -e frame.number -e sip.Status-Code -e sip.CSeq.method -e sip.Method >"$work/got.raw" 2>"$work/tshark.err" || {
        cat "$work/tshark.err" >&2; fail=1; return; }
    awk -F'\t' 'BEGIN{OFS="\t"} {
        # drop the CSeq methods that belong to requests (sip.Method entries)
        n = split($3, cm, ","); k = split($4, rm, ",");
        out = "";
        for (i = 1; i <= n; i++) {
            skip = 0
            for (j = 1; j <= k; j++) if (rm[j] != "" && rm[j] == cm[i] && !used[j]) { used[j] = 1; skip = 1; break }
            if (!skip) out = out (out == "" ? "" : ",") cm[i]
        }
        delete used
        print $1, $2, ($2 == "" ? "" : out)
    }' "$work/got.raw" >"$work/got"
    if diff -u "$work/want" "$work/got" >"$work/diff"; then
        echo "verify $name: OK ($(wc -l <"$work/want") frames)"
    else
        echo "verify $name: MISMATCH (want = manifest, got = tshark)" >&2
        cat "$work/diff" >&2
        fail=1
    fi
}

for f in all-codes vendor-phrases tcp-multi; do check "$f"; done

# all-codes / vendor-phrases: reason phrases must match too.
for f in all-codes vendor-phrases; do
    tail -n +2 "$here/$f.tsv" | cut -f5 >"$work/want"
    tshark -n -r "$here/$f.pcap" -T fields -e sip.Status-Line >"$work/got" 2>/dev/null
    if diff -q "$work/want" "$work/got" >/dev/null; then
        echo "verify $f status lines: OK"
    else
        echo "verify $f status lines: MISMATCH" >&2; diff -u "$work/want" "$work/got" >&2 || true; fail=1
    fi
done

# tcp-multi: the 503 must come out of a 2-segment reassembly in frame 10,
# built from frames 9 and 10.
got=$(tshark -n -r "$here/tcp-multi.pcap" -Y 'sip.Status-Code == 503' -T fields \
    -e frame.number -e tcp.reassembled_in -e tcp.segment -E occurrence=a -E aggregator=, 2>/dev/null)
if [[ $got == $'10\t\t9,10' ]]; then
    echo "verify tcp-multi reassembly: OK (503 shown in frame 10, segments 9,10)"
else
    echo "verify tcp-multi reassembly: MISMATCH: '$got'" >&2; fail=1
fi
rin=$(tshark -n -2 -r "$here/tcp-multi.pcap" -Y 'frame.number == 9' -T fields -e tcp.reassembled_in 2>/dev/null)
[[ $rin == 10 ]] || { echo "verify tcp-multi: frame 9 not marked 'reassembled in 10' ($rin)" >&2; fail=1; }
# Content-Length must be right for every message (no expert "malformed").
bad=$(tshark -n -r "$here/tcp-multi.pcap" -Y '_ws.malformed || _ws.expert.severity >= warning' 2>/dev/null | wc -l)
[[ $bad -eq 0 ]] || { echo "verify tcp-multi: $bad frames with malformed/warning expert info" >&2; fail=1; }

# tcp-multi: every SDP body (INVITEs 1, 4, 8 and the 200 OK in 5) is found
# and parsed, i.e. each Content-Length is exact.
got=$(tshark -n -r "$here/tcp-multi.pcap" -Y sdp -T fields -e frame.number 2>/dev/null | tr '\n' ' ')
[[ $got == "1 4 5 8 " ]] || { echo "verify tcp-multi: SDP found in frames '$got', want '1 4 5 8 '" >&2; fail=1; }

# odd-codes: compare each frame with the expected dissector behaviour.
tail -n +2 "$here/odd-codes.tsv" | awk -F'\t' '{print $1 "\t" $NF}' >"$work/want"
tshark -n -r "$here/odd-codes.pcap" -T fields -e frame.number -e sip.Status-Code -e frame.protocols \
    2>/dev/null | awk -F'\t' '{ if ($2 != "") print $1 "\tresponse " $2;
        else if ($3 ~ /:data$/) print $1 "\tnot SIP: shown as Data"; else print $1 "\tother: " $3 }' >"$work/got"
if diff -u "$work/want" "$work/got" >"$work/diff"; then
    echo "verify odd-codes: OK"
else
    echo "verify odd-codes: MISMATCH (want = manifest, got = tshark)" >&2; cat "$work/diff" >&2; fail=1
fi

[[ $fail -eq 0 ]] || { echo "verification FAILED" >&2; exit 1; }
echo "verification passed"

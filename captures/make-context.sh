#!/usr/bin/env bash
# make-context.sh
# Builds sipdiag's "context" test captures with text2pcap: SIP responses
# together with the requests they answer (same Call-ID, CSeq and Via branch),
# so that sipdiag can be tested on what a response says about its request,
# its dialog and its transaction, not only on the status line.
#
# Everything is fixed (addresses, ports, timestamps, Call-IDs, tags, branches,
# nonces, digest responses), so running this twice gives byte-identical pcaps
# and manifests.
#
# Usage: captures/make-context.sh [--no-verify]
#   --no-verify   only write the files; skip the tshark cross-check
#
# Outputs (next to this script), all UDP port 5060 <-> 5060:
#   hints.pcap          + hints.tsv           one request/response pair per hint header
#   reason-warning.pcap + reason-warning.tsv  Reason and Warning headers, good and hostile
#   auth.pcap           + auth.tsv            rejected credentials, stale nonce, normal challenge
#   dialog.pcap         + dialog.tsv          CANCEL, BYE race, lost dialog, glare, timeouts, retransmissions
#   sdp-offer.pcap      + sdp-offer.tsv       responses that refuse an SDP offer
#   expiry.pcap         + expiry.tsv          a long-ringing INVITE, a response after its transaction ended
#
# Addresses (RFC 5737): 192.0.2.10 caller (UAC), 192.0.2.20 callee (UAS,
# registrar, redirect server, message relay), 192.0.2.30 proxy (the
# proxy-authentication flows). Each frame is written by its own text2pcap run
# (text2pcap takes one address pair per run) and the frames are joined in
# order with mergecap -a.
#
# SPDX-License-Identifier: GPL-2.0-or-later

# Several variables are read back by name (${!var}), which shellcheck cannot follow.
# shellcheck disable=SC2034

set -euo pipefail
export LC_ALL=C TZ=UTC

here=$(cd "$(dirname "$0")" && pwd)
verify=1
[[ "${1:-}" == "--no-verify" ]] && verify=0

for t in text2pcap mergecap md5sum od date; do
    command -v "$t" >/dev/null || { echo "$t not found (apt-get install tshark coreutils)" >&2; exit 1; }
done

work=$(mktemp -d)
trap '[[ -n ${KEEP_WORK:-} ]] || rm -rf "$work"' EXIT

CRLF=$'\r\n'
TFMT='%Y-%m-%d %H:%M:%S.%f'
# 2024-01-01 12:00:00 UTC; every capture starts here.
BASE_EPOCH=1704110400

CALLER_IP=192.0.2.10
CALLEE_IP=192.0.2.20
PROXY_IP=192.0.2.30

# Roles: A = caller, B = callee (or registrar / relay / redirect server),
# P = proxy.
declare -A ROLE_IP=([A]=$CALLER_IP [B]=$CALLEE_IP [P]=$PROXY_IP)
declare -A ROLE_NAME=([A]=caller [B]=callee [P]=proxy)
declare -A ROLE_CONTACT=(
    [A]="<sip:alice@$CALLER_IP:5060>"
    [B]="<sip:bob@$CALLEE_IP:5060>"
    [P]="<sip:bob@$CALLEE_IP:5060>"      # a proxy forwards the callee's Contact
)
UA="User-Agent: sipdiag-testgen/1.0"
SERVER="Server: sipdiag-testgen/1.0"

# ---------------------------------------------------------------------------
# helpers

# keep VAR COMMAND...: VAR=$(COMMAND...) without stripping trailing newlines.
keep() {
    local __v=$1 __out; shift
    __out=$("$@"; printf .)
    printf -v "$__v" '%s' "${__out%.}"
}

# tsv_field STRING: make a string safe for one TSV cell.
tsv_field() {
    local s=$1
    s=${s//$'\t'/\\t}
    s=${s//$'\r'/\\r}
    s=${s//$'\n'/\\n}
    printf '%s' "$s"
}

md5() { printf '%s' "$1" | md5sum | cut -c1-32; }

# ts MS -> "YYYY-mm-dd HH:MM:SS.ffffff" at BASE_EPOCH + MS milliseconds
ts() {
    local ms=$1
    printf '%s.%06d' "$(date -u -d "@$((BASE_EPOCH + ms / 1000))" '+%Y-%m-%d %H:%M:%S')" $(((ms % 1000) * 1000))
}

die() { echo "make-context: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------
# capture state: one set of per-frame arrays, reset by cap_begin.

declare -a F_TIME F_SRC F_DST F_DIR F_TYPE F_START F_CODE F_CSEQM F_CID F_CSEQ \
    F_BRANCH F_REQ F_TESTED F_PURPOSE F_WSRR F_WSRESEND F_WSEXPERT F_SDP F_MSG F_METHOD
declare -A L_FRAME L_VIA L_FROM L_TO L_CID L_CSEQ L_SRC L_DST L_RURI L_BRANCH
NF=0
NEXT_T=0
CAP=""
# call context (set by call())
CID="" ATAG="" BTAG="" A_URI="" B_URI=""

cap_begin() {
    CAP=$1
    NF=0
    NEXT_T=0
    F_TIME=() F_SRC=() F_DST=() F_DIR=() F_TYPE=() F_START=() F_CODE=() F_CSEQM=() F_CID=()
    F_CSEQ=() F_BRANCH=() F_REQ=() F_TESTED=() F_PURPOSE=() F_WSRR=() F_WSRESEND=() F_WSEXPERT=() F_SDP=()
    F_MSG=() F_METHOD=()
    L_FRAME=() L_VIA=() L_FROM=() L_TO=() L_CID=() L_CSEQ=() L_SRC=() L_DST=() L_RURI=() L_BRANCH=()
}

# at MS: the next frame is sent MS milliseconds after the capture's start.
at() { NEXT_T=$1; }
# pause MS: leave MS milliseconds more before the next frame.
pause() { NEXT_T=$((NEXT_T + $1)); }

# call CALL-ID A-TAG B-TAG [A-NAME-ADDR [B-NAME-ADDR]]: the dialog (or
# transaction) the next messages belong to.
call() {
    CID=$1 ATAG=$2 BTAG=$3
    A_URI=${4:-'"Alice" <sip:alice@example.com>'}
    B_URI=${5:-'<sip:bob@example.com>'}
}

# add_frame: append one frame; the message and manifest fields come from
# the caller's local variables (dynamic scoping): src dst msg type start code
# cseqm cid cseq branch reqframe tested purpose wsrr wsresend wsexpert sdp method
add_frame() {
    NF=$((NF + 1))
    F_TIME[NF]=$NEXT_T
    NEXT_T=$((NEXT_T + 20))
    F_SRC[NF]=$src F_DST[NF]=$dst
    F_DIR[NF]="${ROLE_NAME[$src]}->${ROLE_NAME[$dst]}"
    F_TYPE[NF]=$type F_START[NF]=$start F_CODE[NF]=$code F_CSEQM[NF]=$cseqm
    F_CID[NF]=$cid F_CSEQ[NF]=$cseq F_BRANCH[NF]=$branch F_REQ[NF]=$reqframe
    F_TESTED[NF]=$tested F_PURPOSE[NF]=$purpose F_WSRR[NF]=$wsrr F_WSRESEND[NF]=$wsresend F_WSEXPERT[NF]=$wsexpert
    F_SDP[NF]=$sdp F_MSG[NF]=$msg F_METHOD[NF]=$method
}

# finish_msg: append the headers common to the end of every message and the
# body; uses locals hdrs (array), ct, body, m.
finish_msg() {
    local h
    for h in ${hdrs[@]+"${hdrs[@]}"}; do m+="$h$CRLF"; done
    if [[ -n $ct ]]; then m+="Content-Type: $ct$CRLF"; fi
    m+="Content-Length: ${#body}$CRLF$CRLF$body"
}

# parse_tokens TOKENS...: sets locals of the caller:
#   "!Name: value"  header that the frame tests (also listed in the manifest)
#   "Name: value"   any other header
#   ct=TYPE         Content-Type of the body;  body=VAR  body taken from $VAR
#   sdp             the body is (or contains) SDP (checked against tshark)
#   dlg             in-dialog request: To carries the peer's tag
#   totag=T         To tag to add (a proxy's own tag on its 407; ACK to it)
#   notag           response without a To tag (100 Trying)
#   nocontact       no automatic Contact
#   ws_rr=N, ws_rr=@LABEL, ws_rr=
#                   what Wireshark 4.0.17 shows as sip.response-request ("Request
#                   Frame") when it differs from the default (responses: the true
#                   request frame; ACK: the INVITE it acknowledges; other
#                   requests: nothing). An observation, checked below.
#   ws_resend=1     Wireshark marks the frame as a retransmission (sip.resend)
#   ws_expert=TEXT  the expert info message Wireshark attaches to the frame
parse_tokens() {
    local tok v
    for tok in "$@"; do
        case $tok in
            '!'*) hdrs+=("${tok#!}"); tested+=${tested:+ | }${tok#!} ;;
            ct=*) ct=${tok#ct=} ;;
            body=*) v=${tok#body=}; body=${!v} ;;
            sdp) sdp=1 ;;
            dlg) dlg=1 ;;
            totag=*) totag=${tok#totag=} ;;
            notag) notag=1 ;;
            nocontact) nocontact=1 ;;
            ws_rr=@*) v=${tok#ws_rr=@}; wsrr=${L_FRAME[$v]:?"unknown label $v"}; wsrr_set=1 ;;
            ws_rr=*) wsrr=${tok#ws_rr=}; wsrr_set=1 ;;
            ws_expert=*) wsexpert=${tok#ws_expert=} ;;
            ws_resend=*) wsresend=${tok#ws_resend=} ;;
            *:*) hdrs+=("$tok") ;;
            *) die "unknown token '$tok'" ;;
        esac
    done
    if [[ $ct == application/sdp ]]; then sdp=1; fi
}

# req LABEL FLOW "METHOD REQUEST-URI" CSEQ-NUMBER BRANCH PURPOSE [TOKENS...]
#   FLOW is SENDER>RECEIVER with roles A, B, P (e.g. A>B, B>A, A>P).
req() {
    local label=$1 flow=$2 rline=$3 cseqn=$4 branch=$5 purpose=$6
    shift 6
    local src=${flow%>*} dst=${flow#*>}
    local method=${rline%% *} ruri=${rline#* }
    local hdrs=() ct="" body="" sdp=0 dlg=0 totag="" notag=0 nocontact=0 wsrr="" wsrr_set=0 wsresend=0 wsexpert="" tested=""
    parse_tokens "$@"
    local from to peertag
    if [[ $src == A ]]; then from="$A_URI;tag=$ATAG" to=$B_URI peertag=$BTAG
    else from="$B_URI;tag=$BTAG" to=$A_URI peertag=$ATAG; fi
    if [[ $dlg -eq 1 ]]; then to+=";tag=$peertag"; fi
    if [[ -n $totag ]]; then to+=";tag=$totag"; fi
    local via="Via: SIP/2.0/UDP ${ROLE_IP[$src]}:5060;branch=$branch"
    local start="$method $ruri SIP/2.0"
    local m="$start$CRLF$via${CRLF}Max-Forwards: 70$CRLF"
    m+="From: $from${CRLF}To: $to${CRLF}Call-ID: $CID${CRLF}CSeq: $cseqn $method$CRLF"
    case $method in
        INVITE|SUBSCRIBE|REGISTER) [[ $nocontact -eq 1 ]] || m+="Contact: ${ROLE_CONTACT[$src]}$CRLF" ;;
    esac
    hdrs+=("$UA")
    finish_msg
    L_FRAME[$label]=$((NF + 1)) L_VIA[$label]=$via L_FROM[$label]=$from L_TO[$label]=$to
    L_CID[$label]=$CID L_CSEQ[$label]="$cseqn $method" L_SRC[$label]=$src L_DST[$label]=$dst
    L_RURI[$label]=$ruri L_BRANCH[$label]=$branch
    local msg=$m type=request code="" cseqm=$method cid=$CID cseq="$cseqn $method" reqframe=""
    if [[ $method == ACK && $wsrr_set -eq 0 ]]; then die "$CAP: ACK $label needs ws_rr="; fi
    add_frame
}

# ack_non2xx LABEL INVITE-LABEL RESPONSE-LABEL PURPOSE [TOKENS...]
# The ACK of a non-2xx final response (RFC 3261 17.1.1.3): same Request-URI,
# Via (branch), From, Call-ID and CSeq number as the INVITE, To from the
# response, sent where the INVITE went.
ack_non2xx() {
    local label=$1 inv=$2 rsp=$3 purpose=$4
    shift 4
    local hdrs=() ct="" body="" sdp=0 dlg=0 totag="" notag=0 nocontact=0 wsrr="" wsrr_set=0 wsresend=0 wsexpert="" tested=""
    parse_tokens "$@"
    local src=${L_SRC[$inv]} dst=${L_DST[$inv]} n=${L_CSEQ[$inv]%% *}
    local start="ACK ${L_RURI[$inv]} SIP/2.0"
    local m="$start$CRLF${L_VIA[$inv]}${CRLF}Max-Forwards: 70$CRLF"
    m+="From: ${L_FROM[$inv]}${CRLF}To: ${L_TO[$rsp]}${CRLF}Call-ID: ${L_CID[$inv]}${CRLF}CSeq: $n ACK$CRLF"
    hdrs+=("$UA")
    finish_msg
    L_FRAME[$label]=$((NF + 1))
    local msg=$m type=request method=ACK code="" cseqm=ACK cid=${L_CID[$inv]} cseq="$n ACK"
    local branch=${L_BRANCH[$inv]} reqframe=""
    [[ $wsrr_set -eq 1 ]] || wsrr=${L_FRAME[$inv]}
    add_frame
}

# resp LABEL REQUEST-LABEL "CODE PHRASE" PURPOSE [TOKENS...]
# A response from the request's receiver back to its sender; Via, From, To,
# Call-ID and CSeq copied from the request, To tag added unless the request's
# To already has one (or notag).
resp() {
    local label=$1 rq=$2 status=$3 purpose=$4
    shift 4
    local hdrs=() ct="" body="" sdp=0 dlg=0 totag="" notag=0 nocontact=0 wsrr="" wsrr_set=0 wsresend=0 wsexpert="" tested=""
    parse_tokens "$@"
    local src=${L_DST[$rq]} dst=${L_SRC[$rq]}
    local code=${status%% *} cseq=${L_CSEQ[$rq]}
    local cseqm=${cseq#* }
    local to=${L_TO[$rq]}
    if [[ $to != *';tag='* && $notag -eq 0 ]]; then
        if [[ -n $totag ]]; then to+=";tag=$totag"
        elif [[ $src == A ]]; then to+=";tag=$ATAG"
        else to+=";tag=$BTAG"; fi
    fi
    local start="SIP/2.0 $status"
    local m="$start$CRLF${L_VIA[$rq]}$CRLF"
    m+="From: ${L_FROM[$rq]}${CRLF}To: $to${CRLF}Call-ID: ${L_CID[$rq]}${CRLF}CSeq: $cseq$CRLF"
    if [[ $cseqm == INVITE && $nocontact -eq 0 && ( $code == 18? || $code == 2?? ) ]]; then
        m+="Contact: ${ROLE_CONTACT[$src]}$CRLF"
    fi
    hdrs+=("$SERVER")
    finish_msg
    L_FRAME[$label]=$((NF + 1)) L_TO[$label]=$to
    local msg=$m type=response method="" cid=${L_CID[$rq]} branch=${L_BRANCH[$rq]} reqframe=${L_FRAME[$rq]}
    [[ $wsrr_set -eq 1 ]] || wsrr=$reqframe
    add_frame
}

# resend LABEL ORIGINAL-LABEL PURPOSE [ws_rr=.. ws_resend=..]: the same bytes as
# the frame ORIGINAL-LABEL, sent again later (a UDP retransmission).
resend() {
    local label=$1 orig=$2 purpose=$3
    shift 3
    local hdrs=() ct="" body="" sdp=0 dlg=0 totag="" notag=0 nocontact=0 wsrr="" wsrr_set=0 wsresend=0 wsexpert="" tested=""
    parse_tokens "$@"
    local o=${L_FRAME[$orig]}
    local src=${F_SRC[o]} dst=${F_DST[o]} msg=${F_MSG[o]} type=${F_TYPE[o]} start=${F_START[o]}
    local code=${F_CODE[o]} cseqm=${F_CSEQM[o]} cid=${F_CID[o]} cseq=${F_CSEQ[o]} branch=${F_BRANCH[o]}
    local reqframe=${F_REQ[o]} method=${F_METHOD[o]}
    tested=${F_TESTED[o]} sdp=${F_SDP[o]}
    [[ -n $wsexpert ]] || wsexpert=${F_WSEXPERT[o]}
    [[ $wsrr_set -eq 1 ]] || wsrr=${F_WSRR[o]}
    L_FRAME[$label]=$((NF + 1))
    add_frame
}

# check_content_length MSG: the Content-Length header must equal the body's
# length in bytes (independent of how the message was built).
check_content_length() {
    local msg=$1 n=$2
    local head=${msg%%"$CRLF$CRLF"*}
    local body=${msg#*"$CRLF$CRLF"}
    local cl
    cl=$(printf '%s' "$head" | tr -d '\r' | sed -n 's/^Content-Length: *\([0-9]*\)$/\1/p')
    [[ -n $cl && $cl -eq ${#body} ]] || die "$CAP frame $n: Content-Length '$cl' but body has ${#body} bytes"
}

# cap_end: write NAME.pcap (one text2pcap run per frame, joined with
# mergecap -a) and NAME.tsv.
cap_end() {
    local n files=()
    local man="$work/$CAP.tsv"
    printf 'frame\ttime\ttransport\tsrc\tdst\tdirection\ttype\tstart_line\tcodes\tcseq_methods\tcall_id\tcseq\tvia_branch\trequest_frame\ttested_headers\tpurpose\tws_4.0.17_response_request\tws_4.0.17_resend\tws_4.0.17_expert\n' >"$man"
    for ((n = 1; n <= NF; n++)); do
        check_content_length "${F_MSG[n]}" "$n"
        # every response follows its request: same Call-ID, CSeq and Via branch
        if [[ ${F_TYPE[n]} == response ]]; then
            local r=${F_REQ[n]}
            [[ $r -lt $n && ${F_TYPE[r]} == request && ${F_CID[r]} == "${F_CID[n]}" && ${F_CSEQ[r]} == "${F_CSEQ[n]}" \
                && ${F_BRANCH[r]} == "${F_BRANCH[n]}" ]] || die "$CAP frame $n: request frame '$r' does not match"
        fi
        { printf '%s\n' "$(ts "${F_TIME[n]}")"; printf '%s' "${F_MSG[n]}" | od -Ax -tx1 -v; } >"$work/in.txt"
        local f
        f=$(printf '%s/%s-%03d.pcap' "$work" "$CAP" "$n")
        text2pcap -q -F pcap -t "$TFMT" -u 5060,5060 -4 "${ROLE_IP[${F_SRC[n]}]},${ROLE_IP[${F_DST[n]}]}" \
            "$work/in.txt" "$f" >"$work/t2p.log" 2>&1 || { cat "$work/t2p.log" >&2; die "text2pcap failed ($CAP frame $n)"; }
        files+=("$f")
        local t=${F_TIME[n]}
        printf '%d\t%d.%03d\tUDP\t%s:5060\t%s:5060\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
            "$n" $((t / 1000)) $((t % 1000)) "${ROLE_IP[${F_SRC[n]}]}" "${ROLE_IP[${F_DST[n]}]}" "${F_DIR[n]}" \
            "${F_TYPE[n]}" "$(tsv_field "${F_START[n]}")" "${F_CODE[n]}" "${F_CSEQM[n]}" "${F_CID[n]}" "${F_CSEQ[n]}" \
            "${F_BRANCH[n]}" "${F_REQ[n]}" "$(tsv_field "${F_TESTED[n]}")" "$(tsv_field "${F_PURPOSE[n]}")" \
            "${F_WSRR[n]}" "${F_WSRESEND[n]}" "${F_WSEXPERT[n]}" >>"$man"
        # expected tshark view, for the verification step:
        # frame, sip.Method, sip.Status-Code, sip.CSeq.method, sip.response-request,
        # sip.resend, Call-ID, CSeq number, Via branch, expert info
        printf '%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "${F_METHOD[n]}" "${F_CODE[n]}" "${F_CSEQM[n]}" \
            "${F_WSRR[n]}" "${F_WSRESEND[n]}" "${F_CID[n]}" "${F_CSEQ[n]%% *}" "${F_BRANCH[n]}" "${F_WSEXPERT[n]}" >>"$work/$CAP.want"
        if [[ ${F_SDP[n]} -eq 1 ]]; then printf '%d\n' "$n" >>"$work/$CAP.sdp"; fi
    done
    : >>"$work/$CAP.sdp"
    mergecap -F pcap -a -w "$here/$CAP.pcap" "${files[@]}"
    mv "$man" "$here/$CAP.tsv"
    echo "wrote $CAP.pcap ($NF frames) + $CAP.tsv"
}

# ---------------------------------------------------------------------------
# SDP bodies

# sdp_audio USER SESSION-ID VERSION IP PORT: audio offer PCMU, PCMA, telephone-event
sdp_audio() {
    printf 'v=0\r\no=%s %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio %s RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n' \
        "$1" "$2" "$3" "$4" "$4" "$5"
}
# sdp_answer USER SESSION-ID VERSION IP PORT: audio answer PCMU + telephone-event
sdp_answer() {
    printf 'v=0\r\no=%s %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio %s RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n' \
        "$1" "$2" "$3" "$4" "$4" "$5"
}
# audio PCMU/PCMA/telephone-event + video H264 (dynamic 96)
sdp_audio_video() {
    printf 'v=0\r\no=alice %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\nm=video 49172 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 profile-level-id=42e01f;packetization-mode=1\r\na=sendrecv\r\n' \
        "$1" "$1" "$CALLER_IP" "$CALLER_IP"
}
# T.38 re-offer: the audio stream replaced by image/udptl/t38 (o= version bumped)
sdp_t38() {
    printf 'v=0\r\no=alice %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=image 5004 udptl t38\r\na=T38FaxVersion:0\r\na=T38MaxBitRate:14400\r\na=T38FaxRateManagement:transferredTCF\r\na=T38FaxMaxBuffer:262\r\na=T38FaxMaxDatagram:176\r\na=T38FaxUdpEC:t38UDPRedundancy\r\n' \
        "$1" "$2" "$CALLER_IP" "$CALLER_IP"
}
# audio G729 (static 18) + opus (dynamic 111, 48000/2)
sdp_g729_opus() {
    printf 'v=0\r\no=alice %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio 49180 RTP/AVP 18 111\r\na=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=1\r\na=ptime:20\r\na=sendrecv\r\n' \
        "$1" "$1" "$CALLER_IP" "$CALLER_IP"
}

# offer N: $OFFER = a fresh caller audio offer (session id 1000+N).
offer() { keep OFFER sdp_audio alice $((1000 + $1)) $((1000 + $1)) "$CALLER_IP" $((49170 + 2 * ($1 % 100))); }
answer() { keep ANSWER sdp_answer bob $((5000 + $1)) $((5000 + $1)) "$CALLEE_IP" $((40000 + 2 * ($1 % 100))); }

# ===========================================================================
# 1. hints.pcap: one request -> response pair per hint header (each its own
#    Call-ID); INVITE pairs end with the ACK of the non-2xx final response.

# hint NN METHOD "CODE PHRASE" PURPOSE [request tokens...] ++ [response tokens...]
#   special request tokens: ruri=URI, cseq=N (default 1), via_proxy (request
#   to / response from the proxy 192.0.2.30), dlg (in-dialog request)
hint() {
    local nn=$1 method=$2 status=$3 purpose=$4
    shift 4
    local rq=() rs=() side=rq t ruri="sip:bob@example.com" flow="A>B" rtag=() cseqn=1
    for t in "$@"; do
        if [[ $t == ++ ]]; then side=rs; continue; fi
        if [[ $side == rq ]]; then
            case $t in
                ruri=*) ruri=${t#ruri=} ;;
                cseq=*) cseqn=${t#cseq=} ;;
                via_proxy) flow="A>P"; rtag=("totag=px-h$nn") ;;
                *) rq+=("$t") ;;
            esac
        else rs+=("$t"); fi
    done
    local code=${status%% *}
    at $((10#$nn * 2000))
    if [[ $method == REGISTER ]]; then
        ruri="sip:sipdiag.test"
        call "ctx-h$nn-$code@$CALLER_IP" "a-h$nn" "b-h$nn" '<sip:alice@sipdiag.test>' '<sip:alice@sipdiag.test>'
    elif [[ $ruri == sip:carol@* ]]; then
        call "ctx-h$nn-$code@$CALLER_IP" "a-h$nn" "b-h$nn" '"Alice" <sip:alice@example.com>' "<$ruri>"
    else
        call "ctx-h$nn-$code@$CALLER_IP" "a-h$nn" "b-h$nn"
    fi
    if [[ $method == INVITE ]]; then offer $((10#$nn)); rq=(ct=application/sdp body=OFFER ${rq[@]+"${rq[@]}"}); fi
    req "h$nn.req" "$flow" "$method $ruri" "$cseqn" "z9hG4bK-h$nn-1" \
        "$method answered by the $code in frame $((NF + 2)) (pair $nn)" ${rq[@]+"${rq[@]}"}
    pause 10
    resp "h$nn.rsp" "h$nn.req" "$status" "$purpose" ${rtag[@]+"${rtag[@]}"} ${rs[@]+"${rs[@]}"}
    if [[ $method == INVITE ]]; then
        ack_non2xx "h$nn.ack" "h$nn.req" "h$nn.rsp" "ACK of the $code (same branch as the INVITE); not a response"
    fi
}

keep MSG_HELLO printf 'Hello Bob, are you there?'
keep MSG_CAROL printf 'Hi Carol, lunch at noon?'
# 413: a 900-byte instant message (the relay accepts at most 512 bytes)
MSG_BIG=""
for i in $(seq 1 18); do MSG_BIG+=$(printf 'line %02d: a long instant message, padded to fifty.' "$i")$'\n'; done
[[ ${#MSG_BIG} -eq 900 ]] || die "MSG_BIG is ${#MSG_BIG} bytes, want 900"
keep INFO_FOO printf 'foo=1\r\n'

# 425: INVITE whose body is multipart/mixed: the SDP offer plus a CAP alert
# (RFC 8876, referenced from Call-Info) that the receiver cannot process.
keep CAP_XML printf '<?xml version="1.0" encoding="UTF-8"?>\r\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\r\n  <identifier>sipdiag-alert-13</identifier>\r\n  <sender>alice@example.com</sender>\r\n  <sent>2024-01-01T12:00:26+00:00</sent>\r\n  <status>Actual</status>\r\n  <msgType>Alert</msgType>\r\n  <scope>Private</scope>\r\n</alert>\r\n'
keep SDP_H13 sdp_audio alice 1013 1013 "$CALLER_IP" 49196
MP_H13="--sipdiag-boundary-13${CRLF}Content-Type: application/sdp${CRLF}${CRLF}${SDP_H13}"
MP_H13+="--sipdiag-boundary-13${CRLF}Content-Type: application/common-alerting-protocol+xml${CRLF}"
MP_H13+="Content-ID: <alert-13@example.com>${CRLF}Content-Disposition: by-reference${CRLF}${CRLF}${CAP_XML}"
MP_H13+="--sipdiag-boundary-13--${CRLF}"

cap_begin hints

hint 01 MESSAGE "405 Method Not Allowed" "405: Allow lists the methods the server does accept (MESSAGE is not among them)" \
    ct=text/plain body=MSG_HELLO ++ \
    "!Allow: INVITE, ACK, CANCEL, BYE, OPTIONS"
hint 02 INVITE "415 Unsupported Media Type" "415: Accept, Accept-Encoding, Accept-Language say what the server takes (it lists application/sdp although the offer is application/sdp)" \
    ++ "!Accept: application/sdp" "!Accept-Encoding: identity" "!Accept-Language: en"
hint 03 INVITE "420 Bad Extension" "420: Unsupported names the one option tag of the request's Require that the server lacks (foo, not 100rel)" \
    "!Require: 100rel, foo" "Supported: timer" ++ \
    "!Unsupported: foo"
hint 04 INVITE "421 Extension Required" "421: Require names the extension the caller must support (100rel; the INVITE's Supported lacks it)" \
    "Supported: timer" ++ \
    "!Require: 100rel"
hint 05 REGISTER "423 Interval Too Brief" "423: Min-Expires (3600) is the shortest registration the registrar accepts; the REGISTER asked for 60" \
    "!Expires: 60" ++ \
    "!Min-Expires: 3600"
hint 06 INVITE "422 Session Interval Too Small" "422: Min-SE (90) is the smallest session interval accepted; the INVITE asked for Session-Expires 60" \
    "Supported: timer" "!Session-Expires: 60" ++ \
    "!Min-SE: 90"
hint 07 SUBSCRIBE "489 Bad Event" "489: Allow-Events lists the event packages the notifier supports (foo is not one)" \
    "!Event: foo" "Accept: application/foo+xml" "Expires: 3600" ++ \
    "!Allow-Events: presence, dialog"
hint 08 REGISTER "494 Security Agreement Required" "494: Security-Server lists the mechanisms the server offers (tls q=0.2, ipsec-3gpp q=0.1)" \
    "Security-Client: digest" "Require: sec-agree" "Proxy-Require: sec-agree" "Expires: 3600" ++ \
    "!Security-Server: tls;q=0.2, ipsec-3gpp;q=0.1"
hint 09 INVITE "417 Unknown Resource-Priority" "417: Accept-Resource-Priority lists the accepted namespace values (wps.0, wps.1; the request used foo.1)" \
    "!Resource-Priority: foo.1" "Require: resource-priority" ++ \
    "!Accept-Resource-Priority: wps.0, wps.1"
hint 10 INFO "469 Bad Info Package" "469: Recv-Info lists the Info Packages the receiver accepts (dtmf; the INFO used foo). In-dialog INFO (CSeq 2) whose dialog is not in the capture" \
    dlg ruri=sip:bob@$CALLEE_IP:5060 cseq=2 "!Info-Package: foo" "Content-Disposition: Info-Package" ct=application/x-foo body=INFO_FOO ++ \
    "!Recv-Info: dtmf"
hint 11 MESSAGE "470 Consent Needed" "470: Permission-Missing names the recipient that has not granted consent (RFC 5360)" \
    ruri=sip:carol@example.com ct=text/plain body=MSG_CAROL ++ \
    "!Permission-Missing: sip:carol@example.com"
hint 12 INVITE "424 Bad Location Information" "424: Geolocation-Error code 100 with its code text (RFC 6442 syntax)" \
    "!Geolocation: <https://lis.example.com/loc/alice-12>" "Geolocation-Routing: yes" ++ \
    '!Geolocation-Error: 100 ;code="Cannot Process Location"'
# 13: built by hand (multipart body)
at 26000
call "ctx-h13-425@$CALLER_IP" a-h13 b-h13
req h13.req "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-h13-1 "INVITE answered by the 425 in frame $((NF + 2)) (pair 13); body multipart/mixed: SDP offer + CAP alert (Call-Info purpose EmergencyCallData.cap)" \
    "!Call-Info: <cid:alert-13@example.com>;purpose=EmergencyCallData.cap" \
    ct="multipart/mixed;boundary=sipdiag-boundary-13" body=MP_H13 sdp
pause 10
resp h13.rsp h13.req "425 Bad Alert Message" "425: AlertMsg-Error code 100 with its text (RFC 8876: the parameter is code=, as for Geolocation-Error)" \
    '!AlertMsg-Error: 100 ;code="Cannot process the alert payload"' \
    "ws_expert=Unrecognised SIP header (alertmsg-error)"
ack_non2xx h13.ack h13.req h13.rsp "ACK of the 425 (same branch as the INVITE); not a response"
hint 14 INVITE "302 Moved Temporarily" "302: Contact gives the one new target to try (sip:bob@192.0.2.40)" \
    ++ "!Contact: <sip:bob@192.0.2.40>" "Expires: 3600"
hint 15 INVITE "485 Ambiguous" "485: two Contacts in one header, the candidate addresses the caller may choose from" \
    ++ "!Contact: <sip:bob.smith@example.com>, <sip:bob.jones@example.com>"
hint 16 INVITE "404 Not Found" "404 with Retry-After 3600 (a 4xx other than 413/480/486 carrying Retry-After)" \
    ++ "!Retry-After: 3600"
hint 17 INVITE "480 Temporarily Unavailable" "480: Retry-After with comment and duration parameter (retry in 1800 s; available for 3600 s)" \
    ++ "!Retry-After: 1800 (in a meeting);duration=3600" "ws_expert=Invalid retry_after value"
hint 18 INVITE "486 Busy Here" "486: Retry-After 60" \
    ++ "!Retry-After: 60"
hint 19 INVITE "500 Server Internal Error" "500: Retry-After 10 (temporary server condition)" \
    ++ "!Retry-After: 10"
hint 20 INVITE "503 Service Unavailable" "503: Retry-After 120 (overload; do not retry this server for 120 s)" \
    ++ "!Retry-After: 120"
hint 21 INVITE "503 Service Unavailable" "503 WITHOUT Retry-After (the caller may try another server at once)" \
    ++
hint 22 INVITE "600 Busy Everywhere" "600: Retry-After 300" \
    ++ "!Retry-After: 300"
hint 23 INVITE "603 Decline" "603: Retry-After 7200 (callee declines; better time in two hours)" \
    ++ "!Retry-After: 7200"
hint 24 MESSAGE "413 Request Entity Too Large" "413 to a MESSAGE with a 900-byte body: Retry-After 30 means the condition is temporary" \
    ct=text/plain body=MSG_BIG ++ \
    "!Retry-After: 30"
hint 25 REGISTER "401 Unauthorized" "401: WWW-Authenticate challenge (realm sipdiag.test, MD5, qop auth) to a REGISTER without credentials" \
    "Expires: 3600" ++ \
    '!WWW-Authenticate: Digest realm="sipdiag.test", nonce="n1", algorithm=MD5, qop="auth"'
hint 26 INVITE "407 Proxy Authentication Required" "407 from the proxy 192.0.2.30: Proxy-Authenticate challenge (realm proxy.test, SHA-256)" \
    via_proxy ++ \
    '!Proxy-Authenticate: Digest realm="proxy.test", nonce="n2", algorithm=SHA-256'
cap_end

# ===========================================================================
# 2. reason-warning.pcap: INVITE -> final response with Reason / Warning -> ACK.

# rw NN "CODE PHRASE" PURPOSE [response tokens...]
rw() {
    local nn=$1 status=$2 purpose=$3
    shift 3
    local code=${status%% *}
    at $((10#$nn * 2000))
    call "ctx-r$nn-$code@$CALLER_IP" "a-r$nn" "b-r$nn"
    offer $((100 + 10#$nn))
    req "r$nn.req" "A>B" "INVITE sip:bob@example.com" 1 "z9hG4bK-r$nn-1" \
        "INVITE (SDP offer PCMU, PCMA, telephone-event) answered by the $code in frame $((NF + 2))" ct=application/sdp body=OFFER
    pause 10
    resp "r$nn.rsp" "r$nn.req" "$status" "$purpose" "$@"
    ack_non2xx "r$nn.ack" "r$nn.req" "r$nn.rsp" "ACK of the $code (same branch as the INVITE); not a response"
}

cap_begin reason-warning
rw 01 "486 Busy Here" "486 with Reason Q.850 cause 17 (user busy): agrees with RFC 3398 (17 -> 486)" \
    '!Reason: Q.850;cause=17;text="User busy"'
rw 02 "404 Not Found" "404 with Reason Q.850 cause 34 (no circuit/channel available): disagrees, RFC 3398 maps 34 to 503" \
    '!Reason: Q.850;cause=34;text="No circuit/channel available"'
rw 03 "480 Temporarily Unavailable" "480 with Reason Q.850 cause 18 (no user responding), no text parameter" \
    '!Reason: Q.850;cause=18'
rw 04 "503 Service Unavailable" "503 with a SIP-protocol Reason (cause 503, same as the status code)" \
    '!Reason: SIP;cause=503;text="Service Unavailable"'
rw 05 "603 Decline" "603 with two Reason values in one header: SIP cause 600 and Q.850 cause 17" \
    '!Reason: SIP;cause=600;text="Busy Everywhere", Q.850;cause=17'
rw 06 "488 Not Acceptable Here" "488 with two Warning headers: 305 incompatible media format and 370 insufficient bandwidth" \
    '!Warning: 305 192.0.2.20 "Incompatible media format"' '!Warning: 370 192.0.2.20 "Insufficient bandwidth"'
rw 07 "606 Not Acceptable" "606 with Warning 304 (media type not available) from a host name agent" \
    '!Warning: 304 gw.example.com "Media type not available"'
rw 08 "403 Forbidden" "403 with two Warning values in one header; the first text contains commas inside the quotes (hostile split)" \
    '!Warning: 399 sbc.example.com "Caller not in allow list, see rules a, b", 301 sbc.example.com "Incompatible network address format"'
rw 09 "500 Server Internal Error" "500 with out-of-range values: Warning code 999 (not 3xx) and Q.850 cause 200 (Q.850 causes are 1-127)" \
    '!Warning: 999 x "out of range code"' '!Reason: Q.850;cause=200'
cap_end

# ===========================================================================
# 3. auth.pcap

# Digest responses (RFC 2617 / 3261 22.4), computed here so they are real.
PW_WRONG=not-the-password       # what the UA in (a) has configured: wrong
PW=s3cret
HA1_A=$(md5 "alice:sipdiag.test:$PW_WRONG")
RESP_A=$(md5 "$HA1_A:a1:$(md5 "REGISTER:sip:sipdiag.test")")
HA1_P=$(md5 "alice:proxy.test:$PW")
HA2_INV=$(md5 "INVITE:sip:bob@example.com")
RESP_B=$(md5 "$HA1_P:b0:$HA2_INV")
RESP_C=$(md5 "$HA1_P:c1:00000001:0a4f113b:auth:$HA2_INV")

cap_begin auth

# (a) REGISTER, 401, REGISTER with credentials (wrong password), 401 with a new nonce.
at 0
call "ctx-auth-a@$CALLER_IP" a-auth-a b-auth-a '<sip:alice@sipdiag.test>' '<sip:alice@sipdiag.test>'
req a.reg1 "A>B" "REGISTER sip:sipdiag.test" 1 z9hG4bK-auth-a1 "REGISTER without credentials (a)" "Expires: 3600"
pause 10
resp a.401a a.reg1 "401 Unauthorized" "401: normal first challenge (nonce a1); the REGISTER had no credentials" \
    '!WWW-Authenticate: Digest realm="sipdiag.test", nonce="a1", algorithm=MD5'
pause 30
req a.reg2 "A>B" "REGISTER sip:sipdiag.test" 2 z9hG4bK-auth-a2 "REGISTER retried with credentials for nonce a1 (CSeq 2, same Call-ID); the password is wrong" \
    "!Authorization: Digest username=\"alice\", realm=\"sipdiag.test\", nonce=\"a1\", uri=\"sip:sipdiag.test\", response=\"$RESP_A\", algorithm=MD5" \
    "Expires: 3600"
pause 10
resp a.401b a.reg2 "401 Unauthorized" "401 again with a NEW nonce (a2) and no stale=true, to a request that carried credentials: the credentials were rejected (wrong password or user)" \
    '!WWW-Authenticate: Digest realm="sipdiag.test", nonce="a2", algorithm=MD5'

# (b) INVITE with credentials for an old nonce -> 407 stale=true.
at 10000
call "ctx-auth-b@$CALLER_IP" a-auth-b b-auth-b
offer 201
req b.inv "A>P" "INVITE sip:bob@example.com" 1 z9hG4bK-auth-b1 "INVITE with Proxy-Authorization for nonce b0, obtained from an earlier challenge not in this capture (b)" \
    "!Proxy-Authorization: Digest username=\"alice\", realm=\"proxy.test\", nonce=\"b0\", uri=\"sip:bob@example.com\", response=\"$RESP_B\", algorithm=MD5" \
    ct=application/sdp body=OFFER
pause 10
resp b.407 b.inv "407 Proxy Authentication Required" "407 with stale=true: the credentials were right but the nonce had expired; the UA should retry with the new nonce b1 without asking the user" \
    totag=px-auth-b \
    '!Proxy-Authenticate: Digest realm="proxy.test", nonce="b1", algorithm=MD5, stale=true'
ack_non2xx b.ack b.inv b.407 "ACK of the 407 (same branch as the INVITE); not a response"

# (c) INVITE -> 407 -> ACK -> INVITE with credentials -> 200 -> ACK.
at 20000
call "ctx-auth-c@$CALLER_IP" a-auth-c b-auth-c
offer 202
req c.inv1 "A>P" "INVITE sip:bob@example.com" 1 z9hG4bK-auth-c1 "INVITE without credentials (c)" ct=application/sdp body=OFFER
pause 10
resp c.407 c.inv1 "407 Proxy Authentication Required" "407: normal challenge (nonce c1, qop auth) to an INVITE without credentials" \
    totag=px-auth-c \
    '!Proxy-Authenticate: Digest realm="proxy.test", nonce="c1", algorithm=MD5, qop="auth"'
ack_non2xx c.ack1 c.inv1 c.407 "ACK of the 407 (same branch as the first INVITE); not a response"
pause 30
PA_C="Proxy-Authorization: Digest username=\"alice\", realm=\"proxy.test\", nonce=\"c1\", uri=\"sip:bob@example.com\", response=\"$RESP_C\", algorithm=MD5, cnonce=\"0a4f113b\", qop=auth, nc=00000001"
req c.inv2 "A>P" "INVITE sip:bob@example.com" 2 z9hG4bK-auth-c2 "INVITE retried with credentials for nonce c1 (CSeq 2, same Call-ID and From tag)" \
    "!$PA_C" ct=application/sdp body=OFFER
pause 400
answer 202
resp c.200 c.inv2 "200 OK" "200 OK forwarded by the proxy (Record-Route): the authenticated INVITE succeeded" \
    "Record-Route: <sip:$PROXY_IP;lr>" ct=application/sdp body=ANSWER
req c.ack2 "A>P" "ACK sip:bob@$CALLEE_IP:5060" 2 z9hG4bK-auth-c3 "ACK of the 200 (new branch, Route to the proxy, same credentials as the INVITE); not a response" \
    dlg "Route: <sip:$PROXY_IP;lr>" "$PA_C" ws_rr=@c.inv2
cap_end

# ===========================================================================
# 4. dialog.pcap: transaction and dialog situations, one Call-ID each.

cap_begin dialog

# (a) INVITE 100 180 CANCEL 200(CANCEL) 487 ACK
at 0
call "ctx-dlg-a@$CALLER_IP" a-dlg-a b-dlg-a
offer 301
req a.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-dlg-a1 "(a) INVITE, later cancelled" ct=application/sdp body=OFFER
pause 10
resp a.100 a.inv "100 Trying" "100 Trying (no To tag)" notag
pause 200
resp a.180 a.inv "180 Ringing" "180 Ringing"
pause 3000
req a.cancel "A>B" "CANCEL sip:bob@example.com" 1 z9hG4bK-dlg-a1 "CANCEL of the INVITE (same branch, CSeq 1 CANCEL, no To tag)"
pause 10
resp a.200c a.cancel "200 OK" "200 OK to the CANCEL: NOT a call success (CSeq method CANCEL)" totag=b-dlg-a \
    ws_rr=
resp a.487 a.inv "487 Request Terminated" "487 to the INVITE after the caller's CANCEL (frame 4): normal cancellation" \
    ws_rr=@a.cancel
ack_non2xx a.ack a.inv a.487 "ACK of the 487 (same branch as the INVITE); not a response" ws_rr=@a.cancel

# (b) INVITE 100 487 ACK, no CANCEL in the capture
at 10000
call "ctx-dlg-b@$CALLER_IP" a-dlg-b b-dlg-b
offer 302
req b.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-dlg-b1 "(b) INVITE" ct=application/sdp body=OFFER
pause 10
resp b.100 b.inv "100 Trying" "100 Trying (no To tag)" notag
pause 2000
resp b.487 b.inv "487 Request Terminated" "487 with NO CANCEL in the capture (cancelled elsewhere, e.g. by a forking proxy or another leg): not explained by a visible CANCEL"
ack_non2xx b.ack b.inv b.487 "ACK of the 487 (same branch as the INVITE); not a response"

# (c) established call, then both sides send BYE at once
at 20000
call "ctx-dlg-c@$CALLER_IP" a-dlg-c b-dlg-c
offer 303; answer 303
req c.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-dlg-c1 "(c) INVITE" ct=application/sdp body=OFFER
pause 500
resp c.200 c.inv "200 OK" "200 OK: call established" ct=application/sdp body=ANSWER
req c.ack "A>B" "ACK sip:bob@$CALLEE_IP:5060" 1 z9hG4bK-dlg-c2 "ACK of the 200 (new branch); not a response" dlg ws_rr=@c.inv
pause 5000
req c.byeA "A>B" "BYE sip:bob@$CALLEE_IP:5060" 2 z9hG4bK-dlg-c3 "BYE from the caller (From tag a-dlg-c, CSeq 2)" dlg
pause -18
req c.byeB "B>A" "BYE sip:alice@$CALLER_IP:5060" 101 z9hG4bK-dlg-c4 "BYE from the callee sent at the same moment (From tag b-dlg-c, the callee's own CSeq 101)" dlg
pause 10
resp c.200B c.byeB "200 OK" "caller answers the callee's BYE with 200 OK"
resp c.481A c.byeA "481 Call/Transaction Does Not Exist" "callee answers the caller's BYE with 481: harmless BYE race, the callee had already ended the dialog with its own BYE" \
    ws_rr=

# (d) established call, re-INVITE -> 481 (callee lost the dialog)
at 30000
call "ctx-dlg-d@$CALLER_IP" a-dlg-d b-dlg-d
offer 304; answer 304
req d.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-dlg-d1 "(d) INVITE" ct=application/sdp body=OFFER
pause 500
resp d.200 d.inv "200 OK" "200 OK: call established" ct=application/sdp body=ANSWER
req d.ack "A>B" "ACK sip:bob@$CALLEE_IP:5060" 1 z9hG4bK-dlg-d2 "ACK of the 200 (new branch); not a response" dlg ws_rr=@d.inv
pause 8000
keep REOFFER sdp_audio alice 1304 1305 "$CALLER_IP" 49178
req d.reinv "A>B" "INVITE sip:bob@$CALLEE_IP:5060" 2 z9hG4bK-dlg-d3 "re-INVITE in the dialog (To tag, CSeq 2, SDP version 1305)" \
    dlg ct=application/sdp body=REOFFER
pause 10
resp d.481 d.reinv "481 Call/Transaction Does Not Exist" "481 to a re-INVITE: the callee no longer knows the dialog (lost state, e.g. restart); the call is dead"
ack_non2xx d.ack2 d.reinv d.481 "ACK of the 481 (same branch as the re-INVITE); not a response"

# (e) established call, glare: both sides send re-INVITE at once
at 40000
call "ctx-dlg-e@$CALLER_IP" a-dlg-e b-dlg-e
offer 305; answer 305
req e.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-dlg-e1 "(e) INVITE" ct=application/sdp body=OFFER
pause 500
resp e.200 e.inv "200 OK" "200 OK: call established" ct=application/sdp body=ANSWER
req e.ack "A>B" "ACK sip:bob@$CALLEE_IP:5060" 1 z9hG4bK-dlg-e2 "ACK of the 200 (new branch); not a response" dlg ws_rr=@e.inv
pause 5000
keep REOFFER_A sdp_audio alice 1305 1306 "$CALLER_IP" 49180
keep REOFFER_B sdp_answer bob 5305 5306 "$CALLEE_IP" 40012
req e.reinvA "A>B" "INVITE sip:bob@$CALLEE_IP:5060" 2 z9hG4bK-dlg-e3 "caller's re-INVITE (CSeq 2)" dlg ct=application/sdp body=REOFFER_A
pause -18
req e.reinvB "B>A" "INVITE sip:alice@$CALLER_IP:5060" 101 z9hG4bK-dlg-e4 "callee's re-INVITE sent at the same moment (CSeq 101): glare" dlg ct=application/sdp body=REOFFER_B
pause 10
resp e.491A e.reinvA "491 Request Pending" "491 to the caller's re-INVITE: the callee has its own re-INVITE pending (glare)"
resp e.491B e.reinvB "491 Request Pending" "491 to the callee's re-INVITE: the caller has its own re-INVITE pending (RFC 3261 14.2: both sides answer 491)" \
    ws_rr=
ack_non2xx e.ackA e.reinvA e.491A "caller's ACK of its 491; not a response" ws_rr=@e.491B
ack_non2xx e.ackB e.reinvB e.491B "callee's ACK of its 491; not a response" ws_rr=@e.491A
pause 1200
keep REOFFER_B2 sdp_answer bob 5305 5307 "$CALLEE_IP" 40012
req e.reinvB2 "B>A" "INVITE sip:alice@$CALLER_IP:5060" 102 z9hG4bK-dlg-e5 "callee retries its re-INVITE after 1.2 s (it does not own the Call-ID, so it waits 0-2 s; CSeq 102)" \
    dlg ct=application/sdp body=REOFFER_B2
pause 10
keep REANSWER_A sdp_answer alice 1305 1307 "$CALLER_IP" 49180
resp e.200B2 e.reinvB2 "200 OK" "200 OK to the retried re-INVITE: the glare is resolved" ct=application/sdp body=REANSWER_A
req e.ackB2 "B>A" "ACK sip:alice@$CALLER_IP:5060" 102 z9hG4bK-dlg-e6 "callee's ACK of the 200 (new branch); not a response" dlg ws_rr=@e.reinvB2

# (f) established call, in-dialog INFO -> 408
at 60000
call "ctx-dlg-f@$CALLER_IP" a-dlg-f b-dlg-f
offer 306; answer 306
req f.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-dlg-f1 "(f) INVITE" ct=application/sdp body=OFFER
pause 500
resp f.200 f.inv "200 OK" "200 OK: call established" ct=application/sdp body=ANSWER
req f.ack "A>B" "ACK sip:bob@$CALLEE_IP:5060" 1 z9hG4bK-dlg-f2 "ACK of the 200 (new branch); not a response" dlg ws_rr=@f.inv
pause 4000
keep DTMF printf 'Signal=5\r\nDuration=160\r\n'
req f.info "A>B" "INFO sip:bob@$CALLEE_IP:5060" 2 z9hG4bK-dlg-f3 "in-dialog INFO (DTMF relay, CSeq 2)" dlg ct=application/dtmf-relay body=DTMF
pause 32000
resp f.408 f.info "408 Request Timeout" "408 to an in-dialog INFO (32 s later; the callee side is a B2BUA whose other leg did not answer): RFC 3261 12.2.1.2 says the UAC SHOULD end the dialog"

# (g) INVITE -> 486, the 486 retransmitted twice (identical bytes), then ACK
at 100000
call "ctx-dlg-g@$CALLER_IP" a-dlg-g b-dlg-g
offer 307
req g.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-dlg-g1 "(g) INVITE" ct=application/sdp body=OFFER
pause 10
resp g.486 g.inv "486 Busy Here" "486 Busy Here (original)"
pause 480
resend g.486r1 g.486 "the same 486, retransmitted after 500 ms (Timer G, identical bytes): a retransmission, not a new response" ws_resend=1
pause 980
resend g.486r2 g.486 "the same 486, retransmitted again after 1 s more (identical bytes): a retransmission, not a new response" ws_resend=1
ack_non2xx g.ack g.inv g.486 "ACK of the 486 (same branch as the INVITE); not a response"
cap_end

# ===========================================================================
# 5. sdp-offer.pcap: responses refusing an SDP offer.

cap_begin sdp-offer

# 1. audio PCMU/PCMA/telephone-event + video H264 -> 415
at 0
call "ctx-sdp-1@$CALLER_IP" a-sdp-1 b-sdp-1
keep SDP1 sdp_audio_video 2001
req s1.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-sdp-1a "INVITE offering audio PCMU(0) PCMA(8) telephone-event(101) and video H264(96)" \
    ct=application/sdp body=SDP1
pause 10
resp s1.415 s1.inv "415 Unsupported Media Type" "415 with Accept: application/sdp (refusing an INVITE whose body is application/sdp with audio+video)" \
    "!Accept: application/sdp"
ack_non2xx s1.ack s1.inv s1.415 "ACK of the 415 (same branch as the INVITE); not a response"

# 2. established audio call, re-INVITE offering T.38 -> 488
at 10000
call "ctx-sdp-2@$CALLER_IP" a-sdp-2 b-sdp-2
offer 402; answer 402
req s2.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-sdp-2a "INVITE (audio) that establishes the call" ct=application/sdp body=OFFER
pause 500
resp s2.200 s2.inv "200 OK" "200 OK: audio call established" ct=application/sdp body=ANSWER
req s2.ack "A>B" "ACK sip:bob@$CALLEE_IP:5060" 1 z9hG4bK-sdp-2b "ACK of the 200 (new branch); not a response" dlg ws_rr=@s2.inv
pause 6000
keep SDP_T38 sdp_t38 1402 1403
req s2.reinv "A>B" "INVITE sip:bob@$CALLEE_IP:5060" 2 z9hG4bK-sdp-2c "re-INVITE re-offering the stream as fax: m=image 5004 udptl t38" \
    dlg ct=application/sdp body=SDP_T38
pause 10
resp s2.488 s2.reinv "488 Not Acceptable Here" "488 to the T.38 re-offer (no Warning): the fax switch is refused, the audio call goes on"
ack_non2xx s2.ack2 s2.reinv s2.488 "ACK of the 488 (same branch as the re-INVITE); not a response"

# 3. audio G729 + opus -> 606 with Warning 305
at 20000
call "ctx-sdp-3@$CALLER_IP" a-sdp-3 b-sdp-3
keep SDP3 sdp_g729_opus 2003
req s3.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-sdp-3a "INVITE offering audio G729(18) and opus(111, 48000/2) only" \
    ct=application/sdp body=SDP3
pause 10
resp s3.606 s3.inv "606 Not Acceptable" "606 with Warning 305: none of the offered codecs (G729, opus) is acceptable anywhere" \
    '!Warning: 305 192.0.2.20 "Incompatible media format"'
ack_non2xx s3.ack s3.inv s3.606 "ACK of the 606 (same branch as the INVITE); not a response"
pause 500
resend s3.606r s3.606 "the 606 again (Timer G, identical bytes; the ACK was lost): a retransmission, still naming what was offered" \
    ws_rr=@s3.ack ws_resend=1
pause 10
resend s3.ackr s3.ack "the ACK again, for the retransmitted 606; not a response" ws_rr=@s3.ack
cap_end

# ===========================================================================
# 6. expiry.pcap: how long a transaction is remembered (RFC 3261 timers, in
# capture time): an INVITE rings for 5 minutes and keeps its request; its
# final response, sent again 100 s after the ACK, belongs to a transaction
# that ended long before (Timer H: 32 s).

cap_begin expiry

at 0
call "ctx-exp-a@$CALLER_IP" a-exp-a b-exp-a
offer 401
req x.inv "A>B" "INVITE sip:bob@example.com" 1 z9hG4bK-exp-a1 "INVITE that rings for 5 minutes" ct=application/sdp body=OFFER
pause 10
resp x.180 x.inv "180 Ringing" "180 Ringing"
pause 300000
resp x.480 x.inv "480 Temporarily Unavailable" "480 after 5 minutes of ringing (the callee's no-answer timer): still the INVITE's answer"
pause 10
ack_non2xx x.ack x.inv x.480 "ACK of the 480 (same branch as the INVITE); not a response"
pause 100000
resend x.480late x.480 "the same 480 again, 100 s after the ACK: its transaction ended long ago (Timer H), so it is a stray, not a retransmission" \
    ws_rr=@x.ack ws_resend=1
cap_end

# ---------------------------------------------------------------------------
# Cross-check with real tshark: every frame must dissect as the manifest says.

[[ $verify -eq 1 ]] || exit 0
if ! command -v tshark >/dev/null; then
    echo "tshark not found: skipping verification" >&2
    exit 0
fi

fail=0
for cap in hints reason-warning auth dialog sdp-offer expiry; do
    f="$here/$cap.pcap"
    tshark -n -r "$f" -T fields -E occurrence=a -E aggregator=, \
        -e frame.number -e sip.Method -e sip.Status-Code -e sip.CSeq.method -e sip.response-request \
        -e sip.resend -e sip.Call-ID -e sip.CSeq.seq -e sip.Via.branch -e _ws.expert.message \
        >"$work/got" 2>"$work/tshark.err" || {
        cat "$work/tshark.err" >&2; fail=1; continue; }
    if diff -u "$work/$cap.want" "$work/got" >"$work/diff"; then
        echo "verify $cap: OK ($(wc -l <"$work/got") frames: method, status code, CSeq method, response-request, resend, Call-ID, CSeq, branch, expert info)"
    else
        echo "verify $cap: MISMATCH (want = generator, got = tshark)" >&2; cat "$work/diff" >&2; fail=1
    fi
    # every SDP body is found (so every Content-Length is exact)
    got=$(tshark -n -r "$f" -Y sdp -T fields -e frame.number 2>/dev/null)
    want=$(cat "$work/$cap.sdp")
    [[ $got == "$want" ]] || { echo "verify $cap: SDP in frames '${got//$'\n'/ }', want '${want//$'\n'/ }'" >&2; fail=1; }
    if [[ -n $want ]]; then echo "verify $cap: SDP parsed in frames ${want//$'\n'/ }"; fi
    # no expert warning or error anywhere (the expected notes are compared above)
    bad=$(tshark -n -r "$f" -Y '_ws.expert.severity >= warning' -T fields -e frame.number 2>/dev/null | tr '\n' ' ')
    [[ -z $bad ]] || { echo "verify $cap: expert warning/error in frames: $bad" >&2; fail=1; }
done

[[ $fail -eq 0 ]] || { echo "verification FAILED" >&2; exit 1; }
echo "verification passed"

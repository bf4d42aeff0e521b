/* reasons.c
 * Reason protocols and their causes beyond Q.850 and SIP, RFC 8606 locations,
 * and FreeSWITCH's hangup-cause names. Texts are sipdiag's own words.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagnose.h"
#include "msdiag.h"
#include "q850.h"
#include "reasons.h"

/* The IANA "Reason Protocols" registry (SIP Parameters, as of 2026-08), each once. */
static const sipdiag_reason_protocol_t protocols[] = {
    { "SIP", SIPDIAG_RP_SIP, "RFC 3261 (status codes)" },
    { "Q.850", SIPDIAG_RP_Q850, "ITU-T Q.850 (cause values)" },
    { "Preemption", SIPDIAG_RP_PREEMPTION, "RFC 4411 §6" },
    { "EMM", SIPDIAG_RP_OTHER, "3GPP TS 24.301 §9.9.3.9 (EPS mobility management causes)" },
    { "ESM", SIPDIAG_RP_OTHER, "3GPP TS 24.301 §9.9.4.4 (EPS session management causes)" },
    { "S1AP-RNL", SIPDIAG_RP_OTHER, "3GPP TS 36.413 (S1AP radio network layer causes)" },
    { "S1AP-TL", SIPDIAG_RP_OTHER, "3GPP TS 36.413 §9.2.1.3 (S1AP transport layer causes)" },
    { "S1AP-NAS", SIPDIAG_RP_OTHER, "3GPP TS 36.413 §9.2.1.3 (S1AP NAS causes)" },
    { "S1AP-MISC", SIPDIAG_RP_OTHER, "3GPP TS 36.413 §9.2.1.3 (S1AP miscellaneous causes)" },
    { "S1AP-PROT", SIPDIAG_RP_OTHER, "3GPP TS 36.413 §9.2.1.3 (S1AP protocol causes)" },
    { "DIAMETER", SIPDIAG_RP_OTHER, "3GPP TS 29.274 §8.103 (GTP-C for WLAN)" },
    { "IKEV2", SIPDIAG_RP_OTHER, "3GPP TS 29.274 §8.103 (IKEv2 for untrusted WLAN)" },
    { "RELEASE_CAUSE", SIPDIAG_RP_RELEASE_CAUSE, "3GPP TS 24.229 (release causes)" },
    { "FAILURE_CAUSE", SIPDIAG_RP_FAILURE_CAUSE, "3GPP TS 24.229 (failure causes)" },
    { "STIR", SIPDIAG_RP_OTHER, "RFC 8224 (STIR error codes: the SIP response codes 428, 436-438)" },
    { "5GMM", SIPDIAG_RP_OTHER, "3GPP TS 24.501 §9.11.3.2 (5G mobility management causes)" },
    { "5GSM", SIPDIAG_RP_OTHER, "3GPP TS 24.501 §9.11.4.2 (5G session management causes)" },
    { "NGAP-RNL", SIPDIAG_RP_OTHER, "3GPP TS 38.413 §9.3.1.2 (NGAP radio network layer causes)" },
    { "NGAP-TL", SIPDIAG_RP_OTHER, "3GPP TS 38.413 §9.3.1.2 (NGAP transport layer causes)" },
    { "NGAP-NAS", SIPDIAG_RP_OTHER, "3GPP TS 38.413 §9.3.1.2 (NGAP NAS causes)" },
    { "NGAP-MISC", SIPDIAG_RP_OTHER, "3GPP TS 38.413 §9.3.1.2 (NGAP miscellaneous causes)" },
    { "NGAP-PROT", SIPDIAG_RP_OTHER, "3GPP TS 38.413 §9.3.1.2 (NGAP protocol causes)" },
};

/* The row of a table whose rows start with their name (case-insensitive;
 * sipdiag_span_is), or NULL: the protocols and the locations. */
static const void *
find_named(const void *rows, size_t n, size_t row_size, sipdiag_span_t name)
{
    for (size_t i = 0; i < n; i++) {
        const void *row = (const char *)rows + i * row_size;
        if (sipdiag_span_is(name, *(const char *const *)row))
            return row;
    }
    return NULL;
}

const sipdiag_reason_protocol_t *
sipdiag_reason_protocol_find(sipdiag_span_t name)
{
    return find_named(protocols, sizeof protocols / sizeof protocols[0], sizeof protocols[0], name);
}

sipdiag_reason_kind_t
sipdiag_reason_kind(sipdiag_span_t name)
{
    const sipdiag_reason_protocol_t *p = sipdiag_reason_protocol_find(name);
    return p != NULL ? p->kind : SIPDIAG_RP_UNREGISTERED;
}

/* Causes by protocol and value. Preemption: RFC 4411 §6 and the IANA
 * Preemption Namespace registry. RELEASE_CAUSE (1-7) and FAILURE_CAUSE (1-3):
 * 3GPP TS 24.229 as registered in the IANA Reason Protocols registry. The
 * severity is what the end of a call with this cause deserves. */
const sipdiag_reason_cause_t sipdiag_reason_causes[] = {
    { SIPDIAG_RP_PREEMPTION, 1, "UA Preemption",
      "A user agent ended this call to make room for a call of higher priority (MLPP, emergency). "
      "Expected in networks that run precedence; elsewhere check the priority settings.", SIPDIAG_SEV_NOTE },
    { SIPDIAG_RP_PREEMPTION, 2, "Reserved Resources Preempted",
      "The network resources reserved for this call (an RSVP or NSIS reservation) were taken for a call "
      "of higher priority; check capacity on the reserved path.", SIPDIAG_SEV_NOTE },
    { SIPDIAG_RP_PREEMPTION, 3, "Generic Preemption",
      "The call was preempted for one of higher priority without saying where; look for precedence "
      "rules on the elements in the path.", SIPDIAG_SEV_NOTE },
    { SIPDIAG_RP_PREEMPTION, 4, "Non-IP Preemption",
      "A network beyond the IP part of the call (TDM, PSTN with MLPP) preempted it for a call of higher "
      "priority.", SIPDIAG_SEV_NOTE },
    { SIPDIAG_RP_RELEASE_CAUSE, 1, "User ends call",
      "The user hung up: the normal end of a call in an IMS or VoLTE network.", SIPDIAG_SEV_CHAT },
    { SIPDIAG_RP_RELEASE_CAUSE, 2, "RTP/RTCP time-out",
      "The sender stopped receiving media (no RTP or RTCP for its time-out) and ended the call: one-way "
      "or lost media, a NAT or firewall closing the media path, or the far end gone.", SIPDIAG_SEV_WARN },
    { SIPDIAG_RP_RELEASE_CAUSE, 3, "Media bearer loss",
      "The radio or access bearer that carried the media was lost (coverage, handover failure): the "
      "network ended the call.", SIPDIAG_SEV_WARN },
    { SIPDIAG_RP_RELEASE_CAUSE, 4, "SIP timeout - no ACK",
      "The 200 to the INVITE was never acknowledged, so the call was released: check the route of the "
      "ACK (Contact, Record-Route, NAT).", SIPDIAG_SEV_WARN },
    { SIPDIAG_RP_RELEASE_CAUSE, 5, "SIP response time-out",
      "A request within the call got no response in time, so the call was released: the peer or a hop "
      "between is unreachable.", SIPDIAG_SEV_WARN },
    { SIPDIAG_RP_RELEASE_CAUSE, 6, "Call-setup time-out",
      "The call was not set up within the allowed time (no answer or no final response) and was "
      "abandoned.", SIPDIAG_SEV_NOTE },
    { SIPDIAG_RP_RELEASE_CAUSE, 7, "Redirection failure",
      "The call could not be redirected to the new target it was sent to.", SIPDIAG_SEV_WARN },
    { SIPDIAG_RP_FAILURE_CAUSE, 1, "Media bearer or QoS lost",
      "The media bearer or its quality of service was lost in the access network, so the session "
      "failed.", SIPDIAG_SEV_WARN },
    { SIPDIAG_RP_FAILURE_CAUSE, 2, "Release of signalling bearer",
      "The bearer that carried the signalling was released (the device lost its connection to the "
      "network).", SIPDIAG_SEV_WARN },
    { SIPDIAG_RP_FAILURE_CAUSE, 3, "Indication of failed resources allocation",
      "The access network could not allocate the resources the session needed (capacity, policy).",
      SIPDIAG_SEV_WARN },
};

const size_t sipdiag_reason_causes_count = sizeof sipdiag_reason_causes / sizeof sipdiag_reason_causes[0];

const sipdiag_reason_cause_t *
sipdiag_reason_cause_find(sipdiag_reason_kind_t kind, long cause)
{
    for (size_t i = 0; i < sipdiag_reason_causes_count; i++) {
        if (sipdiag_reason_causes[i].kind == kind && sipdiag_reason_causes[i].cause == cause)
            return &sipdiag_reason_causes[i];
    }
    return NULL;
}

/* RFC 8606 §3: the location parameter carries the Q.850 location field by
 * the abbreviations of Q.850 Table 2. */
static const sipdiag_reason_location_t locations[] = {
    { "U", "the user" },
    { "LPN", "a private network serving the local user" },
    { "LN", "the public network serving the local user" },
    { "TN", "a transit network" },
    { "RLN", "the public network serving the remote user" },
    { "RPN", "a private network serving the remote user" },
    { "LOC", "a local interface controlled by this signalling link" },
    { "INTL", "an international network" },
    { "BI", "a network beyond the interworking point" },
};

const sipdiag_reason_location_t *
sipdiag_reason_location_find(sipdiag_span_t value)
{
    return find_named(locations, sizeof locations / sizeof locations[0], sizeof locations[0], value);
}

/* FreeSWITCH's hangup causes by name (switch_call_cause_t in its
 * switch_types.h, as documented in its "Hangup Cause Code Table"). Those
 * named after a Q.850 cause point at it; FreeSWITCH's own are explained.
 * Sorted by name for bsearch. */
const sipdiag_freeswitch_cause_t sipdiag_freeswitch_causes[] = {
    { "ALLOTTED_TIMEOUT", 0, "FreeSWITCH ended the call when its allotted time ran out (a call time limit in the "
      "dial plan).", SIPDIAG_SEV_NOTE },
    { "ATTENDED_TRANSFER", 0, "The call left FreeSWITCH through an attended transfer: normal.", SIPDIAG_SEV_CHAT },
    { "BLIND_TRANSFER", 0, "The call left FreeSWITCH through a blind transfer: normal.", SIPDIAG_SEV_CHAT },
    { "CALL_REJECTED", 21, NULL, SIPDIAG_SEV_NOTE },
    { "DESTINATION_OUT_OF_ORDER", 27, NULL, SIPDIAG_SEV_WARN },
    { "GATEWAY_DOWN", 0, "The FreeSWITCH gateway chosen for the call was marked down (failed registration or "
      "pings): check that gateway.", SIPDIAG_SEV_WARN },
    { "INCOMPATIBLE_DESTINATION", 88, NULL, SIPDIAG_SEV_WARN },
    { "INVALID_GATEWAY", 0, "The dial string named a FreeSWITCH gateway that does not exist.", SIPDIAG_SEV_WARN },
    { "LOSE_RACE", 0, "Another leg of a parallel or forked call answered first; this one was released: normal.",
      SIPDIAG_SEV_CHAT },
    { "MANAGER_REQUEST", 0, "An operator or script ended the call through FreeSWITCH's API (uuid_kill, "
      "hupall).", SIPDIAG_SEV_NOTE },
    { "MEDIA_TIMEOUT", 0, "FreeSWITCH received no RTP for its media time-out and hung up: one-way or lost "
      "media, NAT or a firewall on the media path.", SIPDIAG_SEV_WARN },
    { "NETWORK_OUT_OF_ORDER", 38, NULL, SIPDIAG_SEV_WARN },
    { "NORMAL_CLEARING", 16, NULL, SIPDIAG_SEV_CHAT },
    { "NORMAL_TEMPORARY_FAILURE", 41, NULL, SIPDIAG_SEV_WARN },
    { "NORMAL_UNSPECIFIED", 31, NULL, SIPDIAG_SEV_CHAT },
    { "NO_ANSWER", 19, NULL, SIPDIAG_SEV_NOTE },
    { "NO_PICKUP", 0, "Nobody picked the call up within FreeSWITCH's originate time-out.", SIPDIAG_SEV_NOTE },
    { "NO_ROUTE_DESTINATION", 3, NULL, SIPDIAG_SEV_WARN },
    { "NO_USER_RESPONSE", 18, NULL, SIPDIAG_SEV_NOTE },
    { "ORIGINATOR_CANCEL", 0, "The caller hung up before the call was answered.", SIPDIAG_SEV_CHAT },
    { "PICKED_OFF", 0, "The call was picked up from another extension (call pickup): normal.", SIPDIAG_SEV_CHAT },
    { "PROGRESS_TIMEOUT", 0, "No progress (ringing or early media) arrived within FreeSWITCH's progress "
      "time-out, so it gave up.", SIPDIAG_SEV_NOTE },
    { "RECOVERY_ON_TIMER_EXPIRE", 102, NULL, SIPDIAG_SEV_WARN },
    { "SUBSCRIBER_ABSENT", 20, NULL, SIPDIAG_SEV_NOTE },
    { "SYSTEM_SHUTDOWN", 0, "FreeSWITCH was shutting down and released the call.", SIPDIAG_SEV_WARN },
    { "UNALLOCATED_NUMBER", 1, NULL, SIPDIAG_SEV_NOTE },
    { "USER_BUSY", 17, NULL, SIPDIAG_SEV_NOTE },
    { "USER_NOT_REGISTERED", 0, "The called FreeSWITCH user has no registered device.", SIPDIAG_SEV_NOTE },
};

const size_t sipdiag_freeswitch_causes_count = sizeof sipdiag_freeswitch_causes / sizeof sipdiag_freeswitch_causes[0];

static int
freeswitch_cmp(const void *key, const void *row)
{
    const sipdiag_span_t *text = (const sipdiag_span_t *)key;
    const char *name = ((const sipdiag_freeswitch_cause_t *)row)->name;
    size_t n = strlen(name);
    int c = memcmp(text->ptr, name, text->len < n ? text->len : n);
    return c != 0 ? c : text->len < n ? -1 : text->len > n;
}

const sipdiag_freeswitch_cause_t *
sipdiag_freeswitch_cause_find(sipdiag_span_t text)
{
    if (text.len == 0 || text.len > 40)
        return NULL;
    return bsearch(&text, sipdiag_freeswitch_causes, sipdiag_freeswitch_causes_count,
                   sizeof sipdiag_freeswitch_causes[0], freeswitch_cmp);
}

/* ---- Why a call ended ------------------------------------------------------ */

sipdiag_severity_t
sipdiag_end_severity_q850(long cause)
{
    switch (cause) {
    case 16:    /* normal call clearing */
    case 31:    /* normal, unspecified */
        return SIPDIAG_SEV_CHAT;
    case 27:    /* destination out of order */
    case 34:    /* no circuit/channel available */
    case 38:    /* network out of order */
    case 41:    /* temporary failure */
    case 42:    /* switching equipment congestion */
    case 44:    /* requested circuit/channel not available */
    case 47:    /* resource unavailable, unspecified */
    case 102:   /* recovery on timer expiry */
        return SIPDIAG_SEV_WARN;
    default:
        return SIPDIAG_SEV_NOTE;
    }
}

static bool
judge_q850(long cause, const char *prefix, sipdiag_end_t *out)
{
    const sipdiag_q850_t *q = sipdiag_q850_find(cause);
    if (q == NULL)
        return false;
    snprintf(out->label, sizeof out->label, "%sQ.850 %u %s", prefix, q->cause, q->name);
    out->meaning = q->meaning;
    out->severity = sipdiag_end_severity_q850(cause);
    return true;
}

static void
judge_sip(long cause, sipdiag_end_t *out)
{
    const sipdiag_code_t *c = cause >= 100 && cause <= 699 ? sipdiag_code_find((int)cause) : NULL;
    if (cause == 200) {
        /* RFC 3326 §2: a forking proxy cancels the other branches this way. */
        snprintf(out->label, sizeof out->label, "SIP 200 (answered elsewhere)");
        out->meaning = "The call was answered on another device or branch (forking, a ring group), so this one was "
                       "released: normal.";
        out->severity = SIPDIAG_SEV_CHAT;
        return;
    }
    snprintf(out->label, sizeof out->label, "SIP %ld %s", cause, c != NULL ? c->phrase : "(unregistered code)");
    out->meaning = c != NULL ? c->summary : "A SIP status code sipdiag does not know.";
    out->severity = cause == 408 || cause == 500 || cause == 502 || cause == 503 || cause == 504 ? SIPDIAG_SEV_WARN
                                                                                                  : SIPDIAG_SEV_NOTE;
}

static bool
judge_value(const sipdiag_reason_t *r, sipdiag_end_t *out)
{
    sipdiag_reason_kind_t kind = sipdiag_reason_kind(r->protocol);
    /* A Q.850 cause speaks for itself, whatever name its text gives it. */
    if (kind == SIPDIAG_RP_Q850 && r->has_cause && judge_q850(r->cause, "", out))
        return true;
    const sipdiag_freeswitch_cause_t *fs = sipdiag_freeswitch_cause_find(r->text);
    if (fs != NULL && fs->q850 != 0 && judge_q850(fs->q850, "FreeSWITCH ", out))
        return true;
    if (fs != NULL) {
        snprintf(out->label, sizeof out->label, "FreeSWITCH %s", fs->name);
        out->meaning = fs->meaning;
        out->severity = fs->severity;
        return true;
    }
    if (!r->has_cause)
        return false;
    if (kind == SIPDIAG_RP_Q850)
        return judge_q850(r->cause, "", out);
    if (kind == SIPDIAG_RP_SIP) {
        judge_sip(r->cause, out);
        return true;
    }
    const sipdiag_reason_cause_t *c = sipdiag_reason_cause_find(kind, r->cause);
    const sipdiag_reason_protocol_t *p = sipdiag_reason_protocol_find(r->protocol);
    if (c != NULL) {
        snprintf(out->label, sizeof out->label, "%s %u %s", p->name, c->cause, c->name);
        out->meaning = c->meaning;
        out->severity = c->severity;
        return true;
    }
    /* Statistics rows from table words only: a hostile capture cannot
     * make one row per protocol name or cause it invents. */
    if (p != NULL)
        snprintf(out->label, sizeof out->label, "%s cause", p->name);
    else
        snprintf(out->label, sizeof out->label, "Reason protocol outside the IANA registry");
    out->meaning = p != NULL ? "A cause of a registered Reason protocol that sipdiag does not decode."
                             : "A Reason protocol outside the IANA registry: the sender's own.";
    out->severity = SIPDIAG_SEV_NOTE;
    return true;
}

bool
sipdiag_reason_teams_text(sipdiag_span_t text, sipdiag_span_t *id, sipdiag_span_t *rest)
{
    /* 8-4-4-4-12 hexadecimal digits, then ';' (Microsoft's Direct Routing page and traces). */
    static const size_t dashes[] = { 8, 13, 18, 23 };
    if (text.len <= 37 || text.ptr[36] != ';')
        return false;
    for (size_t i = 0, d = 0; i < 36; i++) {
        if (d < 4 && i == dashes[d]) {
            if (text.ptr[i] != '-')
                return false;
            d++;
        } else if (!g_ascii_isxdigit(text.ptr[i])) {
            return false;
        }
    }
    *id = (sipdiag_span_t){ text.ptr, 36 };
    *rest = (sipdiag_span_t){ text.ptr + 37, text.len - 37 };
    return true;
}

bool
sipdiag_end_judge(sipdiag_span_t reason, sipdiag_span_t asterisk_code, sipdiag_span_t ms_diagnostics,
                  sipdiag_end_t *out)
{
    size_t pos = 0;
    sipdiag_reason_t r;
    sipdiag_parse_status_t st;
    memset(out, 0, sizeof *out);
    while ((st = sipdiag_parse_reason_next(reason.ptr, reason.len, &pos, &r)) != SIPDIAG_PARSE_EMPTY) {
        if (st == SIPDIAG_PARSE_OK && judge_value(&r, out))
            return true;
    }
    uint32_t code;
    if (asterisk_code.len > 0 && sipdiag_parse_uint(asterisk_code.ptr, asterisk_code.len, &code) == SIPDIAG_PARSE_OK
        && judge_q850(code, "Asterisk ", out))
        return true;
    sipdiag_ms_diag_t ms;
    if (ms_diagnostics.len > 0 && sipdiag_parse_ms_diag(ms_diagnostics.ptr, ms_diagnostics.len, &ms) == SIPDIAG_PARSE_OK) {
        const sipdiag_msdiag_code_t *c = sipdiag_msdiag_code_find(ms.code);
        /* The table's words, never the wire's, in a statistics label. */
        snprintf(out->label, sizeof out->label, "Microsoft %u%s%s", ms.code, c != NULL ? " " : "",
                 c != NULL ? c->reason : "");
        out->meaning = c != NULL ? c->meaning : "A Microsoft diagnostic code sipdiag does not know.";
        out->severity = SIPDIAG_SEV_NOTE;
        return true;
    }
    return false;
}

/* RFC 3326 §2 example: a CANCEL with Reason: SIP;cause=200 tells the
 * branches that the call was answered elsewhere (RFC 3261 §16.7 forking). */
bool
sipdiag_reason_answered_elsewhere(sipdiag_span_t reason)
{
    size_t pos = 0;
    sipdiag_reason_t r;
    sipdiag_parse_status_t st;
    while ((st = sipdiag_parse_reason_next(reason.ptr, reason.len, &pos, &r)) != SIPDIAG_PARSE_EMPTY) {
        if (st == SIPDIAG_PARSE_OK && r.has_cause && r.cause == 200 && sipdiag_span_is(r.protocol, "SIP"))
            return true;
    }
    return false;
}

/* reasons.h
 * What a Reason header's protocol and cause mean, for every protocol but
 * Q.850 (q850.c) and SIP (codes.c): the IANA "Reason Protocols" registry,
 * the causes of RFC 4411 Preemption and 3GPP TS 24.229 RELEASE_CAUSE and
 * FAILURE_CAUSE, the RFC 8606 location values, and FreeSWITCH's hangup-cause
 * names that travel in the text. Plain C, no Wireshark headers: one place
 * that every caller (the Reason subtree, the fix, the expert summary, the
 * end of a call) asks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_REASONS_H
#define SIPDIAG_REASONS_H

#include "hdrparse.h"
#include "codes.h"

/* The protocols sipdiag reads causes of; the rest are only named. */
typedef enum {
    SIPDIAG_RP_OTHER = 0,       /* registered, causes not decoded (EMM, S1AP-*, NGAP-*, ...) */
    SIPDIAG_RP_SIP,
    SIPDIAG_RP_Q850,
    SIPDIAG_RP_PREEMPTION,      /* RFC 4411 */
    SIPDIAG_RP_RELEASE_CAUSE,   /* 3GPP TS 24.229 */
    SIPDIAG_RP_FAILURE_CAUSE,   /* 3GPP TS 24.229 */
    SIPDIAG_RP_UNREGISTERED     /* not in the IANA registry */
} sipdiag_reason_kind_t;

typedef struct {
    const char *name;           /* as registered, e.g. "RELEASE_CAUSE" */
    sipdiag_reason_kind_t kind;
    const char *reference;      /* where its causes are defined */
} sipdiag_reason_protocol_t;

/* The registered protocol of this name (case-insensitive), or NULL. */
const sipdiag_reason_protocol_t *sipdiag_reason_protocol_find(sipdiag_span_t name);

/* The kind of this protocol name: SIPDIAG_RP_UNREGISTERED when unknown. */
sipdiag_reason_kind_t sipdiag_reason_kind(sipdiag_span_t name);

/* One cause of a decoded protocol. */
typedef struct {
    sipdiag_reason_kind_t kind;
    uint8_t cause;
    const char *name;           /* the registry's or specification's wording */
    const char *meaning;        /* our words: what happened and what to check */
    sipdiag_severity_t severity;/* as the end of a call: chat normal, note, warn failure */
} sipdiag_reason_cause_t;

extern const sipdiag_reason_cause_t sipdiag_reason_causes[];
extern const size_t sipdiag_reason_causes_count;

/* The cause of a Preemption, RELEASE_CAUSE or FAILURE_CAUSE reason, or NULL. */
const sipdiag_reason_cause_t *sipdiag_reason_cause_find(sipdiag_reason_kind_t kind, long cause);

/* An RFC 8606 location value (the Q.850 location field), e.g. "TN". */
typedef struct {
    const char *code;
    const char *meaning;
} sipdiag_reason_location_t;

/* The location of this value (case-insensitive), or NULL. */
const sipdiag_reason_location_t *sipdiag_reason_location_find(sipdiag_span_t value);

/* A FreeSWITCH hangup-cause name (NORMAL_CLEARING, MEDIA_TIMEOUT, ...). Its
 * number changed between FreeSWITCH versions, so the name is what counts:
 * a Reason "SIP;cause=607;text=\"PROGRESS_TIMEOUT\"" is read by its text. */
typedef struct {
    const char *name;
    uint8_t q850;               /* the Q.850 cause it stands for, 0 for FreeSWITCH's own */
    const char *meaning;        /* for FreeSWITCH's own causes; NULL when q850 says it */
    sipdiag_severity_t severity;
} sipdiag_freeswitch_cause_t;

extern const sipdiag_freeswitch_cause_t sipdiag_freeswitch_causes[];
extern const size_t sipdiag_freeswitch_causes_count;

/* The FreeSWITCH cause named by this text (exactly, case-sensitive: they
 * are all capitals), or NULL. */
const sipdiag_freeswitch_cause_t *sipdiag_freeswitch_cause_find(sipdiag_span_t text);

/* ---- Why a call ended ------------------------------------------------------ */

/* What a BYE's or CANCEL's Reason (or a vendor's hangup cause) says. */
typedef struct {
    sipdiag_severity_t severity;  /* chat normal clearing, note otherwise, warning network or media failure */
    char label[128];              /* "Q.850 16 Normal call clearing": one line of the statistics */
    const char *meaning;          /* our words (static) */
} sipdiag_end_t;

/* The Q.850 cause as the end of a call: chat for normal clearing (16, 31),
 * warning for network and resource failures, note otherwise. */
sipdiag_severity_t sipdiag_end_severity_q850(long cause);

/* Judges the first reason-value of `reason` that names a cause (or a
 * FreeSWITCH cause in its text); without one, Asterisk's cause code, then
 * Microsoft's diagnostic code. False when none says anything.
 * sipdiag_codes_init() must have run. */
bool sipdiag_end_judge(sipdiag_span_t reason, sipdiag_span_t asterisk_code, sipdiag_span_t ms_diagnostics,
                       sipdiag_end_t *out);

/* Teams Direct Routing's Reason text "<call id>;<text>" (a 36-character
 * GUID, a semicolon, the text): true and the two parts, else false. */
bool sipdiag_reason_teams_text(sipdiag_span_t text, sipdiag_span_t *id, sipdiag_span_t *rest);

/* True when a Reason value says SIP;cause=200: the call was answered
 * elsewhere (RFC 3326 §2, a forking proxy's CANCEL). */
bool sipdiag_reason_answered_elsewhere(sipdiag_span_t reason);

#endif /* SIPDIAG_REASONS_H */

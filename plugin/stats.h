/* stats.h
 * The "sipdiag" tap and its statistics tree (tshark -z sipdiag,tree; in the
 * GUI, Statistics > SIP Response Diagnosis): responses by severity, class,
 * code, method and Q.850 cause, and the failed calls one by one.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_STATS_H
#define SIPDIAG_STATS_H

#include <epan/packet.h>

/* A call's verdict, a BYE's answer or a registration attempt (calls.c),
 * for the Calls branch and its RFC 6076 figures. Times in seconds, -1: none. */
typedef struct {
    uint8_t kind;             /* 0 verdict, 1 the BYE's 2xx, 2 registration */
    const char *verdict;      /* kind 0 */
    int code;                 /* the deciding final response, 0 if none */
    bool cut;                 /* cut off by the capture: left out of the figures */
    bool redirected;          /* left out of SER and SEER (RFC 6076 §4.6, §4.7) */
    bool established;         /* 2xx: SER */
    bool effective;           /* SEER */
    bool ineffective;         /* ISA */
    bool completed;           /* SCR */
    bool failed;              /* kind 2: IRA */
    double setup_s;           /* SRD of a successful setup */
    double failed_setup_s;    /* SRD of a failed one */
    double duration_s;        /* SDT */
    double sdd_s;             /* kind 0: SDD of the call (later passes) */
    double delay_s;           /* kind 1: SDD; kind 2: RRD */
} sipdiag_call_tap_t;

/* What the tap carries for one response (pinfo->pool). */
typedef struct {
    const sipdiag_call_tap_t *call;   /* a call's verdict or figure, else NULL */
    const char *silent;       /* a failure without an error response (its statistics label), else NULL */
    bool fault;               /* a silent finding that is a transaction fault (final_not_acked, no_final) */
    const char *ended;        /* why a call ended (a BYE's or CANCEL's cause), else NULL */
    int code;
    const char *phrase;
    const char *summary;      /* the one-line diagnosis */
    int severity;             /* sipdiag_severity_t */
    const char *method;       /* CSeq method, or NULL */
    int q850_cause;           /* first Q.850 cause of the Reason header, or -1 */
    bool counted;             /* false for retransmissions: shown, not counted */
    bool failed_call;         /* a final failure of an initial INVITE (challenges aside) */
    bool refused_in_dialog;   /* a final failure of a re-INVITE that left the dialog up */
    const char *call_id;      /* for failed calls */
    const char *from;
    const char *to;
} sipdiag_tap_info_t;

/* Registers the tap; call from proto_register. */
void sipdiag_stats_register_tap(void);

/* Registers the statistics tree; call from the handoff. */
void sipdiag_stats_register_tree(void);

/* True when someone listens, so the caller builds tap data only then. */
bool sipdiag_stats_wanted(void);

/* Queues one response for the tap. */
void sipdiag_stats_queue(packet_info *pinfo, const sipdiag_tap_info_t *info);

#endif /* SIPDIAG_STATS_H */

/* callrules.h
 * The plain-C decisions behind the per-call verdicts: what a final
 * response to the caller's INVITE makes of the call, which answers are only
 * steps of the setup, and which codes RFC 6076's ratios count. No Wireshark
 * headers: unit-tested on their own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_CALLRULES_H
#define SIPDIAG_CALLRULES_H

#include <stdbool.h>
#include <stdint.h>

/* What happened to a call; the names are part of the interface (README,
 * sipdiag.call.verdict). */
typedef enum {
    SIPDIAG_VERDICT_NONE = 0,          /* not decided yet */
    SIPDIAG_VERDICT_ANSWERED,
    SIPDIAG_VERDICT_UNACKNOWLEDGED,
    SIPDIAG_VERDICT_BUSY,
    SIPDIAG_VERDICT_DECLINED,
    SIPDIAG_VERDICT_UNAVAILABLE,
    SIPDIAG_VERDICT_REDIRECTED,
    SIPDIAG_VERDICT_CANCELLED,
    SIPDIAG_VERDICT_ANSWERED_ELSEWHERE,
    SIPDIAG_VERDICT_REJECTED,
    SIPDIAG_VERDICT_UNANSWERED,
    SIPDIAG_VERDICT_DROPPED,
    SIPDIAG_VERDICT_UNKNOWN,
    SIPDIAG_VERDICT_COUNT
} sipdiag_verdict_t;

/* "answered", "busy", ...; "" for NONE. */
const char *sipdiag_verdict_name(sipdiag_verdict_t v);

/* The verdict a final response (>= 300) to the caller's last initial INVITE
 * gives: 486/600 busy, 603/607/608 declined, 404/410/480/484/604
 * unavailable, 3xx redirected, 487 cancelled (answered_elsewhere when the
 * CANCEL said Reason: SIP;cause=200; rejected when no CANCEL was seen),
 * anything else rejected. */
sipdiag_verdict_t sipdiag_verdict_of_final(int code, bool cancel_seen, bool answered_elsewhere);

/* A final answer that is usually only a step of the setup: the caller sends
 * the INVITE again in the same Call-ID (401/407 with credentials, 422 with
 * a longer Session-Expires, 491 after a pause, 3xx to a new target). */
bool sipdiag_call_step(int code);

/* RFC 6076 §4.7: the answers an effective session attempt ends with
 * (200, 480, 486, 600, 603: the network did its job). */
bool sipdiag_rfc6076_effective(int code);

/* RFC 6076 §4.8: the answers of an ineffective attempt (408, 500, 503,
 * 504: a proxy or agent gave up or was overloaded). */
bool sipdiag_rfc6076_ineffective(int code);

/* A REGISTER's final answer that ends the registration attempt as failed
 * (RFC 6076 §4.2 as this project reads it: any final >= 300 but the
 * challenges 401 and 407, which are steps). */
bool sipdiag_register_failed(int code);

#endif /* SIPDIAG_CALLRULES_H */

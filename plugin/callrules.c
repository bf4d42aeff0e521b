/* callrules.c
 * Verdict and RFC 6076 decisions (see callrules.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "callrules.h"

static const char *const verdict_names[SIPDIAG_VERDICT_COUNT] = {
    [SIPDIAG_VERDICT_NONE] = "",
    [SIPDIAG_VERDICT_ANSWERED] = "answered",
    [SIPDIAG_VERDICT_UNACKNOWLEDGED] = "unacknowledged",
    [SIPDIAG_VERDICT_BUSY] = "busy",
    [SIPDIAG_VERDICT_DECLINED] = "declined",
    [SIPDIAG_VERDICT_UNAVAILABLE] = "unavailable",
    [SIPDIAG_VERDICT_REDIRECTED] = "redirected",
    [SIPDIAG_VERDICT_CANCELLED] = "cancelled",
    [SIPDIAG_VERDICT_ANSWERED_ELSEWHERE] = "answered_elsewhere",
    [SIPDIAG_VERDICT_REJECTED] = "rejected",
    [SIPDIAG_VERDICT_UNANSWERED] = "unanswered",
    [SIPDIAG_VERDICT_DROPPED] = "dropped",
    [SIPDIAG_VERDICT_UNKNOWN] = "unknown",
};

const char *
sipdiag_verdict_name(sipdiag_verdict_t v)
{
    return (unsigned)v < SIPDIAG_VERDICT_COUNT ? verdict_names[v] : "";
}

sipdiag_verdict_t
sipdiag_verdict_of_final(int code, bool cancel_seen, bool answered_elsewhere)
{
    switch (code) {
    case 486: case 600:
        return SIPDIAG_VERDICT_BUSY;
    case 603: case 607: case 608:
        return SIPDIAG_VERDICT_DECLINED;
    case 404: case 410: case 480: case 484: case 604:
        return SIPDIAG_VERDICT_UNAVAILABLE;
    case 487:
        /* RFC 3261 §9.2: the INVITE was ended by the caller's CANCEL. */
        if (!cancel_seen)
            return SIPDIAG_VERDICT_REJECTED;
        return answered_elsewhere ? SIPDIAG_VERDICT_ANSWERED_ELSEWHERE : SIPDIAG_VERDICT_CANCELLED;
    default:
        break;
    }
    if (code >= 300 && code < 400)
        return SIPDIAG_VERDICT_REDIRECTED;
    return code >= 400 && code < 700 ? SIPDIAG_VERDICT_REJECTED : SIPDIAG_VERDICT_NONE;
}

bool
sipdiag_call_step(int code)
{
    return code == 401 || code == 407 || code == 422 || code == 491 || (code >= 300 && code < 400);
}

bool
sipdiag_rfc6076_effective(int code)
{
    return (code >= 200 && code < 300) || code == 480 || code == 486 || code == 600 || code == 603;
}

bool
sipdiag_rfc6076_ineffective(int code)
{
    return code == 408 || code == 500 || code == 503 || code == 504;
}

bool
sipdiag_register_failed(int code)
{
    return code >= 300 && code < 700 && code != 401 && code != 407;
}

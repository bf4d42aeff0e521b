/* silentrules.c
 * Decisions about failures that leave no error response (see silentrules.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "silentrules.h"

void
sipdiag_sends_add(sipdiag_sends_t *s, int64_t when_ns)
{
    if (s->sends == 0) {
        s->first_ns = s->last_ns = when_ns;
        s->last_gap_ns = 0;
    } else if (when_ns >= s->last_ns) {
        s->last_gap_ns = when_ns - s->last_ns;
        s->last_ns = when_ns;
    }
    s->sends++;
}

bool
sipdiag_sends_stopped(const sipdiag_sends_t *s, int64_t end_ns)
{
    if (s->sends < 2 || end_ns < s->last_ns)
        return false;
    int64_t quiet = end_ns - s->last_ns;
    /* The next retransmission would have come after at most twice the last
     * gap (the interval doubles); a quiet spell longer than that, and than
     * T2, means the client stopped. */
    return quiet > 2 * s->last_gap_ns && quiet > SIPDIAG_T2_NS;
}

bool
sipdiag_attack_reject(sipdiag_attack_t *a, int64_t when_ns, bool new_user)
{
    /* A capture's clock may step back a little (merged captures): same run. */
    if (when_ns < a->last_ns)
        when_ns = a->last_ns;
    if (a->rejected == 0 || when_ns - a->last_ns > SIPDIAG_ATTACK_WINDOW_NS) {
        a->first_ns = when_ns;
        a->rejected = 0;
        a->users = 0;
        a->reported = false;
    }
    a->last_ns = when_ns;
    a->rejected++;
    if (new_user)
        a->users++;
    if (a->reported || a->rejected < SIPDIAG_ATTACK_MIN)
        return false;
    a->reported = true;
    return true;
}

bool
sipdiag_attack_is_on(const sipdiag_attack_t *a, int64_t when_ns)
{
    return a->reported && when_ns >= a->last_ns && when_ns - a->last_ns <= SIPDIAG_ATTACK_WINDOW_NS;
}

bool
sipdiag_retry_too_early(int64_t now_ns, int64_t until_ns)
{
    return now_ns < until_ns;
}

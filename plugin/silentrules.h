/* silentrules.h
 * The plain-C decisions behind the failures that leave no error response:
 * when a request counts as unanswered, when retransmissions had stopped,
 * when rejected credentials from one source are an attack, when a retry
 * came too early. No Wireshark headers: unit-tested on their own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_SILENTRULES_H
#define SIPDIAG_SILENTRULES_H

#include <stdbool.h>
#include <stdint.h>

#define SIPDIAG_NS_PER_S INT64_C(1000000000)

/* RFC 3261 §17.1.1.2, §17.1.2.2: Timers B and F are 64*T1 = 32 s; §13.3.1.4:
 * a UAS gives up on the ACK of its 2xx after 64*T1 too. */
#define SIPDIAG_TIMER_64T1_NS (32 * SIPDIAG_NS_PER_S)

/* T2 (4 s): the longest gap between retransmissions of a non-INVITE
 * request; an INVITE's gaps double without that cap (§17.1.1.2). */
#define SIPDIAG_T2_NS (4 * SIPDIAG_NS_PER_S)

/* How one request was sent on its first link. */
typedef struct {
    int64_t first_ns;     /* capture time of the first transmission */
    int64_t last_ns;      /* of the last */
    int64_t last_gap_ns;  /* between the last two, 0 with one transmission */
    unsigned sends;
} sipdiag_sends_t;

/* One more transmission at when_ns. */
void sipdiag_sends_add(sipdiag_sends_t *s, int64_t when_ns);

/* What the end of the capture at end_ns says about a request that got no
 * response and whose 64*T1 had not run out: true when its retransmissions
 * had visibly stopped (sent at least twice and silent for more than twice
 * its last gap and more than T2), so the client gave up; false when the
 * capture simply ended too early to tell. */
bool sipdiag_sends_stopped(const sipdiag_sends_t *s, int64_t end_ns);

/* Rejected credentials from one source (RFC 3261 §22; the issue notes'
 * definition: on the server's latest nonce). An attack is at least
 * SIPDIAG_ATTACK_MIN of them within SIPDIAG_ATTACK_WINDOW_NS of each other. */
#define SIPDIAG_ATTACK_MIN 5
#define SIPDIAG_ATTACK_WINDOW_NS (60 * SIPDIAG_NS_PER_S)

typedef struct {
    int64_t first_ns;     /* first rejection of the current run */
    int64_t last_ns;      /* latest rejection */
    unsigned rejected;    /* rejections in the run */
    unsigned users;       /* distinct user names seen in the run (as told by the caller) */
    bool reported;        /* the run has been reported as an attack */
} sipdiag_attack_t;

/* One more rejection at when_ns (new_user: a user name not seen in this
 * run). A gap longer than the window starts a new run. True when this
 * rejection makes the run an attack for the first time. */
bool sipdiag_attack_reject(sipdiag_attack_t *a, int64_t when_ns, bool new_user);

/* True when the run counts as an attack (reported or large enough). */
bool sipdiag_attack_is_on(const sipdiag_attack_t *a, int64_t when_ns);

/* True when a request at now_ns comes before a Retry-After that ends at until_ns. */
bool sipdiag_retry_too_early(int64_t now_ns, int64_t until_ns);

#endif /* SIPDIAG_SILENTRULES_H */

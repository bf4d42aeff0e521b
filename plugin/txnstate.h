/* txnstate.h
 * The transaction and call state sipdiag keeps between frames on the first
 * pass, and when it lets it go: a transaction is dropped once no message of
 * it can still arrive (RFC 3261 §17 timers, counted in capture time), so the
 * state grows with the transactions open at once, not with the capture.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_TXNSTATE_H
#define SIPDIAG_TXNSTATE_H

#include <epan/packet.h>

#include "sipmsg.h"

/* The responses seen in a transaction (txnstate.c), to spot retransmissions. */
struct sipdiag_seen_response;

typedef struct {
    uint32_t request_frame;
    uint32_t cancel_frame;
    bool in_dialog;
    bool has_auth;                 /* the request carried Authorization */
    bool has_proxy_auth;           /* ... Proxy-Authorization */
    sipdiag_span_t auth_realm;     /* their realms, empty when they name none */
    sipdiag_span_t proxy_auth_realm;
    sipdiag_span_t offer;          /* the request's body, read only if the offer is refused */
    struct sipdiag_seen_response *responses;
    time_t created;                /* capture time of the request */
    time_t finished;               /* of the first final response, 0 before */
    bool invite;
} sipdiag_txn_t;

/* Creates the per-file maps; call once at registration. */
void sipdiag_txnstate_init(void);

/* Drops the transactions and calls no message can reach any more; cheap
 * when there is nothing to do. Call once per frame on the first pass. */
void sipdiag_txnstate_expire(const packet_info *pinfo);

/* The transaction of message m with this CSeq method, or NULL. */
sipdiag_txn_t *sipdiag_txn_find(const sipdiag_msginfo_t *m, sipdiag_span_t method);

/* A new transaction for request m (which must have a CSeq and a Call-ID),
 * keeping a copy of its offer (the body a 415, 488 or 606 may refuse). */
sipdiag_txn_t *sipdiag_txn_add(const packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_span_t offer);

/* Keeps a file-scope copy of s in *dst, a realm of a transaction, freed with it. */
void sipdiag_txn_keep(sipdiag_span_t *dst, sipdiag_span_t s);

/* Records a response in t; true (and *original) when the same code and To tag
 * were seen before in another frame: a retransmission. */
bool sipdiag_txn_response(const packet_info *pinfo, sipdiag_txn_t *t, const sipdiag_msginfo_t *m, int code,
                          uint32_t *original);

/* Remembers a BYE of the call m belongs to. */
void sipdiag_call_bye(const packet_info *pinfo, const sipdiag_msginfo_t *m);

/* The frame of a BYE of m's call sent by the other side (another From tag), or 0. */
uint32_t sipdiag_call_crossing_bye(const sipdiag_msginfo_t *m);

#endif /* SIPDIAG_TXNSTATE_H */

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

#include "ctxrules.h"
#include "sipmsg.h"

/* The responses seen in a transaction (txnstate.c), to spot retransmissions. */
struct sipdiag_seen_response;

/* Where a message travels: a hash of its source and destination addresses
 * and ports, once each way, so a response's `rev` equals its request's
 * `fwd` on the same link. Two copies of one message on two links (SPAN,
 * NAT) have different paths. */
typedef struct {
    uint64_t fwd;
    uint64_t rev;
} sipdiag_path_t;

/* A link a transaction's request was seen on: the first, then copies of it
 * on other links (NAT, a second capture point), newest first. */
typedef struct sipdiag_leg {
    struct sipdiag_leg *next;
    uint64_t path;                 /* fwd */
    int64_t last_sent;             /* capture time in ns of the last transmission */
    uint32_t frame;                /* where the request was first seen on this link */
    uint16_t sends;                /* transmissions; copies within the copy window not counted */
} sipdiag_leg_t;

typedef struct {
    sipdiag_leg_t leg;             /* the first link; leg.frame is the request's frame */
    uint32_t cancel_frame;
    bool cancel_elsewhere;         /* the CANCEL said Reason: SIP;cause=200 (answered elsewhere) */
    bool in_dialog;
    bool has_auth;                 /* the request carried Authorization */
    bool has_proxy_auth;           /* ... Proxy-Authorization */
    uint8_t auth_nonce;            /* sipdiag_nonce_state_t of each */
    uint8_t proxy_auth_nonce;
    sipdiag_span_t auth_realm;     /* their realms, empty when they name none */
    sipdiag_span_t proxy_auth_realm;
    sipdiag_span_t auth_user;      /* the username of the credentials (Authorization's first) */
    sipdiag_span_t offer;          /* the request's body, read only if the offer is refused */
    struct sipdiag_seen_response *responses;
    time_t created;                /* capture time of the request */
    time_t finished;               /* of the first final response, 0 before */
    bool invite;
    bool orphan;                   /* made from a response: the request is not in the capture (leg.frame 0) */
    struct sipdiag_watch *watch;   /* the timer that waits for its first response (silent.c), or NULL */
} sipdiag_txn_t;

/* What a response is, next to the others of its transaction. */
typedef enum {
    SIPDIAG_SEEN_NEW = 0,          /* the first of its kind on its link */
    SIPDIAG_SEEN_RETRANSMISSION,   /* the same response again on the same link */
    SIPDIAG_SEEN_DUPLICATE         /* the same message captured twice (SPAN, NAT, ERSPAN) */
} sipdiag_seen_t;

/* Two captures of one message are at most this far apart (nanoseconds):
 * far below any retransmission timer (T1 is 500 ms, RFC 3261 §17.1.1.1). */
#define SIPDIAG_COPY_WINDOW_NS 10000000

/* Creates the per-file maps; call once at registration. */
void sipdiag_txnstate_init(void);

/* Call once per SIP frame on the first pass, before anything else here:
 * advances the clock the state expires by (which ignores jumps of the
 * capture's clock, see below) and drops the transactions and calls no
 * message can reach any more; cheap when there is nothing to do. */
void sipdiag_txnstate_frame(const packet_info *pinfo);

/* True when the capture's clock jumped just before this frame (backwards by
 * more than a second, or forwards by more than a day) since the SIP frame
 * *prev; *delta is the jump in seconds. Transactions do not expire across
 * a jump: the state's clock stands still over it. Every pass. */
bool sipdiag_txnstate_clock_jump(uint32_t frame, uint32_t *prev, int64_t *delta);

/* The state's clock in nanoseconds: capture time, standing still over jumps. */
int64_t sipdiag_txnstate_now_ns(void);

/* The watch of a transaction that is being freed (silent.c). */
void sipdiag_silent_txn_gone(struct sipdiag_watch *w);

/* A 64-bit hash of some bytes (a Call-ID as a map key). */
uint64_t sipdiag_span_hash64(sipdiag_span_t s);

/* A hash of an address alone (no port): one source of requests. */
uint64_t sipdiag_address_hash(const address *a);

/* The path of this frame's messages. */
sipdiag_path_t sipdiag_path_of(const packet_info *pinfo);

/* The transaction of message m with this CSeq method, or NULL: the same top
 * Via branch and sent-by, Call-ID and CSeq number (RFC 3261 §17.1.3,
 * §17.2.3); for a branch without the magic cookie also the From tag (the
 * RFC 2543 rules, as far as a response carries them). */
sipdiag_txn_t *sipdiag_txn_find(const sipdiag_msginfo_t *m, sipdiag_span_t method);

/* A new transaction for request m (which must have a CSeq and a Call-ID),
 * keeping a copy of its offer (the body a 415, 488 or 606 may refuse). */
sipdiag_txn_t *sipdiag_txn_add(const packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_path_t path,
                               sipdiag_span_t offer);

/* A transaction for a response m whose request is not in the capture, so
 * that its retransmissions and its ACK are still recognised (a proxy that
 * repeats a 408 nobody acknowledges). Marked orphan, leg.frame 0. */
sipdiag_txn_t *sipdiag_txn_add_orphan(const packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_path_t path);

/* Request m of t seen again: a retransmission on its link, or a copy on a
 * new link, remembered as another leg. */
void sipdiag_txn_request_again(const packet_info *pinfo, sipdiag_txn_t *t, sipdiag_path_t path);

/* The frame of t's request on the link of a response with this path: the
 * leg the response travels back on, else the first. */
uint32_t sipdiag_txn_request_frame(const sipdiag_txn_t *t, sipdiag_path_t path);

/* Keeps a file-scope copy of s in *dst, a realm of a transaction, freed with it. */
void sipdiag_txn_keep(sipdiag_span_t *dst, sipdiag_span_t s);

/* Records a response in t and says what it is; for a retransmission or a
 * duplicate, *original is the frame it repeats. */
sipdiag_seen_t sipdiag_txn_response(const packet_info *pinfo, sipdiag_txn_t *t, const sipdiag_msginfo_t *m,
                                    int code, sipdiag_path_t path, uint32_t *original);

/* The final non-2xx response of INVITE transaction t that an ACK with
 * this path acknowledges (RFC 3261 §17.1.1.3: same branch, same hop), the
 * oldest one not yet acknowledged on the ACK's link, else on any; 0 if
 * none. *code gets its code. */
uint32_t sipdiag_txn_ack(sipdiag_txn_t *t, sipdiag_path_t path, int *code);

/* Remembers a 2xx to INVITE m (the first of its kind on its link), for its ACK. */
void sipdiag_answer_add(const packet_info *pinfo, const sipdiag_msginfo_t *m, int code, sipdiag_path_t path);

/* The 2xx an ACK m acknowledges: same Call-ID, CSeq number, From and To
 * tags (RFC 3261 §13.2.2.4; the ACK of a 2xx has a branch of its own), on
 * the ACK's link if one is there, else the oldest not yet acknowledged;
 * 0 if none. *code gets its code. */
uint32_t sipdiag_answer_ack(const sipdiag_msginfo_t *m, sipdiag_path_t path, int *code);

/* A challenge for realm with this nonce, sent on path (server to client). */
void sipdiag_nonce_issued(sipdiag_path_t path, sipdiag_span_t realm, sipdiag_span_t nonce);

/* How credentials for realm built on nonce, sent on path (client to
 * server), relate to the nonces that server gave that client. */
sipdiag_nonce_state_t sipdiag_nonce_judge(sipdiag_path_t path, sipdiag_span_t realm, sipdiag_span_t nonce);

/* Remembers a BYE of the call m belongs to. */
void sipdiag_call_bye(const packet_info *pinfo, const sipdiag_msginfo_t *m);

/* The frame of a BYE of m's call sent by the other side (another From tag), or 0. */
uint32_t sipdiag_call_crossing_bye(const sipdiag_msginfo_t *m);

#endif /* SIPDIAG_TXNSTATE_H */

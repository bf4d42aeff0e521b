/* ctxrules.h
 * The plain-C decisions behind a response's context: a 401/407 as the
 * normal first step or as refused credentials, a 487 after a CANCEL, a 481
 * in a BYE race. context.c gathers the facts from the transactions and
 * asks here. No Wireshark headers: unit-tested on their own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_CTXRULES_H
#define SIPDIAG_CTXRULES_H

#include <stdbool.h>
#include <stddef.h>

/* What the transaction says about a response, beyond its code. */
typedef enum {
    SIPDIAG_CTX_NONE = 0,
    SIPDIAG_CTX_CHALLENGE,            /* 401/407 to a request without credentials: the normal handshake */
    SIPDIAG_CTX_CREDENTIALS_REJECTED, /* challenged again although credentials for the realm were sent */
    SIPDIAG_CTX_STALE_NONCE,          /* stale=true: only the nonce expired */
    SIPDIAG_CTX_CANCELLED,            /* 487 after the caller's CANCEL */
    SIPDIAG_CTX_TERMINATED_UNSEEN,    /* 487 with no CANCEL in the capture */
    SIPDIAG_CTX_BYE_RACE,             /* 481 to BYE/CANCEL while the other side's BYE was under way */
    SIPDIAG_CTX_LOST_STATE,           /* 481 otherwise */
    SIPDIAG_CTX_GLARE,                /* 491: both sides offered at once */
    SIPDIAG_CTX_RETRANSMISSION,       /* the same response again */
    SIPDIAG_CTX_DUPLICATE,            /* the same message captured twice (SPAN, NAT, ERSPAN) */
    SIPDIAG_CTX_NONCE_CHANGED,        /* challenged again: the credentials used an older nonce */
    SIPDIAG_CTX_CREDENTIALS_UNJUDGED, /* challenged again: credentials on a nonce from before the capture */
    SIPDIAG_CTX_CHALLENGE_UNSEEN,     /* 401/407 whose request is not in the capture */
    SIPDIAG_CTX_CANCELLED_INVITE_UNSEEN, /* 487 after a CANCEL; the INVITE predates the capture */
    SIPDIAG_CTX_TERMINATED_REQUEST_UNSEEN, /* 487; neither the INVITE nor a CANCEL is in the capture */
    SIPDIAG_CTX_FORBIDDEN_CREDENTIALS, /* 403 to credentials on the server's latest nonce */
    SIPDIAG_CTX_ANSWERED_ELSEWHERE,   /* 487 after a CANCEL with Reason: SIP;cause=200 */
    SIPDIAG_CTX_COUNT
} sipdiag_ctx_kind_t;

/* How the credentials of a request relate to the nonces that server gave
 * for their realm in this capture. */
typedef enum {
    SIPDIAG_NONCE_NONE = 0,   /* no credentials */
    SIPDIAG_NONCE_LATEST,     /* built on the last nonce the server issued */
    SIPDIAG_NONCE_OLDER,      /* on a nonce the server has replaced since */
    SIPDIAG_NONCE_UNSEEN      /* on a nonce not issued in the capture */
} sipdiag_nonce_state_t;

/* What is known about a 401/407 and the request it answers. */
typedef struct {
    bool request_known;       /* the request is in the capture */
    bool parsed;              /* its WWW-/Proxy-Authenticate could be read */
    bool stale;               /* ... and says stale=true */
    bool credentials_sent;    /* the request carried credentials of the kind challenged */
    bool same_realm;          /* for the challenge's realm (or one of the two realms is unknown) */
    bool phrase_names_nonce;  /* the reason phrase speaks of the nonce ("nonce has changed") */
    sipdiag_nonce_state_t nonce; /* how those credentials' nonce relates to the server's */
} sipdiag_challenge_facts_t;

/* RFC 3261 §22.2, §22.3: the first challenge is the normal handshake; a new
 * one to credentials for the same realm refuses them, unless it only
 * renews the nonce (stale=true, the phrase, an older nonce), or the nonce
 * came from before the capture (then nothing can be said). */
sipdiag_ctx_kind_t sipdiag_ctx_challenge(const sipdiag_challenge_facts_t *f);

/* RFC 3261 §9.2: a 487 after the caller's CANCEL (answered elsewhere when it
 * said SIP;cause=200), or ended some other way. invite_known: the INVITE is
 * in the capture; cancel_seen: a CANCEL of it (found by branch, §9.1, even
 * when the INVITE is not); elsewhere: that CANCEL's Reason said cause 200. */
sipdiag_ctx_kind_t sipdiag_ctx_terminated(bool invite_known, bool cancel_seen, bool elsewhere);

/* A 481 to a BYE or CANCEL while the other side's BYE was under way is a
 * race both sides win (RFC 3261 §15.1.2); any other 481 means lost state. */
sipdiag_ctx_kind_t sipdiag_ctx_481(bool ending_request, bool crossing_bye);

/* True when a reason phrase speaks of the nonce ("401 nonce has changed"). */
bool sipdiag_ctx_phrase_names_nonce(const char *phrase, size_t len);

#endif /* SIPDIAG_CTXRULES_H */

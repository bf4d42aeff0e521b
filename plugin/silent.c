/* silent.c
 * Failures without an error response: timers for unanswered requests,
 * unacknowledged 2xx and unanswered challenges; counters per source for
 * rejected credentials; Retry-After promises; ICMP errors quoting SIP.
 * What counts as a failure is decided in silentrules.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "silent.h"

#include <stdio.h>

#include <epan/wmem_scopes.h>
#include <epan/to_str.h>

#include "hdrparse.h"
#include "silentrules.h"
#include "stats.h"
#include "textsplit.h"

/* The findings; names and severities are part of the interface (README). */
typedef enum {
    F_NO_RESPONSE,
    F_NO_ACK,
    F_CHALLENGE,
    F_ATTACK,
    F_RETRY,
    F_ICMP,
    F_FINAL_NOT_ACKED,  /* transaction faults: the statistics put them under Calls */
    F_NO_FINAL,
    F_UNKNOWN,      /* statistics only: the capture ended before the request could be judged */
    F_KINDS
} fkind_t;

/* Labels of the statistics' "Failures without an error response" branch. */
static const char *const kind_label[F_KINDS] = {
    [F_NO_RESPONSE] = "Requests without any response",
    [F_NO_ACK] = "2xx to INVITE never acknowledged",
    [F_CHALLENGE] = "Challenges never answered",
    [F_ATTACK] = "Password guessing",
    [F_RETRY] = "Retries before Retry-After",
    [F_ICMP] = "ICMP destination unreachable for SIP",
    [F_FINAL_NOT_ACKED] = "Final failure to INVITE never ACKed (final_not_acked)",
    [F_NO_FINAL] = "Provisional answer only, no final response (no_final)",
    [F_UNKNOWN] = "Unknown: the capture ended before the request's 32 s",
};

static int proto_sipdiag_silent = -1;
static expert_field ei_no_response_invite = EI_INIT;
static expert_field ei_no_response = EI_INIT;
static expert_field ei_no_ack = EI_INIT;
static expert_field ei_challenge_unanswered = EI_INIT;
static expert_field ei_auth_attack = EI_INIT;
static expert_field ei_auth_attack_accepted = EI_INIT;
static expert_field ei_retry_after_ignored = EI_INIT;
static expert_field ei_icmp_unreachable = EI_INIT;
static expert_field ei_final_not_acked = EI_INIT;
static expert_field ei_no_final = EI_INIT;

/* One finding: shown in the first pass on the frame that found it (the
 * frame's `current` list), in later passes on the frame it concerns. */
typedef struct finding {
    struct finding *next_now;       /* the current frame's list (first pass) */
    struct finding *next_concern;   /* the list of the frame it concerns */
    expert_field *ei;               /* NULL: statistics only */
    uint8_t kind;
    uint32_t concerns;              /* 0 until filed */
    const char *text;               /* file scope */
} finding_t;

static finding_t *current;          /* found in the frame being dissected (first pass) */
static uint32_t current_frame;
static wmem_tree_t *concerns;       /* frame -> finding_t list */
static bool finalized;

/* A timer (RFC 3261's 64*T1) waiting for a response, an ACK or a resent
 * request; W_TIMER_C waits 3 minutes for the final response of an INVITE
 * that got provisional ones (a proxy's Timer C, §16.6 step 11) in a FIFO of
 * its own, as every FIFO holds one duration. */
typedef enum { W_REQUEST, W_ANSWER, W_CHALLENGE, W_FINAL, W_TIMER_C } wkind_t;
#define TIMER_C_NS (180 * SIPDIAG_NS_PER_S)

struct sipdiag_watch {
    struct sipdiag_watch *next;     /* the FIFO, by deadline */
    int64_t deadline_ns;            /* state clock */
    uint32_t frame;                 /* the request, the 2xx or the challenge */
    uint32_t request_frame;         /* W_CHALLENGE, W_FINAL: the request answered (0: not captured) */
    uint32_t bye_frame;             /* W_ANSWER: a BYE of the dialog, 0 if none */
    int64_t bye_ns;                 /* ... and when it came */
    uint8_t kind;                   /* wkind_t */
    bool done;                      /* answered, acknowledged, resent, or its transaction gone */
    bool renewal;                   /* W_CHALLENGE: a new nonce for credentials already sent (stale, changed) */
    uint32_t provisional_frame;     /* W_REQUEST, W_TIMER_C: the latest provisional response, 0 if none */
    int64_t provisional_ns;         /* ... and when it came */
    int code;
    sipdiag_sends_t sends;
    sipdiag_txn_t *txn;             /* W_REQUEST */
    uint64_t call_hash;             /* W_ANSWER, W_CHALLENGE: the key in their map (of the Call-ID) */
    uint64_t path;                  /* W_ANSWER: the 2xx's direction (UAS to UAC), fwd */
    bool keyed;
    bool reliable;                  /* W_FINAL: sent over TCP (no Timer G) */
    char what[24];                  /* the method, for the message */
    char realm[64];                 /* W_CHALLENGE */
};
typedef struct sipdiag_watch watch_t;

static watch_t *fifo_head, *fifo_tail;
static watch_t *timer_c_head, *timer_c_tail;
static wmem_map_t *answers_by_frame;    /* 2xx frame -> watch */
static wmem_map_t *finals_by_frame;     /* non-2xx final to INVITE frame -> watch */
static wmem_map_t *answers_by_call;     /* Call-ID hash -> latest W_ANSWER watch */
static wmem_map_t *challenges_by_call;  /* Call-ID hash -> latest W_CHALLENGE watch */

/* Per source: rejected credentials (an attack run) and Retry-After promises. */
#define ATTACK_USERS 16
typedef struct {
    sipdiag_attack_t run;
    uint64_t users[ATTACK_USERS];   /* hashes of the user names of the run */
    unsigned n_users;
    uint32_t last_frame;            /* latest rejection */
    finding_t *finding;             /* the run's finding, filed when the run ends */
    char source[48];
} attack_t;

typedef struct {
    int64_t until_ns;
    uint32_t frame;
    int code;
    long seconds;
} retry_t;

static wmem_map_t *attacks;             /* uint64 address hash -> attack_t */
static wmem_map_t *retries;             /* uint64 (client path ^ target) -> retry_t */
static int64_t next_sweep_ns;
static int64_t last_frame_ns;           /* state clock of the last frame of the first pass */
#define SWEEP_NS (32 * SIPDIAG_NS_PER_S)

static void
silent_file_init(void)
{
    current = NULL;
    current_frame = 0;
    finalized = false;
    fifo_head = fifo_tail = NULL;
    timer_c_head = timer_c_tail = NULL;
    next_sweep_ns = 0;
    last_frame_ns = 0;
    concerns = wmem_tree_new(wmem_file_scope());
    answers_by_frame = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    finals_by_frame = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    answers_by_call = wmem_map_new(wmem_file_scope(), g_int64_hash, g_int64_equal);
    challenges_by_call = wmem_map_new(wmem_file_scope(), g_int64_hash, g_int64_equal);
    attacks = wmem_map_new(wmem_file_scope(), g_int64_hash, g_int64_equal);
    retries = wmem_map_new(wmem_file_scope(), g_int64_hash, g_int64_equal);
}

void
sipdiag_silent_init(void)
{
    register_init_routine(silent_file_init);
}

/* ---- findings ------------------------------------------------------------ */

static void
file_concern(finding_t *f, uint32_t frame)
{
    f->concerns = frame;
    f->next_concern = (finding_t *)wmem_tree_lookup32(concerns, frame);
    wmem_tree_insert32(concerns, frame, f);
}

/* A finding made now, in pinfo's frame; filed under `frame` unless 0. */
static finding_t * G_GNUC_PRINTF(5, 6)
add_finding(const packet_info *pinfo, fkind_t kind, expert_field *ei, uint32_t frame, const char *fmt, ...)
{
    va_list ap;
    finding_t *f = wmem_new0(wmem_file_scope(), finding_t);
    f->kind = (uint8_t)kind;
    f->ei = ei;
    va_start(ap, fmt);
    f->text = wmem_strdup_vprintf(wmem_file_scope(), fmt, ap);
    va_end(ap);
    if (pinfo != NULL) {
        if (current_frame != pinfo->num) {
            current = NULL;
            current_frame = pinfo->num;
        }
        f->next_now = current;
        current = f;
    }
    if (frame != 0)
        file_concern(f, frame);
    return f;
}

static double
seconds(int64_t ns)
{
    return (double)ns / (double)SIPDIAG_NS_PER_S;
}

/* ---- the timers ---------------------------------------------------------- */

static void
enqueue(watch_t **head, watch_t **tail, watch_t *w)
{
    w->next = NULL;
    if (*tail != NULL)
        (*tail)->next = w;
    else
        *head = w;
    *tail = w;
}

static watch_t *
watch_new(wkind_t kind, uint32_t frame, int64_t start_ns)
{
    watch_t *w = wmem_new0(wmem_file_scope(), watch_t);
    w->kind = (uint8_t)kind;
    w->frame = frame;
    sipdiag_sends_add(&w->sends, start_ns);
    if (kind == W_TIMER_C) {
        w->deadline_ns = start_ns + TIMER_C_NS;
        enqueue(&timer_c_head, &timer_c_tail, w);
    } else {
        w->deadline_ns = start_ns + SIPDIAG_TIMER_64T1_NS;
        enqueue(&fifo_head, &fifo_tail, w);
    }
    return w;
}

static void
copy_text(char *dst, size_t size, sipdiag_span_t s)
{
    size_t n = sipdiag_text_prefix(s.ptr, s.len, size - 1);
    for (size_t i = 0; i < n; i++)
        dst[i] = g_ascii_isprint(s.ptr[i]) ? s.ptr[i] : '?';
    dst[n] = '\0';
}

/* Keys a watch by the hash of its Call-ID in map (64 bits: a collision
 * would need billions of calls open at once). */
static void
watch_key(watch_t *w, wmem_map_t *map, sipdiag_span_t call_id, uint64_t link)
{
    w->call_hash = sipdiag_span_hash64(call_id) ^ link;
    /* The map keeps the key it was first given, which lives in the older
     * watch: drop that entry before keying the new one. */
    watch_t *old = (watch_t *)wmem_map_lookup(map, &w->call_hash);
    if (old != NULL) {
        wmem_map_remove(map, &old->call_hash);
        old->keyed = false;
    }
    wmem_map_insert(map, &w->call_hash, w);
    w->keyed = true;
}

static void
watch_unkey(watch_t *w, wmem_map_t *map)
{
    if (w->keyed)
        wmem_map_remove(map, &w->call_hash);
    w->keyed = false;
}

static watch_t *
watch_by_call(wmem_map_t *map, sipdiag_span_t call_id, uint64_t link)
{
    uint64_t h = sipdiag_span_hash64(call_id) ^ link;
    return wmem_map_size(map) > 0 ? (watch_t *)wmem_map_lookup(map, &h) : NULL;
}

void
sipdiag_silent_txn_gone(struct sipdiag_watch *w)
{
    /* Not done: a transaction swept unanswered (the next SIP frame came long
     * after it) still has its timer to run; only the link goes. */
    w->txn = NULL;
}

static void
fire_request(packet_info *pinfo, watch_t *w, bool at_end)
{
    bool invite = strcmp(w->what, "INVITE") == 0;
    if (w->txn != NULL)
        w->txn->watch = NULL;
    w->txn = NULL;
    w->done = true;     /* fired once, whoever fires it (a timer, the end of the capture) */
    if (w->provisional_frame != 0) {
        /* RFC 3261 §17.1.2.2: Timer F runs on after a provisional response. */
        add_finding(pinfo, F_NO_FINAL, &ei_no_final, w->frame,
                    "%s in frame %u got a provisional response (frame %u), no final one within 32 s (Timer F): the "
                    "next hop accepted it and lost it — check that hop and its next hop",
                    w->what, w->frame, w->provisional_frame);
        return;
    }
    add_finding(pinfo, F_NO_RESPONSE, invite ? &ei_no_response_invite : &ei_no_response, w->frame,
                "%s in frame %u sent %u time%s over %.1f s, no response %s — check routing, firewall, transport",
                w->what, w->frame, w->sends.sends, w->sends.sends == 1 ? "" : "s",
                seconds(w->sends.last_ns - w->sends.first_ns),
                at_end ? "by the end of the capture (retransmissions had stopped)" : "within 32 s (Timer B/F)");
}

static void
fire_answer(packet_info *pinfo, watch_t *w)
{
    if (w->bye_frame != 0)
        add_finding(pinfo, F_NO_ACK, &ei_no_ack, w->frame,
                    "%d to INVITE in frame %u never ACKed: sent %u time%s, BYE in frame %u %.1f s later — check its "
                    "Contact, Record-Route, NAT and the ACK's route", w->code, w->frame, w->sends.sends,
                    w->sends.sends == 1 ? "" : "s", w->bye_frame, seconds(w->bye_ns - w->sends.first_ns));
    else
        add_finding(pinfo, F_NO_ACK, &ei_no_ack, w->frame,
                    "%d to INVITE in frame %u sent %u times over %.1f s, never ACKed within 32 s — check its "
                    "Contact, Record-Route, NAT and the ACK's route", w->code, w->frame, w->sends.sends,
                    seconds(w->sends.last_ns - w->sends.first_ns));
}

static void
fire_challenge(packet_info *pinfo, watch_t *w)
{
    if (w->renewal)
        add_finding(pinfo, F_CHALLENGE, &ei_challenge_unanswered, w->frame,
                    "%d in frame %u gave a new nonce (realm \"%s\") for the %s in frame %u, not used within 32 s — "
                    "the UA mishandles nonce changes",
                    w->code, w->frame, w->realm, w->what, w->request_frame);
    else
        add_finding(pinfo, F_CHALLENGE, &ei_challenge_unanswered, w->frame,
                    "%d in frame %u (realm \"%s\") to the %s in frame %u: no credentials sent within 32 s — none "
                    "configured for this realm, or the challenge is unusable",
                    w->code, w->frame, w->realm, w->what, w->request_frame);
}

static void
fire_final(packet_info *pinfo, watch_t *w)
{
    /* RFC 3261 §17.2.1: Timer G repeats a non-2xx final until its ACK, Timer H gives up after 64*T1. */
    char invite[32] = "";
    if (w->request_frame != 0)
        snprintf(invite, sizeof invite, " in frame %u", w->request_frame);
    if (w->sends.sends == 1) {
        add_finding(pinfo, F_FINAL_NOT_ACKED, &ei_final_not_acked, w->frame,
                    "%d to the INVITE%s sent once over TCP, never ACKed on it within 32 s (Timer H): the client "
                    "never got it or ACKed another way — check the connection and Via sent-by", w->code, invite);
        return;
    }
    add_finding(pinfo, F_FINAL_NOT_ACKED, &ei_final_not_acked, w->frame,
                "%d to the INVITE%s sent %u times over %.1f s, never ACKed (Timer H, 32 s): the previous hop never "
                "got it or its ACK went astray — check Via sent-by/rport and NAT",
                w->code, invite, w->sends.sends, seconds(w->sends.last_ns - w->sends.first_ns));
}

static void
fire_timer_c(packet_info *pinfo, watch_t *w)
{
    add_finding(pinfo, F_NO_FINAL, &ei_no_final, w->frame,
                "INVITE in frame %u: provisional responses (last in frame %u), then no final response or CANCEL for "
                "3 minutes (Timer C, RFC 3261 §16.6) — check the callee side", w->frame, w->provisional_frame);
}

/* Whether a watch still waiting when it comes due is a finding. */
static void
fire(packet_info *pinfo, watch_t *w)
{
    switch ((wkind_t)w->kind) {
    case W_REQUEST:
        fire_request(pinfo, w, false);
        break;
    case W_ANSWER:
        /* Only a 2xx sent again shows that its UAS missed the ACK (§13.3.1.4);
         * a single one may have been ACKed past this capture point. */
        if (w->sends.sends >= 2)
            fire_answer(pinfo, w);
        break;
    case W_CHALLENGE:
        fire_challenge(pinfo, w);
        break;
    case W_FINAL:
        /* Over UDP Timer G repeats the response until an ACK comes: sent only
         * once, it was ACKed past this capture point. TCP has no Timer G. */
        if (w->sends.sends >= 2 || w->reliable)
            fire_final(pinfo, w);
        break;
    case W_TIMER_C:
        fire_timer_c(pinfo, w);
        break;
    }
}

static void
watch_free(watch_t *w)
{
    if (w->kind == W_ANSWER) {
        if (wmem_map_lookup(answers_by_frame, GUINT_TO_POINTER(w->frame)) == w)
            wmem_map_remove(answers_by_frame, GUINT_TO_POINTER(w->frame));
        watch_unkey(w, answers_by_call);
    } else if (w->kind == W_CHALLENGE) {
        watch_unkey(w, challenges_by_call);
    } else if (w->kind == W_FINAL) {
        if (wmem_map_lookup(finals_by_frame, GUINT_TO_POINTER(w->frame)) == w)
            wmem_map_remove(finals_by_frame, GUINT_TO_POINTER(w->frame));
    } else if (w->txn != NULL && w->txn->watch == w) {
        w->txn->watch = NULL;
    }
    wmem_free(wmem_file_scope(), w);
}

/* ---- per-source state ---------------------------------------------------- */

static void
close_attack(attack_t *a)
{
    if (a->finding == NULL)
        return;
    /* Two passes show the run on its last guess, with its final figures. */
    a->finding->text = wmem_strdup_printf(wmem_file_scope(),
                                          "%u rejected credentials for %u user name%s in %.1f s from %s, the "
                                          "last here: password guessing — block the source", a->run.rejected,
                                          a->n_users,
                                          a->n_users == 1 ? "" : "s", seconds(a->run.last_ns - a->run.first_ns),
                                          a->source);
    file_concern(a->finding, a->last_frame);
    a->finding = NULL;
}

static void
close_attack_cb(gpointer key _U_, gpointer value, gpointer data _U_)
{
    close_attack((attack_t *)value);
}

typedef struct {
    int64_t now;
    wmem_list_t *keys;
} expired_t;

static void
collect_attacks(gpointer key, gpointer value, gpointer data)
{
    expired_t *x = (expired_t *)data;
    attack_t *a = (attack_t *)value;
    if (x->now - a->run.last_ns > SIPDIAG_ATTACK_WINDOW_NS)
        wmem_list_append(x->keys, key);
}

static void
collect_retries(gpointer key, gpointer value, gpointer data)
{
    expired_t *x = (expired_t *)data;
    if (x->now >= ((const retry_t *)value)->until_ns)
        wmem_list_append(x->keys, key);
}

/* Per-source state lives only as long as it can matter (memory bounded by
 * what is open, the issue notes' budget). */
static void
sweep(packet_info *pinfo, int64_t now)
{
    expired_t x = { now, wmem_list_new(pinfo->pool) };
    wmem_map_foreach(attacks, collect_attacks, &x);
    for (wmem_list_frame_t *f = wmem_list_head(x.keys); f != NULL; f = wmem_list_frame_next(f)) {
        attack_t *a = (attack_t *)wmem_map_remove(attacks, wmem_list_frame_data(f));
        close_attack(a);
        wmem_free(wmem_file_scope(), wmem_list_frame_data(f));
        wmem_free(wmem_file_scope(), a);
    }
    x.keys = wmem_list_new(pinfo->pool);
    wmem_map_foreach(retries, collect_retries, &x);
    for (wmem_list_frame_t *f = wmem_list_head(x.keys); f != NULL; f = wmem_list_frame_next(f)) {
        wmem_free(wmem_file_scope(), wmem_map_remove(retries, wmem_list_frame_data(f)));
        wmem_free(wmem_file_scope(), wmem_list_frame_data(f));
    }
}

void
sipdiag_silent_frame(packet_info *pinfo)
{
    int64_t now = sipdiag_txnstate_now_ns();
    last_frame_ns = now;
    while (fifo_head != NULL && fifo_head->deadline_ns <= now) {
        watch_t *w = fifo_head;
        fifo_head = w->next;
        if (fifo_head == NULL)
            fifo_tail = NULL;
        if (!w->done)
            fire(pinfo, w);
        watch_free(w);
    }
    while (timer_c_head != NULL && timer_c_head->deadline_ns <= now) {
        watch_t *w = timer_c_head;
        timer_c_head = w->next;
        if (timer_c_head == NULL)
            timer_c_tail = NULL;
        /* Each provisional response restarts Timer C: wait again from the latest. */
        if (!w->done && w->provisional_ns + TIMER_C_NS > now) {
            w->deadline_ns = w->provisional_ns + TIMER_C_NS;
            enqueue(&timer_c_head, &timer_c_tail, w);
            continue;
        }
        if (!w->done)
            fire(pinfo, w);
        watch_free(w);
    }
    if (now >= next_sweep_ns) {
        next_sweep_ns = now + SWEEP_NS;
        sweep(pinfo, now);
    }
}

/* ---- events -------------------------------------------------------------- */

static uint64_t
retry_key(uint64_t client_path, sipdiag_span_t to)
{
    /* The target: the To URI, without display name and tag. */
    return sipdiag_span_hash64(sipdiag_header_uri(to)) ^ client_path;
}

void
sipdiag_silent_request(packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_txn_t *t, bool is_new,
                       sipdiag_path_t path)
{
    int64_t now = sipdiag_txnstate_now_ns();
    if (!is_new) {
        /* Retransmissions on the first link only; a copy on another link is another leg. */
        watch_t *w = t->watch;
        if (w != NULL && path.fwd == t->leg.path && now - w->sends.last_ns >= SIPDIAG_COPY_WINDOW_NS)
            sipdiag_sends_add(&w->sends, now);
        return;
    }
    watch_t *w = watch_new(W_REQUEST, pinfo->num, now);
    w->txn = t;
    t->watch = w;
    copy_text(w->what, sizeof w->what, m->cseq_method);

    /* Credentials in the same Call-ID answer a pending challenge. */
    if (m->authorization.len > 0 || m->proxy_authorization.len > 0) {
        /* The challenged client's next request travels the way the challenge came back. */
        watch_t *c = watch_by_call(challenges_by_call, m->call_id, path.fwd);
        if (c != NULL)
            c->done = true;
    }
    /* A new request to a target that asked to wait (RFC 3261 §20.33). */
    if (m->to_tag.len == 0 && wmem_map_size(retries) > 0) {
        uint64_t key = retry_key(path.fwd, m->to);
        retry_t *r = (retry_t *)wmem_map_lookup(retries, &key);
        if (r != NULL && sipdiag_retry_too_early(now, r->until_ns)) {
            add_finding(pinfo, F_RETRY, &ei_retry_after_ignored, pinfo->num,
                        "%s %.1f s before the Retry-After of %ld s of the %d in frame %u ran out: the client ignores "
                        "Retry-After (RFC 3261 §20.33)", w->what,
                        seconds(r->until_ns - now), r->seconds, r->code, r->frame);
            /* One finding per promise: the first early retry proves the point. */
            r->until_ns = now;
        }
    }
    /* A BYE within a dialog whose 2xx is still waiting for its ACK. */
    if (sipdiag_span_is(m->cseq_method, "BYE")) {
        watch_t *a = watch_by_call(answers_by_call, m->call_id, 0);
        /* Only the callee (the 2xx's sender, same direction) gives up on an ACK. */
        if (a != NULL && !a->done && path.fwd == a->path) {
            a->bye_frame = pinfo->num;
            a->bye_ns = now;
            /* A BYE about 64*T1 after the 2xx is the UAS giving up on the ACK
             * (§13.3.1.4); an earlier one ends the call for other reasons. */
            if (now - a->sends.first_ns >= SIPDIAG_TIMER_64T1_NS - 2 * SIPDIAG_NS_PER_S) {
                fire_answer(pinfo, a);
            }
            a->done = true;
        }
    }
}

static void
attack_rejected(packet_info *pinfo, const sipdiag_txn_t *t, int64_t now)
{
    uint64_t key = sipdiag_address_hash(&pinfo->dst);
    attack_t *a = (attack_t *)wmem_map_lookup(attacks, &key);
    if (a == NULL) {
        a = wmem_new0(wmem_file_scope(), attack_t);
        uint64_t *k = wmem_new(wmem_file_scope(), uint64_t);
        *k = key;
        g_strlcpy(a->source, address_to_str(pinfo->pool, &pinfo->dst), sizeof a->source);
        wmem_map_insert(attacks, k, a);
    }
    if (a->run.rejected > 0 && now - a->run.last_ns > SIPDIAG_ATTACK_WINDOW_NS) {
        close_attack(a);
        a->n_users = 0;
    }
    uint64_t user = t != NULL ? sipdiag_span_hash64(t->auth_user) : 0;
    bool new_user = true;
    for (unsigned i = 0; i < a->n_users && new_user; i++)
        new_user = a->users[i] != user;
    if (new_user && a->n_users < ATTACK_USERS)
        a->users[a->n_users++] = user;
    bool crossed = sipdiag_attack_reject(&a->run, now, new_user);
    a->last_frame = pinfo->num;
    if (crossed)
        a->finding = add_finding(pinfo, F_ATTACK, &ei_auth_attack, 0,
                                 "%u rejected credentials for %u user name%s in %.1f s from %s: password "
                                 "guessing — block the source", a->run.rejected,
                                 a->n_users, a->n_users == 1 ? "" : "s",
                                 seconds(a->run.last_ns - a->run.first_ns), a->source);
}

static void
attack_accepted(packet_info *pinfo, const sipdiag_txn_t *t, int code, int64_t now)
{
    uint64_t key = sipdiag_address_hash(&pinfo->dst);
    attack_t *a = (attack_t *)wmem_map_lookup(attacks, &key);
    if (a == NULL || !sipdiag_attack_is_on(&a->run, now))
        return;
    char user[64];
    copy_text(user, sizeof user, t->auth_user);
    add_finding(pinfo, F_ATTACK, &ei_auth_attack_accepted, pinfo->num,
                "%d: user \"%s\" accepted after %u rejected guesses in %.1f s from %s — cracked? change its "
                "password", code, user, a->run.rejected,
                seconds(now - a->run.first_ns), a->source);
    close_attack(a);
    memset(&a->run, 0, sizeof a->run);    /* a new run must reach the threshold again */
    a->n_users = 0;
}

void
sipdiag_silent_response(packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_txn_t *t, int code,
                        const sipdiag_context_t *ctx, long retry_after)
{
    int64_t now = sipdiag_txnstate_now_ns();
    if (t != NULL && t->watch != NULL) {
        watch_t *w = t->watch;
        if (code < 200 && w->kind == W_REQUEST && !t->invite) {
            /* A non-INVITE's Timer F runs on: a final response must follow. */
            w->provisional_frame = pinfo->num;
        } else if (code < 200 && w->kind == W_TIMER_C) {
            w->provisional_frame = pinfo->num;
            w->provisional_ns = now;
        } else {
            w->done = true;    /* the next hop is there (an INVITE's provisional: wait for Timer C) */
            w->txn = NULL;
            t->watch = NULL;
            if (code < 200 && t->invite) {
                watch_t *c = watch_new(W_TIMER_C, w->frame, now);
                c->provisional_frame = pinfo->num;
                c->provisional_ns = now;
                c->txn = t;
                t->watch = c;
            }
        }
    }
    if (ctx->kind == SIPDIAG_CTX_RETRANSMISSION || ctx->kind == SIPDIAG_CTX_DUPLICATE) {
        wmem_map_t *map = code >= 300 ? finals_by_frame : answers_by_frame;
        watch_t *w = ctx->kind == SIPDIAG_CTX_RETRANSMISSION && code >= 200
                     ? (watch_t *)wmem_map_lookup(map, GUINT_TO_POINTER(ctx->related_frame)) : NULL;
        if (w != NULL && !w->done)
            sipdiag_sends_add(&w->sends, now);
        return;
    }
    if (t != NULL && t->invite && code >= 300) {
        /* The ACK of a non-2xx final is hop by hop (§17.1.1.3): watched per response. */
        watch_t *w = watch_new(W_FINAL, pinfo->num, now);
        w->code = code;
        w->reliable = pinfo->ptype == PT_TCP;
        w->request_frame = ctx->request_frame;    /* the INVITE on this hop; 0 when not captured */
        wmem_map_insert(finals_by_frame, GUINT_TO_POINTER(pinfo->num), w);
    }
    if (t != NULL && t->invite && code >= 200 && code < 300) {
        watch_t *w = watch_new(W_ANSWER, pinfo->num, now);
        w->code = code;
        w->path = sipdiag_path_of(pinfo).fwd;
        wmem_map_insert(answers_by_frame, GUINT_TO_POINTER(pinfo->num), w);
        watch_key(w, answers_by_call, m->call_id, 0);
    }
    if (ctx->kind == SIPDIAG_CTX_CHALLENGE || ctx->kind == SIPDIAG_CTX_STALE_NONCE
        || ctx->kind == SIPDIAG_CTX_NONCE_CHANGED) {
        watch_t *w = watch_new(W_CHALLENGE, pinfo->num, now);
        w->code = code;
        w->request_frame = ctx->request_frame;
        w->renewal = ctx->kind != SIPDIAG_CTX_CHALLENGE;
        copy_text(w->what, sizeof w->what, m->cseq_method);
        sipdiag_auth_t a;
        sipdiag_span_t ch = code == 401 ? m->www_authenticate : m->proxy_authenticate;
        if (sipdiag_parse_auth(ch.ptr, ch.len, &a) == SIPDIAG_PARSE_OK)
            copy_text(w->realm, sizeof w->realm, a.realm);
        /* Per link: a proxy relays the same challenge on each hop, each hop is answered on its own. */
        watch_key(w, challenges_by_call, m->call_id, sipdiag_path_of(pinfo).rev);
    }
    if (ctx->kind == SIPDIAG_CTX_CREDENTIALS_REJECTED || ctx->kind == SIPDIAG_CTX_FORBIDDEN_CREDENTIALS)
        attack_rejected(pinfo, t, now);
    else if (code >= 200 && code < 300 && t != NULL && (t->has_auth || t->has_proxy_auth))
        attack_accepted(pinfo, t, code, now);
    if (retry_after >= 0 && code >= 300) {
        /* The client is where the response goes: its requests travel the reverse path. */
        sipdiag_path_t path = sipdiag_path_of(pinfo);
        uint64_t key = retry_key(path.rev, m->to), *k;
        retry_t *r = (retry_t *)wmem_map_lookup(retries, &key);
        if (r == NULL) {
            r = wmem_new(wmem_file_scope(), retry_t);
            k = wmem_new(wmem_file_scope(), uint64_t);
            *k = key;
            wmem_map_insert(retries, k, r);
        }
        r->until_ns = now + (int64_t)MIN(retry_after, 86400) * SIPDIAG_NS_PER_S;
        r->frame = pinfo->num;
        r->code = code;
        r->seconds = retry_after;
    }
}

void
sipdiag_silent_acked(uint32_t answer)
{
    watch_t *w = (watch_t *)wmem_map_lookup(answers_by_frame, GUINT_TO_POINTER(answer));
    if (w == NULL)
        w = (watch_t *)wmem_map_lookup(finals_by_frame, GUINT_TO_POINTER(answer));
    if (w != NULL)
        w->done = true;
}

void
sipdiag_silent_cancelled(sipdiag_txn_t *invite)
{
    /* The caller gave up: no final response is owed to Timer C any more. */
    if (invite->watch != NULL && invite->watch->kind == W_TIMER_C) {
        invite->watch->done = true;
        invite->watch->txn = NULL;
        invite->watch = NULL;
    }
}

/* RFC 792 and RFC 4443: what a destination-unreachable code says. */
static const char *
icmp_meaning(bool v6, unsigned code)
{
    static const value_string v4[] = {
        { 0, "network unreachable" }, { 1, "host unreachable" }, { 2, "protocol unreachable" },
        { 3, "port unreachable" }, { 4, "fragmentation needed" },
        { 9, "network administratively prohibited" }, { 10, "host administratively prohibited" },
        { 13, "administratively prohibited" }, { 0, NULL },
    };
    static const value_string v6v[] = {
        { 0, "no route to destination" }, { 1, "administratively prohibited" },
        { 3, "address unreachable" }, { 4, "port unreachable" },
        { 5, "source address failed policy" }, { 6, "reject route to destination" }, { 0, NULL },
    };
    return val_to_str_const(code, v6 ? v6v : v4, "other unreachable code");
}

void
sipdiag_silent_icmp(packet_info *pinfo, const sipdiag_msginfo_t *m, bool v6, unsigned type, unsigned code,
                    const char *to)
{
    /* Destination unreachable only: type 3 (ICMP), 1 (ICMPv6). */
    if (type != (v6 ? 1u : 3u))
        return;
    const char *meaning = icmp_meaning(v6, code);
    char what[24];
    copy_text(what, sizeof what, m->is_response ? (sipdiag_span_t){ "response", 8 } : m->cseq_method);
    sipdiag_txn_t *t = !m->is_response ? sipdiag_txn_find(m, m->cseq_method) : NULL;
    if (t != NULL && t->watch != NULL) {
        /* One failure, one finding: the ICMP error says why no response will come. */
        t->watch->done = true;
        t->watch->txn = NULL;
        t->watch = NULL;
    }
    if (t != NULL)
        add_finding(pinfo, F_ICMP, &ei_icmp_unreachable, pinfo->num,
                    "ICMP%s %s (code %u) for the %s in frame %u to %s: it never reached a SIP stack — check "
                    "address, port, firewall", v6 ? "v6" : "", meaning, code, what, t->leg.frame, to);
    else
        add_finding(pinfo, F_ICMP, &ei_icmp_unreachable, pinfo->num,
                    "ICMP%s %s (code %u) for a SIP %s to %s%s: it never reached a SIP stack — check address, port, "
                    "firewall", v6 ? "v6" : "", meaning, code, what, to,
                    m->is_response ? "" : " (not in the capture, or quoted too short)");
}

/* ---- the end of the capture, and showing findings ------------------------ */

/* Later passes start once the first is over: what is still waiting is
 * judged against the end of the capture. */
static void
finalize(void)
{
    finalized = true;
    for (watch_t *w = fifo_head; w != NULL; w = w->next) {
        if (w->done)
            continue;
        if (w->kind == W_REQUEST && w->provisional_frame == 0) {
            if (sipdiag_sends_stopped(&w->sends, last_frame_ns))
                fire_request(NULL, w, true);
            else
                add_finding(NULL, F_UNKNOWN, NULL, w->frame,
                            "%s in frame %u: no response yet when the capture ended %.1f s later, before its "
                            "32 s ran out — whether it was answered is unknown", w->what, w->frame,
                            seconds(last_frame_ns - w->sends.first_ns));
        }
    }
    /* Attack runs still open end with the capture (closing one leaves the map as it is). */
    wmem_map_foreach(attacks, close_attack_cb, NULL);
}

static void
show(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool items_seen, const finding_t *f)
{
    if (f->ei != NULL) {
        proto_item *ti = items_seen ? proto_tree_add_item(tree, proto_sipdiag_silent, tvb, 0, 0, ENC_NA) : NULL;
        if (ti != NULL)
            proto_item_append_text(ti, ": %s", kind_label[f->kind]);
        expert_add_info_format(pinfo, ti, f->ei, "%s", f->text);
    }
    if (sipdiag_stats_wanted()) {
        sipdiag_tap_info_t t = { .silent = kind_label[f->kind], .counted = true,
                                 .fault = f->kind == F_FINAL_NOT_ACKED || f->kind == F_NO_FINAL };
        sipdiag_stats_queue(pinfo, &t);
    }
}

void
sipdiag_silent_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool items_seen)
{
    if (!PINFO_FD_VISITED(pinfo)) {
        for (const finding_t *f = current_frame == pinfo->num ? current : NULL; f != NULL; f = f->next_now)
            show(tvb, pinfo, tree, items_seen, f);
        return;
    }
    if (!finalized)
        finalize();
    for (const finding_t *f = (const finding_t *)wmem_tree_lookup32(concerns, pinfo->num); f != NULL;
         f = f->next_concern)
        show(tvb, pinfo, tree, items_seen, f);
}

void
sipdiag_silent_register(int proto, expert_module_t *module)
{
    static ei_register_info ei[] = {
        { &ei_no_response_invite,
          { "sipdiag.expert.no_response", PI_RESPONSE_CODE, PI_ERROR,
            "An INVITE got no response at all within 64*T1 (32 s)", EXPFILL } },
        { &ei_no_response,
          { "sipdiag.expert.no_response", PI_RESPONSE_CODE, PI_WARN,
            "A request got no response at all within 64*T1 (32 s)", EXPFILL } },
        { &ei_no_ack,
          { "sipdiag.expert.no_ack", PI_RESPONSE_CODE, PI_ERROR,
            "A 2xx to INVITE was never acknowledged (RFC 3261 §13.3.1.4)", EXPFILL } },
        { &ei_challenge_unanswered,
          { "sipdiag.expert.challenge_unanswered", PI_RESPONSE_CODE, PI_WARN,
            "A 401/407 challenge was never answered with credentials", EXPFILL } },
        { &ei_auth_attack,
          { "sipdiag.expert.auth_attack", PI_SECURITY, PI_WARN,
            "Many rejected credentials from one source: password guessing", EXPFILL } },
        { &ei_auth_attack_accepted,
          { "sipdiag.expert.auth_attack", PI_SECURITY, PI_ERROR,
            "Credentials accepted from a source that was guessing passwords", EXPFILL } },
        { &ei_retry_after_ignored,
          { "sipdiag.expert.retry_after_ignored", PI_SEQUENCE, PI_NOTE,
            "A request came before the Retry-After of an earlier response had elapsed", EXPFILL } },
        { &ei_final_not_acked,
          { "sipdiag.expert.final_not_acked", PI_SEQUENCE, PI_WARN,
            "A final failure to INVITE was never ACKed (RFC 3261 §17.2.1, Timer H)", EXPFILL } },
        { &ei_no_final,
          { "sipdiag.expert.no_final", PI_SEQUENCE, PI_WARN,
            "A request got provisional responses only, never a final one (Timer F; Timer C for INVITE)", EXPFILL } },
        { &ei_icmp_unreachable,
          { "sipdiag.expert.icmp_unreachable", PI_RESPONSE_CODE, PI_WARN,
            "An ICMP destination-unreachable quotes a SIP message", EXPFILL } },
    };
    proto_sipdiag_silent = proto;
    expert_register_field_array(module, ei, array_length(ei));
}

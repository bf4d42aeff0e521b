/* calls.c
 * One verdict per call, the setup delay and duration behind it, the
 * registration attempts, and the RFC 6076 figures they feed (calls.h).
 *
 * A call lives in `calls` (by Call-ID) from its first INVITE until its
 * verdict is final and 32 s more have passed (late retransmissions, the
 * BYE's answer); an answered call stays until its BYE. What later passes
 * show is an entry_t per decision, listed under the frame it concerns once
 * it can no longer change: 72 bytes per call and 16 in the frame index.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "calls.h"

#include <epan/wmem_scopes.h>

#include "callrules.h"
#include "labels.h"
#include "reasons.h"
#include "silentrules.h"
#include "stats.h"

/* A call's state on the caller's hop. */
typedef enum {
    S_TRYING,       /* INVITE sent, no response yet */
    S_PROCEEDING,   /* provisional responses */
    S_STEP,         /* a final answer that is usually a step (401, 407, 422, 491, 3xx) */
    S_WAIT_ACK,     /* 2xx sent, ACK not seen yet */
    S_UP,           /* answered and acknowledged */
    S_DONE          /* verdict final; kept a little for late messages */
} state_t;

/* Why the verdict is what it is: picks the sentence shown with it. */
typedef enum {
    WHY_FINAL,
    WHY_CANCELLED,
    WHY_ELSEWHERE,
    WHY_ANSWERED,
    WHY_ANSWERED_BYE,
    WHY_UNACKED,
    WHY_DROPPED_NO_ACK,
    WHY_DROPPED_REASON,
    WHY_DROPPED_REFRESH,
    WHY_NO_RESPONSE,
    WHY_TIMER_C,
    WHY_CANCEL_NO_FINAL,
    WHY_STEP_LAST,
    WHY_UNKNOWN_START,
    WHY_UNKNOWN_END,
    WHY_UNKNOWN_ACK
} why_t;

typedef enum { E_VERDICT, E_DISCONNECT, E_REGISTRATION } ekind_t;

/* What a frame shows (and the statistics count) about a call or a registration. */
typedef struct entry {
    uint32_t concerns;          /* the frame later passes show it on, 0 until settled */
    uint8_t kind;               /* ekind_t */
    uint8_t verdict;            /* sipdiag_verdict_t */
    uint8_t why;                /* why_t */
    bool completed;             /* RFC 6076 SCR: answered and not dropped */
    bool failed;                /* E_REGISTRATION: the attempt failed */
    bool cut;                   /* E_REGISTRATION: the capture ended first */
    int16_t code;               /* the deciding final response, 0 if none */
    uint16_t steps;             /* earlier INVITEs of the call answered with a step */
    uint16_t sends;             /* transmissions of the deciding response */
    uint16_t hops;              /* hops the call's INVITE was seen on */
    uint32_t invite_frame;      /* E_REGISTRATION: the first REGISTER */
    uint32_t final_frame;
    uint32_t other_frame;       /* the ACK or CANCEL behind the verdict */
    uint32_t bye_frame;         /* the BYE that ended an answered call */
    int64_t setup_ns;           /* SRD per the issue: to the first 18x, else the final; E_DISCONNECT: SDD; E_REGISTRATION: RRD */
    int64_t disconnect_ns;      /* E_VERDICT: BYE to its 2xx (SDD), -1 */
    int64_t final_delay_ns;     /* INVITE to its final response (RFC 6076 failed-setup SRD), -1 */
    int64_t duration_ns;        /* 2xx to BYE; WHY_UNKNOWN_END: INVITE to the capture's end */
} entry_t;

typedef struct {
    uint64_t key;               /* Call-ID hash (the map's key points here) */
    uint64_t caller;            /* hash of the caller's From tag */
    uint64_t hop;               /* hash of the top Via sent-by of the caller's INVITE (hop_of) */
    uint64_t other_hops[3];     /* the other hops seen, to count each once */
    entry_t *e;
    int64_t invite_ns, provisional_ns, ring_ns, final_ns, cancel_ns, bye_ns, due_ns;
    uint32_t invite_cseq, refresh_cseq, bye_cseq;
    uint8_t state;              /* state_t */
    bool elsewhere;             /* the CANCEL said SIP;cause=200 */
    bool refresh_update;        /* the refresh in progress is an UPDATE */
    bool shown_answered;        /* one pass showed "answered" at the ACK */
    bool bye_answered;          /* the BYE's answer was measured */
    int64_t end_ns;             /* state clock of the call's latest message */
} call_t;

typedef struct {
    uint64_t key;               /* Call-ID hash */
    uint64_t hop;               /* hop_of the first REGISTER */
    int64_t first_ns, due_ns;
    uint32_t first_frame, last_frame;
    int code;                   /* the latest final answer */
} reg_t;

static int proto_sipdiag_calls = -1;
static int hf_call_verdict = -1;
static int hf_call_why = -1;
static int hf_call_code = -1;
static int hf_call_invite = -1;
static int hf_call_setup_delay = -1;
static int hf_call_duration = -1;
static int hf_call_hops = -1;
static int hf_call_steps = -1;
static int hf_call_disconnect_delay = -1;
static int hf_reg_outcome = -1;
static int hf_reg_delay = -1;
static gint ett_call = -1;

static wmem_map_t *calls;           /* Call-ID hash -> call_t (open calls) */
static wmem_map_t *regs;            /* Call-ID hash -> reg_t (registration attempts in progress) */
/* The settled entries by the frame they concern: appended as they settle,
 * sorted when a later pass first looks (a tree node per call would cost
 * three times the memory). */
typedef struct {
    uint32_t frame;
    uint32_t seq;               /* settling order, for a stable sort */
    entry_t *e;
} filed_t;
static wmem_array_t *filed;
static unsigned filed_sorted;       /* how many of `filed` are in order */
static int64_t next_due_ns;         /* earliest due time of any call or registration, 0: none */
static int64_t last_frame_ns;
static bool finalized;

/* The first pass shows what this frame decided (it need not be final
 * yet): a list in the frame's pool, as one frame may settle many timers. */
typedef struct {
    entry_t *e;
    bool show;
    bool tick;
} now_t;
static wmem_array_t *now_list;
static uint32_t now_frame;
/* Timers are looked at once per second of capture time at most: a scan of
 * the open calls each time a due time passes would cost too much when many
 * calls are up at once. */
#define SCAN_NS SIPDIAG_NS_PER_S
static int64_t last_scan_ns;

#define DONE_KEEP_NS SIPDIAG_TIMER_64T1_NS
#define UNKNOWN_KEEP_NS (600 * SIPDIAG_NS_PER_S)
#define TIMER_C_NS (180 * SIPDIAG_NS_PER_S)
/* The UAS's BYE after it gave up on the ACK of its 2xx comes 64*T1 later
 * (§13.3.1.4); a little earlier still counts (timers start on sending). */
#define NO_ACK_BYE_NS (SIPDIAG_TIMER_64T1_NS - 2 * SIPDIAG_NS_PER_S)

static void
calls_file_init(void)
{
    calls = wmem_map_new(wmem_file_scope(), g_int64_hash, g_int64_equal);
    regs = wmem_map_new(wmem_file_scope(), g_int64_hash, g_int64_equal);
    filed = wmem_array_new(wmem_file_scope(), sizeof(filed_t));
    filed_sorted = 0;
    next_due_ns = 0;
    last_frame_ns = 0;
    finalized = false;
    now_list = NULL;
    now_frame = 0;
    last_scan_ns = 0;
}

void
sipdiag_calls_init(void)
{
    register_init_routine(calls_file_init);
}

/* ---- entries ------------------------------------------------------------- */

static entry_t *
entry_new(ekind_t kind)
{
    entry_t *e = wmem_new0(wmem_file_scope(), entry_t);
    e->kind = (uint8_t)kind;
    e->setup_ns = e->final_delay_ns = e->duration_ns = e->disconnect_ns = -1;
    return e;
}

/* Shown (and, with tick, counted) on the frame being dissected, first pass. */
static void
emit_now(const packet_info *pinfo, entry_t *e, bool show, bool tick)
{
    if (pinfo == NULL)
        return;
    if (now_frame != pinfo->num || now_list == NULL) {
        now_list = wmem_array_new(pinfo->pool, sizeof(now_t));
        now_frame = pinfo->num;
    }
    now_t n = { e, show, tick };
    wmem_array_append_one(now_list, n);
}

/* The entry can no longer change: later passes show it on `frame`. */
static void
settle(entry_t *e, uint32_t frame)
{
    if (e->concerns != 0 || frame == 0)
        return;
    e->concerns = frame;
    filed_t f = { frame, wmem_array_get_count(filed), e };
    wmem_array_append_one(filed, f);
}

static void
want_due(int64_t due)
{
    if (due != 0 && (next_due_ns == 0 || due < next_due_ns))
        next_due_ns = due;
}

static void
set_due(call_t *c, int64_t due)
{
    c->due_ns = due;
    want_due(due);
}

/* ---- calls --------------------------------------------------------------- */

static uint64_t
key_of(sipdiag_span_t call_id)
{
    return sipdiag_span_hash64(call_id);
}

/* The hop a message belongs to: its top Via's sent-by. The client of each
 * hop puts its own Via on top (RFC 3261 §16.6) and the responses carry it
 * back, whatever ports the server answers from; NAT copies of one message
 * keep it. */
static uint64_t
hop_of(const sipdiag_msginfo_t *m)
{
    /* "host" and "host:5060" are the same sent-by (§18.2.1 default port):
     * phones drop the port between an INVITE and its retry. */
    sipdiag_span_t s = m->via_sent_by;
    if (s.len > 5 && memcmp(s.ptr + s.len - 5, ":5060", 5) == 0)
        s.len -= 5;
    return sipdiag_span_hash64(s);
}

/* The record of this Call-ID in map (calls, regs), or NULL. */
static void *
find(wmem_map_t *map, sipdiag_span_t call_id)
{
    if (wmem_map_size(map) == 0)
        return NULL;
    uint64_t k = key_of(call_id);
    return wmem_map_lookup(map, &k);
}

static call_t *
call_find(sipdiag_span_t call_id)
{
    return (call_t *)find(calls, call_id);
}

static call_t *
call_new(sipdiag_span_t call_id, int64_t now)
{
    call_t *c = wmem_new0(wmem_file_scope(), call_t);
    c->key = key_of(call_id);
    c->e = entry_new(E_VERDICT);
    c->e->hops = 1;
    c->end_ns = now;
    wmem_map_insert(calls, &c->key, c);
    return c;
}

/* The verdict is final: shown now (first pass) and filed for later passes. */
static void
decide(const packet_info *pinfo, call_t *c, sipdiag_verdict_t v, why_t why, uint32_t concern, int64_t now)
{
    entry_t *e = c->e;
    bool was_shown = c->shown_answered;
    e->verdict = (uint8_t)v;
    e->why = (uint8_t)why;
    e->completed = v == SIPDIAG_VERDICT_ANSWERED;
    /* Answered calls were shown at their ACK already: count them now, without showing them again. */
    emit_now(pinfo, e, !(was_shown && v == SIPDIAG_VERDICT_ANSWERED), true);
    settle(e, concern);
    c->state = S_DONE;
    set_due(c, now + (v == SIPDIAG_VERDICT_UNKNOWN ? UNKNOWN_KEEP_NS : DONE_KEEP_NS));
}

static bool
is_method(sipdiag_span_t m, const char *name)
{
    return sipdiag_span_is(m, name);
}

static void
initial_invite(packet_info *pinfo, const sipdiag_msginfo_t *m, bool is_new, int64_t now)
{
    call_t *c = call_find(m->call_id);
    uint64_t tag = sipdiag_span_hash64(sipdiag_msginfo_from_tag(m));
    if (c == NULL) {
        if (!is_new)
            return;
        c = call_new(m->call_id, now);
        c->caller = tag;
        c->hop = hop_of(m);
    } else if (c->caller != tag || c->state == S_DONE || c->state >= S_WAIT_ACK) {
        /* Another call reusing the Call-ID, or an INVITE after the outcome: not this call's. */
        return;
    } else if (hop_of(m) != c->hop) {
        /* The same call on the next hop (a proxy's capture): judged on the caller's. */
        uint64_t h = hop_of(m);
        for (unsigned i = 0; i < G_N_ELEMENTS(c->other_hops); i++) {
            if (c->other_hops[i] == h)
                return;
            if (c->other_hops[i] == 0) {
                c->other_hops[i] = h;
                c->e->hops++;
                return;
            }
        }
        return;
    } else if (!is_new) {
        return;
    } else {
        /* Sent again after a step (credentials, a longer Session-Expires, a new target). */
        if (c->e->steps < UINT16_MAX)
            c->e->steps++;
    }
    c->invite_cseq = m->cseq;
    c->invite_ns = now;
    c->ring_ns = c->provisional_ns = c->final_ns = c->cancel_ns = 0;
    c->e->invite_frame = pinfo->num;
    c->e->final_frame = c->e->other_frame = 0;
    c->e->code = 0;
    c->e->sends = 0;
    c->state = S_TRYING;
    c->end_ns = now;
    set_due(c, now + SIPDIAG_TIMER_64T1_NS);
}

/* Whether in-dialog request m belongs to call c: either tag is the caller's
 * (a BYE from the callee has From and To swapped). */
static bool
in_call(const call_t *c, const sipdiag_msginfo_t *m, uint64_t from_tag)
{
    return from_tag == c->caller
           || sipdiag_span_hash64(m->to_tag) == c->caller;
}

static void
bye(packet_info *pinfo, const sipdiag_msginfo_t *m, call_t *c, int64_t now, uint64_t from_tag)
{
    if (c->state != S_WAIT_ACK && c->state != S_UP)
        return;
    entry_t *e = c->e;
    bool from_caller = from_tag == c->caller;
    sipdiag_end_t end;
    bool abnormal = sipdiag_end_judge(m->reason, m->asterisk_cause_code, m->ms_diagnostics, &end)
                    && end.severity >= SIPDIAG_SEV_WARN;
    c->bye_ns = now;
    c->bye_cseq = m->cseq;
    e->bye_frame = pinfo->num;
    e->duration_ns = now - c->final_ns;
    if (c->state == S_WAIT_ACK && !from_caller && now - c->final_ns >= NO_ACK_BYE_NS) {
        decide(pinfo, c, SIPDIAG_VERDICT_DROPPED, WHY_DROPPED_NO_ACK, pinfo->num, now);
    } else if (abnormal) {
        decide(pinfo, c, SIPDIAG_VERDICT_DROPPED, WHY_DROPPED_REASON, pinfo->num, now);
    } else {
        /* A BYE shows the call was up even when its ACK passed elsewhere. */
        decide(pinfo, c, SIPDIAG_VERDICT_ANSWERED, c->state == S_UP ? WHY_ANSWERED : WHY_ANSWERED_BYE,
               e->final_frame, now);
    }
}

/* ---- registrations ------------------------------------------------------- */

static reg_t *
reg_find(sipdiag_span_t call_id)
{
    return (reg_t *)find(regs, call_id);
}

/* The attempt is over (or cut off by the capture). */
static void
reg_end(const packet_info *pinfo, reg_t *r, bool failed, bool cut, uint32_t frame, int64_t now)
{
    entry_t *e = entry_new(E_REGISTRATION);
    e->invite_frame = r->first_frame;
    e->final_frame = frame;
    e->code = (int16_t)r->code;
    e->failed = failed;
    e->cut = cut;
    if (!failed && !cut)
        e->setup_ns = now - r->first_ns;
    emit_now(pinfo, e, true, true);
    settle(e, frame);
    wmem_map_remove(regs, &r->key);
    wmem_free(wmem_file_scope(), r);
}

static void
register_request(packet_info *pinfo, const sipdiag_msginfo_t *m, bool is_new, int64_t now)
{
    if (!is_new)
        return;
    reg_t *r = reg_find(m->call_id);
    if (r == NULL) {
        r = wmem_new0(wmem_file_scope(), reg_t);
        r->key = key_of(m->call_id);
        r->hop = hop_of(m);
        r->first_ns = now;
        r->first_frame = pinfo->num;
        wmem_map_insert(regs, &r->key, r);
    } else if (r->hop != hop_of(m)) {
        return;    /* the registrar's side of a proxy: the same attempt */
    }
    r->last_frame = pinfo->num;
    r->due_ns = now + SIPDIAG_TIMER_64T1_NS;
    want_due(r->due_ns);
}

static void
register_response(packet_info *pinfo, const sipdiag_msginfo_t *m, int code, int64_t now)
{
    reg_t *r = reg_find(m->call_id);
    if (r == NULL || hop_of(m) != r->hop || code < 200)
        return;
    r->code = code;
    if (code == 401 || code == 407) {
        /* RFC 6076 §4.1: the challenge is part of the attempt; the client answers it. */
        r->last_frame = pinfo->num;
        r->due_ns = now + SIPDIAG_TIMER_64T1_NS;
        want_due(r->due_ns);
        return;
    }
    reg_end(pinfo, r, sipdiag_register_failed(code), false, pinfo->num, now);
}

/* ---- events -------------------------------------------------------------- */

void
sipdiag_calls_request(packet_info *pinfo, const sipdiag_msginfo_t *m, bool is_new)
{
    if (!m->has_cseq || m->call_id.len == 0)
        return;
    int64_t now = sipdiag_txnstate_now_ns();
    sipdiag_span_t method = m->cseq_method;
    if (is_method(method, "REGISTER")) {
        register_request(pinfo, m, is_new, now);
        return;
    }
    if (is_method(method, "INVITE") && m->to_tag.len == 0) {
        initial_invite(pinfo, m, is_new, now);
        return;
    }
    /* Only these requests change a call (OPTIONS pings, INFO, NOTIFY do not: no lookup for them). */
    if (!is_new || !(is_method(method, "BYE") || is_method(method, "CANCEL") || is_method(method, "INVITE")
                     || is_method(method, "UPDATE")))
        return;
    call_t *c = call_find(m->call_id);
    if (c == NULL)
        return;
    c->end_ns = now;
    if (is_method(method, "CANCEL")) {
        /* Only the caller's hop, and only before a final response (§9.2: later it ends nothing). */
        if (hop_of(m) == c->hop && c->e->other_frame == 0 && (c->state == S_TRYING || c->state == S_PROCEEDING)) {
            c->e->other_frame = pinfo->num;
            c->cancel_ns = now;
            c->elsewhere = sipdiag_reason_answered_elsewhere(m->reason);
            set_due(c, now + SIPDIAG_TIMER_64T1_NS);
        }
        return;
    }
    /* The From tag is read once: a BYE asks twice whose it is. */
    uint64_t from_tag = sipdiag_span_hash64(sipdiag_msginfo_from_tag(m));
    if (!in_call(c, m, from_tag)) {
        return;
    } else if (is_method(method, "BYE")) {
        bye(pinfo, m, c, now, from_tag);
    } else if (is_method(method, "INVITE") || is_method(method, "UPDATE")) {
        /* A re-INVITE or UPDATE: a 408 or 481 to it means the dialog is gone (RFC 5057). */
        c->refresh_cseq = m->cseq;
        c->refresh_update = is_method(method, "UPDATE");
    }
}

static void
invite_response(packet_info *pinfo, const sipdiag_msginfo_t *m, int code, int64_t now)
{
    call_t *c = call_find(m->call_id);
    if (c == NULL) {
        /* The capture starts after the INVITE: nothing can be judged. */
        c = call_new(m->call_id, now);
        c->e->final_frame = pinfo->num;
        c->e->code = (int16_t)code;
        decide(pinfo, c, SIPDIAG_VERDICT_UNKNOWN, WHY_UNKNOWN_START, pinfo->num, now);
        return;
    }
    if (hop_of(m) != c->hop)
        return;    /* another hop's answer */
    entry_t *e = c->e;
    c->end_ns = now;
    if (m->cseq == c->refresh_cseq && !c->refresh_update && (code == 408 || code == 481)
        && (c->state == S_UP || c->state == S_WAIT_ACK)) {
        e->code = (int16_t)code;
        decide(pinfo, c, SIPDIAG_VERDICT_DROPPED, WHY_DROPPED_REFRESH, pinfo->num, now);
        return;
    }
    if (m->cseq != c->invite_cseq || c->state >= S_STEP)
        return;
    if (code < 200) {
        c->provisional_ns = now;
        if (code >= 180 && c->ring_ns == 0) {
            c->ring_ns = now;
            e->setup_ns = now - c->invite_ns;
        }
        c->state = S_PROCEEDING;
        if (e->other_frame == 0)    /* no CANCEL: wait for Timer C */
            set_due(c, now + TIMER_C_NS);
        return;
    }
    c->final_ns = now;
    e->final_frame = pinfo->num;
    e->code = (int16_t)code;
    e->sends = 1;
    e->final_delay_ns = now - c->invite_ns;
    if (c->ring_ns == 0)
        e->setup_ns = e->final_delay_ns;
    if (code < 300) {
        c->state = S_WAIT_ACK;
        set_due(c, now + SIPDIAG_TIMER_64T1_NS);
    } else if (code != 487 && sipdiag_call_step(code)) {
        c->state = S_STEP;
        set_due(c, now + SIPDIAG_TIMER_64T1_NS);
    } else {
        bool cancelled = e->other_frame != 0 && c->cancel_ns != 0;
        sipdiag_verdict_t v = sipdiag_verdict_of_final(code, cancelled, c->elsewhere);
        /* How long it rang before the caller gave up. */
        if (cancelled && c->ring_ns != 0)
            e->duration_ns = c->cancel_ns - c->ring_ns;
        why_t why = v == SIPDIAG_VERDICT_CANCELLED ? WHY_CANCELLED
                  : v == SIPDIAG_VERDICT_ANSWERED_ELSEWHERE ? WHY_ELSEWHERE : WHY_FINAL;
        decide(pinfo, c, v, why, pinfo->num, now);
    }
}

void
sipdiag_calls_response(packet_info *pinfo, const sipdiag_msginfo_t *m, int code, const sipdiag_context_t *ctx)
{
    if (!m->has_cseq || m->call_id.len == 0 || ctx->kind == SIPDIAG_CTX_DUPLICATE)
        return;
    int64_t now = sipdiag_txnstate_now_ns();
    sipdiag_span_t method = m->cseq_method;
    if (ctx->kind == SIPDIAG_CTX_RETRANSMISSION) {
        call_t *c = is_method(method, "INVITE") ? call_find(m->call_id) : NULL;
        if (c != NULL && c->e->final_frame == ctx->related_frame && c->e->sends < UINT16_MAX)
            c->e->sends++;
        return;
    }
    if (is_method(method, "INVITE")) {
        invite_response(pinfo, m, code, now);
    } else if (is_method(method, "REGISTER")) {
        register_response(pinfo, m, code, now);
    } else if (code >= 200 && (is_method(method, "BYE") || is_method(method, "UPDATE"))) {
        call_t *c = call_find(m->call_id);
        if (c == NULL)
            return;
        if (is_method(method, "BYE") && c->bye_ns != 0 && m->cseq == c->bye_cseq && !c->bye_answered) {
            /* RFC 6076 §4.4: BYE to its 2xx. */
            c->bye_answered = true;
            if (code < 300) {
                /* Later passes show it with the verdict; this pass here, on its own. */
                c->e->disconnect_ns = now - c->bye_ns;
                entry_t *d = wmem_new0(pinfo->pool, entry_t);
                d->kind = E_DISCONNECT;
                d->setup_ns = c->e->disconnect_ns;
                emit_now(pinfo, d, true, true);
            }
        } else if (is_method(method, "UPDATE") && c->refresh_update && m->cseq == c->refresh_cseq
                   && (code == 408 || code == 481) && (c->state == S_UP || c->state == S_WAIT_ACK)) {
            c->e->code = (int16_t)code;
            decide(pinfo, c, SIPDIAG_VERDICT_DROPPED, WHY_DROPPED_REFRESH, pinfo->num, now);
        }
    }
}

void
sipdiag_calls_acked(packet_info *pinfo, const sipdiag_msginfo_t *m, int code)
{
    if (code < 200 || code >= 300)
        return;
    /* The ACK of a 2xx is end to end (§13.2.2.4): from the caller, in the
     * INVITE's CSeq, it shows the caller got the answer, on whichever hop
     * (without Record-Route it goes straight to the callee's Contact). */
    call_t *c = call_find(m->call_id);
    if (c == NULL || c->state != S_WAIT_ACK || m->cseq != c->invite_cseq
        || sipdiag_span_hash64(sipdiag_msginfo_from_tag(m)) != c->caller)
        return;
    c->state = S_UP;
    c->due_ns = 0;    /* open until its BYE */
    c->e->other_frame = pinfo->num;
    c->e->verdict = SIPDIAG_VERDICT_ANSWERED;
    c->e->why = WHY_ANSWERED;
    /* Known now; counted when the call ends (it may still be dropped). */
    c->shown_answered = true;
    emit_now(pinfo, c->e, true, false);
}

/* ---- timers -------------------------------------------------------------- */

static void
call_due(packet_info *pinfo, call_t *c, int64_t now)
{
    entry_t *e = c->e;
    c->due_ns = 0;
    switch ((state_t)c->state) {
    case S_TRYING:
    case S_PROCEEDING:
        if (e->other_frame != 0 && c->cancel_ns != 0) {
            decide(pinfo, c, SIPDIAG_VERDICT_UNANSWERED, WHY_CANCEL_NO_FINAL, e->other_frame, now);
        } else if (c->state == S_TRYING) {
            decide(pinfo, c, SIPDIAG_VERDICT_UNANSWERED, WHY_NO_RESPONSE, e->invite_frame, now);
        } else if (now - c->provisional_ns >= TIMER_C_NS) {
            decide(pinfo, c, SIPDIAG_VERDICT_UNANSWERED, WHY_TIMER_C, e->invite_frame, now);
        } else {
            set_due(c, c->provisional_ns + TIMER_C_NS);
        }
        break;
    case S_STEP:
        decide(pinfo, c, e->code < 400 ? SIPDIAG_VERDICT_REDIRECTED : SIPDIAG_VERDICT_REJECTED, WHY_STEP_LAST,
               e->final_frame, now);
        break;
    case S_WAIT_ACK:
        /* §13.3.1.4: a 2xx not sent again was probably ACKed past this capture point. */
        if (e->sends >= 2)
            decide(pinfo, c, SIPDIAG_VERDICT_UNACKNOWLEDGED, WHY_UNACKED, e->final_frame, now);
        else
            decide(pinfo, c, SIPDIAG_VERDICT_UNKNOWN, WHY_UNKNOWN_ACK, e->final_frame, now);
        break;
    case S_UP:
        break;
    case S_DONE:
        wmem_map_remove(calls, &c->key);
        wmem_free(wmem_file_scope(), c);
        break;
    }
}

typedef struct {
    int64_t now;
    int64_t next;
    wmem_list_t *calls;
    wmem_list_t *regs;
} due_t;

static void
collect_due(gpointer key _U_, gpointer value, gpointer data)
{
    due_t *d = (due_t *)data;
    call_t *c = (call_t *)value;
    if (c->due_ns == 0)
        return;
    if (c->due_ns <= d->now)
        wmem_list_append(d->calls, c);
    else if (d->next == 0 || c->due_ns < d->next)
        d->next = c->due_ns;
}

static void
collect_due_regs(gpointer key _U_, gpointer value, gpointer data)
{
    due_t *d = (due_t *)data;
    reg_t *r = (reg_t *)value;
    if (r->due_ns <= d->now)
        wmem_list_append(d->regs, r);
    else if (d->next == 0 || r->due_ns < d->next)
        d->next = r->due_ns;
}

void
sipdiag_calls_frame(packet_info *pinfo)
{
    int64_t now = sipdiag_txnstate_now_ns();
    last_frame_ns = now;
    if (next_due_ns == 0 || now < next_due_ns || now - last_scan_ns < SCAN_NS)
        return;
    last_scan_ns = now;
    due_t d = { now, 0, wmem_list_new(pinfo->pool), wmem_list_new(pinfo->pool) };
    wmem_map_foreach(calls, collect_due, &d);
    wmem_map_foreach(regs, collect_due_regs, &d);
    next_due_ns = d.next;
    for (wmem_list_frame_t *f = wmem_list_head(d.calls); f != NULL; f = wmem_list_frame_next(f))
        call_due(pinfo, (call_t *)wmem_list_frame_data(f), now);
    for (wmem_list_frame_t *f = wmem_list_head(d.regs); f != NULL; f = wmem_list_frame_next(f)) {
        /* No final answer, or a challenge left unanswered, within 32 s. */
        reg_t *r = (reg_t *)wmem_list_frame_data(f);
        reg_end(pinfo, r, true, false, r->last_frame, now);
    }
}

/* ---- the end of the capture ---------------------------------------------- */

static void
finalize_call(gpointer key _U_, gpointer value, gpointer data _U_)
{
    call_t *c = (call_t *)value;
    entry_t *e = c->e;
    switch ((state_t)c->state) {
    case S_UP:
        /* Still up when the capture ended: answered, nothing failed. */
        e->completed = true;
        settle(e, e->final_frame);
        break;
    case S_TRYING:
    case S_PROCEEDING:
    case S_STEP:
    case S_WAIT_ACK:
        e->verdict = SIPDIAG_VERDICT_UNKNOWN;
        e->why = WHY_UNKNOWN_END;
        e->duration_ns = last_frame_ns - c->invite_ns;
        settle(e, e->final_frame != 0 ? e->final_frame : e->invite_frame);
        break;
    case S_DONE:
        break;
    }
}

static void
finalize_reg(gpointer key _U_, gpointer value, gpointer data _U_)
{
    reg_t *r = (reg_t *)value;
    entry_t *e = entry_new(E_REGISTRATION);
    e->invite_frame = r->first_frame;
    e->final_frame = r->last_frame;
    e->code = (int16_t)r->code;
    e->cut = true;
    settle(e, r->last_frame);
}

static void
finalize(void)
{
    finalized = true;
    wmem_map_foreach(calls, finalize_call, NULL);
    wmem_map_foreach(regs, finalize_reg, NULL);
}

/* ---- showing ------------------------------------------------------------- */

static double
seconds(int64_t ns)
{
    return (double)ns / (double)SIPDIAG_NS_PER_S;
}

/* The sentence that says what the verdict rests on, frames and times included. */
static const char *
why_text(packet_info *pinfo, const entry_t *e)
{
    switch ((why_t)e->why) {
    case WHY_FINAL:
        return wmem_strdup_printf(pinfo->pool, "%d in frame %u to the INVITE in frame %u", e->code, e->final_frame,
                                  e->invite_frame);
    case WHY_CANCELLED:
        if (e->duration_ns >= 0)
            return wmem_strdup_printf(pinfo->pool, "the caller's CANCEL in frame %u after %.1f s of ringing; 487 in "
                                      "frame %u", e->other_frame, seconds(e->duration_ns), e->final_frame);
        return wmem_strdup_printf(pinfo->pool, "the caller's CANCEL in frame %u before any ringing; 487 in frame %u",
                                  e->other_frame, e->final_frame);
    case WHY_ELSEWHERE:
        return wmem_strdup_printf(pinfo->pool, "the CANCEL in frame %u says SIP cause 200: answered on another "
                                  "device; 487 in frame %u", e->other_frame, e->final_frame);
    case WHY_ANSWERED:
        if (e->bye_frame != 0)
            return wmem_strdup_printf(pinfo->pool, "%d in frame %u to the INVITE in frame %u, ACK in frame %u, BYE in "
                                      "frame %u after %.1f s", e->code, e->final_frame, e->invite_frame, e->other_frame,
                                      e->bye_frame, seconds(e->duration_ns));
        return wmem_strdup_printf(pinfo->pool, "%d in frame %u to the INVITE in frame %u, ACK in frame %u",
                                  e->code, e->final_frame, e->invite_frame, e->other_frame);
    case WHY_ANSWERED_BYE:
        return wmem_strdup_printf(pinfo->pool, "%d in frame %u, no ACK on this link, BYE in frame %u after %.1f s",
                                  e->code, e->final_frame, e->bye_frame, seconds(e->duration_ns));
    case WHY_UNACKED:
        return wmem_strdup_printf(pinfo->pool, "%d in frame %u sent %u times, never ACKed, no BYE within 32 s: "
                                  "the callee will have dropped it (RFC 3261 §13.3.1.4)", e->code, e->final_frame,
                                  e->sends);
    case WHY_DROPPED_NO_ACK:
        return wmem_strdup_printf(pinfo->pool, "%d in frame %u never ACKed; the callee's BYE in frame %u %.1f s later "
                                  "gave up on it", e->code, e->final_frame, e->bye_frame, seconds(e->duration_ns));
    case WHY_DROPPED_REASON:
        return wmem_strdup_printf(pinfo->pool, "answered in frame %u; the BYE in frame %u gives a failure as its "
                                  "cause (see Why the call ended)", e->final_frame, e->bye_frame);
    case WHY_DROPPED_REFRESH:
        return wmem_strdup_printf(pinfo->pool, "answered; %d in frame %u to a re-INVITE or UPDATE: the dialog is "
                                  "gone (RFC 5057)", e->code, e->concerns != 0 ? e->concerns : pinfo->num);
    case WHY_NO_RESPONSE:
        return wmem_strdup_printf(pinfo->pool, "the INVITE in frame %u got no response within 32 s", e->invite_frame);
    case WHY_TIMER_C:
        return wmem_strdup_printf(pinfo->pool, "the INVITE in frame %u got provisional responses only, then nothing "
                                  "for 3 minutes (Timer C)", e->invite_frame);
    case WHY_CANCEL_NO_FINAL:
        return wmem_strdup_printf(pinfo->pool, "the caller's CANCEL in frame %u got no final response to the INVITE "
                                  "in frame %u within 32 s", e->other_frame, e->invite_frame);
    case WHY_STEP_LAST:
        return wmem_strdup_printf(pinfo->pool, "%d in frame %u to the INVITE in frame %u, not followed by a new "
                                  "INVITE within 32 s", e->code, e->final_frame, e->invite_frame);
    case WHY_UNKNOWN_START:
        return wmem_strdup_printf(pinfo->pool, "the capture starts after the INVITE (first seen: %d in frame %u)",
                                  e->code, e->final_frame);
    case WHY_UNKNOWN_END:
        return wmem_strdup_printf(pinfo->pool, "the capture ends %.1f s after the INVITE in frame %u, before the "
                                  "outcome", seconds(e->duration_ns), e->invite_frame);
    case WHY_UNKNOWN_ACK:
        return wmem_strdup_printf(pinfo->pool, "%d in frame %u sent once, no ACK or BYE in the capture: the ACK may "
                                  "have passed another way", e->code, e->final_frame);
    }
    return "";
}

static void
show_verdict(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const entry_t *e)
{
    const char *verdict = sipdiag_verdict_name((sipdiag_verdict_t)e->verdict);
    proto_item *pi = proto_tree_add_item(tree, proto_sipdiag_calls, tvb, 0, 0, ENC_NA);
    proto_item_append_text(pi, ": call %s", verdict);
    proto_tree *ct = proto_item_add_subtree(pi, ett_call);
    sipdiag_gen_string(ct, hf_call_verdict, tvb, 0, 0, verdict);
    sipdiag_label_add_text(ct, pinfo, hf_call_why, tvb, 0, 0, why_text(pinfo, e));
    if (e->code != 0)
        sipdiag_gen_uint(ct, hf_call_code, tvb, 0, 0, (uint32_t)e->code);
    if (e->invite_frame != 0)
        sipdiag_gen_uint(ct, hf_call_invite, tvb, 0, 0, e->invite_frame);
    if (e->why != WHY_UNKNOWN_START && e->why != WHY_UNKNOWN_END)
        sipdiag_gen_time(ct, hf_call_setup_delay, tvb, e->setup_ns);
    if (e->why == WHY_ANSWERED || e->why == WHY_ANSWERED_BYE || e->why == WHY_DROPPED_REASON)
        sipdiag_gen_time(ct, hf_call_duration, tvb, e->duration_ns);
    sipdiag_gen_time(ct, hf_call_disconnect_delay, tvb, e->disconnect_ns);
    if (e->hops > 1)
        sipdiag_gen_uint(ct, hf_call_hops, tvb, 0, 0, e->hops);
    if (e->steps > 0)
        sipdiag_gen_uint(ct, hf_call_steps, tvb, 0, 0, e->steps);
}

static void
show_registration(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const entry_t *e)
{
    const char *outcome = e->cut ? "unknown: the capture ends before its outcome"
                        : !e->failed ? "registered"
                        : e->code == 0 ? "failed: no final response within 32 s"
                        : e->code == 401 || e->code == 407 ? wmem_strdup_printf(pinfo->pool, "failed: the %d challenge "
                                                                                "was not answered within 32 s", e->code)
                        : wmem_strdup_printf(pinfo->pool, "failed: %d", e->code);
    proto_item *pi = proto_tree_add_item(tree, proto_sipdiag_calls, tvb, 0, 0, ENC_NA);
    proto_item_append_text(pi, ": registration %s", outcome);
    proto_tree *ct = proto_item_add_subtree(pi, ett_call);
    sipdiag_gen_string(ct, hf_reg_outcome, tvb, 0, 0, outcome);
    sipdiag_gen_time(ct, hf_reg_delay, tvb, e->setup_ns);
}

/* Counts an entry; later passes count a call's disconnect delay with its
 * verdict, the first pass on the BYE's answer (an entry of its own). */
static void
tick(packet_info *pinfo, const entry_t *e)
{
    if (!sipdiag_stats_wanted())
        return;
    sipdiag_call_tap_t *c = wmem_new0(pinfo->pool, sipdiag_call_tap_t);
    c->kind = e->kind;
    c->code = e->code;
    c->setup_s = c->failed_setup_s = c->duration_s = c->sdd_s = -1;
    c->delay_s = e->setup_ns >= 0 ? seconds(e->setup_ns) : -1;
    if (e->kind == E_VERDICT) {
        sipdiag_verdict_t v = (sipdiag_verdict_t)e->verdict;
        c->verdict = sipdiag_verdict_name(v);
        c->cut = v == SIPDIAG_VERDICT_UNKNOWN;
        c->redirected = v == SIPDIAG_VERDICT_REDIRECTED;
        c->established = e->code >= 200 && e->code < 300;
        c->effective = sipdiag_rfc6076_effective(e->code);
        c->ineffective = sipdiag_rfc6076_ineffective(e->code);
        c->completed = e->completed;
        if (c->established && e->setup_ns >= 0)
            c->setup_s = seconds(e->setup_ns);
        else if (e->code >= 400 && e->final_delay_ns >= 0)
            c->failed_setup_s = seconds(e->final_delay_ns);
        if (PINFO_FD_VISITED(pinfo) && e->disconnect_ns >= 0)
            c->sdd_s = seconds(e->disconnect_ns);
        if ((v == SIPDIAG_VERDICT_ANSWERED || v == SIPDIAG_VERDICT_DROPPED) && e->why != WHY_DROPPED_REFRESH
            && e->why != WHY_DROPPED_NO_ACK && e->duration_ns >= 0)
            c->duration_s = seconds(e->duration_ns);
    } else if (e->kind == E_REGISTRATION) {
        c->failed = e->failed;
        c->cut = e->cut;
    }
    sipdiag_tap_info_t t = { .call = c, .counted = true };
    sipdiag_stats_queue(pinfo, &t);
}

static void
show(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool items_seen, const entry_t *e, bool visible,
     bool counted)
{
    if (visible && items_seen) {
        if (e->kind == E_VERDICT) {
            show_verdict(tvb, pinfo, tree, e);
        } else if (e->kind == E_REGISTRATION) {
            show_registration(tvb, pinfo, tree, e);
        } else {
            proto_item *pi = proto_tree_add_item(tree, proto_sipdiag_calls, tvb, 0, 0, ENC_NA);
            proto_item_append_text(pi, ": the BYE's answer");
            sipdiag_gen_time(proto_item_add_subtree(pi, ett_call), hf_call_disconnect_delay, tvb, e->setup_ns);
        }
    }
    if (counted)
        tick(pinfo, e);
}

static int
filed_order(const void *a, const void *b)
{
    const filed_t *x = (const filed_t *)a, *y = (const filed_t *)b;
    if (x->frame != y->frame)
        return x->frame < y->frame ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
sipdiag_calls_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool items_seen)
{
    if (!PINFO_FD_VISITED(pinfo)) {
        unsigned n = now_frame == pinfo->num && now_list != NULL ? wmem_array_get_count(now_list) : 0;
        for (unsigned i = 0; i < n; i++) {
            const now_t *x = (const now_t *)wmem_array_index(now_list, i);
            show(tvb, pinfo, tree, items_seen, x->e, x->show, x->tick);
        }
        return;
    }
    if (!finalized)
        finalize();
    unsigned n = wmem_array_get_count(filed);
    if (n == 0)
        return;
    filed_t *all = (filed_t *)wmem_array_get_raw(filed);
    if (filed_sorted != n) {
        qsort(all, n, sizeof *all, filed_order);
        filed_sorted = n;
    }
    /* The first entry of this frame, by binary search. */
    unsigned lo = 0, hi = n;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (all[mid].frame < pinfo->num)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < n && all[lo].frame == pinfo->num; lo++)
        show(tvb, pinfo, tree, items_seen, all[lo].e, true, true);
}

void
sipdiag_calls_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_call_verdict,
          { "Verdict", "sipdiag.call.verdict", FT_STRING, BASE_NONE, NULL, 0x0,
            "What happened to the call: answered, unacknowledged, busy, declined, unavailable, redirected, "
            "cancelled, answered_elsewhere, rejected, unanswered, dropped, unknown", HFILL } },
        { &hf_call_why,
          { "Because", "sipdiag.call.because", FT_STRING, BASE_NONE, NULL, 0x0,
            "The frames and times the verdict rests on", HFILL } },
        { &hf_call_code,
          { "Final response", "sipdiag.call.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The final response that decided the call", HFILL } },
        { &hf_call_invite,
          { "INVITE in frame", "sipdiag.call.invite_frame", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST),
            0x0, "The caller's last initial INVITE of the call", HFILL } },
        { &hf_call_setup_delay,
          { "Setup delay", "sipdiag.call.setup_delay", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "INVITE to the first 18x, or to the final response without one (RFC 6076 Session Request Delay)",
            HFILL } },
        { &hf_call_duration,
          { "Duration", "sipdiag.call.duration", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "2xx to BYE (RFC 6076 Session Duration Time)", HFILL } },
        { &hf_call_hops,
          { "Hops seen", "sipdiag.call.hops", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Hops the call's INVITE was captured on; the verdict is the caller's hop's", HFILL } },
        { &hf_call_steps,
          { "Earlier attempts", "sipdiag.call.steps", FT_UINT16, BASE_DEC, NULL, 0x0,
            "INVITEs of the call answered 401, 407, 422, 491 or 3xx and sent again", HFILL } },
        { &hf_call_disconnect_delay,
          { "Disconnect delay", "sipdiag.call.disconnect_delay", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "BYE to its 2xx (RFC 6076 Session Disconnect Delay)", HFILL } },
        { &hf_reg_outcome,
          { "Registration", "sipdiag.registration", FT_STRING, BASE_NONE, NULL, 0x0,
            "How a registration attempt (first REGISTER of a Call-ID to its final answer) ended", HFILL } },
        { &hf_reg_delay,
          { "Registration delay", "sipdiag.registration.delay", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "First REGISTER to its 2xx, challenge included (RFC 6076 Registration Request Delay)", HFILL } },
    };
    static gint *ett[] = { &ett_call };
    proto_sipdiag_calls = proto;
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}

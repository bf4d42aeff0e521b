/* txnstate.c
 * Transactions (one per hop: top Via branch and sent-by, Call-ID, CSeq
 * number and method), the BYEs of calls (Call-ID) and the nonces servers
 * issued, seen on the first pass, in wmem file scope, and their expiry.
 *
 * Everything here is freed one by one when it expires (wmem_free on the
 * file scope's block allocator reuses the memory), and all at once with
 * the file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "txnstate.h"

#include <epan/wmem_scopes.h>

#include "silentrules.h"

/* How long state is kept, in seconds of capture time (RFC 3261 §17). After
 * the final response, retransmissions of it and the ACK stop within 64*T1
 * (32 s; Timers H, J), and the sweep adds up to SWEEP_INTERVAL more. A
 * non-INVITE transaction without a final response has timed out after
 * Timer F (64*T1); twice that is kept. An INVITE may ring much longer: a
 * proxy's Timer C is "greater than 3 minutes"; ten minutes covers any real
 * ringing. A BYE is kept as long as a late 481 to the other side's BYE may
 * come. */
#define KEEP_AFTER_FINAL 32
#define KEEP_NON_INVITE 64
#define KEEP_INVITE 600
#define KEEP_BYE 64
/* A server's latest nonce for a realm: phones re-register every hour or so
 * and reuse it until challenged again. */
#define KEEP_NONCE 3600
/* A 2xx to INVITE waits for its ACK while the UAS retransmits it (64*T1,
 * RFC 3261 §13.3.1.4), and the sweep adds up to SWEEP_INTERVAL more. */
#define KEEP_ANSWER 32
/* A jump of the capture's clock: backwards by more than this (merged
 * captures may be a little out of order), or forwards by more than a day
 * (a real pause in SIP traffic that long ends every transaction anyway). */
#define JUMP_BACK (-1)
#define JUMP_FORWARD 86400
/* The maps are swept for expired entries this often (capture time). */
#define SWEEP_INTERVAL 32

/* A transaction's key. For a lookup it points into the message (nothing is
 * allocated); stored, into file-scope copies. Every proxy puts its own Via
 * on top (RFC 3261 §16.6), so the top Via's branch and sent-by tell the
 * hops of one call apart: a capture at a proxy holds each transaction once
 * per hop with the same Call-ID and CSeq. Call-ID and CSeq number stay in
 * the key so that a UA that repeats a branch does not merge transactions.
 * from_tag is only filled for branches without the magic cookie. */
typedef struct {
    sipdiag_span_t call_id;
    uint32_t cseq;
    sipdiag_span_t method;
    sipdiag_span_t branch;
    sipdiag_span_t sent_by;
    sipdiag_span_t from_tag;
} txn_key_t;

/* A stored transaction: key, state and the bytes of the key's Call-ID and
 * method and of the offer, in one allocation (one alloc and one free each:
 * this is done for every request of a capture). The map's key is &key. */
typedef struct {
    txn_key_t key;
    sipdiag_txn_t txn;
    char bytes[];
} txn_entry_t;

/* A response already seen in a transaction, to spot retransmissions and
 * capture duplicates. */
struct sipdiag_seen_response {
    struct sipdiag_seen_response *next;
    int code;
    uint32_t frame;
    uint64_t path;   /* fwd */
    int64_t when;    /* capture time in ns, as captured (not the state's clock) */
    uint8_t seen;    /* sipdiag_seen_t */
    bool acked;      /* a final non-2xx whose ACK came */
    sipdiag_span_t to_tag;
    char bytes[];    /* the To tag */
};

/* The 2xx responses to one INVITE with one To tag, for their ACK. */
typedef struct {
    sipdiag_span_t call_id;
    uint32_t cseq;
    sipdiag_span_t from_tag;
    sipdiag_span_t to_tag;
} answer_key_t;

typedef struct answer {
    struct answer *next;
    uint32_t frame;
    int code;
    uint64_t path;   /* fwd */
    bool acked;
} answer_t;

typedef struct {
    answer_key_t key;
    answer_t *answers;    /* newest first */
    time_t when;          /* of the newest */
    char bytes[];         /* Call-ID, From tag, To tag */
} answer_entry_t;

/* The latest nonce a server gave one client for a realm: servers hand each
 * client its own nonces, so another phone's challenge replaces nothing. */
typedef struct {
    uint64_t link;            /* path (fwd) of the challenge: server to client */
    sipdiag_span_t realm;
} nonce_key_t;

typedef struct {
    nonce_key_t key;
    sipdiag_span_t nonce;
    time_t when;
    char bytes[];    /* realm, then nonce */
} nonce_entry_t;

/* A jump of the capture's clock before a frame. */
typedef struct {
    uint32_t prev;
    int64_t delta;
} jump_t;

/* The BYEs of a call, by the From tag of the side that sent them. */
typedef struct bye {
    struct bye *next;
    sipdiag_span_t from_tag;
    uint32_t frame;
    time_t when;
    char bytes[];    /* the From tag */
} bye_t;

/* A call's key: its Call-ID, with the bytes. */
typedef struct {
    sipdiag_span_t call_id;
    char bytes[];
} call_key_t;

static wmem_map_t *txns;     /* txn_key_t -> sipdiag_txn_t */
static wmem_map_t *calls;    /* sipdiag_span_t (Call-ID) -> bye_t list, newest first */
static wmem_map_t *nonces;   /* nonce_key_t -> nonce_entry_t */
static wmem_map_t *answers;  /* answer_key_t -> answer_entry_t */
static time_t next_sweep;

/* The state's clock: capture time with every jump taken out. */
static time_t now;
static int64_t now_ns;      /* the same clock in nanoseconds */
static time_t clock_offset;
static time_t last_secs;
static uint32_t last_frame;
static bool clock_started;
static wmem_tree_t *jumps;   /* frame -> jump_t; file scope */
static unsigned n_jumps;

/* Eight bytes at a time, each word mixed in by a multiply: Call-IDs run to
 * dozens of bytes and every SIP message hashes one or two keys, so a
 * byte-at-a-time hash was a tenth of sipdiag's cost. Not seeded: the maps
 * only ever hold one capture's keys. */
#define HASH_MUL UINT64_C(0x9E3779B97F4A7C15)

static uint64_t
bytes_hash64(const void *p, size_t len, uint64_t seed)
{
    const char *b = (const char *)p;
    uint64_t h = (seed ^ len) * HASH_MUL, w;
    size_t i = 0;

    for (; i + sizeof w <= len; i += sizeof w) {
        memcpy(&w, b + i, sizeof w);
        h = (h ^ w) * HASH_MUL;
        h ^= h >> 29;
    }
    w = 0;
    if (i < len)
        memcpy(&w, b + i, len - i);
    h = (h ^ w) * HASH_MUL;
    return h ^ (h >> 32);
}

static guint
span_hash(sipdiag_span_t s, guint seed)
{
    return (guint)bytes_hash64(s.ptr, s.len, seed);
}

static guint
txn_hash(gconstpointer k)
{
    const txn_key_t *t = (const txn_key_t *)k;
    /* The branch alone is nearly unique; the Call-ID is long and adds little. */
    return span_hash(t->method, span_hash(t->branch, t->cseq));
}

static gboolean
txn_equal(gconstpointer a, gconstpointer b)
{
    const txn_key_t *x = (const txn_key_t *)a, *y = (const txn_key_t *)b;
    return x->cseq == y->cseq && sipdiag_span_equal(x->branch, y->branch) && sipdiag_span_equal(x->method, y->method)
           && sipdiag_span_equal(x->sent_by, y->sent_by) && sipdiag_span_equal(x->call_id, y->call_id)
           && sipdiag_span_equal(x->from_tag, y->from_tag);
}

static guint
nonce_hash(gconstpointer k)
{
    const nonce_key_t *n = (const nonce_key_t *)k;
    return span_hash(n->realm, (guint)n->link);
}

static gboolean
nonce_equal(gconstpointer a, gconstpointer b)
{
    const nonce_key_t *x = (const nonce_key_t *)a, *y = (const nonce_key_t *)b;
    return x->link == y->link && sipdiag_span_equal(x->realm, y->realm);
}

static guint
answer_hash(gconstpointer k)
{
    const answer_key_t *a = (const answer_key_t *)k;
    return span_hash(a->to_tag, span_hash(a->from_tag, a->cseq));
}

static gboolean
answer_equal(gconstpointer a, gconstpointer b)
{
    const answer_key_t *x = (const answer_key_t *)a, *y = (const answer_key_t *)b;
    return x->cseq == y->cseq && sipdiag_span_equal(x->to_tag, y->to_tag) && sipdiag_span_equal(x->from_tag, y->from_tag)
           && sipdiag_span_equal(x->call_id, y->call_id);
}

static uint64_t
endpoint_hash(const address *a, uint32_t port)
{
    return bytes_hash64(a->data, a->data != NULL ? (size_t)a->len : 0, ((uint64_t)a->type << 32) | port);
}

uint64_t
sipdiag_span_hash64(sipdiag_span_t s)
{
    return bytes_hash64(s.ptr, s.len, 0);
}

uint64_t
sipdiag_address_hash(const address *a)
{
    return endpoint_hash(a, 0);
}

/* Order matters: (a, b) and (b, a) are the two directions of one link. */
static uint64_t
pair_hash(uint64_t a, uint64_t b)
{
    uint64_t h = (a * HASH_MUL) ^ b;
    h *= HASH_MUL;
    return h ^ (h >> 29);
}

static int64_t
ns_of(const nstime_t *t)
{
    return (int64_t)t->secs * 1000000000 + t->nsecs;
}

sipdiag_path_t
sipdiag_path_of(const packet_info *pinfo)
{
    uint64_t src = endpoint_hash(&pinfo->src, pinfo->srcport), dst = endpoint_hash(&pinfo->dst, pinfo->destport);
    return (sipdiag_path_t){ pair_hash(src, dst), pair_hash(dst, src) };
}

static guint
call_hash(gconstpointer k)
{
    return span_hash(*(const sipdiag_span_t *)k, 0);
}

static gboolean
call_equal(gconstpointer a, gconstpointer b)
{
    return sipdiag_span_equal(*(const sipdiag_span_t *)a, *(const sipdiag_span_t *)b);
}

/* Sweeping starts afresh with every file. */
static void
txnstate_file_init(void)
{
    next_sweep = 0;
    now = 0;
    now_ns = 0;
    clock_offset = 0;
    last_secs = 0;
    last_frame = 0;
    clock_started = false;
    jumps = wmem_tree_new(wmem_file_scope());
    n_jumps = 0;
}

static void
txnstate_file_cleanup(void)
{
    jumps = NULL;
    n_jumps = 0;
}

void
sipdiag_txnstate_init(void)
{
    txns = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), txn_hash, txn_equal);
    calls = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), call_hash, call_equal);
    nonces = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), nonce_hash, nonce_equal);
    answers = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), answer_hash, answer_equal);
    register_init_routine(txnstate_file_init);
    register_cleanup_routine(txnstate_file_cleanup);
}

static sipdiag_span_t
span_keep(sipdiag_span_t s)
{
    return (sipdiag_span_t){ s.len > 0 ? wmem_memdup(wmem_file_scope(), s.ptr, s.len) : NULL, s.len };
}

static void
span_free(sipdiag_span_t s)
{
    wmem_free(wmem_file_scope(), (void *)s.ptr);
}

/* Copies s into dst (room for s.len bytes) and returns the span of the copy. */
static sipdiag_span_t
copy_into(char *dst, sipdiag_span_t s)
{
    if (s.len == 0)
        return (sipdiag_span_t){ NULL, 0 };
    memcpy(dst, s.ptr, s.len);
    return (sipdiag_span_t){ dst, s.len };
}

static bool
txn_expired(const sipdiag_txn_t *t, time_t now)
{
    if (t->finished != 0)
        return now - t->finished > KEEP_AFTER_FINAL;
    return now - t->created > (t->invite ? KEEP_INVITE : KEEP_NON_INVITE);
}

static void
txn_free(txn_key_t *key)
{
    txn_entry_t *e = (txn_entry_t *)key;    /* the key is the entry's first member */
    for (struct sipdiag_seen_response *s = e->txn.responses, *next; s != NULL; s = next) {
        next = s->next;
        wmem_free(wmem_file_scope(), s);
    }
    for (sipdiag_leg_t *l = e->txn.leg.next, *next; l != NULL; l = next) {
        next = l->next;
        wmem_free(wmem_file_scope(), l);
    }
    span_free(e->txn.auth_realm);
    span_free(e->txn.proxy_auth_realm);
    span_free(e->txn.auth_user);
    if (e->txn.watch != NULL)
        sipdiag_silent_txn_gone(e->txn.watch);
    wmem_free(wmem_file_scope(), e);
}

static void
bye_list_free(call_key_t *key, bye_t *b)
{
    for (bye_t *next; b != NULL; b = next) {
        next = b->next;
        wmem_free(wmem_file_scope(), b);
    }
    wmem_free(wmem_file_scope(), key);
}

/* Whether a map's entry (its value) has expired at time now; how to free it. */
typedef bool (*expired_fn)(const void *value, time_t now);
typedef void (*drop_fn)(void *key, void *value);

typedef struct {
    time_t now;
    expired_fn expired;
    wmem_list_t *keys;    /* of the entries to drop; a map cannot lose entries while it is walked */
} sweep_t;

static void
collect_expired(gpointer key, gpointer value, gpointer user_data)
{
    sweep_t *s = (sweep_t *)user_data;
    if (s->expired(value, s->now))
        wmem_list_append(s->keys, key);
}

/* Drops the expired entries of map. The keys listed are the stored ones,
 * not copies: removing one does not free it, drop does. */
static void
sweep(wmem_map_t *map, wmem_allocator_t *pool, expired_fn expired, drop_fn drop)
{
    sweep_t s = { now, expired, wmem_list_new(pool) };
    wmem_map_foreach(map, collect_expired, &s);
    for (wmem_list_frame_t *f = wmem_list_head(s.keys); f != NULL; f = wmem_list_frame_next(f)) {
        void *key = wmem_list_frame_data(f);
        drop(key, wmem_map_remove(map, key));
    }
}

static bool
txn_expired_at(const void *value, time_t t)
{
    return txn_expired((const sipdiag_txn_t *)value, t);
}

static bool
bye_expired_at(const void *value, time_t t)
{
    return t - ((const bye_t *)value)->when > KEEP_BYE;
}

static bool
answer_expired_at(const void *value, time_t t)
{
    return t - ((const answer_entry_t *)value)->when > KEEP_ANSWER;
}

static bool
nonce_expired_at(const void *value, time_t t)
{
    return t - ((const nonce_entry_t *)value)->when > KEEP_NONCE;
}

static void
answer_free(answer_entry_t *e)
{
    for (answer_t *a = e->answers, *next; a != NULL; a = next) {
        next = a->next;
        wmem_free(wmem_file_scope(), a);
    }
    wmem_free(wmem_file_scope(), e);
}

/* Each entry starts with its key: freeing the key frees the entry. */
static void
drop_txn(void *key, void *value _U_)
{
    txn_free((txn_key_t *)key);
}

static void
drop_byes(void *key, void *value)
{
    bye_list_free((call_key_t *)key, (bye_t *)value);
}

static void
drop_answer(void *key, void *value _U_)
{
    answer_free((answer_entry_t *)key);
}

static void
drop_nonce(void *key, void *value _U_)
{
    wmem_free(wmem_file_scope(), key);
}

/* The state's clock follows capture time but stands still over a jump, so
 * a capture whose clock leaps years ahead (or back) between two frames does
 * not expire, or keep for ever, every transaction open at that moment. */
static void
advance_clock(const packet_info *pinfo)
{
    time_t secs = pinfo->abs_ts.secs;
    if (clock_started && pinfo->num > last_frame) {
        int64_t delta = (int64_t)secs - (int64_t)last_secs;
        if (delta < JUMP_BACK || delta > JUMP_FORWARD) {
            clock_offset -= (time_t)delta;
            jump_t *j = wmem_new(wmem_file_scope(), jump_t);
            j->prev = last_frame;
            j->delta = delta;
            wmem_tree_insert32(jumps, pinfo->num, j);
            n_jumps++;
        }
    }
    if (!clock_started || pinfo->num > last_frame) {
        last_secs = secs;
        last_frame = pinfo->num;
        clock_started = true;
    }
    now = secs + clock_offset;
    /* Clamped so the nanoseconds fit in 64 bits whatever a hostile capture's times are. */
    int64_t state_secs = CLAMP((int64_t)secs + (int64_t)clock_offset, -INT64_C(9000000000), INT64_C(9000000000));
    now_ns = state_secs * SIPDIAG_NS_PER_S + pinfo->abs_ts.nsecs;
}

int64_t
sipdiag_txnstate_now_ns(void)
{
    return now_ns;
}

bool
sipdiag_txnstate_clock_jump(uint32_t frame, uint32_t *prev, int64_t *delta)
{
    if (n_jumps == 0 || jumps == NULL)
        return false;
    const jump_t *j = (const jump_t *)wmem_tree_lookup32(jumps, frame);
    if (j == NULL)
        return false;
    *prev = j->prev;
    *delta = j->delta;
    return true;
}

void
sipdiag_txnstate_frame(const packet_info *pinfo)
{
    advance_clock(pinfo);
    if (now < next_sweep)
        return;
    next_sweep = now + SWEEP_INTERVAL;

    sweep(txns, pinfo->pool, txn_expired_at, drop_txn);
    sweep(calls, pinfo->pool, bye_expired_at, drop_byes);
    sweep(nonces, pinfo->pool, nonce_expired_at, drop_nonce);
    sweep(answers, pinfo->pool, answer_expired_at, drop_answer);
}

static txn_key_t
key_of(const sipdiag_msginfo_t *m, sipdiag_span_t method)
{
    txn_key_t key = { m->call_id, m->cseq, method, m->via_branch, m->via_sent_by, { NULL, 0 } };
    /* An RFC 2543 branch may repeat; the From tag narrows it down. */
    if (!sipdiag_branch_is_rfc3261(m->via_branch))
        key.from_tag = sipdiag_msginfo_from_tag(m);
    return key;
}

sipdiag_txn_t *
sipdiag_txn_find(const sipdiag_msginfo_t *m, sipdiag_span_t method)
{
    if (!m->has_cseq || m->call_id.len == 0)
        return NULL;
    txn_key_t key = key_of(m, method);
    return (sipdiag_txn_t *)wmem_map_lookup(txns, &key);
}

sipdiag_txn_t *
sipdiag_txn_add(const packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_path_t path, sipdiag_span_t offer)
{
    static const sipdiag_span_t invite = { "INVITE", 6 };
    txn_key_t k = key_of(m, m->cseq_method);
    txn_entry_t *e = (txn_entry_t *)wmem_alloc(wmem_file_scope(), sizeof *e + k.call_id.len + k.method.len
                                               + k.branch.len + k.sent_by.len + k.from_tag.len + offer.len);
    char *b = e->bytes;

    memset(&e->txn, 0, sizeof e->txn);
    e->key.cseq = k.cseq;
    e->key.call_id = copy_into(b, k.call_id);
    b += k.call_id.len;
    e->key.method = copy_into(b, k.method);
    b += k.method.len;
    e->key.branch = copy_into(b, k.branch);
    b += k.branch.len;
    e->key.sent_by = copy_into(b, k.sent_by);
    b += k.sent_by.len;
    e->key.from_tag = copy_into(b, k.from_tag);
    b += k.from_tag.len;
    e->txn.offer = copy_into(b, offer);
    e->txn.leg.frame = pinfo->num;
    e->txn.leg.path = path.fwd;
    e->txn.leg.sends = 1;
    e->txn.leg.last_sent = ns_of(&pinfo->abs_ts);
    e->txn.created = now;
    e->txn.invite = sipdiag_span_equal(m->cseq_method, invite);
    wmem_map_insert(txns, &e->key, &e->txn);
    return &e->txn;
}

sipdiag_txn_t *
sipdiag_txn_add_orphan(const packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_path_t path)
{
    /* The request would have travelled the other way. */
    sipdiag_path_t request_path = { path.rev, path.fwd };
    sipdiag_txn_t *t = sipdiag_txn_add(pinfo, m, request_path, (sipdiag_span_t){ NULL, 0 });
    t->leg.frame = 0;
    t->orphan = true;
    return t;
}

void
sipdiag_txn_request_again(const packet_info *pinfo, sipdiag_txn_t *t, sipdiag_path_t path)
{
    int64_t when = ns_of(&pinfo->abs_ts);
    for (sipdiag_leg_t *l = &t->leg; l != NULL; l = l->next) {
        if (l->path != path.fwd)
            continue;
        if (when - l->last_sent >= SIPDIAG_COPY_WINDOW_NS && l->sends < UINT16_MAX)
            l->sends++;
        l->last_sent = when;
        return;
    }
    sipdiag_leg_t *l = wmem_new(wmem_file_scope(), sipdiag_leg_t);
    l->frame = pinfo->num;
    l->path = path.fwd;
    l->sends = 1;
    l->last_sent = when;
    l->next = t->leg.next;
    t->leg.next = l;
}

void
sipdiag_txn_keep(sipdiag_span_t *dst, sipdiag_span_t s)
{
    *dst = span_keep(s);
}

/* The leg a response with this path travels back on, or NULL. */
static const sipdiag_leg_t *
leg_of(const sipdiag_txn_t *t, sipdiag_path_t path)
{
    for (const sipdiag_leg_t *l = &t->leg; l != NULL; l = l->next) {
        if (l->path == path.rev)
            return l;
    }
    return NULL;
}

uint32_t
sipdiag_txn_request_frame(const sipdiag_txn_t *t, sipdiag_path_t path)
{
    const sipdiag_leg_t *l = leg_of(t, path);
    return l != NULL ? l->frame : t->leg.frame;
}

/* The same response (code and To tag) seen before is a capture duplicate
 * when it is within the copy window, whatever the link, unless it answers
 * another transmission of the request on this link (a server answers each
 * retransmitted request with its last response, RFC 3261 §17.2.1, and a
 * busy one may answer two at once). Else, on the same link, it is a
 * retransmission of the first one there. On another link after the window
 * it is that link's own: the top Via is the same, so no proxy stands
 * between (each adds its Via), only NAT or a mirror port. */
sipdiag_seen_t
sipdiag_txn_response(const packet_info *pinfo, sipdiag_txn_t *t, const sipdiag_msginfo_t *m, int code,
                     sipdiag_path_t path, uint32_t *original)
{
    int64_t when = ns_of(&pinfo->abs_ts);
    const struct sipdiag_seen_response *first_here = NULL, *copied = NULL;
    unsigned here = 0;

    for (const struct sipdiag_seen_response *s = t->responses; s != NULL; s = s->next) {
        if (s->code != code || s->frame == pinfo->num || !sipdiag_span_equal(s->to_tag, m->to_tag))
            continue;
        int64_t gap = when - s->when;
        /* Newest first: the last match is the oldest, the message first captured. */
        if (gap < SIPDIAG_COPY_WINDOW_NS && gap > -SIPDIAG_COPY_WINDOW_NS)
            copied = s;
        if (s->path == path.fwd && s->seen != SIPDIAG_SEEN_DUPLICATE) {
            first_here = s;
            here++;
        }
    }
    sipdiag_seen_t seen = SIPDIAG_SEEN_NEW;
    const struct sipdiag_seen_response *repeated = NULL;
    if (copied != NULL) {
        const sipdiag_leg_t *leg = leg_of(t, path);
        if (copied->path != path.fwd || leg == NULL || here >= leg->sends) {
            seen = SIPDIAG_SEEN_DUPLICATE;
            repeated = copied;
        }
    }
    if (seen == SIPDIAG_SEEN_NEW && first_here != NULL) {
        seen = SIPDIAG_SEEN_RETRANSMISSION;
        repeated = first_here;
    }
    /* Copies are kept too: an ACK on their link acknowledges them. */
    struct sipdiag_seen_response *n = (struct sipdiag_seen_response *)wmem_alloc(wmem_file_scope(),
                                                                                   sizeof *n + m->to_tag.len);
    n->code = code;
    n->frame = pinfo->num;
    n->path = path.fwd;
    n->when = when;
    n->seen = (uint8_t)seen;
    n->acked = false;
    n->to_tag = copy_into(n->bytes, m->to_tag);
    n->next = t->responses;
    t->responses = n;
    /* The offer stays until the transaction goes: a retransmitted 488 shows it too. */
    if (code >= 200 && t->finished == 0)
        t->finished = now;
    if (repeated != NULL)
        *original = repeated->frame;
    return seen;
}

uint32_t
sipdiag_txn_ack(sipdiag_txn_t *t, sipdiag_path_t path, int *code)
{
    struct sipdiag_seen_response *here = NULL, *any = NULL;
    /* Newest first: the last match is the oldest. */
    for (struct sipdiag_seen_response *s = t->responses; s != NULL; s = s->next) {
        if (s->code < 300 || s->acked || s->seen == SIPDIAG_SEEN_RETRANSMISSION)
            continue;
        any = s;
        if (s->path == path.rev)
            here = s;
    }
    struct sipdiag_seen_response *r = here != NULL ? here : any;
    if (r == NULL)
        return 0;
    r->acked = true;
    *code = r->code;
    return r->frame;
}

static answer_key_t
answer_key_of(const sipdiag_msginfo_t *m)
{
    return (answer_key_t){ m->call_id, m->cseq, sipdiag_msginfo_from_tag(m), m->to_tag };
}

void
sipdiag_answer_add(const packet_info *pinfo, const sipdiag_msginfo_t *m, int code, sipdiag_path_t path)
{
    answer_key_t key = answer_key_of(m);
    answer_entry_t *e = (answer_entry_t *)wmem_map_lookup(answers, &key);
    if (e == NULL) {
        e = (answer_entry_t *)wmem_alloc(wmem_file_scope(),
                                         sizeof *e + key.call_id.len + key.from_tag.len + key.to_tag.len);
        e->key.cseq = key.cseq;
        e->key.call_id = copy_into(e->bytes, key.call_id);
        e->key.from_tag = copy_into(e->bytes + key.call_id.len, key.from_tag);
        e->key.to_tag = copy_into(e->bytes + key.call_id.len + key.from_tag.len, key.to_tag);
        e->answers = NULL;
        wmem_map_insert(answers, &e->key, e);
    }
    answer_t *a = wmem_new(wmem_file_scope(), answer_t);
    a->frame = pinfo->num;
    a->code = code;
    a->path = path.fwd;
    a->acked = false;
    a->next = e->answers;
    e->answers = a;
    e->when = now;
}

uint32_t
sipdiag_answer_ack(const sipdiag_msginfo_t *m, sipdiag_path_t path, int *code)
{
    answer_key_t key = answer_key_of(m);
    answer_entry_t *e = (answer_entry_t *)wmem_map_lookup(answers, &key);
    if (e == NULL)
        return 0;
    uint64_t back = path.rev;
    answer_t *here = NULL, *any = NULL;
    for (answer_t *a = e->answers; a != NULL; a = a->next) {
        if (a->acked)
            continue;
        any = a;    /* newest first: the last is the oldest */
        if (a->path == back)
            here = a;
    }
    answer_t *a = here != NULL ? here : any;
    if (a == NULL)
        return 0;
    a->acked = true;
    *code = a->code;
    return a->frame;
}

void
sipdiag_nonce_issued(sipdiag_path_t path, sipdiag_span_t realm, sipdiag_span_t nonce)
{
    nonce_key_t key = { path.fwd, realm };
    nonce_entry_t *e = (nonce_entry_t *)wmem_map_lookup(nonces, &key);
    if (e != NULL && sipdiag_span_equal(e->nonce, nonce)) {
        e->when = now;
        return;
    }
    if (e != NULL) {
        wmem_map_remove(nonces, &e->key);
        wmem_free(wmem_file_scope(), e);
    }
    e = (nonce_entry_t *)wmem_alloc(wmem_file_scope(), sizeof *e + realm.len + nonce.len);
    e->key.link = key.link;
    e->key.realm = copy_into(e->bytes, realm);
    e->nonce = copy_into(e->bytes + realm.len, nonce);
    e->when = now;
    wmem_map_insert(nonces, &e->key, e);
}

sipdiag_nonce_state_t
sipdiag_nonce_judge(sipdiag_path_t path, sipdiag_span_t realm, sipdiag_span_t nonce)
{
    nonce_key_t key = { path.rev, realm };
    const nonce_entry_t *e = (const nonce_entry_t *)wmem_map_lookup(nonces, &key);
    if (e == NULL)
        return SIPDIAG_NONCE_UNSEEN;
    return sipdiag_span_equal(e->nonce, nonce) ? SIPDIAG_NONCE_LATEST : SIPDIAG_NONCE_OLDER;
}

void
sipdiag_call_bye(const packet_info *pinfo, const sipdiag_msginfo_t *m)
{
    bye_t *byes = (bye_t *)wmem_map_lookup(calls, &m->call_id);
    sipdiag_span_t from_tag = sipdiag_msginfo_from_tag(m);
    bye_t *b = (bye_t *)wmem_alloc(wmem_file_scope(), sizeof *b + from_tag.len);

    b->from_tag = copy_into(b->bytes, from_tag);
    b->frame = pinfo->num;
    b->when = now;
    b->next = byes;
    if (byes != NULL) {
        /* Replacing a value keeps the map's own key. */
        wmem_map_insert(calls, &m->call_id, b);
        return;
    }
    call_key_t *key = (call_key_t *)wmem_alloc(wmem_file_scope(), sizeof *key + m->call_id.len);
    key->call_id = copy_into(key->bytes, m->call_id);
    wmem_map_insert(calls, key, b);
}

uint32_t
sipdiag_call_crossing_bye(const sipdiag_msginfo_t *m)
{
    sipdiag_span_t from_tag = sipdiag_msginfo_from_tag(m);
    for (const bye_t *b = (const bye_t *)wmem_map_lookup(calls, &m->call_id); b != NULL; b = b->next) {
        if (!sipdiag_span_equal(b->from_tag, from_tag))
            return b->frame;
    }
    return 0;
}

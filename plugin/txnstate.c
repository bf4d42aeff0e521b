/* txnstate.c
 * Transactions (Call-ID, CSeq number, CSeq method) and the BYEs of calls
 * (Call-ID) seen on the first pass, in wmem file scope, and their expiry.
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
/* The maps are swept for expired entries this often (capture time). */
#define SWEEP_INTERVAL 32

/* A transaction's key. For a lookup it points into the message (nothing is
 * allocated); stored, into file-scope copies. RFC 3261 §17.2.3 would add the
 * Via branch; captures often hold only one hop, so this is enough. */
typedef struct {
    sipdiag_span_t call_id;
    uint32_t cseq;
    sipdiag_span_t method;
} txn_key_t;

/* A stored transaction: key, state and the bytes of the key's Call-ID and
 * method and of the offer, in one allocation (one alloc and one free each:
 * this is done for every request of a capture). The map's key is &key. */
typedef struct {
    txn_key_t key;
    sipdiag_txn_t txn;
    char bytes[];
} txn_entry_t;

/* A response already seen in a transaction, to spot retransmissions. */
struct sipdiag_seen_response {
    struct sipdiag_seen_response *next;
    int code;
    uint32_t frame;
    sipdiag_span_t to_tag;
    char bytes[];    /* the To tag */
};

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
static time_t next_sweep;

/* Eight bytes at a time, each word mixed in by a multiply: Call-IDs run to
 * dozens of bytes and every SIP message hashes one or two keys, so a
 * byte-at-a-time hash was a tenth of sipdiag's cost. Not seeded: the maps
 * only ever hold one capture's keys. */
static guint
span_hash(sipdiag_span_t s, guint seed)
{
    const uint64_t mul = UINT64_C(0x9E3779B97F4A7C15);
    uint64_t h = (seed ^ s.len) * mul, w;
    size_t i = 0;

    for (; i + sizeof w <= s.len; i += sizeof w) {
        memcpy(&w, s.ptr + i, sizeof w);
        h = (h ^ w) * mul;
        h ^= h >> 29;
    }
    w = 0;
    if (i < s.len)
        memcpy(&w, s.ptr + i, s.len - i);
    h = (h ^ w) * mul;
    return (guint)(h ^ (h >> 32));
}

static guint
txn_hash(gconstpointer k)
{
    const txn_key_t *t = (const txn_key_t *)k;
    return span_hash(t->method, span_hash(t->call_id, t->cseq));
}

static gboolean
txn_equal(gconstpointer a, gconstpointer b)
{
    const txn_key_t *x = (const txn_key_t *)a, *y = (const txn_key_t *)b;
    return x->cseq == y->cseq && sipdiag_span_equal(x->call_id, y->call_id) && sipdiag_span_equal(x->method, y->method);
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
}

void
sipdiag_txnstate_init(void)
{
    txns = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), txn_hash, txn_equal);
    calls = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), call_hash, call_equal);
    register_init_routine(txnstate_file_init);
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
    span_free(e->txn.auth_realm);
    span_free(e->txn.proxy_auth_realm);
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

typedef struct {
    time_t now;
    wmem_list_t *keys;    /* of the entries to drop; a map cannot lose entries while it is walked */
} sweep_t;

static void
collect_expired_txn(gpointer key, gpointer value, gpointer user_data)
{
    sweep_t *s = (sweep_t *)user_data;
    if (txn_expired((const sipdiag_txn_t *)value, s->now))
        wmem_list_append(s->keys, key);
}

static void
collect_expired_call(gpointer key, gpointer value, gpointer user_data)
{
    sweep_t *s = (sweep_t *)user_data;
    if (s->now - ((const bye_t *)value)->when > KEEP_BYE)
        wmem_list_append(s->keys, key);
}

void
sipdiag_txnstate_expire(const packet_info *pinfo)
{
    time_t now = pinfo->abs_ts.secs;
    if (now < next_sweep)
        return;
    next_sweep = now + SWEEP_INTERVAL;

    sweep_t s = { now, wmem_list_new(pinfo->pool) };
    wmem_map_foreach(txns, collect_expired_txn, &s);
    for (wmem_list_frame_t *f = wmem_list_head(s.keys); f != NULL; f = wmem_list_frame_next(f)) {
        txn_key_t *key = (txn_key_t *)wmem_list_frame_data(f);
        /* The stored key, not a copy: removing it does not free it. */
        wmem_map_remove(txns, key);
        txn_free(key);
    }
    s.keys = wmem_list_new(pinfo->pool);
    wmem_map_foreach(calls, collect_expired_call, &s);
    for (wmem_list_frame_t *f = wmem_list_head(s.keys); f != NULL; f = wmem_list_frame_next(f)) {
        call_key_t *key = (call_key_t *)wmem_list_frame_data(f);
        bye_list_free(key, (bye_t *)wmem_map_remove(calls, key));
    }
}

sipdiag_txn_t *
sipdiag_txn_find(const sipdiag_msginfo_t *m, sipdiag_span_t method)
{
    if (!m->has_cseq || m->call_id.len == 0)
        return NULL;
    txn_key_t key = { m->call_id, m->cseq, method };
    return (sipdiag_txn_t *)wmem_map_lookup(txns, &key);
}

sipdiag_txn_t *
sipdiag_txn_add(const packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_span_t offer)
{
    static const sipdiag_span_t invite = { "INVITE", 6 };
    txn_entry_t *e = (txn_entry_t *)wmem_alloc(wmem_file_scope(),
                                               sizeof *e + m->call_id.len + m->cseq_method.len + offer.len);
    char *b = e->bytes;

    memset(&e->txn, 0, sizeof e->txn);
    e->key.cseq = m->cseq;
    e->key.call_id = copy_into(b, m->call_id);
    e->key.method = copy_into(b + m->call_id.len, m->cseq_method);
    e->txn.offer = copy_into(b + m->call_id.len + m->cseq_method.len, offer);
    e->txn.request_frame = pinfo->num;
    e->txn.created = pinfo->abs_ts.secs;
    e->txn.invite = sipdiag_span_equal(m->cseq_method, invite);
    wmem_map_insert(txns, &e->key, &e->txn);
    return &e->txn;
}

void
sipdiag_txn_keep(sipdiag_span_t *dst, sipdiag_span_t s)
{
    *dst = span_keep(s);
}

bool
sipdiag_txn_response(const packet_info *pinfo, sipdiag_txn_t *t, const sipdiag_msginfo_t *m, int code,
                     uint32_t *original)
{
    for (const struct sipdiag_seen_response *s = t->responses; s != NULL; s = s->next) {
        if (s->code == code && s->frame != pinfo->num && sipdiag_span_equal(s->to_tag, m->to_tag)) {
            *original = s->frame;
            return true;
        }
    }
    struct sipdiag_seen_response *n = (struct sipdiag_seen_response *)wmem_alloc(wmem_file_scope(),
                                                                                   sizeof *n + m->to_tag.len);
    n->code = code;
    n->frame = pinfo->num;
    n->to_tag = copy_into(n->bytes, m->to_tag);
    n->next = t->responses;
    t->responses = n;
    /* The offer stays until the transaction goes: a retransmitted 488 shows it too. */
    if (code >= 200 && t->finished == 0)
        t->finished = pinfo->abs_ts.secs;
    return false;
}

void
sipdiag_call_bye(const packet_info *pinfo, const sipdiag_msginfo_t *m)
{
    bye_t *byes = (bye_t *)wmem_map_lookup(calls, &m->call_id);
    sipdiag_span_t from_tag = sipdiag_msginfo_from_tag(m);
    bye_t *b = (bye_t *)wmem_alloc(wmem_file_scope(), sizeof *b + from_tag.len);

    b->from_tag = copy_into(b->bytes, from_tag);
    b->frame = pinfo->num;
    b->when = pinfo->abs_ts.secs;
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

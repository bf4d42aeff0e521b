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

/* The BYEs of a call, by the From tag of the side that sent them. */
typedef struct bye {
    struct bye *next;
    sipdiag_span_t from_tag;
    uint32_t frame;
    time_t when;
} bye_t;

static wmem_map_t *txns;     /* txn_key_t -> sipdiag_txn_t */
static wmem_map_t *calls;    /* sipdiag_span_t (Call-ID) -> bye_t list, newest first */
static time_t next_sweep;

static guint
span_hash(sipdiag_span_t s, guint h)
{
    for (size_t i = 0; i < s.len; i++)
        h = h * 31 + (guchar)s.ptr[i];
    return h;
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

static bool
txn_expired(const sipdiag_txn_t *t, time_t now)
{
    if (t->finished != 0)
        return now - t->finished > KEEP_AFTER_FINAL;
    return now - t->created > (t->invite ? KEEP_INVITE : KEEP_NON_INVITE);
}

static void
txn_free(txn_key_t *key, sipdiag_txn_t *t)
{
    for (sipdiag_seen_response_t *s = t->responses, *next; s != NULL; s = next) {
        next = s->next;
        span_free(s->to_tag);
        wmem_free(wmem_file_scope(), s);
    }
    span_free(t->auth_realm);
    span_free(t->proxy_auth_realm);
    span_free(t->offer);
    wmem_free(wmem_file_scope(), t);
    span_free(key->call_id);
    span_free(key->method);
    wmem_free(wmem_file_scope(), key);
}

static void
bye_list_free(sipdiag_span_t *key, bye_t *b)
{
    for (bye_t *next; b != NULL; b = next) {
        next = b->next;
        span_free(b->from_tag);
        wmem_free(wmem_file_scope(), b);
    }
    span_free(*key);
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
        txn_free(key, (sipdiag_txn_t *)wmem_map_remove(txns, key));
    }
    s.keys = wmem_list_new(pinfo->pool);
    wmem_map_foreach(calls, collect_expired_call, &s);
    for (wmem_list_frame_t *f = wmem_list_head(s.keys); f != NULL; f = wmem_list_frame_next(f)) {
        sipdiag_span_t *key = (sipdiag_span_t *)wmem_list_frame_data(f);
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
sipdiag_txn_add(const packet_info *pinfo, const sipdiag_msginfo_t *m)
{
    static const sipdiag_span_t invite = { "INVITE", 6 };
    txn_key_t *key = wmem_new(wmem_file_scope(), txn_key_t);
    sipdiag_txn_t *t = wmem_new0(wmem_file_scope(), sipdiag_txn_t);

    *key = (txn_key_t){ span_keep(m->call_id), m->cseq, span_keep(m->cseq_method) };
    t->request_frame = pinfo->num;
    t->created = pinfo->abs_ts.secs;
    t->invite = sipdiag_span_equal(m->cseq_method, invite);
    wmem_map_insert(txns, key, t);
    return t;
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
    for (const sipdiag_seen_response_t *s = t->responses; s != NULL; s = s->next) {
        if (s->code == code && s->frame != pinfo->num && sipdiag_span_equal(s->to_tag, m->to_tag)) {
            *original = s->frame;
            return true;
        }
    }
    sipdiag_seen_response_t *n = wmem_new(wmem_file_scope(), sipdiag_seen_response_t);
    n->code = code;
    n->frame = pinfo->num;
    n->to_tag = span_keep(m->to_tag);
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
    sipdiag_span_t *key = (sipdiag_span_t *)&m->call_id;
    bye_t *byes = (bye_t *)wmem_map_lookup(calls, key);
    bye_t *b = wmem_new(wmem_file_scope(), bye_t);

    b->from_tag = span_keep(m->from_tag);
    b->frame = pinfo->num;
    b->when = pinfo->abs_ts.secs;
    b->next = byes;
    if (byes == NULL) {
        /* A new key must outlive the packet; replacing a value keeps the map's own. */
        key = wmem_new(wmem_file_scope(), sipdiag_span_t);
        *key = span_keep(m->call_id);
    }
    wmem_map_insert(calls, key, b);
}

uint32_t
sipdiag_call_crossing_bye(const sipdiag_msginfo_t *m)
{
    for (const bye_t *b = (const bye_t *)wmem_map_lookup(calls, &m->call_id); b != NULL; b = b->next) {
        if (!sipdiag_span_equal(b->from_tag, m->from_tag))
            return b->frame;
    }
    return 0;
}

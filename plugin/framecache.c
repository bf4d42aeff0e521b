/* framecache.c
 * Per-frame results of the first pass, in file scope. This is the one piece
 * of state that grows with the capture (every later pass needs it), so a
 * response costs a fixed 28-byte record, frame number included, appended
 * to chunks of records in frame order: a later pass finds a frame's records
 * by binary search. Attaching them to the frame instead (p_add_proto_data)
 * cost about twice as much again per frame in list node and bookkeeping.
 * The strings a response rarely has live in an extra block allocated only
 * then; an ordinary status line ("SIP/2.0 180 Ringing") is not copied: it
 * is rebuilt from its code and the registry's phrase.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "framecache.h"

#include <string.h>

#include <epan/wmem_scopes.h>

#include "diagnose.h"

/* The CSeq methods kept as an index; others are kept as text. */
static const char *const known_methods[] = {
    NULL,    /* no CSeq method */
    "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "INFO", "UPDATE", "PRACK",
    "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH",
};
#define METHOD_OTHER 0xff

enum {
    F_MALFORMED = 1 << 0,
    F_CUT = 1 << 1,
    F_LINE_CUT = 1 << 2,
    F_STANDARD_LINE = 1 << 3,    /* "SIP/2.0 <code> <registered phrase>": not stored */
    F_IN_DIALOG = 1 << 4,
    F_OFFER_T38_ONLY = 1 << 5,
};

/* What only some responses have. */
typedef struct {
    const char *line;        /* NUL-terminated copy; it may hold NUL bytes within line_len */
    size_t line_len;
    const char *method;      /* a method outside known_methods */
    unsigned captured;
    unsigned sent;
    const char *realm;
    const char *user;
    const char *offered;
    const char *call_id;
    const char *from;
    const char *to;
    unsigned n_headers;
    sipdiag_header_value_t *headers;
} extra_t;

typedef struct {
    uint32_t frame;
    uint32_t request_frame;
    uint32_t related_frame;
    uint32_t ack_frame;      /* the ACK of a final response to INVITE, set when it comes */
    uint32_t extra;          /* 1 + index into extras, 0 for most responses */
    int16_t code;
    uint8_t flags;
    uint8_t method;          /* index into known_methods, or METHOD_OTHER */
    uint8_t ctx_kind;
} record_t;

/* Records in frame order; a frame's records never straddle two chunks. */
#define CHUNK_RECORDS 4096
typedef struct {
    unsigned count;
    unsigned capacity;
    record_t records[];
} chunk_t;

static wmem_array_t *chunks;    /* chunk_t *, in frame order */
static wmem_array_t *extras;    /* extra_t * */
static uint32_t last_frame;     /* the highest frame stored in chunks */
/* Frames whose first pass came after a later frame's: never seen in
 * Wireshark or tshark, kept right all the same. frame -> chunk_t. */
static wmem_tree_t *late;

static void
framecache_init_file(void)
{
    chunks = wmem_array_new(wmem_file_scope(), sizeof(chunk_t *));
    extras = wmem_array_new(wmem_file_scope(), sizeof(extra_t *));
    late = wmem_tree_new(wmem_file_scope());
    last_frame = 0;
}

static void
framecache_cleanup_file(void)
{
    chunks = NULL;
    extras = NULL;
    late = NULL;
}

void
sipdiag_framecache_init(void)
{
    register_init_routine(framecache_init_file);
    register_cleanup_routine(framecache_cleanup_file);
}

static uint8_t
method_index(const char *method)
{
    for (size_t i = 1; method != NULL && i < G_N_ELEMENTS(known_methods); i++) {
        if (strcmp(method, known_methods[i]) == 0)
            return (uint8_t)i;
    }
    return method == NULL ? 0 : METHOD_OTHER;
}

/* "SIP/2.0 <code> <phrase>" of a registered code, built once per code (epan
 * scope) rather than on every dissection of every ordinary response; NULL
 * for a code the registry lacks. */
static const char *
standard_line(int code)
{
    static const char *lines[SIPDIAG_CODE_MAX + 1];
    const sipdiag_code_t *row = sipdiag_code_find(code);
    if (row == NULL)
        return NULL;
    if (lines[code] == NULL)
        lines[code] = wmem_strdup_printf(wmem_epan_scope(), "SIP/2.0 %d %s", code, row->phrase);
    return lines[code];
}

/* True when the line is exactly what the registry would write for its code:
 * then only the code is stored. */
static bool
is_standard_line(const sipdiag_result_t *r)
{
    const char *std = standard_line(r->code);
    return std != NULL && strlen(std) == r->line_len && memcmp(std, r->line, r->line_len) == 0;
}

static bool
needs_extra(const sipdiag_result_t *r, uint8_t flags, uint8_t method)
{
    return !(flags & F_STANDARD_LINE) || method == METHOD_OTHER || r->cut || r->ctx.realm != NULL || r->ctx.user != NULL
           || r->ctx.offered != NULL || r->call_id != NULL || r->n_headers > 0;
}

/* The strings are copied: the message they point into is gone later. */
static extra_t *
make_extra(const sipdiag_result_t *r, uint8_t flags, uint8_t method)
{
    wmem_allocator_t *fs = wmem_file_scope();
    extra_t *x = wmem_new0(fs, extra_t);
    if (!(flags & F_STANDARD_LINE)) {
        char *line = (char *)wmem_alloc(fs, r->line_len + 1);
        if (r->line_len > 0)
            memcpy(line, r->line, r->line_len);
        line[r->line_len] = '\0';
        x->line = line;
        x->line_len = r->line_len;
    }
    x->method = method == METHOD_OTHER ? wmem_strdup(fs, r->method) : NULL;
    x->captured = r->captured;
    x->sent = r->sent;
    x->realm = r->ctx.realm;
    x->user = r->ctx.user;
    x->offered = r->ctx.offered;
    x->call_id = r->call_id;
    x->from = r->from;
    x->to = r->to;
    x->n_headers = r->n_headers;
    x->headers = r->headers;
    return x;
}

static chunk_t *
new_chunk(unsigned capacity)
{
    chunk_t *c = (chunk_t *)wmem_alloc(wmem_file_scope(), sizeof *c + capacity * sizeof(record_t));
    c->count = 0;
    c->capacity = capacity;
    return c;
}

/* Room for n records at the end of the last chunk, which may be a new one. */
static record_t *
append(unsigned n)
{
    unsigned k = wmem_array_get_count(chunks);
    chunk_t *c = k > 0 ? *(chunk_t **)wmem_array_index(chunks, k - 1) : NULL;
    if (c == NULL || c->capacity - c->count < n) {
        c = new_chunk(MAX(n, CHUNK_RECORDS));
        wmem_array_append_one(chunks, c);
    }
    c->count += n;
    return &c->records[c->count - n];
}

static uint32_t
keep_extra(const sipdiag_result_t *r, uint8_t flags, uint8_t method)
{
    if (!needs_extra(r, flags, method))
        return 0;
    extra_t *x = make_extra(r, flags, method);
    wmem_array_append_one(extras, x);
    return wmem_array_get_count(extras);
}

void
sipdiag_framecache_store(packet_info *pinfo, const sipdiag_result_t *results, unsigned n)
{
    record_t *recs;
    if (chunks == NULL || n == 0)
        return;
    if (pinfo->num > last_frame) {
        recs = append(n);
        last_frame = pinfo->num;
    } else {
        chunk_t *c = new_chunk(n);
        c->count = n;
        wmem_tree_insert32(late, pinfo->num, c);
        recs = c->records;
    }
    for (unsigned i = 0; i < n; i++) {
        const sipdiag_result_t *r = &results[i];
        record_t *rec = &recs[i];
        rec->frame = pinfo->num;
        rec->code = (int16_t)r->code;
        rec->flags = (uint8_t)((r->malformed ? F_MALFORMED : 0) | (r->cut ? F_CUT : 0) | (r->line_cut ? F_LINE_CUT : 0)
                               | (r->ctx.in_dialog ? F_IN_DIALOG : 0)
                               | (r->ctx.offer_t38_only ? F_OFFER_T38_ONLY : 0) | (is_standard_line(r) ? F_STANDARD_LINE : 0));
        rec->method = method_index(r->method);
        rec->ctx_kind = (uint8_t)r->ctx.kind;
        rec->request_frame = r->ctx.request_frame;
        rec->related_frame = r->ctx.related_frame;
        rec->ack_frame = 0;
        rec->extra = keep_extra(r, rec->flags, rec->method);
    }
}

static void
expand(const record_t *rec, sipdiag_result_t *r)
{
    static const extra_t none;
    const extra_t *x = rec->extra != 0 ? *(extra_t **)wmem_array_index(extras, rec->extra - 1) : &none;

    memset(r, 0, sizeof *r);
    r->code = rec->code;
    r->malformed = (rec->flags & F_MALFORMED) != 0;
    r->cut = (rec->flags & F_CUT) != 0;
    r->line_cut = (rec->flags & F_LINE_CUT) != 0;
    if (rec->flags & F_STANDARD_LINE) {
        r->line = standard_line(rec->code);
        r->line_len = strlen(r->line);
    } else {
        r->line = x->line;
        r->line_len = x->line_len;
    }
    r->method = rec->method == METHOD_OTHER ? x->method : known_methods[rec->method];
    r->captured = x->captured;
    r->sent = x->sent;
    r->ctx.kind = (sipdiag_ctx_kind_t)rec->ctx_kind;
    r->ctx.request_frame = rec->request_frame;
    r->ctx.related_frame = rec->related_frame;
    r->ctx.ack_frame = rec->ack_frame;
    r->ctx.in_dialog = (rec->flags & F_IN_DIALOG) != 0;
    r->ctx.offer_t38_only = (rec->flags & F_OFFER_T38_ONLY) != 0;
    r->ctx.realm = x->realm;
    r->ctx.user = x->user;
    r->ctx.offered = x->offered;
    r->call_id = x->call_id;
    r->from = x->from;
    r->to = x->to;
    r->n_headers = x->n_headers;
    r->headers = x->headers;
}

/* The chunk holding frame's records (the last whose first frame is not
 * after it), or NULL. */
static const chunk_t *
chunk_of(uint32_t frame)
{
    unsigned lo = 0, hi = chunks != NULL ? wmem_array_get_count(chunks) : 0;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        const chunk_t *c = *(chunk_t **)wmem_array_index(chunks, mid);
        if (c->records[0].frame <= frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 ? *(chunk_t **)wmem_array_index(chunks, lo - 1) : NULL;
}

/* frame's records in c: the first at *first, how many returned. */
static unsigned
records_of(const chunk_t *c, uint32_t frame, unsigned *first)
{
    unsigned lo = 0, hi = c->count;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (c->records[mid].frame < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    unsigned end = lo;
    while (end < c->count && c->records[end].frame == frame)
        end++;
    *first = lo;
    return end - lo;
}

/* frame's records: the first at *first in the chunk returned, *n of them. */
static chunk_t *
find_records(uint32_t frame, unsigned *first, unsigned *n)
{
    chunk_t *c = (chunk_t *)chunk_of(frame);
    *first = 0;
    *n = c != NULL ? records_of(c, frame, first) : 0;
    if (*n == 0 && late != NULL) {
        c = (chunk_t *)wmem_tree_lookup32(late, frame);
        *first = 0;
        *n = c != NULL ? c->count : 0;
    }
    return c;
}

void
sipdiag_framecache_note_ack(uint32_t response_frame, int code, uint32_t ack_frame)
{
    unsigned first, n;
    chunk_t *c = find_records(response_frame, &first, &n);
    for (unsigned i = 0; i < n; i++) {
        record_t *rec = &c->records[first + i];
        if (rec->code == code && rec->ack_frame == 0) {
            rec->ack_frame = ack_frame;
            return;
        }
    }
}

unsigned
sipdiag_framecache_lookup(packet_info *pinfo, const sipdiag_result_t **out)
{
    unsigned first, n;
    const chunk_t *c = find_records(pinfo->num, &first, &n);
    *out = NULL;
    if (n == 0)
        return 0;
    sipdiag_result_t *r = wmem_alloc_array(pinfo->pool, sipdiag_result_t, n);
    for (unsigned i = 0; i < n; i++)
        expand(&c->records[first + i], &r[i]);
    *out = r;
    return n;
}

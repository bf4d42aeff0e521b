/* framecache.c
 * Per-frame results of the first pass, in file scope, kept with the frame
 * (p_add_proto_data): a lookup reads the frame's own short list, not a
 * capture-wide map that no longer fits any cache in a long capture. Only
 * frames with SIP responses get an entry.
 *
 * This is the one piece of state that grows with the capture (every later
 * pass needs it), so a response is stored in a fixed 24-byte record; the
 * strings a response rarely has live in an extra block allocated only then.
 * An ordinary status line ("SIP/2.0 180 Ringing") is not copied: it is
 * rebuilt from its code and the registry's phrase.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "framecache.h"

#include <string.h>

#include <epan/proto_data.h>
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
};

/* What only some responses have. */
typedef struct {
    const char *line;        /* NUL-terminated copy; it may hold NUL bytes within line_len */
    size_t line_len;
    const char *method;      /* a method outside known_methods */
    unsigned captured;
    unsigned sent;
    const char *realm;
    const char *offered;
    const char *call_id;
    const char *from;
    const char *to;
    unsigned n_headers;
    sipdiag_header_value_t *headers;
} extra_t;

typedef struct {
    int16_t code;
    uint8_t flags;
    uint8_t method;          /* index into known_methods, or METHOD_OTHER */
    uint8_t ctx_kind;
    uint32_t request_frame;
    uint32_t related_frame;
    extra_t *extra;          /* NULL for most responses */
} record_t;

typedef struct {
    unsigned count;
    record_t records[];
} cached_frame_t;

static int proto;

void
sipdiag_framecache_init(int proto_sipdiag)
{
    proto = proto_sipdiag;
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
    return !(flags & F_STANDARD_LINE) || method == METHOD_OTHER || r->cut || r->ctx.realm != NULL
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
    x->offered = r->ctx.offered;
    x->call_id = r->call_id;
    x->from = r->from;
    x->to = r->to;
    x->n_headers = r->n_headers;
    x->headers = r->headers;
    return x;
}

void
sipdiag_framecache_store(packet_info *pinfo, const sipdiag_result_t *results, unsigned n)
{
    cached_frame_t *f = (cached_frame_t *)wmem_alloc(wmem_file_scope(), sizeof *f + n * sizeof(record_t));
    f->count = n;
    for (unsigned i = 0; i < n; i++) {
        const sipdiag_result_t *r = &results[i];
        record_t *rec = &f->records[i];
        rec->code = (int16_t)r->code;
        rec->flags = (uint8_t)((r->malformed ? F_MALFORMED : 0) | (r->cut ? F_CUT : 0) | (r->line_cut ? F_LINE_CUT : 0)
                               | (r->ctx.in_dialog ? F_IN_DIALOG : 0) | (is_standard_line(r) ? F_STANDARD_LINE : 0));
        rec->method = method_index(r->method);
        rec->ctx_kind = (uint8_t)r->ctx.kind;
        rec->request_frame = r->ctx.request_frame;
        rec->related_frame = r->ctx.related_frame;
        rec->extra = needs_extra(r, rec->flags, rec->method) ? make_extra(r, rec->flags, rec->method) : NULL;
    }
    p_add_proto_data(wmem_file_scope(), pinfo, proto, 0, f);
}

static void
expand(const record_t *rec, sipdiag_result_t *r)
{
    static const extra_t none;
    const extra_t *x = rec->extra != NULL ? rec->extra : &none;

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
    r->ctx.in_dialog = (rec->flags & F_IN_DIALOG) != 0;
    r->ctx.realm = x->realm;
    r->ctx.offered = x->offered;
    r->call_id = x->call_id;
    r->from = x->from;
    r->to = x->to;
    r->n_headers = x->n_headers;
    r->headers = x->headers;
}

unsigned
sipdiag_framecache_lookup(packet_info *pinfo, const sipdiag_result_t **out)
{
    const cached_frame_t *f = (const cached_frame_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto, 0);
    *out = NULL;
    if (f == NULL || f->count == 0)
        return 0;
    sipdiag_result_t *r = wmem_alloc_array(pinfo->pool, sipdiag_result_t, f->count);
    for (unsigned i = 0; i < f->count; i++)
        expand(&f->records[i], &r[i]);
    *out = r;
    return f->count;
}

/* fuzz_hdrparse.c
 * libFuzzer entry point for the hdrparse parsers: the first byte picks the
 * parser (mod 8: 0 whole message, 1 Retry-After, 2 Warning, 3 Reason, 4 auth,
 * 5 uint, 6 SDP, 7 ms-diagnostics), the rest is its input. Iterators run to the end; every span must
 * lie inside the input and every iterator must move forward, else the
 * harness traps. Selector 0 runs a whole message through the pipeline the
 * plugin uses: headers found, then their values parsed, then the SDP body.
 *
 * Build and run: tests/run-libfuzzer.sh (clang only).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "diagnose.h"
#include "hdrparse.h"
#include "q850.h"
#include "reasons.h"
#include "sipmsg.h"

static const char *in_buf;
static size_t in_len;

/* Spans point into the input (or are empty); static SDP names excepted. */
static void
check(sipdiag_span_t s)
{
    uintptr_t p = (uintptr_t)s.ptr, b = (uintptr_t)in_buf;
    if (s.len > 0 && (p < b || s.len > in_len || p - b > in_len - s.len))
        __builtin_trap();
}

static void
fuzz_warning(const char *buf, size_t len)
{
    sipdiag_warning_t w;
    size_t pos = 0, before;
    do {
        before = pos;
        if (sipdiag_parse_warning_next(buf, len, &pos, &w) == SIPDIAG_PARSE_EMPTY)
            break;
        check(w.agent);
        check(w.text);
        if (pos <= before || pos > len || w.code > 999)
            __builtin_trap();
    } while (1);
}

static void
fuzz_reason(const char *buf, size_t len)
{
    sipdiag_reason_t r;
    size_t pos = 0, before;
    do {
        before = pos;
        sipdiag_parse_status_t st = sipdiag_parse_reason_next(buf, len, &pos, &r);
        if (st == SIPDIAG_PARSE_EMPTY)
            break;
        check(r.protocol);
        check(r.text);
        check(r.location);
        /* The lookups the plugin does on every reason-value. */
        sipdiag_reason_kind_t kind = sipdiag_reason_kind(r.protocol);
        const sipdiag_reason_cause_t *c = r.has_cause ? sipdiag_reason_cause_find(kind, r.cause) : NULL;
        if (c != NULL && (c->kind != kind || c->cause != r.cause))
            __builtin_trap();
        sipdiag_reason_location_find(r.location);
        sipdiag_freeswitch_cause_find(r.text);
        sipdiag_span_t id, rest;
        if (sipdiag_reason_teams_text(r.text, &id, &rest)) {
            check(id);
            check(rest);
        }
        if (r.has_cause)
            sipdiag_q850_sip_allowed(r.cause, 603, r.location);
        if (pos <= before || pos > len || (st == SIPDIAG_PARSE_OVERFLOW && r.cause != -1))
            __builtin_trap();
    } while (1);
}

static void
fuzz_ms_diag(const char *buf, size_t len)
{
    sipdiag_ms_diag_t d;
    sipdiag_parse_status_t st = sipdiag_parse_ms_diag(buf, len, &d);
    check(d.reason);
    check(d.source);
    if (st == SIPDIAG_PARSE_EMPTY && (d.code != 0 || d.has_sub))
        __builtin_trap();
}

static void
fuzz_retry_after(const char *buf, size_t len)
{
    sipdiag_retry_after_t ra;
    sipdiag_parse_status_t st = sipdiag_parse_retry_after(buf, len, &ra);
    check(ra.comment);
    if (st == SIPDIAG_PARSE_EMPTY && (ra.seconds != 0 || ra.has_duration))
        __builtin_trap();
}

static void
fuzz_auth(const char *buf, size_t len)
{
    sipdiag_auth_t a;
    sipdiag_parse_auth(buf, len, &a);
    check(a.scheme);
    check(a.realm);
    check(a.algorithm);
    check(a.nonce);
    check(a.username);
}

static void
fuzz_uint(const char *buf, size_t len)
{
    uint32_t u;
    if (sipdiag_parse_uint(buf, len, &u) == SIPDIAG_PARSE_OVERFLOW && u != UINT32_MAX)
        __builtin_trap();
}

/* Min-Expires and the like: every scalar parser on one value. */
static void
fuzz_scalars(const char *buf, size_t len)
{
    fuzz_retry_after(buf, len);
    fuzz_auth(buf, len);
    fuzz_uint(buf, len);
}

/* Header parameters: the quick path and the careful one. */
static void
fuzz_params(const char *buf, size_t len)
{
    sipdiag_span_t v = { buf, len };
    check(sipdiag_header_param(v, "tag"));
    check(sipdiag_header_param(v, "branch"));
}

static void
fuzz_sdp(const char *buf, size_t len)
{
    sipdiag_sdp_format_t f[8];
    size_t n = sipdiag_sdp_formats(buf, len, f, sizeof f / sizeof f[0]);
    for (size_t k = 0; k < n && k < sizeof f / sizeof f[0]; k++) {
        check(f[k].media);
        check(f[k].format);
        if (f[k].format.len == 0 || f[k].media.len == 0)
            __builtin_trap();
    }
}

/* One header's every value through parse, pos strictly increasing. */
static void
fuzz_header(const char *msg, size_t len, const char *name, char compact, void (*parse)(const char *, size_t))
{
    sipdiag_span_t v;
    size_t pos = 0, before;
    do {
        before = pos;
        if (!sipdiag_header_next(msg, len, name, compact, &pos, &v))
            break;
        check(v);
        if (pos <= before || pos > len)
            __builtin_trap();
        parse(v.ptr, v.len);
    } while (1);
}

/* The walk that wants every letter must see exactly the iterator's headers;
 * the body it finds follows an empty line. */
typedef struct {
    const char *msg;
    size_t len;
    size_t pos;
} walk_diff_t;

static void
walk_compare(sipdiag_span_t name, sipdiag_span_t value, void *ctx)
{
    walk_diff_t *d = ctx;
    sipdiag_span_t n2, v2;
    if (!sipdiag_header_iter(d->msg, d->len, &d->pos, &n2, &v2) || n2.ptr != name.ptr || n2.len != name.len
        || v2.ptr != value.ptr || v2.len != value.len)
        __builtin_trap();
}

static void
fuzz_walk(const char *msg, size_t len)
{
    sipdiag_letters_t all;
    walk_diff_t d = { msg, len, 0 };
    sipdiag_span_t n, v;
    memset(&all, 0xff, sizeof all);
    size_t body = sipdiag_header_walk(msg, len, &all, walk_compare, &d);
    if (sipdiag_header_iter(msg, len, &d.pos, &n, &v) || body > len)
        __builtin_trap();
    bool after_empty_line = body >= 3 && msg[body - 1] == '\n'
                            && (msg[body - 2] == '\n' || (msg[body - 2] == '\r' && msg[body - 3] == '\n'));
    if (body < len && !after_empty_line)
        __builtin_trap();
}

static size_t
body_offset(const char *msg, size_t len)
{
    sipdiag_letters_t none;
    memset(&none, 0, sizeof none);
    return sipdiag_header_walk(msg, len, &none, walk_compare, NULL);
}

static void
fuzz_message(const char *msg, size_t len)
{
    fuzz_walk(msg, len);
    fuzz_header(msg, len, "Retry-After", 0, fuzz_retry_after);
    fuzz_header(msg, len, "Warning", 0, fuzz_warning);
    fuzz_header(msg, len, "Reason", 0, fuzz_reason);
    fuzz_header(msg, len, "ms-diagnostics", 0, fuzz_ms_diag);
    fuzz_header(msg, len, "WWW-Authenticate", 0, fuzz_auth);
    fuzz_header(msg, len, "Min-Expires", 0, fuzz_uint);
    fuzz_header(msg, len, "Contact", 'm', fuzz_scalars);
    fuzz_header(msg, len, "Via", 'v', fuzz_params);
    fuzz_header(msg, len, "From", 'f', fuzz_params);
    size_t off = body_offset(msg, len);
    sipdiag_span_t body = { msg + off, len - off };
    check(body);
    fuzz_sdp(body.ptr, body.len);

    /* What the plugin reads of every message: its transaction facts and,
     * for a response, the status line's diagnosis. */
    sipdiag_msginfo_t mi;
    sipdiag_msginfo_parse(msg, len, &mi);
    check(mi.call_id);
    check(sipdiag_msginfo_from_tag(&mi));
    check(mi.to_tag);
    check(mi.body);
    check(mi.via_sent_by);
    check(mi.via_branch);
    check(mi.reason);
    check(mi.asterisk_cause);
    check(mi.asterisk_cause_code);
    check(mi.ms_diagnostics);
    fuzz_ms_diag(mi.ms_diagnostics.ptr, mi.ms_diagnostics.len);
    sipdiag_status_line_t sl;
    if (sipdiag_status_line_parse(msg, len, &sl)) {
        sipdiag_diag_t d;
        check((sipdiag_span_t){ sl.reason, sl.reason_len });
        sipdiag_diagnose(sl.code, sl.reason, sl.reason_len, &d);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        sipdiag_codes_init();
        ready = true;
    }
    if (size == 0)
        return 0;
    in_buf = (const char *)data + 1;
    in_len = size - 1;
    switch (data[0] % 8) {
    case 0: fuzz_message(in_buf, in_len); break;
    case 1: fuzz_retry_after(in_buf, in_len); break;
    case 2: fuzz_warning(in_buf, in_len); break;
    case 3: fuzz_reason(in_buf, in_len); break;
    case 4: fuzz_auth(in_buf, in_len); break;
    case 5: fuzz_uint(in_buf, in_len); break;
    case 6: fuzz_sdp(in_buf, in_len); break;
    default: fuzz_ms_diag(in_buf, in_len); break;
    }
    return 0;
}

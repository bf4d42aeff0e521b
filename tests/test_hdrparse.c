/* test_hdrparse.c
 * The header-value and SDP parsers, hostile cases beside normal ones. Every
 * input is copied to a heap buffer of exactly its length first, so a read
 * past the end shows up under AddressSanitizer instead of hitting the
 * literal's NUL.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "hdrparse.h"

/* A literal and its length, NULs inside included. */
#define S(x) x, sizeof(x) - 1

#define OK SIPDIAG_PARSE_OK
#define EMPTY SIPDIAG_PARSE_EMPTY
#define BAD SIPDIAG_PARSE_MALFORMED
#define OVER SIPDIAG_PARSE_OVERFLOW

static char *
exact(const char *s, size_t len)
{
    char *b = g_malloc(len > 0 ? len : 1);
    memcpy(b, s, len);
    return b;
}

/* NULL expects an empty span. */
static void
assert_span(sipdiag_span_t s, const char *expect)
{
    if (expect == NULL)
        g_assert_cmpuint(s.len, ==, 0);
    else
        g_assert_cmpmem(s.ptr, s.len, expect, strlen(expect));
}

/* A span inside [buf, buf + len), as the API promises. */
static void
assert_inside(sipdiag_span_t s, const char *buf, size_t len)
{
    if (s.len == 0)
        return;
    g_assert_true(s.ptr >= buf && s.ptr + s.len <= buf + len);
}

/* ---- sipdiag_header_next ---------------------------------------------------- */

typedef struct {
    const char *msg;
    size_t len;
    const char *name;
    char compact;
    const char *values[4];   /* every occurrence, in order; NULL ends */
} header_case_t;

static const header_case_t header_cases[] = {
    { S("SIP/2.0 503 Service Unavailable\r\nRetry-After: 120\r\n\r\n"), "Retry-After", 0, { "120" } },
    { S("SIP/2.0 488 NAH\r\nWarning: 305 a \"x\"\r\nVia: v\r\nwarning: 399 b \"y\"\r\n\r\n"), "Warning", 0, { "305 a \"x\"", "399 b \"y\"" } },
    { S("SIP/2.0 200 OK\r\nm: <sip:a@b>\r\nContact : <sip:c@d>\r\nM:<sip:e@f>\r\n\r\n"), "Contact", 'm', { "<sip:a@b>", "<sip:c@d>", "<sip:e@f>" } },
    { S("SIP/2.0 200 OK\nRetry-After:  5 \nX: y\n\nRetry-After: 9\n"), "Retry-After", 0, { "5" } },
    { S("SIP/2.0 403 F\r\nWarning: 399 a\r\n \"text\"\r\nVia: v\r\n\r\n"), "Warning", 0, { "399 a\r\n \"text\"" } },
    { S("SIP/2.0 403 F\nWarning: 399 a\n\t\"t\"\n \n\nWarning: 1"), "Warning", 0, { "399 a\n\t\"t\"" } },
    { S("SIP/2.0 200 OK\r\nVia: v\r\n\r\nRetry-After: 1\r\n"), "Retry-After", 0, { NULL } },
    { S("SIP/2.0 200 OK\r\nRETRY-AFTER: 3\r\nretry-after\t:\t4\r\n\r\n"), "Retry-After", 0, { "3", "4" } },
    { S("SIP/2.0 200 OK\r\nRetry-Afterx: 1\r\nRetry-After x: 2\r\nRetry: 3\r\n\r\n"), "Retry-After", 0, { NULL } },
    { S("SIP/2.0 200 OK\r\nRetry-After:\r\nRetry-After: \t \r\n\r\n"), "Retry-After", 0, { "", "" } },
    { S("SIP/2.0 200 OK\r\nMax-Forwards: 70\r\nm :<sip:x>\r\n\r\n"), "Contact", 'm', { "<sip:x>" } },
    { S("\r\n\r\nSIP/2.0 200 OK\r\nRetry-After: 1\r\n\r\n"), "Retry-After", 0, { "1" } },
    /* The first line is the start line, whatever it says. */
    { S("Retry-After: 1\r\nRetry-After: 2\r\n\r\n"), "Retry-After", 0, { "2" } },
    { S("SIP/2.0 200 OK\r\n Retry-After: 1\r\n\r\n"), "Retry-After", 0, { NULL } },
    { S("SIP/2.0 200 OK\r\nRetry\0After: 1\r\nRetry-After: 2\r\n\r\n"), "Retry-After", 0, { "2" } },
    { S("SIP/2.0 200 OK\nA: 1\r\n\nA: 2\n"), "A", 0, { "1" } },
    { S("SIP/2.0 200 OK\r\nA: 1"), "A", 0, { "1" } },
    { S("SIP/2.0 200 OK\r\nA:1\r\nA"), "A", 0, { "1" } },
    { S("SIP/2.0 200 OK\r\nA:\r\n \r\n\t\r\nB: 2\r\n\r\n"), "A", 0, { "" } },
    { S("SIP/2.0 200 OK"), "A", 0, { NULL } },
    { S("SIP/2.0 200 OK\r\n"), "A", 0, { NULL } },
    { S(""), "A", 0, { NULL } },
    { S("\r\n\r\n"), "A", 0, { NULL } },
    { S("SIP/2.0 200 OK\r\n:\r\n: x\r\n\r\n"), "", 0, { NULL } },
    { S("SIP/2.0 200 OK\r\nA: 1\r\r\nA: 2\r\n\r\n"), "A", 0, { "1", "2" } },
};

/* Every header in order, with the name as sent: what one-pass readers see. */
static void
test_header_iter(void)
{
    static const char msg[] = "SIP/2.0 200 OK\r\nv: SIP/2.0/UDP a\r\nCall-ID : x@y\r\nWarning: 399 a\r\n \"t\"\r\n"
                              "no colon here\r\nTo:<sip:b>;tag=9\r\n\r\nBody: not a header\r\n";
    static const char *const want[][2] = {
        { "v", "SIP/2.0/UDP a" }, { "Call-ID", "x@y" }, { "Warning", "399 a\r\n \"t\"" }, { "To", "<sip:b>;tag=9" },
    };
    size_t len = sizeof msg - 1, pos = 0, n = 0;
    sipdiag_span_t name, value;
    char *m = exact(msg, len);
    while (sipdiag_header_iter(m, len, &pos, &name, &value)) {
        g_assert_cmpuint(n, <, G_N_ELEMENTS(want));
        assert_span(name, want[n][0]);
        assert_span(value, want[n][1]);
        n++;
    }
    g_assert_cmpuint(n, ==, G_N_ELEMENTS(want));
    g_assert_cmpuint(pos, ==, len);
    g_free(m);

    g_assert_true(sipdiag_header_name_is((sipdiag_span_t){ "i", 1 }, "Call-ID", 'i'));
    g_assert_true(sipdiag_header_name_is((sipdiag_span_t){ "CALL-id", 7 }, "Call-ID", 'i'));
    g_assert_true(sipdiag_header_name_is((sipdiag_span_t){ "A", 1 }, "A", 0));
    g_assert_false(sipdiag_header_name_is((sipdiag_span_t){ "Call-IDs", 8 }, "Call-ID", 'i'));
    g_assert_false(sipdiag_header_name_is((sipdiag_span_t){ "I", 0 }, "Call-ID", 'i'));
    g_assert_false(sipdiag_header_name_is((sipdiag_span_t){ "x", 1 }, "Call-ID", 'i'));
}

static void
test_header_next(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(header_cases); i++) {
        const header_case_t *c = &header_cases[i];
        char *msg = exact(c->msg, c->len);
        size_t pos = 0, n = 0;
        sipdiag_span_t v;
        g_test_message("case %zu", i);
        for (; sipdiag_header_next(msg, c->len, c->name, c->compact, &pos, &v); n++) {
            g_assert_cmpuint(n, <, G_N_ELEMENTS(c->values));
            g_assert_nonnull(c->values[n]);
            assert_span(v, c->values[n]);
            assert_inside(v, msg, c->len);
        }
        g_assert_true(n == G_N_ELEMENTS(c->values) || c->values[n] == NULL);
        g_assert_cmpuint(pos, ==, c->len);
        /* Finished stays finished. */
        g_assert_false(sipdiag_header_next(msg, c->len, c->name, c->compact, &pos, &v));
        g_free(msg);
    }
}

/* A NUL inside a value is kept: the value is bytes, not a C string. */
static void
test_header_next_nul(void)
{
    char *msg = exact(S("SIP/2.0 200 OK\r\nRetry-After: 1\0 2\r\n\r\n"));
    size_t pos = 0;
    sipdiag_span_t v;
    g_assert_true(sipdiag_header_next(msg, 37, "Retry-After", 0, &pos, &v));
    g_assert_cmpmem(v.ptr, v.len, "1\0 2", 4);
    g_free(msg);
    pos = 0;
    g_assert_false(sipdiag_header_next(NULL, 10, "A", 0, &pos, &v));
}

/* ---- Where the body starts (sipdiag_header_walk) --------------------------- */

typedef struct {
    const char *msg;
    size_t len;
    bool found;
    const char *body;
    size_t body_len;
} body_case_t;

static const body_case_t body_cases[] = {
    { S("SIP/2.0 200 OK\r\nA: 1\r\n\r\nv=0\r\n"), true, S("v=0\r\n") },
    { S("SIP/2.0 200 OK\nA: 1\n\nv=0\n"), true, S("v=0\n") },
    { S("SIP/2.0 200 OK\r\nA: 1\r\n\r\n"), true, S("") },
    { S("SIP/2.0 200 OK\r\n\r\nx\r\n\r\ny"), true, S("x\r\n\r\ny") },
    { S("\r\n\r\nSIP/2.0 200 OK\r\nA: 1\r\n\r\nb"), true, S("b") },
    { S("SIP/2.0 200 OK\r\nA: \0\r\n\r\nX\0Y"), true, S("X\0Y") },
    { S("SIP/2.0 200 OK\nA: 1\r\n\nb"), true, S("b") },
    { S("SIP/2.0 200 OK\r\nA: 1\r\n \r\nB: 2\r\n\r\nb"), true, S("b") },
    { S("SIP/2.0 200 OK\r\nA: 1\r\n"), false, S("") },
    { S("SIP/2.0 200 OK"), false, S("") },
    { S(""), false, S("") },
};

/* ---- sipdiag_header_walk ---------------------------------------------------- */

typedef struct {
    const char *name;
    char compact;
    const char *values[8];
    size_t n;
    size_t seen;    /* every header visited */
} walk_t;

static void
walk_collect(sipdiag_span_t name, sipdiag_span_t value, void *ctx)
{
    walk_t *w = ctx;
    w->seen++;
    if (sipdiag_header_name_is(name, w->name, w->compact) && w->n < G_N_ELEMENTS(w->values))
        w->values[w->n++] = g_strndup(value.ptr, value.len);
}

/* The walk wanting one header finds what sipdiag_header_next finds, in the
 * same cases; wanting none it visits nothing and says where the body starts
 * (len when no empty line ends the headers). */
static void
test_header_walk(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(header_cases); i++) {
        const header_case_t *c = &header_cases[i];
        char *msg = exact(c->msg, c->len);
        sipdiag_letters_t letters = { { 0 } };
        walk_t w = { .name = c->name, .compact = c->compact };
        g_test_message("case %zu", i);
        if (c->name[0] != 0)
            sipdiag_letters_add(&letters, c->name, c->compact);
        size_t body = sipdiag_header_walk(msg, c->len, &letters, walk_collect, &w);
        for (size_t k = 0; k < G_N_ELEMENTS(c->values); k++) {
            if (c->values[k] == NULL) {
                g_assert_cmpuint(w.n, ==, k);
                break;
            }
            g_assert_cmpuint(k, <, w.n);
            g_assert_cmpstr(w.values[k], ==, c->values[k]);
        }
        g_assert_cmpuint(body, <=, c->len);
        for (size_t k = 0; k < w.n; k++)
            g_free((char *)w.values[k]);
        g_free(msg);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(body_cases); i++) {
        const body_case_t *c = &body_cases[i];
        char *msg = exact(c->msg, c->len);
        sipdiag_letters_t none = { { 0 } };
        walk_t w = { .name = "A" };
        g_test_message("body case %zu", i);
        size_t body = sipdiag_header_walk(msg, c->len, &none, walk_collect, &w);
        g_assert_cmpuint(body, ==, c->found ? c->len - c->body_len : c->len);
        g_assert_cmpmem(msg + body, c->len - body, c->found ? c->body : "", c->found ? c->body_len : 0);
        g_assert_cmpuint(w.seen, ==, 0);
        g_free(msg);
    }
    g_assert_cmpuint(sipdiag_header_walk(NULL, 5, &(sipdiag_letters_t){ { 0 } }, walk_collect, NULL), ==, 5);
}

/* Headers whose first letter is not wanted are not visited; the others come
 * in order, names as sent (the compact "v" and "To", not "Via" and "t"). */
static void
test_header_walk_letters(void)
{
    static const char msg[] = "SIP/2.0 200 OK\r\nv: SIP/2.0/UDP a\r\nCall-ID : x@y\r\nto: <sip:a>\r\n"
                              "Warning: 1\r\n\tVia: not a header\r\nTo:<sip:b>;tag=9\r\n\r\nVia: body\r\n";
    sipdiag_letters_t letters = { { 0 } };
    walk_t w = { .name = "To", .compact = 't' };
    sipdiag_letters_add(&letters, "Via", 'v');
    sipdiag_letters_add(&letters, "To", 0);
    g_assert_true(sipdiag_letters_has(&letters, 'V') && sipdiag_letters_has(&letters, 'v'));
    g_assert_true(sipdiag_letters_has(&letters, 'T') && sipdiag_letters_has(&letters, 't'));
    g_assert_false(sipdiag_letters_has(&letters, 'C') || sipdiag_letters_has(&letters, 'W'));
    g_assert_false(sipdiag_letters_has(&letters, '\0') || sipdiag_letters_has(&letters, (char)0xd6));

    size_t body = sipdiag_header_walk(msg, sizeof msg - 1, &letters, walk_collect, &w);
    g_assert_cmpuint(w.seen, ==, 3);    /* v, to, To */
    g_assert_cmpuint(w.n, ==, 2);
    g_assert_cmpstr(w.values[0], ==, "<sip:a>");
    g_assert_cmpstr(w.values[1], ==, "<sip:b>;tag=9");
    g_assert_cmpstr(msg + body, ==, "Via: body\r\n");
    for (size_t k = 0; k < w.n; k++)
        g_free((char *)w.values[k]);
    g_assert_cmpuint(sipdiag_header_walk(NULL, 7, &letters, walk_collect, &w), ==, 7);

    /* Even wanting every byte, a continuation line is not a header of its
     * own: here it follows a line without ':' (found by the fuzzer). */
    static const char cont[] = "SIP/2.0 200 OK\n\"x\"\n \tm: <sip:a>\nm: <sip:b>\n\n";
    memset(&letters, 0xff, sizeof letters);
    w = (walk_t){ .name = "Contact", .compact = 'm' };
    sipdiag_header_walk(cont, sizeof cont - 1, &letters, walk_collect, &w);
    g_assert_cmpuint(w.seen, ==, 1);
    g_assert_cmpstr(w.values[0], ==, "<sip:b>");
    g_free((char *)w.values[0]);
}

/* ---- sipdiag_parse_retry_after ------------------------------------------- */

typedef struct {
    const char *in;
    size_t len;
    sipdiag_parse_status_t st;
    uint32_t seconds;
    bool has_duration;
    uint32_t duration;
    const char *comment;
} retry_case_t;

static const retry_case_t retry_cases[] = {
    { S("120"), OK, 120, false, 0, NULL },
    { S("120 (in maintenance)"), OK, 120, false, 0, "in maintenance" },
    { S("3600;duration=1800"), OK, 3600, true, 1800, NULL },
    { S(" \t18000 (Server (really) busy) ; duration = 3600 ;foo=bar"), OK, 18000, true, 3600, "Server (really) busy" },
    { S("120 (a \\) b)"), OK, 120, false, 0, "a \\) b" },
    { S("120 ()"), OK, 120, false, 0, "" },
    { S("120(x);DURATION=7"), OK, 120, true, 7, "x" },
    { S("120\r\n (continued)\r\n"), OK, 120, false, 0, "continued" },
    { S("120;foo;bar=\"a;b\";duration=1"), OK, 120, true, 1, NULL },
    { S("120;duration=5;duration=6;duration=x"), OK, 120, true, 5, NULL },
    { S("0"), OK, 0, false, 0, NULL },
    { S("007"), OK, 7, false, 0, NULL },
    { S("00000000000000000000000000000042"), OK, 42, false, 0, NULL },
    { S("4294967295"), OK, 4294967295u, false, 0, NULL },
    { S("4294967296"), OVER, UINT32_MAX, false, 0, NULL },
    { S("99999999999999999999"), OVER, UINT32_MAX, false, 0, NULL },
    { S("99999999999999999999 (x);duration=5"), OVER, UINT32_MAX, true, 5, "x" },
    { S("120;duration=99999999999999999999"), OVER, 120, true, UINT32_MAX, NULL },
    { S(""), EMPTY, 0, false, 0, NULL },
    { S(" \t\r\n"), EMPTY, 0, false, 0, NULL },
    { S("-5"), BAD, 0, false, 0, NULL },
    { S("+5"), BAD, 0, false, 0, NULL },
    { S("abc"), BAD, 0, false, 0, NULL },
    { S("(x) 5"), BAD, 0, false, 0, NULL },
    { S("120abc"), BAD, 120, false, 0, NULL },
    { S("12 0"), BAD, 12, false, 0, NULL },
    { S("1.5"), BAD, 1, false, 0, NULL },
    { S("120 (unterminated"), BAD, 120, false, 0, NULL },
    { S("120 (a\\)"), BAD, 120, false, 0, NULL },
    { S("120 (a\\"), BAD, 120, false, 0, NULL },
    { S("120 ((a)"), BAD, 120, false, 0, NULL },
    { S("120 (x)(y)"), BAD, 120, false, 0, "x" },
    { S("120 )"), BAD, 120, false, 0, NULL },
    { S("120;duration"), BAD, 120, false, 0, NULL },
    { S("120;duration="), BAD, 120, false, 0, NULL },
    { S("120;duration=-1"), BAD, 120, false, 0, NULL },
    { S("120;duration=+1"), BAD, 120, false, 0, NULL },
    { S("120;duration=\"5\""), BAD, 120, false, 0, NULL },
    { S("120;duration=5x"), BAD, 120, false, 0, NULL },
    { S("120;"), BAD, 120, false, 0, NULL },
    { S("120;;duration=1"), BAD, 120, false, 0, NULL },
    { S("120;=5"), BAD, 120, false, 0, NULL },
    { S("120 ;foo=\"unterminated"), BAD, 120, false, 0, NULL },
    { S("120 ;foo=\"x\\"), BAD, 120, false, 0, NULL },
    { S("120\0"), BAD, 120, false, 0, NULL },
    { S("1\0" "20"), BAD, 1, false, 0, NULL },
    { S("\0" "120"), BAD, 0, false, 0, NULL },
};

static void
test_retry_after(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(retry_cases); i++) {
        const retry_case_t *c = &retry_cases[i];
        char *in = exact(c->in, c->len);
        sipdiag_retry_after_t r;
        g_test_message("case %zu", i);
        g_assert_cmpint(sipdiag_parse_retry_after(in, c->len, &r), ==, c->st);
        g_assert_cmpuint(r.seconds, ==, c->seconds);
        g_assert_cmpint(r.has_duration, ==, c->has_duration);
        g_assert_cmpuint(r.duration, ==, c->duration);
        assert_span(r.comment, c->comment);
        assert_inside(r.comment, in, c->len);
        g_free(in);
    }
}

/* Nested comments are counted up to 32 levels; deeper is refused. */
static void
test_retry_after_nesting(void)
{
    GString *s = g_string_new("60 ");
    sipdiag_retry_after_t r;
    for (int d = 0; d < 32; d++)
        g_string_append_c(s, '(');
    for (int d = 0; d < 32; d++)
        g_string_append_c(s, ')');
    g_assert_cmpint(sipdiag_parse_retry_after(s->str, s->len, &r), ==, OK);
    g_assert_cmpuint(r.comment.len, ==, 62);
    g_string_printf(s, "60 ");
    for (int d = 0; d < 33; d++)
        g_string_append_c(s, '(');
    for (int d = 0; d < 33; d++)
        g_string_append_c(s, ')');
    g_assert_cmpint(sipdiag_parse_retry_after(s->str, s->len, &r), ==, BAD);
    g_string_printf(s, "60 ");
    for (int d = 0; d < 10000; d++)
        g_string_append(s, "()");
    g_assert_cmpint(sipdiag_parse_retry_after(s->str, s->len, &r), ==, BAD);
    g_string_free(s, TRUE);
}

/* ---- sipdiag_parse_warning_next ------------------------------------------ */

typedef struct {
    sipdiag_parse_status_t st;
    uint16_t code;
    const char *agent;
    const char *text;
} warn_result_t;

typedef struct {
    const char *in;
    size_t len;
    size_t n;
    warn_result_t r[3];
} warn_case_t;

static const warn_case_t warn_cases[] = {
    { S("305 192.0.2.1:5060 \"Incompatible media format\""), 1, { { OK, 305, "192.0.2.1:5060", "Incompatible media format" } } },
    { S("307 isi.edu \"Session parameter 'foo' not understood\", 301 isi.edu \"Incompatible network address type 'E.164'\""), 2,
      { { OK, 307, "isi.edu", "Session parameter 'foo' not understood" }, { OK, 301, "isi.edu", "Incompatible network address type 'E.164'" } } },
    { S("399 a.example \"one, two\",399 b \"three\""), 2, { { OK, 399, "a.example", "one, two" }, { OK, 399, "b", "three" } } },
    { S("399 h \"say \\\"hi\\\", ok\""), 1, { { OK, 399, "h", "say \\\"hi\\\", ok" } } },
    { S("399 [2001:db8::1]:5060 \"v6\""), 1, { { OK, 399, "[2001:db8::1]:5060", "v6" } } },
    { S("370 proxy-1 \"Insufficient bandwidth\""), 1, { { OK, 370, "proxy-1", "Insufficient bandwidth" } } },
    { S("399\th\t\"tabs\"\t,\t399 h \"\""), 2, { { OK, 399, "h", "tabs" }, { OK, 399, "h", "" } } },
    { S("399 h\r\n \"folded\""), 1, { { OK, 399, "h", "folded" } } },
    { S(" , ,399 h \"x\",,, "), 1, { { OK, 399, "h", "x" } } },
    { S("000 h \"zero\""), 1, { { OK, 0, "h", "zero" } } },
    { S(""), 0, { { OK, 0, NULL, NULL } } },
    { S(",,, ,\t,"), 0, { { OK, 0, NULL, NULL } } },
    /* Malformed values are reported and skipped; the next one still parses. */
    { S("3050 h \"x\", 399 h \"y\""), 2, { { BAD, 0, NULL, NULL }, { OK, 399, "h", "y" } } },
    { S("30 h \"x\", 99999999999999999999 h \"y\", 399 h \"z\""), 3, { { BAD, 0, NULL, NULL }, { BAD, 0, NULL, NULL }, { OK, 399, "h", "z" } } },
    { S("abc h \"x\""), 1, { { BAD, 0, NULL, NULL } } },
    { S("-99 h \"x\""), 1, { { BAD, 0, NULL, NULL } } },
    { S("+99 h \"x\""), 1, { { BAD, 0, NULL, NULL } } },
    { S("399 h x, 399 h \"y\""), 2, { { BAD, 399, "h", NULL }, { OK, 399, "h", "y" } } },
    { S("399 h \"x"), 1, { { BAD, 399, "h", NULL } } },
    { S("399 h \"x\\"), 1, { { BAD, 399, "h", NULL } } },
    { S("399 h \"x\\\""), 1, { { BAD, 399, "h", NULL } } },
    /* An unterminated quote swallows the rest of the header. */
    { S("399 h \"x, 399 h \"y\""), 1, { { BAD, 399, "h", "x, 399 h " } } },
    { S("399 h \"x\" junk, 399 h \"y\""), 2, { { BAD, 399, "h", "x" }, { OK, 399, "h", "y" } } },
    { S("399 h"), 1, { { BAD, 399, NULL, NULL } } },
    { S("399"), 1, { { BAD, 0, NULL, NULL } } },
    { S("399 \"x\""), 1, { { BAD, 399, NULL, NULL } } },
    { S("399h \"x\""), 1, { { BAD, 0, NULL, NULL } } },
    { S("399 h\0 \"x\""), 1, { { BAD, 399, NULL, NULL } } },
    { S("3\0" "99 h \"x\""), 1, { { BAD, 0, NULL, NULL } } },
};

static void
test_warning(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(warn_cases); i++) {
        const warn_case_t *c = &warn_cases[i];
        char *in = exact(c->in, c->len);
        size_t pos = 0;
        sipdiag_warning_t w;
        g_test_message("case %zu", i);
        for (size_t k = 0; k < c->n; k++) {
            size_t before = pos;
            g_assert_cmpint(sipdiag_parse_warning_next(in, c->len, &pos, &w), ==, c->r[k].st);
            g_assert_cmpuint(pos, >, before);
            g_assert_cmpuint(w.code, ==, c->r[k].code);
            assert_span(w.agent, c->r[k].agent);
            assert_span(w.text, c->r[k].text);
            assert_inside(w.agent, in, c->len);
            assert_inside(w.text, in, c->len);
        }
        g_assert_cmpint(sipdiag_parse_warning_next(in, c->len, &pos, &w), ==, EMPTY);
        g_assert_cmpuint(pos, ==, c->len);
        g_assert_cmpint(sipdiag_parse_warning_next(in, c->len, &pos, &w), ==, EMPTY);
        g_free(in);
    }
}

static void
test_warning_nul_text(void)
{
    char *in = exact(S("399 h \"a\0b\""));
    size_t pos = 0;
    sipdiag_warning_t w;
    g_assert_cmpint(sipdiag_parse_warning_next(in, 11, &pos, &w), ==, OK);
    g_assert_cmpmem(w.text.ptr, w.text.len, "a\0b", 3);
    g_free(in);
    pos = 0;
    g_assert_cmpint(sipdiag_parse_warning_next(NULL, 10, &pos, &w), ==, EMPTY);
    pos = 50;   /* a caller's position past the end */
    g_assert_cmpint(sipdiag_parse_warning_next("399 h \"x\"", 9, &pos, &w), ==, EMPTY);
}

/* 5000 values, and 5000 bad ones, are iterated to the end in one pass. */
static void
test_warning_many(void)
{
    GString *good = g_string_new(NULL), *bad = g_string_new(NULL);
    for (int k = 0; k < 5000; k++) {
        g_string_append_printf(good, "%s399 h%d \"t, %d\"", k ? ", " : "", k, k);
        g_string_append_printf(bad, "%sx%d", k ? "," : "", k);
    }
    size_t pos = 0, n = 0;
    sipdiag_warning_t w;
    while (sipdiag_parse_warning_next(good->str, good->len, &pos, &w) == OK)
        n++;
    g_assert_cmpuint(n, ==, 5000);
    g_assert_cmpuint(pos, ==, good->len);
    pos = n = 0;
    while (sipdiag_parse_warning_next(bad->str, bad->len, &pos, &w) == BAD)
        n++;
    g_assert_cmpuint(n, ==, 5000);
    g_assert_cmpint(sipdiag_parse_warning_next(bad->str, bad->len, &pos, &w), ==, EMPTY);
    g_string_free(good, TRUE);
    g_string_free(bad, TRUE);
}

/* ---- sipdiag_parse_reason_next -------------------------------------------- */

typedef struct {
    sipdiag_parse_status_t st;
    const char *protocol;
    bool has_cause;
    long cause;
    const char *text;
} reason_result_t;

typedef struct {
    const char *in;
    size_t len;
    size_t n;
    reason_result_t r[3];
} reason_case_t;

static const reason_case_t reason_cases[] = {
    { S("Q.850;cause=16;text=\"Terminated\""), 1, { { OK, "Q.850", true, 16, "Terminated" } } },
    { S("SIP ;cause=600 ;text=\"Busy Everywhere\""), 1, { { OK, "SIP", true, 600, "Busy Everywhere" } } },
    { S("SIP;cause=200;text=\"Call completed elsewhere\", Q.850;cause=16"), 2,
      { { OK, "SIP", true, 200, "Call completed elsewhere" }, { OK, "Q.850", true, 16, NULL } } },
    { S("SIP;text=\"a, b\";cause=487,Q.850;cause=31"), 2, { { OK, "SIP", true, 487, "a, b" }, { OK, "Q.850", true, 31, NULL } } },
    { S("Q.850 ; CAUSE = 16 ; TEXT = \"x\""), 1, { { OK, "Q.850", true, 16, "x" } } },
    { S("Q.850;text=\"a\\\"b\";cause=1"), 1, { { OK, "Q.850", true, 1, "a\\\"b" } } },
    { S("Q.850;text=Bare"), 1, { { OK, "Q.850", false, -1, "Bare" } } },
    { S("Q.850;foo=bar;cause=3;x=\"y,z\""), 1, { { OK, "Q.850", true, 3, NULL } } },
    { S("Q.850;foo;cause=3"), 1, { { OK, "Q.850", true, 3, NULL } } },
    { S("Q.850;cause=2147483647"), 1, { { OK, "Q.850", true, 2147483647L, NULL } } },
    { S("Q.850;cause=0016"), 1, { { OK, "Q.850", true, 16, NULL } } },
    /* Repeated parameters: the first counts, so OVERFLOW always means cause -1. */
    { S("Q.850;cause=16;cause=17;text=\"a\";text=\"b\""), 1, { { OK, "Q.850", true, 16, "a" } } },
    { S("Q.850;cause=99999999999999999999;cause=5"), 1, { { OVER, "Q.850", true, -1, NULL } } },
    { S("SIP"), 1, { { OK, "SIP", false, -1, NULL } } },
    { S("SIP\r\n ;cause=480"), 1, { { OK, "SIP", true, 480, NULL } } },
    { S(" ,, SIP;cause=503 ,,"), 1, { { OK, "SIP", true, 503, NULL } } },
    { S(""), 0, { { OK, NULL, false, 0, NULL } } },
    { S(",,, \t,"), 0, { { OK, NULL, false, 0, NULL } } },
    { S("Q.850;cause=99999999999999999999;text=\"big\""), 1, { { OVER, "Q.850", true, -1, "big" } } },
    { S("Q.850;cause=99999999999999999999999999999999999999, SIP;cause=1"), 2, { { OVER, "Q.850", true, -1, NULL }, { OK, "SIP", true, 1, NULL } } },
    { S("Q.850;cause=-5"), 1, { { BAD, "Q.850", true, -1, NULL } } },
    { S("Q.850;cause=+5"), 1, { { BAD, "Q.850", true, -1, NULL } } },
    { S("Q.850;cause="), 1, { { BAD, "Q.850", true, -1, NULL } } },
    { S("Q.850;cause"), 1, { { BAD, "Q.850", true, -1, NULL } } },
    { S("Q.850;cause=\"16\""), 1, { { BAD, "Q.850", true, -1, NULL } } },
    { S("Q.850;cause=1 6"), 1, { { BAD, "Q.850", true, 1, NULL } } },
    { S("Q.850;cause=16 junk, SIP"), 2, { { BAD, "Q.850", true, 16, NULL }, { OK, "SIP", false, -1, NULL } } },
    { S("Q.850;text=\"unterminated"), 1, { { BAD, "Q.850", false, -1, NULL } } },
    { S("Q.850;cause=16;text=\"x\\"), 1, { { BAD, "Q.850", true, 16, NULL } } },
    { S("Q.850;text"), 1, { { BAD, "Q.850", false, -1, NULL } } },
    { S("Q.850;;cause=1"), 1, { { BAD, "Q.850", false, -1, NULL } } },
    { S(";cause=3, SIP"), 2, { { BAD, NULL, false, -1, NULL }, { OK, "SIP", false, -1, NULL } } },
    { S("\"SIP\";cause=3"), 1, { { BAD, NULL, false, -1, NULL } } },
    { S("SIP\0;cause=3"), 1, { { BAD, "SIP", false, -1, NULL } } },
    { S("SIP;cause=3\0"), 1, { { BAD, "SIP", true, -1, NULL } } },
};

static void
test_reason(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(reason_cases); i++) {
        const reason_case_t *c = &reason_cases[i];
        char *in = exact(c->in, c->len);
        size_t pos = 0;
        sipdiag_reason_t r;
        g_test_message("case %zu", i);
        for (size_t k = 0; k < c->n; k++) {
            size_t before = pos;
            g_assert_cmpint(sipdiag_parse_reason_next(in, c->len, &pos, &r), ==, c->r[k].st);
            g_assert_cmpuint(pos, >, before);
            assert_span(r.protocol, c->r[k].protocol);
            g_assert_cmpint(r.has_cause, ==, c->r[k].has_cause);
            g_assert_cmpint(r.cause, ==, c->r[k].cause);
            assert_span(r.text, c->r[k].text);
            assert_inside(r.protocol, in, c->len);
            assert_inside(r.text, in, c->len);
        }
        g_assert_cmpint(sipdiag_parse_reason_next(in, c->len, &pos, &r), ==, EMPTY);
        g_assert_cmpuint(pos, ==, c->len);
        g_free(in);
    }
}

static void
test_reason_many(void)
{
    GString *s = g_string_new(NULL);
    for (int k = 0; k < 5000; k++)
        g_string_append_printf(s, "%sQ.850;cause=%d;text=\"a,b\"", k ? "," : "", k % 128);
    g_string_append(s, ",,,,,,,,,,");
    size_t pos = 0, n = 0;
    sipdiag_reason_t r;
    while (sipdiag_parse_reason_next(s->str, s->len, &pos, &r) == OK) {
        g_assert_cmpint(r.cause, ==, (long)(n % 128));
        n++;
    }
    g_assert_cmpuint(n, ==, 5000);
    g_assert_cmpuint(pos, ==, s->len);
    g_string_free(s, TRUE);
}

/* ---- sipdiag_parse_auth ---------------------------------------------------- */

typedef struct {
    const char *in;
    size_t len;
    sipdiag_parse_status_t st;
    const char *scheme, *realm, *nonce, *algorithm, *username;
    bool stale;
} auth_case_t;

static const auth_case_t auth_cases[] = {
    { S("Digest realm=\"sipdiag.test\", nonce=\"abc\", algorithm=MD5, stale=TRUE"), OK, "Digest", "sipdiag.test", "abc", "MD5", NULL, true },
    { S("Digest username=\"alice\", realm=\"r\", nonce=\"n\", uri=\"sip:bob@r\", response=\"0123\", algorithm=SHA-256"), OK, "Digest", "r", "n", "SHA-256", "alice", false },
    { S("digest  realm = \"r\" ,nonce=\"n\",stale=\"true\""), OK, "digest", "r", "n", NULL, NULL, true },
    { S("Digest realm=\"r\", stale=false"), OK, "Digest", "r", NULL, NULL, NULL, false },
    { S("Digest stale=TRUEX"), OK, "Digest", NULL, NULL, NULL, NULL, false },
    { S("Digest stale="), OK, "Digest", NULL, NULL, NULL, NULL, false },
    { S("Digest realm=\"r\",,,, nonce=\"n\",,"), OK, "Digest", "r", "n", NULL, NULL, false },
    { S("Digest realm=\"r\", opaque=\"\", qop=\"auth,auth-int\", nonce=\"n\""), OK, "Digest", "r", "n", NULL, NULL, false },
    { S("Digest realm=\"a\\\"b\", nonce=\"n\""), OK, "Digest", "a\\\"b", "n", NULL, NULL, false },
    { S("Digest realm=sip:x"), OK, "Digest", "sip:x", NULL, NULL, NULL, false },
    { S("Digest\trealm=\"r\"\r\n ,nonce=\"n\""), OK, "Digest", "r", "n", NULL, NULL, false },
    { S("Digest REALM=\"r\", NONCE=\"n\", ALGORITHM=md5"), OK, "Digest", "r", "n", "md5", NULL, false },
    { S("Digest realm=\"a\", realm=\"b\", stale=true, stale=false, nonce=, nonce=\"n\""), OK, "Digest", "a", NULL, NULL, NULL, true },
    { S("Digest"), OK, "Digest", NULL, NULL, NULL, NULL, false },
    { S("  Digest  "), OK, "Digest", NULL, NULL, NULL, NULL, false },
    { S(""), EMPTY, NULL, NULL, NULL, NULL, NULL, false },
    { S(" \t\r\n"), EMPTY, NULL, NULL, NULL, NULL, NULL, false },
    { S("realm=\"x\""), BAD, NULL, NULL, NULL, NULL, NULL, false },
    { S("\"Digest\" realm=\"x\""), BAD, NULL, NULL, NULL, NULL, NULL, false },
    { S(", realm=\"x\""), BAD, NULL, NULL, NULL, NULL, NULL, false },
    { S("Digest realm=\"unterminated"), BAD, "Digest", NULL, NULL, NULL, NULL, false },
    { S("Digest realm=\"x\\"), BAD, "Digest", NULL, NULL, NULL, NULL, false },
    { S("Digest nonce=\"n\", realm"), BAD, "Digest", NULL, "n", NULL, NULL, false },
    { S("Digest realm=\"r\" nonce=\"n\""), BAD, "Digest", NULL, NULL, NULL, NULL, false },
    { S("Digest =x"), BAD, "Digest", NULL, NULL, NULL, NULL, false },
    { S("Digest realm=\"r\"x"), BAD, "Digest", NULL, NULL, NULL, NULL, false },
    /* token68 credentials (Basic) are not SIP Digest: MALFORMED, scheme kept. */
    { S("Basic dXNlcjpwYXNz"), BAD, "Basic", NULL, NULL, NULL, NULL, false },
    { S("Digest\0 realm=\"r\""), BAD, NULL, NULL, NULL, NULL, NULL, false },
};

static void
test_auth(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(auth_cases); i++) {
        const auth_case_t *c = &auth_cases[i];
        char *in = exact(c->in, c->len);
        sipdiag_auth_t a;
        g_test_message("case %zu", i);
        g_assert_cmpint(sipdiag_parse_auth(in, c->len, &a), ==, c->st);
        assert_span(a.scheme, c->scheme);
        assert_span(a.realm, c->realm);
        assert_span(a.nonce, c->nonce);
        assert_span(a.algorithm, c->algorithm);
        assert_span(a.username, c->username);
        g_assert_cmpint(a.stale, ==, c->stale);
        assert_inside(a.realm, in, c->len);
        assert_inside(a.nonce, in, c->len);
        g_free(in);
    }
}

/* ---- sipdiag_parse_uint ------------------------------------------------------ */

typedef struct {
    const char *in;
    size_t len;
    sipdiag_parse_status_t st;
    uint32_t value;
} uint_case_t;

static const uint_case_t uint_cases[] = {
    { S("120"), OK, 120 },
    { S("  90;lr"), OK, 90 },
    { S("1800 ; refresher=uac"), OK, 1800 },
    { S("3600 ;x=\"unterminated"), OK, 3600 },
    { S("90\r\n"), OK, 90 },
    { S("\t90\t"), OK, 90 },
    { S("0"), OK, 0 },
    { S("00000000000000000000000000001"), OK, 1 },
    { S("4294967295"), OK, 4294967295u },
    { S("4294967296"), OVER, UINT32_MAX },
    { S("99999999999999999999"), OVER, UINT32_MAX },
    { S("18446744073709551616;x"), OVER, UINT32_MAX },
    { S(""), EMPTY, 0 },
    { S(" \t"), EMPTY, 0 },
    { S("-5"), BAD, 0 },
    { S("+5"), BAD, 0 },
    { S("5x"), BAD, 5 },
    { S("5 6"), BAD, 5 },
    { S("0x10"), BAD, 0 },
    { S("5\0"), BAD, 5 },
    { S("\0" "5"), BAD, 0 },
    { S(";5"), BAD, 0 },
};

static void
test_uint(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(uint_cases); i++) {
        const uint_case_t *c = &uint_cases[i];
        char *in = exact(c->in, c->len);
        uint32_t v = 77;
        g_test_message("case %zu", i);
        g_assert_cmpint(sipdiag_parse_uint(in, c->len, &v), ==, c->st);
        g_assert_cmpuint(v, ==, c->value);
        g_free(in);
    }
    uint32_t v;
    g_assert_cmpint(sipdiag_parse_uint(NULL, 3, &v), ==, EMPTY);
}

/* ---- sipdiag_sdp_formats ------------------------------------------------------ */

typedef struct {
    const char *sdp;
    size_t len;
    size_t max;
    size_t count;
    const char *expect;   /* "media:format:name" of the entries written, space-separated */
} sdp_case_t;

#define SDP_HEAD "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"

static const sdp_case_t sdp_cases[] = {
    { S(SDP_HEAD "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"), 8, 3,
      "audio:0:PCMU audio:8:PCMA audio:101:telephone-event" },
    { S(SDP_HEAD "m=image 5004 udptl t38\r\na=T38FaxVersion:0\r\n"), 8, 1, "image:t38:t38" },
    { S("m=audio 1 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\nm=video 2 RTP/AVP 96 31\r\na=rtpmap:96 H264/90000\r\n"), 8, 3,
      "audio:96:opus video:96:H264 video:31:H261" },
    { S("a=rtpmap:97 iLBC/8000\nm=audio 1 RTP/AVP 97\n"), 8, 1, "audio:97:iLBC" },
    { S("m=audio 1 RTP/AVP 98\r\nm=audio 2 RTP/AVP 0\r\na=rtpmap:98 AMR/8000\r\n"), 8, 2, "audio:98:AMR audio:0:PCMU" },
    { S("m=audio 1 RTP/AVP 96 19 35 34 2 3 4 5 6 7 9 10 11 12 13 14 15 16 17 18 25 26 28 31 32 33\r\n"), 32, 26,
      "audio:96: audio:19: audio:35: audio:34:H263 audio:2: audio:3:GSM audio:4:G723 audio:5:DVI4 audio:6:DVI4 audio:7:LPC "
      "audio:9:G722 audio:10:L16 audio:11:L16 audio:12:QCELP audio:13:CN audio:14:MPA audio:15:G728 audio:16:DVI4 "
      "audio:17:DVI4 audio:18:G729 audio:25:CelB audio:26:JPEG audio:28:nv audio:31:H261 audio:32:MPV audio:33:MP2T" },
    { S("m=audio 1 RTP/AVP 0\r\na=rtpmap:0 ulaw/8000\r\n"), 8, 1, "audio:0:ulaw" },
    { S("m=audio 1 RTP/AVP 0 8 18 101 13\r\n"), 2, 5, "audio:0:PCMU audio:8:PCMA" },
    { S("m=audio 1 RTP/AVP 0 8\r\nm=video 2 RTP/AVP 31\r\n"), 0, 3, "" },
    { S("m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\na=rtpmap:111 opus/48000/2\r\n"), 8, 2, "audio:111:opus audio:0:PCMU" },
    { S("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"), 8, 1, "application:webrtc-datachannel:webrtc-datachannel" },
    { S("m=audio 1 rtp/avp 8"), 8, 1, "audio:8:PCMA" },
    { S("m=audio  1\tRTP/AVP  0   8 \r\n"), 8, 2, "audio:0:PCMU audio:8:PCMA" },
    { S("m=audio 1/2 RTP/AVP 96\r\na=rtpmap:96\r\na=rtpmap:96 \r\na=rtpmap:0096 x/1\r\n"), 8, 1, "audio:96:" },
    { S("m=audio 1 RTP/AVP 96\r\na=rtpmap:96 foo\r\n"), 8, 1, "audio:96:foo" },
    { S("m=audio 1 RTP/AVP 96\r\na=rtpmap: 96  bar/1\r\n"), 8, 1, "audio:96:bar" },
    { S("m=audio 1 RTP/AVP 00 +0 -0 99999999999999999999\r\n"), 8, 4, "audio:00:PCMU audio:+0: audio:-0: audio:99999999999999999999:" },
    { S("m=audio\r\nm=audio 1\r\nm=audio 1 RTP/AVP\r\nm=\r\nm= \r\nm=audio 1 RTP/AVP \r\n"), 8, 0, "" },
    { S(" m=audio 1 RTP/AVP 0\r\nM=audio 1 RTP/AVP 0\r\nmm=audio 1 RTP/AVP 0\r\n"), 8, 0, "" },
    { S(""), 8, 0, "" },
    { S("\r\n\n\r"), 8, 0, "" },
};

static void
test_sdp_formats(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(sdp_cases); i++) {
        const sdp_case_t *c = &sdp_cases[i];
        char *in = exact(c->sdp, c->len);
        sipdiag_sdp_format_t f[32];
        GString *got = g_string_new(NULL);
        g_test_message("case %zu", i);
        size_t n = sipdiag_sdp_formats(in, c->len, f, c->max);
        g_assert_cmpuint(n, ==, c->count);
        for (size_t k = 0; k < MIN(n, c->max); k++) {
            assert_inside(f[k].media, in, c->len);
            assert_inside(f[k].format, in, c->len);
            g_string_append_printf(got, "%s%.*s:", k ? " " : "", (int)f[k].media.len, f[k].media.ptr);
            g_string_append_len(got, f[k].format.ptr, (gssize)f[k].format.len);
            g_string_append_printf(got, ":%.*s", (int)f[k].name.len, f[k].name.ptr);
        }
        g_assert_cmpstr(got->str, ==, c->expect);
        g_string_free(got, TRUE);
        g_free(in);
    }
    g_assert_cmpuint(sipdiag_sdp_formats(NULL, 10, NULL, 0), ==, 0);
    g_assert_cmpuint(sipdiag_sdp_formats("m=audio 1 RTP/AVP 0 8", 21, NULL, 5), ==, 2);
}

/* NUL bytes inside values stay in the spans (they are bytes, not C strings)
 * and never end a parse early. */
static void
test_nul_values(void)
{
    sipdiag_auth_t a;
    char *in = exact(S("Digest realm=\"r\0x\", nonce\0=\"n\""));
    g_assert_cmpint(sipdiag_parse_auth(in, 30, &a), ==, BAD);
    g_assert_cmpmem(a.realm.ptr, a.realm.len, "r\0x", 3);
    g_free(in);

    sipdiag_sdp_format_t f[4];
    in = exact(S("m=audio 1 RTP/AVP 0\0 8\r\n"));
    g_assert_cmpuint(sipdiag_sdp_formats(in, 24, f, G_N_ELEMENTS(f)), ==, 2);
    g_assert_cmpmem(f[0].format.ptr, f[0].format.len, "0\0", 2);
    g_assert_cmpuint(f[0].name.len, ==, 0);
    assert_span(f[1].name, "PCMA");
    g_free(in);

    sipdiag_reason_t r;
    size_t pos = 0;
    in = exact(S("SIP;text=\"a\0,b\";cause=1,Q.850"));
    g_assert_cmpint(sipdiag_parse_reason_next(in, 29, &pos, &r), ==, OK);
    g_assert_cmpmem(r.text.ptr, r.text.len, "a\0,b", 4);
    g_assert_cmpint(sipdiag_parse_reason_next(in, 29, &pos, &r), ==, OK);
    assert_span(r.protocol, "Q.850");
    g_free(in);
}

/* ---- Big and truncated inputs --------------------------------------------------- */

#define BIG 65536

/* A 64 KiB value through every parser: found whole, no quadratic time. */
static void
test_big_values(void)
{
    GString *s = g_string_new("SIP/2.0 403 F\r\nWarning: 399 h \"");
    for (size_t k = 0; k < BIG; k++)
        g_string_append_c(s, (char)('a' + k % 26));
    g_string_append(s, "\"\r\n\r\n");
    size_t pos = 0;
    sipdiag_span_t v;
    sipdiag_warning_t w;
    g_assert_true(sipdiag_header_next(s->str, s->len, "Warning", 0, &pos, &v));
    g_assert_cmpuint(v.len, ==, BIG + 8);
    pos = 0;
    g_assert_cmpint(sipdiag_parse_warning_next(v.ptr, v.len, &pos, &w), ==, OK);
    g_assert_cmpuint(w.text.len, ==, BIG);

    char *digits = g_malloc(BIG);
    memset(digits, '9', BIG);
    sipdiag_retry_after_t r;
    uint32_t u;
    g_assert_cmpint(sipdiag_parse_retry_after(digits, BIG, &r), ==, OVER);
    g_assert_cmpint(sipdiag_parse_uint(digits, BIG, &u), ==, OVER);
    memset(digits, ' ', BIG);
    g_assert_cmpint(sipdiag_parse_retry_after(digits, BIG, &r), ==, EMPTY);
    memset(digits, ',', BIG);
    pos = 0;
    g_assert_cmpint(sipdiag_parse_warning_next(digits, BIG, &pos, &w), ==, EMPTY);
    g_free(digits);
    g_string_free(s, TRUE);
}

static void
test_big_auth_reason(void)
{
    GString *s = g_string_new("Digest realm=\"");
    for (size_t k = 0; k < BIG; k++)
        g_string_append_c(s, 'r');
    g_string_append(s, "\", nonce=\"n\"");
    for (size_t k = 0; k < 5000; k++)
        g_string_append_c(s, ',');
    sipdiag_auth_t a;
    g_assert_cmpint(sipdiag_parse_auth(s->str, s->len, &a), ==, OK);
    g_assert_cmpuint(a.realm.len, ==, BIG);
    assert_span(a.nonce, "n");

    g_string_printf(s, "Q.850;cause=16;text=\"");
    for (size_t k = 0; k < BIG; k++)
        g_string_append_c(s, ',');
    g_string_append_c(s, '"');
    size_t pos = 0;
    sipdiag_reason_t rs;
    g_assert_cmpint(sipdiag_parse_reason_next(s->str, s->len, &pos, &rs), ==, OK);
    g_assert_cmpuint(rs.text.len, ==, BIG);
    g_assert_cmpint(sipdiag_parse_reason_next(s->str, s->len, &pos, &rs), ==, EMPTY);
    g_string_free(s, TRUE);
}

/* 32768 formats on one m= line, and 8000 m= lines: counted, max written. */
static void
test_big_sdp(void)
{
    GString *s = g_string_new("m=audio 1 RTP/AVP");
    for (size_t k = 0; k < BIG / 2; k++)
        g_string_append(s, " 0");
    g_string_append(s, "\r\n");
    for (size_t k = 0; k < 8000; k++)
        g_string_append(s, "m=video 2 RTP/AVP 96\r\n");
    g_string_append(s, "a=rtpmap:96 VP8/90000\r\n");
    sipdiag_sdp_format_t f[16];
    g_assert_cmpuint(sipdiag_sdp_formats(s->str, s->len, f, G_N_ELEMENTS(f)), ==, BIG / 2 + 8000);
    assert_span(f[15].name, "PCMU");
    g_string_free(s, TRUE);

    s = g_string_new(NULL);
    for (size_t k = 0; k < 8000; k++)
        g_string_append(s, "m=video 2 RTP/AVP 96\r\n");
    g_string_append(s, "a=rtpmap:96 VP8/90000\r\n");
    g_assert_cmpuint(sipdiag_sdp_formats(s->str, s->len, f, G_N_ELEMENTS(f)), ==, 8000);
    assert_span(f[0].name, "VP8");   /* found outside its section */
    g_string_free(s, TRUE);
}

/* Every prefix of realistic inputs, each in an exact-size buffer: no parser
 * may read past the end whatever byte the input stops at. */
/* [MS-OCER] ms-diagnostics: code, optional sub-code, reason and source; hostile variants. */
static void
test_ms_diag(void)
{
    sipdiag_ms_diag_t d;
    const char *v = "1018;reason=\"Primary Registrar is down\";source=\"fe.contoso.com\";component=\"Routing\"";
    g_assert_cmpint(sipdiag_parse_ms_diag(v, strlen(v), &d), ==, SIPDIAG_PARSE_OK);
    g_assert_cmpuint(d.code, ==, 1018);
    g_assert_false(d.has_sub);
    g_assert_cmpint((int)d.reason.len, ==, 25);
    g_assert_true(strncmp(d.reason.ptr, "Primary Registrar is down", d.reason.len) == 0);
    g_assert_true(strncmp(d.source.ptr, "fe.contoso.com", d.source.len) == 0);
    v = "560403.2;reason=\"x\"";
    g_assert_cmpint(sipdiag_parse_ms_diag(v, strlen(v), &d), ==, SIPDIAG_PARSE_OK);
    g_assert_cmpuint(d.code, ==, 560403);
    g_assert_true(d.has_sub);
    g_assert_cmpuint(d.sub, ==, 2);
    v = "  52001";      /* a bare code */
    g_assert_cmpint(sipdiag_parse_ms_diag(v, strlen(v), &d), ==, SIPDIAG_PARSE_OK);
    g_assert_cmpuint(d.code, ==, 52001);
    g_assert_cmpuint(d.reason.len, ==, 0);
    v = "99999999999999999999;reason=\"huge\"";
    g_assert_cmpint(sipdiag_parse_ms_diag(v, strlen(v), &d), ==, SIPDIAG_PARSE_OVERFLOW);
    g_assert_cmpuint(d.code, ==, UINT32_MAX);
    g_assert_cmpint(sipdiag_parse_ms_diag("reason=\"x\"", 10, &d), ==, SIPDIAG_PARSE_MALFORMED);
    g_assert_cmpint(sipdiag_parse_ms_diag("12.", 3, &d), ==, SIPDIAG_PARSE_MALFORMED);
    v = "1003;reason=\"unterminated";
    g_assert_cmpint(sipdiag_parse_ms_diag(v, strlen(v), &d), ==, SIPDIAG_PARSE_MALFORMED);
    g_assert_cmpint(sipdiag_parse_ms_diag("", 0, &d), ==, SIPDIAG_PARSE_EMPTY);
    g_assert_cmpint(sipdiag_parse_ms_diag("   ", 3, &d), ==, SIPDIAG_PARSE_EMPTY);
}

static void
test_truncated(void)
{
    static const char msg[] = "SIP/2.0 503 SU\r\nRetry-After: 120 (a (b) \\) c);duration=60\r\n"
        "Warning: 399 h \"x, \\\"y\\\"\", 305 [::1]:5060 \"z\"\r\nReason: Q.850;cause=16;text=\"T\\\\\"\r\n"
        "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\\\"\", stale=true\r\nm: <sip:a>\r\n Continued\r\n\r\n"
        "m=audio 1 RTP/AVP 0 96\r\na=rtpmap:96 opus/48000/2\r\nm=image 2 udptl t38\r\n";
    for (size_t len = 0; len <= sizeof msg - 1; len++) {
        char *b = exact(msg, len);
        size_t pos = 0;
        sipdiag_span_t v;
        sipdiag_retry_after_t r;
        sipdiag_warning_t w;
        sipdiag_reason_t rs;
        sipdiag_auth_t a;
        sipdiag_sdp_format_t f[4];
        uint32_t u;
        while (sipdiag_header_next(b, len, "Contact", 'm', &pos, &v))
            ;
        sipdiag_header_walk(b, len, &(sipdiag_letters_t){ { 0 } }, walk_collect, NULL);
        for (size_t off = 0; off < len; off++) {
            size_t p = 0, q = 0;
            sipdiag_parse_retry_after(b + off, len - off, &r);
            sipdiag_parse_uint(b + off, len - off, &u);
            sipdiag_parse_auth(b + off, len - off, &a);
            while (sipdiag_parse_warning_next(b + off, len - off, &p, &w) != EMPTY)
                ;
            while (sipdiag_parse_reason_next(b + off, len - off, &q, &rs) != EMPTY)
                ;
            sipdiag_sdp_formats(b + off, len - off, f, G_N_ELEMENTS(f));
        }
        g_free(b);
    }
}

static void
test_three_digits(void)
{
    g_assert_cmpint(sipdiag_three_digits("486", 3), ==, 486);
    g_assert_cmpint(sipdiag_three_digits("0001", 4), ==, 0);
    g_assert_cmpint(sipdiag_three_digits("4x6", 3), ==, -1);
    g_assert_cmpint(sipdiag_three_digits("48", 2), ==, -1);
    g_assert_cmpint(sipdiag_three_digits("+86", 3), ==, -1);
    g_assert_cmpint(sipdiag_three_digits(NULL, 3), ==, -1);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hdrparse/header_iter", test_header_iter);
    g_test_add_func("/hdrparse/header_next", test_header_next);
    g_test_add_func("/hdrparse/header_next_nul", test_header_next_nul);
    g_test_add_func("/hdrparse/header_walk", test_header_walk);
    g_test_add_func("/hdrparse/header_walk_letters", test_header_walk_letters);
    g_test_add_func("/hdrparse/retry_after", test_retry_after);
    g_test_add_func("/hdrparse/retry_after_nesting", test_retry_after_nesting);
    g_test_add_func("/hdrparse/warning_next", test_warning);
    g_test_add_func("/hdrparse/warning_next_nul", test_warning_nul_text);
    g_test_add_func("/hdrparse/warning_next_5000", test_warning_many);
    g_test_add_func("/hdrparse/reason_next", test_reason);
    g_test_add_func("/hdrparse/reason_next_5000", test_reason_many);
    g_test_add_func("/hdrparse/auth", test_auth);
    g_test_add_func("/hdrparse/uint", test_uint);
    g_test_add_func("/hdrparse/sdp_formats", test_sdp_formats);
    g_test_add_func("/hdrparse/nul_values", test_nul_values);
    g_test_add_func("/hdrparse/big_values", test_big_values);
    g_test_add_func("/hdrparse/big_auth_reason", test_big_auth_reason);
    g_test_add_func("/hdrparse/big_sdp", test_big_sdp);
    g_test_add_func("/hdrparse/truncated", test_truncated);
    g_test_add_func("/hdrparse/ms_diag", test_ms_diag);
    g_test_add_func("/hdrparse/three_digits", test_three_digits);
    return g_test_run();
}

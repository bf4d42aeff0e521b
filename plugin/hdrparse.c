/* hdrparse.c
 * Parsers for the SIP header values and SDP lines sipdiag reads, in the
 * picohttpparser style: (pointer, length) in, spans into the input out, no
 * NUL termination assumed, digits parsed by hand with overflow checks.
 * Needs only libc and GLib.
 *
 * Every helper takes an index i and a limit len and never reads b[len] or
 * beyond; the Warning and Reason iterators pass the end of the current list
 * element as the limit, so nothing they parse can run into the next one.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hdrparse.h"

#include <string.h>
#include <glib.h>

/* Deepest Retry-After comment nesting accepted. Nesting is counted, not
 * recursed, but a cap keeps "(((((..." from being anything but MALFORMED. */
#define MAX_COMMENT_DEPTH 32

/* ---- Characters, spans, numbers ---------------------------------------- */

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A value from sipdiag_header_next may span continuation lines, so CR and LF
 * count as white space inside header values (RFC 3261 §25.1 LWS). */
static bool
is_lws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool
is_wsp(char c)
{
    return c == ' ' || c == '\t';
}

/* RFC 3261 §25.1 token characters. */
static bool
is_token_char(char c)
{
    return g_ascii_isalnum(c) || (c != '\0' && strchr("-.!%*_+`'~", c) != NULL);
}

static size_t
skip_lws(const char *b, size_t len, size_t i)
{
    while (i < len && is_lws(b[i]))
        i++;
    return i;
}

static size_t
skip_token(const char *b, size_t len, size_t i)
{
    while (i < len && is_token_char(b[i]))
        i++;
    return i;
}

static sipdiag_span_t
span(const char *b, size_t from, size_t to)
{
    sipdiag_span_t s = { b + from, to - from };
    return s;
}

/* Duplicate parameters: the first one counts, so a status (OVERFLOW for a
 * cause) always describes the value the caller gets. A set span has a
 * non-NULL ptr even when empty. */
static void
set_once(sipdiag_span_t *dst, sipdiag_span_t v)
{
    if (dst->ptr == NULL)
        *dst = v;
}

/* Reads the digits at b[*i] (at least one, else MALFORMED). Past max the
 * value saturates at max and OVERFLOW is returned, but every digit is still
 * consumed so the caller can go on with what follows. max must be >= 9. */
static sipdiag_parse_status_t
parse_digits(const char *b, size_t len, size_t *i, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;
    bool overflow = false;
    size_t start = *i;

    for (; *i < len && is_digit(b[*i]); (*i)++) {
        unsigned d = (unsigned)(b[*i] - '0');
        if (overflow || v > (max - d) / 10)  /* v * 10 + d would exceed max */
            overflow = true;
        else
            v = v * 10 + d;
    }
    *out = overflow ? max : v;
    if (*i == start)
        return SIPDIAG_PARSE_MALFORMED;
    return overflow ? SIPDIAG_PARSE_OVERFLOW : SIPDIAG_PARSE_OK;
}

/* A span made of digits only (no sign, no blanks), as parse_digits. */
static sipdiag_parse_status_t
span_uint(sipdiag_span_t s, uint64_t max, uint64_t *out)
{
    size_t i = 0;
    sipdiag_parse_status_t st = parse_digits(s.ptr, s.len, &i, max, out);
    return (st != SIPDIAG_PARSE_MALFORMED && i != s.len) ? SIPDIAG_PARSE_MALFORMED : st;
}

/* The worse of two outcomes: a grammar error hides an overflow. */
static sipdiag_parse_status_t
worse(sipdiag_parse_status_t a, sipdiag_parse_status_t b)
{
    if (a == SIPDIAG_PARSE_MALFORMED || b == SIPDIAG_PARSE_MALFORMED)
        return SIPDIAG_PARSE_MALFORMED;
    if (a == SIPDIAG_PARSE_OVERFLOW || b == SIPDIAG_PARSE_OVERFLOW)
        return SIPDIAG_PARSE_OVERFLOW;
    return SIPDIAG_PARSE_OK;
}

/* ---- Quoted strings, comments, parameters, lists ------------------------- */

/* A quoted-string with b[*i] == '"' (RFC 3261 §25.1). *inner gets the text
 * between the quotes, escapes left as sent. A missing closing quote, or a
 * backslash escaping the end of the input, fails with *i = len. */
static bool
parse_quoted(const char *b, size_t len, size_t *i, sipdiag_span_t *inner)
{
    size_t j = *i + 1;

    while (j < len && b[j] != '"')
        j += b[j] == '\\' ? 2 : 1;
    if (j >= len) {
        *i = len;
        return false;
    }
    *inner = span(b, *i + 1, j);
    *i = j + 1;
    return true;
}

/* A comment with b[*i] == '(' (RFC 3261 §25.1: ctext, quoted-pair and nested
 * comments). *inner excludes the outer parentheses. */
static bool
parse_comment(const char *b, size_t len, size_t *i, sipdiag_span_t *inner)
{
    unsigned depth = 0;

    for (size_t j = *i; j < len; j++) {
        if (b[j] == '\\') {
            j++;             /* quoted-pair; a trailing '\' leaves the loop */
        } else if (b[j] == '(') {
            if (++depth > MAX_COMMENT_DEPTH)
                return false;
        } else if (b[j] == ')' && --depth == 0) {
            *inner = span(b, *i + 1, j);
            *i = j + 1;
            return true;
        }
    }
    return false;
}

/* One generic-param: name [= value]. */
typedef struct {
    sipdiag_span_t name;
    sipdiag_span_t value;
    bool has_value;
    bool quoted;
} param_t;

/* An unquoted parameter value: token, host, IPv6 reference or worse. It ends
 * at the next separator so a bad value cannot swallow the next parameter. */
static size_t
skip_bare_value(const char *b, size_t len, size_t i)
{
    while (i < len && !is_lws(b[i]) && b[i] != ';' && b[i] != ',' && b[i] != '"')
        i++;
    return i;
}

/* name [= (quoted-string / bare value)] at b[*i], white space allowed around
 * '='. Leaves *i past trailing white space. False when the name is missing
 * or a quote never closes. */
static bool
parse_param(const char *b, size_t len, size_t *i, param_t *p)
{
    size_t j = skip_lws(b, len, *i);
    size_t name_end = skip_token(b, len, j);

    memset(p, 0, sizeof *p);
    if (name_end == j)
        return false;
    p->name = span(b, j, name_end);
    j = skip_lws(b, len, name_end);
    if (j < len && b[j] == '=') {
        p->has_value = true;
        j = skip_lws(b, len, j + 1);
        if (j < len && b[j] == '"') {
            p->quoted = true;
            if (!parse_quoted(b, len, &j, &p->value)) {
                *i = j;
                return false;
            }
        } else {
            size_t v = j;
            j = skip_bare_value(b, len, j);
            p->value = span(b, v, j);
        }
    }
    *i = skip_lws(b, len, j);
    return true;
}

typedef sipdiag_parse_status_t (*param_fn)(const param_t *p, void *ctx);

/* *(";" param) from b[i] to len, each handed to fn. Anything but ';' between
 * parameters is MALFORMED; OVERFLOW from fn is kept while parsing goes on. */
static sipdiag_parse_status_t
parse_params(const char *b, size_t len, size_t i, param_fn fn, void *ctx)
{
    sipdiag_parse_status_t st = SIPDIAG_PARSE_OK;

    while (i < len) {
        param_t p;
        if (b[i] != ';')
            return SIPDIAG_PARSE_MALFORMED;
        i++;
        if (!parse_param(b, len, &i, &p))
            return SIPDIAG_PARSE_MALFORMED;
        st = worse(st, fn(&p, ctx));
        if (st == SIPDIAG_PARSE_MALFORMED)
            return st;
    }
    return st;
}

/* Skips white space and empty list elements ("a, ,b" is allowed by the
 * RFC 3261 §7.3.1 list rule), so thousands of commas cost one pass. */
static size_t
skip_separators(const char *b, size_t len, size_t i)
{
    while (i < len && (is_lws(b[i]) || b[i] == ','))
        i++;
    return i;
}

/* End of the list element starting at b[i]: the next comma outside a
 * quoted-string, or len (also when a quote never closes). */
static size_t
element_end(const char *b, size_t len, size_t i)
{
    bool quoted = false;

    for (; i < len; i++) {
        if (quoted && b[i] == '\\')
            i++;             /* escaped character, maybe a quote or a comma */
        else if (b[i] == '"')
            quoted = !quoted;
        else if (!quoted && b[i] == ',')
            return i;
    }
    return len;
}

/* Finds the next list element at or after *pos: [*start, *end). *pos moves
 * past it (and its comma) before it is parsed, so an iterator always makes
 * progress whatever the element holds. False when none is left. */
static bool
next_element(const char *b, size_t len, size_t *pos, size_t *start, size_t *end)
{
    size_t i = b == NULL ? len : skip_separators(b, len, *pos);

    if (i >= len) {
        *pos = len;
        return false;
    }
    *start = i;
    *end = element_end(b, len, i);
    *pos = *end < len ? *end + 1 : len;
    return true;
}

/* ---- Finding headers ----------------------------------------------------- */

/* Index of the '\n' ending the line at m[i], or len. */
static size_t
line_end(const char *m, size_t len, size_t i)
{
    const char *nl = memchr(m + i, '\n', len - i);
    return nl != NULL ? (size_t)(nl - m) : len;
}

static size_t
next_line(size_t e, size_t len)
{
    return e < len ? e + 1 : len;
}

/* The line m[i..e) is empty apart from a CR: the end of the header block. */
static bool
line_is_empty(const char *m, size_t i, size_t e)
{
    return e == i || (e == i + 1 && m[i] == '\r');
}

/* Start of the header block: past the CRLFs a stream transport may send
 * before the start line (RFC 3261 §7.5), then past the start line. */
static size_t
headers_start(const char *m, size_t len)
{
    size_t i = 0;

    while (i < len && (m[i] == '\r' || m[i] == '\n'))
        i++;
    return next_line(line_end(m, len, i), len);
}

/* Past the continuation lines (SP/HT first) that follow a header line. */
static size_t
skip_continuations(const char *m, size_t len, size_t i)
{
    while (i < len && is_wsp(m[i]))
        i = next_line(line_end(m, len, i), len);
    return i;
}

/* The span m[from..to) without leading and trailing white space. */
static sipdiag_span_t
trimmed(const char *m, size_t from, size_t to)
{
    from = skip_lws(m, to, from);
    while (to > from && is_lws(m[to - 1]))
        to--;
    return span(m, from, to);
}

/* The name of the header line m[i..e): the characters before the ':', less
 * the SP/HT RFC 3261 §7.3.1 allows there. False for a line without ':'. */
static bool
header_line(const char *m, size_t i, size_t e, sipdiag_span_t *name, size_t *value)
{
    const char *colon = memchr(m + i, ':', e - i);
    if (colon == NULL)
        return false;
    size_t c = (size_t)(colon - m), n = c;
    while (n > i && is_wsp(m[n - 1]))
        n--;
    *name = span(m, i, n);
    *value = c + 1;
    return true;
}

bool
sipdiag_header_iter(const char *msg, size_t len, size_t *pos, sipdiag_span_t *name, sipdiag_span_t *value)
{
    memset(name, 0, sizeof *name);
    memset(value, 0, sizeof *value);
    if (msg == NULL)
        return false;
    size_t i = *pos == 0 ? headers_start(msg, len) : *pos;

    while (i < len) {
        size_t e = line_end(msg, len, i);
        size_t v = 0;
        if (line_is_empty(msg, i, e))
            break;
        /* A continuation line with no header before it is skipped too. */
        bool hit = !is_wsp(msg[i]) && header_line(msg, i, e, name, &v);
        size_t next = skip_continuations(msg, len, next_line(e, len));
        if (hit) {
            *value = trimmed(msg, v, next);
            *pos = next;
            return true;
        }
        i = next;
    }
    *pos = len;   /* past the header block: later calls find nothing */
    return false;
}

void
sipdiag_letters_add(sipdiag_letters_t *set, const char *full, char compact)
{
    const char lead[] = { full[0], compact };
    for (size_t k = 0; k < sizeof lead; k++) {
        if (lead[k] == 0)
            continue;
        unsigned char lo = (unsigned char)g_ascii_tolower(lead[k]), up = (unsigned char)g_ascii_toupper(lead[k]);
        set->bits[lo >> 6] |= UINT64_C(1) << (lo & 63);
        set->bits[up >> 6] |= UINT64_C(1) << (up & 63);
    }
}

size_t
sipdiag_header_walk(const char *msg, size_t len, const sipdiag_letters_t *letters,
                    sipdiag_header_visit_t visit, void *ctx)
{
    if (msg == NULL)
        return len;
    for (size_t i = headers_start(msg, len); i < len;) {
        size_t e = line_end(msg, len, i);
        if (line_is_empty(msg, i, e))
            return next_line(e, len);
        sipdiag_span_t name, value;
        size_t v;
        /* Continuation lines are passed over like any line nobody wants. */
        if (is_wsp(msg[i]) || !sipdiag_letters_has(letters, msg[i]) || !header_line(msg, i, e, &name, &v)) {
            i = next_line(e, len);
            continue;
        }
        size_t next = skip_continuations(msg, len, next_line(e, len));
        value = trimmed(msg, v, next);
        visit(name, value, ctx);
        if (sipdiag_letters_empty(letters))
            return len;    /* the visitor has all it wants */
        i = next;
    }
    return len;
}

bool
sipdiag_header_name_rest_is(sipdiag_span_t name, const char *full, char compact)
{
    if (name.len == 1 && compact != 0)
        return sipdiag_ascii_lower(name.ptr[0]) == sipdiag_ascii_lower(compact);
    return sipdiag_span_is(name, full);
}

bool
sipdiag_header_next(const char *msg, size_t len, const char *name, char compact,
                    size_t *pos, sipdiag_span_t *value)
{
    sipdiag_span_t n;
    if (name == NULL) {
        memset(value, 0, sizeof *value);
        return false;
    }
    while (sipdiag_header_iter(msg, len, pos, &n, value)) {
        if (sipdiag_header_name_is(n, name, compact))
            return true;
    }
    return false;
}

/* ---- Retry-After, Min-Expires ---------------------------------------------- */

static sipdiag_parse_status_t
retry_param(const param_t *p, void *ctx)
{
    sipdiag_retry_after_t *out = ctx;
    uint64_t v = 0;

    if (!sipdiag_span_is(p->name, "duration") || out->has_duration)
        return SIPDIAG_PARSE_OK;    /* generic-param or a repeat: not needed */
    if (!p->has_value || p->quoted)
        return SIPDIAG_PARSE_MALFORMED;
    sipdiag_parse_status_t st = span_uint(p->value, UINT32_MAX, &v);
    if (st != SIPDIAG_PARSE_MALFORMED) {
        out->has_duration = true;
        out->duration = (uint32_t)v;
    }
    return st;
}

/* Leading white space, then a 32-bit count (delta-seconds): EMPTY for a
 * blank value; on return *i is past the digits and the white space after. */
static sipdiag_parse_status_t
leading_uint(const char *buf, size_t len, size_t *i, uint32_t *out)
{
    uint64_t v = 0;
    *i = buf == NULL ? len : skip_lws(buf, len, 0);
    if (*i >= len)
        return SIPDIAG_PARSE_EMPTY;
    /* Digits first: "-5" and "+5" are not delta-seconds. */
    sipdiag_parse_status_t st = parse_digits(buf, len, i, UINT32_MAX, &v);
    if (st == SIPDIAG_PARSE_MALFORMED)
        return st;
    *out = (uint32_t)v;
    *i = skip_lws(buf, len, *i);
    return st;
}

sipdiag_parse_status_t
sipdiag_parse_retry_after(const char *buf, size_t len, sipdiag_retry_after_t *out)
{
    size_t i;

    memset(out, 0, sizeof *out);
    sipdiag_parse_status_t st = leading_uint(buf, len, &i, &out->seconds);
    if (st == SIPDIAG_PARSE_EMPTY || st == SIPDIAG_PARSE_MALFORMED)
        return st;
    if (i < len && buf[i] == '(') {
        if (!parse_comment(buf, len, &i, &out->comment))
            return SIPDIAG_PARSE_MALFORMED;
        i = skip_lws(buf, len, i);
    }
    return worse(st, parse_params(buf, len, i, retry_param, out));
}

sipdiag_parse_status_t
sipdiag_parse_uint(const char *buf, size_t len, uint32_t *out)
{
    size_t i;

    *out = 0;
    sipdiag_parse_status_t st = leading_uint(buf, len, &i, out);
    if (st == SIPDIAG_PARSE_EMPTY || st == SIPDIAG_PARSE_MALFORMED)
        return st;
    /* Parameters after ';' are not read, so need not be well formed. */
    return (i == len || buf[i] == ';') ? st : SIPDIAG_PARSE_MALFORMED;
}

/* ---- Warning ----------------------------------------------------------------- */

/* warn-agent: hostport (with IPv6 brackets) or pseudonym token. */
static bool
is_agent_char(char c)
{
    return is_token_char(c) || c == ':' || c == '[' || c == ']';
}

/* warn-code SP warn-agent SP warn-text within b[i..end). What was parsed
 * before an error stays in *out for the caller to show. */
static sipdiag_parse_status_t
warning_value(const char *b, size_t end, size_t i, sipdiag_warning_t *out)
{
    /* Exactly three digits, then white space (picohttpparser's PARSE_INT_3). */
    int code = end - i >= 4 && is_lws(b[i + 3]) ? sipdiag_three_digits(b + i, 3) : -1;
    if (code < 0)
        return SIPDIAG_PARSE_MALFORMED;
    out->code = (uint16_t)code;
    i = skip_lws(b, end, i + 3);

    size_t a = i;
    while (i < end && is_agent_char(b[i]))
        i++;
    if (i == a || i == end || !is_lws(b[i]))
        return SIPDIAG_PARSE_MALFORMED;
    out->agent = span(b, a, i);
    i = skip_lws(b, end, i);
    if (i == end || b[i] != '"' || !parse_quoted(b, end, &i, &out->text))
        return SIPDIAG_PARSE_MALFORMED;
    return skip_lws(b, end, i) == end ? SIPDIAG_PARSE_OK : SIPDIAG_PARSE_MALFORMED;
}

sipdiag_parse_status_t
sipdiag_parse_warning_next(const char *buf, size_t len, size_t *pos, sipdiag_warning_t *out)
{
    size_t start, end;

    memset(out, 0, sizeof *out);
    if (!next_element(buf, len, pos, &start, &end))
        return SIPDIAG_PARSE_EMPTY;
    return warning_value(buf, end, start, out);
}

/* ---- Reason ------------------------------------------------------------------- */

static sipdiag_parse_status_t
reason_param(const param_t *p, void *ctx)
{
    sipdiag_reason_t *out = ctx;
    uint64_t v = 0;

    if (sipdiag_span_is(p->name, "text")) {
        /* RFC 3326 wants a quoted-string; a bare token is shown as sent. */
        if (!p->has_value)
            return SIPDIAG_PARSE_MALFORMED;
        set_once(&out->text, p->value);
        return SIPDIAG_PARSE_OK;
    }
    if (sipdiag_span_is(p->name, "location") && p->has_value) {
        /* RFC 8606: where in the ISUP network the call was released (U, LN, TN...). */
        set_once(&out->location, p->value);
        return SIPDIAG_PARSE_OK;
    }
    if (!sipdiag_span_is(p->name, "cause") || out->has_cause)
        return SIPDIAG_PARSE_OK;    /* reason-extension or a repeated cause */
    out->has_cause = true;
    if (!p->has_value || p->quoted)
        return SIPDIAG_PARSE_MALFORMED;
    sipdiag_parse_status_t st = span_uint(p->value, G_MAXLONG, &v);
    out->cause = st == SIPDIAG_PARSE_OK ? (long)v : -1;
    return st;
}

sipdiag_parse_status_t
sipdiag_parse_reason_next(const char *buf, size_t len, size_t *pos, sipdiag_reason_t *out)
{
    size_t start, end;

    memset(out, 0, sizeof *out);
    out->cause = -1;
    if (!next_element(buf, len, pos, &start, &end))
        return SIPDIAG_PARSE_EMPTY;
    size_t p = skip_token(buf, end, start);
    if (p == start)
        return SIPDIAG_PARSE_MALFORMED;
    out->protocol = span(buf, start, p);
    return parse_params(buf, end, skip_lws(buf, end, p), reason_param, out);
}

/* ---- ms-diagnostics ----------------------------------------------------------- */

static sipdiag_parse_status_t
ms_diag_param(const param_t *p, void *ctx)
{
    sipdiag_ms_diag_t *out = ctx;
    if (sipdiag_span_is(p->name, "reason") && p->has_value)
        set_once(&out->reason, p->value);
    else if (sipdiag_span_is(p->name, "source") && p->has_value)
        set_once(&out->source, p->value);
    return SIPDIAG_PARSE_OK;
}

sipdiag_parse_status_t
sipdiag_parse_ms_diag(const char *buf, size_t len, sipdiag_ms_diag_t *out)
{
    uint64_t v = 0;
    size_t i;

    memset(out, 0, sizeof *out);
    i = skip_lws(buf, len, 0);
    if (i == len)
        return SIPDIAG_PARSE_EMPTY;
    sipdiag_parse_status_t st = parse_digits(buf, len, &i, UINT32_MAX, &v);
    if (st == SIPDIAG_PARSE_MALFORMED)
        return st;
    out->code = (uint32_t)v;
    if (i < len && buf[i] == '.') {
        i++;
        sipdiag_parse_status_t sub = parse_digits(buf, len, &i, UINT32_MAX, &v);
        if (sub == SIPDIAG_PARSE_MALFORMED)
            return sub;
        out->has_sub = true;
        out->sub = (uint32_t)v;
        st = worse(st, sub);
    }
    i = skip_lws(buf, len, i);
    return worse(st, parse_params(buf, len, i, ms_diag_param, out));
}

/* ---- WWW-Authenticate, Authorization ----------------------------------------- */

/* The first of a repeated parameter counts; stale is true if any says so. */
static void
auth_param(const param_t *p, sipdiag_auth_t *out)
{
    if (sipdiag_span_is(p->name, "realm"))
        set_once(&out->realm, p->value);
    else if (sipdiag_span_is(p->name, "nonce"))
        set_once(&out->nonce, p->value);
    else if (sipdiag_span_is(p->name, "algorithm"))
        set_once(&out->algorithm, p->value);
    else if (sipdiag_span_is(p->name, "username"))
        set_once(&out->username, p->value);
    else if (sipdiag_span_is(p->name, "stale"))
        out->stale = out->stale || sipdiag_span_is(p->value, "true");
}

sipdiag_parse_status_t
sipdiag_parse_auth(const char *buf, size_t len, sipdiag_auth_t *out)
{
    memset(out, 0, sizeof *out);
    size_t i = buf == NULL ? len : skip_lws(buf, len, 0);
    if (i >= len)
        return SIPDIAG_PARSE_EMPTY;
    size_t s = skip_token(buf, len, i);
    if (s == i || (s < len && !is_lws(buf[s])))
        return SIPDIAG_PARSE_MALFORMED;   /* no scheme: `realm="x"` alone */
    out->scheme = span(buf, i, s);

    /* auth-param *(COMMA auth-param); each needs '=' (RFC 3261 §25.1). */
    for (i = skip_separators(buf, len, s); i < len; i = skip_separators(buf, len, i)) {
        param_t p;
        if (!parse_param(buf, len, &i, &p) || !p.has_value || (i < len && buf[i] != ','))
            return SIPDIAG_PARSE_MALFORMED;
        auth_param(&p, out);
    }
    return SIPDIAG_PARSE_OK;
}

/* ---- SDP ---------------------------------------------------------------------- */

/* RFC 3551 §6 static payload types 0-34; NULL where unassigned/reserved. */
static const char *const static_names[] = {
    [0] = "PCMU", [3] = "GSM", [4] = "G723", [5] = "DVI4", [6] = "DVI4", [7] = "LPC",
    [8] = "PCMA", [9] = "G722", [10] = "L16", [11] = "L16", [12] = "QCELP", [13] = "CN",
    [14] = "MPA", [15] = "G728", [16] = "DVI4", [17] = "DVI4", [18] = "G729",
    [25] = "CelB", [26] = "JPEG", [28] = "nv", [31] = "H261", [32] = "MPV",
    [33] = "MP2T", [34] = "H263",
};

/* Line m[i..e) without its CR. */
static size_t
content_end(const char *m, size_t i, size_t e)
{
    return e > i && m[e - 1] == '\r' ? e - 1 : e;
}

/* The next SP/HT-separated field of b[*i..e). Empty at the end. */
static sipdiag_span_t
next_field(const char *b, size_t e, size_t *i)
{
    size_t s = *i;

    while (s < e && is_wsp(b[s]))
        s++;
    size_t f = s;
    while (f < e && !is_wsp(b[f]))
        f++;
    *i = f;
    return span(b, s, f);
}

static bool
starts_with(const char *b, size_t i, size_t e, const char *lit)
{
    size_t n = strlen(lit);
    return e - i >= n && memcmp(b + i, lit, n) == 0;
}

/* The name in the line b[i..e) if it is "a=rtpmap:<fmt> <name>/...". */
static bool
rtpmap_name(const char *b, size_t i, size_t e, sipdiag_span_t fmt, sipdiag_span_t *name)
{
    size_t j = i + strlen("a=rtpmap:");

    if (!starts_with(b, i, e, "a=rtpmap:"))
        return false;
    sipdiag_span_t pt = next_field(b, e, &j);
    if (pt.len != fmt.len || memcmp(pt.ptr, fmt.ptr, fmt.len) != 0)
        return false;
    while (j < e && is_wsp(b[j]))
        j++;
    size_t s = j;
    while (j < e && b[j] != '/' && !is_wsp(b[j]))
        j++;
    *name = span(b, s, j);
    return j > s;
}

/* Looks for fmt's rtpmap from b[i], stopping at the next m= line if
 * section_only (that media section), else scanning to the end. */
static bool
rtpmap_find(const char *b, size_t len, size_t i, bool section_only, sipdiag_span_t fmt, sipdiag_span_t *name)
{
    while (i < len) {
        size_t e = line_end(b, len, i);
        size_t c = content_end(b, i, e);
        if (section_only && starts_with(b, i, c, "m="))
            return false;
        if (rtpmap_name(b, i, c, fmt, name))
            return true;
        i = next_line(e, len);
    }
    return false;
}

static sipdiag_span_t
static_name(sipdiag_span_t fmt)
{
    sipdiag_span_t none = { NULL, 0 };
    uint64_t pt = 0;

    if (span_uint(fmt, 999, &pt) != SIPDIAG_PARSE_OK || pt >= G_N_ELEMENTS(static_names) || static_names[pt] == NULL)
        return none;
    sipdiag_span_t s = { static_names[pt], strlen(static_names[pt]) };
    return s;
}

/* Whether an m= line's proto is RTP based (RTP/AVP, RTP/SAVPF,
 * UDP/TLS/RTP/SAVPF...): only then are fmts payload types. */
static bool
proto_is_rtp(sipdiag_span_t proto)
{
    for (size_t k = 0; k + 4 <= proto.len; k++) {
        if (g_ascii_strncasecmp(proto.ptr + k, "RTP/", 4) == 0)
            return true;
    }
    return false;
}

/* Name of fmt in the m= line whose section starts at b[section]: its rtpmap
 * in that section, else anywhere (session level first), else the static
 * name; a non-RTP fmt names itself ("t38"). */
static sipdiag_span_t
format_name(const char *b, size_t len, size_t section, sipdiag_span_t fmt, bool rtp)
{
    sipdiag_span_t name = { NULL, 0 };

    if (!rtp)
        return fmt;
    if (rtpmap_find(b, len, section, true, fmt, &name) || rtpmap_find(b, len, 0, false, fmt, &name))
        return name;
    return static_name(fmt);
}

/* The m= line b[i..e), its section starting at b[section]: counts its fmts
 * and fills out[] from out[count] while there is room. Names are looked up
 * only for entries written, so the cost is bounded by max, not by fmts. */
static size_t
m_line(const char *b, size_t len, size_t i, size_t e, size_t section,
       sipdiag_sdp_format_t *out, size_t max, size_t count)
{
    size_t j = i + 2, found = 0;
    sipdiag_span_t media = next_field(b, e, &j);
    sipdiag_span_t port = next_field(b, e, &j);
    sipdiag_span_t proto = next_field(b, e, &j);

    if (media.len == 0 || port.len == 0 || proto.len == 0)
        return 0;
    bool rtp = proto_is_rtp(proto);
    for (sipdiag_span_t fmt = next_field(b, e, &j); fmt.len > 0; fmt = next_field(b, e, &j), found++) {
        if (count + found >= max)
            continue;
        out[count + found].media = media;
        out[count + found].format = fmt;
        out[count + found].name = format_name(b, len, section, fmt, rtp);
    }
    return found;
}

size_t
sipdiag_sdp_formats(const char *sdp, size_t len, sipdiag_sdp_format_t *out, size_t max)
{
    size_t count = 0;

    if (sdp == NULL)
        return 0;
    if (out == NULL)
        max = 0;
    for (size_t i = 0; i < len;) {
        size_t e = line_end(sdp, len, i);
        size_t c = content_end(sdp, i, e);
        if (starts_with(sdp, i, c, "m="))
            count += m_line(sdp, len, i, c, next_line(e, len), out, max, count);
        i = next_line(e, len);
    }
    return count;
}

int
sipdiag_three_digits(const char *s, size_t len)
{
    if (s == NULL || len < 3 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]))
        return -1;
    return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

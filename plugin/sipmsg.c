/* sipmsg.c
 * Reads the transaction and dialog facts of a raw SIP message.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipmsg.h"

#include <glib.h>
#include <string.h>

static const sipdiag_span_t no_span = { NULL, 0 };

bool
sipdiag_span_equal(sipdiag_span_t a, sipdiag_span_t b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static bool
is_token_end(char c)
{
    return c == ';' || c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>';
}

/* The value of `name` when the parameter after the ';' at v[semi] is it. */
static bool
param_at(sipdiag_span_t v, size_t semi, const char *name, size_t nlen, sipdiag_span_t *out)
{
    size_t p = semi + 1;
    while (p < v.len && (v.ptr[p] == ' ' || v.ptr[p] == '\t'))
        p++;
    if (v.len - p <= nlen || !sipdiag_span_is((sipdiag_span_t){ v.ptr + p, nlen }, name) || v.ptr[p + nlen] != '=')
        return false;
    size_t s = p + nlen + 1, e = s;
    while (e < v.len && !is_token_end(v.ptr[e]))
        e++;
    *out = (sipdiag_span_t){ v.ptr + s, e - s };
    return true;
}

/* Index of the '"' closing the quoted string that opens at v[open], or v.len
 * when it is not closed; a '"' after a backslash does not close it. */
static size_t
quote_end(sipdiag_span_t v, size_t open)
{
    for (const char *q = memchr(v.ptr + open + 1, '"', v.len - open - 1); q != NULL;
         q = memchr(q + 1, '"', v.len - (size_t)(q + 1 - v.ptr))) {
        if (q[-1] != '\\')
            return (size_t)(q - v.ptr);
    }
    return v.len;
}

/* Parameters of a name-addr/Via value come after the URI's closing '>' (or,
 * without one, after the value's first ';'). Quoted strings and <...> URIs
 * are jumped over with memchr rather than looked at byte by byte: this runs
 * for each From and To of a capture. An unclosed one takes the rest. */
sipdiag_span_t
sipdiag_header_param(sipdiag_span_t value, const char *name)
{
    size_t nlen = strlen(name);
    sipdiag_span_t p;

    for (size_t i = 0; i < value.len; i++) {
        char c = value.ptr[i];
        if (c == '"') {
            i = quote_end(value, i);
        } else if (c == '<') {
            const char *gt = memchr(value.ptr + i, '>', value.len - i);
            i = gt != NULL ? (size_t)(gt - value.ptr) : value.len;
        } else if (c == ';' && param_at(value, i, name, nlen, &p)) {
            return p;
        }
    }
    return no_span;
}

/* "SIP/2.0 ..." is a response; otherwise the start line begins with the method. */
static void
parse_start_line(const char *msg, size_t len, sipdiag_msginfo_t *out)
{
    size_t e = 0;
    while (e < len && msg[e] != ' ' && msg[e] != '\r' && msg[e] != '\n')
        e++;
    out->is_response = len >= 4 && sipdiag_span_is((sipdiag_span_t){ msg, 4 }, "SIP/");
    if (!out->is_response)
        out->method = (sipdiag_span_t){ msg, e };
}

/* CSeq: 1*DIGIT LWS Method (RFC 3261 §20.16). */
static void
parse_cseq(sipdiag_span_t v, sipdiag_msginfo_t *out)
{
    size_t i = 0;
    if (v.len == 0)
        return;
    while (i < v.len && g_ascii_isdigit(v.ptr[i]))
        i++;
    out->has_cseq = i > 0 && sipdiag_parse_uint(v.ptr, i, &out->cseq) == SIPDIAG_PARSE_OK;
    while (i < v.len && (v.ptr[i] == ' ' || v.ptr[i] == '\t'))
        i++;
    size_t s = i;
    while (i < v.len && !is_token_end(v.ptr[i]))
        i++;
    out->cseq_method = (sipdiag_span_t){ v.ptr + s, i - s };
}

/* The first via-parm of the first Via header (RFC 3261 §20.42):
 * "SIP/2.0/UDP host:port;branch=...", possibly followed by ", <next hop>".
 * Only the top one names this hop's transaction (§17.1.3, §17.2.3). */
static void
parse_top_via(sipdiag_span_t v, sipdiag_msginfo_t *out)
{
    if (v.len == 0)
        return;    /* no Via: both stay empty */
    const char *comma = memchr(v.ptr, ',', v.len);
    if (comma != NULL)
        v.len = (size_t)(comma - v.ptr);
    size_t i = 0;
    while (i < v.len && v.ptr[i] != ' ' && v.ptr[i] != '\t')
        i++;
    while (i < v.len && (v.ptr[i] == ' ' || v.ptr[i] == '\t'))
        i++;
    size_t s = i;
    while (i < v.len && v.ptr[i] != ';' && v.ptr[i] != ' ' && v.ptr[i] != '\t')
        i++;
    out->via_sent_by = (sipdiag_span_t){ v.ptr + s, i - s };
    out->via_branch = sipdiag_header_param((sipdiag_span_t){ v.ptr + i, v.len - i }, "branch");
}

bool
sipdiag_branch_is_rfc3261(sipdiag_span_t branch)
{
    return branch.len >= 7 && memcmp(branch.ptr, "z9hG4bK", 7) == 0;
}

/* The headers sipdiag_msginfo_parse reads; the first of each counts. */
enum { H_CALL_ID, H_CSEQ, H_FROM, H_TO, H_VIA, H_AUTHZ, H_PROXY_AUTHZ, H_WWW_AUTH, H_PROXY_AUTH, H_REASON,
       H_AST_CAUSE, H_AST_CODE, H_MS_DIAG, H_MS_DIAG_PUBLIC, H_COUNT };

static const struct {
    const char *name;
    size_t len;      /* of name: a header of another length is not compared at all */
    char compact;    /* RFC 3261 §7.3.3 form, or 0 */
} wanted[H_COUNT] = {
#define WANTED(name, compact) { name, sizeof name - 1, compact }
    [H_CALL_ID]      = WANTED("Call-ID", 'i'),
    [H_CSEQ]         = WANTED("CSeq", 0),
    [H_FROM]         = WANTED("From", 'f'),
    [H_TO]           = WANTED("To", 't'),
    [H_VIA]          = WANTED("Via", 'v'),
    [H_AUTHZ]        = WANTED("Authorization", 0),
    [H_PROXY_AUTHZ]  = WANTED("Proxy-Authorization", 0),
    [H_WWW_AUTH]     = WANTED("WWW-Authenticate", 0),
    [H_PROXY_AUTH]   = WANTED("Proxy-Authenticate", 0),
    [H_REASON]       = WANTED("Reason", 0),
    [H_AST_CAUSE]    = WANTED("X-Asterisk-HangupCause", 0),
    [H_AST_CODE]     = WANTED("X-Asterisk-HangupCauseCode", 0),
    [H_MS_DIAG]      = WANTED("ms-diagnostics", 0),
    [H_MS_DIAG_PUBLIC] = WANTED("ms-diagnostics-public", 0),
#undef WANTED
};

/* Which wanted headers each kind of message can carry: credentials come in
 * requests, challenges in responses. */
#define H_BOTH ((1u << H_CALL_ID) | (1u << H_CSEQ) | (1u << H_FROM) | (1u << H_TO) | (1u << H_VIA))
static const unsigned wanted_in_request = H_BOTH | (1u << H_AUTHZ) | (1u << H_PROXY_AUTHZ);
static const unsigned wanted_in_response = H_BOTH | (1u << H_WWW_AUTH) | (1u << H_PROXY_AUTH);

/* The wanted headers by the first letter of their name (either case, full
 * or compact form): the walk parses no line whose letter is not wanted
 * (Max-Forwards, Contact, ...), and a header's letter names the few wanted
 * headers it can be, as a bit set. Built from wanted[]. */
static uint16_t wanted_by_letter[256];
static sipdiag_letters_t letters_in_request, letters_in_response;
static sipdiag_letters_t letters_of_header[H_COUNT];

static void
index_wanted(void)
{
    static bool done;
    G_STATIC_ASSERT(H_COUNT <= 16);
    if (done)
        return;
    for (int h = 0; h < H_COUNT; h++) {
        sipdiag_letters_t one = { { 0 } };
        sipdiag_letters_add(&one, wanted[h].name, wanted[h].compact);
        letters_of_header[h] = one;
        if (wanted_in_request & (1u << h))
            sipdiag_letters_add(&letters_in_request, wanted[h].name, wanted[h].compact);
        if (wanted_in_response & (1u << h))
            sipdiag_letters_add(&letters_in_response, wanted[h].name, wanted[h].compact);
        for (unsigned c = 0; c < G_N_ELEMENTS(wanted_by_letter); c++) {
            if (sipdiag_letters_has(&one, (char)c))
                wanted_by_letter[c] |= (uint16_t)(1u << h);
        }
    }
    done = true;
}

/* The walk's state: where each wanted header goes, which are still to come,
 * the letters the walk still parses (it reads them anew for every line), and
 * who else sees which headers. */
typedef struct {
    sipdiag_span_t *slot[H_COUNT];
    unsigned pending;
    bool need_body;                /* the walk must go on to the body */
    sipdiag_letters_t *letters;
    sipdiag_letters_t keep;        /* the visitor's letters, never dropped */
    const sipdiag_letters_t *visit_letters;
    sipdiag_header_visit_t visit;
    void *ctx;
} reader_t;

/* Once every wanted header a letter can start has been read, the walk skips
 * that letter's lines: a proxied message has several Vias, and Contact,
 * Content-Type and Content-Length share Call-ID's and CSeq's letter. The
 * visitor's letters stay. */
static void
drop_done_letters(reader_t *r, int h)
{
    /* Emptied, the set would stop the walk before the body. */
    if ((r->need_body && r->pending == 0) || (wanted_by_letter[(guchar)wanted[h].name[0]] & r->pending) != 0
        || (wanted[h].compact != 0 && (wanted_by_letter[(guchar)wanted[h].compact] & r->pending) != 0))
        return;
    for (size_t k = 0; k < G_N_ELEMENTS(r->letters->bits); k++)
        r->letters->bits[k] &= ~letters_of_header[h].bits[k] | r->keep.bits[k];
}

static void
read_header(sipdiag_span_t name, sipdiag_span_t value, void *reader)
{
    reader_t *r = (reader_t *)reader;
    unsigned candidates = wanted_by_letter[(guchar)name.ptr[0]] & r->pending;
    for (int h = 0; candidates != 0; h++, candidates >>= 1) {
        if ((candidates & 1u) && (name.len == wanted[h].len || name.len == 1)
            && sipdiag_header_name_rest_is(name, wanted[h].name, wanted[h].compact)) {
            *r->slot[h] = value;    /* the first of each counts */
            r->pending &= ~(1u << h);
            drop_done_letters(r, h);
            break;
        }
    }
    if (r->visit != NULL && sipdiag_letters_has(r->visit_letters, name.ptr[0]))
        r->visit(name, value, r->ctx);
}

/* Only an offer is read from a body (the SDP a 415, 488 or 606 refuses), and
 * only INVITE, UPDATE and PRACK carry one: for the other messages the walk
 * may stop once it has their headers. */
static bool
needs_body(const sipdiag_msginfo_t *m)
{
    return !m->is_response && (sipdiag_span_is(m->method, "INVITE") || sipdiag_span_is(m->method, "UPDATE")
                               || sipdiag_span_is(m->method, "PRACK"));
}

void
sipdiag_msginfo_parse_visit(const char *msg, size_t len, sipdiag_msginfo_t *out,
                            const sipdiag_letters_t *visit_letters, sipdiag_header_visit_t visit, void *ctx)
{
    sipdiag_span_t cseq = no_span, via = no_span, ms_public = no_span;
    sipdiag_letters_t letters;

    memset(out, 0, sizeof *out);
    if (msg == NULL || len == 0)
        return;
    parse_start_line(msg, len, out);
    index_wanted();
    unsigned mask = out->is_response ? wanted_in_response : wanted_in_request;
    letters = out->is_response ? letters_in_response : letters_in_request;
    /* Why a call ends, or a CANCEL was sent, is in the Reason of a BYE or
     * CANCEL (RFC 3326 §1) and in vendor headers there; no other request's
     * are read. */
    if (!out->is_response && (sipdiag_span_is(out->method, "CANCEL") || sipdiag_span_is(out->method, "BYE"))) {
        static const int ending[] = { H_REASON, H_AST_CAUSE, H_AST_CODE, H_MS_DIAG, H_MS_DIAG_PUBLIC };
        for (size_t i = 0; i < G_N_ELEMENTS(ending); i++) {
            mask |= 1u << ending[i];
            sipdiag_letters_add(&letters, wanted[ending[i]].name, wanted[ending[i]].compact);
        }
    }
    for (size_t k = 0; visit != NULL && k < G_N_ELEMENTS(letters.bits); k++)
        letters.bits[k] |= visit_letters->bits[k];
    reader_t r = {
        .slot = { [H_CALL_ID] = &out->call_id, [H_CSEQ] = &cseq, [H_FROM] = &out->from, [H_TO] = &out->to, [H_VIA] = &via,
                  [H_AUTHZ] = &out->authorization, [H_PROXY_AUTHZ] = &out->proxy_authorization,
                  [H_WWW_AUTH] = &out->www_authenticate, [H_PROXY_AUTH] = &out->proxy_authenticate,
                  [H_REASON] = &out->reason, [H_AST_CAUSE] = &out->asterisk_cause,
                  [H_AST_CODE] = &out->asterisk_cause_code, [H_MS_DIAG] = &out->ms_diagnostics,
                  [H_MS_DIAG_PUBLIC] = &ms_public },
        .pending = mask, .need_body = needs_body(out), .letters = &letters,
        .keep = visit != NULL ? *visit_letters : (sipdiag_letters_t){ { 0 } },
        .visit_letters = visit_letters, .visit = visit, .ctx = ctx,
    };
    /* One pass over the headers, not one per header wanted: this runs for
     * every SIP message of a capture. */
    size_t body = sipdiag_header_walk(msg, len, &letters, read_header, &r);
    parse_cseq(cseq, out);
    parse_top_via(via, out);
    if (out->ms_diagnostics.len == 0)
        out->ms_diagnostics = ms_public;
    out->to_tag = sipdiag_header_param(out->to, "tag");
    /* Only an offer's body matters (the SDP a 488 refuses). */
    if (r.need_body && body < len)
        out->body = (sipdiag_span_t){ msg + body, len - body };
}

/* The URI of a From or To value: inside <...> when there is one, else up to
 * the first parameter; display names and tags would only crowd the view. */
sipdiag_span_t
sipdiag_header_uri(sipdiag_span_t v)
{
    const char *lt = v.len > 0 ? memchr(v.ptr, '<', v.len) : NULL;
    if (lt != NULL) {
        const char *gt = memchr(lt, '>', v.len - (size_t)(lt - v.ptr));
        if (gt != NULL)
            return (sipdiag_span_t){ lt + 1, (size_t)(gt - lt - 1) };
    }
    const char *semi = v.len > 0 ? memchr(v.ptr, ';', v.len) : NULL;
    return semi != NULL ? (sipdiag_span_t){ v.ptr, (size_t)(semi - v.ptr) } : v;
}

sipdiag_span_t
sipdiag_msginfo_from_tag(const sipdiag_msginfo_t *m)
{
    return sipdiag_header_param(m->from, "tag");
}

void
sipdiag_msginfo_parse(const char *msg, size_t len, sipdiag_msginfo_t *out)
{
    sipdiag_msginfo_parse_visit(msg, len, out, NULL, NULL, NULL);
}

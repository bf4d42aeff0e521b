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

/* Parameters of a name-addr/Via value come after the URI's closing '>' (or,
 * without one, after the value's first ';'); quoted display names are skipped. */
sipdiag_span_t
sipdiag_header_param(sipdiag_span_t value, const char *name)
{
    size_t nlen = strlen(name);
    bool quoted = false, in_uri = false;

    for (size_t i = 0; i < value.len; i++) {
        char c = value.ptr[i];
        if (c == '"' && (i == 0 || value.ptr[i - 1] != '\\'))
            quoted = !quoted;
        else if (!quoted && c == '<')
            in_uri = true;
        else if (!quoted && c == '>')
            in_uri = false;
        if (quoted || in_uri || c != ';')
            continue;
        size_t p = i + 1;
        while (p < value.len && (value.ptr[p] == ' ' || value.ptr[p] == '\t'))
            p++;
        if (value.len - p > nlen && g_ascii_strncasecmp(value.ptr + p, name, nlen) == 0
                && value.ptr[p + nlen] == '=') {
            size_t s = p + nlen + 1, e = s;
            while (e < value.len && !is_token_end(value.ptr[e]))
                e++;
            return (sipdiag_span_t){ value.ptr + s, e - s };
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
    out->is_response = len >= 4 && g_ascii_strncasecmp(msg, "SIP/", 4) == 0;
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

/* The headers sipdiag_msginfo_parse reads; the first of each counts. */
enum { H_CALL_ID, H_CSEQ, H_FROM, H_TO, H_VIA, H_AUTHZ, H_PROXY_AUTHZ, H_WWW_AUTH, H_PROXY_AUTH, H_COUNT };

static const struct {
    const char *name;
    char compact;    /* RFC 3261 §7.3.3 form, or 0 */
} wanted[H_COUNT] = {
    [H_CALL_ID]      = { "Call-ID", 'i' },
    [H_CSEQ]         = { "CSeq", 0 },
    [H_FROM]         = { "From", 'f' },
    [H_TO]           = { "To", 't' },
    [H_VIA]          = { "Via", 'v' },
    [H_AUTHZ]        = { "Authorization", 0 },
    [H_PROXY_AUTHZ]  = { "Proxy-Authorization", 0 },
    [H_WWW_AUTH]     = { "WWW-Authenticate", 0 },
    [H_PROXY_AUTH]   = { "Proxy-Authenticate", 0 },
};

/* One pass over the headers, not one per header wanted: this runs for
 * every SIP message of a capture. */
static void
read_headers(const char *msg, size_t len, sipdiag_span_t *slot[H_COUNT])
{
    size_t pos = 0;
    sipdiag_span_t name, value;

    while (sipdiag_header_iter(msg, len, &pos, &name, &value)) {
        for (int h = 0; h < H_COUNT; h++) {
            if (sipdiag_header_name_is(name, wanted[h].name, wanted[h].compact)) {
                if (slot[h]->ptr == NULL)
                    *slot[h] = value;
                break;
            }
        }
    }
}

void
sipdiag_msginfo_parse(const char *msg, size_t len, sipdiag_msginfo_t *out)
{
    sipdiag_span_t cseq = no_span, via = no_span;

    memset(out, 0, sizeof *out);
    if (msg == NULL || len == 0)
        return;
    parse_start_line(msg, len, out);
    sipdiag_span_t *slot[H_COUNT] = {
        [H_CALL_ID] = &out->call_id, [H_CSEQ] = &cseq, [H_FROM] = &out->from, [H_TO] = &out->to,
        [H_VIA] = &via, [H_AUTHZ] = &out->authorization, [H_PROXY_AUTHZ] = &out->proxy_authorization,
        [H_WWW_AUTH] = &out->www_authenticate, [H_PROXY_AUTH] = &out->proxy_authenticate,
    };
    read_headers(msg, len, slot);
    parse_cseq(cseq, out);
    out->from_tag = sipdiag_header_param(out->from, "tag");
    out->to_tag = sipdiag_header_param(out->to, "tag");
    out->via_branch = sipdiag_header_param(via, "branch");
    out->body = sipdiag_message_body(msg, len);
}

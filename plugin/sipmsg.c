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

static sipdiag_span_t
first_header(const char *msg, size_t len, const char *name, char compact)
{
    size_t pos = 0;
    sipdiag_span_t v;
    return sipdiag_header_next(msg, len, name, compact, &pos, &v) ? v : no_span;
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

void
sipdiag_msginfo_parse(const char *msg, size_t len, sipdiag_msginfo_t *out)
{
    memset(out, 0, sizeof *out);
    if (msg == NULL || len == 0)
        return;
    parse_start_line(msg, len, out);
    out->call_id = first_header(msg, len, "Call-ID", 'i');
    parse_cseq(first_header(msg, len, "CSeq", 0), out);
    out->from = first_header(msg, len, "From", 'f');
    out->to = first_header(msg, len, "To", 't');
    out->from_tag = sipdiag_header_param(out->from, "tag");
    out->to_tag = sipdiag_header_param(out->to, "tag");
    out->via_branch = sipdiag_header_param(first_header(msg, len, "Via", 'v'), "branch");
    out->authorization = first_header(msg, len, "Authorization", 0);
    out->proxy_authorization = first_header(msg, len, "Proxy-Authorization", 0);
    out->www_authenticate = first_header(msg, len, "WWW-Authenticate", 0);
    out->proxy_authenticate = first_header(msg, len, "Proxy-Authenticate", 0);
    out->body = sipdiag_message_body(msg, len);
}

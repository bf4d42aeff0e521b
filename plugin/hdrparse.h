/* hdrparse.h
 * Parsers for the SIP header values and SDP lines sipdiag reads. Plain C
 * (libc and GLib only), no Wireshark headers: the unit tests and the
 * libFuzzer harness drive them directly.
 *
 * Conventions: input is (const char *buf, size_t len), never assumed to be
 * NUL-terminated; output pointers point into buf; no allocation; every
 * function returns a status and fills a caller-owned struct. Numbers are
 * parsed by hand with explicit overflow checks (no strtoul/atoi/sscanf).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_HDRPARSE_H
#define SIPDIAG_HDRPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    SIPDIAG_PARSE_OK = 0,
    SIPDIAG_PARSE_EMPTY,      /* nothing there */
    SIPDIAG_PARSE_MALFORMED,  /* not the grammar */
    SIPDIAG_PARSE_OVERFLOW    /* a number too large for its field */
} sipdiag_parse_status_t;

/* A piece of the input. */
typedef struct {
    const char *ptr;
    size_t len;
} sipdiag_span_t;

/* ---- Finding headers in a SIP message ---------------------------------- */

/* Finds the next header called `name` (case-insensitive; `compact` is its
 * RFC 3261 §7.3.3 one-letter form or 0) in the header block of msg (from the
 * line after the start line up to the first empty line). *pos is the scan
 * position, 0 on the first call. Continuation lines (starting with SP/HT)
 * belong to the header before them. Returns true and the value (without
 * leading/trailing white space) in *value, false when there is no more. */
bool sipdiag_header_next(const char *msg, size_t len, const char *name, char compact,
                         size_t *pos, sipdiag_span_t *value);

/* The headers of msg one after another, in the same block and with the same
 * continuation rules as sipdiag_header_next: *name is the header's name as
 * sent (full or compact form), *value its trimmed value. One pass over the
 * message reads every header a caller wants. */
bool sipdiag_header_iter(const char *msg, size_t len, size_t *pos, sipdiag_span_t *name, sipdiag_span_t *value);

/* First letters of header names (either case), as a 256-bit set: a walk
 * over a message's headers parses only the lines that start with one. */
typedef struct {
    uint64_t bits[4];
} sipdiag_letters_t;

/* Adds the first letter of `full` and the compact form (0: none), both cases. */
void sipdiag_letters_add(sipdiag_letters_t *set, const char *full, char compact);

static inline bool
sipdiag_letters_empty(const sipdiag_letters_t *set)
{
    return (set->bits[0] | set->bits[1] | set->bits[2] | set->bits[3]) == 0;
}

static inline bool
sipdiag_letters_has(const sipdiag_letters_t *set, char c)
{
    unsigned char u = (unsigned char)c;
    return (set->bits[u >> 6] >> (u & 63)) & 1u;
}

/* Called with a header's name as sent and its trimmed value. */
typedef void (*sipdiag_header_visit_t)(sipdiag_span_t name, sipdiag_span_t value, void *ctx);

/* One walk over msg's header block, with the block and continuation rules of
 * sipdiag_header_iter: visit(name, value, ctx) for each header whose name
 * starts with a letter in `letters`; the other lines are passed over without
 * being parsed (a message has a dozen headers and a reader wants a few).
 * The walk reads `letters` anew for every line, so visit may take letters
 * out once it has what it wants; when it takes out the last one, the walk
 * stops at once and returns len. Otherwise returns where the body starts,
 * after the empty line ending the block, or len when there is none. */
size_t sipdiag_header_walk(const char *msg, size_t len, const sipdiag_letters_t *letters,
                           sipdiag_header_visit_t visit, void *ctx);

/* The rest of sipdiag_header_name_is, once the first letters agree. */
bool sipdiag_header_name_rest_is(sipdiag_span_t name, const char *full, char compact);

static inline char
sipdiag_ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
}

/* Case-insensitive equality of a span and a non-empty literal, in one loop
 * that stops at the first byte that differs: header names are compared with
 * every header of every message, and most differ in their second letter.
 * A NUL inside the span differs from the literal's letter there; a span
 * longer than the literal meets its NUL and differs too. Inline: it runs
 * on header names and parameters of every message. */
static inline bool
sipdiag_span_is(sipdiag_span_t s, const char *lit)
{
    size_t i = 0;
    for (; i < s.len; i++) {
        char a = s.ptr[i], b = lit[i];
        /* Names are nearly always sent in the literal's case: equal bytes
         * need no case folding. */
        if (b == 0 || (a != b && sipdiag_ascii_lower(a) != sipdiag_ascii_lower(b)))
            return false;
    }
    return i > 0 && lit[i] == 0;
}

/* Whether a header name from sipdiag_header_iter is `full` or its compact
 * form (0: none), ignoring case. Inline because callers try it against
 * every header of every message, and the first letter rejects nearly all. */
static inline bool
sipdiag_header_name_is(sipdiag_span_t name, const char *full, char compact)
{
    if (name.len == 0)
        return false;
    char first = sipdiag_ascii_lower(name.ptr[0]);
    if (first != sipdiag_ascii_lower(full[0]) && (compact == 0 || first != sipdiag_ascii_lower(compact)))
        return false;
    return sipdiag_header_name_rest_is(name, full, compact);
}

/* ---- Header values ------------------------------------------------------ */

/* Retry-After: delta-seconds [comment] *(;retry-param) (RFC 3261 §20.33). */
typedef struct {
    uint32_t seconds;
    bool has_duration;
    uint32_t duration;
    sipdiag_span_t comment;   /* text inside ( ), without the parentheses */
} sipdiag_retry_after_t;
sipdiag_parse_status_t sipdiag_parse_retry_after(const char *buf, size_t len, sipdiag_retry_after_t *out);

/* One warning-value of a Warning header: warn-code SP warn-agent SP warn-text
 * (RFC 3261 §20.43). A header may hold several, comma-separated: *pos is the
 * scan position (0 first); returns SIPDIAG_PARSE_EMPTY when none is left. */
typedef struct {
    uint16_t code;            /* as sent, 0..999; the caller checks the range */
    sipdiag_span_t agent;
    sipdiag_span_t text;      /* without the quotes, escapes left as sent */
} sipdiag_warning_t;
sipdiag_parse_status_t sipdiag_parse_warning_next(const char *buf, size_t len, size_t *pos, sipdiag_warning_t *out);

/* One reason-value of a Reason header: protocol *(;cause=N / ;text="..." /
 * ;other) (RFC 3326 §2). Several may be comma-separated, as above. */
typedef struct {
    sipdiag_span_t protocol;  /* "SIP", "Q.850", ... */
    bool has_cause;
    long cause;               /* as sent; -1 when the digits overflow a long */
    sipdiag_span_t text;      /* without the quotes */
    sipdiag_span_t location;  /* RFC 8606 location parameter (Q.850), e.g. "U"; empty if absent */
} sipdiag_reason_t;
sipdiag_parse_status_t sipdiag_parse_reason_next(const char *buf, size_t len, size_t *pos, sipdiag_reason_t *out);

/* Microsoft's ms-diagnostics / ms-diagnostics-public ([MS-OCER] §2.2.1):
 * a diagnostic code, an optional ".sub" number, then parameters, of which
 * reason="..." and source="..." are read. Other parameters are skipped. */
typedef struct {
    uint32_t code;            /* saturates at UINT32_MAX with OVERFLOW */
    bool has_sub;
    uint32_t sub;
    sipdiag_span_t reason;    /* without the quotes */
    sipdiag_span_t source;
} sipdiag_ms_diag_t;
sipdiag_parse_status_t sipdiag_parse_ms_diag(const char *buf, size_t len, sipdiag_ms_diag_t *out);

/* A WWW-Authenticate / Proxy-Authenticate challenge or an Authorization /
 * Proxy-Authorization credential (RFC 3261 §25.1, RFC 7616): the scheme and
 * the parameters sipdiag needs. */
typedef struct {
    sipdiag_span_t scheme;    /* "Digest" */
    sipdiag_span_t realm;     /* without quotes */
    sipdiag_span_t algorithm;
    sipdiag_span_t nonce;
    sipdiag_span_t username;
    bool stale;               /* stale=true (case-insensitive) */
} sipdiag_auth_t;
sipdiag_parse_status_t sipdiag_parse_auth(const char *buf, size_t len, sipdiag_auth_t *out);

/* An unsigned decimal header value such as Min-Expires or Min-SE's
 * delta-seconds (parameters after ';' ignored). */
sipdiag_parse_status_t sipdiag_parse_uint(const char *buf, size_t len, uint32_t *out);

/* ---- SDP ------------------------------------------------------------------ */

/* The media formats an SDP offer lists: for every m= line, its payload types
 * and their names (a=rtpmap names, or the RFC 3551 static names for 0-34).
 * Writes at most max entries; returns how many it found (may exceed max). */
typedef struct {
    sipdiag_span_t media;     /* "audio", "video", "image" */
    sipdiag_span_t format;    /* the fmt token as in the m= line, e.g. "0", "101", "t38" */
    sipdiag_span_t name;      /* "PCMU", "telephone-event", "t38"...; empty when unknown.
                               * An RFC 3551 static name points to a constant string,
                               * not into sdp: no offset can be computed from it. */
} sipdiag_sdp_format_t;
size_t sipdiag_sdp_formats(const char *sdp, size_t len, sipdiag_sdp_format_t *out, size_t max);

/* The value of exactly three ASCII digits at s (len >= 3: only the first
 * three are read), or -1: the Status-Code of RFC 3261 §7.2 and the
 * warn-code of §20.43 share this one reader. */
int sipdiag_three_digits(const char *s, size_t len);

#endif /* SIPDIAG_HDRPARSE_H */

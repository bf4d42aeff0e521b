/* diagnose.c
 * From a status line to a diagnosis: index lookup of the registered code,
 * the RFC 3261 §8.1.3.2 fallback for unregistered codes, and the comparison
 * of the reason phrase with the registry and with known vendor phrases.
 * Needs only libc and GLib.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "diagnose.h"
#include "hdrparse.h"

#include <string.h>
#include <glib.h>

#define CODES (SIPDIAG_CODE_MAX - SIPDIAG_CODE_MIN + 1)

/* code - SIPDIAG_CODE_MIN -> the registered row, or NULL. */
static const sipdiag_code_t *registered[CODES];

/* The index the diagnosis consults: the user's row where their table has
 * one, else the registered row. */
typedef struct {
    const sipdiag_code_t *row;
    const char *accepted_phrase;   /* the user's phrase for a registered code, or NULL */
    bool user;
} entry_t;
static entry_t code_index[CODES];

void
sipdiag_codes_init(void)
{
    memset(registered, 0, sizeof registered);
    for (size_t i = 0; i < sipdiag_codes_count; i++)
        registered[sipdiag_codes[i].code - SIPDIAG_CODE_MIN] = &sipdiag_codes[i];
    sipdiag_codes_user_clear();
}

void
sipdiag_codes_user_clear(void)
{
    for (size_t i = 0; i < CODES; i++)
        code_index[i] = (entry_t){ registered[i], NULL, false };
}

void
sipdiag_codes_user_set(const sipdiag_code_t *row, const char *accepted_phrase)
{
    if (row->code >= SIPDIAG_CODE_MIN && row->code <= SIPDIAG_CODE_MAX)
        code_index[row->code - SIPDIAG_CODE_MIN] = (entry_t){ row, accepted_phrase, true };
}

const sipdiag_code_t *
sipdiag_code_find(int code)
{
    if (code < SIPDIAG_CODE_MIN || code > SIPDIAG_CODE_MAX)
        return NULL;
    return registered[code - SIPDIAG_CODE_MIN];
}

/* Strips the line ending and trailing blanks a status line may carry. */
static size_t
trim_end(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == '\n' || s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return len;
}

bool
sipdiag_status_line_parse(const char *buf, size_t len, sipdiag_status_line_t *out)
{
    memset(out, 0, sizeof *out);
    out->code = -1;
    if (buf == NULL || len < 4 || g_ascii_strncasecmp(buf, "SIP/", 4) != 0)
        return false;
    const char *end = buf + trim_end(buf, len);
    const char *sp = memchr(buf, ' ', (size_t)(end - buf));
    if (sp == NULL)
        return false;

    out->version = buf;
    out->version_len = (size_t)(sp - buf);
    out->code_text = sp + 1;
    const char *p = out->code_text;
    while (p < end && *p != ' ')
        p++;
    out->code_len = (size_t)(p - out->code_text);
    if (out->code_len == 3)
        out->code = sipdiag_three_digits(out->code_text, 3);

    out->reason = p < end ? p + 1 : p;
    out->reason_len = (size_t)(end - out->reason);
    return true;
}

static bool
phrase_equal(const char *phrase, const char *s, size_t len)
{
    return strlen(phrase) == len && g_ascii_strncasecmp(phrase, s, len) == 0;
}

static const sipdiag_alias_t *
find_alias(int code, const char *reason, size_t len)
{
    for (size_t i = 0; i < sipdiag_aliases_count; i++) {
        if (sipdiag_aliases[i].code == code && phrase_equal(sipdiag_aliases[i].phrase, reason, len))
            return &sipdiag_aliases[i];
    }
    return NULL;
}

/* RFC 3261 §8.1.3.2: an unknown final code x yz is handled as x00, an unknown
 * provisional code as 183. */
static const sipdiag_code_t *
fallback_row(int code)
{
    return sipdiag_code_find(code < 200 ? 183 : code / 100 * 100);
}

/* The vendor row whose fragment the phrase holds, for this unregistered code. */
static const sipdiag_vendor_code_t *
find_vendor_code(int code, const char *reason, size_t reason_len)
{
    for (size_t i = 0; i < sipdiag_vendor_codes_count; i++) {
        const sipdiag_vendor_code_t *v = &sipdiag_vendor_codes[i];
        size_t n = strlen(v->fragment);
        if (v->code != code || n > reason_len)
            continue;
        for (size_t at = 0; at + n <= reason_len; at++) {
            if (g_ascii_strncasecmp(reason + at, v->fragment, n) == 0)
                return v;
        }
    }
    return NULL;
}

void
sipdiag_diagnose(int code, const char *reason, size_t reason_len, sipdiag_diag_t *out)
{
    memset(out, 0, sizeof *out);
    out->code = code;
    const entry_t *e = code >= SIPDIAG_CODE_MIN && code <= SIPDIAG_CODE_MAX ? &code_index[code - SIPDIAG_CODE_MIN]
                                                                            : NULL;
    out->row = e != NULL ? e->row : NULL;
    out->user = e != NULL && e->user;
    if (out->row != NULL) {
        /* A code the user's table explains counts as registered: its row speaks. */
        out->status = SIPDIAG_CODE_REGISTERED;
    } else if (code >= SIPDIAG_CODE_MIN && code <= SIPDIAG_CODE_MAX && (out->row = fallback_row(code)) != NULL) {
        out->status = SIPDIAG_CODE_UNRECOGNISED;
        out->vendor = reason != NULL ? find_vendor_code(code, reason, reason_len) : NULL;
    } else {
        out->status = SIPDIAG_CODE_INVALID;
    }

    if (reason == NULL || reason_len == 0)
        out->reason_match = SIPDIAG_REASON_EMPTY;
    else if (out->status == SIPDIAG_CODE_REGISTERED && (phrase_equal(out->row->phrase, reason, reason_len)
             || (e->accepted_phrase != NULL && phrase_equal(e->accepted_phrase, reason, reason_len))))
        out->reason_match = SIPDIAG_REASON_REGISTERED;
    else if ((out->alias = find_alias(code, reason, reason_len)) != NULL)
        out->reason_match = SIPDIAG_REASON_ALIAS;
    else
        out->reason_match = SIPDIAG_REASON_DIFFERENT;
}

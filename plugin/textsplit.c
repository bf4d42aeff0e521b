/* textsplit.c
 * Long texts in label-sized pieces (see textsplit.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "textsplit.h"

#include <string.h>

/* The last cut in t[0..limit] (a cut ends the piece before t[cut]) after
 * one of the separators, preferring the first kind found: a sentence end,
 * then a clause, then a word. 0 when there is none. */
static size_t
last_cut(sipdiag_span_t t, size_t limit)
{
    static const char *const separators[] = { ". ", "; ", ": ", ", ", " " };
    for (size_t k = 0; k < sizeof separators / sizeof separators[0]; k++) {
        size_t slen = strlen(separators[k]);
        /* The separator's last byte is a space: cut after the punctuation. */
        for (size_t i = limit; i >= slen; i--) {
            if (memcmp(t.ptr + i - slen, separators[k], slen) == 0 && i - 1 > 0)
                return i - 1;
        }
    }
    return 0;
}

size_t
sipdiag_text_prefix(const char *text, size_t len, size_t limit)
{
    if (len <= limit)
        return len;
    /* text[limit] would start the rest: back off while it continues a character. */
    size_t cut = limit;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    return cut;
}

sipdiag_span_t
sipdiag_text_piece(sipdiag_span_t text, size_t limit, size_t *rest)
{
    if (text.len <= limit) {
        *rest = text.len;
        return text;
    }
    size_t cut = last_cut(text, limit);
    if (cut == 0) {
        /* One word longer than a line: cut it, but not inside a character. */
        cut = sipdiag_text_prefix(text.ptr, text.len, limit);
        if (cut == 0)
            cut = limit;
    }
    size_t next = cut;
    while (next < text.len && text.ptr[next] == ' ')
        next++;
    *rest = next;
    return (sipdiag_span_t){ text.ptr, cut };
}

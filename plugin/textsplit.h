/* textsplit.h
 * Cuts a long text into pieces that each fit one line of Wireshark's packet
 * details (labels stop at 240 bytes, ITEM_LABEL_LENGTH), at sentence ends
 * where it can, else at "; ", ", " or a space, and never inside a UTF-8
 * character. Plain C, no Wireshark headers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_TEXTSPLIT_H
#define SIPDIAG_TEXTSPLIT_H

#include "hdrparse.h"

/* Wireshark's label limit, in bytes with the terminating NUL (epan/proto.h). */
#define SIPDIAG_LABEL_MAX 240

/* The longest prefix of text (len bytes) at most limit bytes long that
 * does not end inside a UTF-8 character. */
size_t sipdiag_text_prefix(const char *text, size_t len, size_t limit);

/* The first piece of text, at most `limit` bytes (limit >= 8), without the
 * space that follows it; *rest is where the next piece starts (text.len
 * when none is left). A text that fits is one piece. */
sipdiag_span_t sipdiag_text_piece(sipdiag_span_t text, size_t limit, size_t *rest);

#endif /* SIPDIAG_TEXTSPLIT_H */

/* framecache.h
 * What sipdiag concluded about each response on the first pass, kept per
 * frame. Every pass draws from it: the context of a response depends on the
 * frames before it, so only the first, in-order pass may decide it, and
 * passes without a tree (tshark -2) or without primed fields show the same.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_FRAMECACHE_H
#define SIPDIAG_FRAMECACHE_H

#include "context.h"
#include "hints.h"

typedef struct {
    int code;                       /* sip.Status-Code, or -1 (see malformed, line) */
    bool malformed;                 /* a status line the SIP dissector rejected */
    bool cut;                       /* the capture (snaplen) ends inside the message */
    bool line_cut;                  /* ... inside its status line */
    unsigned captured;              /* bytes of the message captured, of */
    unsigned sent;                  /* the bytes the frame says were sent from its start */
    const char *line;               /* the status line's bytes as sent (not NUL-terminated) */
    size_t line_len;                /* its length (it may hold NUL bytes) */
    const char *method;             /* CSeq method, or NULL */
    sipdiag_context_t ctx;
    const char *call_id;            /* Call-ID, From, To of a failed INVITE, else NULL */
    const char *from;
    const char *to;
    unsigned n_headers;
    sipdiag_header_value_t *headers;
} sipdiag_result_t;

/* Call once at registration: the results live in file scope, set up when a
 * file is opened and gone when it is closed. */
void sipdiag_framecache_init(void);

/* Stores this frame's n results under its frame number. What every response
 * has (code, method, context) is kept in a few bytes; the rest (an unusual
 * status line, hints, a failed call's identity) only where there is any. */
void sipdiag_framecache_store(packet_info *pinfo, const sipdiag_result_t *results, unsigned n);

/* The ACK in ack_frame acknowledged the final response with this code in
 * response_frame (stored before): later passes show it there. */
void sipdiag_framecache_note_ack(uint32_t response_frame, int code, uint32_t ack_frame);

/* The results stored for this frame, rebuilt in pinfo->pool; returns how
 * many (0 if none). */
unsigned sipdiag_framecache_lookup(packet_info *pinfo, const sipdiag_result_t **out);

#endif /* SIPDIAG_FRAMECACHE_H */

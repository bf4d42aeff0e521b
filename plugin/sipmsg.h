/* sipmsg.h
 * The facts of one SIP message that tie it to its transaction and dialog
 * (Call-ID, CSeq, tags, credentials, challenge, request body), read from
 * the raw message. Plain C over hdrparse, no Wireshark headers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_SIPMSG_H
#define SIPDIAG_SIPMSG_H

#include "hdrparse.h"

typedef struct {
    bool is_response;
    sipdiag_span_t method;        /* request method (requests only) */
    sipdiag_span_t call_id;
    bool has_cseq;
    uint32_t cseq;
    sipdiag_span_t cseq_method;
    sipdiag_span_t from;          /* whole From value */
    sipdiag_span_t to;            /* whole To value */
    sipdiag_span_t to_tag;        /* empty outside a dialog */
    sipdiag_span_t authorization; /* Authorization value, empty if none */
    sipdiag_span_t proxy_authorization;
    sipdiag_span_t www_authenticate;    /* challenges (responses) */
    sipdiag_span_t proxy_authenticate;
    sipdiag_span_t body;          /* requests only */
    sipdiag_span_t via_sent_by;   /* top Via's sent-by (host[:port]), empty without a Via */
    sipdiag_span_t via_branch;    /* top Via's branch parameter, empty if none */
    sipdiag_span_t reason;        /* first Reason value of a CANCEL or BYE, empty otherwise */
    /* Why a call ended, by vendor headers of a CANCEL or BYE (empty otherwise). */
    sipdiag_span_t asterisk_cause;      /* X-Asterisk-HangupCause */
    sipdiag_span_t asterisk_cause_code; /* X-Asterisk-HangupCauseCode */
    sipdiag_span_t ms_diagnostics;      /* ms-diagnostics, else ms-diagnostics-public */
} sipdiag_msginfo_t;

/* RFC 3261 §8.1.1.7: a branch that starts with the magic cookie was made
 * unique per transaction; any other (RFC 2543) branch may repeat. */
bool sipdiag_branch_is_rfc3261(sipdiag_span_t branch);

/* Reads the facts above from a whole SIP message (start line, headers, body). */
void sipdiag_msginfo_parse(const char *msg, size_t len, sipdiag_msginfo_t *out);

/* sipdiag_msginfo_parse that also shows visit(ctx) the headers, in order,
 * whose names start with a letter in visit_letters, so a caller needing
 * other headers does not walk the message a second time. */
void sipdiag_msginfo_parse_visit(const char *msg, size_t len, sipdiag_msginfo_t *out,
                                 const sipdiag_letters_t *visit_letters, sipdiag_header_visit_t visit, void *ctx);

/* The From tag. Read on demand: only BYEs and the answers to them need it. */
sipdiag_span_t sipdiag_msginfo_from_tag(const sipdiag_msginfo_t *m);

/* The value of parameter `name` (e.g. "tag", "branch") in a header
 * value such as a From or Via, outside any <...> URI and quoted string (its
 * name matched ignoring case); empty if absent. */
sipdiag_span_t sipdiag_header_param(sipdiag_span_t value, const char *name);

/* The URI of a From or To value: inside <...> when there is one, else up to
 * the first parameter (no display name, no tag). */
sipdiag_span_t sipdiag_header_uri(sipdiag_span_t value);

/* True when both spans hold the same bytes (case-sensitive). */
bool sipdiag_span_equal(sipdiag_span_t a, sipdiag_span_t b);

#endif /* SIPDIAG_SIPMSG_H */

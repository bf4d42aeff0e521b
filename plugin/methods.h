/* methods.h
 * sipdiag's knowledge per (code, method): where the same code means
 * something else for another method (a 200 to BYE is never ACKed, a 486 to
 * OPTIONS says the peer is alive), a row that replaces the code's general
 * summary, description, fix, reference and, where it differs, severity.
 * Plain C data, no Wireshark headers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_METHODS_H
#define SIPDIAG_METHODS_H

#include "codes.h"
#include "hdrparse.h"

/* Methods as bits, so a row names a set of them. */
enum {
    SIPDIAG_M_INVITE = 1u << 0,
    SIPDIAG_M_ACK = 1u << 1,
    SIPDIAG_M_BYE = 1u << 2,
    SIPDIAG_M_CANCEL = 1u << 3,
    SIPDIAG_M_REGISTER = 1u << 4,
    SIPDIAG_M_OPTIONS = 1u << 5,
    SIPDIAG_M_INFO = 1u << 6,
    SIPDIAG_M_UPDATE = 1u << 7,
    SIPDIAG_M_PRACK = 1u << 8,
    SIPDIAG_M_SUBSCRIBE = 1u << 9,
    SIPDIAG_M_NOTIFY = 1u << 10,
    SIPDIAG_M_REFER = 1u << 11,
    SIPDIAG_M_MESSAGE = 1u << 12,
    SIPDIAG_M_PUBLISH = 1u << 13,
    SIPDIAG_M_OTHER = 1u << 14,     /* any method not above */
};
#define SIPDIAG_M_ALL ((SIPDIAG_M_OTHER << 1) - 1)
#define SIPDIAG_M_NON_INVITE (SIPDIAG_M_ALL & ~SIPDIAG_M_INVITE)

/* Whether a row holds inside a dialog, outside one, or either. */
typedef enum {
    SIPDIAG_DIALOG_ANY = 0,
    SIPDIAG_DIALOG_INITIAL,     /* the request had no To tag */
    SIPDIAG_DIALOG_INSIDE       /* the request had a To tag (a re-INVITE, an in-dialog UPDATE) */
} sipdiag_dialog_t;

/* What else about the transaction a row asks for. */
typedef enum {
    SIPDIAG_COND_NONE = 0,
    SIPDIAG_COND_T38_ONLY,        /* the request's offer held only T.38 (image) media */
    SIPDIAG_COND_SHORT_RETRY      /* the response carries Retry-After of at most 10 s (RFC 3261 §14.2) */
} sipdiag_cond_t;

/* The facts a row can depend on, as far as the capture shows them. */
typedef struct {
    int in_dialog;                /* 1 inside a dialog, 0 outside, -1 request not captured */
    bool t38_only;
    bool short_retry;
} sipdiag_method_facts_t;

typedef struct {
    uint16_t code;
    uint32_t methods;             /* SIPDIAG_M_* */
    sipdiag_dialog_t dialog;
    sipdiag_cond_t cond;
    const char *key;              /* stable name of the row, e.g. "200/BYE": the sipdiag.knowledge field */
    sipdiag_severity_t severity;
    const char *summary;          /* one line for the expert item */
    const char *description;
    const char *fix;
    const char *reference;
} sipdiag_method_row_t;

/* The rows, grouped by code; within a code the first row that matches wins. */
extern const sipdiag_method_row_t sipdiag_method_rows[];
extern const size_t sipdiag_method_rows_count;

/* The bit of a CSeq method (case-sensitive, RFC 3261 §7.1), SIPDIAG_M_OTHER
 * for another one, 0 for none. */
uint32_t sipdiag_method_bit(sipdiag_span_t method);

/* The row for a response with this code to this method; in_dialog is 1
 * when the request was sent inside a dialog, 0 outside one, -1 when the
 * request is not in the capture. NULL: the code's general knowledge holds. */
const sipdiag_method_row_t *sipdiag_method_row_find(int code, sipdiag_span_t method, int in_dialog);

/* The same, with every fact a row may ask for; a row with a condition holds
 * only when its fact is known to be true. */
const sipdiag_method_row_t *sipdiag_method_row_find_facts(int code, sipdiag_span_t method,
                                                          const sipdiag_method_facts_t *facts);

#endif /* SIPDIAG_METHODS_H */

/* hints.h
 * The headers of a response that carry its explanation (Retry-After, Allow,
 * Unsupported, Min-Expires, challenges, Warning, Reason, ...): which apply to
 * which code, how they read in plain words, and the sipdiag.hint,
 * sipdiag.warning and sipdiag.q850 subtrees.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_HINTS_H
#define SIPDIAG_HINTS_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "hdrparse.h"
#include "hintrules.h"

/* One reason-value of a Reason header, parsed once (first pass); its spans
 * point into the kept value. */
typedef struct {
    sipdiag_parse_status_t status;
    sipdiag_reason_t reason;
} sipdiag_reason_parsed_t;

/* One header value kept from the first pass (the message is gone later). */
typedef struct {
    uint8_t rule;          /* index into the hint rules */
    const char *value;     /* as sent, cut at a sane length (file scope) */
    unsigned sent_len;     /* the value's length as sent, when it was cut; else 0 */
    const sipdiag_reason_parsed_t *reasons;    /* a Reason value's reason-values, else NULL */
    unsigned n_reasons;
} sipdiag_header_value_t;

/* Parses every reason-value of a Reason header value (file scope, kept):
 * the array lives in pool. Returns how many. */
unsigned sipdiag_hints_parse_reasons(wmem_allocator_t *pool, const char *value, const sipdiag_reason_parsed_t **out);

#define SIPDIAG_HINTS_PER_HEADER 8    /* values kept of one header */

/* The header values that can explain one response, gathered during the one
 * pass over its headers that also reads its transaction facts. */
typedef struct {
    uint8_t applies[SIPDIAG_HINT_RULES];    /* the rules for this code */
    size_t n_applies;
    const sipdiag_letters_t *letters;       /* first letters of their headers */
    unsigned count[SIPDIAG_HINT_RULES];     /* values seen; set for the applying rules only */
    sipdiag_span_t seen[SIPDIAG_HINT_RULES][SIPDIAG_HINTS_PER_HEADER];    /* spans into the message */
} sipdiag_hints_collector_t;

/* First pass: get ready for a response with this code. */
void sipdiag_hints_begin(sipdiag_hints_collector_t *c, int code);

/* Offers one header of the message (a sipdiag_header_visit_t); only those
 * starting with a letter of *c->letters can be wanted. */
void sipdiag_hints_offer(sipdiag_span_t name, sipdiag_span_t value, void *collector);

/* The values gathered, copied into file scope. Returns how many. */
unsigned sipdiag_hints_finish(const sipdiag_hints_collector_t *c, sipdiag_header_value_t **out);

/* The sentences the headers add to the suggested fix, or NULL (pinfo->pool).
 * `complete`: every header was captured, so a missing one is really absent. */
const char *sipdiag_hints_fix(packet_info *pinfo, int code, const sipdiag_header_value_t *h, unsigned n,
                              bool complete);

/* The Retry-After delay in seconds, or -1 when there is none that parses. */
long sipdiag_hints_retry_after(const sipdiag_header_value_t *h, unsigned n);

/* How much of a header value to keep for later passes: all of it up to 512
 * bytes, else up to its last comma before that (whole list elements, so it
 * still parses). */
size_t sipdiag_hints_kept_length(sipdiag_span_t value);

/* The first Q.850 cause among these header values, or -1. */
int sipdiag_hints_q850_cause(const sipdiag_header_value_t *h, unsigned n);

/* The first Reason value that names a cause or has a text (else the
 * ms-diagnostics code and reason), in a few words
 * for an expert message ("Q.850 cause 21 \"nocallee\"", "SIP 200 \"Call
 * completed elsewhere\""), or NULL (pinfo->pool). */
const char *sipdiag_hints_reason_evidence(packet_info *pinfo, const sipdiag_header_value_t *h, unsigned n);

/* Adds the hint, Warning and Reason subtrees for these header values. */
void sipdiag_hints_render(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, int code,
                          const sipdiag_header_value_t *h, unsigned n, bool complete);

/* The Reason subtree of one Reason header value, from its reason-values
 * parsed by sipdiag_hints_parse_reasons() (also for a BYE or CANCEL: code
 * 0, nothing to compare a Q.850 cause with). */
void sipdiag_hints_render_reason(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, int code, const char *value,
                                 const sipdiag_reason_parsed_t *reasons, unsigned n);

/* sipdiag.expert.bad_header on item ti, with this message. */
void sipdiag_hints_bad_header(packet_info *pinfo, proto_item *ti, const char *format, ...) G_GNUC_PRINTF(3, 4);

/* Registers the hint fields, subtrees and expert items under the protocol. */
void sipdiag_hints_register(int proto, expert_module_t *module);

#endif /* SIPDIAG_HINTS_H */

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

/* One header value kept from the first pass (the message is gone later). */
typedef struct {
    uint8_t rule;          /* index into the hint rules */
    const char *value;     /* as sent, cut at a sane length (file scope) */
    unsigned sent_len;     /* the value's length as sent, when it was cut; else 0 */
} sipdiag_header_value_t;

/* First pass: the values of the headers that can explain a response with
 * this code, copied into file scope. Returns how many. */
unsigned sipdiag_hints_collect(const char *msg, size_t len, int code, sipdiag_header_value_t **out);

/* The sentences the headers add to the suggested fix, or NULL (pinfo->pool).
 * `complete`: every header was captured, so a missing one is really absent. */
const char *sipdiag_hints_fix(packet_info *pinfo, int code, const sipdiag_header_value_t *h, unsigned n,
                              bool complete);

/* The first Q.850 cause among these header values, or -1. */
int sipdiag_hints_q850_cause(const sipdiag_header_value_t *h, unsigned n);

/* Adds the hint, Warning and Reason subtrees for these header values. */
void sipdiag_hints_render(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, int code,
                          const sipdiag_header_value_t *h, unsigned n, bool complete);

/* Registers the hint fields, subtrees and expert items under the protocol. */
void sipdiag_hints_register(int proto, expert_module_t *module);

#endif /* SIPDIAG_HINTS_H */

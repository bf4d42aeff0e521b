/* q850.h
 * ITU-T Q.850 cause values (as carried in the SIP Reason header, RFC 3326 /
 * RFC 6432) with our explanations, and the RFC 3398 §7.2.4.1 mapping from
 * cause to SIP status code that gateways follow (§8.2.6.1 is the reverse
 * direction, status code to cause). Plain C (GLib at most), no
 * Wireshark headers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_Q850_H
#define SIPDIAG_Q850_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hdrparse.h"

#define SIPDIAG_Q850_MAX 127

typedef struct {
    uint8_t cause;            /* 1..127 */
    const char *name;         /* Q.850 name, e.g. "User busy" */
    const char *meaning;      /* what it means in a call, our words */
    const char *fix;          /* what to check or change, our words */
    uint16_t sip_code;        /* RFC 3398 §7.2.4.1 mapping; 0 where its table gives no status */
} sipdiag_q850_t;

/* The cause values Q.850 defines, sorted by cause, each once. */
extern const sipdiag_q850_t sipdiag_q850_causes[];
extern const size_t sipdiag_q850_causes_count;

/* The defined cause, or NULL (out of range or unassigned). Constant time. */
const sipdiag_q850_t *sipdiag_q850_find(long cause);

/* The SIP code RFC 3398 maps this cause to (its table; causes it does not
 * list map to 500), 0 for cause 16 (normal call clearing: a BYE or CANCEL,
 * not a failure response), or 0 for a cause that is not defined. */
uint16_t sipdiag_q850_expected_sip(long cause);

/* True when RFC 3398 allows this status code for this cause: its table's
 * code, or the alternatives its notes give (21 with 603 when the RFC 8606
 * location is the user or absent; 22 with 301). Also true when its table
 * gives no status to compare (cause 16, unlisted or undefined causes). */
bool sipdiag_q850_sip_allowed(long cause, int code, sipdiag_span_t location);

#endif /* SIPDIAG_Q850_H */

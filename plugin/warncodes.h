/* warncodes.h
 * The SIP Warning header's warn-codes (IANA "Warning Codes (warn-codes)"
 * registry, RFC 3261 §20.43 and later RFCs) with our explanations. Plain C.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_WARNCODES_H
#define SIPDIAG_WARNCODES_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint16_t code;            /* 300..399 */
    const char *text;         /* the registered warn-text description, e.g. "Incompatible media format" */
    const char *reference;    /* e.g. "RFC 3261 §20.43" */
    const char *meaning;      /* what it tells about this failure and what to change, our words */
} sipdiag_warncode_t;

extern const sipdiag_warncode_t sipdiag_warncodes[];
extern const size_t sipdiag_warncodes_count;

/* The registered warn-code, or NULL. */
const sipdiag_warncode_t *sipdiag_warncode_find(long code);

/* Warn-codes vendors use outside the registry (Kamailio's 392), with the
 * vendor document as reference; a well-formed code in neither table is an
 * unknown value, not a malformed header. */
extern const sipdiag_warncode_t sipdiag_vendor_warncodes[];
extern const size_t sipdiag_vendor_warncodes_count;

/* The vendor warn-code, or NULL. */
const sipdiag_warncode_t *sipdiag_vendor_warncode_find(long code);

#endif /* SIPDIAG_WARNCODES_H */

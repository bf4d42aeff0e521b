/* vendorhdr.h
 * Vendors' own diagnostic headers, decoded where they appear (a failure
 * response, or the BYE or CANCEL that ends a call): Microsoft's
 * ms-diagnostics and ms-diagnostics-public ([MS-OCER]), Asterisk's
 * X-Asterisk-HangupCause and X-Asterisk-HangupCauseCode.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_VENDORHDR_H
#define SIPDIAG_VENDORHDR_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "hdrparse.h"

typedef enum {
    SIPDIAG_VENDOR_MS_DIAGNOSTICS,
    SIPDIAG_VENDOR_ASTERISK_CAUSE,
    SIPDIAG_VENDOR_ASTERISK_CODE
} sipdiag_vendor_header_t;

/* Registers the fields under the protocol. */
void sipdiag_vendorhdr_register(int proto);

/* Adds the decoded header under tree; a value that cannot be read, or lies
 * outside its range, raises sipdiag.expert.bad_header on the item. Returns
 * the item. */
proto_item *sipdiag_vendorhdr_render(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb,
                                     sipdiag_vendor_header_t which, sipdiag_span_t value);

#endif /* SIPDIAG_VENDORHDR_H */

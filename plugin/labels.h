/* labels.h
 * String items whose lines fit Wireshark's label limit (240 bytes; longer
 * ones are cut and marked "[truncated]"), while the field keeps its whole
 * value for -T fields, filters and columns.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_LABELS_H
#define SIPDIAG_LABELS_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "codes.h"

/* Registers the continuation field and subtree under the protocol. */
void sipdiag_labels_register(int proto);

/* One of sipdiag's own texts (a description, a fix): when its line would be
 * too long, the line shows the first sentences and a subtree the rest, a
 * whole sentence (or clause) per line. The item is marked generated. */
proto_item *sipdiag_label_add_text(proto_tree *tree, packet_info *pinfo, int hf, tvbuff_t *tvb, int start,
                                   int length, const char *text);

/* A value from the wire (a reason phrase, a header value): when its line
 * would be too long, the line shows its start and how long it is; nobody
 * reads a 65,000-byte phrase line by line. The item is marked generated. */
proto_item *sipdiag_label_add_wire(proto_tree *tree, int hf, tvbuff_t *tvb, int start, int length,
                                   const char *value);

/* Our severity scale onto Wireshark's expert severities (PI_CHAT ... PI_ERROR). */
int sipdiag_pi_severity(sipdiag_severity_t severity);

/* Items sipdiag adds from its own findings (not bytes of the packet):
 * added and marked generated in one call. */
proto_item *sipdiag_gen_uint(proto_tree *tree, int hf, tvbuff_t *tvb, int start, int length, uint32_t value);
proto_item *sipdiag_gen_string(proto_tree *tree, int hf, tvbuff_t *tvb, int start, int length, const char *value);
proto_item *sipdiag_gen_boolean(proto_tree *tree, int hf, tvbuff_t *tvb, int start, int length, uint64_t value);

/* A relative time of ns nanoseconds (>= 0; a negative one adds nothing). */
proto_item *sipdiag_gen_time(proto_tree *tree, int hf, tvbuff_t *tvb, int64_t ns);

#endif /* SIPDIAG_LABELS_H */

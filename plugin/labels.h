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

#endif /* SIPDIAG_LABELS_H */

/* ending.h
 * Why a call ended: a BYE or CANCEL that carries a Reason header (Q.850,
 * SIP, 3GPP, RFC 4411, FreeSWITCH names) or a vendor's hangup header gets
 * a "Why the call ended" subtree, sipdiag.expert.call_ended, and a line in
 * the statistics. Decided on the first pass, shown on every pass.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_ENDING_H
#define SIPDIAG_ENDING_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "sipmsg.h"

/* Creates the per-file state; call once at registration. */
void sipdiag_ending_init(void);

/* Registers the fields, subtree and expert items under the protocol. */
void sipdiag_ending_register(int proto, expert_module_t *module);

/* First pass: request m in this frame (anything but a BYE or CANCEL with
 * something to say is ignored). */
void sipdiag_ending_request(packet_info *pinfo, const sipdiag_msginfo_t *m);

/* Every pass: what this frame's BYE or CANCEL says. */
void sipdiag_ending_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool items_seen);

#endif /* SIPDIAG_ENDING_H */

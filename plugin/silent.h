/* silent.h
 * Failures that leave no error response: a request nobody answered, a 2xx
 * whose ACK never came, a challenge never answered, password guessing, a
 * retry before Retry-After, an ICMP error that killed a request. The
 * decisions are silentrules.c's; this file keeps the timers and per-source
 * counters (first pass), and shows each finding where it belongs: in one
 * pass on the frame at which it became known, with two passes (-2, the GUI)
 * on the frame it concerns.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_SILENT_H
#define SIPDIAG_SILENT_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "context.h"
#include "sipmsg.h"
#include "txnstate.h"

/* Creates the per-file state; call once at registration. */
void sipdiag_silent_init(void);

/* Registers the expert items under the protocol. */
void sipdiag_silent_register(int proto, expert_module_t *module);

/* First pass, every SIP frame, after sipdiag_txnstate_frame(): runs the
 * timers whose time has come (their findings land on this frame). */
void sipdiag_silent_frame(packet_info *pinfo);

/* First pass: a new request transaction t (not an ACK), or its request sent
 * again on path. */
void sipdiag_silent_request(packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_txn_t *t, bool is_new,
                            sipdiag_path_t path);

/* First pass: a response of transaction t (NULL: its request is not in the
 * capture) with its context decided; retry_after in seconds or -1. */
void sipdiag_silent_response(packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_txn_t *t, int code,
                             const sipdiag_context_t *ctx, long retry_after);

/* First pass: a CANCEL for INVITE transaction `invite` came. */
void sipdiag_silent_cancelled(sipdiag_txn_t *invite);

/* First pass: the ACK in this frame acknowledged the final response in frame `answer`. */
void sipdiag_silent_acked(uint32_t answer);

/* First pass: an ICMP or ICMPv6 destination-unreachable (type, code) in this
 * frame quotes message m (which may be cut short), which was going `to`. */
void sipdiag_silent_icmp(packet_info *pinfo, const sipdiag_msginfo_t *m, bool v6, unsigned type, unsigned code,
                         const char *to);

/* Every pass: the findings this frame shows, as items under tree. */
void sipdiag_silent_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool items_seen);

#endif /* SIPDIAG_SILENT_H */

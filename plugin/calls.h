/* calls.h
 * What happened to each call: one verdict per INVITE dialog (Call-ID and
 * the caller's From tag), judged on the hop nearest the caller (the first
 * INVITE of the Call-ID in the capture), with its setup delay and duration;
 * the registrations' attempts; the RFC 6076 figures in the statistics.
 * The decisions from codes are callrules.c's. First pass: the state, freed
 * when the verdict is final and no message of the call can still matter;
 * what the later passes show is kept per frame.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_CALLS_H
#define SIPDIAG_CALLS_H

#include <epan/packet.h>

#include "context.h"
#include "sipmsg.h"
#include "txnstate.h"

/* Creates the per-file state; call once at registration. */
void sipdiag_calls_init(void);

/* Registers the fields and subtree under the protocol. */
void sipdiag_calls_register(int proto);

/* First pass, every SIP frame, after the frame's messages: runs the call
 * timers whose time has come. */
void sipdiag_calls_frame(packet_info *pinfo);

/* First pass: request m (not an ACK); is_new is false for a retransmission
 * or a copy on another link. */
void sipdiag_calls_request(packet_info *pinfo, const sipdiag_msginfo_t *m, bool is_new);

/* First pass: response m with its context decided. */
void sipdiag_calls_response(packet_info *pinfo, const sipdiag_msginfo_t *m, int code, const sipdiag_context_t *ctx);

/* First pass: ACK m acknowledged a final response with this code. */
void sipdiag_calls_acked(packet_info *pinfo, const sipdiag_msginfo_t *m, int code);

/* Every pass: the verdicts and figures this frame shows. */
void sipdiag_calls_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool items_seen);

#endif /* SIPDIAG_CALLS_H */

/* context.h
 * The transaction and dialog around a response: which request it answers,
 * whether a CANCEL, a crossing BYE or earlier credentials explain it, and
 * whether it is a retransmission. State lives in wmem file scope and is only
 * built on the first pass, so every later dissection of a frame, in any
 * order, shows what the first pass concluded.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_CONTEXT_H
#define SIPDIAG_CONTEXT_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "ctxrules.h"
#include "sipmsg.h"
#include "txnstate.h"

typedef struct {
    sipdiag_ctx_kind_t kind;
    uint32_t request_frame;   /* 0 when the request is not in the capture */
    uint32_t related_frame;   /* the CANCEL, the other BYE, or the original response (or copy) */
    uint32_t ack_frame;       /* the ACK of a final response to INVITE (later passes only) */
    bool in_dialog;           /* the request carried a To tag */
    bool offer_t38_only;      /* a refused offer (415, 488, 606) held only T.38 (image) media */
    const char *realm;        /* realm of the rejected credentials (file scope) */
    const char *user;         /* their username (file scope), or NULL */
    const char *offered;      /* media formats the request's SDP offered (file scope), or NULL */
} sipdiag_context_t;

/* Creates the per-file maps; call once at registration. */
void sipdiag_context_init(void);

/* Registers the context fields and expert items under the protocol. */
void sipdiag_context_register(int proto, expert_module_t *module);

/* First pass only: remember a request seen in this frame (path:
 * sipdiag_path_of(pinfo)). True when it starts a transaction (not a
 * retransmission nor a copy on another link). */
bool sipdiag_context_request(packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_path_t path);

/* First pass only: an ACK seen in this frame. Its final response (same
 * branch for a non-2xx, RFC 3261 §17.1.1.3; the dialog and CSeq number for
 * a 2xx, §13.2.2.4) is told, for later passes to show. */
void sipdiag_context_ack(packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_path_t path);

/* First pass only: the context of a response with this code and reason
 * phrase; returns its transaction, NULL when its request is not captured. */
sipdiag_txn_t *sipdiag_context_response(packet_info *pinfo, const sipdiag_msginfo_t *m, int code, sipdiag_span_t phrase,
                              sipdiag_path_t path, sipdiag_context_t *out);

/* True for a response counted in the statistics: not a retransmission nor a capture duplicate. */
bool sipdiag_context_counted(const sipdiag_context_t *ctx);

/* True when the context replaces the code's own expert item (and severity). */
bool sipdiag_context_overrides(const sipdiag_context_t *ctx);

/* The context's severity (sipdiag_severity_t) when it overrides the code's. */
int sipdiag_context_severity(const sipdiag_context_t *ctx);

/* Adds the context fields to the response's subtree and, when the context
 * overrides the code and experts is set, its own expert item on ti (which is
 * NULL in a pass without a tree, e.g. the taps of -z expert): "<code>
 * <phrase>: <summary><evidence>", phrase being the registered one or the
 * one sent, evidence the Reason words or "". */
void sipdiag_context_render(proto_tree *tree, packet_info *pinfo, proto_item *ti, bool experts, tvbuff_t *tvb,
                            int code, const char *method, const char *phrase, const char *evidence,
                            const sipdiag_context_t *ctx);

#endif /* SIPDIAG_CONTEXT_H */

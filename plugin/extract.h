/* extract.h
 * The only reader of the SIP dissector's fields: finds every SIP response in
 * a frame's tree and returns it as plain data.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_EXTRACT_H
#define SIPDIAG_EXTRACT_H

#include <epan/packet.h>

/* One SIP message found in the frame, in the order it was dissected. */
typedef struct {
    bool is_response;
    int code;              /* sip.Status-Code, or -1 when the status line has no 3-digit code */
    bool malformed;        /* a status line the SIP dissector rejected */
    const char *line;      /* the status line's bytes as sent (in the tvb; NUL bytes and all) */
    size_t line_len;
    tvbuff_t *tvb;         /* where the message is */
    int start;             /* the status line, for byte highlighting */
    int length;
    int msg_start;         /* the whole message */
    int msg_length;
    bool cut;              /* the capture (snaplen) ends inside the message */
    bool line_cut;         /* ... already inside its status line */
} sipdiag_response_t;

/* Resolves the SIP field ids by name; call from the handoff. */
void sipdiag_extract_init(void);

/* The field ids a post-dissector must ask Wireshark to keep (caller owns). */
GArray *sipdiag_extract_wanted_hfids(void);

/* What sipdiag_extract_responses found out about a frame. */
typedef enum {
    SIPDIAG_EXTRACT_NO_SIP,       /* no SIP message and no undissected payload: most of a capture */
    SIPDIAG_EXTRACT_UNREADABLE,   /* there may be SIP, but this tree cannot tell (no tree, or
                                     fields neither primed nor visible) */
    SIPDIAG_EXTRACT_READ          /* *out and *count hold the frame's messages */
} sipdiag_extract_t;

/* Call right after sipdiag_extract_responses() for the same frame.
 * True when this frame's SIP (its first message m) is quoted by an ICMP or
 * ICMPv6 error (RFC 792, RFC 4443): it was not sent, it is what bounced.
 * *v6, *type, *code tell the ICMP header in front of the quoted datagram
 * (type 0 when its bytes do not fit the layout), *to where the quoted datagram
 * was going ("192.0.2.1:5060", pinfo->pool). */
bool sipdiag_extract_icmp(packet_info *pinfo, const sipdiag_response_t *m, bool *v6, unsigned *type, unsigned *code,
                          const char **to);

/* Fills *out (pinfo->pool) with the frame's *count messages. */
sipdiag_extract_t sipdiag_extract_responses(proto_tree *tree, packet_info *pinfo, sipdiag_response_t **out,
                                            unsigned *count);

#endif /* SIPDIAG_EXTRACT_H */

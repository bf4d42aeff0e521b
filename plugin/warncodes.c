/* warncodes.c
 * The warn-codes of the IANA "Warning Codes (warn-codes)" registry with sipdiag's explanations.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "warncodes.h"

/* Every registered warn-code, ascending, each once. The text is the registered description's name,
 * the part before the colon. 3xx codes concern the session description; 399 is free text. */
const sipdiag_warncode_t sipdiag_warncodes[] = {
    { .code = 300, .text = "Incompatible network protocol", .reference = "RFC 3261 §20.43",
      .meaning = "The far end cannot use a network type named in the SDP (the c= and o= lines); in "
                 "practice anything but IN. Send a session description that uses the Internet network "
                 "type." },
    { .code = 301, .text = "Incompatible network address formats", .reference = "RFC 3261 §20.43",
      .meaning = "The SDP offers an address type the far end cannot use, usually IPv6 towards an "
                 "IPv4-only device or the reverse. Offer the other address family, or let an SBC "
                 "translate." },
    { .code = 302, .text = "Incompatible transport protocol", .reference = "RFC 3261 §20.43",
      .meaning = "A media transport in an m= line (such as RTP/SAVP, RTP/AVPF or UDP/TLS/RTP/SAVPF) is "
                 "not available there. Align the SRTP and DTLS settings of both sides, or offer plain "
                 "RTP/AVP." },
    { .code = 303, .text = "Incompatible bandwidth units", .reference = "RFC 3261 §20.43",
      .meaning = "A b= line uses a bandwidth modifier the far end does not understand (for example TIAS). "
                 "Remove that line or use the AS modifier." },
    { .code = 304, .text = "Media type not available", .reference = "RFC 3261 §20.43",
      .meaning = "A media type in the offer (audio, video, or image for T.38 fax) is not supported there. "
                 "Drop that stream or set its port to 0; for fax, check T.38 support on both sides." },
    { .code = 305, .text = "Incompatible media format", .reference = "RFC 3261 §20.43",
      .meaning = "None of the codecs offered for a stream can be used by the far end. Align the codec "
                 "lists (G.711 is the usual common ground) and check the payload type numbers of dynamic "
                 "codecs." },
    { .code = 306, .text = "Attribute not understood", .reference = "RFC 3261 §20.43",
      .meaning = "An a= attribute of the SDP is not supported by the far end. Find which one it objects "
                 "to, often crypto, ICE or a vendor extension, and stop sending it or make it optional." },
    { .code = 307, .text = "Session description parameter not understood", .reference = "RFC 3261 §20.43",
      .meaning = "Some other part of the SDP was not understood. Check the SDP syntax and remove unusual "
                 "or vendor-specific lines." },
    { .code = 308, .text = "Incompatible language specification", .reference = "RFC 8373",
      .meaning = "None of the languages asked for in the SDP (hlang-send, hlang-recv) can be served; the "
                 "warning text lists the languages and media that can. Offer one of those, or mark the "
                 "language preference as optional." },
    { .code = 330, .text = "Multicast not available", .reference = "RFC 3261 §20.43",
      .meaning = "The callee's site cannot receive multicast media. Send a session description with "
                 "unicast addresses." },
    { .code = 331, .text = "Unicast not available", .reference = "RFC 3261 §20.43",
      .meaning = "The callee's site cannot take unicast media, usually because a firewall lets only "
                 "multicast through. Use multicast, or have the firewall opened for the media." },
    { .code = 370, .text = "Insufficient bandwidth", .reference = "RFC 3261 §20.43",
      .meaning = "The bandwidth the SDP asks for, or the chosen codecs need, is more than the far end "
                 "knows it has. Lower the b= values or choose a codec with a lower bit rate, and check "
                 "call admission limits on the path." },
    { .code = 380, .text = "SIPS Not Allowed", .reference = "RFC 5630",
      .meaning = "The server will not handle this request with a SIPS URI, for example because the target "
                 "has no SIPS contact registered. Retry with a sip: URI, or register a sips: contact." },
    { .code = 381, .text = "SIPS Required", .reference = "RFC 5630",
      .meaning = "The server only handles this request with a SIPS URI. Resend it to a sips: URI, which "
                 "needs TLS on every hop." },
    { .code = 399, .text = "Miscellaneous warning", .reference = "RFC 3261 §20.43",
      .meaning = "Free text for a person or a log; the receiver must not act on it automatically. Read "
                 "the text: vendors put their own diagnosis there." },
};

const size_t sipdiag_warncodes_count = sizeof(sipdiag_warncodes) / sizeof(sipdiag_warncodes[0]);

/* A linear search: the registry has 15 codes, so an index would save nothing worth its upkeep. */
static const sipdiag_warncode_t *
find_in(const sipdiag_warncode_t *table, size_t count, long code)
{
    for (size_t i = 0; i < count; i++) {
        if (table[i].code == code)
            return &table[i];
    }
    return NULL;
}

const sipdiag_warncode_t *
sipdiag_warncode_find(long code)
{
    return find_in(sipdiag_warncodes, sipdiag_warncodes_count, code);
}

const sipdiag_warncode_t sipdiag_vendor_warncodes[] = {
    { .code = 392, .text = "Noisy feedback (Kamailio, SER)", .reference = "Kamailio core parameter sip_warning",
      .meaning = "A debug aid, not a failure: Kamailio or SER with sip_warning on reports what it did with the "
                 "request — its process, where the request came from (req_src_ip, req_src_port), the "
                 "Request-URI it got (in_uri) and where it sent it (out_uri). Read out_uri to see the next "
                 "hop it chose." },
};

const size_t sipdiag_vendor_warncodes_count = sizeof(sipdiag_vendor_warncodes) / sizeof(sipdiag_vendor_warncodes[0]);

const sipdiag_warncode_t *
sipdiag_vendor_warncode_find(long code)
{
    return find_in(sipdiag_vendor_warncodes, sipdiag_vendor_warncodes_count, code);
}


/* q850.c
 * ITU-T Q.850 cause values with sipdiag's explanations, the cause to SIP status mapping of
 * RFC 3398 §7.2.4.1, and a lookup by cause that needs no initialisation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "q850.h"

/* Values of the RFC 3398 column that are not status codes. */
#define RFC3398_NONE     (-1) /* the table gives no response: the cause clears the call with BYE or CANCEL */
#define RFC3398_UNLISTED (-2) /* the cause is not in the table */

/* RFC 3398's table maps only the causes given a status below. For the others q850.h promises 500
 * (Server Internal Error), the generic failure a gateway answers when it has no specific mapping. */
#define Q850_UNLISTED_SIP 500

/* Every cause value Q.850 defines, ascending, each once: X(cause, RFC 3398 §7.2.4.1 status, Q.850 name,
 * meaning, fix). Values and names follow Wireshark's q850_cause_code_vals (epan/dissectors/packet-isup.c);
 * the explanations are sipdiag's. The list is expanded three times below: into the table, into the index
 * from cause to row, and into the expected SIP status per row, so each cause is written once. A cause
 * written twice fails to compile (duplicate enumerator). */
#define SIPDIAG_Q850_ROWS(X)                                                                                 \
    /* Normal class (causes 1 to 31). */                                                                     \
    X(1, 404, "Unallocated (unassigned) number",                                                             \
      "The number is well formed but nobody holds it in the network that released the call, so the call "    \
      "failed in routing, before any phone was offered it.",                                                 \
      "Check the number as sent in the Request-URI (prefixes, country code, digits your dial plan "          \
      "strips) and whether the carrier has that number or range provisioned, e.g. a DID assigned or "        \
      "ported only recently.")                                                                               \
    X(2, 404, "No route to specified transit network",                                                       \
      "The call asked to be carried by a particular transit network (carrier selection) that the "           \
      "releasing switch does not know or does not serve.",                                                   \
      "Check any carrier-selection prefix or transit-network parameter your gateway adds, and whether "      \
      "this trunk may use that carrier at all.")                                                             \
    X(3, 404, "No route to destination",                                                                     \
      "The network the call reached has no route towards the called number, typically a destination or "     \
      "number range that this carrier does not serve.",                                                      \
      "Check which outbound route your platform picked for this prefix and whether that trunk provider "     \
      "covers the destination (international, premium rate, short codes).")                                  \
    X(4, RFC3398_UNLISTED, "Send special information tone",                                                  \
      "The network reports a lasting reason why the callee cannot be reached and asks for the three-tone "   \
      "intercept signal (special information tone) to be played to the caller.",                             \
      "Treat the number as out of service for now: listen to any early-media announcement and confirm "      \
      "the number with the callee or the carrier.")                                                          \
    X(5, RFC3398_UNLISTED, "Misdialled trunk prefix",                                                        \
      "The called number still carries a national trunk prefix (such as a leading 0) that should have "      \
      "been removed before the number entered the network.",                                                 \
      "Fix the number normalisation in the dial plan or gateway so numbers leave in E.164 or in the "        \
      "format the trunk expects, without the trunk prefix.")                                                 \
    X(6, RFC3398_UNLISTED, "Channel unacceptable",                                                           \
      "The B-channel or circuit the other side proposed cannot be used by the sender of this cause: an "     \
      "interface problem between two ISDN devices, not a problem of the callee.",                            \
      "Look at channel selection on the PRI or BRI between gateway and PBX or carrier: exclusive or "        \
      "preferred channels, channel numbering, and which side picks the channel.")                            \
    X(7, RFC3398_UNLISTED, "Call awarded and being delivered in an established channel",                     \
      "An ISDN cause saying the incoming call was joined to a channel already set up for similar calls "     \
      "(packet-mode style); as the reason for a failed voice call it is unusual.",                           \
      "Usually nothing to change in SIP; if calls fail with it, trace the ISDN side of the gateway to "      \
      "see which device sent it.")                                                                           \
    X(8, RFC3398_UNLISTED, "Preemption",                                                                     \
      "The call was cleared or refused because a call of higher precedence (MLPP or emergency priority) "    \
      "took its resources.",                                                                                 \
      "Expected in networks that run priority calling; otherwise check precedence settings and whether "     \
      "the trunk has enough capacity.")                                                                      \
    X(9, RFC3398_UNLISTED, "Preemption - circuit reserved for reuse",                                        \
      "As cause 8, the call lost its circuit to a call of higher precedence, and the freed circuit is "      \
      "being kept for that call.",                                                                           \
      "As for cause 8: check precedence levels and trunk capacity if this is not a priority-calling "        \
      "network.")                                                                                            \
    X(14, RFC3398_UNLISTED, "QoR: ported number",                                                            \
      "Query on release in number portability: the number has been ported to another network, and the "      \
      "exchange that released the call tells the previous one to look up the new network and route "         \
      "again.",                                                                                              \
      "A gateway that receives it should re-route after a portability lookup rather than fail; if calls "    \
      "fail, check that your number-portability data or the carrier's routing for this number is "           \
      "current.")                                                                                            \
    X(16, RFC3398_NONE, "Normal call clearing",                                                              \
      "One of the parties hung up in the ordinary way; in SIP this corresponds to a BYE or CANCEL, not "     \
      "to an error response.",                                                                               \
      "Nothing to fix. Found in a Reason header of an error response, it means the far side used it "        \
      "loosely: rely on the status code and the other headers instead.")                                     \
    X(17, 486, "User busy",                                                                                  \
      "The called user or their equipment cannot take another call now; the busy state is at the "           \
      "callee's side, not in the network.",                                                                  \
      "Nothing to fix in the network; if the callee was in fact idle, check per-line or per-trunk call "     \
      "limits and call-waiting settings on the callee's PBX or account.")                                    \
    X(18, 408, "No user responding",                                                                         \
      "The called equipment did not confirm the call in time: neither alerting nor an answer came back, "    \
      "as with a phone that is switched off, unplugged or unreachable behind NAT.",                          \
      "Check that the callee's device is reachable: its registration, NAT keep-alives, and whether the "     \
      "INVITE actually arrived there.")                                                                      \
    X(19, 480, "No answer from user (user alerted)",                                                         \
      "The called phone rang but nobody answered before a no-answer timer in the PBX or the network "        \
      "expired.",                                                                                            \
      "Nothing to fix unless the ring time is too short: compare the time from ringing to release with "     \
      "the no-answer timeout and the forwarding to voicemail.")                                              \
    X(20, 480, "Subscriber absent",                                                                          \
      "The called subscriber cannot be reached at the moment, for example a mobile phone switched off or "   \
      "out of coverage, or a SIP user with no current registration.",                                        \
      "Try later; for your own users, check that the device is registered and that its registration has "    \
      "not lapsed.")                                                                                         \
    X(21, 403, "Call rejected",                                                                              \
      "The destination, or a service acting for it, refused the call even though it could have taken it, "   \
      "e.g. call barring, anonymous-call rejection or a screening list.",                                    \
      "Check caller ID presentation, privacy settings and blocking rules at the called side. RFC 3398 "      \
      "allows 603 instead of 403 when the cause location says the user rejected the call.")                  \
    X(22, 410, "Number changed",                                                                             \
      "The called number is no longer in use; the cause's diagnostic field may carry the new number.",       \
      "Update the number in contacts or routing. When the new number is known RFC 3398 maps this cause "     \
      "to 301 with a Contact instead of 410.")                                                               \
    X(23, 410, "Redirection to new destination",                                                             \
      "The network sent the call to another destination instead of completing it to the dialled number.",    \
      "Check where the call was redirected (History-Info or Diversion headers) and whether your side "       \
      "follows such redirections.")                                                                          \
    X(24, RFC3398_UNLISTED, "Call rejected due to feature at the destination",                               \
      "A feature at the called side, such as anonymous-call rejection or do-not-disturb, turned the call "   \
      "away.",                                                                                               \
      "Send a caller ID the callee accepts (no anonymous or withheld presentation), or ask the callee to "   \
      "lift the feature.")                                                                                   \
    X(25, RFC3398_UNLISTED, "Exchange routing error",                                                        \
      "An exchange could not route the call onwards, often because of a routing loop or a hop counter "      \
      "that ran out in the PSTN.",                                                                           \
      "Look for loops between your platform and your carriers (calls forwarded back and forth) and check "   \
      "the route configured for this prefix.")                                                               \
    /* ANSI T1.113 uses 26 for "misrouted call to a ported number", which is why RFC 3398 maps it to 404. */  \
    X(26, 404, "Non-selected user clearing",                                                                 \
      "In ITU-T networks: the call was offered to several terminals at once and another one took it, so "    \
      "this branch was released. In North American (ANSI) networks the same value means a call misrouted "   \
      "to a number that was ported away, the reason RFC 3398 maps it to 404.",                               \
      "On an ITU-T network nothing to fix: a parallel ring was lost. On North American calls, route with a "  \
      "number-portability lookup (LRN) before sending the call.")                                            \
    X(27, 502, "Destination out of order",                                                                   \
      "Signalling could not be delivered to the destination because the link to it is down, e.g. a PBX "     \
      "trunk out of service or the callee's equipment offline.",                                             \
      "Check the link towards the destination at the network that released the call: trunk status, PRI "     \
      "layers 1 and 2, or the health of the SIP peer.")                                                      \
    X(28, 484, "Invalid number format (address incomplete)",                                                 \
      "The called number is in an invalid format or has too few digits, as judged by the network that "      \
      "released the call.",                                                                                  \
      "Check the number format: nature of address or numbering plan, a missing country or area code, "       \
      "digits lost in overlap or en-bloc sending.")                                                          \
    /* RFC 3398's table prints "510 Not implemented" for 29: a typo for 501, the code it names. */         \
    X(29, 501, "Facility rejected",                                                                          \
      "A supplementary service requested with the call was refused by the network.",                         \
      "Find which service was requested (in the ISUP or ISDN parameters or the SIP headers) and drop the "   \
      "request or have it provisioned.")                                                                     \
    X(30, RFC3398_UNLISTED, "Response to STATUS ENQUIRY",                                                    \
      "Not a release reason: it is the cause an ISDN STATUS message carries when it answers a status "       \
      "enquiry.",                                                                                            \
      "If it shows up as the reason a call failed, trace the ISDN signalling at the gateway: a device "      \
      "treated a status exchange as a release.")                                                             \
    X(31, 480, "Normal unspecified",                                                                         \
      "A normal-class event with no more specific cause; many switches use it as a catch-all for calls "     \
      "that ended or failed without a better code.",                                                         \
      "Look for other clues (status code, Warning header, timing); if it keeps happening, ask the "          \
      "carrier for their internal reason.")                                                                  \
    /* Resource unavailable class (causes 32 to 47). */                                                      \
    /* 33 is not an ITU-T Q.850 value: it comes from older national ISUP variants (it is in Wireshark's      \
     * q850_cause_code_vals) and is kept, flagged as such, so a Reason carrying it is still explained. */  \
    X(33, RFC3398_UNLISTED, "Circuit out of order",                                                          \
      "Not an ITU-T Q.850 value (older national ISUP variants): the circuit meant for the call is out of "   \
      "service, so the call could not use it.",                                                              \
      "Check the state of the circuits or trunk group on the gateway or with the carrier.")                  \
    X(34, 503, "No circuit/channel available",                                                               \
      "No free circuit or channel was left on the route for this call: a capacity problem in the network "   \
      "or on your own trunk.",                                                                               \
      "Check channel use against the limits of the trunk (concurrent calls, PRI channels, licences) and "    \
      "whether another route can take the overflow.")                                                        \
    X(38, 503, "Network out of order",                                                                       \
      "The releasing network reports a fault it expects to persist; an immediate retry over the same "       \
      "route is unlikely to work.",                                                                          \
      "Report it to the carrier and route over another provider if you have one.")                           \
    X(39, RFC3398_UNLISTED, "Permanent frame mode connection out of service",                                \
      "A status report that a permanent frame-mode connection is down; it belongs to frame-mode data "       \
      "service and is rare in voice calls.",                                                                 \
      "Check the data connection the device reports; it has little to do with SIP.")                         \
    X(40, RFC3398_UNLISTED, "Permanent frame mode connection operational",                                   \
      "A status report that a permanent frame-mode connection works again; it is not a failure.",            \
      "Nothing to fix.")                                                                                     \
    X(41, 503, "Temporary failure",                                                                          \
      "An element in the network is not working correctly, but the fault should be short-lived, so a new "   \
      "attempt soon may succeed.",                                                                           \
      "Retry; if it persists, ask the releasing network which element failed, and check the load on your "   \
      "own gateway or SBC.")                                                                                 \
    X(42, 503, "Switching equipment congestion",                                                             \
      "The switch that sent this cause is overloaded.",                                                      \
      "Retry later or use another route; if your own gateway or SBC sent it, check its CPU load and "        \
      "call-rate limits.")                                                                                   \
    X(43, RFC3398_UNLISTED, "Access information discarded",                                                  \
      "The call could go on, but some access information (user-to-user data, compatibility information, "    \
      "a subaddress) could not be delivered to the far end.",                                                \
      "The diagnostic names what was dropped; for ordinary voice calls this is usually harmless.")           \
    X(44, RFC3398_UNLISTED, "Requested circuit/channel not available",                                       \
      "The far side of the interface cannot give the call the specific circuit or channel that was "         \
      "requested.",                                                                                          \
      "Check that both ends of the trunk agree on channel states (blocked or out-of-service channels) "      \
      "and on channel selection.")                                                                           \
    X(46, RFC3398_UNLISTED, "Precedence call blocked",                                                       \
      "No circuit could be pre-empted for a priority call, or the callee is busy with a call of equal or "   \
      "higher precedence.",                                                                                  \
      "Only relevant in networks with priority calling: check precedence levels and trunk capacity.")        \
    X(47, 503, "Resources unavailable, unspecified",                                                         \
      "A resource the call needed (a circuit, a DSP or media port, memory) was missing, with no more "       \
      "specific cause.",                                                                                     \
      "Check media resources on the gateway or SBC (transcoding and DSP channels, RTP port ranges) and "     \
      "the carrier's capacity.")                                                                             \
    /* Service or option not available class (causes 48 to 63). */                                           \
    X(49, RFC3398_UNLISTED, "Quality of service unavailable",                                                \
      "The network cannot deliver the quality of service the call requested.",                               \
      "Check the bandwidth or QoS parameters the call requests and what the path can offer.")                \
    X(50, RFC3398_UNLISTED, "Requested facility not subscribed",                                             \
      "The call asked for a supplementary service that the caller's subscription does not include.",         \
      "Have the service enabled on the account, or stop requesting it.")                                     \
    X(53, RFC3398_UNLISTED, "Outgoing calls barred within CUG",                                              \
      "The caller belongs to a closed user group whose members may not make this outgoing call.",            \
      "Check the caller's closed-user-group settings and outgoing call barring.")                            \
    X(55, 403, "Incoming calls barred within CUG",                                                           \
      "The called party belongs to a closed user group that does not accept this incoming call.",            \
      "Check closed-user-group membership and incoming call barring at the called side.")                    \
    /* 56 is not an ITU-T Q.850 value either (national ISDN variants; in Wireshark's table). */            \
    X(56, RFC3398_UNLISTED, "Call waiting not subscribed",                                                   \
      "Not an ITU-T Q.850 value (national ISDN variants): the callee is on another call and a waiting call "  \
      "could not be offered because call waiting is not "                                                     \
      "part of the callee's subscription.",                                                                  \
      "Nothing to fix on the calling side; the callee can subscribe to call waiting.")                       \
    X(57, 403, "Bearer capability not authorized",                                                           \
      "The caller asked for a bearer service (e.g. unrestricted digital data or video) that it is not "      \
      "allowed to use.",                                                                                     \
      "Check the bearer capability the gateway signals (speech, 3.1 kHz audio or 64 kbit/s data) and "       \
      "what the subscription allows.")                                                                       \
    X(58, 503, "Bearer capability not presently available",                                                  \
      "The requested bearer service exists but cannot be provided right now.",                               \
      "Retry later, or fall back to a plainer bearer such as speech.")                                       \
    X(62, RFC3398_UNLISTED, "Inconsistency in designated outgoing access information and subscriber "        \
      "class",                                                                                               \
      "The closed-user-group outgoing-access settings of the call conflict with the subscriber's class.",    \
      "Check the closed-user-group and outgoing-access provisioning of the calling subscriber.")             \
    X(63, RFC3398_UNLISTED, "Service or option not available, unspecified",                                  \
      "A service or option the call needed is not available, with no more specific cause.",                  \
      "Look at what the call requests beyond a plain voice call (features, bearer, media) and remove it "    \
      "or have it enabled.")                                                                                 \
    /* Service or option not implemented class (causes 64 to 79). */                                         \
    X(65, 488, "Bearer capability not implemented",                                                          \
      "The equipment does not support the requested bearer service at all, e.g. a data or video call "       \
      "towards a voice-only destination.",                                                                   \
      "Offer media the far end supports: in SIP check the SDP media types and codecs, in ISDN the bearer "   \
      "capability.")                                                                                         \
    X(66, RFC3398_UNLISTED, "Channel type not implemented",                                                  \
      "The channel type asked for is one this equipment cannot handle.",                                     \
      "Check the channel type the gateway asks for on the ISDN interface.")                                  \
    X(69, RFC3398_UNLISTED, "Requested facility not implemented",                                            \
      "The supplementary service asked for is not built into the equipment that refused it.",                \
      "Stop requesting the service towards this destination, or route the call where it is supported.")      \
    X(70, 488, "Only restricted digital information bearer capability is available",                         \
      "The path can only carry restricted digital information (56 kbit/s), not the bearer the call asked "   \
      "for.",                                                                                                \
      "Use a speech bearer, or a restricted data rate for data calls.")                                      \
    X(79, 501, "Service or option not implemented, unspecified",                                             \
      "A service or option the call needs is not implemented by the equipment, with no more specific "       \
      "cause.",                                                                                              \
      "Look at what the call requests beyond a plain voice call and remove it, or route the call "           \
      "elsewhere.")                                                                                          \
    /* Invalid message class (causes 80 to 95). */                                                           \
    X(81, RFC3398_UNLISTED, "Invalid call reference value",                                                  \
      "An ISDN message referred to a call the receiving side does not know on this interface: the two "      \
      "sides disagree about which calls exist.",                                                             \
      "Check the ISDN layer 3 between gateway and PBX or carrier; restarting the interface "                 \
      "resynchronises the call state.")                                                                      \
    X(82, RFC3398_UNLISTED, "Identified channel does not exist",                                             \
      "A message pointed at a channel number the interface does not have.",                                  \
      "Check the channel numbering and the number of channels configured on both ends of the ISDN "          \
      "interface.")                                                                                          \
    X(83, RFC3398_UNLISTED, "Call identity does not exist for suspended call",                               \
      "A request to resume a suspended call named a call identity that does not match any suspended "        \
      "call.",                                                                                               \
      "Relevant only to ISDN call suspend and resume; check the terminal that sent the resume.")             \
    X(84, RFC3398_UNLISTED, "Call identity in use",                                                          \
      "A request to suspend a call used a call identity that is already taken by another suspended call.",   \
      "Relevant only to ISDN call suspend; the terminal should suspend with another identity.")              \
    X(85, RFC3398_UNLISTED, "No call suspended",                                                             \
      "A request to resume a call arrived, but no call is suspended on the interface.",                      \
      "Relevant only to ISDN call suspend and resume; check the terminal that sent the resume.")             \
    X(86, RFC3398_UNLISTED, "Call having the requested call identity has been cleared",                      \
      "The suspended call that a resume request named was cleared in the meantime.",                         \
      "Relevant only to ISDN call suspend and resume; the call is gone and has to be made again.")           \
    X(87, 403, "Called user not member of CUG",                                                              \
      "The call was made within a closed user group that the called party does not belong to.",              \
      "Check closed-user-group membership of the called party, or make the call outside the group.")         \
    X(88, 503, "Incompatible destination",                                                                   \
      "The destination cannot handle the call's compatibility attributes, such as a data or fax call "       \
      "towards a voice-only line.",                                                                          \
      "Check the bearer and compatibility information the gateway signals, and in SIP the SDP media "        \
      "offered.")                                                                                            \
    X(90, RFC3398_UNLISTED, "Non-existing CUG",                                                              \
      "The closed user group the call names does not exist.",                                                \
      "Check the closed-user-group code the calling side uses.")                                             \
    X(91, RFC3398_UNLISTED, "Invalid transit network selection (national use)",                              \
      "The carrier (transit network) named in the call is coded in a format the network rejects.",           \
      "Check the carrier-selection prefix or transit network parameter your gateway sends.")                 \
    X(95, RFC3398_UNLISTED, "Invalid message, unspecified",                                                  \
      "A message was invalid, with no more specific cause.",                                                 \
      "Trace the signalling at the interworking point (ISUP, ISDN or SIP-I) and look for a malformed "       \
      "message.")                                                                                            \
    /* Protocol error class (causes 96 to 111). */                                                           \
    X(96, RFC3398_UNLISTED, "Mandatory information element is missing",                                      \
      "A message lacked an information element the protocol requires.",                                      \
      "Trace the ISDN or ISUP message and check which element is missing, often a mismatch in protocol "     \
      "variant or switch type.")                                                                             \
    X(97, RFC3398_UNLISTED, "Message type non-existent or not implemented",                                  \
      "The equipment received a message type it does not know or does not implement.",                       \
      "Check that both sides use the same protocol variant (switch type, ISUP version).")                    \
    X(98, RFC3398_UNLISTED, "Message not compatible with call state or message type non-existent or not "    \
      "implemented",                                                                                         \
      "A message arrived that was either unknown or not allowed in the current state of the call.",          \
      "Check the protocol variant on both sides and look for messages crossing each other at the "           \
      "interface.")                                                                                          \
    X(99, RFC3398_UNLISTED, "Information element nonexistent or not implemented",                            \
      "A message carried an information element or parameter the equipment does not know.",                  \
      "Check the protocol variant; drop optional elements the far end does not support.")                    \
    X(100, RFC3398_UNLISTED, "Invalid information element contents",                                         \
      "A message carried an information element with contents the equipment could not accept, such as a "    \
      "badly coded number.",                                                                                 \
      "The diagnostic names the element; check how the gateway codes it (number types, calling party "       \
      "presentation).")                                                                                      \
    X(101, RFC3398_UNLISTED, "Message not compatible with call state",                                       \
      "A message arrived that is not allowed in the current state of the call.",                             \
      "Look for race conditions or lost messages between the two sides of the interface.")                   \
    X(102, 504, "Recovery on timer expiry",                                                                  \
      "A protocol timer ran out because the other side never answered a call-control message, so the "       \
      "procedure was abandoned.",                                                                            \
      "Find which side stopped answering: check signalling reachability both ways (NAT, firewall) and "      \
      "whether a gateway restarted during the call.")                                                        \
    X(103, RFC3398_UNLISTED, "Parameter non-existent or not implemented - passed on",                        \
      "An ISUP exchange received a parameter it does not know and passed it on unchanged.",                  \
      "Usually harmless; it shows that a parameter your side sends is unknown to an exchange on the "        \
      "path.")                                                                                               \
    X(110, RFC3398_UNLISTED, "Message with unrecognized parameter discarded",                                \
      "An ISUP exchange discarded a message because it contained a parameter it did not recognise.",         \
      "Check which parameters your gateway adds to its ISUP messages and remove those the carrier does "     \
      "not support.")                                                                                        \
    X(111, 500, "Protocol error, unspecified",                                                               \
      "A protocol error occurred, with no more specific cause.",                                             \
      "Trace the signalling at the interworking point and compare it with the protocol variant the "         \
      "carrier expects.")                                                                                    \
    /* Interworking class (causes 112 to 127). */                                                            \
    X(127, 500, "Interworking, unspecified",                                                                 \
      "The call crossed into a network or protocol that could not report the real reason, so the cause "     \
      "was lost at an interworking point, typically a SIP to ISUP gateway.",                                 \
      "Look at the SIP status code and headers from the far side, and ask the carrier for the logs of "      \
      "their gateway.")                                                                                      \
    /* end of SIPDIAG_Q850_ROWS */

/* The position of each cause's row in sipdiag_q850_causes[]. */
enum {
#define Q850_X_ENUM(cause, sip, name, meaning, fix) Q850_ROW_##cause,
    SIPDIAG_Q850_ROWS(Q850_X_ENUM)
#undef Q850_X_ENUM
    Q850_ROW_COUNT
};

/* The row's sip_code: the table's status, or 0 where the table gives none. */
#define Q850_TABLE_CODE(sip) ((sip) > 0 ? (uint16_t)(sip) : (uint16_t)0)

const sipdiag_q850_t sipdiag_q850_causes[] = {
#define Q850_X_ROW(c, sip, n, m, f) \
    { .cause = (c), .name = n, .meaning = m, .fix = f, .sip_code = Q850_TABLE_CODE(sip) },
    SIPDIAG_Q850_ROWS(Q850_X_ROW)
#undef Q850_X_ROW
};

const size_t sipdiag_q850_causes_count = sizeof(sipdiag_q850_causes) / sizeof(sipdiag_q850_causes[0]);

_Static_assert(sizeof(sipdiag_q850_causes) / sizeof(sipdiag_q850_causes[0]) == Q850_ROW_COUNT,
               "one row per cause");

/* Cause -> row position + 1; 0 for the values Q.850 leaves unassigned (and for 0). Filled by the
 * compiler, so lookups need no initialisation. */
static const uint8_t q850_row_of[SIPDIAG_Q850_MAX + 1] = {
#define Q850_X_INDEX(cause, sip, name, meaning, fix) [cause] = Q850_ROW_##cause + 1,
    SIPDIAG_Q850_ROWS(Q850_X_INDEX)
#undef Q850_X_INDEX
};

/* Row position -> what sipdiag_q850_expected_sip() answers. Cause 16 (normal call clearing) gets 0: it ends
 * a call with BYE or CANCEL and has no failure response (RFC 3398 §7.2.4.1, note to the table). */
#define Q850_EXPECTED(sip)                                     \
    ((sip) == RFC3398_NONE       ? (uint16_t)0                 \
     : (sip) == RFC3398_UNLISTED ? (uint16_t)Q850_UNLISTED_SIP \
                                 : (uint16_t)(sip))

static const uint16_t q850_expected[Q850_ROW_COUNT] = {
#define Q850_X_EXPECTED(cause, sip, name, meaning, fix) [Q850_ROW_##cause] = Q850_EXPECTED(sip),
    SIPDIAG_Q850_ROWS(Q850_X_EXPECTED)
#undef Q850_X_EXPECTED
};

const sipdiag_q850_t *
sipdiag_q850_find(long cause)
{
    if (cause < 1 || cause > SIPDIAG_Q850_MAX)
        return NULL;
    uint8_t row = q850_row_of[cause];
    return row == 0 ? NULL : &sipdiag_q850_causes[row - 1];
}

uint16_t
sipdiag_q850_expected_sip(long cause)
{
    const sipdiag_q850_t *c = sipdiag_q850_find(cause);
    return c == NULL ? 0 : q850_expected[c - sipdiag_q850_causes];
}

bool
sipdiag_q850_sip_allowed(long cause, int code, sipdiag_span_t location)
{
    const sipdiag_q850_t *q = sipdiag_q850_find(cause);
    uint16_t expected = q != NULL ? q->sip_code : 0;
    if (expected == 0 || expected == code)
        return true;
    /* RFC 3398 §7.2.4.1, notes to the table: cause 21 may give 603 when the
     * cause location is the user (RFC 8606 "U"; absent, it cannot be ruled
     * out), and cause 22 gives 301 when the diagnostic holds the new number. */
    if (cause == 21 && code == 603)
        return location.len == 0 || (location.len == 1 && (location.ptr[0] == 'U' || location.ptr[0] == 'u'));
    if (cause == 22 && code == 301)
        return true;
    return false;
}

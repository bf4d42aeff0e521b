/* codes.c
 * The built-in table of registered SIP response codes with sipdiag's explanations, and the
 * non-standard reason phrases that real equipment sends for them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "codes.h"

/* Every code of the IANA "Response Codes" registry, ascending, each once. The phrase is the
 * registered one; severities follow the policy in README.md. */
const sipdiag_code_t sipdiag_codes[] = {
    /* 1xx provisional: the request is in progress; normal call flow. */
    { .code = 100, .phrase = "Trying", .reference = "RFC 3261 §21.1.1",
      .summary = "the next hop got the request and is working on it — nothing to do",
      .description = "A hop-by-hop acknowledgement: the next proxy, B2BUA or UA received the request and is "
                     "processing it, so the sender stops retransmitting over UDP. It says nothing about "
                     "whether the callee exists or will ring.",
      .fix = "Nothing to fix. If a 100 is the last thing the caller sees, the call is stuck further on: "
             "follow the INVITE past the element that sent the 100.",
      .severity = SIPDIAG_SEV_CHAT },
    { .code = 180, .phrase = "Ringing", .reference = "RFC 3261 §21.1.2",
      .summary = "the callee's device is alerting — nothing to do, wait for the answer",
      .description = "The UA has found the callee and is alerting the user. A 180 usually carries no SDP, in "
                     "which case the calling side must play its own ringback tone; if it does carry SDP, the "
                     "far end may be sending early media.",
      .fix = "Nothing to fix. If the caller hears silence instead of ringback, check whether the caller's "
             "phone or gateway generates local ringback for a 180 without SDP, or waits for early media that "
             "never comes.",
      .severity = SIPDIAG_SEV_CHAT },
    { .code = 181, .phrase = "Call Is Being Forwarded", .reference = "RFC 3261 §21.1.3",
      .summary = "the call is being diverted to another destination — nothing to do",
      .description = "A proxy or the callee's server reports that the call is being forwarded to another "
                     "target, for example by a call-forwarding rule on a PBX or in the carrier network. The "
                     "call goes on.",
      .fix = "Nothing to fix. To see where the call went and why, read the History-Info or Diversion headers "
             "of this and later responses.",
      .severity = SIPDIAG_SEV_CHAT },
    { .code = 182, .phrase = "Queued", .reference = "RFC 3261 §21.1.4",
      .summary = "the callee cannot take the call yet and it was queued — nothing to do",
      .description = "Instead of rejecting a call the callee cannot take yet, the server holds it in a "
                     "queue, as call-centre queues and hunt groups do. The reason phrase may add details "
                     "such as the position in the queue.",
      .fix = "Nothing to fix in the signalling. Long waits are a matter of queue configuration or staffing.",
      .severity = SIPDIAG_SEV_CHAT },
    { .code = 183, .phrase = "Session Progress", .reference = "RFC 3261 §21.1.5",
      .summary = "progress information, usually early media in the SDP — nothing to do",
      .description = "Reports call progress before the answer; most often it has an SDP body so that the "
                     "caller hears tones or announcements from the far network, as PSTN gateways and "
                     "carriers do. It may be sent reliably (Require: 100rel), and then the caller must "
                     "acknowledge it with PRACK.",
      .fix = "Nothing to fix. If early audio is missing or one-way, compare the SDP in the 183 with the RTP "
             "actually flowing (addresses, ports, NAT), and check that a PRACK is sent when 100rel is "
             "required.",
      .severity = SIPDIAG_SEV_CHAT },
    { .code = 199, .phrase = "Early Dialog Terminated", .reference = "RFC 6228",
      .summary = "one early dialog, e.g. a forked branch, has ended — nothing to do",
      .description = "A forking proxy or a UAS tells the caller that one early dialog has ended while the "
                     "call as a whole goes on, for example because one of several forked branches rejected "
                     "the call. It is only sent to callers that list the 199 option tag in Supported.",
      .fix = "Nothing to fix. A Reason header, if present, names the response that ended the branch; the "
             "caller should release any media resources tied to that early dialog.",
      .severity = SIPDIAG_SEV_CHAT },

    /* 2xx success. */
    { .code = 200, .phrase = "OK", .reference = "RFC 3261 §21.2.1",
      .summary = "the request succeeded — nothing to do (a 200 to INVITE must be ACKed)",
      .description = "The request succeeded. For an INVITE the call is answered and the caller must send an "
                     "ACK; for a REGISTER the Contact headers list the bindings the registrar now holds, "
                     "with their expiry times.",
      .fix = "Nothing to fix. If the callee keeps retransmitting the 200 and the call drops after about 32 "
             "seconds, the caller's ACK never reached it: check the Contact and Record-Route addresses and "
             "NAT traversal on the path of the ACK.",
      .severity = SIPDIAG_SEV_CHAT },
    { .code = 202, .phrase = "Accepted", .reference = "RFC 6665",
      .summary = "the request was accepted and its outcome follows later — nothing to do",
      .description = "The request was accepted for processing but is not complete yet. The registry marks the "
                     "code deprecated: RFC 6665 made 200 the answer to SUBSCRIBE, but 202 remains the usual "
                     "answer to REFER (call transfer), and subscribers treat the two alike.",
      .fix = "Nothing to fix. For a REFER, the result of the transfer arrives later in NOTIFY requests whose "
             "message/sipfrag body carries the status line of the new call.",
      .severity = SIPDIAG_SEV_CHAT },
    { .code = 204, .phrase = "No Notification", .reference = "RFC 5839",
      .summary = "subscription refreshed with state unchanged, so no NOTIFY follows — nothing to do",
      .description = "Conditional event notification: the subscriber refreshed its subscription quoting the "
                     "entity-tag of the state it already holds, and since that state has not changed the "
                     "notifier skips the NOTIFY.",
      .fix = "Nothing to fix. If the subscriber seems to miss updates, check that it quotes the entity-tag "
             "of its latest NOTIFY in Suppress-If-Match.",
      .severity = SIPDIAG_SEV_CHAT },

    /* 3xx redirection: the caller is told where else to try. */
    { .code = 300, .phrase = "Multiple Choices", .reference = "RFC 3261 §21.3.1",
      .summary = "several addresses for the callee are listed in Contact — the caller picks one",
      .description = "The server found several possible locations for the address, such as several devices "
                     "or numbers of the same user, and returns them all in Contact instead of choosing. The "
                     "caller or its proxy may try them in turn or let the user choose.",
      .fix = "Nothing to fix. If the call ends here, check whether the calling UA or proxy follows "
             "redirections at all; many trunks and PBXs need redirect handling to be switched on.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 301, .phrase = "Moved Permanently", .reference = "RFC 3261 §21.3.2",
      .summary = "the callee has a new permanent address in Contact — retry there and update it",
      .description = "The callee has moved for good: the Request-URI is obsolete and Contact holds the new "
                     "address. The caller should retry there and also update stored copies such as address "
                     "books, speed dials and routing tables.",
      .fix = "Nothing to fix for this call if the redirect is followed. Update the stored address so that "
             "later calls go straight to the new one.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 302, .phrase = "Moved Temporarily", .reference = "RFC 3261 §21.3.3",
      .summary = "the callee is temporarily reachable elsewhere — retry at the address in Contact",
      .description = "The callee should be tried at the address or addresses in Contact, for this call only. "
                     "Redirect servers use it for call forwarding, and some SBCs and routing engines use it "
                     "to hand back a route (least-cost routing, for instance) instead of proxying the call.",
      .fix = "Nothing to fix if the caller follows the Contact. If the call fails after the 302, check that "
             "the calling side processes redirects and that the Contact address is reachable; an expires "
             "value says how long it holds.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 305, .phrase = "Use Proxy", .reference = "RFC 3261 §21.3.4",
      .summary = "the callee must be reached through the proxy in Contact — configure that proxy",
      .description = "The server wants the request to come through the proxy named in Contact. Many UAs "
                     "refuse to act on a 305 for security reasons, so in practice it means the caller sends "
                     "directly to a server that expects its traffic through a particular proxy.",
      .fix = "Configure the calling side to route through the proxy given in Contact, as its outbound proxy "
             "or with a route, instead of relying on the UA to follow the 305.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 380, .phrase = "Alternative Service", .reference = "RFC 3261 §21.3.5",
      .summary = "the call failed but an alternative service is offered in the body — follow it",
      .description = "The call failed as placed, and the body describes other services that could work "
                     "instead. In IMS networks it tells a phone that the number it dialled is an emergency "
                     "number and has to be dialled again as an emergency call.",
      .fix = "Look at the message body for the alternative offered. In the IMS emergency case, check the "
             "phone's list of emergency numbers and that it re-attempts the call as an emergency call.",
      .severity = SIPDIAG_SEV_NOTE },

    /* 4xx request failure: this request cannot succeed here as sent. */
    { .code = 400, .phrase = "Bad Request", .reference = "RFC 3261 §21.4.1",
      .summary = "the request is malformed — fix the sender's headers, URI or body",
      .description = "The server could not parse the request: a mandatory header missing or malformed, a bad "
                     "URI, a Content-Length that does not match the body, or an SDP body it cannot read. "
                     "Common culprits are SIP ALGs in routers that rewrite messages, truncated UDP packets "
                     "and header manipulation rules on SBCs.",
      .fix = "The reason phrase or a Warning header often names the offending header, so read it first. Then "
             "compare the request with the RFC 3261 grammar, check Content-Length and disable any SIP ALG on "
             "the path.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 401, .phrase = "Unauthorized", .reference = "RFC 3261 §21.4.2",
      .summary = "the server asks for digest credentials — normal, the UA resends with Authorization",
      .description = "A registrar or UAS challenges the request; the WWW-Authenticate header carries the "
                     "realm, nonce and algorithm. This is the normal first step of an authenticated REGISTER "
                     "or INVITE and is followed by the same request with an Authorization header.",
      .fix = "Nothing to fix if the retried request succeeds. If the retry gets another 401, check the "
             "password, the authentication user name (it may differ from the extension), the realm, and that "
             "both sides support the digest algorithm offered.",
      .severity = SIPDIAG_SEV_CHAT },
    { .code = 402, .phrase = "Payment Required", .reference = "RFC 3261 §21.4.3",
      .summary = "reserved by RFC 3261 but used for billing refusals — check the account's credit",
      .description = "RFC 3261 reserves this code for future use, yet carriers and prepaid platforms send it "
                     "when the account has run out of credit or the destination is not covered by its "
                     "tariff.",
      .fix = "Check the balance, credit limit and rate plan of the calling account with the provider; "
             "nothing in the SIP messages needs changing.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 403, .phrase = "Forbidden", .reference = "RFC 3261 §21.4.4",
      .summary = "the server understood the request and refuses it — its phrase and Warning say why",
      .description = "The server accepts that the request is well formed but refuses it. RFC 3261 means a "
                     "policy that credentials cannot change: a source IP missing from the trunk's access list, "
                     "a caller ID the account may not present, destinations barred by the dial plan, a blocked "
                     "account. Many servers, though, answer wrong credentials with 403 instead of a new "
                     "challenge, so when the request carried credentials they are the first suspect.",
      .fix = "Read the reason phrase and any Warning header for the stated cause. Then check the trunk's IP "
             "authorisation, the From and P-Asserted-Identity numbers the provider expects, the account's "
             "call permissions and any intrusion blocklist.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 404, .phrase = "Not Found", .reference = "RFC 3261 §21.4.5",
      .summary = "no such user here, or this server does not serve that domain — check the Request-URI",
      .description = "The server found nothing for the Request-URI: either its user part matches no user or "
                     "number, or the server does not serve the URI's domain at all (RFC 3261 §21.4.5), which "
                     "is one of the commonest causes: a request sent to the wrong server, or a domain the "
                     "server is not configured for. For numbers, a wrong format (national instead of E.164, "
                     "a prefix missing or doubled), a callee not provisioned or a missing dial-plan entry.",
      .fix = "Check the host of the Request-URI against the domains the server is configured for, then its "
             "user part, the number normalisation rules on the PBX or SBC, and the callee's provisioning or "
             "the route for that number.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 405, .phrase = "Method Not Allowed", .reference = "RFC 3261 §21.4.6",
      .summary = "the method is understood but not allowed for this address — see the Allow header",
      .description = "The method is known to the server but refused for this Request-URI: REGISTER sent to a "
                     "gateway that is not a registrar, or MESSAGE, SUBSCRIBE or UPDATE sent to a device that "
                     "does not take them. Compare 501, where the server does not recognise the method at "
                     "all.",
      .fix = "The Allow header lists the methods this target accepts. Stop sending the rejected method to "
             "it, or reconfigure the feature that sends it (presence, messaging, UPDATE for session "
             "refresh).",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 406, .phrase = "Not Acceptable", .reference = "RFC 3261 §21.4.7",
      .summary = "the only possible answer has a format the Accept header rules out — widen Accept",
      .description = "The server could answer, but only with content types that the Accept header of the "
                     "request excludes. It is seen mostly with SUBSCRIBE or OPTIONS when the client asks for "
                     "a body format the server does not produce.",
      .fix = "Compare the request's Accept header with the formats the server supports and add the missing "
             "type on the client, for example application/pidf+xml for presence.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 407, .phrase = "Proxy Authentication Required", .reference = "RFC 3261 §21.4.8",
      .summary = "a proxy asks for digest credentials — normal, the UA resends with Proxy-Authorization",
      .description = "Like 401, but the challenge comes from a proxy on the path, in a Proxy-Authenticate "
                     "header. Providers commonly challenge every INVITE this way, and the UA answers by "
                     "repeating the request with Proxy-Authorization.",
      .fix = "Nothing to fix if the retry succeeds. If the retry is challenged again, check the user name, "
             "password and realm configured for that proxy, and whether the new challenge says stale=true "
             "(an expired nonce).",
      .severity = SIPDIAG_SEV_CHAT },
    { .code = 408, .phrase = "Request Timeout", .reference = "RFC 3261 §21.4.9",
      .summary = "no final response came in time — check reachability of the next hop, retry later",
      .description = "No final response arrived in time. Often a proxy or the UA itself generates it when "
                     "its transaction timer expires without any answer: the callee's registered address is "
                     "stale, a firewall or NAT drops the traffic, or the next hop is down. Some servers also "
                     "send it when the callee does not answer within the no-answer time.",
      .fix = "See whether any provisional response came back first. If none did, check the next hop's "
             "address, port and transport (UDP or TCP), firewalls, NAT bindings and the DNS records used to "
             "find it; if the phone rang, check the no-answer timers, and call again later.",
      .severity = SIPDIAG_SEV_ERROR },
    { .code = 410, .phrase = "Gone", .reference = "RFC 3261 §21.4.10",
      .summary = "the callee used to exist here but is gone for good — update the number or address",
      .description = "The address used to belong to a user who has since gone, and the server has no new "
                     "address to offer. Typical of disconnected or ported-out numbers and deleted accounts.",
      .fix = "Update the dialled number or stored contact. On a carrier interconnect, check the porting "
             "status and routing data of the number.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 412, .phrase = "Conditional Request Failed", .reference = "RFC 3903",
      .summary = "the PUBLISH refers to state the server no longer holds — publish afresh",
      .description = "A PUBLISH used SIP-If-Match with an entity-tag that the presence or event server does "
                     "not know, usually because the published state expired or the server restarted and lost "
                     "it.",
      .fix = "The publisher should send an initial PUBLISH without SIP-If-Match, which most clients do by "
             "themselves. If it keeps happening, compare the refresh interval with the Expires the server "
             "grants and look for server restarts.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 413, .phrase = "Request Entity Too Large", .reference = "RFC 3261 §21.4.11",
      .summary = "the message body is larger than the server accepts — trim the body",
      .description = "The body of the request is bigger than the server will take. Typical offenders are SDP "
                     "offers with many codecs and attributes, multipart bodies (SDP plus ISUP or location "
                     "data) and large MESSAGE payloads.",
      .fix = "Shrink the body: offer fewer codecs, drop unneeded SDP attributes or body parts. If the limit "
             "is temporary, Retry-After says when to try again.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 414, .phrase = "Request-URI Too Long", .reference = "RFC 3261 §21.4.12",
      .summary = "the Request-URI is longer than the server accepts — shorten it",
      .description = "The Request-URI exceeds the length the server is prepared to handle. Usually an "
                     "upstream element has filled it with parameters or escaped headers, sometimes once per "
                     "pass through a routing loop.",
      .fix = "Find the element that adds parameters or headers to the Request-URI and stop it; if they pile "
             "up hop after hop, look for a loop.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 415, .phrase = "Unsupported Media Type", .reference = "RFC 3261 §21.4.13",
      .summary = "the body type, or on some switches the codec set, is not supported — see Accept",
      .description = "Strictly, the server cannot handle the body's Content-Type, Content-Encoding or "
                     "Content-Language, for example a multipart or ISUP body sent to a device that only "
                     "takes SDP. Some softswitches (PortaSIP among them) also send it when none of the "
                     "offered codecs is supported.",
      .fix = "The Accept, Accept-Encoding and Accept-Language headers of the response list what the server "
             "takes; send only those. If the switch uses 415 for codec failures, align the codec lists on "
             "both sides.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 416, .phrase = "Unsupported URI Scheme", .reference = "RFC 3261 §21.4.14",
      .summary = "the server cannot handle the Request-URI's scheme — convert it to one it supports",
      .description = "The scheme of the Request-URI (tel:, sips:, im: or another) is not one the server "
                     "handles. It typically happens when a tel: URI or a SIPS URI reaches an element that "
                     "only supports sip:.",
      .fix = "Convert tel: URIs to sip: URIs with user=phone at the edge, or enable TLS and SIPS on the "
             "server; check which scheme the calling client puts in the Request-URI.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 417, .phrase = "Unknown Resource-Priority", .reference = "RFC 4412",
      .summary = "the Resource-Priority value is unknown here — use one from Accept-Resource-Priority",
      .description = "The request's Resource-Priority header named a namespace or priority value this "
                     "element does not understand, and the request demanded that it be honoured. It belongs "
                     "to preference services for government and emergency users and to military networks.",
      .fix = "Compare the Resource-Priority sent with the Accept-Resource-Priority header of the response, "
             "and align the namespaces and values configured on both sides.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 420, .phrase = "Bad Extension", .reference = "RFC 3261 §21.4.15",
      .summary = "an option tag in Require or Proxy-Require is not supported — see Unsupported",
      .description = "The request listed an extension in Require or Proxy-Require that the server does not "
                     "support, such as 100rel, timer, precondition or a vendor tag. The response names the "
                     "offending option tags in its Unsupported header.",
      .fix = "Remove the tags named in Unsupported from Require or Proxy-Require on the sending side (many "
             "UAs have settings for 100rel and session timers), or enable the extension on the server.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 421, .phrase = "Extension Required", .reference = "RFC 3261 §21.4.16",
      .summary = "the server needs an extension the request did not offer — see its Require header",
      .description = "The server insists on an extension that the request's Supported header does not offer. "
                     "The Require header of the response names it, typically 100rel, timer or precondition.",
      .fix = "Enable the extension named in the response's Require header on the client, or relax the "
             "server's requirement for this peer.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 422, .phrase = "Session Interval Too Small", .reference = "RFC 4028 §6",
      .summary = "the session-timer interval is below the server's minimum — the UA retries with Min-SE",
      .description = "The session-timer interval asked for in Session-Expires is shorter than this server "
                     "accepts. The response carries a Min-SE header, and a compliant UAC at once retries "
                     "with a larger interval.",
      .fix = "Nothing to fix if the retry follows. If it does not, raise the session-timer interval on the "
             "calling side to at least the Min-SE value.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 423, .phrase = "Interval Too Brief", .reference = "RFC 3261 §21.4.17",
      .summary = "the requested expiry is too short — the UA retries using Min-Expires",
      .description = "A REGISTER or SUBSCRIBE asked for an expiration time below the server's minimum. The "
                     "Min-Expires header of the response gives the lowest value accepted, and the UA "
                     "normally sends the request again with it.",
      .fix = "Nothing to fix if the retry succeeds. Otherwise raise the registration or subscription "
             "interval on the UA to at least Min-Expires.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 424, .phrase = "Bad Location Information", .reference = "RFC 6442",
      .summary = "the location sent with the request is malformed or unusable — fix the location data",
      .description = "The request conveyed a location (a Geolocation header pointing to a PIDF-LO body or a "
                     "location URI) that the server could not use: malformed, unreadable or insufficient for "
                     "routing. It matters mostly for emergency calls.",
      .fix = "Read the Geolocation-Error header for the exact problem, then fix the location object or the "
             "location information server (LIS) that supplies it.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 425, .phrase = "Bad Alert Message", .reference = "RFC 8876",
      .summary = "the CAP alert of a non-interactive emergency call was rejected — fix the payload",
      .description = "Used with non-interactive emergency calls, where a device or sensor sends an alert in "
                     "Common Alerting Protocol (CAP) format. The recipient found the alert malformed or "
                     "missing required parts.",
      .fix = "Read the AlertMsg-Error header for the reason and correct the CAP payload produced by the "
             "sending device or service.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 428, .phrase = "Use Identity Header", .reference = "RFC 8224",
      .summary = "the verifier requires a signed Identity header and got none — sign the call",
      .description = "The terminating side requires calls to carry an Identity header (STIR/SHAKEN in North "
                     "America) and this request had none: the originating network did not sign it, or an "
                     "element on the path stripped the header.",
      .fix = "Make sure the originating provider's authentication service signs the call, and that no SBC or "
             "interconnect drops the Identity header on the way.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 429, .phrase = "Provide Referrer Identity", .reference = "RFC 3892",
      .summary = "the transfer target wants a signed Referred-By token — supply it or drop the demand",
      .description = "In a call transfer the refer target demands proof of who asked for the transfer, in "
                     "the form of a signed Referred-By token, and the request sent on the referrer's behalf "
                     "had none. It is rare outside networks that enforce S/MIME-protected transfers.",
      .fix = "Have the referrer put a signed Referred-By token in its REFER, or, where such tokens are not "
             "used, turn the requirement off on the target.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 430, .phrase = "Flow Failed", .reference = "RFC 5626",
      .summary = "the edge proxy's connection to the UA is gone — the UA must register again",
      .description = "SIP Outbound: an edge proxy tells the registrar or home proxy that the particular flow "
                     "(connection) to the UA named in the request has failed. The home proxy should stop "
                     "using that binding, and the UA is expected to register again over a fresh connection.",
      .fix = "Check the keep-alives on the UA (CRLF or STUN) and the idle timeouts of NATs and firewalls for "
             "the TCP or TLS connections between the UA and the edge proxy. Microsoft Lync, Skype for Business "
             "and Teams servers also answer 430 to an in-dialog request with P-Dialog-Recovery-Action "
             "([MS-SIPRE] §3.7.5.3): the client refreshes its registration and recovers the dialog's route.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 433, .phrase = "Anonymity Disallowed", .reference = "RFC 5079",
      .summary = "the callee rejects anonymous calls — present a caller ID or lift the restriction",
      .description = "The callee or its server refuses calls whose caller identity is withheld (a Privacy "
                     "header or an anonymous From). Anonymous call rejection on a subscriber line is the "
                     "usual source.",
      .fix = "On the calling side stop withholding the identity (drop the Privacy header, send a real From "
             "or P-Asserted-Identity), or ask the callee to turn off anonymous call rejection.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 436, .phrase = "Bad Identity Info", .reference = "RFC 8224",
      .summary = "the certificate link in the Identity header cannot be used — fix the certificate URL",
      .description = "The verifier could not use the info parameter of the Identity header, the URL where "
                     "the signing certificate is published: fetching it failed, or it uses a scheme the "
                     "verifier does not support.",
      .fix = "Check that the certificate URL in the Identity header is reachable from the verifier over "
             "HTTPS and that the certificate repository is up.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 437, .phrase = "Unsupported Credential", .reference = "RFC 8224",
      .summary = "the verifier does not accept the signing certificate — use one it trusts",
      .description = "The verifier fetched the credential behind the Identity header but cannot validate it, "
                     "for example because it does not chain to a trusted authority, has expired, or is of a "
                     "kind it does not support. RFC 4474 called this code Unsupported Certificate.",
      .fix = "Check that the signing certificate is valid, unexpired and issued under a root the verifier "
             "trusts (under SHAKEN, the STI-PA trust list).",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 438, .phrase = "Invalid Identity Header", .reference = "RFC 8224",
      .summary = "the Identity signature does not verify — find what altered the request",
      .description = "The signature in the Identity header does not match the request. Usually an element "
                     "changed signed data after signing, such as an SBC rewriting the From or To number, or "
                     "the certificate does not belong to the key that signed.",
      .fix = "Make sure nothing rewrites the calling or called numbers after the authentication service has "
             "signed, and that the certificate URL in the header matches the private key in use.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 439, .phrase = "First Hop Lacks Outbound Support", .reference = "RFC 5626",
      .summary = "the UA asked for SIP Outbound but the edge proxy lacks it — align the configuration",
      .description = "The UA registered with SIP Outbound (reg-id and +sip.instance in Contact) and the "
                     "registrar supports it, but the first-hop proxy did not mark its Path entry as "
                     "outbound-capable, so the flow cannot be kept usable.",
      .fix = "Enable RFC 5626 Outbound on the edge proxy, or turn Outbound off on the UA.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 440, .phrase = "Max-Breadth Exceeded", .reference = "RFC 5393",
      .summary = "forking would exceed the parallel-branch limit — reduce fan-out or raise Max-Breadth",
      .description = "A proxy would have to fork the request into more parallel branches than the remaining "
                     "Max-Breadth allows. The limit guards against amplification through nested forking, so "
                     "reaching it often points to ring groups or registrations that fan out too widely.",
      .fix = "Count the targets the request forks to (registered contacts, ring groups within ring groups) "
             "and reduce them, or raise Max-Breadth on the proxy if the fan-out is intended.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 469, .phrase = "Bad Info Package", .reference = "RFC 6086",
      .summary = "the INFO uses an Info Package not agreed for this dialog — negotiate via Recv-Info",
      .description = "An INFO request named, in its Info-Package header, a package that the receiver has not "
                     "declared in Recv-Info for this dialog (RFC 6086 §4.2.2). Only INFO with an Info-Package "
                     "gets 469: legacy INFO without one, such as the old DTMF-over-INFO style, is answered "
                     "415, 405 or 501 instead.",
      .fix = "Check the Recv-Info header the peer sent (also present in this response) and use a package it "
             "lists; for DTMF, configure both ends for the same method.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 470, .phrase = "Consent Needed", .reference = "RFC 5360",
      .summary = "a relay needs the recipients' consent first — see Permission-Missing",
      .description = "A relay such as a URI-list server will not pass the request on to some targets until "
                     "those recipients have given permission. The Permission-Missing header lists the "
                     "targets concerned.",
      .fix = "Obtain permission from the listed recipients through the consent framework of RFC 5360, or "
             "remove them from the list.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 480, .phrase = "Temporarily Unavailable", .reference = "RFC 3261 §21.4.18",
      .summary = "the callee is known but cannot be reached right now — retry later",
      .description = "The callee exists but cannot be reached at the moment: no device registered, "
                     "do-not-disturb on, or no answer. PSTN gateways map the no-answer and subscriber-absent "
                     "causes to it, so a Reason header with a Q.850 cause often says more.",
      .fix = "Check whether the callee is registered and whether DND or a presence state blocks calls. "
             "Retry-After may suggest when to try again.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 481, .phrase = "Call/Transaction Does Not Exist", .reference = "RFC 3261 §21.4.19",
      .summary = "the request matches no dialog or transaction — a hang-up race or lost dialog state",
      .description = "A BYE, re-INVITE, CANCEL, NOTIFY or similar request matched no dialog or transaction "
                     "the server knows. Often harmless: both sides hung up at once, or a CANCEL crossed the "
                     "final response. If it is systematic, something lost or mangled dialog state: an SBC "
                     "failover, a restart, or a device rewriting Call-ID or tags.",
      .fix = "Compare Call-ID, From and To tags and CSeq with the dialog that was set up. A single case at "
             "hang-up is a race; repeated ones call for the server logs, a look at SBC or B2BUA failover, "
             "and disabling SIP ALGs.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 482, .phrase = "Loop Detected", .reference = "RFC 3261 §21.4.20",
      .summary = "a routing loop at a proxy, or the same request reached a UA twice — read the Vias",
      .description = "Two checks give 482. A proxy finds the same request already in its Via path (RFC 3261 "
                     "§16.3 item 4): a loop, unless the Request-URI or route changed on the way round, which "
                     "is a spiral and allowed. A UAS gets a request it already handled by another path, a "
                     "merged request (§8.2.2.2): in practice one phone registered twice, so a forking proxy "
                     "sent it the same call on two branches.",
      .fix = "Read the Via headers to see the path taken. For a loop, correct the dial plans or routes that "
             "point back (default routes, failover entries). For a merged request, look for duplicate "
             "registrations of the same device and for parallel targets that end at the same UA.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 483, .phrase = "Too Many Hops", .reference = "RFC 3261 §21.4.21",
      .summary = "the Max-Forwards count reached zero, most likely a routing loop — check the routes",
      .description = "The request arrived with Max-Forwards at zero, meaning it passed more hops than "
                     "allowed. Nearly always a routing loop between proxies or SBCs; now and then a sender "
                     "that starts with a very small Max-Forwards.",
      .fix = "Count the Via headers and look for repeating hosts to find the loop, then fix the routes. Make "
             "sure senders start at Max-Forwards 70 and that B2BUAs do not reset it on each pass.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 484, .phrase = "Address Incomplete", .reference = "RFC 3261 §21.4.22",
      .summary = "the dialled number is too short for the dial plan — check digits and patterns",
      .description = "The Request-URI does not hold a complete number yet: the dial plan needs more digits. "
                     "It is how SIP expresses overlap dialling, and shows up when a phone sends digits "
                     "before the user has finished or a number got cut.",
      .fix = "Check the digits actually sent against the dial-plan patterns; on phones, adjust the digit map "
             "or inter-digit timeout so that complete numbers are sent in one go.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 485, .phrase = "Ambiguous", .reference = "RFC 3261 §21.4.23",
      .summary = "the address matches several users — choose one of those in Contact",
      .description = "The Request-URI fits more than one user, for example a name or short code shared by "
                     "several people. The response may list the candidates in Contact.",
      .fix = "Use a more specific address, take one of the candidates in Contact if present, or fix the "
             "overlapping directory or short-code entries.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 486, .phrase = "Busy Here", .reference = "RFC 3261 §21.4.24",
      .summary = "callee is on another call — retry later or forward to voicemail",
      .description = "The callee's device was reached but is busy, usually already on a call; unlike 600, "
                     "another device or voicemail may still take it. Phones with call waiting off or a "
                     "one-call limit answer 486 as soon as one call is active.",
      .fix = "Try again later or divert to voicemail; Retry-After may say when. If the callee is not really "
             "busy, check call waiting and the limit of simultaneous calls on the phone, PBX extension or "
             "trunk.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 487, .phrase = "Request Terminated", .reference = "RFC 3261 §21.4.25",
      .summary = "the INVITE was cancelled before an answer — check why the call was given up",
      .description = "The request was cancelled by a CANCEL or BYE before it got a final response. Normal "
                     "when the caller hangs up while it rings, or when a forking proxy cancels the other "
                     "branches once one has answered.",
      .fix = "Nothing to fix when the caller simply gave up. If many calls end this way, find who sent the "
             "CANCEL and why: a no-answer timer on a proxy or SBC, or a caller giving up because no ringing "
             "came back (configuration or network trouble).",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 488, .phrase = "Not Acceptable Here", .reference = "RFC 3261 §21.4.26",
      .summary = "the SDP offer is not acceptable, most often no common codec — align the codecs",
      .description = "The endpoint cannot accept the session as described in the SDP. Most often none of the "
                     "offered codecs is supported; other causes are SRTP against plain RTP (RTP/SAVP versus "
                     "RTP/AVP), a T.38 fax re-INVITE the far end refuses, or an address family it cannot "
                     "use.",
      .fix = "Compare the m= lines and rtpmap entries of the offer with what the callee supports and align "
             "the codec lists or enable transcoding; check SRTP and fax settings. A Warning header (codes "
             "304, 305) may name the problem.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 489, .phrase = "Bad Event", .reference = "RFC 6665",
      .summary = "the event package in SUBSCRIBE or PUBLISH is not supported — see Allow-Events",
      .description = "The notifier or event server does not support the package named in the Event header, "
                     "such as presence, dialog (busy lamp field) or message-summary (voicemail indicator).",
      .fix = "Check the Event header against the Allow-Events list the server returns; turn the subscription "
             "off on the phone (BLF, MWI, presence) or enable that package on the server.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 491, .phrase = "Request Pending", .reference = "RFC 3261 §21.4.27",
      .summary = "both sides sent a re-INVITE at once (glare) — the UA retries after a random wait",
      .description = "Both ends of a dialog sent a request at about the same time, so the receiver still had "
                     "its own request outstanding; typically two re-INVITEs crossing during hold, transfer "
                     "or a media change. Each side waits a random time and tries again.",
      .fix = "Nothing to fix if the retry succeeds. If glare repeats, check that both sides randomise the "
             "retry delay as RFC 3261 requires and that B2BUAs do not send re-INVITEs on both legs at once.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 493, .phrase = "Undecipherable", .reference = "RFC 3261 §21.4.28",
      .summary = "an S/MIME body could not be decrypted — check the keys and certificates",
      .description = "The recipient could not decrypt the S/MIME-encrypted body of the request, usually for "
                     "lack of the matching private key. Rare in practice, since S/MIME is seldom deployed "
                     "with SIP.",
      .fix = "Check the certificates and keys used for body encryption on both sides, or send the body "
             "unencrypted and protect the hop with TLS instead.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 494, .phrase = "Security Agreement Required", .reference = "RFC 3329",
      .summary = "the server requires a security agreement first — retry using Security-Server",
      .description = "The server insists on agreeing a security mechanism (RFC 3329) before it handles the "
                     "request, and lists the ones it offers (tls, digest, ipsec-ike...) in Security-Server. "
                     "Rare in practice: IMS networks run sec-agree on the 401 challenge to the first REGISTER, "
                     "which carries Security-Server, rather than with 494.",
      .fix = "The client has to pick a mechanism from Security-Server and retry with Security-Client and "
             "Security-Verify; enable sec-agree on the device or drop the requirement on the server for this "
             "client.",
      .severity = SIPDIAG_SEV_WARN },

    /* 5xx server failure: the request may be valid, the server failed it. */
    { .code = 500, .phrase = "Server Internal Error", .reference = "RFC 3261 §21.5.1",
      .summary = "the server hit an unexpected condition — the cause is in its logs",
      .description = "Something went wrong inside the server while handling the request: a software fault, a "
                     "failed database or script lookup (common in Kamailio or OpenSIPS routing scripts) or a "
                     "lack of resources.",
      .fix = "Look in the server's logs at the time of the failure. A Retry-After means the problem is "
             "temporary; otherwise report it to whoever runs that server.",
      .severity = SIPDIAG_SEV_ERROR },
    { .code = 501, .phrase = "Not Implemented", .reference = "RFC 3261 §21.5.2",
      .summary = "the server does not recognise the method — stop sending it there",
      .description = "The server has no support for what the request asks; in practice it does not know the "
                     "method at all, as with UPDATE, PRACK, INFO, MESSAGE or PUBLISH sent to an older "
                     "device. Compare 405, where the method is recognised but not allowed for that address.",
      .fix = "Check the Allow header in the peer's responses to OPTIONS or INVITE and stop sending methods "
             "it lacks, or upgrade the device.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 502, .phrase = "Bad Gateway", .reference = "RFC 3261 §21.5.3",
      .summary = "a downstream server sent an invalid response — check the next hop and its DNS",
      .description = "A gateway or proxy forwarded the request and the reply from the next server was "
                     "invalid or unusable. PortaSIP sends this code with the phrase DNS Data Incorrect.",
      .fix = "Follow the request to the next hop and see what it returned; check the DNS records (NAPTR, "
             "SRV, A or AAAA) used to find that hop, and read any Warning or Reason header the gateway "
             "added.",
      .severity = SIPDIAG_SEV_ERROR },
    { .code = 503, .phrase = "Service Unavailable", .reference = "RFC 3261 §21.5.4",
      .summary = "the server is overloaded, in maintenance or has no route — honour Retry-After",
      .description = "The server cannot handle the request for now: overload, maintenance, or no active node "
                     "behind it. Proxies and SBCs also send it when every route or trunk to the destination "
                     "failed or a call limit was hit, and gateways map PSTN congestion causes to it; the "
                     "client should try another server if DNS lists one. A proxy treats a transport failure "
                     "toward the next hop (ICMP error, TCP reset, TLS failure) as a 503 (RFC 3261 §16.9), and "
                     "should not pass a 503 on upstream (§16.7), so a 503 that arrives is usually its "
                     "sender's own verdict.",
      .fix = "Retry-After, if present, says when to try again. Check the server's load and state, whether "
             "the outgoing trunk is registered and up, channel and call-rate limits, and that DNS SRV offers "
             "an alternative server.",
      .severity = SIPDIAG_SEV_ERROR },
    { .code = 504, .phrase = "Server Time-out", .reference = "RFC 3261 §21.5.5",
      .summary = "a server it relies on did not answer in time — check the downstream leg",
      .description = "While handling the request, the server waited too long for another server it depends "
                     "on, such as the next hop, a location service or DNS. Unlike 408, it reports a failure "
                     "between servers rather than at the callee.",
      .fix = "Look at the leg behind the server that sent it: reachability of the next hop, DNS response "
             "times and the timers on the gateway or SBC.",
      .severity = SIPDIAG_SEV_ERROR },
    { .code = 505, .phrase = "Version Not Supported", .reference = "RFC 3261 §21.5.6",
      .summary = "the server does not support the request's SIP version — check the request line",
      .description = "The request line carries a protocol version other than SIP/2.0, or one the server "
                     "rejects. Usually the message was corrupted, mangled by a middlebox, or is not SIP at "
                     "all.",
      .fix = "Look at the request line as received, then find the middlebox or software that produced it, or "
             "the non-SIP traffic reaching the SIP port.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 513, .phrase = "Message Too Large", .reference = "RFC 3261 §21.5.7",
      .summary = "the message is larger than the server can process — use TCP or trim it",
      .description = "The server could not cope with a message this big. Usually a large INVITE sent over "
                     "UDP that got fragmented or cut; RFC 3261 expects messages close to the path MTU to go "
                     "over a congestion-controlled transport such as TCP.",
      .fix = "Switch the trunk or device to TCP or TLS, and trim what inflates the message: long SDP, many "
             "Via or Record-Route entries, large custom headers.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 555, .phrase = "Push Notification Service Not Supported", .reference = "RFC 8599",
      .summary = "the proxy does not offer the push service the UA asked for — check pn-provider",
      .description = "A UA that is woken by mobile push notifications (APNs, FCM) asked in the Contact of "
                     "its REGISTER, with the pn-provider parameter, for a push service that this SIP proxy "
                     "does not support.",
      .fix = "Check the pn-provider value the app sends against the push services the proxy offers (it "
             "advertises them with the sip.pns feature capability), and configure the proxy or the app to "
             "match.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 580, .phrase = "Precondition Failure", .reference = "RFC 3312",
      .summary = "required preconditions such as QoS could not be met — check resource reservation",
      .description = "The UAS could not meet the preconditions the session required, usually QoS resource "
                     "reservation negotiated in the SDP (curr, des and conf lines), as used in IMS and some "
                     "cable networks.",
      .fix = "Check the precondition lines of the SDP and whether the network could reserve the bearer; for "
             "peers that cannot do preconditions, stop sending Require: precondition.",
      .severity = SIPDIAG_SEV_WARN },

    /* 6xx global failure: no other destination will do better. */
    { .code = 600, .phrase = "Busy Everywhere", .reference = "RFC 3261 §21.6.1",
      .summary = "the callee is busy and no other device will take the call — retry later",
      .description = "The callee is busy and its device knows that no other location would take the call "
                     "either, so no further forking or voicemail should be tried. Retry-After may say when "
                     "the callee is free.",
      .fix = "Nothing to fix; try later. If the busy state is unexpected, check which device sent the 600 "
             "and how it handles busy.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 603, .phrase = "Decline", .reference = "RFC 3261 §21.6.2",
      .summary = "the callee refused the call and knows no alternative — do not reroute it",
      .description = "The callee's device was reached and the callee turned the call down, with no "
                     "alternative to offer such as voicemail. Typical of a reject button, do-not-disturb set "
                     "to reject, or call screening. Retry-After may say when to call back.",
      .fix = "Nothing to fix unless the rejection is unexpected: then check DND, call-screening and "
             "blocklist rules on the callee's device or PBX.",
      .severity = SIPDIAG_SEV_NOTE },
    { .code = 604, .phrase = "Does Not Exist Anywhere", .reference = "RFC 3261 §21.6.3",
      .summary = "an authoritative server says the callee exists nowhere — check the number",
      .description = "A server with authoritative knowledge reports that the callee's address is not valid "
                     "anywhere, so trying elsewhere is pointless. Gateway mappings pair it with the PSTN's "
                     "unallocated-number cause.",
      .fix = "Check the dialled number and its format; if it should exist, check its assignment and routing "
             "data at the terminating carrier.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 606, .phrase = "Not Acceptable", .reference = "RFC 3261 §21.6.4",
      .summary = "the callee's side rejects the session's media, bandwidth or addressing — fix the SDP",
      .description = "The callee's UA answered the offer but rejects part of the session description, namely "
                     "its media, bandwidth or addressing, and unlike 488 this holds for every device of the "
                     "callee. PortaSIP sends it with the phrase Not Acceptable Here.",
      .fix = "Read the Warning header for the reason, then compare the SDP: codecs, b= bandwidth lines, "
             "address type (IPv4 or IPv6) and encryption; adjust the offer or the callee's policy.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 607, .phrase = "Unwanted", .reference = "RFC 8197",
      .summary = "the callee marked the call as unwanted (spam) — review the caller's reputation",
      .description = "The called user flagged the call as unwanted, for example as a robocall. Networks may "
                     "feed such rejections into call analytics, which affects how later calls from the same "
                     "identity are treated.",
      .fix = "As the caller, make sure the calling number is genuine and attested and the calling pattern "
             "does not look like spam; for legitimate traffic, take it up with the terminating provider.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 608, .phrase = "Rejected", .reference = "RFC 8688",
      .summary = "an intermediary such as call analytics rejected the call — see Call-Info",
      .description = "Not the callee but an intermediary, typically a call-analytics or spam-filtering "
                     "service in the terminating network, rejected the call. The response may carry a "
                     "Call-Info header with a jCard naming who rejected it and how to dispute that.",
      .fix = "Read the Call-Info header (purpose jwscard) to learn who blocked the call and contact them; "
             "check the attestation and reputation of the calling number.",
      .severity = SIPDIAG_SEV_WARN },
};

const size_t sipdiag_codes_count = sizeof(sipdiag_codes) / sizeof(sipdiag_codes[0]);

/* Reason phrases seen on the wire instead of the registered ones, sorted by code. Phrases that
 * differ from the registered one only in letter case are left out: lookups ignore case. */
const sipdiag_alias_t sipdiag_aliases[] = {
    { .code = 414, .phrase = "Request-URI Too Large",
      .note = "RFC 2543 wording, kept in RFC 3261's grammar comments and in older stacks; same as "
              "Request-URI Too Long." },
    { .code = 436, .phrase = "Bad Identity-Info",
      .note = "RFC 4474 spelling, still found in several SIP libraries; same as Bad Identity Info." },
    { .code = 437, .phrase = "Unsupported Certificate",
      .note = "The RFC 4474 name, used until RFC 8224 renamed the code; same as Unsupported Credential." },
    { .code = 480, .phrase = "Temporarily not available",
      .note = "Older wording found in RFC 3261's grammar comments and in stacks built from them; same as "
              "Temporarily Unavailable." },
    { .code = 481, .phrase = "Call Leg/Transaction Does Not Exist",
      .note = "RFC 3261's own wording in §9.2 and the §25.1 grammar (as in RFC 2543), sent by PortaSIP and "
              "many stacks; same as Call/Transaction Does Not Exist." },
    { .code = 487, .phrase = "Request Canceled",
      .note = "American spelling sent by some stacks and gateways; same as Request Terminated." },
    { .code = 487, .phrase = "Request Cancelled",
      .note = "PortaSIP's phrase (British spelling); same as Request Terminated." },
    { .code = 500, .phrase = "Internal Server Error",
      .note = "HTTP-style wording, also in RFC 3261's grammar comments and common in SIP stacks; same as "
              "Server Internal Error." },
    { .code = 502, .phrase = "DNS Data Incorrect",
      .note = "PortaSIP's phrase for this code; same as Bad Gateway." },
    { .code = 504, .phrase = "Gateway Time-out",
      .note = "RFC 2543-era wording borrowed from HTTP, kept by older stacks; same as Server Time-out." },
    { .code = 505, .phrase = "SIP Version not supported",
      .note = "Wording from RFC 3261's grammar comments, sent by several stacks; same as Version Not "
              "Supported." },
    { .code = 603, .phrase = "Declined",
      .note = "PortaSIP's phrase; same as Decline." },
    { .code = 606, .phrase = "Not Acceptable Here",
      .note = "PortaSIP's phrase for 606; despite the wording it means Not Acceptable (606), not 488." },
};

const size_t sipdiag_aliases_count = sizeof(sipdiag_aliases) / sizeof(sipdiag_aliases[0]);

/* Kamailio and SER answer their own core errors with these codes
 * (src/core/error.h E_SEND -477, E_BAD_ADDRESS -478, E_BAD_URI -479;
 * phrases from err2reason_phrase() in src/core/error.c, sent by sl_reply_error
 * and tm's kill_transaction, the phrase followed by "(477/SL)" or "(477/TM)").
 * OpenSIPS does the same with others (error.h: E_IP_BLOCKED 473, E_BAD_URI 475,
 * E_BAD_ADDRESS 476, E_SEND 477; phrases from its error.c). */
const sipdiag_vendor_code_t sipdiag_vendor_codes[] = {
    { .code = 473, .fragment = "Filtered destination", .key = "473/OpenSIPS",
      .reference = "OpenSIPS error.h E_IP_BLOCKED, error.c",
      .summary = "OpenSIPS refused to send to that destination: its address is blocked by configuration",
      .description = "OpenSIPS's own code (not registered): the next hop's IP address is filtered by the proxy's "
                     "configuration, so the request was not forwarded.",
      .fix = "Check the proxy's address filters (blocked destinations, private-address rules) against the "
             "destination it chose for this request.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 475, .fragment = "Bad URI", .key = "475/OpenSIPS",
      .reference = "OpenSIPS error.h E_BAD_URI, error.c",
      .summary = "OpenSIPS could not parse a URI of the request — check the Request-URI and routing headers",
      .description = "OpenSIPS's own code (not registered): a URI it had to use (Request-URI, Route, a rewritten "
                     "destination) could not be parsed.",
      .fix = "Check the Request-URI and Route headers the client sends, and any URI the routing script builds.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 476, .fragment = "Unresolvable destination", .key = "476/OpenSIPS",
      .reference = "OpenSIPS error.h E_BAD_ADDRESS, error.c",
      .summary = "OpenSIPS could not resolve the next hop's name — check DNS for that destination",
      .description = "OpenSIPS's own code (not registered): the host of the destination it chose did not resolve "
                     "(NAPTR, SRV, A or AAAA).",
      .fix = "Resolve the destination's host from the proxy (dig), fix the DNS records or the routing entry.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 477, .fragment = "error on sending to next hop", .key = "477/Kamailio",
      .reference = "Kamailio src/core/error.h E_SEND, src/core/error.c",
      .summary = "Kamailio could not send the request to the next hop — check its address, port and transport",
      .description = "Kamailio's (and SER's) own code (not registered): forwarding failed at the transport, e.g. the "
                     "TCP or TLS connection to the next hop could not be opened, or sending failed.",
      .fix = "Find the destination Kamailio chose (its log, a Warning 392 header if sip_warning is on), then check "
             "that host's listener, firewall and the transport (TCP, TLS, certificates).",
      .severity = SIPDIAG_SEV_ERROR },
    { .code = 477, .fragment = "Send failed", .key = "477/OpenSIPS",
      .reference = "OpenSIPS error.h E_SEND, error.c",
      .summary = "OpenSIPS could not send the request to the next hop — check its address, port and transport",
      .description = "OpenSIPS's own code (not registered): forwarding failed at the transport, e.g. a TCP or TLS "
                     "connection to the next hop could not be opened.",
      .fix = "Find the destination OpenSIPS chose (its log), then check that host's listener, firewall and the "
             "transport (TCP, TLS, certificates).",
      .severity = SIPDIAG_SEV_ERROR },
    { .code = 478, .fragment = "Unresolv", .key = "478/Kamailio",
      .reference = "Kamailio src/core/error.h E_BAD_ADDRESS, src/core/error.c",
      .summary = "Kamailio could not resolve the next hop's name — check DNS for that destination",
      .description = "Kamailio's (and SER's) own code (not registered): the host of the destination it chose did "
                     "not resolve (NAPTR, SRV, A or AAAA). SER spelled the phrase \"Unresolveable\".",
      .fix = "Resolve the destination's host from the proxy (dig), fix the DNS records or the routing entry.",
      .severity = SIPDIAG_SEV_WARN },
    { .code = 479, .fragment = "not able to process the URI", .key = "479/Kamailio",
      .reference = "Kamailio src/core/error.h E_BAD_URI, src/core/error.c",
      .summary = "Kamailio could not parse a URI of the request — check the Request-URI and routing headers",
      .description = "Kamailio's (and SER's) own code (not registered): a URI it had to use (Request-URI, Route, "
                     "a rewritten destination) could not be parsed.",
      .fix = "Check the Request-URI and Route headers the client sends, and any URI the routing script builds.",
      .severity = SIPDIAG_SEV_WARN },
};

const size_t sipdiag_vendor_codes_count = sizeof(sipdiag_vendor_codes) / sizeof(sipdiag_vendor_codes[0]);

const char *
sipdiag_severity_name(sipdiag_severity_t severity)
{
    static const char *const names[] = {
        [SIPDIAG_SEV_CHAT] = "chat", [SIPDIAG_SEV_NOTE] = "note", [SIPDIAG_SEV_WARN] = "warning",
        [SIPDIAG_SEV_ERROR] = "error",
    };
    return (size_t)severity < sizeof names / sizeof names[0] ? names[severity] : "unknown";
}

const char *
sipdiag_class_name(unsigned cls)
{
    /* RFC 3261 §7.2 */
    static const char *const names[] = { NULL, "Provisional", "Successful", "Redirection", "Request failure",
                                         "Server failure", "Global failure" };
    return cls < sizeof names / sizeof names[0] ? names[cls] : NULL;
}

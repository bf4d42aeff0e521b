/* msdiag.c
 * Microsoft diagnostic codes (ms-diagnostics, ms-diagnostics-public): the
 * ranges and codes of Microsoft's published documentation, named in each
 * table's comment. Texts in our own words; the reason texts are the ones the
 * servers send, for recognition.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>

#include "msdiag.h"

/* Ranges, ascending, not overlapping. Source: Microsoft, "Ms-Diagnostics
 * Header" (Office Communications Server 2007 documentation, the ranges by
 * server role; [MS-OCER] sections 7 and 8 keep the same split), and for the
 * six-digit codes Microsoft's Teams Direct Routing page "Microsoft and SIP
 * response codes" (CallEndSubReason: 560xxx when the SBC sent the final
 * response, its last three digits being the SIP code). */
const sipdiag_msdiag_range_t sipdiag_msdiag_ranges[] = {
    { 0, 999, "common to all server roles" },
    { 1000, 1999, "SIP stack: routing, DNS, certificates, federation" },
    { 2000, 2999, "user services: presence" },
    { 3000, 3999, "user services: conferencing focus" },
    { 4000, 4999, "user services: other (remote access, user lookup, pools)" },
    { 5000, 5999, "API applications" },
    { 6000, 6999, "IM conferencing server" },
    { 7000, 7999, "audio/video conferencing server" },
    { 8000, 8999, "telephony conferencing server" },
    { 9000, 9999, "media relay authentication (MRAS)" },
    { 10000, 10999, "Mediation Server (PSTN gateway side)" },
    { 11000, 11999, "metrics server" },
    { 12000, 12999, "outbound call routing (voice routes, PSTN usages)" },
    { 13000, 13999, "inbound call routing" },
    { 14000, 14999, "translation service (dial plans, normalisation)" },
    { 15000, 15999, "Exchange Unified Messaging" },
    { 16000, 16999, "intelligent IM filter" },
    { 17000, 17999, "client version filter" },
    { 90000, 90999, "public IM connectivity" },
    { 100000, 559999, "Teams: a Microsoft service ended or refused the call" },
    { 560000, 560999, "Teams Direct Routing: the SBC sent this final response (last three digits: its SIP code)" },
    { 561000, 999999, "Teams: a Microsoft service ended or refused the call" },
};
const size_t sipdiag_msdiag_ranges_count = sizeof sipdiag_msdiag_ranges / sizeof sipdiag_msdiag_ranges[0];

/* Codes, ascending, each once. Source: [MS-OCER] section 7 tables (SIP stack,
 * 4000 range, 5000 range, outbound routing 12000, inbound routing 13000,
 * client version filter 17000). Reason texts as Microsoft's servers send
 * them; meanings in our words. */
const sipdiag_msdiag_code_t sipdiag_msdiag_codes[] = {
    { 1003, "User does not exist",
      "The server that answered has no user with this address: check the SIP address, its domain and that the "
      "account is enabled for SIP." },
    { 1005, "Cannot route to destination domain",
      "No route to the destination's domain: check federation or the SIP domains and static routes on the edge." },
    { 1007, "Temporarily cannot route",
      "Routing failed for now (next hop down or overloaded): retry, and check the health of the next server." },
    { 1008, "Unable to resolve DNS SRV record",
      "The server could not find the domain's SIP service in DNS: check the _sip / _sipfederationtls SRV records." },
    { 1009, "Conflicting SRV and host domains in DNS",
      "The SRV record points at a host outside the domain it serves: check the DNS records and certificate names." },
    { 1010, "Certificate trust with next-hop server could not be established",
      "TLS to the next hop failed: check the certificate chain, its root on both sides, and the names on it." },
    { 1011, "ms-diagnostics header not provided by previous hop",
      "The previous hop sent a failure without diagnostics: look at that server for the cause." },
    { 1013, "Significant time skew detected during authentication",
      "Authentication failed on clock skew: check NTP on the client and the servers." },
    { 1014, "Unable to resolve DNS A record",
      "The next hop's host name does not resolve: check its A or AAAA record." },
    { 4003, "From URI not enabled for remote access",
      "The user may not sign in or call from outside: enable remote access in the user's policy, or connect "
      "internally." },
    { 4005, "Destination URI either not enabled for SIP or does not exist",
      "The called user is unknown or not enabled for SIP: check the address and the account." },
    { 4006, "User not found in pool",
      "The user's home pool does not know the user: check the user's pool assignment and replication." },
    { 5001, "Request Timed-out",
      "An application did not answer in time: check the application server named in source." },
    { 12000, "Routes available for this request but no available gateway at this point",
      "A voice route matched but every gateway of it is down or busy: check the gateways (SBCs) and trunks." },
    { 12001, "User Policy does not contain phone route usage",
      "The caller's voice policy has no PSTN usage for this call: add the usage, or assign another policy." },
    { 12002, "Phone number not valid or too large",
      "The dialled number is malformed after normalisation: check the dial plan's rules and the number." },
    { 12004, "No route found",
      "No voice route matches the normalised number for the caller's usages: add or fix the route's pattern." },
    { 13000, "Call to self loop",
      "The call was routed back to the caller: check forwarding settings and inbound routing." },
    { 13004, "Request was proxied to one or more registered endpoints",
      "Informational: the call was forked to the user's signed-in devices." },
    { 13008, "Diagnostic headers removed for privacy",
      "The real diagnostic was removed at a boundary: look at the server inside for it." },
    { 13010, "Target rejected call because of bandwidth congestion",
      "Call admission control refused the call: check the bandwidth policy between the sites." },
    { 17002, "Invalid protocol client version",
      "The client version filter refused this client: update the client or the filter rules." },
};
const size_t sipdiag_msdiag_codes_count = sizeof sipdiag_msdiag_codes / sizeof sipdiag_msdiag_codes[0];

const sipdiag_msdiag_range_t *
sipdiag_msdiag_range_find(uint32_t code)
{
    for (size_t i = 0; i < sipdiag_msdiag_ranges_count; i++) {
        if (code >= sipdiag_msdiag_ranges[i].low && code <= sipdiag_msdiag_ranges[i].high)
            return &sipdiag_msdiag_ranges[i];
    }
    return NULL;
}

static int
code_cmp(const void *key, const void *row)
{
    uint32_t a = *(const uint32_t *)key, b = ((const sipdiag_msdiag_code_t *)row)->code;
    return a < b ? -1 : a > b;
}

const sipdiag_msdiag_code_t *
sipdiag_msdiag_code_find(uint32_t code)
{
    return bsearch(&code, sipdiag_msdiag_codes, sipdiag_msdiag_codes_count, sizeof sipdiag_msdiag_codes[0], code_cmp);
}

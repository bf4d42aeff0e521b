/* methods.c
 * Knowledge per (code, method): the rows where a code means something else
 * for another method than the one its general text was written for (INVITE,
 * mostly). Facts from the RFCs named in each row; texts in our own words.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "methods.h"

#include <stdbool.h>
#include <string.h>

#define NON_INVITE_DIALOG_METHODS \
    (SIPDIAG_M_BYE | SIPDIAG_M_OPTIONS | SIPDIAG_M_INFO | SIPDIAG_M_UPDATE | SIPDIAG_M_PRACK | SIPDIAG_M_SUBSCRIBE \
     | SIPDIAG_M_NOTIFY | SIPDIAG_M_REFER | SIPDIAG_M_MESSAGE | SIPDIAG_M_PUBLISH | SIPDIAG_M_OTHER)
/* Methods a UA may do without: a refusal makes it fall back, nothing breaks. */
#define OPTIONAL_METHODS \
    (SIPDIAG_M_UPDATE | SIPDIAG_M_INFO | SIPDIAG_M_MESSAGE | SIPDIAG_M_SUBSCRIBE | SIPDIAG_M_PUBLISH)

const sipdiag_method_row_t sipdiag_method_rows[] = {
    { .code = 100, .methods = SIPDIAG_M_NON_INVITE, .key = "100/non-INVITE", .severity = SIPDIAG_SEV_CHAT,
      .summary = "a stateful element has the request — nothing to do, its final response follows",
      .description = "A 100 to a non-INVITE request only says that a stateful element holds it. Unlike an "
                     "INVITE's 100 it does not stop the client's retransmissions: over UDP they go on every T2 "
                     "(4 s) until the final response, which must come within 32 s (Timer F).",
      .fix = "Nothing to fix. If no final response follows within 32 s, look at the element that sent the 100 "
             "and the hops after it.",
      .reference = "RFC 3261 §17.1.2.2, RFC 4320 §4.1" },

    { .code = 200, .methods = SIPDIAG_M_CANCEL, .key = "200/CANCEL", .severity = SIPDIAG_SEV_CHAT,
      .summary = "the CANCEL matched a pending INVITE — the INVITE ends with its own 487 (or 2xx)",
      .description = "The CANCEL found the INVITE transaction it names still in progress. It does not end the "
                     "call itself: the INVITE gets its own final response, normally 487 Request Terminated. If "
                     "the callee answered before the CANCEL arrived, a 2xx comes instead; the caller must then "
                     "ACK it and send BYE.",
      .fix = "Nothing to fix. Find the INVITE's final response; if it is a 2xx, check that ACK and BYE follow.",
      .reference = "RFC 3261 §9.2" },
    { .code = 200, .methods = SIPDIAG_M_REGISTER, .key = "200/REGISTER", .severity = SIPDIAG_SEV_CHAT,
      .summary = "registration accepted — compare the expiry granted per Contact with the one asked for",
      .description = "The registrar accepted the REGISTER. Its 200 lists every Contact now bound to the address "
                     "of record, each with the expiry the registrar granted, which may be shorter than the one "
                     "asked for. Contacts this phone did not send belong to other devices, or are stale "
                     "bindings to which calls will still fork.",
      .fix = "Check each Contact's expires against the request: the phone must refresh before the shortest "
             "runs out. Remove stale bindings if calls ring devices that are gone.",
      .reference = "RFC 3261 §10.3, §10.2.4" },
    { .code = 200, .methods = SIPDIAG_M_NON_INVITE, .key = "200/non-INVITE", .severity = SIPDIAG_SEV_CHAT,
      .summary = "the request succeeded — nothing to do",
      .description = "The request succeeded and its transaction is over: a non-INVITE transaction ends with its "
                     "final response, and a repeated copy of that response only answers a retransmitted "
                     "request.",
      .fix = "Nothing to fix.",
      .reference = "RFC 3261 §17.1.2, §17.2.2" },

    { .code = 202, .methods = SIPDIAG_M_SUBSCRIBE, .key = "202/SUBSCRIBE", .severity = SIPDIAG_SEV_CHAT,
      .summary = "subscription accepted — 202 is deprecated for SUBSCRIBE and means the same as 200",
      .description = "The notifier accepted the subscription. RFC 6665 deprecated 202 for SUBSCRIBE; "
                     "subscribers treat it exactly as 200, and the state of the subscription arrives in the "
                     "NOTIFY that follows at once.",
      .fix = "Nothing to fix. Look for the first NOTIFY and its Subscription-State.",
      .reference = "RFC 6665" },
    { .code = 202, .methods = SIPDIAG_M_MESSAGE, .key = "202/MESSAGE", .severity = SIPDIAG_SEV_CHAT,
      .summary = "message accepted for later delivery — not yet delivered to the recipient",
      .description = "A 202 to MESSAGE says an element accepted the message for store-and-forward delivery, "
                     "not that the recipient got it (a 200 would say that).",
      .fix = "Nothing to fix. If the message never arrives, look at the store-and-forward server that "
             "answered.",
      .reference = "RFC 3428" },

    { .code = 401, .methods = SIPDIAG_M_CANCEL | SIPDIAG_M_ACK, .key = "401/CANCEL-ACK",
      .severity = SIPDIAG_SEV_WARN,
      .summary = "a CANCEL or ACK was challenged — they cannot be resent with credentials, the server errs",
      .description = "A CANCEL or an ACK cannot be resubmitted with credentials, so a server must not challenge "
                     "it: it has to accept it if it comes from the same hop as the request it refers to.",
      .fix = "Fix the server's authentication policy: exempt CANCEL and ACK, as RFC 3261 asks.",
      .reference = "RFC 3261 §22.1" },
    { .code = 407, .methods = SIPDIAG_M_CANCEL | SIPDIAG_M_ACK, .key = "407/CANCEL-ACK",
      .severity = SIPDIAG_SEV_WARN,
      .summary = "a CANCEL or ACK was challenged — they cannot be resent with credentials, the proxy errs",
      .description = "A CANCEL or an ACK cannot be resubmitted with credentials, so a proxy must not challenge "
                     "it: it has to accept it if it comes from the same hop as the request it refers to.",
      .fix = "Fix the proxy's authentication policy: exempt CANCEL and ACK, as RFC 3261 asks.",
      .reference = "RFC 3261 §22.1" },

    { .code = 403, .methods = SIPDIAG_M_REGISTER, .key = "403/REGISTER", .severity = SIPDIAG_SEV_WARN,
      .summary = "this user may not register this address of record — check the account and its identities",
      .description = "The registrar refuses to bind this address of record for this user: the authentication "
                     "user does not own the To URI, the account is disabled or not allowed to register from "
                     "this address, or the source is blocked (many servers also answer a wrong password so).",
      .fix = "Check that the authentication user and the To URI belong to the same account, that the "
             "account is enabled, and any IP or registration restrictions and blocklists on the server.",
      .reference = "RFC 3261 §10.3, §21.4.4" },

    { .code = 404, .methods = SIPDIAG_M_REGISTER, .key = "404/REGISTER", .severity = SIPDIAG_SEV_WARN,
      .summary = "the registrar does not know this address of record — check user, domain and realm",
      .description = "The registrar has no such address of record in the domain of the Request-URI: the user "
                     "name is wrong or not provisioned, or the phone registers to a domain this registrar "
                     "does not serve.",
      .fix = "Check the user name, the registrar domain (the Request-URI of the REGISTER) and the To URI "
             "against the account on the server.",
      .reference = "RFC 3261 §10.3, §21.4.5" },
    { .code = 404, .methods = SIPDIAG_M_SUBSCRIBE, .key = "404/SUBSCRIBE", .severity = SIPDIAG_SEV_NOTE,
      .summary = "nothing to subscribe to at that URI — e.g. no mailbox for message-waiting; calls may work",
      .description = "The notifier has no resource at the Request-URI for this event package: for "
                     "message-summary, no voicemail box is provisioned; for presence or dialog (busy lamp), "
                     "no such user is monitored. Calls to the same user may work all the same.",
      .fix = "Provision the mailbox or the monitored extension, or remove the subscription from the phone's "
             "configuration (its message-waiting or busy-lamp keys).",
      .reference = "RFC 6665, RFC 3842" },

    { .code = 405, .methods = OPTIONAL_METHODS, .key = "405/optional", .severity = SIPDIAG_SEV_NOTE,
      .summary = "an optional method is not allowed there — the UA falls back, nothing breaks",
      .description = "The peer does not allow this method, which a UA can do without (UPDATE, INFO, MESSAGE, "
                     "SUBSCRIBE, PUBLISH). The Allow header lists what it does accept; a well-behaved UA "
                     "falls back (re-INVITE instead of UPDATE, RTP events instead of INFO).",
      .fix = "Nothing to fix unless the feature is needed: then enable the method on the peer, or configure "
             "the UA not to use it there.",
      .reference = "RFC 3261 §21.4.6, §8.1.3.5" },
    { .code = 501, .methods = OPTIONAL_METHODS, .key = "501/optional", .severity = SIPDIAG_SEV_NOTE,
      .summary = "an optional method is not implemented there — the UA falls back, nothing breaks",
      .description = "The peer does not implement this method, which a UA can do without (UPDATE, INFO, "
                     "MESSAGE, SUBSCRIBE, PUBLISH). A well-behaved UA falls back (re-INVITE instead of "
                     "UPDATE, RTP events instead of INFO) and stops sending it there.",
      .fix = "Nothing to fix unless the feature is needed there; then the peer needs the extension.",
      .reference = "RFC 3261 §21.5.2" },

    { .code = 408, .methods = SIPDIAG_M_INVITE | SIPDIAG_M_UPDATE, .dialog = SIPDIAG_DIALOG_INSIDE,
      .key = "408/in-dialog", .severity = SIPDIAG_SEV_ERROR,
      .summary = "a re-INVITE or UPDATE timed out — the caller should end the call now",
      .description = "A request inside the call (a session refresh, a hold, a media change) got no answer in "
                     "time. A UA that gets 408 to a request in a dialog should end the dialog, so the call is "
                     "about to drop, or has been dropped by a session timer.",
      .fix = "Check that the Contact and Record-Route of the call still lead to the peer (NAT bindings that "
             "expired, an SBC or proxy that restarted) and that the peer is up.",
      .reference = "RFC 3261 §12.2.1.2, RFC 4028 §10" },
    { .code = 408, .methods = SIPDIAG_M_NON_INVITE, .key = "408/non-INVITE", .severity = SIPDIAG_SEV_ERROR,
      .summary = "a proxy gave up on a non-INVITE request — the next hop did not answer within 32 s",
      .description = "A 408 to a non-INVITE request comes from a proxy whose own transaction timed out; RFC 4320 "
                     "forbids stateful elements to send it, so the proxy predates that rule. The effect: a "
                     "REGISTER lapses, an OPTIONS marks the peer down, a BYE leaves the far leg up.",
      .fix = "Find the hop after the proxy that stayed silent (routing, firewall, a peer that is down). A UA's "
             "own timeout sends nothing on the wire, so this one came from the proxy.",
      .reference = "RFC 4320 §4.2, RFC 3261 §16.7" },

    { .code = 480, .methods = SIPDIAG_M_OPTIONS, .key = "480/OPTIONS", .severity = SIPDIAG_SEV_CHAT,
      .summary = "the peer answered OPTIONS — it is alive, it would refuse a call right now",
      .description = "An answer to OPTIONS shows the peer is reachable and working; 480 only says how it would "
                     "answer an INVITE at this moment. As a keep-alive, it means \"up\".",
      .fix = "Nothing to fix. A monitor should count any answer to OPTIONS as alive.",
      .reference = "RFC 3261 §11.2" },
    { .code = 486, .methods = SIPDIAG_M_OPTIONS, .key = "486/OPTIONS", .severity = SIPDIAG_SEV_CHAT,
      .summary = "the peer answered OPTIONS — it is alive, it would answer a call with busy",
      .description = "An answer to OPTIONS shows the peer is reachable and working; 486 only says it would "
                     "answer an INVITE with busy at this moment. As a keep-alive, it means \"up\".",
      .fix = "Nothing to fix. A monitor should count any answer to OPTIONS as alive.",
      .reference = "RFC 3261 §11.2" },

    { .code = 481, .methods = SIPDIAG_M_INVITE | SIPDIAG_M_UPDATE, .dialog = SIPDIAG_DIALOG_INSIDE,
      .key = "481/in-dialog", .severity = SIPDIAG_SEV_ERROR,
      .summary = "the peer no longer knows the call — a re-INVITE or UPDATE failed and the call ends",
      .description = "The peer has no dialog for this re-INVITE or UPDATE: it dropped the call (restart, "
                     "failover, its own session timer). A UA that gets 481 in a dialog ends the dialog, so "
                     "the call is gone.",
      .fix = "Find why the peer lost the call: its logs around this time, an SBC or B2BUA failover, a device "
             "that rewrote Call-ID or tags.",
      .reference = "RFC 3261 §12.2.1.2, RFC 5057 §5.1" },
    { .code = 481, .methods = SIPDIAG_M_BYE, .key = "481/BYE", .severity = SIPDIAG_SEV_NOTE,
      .summary = "the peer had already forgotten the call — it is over anyway",
      .description = "The BYE found no dialog at the peer: the peer had ended the call already (its own BYE, a "
                     "timer, a restart). The call is over either way.",
      .fix = "Nothing to fix for one call. If every BYE gets 481, the peer loses dialogs: look for a "
             "failover or a device rewriting Call-ID or tags.",
      .reference = "RFC 3261 §15.1.2" },
    { .code = 481, .methods = SIPDIAG_M_CANCEL, .key = "481/CANCEL", .severity = SIPDIAG_SEV_NOTE,
      .summary = "the CANCEL matched no pending INVITE — the final response was probably already sent",
      .description = "No INVITE transaction in progress matched the CANCEL: the INVITE had already got its final "
                     "response (the CANCEL crossed it), or the CANCEL differs from the INVITE in the fields "
                     "that match it (Request-URI, Call-ID, From, CSeq number, top Via).",
      .fix = "Look for the INVITE's final response; if it was a 2xx, the caller must ACK it and send BYE. If "
             "no response explains it, compare the CANCEL's headers with the INVITE's.",
      .reference = "RFC 3261 §9.1, §9.2" },
    { .code = 481, .methods = SIPDIAG_M_NOTIFY, .key = "481/NOTIFY", .severity = SIPDIAG_SEV_NOTE,
      .summary = "the subscriber no longer knows this subscription — the notifier must end it",
      .description = "The subscriber has no subscription for this NOTIFY (it rebooted, or unsubscribed while the "
                     "NOTIFY was under way). The notifier must remove the subscription.",
      .fix = "Nothing to fix once. If it repeats, the notifier keeps dead subscriptions: check that it removes "
             "them on 481.",
      .reference = "RFC 6665 §4.2.2" },

    { .code = 488, .methods = SIPDIAG_M_INVITE | SIPDIAG_M_UPDATE, .dialog = SIPDIAG_DIALOG_INSIDE,
      .cond = SIPDIAG_COND_T38_ONLY, .key = "488/T.38", .severity = SIPDIAG_SEV_WARN,
      .summary = "the switch to T.38 fax was refused — the fax falls back to G.711 or fails",
      .description = "The re-INVITE offered only T.38 (m=image udptl t38), the switch a gateway or ATA makes "
                     "when it hears fax tones, and the far end refused it. The call itself stays up on its "
                     "audio codec: the fax then goes through as G.711 pass-through, or fails.",
      .fix = "Check that T.38 is enabled on the far end (gateway, ATA, SBC, carrier trunk) and that both "
             "sides agree on T38FaxVersion, T38FaxUdpEC (redundancy or FEC) and T38FaxMaxDatagram; or turn "
             "T.38 off and send fax as G.711 pass-through (no silence suppression, fixed jitter buffer).",
      .reference = "RFC 3261 §14.2, ITU-T T.38 Annex D, RFC 3362" },
    { .code = 488, .methods = SIPDIAG_M_NON_INVITE & ~(SIPDIAG_M_UPDATE | SIPDIAG_M_PRACK | SIPDIAG_M_ACK),
      .key = "488/no-offer", .severity = SIPDIAG_SEV_WARN,
      .summary = "the server will not do what this request asks here — the method carries no media offer",
      .description = "A 488 to a method that carries no session offer (REFER, MESSAGE, SUBSCRIBE, ...) is about "
                     "the request itself, not the media: the server will not do what it asks here, e.g. a "
                     "transfer it cannot carry out.",
      .fix = "Read the reason phrase and any Reason or Warning header for the server's cause.",
      .reference = "RFC 3261 §21.4.26" },

    { .code = 500, .methods = SIPDIAG_M_INVITE | SIPDIAG_M_UPDATE, .dialog = SIPDIAG_DIALOG_INSIDE,
      .cond = SIPDIAG_COND_SHORT_RETRY, .key = "500/retry-offer", .severity = SIPDIAG_SEV_NOTE,
      .summary = "the peer is still busy with an earlier offer — retry after the Retry-After delay",
      .description = "A UA that gets a re-INVITE while an earlier INVITE of the dialog is still pending, or an "
                     "offer in an UPDATE while it has not answered an earlier offer, answers 500 with a "
                     "Retry-After of up to 10 s (RFC 3261 §14.2, RFC 3311 §5.2). "
                     "Nothing failed: the session stays as it was and the sender may try again after the delay.",
      .fix = "Nothing to fix when it is rare. If it keeps happening, both sides refresh or modify the session "
             "at the same moments: stagger their session timers, or let only one side refresh.",
      .reference = "RFC 3261 §14.2, RFC 3311 §5.2" },

    { .code = 489, .methods = SIPDIAG_M_SUBSCRIBE, .key = "489/SUBSCRIBE", .severity = SIPDIAG_SEV_WARN,
      .summary = "the server has no such event package — a busy-lamp or voicemail key subscribes in vain",
      .description = "The notifier does not support the event package in the Event header (e.g. dialog for busy "
                     "lamps, message-summary for voicemail, presence). The phone key that asked will stay dark.",
      .fix = "Enable the package on the server, or remove the key or subscription from the phone. The "
             "Allow-Events header of the answer lists the packages the server has.",
      .reference = "RFC 6665" },

    { .code = 491, .methods = SIPDIAG_M_UPDATE | SIPDIAG_M_PRACK, .key = "491/UPDATE-PRACK",
      .severity = SIPDIAG_SEV_NOTE,
      .summary = "the peer has its own offer outstanding — this offer waits until that one is answered",
      .description = "The UPDATE or PRACK carried an offer while the peer had an offer of its own still "
                     "unanswered, so the peer refused it. The sender retries after a random wait.",
      .fix = "Nothing to fix once. If it repeats, both sides change the session at the same moments (session "
             "timers with equal intervals, hold and resume together).",
      .reference = "RFC 3311 §5.2, RFC 3261 §14.2" },
};

const size_t sipdiag_method_rows_count = sizeof sipdiag_method_rows / sizeof sipdiag_method_rows[0];

static const struct {
    const char *name;
    uint32_t bit;
} method_bits[] = {
    { "INVITE", SIPDIAG_M_INVITE }, { "ACK", SIPDIAG_M_ACK }, { "BYE", SIPDIAG_M_BYE },
    { "CANCEL", SIPDIAG_M_CANCEL }, { "REGISTER", SIPDIAG_M_REGISTER }, { "OPTIONS", SIPDIAG_M_OPTIONS },
    { "INFO", SIPDIAG_M_INFO }, { "UPDATE", SIPDIAG_M_UPDATE }, { "PRACK", SIPDIAG_M_PRACK },
    { "SUBSCRIBE", SIPDIAG_M_SUBSCRIBE }, { "NOTIFY", SIPDIAG_M_NOTIFY }, { "REFER", SIPDIAG_M_REFER },
    { "MESSAGE", SIPDIAG_M_MESSAGE }, { "PUBLISH", SIPDIAG_M_PUBLISH },
};

uint32_t
sipdiag_method_bit(sipdiag_span_t method)
{
    if (method.len == 0)
        return 0;
    for (size_t i = 0; i < sizeof method_bits / sizeof method_bits[0]; i++) {
        if (strlen(method_bits[i].name) == method.len && memcmp(method_bits[i].name, method.ptr, method.len) == 0)
            return method_bits[i].bit;
    }
    return SIPDIAG_M_OTHER;
}

/* Where each code's rows start (1 + index, 0: none): the rows of a code are
 * contiguous, so a lookup reads only them. Every response asks. */
static uint8_t first_row[700];

static void
index_rows(void)
{
    static bool done;
    if (done)
        return;
    for (size_t i = sipdiag_method_rows_count; i-- > 0;) {
        if (sipdiag_method_rows[i].code < sizeof first_row)
            first_row[sipdiag_method_rows[i].code] = (uint8_t)(i + 1);
    }
    done = true;
}

const sipdiag_method_row_t *
sipdiag_method_row_find(int code, sipdiag_span_t method, int in_dialog)
{
    const sipdiag_method_facts_t facts = { .in_dialog = in_dialog };
    return sipdiag_method_row_find_facts(code, method, &facts);
}

static bool
cond_holds(sipdiag_cond_t cond, const sipdiag_method_facts_t *f)
{
    switch (cond) {
    case SIPDIAG_COND_T38_ONLY:
        return f->t38_only;
    case SIPDIAG_COND_SHORT_RETRY:
        return f->short_retry;
    case SIPDIAG_COND_NONE:
        break;
    }
    return true;
}

const sipdiag_method_row_t *
sipdiag_method_row_find_facts(int code, sipdiag_span_t method, const sipdiag_method_facts_t *facts)
{
    int in_dialog = facts->in_dialog;
    index_rows();
    if (code < 0 || (size_t)code >= sizeof first_row || first_row[code] == 0)
        return NULL;
    uint32_t bit = sipdiag_method_bit(method);
    if (bit == 0)
        return NULL;
    for (size_t i = first_row[code] - 1u; i < sipdiag_method_rows_count && sipdiag_method_rows[i].code == code; i++) {
        const sipdiag_method_row_t *r = &sipdiag_method_rows[i];
        if (!(r->methods & bit))
            continue;
        /* A row for one side of the dialog line holds only when the capture shows which side. */
        if ((r->dialog == SIPDIAG_DIALOG_INSIDE && in_dialog != 1)
            || (r->dialog == SIPDIAG_DIALOG_INITIAL && in_dialog != 0) || !cond_holds(r->cond, facts))
            continue;
        return r;
    }
    return NULL;
}

/* impact.c
 * The RFC 5057 §5.1 classification of final responses to in-dialog requests, with sipdiag's notes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "impact.h"

#include <stdlib.h>
#include <string.h>

#define TRANSACTION SIPDIAG_IMPACT_TRANSACTION
#define USAGE SIPDIAG_IMPACT_USAGE
#define DIALOG SIPDIAG_IMPACT_DIALOG

/* Notes RFC 5057 §5.1 gives several codes in the same words. */
#define NOTE_CONTENT_REFUSED "Something in this message's content was refused; the usage stays, and a corrected " \
                             "request may go through."
#define NOTE_REQUEST_ONLY "Only this request was refused; the usage and the dialog carry on."

/* Every response code RFC 5057 §5.1 discusses, ascending, each once. Codes it does not name are treated
 * as it treats an unrecognised response of their class: transaction only. */
const sipdiag_impact_rule_t sipdiag_impact_rules[] = {
    /* 4xx */
    { .code = 400, .impact = TRANSACTION,
      .note = "Only this request was rejected, as with any unrecognised 4xx; the usages stay and only the "
              "local CSeq has advanced." },
    { .code = 401, .impact = TRANSACTION,
      .note = "The request, not the dialog, is challenged: resend it with credentials." },
    { .code = 402, .impact = TRANSACTION, .note = "Reserved code, handled like an unrecognised 4xx." },
    { .code = 403, .impact = USAGE,
      .note = "Ends the usage the request belongs to (the subscription for a NOTIFY or SUBSCRIBE, the "
              "call for a re-INVITE); other usages of the dialog go on." },
    { .code = 404, .impact = DIALOG,
      .note = "The target URI came from the peer's own Contact, so the dialog state is broken: the dialog "
              "and all its usages end." },
    { .code = 405, .impact = USAGE,
      .note = "The method is not allowed in this usage: that usage ends, other usages of the dialog go "
              "on." },
    { .code = 406, .impact = TRANSACTION,
      .note = NOTE_CONTENT_REFUSED },
    { .code = 407, .impact = TRANSACTION,
      .note = "The request, not the dialog, is challenged by a proxy: resend it with credentials." },
    { .code = 408, .impact = USAGE,
      .note = "Counts as a transaction timeout: the usage the request belongs to ends, and the dialog "
              "with it if no other usage is left." },
    { .code = 410, .impact = DIALOG,
      .note = "Like 404, the peer's own Contact is refused, as a URI that once worked: the dialog and all "
              "its usages end." },
    { .code = 412, .impact = TRANSACTION,
      .note = NOTE_CONTENT_REFUSED },
    { .code = 413, .impact = TRANSACTION,
      .note = NOTE_CONTENT_REFUSED },
    { .code = 414, .impact = TRANSACTION,
      .note = NOTE_CONTENT_REFUSED },
    { .code = 415, .impact = TRANSACTION,
      .note = NOTE_CONTENT_REFUSED },
    { .code = 416, .impact = DIALOG,
      .note = "Like 404, the URI scheme of the peer's own Contact is refused: the dialog and all its "
              "usages end." },
    { .code = 417, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    { .code = 420, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    { .code = 421, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    { .code = 422, .impact = TRANSACTION,
      .note = "Makes no sense inside an established usage and is handled like an unrecognised 4xx; if the "
              "request tried to start a new usage, only that attempt fails." },
    { .code = 423, .impact = TRANSACTION,
      .note = "Only this request was refused (e.g. the expiry of a re-SUBSCRIBE); the usage carries on." },
    { .code = 428, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    { .code = 429, .impact = TRANSACTION,
      .note = "Only this request (a REFER) was refused; the usage it was sent in carries on." },
    { .code = 436, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    { .code = 437, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    { .code = 438, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    { .code = 480, .impact = USAGE,
      .note = "Ends the usage the request was sent in, and no other; if Retry-After is present, wait that "
              "long before using that usage again." },
    { .code = 481, .impact = USAGE,
      .note = "The peer has lost the state of this usage: the usage ends, the dialog only if it was the "
              "last one. RFC 5057 calls this the most ambiguous case; some stacks end the whole dialog." },
    { .code = 482, .impact = DIALOG,
      .note = "Should not happen inside a dialog (a badly built Record-Route, or an in-dialog request "
              "that forked and merged); later requests would fail too, so the dialog and all usages end." },
    { .code = 483, .impact = DIALOG,
      .note = "Should not happen inside a dialog; a retry with a larger Max-Forwards may work, otherwise "
              "all usages of the dialog should be ended gracefully." },
    { .code = 484, .impact = DIALOG,
      .note = "Like 404 for the peer's own Contact: the dialog and all its usages end. (Some servers "
              "answer 484 to a REFER whose Refer-To number is incomplete; RFC 5057 does not cover that "
              "use.)" },
    { .code = 485, .impact = DIALOG,
      .note = "Like 404 for the peer's own Contact: the dialog and all its usages end." },
    { .code = 486, .impact = TRANSACTION,
      .note = "Makes no sense inside an established usage and is handled like an unrecognised 4xx; if the "
              "request tried to start a new usage (an INVITE inside a subscription's dialog), only that "
              "attempt fails." },
    { .code = 487, .impact = TRANSACTION,
      .note = "Only the cancelled request is concerned; the usage it ran in stays as it was." },
    { .code = 488, .impact = TRANSACTION,
      .note = "Only this request (its offer) was refused; the call goes on with the session it had." },
    { .code = 489, .impact = USAGE,
      .note = "Depends on the method: to a SUBSCRIBE or NOTIFY it ends that subscription; to other "
              "methods it is handled like an unrecognised 4xx (transaction only)." },
    { .code = 491, .impact = TRANSACTION,
      .note = "Request glare: only this request failed; retry after a random delay." },
    { .code = 493, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    { .code = 494, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    /* 5xx */
    { .code = 500, .impact = TRANSACTION,
      .note = "This request failed at the server, as with any unrecognised 5xx. With Retry-After, try "
              "again later; without it, the UA may retry or end the usage gracefully, as the application "
              "prefers." },
    { .code = 501, .impact = USAGE,
      .note = "Depends on the method: to a NOTIFY or SUBSCRIBE the usage cannot go on, but a 501 to INFO "
              "or an unknown method leaves the call usage intact. Other usages are never affected." },
    { .code = 502, .impact = DIALOG,
      .note = "Should not happen inside a dialog (a badly built Record-Route); later requests would fail "
              "too, so the dialog and all usages end." },
    { .code = 503, .impact = TRANSACTION,
      .note = "Handled like 500: alternative servers were already tried (RFC 3263), and it concerns the "
              "request, not the usage." },
    { .code = 504, .impact = TRANSACTION,
      .note = "Handled like an unrecognised 5xx: this request failed, the usage goes on." },
    { .code = 505, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    { .code = 513, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    { .code = 580, .impact = TRANSACTION,
      .note = NOTE_REQUEST_ONLY },
    /* 6xx */
    { .code = 600, .impact = TRANSACTION,
      .note = "The user does not want to talk now, as with any unrecognised 6xx. With Retry-After, try "
              "again later; without it, the UA may end the usage gracefully." },
    { .code = 603, .impact = TRANSACTION,
      .note = "The peer refuses what was asked, such as being put on hold or transferred; the call or "
              "subscription stays up." },
    { .code = 604, .impact = DIALOG,
      .note = "Like 404, the peer's own Contact is refused: the dialog and all its usages end." },
    { .code = 606, .impact = TRANSACTION,
      .note = "Only this request was refused (something in it is unacceptable); the usage carries on." },
};

#undef TRANSACTION
#undef USAGE
#undef DIALOG

const size_t sipdiag_impact_rules_count = sizeof(sipdiag_impact_rules) / sizeof(sipdiag_impact_rules[0]);

/* For codes with no rule, by class (code / 100). */
static const char *const class_notes[] = {
    [3] = "RFC 5057 §5.1: redirection inside a dialog is not well defined; if it has an effect, that "
          "effect reaches every usage of the dialog, not just this one.",
    [4] = "Not named in RFC 5057 §5.1; handled like an unrecognised 4xx: this request failed, the usage "
          "goes on.",
    [5] = "Not named in RFC 5057 §5.1; handled like an unrecognised 5xx: this request failed, the usage "
          "goes on.",
    [6] = "Not named in RFC 5057 §5.1; handled like an unrecognised 6xx: this request failed, the usage "
          "goes on.",
};

static const char *const impact_names[] = {
    [SIPDIAG_IMPACT_TRANSACTION] = "transaction only",
    [SIPDIAG_IMPACT_USAGE] = "ends this usage",
    [SIPDIAG_IMPACT_DIALOG] = "ends the dialog",
};

static int
rule_cmp(const void *key, const void *elem)
{
    int code = *(const int *)key;
    int rule = ((const sipdiag_impact_rule_t *)elem)->code;
    return (code > rule) - (code < rule);
}

sipdiag_impact_t
sipdiag_impact_of(int code, const char **note)
{
    const sipdiag_impact_rule_t *r = NULL;
    if (code >= 400 && code <= 699)
        r = bsearch(&code, sipdiag_impact_rules, sipdiag_impact_rules_count, sizeof sipdiag_impact_rules[0],
                    rule_cmp);
    if (note != NULL) {
        if (r != NULL)
            *note = r->note;
        else
            *note = code >= 300 && code <= 699 ? class_notes[code / 100] : NULL;
    }
    return r != NULL ? r->impact : SIPDIAG_IMPACT_TRANSACTION;
}

sipdiag_impact_t
sipdiag_impact_of_method(int code, const char *method, const char **note)
{
    sipdiag_impact_t impact = sipdiag_impact_of(code, note);
    if (method == NULL || strcmp(method, "NOTIFY") != 0 || code < 400 || code > 699 || code == 401 || code == 407
        || impact == SIPDIAG_IMPACT_DIALOG)
        return impact;
    if (note != NULL)
        *note = "A failed NOTIFY ends the subscription it belongs to (RFC 6665 §4.2.2): the notifier removes "
                "it, and the subscriber must subscribe again.";
    return SIPDIAG_IMPACT_USAGE;
}

const char *
sipdiag_impact_name(sipdiag_impact_t impact)
{
    if ((unsigned)impact >= sizeof impact_names / sizeof impact_names[0])
        return "unknown";
    return impact_names[impact];
}

/* hintrules.c
 * The hint rule table and the rules of each code (see hintrules.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hintrules.h"

#include <glib.h>
#include <string.h>

#include "diagnose.h"

const sipdiag_hint_rule_t sipdiag_hint_rules[] = {
    { "Retry-After", 0, SIPDIAG_HINT_RETRY_AFTER,
      "Retry-After", "Seconds the server asks the client to wait before retrying",
      "Retry-After asks to wait ",
      " s before trying again.", 0, { 404, 413, 480, 486, 500, 503, 600, 603 } },
    { "Allow", 0, SIPDIAG_HINT_LIST,
      "Allowed methods", "Allow header of a 405: the methods allowed for that Request-URI",
      "Methods allowed there: ", ".", 0, { 405 } },
    { "Accept", 0, SIPDIAG_HINT_LIST,
      "Accepted body types", "Accept header of a 415",
      "Body types the callee accepts: ", ".", 0, { 415 } },
    { "Accept-Encoding", 0, SIPDIAG_HINT_LIST,
      "Accepted encodings", "Accept-Encoding header of a 415",
      "Content encodings it accepts: ", ".",
      0, { 415 } },
    { "Accept-Language", 0, SIPDIAG_HINT_LIST,
      "Accepted languages", "Accept-Language header of a 415",
      "Languages it accepts: ", ".", 0,
      { 415 } },
    { "Unsupported", 0, SIPDIAG_HINT_LIST,
      "Unsupported option tags", "Unsupported header of a 420: extensions to drop from Require/Proxy-Require",
      "Remove these option tags from Require/Proxy-Require: ", ".", 0, { 420 } },
    { "Require", 0, SIPDIAG_HINT_LIST,
      "Required extensions", "Require header of a 421: extensions the server insists on",
      "Extensions the server insists on (enable them): ", ".",
      0, { 421 } },
    { "Min-Expires", 0, SIPDIAG_HINT_SECONDS,
      "Min-Expires", "Shortest registration or subscription interval the server accepts (423)",
      "Register again with Expires of at least ",
      " s.", 0, { 423 } },
    { "Min-SE", 0, SIPDIAG_HINT_SECONDS,
      "Min-SE", "Shortest session interval the server accepts (422)",
      "Send Session-Expires of at least ", " s.", 0, { 422 } },
    { "Allow-Events", 'u', SIPDIAG_HINT_LIST,
      "Supported event packages", "Allow-Events header of a 489",
      "Event packages supported there: ", ".", 0,
      { 489 } },
    { "Security-Server", 0, SIPDIAG_HINT_LIST, "Offered security mechanisms", "Security-Server header of a 494",
      "Security mechanisms the server offers: ", ".", 0, { 494 } },
    { "Accept-Resource-Priority", 0, SIPDIAG_HINT_LIST,
      "Accepted resource priorities", "Accept-Resource-Priority header of a 417",
      "Resource-Priority values accepted there: ", ".", 0, { 417 } },
    { "Recv-Info", 0, SIPDIAG_HINT_LIST,
      "Accepted Info Packages", "Recv-Info header of a 469",
      "Info Packages the peer accepts: ", ".", 0, { 469 } },
    { "Permission-Missing", 0, SIPDIAG_HINT_LIST,
      "Consent missing from", "Permission-Missing header of a 470",
      "Consent still needed from: ",
      ".", 0, { 470 } },
    { "Geolocation-Error", 0, SIPDIAG_HINT_LIST,
      "Geolocation error", "Geolocation-Error header of a 424",
      "Geolocation-Error says: ", ".", 0,
      { 424 } },
    { "AlertMsg-Error", 0, SIPDIAG_HINT_LIST,
      "Alert message error", "AlertMsg-Error header of a 425",
      "AlertMsg-Error says: ", ".", 0, { 425 } },
    { "Contact", 'm', SIPDIAG_HINT_LIST,
      "Alternative contact", "Contact of a redirection (3xx) or 485: where to try instead",
      "Try instead: ", ".", 3, { 485 } },
    { "WWW-Authenticate", 0, SIPDIAG_HINT_CHALLENGE, NULL, NULL, NULL, NULL, 0, { 401 } },
    { "Proxy-Authenticate", 0, SIPDIAG_HINT_CHALLENGE, NULL, NULL, NULL, NULL, 0, { 407 } },
    { "Warning", 0, SIPDIAG_HINT_WARNING, NULL, NULL, NULL, NULL, 0, { 0 } },
    { "Reason", 0, SIPDIAG_HINT_REASON, NULL, NULL, NULL, NULL, 0, { 0 } },
    /* Vendors' diagnostic headers, on any response ([MS-OCER]; Asterisk's chan_pjsip). */
    { "ms-diagnostics", 0, SIPDIAG_HINT_VENDOR, NULL, NULL, NULL, NULL, 0, { 0 } },
    { "ms-diagnostics-public", 0, SIPDIAG_HINT_VENDOR, NULL, NULL, NULL, NULL, 0, { 0 } },
    { "X-Asterisk-HangupCause", 0, SIPDIAG_HINT_VENDOR, NULL, NULL, NULL, NULL, 0, { 0 } },
    { "X-Asterisk-HangupCauseCode", 0, SIPDIAG_HINT_VENDOR, NULL, NULL, NULL, NULL, 0, { 0 } },
};

const size_t sipdiag_hint_rules_count = sizeof sipdiag_hint_rules / sizeof sipdiag_hint_rules[0];
G_STATIC_ASSERT(G_N_ELEMENTS(sipdiag_hint_rules) == SIPDIAG_HINT_RULES && SIPDIAG_HINT_RULES <= 32);

bool
sipdiag_hint_rule_applies(const sipdiag_hint_rule_t *r, int code)
{
    if (r->cls != 0 && code / 100 == r->cls)
        return true;
    if (r->codes[0] == 0)
        return r->cls == 0;
    for (size_t i = 0; i < G_N_ELEMENTS(r->codes) && r->codes[i] != 0; i++) {
        if (r->codes[i] == code)
            return true;
    }
    return false;
}

/* The rules that apply to each code, as bit sets, built once at start:
 * the rule table is scanned once per code, not per response. */
typedef struct {
    uint32_t rules;               /* bit r: rules[r] applies */
    sipdiag_letters_t letters;    /* first letters of their headers */
} code_rules_t;
static code_rules_t rules_of_code[SIPDIAG_CODE_MAX + 1];

void
sipdiag_hint_rules_init(void)
{
    for (int code = 0; code <= SIPDIAG_CODE_MAX; code++) {
        code_rules_t *c = &rules_of_code[code];
        for (size_t r = 0; r < sipdiag_hint_rules_count; r++) {
            if (sipdiag_hint_rule_applies(&sipdiag_hint_rules[r], code)) {
                c->rules |= 1u << r;
                sipdiag_letters_add(&c->letters, sipdiag_hint_rules[r].header, sipdiag_hint_rules[r].compact);
            }
        }
    }
}

static const code_rules_t *
rules_for(int code)
{
    static const code_rules_t none;
    return code < 0 || code > SIPDIAG_CODE_MAX ? &none : &rules_of_code[code];
}

uint32_t
sipdiag_hint_rules_of(int code)
{
    return rules_for(code)->rules;
}

const sipdiag_letters_t *
sipdiag_hint_letters_of(int code)
{
    return &rules_for(code)->letters;
}

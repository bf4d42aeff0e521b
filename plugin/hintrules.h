/* hintrules.h
 * Which header explains which response code, and how it reads: the hint
 * rule table (RFC 3261 and the extensions that define each header) and the
 * rules of each code, as bit sets built once. hints.c shows them. No
 * Wireshark headers: unit-tested on their own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_HINTRULES_H
#define SIPDIAG_HINTRULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sipmsg.h"

typedef enum {
    SIPDIAG_HINT_LIST,       /* a list or text shown as sent (Allow, Unsupported, Contact, ...) */
    SIPDIAG_HINT_SECONDS,    /* delta-seconds (Min-Expires, Min-SE) */
    SIPDIAG_HINT_RETRY_AFTER, /* delta-seconds with an optional comment and duration */
    SIPDIAG_HINT_CHALLENGE,  /* WWW-Authenticate, Proxy-Authenticate */
    SIPDIAG_HINT_WARNING,
    SIPDIAG_HINT_REASON,
    SIPDIAG_HINT_VENDOR      /* a vendor's diagnostic header (vendorhdr.c); lead holds its sipdiag_vendor_header_t */
} sipdiag_hint_kind_t;

typedef struct {
    const char *header;
    char compact;            /* RFC 3261 §7.3.3 compact form, or 0 */
    sipdiag_hint_kind_t kind;
    const char *field;       /* LIST, SECONDS: the value's field (sipdiag.hint.<header>), its name ... */
    const char *blurb;       /* ... and its description; registered from this table */
    const char *lead;        /* fix sentence before the value */
    const char *tail;        /* fix sentence after the value */
    uint8_t cls;             /* applies to every code of this class, or 0 */
    uint16_t codes[9];       /* or to these codes; none and no class: to every response */
} sipdiag_hint_rule_t;

/* The rules, in the order their hints are shown; at most 32 (bit sets). */
#define SIPDIAG_HINT_RULES 25
extern const sipdiag_hint_rule_t sipdiag_hint_rules[];
extern const size_t sipdiag_hint_rules_count;

/* Whether rule r explains responses with this code. */
bool sipdiag_hint_rule_applies(const sipdiag_hint_rule_t *r, int code);

/* Builds the per-code sets; call once before the two lookups below. */
void sipdiag_hint_rules_init(void);

/* The rules that apply to code, as a bit set (bit r: sipdiag_hint_rules[r]). */
uint32_t sipdiag_hint_rules_of(int code);

/* The first letters of their headers (long and compact forms). */
const sipdiag_letters_t *sipdiag_hint_letters_of(int code);

#endif /* SIPDIAG_HINTRULES_H */

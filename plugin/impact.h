/* impact.h
 * What a final response to a request sent inside a dialog does to that dialog, after the survey of
 * failure responses in RFC 5057 §5.1: it concerns only the transaction, it ends the usage the request
 * belongs to (the call of an INVITE, a subscription), or it ends the dialog and every usage in it.
 * RFC 5057 is informational; where the effect depends on the method, the rule's note says so.
 * Plain C, no Wireshark headers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_IMPACT_H
#define SIPDIAG_IMPACT_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    SIPDIAG_IMPACT_TRANSACTION = 0, /* only this request failed; the dialog and its usages go on */
    SIPDIAG_IMPACT_USAGE,           /* the usage the request belongs to ends; other usages go on */
    SIPDIAG_IMPACT_DIALOG           /* the dialog and all its usages end */
} sipdiag_impact_t;

typedef struct {
    uint16_t code;            /* 400..699 */
    sipdiag_impact_t impact;
    const char *note;         /* why, in our words; names the methods where the effect depends on them */
} sipdiag_impact_rule_t;

/* The responses RFC 5057 §5.1 discusses, sorted by code, each once. */
extern const sipdiag_impact_rule_t sipdiag_impact_rules[];
extern const size_t sipdiag_impact_rules_count;

/* Impact of a final response `code` to an in-dialog request; 2xx/1xx and unlisted codes: transaction only.
 * If note is not NULL it receives the rule's note, a note for the class of an unlisted 3xx-6xx code,
 * or NULL below 300 and above 699. */
sipdiag_impact_t sipdiag_impact_of(int code, const char **note);

/* The same for a request of this method (NULL: unknown). A NOTIFY follows
 * RFC 6665 §4.2.2 rather than RFC 5057: any failure other than a 401/407
 * challenge ends the subscription. */
sipdiag_impact_t sipdiag_impact_of_method(int code, const char *method, const char **note);

/* "transaction only", "ends this usage", "ends the dialog"; "unknown" for a value outside the enum. */
const char *sipdiag_impact_name(sipdiag_impact_t impact);

#endif /* SIPDIAG_IMPACT_H */

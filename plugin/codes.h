/* codes.h
 * sipdiag's knowledge of SIP response codes: the IANA registry, our
 * explanations, default severities and the reason phrases vendors use.
 * Plain C: no Wireshark header may be included here (unit tests and the
 * fuzzer link this without epan).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_CODES_H
#define SIPDIAG_CODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Our own severity scale; the glue maps it onto Wireshark's PI_* levels. */
typedef enum {
    SIPDIAG_SEV_CHAT = 0,   /* normal call flow, nothing to do */
    SIPDIAG_SEV_NOTE,       /* a state of caller or callee, no fix needed */
    SIPDIAG_SEV_WARN,       /* configuration or capability fault: a human must act */
    SIPDIAG_SEV_ERROR       /* a server or the network failed */
} sipdiag_severity_t;

/* One registered response code. */
typedef struct {
    uint16_t code;               /* 100..699 */
    const char *phrase;          /* reason phrase as registered by IANA */
    const char *reference;       /* defining document and section, e.g. "RFC 3261 §21.4.24" */
    const char *summary;         /* one line for the expert item: meaning — action */
    const char *description;     /* what the code means, for the person debugging the call */
    const char *fix;             /* what to check or change */
    sipdiag_severity_t severity; /* default severity (policy in README.md) */
} sipdiag_code_t;

/* A reason phrase that a vendor sends instead of the registered one. */
typedef struct {
    uint16_t code;
    const char *phrase;          /* the phrase as the vendor sends it */
    const char *note;            /* who uses it and what it means */
} sipdiag_alias_t;

/* An unregistered code a proxy sends with its own meaning, known by a piece
 * of the phrase it sends with it (Kamailio, OpenSIPS): it explains the
 * response instead of the RFC 3261 §8.1.3.2 fallback's text. */
typedef struct {
    uint16_t code;
    const char *fragment;        /* in the vendor's phrase (case-insensitive) */
    const char *key;             /* sipdiag.knowledge: "<code>/<vendor>", e.g. "477/Kamailio" */
    const char *reference;       /* the vendor's source that sends it */
    const char *summary;
    const char *description;
    const char *fix;
    sipdiag_severity_t severity;
} sipdiag_vendor_code_t;

extern const sipdiag_vendor_code_t sipdiag_vendor_codes[];
extern const size_t sipdiag_vendor_codes_count;

/* The registered codes, sorted by code, each exactly once. */
extern const sipdiag_code_t sipdiag_codes[];
extern const size_t sipdiag_codes_count;

/* Known vendor phrases, sorted by code. */
/* "chat", "note", "warning", "error": the one spelling of each severity
 * (fields, statistics, the user table); "unknown" outside the scale. */
const char *sipdiag_severity_name(sipdiag_severity_t severity);

/* "Provisional" ... "Global failure" for classes 1 to 6, NULL otherwise. */
const char *sipdiag_class_name(unsigned cls);

extern const sipdiag_alias_t sipdiag_aliases[];
extern const size_t sipdiag_aliases_count;

#endif /* SIPDIAG_CODES_H */

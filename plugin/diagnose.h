/* diagnose.h
 * Turns what a SIP response says (its status line) into a diagnosis: which
 * registered code explains it, whether the code is valid, and how its reason
 * phrase compares with the registry. Plain C, no Wireshark headers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_DIAGNOSE_H
#define SIPDIAG_DIAGNOSE_H

#include "codes.h"

/* Lowest and highest status code RFC 3261 §7.2 allows. */
#define SIPDIAG_CODE_MIN 100
#define SIPDIAG_CODE_MAX 699

typedef enum {
    SIPDIAG_CODE_REGISTERED = 0, /* in the IANA registry */
    SIPDIAG_CODE_UNRECOGNISED,   /* in range but unregistered: RFC 3261 §8.1.3.2 fallback */
    SIPDIAG_CODE_INVALID         /* outside 100..699, or not three digits */
} sipdiag_code_status_t;

typedef enum {
    SIPDIAG_REASON_REGISTERED = 0, /* the registry's phrase (letter case aside) */
    SIPDIAG_REASON_ALIAS,          /* a phrase known from real equipment */
    SIPDIAG_REASON_DIFFERENT,      /* some other phrase */
    SIPDIAG_REASON_EMPTY           /* no phrase at all (the grammar allows it) */
} sipdiag_reason_match_t;

/* A status line cut into its parts. Pointers point into the caller's buffer. */
typedef struct {
    const char *version;     /* the SIP-Version token: the line up to its first space */
    size_t version_len;
    const char *code_text;   /* the Status-Code token as sent */
    size_t code_len;
    int code;                /* its value, or -1 unless it is exactly three digits */
    const char *reason;      /* the Reason-Phrase, without line ending */
    size_t reason_len;
} sipdiag_status_line_t;

typedef struct {
    int code;                      /* as sent, -1 when not three digits */
    sipdiag_code_status_t status;
    const sipdiag_code_t *row;     /* the row that explains it; NULL when invalid */
    sipdiag_reason_match_t reason_match;
    const sipdiag_alias_t *alias;  /* set when reason_match is SIPDIAG_REASON_ALIAS */
    const sipdiag_vendor_code_t *vendor; /* an unregistered code a known proxy explains by its phrase, or NULL */
    bool user;                     /* row is the user's (their code table), not one of sipdiag_codes[] */
} sipdiag_diag_t;

/* Builds the code-to-row index of the registered codes. Call once before any lookup. */
void sipdiag_codes_init(void);

/* The registered row for code (sipdiag_codes[], never a user's row), or NULL. Constant time. */
const sipdiag_code_t *sipdiag_code_find(int code);

/* The user's code table, laid over the index that sipdiag_diagnose()
 * consults (the pattern of packet-dhcp.c's option UAT): clear, then set one
 * row per code. `row` (and `accepted_phrase`, a phrase taken as the
 * registered one, or NULL) must live until the next clear. */
void sipdiag_codes_user_clear(void);
void sipdiag_codes_user_set(const sipdiag_code_t *row, const char *accepted_phrase);

/* Splits "SIP/2.0 486 Busy Here" (no NUL needed). Returns false unless buf
 * starts with "SIP/" and has a space after the version token. */
bool sipdiag_status_line_parse(const char *buf, size_t len, sipdiag_status_line_t *out);

/* Diagnoses a response from its code (-1 if not three digits) and reason. */
void sipdiag_diagnose(int code, const char *reason, size_t reason_len, sipdiag_diag_t *out);

#endif /* SIPDIAG_DIAGNOSE_H */

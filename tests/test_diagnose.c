/* test_diagnose.c
 * The status-line parser and the diagnosis rules, hostile cases beside
 * normal ones.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "diagnose.h"

typedef struct {
    const char *line;
    bool ok;
    int code;
    const char *code_text;
    const char *reason;
} parse_case_t;

static const parse_case_t parse_cases[] = {
    { "SIP/2.0 486 Busy Here", true, 486, "486", "Busy Here" },
    { "SIP/2.0 486 Busy Here\r\n", true, 486, "486", "Busy Here" },
    { "sip/2.0 200 OK", true, 200, "200", "OK" },
    { "SIP/2.0 486 ", true, 486, "486", "" },
    { "SIP/2.0 404", true, 404, "404", "" },
    { "SIP/2.0 1000 Four Digits", true, -1, "1000", "Four Digits" },
    { "SIP/2.0 4x6 Letters", true, -1, "4x6", "Letters" },
    { "SIP/2.0 -12 Sign", true, -1, "-12", "Sign" },
    { "SIP/2.0 099 Too Low", true, 99, "099", "Too Low" },
    { "SIP/2.0  486 Two Spaces", true, -1, "", "486 Two Spaces" },
    { "SIP/2.0", false, -1, NULL, NULL },
    { "SIP/", false, -1, NULL, NULL },
    { "INVITE sip:a@b SIP/2.0", false, -1, NULL, NULL },
    { "", false, -1, NULL, NULL },
};

static void
test_status_line_parse(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(parse_cases); i++) {
        const parse_case_t *c = &parse_cases[i];
        sipdiag_status_line_t sl;
        g_test_message("line %zu: \"%s\"", i, c->line);
        g_assert_cmpint(sipdiag_status_line_parse(c->line, strlen(c->line), &sl), ==, c->ok);
        g_assert_cmpint(sl.code, ==, c->code);
        if (!c->ok)
            continue;
        g_assert_cmpmem(sl.code_text, sl.code_len, c->code_text, strlen(c->code_text));
        g_assert_cmpmem(sl.reason, sl.reason_len, c->reason, strlen(c->reason));
    }
}

/* No NUL terminator and no reading past len. */
static void
test_status_line_unterminated(void)
{
    char buf[16];
    sipdiag_status_line_t sl;
    memcpy(buf, "SIP/2.0 486 BusyXXXX", 16);
    g_assert_true(sipdiag_status_line_parse(buf, 16, &sl));
    g_assert_cmpint(sl.code, ==, 486);
    g_assert_cmpmem(sl.reason, sl.reason_len, "Busy", 4);
    g_assert_false(sipdiag_status_line_parse(NULL, 0, &sl));
}

/* The version token: "SIP/2.0" when the separator is right, longer when a tab
 * or a missing space glues it to the code. */
static void
test_status_line_version(void)
{
    sipdiag_status_line_t sl;
    g_assert_true(sipdiag_status_line_parse("SIP/2.0 486 Busy", 16, &sl));
    g_assert_cmpmem(sl.version, sl.version_len, "SIP/2.0", 7);
    g_assert_true(sipdiag_status_line_parse("SIP/2.0\t486 Busy", 16, &sl));
    g_assert_cmpmem(sl.version, sl.version_len, "SIP/2.0\t486", 11);
    g_assert_cmpint(sl.code, ==, -1);
    g_assert_true(sipdiag_status_line_parse("SIP/2.0486 Busy Here", 20, &sl));
    g_assert_cmpmem(sl.version, sl.version_len, "SIP/2.0486", 10);
}

typedef struct {
    int code;
    const char *reason;
    sipdiag_code_status_t status;
    int row;          /* code of the explaining row, 0 for none */
    sipdiag_reason_match_t match;
} diag_case_t;

static const diag_case_t diag_cases[] = {
    { 486, "Busy Here", SIPDIAG_CODE_REGISTERED, 486, SIPDIAG_REASON_REGISTERED },
    { 486, "busy here", SIPDIAG_CODE_REGISTERED, 486, SIPDIAG_REASON_REGISTERED },
    { 486, "User Busy", SIPDIAG_CODE_REGISTERED, 486, SIPDIAG_REASON_DIFFERENT },
    { 486, "", SIPDIAG_CODE_REGISTERED, 486, SIPDIAG_REASON_EMPTY },
    { 487, "Request Cancelled", SIPDIAG_CODE_REGISTERED, 487, SIPDIAG_REASON_ALIAS },
    { 502, "DNS Data Incorrect", SIPDIAG_CODE_REGISTERED, 502, SIPDIAG_REASON_ALIAS },
    /* RFC 3261 §8.1.3.2: x yz as x00, provisional as 183. */
    { 499, "Custom", SIPDIAG_CODE_UNRECOGNISED, 400, SIPDIAG_REASON_DIFFERENT },
    { 599, "Custom", SIPDIAG_CODE_UNRECOGNISED, 500, SIPDIAG_REASON_DIFFERENT },
    { 699, "Custom", SIPDIAG_CODE_UNRECOGNISED, 600, SIPDIAG_REASON_DIFFERENT },
    { 198, "Custom", SIPDIAG_CODE_UNRECOGNISED, 183, SIPDIAG_REASON_DIFFERENT },
    { 299, "Custom", SIPDIAG_CODE_UNRECOGNISED, 200, SIPDIAG_REASON_DIFFERENT },
    { 399, "Custom", SIPDIAG_CODE_UNRECOGNISED, 300, SIPDIAG_REASON_DIFFERENT },
    { 0, "Zero", SIPDIAG_CODE_INVALID, 0, SIPDIAG_REASON_DIFFERENT },
    { 99, "Low", SIPDIAG_CODE_INVALID, 0, SIPDIAG_REASON_DIFFERENT },
    { 700, "High", SIPDIAG_CODE_INVALID, 0, SIPDIAG_REASON_DIFFERENT },
    { 999, "High", SIPDIAG_CODE_INVALID, 0, SIPDIAG_REASON_DIFFERENT },
    { -1, "Not digits", SIPDIAG_CODE_INVALID, 0, SIPDIAG_REASON_DIFFERENT },
    { 100000, "Huge", SIPDIAG_CODE_INVALID, 0, SIPDIAG_REASON_DIFFERENT },
};

static void
test_diagnose(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(diag_cases); i++) {
        const diag_case_t *c = &diag_cases[i];
        sipdiag_diag_t d;
        g_test_message("case %zu: %d \"%s\"", i, c->code, c->reason);
        sipdiag_diagnose(c->code, c->reason, strlen(c->reason), &d);
        g_assert_cmpint(d.status, ==, c->status);
        g_assert_cmpint(d.row != NULL ? d.row->code : 0, ==, c->row);
        g_assert_cmpint(d.reason_match, ==, c->match);
    }
}

/* The user's table laid over the index: its rows speak for their codes
 * (registered or not), its phrase for a registered code is accepted beside
 * the registry's, and clearing the overlay brings the built-in rows back. */
static void
test_user_overlay(void)
{
    static const sipdiag_code_t own499 = { .code = 499, .phrase = "Carrier Blocked", .reference = "user code table",
                                           .summary = "s", .description = "d", .fix = "f",
                                           .severity = SIPDIAG_SEV_ERROR };
    static const sipdiag_code_t own486 = { .code = 486, .phrase = "Busy Here", .reference = "RFC 3261 §21.4.24",
                                           .summary = "s", .description = "d", .fix = "f",
                                           .severity = SIPDIAG_SEV_NOTE };
    sipdiag_diag_t d;
    sipdiag_codes_user_set(&own499, NULL);
    sipdiag_codes_user_set(&own486, "Line Busy");
    sipdiag_diagnose(499, "Carrier Blocked", 15, &d);
    g_assert_true(d.user);
    g_assert_true(d.row == &own499);
    g_assert_cmpint(d.status, ==, SIPDIAG_CODE_REGISTERED);
    g_assert_cmpint(d.reason_match, ==, SIPDIAG_REASON_REGISTERED);
    g_assert_null(d.vendor);
    sipdiag_diagnose(486, "line busy", 9, &d);
    g_assert_true(d.row == &own486);
    g_assert_cmpint(d.reason_match, ==, SIPDIAG_REASON_REGISTERED);
    sipdiag_diagnose(486, "Busy Here", 9, &d);
    g_assert_cmpint(d.reason_match, ==, SIPDIAG_REASON_REGISTERED);
    sipdiag_diagnose(486, "Occupied", 8, &d);
    g_assert_cmpint(d.reason_match, ==, SIPDIAG_REASON_DIFFERENT);
    /* The registry lookup never returns a user's row. */
    g_assert_null(sipdiag_code_find(499));
    g_assert_false(sipdiag_code_find(486) == &own486);
    sipdiag_codes_user_clear();
    sipdiag_diagnose(499, "Carrier Blocked", 15, &d);
    g_assert_false(d.user);
    g_assert_cmpint(d.status, ==, SIPDIAG_CODE_UNRECOGNISED);
    g_assert_cmpint(d.row->code, ==, 400);
    sipdiag_diagnose(486, "Line Busy", 9, &d);
    g_assert_cmpint(d.reason_match, ==, SIPDIAG_REASON_DIFFERENT);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    sipdiag_codes_init();
    g_test_add_func("/diagnose/status_line_parse", test_status_line_parse);
    g_test_add_func("/diagnose/status_line_unterminated", test_status_line_unterminated);
    g_test_add_func("/diagnose/status_line_version", test_status_line_version);
    g_test_add_func("/diagnose/diagnose", test_diagnose);
    g_test_add_func("/diagnose/user_overlay", test_user_overlay);
    return g_test_run();
}

/* test_tables_context.c
 * Invariants of the context tables: Q.850 causes and their RFC 3398 mapping, SIP warn-codes, and the
 * RFC 5057 impact of responses to in-dialog requests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "impact.h"
#include "q850.h"
#include "warncodes.h"

static void
assert_text(const char *s)
{
    g_assert_nonnull(s);
    g_assert_cmpuint(strlen(s), >, 3);
    g_assert_true(g_utf8_validate(s, -1, NULL));
    g_assert_null(strstr(s, "  "));
    g_assert_false(g_ascii_isspace(s[0]));
    g_assert_false(g_ascii_isspace(s[strlen(s) - 1]));
}

/* ---- Q.850 ------------------------------------------------------------------------------------- */

static void
test_q850_rows(void)
{
    g_assert_cmpuint(sipdiag_q850_causes_count, >=, 60);
    for (size_t i = 0; i < sipdiag_q850_causes_count; i++) {
        const sipdiag_q850_t *c = &sipdiag_q850_causes[i];
        g_assert_cmpint(c->cause, >=, 1);
        g_assert_cmpint(c->cause, <=, SIPDIAG_Q850_MAX);
        if (i > 0)
            g_assert_cmpint(sipdiag_q850_causes[i - 1].cause, <, c->cause);
        assert_text(c->name);
        assert_text(c->meaning);
        assert_text(c->fix);
        g_assert_true(c->sip_code == 0 || (c->sip_code >= 300 && c->sip_code <= 699));
    }
}

static void
test_q850_find(void)
{
    for (size_t i = 0; i < sipdiag_q850_causes_count; i++)
        g_assert_true(sipdiag_q850_find(sipdiag_q850_causes[i].cause) == &sipdiag_q850_causes[i]);

    /* Out of range, and values Q.850 leaves unassigned. */
    static const long absent[] = { 0, -1, 128, 255, 256, -128, 10, 11, 12, 13, 15, 32, 35, 45, 48, 51, 54,
                                   59, 64, 67, 80, 89, 92, 104, 109, 112, 126, G_MAXLONG, G_MINLONG };
    for (size_t i = 0; i < G_N_ELEMENTS(absent); i++)
        g_assert_null(sipdiag_q850_find(absent[i]));

    /* Every value in range is either a row or absent, and the two agree. */
    size_t found = 0;
    for (long v = 0; v <= SIPDIAG_Q850_MAX; v++) {
        const sipdiag_q850_t *c = sipdiag_q850_find(v);
        if (c != NULL) {
            g_assert_cmpint(c->cause, ==, v);
            found++;
        }
    }
    g_assert_cmpuint(found, ==, sipdiag_q850_causes_count);

    g_assert_cmpstr(sipdiag_q850_find(17)->name, ==, "User busy");
    g_assert_cmpstr(sipdiag_q850_find(127)->name, ==, "Interworking, unspecified");
}

static void
test_q850_expected_sip(void)
{
    /* RFC 3398 §7.2.4.1. */
    static const struct { long cause; uint16_t sip; } table[] = {
        { 1, 404 },  { 2, 404 },  { 3, 404 },  { 17, 486 }, { 18, 408 }, { 19, 480 }, { 20, 480 },
        { 21, 403 }, { 22, 410 }, { 23, 410 }, { 26, 404 }, { 27, 502 }, { 28, 484 }, { 29, 501 },
        { 31, 480 }, { 34, 503 }, { 38, 503 }, { 41, 503 }, { 42, 503 }, { 47, 503 }, { 55, 403 },
        { 57, 403 }, { 58, 503 }, { 65, 488 }, { 70, 488 }, { 79, 501 }, { 87, 403 }, { 88, 503 },
        { 102, 504 }, { 111, 500 }, { 127, 500 },
    };
    size_t listed = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(table); i++) {
        g_assert_cmpuint(sipdiag_q850_expected_sip(table[i].cause), ==, table[i].sip);
        g_assert_cmpuint(sipdiag_q850_find(table[i].cause)->sip_code, ==, table[i].sip);
    }
    /* Exactly those causes carry a table value. */
    for (size_t i = 0; i < sipdiag_q850_causes_count; i++)
        listed += sipdiag_q850_causes[i].sip_code != 0;
    g_assert_cmpuint(listed, ==, G_N_ELEMENTS(table));

    /* Normal call clearing has no failure response; unlisted causes get 500; undefined ones 0. */
    g_assert_cmpuint(sipdiag_q850_find(16)->sip_code, ==, 0);
    g_assert_cmpuint(sipdiag_q850_expected_sip(16), ==, 0);
    g_assert_cmpuint(sipdiag_q850_expected_sip(4), ==, 500);
    g_assert_cmpuint(sipdiag_q850_expected_sip(96), ==, 500);
    g_assert_cmpuint(sipdiag_q850_expected_sip(0), ==, 0);
    g_assert_cmpuint(sipdiag_q850_expected_sip(10), ==, 0);
    g_assert_cmpuint(sipdiag_q850_expected_sip(128), ==, 0);
    g_assert_cmpuint(sipdiag_q850_expected_sip(-1), ==, 0);
    for (size_t i = 0; i < sipdiag_q850_causes_count; i++) {
        const sipdiag_q850_t *c = &sipdiag_q850_causes[i];
        uint16_t want = c->sip_code != 0 ? c->sip_code : c->cause == 16 ? 0 : 500;
        g_assert_cmpuint(sipdiag_q850_expected_sip(c->cause), ==, want);
    }
}

/* ---- warn-codes -------------------------------------------------------------------------------- */

static void
test_warncodes(void)
{
    /* The IANA registry as of 2026-08. */
    static const int registry[] = {
        300, 301, 302, 303, 304, 305, 306, 307, 308, 330, 331, 370, 380, 381, 399,
    };
    g_assert_cmpuint(sipdiag_warncodes_count, ==, G_N_ELEMENTS(registry));
    for (size_t i = 0; i < sipdiag_warncodes_count; i++) {
        const sipdiag_warncode_t *w = &sipdiag_warncodes[i];
        g_assert_cmpint(w->code, ==, registry[i]);
        g_assert_cmpint(w->code, >=, 300);
        g_assert_cmpint(w->code, <=, 399);
        if (i > 0)
            g_assert_cmpint(sipdiag_warncodes[i - 1].code, <, w->code);
        assert_text(w->text);
        assert_text(w->meaning);
        g_assert_true(g_str_has_prefix(w->reference, "RFC "));
        g_assert_true(sipdiag_warncode_find(w->code) == w);
    }
    g_assert_cmpstr(sipdiag_warncode_find(305)->text, ==, "Incompatible media format");
    g_assert_cmpstr(sipdiag_warncode_find(370)->text, ==, "Insufficient bandwidth");
    g_assert_null(sipdiag_warncode_find(0));
    g_assert_null(sipdiag_warncode_find(-305));
    g_assert_null(sipdiag_warncode_find(309));
    g_assert_null(sipdiag_warncode_find(400));
    g_assert_null(sipdiag_warncode_find(65841)); /* 305 + 65536: no truncation to 16 bits */
}

/* ---- RFC 5057 impact --------------------------------------------------------------------------- */

static void
test_impact_rules(void)
{
    for (size_t i = 0; i < sipdiag_impact_rules_count; i++) {
        const sipdiag_impact_rule_t *r = &sipdiag_impact_rules[i];
        g_assert_cmpint(r->code, >=, 400);
        g_assert_cmpint(r->code, <=, 699);
        if (i > 0)
            g_assert_cmpint(sipdiag_impact_rules[i - 1].code, <, r->code);
        g_assert_cmpint(r->impact, >=, SIPDIAG_IMPACT_TRANSACTION);
        g_assert_cmpint(r->impact, <=, SIPDIAG_IMPACT_DIALOG);
        assert_text(r->note);
        const char *note = NULL;
        g_assert_cmpint(sipdiag_impact_of(r->code, &note), ==, r->impact);
        g_assert_true(note == r->note);
    }
}

static void
test_impact_rfc5057(void)
{
    /* RFC 5057 §5.1. */
    static const struct { int code; sipdiag_impact_t impact; } cases[] = {
        { 400, SIPDIAG_IMPACT_TRANSACTION }, { 401, SIPDIAG_IMPACT_TRANSACTION },
        { 403, SIPDIAG_IMPACT_USAGE },       { 404, SIPDIAG_IMPACT_DIALOG },
        { 405, SIPDIAG_IMPACT_USAGE },       { 408, SIPDIAG_IMPACT_USAGE },
        { 410, SIPDIAG_IMPACT_DIALOG },      { 416, SIPDIAG_IMPACT_DIALOG },
        { 480, SIPDIAG_IMPACT_USAGE },       { 481, SIPDIAG_IMPACT_USAGE },
        { 482, SIPDIAG_IMPACT_DIALOG },      { 483, SIPDIAG_IMPACT_DIALOG },
        { 484, SIPDIAG_IMPACT_DIALOG },      { 485, SIPDIAG_IMPACT_DIALOG },
        { 486, SIPDIAG_IMPACT_TRANSACTION }, { 487, SIPDIAG_IMPACT_TRANSACTION },
        { 488, SIPDIAG_IMPACT_TRANSACTION }, { 489, SIPDIAG_IMPACT_USAGE },
        { 491, SIPDIAG_IMPACT_TRANSACTION }, { 500, SIPDIAG_IMPACT_TRANSACTION },
        { 501, SIPDIAG_IMPACT_USAGE },       { 502, SIPDIAG_IMPACT_DIALOG },
        { 503, SIPDIAG_IMPACT_TRANSACTION }, { 603, SIPDIAG_IMPACT_TRANSACTION },
        { 604, SIPDIAG_IMPACT_DIALOG },      { 606, SIPDIAG_IMPACT_TRANSACTION },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
        g_assert_cmpint(sipdiag_impact_of(cases[i].code, NULL), ==, cases[i].impact);

    /* The method-dependent ones say so. */
    const char *note = NULL;
    sipdiag_impact_of(489, &note);
    g_assert_nonnull(strstr(note, "SUBSCRIBE"));
    sipdiag_impact_of(501, &note);
    g_assert_nonnull(strstr(note, "INFO"));
}

/* RFC 6665 §4.2.2: a failed NOTIFY ends its subscription, a challenge does not. */
static void
test_impact_notify(void)
{
    const char *note = NULL;
    g_assert_cmpint(sipdiag_impact_of(500, NULL), ==, SIPDIAG_IMPACT_TRANSACTION);
    g_assert_cmpint(sipdiag_impact_of_method(500, "NOTIFY", &note), ==, SIPDIAG_IMPACT_USAGE);
    g_assert_nonnull(strstr(note, "RFC 6665"));
    g_assert_cmpint(sipdiag_impact_of_method(401, "NOTIFY", NULL), ==, SIPDIAG_IMPACT_TRANSACTION);
    g_assert_cmpint(sipdiag_impact_of_method(407, "NOTIFY", NULL), ==, SIPDIAG_IMPACT_TRANSACTION);
    g_assert_cmpint(sipdiag_impact_of_method(404, "NOTIFY", NULL), ==, SIPDIAG_IMPACT_DIALOG);
    g_assert_cmpint(sipdiag_impact_of_method(302, "NOTIFY", NULL), ==, SIPDIAG_IMPACT_TRANSACTION);
    g_assert_cmpint(sipdiag_impact_of_method(500, "INFO", NULL), ==, SIPDIAG_IMPACT_TRANSACTION);
    g_assert_cmpint(sipdiag_impact_of_method(500, NULL, NULL), ==, SIPDIAG_IMPACT_TRANSACTION);
}

static void
test_impact_unlisted(void)
{
    const char *note = "unset";

    /* 1xx and 2xx: transaction only, no note. */
    static const int ok[] = { 100, 180, 183, 200, 202, 299 };
    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        note = "unset";
        g_assert_cmpint(sipdiag_impact_of(ok[i], &note), ==, SIPDIAG_IMPACT_TRANSACTION);
        g_assert_null(note);
    }
    /* Unlisted 3xx-6xx: transaction only, with the note of their class. */
    static const int unlisted[] = { 302, 409, 422 + 8, 470, 499, 555, 599, 607, 699 };
    for (size_t i = 0; i < G_N_ELEMENTS(unlisted); i++) {
        note = NULL;
        g_assert_cmpint(sipdiag_impact_of(unlisted[i], &note), ==, SIPDIAG_IMPACT_TRANSACTION);
        assert_text(note);
    }
    /* Nonsense codes: transaction only, no note; NULL note pointer is allowed. */
    static const int bad[] = { -1, 0, 99, 700, 1000, G_MAXINT, G_MININT };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        note = "unset";
        g_assert_cmpint(sipdiag_impact_of(bad[i], &note), ==, SIPDIAG_IMPACT_TRANSACTION);
        g_assert_null(note);
        g_assert_cmpint(sipdiag_impact_of(bad[i], NULL), ==, SIPDIAG_IMPACT_TRANSACTION);
    }
}

static void
test_impact_names(void)
{
    g_assert_cmpstr(sipdiag_impact_name(SIPDIAG_IMPACT_TRANSACTION), ==, "transaction only");
    g_assert_cmpstr(sipdiag_impact_name(SIPDIAG_IMPACT_USAGE), ==, "ends this usage");
    g_assert_cmpstr(sipdiag_impact_name(SIPDIAG_IMPACT_DIALOG), ==, "ends the dialog");
    g_assert_cmpstr(sipdiag_impact_name((sipdiag_impact_t)42), ==, "unknown");
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/q850/rows_sorted_unique_texts", test_q850_rows);
    g_test_add_func("/q850/find", test_q850_find);
    g_test_add_func("/q850/expected_sip", test_q850_expected_sip);
    g_test_add_func("/warncodes/registry", test_warncodes);
    g_test_add_func("/impact/rules", test_impact_rules);
    g_test_add_func("/impact/rfc5057", test_impact_rfc5057);
    g_test_add_func("/impact/unlisted", test_impact_unlisted);
    g_test_add_func("/impact/notify", test_impact_notify);
    g_test_add_func("/impact/names", test_impact_names);
    return g_test_run();
}

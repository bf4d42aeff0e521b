/* test_codes.c
 * Invariants of the knowledge table, checked against the IANA registry
 * (tests/data/iana-response-codes.tsv) without tshark.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "codes.h"
#include "diagnose.h"

/* The 21 codes of the vendor table sipdiag started from. */
static const int vendor_codes[] = {
    400, 401, 403, 404, 405, 408, 415, 480, 481, 482, 483, 486, 487, 488, 489, 500, 501, 502, 503, 603, 606,
};

typedef struct {
    int code;
    char phrase[96];
    char rfc[16];
} iana_row_t;

static GArray *
load_iana(void)
{
    gchar *text = NULL;
    GError *err = NULL;
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(iana_row_t));

    g_assert_true(g_file_get_contents(SIPDIAG_IANA_TSV, &text, NULL, &err));
    gchar **lines = g_strsplit(text, "\n", -1);
    for (gchar **l = lines; *l != NULL; l++) {
        if (**l == '#' || **l == '\0')
            continue;
        gchar **f = g_strsplit(*l, "\t", 3);
        g_assert_cmpuint(g_strv_length(f), ==, 3);
        iana_row_t r = { .code = (int)g_ascii_strtoll(f[0], NULL, 10) };
        /* The registry marks 202 "(Deprecated)"; the phrase on the wire has no such suffix. */
        gchar *dep = strstr(f[1], " (Deprecated)");
        if (dep != NULL)
            *dep = '\0';
        g_strlcpy(r.phrase, f[1], sizeof r.phrase);
        g_strlcpy(r.rfc, f[2], sizeof r.rfc);
        g_array_append_val(rows, r);
        g_strfreev(f);
    }
    g_strfreev(lines);
    g_free(text);
    return rows;
}

static void
test_matches_registry(void)
{
    GArray *iana = load_iana();

    g_assert_cmpuint(iana->len, ==, 75);
    g_assert_cmpuint(sipdiag_codes_count, ==, iana->len);
    for (guint i = 0; i < iana->len; i++) {
        const iana_row_t *r = &g_array_index(iana, iana_row_t, i);
        const sipdiag_code_t *c = &sipdiag_codes[i];
        g_assert_cmpint(c->code, ==, r->code);
        g_assert_cmpstr(c->phrase, ==, r->phrase);
        /* The reference names the defining RFC first, then the section. */
        g_assert_true(g_str_has_prefix(c->reference, r->rfc));
    }
    g_array_free(iana, TRUE);
}

static void
test_sorted_unique_and_classes(void)
{
    for (size_t i = 0; i < sipdiag_codes_count; i++) {
        int code = sipdiag_codes[i].code;
        g_assert_cmpint(code, >=, SIPDIAG_CODE_MIN);
        g_assert_cmpint(code, <=, SIPDIAG_CODE_MAX);
        if (i > 0)
            g_assert_cmpint(sipdiag_codes[i - 1].code, <, code);
        /* Policy: normal flow is never more than chat. */
        if (code < 300)
            g_assert_cmpint(sipdiag_codes[i].severity, ==, SIPDIAG_SEV_CHAT);
    }
    /* Every class has its x00 row: RFC 3261 §8.1.3.2 falls back to it. */
    for (int x = 1; x <= 6; x++)
        g_assert_nonnull(sipdiag_code_find(x * 100));
    g_assert_nonnull(sipdiag_code_find(183));
}

static void
assert_text(const char *s)
{
    g_assert_nonnull(s);
    g_assert_cmpuint(strlen(s), >, 10);
    g_assert_true(g_utf8_validate(s, -1, NULL));
    g_assert_null(strstr(s, "  "));
    g_assert_false(g_ascii_isspace(s[strlen(s) - 1]));
}

static void
test_texts_present(void)
{
    for (size_t i = 0; i < sipdiag_codes_count; i++) {
        const sipdiag_code_t *c = &sipdiag_codes[i];
        assert_text(c->description);
        assert_text(c->fix);
        assert_text(c->summary);
        g_assert_nonnull(strstr(c->summary, " — "));
        g_assert_true(g_str_has_prefix(c->reference, "RFC "));
        g_assert_cmpint(c->severity, >=, SIPDIAG_SEV_CHAT);
        g_assert_cmpint(c->severity, <=, SIPDIAG_SEV_ERROR);
    }
}

static void
test_vendor_codes_covered(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(vendor_codes); i++)
        g_assert_nonnull(sipdiag_code_find(vendor_codes[i]));
}

static void
test_aliases(void)
{
    static const struct { int code; const char *phrase; } required[] = {
        { 481, "Call Leg/Transaction Does Not Exist" },
        { 487, "Request Cancelled" },
        { 502, "DNS Data Incorrect" },
        { 603, "Declined" },
        { 606, "Not Acceptable Here" },
    };
    for (size_t i = 0; i < sipdiag_aliases_count; i++) {
        const sipdiag_alias_t *a = &sipdiag_aliases[i];
        const sipdiag_code_t *c = sipdiag_code_find(a->code);
        g_assert_nonnull(c);
        g_assert_cmpint(g_ascii_strcasecmp(a->phrase, c->phrase), !=, 0);
        assert_text(a->note);
        if (i > 0)
            g_assert_cmpint(sipdiag_aliases[i - 1].code, <=, a->code);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(required); i++) {
        sipdiag_diag_t d;
        sipdiag_diagnose(required[i].code, required[i].phrase, strlen(required[i].phrase), &d);
        g_assert_cmpint(d.reason_match, ==, SIPDIAG_REASON_ALIAS);
    }
}

/* One spelling of each severity and class, used by fields, statistics and the user table. */
static void
test_names(void)
{
    g_assert_cmpstr(sipdiag_severity_name(SIPDIAG_SEV_CHAT), ==, "chat");
    g_assert_cmpstr(sipdiag_severity_name(SIPDIAG_SEV_NOTE), ==, "note");
    g_assert_cmpstr(sipdiag_severity_name(SIPDIAG_SEV_WARN), ==, "warning");
    g_assert_cmpstr(sipdiag_severity_name(SIPDIAG_SEV_ERROR), ==, "error");
    g_assert_cmpstr(sipdiag_severity_name((sipdiag_severity_t)7), ==, "unknown");
    g_assert_cmpstr(sipdiag_class_name(1), ==, "Provisional");
    g_assert_cmpstr(sipdiag_class_name(4), ==, "Request failure");
    g_assert_cmpstr(sipdiag_class_name(6), ==, "Global failure");
    g_assert_null(sipdiag_class_name(0));
    g_assert_null(sipdiag_class_name(7));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    sipdiag_codes_init();
    g_test_add_func("/codes/matches_registry", test_matches_registry);
    g_test_add_func("/codes/sorted_unique_and_classes", test_sorted_unique_and_classes);
    g_test_add_func("/codes/texts_present", test_texts_present);
    g_test_add_func("/codes/vendor_codes_covered", test_vendor_codes_covered);
    g_test_add_func("/codes/aliases", test_aliases);
    g_test_add_func("/codes/names", test_names);
    return g_test_run();
}

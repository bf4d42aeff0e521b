/* test_methods.c
 * The knowledge per (code, method): well-formed rows, and the row each
 * (code, method, dialog) gets.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "diagnose.h"
#include "methods.h"

static sipdiag_span_t
span(const char *s)
{
    return (sipdiag_span_t){ s, s != NULL ? strlen(s) : 0 };
}

/* Every row's code is registered, its key unique and named after its code,
 * its texts present, a code's rows together (the lookup's index needs it). */
static void
test_rows(void)
{
    GHashTable *keys = g_hash_table_new(g_str_hash, g_str_equal);
    sipdiag_codes_init();
    for (size_t i = 0; i < sipdiag_method_rows_count; i++) {
        const sipdiag_method_row_t *r = &sipdiag_method_rows[i];
        g_assert_nonnull(sipdiag_code_find(r->code));
        char prefix[8];
        g_snprintf(prefix, sizeof prefix, "%u/", r->code);
        g_assert_true(g_str_has_prefix(r->key, prefix));
        g_assert_false(g_hash_table_contains(keys, r->key));
        g_hash_table_add(keys, (gpointer)r->key);
        g_assert_cmpuint(strlen(r->summary), >, 0);
        g_assert_cmpuint(strlen(r->summary), <=, 120);
        g_assert_cmpuint(strlen(r->description), >, 0);
        g_assert_cmpuint(strlen(r->fix), >, 0);
        g_assert_true(g_str_has_prefix(r->reference, "RFC "));
        g_assert_cmpuint(r->methods, !=, 0);
        if (i > 0 && sipdiag_method_rows[i - 1].code != r->code) {
            for (size_t k = 0; k + 1 < i; k++)
                g_assert_cmpuint(sipdiag_method_rows[k].code, !=, r->code);
        }
    }
    g_hash_table_destroy(keys);
}

/* Each case: code, method, in_dialog (1, 0, -1 unknown) and the key of the
 * row that answers (NULL: the code's general text). */
static void
test_lookup(void)
{
    static const struct {
        int code;
        const char *method;
        int in_dialog;
        const char *key;
    } cases[] = {
        { 200, "INVITE", 0, NULL },
        { 200, "BYE", 1, "200/non-INVITE" },
        { 200, "CANCEL", 0, "200/CANCEL" },
        { 200, "REGISTER", -1, "200/REGISTER" },
        { 200, "FOO", 0, "200/non-INVITE" },      /* an unknown method is not INVITE */
        { 100, "INVITE", 0, NULL },
        { 100, "OPTIONS", 0, "100/non-INVITE" },
        { 486, "OPTIONS", 0, "486/OPTIONS" },
        { 486, "INVITE", 0, NULL },
        { 481, "INVITE", 1, "481/in-dialog" },
        { 481, "INVITE", -1, NULL },              /* the request is not captured: cannot tell */
        { 481, "INVITE", 0, NULL },
        { 408, "INVITE", 1, "408/in-dialog" },
        { 408, "UPDATE", 1, "408/in-dialog" },    /* the in-dialog row comes first */
        { 408, "UPDATE", 0, "408/non-INVITE" },
        { 405, "MESSAGE", 0, "405/optional" },
        { 405, "INVITE", 0, NULL },
        { 488, "REFER", 1, "488/no-offer" },
        { 488, "UPDATE", 1, NULL },               /* UPDATE carries offers */
        { 407, "CANCEL", 0, "407/CANCEL-ACK" },
        { 407, "INVITE", 0, NULL },
        { 200, NULL, 0, NULL },                   /* no CSeq method */
        { 200, "invite", 0, "200/non-INVITE" },   /* methods are case-sensitive (RFC 3261 §7.1) */
        { 999, "BYE", 0, NULL },
        { -1, "BYE", 0, NULL },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const sipdiag_method_row_t *r = sipdiag_method_row_find(cases[i].code, span(cases[i].method), cases[i].in_dialog);
        if (cases[i].key == NULL)
            g_assert_null(r);
        else
            g_assert_cmpstr(r != NULL ? r->key : "(none)", ==, cases[i].key);
    }
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/methods/rows", test_rows);
    g_test_add_func("/methods/lookup", test_lookup);
    return g_test_run();
}

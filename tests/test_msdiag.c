/* test_msdiag.c
 * Microsoft's diagnostic-code tables: ranges sorted and apart, every
 * documented code inside a range, lookups.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "msdiag.h"

static void
test_ranges(void)
{
    g_assert_cmpuint(sipdiag_msdiag_ranges_count, >=, 19);
    for (size_t i = 0; i < sipdiag_msdiag_ranges_count; i++) {
        const sipdiag_msdiag_range_t *r = &sipdiag_msdiag_ranges[i];
        g_assert_cmpuint(r->low, <=, r->high);
        g_assert_nonnull(r->area);
        if (i > 0)
            g_assert_cmpuint(sipdiag_msdiag_ranges[i - 1].high, <, r->low);
        g_assert_true(sipdiag_msdiag_range_find(r->low) == r);
        g_assert_true(sipdiag_msdiag_range_find(r->high) == r);
    }
    g_assert_nonnull(strstr(sipdiag_msdiag_range_find(13004)->area, "inbound"));
    g_assert_nonnull(strstr(sipdiag_msdiag_range_find(560403)->area, "SBC"));
    g_assert_null(sipdiag_msdiag_range_find(18000));
    g_assert_null(sipdiag_msdiag_range_find(4294967295u));
}

static void
test_codes(void)
{
    for (size_t i = 0; i < sipdiag_msdiag_codes_count; i++) {
        const sipdiag_msdiag_code_t *c = &sipdiag_msdiag_codes[i];
        if (i > 0)
            g_assert_cmpuint(sipdiag_msdiag_codes[i - 1].code, <, c->code);
        g_assert_nonnull(sipdiag_msdiag_range_find(c->code));
        g_assert_true(sipdiag_msdiag_code_find(c->code) == c);
        g_assert_cmpuint(strlen(c->reason), >, 5);
        g_assert_cmpuint(strlen(c->meaning), >, 20);
    }
    g_assert_cmpstr(sipdiag_msdiag_code_find(1003)->reason, ==, "User does not exist");
    g_assert_null(sipdiag_msdiag_code_find(12345));
    g_assert_null(sipdiag_msdiag_code_find(0));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/msdiag/ranges", test_ranges);
    g_test_add_func("/msdiag/codes", test_codes);
    return g_test_run();
}

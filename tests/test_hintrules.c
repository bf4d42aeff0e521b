/* test_hintrules.c
 * Which header explains which code: the hint rule table and the per-code
 * sets the first pass uses to pick headers while it walks a message.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "hintrules.h"

/* Whether the rule for this header applies to code. */
static bool
explains(const char *header, int code)
{
    uint32_t set = sipdiag_hint_rules_of(code);
    for (size_t r = 0; r < sipdiag_hint_rules_count; r++) {
        if (strcmp(sipdiag_hint_rules[r].header, header) == 0)
            return (set >> r) & 1u;
    }
    g_assert_not_reached();
    return false;
}

static void
test_which_header_explains_which_code(void)
{
    g_assert_true(explains("Allow", 405));             /* RFC 3261 §21.4.6 */
    g_assert_false(explains("Allow", 404));
    g_assert_true(explains("Retry-After", 503));       /* §20.33 */
    g_assert_true(explains("Retry-After", 486));
    g_assert_false(explains("Retry-After", 488));
    g_assert_true(explains("Unsupported", 420));
    g_assert_true(explains("Min-Expires", 423));
    g_assert_true(explains("Min-SE", 422));            /* RFC 4028 */
    g_assert_true(explains("Contact", 302));           /* every 3xx: where to try instead */
    g_assert_true(explains("Contact", 485));
    g_assert_false(explains("Contact", 486));
    g_assert_true(explains("WWW-Authenticate", 401));
    g_assert_true(explains("Proxy-Authenticate", 407));
    g_assert_false(explains("WWW-Authenticate", 407));
    /* Warning, Reason and vendors' diagnostics explain any response. */
    g_assert_true(explains("Warning", 200));
    g_assert_true(explains("Reason", 603));
    g_assert_true(explains("ms-diagnostics", 404));
    g_assert_cmpuint(sipdiag_hint_rules_of(-1), ==, 0);
    g_assert_cmpuint(sipdiag_hint_rules_of(1000), ==, 0);
}

static void
test_fields_named_for_their_rules(void)
{
    /* A rule that shows its value as a field names it; one that renders a subtree does not. */
    for (size_t r = 0; r < sipdiag_hint_rules_count; r++) {
        const sipdiag_hint_rule_t *h = &sipdiag_hint_rules[r];
        bool valued = h->kind == SIPDIAG_HINT_LIST || h->kind == SIPDIAG_HINT_SECONDS
                      || h->kind == SIPDIAG_HINT_RETRY_AFTER;
        g_assert_true(valued == (h->field != NULL && h->blurb != NULL));
        g_assert_true(valued == (h->lead != NULL && h->tail != NULL));
    }
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    sipdiag_hint_rules_init();
    g_test_add_func("/hintrules/which_header", test_which_header_explains_which_code);
    g_test_add_func("/hintrules/fields", test_fields_named_for_their_rules);
    return g_test_run();
}

/* test_callrules.c
 * Per-call verdicts from final responses, setup steps, RFC 6076 classes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "callrules.h"

static void
test_verdicts(void)
{
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(486, false, false)), ==, "busy");
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(600, false, false)), ==, "busy");
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(603, false, false)), ==, "declined");
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(607, false, false)), ==, "declined");
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(608, false, false)), ==, "declined");
    for (int i = 0; i < 5; i++) {
        static const int unavailable[] = { 404, 410, 480, 484, 604 };
        g_assert_cmpint(sipdiag_verdict_of_final(unavailable[i], false, false), ==, SIPDIAG_VERDICT_UNAVAILABLE);
    }
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(302, false, false)), ==, "redirected");
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(487, true, false)), ==, "cancelled");
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(487, true, true)), ==, "answered_elsewhere");
    /* A 487 without a CANCEL in the capture: the INVITE was ended some other way. */
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(487, false, false)), ==, "rejected");
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(503, false, false)), ==, "rejected");
    g_assert_cmpstr(sipdiag_verdict_name(sipdiag_verdict_of_final(699, false, false)), ==, "rejected");
    g_assert_cmpint(sipdiag_verdict_of_final(200, false, false), ==, SIPDIAG_VERDICT_NONE);
    g_assert_cmpint(sipdiag_verdict_of_final(180, false, false), ==, SIPDIAG_VERDICT_NONE);
    g_assert_cmpstr(sipdiag_verdict_name(SIPDIAG_VERDICT_UNKNOWN), ==, "unknown");
    g_assert_cmpstr(sipdiag_verdict_name((sipdiag_verdict_t)99), ==, "");
}

static void
test_steps(void)
{
    g_assert_true(sipdiag_call_step(401));
    g_assert_true(sipdiag_call_step(407));
    g_assert_true(sipdiag_call_step(422));
    g_assert_true(sipdiag_call_step(491));
    g_assert_true(sipdiag_call_step(302));
    g_assert_false(sipdiag_call_step(403));
    g_assert_false(sipdiag_call_step(486));
    g_assert_false(sipdiag_call_step(200));
}

static void
test_rfc6076(void)
{
    g_assert_true(sipdiag_rfc6076_effective(200));
    g_assert_true(sipdiag_rfc6076_effective(480));
    g_assert_true(sipdiag_rfc6076_effective(486));
    g_assert_true(sipdiag_rfc6076_effective(600));
    g_assert_true(sipdiag_rfc6076_effective(603));
    g_assert_false(sipdiag_rfc6076_effective(404));
    g_assert_false(sipdiag_rfc6076_effective(503));
    g_assert_false(sipdiag_rfc6076_effective(0));
    g_assert_true(sipdiag_rfc6076_ineffective(408));
    g_assert_true(sipdiag_rfc6076_ineffective(500));
    g_assert_true(sipdiag_rfc6076_ineffective(503));
    g_assert_true(sipdiag_rfc6076_ineffective(504));
    g_assert_false(sipdiag_rfc6076_ineffective(502));
    g_assert_false(sipdiag_rfc6076_ineffective(486));
    g_assert_true(sipdiag_register_failed(403));
    g_assert_true(sipdiag_register_failed(503));
    g_assert_false(sipdiag_register_failed(401));
    g_assert_false(sipdiag_register_failed(407));
    g_assert_false(sipdiag_register_failed(200));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/callrules/verdicts", test_verdicts);
    g_test_add_func("/callrules/steps", test_steps);
    g_test_add_func("/callrules/rfc6076", test_rfc6076);
    return g_test_run();
}

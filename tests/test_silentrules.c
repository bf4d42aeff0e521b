/* test_silentrules.c
 * The decisions behind the failures without an error response: when the
 * retransmissions of a request had stopped, when rejected credentials make
 * an attack, when a retry is too early.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "silentrules.h"

#define S(x) ((int64_t)((x) * 1e9))

/* RFC 3261 §17.1.1.2: an INVITE over UDP at 0, 0.5, 1.5, 3.5 s... */
static void
test_sends(void)
{
    sipdiag_sends_t s = { 0 };
    sipdiag_sends_add(&s, S(0));
    g_assert_cmpuint(s.sends, ==, 1);
    g_assert_false(sipdiag_sends_stopped(&s, S(30)));       /* sent once: TCP, or too little to tell */
    sipdiag_sends_add(&s, S(0.5));
    sipdiag_sends_add(&s, S(1.5));
    sipdiag_sends_add(&s, S(3.5));
    g_assert_cmpuint(s.sends, ==, 4);
    g_assert_cmpint(s.first_ns, ==, S(0));
    g_assert_cmpint(s.last_ns, ==, S(3.5));
    g_assert_cmpint(s.last_gap_ns, ==, S(2));
    g_assert_false(sipdiag_sends_stopped(&s, S(7.0)));      /* the next one is due at 7.5 */
    g_assert_false(sipdiag_sends_stopped(&s, S(7.5)));      /* quiet 4 s = 2 x gap: not more */
    g_assert_true(sipdiag_sends_stopped(&s, S(8.0)));       /* quiet 4.5 s > 4 s and > T2 */
    g_assert_false(sipdiag_sends_stopped(&s, S(1.0)));      /* an end before the last send */
    /* A late frame out of order does not move the times back. */
    sipdiag_sends_add(&s, S(2.0));
    g_assert_cmpint(s.last_ns, ==, S(3.5));
}

/* Short gaps (non-INVITE at T1 doubling) still need more than T2 of quiet. */
static void
test_sends_t2(void)
{
    sipdiag_sends_t s = { 0 };
    sipdiag_sends_add(&s, S(0));
    sipdiag_sends_add(&s, S(0.5));
    g_assert_false(sipdiag_sends_stopped(&s, S(3.0)));
    g_assert_true(sipdiag_sends_stopped(&s, S(4.6)));
}

static void
test_attack(void)
{
    sipdiag_attack_t a = { 0 };
    for (int i = 0; i < SIPDIAG_ATTACK_MIN - 1; i++)
        g_assert_false(sipdiag_attack_reject(&a, S(0.01 * i), true));
    g_assert_false(sipdiag_attack_is_on(&a, S(0.05)));
    g_assert_true(sipdiag_attack_reject(&a, S(0.05), true));         /* the fifth: an attack */
    g_assert_false(sipdiag_attack_reject(&a, S(0.06), false));       /* reported once per run */
    g_assert_cmpuint(a.rejected, ==, 6);
    g_assert_cmpuint(a.users, ==, 5);
    g_assert_true(sipdiag_attack_is_on(&a, S(10)));
    g_assert_false(sipdiag_attack_is_on(&a, S(61)));                 /* the run is over */
    /* A rejection after the window starts a new run. */
    g_assert_false(sipdiag_attack_reject(&a, S(200), true));
    g_assert_cmpuint(a.rejected, ==, 1);
    g_assert_false(a.reported);
}

/* Slow guessing, one every 61 s, never makes a run. */
static void
test_attack_slow(void)
{
    sipdiag_attack_t a = { 0 };
    for (int i = 0; i < 20; i++)
        g_assert_false(sipdiag_attack_reject(&a, S(61.0 * i), true));
    g_assert_cmpuint(a.rejected, ==, 1);
}

static void
test_retry(void)
{
    g_assert_true(sipdiag_retry_too_early(S(1), S(60)));
    g_assert_false(sipdiag_retry_too_early(S(60), S(60)));
    g_assert_false(sipdiag_retry_too_early(S(61), S(60)));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/silent/sends", test_sends);
    g_test_add_func("/silent/sends_t2", test_sends_t2);
    g_test_add_func("/silent/attack", test_attack);
    g_test_add_func("/silent/attack_slow", test_attack_slow);
    g_test_add_func("/silent/retry", test_retry);
    return g_test_run();
}

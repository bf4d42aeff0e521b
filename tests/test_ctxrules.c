/* test_ctxrules.c
 * A response's context from the facts of its transaction: the challenge
 * handshake and refused credentials, the CANCEL behind a 487, a BYE race.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "ctxrules.h"

static sipdiag_challenge_facts_t
facts(void)
{
    /* A 401 to a captured request that carried credentials on the server's latest nonce, same realm. */
    return (sipdiag_challenge_facts_t){ .request_known = true, .parsed = true, .stale = false,
                                        .credentials_sent = true, .same_realm = true,
                                        .phrase_names_nonce = false, .nonce = SIPDIAG_NONCE_LATEST };
}

static void
test_challenge(void)
{
    sipdiag_challenge_facts_t f = facts();
    g_assert_cmpint(sipdiag_ctx_challenge(&f), ==, SIPDIAG_CTX_CREDENTIALS_REJECTED);
    f.credentials_sent = false;                 /* the first challenge: the handshake */
    g_assert_cmpint(sipdiag_ctx_challenge(&f), ==, SIPDIAG_CTX_CHALLENGE);
    f = facts();
    f.same_realm = false;                       /* credentials for another realm: a new handshake */
    g_assert_cmpint(sipdiag_ctx_challenge(&f), ==, SIPDIAG_CTX_CHALLENGE);
    f = facts();
    f.stale = true;                             /* RFC 3261 §22.4 / RFC 2617: only the nonce expired */
    g_assert_cmpint(sipdiag_ctx_challenge(&f), ==, SIPDIAG_CTX_STALE_NONCE);
    f.parsed = false;                           /* stale only counts when the header could be read */
    g_assert_cmpint(sipdiag_ctx_challenge(&f), ==, SIPDIAG_CTX_CREDENTIALS_REJECTED);
    f = facts();
    f.phrase_names_nonce = true;                /* "401 nonce has changed" */
    g_assert_cmpint(sipdiag_ctx_challenge(&f), ==, SIPDIAG_CTX_NONCE_CHANGED);
    f = facts();
    f.nonce = SIPDIAG_NONCE_OLDER;
    g_assert_cmpint(sipdiag_ctx_challenge(&f), ==, SIPDIAG_CTX_NONCE_CHANGED);
    f.nonce = SIPDIAG_NONCE_UNSEEN;             /* a nonce from before the capture: cannot be judged */
    g_assert_cmpint(sipdiag_ctx_challenge(&f), ==, SIPDIAG_CTX_CREDENTIALS_UNJUDGED);
    f = facts();
    f.request_known = false;
    g_assert_cmpint(sipdiag_ctx_challenge(&f), ==, SIPDIAG_CTX_CHALLENGE_UNSEEN);
    f.stale = true;                             /* stale needs no request to be understood */
    g_assert_cmpint(sipdiag_ctx_challenge(&f), ==, SIPDIAG_CTX_STALE_NONCE);
}

static void
test_terminated(void)
{
    g_assert_cmpint(sipdiag_ctx_terminated(true, true, false), ==, SIPDIAG_CTX_CANCELLED);
    g_assert_cmpint(sipdiag_ctx_terminated(true, true, true), ==, SIPDIAG_CTX_ANSWERED_ELSEWHERE);
    g_assert_cmpint(sipdiag_ctx_terminated(true, false, false), ==, SIPDIAG_CTX_TERMINATED_UNSEEN);
    g_assert_cmpint(sipdiag_ctx_terminated(false, true, false), ==, SIPDIAG_CTX_CANCELLED_INVITE_UNSEEN);
    g_assert_cmpint(sipdiag_ctx_terminated(false, true, true), ==, SIPDIAG_CTX_ANSWERED_ELSEWHERE);
    g_assert_cmpint(sipdiag_ctx_terminated(false, false, false), ==, SIPDIAG_CTX_TERMINATED_REQUEST_UNSEEN);
}

static void
test_481(void)
{
    g_assert_cmpint(sipdiag_ctx_481(true, true), ==, SIPDIAG_CTX_BYE_RACE);
    g_assert_cmpint(sipdiag_ctx_481(true, false), ==, SIPDIAG_CTX_LOST_STATE);
    g_assert_cmpint(sipdiag_ctx_481(false, true), ==, SIPDIAG_CTX_LOST_STATE);
}

static void
test_phrase(void)
{
    g_assert_true(sipdiag_ctx_phrase_names_nonce("nonce has changed", 17));
    g_assert_true(sipdiag_ctx_phrase_names_nonce("Stale Nonce", 11));
    g_assert_false(sipdiag_ctx_phrase_names_nonce("Unauthorized", 12));
    g_assert_false(sipdiag_ctx_phrase_names_nonce("nonc", 4));
    g_assert_false(sipdiag_ctx_phrase_names_nonce(NULL, 0));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ctxrules/challenge", test_challenge);
    g_test_add_func("/ctxrules/terminated", test_terminated);
    g_test_add_func("/ctxrules/481", test_481);
    g_test_add_func("/ctxrules/phrase", test_phrase);
    return g_test_run();
}

/* ctxrules.c
 * Context decisions (see ctxrules.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ctxrules.h"

#include <glib.h>

sipdiag_ctx_kind_t
sipdiag_ctx_challenge(const sipdiag_challenge_facts_t *f)
{
    bool stale = f->parsed && f->stale;
    if (!f->request_known && !stale)
        return SIPDIAG_CTX_CHALLENGE_UNSEEN;
    if (stale)
        return SIPDIAG_CTX_STALE_NONCE;
    if (!f->credentials_sent || !f->same_realm)
        return SIPDIAG_CTX_CHALLENGE;
    if (f->phrase_names_nonce || f->nonce == SIPDIAG_NONCE_OLDER)
        return SIPDIAG_CTX_NONCE_CHANGED;
    if (f->nonce == SIPDIAG_NONCE_UNSEEN)
        return SIPDIAG_CTX_CREDENTIALS_UNJUDGED;
    return SIPDIAG_CTX_CREDENTIALS_REJECTED;
}

sipdiag_ctx_kind_t
sipdiag_ctx_terminated(bool invite_known, bool cancel_seen, bool elsewhere)
{
    if (!cancel_seen)
        return invite_known ? SIPDIAG_CTX_TERMINATED_UNSEEN : SIPDIAG_CTX_TERMINATED_REQUEST_UNSEEN;
    if (elsewhere)
        return SIPDIAG_CTX_ANSWERED_ELSEWHERE;
    return invite_known ? SIPDIAG_CTX_CANCELLED : SIPDIAG_CTX_CANCELLED_INVITE_UNSEEN;
}

sipdiag_ctx_kind_t
sipdiag_ctx_481(bool ending_request, bool crossing_bye)
{
    return ending_request && crossing_bye ? SIPDIAG_CTX_BYE_RACE : SIPDIAG_CTX_LOST_STATE;
}

bool
sipdiag_ctx_phrase_names_nonce(const char *phrase, size_t len)
{
    for (size_t i = 0; phrase != NULL && i + 5 <= len; i++) {
        if (g_ascii_strncasecmp(phrase + i, "nonce", 5) == 0)
            return true;
    }
    return false;
}

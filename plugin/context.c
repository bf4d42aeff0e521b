/* context.c
 * What the transactions and calls seen on the first pass (txnstate.c) say
 * about each response: the request it answers, a CANCEL before a 487, a
 * crossing BYE before a 481, credentials before a second challenge, a
 * retransmission.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "context.h"

#include <epan/wmem_scopes.h>

#include "calls.h"
#include "codes.h"
#include "framecache.h"
#include "impact.h"
#include "labels.h"
#include "reasons.h"
#include "silent.h"
#include "textsplit.h"
#include "txnstate.h"

/* Of a request's body, the bytes kept for its offer; SDP needs far fewer. */
#define MAX_OFFER_BYTES 4096

static int hf_sipdiag_request_frame = -1;
static int hf_sipdiag_context = -1;
static int hf_sipdiag_related_frame = -1;
static int hf_sipdiag_offered_formats = -1;
static int hf_sipdiag_dialog_impact = -1;
static int hf_sipdiag_retransmission = -1;
static int hf_sipdiag_duplicate = -1;
static int hf_sipdiag_ack_frame = -1;

/* The context expert items, registered from the table in
 * sipdiag_context_register() (their severity is their contexts'). */
enum { CTX_EI_CREDENTIALS_REJECTED, CTX_EI_STALE_NONCE, CTX_EI_CANCELLED, CTX_EI_BYE_RACE, CTX_EI_RETRANSMISSION, CTX_EI_DUPLICATE, CTX_EI_NONCE_CHANGED, CTX_EI_COUNT };
static expert_field ctx_ei[CTX_EI_COUNT];

/* What each context means; `ei` set means it replaces the code's own item. */
static const struct {
    expert_field *ei;
    sipdiag_severity_t severity;
    const char *summary;      /* expert text after "<code> <phrase>: " */
    const char *text;         /* the sipdiag.context field */
} ctx_info[SIPDIAG_CTX_COUNT] = {
    [SIPDIAG_CTX_NONE] = { NULL, SIPDIAG_SEV_CHAT, NULL, NULL },
    [SIPDIAG_CTX_CHALLENGE] = { NULL, SIPDIAG_SEV_CHAT, NULL,
        "The request carried no credentials: this challenge is the normal first step of digest "
        "authentication; the UA resends the request with credentials." },
    [SIPDIAG_CTX_CREDENTIALS_REJECTED] = { &ctx_ei[CTX_EI_CREDENTIALS_REJECTED], SIPDIAG_SEV_WARN,
        "credentials were rejected — check username, password and realm on the UA",
        "The request already carried credentials for this realm and was challenged again: the server "
        "rejected them. Check the username, password and realm configured on the UA and the account on "
        "the server." },
    [SIPDIAG_CTX_STALE_NONCE] = { &ctx_ei[CTX_EI_STALE_NONCE], SIPDIAG_SEV_NOTE,
        "only the nonce expired (stale=true) — the UA retries with the new nonce",
        "stale=true: the credentials were accepted but the nonce had expired; the UA should retry at "
        "once with the new nonce. Not a password problem." },
    [SIPDIAG_CTX_CANCELLED] = { &ctx_ei[CTX_EI_CANCELLED], SIPDIAG_SEV_CHAT,
        "the caller cancelled the call — normal",
        "The caller cancelled this INVITE with a CANCEL: 487 is the normal answer. If that is "
        "unexpected, find out why the caller gave up (user hung up, a no-answer timer)." },
    [SIPDIAG_CTX_TERMINATED_UNSEEN] = { NULL, SIPDIAG_SEV_NOTE, NULL,
        "No CANCEL for this INVITE appears in the capture: the request was ended for a reason the "
        "capture does not show (a CANCEL on another path, a timer in a proxy or SBC)." },
    [SIPDIAG_CTX_BYE_RACE] = { &ctx_ei[CTX_EI_BYE_RACE], SIPDIAG_SEV_NOTE,
        "both sides hung up at once — harmless race",
        "Both sides sent BYE at about the same time: the other side's BYE ended the dialog before this "
        "request arrived. Harmless." },
    [SIPDIAG_CTX_LOST_STATE] = { NULL, SIPDIAG_SEV_WARN, NULL,
        "The peer knows no such dialog or transaction and no crossing BYE explains it: the peer lost "
        "its state (restart, failover), the dialog timed out there, or the request reached a different "
        "box than the dialog's." },
    [SIPDIAG_CTX_GLARE] = { NULL, SIPDIAG_SEV_NOTE, NULL,
        "Both sides sent an offer at the same time (glare). Retry after a random delay, RFC 3261 §14.1: "
        "2.1 to 4 s in 10 ms steps if this side generated the Call-ID, 0 to 2 s otherwise." },
    [SIPDIAG_CTX_RETRANSMISSION] = { &ctx_ei[CTX_EI_RETRANSMISSION], SIPDIAG_SEV_CHAT,
        "retransmission, counted once",
        "The same response (transaction, code and To tag) was sent again on the same link: a "
        "retransmission, counted once." },
    [SIPDIAG_CTX_DUPLICATE] = { &ctx_ei[CTX_EI_DUPLICATE], SIPDIAG_SEV_CHAT,
        "capture duplicate, counted once",
        "The same message was captured twice within 10 ms (a mirror port, NAT or ERSPAN copy): not a "
        "retransmission and not another hop; counted once." },
    [SIPDIAG_CTX_NONCE_CHANGED] = { &ctx_ei[CTX_EI_NONCE_CHANGED], SIPDIAG_SEV_NOTE,
        "credentials on an older nonce challenged anew — not a password problem",
        "Challenged again because the nonce these credentials used is no longer valid (the reason phrase "
        "says so, or this UA had a newer nonce): not a password problem; the UA should retry with the new "
        "nonce." },
    [SIPDIAG_CTX_CREDENTIALS_UNJUDGED] = { NULL, SIPDIAG_SEV_CHAT, NULL,
        "The request carried credentials built on a nonce issued before the capture began: whether "
        "they were wrong or only their nonce had expired cannot be told from this capture." },
    [SIPDIAG_CTX_CHALLENGE_UNSEEN] = { NULL, SIPDIAG_SEV_CHAT, NULL,
        "Request not captured: whether it carried credentials, so whether this challenge is the normal "
        "first step or a rejection, cannot be told." },
    [SIPDIAG_CTX_CANCELLED_INVITE_UNSEEN] = { &ctx_ei[CTX_EI_CANCELLED], SIPDIAG_SEV_CHAT,
        "the caller cancelled the call — normal",
        "The caller cancelled this INVITE with the CANCEL in the related frame (same branch): 487 is the "
        "normal answer. The INVITE itself predates the capture." },
    [SIPDIAG_CTX_TERMINATED_REQUEST_UNSEEN] = { NULL, SIPDIAG_SEV_NOTE, NULL,
        "Neither the INVITE nor a CANCEL for it is in the capture: why the request was ended cannot "
        "be told." },
    [SIPDIAG_CTX_FORBIDDEN_CREDENTIALS] = { &ctx_ei[CTX_EI_CREDENTIALS_REJECTED], SIPDIAG_SEV_WARN,
        "credentials on the latest nonce refused — check them, then the account's rights",
        "The request carried credentials built on the server's latest nonce and was refused with 403: many "
        "servers answer wrong credentials this way instead of challenging again. If the username and "
        "password are right, the account may not do this (registering this address, calling this "
        "destination) or is disabled." },
    [SIPDIAG_CTX_ANSWERED_ELSEWHERE] = { &ctx_ei[CTX_EI_CANCELLED], SIPDIAG_SEV_CHAT,
        "answered on another device (CANCEL with Reason SIP 200) — normal",
        "The CANCEL in the related frame carried Reason: SIP;cause=200: the call was answered on another "
        "device or branch (forking, a ring group), so this branch was cancelled. Normal." },
};

void
sipdiag_context_init(void)
{
    sipdiag_txnstate_init();
}

/* "PCMU (0), PCMA (8), telephone-event (101)" from the request's SDP. Built
 * only for the few responses that refuse an offer (415, 488, 606). */
static const char *
offered_formats(sipdiag_span_t body)
{
    sipdiag_sdp_format_t f[32];
    size_t n = sipdiag_sdp_formats(body.ptr, body.len, f, G_N_ELEMENTS(f));
    if (n == 0)
        return NULL;
    wmem_strbuf_t *b = wmem_strbuf_new(wmem_file_scope(), "");
    for (size_t i = 0; i < MIN(n, G_N_ELEMENTS(f)); i++) {
        sipdiag_span_t name = f[i].name.len > 0 ? f[i].name : f[i].format;
        /* Appends, not a printf: this runs for every SDP offer of the capture. */
        if (i > 0)
            wmem_strbuf_append_len(b, ", ", 2);
        wmem_strbuf_append_len(b, name.ptr, name.len);
        wmem_strbuf_append_len(b, " (", 2);
        wmem_strbuf_append_len(b, f[i].media.ptr, f[i].media.len);
        wmem_strbuf_append_c(b, ' ');
        wmem_strbuf_append_len(b, f[i].format.ptr, f[i].format.len);
        wmem_strbuf_append_c(b, ')');
    }
    if (n > G_N_ELEMENTS(f))
        wmem_strbuf_append_printf(b, " and %zu more", n - G_N_ELEMENTS(f));
    return wmem_strbuf_finalize(b);
}

/* A fax switch: every media line of the offer is image (T.38), none audio. */
static bool
offer_t38_only(sipdiag_span_t body)
{
    sipdiag_sdp_format_t f[32];
    size_t n = sipdiag_sdp_formats(body.ptr, body.len, f, G_N_ELEMENTS(f));
    if (n == 0 || n > G_N_ELEMENTS(f))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!sipdiag_span_is(f[i].media, "image"))
            return false;
    }
    return true;
}

/* Keeps whether the request carried credentials, and their realm (empty
 * when they name none or do not parse); returns how their nonce relates to
 * the ones the server issued. */
static sipdiag_nonce_state_t
keep_credentials(sipdiag_path_t path, sipdiag_span_t value, bool *has, sipdiag_span_t *realm, sipdiag_span_t *user)
{
    sipdiag_auth_t a;
    *has = value.len > 0;
    if (!*has)
        return SIPDIAG_NONCE_NONE;
    if (sipdiag_parse_auth(value.ptr, value.len, &a) != SIPDIAG_PARSE_OK)
        return SIPDIAG_NONCE_UNSEEN;
    sipdiag_txn_keep(realm, a.realm);
    if (user->len == 0 && a.username.len > 0)
        sipdiag_txn_keep(user, a.username);
    return sipdiag_nonce_judge(path, a.realm, a.nonce);
}

bool
sipdiag_context_request(packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_path_t path)
{
    if (!m->has_cseq || m->call_id.len == 0)
        return false;
    sipdiag_txn_t *t = sipdiag_txn_find(m, m->cseq_method);
    bool is_new = t == NULL;
    if (t == NULL) {
        /* The offer's bytes, not its formats: most offers are never refused. */
        t = sipdiag_txn_add(pinfo, m, path, (sipdiag_span_t){ m->body.ptr, MIN(m->body.len, MAX_OFFER_BYTES) });
        t->in_dialog = m->to_tag.len > 0;
        t->auth_nonce = (uint8_t)keep_credentials(path, m->authorization, &t->has_auth, &t->auth_realm,
                                                  &t->auth_user);
        t->proxy_auth_nonce = (uint8_t)keep_credentials(path, m->proxy_authorization, &t->has_proxy_auth,
                                                        &t->proxy_auth_realm, &t->auth_user);
        sipdiag_silent_request(pinfo, m, t, true, path);
    } else {
        /* A retransmission keeps its first frame; a copy on another link is that link's request. */
        sipdiag_txn_request_again(pinfo, t, path);
        sipdiag_silent_request(pinfo, m, t, false, path);
    }
    static const sipdiag_span_t invite = { "INVITE", 6 }, bye = { "BYE", 3 }, cancel = { "CANCEL", 6 };
    if (sipdiag_span_equal(m->cseq_method, cancel)) {
        sipdiag_txn_t *inv = sipdiag_txn_find(m, invite);
        bool elsewhere = sipdiag_reason_answered_elsewhere(m->reason);
        t->cancel_elsewhere = t->cancel_elsewhere || elsewhere;
        if (inv != NULL && inv->cancel_frame == 0) {
            inv->cancel_frame = pinfo->num;
            inv->cancel_elsewhere = elsewhere;
            sipdiag_silent_cancelled(inv);
        }
    } else if (sipdiag_span_equal(m->cseq_method, bye) && t->leg.frame == pinfo->num) {
        sipdiag_call_bye(pinfo, m);
    }
    sipdiag_calls_request(pinfo, m, is_new);
    return is_new;
}

void
sipdiag_context_ack(packet_info *pinfo, const sipdiag_msginfo_t *m, sipdiag_path_t path)
{
    static const sipdiag_span_t invite = { "INVITE", 6 };
    int code = 0;
    uint32_t frame = 0;
    if (!m->has_cseq || m->call_id.len == 0)
        return;
    sipdiag_txn_t *t = sipdiag_txn_find(m, invite);
    if (t != NULL)
        frame = sipdiag_txn_ack(t, path, &code);
    if (frame == 0)
        frame = sipdiag_answer_ack(m, path, &code);
    if (frame != 0) {
        sipdiag_silent_acked(frame);
        sipdiag_calls_acked(pinfo, m, code);
        sipdiag_framecache_note_ack(frame, code, pinfo->num);
    }
}

/* A username for an expert message: printable, at most 64 bytes, kept
 * with the results (file scope); NULL when there is none. */
static const char *
kept_name(sipdiag_span_t name)
{
    if (name.len == 0)
        return NULL;
    return SIPDIAG_FORMAT_TEXT(wmem_file_scope(), name.ptr, sipdiag_text_prefix(name.ptr, name.len, 64));
}

/* 401 answers Authorization, 407 Proxy-Authorization (RFC 3261 §22.2,
 * §22.3). Credentials count as rejected only when they were built on the
 * server's latest nonce for the realm; on an older one the server merely
 * asks again (phones that wait long, cluster failover). */
static void
challenge_context(const sipdiag_txn_t *t, const sipdiag_msginfo_t *m, int code,
                  sipdiag_span_t phrase, sipdiag_path_t path, sipdiag_context_t *out)
{
    sipdiag_span_t challenge = code == 401 ? m->www_authenticate : m->proxy_authenticate;
    bool sent = t != NULL && (code == 401 ? t->has_auth : t->has_proxy_auth);
    sipdiag_span_t realm = t == NULL ? (sipdiag_span_t){ NULL, 0 } : code == 401 ? t->auth_realm : t->proxy_auth_realm;
    sipdiag_nonce_state_t nonce = t == NULL ? SIPDIAG_NONCE_NONE
                                            : (sipdiag_nonce_state_t)(code == 401 ? t->auth_nonce : t->proxy_auth_nonce);
    sipdiag_auth_t a;
    bool parsed = sipdiag_parse_auth(challenge.ptr, challenge.len, &a) == SIPDIAG_PARSE_OK;

    if (parsed && a.nonce.len > 0)
        sipdiag_nonce_issued(path, a.realm, a.nonce);
    sipdiag_challenge_facts_t f = {
        .request_known = t != NULL, .parsed = parsed, .stale = parsed && a.stale, .credentials_sent = sent,
        .same_realm = !parsed || a.realm.len == 0 || realm.len == 0 || sipdiag_span_equal(realm, a.realm),
        .phrase_names_nonce = sipdiag_ctx_phrase_names_nonce(phrase.ptr, phrase.len), .nonce = nonce,
    };
    out->kind = sipdiag_ctx_challenge(&f);
    if (out->kind == SIPDIAG_CTX_CREDENTIALS_REJECTED) {
        /* A copy: the transaction, and its realm, go before the results do. */
        out->realm = realm.len > 0 ? kept_name(realm) : "";
        out->user = kept_name(t->auth_user);
    }
}

/* Issue notes' "rejected credentials": a 403 counts only when the request's
 * credentials were built on the latest nonce; on an older or unseen nonce
 * the 403 may have other reasons and its own row speaks. */
static bool
forbidden_credentials(const sipdiag_txn_t *t)
{
    return (t->has_auth && t->auth_nonce == SIPDIAG_NONCE_LATEST)
           || (t->has_proxy_auth && t->proxy_auth_nonce == SIPDIAG_NONCE_LATEST);
}

/* 487 ends an INVITE (RFC 3261 §9.2). Its CANCEL has the INVITE's branch
 * (§9.1), so it is found on the same hop even when the INVITE is not. */
static void
terminated_context(const sipdiag_txn_t *t, const sipdiag_msginfo_t *m, sipdiag_context_t *out)
{
    static const sipdiag_span_t cancel = { "CANCEL", 6 };
    if (t != NULL) {
        out->kind = sipdiag_ctx_terminated(true, t->cancel_frame != 0, t->cancel_elsewhere);
        out->related_frame = t->cancel_frame;
        return;
    }
    const sipdiag_txn_t *c = sipdiag_txn_find(m, cancel);
    out->kind = sipdiag_ctx_terminated(false, c != NULL, c != NULL && c->cancel_elsewhere);
    out->related_frame = c != NULL ? c->leg.frame : 0;
}

sipdiag_txn_t *
sipdiag_context_response(packet_info *pinfo, const sipdiag_msginfo_t *m, int code, sipdiag_span_t phrase,
                         sipdiag_path_t path, sipdiag_context_t *out)
{
    static const sipdiag_span_t bye = { "BYE", 3 }, cancel = { "CANCEL", 6 };
    sipdiag_txn_t *t = sipdiag_txn_find(m, m->cseq_method);

    memset(out, 0, sizeof *out);
    /* Without its request the response still gets a transaction of its
     * own, so that its retransmissions and its ACK are recognised; what
     * needs the request (its frame, offer, credentials) stays unknown. */
    if (t == NULL && m->has_cseq && m->call_id.len > 0)
        t = sipdiag_txn_add_orphan(pinfo, m, path);
    if (t != NULL) {
        if (!t->orphan) {
            out->request_frame = sipdiag_txn_request_frame(t, path);
            out->in_dialog = t->in_dialog;
        }
        if (!t->orphan && (code == 415 || code == 488 || code == 606)) {
            out->offered = offered_formats(t->offer);
            out->offer_t38_only = offer_t38_only(t->offer);
        }
        sipdiag_seen_t seen = sipdiag_txn_response(pinfo, t, m, code, path, &out->related_frame);
        /* A copy on another link is acknowledged on that link. */
        if (t->invite && code >= 200 && code < 300 && seen != SIPDIAG_SEEN_RETRANSMISSION)
            sipdiag_answer_add(pinfo, m, code, path);
        if (seen == SIPDIAG_SEEN_RETRANSMISSION) {
            out->kind = SIPDIAG_CTX_RETRANSMISSION;
            return t;
        }
        if (seen == SIPDIAG_SEEN_DUPLICATE) {
            out->kind = SIPDIAG_CTX_DUPLICATE;
            return t;
        }
    }
    static const sipdiag_span_t ack = { "ACK", 3 };
    /* A CANCEL or ACK may not be challenged at all (RFC 3261 §22.1): its
     * (code, method) knowledge says so, no handshake is under way. */
    bool unchallengeable = sipdiag_span_equal(m->cseq_method, cancel) || sipdiag_span_equal(m->cseq_method, ack);
    const sipdiag_txn_t *known = t != NULL && !t->orphan ? t : NULL;
    if ((code == 401 || code == 407) && !unchallengeable) {
        challenge_context(known, m, code, phrase, path, out);
    } else if (code == 487) {
        terminated_context(known, m, out);
    } else if (code == 403 && known != NULL && forbidden_credentials(known)) {
        out->kind = SIPDIAG_CTX_FORBIDDEN_CREDENTIALS;
        out->user = kept_name(known->auth_user);
    } else if (code == 481) {
        bool ending = sipdiag_span_equal(m->cseq_method, bye) || sipdiag_span_equal(m->cseq_method, cancel);
        out->related_frame = ending ? sipdiag_call_crossing_bye(m) : 0;
        out->kind = sipdiag_ctx_481(ending, out->related_frame != 0);
    } else if (code == 491) {
        out->kind = SIPDIAG_CTX_GLARE;
    }
    return t;
}

bool
sipdiag_context_counted(const sipdiag_context_t *ctx)
{
    return ctx->kind != SIPDIAG_CTX_RETRANSMISSION && ctx->kind != SIPDIAG_CTX_DUPLICATE;
}

bool
sipdiag_context_overrides(const sipdiag_context_t *ctx)
{
    return ctx_info[ctx->kind].ei != NULL;
}

int
sipdiag_context_severity(const sipdiag_context_t *ctx)
{
    return (int)ctx_info[ctx->kind].severity;
}

static void
add_frame(proto_tree *tree, int hf, tvbuff_t *tvb, uint32_t frame)
{
    if (frame != 0)
        sipdiag_gen_uint(tree, hf, tvb, 0, 0, frame);
}

/* RFC 5057: what a failure to a request inside a dialog does to the dialog. */
static void
add_dialog_impact(proto_tree *tree, tvbuff_t *tvb, int code, const char *method, const sipdiag_context_t *ctx)
{
    const char *note = NULL;
    if (!ctx->in_dialog || code < 300)
        return;
    sipdiag_impact_t impact = sipdiag_impact_of_method(code, method, &note);
    proto_item *pi = proto_tree_add_string(tree, hf_sipdiag_dialog_impact, tvb, 0, 0, sipdiag_impact_name(impact));
    proto_item_set_generated(pi);
    if (note != NULL)
        proto_item_append_text(pi, " (%s)", note);
}

void
sipdiag_context_render(proto_tree *tree, packet_info *pinfo, proto_item *ti, bool experts, tvbuff_t *tvb,
                       int code, const char *method, const char *phrase, const char *evidence,
                       const sipdiag_context_t *ctx)
{
    add_frame(tree, hf_sipdiag_request_frame, tvb, ctx->request_frame);
    add_frame(tree, hf_sipdiag_ack_frame, tvb, ctx->ack_frame);
    if (ctx_info[ctx->kind].text != NULL) {
        /* Whole sentences under the first, never cut at the label limit. */
        sipdiag_label_add_text(tree, pinfo, hf_sipdiag_context, tvb, 0, 0, ctx_info[ctx->kind].text);
        add_frame(tree, hf_sipdiag_related_frame, tvb, ctx->related_frame);
    }
    if (ctx->kind == SIPDIAG_CTX_RETRANSMISSION)
        sipdiag_gen_boolean(tree, hf_sipdiag_retransmission, tvb, 0, 0, 1);
    if (ctx->kind == SIPDIAG_CTX_DUPLICATE)
        sipdiag_gen_boolean(tree, hf_sipdiag_duplicate, tvb, 0, 0, 1);
    if (ctx->offered != NULL)
        sipdiag_label_add_wire(tree, hf_sipdiag_offered_formats, tvb, 0, 0, ctx->offered);
    add_dialog_impact(tree, tvb, code, method, ctx);

    /* ti is NULL when the pass has no tree (taps such as -z expert, the GUI's
     * Expert Information): the expert item is still due then. */
    if (!experts || !sipdiag_context_overrides(ctx))
        return;
    const char *detail = ctx->realm != NULL && ctx->user != NULL
                         ? wmem_strdup_printf(pinfo->pool, " (user \"%s\", realm \"%s\")", ctx->user, ctx->realm)
                       : ctx->realm != NULL ? wmem_strdup_printf(pinfo->pool, " (realm \"%s\")", ctx->realm)
                       : ctx->user != NULL ? wmem_strdup_printf(pinfo->pool, " (user \"%s\")", ctx->user)
                       : ctx->related_frame != 0 ? wmem_strdup_printf(pinfo->pool, " (frame %u)", ctx->related_frame)
                       : "";
    expert_add_info_format(pinfo, ti, ctx_info[ctx->kind].ei, "%d %s: %s%s%s", code, phrase,
                           ctx_info[ctx->kind].summary, detail, evidence);
}

void
sipdiag_context_register(int proto, expert_module_t *module)
{
    static hf_register_info hf[] = {
        { &hf_sipdiag_request_frame,
          { "Request in frame", "sipdiag.request_frame", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST),
            0x0, "Frame of the request this response answers on its hop (same top Via branch and sent-by, Call-ID, CSeq number and method)", HFILL } },
        { &hf_sipdiag_ack_frame,
          { "ACK in frame", "sipdiag.ack_frame", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_ACK), 0x0,
            "The ACK of this final response to an INVITE (shown with two passes and in the GUI)", HFILL } },
        { &hf_sipdiag_context,
          { "Context", "sipdiag.context", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the transaction around this response says about it", HFILL } },
        { &hf_sipdiag_related_frame,
          { "Related frame", "sipdiag.related_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The CANCEL, crossing BYE or original response the context refers to", HFILL } },
        { &hf_sipdiag_offered_formats,
          { "Offered media formats", "sipdiag.offered_formats", FT_STRING, BASE_NONE, NULL, 0x0,
            "Media formats the request's SDP offered (415, 488, 606)", HFILL } },
        { &hf_sipdiag_dialog_impact,
          { "Dialog impact", "sipdiag.dialog_impact", FT_STRING, BASE_NONE, NULL, 0x0,
            "What this failure does to the dialog the request was sent in (RFC 5057)", HFILL } },
        { &hf_sipdiag_retransmission,
          { "Retransmission", "sipdiag.retransmission", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The same response was sent again on the same link in this transaction", HFILL } },
        { &hf_sipdiag_duplicate,
          { "Capture duplicate", "sipdiag.duplicate", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The same message was captured twice within 10 ms (mirror port, NAT, ERSPAN)", HFILL } },
    };
    /* The context items; each one's severity is its contexts' in ctx_info, not written twice. */
    static const struct {
        expert_field *ei;
        const char *name;
        int group;
        const char *summary;
    } items[] = {
        { &ctx_ei[CTX_EI_CREDENTIALS_REJECTED], "sipdiag.expert.credentials_rejected", PI_RESPONSE_CODE,
          "Challenged again although the request carried credentials for the realm" },
        { &ctx_ei[CTX_EI_STALE_NONCE], "sipdiag.expert.stale_nonce", PI_RESPONSE_CODE,
          "Challenge with stale=true: only the nonce expired" },
        { &ctx_ei[CTX_EI_CANCELLED], "sipdiag.expert.cancelled", PI_RESPONSE_CODE, "487 after the caller's CANCEL: normal" },
        { &ctx_ei[CTX_EI_BYE_RACE], "sipdiag.expert.bye_race", PI_RESPONSE_CODE,
          "481 to a BYE or CANCEL that crossed the other side's BYE: harmless" },
        { &ctx_ei[CTX_EI_RETRANSMISSION], "sipdiag.expert.retransmission", PI_RESPONSE_CODE,
          "Retransmitted response, counted once" },
        { &ctx_ei[CTX_EI_DUPLICATE], "sipdiag.expert.capture_duplicate", PI_SEQUENCE,
          "The same message captured twice (mirror port, NAT, ERSPAN), counted once" },
        { &ctx_ei[CTX_EI_NONCE_CHANGED], "sipdiag.expert.nonce_changed", PI_RESPONSE_CODE,
          "Challenged again because the credentials used an older nonce: not a password problem" },
    };
    static ei_register_info ei[G_N_ELEMENTS(items)];
    for (size_t i = 0; i < G_N_ELEMENTS(items); i++) {
        *items[i].ei = (expert_field)EI_INIT;
        sipdiag_severity_t sev = SIPDIAG_SEV_NOTE;
        for (size_t k = 0; k < SIPDIAG_CTX_COUNT; k++) {
            if (ctx_info[k].ei == items[i].ei) {
                sev = ctx_info[k].severity;
                break;
            }
        }
        ei[i] = (ei_register_info){ items[i].ei, { items[i].name, items[i].group, sipdiag_pi_severity(sev),
                                                   items[i].summary, EXPFILL } };
    }
    proto_register_field_array(proto, hf, array_length(hf));
    expert_register_field_array(module, ei, array_length(ei));
}

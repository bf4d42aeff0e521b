/* packet-sipdiag.c
 * SIP Response Diagnosis: a post-dissector that explains every SIP response
 * in a frame (what the code means, the likely cause, the fix) from the
 * fields of Wireshark's own SIP dissector.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>

#include "packet-sipdiag.h"
#include "calls.h"
#include "diagnose.h"
#include "extract.h"
#include "framecache.h"
#include "hints.h"
#include "impact.h"
#include "ending.h"
#include "vendorhdr.h"
#include "silent.h"
#include "sipmsg.h"
#include "stats.h"
#include "telephony.h"
#include "textsplit.h"
#include "labels.h"
#include "methods.h"
#include "txnstate.h"
#include "usercodes.h"

static int proto_sipdiag = -1;

static int hf_sipdiag_code = -1;
static int hf_sipdiag_class = -1;
static int hf_sipdiag_reason = -1;
static int hf_sipdiag_standard_reason = -1;
static int hf_sipdiag_reason_note = -1;
static int hf_sipdiag_description = -1;
static int hf_sipdiag_fix = -1;
static int hf_sipdiag_reference = -1;
static int hf_sipdiag_severity = -1;
static int hf_sipdiag_method = -1;
static int hf_sipdiag_unrecognised = -1;
static int hf_sipdiag_knowledge = -1;

static gint ett_sipdiag = -1;

static expert_field ei_sipdiag_unrecognised = EI_INIT;
static expert_field ei_sipdiag_invalid_code = EI_INIT;
static expert_field ei_sipdiag_reason_mismatch = EI_INIT;
static expert_field ei_sipdiag_malformed = EI_INIT;
static expert_field ei_sipdiag_truncated = EI_INIT;
static expert_field ei_sipdiag_clock_jump = EI_INIT;
/* One expert item per registered code, parallel to sipdiag_codes[]. */
static expert_field *ei_sipdiag_code;
/* Codes from the user's table speak through one item per severity. */
static expert_field ei_sipdiag_custom_chat = EI_INIT;
static expert_field ei_sipdiag_custom_note = EI_INIT;
static expert_field ei_sipdiag_custom_warning = EI_INIT;
static expert_field ei_sipdiag_custom_error = EI_INIT;
static expert_field *const ei_sipdiag_custom[] = {
    [SIPDIAG_SEV_CHAT]  = &ei_sipdiag_custom_chat,
    [SIPDIAG_SEV_NOTE]  = &ei_sipdiag_custom_note,
    [SIPDIAG_SEV_WARN]  = &ei_sipdiag_custom_warning,
    [SIPDIAG_SEV_ERROR] = &ei_sipdiag_custom_error,
};
/* A (code, method) row whose severity differs from its code's speaks
 * through one item per severity (a code's own item has one severity). */
static expert_field ei_sipdiag_method_chat = EI_INIT;
static expert_field ei_sipdiag_method_note = EI_INIT;
static expert_field ei_sipdiag_method_warning = EI_INIT;
static expert_field ei_sipdiag_method_error = EI_INIT;
static expert_field *const ei_sipdiag_method[] = {
    [SIPDIAG_SEV_CHAT]  = &ei_sipdiag_method_chat,
    [SIPDIAG_SEV_NOTE]  = &ei_sipdiag_method_note,
    [SIPDIAG_SEV_WARN]  = &ei_sipdiag_method_warning,
    [SIPDIAG_SEV_ERROR] = &ei_sipdiag_method_error,
};

/* Preferences. */
static sipdiag_wsbool_t pref_expert_success = true;   /* expert items for 1xx and 2xx */
static sipdiag_wsbool_t pref_show_hints = true;       /* hints from headers, folded into the fix */

static dissector_handle_t sipdiag_handle;

/* The class field's names, filled from codes.c's at registration. */
static value_string sipdiag_class_vals[7];

static const char *
severity_name(sipdiag_severity_t sev)
{
    return sipdiag_severity_name(sev);
}

/* A value from the wire inside an expert message: its start when it is
 * long, so the message stays one line (a hostile phrase may be 65,000 bytes). */
#define WIRE_IN_MESSAGE 100

static const char *
wire_in_message(packet_info *pinfo, const char *text)
{
    size_t len = strlen(text), shown = sipdiag_text_prefix(text, len, WIRE_IN_MESSAGE);
    if (shown == len)
        return text;
    return wmem_strdup_printf(pinfo->pool, "%.*s… (%zu bytes)", (int)shown, text, len);
}

/* Where a response's items point: its status line when this pass has the
 * tree, else the frame (passes that draw from the first pass's results). */
typedef struct {
    tvbuff_t *tvb;
    int start;
    int length;
} where_t;

static proto_item *
add_text(proto_tree *tree, int hf, const where_t *w, const char *text)
{
    return sipdiag_gen_string(tree, hf, w->tvb, w->start, w->length, text);
}

static void
add_uint(proto_tree *tree, int hf, const where_t *w, uint32_t value)
{
    sipdiag_gen_uint(tree, hf, w->tvb, w->start, w->length, value);
}

/* The status line's code is not a valid SIP status code: say so, nothing more. */
static void
add_invalid(proto_tree *tree, packet_info *pinfo, proto_item *ti, const where_t *w, const sipdiag_diag_t *d,
            const sipdiag_status_line_t *sl)
{
    proto_item_append_text(ti, ": invalid status code");
    if (d->code >= 0) {
        add_uint(tree, hf_sipdiag_code, w, (uint32_t)d->code);
        expert_add_info_format(pinfo, ti, &ei_sipdiag_invalid_code,
                               "Status code %03d is outside the range 100-699 that RFC 3261 allows", d->code);
    } else if (sl->version_len != strlen("SIP/2.0")) {
        /* "SIP/2.0<TAB>486" or "SIP/2.0486": the token after the version is
         * the phrase, so naming it as the code would mislead. */
        expert_add_info_format(pinfo, ti, &ei_sipdiag_invalid_code,
                               "Status line starts with \"%s\", not \"SIP/2.0\" and one space (RFC 3261 §7.2): "
                               "the status code cannot be read",
                               SIPDIAG_FORMAT_TEXT(pinfo->pool, sl->version, sl->version_len));
    } else {
        expert_add_info_format(pinfo, ti, &ei_sipdiag_invalid_code,
                               "Status code \"%s\" is not three digits (RFC 3261 §7.2)",
                               SIPDIAG_FORMAT_TEXT(pinfo->pool, sl->code_text, sl->code_len));
    }
    add_text(tree, hf_sipdiag_severity, w, severity_name(SIPDIAG_SEV_WARN));
}

/* The capture stopped inside the status line: nothing can be diagnosed, and
 * the bytes that are there are no fault of the sender. */
static void
add_line_cut(proto_tree *tree, packet_info *pinfo, proto_item *ti, const where_t *w, const sipdiag_result_t *res)
{
    proto_item_append_text(ti, ": status line not captured");
    expert_add_info_format(pinfo, ti, &ei_sipdiag_truncated,
                           "Status line cut by the capture (snaplen) after %u of %u bytes: \"%s\"; the status "
                           "code cannot be read", res->captured, res->sent,
                           wire_in_message(pinfo, SIPDIAG_FORMAT_TEXT(pinfo->pool, res->line, res->line_len)));
    add_text(tree, hf_sipdiag_severity, w, severity_name(SIPDIAG_SEV_NOTE));
}

/* The reason phrase as sent, and how it compares with the registry. Without
 * `fields` only its expert item is due, on the response's item. */
static void
add_reason(proto_tree *tree, packet_info *pinfo, proto_item *ti, const where_t *w, const sipdiag_diag_t *d,
           const sipdiag_status_line_t *sl, bool fields)
{
    bool registered = d->status == SIPDIAG_CODE_REGISTERED;
    bool expert = registered && (d->reason_match == SIPDIAG_REASON_DIFFERENT
                                 || d->reason_match == SIPDIAG_REASON_EMPTY);
    if (!fields && !expert)
        return;
    const char *sent = SIPDIAG_FORMAT_TEXT(pinfo->pool, sl->reason, sl->reason_len);
    proto_item *pi = fields ? sipdiag_label_add_wire(tree, hf_sipdiag_reason, w->tvb, w->start, w->length, sent) : ti;

    if (!registered)
        return;
    if (fields)
        add_text(tree, hf_sipdiag_standard_reason, w, d->row->phrase);
    switch (d->reason_match) {
    case SIPDIAG_REASON_ALIAS:
        if (fields)
            add_text(tree, hf_sipdiag_reason_note, w, d->alias->note);
        break;
    case SIPDIAG_REASON_DIFFERENT:
        expert_add_info_format(pinfo, pi, &ei_sipdiag_reason_mismatch,
                               "Reason phrase \"%s\" differs from the registered \"%s\" (the phrase as sent leads)",
                               wire_in_message(pinfo, sent), d->row->phrase);
        break;
    case SIPDIAG_REASON_EMPTY:
        expert_add_info_format(pinfo, pi, &ei_sipdiag_reason_mismatch,
                               "Empty reason phrase (allowed by RFC 3261 §25.1); registered phrase is \"%s\"",
                               d->row->phrase);
        break;
    case SIPDIAG_REASON_REGISTERED:
        break;
    }
}

/* What sipdiag says about a response: its code's row, or the row for its
 * code and method where the code means something else for that method. */
typedef struct {
    const sipdiag_method_row_t *method_row;    /* NULL: the code's row speaks */
    const char *key;                           /* sipdiag.knowledge when not the code's own */
    const char *summary;
    const char *description;
    const char *fix;
    const char *reference;
    sipdiag_severity_t severity;
} knowledge_t;

static knowledge_t
knowledge_of(const sipdiag_diag_t *d, const sipdiag_result_t *res)
{
    /* The user's own row for a code wins over every built-in text. */
    const sipdiag_method_row_t *m = NULL;
    if (!d->user && res->method != NULL) {
        /* Whether the request was inside a dialog is known only when it was captured. */
        long retry = sipdiag_hints_retry_after(res->headers, res->n_headers);
        sipdiag_method_facts_t facts = {
            .in_dialog = res->ctx.request_frame != 0 ? res->ctx.in_dialog : -1,
            .t38_only = res->ctx.offer_t38_only,
            /* RFC 3261 §14.2 and RFC 3311 §5.2 ask for 0 to 10 s. */
            .short_retry = retry >= 0 && retry <= 10,
        };
        m = sipdiag_method_row_find_facts(d->row->code, (sipdiag_span_t){ res->method, strlen(res->method) }, &facts);
    }
    if (m != NULL)
        return (knowledge_t){ m, m->key, m->summary, m->description, m->fix, m->reference, m->severity };
    /* An unregistered code a known proxy explains speaks instead of its x00 stand-in. */
    const sipdiag_vendor_code_t *v = d->vendor;
    if (v != NULL)
        return (knowledge_t){ NULL, v->key, v->summary, v->description, v->fix, v->reference, v->severity };
    return (knowledge_t){ NULL, NULL, d->row->summary, d->row->description, d->row->fix, d->row->reference,
                          d->row->severity };
}

/* The response's own words, when they say more than its code: a reason
 * phrase that is neither the registered one nor a known alias, and the
 * first Reason value. They lead every message about the response. */
typedef struct {
    const char *name;     /* "Forbidden", or the phrase as sent in quotes */
    const char *reason;   /* " [Reason: Q.850 cause 21 \"nocallee\"]", or "" */
    bool phrase_differs;
} evidence_t;

#define EVIDENCE_PHRASE_BYTES 48

static evidence_t
evidence_of(packet_info *pinfo, const sipdiag_diag_t *d, const sipdiag_result_t *res, const sipdiag_status_line_t *sl)
{
    evidence_t e = { d->row->phrase, "", false };
    if (d->status == SIPDIAG_CODE_REGISTERED && d->reason_match == SIPDIAG_REASON_DIFFERENT) {
        size_t shown = sipdiag_text_prefix(sl->reason, sl->reason_len, EVIDENCE_PHRASE_BYTES);
        e.name = wmem_strdup_printf(pinfo->pool, "\"%s%s\"", SIPDIAG_FORMAT_TEXT(pinfo->pool, sl->reason, shown),
                                    shown < sl->reason_len ? "…" : "");
        e.phrase_differs = true;
    }
    const char *r = pref_show_hints && res->n_headers > 0
                    ? sipdiag_hints_reason_evidence(pinfo, res->headers, res->n_headers) : NULL;
    if (r != NULL)
        e.reason = wmem_strdup_printf(pinfo->pool, " [Reason: %s]", r);
    return e;
}

/* The per-code expert item; an unregistered code borrows its stand-in's item,
 * and a context that explains the response (a retransmission, a CANCEL, a
 * crossing BYE, rejected credentials) speaks instead of the code. */
static void
add_code_expert(packet_info *pinfo, proto_item *ti, const sipdiag_diag_t *d, const sipdiag_result_t *res,
                const knowledge_t *k, const evidence_t *e)
{
    if (sipdiag_context_overrides(&res->ctx))
        return;
    if (k->method_row != NULL) {
        /* The code's own item when the row keeps its severity, so filters on it still find it. */
        expert_field *ei = k->severity == d->row->severity ? &ei_sipdiag_code[d->row - sipdiag_codes]
                                                           : ei_sipdiag_method[k->severity];
        expert_add_info_format(pinfo, ti, ei, "%d %s to %s: %s%s", d->code, e->name, res->method, k->summary,
                               e->reason);
        return;
    }
    if (d->user) {
        expert_add_info_format(pinfo, ti, ei_sipdiag_custom[d->row->severity], "%d %s: %s%s", d->code, e->name,
                               d->row->summary, e->reason);
        return;
    }
    expert_field *ei = &ei_sipdiag_code[d->row - sipdiag_codes];
    if (d->status == SIPDIAG_CODE_REGISTERED) {
        /* The registered summary, unless the response's own words lead. */
        if (e->phrase_differs || e->reason[0] != '\0')
            expert_add_info_format(pinfo, ti, ei, "%d %s: %s%s", d->code, e->name, d->row->summary, e->reason);
        else
            expert_add_info(pinfo, ti, ei);
        return;
    }
    if (d->vendor != NULL) {
        /* The stand-in's item when the vendor row keeps its severity. */
        expert_field *vei = k->severity == d->row->severity ? ei : ei_sipdiag_method[k->severity];
        expert_add_info_format(pinfo, ti, vei, "%d %s: %s", d->code, d->vendor->key + 4, k->summary);
    } else {
        expert_add_info_format(pinfo, ti, ei, "%d (unregistered, handled as %u %s): %s", d->code, d->row->code,
                               d->row->phrase, d->row->summary);
    }
    expert_add_info_format(pinfo, ti, &ei_sipdiag_unrecognised,
                           "%d is not a registered SIP response code; RFC 3261 §8.1.3.2 says to treat it as %u",
                           d->code, d->row->code);
}

/* The response's own words first, then the table's fix, then what its
 * headers add. */
static const char *
fix_text(packet_info *pinfo, const sipdiag_diag_t *d, const sipdiag_result_t *res, const char *fix,
         const evidence_t *e)
{
    const char *extra = pref_show_hints
                        ? sipdiag_hints_fix(pinfo, d->code, res->headers, res->n_headers, !res->cut) : NULL;
    const char *own = e->phrase_differs
                      ? wmem_strdup_printf(pinfo->pool, "The server's own words come first: %s. ", e->name) : "";
    return wmem_strdup_printf(pinfo->pool, "%s%s%s%s", own, fix, extra != NULL ? " " : "", extra != NULL ? extra : "");
}

/* One response for the statistics tree: counted once, failed calls named. */
static void
queue_tap(packet_info *pinfo, const sipdiag_diag_t *d, const sipdiag_result_t *res, const knowledge_t *k,
          sipdiag_severity_t sev)
{
    bool failed = res->call_id != NULL && res->ctx.kind != SIPDIAG_CTX_CHALLENGE
                  && res->ctx.kind != SIPDIAG_CTX_CHALLENGE_UNSEEN;
    /* A refused re-INVITE leaves the call up unless the code ends the
     * INVITE usage, which is the call, or the whole dialog (RFC 5057: 481,
     * 404, ...): then the call failed after all. */
    bool refused_in_dialog = res->ctx.in_dialog && sipdiag_impact_of(d->code, NULL) == SIPDIAG_IMPACT_TRANSACTION;
    sipdiag_tap_info_t t = {
        .code = d->code, .summary = k->summary, .severity = (int)sev,
        /* An unregistered code a proxy explains is not its stand-in's phrase. */
        .phrase = d->vendor != NULL && k->key == d->vendor->key
                  ? wmem_strdup_printf(pinfo->pool, "(%s)", d->vendor->key + 4) : d->row->phrase,
        .method = res->method, .q850_cause = sipdiag_hints_q850_cause(res->headers, res->n_headers),
        .counted = sipdiag_context_counted(&res->ctx),
        .failed_call = failed && !refused_in_dialog,
        .refused_in_dialog = failed && refused_in_dialog,
        .call_id = res->call_id, .from = res->from, .to = res->to,
    };
    sipdiag_stats_queue(pinfo, &t);
}

/* The diagnosis fields after the reason phrase: description, fix, reference. */
static void
add_fields(proto_tree *st, packet_info *pinfo, const where_t *w, const sipdiag_diag_t *d,
           const sipdiag_result_t *res, const knowledge_t *k, sipdiag_severity_t sev, const evidence_t *e)
{
    if (d->status == SIPDIAG_CODE_UNRECOGNISED) {
        sipdiag_gen_boolean(st, hf_sipdiag_unrecognised, w->tvb, w->start, w->length, 1);
        add_text(st, hf_sipdiag_standard_reason, w, d->row->phrase);
    }
    add_text(st, hf_sipdiag_knowledge, w, k->key != NULL ? k->key : wmem_strdup_printf(pinfo->pool, "%u", d->row->code));
    sipdiag_label_add_text(st, pinfo, hf_sipdiag_description, w->tvb, w->start, w->length, k->description);
    /* The fix with its hints is built only when someone will read it. */
    if (proto_field_is_referenced(st, hf_sipdiag_fix))
        sipdiag_label_add_text(st, pinfo, hf_sipdiag_fix, w->tvb, w->start, w->length, fix_text(pinfo, d, res, k->fix, e));
    add_text(st, hf_sipdiag_reference, w, k->reference);
    add_text(st, hf_sipdiag_severity, w, severity_name(sev));
    if (res->method != NULL)
        add_text(st, hf_sipdiag_method, w, res->method);
}

static void
add_diagnosis(proto_tree *st, packet_info *pinfo, proto_item *ti, const where_t *w, const sipdiag_diag_t *d,
              const sipdiag_status_line_t *sl, const sipdiag_result_t *res)
{
    bool experts = d->code >= 300 || pref_expert_success;
    knowledge_t k = knowledge_of(d, res);
    evidence_t e = evidence_of(pinfo, d, res, sl);
    sipdiag_severity_t sev = sipdiag_context_overrides(&res->ctx)
                             ? (sipdiag_severity_t)sipdiag_context_severity(&res->ctx) : k.severity;
    /* With no tree shown and no sipdiag field asked for (plain tshark -r, a
     * filter on _ws.expert), the fields would only be faked: their texts are
     * not even built. The expert items and statistics are due all the same. */
    bool fields = proto_field_is_referenced(st, proto_sipdiag);

    if (fields) {
        proto_item_append_text(ti, ": %d %s (%s)", d->code, d->row->phrase, severity_name(sev));
        add_uint(st, hf_sipdiag_code, w, (uint32_t)d->code);
        add_uint(st, hf_sipdiag_class, w, (uint32_t)d->code / 100);
    }
    add_reason(st, pinfo, ti, w, d, sl, fields);
    if (fields)
        add_fields(st, pinfo, w, d, res, &k, sev, &e);
    sipdiag_context_render(st, pinfo, ti, experts, w->tvb, d->code, res->method, e.name, e.reason, &res->ctx);
    if (pref_show_hints)
        sipdiag_hints_render(st, pinfo, w->tvb, d->code, res->headers, res->n_headers, !res->cut);
    if (experts)
        add_code_expert(pinfo, ti, d, res, &k, &e);
    if (sipdiag_stats_wanted())
        queue_tap(pinfo, d, res, &k, sev);
}

static void
add_response(packet_info *pinfo, proto_tree *tree, const where_t *w, const sipdiag_result_t *res)
{
    sipdiag_status_line_t sl;
    sipdiag_diag_t d;

    sipdiag_status_line_parse(res->line, res->line_len, &sl);
    sipdiag_diagnose(res->code >= 0 ? res->code : sl.code, sl.reason, sl.reason_len, &d);

    proto_item *ti = proto_tree_add_item(tree, proto_sipdiag, w->tvb, w->start, w->length, ENC_NA);
    proto_tree *st = proto_item_add_subtree(ti, ett_sipdiag);
    if (res->line_cut) {
        add_line_cut(st, pinfo, ti, w, res);
        return;
    }
    if (res->malformed)
        expert_add_info_format(pinfo, ti, &ei_sipdiag_malformed,
                               "Malformed status line \"%s\": Wireshark's SIP dissector did not decode this "
                               "message (RFC 3261 §7.2: SIP-Version SP Status-Code SP Reason-Phrase)",
                               wire_in_message(pinfo, SIPDIAG_FORMAT_TEXT(pinfo->pool, res->line, res->line_len)));
    if (d.status == SIPDIAG_CODE_INVALID)
        add_invalid(st, pinfo, ti, w, &d, &sl);
    else
        add_diagnosis(st, pinfo, ti, w, &d, &sl, res);
    if (res->cut)
        expert_add_info_format(pinfo, ti, &ei_sipdiag_truncated,
                               "Only %u of the %u bytes of this response were captured (snaplen): "
                               "the headers after that cannot be read", res->captured, res->sent);
}

/* The bytes of a message, as far as they were captured. */
static const char *
message_bytes(const sipdiag_response_t *m, size_t *len)
{
    int avail = tvb_captured_length_remaining(m->tvb, m->msg_start);
    *len = avail > 0 ? (size_t)MIN(m->msg_length, avail) : 0;
    return *len > 0 ? (const char *)tvb_get_ptr(m->tvb, m->msg_start, (int)*len) : NULL;
}

static int
effective_code(const sipdiag_response_t *m)
{
    sipdiag_status_line_t sl;
    if (m->code >= 0)
        return m->code;
    sipdiag_status_line_parse(m->line, m->line_len, &sl);
    return sl.code;
}

static const char *
identity_text(sipdiag_span_t s)
{
    /* Shown in statistics only: a sane length is plenty. */
    return SIPDIAG_FORMAT_TEXT(wmem_file_scope(), s.ptr != NULL ? s.ptr : "", MIN(s.len, 160));
}

/* Failed INVITEs keep who called whom, for the statistics' per-call view. */
static void
keep_call_identity(sipdiag_result_t *res, const sipdiag_msginfo_t *mi)
{
    res->call_id = identity_text(mi->call_id);
    res->from = identity_text(sipdiag_header_uri(mi->from));
    res->to = identity_text(sipdiag_header_uri(mi->to));
}

/* First pass, one response: its context and its explaining headers, kept in *res. */
static void
first_pass_response(packet_info *pinfo, const sipdiag_response_t *m, sipdiag_path_t path, sipdiag_result_t *res)
{
    size_t len;
    const char *raw = message_bytes(m, &len);
    int code = effective_code(m);
    bool diagnosable = code >= SIPDIAG_CODE_MIN && code <= SIPDIAG_CODE_MAX;
    sipdiag_hints_collector_t hints;
    sipdiag_msginfo_t mi;

    sipdiag_hints_begin(&hints, code);
    /* One walk of the headers reads both the transaction facts and the hints. */
    sipdiag_msginfo_parse_visit(raw, len, &mi, hints.letters, diagnosable ? sipdiag_hints_offer : NULL, &hints);
    res->code = m->code;
    res->malformed = m->malformed;
    res->cut = m->cut;
    res->line_cut = m->line_cut;
    res->captured = (unsigned)len;
    res->sent = (unsigned)MAX(tvb_reported_length_remaining(m->tvb, m->msg_start), 0);
    res->line = m->line;    /* the cache keeps what must outlive the frame */
    res->line_len = m->line_len;
    res->method = mi.cseq_method.len > 0 ? wmem_strndup(pinfo->pool, mi.cseq_method.ptr, mi.cseq_method.len) : NULL;
    if (diagnosable) {
        /* Only a challenge's phrase is read ("401 nonce has changed"). */
        sipdiag_status_line_t sl = { 0 };
        if (code == 401 || code == 407)
            sipdiag_status_line_parse(m->line, m->line_len, &sl);
        sipdiag_txn_t *t = sipdiag_context_response(pinfo, &mi, code, (sipdiag_span_t){ sl.reason, sl.reason_len },
                                                    path, &res->ctx);
        res->n_headers = sipdiag_hints_finish(&hints, &res->headers);
        sipdiag_silent_response(pinfo, &mi, t, code, &res->ctx,
                                res->n_headers > 0 ? sipdiag_hints_retry_after(res->headers, res->n_headers) : -1);
        sipdiag_calls_response(pinfo, &mi, code, &res->ctx);
    }
    if (code >= 300 && res->method != NULL && strcmp(res->method, "INVITE") == 0)
        keep_call_identity(res, &mi);
}

/* First pass: feed requests to the transaction state, and decide each
 * response's context and keep its explaining headers. Returns the number of
 * responses; *out gets their results, which this pass shows as they are
 * (the cache's copy holds the same). */
typedef struct {
    bool v6;
    unsigned type;
    unsigned code;
    const char *to;
} icmp_t;

static unsigned
first_pass(packet_info *pinfo, const sipdiag_response_t *m, unsigned n, const icmp_t *icmp,
           const sipdiag_result_t **out)
{
    unsigned responses = 0;
    for (unsigned i = 0; i < n; i++)
        responses += m[i].is_response;
    sipdiag_result_t *res = responses > 0 ? wmem_alloc0_array(pinfo->pool, sipdiag_result_t, responses) : NULL;
    unsigned r = 0;

    sipdiag_txnstate_frame(pinfo);
    /* Every message of a frame travels the same way. */
    sipdiag_path_t path = sipdiag_path_of(pinfo);
    if (icmp != NULL) {
        /* A quoted message bounced: it is neither a transmission nor a response. */
        for (unsigned i = 0; i < n; i++) {
            size_t len;
            const char *raw = message_bytes(&m[i], &len);
            sipdiag_msginfo_t mi;
            sipdiag_msginfo_parse(raw, len, &mi);
            sipdiag_silent_icmp(pinfo, &mi, icmp->v6, icmp->type, icmp->code, icmp->to);
        }
        sipdiag_silent_frame(pinfo);
        *out = NULL;
        return 0;
    }
    for (unsigned i = 0; i < n; i++) {
        if (m[i].is_response) {
            first_pass_response(pinfo, &m[i], path, &res[r++]);
        } else {
            size_t len;
            const char *raw = message_bytes(&m[i], &len);
            sipdiag_msginfo_t mi;
            sipdiag_msginfo_parse(raw, len, &mi);
            /* No response answers an ACK (RFC 3261 §17.1.1.3): it only
             * tells which final response arrived. */
            if (len >= 4 && memcmp(raw, "ACK ", 4) == 0) {
                sipdiag_context_ack(pinfo, &mi, path);
            } else {
                /* A retransmitted BYE says again why the call ended: once is counted. */
                if (sipdiag_context_request(pinfo, &mi, path))
                    sipdiag_ending_request(pinfo, &mi);
            }
        }
    }
    /* The timers run after this frame's messages: a BYE that ends an
     * unacknowledged call is evidence for the timer it stops. */
    sipdiag_silent_frame(pinfo);
    sipdiag_calls_frame(pinfo);
    if (responses > 0)
        sipdiag_framecache_store(pinfo, res, responses);
    *out = res;
    return responses;
}

/* Whether anyone can see this frame's items: a visible tree (packet details,
 * tshark -V, -T fields/pdml/json), a filter, column or field on sipdiag (its
 * expert items' names included) or on _ws.expert, Protocol Hierarchy.
 * Wireshark fakes the items no one sees, but not one at the top of the tree,
 * and an expert item on a real item builds five of its own. Expert items
 * without an item (plain tshark -r, -z expert, the GUI's first pass) still
 * reach Expert Information and the status bar's highest severity. */
static bool
items_seen(proto_tree *tree)
{
    return proto_field_is_referenced(tree, proto_sipdiag) || proto_field_is_referenced(tree, proto_expert);
}

/* The capture's clock jumped before this frame: transactions were kept
 * across it by frame order, and the engineer should know the times lie. */
static void
add_clock_jump(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    uint32_t prev;
    int64_t delta;
    if (!sipdiag_txnstate_clock_jump(pinfo->num, &prev, &delta))
        return;
    proto_item *ti = items_seen(tree) ? proto_tree_add_item(tree, proto_sipdiag, tvb, 0, 0, ENC_NA) : NULL;
    if (ti != NULL)
        proto_item_append_text(ti, ": capture clock jump");
    expert_add_info_format(pinfo, ti, &ei_sipdiag_clock_jump,
                           "The capture's clock jumps %s by %" PRId64 " s between frame %u and this frame: "
                           "transactions across the jump are matched by frame order, and times across it "
                           "mean nothing", delta < 0 ? "back" : "ahead", delta < 0 ? -delta : delta, prev);
}

static int
dissect_sipdiag(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    sipdiag_response_t *m;
    const sipdiag_result_t *res;
    unsigned n_msgs;

    sipdiag_extract_t found = sipdiag_extract_responses(tree, pinfo, &m, &n_msgs);
    if (found == SIPDIAG_EXTRACT_NO_SIP)
        return 0;    /* nothing was cached for it on the first pass either */
    bool readable = found == SIPDIAG_EXTRACT_READ;
    /* Payload that held no SIP message (undissected data on another port)
     * is not a SIP frame: timers run and findings land on SIP frames only. */
    if (readable && n_msgs == 0)
        return 0;

    icmp_t icmp;
    bool quoted = readable && n_msgs > 0 && sipdiag_extract_icmp(pinfo, &m[0], &icmp.v6, &icmp.type, &icmp.code,
                                                                       &icmp.to);
    unsigned n = !PINFO_FD_VISITED(pinfo) && readable ? first_pass(pinfo, m, n_msgs, quoted ? &icmp : NULL, &res)
                                                       : sipdiag_framecache_lookup(pinfo, &res);
    add_clock_jump(tvb, pinfo, tree);
    sipdiag_silent_render(tvb, pinfo, tree, items_seen(tree));
    sipdiag_ending_render(tvb, pinfo, tree, items_seen(tree));
    sipdiag_calls_render(tvb, pinfo, tree, items_seen(tree));
    proto_tree *shown = n > 0 && items_seen(tree) ? tree : NULL;
    unsigned k = 0;    /* the next extracted message, to point items at its bytes */
    for (unsigned i = 0; i < n; i++) {
        where_t w = { tvb, 0, 0 };
        while (readable && k < n_msgs && !m[k].is_response)
            k++;
        if (readable && k < n_msgs) {
            w = (where_t){ m[k].tvb, m[k].start, m[k].length };
            k++;
        }
        add_response(pinfo, shown, &w, &res[i]);
    }
    return n > 0 ? (int)tvb_captured_length(tvb) : 0;
}

/* Ask for the SIP fields only while sipdiag is enabled, so a disabled
 * sipdiag costs tshark nothing. */
static void
sipdiag_init(void)
{
    if (proto_is_protocol_enabled(find_protocol_by_id(proto_sipdiag)))
        set_postdissector_wanted_hfids(sipdiag_handle, sipdiag_extract_wanted_hfids());
}

static void
sipdiag_cleanup(void)
{
    set_postdissector_wanted_hfids(sipdiag_handle, NULL);
}

/* One expert item per registered code, built from the table so the two can
 * never drift. Wireshark keeps pointers to these until it shuts down. */
static void
register_code_experts(expert_module_t *module)
{
    wmem_allocator_t *scope = wmem_epan_scope();
    ei_register_info *ei = wmem_alloc0_array(scope, ei_register_info, sipdiag_codes_count);

    ei_sipdiag_code = wmem_alloc0_array(scope, expert_field, sipdiag_codes_count);
    for (size_t i = 0; i < sipdiag_codes_count; i++) {
        const sipdiag_code_t *c = &sipdiag_codes[i];
        ei_sipdiag_code[i] = (expert_field)EI_INIT;
        ei[i].ids = &ei_sipdiag_code[i];
        ei[i].eiinfo.name = wmem_strdup_printf(scope, "sipdiag.expert.%u", c->code);
        ei[i].eiinfo.group = PI_RESPONSE_CODE;
        ei[i].eiinfo.severity = sipdiag_pi_severity(c->severity);
        ei[i].eiinfo.summary = wmem_strdup_printf(scope, "%u %s: %s", c->code, c->phrase, c->summary);
        ei[i].eiinfo.id = 0;
    }
    expert_register_field_array(module, ei, (int)sipdiag_codes_count);
}

void
proto_register_sipdiag(void)
{
    static hf_register_info hf[] = {
        { &hf_sipdiag_code,
          { "Status code", "sipdiag.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "SIP status code of the response as sent", HFILL } },
        { &hf_sipdiag_class,
          { "Class", "sipdiag.class", FT_UINT8, BASE_DEC, VALS(sipdiag_class_vals), 0x0,
            "Response class: the first digit of the status code", HFILL } },
        { &hf_sipdiag_reason,
          { "Reason phrase", "sipdiag.reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "Reason phrase as sent", HFILL } },
        { &hf_sipdiag_standard_reason,
          { "Standard reason phrase", "sipdiag.standard_reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "Reason phrase registered with IANA for this code", HFILL } },
        { &hf_sipdiag_reason_note,
          { "Reason phrase note", "sipdiag.reason_note", FT_STRING, BASE_NONE, NULL, 0x0,
            "Who sends this non-registry reason phrase and what it stands for", HFILL } },
        { &hf_sipdiag_description,
          { "Description", "sipdiag.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the code means and why it usually happens", HFILL } },
        { &hf_sipdiag_fix,
          { "Suggested fix", "sipdiag.fix", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check or change", HFILL } },
        { &hf_sipdiag_reference,
          { "Reference", "sipdiag.reference", FT_STRING, BASE_NONE, NULL, 0x0,
            "Document and section that define the code", HFILL } },
        { &hf_sipdiag_severity,
          { "Severity", "sipdiag.severity", FT_STRING, BASE_NONE, NULL, 0x0,
            "How much this response needs a human: chat, note, warning or error", HFILL } },
        { &hf_sipdiag_method,
          { "Method", "sipdiag.method", FT_STRING, BASE_NONE, NULL, 0x0,
            "CSeq method of the request this response answers", HFILL } },
        { &hf_sipdiag_knowledge,
          { "Knowledge", "sipdiag.knowledge", FT_STRING, BASE_NONE, NULL, 0x0,
            "Which of sipdiag's texts speaks: the code (\"486\") or its row for the method (\"200/BYE\")", HFILL } },
        { &hf_sipdiag_unrecognised,
          { "Unrecognised code", "sipdiag.unrecognised", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The code is not registered and is handled as its class's x00 (183 for provisional)", HFILL } },
    };

    static gint *ett[] = {
        &ett_sipdiag,
    };

    static ei_register_info ei[] = {
        { &ei_sipdiag_unrecognised,
          { "sipdiag.expert.unrecognised", PI_RESPONSE_CODE, PI_NOTE,
            "Unregistered status code, handled as the x00 code of its class", EXPFILL } },
        { &ei_sipdiag_invalid_code,
          { "sipdiag.expert.invalid_code", PI_RESPONSE_CODE, PI_WARN,
            "Status code is not a valid SIP status code", EXPFILL } },
        { &ei_sipdiag_malformed,
          { "sipdiag.expert.malformed_status_line", PI_MALFORMED, PI_WARN,
            "Status line is malformed; Wireshark's SIP dissector did not decode the message", EXPFILL } },
        { &ei_sipdiag_truncated,
          { "sipdiag.expert.truncated", PI_UNDECODED, PI_NOTE,
            "The capture (snaplen) cut this response short", EXPFILL } },
        { &ei_sipdiag_custom_chat,
          { "sipdiag.expert.custom_chat", PI_RESPONSE_CODE, PI_CHAT,
            "Code from the user's table (chat)", EXPFILL } },
        { &ei_sipdiag_custom_note,
          { "sipdiag.expert.custom_note", PI_RESPONSE_CODE, PI_NOTE,
            "Code from the user's table (note)", EXPFILL } },
        { &ei_sipdiag_custom_warning,
          { "sipdiag.expert.custom_warning", PI_RESPONSE_CODE, PI_WARN,
            "Code from the user's table (warning)", EXPFILL } },
        { &ei_sipdiag_custom_error,
          { "sipdiag.expert.custom_error", PI_RESPONSE_CODE, PI_ERROR,
            "Code from the user's table (error)", EXPFILL } },
        { &ei_sipdiag_clock_jump,
          { "sipdiag.expert.clock_jump", PI_SEQUENCE, PI_NOTE,
            "The capture's clock jumps between two SIP frames", EXPFILL } },
        { &ei_sipdiag_method_chat,
          { "sipdiag.expert.method_chat", PI_RESPONSE_CODE, PI_CHAT,
            "Code whose meaning for this method is milder (chat)", EXPFILL } },
        { &ei_sipdiag_method_note,
          { "sipdiag.expert.method_note", PI_RESPONSE_CODE, PI_NOTE,
            "Code whose meaning for this method differs in severity (note)", EXPFILL } },
        { &ei_sipdiag_method_warning,
          { "sipdiag.expert.method_warning", PI_RESPONSE_CODE, PI_WARN,
            "Code whose meaning for this method differs in severity (warning)", EXPFILL } },
        { &ei_sipdiag_method_error,
          { "sipdiag.expert.method_error", PI_RESPONSE_CODE, PI_ERROR,
            "Code whose meaning for this method differs in severity (error)", EXPFILL } },
        { &ei_sipdiag_reason_mismatch,
          { "sipdiag.expert.reason_mismatch", PI_RESPONSE_CODE, PI_CHAT,
            "Reason phrase differs from the registered one", EXPFILL } },
    };

    proto_sipdiag = proto_register_protocol("SIP Response Diagnosis", "SIPDIAG", "sipdiag");
    proto_register_field_array(proto_sipdiag, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    sipdiag_labels_register(proto_sipdiag);

    expert_module_t *expert_sipdiag = expert_register_protocol(proto_sipdiag);
    expert_register_field_array(expert_sipdiag, ei, array_length(ei));
    sipdiag_codes_init();
    for (unsigned cls = 1; cls <= 6; cls++)
        sipdiag_class_vals[cls - 1] = (value_string){ cls, sipdiag_class_name(cls) };
    register_code_experts(expert_sipdiag);

    module_t *prefs = prefs_register_protocol(proto_sipdiag, NULL);
    prefs_register_bool_preference(prefs, "expert_success", "Expert items for 1xx and 2xx responses",
                                   "Add Expert Information items (chat) for provisional and successful responses too",
                                   &pref_expert_success);
    prefs_register_bool_preference(prefs, "show_hints", "Show hints from headers",
                                   "Read Retry-After, Allow, Warning, Reason and the other headers that explain a "
                                   "response, and add them to the suggested fix", &pref_show_hints);
    sipdiag_usercodes_register(prefs);
    sipdiag_context_register(proto_sipdiag, expert_sipdiag);
    sipdiag_silent_register(proto_sipdiag, expert_sipdiag);
    sipdiag_ending_register(proto_sipdiag, expert_sipdiag);
    sipdiag_calls_register(proto_sipdiag);
    sipdiag_vendorhdr_register(proto_sipdiag);
    sipdiag_hints_register(proto_sipdiag, expert_sipdiag);
    sipdiag_stats_register_tap();
    sipdiag_framecache_init();
    sipdiag_context_init();
    sipdiag_silent_init();
    sipdiag_ending_init();
    sipdiag_calls_init();
    register_init_routine(sipdiag_init);
    register_cleanup_routine(sipdiag_cleanup);
    sipdiag_handle = register_dissector("sipdiag", dissect_sipdiag, proto_sipdiag);
}

void
proto_reg_handoff_sipdiag(void)
{
    sipdiag_extract_init();
    register_postdissector(sipdiag_handle);
    sipdiag_stats_register_tree();
    sipdiag_telephony_register();
}

/* hints.c
 * Header hints: a table says which header explains which codes and how it
 * reads; parsing is hdrparse's, meanings come from the warn-code and Q.850
 * tables. Values are kept from the first pass so every pass shows the same.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "hints.h"

#include <stdio.h>

#include <epan/wmem_scopes.h>

#include "codes.h"
#include "diagnose.h"
#include "hdrparse.h"
#include "hintrules.h"
#include "labels.h"
#include "q850.h"
#include "reasons.h"
#include "textsplit.h"
#include "vendorhdr.h"
#include "warncodes.h"

/* The rule table (hintrules.c) under a short name. */
#define rules sipdiag_hint_rules
typedef sipdiag_hint_rule_t hint_rule_t;

/* Header values longer than this are kept cut: no real one comes close. */
#define MAX_VALUE_BYTES 512
/* At most this many values of one header, and of all headers, per response. */
#define MAX_PER_HEADER SIPDIAG_HINTS_PER_HEADER
#define MAX_VALUES 24


static int hf_sipdiag_hint = -1;
/* The value fields of the LIST and SECONDS rules, by rule (registered from the table). */
static int rule_field[SIPDIAG_HINT_RULES];
static int hf_sipdiag_hint_auth_realm = -1;
static int hf_sipdiag_hint_auth_algorithm = -1;
static int hf_sipdiag_hint_auth_stale = -1;
static int hf_sipdiag_hint_note = -1;
static int hf_sipdiag_warning = -1;
static int hf_sipdiag_warning_code = -1;
static int hf_sipdiag_warning_agent = -1;
static int hf_sipdiag_warning_text = -1;
static int hf_sipdiag_warning_meaning = -1;
static int hf_sipdiag_reason_header = -1;
static int hf_sipdiag_reason_header_protocol = -1;
static int hf_sipdiag_reason_header_text = -1;
static int hf_sipdiag_q850_cause = -1;
static int hf_sipdiag_q850_name = -1;
static int hf_sipdiag_q850_meaning = -1;
static int hf_sipdiag_q850_fix = -1;
static int hf_sipdiag_q850_expected_code = -1;
static int hf_sipdiag_sip_reason_cause = -1;
static int hf_sipdiag_sip_reason_phrase = -1;
static int hf_sipdiag_reason_header_cause = -1;
static int hf_sipdiag_reason_header_cause_name = -1;
static int hf_sipdiag_reason_header_meaning = -1;
static int hf_sipdiag_reason_header_location = -1;
static int hf_sipdiag_reason_header_freeswitch = -1;
static int hf_sipdiag_reason_header_teams_id = -1;
static int hf_sipdiag_reason_header_teams_text = -1;

static gint ett_sipdiag_hint = -1;
static gint ett_sipdiag_warning = -1;
static gint ett_sipdiag_reason_header = -1;

static expert_field ei_sipdiag_bad_header = EI_INIT;
static expert_field ei_sipdiag_q850_mismatch = EI_INIT;



/* How much of a header value to keep: all of it up to MAX_VALUE_BYTES, else
 * up to the last comma before that, so a long list (Allow, Warning) keeps
 * whole elements and parses cleanly. */
size_t
sipdiag_hints_kept_length(sipdiag_span_t v)
{
    if (v.len <= MAX_VALUE_BYTES)
        return v.len;
    for (size_t i = MAX_VALUE_BYTES; i > 0; i--) {
        if (v.ptr[i - 1] == ',')
            return i - 1;
    }
    return MAX_VALUE_BYTES;
}


void
sipdiag_hints_begin(sipdiag_hints_collector_t *c, int code)
{
    uint32_t set = sipdiag_hint_rules_of(code);
    c->n_applies = 0;
    c->letters = sipdiag_hint_letters_of(code);
    for (unsigned r = 0; set != 0; r++, set >>= 1) {
        if (set & 1u) {
            c->applies[c->n_applies++] = (uint8_t)r;
            c->count[r] = 0;
        }
    }
}

/* Each header is matched against the few rules that apply to this code;
 * at most MAX_PER_HEADER values of each are kept. */
void
sipdiag_hints_offer(sipdiag_span_t name, sipdiag_span_t value, void *collector)
{
    sipdiag_hints_collector_t *c = (sipdiag_hints_collector_t *)collector;
    for (size_t i = 0; i < c->n_applies; i++) {
        unsigned r = c->applies[i];
        if (sipdiag_header_name_is(name, rules[r].header, rules[r].compact)) {
            if (c->count[r] < MAX_PER_HEADER)
                c->seen[r][c->count[r]++] = value;
            return;
        }
    }
}

/* The values are stored in the table's order, copied: the message is gone
 * on later passes. */
unsigned
sipdiag_hints_finish(const sipdiag_hints_collector_t *c, sipdiag_header_value_t **out)
{
    sipdiag_header_value_t found[MAX_VALUES];
    unsigned n = 0;

    for (size_t i = 0; i < c->n_applies; i++) {    /* the rules in the table's order */
        unsigned r = c->applies[i];
        for (unsigned k = 0; k < c->count[r] && n < MAX_VALUES; k++, n++) {
            size_t keep = sipdiag_hints_kept_length(c->seen[r][k]);
            found[n].rule = (uint8_t)r;
            found[n].value = wmem_strndup(wmem_file_scope(), c->seen[r][k].ptr, keep);
            found[n].sent_len = keep < c->seen[r][k].len ? (unsigned)c->seen[r][k].len : 0;
            found[n].reasons = NULL;
            found[n].n_reasons = 0;
            /* Parsed once here: the tree, the fix, the evidence and the statistics read it. */
            if (rules[r].kind == SIPDIAG_HINT_REASON)
                found[n].n_reasons = sipdiag_hints_parse_reasons(wmem_file_scope(), found[n].value, &found[n].reasons);
        }
    }
    *out = n > 0 ? wmem_memdup(wmem_file_scope(), found, n * sizeof found[0]) : NULL;
    return n;
}

unsigned
sipdiag_hints_parse_reasons(wmem_allocator_t *pool, const char *value, const sipdiag_reason_parsed_t **out)
{
    size_t pos = 0, len = strlen(value);
    sipdiag_reason_t r;
    unsigned n = 0;
    while (sipdiag_parse_reason_next(value, len, &pos, &r) != SIPDIAG_PARSE_EMPTY)
        n++;
    sipdiag_reason_parsed_t *p = n > 0 ? wmem_alloc_array(pool, sipdiag_reason_parsed_t, n) : NULL;
    pos = 0;
    for (unsigned i = 0; i < n; i++)
        p[i].status = sipdiag_parse_reason_next(value, len, &pos, &p[i].reason);
    *out = p;
    return n;
}

/* The seconds of a Retry-After, Min-Expires or Min-SE value. */
static sipdiag_parse_status_t
seconds_of(const hint_rule_t *r, const char *value, uint32_t *secs)
{
    sipdiag_retry_after_t ra;
    sipdiag_parse_status_t st;
    if (r->kind == SIPDIAG_HINT_SECONDS)
        return sipdiag_parse_uint(value, strlen(value), secs);
    if (r->kind != SIPDIAG_HINT_RETRY_AFTER)
        return SIPDIAG_PARSE_EMPTY;
    st = sipdiag_parse_retry_after(value, strlen(value), &ra);
    *secs = ra.seconds;
    return st;
}

static bool
has_rule(const sipdiag_header_value_t *h, unsigned n, const char *header)
{
    for (unsigned i = 0; i < n; i++) {
        if (strcmp(rules[h[i].rule].header, header) == 0)
            return true;
    }
    return false;
}

/* A 503 whose headers were all captured and hold no Retry-After (RFC 3261
 * §21.5.4): said in the fix and in the hint subtree alike. */
#define NO_RETRY_AFTER "No Retry-After: RFC 3261 §21.5.4 says to handle this 503 like a 500 Server Internal Error"

static bool
no_retry_after(int code, const sipdiag_header_value_t *h, unsigned n, bool complete)
{
    return code == 503 && complete && !has_rule(h, n, "Retry-After");
}

long
sipdiag_hints_retry_after(const sipdiag_header_value_t *h, unsigned n)
{
    uint32_t secs;
    for (unsigned i = 0; i < n; i++) {
        const hint_rule_t *r = &rules[h[i].rule];
        if (r->kind == SIPDIAG_HINT_RETRY_AFTER && seconds_of(r, h[i].value, &secs) == SIPDIAG_PARSE_OK)
            return (long)secs;
    }
    return -1;
}

static void
warning_sentences(wmem_strbuf_t *b, const char *value)
{
    size_t pos = 0, len = strlen(value);
    sipdiag_warning_t w;
    sipdiag_parse_status_t st;
    while ((st = sipdiag_parse_warning_next(value, len, &pos, &w)) != SIPDIAG_PARSE_EMPTY) {
        const sipdiag_warncode_t *wc = st == SIPDIAG_PARSE_OK ? sipdiag_warncode_find(w.code) : NULL;
        if (wc != NULL)
            wmem_strbuf_append_printf(b, " Warning %u (%s): %s", wc->code, wc->text, wc->meaning);
    }
}

int
sipdiag_hints_q850_cause(const sipdiag_header_value_t *h, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        for (unsigned k = 0; k < h[i].n_reasons; k++) {
            const sipdiag_reason_t *r = &h[i].reasons[k].reason;
            if (r->has_cause && r->protocol.len == 5 && g_ascii_strncasecmp(r->protocol.ptr, "Q.850", 5) == 0
                    && sipdiag_q850_find(r->cause) != NULL)
                return (int)r->cause;
        }
    }
    return -1;
}

/* Texts from the wire in an expert message stay short: the message is one line. */
#define EVIDENCE_TEXT_BYTES 48

const char *
sipdiag_hints_reason_evidence(packet_info *pinfo, const sipdiag_header_value_t *h, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        for (unsigned k = 0; k < h[i].n_reasons; k++) {
            const sipdiag_reason_t r = h[i].reasons[k].reason;
            if (h[i].reasons[k].status != SIPDIAG_PARSE_OK || (!r.has_cause && r.text.len == 0))
                continue;
            wmem_strbuf_t *b = wmem_strbuf_new(pinfo->pool, "");
            wmem_strbuf_append(b, SIPDIAG_FORMAT_TEXT(pinfo->pool, r.protocol.ptr, MIN(r.protocol.len, 16)));
            if (r.has_cause)
                wmem_strbuf_append_printf(b, " cause %ld", r.cause);
            if (r.text.len > 0) {
                size_t shown = sipdiag_text_prefix(r.text.ptr, r.text.len, EVIDENCE_TEXT_BYTES);
                wmem_strbuf_append_printf(b, " \"%s%s\"", SIPDIAG_FORMAT_TEXT(pinfo->pool, r.text.ptr, shown),
                                          shown < r.text.len ? "…" : "");
            }
            return wmem_strbuf_finalize(b);
        }
    }
    /* Without a Reason, Microsoft's diagnostic is the server's own word. */
    for (unsigned i = 0; i < n; i++) {
        sipdiag_ms_diag_t d;
        if (rules[h[i].rule].kind != SIPDIAG_HINT_VENDOR || rules[h[i].rule].header[0] != 'm'
            || sipdiag_parse_ms_diag(h[i].value, strlen(h[i].value), &d) != SIPDIAG_PARSE_OK)
            continue;
        if (d.reason.len == 0)
            return wmem_strdup_printf(pinfo->pool, "ms-diagnostics %u", d.code);
        size_t shown = sipdiag_text_prefix(d.reason.ptr, d.reason.len, EVIDENCE_TEXT_BYTES);
        return wmem_strdup_printf(pinfo->pool, "ms-diagnostics %u \"%s%s\"", d.code,
                                  SIPDIAG_FORMAT_TEXT(pinfo->pool, d.reason.ptr, shown),
                                  shown < d.reason.len ? "…" : "");
    }
    return NULL;
}

static void
reason_sentences(wmem_strbuf_t *b, const sipdiag_header_value_t *h)
{
    for (unsigned k = 0; k < h->n_reasons; k++) {
        sipdiag_parse_status_t st = h->reasons[k].status;
        const sipdiag_reason_t r = h->reasons[k].reason;
        const sipdiag_q850_t *q = st == SIPDIAG_PARSE_OK && r.has_cause && r.protocol.len == 5
                                  && g_ascii_strncasecmp(r.protocol.ptr, "Q.850", 5) == 0
                                  ? sipdiag_q850_find(r.cause) : NULL;
        if (q != NULL) {
            wmem_strbuf_append_printf(b, " Q.850 cause %u (%s): %s", q->cause, q->name, q->fix);
            continue;
        }
        const sipdiag_reason_cause_t *c = st == SIPDIAG_PARSE_OK && r.has_cause
                                          ? sipdiag_reason_cause_find(sipdiag_reason_kind(r.protocol), r.cause) : NULL;
        if (c != NULL)
            wmem_strbuf_append_printf(b, " %s (Reason %.*s %u): %s", c->name, (int)r.protocol.len, r.protocol.ptr,
                                      c->cause, c->meaning);
    }
}

const char *
sipdiag_hints_fix(packet_info *pinfo, int code, const sipdiag_header_value_t *h, unsigned n, bool complete)
{
    wmem_strbuf_t *b = wmem_strbuf_new(pinfo->pool, "");
    for (unsigned i = 0; i < n; i++) {
        const hint_rule_t *r = &rules[h[i].rule];
        uint32_t secs;
        if (r->kind == SIPDIAG_HINT_LIST)
            wmem_strbuf_append_printf(b, " %s%s%s", r->lead, h[i].value, r->tail);
        else if (seconds_of(r, h[i].value, &secs) == SIPDIAG_PARSE_OK)
            wmem_strbuf_append_printf(b, " %s%u%s", r->lead, secs, r->tail);
        else if (r->kind == SIPDIAG_HINT_WARNING)
            warning_sentences(b, h[i].value);
        else if (r->kind == SIPDIAG_HINT_REASON)
            reason_sentences(b, &h[i]);
    }
    if (no_retry_after(code, h, n, complete))
        wmem_strbuf_append_printf(b, " %s.", NO_RETRY_AFTER);
    return wmem_strbuf_get_len(b) > 0 ? wmem_strbuf_get_str(b) + 1 : NULL;
}

static const char *
parse_problem(sipdiag_parse_status_t st)
{
    return st == SIPDIAG_PARSE_OVERFLOW ? "a number too large" : st == SIPDIAG_PARSE_EMPTY ? "empty" : "malformed";
}

static const char *
shown(packet_info *pinfo, const char *s, size_t len)
{
    return SIPDIAG_FORMAT_TEXT(pinfo->pool, s, len);
}

static proto_item *
add_str(proto_tree *tree, int hf, tvbuff_t *tvb, const char *s)
{
    /* Header values come from the wire and may be any length. */
    return sipdiag_label_add_wire(tree, hf, tvb, 0, 0, s);
}

static void
render_seconds(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, const hint_rule_t *r, const char *value)
{
    uint32_t secs = 0;
    sipdiag_parse_status_t st = seconds_of(r, value, &secs);
    if (st != SIPDIAG_PARSE_OK) {
        proto_item *pi = add_str(tree, hf_sipdiag_hint_note, tvb, shown(pinfo, value, strlen(value)));
        expert_add_info_format(pinfo, pi, &ei_sipdiag_bad_header, "%s: \"%s\" is %s, not delta-seconds",
                               r->header, shown(pinfo, value, strlen(value)), parse_problem(st));
        return;
    }
    proto_item *pi = proto_tree_add_uint(tree, rule_field[r - rules], tvb, 0, 0, secs);
    proto_item_set_generated(pi);
    proto_item_append_text(pi, " s (%s)", shown(pinfo, value, strlen(value)));
}

static void
render_challenge(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, const hint_rule_t *r, const char *value)
{
    sipdiag_auth_t a;
    sipdiag_parse_status_t st = sipdiag_parse_auth(value, strlen(value), &a);
    if (st != SIPDIAG_PARSE_OK) {
        expert_add_info_format(pinfo, proto_tree_get_parent(tree), &ei_sipdiag_bad_header, "%s: \"%s\" is %s",
                               r->header, shown(pinfo, value, strlen(value)), parse_problem(st));
        return;
    }
    add_str(tree, hf_sipdiag_hint_auth_realm, tvb, shown(pinfo, a.realm.ptr, a.realm.len));
    /* RFC 3261 §25.1 and RFC 7616: no algorithm parameter means MD5. */
    add_str(tree, hf_sipdiag_hint_auth_algorithm, tvb,
            a.algorithm.len > 0 ? shown(pinfo, a.algorithm.ptr, a.algorithm.len) : "MD5 (default)");
    sipdiag_gen_boolean(tree, hf_sipdiag_hint_auth_stale, tvb, 0, 0, a.stale);
}

static void
render_warning(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, const char *value)
{
    size_t pos = 0, len = strlen(value);
    sipdiag_warning_t w;
    sipdiag_parse_status_t st;
    while ((st = sipdiag_parse_warning_next(value, len, &pos, &w)) != SIPDIAG_PARSE_EMPTY) {
        proto_item *ti = proto_tree_add_item(tree, hf_sipdiag_warning, tvb, 0, 0, ENC_NA);
        proto_tree *wt = proto_item_add_subtree(ti, ett_sipdiag_warning);
        proto_item_set_generated(ti);
        if (st != SIPDIAG_PARSE_OK) {
            expert_add_info_format(pinfo, ti, &ei_sipdiag_bad_header, "Warning \"%s\" is %s (RFC 3261 §20.43)",
                                   shown(pinfo, value, len), parse_problem(st));
            continue;
        }
        if (w.text.len > 0 && !g_utf8_validate(w.text.ptr, (gssize)w.text.len, NULL))
            expert_add_info_format(pinfo, ti, &ei_sipdiag_bad_header,
                                   "Warning %03u: the warn-text is not valid UTF-8 (RFC 3261 §25.1 TEXT-UTF8)",
                                   w.code);
        /* A three-digit code outside the registry is well formed: an
         * unknown value, a vendor's own, never a malformed header. */
        const sipdiag_warncode_t *wc = sipdiag_warncode_find(w.code);
        const sipdiag_warncode_t *vendor = wc == NULL ? sipdiag_vendor_warncode_find(w.code) : NULL;
        proto_item_append_text(ti, ": %03u %s", w.code,
                               wc != NULL ? wc->text : vendor != NULL ? vendor->text : "(unregistered warn-code)");
        sipdiag_gen_uint(wt, hf_sipdiag_warning_code, tvb, 0, 0, w.code);
        add_str(wt, hf_sipdiag_warning_agent, tvb, shown(pinfo, w.agent.ptr, w.agent.len));
        add_str(wt, hf_sipdiag_warning_text, tvb, shown(pinfo, w.text.ptr, w.text.len));
        add_str(wt, hf_sipdiag_warning_meaning, tvb,
                wc != NULL ? wc->meaning : vendor != NULL ? vendor->meaning
                : "Not in the IANA warn-code registry: the sender's own code, whose text is the only clue.");
    }
}

/* A Q.850 cause: name, meaning, fix, and whether it agrees with the SIP code
 * as RFC 3398 maps it (a disagreement is often the real clue at a gateway). */
static void
render_q850(proto_tree *tree, packet_info *pinfo, proto_item *ti, tvbuff_t *tvb, int code, long cause,
            sipdiag_span_t location)
{
    const sipdiag_q850_t *q = sipdiag_q850_find(cause);
    if (q == NULL) {
        expert_add_info_format(pinfo, ti, &ei_sipdiag_bad_header,
                               "Q.850 cause %ld is not a cause value ITU-T Q.850 defines (1-127)", cause);
        return;
    }
    proto_item_append_text(ti, ": Q.850 cause %u, %s", q->cause, q->name);
    sipdiag_gen_uint(tree, hf_sipdiag_q850_cause, tvb, 0, 0, q->cause);
    add_str(tree, hf_sipdiag_q850_name, tvb, q->name);
    add_str(tree, hf_sipdiag_q850_meaning, tvb, q->meaning);
    add_str(tree, hf_sipdiag_q850_fix, tvb, q->fix);
    /* Only causes RFC 3398 lists have a mapping worth comparing; the rest map
     * to 500 by default, which says nothing about this call. */
    uint16_t expected = q->sip_code;
    if (expected == 0)
        return;
    proto_item *pi = proto_tree_add_uint(tree, hf_sipdiag_q850_expected_code, tvb, 0, 0, expected);
    proto_item_set_generated(pi);
    if (code == 0)
        return;     /* a request (BYE, CANCEL) has no status to compare */
    if (expected == code) {
        proto_item_append_text(pi, " (agrees with this response)");
        return;
    }
    if (sipdiag_q850_sip_allowed(q->cause, code, location)) {
        proto_item_append_text(pi, " (RFC 3398 also allows %d for this cause)", code);
        return;
    }
    /* Vendors remap causes on purpose (configurable maps in SBCs and
     * gateways): a disagreement says one side was remapped, not which is right. */
    expert_add_info_format(pinfo, ti, &ei_sipdiag_q850_mismatch,
                           "Q.850 cause %u (%s) maps to %u under RFC 3398, but the response is %d: one side "
                           "was remapped; the cause is what the releasing network reported", q->cause, q->name,
                           expected, code);
}

/* RFC 8606's location of a Q.850 cause: where the call was released. */
static void
render_location(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, sipdiag_span_t location)
{
    if (location.len == 0)
        return;
    const sipdiag_reason_location_t *l = sipdiag_reason_location_find(location);
    const char *sent = SIPDIAG_FORMAT_TEXT(pinfo->pool, location.ptr, location.len);
    add_str(tree, hf_sipdiag_reason_header_location, tvb,
            wmem_strdup_printf(pinfo->pool, "%s: %s", sent, l != NULL ? l->meaning : "not a location RFC 8606 defines"));
}

/* A cause of Preemption, RELEASE_CAUSE or FAILURE_CAUSE, or the reference
 * of a registered protocol whose causes sipdiag does not decode. */
static void
render_other_cause(proto_tree *tree, packet_info *pinfo, proto_item *ti, tvbuff_t *tvb, const sipdiag_reason_t *r,
                   sipdiag_reason_kind_t kind)
{
    const sipdiag_reason_protocol_t *p = sipdiag_reason_protocol_find(r->protocol);
    if (r->has_cause)
        sipdiag_gen_uint(tree, hf_sipdiag_reason_header_cause, tvb, 0, 0,
                                                     (uint32_t)CLAMP(r->cause, 0, G_MAXUINT32));
    if (p == NULL) {
        proto_item_append_text(ti, ": unregistered protocol");
        add_str(tree, hf_sipdiag_reason_header_meaning, tvb,
                "Not in the IANA Reason Protocols registry: the sender's own, whose text is the only clue.");
        return;
    }
    const sipdiag_reason_cause_t *c = r->has_cause ? sipdiag_reason_cause_find(kind, r->cause) : NULL;
    if (c != NULL) {
        proto_item_append_text(ti, ": %s %u, %s", p->name, c->cause, c->name);
        add_str(tree, hf_sipdiag_reason_header_cause_name, tvb, c->name);
        add_str(tree, hf_sipdiag_reason_header_meaning, tvb, c->meaning);
    } else if (r->has_cause && kind != SIPDIAG_RP_OTHER) {
        /* Out of the registered range of a protocol whose causes are all known. */
        expert_add_info_format(pinfo, ti, &ei_sipdiag_bad_header, "Reason: %s cause %ld is not defined (%s)",
                               p->name, r->cause, p->reference);
    } else {
        add_str(tree, hf_sipdiag_reason_header_meaning, tvb,
                wmem_strdup_printf(pinfo->pool, "Causes defined in %s; not decoded here.", p->reference));
    }
}

/* Which vendor header a SIPDIAG_HINT_VENDOR rule reads. */
static sipdiag_vendor_header_t
vendor_header_of(const hint_rule_t *r)
{
    if (r->header[0] == 'm')
        return SIPDIAG_VENDOR_MS_DIAGNOSTICS;
    return strlen(r->header) == strlen("X-Asterisk-HangupCauseCode") ? SIPDIAG_VENDOR_ASTERISK_CODE
                                                                     : SIPDIAG_VENDOR_ASTERISK_CAUSE;
}

void
sipdiag_hints_bad_header(packet_info *pinfo, proto_item *ti, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    char *msg = wmem_strdup_vprintf(pinfo->pool, format, ap);
    va_end(ap);
    expert_add_info_format(pinfo, ti, &ei_sipdiag_bad_header, "%s", msg);
}

void
sipdiag_hints_render_reason(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, int code, const char *value,
                            const sipdiag_reason_parsed_t *reasons, unsigned n)
{
    size_t len = strlen(value);
    for (unsigned k = 0; k < n; k++) {
        sipdiag_parse_status_t st = reasons[k].status;
        const sipdiag_reason_t r = reasons[k].reason;
        proto_item *ti = proto_tree_add_item(tree, hf_sipdiag_reason_header, tvb, 0, 0, ENC_NA);
        proto_tree *rt = proto_item_add_subtree(ti, ett_sipdiag_reason_header);
        proto_item_set_generated(ti);
        if (st != SIPDIAG_PARSE_OK && st != SIPDIAG_PARSE_OVERFLOW) {
            expert_add_info_format(pinfo, ti, &ei_sipdiag_bad_header, "Reason \"%s\" is %s (RFC 3326 §2)",
                                   shown(pinfo, value, len), parse_problem(st));
            continue;
        }
        add_str(rt, hf_sipdiag_reason_header_protocol, tvb, shown(pinfo, r.protocol.ptr, r.protocol.len));
        if (r.text.len > 0)
            add_str(rt, hf_sipdiag_reason_header_text, tvb, shown(pinfo, r.text.ptr, r.text.len));
        sipdiag_span_t teams_id, teams_text;
        if (sipdiag_reason_teams_text(r.text, &teams_id, &teams_text)) {
            /* Teams Direct Routing: the call's id, then the words. */
            add_str(rt, hf_sipdiag_reason_header_teams_id, tvb, shown(pinfo, teams_id.ptr, teams_id.len));
            add_str(rt, hf_sipdiag_reason_header_teams_text, tvb, shown(pinfo, teams_text.ptr, teams_text.len));
        }
        if (r.text.len > 0 && !g_utf8_validate(r.text.ptr, (gssize)r.text.len, NULL))
            expert_add_info_format(pinfo, ti, &ei_sipdiag_bad_header,
                                   "Reason: the text is not valid UTF-8 (RFC 3326 §2, RFC 3261 §25.1)");
        if (st == SIPDIAG_PARSE_OVERFLOW) {
            /* No cause field: a clamped or wrapped number would be made up. */
            expert_add_info_format(pinfo, ti, &ei_sipdiag_bad_header,
                                   "Reason \"%s\": the cause is a number too large (RFC 3326 §2)",
                                   shown(pinfo, value, len));
            continue;
        }
        sipdiag_reason_kind_t kind = sipdiag_reason_kind(r.protocol);
        /* FreeSWITCH sends its hangup-cause name as the text; for its own
         * causes the number is FreeSWITCH's and changed across versions, so
         * the name is read and the number is not taken for a SIP code. */
        const sipdiag_freeswitch_cause_t *fs = sipdiag_freeswitch_cause_find(r.text);
        if (fs != NULL) {
            proto_item *pi = add_str(rt, hf_sipdiag_reason_header_freeswitch, tvb, fs->name);
            const sipdiag_q850_t *fq = fs->q850 != 0 ? sipdiag_q850_find(fs->q850) : NULL;
            if (fq != NULL)
                proto_item_append_text(pi, " (Q.850 cause %u, %s)", fq->cause, fq->name);
            else
                add_str(rt, hf_sipdiag_reason_header_meaning, tvb, fs->meaning);
            if (fs->q850 == 0 && kind != SIPDIAG_RP_Q850) {
                proto_item_append_text(ti, ": FreeSWITCH %s", fs->name);
                continue;
            }
        }
        if (kind != SIPDIAG_RP_Q850 && kind != SIPDIAG_RP_SIP) {
            render_other_cause(rt, pinfo, ti, tvb, &r, kind);
            continue;
        }
        if (!r.has_cause)
            continue;
        if (kind == SIPDIAG_RP_Q850) {
            render_q850(rt, pinfo, ti, tvb, code, r.cause, r.location);
            render_location(rt, pinfo, tvb, r.location);
            continue;
        }
        const sipdiag_code_t *c = sipdiag_code_find((int)MIN(r.cause, 1000));
        sipdiag_gen_uint(rt, hf_sipdiag_sip_reason_cause, tvb, 0, 0,
                                                     (uint32_t)CLAMP(r.cause, 0, 999));
        if (c != NULL) {
            proto_item_append_text(ti, ": SIP %u %s", c->code, c->phrase);
            add_str(rt, hf_sipdiag_sip_reason_phrase, tvb, c->phrase);
        } else {
            expert_add_info_format(pinfo, ti, &ei_sipdiag_bad_header,
                                   "Reason: SIP cause %ld is not a registered response code", r.cause);
        }
    }
}

void
sipdiag_hints_render(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, int code,
                     const sipdiag_header_value_t *h, unsigned n, bool complete)
{
    proto_tree *ht = NULL;
    for (unsigned i = 0; i < n; i++) {
        const hint_rule_t *r = &rules[h[i].rule];
        if (r->kind == SIPDIAG_HINT_WARNING) {
            render_warning(tree, pinfo, tvb, h[i].value);
            continue;
        }
        if (r->kind == SIPDIAG_HINT_REASON) {
            sipdiag_hints_render_reason(tree, pinfo, tvb, code, h[i].value, h[i].reasons, h[i].n_reasons);
            continue;
        }
        if (r->kind == SIPDIAG_HINT_VENDOR) {
            sipdiag_vendorhdr_render(tree, pinfo, tvb, vendor_header_of(r),
                                     (sipdiag_span_t){ h[i].value, strlen(h[i].value) });
            continue;
        }
        if (ht == NULL) {
            proto_item *ti = proto_tree_add_item(tree, hf_sipdiag_hint, tvb, 0, 0, ENC_NA);
            proto_item_set_generated(ti);
            ht = proto_item_add_subtree(ti, ett_sipdiag_hint);
        }
        if (r->kind == SIPDIAG_HINT_LIST)
            add_str(ht, rule_field[r - rules], tvb, shown(pinfo, h[i].value, strlen(h[i].value)));
        else if (r->kind == SIPDIAG_HINT_CHALLENGE)
            render_challenge(ht, pinfo, tvb, r, h[i].value);
        else
            render_seconds(ht, pinfo, tvb, r, h[i].value);
    }
    for (unsigned i = 0; i < n; i++) {
        if (h[i].sent_len > 0)
            add_str(tree, hf_sipdiag_hint_note, tvb,
                    wmem_strdup_printf(pinfo->pool, "%s has %u bytes: only its first %zu are shown",
                                       rules[h[i].rule].header, h[i].sent_len, strlen(h[i].value)));
    }
    if (no_retry_after(code, h, n, complete))
        add_str(tree, hf_sipdiag_hint_note, tvb, NO_RETRY_AFTER);
}

/* The value field of each LIST and SECONDS rule, named after its header
 * (Retry-After: sipdiag.hint.retry_after), from the rule table. */
static void
register_rule_fields(int proto)
{
    static hf_register_info hf[SIPDIAG_HINT_RULES];
    static char abbrev[SIPDIAG_HINT_RULES][48];
    int n = 0;
    for (size_t r = 0; r < sipdiag_hint_rules_count; r++) {
        rule_field[r] = -1;
        if (rules[r].field == NULL)
            continue;
        snprintf(abbrev[r], sizeof abbrev[r], "sipdiag.hint.%s", rules[r].header);
        for (char *c = abbrev[r] + strlen("sipdiag.hint."); *c != '\0'; c++)
            *c = *c == '-' ? '_' : g_ascii_tolower(*c);
        bool seconds = rules[r].kind == SIPDIAG_HINT_SECONDS || rules[r].kind == SIPDIAG_HINT_RETRY_AFTER;
        hf[n++] = (hf_register_info){ &rule_field[r], { rules[r].field, abbrev[r], seconds ? FT_UINT32 : FT_STRING,
                                                     seconds ? BASE_DEC : BASE_NONE, NULL, 0x0, rules[r].blurb,
                                                     HFILL } };
    }
    proto_register_field_array(proto, hf, n);
}

void
sipdiag_hints_register(int proto, expert_module_t *module)
{
    sipdiag_hint_rules_init();
    static hf_register_info hf[] = {
        { &hf_sipdiag_hint,
          { "Hints from this response's headers", "sipdiag.hint", FT_NONE, BASE_NONE, NULL, 0x0,
            "Headers of this response that say what to change", HFILL } },
        { &hf_sipdiag_hint_auth_realm,
          { "Challenge realm", "sipdiag.hint.auth_realm", FT_STRING, BASE_NONE, NULL, 0x0,
            "Realm of the WWW-Authenticate or Proxy-Authenticate challenge", HFILL } },
        { &hf_sipdiag_hint_auth_algorithm,
          { "Challenge algorithm", "sipdiag.hint.auth_algorithm", FT_STRING, BASE_NONE, NULL, 0x0,
            "Digest algorithm the challenge asks for", HFILL } },
        { &hf_sipdiag_hint_auth_stale,
          { "Stale nonce", "sipdiag.hint.auth_stale", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "stale=true: the credentials were fine, only the nonce expired", HFILL } },
        { &hf_sipdiag_hint_note,
          { "Note", "sipdiag.hint.note", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the headers imply, or a header value that could not be read", HFILL } },
        { &hf_sipdiag_warning,
          { "Warning", "sipdiag.warning", FT_NONE, BASE_NONE, NULL, 0x0,
            "One warning-value of the Warning header", HFILL } },
        { &hf_sipdiag_warning_code,
          { "Warn code", "sipdiag.warning.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Warning header warn-code (IANA warn-code registry)", HFILL } },
        { &hf_sipdiag_warning_agent,
          { "Warn agent", "sipdiag.warning.agent", FT_STRING, BASE_NONE, NULL, 0x0,
            "Host that added the warning", HFILL } },
        { &hf_sipdiag_warning_text,
          { "Warn text", "sipdiag.warning.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "Warning text as sent", HFILL } },
        { &hf_sipdiag_warning_meaning,
          { "Meaning", "sipdiag.warning.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the warn-code says about the failure", HFILL } },
        { &hf_sipdiag_reason_header,
          { "Reason header", "sipdiag.reason_header", FT_NONE, BASE_NONE, NULL, 0x0,
            "One reason-value of the Reason header (RFC 3326)", HFILL } },
        { &hf_sipdiag_reason_header_protocol,
          { "Protocol", "sipdiag.reason_header.protocol", FT_STRING, BASE_NONE, NULL, 0x0,
            "Protocol of the cause (IANA Reason Protocols: SIP, Q.850, Preemption, RELEASE_CAUSE, ...)",
            HFILL } },
        { &hf_sipdiag_reason_header_text,
          { "Text", "sipdiag.reason_header.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "Reason text as sent", HFILL } },
        { &hf_sipdiag_q850_cause,
          { "Q.850 cause", "sipdiag.q850.cause", FT_UINT8, BASE_DEC, NULL, 0x0,
            "ITU-T Q.850 cause value from the Reason header", HFILL } },
        { &hf_sipdiag_q850_name,
          { "Cause name", "sipdiag.q850.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Q.850 name of the cause", HFILL } },
        { &hf_sipdiag_q850_meaning,
          { "Cause meaning", "sipdiag.q850.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the cause says about the call", HFILL } },
        { &hf_sipdiag_q850_fix,
          { "Cause fix", "sipdiag.q850.fix", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check for this cause", HFILL } },
        { &hf_sipdiag_q850_expected_code,
          { "RFC 3398 status code", "sipdiag.q850.expected_code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "SIP status code a gateway sends for this cause under RFC 3398", HFILL } },
        { &hf_sipdiag_sip_reason_cause,
          { "SIP cause", "sipdiag.sip_reason.cause", FT_UINT16, BASE_DEC, NULL, 0x0,
            "SIP status code named by a Reason: SIP;cause=", HFILL } },
        { &hf_sipdiag_sip_reason_phrase,
          { "SIP cause phrase", "sipdiag.sip_reason.phrase", FT_STRING, BASE_NONE, NULL, 0x0,
            "Registered phrase of the SIP cause", HFILL } },
        { &hf_sipdiag_reason_header_cause,
          { "Cause", "sipdiag.reason_header.cause", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Cause value of a Reason protocol other than SIP and Q.850", HFILL } },
        { &hf_sipdiag_reason_header_cause_name,
          { "Cause name", "sipdiag.reason_header.cause_name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Registered name of the cause (RFC 4411 Preemption, 3GPP TS 24.229 RELEASE_CAUSE, FAILURE_CAUSE)",
            HFILL } },
        { &hf_sipdiag_reason_header_meaning,
          { "Meaning", "sipdiag.reason_header.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the cause says about the call", HFILL } },
        { &hf_sipdiag_reason_header_location,
          { "Location", "sipdiag.reason_header.location", FT_STRING, BASE_NONE, NULL, 0x0,
            "RFC 8606 location: where in the network the call was released", HFILL } },
        { &hf_sipdiag_reason_header_teams_id,
          { "Teams call id", "sipdiag.reason_header.teams_call_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "Teams Direct Routing: the id before the semicolon of the Reason text", HFILL } },
        { &hf_sipdiag_reason_header_teams_text,
          { "Teams text", "sipdiag.reason_header.teams_text", FT_STRING, BASE_NONE, NULL, 0x0,
            "Teams Direct Routing: the words after the id", HFILL } },
        { &hf_sipdiag_reason_header_freeswitch,
          { "FreeSWITCH cause", "sipdiag.reason_header.freeswitch", FT_STRING, BASE_NONE, NULL, 0x0,
            "FreeSWITCH hangup-cause name sent as the Reason text", HFILL } },
    };
    static gint *ett[] = {
        &ett_sipdiag_hint,
        &ett_sipdiag_warning,
        &ett_sipdiag_reason_header,
    };
    static ei_register_info ei[] = {
        { &ei_sipdiag_bad_header,
          { "sipdiag.expert.bad_header", PI_MALFORMED, PI_WARN,
            "A header that explains the response could not be read", EXPFILL } },
        { &ei_sipdiag_q850_mismatch,
          { "sipdiag.expert.q850_mismatch", PI_RESPONSE_CODE, PI_NOTE,
            "Q.850 cause and SIP status code disagree (RFC 3398 mapping)", EXPFILL } },
    };
    proto_register_field_array(proto, hf, array_length(hf));
    register_rule_fields(proto);
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(module, ei, array_length(ei));
}

/* ending.c
 * The BYE or CANCEL that ends a call, and what its Reason or vendor headers
 * say. What a cause means is reasons.c's (sipdiag_end_judge); the headers'
 * subtrees are hints.c's and vendorhdr.c's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "ending.h"

#include <epan/wmem_scopes.h>

#include "hints.h"
#include "labels.h"
#include "reasons.h"
#include "stats.h"
#include "vendorhdr.h"

static int proto_sipdiag_ending = -1;
static int hf_ended = -1;
static int hf_ended_method = -1;
static int hf_ended_cause = -1;
static int hf_ended_meaning = -1;
static int hf_ended_severity = -1;
static gint ett_ended = -1;
static gint ett_ended_proto = -1;
static expert_field ei_ended_chat = EI_INIT;
static expert_field ei_ended_note = EI_INIT;
static expert_field ei_ended_warn = EI_INIT;

/* What one BYE or CANCEL said (file scope, first pass). */
typedef struct {
    bool cancel;
    const char *reason;             /* the Reason header's values, NULL if none */
    const sipdiag_reason_parsed_t *reasons;   /* ... parsed once, on the first pass */
    unsigned n_reasons;
    const char *asterisk_cause;
    const char *asterisk_code;
    const char *ms_diagnostics;
    bool judged;
    sipdiag_end_t end;
} ending_t;

static wmem_tree_t *endings;        /* frame -> ending_t */
static unsigned n_endings;
static const ending_t *latest;      /* the first pass's last one, and its frame: */
static uint32_t latest_frame;       /* that pass looks no further */

static void
ending_file_init(void)
{
    endings = wmem_tree_new(wmem_file_scope());
    n_endings = 0;
    latest = NULL;
    latest_frame = 0;
}

void
sipdiag_ending_init(void)
{
    register_init_routine(ending_file_init);
}

/* A header value kept for later passes, cut as the hints cut theirs (at a
 * list element), so a long Reason does not end in a cut quote. */
static const char *
kept(sipdiag_span_t s)
{
    return s.len > 0 ? wmem_strndup(wmem_file_scope(), s.ptr, sipdiag_hints_kept_length(s)) : NULL;
}

void
sipdiag_ending_request(packet_info *pinfo, const sipdiag_msginfo_t *m)
{
    bool cancel = sipdiag_span_is(m->method, "CANCEL");
    if ((!cancel && !sipdiag_span_is(m->method, "BYE"))
        || (m->reason.len == 0 && m->asterisk_cause.len == 0 && m->asterisk_cause_code.len == 0
            && m->ms_diagnostics.len == 0)
        || wmem_tree_lookup32(endings, pinfo->num) != NULL)
        return;
    ending_t *e = wmem_new0(wmem_file_scope(), ending_t);
    e->cancel = cancel;
    e->reason = kept(m->reason);
    if (e->reason != NULL)
        e->n_reasons = sipdiag_hints_parse_reasons(wmem_file_scope(), e->reason, &e->reasons);
    e->asterisk_cause = kept(m->asterisk_cause);
    e->asterisk_code = kept(m->asterisk_cause_code);
    e->ms_diagnostics = kept(m->ms_diagnostics);
    e->judged = sipdiag_end_judge(m->reason, m->asterisk_cause_code, m->ms_diagnostics, &e->end);
    wmem_tree_insert32(endings, pinfo->num, e);
    n_endings++;
    latest = e;
    latest_frame = pinfo->num;
}

static sipdiag_span_t
span_of(const char *s)
{
    return (sipdiag_span_t){ s, s != NULL ? strlen(s) : 0 };
}


void
sipdiag_ending_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool items_seen)
{
    /* The first pass shows what it has just found, later passes look it up. */
    const ending_t *e = !PINFO_FD_VISITED(pinfo) ? (latest_frame == pinfo->num ? latest : NULL)
                      : n_endings > 0 ? (const ending_t *)wmem_tree_lookup32(endings, pinfo->num) : NULL;
    if (e == NULL)
        return;
    const char *method = e->cancel ? "CANCEL" : "BYE";
    /* Without a visible tree the items are not built (tree NULL), but a bad
     * header value still raises its expert item. */
    proto_item *ti = NULL;
    {
        /* Under sipdiag's own protocol item, like every finding of a frame. */
        proto_item *pi = items_seen ? proto_tree_add_item(tree, proto_sipdiag_ending, tvb, 0, 0, ENC_NA) : NULL;
        proto_item_append_text(pi, ": why the call ended");
        ti = proto_tree_add_item(proto_item_add_subtree(pi, ett_ended_proto), hf_ended, tvb, 0, 0, ENC_NA);
        proto_item_set_generated(ti);
        proto_tree *et = proto_item_add_subtree(ti, ett_ended);
        proto_item_append_text(ti, ": %s, %s", method, e->judged ? e->end.label : "cause not stated");
        sipdiag_gen_string(et, hf_ended_method, tvb, 0, 0, method);
        if (e->judged) {
            sipdiag_gen_string(et, hf_ended_cause, tvb, 0, 0, e->end.label);
            if (e->end.meaning != NULL)
                sipdiag_label_add_text(et, pinfo, hf_ended_meaning, tvb, 0, 0, e->end.meaning);
            sipdiag_gen_string(et, hf_ended_severity, tvb, 0, 0,
                                                           sipdiag_severity_name(e->end.severity));
        }
        if (e->reason != NULL)
            sipdiag_hints_render_reason(et, pinfo, tvb, 0, e->reason, e->reasons, e->n_reasons);
        if (e->asterisk_cause != NULL)
            sipdiag_vendorhdr_render(et, pinfo, tvb, SIPDIAG_VENDOR_ASTERISK_CAUSE, span_of(e->asterisk_cause));
        if (e->asterisk_code != NULL)
            sipdiag_vendorhdr_render(et, pinfo, tvb, SIPDIAG_VENDOR_ASTERISK_CODE, span_of(e->asterisk_code));
        if (e->ms_diagnostics != NULL)
            sipdiag_vendorhdr_render(et, pinfo, tvb, SIPDIAG_VENDOR_MS_DIAGNOSTICS, span_of(e->ms_diagnostics));
    }
    if (e->judged) {
        static expert_field *const ei[] = { &ei_ended_chat, &ei_ended_note, &ei_ended_warn, &ei_ended_warn };
        expert_add_info_format(pinfo, ti, ei[e->end.severity], "%s ended the call: %s", method, e->end.label);
        if (sipdiag_stats_wanted()) {
            sipdiag_tap_info_t t = { .ended = e->end.label, .counted = true };
            sipdiag_stats_queue(pinfo, &t);
        }
    }
}

void
sipdiag_ending_register(int proto, expert_module_t *module)
{
    static hf_register_info hf[] = {
        { &hf_ended,
          { "Why the call ended", "sipdiag.call_ended", FT_NONE, BASE_NONE, NULL, 0x0,
            "The cause a BYE or CANCEL gives for ending the call (Reason, vendor headers)", HFILL } },
        { &hf_ended_method,
          { "Ended by", "sipdiag.call_ended.method", FT_STRING, BASE_NONE, NULL, 0x0,
            "BYE (an answered call) or CANCEL (one not yet answered)", HFILL } },
        { &hf_ended_cause,
          { "Cause", "sipdiag.call_ended.cause", FT_STRING, BASE_NONE, NULL, 0x0,
            "The cause in one line: protocol, value, name", HFILL } },
        { &hf_ended_meaning,
          { "Meaning", "sipdiag.call_ended.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the cause says about the call and what to check", HFILL } },
        { &hf_ended_severity,
          { "Severity", "sipdiag.call_ended.severity", FT_STRING, BASE_NONE, NULL, 0x0,
            "chat: normal clearing; note: ended for a stated reason; warning: a network or media failure", HFILL } },
    };
    static gint *ett[] = { &ett_ended, &ett_ended_proto };
    static ei_register_info ei[] = {
        { &ei_ended_chat,
          { "sipdiag.expert.call_ended", PI_SEQUENCE, PI_CHAT,
            "The call ended normally (Reason of a BYE or CANCEL)", EXPFILL } },
        { &ei_ended_note,
          { "sipdiag.expert.call_ended", PI_SEQUENCE, PI_NOTE,
            "The call ended for a stated reason (Reason of a BYE or CANCEL)", EXPFILL } },
        { &ei_ended_warn,
          { "sipdiag.expert.call_ended", PI_SEQUENCE, PI_WARN,
            "The call ended by a network or media failure (Reason of a BYE or CANCEL)", EXPFILL } },
    };
    proto_sipdiag_ending = proto;
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(module, ei, array_length(ei));
}

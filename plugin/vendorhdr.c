/* vendorhdr.c
 * Microsoft's ms-diagnostics and Asterisk's hangup-cause headers, decoded
 * with msdiag.c's and q850.c's tables.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "vendorhdr.h"

#include "hints.h"
#include "labels.h"
#include "msdiag.h"
#include "diagnose.h"
#include "q850.h"

static int hf_ms = -1;
static int hf_ms_code = -1;
static int hf_ms_sub = -1;
static int hf_ms_reason = -1;
static int hf_ms_source = -1;
static int hf_ms_meaning = -1;
static int hf_ast_cause = -1;
static int hf_ast_code = -1;
static int hf_ast_meaning = -1;
static gint ett_ms = -1;

static proto_item *
add_wire(proto_tree *tree, int hf, tvbuff_t *tvb, packet_info *pinfo, sipdiag_span_t s)
{
    return sipdiag_label_add_wire(tree, hf, tvb, 0, 0, SIPDIAG_FORMAT_TEXT(pinfo->pool, s.ptr, s.len));
}

static proto_item *
render_ms(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, sipdiag_span_t value)
{
    sipdiag_ms_diag_t d;
    proto_item *ti = proto_tree_add_item(tree, hf_ms, tvb, 0, 0, ENC_NA);
    proto_tree *mt = proto_item_add_subtree(ti, ett_ms);
    proto_item_set_generated(ti);
    sipdiag_parse_status_t st = sipdiag_parse_ms_diag(value.ptr, value.len, &d);
    if (st != SIPDIAG_PARSE_OK) {
        sipdiag_hints_bad_header(pinfo, ti, "ms-diagnostics \"%s\" is %s ([MS-OCER] §2.2.1: code;reason=\"…\")",
                                 SIPDIAG_FORMAT_TEXT(pinfo->pool, value.ptr, MIN(value.len, 100)),
                                 st == SIPDIAG_PARSE_OVERFLOW ? "a code too large" : "malformed");
        return ti;
    }
    sipdiag_gen_uint(mt, hf_ms_code, tvb, 0, 0, d.code);
    if (d.has_sub)
        sipdiag_gen_uint(mt, hf_ms_sub, tvb, 0, 0, d.sub);
    if (d.reason.len > 0)
        add_wire(mt, hf_ms_reason, tvb, pinfo, d.reason);
    if (d.source.len > 0)
        add_wire(mt, hf_ms_source, tvb, pinfo, d.source);
    const sipdiag_msdiag_code_t *c = sipdiag_msdiag_code_find(d.code);
    const sipdiag_msdiag_range_t *r = sipdiag_msdiag_range_find(d.code);
    /* Teams Direct Routing: 560xxx is the SBC's own final response xxx. */
    const sipdiag_code_t *sbc = d.code >= 560100 && d.code <= 560699 ? sipdiag_code_find((int)(d.code - 560000)) : NULL;
    const char *meaning = sbc != NULL ? wmem_strdup_printf(pinfo->pool, "Teams Direct Routing: the SBC itself sent "
                                                           "the final response %u %s; look at the SBC, not at Teams.",
                                                           sbc->code, sbc->phrase)
                        : c != NULL ? c->meaning
                        : r != NULL ? wmem_strdup_printf(pinfo->pool, "Unknown Microsoft code %u (range: %s).", d.code,
                                                         r->area)
                                    : wmem_strdup_printf(pinfo->pool, "Unknown Microsoft code %u, in no range [MS-OCER] "
                                                         "assigns.", d.code);
    sipdiag_label_add_text(mt, pinfo, hf_ms_meaning, tvb, 0, 0, meaning);
    proto_item_append_text(ti, ": %u%s", d.code, c != NULL ? "" : " (unknown code)");
    return ti;
}

static proto_item *
render_asterisk_code(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, sipdiag_span_t value)
{
    uint32_t v;
    sipdiag_parse_status_t st = sipdiag_parse_uint(value.ptr, value.len, &v);
    if (st != SIPDIAG_PARSE_OK) {
        proto_item *ti = add_wire(tree, hf_ast_meaning, tvb, pinfo, value);
        sipdiag_hints_bad_header(pinfo, ti, "X-Asterisk-HangupCauseCode \"%s\" is not a cause number",
                                 SIPDIAG_FORMAT_TEXT(pinfo->pool, value.ptr, MIN(value.len, 100)));
        return ti;
    }
    proto_item *ti = proto_tree_add_uint(tree, hf_ast_code, tvb, 0, 0, v);
    proto_item_set_generated(ti);
    /* Asterisk sends the channel's hangup cause, a Q.850 value. */
    const sipdiag_q850_t *q = sipdiag_q850_find(v);
    if (q == NULL) {
        sipdiag_hints_bad_header(pinfo, ti, "X-Asterisk-HangupCauseCode %u is not a Q.850 cause value (1-127)", v);
        return ti;
    }
    proto_item_append_text(ti, " (Q.850: %s)", q->name);
    sipdiag_label_add_text(tree, pinfo, hf_ast_meaning, tvb, 0, 0, q->meaning);
    return ti;
}

proto_item *
sipdiag_vendorhdr_render(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, sipdiag_vendor_header_t which,
                         sipdiag_span_t value)
{
    switch (which) {
    case SIPDIAG_VENDOR_MS_DIAGNOSTICS:
        return render_ms(tree, pinfo, tvb, value);
    case SIPDIAG_VENDOR_ASTERISK_CODE:
        return render_asterisk_code(tree, pinfo, tvb, value);
    case SIPDIAG_VENDOR_ASTERISK_CAUSE:
        break;
    }
    return add_wire(tree, hf_ast_cause, tvb, pinfo, value);
}

void
sipdiag_vendorhdr_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_ms,
          { "Microsoft diagnostics", "sipdiag.ms_diagnostics", FT_NONE, BASE_NONE, NULL, 0x0,
            "ms-diagnostics or ms-diagnostics-public header ([MS-OCER])", HFILL } },
        { &hf_ms_code,
          { "Code", "sipdiag.ms_diagnostics.code", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Microsoft diagnostic code", HFILL } },
        { &hf_ms_sub,
          { "Sub-code", "sipdiag.ms_diagnostics.sub", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The number after the code's dot", HFILL } },
        { &hf_ms_reason,
          { "Reason", "sipdiag.ms_diagnostics.reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "reason parameter as sent", HFILL } },
        { &hf_ms_source,
          { "Source", "sipdiag.ms_diagnostics.source", FT_STRING, BASE_NONE, NULL, 0x0,
            "source parameter: the server that raised the diagnostic", HFILL } },
        { &hf_ms_meaning,
          { "Meaning", "sipdiag.ms_diagnostics.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the code means, from Microsoft's published tables", HFILL } },
        { &hf_ast_cause,
          { "Asterisk hangup cause", "sipdiag.asterisk.hangup_cause", FT_STRING, BASE_NONE, NULL, 0x0,
            "X-Asterisk-HangupCause as sent", HFILL } },
        { &hf_ast_code,
          { "Asterisk hangup cause code", "sipdiag.asterisk.hangup_cause_code", FT_UINT32, BASE_DEC, NULL, 0x0,
            "X-Asterisk-HangupCauseCode: the channel's Q.850 cause", HFILL } },
        { &hf_ast_meaning,
          { "Asterisk cause meaning", "sipdiag.asterisk.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the Q.850 cause says about the call", HFILL } },
    };
    static gint *ett[] = { &ett_ms };
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}

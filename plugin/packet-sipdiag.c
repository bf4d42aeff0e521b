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

#include "packet-sipdiag.h"
#include "diagnose.h"
#include "extract.h"
#include "framecache.h"

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

static gint ett_sipdiag = -1;

static expert_field ei_sipdiag_unrecognised = EI_INIT;
static expert_field ei_sipdiag_invalid_code = EI_INIT;
static expert_field ei_sipdiag_reason_mismatch = EI_INIT;
static expert_field ei_sipdiag_malformed = EI_INIT;
/* One expert item per registered code, parallel to sipdiag_codes[]. */
static expert_field *ei_sipdiag_code;

static dissector_handle_t sipdiag_handle;

static const value_string sipdiag_class_vals[] = {
    { 1, "Provisional" },
    { 2, "Successful" },
    { 3, "Redirection" },
    { 4, "Request failure" },
    { 5, "Server failure" },
    { 6, "Global failure" },
    { 0, NULL }
};

static const value_string sipdiag_severity_vals[] = {
    { SIPDIAG_SEV_CHAT,  "chat" },
    { SIPDIAG_SEV_NOTE,  "note" },
    { SIPDIAG_SEV_WARN,  "warning" },
    { SIPDIAG_SEV_ERROR, "error" },
    { 0, NULL }
};

/* Our severity scale onto Wireshark's expert severities. */
static const int sipdiag_severity_to_pi[] = {
    [SIPDIAG_SEV_CHAT]  = PI_CHAT,
    [SIPDIAG_SEV_NOTE]  = PI_NOTE,
    [SIPDIAG_SEV_WARN]  = PI_WARN,
    [SIPDIAG_SEV_ERROR] = PI_ERROR,
};

static const char *
severity_name(sipdiag_severity_t sev)
{
    return val_to_str_const(sev, sipdiag_severity_vals, "unknown");
}

static proto_item *
add_text(proto_tree *tree, int hf, const sipdiag_response_t *r, const char *text)
{
    proto_item *pi = proto_tree_add_string(tree, hf, r->tvb, r->start, r->length, text);
    proto_item_set_generated(pi);
    return pi;
}

/* The status line's code is not a valid SIP status code: say so, nothing more. */
static void
add_invalid(proto_tree *tree, packet_info *pinfo, proto_item *ti, const sipdiag_response_t *r,
            const sipdiag_status_line_t *sl)
{
    proto_item_append_text(ti, ": invalid status code");
    if (r->code >= 0) {
        proto_item_set_generated(proto_tree_add_uint(tree, hf_sipdiag_code, r->tvb, r->start, r->length,
                                                     (uint32_t)r->code));
        expert_add_info_format(pinfo, ti, &ei_sipdiag_invalid_code,
                               "Status code %03d is outside the range 100-699 that RFC 3261 allows", r->code);
    } else {
        expert_add_info_format(pinfo, ti, &ei_sipdiag_invalid_code,
                               "Status code \"%s\" is not three digits (RFC 3261 §7.2)",
                               SIPDIAG_FORMAT_TEXT(pinfo->pool, sl->code_text, sl->code_len));
    }
    add_text(tree, hf_sipdiag_severity, r, severity_name(SIPDIAG_SEV_WARN));
}

/* The reason phrase as sent, and how it compares with the registry. */
static void
add_reason(proto_tree *tree, packet_info *pinfo, const sipdiag_response_t *r, const sipdiag_diag_t *d,
           const sipdiag_status_line_t *sl)
{
    const char *sent = wmem_strndup(pinfo->pool, sl->reason, sl->reason_len);
    proto_item *pi = add_text(tree, hf_sipdiag_reason, r, sent);

    if (d->status != SIPDIAG_CODE_REGISTERED)
        return;
    add_text(tree, hf_sipdiag_standard_reason, r, d->row->phrase);
    switch (d->reason_match) {
    case SIPDIAG_REASON_ALIAS:
        add_text(tree, hf_sipdiag_reason_note, r, d->alias->note);
        break;
    case SIPDIAG_REASON_DIFFERENT:
        expert_add_info_format(pinfo, pi, &ei_sipdiag_reason_mismatch,
                               "Reason phrase \"%s\" differs from the registered \"%s\"; the code decides",
                               SIPDIAG_FORMAT_TEXT(pinfo->pool, sl->reason, sl->reason_len), d->row->phrase);
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

/* The per-code expert item; an unregistered code borrows its stand-in's item. */
static void
add_code_expert(packet_info *pinfo, proto_item *ti, const sipdiag_diag_t *d)
{
    expert_field *ei = &ei_sipdiag_code[d->row - sipdiag_codes];

    if (d->status == SIPDIAG_CODE_REGISTERED) {
        expert_add_info(pinfo, ti, ei);
        return;
    }
    expert_add_info_format(pinfo, ti, ei, "%d (unregistered, handled as %u %s): %s", d->code, d->row->code,
                           d->row->phrase, d->row->summary);
    expert_add_info_format(pinfo, ti, &ei_sipdiag_unrecognised,
                           "%d is not a registered SIP response code; RFC 3261 §8.1.3.2 says to treat it as %u",
                           d->code, d->row->code);
}

static void
add_response(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree, const sipdiag_response_t *r)
{
    sipdiag_status_line_t sl;
    sipdiag_diag_t d;

    sipdiag_status_line_parse(r->line, strlen(r->line), &sl);
    sipdiag_diagnose(r->code >= 0 ? r->code : sl.code, sl.reason, sl.reason_len, &d);

    proto_item *ti = proto_tree_add_item(tree, proto_sipdiag, r->tvb, r->start, r->length, ENC_NA);
    proto_tree *st = proto_item_add_subtree(ti, ett_sipdiag);
    if (r->malformed)
        expert_add_info_format(pinfo, ti, &ei_sipdiag_malformed,
                               "Malformed status line \"%s\": Wireshark's SIP dissector did not decode this "
                               "message (RFC 3261 §7.2: SIP-Version SP Status-Code SP Reason-Phrase)",
                               SIPDIAG_FORMAT_TEXT(pinfo->pool, r->line, strlen(r->line)));
    if (d.status == SIPDIAG_CODE_INVALID) {
        add_invalid(st, pinfo, ti, r, &sl);
        return;
    }
    proto_item_append_text(ti, ": %d %s (%s)", d.code, d.row->phrase, severity_name(d.row->severity));

    proto_item_set_generated(proto_tree_add_uint(st, hf_sipdiag_code, r->tvb, r->start, r->length, (uint32_t)d.code));
    proto_item_set_generated(proto_tree_add_uint(st, hf_sipdiag_class, r->tvb, r->start, r->length,
                                                 (uint32_t)d.code / 100));
    add_reason(st, pinfo, r, &d, &sl);
    if (d.status == SIPDIAG_CODE_UNRECOGNISED) {
        proto_item_set_generated(proto_tree_add_boolean(st, hf_sipdiag_unrecognised, r->tvb, r->start, r->length, 1));
        add_text(st, hf_sipdiag_standard_reason, r, d.row->phrase);
    }
    add_text(st, hf_sipdiag_description, r, d.row->description);
    add_text(st, hf_sipdiag_fix, r, d.row->fix);
    add_text(st, hf_sipdiag_reference, r, d.row->reference);
    add_text(st, hf_sipdiag_severity, r, severity_name(d.row->severity));
    if (r->method != NULL)
        add_text(st, hf_sipdiag_method, r, r->method);
    add_code_expert(pinfo, ti, &d);
}

static int
dissect_sipdiag(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    sipdiag_response_t *r;
    unsigned n;
    bool found = sipdiag_extract_responses(tree, pinfo, &r, &n);

    /* Later passes may come without a tree (tshark -2) or without primed
     * fields; they draw what the first pass found. */
    if (!PINFO_FD_VISITED(pinfo))
        sipdiag_framecache_store(pinfo, r, n);
    else if (!found)
        n = sipdiag_framecache_lookup(pinfo, tvb, &r);

    for (unsigned i = 0; i < n; i++)
        add_response(tvb, pinfo, tree, &r[i]);
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
        ei[i].eiinfo.severity = sipdiag_severity_to_pi[c->severity];
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
        { &ei_sipdiag_reason_mismatch,
          { "sipdiag.expert.reason_mismatch", PI_RESPONSE_CODE, PI_CHAT,
            "Reason phrase differs from the registered one", EXPFILL } },
    };

    proto_sipdiag = proto_register_protocol("SIP Response Diagnosis", "SIPDIAG", "sipdiag");
    proto_register_field_array(proto_sipdiag, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));

    expert_module_t *expert_sipdiag = expert_register_protocol(proto_sipdiag);
    expert_register_field_array(expert_sipdiag, ei, array_length(ei));
    sipdiag_codes_init();
    register_code_experts(expert_sipdiag);

    sipdiag_framecache_init();
    register_init_routine(sipdiag_init);
    register_cleanup_routine(sipdiag_cleanup);
    sipdiag_handle = register_dissector("sipdiag", dissect_sipdiag, proto_sipdiag);
}

void
proto_reg_handoff_sipdiag(void)
{
    sipdiag_extract_init();
    register_postdissector(sipdiag_handle);
}

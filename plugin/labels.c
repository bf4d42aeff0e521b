/* labels.c
 * String items that fit one line of the packet details (see labels.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "labels.h"

#include "textsplit.h"

static int hf_sipdiag_continued = -1;
static gint ett_sipdiag_text = -1;

void
sipdiag_labels_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_sipdiag_continued,
          { "Continued", "sipdiag.continued", FT_STRING, BASE_NONE, NULL, 0x0,
            "The rest of a text too long for one line of the packet details; the whole text is the value of the "
            "field it continues", HFILL } },
    };
    static gint *ett[] = {
        &ett_sipdiag_text,
    };
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}

/* Bytes left for the value on the line of field hf ("Name: value"). */
static size_t
room_for_value(int hf)
{
    return SIPDIAG_LABEL_MAX - 1 - strlen(proto_registrar_get_name(hf)) - strlen(": ");
}

proto_item *
sipdiag_label_add_text(proto_tree *tree, packet_info *pinfo, int hf, tvbuff_t *tvb, int start, int length,
                       const char *text)
{
    sipdiag_span_t t = { text, strlen(text) };
    size_t room = room_for_value(hf), rest;
    proto_item *pi;

    if (t.len <= room) {
        pi = proto_tree_add_string(tree, hf, tvb, start, length, text);
        proto_item_set_generated(pi);
        return pi;
    }
    sipdiag_span_t first = sipdiag_text_piece(t, room - strlen(" …"), &rest);
    pi = proto_tree_add_string_format_value(tree, hf, tvb, start, length, text, "%.*s …", (int)first.len, first.ptr);
    proto_item_set_generated(pi);
    proto_tree *more = proto_item_add_subtree(pi, ett_sipdiag_text);
    for (t = (sipdiag_span_t){ t.ptr + rest, t.len - rest }; t.len > 0;
         t = (sipdiag_span_t){ t.ptr + rest, t.len - rest }) {
        sipdiag_span_t piece = sipdiag_text_piece(t, SIPDIAG_LABEL_MAX - 1, &rest);
        const char *value = wmem_strndup(pinfo->pool, piece.ptr, piece.len);
        proto_item_set_generated(proto_tree_add_string_format(more, hf_sipdiag_continued, tvb, start, length, value,
                                                              "%s", value));
    }
    return pi;
}

proto_item *
sipdiag_label_add_wire(proto_tree *tree, int hf, tvbuff_t *tvb, int start, int length, const char *value)
{
    size_t len = strlen(value), room = room_for_value(hf);
    proto_item *pi;
    if (len <= room) {
        pi = proto_tree_add_string(tree, hf, tvb, start, length, value);
    } else {
        size_t shown = sipdiag_text_prefix(value, len, room - strlen(" … (4294967295 bytes in all)"));
        pi = proto_tree_add_string_format_value(tree, hf, tvb, start, length, value, "%.*s … (%zu bytes in all)",
                                                (int)shown, value, len);
    }
    proto_item_set_generated(pi);
    return pi;
}

/* Marks an item sipdiag made from its findings, and passes it on. */
static proto_item *
generated(proto_item *pi)
{
    proto_item_set_generated(pi);
    return pi;
}

proto_item *
sipdiag_gen_uint(proto_tree *tree, int hf, tvbuff_t *tvb, int start, int length, uint32_t value)
{
    return generated(proto_tree_add_uint(tree, hf, tvb, start, length, value));
}

proto_item *
sipdiag_gen_string(proto_tree *tree, int hf, tvbuff_t *tvb, int start, int length, const char *value)
{
    return generated(proto_tree_add_string(tree, hf, tvb, start, length, value));
}

proto_item *
sipdiag_gen_boolean(proto_tree *tree, int hf, tvbuff_t *tvb, int start, int length, uint64_t value)
{
    return generated(proto_tree_add_boolean(tree, hf, tvb, start, length, value));
}

proto_item *
sipdiag_gen_time(proto_tree *tree, int hf, tvbuff_t *tvb, int64_t ns)
{
    if (ns < 0)
        return NULL;
    nstime_t t = { (time_t)(ns / 1000000000), (int)(ns % 1000000000) };
    return generated(proto_tree_add_time(tree, hf, tvb, 0, 0, &t));
}

int
sipdiag_pi_severity(sipdiag_severity_t severity)
{
    static const int pi[] = {
        [SIPDIAG_SEV_CHAT] = PI_CHAT, [SIPDIAG_SEV_NOTE] = PI_NOTE, [SIPDIAG_SEV_WARN] = PI_WARN,
        [SIPDIAG_SEV_ERROR] = PI_ERROR,
    };
    return (size_t)severity < G_N_ELEMENTS(pi) ? pi[severity] : PI_NOTE;
}

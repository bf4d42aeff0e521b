/* extract.c
 * Reads the SIP dissector's fields. A frame may carry several SIP messages
 * (one TCP segment, several responses and requests), so every field is tied
 * to the message whose byte range holds it, not matched by position in the
 * field lists.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "extract.h"

#include <epan/to_str.h>

/* A status line longer than this is shown cut; no real one comes close. */
#define MAX_LINE_BYTES 256

/* As few fields as will do: every field asked for makes the SIP dissector
 * build a real item for it in every message (sip.Status-Line and
 * sip.CSeq.method cost tshark -r about 3 % more): the status line is the
 * first line of the message, and the CSeq method is read with the other
 * headers (sipmsg.c). */
enum {
    F_SIP,          /* the SIP protocol item: one per message, starts at its first line */
    F_STATUS_CODE,  /* present when the SIP dissector accepted a status line */
    F_DATA,         /* payload no dissector took: SIP rejects malformed status lines */
    F_COUNT
};

static struct {
    const char *name;
    int id;
} fields[F_COUNT] = {
    [F_SIP]         = { "sip", -1 },
    [F_STATUS_CODE] = { "sip.Status-Code", -1 },
    [F_DATA]        = { "data", -1 },
};

/* Protocols only looked for in pinfo->layers, never asked for (a field
 * asked for is primed in every frame). */
static int proto_icmp = -1;
static int proto_icmpv6 = -1;

/* The instances of one field in this frame. */
typedef struct {
    GPtrArray *arr;
    bool owned;    /* from proto_find_finfo(): ours to free */
} finfo_list_t;

void
sipdiag_extract_init(void)
{
    for (int i = 0; i < F_COUNT; i++)
        fields[i].id = proto_registrar_get_id_byname(fields[i].name);
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
}

GArray *
sipdiag_extract_wanted_hfids(void)
{
    GArray *ids = g_array_new(FALSE, FALSE, (unsigned)sizeof(int));
    /* Every field asked for is primed in every frame (a hash insert each):
     * the ICMP header is read from the bytes instead (sipdiag_extract_icmp). */
    for (int i = 0; i < F_COUNT; i++) {
        if (fields[i].id > 0)
            g_array_append_val(ids, fields[i].id);
    }
    return ids;
}

/* tshark and the first pass prime the wanted fields; the GUI's dissection of
 * the selected packet does not, but its tree is complete, so search it. */
static void
list_get(proto_tree *tree, int field, bool primed, finfo_list_t *l)
{
    l->arr = NULL;
    l->owned = false;
    if (fields[field].id <= 0)
        return;
    l->arr = proto_get_finfo_ptr_array(tree, fields[field].id);
    if (l->arr == NULL && !primed) {
        l->arr = proto_find_finfo(tree, fields[field].id);
        l->owned = true;
    }
}

static void
list_free(finfo_list_t *l)
{
    if (l->owned && l->arr != NULL)
        g_ptr_array_free(l->arr, TRUE);
}

static unsigned
list_len(const finfo_list_t *l)
{
    return l->arr != NULL ? l->arr->len : 0;
}

/* The end of message i: its own length, cut at the next message in the same
 * data source (a message cut short by an exception claims the rest). */
static int
message_end(const finfo_list_t *msgs, unsigned i)
{
    const field_info *m = (const field_info *)g_ptr_array_index(msgs->arr, i);
    int end = m->start + MAX(m->length, 0);
    if (i + 1 < list_len(msgs)) {
        const field_info *next = (const field_info *)g_ptr_array_index(msgs->arr, i + 1);
        if (next->ds_tvb == m->ds_tvb && next->start > m->start && next->start < end)
            end = next->start;
    }
    return end;
}

/* The first instance in l that lies inside [start, end) of tvb. */
static field_info *
first_inside(const finfo_list_t *l, const tvbuff_t *tvb, int start, int end)
{
    for (unsigned i = 0; i < list_len(l); i++) {
        field_info *fi = (field_info *)g_ptr_array_index(l->arr, i);
        if (fi->ds_tvb == tvb && fi->start >= start && fi->start < end)
            return fi;
    }
    return NULL;
}

/* The captured bytes of a status line, without its line ending. */
static const char *
line_bytes(tvbuff_t *tvb, int start, int length, size_t *len)
{
    int avail = tvb_captured_length_remaining(tvb, start);
    int n = MIN(MAX(length, 0), MAX(avail, 0));
    const char *p = n > 0 ? (const char *)tvb_get_ptr(tvb, start, n) : "";
    while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n'))
        n--;
    *len = (size_t)n;
    return p;
}

/* Whether the capture stopped before byte `end` of tvb: the frame was cut
 * by the snaplen there, so what follows was sent but not captured. */
static bool
cut_before(tvbuff_t *tvb, int end)
{
    int captured = (int)tvb_captured_length(tvb);
    return tvb_reported_length(tvb) > (unsigned)captured && end >= captured;
}

/* Bytes the SIP dissector did not accept as a response but that start like
 * one ("SIP/2.0 1000 ..."): fills r from their first line; false otherwise. */
static bool
rejected_response(const field_info *m, int end, sipdiag_response_t *r)
{
    int avail = MIN(end - m->start, MAX_LINE_BYTES);
    if (avail < 4 || tvb_strncaseeql(m->ds_tvb, m->start, "SIP/", 4) != 0)
        return false;
    int linelen = tvb_find_line_end(m->ds_tvb, m->start, avail, NULL, FALSE);
    if (linelen <= 0)
        return false;
    r->is_response = true;
    r->code = -1;
    r->malformed = true;
    r->line = line_bytes(m->ds_tvb, m->start, linelen, &r->line_len);
    r->tvb = m->ds_tvb;
    r->start = m->start;
    r->length = linelen;
    r->msg_start = m->start;
    r->msg_length = end - m->start;
    r->cut = cut_before(m->ds_tvb, end);
    /* No line end before the capture stopped: the status line itself is cut. */
    r->line_cut = r->cut && tvb_find_line_end(m->ds_tvb, m->start, avail, NULL, TRUE) < 0;
    return true;
}

/* Fills r from message i: a response, a rejected status line or a request. */
static void
response_of_message(finfo_list_t l[F_COUNT], unsigned i, sipdiag_response_t *r)
{
    const field_info *m = (const field_info *)g_ptr_array_index(l[F_SIP].arr, i);
    int end = message_end(&l[F_SIP], i);
    field_info *code = first_inside(&l[F_STATUS_CODE], m->ds_tvb, m->start, end);

    if (code == NULL && !rejected_response(m, end, r)) {
        *r = (sipdiag_response_t){ .is_response = false, .code = -1, .tvb = m->ds_tvb,
                                   .msg_start = m->start, .msg_length = end - m->start,
                                   .cut = cut_before(m->ds_tvb, end) };
        return;
    }
    if (code == NULL)
        return;

    /* The SIP dissector starts a message's item at its status line. */
    int linelen = tvb_find_line_end(m->ds_tvb, m->start, MAX(end - m->start, 0), NULL, FALSE);
    r->is_response = true;
    r->code = (int)fvalue_get_uinteger(SIPDIAG_FI_FVALUE(code));
    r->malformed = false;
    /* The bytes, not a string: a NUL in the phrase would end that. */
    r->line = line_bytes(m->ds_tvb, m->start, linelen, &r->line_len);
    r->tvb = m->ds_tvb;
    r->start = m->start;
    r->length = (int)r->line_len;    /* captured bytes only: items never reach past them */
    r->msg_start = m->start;
    r->msg_length = end - m->start;
    r->cut = cut_before(m->ds_tvb, end);
    r->line_cut = false;
}

/* Undissected payloads that look like a SIP response (never requests: a
 * payload no dissector took is only ours if it starts like a status line). */
static unsigned
responses_in_data(const finfo_list_t *data, sipdiag_response_t *out)
{
    unsigned n = 0;
    for (unsigned i = 0; i < list_len(data); i++) {
        const field_info *d = (const field_info *)g_ptr_array_index(data->arr, i);
        if (rejected_response(d, d->start + MAX(d->length, 0), &out[n]))
            n++;
    }
    return n;
}

/* Fields are there to read when they were primed (tshark, the first pass)
 * or when the tree is visible (the GUI's packet details, tshark -V). */
static bool
fields_readable(proto_tree *tree, const finfo_list_t *first)
{
    return !first->owned || PTREE_DATA(tree)->visible;
}

/* pinfo->layers holds protocol ids. Comparing ids rather than names
 * (proto_is_frame_protocol) matters: this runs for every frame. A protocol's
 * id is its field id, so the ids of "sip" and "data" are already known. */
static bool layers_icmp, layers_icmpv6;   /* of the frame frame_layers() looked at last */

static void
frame_layers(const packet_info *pinfo, bool *has_sip, bool *has_data)
{
    *has_sip = false;
    *has_data = false;
    layers_icmp = layers_icmpv6 = false;
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f != NULL; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        *has_sip |= id == fields[F_SIP].id;
        *has_data |= id == fields[F_DATA].id;
        layers_icmp |= id == proto_icmp;
        layers_icmpv6 |= id == proto_icmpv6;
    }
}

/* The ICMP header in front of a quoted UDP datagram whose payload starts at
 * `start` of tvb: UDP header (8 bytes) before it, the quoted IPv4 header
 * (20 to 60 bytes, its length in its first byte, protocol 17) or IPv6 header
 * (40 bytes, next header 17) before that, and the ICMP header (8 bytes:
 * type, code, checksum, 4 more) before that. Every byte read is checked to
 * be there; false when the layout does not fit. */
static bool
icmp_header_before(packet_info *pinfo, const guint8 *b, int start, bool v6, unsigned *type, unsigned *code,
                   const char **to)
{
    int ip = -1;
    if (v6) {
        int p = start - 8 - 40;
        if (p >= 8 && (b[p] >> 4) == 6 && b[p + 6] == 17)
            ip = p;
    } else {
        for (int ihl = 5; ihl <= 15 && ip < 0; ihl++) {
            int p = start - 8 - 4 * ihl;
            if (p >= 8 && b[p] == (0x40 | ihl) && b[p + 9] == 17)
                ip = p;
        }
    }
    if (ip < 0)
        return false;
    *type = b[ip - 8];
    *code = b[ip - 7];
    /* Where the bounced datagram was going: the quoted IP destination and UDP port. */
    address dst;
    set_address(&dst, v6 ? AT_IPv6 : AT_IPv4, v6 ? 16 : 4, b + (v6 ? ip + 24 : ip + 16));
    *to = wmem_strdup_printf(pinfo->pool, v6 ? "[%s]:%u" : "%s:%u", address_to_str(pinfo->pool, &dst),
                             (unsigned)(b[start - 6] << 8 | b[start - 5]));
    return true;
}

bool
sipdiag_extract_icmp(packet_info *pinfo, const sipdiag_response_t *m, bool *v6, unsigned *type, unsigned *code,
                     const char **to)
{
    /* frame_layers() saw this frame's protocols when the messages were extracted. */
    if (!layers_icmp && !layers_icmpv6)
        return false;
    *v6 = layers_icmpv6;
    *type = *code = 0;
    *to = "an unknown destination";
    /* The bytes in front of the message are in the frame: they were captured before it. */
    if (m->msg_start < 8 + 20 + 8 || !tvb_bytes_exist(m->tvb, 0, m->msg_start))
        return true;
    /* Read as bytes: the tvb getters were renamed between 4.0 and 4.4. */
    const guint8 *b = tvb_get_ptr(m->tvb, 0, m->msg_start);
    if (!icmp_header_before(pinfo, b, m->msg_start, layers_icmpv6, type, code, to))
        *type = *code = 0;
    return true;
}

sipdiag_extract_t
sipdiag_extract_responses(proto_tree *tree, packet_info *pinfo, sipdiag_response_t **out, unsigned *count)
{
    finfo_list_t l[F_COUNT] = { { NULL, false } };
    unsigned n = 0;
    bool has_sip, has_data;

    *out = NULL;
    *count = 0;
    frame_layers(pinfo, &has_sip, &has_data);
    if (!has_sip && !has_data)
        return SIPDIAG_EXTRACT_NO_SIP;
    if (tree == NULL)
        return SIPDIAG_EXTRACT_UNREADABLE;

    /* A protocol in pinfo->layers has its item in the tree, so a primed
     * lookup that finds nothing means the fields were not primed. */
    int first = has_sip ? F_SIP : F_DATA;
    list_get(tree, first, false, &l[first]);
    bool readable = fields_readable(tree, &l[first]);
    if (readable && has_sip) {
        for (int f = F_SIP + 1; f < F_DATA; f++)
            list_get(tree, f, !l[F_SIP].owned, &l[f]);
    }
    if (readable && has_data && first != F_DATA)
        list_get(tree, F_DATA, false, &l[F_DATA]);

    unsigned total = readable ? list_len(&l[F_SIP]) + list_len(&l[F_DATA]) : 0;
    if (total > 0) {
        *out = wmem_alloc_array(pinfo->pool, sipdiag_response_t, total);
        for (unsigned i = 0; i < list_len(&l[F_SIP]); i++)
            response_of_message(l, i, &(*out)[n++]);
        n += responses_in_data(&l[F_DATA], &(*out)[n]);
    }
    for (int f = 0; f < F_COUNT; f++)
        list_free(&l[f]);
    *count = n;
    return readable ? SIPDIAG_EXTRACT_READ : SIPDIAG_EXTRACT_UNREADABLE;
}

/* packet-floor.c
 * The benchmark's floor: a post-dissector that asks for the same SIP fields
 * as sipdiag (plugin/extract.c) and does nothing per packet. Any cost above
 * tshark without plugins that this shows is the price of asking for those
 * fields at all; sipdiag's own work is what it costs above this.
 *
 * Built with FLOOR_ITEMS (floor-items.so) it also adds, for every SIP
 * response, the least any plugin that reports responses must add: its
 * protocol item and one expert item. What that costs above the plain floor
 * is Wireshark's price for those two items, which no optimisation of
 * sipdiag's own code can take away.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define WS_BUILD_DLL
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/expert.h>

#include "compat.h"

WS_DLL_PUBLIC_DEF const char plugin_version[] = "0.0.0";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;
WS_DLL_PUBLIC void plugin_register(void);

/* Exactly the fields sipdiag asks for, in its order (run.sh checks). */
static const char *const wanted[] = {
    "sip", "sip.Status-Code", "data",
};

static int proto_floor = -1;
static dissector_handle_t floor_handle;

#ifdef FLOOR_ITEMS
static int hf_status_code = -1;
static expert_field ei_floor_ok = EI_INIT;
static expert_field ei_floor_failed = EI_INIT;

static int
dissect_floor(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    GPtrArray *codes = proto_get_finfo_ptr_array(tree, hf_status_code);
    for (unsigned i = 0; codes != NULL && i < codes->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(codes, i);
        uint32_t code = fvalue_get_uinteger(SIPDIAG_FI_FVALUE(fi));
        proto_item *ti = proto_tree_add_item(tree, proto_floor, fi->ds_tvb, fi->start, fi->length, ENC_NA);
        expert_add_info(pinfo, ti, code < 300 ? &ei_floor_ok : &ei_floor_failed);
    }
    return 0;
}
#else
static int
dissect_floor(tvbuff_t *tvb _U_, packet_info *pinfo _U_, proto_tree *tree _U_, void *data _U_)
{
    return 0;
}
#endif

/* As sipdiag does: ask at every (re)initialisation, while enabled. */
static void
floor_init(void)
{
    if (!proto_is_protocol_enabled(find_protocol_by_id(proto_floor)))
        return;
    GArray *ids = g_array_new(FALSE, FALSE, (unsigned)sizeof(int));
    for (size_t i = 0; i < G_N_ELEMENTS(wanted); i++) {
        int id = proto_registrar_get_id_byname(wanted[i]);
        if (id > 0)
            g_array_append_val(ids, id);
    }
    set_postdissector_wanted_hfids(floor_handle, ids);
}

static void
floor_cleanup(void)
{
    set_postdissector_wanted_hfids(floor_handle, NULL);
}

static void
proto_register_floor(void)
{
    proto_floor = proto_register_protocol("sipdiag benchmark floor", "SIPDIAGFLOOR", "sipdiagfloor");
    floor_handle = register_dissector("sipdiagfloor", dissect_floor, proto_floor);
#ifdef FLOOR_ITEMS
    static ei_register_info ei[] = {
        { &ei_floor_ok, { "sipdiagfloor.ok", PI_RESPONSE_CODE, PI_CHAT, "SIP response: nothing to do", EXPFILL } },
        { &ei_floor_failed, { "sipdiagfloor.failed", PI_RESPONSE_CODE, PI_WARN, "SIP response: failed", EXPFILL } },
    };
    expert_register_field_array(expert_register_protocol(proto_floor), ei, G_N_ELEMENTS(ei));
#endif
    register_init_routine(floor_init);
    register_cleanup_routine(floor_cleanup);
}

static void
proto_reg_handoff_floor(void)
{
#ifdef FLOOR_ITEMS
    hf_status_code = proto_registrar_get_id_byname("sip.Status-Code");
#endif
    register_postdissector(floor_handle);
}

void
plugin_register(void)
{
    static proto_plugin plug;
    plug.register_protoinfo = proto_register_floor;
    plug.register_handoff = proto_reg_handoff_floor;
    proto_register_plugin(&plug);
}

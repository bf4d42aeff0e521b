/* packet-floor.c
 * The benchmark's floor: a post-dissector that asks for the same SIP fields
 * as sipdiag (plugin/extract.c) and does nothing per packet. Any cost above
 * tshark without plugins that this shows is the price of asking for those
 * fields at all; sipdiag's own work is what it costs above this.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define WS_BUILD_DLL
#include <wireshark.h>
#include <epan/packet.h>

WS_DLL_PUBLIC_DEF const char plugin_version[] = "0.0.0";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;
WS_DLL_PUBLIC void plugin_register(void);

/* Exactly the fields sipdiag asks for, in its order (run.sh checks). */
static const char *const wanted[] = {
    "sip", "sip.Status-Code", "sip.Status-Line", "sip.CSeq.method", "data",
};

static int proto_floor = -1;
static dissector_handle_t floor_handle;

static int
dissect_floor(tvbuff_t *tvb _U_, packet_info *pinfo _U_, proto_tree *tree _U_, void *data _U_)
{
    return 0;
}

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
    register_init_routine(floor_init);
    register_cleanup_routine(floor_cleanup);
}

static void
proto_reg_handoff_floor(void)
{
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

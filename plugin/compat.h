/* compat.h
 * Every difference between the Wireshark versions sipdiag builds against
 * (4.0, 4.4, 4.6). No other file may test WIRESHARK_VERSION_*.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_COMPAT_H
#define SIPDIAG_COMPAT_H

#include <wireshark.h>
#include <epan/proto.h>

#define SIPDIAG_WS_AT_LEAST(maj, min) \
    (WIRESHARK_VERSION_MAJOR > (maj) || (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

/* field_info.value: an embedded fvalue_t up to 4.2, a pointer from 4.4 on
 * (upstream change "epan: make field_info.value a pointer"). */
#if SIPDIAG_WS_AT_LEAST(4, 4)
#define SIPDIAG_FI_FVALUE(fi) ((fi)->value)
#else
#define SIPDIAG_FI_FVALUE(fi) (&(fi)->value)
#endif

/* plugin_describe() exists from 4.4 on (its flags are in wsutil/plugins.h);
 * older versions never look for it. */
#if SIPDIAG_WS_AT_LEAST(4, 4)
#include <wsutil/plugins.h>
#define SIPDIAG_HAVE_PLUGIN_DESCRIBE 1
#else
#define SIPDIAG_HAVE_PLUGIN_DESCRIBE 0
#endif

/* format_text(): in epan/strutil.h taking const guchar * in 4.0; moved to
 * wsutil/str_util.h taking const char * by 4.4. */
#if SIPDIAG_WS_AT_LEAST(4, 4)
#include <wsutil/str_util.h>
#define SIPDIAG_FORMAT_TEXT(pool, s, len) format_text((pool), (s), (len))
#else
#include <epan/strutil.h>
#define SIPDIAG_FORMAT_TEXT(pool, s, len) format_text((pool), (const guchar *)(s), (len))
#endif

/* Booleans Wireshark's API exchanges with us (UAT record callbacks, boolean
 * preferences) are gboolean up to 4.2 and C99 bool from 4.4 on (upstream's
 * move from GLib types to C99 types). */
#if SIPDIAG_WS_AT_LEAST(4, 4)
typedef bool sipdiag_wsbool_t;
#else
typedef gboolean sipdiag_wsbool_t;
#endif

/* The Telephony menu group: REGISTER_STAT_GROUP_TELEPHONY in 4.0, renamed
 * REGISTER_TELEPHONY_GROUP_UNSORTED by 4.4. */
#if SIPDIAG_WS_AT_LEAST(4, 4)
#define SIPDIAG_TELEPHONY_GROUP REGISTER_TELEPHONY_GROUP_UNSORTED
#else
#define SIPDIAG_TELEPHONY_GROUP REGISTER_STAT_GROUP_TELEPHONY
#endif

#endif /* SIPDIAG_COMPAT_H */

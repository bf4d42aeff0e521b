/* stats.c
 * The sipdiag tap and its stats_tree, laid out like packet-http.c's:
 * fixed parent nodes created at init, children ticked per response.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "stats.h"

#include <stdio.h>
#include <string.h>

#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "codes.h"
#include "q850.h"
#include "textsplit.h"

static int sipdiag_tap = -1;

static const char *st_str_responses = "SIP responses";
static const char *st_str_severity = "By severity";
static const char *st_str_class = "By class";
static const char *st_str_code = "By code";
static const char *st_str_method = "By request method";
static const char *st_str_q850 = "By Q.850 cause";
static const char *st_str_calls = "Failed calls";
static const char *st_str_refused = "Refused re-INVITEs, call went on";
static const char *st_str_silent = "Failures without an error response";
static const char *st_str_calls_branch = "Calls";
static const char *st_str_ended = "Ended by cause (Reason of BYE or CANCEL)";
static const char *st_str_verdict = "By verdict";
static const char *st_str_cut = "unknown: cut off by the capture, left out of the figures";
static const char *st_str_rfc6076 = "RFC 6076 figures";
static const char *st_str_faults = "Transaction faults";
/* Ratios: the parent counts the attempts (M), the child the ones that
 * qualify (N); the Percent column shows N of M. */
static const char *st_str_ser = "SER Session Establishment Ratio (calls not redirected)";
static const char *st_str_ser_n = "established: 2xx";
static const char *st_str_seer = "SEER Session Establishment Effectiveness Ratio (calls not redirected)";
static const char *st_str_seer_n = "effective: 2xx, 480, 486, 600, 603";
static const char *st_str_isa = "ISA Ineffective Session Attempts (calls)";
static const char *st_str_isa_n = "ineffective: 408, 500, 503, 504";
static const char *st_str_scr = "SCR Session Completion Ratio (calls)";
static const char *st_str_scr_n = "completed: answered, not dropped";
static const char *st_str_ira = "IRA Ineffective Registration Attempts (attempts)";
static const char *st_str_ira_n = "failed";
static const char *st_str_srd_ok = "SRD Session Request Delay, successful setups (s)";
static const char *st_str_srd_fail = "SRD Session Request Delay, failed setups (s)";
static const char *st_str_sdd = "SDD Session Disconnect Delay (s)";
static const char *st_str_sdt = "SDT Session Duration Time (s)";
static const char *st_str_rrd = "RRD Registration Request Delay (s)";
static const char *st_str_reg_cut = "Registrations cut off by the capture (left out)";

static int st_node_responses = -1;
static int st_node_severity = -1;
static int st_node_class = -1;
static int st_node_code = -1;
static int st_node_method = -1;
static int st_node_q850 = -1;
static int st_node_calls = -1;
static int st_node_refused = -1;
static int st_node_silent = -1;
static int st_node_calls_branch = -1;
static int st_node_ended = -1;
static int st_node_verdict = -1;
static int st_node_rfc6076 = -1;
static int st_node_faults = -1;

/* A severity's row: numbered so that Wireshark's Qt dialog, which sorts
 * rows by name in descending order (ui/qt/stats_tree_dialog.cpp: the
 * header's default sort indicator), shows the most severe first; creation
 * order is not kept. */
#define SEVERITY_ROW 16
static const char *
severity_row(char buf[SEVERITY_ROW], int severity)
{
    snprintf(buf, SEVERITY_ROW, "%d %s", severity + 1, sipdiag_severity_name((sipdiag_severity_t)severity));
    return buf;
}

static const char *
class_row(packet_info *pinfo, int code)
{
    const char *name = sipdiag_class_name((unsigned)(code / 100));
    return name != NULL ? wmem_strdup_printf(pinfo->pool, "%dxx %s", code / 100, name) : "invalid";
}

void
sipdiag_stats_register_tap(void)
{
    sipdiag_tap = register_tap("sipdiag");
}

bool
sipdiag_stats_wanted(void)
{
    return have_tap_listener(sipdiag_tap);
}

void
sipdiag_stats_queue(packet_info *pinfo, const sipdiag_tap_info_t *info)
{
    tap_queue_packet(sipdiag_tap, pinfo, wmem_memdup(pinfo->pool, info, sizeof *info));
}

static void
sipdiag_stats_tree_init(stats_tree *st)
{
    st_node_responses = stats_tree_create_node(st, st_str_responses, 0, STAT_DT_INT, true);
    st_node_severity = stats_tree_create_node(st, st_str_severity, st_node_responses, STAT_DT_INT, true);
    /* Most severe first, whatever order they come in (tshark keeps creation order for equal counts). */
    for (int sev = SIPDIAG_SEV_ERROR; sev >= SIPDIAG_SEV_CHAT; sev--) {
        char row[SEVERITY_ROW];
        stats_tree_create_node(st, severity_row(row, sev), st_node_severity, STAT_DT_INT, false);
    }
    st_node_class = stats_tree_create_node(st, st_str_class, st_node_responses, STAT_DT_INT, true);
    st_node_code = stats_tree_create_node(st, st_str_code, st_node_responses, STAT_DT_INT, true);
    st_node_method = stats_tree_create_node(st, st_str_method, st_node_responses, STAT_DT_INT, true);
    st_node_q850 = stats_tree_create_node(st, st_str_q850, st_node_responses, STAT_DT_INT, true);
    st_node_calls = stats_tree_create_node(st, st_str_calls, 0, STAT_DT_INT, true);
    st_node_refused = stats_tree_create_node(st, st_str_refused, 0, STAT_DT_INT, true);
    st_node_silent = stats_tree_create_node(st, st_str_silent, 0, STAT_DT_INT, true);
    st_node_calls_branch = stats_tree_create_node(st, st_str_calls_branch, 0, STAT_DT_INT, true);
    st_node_verdict = stats_tree_create_node(st, st_str_verdict, st_node_calls_branch, STAT_DT_INT, true);
    st_node_rfc6076 = stats_tree_create_node(st, st_str_rfc6076, st_node_calls_branch, STAT_DT_INT, true);
    st_node_faults = stats_tree_create_node(st, st_str_faults, st_node_calls_branch, STAT_DT_INT, true);
    st_node_ended = stats_tree_create_node(st, st_str_ended, st_node_calls_branch, STAT_DT_INT, true);
    static const char *const *const avg[] = { &st_str_srd_ok, &st_str_srd_fail, &st_str_sdd, &st_str_sdt, &st_str_rrd };
    for (size_t i = 0; i < G_N_ELEMENTS(avg); i++)
        stats_tree_create_node(st, *avg[i], st_node_rfc6076, STAT_DT_FLOAT, false);
}

/* One ratio: the attempt counts in M, and in N when it qualifies. */
static void
ratio(stats_tree *st, const char *m, const char *n, bool qualifies)
{
    int parent = tick_stat_node(st, m, st_node_rfc6076, true);
    if (qualifies)
        tick_stat_node(st, n, parent, false);
}

static void
average(stats_tree *st, const char *name, double seconds)
{
    if (seconds >= 0)
        avg_stat_node_add_value_float(st, name, st_node_rfc6076, false, (float)seconds);
}

/* A call's verdict or figure under Calls. */
static void
tick_call(stats_tree *st, const sipdiag_call_tap_t *c)
{
    if (c->kind == 1) {
        average(st, st_str_sdd, c->delay_s);
        return;
    }
    if (c->kind == 2) {
        if (c->cut) {
            tick_stat_node(st, st_str_reg_cut, st_node_rfc6076, false);
            return;
        }
        ratio(st, st_str_ira, st_str_ira_n, c->failed);
        if (!c->failed)
            average(st, st_str_rrd, c->delay_s);
        return;
    }
    /* The branch counts calls: one verdict each. */
    tick_stat_node(st, st_str_calls_branch, 0, true);
    tick_stat_node(st, st_str_verdict, st_node_calls_branch, true);
    tick_stat_node(st, c->cut ? st_str_cut : c->verdict, st_node_verdict, false);
    if (c->cut)
        return;
    if (!c->redirected) {
        ratio(st, st_str_ser, st_str_ser_n, c->established);
        ratio(st, st_str_seer, st_str_seer_n, c->effective);
    }
    ratio(st, st_str_isa, st_str_isa_n, c->ineffective);
    ratio(st, st_str_scr, st_str_scr_n, c->completed);
    average(st, st_str_srd_ok, c->setup_s);
    average(st, st_str_srd_fail, c->failed_setup_s);
    average(st, st_str_sdt, c->duration_s);
    average(st, st_str_sdd, c->sdd_s);
}

/* A URI cut to fit a statistics row (whole UTF-8 characters). */
#define ROW_URI_BYTES 36

static const char *
row_uri(packet_info *pinfo, const char *uri)
{
    size_t len = strlen(uri), n = sipdiag_text_prefix(uri, len, ROW_URI_BYTES);
    return n == len ? uri : wmem_strdup_printf(pinfo->pool, "%.*s…", (int)n, uri);
}

/* "callee is on another call" of "callee is on another call — retry later …". */
static const char *
first_clause(packet_info *pinfo, const char *summary)
{
    const char *dash = strstr(summary, " — ");
    return dash != NULL ? wmem_strndup(pinfo->pool, summary, (size_t)(dash - summary)) : summary;
}

static tap_packet_status
sipdiag_stats_tree_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_, const void *p,
                          tap_flags_t flags _U_)
{
    const sipdiag_tap_info_t *t = (const sipdiag_tap_info_t *)p;
    if (!t->counted)
        return TAP_PACKET_DONT_REDRAW;
    if (t->call != NULL) {
        tick_call(st, t->call);
        return TAP_PACKET_REDRAW;
    }
    if (t->fault) {
        tick_stat_node(st, st_str_faults, st_node_calls_branch, true);
        tick_stat_node(st, t->silent, st_node_faults, false);
        return TAP_PACKET_REDRAW;
    }
    if (t->ended != NULL) {
        tick_stat_node(st, st_str_ended, st_node_calls_branch, true);
        tick_stat_node(st, t->ended, st_node_ended, false);
        return TAP_PACKET_REDRAW;
    }
    if (t->silent != NULL) {
        tick_stat_node(st, st_str_silent, 0, true);
        tick_stat_node(st, t->silent, st_node_silent, false);
        return TAP_PACKET_REDRAW;
    }

    /* Short labels so the Count column stays in view: the code and its
     * phrase, with the diagnosis's first clause as its child; every group
     * row carries its total. */
    tick_stat_node(st, st_str_responses, 0, true);
    tick_stat_node(st, st_str_severity, st_node_responses, true);
    char row[SEVERITY_ROW];
    tick_stat_node(st, severity_row(row, t->severity), st_node_severity, false);
    tick_stat_node(st, st_str_class, st_node_responses, true);
    tick_stat_node(st, class_row(pinfo, t->code), st_node_class, false);
    tick_stat_node(st, st_str_code, st_node_responses, true);
    int code = tick_stat_node(st, wmem_strdup_printf(pinfo->pool, "%d %s", t->code, t->phrase), st_node_code, true);
    tick_stat_node(st, first_clause(pinfo, t->summary), code, false);
    tick_stat_node(st, st_str_method, st_node_responses, true);
    tick_stat_node(st, t->method != NULL ? t->method : "(no CSeq)", st_node_method, false);
    if (t->q850_cause >= 0)
    {
        const sipdiag_q850_t *q = sipdiag_q850_find(t->q850_cause);
        tick_stat_node(st, st_str_q850, st_node_responses, true);
        tick_stat_node(st, wmem_strdup_printf(pinfo->pool, "%d %s", t->q850_cause, q != NULL ? q->name : "(undefined)"),
                       st_node_q850, false);
    }
    if (t->failed_call || t->refused_in_dialog) {
        /* "From -> To: code phrase", the Call-ID beneath. */
        int parent = t->failed_call ? st_node_calls : st_node_refused;
        tick_stat_node(st, t->failed_call ? st_str_calls : st_str_refused, 0, true);
        int call = tick_stat_node(st, wmem_strdup_printf(pinfo->pool, "%s -> %s: %d %s", row_uri(pinfo, t->from),
                                                         row_uri(pinfo, t->to), t->code, t->phrase), parent, true);
        tick_stat_node(st, wmem_strdup_printf(pinfo->pool, "Call-ID %s", t->call_id), call, false);
    }
    return TAP_PACKET_REDRAW;
}

void
sipdiag_stats_register_tree(void)
{
    /* Wireshark's Qt lists every plugin's statistics tree at the end of the
     * Statistics menu, whatever its group (4.0; 4.4 too, with
     * stats_tree_set_group(), seen in its GUI): Telephony is out of reach. */
    stats_tree_register_plugin("sipdiag", "sipdiag", "SIP Response Diagnosis", 0, sipdiag_stats_tree_packet,
                               sipdiag_stats_tree_init, NULL);
}

/* test_reasons.c
 * Reason protocols, their causes, RFC 8606 locations, FreeSWITCH cause names,
 * and the RFC 3398 combinations of Q.850 cause and status code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "diagnose.h"
#include "q850.h"
#include "reasons.h"

static sipdiag_span_t
span(const char *s)
{
    return (sipdiag_span_t){ s, s != NULL ? strlen(s) : 0 };
}

/* The registry's protocols by name, any case; others are unregistered. */
static void
test_protocols(void)
{
    g_assert_cmpint(sipdiag_reason_kind(span("Q.850")), ==, SIPDIAG_RP_Q850);
    g_assert_cmpint(sipdiag_reason_kind(span("q.850")), ==, SIPDIAG_RP_Q850);
    g_assert_cmpint(sipdiag_reason_kind(span("SIP")), ==, SIPDIAG_RP_SIP);
    g_assert_cmpint(sipdiag_reason_kind(span("preemption")), ==, SIPDIAG_RP_PREEMPTION);
    g_assert_cmpint(sipdiag_reason_kind(span("RELEASE_CAUSE")), ==, SIPDIAG_RP_RELEASE_CAUSE);
    g_assert_cmpint(sipdiag_reason_kind(span("FAILURE_CAUSE")), ==, SIPDIAG_RP_FAILURE_CAUSE);
    g_assert_cmpint(sipdiag_reason_kind(span("NGAP-RNL")), ==, SIPDIAG_RP_OTHER);
    g_assert_cmpint(sipdiag_reason_kind(span("X-ACME")), ==, SIPDIAG_RP_UNREGISTERED);
    g_assert_cmpint(sipdiag_reason_kind(span("")), ==, SIPDIAG_RP_UNREGISTERED);
    g_assert_cmpint(sipdiag_reason_kind(span("Q.8500")), ==, SIPDIAG_RP_UNREGISTERED);
}

/* The registry's causes: RELEASE_CAUSE 1-7, FAILURE_CAUSE 1-3, Preemption 1-4; nothing beyond. */
static void
test_causes(void)
{
    static const struct { sipdiag_reason_kind_t kind; int max; } ranges[] = {
        { SIPDIAG_RP_RELEASE_CAUSE, 7 }, { SIPDIAG_RP_FAILURE_CAUSE, 3 }, { SIPDIAG_RP_PREEMPTION, 4 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(ranges); i++) {
        g_assert_null(sipdiag_reason_cause_find(ranges[i].kind, 0));
        g_assert_null(sipdiag_reason_cause_find(ranges[i].kind, ranges[i].max + 1));
        g_assert_null(sipdiag_reason_cause_find(ranges[i].kind, -1));
        for (int c = 1; c <= ranges[i].max; c++) {
            const sipdiag_reason_cause_t *r = sipdiag_reason_cause_find(ranges[i].kind, c);
            g_assert_nonnull(r);
            g_assert_cmpuint(strlen(r->meaning), >, 20);
        }
    }
    g_assert_cmpstr(sipdiag_reason_cause_find(SIPDIAG_RP_RELEASE_CAUSE, 2)->name, ==, "RTP/RTCP time-out");
    g_assert_cmpint(sipdiag_reason_cause_find(SIPDIAG_RP_RELEASE_CAUSE, 1)->severity, ==, SIPDIAG_SEV_CHAT);
    g_assert_cmpint(sipdiag_reason_cause_find(SIPDIAG_RP_RELEASE_CAUSE, 2)->severity, ==, SIPDIAG_SEV_WARN);
    g_assert_cmpstr(sipdiag_reason_cause_find(SIPDIAG_RP_RELEASE_CAUSE, 7)->name, ==, "Redirection failure");
    g_assert_cmpstr(sipdiag_reason_cause_find(SIPDIAG_RP_PREEMPTION, 4)->name, ==, "Non-IP Preemption");
    g_assert_null(sipdiag_reason_cause_find(SIPDIAG_RP_Q850, 16));
}

static void
test_locations(void)
{
    g_assert_cmpstr(sipdiag_reason_location_find(span("U"))->meaning, ==, "the user");
    g_assert_cmpstr(sipdiag_reason_location_find(span("tn"))->meaning, ==, "a transit network");
    g_assert_null(sipdiag_reason_location_find(span("X")));
    g_assert_null(sipdiag_reason_location_find(span("")));
}

/* Sorted (the lookup bisects), capitals only, Q.850 names point at a defined cause. */
static void
test_freeswitch(void)
{
    for (size_t i = 0; i < sipdiag_freeswitch_causes_count; i++) {
        const sipdiag_freeswitch_cause_t *c = &sipdiag_freeswitch_causes[i];
        if (i > 0)
            g_assert_cmpint(strcmp(sipdiag_freeswitch_causes[i - 1].name, c->name), <, 0);
        for (const char *p = c->name; *p != '\0'; p++)
            g_assert_true((*p >= 'A' && *p <= 'Z') || *p == '_');
        g_assert_true(sipdiag_freeswitch_cause_find(span(c->name)) == c);
        if (c->q850 != 0)
            g_assert_nonnull(sipdiag_q850_find(c->q850));
        else
            g_assert_nonnull(c->meaning);
    }
    g_assert_cmpuint(sipdiag_freeswitch_cause_find(span("NORMAL_CLEARING"))->q850, ==, 16);
    g_assert_null(sipdiag_freeswitch_cause_find(span("normal_clearing")));
    g_assert_null(sipdiag_freeswitch_cause_find(span("NORMAL_CLEARIN")));
    g_assert_null(sipdiag_freeswitch_cause_find(span("NORMAL_CLEARINGS")));
    g_assert_null(sipdiag_freeswitch_cause_find(span("")));
}

/* RFC 3398 §7.2.4.1: the table's code and the alternatives its notes allow. */
static void
test_q850_allowed(void)
{
    sipdiag_span_t none = span("");
    g_assert_true(sipdiag_q850_sip_allowed(17, 486, none));
    g_assert_false(sipdiag_q850_sip_allowed(17, 480, none));
    g_assert_true(sipdiag_q850_sip_allowed(21, 403, none));
    g_assert_true(sipdiag_q850_sip_allowed(21, 603, none));           /* location unknown: allowed */
    g_assert_true(sipdiag_q850_sip_allowed(21, 603, span("U")));
    g_assert_false(sipdiag_q850_sip_allowed(21, 603, span("TN")));    /* not the user */
    g_assert_true(sipdiag_q850_sip_allowed(22, 410, none));
    g_assert_true(sipdiag_q850_sip_allowed(22, 301, none));
    g_assert_false(sipdiag_q850_sip_allowed(22, 404, none));
    g_assert_true(sipdiag_q850_sip_allowed(16, 487, none));           /* no failure response to compare */
    g_assert_true(sipdiag_q850_sip_allowed(4, 404, none));            /* not in RFC 3398's table */
    g_assert_true(sipdiag_q850_sip_allowed(200, 404, none));          /* not a cause */
}

/* Teams Direct Routing's "<GUID>;<text>" Reason text. */
static void
test_teams(void)
{
    sipdiag_span_t id, rest;
    g_assert_true(sipdiag_reason_teams_text(span("4656976f-9c24-4a4a-a9e5-4d4d1e0c5e7a;User is busy"), &id, &rest));
    g_assert_cmpuint(id.len, ==, 36);
    g_assert_true(strncmp(rest.ptr, "User is busy", rest.len) == 0 && rest.len == 12);
    g_assert_false(sipdiag_reason_teams_text(span("4656976f-9c24-4a4a-a9e5-4d4d1e0c5e7a;"), &id, &rest));
    g_assert_false(sipdiag_reason_teams_text(span("4656976f+9c24-4a4a-a9e5-4d4d1e0c5e7a;x"), &id, &rest));
    g_assert_false(sipdiag_reason_teams_text(span("4656976g-9c24-4a4a-a9e5-4d4d1e0c5e7a;x"), &id, &rest));
    g_assert_false(sipdiag_reason_teams_text(span("nocallee"), &id, &rest));
    g_assert_false(sipdiag_reason_teams_text(span(""), &id, &rest));
}

/* What a BYE's or CANCEL's cause says about the end of the call. */
static void
test_end_judge(void)
{
    sipdiag_end_t e;
    sipdiag_span_t none = span("");
    sipdiag_codes_init();
    g_assert_true(sipdiag_end_judge(span("Q.850;cause=16;text=\"NORMAL_CLEARING\""), none, none, &e));
    g_assert_cmpstr(e.label, ==, "Q.850 16 Normal call clearing");
    g_assert_cmpint(e.severity, ==, SIPDIAG_SEV_CHAT);
    g_assert_true(sipdiag_end_judge(span("Q.850;cause=38"), none, none, &e));
    g_assert_cmpint(e.severity, ==, SIPDIAG_SEV_WARN);
    g_assert_true(sipdiag_end_judge(span("SIP;cause=200;text=\"Call completed elsewhere\""), none, none, &e));
    g_assert_cmpint(e.severity, ==, SIPDIAG_SEV_CHAT);
    g_assert_true(sipdiag_end_judge(span("SIP;cause=607;text=\"PROGRESS_TIMEOUT\""), none, none, &e));
    g_assert_cmpstr(e.label, ==, "FreeSWITCH PROGRESS_TIMEOUT");
    g_assert_true(sipdiag_end_judge(span("RELEASE_CAUSE;cause=3"), none, none, &e));
    g_assert_cmpstr(e.label, ==, "RELEASE_CAUSE 3 Media bearer loss");
    g_assert_cmpint(e.severity, ==, SIPDIAG_SEV_WARN);
    g_assert_true(sipdiag_end_judge(span("X-ACME;cause=9"), none, none, &e));
    g_assert_cmpstr(e.label, ==, "Reason protocol outside the IANA registry");   /* no row per invented name */
    g_assert_true(sipdiag_end_judge(span("EMM;cause=9"), none, none, &e));
    g_assert_cmpstr(e.label, ==, "EMM cause");
    g_assert_true(sipdiag_end_judge(none, span("999"), span("1003"), &e));          /* a bad Asterisk code, then Microsoft */
    g_assert_cmpstr(e.label, ==, "Microsoft 1003 User does not exist");
    g_assert_true(sipdiag_end_judge(none, span("17"), none, &e));
    g_assert_cmpstr(e.label, ==, "Asterisk Q.850 17 User busy");
    g_assert_false(sipdiag_end_judge(none, span("999"), none, &e));
    g_assert_true(sipdiag_end_judge(none, none, span("1003;reason=\"x\""), &e));
    g_assert_cmpstr(e.label, ==, "Microsoft 1003 User does not exist");
    g_assert_true(sipdiag_end_judge(none, none, span("51004;reason=\"\x01\x02\""), &e));
    g_assert_cmpstr(e.label, ==, "Microsoft 51004");      /* the wire's words stay out of the label */
    g_assert_false(sipdiag_end_judge(span("Q.850"), none, none, &e));
    g_assert_false(sipdiag_end_judge(none, none, none, &e));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/reasons/protocols", test_protocols);
    g_test_add_func("/reasons/causes", test_causes);
    g_test_add_func("/reasons/locations", test_locations);
    g_test_add_func("/reasons/freeswitch", test_freeswitch);
    g_test_add_func("/reasons/q850_allowed", test_q850_allowed);
    g_test_add_func("/reasons/teams", test_teams);
    g_test_add_func("/reasons/end_judge", test_end_judge);
    return g_test_run();
}

/* test_sipmsg.c
 * The transaction and dialog facts read from raw SIP messages.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "sipmsg.h"

static void
assert_span(sipdiag_span_t s, const char *want)
{
    g_assert_cmpmem(s.ptr, s.len, want, strlen(want));
}

static void
test_request(void)
{
    static const char msg[] =
        "BYE sip:bob@192.0.2.20 SIP/2.0\r\n"
        "v: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-1;rport, SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK-0\r\n"
        "f: \"Alice;tag=fake\" <sip:alice@example.com;tag=uri>;tag=a1\r\n"
        "To: <sip:bob@example.com>;tag=b2\r\n"
        "i: call-1@192.0.2.10\r\n"
        "CSeq: 2 BYE\r\n"
        "Proxy-Authorization: Digest username=\"alice\", realm=\"p\"\r\n"
        "Content-Length: 4\r\n\r\nbody";
    sipdiag_msginfo_t m;
    sipdiag_msginfo_parse(msg, strlen(msg), &m);
    g_assert_false(m.is_response);
    assert_span(m.method, "BYE");
    /* Tags inside the quoted display name or the URI are not the header's tag. */
    assert_span(sipdiag_msginfo_from_tag(&m), "a1");
    assert_span(m.to_tag, "b2");
    assert_span(m.call_id, "call-1@192.0.2.10");
    g_assert_true(m.has_cseq);
    g_assert_cmpuint(m.cseq, ==, 2);
    assert_span(m.cseq_method, "BYE");
    g_assert_cmpuint(m.authorization.len, ==, 0);
    assert_span(m.proxy_authorization, "Digest username=\"alice\", realm=\"p\"");
    /* A BYE carries no offer: its body is not looked for. */
    g_assert_null(m.body.ptr);
    static const char invite[] = "INVITE sip:b@h SIP/2.0\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\nv=0\r\n";
    sipdiag_msginfo_t mi;
    sipdiag_msginfo_parse(invite, strlen(invite), &mi);
    assert_span(mi.body, "v=0\r\n");
    /* Only the first via-parm of the first Via names this hop (compact form here). */
    assert_span(m.via_sent_by, "192.0.2.10");
    assert_span(m.via_branch, "z9hG4bK-1");
}

/* The top Via: sent-by with a port or an IPv6 reference, a branch among
 * other parameters or none, the first of several Via headers; each case is
 * a message's Via lines, its sent-by and branch. */
static void
test_top_via(void)
{
    static const struct {
        const char *vias;
        const char *sent_by;
        const char *branch;
    } cases[] = {
        { "Via: SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK-p1\r\nVia: SIP/2.0/UDP 10.0.1.10;branch=z9hG4bK-a1\r\n",
          "10.0.0.1:5060", "z9hG4bK-p1" },
        { "Via: SIP/2.0/TCP [2001:db8::1]:5060;branch=0\r\n", "[2001:db8::1]:5060", "0" },
        { "Via: SIP/2.0/UDP  host.example.com ;received=192.0.2.1\r\n", "host.example.com", "" },
        { "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKnashd92,SIP/2.0/UDP 10.0.0.9;branch=x\r\n",
          "df7jal23ls0d.invalid", "z9hG4bKnashd92" },
        { "VIA: SIP/2.0/UDP 10.0.0.2;BRANCH=z9hG4bK-upper\r\n", "10.0.0.2", "z9hG4bK-upper" },
        { "Via: SIP/2.0/UDP\r\n", "", "" },
        { "", "", "" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *msg = g_strdup_printf("SIP/2.0 200 OK\r\n%sCSeq: 1 INVITE\r\n\r\n", cases[i].vias);
        sipdiag_msginfo_t m;
        sipdiag_msginfo_parse(msg, strlen(msg), &m);
        assert_span(m.via_sent_by, cases[i].sent_by);
        assert_span(m.via_branch, cases[i].branch);
        g_free(msg);
    }
}

/* RFC 3261 §8.1.1.7: the magic cookie, case-sensitive, starts the branch. */
static void
test_branch_cookie(void)
{
    g_assert_true(sipdiag_branch_is_rfc3261((sipdiag_span_t){ "z9hG4bK-1", 9 }));
    g_assert_true(sipdiag_branch_is_rfc3261((sipdiag_span_t){ "z9hG4bK", 7 }));
    g_assert_false(sipdiag_branch_is_rfc3261((sipdiag_span_t){ "z9hg4bk-1", 9 }));
    g_assert_false(sipdiag_branch_is_rfc3261((sipdiag_span_t){ "0", 1 }));
    g_assert_false(sipdiag_branch_is_rfc3261((sipdiag_span_t){ NULL, 0 }));
}

/* A response's body is never needed, so it is not looked for. */
static void
test_response_body_skipped(void)
{
    static const char msg[] = "SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\nv=0\r\n";
    sipdiag_msginfo_t m;
    sipdiag_msginfo_parse(msg, strlen(msg), &m);
    g_assert_true(m.is_response);
    g_assert_null(m.body.ptr);
}

/* Header parameters, on the quick path (no quotes, one URI) and the careful
 * one; each case is a value and the tag it holds (NULL: none). */
static void
test_header_param(void)
{
    static const struct {
        const char *value, *name, *want;
    } cases[] = {
        { "<sip:bob@example.com>;tag=b2", "tag", "b2" },
        { "sip:bob@example.com;tag=b2", "tag", "b2" },
        { "<sip:bob@example.com;tag=uri>", "tag", NULL },
        { "<sip:bob@example.com;tag=uri>; tag=b3;x=1", "tag", "b3" },
        { "<sip:b>;tagx=1;TAG=b4", "tag", "b4" },
        { "<sip:b>;tag=", "tag", "" },
        { "<sip:b;tag=1", "tag", NULL },                          /* unclosed URI: all of it is the URI */
        { "<sip:b>;x=<sip:c;tag=in>;tag=b5", "tag", "b5" },         /* a second <...> is skipped too */
        { "\"A;tag=q\" <sip:a;tag=u>;tag=a1", "tag", "a1" },
        { "\"A \\\" ;tag=q\" <sip:a>;tag=a2", "tag", "a2" },        /* escaped quote inside the name */
        { "SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-1;rport, SIP/2.0/UDP h;branch=z0", "branch", "z9hG4bK-1" },
        { "\"unterminated <sip:a>;tag=x", "tag", NULL },
        { "Alice;tag=n <sip:a>;tag=a3", "tag", "n" },              /* no quotes: the first ';' counts */
        { "\"A\" <sip:a>;x=\"q;tag=no\";tag=a4", "tag", "a4" },
        { "<sip:b>", "tag", NULL },
        { "", "tag", NULL },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        sipdiag_span_t v = { cases[i].value, strlen(cases[i].value) };
        sipdiag_span_t got = sipdiag_header_param(v, cases[i].name);
        if (cases[i].want == NULL)
            g_assert_null(got.ptr);
        else
            assert_span(got, cases[i].want);
    }
}

/* Missing, empty or absurd headers leave the facts empty, never garbage. */
static void
test_hostile(void)
{
    static const char *msgs[] = {
        "",
        "SIP/2.0 200 OK\r\n\r\n",
        "SIP/2.0 200 OK\r\nCSeq:\r\nCall-ID:\r\nFrom: <sip:a>;tag=\r\n\r\n",
        "SIP/2.0 200 OK\r\nCSeq: 99999999999999999999 INVITE\r\n\r\n",
        "SIP/2.0 200 OK\r\nFrom: \"unterminated <sip:a>;tag=x\r\n\r\n",
        "\r\n\r\nSIP/2.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"x\"\r\n\r\n",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(msgs); i++) {
        sipdiag_msginfo_t m;
        sipdiag_msginfo_parse(msgs[i], strlen(msgs[i]), &m);
        g_assert_false(m.has_cseq);
        g_assert_cmpuint(sipdiag_msginfo_from_tag(&m).len, ==, 0);
    }
    sipdiag_msginfo_t m;
    sipdiag_msginfo_parse(NULL, 0, &m);
    g_assert_cmpuint(m.call_id.len, ==, 0);
}

/* The URI of a From or To value, as the statistics and Retry-After targets use it. */
static void
test_header_uri(void)
{
    struct { const char *value, *uri; } cases[] = {
        { "\"Alice\" <sip:alice@example.com>;tag=a1", "sip:alice@example.com" },
        { "<sip:bob@example.com;transport=tcp>", "sip:bob@example.com;transport=tcp" },
        { "sip:carol@example.com;tag=x", "sip:carol@example.com" },
        { "sip:dave@example.com", "sip:dave@example.com" },
        { "<sip:unclosed@example.com", "<sip:unclosed@example.com" },
        { "", "" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        sipdiag_span_t u = sipdiag_header_uri((sipdiag_span_t){ cases[i].value, strlen(cases[i].value) });
        g_assert_cmpuint(u.len, ==, strlen(cases[i].uri));
        g_assert_true(u.len == 0 || memcmp(u.ptr, cases[i].uri, u.len) == 0);
    }
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sipmsg/request", test_request);
    g_test_add_func("/sipmsg/top_via", test_top_via);
    g_test_add_func("/sipmsg/branch_cookie", test_branch_cookie);
    g_test_add_func("/sipmsg/hostile", test_hostile);
    g_test_add_func("/sipmsg/response_body_skipped", test_response_body_skipped);
    g_test_add_func("/sipmsg/header_param", test_header_param);
    g_test_add_func("/sipmsg/header_uri", test_header_uri);
    return g_test_run();
}

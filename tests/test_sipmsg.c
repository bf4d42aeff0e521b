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
    assert_span(m.via_branch, "z9hG4bK-1");
    /* Tags inside the quoted display name or the URI are not the header's tag. */
    assert_span(m.from_tag, "a1");
    assert_span(m.to_tag, "b2");
    assert_span(m.call_id, "call-1@192.0.2.10");
    g_assert_true(m.has_cseq);
    g_assert_cmpuint(m.cseq, ==, 2);
    assert_span(m.cseq_method, "BYE");
    g_assert_cmpuint(m.authorization.len, ==, 0);
    assert_span(m.proxy_authorization, "Digest username=\"alice\", realm=\"p\"");
    assert_span(m.body, "body");
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
        g_assert_cmpuint(m.from_tag.len, ==, 0);
    }
    sipdiag_msginfo_t m;
    sipdiag_msginfo_parse(NULL, 0, &m);
    g_assert_cmpuint(m.call_id.len, ==, 0);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sipmsg/request", test_request);
    g_test_add_func("/sipmsg/hostile", test_hostile);
    return g_test_run();
}

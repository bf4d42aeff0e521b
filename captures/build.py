#!/usr/bin/env python3
"""build.py — writes sipdiag's scenario captures and their manifests.

    captures/build.py [--out DIR] [NAME ...]

Each scenario below is a SIP flow as real elements send it; its `expect=`
arguments are what an engineer reading the messages knows about each response
(which request it answers on its hop, whether it is a retransmission or a copy,
what the capture cannot tell). Byte-reproducible: the tests check that the
committed files equal a fresh build.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sipflow import Capture, R, TcpConn, request, sdp, via  # noqa: E402
from scen_context import auth, dialog, expiry, hints, reason_warning, sdp_offer  # noqa: E402
from scen_synthetic import all_codes, vendor_phrases, tcp_multi, odd_codes  # noqa: E402
import scen_malformed as hostile  # noqa: E402


# ---------------------------------------------------------------- hop-proxy

def hop_proxy():
    """A call through a stateful proxy, captured on the proxy: every
    transaction appears once per hop with the same Call-ID and CSeq."""
    c = Capture("hop-proxy", "Alice calls Bob through a proxy, captured on the proxy: INVITE, ACK and BYE on "
                "both hops, 100 from proxy and callee, 180/200 relayed, one real retransmission of the 200 on "
                "the caller's hop.")
    A, P, B = ("10.0.1.10", 5060), ("10.0.0.1", 5060), ("10.0.2.20", 5060)
    frm, to, cid = '"Alice" <sip:alice@example.com>;tag=a1', "<sip:bob@example.com>", "hop-1@10.0.1.10"
    inv = request("INVITE", "sip:bob@example.com", via("10.0.1.10:5060", "z9hG4bK-a-inv1"), cid, 1, frm, to,
                  extra=[("Contact", "<sip:alice@10.0.1.10:5060>")], body=sdp("10.0.1.10", 4000))
    f_inv1 = c.udp(0.000, A, P, inv, "INVITE, caller to proxy (hop 1)")
    c.udp(0.001, P, A, inv.response(100, "Trying"), "100 from the proxy on hop 1", R(f_inv1))
    inv2 = inv.forwarded(via("10.0.0.1:5060", "z9hG4bK-p-inv1"), extra=[("Record-Route", "<sip:10.0.0.1;lr>")])
    f_inv2 = c.udp(0.002, P, B, inv2, "INVITE forwarded by the proxy with its own Via on top (hop 2)")
    c.udp(0.010, B, P, inv2.response(100, "Trying"), "100 from the callee on hop 2", R(f_inv2))
    r180 = inv2.response(180, "Ringing", to_tag="b1", extra=[("Contact", "<sip:bob@10.0.2.20:5060>")])
    c.udp(0.050, B, P, r180, "180 on hop 2", R(f_inv2))
    c.udp(0.051, P, A, r180.relayed(), "180 relayed on hop 1: its own response, not a retransmission", R(f_inv1))
    r200 = inv2.response(200, "OK", to_tag="b1", extra=[("Contact", "<sip:bob@10.0.2.20:5060>"),
                                                         ("Record-Route", "<sip:10.0.0.1;lr>")],
                         body=sdp("10.0.2.20", 5000))
    f_200b = c.udp(2.000, B, P, r200, "200 on hop 2", R(f_inv2))
    f_200 = c.udp(2.001, P, A, r200.relayed(), "200 relayed on hop 1", R(f_inv1))
    c.udp(2.501, P, A, r200.relayed(), "the proxy retransmits the 200 on hop 1 (no ACK yet, T1 = 500 ms)",
          R(f_inv1, retransmission=True, related=f_200, ack=None, experts=["sipdiag.expert.retransmission"]))
    ack_to = to + ";tag=b1"
    ack = request("ACK", "sip:bob@10.0.2.20:5060", via("10.0.1.10:5060", "z9hG4bK-a-ack1"), cid, 1, frm, ack_to,
                  extra=[("Route", "<sip:10.0.0.1;lr>")])
    c.acked(f_200, c.udp(2.510, A, P, ack, "ACK of the 200 (new branch), hop 1"))
    c.acked(f_200b, c.udp(2.511, P, B, ack.forwarded(via("10.0.0.1:5060", "z9hG4bK-p-ack1")), "ACK, hop 2"))
    bye = request("BYE", "sip:bob@10.0.2.20:5060", via("10.0.1.10:5060", "z9hG4bK-a-bye1"), cid, 2, frm, ack_to,
                  extra=[("Route", "<sip:10.0.0.1;lr>")])
    f_bye1 = c.udp(30.000, A, P, bye, "BYE, hop 1")
    bye2 = bye.forwarded(via("10.0.0.1:5060", "z9hG4bK-p-bye1"))
    f_bye2 = c.udp(30.001, P, B, bye2, "BYE, hop 2")
    ok = bye2.response(200, "OK")
    c.udp(30.020, B, P, ok, "200 to BYE, hop 2", R(f_bye2))
    c.udp(30.021, P, A, ok.relayed(), "200 to BYE relayed, hop 1", R(f_bye1))
    c.stats = {"SIP responses": 8, "2xx Successful": 4, "1xx Provisional": 4}
    return c


# ---------------------------------------------------------------- hop-copies

def hop_copies():
    """The same messages captured on two links (inside and outside a NAT),
    and twice on one mirror port: copies are not retransmissions."""
    c = Capture("hop-copies", "A phone behind NAT captured on both sides of the NAT (each message twice, 0.3 ms "
                "apart), a real retransmission of the 486 and its copy; then a call mirrored twice on one "
                "SPAN port (same addresses, 0.05 ms apart); then a server answering an INVITE and its "
                "retransmission with two 100s 0.3 ms apart.")
    UA, NAT, SRV = ("192.168.1.10", 5060), ("203.0.113.5", 5060), ("198.51.100.7", 5060)
    frm, to, cid = "<sip:100@example.net>;tag=n1", "<sip:200@example.net>", "nat-1@192.168.1.10"
    inv = request("INVITE", "sip:200@example.net", via("192.168.1.10:5060", "z9hG4bK-nat-1"), cid, 1, frm, to,
                  body=sdp("192.168.1.10", 4000))
    f_in = c.udp(0.0000, UA, SRV, inv, "INVITE inside the NAT")
    f_out = c.udp(0.0003, NAT, SRV, inv, "the same INVITE outside the NAT (source rewritten)")
    t100 = inv.response(100, "Trying")
    f_100 = c.udp(0.0200, SRV, NAT, t100, "100 outside", R(f_out))
    c.udp(0.0203, SRV, UA, t100, "the same 100 inside: a capture duplicate",
          R(f_in, duplicate=True, related=f_100, experts=["sipdiag.expert.capture_duplicate"]))
    busy = inv.response(486, "Busy Here", to_tag="s1")
    f_486 = c.udp(1.0000, SRV, NAT, busy, "486 outside", R(f_out, experts=["sipdiag.expert.486"]))
    f_486in = c.udp(1.0003, SRV, UA, busy, "486 inside: a capture duplicate",
          R(f_in, duplicate=True, related=f_486, experts=["sipdiag.expert.capture_duplicate"],
            no_experts=["sipdiag.expert.486", "sipdiag.expert.retransmission"]))
    f_486r = c.udp(1.5000, SRV, NAT, busy, "486 retransmitted by the server (its ACK was lost)",
                   R(f_out, retransmission=True, related=f_486, ack=None, experts=["sipdiag.expert.retransmission"]))
    c.udp(1.5003, SRV, UA, busy, "the retransmission inside: a capture duplicate of it",
          R(f_in, duplicate=True, related=f_486r, experts=["sipdiag.expert.capture_duplicate"]))
    ack = request("ACK", "sip:200@example.net", via("192.168.1.10:5060", "z9hG4bK-nat-1"), cid, 1, frm,
                  to + ";tag=s1")
    c.acked(f_486in, c.udp(1.5100, UA, SRV, ack, "ACK inside: same branch as the INVITE (§17.1.1.3)"))
    c.acked(f_486, c.udp(1.5103, NAT, SRV, ack, "ACK outside"))
    # One mirror port copying the same frames twice.
    A, B = ("10.9.0.1", 5060), ("10.9.0.2", 5060)
    opt = request("OPTIONS", "sip:10.9.0.2", via("10.9.0.1:5060", "z9hG4bK-span-1"), "span-1@10.9.0.1", 7,
                  "<sip:mon@10.9.0.1>;tag=m1", "<sip:10.9.0.2>")
    f_opt = c.udp(5.00000, A, B, opt, "OPTIONS")
    c.udp(5.00005, A, B, opt, "the same OPTIONS mirrored twice")
    ok = opt.response(200, "OK", to_tag="o1")
    f_ok = c.udp(5.01000, B, A, ok, "200 OK", R(f_opt))
    c.udp(5.01005, B, A, ok, "the same 200 mirrored twice: a capture duplicate on one link",
          R(f_opt, duplicate=True, related=f_ok, experts=["sipdiag.expert.capture_duplicate"]))
    # A busy server answers an INVITE and its retransmission with two 100s 0.3 ms apart: the second
    # answers the second transmission (RFC 3261 §17.2.1), it is not a copy.
    C, S = ("10.9.1.1", 5060), ("10.9.1.2", 5060)
    inv = request("INVITE", "sip:300@10.9.1.2", via("10.9.1.1:5060", "z9hG4bK-slow-1"), "slow-1@10.9.1.1", 1,
                  "<sip:100@10.9.1.1>;tag=w1", "<sip:300@10.9.1.2>", body=sdp("10.9.1.1", 4000))
    f_inv = c.udp(8.0000, C, S, inv, "INVITE")
    c.udp(8.5000, C, S, inv, "INVITE retransmitted (Timer A, 500 ms): no answer yet")
    t100 = inv.response(100, "Trying")
    f_100 = c.udp(8.6000, S, C, t100, "100 to the first transmission", R(f_inv))
    c.udp(8.6003, S, C, t100, "100 to the retransmitted INVITE, 0.3 ms later: not a copy",
          R(f_inv, retransmission=True, related=f_100, no_experts=["sipdiag.expert.capture_duplicate"]))
    c.stats = {"SIP responses": 4, "4xx Request failure": 1, "1xx Provisional": 2, "2xx Successful": 1}
    return c


# ---------------------------------------------------------------- cancel-unseen

def cancel_unseen():
    """487s whose INVITE is not in the capture: the CANCEL (same branch) tells why."""
    c = Capture("cancel-unseen", "The capture starts after the INVITE: a 180, the caller's CANCEL (same branch), "
                "its 200 and the 487; then a 487 with neither INVITE nor CANCEL captured; then an INVITE ended "
                "by 487 without a CANCEL in the capture.")
    A, B = ("10.1.0.10", 5060), ("10.1.0.20", 5060)
    frm, to = "<sip:alice@example.org>;tag=c1", "<sip:bob@example.org>"
    inv = request("INVITE", "sip:bob@example.org", via("10.1.0.10:5060", "z9hG4bK-cu-1"), "cu-1@10.1.0.10", 1,
                  frm, to)      # never sent: it predates the capture
    c.udp(0.000, B, A, inv.response(180, "Ringing", to_tag="r1"), "180; its INVITE predates the capture", R(None))
    cancel = request("CANCEL", "sip:bob@example.org", via("10.1.0.10:5060", "z9hG4bK-cu-1"), "cu-1@10.1.0.10", 1,
                     frm, to)
    f_cancel = c.udp(3.000, A, B, cancel, "CANCEL: same branch, Call-ID and CSeq number as the INVITE (§9.1)")
    c.udp(3.010, B, A, cancel.response(200, "OK", to_tag="r1"), "200 to the CANCEL", R(f_cancel))
    c.udp(3.020, B, A, inv.response(487, "Request Terminated", to_tag="r1"),
          "487: the CANCEL in this capture asked for it",
          R(None, related=f_cancel, context="predates the capture", experts=["sipdiag.expert.cancelled"],
            no_experts=["sipdiag.expert.487"]))
    inv2 = request("INVITE", "sip:carol@example.org", via("10.1.0.10:5060", "z9hG4bK-cu-2"), "cu-2@10.1.0.10",
                   1, "<sip:alice@example.org>;tag=c2", "<sip:carol@example.org>")
    c.udp(10.000, B, A, inv2.response(487, "Request Terminated", to_tag="r2"),
          "487 with neither its INVITE nor a CANCEL in the capture: unknown why",
          R(None, context="cannot be told", experts=["sipdiag.expert.487"], no_experts=["sipdiag.expert.cancelled"]))
    inv3 = request("INVITE", "sip:dave@example.org", via("10.1.0.10:5060", "z9hG4bK-cu-3"), "cu-3@10.1.0.10",
                   1, "<sip:alice@example.org>;tag=c3", "<sip:dave@example.org>")
    f_inv3 = c.udp(20.000, A, B, inv3, "INVITE")
    c.udp(25.000, B, A, inv3.response(487, "Request Terminated", to_tag="r3"),
          "487 with its INVITE captured and no CANCEL anywhere", R(f_inv3, context="No CANCEL for this INVITE"))
    return c


# ---------------------------------------------------------------- auth-nonce

def auth_nonce():
    """Challenges judged on the nonces the server gave that UA."""
    c = Capture("auth-nonce", "Digest challenges: a 401 whose REGISTER is not captured; wrong password on the "
                "latest nonce; credentials on a nonce the server has replaced; a server that says the nonce "
                "changed; credentials on a nonce from before the capture; stale=true.")
    U, U3, S = ("192.0.2.10", 5060), ("192.0.2.12", 5060), ("192.0.2.20", 5060)
    realm = "sipdiag.test"

    def reg(ua, branch, cid, cseq, nonce=None):
        extra = [("Contact", "<sip:alice@%s:5060>" % ua[0]), ("Expires", "3600")]
        if nonce is not None:
            extra.append(("Authorization", 'Digest username="alice", realm="%s", nonce="%s", uri="sip:%s", '
                          'response="0123456789abcdef0123456789abcdef", algorithm=MD5' % (realm, nonce, realm)))
        return request("REGISTER", "sip:" + realm, via("%s:5060" % ua[0], branch), cid, cseq,
                       "<sip:alice@%s>;tag=t-%s" % (realm, cid.split("@")[0]), "<sip:alice@%s>" % realm, extra)

    def challenge(req, nonce, phrase="Unauthorized", stale=False):
        value = 'Digest realm="%s", nonce="%s", algorithm=MD5%s' % (realm, nonce, ", stale=true" if stale else "")
        return req.response(401, phrase, to_tag="s-" + nonce, extra=[("WWW-Authenticate", value)])

    unseen = reg(U, "z9hG4bK-an-0", "an-0@192.0.2.10", 1)
    c.udp(0.000, S, U, challenge(unseen, "n0"), "401 whose REGISTER is not in the capture",
          R(None, context="Request not captured", experts=["sipdiag.expert.401"],
            no_experts=["sipdiag.expert.credentials_rejected"]))
    r = reg(U, "z9hG4bK-an-1", "an-1@192.0.2.10", 1)
    f = c.udp(1.000, U, S, r, "REGISTER without credentials")
    c.udp(1.010, S, U, challenge(r, "n1"), "401 nonce n1: the normal first step", R(f, context="normal first step"))
    r = reg(U, "z9hG4bK-an-2", "an-1@192.0.2.10", 2, nonce="n1")
    f = c.udp(1.050, U, S, r, "REGISTER with credentials on n1, the latest nonce")
    c.udp(1.060, S, U, challenge(r, "n2"), "401 again: credentials on the latest nonce were rejected",
          R(f, experts=["sipdiag.expert.credentials_rejected"], no_experts=["sipdiag.expert.401"]))
    r = reg(U, "z9hG4bK-an-3", "an-1@192.0.2.10", 3, nonce="n1")
    f = c.udp(600.000, U, S, r, "REGISTER with credentials on n1, which the server replaced by n2")
    c.udp(600.010, S, U, challenge(r, "n3"), "401: an older nonce, not a password problem",
          R(f, experts=["sipdiag.expert.nonce_changed"], no_experts=["sipdiag.expert.credentials_rejected"]))
    r = reg(U, "z9hG4bK-an-4", "an-1@192.0.2.10", 4, nonce="n3")
    f = c.udp(600.050, U, S, r, "REGISTER with credentials on n3, the latest nonce")
    f_changed = c.udp(600.060, S, U, challenge(r, "n4", phrase="Nonce has changed"),
                      "401 whose phrase says the nonce changed: the server's own words win; the UA retries with "
                      "the new nonce only 200 s later, so two passes show challenge_unanswered here",
                      R(f, experts=["sipdiag.expert.nonce_changed"],
                        no_experts=["sipdiag.expert.credentials_rejected"],
                        two_pass={"experts": ["sipdiag.expert.challenge_unanswered"],
                                  "messages": ["gave a new nonce", "not used within 32 s"]}))
    r = reg(U3, "z9hG4bK-an-5", "an-5@192.0.2.12", 9, nonce="x9")
    f = c.udp(700.000, U3, S, r, "another phone, credentials on a nonce issued before the capture (and the first SIP "
              "frame after the 401 in frame %d ran out its 32 s)" % f_changed,
              {"one_pass": {"experts": ["sipdiag.expert.challenge_unanswered"]}})
    c.udp(700.010, S, U3, challenge(r, "n5"), "401: wrong password or expired nonce cannot be told",
          R(f, context="cannot be told", experts=["sipdiag.expert.401"],
            no_experts=["sipdiag.expert.credentials_rejected", "sipdiag.expert.nonce_changed"]))
    r = reg(U, "z9hG4bK-an-6", "an-1@192.0.2.10", 5, nonce="n4")
    f = c.udp(800.000, U, S, r, "REGISTER with credentials on n4")
    c.udp(800.010, S, U, challenge(r, "n6", stale=True), "401 stale=true",
          R(f, experts=["sipdiag.expert.stale_nonce"], no_experts=["sipdiag.expert.credentials_rejected"]))
    return c


# ---------------------------------------------------------------- reinvite-refused

def reinvite_refused():
    """A refused in-dialog re-INVITE does not make the call failed."""
    c = Capture("reinvite-refused", "A call answered, a T.38 re-INVITE refused with 488 while the call goes on, "
                "a normal BYE; a call refused with 486; a call whose re-INVITE gets 481 (the dialog is gone).")
    A, B = ("10.2.0.10", 5060), ("10.2.0.20", 5060)

    def call(n, t, callee):
        cid, frm, to = "ri-%d@10.2.0.10" % n, "<sip:fax@example.com>;tag=f%d" % n, "<sip:%s@example.com>" % callee
        inv = request("INVITE", "sip:%s@example.com" % callee, via("10.2.0.10:5060", "z9hG4bK-ri-%d-1" % n), cid,
                      1, frm, to, body=sdp("10.2.0.10", 4000))
        return cid, frm, to, inv, c.udp(t, A, B, inv, "INVITE, call %d" % n)

    cid, frm, to, inv, f = call(1, 0.0, "gateway")
    f_ok = c.udp(0.5, B, A, inv.response(200, "OK", to_tag="g1", body=sdp("10.2.0.20", 5000)), "200, call 1", R(f))
    c.acked(f_ok, c.udp(0.6, A, B, request("ACK", "sip:gw@10.2.0.20", via("10.2.0.10:5060", "z9hG4bK-ri-1-ack"),
                                           cid, 1, frm, to + ";tag=g1"), "ACK"))
    re = request("INVITE", "sip:gw@10.2.0.20", via("10.2.0.10:5060", "z9hG4bK-ri-1-2"), cid, 2, frm,
                 to + ";tag=g1", body=sdp("10.2.0.10", 4002, t38=True))
    f = c.udp(10.0, A, B, re, "re-INVITE offering T.38")
    f_488 = c.udp(10.1, B, A, re.response(488, "Not Acceptable Here", extra=[("Warning", '304 gw "Media type not available"')]),
          "488: T.38 refused, the audio call goes on", R(f, **{"sipdiag.dialog_impact": "transaction only"}))
    c.acked(f_488, c.udp(10.2, A, B, request("ACK", "sip:gw@10.2.0.20", via("10.2.0.10:5060", "z9hG4bK-ri-1-2"),
                                             cid, 2, frm, to + ";tag=g1"), "ACK of the 488 (same branch)"))
    bye = request("BYE", "sip:gw@10.2.0.20", via("10.2.0.10:5060", "z9hG4bK-ri-1-3"), cid, 3, frm, to + ";tag=g1")
    f = c.udp(60.0, A, B, bye, "BYE")
    c.udp(60.1, B, A, bye.response(200, "OK"), "200 to BYE", R(f))

    cid, frm, to, inv, f = call(2, 70.0, "bob")
    c.udp(70.5, B, A, inv.response(486, "Busy Here", to_tag="b2"), "486: call 2 failed, no ACK captured", R(f, ack=None))

    cid, frm, to, inv, f = call(3, 80.0, "carol")
    c.udp(80.5, B, A, inv.response(200, "OK", to_tag="c3", body=sdp("10.2.0.20", 5004)), "200, call 3", R(f))
    re = request("INVITE", "sip:carol@10.2.0.20", via("10.2.0.10:5060", "z9hG4bK-ri-3-2"), cid, 2, frm,
                 to + ";tag=c3", body=sdp("10.2.0.10", 4004))
    f = c.udp(90.0, A, B, re, "re-INVITE, call 3")
    c.udp(90.1, B, A, re.response(481, "Call/Transaction Does Not Exist"), "481: the call is gone (RFC 5057: ends the INVITE usage)",
          R(f, **{"sipdiag.dialog_impact": "ends this usage"}))
    c.failed_calls = ["ri-2@10.2.0.10", "ri-3@10.2.0.10"]
    c.refused = ["ri-1@10.2.0.10"]
    return c


# ---------------------------------------------------------------- tcp-retrans

def tcp_retrans():
    """Over TCP only the UAS core retransmits, and only the 2xx to INVITE (§13.3.1.4)."""
    c = Capture("tcp-retrans", "A call over TCP: the callee retransmits its 200 until the ACK arrives; 200 to "
                "BYE.")
    A, B = ("10.3.0.10", 40000), ("10.3.0.20", 5060)
    conn = TcpConn(c, A, B)
    cid, frm, to = "tcp-1@10.3.0.10", "<sip:alice@example.com>;tag=t1", "<sip:bob@example.com>"
    inv = request("INVITE", "sip:bob@example.com", via("10.3.0.10:40000", "z9hG4bK-tcp-1", "TCP"), cid, 1, frm,
                  to, extra=[("Contact", "<sip:alice@10.3.0.10:40000;transport=tcp>")], body=sdp("10.3.0.10", 4000))
    f = c.tcp(0.01, conn, True, inv, "INVITE over TCP")
    c.tcp(0.02, conn, False, inv.response(100, "Trying"), "100", R(f))
    c.tcp(0.50, conn, False, inv.response(180, "Ringing", to_tag="t2"), "180", R(f))
    ok = inv.response(200, "OK", to_tag="t2", extra=[("Contact", "<sip:bob@10.3.0.20:5060;transport=tcp>")],
                      body=sdp("10.3.0.20", 5000))
    f_ok = c.tcp(2.00, conn, False, ok, "200", R(f))
    c.tcp(2.50, conn, False, ok, "200 retransmitted by the callee's UAS core: no ACK yet",
          R(f, retransmission=True, related=f_ok, ack=None, experts=["sipdiag.expert.retransmission"]))
    c.acked(f_ok, c.tcp(2.60, conn, True, request("ACK", "sip:bob@10.3.0.20:5060;transport=tcp",
                                                  via("10.3.0.10:40000", "z9hG4bK-tcp-2", "TCP"), cid, 1, frm,
                                                  to + ";tag=t2"), "ACK"))
    bye = request("BYE", "sip:bob@10.3.0.20:5060;transport=tcp", via("10.3.0.10:40000", "z9hG4bK-tcp-3", "TCP"),
                  cid, 2, frm, to + ";tag=t2")
    f = c.tcp(20.0, conn, True, bye, "BYE")
    c.tcp(20.1, conn, False, bye.response(200, "OK"), "200 to BYE", R(f))
    c.stats = {"SIP responses": 4, "2xx Successful": 2}
    return c


# ---------------------------------------------------------------- clock-jump

def clock_jump():
    """A capture whose clock leaps years ahead mid-call, then back."""
    c = Capture("clock-jump", "A call whose 200 OK carries a timestamp six years after the INVITE (the capture "
                "host's clock was set), then an OPTIONS stamped 100 s before the frame that precedes it.")
    A, B = ("10.4.0.10", 5060), ("10.4.0.20", 5060)
    cid, frm, to = "jump-1@10.4.0.10", "<sip:alice@example.com>;tag=j1", "<sip:bob@example.com>"
    inv = request("INVITE", "sip:bob@example.com", via("10.4.0.10:5060", "z9hG4bK-j-1"), cid, 1, frm, to,
                  body=sdp("10.4.0.10", 4000))
    f = c.udp(0.00, A, B, inv, "INVITE")
    c.udp(0.01, B, A, inv.response(100, "Trying"), "100", R(f))
    f_180 = c.udp(0.50, B, A, inv.response(180, "Ringing", to_tag="j2"), "180", R(f))
    years = 6 * 365 * 86400.0
    f_ok = c.udp(years + 2.0, B, A, inv.response(200, "OK", to_tag="j2", body=sdp("10.4.0.20", 5000)),
          "200 stamped six years later: still the INVITE's answer",
          R(f, experts=["sipdiag.expert.clock_jump", "sipdiag.expert.200"], clock_jump_from=f_180))
    f_ack = c.udp(years + 2.1, A, B, request("ACK", "sip:bob@10.4.0.20", via("10.4.0.10:5060", "z9hG4bK-j-2"),
                                             cid, 1, frm, to + ";tag=j2"), "ACK")
    c.acked(f_ok, f_ack)
    opt = request("OPTIONS", "sip:10.4.0.20", via("10.4.0.10:5060", "z9hG4bK-j-3"), "jump-2@10.4.0.10", 1,
                  "<sip:alice@example.com>;tag=j3", "<sip:10.4.0.20>")
    f = c.udp(years + 2.1 - 100.0, A, B, opt, "OPTIONS stamped 100 s before the previous frame",
              {"experts": ["sipdiag.expert.clock_jump"], "clock_jump_from": f_ack})
    c.udp(years + 2.1 - 99.9, B, A, opt.response(200, "OK", to_tag="j4"), "200 to OPTIONS", R(f))
    return c


# ---------------------------------------------------------------- ipv6-rfc2543

def ipv6_rfc2543():
    """IPv6, and an old UA whose branches lack the magic cookie (RFC 2543)."""
    c = Capture("ipv6-rfc2543", "Over IPv6, an RFC 2543 UA without magic-cookie branches: two calls reuse "
                "branch=0 with the same CSeq; a retransmitted 200; a B2BUA's second leg with its own Call-ID.")
    A, X, B = ("2001:db8::10", 5060), ("2001:db8::1", 5060), ("2001:db8::20", 5060)
    out = []
    for n, tag in ((1, "u1"), (2, "u2")):
        cid = "v6-%d@2001:db8::10" % n
        frm, to = "<sip:alice@example.com>;tag=%s" % tag, "<sip:bob@example.com>"
        inv = request("INVITE", "sip:bob@example.com", via("[2001:db8::10]:5060", "0"), cid, 1, frm, to,
                      body=sdp("10.5.0.10", 4000 + n))
        out.append((cid, frm, to, inv))
    cid1, frm1, to1, inv1 = out[0]
    cid2, frm2, to2, inv2 = out[1]
    f1 = c.udp(0.00, A, X, inv1, "INVITE 1, branch=0")
    f2 = c.udp(0.10, A, X, inv2, "INVITE 2, also branch=0 and CSeq 1 INVITE, another Call-ID and From tag")
    c.udp(0.20, X, A, inv2.response(180, "Ringing", to_tag="x2"), "180 to INVITE 2", R(f2))
    c.udp(0.30, X, A, inv1.response(180, "Ringing", to_tag="x1"), "180 to INVITE 1", R(f1))
    leg = inv1.copy()
    leg.headers = [("Via", via("[2001:db8::1]:5060", "z9hG4bK-b2b-1")) if n == "Via" else
                   ("Call-ID", "leg2-1@2001:db8::1") if n == "Call-ID" else (n, v) for n, v in inv1.headers]
    f_leg = c.udp(0.31, X, B, leg, "the B2BUA's own INVITE to the callee (new Call-ID)")
    c.udp(0.40, B, X, leg.response(603, "Decline", to_tag="b1"), "603 on the B2BUA's leg", R(f_leg))
    ok = inv1.response(200, "OK", to_tag="x1", body=sdp("10.5.0.1", 6000))
    f_ok = c.udp(1.00, X, A, ok, "200 to INVITE 1, never acknowledged in the capture", R(f1, ack=None))
    c.udp(1.50, X, A, ok, "200 retransmitted", R(f1, retransmission=True, related=f_ok))
    c.udp(2.00, X, A, inv2.response(486, "Busy Here", to_tag="x2"), "486 to INVITE 2", R(f2))
    return c


# ---------------------------------------------------------------- methods

def methods():
    """The same codes to different methods: each answer gets the knowledge of its (code, method)."""
    c = Capture("methods", "Responses to REGISTER, OPTIONS, BYE, CANCEL, SUBSCRIBE, MESSAGE, REFER, NOTIFY, UPDATE "
                "and re-INVITEs, next to the same codes to an initial INVITE.")
    A, S = ("10.6.0.10", 5060), ("10.6.0.20", 5060)
    n = [0]

    def exchange(method, code, phrase, knowledge, severity, to_tag=None, in_dialog=False, cseq_method=None,
                 captured=True, extra=(), note="", body=b"", resp_extra=(), want_extra=None):
        n[0] += 1
        k = n[0]
        to = "<sip:bob@example.com>" + (";tag=d%d" % k if in_dialog else "")
        req = request(method, "sip:bob@example.com", via("10.6.0.10:5060", "z9hG4bK-m-%d" % k), "m-%d@10.6.0.10" % k,
                      k, "<sip:alice@example.com>;tag=a%d" % k, to, extra=extra, cseq_method=cseq_method, body=body)
        t = 10.0 * k
        f = c.udp(t, A, S, req, "%s%s" % ("re-" if in_dialog and method == "INVITE" else "", method)) if captured \
            else None
        want = {"sipdiag.request_frame": f, "sipdiag.knowledge": knowledge, "sipdiag.severity": severity}
        want.update(want_extra or {})
        c.udp(t + 0.1, S, A, req.response(code, phrase, to_tag=to_tag or "s%d" % k, extra=resp_extra),
              note or "%d to %s" % (code, method), want)

    exchange("REGISTER", 100, "Trying", "100/non-INVITE", "chat")
    exchange("REGISTER", 200, "OK", "200/REGISTER", "chat")
    exchange("OPTIONS", 200, "OK", "200/non-INVITE", "chat")
    exchange("BYE", 200, "OK", "200/non-INVITE", "chat", in_dialog=True)
    exchange("CANCEL", 200, "OK", "200/CANCEL", "chat")
    exchange("INVITE", 200, "OK", "200", "chat")
    exchange("OPTIONS", 486, "Busy Here", "486/OPTIONS", "chat", note="486 to OPTIONS: the peer is alive")
    exchange("OPTIONS", 480, "Temporarily Unavailable", "480/OPTIONS", "chat")
    exchange("INVITE", 486, "Busy Here", "486", "note")
    exchange("BYE", 481, "Call/Transaction Does Not Exist", "481/BYE", "note", in_dialog=True)
    exchange("CANCEL", 481, "Call/Transaction Does Not Exist", "481/CANCEL", "note")
    exchange("NOTIFY", 481, "Call/Transaction Does Not Exist", "481/NOTIFY", "note", in_dialog=True)
    exchange("INVITE", 481, "Call/Transaction Does Not Exist", "481/in-dialog", "error", in_dialog=True,
             note="481 to a re-INVITE: the call ends")
    exchange("INVITE", 481, "Call/Transaction Does Not Exist", "481", "warning", in_dialog=True, captured=False,
             note="481 to an INVITE not in the capture: inside a dialog or not cannot be told")
    exchange("INVITE", 408, "Request Timeout", "408/in-dialog", "error", in_dialog=True)
    exchange("REGISTER", 408, "Request Timeout", "408/non-INVITE", "error")
    exchange("SUBSCRIBE", 404, "Not Found", "404/SUBSCRIBE", "note", extra=[("Event", "message-summary")])
    exchange("SUBSCRIBE", 489, "Bad Event", "489/SUBSCRIBE", "warning", extra=[("Event", "dialog")])
    exchange("SUBSCRIBE", 202, "Accepted", "202/SUBSCRIBE", "chat", extra=[("Event", "presence")])
    exchange("MESSAGE", 202, "Accepted", "202/MESSAGE", "chat")
    exchange("MESSAGE", 405, "Method Not Allowed", "405/optional", "note")
    exchange("UPDATE", 501, "Not Implemented", "501/optional", "note", in_dialog=True)
    exchange("UPDATE", 491, "Request Pending", "491/UPDATE-PRACK", "note", in_dialog=True)
    exchange("REGISTER", 403, "Forbidden", "403/REGISTER", "warning")
    exchange("INVITE", 403, "Forbidden", "403", "warning")
    exchange("REGISTER", 404, "Not Found", "404/REGISTER", "warning")
    exchange("REFER", 488, "Not Acceptable Here", "488/no-offer", "warning", in_dialog=True,
             extra=[("Refer-To", "<sip:carol@example.com>")])
    exchange("INVITE", 488, "Not Acceptable Here", "488", "warning")
    exchange("CANCEL", 407, "Proxy Authentication Required", "407/CANCEL-ACK", "warning",
             note="407 to a CANCEL: a CANCEL cannot be resent with credentials")
    exchange("CANCEL", 401, "Unauthorized", "401/CANCEL-ACK", "warning")
    exchange("INVITE", 488, "Not Acceptable Here", "488/T.38", "warning", in_dialog=True,
             body=sdp("10.6.0.10", 4100, t38=True), note="488 to a re-INVITE that offers only T.38: fax refused")
    exchange("INVITE", 488, "Not Acceptable Here", "488", "warning", in_dialog=True, body=sdp("10.6.0.10", 4102),
             note="488 to a re-INVITE with an audio offer: the general text")
    exchange("INVITE", 500, "Server Internal Error", "500/retry-offer", "note", in_dialog=True,
             resp_extra=[("Retry-After", "4")], note="500 with Retry-After 4 to a re-INVITE: an offer still pending")
    exchange("UPDATE", 500, "Server Internal Error", "500/retry-offer", "note", in_dialog=True,
             resp_extra=[("Retry-After", "0")])
    exchange("INVITE", 500, "Server Internal Error", "500", "error", in_dialog=True,
             resp_extra=[("Retry-After", "120")], note="500 with Retry-After 120: not the §14.2 case")
    exchange("NOTIFY", 500, "Server Internal Error", "500", "error", in_dialog=True,
             want_extra={"sipdiag.dialog_impact": "ends this usage"},
             note="500 to a NOTIFY: RFC 6665 ends the subscription (RFC 5057 alone would say transaction only)")
    exchange("BYE", 500, "Server Internal Error", "500", "error", in_dialog=True,
             want_extra={"sipdiag.dialog_impact": "transaction only"})
    # The first REGISTER's 100 is never followed by a final response: Timer F's no_final, shown with two
    # passes on the REGISTER and in one pass on the first SIP frame after its 32 s.
    c.late(1, "sipdiag.expert.no_final",
           land=next(e["frame"] for e in c.manifest if e["time"] >= c.manifest[0]["time"] + 32.0))
    return c


# ---------------------------------------------------------------- evidence

def evidence():
    """The response's own words (reason phrase, Reason header) come first and are never contradicted."""
    c = Capture("evidence", "A 403 'Wrong password' to credentials on the latest nonce; a 488 to REFER with a Reason "
                "text; Reason protocols beyond Q.850 and SIP (RELEASE_CAUSE, Preemption, an unregistered one, a "
                "FreeSWITCH cause name); Q.850 causes RFC 3398 allows with another code; a CANCEL that says the call "
                "was answered elsewhere.")
    U, S = ("10.8.0.10", 5060), ("10.8.0.20", 5060)
    realm = "voip.example.net"
    reg_extra = [("Contact", "<sip:voi18063@10.8.0.10:5060>"), ("Expires", "3600")]

    def register(branch, cseq, nonce=None):
        extra = list(reg_extra)
        if nonce:
            extra.append(("Authorization", 'Digest username="voi18063", realm="%s", nonce="%s", '
                          'uri="sip:%s", response="00112233445566778899aabbccddeeff", algorithm=MD5'
                          % (realm, nonce, realm)))
        return request("REGISTER", "sip:" + realm, via("10.8.0.10:5060", branch), "ev-reg@10.8.0.10", cseq,
                       "<sip:voi18063@%s>;tag=r1" % realm, "<sip:voi18063@%s>" % realm, extra)

    r = register("z9hG4bK-ev-r1", 1)
    f = c.udp(0.000, U, S, r, "REGISTER without credentials")
    c.udp(0.010, S, U, r.response(401, "Unauthorized", to_tag="s1", extra=[
        ("WWW-Authenticate", 'Digest realm="%s", nonce="ev-n1", algorithm=MD5' % realm)]),
        "401: the normal first step", R(f, context="normal first step"))
    r = register("z9hG4bK-ev-r2", 2, nonce="ev-n1")
    f = c.udp(0.050, U, S, r, "REGISTER with credentials on the latest nonce")
    c.udp(0.060, S, U, r.response(403, "Wrong password", to_tag="s2"),
          "403 'Wrong password': the server's words lead, the credentials were refused",
          R(f, context="latest nonce", experts=["sipdiag.expert.credentials_rejected", "sipdiag.expert.reason_mismatch"],
            no_experts=["sipdiag.expert.403"],
            messages=['403 "Wrong password": credentials on the latest nonce refused', 'user "voi18063"'],
            contains={"sipdiag.fix": 'own words come first: "Wrong password"'}))

    n = [0]

    def call(code, phrase, reason, want, note, method="INVITE", in_dialog=False, extra=()):
        n[0] += 1
        k = n[0]
        to = "<sip:bob@example.com>" + (";tag=e%d" % k if in_dialog else "")
        req = request(method, "sip:bob@example.com", via("10.8.0.10:5060", "z9hG4bK-ev-c%d" % k),
                      "ev-%d@10.8.0.10" % k, 1, "<sip:alice@example.com>;tag=c%d" % k, to, extra=extra)
        t = 10.0 * k
        f = c.udp(t, U, S, req, method)
        want = dict(want)
        want["sipdiag.request_frame"] = f
        c.udp(t + 0.1, S, U, req.response(code, phrase, to_tag="e%d" % k, extra=[("Reason", reason)]), note, want)

    call(488, "Not Acceptable Here", 'SIP;cause=488;text="Transfer impossible: No call handling resources"',
         {"sipdiag.knowledge": "488/no-offer", "messages": ['[Reason: SIP cause 488 "Transfer impossible']},
         "488 to REFER: the Reason text is quoted in the expert message", method="REFER", in_dialog=True,
         extra=[("Refer-To", "<sip:carol@example.com>")])
    call(403, "Forbidden", 'Q.850;cause=21;text="nocallee"',
         {"messages": ['[Reason: Q.850 cause 21 "nocallee"]'], "no_experts": ["sipdiag.expert.q850_mismatch"]},
         "403 with Q.850 21: the table's own mapping, its text quoted")
    call(603, "Decline", "Q.850;cause=21;location=U",
         {"no_experts": ["sipdiag.expert.q850_mismatch"], "contains": {"sipdiag.reason_header.location": "the user"}},
         "603 with cause 21 at location U: RFC 3398 allows 603 when the user rejected")
    call(603, "Decline", "Q.850;cause=21;location=TN",
         {"experts": ["sipdiag.expert.q850_mismatch"], "messages": ["one side was remapped"],
          "contains": {"sipdiag.reason_header.location": "a transit network"}},
         "603 with cause 21 from a transit network: remapped")
    call(301, "Moved Permanently", "Q.850;cause=22", {"no_experts": ["sipdiag.expert.q850_mismatch"]},
         "301 with cause 22 (number changed, new number known): RFC 3398's own alternative")
    call(480, "Temporarily Unavailable", 'RELEASE_CAUSE;cause=6;text="Call-setup time-out"',
         {"contains": {"sipdiag.reason_header.cause_name": "Call-setup time-out",
                       "sipdiag.reason_header.meaning": "not set up within the allowed time"},
          "no_experts": ["sipdiag.expert.bad_header"]},
         "480 with a 3GPP RELEASE_CAUSE: decoded")
    call(503, "Service Unavailable", "preemption;cause=2",
         {"contains": {"sipdiag.reason_header.cause_name": "Reserved Resources Preempted"},
          "no_experts": ["sipdiag.expert.bad_header"]}, "503 with an RFC 4411 Preemption cause")
    call(480, "Temporarily Unavailable", 'RELEASE_CAUSE;cause=9',
         {"experts": ["sipdiag.expert.bad_header"]}, "RELEASE_CAUSE 9: outside the registered 1-7")
    call(480, "Temporarily Unavailable", 'X-ACME;cause=42;text="trunk full"',
         {"contains": {"sipdiag.reason_header.meaning": "Not in the IANA Reason Protocols registry"},
          "no_experts": ["sipdiag.expert.bad_header"]}, "an unregistered protocol: unknown, not malformed")
    call(480, "Temporarily Unavailable", 'SIP;cause=607;text="PROGRESS_TIMEOUT"',
         {"contains": {"sipdiag.reason_header.freeswitch": "PROGRESS_TIMEOUT",
                       "sipdiag.reason_header.meaning": "progress time-out"},
          "sipdiag.sip_reason.phrase": None},
         "FreeSWITCH's own cause number: read by the name, not taken for SIP 607 Unwanted")

    # A forking proxy cancels the branch that lost: the CANCEL says the call was answered elsewhere.
    inv = request("INVITE", "sip:bob@10.8.0.10", via("10.8.0.20:5060", "z9hG4bK-ev-fork"), "ev-fork@10.8.0.20", 1,
                  "<sip:carol@example.com>;tag=f1", "<sip:bob@example.com>", body=sdp("10.8.0.20", 6000))
    f_inv = c.udp(200.000, S, U, inv, "INVITE, one branch of a forked call")
    c.udp(200.100, U, S, inv.response(180, "Ringing", to_tag="u1"), "180", R(f_inv))
    cancel = inv.cancel(extra=[("Reason", 'SIP;cause=200;text="Call completed elsewhere"')])
    f_cancel = c.udp(205.000, S, U, cancel, "CANCEL with Reason SIP 200: answered on another branch")
    c.udp(205.010, U, S, cancel.response(200, "OK"), "200 to the CANCEL", R(f_cancel))
    c.udp(205.020, U, S, inv.response(487, "Request Terminated", to_tag="u1"),
          "487: answered elsewhere, normal",
          R(f_inv, related=f_cancel, context="answered on another device", experts=["sipdiag.expert.cancelled"],
            messages=["answered on another device"]))
    return c


# ---------------------------------------------------------------- warn-codes

def warn_codes():
    """Warn-codes in and out of the IANA registry: only a malformed one is a bad header."""
    c = Capture("warn-codes", "A 404 with Kamailio's debug Warning 392, a 488 with the registered 305, a 480 with an "
                "unregistered but well-formed 342, a 503 with the two-digit code 39.")
    A, P = ("10.7.0.10", 5060), ("10.7.0.1", 5060)
    cases = [
        (404, "Not Found", '392 10.7.0.1:5060 "Noisy feedback tells:  pid=4021 req_src_ip=10.7.0.10 '
         'req_src_port=5060 in_uri=sip:bob@example.com out_uri=sip:bob@10.7.0.20:5060 via_cnt==1"',
         {"no_experts": ["sipdiag.expert.bad_header"], "contains": {"sipdiag.warning.meaning": "Kamailio"}},
         "Kamailio's 392 (sip_warning on): a debug aid, well formed"),
        (488, "Not Acceptable Here", '305 10.7.0.1 "Incompatible media format"',
         {"no_experts": ["sipdiag.expert.bad_header"], "contains": {"sipdiag.warning.meaning": "codecs offered"}},
         "the registered 305"),
        (480, "Temporarily Unavailable", '342 gw.example.com "Trunk group busy"',
         {"no_experts": ["sipdiag.expert.bad_header"],
          "contains": {"sipdiag.warning.meaning": "Not in the IANA warn-code registry"}},
         "an unregistered three-digit code: an unknown value, not malformed"),
        (503, "Service Unavailable", '39 gw.example.com "overload"', {"experts": ["sipdiag.expert.bad_header"]},
         "a two-digit warn-code: malformed (RFC 3261 §20.43: 3DIGIT)"),
    ]
    for k, (code, phrase, warning, want, note) in enumerate(cases, 1):
        inv = request("INVITE", "sip:bob@example.com", via("10.7.0.10:5060", "z9hG4bK-w-%d" % k), "w-%d@10.7.0.10" % k,
                      1, "<sip:alice@example.com>;tag=w%d" % k, "<sip:bob@example.com>")
        f = c.udp(10.0 * k, A, P, inv, "INVITE")
        want = dict(want)
        want["sipdiag.request_frame"] = f
        c.udp(10.0 * k + 0.1, P, A, inv.response(code, phrase, to_tag="p%d" % k, extra=[("Warning", warning)]), note,
              want)
    return c


# ---------------------------------------------------------------- silent

def silent():
    """Failures that leave no error response, each next to a case that must stay quiet. One pass shows a
    timer's finding on the first SIP frame after it ran out; two passes on the frame it concerns."""
    c = Capture("silent", "An INVITE never answered (7 sends over 31.5 s) and a slow one answered; a 200 "
                "never ACKed and ended by the callee's BYE 32 s later, another never ACKed, one ACKed late; "
                "a challenge never answered and one answered; six rejected passwords from one source then a "
                "success, one wrong password elsewhere; a retry 1 s into a Retry-After of 60 and one after "
                "its 2 s; an ICMP port unreachable quoting an INVITE and one quoting DNS; an INVITE the "
                "capture ends too early to judge.")
    A, S, B = ("10.9.0.10", 5060), ("10.9.0.20", 5060), ("10.9.0.30", 5060)
    n = [0]

    def req(method, to="<sip:bob@example.com>", cid=None, cseq=1, extra=(), src=A, body=b"", uri=None):
        n[0] += 1
        return request(method, uri or "sip:bob@example.com", via("%s:%d" % src, "z9hG4bK-s-%d" % n[0]),
                       cid or "s-%d@%s" % (n[0], src[0]), cseq, "<sip:alice@example.com>;tag=s%d" % n[0], to,
                       extra=extra, body=body)

    def ping(t, note):
        """An OPTIONS and its 200: SIP traffic on which one pass shows timers that ran out."""
        o = req("OPTIONS")
        f = c.udp(t, A, S, o, note)
        c.udp(t + 0.01, S, A, o.response(200, "OK", to_tag="p%d" % n[0]), "200 to the OPTIONS", R(f))
        return f

    # 1. An INVITE nobody answers: RFC 3261 §17.1.1.2 retransmissions at 0.5, 1, 2, 4, 8, 16 s intervals.
    inv = req("INVITE", body=sdp("10.9.0.10", 4000))
    f_inv = None
    for t in (0.0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5):
        f = c.udp(t, A, S, inv, "INVITE, never answered" if t == 0 else "INVITE retransmitted")
        f_inv = f_inv or f
    # A slow INVITE: retransmitted twice, then answered. Its first frame is the first SIP after the
    # first INVITE's 32 s, where one pass shows that INVITE's no_response.
    slow = req("INVITE", to="<sip:carol@example.com>", body=sdp("10.9.0.10", 4002))
    land = f_slow = c.udp(33.0, A, S, slow, "INVITE, slow (and the first SIP frame after the first INVITE's 32 s)")
    c.udp(33.5, A, S, slow, "INVITE retransmitted")
    c.udp(34.5, A, S, slow, "INVITE retransmitted")
    c.udp(35.0, S, A, slow.response(100, "Trying"), "100 at last: the next hop is there", R(f_slow))
    ok = slow.response(200, "OK", to_tag="c1", body=sdp("10.9.0.20", 5000))
    f_ok = c.udp(38.0, S, A, ok, "200 to the slow INVITE", R(f_slow, no_experts=["sipdiag.expert.no_ack"]))
    ack = request("ACK", "sip:carol@10.9.0.20", via("10.9.0.10:5060", "z9hG4bK-s-ack-slow"), slow.get("Call-ID"), 1,
                  slow.get("From"), slow.get("To") + ";tag=c1")
    c.acked(f_ok, c.udp(38.1, A, S, ack, "ACK"))
    c.late(f_inv, "sipdiag.expert.no_response", land,
           messages=["INVITE in frame %d sent 7 times over 31.5 s, no response within 32 s" % f_inv],
           land_messages=["INVITE in frame %d sent 7 times" % f_inv])
    c.expect(f_slow, two_pass={"no_experts": ["sipdiag.expert.no_response"]})

    # 2. A 200 never ACKed: retransmitted at T1 doubling to T2 (§13.3.1.4), the callee's BYE after 64*T1.
    call = req("INVITE", to="<sip:dave@example.com>", body=sdp("10.9.0.10", 4004))
    f_call = c.udp(99.9, A, S, call, "INVITE")
    r200 = call.response(200, "OK", to_tag="d1", body=sdp("10.9.0.20", 5002))
    f_200 = c.udp(100.0, S, A, r200, "200, never acknowledged", R(f_call))
    for t in (100.5, 101.5, 103.5, 107.5, 111.5, 115.5, 119.5, 123.5, 127.5):
        c.udp(t, S, A, r200, "200 retransmitted: no ACK", R(f_call, retransmission=True, related=f_200))
    bye = request("BYE", "sip:alice@10.9.0.10", via("10.9.0.20:5060", "z9hG4bK-s-bye-d"), call.get("Call-ID"), 1,
                  call.get("To") + ";tag=d1", call.get("From"))
    f_bye = c.udp(132.0, S, A, bye, "the callee gives up on the ACK and sends BYE 32 s after its 200")
    c.udp(132.01, A, S, bye.response(200, "OK"), "200 to the BYE", R(f_bye))
    c.late(f_200, "sipdiag.expert.no_ack", f_bye,
           messages=["never ACKed: sent 10 times, BYE in frame %d 32.0 s later" % f_bye],
           land_messages=["200 to INVITE in frame %d never ACKed" % f_200])
    # Another never ACKed, no BYE: known when its 32 s are over.
    call = req("INVITE", to="<sip:erin@example.com>", body=sdp("10.9.0.10", 4006))
    f_call = c.udp(149.9, A, S, call, "INVITE")
    r200 = call.response(200, "OK", to_tag="e1", body=sdp("10.9.0.20", 5004))
    f_200b = c.udp(150.0, S, A, r200, "200, never acknowledged", R(f_call))
    for t in (150.5, 151.5, 153.5):
        c.udp(t, S, A, r200, "200 retransmitted", R(f_call, retransmission=True, related=f_200b))
    # One ACKed late but within 32 s.
    call = req("INVITE", to="<sip:fred@example.com>", body=sdp("10.9.0.10", 4008))
    f_call = c.udp(159.9, A, S, call, "INVITE")
    r200 = call.response(200, "OK", to_tag="f1", body=sdp("10.9.0.20", 5006))
    f_200c = c.udp(160.0, S, A, r200, "200, ACKed late", R(f_call, no_experts=["sipdiag.expert.no_ack"]))
    c.udp(160.5, S, A, r200, "200 retransmitted", R(f_call, retransmission=True, related=f_200c))
    ack = request("ACK", "sip:fred@10.9.0.20", via("10.9.0.10:5060", "z9hG4bK-s-ack-f"), call.get("Call-ID"), 1,
                  call.get("From"), call.get("To") + ";tag=f1")
    c.acked(f_200c, c.udp(161.0, A, S, ack, "ACK, 1 s late but within 32 s"))
    land = ping(190.0, "OPTIONS after the 200's 32 s: one pass shows its no_ack here")
    c.late(f_200b, "sipdiag.expert.no_ack", land, messages=["sent 4 times over 3.5 s, never ACKed within 32 s"])

    # 3. A challenge nobody answers, and one answered.
    realm = "silent.test"
    reg = req("REGISTER", to="<sip:alice@silent.test>", uri="sip:silent.test",
              extra=[("Contact", "<sip:alice@10.9.0.10>"), ("Expires", "3600")])
    f_reg = c.udp(200.0, A, S, reg, "REGISTER")
    f_401 = c.udp(200.01, S, A, reg.response(401, "Unauthorized", to_tag="r1", extra=[
        ("WWW-Authenticate", 'Digest realm="%s", nonce="c1", algorithm=SHA-256' % realm)]),
        "401 nobody answers", R(f_reg, context="normal first step"))
    reg2 = req("REGISTER", to="<sip:alice@silent.test>", uri="sip:silent.test",
               extra=[("Contact", "<sip:alice@10.9.0.10>"), ("Expires", "3600")])
    f_reg2 = c.udp(210.0, A, S, reg2, "REGISTER, another phone's")
    f_401b = c.udp(210.01, S, A, reg2.response(401, "Unauthorized", to_tag="r2", extra=[
        ("WWW-Authenticate", 'Digest realm="%s", nonce="c2", algorithm=MD5' % realm)]),
        "401, answered", R(f_reg2, no_experts=["sipdiag.expert.challenge_unanswered"]))
    reg3 = request("REGISTER", "sip:silent.test", via("10.9.0.10:5060", "z9hG4bK-s-reg3"), reg2.get("Call-ID"), 2,
                   reg2.get("From"), reg2.get("To"), extra=[
                       ("Contact", "<sip:alice@10.9.0.10>"), ("Expires", "3600"),
                       ("Authorization", 'Digest username="alice", realm="%s", nonce="c2", uri="sip:silent.test", '
                        'response="0123456789abcdef0123456789abcdef", algorithm=MD5' % realm)])
    f_reg3 = c.udp(210.05, A, S, reg3, "REGISTER with credentials")
    c.udp(210.06, S, A, reg3.response(200, "OK", to_tag="r2"), "200", R(f_reg3))
    land = ping(240.0, "OPTIONS after the challenge's 32 s")
    c.late(f_401, "sipdiag.expert.challenge_unanswered", land,
           messages=['realm "silent.test") to the REGISTER in frame %d: no credentials sent' % f_reg])

    # 4. Password guessing from one source: six users rejected in 60 ms, then one accepted.
    X = ("198.51.100.7", 5070)
    cid = "scan-1@198.51.100.7"

    def scan(t, user, cseq, nonce, branch):
        extra = [("Contact", "<sip:%s@198.51.100.7:5070>" % user), ("Expires", "60")]
        if nonce:
            extra.append(("Authorization", 'Digest username="%s", realm="%s", nonce="%s", uri="sip:silent.test", '
                          'response="ffffffffffffffffffffffffffffffff", algorithm=MD5' % (user, realm, nonce)))
        r = request("REGISTER", "sip:silent.test", via("198.51.100.7:5070", branch), cid, cseq,
                    "<sip:%s@silent.test>;tag=x%d" % (user, cseq), "<sip:%s@silent.test>" % user, extra)
        return c.udp(t, X, S, r, "REGISTER from the scanner"), r

    def challenge(t, r, nonce, note, want):
        return c.udp(t, S, X, r.response(401, "Unauthorized", to_tag="x", extra=[
            ("WWW-Authenticate", 'Digest realm="%s", nonce="%s", algorithm=MD5' % (realm, nonce))]), note, want)

    f, r = scan(300.0, "2000", 1, None, "z9hG4bK-x-0")
    challenge(300.005, r, "g1", "401: first step", R(f, no_experts=["sipdiag.expert.auth_attack"]))
    rejected = []
    for i in range(6):
        f, r = scan(300.01 + 0.01 * i, "20%02d" % (i + 1), i + 2, "g%d" % (i + 1), "z9hG4bK-x-%d" % (i + 1))
        rejected.append(challenge(300.015 + 0.01 * i, r, "g%d" % (i + 2), "401: credentials rejected",
                                  R(f, experts=["sipdiag.expert.credentials_rejected"])))
    f, r = scan(300.08, "2003", 8, "g7", "z9hG4bK-x-7")
    f_acc = c.udp(300.085, S, X, r.response(200, "OK", to_tag="x"), "200: the scanner got in",
                  R(f, experts=["sipdiag.expert.auth_attack"],
                    messages=['user "2003" accepted after 6 rejected guesses in 0.1 s from 198.51.100.7']))
    c.expect(rejected[4], one_pass={"experts": ["sipdiag.expert.auth_attack"],
                                    "messages": ["5 rejected credentials for 5 user names"]},
             two_pass={"no_experts": ["sipdiag.expert.auth_attack"]})
    c.expect(rejected[5], two_pass={"experts": ["sipdiag.expert.auth_attack"],
                                    "messages": ["6 rejected credentials for 6 user names in 0.1 s from "
                                                 "198.51.100.7, the last here"]},
             one_pass={"no_experts": ["sipdiag.expert.auth_attack"]})
    for fr in rejected[:4]:
        c.expect(fr, no_experts=["sipdiag.expert.auth_attack"])
    # One wrong password then success, from another phone: no attack.
    Y = ("10.9.0.11", 5060)
    cid2 = "typo@10.9.0.11"
    r = request("REGISTER", "sip:silent.test", via("10.9.0.11:5060", "z9hG4bK-y-1"), cid2, 1,
                "<sip:bob@silent.test>;tag=y1", "<sip:bob@silent.test>", [("Contact", "<sip:bob@10.9.0.11>")])
    f = c.udp(310.0, Y, S, r, "REGISTER")
    c.udp(310.01, S, Y, r.response(401, "Unauthorized", to_tag="y", extra=[
        ("WWW-Authenticate", 'Digest realm="%s", nonce="h1", algorithm=MD5' % realm)]), "401", R(f))
    for k, (nonce, code) in enumerate((("h1", 401), ("h2", 200)), 2):
        r = request("REGISTER", "sip:silent.test", via("10.9.0.11:5060", "z9hG4bK-y-%d" % k), cid2, k,
                    "<sip:bob@silent.test>;tag=y1", "<sip:bob@silent.test>", [
                        ("Contact", "<sip:bob@10.9.0.11>"),
                        ("Authorization", 'Digest username="bob", realm="%s", nonce="%s", uri="sip:silent.test", '
                         'response="0123456789abcdef0123456789abcdef", algorithm=MD5' % (realm, nonce))])
        f = c.udp(310.0 + k, Y, S, r, "REGISTER with credentials")
        extra = [("WWW-Authenticate", 'Digest realm="%s", nonce="h2", algorithm=MD5' % realm)] if code == 401 else []
        c.udp(310.01 + k, S, Y, r.response(code, "Unauthorized" if code == 401 else "OK", to_tag="y", extra=extra),
              "one wrong password" if code == 401 else "then accepted: no attack",
              R(f, no_experts=["sipdiag.expert.auth_attack"]))

    # 5. Retry-After ignored, and honoured.
    def retry(t, user, tag, port, seconds, after, note, want):
        """A 503 asking to wait `seconds`, then a new INVITE to the same target `after` s later (486)."""
        to = "<sip:%s@example.com>" % user
        inv = req("INVITE", to=to, body=sdp("10.9.0.10", port))
        f = c.udp(t, A, S, inv, "INVITE")
        c.udp(t + 0.01, S, A, inv.response(503, "Service Unavailable", to_tag=tag + "5",
                                           extra=[("Retry-After", str(seconds))]),
              "503 Retry-After %d" % seconds, R(f))
        again = req("INVITE", to=to, body=sdp("10.9.0.10", port + 2))
        f_again = c.udp(t + after, A, S, again, note, want)
        c.udp(t + after + 0.01, S, A, again.response(486, "Busy Here", to_tag=tag + "6"), "486", R(f_again))

    retry(400.0, "bob", "b", 4010, 60, 1.0, "a new INVITE to the same target 1 s later",
          {"experts": ["sipdiag.expert.retry_after_ignored"],
           "messages": ["INVITE 59.0 s before the Retry-After of 60 s of the 503"]})
    retry(410.0, "carol", "c", 4014, 2, 3.0, "a new INVITE 3 s later: Retry-After honoured",
          {"no_experts": ["sipdiag.expert.retry_after_ignored"]})

    # 6. ICMP port unreachable quoting an INVITE; and one quoting DNS.
    inv = req("INVITE", to="<sip:gina@example.com>", uri="sip:gina@10.9.0.30", body=sdp("10.9.0.10", 4018))
    f_icmp_inv = c.udp(500.0, A, B, inv, "INVITE to a host where nothing listens on 5060")
    c.icmp_unreachable(500.001, B[0], A, inv, B, code=3, note="ICMP port unreachable quoting the INVITE",
                       expect={"experts": ["sipdiag.expert.icmp_unreachable"],
                               "messages": ["ICMP port unreachable (code 3) for the INVITE in frame %d to "
                                            "10.9.0.30:5060" % f_icmp_inv]})
    c.icmp_unreachable(501.0, B[0], ("10.9.0.10", 33000), b"\x12\x34\x01\x00\x00\x01" + b"\x00" * 6, (B[0], 53),
                       note="ICMP port unreachable quoting a DNS query: not SIP",
                       expect={"no_experts": ["sipdiag.expert.icmp_unreachable"]})
    # One failure, one finding: the ICMP error, not also a no_response for the INVITE it killed.
    c.expect(f_icmp_inv, no_experts=["sipdiag.expert.no_response"])
    land = ping(540.0, "OPTIONS after the ICMP-killed INVITE's 32 s")
    c.expect(land, no_experts=["sipdiag.expert.no_response"])

    # An OPTIONS ping to a dead peer, the next SIP frame 100 s later: the transaction is swept
    # before its timer runs, the timer still fires.
    dead = req("OPTIONS", to="<sip:dead@example.com>")
    f_dead = c.udp(545.0, A, S, dead, "OPTIONS nobody answers (sent once: over TCP, or a client that gives up)")
    # The caller's own BYE 39.5 s after a single 200 without a captured ACK: the ACK may have gone
    # around this capture point; not a missing ACK.
    call = req("INVITE", to="<sip:ivy@example.com>", body=sdp("10.9.0.10", 4030))
    f_call = c.udp(645.0, A, S, call, "INVITE, 100 s after the OPTIONS (one pass shows its no_response here)")
    r200 = call.response(200, "OK", to_tag="i1", body=sdp("10.9.0.20", 5030))
    f_200d = c.udp(645.5, S, A, r200, "200, sent once; its ACK is not in the capture",
                   R(f_call, no_experts=["sipdiag.expert.no_ack"]))
    bye = request("BYE", "sip:bob@10.9.0.20", via("10.9.0.10:5060", "z9hG4bK-s-bye-i"), call.get("Call-ID"), 2,
                  call.get("From"), r200.get("To"))
    f_byei = c.udp(685.0, A, S, bye, "the caller's own BYE 39.5 s later: it had the 200, no missing ACK to report",
                   {"no_experts": ["sipdiag.expert.no_ack"]})
    c.udp(685.01, S, A, bye.response(200, "OK"), "200 to the BYE", R(f_byei))
    c.expect(f_dead, two_pass={"experts": ["sipdiag.expert.no_response"],
                               "messages": ["OPTIONS in frame %d sent 1 time over 0.0 s, no response" % f_dead]})
    c.expect(f_call, one_pass={"experts": ["sipdiag.expert.no_response"]})

    # 7. The capture ends 2 s after an INVITE: unknown, not a failure.
    inv = req("INVITE", to="<sip:hank@example.com>", body=sdp("10.9.0.10", 4020))
    f_last = c.udp(700.0, A, S, inv, "INVITE the capture ends too early to judge",
                   {"no_experts": ["sipdiag.expert.no_response"]})
    c.udp(700.5, A, S, inv, "INVITE retransmitted")
    c.udp(701.5, A, S, inv, "INVITE retransmitted")
    c.udp(702.0, A, S, req("OPTIONS"), "the capture ends here")
    c.silent_stats = {"Requests without any response": 2, "2xx to INVITE never acknowledged": 2,
                      "Challenges never answered": 1, "Password guessing": 2, "Retries before Retry-After": 1,
                      "ICMP destination unreachable for SIP": 1,
                      "Unknown: the capture ended before the request's 32 s": 2}
    return c


# ---------------------------------------------------------------- vendor

def vendor():
    """Why calls ended (the Reason of a BYE or CANCEL, vendors' hangup headers) and vendors' diagnostic
    headers on responses."""
    c = Capture("vendor", "Calls ended by BYEs and CANCELs with Q.850, 3GPP RELEASE_CAUSE, RFC 4411, SIP and "
                "FreeSWITCH causes and Asterisk's hangup headers (one BYE retransmitted, one with an absurd "
                "cause code); responses with Microsoft's ms-diagnostics, known, unknown and malformed.")
    A, B = ("10.10.0.10", 5060), ("10.10.0.20", 5060)
    n = [0]

    def call(t):
        """An answered call from A to B; returns (invite, the 200's To)."""
        n[0] += 1
        k = n[0]
        inv = request("INVITE", "sip:bob@10.10.0.20", via("10.10.0.10:5060", "z9hG4bK-v-%d" % k), "v-%d@10.10.0.10" % k,
                      1, "<sip:alice@example.com>;tag=va%d" % k, "<sip:bob@example.com>", body=sdp("10.10.0.10", 4000))
        f = c.udp(t, A, B, inv, "INVITE")
        r = inv.response(200, "OK", to_tag="vb%d" % k, body=sdp("10.10.0.20", 5000))
        f200 = c.udp(t + 0.5, B, A, r, "200", R(f))
        ack = request("ACK", "sip:bob@10.10.0.20", via("10.10.0.10:5060", "z9hG4bK-v-ack%d" % k), inv.get("Call-ID"), 1,
                      inv.get("From"), r.get("To"))
        c.acked(f200, c.udp(t + 0.6, A, B, ack, "ACK"))
        return inv, r.get("To")

    def bye(t, inv, to, headers, note, want, again=False):
        k = n[0]
        b = request("BYE", "sip:alice@10.10.0.10", via("10.10.0.20:5060", "z9hG4bK-v-bye%d" % k), inv.get("Call-ID"), 1,
                    to, inv.get("From"), extra=headers)
        f = c.udp(t, B, A, b, note, want)
        if again:
            c.udp(t + 0.5, B, A, b, "BYE retransmitted: the same cause, counted once",
                  {"no_experts": ["sipdiag.expert.call_ended"]})
        c.udp(t + 0.6 if again else t + 0.01, A, B, b.response(200, "OK"), "200 to the BYE", R(f))
        return f

    ended = "sipdiag.expert.call_ended"
    inv, to = call(0)
    bye(10, inv, to, [("Reason", 'Q.850;cause=16;text="Normal call clearing"')], "BYE, Q.850 16: normal",
        {"experts": [ended], "messages": ["BYE ended the call: Q.850 16 Normal call clearing"],
         "contains": {"sipdiag.call_ended.severity": "chat"}})
    inv, to = call(20)
    bye(30, inv, to, [("Reason", 'RELEASE_CAUSE;cause=2;text="RTP/RTCP time-out"')],
        "BYE from a VoLTE network: the media timed out",
        {"experts": [ended], "messages": ["BYE ended the call: RELEASE_CAUSE 2 RTP/RTCP time-out"],
         "contains": {"sipdiag.call_ended.severity": "warning",
                      "sipdiag.reason_header.cause_name": "RTP/RTCP time-out"}}, again=True)
    inv, to = call(40)
    bye(50, inv, to, [("Reason", "preemption ;cause=1 ;text=\"UA Preemption\"")], "BYE: preempted by a UA",
        {"experts": [ended], "contains": {"sipdiag.call_ended.cause": "Preemption 1 UA Preemption",
                                          "sipdiag.call_ended.severity": "note"}})
    inv, to = call(60)
    bye(70, inv, to, [("X-Asterisk-HangupCause", "Normal Clearing"), ("X-Asterisk-HangupCauseCode", "16")],
        "BYE from Asterisk with its hangup headers",
        {"experts": [ended], "contains": {"sipdiag.call_ended.cause": "Asterisk Q.850 16 Normal call clearing",
                                          "sipdiag.asterisk.hangup_cause": "Normal Clearing"},
         "no_experts": ["sipdiag.expert.bad_header"]})
    inv, to = call(80)
    bye(90, inv, to, [("X-Asterisk-HangupCause", "Whatever"), ("X-Asterisk-HangupCauseCode", "999")],
        "BYE with an Asterisk cause code out of Q.850's range",
        {"experts": ["sipdiag.expert.bad_header"], "no_experts": [ended]})
    inv, to = call(100)
    bye(110, inv, to, [("Reason", 'SIP;cause=607;text="PROGRESS_TIMEOUT"')],
        "BYE from FreeSWITCH: its own cause number, read by the name",
        {"experts": [ended], "contains": {"sipdiag.call_ended.cause": "FreeSWITCH PROGRESS_TIMEOUT"}})
    # A CANCEL that says where the call went.
    n[0] += 1
    inv = request("INVITE", "sip:bob@10.10.0.20", via("10.10.0.10:5060", "z9hG4bK-v-can"), "v-can@10.10.0.10", 1,
                  "<sip:alice@example.com>;tag=vc", "<sip:bob@example.com>", body=sdp("10.10.0.10", 4002))
    f_inv = c.udp(120.0, A, B, inv, "INVITE")
    c.udp(120.1, B, A, inv.response(180, "Ringing", to_tag="vcb"), "180", R(f_inv))
    can = inv.cancel(extra=[("Reason", 'SIP;cause=200;text="Call completed elsewhere"')])
    f_can = c.udp(125.0, A, B, can, "CANCEL: answered elsewhere",
                  {"experts": [ended], "messages": ["CANCEL ended the call: SIP 200 (answered elsewhere)"],
                   "contains": {"sipdiag.call_ended.severity": "chat"}})
    c.udp(125.01, B, A, can.response(200, "OK"), "200 to the CANCEL", R(f_can))
    c.udp(125.02, B, A, inv.response(487, "Request Terminated", to_tag="vcb"), "487: answered elsewhere",
          R(f_inv, related=f_can, context="answered on another device", no_experts=[ended]))
    # Responses: proxies' own codes, and Microsoft's diagnostics.
    def answer(t, code, phrase, headers, note, want):
        n[0] += 1
        k = n[0]
        inv = request("INVITE", "sip:carol@example.com", via("10.10.0.10:5060", "z9hG4bK-v-r%d" % k),
                      "v-r%d@10.10.0.10" % k, 1, "<sip:alice@example.com>;tag=vr%d" % k, "<sip:carol@example.com>",
                      body=sdp("10.10.0.10", 4010))
        f = c.udp(t, A, B, inv, "INVITE")
        want = dict(want)
        want["sipdiag.request_frame"] = f
        c.udp(t + 0.05, B, A, inv.response(code, phrase, to_tag="vr%d" % k, extra=headers), note, want)

    answer(140, 477, "Unfortunately error on sending to next hop occurred (477/SL)", [],
           "Kamailio's 477: its own code, explained by its phrase",
           {"sipdiag.knowledge": "477/Kamailio", "sipdiag.severity": "error",
            "experts": ["sipdiag.expert.unrecognised"], "messages": ["477 Kamailio: Kamailio could not send"]})
    answer(141, 478, "Unresolvable destination (478/SL)", [], "Kamailio's 478",
           {"sipdiag.knowledge": "478/Kamailio", "sipdiag.severity": "warning"})
    answer(142, 476, "Unresolvable destination", [], "OpenSIPS's 476",
           {"sipdiag.knowledge": "476/OpenSIPS", "sipdiag.severity": "warning"})
    answer(143, 477, "Something else", [], "a 477 with another phrase: the RFC 3261 fallback to 400",
           {"sipdiag.knowledge": "400", "experts": ["sipdiag.expert.unrecognised"]})
    answer(144, 404, "Not Found", [("ms-diagnostics", '1003;reason="User does not exist";source="fe01.contoso.com"')],
           "404 from Skype for Business with its diagnostic",
           {"contains": {"sipdiag.ms_diagnostics.reason": "User does not exist",
                         "sipdiag.ms_diagnostics.source": "fe01.contoso.com",
                         "sipdiag.ms_diagnostics.meaning": "no user with this address"},
            "messages": ['[Reason: ms-diagnostics 1003 "User does not exist"]']})
    answer(145, 480, "Temporarily Unavailable", [("ms-diagnostics", '12345;reason="Something new"')],
           "an undocumented code: its range is named",
           {"contains": {"sipdiag.ms_diagnostics.meaning": "Unknown Microsoft code 12345 (range: outbound call "
                                                           "routing"}, "no_experts": ["sipdiag.expert.bad_header"]})
    answer(146, 403, "Forbidden", [("ms-diagnostics-public", '560403;reason="Rejected by the SBC"')],
           "Teams Direct Routing: 560403 is the SBC's own 403",
           {"contains": {"sipdiag.ms_diagnostics.meaning": "the SBC itself sent the final response 403 Forbidden"}})
    answer(147, 503, "Service Unavailable", [("ms-diagnostics", 'reason="no code"')], "an ms-diagnostics without a code",
           {"experts": ["sipdiag.expert.bad_header"]})
    answer(148, 486, "Busy Here",
           [("Reason", 'Q.850;cause=17;text="4656976f-9c24-4a4a-a9e5-4d4d1e0c5e7a;User is busy and currently active '
             'on another call."')],
           "Teams Direct Routing's Reason text: the call's id, then the words",
           {"contains": {"sipdiag.reason_header.teams_call_id": "4656976f-9c24-4a4a-a9e5-4d4d1e0c5e7a",
                         "sipdiag.reason_header.teams_text": "User is busy and currently active on another call."},
            "no_experts": ["sipdiag.expert.q850_mismatch"]})
    inv, to = call(150)
    bye(160, inv, to, [("ms-diagnostics-public", '1003;reason="User does not exist"')],
        "BYE with only Microsoft's diagnostic",
        {"experts": [ended], "contains": {"sipdiag.call_ended.cause": "Microsoft 1003 User does not exist",
                                          "sipdiag.ms_diagnostics.code": "1003"}})
    c.stats_ended = {"Q.850 16 Normal call clearing": 1, "RELEASE_CAUSE 2 RTP/RTCP time-out": 1,
                     "Preemption 1 UA Preemption": 1, "Asterisk Q.850 16 Normal call clearing": 1,
                     "FreeSWITCH PROGRESS_TIMEOUT": 1, "SIP 200 (answered elsewhere)": 1,
                     "Microsoft 1003 User does not exist": 1}
    return c


# ---------------------------------------------------------------- calls

def calls():
    """One verdict per call (README, "What happened to each call"), the two transaction faults next to
    cases that must stay quiet, and the RFC 6076 figures of the whole capture. Times are chosen so every
    delay is exact; each case starts after the previous one's timers have run."""
    c = Capture("calls", "Eleven calls and two registrations with known outcomes: answered (180 after 0.8 s, "
                "a 30 s call), busy, cancelled after 5 s of ringing, a 503 sent 11 times and never ACKed, an "
                "answered call whose BYE gets only a 100, a forked call (two 180s, one 200), a challenged "
                "REGISTER then 200, a REGISTER refused 403, one call on two hops of a proxy, a 404 ACKed 3 s "
                "late, a BYE answered after 20 s, an INVITE left ringing for 3 minutes, and one the capture "
                "cuts off.")
    A, S = ("10.11.0.10", 5060), ("10.11.0.20", 5060)
    n = [0]

    def invite(to="bob", src=A):
        n[0] += 1
        return request("INVITE", "sip:%s@example.com" % to, via("%s:%d" % src, "z9hG4bK-k-%d" % n[0]),
                       "k-%d@%s" % (n[0], src[0]), 1, "<sip:alice@example.com>;tag=k%d" % n[0],
                       "<sip:%s@example.com>" % to, body=sdp(src[0], 4000 + 2 * n[0]))

    def ack(inv, to_tag, src=A, dst=None, branch=None):
        n[0] += 1
        return request("ACK", "sip:x@%s" % (dst or S)[0], via("%s:%d" % src, branch or "z9hG4bK-k-ack-%d" % n[0]),
                       inv.get("Call-ID"), 1, inv.get("From"), inv.get("To") + ";tag=" + to_tag)

    def in_dialog(method, inv, to_tag, cseq, from_caller=True):
        n[0] += 1
        src = A if from_caller else S
        frm, to = (inv.get("From"), inv.get("To") + ";tag=" + to_tag)
        if not from_caller:
            frm, to = to, frm
        return request(method, "sip:x@example.com", via("%s:%d" % src, "z9hG4bK-k-%s-%d" % (method.lower(), n[0])),
                       inv.get("Call-ID"), cseq, frm, to)

    def verdict(v, known=None, **more):
        """The verdict on the frame that decides it; one pass shows it on `known` (default: the same)."""
        e = dict(more)
        e["sipdiag.call.verdict"] = v
        return e

    def seconds(x):
        return "%.9f" % x

    late = []   # (frame, one_pass expectation at the first frame at or after time t)

    def answered(t, to, tag, ring, answer, duration, port, more=None):
        """INVITE at t, 180 `ring` s later, 200 at `answer` s, ACK 50 ms after it: an answered call
        (its verdict on the 200 with two passes, on the ACK in one pass)."""
        inv = invite(to)
        f_inv = c.udp(t, A, S, inv, "INVITE")
        c.udp(t + ring, S, A, inv.response(180, "Ringing", to_tag=tag), "180 after %.1f s" % ring, R(f_inv))
        want = {"sipdiag.call.verdict": "answered", "sipdiag.call.duration": seconds(duration)}
        want.update(more or {})
        f_200 = c.udp(t + answer, S, A, inv.response(200, "OK", to_tag=tag, body=sdp(S[0], port)), "200",
                      R(f_inv, two_pass=want, one_pass={"sipdiag.call.verdict": None}))
        f_ack = c.udp(t + answer + 0.05, A, S, ack(inv, tag), "ACK: one pass knows the call was answered here",
                      {"one_pass": {"sipdiag.call.verdict": "answered"}, "two_pass": {"sipdiag.call.verdict": None}})
        c.acked(f_200, f_ack)
        return inv, f_200, f_ack

    # 1. Answered: 180 after 0.8 s, 200 at 2 s, a 30 s call, the BYE answered in 50 ms.
    inv, f_200, f_ack = answered(0.0, "bob", "a1", 0.8, 2.0, 30.0, 5000,
                                 {"sipdiag.call.setup_delay": seconds(0.8), "sipdiag.call.code": 200})
    bye = in_dialog("BYE", inv, "a1", 2)
    f_bye = c.udp(32.0, A, S, bye, "BYE after a 30 s call")
    c.expect(f_200, two_pass={"contains": {"sipdiag.call.because": "ACK in frame %d, BYE in frame %d after 30.0 s"
                                           % (f_ack, f_bye)}})
    c.udp(32.05, S, A, bye.response(200, "OK"), "200 to the BYE after 50 ms (one pass shows the delay here)",
          R(f_bye, one_pass={"sipdiag.call.disconnect_delay": seconds(0.05)},
            two_pass={"sipdiag.call.disconnect_delay": None}))
    c.expect(f_200, two_pass={"sipdiag.call.disconnect_delay": seconds(0.05)})

    # 2. Busy: 486 after 0.5 s, ACKed.
    inv = invite("carol")
    f_inv = c.udp(40.0, A, S, inv, "INVITE")
    c.udp(40.1, S, A, inv.response(100, "Trying"), "100", R(f_inv))
    f_486 = c.udp(40.5, S, A, inv.response(486, "Busy Here", to_tag="b1"), "486",
                  R(f_inv, **{"sipdiag.call.verdict": "busy", "sipdiag.call.setup_delay": seconds(0.5),
                              "sipdiag.call.code": 486, "no_experts": ["sipdiag.expert.final_not_acked"]}))
    c.acked(f_486, c.udp(40.51, A, S, ack(inv, "b1", branch=inv.vias()[0].split("branch=")[1]), "ACK of the 486"))

    # 3. Cancelled after 5 s of ringing.
    inv = invite("dave")
    f_inv = c.udp(50.0, A, S, inv, "INVITE")
    c.udp(50.3, S, A, inv.response(180, "Ringing", to_tag="c1"), "180", R(f_inv))
    cancel = inv.cancel()
    f_can = c.udp(55.3, A, S, cancel, "CANCEL after 5 s of ringing")
    c.udp(55.31, S, A, cancel.response(200, "OK", to_tag="c1"), "200 to the CANCEL", R(f_can))
    f_487 = c.udp(55.32, S, A, inv.response(487, "Request Terminated", to_tag="c1"), "487",
                  R(f_inv, related=f_can, **{"sipdiag.call.verdict": "cancelled", "sipdiag.call.setup_delay": seconds(0.3),
                              "contains": {"sipdiag.call.because": "CANCEL in frame %d after 5.0 s of ringing"
                                           % f_can}}))
    c.acked(f_487, c.udp(55.33, A, S, ack(inv, "c1", branch=inv.vias()[0].split("branch=")[1]), "ACK of the 487"))

    # 4. A 503 nobody ACKs: Timer G repeats it (0.5 s doubling to T2) until Timer H, 32 s.
    inv = invite("erin")
    f_inv = c.udp(60.0, A, S, inv, "INVITE")
    c.udp(60.05, S, A, inv.response(100, "Trying"), "100", R(f_inv))
    r503 = inv.response(503, "Service Unavailable", to_tag="e1")
    f_503 = c.udp(60.1, S, A, r503, "503, never ACKed",
                  R(f_inv, **{"sipdiag.call.verdict": "rejected", "sipdiag.call.code": 503,
                              "two_pass": {"experts": ["sipdiag.expert.final_not_acked"],
                                           "messages": ["503 to the INVITE in frame %d sent 11 times over 31.5 s, "
                                                        "never ACKed (Timer H, 32 s)" % f_inv]},
                              "one_pass": {"no_experts": ["sipdiag.expert.final_not_acked"]}}))
    for t in (60.6, 61.6, 63.6, 67.6, 71.6, 75.6, 79.6, 83.6, 87.6, 91.6):
        c.udp(t, S, A, r503, "503 again (Timer G)", R(f_inv, retransmission=True, related=f_503))
    late.append((92.1, {"experts": ["sipdiag.expert.final_not_acked"]}, "final_not_acked"))

    # 5. Answered; its BYE gets a 100 only and is sent again past 32 s (Timer F): no_final.
    inv, f_200, _ = answered(100.0, "fred", "f1", 0.2, 1.0, 9.0, 5002)
    bye = in_dialog("BYE", inv, "f1", 2)
    f_bye = c.udp(110.0, A, S, bye, "BYE, answered only with 100",
                  {"two_pass": {"experts": ["sipdiag.expert.no_final"],
                                "messages": ["BYE in frame %d got a provisional response (frame %d), no final one "
                                             "within 32 s" % (len(c.frames) + 1, len(c.frames) + 2)]},
                   "one_pass": {"no_experts": ["sipdiag.expert.no_final"]}})
    c.udp(110.05, S, A, bye.response(100, "Trying"), "100 to the BYE", R(f_bye))
    for t in (110.5, 111.5, 113.5, 117.5, 121.5, 125.5, 129.5, 133.5, 137.5, 141.5):
        c.udp(t, A, S, bye, "BYE again")
    late.append((142.0, {"experts": ["sipdiag.expert.no_final"]}, "no_final of the BYE"))

    # 6. Forked: two 180s with different To tags, one 200.
    inv = invite("gina")
    f_inv = c.udp(150.0, A, S, inv, "INVITE")
    c.udp(150.4, S, A, inv.response(180, "Ringing", to_tag="g1"), "180 from the first phone", R(f_inv))
    c.udp(150.6, S, A, inv.response(180, "Ringing", to_tag="g2"), "180 from the second phone", R(f_inv))
    f_200 = c.udp(152.0, S, A, inv.response(200, "OK", to_tag="g2", body=sdp(S[0], 5004)), "200 from the second",
                  R(f_inv, two_pass={"sipdiag.call.verdict": "answered", "sipdiag.call.setup_delay": seconds(0.4),
                                     "sipdiag.call.duration": seconds(8.0)},
                    one_pass={"sipdiag.call.verdict": None}))
    c.acked(f_200, c.udp(152.05, A, S, ack(inv, "g2"), "ACK"))
    bye = in_dialog("BYE", inv, "g2", 2)
    f_bye = c.udp(160.0, A, S, bye, "BYE")
    c.udp(160.02, S, A, bye.response(200, "OK"), "200 to the BYE",
          R(f_bye, one_pass={"sipdiag.call.disconnect_delay": seconds(0.02)}))
    c.expect(f_200, two_pass={"sipdiag.call.disconnect_delay": seconds(0.02)})

    # 7. REGISTER challenged, then registered: RRD from the first REGISTER.
    reg = request("REGISTER", "sip:example.com", via("%s:%d" % A, "z9hG4bK-k-reg1"), "k-reg@10.11.0.10", 1,
                  "<sip:alice@example.com>;tag=r1", "<sip:alice@example.com>", [("Contact", "<sip:alice@10.11.0.10>")])
    f_reg = c.udp(170.0, A, S, reg, "REGISTER")
    c.udp(170.01, S, A, reg.response(401, "Unauthorized", to_tag="rr", extra=[
        ("WWW-Authenticate", 'Digest realm="example.com", nonce="n1", algorithm=MD5')]), "401", R(f_reg))
    reg2 = request("REGISTER", "sip:example.com", via("%s:%d" % A, "z9hG4bK-k-reg2"), "k-reg@10.11.0.10", 2,
                   "<sip:alice@example.com>;tag=r1", "<sip:alice@example.com>", [
                       ("Contact", "<sip:alice@10.11.0.10>"),
                       ("Authorization", 'Digest username="alice", realm="example.com", nonce="n1", '
                        'uri="sip:example.com", response="0123456789abcdef0123456789abcdef", algorithm=MD5')])
    f_reg2 = c.udp(170.05, A, S, reg2, "REGISTER with credentials")
    c.udp(170.07, S, A, reg2.response(200, "OK", to_tag="rr"), "200: registered 70 ms after the first REGISTER",
          R(f_reg2, **{"sipdiag.registration": "registered", "sipdiag.registration.delay": seconds(0.07)}))

    # 8. REGISTER refused.
    reg = request("REGISTER", "sip:example.com", via("%s:%d" % A, "z9hG4bK-k-reg3"), "k-reg3@10.11.0.10", 1,
                  "<sip:mallory@example.com>;tag=r3", "<sip:mallory@example.com>",
                  [("Contact", "<sip:mallory@10.11.0.10>")])
    f_reg = c.udp(180.0, A, S, reg, "REGISTER")
    c.udp(180.02, S, A, reg.response(403, "Forbidden", to_tag="r3"), "403",
          R(f_reg, **{"sipdiag.registration": "failed: 403", "sipdiag.registration.delay": None}))

    # 9. One call on two hops of a proxy P: judged on the caller's hop, counted once.
    P, B = ("10.11.0.30", 5060), ("10.11.0.40", 5060)
    inv = invite("hank")
    f_inv = c.udp(190.0, A, P, inv, "INVITE to the proxy")
    fwd = inv.forwarded(via("10.11.0.30:5060", "z9hG4bK-k-p1"))
    f_fwd = c.udp(190.01, P, B, fwd, "INVITE forwarded to the callee")
    c.udp(190.02, P, A, inv.response(100, "Trying"), "100 from the proxy", R(f_inv))
    r180 = fwd.response(180, "Ringing", to_tag="h1")
    c.udp(190.3, B, P, r180, "180 on the callee's hop", R(f_fwd))
    c.udp(190.31, P, A, r180.relayed(), "180 relayed", R(f_inv))
    r486 = fwd.response(486, "Busy Here", to_tag="h1")
    f_486b = c.udp(193.0, B, P, r486, "486 on the callee's hop: no verdict here",
                   R(f_fwd, **{"sipdiag.call.verdict": None}))
    c.acked(f_486b, c.udp(193.01, P, B, ack(fwd, "h1", src=P, dst=B, branch="z9hG4bK-k-p1"), "the proxy's ACK"))
    f_486 = c.udp(193.02, P, A, r486.relayed(), "486 relayed: the call's verdict",
                  R(f_inv, **{"sipdiag.call.verdict": "busy", "sipdiag.call.setup_delay": seconds(0.31),
                              "sipdiag.call.hops": 2}))
    c.acked(f_486, c.udp(193.03, A, P, ack(inv, "h1", dst=P, branch=inv.vias()[0].split("branch=")[1]),
                         "the caller's ACK"))

    # 10. A 404 sent three times, ACKed 3 s late but within 32 s: no fault.
    inv = invite("ivan")
    f_inv = c.udp(200.0, A, S, inv, "INVITE")
    r404 = inv.response(404, "Not Found", to_tag="i1")
    f_404 = c.udp(200.1, S, A, r404, "404",
                  R(f_inv, **{"sipdiag.call.verdict": "unavailable", "no_experts": ["sipdiag.expert.final_not_acked"]}))
    c.udp(200.6, S, A, r404, "404 again", R(f_inv, retransmission=True, related=f_404))
    c.udp(201.6, S, A, r404, "404 again", R(f_inv, retransmission=True, related=f_404))
    c.acked(f_404, c.udp(203.0, A, S, ack(inv, "i1", branch=inv.vias()[0].split("branch=")[1]), "ACK, 3 s late"))

    # 11. A BYE answered after 20 s (a 100 first, sent again): no fault, a 20 s disconnect delay.
    inv, f_200, _ = answered(210.0, "judy", "j1", 0.5, 1.0, 4.0, 5006)
    bye = in_dialog("BYE", inv, "j1", 2)
    f_bye = c.udp(215.0, A, S, bye, "BYE, answered after 20 s", {"no_experts": ["sipdiag.expert.no_final"]})
    c.udp(215.05, S, A, bye.response(100, "Trying"), "100", R(f_bye))
    for t in (215.5, 216.5, 218.5, 222.5, 226.5, 230.5):
        c.udp(t, A, S, bye, "BYE again")
    c.udp(235.0, S, A, bye.response(200, "OK"), "200 to the BYE 20 s later",
          R(f_bye, one_pass={"sipdiag.call.disconnect_delay": seconds(20.0)}))
    c.expect(f_200, two_pass={"sipdiag.call.disconnect_delay": seconds(20.0)})

    # 12. Ringing for 3 minutes without a final response or a CANCEL: no_final (Timer C), unanswered.
    inv = invite("kate")
    f_inv = c.udp(240.0, A, S, inv, "INVITE, left ringing",
                  {"two_pass": {"sipdiag.call.verdict": "unanswered", "experts": ["sipdiag.expert.no_final"],
                                "messages": ["INVITE in frame %d: provisional responses (last in frame %d), then "
                                             "no final response or CANCEL for 3 minutes"
                                             % (len(c.frames) + 1, len(c.frames) + 2)]},
                   "one_pass": {"sipdiag.call.verdict": None, "no_experts": ["sipdiag.expert.no_final"]}})
    c.udp(240.2, S, A, inv.response(180, "Ringing", to_tag="k1"), "180, then nothing", R(f_inv))
    late.append((420.2, {"experts": ["sipdiag.expert.no_final"], "sipdiag.call.verdict": "unanswered"},
                 "Timer C"))
    o = request("OPTIONS", "sip:x@example.com", via("%s:%d" % A, "z9hG4bK-k-opt"), "k-opt@10.11.0.10", 1,
                "<sip:alice@example.com>;tag=o1", "<sip:x@example.com>")
    f_opt = c.udp(425.0, A, S, o, "OPTIONS: one pass shows the 3 minutes here")
    c.udp(425.01, S, A, o.response(200, "OK", to_tag="o2"), "200", R(f_opt))

    # 13. An INVITE the capture ends too early to judge.
    inv = invite("liam")
    f_inv = c.udp(430.0, A, S, inv, "INVITE, the capture ends 0.1 s later",
                  {"two_pass": {"sipdiag.call.verdict": "unknown",
                                "contains": {"sipdiag.call.because": "the capture ends 0.1 s after the INVITE"}},
                   "one_pass": {"sipdiag.call.verdict": None}})
    c.udp(430.1, S, A, inv.response(100, "Trying"), "100", R(f_inv))

    # One pass shows the timers' findings on the first SIP frame at or after they ran out.
    for when, want, what in late:
        frame = next(e["frame"] for e in c.manifest if e["time"] >= when - 1e-9)
        c.expect(frame, one_pass=dict(want))
        c.manifest[frame - 1]["note"] += " (one pass: %s here)" % what
    c.rfc6076 = {
        "By verdict": {"answered": 4, "busy": 2, "cancelled": 1, "rejected": 1, "unavailable": 1,
                       "unanswered": 1, "unknown: cut off by the capture, left out of the figures": 1},
        "ratios": {"SER Session Establishment Ratio (calls not redirected)": [4, 10],
                   "SEER Session Establishment Effectiveness Ratio (calls not redirected)": [6, 10],
                   "ISA Ineffective Session Attempts (calls)": [1, 10],
                   "SCR Session Completion Ratio (calls)": [4, 10],
                   "IRA Ineffective Registration Attempts (attempts)": [1, 2]},
        "averages": {"SRD Session Request Delay, successful setups (s)": [4, 0.475, 0.2, 0.8],
                     "SRD Session Request Delay, failed setups (s)": [5, 1.808, 0.1, 5.32],
                     "SDD Session Disconnect Delay (s)": [3, 6.69, 0.02, 20.0],
                     "SDT Session Duration Time (s)": [4, 12.75, 4.0, 30.0],
                     "RRD Registration Request Delay (s)": [1, 0.07, 0.07, 0.07]},
        "faults": {"Final failure to INVITE never ACKed (final_not_acked)": 1,
                   "Provisional answer only, no final response (no_final)": 2},
    }
    return c


SCENARIOS = {f.__name__.replace("_", "-"): f for f in (hop_proxy, hop_copies, cancel_unseen, auth_nonce,
                                                        reinvite_refused, tcp_retrans, clock_jump, ipv6_rfc2543,
                                                        methods, warn_codes, evidence, silent, vendor, calls,
                                                        hints, reason_warning, auth, dialog, sdp_offer, expiry,
                                                        all_codes, vendor_phrases, tcp_multi, odd_codes,
                                                        hostile.malformed_status, hostile.malformed_bytes,
                                                        hostile.malformed_headers, hostile.malformed_large,
                                                        hostile.malformed_flood, hostile.malformed_snaplen)}


def build(name):
    cap = SCENARIOS[name]()
    extra = {k: getattr(cap, k) for k in ("stats", "failed_calls", "refused", "silent_stats", "stats_ended", "rfc6076",
                                              "filters", "expert_summary", "expert_rows")
             if hasattr(cap, k)}
    return cap, extra


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("names", nargs="*", help="scenarios (default: all): " + ", ".join(SCENARIOS))
    args = ap.parse_args()
    for name in args.names or SCENARIOS:
        cap, extra = build(name)
        cap.summary = extra
        path = cap.write(args.out)
        print(path)


if __name__ == "__main__":
    main()

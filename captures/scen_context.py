"""scen_context.py — the context captures for captures/build.py: SIP responses
next to the requests they answer (same Call-ID, CSeq and Via branch), so sipdiag
can be tested on what a response says about its request, transaction and
dialog, and on the headers that tell the caller what to do.

    hints           one request -> response pair per hint header (Allow, Retry-After, Min-Expires, ...)
    reason-warning  Reason and Warning headers, good and hostile
    auth            rejected credentials, stale nonce, normal challenge
    dialog          CANCEL, BYE race, lost dialog, glare, in-dialog timeout, retransmissions
    sdp-offer       responses that refuse an SDP offer
    expiry          a long-ringing INVITE, a response long after its transaction ended

These were written by captures/make-context.sh with one text2pcap run per frame;
the SIP messages, their order and their times are the same here (every frame
still moves the clock 20 ms on), so the frame numbers did not change. Only the
framing differs (MAC addresses, IP identification, checksums).

Besides the keys tests/pytest/conftest.py's check_frame reads, entries carry:
  expect["values"]   {field: [every occurrence, as PDML shows it]} for fields
                     outside conftest.FIELDS (hints, Warning, Reason, offered
                     formats); tests/pytest/test_context.py requires exactly these
                     and, on every other frame with sipdiag, none of the fields
                     the capture names there.
  expect["pieces"]   {field: [a piece of each occurrence, in order]}, for long
                     texts such as the meaning of each warn-code.
  entry["wireshark"] what Wireshark 4.0.17's own SIP dissector shows for the frame
                     (sip.response-request, sip.resend, its expert message, SDP
                     found): an observation of Wireshark, not a fact of the
                     traffic, kept because it explains frames such as 5, 18 and
                     31 of dialog (captures/README.md).

Addresses (RFC 5737): 192.0.2.10 caller, 192.0.2.20 callee (also registrar,
redirect server, message relay), 192.0.2.30 proxy (the proxy-authentication
flows), all on port 5060.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import hashlib

from sipflow import Capture, Msg, R

T0 = 1704110400.0          # 2024-01-01 12:00:00 UTC: where make-context.sh started every capture

IP = {"A": "192.0.2.10", "B": "192.0.2.20", "P": "192.0.2.30"}
CONTACT = {"A": "<sip:alice@192.0.2.10:5060>", "B": "<sip:bob@192.0.2.20:5060>",
           "P": "<sip:bob@192.0.2.20:5060>"}       # a proxy forwards the callee's Contact
USER_AGENT = ("User-Agent", "sipdiag-testgen/1.0")
SERVER = ("Server", "sipdiag-testgen/1.0")
ALICE, BOB = '"Alice" <sip:alice@example.com>', "<sip:bob@example.com>"
DEFAULT = object()         # "what Wireshark shows unless told otherwise"

EX = "sipdiag.expert."


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


# ---------------------------------------------------------------- SDP bodies (as make-context.sh wrote them)

def sdp_audio(user, sess, ver, ip, port):
    """Audio offer: PCMU, PCMA, telephone-event."""
    return ("v=0\r\no=%s %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio %s RTP/AVP 0 8 101\r\n"
            "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            "a=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n" % (user, sess, ver, ip, ip, port)).encode()


def sdp_answer(user, sess, ver, ip, port):
    """Audio answer: PCMU + telephone-event."""
    return ("v=0\r\no=%s %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio %s RTP/AVP 0 101\r\n"
            "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\n"
            "a=sendrecv\r\n" % (user, sess, ver, ip, ip, port)).encode()


def sdp_audio_video(sess):
    """Audio PCMU/PCMA/telephone-event + video H264 (dynamic 96)."""
    ip = IP["A"]
    return ("v=0\r\no=alice %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 101\r\n"
            "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            "a=fmtp:101 0-16\r\na=sendrecv\r\nm=video 49172 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            "a=fmtp:96 profile-level-id=42e01f;packetization-mode=1\r\na=sendrecv\r\n" % (sess, sess, ip, ip)).encode()


def sdp_t38(sess, ver):
    """T.38 re-offer: the audio stream replaced by image/udptl/t38 (o= version bumped)."""
    ip = IP["A"]
    return ("v=0\r\no=alice %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=image 5004 udptl t38\r\n"
            "a=T38FaxVersion:0\r\na=T38MaxBitRate:14400\r\na=T38FaxRateManagement:transferredTCF\r\n"
            "a=T38FaxMaxBuffer:262\r\na=T38FaxMaxDatagram:176\r\na=T38FaxUdpEC:t38UDPRedundancy\r\n"
            % (sess, ver, ip, ip)).encode()


def sdp_g729_opus(sess):
    """Audio G729 (static 18) + opus (dynamic 111, 48000/2)."""
    ip = IP["A"]
    return ("v=0\r\no=alice %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio 49180 RTP/AVP 18 111\r\n"
            "a=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\na=rtpmap:111 opus/48000/2\r\n"
            "a=fmtp:111 useinbandfec=1\r\na=ptime:20\r\na=sendrecv\r\n" % (sess, sess, ip, ip)).encode()


def offer(n):
    """A fresh caller audio offer (session id 1000+n)."""
    return sdp_audio("alice", 1000 + n, 1000 + n, IP["A"], 49170 + 2 * (n % 100))


def answer(n):
    return sdp_answer("bob", 5000 + n, 5000 + n, IP["B"], 40000 + 2 * (n % 100))


# ---------------------------------------------------------------- the flow

class Sent:
    """A message as sent: what its responses, ACK or retransmission copy from it."""

    def __init__(self, frame, src, dst, msg, **kw):
        self.frame, self.src, self.dst, self.msg = frame, src, dst, msg
        self.__dict__.update(kw)


class Flow:
    """One capture written the way make-context.sh did: a clock in milliseconds that
    every frame moves 20 ms on, the call (Call-ID, tags, URIs) the next messages
    belong to, roles A (caller), B (callee), P (proxy)."""

    def __init__(self, name, description):
        self.c = Capture(name, description, t0=T0)
        self.t = 0
        self.sent = {}

    def at(self, ms):
        self.t = ms

    def pause(self, ms):
        self.t += ms

    def call(self, cid, atag, btag, a_uri=ALICE, b_uri=BOB):
        self.cid, self.atag, self.btag, self.a_uri, self.b_uri = cid, atag, btag, a_uri, b_uri

    def _send(self, src, dst, msg, note, expect, ws):
        frame = self.c.udp(self.t / 1000.0, (IP[src], 5060), (IP[dst], 5060), msg, note, expect)
        self.c.manifest[frame - 1]["wireshark"] = ws
        self.t += 20
        return frame

    @staticmethod
    def _ws(response_request, expert=None, resend=False, sdp=False):
        return {"sip.response-request": response_request, "sip.resend": resend, "expert": expert, "sdp": sdp}

    def req(self, src, dst, method, ruri, cseq, branch, note, headers=(), ct=None, body=b"", sdp=None,
            dlg=False, ws_rr=None, expect=None):
        """A request from role src to role dst; dlg: in a dialog (To carries the peer's tag).
        ws_rr: Wireshark's sip.response-request for it (an ACK shows its INVITE)."""
        if src == "A":
            from_, to, peer = "%s;tag=%s" % (self.a_uri, self.atag), self.b_uri, self.btag
        else:
            from_, to, peer = "%s;tag=%s" % (self.b_uri, self.btag), self.a_uri, self.atag
        if dlg:
            to += ";tag=" + peer
        via = "SIP/2.0/UDP %s:5060;branch=%s" % (IP[src], branch)
        h = [("Via", via), ("Max-Forwards", "70"), ("From", from_), ("To", to), ("Call-ID", self.cid),
             ("CSeq", "%d %s" % (cseq, method))]
        if method in ("INVITE", "SUBSCRIBE", "REGISTER"):
            h.append(("Contact", CONTACT[src]))
        h += list(headers) + [USER_AGENT]
        if ct:
            h.append(("Content-Type", ct))
        msg = Msg("%s %s SIP/2.0" % (method, ruri), h, body)
        ws = self._ws(ws_rr, sdp=ct == "application/sdp" if sdp is None else sdp)
        frame = self._send(src, dst, msg, note, expect, ws)
        self.sent[frame] = Sent(frame, src, dst, msg, ws=ws, ruri=ruri, via=via, from_=from_, to=to,
                                cid=self.cid, cseq=cseq, method=method)
        return self.sent[frame]

    def resp(self, rq, status, note, headers=(), ct=None, body=b"", totag=None, notag=False, ws_rr=DEFAULT,
             ws_expert=None, expect=None):
        """The response of rq's receiver: Via, From, To, Call-ID and CSeq copied, a To tag added
        unless the request had one (or notag: a 100 Trying)."""
        src, dst = rq.dst, rq.src
        to = rq.to
        if ";tag=" not in to and not notag:
            to += ";tag=" + (totag or (self.atag if src == "A" else self.btag))
        code = int(status.split()[0])
        h = [("Via", rq.via), ("From", rq.from_), ("To", to), ("Call-ID", rq.cid), ("CSeq", "%d %s" % (rq.cseq,
                                                                                                   rq.method))]
        if rq.method == "INVITE" and (180 <= code < 190 or 200 <= code < 300):
            h.append(("Contact", CONTACT[src]))
        h += list(headers) + [SERVER]
        if ct:
            h.append(("Content-Type", ct))
        msg = Msg("SIP/2.0 " + status, h, body)
        ws = self._ws(rq.frame if ws_rr is DEFAULT else ws_rr, ws_expert, sdp=ct == "application/sdp")
        frame = self._send(src, dst, msg, note, expect, ws)
        self.sent[frame] = Sent(frame, src, dst, msg, ws=ws, to=to, code=code)
        return self.sent[frame]

    def ack(self, inv, rsp, note, ws_rr=DEFAULT):
        """The ACK of a non-2xx final response (RFC 3261 §17.1.1.3): the INVITE's Request-URI,
        Via (branch), From, Call-ID and CSeq number, the response's To, sent where the INVITE went."""
        h = [("Via", inv.via), ("Max-Forwards", "70"), ("From", inv.from_), ("To", rsp.to), ("Call-ID", inv.cid),
             ("CSeq", "%d ACK" % inv.cseq), USER_AGENT]
        msg = Msg("ACK %s SIP/2.0" % inv.ruri, h)
        ws = self._ws(inv.frame if ws_rr is DEFAULT else ws_rr)
        frame = self._send(inv.src, inv.dst, msg, note, None, ws)
        self.sent[frame] = Sent(frame, inv.src, inv.dst, msg, ws=ws)
        return self.sent[frame]

    def resend(self, orig, note, ws_rr=DEFAULT, ws_resend=False, expect=None):
        """orig's bytes again (a UDP retransmission)."""
        ws = dict(orig.ws, **{"sip.resend": ws_resend})
        if ws_rr is not DEFAULT:
            ws["sip.response-request"] = ws_rr
        frame = self._send(orig.src, orig.dst, orig.msg, note, expect, ws)
        self.sent[frame] = Sent(frame, orig.src, orig.dst, orig.msg, ws=ws)
        return self.sent[frame]

    def expect(self, frame, **more):
        self.c.expect(frame, **more)


# ---------------------------------------------------------------- hints

def hints():
    """One request -> response pair per hint header, each its own Call-ID, two seconds
    apart; INVITE pairs end with the ACK of the non-2xx final response."""
    f = Flow("hints", "26 request/response pairs, one Call-ID each, 2 s apart: each response carries the header "
             "that says what to do (Allow, Accept, Unsupported, Require, Min-Expires, Min-SE, Allow-Events, "
             "Security-Server, Accept-Resource-Priority, Recv-Info, Permission-Missing, Geolocation-Error, "
             "AlertMsg-Error, Contact, Retry-After, WWW-/Proxy-Authenticate); INVITEs are ACKed.")
    # Retry-After promises: (the response, its Retry-After, its To URI, its client->server path).
    promises = []

    def pair(nn, method, status, purpose, req_headers=(), rsp_headers=(), values=None, ct=None, body=b"",
             ruri="sip:bob@example.com", cseq=1, via_proxy=False, dlg=False, rsp_expect=None, ws_expert=None):
        code = int(status.split()[0])
        f.at(nn * 2000)
        cid = "ctx-h%02d-%d@%s" % (nn, code, IP["A"])
        if method == "REGISTER":
            ruri = "sip:sipdiag.test"
            f.call(cid, "a-h%02d" % nn, "b-h%02d" % nn, "<sip:alice@sipdiag.test>", "<sip:alice@sipdiag.test>")
        elif ruri.startswith("sip:carol@"):
            f.call(cid, "a-h%02d" % nn, "b-h%02d" % nn, ALICE, "<%s>" % ruri)
        else:
            f.call(cid, "a-h%02d" % nn, "b-h%02d" % nn)
        if method == "INVITE" and ct is None:
            ct, body = "application/sdp", offer(nn)
        dst = "P" if via_proxy else "B"
        rq = f.req("A", dst, method, ruri, cseq, "z9hG4bK-h%02d-1" % nn,
                   "%s answered by the %d in frame %d (pair %d)" % (method, code, len(f.c.frames) + 2, nn),
                   req_headers, ct, body, sdp=True if nn == 13 else None, dlg=dlg)
        # RFC 3261 §20.33: a new request (no To tag) from the same client to the same server and
        # To URI before an earlier final response's Retry-After ran out ignores it; the first such
        # request proves the point, so each promise is reported once.
        for p in promises:
            if not dlg and p["to"] == rq.to and p["path"] == (rq.src, rq.dst) and not p["used"]:
                left = p["t"] + p["seconds"] - f.c.manifest[rq.frame - 1]["time"]
                if left > 0:
                    p["used"] = True
                    f.expect(rq.frame, experts=[EX + "retry_after_ignored"],
                             messages=["%s %.1f s before the Retry-After of %d s of the %d in frame %d ran out"
                                       % (method, left, p["seconds"], p["code"], p["frame"])])
        f.pause(10)
        e = R(rq.frame, **{"values": values or {}})
        e.update(rsp_expect or {})
        rs = f.resp(rq, status, purpose, rsp_headers, totag="px-h%02d" % nn if via_proxy else None,
                    ws_expert=ws_expert, expect=e)
        for n, v in rsp_headers:
            if n == "Retry-After":
                promises.append({"to": rq.to, "path": (rq.src, rq.dst), "frame": rs.frame, "code": code,
                                 "seconds": int(v.split()[0]), "t": f.c.manifest[rs.frame - 1]["time"],
                                 "used": False})
        if method == "INVITE":
            f.ack(rq, rs, "ACK of the %d (same branch as the INVITE); not a response" % code)
        return rs

    H = "sipdiag.hint."
    pair(1, "MESSAGE", "405 Method Not Allowed",
         "405: Allow lists the methods the server does accept (MESSAGE is not among them)",
         ct="text/plain", body=b"Hello Bob, are you there?",
         rsp_headers=[("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS")],
         values={H + "allow": ["INVITE, ACK, CANCEL, BYE, OPTIONS"]},
         rsp_expect={"contains": {"sipdiag.fix": "Methods allowed there: INVITE, ACK, CANCEL, BYE, OPTIONS."}})
    pair(2, "INVITE", "415 Unsupported Media Type",
         "415: Accept, Accept-Encoding, Accept-Language say what the server takes (it lists application/sdp "
         "although the offer is application/sdp)",
         rsp_headers=[("Accept", "application/sdp"), ("Accept-Encoding", "identity"), ("Accept-Language", "en")],
         values={H + "accept": ["application/sdp"], H + "accept_encoding": ["identity"],
                 H + "accept_language": ["en"]})
    pair(3, "INVITE", "420 Bad Extension",
         "420: Unsupported names the one option tag of the request's Require that the server lacks (foo, not 100rel)",
         req_headers=[("Require", "100rel, foo"), ("Supported", "timer")], rsp_headers=[("Unsupported", "foo")],
         values={H + "unsupported": ["foo"]})
    pair(4, "INVITE", "421 Extension Required",
         "421: Require names the extension the caller must support (100rel; the INVITE's Supported lacks it)",
         req_headers=[("Supported", "timer")], rsp_headers=[("Require", "100rel")], values={H + "require": ["100rel"]})
    pair(5, "REGISTER", "423 Interval Too Brief",
         "423: Min-Expires (3600) is the shortest registration the registrar accepts; the REGISTER asked for 60",
         req_headers=[("Expires", "60")], rsp_headers=[("Min-Expires", "3600")], values={H + "min_expires": ["3600"]},
         rsp_expect={"contains": {"sipdiag.fix": "Register again with Expires of at least 3600 s."}})
    pair(6, "INVITE", "422 Session Interval Too Small",
         "422: Min-SE (90) is the smallest session interval accepted; the INVITE asked for Session-Expires 60",
         req_headers=[("Supported", "timer"), ("Session-Expires", "60")], rsp_headers=[("Min-SE", "90")],
         values={H + "min_se": ["90"]})
    pair(7, "SUBSCRIBE", "489 Bad Event",
         "489: Allow-Events lists the event packages the notifier supports (foo is not one)",
         req_headers=[("Event", "foo"), ("Accept", "application/foo+xml"), ("Expires", "3600")],
         rsp_headers=[("Allow-Events", "presence, dialog")], values={H + "allow_events": ["presence, dialog"]})
    pair(8, "REGISTER", "494 Security Agreement Required",
         "494: Security-Server lists the mechanisms the server offers (tls q=0.2, ipsec-3gpp q=0.1)",
         req_headers=[("Security-Client", "digest"), ("Require", "sec-agree"), ("Proxy-Require", "sec-agree"),
                      ("Expires", "3600")],
         rsp_headers=[("Security-Server", "tls;q=0.2, ipsec-3gpp;q=0.1")],
         values={H + "security_server": ["tls;q=0.2, ipsec-3gpp;q=0.1"]})
    pair(9, "INVITE", "417 Unknown Resource-Priority",
         "417: Accept-Resource-Priority lists the accepted namespace values (wps.0, wps.1; the request used foo.1)",
         req_headers=[("Resource-Priority", "foo.1"), ("Require", "resource-priority")],
         rsp_headers=[("Accept-Resource-Priority", "wps.0, wps.1")],
         values={H + "accept_resource_priority": ["wps.0, wps.1"]})
    pair(10, "INFO", "469 Bad Info Package",
         "469: Recv-Info lists the Info Packages the receiver accepts (dtmf; the INFO used foo). In-dialog INFO "
         "(CSeq 2) whose dialog is not in the capture",
         ruri="sip:bob@192.0.2.20:5060", cseq=2, dlg=True, ct="application/x-foo", body=b"foo=1\r\n",
         req_headers=[("Info-Package", "foo"), ("Content-Disposition", "Info-Package")],
         rsp_headers=[("Recv-Info", "dtmf")], values={H + "recv_info": ["dtmf"]})
    pair(11, "MESSAGE", "470 Consent Needed",
         "470: Permission-Missing names the recipient that has not granted consent (RFC 5360)",
         ruri="sip:carol@example.com", ct="text/plain", body=b"Hi Carol, lunch at noon?",
         rsp_headers=[("Permission-Missing", "sip:carol@example.com")],
         values={H + "permission_missing": ["sip:carol@example.com"]})
    pair(12, "INVITE", "424 Bad Location Information",
         "424: Geolocation-Error code 100 with its code text (RFC 6442 syntax)",
         req_headers=[("Geolocation", "<https://lis.example.com/loc/alice-12>"), ("Geolocation-Routing", "yes")],
         rsp_headers=[("Geolocation-Error", '100 ;code="Cannot Process Location"')],
         values={H + "geolocation_error": ['100 ;code="Cannot Process Location"']})
    # 425: an INVITE whose multipart/mixed body holds the SDP offer and a CAP alert (RFC 8876,
    # referenced from Call-Info) that the receiver cannot process.
    cap_xml = ('<?xml version="1.0" encoding="UTF-8"?>\r\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\r\n'
               "  <identifier>sipdiag-alert-13</identifier>\r\n  <sender>alice@example.com</sender>\r\n"
               "  <sent>2024-01-01T12:00:26+00:00</sent>\r\n  <status>Actual</status>\r\n"
               "  <msgType>Alert</msgType>\r\n  <scope>Private</scope>\r\n</alert>\r\n").encode()
    multipart = (b"--sipdiag-boundary-13\r\nContent-Type: application/sdp\r\n\r\n"
                 + sdp_audio("alice", 1013, 1013, IP["A"], 49196)
                 + b"--sipdiag-boundary-13\r\nContent-Type: application/common-alerting-protocol+xml\r\n"
                 + b"Content-ID: <alert-13@example.com>\r\nContent-Disposition: by-reference\r\n\r\n" + cap_xml
                 + b"--sipdiag-boundary-13--\r\n")
    pair(13, "INVITE", "425 Bad Alert Message",
         "425: AlertMsg-Error code 100 with its text (RFC 8876: the parameter is code=, as for Geolocation-Error)",
         req_headers=[("Call-Info", "<cid:alert-13@example.com>;purpose=EmergencyCallData.cap")],
         ct="multipart/mixed;boundary=sipdiag-boundary-13", body=multipart,
         rsp_headers=[("AlertMsg-Error", '100 ;code="Cannot process the alert payload"')],
         values={H + "alertmsg_error": ['100 ;code="Cannot process the alert payload"']},
         ws_expert="Unrecognised SIP header (alertmsg-error)")
    pair(14, "INVITE", "302 Moved Temporarily", "302: Contact gives the one new target to try (sip:bob@192.0.2.40)",
         rsp_headers=[("Contact", "<sip:bob@192.0.2.40>"), ("Expires", "3600")],
         values={H + "contact": ["<sip:bob@192.0.2.40>"]})
    pair(15, "INVITE", "485 Ambiguous", "485: two Contacts in one header, the candidate addresses the caller may "
         "choose from", rsp_headers=[("Contact", "<sip:bob.smith@example.com>, <sip:bob.jones@example.com>")],
         values={H + "contact": ["<sip:bob.smith@example.com>, <sip:bob.jones@example.com>"]})
    # Retry-After: its delta-seconds, whatever comment or parameters follow (RFC 3261 §20.33).
    retry = [(16, "404 Not Found", "3600", "404 with Retry-After 3600 (a 4xx other than 413/480/486 carrying "
              "Retry-After)"),
             (17, "480 Temporarily Unavailable", "1800 (in a meeting);duration=3600",
              "480: Retry-After with comment and duration parameter (retry in 1800 s; available for 3600 s)"),
             (18, "486 Busy Here", "60", "486: Retry-After 60"),
             (19, "500 Server Internal Error", "10", "500: Retry-After 10 (temporary server condition)"),
             (20, "503 Service Unavailable", "120", "503: Retry-After 120 (overload; do not retry this server for "
              "120 s)"),
             (21, "503 Service Unavailable", None, "503 WITHOUT Retry-After (the caller may try another server at "
              "once)"),
             (22, "600 Busy Everywhere", "300", "600: Retry-After 300"),
             (23, "603 Decline", "7200", "603: Retry-After 7200 (callee declines; better time in two hours)")]
    for nn, status, value, purpose in retry:
        more = {}
        if nn == 17:
            more = {"contains": {"sipdiag.fix": "Retry-After asks to wait 1800 s before trying again."}}
        if nn == 21:
            # RFC 3261 §21.5.4: a 503 without Retry-After is handled like a 500.
            more = {"contains": {"sipdiag.hint.note": "RFC 3261 §21.5.4 says to handle this 503 like a 500"}}
        pair(nn, "INVITE", status, purpose,
             rsp_headers=[("Retry-After", value)] if value else [],
             values={H + "retry_after": [value.split()[0]]} if value else {}, rsp_expect=more,
             # Wireshark 4.0.17 rejects the comment and the parameter (captures/README.md).
             ws_expert="Invalid retry_after value" if nn == 17 else None)
    big = b"".join(b"line %02d: a long instant message, padded to fifty.\n" % i for i in range(1, 19))
    assert len(big) == 900
    pair(24, "MESSAGE", "413 Request Entity Too Large",
         "413 to a MESSAGE with a 900-byte body: Retry-After 30 means the condition is temporary",
         ct="text/plain", body=big, rsp_headers=[("Retry-After", "30")], values={H + "retry_after": ["30"]})
    pair(25, "REGISTER", "401 Unauthorized",
         "401: WWW-Authenticate challenge (realm sipdiag.test, MD5, qop auth) to a REGISTER without credentials",
         req_headers=[("Expires", "3600")],
         rsp_headers=[("WWW-Authenticate", 'Digest realm="sipdiag.test", nonce="n1", algorithm=MD5, qop="auth"')],
         values={H + "auth_realm": ["sipdiag.test"], H + "auth_algorithm": ["MD5"], H + "auth_stale": [False]})
    pair(26, "INVITE", "407 Proxy Authentication Required",
         "407 from the proxy 192.0.2.30: Proxy-Authenticate challenge (realm proxy.test, SHA-256)", via_proxy=True,
         rsp_headers=[("Proxy-Authenticate", 'Digest realm="proxy.test", nonce="n2", algorithm=SHA-256')],
         values={H + "auth_realm": ["proxy.test"], H + "auth_algorithm": ["SHA-256"], H + "auth_stale": [False]})
    return f.c


# ---------------------------------------------------------------- reason-warning

def reason_warning():
    """Nine INVITE -> final response -> ACK triplets; each response carries Reason or Warning."""
    f = Flow("reason-warning", "Nine INVITE / final response / ACK triplets, one Call-ID each: Reason (Q.850 "
             "causes that agree or disagree with RFC 3398, a SIP cause, two values in one header, an out-of-range "
             "cause) and Warning (two headers, a host-name agent, commas inside the quoted text, code 999).")
    W, Q, S = "sipdiag.warning.", "sipdiag.q850.", "sipdiag.sip_reason."

    def q850(cause, name, expected):
        """A Q.850 cause and the SIP code RFC 3398 §7.2.4.1 maps it to."""
        return {Q + "cause": [str(cause)], Q + "name": [name], Q + "expected_code": [str(expected)]}

    def triplet(nn, status, purpose, headers, values, expect=None):
        code = int(status.split()[0])
        f.at(nn * 2000)
        f.call("ctx-r%02d-%d@%s" % (nn, code, IP["A"]), "a-r%02d" % nn, "b-r%02d" % nn)
        rq = f.req("A", "B", "INVITE", "sip:bob@example.com", 1, "z9hG4bK-r%02d-1" % nn,
                   "INVITE (SDP offer PCMU, PCMA, telephone-event) answered by the %d in frame %d"
                   % (code, len(f.c.frames) + 2), (), "application/sdp", offer(100 + nn))
        f.pause(10)
        e = R(rq.frame, values=values)
        e.update(expect or {})
        rs = f.resp(rq, status, purpose, headers, expect=e)
        f.ack(rq, rs, "ACK of the %d (same branch as the INVITE); not a response" % code)

    mismatch = EX + "q850_mismatch"
    triplet(1, "486 Busy Here", "486 with Reason Q.850 cause 17 (user busy): agrees with RFC 3398 (17 -> 486)",
            [("Reason", 'Q.850;cause=17;text="User busy"')],
            dict(q850(17, "User busy", 486), **{"sipdiag.reason_header.protocol": ["Q.850"]}))
    triplet(2, "404 Not Found", "404 with Reason Q.850 cause 34 (no circuit/channel available): disagrees, RFC 3398 "
            "maps 34 to 503", [("Reason", 'Q.850;cause=34;text="No circuit/channel available"')],
            dict(q850(34, "No circuit/channel available", 503), **{"sipdiag.reason_header.protocol": ["Q.850"]}),
            {"experts": [mismatch], "messages": ["Q.850 cause 34 (No circuit/channel available) maps to 503 under "
                                                 "RFC 3398, but the response is 404"]})
    triplet(3, "480 Temporarily Unavailable", "480 with Reason Q.850 cause 18 (no user responding), no text parameter",
            [("Reason", "Q.850;cause=18")],
            dict(q850(18, "No user responding", 408), **{"sipdiag.reason_header.protocol": ["Q.850"]}),
            {"experts": [mismatch]})
    triplet(4, "503 Service Unavailable", "503 with a SIP-protocol Reason (cause 503, same as the status code)",
            [("Reason", 'SIP;cause=503;text="Service Unavailable"')],
            {"sipdiag.reason_header.protocol": ["SIP"], S + "cause": ["503"], S + "phrase": ["Service Unavailable"]})
    # Two values in one Reason header: both decoded; the Q.850 one (17 -> 486) disagrees with the 603.
    triplet(5, "603 Decline", "603 with two Reason values in one header: SIP cause 600 and Q.850 cause 17",
            [("Reason", 'SIP;cause=600;text="Busy Everywhere", Q.850;cause=17')],
            dict(q850(17, "User busy", 486), **{"sipdiag.reason_header.protocol": ["SIP", "Q.850"],
                                                S + "cause": ["600"], S + "phrase": ["Busy Everywhere"]}),
            {"experts": [mismatch]})
    triplet(6, "488 Not Acceptable Here", "488 with two Warning headers: 305 incompatible media format and 370 "
            "insufficient bandwidth",
            [("Warning", '305 192.0.2.20 "Incompatible media format"'),
             ("Warning", '370 192.0.2.20 "Insufficient bandwidth"')],
            {W + "code": ["305", "370"], W + "agent": ["192.0.2.20", "192.0.2.20"],
             W + "text": ["Incompatible media format", "Insufficient bandwidth"]},
            # RFC 3261 §20.43: 305, the codecs of a stream; 370, bandwidth. One meaning per value, in order.
            {"pieces": {W + "meaning": ["codecs offered", "bandwidth"]}})
    triplet(7, "606 Not Acceptable", "606 with Warning 304 (media type not available) from a host name agent",
            [("Warning", '304 gw.example.com "Media type not available"')],
            {W + "code": ["304"], W + "agent": ["gw.example.com"], W + "text": ["Media type not available"]},
            {"pieces": {W + "meaning": ["media type"]}})
    triplet(8, "403 Forbidden", "403 with two Warning values in one header; the first text contains commas inside "
            "the quotes (hostile split)",
            [("Warning", '399 sbc.example.com "Caller not in allow list, see rules a, b", 301 sbc.example.com '
                         '"Incompatible network address format"')],
            {W + "code": ["399", "301"], W + "agent": ["sbc.example.com", "sbc.example.com"],
             W + "text": ["Caller not in allow list, see rules a, b", "Incompatible network address format"]},
            # 399 is free text for a person (§20.43); 301, an address type the far end cannot use.
            {"pieces": {W + "meaning": ["Free text", "address type"]}})
    # Warn-codes are 3xx (RFC 3261 §20.43) and Q.850 causes 1-127: both values are unreadable.
    triplet(9, "500 Server Internal Error", "500 with out-of-range values: Warning code 999 (not 3xx) and Q.850 cause "
            "200 (Q.850 causes are 1-127)",
            [("Warning", '999 x "out of range code"'), ("Reason", "Q.850;cause=200")],
            {W + "code": ["999"], W + "agent": ["x"], W + "text": ["out of range code"],
             "sipdiag.reason_header.protocol": ["Q.850"]},
            {"experts": [EX + "bad_header"], "pieces": {W + "meaning": ["Not in the IANA warn-code registry"]}})
    # The Q.850 causes as the statistics count them: 17 in frames 2 and 14, 34 in 5, 18 in 8.
    f.c.stats = {"17 User busy": 2, "34 No circuit/channel available": 1, "18 No user responding": 1}
    return f.c


# ---------------------------------------------------------------- auth

def auth():
    """Digest challenges: normal, rejected credentials, stale nonce, then an authenticated call."""
    f = Flow("auth", "(a) REGISTER, 401, REGISTER with credentials (wrong password), 401 with a new nonce; "
             "(b) INVITE with credentials for an old nonce, 407 stale=true, ACK; (c) INVITE, 407, ACK, INVITE "
             "with credentials, 200 through the proxy, ACK.")
    # Digest responses (RFC 2617, RFC 3261 §22.4), computed so they are real.
    resp_a = md5("%s:a1:%s" % (md5("alice:sipdiag.test:not-the-password"), md5("REGISTER:sip:sipdiag.test")))
    ha1_p, ha2_inv = md5("alice:proxy.test:s3cret"), md5("INVITE:sip:bob@example.com")
    resp_b = md5("%s:b0:%s" % (ha1_p, ha2_inv))
    resp_c = md5("%s:c1:00000001:0a4f113b:auth:%s" % (ha1_p, ha2_inv))
    H = "sipdiag.hint."

    def realm(r, alg="MD5", stale=False):
        return {H + "auth_realm": [r], H + "auth_algorithm": [alg], H + "auth_stale": [stale]}

    f.at(0)
    f.call("ctx-auth-a@192.0.2.10", "a-auth-a", "b-auth-a", "<sip:alice@sipdiag.test>", "<sip:alice@sipdiag.test>")
    r1 = f.req("A", "B", "REGISTER", "sip:sipdiag.test", 1, "z9hG4bK-auth-a1", "REGISTER without credentials (a)",
               [("Expires", "3600")])
    f.pause(10)
    f.resp(r1, "401 Unauthorized", "401: normal first challenge (nonce a1); the REGISTER had no credentials",
           [("WWW-Authenticate", 'Digest realm="sipdiag.test", nonce="a1", algorithm=MD5')],
           expect=R(r1.frame, severity="chat", values=realm("sipdiag.test")))
    f.pause(30)
    r2 = f.req("A", "B", "REGISTER", "sip:sipdiag.test", 2, "z9hG4bK-auth-a2",
               "REGISTER retried with credentials for nonce a1 (CSeq 2, same Call-ID); the password is wrong",
               [("Authorization", 'Digest username="alice", realm="sipdiag.test", nonce="a1", uri="sip:sipdiag.test", '
                                  'response="%s", algorithm=MD5' % resp_a), ("Expires", "3600")])
    f.pause(10)
    # A new nonce without stale=true to a request that carried credentials for the latest one:
    # the credentials were rejected (RFC 2617 §3.3), a warning for a human.
    f.resp(r2, "401 Unauthorized", "401 again with a NEW nonce (a2) and no stale=true, to a request that carried "
           "credentials: the credentials were rejected (wrong password or user)",
           [("WWW-Authenticate", 'Digest realm="sipdiag.test", nonce="a2", algorithm=MD5')],
           expect=R(r2.frame, severity="warning", values=realm("sipdiag.test"),
                    experts=[EX + "credentials_rejected"],
                    messages=['401 Unauthorized: credentials were rejected — check username, password and realm on '
                              'the UA (user "alice", realm "sipdiag.test")']))

    f.at(10000)
    f.call("ctx-auth-b@192.0.2.10", "a-auth-b", "b-auth-b")
    inv = f.req("A", "P", "INVITE", "sip:bob@example.com", 1, "z9hG4bK-auth-b1",
                "INVITE with Proxy-Authorization for nonce b0, obtained from an earlier challenge not in this "
                "capture (b)",
                [("Proxy-Authorization", 'Digest username="alice", realm="proxy.test", nonce="b0", '
                                         'uri="sip:bob@example.com", response="%s", algorithm=MD5' % resp_b)],
                "application/sdp", offer(201))
    f.pause(10)
    # stale=true: the credentials were right, only the nonce expired (RFC 2617 §3.2.1).
    rs = f.resp(inv, "407 Proxy Authentication Required", "407 with stale=true: the credentials were right but the "
                "nonce had expired; the UA should retry with the new nonce b1 without asking the user",
                [("Proxy-Authenticate", 'Digest realm="proxy.test", nonce="b1", algorithm=MD5, stale=true')],
                totag="px-auth-b",
                expect=R(inv.frame, severity="note", values=realm("proxy.test", stale=True),
                         no_experts=[EX + "credentials_rejected"]))
    f.ack(inv, rs, "ACK of the 407 (same branch as the INVITE); not a response")
    f.c.acked(rs.frame, rs.frame + 1)

    f.at(20000)
    f.call("ctx-auth-c@192.0.2.10", "a-auth-c", "b-auth-c")
    inv = f.req("A", "P", "INVITE", "sip:bob@example.com", 1, "z9hG4bK-auth-c1", "INVITE without credentials (c)",
                (), "application/sdp", offer(202))
    f.pause(10)
    rs = f.resp(inv, "407 Proxy Authentication Required", "407: normal challenge (nonce c1, qop auth) to an INVITE "
                "without credentials",
                [("Proxy-Authenticate", 'Digest realm="proxy.test", nonce="c1", algorithm=MD5, qop="auth"')],
                totag="px-auth-c", expect=R(inv.frame, severity="chat", values=realm("proxy.test")))
    f.ack(inv, rs, "ACK of the 407 (same branch as the first INVITE); not a response")
    f.c.acked(rs.frame, rs.frame + 1)
    f.pause(30)
    pa = ("Proxy-Authorization", 'Digest username="alice", realm="proxy.test", nonce="c1", uri="sip:bob@example.com", '
          'response="%s", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001' % resp_c)
    inv = f.req("A", "P", "INVITE", "sip:bob@example.com", 2, "z9hG4bK-auth-c2",
                "INVITE retried with credentials for nonce c1 (CSeq 2, same Call-ID and From tag)", [pa],
                "application/sdp", offer(202))
    f.pause(400)
    ok = f.resp(inv, "200 OK", "200 OK forwarded by the proxy (Record-Route): the authenticated INVITE succeeded",
                [("Record-Route", "<sip:192.0.2.30;lr>")], "application/sdp", answer(202),
                expect=R(inv.frame, severity="chat"))
    ack = f.req("A", "P", "ACK", "sip:bob@192.0.2.20:5060", 2, "z9hG4bK-auth-c3", "ACK of the 200 (new branch, Route "
                "to the proxy, same credentials as the INVITE); not a response",
                [("Route", "<sip:192.0.2.30;lr>"), pa], dlg=True, ws_rr=inv.frame)
    f.c.acked(ok.frame, ack.frame)
    return f.c


# ---------------------------------------------------------------- dialog

def dialog():
    """Transaction and dialog situations, one Call-ID each."""
    f = Flow("dialog", "(a) INVITE, 100, 180, CANCEL, 200 to the CANCEL, 487, ACK; (b) 487 without a CANCEL; "
             "(c) crossing BYEs, 481 to one; (d) re-INVITE answered 481 (lost dialog); (e) glare: two re-INVITEs, "
             "two 491s, the callee retries; (f) in-dialog INFO answered 408 after 32 s; (g) a 486 retransmitted "
             "twice, then ACKed.")
    A, B = "A", "B"
    impact = "sipdiag.dialog_impact"

    def established(letter, n, ruri_b="sip:bob@192.0.2.20:5060"):
        """INVITE, 200, ACK (new branch): a call to act in."""
        f.call("ctx-dlg-%s@192.0.2.10" % letter, "a-dlg-" + letter, "b-dlg-" + letter)
        inv = f.req(A, B, "INVITE", "sip:bob@example.com", 1, "z9hG4bK-dlg-%s1" % letter, "(%s) INVITE" % letter,
                    (), "application/sdp", offer(n))
        f.pause(500)
        ok = f.resp(inv, "200 OK", "200 OK: call established", (), "application/sdp", answer(n),
                    expect=R(inv.frame, severity="chat", **{impact: None}))
        ack = f.req(A, B, "ACK", ruri_b, 1, "z9hG4bK-dlg-%s2" % letter, "ACK of the 200 (new branch); not a response",
                    dlg=True, ws_rr=inv.frame)
        f.c.acked(ok.frame, ack.frame)
        return inv

    # (a) INVITE 100 180 CANCEL 200(CANCEL) 487 ACK
    f.at(0)
    f.call("ctx-dlg-a@192.0.2.10", "a-dlg-a", "b-dlg-a")
    inv = f.req(A, B, "INVITE", "sip:bob@example.com", 1, "z9hG4bK-dlg-a1", "(a) INVITE, later cancelled", (),
                "application/sdp", offer(301))
    f.pause(10)
    f.resp(inv, "100 Trying", "100 Trying (no To tag)", notag=True, expect=R(inv.frame, severity="chat"))
    f.pause(200)
    f.resp(inv, "180 Ringing", "180 Ringing", expect=R(inv.frame, severity="chat"))
    f.pause(3000)
    cancel = f.req(A, B, "CANCEL", "sip:bob@example.com", 1, "z9hG4bK-dlg-a1",
                   "CANCEL of the INVITE (same branch, CSeq 1 CANCEL, no To tag)")
    f.pause(10)
    # Wireshark 4.0.17 keeps one message per Call-ID and direction: the CANCEL (same CSeq number)
    # hides the INVITE, so it shows no request for this 200 and the CANCEL for the 487 and ACK.
    f.resp(cancel, "200 OK", "200 OK to the CANCEL: NOT a call success (CSeq method CANCEL)", totag="b-dlg-a",
           ws_rr=None, expect=R(cancel.frame, severity="chat"))
    rs = f.resp(inv, "487 Request Terminated", "487 to the INVITE after the caller's CANCEL (frame 4): normal "
                "cancellation", ws_rr=cancel.frame,
                expect=R(inv.frame, related=cancel.frame, severity="chat", experts=[EX + "cancelled"],
                         **{impact: None}))
    f.c.acked(rs.frame, f.ack(inv, rs, "ACK of the 487 (same branch as the INVITE); not a response",
                              ws_rr=cancel.frame).frame)

    # (b) INVITE 100 487 ACK, no CANCEL in the capture
    f.at(10000)
    f.call("ctx-dlg-b@192.0.2.10", "a-dlg-b", "b-dlg-b")
    inv = f.req(A, B, "INVITE", "sip:bob@example.com", 1, "z9hG4bK-dlg-b1", "(b) INVITE", (), "application/sdp",
                offer(302))
    f.pause(10)
    f.resp(inv, "100 Trying", "100 Trying (no To tag)", notag=True, expect=R(inv.frame, severity="chat"))
    f.pause(2000)
    # Cancelled elsewhere (a forking proxy, another leg): the capture cannot say why, so a note.
    rs = f.resp(inv, "487 Request Terminated", "487 with NO CANCEL in the capture (cancelled elsewhere, e.g. by a "
                "forking proxy or another leg): not explained by a visible CANCEL",
                expect=R(inv.frame, severity="note", context="No CANCEL for this INVITE appears in the capture",
                         no_experts=[EX + "cancelled"], **{impact: None}))
    f.c.acked(rs.frame, f.ack(inv, rs, "ACK of the 487 (same branch as the INVITE); not a response").frame)

    # (c) established call, then both sides send BYE at once
    f.at(20000)
    established("c", 303)
    f.pause(5000)
    bye_a = f.req(A, B, "BYE", "sip:bob@192.0.2.20:5060", 2, "z9hG4bK-dlg-c3",
                  "BYE from the caller (From tag a-dlg-c, CSeq 2)", dlg=True)
    f.pause(-18)
    bye_b = f.req(B, A, "BYE", "sip:alice@192.0.2.10:5060", 101, "z9hG4bK-dlg-c4",
                  "BYE from the callee sent at the same moment (From tag b-dlg-c, the callee's own CSeq 101)", dlg=True)
    f.pause(10)
    f.resp(bye_b, "200 OK", "caller answers the callee's BYE with 200 OK", expect=R(bye_b.frame, severity="chat"))
    # The callee had ended the dialog with its own BYE 2 ms before: a harmless race. The usage
    # ends either way (RFC 5057 §5.1: 481 ends the usage).
    f.resp(bye_a, "481 Call/Transaction Does Not Exist", "callee answers the caller's BYE with 481: harmless BYE "
           "race, the callee had already ended the dialog with its own BYE", ws_rr=None,
           expect=R(bye_a.frame, related=bye_b.frame, severity="note", experts=[EX + "bye_race"],
                    **{impact: "ends this usage"}))

    # (d) established call, re-INVITE -> 481 (callee lost the dialog)
    f.at(30000)
    established("d", 304)
    f.pause(8000)
    reinv = f.req(A, B, "INVITE", "sip:bob@192.0.2.20:5060", 2, "z9hG4bK-dlg-d3",
                  "re-INVITE in the dialog (To tag, CSeq 2, SDP version 1305)", (), "application/sdp",
                  sdp_audio("alice", 1304, 1305, IP["A"], 49178), dlg=True)
    f.pause(10)
    # No BYE crossed it: the callee no longer knows the dialog, the call is dead (an error).
    rs = f.resp(reinv, "481 Call/Transaction Does Not Exist", "481 to a re-INVITE: the callee no longer knows the "
                "dialog (lost state, e.g. restart); the call is dead",
                expect=R(reinv.frame, severity="error", no_experts=[EX + "bye_race"],
                         **{impact: "ends this usage"}))
    f.c.acked(rs.frame, f.ack(reinv, rs, "ACK of the 481 (same branch as the re-INVITE); not a response").frame)

    # (e) established call, glare: both sides send re-INVITE at once
    f.at(40000)
    established("e", 305)
    f.pause(5000)
    ra = f.req(A, B, "INVITE", "sip:bob@192.0.2.20:5060", 2, "z9hG4bK-dlg-e3", "caller's re-INVITE (CSeq 2)", (),
               "application/sdp", sdp_audio("alice", 1305, 1306, IP["A"], 49180), dlg=True)
    f.pause(-18)
    rb = f.req(B, A, "INVITE", "sip:alice@192.0.2.10:5060", 101, "z9hG4bK-dlg-e4",
               "callee's re-INVITE sent at the same moment (CSeq 101): glare", (), "application/sdp",
               sdp_answer("bob", 5305, 5306, IP["B"], 40012), dlg=True)
    f.pause(10)
    # RFC 3261 §14.1: the Call-ID's owner (the caller, who sent the INVITE) retries after 2.1 to
    # 4 s, the other side after 0 to 2 s; each 491 states both, and fails only its transaction (RFC 5057).
    timers = "2.1 to 4 s in 10 ms steps if this side generated the Call-ID, 0 to 2 s otherwise"
    ra491 = f.resp(ra, "491 Request Pending", "491 to the caller's re-INVITE: the callee has its own re-INVITE "
                   "pending (glare)",
                   expect=R(ra.frame, severity="note", context=timers,
                            **{impact: "transaction only"}))
    rb491 = f.resp(rb, "491 Request Pending", "491 to the callee's re-INVITE: the caller has its own re-INVITE pending "
                   "(RFC 3261 14.2: both sides answer 491)", ws_rr=None,
                   expect=R(rb.frame, severity="note", context=timers, **{impact: "transaction only"}))
    # Wireshark shows each side's own 491 (the last frame in that direction) for these ACKs.
    f.c.acked(ra491.frame, f.ack(ra, ra491, "caller's ACK of its 491; not a response", ws_rr=rb491.frame).frame)
    f.c.acked(rb491.frame, f.ack(rb, rb491, "callee's ACK of its 491; not a response", ws_rr=ra491.frame).frame)
    f.pause(1200)
    rb2 = f.req(B, A, "INVITE", "sip:alice@192.0.2.10:5060", 102, "z9hG4bK-dlg-e5",
                "callee retries its re-INVITE after 1.2 s (it does not own the Call-ID, so it waits 0-2 s; CSeq 102)",
                (), "application/sdp", sdp_answer("bob", 5305, 5307, IP["B"], 40012), dlg=True)
    f.pause(10)
    ok = f.resp(rb2, "200 OK", "200 OK to the retried re-INVITE: the glare is resolved", (), "application/sdp",
                sdp_answer("alice", 1305, 1307, IP["A"], 49180),
                expect=R(rb2.frame, severity="chat", **{impact: None}))
    f.c.acked(ok.frame, f.req(B, A, "ACK", "sip:alice@192.0.2.10:5060", 102, "z9hG4bK-dlg-e6",
                              "callee's ACK of the 200 (new branch); not a response", dlg=True,
                              ws_rr=rb2.frame).frame)

    # (f) established call, in-dialog INFO -> 408
    f.at(60000)
    established("f", 306)
    f.pause(4000)
    info = f.req(A, B, "INFO", "sip:bob@192.0.2.20:5060", 2, "z9hG4bK-dlg-f3", "in-dialog INFO (DTMF relay, CSeq 2)",
                 (), "application/dtmf-relay", b"Signal=5\r\nDuration=160\r\n", dlg=True)
    f.pause(32000)
    # RFC 5057 §5.1 / RFC 3261 §12.2.1.2: a 408 to a request inside a dialog ends it.
    f.resp(info, "408 Request Timeout", "408 to an in-dialog INFO (32 s later; the callee side is a B2BUA whose "
           "other leg did not answer): RFC 3261 12.2.1.2 says the UAC SHOULD end the dialog",
           expect=R(info.frame, severity="error", **{impact: "ends this usage"}))

    # (g) INVITE -> 486, the 486 retransmitted twice (identical bytes), then ACK
    f.at(100000)
    f.call("ctx-dlg-g@192.0.2.10", "a-dlg-g", "b-dlg-g")
    inv = f.req(A, B, "INVITE", "sip:bob@example.com", 1, "z9hG4bK-dlg-g1", "(g) INVITE", (), "application/sdp",
                offer(307))
    f.pause(10)
    busy = f.resp(inv, "486 Busy Here", "486 Busy Here (original)",
                  expect=R(inv.frame, severity="note", messages=["486 Busy Here: callee is on another call"]))
    # Retransmissions (Timer G) repeat the 486; they are not new failures, so only a chat each.
    again = R(inv.frame, retransmission=True, related=busy.frame, severity="chat", experts=[EX + "retransmission"],
              messages=["486 Busy Here: retransmission, counted once (frame %d)" % busy.frame])
    f.pause(480)
    f.resend(busy, "the same 486, retransmitted after 500 ms (Timer G, identical bytes): a retransmission, not a new "
             "response", ws_resend=True, expect=again)
    f.pause(980)
    f.resend(busy, "the same 486, retransmitted again after 1 s more (identical bytes): a retransmission, not a new "
             "response", ws_resend=True, expect=again)
    f.c.acked(busy.frame, f.ack(inv, busy, "ACK of the 486 (same branch as the INVITE); not a response").frame)
    # The statistics count the 486 once: frames 44 and 45 repeat it.
    f.c.stats = {"486 Busy Here": 1}
    return f.c


# ---------------------------------------------------------------- sdp-offer

def sdp_offer():
    """Responses refusing an SDP offer: what was offered explains what was refused."""
    f = Flow("sdp-offer", "415 to an audio+video offer; a call whose T.38 re-offer gets 488; a G729+opus offer "
             "refused with 606 and Warning 305, the 606 and its ACK sent again.")
    OF = "sipdiag.offered_formats"

    f.at(0)
    f.call("ctx-sdp-1@192.0.2.10", "a-sdp-1", "b-sdp-1")
    inv = f.req("A", "B", "INVITE", "sip:bob@example.com", 1, "z9hG4bK-sdp-1a",
                "INVITE offering audio PCMU(0) PCMA(8) telephone-event(101) and video H264(96)", (),
                "application/sdp", sdp_audio_video(2001))
    f.pause(10)
    rs = f.resp(inv, "415 Unsupported Media Type", "415 with Accept: application/sdp (refusing an INVITE whose body "
                "is application/sdp with audio+video)", [("Accept", "application/sdp")],
                expect=R(inv.frame, values={OF: ["PCMU (audio 0), PCMA (audio 8), telephone-event (audio 101), "
                                                 "H264 (video 96)"]}))
    f.c.acked(rs.frame, f.ack(inv, rs, "ACK of the 415 (same branch as the INVITE); not a response").frame)

    f.at(10000)
    f.call("ctx-sdp-2@192.0.2.10", "a-sdp-2", "b-sdp-2")
    inv = f.req("A", "B", "INVITE", "sip:bob@example.com", 1, "z9hG4bK-sdp-2a", "INVITE (audio) that establishes "
                "the call", (), "application/sdp", offer(402))
    f.pause(500)
    # An answered offer is not refused: no offered formats on the 200.
    ok = f.resp(inv, "200 OK", "200 OK: audio call established", (), "application/sdp", answer(402),
                expect=R(inv.frame))
    f.c.acked(ok.frame, f.req("A", "B", "ACK", "sip:bob@192.0.2.20:5060", 1, "z9hG4bK-sdp-2b",
                              "ACK of the 200 (new branch); not a response", dlg=True, ws_rr=inv.frame).frame)
    f.pause(6000)
    reinv = f.req("A", "B", "INVITE", "sip:bob@192.0.2.20:5060", 2, "z9hG4bK-sdp-2c",
                  "re-INVITE re-offering the stream as fax: m=image 5004 udptl t38", (), "application/sdp",
                  sdp_t38(1402, 1403), dlg=True)
    f.pause(10)
    rs = f.resp(reinv, "488 Not Acceptable Here", "488 to the T.38 re-offer (no Warning): the fax switch is refused, "
                "the audio call goes on",
                # The offer was T.38 only: what the 488 refused is the switch to fax.
                expect=R(reinv.frame, values={OF: ["t38 (image t38)"]},
                         messages=["488 Not Acceptable Here to INVITE: the switch to T.38 fax was refused"]))
    f.c.acked(rs.frame, f.ack(reinv, rs, "ACK of the 488 (same branch as the re-INVITE); not a response").frame)

    f.at(20000)
    f.call("ctx-sdp-3@192.0.2.10", "a-sdp-3", "b-sdp-3")
    inv = f.req("A", "B", "INVITE", "sip:bob@example.com", 1, "z9hG4bK-sdp-3a",
                "INVITE offering audio G729(18) and opus(111, 48000/2) only", (), "application/sdp",
                sdp_g729_opus(2003))
    f.pause(10)
    offered = {OF: ["G729 (audio 18), opus (audio 111)"]}
    rs = f.resp(inv, "606 Not Acceptable", "606 with Warning 305: none of the offered codecs (G729, opus) is "
                "acceptable anywhere", [("Warning", '305 192.0.2.20 "Incompatible media format"')],
                expect=R(inv.frame, values=offered))
    ack = f.ack(inv, rs, "ACK of the 606 (same branch as the INVITE); not a response")
    f.c.acked(rs.frame, ack.frame)
    f.pause(500)
    # The server did not get the ACK: its Timer G repeats the 606 within the transaction.
    f.resend(rs, "the 606 again (Timer G, identical bytes; the ACK was lost): a retransmission, still naming what was "
             "offered", ws_rr=ack.frame, ws_resend=True,
             expect=R(inv.frame, retransmission=True, related=rs.frame, values=offered,
                      experts=[EX + "retransmission"],
                      messages=["606 Not Acceptable: retransmission, counted once (frame %d)" % rs.frame]))
    f.pause(10)
    f.resend(ack, "the ACK again, for the retransmitted 606; not a response", ws_rr=ack.frame)
    return f.c


# ---------------------------------------------------------------- expiry

def expiry():
    """How long a transaction is remembered (RFC 3261 timers, in capture time)."""
    f = Flow("expiry", "An INVITE rings for 5 minutes, then 480 and its ACK; the same 480 again 100 s after the "
             "ACK, long after its transaction ended (Timer H, 32 s).")
    f.at(0)
    f.call("ctx-exp-a@192.0.2.10", "a-exp-a", "b-exp-a")
    inv = f.req("A", "B", "INVITE", "sip:bob@example.com", 1, "z9hG4bK-exp-a1", "INVITE that rings for 5 minutes", (),
                "application/sdp", offer(401))
    f.pause(10)
    f.resp(inv, "180 Ringing", "180 Ringing", expect=R(inv.frame, severity="chat"))
    # RFC 3261 §21.4.18: the callee was reached but is unavailable. Said again for the stray: it is
    # diagnosed on its own, not "counted once" as a retransmission.
    unavailable = "480 Temporarily Unavailable: the callee is known but cannot be reached right now"
    f.pause(300000)
    # An unanswered INVITE is kept 10 minutes (a proxy's Timer C is "greater than 3 minutes"):
    # after 5 minutes this is still the INVITE's answer.
    rs = f.resp(inv, "480 Temporarily Unavailable", "480 after 5 minutes of ringing (the callee's no-answer timer): "
                "still the INVITE's answer", expect=R(inv.frame, severity="note", messages=[unavailable]))
    f.pause(10)
    ack = f.ack(inv, rs, "ACK of the 480 (same branch as the INVITE); not a response")
    f.c.acked(rs.frame, ack.frame)
    f.pause(100000)
    # 100 s after the ACK, past the 32 s (Timer H) a finished transaction is kept: no request in the
    # capture, not a retransmission.
    f.resend(rs, "the same 480 again, 100 s after the ACK: its transaction ended long ago (Timer H), so it is a stray, "
             "not a retransmission", ws_rr=ack.frame, ws_resend=True,
             expect=R(None, severity="note", messages=[unavailable], no_experts=[EX + "retransmission"]))
    return f.c

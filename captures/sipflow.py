"""sipflow.py — sipdiag's capture builder: SIP flows written as pcap files with
a manifest of what each frame is and what sipdiag must say about it.

Python 3 standard library only. Every byte is fixed by the scenario (addresses,
ports, times, tags, branches, TCP sequence numbers), so building twice gives
identical files.

A scenario builds SIP messages with `request()` / `Msg.response()`, moves them
with `Capture.udp()` / `Capture.tcp()`, and states its expectations per frame
with `expect=`: field names of sipdiag (`sipdiag.request_frame`, ...), plus
`experts` (names of sipdiag's expert items on that frame) and `context` (a
substring of `sipdiag.context`). The manifest (`<name>.json`) is what the tests
read, so no frame number is written twice.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import array
import ipaddress
import json
import struct

T0 = 1733220000.0          # 2024-12-03 10:00:00 UTC, the first frame of a capture by default

MAC_A = bytes.fromhex("020000000a01")
MAC_B = bytes.fromhex("020000000b02")


# ---------------------------------------------------------------- packets

def internet_checksum(data):
    """RFC 1071 ones' complement checksum, as the 2 bytes to store."""
    if len(data) % 2:
        data += b"\0"
    s = sum(array.array("H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return struct.pack("=H", ~s & 0xFFFF)


class Net:
    """IPv4 or IPv6 over Ethernet, with a running IPv4 identification."""

    def __init__(self):
        self.ident = 0

    def ip(self, src, dst, proto, l4):
        s, d = ipaddress.ip_address(src), ipaddress.ip_address(dst)
        if s.version == 6:
            hdr = struct.pack("!IHBB", 6 << 28, len(l4), proto, 64) + s.packed + d.packed
            return MAC_B + MAC_A + b"\x86\xdd" + hdr + l4
        self.ident = (self.ident + 1) & 0xFFFF
        hdr = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), self.ident, 0x4000, 64, proto, 0,
                                    s.packed, d.packed))
        hdr[10:12] = internet_checksum(bytes(hdr))
        return MAC_B + MAC_A + b"\x08\x00" + bytes(hdr) + l4

    @staticmethod
    def pseudo(src, dst, proto, length):
        s, d = ipaddress.ip_address(src), ipaddress.ip_address(dst)
        if s.version == 6:
            return s.packed + d.packed + struct.pack("!IxxxB", length, proto)
        return s.packed + d.packed + struct.pack("!BBH", 0, proto, length)

    def udp(self, src, dst, payload):
        (sa, sp), (da, dp) = src, dst
        l4 = bytearray(struct.pack("!HHHH", sp, dp, 8 + len(payload), 0) + payload)
        c = internet_checksum(self.pseudo(sa, da, 17, len(l4)) + bytes(l4))
        l4[6:8] = c if c != b"\0\0" else b"\xff\xff"
        return self.ip(sa, da, 17, bytes(l4))

    def tcp(self, src, dst, seq, ack, flags, payload=b""):
        (sa, sp), (da, dp) = src, dst
        l4 = bytearray(struct.pack("!HHIIBBHHH", sp, dp, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4, flags,
                                   64240, 0, 0) + payload)
        l4[16:18] = internet_checksum(self.pseudo(sa, da, 6, len(l4)) + bytes(l4))
        return self.ip(sa, da, 6, bytes(l4))


TCP_FIN, TCP_SYN, TCP_PSH, TCP_ACK = 0x01, 0x02, 0x08, 0x10


class TcpConn:
    """One TCP connection between client and server (each an (address, port))."""

    def __init__(self, cap, client, server, isn_client=1000, isn_server=5000):
        self.cap, self.client, self.server = cap, client, server
        self.seq = {True: isn_client, False: isn_server}      # True: client -> server
        self.open = False

    def _handshake(self, t):
        c, s = self.seq[True], self.seq[False]
        net = self.cap.net
        self.cap._raw(t, net.tcp(self.client, self.server, c, 0, TCP_SYN))
        self.cap._raw(t + 0.0001, net.tcp(self.server, self.client, s, c + 1, TCP_SYN | TCP_ACK))
        self.cap._raw(t + 0.0002, net.tcp(self.client, self.server, c + 1, s + 1, TCP_ACK))
        self.seq[True], self.seq[False] = c + 1, s + 1
        self.open = True

    def segment(self, t, from_client, payload):
        if not self.open:
            self._handshake(t - 0.001)
        seq, ack = self.seq[from_client], self.seq[not from_client]
        self.seq[from_client] = seq + len(payload)
        src, dst = (self.client, self.server) if from_client else (self.server, self.client)
        return self.cap.net.tcp(src, dst, seq, ack, TCP_PSH | TCP_ACK, payload)


# ---------------------------------------------------------------- SIP messages

class Msg:
    """A SIP message: start line, ordered headers (name, value), body."""

    def __init__(self, start, headers, body=b""):
        self.start = start
        self.headers = list(headers)
        self.body = body

    def get(self, name):
        for n, v in self.headers:
            if n.lower() == name.lower():
                return v
        return None

    def vias(self):
        return [v for n, v in self.headers if n.lower() == "via"]

    def copy(self):
        return Msg(self.start, self.headers, self.body)

    def encode(self):
        """The message's bytes, UTF-8. A byte that is not UTF-8 (hostile captures) is written in the
        start line or a header as the lone surrogate Python's "surrogateescape" decodes it to."""
        lines = [self.start] + ["%s: %s" % hv for hv in self.headers if hv[0] != "Content-Length"]
        lines.append("Content-Length: %d" % len(self.body))
        return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogateescape") + self.body

    @property
    def method(self):
        return self.get("CSeq").split()[1]

    def response(self, code, phrase, to_tag=None, extra=(), body=b""):
        """The response to this request, as its server sends it (RFC 3261 §8.2.6.2)."""
        headers = []
        for n, v in self.headers:
            if n in ("Via", "From", "Call-ID", "CSeq"):
                headers.append((n, v))
            elif n == "To":
                headers.append((n, v if to_tag is None or ";tag=" in v else "%s;tag=%s" % (v, to_tag)))
        headers += list(extra)
        return Msg("SIP/2.0 %d %s" % (code, phrase), headers, body)

    def cancel(self, extra=()):
        """The CANCEL of this INVITE: its Request-URI, top Via, From, To, Call-ID and CSeq number
        (RFC 3261 §9.1)."""
        return request("CANCEL", self.start.split()[1], self.vias()[0], self.get("Call-ID"),
                       int(self.get("CSeq").split()[0]), self.get("From"), self.get("To"), extra=extra)

    def forwarded(self, via, extra=()):
        """This request as a proxy forwards it: its own Via on top (RFC 3261 §16.6)."""
        out = self.copy()
        out.headers.insert(0, ("Via", via))
        out.headers = [(n, str(int(v) - 1) if n == "Max-Forwards" else v) for n, v in out.headers]
        out.headers += list(extra)
        return out

    def relayed(self):
        """This response as a proxy relays it upstream: its own top Via removed (§16.7)."""
        out = self.copy()
        i = next(k for k, (n, _) in enumerate(out.headers) if n == "Via")
        del out.headers[i]
        return out


def request(method, uri, via, call_id, cseq, from_, to, extra=(), body=b"", cseq_method=None):
    """A request; `via` is the top Via value ("SIP/2.0/UDP host:port;branch=...")."""
    headers = [("Via", via), ("Max-Forwards", "70"), ("From", from_), ("To", to), ("Call-ID", call_id),
               ("CSeq", "%d %s" % (cseq, cseq_method or method))]
    headers += list(extra)
    if body:
        headers.append(("Content-Type", "application/sdp"))
    return Msg("%s %s SIP/2.0" % (method, uri), headers, body)


def sdp(ip, port, formats=("0 PCMU/8000", "8 PCMA/8000"), t38=False):
    lines = ["v=0", "o=- 1 1 IN IP4 %s" % ip, "s=-", "c=IN IP4 %s" % ip, "t=0 0"]
    if t38:
        lines += ["m=image %d udptl t38" % port, "a=T38FaxVersion:0"]
    else:
        lines.append("m=audio %d RTP/AVP %s" % (port, " ".join(f.split()[0] for f in formats)))
        lines += ["a=rtpmap:%s" % f for f in formats]
    return ("\r\n".join(lines) + "\r\n").encode()



def via(host, branch, transport="UDP"):
    """A top Via value: "SIP/2.0/UDP host:port;branch=..."."""
    return "SIP/2.0/%s %s;branch=%s" % (transport, host, branch)


def R(request_frame, retransmission=None, duplicate=None, related=None, ack=False, severity=None, **more):
    """What sipdiag must show for a response: the request it answers on its hop (None: not in the
    capture), whether it repeats an earlier frame (retransmission, duplicate; related: that frame),
    the ACK that acknowledged it (None: none; shown with two passes only), its severity, and more."""
    e = {"sipdiag.request_frame": request_frame, "sipdiag.retransmission": retransmission,
         "sipdiag.duplicate": duplicate, "sipdiag.related_frame": related}
    if ack is not False:
        e["sipdiag.ack_frame"] = ack
    if severity is not None:
        e["sipdiag.severity"] = severity
    e.update(more)
    return e

# ---------------------------------------------------------------- captures

class Capture:
    """Frames in order, each with its manifest entry."""

    def __init__(self, name, description, t0=T0):
        self.name, self.description, self.t0 = name, description, t0
        self.net = Net()
        self.frames = []          # (timestamp, bytes)
        self.manifest = []        # one dict per frame
        self.snaplen = {}         # frame number -> bytes captured, for frames the capture cut short

    def _raw(self, t, data, entry=None, snaplen=None):
        """Appends one frame; with `snaplen`, only its first snaplen bytes are captured (the pcap record
        keeps the frame's original length, as a capture with that snapshot length writes it)."""
        self.frames.append((self.t0 + t, data))
        e = {"frame": len(self.frames), "time": round(t, 6)}
        e.update(entry or {"kind": "tcp-handshake"})
        if snaplen is not None and snaplen < len(data):
            self.snaplen[len(self.frames)] = snaplen
            e["snaplen"] = snaplen
        self.manifest.append(e)
        return len(self.frames)

    def _entry(self, transport, src, dst, msg, note, expect):
        e = {"kind": "sip", "transport": transport, "src": "%s:%d" % src, "dst": "%s:%d" % dst,
             "start_line": msg.start, "cseq": msg.get("CSeq"), "top_via": (msg.vias() or [None])[0],
             "note": note}
        if msg.start.startswith("SIP/2.0 "):
            e["code"] = int(msg.start.split()[1])
            e["expect"] = dict(expect or {})
        elif expect:
            e["expect"] = dict(expect)
        return e

    def udp(self, t, src, dst, msg, note="", expect=None, snaplen=None):
        """Sends msg over UDP at time t (seconds after t0); returns its frame number. With `snaplen`
        the capture keeps only the frame's first snaplen bytes (Ethernet header included)."""
        return self._raw(t, self.net.udp(src, dst, msg.encode()), self._entry("UDP", src, dst, msg, note, expect),
                         snaplen)

    def tcp(self, t, conn, from_client, msg, note="", expect=None, snaplen=None):
        src, dst = (conn.client, conn.server) if from_client else (conn.server, conn.client)
        data = conn.segment(t, from_client, msg.encode())
        return self._raw(t, data, self._entry("TCP", src, dst, msg, note, expect), snaplen)

    def icmp_unreachable(self, t, reporter, to, msg, dst, code=3, quote=548, note="", expect=None):
        """An ICMP destination unreachable (RFC 792 type 3) from reporter to `to` (an address) quoting the
        UDP datagram that carried msg from `to` to dst (address, port): the IP header, UDP header and
        the first bytes of the payload, `quote` bytes in all (RFC 1812 hosts quote up to 576 bytes
        of IP). msg may be a Msg or raw bytes. Returns the frame number."""
        payload = msg.encode() if hasattr(msg, "encode") and not isinstance(msg, bytes) else msg
        original = self.net.udp((to[0], to[1]), dst, payload)[14:]
        quoted = original[:quote]
        icmp = bytearray(struct.pack("!BBHI", 3, code, 0, 0) + quoted)
        icmp[2:4] = internet_checksum(bytes(icmp))
        entry = {"kind": "icmp", "src": reporter, "dst": to[0], "note": note}
        if expect:
            entry["expect"] = dict(expect)
        return self._raw(t, self.net.ip(reporter, to[0], 1, bytes(icmp)), entry)

    def expect(self, frame, **more):
        """Adds expectations to a frame already written (a finding that a later frame reveals)."""
        e = self.manifest[frame - 1].setdefault("expect", {})
        for k, v in more.items():
            if isinstance(v, dict) and isinstance(e.get(k), dict):
                e[k].update(v)
            elif isinstance(v, list) and isinstance(e.get(k), list):
                e[k] += v
            else:
                e[k] = v

    def late(self, frame, expert, land=None, messages=(), land_messages=()):
        """A finding that later frames reveal (a timer, an ACK): with two passes on `frame`, with
        these pieces of its message; in one pass not there but on `land`, the first SIP frame at
        which it is known (None: one pass never shows it)."""
        two = {"experts": [expert]}
        if messages:
            two["messages"] = list(messages)
        self.expect(frame, two_pass=two, one_pass={"no_experts": [expert]})
        if land is not None:
            one = {"experts": [expert]}
            if land_messages:
                one["messages"] = list(land_messages)
            self.expect(land, one_pass=one, two_pass={"no_experts": [expert]})

    def acked(self, response_frame, ack_frame):
        """States that ack_frame acknowledges the response in response_frame
        (sent before it, so its expectations are completed here)."""
        self.manifest[response_frame - 1]["expect"]["sipdiag.ack_frame"] = ack_frame

    def write(self, folder):
        path = "%s/%s.pcap" % (folder, self.name)
        with open(path, "wb") as f:
            # libpcap, microsecond timestamps, Ethernet
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
            for n, (ts, data) in enumerate(self.frames, 1):
                sec, usec = divmod(int(round(ts * 1e6)), 1000000)
                caplen = self.snaplen.get(n, len(data))
                f.write(struct.pack("<IIII", sec, usec, caplen, len(data)))
                f.write(data[:caplen])
        with open("%s/%s.json" % (folder, self.name), "w") as f:
            json.dump({"capture": self.name + ".pcap", "description": self.description, "frames": self.manifest,
                       "summary": getattr(self, "summary", {})}, f, indent=1, sort_keys=True)
            f.write("\n")
        return path

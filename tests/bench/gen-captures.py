#!/usr/bin/env python3
"""gen-captures.py — the captures of sipdiag's performance benchmark.

Writes two libpcap files (Ethernet link type, microsecond timestamps):

  sip-<calls>.pcap     SIP calls between UAs and a proxy, ~80 % over UDP and ~20 %
                       over a few long-lived TCP connections (valid handshakes,
                       sequence and acknowledgement numbers, one message per
                       segment), calls overlapping in time as on a real trunk.
                       ~75 % ordinary calls (100/180 or 183/200/ACK/BYE/200), the
                       rest 401-challenge-then-success, 404, 408, 480, 486,
                       487 after CANCEL, 488 with Warning, 503 with Retry-After,
                       603; some with Reason: Q.850. INVITEs and 200s carry SDP.
  nonsip-<frames>.pcap about as many frames without SIP: RTP-like UDP media on
                       high ports (shown as "data"), DNS queries and answers,
                       bulk TCP data on an unassigned port ("data"), syslog.

Deterministic: a fixed seed, so the same arguments always give byte-identical
files. Python 3 standard library only. Files already present in the output
folder (same name, same generator version) are reused.

usage: gen-captures.py [--out DIR] [--calls N] [--nonsip-frames N] [--quick] [--force]
Prints the two paths, one per line, on stdout; statistics on stderr.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import argparse
import heapq
import json
import os
import random
import struct
import sys

# The checksum is the capture builder's (captures/sipflow.py): one RFC 1071 implementation.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "captures"))
from sipflow import internet_checksum  # noqa: E402

GEN_VERSION = 1          # bump when the output changes: cached files are keyed by it
SEED = 20240611
T0 = 1718000000.0        # first timestamp (2024-06-10)

PROXY_IP = "10.0.0.1"
PROXY_MAC = bytes.fromhex("020000000001")
UA_MAC = bytes.fromhex("020000000002")


# ---------------------------------------------------------------- packets

def _ip4(addr):
    return bytes(int(x) for x in addr.split("."))


class Ip:
    """IPv4 + Ethernet framing with a running IP identification."""

    def __init__(self):
        self.ident = 0

    def frame(self, src, dst, proto, l4):
        self.ident = (self.ident + 1) & 0xFFFF
        hdr = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), self.ident, 0x4000, 64, proto, 0,
                                    _ip4(src), _ip4(dst)))
        hdr[10:12] = internet_checksum(bytes(hdr))
        eth_dst, eth_src = (PROXY_MAC, UA_MAC) if dst == PROXY_IP else (UA_MAC, PROXY_MAC)
        return eth_dst + eth_src + b"\x08\x00" + bytes(hdr) + l4


def udp(ip, src, sport, dst, dport, payload):
    l4 = bytearray(struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload)
    pseudo = _ip4(src) + _ip4(dst) + struct.pack("!BBH", 0, 17, len(l4))
    c = internet_checksum(pseudo + bytes(l4))
    l4[6:8] = c if c != b"\0\0" else b"\xff\xff"
    return ip.frame(src, dst, 17, bytes(l4))


TCP_FIN, TCP_SYN, TCP_PSH, TCP_ACK = 0x01, 0x02, 0x08, 0x10


def tcp(ip, src, sport, dst, dport, seq, ack, flags, payload=b"", window=64240):
    opts = b""
    if flags & TCP_SYN:
        opts = b"\x02\x04\x05\xb4\x01\x03\x03\x07"      # MSS 1460, NOP, window scale 7
    off = (20 + len(opts)) // 4
    l4 = bytearray(struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, off << 4, flags,
                               window if flags & TCP_SYN else window >> 7 or 1, 0, 0) + opts + payload)
    pseudo = _ip4(src) + _ip4(dst) + struct.pack("!BBH", 0, 6, len(l4))
    l4[16:18] = internet_checksum(pseudo + bytes(l4))
    return ip.frame(src, dst, 6, bytes(l4))


class TcpConn:
    """One TCP connection: both directions' next sequence numbers."""

    def __init__(self, rng, client, cport, server, sport):
        self.client, self.cport, self.server, self.sport = client, cport, server, sport
        self.seq = {True: rng.getrandbits(32), False: rng.getrandbits(32)}   # True: client -> server

    def handshake(self, ip):
        c, s = self.seq[True], self.seq[False]
        out = [tcp(ip, self.client, self.cport, self.server, self.sport, c, 0, TCP_SYN),
               tcp(ip, self.server, self.sport, self.client, self.cport, s, c + 1, TCP_SYN | TCP_ACK),
               tcp(ip, self.client, self.cport, self.server, self.sport, c + 1, s + 1, TCP_ACK)]
        self.seq[True], self.seq[False] = c + 1, s + 1
        return out

    def send(self, ip, from_client, payload):
        seq, ack = self.seq[from_client], self.seq[not from_client]
        self.seq[from_client] = seq + len(payload)
        if from_client:
            return tcp(ip, self.client, self.cport, self.server, self.sport, seq, ack, TCP_PSH | TCP_ACK, payload)
        return tcp(ip, self.server, self.sport, self.client, self.cport, seq, ack, TCP_PSH | TCP_ACK, payload)


class PcapWriter:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        self.frames = 0
        self.bytes = 0
        self.last_ts = 0.0

    def write(self, ts, data):
        ts = max(ts, self.last_ts)          # never go back in time
        self.last_ts = ts
        usec_total = int(round(ts * 1e6))
        sec, usec = divmod(usec_total, 1000000)
        self.f.write(struct.pack("<IIII", sec, usec, len(data), len(data)))
        self.f.write(data)
        self.frames += 1
        self.bytes += len(data)

    def close(self):
        self.f.close()


# ---------------------------------------------------------------- SIP calls

FIRST = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory", "Niaj",
         "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Yves"]
SERVER = "Server: BenchProxy/2.4.1"
ALLOW = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY, PRACK"

# Outcome mix of calls (weights in %): ~75 % answered, ~25 % failed or challenged.
OUTCOMES = [
    ("ok", 75.0), ("auth401", 5.0), ("404", 3.0), ("408", 1.5), ("480", 3.0), ("486", 4.0),
    ("487", 4.0), ("488", 1.5), ("503", 1.5), ("603", 1.5),
]

PHRASES = {100: "Trying", 180: "Ringing", 183: "Session Progress", 200: "OK", 401: "Unauthorized",
           404: "Not Found", 408: "Request Timeout", 480: "Temporarily Unavailable", 486: "Busy Here",
           487: "Request Terminated", 488: "Not Acceptable Here", 503: "Service Unavailable", 603: "Decline"}

Q850 = {404: (1, "Unallocated (unassigned) number"), 480: (18, "No user responding"), 486: (17, "User busy"),
        503: (34, "No circuit/channel available"), 603: (21, "Call rejected")}


def sdp(rng, ip, sess_id, port, answer=False):
    lines = ["v=0", f"o=- {sess_id} {sess_id} IN IP4 {ip}", "s=-", f"c=IN IP4 {ip}", "t=0 0"]
    if answer:
        lines += [f"m=audio {port} RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
                  "a=fmtp:101 0-16", "a=ptime:20", "a=sendrecv"]
    else:
        fmts = rng.choice([("0 8 101", ["a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000"]),
                           ("9 0 8 101", ["a=rtpmap:9 G722/8000", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000"]),
                           ("18 0 101", ["a=rtpmap:18 G729/8000", "a=fmtp:18 annexb=no", "a=rtpmap:0 PCMU/8000"])])
        lines += [f"m=audio {port} RTP/AVP {fmts[0]}"] + fmts[1] + \
                 ["a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16", "a=ptime:20", "a=sendrecv"]
    return ("\r\n".join(lines) + "\r\n").encode()


def message(start, headers, body=b""):
    hdrs = list(headers)
    if body:
        hdrs.append("Content-Type: application/sdp")
    hdrs.append(f"Content-Length: {len(body)}")
    return (start + "\r\n" + "\r\n".join(hdrs) + "\r\n\r\n").encode() + body


class Call:
    """The messages of one call as (time offset, from_caller, bytes)."""

    def __init__(self, rng, idx, transport, ua_ip, ua_port):
        self.rng = rng
        self.tr = transport
        self.ua = ua_ip
        self.ua_port = ua_port
        r = rng.getrandbits
        first = rng.choice(FIRST)
        self.user = f"{first.lower()}{idx % 100000:05d}"
        self.display = f"{first} {idx % 1000:03d}"
        self.callee = f"+1555{r(24) % 10000000:07d}"
        self.call_id = f"{r(64):016x}-{r(32):08x}@{ua_ip}"
        self.from_tag = f"{r(40):010x}"
        self.to_tag = f"as{r(32):08x}"
        self.msgs = []
        self.sess = r(31)

    def branch(self):
        return f"z9hG4bK{self.rng.getrandbits(64):016x}"

    def via(self, branch):
        return f"Via: SIP/2.0/{self.tr} {self.ua}:{self.ua_port};branch={branch};rport"

    def from_h(self):
        return f"From: \"{self.display}\" <sip:{self.user}@example.com>;tag={self.from_tag}"

    def to_h(self, tagged):
        return f"To: <sip:{self.callee}@example.com>" + (f";tag={self.to_tag}" if tagged else "")

    def add(self, t, from_caller, data):
        self.msgs.append((t, from_caller, data))

    # requests from the caller
    def invite(self, t, cseq, branch, auth=None):
        ruri = f"sip:{self.callee}@example.com"
        h = [self.via(branch), "Max-Forwards: 70", self.from_h(), self.to_h(False), f"Call-ID: {self.call_id}",
             f"CSeq: {cseq} INVITE", f"Contact: <sip:{self.user}@{self.ua}:{self.ua_port};transport={self.tr.lower()}>",
             ALLOW, "Supported: replaces, timer, 100rel", "Session-Expires: 1800", "User-Agent: BenchUA/1.0"]
        if auth:
            h.insert(7, auth)
        self.add(t, True, message(f"INVITE {ruri} SIP/2.0", h, sdp(self.rng, self.ua, self.sess, 20000 + 2 * (self.sess % 5000))))

    def ack(self, t, cseq, branch, tagged=True):
        h = [self.via(branch), "Max-Forwards: 70", self.from_h(), self.to_h(tagged), f"Call-ID: {self.call_id}",
             f"CSeq: {cseq} ACK"]
        self.add(t, True, message(f"ACK sip:{self.callee}@example.com SIP/2.0", h))

    def cancel(self, t, cseq, branch):
        h = [self.via(branch), "Max-Forwards: 70", self.from_h(), self.to_h(False), f"Call-ID: {self.call_id}",
             f"CSeq: {cseq} CANCEL", "Reason: SIP;cause=487;text=\"Call completed elsewhere\""
             if self.rng.random() < 0.1 else "User-Agent: BenchUA/1.0"]
        self.add(t, True, message(f"CANCEL sip:{self.callee}@example.com SIP/2.0", h))

    # responses from the proxy
    def response(self, t, code, cseq, method, branch, tagged=True, extra=(), body=b""):
        h = [self.via(branch), self.from_h(), self.to_h(tagged), f"Call-ID: {self.call_id}", f"CSeq: {cseq} {method}"]
        if code in (180, 183, 200) and method == "INVITE":
            h.append(f"Contact: <sip:{self.callee}@{PROXY_IP}:5060;transport={self.tr.lower()}>")
            h.append(ALLOW)
        h.append(SERVER)
        h.extend(extra)
        self.add(t, False, message(f"SIP/2.0 {code} {PHRASES[code]}", h, body))

    def reason_q850(self, code, p=0.5):
        if code in Q850 and self.rng.random() < p:
            cause, text = Q850[code]
            return [f"Reason: Q.850;cause={cause};text=\"{text}\""]
        return []

    def bye(self, t, cseq_caller):
        """BYE from either side, then its 200."""
        by_caller = self.rng.random() < 0.5
        br = self.branch()
        reason = ["Reason: Q.850;cause=16;text=\"Normal call clearing\""] if self.rng.random() < 0.3 else []
        if by_caller:
            h = [self.via(br), "Max-Forwards: 70", self.from_h(), self.to_h(True), f"Call-ID: {self.call_id}",
                 f"CSeq: {cseq_caller} BYE"] + reason + ["User-Agent: BenchUA/1.0"]
            self.add(t, True, message(f"BYE sip:{self.callee}@{PROXY_IP}:5060 SIP/2.0", h))
            h = [self.via(br), self.from_h(), self.to_h(True), f"Call-ID: {self.call_id}", f"CSeq: {cseq_caller} BYE",
                 SERVER]
            self.add(t + 0.004 + self.rng.random() * 0.02, False, message("SIP/2.0 200 OK", h))
        else:
            pvia = f"Via: SIP/2.0/{self.tr} {PROXY_IP}:5060;branch={br}"
            frm = f"From: <sip:{self.callee}@example.com>;tag={self.to_tag}"
            to = f"To: \"{self.display}\" <sip:{self.user}@example.com>;tag={self.from_tag}"
            cseq = 101 + self.rng.randrange(5)
            h = [pvia, "Max-Forwards: 69", frm, to, f"Call-ID: {self.call_id}", f"CSeq: {cseq} BYE"] + reason + [SERVER]
            self.add(t, False, message(f"BYE sip:{self.user}@{self.ua}:{self.ua_port} SIP/2.0", h))
            h = [pvia, frm, to, f"Call-ID: {self.call_id}", f"CSeq: {cseq} BYE", "User-Agent: BenchUA/1.0"]
            self.add(t + 0.004 + self.rng.random() * 0.02, True, message("SIP/2.0 200 OK", h))

    def build(self, outcome):
        rng = self.rng
        u = rng.random
        t = 0.0
        cseq = 1
        br = self.branch()
        if outcome == "auth401":
            self.invite(t, cseq, br)
            nonce = f"{rng.getrandbits(96):024x}"
            self.response(t + 0.003 + u() * 0.01, 401, cseq, "INVITE", br, extra=[
                f"WWW-Authenticate: Digest realm=\"example.com\", nonce=\"{nonce}\", algorithm=MD5, qop=\"auth\""])
            t += 0.02 + u() * 0.02
            self.ack(t, cseq, br)
            self.to_tag = f"as{rng.getrandbits(32):08x}"
            t += 0.01 + u() * 0.03
            cseq += 1
            br = self.branch()
            auth = (f"Authorization: Digest username=\"{self.user}\", realm=\"example.com\", nonce=\"{nonce}\", "
                    f"uri=\"sip:{self.callee}@example.com\", response=\"{rng.getrandbits(128):032x}\", "
                    f"algorithm=MD5, cnonce=\"{rng.getrandbits(32):08x}\", qop=auth, nc=00000001")
            self.invite(t, cseq, br, auth=auth)
            outcome = "ok"
        else:
            self.invite(t, cseq, br)
        t100 = t + 0.002 + u() * 0.01
        if outcome != "503" or u() < 0.5:
            self.response(t100, 100, cseq, "INVITE", br, tagged=False)
        t_ring = t100 + 0.05 + u() * 0.4
        if outcome in ("ok", "480", "486", "487", "603"):
            if u() < 0.15:
                self.response(t_ring, 183, cseq, "INVITE", br,
                              body=sdp(rng, PROXY_IP, self.sess + 1, 30000 + 2 * (self.sess % 5000), answer=True))
            else:
                self.response(t_ring, 180, cseq, "INVITE", br)
        if outcome == "ok":
            t_ans = t_ring + 1.0 + u() * 14.0
            self.response(t_ans, 200, cseq, "INVITE", br,
                          body=sdp(rng, PROXY_IP, self.sess + 1, 30000 + 2 * (self.sess % 5000), answer=True))
            self.ack(t_ans + 0.01 + u() * 0.03, cseq, self.branch())
            hold = min(600.0, 1.0 + rng.expovariate(1 / 90.0))
            self.bye(t_ans + hold, cseq + 1)
            return
        if outcome == "487":
            t_c = t_ring + 2.0 + u() * 20.0
            self.cancel(t_c, cseq, br)
            self.response(t_c + 0.003 + u() * 0.01, 200, cseq, "CANCEL", br)
            t_fin = t_c + 0.01 + u() * 0.05
        elif outcome == "408":
            t_fin = t + 32.0 + u() * 0.5
        elif outcome in ("480", "486", "603"):
            t_fin = t_ring + (10.0 + u() * 20.0 if outcome == "480" else 1.0 + u() * 8.0)
        else:
            t_fin = t100 + 0.01 + u() * 0.2
        code = int(outcome)
        extra = self.reason_q850(code)
        if code == 488:
            extra = [f"Warning: 305 {PROXY_IP} \"Incompatible media format\""] + extra
        elif code == 503:
            extra = [f"Retry-After: {rng.choice([5, 30, 60, 120, 300])}"] + extra
        elif code == 486 and u() < 0.3:
            extra = ["Retry-After: 60"] + extra
        self.response(t_fin, code, cseq, "INVITE", br, extra=extra)
        self.ack(t_fin + 0.003 + u() * 0.02, cseq, br)


def gen_sip(path, n_calls, seed=SEED):
    rng = random.Random(seed)
    ip = Ip()
    w = PcapWriter(path)
    names = [o for o, _ in OUTCOMES]
    weights = [p for _, p in OUTCOMES]
    # UDP UAs: a pool of phones; TCP: a few long-lived connections from SBCs/PBXs to the proxy.
    n_udp_ua = 5000
    udp_uas = [(f"10.1.{i // 250}.{i % 250 + 1}", 5060) for i in range(n_udp_ua)]
    tcp_conns = [TcpConn(rng, f"10.2.0.{i + 1}", 40000 + i, PROXY_IP, 5060) for i in range(32)]
    t = T0
    for c in tcp_conns:
        for pkt in c.handshake(ip):
            w.write(t, pkt)
            t += 0.0001
    rate = 40.0                        # new calls per second
    heap = []                          # (abs time, counter, conn or None, ua, from_caller, data)
    counter = 0
    stats = {o: 0 for o in names}
    n_tcp = 0
    n_resp = 0
    t_call = t + 0.01
    for i in range(n_calls):
        t_call += rng.expovariate(rate)
        while heap and heap[0][0] <= t_call:
            emit(w, ip, heapq.heappop(heap))
        outcome = rng.choices(names, weights)[0]
        stats[outcome] += 1
        if rng.random() < 0.2:
            conn = tcp_conns[rng.randrange(len(tcp_conns))]
            call = Call(rng, i, "TCP", conn.client, conn.cport)
            n_tcp += 1
        else:
            conn = None
            ua = udp_uas[rng.randrange(n_udp_ua)]
            call = Call(rng, i, "UDP", ua[0], ua[1])
        call.build(outcome)
        for dt, from_caller, data in call.msgs:
            n_resp += data.startswith(b"SIP/2.0 ")
            counter += 1
            heapq.heappush(heap, (t_call + dt, counter, conn, (call.ua, call.ua_port), from_caller, data))
    while heap:
        emit(w, ip, heapq.heappop(heap))
    w.close()
    return w, stats, n_tcp, n_resp


def emit(w, ip, ev):
    ts, _, conn, ua, from_caller, data = ev
    if conn is not None:
        pkt = conn.send(ip, from_caller, data)
    elif from_caller:
        pkt = udp(ip, ua[0], ua[1], PROXY_IP, 5060, data)
    else:
        pkt = udp(ip, PROXY_IP, 5060, ua[0], ua[1], data)
    w.write(ts, pkt)


# ---------------------------------------------------------------- non-SIP traffic

DNS_NAMES = ["www.example.com", "mail.example.org", "api.example.net", "cdn.example.com", "ntp.example.org",
             "login.example.com", "updates.example.net", "db01.corp.example", "files.example.com", "time.example.net"]


def dns_name(name):
    return b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"


def gen_nonsip(path, n_frames, seed=SEED + 1):
    """Time-ordered mix: 45 % RTP-like media, 20 % DNS, 25 % bulk TCP, 10 % syslog."""
    rng = random.Random(seed)
    ip = Ip()
    w = PcapWriter(path)
    t = T0
    media = [dict(src=f"10.3.{i // 200}.{i % 200 + 1}", sport=40000 + 2 * (i % 400), dst=f"10.4.{i // 200}.{i % 200 + 1}",
                  dport=42000 + 2 * (i % 400), ssrc=rng.getrandbits(32), seq=rng.getrandbits(16), ts=rng.getrandbits(32),
                  pt=rng.choice([0, 8])) for i in range(400)]
    bulk = [TcpConn(rng, f"10.5.0.{i + 1}", 50000 + i, f"10.6.0.{i % 4 + 1}", 34567) for i in range(32)]
    for c in bulk:
        for pkt in c.handshake(ip):
            w.write(t, pkt)
            t += 0.0001
    pending_dns = []
    counts = {"media": 0, "dns": 0, "tcp": 0, "syslog": 0}
    while w.frames < n_frames:
        t += rng.expovariate(2000.0)
        k = rng.random()
        if k < 0.45:
            m = media[rng.randrange(len(media))]
            m["seq"] = (m["seq"] + 1) & 0xFFFF
            m["ts"] = (m["ts"] + 160) & 0xFFFFFFFF
            payload = struct.pack("!BBHII", 0x80, m["pt"], m["seq"], m["ts"], m["ssrc"]) + rng.randbytes(160)
            w.write(t, udp(ip, m["src"], m["sport"], m["dst"], m["dport"], payload))
            counts["media"] += 1
        elif k < 0.65:
            if pending_dns and (rng.random() < 0.5 or len(pending_dns) > 20):
                q = pending_dns.pop(0)
                txid, client, cport, name, qtype = q
                ans = struct.pack("!HHHHHH", txid, 0x8180, 1, 1, 0, 0) + dns_name(name) + struct.pack("!HH", qtype, 1)
                if qtype == 1:
                    rdata = bytes([93, 184, rng.randrange(256), rng.randrange(1, 255)])
                else:
                    rdata = bytes.fromhex("20010db8") + rng.randbytes(12)
                ans += b"\xc0\x0c" + struct.pack("!HHIH", qtype, 1, 300, len(rdata)) + rdata
                w.write(t, udp(ip, "10.0.0.53", 53, client, cport, ans))
            else:
                txid = rng.getrandbits(16)
                client = f"10.7.{rng.randrange(4)}.{rng.randrange(1, 255)}"
                cport = rng.randrange(32768, 61000)
                name = rng.choice(DNS_NAMES)
                qtype = rng.choice([1, 28])
                qry = struct.pack("!HHHHHH", txid, 0x0100, 1, 0, 0, 0) + dns_name(name) + struct.pack("!HH", qtype, 1)
                w.write(t, udp(ip, client, cport, "10.0.0.53", 53, qry))
                pending_dns.append((txid, client, cport, name, qtype))
            counts["dns"] += 1
        elif k < 0.90:
            c = bulk[rng.randrange(len(bulk))]
            from_client = rng.random() < 0.7
            w.write(t, c.send(ip, from_client, rng.randbytes(rng.randrange(100, 1400))))
            counts["tcp"] += 1
        else:
            host = f"10.8.0.{rng.randrange(1, 60)}"
            msg = (f"<{rng.choice([134, 142, 150, 158])}>Jun 10 12:{rng.randrange(60):02d}:{rng.randrange(60):02d} "
                   f"host{host.split('.')[-1]} app[{rng.randrange(100, 30000)}]: request id={rng.getrandbits(32):08x} "
                   f"status={rng.choice(['ok', 'ok', 'ok', 'retry', 'fail'])} took {rng.randrange(1, 900)}ms")
            w.write(t, udp(ip, host, rng.randrange(32768, 61000), "10.0.0.5", 514, msg.encode()))
            counts["syslog"] += 1
    w.close()
    return w, counts


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.environ.get("SIPDIAG_BENCH_CACHE", "/var/tmp/sipdiag-bench"))
    ap.add_argument("--calls", type=int, default=100000)
    ap.add_argument("--nonsip-frames", type=int, default=0, help="default: the SIP capture's frame count")
    ap.add_argument("--quick", action="store_true", help="small captures (5,000 calls) for a smoke run")
    ap.add_argument("--force", action="store_true", help="regenerate even if cached")
    a = ap.parse_args()
    if a.quick:
        a.calls = 5000
    os.makedirs(a.out, exist_ok=True)

    sip_path = os.path.join(a.out, f"sip-{a.calls}-v{GEN_VERSION}.pcap")
    if a.force or not os.path.exists(sip_path):
        tmp = sip_path + ".tmp"
        w, stats, n_tcp, n_resp = gen_sip(tmp, a.calls)
        write_meta(sip_path, frames=w.frames, calls=a.calls, tcp_calls=n_tcp, responses=n_resp, outcomes=stats)
        os.replace(tmp, sip_path)
        print(f"wrote {sip_path}: {w.frames} frames, {w.bytes + 24 + 16 * w.frames} bytes, "
              f"{a.calls} calls ({n_tcp} over TCP); outcomes {stats}", file=sys.stderr)
    else:
        print(f"reusing {sip_path}", file=sys.stderr)
    sip_frames = count_frames(sip_path)

    n = a.nonsip_frames or sip_frames
    ns_path = os.path.join(a.out, f"nonsip-{n}-v{GEN_VERSION}.pcap")
    if a.force or not os.path.exists(ns_path):
        tmp = ns_path + ".tmp"
        w, counts = gen_nonsip(tmp, n)
        write_meta(ns_path, frames=w.frames, counts=counts)
        os.replace(tmp, ns_path)
        print(f"wrote {ns_path}: {w.frames} frames, {w.bytes + 24 + 16 * w.frames} bytes; {counts}", file=sys.stderr)
    else:
        print(f"reusing {ns_path}", file=sys.stderr)
    print(sip_path)
    print(ns_path)


def write_meta(path, **meta):
    """Facts about a capture, next to it (<capture>.json), for the report."""
    with open(path + ".json", "w") as f:
        json.dump(dict(meta, generator_version=GEN_VERSION, seed=SEED), f, indent=1, sort_keys=True)
        f.write("\n")


def count_frames(path):
    n = 0
    with open(path, "rb") as f:
        f.seek(24)
        while True:
            h = f.read(16)
            if len(h) < 16:
                return n
            f.seek(struct.unpack("<I", h[8:12])[0], 1)
            n += 1


if __name__ == "__main__":
    main()

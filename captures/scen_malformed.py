"""scen_malformed.py — the hostile captures for captures/build.py: input that a
SIP element should never send and a dissector must survive, each frame with what
sipdiag must still say about it.

    malformed-status   status lines that break RFC 3261 §7.2 (000, 099, 700, 999, 1000, 4x6, +86, -86,
                       a tab or no space after SIP/2.0, no space after the code, lower-case version,
                       empty phrase)
    malformed-bytes    NUL bytes and invalid UTF-8 in the reason phrase, the Warning and the Reason text
    malformed-headers  absurd Retry-After, Reason, Warning, Allow and WWW-Authenticate values
    malformed-large    a 65,000-byte reason phrase over UDP, a 65,536-byte one over TCP (46 segments)
    malformed-flood    300 INVITEs and their 300 responses in one TCP connection, 5 segments
    malformed-snaplen  a normal call flow cut at 120 bytes per frame, status lines cut at 52 and 60

They were written by captures/make-malformed.sh (text2pcap, editcap -s for the
cut frames) until the tests/structure work: the SIP messages, byte for byte
(the NUL bytes, the invalid UTF-8), their order, their times and so the frame
numbers are the same here; only the framing differs (MAC addresses, IP
identification, checksums, TCP sequence numbers). Every exchange is a request
from 192.0.2.10 (caller) and the answer of 192.0.2.20 (callee), UDP 5060 <->
5060 or TCP 192.0.2.10:49152 <-> 192.0.2.20:5060 (established, no handshake,
as text2pcap -D wrote it); pair NN of a capture starts at NN seconds, its
response 20 ms later; Call-ID mal-ID@192.0.2.10, tags a-ID / b-ID, branch
z9hG4bK-mal-ID.

Beside the keys tests/pytest/conftest.py's check_frame reads (test_frames.py
checks them for every scenario, one pass and two), entries carry, for
tests/pytest/test_malformed.py:
  expect["experts"]      on these captures the exact list of sipdiag's expert items
                         of the frame (a name twice when raised twice); a frame
                         without it must have none
  expect["fields"]       {field: [every value, as PDML shows it]}, exact, one pass
  expect["lengths"]      {field: [the length of each value]} (the 64 KiB phrases)
  expect["starts"], expect["ends"]   {field: the start / end of its one value}
  expect["no_messages"]  pieces no expert message of the frame may contain
  expect["tree_lines"]   {regular expression: how many lines of the frame's
                         `-O sipdiag` text it matches}, for what only the text
                         shows (escapes of NUL and HT, which PDML writes
                         differently from version to version)
  expect["tree_has"]     pieces that text must contain
  expect["todo"]         what sipdiag should show and does not yet, with `why`:
                         a strict expected failure until it does
  entry["wire_bytes"]    the frame's length on the wire (and "snaplen", from
                         sipflow, where the capture keeps fewer bytes)
  entry["wireshark"]     what Wireshark 4.0.17's own SIP dissector makes of the
                         frame: "request M", "response C", "requests N",
                         "responses N", "data" (left to the data dissector),
                         "sip, nothing decoded", "-" (a TCP segment that ends no
                         message): an observation, checked on 4.0 only
and the summary holds `filters` (a display filter, the frames it selects, why;
computed from the per-frame expectations) and, for the flood, `expert_rows`
(the rows `-z expert,sipdiag` counts).

The expectations were worked out from the messages sent, the README's rules and
the checks of the bash test they replace (tests/tshark/test_malformed.sh, with
its list of expert items per frame and why, tests/expected/malformed-experts.tsv:
the `note` of each response says why now).

SPDX-License-Identifier: GPL-2.0-or-later
"""

from collections import Counter

from sipflow import Capture, R, TcpConn, request, via

T0 = 1704110400.0          # 2024-01-01 12:00:00 UTC: where make-malformed.sh started every capture

A_IP, B_IP = "192.0.2.10", "192.0.2.20"
UAC, UAS = (A_IP, 5060), (B_IP, 5060)
TCP_A, TCP_B = (A_IP, 49152), (B_IP, 5060)
USER_AGENT = ("User-Agent", "sipdiag-testgen/1.0")
SERVER = ("Server", "sipdiag-testgen/1.0")
ALICE = '"Alice" <sip:alice@example.com>'

# Header values are kept up to 512 bytes, cut after the last whole list element (README, sipdiag.hint.note).
KEEP = 512


def raw(data):
    """Bytes that are not UTF-8 (0xC3 0x28, 0xFF, 0xFE) as text; Msg.encode() writes them back unchanged."""
    return data.decode("utf-8", "surrogateescape")


NUL = "\0"
BAD_C3 = raw(b"\xc3\x28")           # a UTF-8 lead byte followed by an ASCII byte
BAD_FF, BAD_FE = raw(b"\xff"), raw(b"\xfe")   # never valid in UTF-8
U_FFFD = "\ufffd"                   # how Wireshark shows each invalid byte sequence


def items(*names):
    """Expert item names, full and sorted."""
    return sorted("sipdiag.expert." + n for n in names)


def esc(text):
    """A start line or header as the manifest shows it: printable ASCII as is, backslash doubled, \\t \\r \\n,
    any other byte (NUL, invalid UTF-8) as \\xHH."""
    out = []
    for b in text.encode("utf-8", "surrogateescape"):
        c = chr(b)
        if c == "\\":
            out.append("\\\\")
        elif c in "\t\r\n":
            out.append({"\t": "\\t", "\r": "\\r", "\n": "\\n"}[c])
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append("\\x%02X" % b)
    return "".join(out)


# ---------------------------------------------------------------- messages (as make-malformed.sh wrote them)

def sdp_offer(sid, port):
    return ("v=0\r\no=alice %d %d IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio %d RTP/AVP 0 8 101\r\n"
            "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            "a=fmtp:101 0-16\r\na=sendrecv\r\n" % (sid, sid, A_IP, A_IP, port)).encode()


def top_via(ident, tcp=False):
    return via("%s:%d" % (A_IP, 49152 if tcp else 5060), "z9hG4bK-mal-" + ident, "TCP" if tcp else "UDP")


def caller_request(method, ident, tcp=False, extra=(), body=b"", ctype=None):
    """The caller's request: Via, Max-Forwards, From, To, Call-ID, CSeq 1, Contact (INVITE, REGISTER),
    `extra`, User-Agent, then Content-Type and the body."""
    register = method == "REGISTER"
    contact = "<sip:alice@%s:49152;transport=tcp>" % A_IP if tcp else "<sip:alice@%s:5060>" % A_IP
    headers = ([("Contact", contact)] if method in ("INVITE", "REGISTER") else []) + list(extra) + [USER_AGENT]
    msg = request(method, "sip:example.com" if register else "sip:bob@example.com", top_via(ident, tcp),
                  "mal-%s@%s" % (ident, A_IP), 1, "%s;tag=a-%s" % (ALICE, ident),
                  "<sip:alice@example.com>" if register else "<sip:bob@example.com>", extra=headers)
    if ctype:
        msg.headers.append(("Content-Type", ctype))
        msg.body = body
    return msg


def invite(ident, sid, port, tcp=False):
    return caller_request("INVITE", ident, tcp, body=sdp_offer(sid, port), ctype="application/sdp")


def header(line):
    """("Name", "value") of a header line written whole."""
    name, value = line.split(": ", 1)
    return name, value


def answer(req, ident, status_line, headers=(), to_tag=True):
    """The callee's response: the request's Via, From, To (tag b-ID; none on a 100), Call-ID and CSeq,
    then `headers` (lines), Server. The status line is taken as written: many are broken."""
    resp = req.response(0, "", to_tag="b-" + ident if to_tag else None,
                        extra=[header(h) for h in headers] + [SERVER])
    resp.start = status_line
    return resp


def ack(ident):
    """The ACK of a non-2xx final response: the INVITE's branch, the response's To tag (§17.1.1.3)."""
    return request("ACK", "sip:bob@example.com", top_via(ident), "mal-%s@%s" % (ident, A_IP), 1,
                   "%s;tag=a-%s" % (ALICE, ident), "<sip:bob@example.com>;tag=b-" + ident, extra=[USER_AGENT])


# ---------------------------------------------------------------- captures

class Hostile(Capture):
    """A Capture whose manifest summary also lists what display filters select (build.py's build()
    copies `filters` and `expert_rows` into the summary)."""

    def __init__(self, name, description):
        super().__init__(name, description, t0=T0)
        self.filters = []

    def entry(self, transport, src, dst, msg, note, expect=None, wireshark=None, start_line=None, code=None):
        e = {"kind": "sip", "transport": transport, "src": "%s:%d" % src, "dst": "%s:%d" % dst,
             "start_line": start_line or esc(msg.start), "cseq": msg.get("CSeq"), "top_via": msg.vias()[0],
             "note": note}
        if code is not None:
            e["code"] = code
        if expect is not None:
            e["expect"] = dict(expect)
        if wireshark:
            e["wireshark"] = wireshark
        return e

    def send(self, t, from_caller, msg, note="", expect=None, wireshark=None, start_line=None, code=None,
             snaplen=None):
        """msg over UDP, caller to callee or back, at t seconds; returns its frame number."""
        src, dst = (UAC, UAS) if from_caller else (UAS, UAC)
        entry = self.entry("UDP", src, dst, msg, note, expect, wireshark, start_line, code)
        return self.sized(self._raw(t, self.net.udp(src, dst, msg.encode()), entry, snaplen))

    def segment(self, t, conn, from_caller, data, entry):
        return self.sized(self._raw(t, conn.segment(t, from_caller, data), entry))

    def sized(self, frame):
        self.manifest[frame - 1]["wire_bytes"] = len(self.frames[frame - 1][1])
        return frame

    def select(self, flt, why, test):
        """States that display filter `flt` selects exactly the frames whose entry passes `test`."""
        self.filters.append({"filter": flt, "frames": [e["frame"] for e in self.manifest if test(e)], "why": why})


def expects(e):
    return e.get("expect", {})


def diagnosed(e):
    """A frame sipdiag shows a tree for (one pass): every response it reads raises an expert item."""
    return bool(expects(e).get("experts"))


def has_field(field):
    """A frame the manifest gives a value of `field` (in `fields`, or as a conftest.FIELDS key)."""
    return lambda e: bool(expects(e).get("fields", {}).get(field)) or expects(e).get(field) is not None


def status_code(status_line):
    """The status code token as the manifest's `code` states it: the number when three digits."""
    parts = status_line.split(" ")
    token = parts[1] if len(parts) > 1 else ""
    return int(token) if token.isdigit() else token


def pairs(c, rows, ident_of):
    """rows: (method, status line, response headers, note, Wireshark on the response, expectations);
    pair n: the request at n s, the response 20 ms later. The response entry's `code` is the code
    the sender meant. Returns the response frames."""
    out = []
    for n, (method, status, headers, note, ws, expect) in enumerate(rows, 1):
        ident = ident_of(n)
        if method == "INVITE":
            req = invite(ident, 2000 + n, 49170 + 2 * n)
        elif method == "MESSAGE":
            req = caller_request("MESSAGE", ident, body=b"Hello Bob", ctype="text/plain")
        else:
            req = caller_request(method, ident, extra=[("Expires", "3600")])
        f_req = c.send(float(n), True, req, wireshark="request " + method)
        resp = answer(req, ident, status, headers)
        expect = dict(expect(f_req) if callable(expect) else expect)
        code = expect.pop("code_meant", None) or status_code(status)
        out.append(c.send(n + 0.020, False, resp, note, expect, ws, code=code))
    return out


# ---------------------------------------------------------------- malformed-status

def bad_code(why):
    """An invalid status code: sipdiag says so, with a warning and nothing looked up; the response is
    not tied to a transaction."""
    e = R(None, experts=items(*why["items"]), messages=why["messages"],
          fields={"sipdiag.code": why.get("code", []), "sipdiag.severity": ["warning"]})
    if "no_messages" in why:
        e["no_messages"] = why["no_messages"]
    if "tree_has" in why:
        e["tree_has"] = why["tree_has"]
    return e


def malformed_status():
    c = Hostile("malformed-status", "INVITE (SDP offer) -> response pairs over UDP whose status line breaks RFC 3261 "
                "§7.2 (Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF, Status-Code = 3DIGIT, "
                "100-699): codes 000, 099, 700, 999, 1000, 4x6, +86, -86, HT or no SP after SIP/2.0, no SP after the "
                "code, lower-case SIP-Version, an empty phrase. No ACK: a UA discards a malformed response.")
    out_of_range = "Status code %s is outside the range 100-699 that RFC 3261 allows"
    not_three = 'Status code "%s" is not three digits'
    cannot_read = ('Status line starts with "%s", not "SIP/2.0" and one space (RFC 3261 §7.2): the status code '
                   'cannot be read')
    malformed = 'Malformed status line "%s"'
    rows = []
    for code, phrase in (("000", "Unknown"), ("099", "Early"), ("700", "Beyond Global"), ("999", "Way Beyond")):
        note = "%s: code outside 100-699%s; Wireshark reads it" % (code, ", leading zero" if code[0] == "0" else "")
        rows.append(("INVITE", "SIP/2.0 %s %s" % (code, phrase), [], note, "response %d" % int(code),
                     bad_code({"items": ["invalid_code"], "code": [str(int(code))],
                               "messages": [out_of_range % code]})))
    for code, note in (("1000", "four digits"), ("4x6", "a letter among the digits"), ("+86", "a sign, two digits"),
                       ("-86", "a sign, two digits")):
        rows.append(("INVITE", "SIP/2.0 %s %s" % (code, "Four Digits" if code == "1000" else "Busy Here"), [],
                     "%s: %s, not three digits; Wireshark shows Data" % (code, note), "data",
                     bad_code({"items": ["invalid_code", "malformed_status_line"],
                               "messages": [not_three % code]})))
    # The code is 486 in both; the fault is the separator: sipdiag names the version token, not the
    # phrase's first word as a code. The HT shows as \t (from -O: -T fields of Wireshark 4.4 and later
    # escapes the backslash again).
    rows.append(("INVITE", "SIP/2.0\t486 Busy Here", [], "HT instead of the SP after SIP-Version (code 486 otherwise "
                 "valid): no Status-Code where §7.2 wants one; Data; the version token is named", "data",
                 dict(bad_code({"items": ["invalid_code", "malformed_status_line"], "messages": [],
                                "no_messages": ['Status code "Busy"'],
                                "tree_has": [malformed % "SIP/2.0\\t486 Busy Here",
                                             cannot_read % "SIP/2.0\\t486"]}), code_meant=486)))
    rows.append(("INVITE", "SIP/2.0486 Busy Here", [], "no SP between SIP-Version and Status-Code: no Status-Code "
                 "where §7.2 wants one; Data; the version token is named", "data",
                 dict(bad_code({"items": ["invalid_code", "malformed_status_line"],
                                "messages": [cannot_read % "SIP/2.0486"],
                                "no_messages": ['Status code "Busy"']}), code_meant=486)))
    rows.append(("INVITE", "SIP/2.0 486Busy Here", [], "no SP between Status-Code and Reason-Phrase: the token after "
                 "the one space, 486Busy, is not three digits; Data", "data",
                 dict(bad_code({"items": ["invalid_code", "malformed_status_line"],
                                "messages": [not_three % "486Busy" + " (RFC 3261 §7.2)"]}),
                      code_meant=486)))
    # §7.1: SIP-Version is case-insensitive (and MUST be sent upper case): the code 486 is still read.
    rows.append(("INVITE", "sip/2.0 486 x", [], "SIP-Version in lower case (RFC 3261 §7.1: case-insensitive, MUST be "
                 "sent upper case): Data; the code 486 is still read; phrase x differs", "data",
                 lambda f: R(f, experts=items("486", "malformed_status_line", "reason_mismatch"),
                             messages=[malformed % "sip/2.0 486 x"],
                             fields={"sipdiag.code": ["486"], "sipdiag.severity": ["note"], "sipdiag.reason": ["x"],
                                     "sipdiag.method": ["INVITE"]})))
    rows.append(("INVITE", "SIP/2.0 486 ", [], "empty Reason-Phrase (SP kept; valid grammar, RFC 3261 §25.1)",
                 "response 486",
                 lambda f: R(f, experts=items("486", "reason_mismatch"),
                             messages=['Empty reason phrase (allowed by RFC 3261 §25.1); registered phrase is '
                                       '"Busy Here"'],
                             fields={"sipdiag.code": ["486"], "sipdiag.severity": ["note"], "sipdiag.reason": [""]})))
    pairs(c, rows, lambda n: "status-%02d" % n)
    c.select("sipdiag", "every response is diagnosed, the broken ones too", diagnosed)
    c.select("sipdiag.code", "000, 099, 700, 999 kept as numbers; 486 behind sip/2.0 and with the empty phrase; "
             "no code where none can be read", has_field("sipdiag.code"))
    c.select("sipdiag.request_frame", "only the readable 486s are tied to their INVITE",
             has_field("sipdiag.request_frame"))
    return c


# ---------------------------------------------------------------- malformed-bytes

def malformed_bytes():
    c = Hostile("malformed-bytes", "INVITE (SDP offer) -> response pairs over UDP with NUL bytes and invalid UTF-8 "
                "(0xC3 0x28: a lead byte followed by an ASCII byte; 0xFF, 0xFE: never valid in UTF-8) in the reason "
                "phrase and in the Warning and Reason header texts.")
    w305 = 'Warning: 305 192.0.2.20 "Incompatible%smedia%sformat"'
    differs = (r'^            \[Reason phrase "%s" differs from the registered "Busy Here" '
               r'\(the phrase as sent leads\)\]$')
    nul = r"\\0(00)?"          # a NUL as the tree shows it: \000 (Wireshark 4.0), \0 later

    def phrase(shown, wireshark_data):
        """A 486 whose phrase differs from the registered one; Wireshark leaves a status line with a NUL to Data."""
        def make(f):
            e = R(f, experts=items("486", "reason_mismatch", *(["malformed_status_line"] if wireshark_data else [])),
                  fields={"sipdiag.code": ["486"]})
            e.update(shown)
            return e
        return make

    def bad_header(code, more):
        def make(f):
            e = R(f, experts=items(str(code), "bad_header"), fields={"sipdiag.code": [str(code)]})
            for k, v in more.items():
                e[k] = dict(e.get(k, {}), **v) if isinstance(v, dict) else v
            return e
        return make

    # The status line is read from the bytes, not from a C string, so a NUL does not end the phrase.
    rows = [
        ("INVITE", "SIP/2.0 486 Busy%sHere" % NUL, [], "NUL inside the reason phrase (Busy<NUL>Here): Data; the "
         "phrase keeps what follows the NUL and differs from \"Busy Here\"", "data",
         phrase({"tree_lines": {r"^    \[Reason phrase: Busy%sHere\]$" % nul: 1, differs % ("Busy" + nul + "Here"): 1}},
                True)),
        ("INVITE", "SIP/2.0 486 Busy %s Here" % BAD_C3, [], "invalid UTF-8 in the reason phrase (0xC3 0x28): "
         "differs from \"Busy Here\"", "response 486",
         phrase({"fields": {"sipdiag.code": ["486"], "sipdiag.reason": ["Busy %s( Here" % U_FFFD]}}, False)),
        ("INVITE", "SIP/2.0 486 %s%s Busy Here" % (BAD_FF, BAD_FE), [], "invalid UTF-8 in the reason phrase (0xFF "
         "0xFE): differs from \"Busy Here\"", "response 486",
         phrase({"fields": {"sipdiag.code": ["486"], "sipdiag.reason": ["%s%s Busy Here" % (U_FFFD, U_FFFD)]}}, False)),
        ("INVITE", "SIP/2.0 486 %s" % NUL, [], "the reason phrase is one NUL byte: Data; a phrase that differs, not an "
         "empty one", "data",
         phrase({"no_messages": ["Empty reason phrase"], "tree_lines": {differs % nul: 1}}, True)),
        ("INVITE", "SIP/2.0 488 Not Acceptable Here", [w305 % (NUL, " ")], "NUL inside the Warning text: not a "
         "quoted-string (RFC 3261 qdtext has no NUL)", "response 488",
         bad_header(488, {"messages": ["is malformed (RFC 3261 §20.43)"],
                          "todo": {"messages": ["media format"],
                                   "why": "header values are still kept as C strings: the NUL ends the Warning "
                                          "quoted in the message"}})),
        ("INVITE", "SIP/2.0 488 Not Acceptable Here", [w305 % (" %s " % BAD_C3, " %s " % BAD_FF)],
         "0xC3 0x28 and 0xFF in the Warning text: not UTF-8 (RFC 3261 §25.1 TEXT-UTF8), still decoded",
         "response 488",
         bad_header(488, {"messages": ["Warning 305: the warn-text is not valid UTF-8 (RFC 3261 §25.1 TEXT-UTF8)"],
                          "fields": {"sipdiag.warning.code": ["305"],
                                     "sipdiag.warning.text": ["Incompatible %s( media %s format"
                                                              % (U_FFFD, U_FFFD)]}})),
        ("INVITE", "SIP/2.0 486 Busy Here", ['Reason: Q.850;cause=17;text="User%sbusy"' % NUL], "NUL inside the Reason "
         "text: not a quoted-string (cause 17 agrees with 486 under RFC 3398)", "response 486",
         bad_header(486, {"messages": ["is malformed (RFC 3326 §2)"],
                          "todo": {"messages": ["busy"],
                                   "why": "header values are still kept as C strings: the NUL ends the Reason "
                                          "quoted in the message"}})),
        ("INVITE", "SIP/2.0 486 Busy Here", ['Reason: Q.850;cause=17;text="User %s busy %s"' % (BAD_C3, BAD_FF)],
         "0xC3 0x28 and 0xFF in the Reason text: not UTF-8, still decoded; cause 17 agrees with 486", "response 486",
         bad_header(486, {"messages": ["Reason: the text is not valid UTF-8 (RFC 3326 §2, RFC 3261 §25.1)"],
                          "fields": {"sipdiag.q850.cause": ["17"], "sipdiag.q850.expected_code": ["486"],
                                     "sipdiag.reason_header.text": ["User %s( busy %s" % (U_FFFD, U_FFFD)]}})),
    ]
    pairs(c, rows, lambda n: "bytes-%02d" % n)
    c.select("sipdiag", "every response is diagnosed", diagnosed)
    return c


# ---------------------------------------------------------------- malformed-headers

def kept(elements, separator=", "):
    """(how many elements, how many bytes) of a list value kept to KEEP bytes after its last whole element."""
    n, size = 0, 0
    for el in elements:
        grown = size + (len(separator) if n else 0) + len(el)
        if grown > KEEP:
            break
        n, size = n + 1, grown
    return n, size


def malformed_headers():
    c = Hostile("malformed-headers", "Request -> response pairs over UDP whose response carries an absurd value of a "
                "header sipdiag reads: Retry-After of 20 digits, negative, with broken comments; Reason causes -1, 20 "
                "digits, empty; Warning values without closing quote, warn-agent, or with codes 99, 1000, abc; one "
                "Warning of 5000 values; an Allow of 4000 methods; WWW-Authenticate without scheme or with an open "
                "quote.")
    warnings = ['399 gw "x"'] * 5000
    methods = ["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"] + ["X-M%04d" % i for i in range(6, 4001)]
    warn_value, allow_value = ", ".join(warnings), ", ".join(methods)
    n_warn, warn_kept = kept(warnings)
    n_allow, allow_kept = kept(methods)

    def answered(code, more):
        def make(f):
            e = R(f, experts=items(*more.pop("items", [str(code), "bad_header"])))
            e.update(more)
            return e
        return make

    def retry_after(value, message):
        return ("INVITE", "SIP/2.0 503 Service Unavailable", ["Retry-After: " + value], None, "response 503",
                answered(503, {"messages": ['Retry-After: "%s" is %s' % (value, message)],
                               "fields": {"sipdiag.hint.note": [value], "sipdiag.hint.retry_after": []}}))

    def reason(value, message, fields):
        more = {"messages": ['Reason "%s"%s' % (value, message)], "fields": fields}
        if "too large" in message:
            more["no_messages"] = ["cause -1"]          # the overflow is not read as -1
        return ("INVITE", "SIP/2.0 486 Busy Here", ["Reason: " + value], None, "response 486", answered(486, more))

    def warning(value, message=" is malformed"):
        return ("INVITE", "SIP/2.0 488 Not Acceptable Here", ["Warning: " + value], None, "response 488",
                answered(488, {"messages": ['Warning "%s"%s' % (value, message)] if message else [],
                               "fields": {"sipdiag.warning.code": []}, "tree_lines": {r"^    \[Warning\]$": 1}}))

    def challenge(value, context=None):
        more = {"messages": ['WWW-Authenticate: "%s" is malformed' % value], "fields": {"sipdiag.hint.auth_realm": []}}
        if context:
            more["context"] = context
        return ("REGISTER", "SIP/2.0 401 Unauthorized", ["WWW-Authenticate: " + value], None, "response 401",
                answered(401, more))

    rows = [
        retry_after("99999999999999999999", "a number too large, not delta-seconds"),
        retry_after("-5", "malformed"),
        retry_after("(unterminated", "malformed"),
        retry_after("120 (unterminated", "malformed"),
        reason("Q.850;cause=-1", " is malformed (RFC 3326 §2)", {"sipdiag.q850.cause": []}),
        # 20 digits overflow: said so, and no cause made up (no "cause -1").
        reason("Q.850;cause=99999999999999999999", ": the cause is a number too large (RFC 3326 §2)",
               {"sipdiag.q850.cause": []}),
        reason("Q.850;cause=", " is malformed", {"sipdiag.q850.cause": []}),
        reason("SIP;cause=99999999999999999999", ": the cause is a number too large (RFC 3326 §2)",
               {"sipdiag.q850.cause": [], "sipdiag.sip_reason.cause": []}),
        warning('399 192.0.2.20 "missing closing quote'),
        warning('399 "no warn-agent"', None),
        warning('99 192.0.2.20 "two-digit code"'),
        warning('1000 192.0.2.20 "four-digit code"'),
        warning('abc 192.0.2.20 "letters"'),
        # Valid, only long: nothing to flag; kept cut after a whole value.
        ("INVITE", "SIP/2.0 488 Not Acceptable Here", ["Warning: " + warn_value], None, "response 488",
         answered(488, {"items": ["488"],
                        "fields": {"sipdiag.warning.code": ["399"] * n_warn,
                                   "sipdiag.hint.note": ["Warning has %d bytes: only its first %d are shown"
                                                         % (len(warn_value), warn_kept)]}})),
        # Valid, only long; a 405 to MESSAGE, an optional method, is a note (README: 405/optional).
        ("MESSAGE", "SIP/2.0 405 Method Not Allowed", ["Allow: " + allow_value], None, "response 405",
         answered(405, {"items": ["method_note"],
                        "fields": {"sipdiag.hint.note": ["Allow has %d bytes: only its first %d are shown"
                                                         % (len(allow_value), allow_kept)]},
                        "starts": {"sipdiag.hint.allow": ", ".join(methods[:6])},
                        "ends": {"sipdiag.fix": " %s." % methods[n_allow - 1]}})),
        challenge('realm="example.com", nonce="4d616c666f726d6564", algorithm=MD5',
                  "normal first step of digest authentication"),
        challenge('Digest realm="example.com, nonce=4d616c666f726d6564, algorithm=MD5'),
    ]
    notes = ["Retry-After of 20 digits (overflows 32 and 64 bits): a number too large",
             "negative Retry-After: malformed",
             "Retry-After: an unterminated comment and no delta-seconds: malformed",
             "Retry-After: delta-seconds then an unterminated comment: malformed",
             "Reason Q.850 cause -1 (signed): malformed",
             "Reason Q.850 cause of 20 digits: unreadable, no cause made up",
             "Reason Q.850 with an empty cause: malformed",
             "Reason SIP cause of 20 digits: unreadable, no cause made up",
             "Warning text without its closing quote", "Warning without warn-agent", "warn-code 99 (two digits)",
             "warn-code 1000 (four digits)", "warn-code abc (letters)",
             "one Warning header with %d comma-separated warning-values, each valid (%d bytes of value): nothing to "
             "flag; %d whole values kept" % (len(warnings), len(warn_value), n_warn),
             "Allow header with %d method tokens (%d bytes of value), valid: nothing to flag, kept cut after a whole "
             "token; a 405 to MESSAGE, an optional method, is a note" % (len(methods), len(allow_value)),
             "WWW-Authenticate without an auth-scheme; still the normal first challenge (REGISTER without credentials)",
             "WWW-Authenticate whose realm quote never closes"]
    pairs(c, [row[:3] + (note,) + row[4:] for row, note in zip(rows, notes)], lambda n: "headers-%02d" % n)
    c.select("sipdiag", "every response is diagnosed", diagnosed)
    c.select('sipdiag.hint.note contains "No Retry-After"', "a 503 with an unreadable Retry-After is not a 503 "
             "without one", lambda e: any("No Retry-After" in v for v in expects(e).get("fields", {})
                                          .get("sipdiag.hint.note", [])))
    return c


# ---------------------------------------------------------------- malformed-large

def phrase_of(n):
    """"Busy Here " repeated, cut to n - 1 bytes, then "." (so it never ends in a blank a reader may trim)."""
    return ("Busy Here " * (n // 10 + 1))[:n - 1] + "."


def abbreviated(n):
    """The manifest's start line of the 486 with an n-byte phrase."""
    units = (n - 1) // 10
    tail = phrase_of(n)[units * 10:]
    return 'SIP/2.0 486 Busy Here Busy Here ... %s (%d-byte reason phrase: "Busy Here " x %d, "%s")' % (tail, n, units,
                                                                                                      tail)


def malformed_large():
    c = Hostile("malformed-large", "A reason phrase as long as one UDP datagram allows (65000 bytes; an IPv4 UDP "
                "payload is at most 65507 bytes), then over TCP one of exactly 64 KiB (65536 bytes) in 1460-byte "
                "segments: the 486 spans 46 segments and is reassembled in the last.")
    big = {}
    for n, size, tcp in ((1, 65000, False), (2, 65536, True)):
        ident = "large-%02d" % n
        req = invite(ident, 2000 + n + (100 if tcp else 0), 49170 + 2 * n, tcp)
        resp = answer(req, ident, "SIP/2.0 486 " + phrase_of(size))
        big[n] = (req, resp, size)
    # UDP: the whole 486 in one datagram.
    req, resp, size = big[1]
    f_req = c.send(1.000, True, req, wireshark="request INVITE")
    c.send(1.020, False, resp, "reason phrase of %d bytes in one UDP datagram (a %d-byte SIP message; UDP over IPv4 "
           "carries at most 65507): differs from \"Busy Here\"" % (size, len(resp.encode())),
           R(f_req, experts=items("486", "reason_mismatch"), fields={"sipdiag.code": ["486"]},
             lengths={"sipdiag.reason": [size]}), "response 486", abbreviated(size), 486)
    # TCP: the INVITE in one segment, the 486 in 1460-byte segments.
    req, resp, size = big[2]
    conn = TcpConn(c, TCP_A, TCP_B)
    conn.open = True                # text2pcap -D wrote no handshake; the frame numbers depend on that
    f_req = c.segment(2.000, conn, True, req.encode(),
                      c.entry("TCP", TCP_A, TCP_B, req, "", wireshark="request INVITE"))
    data = resp.encode()
    pieces = [data[k:k + 1460] for k in range(0, len(data), 1460)]
    first = len(c.frames) + 1
    last = first + len(pieces) - 1
    status_segments = -(-len(resp.start.encode() + b"\r\n") // 1460)
    for k, piece in enumerate(pieces[:-1]):
        c.segment(2.020 + k / 1000, conn, False, piece,
                  {"kind": "tcp-segment", "transport": "TCP", "src": "%s:%d" % TCP_B, "dst": "%s:%d" % TCP_A,
                   "note": "segment %d of %d of a 486 whose reason phrase is %d bytes; the status line alone spans %d "
                           "segments" % (k + 1, len(pieces), size, status_segments),
                   "reassembled_in": last, "wireshark": "-"})
    e = c.entry("TCP", TCP_B, TCP_A, resp, "last segment of the 486 with a 64 KiB reason phrase (%d segments, %d "
                "bytes): TCP reassembly completes it here; differs from \"Busy Here\"" % (len(pieces), len(data)),
                R(f_req, experts=items("486", "reason_mismatch"), fields={"sipdiag.code": ["486"]},
                  lengths={"sipdiag.reason": [size]}), "response 486", abbreviated(size), 486)
    e["segments"] = list(range(first, last + 1))
    c.segment(2.020 + (len(pieces) - 1) / 1000, conn, False, pieces[-1], e)
    c.select("sipdiag", "the two 486s: the UDP one and the reassembled TCP one", diagnosed)
    return c


# ---------------------------------------------------------------- malformed-flood

FLOOD_STATUS = ["486 Busy Here", "404 Not Found", "503 Service Unavailable", "480 Temporarily Unavailable",
                "603 Decline", "500 Server Internal Error"]
FLOOD = 300


def malformed_flood():
    c = Hostile("malformed-flood", "One TCP connection: the caller sends 300 INVITEs (no body) in 2 segments, the "
                "callee answers each with one final response (486, 404, 503 with Retry-After: 30, 480, 603, 500 in "
                "turn), the 300 responses in 3 segments. Every segment boundary falls inside a message, so TCP "
                "reassembly joins the pieces.")
    conn = TcpConn(c, TCP_A, TCP_B)
    conn.open = True                # as text2pcap -D wrote it: no handshake
    requests, responses, codes = b"", b"", []
    req_end, resp_end = [0], [0]    # byte offset where message i ends (1-based)
    for i in range(1, FLOOD + 1):
        ident = "flood-%03d" % i
        req = caller_request("INVITE", ident, tcp=True)
        status = FLOOD_STATUS[(i - 1) % len(FLOOD_STATUS)]
        resp = answer(req, ident, "SIP/2.0 " + status, ["Retry-After: 30"] if status.startswith("503") else [])
        requests += req.encode()
        responses += resp.encode()
        req_end.append(len(requests))
        resp_end.append(len(responses))
        codes.append(int(status.split()[0]))
    # Requests: 2 segments, cut 100 bytes into INVITE 151. Responses: 3 segments, cut 50 bytes into 101 and 201.
    rcut = req_end[150] + 100
    assert rcut < req_end[151]
    f1 = len(c.frames) + 1
    for k, (lo, hi) in enumerate(((0, rcut), (rcut, len(requests)))):
        ends = [i for i in range(1, FLOOD + 1) if lo < req_end[i] <= hi]
        c.segment(1.000 + k / 1000, conn, True, requests[lo:hi],
                  {"kind": "sip", "transport": "TCP", "src": "%s:%d" % TCP_A, "dst": "%s:%d" % TCP_B,
                   "note": "INVITEs %d-%d of %d pipelined INVITEs (%d bytes) complete here%s" % (
                       ends[0], ends[-1], FLOOD, len(requests),
                       "; the segment ends 100 bytes into INVITE %d" % (ends[-1] + 1) if k == 0
                       else " (%d reassembled from frames %d and %d)" % (ends[0], f1, f1 + 1)),
                   "requests": len(ends), "wireshark": "requests %d" % len(ends),
                   "expect": {"fields": {"sipdiag.code": []}}})      # requests only: no response diagnosed
    cuts = [0, resp_end[100] + 50, resp_end[200] + 50, len(responses)]
    assert cuts[1] < resp_end[101] and cuts[2] < resp_end[201]
    invite_frame = {i: f1 if req_end[i] <= rcut else f1 + 1 for i in range(1, FLOOD + 1)}
    rows = Counter()
    for k in range(3):
        lo, hi = cuts[k], cuts[k + 1]
        ends = [i for i in range(1, FLOOD + 1) if lo < resp_end[i] <= hi]
        note = "responses %d-%d of %d complete in this segment (bytes %d-%d of %d)" % (ends[0], ends[-1], FLOOD, lo,
                                                                                       hi, len(responses))
        if k > 0:
            note += "; response %d is reassembled from this segment and the previous one" % ends[0]
        if k < 2:
            note += "; the segment ends 50 bytes into response %d" % (ends[-1] + 1)
        mine = [codes[i - 1] for i in ends]
        rows.update(FLOOD_STATUS[(i - 1) % len(FLOOD_STATUS)] for i in ends)
        # Each response raises its code's item, no other: no phrase differs, no header is bad, none repeats.
        c.segment(2.000 + k / 1000, conn, False, responses[lo:hi],
                  {"kind": "sip", "transport": "TCP", "src": "%s:%d" % TCP_B, "dst": "%s:%d" % TCP_A, "note": note,
                   "codes": mine, "wireshark": "responses %d" % len(ends),
                   "expect": {"experts": items(*map(str, mine)),
                              "fields": {"sipdiag.code": [str(x) for x in mine],
                                         "sipdiag.request_frame": [str(invite_frame[i]) for i in ends]}}})
    c.expert_rows = dict(sorted(rows.items()))
    bad = ["bad_header", "invalid_code", "malformed_status_line", "reason_mismatch", "unrecognised", "retransmission"]
    c.select(" || ".join("sipdiag.expert." + b for b in bad), "the six codes' items and nothing else",
             lambda e: any(x in expects(e).get("experts", []) for x in items(*bad)))
    return c


# ---------------------------------------------------------------- malformed-snaplen

ETH_IP_UDP = 14 + 20 + 8


def cut_where(msg, n):
    """Where the first n bytes of msg end: inside its start line, a header, the empty line, the body;
    None when n covers it all."""
    if n >= len(msg):
        return None
    pos = 0
    lines = msg.split(b"\r\n")
    for k, line in enumerate(lines):
        if pos + len(line) + 2 > n:
            if k == 0:
                return "the status line" if line.startswith(b"SIP/") else "the request line"
            if not line:
                return "the empty line ending the headers"
            return "the %s header" % line.split(b":")[0].decode()
        pos += len(line) + 2
        if not line:
            return "the body"
    return "the body"


def malformed_snaplen():
    c = Hostile("malformed-snaplen", "A normal UDP capture (INVITE/100/486/ACK, INVITE/503 Retry-After/ACK, INVITE/488 "
                "Warning/ACK, REGISTER/401) with a snapshot length of 120 bytes: each frame keeps 78 bytes of SIP, so "
                "every message is cut inside its headers (the status line is whole). Then two INVITE/response pairs "
                "cut inside the status line, at 52 bytes (\"SIP/2.0 48\", inside the code) and at 60 (\"SIP/2.0 503 "
                "Servic\", inside the reason phrase).")
    flows = []          # (ms, from caller, snaplen, message, the hostile header or None)

    def flow(ident, sid, port, snaplen, status, hostile=None, trying=False, acked=True):
        req = invite(ident, sid, port)
        flows.append((req, True, snaplen, None))
        if trying:
            flows.append((answer(req, ident, "SIP/2.0 100 Trying", to_tag=False), False, snaplen, None))
        flows.append((answer(req, ident, status, [hostile] if hostile else []), False, snaplen, hostile))
        if acked:
            flows.append((ack(ident), True, snaplen, None))

    flow("snap-01", 2201, 49180, 120, "SIP/2.0 486 Busy Here", 'Reason: Q.850;cause=17;text="User busy"', trying=True)
    flow("snap-02", 2202, 49182, 120, "SIP/2.0 503 Service Unavailable", "Retry-After: 120")
    flow("snap-03", 2203, 49184, 120, "SIP/2.0 488 Not Acceptable Here", 'Warning: 305 192.0.2.20 "Incompatible media '
         'format"')
    reg = caller_request("REGISTER", "snap-04", extra=[("Expires", "3600")])
    flows.append((reg, True, 120, None))
    challenge = 'WWW-Authenticate: Digest realm="example.com", nonce="536e61706c656e", algorithm=MD5'
    flows.append((answer(reg, "snap-04", "SIP/2.0 401 Unauthorized", [challenge]), False, 120, challenge))
    flow("snap-05", 2205, 49186, 52, "SIP/2.0 486 Busy Here", acked=False)
    flow("snap-06", 2206, 49188, 60, "SIP/2.0 503 Service Unavailable", "Retry-After: 120", acked=False)

    # Times: each exchange starts at its number of seconds, every message 20 ms after the one before.
    second, step = 0, 0
    for msg, from_caller, snaplen, hostile in flows:
        n = int(msg.get("Call-ID").split("-")[2].split("@")[0])
        step = step + 1 if n == second else 0
        second = n
        data = msg.encode()
        sip = snaplen - ETH_IP_UDP
        where = cut_where(data, sip)
        response = msg.start.startswith("SIP/2.0 ")
        note = "snaplen %d: %d of %d SIP bytes captured, cut inside %s" % (snaplen, sip, len(data), where)
        if where in ("the status line", "the request line"):
            note += ' (captured: "%s")' % esc(data[:sip].decode())
        if hostile:
            note += "; the %s header is not captured" % hostile.split(":")[0]
        whole_line = where not in ("the status line", "the request line")
        # Wireshark needs the whole first line; a cut after "SIP/2.0 503 " passes its first check,
        # then fails with nothing shown.
        if whole_line:
            ws = ("response %s" % msg.start.split()[1]) if response else "request " + msg.start.split()[0]
        else:
            ws = "sip, nothing decoded" if response and sip >= len("SIP/2.0 503 ") else "data"
        expect = None
        if response and whole_line:
            # The code is whole: diagnosed, with the cut said; Call-ID and CSeq were not captured, so no
            # request link; a 503 whose Retry-After was cut off is not called one without Retry-After.
            code = int(msg.start.split()[1])
            expect = R(None, experts=items(str(code), "truncated"), fields={"sipdiag.code": [str(code)]},
                       messages=["Only %d of the %d bytes of this response were captured (snaplen): the headers "
                                 "after that cannot be read" % (sip, len(data))])
            if code == 503:
                expect["fields"]["sipdiag.hint.note"] = []
        elif response and sip < len("SIP/2.0 503 "):
            # "SIP/2.0 48" is what the snaplen left, not what the server sent: a cut, not an invalid code.
            expect = R(None, experts=items("truncated"), fields={"sipdiag.severity": ["note"], "sipdiag.code": []},
                       messages=['Status line cut by the capture (snaplen) after %d of %d bytes: "%s"; the status code '
                                 'cannot be read' % (sip, len(data), data[:sip].decode())])
        elif response:
            code = int(msg.start.split()[1])
            expect = R(None, fields={"sipdiag.code": []},
                       todo={"experts": items(str(code)),
                             "why": "the code 503 was captured (\"%s\"), the status line was not whole: sipdiag "
                                    "should diagnose it" % data[:sip].decode()})
        c.send(n + step * 0.020, from_caller, msg, note, expect, ws,
               code=int(msg.start.split()[1]) if response else None, snaplen=snaplen)
    c.select("sipdiag.code", "the responses whose status line is whole are diagnosed", has_field("sipdiag.code"))
    c.select("sipdiag.request_frame", "no request link when Call-ID and CSeq were not captured",
             has_field("sipdiag.request_frame"))
    return c

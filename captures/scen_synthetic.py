"""scen_synthetic.py — the synthetic captures (every registered code, the vendor
phrases, several SIP messages per TCP segment, odd status lines) as builder
scenarios; build.py registers them.

They were made by text2pcap until the tests/structure work: the SIP messages,
their order and the frame numbers are the same as then, the bytes around them
are the builder's. Each response's expectations are worked out below from what
was sent and README.md's policy (severity table, rows for other methods,
unregistered and invalid codes), not read from sipdiag's output; the manifest
summary adds what a display filter and `-z expert` must select, counted from
those per-frame expectations so no frame number is written twice.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import re
from collections import Counter

from sipflow import Capture, R, TcpConn, request, via

T0 = 1704110400.0           # 2024-01-01 12:00:00 UTC, as in the text2pcap captures
UAC, UAS = ("192.0.2.10", 5060), ("192.0.2.20", 5060)

# ---------------------------------------------------------------- what README.md says sipdiag does

# The IANA "Response Codes" registry with README.md's severity policy ("Severity policy"), in
# registry order. 202 is "Accepted (Deprecated)" in the registry; the remark is not part of the phrase.
REGISTRY = [
    (100, "Trying", "chat"), (180, "Ringing", "chat"), (181, "Call Is Being Forwarded", "chat"),
    (182, "Queued", "chat"), (183, "Session Progress", "chat"), (199, "Early Dialog Terminated", "chat"),
    (200, "OK", "chat"), (202, "Accepted", "chat"), (204, "No Notification", "chat"),
    (300, "Multiple Choices", "note"), (301, "Moved Permanently", "note"), (302, "Moved Temporarily", "note"),
    (305, "Use Proxy", "warning"), (380, "Alternative Service", "note"),
    (400, "Bad Request", "warning"), (401, "Unauthorized", "chat"), (402, "Payment Required", "warning"),
    (403, "Forbidden", "warning"), (404, "Not Found", "warning"), (405, "Method Not Allowed", "warning"),
    (406, "Not Acceptable", "warning"), (407, "Proxy Authentication Required", "chat"),
    (408, "Request Timeout", "error"), (410, "Gone", "warning"), (412, "Conditional Request Failed", "note"),
    (413, "Request Entity Too Large", "warning"), (414, "Request-URI Too Long", "warning"),
    (415, "Unsupported Media Type", "warning"), (416, "Unsupported URI Scheme", "warning"),
    (417, "Unknown Resource-Priority", "warning"), (420, "Bad Extension", "warning"),
    (421, "Extension Required", "warning"), (422, "Session Interval Too Small", "note"),
    (423, "Interval Too Brief", "note"), (424, "Bad Location Information", "warning"),
    (425, "Bad Alert Message", "warning"), (428, "Use Identity Header", "warning"),
    (429, "Provide Referrer Identity", "warning"), (430, "Flow Failed", "warning"),
    (433, "Anonymity Disallowed", "warning"), (436, "Bad Identity Info", "warning"),
    (437, "Unsupported Credential", "warning"), (438, "Invalid Identity Header", "warning"),
    (439, "First Hop Lacks Outbound Support", "warning"), (440, "Max-Breadth Exceeded", "warning"),
    (469, "Bad Info Package", "warning"), (470, "Consent Needed", "warning"),
    (480, "Temporarily Unavailable", "note"), (481, "Call/Transaction Does Not Exist", "warning"),
    (482, "Loop Detected", "warning"), (483, "Too Many Hops", "warning"), (484, "Address Incomplete", "warning"),
    (485, "Ambiguous", "warning"), (486, "Busy Here", "note"), (487, "Request Terminated", "note"),
    (488, "Not Acceptable Here", "warning"), (489, "Bad Event", "warning"), (491, "Request Pending", "note"),
    (493, "Undecipherable", "warning"), (494, "Security Agreement Required", "warning"),
    (500, "Server Internal Error", "error"), (501, "Not Implemented", "warning"), (502, "Bad Gateway", "error"),
    (503, "Service Unavailable", "error"), (504, "Server Time-out", "error"),
    (505, "Version Not Supported", "warning"), (513, "Message Too Large", "warning"),
    (555, "Push Notification Service Not Supported", "warning"), (580, "Precondition Failure", "warning"),
    (600, "Busy Everywhere", "note"), (603, "Decline", "note"), (604, "Does Not Exist Anywhere", "warning"),
    (606, "Not Acceptable", "warning"), (607, "Unwanted", "warning"), (608, "Rejected", "warning"),
]
PHRASE = {code: phrase for code, phrase, _ in REGISTRY}
SEVERITY = {code: sev for code, _, sev in REGISTRY}

# The rows of README.md "The same code for another method" that these captures meet: (code, CSeq
# method) -> (sipdiag.knowledge, severity). Every other pair speaks with the code's own text.
METHOD_ROWS = {
    (200, "BYE"): ("200/non-INVITE", "chat"),
    (405, "MESSAGE"): ("405/optional", "note"),       # MESSAGE is an optional method (RFC 3428)
    (481, "BYE"): ("481/BYE", "note"),
    (489, "SUBSCRIBE"): ("489/SUBSCRIBE", "warning"),
}

# PortaSIP's phrases that sipdiag knows as variants of the registered ones (README.md, sipdiag.reason_note).
VENDOR_VARIANTS = {(481, "Call Leg/Transaction Does Not Exist"), (487, "Request Cancelled"),
                   (502, "DNS Data Incorrect"), (603, "Declined"), (606, "Not Acceptable Here")}

MISMATCH = "sipdiag.expert.reason_mismatch"
UNRECOGNISED = "sipdiag.expert.unrecognised"
INVALID = "sipdiag.expert.invalid_code"
MALFORMED = "sipdiag.expert.malformed_status_line"


def wireshark_takes(status_line):
    """Wireshark's SIP dissector takes "SIP/2.0", a space, exactly three digits and a space as a
    status line, whatever the digits; anything else on UDP it leaves to the data dissector."""
    return re.match(r"SIP/2\.0 \d{3} ", status_line) is not None


def diagnosis(status_line, method):
    """What sipdiag must show for one response, from its status line and CSeq method:
    (fields, expect). `fields` lists each diagnosis field's value (one response, so one value);
    `expect` holds the expert items and message pieces (checked by test_frames.py)."""
    m = re.match(r"SIP/2\.0 (\S+)(?: (.*))?$", status_line)
    text, phrase = m.group(1), m.group(2) or ""
    experts, no_experts, messages = [], [], []
    if not wireshark_takes(status_line):
        # A message starting SIP/2.0 that the SIP dissector did not decode: sipdiag says so.
        experts.append(MALFORMED)
    else:
        no_experts.append(MALFORMED)
    if not re.fullmatch(r"\d{3}", text) or not 100 <= int(text) <= 699:
        # Not a status code at all: nothing to look up, so only the code (when it is a number)
        # and a warning (README: "a status code that is not valid at all is a warning").
        experts.append(INVALID)
        if re.fullmatch(r"\d{3}", text):
            messages.append("Status code %s is outside the range 100-699 that RFC 3261 allows" % text)
        else:
            messages.append('Status code "%s" is not three digits' % text)
        fields = {"sipdiag.code": [int(text)] if re.fullmatch(r"\d{3}", text) else [], "sipdiag.severity": ["warning"]}
        return fields, {"experts": experts, "no_experts": no_experts + [UNRECOGNISED], "messages": messages}
    code = int(text)
    no_experts.append(INVALID)
    if code in PHRASE:
        handled = code
        no_experts.append(UNRECOGNISED)
        if phrase == "":
            experts.append(MISMATCH)
            messages.append('Empty reason phrase (allowed by RFC 3261 §25.1); registered phrase is "%s"'
                            % PHRASE[code])
        elif phrase.lower() != PHRASE[code].lower() and (code, phrase) not in VENDOR_VARIANTS:
            experts.append(MISMATCH)
            messages.append('Reason phrase "%s" differs from the registered "%s"' % (phrase, PHRASE[code]))
        else:
            no_experts.append(MISMATCH)
    else:
        # RFC 3261 §8.1.3.2: an unregistered final code xyz is handled as x00, a provisional one as 183.
        # It has no registered phrase to differ from.
        handled = 183 if code < 200 else code // 100 * 100
        experts.append(UNRECOGNISED)
        no_experts.append(MISMATCH)
        messages.append("%d (unregistered, handled as %d %s): " % (code, handled, PHRASE[handled]))
    knowledge, severity = METHOD_ROWS.get((handled, method), (str(handled), SEVERITY[handled]))
    # A row that keeps the code's severity raises the code's item, one with another severity its own.
    experts.append("sipdiag.expert.%d" % handled if severity == SEVERITY[handled]
                   else "sipdiag.expert.method_" + severity)
    fields = {"sipdiag.code": [code], "sipdiag.class": [code // 100], "sipdiag.reason": [phrase],
              "sipdiag.standard_reason": [PHRASE[handled]], "sipdiag.severity": [severity],
              "sipdiag.method": [method], "sipdiag.knowledge": [knowledge]}
    expect = {"experts": experts, "no_experts": no_experts}
    if messages:
        expect["messages"] = messages
    return fields, expect


class SyntheticCapture(Capture):
    """A Capture whose manifest summary also says what filters select and what `-z expert` counts
    (build.py's build() puts `filters` and `expert_summary` into the summary)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters = []             # {"filter", "frames", "why", and "options" / "plain" when used}
        self.expert_summary = {}      # {"counts": {"Errors": n, ...}, "lines": [pieces of -z expert's lines]}

    def select(self, flt, why, test, **more):
        """States that display filter `flt` selects exactly the frames whose expectations pass `test`."""
        frames = [e["frame"] for e in self.manifest if "expect" in e and test(e["expect"])]
        self.filters.append(dict(filter=flt, frames=frames, why=why, **more))


def sev(e):
    return e.get("fields", {}).get("sipdiag.severity", [])


def has(item):
    return lambda e: item in e.get("experts", [])


def count_severities(c):
    """-z expert's group counts when every response raises exactly one expert item, at its severity."""
    n = Counter(s for e in c.manifest if "expect" in e for s in sev(e["expect"]))
    names = {"error": "Errors", "warning": "Warns", "note": "Notes", "chat": "Chats"}
    return {names[s]: n[s] for s in ("error", "warning", "note", "chat") if n[s]}


# ---------------------------------------------------------------- UDP responses

def udp_response(status_line, method, ident, extra=()):
    """The response of the UAS at 192.0.2.20 to a request (not captured) from 192.0.2.10; `ident`
    makes Call-ID, tags and branch unique. The status line is taken as written: some are malformed."""
    # A REGISTER's To is the address being registered: the caller's own.
    to = "<sip:alice@example.com>" if method == "REGISTER" else "<sip:bob@example.com>"
    req = request(method, "sip:" + to[5:-1], via("192.0.2.10:5060", "z9hG4bK-" + ident), ident + "@192.0.2.10", 1,
                  '"Alice" <sip:alice@example.com>;tag=uac-' + ident, to)
    # A 100 Trying is hop-by-hop and carries no To tag.
    resp = req.response(100, "", to_tag=None if status_line.startswith("SIP/2.0 100 ") else "uas-" + ident,
                        extra=list(extra) + [("Server", "sipdiag-testgen/1.0")])
    resp.start = status_line
    # The server notes the address the request came from (RFC 3261 §18.2.1).
    resp.headers[0] = ("Via", resp.headers[0][1] + ";received=192.0.2.10")
    return resp


def send_udp(c, t, msg, note, expect):
    """Capture.udp, also for a status code that is not a number (its manifest `code` is the text sent)."""
    text = msg.start.split()[1]
    if text.isdigit():
        return c.udp(t, UAS, UAC, msg, note, expect)
    entry = {"kind": "sip", "transport": "UDP", "src": "%s:%d" % UAS, "dst": "%s:%d" % UAC, "start_line": msg.start,
             "cseq": msg.get("CSeq"), "top_via": msg.vias()[0], "note": note, "code": text, "expect": dict(expect)}
    return c._raw(t, c.net.udp(UAS, UAC, msg.encode()), entry)


def one_per_datagram(c, ident_of, rows):
    """rows: (status line, CSeq method, extra headers, note); frame n is row n, sent at n seconds;
    ident_of(n, code text) names its Call-ID, tags and branch."""
    for n, (status_line, method, extra, note) in enumerate(rows, 1):
        ident = ident_of(n, status_line.split()[1])
        fields, expect = diagnosis(status_line, method)
        expect.update(R(None))          # every request precedes the capture; every Call-ID is new
        expect["fields"] = fields
        f = send_udp(c, float(n), udp_response(status_line, method, ident, extra), note, expect)
        # What Wireshark makes of the datagram (tests check it: the expectations above rely on it).
        c.manifest[f - 1]["wireshark"] = "SIP response" if wireshark_takes(status_line) else "data, not SIP"


CONTACT_B = ("Contact", "<sip:bob@192.0.2.20:5060>")

# (code, CSeq method, headers): the method is what that code answers where it is not INVITE
# (202 REFER; 204 a conditional SUBSCRIBE, RFC 5839; ...); the headers are those RFCs require or
# suggest with the code.
ALL_CODES = [
    (100, "INVITE", []), (180, "INVITE", [CONTACT_B]), (181, "INVITE", [CONTACT_B]), (182, "INVITE", [CONTACT_B]),
    (183, "INVITE", [CONTACT_B]), (199, "INVITE", [CONTACT_B, ("Reason", 'SIP;cause=486;text="Busy Here"')]),
    (200, "INVITE", [CONTACT_B]), (202, "REFER", [CONTACT_B]), (204, "SUBSCRIBE", [CONTACT_B, ("Expires", "3600")]),
    (300, "INVITE", [("Contact", "<sip:bob@198.51.100.1>, <sip:bob@198.51.100.2>")]),
    (301, "INVITE", [("Contact", "<sip:bob@198.51.100.1>")]), (302, "INVITE", [("Contact", "<sip:bob@198.51.100.1>")]),
    (305, "INVITE", [("Contact", "<sip:proxy.example.net>")]),
    (380, "INVITE", [("Contact", "<sip:voicemail@example.com>")]),
    (400, "INVITE", []),
    (401, "REGISTER", [("WWW-Authenticate", 'Digest realm="example.com", nonce="4e6f6e63652d616c6c2d636f646573", '
                                            'algorithm=MD5, qop="auth"')]),
    (402, "INVITE", []), (403, "INVITE", []), (404, "INVITE", []),
    (405, "MESSAGE", [("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS")]), (406, "INVITE", []),
    (407, "INVITE", [("Proxy-Authenticate", 'Digest realm="example.com", nonce="50726f78792d616c6c2d636f646573", '
                                            'algorithm=MD5, qop="auth"')]),
    (408, "INVITE", []), (410, "INVITE", []), (412, "PUBLISH", []), (413, "MESSAGE", []), (414, "INVITE", []),
    (415, "INVITE", [("Accept", "application/sdp")]), (416, "INVITE", []),
    (417, "INVITE", [("Accept-Resource-Priority", "dsn.flash, dsn.routine")]),
    (420, "INVITE", [("Unsupported", "foo")]), (421, "INVITE", [("Require", "100rel")]),
    (422, "INVITE", [("Min-SE", "1800")]), (423, "REGISTER", [("Min-Expires", "3600")]),
    (424, "INVITE", []), (425, "INVITE", []), (428, "INVITE", []), (429, "REFER", []), (430, "INVITE", []),
    (433, "INVITE", []), (436, "INVITE", []), (437, "INVITE", []), (438, "INVITE", []), (439, "REGISTER", []),
    (440, "INVITE", []), (469, "INFO", [("Recv-Info", "dtmf")]), (470, "INVITE", []), (480, "INVITE", []),
    (481, "BYE", []), (482, "INVITE", []), (483, "INVITE", []), (484, "INVITE", []), (485, "INVITE", []),
    (486, "INVITE", []), (487, "INVITE", []),
    (488, "INVITE", [("Warning", '305 192.0.2.20 "Incompatible media format"')]),
    (489, "SUBSCRIBE", [("Allow-Events", "presence")]), (491, "INVITE", []), (493, "INVITE", []),
    (494, "REGISTER", [("Security-Server", "digest;q=0.1")]),
    (500, "INVITE", []), (501, "INVITE", []), (502, "INVITE", []), (503, "INVITE", [("Retry-After", "120")]),
    (504, "INVITE", []), (505, "INVITE", []), (513, "INVITE", []), (555, "REGISTER", []), (580, "INVITE", []),
    (600, "INVITE", []), (603, "INVITE", []), (604, "INVITE", []), (606, "INVITE", []), (607, "INVITE", []),
    (608, "INVITE", []),
]


def all_codes():
    """Every code of the IANA registry, one response per datagram, ascending: frame n is the n-th code."""
    c = SyntheticCapture("all-codes", "One SIP response per UDP datagram, 192.0.2.20:5060 to 192.0.2.10:5060, for "
                         "each of the 75 codes of the IANA Response Codes registry in ascending order (frame 1 = 100 "
                         "Trying ... frame 75 = 608 Rejected) with its registered reason phrase, the CSeq method "
                         "that code answers and the headers RFCs require or suggest with it.", t0=T0)
    assert [code for code, _, _ in ALL_CODES] == [code for code, _, _ in REGISTRY]
    one_per_datagram(c, lambda n, code: "ac-%02d-%s" % (n, code),
                     [("SIP/2.0 %d %s" % (code, PHRASE[code]), method, extra, "%d %s" % (code, method))
                      for code, method, extra in ALL_CODES])
    c.select('_ws.expert.severity >= "Warning"', "the responses that need a human: those rated warning or error",
             lambda e: sev(e)[0] in ("warning", "error"))
    c.select('sipdiag.severity == "error"', "408, 500, 502, 503, 504 (430 is a warning)",
             lambda e: sev(e) == ["error"])
    c.select("sipdiag.class == 6", "the 6xx", lambda e: e["fields"]["sipdiag.class"] == [6])
    c.select("sipdiag.expert.486", "a per-code expert item", has("sipdiag.expert.486"))
    c.select(MISMATCH, "every phrase is the registered one", has(MISMATCH))
    c.select("sipdiag.unrecognised", "every code is registered", has(UNRECOGNISED))
    # Wireshark's own expert severity table overrides one code's severity by item name.
    c.select('_ws.expert.severity == "Error"', "the errors and the 486, made an error through the expert_severity UAT",
             lambda e: sev(e) == ["error"] or has("sipdiag.expert.486")(e),
             options=["-o", 'uat:expert_severity:"sipdiag.expert.486","Error"'])
    # No phrase differs and every code is registered: one expert item per response.
    c.expert_summary = {"counts": count_severities(c), "lines": ["SIPDIAG  486 Busy Here: callee is on another call"]}
    return c


# The vendor (PortaSIP) table: its 21 codes with the vendor's phrases, ascending.
VENDOR = [
    (400, "Bad Request", "INVITE", []),
    (401, "Unauthorized", "INVITE", [("WWW-Authenticate", 'Digest realm="example.com", nonce="56656e646f722d343031", '
                                                          'algorithm=MD5')]),
    (403, "Forbidden", "INVITE", []), (404, "Not Found", "INVITE", []),
    (405, "Method Not Allowed", "INVITE", [("Allow", "ACK, BYE, CANCEL, OPTIONS")]),
    (408, "Request Timeout", "INVITE", []), (415, "Unsupported Media Type", "INVITE", [("Accept", "application/sdp")]),
    (480, "Temporarily Unavailable", "INVITE", []), (481, "Call Leg/Transaction Does Not Exist", "BYE", []),
    (482, "Loop Detected", "INVITE", []), (483, "Too Many Hops", "INVITE", []), (486, "Busy Here", "INVITE", []),
    (487, "Request Cancelled", "INVITE", []), (488, "Not Acceptable Here", "INVITE", []),
    (489, "Bad Event", "SUBSCRIBE", []), (500, "Server Internal Error", "INVITE", []),
    (501, "Not Implemented", "INVITE", []), (502, "DNS Data Incorrect", "INVITE", []),
    (503, "Service Unavailable", "INVITE", []), (603, "Declined", "INVITE", []),
    (606, "Not Acceptable Here", "INVITE", []),
]


def vendor_phrases():
    """The vendor's own reason phrases: recognised as variants and explained, not flagged."""
    c = SyntheticCapture("vendor-phrases", "The 21 codes of the vendor (PortaSIP) table, ascending, one response per "
                         "UDP datagram, each with the vendor's reason phrase exactly (481 'Call Leg/Transaction Does "
                         "Not Exist', 487 'Request Cancelled', 502 'DNS Data Incorrect', 603 'Declined', 606 'Not "
                         "Acceptable Here'); CSeq INVITE except 481 (BYE) and 489 (SUBSCRIBE).", t0=T0)
    rows = []
    for code, phrase, method, extra in VENDOR:
        variant = (code, phrase) in VENDOR_VARIANTS
        rows.append(("SIP/2.0 %d %s" % (code, phrase), method, extra,
                     "%d %s%s" % (code, method, ", vendor phrase" if variant else "")))
    one_per_datagram(c, lambda n, code: "vp-%02d-%s" % (n, code), rows)
    for e in c.manifest:
        if (e["code"], e["start_line"].split(" ", 2)[2]) in VENDOR_VARIANTS:
            # The note on a variant says whose phrase it is.
            e["expect"]["contains"] = {"sipdiag.reason_note": "PortaSIP"}
    c.select(MISMATCH, "a known vendor phrase is not a mismatch", has(MISMATCH))
    c.select("sipdiag.reason_note", "the five phrases that differ from the registry carry a note",
             lambda e: "sipdiag.reason_note" in e.get("contains", {}))
    c.select('_ws.expert.severity >= "Warning"', "the responses that need a human: those rated warning or error",
             lambda e: sev(e)[0] in ("warning", "error"))
    c.expert_summary = {"counts": count_severities(c)}
    return c


ODD_CODES = [
    ("SIP/2.0 499 Custom Failure", "unregistered 4xx"),
    ("SIP/2.0 599 Custom Server Failure", "unregistered 5xx"),
    ("SIP/2.0 199 Custom Progress", "199 is registered (Early Dialog Terminated, RFC 6228): a foreign phrase"),
    ("SIP/2.0 299 Custom OK", "unregistered 2xx"),
    ("SIP/2.0 000 Zero", "three digits, out of range (Wireshark: Status-Code 0)"),
    ("SIP/2.0 099 Too Low", "out of range"),
    ("SIP/2.0 700 Too High", "out of range"),
    ("SIP/2.0 999 Way Too High", "out of range"),
    ("SIP/2.0 1000 Four Digits", "four digits: Wireshark's SIP dissector rejects it, the datagram is Data"),
    ("SIP/2.0 4x6 Letters", "letters: rejected, Data"),
    ("SIP/2.0 486 ", "empty phrase after the space (kept)"),
    ("SIP/2.0 404", "empty phrase, no space: rejected, Data"),
    ("SIP/2.0 486 busy here", "the registered phrase in lower case"),
    ("SIP/2.0 486 User Busy", "a phrase of its own"),
    ("SIP/2.0 198 Custom Progress", "unregistered 1xx"),
]


def odd_codes():
    """Unregistered, out-of-range and malformed status codes, empty and unusual phrases."""
    c = SyntheticCapture("odd-codes", "One response per UDP datagram (CSeq INVITE) whose status line is "
                         "unregistered, out of range or malformed: 499, 599, 199 with a foreign phrase, 299, 000, 099, "
                         "700, 999, 1000, 4x6, 486 with an empty phrase, 404 without the space, 486 in lower case, 486 "
                         "'User Busy', 198.", t0=T0)
    one_per_datagram(c, lambda n, code: "odd-%02d" % n, [(status, "INVITE", [], note) for status, note in ODD_CODES])
    c.select(UNRECOGNISED, "unregistered codes (RFC 3261 §8.1.3.2)", has(UNRECOGNISED))
    c.select(INVALID, "invalid codes", has(INVALID))
    c.select(MALFORMED, "status lines Wireshark's SIP dissector rejected", has(MALFORMED))
    c.select(MISMATCH, "reason phrase empty or different", has(MISMATCH))
    c.select('_ws.expert.severity >= "Warning"', "responses that need a human",
             lambda e: sev(e)[0] in ("warning", "error"))
    # With neither a tree nor a sipdiag field asked for, sipdiag skips the diagnosis fields, not the
    # expert items: a plain -Y on the message (tshark's one-line summaries) and -z expert still find them.
    c.select('_ws.expert.message contains "eason phrase"', "the phrase findings, found without the tree",
             has(MISMATCH), plain=True)
    c.expert_summary = {"lines": [m for e in c.manifest for m in e["expect"].get("messages", [])]}
    return c


# ---------------------------------------------------------------- TCP

def sdp_offer(sid, port):
    ip = UAC[0]
    return ("v=0\r\no=alice %s %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio %d RTP/AVP 0 8 101\r\n"
            "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            "a=fmtp:101 0-15\r\na=sendrecv\r\n" % (sid, sid, ip, ip, port)).encode()


SDP_ANSWER = ("v=0\r\no=bob 3344556677 3344556677 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\n"
              "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
              "a=fmtp:101 0-15\r\na=sendrecv\r\n").encode()


def tcp_multi():
    """Several SIP messages in one TCP segment, and one message in two segments."""
    c = SyntheticCapture("tcp-multi", "One TCP connection 192.0.2.10:49152 (caller) - 192.0.2.20:5060 (callee), "
                         "without handshake, three calls: a segment with 180 and 486; a segment with a 200 and the "
                         "callee's BYE; a 503 split inside its CSeq line over two segments.", t0=T0)
    A, B = ("192.0.2.10", 49152), ("192.0.2.20", 5060)
    conn = TcpConn(c, A, B)
    # The text2pcap capture had no handshake; frame numbers (and test_formats.sh's 11 frames) depend on that.
    conn.open = True
    alice, bob = '"Alice" <sip:alice@example.com>', "<sip:bob@example.com>"
    contact_a = ("Contact", "<sip:alice@192.0.2.10:49152;transport=tcp>")
    contact_b = ("Contact", "<sip:bob@192.0.2.20:5060;transport=tcp>")

    def frame(t, from_client, msgs, note, expect=None, cut=None, **more):
        """One segment carrying msgs (whole, or bytes [cut[0]:cut[1]] of the one message); the manifest
        describes its first message (other messages under `more_messages`)."""
        data = b"".join(m.encode() for m in msgs)
        if cut:
            data = data[cut[0]:cut[1]]
        src, dst = (A, B) if from_client else (B, A)
        entry = c._entry("TCP", src, dst, msgs[0], note, expect)
        if len(msgs) > 1:
            entry["more_messages"] = [{"start_line": m.start, "cseq": m.get("CSeq")} for m in msgs[1:]]
        entry.update(more)
        return c._raw(t, conn.segment(t, from_client, data), entry)

    def invite(n, sid, port):
        return request("INVITE", "sip:bob@example.com", via("192.0.2.10:49152", "z9hG4bK-tcp-%da" % n, "TCP"),
                       "tcp-multi-call%d@192.0.2.10" % n, 1, "%s;tag=uac-tcp-%d" % (alice, n), bob, extra=[contact_a],
                       body=sdp_offer(sid, port))

    def ack(inv, n, uri="sip:bob@example.com", branch=None):
        return request("ACK", uri, via("192.0.2.10:49152", branch or "z9hG4bK-tcp-%da" % n, "TCP"), inv.get("Call-ID"),
                       1, inv.get("From"), "%s;tag=uas-tcp-%d" % (bob, n))

    # Call 1: one segment carries the 180 and the 486.
    inv = invite(1, 1001, 49170)
    f_inv = frame(1.00, True, [inv], "INVITE with SDP offer (call 1)")
    r180 = inv.response(180, "Ringing", to_tag="uas-tcp-1", extra=[contact_b])
    r486 = inv.response(486, "Busy Here", to_tag="uas-tcp-1")
    f2 = {}
    for r in (r180, r486):
        fields, expect = diagnosis(r.start, r.method)
        for k, v in fields.items():
            f2.setdefault(k, []).extend(v)
        for k in ("experts", "no_experts"):
            f2.setdefault(k, []).extend(expect[k])
    # Two responses in one frame: every value is a list in response order (check_frame compares one value).
    fields2 = {k: v for k, v in f2.items() if k.startswith("sipdiag.")}
    fields2["sipdiag.request_frame"] = [f_inv, f_inv]
    frame(1.20, False, [r180, r486], "two complete responses in one segment",
          {"fields": fields2, "experts": f2["experts"],
           "no_experts": sorted(set(f2["no_experts"]) - set(f2["experts"]))})
    frame(1.30, True, [ack(inv, 1)], "ACK for the 486 (same branch as the INVITE)")

    # Call 2: one segment carries the 200 and the callee's BYE (its own CSeq space: 101).
    inv = invite(2, 2002, 49172)
    f_inv = frame(2.00, True, [inv], "INVITE with SDP offer (call 2)")
    r200 = inv.response(200, "OK", to_tag="uas-tcp-2", extra=[contact_b, ("Content-Type", "application/sdp")],
                        body=SDP_ANSWER)
    bye = request("BYE", "sip:alice@192.0.2.10:49152;transport=tcp", via("192.0.2.20:5060", "z9hG4bK-tcp-2b", "TCP"),
                  inv.get("Call-ID"), 101, "%s;tag=uas-tcp-2" % bob, inv.get("From"))
    fields, expect = diagnosis(r200.start, r200.method)      # the BYE after it must not lend its method
    expect.update(R(f_inv), fields=fields)
    f_200 = frame(2.20, False, [r200, bye], "response (with SDP body) followed by a request (the callee's BYE) in one "
                  "segment", expect)
    f_bye = f_200       # the BYE came in the 200's segment
    c.acked(f_200, frame(2.30, True, [ack(inv, 2, "sip:bob@192.0.2.20:5060;transport=tcp", "z9hG4bK-tcp-2c")],
                         "ACK for the 200 (new branch)"))
    ok = bye.response(200, "OK")
    fields, expect = diagnosis(ok.start, ok.method)
    expect.update(R(f_bye), fields=fields)
    frame(2.40, True, [ok], "200 OK to the BYE, caller to callee", expect)

    # Call 3: a 503 cut inside its CSeq line ("CSeq: 1 I" | "NVITE ...").
    inv = invite(3, 3003, 49174)
    f_inv = frame(3.00, True, [inv], "INVITE with SDP offer (call 3)")
    r503 = inv.response(503, "Service Unavailable", to_tag="uas-tcp-3",
                        extra=[("Retry-After", "120"), ("Server", "sipdiag-testgen/1.0")])
    cut = r503.encode().index(b"CSeq: 1 INVITE") + len(b"CSeq: 1 I")
    f9 = len(c.frames) + 1
    f10 = f9 + 1
    c._raw(3.20, conn.segment(3.20, False, r503.encode()[:cut]),
           {"kind": "tcp-segment", "transport": "TCP", "src": "%s:%d" % B, "dst": "%s:%d" % A,
            "note": "the first %d bytes of the 503 (cut inside the CSeq line): no complete SIP message" % cut,
            "reassembled_in": f10})
    fields, expect = diagnosis(r503.start, r503.method)
    expect.update(R(f_inv), fields=fields)
    f_503 = frame(3.21, False, [r503], "the rest of the 503: reassembled from frames %d and %d, shown here" % (f9, f10),
                  expect, cut=(cut, None), segments=[f9, f10])
    c.acked(f_503, frame(3.30, True, [ack(inv, 3)], "ACK for the 503"))
    c.select("sipdiag.code", "the frames where a response ends", lambda e: "fields" in e)
    return c

"""conftest.py — runs the built sipdiag inside Debian's real tshark, once per
capture and mode, and hands the tests what it printed, parsed.

In the shape of Wireshark's own test/suite_dissection.py: a session fixture
caches each (capture, mode) run, so many parametrized assertions share one
tshark start. Wireshark ignores personal plugins when the real uid is 0, so as
root tshark runs as "nobody" with the plugin, captures and a config folder in a
temporary folder that user can read.

Environment (set by ctest): SIPDIAG_PLUGIN (sipdiag.so), SIPDIAG_WS_VERSION
("4.0"), SIPDIAG_CAPTURES (captures/).

SPDX-License-Identifier: GPL-2.0-or-later
"""

import glob
import json
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET

import pytest

CAPTURES = os.environ.get("SIPDIAG_CAPTURES", os.path.join(os.path.dirname(__file__), "..", "..", "captures"))


def manifest(name):
    with open(os.path.join(CAPTURES, name + ".json")) as f:
        return json.load(f)


def scenarios():
    """The captures that have a JSON manifest from the builder."""
    names = []
    for path in sorted(glob.glob(os.path.join(CAPTURES, "*.json"))):
        with open(path) as f:
            if "frames" in json.load(f):
                names.append(os.path.basename(path)[:-5])
    return names


def response_frames(name):
    """(capture, frame entry) for every response the manifest has expectations for."""
    return [(name, e) for e in manifest(name)["frames"] if "expect" in e]


FIELDS = ["sipdiag.request_frame", "sipdiag.retransmission", "sipdiag.duplicate", "sipdiag.related_frame",
          "sipdiag.dialog_impact", "sipdiag.ack_frame", "sipdiag.knowledge", "sipdiag.severity",
          "sipdiag.sip_reason.phrase", "sipdiag.call.verdict", "sipdiag.call.code", "sipdiag.call.setup_delay",
          "sipdiag.call.duration", "sipdiag.call.hops", "sipdiag.call.disconnect_delay", "sipdiag.registration",
          "sipdiag.registration.delay"]


def shown(value):
    """How a manifest value appears in PDML's show attribute."""
    return str(value)


def normalised(values, want):
    """PDML shows a boolean as "1" up to Wireshark 4.2 and as "True" from 4.4."""
    return ["True" if v == "1" and want is True else v for v in values]


def check_frame(frames, capture, entry, two_pass=False):
    got = frames.get(entry["frame"], {"fields": {}, "experts": [], "messages": []})
    want = dict(entry["expect"])
    # Findings that later frames reveal land elsewhere in one pass than with two (README, Silent failures).
    want.update(want.pop("two_pass" if two_pass else "one_pass", {}))
    want.pop("one_pass", None)
    want.pop("two_pass", None)
    # The ACK comes after its response: one pass cannot show it there (README, Context).
    if "sipdiag.ack_frame" in want and not two_pass:
        want["sipdiag.ack_frame"] = None
    where = "%s frame %d (%s)" % (capture, entry["frame"], entry.get("note", ""))
    for field in FIELDS:
        if field not in want:
            continue
        values = got["fields"].get(field, [])
        if want[field] is None:
            assert values == [], "%s: %s should be absent, is %s" % (where, field, values)
        elif field == "sipdiag.dialog_impact":
            assert values and values[0].startswith(want[field]), "%s: %s is %s" % (where, field, values)
        else:
            assert normalised(values, want[field]) == [shown(want[field])], "%s: %s is %s, want %s" % (where, field, values,
                                                                                        want[field])
    for field, piece in want.get("contains", {}).items():
        values = got["fields"].get(field, [])
        assert any(piece in v for v in values), "%s: %s %s lacks %r" % (where, field, values, piece)
    if "context" in want:
        ctx = got["fields"].get("sipdiag.context", [])
        assert any(want["context"] in c for c in ctx), "%s: context %s lacks %r" % (where, ctx, want["context"])
    for e in want.get("experts", []):
        assert e in got["experts"], "%s: expert item %s missing (has %s)" % (where, e, got["experts"])
    for e in want.get("no_experts", []):
        assert e not in got["experts"], "%s: expert item %s present" % (where, e)
    for piece in want.get("messages", []):
        assert any(piece in m for m in got["messages"]), "%s: no expert message has %r (%s)" % (where, piece,
                                                                                               got["messages"])
    if "clock_jump_from" in want:
        assert any("between frame %d and this frame" % want["clock_jump_from"] in m for m in got["messages"]), \
            "%s: clock jump message %s" % (where, got["messages"])


def frames_with_expectations(scenarios):
    """pytest parameters (capture, manifest entry) for every frame with expectations."""
    out = []
    for name in scenarios:
        out += [pytest.param(name, e, id="%s:%d" % (name, e["frame"])) for name, e in response_frames(name)]
    return out


class Tshark:
    def __init__(self):
        plugin = os.environ.get("SIPDIAG_PLUGIN")
        version = os.environ.get("SIPDIAG_WS_VERSION")
        if not plugin or not version or shutil.which("tshark") is None:
            pytest.fail("needs tshark, SIPDIAG_PLUGIN and SIPDIAG_WS_VERSION (ctest sets them)")
        self.work = tempfile.mkdtemp(prefix="sipdiag-pytest.")
        os.chmod(self.work, 0o755)
        plugdir = os.path.join(self.work, "plugins", version, "epan")
        os.makedirs(plugdir)
        shutil.copy(plugin, plugdir)
        self.config = os.path.join(self.work, "config")
        os.makedirs(self.config)
        os.chmod(self.config, 0o777)
        self.caps = os.path.join(self.work, "captures")
        shutil.copytree(CAPTURES, self.caps, ignore=shutil.ignore_patterns("*.sh", "*.py", "*.md", "sipp"))
        for root, dirs, files in os.walk(self.work):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
        os.chmod(self.config, 0o777)
        self.as_user = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"] \
            if os.getuid() == 0 else []
        self.cache = {}

    def run(self, capture, *args):
        key = (capture,) + args
        if key not in self.cache:
            env = dict(os.environ, HOME=self.config, WIRESHARK_PLUGIN_DIR=os.path.join(self.work, "plugins"),
                       WIRESHARK_CONFIG_DIR=self.config)
            cmd = self.as_user + ["env", "HOME=" + self.config, "WIRESHARK_CONFIG_DIR=" + self.config,
                                  "WIRESHARK_PLUGIN_DIR=" + os.path.join(self.work, "plugins"), "tshark",
                                  "-r", os.path.join(self.caps, capture + ".pcap")] + list(args)
            p = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
            assert p.returncode == 0, "tshark %s failed: %s" % (" ".join(args), p.stderr)
            self.cache[key] = p.stdout
        return self.cache[key]

    def pdml(self, capture, two_pass=False):
        """frame number -> {"fields": {name: [values]}, "experts": [names], "messages": [expert texts]}
        of sipdiag's items in that frame."""
        key = ("pdml-parsed", capture, two_pass)
        if key not in self.cache:
            out = self.run(capture, "-T", "pdml", *(["-2"] if two_pass else []))
            frames = {}
            for packet in ET.fromstring(out).iter("packet"):
                num = None
                info = {"fields": {}, "experts": [], "messages": []}
                for proto in packet.iter("proto"):
                    if proto.get("name") == "geninfo":
                        num = int(next(f for f in proto.iter("field") if f.get("name") == "num").get("show"))
                    if proto.get("name") != "sipdiag":
                        continue
                    for f in proto.iter("field"):
                        name = f.get("name")
                        if name == "_ws.expert.message":
                            info["messages"].append(f.get("show"))
                        elif name.startswith("sipdiag.expert."):
                            info["experts"].append(name)
                        elif name.startswith("sipdiag."):
                            info["fields"].setdefault(name, []).append(f.get("show"))
                frames[num] = info
            self.cache[key] = frames
        return self.cache[key]

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)


@pytest.fixture(scope="session")
def tshark():
    t = Tshark()
    yield t
    t.close()


def run_tshark(t, *args, capture=None, config=None, check=True):
    """tshark as Tshark.run starts it (the session's plugin, the test user), for what run() cannot say: no
    capture (`-G ...`), another configuration folder (`config`, from new_config), stderr and the exit status
    kept (`check=False`). Cached per (capture, config, check, args); returns the subprocess.CompletedProcess."""
    config = config or t.config
    key = ("run_tshark", capture, config, check) + args
    if key not in t.cache:
        plugins = os.path.join(t.work, "plugins")
        cmd = t.as_user + ["env", "HOME=" + config, "WIRESHARK_CONFIG_DIR=" + config,
                           "WIRESHARK_PLUGIN_DIR=" + plugins, "tshark"]
        if capture is not None:
            cmd += ["-r", os.path.join(t.caps, capture + ".pcap")]
        p = subprocess.run(cmd + list(args), env=dict(os.environ, HOME=config, WIRESHARK_PLUGIN_DIR=plugins,
                                                      WIRESHARK_CONFIG_DIR=config),
                           capture_output=True, text=True, encoding="utf-8", errors="replace", check=False)
        if check:
            assert p.returncode == 0, "tshark %s failed: %s" % (" ".join(args), p.stderr)
        t.cache[key] = p
    return t.cache[key]


def new_config(t, name):
    """An empty configuration folder `name` in the session's work folder, writable by the test user."""
    path = os.path.join(t.work, name)
    os.makedirs(path, exist_ok=True)
    os.chmod(path, 0o777)
    return path

"""The coloring rules (plugin/sipdiag.colorfilters, merged by the
install_colorfilters target's script) and custom columns of sipdiag fields.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import new_config, run_tshark

SRC = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OURS = ["SIP response: error", "SIP response: warning"]


def global_rules():
    p = subprocess.run(["pkg-config", "--variable=prefix", "wireshark"], capture_output=True, text=True, check=False)
    return p.stdout.strip() + "/share/wireshark/colorfilters"


def merge(config):
    subprocess.run(["cmake", "-DRULES=" + os.path.join(SRC, "plugin", "sipdiag.colorfilters"),
                    "-DGLOBAL=" + global_rules(), "-DCONFIG_DIR=" + config,
                    "-P", os.path.join(SRC, "plugin", "install-colorfilters.cmake")],
                   stdout=subprocess.DEVNULL, check=True)
    os.chmod(os.path.join(config, "colorfilters"), 0o644)


@pytest.fixture(scope="module")
def coloured(tshark):
    """A configuration folder with the rules merged into it twice."""
    config = new_config(tshark, "config-colorfilters")
    merge(config)
    merge(config)
    with open(os.path.join(config, "colorfilters")) as f:
        return config, f.read().split("\n")


def rule_names(lines):
    return [l.split("@")[1] for l in lines if l.startswith("@")]


def test_our_rules_lead_once_even_when_merged_twice(coloured):
    _, lines = coloured
    with open(global_rules()) as f:
        n_global = len([l for l in f.read().split("\n") if l.startswith("@")])
    assert len(rule_names(lines)) == n_global + 2, "rules: %d, Wireshark's global ones: %d" % (
        len(rule_names(lines)), n_global)
    assert [l.split("@")[1] if "@" in l else l for l in lines[1:3]] == OURS


def test_error_and_warning_responses_coloured(tshark, coloured):
    config, _ = coloured
    out = run_tshark(tshark, "--color", "-Y", 'frame.coloring_rule.name contains "SIP response"', "-T", "fields",
                     "-e", "frame.number", "-e", "frame.coloring_rule.name", capture="demo", config=config).stdout
    assert out.rstrip("\n").split("\n") == ["24\tSIP response: error", "28\tSIP response: warning"]


@pytest.fixture
def scratch():
    d = tempfile.mkdtemp(prefix="sipdiag-colour.")
    yield d
    shutil.rmtree(d, ignore_errors=True)


def install_target(env):
    """The install_colorfilters target of the build that made SIPDIAG_PLUGIN."""
    build = os.path.dirname(os.environ["SIPDIAG_PLUGIN"])
    subprocess.run(["cmake", "--build", build, "--target", "install_colorfilters"], env=env,
                   stdout=subprocess.DEVNULL, check=True)


def second_rule(path):
    with open(path) as f:
        lines = f.read().split("\n")
    return lines[1].split("@")[1] if len(lines) > 1 and "@" in lines[1] else None


def test_target_honours_wireshark_config_dir_as_it_runs(scratch):
    """The target finds the folder when it runs, not when the build was configured."""
    later = os.path.join(scratch, "later")
    install_target(dict(os.environ, WIRESHARK_CONFIG_DIR=later))
    assert second_rule(os.path.join(later, "colorfilters")) == "SIP response: error"


def test_target_else_the_personal_folder_under_home(scratch):
    home = os.path.join(scratch, "home")
    env = dict(os.environ, HOME=home)
    env.pop("WIRESHARK_CONFIG_DIR", None)
    install_target(env)
    assert second_rule(os.path.join(home, ".config", "wireshark", "colorfilters")) == "SIP response: error"


def test_custom_columns_show_code_severity_and_fix(tshark):
    cols = ('gui.column.format:"No.","%m","Code","%Cus:sipdiag.code:0:R","Severity","%Cus:sipdiag.severity:0:R",'
            '"Fix","%Cus:sipdiag.fix:0:R"')
    out = tshark.run("demo", "-o", cols, "-Y", "frame.number == 24")
    assert "24 503 error Retry-After, if present, says when to try again." in out, "demo frame 24: %r" % out

"""``sysdir`` and ``adopath`` ([P] sysdir): mlm's directories in Stata's layout (adopath.ado's
columns), ``sysdir set`` for the codewords mlm records, refusals for the rest."""
from __future__ import annotations

import os

import pytest

import mlmcli

PACKAGE = os.path.dirname(os.path.abspath(mlmcli.__file__)) + "/"


def test_sysdir_lists_the_six_codewords(new_session, run):
    s = new_session()
    out, rc = run(s, "sysdir")
    assert rc == 0
    assert out.splitlines() == [f"   STATA:  {PACKAGE}", f"    BASE:  {PACKAGE}commands/",
                                "    SITE:  /usr/local/ado/", "    PLUS:  ~/ado/plus/",
                                "PERSONAL:  ~/ado/personal/", "OLDPLACE:  ~/ado/"]
    assert os.path.isdir(PACKAGE + "commands/")
    assert run(s, "sysdir l")[0] == out


def test_sysdir_set_and_adopath_layout(new_session, run):
    s = new_session()
    assert run(s, 'sysdir set PLUS "/tmp/my plus"') == ("", 0)
    assert "    PLUS:  /tmp/my plus/" in run(s, "sysdir list")[0].splitlines()
    out, rc = run(s, "adopath")
    # adopath.ado: "  [i]" then the codeword in parentheses at column 8, the path quoted at column 20
    assert out.splitlines() == [f'  [1]  (BASE)      "{PACKAGE}commands/"', '  [2]  (SITE)      "/usr/local/ado/"',
                                '  [3]              "."', '  [4]  (PERSONAL)  "~/ado/personal/"',
                                '  [5]  (PLUS)      "/tmp/my plus/"', '  [6]  (OLDPLACE)  "~/ado/"']
    run(s, 'global S_ADO "BASE;/opt/progs"')
    assert run(s, "adopath")[0].splitlines()[1] == '  [2]              "/opt/progs"'


@pytest.mark.parametrize("line, message", [
    ("adopath + /tmp/a /tmp/b", 'perhaps you meant to type  adopath + "/tmp/a /tmp/b"'),
    ("adopath +", "invalid syntax"),
    ("adopath * /tmp", "invalid syntax"),
    ("sysdir set BASE /tmp", "BASE is where mlm's built-in commands are; it cannot be set"),
    ("sysdir set FOO /tmp", "invalid syntax"),
    ("sysdir set PLUS", "invalid syntax"),
    ("sysdir list more", "invalid syntax"),
])
def test_refusals(new_session, run, line, message):
    s = new_session()
    out, rc = run(s, line)
    assert rc == 198 and message in out
    assert "sysdir" not in s.settings


def test_adopath_plus_minus_edit_s_ado(new_session, run):
    """adopath.ado 3.1.9: + appends, ++ prepends (a directory already there moves), - removes by
    number or by name; each lists the path after the change."""
    s = new_session()
    out, rc = run(s, 'adopath + "C:/project/ado files"')
    assert rc == 0 and out.splitlines()[-1] == '  [7]              "C:/project/ado files"'
    out, _ = run(s, "adopath ++ /opt/progs")
    assert out.splitlines()[0] == '  [1]              "/opt/progs"' and len(out.splitlines()) == 8
    out, _ = run(s, "adopath + /opt/progs")  # moved to the end, not listed twice
    assert out.splitlines()[0].startswith("  [1]  (BASE)") and out.splitlines()[-1] == '  [8]              "/opt/progs"'
    out, _ = run(s, "adopath - 3")  # "." was the third element
    assert '"."' not in out and len(out.splitlines()) == 7
    out, _ = run(s, 'adopath - "C:/project/ado files"')
    assert "ado files" not in out and len(out.splitlines()) == 6
    out, rc = run(s, "adopath - 9")
    assert rc == 111 and "no 9th element in current adopath" in out
    out, rc = run(s, "adopath - /nowhere")
    assert rc == 111 and '"/nowhere" not found in adopath' in out

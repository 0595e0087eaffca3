"""``iis``/``tis``: the panel and time variables' pre-Stata-10 names (iis.ado, tis.ado 1.2.0);
the xt commands read them when xtset is not set (_xt.ado's GetPanelVar/GetTimeVar).  Seen in
tests/realworld/heldout/anon-nlswork-iis."""
from __future__ import annotations

import re

SETUP = ("clear\nset obs 24\ngenerate id = ceil(_n/4)\ngenerate t = mod(_n-1, 4) + 1\n"
         "generate x = mod(_n * 7, 11)\ngenerate y = id + 0.5*x + mod(_n * 5, 3)\n")


def _coef(out: str, name: str) -> str:
    return re.search(rf"^\s*{name} \|\s+(\S+)\s+(\S+)", out, re.M).groups()


def test_iis_tis_set_the_xt_panel(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "iis id\ntis t\nxtreg y x, fe")
    assert rc == 0, out
    assert "Group variable: id" in out
    chars = s.data.chars
    assert chars["iis"] == "id" and chars["tis"] == "t"
    assert "_TSpanel" not in chars or chars["_TSpanel"] == "id"
    ref = new_session()
    out2, rc2 = run(ref, SETUP + "xtset id t\nxtreg y x, fe")
    assert rc2 == 0
    assert _coef(out, "x") == _coef(out2, "x")  # the same fit as after xtset


def test_iis_clears_xtset_and_replays(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "generate id2 = id\nxtset id t\niis id2")
    assert rc == 0, out
    chars = s.data.chars
    assert chars["iis"] == "id2" and "_TSpanel" not in chars and "_TStvar" not in chars
    out, rc = run(s, "iis")
    assert rc == 0 and "i() is id2" in out
    out, rc = run(s, "iis, clear\niis")
    assert rc == 0 and "(i() has not been defined)" in out
    out, rc = run(s, "tis")
    assert rc == 0 and "t() is t" in out  # xtset recorded the old name too


def test_iis_bad_input(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + 'generate str3 s = "a"\niis s')
    assert rc == 109, out
    out, rc = run(s, "iis id t")
    assert rc == 103, out
    out, rc = run(s, "iis nosuch")
    assert rc == 111, out

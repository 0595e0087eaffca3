"""xtlogit, fe leaves clogit's e(cmd): xtlogit.ado's fe branch (2.7.10, 2.16.0 alike) runs
``clogit ..., group(ivar) nodisplay`` and then only adds ``est local cmd2 "xtlogit"`` (with
e(model), e(predict), e(ivar), e(title)), so e(cmd) is "clogit", e(cmd2) "xtlogit" and clogit's
e(group) stays; typing xtlogit replays (its replay takes e(cmd) or e(cmd2) "xtlogit").
xtpoisson, fe is its own command (e(cmd) "xtpoisson")."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"


@pytest.fixture(scope="module")
def panel():
    return pd.read_csv(REF_DIR / "xt_replicates_panel.csv").astype(float)


def test_xtlogit_fe_macros(do, panel):
    rc, out, s = do("xtset id\nxtlogit yb x1 x2, fe nolog", df=panel)
    assert rc == 0, out
    m = s.e.macros
    assert (m["cmd"], m["cmd2"], m["group"], m["ivar"], m["model"], m["predict"]) == \
        ("clogit", "xtlogit", "id", "id", "fe", "xtlogit_fe_p")
    rc, again, s = do("xtlogit, or\ndisplay e(cmd) \"/\" e(cmd2)", session=s)
    assert rc == 0 and "Odds Ratio" in again and "clogit/xtlogit" in again, again
    rc, out, s = do("predict double xb, xb", session=s)
    assert rc == 0, out
    rc, out, s = do("estimates store fe\nestimates dir\nestimates query", session=s)
    assert "          fe | xtlogit      yb" in out, out  # estimates.ado's Dir: e(cmd2) when set, else e(cmd)
    # estimates.ado's Query names e(cmd2) when set, else e(cmd)
    assert "(active results produced by xtlogit; also stored as fe)" in out


def test_xtpoisson_fe_keeps_its_cmd(do, panel):
    rc, out, s = do("xtset id\nxtpoisson yc x1 x2, fe nolog", df=panel)
    assert rc == 0 and s.e.macros["cmd"] == "xtpoisson" and "cmd2" not in s.e.macros, out

"""``clogit`` typed alone after ``xtlogit, fe``: clogit.ado's replay checks e(cmd) only, and
xtlogit's fe branch leaves e(cmd) "clogit" (e(cmd2) "xtlogit"), so Stata replays the results
through clogit's Display (``ml display``: the standard ml header -- N, LR chi2, Pseudo R2 (the
fe branch keeps clogit's e(r2_p)) -- under xtlogit's e(title)).  The replayed table is the
one clogit's own fit prints.  The other way round (``xtlogit`` after ``clogit``, ``clogit`` after
``xtlogit, re`` or ``, pa``) stays r(301): xtlogit's replay wants e(cmd) or e(cmd2) "xtlogit"."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(1)
    g = np.repeat(np.arange(30), 10)
    x = rng.normal(size=300)
    y = 1 + 0.5 * x + rng.normal(size=30)[g] + rng.normal(size=300)
    return pd.DataFrame(dict(g=g, t=np.tile(np.arange(10), 30), x=x, yb=(y + rng.normal(size=300) > 1.5).astype(int)))


def _from_header(out: str) -> list[str]:
    lines = out.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("Conditional"))
    return lines[at:]


def test_clogit_replays_xtlogit_fe(do, panel):
    rc, fresh, s = do("clogit yb x, group(g) or level(90)", df=panel)
    rc, _, s = do("xtset g t\nxtlogit yb x, fe", session=s)
    assert s.e.macros["cmd"] == "clogit" and s.e.scalars["r2_p"] == pytest.approx(1 - s.e.scalars["ll"] / s.e.scalars["ll_0"])
    rc, replay, s = do("clogit, or level(90)", session=s)
    assert rc == 0, replay
    expect = _from_header(fresh)
    # xtlogit's e(title) over the same ml header
    assert expect[0].startswith("Conditional (fixed-effects) logistic regression   Number of obs")
    expect[0] = expect[0].replace("Conditional (fixed-effects) logistic regression   ",
                                  "Conditional fixed-effects logistic regression     ")
    assert _from_header(replay) == expect
    assert "Pseudo R2       =     0.0613" in replay and "Group variable" not in replay
    rc, again, s = do("xtlogit", session=s)  # xtlogit's own replay keeps the xt header
    assert rc == 0 and "Group variable: g" in again


@pytest.mark.parametrize("fit, typed", [("clogit yb x, group(g)", "xtlogit"), ("xtlogit yb x, re", "clogit"),
                                        ("xtlogit yb x, pa", "clogit"), ("xtpoisson yb x, fe", "clogit")])
def test_other_replays_not_found(do, panel, fit, typed):
    rc, out, s = do(f"xtset g t\n{fit}\n{typed}", df=panel)
    assert rc == 301 and "last estimates not found" in out


def test_hausman_fe_re_after_xtlogit(do, panel):
    """``hausman fe re`` after xtlogit, fe and xtlogit, re: xtlogit.ado's fe branch restripes e(b)
    `depname':x, so the first equations (hausman's Get1steq) share eq:name yb:x with re's and
    are compared (it was "no coefficients in common" r(498)).  chi2 = d'(V_b - V_B)^-1 d by hand."""
    panel = panel.assign(x2=np.random.default_rng(7).normal(size=len(panel)))
    rc, out, s = do("xtset g t\nquietly xtlogit yb x x2, fe\nestimates store fe\n"
                    "quietly xtlogit yb x x2, re\nestimates store re\nhausman fe re", df=panel)
    assert rc == 0, out
    fe, re = s.estimates["fe"], s.estimates["re"]
    assert fe.matrices["b"].colnames == ("yb:x", "yb:x2")
    b = fe.matrices["b"].values[0]
    B = re.matrices["b"].values[0][:2]
    Vd = fe.matrices["V"].values - re.matrices["V"].values[:2, :2]
    chi2 = float((b - B) @ np.linalg.inv(Vd) @ (b - B))
    assert s.r["chi2"] == pytest.approx(chi2, rel=1e-9) and s.r["df"] == 2
    assert f"chi2(2) = (b-B)'[(V_b-V_B)^(-1)](b-B)" in out and f"{chi2:11.2f}".strip() in out

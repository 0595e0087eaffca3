"""Which weights Stata takes with bsqreg, sqreg, iqreg, rreg, xtreg re/be/fe and the meqr
commands, and its words where it does not (Stata 16 ado files, `version 13` in them; qreg.sthlp:
"qreg allows fweights, iweights, and pweights" -- not its siblings):

- bsqreg/sqreg/iqreg/rreg: ``syntax varlist ... [if] [in] [, ...]`` -> "weights not allowed" r(101)
- xtreg_re/xtreg_be: no weight in their syntax -> "weights not allowed" r(101); xtreg_fe's
  ``[aw fw pw]`` -> "iweights not allowed" r(101)
- meqrlogit/meqrpoisson (_mixed_parseifin's ``syntax [anything] [if] [in] [, *]``) ->
  "weights not allowed" r(101); the level options pweight()/fweight() are mixed's only.

xtreg, fe's weights that Stata takes: fweights are copies of rows within their panel (the
expanded data's fit), pweights are aweights with the panel-clustered variance."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def panel():
    i = np.arange(1, 61, dtype=float)
    idv = np.ceil(i / 6)
    x = np.round(np.sin(i), 6)
    y = np.round(x + np.cos(5 * i) + idv / 10, 6)
    return pd.DataFrame({"id": idv, "x": x, "y": y, "yb": (y > .5).astype(float),
                         "yc": np.round(np.exp(y / 3)), "w": 1 + idv % 3, "wr": 1 + i % 3})


@pytest.mark.parametrize("line, message", [
    *[(f"{c} y x [{k}=wr]", "weights not allowed") for c in ("bsqreg", "sqreg", "iqreg", "rreg")
      for k in ("fw", "aw", "pw", "iw")],
    *[(f"xtreg y x [{k}=w], {m}", "weights not allowed") for m in ("re", "be") for k in ("fw", "aw", "pw", "iw")],
    ("xtreg y x [iw=w], fe", "iweights not allowed"),
    *[(f"{c} yb x [{k}=w] || id:", "weights not allowed") for c in ("meqrlogit", "xtmelogit")
      for k in ("fw", "pw", "iw", "aw")],
    *[(f"meqrpoisson yc x [{k}=w] || id:", "weights not allowed") for k in ("fw", "pw")],
    ("meqrlogit yb x || id: [fw=w]", "weights not allowed"),    # _mixed_parseifin reads every piece
    ("xtmepoisson yc x || id: x [pw=w], cov(unstructured)", "weights not allowed"),
])
def test_stata_refuses(do, panel, line, message):
    rc, out, s = do("xtset id\n" + line, panel)
    assert rc == 101
    assert out.strip().splitlines()[-2:] == [message, "r(101);"]


@pytest.mark.parametrize("option", ["pweight(w)", "fweight(w)"])
def test_meqr_level_weight_options(do, panel, option):
    rc, out, s = do(f"meqrlogit yb x || id:, {option}", panel)
    assert rc == 198 and f"option {option.split('(')[0]}() not allowed" in out


def test_xtreg_fe_fweights_are_copies_within_panel(do, panel):
    _, _, a = do("xtset id\nxtreg y x [fw=w], fe", panel.copy())
    big = panel.loc[panel.index.repeat(panel.w.astype(int))].reset_index(drop=True)
    _, _, b = do("xtset id\nxtreg y x, fe", big)
    np.testing.assert_allclose(np.asarray(a.e.matrices["b"].values), np.asarray(b.e.matrices["b"].values), rtol=1e-10)
    np.testing.assert_allclose(np.asarray(a.e.matrices["V"].values), np.asarray(b.e.matrices["V"].values), rtol=1e-9)
    assert a.e.scalars["N"] == b.e.scalars["N"] == panel.w.sum()
    assert a.e.scalars["df_r"] == b.e.scalars["df_r"]


def test_xtreg_fe_pweights_are_aweights_clustered_by_panel(do, panel):
    _, _, p = do("xtset id\nxtreg y x [pw=w], fe", panel.copy())
    _, _, a = do("xtset id\nxtreg y x [aw=w], fe vce(cluster id)", panel.copy())
    np.testing.assert_allclose(np.asarray(p.e.matrices["b"].values), np.asarray(a.e.matrices["b"].values), rtol=1e-12)
    np.testing.assert_allclose(np.asarray(p.e.matrices["V"].values), np.asarray(a.e.matrices["V"].values), rtol=1e-10)
    assert p.e.macros["wtype"] == "pweight"


def test_xtreg_fe_weight_must_be_constant_within_panel(do, panel):
    rc, out, s = do("xtset id\nxtreg y x [aw=wr], fe", panel)
    assert rc == 199 and "weight must be constant within id" in out

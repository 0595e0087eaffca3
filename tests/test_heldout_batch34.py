"""Held-out batch 34 (tests/realworld/README.md, thirty-fourth batch): what its files needed.

- ``xtreg y, i(g)`` keeps g as the panel variable (xt_iis.ado 1.1.0 runs ``iis g``), so a
  later ``xtreg ..., fe`` without i() or xtset uses it; the same name as the one recorded is no
  change, another after ``xtset`` with a time variable is r(198).
- ``contrast a#c.x a#c.z [b]``: several continuous variables in one termlist (was "mlmcli
  supports one c.var shared by every term" r(198)); each term's test against a Wald test
  computed here with numpy from e(b) and e(V), ``overall`` the joint test of all of them.
- `` `t.dta' ``: a local's name ends where name characters end and the rest up to the quote is
  kept (``tempfile t`` / ``save `t.dta'`` / ``merge ... using `t.dta'`` in public do-files).
- ``merge ..., keep(matched)``: the word many do-files use for match.
- esttab's ``label`` abbreviates to ``l``/``la`` (estout.ado: NOLabel Label); level() needs
  its full name there.  varlabels()'s ``blist()``/``elist()`` run when they match no shown row
  and are refused when they would have to draw text around one.
"""
from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest
from scipy import stats


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(3434)
    g = np.repeat(np.arange(1, 31), 6)
    h = (g - 1) % 5 + 1
    x = rng.normal(size=g.size)
    z = rng.normal(size=g.size)
    a = rng.integers(1, 4, g.size)
    y = 1 + 0.5 * x - 0.3 * z + 0.4 * (a == 2) * x + rng.normal(0, 1, 30)[g - 1] + rng.normal(size=g.size)
    return pd.DataFrame({"y": y, "x": x, "z": z, "a": a, "g": g, "h": h, "t": np.tile(np.arange(1, 7), 30)})


def _coefs(s):
    b = s.e.matrices["b"]
    return dict(zip(b.colnames, b.values.ravel()))


def test_xtreg_i_option_becomes_the_panel_variable(do, panel):
    rc, out, s = do("quietly xtreg y x, i(g)\nxtreg y x, fe", panel.copy())
    assert rc == 0, out
    fe_later = _coefs(s)["x"]
    rc, out, s2 = do("xtset g\nxtreg y x, fe", panel.copy())
    assert rc == 0, out
    assert fe_later == pytest.approx(_coefs(s2)["x"], rel=1e-12)
    # the within estimator by hand: demeaned by g
    d = panel.copy()
    yd = d.y - d.groupby("g").y.transform("mean")
    xd = d.x - d.groupby("g").x.transform("mean")
    assert fe_later == pytest.approx(float((xd * yd).sum() / (xd * xd).sum()), rel=1e-10)


def test_xtreg_i_option_after_xtset_with_time(do, panel):
    rc, out, s = do("xtset g t\nxtreg y x, i(g)", panel.copy())
    assert rc == 0, out
    # _xt.ado (Stata 10+): another i() warns and declares it, as xtset would
    rc, out, s = do("xtset g t\nxtreg y x, i(h)\nxtset", panel.copy())
    assert rc == 0, out
    assert "warning: existing panel variable is not h" in out
    assert s.data.chars["_TSpanel"] == "h"


def _contrast_rows(names, rows):
    """L with one row per {coefficient name: weight}."""
    L = np.zeros((len(rows), len(names)))
    for k, weights in enumerate(rows):
        for name, w in weights.items():
            L[k, names.index(name)] = w
    return L


def _wald(L, b, V):
    Lb = L @ b
    chi2 = float(Lb @ np.linalg.solve(L @ V @ L.T, Lb))
    return chi2, L.shape[0]


def _fit_and_contrast(do, panel, text):
    rc, out, s = do(text, panel.copy())
    assert rc == 0, out
    return out, s, list(s.e.matrices["b"].colnames), s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values


def test_contrast_of_several_slopes_against_numpy(do, panel):
    out, s, names, b, V = _fit_and_contrast(do, panel, "regress y i.a##c.x i.a##c.z\ncontrast a#c.x a#c.z a, overall")
    df_r = s.e.scalars["df_r"]

    def rows(cols):
        return _contrast_rows(names, [{c: 1.0} for c in cols])

    tests = [rows(["2.a#c.x", "3.a#c.x"]), rows(["2.a#c.z", "3.a#c.z"]), rows(["2.a", "3.a"])]
    tests.append(np.vstack(tests))
    F = s.r["F"].values.ravel()
    dfs = s.r["df"].values.ravel()
    assert len(F) == 4
    for k, L in enumerate(tests):
        chi2, q = _wald(L, b, V)
        assert dfs[k] == q
        assert F[k] == pytest.approx(chi2 / q, rel=1e-8)
        assert s.r["p"].values.ravel()[k] == pytest.approx(stats.f.sf(chi2 / q, q, df_r), rel=1e-6)
    assert "     a#c.x |" in out and "     a#c.z |" in out and "   Overall |" in out
    # r(V): the contrasts' covariances, across the slope terms too
    Lall = tests[3]
    assert s.r["V"].values == pytest.approx(Lall @ V @ Lall.T, rel=1e-8, abs=1e-12)
    assert list(s.r["b"].colnames)[:2] == ["r2vs1.a#c.x", "r3vs1.a#c.x"]


def test_contrast_of_several_slopes_after_mixed(do, panel):
    out, s, names, b, V = _fit_and_contrast(do, panel, "quietly mixed y a#c.x a#c.z || g:\ncontrast a#c.x a#c.z")
    for j, v in enumerate(("x", "z")):
        L = _contrast_rows(names, [{f"y:{k}.a#c.{v}": 1.0, f"y:1.a#c.{v}": -1.0} for k in (2, 3)])
        chi2, q = _wald(L, b, V)
        assert s.r["chi2"].values.ravel()[j] == pytest.approx(chi2, rel=1e-7)


def test_local_name_then_extension(do, panel, tmp_path):
    rc, out, s = do(f'cd "{tmp_path}"\ntempfile ind\nsave `ind.dta\'\nlocal f "`ind.dta\'"\n'
                    f'local g "`nosuch.csv\'"\nkeep in 1/5\nmerge 1:1 _n using `ind.dta\', nogen', panel.copy())
    assert rc == 0, out
    rc, out, s = do('display "`f\'|`g\'"', session=s)
    f, g = out.strip().splitlines()[-1].split("|")
    assert f.endswith(".dta") and os.path.exists(f)
    assert g == ".csv"  # an undefined local is empty; the text after its name stays
    assert s.data.nobs == len(panel)


def test_merge_keep_matched(do, panel, tmp_path):
    path = tmp_path / "u.dta"
    half = panel.iloc[::2].copy()
    half["w"] = 1.0
    rc, out, s = do(f'preserve\nkeep g t\nkeep in 1/60\ngen w = 1\nsave "{path}"\nrestore\n'
                    f'merge 1:1 g t using "{path}", keep(matched) nogen', panel.copy())
    assert rc == 0, out
    assert s.data.nobs == 60
    rc, out, s = do(f'merge 1:1 g t using "{path}", keep(match) nogen', panel.copy())
    assert s.data.nobs == 60


def test_esttab_label_abbreviation_and_elist(do, panel):
    rc, out, s = do("label variable x \"the x label\"\nquietly regress y x z\neststo m1\nesttab m1, la", panel.copy())
    assert rc == 0, out
    assert "the x label" in out
    rc, out2, s = do("esttab m1, label", session=s)
    assert out2.replace("esttab m1, label", "") == out.replace("esttab m1, la", "")
    rc, out, s = do('esttab m1, varlabels(, elist(weight:_cons "{break}{hline @width}"))', session=s)
    assert rc == 0, out
    rc, out, s = do('esttab m1, varlabels(, elist(x "{hline @width}"))', session=s)
    assert rc == 198 and "elist()" in out
    rc, out, s = do('esttab m1, varlabels(, end("x"))', session=s)
    assert rc == 198

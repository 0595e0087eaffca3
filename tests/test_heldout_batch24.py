"""Fixes from the twenty-fourth held-out batch (tests/realworld/README.md):

* ``erepost`` (Ben Jann, SSC; heldout/anon-uas-lifesat): e(b), e(V) and e(sample) reposted as
  erepost.ado 1.0.2 does -- e()'s macros, scalars and other matrices backed up, b and V posted
  as ``ereturn post`` posts them, the backup restored; b and V may change size and names.
  The monthly life-satisfaction file posts split-panel jackknife corrections
  (2 b - (b1 + b2) / 2) with it and reads them back with esttab, nlcom and estimates restore.
* ``collin`` (Philip Ender, UCLA; heldout/anon-pattern-detection): VIFs, tolerance and R-squared
  from the inverse correlation matrix, eigenvalues and condition indexes of the scaled raw
  cross-products with the intercept (or of R with ``corr``), det(R), r(m_vif) and r(cn), as
  collin.ado 1.5.1 computes and prints them; checked against auxiliary regressions and the
  singular values of the scaled design.
* ``marginsplot, plot(, label("a" "b"))`` (heldout/tonelli-durazzi-rathgeb, and a common idiom):
  marginsplot.ado's ParseDim reads ``syntax [anything] [, ...]``, so a dimension option may
  have no dimlist; the dimension is then chosen as when untyped and the options label it
  (mlm said "dimlist required").
* marginsplot's ``ciopt()``/``plotop()``/``byop()``: marginsplot.ado declares ``CIOPts``,
  ``PLOTOPts`` and ``BYOPts``, so they abbreviate (mlm passed ``ciopt()`` to twoway, which
  refused it).  ``graph export x.eps`` of a translucent graph no longer lets matplotlib log
  that PostScript has no transparency (not Stata output).
* tests/realworld/rewrite.py: ``grc1leg`` of graphs the do-file saved with the author's folders
  names them by their last component, as ``graph combine`` (rule 3).
* ``gsem ... [pweight = w]`` (the far-right file's seven multinomial gsem lines): [SEM] sem and
  gsem allow weights, so mlm's refusal no longer says Stata's "weights not allowed" but that
  mlm's sem/gsem fits take none (still r(101)); since gm100 gsem fits them (sem still refuses).
* coefplot's plot options end in ``*`` (coefplot.ado): options of a plot that are not
  coefplot's own (``lw(thick)``, ``lp(dash)``) go to the plot, as the global ones do.
"""
from __future__ import annotations

import os
import sys

import numpy as np
import pandas as pd
import pytest

N = 240


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(2024)
    x1, x2 = rng.normal(size=N), rng.normal(size=N)
    y = 1.0 + 0.5 * x1 - 0.3 * x2 + rng.normal(size=N)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "half": (np.arange(N) >= N // 2).astype(float)})


def _ols(df: pd.DataFrame) -> np.ndarray:
    X = np.column_stack([df.x1, df.x2, np.ones(len(df))])
    return np.linalg.lstsq(X, df.y.to_numpy(), rcond=None)[0]


def test_erepost_keeps_the_rest_of_e_and_its_sample(do, frame):
    rc, out, s = do("quietly regress y x1 x2 if _n > 20\nmatrix b = e(b)\nmatrix b[1,1] = 7\nerepost b = b", frame)
    assert rc == 0, out
    e = s.e
    assert e.matrices["b"].values[0][0] == 7
    assert tuple(e.matrices["b"].colnames) == ("x1", "x2", "_cons")
    assert e.cmd == "regress" and e.macros["cmd"] == "regress" and e.macros["properties"] == "b V"
    assert e.scalars["N"] == N - 20
    rc, out, _ = do("count if e(sample)", session=s)
    assert rc == 0 and out.split()[-1] == str(N - 20)
    assert "b" not in s.matrices  # ereturn post moves the matrix into e()


def test_split_panel_jackknife_posted_and_read_back(do, frame):
    text = """quietly regress y x1 x2
estimates store full
mat bhat = e(b)
mat Vhat = e(V)
quietly regress y x1 x2 if half == 0
mat b1hat = e(b)
quietly regress y x1 x2 if half == 1
mat b2hat = e(b)
mat b = 2*bhat - 0.5*(b1hat+b2hat)
estimates restore full
erepost b = b
estimates store spj
nlcom _b[x1]^2
estimates restore full
estimates restore spj"""
    rc, out, s = do(text, frame)
    assert rc == 0, out
    want = 2 * _ols(frame) - 0.5 * (_ols(frame[frame.half == 0]) + _ols(frame[frame.half == 1]))
    np.testing.assert_allclose(np.ravel(s.e.matrices["b"].values), want, rtol=1e-10)
    assert f"{want[0] ** 2:.7f}".lstrip("0")[:7] in out  # nlcom on the reposted coefficient
    assert s.e.cmd == "regress"


def test_erepost_changes_size_where_ereturn_repost_cannot(do, frame):
    text = """quietly regress y x1 x2
mat b = e(b)
mat V = e(V)
mat b = b[1,1..2]
mat V = V[1..2,1..2]
erepost b = b V = V"""
    rc, out, s = do(text, frame)
    assert rc == 0, out
    assert tuple(s.e.matrices["V"].colnames) == ("x1", "x2")
    assert np.shape(s.e.matrices["V"].values) == (2, 2)
    rc, out, _ = do("test x1 = 0", session=s)
    assert rc == 0, out


def test_names_rename_cmd_and_samples(do, frame):
    rc, out, s = do("quietly regress y x1 x2\nmatrix b = (1, 2)\nmatrix colnames b = a c\n"
                    "matrix V = I(2)\nerepost b = b V = V", frame)
    assert rc == 507 and "name conflict" in out
    rc, out, s = do("quietly regress y x1 x2\nmatrix b = (1, 2)\nmatrix colnames b = a c\n"
                    "matrix V = I(2)\nerepost b = b V = V, rename cmd(mine) noesample", frame)
    assert rc == 0, out
    assert tuple(s.e.matrices["V"].rownames) == ("a", "c") and s.e.macros["cmd"] == "mine"
    rc, out, _ = do("count if e(sample)", session=s)
    assert out.split()[-1] == "0"
    rc, out, s = do("quietly regress y x1 x2\ngen byte mine = _n <= 30\nerepost, esample(mine)", frame)
    assert rc == 0, out
    assert "mine" not in s.data.varnames
    rc, out, _ = do("count if e(sample)", session=s)
    assert out.split()[-1] == "30"


@pytest.mark.parametrize("line, rc, message", [
    ("erepost b = nosuch", 111, "matrix nosuch not found"),
    ("erepost b =", 198, "invalid syntax"),
    ("erepost c = b", 198, "invalid syntax"),
    ("erepost V = b b = b", 198, "invalid syntax"),
    ("erepost, noesample esample(x1)", 198, "only one allowed of noesample and esample()"),
    ("erepost, nosuch", 198, "option nosuch not allowed"),
])
def test_erepost_refusals_leave_e_alone(do, frame, line, rc, message):
    rc_, out, s = do(f"quietly regress y x1 x2\nmatrix b = e(b)\n{line}", frame)
    assert rc_ == rc and message in out
    assert s.e.cmd == "regress" and "b" in s.matrices


def test_coefplot_plot_options_go_to_the_plot(do, frame):
    rc, out, s = do("quietly regress y x1 x2\nestimates store a\n"
                    "coefplot (a, label(A) lw(thick) lp(dash)), vertical recast(line)", frame)
    assert rc == 0, out
    graph = s.graphs[-1]
    lines = [x for p in graph.panels for x in p.series if x.kind == "line" and x.label == "__b"]
    assert lines and lines[0].pattern == "dash" and lines[0].line_width == 2.0
    rc, out, _ = do("coefplot (a, xyz(3)), vertical", session=s)
    assert rc == 198 and "option xyz() not allowed" in out


def _collin_frame() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    a = rng.normal(size=200)
    df = pd.DataFrame({"a": a, "b": a + 0.5 * rng.normal(size=200), "c": rng.normal(size=200) + 3,
                       "d": rng.integers(0, 2, 200).astype(float)})
    df.loc[5, "c"] = np.nan
    return df


def test_collin_vifs_and_condition_indexes(do):
    df = _collin_frame()
    rc, out, s = do("collin a b c d", df)
    assert rc == 0, out
    sub = df.dropna()
    names = ["a", "b", "c", "d"]
    vifs = []
    for v in names:
        others = np.column_stack([sub[o] for o in names if o != v] + [np.ones(len(sub))])
        resid = sub[v] - others @ np.linalg.lstsq(others, sub[v], rcond=None)[0]
        vifs.append(1 / (resid @ resid / ((sub[v] - sub[v].mean()) ** 2).sum()))
    Z = np.column_stack([sub[v] for v in names] + [np.ones(len(sub))])
    sv = np.linalg.svd(Z / np.sqrt((Z ** 2).sum(axis=0)), compute_uv=False)
    assert s.r["m_vif"] == pytest.approx(np.mean(vifs), rel=1e-9)
    assert s.r["cn"] == pytest.approx(sv[0] / sv[-1], rel=1e-9)
    lines = out.splitlines()
    row = next(line for line in lines if line.startswith("         b"))
    assert row == f"{'b':>10}{vifs[1]:10.2f}{np.sqrt(vifs[1]):8.2f}  {1 / vifs[1]:8.4f}  {1 - 1 / vifs[1]:10.4f}"
    assert f"    5   {sv[-1] ** 2:8.4f} {sv[0] / sv[-1]:15.4f}" in lines
    assert " Eigenvalues & Cond Index computed from scaled raw sscp (w/ intercept)" in lines
    det = np.linalg.det(np.corrcoef(np.column_stack([sub[v] for v in names]), rowvar=False))
    assert f" Det(correlation matrix){det:10.4f}" in lines


def test_collin_corr_uses_the_correlation_matrix(do):
    df = _collin_frame()
    rc, out, s = do("collin a b c d if d == 1, corr rinv", df)
    assert rc == 504 and "matrix has missing values" in out  # d is constant there
    sub = df.dropna()
    sub = sub[sub.d == 1][["a", "b", "c"]]
    rc, out, s = do("collin a b c if d == 1, corr rinv", df)
    R = np.corrcoef(sub.to_numpy(), rowvar=False)
    ev = np.sort(np.linalg.eigvalsh(R))[::-1]
    assert s.r["cn"] == pytest.approx(np.sqrt(ev[0] / ev[-1]), rel=1e-9)
    assert "deviation sscp (no intercept)" in out and "Inverse of correlation matrix" in out


@pytest.mark.parametrize("line, rc", [("collin", 100), ("collin a, nosuch", 198), ("collin a if a > 99", 2000),
                                      ("collin a s", 109)])
def test_collin_refusals(do, line, rc):
    df = _collin_frame().assign(s="x")
    rc_, out, _ = do(line, df)
    assert rc_ == rc, out


def test_marginsplot_dimension_options_without_a_dimlist(do, frame):
    df = frame.assign(g=(frame.x2 > 0).astype(float), yb=(frame.y > 1).astype(float))
    rc, out, s = do("quietly logit yb i.g##c.x1\nquietly margins g, at(x1 = (-1(1)1))\n"
                    'marginsplot, plot(, label("low" "high")) recast(line)', df)
    assert rc == 0, out
    labels = [x.label for p in s.graphs[-1].panels for x in p.series if x.kind == "line"]
    assert labels == ["low", "high"]
    assert "uniquely identify margins: x1 g" in out
    rc, out, s = do("marginsplot, plot()\nmarginsplot, x(, nolabels)", session=s)
    assert rc == 0, out
    rc, out, s = do("marginsplot, plot(, nosuch)", session=s)
    assert rc == 198


def test_marginsplot_option_abbreviations_and_a_quiet_eps(do, frame, tmp_path, caplog):
    import logging

    df = frame.assign(g=(frame.x2 > 0).astype(float))
    text = ("quietly regress y i.g##c.x1\nquietly margins g, at(x1 = (-1(1)1))\n"
            "marginsplot, ciopt(color(black%20)) recastci(rarea) plotop(lwidth(thick))\n"
            f'graph export "{tmp_path / "m.eps"}", replace')
    with caplog.at_level(logging.WARNING, logger="matplotlib.backends.backend_ps"):
        rc, out, s = do(text, df)
    assert rc == 0, out
    assert (tmp_path / "m.eps").stat().st_size > 0
    assert not [r for r in caplog.records if r.name.startswith("matplotlib")]
    rc, out, _ = do("marginsplot, cio(color(red))", session=s)
    assert rc == 198  # CIOPts: at least ciop


def test_realworld_rewrite_grc1leg_of_saved_graphs(tmp_path):
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "realworld"))
    try:
        from rewrite import Rewriter
    finally:
        sys.path.pop(0)
    (tmp_path / "fig2a.gph").write_text("x")
    rw = Rewriter({}, str(tmp_path))
    assert rw.rewrite('grc1leg "/Users/p/figures/fig2a.gph" "/Users/p/figures/fig2b.gph", rows(1)') == \
        'grc1leg "fig2a.gph" "/Users/p/figures/fig2b.gph", rows(1)'
    assert rw.rewrite("grc1leg g1 g2, ycommon") == "grc1leg g1 g2, ycommon"


def test_predict_follows_a_new_b_and_the_fit_after_a_new_sample(do, frame):
    # nm99: predict's xb follows the reposted e(b), as Stata's; statistics from the fit are refused
    rc, out, s = do("quietly regress y x1 x2\nmatrix b = e(b)\nmatrix b[1,1] = 100\nerepost b = b\n"
                    "estimates store a\nestimates restore a\npredict p1", frame)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("p1"), np.column_stack([frame.x1, frame.x2, np.ones(N)])
                               @ np.asarray(s.e.matrices["b"].values, float).ravel(), rtol=1e-6)
    rc, out, s = do("quietly regress y x1 x2\nmatrix b = e(b)\nerepost b = b\npredict p1, cooksd", frame)
    assert rc == 199 and "predict after a reposted e(b) is not implemented in mlmcli" in out
    rc, out, s = do("quietly regress y x1 x2\ngen byte keep = _n <= 100\nerepost, esample(keep)\npredict p2", frame)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("p2"), np.column_stack([frame.x1, frame.x2, np.ones(N)]) @ _ols(frame),
                               rtol=1e-6)


@pytest.mark.parametrize("command", ["sem"])  # gsem takes weights since gm100 (tests/test_gsem_mlogit100.py)
def test_sem_weights_refused_as_mlm_s_limit(do, frame, command):
    rc, out, _ = do(f"{command} (y <- x1 x2) [pweight = x1]", frame.assign(x1=frame.x1.abs() + 0.1))
    assert rc == 101 and f"weights are not implemented for {command} in mlmcli" in out

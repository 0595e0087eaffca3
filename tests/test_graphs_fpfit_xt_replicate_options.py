"""twoway fpfitci with estcmd(xtreg) estopts(fe|be|mle vce(jackknife, saving() keep n() reject()
idcluster()))  and estcmd(xtlogit) estopts(re|fe vce(jackknife, ...)) (graphs/fpfit_xt_jackknife.py):
the prefix in every fit fracpoly makes.  The band is the plain command's ``xtreg ..., vce(jackknife)``
stdp at the chosen terms (that command checked against R in tests/test_xtreg_jackknife.py); the
saving() file holds the final fit's leave-one-panel-out replicates, which give the same V."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import drawn, run
from test_graphs_fpfit_xtreg import NOTE, _terms, s  # noqa: F401  (the fixture)
from test_graphs_fpfit_xtreg_replicates import _chosen_powers

# the xtlogit jackknife drawn plain and with saving(), the same candidates refitted: tests/fit_memo.py
pytestmark = pytest.mark.usefixtures("fit_memo")


def _check_band(s, model, vce, weight=""):
    """The drawn band against the plain ``xtreg ..., vce(jackknife)`` at the chosen terms."""
    plain = vce.split(",")[0] if "mse" not in vce else "jackknife, mse"
    return _plain_band(s, model, vce, plain, weight)


def _plain_band(s, model, vce, plain, weight=""):
    from mlmcli.distributions import t as student_t

    graph, _ = drawn(s, f"twoway fpfitci y x {weight}, estcmd(xtreg) estopts({model} vce({vce}))")
    band, line = graph.panels[0].series
    a, b = _terms(s.data.numeric("x"), *_chosen_powers(s, model, weight))
    s.data.set_variable("t1", a, vtype="double")
    s.data.set_variable("t2", b, vtype="double")
    out, rc = run(s, f"quietly xtreg y t1 t2 {weight}, {model} vce({plain})\npredict double xb, xb\n"
                     "predict double se, stdp")
    assert rc == 0, out
    at, first = np.unique(s.data.numeric("x"), return_index=True)
    xb, se = s.data.numeric("xb")[first], s.data.numeric("se")[first]
    np.testing.assert_allclose(line.x, at)
    np.testing.assert_allclose(line.y, xb, rtol=1e-7)
    q = float(student_t.ppf(0.975, s.e.scalars["df_r"]))
    np.testing.assert_allclose(band.y, xb - q * se, rtol=1e-6)
    np.testing.assert_allclose(band.y2, xb + q * se, rtol=1e-6)
    return s.e.matrices["V"].values


@pytest.mark.parametrize("model", ["fe", "be", "mle"])
def test_saving_band_is_the_plain_jackknife(s, model, tmp_path):
    f = tmp_path / f"jk_{model}"
    V = _check_band(s, model, f"jackknife, saving({f}, replace) double")
    # the file: the final fit's replicates, one per panel (12), the statistics of e(b) whole
    run(s, f"use {f}, clear")
    names = s.data.varnames
    expected = {"fe": ["_b_Ix__1", "_b_Ix__2", "_b_cons"], "be": ["_b_Ix__1", "_b_Ix__2", "_b_cons"],
                "mle": ["y_b_Ix__1", "y_b_Ix__2", "y_b_cons", "sigma_u_b_cons", "sigma_e_b_cons"]}[model]
    assert names[:len(expected)] == expected, names
    assert s.data.nobs == 12
    # the slopes do not depend on fracgen's centring: their jackknife V is the plain command's
    R = np.column_stack([s.data.numeric(v) for v in expected[:2]])
    G = R.shape[0]
    V_file = (G - 1) / G * (R - R.mean(0)).T @ (R - R.mean(0))
    np.testing.assert_allclose(V_file, np.asarray(V)[:2, :2], rtol=1e-6)


def test_keep_fails_every_later_fit(s):
    """keep: ``_b_cons`` exists after the first fit (xtreg y): every candidate fails confirm new
    variable, no powers: the note."""
    for estopts in ("fe vce(jackknife, keep)", "be vce(jackknife, keep idcluster(cl))"):
        out, rc = run(s, f"twoway fpfitci y x, estcmd(xtreg) estopts({estopts})", stop_on_error=False)
        assert rc == 0 and NOTE in out, out


def test_reject_and_n(s):
    """reject() false and n() as e(N): the plain jackknife band; reject() true in every fit: the note."""
    _check_band(s, "fe", "jackknife, reject(e(N) < 5) n(e(N))")
    out, rc = run(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(jackknife, reject(e(N) > 0)))",
                  stop_on_error=False)
    assert rc == 0 and NOTE in out, out


def test_saving_without_replace_fails_the_second_fit(s, tmp_path):
    f = tmp_path / "once"
    out, rc = run(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(jackknife, saving({f})))", stop_on_error=False)
    assert rc == 0 and NOTE in out, out
    assert (tmp_path / "once.dta").exists()


# --- xtlogit re and fe: the same bands as the plain vce(jackknife) (itself checked against lme4 and
# survival::clogit in tests/test_graphs_fpfit_xtlogit_replicates.py), the file the final fit's
import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402

from mlmcli.dataset import Dataset  # noqa: E402
from mlmcli.distributions import t as student  # noqa: E402
from mlmcli.session import Output, Session  # noqa: E402

_REF = Path(__file__).parent / "graphs_reference"
_XT = json.loads((_REF / "fpfit_cox_xtlogit.json").read_text())
_XT_REF = json.loads((_REF / "fpfit_xtlogit_replicates.json").read_text())


@pytest.fixture
def xs() -> Session:
    import io

    df = pd.DataFrame({k: np.asarray(_XT[k], float) for k in ("x", "g", "yb")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    run(session, "xtset g")
    return session


def _width(graph):
    band, line = graph.panels[0].series
    return line.y, band.y2 - band.y


@pytest.mark.parametrize("model, key", [("re", "re_jackknife"), ("fe", "fe_jackknife")])
def test_xtlogit_saving_band_is_the_jackknife(xs, model, key, tmp_path):
    f = tmp_path / f"xl_{model}"
    plain, _ = drawn(xs, f"twoway fpfitci yb x, estcmd(xtlogit) estopts({model} vce(jackknife))")
    saved, _ = drawn(xs, f"twoway fpfitci yb x, estcmd(xtlogit) estopts({model} vce(jackknife, saving({f}, replace)))")
    xb0, w0 = _width(plain)
    xb1, w1 = _width(saved)
    np.testing.assert_allclose(xb1, xb0, rtol=1e-7)
    np.testing.assert_allclose(w1, w0, rtol=1e-5)
    ref = _XT_REF[key]
    if model == "re":  # against lme4's leave-one-panel-out replicates
        np.testing.assert_allclose(w1, 2 * float(student.ppf(0.975, ref["df_r"])) * np.asarray(ref["stdp"]), rtol=2e-3)
    run(xs, f"use {f}, clear")
    expected = (["yb_b_Ix__1", "yb_b_Ix__2", "yb_b_cons", "lnsig2u_b_cons"] if model == "re"
                else ["yb_b_Ix__1", "yb_b_Ix__2"])
    assert xs.data.varnames[:len(expected)] == expected, xs.data.varnames
    assert xs.data.nobs == ref["df_r"] + 1 or model == "fe"


def test_xtlogit_re_keep_is_the_note(xs):
    out, rc = run(xs, "twoway fpfitci yb x, estcmd(xtlogit) estopts(re vce(jackknife, keep))", stop_on_error=False)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


# --- bootstrap's suboptions with xtreg (graphs/fpfit_bootstrap_options.py)

def _fp_centre(x, powers):
    """fracpoly's default adjust(mean): each term at the mean of x."""
    a, b = _terms(np.array([x.mean()]), *powers)
    return np.array([a[0], b[0]])


@pytest.mark.parametrize("sub", ["", " strata(st)", " strata(st) size(4)", " mse"])
def test_xtreg_bootstrap_band_is_the_saved_replicates(s, sub, tmp_path):
    """The band's V is the covariance of the final fit's replicates in saving()'s file (about
    e(b) with mse); the file's constant is fracgen's centred terms' (the plain command's constant
    plus sum b_j c_j, c the terms at the mean of x)."""
    from mlmcli.distributions import norm

    run(s, "gen st = mod(id, 2)")
    f = tmp_path / "bs"
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(25) seed(5){sub} "
                        f"saving({f}, replace double)))")
    band, line = graph.panels[0].series
    powers = _chosen_powers(s, "fe")
    x = s.data.numeric("x")
    at = np.unique(x)
    a, b = _terms(at, *powers)
    c = _fp_centre(x, powers)
    t1, t2 = _terms(x, *powers)
    s.data.set_variable("t1", t1, vtype="double")
    s.data.set_variable("t2", t2, vtype="double")
    run(s, "quietly xtreg y t1 t2, fe")
    b_u = np.asarray(s.e.matrices["b"].values, float).reshape(-1)
    run(s, f"use {f}, clear")
    assert s.data.varnames == ["_b_Ix__1", "_b_Ix__2", "_b_cons"]
    assert s.data.nobs == 25 and s.data.chars["seed"] == "5" and s.data.chars["N_cluster"] == "12"
    if "strata" in sub:
        assert s.data.chars["strata"] == "st" and s.data.chars["N_strata"] == "2"
    observed = np.array([float(s.data.chars[f"{v}[observed]"]) for v in s.data.varnames])
    np.testing.assert_allclose(observed[:2], b_u[:2], rtol=1e-8)
    np.testing.assert_allclose(observed[2], b_u[2] + b_u[:2] @ c, rtol=1e-8)
    R = np.column_stack([s.data.numeric(v) for v in s.data.varnames])
    R = R[np.all(np.isfinite(R), axis=1)]
    V = (R - observed).T @ (R - observed) / len(R) if "mse" in sub else np.cov(R, rowvar=False)
    X0 = np.column_stack([a - c[0], b - c[1], np.ones(at.size)])
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose((band.y2 - band.y) / 2, float(norm.ppf(0.975)) * se, rtol=1e-6)


def test_xtreg_bootstrap_options_that_fail_or_are_refused(s, tmp_path):
    run(s, "gen st = mod(id, 2)")
    out, rc = run(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(5) size(30)))",
                  stop_on_error=False)
    assert rc == 0 and NOTE in out, out  # size() above the 12 panels: r(498) inside fracpoly
    f = tmp_path / "first"
    out, rc = run(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, reps(5) seed(1) saving({f})))",
                  stop_on_error=False)
    assert rc == 0 and NOTE in out, out  # the first fit (xtreg y, fe) writes f, the second fails
    jkf = tmp_path / "jkf"  # JKAccel's file: the first fit writes it, the second fails (the note)
    out, rc = run(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(bootstrap, bca jackknifeopts(saving({jkf}))))",
                  stop_on_error=False)
    assert rc == 0 and NOTE in out, out  # (tests/test_graphs_fpfit_xt_bootstrap_group.py)
    # reject(), group(), idcluster(): tests/test_graphs_fpfit_xt_bootstrap_reject.py
    run(s, f"use {f}, clear")
    assert s.data.varnames == ["_b_cons"] and s.data.chars["command"] == "xtreg y, fe"


def _fp_terms(v, powers):
    return np.column_stack(_terms(np.asarray(v, float), *powers))


@pytest.mark.parametrize("model, sub", [("re", " strata(st)"), ("fe", " mse"), ("re", " size(5) strata(st)")])
def test_xtlogit_bootstrap_band_is_the_saved_replicates(xs, model, sub, tmp_path):
    """xtlogit under vce(bootstrap, strata() size() mse saving()): the band's V is the covariance of the
    final fit's replicates in the file (fracgen's centred terms: x's range below 10, no scaling;
    re's constant and lnsig2u after them), the normal quantile."""
    from mlmcli.distributions import norm

    run(xs, "gen st = mod(g, 2)")
    f = tmp_path / "xb"
    graph, _ = drawn(xs, f"twoway fpfitci yb x, estcmd(xtlogit) estopts({model} vce(bootstrap, reps(12) seed(9){sub} "
                         f"saving({f}, replace double)))")
    band, line = graph.panels[0].series
    powers = _XT_REF[f"{model}_jackknife"]["powers"]
    x = xs.data.numeric("x")
    X0 = _fp_terms(line.x, powers) - _fp_terms([x.mean()], powers)
    run(xs, f"use {f}, clear")
    names = xs.data.varnames
    # xtlogit's e(b) stripes are ``yb:`` (xtlogit.ado): _prefix_expand's equation-prefixed names
    assert names == (["yb_b_Ix__1", "yb_b_Ix__2", "yb_b_cons", "lnsig2u_b_cons"] if model == "re"
                     else ["yb_b_Ix__1", "yb_b_Ix__2"])
    assert xs.data.chars["N_cluster"] == ("12" if model == "re" else xs.data.chars["N_cluster"])
    observed = np.array([float(xs.data.chars[f"{v}[observed]"]) for v in names])
    R = np.column_stack([xs.data.numeric(v) for v in names])
    R = R[np.all(np.isfinite(R), axis=1)]
    V = (R - observed).T @ (R - observed) / len(R) if "mse" in sub else np.cov(R, rowvar=False)
    if model == "re":
        X0, V = np.column_stack([X0, np.ones(len(X0))]), V[:3, :3]
    np.testing.assert_allclose(line.y, X0 @ observed[:X0.shape[1]], rtol=1e-6, atol=1e-9)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose((band.y2 - band.y) / 2, float(norm.ppf(0.975)) * se, rtol=1e-6)


def test_xtlogit_fe_keep_with_degree_one_keeps_the_first_candidate(xs):
    """fe has no constant (fracpoly's first fit skipped): under keep the first candidate (power -2)
    creates its statistic, every later candidate on the same temporary name fails, so fracpoly
    fits power -2 -- the band of the plain jackknife at powers(-2)."""
    kept, _ = drawn(xs, "twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1) vce(jackknife, keep))")
    plain, _ = drawn(xs, "twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1) powers(-2) vce(jackknife))")
    np.testing.assert_allclose(_width(kept)[0], _width(plain)[0], rtol=1e-8)
    np.testing.assert_allclose(_width(kept)[1], _width(plain)[1], rtol=1e-6)
    renamed, _ = drawn(xs, "twoway fpfitci yb x, estcmd(xtlogit) estopts(fe degree(1) vce(jackknife, keep idcluster(nc)))")
    np.testing.assert_allclose(_width(renamed)[1], _width(plain)[1], rtol=1e-6)
    # idcluster(x) renumbers x (the panels 1..G) before the final fit reads it:
    # tests/test_graphs_fpfit_idcluster_reads.py

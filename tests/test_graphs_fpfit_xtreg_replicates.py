"""twoway fpfit/fpfitci with estcmd(xtreg) estopts(fe|be|mle vce(jackknife|bootstrap)) (fe's
fweights and pweights with jackknife too)
(``graphs.fpfit_xtreg_replicates``): the powers are the unprefixed fit's (the prefix keeps
e(ll)), the curve mlm's plain ``xtreg ..., vce(...)`` ``predict, xb`` at those terms, the band
its ``stdp`` on t(e(df_r) = G - 1) after jackknife, the normal quantile after bootstrap (the
same seed(): the same draws).  The plain command's replicate V is checked against R in
tests/test_xtreg_jackknife.py."""
from __future__ import annotations

from itertools import combinations_with_replacement

import numpy as np
import pytest

from graphs_helpers import drawn, run
from mlmcli.distributions import norm, t as student_t
from test_graphs_fpfit_xtreg import NOTE, _terms, s  # noqa: F401  (the fixture)


_PAIR_LLS: dict[tuple, dict] = {}


def pair_lls(s, model="fe", weight=""):
    """e(ll) of the unprefixed ``xtreg y t1 t2 [weight], model`` at every pair of powers (the t1/t2
    it leaves in the data are the last pair's).  The 36 fits run once per model, weight and data
    (every variable but t1/t2, the characteristics: xtset); the fpfit xtreg files ask ~25 times
    on the same fixture data."""
    import pandas as pd

    from test_graphs_fpfit_xtreg import POWERS

    frame = s.data.df.drop(columns=[c for c in ("t1", "t2") if c in s.data.df.columns])
    key = (model, weight, tuple(frame.columns), pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes(),
           repr(sorted(s.data.chars.items())))
    if key not in _PAIR_LLS:
        lls = {}
        for pair in combinations_with_replacement(POWERS, 2):
            a, b = _terms(s.data.numeric("x"), *pair)
            s.data.set_variable("t1", a, vtype="double")
            s.data.set_variable("t2", b, vtype="double")
            out, rc = run(s, f"quietly xtreg y t1 t2 {weight}, {model}")
            assert rc == 0, out
            lls[pair] = s.e.scalars["ll"]
        _PAIR_LLS[key] = lls
    return dict(_PAIR_LLS[key])


def _chosen_powers(s, model, weight=""):
    """The powers of the largest e(ll) of the unprefixed xtreg (the prefix keeps e(ll))."""
    lls = pair_lls(s, model, weight)
    return max(lls, key=lls.get)


@pytest.mark.parametrize("model", ["fe", "be", "mle"])
@pytest.mark.parametrize("vce", ["jackknife", "jackknife, mse", "bootstrap, reps(20) seed(7)"])
def test_band_is_the_plain_commands_replicate_stdp(s, model, vce):
    _check_band(s, model, vce)


@pytest.mark.parametrize("weight", ["fw", "pw"])
def test_fe_weights_with_jackknife(s, weight):
    """fe's fweights (one copy of a panel less per replicate) and pweights (each replicate's
    aweighted fit) under vce(jackknife): the plain command's, itself checked against R
    (tests/test_xtreg_mle_replicates.py for pweights, test_xtreg_jackknife.py)."""
    run(s, "gen w = 1 + mod(id, 3)")
    _check_band(s, "fe", "jackknife", f"[{weight}=w]")


def _check_band(s, model, vce, weight=""):
    graph, _ = drawn(s, f"twoway fpfitci y x {weight}, estcmd(xtreg) estopts({model} vce({vce}))")
    band, line = graph.panels[0].series
    a, b = _terms(s.data.numeric("x"), *_chosen_powers(s, model, weight))
    s.data.set_variable("t1", a, vtype="double")
    s.data.set_variable("t2", b, vtype="double")
    out, rc = run(s, f"quietly xtreg y t1 t2 {weight}, {model} vce({vce})\npredict double xb, xb\n"
                     "predict double se, stdp")
    assert rc == 0, out
    x = s.data.numeric("x")
    at, first = np.unique(x, return_index=True)
    xb, se = s.data.numeric("xb")[first], s.data.numeric("se")[first]
    np.testing.assert_allclose(line.x, at)
    np.testing.assert_allclose(line.y, xb, rtol=1e-7)
    if vce.startswith("jackknife"):
        assert s.e.scalars["df_r"] == (11 if "fw" not in weight else 23)  # 12 panels (24 copies) less one
        q = float(student_t.ppf(0.975, s.e.scalars["df_r"]))
    else:
        q = float(norm.ppf(0.975))
    np.testing.assert_allclose(band.y, xb - q * se, rtol=1e-6)
    np.testing.assert_allclose(band.y2, xb + q * se, rtol=1e-6)


def test_the_replicate_band_differs_from_the_conventional_one(s):
    plain, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe)")
    jack, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(jackknife))")
    np.testing.assert_allclose(jack.panels[0].series[1].y, plain.panels[0].series[1].y, rtol=1e-10)
    assert not np.allclose(jack.panels[0].series[0].y, plain.panels[0].series[0].y)


@pytest.mark.parametrize("estopts", ["re vce(jackknife)",  # re posts no e(ll): no powers
                                     "fe vce(jackknife, cluster(id))",  # a second cluster()
                                     "fe vce(bootstrap, bogus)"])  # bootstrap: "option bogus not allowed"
def test_fracpoly_fails_inside(s, estopts):
    out, rc = run(s, f"twoway fpfit y x, estcmd(xtreg) estopts({estopts})", stop_on_error=False)
    assert rc == 0 and NOTE in out, out


def test_weights_with_bootstrap_fail_inside(s):
    out, rc = run(s, "gen w = 1 + mod(id, 3)\ntwoway fpfit y x [fw=w], estcmd(xtreg) estopts(fe vce(bootstrap, reps(5)))",
                  stop_on_error=False)
    assert rc == 0 and NOTE in out, out


def test_jackknife_outputs_are_honoured(s, tmp_path):
    """saving() keep n() reject(): graphs.fpfit_xt_jackknife (tests/test_graphs_fpfit_xt_replicate_options.py)."""
    out, rc = run(s, f"twoway fpfit y x, estcmd(xtreg) estopts(fe vce(jackknife, saving({tmp_path / 'f'}, replace)))",
                  stop_on_error=False)
    assert rc == 0 and NOTE not in out, out

"""twoway fpfitci ``estopts(vce(bootstrap, reject()))`` with regress, logit, glm, cnreg, streg and
xtgee: the prefix around every fit fracpoly makes (graphs/fpfit_prefix_fits.py), not only the final.

frac_154 fits the model without x (not captured: reject() true there, r(9), or not evaluable --
``_b[Ix__1]``, which only the final fit has -- is fracpoly failing, twoway's note), then each
candidate under capture on temporary names (reject() true on its full sample skips it, which can
change the powers: the line is then the plain command at the powers left), then the final model.
A reject() never true leaves the band of the plain bootstrap (the final fit's draws are the same).
The plain commands at each pair of powers give e(ll) and _b[_cons] here (hand-checkable ranking).
"""
from __future__ import annotations

import io
from itertools import combinations_with_replacement

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

NOTE = "(note:  fracpoly could not fit model)"
POWERS = (-2, -1, -0.5, 0, 0.5, 1, 2, 3)


def _terms(x, p1, p2):
    a = np.log(x) if p1 == 0 else x ** p1
    b = (np.log(x) if p2 == 0 else x ** p2) * (np.log(x) if p1 == p2 else 1)
    return a, b


@pytest.fixture
def s() -> Session:
    """x in [1, 9] (range 8: fracpoly neither shifts nor scales), y, a binary yb, a censoring
    indicator c, panels id (5 rows each), and stset y > 0 as a survival time."""
    rng = np.random.default_rng(14)
    n = 80
    x = np.round(rng.uniform(1, 9, n), 2)
    y = np.round(1 + 1.5 * np.log(x) + rng.normal(0, .8, n), 3)
    yb = (rng.uniform(size=n) < 1 / (1 + np.exp(-(-2 + 1.2 * np.log(x) + 0.1 * x)))).astype(float)
    # t not a function of y alone: with fpfit's y as a covariate, streg's likelihood would grow
    # without bound (ln_p to infinity) and each such fit run its 16,000 iterations
    noise = np.random.default_rng(15).normal(0, 0.4, n)
    df = pd.DataFrame({"x": x, "y": y, "yb": yb, "c": -(y > 4.5).astype(float), "id": np.arange(n) // 5,
                       "t": np.round(np.exp(0.3 * y + noise), 3), "d": (rng.uniform(size=n) < 0.8).astype(float)})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _line(graph):
    band, line = graph.panels[0].series
    return np.asarray(line.x, float), np.asarray(line.y, float), (np.asarray(band.y2) - np.asarray(band.y)) / 2


def _plain_fits(s, command: str) -> dict:
    """(e(ll), _b[_cons], e(b)) of the plain ``command`` at every pair of powers."""
    fits = {}
    x = s.data.numeric("x")
    for pair in combinations_with_replacement(POWERS, 2):
        a, b = _terms(x, *pair)
        s.data.set_variable("t1", a, vtype="double")
        s.data.set_variable("t2", b, vtype="double")
        out, rc = run(s, f"quietly {command} t1 t2")
        assert rc == 0, out
        coef = np.asarray(s.e.matrices["b"].values, float).ravel()
        fits[pair] = (s.e.scalars["ll"], coef[2], coef[:3])
    return fits


@pytest.mark.parametrize("estcmd, plain, cut", [("", "regress y", 4.0), ("estcmd(logit)", "logit yb", 1.0),
                                                ("estcmd(glm)", "glm y", 4.0)])
def test_reject_true_on_the_best_candidates_full_sample_changes_the_powers(s, estcmd, plain, cut):
    """reject(_b[_cons] > cut): the candidates whose full-sample _cons is above cut fail (r(9) under
    frac_154's capture), among them the best; the model without x (_cons the mean of y, logit's
    log odds) and the final model (_cons at x's mean) pass -- the line is the plain command at the
    best pair left."""
    fits = _plain_fits(s, plain)
    ranked = sorted(fits, key=lambda p: fits[p][0], reverse=True)
    assert fits[ranked[0]][1] > cut  # the best pair is rejected ...
    chosen = next(p for p in ranked if fits[p][1] <= cut - 1)  # ... the best one far below cut is not
    assert chosen != ranked[0]
    y = s.data.numeric(plain.split()[1])
    null_cons = np.log(y.mean() / (1 - y.mean())) if plain.startswith("logit") else y.mean()
    assert null_cons < cut - 0.5
    better = [p for p in ranked[:ranked.index(chosen)] if fits[p][1] <= cut]
    assert not better, better  # none between: the choice does not hang on a candidate's replicates
    at, xb, _ = _line(drawn(s, f"twoway fpfitci {plain.split()[1]} x, {estcmd} estopts(vce(bootstrap, reps(20) "
                               f"seed(3) reject(_b[_cons] > {cut})))")[0])
    a, b = _terms(at, *chosen)
    coef = fits[chosen][2]
    np.testing.assert_allclose(xb, coef[0] * a + coef[1] * b + coef[2], rtol=1e-6, atol=1e-8)
    plain_line = _line(drawn(s, f"twoway fpfitci {plain.split()[1]} x, {estcmd} estopts(vce(bootstrap, reps(20) "
                                f"seed(3)))")[0])[1]
    a, b = _terms(at, *ranked[0])
    coef = fits[ranked[0]][2]
    np.testing.assert_allclose(plain_line, coef[0] * a + coef[1] * b + coef[2], rtol=1e-6, atol=1e-8)


CASES = {
    "regress": ("y", "", "degree(2)"),
    "logit": ("yb", "estcmd(logit)", "degree(2)"),
    "glm": ("y", "estcmd(glm)", "degree(2)"),
    "cnreg": ("y", "estcmd(cnreg)", "degree(1) censored(c)"),
    "streg": ("y", "estcmd(streg)", "degree(1) d(weibull)"),
    "xtgee": ("y", "estcmd(xtgee)", "degree(1) i(id)"),
}


def _command(case: str, bootstrap: str) -> str:
    depvar, estcmd, opts = CASES[case]
    return f"twoway fpfitci {depvar} x, {estcmd} estopts({opts} vce(bootstrap, reps(10) seed(5){bootstrap}))"


def _stset(s, case):
    if case == "streg":
        run(s, "stset t, failure(d)")


@pytest.mark.parametrize("case", list(CASES))
def test_reject_never_true_leaves_the_band(s, case):
    """reject() false in every fit and replicate: the line and band of the plain bootstrap."""
    _stset(s, case)
    plain = _line(drawn(s, _command(case, ""))[0])
    every = _line(drawn(s, _command(case, " reject(_b[_cons] > 1e9)"))[0])
    assert plain[0].size > 5 and np.all(np.isfinite(plain[2]))
    for got, want in zip(every, plain):
        np.testing.assert_allclose(got, want, rtol=1e-10)


@pytest.mark.parametrize("reject", ["_b[Ix__1] > 100", "e(N) > 0"])
@pytest.mark.parametrize("case", list(CASES))
def test_reject_failing_in_the_model_without_x_is_the_note(s, case, reject):
    """_b[Ix__1]: not in the first fit's e(b) (reject() incorrectly specified); e(N) > 0: true on
    the full sample (r(9)); either way frac_154's first fit fails, which it does not capture."""
    _stset(s, case)
    out, rc = run(s, _command(case, f" reject({reject})"))
    assert rc == 0 and NOTE in out, out
    assert np.asarray(s.graphs[-1].panels[0].series[1].y).size == 0


@pytest.mark.parametrize("reject", ["e(ll) < .", "_se[_cons] > 0"])
@pytest.mark.parametrize("case", list(CASES))
def test_reject_reading_results_not_computed_is_refused(s, case, reject):
    """e(ll) and _se[] exist in Stata's every fit and replicate; these fits compute e(b) and e(N)
    only (e(ll) would be missing, _se[] 0): refused rather than read wrong."""
    _stset(s, case)
    out, rc = run(s, _command(case, f" reject({reject})"), stop_on_error=False)
    assert rc == 198 and "not supported by mlmcli" in out and "reject()) reading" in out, out

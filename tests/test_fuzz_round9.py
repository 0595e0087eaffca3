"""Round 9 of the fuzz (tests/fuzz_round9_commands.py: ivpoisson, table/collect, estpost and
esttab/estout, predict after the me commands, margins with several predict(), graph matrix and
log/date axes, xtcsd, boxcox, stcrreg, stcox replicates, option values at their limits, factor-
variable operators and by: on every estimation command): the lines it found, run on the fuzz's
own data with its checks (no internal error, no hang, the data unchanged when the line fails)
and the rc each now gives; then a test of each behaviour, grouped by command."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fuzz_round9_commands import BASE

ST = ("stset t2, failure(cr == 1)",)

# (shape, setup, line, rc) as the round-9 fuzz ran them (BASE's variables made first)
FOUND = [
    # ivpoisson: a Gauss-Newton trial step whose moments overflow (exp(eta) at the clip) is Q = inf
    # and halved (a floating-point error before); G'WG past the double range: ml's r(430)
    ("full", (), "ivpoisson gmm c i.f (x2 = t2 pos)", 430),
    # a step that no halving makes lower Q, yet still moves b: no descent, stop (it stepped
    # 16,000 times with a regressor near 1e300: a hang)
    ("full", (), "ivpoisson gmm c huge (x2 = t2)", 430),
    # ivpoisson cfunction, irr: exp() of a diverged coefficient's bounds is missing, as Stata's exp()
    ("full", (), "ivpoisson cfunction c x1 (x2 = t2), irr", 0),
    # boxcox: a trial power past the double range is ln L missing (lstsq's SVD failed on inf)
    ("dates", (), "capture noisily boxcox w t2 if b, model(theta)", 0),
    # stcox / stcrreg: a covariate near 1e300, whose risk-set sums of r x x' pass the double range
    ("full", ST, "stcox huge", 430),
    ("full", ST, "quietly stcrreg huge in 1/3, compete(cr == 2)", 430),
    ("full", ST, "quietly stcrreg x1, compete(cr == 2) tvc(x2) texp(1e300)", 430),
    # stcrreg from() where a risk set's sum underflows: ln L missing at the start, ml's r(1400)
    ("full", ST, "stcrreg x1, compete(cr == 2) from(x1 = 1e300)", 1400),
    # stcrreg with delayed entry whose entry distribution is 0 at a competing event: 0/0 weights
    ("full", ("stset pos, failure(cr == 1) enter(t2)",), "quietly stcrreg x1 x2, compete(cr == 2)", 459),
    # stcox / stcrreg with no failures: ln L = 0 everywhere, the iterations ran to the limit in
    # every jackknife replicate (a hang); now "convergence not achieved" at once
    ("holes", ("stset t2, failure(z)",), "quietly stcox x1 x2, vce(jackknife, nodots)", 2000),
    ("full", ("stset t2, failure(z)",), "stcrreg x1, compete(cr == 2)", 430),
    # streg on one record: the Weibull likelihood is unbounded, the derivatives inf - inf
    ("full", ST, "streg x1 in 1, distribution(weibull)", 430),
    # streg of c.huge#c.x1 (near 1e300): the standardizer's spread squared it past the double range
    ("full", ST, "streg c.huge##c.x1, distribution(weibull)", 0),
    # esttab, ci after estpost correlate (no e(V)): blank, as se and t are (a TypeError); the
    # line's level(100) is then estout.ado's numlist range error r(125)
    ("holes", ("eststo clear", "estpost correlate y z"), "esttab, level(100) ci", 125),
    ("holes", ("eststo clear", "estpost correlate y z"), "esttab, level(90) ci", 0),
    # nl with as many observations as parameters: MSE, Root MSE and adjusted R2 missing
    ("full", (), "nl (y = {b0} + {b1}*x1) in 1/2", 0),
    # graph matrix / scatter jitter(1e300): positions past the double range are missing
    ("magnitudes", (), 'graph matrix y x1 if s == "a", jitter(1e300)', 0),
    ("magnitudes", (), "scatter y x1, jitter(1e300)", 0),
    # mixed of a depvar near 1e150: d l / d sigma^2 squared sigma^2 (OverflowError), and BFGS
    # restarted steepest descent for ever on a nan gradient (a hang)
    ("magnitudes", (), "capture mixed y x1 i.f || g:, iterate(-1)", 0),
    # gnbreg with a regressor near 1e300 squared: derivatives missing, ml's r(430)
    ("full", (), "gnbreg c c.huge##c.x1", 430),
    # offset(1e300) on zip/zinb/gnbreg/xttobit: the start is infeasible (as poisson's and nbreg's)
    ("full", (), "zinb c x1 x2, inflate(x2) offset(huge)", 1400),
    ("full", (), "zip c x1, inflate(x2) offset(huge)", 1400),
    ("full", (), "gnbreg c x1, offset(huge)", 430),
    ("holes", ("xtset g t",), "xttobit y x1 x2, ll(0) iterate(-1) offset(huge)", 198),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round9_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, BASE + tuple(setup), line, rc)


# ------------------------------------------------------------------ stcox / stcrreg
def _survival(n=30, seed=9):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"t": rng.exponential(size=n) + 0.1, "cr": rng.integers(0, 3, size=n).astype(float),
                         "x": x, "big": x * 1e300})


def test_stcox_of_a_covariate_near_1e300_is_ml_missing_derivatives(do):
    """r x x' of x near 1e300 is past the double range at every b: ml's r(430), not an overflow;
    the same covariate at 1e150 (x x' about 1e300, finite) still fits."""
    df = _survival()
    rc, out, _ = do("stset t, failure(cr == 1)\nstcox big", df=df)
    assert rc == 430 and "discontinuous region with missing values" in out and "internal error" not in out, out
    rc, out, _ = do("stset t, failure(cr == 1)\nstcrreg big, compete(cr == 2)", df=df)
    assert rc == 430 and "internal error" not in out, out
    df["mid"] = df["x"] * 1e150
    rc, out, session = do("stset t, failure(cr == 1)\nstcox mid x", df=df)
    assert rc in (0, 430) and "internal error" not in out, out


def test_cox_models_without_failures_stop_at_once(do):
    """No failure of interest: ln L = 0 at every b; one iteration, "convergence not achieved"
    r(430) (300 before, in every jackknife replicate)."""
    df = _survival()
    rc, out, _ = do("stset t, failure(cr == 9)\nstcox x", df=df)
    assert rc == 430 and "convergence not achieved" in out, out
    assert "Iteration 1:" not in out, out
    rc, out, _ = do("stset t, failure(cr == 9)\nstcrreg x, compete(cr == 2)", df=df)
    assert rc == 430 and "Iteration 1:" not in out, out


def test_stcrreg_from_values_where_the_likelihood_is_missing_are_not_feasible(do):
    rc, out, _ = do("stset t, failure(cr == 1)\nstcrreg x, compete(cr == 2) from(x = 1e300)", df=_survival())
    assert rc == 1400 and "initial values not feasible" in out, out


def test_stcrreg_delayed_entry_with_an_undefined_competing_weight_is_refused(do):
    """Each subject enters at its own time and leaves one unit later, so at an entry time every
    record at risk entered then: H (the entry times' reverse Kaplan-Meier) is 0 there, and a
    competing event's weight G H / (G(T-) H(T)) is 0/0."""
    df = pd.DataFrame({"t0": np.arange(12.0) * 2, "cr": np.tile([1.0, 2.0, 0.0], 4), "x": np.linspace(-1, 1, 12)})
    df["t"] = df["t0"] + 1
    rc, out, session = do("stset t, failure(cr == 1) enter(t0)\nstcrreg x, compete(cr == 2)", df=df)
    assert rc == 459 and "weight is undefined" in out, out
    assert list(session.data.df["cr"]) == list(df["cr"])


# ------------------------------------------------------------------ ivpoisson
def test_ivpoisson_criterion_past_the_double_range_is_a_step_to_halve():
    """A weak instrument sends a Gauss-Newton step far out (eta at the clip of 700): Q(b) = m'Wm
    past the double range is +inf without a floating-point warning (the suite turns those into
    errors), so the Gauss-Newton loop (instrumental/gmm_engine.gauss_newton, which ivpoisson's
    _minimise calls) halves that step; from a start whose first full step lands there, the
    minimiser still ends where it ends from a start next to the optimum."""
    import warnings

    from mlmcli.instrumental.poisson_gmm import PoissonGMMData, _minimise

    rng = np.random.default_rng(4)
    n = 30
    z = rng.normal(size=n)
    x = z + 0.3 * rng.normal(size=n)
    y = rng.poisson(np.exp(0.2 + 0.4 * x)).astype(float)
    X = np.column_stack([x, np.ones(n)])
    Z = np.column_stack([z, np.ones(n)])
    d = PoissonGMMData(y=y, X=X, Z=Z, offset=np.zeros(n), w=np.ones(n), multiplicative=False)
    W = np.linalg.inv(Z.T @ Z / n)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        log: list = []
        b_far, _ = _minimise(d, np.array([12.0, 0.0]), W, 200, log)
    assert all(np.isfinite(log))
    b_near, _ = _minimise(d, np.array([0.4, 0.2]), W, 200, [])
    assert np.allclose(b_far, b_near, atol=1e-5), (b_far, b_near)


# ------------------------------------------------------------------ streg, nl, mixed
def test_streg_on_one_record_stops_with_missing_derivatives(do):
    df = _survival().head(1)
    df["cr"] = 1.0
    rc, out, _ = do("stset t, failure(cr == 1)\nstreg x, distribution(weibull)", df=df)
    assert rc == 430 and "internal error" not in out, out


def test_nl_with_as_many_observations_as_parameters_has_missing_mse(do):
    df = pd.DataFrame({"y": [1.0, 3.0], "x": [0.0, 1.0]})
    rc, out, session = do("nl (y = {b0} + {b1}*x)", df=df)
    assert rc == 0, out
    assert session.e.scalars["df_r"] == 0
    assert np.isnan(session.e.scalars["rmse"]) and np.isnan(session.e.scalars["r2_a"])
    b = np.asarray(session.e.matrices["b"].values, float).ravel()
    assert np.allclose(b, [1.0, 2.0], atol=1e-6)


def test_mixed_residual_variance_gradient_near_1e150_is_finite(do):
    """d l / d sigma^2 = (r2 / s2 - n) / (2 s2): with s2 near 1e300 the old r2 / s2^2 overflowed
    (OverflowError); the same data at 1 and at 2^500 give the same log likelihood less N ln 2^500."""
    rng = np.random.default_rng(3)
    g = np.repeat(np.arange(6.0), 6)
    y = rng.normal(size=36) + rng.normal(size=6)[g.astype(int)]
    df = pd.DataFrame({"y": y, "big": y * 2.0 ** 500, "g": g})
    rc, out, small = do("mixed y || g:", df=df)
    assert rc == 0, out
    rc, out, large = do("mixed big || g:", df=df)
    assert rc == 0 and "internal error" not in out, out
    assert large.e.scalars["ll"] == pytest.approx(small.e.scalars["ll"] - 36 * 500 * np.log(2), rel=1e-8)


# ------------------------------------------------------------------ esttab
def test_esttab_ci_without_a_variance_is_blank(do):
    """estpost correlate posts no e(V): ci's cells are empty, as se's are (esttab, se)."""
    df = pd.DataFrame({"y": [1.0, 2, 4, 3, 5, 7], "x": [1.0, 3, 2, 5, 4, 6]})
    rc, out, _ = do("estpost correlate y x\nesttab, ci", df=df)
    assert rc == 0 and "internal error" not in out, out
    assert "confidence intervals in brackets" in out


# ------------------------------------------------------------------ zip/zinb/gnbreg offsets
@pytest.mark.parametrize("line,rc", [("zip c x, inflate(x) offset(big)", 1400),
                                     ("zinb c x, inflate(x) offset(big)", 1400),
                                     ("poisson c x, offset(big)", 1400)])
def test_an_offset_past_exp_range_is_an_infeasible_start(do, line, rc):
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"c": rng.poisson(2, size=30).astype(float), "x": rng.normal(size=30)})
    df["big"] = 1e300 * np.abs(df["x"])
    got, out, _ = do(line, df=df)
    assert got == rc and "initial values not feasible" in out, out


# ------------------------------------------------------------------ graphs
def test_jitter_past_the_double_range_leaves_the_markers_missing(do):
    df = pd.DataFrame({"y": [1e150, 2e150, 3e150], "x": [1.0, 2.0, 3.0]})
    for line in ("graph matrix y x, jitter(1e300)", "scatter y x, jitter(1e300)"):
        rc, out, _ = do(line, df=df)
        assert rc == 0 and "internal error" not in out, (line, out)


@pytest.mark.parametrize("level,rc,words", [("100", 125, "outside of allowed range"), ("0", 125, "outside"),
                                            ("99.5", 126, "noninteger"), ("abc", 121, "invalid numlist"),
                                            ("90 95", 123, "too many")])
def test_esttab_level_is_estouts_integer_numlist_from_10_to_99(do, level, rc, words):
    """estout.ado: ``level(numlist max=1 int >=10 <=99)``; syntax's numlist errors (level(abc)
    was a ValueError, level(100) printed "100% confidence intervals" of missing bounds)."""
    df = pd.DataFrame({"y": [1.0, 3, 2, 5, 4, 6], "x": [1.0, 2, 3, 4, 5, 6]})
    for command in ("esttab, ci", "estout, cells(ci)"):
        got, out, _ = do(f"eststo clear\neststo: regress y x\n{command} level({level})", df=df)
        assert got == rc and "level() invalid -- " in out and words in out, (command, out)
    got, out, _ = do("eststo clear\neststo: regress y x\nesttab, ci level(90)", df=df)
    assert got == 0 and "90% confidence intervals" in out, out


def test_boxcox_refuses_level_0_before_fitting(do):
    """boxcox.ado's syntax (cilevel) refuses level(0) before any output; the comparison model
    was fitted and printed first."""
    df = pd.DataFrame({"y": [1.0, 3, 2, 5, 4, 6, 8, 7], "x": [1.0, 2, 3, 4, 5, 6, 7, 8]})
    rc, out, _ = do("boxcox y x, level(0)", df=df)
    assert rc == 198 and "level() must be between 10 and 99.99 inclusive" in out, out
    assert "Fitting" not in out, out

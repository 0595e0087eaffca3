"""streg's fits where the scale is small (so98): on fuzz round 13's ``dates`` data (t a %td date
near 21,915 days, ln t spread over 0.005) loglogistic's gamma is about 0.001, and the derivatives,
differenced with a fixed step of 1e-3 in xb, moved z = (ln t - xb) / gamma by 1: the gradient was
wrong in its second digit, Newton backed up through all of iterate() at a point that is not the
maximum and ended "convergence not achieved".  The xb step now shrinks with the record's scale
(``Distribution.record_steps``); the maxima are checked against scipy's on the same likelihood
written independently (bench/streg_dates_scipy_check.py, whose output ``SCIPY`` is)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import run_line_fresh_session  # noqa: E402

# bench/streg_dates_scipy_check.py's output (2026-12-06): (ll, x1, _cons, ancillary)
SCIPY = {
    ("loglogistic", True): (64.41146328, -0.00133821, 9.998788, -6.907662),
    ("lognormal", True): (64.62478658, -0.001237772, 9.99876, -6.34945),
    ("weibull", True): (64.83545275, -0.00138668, 9.99929, 6.713815),
    ("loglogistic", False): (200.94047647, -0.0005111979, 9.997454, -6.989548),
    ("lognormal", False): (202.52814487, -0.0004561903, 9.997444, -6.482142),
    ("weibull", False): (201.99975537, -0.0005936876, 9.998151, 6.605281),
}


@pytest.mark.parametrize("dist,failure", sorted(SCIPY))
def test_small_scale_fits_reach_scipys_maximum(dist, failure):
    setup = ["stset t2, failure(b)" if failure else "stset t2"]
    rc, out, cpu, session = run_line_fresh_session("dates", setup, f"streg x1, distribution({dist}) time")
    assert rc == 0
    assert "convergence not achieved" not in out
    iterations = [int(n) for n in re.findall(r"Iteration (\d+):", out)]
    assert max(iterations) < 40  # it was 16,000 backed-up iterations for loglogistic
    ll, x1, cons, aux = SCIPY[dist, failure]
    e = session.e
    assert abs(e.scalars["ll"] - ll) < 2e-6
    b = e.matrices["b"].values.ravel()
    assert b[0] == pytest.approx(x1, rel=2e-4, abs=1e-8)
    assert b[1] == pytest.approx(cons, abs=2e-6)
    assert b[2] == pytest.approx(aux, abs=5e-5)


def test_loglogistic_derivatives_at_a_small_scale():
    """The differenced gradient and Hessian in (xb, ln_gam) against the analytic ones at gamma = 0.001."""
    from scipy.special import expit

    from mlmcli.survival.parametric_fit import StregData, predictor_derivatives

    rng = np.random.default_rng(3)
    t = 21915.0 + np.arange(40) * 3
    d = (rng.random(40) < 0.4).astype(float)
    data = StregData(np.zeros(40), t, d, np.ones(40), [np.ones((40, 1)), np.ones((40, 1))], "loglogistic", True)
    xb, lg = 9.9988, np.log(0.001)
    g, H = predictor_derivatives(np.array([xb, lg]), data)
    gam = np.exp(lg)
    z = (np.log(t) - xb) / gam
    p = expit(z)
    dz = np.where(d > 0, 1 - 2 * p, -p)               # d ll / dz
    d2z = np.where(d > 0, -2 * p * (1 - p), -p * (1 - p))
    assert np.allclose(g[:, 0], -dz / gam, rtol=1e-6, atol=1e-6)
    assert np.allclose(g[:, 1], np.where(d > 0, -1.0, 0.0) - dz * z, rtol=1e-6, atol=1e-6)
    assert np.allclose(H[:, 0, 0], d2z / gam ** 2, rtol=1e-5, atol=1e-3)


def test_scales_from_one_tenth_keep_the_fixed_steps():
    """Where every record's scale is >= 0.1 the steps are the fixed ones (the same bits as before)."""
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS

    eqs = [np.full(5, 2.0), np.full(5, np.log(0.1))]
    t = np.arange(1.0, 6.0)
    for name in ("loglogistic", "lognormal", "gamma"):
        steps = DISTRIBUTIONS[name].record_steps(1e-3, t, eqs + ([np.zeros(5)] if name == "gamma" else []), True)
        assert all(np.ndim(s) == 0 and s == 1e-3 for s in steps)
    small = DISTRIBUTIONS["loglogistic"].record_steps(1e-3, t, [eqs[0], np.full(5, np.log(1e-3))], True)
    assert np.allclose(small[0], 1e-5) and small[1] == 1e-3
    # Weibull: the scale is 1/p in the time form only
    big_p = [eqs[0], np.full(5, np.log(1000.0))]
    assert np.allclose(DISTRIBUTIONS["weibull"].record_steps(1e-3, t, big_p, True)[0], 1e-5)
    assert DISTRIBUTIONS["weibull"].record_steps(1e-3, t, big_p, False)[0] == 1e-3


# ---- the frailty fits' evaluation, made faster bit for bit (so98 part 2) ----

def _frailty_problem(n=400, seed=4, entered=True, aft=False):
    from mlmcli.survival.parametric_fit import StregData

    rng = np.random.default_rng(seed)
    X = np.column_stack([rng.normal(size=(n, 3)), np.ones(n)])
    t0 = np.where(rng.random(n) < 0.5, rng.uniform(0.1, 1.0, n), 0.0) if entered else np.zeros(n)
    t = t0 + rng.exponential(2.0, n)
    d = (rng.random(n) < 0.3).astype(float)
    return StregData(t0, t, d, np.ones(n), [X, np.ones((n, 1))], "weibull", aft)


@pytest.mark.parametrize("entered,aft", [(True, False), (False, False), (True, True), ("all", False)])
def test_unshared_inverse_gaussian_is_log_mixtures_bits(entered, aft):
    """The unshared inverse-Gaussian records' ln M (log1p only where d = 1, the Laplace transform
    alone where d = 0) and Weibull's shared density/survivor parts: the generic path's bits."""
    from mlmcli.survival import parametric_frailty as pf
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS

    data = _frailty_problem(entered=bool(entered), aft=aft)
    if entered == "all":  # every record entered late (the plant-exit data)
        data = type(data)(data.t0 + 0.05, data.t + 0.05, data.d, data.w, data.designs, "weibull", aft)
    fd = pf.FrailtyData(data, "invgaussian", np.arange(len(data.t)), False)
    assert fd.failed is not None and fd.weibull_fused
    rng = np.random.default_rng(5)
    for _ in range(20):
        params = np.r_[rng.normal(scale=0.5, size=5), rng.uniform(-22, 3)]
        theta = float(np.exp(max(params[-1], -20.0)))
        eqs = pf.predictors(params[:-1], data)
        ld, ls = DISTRIBUTIONS["weibull"].density_and_survivor(data.lt, data.t, eqs, aft)
        assert ld.tobytes() == DISTRIBUTIONS["weibull"].log_density(data.lt, data.t, eqs, aft).tobytes()
        assert ls.tobytes() == DISTRIBUTIONS["weibull"].log_survivor(data.lt, data.t, eqs, aft).tobytes()
        weibull = DISTRIBUTIONS["weibull"]  # record_parts as it was, from the two functions
        ls0 = np.where(data.entered, weibull.log_survivor(data.lt0, data.t0, eqs, aft), 0.0)
        lnh, H, H0 = np.where(data.d > 0, ld - ls, 0.0), -ls, -ls0
        assert all(a.tobytes() == b.tobytes() for a, b in zip(pf.record_parts(eqs, data), (lnh, H, H0)))
        generic = lnh + pf.log_mixture("invgaussian", fd.D, H, theta) - pf.log_mixture(
            "invgaussian", np.zeros(len(H)), H0, theta)
        assert pf.group_loglik(params, fd).tobytes() == generic.tobytes()


def test_constant_design_predictor_is_the_products_bits():
    from mlmcli.survival.parametric_fit import predictors

    data = _frailty_problem()
    assert data.constant_only == [False, True]
    theta = np.array([0.3, -1.7, 2.2, 0.1, np.pi / 7])
    eqs = predictors(theta, data)
    assert eqs[1].tobytes() == (data.designs[1] @ theta[4:5]).tobytes()


def test_remembered_values_are_the_functions():
    from mlmcli.survival.parametric_frailty import _remembered

    calls = []

    def f(x):
        calls.append(1)
        return float(np.sum(np.sin(x)))

    g = _remembered(f, size=3)
    x, e = np.array([0.1, 0.2]), np.array([1e-3, 0.0])
    assert g(x + e) == f(x + e) and len(calls) == 2
    assert g(x + e) == f(x + e) and len(calls) == 3  # remembered: one call (f's own) more
    assert g(x - e) == f(x - e)


@pytest.mark.parametrize("lnalpha", [-3.0, 0.0, 1.2])
def test_nbinomial_logf_over_is_logfs_bits(lnalpha):
    """menbreg's node densities written in place (``Family.logf_over``): logf's bits."""
    from mlmcli.glm.family import Family

    rng = np.random.default_rng(6)
    y = rng.poisson(5, size=60).astype(float)
    family = Family("nbinomial", "log", y, None, "mean")
    eta = rng.normal(scale=2.0, size=(60, 25)) + 1.0
    eta[0, 0] = 800.0  # past the exp cap
    expected = family.logf(eta, np.array([lnalpha]))
    work = eta.copy()
    out = family.logf_over(work, np.array([lnalpha]), np.empty_like(eta))
    assert out is work and out.tobytes() == expected.tobytes()


def _run(lines: str):
    import io

    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    session = Session(out=Output(io.StringIO()))
    rc = Runner(session).run_text(lines, echo=False)
    return rc, session.out.stream.getvalue()


@pytest.mark.parametrize("dist", ["loglogistic", "lognormal", "weibull"])
def test_no_maximum_stops_after_a_hundred_not_concave_steps(dist):
    """Every t equal: the scale goes to 0 and the likelihood to infinity.  ml's fits stop after
    ``NOT_CONCAVE_STALL`` "(not concave)" iterations in a row (r(430)), not after 2 x 16,000."""
    rc, out = _run(f"set obs 30\ngen t = 100\ngen x = mod(_n, 7)\nstset t\nstreg x, distribution({dist})")
    assert rc == 430
    assert out.rstrip().endswith("convergence not achieved") or "convergence not achieved" in out
    assert len(re.findall(r"Iteration \d+:", out)) < 400


def test_gamma_from_the_saddle_stops_instead_of_creeping():
    """dist(gamma), failure(b) on the dates data: the full model starts at a saddle of the profile
    likelihood (kappa = -3.3) and creeps toward kappa -> -inf; it stops at the stall, r(430)."""
    rc, out, cpu, session = run_line_fresh_session("dates", ["stset t2, failure(b)"], "streg x1, distribution(gamma)")
    assert rc == 430
    assert len(re.findall(r"Iteration \d+:", out)) < 400

"""``margins, predict(pr(a,b))`` (and e(), ystar()) with a variable as a bound after tobit, intreg,
metobit and xttobit: predict takes "numbers or variable names" ([R] tobit postestimation) and
margins averages what predict gives, so a bound variable is read at each row (missing: that
side open).  Checked against scipy: the average of Phi((x b - lim)/sigma) and its delta-method
SE from e(b), e(V) by a numerical gradient; after metobit the marginal probability of a random
intercept model, Phi((x b - lim)/sqrt(var_u + var_e)), and predict's own marginal mean."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

NUM = r"(-?[0-9.]+(?:e[-+]?\d+)?)"


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(21)
    groups, size = 25, 6
    ids = np.repeat(np.arange(1, groups + 1), size)
    x = rng.normal(size=groups * size)
    latent = 0.8 + 0.5 * x + rng.normal(0, 0.8, groups)[ids - 1] + rng.normal(0, 1.2, groups * size)
    lim = 0.4 + rng.uniform(0, 0.6, groups * size)
    lim[:4] = np.nan
    return pd.DataFrame({"id": ids, "x": x, "y": np.maximum(latent, 0.0), "lim": lim, "ub": lim + 1.0})


@pytest.fixture
def go(new_session, run, data):
    def running(text: str):
        session = new_session(data)
        printed, rc = run(session, text, stop_on_error=False)
        return printed, rc, session
    return running


def margin(printed: str) -> tuple[float, float]:
    found = re.findall(rf"^\s*_cons \|\s+{NUM}\s+{NUM}", printed, re.M)
    assert found, printed
    return float(found[-1][0]), float(found[-1][1])


def delta(f, b: np.ndarray, V: np.ndarray) -> float:
    g = np.array([(f(b + h) - f(b - h)) / (2e-6) for h in np.eye(len(b)) * 1e-6])
    return float(np.sqrt(g @ V @ g))


@pytest.mark.parametrize("fit, sigma, dep", [
    ("tobit y x, ll(0)", lambda t: t, "y"),  # e(b): y:x y:_cons sigma:_cons
    ("gen double lo = cond(y <= 0, ., y)\nintreg lo y x", np.exp, "lo"),  # ... lnsigma:_cons
], ids=["tobit", "intreg"])
def test_pr_with_a_variable_lower_bound(go, data, fit, sigma, dep):
    printed, rc, s = go(f"{fit}\nmargins, predict(pr(lim, .))")
    assert rc == 0, printed
    assert f"Expression   : Pr({dep}>lim), predict(pr(lim, .))" in printed
    b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    x, lim = data.x.to_numpy(), data.lim.to_numpy()

    def average(t):
        return norm.sf((np.nan_to_num(lim, nan=-np.inf) - (t[0] * x + t[1])) / sigma(t[2])).mean()
    est, se = margin(printed)
    assert est == pytest.approx(average(b), abs=5e-7)
    assert se == pytest.approx(delta(average, b, V), rel=1e-4)


def test_tobit_interval_and_ystar_with_variable_bounds(go, data):
    printed, rc, s = go("tobit y x, ll(0)\npredict p, pr(lim, ub)\npredict ys, ystar(lim, ub)\n"
                        "margins, predict(pr(lim, ub))\nmargins, predict(ystar(lim, ub)) at(x=1)")
    assert rc == 0, printed
    b = s.e.matrices["b"].values[0]
    pr_part, ystar_part = printed.rsplit("Adjusted predictions", 1)
    assert margin(pr_part)[0] == pytest.approx(float(np.nanmean(s.data.df["p"])), abs=5e-7)
    lo, hi = data.lim.to_numpy(), data.ub.to_numpy()
    eta, sig = b[0] + b[1], b[2]
    a = np.where(np.isnan(lo), -np.inf, (lo - eta) / sig)  # ub is missing where lim is: open too
    c = np.where(np.isnan(hi), np.inf, (hi - eta) / sig)
    # E(y*) with y* censored at a and b: a Phi(A) + b (1 - Phi(B)) + (Phi(B) - Phi(A)) eta - s (phi(B) - phi(A))
    ystar = (np.where(np.isnan(lo), 0.0, np.nan_to_num(lo) * norm.cdf(a))
             + np.where(np.isnan(hi), 0.0, np.nan_to_num(hi) * norm.sf(c))
             + (norm.cdf(c) - norm.cdf(a)) * eta - sig * (norm.pdf(c) - norm.pdf(a)))
    assert margin(ystar_part)[0] == pytest.approx(ystar.mean(), abs=5e-7)


def test_metobit_marginal_pr_with_a_variable_bound(go, data):
    printed, rc, s = go("metobit y x || id:, ll(0)\npredict pm, pr(lim, .) marginal\n"
                        "margins, predict(pr(li, .))")
    assert rc == 0, printed
    assert "Marginal Pr(y>li), predict(pr(li, .))" in printed
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    x, lim = data.x.to_numpy(), data.lim.to_numpy()
    scale = np.sqrt(b["var(_cons[id]):_cons"] + b["var(e.y):_cons"])
    closed = norm.sf((np.nan_to_num(lim, nan=-np.inf) - (b["y:x"] * x + b["y:_cons"])) / scale).mean()
    est, _ = margin(printed)
    assert est == pytest.approx(float(s.data.df["pm"].mean()), abs=5e-7)
    assert est == pytest.approx(closed, abs=2e-4)  # 7-point quadrature against the closed form


def test_xttobit_pr0_with_a_variable_bound(go, data):
    printed, rc, s = go("xtset id\nxttobit y x, ll(0)\npredict p0, pr0(lim, .)\nmargins, predict(pr0(lim, .))")
    assert rc == 0, printed
    assert margin(printed)[0] == pytest.approx(float(s.data.df["p0"].mean()), abs=5e-7)


def test_bound_errors_are_predicts(go):
    printed, rc, s = go("tobit y x, ll(0)\ngen below = lim - 1\nmargins, predict(pr(lim, below))")
    assert rc == 198 and "option pr(a,b) incorrectly specified; b must be >= a" in printed
    printed, rc, s = go("tobit y x, ll(0)\nmargins, predict(pr(nosuch, .))")
    assert rc == 111 and "variable nosuch not found" in printed


def test_truncreg_pr_with_a_variable_bound_is_predicts_average(go):
    printed, rc, s = go("truncreg y x, ll(0)\npredict p, pr(lim, .)\nmargins, predict(pr(lim, .))")
    assert rc == 0, printed
    df = s.data.df
    inside = df["y"] > 0  # e(sample): truncreg keeps y above ll()
    assert margin(printed)[0] == pytest.approx(float(df.loc[inside, "p"].mean()), abs=5e-7)

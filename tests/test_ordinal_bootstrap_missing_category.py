"""ologit/oprobit under vce(bootstrap): a draw without an outcome category has one cutpoint
fewer in Stata, so _loop_bs cannot read the full sample's last ``_b[cutK:_cons]`` from it and
posts it missing ("captured error in _b[cut3:_cons], posting missing value"); the replicate is an
``x``, counted in e(N_misreps), and V is over the complete replicates only
(``glm_replicates.ordinal_replicate``).  Checked against an independent maximum-likelihood fit
(scipy) of each replicate on the same draws (numpy's stream of the seed: mlm's draws)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize, stats

DATA = ("quietly {\nset obs 30\ngenerate x = mod(_n*7,11)/4\n"
        "generate y = 1 + (x + mod(_n*5,7)/3 > 1.5) + (x + mod(_n*5,7)/3 > 3)\n"
        "replace y = 4 if _n == 5 | _n == 18\n}\n")
REPS, SEED = 40, 4


def _fit(y, x, link):
    """(beta, cutpoints) of the ordered model on categories coded by rank."""
    levels = np.unique(y)
    k = np.searchsorted(levels, y)
    K = len(levels)
    cdf = stats.logistic.cdf if link == "logit" else stats.norm.cdf

    def nll(p):
        beta, cuts = p[0], np.cumsum(np.r_[p[1], np.exp(p[2:])])
        edges = np.r_[-np.inf, cuts, np.inf]
        eta = beta * x
        return -np.sum(np.log(np.clip(cdf(edges[k + 1] - eta) - cdf(edges[k] - eta), 1e-300, None)))

    start = np.r_[0.0, -1.0, np.zeros(K - 2)]
    r = optimize.minimize(nll, start, method="BFGS", options={"gtol": 1e-10, "maxiter": 10000})
    r = optimize.minimize(nll, r.x, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 40000})
    return np.r_[r.x[0], np.cumsum(np.r_[r.x[1], np.exp(r.x[2:])])]


def _reference(y, x, link):
    rng = np.random.default_rng(SEED)
    n = len(y)
    complete, partial = [], []
    for _ in range(REPS):
        rows = rng.integers(0, n, size=n)
        theta = _fit(y[rows], x[rows], link)
        (complete if len(np.unique(y[rows])) == 4 else partial).append(theta)
    return np.array(complete), partial


@pytest.mark.parametrize("command", ["ologit", "oprobit"])
def test_draws_without_a_category_are_missing(do, command):
    rc, out, s = do(DATA + f"{command} y x, vce(bootstrap, reps({REPS}) seed({SEED}))")
    assert rc == 0, out
    y, x = s.data.numeric("y"), s.data.numeric("x")
    complete, partial = _reference(y, x, "logit" if command == "ologit" else "probit")
    assert len(partial) > 0  # the data make some draws lose category 4
    assert s.e.scalars["N_reps"] == len(complete)
    assert s.e.scalars["N_misreps"] == len(partial)
    assert s.e.macros["missing"] == "missing"
    V = np.cov(complete, rowvar=False, ddof=1)
    np.testing.assert_allclose(s.e.matrices["V"].values, V, rtol=2e-4, atol=1e-7)
    assert "Note: one or more parameters could not be estimated in" in out
    assert f"{len(partial)} bootstrap replicates;" in out
    dots = out.split(f"Bootstrap replications ({REPS})")[1].splitlines()[2]
    assert dots.count("x") == len(partial)
    assert f"Replications    =         {len(complete)}" in out


def test_saving_posts_the_cutpoints_it_can_read(do, tmp_path):
    path = tmp_path / "bs.dta"
    rc, out, s = do(DATA + f'ologit y x, vce(bootstrap, reps({REPS}) seed({SEED}) saving("{path}"))\n'
                    f'use "{path}", clear')
    assert rc == 0, out
    rc, _, s0 = do(DATA)
    y0, x0 = s0.data.numeric("y"), s0.data.numeric("x")
    rng = np.random.default_rng(SEED)
    names = list(s.data.varnames)
    saved = np.column_stack([s.data.numeric(v) for v in names])
    for r in range(REPS):
        rows = rng.integers(0, len(y0), size=len(y0))
        if len(np.unique(y0[rows])) == 4:
            assert np.all(np.isfinite(saved[r]))
            continue
        theta = _fit(y0[rows], x0[rows], "logit")  # one cutpoint fewer: cut1, cut2 renumbered
        np.testing.assert_allclose(saved[r, :3], theta, rtol=2e-4, atol=1e-6)
        assert np.isnan(saved[r, 3])


def test_noisily_names_the_missing_cutpoint(do):
    rc, out, s = do(DATA + f"ologit y x, vce(bootstrap, reps({REPS}) seed({SEED}) noisily)")
    assert rc == 0, out
    assert out.count("captured error in _b[cut3:_cons], posting missing value") == s.e.scalars["N_misreps"]


def test_fpfit_ologit_band_leaves_them_out(do, monkeypatch):
    """twoway fpfitci y x, estcmd(ologit) estopts(vce(bootstrap)): the final model's replicates
    without a category have a cutpoint fewer and are left out of the band's V (as Stata's
    complete replications)."""
    import mlmcli.graphs.fpfit_ml_replicates as replicates

    seen = {}
    original = replicates.replicate_variance

    def spy(vce, b, fit_rows, n, cluster, rng, *args, **kwargs):
        fits = []

        def recorded(rows, *more):
            theta = np.asarray(fit_rows(rows, *more), float)
            fits.append(theta)
            return theta

        V, df_r = original(vce, b, recorded, n, cluster, rng, *args, **kwargs)
        seen.update(b=np.asarray(b), fits=fits, V=V)
        return V, df_r

    monkeypatch.setattr(replicates, "replicate_variance", spy)
    rc, out, _ = do(DATA + f"twoway fpfitci y x, estcmd(ologit) estopts(vce(bootstrap, reps({REPS}) seed({SEED})))")
    assert rc == 0, out
    k = seen["b"].size
    assert all(t.size == k for t in seen["fits"])
    complete = [t for t in seen["fits"] if np.all(np.isfinite(t))]
    partial = [t for t in seen["fits"] if not np.all(np.isfinite(t))]
    assert 0 < len(complete) < REPS
    assert all(np.isnan(t[-1]) and np.all(np.isfinite(t[:-1])) for t in partial)  # the last cutpoint missing
    np.testing.assert_allclose(seen["V"], np.cov(np.array(complete), rowvar=False, ddof=1), rtol=1e-10)


def test_fpfit_ologit_saving_posts_the_cutpoints_it_can_read(do, tmp_path):
    """fpfitci's bootstrap prefix options (saving()): a replicate without a category posts its
    coefficients and first cutpoints, the last cutpoint missing."""
    path = tmp_path / "fp.dta"
    rc, out, s = do(DATA + f'twoway fpfitci y x, estcmd(ologit) estopts(vce(bootstrap, reps({REPS}) seed({SEED}) '
                    f'saving("{path}", replace)))\nuse "{path}", clear')
    assert rc == 0, out
    saved = np.column_stack([s.data.numeric(v) for v in s.data.varnames])
    incomplete = saved[~np.all(np.isfinite(saved), axis=1)]
    assert len(incomplete) > 0
    assert np.all(np.isnan(incomplete[:, -1])) and np.all(np.isfinite(incomplete[:, :-1]))

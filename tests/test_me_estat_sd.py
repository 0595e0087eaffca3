"""``estat sd`` (Stata 15+) after the me commands ([ME] estat sd; meglm_estat -> gsem_estat's
SD -> gsem_display, disd): the random-effects parameters as standard deviations and
correlations, ``verbose`` (the whole table), ``post`` (e(b), e(V) in that metric, e(cmd)
``estat sd``, verbose implied), ``coeflegend`` (with post only), r(b), r(V), r(table),
r(level); ``variance`` is for mixed and menl only.  After an estimator without variance
components: ``estat sd not valid`` r(321) (estat_default).  The numbers are checked against
the delta method written here with numpy (a numerical Jacobian of sd = sqrt(var),
corr = cov / sqrt(var_a var_b) applied to e(V))."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats


def _three_level(seed=5, C=30, M=4, n=3):
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(1, C + 1):
        u0, u1 = rng.multivariate_normal([0, 0], [[1, .3], [.3, .5]])
        for mo in range(1, M + 1):
            v = rng.normal(0, .8)
            for _ in range(n):
                x, z = float(rng.integers(0, 2)), rng.normal()
                eta = -.3 + .5 * x + .3 * z + u0 + u1 * x + v
                rows.append((c, c * 10 + mo, x, z, float(rng.random() < special.expit(eta))))
    return pd.DataFrame(rows, columns=["cluster", "mom", "x", "z", "y"])


FIT = "melogit y x z || cluster: x, covariance(unstructured) || mom:, intpoints(3)"


def _sd_map(names, b):
    """sd / corr of e(b)'s variance-metric random-effects columns (numpy, independent)."""
    idx = {n: i for i, n in enumerate(names)}
    out = []
    for n in names:
        if n.startswith("var("):
            out.append(np.sqrt(b[idx[n]]))
        elif n.startswith("cov("):
            inner = n[4:-7]
            k = inner.index("],") + 1
            a, c = inner[:k], inner[k + 1:]
            out.append(b[idx[n]] / np.sqrt(b[idx[f"var({a}):_cons"]] * b[idx[f"var({c}):_cons"]]))
        else:
            out.append(b[idx[n]])
    return np.array(out)


@pytest.fixture(scope="module")
def fitted(new_session, run):
    s = new_session(_three_level())
    printed, rc = run(s, FIT)
    assert rc == 0, printed
    return s


def _expected(s):
    names = list(s.e.matrices["b"].colnames)
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    V = np.asarray(s.e.matrices["V"].values, float)
    sd = _sd_map(names, b)
    h = 1e-6
    J = np.column_stack([(_sd_map(names, b + h * e) - _sd_map(names, b - h * e)) / (2 * h) for e in np.eye(len(b))])
    return names, sd, J @ V @ J.T


def test_estat_sd_shows_and_returns_sds_and_correlations(fitted, run):
    printed, rc = run(fitted, "estat sd")
    assert rc == 0, printed
    names, sd, Vsd = _expected(fitted)
    re = [i for i, n in enumerate(names) if n.startswith(("var(", "cov("))]
    rb = fitted.r["b"]
    assert list(rb.colnames) == ["sd(x[cluster]):_cons", "sd(_cons[cluster]):_cons",
                                 "corr(x[cluster],_cons[cluster]):_cons", "sd(_cons[cluster>mom]):_cons"]
    assert np.asarray(rb.values).ravel() == pytest.approx(sd[re], rel=1e-10)
    assert np.asarray(fitted.r["V"].values) == pytest.approx(Vsd[np.ix_(re, re)], rel=1e-5, abs=1e-10)
    T = np.asarray(fitted.r["table"].values)
    se = np.sqrt(np.diag(Vsd))[re]
    z = stats.norm.ppf(0.975)
    assert T[4, 1] == pytest.approx(sd[re][1] * np.exp(-z * se[1] / sd[re][1]), rel=1e-5)
    assert T[5, 3] == pytest.approx(sd[re][3] * np.exp(z * se[3] / sd[re][3]), rel=1e-5)
    assert np.isnan(T[2, 0]) and T[2, 2] == pytest.approx(sd[re][2] / se[2], rel=1e-5)
    assert fitted.r["level"] == 95
    assert "cluster>mom  |" in printed and "sd(_cons)|" in printed and "corr(x,_cons)|" in printed
    assert "      x |" not in printed.replace("   ", " ")  # no fixed-effects rows without verbose
    # the sd table's own SEs (from the estimation metric) agree with the delta method of e(V)
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("sd(_cons)|"))
    assert float(row.split("|")[1].split()[1]) == pytest.approx(se[1], rel=1e-5)


def test_estat_sd_verbose_post_and_coeflegend(new_session, run):
    s = new_session(_three_level())
    printed, rc = run(s, FIT + "\nestat sd, verbose")
    assert rc == 0 and "       _cons |" in printed and "sd(x)|" in printed
    assert len(np.asarray(s.r["b"].values).ravel()) == 7
    names, sd, Vsd = _expected(s)
    printed, rc = run(s, "estat sd, post coeflegend")
    assert rc == 0, printed
    assert "_b[sd(_cons[cluster>mom]):_cons]" in printed and "_b[corr(x[cluster],_cons[cluster]):_cons]" in printed
    assert s.e.cmd == "estat sd" and s.e.macros["cmd"] == "estat sd" and s.e.macros["properties"] == "b V"
    assert np.asarray(s.e.matrices["b"].values).ravel() == pytest.approx(sd, rel=1e-10)
    printed, rc = run(s, "lincom _b[sd(_cons[cluster]):_cons] - _b[/sd(_cons[cluster>mom])]")
    assert rc == 0, printed
    i, j = 4, 6
    est = sd[i] - sd[j]
    se = np.sqrt(Vsd[i, i] + Vsd[j, j] - 2 * Vsd[i, j])
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("(1) |"))
    assert float(row.split("|")[1].split()[0]) == pytest.approx(est, abs=5e-7)
    assert float(row.split("|")[1].split()[1]) == pytest.approx(se, rel=1e-4)


def test_estat_sd_refusals(new_session, run):
    s = new_session(_three_level())
    printed, rc = run(s, FIT + "\nestat sd, variance", stop_on_error=True)
    assert rc == 198 and "option variance not allowed" in printed
    printed, rc = run(s, "estat sd, coeflegend")
    assert rc == 198 and "option coeflegend not allowed" in printed
    b0 = s.e.matrices["b"]
    printed, rc = run(s, "regress y x\nestat sd")
    assert rc == 321 and "estat sd not valid" in printed
    printed, rc = run(s, "logit y x\nestat sd")
    assert rc == 321 and "estat sd not valid" in printed
    assert b0 is not None


def test_estat_sd_after_mixed_keeps_variance_option(new_session, run):
    s = new_session(_three_level())
    printed, rc = run(s, "mixed z x || cluster:\nestat sd\nestat sd, variance")
    assert rc == 0 and "sd(_cons)" in printed and "var(_cons)" in printed


def test_meglm_gaussian_residual_shown_as_its_sd(new_session, run):
    s = new_session(_three_level())
    printed, rc = run(s, "meglm z x || cluster:\nmatrix B = e(b)\nmatrix V = e(V)\nestat sd")
    assert rc == 0, printed
    v = s.matrices["B"].values.ravel()[-1]
    se_v = np.sqrt(s.matrices["V"].values[-1, -1])
    row = next(ln for ln in printed.splitlines() if ln.strip().startswith("sd(e.z)|"))
    est, se = (float(t) for t in row.split("|")[1].split()[:2])
    assert est == pytest.approx(np.sqrt(v), rel=1e-6) and se == pytest.approx(se_v / (2 * np.sqrt(v)), rel=1e-5)
    printed, rc = run(s, "estat sd")
    assert rc == 0 and "var(e.z)" not in printed and "sd(e.z)" in printed
    assert list(s.r["b"].colnames)[-1] == "sd(e.z):_cons"


def test_cutpoints_only_with_verbose(new_session, run):
    df = _three_level(C=15)
    df["cnt"] = df.mom - 10 * df.cluster
    s = new_session(df)
    printed, rc = run(s, "meologit cnt x || cluster:")
    assert rc == 0, printed
    printed, rc = run(s, "estat sd")
    assert rc == 0 and "/cut1" not in printed and "sd(_cons)|" in printed
    assert list(s.r["b"].colnames) == ["sd(_cons[cluster]):_cons"]
    printed, rc = run(s, "estat sd, verbose")
    assert rc == 0 and "/cut1" in printed and "sd(_cons)|" in printed

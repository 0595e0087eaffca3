"""Start values and the iteration log's sections of xtnbreg (re, fe) and xtpoisson (re, fe), as
xtnbreg.ado and xtpoisson.ado (Stata 16, public copies of the ados) run them:

- xtnbreg, re: "Fitting negative binomial (constant dispersion) model:", then nbreg ...,
  dispersion(constant) nodisplay -- its Poisson, constant-only and full fits, each log after a
  blank line with no heading (nbreg's nodisplay) -- then "Fitting full model:" from nbreg's e(b)
  with /ln_r = /ln_s = 0 (``init(b0, skip)``); nbreg's e(ll) is e(ll_c).  A Stata 17 log of
  xtnbreg, re (Robertson and Teitelbaum's protests model, printed in a public RMarkdown page)
  has exactly these sections.
- nbreg's own full model starts from the Poisson coefficients with the constant moved so that
  mean(x b) is the constant-only constant (with its ln delta) when that beats the constant-only
  model, else from the constant-only estimates (nbreg.ado).
- xtnbreg, fe: poisson ..., iter(1) is captured: the full model's log alone, no heading.
- xtpoisson, re: "Fitting Poisson model:", "Fitting full model:" from the Poisson b with
  /lnalpha = 0; xtpoisson, fe: ml from zeros, no heading.

The log likelihoods at the start values are computed here from the models' formulas."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from scipy.special import gammaln

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "xtnbreg_reference.json").read_text())
ITERATION = re.compile(r"^Iteration (\d+):\s+log likelihood = +(\S+)")


@pytest.fixture(scope="module")
def panels():
    return pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)


def _design(df):
    return np.c_[df["x"], df["z"], np.ones(len(df))], df["yc"].to_numpy(float), df["id"].to_numpy()


def _blocks(out: str) -> list[list[str]]:
    """The printed lines cut at blank lines (the fit's table starts the last block)."""
    blocks, cur = [], []
    for line in out.splitlines():
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            blocks.append(cur)
            cur = []
    return blocks + ([cur] if cur else [])


def _values(block):
    return [float(ITERATION.match(line).group(2)) for line in block]


def _poisson_b(X, y):
    b = np.zeros(X.shape[1])
    for _ in range(60):
        mu = np.exp(X @ b)
        b = b + np.linalg.solve(X.T @ (X * mu[:, None]), X.T @ (y - mu))
    return b


def _poisson_ll(X, y, b):
    eta = X @ b
    return float(np.sum(y * eta - np.exp(eta) - gammaln(y + 1)))


def _nb1_ll(X, y, b, lndelta):
    """The pooled negative binomial with constant dispersion: variance mu (1 + delta)."""
    mu, d = np.exp(X @ b), np.exp(lndelta)
    m = mu / d
    return float(np.sum(gammaln(y + m) - gammaln(m) - gammaln(y + 1) - m * np.log1p(d)
                        + y * (np.log(d) - np.log1p(d))))


def _hhg_re_ll(X, y, g, b, ln_r, ln_s):
    """Hausman, Hall and Griliches' random-effects negative binomial ([XT] xtnbreg, Methods)."""
    r, s, lam = np.exp(ln_r), np.exp(ln_s), np.exp(X @ b)
    total = 0.0
    for key in np.unique(g):
        i = g == key
        L, Y = lam[i].sum(), y[i].sum()
        total += (gammaln(r + s) + gammaln(r + L) + gammaln(s + Y) - gammaln(r) - gammaln(s)
                  - gammaln(r + s + L + Y) + np.sum(gammaln(lam[i] + y[i]) - gammaln(lam[i]) - gammaln(y[i] + 1)))
    return total


def _nb1_fit(X, y):
    k = X.shape[1]
    res = minimize(lambda t: -_nb1_ll(X, y, t[:k], t[k]), np.r_[_poisson_b(X, y), 0.0], method="BFGS",
                   options={"gtol": 1e-9})
    return res.x, -res.fun


def _run(do, panels, line):
    rc, _, s = do("xtset id t", df=panels)
    rc, out, s = do(line, session=s)
    assert rc == 0, out
    return out, s


def test_re_sections_follow_the_ado(do, panels):
    out, s = _run(do, panels, "xtnbreg yc x z")
    lines = out.splitlines()
    head = lines.index("Fitting negative binomial (constant dispersion) model:")
    assert lines[head - 1] == "" and lines[head + 1] == ""
    full = lines.index("Fitting full model:")
    assert lines[full - 1] == "" and lines[full + 1] == "" and head < full
    nbreg = _blocks("\n".join(lines[head + 1:full]))
    assert len(nbreg) == 3  # nbreg's Poisson, constant-only and full fits, no headings
    assert all(ITERATION.match(line) for block in nbreg for line in block)
    assert not any(line.startswith("Fitting") for line in lines[head + 1:full])
    X, y, g = _design(panels)
    # the Poisson fit and the constant-only NB1 end at their maxima
    assert _values(nbreg[0])[-1] == pytest.approx(_poisson_ll(X, y, _poisson_b(X, y)), abs=1e-4)
    c = minimize(lambda t: -_nb1_ll(X[:, 2:], y, t[:1], t[1]), np.r_[np.log(y.mean()), 0.0], method="BFGS")
    assert _values(nbreg[1])[-1] == pytest.approx(-c.fun, abs=1e-4)
    # nbreg's full fit ends at the pooled NB1 maximum (R's optim(), and here), which is e(ll_c)
    theta, ll_nb1 = _nb1_fit(X, y)
    assert _values(nbreg[2])[-1] == pytest.approx(REF["pooled_ll"], abs=1e-4)
    assert s.e.scalars["ll_c"] == pytest.approx(REF["pooled_ll"], abs=1e-6)
    assert ll_nb1 == pytest.approx(REF["pooled_ll"], abs=1e-6)
    # the full model's iteration 0: nbreg's b with ln_r = ln_s = 0
    first = _blocks("\n".join(lines[full + 1:]))[0]
    assert _values(first)[0] == pytest.approx(_hhg_re_ll(X, y, g, theta[:3], 0.0, 0.0), abs=1e-3)


def test_re_estimates_unchanged_by_the_start(do, panels):
    """The ado's start and the earlier one (Poisson b, r = s = e) reach the same maximum (R's)."""
    from mlmcli.conditional_likelihood import maximise
    from mlmcli.panel import negative_binomial as nb

    out, s = _run(do, panels, "xtnbreg yc x z, nolog")
    assert "Fitting" not in out
    X, y, g = _design(panels)
    codes = np.unique(g, return_inverse=True)[1]
    old = maximise(nb.re_derivatives, X, y, codes, start=np.r_[_poisson_b(X, y), 1.0, 1.0], difficult=True,
                   value=nb.re_loglik)[0]
    b = s.e.matrices["b"].values[0]
    np.testing.assert_allclose(b, old, atol=1e-5)
    ref = REF["re"]
    np.testing.assert_allclose(b, np.r_[ref["b"][1:], ref["b"][0], ref["ln_r"], ref["ln_s"]], atol=2e-4)


def test_fe_prints_the_full_model_alone(do, panels):
    out, _ = _run(do, panels, "xtnbreg yc x z, fe")
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Iteration 0:"))
    # DropZero's note, the ml log's blank line, the log: nothing of the captured poisson
    assert lines[:first] == ["note: 3 groups (10 obs) dropped because of all zero outcomes", ""]


def test_xtpoisson_re_starts_from_poisson_with_lnalpha_zero(do, panels):
    out, _ = _run(do, panels, "xtpoisson yc x z")
    lines = out.splitlines()
    assert lines[:3] == ["", "Fitting Poisson model:", ""]
    full = lines.index("Fitting full model:")
    assert lines[full - 1] == "" and lines[full + 1] == ""
    X, y, g = _design(panels)
    b = _poisson_b(X, y)
    assert _values(_blocks("\n".join(lines[3:full]))[0])[-1] == pytest.approx(_poisson_ll(X, y, b), abs=1e-4)
    # the gamma random-effects Poisson at alpha = 1 (u = 1/alpha):
    # sum_i lnG(u + Y) - lnG(u) - sum lnG(y + 1) + u ln(u / (u + L)) + sum y ln lam - Y ln(u + L)
    lam, u, ll = np.exp(X @ b), 1.0, 0.0
    for key in np.unique(g):
        i = g == key
        L, Y = lam[i].sum(), y[i].sum()
        ll += (gammaln(u + Y) - gammaln(u) - np.sum(gammaln(y[i] + 1)) + u * np.log(u / (u + L))
               + np.sum(y[i] * np.log(lam[i])) - Y * np.log(u + L))
    assert _values(_blocks("\n".join(lines[full + 1:]))[0])[0] == pytest.approx(ll, abs=1e-3)


def test_xtpoisson_fe_starts_from_zero(do, panels):
    out, _ = _run(do, panels, "xtpoisson yc x z, fe")
    lines = out.splitlines()
    assert not any(line.startswith("Fitting") for line in lines)
    X, y, g = _design(panels)
    ll = 0.0  # the conditional likelihood at b = 0: each panel's multinomial with equal shares
    for key in np.unique(g):
        yi = y[g == key]
        if len(yi) > 1 and yi.sum() > 0:
            ll += gammaln(yi.sum() + 1) - np.sum(gammaln(yi + 1)) - yi.sum() * np.log(len(yi))
    assert _values(_blocks(out)[1])[0] == pytest.approx(ll, abs=1e-3)  # [0]: DropZero's note


def _nbreg_full_start_ll(X, y, cons=2):
    """nbreg.ado's start of the full model (its best of two) for NB1, and the constant-only max."""
    c = minimize(lambda t: -_nb1_ll(X[:, cons:cons + 1], y, t[:1], t[1]), np.r_[np.log(y.mean()), 0.0],
                 method="BFGS", options={"gtol": 1e-9})
    c0, lnd0, ll0 = c.x[0], c.x[1], -c.fun
    b = _poisson_b(X, y)
    b[cons] += c0 - np.mean(X @ b)
    moved = _nb1_ll(X, y, b, lnd0)
    return max(moved, ll0), moved > ll0


def test_nbreg_full_model_starts_as_the_ado(do, panels):
    X, y, _ = _design(panels)
    expected, moved_wins = _nbreg_full_start_ll(X, y)
    rc, out, _ = do("nbreg yc x z, dispersion(constant)", df=panels)
    assert rc == 0, out
    lines = out.splitlines()
    full = lines.index("Fitting full model:")
    assert _values(_blocks("\n".join(lines[full + 1:]))[0])[0] == pytest.approx(expected, abs=1e-3)
    assert moved_wins  # here the moved Poisson coefficients beat the constant-only model
    # a heavy-tailed regressor with an outlying count: the constant-only estimates win
    rng = np.random.default_rng(1)
    x, z = rng.normal(size=40), rng.standard_t(1.5, size=40)
    yc = rng.negative_binomial(0.5, 0.5 / (0.5 + np.exp(0.5)), 40).astype(float)
    yc[np.argmax(np.abs(z))] = 60.0
    df = pd.DataFrame({"x": x, "z": z, "yc": yc})
    X2, y2, _ = _design(df.assign(id=np.arange(40)))
    expected2, moved2 = _nbreg_full_start_ll(X2, y2)
    assert not moved2
    rc, out, _ = do("nbreg yc x z, dispersion(constant)", df=df)
    assert rc == 0, out
    lines = out.splitlines()
    full = lines.index("Fitting full model:")
    assert _values(_blocks("\n".join(lines[full + 1:]))[0])[0] == pytest.approx(expected2, abs=1e-3)

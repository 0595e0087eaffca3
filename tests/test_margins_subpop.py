"""``margins ..., subpop()`` after non-svy results: _marg_work.class marks the subpopulation
(_svy_subpop) inside the margins sample; margins, at() statistics and r(_N) are over it,
``Number of obs`` and r(N) stay the margins sample's count, r(N_sub) and r(subpop) are added.
Numbers are checked against margins computed by hand from the least-squares fit."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(62)
    n = 400
    x = rng.normal(size=n)
    g = rng.integers(0, 2, n)
    f = rng.integers(0, 2, n)
    y = 1 + 0.8 * x + 0.5 * g - 0.3 * f + 0.4 * g * f + rng.normal(size=n)
    return pd.DataFrame(dict(y=y, x=x, g=g, f=f, s2=2.0 * f, name=np.where(f == 1, "a", "b")))


def _hand(df: pd.DataFrame, sub: np.ndarray):
    """OLS of y on x g f g#f; the margins of g over the rows in ``sub`` and their delta-method SEs."""
    X = np.column_stack([df.x, df.g, df.f, df.g * df.f, np.ones(len(df))])
    b, *_ = np.linalg.lstsq(X, df.y, rcond=None)
    resid = df.y - X @ b
    V = resid @ resid / (len(df) - 5) * np.linalg.inv(X.T @ X)
    out = []
    for level in (0, 1):
        Xs = X[sub].copy()
        Xs[:, 1] = level
        Xs[:, 3] = level * Xs[:, 2]
        J = Xs.mean(axis=0)
        out.append((J @ b, np.sqrt(J @ V @ J)))
    return out


@pytest.mark.parametrize("spec, rows", [
    ("f", lambda d: d.f.to_numpy() == 1),
    ("if x > 0", lambda d: d.x.to_numpy() > 0),
    ("f in 1/200", lambda d: (d.f.to_numpy() == 1) & (np.arange(len(d)) < 200)),
    ("s2", lambda d: d.s2.to_numpy() != 0),
])
def test_margins_over_the_subpopulation(do, data, spec, rows):
    rc, out, s = do(f"quietly regress y x i.g##i.f\nmargins g, subpop({spec})", df=data)
    assert rc == 0, out
    sub = rows(data)
    table = s.r["table"].values
    for j, (m, se) in enumerate(_hand(data, sub)):
        assert table[0, j] == pytest.approx(m, rel=1e-9)
        assert table[1, j] == pytest.approx(se, rel=1e-7)
    assert "Number of obs   =        400" in out
    assert s.r["N"] == 400 and s.r["N_sub"] == sub.sum()
    assert s.r["subpop"] == spec
    assert s.r["_N"].values.ravel().tolist() == [sub.sum()] * 2
    # the note _svy_subpop's SubNotes prints for a variable with values other than 0 and 1
    assert ("Note: subpop() takes on values other than 0 and 1\n      subpop() != 0 indicates subpopulation"
            in out) == (spec == "s2")


def test_missing_values_leave_the_subpopulation(do, data):
    df = data.copy()
    df.loc[:9, "s2"] = np.nan
    rc, out, s = do("quietly regress y x i.g##i.f\nmargins g, subpop(if s2)", df=df)
    assert rc == 0, out
    sub = (df.s2.notna() & (df.s2 != 0)).to_numpy()
    assert s.r["N_sub"] == sub.sum() and s.r["N"] == 400
    assert s.r["table"].values[0, 0] == pytest.approx(_hand(df, sub)[0][0], rel=1e-9)


def test_atmeans_statistics_are_the_subpopulations(do, data):
    rc, out, s = do("quietly regress y x i.g##i.f\nmargins, atmeans subpop(f)", df=data)
    assert rc == 0, out
    mean_x = data.x[data.f == 1].mean()
    assert s.r["at"].values[0, 0] == pytest.approx(mean_x, rel=1e-12)


@pytest.mark.parametrize("spec, text, rc", [
    ("if f == 2", "no observations in subpop() subpopulation\nsubpop() = 1 indicates observation in "
                  "subpopulation\nsubpop() = 0 indicates observation not in subpopulation", 461),
    ("nosuch", "invalid subpop() option", 111),
    ("f g", "invalid subpop() option", 103),
    ("name", "invalid subpop() option", 109),
    ("f, foo", "invalid subpop() option", 198),
])
def test_invalid_uses_are_statas(do, data, spec, text, rc):
    r, out, s = do(f"quietly regress y x i.g##i.f\nmargins g, subpop({spec})", df=data)
    assert r == rc
    assert text in out


def test_srssubpop_is_accepted(do, data):
    rc, out, s = do("quietly regress y x i.g##i.f\nmargins g, subpop(f, srssubpop)", df=data)
    assert rc == 0 and s.r["N_sub"] == (data.f == 1).sum()
    # vce(unconditional) with subpop(): tests/test_margins_leftovers.py (R's numbers)
    # (vce(unconditional) needs a robust fit: _marg_work's ._parse_vce)
    rc, out, s = do("quietly regress y x i.g##i.f, vce(robust)\nmargins g, subpop(f) vce(unconditional)", df=data)
    assert rc == 0 and s.r["vce"] == "unconditional" and s.r["N_sub"] == (data.f == 1).sum()


def test_subpop_after_logit_equals_if_but_for_N(do, data):
    """Delta-method margins depend on the rows averaged over only: subpop(f) gives the numbers of
    ``if f`` after logit too, with Number of obs the whole sample."""
    df = data.assign(yb=(data.y > 1).astype(int))
    rc, out, s = do("quietly logit yb x i.g\nmargins g, subpop(f)", df=df)
    sub = s.r["table"].values[:6].copy()
    rc2, out2, s2 = do("quietly logit yb x i.g\nmargins g if f", df=df)
    assert np.allclose(sub, s2.r["table"].values[:6], rtol=1e-12)
    assert s.r["N"] == 400 and s2.r["N"] == (df.f == 1).sum()

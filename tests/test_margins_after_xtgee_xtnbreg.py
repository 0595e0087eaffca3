"""margins after xtgee (population-averaged: the mean g^-1(x b + offset) averaged over the
sample, predict's default mu) and after xtnbreg (xb by default, nu0, iru0), checked against
the averaged prediction and the delta method computed here from e(b) and e(V)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)


def _X(s):
    """The sample's design in e(b)'s order (x, z, _cons)."""
    df = s.data.df
    rows = np.asarray(s.e.sample, bool)
    return np.column_stack([df.x.to_numpy()[rows], df.z.to_numpy()[rows], np.ones(rows.sum())])


def _margin(s):
    t = s.r["table"].values
    return t[0, 0], t[1, 0]


def test_xtgee_margins_average_the_population_averaged_mean(do, panels):
    rc, out, s = do("xtset id t\nquietly xtgee yb x z, family(binomial)\nmargins", df=panels)
    assert rc == 0, out
    assert "Expression   : Predicted mean yb, predict()" in out
    b = s.e.matrices["b"].values[0][:3]
    V = s.e.matrices["V"].values[:3, :3]
    X = _X(s)
    p = 1 / (1 + np.exp(-X @ b))
    J = (p * (1 - p)) @ X / len(p)
    margin, se = _margin(s)
    assert margin == pytest.approx(p.mean(), rel=1e-10)
    assert se == pytest.approx(np.sqrt(J @ V @ J), rel=1e-8)
    rc, out, s = do("margins, predict(xb)", session=s)
    assert rc == 0 and _margin(s)[0] == pytest.approx((X @ b).mean(), rel=1e-10)
    rc, out, s = do("margins, predict(stdp)", session=s)
    assert rc == 498


@pytest.mark.parametrize("model", ["re", "fe"])
def test_xtnbreg_margins(do, panels, model):
    rc, out, s = do(f"xtset id t\nquietly xtnbreg yc x z, {model}\nmargins, predict(nu0)", df=panels)
    assert rc == 0, out
    names = [n.split(":")[-1] for n in s.e.matrices["b"].colnames]
    idx = [names.index(n) for n in ("x", "z", "_cons") if n in names]
    b = s.e.matrices["b"].values[0][idx]
    V = s.e.matrices["V"].values[np.ix_(idx, idx)]
    X = _X(s)[:, :len(idx)]
    n = np.exp(X @ b)
    J = n @ X / len(n)
    margin, se = _margin(s)
    assert margin == pytest.approx(n.mean(), rel=1e-10)
    assert se == pytest.approx(np.sqrt(J @ V @ J), rel=1e-8)
    rc, out, s = do("margins", session=s)
    assert rc == 0 and "Linear prediction" in out
    assert _margin(s)[0] == pytest.approx((X @ b).mean(), rel=1e-10)

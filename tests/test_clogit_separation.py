"""clogit / xtlogit, fe on separated samples: clogit.ado has no perfect-prediction check, so ml
runs on towards huge coefficients (ln L -> 0) and reports its table.  The conditional-logit
denominator is carried in log space, so groups with several positives whose weights' products
pass below the smallest double keep a finite ln L and derivatives (before: ml's r(430),
"could not calculate numerical derivatives").  Checked against a brute-force enumeration of
the subsets in log space (scipy's logsumexp)."""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from scipy.special import logsumexp

from mlmcli.conditional_group_batches import stacked_terms


def _enumerated(X, y, b):
    """(l, score, Hessian) of one group by listing every subset of its size k."""
    k = int(y.sum())
    subsets = [list(s) for s in combinations(range(len(y)), k)]
    sums = np.array([X[s].sum(axis=0) for s in subsets])  # (S, p)
    lw = sums @ b
    share = np.exp(lw - logsumexp(lw))
    mean = share @ sums
    centred = sums - mean
    return float(y @ X @ b - logsumexp(lw)), y @ X - mean, -(centred * share[:, None]).T @ centred


@pytest.mark.parametrize("scale", [1.0, 300.0, 3000.0])
def test_group_terms_as_the_enumeration_even_where_the_weights_underflow(scale):
    rng = np.random.default_rng(11)
    X = rng.normal(size=(3, 7, 2))
    y = np.zeros((3, 7))
    for g in range(3):
        y[g, rng.choice(7, size=3, replace=False)] = 1.0
    b = np.array([1.0, -0.5]) * scale  # eta spreads of thousands: exp(eta - max) is 0 for most rows
    with np.errstate(divide="raise", over="raise", invalid="raise"):
        ll, score, hess = stacked_terms(X, y, 3, b)
    for g in range(3):
        want = _enumerated(X[g], y[g], b)
        assert ll[g] == pytest.approx(want[0], rel=1e-10, abs=1e-9 * scale)
        np.testing.assert_allclose(score[g], want[1], rtol=1e-8, atol=1e-8)
        np.testing.assert_allclose(hess[g], want[2], rtol=1e-7, atol=1e-8)


def _separated_frame():
    rng = np.random.default_rng(7)
    n_groups, size = 12, 5
    x1 = rng.normal(size=n_groups * size)
    x2 = rng.normal(size=n_groups * size)
    ids = np.repeat(np.arange(1, n_groups + 1), size)
    y = np.zeros_like(x2)
    for g in range(n_groups):  # the group's two largest x2 are its positives: complete separation
        rows = np.flatnonzero(ids == g + 1)
        y[rows[np.argsort(x2[rows])[-2:]]] = 1.0
    return pd.DataFrame({"id": ids.astype(float), "t": np.tile(np.arange(1.0, size + 1), n_groups),
                         "x1": x1, "x2": x2, "y": y})


@pytest.mark.parametrize("line", ["clogit y x1 x2, group(id)", "xtset id t\nxtlogit y x1 x2, fe"])
def test_separated_sample_reports_huge_coefficients_not_r430(do, line):
    frame = _separated_frame()
    rc, printed, session = do(line, df=frame)
    assert rc == 0, printed
    assert "note: multiple positive outcomes within groups encountered." in printed  # clogit.ado's note
    assert session.e.macros["multiple"] == "multiple"
    b = np.asarray(session.e.matrices["b"].values, float).ravel()
    ll = session.e.scalars["ll"]
    assert b[1] > 20 and -1e-4 < ll <= 0  # running off towards +infinity, ln L towards 0
    X, y = frame[["x1", "x2"]].to_numpy(), frame["y"].to_numpy()
    want = sum(_enumerated(X[frame.id == g], y[frame.id == g], b)[0] for g in frame.id.unique())
    assert ll == pytest.approx(want, rel=1e-6, abs=1e-12)
    se = np.sqrt(np.diag(np.asarray(session.e.matrices["V"].values, float)))
    assert np.all(np.isfinite(se)) and np.all(se > np.abs(b))  # flat likelihood: z near 0


def test_one_positive_per_group_has_no_multiple_note(do):
    frame = _separated_frame()
    frame["y"] = (frame.groupby("id")["x1"].rank(method="first") == 1).astype(float)  # one case each
    rc, printed, session = do("clogit y x1 x2, group(id)", df=frame)
    assert rc == 0, printed
    assert "multiple positive" not in printed and "multiple" not in session.e.macros

"""mca ([MV] mca, method(burt) with adjusted inertias) and predict's row scores, checked
against an independent computation: the singular value decomposition of the standardized
indicator matrix (correspondence analysis of Z, Greenacre 2007 ch. 18-19).  Z's principal
inertias give Greenacre's adjusted inertias and total; Z's row standard coordinates are the
row scores in standard normalization (up to each dimension's sign)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def items():
    rng = np.random.default_rng(1390)
    n = 400
    w = rng.normal(size=n)
    df = pd.DataFrame({
        "a": 1 + (w + rng.normal(size=n) > 0),
        "b": 1 + (w + rng.normal(size=n) > -0.5) + (w + rng.normal(size=n) > 0.8),
        "c": (w + rng.normal(size=n) > 0.3).astype(int) * 5,
        "d": 1 + np.floor(3 * rng.random(n)),
    }).astype(float)
    df.loc[[3, 17], "d"] = np.nan  # left out of the analysis
    return df


def _indicator_ca(df):
    cols = ["a", "b", "c", "d"]
    x = df[cols].dropna()
    Z = np.hstack([(x[c].to_numpy()[:, None] == np.unique(x[c])[None, :]).astype(float) for c in cols])
    q = len(cols)
    P = Z / Z.sum()
    r, c = P.sum(1), P.sum(0)
    S = (P - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    U, sv, _ = np.linalg.svd(S, full_matrices=False)
    lam = sv ** 2  # principal inertias of Z
    rows = U / np.sqrt(r)[:, None]  # row standard coordinates
    j = Z.shape[1]
    burt_total = (lam[: j - q] ** 2).sum()
    keep = lam > 1 / q
    adjusted = (q / (q - 1)) ** 2 * (lam[keep] - 1 / q) ** 2
    total = q / (q - 1) * (burt_total - (j - q) / q ** 2)
    return x.index, adjusted, total, rows


def test_adjusted_inertias_and_total(do, items):
    rc, printed, s = do("mca a b c d", items.copy())
    assert rc == 0, printed
    _, adjusted, total, _ = _indicator_ca(items)
    np.testing.assert_allclose(s.e.matrices["Ev"].values[0], adjusted, rtol=1e-8)
    assert s.e.scalars["inertia"] == pytest.approx(total, rel=1e-10)
    assert s.e.scalars["N"] == len(items) - 2 and s.e.scalars["f"] == 2
    assert "Method: Burt/adjusted inertias" in printed
    assert "dim 1 |" in printed and "Total |" in printed


def test_row_scores_are_the_indicator_rows_standard_coordinates(do, items):
    rc, printed, s = do("mca a b c d\npredict r1 r2\npredict p1, normalize(principal)", items.copy())
    assert rc == 0, printed
    assert "(option rowscores assumed)" in printed
    index, adjusted, _, rows = _indicator_ca(items)
    for k, name in enumerate(("r1", "r2")):
        got = s.data.numeric(name)[index.to_numpy()]
        sign = np.sign(got @ rows[:, k])
        np.testing.assert_allclose(got, sign * rows[:, k], rtol=1e-7, atol=1e-9)
    assert np.isnan(s.data.numeric("r1")[[3, 17]]).all()
    np.testing.assert_allclose(s.data.numeric("p1"), s.data.numeric("r1") * np.sqrt(adjusted[0]),
                               rtol=1e-6, equal_nan=True)  # float storage


def test_refusals(do, items):
    rc, printed, _ = do("mca a b c d, method(joint)", items.copy())
    assert rc == 198
    rc, printed, _ = do("mca a", items.copy())
    assert rc == 102
    half = items.copy()
    half["a"] = half["a"] + 0.5 * (half.index % 2)
    rc, printed, s = do("mca a b", half)
    assert rc == 459 and s.e is None
    rc, printed, _ = do("mca a b c d\npredict r1 r2 r3", items.copy())
    assert rc == 198 and "at most 2 scores" in printed


def test_predict_after_restore_and_replay(do, items):
    rc, printed, s = do("mca a b c d\npredict r1\nestimates store m\nregress a b\nestimates restore m\n"
                        "predict r2\nmca", items.copy())
    assert rc == 0, printed
    np.testing.assert_array_equal(s.data.numeric("r1"), s.data.numeric("r2"))
    assert printed.count("Method: Burt/adjusted inertias") == 2

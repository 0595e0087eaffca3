"""corr2data ([D] corr2data): sample means, sds and correlations/covariances exactly as asked
(checked with numpy's mean/std/corrcoef), n()/clear handling and messages."""
from __future__ import annotations

import numpy as np
import pandas as pd


def test_exact_moments(do):
    rc, out, s = do("matrix C = (1, .5 \\ .5, 1)\ncorr2data x y, n(100) corr(C) means(1 2) sds(3 4) double")
    assert rc == 0 and out == "(obs 100)\n" and s.data.types["x"] == "double"
    xy = np.column_stack([s.data.numeric("x"), s.data.numeric("y")])
    np.testing.assert_allclose(xy.mean(axis=0), [1, 2], atol=1e-12)
    np.testing.assert_allclose(xy.std(axis=0, ddof=1), [3, 4], rtol=1e-12)
    np.testing.assert_allclose(np.corrcoef(xy.T)[0, 1], 0.5, rtol=1e-12)
    rc, out, s = do("corr2data a b, n(50) cov(1 .2 .2 2) cstorage(full)")
    ab = np.column_stack([s.data.numeric("a"), s.data.numeric("b")])
    np.testing.assert_allclose(np.cov(ab.T), [[1, .2], [.2, 2]], rtol=1e-6)  # float storage
    rc, out, s = do("corr2data a b, n(50) corr(.3) cstorage(lower) double")
    assert rc == 198 or rc == 503  # a 2x2 lower triangle needs three entries


def test_adds_to_data_and_errors(do):
    df = pd.DataFrame({"k": np.arange(10.0)})
    rc, out, s = do("corr2data z", df)
    assert rc == 0 and out == "" and s.data.varnames == ["k", "z"]
    np.testing.assert_allclose([s.data.numeric("z").mean(), s.data.numeric("z").std(ddof=1)], [0, 1], atol=1e-6)
    for line, want_rc, msg in (("corr2data w1 w2, n(2)", 2001, "number of observations should exceed"),
                               ("replace k = 1 in 1\ncorr2data w, n(20)", 4, "no; dataset in memory has changed"),
                               ("corr2data k", 110, "already defined"),
                               ("corr2data a b, corr(1 0 0 1) cov(1 0 0 1)", 198, "may not be specified together")):
        rc, out, s = do(line, df)
        assert rc == want_rc and msg in out, (line, out)
        assert s.data.varnames == ["k"]

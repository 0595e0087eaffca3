"""Round 6 of the fuzz (tests/fuzz_commands.py restricted to the commands merged in the session
of 2026-12-05 evening -- var and its postestimation, asclogit/rologit/mprobit/slogit, the data
utilities, ac/pac/pergram/cumsp, the multivariate plots, ivreg2 and friends, fracpoly -- plus
hand-written hostile lines): the lines it found, run on the fuzz's own data with its checks (no
internal error, the data unchanged when the line fails) and the rc each now gives."""
from __future__ import annotations

import pytest

TS = ("generate tt = _n", "tsset tt")
HUGE = ("generate double h = 1e307 * x1",)

# (shape, setup, line, rc) as the round-6 fuzz ran them
FOUND = [
    # pergram/cumsp on no observations: _ts's sort read the first time of none (IndexError)
    ("empty", TS, "pergram k", 2000),
    ("empty", TS, "pergram y, generate(p)", 2000),
    ("empty", TS, "cumsp y, generate(cs)", 2000),
    # pac's regressions on values near 1e307: the cross-products overflowed and the SVD failed
    ("full", TS + HUGE, "pac h", 0),
    ("huge", TS + HUGE, "pac h, nograph generate(p)", 0),
    # asclogit where every case has one alternative: nothing left after the note (ValueError)
    ("full", (), "asclogit t t2 t if b == 1 in -5/l, case(t) alternatives(w) noconstant", 2000),
    # mprobit predicting every outcome with probability 1 (5 observations, 5 outcomes): Newton
    # stepped "(not concave)" on a flat likelihood for 16,000 iterations (a hang); ml's r(430)
    ("wide", (), "mprobit t y t in 1/5", 430),
    # xtivreg2, fe on one observation: every panel a singleton, nothing to demean (ValueError)
    ("one", ("xtset g t",), "xtivreg2 y (x1 = x2 c), fe", 2000),
    # xtivreg2 of the panel variable: the demeaned depvar is all 0, R2 and Sargan 0/0 (missing)
    ("full", ("xtset g t",), "xtivreg2 g (x1 = x2 c), fe", 0),
    # fracgen's index(integer): a fraction was int()'s ValueError; syntax's r(198)
    ("one", (), "fracgen w 99 if x1 > 0, index(0.5)", 198),
    ("full", (), "fracgen c 90 if b == 1, replace index(0.5)", 198),
    ("full", (), "fracgen c 1, index(x)", 198),
    # fracgen with a power past the largest double: overflow in x^p; the term is missing
    ("dates", (), "fracgen x1 1e300 1e-300 if b == 1,", 0),
    # symmetry under by: its table ran with the by-group's mask (ValueError in mark_sample)
    ("full", (), "by f, sort: symmetry f g", 0),
    # rologit where every group holds one alternative (group(y)): a log likelihood of 0 without
    # information, Newton's "(not concave)" for 16,000 iterations (a hang)
    ("full", (), "rologit b f##g g, group(y) notestrhs", 2000),
    ("full", (), "rologit b x1, group(sid)", 2000),
    # glm with a weight, if or in but no varlist: not a replay, syntax's varlist required
    ("extmiss", (), "glm [fw=w]", 100),
    ("full", (), "glm if y > 0", 100),
    ("full", (), "glm in 1/5, family(poisson)", 100),
    # varbasic/var with more lags than the time span: every lag missing, the sample empty (r(498));
    # lags(1/1000000) built a million lag columns first (a hang)
    ("full", ("xtset g t",), "varbasic L.(y x1) in 1, nograph lags(1/1000000)", 498),
    ("full", TS, "var y x1, lags(1/1000000)", 498),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round6_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, setup, line, rc)


def test_pac_and_ac_near_the_largest_double_equal_the_rescaled_series(do):
    """AC and PAC are ratios free of the series' scale: on 1e307 * x they equal those of x
    (computed on x itself, where nothing overflows)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    df = pd.DataFrame({"tt": np.arange(1.0, 31.0), "x": x, "h": 1e307 * x})
    rc, out, session = do("tsset tt\npac h, nograph generate(ph)\npac x, nograph generate(px)\n"
                        "ac h, nograph generate(ah)\nac x, nograph generate(ax)", df=df)
    assert rc == 0 and "internal error" not in out, out
    for a, b in (("ph", "px"), ("ah", "ax")):
        got, want = session.data.numeric(a), session.data.numeric(b)
        assert np.isfinite(got[:5]).all()
        np.testing.assert_allclose(got, want, rtol=1e-9, equal_nan=True)


def test_slogit_of_a_regressor_near_1e307_fits_as_the_unscaled_one(do):
    """slogit standardizes its regressors (InitStereo): the mean and sd of 1e307 * x overflowed,
    every standardized value was 0 and Newton stepped on a flat likelihood (a hang).  The fit of
    1e307 * x is the fit of x: the same log likelihood, phi and theta, the slope over 1e307."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(8)
    x = rng.normal(size=60)
    o = np.digitize(x + rng.logistic(size=60), [-0.8, 0.8]) + 1.0
    df = pd.DataFrame({"o": o, "x": x, "h": 1e307 * x})
    rc, out, session = do("slogit o x, nolog\nmatrix bx = e(b)\nscalar llx = e(ll)\n"
                          "slogit o h, nolog\nmatrix bh = e(b)\nscalar llh = e(ll)", df=df)
    assert rc == 0 and "internal error" not in out, out
    bx, bh = session.matrices["bx"].values, session.matrices["bh"].values
    assert np.isfinite(bh).all()
    np.testing.assert_allclose(bh[0, 1:], bx[0, 1:], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(bh[0, 0] * 1e307, bx[0, 0], rtol=1e-5)
    assert abs(session.scalars["llx"] - session.scalars["llh"]) < 1e-6


def test_by_symmetry_tests_each_group_as_if_restricted(do):
    """by f: symmetry ran its inner table with the by-group's mask over the table's own data (a
    broadcasting ValueError); each group's block now is symmetry with ``if f == group``, and the
    2 x 2 statistic is McNemar's (b - c)^2 / (b + c)."""
    import re

    import numpy as np
    import pandas as pd
    from scipy import stats

    rng = np.random.default_rng(4)
    n = 60
    df = pd.DataFrame({"f": np.repeat([1.0, 2.0], n // 2), "g": rng.integers(1, 3, n).astype(float),
                       "h": rng.integers(1, 3, n).astype(float)})
    rc, by_out, _ = do("sort f\nby f: symmetry g h", df=df)
    assert rc == 0 and "internal error" not in by_out, by_out
    for group in (1, 2):
        rc, if_out, _ = do(f"symmetry g h if f == {group}", df=df)
        assert rc == 0, if_out
        block = re.search(rf"-> f = {group}\n(.*?)(?=\n-{{50,}}\n-> |\Z)", by_out, re.S).group(1)
        assert block.strip() == if_out.strip(), (block, if_out)
        part = df[df.f == group]
        b = float(((part.g == 1) & (part.h == 2)).sum())
        c = float(((part.g == 2) & (part.h == 1)).sum())
        chi2 = (b - c) ** 2 / (b + c)
        assert f"{chi2:.2f}" in if_out and f"{stats.chi2.sf(chi2, 1):.4f}" in if_out, if_out

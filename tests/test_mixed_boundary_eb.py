"""A ``mixed`` variance estimated at 0: e(b) keeps a large negative finite ln sd (as
Stata's optimizer, which stops on its tolerances with a tiny variance), not -inf; its
e(V) row and column are 0; the printed variance table (var 0, no SE) is unchanged.

Independent check: at the boundary the model is the linear regression, so the fixed part
and ln sigma_e are OLS's with sigma^2 = RSS/N (numpy least squares)."""
from __future__ import annotations

import numpy as np

from mlmcli.mixed.fit import BOUNDARY_LN_SD_RATIO

DATA = """\
clear
set obs 120
gen g = ceil(_n/6)
gen x = mod(_n*7, 11)
gen y = 1 + .5*x + mod(_n,6)*1.3 + mod(_n*5, 3)
"""


def _data():
    n = np.arange(1, 121)
    x = (n * 7) % 11
    y = 1 + .5 * x + (n % 6) * 1.3 + (n * 5) % 3
    return x.astype(float), y.astype(float)


def test_boundary_ln_sd_is_finite_in_eb_and_ev(new_session, run):
    s = new_session()
    out, rc = run(s, DATA + "mixed y x || g:\nestimates table, b se\nmatrix list e(b)\n")
    assert rc == 0, out
    # the printed table: the variance at 0 without a standard error, as before
    assert "var(_cons) |          0          .             .           ." in out
    e = s.e
    b = e.matrices["b"]
    names = list(b.colnames)
    bv = b.values[0]
    V = e.matrices["V"].values
    j, r = names.index("lns1_1_1:_cons"), names.index("lnsig_e:_cons")
    assert np.isfinite(bv).all() and np.isfinite(V).all()
    assert bv[j] == bv[r] + BOUNDARY_LN_SD_RATIO and bv[j] < -17
    assert (V[j] == 0).all() and (V[:, j] == 0).all()
    # independent: OLS by least squares, sigma^2 = RSS/N (ML)
    x, y = _data()
    X = np.column_stack([x, np.ones_like(x)])
    coef, rss, *_ = np.linalg.lstsq(X, y, rcond=None)
    np.testing.assert_allclose(bv[:2], coef, rtol=1e-6)
    np.testing.assert_allclose(bv[r], 0.5 * np.log(rss[0] / len(y)), rtol=1e-6)
    # what estimates table and matrix list print: the number, not "."
    shown = f"{bv[j]:.8f}"[:10]  # -18.068912
    assert out.count(shown) == 2, out  # estimates table and matrix list


def test_boundary_value_reaches_b_and_nlcom(new_session, run):
    s = new_session()
    out, rc = run(s, DATA + "qui mixed y x || g:\ndisplay exp(2*_b[lns1_1_1:_cons]) < 1e-14\n"
                  "display _se[lns1_1_1:_cons]\n")
    assert rc == 0, out
    lines = out.split()
    assert lines[-2:] == ["1", "0"], out


def test_interior_fit_untouched(new_session, run):
    s = new_session()
    out, rc = run(s, DATA + "replace y = y + g/2\nqui mixed y x || g:\n")
    assert rc == 0, out
    b = s.e.matrices["b"]
    j = list(b.colnames).index("lns1_1_1:_cons")
    assert -5 < b.values[0, j] < 5


def test_correlation_at_minus_one_is_finite(new_session, run):
    """An unstructured fit whose correlation runs to -1 (the Cholesky factor's second diagonal at
    0): atanh = -BOUNDARY_ATANH in e(b), its e(V) row 0; the table still shows no SE for the cov."""
    from mlmcli.mixed.fit import BOUNDARY_ATANH

    s = new_session()
    out, rc = run(s, DATA + "mixed y x || g: x, cov(un)\n")
    assert rc == 0, out
    names = list(s.e.matrices["b"].colnames)
    j = names.index("atr1_1_1_2:_cons")
    b = s.e.matrices["b"].values[0]
    V = s.e.matrices["V"].values
    assert b[j] == -BOUNDARY_ATANH and (V[j] == 0).all() and np.isfinite(V).all()
    row = next(line for line in out.splitlines() if "cov(x,_cons)" in line)
    assert row.split()[-1] == "." and float(row.split()[2]) < 0

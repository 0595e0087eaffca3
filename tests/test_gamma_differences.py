"""lgamma/polygamma differences f(m + y) - f(m) stay accurate as m = 1/alpha grows (the
negative binomial near its Poisson limit), where the direct difference loses every digit."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.special as sps

from mlmcli.glm.family import Family
from mlmcli.glm.gamma_differences import lgamma_diff, polygamma_diff


@pytest.mark.parametrize("m", [0.3, 7.0, 999.0, 1e3, 3e3])
@pytest.mark.parametrize("y", [0.0, 0.5, 3.0, 40.0])
def test_agrees_with_the_direct_difference_where_that_is_accurate(m, y):
    assert lgamma_diff(m, y) == pytest.approx(sps.gammaln(m + y) - sps.gammaln(m), rel=1e-11, abs=1e-11)
    for n in range(3):
        want = sps.polygamma(n, m + y) - sps.polygamma(n, m)
        assert polygamma_diff(n, m, y) == pytest.approx(want, rel=1e-9, abs=1e-300)


@pytest.mark.parametrize("y", [1.0, 2.0, 5.0, 12.0])
def test_exact_for_integer_y_at_huge_m(y):
    """lgamma(m + y) - lgamma(m) = sum_{j<y} ln(m + j) for integer y; psi differences = sum 1/(m+j)."""
    for m in (1e6, 1e12, 4e15):
        j = np.arange(int(y))
        assert lgamma_diff(m, y) == pytest.approx(np.sum(np.log(m + j)), rel=1e-15)
        assert polygamma_diff(0, m, y) == pytest.approx(np.sum(1 / (m + j)), rel=1e-12)
        assert polygamma_diff(1, m, y) == pytest.approx(-np.sum(1 / (m + j) ** 2), rel=1e-12)


def test_negative_binomial_tends_to_poisson():
    """As ln alpha -> -inf the NB2 log density is the Poisson one (it used to blow up to
    large positive values, which drove menbreg on Poisson-like data to a bogus optimum)."""
    y = np.array([0.0, 1.0, 2.0, 5.0, 3.5])
    eta = np.array([0.1, 0.5, -0.3, 1.2, 1.0])
    nb = Family("nbinomial", "log", y)
    po = Family("poisson", "log", y)
    for lnalpha in (-20.0, -36.0, -60.0):
        np.testing.assert_allclose(nb.logf(eta, np.array([lnalpha])), po.logf(eta), rtol=1e-9, atol=1e-8)

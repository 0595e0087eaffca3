"""fracpoly's choice of powers (frac_154, the search behind twoway fpfit): the deviances of the
candidate models worked out here with numpy least squares, and frac_154's rule applied to them
by hand: the models with a power 1 (odd df) and the others (even df) keep separate minima, each
replaced only by a strictly smaller deviance (the first of equal ones stays), the odd-df best
taken only when strictly below the even-df best; no model better than the one without x: no
powers, fracpoly fails (fpfit's note).  frac_xo's scale: 10^(sign(l) int(|l|)), l = log10(range)."""
from __future__ import annotations

from itertools import combinations_with_replacement

import numpy as np
import pytest

from graphs_helpers import make_session, run
from mlmcli.fractional_polynomials import NoFractionalPolynomial, best_fp, shift_and_scale

POWERS = (-2, -1, -0.5, 0, 0.5, 1, 2, 3)


def _terms(z, powers):
    out = []
    for i, p in enumerate(powers):
        if i and p == powers[i - 1]:
            out.append(out[-1] * np.log(z))
        else:
            out.append(np.log(z) if p == 0 else z ** p)
    return out


def _rss(y, X):
    if X.shape[1] == 0:
        return float(y @ y)
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    return float(np.sum((y - X @ b) ** 2))


def _deviances(y, z, powers=POWERS, degree=2, constant=True):
    ones = [np.ones_like(y)] if constant else []
    return [(pw, _rss(y, np.column_stack(ones + _terms(z, pw))))
            for pw in combinations_with_replacement(sorted(powers), degree)]


@pytest.mark.parametrize("span, scale", [(20.0, 10.0), (5.0, 1.0), (0.5, 1.0), (0.05, 0.1), (0.001, 0.001),
                                         (123.0, 100.0)])
def test_scale_truncates_log10_towards_zero(span, scale):
    """frac_xo: scale = 10^(sign(log10(s)) * int(abs(log10(s)))), s the range of x: a range of
    .5 gives 1 (log10 -.301, int .301 = 0), .05 gives .1 -- not floor's .1 and .01."""
    x = np.array([1.0, 1.0 + span / 2, 1.0 + span])
    assert shift_and_scale(x) == (0.0, pytest.approx(scale, rel=1e-12))


def test_tie_between_a_power_one_pair_and_another_goes_to_the_other():
    """x with three distinct values: every pair of powers (with a constant, three parameters)
    fits the three means, so all deviances are equal.  In frac_154's order (1,1) comes first,
    but it is an odd-df model: the even-df best (2,2), the first pair without a 1, wins the tie."""
    rng = np.random.default_rng(3)
    x = np.repeat([1.0, 2.0, 3.0], 6)
    y = 1 + x + rng.normal(size=x.size)
    devs = _deviances(y, x, powers=(1, 2, 3))
    assert max(d for _, d in devs) == pytest.approx(min(d for _, d in devs), rel=1e-9)
    assert best_fp(y, x, powers=(1, 2, 3)).powers == (2.0, 2.0)
    assert best_fp(y, x).powers == (-2.0, -2.0)  # the default powers: (-2,-2) is first and even


def test_degree_one_tie_goes_from_linear_to_the_other_power():
    """degree(1), x with two distinct values: every FP1 fits the two means; the linear model
    (power 1, df 1) loses the tie to the first other power (frac_154: dev1 < dev2 strictly)."""
    rng = np.random.default_rng(4)
    x = np.repeat([1.0, 2.0], 8)
    y = x + rng.normal(size=x.size)
    assert best_fp(y, x, degree=1, powers=(1, 2)).powers == (2.0,)
    assert best_fp(y, x, degree=1, powers=(-1, 1)).powers == (-1.0,)


def test_a_strictly_better_power_one_pair_wins_and_the_search_is_the_smallest_deviance():
    """Data on a line in x plus x^2: (1,2) is odd-df and strictly the best; the chosen powers
    are the minimum of the hand-computed deviances."""
    rng = np.random.default_rng(5)
    x = rng.uniform(1, 9, 60)
    y = 2 + 3 * x - 0.4 * x ** 2 + 0.05 * rng.normal(size=x.size)
    devs = _deviances(y, x / 1.0)  # range ~8: scale 1
    want = min(devs, key=lambda item: item[1])[0]
    assert want == (1, 2)
    assert best_fp(y, x).powers == (1.0, 2.0)


def test_noconstant_search_uses_frac_xos_scale():
    """noconstant: the fit depends on the scale (log(x/s) = log x - log s is not in the span
    without a constant).  x spans .5 (scale 1, not .1): the powers are the hand search's on x
    itself, which differ here from the search on x/.1."""
    rng = np.random.default_rng(11)
    x = rng.uniform(0.3, 0.8, 40)
    x[:2] = 0.3, 0.8
    y = 1.5 * np.log(x) + 2 * x + 0.05 * rng.normal(size=x.size)
    on_x = min(_deviances(y, x, constant=False), key=lambda item: item[1])[0]
    on_tenths = min(_deviances(y, x / 0.1, constant=False), key=lambda item: item[1])[0]
    assert on_x != on_tenths
    model = best_fp(y, x, constant=False)
    assert model.scale == 1.0 and model.powers == tuple(float(p) for p in on_x)


def test_no_model_better_than_without_x_fails():
    """x with one distinct value: each candidate's terms are collinear with the constant
    (regress omits them), so no deviance is below the model without x: frac_154 leaves the
    powers empty, fracgen stops, and best_fp raises NoFractionalPolynomial."""
    y = np.arange(10.0)
    with pytest.raises(NoFractionalPolynomial):
        best_fp(y, np.full(10, 5.0))
    with pytest.raises(NoFractionalPolynomial):  # y constant: the model without x fits exactly already
        best_fp(np.full(10, 2.0), np.arange(1.0, 11.0))


def test_fpfit_with_constant_x_is_the_note():
    """twoway__fpfit_serset's capture: the note, nothing drawn, no error."""
    s = make_session()
    out, rc = run(s, "clear\nset obs 10\ngen x = 5\ngen y = _n\ntwoway fpfitci y x")
    assert rc == 0 and out.count("(note:  fracpoly could not fit model)") == 1, out

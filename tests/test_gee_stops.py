"""xtgee's stops, as xtgee.ado (Stata 16's copy, 4.11.2) makes them, where mlm had internal
errors (docs/command_fuzz.md, the gee area):

- a Pearson residual missing at an iteration (a mean outside the family's range: Poisson with
  an identity link and a negative mean; a logit mean of exactly 1): "estimates diverging
  (missing predictions)" r(430), the iterations logged so far, no table;
- the exchangeable alpha above 1 or missing (the ado's phi is N / sum r^2, missing on a
  perfect fit; the pairs' count is 0 when every panel has one observation): "estimates
  diverging (correlation > 1)" r(430);
- alpha below -1/(T - 1): reset to 99% of that bound with "(resetting alpha to #)", and when
  the last iteration reset it, the table, "exchangeable working correlation matrix not
  positive definite" and r(430) (the 2006 FAQ "xtgee reports convergence not achieved");
- one observation, or as many coefficients as observations: "insufficient observations"
  r(2001);
- family(binomial) (and xtlogit/xtprobit, pa, which hand depvar to xtgee unchanged) with
  depvar above 1 (or above the denominator): "variable y > 1 in some cases" r(499).

Every number below is derived by hand in its test."""
from __future__ import annotations

import io

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

PANELS = """clear
input id t y x
1 1 1 0
1 2 1 1
1 3 1 2
2 1 1 1
2 2 1 3
2 3 1 0
3 1 1 2
3 2 1 1
end
xtset id t
"""


def _run(text):
    s = Session(out=Output(io.StringIO()))
    rc = Runner(s).run_text(text, echo=False, stop_on_error=True)
    return rc, s.out.stream.getvalue(), s


def _matrix(s, name):
    return np.asarray(s.e.matrices[name].values, float)


def test_perfect_fit_exchangeable_is_correlation_above_one():
    """y constant: every residual 0, the ado's phi = N/0 missing, alpha missing > 1."""
    rc, out, s = _run(PANELS + "xtgee y x")
    assert rc == 430 and out.endswith("\nestimates diverging (correlation > 1)\nr(430);\n"), out
    assert "GEE population-averaged model" not in out
    assert s.data.df["y"].tolist() == [1.0] * 8


def test_perfect_fit_ar1_and_independent_fit_with_identity_R():
    """ar 1 on zero residuals: the lags stay 0 (R = I); b = (0, 1), the scale 0."""
    for corr in ("ar 1", "independent"):
        rc, out, s = _run(PANELS + f"xtgee y x, corr({corr}) nolog")
        assert rc == 0, out
        assert np.allclose(_matrix(s, "b").ravel(), [0, 1], atol=1e-12)
        assert s.e.scalars["phi"] == 0.0
        R = _matrix(s, "R")
        assert np.allclose(R, np.eye(len(R)))


def test_perfect_fit_unstructured_is_missing_predictions():
    rc, out, _ = _run(PANELS + "xtgee y x, corr(unstructured)")
    assert rc == 430 and out.endswith("\nestimates diverging (missing predictions)\nr(430);\n"), out


def test_singleton_panels_exchangeable_is_correlation_above_one():
    """Every panel one observation: xtgee.ado's pair count cF = 0, alpha = 0 phi / 0 missing."""
    rc, out, _ = _run(PANELS + "gen one = _n\nreplace y = _n * _n\nxtgee y x, i(one)")
    assert rc == 430 and "estimates diverging (correlation > 1)" in out, out


def test_alpha_reset_one_panel():
    """One panel of 5, constant only: the residuals sum to 0, so alpha = -1/(5 - 1) exactly, the
    bound; reset to 0.99 (-0.25) = -0.2475.  b = mean(y) = 3 (R is equicorrelated); phi =
    (4+1+0+1+4)/5 = 2; 1'R^-1 1 = 5/(1 + 4 alpha) = 5/0.01 = 500, so se = sqrt(2/500)."""
    text = "clear\ninput id t y\n1 1 1\n1 2 2\n1 3 3\n1 4 4\n1 5 5\nend\nxtset id t\nxtgee y"
    rc, out, s = _run(text)
    assert rc == 430, out
    assert "\n(resetting alpha to -0.2475)\nIteration 1: tolerance = " in out
    assert out.endswith("-----\nexchangeable working correlation matrix not positive definite\n"
                        "convergence not achieved\nr(430);\n"), out
    e = s.e
    b, V = _matrix(s, "b").ravel(), _matrix(s, "V")
    assert b[0] == pytest.approx(3.0) and np.sqrt(V[0, 0]) == pytest.approx(np.sqrt(2 / 500))
    assert e.scalars["rc"] == 430.0 and e.scalars["alphareset"] == 1.0 and e.scalars["phi"] == pytest.approx(2.0)
    R = _matrix(s, "R")
    assert R[0, 1] == pytest.approx(-0.2475)
    rc2, out2, _ = _run(text + "\nxtgee")  # the replay ends the same way (geerpt)
    assert rc2 == 430 and "exchangeable working correlation matrix not positive definite\nconvergence" in out2


POISSON_IDENTITY = """clear
set obs 30
gen id = ceil(_n/3)
gen t = mod(_n-1,3)+1
gen x = _n - 15
gen c = cond(x > 0, x, 0)
xtset id t
"""


def test_poisson_identity_negative_mean_is_missing_predictions():
    """The independence start puts negative means on the rows with x < 0 (c = 0 there, the
    line through the others falls below 0): sqrt(mu) is missing at the first iteration."""
    rc, out, s = _run(POISSON_IDENTITY + "xtgee c x, family(poisson) link(identity)")
    assert rc == 430 and out.endswith("\n\nestimates diverging (missing predictions)\nr(430);\n"), out
    assert "Coef." not in out and s.e is None


def test_logit_outcome_all_ones_diverges_to_missing_predictions():
    """y = 1 everywhere, independent R: b_cons grows by about 1 a step until the mean is
    exactly 1 and the Pearson residual 0/0."""
    rc, out, _ = _run(PANELS + "xtlogit y x, pa corr(independent)")
    assert rc == 430 and out.endswith("\nestimates diverging (missing predictions)\nr(430);\n"), out
    assert "Iteration 1: tolerance = " in out and "Coef." not in out


@pytest.mark.parametrize("command", ["xtlogit y x, pa", "xtprobit y x, pa", "xtgee y x, family(binomial)"])
def test_binomial_outcome_above_one(command):
    rc, out, s = _run(PANELS + "replace y = 2 in 1\n" + command)
    assert rc == 499 and out.endswith("variable y > 1 in some cases\nr(499);\n"), out
    assert s.data.df["y"].tolist() == [2.0] + [1.0] * 7


def test_binomial_denominator_exceeded():
    rc, out, _ = _run(PANELS + "replace y = 3 in 1\nxtgee y x, family(binomial 2)")
    assert rc == 499 and "variable y > 2 in some cases" in out


def test_xtlogit_pa_keeps_a_fractional_outcome():
    """xtlogit, pa is xtgee's binomial logit on depvar as it is (no nonzero -> 1)."""
    text = PANELS + "replace y = mod(_n, 3)/2\n"
    rc1, _, s1 = _run(text + "xtlogit y x, pa nolog")
    rc2, _, s2 = _run(text + "xtgee y x, family(binomial) link(logit) nolog")
    assert rc1 == rc2 == 0
    b1, b2 = (_matrix(s, "b").ravel() for s in (s1, s2))
    assert np.allclose(b1, b2)


@pytest.mark.parametrize("command", ["xtgee y x in 1", "xtpoisson y in 1, pa", "xtprobit y in 1, pa",
                                     "xtlogit y in 1, pa", "xtgee y x in 1/2", "xtnbreg y in 1, pa"])
def test_insufficient_observations(command):
    """One observation; or two observations for two coefficients (xtgee.ado: p >= _N)."""
    rc, out, _ = _run(PANELS + command)
    assert rc == 2001 and out.endswith("insufficient observations\nr(2001);\n"), out


def test_alpha_reset_note_survives_nolog():
    """The ado's reset note is ``noi di``, outside the log's switch."""
    text = "clear\ninput id t y\n1 1 1\n1 2 2\n1 3 3\n1 4 4\n1 5 5\nend\nxtset id t\nxtgee y, nolog"
    rc, out, _ = _run(text)
    assert rc == 430 and "(resetting alpha to -0.2475)\n" in out and "Iteration" not in out


def test_singular_fixed_correlation_stops_without_a_table():
    """A fixed R of rank 1: the working covariance cannot be inverted (mlm's stop: the ado's
    built-in _GEEBT is not readable; docs/xtgee_correlations.md, Uncertain)."""
    text = PANELS + "drop if t == 3\nreplace y = _n\nmatrix M = (1, 1 \\ 1, 1)\nxtgee y x, corr(fixed M)"
    rc, out, _ = _run(text)
    assert rc == 430 and out.endswith("working correlation matrix not positive definite\n"
                                      "convergence not achieved\nr(430);\n"), out
    assert "Coef." not in out


def test_no_coefficient_is_error_102():
    """xtgee.ado: ``if `p' <= 0 { error 102 }`` (noconstant and no regressor)."""
    rc, out, _ = _run(PANELS + "xtgee y, noconstant")
    assert rc == 102 and out.endswith("too few variables specified\nr(102);\n"), out

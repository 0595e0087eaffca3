"""from() and refineopts() of meqrlogit/meqrpoisson/xtmelogit/xtmepoisson (meqr_start).

The iteration-0 log likelihood of the gradient-based optimisation is checked against the
Laplace approximation written here from first principles (option laplace: the engine's
approximation): per group, h(u) = sum_i ln f(y_i | x_i b + u) + ln phi(u; 0, s^2) at its mode,
ln L_j = h(u^) + ln(2 pi)/2 - ln(-h''(u^))/2."""
from __future__ import annotations

import re

import numpy as np
import pytest
from scipy.special import expit

from tests.test_me_constraints_from import data  # noqa: F401 (fixture: y x z by school)


def _laplace_loglik(df, b, lnsd):
    """Sum over groups of the Laplace approximation of the random-intercept logit."""
    s2 = np.exp(2 * lnsd)
    eta0 = b[0] * df["x"].to_numpy() + b[1] * df["z"].to_numpy() + b[2]
    y, g = df["y"].to_numpy(), df["school"].to_numpy()
    total = 0.0
    for j in np.unique(g):
        e, yy = eta0[g == j], y[g == j]
        u = 0.0
        for _ in range(100):  # Newton for the mode
            p = expit(e + u)
            step = (np.sum(yy - p) - u / s2) / (np.sum(p * (1 - p)) + 1 / s2)
            u += step
            if abs(step) < 1e-14:
                break
        p = expit(e + u)
        h = np.sum(yy * (e + u) - np.logaddexp(0, e + u)) - u * u / (2 * s2) - 0.5 * np.log(2 * np.pi * s2)
        total += h + 0.5 * np.log(2 * np.pi) - 0.5 * np.log(np.sum(p * (1 - p)) + 1 / s2)
    return total


def _gradient_iteration0(out) -> str:
    part = out.split("Performing gradient-based optimization:")[1]
    return re.search(r"Iteration 0:\s+log likelihood = +(\S+)", part).group(1)


def _printed(value: float) -> str:
    """%10.0g, as the log prints a log likelihood."""
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%10.0g").strip()


@pytest.mark.parametrize("cmd", ["meqrlogit", "xtmelogit"])
def test_from_matrix_with_refineopts_iterate0_starts_there(do, data, cmd):
    rc, out, s = do("matrix b = (0.5, -0.2, 0.1, -0.3)\n"
                    "matrix colnames b = y:x y:z y:_cons lns1_1_1:_cons\n"
                    f"{cmd} y x z || school:, laplace from(b) refineopts(iterate(0))", df=data)
    assert rc == 0, out
    assert "Refining starting values:" not in out
    assert _gradient_iteration0(out) == _printed(_laplace_loglik(data, (0.5, -0.2, 0.1), -0.3))
    rc, out2, s2 = do(f"{cmd} y x z || school:, laplace nolog", df=data)
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], rel=1e-10)  # the same optimum
    np.testing.assert_allclose(s.e.matrices["b"].values, s2.e.matrices["b"].values, atol=1e-6)


def test_names_not_given_start_at_zero(do, data):
    """_mkvec fills a vector of zeros: z and _cons start at 0; eq1: is the first equation."""
    rc, out, s = do("meqrlogit y x z || school:, laplace from(eq1:x=0.6 lns1_1_1:_cons=-1) refineopts(iterate(0))",
                    df=data)
    assert rc == 0, out
    assert _gradient_iteration0(out) == _printed(_laplace_loglik(data, (0.6, 0, 0), -1.0))


def test_saved_e_b_restarts_at_the_optimum(do, data):
    rc, out, s = do("quietly meqrlogit y x z || school:, laplace\nmatrix b = e(b)\n"
                    "meqrlogit y x z || school:, laplace from(b) refineopts(iterate(0))", df=data)
    assert rc == 0, out
    assert _gradient_iteration0(out) == _printed(s.e.scalars["ll"])


def test_from_errors_and_refineopts(do, data):
    rc, out, _ = do("matrix b = (0.5, -0.2)\nmeqrlogit y x z || school:, from(b, copy)", df=data)
    assert rc == 503
    rc, out, _ = do("meqrlogit y x z || school:, from(y:w=1)", df=data)
    assert rc == 111 and "not found" in out
    rc, out, s = do("meqrlogit y x z || school:, from(y:w=1 y:x=0.5, skip) nolog", df=data)
    assert rc == 0, out
    rc, out, _ = do("meqrlogit y x z || school:, refineopts(nolog)", df=data)
    assert rc == 0 and "Refining starting values:" not in out and "Performing gradient-based" in out
    rc, out, _ = do("meqrlogit y x z || school:, refineopts(iterate(2))", df=data)
    assert "Refining starting values:" in out
    rc, out, s = do("meqrlogit y x z || school:, refineopts(technique(bfgs))", df=data)
    assert rc == 198 and "refineopts(technique(bfgs)) not supported by mlmcli" in out and s.e is None

"""clogit's ml maximisation options (commands.estimation.conditional_maximize.clogit_maximize): iterate(),
the tolerances, from(), technique(nr), difficult against R (tests/reference_values/
clogit_maximize_reference.R: survival's exact conditional logit, Newton-Raphson from 0 or init),
ml's log and warning, and the options refused."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "clogit_maximize_reference.json").read_text())["values"]


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "conditional_panels.csv").astype(float)


def _check(s, ref):
    np.testing.assert_allclose(s.e.matrices["b"].values[0], ref["b"], rtol=1e-8)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), ref["se"], rtol=1e-8)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)


def test_iterate_reached_warns_and_keeps_estimates(do, panels):
    rc, out, s = do("clogit yb x1 x2, group(id) iterate(1)", df=panels)
    assert rc == 0, out
    _check(s, REF["iterate1"])
    assert "Iteration 1:   log likelihood = -83.903192  \nconvergence not achieved" in out
    assert out.rstrip().endswith("Warning: convergence not achieved")
    assert s.e.scalars["converged"] == 0 and s.e.scalars["ic"] == 1


def test_from_copy_and_names(do, panels):
    rc, out, s = do("matrix s = (0.5, 0.1)\nclogit yb x1 x2, group(id) from(s, copy) iterate(1)", df=panels)
    assert rc == 0, out
    _check(s, REF["from_copy_iterate1"])
    assert "Iteration 0:   log likelihood = -84.849109" in out
    rc, out, s2 = do("clogit yb x1 x2, group(id) from(x2=0.1 x1=0.5) iterate(1) nolog", df=panels)
    assert rc == 0 and "Iteration" not in out
    np.testing.assert_allclose(s2.e.matrices["b"].values[0], REF["from_copy_iterate1"]["b"], rtol=1e-8)
    rc, out, s3 = do("clogit yb x1 x2, group(id) from(x1=0.5 zz=1, skip) nolog", df=panels)
    assert rc == 0, out
    _check(s3, REF["converged"])


@pytest.mark.parametrize("options", ["tolerance(1e-8) difficult technique(nr)", "ltolerance(1e-10) nrtol(1e-9)",
                                     "tech(nr 5) from(x1=1) nolog", ""])
def test_converged_optimum(do, panels, options):
    rc, out, s = do(f"clogit yb x1 x2, group(id) {options}", df=panels)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values[0], REF["converged"]["b"], rtol=1e-6)
    assert s.e.scalars["converged"] == 1 and "Warning" not in out


def test_loose_tolerances_stop_early(do, panels):
    rc, out, s = do("clogit yb x1 x2, group(id) ltolerance(1e-2) nonrtolerance", df=panels)
    assert rc == 0, out
    assert "Iteration 2:   log likelihood = -83.807625" in out and "Iteration 3" not in out
    assert s.e.scalars["converged"] == 1


@pytest.mark.parametrize("options, rc, message", [
    ("technique(bhhh 0)", 198, "option technique() invalid: bhhh 0"),
    ("technique(foo)", 198, "option technique() invalid: foo"),
    ("trace", 198, "option trace not supported by mlmcli"),
    ("gradient", 198, "option gradient not supported by mlmcli"),
    ("showtolerance", 198, "option showtolerance not supported by mlmcli"),
    ("tolerance(abc)", 198, "option tolerance() incorrectly specified"),
    ("iterate(-1)", 198, "option iterate() incorrectly specified"),
    ("from(zz=1)", 111, "zz not found"),
    ("from(q)", 111, "matrix q not found"),
])
def test_refusals_leave_data_alone(do, panels, options, rc, message):
    got, out, s = do(f"clogit yb x1 x2, group(id) {options}", df=panels)
    assert got == rc and message in out
    assert list(s.data.df.columns) == list(panels.columns)


def _first_steps(panels):
    """At b = 0 every subset of a group's size-k outcome is equally likely: the group's score is
    sum_{y=1} x - k xbar and its Hessian -k(n-k)/(n(n-1)) sum (x - xbar)(x - xbar)'."""
    g, opg, negH = np.zeros(2), np.zeros((2, 2)), np.zeros((2, 2))
    for _, rows in panels.groupby("id"):
        X, y = rows[["x1", "x2"]].to_numpy(), rows["yb"].to_numpy()
        n, k = len(y), int(y.sum())
        if k in (0, n):
            continue
        s = X[y == 1].sum(axis=0) - k * X.mean(axis=0)
        d = X - X.mean(axis=0)
        g += s
        opg += np.outer(s, s)
        negH += k * (n - k) / (n * (n - 1)) * d.T @ d
    return np.linalg.solve(opg, g), np.linalg.solve(negH, g)


@pytest.mark.parametrize("technique, which", [("bhhh", 0), ("nr", 1), ("bfgs", 1), ("dfp", 1)])
def test_first_iteration_of_each_technique(do, panels, technique, which):
    """bhhh's step is (sum_g s_g s_g')^-1 g, nr's (-H)^-1 g; bfgs and dfp start from -H."""
    rc, out, s = do(f"clogit yb x1 x2, group(id) technique({technique}) iterate(1) nolog", df=panels)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values[0], _first_steps(panels)[which], rtol=1e-9)


@pytest.mark.parametrize("technique", ["bfgs", "dfp", "bhhh 3 nr 5", "bfgs 2 bhhh 2 nr 2"])
def test_techniques_reach_the_optimum(do, panels, technique):
    rc, out, s = do(f"clogit yb x1 x2, group(id) technique({technique}) vce(oim)", df=panels)
    assert rc == 0, out
    # ml stops where the log likelihood settles: b to about 1e-4 (the likelihood is flat in x2)
    np.testing.assert_allclose(s.e.matrices["b"].values[0], REF["converged"]["b"], atol=1e-4)
    assert s.e.scalars["converged"] == 1 and s.e.macros["vce"] == "oim"
    if " " in technique:  # ml's notes where the turns change
        first = technique.split()[0]
        assert f"\n(setting technique to {first})\nIteration 0:" in out
        assert "(switching technique to" in out
    else:
        assert "technique to" not in out


def test_bhhh_alone_makes_opg_the_default(do, panels):
    rc, out, s = do("clogit yb x1 x2, group(id) technique(bhhh) nolog\nmatrix V1 = e(V)\nmatrix b1 = e(b)\n"
                    "clogit yb x1 x2, group(id) from(b1) iterate(0) vce(opg) nolog", df=panels)
    assert rc == 0, out
    assert s.e.macros["vce"] == "opg" and "OPG" in out
    np.testing.assert_allclose(s.matrices["V1"].values, s.e.matrices["V"].values, rtol=1e-10)

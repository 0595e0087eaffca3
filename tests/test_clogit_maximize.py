"""clogit's ml maximisation options (commands.estimation.conditional.clogit_maximize): iterate(),
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
    ("technique(bhhh)", 198, "option technique(bhhh) not supported by mlmcli"),
    ("technique(nr 5 bfgs 5)", 198, "option technique(nr 5 bfgs 5) not supported by mlmcli"),
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

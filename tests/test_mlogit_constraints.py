"""mlogit's constraints() and from(): the constrained estimates, standard errors, log
likelihood and ml's Wald test of the slopes against an independent R fit (optim over the
constraints' null space, tests/reference_values/mlogit_constraints_reference.R), the
constraint report and ``(constrained)`` rows, e(Cns) and e(rank), and from()'s starting
values (Iteration 0 at the given start, the optimum unchanged, ml_init's errors)."""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "reference_values"
THREE = ("constraint 1 [20]x = 0\nconstraint 2 [40]z = [10]z\nconstraint 3 [10]_cons = -.5\n")


@pytest.fixture(scope="module")
def reference():
    return json.loads((REF / "mlogit_constraints_reference.json").read_text())


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "mlogit_data.csv")


def _theta(e):
    names = e.matrices["b"].colnames
    keep = [j for j, n in enumerate(names) if not n.startswith("30:")]
    return e.matrices["b"].values[0, keep], np.sqrt(np.diag(e.matrices["V"].values)[keep])


@pytest.mark.parametrize("key, numbers", [("three", "1/3"), ("one", "1")])
def test_constrained_fit_matches_r(do, data, reference, key, numbers):
    rc, out, s = do(THREE + f"mlogit y x z, constraints({numbers})", df=data.copy())
    assert rc == 0, out
    ref, e = reference[key], s.e
    b, se = _theta(e)
    np.testing.assert_allclose(b, ref["theta"], atol=2e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=2e-4, atol=1e-12)
    assert e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    assert e.macros["chi2type"] == "Wald"
    # ml_model.ado: "constraints imply a model Wald test" and mlogit's lf0() is dropped
    assert np.isnan(e.scalars["ll_0"]) and np.isnan(e.scalars["r2_p"])
    assert e.scalars["df_m"] == ref["df"]
    assert e.scalars["chi2"] == pytest.approx(ref["chi2"], rel=1e-4)
    assert e.scalars["p"] == pytest.approx(ref["p"], rel=1e-3)
    assert e.scalars["rank"] == 9 - (3 if key == "three" else 1)


def test_constraint_report_and_constrained_rows(do, data):
    rc, out, s = do(THREE + "mlogit y x z, constraints(1/3)", df=data.copy())
    assert rc == 0, out
    lines = out.splitlines()
    at = lines.index(" ( 1)  [20]x = 0")
    assert lines[at - 1] == "" and lines[at + 1] == " ( 2)  -[10]z + [40]z = 0"
    assert lines[at + 2] == " ( 3)  [10]_cons = -.5" and set(lines[at + 3]) == {"-"}
    assert "Wald chi2(4)" in out and "Pseudo R2" not in out
    assert "Log likelihood = -503.19506                       Prob > chi2     =     0.0143" in out
    assert "           x |          0  (constrained)" in out
    assert "       _cons |        -.5  (constrained)" in out
    C = s.e.matrices["Cns"]
    assert C.values.shape == (3, 13) and C.colnames[-1] == "_Cns:_r"
    assert C.values[2, -1] == -0.5 and C.values[1, C.colnames.index("10:z")] == -1
    rc, out, _ = do("mlogit, nocnsreport", session=s)
    assert rc == 0 and "( 1)" not in out and "(constrained)" in out
    rc, out, _ = do("mlogit", session=s)  # replay keeps the report
    assert " ( 1)  [20]x = 0" in out


def test_constraint_errors(do, data):
    rc, out, _ = do("mlogit y x z, constraints(7)", df=data.copy())
    assert rc == 111 and "constraint (7) not defined" in out
    # a coefficient the model lacks (the base outcome's): makecns' note, the fit unconstrained
    rc, out, s = do("constraint 1 [30]x = 0\nmlogit y x z, constraints(1)", df=data.copy())
    assert rc == 0 and "(note: constraint number 1 caused error r(111))" in out
    assert s.e.macros["chi2type"] == "LR" and "Cns" not in s.e.matrices
    rc, out, _ = do("constraint 1 [20]x = 0\nconstraint 2 [20]x = 1\nmlogit y x z, constraints(1 2)",
                    df=data.copy())
    assert rc == 412


def test_from_starts_the_maximiser(do, data, reference):
    start = reference["start"]["theta"]
    rc, out, s = do(f"mlogit y x z, from({' '.join(map(str, start))}, copy)", df=data.copy())
    assert rc == 0, out
    first = next(line for line in out.splitlines() if line.startswith("Iteration 0:"))
    assert float(first.split("=")[1]) == pytest.approx(reference["start"]["ll"], rel=1e-7)
    b_from = _theta(s.e)[0]
    rc, out, s2 = do("mlogit y x z", df=data.copy())
    np.testing.assert_allclose(b_from, _theta(s2.e)[0], atol=1e-6)
    assert s.e.scalars["ll_0"] == s2.e.scalars["ll_0"]  # the constant-only model's, not the start's
    rc, out, s = do("mlogit y x z, from(20:x=1.2 40:_cons=-1) iterate(0)", df=data.copy())
    assert rc == 0 and _theta(s.e)[0][3] == 1.2 and _theta(s.e)[0][8] == -1
    rc, out, _ = do("mlogit y x z, from(1 2, copy)", df=data.copy())
    assert rc == 503
    rc, out, _ = do("matrix b0 = (1, 2)\nmatrix colnames b0 = 20:x 30:x\nmlogit y x z, from(b0)", df=data.copy())
    assert rc == 111 and "parameter 30:x not found" in out
    rc, out, _ = do("matrix b0 = (1, 2)\nmatrix colnames b0 = 20:x 30:x\nmlogit y x z, from(b0, skip)",
                    df=data.copy())
    assert rc == 0

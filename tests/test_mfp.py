"""mfp (Stata 13's mfp_10: backfitting, closed tests, FracRep's table): every deviance, difference
and P of the selection log, the order, the cycles and the final powers against an independent R
implementation of the algorithm on lm/glm/coxph fits (tests/mfp_reference/mfp_closed_test.R, its
output mfp_closed_test.json: R's mfp package is not packaged here, the script says how Stata's
conventions were followed); the layout of the log and the table from mfp_10.ado's display
lines; fracpred after mfp; the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "mfp_reference"


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "mfp_data.csv")


@pytest.fixture(scope="module")
def ref():
    return json.loads((REF / "mfp_closed_test.json").read_text())


def _log_steps(out: str):
    """The selection log: [(cycle, name, [(deviance, difference, P)], final deviance, powers)]."""
    steps, cycle, name, rows = [], 1, None, []
    for line in out.splitlines():
        if line.startswith("End of Cycle"):
            cycle += 1
        elif line.startswith("[") and "included with 1 df" in line:
            steps.append((cycle, line[1:line.index(" included")], None, None, "1"))
        elif len(line) > 40 and line[13:18] in ("null ", "lin. ", "FP1  ", "FP2  ") and line[37:45].strip():
            if line[:12].strip():
                name, rows = line[:12].strip(), []
            rows.append((float(line[25:35]), float(line[37:45]), float(line[45:52])))
        elif line[13:18] == "Final" and name is not None:
            steps.append((cycle, name, rows, float(line[25:36]), line[56:].strip()))
            name = None
    return steps


def _powers(text: str):
    """A powers macro ("-.5 1", R's "-0.5 1", "." dropped) as numbers."""
    return None if text.strip() == "." else tuple(float(w) for w in text.split())


def _check_against_r(out, session, r, xs, catzero=()):
    head = "Deviance for model with all terms untransformed = "
    line = next(ln for ln in out.splitlines() if ln.startswith(head))
    assert float(line[len(head):].split(",")[0]) == pytest.approx(r["initial"], abs=6e-4)
    assert line.endswith(", 120 observations")
    steps = _log_steps(out)
    assert [s[1] for s in steps if s[0] == 1] == r["order"]
    assert max(s[0] for s in steps) == len(r["cycles"])
    for cycle, name, rows, dev, powers in steps:
        expected = r["cycles"][cycle - 1]["steps"][name]
        if rows is None:
            assert expected["included"]
            continue
        assert _powers(powers) == _powers(expected["powers"])
        assert dev == pytest.approx(expected["deviance"], abs=6e-4)
        assert len(rows) == len(expected["rows"])
        for got, want in zip(rows, expected["rows"]):
            assert got == pytest.approx((want["deviance"], want["difference"], want["p"]), abs=6e-4)
    e = session.e
    assert e.scalars["fp_dev"] == pytest.approx(r["deviance"], rel=1e-9)
    variables = [v for x in xs for v in x.split()]  # a group "x2 x3": its variables one by one
    assert [e.macros[f"fp_x{i}"] for i in range(1, len(variables) + 1)] == variables
    for i, x in enumerate(xs, start=1):
        assert _powers(e.macros[f"Fp_k{i}"]) == _powers(r["powers"][x])
        assert e.scalars[f"Fp_id{i}"] == (1 if r["df"][x] == 1 else r["df"][x]) + (x in catzero)


def test_regress_matches_r_log_table_and_fit(do, data, ref):
    rc, out, session = do("mfp: regress y x1 x2 x3 x4 x5", df=data)
    assert rc == 0, out
    r = ref["regress"]
    _check_against_r(out, session, r, ["x1", "x2", "x3", "x4", "x5"])
    lines = out.splitlines()
    head = lines.index("Variable     Model (vs.)   Deviance  Dev diff.   P      Powers   (vs.)")
    assert lines[head + 1] == "-" * 70 and lines[head - 1] == ""
    assert lines[head + 2].startswith("x1           lin.   FP2  ") and lines[head + 2].endswith("1         -.5 .5")
    assert lines[head + 3].startswith("             FP1        ")
    assert lines[head + 4].startswith("             Final") and lines[head + 4].endswith("0")
    assert "[x3 included with 1 df in model]" in lines
    k = lines.index("Fractional polynomial fitting algorithm converged after 1 cycle.")
    assert lines[k - 2:k] == ["", ""] and lines[k + 1:k + 4] == ["", "Transformations of covariates:", ""]
    centre = f"{np.log(np.mean(data['x1'] / 10)):.10g}".lstrip("0")  # fracgen's %12.0g of ln(mean X)
    assert lines[k + 4:k + 6] == [f"-> gen double Ix1__1 = ln(X)-{centre} if e(sample)", "   (where: X = x1/10)"]
    # fracgen's x itself for power 1 alone (frac_xo: no shift, no scaling), centred at the mean
    m5 = float(np.mean(data["x5"]))
    assert f"-> gen double Ix5__1 = x5{'+' if m5 < 0 else '-'}{abs(m5):.10g} if e(sample)".replace("-0.", "-.") \
        .replace("+0.", "+.") in lines
    np.testing.assert_allclose(session.data.numeric("Ix5__1"), data["x5"] - m5, rtol=1e-12)
    t = lines.index("Final multivariable fractional polynomial model for y")
    assert lines[t + 1] == "-------------+" + "-" * 54
    assert lines[t + 2] == "    Variable |    -----Initial-----          -----Final-----"
    assert lines[t + 3] == "             |   df     Select   Alpha    Status    df    Powers"
    assert lines[t + 5] == "          x1 |    4     1.0000   0.0500     in      2     0"
    assert lines[t + 7] == "          x3 |    1     1.0000   0.0500     in      1     1"
    assert lines[-1] == "Deviance:  489.350."
    # the final model: regress on the generated terms, which are fracgen's (x1/10 logged, centred)
    x1 = data["x1"].to_numpy() / 10
    np.testing.assert_allclose(session.data.numeric("Ix1__1"), np.log(x1) - np.log(x1.mean()), rtol=1e-12)
    X = np.column_stack([np.log(x1), data["x2"], data["x4"], data["x5"], data["x3"], np.ones(len(data))])
    beta = np.linalg.lstsq(X, data["y"].to_numpy(), rcond=None)[0]
    b = session.e.coefficients()
    assert b.b[list(b.names).index("Ix1__1")] == pytest.approx(beta[0], rel=1e-9)
    assert session.e.macros["cmd"] == "regress" and session.e.macros["fp_cmd2"] == "mfp"
    assert session.e.macros["fracpoly"] == "fracpoly: regress y x1 0 x2 1 x3 1 x4 1 x5 1"
    assert session.e.macros["fp_fvl"] == "Ix1__1 Ix2__1 x3 Ix4__1 Ix5__1"
    rc, replayed, _ = do("mfp", session=session)
    assert rc == 0 and replayed.splitlines()[1] == "Final multivariable fractional polynomial model for y"
    assert replayed.rstrip().endswith("Deviance:  489.350.")


def test_select_drops_and_cycles_twice(do, data, ref):
    rc, out, session = do("mfp, select(0.05): regress y x1 x2 x3 x4 x5", df=data)
    assert rc == 0, out
    _check_against_r(out, session, ref["regress_select"], ["x1", "x2", "x3", "x4", "x5"])
    assert "End of Cycle 1: deviance =     489.693" in out
    assert "Fractional polynomial fitting algorithm converged after 2 cycles." in out
    assert session.e.macros["fp_fvl"] == "Ix1__1 Ix2__1 x3"
    assert "          x4 |    4     0.0500   0.0500     out     0" in out.splitlines()
    rc, out, _ = do("fracpred f, for(x4)", session=session)
    assert rc == 198 and "x4 not selected in model" in out
    rc, out, session = do("fracpred f, for(x2)", session=session)
    assert rc == 0, out
    b = session.e.coefficients()
    names = list(b.names)
    want = b.b[names.index("Ix2__1")] * session.data.numeric("Ix2__1") + b.b[names.index("_cons")]
    np.testing.assert_allclose(session.data.numeric("f"), want.astype(np.float32), rtol=1e-6)


def test_sequential_matches_r(do, data, ref):
    rc, out, session = do("mfp, sequential select(0.05): regress y x1 x2 x3 x4 x5", df=data)
    assert rc == 0, out
    _check_against_r(out, session, ref["sequential"], ["x1", "x2", "x3", "x4", "x5"])
    lines = out.splitlines()
    k = lines.index(next(ln for ln in lines if ln.startswith("x2           FP2    FP1")))
    assert lines[k + 1].startswith("             FP1    lin.") and lines[k + 2].startswith("             lin.   null")
    assert lines[k + 2].rstrip().endswith("*   1         .")
    assert "x3           lin.   null    489.693" in out  # TestVars's row: the linear model's deviance


def test_xpowers_and_all_match_r(do, data, ref):
    rc, out, session = do("mfp, xpowers(x1:-1 0 1, x2: 2 3) all: regress y x1 x2 if x3==1", df=data)
    assert rc == 0, out
    r = ref["xpowers"]
    head = "Deviance for model with all terms untransformed = "
    assert float(next(ln for ln in out.splitlines() if ln.startswith(head))[len(head):].split(",")[0]) == \
        pytest.approx(r["initial"], abs=6e-4)
    assert session.e.scalars["fp_dev"] == pytest.approx(r["deviance"], rel=1e-9)
    assert session.e.macros["Fp_k2"] == "2 2" and "x1           lin.   FP2     357.635" in out
    # all: the terms in every observation, centred over the sample (x3 == 1)
    inside = data["x3"].to_numpy() == 1
    span = np.ptp(data["x2"].to_numpy()[inside])
    x2 = data["x2"].to_numpy() / 10 ** (np.sign(np.log10(span)) * np.trunc(abs(np.log10(span))))  # frac_xo
    assert not np.isnan(session.data.numeric("Ix2__1")).any()
    want = x2 ** 2 - np.mean(x2[inside]) ** 2
    np.testing.assert_allclose(session.data.numeric("Ix2__1"), want, rtol=1e-10)
    assert "-> gen double Ix2__1 = x2^2-" in out and "if e(sample)" not in out.split("Transformations")[1].split("Final")[0]


def test_groups_tested_jointly_match_r(do, data, ref):
    rc, out, session = do("mfp, select(0.05): regress y x1 (x2 x3) (x4 x5)", df=data)
    assert rc == 0, out
    _check_against_r(out, session, ref["groups"], ["x1", "x2 x3", "x4 x5"])
    assert "x4 x5        null   lin.    489.693     0.343  0.850    .         1" in out.splitlines()
    assert "       x4 x5 |    1     0.0500   0.0500     out     0" in out.splitlines()
    assert session.e.macros["fp_fvl"] == "Ix1__1 x2 x3" and session.e.macros["fp_k4"] == "."
    assert session.globals["MFP_n"] == "3" and session.globals["MFP_2"] == "x2 x3"
    rc, out, session = do("fracpred f, for(x3)", session=session)
    assert rc == 0, out
    b = session.e.coefficients()
    names = list(b.names)
    want = b.b[names.index("x3")] * data["x3"].to_numpy() + b.b[names.index("_cons")]
    np.testing.assert_allclose(session.data.numeric("f"), want.astype(np.float32), rtol=1e-6)
    rc, out, _ = do("mfp: regress y x1 (x2 x3)", df=data)
    assert rc == 0 and "[x2 x3 included with 1 df in model]" in out


def test_zero_and_catzero_match_r(do, data, ref):
    rc, out, session = do("mfp, zero(x5): regress y x1 x5", df=data)
    assert rc == 0, out
    _check_against_r(out, session, ref["zero"], ["x1", "x5"])
    x5 = data["x5"].to_numpy()
    positive_mean = x5[x5 > 0].mean()  # fracgen's zero: x <= 0 as 0, centred at the positive values' mean
    np.testing.assert_allclose(session.data.numeric("Ix5__1"), np.where(x5 > 0, x5, 0) - positive_mean, rtol=1e-12)
    rc, out, session = do("mfp, catzero(x5) select(.5): regress y x1 x5\nfracpred f, for(x5)", df=data)
    assert rc == 0, out
    _check_against_r(out, session, ref["catzero"], ["x1", "x5"], catzero=("x5",))
    lines = out.splitlines()
    k = lines.index("-> gen byte Ix5__0 = x5<=0 if e(sample)")
    assert lines[k - 1].startswith("-> gen double Ix5__1 = x5-")
    np.testing.assert_array_equal(session.data.numeric("Ix5__0"), (x5 <= 0).astype(float))
    assert "          x5 |    5     0.5000   0.0500     in      2     1" in lines  # catzero's df: one more
    assert session.e.macros["fp_fvl"] == "Ix1__1 Ix5__0 Ix5__1" and session.e.macros["fp_c2"] == "1"
    b = session.e.coefficients()
    names = list(b.names)
    want = sum(b.b[names.index(v)] * session.data.numeric(v) for v in ("Ix5__0", "Ix5__1")) + b.b[names.index("_cons")]
    np.testing.assert_allclose(session.data.numeric("f"), want.astype(np.float32), rtol=1e-6)  # fracpred: both terms


def test_logit_and_old_syntax_match_r(do, data, ref):
    rc, out, session = do("mfp logit yb x1 x2 x4", df=data)
    assert rc == 0, out
    _check_against_r(out, session, ref["logit"], ["x1", "x2", "x4"])
    assert "Logistic regression" in out and session.e.scalars["fp_dist"] == 1


def test_poisson_df2_and_probit_select_alpha_match_r(do, data, ref):
    rc, out, session = do("gen cnt = round(y/5)\nmfp, df(2): poisson cnt x1 x2 x5, irr", df=data)
    assert rc == 0, out
    _check_against_r(out, session, ref["poisson"], ["x1", "x2", "x5"])
    assert "x1           lin.   FP1" in out and "IRR" in out
    rc, out, session = do("mfp, select(0.2) alpha(0.2): probit yb x1 x2 x3 x4", df=data)
    assert rc == 0, out
    _check_against_r(out, session, ref["probit"], ["x1", "x2", "x3", "x4"])
    assert "          x4 |    4     0.2000   0.2000     in      2     3" in out.splitlines()
    assert "          x3 |    1     0.2000   0.2000     out     0" in out.splitlines()


def test_stcox_matches_coxph(do, data, ref):
    rc, out, session = do("stset t, failure(d)\nmfp: stcox x1 x2 x3 x5", df=data)
    assert rc == 0, out
    _check_against_r(out, session, ref["stcox"], ["x1", "x2", "x3", "x5"])
    assert "Final multivariable fractional polynomial model for _t" in out
    assert "Cox regression -- Breslow method for ties" in out and session.e.macros["fp_depv"] == "_t"


def test_df_alpha_and_xorder_options(do, data):
    rc, out, session = do("mfp, df(2, x1:4) alpha(x1:1) xorder(n): regress y x1 x2 x3", df=data)
    assert rc == 0, out
    lines = out.splitlines()
    head = lines.index("Variable     Model (vs.)   Deviance  Dev diff.   P      Powers   (vs.)")
    assert lines[head + 2].startswith("x1           lin.   FP2")  # xorder(n): as typed
    assert lines[head + 3].startswith("             Final")  # alpha(1): FP2 kept without further tests
    assert session.e.macros["Fp_k1"] == lines[head + 2][66:].strip()  # the FP2 row's powers, kept
    assert session.e.scalars["Fp_al1"] == 1
    assert session.e.scalars["Fp_id2"] == 2 and session.e.scalars["Fp_id3"] == 2  # df(2) for all, then x1:4
    assert "x2           lin.   FP1" in out
    rc, out, session = do("mfp, dfdefault(2): regress y x1 x2 x3\npredict double xb", df=data)
    assert rc == 0, out
    assert [session.e.scalars[f"Fp_id{i}"] for i in (1, 2, 3)] == [2, 2, 1]  # x3 has two values: df 1
    b = session.e.coefficients()
    X = np.column_stack([session.data.numeric(n) if n != "_cons" else np.ones(len(data)) for n in b.names])
    np.testing.assert_allclose(session.data.numeric("xb"), X @ np.asarray(b.b), rtol=1e-12)  # regress's predict


@pytest.mark.parametrize("line, message, code", [
    ("mfp, aic: regress y x1 x2", "mfp's option aic is not implemented in mlm", 198),
    ("mfp, zero(x9): regress y x1 x5", "variable x9 not found", 111),
    ("mfp, fp01: regress y x1 x5", "mfp's option fp01 is not implemented in mlm", 198),
    ("mfp, acd(x1): regress y x1 x5", "option acd() not allowed", 198),
    ("mfp, alpha(-1): regress y x1 x5", "A.I.C. selection", 198),
    ("mfp, xorder(r): regress y x1 x5", "mfp's option xorder(r) is not implemented in mlm", 198),
    ("mfp: nbreg y x1 x5", "mfp with nbreg is not implemented in mlm", 199),
    ("mfp: regress y x1 ()", "empty () found", 198),
    ("mfp: regress y x1 x5 [fw=x3]", "mfp with weights is not implemented in mlm", 101),
    ("mfp, df(x9:2): regress y x1 x5", "variable x9 not found", 111),
    ("mfp, df(x2:2): regress y x1 x5", "x2 is not an xvar", 198),
    ("mfp, alpha(2): regress y x1 x5", "alpha() value 2 out of allowed range", 198),
    ("mfp", "last estimates not found", 301),
    ("mfp: stcox x1", "data not st", 119),
    ("gen z = 2*x1\nmfp: regress y x1 z", "1 collinearity detected among covariates", 198),
])
def test_refusals(do, data, line, message, code):
    rc, out, session = do(line, df=data)
    assert rc == code and message in out, out
    assert not any(v.startswith("Ix1") for v in session.data.varnames)


def test_a_parenthesised_option_of_the_command_reaches_the_final_fit_whole(do, data):
    # the replay after the fit read vce(cluster id) as two words, "vce(cluster" and "id)"
    df = data.assign(cl=np.arange(len(data)) // 5)
    rc, out, session = do("mfp regress y x1 x2, vce(cluster cl) select(0.05)", df=df.copy())
    assert rc == 0, out
    assert session.e.macros.get("clustvar") == "cl" and "Robust" in out
    rc2, out2, s2 = do("mfp, select(0.05): regress y x1 x2, vce(cluster cl)", df=df.copy())
    assert rc2 == 0, out2
    assert np.allclose(s2.e.matrices["V"].values, session.e.matrices["V"].values)

"""The fp prefix (Stata 13's fp.ado: fp_prefix_cmd, xeq_search, SresultsFinish,
fp_replay_compare) with logit, regress and poisson: the comparison table against R's glm()/lm()
over every FP model (tests/fracpoly_ml_reference: the logit case is fracpoly's, the same models
and chi2 comparisons; fpregress fp.ado's F comparison), the layout of the table, fp(), and the
refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "fracpoly_ml_reference"


def _reference():
    out, case = {}, None
    for line in (REF / "fracpoly_ml_R.txt").read_text().splitlines():
        words = line.split()
        if words[0] == "case":
            case = out.setdefault(words[1], {})
            if words[1] == "fpregress":
                case["df2"] = int(words[3])
                case["powers2"] = [float(w) for w in line.split("powers2")[1].split()]
            continue
        if case is None or words[0] in ("coef", "se"):
            continue
        fields = dict(zip(words[1::2], words[2::2]))
        case[words[0]] = {k: float(v) if v not in ("NA",) else float("nan") for k, v in fields.items()
                          if k in ("dev", "dif", "P", "rsd", "df")}
    return out


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "fpml.csv")


@pytest.fixture(scope="module")
def ref():
    return _reference()


def _table(out):
    lines = out.splitlines()
    start = lines.index("Fractional polynomial comparisons:")
    return lines[start:start + 10]


def test_logit_table_matches_r(do, data, ref):
    rc, out, session = do("fp <x>: logit yb <x> z", df=data)
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[0] == "(fitting 44 models)"
    assert lines[1] == "(....10%....20%....30%....40%....50%....60%....70%....80%....90%....100%)"
    t = _table(out)
    assert t[1] == "-" * 68 and t[3] == "-" * 13 + "+" + "-" * 54 and t[8] == "-" * 68
    assert t[2] == "           x |   df    Deviance   Dev. dif.   P(*)   Powers"
    r = ref["logit"]
    for line, key, df in zip(t[4:7], ("none", "linear", "m1"), (0, 1, 2)):
        label, fields = line[:12].strip(), line[14:].split()
        assert label == {"none": "omitted", "linear": "linear", "m1": "m = 1"}[key]
        assert int(fields[0]) == df
        assert float(fields[1]) == pytest.approx(r[key]["dev"], abs=6e-4)
        assert float(fields[2]) == pytest.approx(r[key]["dif"], abs=6e-4)
        assert float(fields[3]) == pytest.approx(r[key]["P"], abs=6e-4)
    assert t[7].split("|")[0].strip() == "m = 2"
    assert t[7].split("|")[1].split() == ["4", f"{r['top']['dev']:.3f}", "0.000", "--", ".5", "1"]
    assert t[9] == "(*) P = sig. level of model with m = 2 based on chi^2 of dev. dif."
    e = session.e
    assert e.macros["fp_cmd"] == "fp, search():" and e.macros["fp_terms"] == "x_1 x_2"
    assert e.macros["cmd"] == "logit"
    x = data["x"].to_numpy()
    np.testing.assert_allclose(session.data.numeric("x_1"), x ** .5)
    np.testing.assert_allclose(session.data.numeric("x_2"), x)
    assert session.data.var_labels["x_2"] == "term 2 x^(.5 1)"


def test_regress_table_matches_r(do, data, ref):
    rc, out, _ = do("fp <x>: regress yc <x> z", df=data)
    assert rc == 0, out
    t = _table(out)
    assert t[1] == "-" * 79 and t[3] == "-" * 13 + "+" + "-" * 65
    assert t[2] == "           x |   df    Deviance  Res. s.d.   Dev. dif.   P(*)   Powers"
    r = ref["fpregress"]
    for line, key in zip(t[4:7], ("omitted", "linear", "m1")):
        fields = line[14:].split()
        assert int(fields[0]) == r[key]["df"]
        assert float(fields[1]) == pytest.approx(r[key]["dev"], abs=6e-4)
        assert float(fields[2]) == pytest.approx(r[key]["rsd"], abs=6e-4)
        assert float(fields[3]) == pytest.approx(r[key]["dif"], abs=6e-4)
        assert float(fields[4]) == pytest.approx(r[key]["P"], abs=6e-4)
    fields = t[7][14:].split()
    assert float(fields[1]) == pytest.approx(r["m2"]["dev"], abs=6e-4)
    assert fields[3:5] == ["0.000", "--"] and [float(w) for w in fields[5:]] == r["powers2"]
    assert t[9] == f"(*) P = sig. level of model with m = 2 based on F with {r['df2']} denominator dof."


def test_fixed_powers_and_replace(do, data):
    rc, out, session = do("fp <x>: poisson yc <x> z\nfp <x>, fp(-2 2) replace: poisson yc <x> z", df=data)
    assert rc == 0, out
    assert "-> poisson yc x_1 x_2 z" in out
    x = data["x"].to_numpy()
    np.testing.assert_allclose(session.data.numeric("x_1"), x ** -2.0)
    assert session.e.macros["fp_cmd"] == "fp, powers():"
    rc, out, _ = do("fp <x>: poisson yc <x> z", session=session)
    assert rc == 110 and "variables x_1 x_2 already exist" in out


@pytest.mark.parametrize("line, message, code", [
    ("fp <x>: nbreg yc <x>", "fp with nbreg is not implemented in mlm", 199),
    ("fp <x>, zero: logit yb <x>", "fp's option zero is not implemented in mlm", 198),
    ("fp <x>: logit yb <x>, offset(z)", "option offset() is not implemented in mlm", 198),
    ("fp <x>: logit yb <x>, vce(robust)", "fp with vce(), robust or cluster() is not implemented in mlm", 198),
    ("fp <x>: logit yb x", "estimation command does not contain <x>", 198),
    ("fp <x> logit yb <x>", "Colon not found.", 198),
])
def test_refusals(do, data, line, message, code):
    rc, out, session = do(line, df=data)
    assert rc == code and message in out
    assert "x_1" not in session.data.varnames


def test_fp_predict_component_and_stdp_from_numpy(do, data):
    rc, out, session = do("quietly fp <x>: logit yb <x> z\nfp predict f\nfp predict double s, stdp\n"
                          "fp predict g in 1/10, fp", df=data)
    assert rc == 0, out
    x, z, y = data["x"].to_numpy(), data["z"].to_numpy(), data["yb"].to_numpy(float)
    X = np.column_stack([x ** .5, x, z, np.ones(x.size)])  # the powers the search chose: .5 1
    beta = np.zeros(4)
    for _ in range(50):  # Newton-Raphson on the logit log likelihood
        p = 1 / (1 + np.exp(-X @ beta))
        H = X.T @ (X * (p * (1 - p))[:, None])
        beta += np.linalg.solve(H, X.T @ (y - p))
    p = 1 / (1 + np.exp(-X @ beta))
    V = np.linalg.inv(X.T @ (X * (p * (1 - p))[:, None]))
    G = X[:, [0, 1, 3]]
    ds = session.data
    np.testing.assert_allclose(ds.numeric("f"), (G @ beta[[0, 1, 3]]).astype(np.float32), rtol=1e-5)
    Vu = V[np.ix_([0, 1, 3], [0, 1, 3])]
    np.testing.assert_allclose(ds.numeric("s"), np.sqrt(np.einsum("ij,jk,ik->i", G, Vu, G)), rtol=1e-5)
    assert np.isfinite(ds.numeric("g")[:10]).all() and np.isnan(ds.numeric("g")[10:]).all()
    assert "(290 missing values generated)" in out
    assert ds.var_labels["f"] == "linear prediction, x^(.5 1), other covariates = 0"
    assert ds.var_labels["s"] == "Standard error of linear prediction, x^(.5 1), other covariates = 0"
    rc, out, _ = do("fp predict h", df=data)
    assert rc == 301 and "last estimates not found" in out


def test_fp_plot_component_residual_and_band_from_numpy(do, data):
    rc, out, session = do("quietly fp <x>: regress yc <x> z\nfp plot, residuals(residuals)", df=data)
    assert rc == 0, out
    assert session.e.macros["fp_terms"] == "x_1 x_2" and list(session.e.matrices["fp_fp"].values.ravel()) == [0, 3]
    x, z, y = data["x"].to_numpy(), data["z"].to_numpy(), data["yc"].to_numpy(float)
    X = np.column_stack([np.log(x), x ** 3, z, np.ones(x.size)])
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    resid = y - X @ beta
    V = resid @ resid / (x.size - 4) * np.linalg.inv(X.T @ X)
    G, k = X[:, [0, 1, 3]], [0, 1, 3]
    comp = G @ beta[k]
    se = np.sqrt(np.einsum("ij,jk,ik->i", G, V[np.ix_(k, k)], G))
    band, scatter, line = session.graphs[-1].panels[0].series
    order = np.argsort(x, kind="stable")
    np.testing.assert_allclose(line.x, x[order])
    np.testing.assert_allclose(line.y, comp[order], rtol=1e-7)
    np.testing.assert_allclose(band.y, (comp - 1.959963984540054 * se)[order], rtol=1e-7)
    np.testing.assert_allclose(band.y2, (comp + 1.959963984540054 * se)[order], rtol=1e-7)
    np.testing.assert_allclose(np.sort(scatter.y), np.sort(comp + resid), rtol=1e-7)
    assert list(session.data.varnames) == list(data.columns) + ["x_1", "x_2"]  # no temporary left
    rc, out, _ = do("fp plot", session=session)
    assert rc == 198 and "option residuals() required" in out


def test_replay_repeats_the_table_and_the_command(do, data, ref):
    rc, out, session = do("fp <x>: regress yc <x> z", df=data)
    assert rc == 0, out
    rc, replayed, session = do("fp", session=session)
    assert rc == 0, replayed
    lines = replayed.splitlines()
    assert lines[0] == " (fp <x>: regress yc <x> z)" and lines[1] == ""
    assert _table(replayed) == _table(out)  # the R-checked rows (test_regress_table_matches_r), from e()
    assert "Number of obs" in replayed and replayed.count("Fractional polynomial comparisons:") == 1
    rc, replayed, _ = do("fp, nocompare level(90)", session=session)
    assert rc == 0 and "Fractional polynomial comparisons:" not in replayed and "[90% Conf. Interval]" in replayed
    rc, out, session = do("fp <x>, fp(0 1): logit yb <x>", df=data)
    assert rc == 0, out
    rc, replayed, _ = do("fp", session=session)
    assert rc == 0 and replayed.splitlines()[0] == " (fp <x>, fp(0 1): logit yb <x>)"
    assert "Fractional polynomial comparisons:" not in replayed and "Logistic regression" in replayed

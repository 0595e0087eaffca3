"""fracpoly with logit, logistic, probit, poisson, glm and stcox (frac_154 with frac_dv's -2 e(ll)
and frac_pv's chi2 P): the numbers against R's glm()/coxph() over every FP model with frac_154's
rules (tests/fracpoly_ml_reference/fracpoly_ml.R, its output fracpoly_ml_R.txt), the layout of
fraccomp's table and the search log without regress's Res. SD column, and the refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "fracpoly_ml_reference"


def _reference():
    """{case: {"count", "none"/"linear"/"m1": (dev, dif, P, powers), "top": (dev, powers), "coef", "se"}}."""
    out, case = {}, None
    for line in (REF / "fracpoly_ml_R.txt").read_text().splitlines():
        words = line.split()
        if words[0] == "case" and words[1] == "fpregress":
            break  # fp's table (tests/test_fp_prefix.py)
        if words[0] == "case":
            case = out[words[1]] = {"count": int(words[5])}
        elif words[0] in ("coef", "se"):
            case[words[0]] = [float(w) for w in words[1:]]
        else:
            powers = [float(p) for p in line.split("powers")[1].split()]
            fields = dict(zip(words[1:-1:2], words[2::2]))
            case[words[0]] = (float(fields["dev"]), float(fields.get("dif", "nan")), float(fields.get("P", "nan")),
                              powers)
    return out


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "fpml.csv")


@pytest.fixture(scope="module")
def ref():
    return _reference()


def _check_table(out, r, degree=2):
    lines = out.splitlines()
    start = lines.index("Fractional polynomial model comparisons:")
    assert lines[start + 1] == "-" * 63
    assert lines[start + 2] == "x                df       Deviance   Dev. dif.  P (*)  Powers"
    labels = {"Not in model": "none", "Linear": "linear", "m = 1": "m1"}
    body = lines[start + 4:start + 4 + degree + 2]
    for line in body[:-1]:
        dev, dif, p, powers = r[labels[line[:17].strip()]]
        fields = line[17:].split()
        assert float(fields[1]) == pytest.approx(dev, abs=6e-4)
        assert float(fields[2]) == pytest.approx(dif, abs=6e-4)
        assert float(fields[3]) == pytest.approx(p, abs=6e-4)
        assert [float(w) for w in fields[4:]] == powers
    top = body[-1].split()
    assert body[-1].startswith(f"m = {degree}")
    assert float(top[4]) == pytest.approx(r["top"][0], abs=6e-4)
    assert top[5:7] == ["--", "--"] and [float(w) for w in top[7:]] == r["top"][3]
    assert lines[start + 6 + degree] == "-" * 63
    assert lines[start + 7 + degree] == ("(*) P-value from deviance difference comparing reported model with "
                                         f"m = {degree} model")


def _check_fit(session, r, names, se=True):
    e = session.e
    assert e.scalars["fp_dev"] == pytest.approx(r["top"][0], rel=1e-8)
    assert e.scalars["fp_d0"] == pytest.approx(r["none"][0], rel=1e-8)
    assert e.scalars["fp_dlin"] == pytest.approx(r["linear"][0], rel=1e-8)
    assert "fp_s0" not in e.scalars and "fp_slin" not in e.scalars  # frac_154: regress's only
    b = e.coefficients()
    order = [[c.split(":")[-1] for c in b.names].index(n) for n in names]  # glm's e(b) names its equation
    np.testing.assert_allclose(np.asarray(b.b)[order], r["coef"], rtol=2e-6, atol=1e-9)
    if se:  # R's glm: expected information, the observed one for canonical links only
        np.testing.assert_allclose(np.sqrt(np.diag(np.asarray(b.V)))[order], r["se"], rtol=2e-5)


def test_logit_matches_r_and_replays(do, data, ref):
    rc, first, session = do("fracpoly logit yb x z, compare", df=data)
    assert rc == 0, first
    r = ref["logit"]
    _check_table(first, r)
    _check_fit(session, r, ["_cons", "Ix__1", "Ix__2", "z"])
    assert f"Deviance:   348.14. Best powers of x among {r['count']} models fit: .5 1." in first
    assert session.e.scalars["fp_dist"] == 1 and session.e.macros["cmd"] == "logit"
    rc, replayed, session = do("fracpoly, compare", session=session)
    assert rc == 0, replayed
    assert replayed.splitlines()[0] == "->logit"
    _check_table(replayed, r)
    assert replayed.rstrip().endswith("Deviance:   348.14.")


def test_probit_and_glm_cloglog_match_r(do, data, ref):
    rc, out, session = do("fracpoly probit yb x", df=data)
    assert rc == 0, out
    assert "Best powers of x among 44 models fit: 1 1." in out
    assert session.e.scalars["fp_d1"] == pytest.approx(ref["probit"]["m1"][0], rel=1e-8)
    _check_fit(session, ref["probit"], ["_cons", "Ix__1", "Ix__2"], se=False)
    rc, out, session = do("fracpoly glm yb x, family(binomial) link(cloglog) compare", df=data)
    assert rc == 0, out
    _check_table(out, ref["cloglog"])
    _check_fit(session, ref["cloglog"], ["_cons", "Ix__1", "Ix__2"], se=False)
    assert session.e.scalars["fp_dist"] == 4


def test_poisson_log_and_glm_match_r(do, data, ref):
    rc, out, session = do("fracpoly poisson yc x z, log degree(1)", df=data)
    assert rc == 0, out
    r = ref["poisson1"]
    lines = out.splitlines()
    head = lines.index("Model #      Deviance  Power 1")
    assert lines[head - 1] == lines[head + 1] == ""
    body = lines[head + 2:head + 10]
    assert [float(line.split()[-1]) for line in body] == [-2, -1, -.5, 0, .5, 1, 2, 3]
    assert float(body[5].split()[1]) == pytest.approx(r["linear"][0], abs=6e-4)
    assert float(body[3].split()[1]) == pytest.approx(r["top"][0], abs=6e-4)
    _check_fit(session, r, ["_cons", "Ix__1", "z"])
    rc, out, session = do("fracpoly glm yc x z, family(poisson) link(log) compare", df=data)
    assert rc == 0, out
    _check_table(out, ref["glmpoisson"])
    _check_fit(session, ref["glmpoisson"], ["_cons", "Ix__1", "Ix__2", "z"])


def test_stcox_matches_coxph(do, data, ref):
    rc, out, session = do("stset t, failure(d)\nfracpoly stcox x z, compare", df=data)
    assert rc == 0, out
    _check_table(out, ref["cox"])
    _check_fit(session, ref["cox"], ["Ix__1", "Ix__2", "z"])
    assert session.e.scalars["fp_dist"] == 7 and session.e.macros["fp_depv"] == "_t"
    rc, out, session = do("stset t, failure(d)\nfracpoly stcox x, efron compare", df=data)
    assert rc == 0, out
    _check_table(out, ref["coxefron"])
    _check_fit(session, ref["coxefron"], ["Ix__1", "Ix__2"])


def test_fixed_powers_logistic_deviance_from_numpy(do, data):
    rc, out, session = do("fracpoly logistic yb x 0.5 z", df=data)
    assert rc == 0, out
    X = np.column_stack([np.ones(len(data)), np.sqrt(data["x"] / 10), data["z"]])
    y = data["yb"].to_numpy(float)
    beta = np.zeros(3)
    for _ in range(50):  # Newton-Raphson on the logit log likelihood
        p = 1 / (1 + np.exp(-X @ beta))
        beta += np.linalg.solve(X.T @ (X * (p * (1 - p))[:, None]), X.T @ (y - p))
    p = 1 / (1 + np.exp(-X @ beta))
    dev = -2 * np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert session.e.scalars["fp_dev"] == pytest.approx(dev, rel=1e-9)
    assert f"Deviance:{dev:9.2f}. " in out and "Best powers" not in out
    assert "Odds Ratio" in out


@pytest.mark.parametrize("line, message, code", [
    ("fracpoly poisson yc x, offset(z)", "fracpoly poisson: option offset() is not implemented in mlm", 198),
    ("fracpoly logit yb x, asis", "fracpoly logit: option asis is not implemented in mlm", 198),
    ("fracpoly nbreg yc x", "fracpoly with nbreg is not implemented in mlm", 199),
    ("fracpoly stcox x", "data not st", 119),
])
def test_refusals(do, data, line, message, code):
    rc, out, session = do(line, df=data)
    assert rc == code and message in out
    assert "Ix__1" not in session.data.varnames


def test_fracpred_dresid_refused_after_logit(do, data):
    rc, out, _ = do("fracpoly logit yb x\nfracpred r, dresid", df=data)
    assert rc == 198 and "fracpred's dresid after logit is not implemented in mlm" in out


def test_fracpred_after_glm_reads_its_equation(do, data, ref):
    rc, out, session = do("quietly fracpoly glm yb x, family(binomial) link(cloglog)\nfracpred xb\n"
                          "fracpred s, stdp", df=data)
    assert rc == 0, out
    ds = session.data
    b0, b1, b2 = ref["cloglog"]["coef"]  # R's, on the terms centred at the mean of x/10
    expected = b0 + b1 * ds.numeric("Ix__1") + b2 * ds.numeric("Ix__2")
    np.testing.assert_allclose(ds.numeric("xb"), expected, rtol=1e-5, atol=1e-6)
    e = session.e.coefficients()
    X = np.column_stack([ds.numeric("Ix__1"), ds.numeric("Ix__2"), np.ones(ds.nobs)])
    np.testing.assert_allclose(ds.numeric("s"), np.sqrt(np.einsum("ij,jk,ik->i", X, e.V, X)), rtol=1e-6)

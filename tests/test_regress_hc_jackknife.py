"""``regress, vce(hc2|hc3|jackknife)``: the VCEs from each row's leverage, checked against the
formulas written out here and against R (``tests/regress_reference/vcovhc.R``: sandwich's
vcovHC and leave-one-out refits, values in ``vcovhc.json``); the output's headers and e()."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.runner import Runner
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "vcovhc.json").read_text())


def _session():
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("y", "x1", "x2", "w")})
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=df, types={k: "double" for k in df})
    return s


def _run(s, text):
    s.out.stream.seek(0)
    s.out.stream.truncate()
    rc = Runner(s).run_text(text, echo=False, stop_on_error=False)
    return s.out.stream.getvalue(), rc


def _by_formula(kind: str, weights=None, copies=False):
    """V of y on (x1, x2, 1) written out: hc2/hc3 sandwiches, the jackknife by refitting."""
    y, x1, x2 = (np.asarray(REFERENCE[k], float) for k in ("y", "x1", "x2"))
    X = np.column_stack([x1, x2, np.ones_like(y)])
    w = np.ones_like(y) if weights is None else np.asarray(weights, float)
    if copies:  # fweights: the rows repeated
        rows = np.repeat(np.arange(len(y)), w.astype(int))
        X, y, w = X[rows], y[rows], np.ones(len(rows))
    w = w * len(w) / w.sum()  # aweights: rescaled to sum to N
    bread = np.linalg.inv(X.T @ (w[:, None] * X))
    b = bread @ X.T @ (w * y)
    e = y - X @ b
    if kind.startswith("jackknife"):
        n = len(y)
        B = np.array([np.linalg.lstsq(np.delete(X, i, 0), np.delete(y, i), rcond=None)[0] for i in range(n)])
        D = B - (b if kind.endswith("mse") else B.mean(axis=0))
        return (n - 1) / n * D.T @ D
    h = np.einsum("ij,jk,ik->i", X, bread, X)  # Stata's leverage: no factor w_i
    omega = (w * e) ** 2 / (1 - h) ** (1 if kind == "hc2" else 2)
    return bread @ (X.T @ (X * omega[:, None])) @ bread


@pytest.mark.parametrize("kind, weight, key", [
    ("hc2", "", "hc2"), ("hc3", "", "hc3"), ("hc2", "[aw=w]", "hc2_aweight"), ("hc3", "[aw=w]", "hc3_aweight"),
    ("hc2", "[fw=w]", "hc2_fweight"), ("hc3", "[fw=w]", "hc3_fweight"),
    ("jackknife", "", "jackknife"), ("jackknife, mse", "", "jackknife_mse")])
def test_vce_matches_r_and_the_formula(kind, weight, key):
    s = _session()
    out, rc = _run(s, f"regress y x1 x2 {weight}, vce({kind})")
    assert rc == 0, out
    V = s.e.matrices["V"].values
    np.testing.assert_allclose(V, np.asarray(REFERENCE[key]), rtol=1e-9, atol=1e-13)
    w = REFERENCE["w"] if weight else None
    formula = _by_formula(key.replace("_aweight", "").replace("_fweight", ""), w, copies="fw" in weight)
    np.testing.assert_allclose(V, formula, rtol=1e-9, atol=1e-13)
    plain = _session()
    _run(plain, f"quietly regress y x1 x2 {weight}")
    np.testing.assert_allclose(s.e.matrices["b"].values, plain.e.matrices["b"].values, rtol=1e-12)


def test_hc2_with_aweights_is_stata_13s():
    """Stata 13's ``regress mpg hp [aweight=wt], vce(hc2)`` on mtcars (estimatr's vignette "How
    Stata's hat matrix differs with weights") prints .0143083 and 2.155169; R's sandwich,
    whose leverage carries the factor w_i, gives .0144566 and 2.162818."""
    df = pd.DataFrame({k: np.asarray(REFERENCE[f"mtcars_{k}"], float) for k in ("mpg", "hp", "wt")})
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=df, types={k: "double" for k in df})
    out, rc = _run(s, "regress mpg hp [aweight=wt], vce(hc2)")
    assert rc == 0, out
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(se, REFERENCE["mtcars_hc2_se"], rtol=1e-9)
    assert round(se[0], 7) == 0.0143083 and round(se[1], 6) == 2.155169
    assert "  .0143083 " in out and "  2.155169 " in out


def test_hc_output_and_e():
    s = _session()
    out, rc = _run(s, "regress y x1 x2, vce(hc3)")
    assert rc == 0
    lines = out.split("\n")
    assert lines[1].startswith("Linear regression") and "Number of obs =      40" in lines[1]
    assert "             |             Robust HC3" in lines
    assert s.e.macros["vce"] == "hc3" and s.e.macros["vcetype"] == "Robust HC3"
    assert s.e.scalars["df_r"] == 37
    se = np.sqrt(np.diag(np.asarray(REFERENCE["hc3"])))
    b = s.e.matrices["b"].values[0]
    from scipy.stats import f as f_dist, t as student_t

    row = next(ln for ln in lines if ln.strip().startswith("x1 |"))
    words = row.split()
    assert float(words[3]) == pytest.approx(se[0], rel=1e-6)
    assert float(words[5]) == pytest.approx(2 * student_t.sf(abs(b[0] / se[0]), 37), abs=6e-4)
    V = np.asarray(REFERENCE["hc3"])[:2, :2]
    F = b[:2] @ np.linalg.solve(V, b[:2]) / 2  # the Wald F over the slopes
    assert s.e.scalars["F"] == pytest.approx(F, rel=1e-9)
    assert f"F(  2,    37) = {F:7.2f}" in out and f"{f_dist.sf(F, 2, 37):.4f}" in out


def test_jackknife_output_and_e():
    s = _session()
    out, rc = _run(s, "regress y x1 x2, vce(jackknife)")
    assert rc == 0
    lines = out.split("\n")
    assert lines[:4] == ["(running regress on estimation sample)", "", "Jackknife replications (40)",
                         "----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 "]
    assert lines[4] == "." * 40 + " " * 10 + "    40"
    head = next(ln for ln in lines if ln.startswith("Linear regression"))
    j = lines.index(head)
    assert [ln[48:67].rstrip() for ln in lines[j:j + 7]] == [
        "Number of obs", "Replications", "F(   2,     39)", "Prob > F", "R-squared", "Adj R-squared", "Root MSE"]
    assert "             |              Jackknife" in lines
    e = s.e
    assert (e.macros["vce"], e.macros["vcetype"], e.macros["prefix"]) == ("jackknife", "Jackknife", "jackknife")
    assert e.scalars["df_r"] == 39 and e.scalars["N_reps"] == 40
    out, _ = _run(s, "regress")  # replay: the same header
    assert "Replications       =        40" in out
    out, _ = _run(s, "regress y x1 x2, vce(jackknife, nodots)")
    # _prefix_note exits when called with nodots: neither the note nor the dots
    assert "Jackknife replications" not in out and "(running regress" not in out and out.startswith("\nLinear")


@pytest.mark.parametrize("command, message, code", [
    ("regress y x1 x2 [aw=w], vce(jackknife)", "aweights not allowed", 101),  # jackknife.ado: without force
    ("regress y x1 x2, vce(jackknife, cluster(w x1))", "one variable only", 198),
    ("regress y x1 x2, vce(jackknife, cluster(w)) cluster(x1)",
     "option cluster() of jackknife conflicts with option cluster() of regress", 198),
    ("regress y x1 x2, vce(hc2, mse)", "vcetype 'hc2, mse' not allowed", 198),
    ("regress y x1 x2, vce(hc3 w)", "vcetype 'hc3 w' not allowed", 198),
    ("regress y x1 x2, vce(hc2) cluster(w)", "only one of cluster() or vce(hc2) is allowed", 198),
    ("regress y x1 x2, vce(jackknife) robust", "options vce() and robust may not be combined", 198)])
def test_refusals(command, message, code):
    s = _session()
    out, rc = _run(s, command)
    assert rc == code and message in out, out


def _cluster_jackknife(codes, mse=False):
    """V of y on (x1, x2, 1) by refitting without each cluster: (G-1)/G sum (b_g - bbar)(b_g - bbar)'."""
    y, x1, x2 = (np.asarray(REFERENCE[k], float) for k in ("y", "x1", "x2"))
    X = np.column_stack([x1, x2, np.ones_like(y)])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    groups = np.unique(codes)
    B = np.array([np.linalg.lstsq(X[codes != g], y[codes != g], rcond=None)[0] for g in groups])
    D = B - (b if mse else B.mean(axis=0))
    G = len(groups)
    return (G - 1) / G * D.T @ D, G


@pytest.mark.parametrize("suboptions", ["cluster(c)", "cl(c) mse nodots"])
def test_jackknife_leaving_out_each_cluster(suboptions):
    s = _session()
    _run(s, "generate c = mod(_n * 7, 9)")  # 9 clusters of unequal sizes, rows interleaved
    out, rc = _run(s, f"regress y x1 x2, vce(jackknife, {suboptions})")
    assert rc == 0, out
    V, G = _cluster_jackknife(s.data.numeric("c"), mse="mse" in suboptions)
    np.testing.assert_allclose(s.e.matrices["V"].values, V, rtol=1e-9, atol=1e-13)
    e = s.e
    assert (e.scalars["N_clust"], e.scalars["N_reps"], e.scalars["df_r"], e.scalars["N"]) == (G, G, G - 1, 40)
    # _jk_sum's r(vcetype): "Jknife *" under mse
    vcetype = "Jknife *" if "mse" in suboptions else "Jackknife"
    assert (e.macros["vce"], e.macros["vcetype"], e.macros["clustvar"]) == ("jackknife", vcetype, "c")
    from scipy.stats import f as f_dist, t as student_t

    b = e.matrices["b"].values[0]
    F = b[:2] @ np.linalg.solve(V[:2, :2], b[:2]) / 2
    assert e.scalars["F"] == pytest.approx(F, rel=1e-9)
    lines = out.split("\n")
    head = lines.index(next(ln for ln in lines if ln.startswith("Linear regression")))
    assert lines[head + 1] == " " * 48 + "Replications       =         9"
    assert lines[head + 2] == " " * 48 + f"F(   2,      8)    = {F:9.2f}"
    note = lines.index("(Replications based on 9 clusters in c)".rjust(78))
    assert lines[note - 1] == "" and lines[note + 1] == "-" * 78 and vcetype in lines[note + 2]
    se = np.sqrt(np.diag(V))
    row = next(ln for ln in lines if ln.strip().startswith("x1 |")).split()
    assert float(row[3]) == pytest.approx(se[0], rel=1e-6)
    assert float(row[5]) == pytest.approx(2 * student_t.sf(abs(b[0] / se[0]), G - 1), abs=6e-4)
    assert ("Jackknife replications (9)" in out) == ("nodots" not in suboptions)
    assert lines[head + 3] == " " * 48 + f"Prob > F           = {f_dist.sf(F, 2, G - 1):9.4f}"
    replay, _ = _run(s, "regress")
    assert "(Replications based on 9 clusters in c)" in replay and "Replications       =         9" in replay


def test_cluster_jackknife_posts_missing_for_a_replicate_without_a_regressor():
    """Leaving out the only cluster where d varies makes d collinear with the constant: that
    replicate's regress omits d and jackknife.ado's loop (_check_omit) posts missing values, so V
    comes from the other clusters' refits (test_regress_jackknife_collinear.py checks V against R)."""
    s = _session()
    _run(s, "generate c = mod(_n * 7, 9)\ngenerate d = c == 0")
    out, rc = _run(s, "regress y x1 d, vce(jackknife, cluster(c))")
    assert rc == 0, out
    assert (s.e.scalars["N_reps"], s.e.scalars["N_misreps"], s.e.scalars["df_r"]) == (8, 1, 7)
    assert "x........".ljust(50) + "     9" in out
    assert "could not be estimated in 1 jackknife replicate;" in out


@pytest.mark.parametrize("weights", ["", "[fw=f]", "[pw=f]"])
def test_observation_jackknife_posts_missing_for_a_replicate_without_a_regressor(weights):
    """A dummy for observation 1 alone: leaving it out leaves d all zero, which that replicate's
    regress omits: the loop posts missing values (``x``; the leverage formula would give 0/0).
    With a frequency of 2 the replicate keeps one copy and nothing is collinear."""
    s = _session()
    _run(s, "generate d = _n == 1\ngenerate f = 1 + (_n == 1)")
    out, rc = _run(s, f"regress y x1 d {weights}, vce(jackknife)")
    assert rc == 0, out
    n = len(REFERENCE["y"])
    if weights == "[fw=f]":
        assert s.e.scalars["N_misreps"] == 0 and "Note:" not in out
        return
    assert (s.e.scalars["N_reps"], s.e.scalars["N_misreps"], s.e.scalars["df_r"]) == (n - 1, 1, n - 2)
    assert "\nx...." in out and np.all(np.isfinite(s.e.matrices["V"].values))


def test_vcetype_is_centred_over_std_err():
    """Stata centres e(vcetype) over the 9 columns of ``Std. Err.``, an odd space and an
    overflow going left: ``Robust`` two columns in, ``Jackknife`` flush with it, the
    10-character ``Robust HC2``/``Robust HC3`` (as xtgee's ``Semirobust``) a column before it."""
    from mlmcli.render.coef_table import render_coef_table

    for label, start in (("Robust", 29), ("Jackknife", 28), ("Robust HC2", 27), ("Robust HC3", 27), ("OIM", 31)):
        lines = render_coef_table([], "y", stat_label="t", vce_label=label).split("\n")
        head = next(line for line in lines if line.rstrip().endswith(label))
        std_err = next(line for line in lines if "Std. Err." in line).index("Std. Err.")
        assert head.index(label) == start and std_err == 28

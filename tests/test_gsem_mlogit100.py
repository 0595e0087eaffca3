"""gsem's multinomial logit and gsem's weights (commands/estimation/gsem_mlogit.py,
sem/multinomial.py; weights through gsem_generalized.py).

Evidence:
* tests/gsem_mlogit_reference/brute_force.py (committed, no mlmcli): the likelihood of
  ``(i.y <- x i.d M[g]@1), mlogit`` by brute-force integration (scipy quad per group), its
  maximum (scipy.optimize), OIM standard errors, and with observation-level weights the
  pweight sandwich clustered by group -- values.json, data.csv;
* without a latent variable gsem's mlogit is mlm's ``mlogit`` (same ln L, b and V);
* fweights are replicated observations (``expand``); iweights the same point estimates;
* a gsem logit with pweights is ``melogit ... [pweight]`` (gsem's weights are meglm's level-1 weights).
"""
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "gsem_mlogit_reference"
VALUES = json.loads((REF / "values.json").read_text())
DATA = pd.read_csv(REF / "data.csv")
ORDER = ["2.y:x", "2.y:1.d", "2.y:_cons", "3.y:x", "3.y:1.d", "3.y:_cons", "var(M[g]):_cons"]
MODEL = "gsem (i.y <- x i.d M[g]@1)"


def _b(e) -> dict[str, tuple[float, float]]:
    b, V = e.matrices["b"], e.matrices["V"]
    return {n: (float(b.values[0, j]), math.sqrt(max(float(V.values[j, j]), 0.0))) for j, n in enumerate(b.colnames)}


def _run(do, text, df=None):
    rc, out, s = do(text, df=(DATA if df is None else df).copy())
    assert rc == 0, out
    return out, s


def test_likelihood_at_a_point_is_the_brute_force_integral():
    from mlmcli.sem.multinomial import MultinomialData, loglik_at

    X = np.column_stack([DATA.x, DATA.d, np.ones(len(DATA))])
    codes = DATA.y.to_numpy() - 1
    groups = DATA.g.to_numpy() - 1
    at = VALUES["ll_at"]["theta"]
    for weights, key in ((None, "ll"), (DATA.w.to_numpy(), "ll_weighted")):
        data = MultinomialData(codes, 3, 0, X, groups, weights)
        # 7-point adaptive quadrature against the exact integral
        assert loglik_at(data, np.array(at)) == pytest.approx(VALUES["ll_at"][key], rel=1e-7)
        assert loglik_at(data, np.array(at), points=15) == pytest.approx(VALUES["ll_at"][key], rel=5e-11)


def _matches(e, ref: dict, se_key: str) -> None:
    """ln L, b and the SEs (``se`` OIM or ``se_robust``) of the brute-force fit."""
    got = _b(e)
    assert e.scalars["ll"] == pytest.approx(ref["ll"], abs=5e-5)
    for name, b, se in zip(ORDER, ref["b"], ref[se_key]):
        assert got[name][0] == pytest.approx(b, abs=5e-5), name
        assert got[name][1] == pytest.approx(se, rel=1e-4), name


def test_fit_matches_brute_force_maximum_and_oim(do):
    out, s = _run(do, f"{MODEL}, mlogit")
    _matches(s.e, VALUES["unweighted"], "se")
    assert s.e.macros["family1"] == "multinomial" and s.e.macros["link1"] == "logit"
    assert s.e.macros["vce"] == "oim" and s.e.scalars["N"] == len(DATA) and s.e.scalars["k_out1"] == 3


def test_pweights_sandwich_by_group_matches_brute_force(do):
    out, s = _run(do, f"{MODEL} [pweight = w], mlogit")
    _matches(s.e, VALUES["weighted"], "se_robust")
    assert s.e.macros["vce"] == "cluster" and s.e.macros["clustvar"] == "g"
    assert s.e.scalars["N_clust"] == DATA.g.nunique()
    assert s.e.macros["wtype"] == "pweight"
    assert "Iteration 0:   log pseudolikelihood = " in out and "Log pseudolikelihood" in out and f"(Std. Err. adjusted for {DATA.g.nunique()} clusters in g)" in out
    # vce(robust) typed, and vce(cluster) by a variable constant within the groups: the same sandwich
    for vce in ("vce(robust)", "vce(cluster g2)"):
        _, s2 = _run(do, f"generate g2 = g * 10\n{MODEL} [pweight = w], mlogit {vce}")
        np.testing.assert_allclose(s2.e.matrices["V"].values, s.e.matrices["V"].values, rtol=1e-6, atol=1e-12)


def test_table_layout(do):
    out, _ = _run(do, f"{MODEL}, mlogit")
    lines = out.splitlines()
    assert " ( 1)  [2.y]M[g] = 1" in lines and " ( 2)  [3.y]M[g] = 1" in lines
    assert "1.y          |  (base outcome)" in lines
    assert "2.y <-       |" in lines and "3.y <-       |" in lines
    assert any(line.startswith("           M[g] |          1  (constrained)") or
               line.strip().startswith("M[g] |          1  (constrained)") for line in lines)
    assert any(line.strip().startswith("var(M[g]) |") for line in lines)
    assert out.index("1.y ") < out.index("2.y <-") < out.index("3.y <-") < out.index("var(M[g])")
    assert "Fitting full model:" in out
    _, s15 = _run(do, f"{MODEL}, mlogit intpoints(15) nolog")
    assert s15.e.scalars["n_quad"] == 15
    assert s15.e.scalars["ll"] == pytest.approx(VALUES["unweighted"]["ll"], abs=5e-6)  # nearer the exact integral
    out, _ = _run(do, f"{MODEL}, mlogit nolog")
    assert "Iteration" not in out and "1.y          |  (base outcome)" in out.splitlines()
    # y without i.: the same model
    _, s1 = _run(do, f"{MODEL}, mlogit")
    _, s2 = _run(do, "gsem (y <- x i.d M[g]), mlogit")
    np.testing.assert_allclose(s2.e.matrices["b"].values, s1.e.matrices["b"].values, rtol=1e-9)


def test_one_level_is_mlogit(do):
    _, s = _run(do, "gsem (i.y <- x i.d), mlogit")
    _, m = _run(do, "mlogit y x i.d, baseoutcome(1)")
    assert s.e.scalars["ll"] == pytest.approx(m.e.scalars["ll"], rel=1e-10)
    gb = _b(s.e)
    mb, mV = m.e.matrices["b"], m.e.matrices["V"]
    for j, name in enumerate(mb.colnames):
        eq, coef = name.split(":")
        if eq == "1" or coef.startswith("0b."):
            continue
        b, se = gb[f"{eq}.y:{coef}"]
        assert b == pytest.approx(float(mb.values[0, j]), abs=1e-7), name
        assert se == pytest.approx(math.sqrt(float(mV.values[j, j])), rel=1e-5), name


def test_base_outcome_of_ib_response(do):
    _, s = _run(do, "gsem (ib2.y <- x i.d), mlogit")
    names = s.e.matrices["b"].colnames
    assert any(n.startswith("1.y:") for n in names) and not any(n.startswith("2.y:") for n in names)
    _, m = _run(do, "mlogit y x i.d, baseoutcome(2)")
    assert s.e.scalars["ll"] == pytest.approx(m.e.scalars["ll"], rel=1e-10)


def test_fweights_are_replicated_observations_and_iweights_the_same_estimates(do):
    df = DATA.assign(f=1 + (DATA.index % 3))
    _, sf = _run(do, f"{MODEL} [fweight = f], mlogit", df)
    _, se = _run(do, f"expand f\n{MODEL}, mlogit", df)
    _, si = _run(do, f"{MODEL} [iweight = f], mlogit", df)
    assert sf.e.scalars["N"] == df.f.sum() and si.e.scalars["N"] == len(df)
    assert sf.e.scalars["ll"] == pytest.approx(se.e.scalars["ll"], rel=1e-9)
    for fit in (se, si):
        np.testing.assert_allclose(fit.e.matrices["b"].values, sf.e.matrices["b"].values, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se.e.matrices["V"].values, sf.e.matrices["V"].values, rtol=1e-3, atol=1e-9)


def test_gsem_logit_with_fweights_is_melogit(do):
    df = DATA.assign(hi=(DATA.y == 3).astype(float), f=1 + (DATA.index % 3))
    _, g = _run(do, "gsem (hi <- x M1[g]) [fweight = f], logit", df)
    _, m = _run(do, "melogit hi x [fweight = f] || g:", df)
    assert g.e.scalars["N"] == m.e.scalars["N"] == df.f.sum()
    assert g.e.scalars["ll"] == pytest.approx(m.e.scalars["ll"], rel=1e-10)
    assert _b(g.e)["hi:x"] == pytest.approx(_b(m.e)["hi:x"], rel=1e-8)


def test_gsem_logit_with_pweights_is_melogit(do):
    df = DATA.assign(hi=(DATA.y == 3).astype(float))
    _, g = _run(do, "gsem (hi <- x M1[g]) [pweight = w], logit", df)
    _, m = _run(do, "melogit hi x [pweight = w] || g:", df)
    assert g.e.scalars["ll"] == pytest.approx(m.e.scalars["ll"], rel=1e-9)
    gb, mb = _b(g.e), _b(m.e)
    for gname, mname in (("hi:x", "hi:x"), ("hi:_cons", "hi:_cons"), ("var(M1[g]):_cons", "var(_cons[g]):_cons")):
        assert gb[gname][0] == pytest.approx(mb[mname][0], rel=1e-6)
        assert gb[gname][1] == pytest.approx(mb[mname][1], rel=1e-5)
    assert g.e.macros["vcetype"] == "Robust"


@pytest.mark.parametrize("text, rc, message", [
    (f"{MODEL} [aweight = w], mlogit", 101, "aweights not allowed"),
    ("gsem (i.y <- x M[g]@2), mlogit", 198, "other than @1"),
    ("gsem (i.y <- x M[g])", 198, "needs family(multinomial)"),
    ("gsem (i.y <- x c.x#M[g]), mlogit", 198, "not available in mlm's gsem"),
    ("gsem (i.y <- x M[g]), mlogit intmethod(laplace)", 198, "only mvaghermite"),
    ("sem (y <- x) [pweight = w]", 101, "weights are not implemented for sem in mlmcli"),
    ("gsem (y <- x) (w <- x) [pweight = w]", 101, "several Gaussian equations"),
    (f"{MODEL}, mlogit vce(cluster d)", 459, "highest-level groups are not nested within d"),
    (f"{MODEL}, mlogit intpoints(x)", 198, "option intpoints() incorrectly specified"),
    ("gsem (y <- x M[g]) [iweight = w], poisson", 101, "iweights are not implemented for gsem in mlmcli"),
])
def test_refusals(do, text, rc, message):
    got, out, s = do(text, df=DATA.copy())
    assert got == rc and message in out, out
    assert s.e is None or s.e.cmd != "gsem"

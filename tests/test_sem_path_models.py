"""sem and gsem on generated data (tests/reference_values/sem_paths.csv) against the values
R produced (sem_reference.R: lavaan for sem, per-equation ML and a written-out sandwich for
gsem, nlme and a dense likelihood for correlated random intercepts), and against regress."""
import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).parent / "reference_values"
REF = json.loads((REF_DIR / "sem_reference.json").read_text())
DATA = pd.read_csv(REF_DIR / "sem_paths.csv")


def printed_number(x: float) -> float:
    """x as Stata's %9.0g shows it (7 significant digits at most)."""
    return float(f"{x:.7g}")


def close(a: float, b: float, digits: int = 6) -> bool:
    return math.isclose(a, b, rel_tol=10.0 ** -digits, abs_tol=10.0 ** -(digits + 2))


def b_se(session, name: str):
    e = session.e
    b, V = e.matrices["b"], e.matrices["V"]
    j = b.colnames.index(name)
    return float(b.values[0, j]), math.sqrt(max(float(V.values[j, j]), 0.0))


@pytest.fixture
def fitted(do):
    def fit(text):
        rc, out, session = do(text, df=DATA.copy())
        assert rc == 0, out
        return out, session
    return fit


def test_sem_mediation_matches_lavaan_and_prints_statas_layout(fitted):
    out, s = fitted("sem (write <- math) (science <- write math)")
    r = REF["sem_mediation"]
    est = {(lhs, op, rhs): (e, se) for lhs, op, rhs, e, se in zip(r["lhs"], r["op"], r["rhs"], r["est"], r["se"])}
    for name, key in [("write:math", ("write", "~", "math")), ("science:write", ("science", "~", "write")),
                      ("science:math", ("science", "~", "math")), ("write:_cons", ("write", "~1", "")),
                      ("science:_cons", ("science", "~1", "")), ("var(e.write):_cons", ("write", "~~", "write")),
                      ("var(e.science):_cons", ("science", "~~", "science"))]:
        b, se = b_se(s, name)
        assert close(b, est[key][0]) and close(se, est[key][1]), name
    assert close(s.e.scalars["ll"], r["ll_joint"], 9)
    assert s.e.scalars["df_ms"] == r["df"] == 0
    assert "Structural equation model                       Number of obs      =       273" in out
    assert "Estimation method  = ml" in out
    assert f"Log likelihood     = {r['ll_joint']:.6g}" in out
    assert re.search(r"^Structural   \|$", out, re.M) and "  write <-   |" in out
    assert "var(e.write) |   41.19229   3.525734                      34.83051    48.71605" in out
    # a label longer than the 12-column name column is abbreviated up to the bar, as
    # Stata prints var(e.job_~k)|
    assert "var(e.scie~e)|   39.07863" in out
    assert "LR test of model vs. saturated: chi2(0)   =      0.00, Prob > chi2 =      ." in out
    assert "Observed:  write science" in out and "Observed:  math" in out


def test_sem_coefficients_are_per_equation_least_squares(fitted, do):
    _, s = fitted("sem (write <- math) (science <- write math), nolog")
    rc, _, reg = do("regress science write math", df=DATA.copy())
    n, k = len(DATA), 3
    for x in ("write", "math", "_cons"):
        b, se = b_se(s, f"science:{x}")
        b_ols, se_ols = b_se(reg, x)
        assert close(b, b_ols, 9)
        assert close(se, se_ols * math.sqrt((n - k) / n), 8)  # ML variance RSS/N
    rss = reg.e.scalars["rss"] if "rss" in reg.e.scalars else None
    if rss is not None:
        assert close(b_se(s, "var(e.science):_cons")[0], rss / n, 9)


def test_sem_crosslagged_panel_lr_test_against_lavaan(fitted):
    out, s = fitted("sem (y2 <- y1 x1 w1) (x2 <- x1 y1 w1) (y3 <- y2 x2 w2) (x3 <- x2 y2 w2)")
    r = REF["sem_crosslag"]
    assert close(s.e.scalars["ll"], r["ll_joint"], 9)
    assert close(s.e.scalars["chi2_ms"], r["chi2"], 6) and s.e.scalars["df_ms"] == r["df"] == 10
    for lhs, op, rhs, est, se_r in zip(r["lhs"], r["op"], r["rhs"], r["est"], r["se"]):
        name = {"~": f"{lhs}:{rhs}", "~1": f"{lhs}:_cons", "~~": f"var(e.{lhs}):_cons"}[op]
        if op == "~~" and lhs != rhs or lhs in ("y1", "x1", "w1", "w2"):
            continue  # the fixed error covariance and the exogenous moments sem does not report
        b, se = b_se(s, name)
        assert close(b, est, 4) and close(se, se_r, 4), name  # lavaan iterates to ~1e-6
    for eq, ref in REF["crosslag_lm"].items():  # exact: least squares with the ML variance
        for x, est, se_r in zip(ref["names"], ref["b"], ref["se"]):
            b, se = b_se(s, f"{eq}:{'_cons' if x == '(Intercept)' else x}")
            assert close(b, est, 9) and close(se, se_r, 9), (eq, x)
        assert close(b_se(s, f"var(e.{eq}):_cons")[0], ref["s2"], 9)
    assert "LR test of model vs. saturated: chi2(10)  =     18.02, Prob > chi2 = 0.0547" in out


def test_gsem_without_latents_conditional_likelihood_and_cluster_vce(fitted):
    r = REF["gsem_fixed"]
    out, s = fitted("gsem (write <- math) (science <- write math)")
    assert close(s.e.scalars["ll"], r["ll"], 9)
    names = ["write:math", "write:_cons", "var(e.write):_cons", "science:write", "science:math",
             "science:_cons", "var(e.science):_cons"]
    order = [0, 1, 2, 3, 4, 5, 6]  # R: write (math, _cons, s2), science (write, math, _cons, s2)
    for name, j in zip(names, order):
        assert close(b_se(s, name)[1], r["se_oim"][j]), name
    assert "Generalized structural equation model" in out and "Log likelihood = -1782.6328" in out
    assert "Structural" not in out and "LR test" not in out
    out, s = fitted("gsem (write <- math) (science <- write math), vce(cluster cid)")
    for name, j in zip(names, order):
        assert close(b_se(s, name)[1], r["se_cluster"][j]), name
    assert s.e.scalars["N_clust"] == r["n_clust"] and s.e.macros["vcetype"] == "Robust"
    assert "(Std. Err. adjusted for 25 clusters in cid)" in out and "|                 Robust" in out


def test_gsem_correlated_random_intercepts_against_r(fitted):
    out, s = fitted("gsem (write <- math M1[cid]) (science <- write math M2[cid]), nolog")
    r = REF["gsem_latent"]
    names = ["write:math", "write:_cons", "science:write", "science:math", "science:_cons",
             "var(M1[cid]):_cons", "var(M2[cid]):_cons", "cov(M2[cid],M1[cid]):_cons",
             "var(e.write):_cons", "var(e.science):_cons"]
    for name, value, se in zip(names, r["phi"], r["se"]):
        b, s_ = b_se(s, name)
        assert close(b, value, 6) and close(s_, se, 5), name
    assert close(s.e.scalars["ll"], r["ll"], 10) and close(r["ll"], r["ll_nlme"], 10)
    assert b_se(s, "write:M1[cid]") == (1.0, 0.0)
    assert "     M1[cid] |          1  (constrained)" in out
    assert "cov(M2[cid], |\n    M1[cid]) |" in out
    # every printed estimate and standard error equals R's to the last digit (%9.0g)
    from mlmcli.render.numfmt import format_number

    lines = out.splitlines()
    for name, value, se in zip(names, r["phi"], r["se"]):
        text = format_number(value, "%9.0g").strip() + " " * 0
        row = [ln for ln in lines if f" {text} " in ln]
        assert row and format_number(se, "%9.0g").strip() in row[0], (name, text)


def test_nlcom_reads_equation_coefficients(fitted, run):
    _, s = fitted("gsem (write <- math) (science <- write math), nolog")
    printed, rc = run(s, "nlcom _b[science:write]*_b[write:math]")
    assert rc == 0
    b = s.e.matrices["b"]
    prod = b.values[0, b.colnames.index("science:write")] * b.values[0, b.colnames.index("write:math")]
    assert f"{prod:.7f}"[:8].lstrip("0") in printed
    printed, rc = run(s, "test _b[science:write] = 0")
    assert rc == 0
    chi2_one = float(re.search(r"chi2\(  1\) = +([0-9.]+)", printed).group(1))
    # a coefficient list of [eq]name terms: each = 0 (Stata's test [eq]coef [eq]coef)
    printed, rc = run(s, "test [science]write [science]math")
    assert rc == 0, printed
    assert " ( 1)  [science]write = 0\n ( 2)  [science]math = 0" in printed
    assert s.r["df"] == 2 and s.r["chi2"] > chi2_one
    # lincom heads its table with e(depvar) only when that is one variable (lincom.ado's depn())
    printed, rc = run(s, "lincom [science]write + [write]math")
    assert rc == 0
    assert "\n             |      Coef." in printed and "scie~e" not in printed


@pytest.mark.parametrize("text, message", [
    ("sem (write <- math), method(mlmv)", "method(mlmv) not available"),
    ("sem (write <- math), standardized", "option standardized not allowed"),
    ("sem (F -> write science math), method(adf)", "method(adf) not available"),  # fitted by sem_latent otherwise
    ("sem (write <- math M1[cid])", "only with gsem"),
    ("gsem (write <- math, nbreg)", "option nbreg not allowed"),  # logit: the me engine (test_gsem_glm99)
    ("gsem (write <- math M1[cid]) (science <- M1[cid])", "shared by several equations"),
    ("sem (write <- science) (science <- write)", "nonrecursive"),
    ("sem (write <- nosuchvar)", "not found"),
    ("gsem (write <- math -> science)", "more than one arrow"),
])
def test_refusals_are_stata_errors(do, text, message):
    rc, out, _ = do(text, df=DATA.copy())
    assert rc in (198, 111) and message in out


def test_gsem_independent_random_intercepts_equal_two_mixed_fits(fitted, do):
    """cov(M1[cid]*M2[cid]@0): the likelihood separates into two random-intercept models."""
    _, s = fitted("gsem (write <- math M1[cid]) (science <- write math M2[cid]), nolog cov(M1[cid]*M2[cid]@0)")
    assert not any(n.startswith("cov(") for n in s.e.matrices["b"].colnames)
    total = 0.0
    for eq, rhs, latent in (("write", "math", "M1[cid]"), ("science", "write math", "M2[cid]")):
        rc, out, m = do(f"mixed {eq} {rhs} || cid:, nolog", df=DATA.copy())
        assert rc == 0, out
        total += m.e.scalars["ll"]
        mb = m.e.matrices["b"]
        for x in rhs.split() + ["_cons"]:
            assert close(b_se(s, f"{eq}:{x}")[0], float(mb.values[0, mb.colnames.index(f"{eq}:{x}")]), 6)
        # mixed posts ln(sd); var = exp(2 lns1_1_1)
        lns = float(mb.values[0, mb.colnames.index("lns1_1_1:_cons")])
        assert close(b_se(s, f"var({latent}):_cons")[0], math.exp(2 * lns), 5)
    assert close(s.e.scalars["ll"], total, 9)


def test_gsem_robust_with_random_intercepts_clusters_at_their_level(fitted):
    out_r, s_r = fitted("gsem (write <- math M1[cid]) (science <- write math M2[cid]), nolog vce(robust)")
    out_c, s_c = fitted("gsem (write <- math M1[cid]) (science <- write math M2[cid]), nolog vce(cluster cid)")
    assert np.allclose(s_r.e.matrices["V"].values, s_c.e.matrices["V"].values)
    assert "(Std. Err. adjusted for 25 clusters in cid)" in out_r


def test_gsem_cluster_must_nest_the_latent_level(do):
    df = DATA.copy()
    df["other"] = np.arange(len(df)) % 7
    rc, out, _ = do("gsem (write <- math M1[cid]) (science <- write math M2[cid]), nolog vce(cluster other)", df=df)
    assert rc == 198 and "cid is not nested within other" in out


def test_missing_values_and_if_restrict_the_sample(do):
    df = DATA.copy()
    df.loc[[0, 5], "math"] = np.nan
    rc, out, s = do("sem (write <- math) (science <- write math) if cid < 20, nolog", df=df)
    assert rc == 0 and s.e.scalars["N"] == int(((DATA.cid < 20) & df.math.notna()).sum())
    rc, out, _ = do("sem (write <- math) if cid > 100", df=df)
    assert rc == 2000 and "no observations" in out


def test_fit_object_implements_the_estimation_interface(fitted, run):
    from mlmcli.estimation.interface import EstimationFit, MultilevelFit

    _, s = fitted("gsem (write <- math M1[cid]) (science <- write math M2[cid]), nolog")
    fit = s.e.model
    assert isinstance(fit, EstimationFit) and not isinstance(fit, MultilevelFit)
    b, V = fit.e_matrices()
    assert b.colnames == s.e.matrices["b"].colnames and np.array_equal(V.values, s.e.matrices["V"].values)
    printed, rc = run(s, "predict p")
    assert rc == 198 and "not available" in printed  # refused, never a wrong number
    printed, rc = run(s, "estimates store m\nestimates table m")
    assert rc == 0 and "M1[cid]" in printed


def test_by_prefix_fits_each_group(do):
    df = DATA.copy()
    df["g"] = (df.cid > 12).astype(int)
    rc, out, s = do("by g, sort: sem (write <- math) (science <- write math), nolog", df=df)
    assert rc == 0 and out.count("Structural equation model") == 2
    assert s.e.scalars["N"] == int((df.g == 1).sum())

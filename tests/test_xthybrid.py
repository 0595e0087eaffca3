"""``xthybrid`` (Schunck & Perales, SSC): hybrid and correlated random-effects models around meglm.
Numbers against lme4 fits of the same generated means/deviations (tests/xthybrid_reference/:
hybrid_lme4.R and its output); the layout follows xthybrid.ado 1.2.0's display lines and
est_table.ado's style(columns)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "xthybrid_reference"


@pytest.fixture(scope="module")
def df():
    return pd.read_csv(REF / "hybrid_data.csv").astype(float)


@pytest.fixture(scope="module")
def ref():
    out: dict = {}
    for line in (REF / "hybrid_lme4.txt").read_text().splitlines():
        parts = line.split()
        out[tuple(parts[:-1])] = float(parts[-1])
    return out


def _cells(out: str, name: str) -> list[str]:
    """The values under a row name of the columns-style table (b, then se/p lines)."""
    lines = out.split("\n")
    i = next(k for k, l in enumerate(lines) if l.startswith("| ") and l[2:22].strip() == name)
    vals = [lines[i].split("|")[2].strip()]
    for l in lines[i + 1:]:
        if l.startswith("| " + " " * 20 + " |") and l.split("|")[2].strip():
            vals.append(l.split("|")[2].strip())
        else:
            break
    return vals


def test_hybrid_numbers_and_layout(do, df, ref):
    rc, out, s = do("xthybrid y x1 x2 z, clusterid(id) test se", df=df)
    assert rc == 0, out
    lines = out.split("\n")
    assert lines[:6] == ["", "The variable 'z' does not vary sufficiently within clusters",
                         "and will not be used to create additional regressors.",
                         "[~0% of the total variance in 'z' is within clusters]", "",
                         "Hybrid model. Family: gaussian. Link: identity."]
    rule = "+-" + "-" * 20 + "-+-" + "-" * 10 + "-+"
    assert lines[6:10] == ["", rule, "|             Variable |   model    |", rule]
    for name in ("R__z", "W__x1", "W__x2", "B__x1", "B__x2"):
        b, se = _cells(out, name)
        assert float(b) == pytest.approx(ref[("gauss", "b", name)], abs=6e-5)
        assert float(se) == pytest.approx(ref[("gauss", "se", name)], abs=6e-5)
    b, _ = _cells(out, "_cons")
    assert float(b) == pytest.approx(ref[("gauss", "b", "(Intercept)")], abs=6e-5)
    lines_after = lines[next(k for k, l in enumerate(lines) if l.startswith("| var(_cons[id]) ")) + 1]
    assert float(lines_after.split("|")[2]) == pytest.approx(ref[("gauss", "var_cons")], abs=6e-5)
    for stat in ("ll", "chi2", "aic", "bic"):
        assert float(_cells(out, stat)[0]) == pytest.approx(ref[("gauss", stat)], abs=6e-4)
    # the generated variables appear in the ado-file's order: R__, W__, B__
    order = [l[2:22].strip() for l in lines if l.startswith("| ") and l[2:22].strip().startswith(("R__", "W__", "B__"))]
    assert order == ["R__z", "W__x1", "W__x2", "B__x1", "B__x2"]
    assert "Level 1: 320 units. Level 2: 40 units." in lines
    i = lines.index("Tests of the random effects assumption:")
    assert lines[i - 1] == ""
    for k, var in enumerate(("x1", "x2")):
        text = lines[i + 1 + k]
        assert text.startswith(f"  _b[B__{var}] = _b[W__{var}]; p-value: ")
        assert float(text.split()[-1]) == pytest.approx(ref[("gauss", "test", f"B__{var}")], abs=6e-5)
    # the data come back as they were; e() and the stored model stay
    assert list(s.data.varnames) == list(df.columns)
    assert "model" in s.estimates
    assert s.e.macros.get("cmd") == "meglm"


def test_cre(do, df, ref):
    rc, out, s = do("xthybrid y x1 x2 z, clusterid(id) cre test se p", df=df)
    assert rc == 0, out
    assert "Correlated random effects model. Family: gaussian. Link: identity." in out
    for name in ("W__x1", "W__x2", "D__x1", "D__x2"):
        b, se, p = _cells(out, name)
        assert float(b) == pytest.approx(ref[("cre", "b", name)], abs=6e-5)
        assert float(se) == pytest.approx(ref[("cre", "se", name)], abs=6e-5)
    for var in ("x1", "x2"):
        line = next(l for l in out.split("\n") if l.startswith(f"  _b[D__{var}] = 0; p-value: "))
        assert float(line.split()[-1]) == pytest.approx(ref[("cre", "test", f"D__{var}")], abs=6e-5)
    assert " " * 23 + "legend: b/se/p" in out.split("\n")


def test_logit_family(do, df, ref):
    rc, out, _ = do("xthybrid yb x1 x2 z, clusterid(id) family(bernoulli) link(logit) test", df=df)
    assert rc == 0, out
    assert "Hybrid model. Family: bernoulli. Link: logit." in out
    # meglm's 7-point adaptive quadrature against lme4's 30 points
    for name in ("R__z", "W__x1", "W__x2", "B__x1", "B__x2"):
        assert float(_cells(out, name)[0]) == pytest.approx(ref[("logit", "b", name)], abs=2e-3)
    assert float(_cells(out, "ll")[0]) == pytest.approx(ref[("logit", "ll")], abs=2e-3)


def test_star_columns_and_keepvars(do, df):
    rc, out, s = do("xthybrid y x1 x2 z, clusterid(id) star keepvars", df=df)
    assert rc == 0, out
    assert "legend: * p<0.05; ** p<0.01; *** p<0.001" in out
    assert "|                W__x1 |     0.5014*** |" in out
    assert out.rstrip("\n").endswith("Please remember to remove any variables beginning with the prefix B__, "
                                      "W__ or R__ from the data before executing xthybrid again")
    names = list(s.data.varnames)
    assert [n for n in names if n.startswith(("B__", "W__", "R__"))] == ["B__x1", "W__x1", "B__x2", "W__x2", "R__z"]
    assert not any(n.startswith("__") for n in names)
    d = s.data
    x1, b1, g = d.numeric("x1"), d.numeric("B__x1"), d.numeric("id")
    means = pd.Series(x1).groupby(g).transform("mean").to_numpy()
    assert np.allclose(b1, means) and np.allclose(d.numeric("W__x1"), x1 - means)


def test_messages_and_refusals(do, df):
    rc, out, s = do("xthybrid y x1, clusterid(id) family(weibull)", df=df)
    assert rc == 0 and out.strip() == ("The option 'family' supports the following: gaussian, bernoulli, "
                                       "binomial, gamma, nbinomial, ordinal, poisson.")
    rc, out, _ = do("xthybrid y x1, clusterid(id) link(cauchit)", df=df)
    assert rc == 0 and "The option 'link' supports the following: identity, log, logit, probit, cloglog." in out
    rc, out, _ = do("xthybrid z x1, clusterid(id)", df=df)
    assert rc == 0 and "The dependent variable (z) does not vary within clusters." in out
    rc, out, _ = do("xthybrid y x1, clusterid(id) nonlinearities(quadratic)", df=df)
    assert rc == 198 and "nonlinearities() is not implemented" in out
    rc, out, _ = do("xthybrid y x1 x2, clusterid(id) randomslope(x1 x2)", df=df)
    assert rc == 198
    rc, out, _ = do("xthybrid y x1", df=df)
    assert rc == 198 and "option clusterid() required" in out
    rc, out, s = do("generate B__a = 1\nxthybrid y x1, clusterid(id)", df=df)
    assert rc == 9999 and "Please rename these variables prior to executing xthybrid" in out
    rc, out, s = do("xthybrid y x1 if id > 99, clusterid(id)", df=df)
    assert rc == 2000
    assert list(s.data.varnames) == list(df.columns)


def test_estimates_table_style_columns(do, df):
    """est_table's ChkStyle columns: "| " before the names, " |" closing each column, +-rules."""
    rc, out, _ = do("quietly regress y x1\nestimates store a\nquietly regress y x2\nestimates store b\n"
                    "estimates table a b, style(col) b(%7.3f) stats(N) varwidth(8)", df=df)
    assert rc == 0, out
    X = np.column_stack([df.x1, np.ones(len(df))])
    ba = np.linalg.lstsq(X, df.y.to_numpy(), rcond=None)[0]
    X = np.column_stack([df.x2, np.ones(len(df))])
    bb = np.linalg.lstsq(X, df.y.to_numpy(), rcond=None)[0]
    rule = "+-" + "-" * 8 + "-+-" + "-" * 7 + "-+-" + "-" * 7 + "-+"
    lines = out.rstrip("\n").split("\n")[-10:]
    assert lines == ["", rule, "| Variable |    a    |    b    |", rule,
                     f"|       x1 | {ba[0]:7.3f} |         |", f"|       x2 |         | {bb[0]:7.3f} |",
                     f"|    _cons | {ba[1]:7.3f} | {bb[1]:7.3f} |", rule, "|        N |     320 |     320 |", rule]


def _within_share(x: np.ndarray, g: np.ndarray) -> int:
    """floor((1 - rho)*100) of the intercept-only random-effects model, Swamy-Arora (balanced
    panels): sigma_e^2 = SSW/(N - n), sigma_u^2 = var(cluster means) - sigma_e^2/T."""
    s = pd.Series(x)
    means = s.groupby(g).mean()
    n, N = len(means), len(x)
    se2 = ((s - s.groupby(g).transform("mean")) ** 2).sum() / (N - n)
    su2 = max(means.var(ddof=1) - se2 / (N / n), 0.0)
    return int(np.floor((1 - su2 / (su2 + se2)) * 100))


def test_percentage_use_and_t(do, df):
    d = df.copy()
    d["w"] = d.x2 + 3 * d.z
    share = _within_share(d.w.to_numpy(), d.id.to_numpy())
    assert 0 < share < 30  # the data make w mostly between clusters
    rc, out, _ = do("xthybrid y x1 w z, clusterid(id) percentage(30) t stats(N ll)", df=d)
    assert rc == 0, out
    lines = out.split("\n")
    i = lines.index("The variable 'w' does not vary sufficiently within clusters")
    assert lines[i + 1:i + 3] == ["and will not be used to create additional regressors.",
                                  f"[~{share}% of the total variance in 'w' is within clusters]"]
    assert "|                 R__w |" in out and "B__w" not in out
    assert "|                    N |        320 |" in out and " " * 26 + "legend: b/t" in lines
    rc, out, _ = do("xthybrid y x1 x2 z, clusterid(id) use(x1) test", df=d)
    assert rc == 0, out
    assert "R__x2" in out and "W__x2" not in out
    assert [l for l in out.split("\n") if l.startswith("  _b[")][0].startswith("  _b[B__x1] = _b[W__x1]")


def test_full_and_iterations_skip_the_summary(do, df):
    rc, out, _ = do("xthybrid y x1 x2, clusterid(id) full", df=df)
    assert rc == 0 and "Mixed-effects GLM" in out and "Hybrid model." not in out
    rc, out, _ = do("xthybrid y x1 x2, clusterid(id) iterations", df=df)
    assert rc == 0 and "Fitting full model:" in out and "Level 1:" not in out


def test_nlswork(do, shared_dir):
    """nlswork (../shared): against lme4 on the same sample (xthybrid_reference/nlswork_lme4.R)."""
    path = shared_dir / "data" / "stata" / "nlswork.dta"
    if not path.is_file():
        pytest.skip("nlswork.dta is not in ../shared")
    ref: dict = {}
    for line in (REF / "nlswork_lme4.txt").read_text().splitlines():
        parts = line.split()
        ref[tuple(parts[:2]) if len(parts) > 2 else (parts[0],)] = [float(v) for v in parts[-2 if parts[0] == "test" else -1:]]
    rc, out, _ = do(f'use "{path}", clear\nxthybrid ln_wage union hours race, clusterid(idcode) test se')
    assert rc == 0, out
    for name in ("R__race", "W__union", "W__hours", "B__union", "B__hours"):
        b, se = _cells(out, name)
        assert float(b) == pytest.approx(ref[("b", name)][0], abs=6e-5)
        assert float(se) == pytest.approx(ref[("se", name)][0], abs=6e-5)
    assert float(_cells(out, "ll")[0]) == pytest.approx(ref[("ll",)][0], abs=6e-4)
    assert f"Level 1: {int(ref[('N',)][0])} units. Level 2: {int(ref[('groups',)][0])} units." in out
    assert "  _b[B__union] = _b[W__union]; p-value: 0.0000" in out
    assert "  _b[B__hours] = _b[W__hours]; p-value: 0.0000" in out

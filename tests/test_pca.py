"""``pca``, ``rotate``, ``estat`` and ``predict`` after pca against R (eigen, prcomp,
varimax, promax, psych::KMO and psych::smc: tests/multivariate_reference/reference.R and its
values) and a published Stata log (Holzinger & Swineford's x1-x3, pca's two tables)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "multivariate_reference"
REF = json.loads((REF_DIR / "reference_values.json").read_text())


@pytest.fixture
def items():
    return pd.read_csv(REF_DIR / "items.csv").astype(float)


def _same_columns_up_to_order(a, b, atol):
    a, b = np.asarray(a), np.asarray(b)
    for j in range(a.shape[1]):
        assert any(np.allclose(a[:, j], s * b[:, i], atol=atol) for i in range(b.shape[1]) for s in (1, -1)), j


def test_pca_matches_a_published_stata_log(do):
    """'PCA by hand' (a blog's Stata log of ``pca visual-paper`` on lavaan's 301 children)."""
    df = pd.read_csv(REF_DIR / "holzinger_x1_x3.csv").rename(columns={"x1": "visual", "x2": "cubes", "x3": "paper"})
    rc, out, s = do("pca visual-paper", df=df)
    assert rc == 0, out
    lines = out.splitlines()
    start = lines.index("Principal components/correlation                 Number of obs    =        301")
    assert lines[start:start + 25] == [
        "Principal components/correlation                 Number of obs    =        301",
        "                                                 Number of comp.  =          3",
        "                                                 Trace            =          3",
        "    Rotation: (unrotated = principal)            Rho              =     1.0000",
        "",
        "    --------------------------------------------------------------------------",
        "       Component |   Eigenvalue   Difference         Proportion   Cumulative",
        "    -------------+------------------------------------------------------------",
        "           Comp1 |       1.7221      .999352             0.5740       0.5740",
        "           Comp2 |      .722752       .16761             0.2409       0.8150",
        "           Comp3 |      .555143            .             0.1850       1.0000",
        "    --------------------------------------------------------------------------",
        "",
        "Principal components (eigenvectors)",
        "",
        "    ----------------------------------------------------------",
        "        Variable |    Comp1     Comp2     Comp3 | Unexplained",
        "    -------------+------------------------------+-------------",
        "          visual |   0.5900   -0.4802    0.6491 |           0",
        "           cubes |   0.5297    0.8369    0.1377 |           0",
        "           paper |   0.6093   -0.2626   -0.7482 |           0",
        "    ----------------------------------------------------------",
    ][:25]


def test_pca_eigen_against_r(do, items):
    rc, out, s = do("pca q1-q6", df=items)
    assert rc == 0, out
    e = s.e
    np.testing.assert_allclose(e.matrices["Ev"].values[0], REF["pca_eigenvalues"], atol=1e-10)
    np.testing.assert_allclose(e.matrices["Ev"].values[0], REF["prcomp_sdev2"], atol=1e-10)
    # Stata's sign convention (pcamat.ado: eigenvectors "signed positively, i.e., with e'1 > 0")
    np.testing.assert_allclose(e.matrices["L"].values, REF["pca_vectors"], atol=1e-10)
    assert (e.matrices["L"].values.sum(axis=0) > 0).all()
    assert e.scalars["trace"] == 6 and e.scalars["rho"] == pytest.approx(1.0)
    assert e.macros["Ctype"] == "correlation" and e.macros["predict"] == "pca_p"


def test_pca_covariance_and_retention(do, items):
    rc, out, s = do("pca q1-q6, cov components(2)", df=items)
    assert rc == 0, out
    ev = np.asarray(REF["pcacov_eigenvalues"])
    np.testing.assert_allclose(s.e.matrices["Ev"].values[0], ev, rtol=1e-10)
    assert s.e.scalars["f"] == 2
    assert s.e.scalars["rho"] == pytest.approx(ev[:2].sum() / ev.sum(), abs=1e-12)
    C = np.cov(items.to_numpy(), rowvar=False)
    L = s.e.matrices["L"].values
    np.testing.assert_allclose(s.e.matrices["Psi"].values[0], np.diag(C - L @ np.diag(ev[:2]) @ L.T), atol=1e-9)
    rc, out, s = do("pca q1-q6, mineigen(1)", df=items)
    assert s.e.scalars["f"] == 2  # eigenvalues 2.61 1.51 0.65 ...


def test_predict_scores_against_r(do, items):
    rc, out, s = do("pca q1-q6, comp(2)\npredict s1 s2", df=items)
    assert rc == 0, out
    assert "(score assumed)" in out and "Scoring coefficients" in out
    got = np.column_stack([s.data.numeric("s1"), s.data.numeric("s2")])[:5]
    np.testing.assert_allclose(got, REF["pca_scores_head"], rtol=1e-6)  # float variables
    assert s.data.var_labels["s1"] == "Scores for component 1"


def test_predict_fit_residual_q(do, items):
    rc, out, s = do("pca q1-q6, comp(2)\npredict f*, fit\npredict r*, residual\npredict qq, q", df=items)
    assert rc == 0, out
    X = items.to_numpy()
    Z = (X - X.mean(0)) / X.std(0, ddof=1)
    V = np.asarray(REF["pca_vectors"])[:, :2]
    fitted = X.mean(0) + X.std(0, ddof=1) * (Z @ V @ V.T)
    np.testing.assert_allclose(s.data.numeric("f1"), fitted[:, 0], rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("r3"), X[:, 2] - fitted[:, 2], atol=1e-5)
    np.testing.assert_allclose(s.data.numeric("qq"), ((Z - Z @ V @ V.T) ** 2).sum(1), rtol=1e-6)


def test_rotate_varimax_against_r(do, items):
    rc, out, s = do("pca q1-q6, comp(2)\nrotate", df=items)
    assert rc == 0, out
    _same_columns_up_to_order(s.e.matrices["r_L"].values, REF["varimax_raw"], 1e-6)
    assert "Rotation: orthogonal varimax (Kaiser off)" in out and "Component rotation matrix" in out
    assert s.e.macros["r_criterion"] == "varimax" and s.e.macros["r_normalization"] == "none"
    rc, out, s = do("pca q1-q6, comp(2)\nrotate, normalize", df=items)
    _same_columns_up_to_order(s.e.matrices["r_L"].values, REF["varimax_normalize"], 1e-6)
    r_L, C = s.e.matrices["r_L"].values, s.e.matrices["C"].values
    np.testing.assert_allclose(s.e.matrices["r_Ev"].values[0], np.diag(r_L.T @ C @ r_L), atol=1e-12)
    assert (np.diff(s.e.matrices["r_Ev"].values[0]) <= 0).all()


def test_rotate_promax_against_r(do, items):
    rc, out, s = do("pca q1-q6, comp(2)\nrotate, promax normalize", df=items)
    assert rc == 0, out
    _same_columns_up_to_order(s.e.matrices["r_L"].values, REF["promax3"], 1e-6)
    assert "Rotation: oblique promax (Kaiser on)" in out and "Rotated comp. are correlated" in out


def test_estat_kmo_smc_against_psych(do, items):
    rc, out, s = do("pca q1-q6\nestat kmo", df=items)
    assert rc == 0, out
    assert s.r["kmo"] == pytest.approx(REF["kmo"], abs=1e-10)
    np.testing.assert_allclose(s.r["kmow"].values[:6, 0], REF["kmo_items"], atol=1e-10)
    assert "    -------------+---------\n         Overall |  0.7019" in out
    rc, out, s = do("pca q1-q6\nestat smc", df=items)
    np.testing.assert_allclose(s.r["smc"].values[:, 0], REF["smc"], atol=1e-10)
    assert "Squared multiple correlations of variables with all other variables" in out


def test_estat_loadings_normalizations(do, items):
    rc, out, s = do("pca q1-q6, comp(2)\nestat loadings, cnorm(eigen)", df=items)
    assert rc == 0, out
    V, ev = np.asarray(REF["pca_vectors"])[:, :2], np.asarray(REF["pca_eigenvalues"])[:2]
    np.testing.assert_allclose(s.r["A"].values, V * np.sqrt(ev), atol=1e-10)
    assert "    component normalization: sum of squares(column) = eigenvalue" in out


@pytest.mark.parametrize("command, message, code", [
    ("pca q1", "too few variables specified", 102),
    ("pca q1 q2, comp(3)", "components() should be between 1 and 2", 125),
    ("pca q1 q2, cor cov", "options correlation and covariance are exclusive", 198),
    ("pca q1 q2 if q1 > 100", "no observations", 2000),
    ("pca q1 q2 [fw=q1]", "not implemented", 199),
    ("pca", "last estimates not found", 301),
    ("pca q1 q2 q3\nrotate, equamax", "not implemented", 199),
    ("pca q1 q2 q3, comp(1)\npredict a b, fit", "number of new variables should equal number of variables in pca", 102),
])
def test_pca_errors(do, items, command, message, code):
    rc, out, s = do(command, df=items)
    assert rc == code and message in out, out


def test_pca_drops_constant_variable(do, items):
    rc, out, s = do("pca q1 q2 c", df=items.assign(c=2.0))
    assert rc == 0 and "(c dropped because of zero variance)" in out
    assert s.e.matrices["C"].rownames == ("q1", "q2")


def test_estat_residuals_are_c_minus_the_fit(do, items):
    rc, out, s = do("pca q1-q6, comp(2)\nestat residuals, obs fitted", df=items)
    assert rc == 0, out
    V, ev = np.asarray(REF["pca_vectors"])[:, :2], np.asarray(REF["pca_eigenvalues"])[:2]
    fit = V @ np.diag(ev) @ V.T
    np.testing.assert_allclose(s.r["fit"].values, fit, atol=1e-10)
    np.testing.assert_allclose(s.r["residual"].values, items.corr().to_numpy() - fit, atol=1e-10)
    for title in ("Observed correlation matrix", "Fitted correlation matrix", "Residual correlation matrix"):
        assert title in out
    rc, out, s = do("pca q1-q6\nestat rotatecompare", df=items)
    assert rc == 199


@pytest.mark.parametrize("options, key", [
    ("oblimin oblique", "oblimin0_oblique"),
    ("quartimax", "quartimax"),
    ("oblimin(0.5)", "oblimin05_orthogonal"),
])
def test_rotate_gradient_projection_against_gparotation(do, items, options, key):
    rc, out, s = do(f"pca q1-q6, comp(3)\nrotate, {options}", df=items)
    assert rc == 0, out
    _same_columns_up_to_order(s.e.matrices["r_L"].values, REF[key], 1e-5)
    assert s.e.macros["r_class"] == ("oblique" if "oblique" in options else "orthogonal")

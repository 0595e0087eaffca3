"""biplot ([MV] biplot; biplot.ado 1.1.0, _biplotmat.ado 1.3.0): the coordinates of the
observations and variables against numpy's singular value decomposition of the centred (or
standardized) data with the ado's sign rule, scaled by alpha; the arrows and points read back from
matplotlib, the explained variances printed and stored, the options and errors."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import all_texts, artists, axes, double_session, figure, legend_texts, line_xy, run, segments

N = 30


@pytest.fixture()
def s():
    rng = np.random.default_rng(4)
    a = rng.normal(size=N)
    return double_session({"a": a, "b": a + rng.normal(size=N), "c": rng.normal(size=N),
                           "d": rng.normal(size=N) - a, "k": np.full(N, 2.0)})


def _expected(X, alpha=0.5, std=False, dims=(0, 1)):
    Z = X - X.mean(axis=0)
    if std:
        Z = Z / X.std(axis=0, ddof=1)
    A, sv, Bt = np.linalg.svd(Z, full_matrices=False)
    B = Bt.T
    for k in range(A.shape[1]):  # the first element above 1e-10 of each column of A made positive
        first = A[np.flatnonzero(np.abs(A[:, k]) > 1e-10)[0], k]
        if first < 0:
            A[:, k], B[:, k] = -A[:, k], -B[:, k]
    i, j = dims
    U = A[:, [i, j]] * sv[[i, j]] ** alpha
    V = B[:, [i, j]] * sv[[i, j]] ** (1 - alpha)
    rho = sv ** 2 / (sv ** 2).sum()
    return U, V, rho[i], rho[j]


def _data(s, names=("a", "b", "c", "d")):
    return np.column_stack([s.data.numeric(v) for v in names])


def test_biplot_default(s):
    out, rc = run(s, "biplot a b c d")
    assert rc == 0, out
    U, V, rho1, rho2 = _expected(_data(s))
    np.testing.assert_allclose(s.r["U"].values, U, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(s.r["V"].values, V, rtol=1e-9, atol=1e-12)
    assert s.r["rho1"] == pytest.approx(rho1) and s.r["rho2"] == pytest.approx(rho2)
    assert s.r["rho"] == pytest.approx(rho1 + rho2) and s.r["alpha"] == 0.5
    assert s.r["V"].rownames == ("a", "b", "c", "d") and s.r["V"].colnames == ("dim1", "dim2")
    assert out.splitlines()[1:6] == ["Biplot of 30 observations and 4 variables", "",
                                     f"    Explained variance by component 1 {rho1:7.4f}",
                                     f"    Explained variance by component 2 {rho2:7.4f}",
                                     f"             Total explained variance {rho1 + rho2:7.4f}"]
    fig = figure(s.graphs[-1])
    (lines,) = artists(fig, "p1-s1-arrow")
    ends = np.array([seg[-1] for seg in lines.get_segments()])
    np.testing.assert_allclose(ends, V, rtol=1e-9, atol=1e-12)  # arrows from 0 to each variable
    x, y = line_xy(fig, "p1-s3-scatter")
    np.testing.assert_allclose(np.column_stack([x, y]), U, rtol=1e-9, atol=1e-12)
    labels = sorted(a.get_text() for a in artists(fig, "p1-s2-scatter-labels"))
    assert labels == ["a", "b", "c", "d"]
    assert sorted(a.get_text() for a in artists(fig, "p1-s3-scatter-labels")) == sorted(str(k) for k in range(1, 31))
    ax = axes(fig)
    assert ax.get_xlabel() == "Dimension 1" and ax.get_ylabel() == "Dimension 2"
    assert "Biplot" in all_texts(fig) and legend_texts(fig) == ["Variables", "Observations"]


def test_options_alpha_std_dim_negcol_generate(s):
    out, rc = run(s, "biplot a b c d, alpha(1) std dim(3 1) negcol generate(g1 g3)")
    assert rc == 0, out
    U, V, rho1, rho3 = _expected(_data(s), alpha=1, std=True, dims=(0, 2))
    np.testing.assert_allclose(s.r["V"].values, V, rtol=1e-9, atol=1e-12)
    assert s.r["rho1"] == pytest.approx(rho1) and s.r["rho3"] == pytest.approx(rho3)
    np.testing.assert_allclose(s.data.numeric("g1"), U[:, 0], rtol=1e-6)  # float variables
    assert s.data.var_labels["g3"] == "Observations dim 3"
    fig = figure(s.graphs[-1])
    assert legend_texts(fig) == ["Variables", "-Variables", "Observations"]
    assert axes(fig).get_ylabel() == "Dimension 3"
    (negative,) = artists(fig, "p1-s3-arrow")
    np.testing.assert_allclose(np.array([seg[-1] for seg in negative.get_segments()]), -V, rtol=1e-9, atol=1e-12)


def test_mahalanobis_and_constant_variable(s):
    out, rc = run(s, "biplot a b c k, mahalanobis")
    assert rc == 0 and "note: k dropped because of zero variance" in out, out
    U, V, _, _ = _expected(_data(s, ("a", "b", "c")), alpha=0)
    np.testing.assert_allclose(s.r["U"].values, U * np.sqrt(N - 1), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(s.r["V"].values, V / np.sqrt(N - 1), rtol=1e-9, atol=1e-12)


def test_row_and_column_parts(s):
    out, rc = run(s, "biplot a b c, norowlabel rowopts(name(Cases)) colopts(name(Items) nolabel)")
    assert rc == 0, out
    fig = figure(s.graphs[-1])
    assert legend_texts(fig) == ["Items", "Cases"]
    assert not artists(fig, "p1-s2-scatter-labels") and not artists(fig, "p1-s3-scatter-labels")


@pytest.mark.parametrize("text, rc, message", [
    ("biplot a", 102, "too few variables specified"),
    ("biplot a b in 1", 503, "biplot requires at least 2 rows (observations)"),
    ("biplot a k", 503, "biplot requires at least 2 columns"),
    ("biplot a b, mahalanobis alpha(.5)", 198, "nonzero alpha() may not be specified with mahalanobis"),
    ("biplot a b c, dim(4 1)", 125, "dim() invalid"),
    ("biplot a b, norow nocolumn", 198, "norow and nocolumn may not be specified together"),
    ("biplot a b, table", 198, "option table not supported by mlmcli"),
    ("biplot a b, generate(a z)", 110, "a already defined"),
])
def test_errors(s, text, rc, message):
    out, got = run(s, text, stop_on_error=False)
    assert got == rc and message in out, out

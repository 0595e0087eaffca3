"""loadingplot and scoreplot ([MV] scoreplot; loadingplot.ado 1.1.2, scoreplot.ado 1.1.3): the
points of each pair of components read back from the matplotlib objects and checked against the
eigenvectors of the correlation matrix (numpy, up to each column's sign) and the scores they give;
the marker labels, their positions (_plotpos.ado's rule, written out here from its description),
titles, the rotation note, the matrix form and the ados' errors."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import all_texts, artists, double_session, figure, run, subfigures

N = 80


@pytest.fixture()
def s():
    rng = np.random.default_rng(1)
    f1, f2 = rng.normal(size=(2, N))
    return double_session({"x1": f1 + rng.normal(size=N) / 2, "x2": f1 + rng.normal(size=N) / 2,
                           "averyveryverylongname": f2 + rng.normal(size=N) / 2,
                           "x4": f2 + f1 / 2 + rng.normal(size=N) / 2})


def _data(s):
    return np.column_stack([s.data.numeric(v) for v in ("x1", "x2", "averyveryverylongname", "x4")])


def _eigenvectors(X):
    R = np.corrcoef(X, rowvar=False)
    values, vectors = np.linalg.eigh(R)
    return vectors[:, np.argsort(values)[::-1]]


def _ok(s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return figure(s.graphs[-1])


def _axes(fig):
    seen, out = set(), []
    for sub in subfigures(fig):
        for ax in sub.axes:
            if id(ax) not in seen and ax.get_gid() and ax.get_gid().endswith("panel1"):
                seen.add(id(ax))
                out.append(ax)
    return out


def _points(fig, part="part1"):
    (line,) = {id(a): a for a in artists(fig, f"{part}-p1-s1-scatter")}.values()
    return np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)


def _clock(x, y):
    """_plotpos: 6 unless in the outer tenth of the x or y range, then pointing inwards."""
    def inner(v):
        return v.min() + .1 * (v.max() - v.min()), v.max() - .1 * (v.max() - v.min())
    (x0, x1), (y0, y1) = inner(x), inner(y)
    out = []
    for a, b in zip(x, y):
        left, right, low, high = a < x0, a > x1, b < y0, b > y1
        if low and left:
            out.append(1)
        elif low and right:
            out.append(11)
        elif high and left:
            out.append(5)
        elif high and right:
            out.append(7)
        elif low:
            out.append(12)
        elif left:
            out.append(3)
        elif right:
            out.append(9)
        else:
            out.append(6)
    return out


def test_loadingplot_after_pca(s):
    fig = _ok(s, "quietly pca x1-x4, components(3)\nloadingplot")
    V = _eigenvectors(_data(s))
    x, y = _points(fig)
    np.testing.assert_allclose(np.abs(x), np.abs(V[:, 0]), rtol=1e-6)  # component 1 across
    np.testing.assert_allclose(np.abs(y), np.abs(V[:, 1]), rtol=1e-6)  # component 2 up
    (ax,) = _axes(fig)
    assert ax.get_xlabel() == "Component 1" and ax.get_ylabel() == "Component 2"
    assert "Component loadings" in all_texts(fig)
    labels = {id(a): a for a in artists(fig, "part1-p1-s1-scatter-labels")}.values()
    by_text = {a.get_text(): a for a in labels}
    assert sorted(by_text) == ["averyveryv~e", "x1", "x2", "x4"]  # abbrev(, 12)
    for name, clock in zip(["x1", "x2", "averyveryv~e", "x4"], _clock(x, y)):
        dx, dy = by_text[name].xyann
        angle = np.deg2rad(30 * clock)
        assert np.sign(round(dx, 6)) == np.sign(round(np.sin(angle), 6)), (name, clock)
        assert np.sign(round(dy, 6)) == np.sign(round(np.cos(angle), 6)), (name, clock)


def test_loadingplot_maxlength_and_mlabposition(s):
    fig = _ok(s, "quietly pca x1-x4\nloadingplot, maxlength(8) mlabposition(3)")
    labels = {id(a): a for a in artists(fig, "part1-p1-s1-scatter-labels")}.values()
    assert "averyv~e" in {a.get_text() for a in labels}
    assert all(a.xyann[0] > 0 and a.xyann[1] == 0 for a in labels)  # 3 o'clock: to the right


def test_loadingplot_after_rotated_factor_notes_the_rotation(s):
    fig = _ok(s, "quietly factor x1-x4, factors(2)\nquietly rotate\nloadingplot")
    texts = all_texts(fig)
    assert "Factor loadings" in texts
    assert "Rotation: orthogonal varimax\nMethod: principal factors" in texts  # two lines of one note
    x, y = _points(fig)
    r_L = s.e.matrices["r_L"].values
    np.testing.assert_allclose(x, r_L[:, 0]) and np.testing.assert_allclose(y, r_L[:, 1])
    fig = _ok(s, "loadingplot, norotated")
    x, _ = _points(fig)
    np.testing.assert_allclose(x, s.e.matrices["L"].values[:, 0])
    assert not any("Rotation" in t for t in all_texts(fig))


def test_loadingplot_three_components_as_a_matrix(s):
    out, rc = run(s, "quietly pca x1-x4, components(3)\nloadingplot, components(3)")
    assert rc == 0, out
    graph = s.graphs[-1]
    assert graph.title == "Component loadings"
    fig = figure(graph)
    texts = all_texts(fig)
    assert all(f"Component {k}" in texts for k in (1, 2, 3))


def test_loadingplot_combined_three(s):
    fig = _ok(s, "quietly pca x1-x4, components(3)\nloadingplot, components(3) combined")
    pairs = sorted((ax.get_ylabel(), ax.get_xlabel()) for ax in _axes(fig))
    assert pairs == [("Component 2", "Component 1"), ("Component 3", "Component 1"),
                     ("Component 3", "Component 2")]


def test_scoreplot_after_pca(s):
    X = _data(s)
    fig = _ok(s, "quietly pca x1-x4\nscoreplot")
    V = _eigenvectors(X)
    Z = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
    scores = Z @ V
    x, y = _points(fig)
    np.testing.assert_allclose(np.abs(x), np.abs(scores[:, 0]), rtol=1e-5)
    np.testing.assert_allclose(np.abs(y), np.abs(scores[:, 1]), rtol=1e-5)
    (ax,) = _axes(fig)
    assert ax.get_xlabel() == "Scores for component 1" and ax.get_ylabel() == "Scores for component 2"
    assert "Score variables (pca)" in all_texts(fig)
    assert list(s.data.df.columns) == ["x1", "x2", "averyveryverylongname", "x4"]  # data unchanged


def test_scoreplot_if_restricts_the_points(s):
    X = _data(s)
    fig = _ok(s, "quietly pca x1-x4\nscoreplot if x1 > 0")
    x, _ = _points(fig)
    assert np.isfinite(x).sum() == int((X[:, 0] > 0).sum())


@pytest.mark.parametrize("setup, text, rc, message", [
    ("", "loadingplot", 301, "last estimates not found"),
    ("quietly regress x1 x2", "loadingplot", 301, "loadingplot is allowed only after factor, pca"),
    ("quietly regress x1 x2", "scoreplot", 301, "scoreplot is allowed only after factor, pca"),
    ("quietly pca x1-x4, components(1)", "loadingplot", 321, "only one component retained"),
    ("quietly factor x1-x4, factors(1)", "scoreplot", 321, "only one factor retained"),
    ("quietly pca x1-x4", "loadingplot, combined matrix", 198, "options matrix and combined may not be"),
    ("quietly pca x1-x4", "loadingplot, factors(2) components(2)", 198, "may not be combined"),
    ("quietly pca x1-x4, components(2)", "loadingplot, components(3)", 125,
     "option components() invalid; out of range"),
    ("quietly pca x1-x4", "scoreplot, factors(9)", 125, "expected between 2 and 4"),
])
def test_errors(s, setup, text, rc, message):
    out, got = run(s, (setup + "\n" if setup else "") + text, stop_on_error=True)
    assert got == rc and message in out, out

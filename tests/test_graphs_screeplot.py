"""screeplot ([MV] screeplot; screeplot.ado 1.2.0): the eigenvalues of e(Ev) after pca or
factor (or of a vector) connected against their number, read back from the matplotlib
objects; the ado's title, neigen(), mean line and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import all_texts, axes, double_session, figure, line_xy, run, segments

REF = json.loads((Path(__file__).resolve().parent / "multivariate_reference" / "reference_values.json").read_text())


@pytest.fixture()
def s():
    items = pd.read_csv(Path(__file__).resolve().parent / "multivariate_reference" / "items.csv").astype(float)
    return double_session({c: items[c].to_numpy() for c in items.columns})


def ok(s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return figure(s.graphs[-1])


def test_screeplot_after_pca_draws_the_eigenvalues(s):
    fig = ok(s, "quietly pca q1-q6\nscreeplot")
    x, y = line_xy(fig, "p1-s1-connected-markers")
    np.testing.assert_allclose(x, np.arange(1, 7))
    np.testing.assert_allclose(y, np.asarray(REF["pca_eigenvalues"], np.float32), rtol=1e-6)
    ax = axes(fig)
    assert "Scree plot of eigenvalues after pca" in all_texts(fig)
    assert ax.get_ylabel() == "Eigenvalues" and ax.get_xlabel() == "Number"
    before = list(s.data.df.columns)
    assert "__scree_eigen" not in before


def test_screeplot_neigen_and_mean(s):
    fig = ok(s, "quietly factor q1-q6\nscreeplot, neigen(3) mean")
    x, y = line_xy(fig, "p1-s1-connected-markers")
    np.testing.assert_allclose(x, [1, 2, 3])
    np.testing.assert_allclose(y, np.asarray(REF["pf_eigenvalues"][:3], np.float32), rtol=1e-6)
    (line,) = segments(fig, "p1-s2-line")  # function plots draw as lines
    mx, my = line[:, 0], line[:, 1]
    np.testing.assert_allclose(my, np.mean(np.asarray(REF["pf_eigenvalues"][:3], np.float32)), rtol=1e-6)
    assert mx.min() == 1 and mx.max() == 3


def test_screeplot_errors(s):
    out, rc = run(s, "screeplot", stop_on_error=True)
    assert rc == 301
    out, rc = run(s, "quietly regress q1 q2\nscreeplot", stop_on_error=True)
    assert rc == 321
    out, rc = run(s, "quietly pca q1-q6\nscreeplot, ci", stop_on_error=True)
    assert rc == 199

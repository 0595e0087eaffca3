"""cluster dendrogram (cluster_tree.ado 3.2.0's drawing): segments read back from matplotlib
against R's hclust heights (tests/cluster_reference), the labels, cuts and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import all_texts, axes, double_session, figure, run, segments, tick_texts

REF = json.loads((Path(__file__).resolve().parent / "cluster_reference" / "cluster_reference.json").read_text())
X = np.array(REF["x"])


@pytest.fixture()
def s():
    return double_session({"x1": X[:, 0], "x2": X[:, 1], "x3": X[:, 2]})


def _pieces(fig):
    pieces = segments(fig, "p1-s1-line")
    flat = [p for p in pieces if len(p) == 2 and p[0, 1] == p[1, 1] and p[0, 0] != p[1, 0]]
    return pieces, flat


def test_dendrogram_heights_and_leaves(s):
    out, rc = run(s, "cluster completelinkage x1 x2 x3, name(c)\ncluster dendrogram")
    assert rc == 0, out
    fig = figure(s.graphs[-1])
    pieces, flat = _pieces(fig)
    assert len(pieces) == 3 * 11
    # every merge is one horizontal bar at its hclust height
    np.testing.assert_allclose(sorted(p[0, 1] for p in flat), sorted(REF["complete"]["heights"]), rtol=1e-12)
    leaves = sorted(p[0, 0] for p in pieces if p[0, 1] == 0)
    assert leaves == list(range(1, 13))
    order = s.data.numeric("c_ord").astype(int)
    assert tick_texts(axes(fig), "x") == [str(o) for o in order]
    assert "Dendrogram for c cluster analysis" in all_texts(fig)
    assert axes(fig).get_ylabel() == "L2 dissimilarity measure"
    assert list(s.data.varnames) == ["x1", "x2", "x3", "c_id", "c_ord", "c_hgt"]


def test_dendrogram_cutnumber_and_counts(s):
    out, rc = run(s, "cluster averagelinkage x1 x2 x3, name(a)\ncluster generate g = groups(4)\n"
                     "cluster tree, cutnumber(4) countinline")
    assert rc == 0, out
    fig = figure(s.graphs[-1])
    pieces, flat = _pieces(fig)
    np.testing.assert_allclose(sorted(p[0, 1] for p in flat), sorted(REF["average"]["heights"])[-3:], rtol=1e-12)
    sizes = np.bincount(s.data.numeric("g").astype(int))[1:]  # groups numbered left to right
    assert tick_texts(axes(fig), "x") == [f"G{i + 1} n={n}" for i, n in enumerate(sizes)]


def test_dendrogram_errors(s):
    out, rc = run(s, "cluster kmeans x1 x2, k(2) start(firstk)\ncluster dendrogram", stop_on_error=True)
    assert rc == 198 and "dendrograms allowed only after hierarchical clustering" in out
    out, rc = run(s, "cluster singlelinkage x1 x2\ncluster tree, cutnumber(3) cutvalue(2)", stop_on_error=True)
    assert rc == 198 and "only one of cutvalue() and cutnumber() may be specified" in out
    out, rc = run(s, "cluster tree if x1 > 2", stop_on_error=True)
    assert rc == 198 and "not implemented in mlm" in out

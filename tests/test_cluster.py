"""``cluster`` ([MV] cluster) against R (tests/cluster_reference/cluster_reference.R:
stats::hclust, cutree, cophenetic, kmeans with Lloyd's algorithm, kmedians coded from its
definition), cluster.ado's storage (_id/_ord/_hgt, characteristics), its group numbering
and messages, and the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = json.loads((Path(__file__).resolve().parent / "cluster_reference" / "cluster_reference.json").read_text())
X = np.array(REF["x"])
METHODS = {"single": "singlelinkage", "complete": "completelinkage", "average": "averagelinkage",
           "waverage": "waveragelinkage", "median": "medianlinkage", "centroid": "centroidlinkage",
           "wards": "wardslinkage"}


@pytest.fixture
def data():
    return pd.DataFrame(X, columns=["x1", "x2", "x3"])


def _same_partition(a, b) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return len(set(zip(a, b))) == len(set(a)) == len(set(b))


def _tree(s, stub):
    ds = s.data
    return (ds.numeric(f"{stub}_id").astype(int), ds.numeric(f"{stub}_ord").astype(int),
            ds.numeric(f"{stub}_hgt"))


@pytest.mark.parametrize("method", list(METHODS))
def test_linkage_heights_and_cuts_against_hclust(do, data, method):
    rc, out, s = do(f"cluster {METHODS[method]} x1 x2 x3, name(m)\ncluster generate g = groups(2/4)", df=data)
    assert rc == 0, out
    ident, order, height = _tree(s, "m")
    ref = REF[method]
    assert ident.tolist() == list(range(1, 13))
    assert sorted(order.tolist()) == list(range(1, 13))
    # the links between neighbouring leaves are the merge heights, each the cophenetic value
    assert np.isnan(height[-1])
    assert sorted(height[:-1]) == pytest.approx(sorted(ref["heights"]), rel=1e-12)
    coph = np.array(ref["cophenetic"])
    assert height[:-1] == pytest.approx([coph[order[p] - 1, order[p + 1] - 1] for p in range(11)], rel=1e-12)
    for k in (2, 3, 4):
        groups = s.data.numeric(f"g{k}")
        assert _same_partition(groups, ref[f"cut{k}"])
        # cluster.ado numbers the groups left to right along the dendrogram
        along = groups[order - 1]
        assert along.tolist() == sorted(along.tolist()) and along[0] == 1


@pytest.mark.parametrize("measure", ["L1", "Linfinity", "Canberra"])
def test_average_linkage_measures_against_dist(do, data, measure):
    rc, out, s = do(f"cluster averagelinkage x1 x2 x3, measure({measure}) name(m)", df=data)
    assert rc == 0, out
    _, order, height = _tree(s, "m")
    ref = REF[f"average_{measure}"]
    assert sorted(height[:-1]) == pytest.approx(sorted(ref["heights"]), rel=1e-12)
    coph = np.array(ref["cophenetic"])
    assert height[:-1] == pytest.approx([coph[order[p] - 1, order[p + 1] - 1] for p in range(11)], rel=1e-12)


def test_cut_groups_at_a_height(do, data):
    rc, out, s = do("cluster completelinkage x1 x2 x3, name(c)\ncluster generate h = cut(5)", df=data)
    assert rc == 0, out
    coph = np.array(REF["complete"]["cophenetic"])
    h = s.data.numeric("h")
    # same group exactly when the cophenetic dissimilarity is below the cut
    assert ((h[:, None] == h[None, :]) == (coph < 5)).all()


@pytest.mark.parametrize("start,ref", [("firstk", "kmeans_firstk"), ("everykth", "kmeans_everykth")])
def test_kmeans_against_lloyd(do, data, start, ref):
    rc, out, s = do(f"cluster kmeans x1 x2 x3, k(3) start({start})", df=data)
    assert rc == 0, out
    assert out.splitlines()[-1] == "cluster name: _clus_1"
    groups = s.data.numeric("_clus_1")
    assert groups.tolist() == REF[ref]["cluster"]  # group g grows from the g-th start


def test_kmedians_l1_lastk_keepcenters(do, data):
    rc, out, s = do("cluster kmedians x1 x2 x3, k(3) start(lastk) measure(L1) gen(grp) keepcenters name(kmd)",
                    df=data)
    assert rc == 0, out
    ref = REF["kmedians_lastk_L1"]
    assert s.data.numeric("grp")[:12].tolist() == ref["cluster"]
    assert s.data.nobs == 15
    centers = np.column_stack([s.data.numeric(v)[12:] for v in ("x1", "x2", "x3")])
    assert centers == pytest.approx(np.array(ref["centers"]), abs=1e-12)
    assert np.isnan(s.data.numeric("grp")[12:]).all()


def test_storage_and_list_layout(do, data):
    rc, out, s = do("cluster singlelinkage x1 x2 x3\ncluster kmeans x1 x2, k(2) start(segments) name(km)\n"
                    "cluster notes km : first try\ncluster list\ncluster dir", df=data)
    assert rc == 0, out
    chars = s.data.chars
    assert chars["_cluster_objects"] == "km _clus_1"
    assert chars["_clus_1"] == '"cmd _clus_1_cmd" "vars _clus_1_vars" "info _clus_1_info"'
    assert chars["_clus_1_info"] == ('"t hierarchical" "m single" "d L2" "o range 0 ." "v id _clus_1_id" '
                                     '"v order _clus_1_ord" "v height _clus_1_hgt"')
    lines = out.splitlines()
    at = lines.index("km  (type: partition,  method: kmeans,  dissimilarity: L2)")
    assert lines[at:at + 18] == [
        "km  (type: partition,  method: kmeans,  dissimilarity: L2)",
        "     notes:   1. first try",
        "      vars: km (group variable)",
        "     other: cmd: cluster kmeans x1 x2, k(2) start(segments) name(km)",
        "            varlist: x1 x2",
        "            k: 2",
        "            start: segments",
        "            range: 0 .",
        "",
        "_clus_1  (type: hierarchical,  method: single,  dissimilarity: L2)",
        "      vars: _clus_1_id (id variable)",
        "            _clus_1_ord (order variable)",
        "            _clus_1_hgt (height variable)",
        "     other: cmd: cluster singlelinkage x1 x2 x3",
        "            varlist: x1 x2 x3",
        "            range: 0 .",
        "",
        "km",
    ]
    assert lines[-1] == "_clus_1"
    assert s.r["names"] == "km _clus_1"


def test_utilities_rename_use_drop(do, data):
    rc, out, s = do("cluster wardslinkage x1 x2, name(w)\ncluster kmeans x1 x2, k(2) start(firstk) name(k2)\n"
                    "cluster use w\ncluster rename w ward\ncluster renamevar w_id wid, name(ward)\n"
                    "cluster query ward", df=data)
    assert rc == 0, out
    assert s.r["idvar"] == "wid" and s.r["dissimilarity"] == "L2squared" and s.r["method"] == "wards"
    assert s.data.chars["_cluster_objects"] == "ward k2"
    rc, out, s = do("cluster drop ward", session=s)
    assert rc == 0, out
    assert "wid" not in s.data.varnames and "w_hgt" not in s.data.varnames
    assert s.data.chars["_cluster_objects"] == "k2"
    assert not [k for k in s.data.chars if k.startswith("ward") or k.startswith("w_")]


def test_groups_ties_follow_the_ado(do):
    tied = pd.DataFrame({"x": [0.0, 1.0, 2.0, 10.0]})
    rc, out, s = do("cluster singlelinkage x, name(t)\ncluster generate g = groups(3)", df=tied)
    assert rc == 198 and "cannot create 3 groups because of ties" in out
    rc, out, s = do("cluster generate g = groups(3), ties(more)\ncluster generate f = groups(3), ties(fewer)",
                    session=s)
    assert rc == 0, out
    assert s.data.numeric("g").tolist() == [1, 2, 3, 4]
    assert s.data.numeric("f").tolist() == [1, 1, 1, 2]


def test_errors_and_refusals(do, data):
    assert "no cluster solutions currently defined" in do("cluster generate g = groups(2)", df=data)[1]
    rc, out, _ = do("cluster kmeans x1 x2", df=data)
    assert rc == 198 and "option k() required" in out
    rc, out, _ = do("cluster singlelinkage x1, measure(Jaccard)", df=data)
    assert rc == 198 and "not supported by mlm" in out
    rc, out, s = do("cluster singlelinkage x1, name(a)\ncluster singlelinkage x2, name(a)", df=data)
    assert rc == 198 and "a already defined" in out
    for sub in ("set", "delete", "parsedistance"):
        rc, out, _ = do(f"cluster {sub}", df=data)
        assert rc == 199 and "not implemented in mlm" in out
    reversal = pd.DataFrame({"x": [0.0, 2.0, 1.0], "y": [0.0, 0.0, 1.8]})
    rc, out, s = do("cluster centroidlinkage x y", df=reversal)
    assert rc == 198 and "reversal" in out
    assert list(s.data.varnames) == ["x", "y"] and "_cluster_objects" not in s.data.chars


def test_stop_calinski_and_duda_against_r(do, data):
    rc, out, s = do("cluster wardslinkage x1 x2 x3, name(w)\ncluster stop", df=data)
    assert rc == 0, out
    assert [s.r[f"calinski_{k}"] for k in range(2, 12)] == pytest.approx(REF["calinski_wards"], rel=1e-10)
    assert s.r["rule"] == "calinski" and s.r["longlabel"] == "Calinski & Harabasz pseudo-F"
    lines = out.splitlines()
    top = lines.index("+-------------+-------------+")
    assert lines[top:top + 7] == [
        "+-------------+-------------+",
        "|             |  Calinski/  |",
        "|  Number of  |  Harabasz   |",
        "|  clusters   |  pseudo-F   |",
        "|-------------+-------------|",
        "|       2     |     8.54    |",  # " 2" (ralign 2) centred in 11: the odd column left
        "|       3     |    19.56    |",
    ]
    assert lines[top + 14] == "|      11     |    89.88    |"
    rc, out, s = do("cluster stop w, rule(duda) matrix(D)", session=s)
    assert rc == 0, out
    ref = REF["duda_wards"]
    for k in range(1, 11):
        assert s.r[f"duda_{k}"] == pytest.approx(ref[k - 1][0], rel=1e-10, abs=1e-14)
        expected = ref[k - 1][1]
        if expected == "NaN":  # a split into two tied points: Stata's missing
            assert np.isnan(s.r[f"dudat2_{k}"])
        else:
            assert s.r[f"dudat2_{k}"] == pytest.approx(expected, rel=1e-10)
    assert s.matrices["D"].values.shape == (10, 3)
    lines = out.splitlines()
    top = lines.index("+-------------+---------------------------+")
    assert lines[top:top + 7] == [
        "+-------------+---------------------------+",
        "|             |         Duda/Hart         |",
        "|  Number of  |             |  pseudo     |",
        "|  clusters   | Je(2)/Je(1) |  T-squared  |",
        "|-------------+-------------+-------------|",
        "|       1     |    0.5395   |     8.54    |",
        "|       2     |    0.3332   |    14.01    |",
    ]


def test_stop_after_kmeans(do, data):
    rc, out, s = do("cluster kmeans x1 x2 x3, k(3) start(firstk)\ncluster stop", df=data)
    assert rc == 0, out
    assert s.r["calinski_3"] == pytest.approx(REF["calinski_kmeans_firstk"][0], rel=1e-10)
    rc, out, _ = do("cluster stop, rule(duda)", session=s)
    assert rc == 198 and "rule(duda) allowed only with hierarchical clustering" in out
    rc, out, _ = do("cluster stop, groups(2/3)", session=s)
    assert rc == 198 and "groups() invalid" in out


def _matrix_text(d) -> str:
    return "(" + " \\ ".join(", ".join(repr(float(v)) for v in row) for row in d) + ")"


def test_clustermat_on_a_distance_matrix_against_hclust(do):
    d = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))  # Euclidean, from its definition
    rc, out, s = do(f"matrix D = {_matrix_text(d)}\nclustermat singlelinkage D, name(m)\n"
                    "clustermat generate g = groups(3)\ncluster query m")
    assert rc == 0, out
    _, order, height = _tree(s, "m")
    ref = REF["single"]
    coph = np.array(ref["cophenetic"])
    assert height[:-1] == pytest.approx([coph[order[p] - 1, order[p + 1] - 1] for p in range(11)], rel=1e-12)
    assert _same_partition(s.data.numeric("g"), ref["cut3"])
    assert s.r["dissimilarity"] == "user matrix D"
    assert s.data.chars["m"] == '"cmd m_cmd" "info m_info"'
    rc, out, _ = do("clustermat stop m", session=s)
    assert rc == 198 and "variables() option required after clustermat" in out


def test_clustermat_shapes_and_messages(do):
    rc, out, s = do("matrix V = (3, 7, 8, 6, 9, 2)\nclustermat averagelinkage V, shape(uupper) name(a)\n"
                    "matrix L = (0, 3, 0, 7, 6, 0, 8, 9, 2, 0)\nclustermat averagelinkage L, shape(lower) add name(b)")
    assert rc == 0, out
    # hclust(as.dist(matrix(c(0,3,7,8, 3,0,6,9, 7,6,0,2, 8,9,2,0), 4)), "average")$height: 2 3 7.5
    for stub in ("a", "b"):
        assert sorted(s.data.numeric(f"{stub}_hgt")[:-1]) == [2.0, 3.0, 7.5]
    rc, out, _ = do("clustermat singlelinkage V, shape(uupper)", session=s)
    assert rc == 198 and "add or clear are required when a dataset is present" in out
    rc, out, _ = do("matrix N = (0, 1 \\ 2, 0)\nclustermat singlelinkage N, clear", session=s)
    assert rc == 505 and "matrix N not symmetric;" in out
    rc, out, _ = do("clustermat kmeans N", session=s)
    assert rc == 198 and "clustermat kmeans not allowed" in out
    rc, out, _ = do("matrix W = (1, 2, 3, 4)\nclustermat singlelinkage W, shape(uupper) clear", session=s)
    assert rc == 503 and "size of vector W is invalid" in out


@pytest.mark.parametrize("option,key", [("", "L2"), ("L1", "L1"), ("Linfinity", "Linfinity"),
                                        ("Canberra", "Canberra"), ("L(3)", "L3"), ("variables", "variables_L2")])
def test_matrix_dissimilarity_against_dist(do, data, option, key):
    rc, out, s = do(f"matrix dissimilarity D = x1 x2 x3{', ' + option if option else ''}", df=data)
    assert rc == 0, out
    D = s.matrices["D"]
    np.testing.assert_allclose(D.values, np.array(REF["dist"][key]), rtol=1e-12, atol=1e-14)
    assert D.rownames == (("x1", "x2", "x3") if option == "variables" else tuple(f"obs{i}" for i in range(1, 13)))


def test_matrix_dissimilarity_names_sample_and_refusals(do, data):
    frame = data.assign(nm=[f"o{i}" for i in range(12)])
    rc, out, s = do("matrix dissimilarity D = x1 x2 in 3/5, names(nm)\nclustermat averagelinkage D, add", df=frame)
    assert rc == 198 and "number of selected observations must match dimension of D" in out
    assert s.matrices["D"].rownames == ("o2", "o3", "o4")
    rc, out, s = do("clustermat averagelinkage D in 3/5, add", session=s)
    assert rc == 0, out
    rc, out, _ = do("matrix dissimilarity J = x1 x2, Jaccard", df=data)
    assert rc == 198 and "not implemented in mlm" in out


def test_list_wraps_long_lines_at_the_linesize(do, data):
    rc, out, s = do("set linesize 60\ncluster averagelinkage x1 x2 x3 if x1 > 0 & x2 > 0 & x3 > 0, "
                    "name(averaged) measure(L1)\ncluster list averaged, other", df=data)
    assert rc == 0, out
    lines = out.splitlines()
    at = lines.index("averaged")
    assert lines[at + 1:at + 4] == [
        "     other: cmd: cluster averagelinkage x1 x2 x3 if x1 > 0",
        "                 & x2 > 0 & x3 > 0, name(averaged)",
        "                 measure(L1)",
    ]


def test_option_values_are_checked(do, data):
    for line, rc, message in [("cluster kmeans x1, k(2) iterate(abc)", 198, "option iterate() incorrectly specified"),
                              ("cluster singlelinkage x1, name(s)\ncluster tree s, cutnumber(abc)", 121,
                               "cutnumber() invalid -- invalid number"),
                              ("cluster singlelinkage x1\ncluster generate 1g = groups(2)", 198, "1g invalid name")]:
        got, out, s = do(line, df=data)
        assert got == rc and message in out
        assert not [v for v in s.data.varnames if v.startswith("_clus") and "cutnumber" not in line
                    and "groups" not in line]


def test_measures_against_dist(do, data):
    rc, out, s = do("cluster measures x1 x2 x3, compare(3 7) generate(d3 d7) L1", df=data)
    assert rc == 0, out
    ref = np.array(REF["dist"]["L1"])
    np.testing.assert_allclose(s.data.numeric("d3"), ref[:, 2], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(s.data.numeric("d7"), ref[:, 6], rtol=1e-12, atol=1e-14)
    assert (s.r["distance"], s.r["compare"], s.r["generate"]) == ("L1", "3 7", "d3 d7")
    rc, out, _ = do("cluster measures x1, compare(1 2) generate(a)", df=data)
    assert rc == 198 and "need the same number of compare() arguments as generate() arguments" in out
    rc, out, _ = do("cluster measures x1, compare(40) generate(a)", df=data)
    assert rc == 125 and "compare() arguments must be between 1 and the number of observations" in out


def test_single_linkage_pointer_representation(do, data):
    rc, out, s = do("cluster singlelinkage x1 x2 x3, name(s) generate(sl, all)\ncluster query s", df=data)
    assert rc == 0, out
    ref = REF["pointer_single"]
    assert s.data.numeric("sl_pi").tolist() == ref["pi"]
    lam = s.data.numeric("sl_lam")
    np.testing.assert_allclose(lam[:-1], ref["lambda"][:-1], rtol=1e-12)
    assert np.isnan(lam[-1]) and ref["lambda"][-1] == "NA"
    assert (s.r["pivar"], s.r["lambdavar"], s.r["idvar"]) == ("sl_pi", "sl_lam", "sl_id")
    rc, out, _ = do("cluster averagelinkage x1, generate(av, all)", df=data)
    assert rc == 198 and "invalid generate() option" in out


def test_notes_add_list_drop(do, data):
    rc, out, s = do("cluster singlelinkage x1, name(a)\ncluster notes a : one\ncluster notes a : two\n"
                    "cluster notes a : three, if x1 > 1 in 2\ncluster notes drop a in 2\ncluster notes a", df=data)
    assert rc == 0, out
    assert s.data.chars["a"] == '"cmd a_cmd" "vars a_vars" "info a_info" "notes a_note a_note2"'
    assert "a_note1" not in s.data.chars
    lines = out.splitlines()
    at = lines.index("a")
    assert lines[at:at + 3] == ["a", "     notes:   1. one", "              2. three, if x1 > 1 in 2"]


@pytest.mark.parametrize("method", ["single", "complete", "average"])
def test_linkage_on_correlation_similarity_against_hclust(do, data, method):
    rc, out, s = do(f"cluster {METHODS[method]} x1 x2 x3, measure(correlation) name(m)\n"
                    "cluster generate g = groups(3)\ncluster query m", df=data)
    assert rc == 0, out
    ref = REF[f"correlation_{method}"]
    _, order, height = _tree(s, "m")
    np.testing.assert_allclose(sorted(height[:-1]), sorted(ref["heights"]), rtol=1e-10)
    coph = np.array(ref["cophenetic"])
    np.testing.assert_allclose(height[:-1], [coph[order[p] - 1, order[p + 1] - 1] for p in range(11)], rtol=1e-10)
    assert _same_partition(s.data.numeric("g"), ref["cut3"])
    assert s.r["similarity"] == "correlation" and "dissimilarity" not in s.r
    assert s.data.chars["m_info"].startswith(f'"t hierarchical" "m {method}" "s correlation" "o range 1 -1"')
    # cut(): a similarity at or below the value separates groups
    rc, out, s = do("cluster generate c = cut(0.5), name(m)", session=s)
    assert rc == 0, out
    c = s.data.numeric("c")
    assert ((c[:, None] == c[None, :]) == (coph > 0.5)).all()


def test_similarity_matrices_and_dissim(do, data):
    rc, out, s = do("matrix dissimilarity S = x1 x2 x3, correlation\n"
                    "matrix dissimilarity A = x1 x2 x3, angular dissim(oneminus)\n"
                    "matrix dissimilarity T = x1 x2 x3, angular dissim(standard)", df=data)
    assert rc == 0, out
    S, A = np.array(REF["similarity"]["correlation"]), np.array(REF["similarity"]["angular"])
    np.testing.assert_allclose(s.matrices["S"].values, S, rtol=1e-12)
    np.testing.assert_allclose(s.matrices["A"].values, 1 - A, atol=1e-12)
    np.testing.assert_allclose(s.matrices["T"].values,
                               np.sqrt(np.maximum(np.diag(A)[:, None] + np.diag(A)[None, :] - 2 * A, 0)), atol=1e-7)
    rc, out, _ = do("matrix dissimilarity D = x1 x2, L2 dissim(oneminus)", session=s)
    assert rc == 198 and "dissim() allowed only with similarity measures" in out


def test_similarity_dendrogram_axis(do, data):
    from graphs_helpers import axes, figure, segments

    rc, out, s = do("cluster averagelinkage x1 x2 x3, measure(angular) name(a)\ncluster tree a", df=data)
    assert rc == 0, out
    fig = figure(s.graphs[-1])
    ax = axes(fig)
    assert ax.get_ylabel() == "angular similarity measure" and ax.yaxis_inverted()
    pieces = segments(fig, "p1-s1-line")
    assert sorted({p[0, 1] for p in pieces if p[0, 0] == p[1, 0] and p[0, 1] == 1.0}) == [1.0]  # leaves at 1
    rc, out, s = do("cluster kmeans x1 x2 x3, k(2) measure(correlation) start(firstk) name(k)\n"
                    "cluster list k, type method similarity", session=s)
    assert rc == 0, out
    assert "k  (type: partition,  method: kmeans,  similarity: correlation)" in out
    groups = s.data.numeric("k")
    centres = [np.array(REF["x"])[groups == g].mean(axis=0) for g in (1, 2)]
    xc = np.array(REF["x"]) - np.array(REF["x"]).mean(axis=1, keepdims=True)
    cc = [c - c.mean() for c in centres]
    sims = np.array([[r @ c / np.sqrt((r @ r) * (c @ c)) for c in cc] for r in xc])
    assert (np.argmax(sims, axis=1) + 1 == groups).all()  # each row with its most correlated centre

"""coefplot's matrix mode and its se(), v(), ci(), df(), b() (coefplot.sthlp, "Plotting results
from matrices"; coefplot.ado 1.8's coefplot_keepdrop): the drawn markers and the spans of the
spikes against limits computed here (scipy's normal and t quantiles), the notes and errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from graphs_helpers import axes, drawn as drawn_figure, figure, legend_texts, make_session, run, segments, \
    tick_texts


@pytest.fixture()
def s():
    session = make_session()
    setup(session, "matrix S = (1, 2, -3 \\ .5, .25, 2 \\ .1, .2, .3)\nmatrix colnames S = a b c")
    return session


def setup(s, text):
    assert run(s, text)[1] == 0


def ok(s, text):
    """(output, Graph) of a coefplot that must draw."""
    graph, _ = drawn_figure(s, text)
    return s.out.stream.getvalue(), graph


def error_of(s, text):
    """(the error message, the return code) of a line that stops."""
    out, rc = run(s, text)
    return out.strip().splitlines()[-2], rc


def drawn(graph, kind):
    return [x for p in graph.panels for x in p.series if x.kind == kind]


def marks_and_spans(graph):
    (marks,) = drawn(graph, "scatter")
    spikes = drawn(graph, "rspike")
    return marks, spikes


def test_se_by_row_number_draws_normal_intervals(s):
    """The held-out line's form: se(#) reads row # of the main matrix; no df in matrix mode,
    so the 95% interval is b -/+ invnormal(.975) se."""
    _, graph = ok(s, "coefplot matrix(S), se(2)")
    marks, (spike,) = marks_and_spans(graph)
    b, se = np.array([1, 2, -3.]), np.array([.5, .25, 2])
    q = stats.norm.ppf(.975)
    np.testing.assert_allclose(marks.x, b)
    np.testing.assert_allclose(marks.y, [1, 2, 3])
    np.testing.assert_allclose(spike.y, b - q * se, rtol=1e-12)
    np.testing.assert_allclose(spike.y2, b + q * se, rtol=1e-12)
    assert tick_texts(axes(figure(graph)), "y") == ["a", "b", "c"]


def test_named_se_row_as_in_the_heldout_line_vertical_with_keep(s):
    """``coefplot matrix(C[1]), se(C[2]) keep(...) vertical``: the spans on the y axis."""
    _, graph = ok(s, "coefplot matrix(S[1]), se(S[2]) keep(a c) vertical levels(90)")
    marks, (spike,) = marks_and_spans(graph)
    q = stats.norm.ppf(.95)
    np.testing.assert_allclose(marks.x, [1, 2])
    np.testing.assert_allclose(marks.y, [1, -3])
    np.testing.assert_allclose(spike.y, [1 - q * .5, -3 - q * 2], rtol=1e-12)
    np.testing.assert_allclose(spike.y2, [1 + q * .5, -3 + q * 2], rtol=1e-12)
    fig = figure(graph)
    segs = segments(fig, "p1-s1-rspike")
    np.testing.assert_allclose([seg[:, 1].min() for seg in segs], [1 - q * .5, -3 - q * 2], rtol=1e-12)
    np.testing.assert_allclose([seg[:, 1].max() for seg in segs], [1 + q * .5, -3 + q * 2], rtol=1e-12)
    np.testing.assert_allclose([seg[0, 0] for seg in segs], [1, 2])


def test_columns_and_df(s):
    """matrix(name[,#]) reads a column, names from the row names; se(#) then means column #;
    df(#) gives t quantiles."""
    setup(s, "matrix T = S'")
    _, graph = ok(s, "coefplot matrix(T[,1]), se(2) df(7)")
    marks, (spike,) = marks_and_spans(graph)
    q = stats.t.ppf(.975, 7)
    np.testing.assert_allclose(marks.x, [1, 2, -3])
    np.testing.assert_allclose(spike.y, np.array([1, 2, -3]) - q * np.array([.5, .25, 2]), rtol=1e-10)
    assert tick_texts(axes(figure(graph)), "y") == ["a", "b", "c"]


def test_v_takes_the_diagonal(s):
    setup(s, "matrix V = (4, 1, 0 \\ 1, 9, 0 \\ 0, 0, 16)")
    _, graph = ok(s, "coefplot matrix(S), v(V)")
    _, (spike,) = marks_and_spans(graph)
    q = stats.norm.ppf(.975)
    np.testing.assert_allclose(spike.y2 - spike.y, 2 * q * np.array([2, 3, 4]), rtol=1e-12)


def test_ci_reads_bounds_rows_and_mixes_with_levels(s):
    """ci((2 3)) and ci((S[2] S[3])) read the limits; ci(90 (2 3)) computes the 90% interval
    first (from se()) and reads the second."""
    setup(s, "matrix L = (1, 2, -3 \\ .5, 1.5, -4 \\ 1.25, 2.5, -1)\nmatrix colnames L = a b c")
    for line in ("coefplot matrix(L), ci((2 3))", "coefplot matrix(L[1]), ci((L[2] L[3]))"):
        _, graph = ok(s, line)
        _, (spike,) = marks_and_spans(graph)
        np.testing.assert_allclose(spike.y, [.5, 1.5, -4])
        np.testing.assert_allclose(spike.y2, [1.25, 2.5, -1])
    _, graph = ok(s, "coefplot matrix(L[3]), ci(L)")  # ci(name): its rows 1 and 2
    marks, (spike,) = marks_and_spans(graph)
    np.testing.assert_allclose(marks.x, [1.25, 2.5, -1])
    np.testing.assert_allclose(spike.y, [1, 2, -3])
    np.testing.assert_allclose(spike.y2, [.5, 1.5, -4])
    setup(s, "matrix E = (.5, .25, 2)")
    _, graph = ok(s, "coefplot matrix(L), se(E) ci(90 (2 3))")
    _, spikes = marks_and_spans(graph)
    assert len(spikes) == 2
    q = stats.norm.ppf(.95)
    np.testing.assert_allclose(spikes[0].y, np.array([1, 2, -3]) - q * np.array([.5, .25, 2]), rtol=1e-12)
    np.testing.assert_allclose(spikes[1].y2, [1.25, 2.5, -1])


def test_without_se_no_intervals_and_b_ignored(s):
    _, graph = ok(s, "coefplot matrix(S), b(nosuch)")
    marks, spikes = marks_and_spans(graph)
    np.testing.assert_allclose(marks.x, [1, 2, -3])
    assert spikes == []


def test_with_a_stored_model_and_the_legend_label(s):
    """A matrix plot beside stored estimates; the plot's default label is the matrix name."""
    setup(s, "quietly regress y x\nestimates store m\nmatrix M = (0.4 \\ 0.1)\nmatrix colnames M = x")
    _, graph = ok(s, "coefplot m (matrix(M), se(2)), drop(_cons)")
    assert legend_texts(figure(graph)) == ["m", "M"]
    marks = drawn(graph, "scatter")
    np.testing.assert_allclose(marks[1].x, [0.4])
    spike = drawn(graph, "rspike")[1]
    np.testing.assert_allclose([spike.y[0], spike.y2[0]], 0.4 + np.array([-1, 1]) * stats.norm.ppf(.975) * .1)


def test_se_option_with_stored_results_reads_e(s):
    """se(name) in e() mode reads e(name): a doubled e(V) through v() gives sqrt(2) wider spans."""
    setup(s, "quietly regress y x\nmatrix W = 2 * e(V)\nestadd matrix W = W\nestimates store m")
    _, base = ok(s, "coefplot m")
    _, wide = ok(s, "coefplot m, v(W)")
    (b0,), (b1,) = drawn(base, "rspike"), drawn(wide, "rspike")
    np.testing.assert_allclose(b1.y2 - b1.y, np.sqrt(2) * (b0.y2 - b0.y), rtol=1e-10)


def test_notes_and_errors(s):
    out, graph = ok(s, "coefplot matrix(S), se(T)")
    assert "(S: T not found)" in out
    assert drawn(graph, "rspike") == []
    setup(s, "matrix T = (1, 2)")
    out, _ = ok(s, "coefplot matrix(S), se(T)")
    assert "(S: T not conformable)" in out
    out, rc = run(s, "coefplot matrix(Nosuch)")
    assert rc == 0 and "(nothing to plot)" in out
    assert "(Nosuch: no coefficients found, all dropped, or none kept)" in out
    assert error_of(s, "coefplot matrix(S), se(S[4])") == ("S: invalid subscript for se", 503)
    assert error_of(s, "coefplot matrix(S), se(2) v(V)") == ("se() and v() not both allowed", 198)
    assert error_of(s, "coefplot matrix(S[1,2]), se(2)") == ("S: invalid syntax in b()", 198)
    assert error_of(s, "coefplot matrix(S), se(S[x])") == ("S: invalid syntax in se()", 198)
    # unparenthesised, each is one cispec (name -> name[1] name[2]): L[2][1] is no mspec
    assert error_of(s, "coefplot matrix(S), ci(S[2] S[3])") == ("S: invalid syntax in ci()", 198)

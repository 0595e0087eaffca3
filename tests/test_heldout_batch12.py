"""Fixes from the twelfth held-out batch (tests/realworld/README.md):

* ``generate double rel_diff = reldif(...)`` (heldout/anon-homeless-meta): Stata's ``reldif(x, y)``
  = |x - y| / (|y| + 1), 0 for two equal missing values, missing for one or two different ones
  (main's functions audit brought the same function: these tests pin it); Mata's reldif() and
  mreldif();
* ``meologit ... || country:, intmethod(mv) evaltype(gf0) ...`` (heldout/anon-climate-values):
  the me commands take gsem's ``evaltype()`` (how ml gets its derivatives, not what it
  maximizes): the fit is the same as without it; an unknown evaluator type is refused;
* ``putexcel set ps4_q1.xls, replace`` (heldout/cali-li): putexcel writes Excel 97-2003
  workbooks too, text and number cells, and ``modify`` keeps the other cells and sheets;
* ``dropbox`` (SSC) is refused by name: Stata 13's r(199) with a line saying what it is
  (``meta`` and ``xtmlogit``, refused here at first, are implemented since:
  tests/test_meta_*.py, tests/test_xtmlogit.py).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


# ----------------------------------------------------------------------------- reldif()
@pytest.mark.parametrize("x, y", [(3.0, 1.0), (-2.0, -4.0), (0.5, 0.0), (1e6, 999999.0), (2.0, 2.0)])
def test_reldif_is_the_difference_over_one_plus_abs_y(new_session, run, x, y):
    out, rc = run(new_session(), f"display %21.0g reldif({x!r}, {y!r})")
    assert rc == 0, out
    assert float(out.strip().splitlines()[-1]) == pytest.approx(abs(x - y) / (abs(y) + 1), rel=1e-15)


@pytest.mark.parametrize("args, shown", [(".,.", "0"), (".a,.a", "0"), (".a,.b", "."), ("1,.", "."),
                                         (".,1", ".")])
def test_reldif_of_missing_values(new_session, run, args, shown):
    out, rc = run(new_session(), f"display reldif({args})")
    assert rc == 0, out
    assert out.strip().splitlines()[-1].strip() == shown


def test_reldif_in_generate(new_session, run):
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [2.0, 4.0, np.nan]})
    s = new_session(df)
    out, rc = run(s, "generate double r = reldif(x, y)")
    assert rc == 0, out
    got = s.data.df["r"].to_numpy(float)
    assert got[:2] == pytest.approx([1 / 3, 2 / 5], rel=1e-15) and np.isnan(got[2])


# ----------------------------------------------------------------------------- evaltype()
def _ordinal_panel(seed=12, groups=25, size=20):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1.0, groups + 1), size)
    x = rng.normal(size=g.size)
    latent = 0.8 * x + rng.normal(0, 0.7, groups)[g.astype(int) - 1] + rng.logistic(size=g.size)
    return pd.DataFrame({"g": g, "x": x, "y": np.searchsorted([-1.0, 0.5, 2.0], latent) + 1.0})


@pytest.mark.parametrize("typed", ["gf0", "gf1", "GF2"])
def test_me_evaltype_fits_the_same_model(new_session, run, typed):
    df = _ordinal_panel()
    plain, with_eval = new_session(df), new_session(df)
    out, rc = run(plain, "meologit y x || g:, intpoints(7)")
    assert rc == 0, out
    out, rc = run(with_eval, f"meologit y x || g:, intmethod(mv) evaltype({typed}) intpoints(7)")
    assert rc == 0, out
    assert with_eval.e.scalars["ll"] == pytest.approx(plain.e.scalars["ll"], abs=1e-9)
    assert np.allclose(with_eval.e.matrices["b"].values, plain.e.matrices["b"].values, atol=1e-9)


def test_me_evaltype_unknown_type_refused(new_session, run):
    s = new_session(_ordinal_panel())
    out, rc = run(s, "generate byte hi = y > 2\nmelogit hi x || g:, evaltype(nonsense)", stop_on_error=False)
    assert rc == 198 and "evaltype(nonsense) invalid" in out
    assert s.e is None


# ----------------------------------------------------------------------------- putexcel .xls
def _xls_cells(path):
    import xlrd

    book = xlrd.open_workbook(str(path), ragged_rows=True)
    return {sh.name: {(r, c): sh.cell(r, c).value for r in range(sh.nrows) for c in range(sh.row_len(r))
                      if sh.cell(r, c).ctype != xlrd.XL_CELL_EMPTY} for sh in book.sheets()}


def test_putexcel_writes_an_xls_workbook(new_session, run, tmp_path):
    path = tmp_path / "t.xls"
    out, rc = run(new_session(), f'matrix m = (1.5 \\ -2 \\ .)\nputexcel set "{path}", replace\n'
                                 'putexcel A1 = "label" A2 = "row"\nputexcel B2 = matrix(m)\nputexcel C1 = (2^10)')
    assert rc == 0, out
    assert "file" in out and "saved" in out
    assert _xls_cells(path) == {"Sheet1": {(0, 0): "label", (1, 0): "row", (1, 1): 1.5, (2, 1): -2.0,
                                           (0, 2): 1024.0}}


def test_putexcel_xls_modify_keeps_other_cells_and_sheets(new_session, run, tmp_path):
    path = tmp_path / "t.xls"
    s = new_session()
    out, rc = run(s, f'putexcel set "{path}", replace sheet("first")\nputexcel A1 = 1 B1 = "b"\n'
                     f'putexcel set "{path}", modify sheet("second")\nputexcel C3 = "c"\n'
                     f'putexcel set "{path}", modify sheet("first")\nputexcel A1 = 7')
    assert rc == 0, out
    assert _xls_cells(path) == {"first": {(0, 0): 7.0, (0, 1): "b"}, "second": {(2, 2): "c"}}
    out, rc = run(s, f'putexcel set "{path}", modify sheet("first", replace)\nputexcel B2 = 5')
    assert rc == 0, out
    assert _xls_cells(path) == {"first": {(1, 1): 5.0}, "second": {(2, 2): "c"}}


def test_putexcel_xls_not_overwritten_without_replace_or_modify(new_session, run, tmp_path):
    path = tmp_path / "t.xls"
    s = new_session()
    run(s, f'putexcel set "{path}", replace\nputexcel A1 = 1')
    before = path.read_bytes()
    out, rc = run(s, f'putexcel set "{path}"\nputexcel A1 = 2', stop_on_error=False)
    assert rc == 602 and path.read_bytes() == before


def test_putexcel_describe_names_the_xls_type(new_session, run, tmp_path):
    out, rc = run(new_session(), f'putexcel set "{tmp_path / "t.xls"}", replace\nputexcel describe')
    assert rc == 0 and "  Type:         xls" in out


def test_collect_style_single_sheet_xls_still_readable():
    """xls_bytes (collect export's one text sheet) after the writer learnt several sheets."""
    import xlrd

    from mlmcli.fileformats.xls_table import xls_bytes

    book = xlrd.open_workbook(file_contents=xls_bytes([["a", "b"], ["", "c"]]))
    sh = book.sheet_by_index(0)
    assert sh.name == "Table" and sh.cell(0, 1).value == "b" and sh.cell(1, 1).value == "c"


# ----------------------------------------------------------------------------- refused by name
@pytest.mark.parametrize("line, words", [
    ("dropbox", "Dropbox folder"),
])
def test_refused_by_name(new_session, run, line, words):
    out, rc = run(new_session(), line, stop_on_error=False)
    assert rc == 199
    assert f"unrecognized command:  {line.split()[0]}" in out and words in out


# ----------------------------------------------------------------------------- margins e(atstats#)
def test_margins_atstats_values_for_a_numlist_value_for_one_number(new_session, run):
    """_marg_at's words, which coefplot's at mode reads: ``values`` for x=(numlist), ``value``
    for x=#."""
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"y": rng.normal(size=50), "x": rng.normal(size=50), "z": rng.normal(size=50)})
    s = new_session(df)
    out, rc = run(s, "regress y x z\nmargins, at(x=(-1 0 1)) at(z=2) at(x=(5))")
    assert rc == 0, out
    assert [s.r[f"atstats{i}"] for i in range(1, 6)] == ["values asobserved"] * 3 + ["asobserved value",
                                                                                      "values asobserved"]


# ----------------------------------------------------------------------------- coefplot, at
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graphs_helpers import make_session as _graph_session  # noqa: E402
from graphs_helpers import run as _graph_run  # noqa: E402


def _plot(s, text):
    out, rc = _graph_run(s, text)
    assert rc == 0, out
    return (s.graphs[-1] if s.graphs else None), out


def _series(graph, kind):
    """The estimates' series are ``scatter`` (``connected`` when connect() is typed)."""
    kinds = ("scatter", "connected") if kind == "scatter" else (kind,)
    return [x for p in graph.panels for x in p.series if x.kind in kinds]


def test_coefplot_at_plots_margins_at_their_values():
    """heldout/curry-lee: margins, at(x=(0(.1)1)) post; est store; coefplot m1 m2, at ... connect(l):
    each margin at its at() value, vertical, no offsets, the estimates connected."""
    s = _graph_session()
    _plot(s, "regress y x\nmargins, at(x=(0(2.5)10)) post\nestimates store a\n"
             "regress y x z\nmargins, at(x=(0(5)10)) post\nestimates store b")
    b_a = np.asarray(s.estimates["a"].matrices["b"].values, float).ravel()
    V_b = np.asarray(s.estimates["b"].matrices["V"].values, float)
    b_b = np.asarray(s.estimates["b"].matrices["b"].values, float).ravel()
    graph, _ = _plot(s, 'coefplot a b, at xtitle("x") lwidth(*1) connect(l) plotlabels("A" "B")')
    marks = _series(graph, "scatter")
    np.testing.assert_allclose(marks[0].x, [0, 2.5, 5, 7.5, 10])    # vertical: the at() values along x
    np.testing.assert_allclose(marks[0].y, b_a, rtol=1e-12)
    np.testing.assert_allclose(marks[1].x, [0, 5, 10])              # no offsets in at mode
    np.testing.assert_allclose(marks[1].y, b_b, rtol=1e-12)
    spikes = _series(graph, "rspike")
    q = float(s.estimates["b"].scalars["df_r"])
    from scipy import stats

    half = stats.t.ppf(0.975, q) * np.sqrt(np.diag(V_b))
    np.testing.assert_allclose(spikes[1].y2 - spikes[1].y, 2 * half, rtol=1e-9)
    assert marks[0].kind == marks[1].kind == "connected"


def test_coefplot_at_number_and_horizontal():
    s = _graph_session()
    _plot(s, "regress y x z\nmargins, at(x=(1 9) z=(2 3)) post")
    graph, _ = _plot(s, "coefplot, at(2) horizontal")
    (marks,) = _series(graph, "scatter")
    np.testing.assert_allclose(marks.y, [2, 3, 2, 3])               # z, the second numlist variable
    graph, _ = _plot(s, "coefplot, at")
    np.testing.assert_allclose(_series(graph, "scatter")[0].x, [1, 1, 9, 9])


def test_coefplot_at_notes_and_refusals():
    s = _graph_session()
    _plot(s, "regress y x\nestimates store r\nmargins, at(x=(1 2)) post\nestimates store m")
    out, rc = _graph_run(s, "coefplot r, at", stop_on_error=True)
    # not margins' results: at is e(at) (coefplot_keepdrop), not found, so 1 for every coefficient
    assert "(r: e(at) not found)" in out and rc == 0
    out, rc = _graph_run(s, "coefplot r, at(_coef)", stop_on_error=True)
    # the names as numbers: none, so the ado's note; twoway then has nothing to draw
    assert "(r: could not determine 'at')" in out and rc == 2000
    for line, message in [("coefplot m, at order(x)", "at() and order() not both allowed"),
                          ("coefplot m, at grid(between)", "at() and grid() not both allowed"),
                          ("coefplot m, at bycoefs", "at() and bycoefs not both allowed"),
                          ("coefplot m (m, at)", "must specify at for all or none")]:
        out, rc = _graph_run(s, line, stop_on_error=True)
        assert rc == 198 and message in out, (line, out)


def test_coefplot_global_plot_options_go_on_the_estimates():
    """coefplot.ado hands options twoway does not take globally to each plot's scatter."""
    s = _graph_session()
    graph, _ = _plot(s, "regress y x z\ncoefplot, drop(_cons) connect(l) lpattern(dash)")
    (marks,) = _series(graph, "scatter")
    assert marks.kind == "connected"


@pytest.mark.parametrize("line, words", [("putexcel IW1 = 1", "outside an Excel 97-2003 worksheet"),
                                         ("putexcel A65537 = 1", "outside an Excel 97-2003 worksheet"),
                                         ('putexcel A1 = "' + "x" * 256 + '"', "text of 256 characters")])
def test_putexcel_xls_bounds_refused_file_untouched(new_session, run, tmp_path, line, words):
    """A BIFF8 sheet has 256 columns and 65,536 rows and a LABEL holds 255 characters ([MS-XLS]):
    beyond them mlm refuses rather than truncating; the workbook is left as it was."""
    path = tmp_path / "t.xls"
    s = new_session()
    run(s, f'putexcel set "{path}", replace\nputexcel A1 = 1')
    before = path.read_bytes()
    out, rc = run(s, line, stop_on_error=False)
    assert rc == 198 and words in out and path.read_bytes() == before
    out, rc = run(s, 'putexcel IV65536 = "' + "y" * 255 + '"')
    assert rc == 0, out
    assert _xls_cells(path)["Sheet1"][(65535, 255)] == "y" * 255


def test_mata_reldif_and_mreldif(new_session, run):
    s = new_session()
    out, rc = run(s, "mata:\nx = (1,2\\3,4)\ny = (1,2\\3,5)\nst_numscalar(\"m\", mreldif(x, y))\n"
                     "st_matrix(\"r\", reldif(x, 2))\nend")
    assert rc == 0, out
    assert float(s.scalars["m"]) == pytest.approx(1 / 6, rel=1e-15)
    assert np.allclose(s.matrices["r"].values, [[1 / 3, 0], [1 / 3, 2 / 3]], rtol=1e-15)
    out, rc = run(s, "mata: mreldif((1,2), (1\\2))", stop_on_error=False)
    assert rc == 3200

"""[P] programming commands (round 96): _return hold/restore/drop/dir, _estimates
hold/unhold/dir/drop/clear, matrix accum/vecaccum/glsaccum/opaccum and matrix score (checked
against numpy computed here from the same data), confirm's matrix/scalar/format/type forms,
markin, _datasignature, discard, pause, more, unabcmd, findfile, and the text forvalues and
numlist give large and small numbers."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(96)
    n = 60
    g = np.repeat(np.arange(1, 7), 10)
    x = rng.normal(size=n)
    z = rng.integers(0, 3, size=n).astype(float)
    y = 1 + 2 * x + rng.normal(size=n)
    x[4] = np.nan
    w = rng.integers(1, 4, size=n).astype(float)
    r = np.tile(np.arange(1, 11), 6).astype(float)
    return pd.DataFrame({"y": y, "x": x, "z": z, "g": g.astype(float), "w": w, "r": r})


@pytest.fixture
def session(new_session, data):
    return new_session(data)


def _ok(run, session, text):
    printed, rc = run(session, text)
    assert rc == 0, printed
    return printed


def _matrix(session, name):
    m = session.matrices[name]
    return np.atleast_2d(np.asarray(m.values, float)), tuple(m.rownames), tuple(m.colnames)


# ------------------------------------------------------------------ _return
def test_return_hold_restore_drop_and_dir(session, run):
    _ok(run, session, "summarize y\n_return hold h1")
    assert session.r == {}
    mean = float(np.mean(session.data.numeric("y")))
    out = _ok(run, session, "summarize x\n_return dir\n_return restore h1, hold")
    assert "h1" in out and session.r["mean"] == pytest.approx(mean)
    _ok(run, session, "_return restore h1")
    printed, rc = run(session, "_return restore h1")
    assert rc == 111 and "h1 not found" in printed
    _ok(run, session, "_return hold a\n_return hold b")
    printed, rc = run(session, "_return hold a")
    assert rc == 110
    _ok(run, session, "_return drop a")
    assert list(session.return_holds) == ["b"]
    _ok(run, session, "_return drop _all")
    assert session.return_holds == {}
    assert run(session, "_return frobnicate x")[1] == 198


def test_return_hold_under_a_tempname_goes_with_the_program(session, run):
    _ok(run, session, "program define p96\n tempname h\n summarize y\n _return hold `h'\nend\np96")
    assert session.return_holds == {}


# ------------------------------------------------------------------ _estimates
def test_estimates_hold_unhold_moves_and_copies(session, run):
    _ok(run, session, "quietly regress y x\n_estimates hold m1")
    assert session.e is None
    assert run(session, "regress")[1] == 301
    out = _ok(run, session, "_estimates dir")
    assert "m1" in out and session.r["names"] == "m1"
    _ok(run, session, "_estimates unhold m1")
    assert session.e is not None and session.e.scalars["N"] == 59
    _ok(run, session, "_estimates hold m2, copy")
    assert session.e is not None
    assert run(session, "_estimates hold m2")[1] == 110
    assert run(session, "_estimates unhold nothere")[1] == 111
    _ok(run, session, "_estimates unhold m2, not\n_estimates clear")
    assert session.estimate_holds == {}


def test_estimates_hold_nullok_and_varname(session, run):
    _ok(run, session, "ereturn clear")
    printed, rc = run(session, "_estimates hold x")
    assert rc == 301 and "last estimates not found" in printed
    _ok(run, session, "_estimates hold x, nullok\n_estimates unhold x")
    _ok(run, session, "quietly regress y x if g < 4\n_estimates hold m, varname(es)")
    es = session.data.numeric("es")
    expected = (session.data.numeric("g") < 4) & ~np.isnan(session.data.numeric("x"))
    assert np.array_equal(es == 1, expected)
    _ok(run, session, "_estimates unhold m")
    assert not session.data.has_variable("es")


def test_estimates_hold_restore_comes_back_when_the_program_ends(session, run):
    _ok(run, session, "quietly regress y x\n"
                      "program define p96b\n tempname h\n _estimates hold `h', restore\n"
                      " quietly regress y z\nend\np96b")
    assert "x" in session.e.matrices["b"].colnames
    assert session.estimate_holds == {}


def test_estimates_drop_names_and_all(session, run):
    _ok(run, session, "quietly regress y x\n_estimates hold a, copy\n_estimates hold b, copy\n_estimates hold c")
    _ok(run, session, "_estimates drop a b")
    assert list(session.estimate_holds) == ["c"]
    assert run(session, "_estimates drop zz")[1] == 111
    _ok(run, session, "_estimates drop _all")
    assert session.estimate_holds == {}


# ------------------------------------------------------------------ matrix accum family
def _complete(data, cols):
    keep = np.ones(len(data), bool)
    for c in cols:
        keep &= data[c].notna().to_numpy()
    return keep


def test_matrix_accum_is_x_prime_x_with_cons_last(session, run, data):
    out = _ok(run, session, "matrix accum A = y x")
    keep = _complete(data, ["y", "x"])
    X = np.column_stack([data.y[keep], data.x[keep], np.ones(keep.sum())])
    A, rows, cols = _matrix(session, "A")
    assert rows == cols == ("y", "x", "_cons")
    assert np.allclose(A, X.T @ X, rtol=1e-12)
    assert "(obs=59)" in out and session.r == {"N": 59.0}


def test_matrix_accum_deviations_noconstant_gives_the_covariance(session, run, data):
    _ok(run, session, "matrix accum C = y x, deviations noconstant\nmatrix C = C/(r(N)-1)")
    keep = _complete(data, ["y", "x"])
    C, _, _ = _matrix(session, "C")
    assert np.allclose(C, np.cov(np.column_stack([data.y[keep], data.x[keep]]).T), rtol=1e-12)


def test_matrix_accum_means_factor_variables_and_fweights(session, run, data):
    _ok(run, session, "matrix accum A = y i.z [fw=w], means(m)")
    keep = _complete(data, ["y"])
    w = data.w[keep].to_numpy()
    z = data.z[keep].to_numpy()
    X = np.column_stack([data.y[keep], z == 0, z == 1, z == 2, np.ones(keep.sum())]).astype(float)
    X[:, 1] = 0  # the base level is a column of zeros
    A, rows, _ = _matrix(session, "A")
    assert rows == ("y", "0b.z", "1.z", "2.z", "_cons")
    assert np.allclose(A, X.T @ (X * w[:, None]), rtol=1e-12)
    m, _, _ = _matrix(session, "m")
    assert np.allclose(m[0], (w @ X) / w.sum())
    assert session.r["N"] == w.sum()


def test_matrix_accum_aweights_are_scaled_to_n(session, run, data):
    _ok(run, session, "matrix accum A = y [aw=w], noconstant")
    w = data.w.to_numpy() * len(data) / data.w.sum()
    assert _matrix(session, "A")[0][0, 0] == pytest.approx(float(w @ data.y.to_numpy() ** 2), rel=1e-12)


def test_matrix_accum_absorb_centres_within_groups(session, run, data):
    _ok(run, session, "matrix accum A = y x, absorb(g)")
    d = data[_complete(data, ["y", "x"])]
    centred = d[["y", "x"]] - d.groupby("g")[["y", "x"]].transform("mean")
    A, rows, _ = _matrix(session, "A")
    assert rows == ("y", "x")
    assert np.allclose(A, centred.to_numpy().T @ centred.to_numpy(), rtol=1e-10)
    assert session.r["k_absorb"] == 6


def test_matrix_vecaccum_is_first_variable_against_the_rest(session, run, data):
    _ok(run, session, "matrix vecaccum a = y x z")
    keep = _complete(data, ["y", "x", "z"])
    X = np.column_stack([data.x[keep], data.z[keep], np.ones(keep.sum())])
    a, rows, cols = _matrix(session, "a")
    assert rows == ("y",) and cols == ("x", "z", "_cons")
    assert np.allclose(a[0], data.y[keep].to_numpy() @ X)
    assert session.r["N"] == 59


def test_matrix_glsaccum_and_opaccum_by_groups(session, run, data):
    W = np.array([[1.0 / (1 + abs(i - j)) for j in range(10)] for i in range(10)])
    rows_text = " \\ ".join(", ".join(f"{v:.17g}" for v in row) for row in W)
    _ok(run, session, f"matrix W = ({rows_text})\n"
                      "matrix glsaccum G = x z, group(g) glsmat(W) row(r)\n"
                      "matrix opaccum O = x z, group(g) opvar(y)")
    keep = _complete(data, ["x", "z"])
    d = data[keep]
    G = np.zeros((3, 3))
    O = np.zeros((3, 3))
    for _, part in d.groupby("g"):
        X = np.column_stack([part.x, part.z, np.ones(len(part))])
        idx = part.r.to_numpy().astype(int) - 1
        G += X.T @ W[np.ix_(idx, idx)] @ X
        s = X.T @ part.y.to_numpy()
        O += np.outer(s, s)
    assert np.allclose(_matrix(session, "G")[0], G, rtol=1e-10)
    assert np.allclose(_matrix(session, "O")[0], O, rtol=1e-10)


def test_matrix_accum_errors(session, run):
    assert run(session, "matrix accum A = nothere")[1] == 111
    assert run(session, "matrix accum A")[1] == 198
    assert run(session, "matrix glsaccum A = x, group(g) row(r)")[1] == 198
    assert run(session, "matrix glsaccum A = x, group(g) glsmat(NOPE) row(r)")[1] == 111
    assert run(session, "matrix accum A = y if g > 99")[1] == 2000


# ------------------------------------------------------------------ matrix score
def test_matrix_score_reproduces_the_linear_prediction(session, run):
    _ok(run, session, "quietly regress y x i.z\nmatrix b = e(b)\nmatrix score double s = b\npredict double p, xb")
    s, p = session.data.numeric("s"), session.data.numeric("p")
    assert np.allclose(s, p, equal_nan=True, rtol=1e-12)
    assert run(session, "matrix score s = b")[1] == 110
    _ok(run, session, "matrix score s = b if g == 1, replace")
    assert np.isnan(session.data.numeric("s")[session.data.numeric("g") != 1]).all()


def test_matrix_score_forcezero_and_equations(session, run, data):
    _ok(run, session, "matrix c = (2, 3)\nmatrix colnames c = y nothere")
    assert run(session, "matrix score a = c")[1] == 111
    _ok(run, session, "matrix score double a = c, forcezero")
    assert np.allclose(session.data.numeric("a"), 2 * data.y)
    _ok(run, session, "matrix d = (1, 10)\nmatrix colnames d = one:y two:y\nmatrix score double e2 = d, equation(two)")
    assert np.allclose(session.data.numeric("e2"), 10 * data.y)
    assert run(session, "matrix score e3 = d, equation(three)")[1] == 303


# ------------------------------------------------------------------ confirm, markin, _datasignature
@pytest.mark.parametrize("text, rc", [
    ("matrix M", 0), ("matrix Q", 111), ("scalar s", 0), ("scalar t", 111), ("format %9.2f", 0),
    ("format %junk", 7), ("numeric format %9s", 7), ("string format %12s", 0), ("date format %td", 0),
    ("date format %9.0g", 7), ("double variable yd", 0), ("float variable yd", 7), ("byte variable y", 7), ("str variable y", 7),
    ("date variable y", 198),
])
def test_confirm_forms(session, run, text, rc):
    _ok(run, session, "matrix M = (1)\nscalar s = 1\ngenerate double yd = y")
    printed, got = run(session, f"confirm {text}")
    assert got == rc, printed


def test_markin_zeroes_what_if_and_in_leave_out(session, run):
    _ok(run, session, "mark t\nmarkin t if z == 1 in 1/30")
    expected = (session.data.numeric("z") == 1) & (np.arange(60) < 30)
    assert np.array_equal(session.data.numeric("t") == 1, expected)


def test__datasignature_of_varlist_and_sample(session, run):
    _ok(run, session, "_datasignature y x in 1/10")
    sig = session.r["datasignature"]
    assert sig.startswith("10:2(")
    _ok(run, session, "quietly regress y x in 1/10\n_datasignature y x, esample")
    assert session.r["datasignature"].startswith("9:2(")
    _ok(run, session, "_datasignature")
    whole = session.r["datasignature"]
    _ok(run, session, "datasignature")
    assert session.r["datasignature"] == whole
    assert run(session, "_datasignature, nonames")[1] == 198


# ------------------------------------------------------------------ discard, pause, more, unabcmd, findfile
def test_discard_clears_results_and_keeps_data_and_programs(session, run):
    _ok(run, session, "program define keep96\nend\nquietly regress y x\nestimates store m1\nsummarize y\ndiscard")
    assert session.e is None and session.r == {} and session.estimates == {}
    assert "keep96" in session.programs and session.data.nobs == 60


def test_pause_only_speaks_when_on_and_more_is_silent(session, run):
    assert _ok(run, session, "pause look here") == ""
    assert "pause:  look here" in _ok(run, session, "pause on\npause look here\npause off")
    assert _ok(run, session, "more") == ""


def test_unabcmd(session, run):
    _ok(run, session, "unabcmd reg")
    assert session.r["cmd"] == "regress"
    assert run(session, "unabcmd frobnicate")[1] == 199


def test_findfile(session, run, tmp_path):
    (tmp_path / "f").mkdir()
    (tmp_path / "f" / "foo96.ado").write_text("*\n")
    out = _ok(run, session, f'findfile foo96.ado, path("{tmp_path}")')
    assert session.r["fn"] == str(tmp_path / "f" / "foo96.ado") and "foo96.ado" in out
    assert run(session, f'findfile foo96.ado, path("{tmp_path}") nodescend')[1] == 601


# ------------------------------------------------------------------ numbers as loop and numlist text
def test_large_and_small_numbers_in_numlist_and_loops(session, run):
    _ok(run, session, 'numlist "1e16 1e300 1.5e20 2.5e-12 .1"')
    assert session.r["numlist"] == "10000000000000000 1.0000000000e+300 1.50000000000e+20 2.50000000000e-12 .1"
    _ok(run, session, 'local z = 1e20\nforeach v of numlist 1e20 {\nlocal w `v\'\n}')
    assert session.locals["w"] == session.locals["z"] == "1.00000000000e+20"
    _ok(run, session, "local s\nforvalues i = 0(.1).5 {\nlocal s `s' `i'\n}")
    assert session.locals["s"].split() == ["0", ".1", ".2", ".3", ".4", ".5"]


def test_svymarkout_marks_out_missing_design_variables(session, run):
    _ok(run, session, "mark t\nsvymarkout t")  # not svyset: nothing changes
    assert session.data.numeric("t").sum() == 60
    _ok(run, session, "replace g = . in 1/3\nsvyset g [pw=w]\nsvymarkout t")
    assert session.data.numeric("t").sum() == 57
    assert run(session, "svymarkout")[1] == 198


def test_matlist_lays_out_names_values_and_the_lower_triangle(session, run):
    out = _ok(run, session, "matrix A = (1, 2 \\ 2, 5)\nmatrix rownames A = r1 r2\nmatrix colnames A = c1 c2\nmatlist A")
    lines = out.splitlines()
    assert lines[1] == "             |         c1         c2"
    assert lines[3] == "          r1 |          1" and lines[4] == "          r2 |          2          5"
    out = _ok(run, session, "matlist A, nohalf format(%5.1f) title(T)")
    assert "T" in out.splitlines() and "          r1 |    1.0    2.0" in out.splitlines()
    assert run(session, "matlist A, border(all)")[1] == 198
    assert run(session, "matlist nothere")[1] == 111

"""postfile/post/postclose/postutil, infile/infix, import excel, drawnorm."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ----------------------------------------------------------------------------- post
def test_postfile_collects_rows_and_writes_at_close(do, here):
    rc, out, s = do("tempname h\npostfile `h' double b str8 name n using sim, replace\n"
                    "forvalues i = 1/3 {\npost `h' (`i'/3) (\"run`i'\") (`i'*2)\n}\npostclose `h'\n"
                    "use sim, clear")
    assert rc == 0, out
    df = s.data.df
    assert list(df["name"]) == ["run1", "run2", "run3"] and list(df["n"]) == [2, 4, 6]
    assert df["b"][0] == 1 / 3 and s.data.types == {"b": "double", "name": "str8", "n": "float"}


def test_post_errors(do, here):
    rc, out, s = do("postfile h x y using res")
    assert rc == 0
    for line, code, message in [("post h (1)", 198, "post: 2 expressions expected and 1 found"),
                                ('post h ("a") (1)', 109, "type mismatch"), ("post nosuch (1) (2)", 111, "post nosuch not found"),
                                ("postfile h z using other", 110, "postname h already in use")]:
        rc, out, s = do(line, session=s)
        assert rc == code and message in out
    rc, out, s = do("post h (1) (2)\npostutil dir", session=s)
    assert "(1 observations posted)" in out or "(1 observation" in out
    rc, out, s = do("postutil clear\nuse res", session=s)
    assert rc == 0 and s.data.nobs == 1 and not s.postfiles
    rc, out, _ = do("postfile p x using res")
    assert rc == 602 and "already exists" in out


# ----------------------------------------------------------------------------- infile, infix
def test_infile_free_format(do, here):
    (here / "hosp.raw").write_text('1 2.5 "a b" 3\n4 . c\n 6\n7 x d 8')
    rc, out, s = do("infile id x str5 s y using hosp")
    assert rc == 0 and out == "(3 observations read)\n"
    df = s.data.df
    assert list(df["id"]) == [1, 4, 7] and list(df["s"]) == ["a b", "c", "d"] and np.isnan(df["x"][2])
    rc, out, s = do("infile a _skip(2) b using hosp.raw if a > 1, clear", session=s)
    assert list(s.data.df["b"]) == [6, 8]
    rc, out, s = do("infile q using hosp.raw", session=s)
    assert rc == 18 and "you must start with an empty dataset" in out
    assert do("infile q using nosuch")[0] == 601


def test_infix_columns(do, here):
    (here / "fixed.txt").write_text("001Ann  23\n002Bob  45\n")
    rc, out, s = do("infix id 1-3 str name 4-8 int age 9-10 using fixed.txt")
    assert rc == 0 and out == "(2 observations read)\n"
    assert list(s.data.df["name"]) == ["Ann", "Bob"] and s.data.types["age"] == "int" and s.data.types["name"] == "str5"
    assert do("infix id 3-1 using fixed.txt")[0] == 198


# ----------------------------------------------------------------------------- import excel
def test_import_excel(do, here):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["id", "score"])
    ws.append([1, 2.5])
    ws.append([2, 3.5])
    wb.save(here / "g.xlsx")
    rc, out, s = do('import excel "g.xlsx", sheet("Data") firstrow')
    assert rc == 0 and list(s.data.df["score"]) == [2.5, 3.5]
    rc, out, s = do("import excel using g, describe", session=s)
    assert "Data | A1:B3" in out and s.r["N_worksheet"] == 1
    rc, out, s = do('import excel g.xlsx, sheet("Nope") clear', session=s)
    assert rc == 601 and "worksheet Nope not found" in out and list(s.data.df.columns) == ["id", "score"]
    rc, out, _ = do("import excel g.xlsx, case(title)")
    assert rc == 198
    # firstrow abbreviates to first (public do-files: `import excel using f, first clear`)
    rc, out, s = do("import excel using g, first clear")
    assert rc == 0 and list(s.data.df.columns) == ["id", "score"]
    assert do("import excel using g, firs clear")[0] == 198
    rc, out, _ = do("import stata x")
    assert rc == 198 and "import: unknown subcommand stata" in out


# ----------------------------------------------------------------------------- drawnorm
def test_drawnorm_moments_and_reproducibility(do, new_session):
    rc, out, s = do("set seed 1\nset obs 20000\ndrawnorm a b, corr(1 .5 .5 1) sds(2 3) means(1 2)")
    assert rc == 0, out
    df = s.data.df
    assert abs(df.a.mean() - 1) < 0.05 and abs(df.b.std() - 3) < 0.05
    assert abs(np.corrcoef(df.a, df.b)[0, 1] - 0.5) < 0.02
    rc, out, s2 = do("set seed 1\nset obs 20000\ndrawnorm a b, corr(1 .5 .5 1) sds(2 3) means(1 2)")
    assert np.array_equal(s2.data.df.a, df.a)


def test_drawnorm_named_matrix_n_clear_and_errors(do, new_session):
    from mlmcli.results.matrix import Matrix
    s = new_session()
    s.matrices = {"M": Matrix(np.array([[1.0, 0.3], [0.3, 1.0]]), ("r1", "r2"), ("c1", "c2"))}
    rc, out, s = do("drawnorm x e, corr(M) n(4) double", session=s)
    assert rc == 0 and out == "(obs 4)\n" and s.data.types["x"] == "double" and s.data.nobs == 4
    rc, out, s = do("drawnorm x y z, n(3) clear cov(1 .2 1 0 0 1) cstorage(lower)", session=s)
    assert rc == 0 and s.data.varnames == ["x", "y", "z"]
    for line, code in [("drawnorm u v, corr(N)", 111), ("drawnorm u v, corr(1 2 2 1)", 498),
                       ("drawnorm u v, cov(1 2 2 1)", 506), ("drawnorm u v, sds(1 2 3)", 503),
                       ("drawnorm w, n(5)", 198), ("drawnorm x", 110)]:
        before = s.data.df.copy()
        assert do(line, session=s)[0] == code, line
        pd.testing.assert_frame_equal(s.data.df, before)
    rc, out, _ = do("drawnorm a")
    assert rc == 2000

"""Options the help pages document, honoured (or refused) rather than silently ignored:
``anova, dropemptycells``, ``ereturn post/repost`` findomitted/resize and ``ereturn display``
neq()/plus, esttab ``note()``, ``translate ..., name()``, ``copy ..., public``, ``estimates
describe using file, number(#)``, ``assert ..., null``, ``duplicates list, fast``."""
from __future__ import annotations

import os
import stat

import numpy as np
import pandas as pd
import pytest


def test_anova_dropemptycells_leaves_the_empty_cells_out_of_eb(do):
    df = pd.DataFrame({"y": [1.0, 2, 3, 4, 5, 6, 7, 8], "a": [1.0, 1, 2, 2, 1, 1, 2, 2],
                       "b": [1.0, 2, 1, 1, 1, 2, 1, 3]})  # cell a=2, b=2 and a=1, b=3 are empty
    rc, out, s = do("anova y a##b", df=df)
    assert rc == 0, out
    kept = s.e.matrices["b"].colnames
    rc, out, s = do("anova y a##b, dropemptycells", df=df)
    assert rc == 0, out
    dropped = s.e.matrices["b"].colnames
    assert len(dropped) < len(kept) and set(dropped) < set(kept)
    assert s.e.matrices["V"].values.shape == (len(dropped), len(dropped))


def _post_lines():
    return ("matrix b = (1, 0, 3)\nmatrix colnames b = x 2.f _cons\n"
            "matrix V = (1, 0, 0 \\ 0, 0, 0 \\ 0, 0, 4)\nmatrix colnames V = x 2.f _cons\n"
            "matrix rownames V = x 2.f _cons\n")


def test_ereturn_post_findomitted_marks_zero_variance_coefficients(do):
    rc, out, s = do(_post_lines() + "ereturn post b V, findomitted")
    assert rc == 0, out
    assert s.e.matrices["b"].colnames == ("x", "2o.f", "_cons")
    rc, out, s = do(_post_lines() + "ereturn post b V")
    assert s.e.matrices["b"].colnames == ("x", "2.f", "_cons")
    rc, out, s = do(_post_lines() + "matrix b2 = e(b)\nmatrix V2 = e(V)\nereturn post b V\n"
                    "matrix b2 = (5, 0, 6)\nmatrix colnames b2 = x 2.f _cons\nereturn repost b = b2, findomitted")
    assert rc == 0, out
    assert s.e.matrices["b"].colnames == ("x", "2o.f", "_cons")


def test_ereturn_repost_needs_resize_for_another_size(do):
    text = _post_lines() + "ereturn post b V\nmatrix c = (1, 2)\nmatrix colnames c = x _cons\n"
    rc, out, s = do(text + "matrix W = I(2)\nmatrix colnames W = x _cons\nmatrix rownames W = x _cons\n"
                    "ereturn repost b = c V = W")
    assert rc == 503 and "conformability error" in out
    assert s.e.matrices["b"].values.shape == (1, 3)
    rc, out, s = do(text + "matrix W = I(2)\nmatrix colnames W = x _cons\nmatrix rownames W = x _cons\n"
                    "ereturn repost b = c V = W, resize")
    assert rc == 0, out
    assert s.e.matrices["b"].colnames == ("x", "_cons")


def test_ereturn_display_neq_and_plus(do):
    text = ("matrix b = (1, 2, 3)\nmatrix colnames b = a:x a:_cons b:_cons\n"
            "matrix V = I(3)\nmatrix colnames V = a:x a:_cons b:_cons\nmatrix rownames V = a:x a:_cons b:_cons\n"
            "ereturn post b V\n")
    rc, out, _ = do(text + "ereturn display")
    assert rc == 0 and out.rstrip().splitlines()[-1].startswith("-----") and "+" not in out.rstrip().splitlines()[-1]
    rc, out, _ = do(text + "ereturn display, neq(1)")
    assert rc == 0 and "\nb " not in out and "           b |" not in out
    rc, out, _ = do(text + "ereturn display, plus")
    assert rc == 0 and out.rstrip().splitlines()[-1] == "-" * 13 + "+" + "-" * 64


def test_esttab_note_replaces_the_standard_note(do):
    text = ("matrix b = (1.5, 2)\nmatrix colnames b = x _cons\nmatrix V = (0.25, 0 \\ 0, 1)\n"
            "matrix colnames V = x _cons\nmatrix rownames V = x _cons\nereturn post b V, obs(10)\n"
            "ereturn local cmd \".\"\nestimates store m1\n")  # store needs e(cmd) (estimates.ado)
    rc, out, _ = do(text + 'esttab m1, note("Source: survey")')
    assert rc == 0, out
    assert "Source: survey" in out and "z statistics in parentheses" not in out
    assert "* p<0.05, ** p<0.01, *** p<0.001" in out


def test_translate_name_refused(do, tmp_path):
    src = tmp_path / "a.smcl"
    src.write_text("{smcl}\n{txt}hello\n")
    rc, out, _ = do(f'translate "{src}" "{tmp_path / "a.log"}", name(Viewer)')
    assert rc == 198 and "name()" in out and not (tmp_path / "a.log").exists()
    rc, out, _ = do(f'translate @Results "{tmp_path / "b.log"}"')
    assert rc == 198


def test_copy_public_makes_the_copy_readable_by_all(do, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("x")
    old = os.umask(0o077)
    try:
        rc, out, _ = do(f'copy "{src}" "{tmp_path / "b.txt"}"\ncopy "{src}" "{tmp_path / "c.txt"}", public')
    finally:
        os.umask(old)
    assert rc == 0, out
    assert not os.stat(tmp_path / "b.txt").st_mode & stat.S_IROTH
    assert os.stat(tmp_path / "c.txt").st_mode & stat.S_IROTH


def test_estimates_describe_number(do, tmp_path):
    path = tmp_path / "m.ster"
    text = ("matrix b = (1, 2)\nmatrix colnames b = x _cons\nereturn post b\n"
            'ereturn local cmd "mine"\n'  # estimates save needs e(cmd) (estimates.ado's EstSave)
            f'estimates save "{path}", replace\n')
    rc, out, _ = do(text + f'estimates describe using "{path}", number(1)')
    assert rc == 0, out
    rc, out, _ = do(text + f'estimates describe using "{path}", number(2)')
    assert rc == 111 and "estimation result set not found" in out
    rc, out, _ = do(text + "estimates describe, number(1)")
    assert rc == 198


def test_assert_null(do):
    df = pd.DataFrame({"x": [1.0, 2, 3]})
    rc, out, _ = do("assert x > 0 if x > 5", df=df)
    assert rc == 0
    rc, out, _ = do("assert x > 0 if x > 5, null", df=df)
    assert rc == 8
    rc, out, _ = do("assert x > 0, null", df=df)
    assert rc == 0


def test_duplicates_list_fast_uses_the_display_formats(do):
    df = pd.DataFrame({"x": [1.0, 1, 2]})
    rc, out, _ = do("duplicates list x", df=df)
    compressed = max(len(ln) for ln in out.splitlines())
    rc, out, _ = do("duplicates list x, fast", df=df)
    assert rc == 0
    assert max(len(ln) for ln in out.splitlines()) > compressed  # x as wide as %9.0g, not its 1 digit
    rc, out2, _ = do("duplicates list x, fast compress", df=df)
    assert max(len(ln) for ln in out2.splitlines()) == compressed


def test_ereturn_display_eform_shows_base_and_omitted_rows_as_one(do):
    """Base and omitted coefficients print as every exponentiated table prints them: ``1
    (omitted)``, ``1  (base)`` with baselevels (hidden by default), in the factor layout."""
    text = ("matrix b = (0.5, 0, 0, 0.25, 1)\nmatrix colnames b = x o.x2 1b.f 2.f _cons\n"
            "matrix V = I(5) * 0.01\nmatrix V[2,2] = 0\nmatrix V[3,3] = 0\n"
            "matrix colnames V = x o.x2 1b.f 2.f _cons\nmatrix rownames V = x o.x2 1b.f 2.f _cons\n"
            "ereturn post b V\n")
    rc, out, _ = do(text + "ereturn display, eform(OR) baselevels")
    assert rc == 0, out
    lines = out.splitlines()
    assert "          x2 |          1  (omitted)" in lines
    assert "          1  |          1  (base)" in lines
    assert "           f |" in lines
    assert any(ln.startswith("          2  |   1.284025") for ln in lines)
    assert not any("_cons" in ln for ln in lines)
    rc, out, _ = do(text + "ereturn display, eform(OR)")
    assert rc == 0 and "(base)" not in out and "          x2 |          1  (omitted)" in out.splitlines()
    rc, out, _ = do(text + "ereturn display")
    assert rc == 0 and "          x2 |          0  (omitted)" in out.splitlines()
    assert "       _cons |          1" in out

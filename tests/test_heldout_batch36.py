"""Held-out batch 36 (tests/realworld/README.md, thirty-sixth batch): what its files needed.

- ``foreach X of any list``: the ``anylist`` type of the old ``for`` command, undocumented in
  [P] foreach but accepted by Stata (public ado files use it): the list taken word by word
  like ``in``, macros in it expanded, ``of anylist`` spelled out too.
- outreg2's ``bracket`` (every statistic beside the coefficient in square brackets, no note
  on what is in them: outreg2.ado's makeFile builds that note from parenList, which bracket
  leaves empty) and ``noparen`` (no enclosing at all), and ``bdec()``'s abbreviation ``bd()``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def reg_data():
    rng = np.random.default_rng(3601)
    x = rng.normal(size=80)
    return pd.DataFrame({"x": x, "y": 1 + 0.5 * x + rng.normal(size=80)})


@pytest.mark.parametrize("kind", ["any", "anyl", "anylist"])
def test_foreach_of_any_is_a_general_list(do, kind):
    rc, out, s = do(f'local more "c d"\nlocal seen\nforeach X of {kind} a b `more\' 7 {{\n'
                    f'    local seen `seen\'<`X\'>\n}}\ndisplay "`seen\'"')
    assert rc == 0, out
    assert s.locals["seen"] == "<a><b><c><d><7>"


def test_foreach_of_any_renames_abbreviated_variables(do):
    """The Koren-Tenreyro form: ren var_`X' `X' over words that abbreviate variable names."""
    df = pd.DataFrame({"var_reffeexchangerate": [1.0, 2.0], "var_exchangerate": [3.0, 4.0],
                       "var_tot": [5.0, 6.0]})
    rc, out, s = do("foreach X of any tot ref exc {\n    ren var_`X' `X'\n}", df)
    assert rc == 0, out
    assert list(s.data.df.columns) == ["ref", "exc", "tot"]
    assert s.data.df["ref"].tolist() == [1.0, 2.0]


def test_foreach_of_an_unknown_list_type_is_refused(do):
    rc, out, _s = do("foreach X of anything a b {\n    display `X'\n}")
    assert rc == 198


def _table(path):
    return [line.split("\t") for line in open(path, encoding="utf-8").read().splitlines()]


def _se_text(rows):
    for k, row in enumerate(rows):
        if row[0] == "x":
            return rows[k + 1][1]
    raise AssertionError(rows)


def test_outreg2_bracket_encloses_the_standard_errors_in_square_brackets(do, reg_data, tmp_path):
    import statsmodels.api as sm

    fit = sm.OLS(reg_data["y"], sm.add_constant(reg_data["x"])).fit()
    out_file = tmp_path / "t.xls"
    rc, out, _s = do(f'regress y x\noutreg2 using "{out_file}", label bracket bdec(3) replace', reg_data)
    assert rc == 0, out
    rows = _table(out_file.with_suffix(".txt")) if out_file.with_suffix(".txt").exists() else _table(out_file)
    se = _se_text(rows)
    assert se.startswith("[") and se.endswith("]")
    assert float(se.strip("[]")) == pytest.approx(fit.bse["x"], abs=6e-4)
    text = "\n".join("\t".join(r) for r in rows)
    assert "in parentheses" not in text and "in brackets" not in text
    assert "p<0.01" in text  # the stars' note stays


def test_outreg2_default_and_noparen(do, reg_data, tmp_path):
    plain, bare = tmp_path / "p.txt", tmp_path / "n.txt"
    rc, out, _s = do(f'regress y x\noutreg2 using "{plain}", replace\noutreg2 using "{bare}", noparen bd(2) replace',
                     reg_data)
    assert rc == 0, out
    assert _se_text(_table(plain)).startswith("(")
    assert "Standard errors in parentheses" in plain.read_text()
    se = _se_text(_table(bare))
    assert se[0].isdigit() and len(se.split(".")[1]) == 2
    assert "in parentheses" not in bare.read_text()

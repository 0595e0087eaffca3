"""list's ``divider`` (columns parted by ``|``, the inner rules crossed by ``+``: the layout of
Stata's lfit table in [R] estat gof, which lists with divider) and ``subvarname`` (the
``char var[varname]`` heads the column; mlt2stage lists with both)."""
from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture
def df():
    return pd.DataFrame({"id": [1, 2, 3], "a": [1.5, 2.25, 10.0], "b": [22, 3, 4]})


def _body(out):
    return out.rstrip("\n").split("\n")[1:]


def test_divider(do, df):
    rc, out, _ = do("list, divider", df=df)
    assert rc == 0
    assert _body(out) == ["     +----------------+",
                          "     | id |    a |  b |",
                          "     |----+------+----|",
                          "  1. |  1 |  1.5 | 22 |",
                          "  2. |  2 | 2.25 |  3 |",
                          "  3. |  3 |   10 |  4 |",
                          "     +----------------+"]


def test_divider_separator_noobs_subvarname(do, df):
    rc, out, _ = do('char a[varname] "Constant"\nlist id a b, divider sep(2) noobs subvarname', df=df)
    assert rc == 0
    assert _body(out) == ["  +--------------------+",
                          "  | id | Constant |  b |",
                          "  |----+----------+----|",
                          "  |  1 |      1.5 | 22 |",
                          "  |  2 |     2.25 |  3 |",
                          "  |----+----------+----|",
                          "  |  3 |       10 |  4 |",
                          "  +--------------------+"]


def test_subvarname_without_char_keeps_the_name_and_default_has_no_dividers(do, df):
    rc, out, _ = do('char a[varname] "Constant"\nlist id b, subvarname noobs\nlist a, noobs', df=df)
    assert rc == 0
    assert "  | id    b |" in out and "|  Constant |" not in out and "|    a |" in out


def test_options_mlm_lacks_are_refused(do, df):
    for opt in ("mean", "sum", "N", "labvar(id)", "mean(a)", "con"):
        rc, out, _ = do(f"list, {opt}", df=df)
        assert rc == 198 and "is not available in mlm" in out, opt


def test_lazy_data_lists_the_same(do, df, tmp_path):
    path = tmp_path / "d.parquet"
    df.to_parquet(path)
    commands = 'char a[varname] "Constant"\nlist in 1/2, divider subvarname noobs'
    rc_l, out_l, s_l = do(f"use {path}, lazy\n{commands}")
    rc_m, out_m, _ = do(f"use {path}\n{commands}")
    assert rc_l == rc_m == 0 and s_l.data.lazy
    assert out_l.split("\n")[-8:] == out_m.split("\n")[-8:] and "| Constant |" in out_l

"""The Stata-syntax toolkit (``mlmcli.syntax``): abbreviations, options, numlists,
new-variable names and coefficient names, each rule written once."""
from __future__ import annotations

import pandas as pd
import pytest

from mlmcli.ast import Option
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import NameTable, abbreviates, resolve_choice
from mlmcli.syntax.coefnames import (CoefName, NamePart, display_name, is_base_or_omitted, parse_coef_name,
                                     split_eq)
from mlmcli.syntax.numlist import numlist, value_range
from mlmcli.syntax.options import (OptionSpec, choice_option, read_options, resolve_options, split_options,
                                   suboptions, vce_option)
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist, parse_typed_name


# ---------------------------------------------------------------- abbreviations
@pytest.mark.parametrize("typed,ok", [("su", True), ("summarize", True), ("s", False), ("sumx", False)])
def test_minimal_abbreviation(typed, ok):
    assert abbreviates(typed, "summarize", 2) is ok


def test_full_name_required_when_no_minimum():
    assert abbreviates("dir", "dir", None) and not abbreviates("di", "dir", None)


def test_exact_name_wins_over_an_earlier_abbreviation():
    # `ic` is itself a subcommand and an abbreviation of `icc` (listed first)
    assert resolve_choice("ic", (("icc", 2), ("ic", 2))) == "ic"
    assert resolve_choice("icc", (("icc", 3), ("ic", 2))) == "icc"


def test_name_table_dispatches_and_refuses():
    calls = []
    table = NameTable([("store", 3, lambda: calls.append("store")), ("notes", 4, None)],
                      unknown=lambda w: StataError(f"bad {w}", 198),
                      not_implemented=lambda n: StataError(f"{n} not implemented", 199))
    table.handler("sto")()
    assert calls == ["store"]
    with pytest.raises(StataError, match="bad st"):
        table.handler("st")
    with pytest.raises(StataError) as err:
        table.handler("note")
    assert (err.value.rc, err.value.message) == (199, "notes not implemented")


# ---------------------------------------------------------------- options
def test_options_read_nested_parentheses_and_quotes():
    assert read_options('title("a (b)", size(small)) nogen keep (1 3)') == (
        Option("title", '"a (b)", size(small)'), Option("nogen"), Option("keep", "1 3"))


def test_split_options_at_the_first_top_level_comma():
    body, opts, comma = split_options('x "a, b" (c, d), by(g) saving(f, replace)')
    assert body == 'x "a, b" (c, d)' and comma
    assert opts == (Option("by", "g"), Option("saving", "f, replace"))
    assert split_options("x y") == ("x y", (), False)


def test_suboptions():
    assert suboptions("results.dta, replace") == ("results.dta", (Option("replace"),))


@pytest.mark.parametrize("text, rc", [("keep(1", 198), ("1.5", 198), ("12", 198), ('title("a)', 132)])
def test_malformed_option_text_is_a_stata_error(text, rc):
    # an unclosed quote is the parser's "too few quotes" r(132) here too (tests/test_unclosed_quotes.py)
    with pytest.raises(StataError) as err:
        read_options(text)
    assert err.value.rc == rc


def test_resolve_options_canonical_names_and_errors():
    specs = [OptionSpec("covariance", 3, takes_arg=True), OptionSpec("noconstant", 4),
             OptionSpec("xline", 5, takes_arg=True, repeatable=True)]
    typed = read_options("cov(un) nocons xline(1) xline(2)")
    assert resolve_options(typed, specs) == {"covariance": "un", "noconstant": True, "xline": ["1", "2"]}
    for bad, message in [("co(un)", "option co() not allowed"), ("cov", "covariance() invalid"),
                         ("nocons(1)", "option nocons() not allowed")]:
        with pytest.raises(StataError, match=message.replace("(", r"\(").replace(")", r"\)")):
            resolve_options(read_options(bad), specs)


def test_choice_and_vce_values():
    assert choice_option("eff", ("size", "effective", "gk"), "pwscale") == "effective"
    with pytest.raises(StataError, match=r"covariance\(x\) invalid"):
        choice_option("x", (("unstructured", 2),), "covariance")
    assert vce_option("cl school", (("robust", 1), ("cluster", 2))) == ("cluster", ["school"])
    assert vce_option("c school", (("robust", 1), ("cluster", 2))) == (None, ["school"])


# ---------------------------------------------------------------- numlists
def test_numlist_forms():
    assert numlist("1/3 10, 20(5)30") == [1, 2, 3, 10, 20, 25, 30]
    assert numlist("3/1") == [3, 2, 1]  # Stata counts down
    assert numlist("0 (0.5) 1") == [0, 0.5, 1]


@pytest.mark.parametrize("text", ["a", "1/b", "0(0)5", "10(5)1", "1e400"])
def test_invalid_numlist(text):
    with pytest.raises(StataError) as err:
        numlist(text)
    assert (err.value.rc, err.value.message) == (121, "invalid numlist")


def test_forvalues_range_is_empty_when_it_runs_backwards():
    assert list(value_range("3/1")) == [] and list(value_range("1 3 to 9")) == [1, 3, 5, 7, 9]


def test_too_many_values():
    with pytest.raises(StataError) as err:
        numlist("1/1e8")
    assert err.value.rc == 134


# ---------------------------------------------------------------- new variables
def test_new_variable_names():
    data = Dataset(df=pd.DataFrame({"x": [1.0]}))
    check_new_name(data, "y")
    for name, rc in [("x", 110), ("_n", 198), ("2y", 198), ("a" * 33, 198)]:
        with pytest.raises(StataError) as err:
            check_new_name(data, name)
        assert err.value.rc == rc
    assert parse_typed_name("double y") == ("double", "y")
    assert parse_new_varlist("float u*") == ("float", [], "u")
    assert parse_new_varlist("u0 u1") == (None, ["u0", "u1"], None)
    with pytest.raises(StataError):
        parse_new_varlist("x-y")


# ---------------------------------------------------------------- coefficient names
@pytest.mark.parametrize("full,eq,base,omitted,shown", [
    ("educgroupc", "", False, False, "educgroupc"),
    ("pbw:1b.weurope", "pbw", True, False, "1.weurope"),
    ("2o.f#c.x", "", False, True, "2.f#c.x"),
    ("co.x#co.z", "", False, True, "c.x#c.z"),
    ("o.x", "", False, True, "x"),
    ("0b.a#1o.b", "", True, True, "0.a#1.b"),
    ("1bn.f", "", False, False, "1.f"),  # bn: a level with no base (margins' first level), not a base
    ("lns1_1_1:_cons", "lns1_1_1", False, False, "_cons"),
])
def test_coefficient_names_read(full, eq, base, omitted, shown):
    name = parse_coef_name(full)
    assert (name.eq, name.is_base, name.is_omitted, name.name(markers=False)) == (eq, base, omitted, shown)
    assert name.full() == full
    assert is_base_or_omitted(full) is (base or omitted)
    assert display_name(split_eq(full)[1]) == shown


def test_coefficient_names_written_as_factor_variables_name_them():
    assert CoefName((NamePart.factor("weurope", "1"), NamePart.continuous("educgroupc", explicit=True))).name() \
        == "1.weurope#c.educgroupc"
    assert CoefName((NamePart.continuous("x", omitted=True),)).name() == "o.x"
    assert CoefName((NamePart.factor("f", "2", "o"), NamePart.continuous("x", explicit=True, omitted=True))).name() \
        == "2o.f#co.x"
    assert parse_coef_name("1.f#c.x").parts[0].level == "1" and parse_coef_name("c.x").parts[0].level is None


def test_factor_variable_names_read_back():
    from mlmcli.factor_variables import build_design, parse_terms
    import numpy as np
    df = pd.DataFrame({"y": [1.0, 2, 3, 4, 5, 6], "f": [1.0, 2, 3, 1, 2, 3], "x": [1.0, 3, 2, 5, 4, 6]})
    ds = Dataset(df=df)
    design = build_design(ds, parse_terms(ds, "i.f##c.x"), np.ones(6, bool))
    for lab in design.labels:
        name = parse_coef_name(lab.name)
        assert name.full() == lab.name
        assert name.is_base_or_omitted == (lab.base or lab.omitted)

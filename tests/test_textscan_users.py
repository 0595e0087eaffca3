"""The shared scanner (``mlmcli.textscan``) as the commands use it: words, named brackets,
weight abbreviations, ``level()`` checking."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlmcli.dataset import Dataset
from mlmcli.textscan import balance_error, split_words


def weighted() -> Dataset:
    ds = Dataset(df=pd.DataFrame({"y": [2.0, 4.0, 6.0, 8.0], "w": [1.0, 2.0, 3.0, 4.0],
                                  "g": [1.0, 1.0, 2.0, 2.0]}))
    ds.types.update(y="double", w="double", g="double")
    return ds


# ---------------------------------------------------------------- split_words

def test_words_keep_brackets_and_quotes_whole():
    text = '  i.a#c.(b c)  x "p q" `"r "s" t"\' [e f] {g h}\t'
    assert split_words(text) == ["i.a#c.(b c)", "x", '"p q"', '`"r "s" t"\'', "[e f]", "{g h}"]


def test_words_with_named_brackets_and_leniency():
    assert split_words("[a b] (c d)", "(") == ["[a", "b]", "(c d)"]
    assert split_words('a "open b') == ["a", '"open b']  # an unclosed quote runs to the end
    assert split_words("(a b") == ["(a b"]
    assert split_words('x"a b"y z ') == ['x"a b"y', "z"]
    assert split_words("") == [] and split_words(" \t ") == []


@given(st.lists(st.text(alphabet="ab.#", min_size=1, max_size=6), max_size=6),
       st.sampled_from([" ", "  ", "\t", " \n "]))
def test_words_of_plain_text_are_its_pieces(pieces, gap):
    assert split_words(gap + gap.join(pieces)) == pieces
    bracketed = [f"({p} {p})" for p in pieces]
    assert split_words(gap.join(bracketed)) == bracketed


def test_balance_error_with_named_brackets():
    assert balance_error("a[1 (b)", "(") is None
    assert balance_error("a) (b", "(").rc == 132
    assert balance_error("a[1 (b)").message == "parentheses unbalanced"


def test_factor_terms_split_outside_parentheses_only(new_session):
    from mlmcli.errors import StataError
    from mlmcli.factor_variables import parse_terms

    s = new_session(weighted())
    terms = parse_terms(s.data, "i.g  c.(w y)")
    assert len(terms) == 3
    for bad in ("c.(w", "w) (y"):
        with pytest.raises(StataError) as err:
            parse_terms(s.data, bad)
        assert err.value.rc == 198


# ---------------------------------------------------------------- weights

@pytest.mark.parametrize("word", ["fw", "fwe", "fwei", "fweig", "fweigh", "fweight", "freq",
                                  "frequency"])
def test_every_fweight_abbreviation_the_grammar_takes(word, new_session, run):
    s = new_session(weighted())
    reference, rc = run(s, "summarize y [fw=w]")
    assert rc == 0 and "        10" in reference
    out, rc = run(s, f"summarize y [{word}=w]")
    assert rc == 0 and out == reference


@pytest.mark.parametrize("word, kind", [("pwe", "pweight"), ("pweig", "pweight")])
def test_weight_abbreviations_name_their_kind_in_errors(word, kind, new_session, run):
    out, rc = run(new_session(weighted()), f"summarize y [{word}=w]")
    assert rc == 101 and f"{kind}s not allowed" in out


def test_aweight_abbreviations_and_cellsize_agree(new_session, run):
    s = new_session(weighted())
    reference, rc = run(s, "summarize y [aw=w]")
    assert rc == 0
    for word in ("awe", "aweig", "cellsize"):
        assert run(s, f"summarize y [{word}=w]") == (reference, 0)


# ---------------------------------------------------------------- scanning users

def test_generate_finds_the_assignment_outside_quotes_and_parentheses(new_session, run):
    s = new_session(weighted())
    _, rc = run(s, 'gen z = cond(y == 2, 1, 0) + (w >= 3) + ("a=b" == "a=b")')
    assert rc == 0
    assert s.data.df["z"].tolist() == [2.0, 1.0, 2.0, 2.0]
    out, rc = run(s, "gen v (y == 2)")  # no `=` outside the parentheses (rw65: gen's r(100))
    assert rc == 100 and "=exp required" in out


def test_use_splits_at_a_top_level_using(tmp_path, new_session, run):
    s = new_session(weighted())
    path = tmp_path / "using data.dta"
    _, rc = run(s, f'save "{path}"')
    assert rc == 0
    _, rc = run(s, f'use y w if (w > 1) using "{path}", clear')
    assert rc == 0
    assert list(s.data.df.columns) == ["y", "w"] and len(s.data.df) == 3
    assert np.allclose(s.data.df["y"], [4.0, 6.0, 8.0])


# ---------------------------------------------------------------- level()

def grouped() -> Dataset:
    rng = np.random.default_rng(7)
    g = np.repeat(np.arange(1.0, 9.0), 6)
    x = rng.normal(size=g.size)
    y = 1 + 0.5 * x + rng.normal(size=8)[g.astype(int) - 1] + rng.normal(size=g.size)
    ds = Dataset(df=pd.DataFrame({"y": y, "x": x, "g": g}))
    ds.types.update(y="double", x="double", g="double")
    return ds


@pytest.mark.parametrize("command", ["estat icc", "lincom x", "estat caterpillar",
                                     "twoway lfitci y x"])
def test_every_level_option_is_checked_alike(command, new_session, run):
    s = new_session(grouped())
    _, rc = run(s, "quietly mixed y x || g:")
    assert rc == 0
    for typed, message in (("abc", "level() invalid"),
                           ("5", "level() must be between 10 and 99.99 inclusive"),
                           ("99.995", "level() must be between 10 and 99.99 inclusive")):
        out, rc = run(s, f"{command}, level({typed})")
        assert rc == 198 and message in out, (command, typed, out)


def test_lincom_level_sets_the_interval(new_session, run):
    s = new_session(grouped())
    run(s, "quietly regress y x")
    out95, rc = run(s, "lincom x")
    assert rc == 0 and "[95% Conf. Interval]" in out95
    out80, rc = run(s, "lincom 2*x, level(80)")
    assert rc == 0 and "[80% Conf. Interval]" in out80
    assert s.r["level"] == 80.0


def test_program_and_do_file_arguments_are_split_like_foreach_lists(tmp_path, new_session, run):
    s = new_session(weighted())
    text = 'program p\ndisplay "[`2\'] [`3\']"\nend\np `"a b"\' "c d" e\n'
    out, rc = run(s, text)
    assert rc == 0 and "[c d] [e]" in out
    path = tmp_path / "args.do"
    path.write_text('display "[`2\'] [`3\']"\n')
    out, rc = run(s, f'do "{path}" `"a b"\' "c d" e')
    assert rc == 0 and "[c d] [e]" in out
    out, rc = run(s, f'do `"{path}"\' `"a b"\' "c d" e')
    assert rc == 0 and "[c d] [e]" in out


def test_display_and_inline_if_take_bracketed_groups_whole(new_session, run):
    s = new_session(weighted())
    out, rc = run(s, 'display ("a)" + "b") " " (2 * (3 + 1))')
    assert rc == 0 and out.strip() == "a)b 8"
    out, rc = run(s, 'if (y[1] == 2) & ("(" == "(") display "yes"')
    assert rc == 0 and out.strip() == "yes"
    out, rc = run(s, "display (1 + 2")
    assert rc != 0

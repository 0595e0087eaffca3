"""Option names are case-sensitive, as Stata's: the capitals of a syntax spec (``DETail``) are
the shortest abbreviation and the user types the name in lowercase, so ``regress y x, ROBUST``
is ``option ROBUST not allowed`` r(198) ([P] syntax; [U] 11.1.7).  Arguments stay as typed
(``vce(cluster G)`` names the variable G).  Options Stata itself spells with capitals are typed
that way: tabulate's ``V`` (Cramér's V), list's ``N``.  estat's subcommand names are matched the
same way: ``estat ICC`` is ``invalid subcommand ICC`` r(321) (estat_default)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options


@pytest.fixture(scope="module")
def data():
    n = np.arange(1, 41)
    x = (n * 7) % 11
    y = x + (n * 3) % 5 + np.ceil(n / 4) / 3
    return pd.DataFrame({"id": np.ceil(n / 4), "x": x.astype(float), "y": y, "G": (n % 3).astype(float),
                         "b": (y > 6).astype(float)})


def test_option_spec_matches_lowercase_names_and_abbreviations_only():
    spec = OptionSpec("robust", 1)
    assert spec.matches("r") and spec.matches("rob") and spec.matches("robust")
    assert not spec.matches("ROBUST") and not spec.matches("Robust") and not spec.matches("R")
    with pytest.raises(StataError) as err:
        resolve_options(read_options("Level(90)"), [OptionSpec("level", 1, takes_arg=True)])
    assert err.value.rc == 198 and err.value.message.startswith("option Level() not allowed")


@pytest.mark.parametrize("line, message", [
    ("regress y x, ROBUST", "option ROBUST not allowed"),
    ("regress y x, R", "option R not allowed"),
    ("summarize y, Detail", "option Detail not allowed"),
    ("collapse (mean) y, BY(id)", "option BY() not allowed"),
    ("mixed y x || id:, REML", "option REML not allowed"),
    ("twoway scatter y x, TITLE(\"t\") nodraw", "option TITLE() not allowed"),
])
def test_capitalised_option_names_are_refused(do, data, line, message):
    rc, out, s = do(line, df=data)
    assert rc == 198 and message in out, out
    assert len(s.data.df) == 40  # a refused command leaves the data alone (collapse)


def test_lowercase_spellings_still_run_and_arguments_keep_their_case(do, data):
    rc, out, s = do("regress y x, r\nsummarize y, det\nregress y x, vce(cluster G)", df=data)
    assert rc == 0, out
    assert s.e.macros.get("clustvar") == "G"


def test_a_capitalised_name_gets_the_lowercase_spelling_as_hint(do, data):
    rc, out, _ = do("regress y x, ROBUST", df=data)
    assert rc == 198 and "option ROBUST not allowed\n(did you mean robust?)" in out
    rc, out, _ = do("regress y x, NOSUCH", df=data)
    assert rc == 198 and "did you mean nosuch" not in out


def test_margins_predict_option_names_are_case_sensitive(do, data):
    rc, out, _ = do("quietly regress y x\nmargins, predict(XB)", df=data)
    assert rc == 198 and "option XB not allowed" in out
    rc, out, _ = do("quietly poisson b x\nmargins, predict(N)", df=data)
    assert rc == 198 and "option N not allowed" in out
    rc, out, _ = do("quietly poisson b x\nmargins, predict(n)", df=data)
    assert rc == 0, out


def test_tabulate_takes_V_as_stata_spells_it(do, data):
    rc, out, s = do("tabulate G b, V", df=data)
    assert rc == 0 and "Cramér's V" in out, out
    assert 0 < s.r["CramersV"] < 1
    rc, out, _ = do("tabulate G b, v", df=data)
    assert rc == 198 and "option v not allowed" in out
    rc, out, _ = do("tabulate G, V", df=data)  # one-way: Stata's own refusal
    assert rc == 198 and "option V not allowed" in out


def test_syntax_command_matches_typed_names_in_lowercase(do, data):
    program = ("program define casep\n  syntax [, DETail Level(integer 5) *]\n"
               "  display \"d=`detail' l=`level' o=`options'\"\nend\n")
    rc, out, _ = do(program + "casep, det l(7)", df=data)
    assert rc == 0 and "d=detail l=7 o=" in out, out
    rc, out, _ = do(program + "casep, DETAIL L(7)", df=data)  # not declared: into `options'
    assert rc == 0 and "d= l=5 o=DETAIL L(7)" in out, out
    strict = "program define strictp\n  syntax [, DETail]\nend\n"
    rc, out, _ = do(strict + "strictp, Det", df=data)
    assert rc == 198 and "option Det not allowed" in out


def test_estat_subcommand_names_are_case_sensitive(do, data):
    rc, out, s = do("quietly mixed y x || id:\nestat ICC", df=data)
    assert rc == 321 and "invalid subcommand ICC" in out
    rc, out, _ = do("estat icc", session=s)
    assert rc == 0 and "intraclass correlation" in out


def test_dissimilarity_measure_names_keep_their_documented_capitals(do, data):
    """[MV] measure_option spells L2, Jaccard ...: a measure is a word, read case-blind."""
    rc, out, s = do("matrix dissimilarity D = x y, L2\nmatrix dissimilarity E = x y, l2", df=data)
    assert rc == 0, out
    assert np.allclose(s.matrices["D"].values, s.matrices["E"].values)


@pytest.mark.parametrize("line, message", [
    ("fcast COMPUTE f_", "COMPUTE is not a valid subcommand"),
    ("sts GRAPH", "unknown subcommand GRAPH"),
    ("tssmooth MA s = y, window(1)", "MA is not a valid smoother"),
    ("mfx COMPUTE", "unknown mfx subcommand COMPUTE"),
    ("meta SUMMARIZE", "invalid subcommand SUMMARIZE"),
    ("fvset BASE 1 G", "fvset BASE invalid"),
])
def test_other_subcommand_names_are_case_sensitive_too(do, data, line, message):
    rc, out, _ = do(line, df=data)
    assert rc != 0 and message in out, out


# ---------------------------------------------------------------- the readers written beside oc100
@pytest.mark.parametrize("line, words", [
    ("mi IMPUTE regress y x, add(1)", "IMPUTE"),
    ("mi impute REGRESS y x, add(1)", "REGRESS"),
    ("mi impute regress y x, add(1) SAVETRACE(t)", "SAVETRACE"),
])
def test_mi_subcommands_methods_and_options_keep_their_case(do, line, words):
    df = pd.DataFrame({"x": [1.0, 2, 3, 4, 5, 6], "y": [1.0, None, 3, 4, None, 6]})
    rc, out, session = do("mi set wide\nmi register imputed y\n" + line, df=df)
    assert rc in (198, 199) and words in out, out
    assert session.data.chars.get("_mi_M", "0") in ("0", 0), out


def test_marginsplot_numbered_options_keep_their_case(do):
    df = pd.DataFrame({"y": [1.0, 2, 4, 3, 5, 7, 6, 8], "g": [0, 0, 0, 0, 1, 1, 1, 1]})
    rc, out, session = do("regress y i.g\nmargins g\nmarginsplot, PLOT1OPTS(lcolor(red))", df=df)
    assert rc == 198 and "PLOT1OPTS" in out, out

"""Names with Unicode letters (Stata 14's rule: letters including Unicode letters, digits and _,
not starting with a digit, at most 32 characters) through the common workflow: the parser takes
them (NAME_RE, the grammars' NAME) and so must everything after it -- varlists, factor
variables, coefficient names, macros, matrices, programs, reshape, collapse and the .dta writer
(a Unicode name needs release 118: Stata 13's 117 holds ASCII names only)."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from mlmcli.fileformats.storage import name_from_text
from mlmcli.syntax.varlist import NAME_PATTERN, is_name


def _frame(n: int = 120, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    g = rng.uniform(size=n)
    cat = np.arange(n) % 3
    return pd.DataFrame({"grupo_ñ": np.repeat(np.arange(1, n // 10 + 1), 10).astype(float),
                         "acompañamiento": x, "größe": g, "categoría": cat.astype(float),
                         "y": 1 + 0.5 * x + g + cat + rng.normal(size=n)})


def _number(printed: str) -> float:
    return float(printed.strip().splitlines()[-1])


def _ok(do, text, df=None, session=None):
    rc, printed, session = do(text, df=df, session=session)
    assert rc == 0, printed
    return printed, session


@pytest.mark.parametrize("name", ["acompañamiento", "größe", "_ñ", "ñ1", "Ωmega", "变量", "é" * 32])
def test_unicode_letters_make_names(name):
    assert is_name(name)
    assert re.fullmatch(NAME_PATTERN, name)


@pytest.mark.parametrize("name", ["1ñ", "é" * 33, "grö-ße", "a b", "ñ.x"])
def test_other_characters_do_not(name):
    assert not is_name(name)


def test_generate_rename_label_summarize(do):
    printed, session = _ok(do, 'gen double größe2 = größe * 2\nrename größe2 doble_ñ\n'
                               'label variable doble_ñ "Größe mal zwei"\nsummarize doble_ñ\n'
                               'display %21.17g r(mean)', df=_frame())
    assert "doble_ñ" in printed
    assert _number(printed) == pytest.approx(2 * _frame()["größe"].mean(), rel=1e-12)
    assert session.data.var_labels["doble_ñ"] == "Größe mal zwei"


def test_wildcards_ranges_and_abbreviations(do):
    _, session = _ok(do, "ds acom*", df=_frame())
    assert session.r["varlist"] == "acompañamiento"
    _, session = _ok(do, "ds gr?ße", session=session)
    assert session.r["varlist"] == "größe"
    _, session = _ok(do, "ds acompañamiento-categoría", session=session)
    assert session.r["varlist"] == "acompañamiento größe categoría"
    printed, _ = _ok(do, "summarize acompa\ndisplay r(N)", session=session)  # an abbreviation
    assert _number(printed) == 120


def test_regress_factor_variables_and_coefficients(do):
    df = _frame()
    printed, _ = _ok(do, "regress y acompañamiento größe i.categoría\n"
                         "display %21.17g _b[acompañamiento]\ndisplay %21.17g _b[2.categoría]\n"
                         "display %21.17g _b[größe]", df=df)
    X = np.column_stack([df["acompañamiento"], df["größe"], df["categoría"] == 1,
                         df["categoría"] == 2, np.ones(len(df))]).astype(float)
    beta = np.linalg.lstsq(X, df["y"].to_numpy(), rcond=None)[0]
    shown = [float(v) for v in printed.strip().splitlines()[-3:]]
    assert shown == pytest.approx([beta[0], beta[3], beta[1]], rel=1e-9)
    assert "categoría" in printed


def test_test_lincom_predict_and_margins(do):
    df = _frame()
    printed, session = _ok(do, "regress y acompañamiento größe i.categoría\n"
                               "test acompañamiento\nlincom acompañamiento + größe\n"
                               "predict ŷ\nmargins categoría\nmargins, dydx(acompañamiento)", df=df)
    assert "acompañamiento + größe = 0" in printed and "ŷ" in session.data.varnames
    b = session.e.matrices["b"]
    slope = b.values[0, list(b.colnames).index("acompañamiento")]
    assert session.r["b"].values[0, 0] == pytest.approx(slope, rel=1e-10)  # dydx of a linear term


def test_mixed_with_a_unicode_group(do):
    printed, session = _ok(do, "mixed y acompañamiento || grupo_ñ:\npredict ajuste_ñ, fitted",
                           df=_frame())
    assert "grupo_ñ: Identity" in printed
    assert session.e.macros["ivars"] == "grupo_ñ"
    assert "ajuste_ñ" in session.data.varnames


def test_tabulate_collapse_and_by_groups(do):
    df = _frame()
    printed, session = _ok(do, "tabulate categoría\nbysort grupo_ñ: egen media_ñ = mean(größe)", df=df)
    assert "categoría" in printed
    expected = df.groupby("grupo_ñ")["größe"].transform("mean").to_numpy()
    got = session.data.df.sort_values(["grupo_ñ"], kind="stable")["media_ñ"].to_numpy()
    assert np.allclose(np.sort(got), np.sort(expected))
    _, session = _ok(do, "collapse (mean) größe, by(grupo_ñ)", df=df)
    assert list(session.data.varnames) == ["grupo_ñ", "größe"]
    assert np.allclose(session.data.df["größe"], df.groupby("grupo_ñ")["größe"].mean().to_numpy())


def test_reshape_wide_and_long_with_unicode_stubs(do):
    df = pd.DataFrame({"id_ñ": [1, 1, 2, 2], "año": [1, 2, 1, 2], "größe": [1.0, 2.0, 3.0, 4.0]})
    _, session = _ok(do, "reshape wide größe, i(id_ñ) j(año)", df=df)
    assert list(session.data.varnames) == ["id_ñ", "größe1", "größe2"]
    assert session.data.df["größe2"].tolist() == [2.0, 4.0]
    _, session = _ok(do, "reshape long größe, i(id_ñ) j(año)", session=session)
    assert session.data.df["größe"].tolist() == [1.0, 2.0, 3.0, 4.0]


def test_macros_scalars_matrices_and_programs(do):
    text = """
global ñglob 5
local größe_l = 3
scalar sñ = 2
display $ñglob + `größe_l' + sñ
matrix mñ = (1, 2)
matrix colnames mñ = acompañamiento größe
display mñ[1, "größe"]
foreach vñ of varlist acompañamiento größe {
    display "`vñ'"
}
program define pñ
    syntax varlist [, Größe(integer 1)]
    display "`varlist' `größe'"
end
pñ größe, größe(4)
"""
    printed, session = _ok(do, text, df=_frame())
    lines = printed.strip().splitlines()
    assert lines[:4] == ["10", "2", "acompañamiento", "größe"]
    assert lines[-1] == "größe 4"
    assert session.matrices["mñ"].colnames == ("acompañamiento", "größe")


def _release(path) -> int:
    return int(re.search(rb"<release>(\d+)</release>", path.read_bytes()[:200]).group(1))


def test_a_unicode_name_needs_dta_118(do, tmp_path):
    # every text here fits Latin-1, so only the names ask for 118
    df = pd.DataFrame({"größe": [1.0, 2.0], "x": [3.0, 4.0]})
    target = tmp_path / "u.dta"
    _, session = _ok(do, f'label variable x "plain"\nsave "{target}"', df=df)
    assert _release(target) == 118
    _, session = _ok(do, f'use "{target}", clear', session=session)
    assert list(session.data.varnames) == ["größe", "x"]
    assert session.data.df["größe"].tolist() == [1.0, 2.0]

    old = tmp_path / "old.dta"
    rc, printed, _ = do(f'saveold "{old}", version(13)', df=df)
    assert rc == 459 and "variable name größe" in printed and not old.exists()
    _ok(do, f'saveold "{old}", version(14)', df=df)
    assert _release(old) == 118

    ascii_only = tmp_path / "a.dta"
    _ok(do, f'save "{ascii_only}"', df=pd.DataFrame({"x": [1.0]}))
    assert _release(ascii_only) == 117  # ASCII data keep Stata 13's format


def test_a_unicode_value_label_name_needs_118_too(do, tmp_path):
    target = tmp_path / "l.dta"
    _ok(do, f'label define sí_no 0 "no" 1 "yes"\nlabel values x sí_no\nsave "{target}"',
        df=pd.DataFrame({"x": [0.0, 1.0]}))
    assert _release(target) == 118
    rc, printed, _ = do(f'use "{target}", clear\nlabel list sí_no')
    assert rc == 0 and "sí_no" in printed


def test_export_and_import_delimited_keep_the_names(do, tmp_path):
    target = tmp_path / "u.csv"
    _ok(do, f'export delimited acompañamiento größe using "{target}"', df=_frame())
    assert target.read_text(encoding="utf-8").splitlines()[0] == "acompañamiento,größe"
    _, session = _ok(do, f'import delimited using "{target}", clear')
    assert list(session.data.varnames) == ["acompañamiento", "größe"]


def test_imported_headers_keep_unicode_letters():
    assert name_from_text("größe (kg)") == "größe__kg_"
    assert name_from_text("1ñ") == "_1ñ"


def test_time_series_operators_and_parameter_names(do):
    df = _frame(60)
    df["t_ñ"] = np.arange(1, 61, dtype=float)
    printed, session = _ok(do, "tsset t_ñ\nregress y L.größe\n"
                               "nl (y = {a_ñ} + {b_ñ}*größe)\ndisplay %21.17g _b[/b_ñ]", df=df)
    assert "L1." in printed and "/b_ñ" in printed
    X = np.column_stack([np.ones(60), df["größe"]])
    beta = np.linalg.lstsq(X, df["y"].to_numpy(), rcond=None)[0]
    assert _number(printed) == pytest.approx(beta[1], rel=1e-6)  # nl of a linear model: OLS


def test_confirm_names(do):
    rc, printed, _ = do("confirm names ñame größe _x\nconfirm name acompañamiento")
    assert rc == 0, printed
    for bad in ("1ñ", "grö-ße", "_all", "é" * 33):
        rc, printed, _ = do(f"confirm names ok {bad}")
        assert rc == 7 and f"{bad} invalid name" in printed


def test_program_options_count_unicode_capitals(do):
    text = "program define pp_ñ\n    syntax [, ÑUmero(integer 1)]\n    display `ñumero'\nend\npp_ñ, ñu(5)"
    rc, printed, session = do(text)
    assert rc == 0 and printed.strip().splitlines()[-1] == "5"
    rc, printed, _ = do("pp_ñ, ñ(5)", session=session)  # ÑU: two capitals, so ñ is too short
    assert rc == 198 and "option ñ() not allowed" in printed


def test_latent_variables_start_with_any_capital():
    from mlmcli.commands.estimation.sem_syntax import latent_match

    assert latent_match("Ñu[grupo_ñ]").groups() == ("Ñu", "grupo_ñ")
    assert latent_match("M1[g]") is not None
    assert latent_match("ñu[grupo_ñ]") is None and latent_match("_U[g]") is None


def test_input_and_a_32_character_name_in_dta_118(do, tmp_path):
    long_name = "变" * 31 + "𠀀"  # 32 letters, 97 bytes of UTF-8: .dta 118 has room for 128
    target = tmp_path / "long.dta"
    text = f'input größe {long_name}\n1 2\n3 4\nend\nsave "{target}"\nuse "{target}", clear'
    _, session = _ok(do, text)
    assert list(session.data.varnames) == ["größe", long_name]
    assert session.data.df[long_name].tolist() == [2.0, 4.0]
    rc, printed, _ = do(f"gen {long_name}x = 1", session=session)  # 33 characters
    assert rc == 198 and "invalid name" in printed


def test_lazy_data_column_names_keep_unicode_letters():
    from mlmcli.lazydata.table import stata_name

    assert stata_name("größe (kg)", set(), 0) == "größe__kg_"
    assert stata_name("año", {"año"}, 2) == "v3"  # taken: v#

"""Display options on reghdfe, stcrreg, xttobit, meqrlogit/meqrpoisson and menl (fit and replay)
through the shared TableOptions -> render_coef_table path, and the commands whose syntax lacks
them (xthtaylor, gllamm, anova) keeping Stata's refusals:

- reghdfe 5's Replay: noheader, notable, nofootnote, level() and _get_diopts' options;
- stcrreg.ado's Display and xttobit.ado's DispTbl: _get_diopts -> _coef_table;
- _xtme_display: the diopts go to the fixed-effects table, the random-effects table stays;
- menl's display_options and coeflegend (``_b[/b0]``, ``_b[eq:x]``);
- xthtaylor.ado's Replay: ``syntax [, Level(cilevel)]``; gllamm's Estimate/Replay: none;
  anova.ado: none (its Replay takes partial/sequential; Stata 10's level() etc. OldOpt's text).
Legend values are checked against e(b) (each row ``%9.0g`` of its _b[] entry)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.render.numfmt import format_number

MID = "-------------+----------------------------------------------------------------"


@pytest.fixture
def data():
    i = np.arange(1, 121, dtype=float)
    idv = np.ceil(i / 6)
    x = np.round(np.sin(i), 6)
    g = 1 + i % 3
    yc = np.round(1 + 2 * x + np.sin(idv) + np.cos(3 * i) / 3 + g / 10, 6)
    return pd.DataFrame({"id": idv, "year": i % 5, "g": g, "x": x, "yc": yc,
                         "ycens": np.maximum(yc, 0.5), "y": (x + np.cos(3 * i) + np.sin(idv) > 0.3).astype(float),
                         "c": np.round(np.exp(yc / 3)), "t": 1 + (i * 7) % 13, "cause": i % 3, "z": np.cos(idv)})


def _b(s, name: str) -> float:
    b = s.e.matrices["b"]
    return float(np.ravel(b.values)[list(b.colnames).index(name)])


def _legend_rows(out: str) -> list[str]:
    lines = out.splitlines()
    return [ln for ln in lines if "_b[" in ln]


def _check_legend(s, out: str, expected: list[tuple[str, str]], width: int = 12, first_eq: str = "") -> None:
    """Each (row label, e(b) name): the row ``label | %9.0g  _b[name]`` (the first equation's
    ``first_eq:`` left out of the legend, as _b[x] names it)."""
    rows = _legend_rows(out)
    want = [f"{label.rjust(width)} |"
            f"{format_number(_b(s, name if ':' in name else first_eq + name), '%9.0g').rjust(11)}  _b[{name}]"
            for label, name in expected]
    assert rows == want


def test_reghdfe_coeflegend_fit_and_replay(do, data):
    rc, out, s = do("reghdfe yc x i.g, absorb(id year) coeflegend", data)
    assert rc == 0
    assert "          yc |      Coef.  Legend" in out
    _check_legend(s, out, [("x", "x"), ("2 ", "2.g"), ("3 ", "3.g"), ("_cons", "_cons")])
    assert "Absorbed degrees of freedom:" in out and "HDFE Linear regression" in out
    rc, again, _ = do("reghdfe, coeflegend", session=s)
    assert rc == 0 and _legend_rows(again) == _legend_rows(out)


def test_reghdfe_noheader_notable_nofootnote(do, data):
    rc, out, s = do("quietly reghdfe yc x i.g, absorb(id year)\nreghdfe, noheader nofootnote baselevels cformat(%7.3f)",
                    data)
    assert rc == 0 and "HDFE Linear regression" not in out and "Absorbed degrees" not in out
    assert "          1  |      0.000  (base)" in out
    assert f"           x |{format_number(_b(s, 'x'), '%7.3f').rjust(11)}" in out
    rc, out, _ = do("reghdfe, notable", session=s)
    assert rc == 0 and "Coef." not in out and "Absorbed degrees of freedom:" in out and "Root MSE" in out
    rc, out, _ = do("reghdfe, vsquish noomitted", session=s)
    assert rc == 0 and "             |\n" not in out


@pytest.mark.parametrize("line, rc, message", [
    ("reghdfe yc x, absorb(id) cformat(%s)", 7, "'%s' found where numeric format expected"),
    ("reghdfe yc x, absorb(id) fvwrap(-1)", 198, "invalid option fvwrap(-1); nonnegative integer required"),
])
def test_reghdfe_refusals(do, data, line, rc, message):
    got, out, s = do(line, data)
    assert got == rc and message in out


def test_stcrreg_coeflegend_and_formats(do, data):
    rc, out, s = do("stset t, failure(cause==1)\nstcrreg x i.g, compete(cause==2) nolog coeflegend", data)
    assert rc == 0
    assert "          _t |        SHR  Legend" in out
    rows = _legend_rows(out)
    assert rows[0] == f"           x |{format_number(np.exp(_b(s, '_t:x')), '%9.0g').rjust(11)}  _b[x]"
    assert [r.split()[-1] for r in rows] == ["_b[x]", "_b[2.g]", "_b[3.g]"]
    rc, out, _ = do("stcrreg, noshr cformat(%7.3f) baselevels vsquish", session=s)
    assert rc == 0 and "          1  |      0.000  (base)" in out
    assert f"           x |{format_number(_b(s, '_t:x'), '%7.3f').rjust(11)}" in out
    rc, out, _ = do("stcrreg, noheader noomitted nolstretch", session=s)
    assert rc == 0 and "Competing-risks regression" not in out and "_t |" in out


def test_xttobit_coeflegend_sigma_rows(do, data):
    rc, out, s = do("xtset id\nxttobit ycens x i.g, ll(0.5) nolog\nxttobit, coeflegend", data)
    assert rc == 0
    _check_legend(s, out.split("Legend")[1], [("x", "x"), ("2 ", "2.g"), ("3 ", "3.g"), ("_cons", "_cons"),
                                              ("/sigma_u", "sigma_u:_cons"), ("/sigma_e", "sigma_e:_cons")],
                  first_eq="ycens:")
    su, se = _b(s, "sigma_u:_cons"), _b(s, "sigma_e:_cons")
    assert f"         rho |{format_number(su ** 2 / (su ** 2 + se ** 2), '%9.0g').rjust(11)}" in out.splitlines()
    assert "Observation summary:" in out.split("Legend")[1]  # DispLR & the summary after the table
    rc, out, _ = do("xttobit, noomitted vsquish cformat(%7.3f) nocnsreport", session=s)
    assert rc == 0 and f"           x |{format_number(_b(s, 'ycens:x'), '%7.3f').rjust(11)}" in out
    assert f"    /sigma_u |{format_number(su, '%7.3f').rjust(11)}" in out
    rc, out, _ = do("xttobit ycens x, ll(0.5) cformat(%q)", session=s)
    assert rc == 7


@pytest.mark.parametrize("command, depvar", [("meqrlogit", "y"), ("meqrpoisson", "c")])
def test_meqr_coeflegend_fixed_table(do, data, command, depvar):
    rc, out, s = do(f"{command} {depvar} x i.g || id:, coeflegend", data)
    assert rc == 0
    assert f"{depvar.rjust(12)} |      Coef.  Legend" in out
    _check_legend(s, out, [("x", "x"), ("2 ", "2.g"), ("3 ", "3.g"), ("_cons", "_cons")], first_eq=f"{depvar}:")
    assert "Random-effects Parameters" in out  # DiVarComp runs after the legend
    rc, out, _ = do(f"{command}, noomitted vsquish nolstretch nofvlabel noemptycells", session=s)
    assert rc == 0 and "Random-effects Parameters" in out


def test_meqr_legend_names_follow_the_table(do, data):
    rc, out, s = do("meqrlogit y x || id:, coeflegend", data)
    rows = _legend_rows(out)
    assert rows[0].endswith("_b[x]") and rows[1].endswith("_b[_cons]")
    assert rows[0] == f"           x |{format_number(_b(s, 'y:x'), '%9.0g').rjust(11)}  _b[x]"


def test_menl_coeflegend(do, data):
    rc, out, s = do("menl yc = {b0} + {b1}*x + {U[id]}, nolog coeflegend", data)
    assert rc == 0
    rows = _legend_rows(out)
    assert rows == [f"         /b0 |{format_number(_b(s, '/:b0'), '%9.0g').rjust(11)}  _b[/b0]",
                    f"         /b1 |{format_number(_b(s, '/:b1'), '%9.0g').rjust(11)}  _b[/b1]"]
    rc, out, s = do("menl yc = {xb: x i.g} + {U[id]}, nolog", data)
    rc, out, _ = do("menl, coeflegend allbaselevels nofvlabel", session=s)
    assert rc == 0 and out.count("_b[xb:") == 5 and "_b[xb:x]" in out and "_b[xb:2.g]" in out
    assert "          1  |          0  (base)  _b[xb:1b.g]" in out


@pytest.mark.parametrize("option", ["noci"])
def test_menl_display_options_mlm_lacks(do, data, option):
    name = option.split("(")[0] + ("()" if "(" in option else "")
    rc, out, s = do(f"menl yc = {{b0}} + {{b1}}*x + {{U[id]}}, nolog {option}", data)
    assert rc == 198 and f"option {name} of menl is not supported by mlmcli" in out
    rc, out, s = do(f"quietly menl yc = {{b0}} + {{b1}}*x + {{U[id]}}\nmenl, {option}", data)
    assert rc == 198 and f"option {name} of menl is not supported by mlmcli" in out


@pytest.mark.parametrize("option", ["coeflegend", "noomitted", "vsquish", "baselevels", "cformat(%7.3f)",
                                    "noheader", "nolstretch"])
def test_xthtaylor_takes_level_only(do, data, option):
    name = option.split("(")[0] + ("()" if "(" in option else "")
    rc, out, s = do(f"xtset id\nxthtaylor yc x g z, endog(x) {option}", data)
    assert rc == 198 and f"option {name} not allowed" in out
    rc, out, s = do(f"xtset id\nquietly xthtaylor yc x g z, endog(x)\nxthtaylor, {option}", data)
    assert rc == 198 and f"option {name} not allowed" in out
    rc, out, s = do("xthtaylor, level(90)", session=s)
    assert rc == 0 and "[90% Conf. Interval]" in out


@pytest.mark.parametrize("option", ["coeflegend", "noomitted", "cformat(%7.3f)", "noheader"])
def test_gllamm_has_no_display_options(do, data, option):
    name = option.split("(")[0] + ("()" if "(" in option else "")
    rc, out, s = do(f"gllamm y x, i(id) family(binomial) link(logit) {option}", data)
    assert rc == 198 and f"option {name} not allowed" in out
    rc, out, s = do(f"quietly gllamm y x, i(id) family(binomial) link(logit)\ngllamm, {option}", data)
    assert rc == 198 and f"option {name} not allowed" in out


@pytest.mark.parametrize("option", ["coeflegend", "noomitted", "vsquish", "cformat(%7.3f)", "noheader",
                                    "baselevels"])
def test_anova_has_no_display_options(do, data, option):
    name = option.split("(")[0] + ("()" if "(" in option else "")
    rc, out, s = do(f"anova yc g, {option}", data)
    assert rc == 198 and out.strip().splitlines()[-2:] == [f"option {name} not allowed", "r(198);"]
    rc, out, s = do(f"quietly anova yc g\nanova, {option}", data)
    assert rc == 198 and out.strip().splitlines()[-2:] == [f"option {name} not allowed", "r(198);"]


def test_anova_old_options_and_replay_sstype(do, data):
    rc, out, s = do("set linesize 80\nquietly anova yc g, se\nanova, level(90)", data)
    assert rc == 198
    assert out.strip().splitlines()[-4:] == [
        "option level(90) not allowed",
        "    Option level(90) only allowed under version control with version < 11. Or,",
        "    use command regress after your anova to display the coefficient table.", "r(198);"]
    assert s.e.macros["sstype"] == "sequential"
    rc, out, _ = do("anova, sequential", session=s)
    assert rc == 0 and "Seq. SS" in out
    rc, out, _ = do("anova, partial", session=s)
    assert rc == 198 and "option partial not supported by mlmcli when anova replays" in out
    rc, out, _ = do("anova yc g, regress", session=s)
    assert rc == 198 and "    Option regress only allowed under version control" in out


@pytest.mark.parametrize("typed", ["reghdfe, nohe notab nofoot", "reghdfe, noheader notable nofootnote"])
def test_reghdfe_abbreviations(do, data, typed):
    rc, out, s = do("quietly reghdfe yc x, absorb(id)\n" + typed, data)
    assert rc == 0 and out.strip() == ""


def test_nocnsreport_abbreviation(do, data):
    rc, out, s = do("xtset id\nquietly xttobit ycens x, ll(0.5)\nxttobit, nocnsr", data)
    assert rc == 0 and "Random-effects tobit regression" in out


@pytest.mark.parametrize("setup, fit, replay", [
    ("", "reghdfe yc x i.g, absorb(id)", "reghdfe"),
    ("stset t, failure(cause==1)", "stcrreg x i.g, compete(cause==2)", "stcrreg"),
    ("xtset id", "xttobit ycens x i.g, ll(0.5)", "xttobit"),
    ("", "meqrlogit y x i.g || id:", "meqrlogit"),
])
def test_nofvlabel_and_fvwrap(do, data, setup, fit, replay):
    data["g"] = data.g.astype(float)
    rc, out, s = do(f"{setup}\nlabel define gl 1 one 2 two 3 three\nlabel values g gl\nquietly {fit}\n{replay}", data)
    assert rc == 0 and "        two  |" in out
    rc, out, _ = do(f"{replay}, nofvlabel", session=s)
    assert rc == 0 and "          2  |" in out and "two" not in out
    # fvwrap()/fvwrapon() (docs/factor_labels.md): a label too wide for the 12-column name field
    # wraps over two lines at a word, the numbers on the second; fvwrapon(foo) is _get_diopts' error
    rc, out, s = do(f'set linesize 80\nlabel define gl 3 "three is a long label", modify\nquietly {fit}', session=s)
    wrapped = f"{'three is a'.rjust(11)}  |\n{'long label'.rjust(11)}  |  "
    rc, out, _ = do(f"{replay}, fvwrap(2)", session=s)
    assert rc == 0 and wrapped in out, out
    rc, out, _ = do(f"{replay}", session=s)
    assert rc == 0 and "three is ..  |  " in out, out
    rc, out, _ = do(f"{fit} {',' if ',' not in fit else ''} fvwrap(2) fvwrapon(word)", session=s)
    assert rc == 0 and wrapped in out, out
    rc, out, _ = do(f"{replay}, fvwrapon(foo)", session=s)
    assert rc == 198 and "invalid fvwrapon() option;\noption foo not allowed" in out

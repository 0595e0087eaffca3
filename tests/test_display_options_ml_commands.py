"""The display options of [R] estimation options (``display_options``, ``coeflegend``) on
logit/poisson/ologit/nbreg (``ml display``), glm, stcox and streg, on the fit and on replay,
through the shared ``TableOptions`` -> ``render_coef_table`` path; the options each command's
syntax lacks stay Stata's ``option X not allowed`` r(198).  Expected lines are written out
(Stata's ``_coef_table`` layouts: coeflegend's ``Coef.  Legend`` header and ``_b[]`` names,
vsquish without the blank ``|`` rows, noomitted without the ``(omitted)`` row, baselevels'
``(base)`` row, nolstretch's 12-column names).  The values in the legend are the default
table's (checked against it here; the default tables are checked against R elsewhere)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]
SETUP = f"""use {ROOT / 'samples/data/hsb.dta'}, clear
keep if school < 1500
generate g3 = 1 + mod(school, 3)
generate ses2 = 2*ses
generate hi = mathach > 13
generate c = max(0, floor(mathach/5))
generate o = 1 + (mathach > 10) + (mathach > 17)
generate a_long_variable_name = minority
generate t = mathach + 3
quietly stset t"""
RULE = "-" * 78
MID = "-------------+----------------------------------------------------------------"


@pytest.fixture(scope="module")
def run():
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(SETUP, stop_on_error=True) == 0

    def go(text):
        start = len(s.out.stream.getvalue())
        rc = r.run_text(text, stop_on_error=False)
        return rc, s.out.stream.getvalue()[start:]
    return go


def table(out: str) -> list[str]:
    """The coefficient table: from its top rule to its bottom rule."""
    lines = [ln.rstrip() for ln in out.split("\n")]
    rules = [i for i, ln in enumerate(lines) if len(ln) >= 78 and set(ln) == {"-"}]
    top, bottom = rules[0], rules[-1]
    return lines[top:bottom + 1]


def row(lines: list[str], name: str) -> str:
    return next(ln for ln in lines if ln.startswith(name.rjust(12) + " |"))


def test_logit_coeflegend_replay_and_fit(run):
    rc, out = run("quietly logit hi ses ses2 i.g3\nlogit")
    default = table(out)
    rc, out = run("logit, coeflegend")
    assert rc == 0
    assert table(out) == [
        RULE,
        "          hi |      Coef.  Legend",
        MID,
        "         ses |   1.232138  _b[ses]",
        "        ses2 |          0  (omitted)  _b[o.ses2]",
        "             |",
        "          g3 |",
        "          2  |   .4721878  _b[2.g3]",
        "          3  |   .6035198  _b[3.g3]",
        "             |",
        "       _cons |   -.417878  _b[_cons]",
        RULE]
    for name in ("ses", "_cons"):  # the legend's values are the table's coefficients
        assert row(default, name)[:25] == row(table(out), name)[:25]
    rc, fit = run("logit hi ses ses2 i.g3, coeflegend nolog")
    assert rc == 0 and table(fit) == table(out)


def test_logit_vsquish_noomitted_baselevels(run):
    run("quietly logit hi ses ses2 i.g3")
    rc, out = run("logit, vsquish noomitted baselevels")
    assert rc == 0
    assert table(out)[3:-1] == [
        "         ses |   1.232138   .1421095     8.67   0.000     .9536086    1.510668",
        "          g3 |",
        "          1  |          0  (base)",
        "          2  |   .4721878   .2377343     1.99   0.047     .0062371    .9381384",
        "          3  |   .6035198   .2298203     2.63   0.009     .1530804    1.053959",
        "       _cons |   -.417878   .1491019    -2.80   0.005    -.7101123   -.1256437"]
    rc, out = run("logit, vsquish")
    assert "             |" not in table(out) and "        ses2 |          0  (omitted)" in table(out)
    rc, out = run("logit, noemptycells")  # no empty cells here: the default table
    rc0, default = run("logit")
    assert rc == 0 and table(out) == table(default)


def test_logit_or_coeflegend(run):
    run("quietly logit hi ses ses2 i.g3")
    rc, out = run("logit, or coeflegend")
    assert rc == 0
    assert table(out)[1] == "          hi | Odds Ratio  Legend"
    assert table(out)[3:5] == ["         ses |   3.428552  _b[ses]",
                               "        ses2 |          1  (omitted)  _b[o.ses2]"]
    assert not any("_cons" in ln for ln in table(out))  # Stata 13's eform tables


def test_logit_nolstretch_and_cformat(run):
    run("quietly logit hi ses a_long_variable_name")
    rc, out = run("logit")
    assert row(table(out), "a_long_variable_name".rjust(20))  # stretched to the name's width
    rc, out = run("logit, nolstretch cformat(%6.3f)")
    assert rc == 0
    assert table(out)[3:6] == [
        "         ses |      0.990      0.147     6.75   0.000        0.703       1.278",
        "a_long_var~e |     -1.264      0.218    -5.80   0.000       -1.691      -0.837",
        "       _cons |      0.328      0.121     2.72   0.007        0.092       0.564"]


@pytest.mark.parametrize("option", ["noheader", "notable"])
def test_logit_refuses_what_its_syntax_lacks(run, option):
    """[R] logit's Reporting: level(), or, nocnsreport, display_options, nocoef, coeflegend."""
    run("quietly logit hi ses")
    rc, out = run(f"logit, {option}")
    assert rc == 198 and f"option {option} not allowed" in out


def test_poisson_irr_coeflegend(run):
    run("quietly poisson c ses")
    rc, out = run("poisson, irr coeflegend")
    assert rc == 0 and table(out)[1:] == ["           c |        IRR  Legend", MID,
                                          "         ses |   1.487886  _b[ses]", RULE]


def test_ologit_coeflegend_cutpoints(run):
    run("quietly ologit o ses")
    rc, out = run("ologit, coeflegend")
    assert rc == 0
    assert table(out)[1:] == [
        "           o |      Coef.  Legend", MID,
        "         ses |    1.18459  _b[ses]", MID,
        "       /cut1 |  -.4697944  _b[cut1:_cons]",
        "       /cut2 |   .8565261  _b[cut2:_cons]", RULE]


def test_nbreg_coeflegend_ancillary(run):
    run("quietly nbreg c ses")
    rc, out = run("nbreg, coeflegend")
    assert rc == 0
    lines = table(out)
    assert lines[-7:-4] == ["         ses |   .3973561  _b[ses]", "       _cons |    .664649  _b[_cons]", MID]
    assert lines[-4].startswith("    /lnalpha |") and lines[-4].endswith("  _b[lnalpha:_cons]")
    assert lines[-2].startswith("       alpha |") and "_b[" not in lines[-2]  # a transformed parameter
    assert "Likelihood-ratio test" not in out


def test_glm_noomitted_vsquish_coeflegend(run):
    run("quietly glm hi ses ses2 i.g3, family(binomial)")
    rc, out = run("glm, noomitted vsquish")
    assert rc == 0
    assert table(out)[4:] == [
        "         ses |   1.232138   .1421095     8.67   0.000     .9536086    1.510668",
        "          g3 |",
        "          2  |   .4721878   .2377343     1.99   0.047     .0062371    .9381384",
        "          3  |   .6035198   .2298203     2.63   0.009     .1530804    1.053959",
        "       _cons |   -.417878   .1491019    -2.80   0.005    -.7101123   -.1256437", RULE]
    rc, out = run("glm, coeflegend nolstretch")
    assert rc == 0 and "         ses |   1.232138  _b[ses]" in table(out)


def test_stcox_display_options(run):
    run("quietly stcox ses ses2 i.g3")
    rc, out = run("stcox, coeflegend noshow")
    assert rc == 0
    assert table(out)[1:] == [
        "          _t | Haz. Ratio  Legend", MID,
        "         ses |   .5476609  _b[ses]",
        "        ses2 |          1  (omitted)  _b[o.ses2]",
        "             |",
        "          g3 |",
        "          2  |   .7149018  _b[2.g3]",
        "          3  |   .8560671  _b[3.g3]", RULE]
    rc, out = run("stcox, noomitted vsquish baselevels noshow")
    assert rc == 0 and table(out)[4:7] == ["          g3 |", "          1  |          1  (base)",
                                           row(table(out), "2 ").rstrip()]
    assert not any("ses2" in ln or ln == "             |" for ln in table(out))


def test_streg_display_options(run):
    run("quietly streg ses, dist(weibull)")
    rc, out = run("streg, coeflegend noshow")
    assert rc == 0
    assert table(out)[1:] == [
        "          _t | Haz. Ratio  Legend", MID,
        "         ses |   .6139596  _b[ses]", MID,
        "       /ln_p |    .844796  _b[ln_p:_cons]", MID,
        "           p |   2.327503",
        "         1/p |    .429645", RULE]
    rc, out = run("streg, cformat(%6.3f) noshow")
    assert rc == 0 and row(table(out), "ses").startswith("         ses |      0.614")
    rc, out = run("streg, baselevels")  # rw112: streg shows base levels (none in this model)
    assert rc == 0 and row(table(out), "ses").startswith("         ses |   .6139596")


@pytest.mark.parametrize("fit", ["xtreg mathach ses ses2 i.g3, re", "xtreg mathach ses ses2 i.g3, fe",
                                 "mixed mathach ses ses2 i.g3 || school:", "regress mathach ses ses2 i.g3",
                                 "melogit hi ses ses2 i.g3 || school:"])
def test_already_honoured(run, fit):
    """regress, xtreg re/fe, mixed and melogit honoured these before: the same layouts."""
    word = fit.split()[0]
    run("xtset school\nquietly " + fit)
    rc, out = run(f"{word}, coeflegend")
    assert rc == 0 and row(table(out), "ses").endswith("  _b[ses]")
    assert row(table(out), "ses2").endswith("(omitted)  _b[o.ses2]") or "2o.g3" in out
    rc, out = run(f"{word}, vsquish noomitted")
    assert rc == 0 and "        ses2 |" not in out and "             |" not in table(out)[:12]


def test_mixed_refuses_notable(run):
    """[ME] mixed's Reporting has noheader nogroup nostderr nolrtest noretable nofetable, no notable."""
    run("quietly mixed mathach ses || school:")
    rc, out = run("mixed, notable")
    assert rc == 198 and "option notable not allowed" in out


def test_mlogit_coeflegend_and_noomitted(run):
    run("quietly mlogit o ses ses2")
    rc, out = run("mlogit, coeflegend")
    assert rc == 0
    assert table(out)[1:] == [
        "           o |      Coef.  Legend", MID,
        "1            |  (base outcome)", MID,
        "2            |",
        "         ses |   .9666658  _b[2:ses]",
        "        ses2 |          0  (omitted)  _b[2:o.ses2]",
        "       _cons |  -.2456017  _b[2:_cons]", MID,
        "3            |",
        "         ses |   1.533284  _b[3:ses]",
        "        ses2 |          0  (omitted)  _b[3:o.ses2]",
        "       _cons |  -.1878348  _b[3:_cons]", RULE]
    rc, out = run("mlogit, noomitted")
    assert rc == 0 and "ses2" not in out and out.count("         ses |") == 2


def test_xtlogit_re_coeflegend_and_formats(run):
    run("xtset school\nquietly xtlogit hi ses ses2, re")
    rc, out = run("xtlogit, coeflegend")
    assert rc == 0
    assert table(out)[1:] == [
        "          hi |      Coef.  Legend", MID,
        "         ses |   .8303125  _b[ses]",
        "        ses2 |          0  (omitted)  _b[o.ses2]",
        "       _cons |   .0312019  _b[_cons]", MID,
        "    /lnsig2u |   .0186692  _b[lnsig2u:_cons]", MID,
        "     sigma_u |   1.009378",
        "         rho |   .2364615", RULE]
    rc, out = run("xtlogit, noomitted cformat(%6.3f)")
    assert rc == 0 and "ses2" not in out
    assert row(table(out), "ses") == ("         ses |      0.830      0.169     4.92   0.000        0.500"
                                      "       1.161")


def test_tobit_and_intreg_coeflegend(run):
    run("quietly tobit mathach ses ses2, ll(5)")
    rc, out = run("tobit, coeflegend")
    assert rc == 0
    assert table(out)[1:] == [
        "     mathach |      Coef.  Legend", MID,
        "         ses |   4.444044  _b[ses]",
        "        ses2 |          0  (omitted)  _b[o.ses2]",
        "       _cons |   12.32642  _b[_cons]", MID,
        "      /sigma |   6.789271  _b[sigma:_cons]", RULE]
    rc, out = run("tobit, noomitted cformat(%6.3f)")
    assert rc == 0 and "ses2" not in out and row(table(out), "ses").startswith("         ses |      4.444      0.393")
    run("generate lo = floor(mathach)\ngenerate up = lo + 1")
    rc, out = run("intreg lo up ses, coeflegend nolog")
    assert rc == 0 and table(out)[-4:] == ["    /lnsigma |   1.877831  _b[lnsigma:_cons]", MID,
                                           "       sigma |   6.539305", RULE]


def test_qreg_replay_takes_the_display_options_its_fit_takes(run):
    run("quietly qreg mathach ses ses2")
    rc, out = run("qreg, coeflegend")
    assert rc == 0 and table(out)[3:6] == ["         ses |   5.505243  _b[ses]",
                                           "        ses2 |          0  (omitted)  _b[o.ses2]",
                                           "       _cons |   12.55701  _b[_cons]"]
    rc, out = run("qreg, noomitted")
    assert rc == 0 and "ses2" not in out


def test_xtnbreg_re_coeflegend(run):
    run("xtset school\ngenerate k = c + mod(school, 7)\nquietly xtnbreg k ses ses2, re")
    rc, out = run("xtnbreg, coeflegend")
    assert rc == 0
    lines = table(out)
    assert lines[1] == "           k |      Coef.  Legend"
    assert row(lines, "ses").endswith("  _b[ses]") and row(lines, "ses2").endswith("(omitted)  _b[o.ses2]")
    assert row(lines, "/ln_r").endswith("  _b[ln_r:_cons]") and row(lines, "/ln_s").endswith("  _b[ln_s:_cons]")
    assert "_b[" not in row(lines, "r") and "_b[" not in row(lines, "s")
    assert "LR test vs. pooled" not in out
    rc, out = run("xtnbreg, noomitted")
    assert rc == 0 and "ses2" not in out and "LR test vs. pooled" in out


def test_xtlogit_re_nocnsreport(run):
    run("xtset school\nconstraint 1 ses = 1\nquietly xtlogit hi ses minority, re constraints(1)")
    rc, out = run("xtlogit")
    assert rc == 0 and " ( 1)  [hi]ses = 1" in out
    rc, out = run("xtlogit, nocnsreport")
    assert rc == 0 and "( 1)" not in out and "         ses |          1  (constrained)" in out

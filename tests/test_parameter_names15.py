"""Stata 15's names of the me commands' ancillary parameters read on the Stata 13 names mlm posts
(docs/parameter_names15.md).

Stata 15 and later post a variance component as the free parameter ``/:var(_cons[id])``, Stata 13
as ``var(_cons[id]):_cons``; cutpoints ``/:cut1`` / ``cut1:_cons`` and ln alpha ``/:lnalpha`` /
``lnalpha:_cons`` likewise.  mlm posts Stata 13's and finds a parameter by either wherever a name
is looked up: ``_b[]``/``_se[]``, matrix subscripts and colnumb() on e(b) and r(table), test,
lincom, nlcom, and the keep()/drop() of estimates table, esttab/estout, etable and coefplot.  Each
test compares a Stata 15 spelling against the Stata 13 one on the same fit, so a wrong alias (or
none) fails; an unknown name stays the command's own error."""
from __future__ import annotations

import pytest

from mlmcli.syntax.coefnames import free_parameter_alias

LOGIT = """clear
set seed 15
set obs 25
gen g = _n
gen u = rnormal()
expand 12
gen x = rnormal()
gen y = rbinomial(1, invlogit(u + .5*x))
gen k = 1 + (runiform() < invlogit(u + .3*x)) + (runiform() < .5)
quietly melogit y x || g:
"""


def test_alias_both_ways():
    assert free_parameter_alias("/:var(_cons[hospital])") == "var(_cons[hospital]):_cons"
    assert free_parameter_alias("/var(_cons[school>class])") == "var(_cons[school>class]):_cons"
    assert free_parameter_alias("/:cov(x[id],_cons[id])") == "cov(x[id],_cons[id]):_cons"
    assert free_parameter_alias("/:cut1") == "cut1:_cons"
    assert free_parameter_alias("var(_cons[id]):_cons") == "/:var(_cons[id])"
    assert free_parameter_alias("lnalpha:_cons") == "/:lnalpha"
    for plain in ("x", "y:x", "/", "/:", "_cons", "/:a:b"):
        assert free_parameter_alias(plain) is None


def test_r_table_by_stata15_column_name(do):
    """The TEE do-file's form: r(table)["b", "/:var(_cons[...])"] read into a local."""
    rc, out, s = do(LOGIT + 'matrix T = r(table)\n'
                    'local b15 = r(table)["b", "/:var(_cons[g])"]\n'
                    'local ll15 = r(table)["ll", "/:var(_cons[g])"]\n'
                    'local se15 = r(table)["se", "/var(_cons[g])"]\n'
                    'scalar b13 = T["b", "var(_cons[g]):_cons"]\n'
                    'scalar ll13 = T["ll", "var(_cons[g]):_cons"]\n'
                    'scalar se13 = T["se", "var(_cons[g]):_cons"]\n'
                    'scalar j = colnumb(r(table), "/:var(_cons[g])")\n'
                    'matrix v = e(b)[1, "/:var(_cons[g])"]\n'
                    'scalar bv = v[1,1]')
    assert rc == 0, out
    assert float(s.locals["b15"]) == pytest.approx(s.scalars["b13"], rel=1e-7) and s.scalars["b13"] > 0
    assert float(s.locals["ll15"]) == pytest.approx(s.scalars["ll13"], rel=1e-7)
    assert float(s.locals["se15"]) == pytest.approx(s.scalars["se13"], rel=1e-7)
    assert s.scalars["j"] == 3  # y:x y:_cons var(_cons[g]):_cons
    assert s.scalars["bv"] == pytest.approx(s.scalars["b13"])


def test_unknown_subscript_name_is_still_invalid(do):
    rc, out, _ = do(LOGIT + 'display r(table)["b", "/:var(_cons[nope])"]')
    assert rc == 503 and "subscript invalid" in out
    rc, _, s = do(LOGIT + 'scalar j = colnumb(r(table), "/:var(_cons[nope])")')
    assert rc == 0 and s.scalars["j"] != s.scalars["j"]  # missing, as colnumb() of an absent name


def test_b_and_se_on_ancillary_parameters(do):
    rc, out, s = do(LOGIT + "quietly meologit k x || g:\n"
                    "scalar c15 = _b[/:cut1]\nscalar c13 = _b[cut1:_cons]\n"
                    "scalar s15 = _se[/cut2]\nscalar s13 = _se[cut2:_cons]")
    assert rc == 0, out
    assert s.scalars["c15"] == s.scalars["c13"] and s.scalars["s15"] == s.scalars["s13"]


def test_lincom_and_test_on_stata15_names(do):
    """lincom and test read _b[/:var(...)], _b[/var(...)], [/]var(...) and Stata 13's nested
    forms (the brackets inside the name used to stop their parser: r(198))."""
    refs = ("_b[/:var(_cons[g])]", "_b[/var(_cons[g])]", "[/]var(_cons[g])",
            "_b[var(_cons[g]):_cons]", "[var(_cons[g])]_cons")
    text = "".join(f"lincom {ref} - 1\nscalar est{k} = r(estimate)\nscalar se{k} = r(se)\n"
                   f"test {ref} = 1\nscalar chi{k} = r(chi2)\n" for k, ref in enumerate(refs))
    rc, out, s = do(LOGIT + text + "scalar v = _b[var(_cons[g]):_cons]\nscalar sv = _se[var(_cons[g]):_cons]")
    assert rc == 0, out
    est, se, chi2 = s.scalars["est3"], s.scalars["se3"], s.scalars["chi3"]
    assert est == pytest.approx(s.scalars["v"] - 1) and se == pytest.approx(s.scalars["sv"]) and se > 0
    assert chi2 == pytest.approx((est / se) ** 2)
    for k in range(len(refs)):
        assert (s.scalars[f"est{k}"], s.scalars[f"se{k}"], s.scalars[f"chi{k}"]) == (est, se, chi2), refs[k]


def test_test_of_unknown_component_is_not_found(do):
    rc, out, _ = do(LOGIT + "test _b[/:var(_cons[nope])] = 1")
    assert rc == 111 and "not found" in out


def test_nlcom_median_odds_ratio(do):
    rc, out, s = do(LOGIT + "nlcom exp(sqrt(2*_b[/:var(_cons[g])])*invnormal(.75))\n"
                    "matrix nb = r(b)\nscalar mor = nb[1,1]\n"
                    "scalar want = exp(sqrt(2*_b[var(_cons[g]):_cons])*invnormal(.75))")
    assert rc == 0, out
    assert s.scalars["mor"] == pytest.approx(s.scalars["want"])


def _sections(do, setup: str, commands: list[str]) -> list[str]:
    """Each command's output, from one run of ``setup`` and the commands (one fit)."""
    rc, out, _ = do(setup + "".join(f'display "@@"\n{c}\n' for c in commands))
    assert rc == 0, out
    return out.split("@@\n")[1:]


def test_estimates_table_keep_and_drop(do):
    keep15, keep13, drop15 = _sections(do, LOGIT + "estimates store m1\n", [
        "estimates table m1, keep(/:var(_cons[g]) x)", "estimates table m1, keep(var(_cons[g]):_cons x)",
        "estimates table m1, drop(/var(_cons[g]))"])
    assert keep15 == keep13 and "var(_cons[~)" in keep15 and "x |" in keep15 and "_cons |" in keep15
    assert "var(_cons" not in drop15 and "_cons |" in drop15 and "x |" in drop15
    rc, out, _ = do(LOGIT + "estimates store m1\nestimates table m1, keep(/:var(_cons[nope]))")
    assert rc == 111 and "coefficient /:var(_cons[nope]) does not appear in any of the models" in out


def test_esttab_keep_drop(do):
    base = LOGIT.replace("melogit y x || g:", "meologit k x || g:") + "estimates store m\n"
    kept, dropped, keep13, keep15 = _sections(do, base, [
        "esttab m, keep(/:cut1 /:var(_cons[g])) se", "esttab m, drop(/:var(_cons[g]) /cut2) se",
        "esttab m, keep(var(_cons[g]):_cons) se", "esttab m, keep(/:var(_cons[g])) se"])
    assert "cut1" in kept and "var(_cons[" in kept and "cut2" not in kept and "\nx " not in kept
    assert "var(_cons[" not in dropped and "cut2" not in dropped and "cut1" in dropped
    # Stata 13's name (a bracket is no character class); one equation left: estout shows no label
    assert keep15 == keep13 and "_cons" in keep13 and "cut1" not in keep13
    rc, out, _ = do(base + "esttab m, keep(/:var(_cons[nope]))")
    assert rc == 111 and "not found" in out


def test_etable_keep(do):
    rc, out, _ = do(LOGIT + "etable, keep(/var(_cons[g]) x)")
    assert rc == 0, out
    assert "var(_cons[g])" in out and "Intercept" not in out and "\nx " in out


def test_coefplot_keep(do):
    rc, out, s = do(LOGIT + "estimates store m1\n"
                    "coefplot m1, keep(/:var(_cons[g])) nodraw generate(cp_) replace\n"
                    "quietly summarize cp_b\nscalar n = r(N)\nscalar b = r(mean)\n"
                    "scalar want = _b[var(_cons[g]):_cons]")
    assert rc == 0, out
    assert s.scalars["n"] == 1 and s.scalars["b"] == pytest.approx(s.scalars["want"], rel=1e-6)


def test_constraints_on_stata15_names(do):
    """constraint define with _b[/:var(...)], /:var(...) and [/]var(...) constrains the variance as
    Stata 13's _b[var(_cons[g]):_cons] does (it was dropped with makecns' r(111) note)."""
    fits = {}
    for k, ref in enumerate(("_b[var(_cons[g]):_cons]", "_b[/:var(_cons[g])]", "/:var(_cons[g])",
                             "[/]var(_cons[g])"), 1):
        rc, out, s = do(LOGIT + f"constraint {k} {ref} = 0.5\nquietly melogit y x || g:, constraints({k})\n"
                        "scalar ll = e(ll)\nscalar v = _b[/:var(_cons[g])]")
        assert rc == 0 and "caused error" not in out, (ref, out)
        fits[ref] = (s.scalars["ll"], s.scalars["v"])
    assert len(set(fits.values())) == 1 and fits["/:var(_cons[g])"][1] == 0.5


def test_cutpoint_constraint(do):
    rc, out, s = do(LOGIT + "constraint 1 _b[/:cut1] = -1\nquietly meologit k x || g:, constraints(1)\n"
                    "scalar c = _b[cut1:_cons]")
    assert rc == 0 and "caused error" not in out, out
    assert s.scalars["c"] == pytest.approx(-1)

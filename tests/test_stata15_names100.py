"""Stata 15's free-parameter stripe under ``version 15`` and later (docs/parameter_names15.md).

A fit run under version 15 or later (``version 15``, ``version 16: ...``) posts the me commands'
variance components, covariances, cutpoints and residual variance, and ologit's and oprobit's
cutpoints, as free parameters of equation ``/`` (``/:var(_cons[g])``, ``/:cut1``,
``/:var(e.y)``).  The user sees those names wherever e(b)'s names show: ``matrix list e(b)``,
``: colfullnames``, ``: colnfreeparms``, r(table), coeflegend (``_b[/var(_cons[g])]``), test and
lincom (``[/]var(_cons[g])``), estat vce, estimates table, esttab and parmest.  A fit under
version 14 or earlier, and the default (no version statement), keeps Stata 13's names;
mixed keeps its lns1_1_1 and lnsig_e equations under every version (Stata 15 did not change it).
Each test compares the same fit under both versions, so a name left unchanged, or changed where
Stata did not change it, fails."""
from __future__ import annotations

import re

import pytest

# 25 groups of 12: a binary y, a three-category k and a continuous w, each with a group effect u
DATA = """clear
set seed 1500
set obs 300
gen int g = ceil(_n / 12)
bysort g: gen double u = rnormal() if _n == 1
by g: replace u = u[1]
gen double x = rnormal()
gen byte y = runiform() < invlogit(u + .5*x)
gen byte k = 1 + (runiform() < invlogit(u + .3*x)) + (runiform() < .5)
gen double w = 2 + u + x + rnormal()
"""


def _sections(do, text: str) -> list[str]:
    """Each ``display "@@"``-separated part of one run's output."""
    rc, out, _ = do(text)
    assert rc == 0, out
    return out.split("@@\n")[1:]


def _names(do, version: str, fit: str) -> tuple[str, str, str]:
    """(colfullnames e(b), colnfreeparms e(b), rowfullnames e(V)) of ``fit`` run under ``version``."""
    rc, out, s = do(DATA + f"{version}\nquietly {fit}\n"
                    "local c : colfullnames e(b)\nlocal n : colnfreeparms e(b)\nlocal r : rowfullnames e(V)")
    assert rc == 0, out
    return s.locals["c"], s.locals["n"], s.locals["r"]


@pytest.mark.parametrize("version, free", [("", False), ("version 13", False), ("version 14", False),
                                           ("version 15", True), ("version 16.1", True)])
def test_melogit_stripe_follows_version(do, version, free):
    cols, n, rows = _names(do, version, "melogit y x || g:")
    if free:
        assert cols == "y:x y:_cons /:var(_cons[g])" and n == "1"
    else:
        assert cols == "y:x y:_cons var(_cons[g]):_cons" and n == "0"
    assert rows == cols


def test_ordinal_and_gaussian_stripes(do):
    assert _names(do, "version 15", "meologit k x || g:")[0] == "k:x /:cut1 /:cut2 /:var(_cons[g])"
    assert _names(do, "", "meologit k x || g:")[0] == "k:x cut1:_cons cut2:_cons var(_cons[g]):_cons"
    assert _names(do, "version 15", "ologit k x")[:2] == ("k:x /:cut1 /:cut2", "2")
    assert _names(do, "version 14", "oprobit k x")[:2] == ("k:x cut1:_cons cut2:_cons", "0")
    assert _names(do, "version 15", "meglm w x || g:")[0] == "w:x w:_cons /:var(_cons[g]) /:var(e.w)"
    # the random slope's names only: a few iterations enough
    assert _names(do, "version 15", "melogit y x || g: x, cov(un) intpoints(2) iterate(2)")[0] == \
        "y:x y:_cons /:var(x[g]) /:var(_cons[g]) /:cov(x[g],_cons[g])"


def test_mixed_keeps_its_equations_under_version_15(do):
    """Stata 15+ mixed still posts lns1_1_1:_cons and lnsig_e:_cons (version 16 do-files read
    [lnsig_e]_b[_cons] after mixed; docs/parameter_names15.md)."""
    assert _names(do, "version 16", "mixed w x || g:")[:2] == ("w:x w:_cons lns1_1_1:_cons lnsig_e:_cons", "0")


def test_colon_prefix_and_stored_results_keep_the_fits_stripe(do):
    """``version 15: cmd`` posts the new stripe; the stripe is the fit's, whatever version reads it."""
    rc, out, s = do(DATA + "version 15: quietly melogit y x || g:\nlocal a : colfullnames e(b)\n"
                    "estimates store m15\nquietly melogit y x || g:\nlocal b : colfullnames e(b)\n"
                    "version 16\nlocal c : colfullnames e(b)\nversion 13\nestimates restore m15\n"
                    "local d : colfullnames e(b)")
    assert rc == 0, out
    assert s.locals["a"] == s.locals["d"] == "y:x y:_cons /:var(_cons[g])"
    assert s.locals["b"] == s.locals["c"] == "y:x y:_cons var(_cons[g]):_cons"


def test_estimates_save_and_use_keep_the_stripe(do, tmp_path):
    path = tmp_path / "m.ster"
    rc, out, s = do(DATA + f'version 15\nquietly ologit k x\nestimates save "{path}"\nversion 13\n'
                    f'quietly ologit k x\nlocal a : colfullnames e(b)\nestimates use "{path}"\n'
                    'local b : colfullnames e(b)')
    assert rc == 0, out
    assert (s.locals["a"], s.locals["b"]) == ("k:x cut1:_cons cut2:_cons", "k:x /:cut1 /:cut2")


def test_matrix_list_and_r_table(do):
    new, old = _sections(do, DATA + 'display "@@"\nversion 15\nquietly melogit y x || g:\nmatrix list e(b)\n'
                         'matrix list r(table)\nmatrix V = e(V)\nmatrix list V\n'
                         'display "@@"\nversion 13\nquietly melogit y x || g:\nmatrix list e(b)\n'
                         'matrix list r(table)\n')
    assert re.search(r"y:\s+y:\s+/:\n\s+x\s+_cons\s+var\(_cons\[g\]\)\n", new), new
    assert "/:var(_cons[g])" in new  # e(V)'s row names
    assert "var(_cons[g]):" in old and "/:" not in old
    assert new.count("var(_cons[g])") == 4 and old.count("var(_cons[g]):") == 2


def test_values_the_same_under_every_spelling(do):
    rc, out, s = do(DATA + "version 15\nquietly meologit k x || g:\n"
                    'scalar a = _b[/var(_cons[g])]\nscalar b = _b[/:var(_cons[g])]\n'
                    'scalar c = _b[var(_cons[g]):_cons]\nscalar d = e(b)[1, "/:var(_cons[g])"]\n'
                    'scalar e = r(table)["b", "/:cut2"]\nscalar f = _b[/cut2]\nscalar h = [/]_b[cut2]\n'
                    'scalar j = colnumb(e(b), "/:var(_cons[g])")')
    assert rc == 0, out
    assert s.scalars["a"] == s.scalars["b"] == s.scalars["c"] == s.scalars["d"] > 0
    assert s.scalars["e"] == s.scalars["f"] == s.scalars["h"]
    assert s.scalars["j"] == 4


def test_coeflegend_names(do):
    new, old, ord15, ord13 = _sections(do, DATA + 'display "@@"\nversion 15\nmeologit k x || g:, coeflegend\n'
                                       'display "@@"\nversion 13\nmeologit k x || g:, coeflegend\n'
                                       'display "@@"\nversion 15\nologit k x, coeflegend\n'
                                       'display "@@"\nversion 13\nologit k x, coeflegend\n')
    assert "_b[/cut1]" in new and "_b[/cut2]" in new and "_b[/var(_cons[g])]" in new and "_b[x]" in new
    assert "_b[cut1:_cons]" in old and "_b[var(_cons[g]):_cons]" in old and "_b[/" not in old
    assert "_b[/cut1]" in ord15 and "_b[/cut2]" in ord15 and "cut1:_cons" not in ord15
    assert "_b[cut1:_cons]" in ord13 and "_b[/" not in ord13
    # the values are the same fit's
    value = re.compile(r"var\(_cons\)\|\s+(\S+)")
    assert value.search(new).group(1) == value.search(old).group(1)


def test_test_and_lincom_show_free_parameters(do):
    commands = ("test _b[/var(_cons[g])] = 1\ntest [var(_cons[g])]_cons = 1\n"
                "lincom _b[/cut2] - _b[/cut1]\n")
    new, old = _sections(do, DATA + f'display "@@"\nversion 15\nquietly meologit k x || g:\n{commands}'
                         f'display "@@"\nversion 13\nquietly meologit k x || g:\n{commands}')
    assert new.count("( 1)  [/]var(_cons[g]) = 1") == 2 and "( 1)  -[/]cut1 + [/]cut2 = 0" in new
    assert old.count("( 1)  [var(_cons[g])]_cons = 1") == 2 and "( 1)  -[cut1]_cons + [cut2]_cons = 0" in old
    stats = re.compile(r"chi2\(  1\) =\s+(\S+)")
    assert stats.findall(new) == stats.findall(old) and len(stats.findall(new)) == 2
    assert new.split("(1) |")[1] == old.split("(1) |")[1]  # lincom's estimate row


def test_estat_vce_and_estimates_table(do):
    """Equation "/" holds var(_cons[g]) under version 15; before, var(_cons[g]) is an equation
    whose one column is _cons.  The values are the same."""
    commands = 'display "@@"\nestat vce\nestimates store m\ndisplay "@@"\nestimates table m\n'
    vce_new, table_new, vce_old, table_old = _sections(
        do, DATA + f'version 15\nquietly melogit y x || g:\n{commands}version 13\nquietly melogit y x || g:\n{commands}')
    slash_row = re.compile(r"\n/ {12}\|[ |]*\nvar\(_cons\[~\) \|\s+(\S+)")
    own_eq = re.compile(r"\nvar\(_cons\[~\) \|[ |]*\n {7}_cons \|\s+(\S+)")
    assert slash_row.search(table_new) and own_eq.search(table_old)
    assert slash_row.search(table_new).group(1) == own_eq.search(table_old).group(1)
    assert re.search(r"\|\s+/\s+\n\s+e\(V\) \|\s+x\s+_cons \| var\(_con~\)", vce_new), vce_new
    assert re.search(r"\| var\(_cons~\)\n\s+e\(V\) \|\s+x\s+_cons \|\s+_cons", vce_old), vce_old
    assert slash_row.search(vce_new) and own_eq.search(vce_old)
    assert vce_new.split("|")[-1] == vce_old.split("|")[-1]  # the variance's own variance


def test_esttab_drop_all_free_parameters(do):
    """drop(/:*) leaves the fixed part, the constant included, under either stripe."""
    new, old = _sections(do, DATA + 'display "@@"\nversion 15\nquietly melogit y x || g:\nesttab, drop(/:*)\n'
                         'display "@@"\nversion 13\nquietly melogit y x || g:\nesttab, drop(/:*)\n')
    for out in (new, old):
        assert "var(_cons" not in out and "_cons " in out and "\nx " in out


def test_parmest_equation_slash(do):
    rc, out, s = do(DATA + "version 15\nquietly meologit k x || g:\nparmest, norestore")
    assert rc == 0, out
    assert list(s.data.df["eq"]) == ["k", "/", "/", "/"]
    assert list(s.data.df["parm"]) == ["x", "cut1", "cut2", "var(_cons[g])"]
    rc, out, s = do(DATA + "quietly meologit k x || g:\nparmest, norestore")
    assert rc == 0, out
    assert list(s.data.df["eq"]) == ["k", "cut1", "cut2", "var(_cons[g])"]


def test_outreg2_keep_drop_stata15_names(do, tmp_path):
    path = tmp_path / "o.txt"
    new, typed13 = _sections(do, DATA + 'version 15\nquietly meologit k x || g:\n'
                             f'display "@@"\noutreg2 using "{path}", replace drop(/:cut1 /cut2 /:var(_cons[g]))\n'
                             f'type "{path}"\n'
                             f'display "@@"\noutreg2 using "{path}", replace keep(x)\ntype "{path}"\n')
    assert new == typed13 and "cut" not in new and "var(" not in new and "0." in new


def test_tobit_posts_the_variance_under_version_15(do):
    """Stata 15's tobit posts /:var(e.y), sigma squared (tobit_p.ado reads sqrt(_b[/var(e.y)])
    from e(version) 3 on); its e(V) is the delta method's (2 sigma)^2 scaling, exact at the
    maximum.  The coefficient table keeps Stata 13's /sigma row (docs/parameter_names15.md)."""
    rc, out, s = do(DATA + "replace w = 2 if w < 2\nversion 13\nquietly tobit w x, ll(2)\n"
                    "matrix b13 = e(b)\nmatrix V13 = e(V)\nlocal c13 : colfullnames e(b)\n"
                    "version 15\nquietly tobit w x, ll(2)\nmatrix b15 = e(b)\nmatrix V15 = e(V)\n"
                    "local c15 : colfullnames e(b)\nlocal n15 : colnfreeparms e(b)\n"
                    "scalar v = _b[/var(e.w)]\nscalar sv = _se[/var(e.w)]\n"
                    "capture display _b[/sigma]\nscalar rc_sigma = _rc")
    assert rc == 0, out
    assert s.locals["c13"] == "model:x model:_cons sigma:_cons"
    assert (s.locals["c15"], s.locals["n15"]) == ("model:x model:_cons /:var(e.w)", "1")
    b13, b15 = s.matrices["b13"].values.ravel(), s.matrices["b15"].values.ravel()
    V13, V15 = s.matrices["V13"].values, s.matrices["V15"].values
    assert b15[:2] == pytest.approx(b13[:2], rel=1e-12) and b15[2] == pytest.approx(b13[2] ** 2, rel=1e-12)
    J = [1.0, 1.0, 2 * b13[2]]
    for i in range(3):
        for j in range(3):
            assert V15[i, j] == pytest.approx(J[i] * J[j] * V13[i, j], rel=1e-10)
    assert s.scalars["v"] == pytest.approx(b15[2]) and s.scalars["sv"] == pytest.approx(V15[2, 2] ** .5)
    assert s.scalars["rc_sigma"] == 111  # no sigma in Stata 15's e(b)


def test_tobit_table_and_legend_under_version_15(do):
    table15, legend15, legend13 = _sections(
        do, DATA + 'replace w = 2 if w < 2\nversion 15\ndisplay "@@"\ntobit w x, ll(2)\n'
        'display "@@"\ntobit, coeflegend\nversion 13\ndisplay "@@"\ntobit w x, ll(2) coeflegend\n')
    assert "/sigma |" in table15 and "var(e." not in table15  # the table is Stata 13's
    assert re.search(r"/sigma \|\s+\S+\n", legend15) and "_b[sigma:_cons]" not in legend15
    assert "_b[sigma:_cons]" in legend13


def test_me_constraint_lines(do):
    setup = "constraint 1 _b[/var(_cons[g])] = .5\nconstraint 2 _b[/cut1] = -1\n"
    new, old = _sections(do, DATA + setup +
                         'display "@@"\nversion 15\nmelogit y x || g:, constraints(1) intpoints(3)\n'
                         'meologit k x || g:, constraints(2) intpoints(3)\n'
                         'display "@@"\nversion 13\nmelogit y x || g:, constraints(1) intpoints(3)\n'
                         'meologit k x || g:, constraints(2) intpoints(3)\n')
    assert "( 1)  [/]var(_cons[g]) = .5" in new and "( 1)  [/]cut1 = -1" in new
    assert "( 1)  [var(_cons[g])]_cons = .5" in old and "( 1)  [cut1]_cons = -1" in old

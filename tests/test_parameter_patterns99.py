"""Wildcard patterns in Stata 15's spelling of the free parameters, and predict after
``ereturn repost``.

(1) Stata 15 posts the me commands' variance components, cutpoints and ln alpha in equation
``/`` (docs/parameter_names15.md); mlm posts Stata 13's ``var(_cons[g]):_cons``, ``cut1:_cons``.
A pattern in the 15 spelling (``drop(/:*)``, ``keep(/:var*)``, ``order(/:cut?)``) names those
columns and nothing else: not the first equation's ``_cons`` (before, ``/:*`` became ``*:_cons``
and dropped the intercept in esttab; estimates table and coefplot matched nothing; etable
dropped every row), and not mixed's ``lns1_1_1:_cons``, which Stata 15 still posts as an
equation.  Each test compares the 15 spelling with the 13 names typed out, on one fit.

(2) [P] ereturn: ``ereturn repost b = ..., V = ...`` changes e(b) and e(V) in place, and Stata's
predict reads them.  mlm's xb and stdp (and regress's residuals) are computed from the new e(b)
and e(V); statistics mlm computes from the fit (mu, pr, reffects) are refused, as margins and
replay are, the rule rw101 made for erepost.
"""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.syntax.coefnames import free_parameter_matches, free_parameter_name, slash_pattern, strmatch
from test_parameter_names15 import LOGIT as NAMES15_DATA

# test_parameter_names15's data: 25 groups of 12, binary y, three-category k; w a continuous outcome
SETUP = NAMES15_DATA.replace("quietly melogit y x || g:\n", "gen w = 2 + x + u + rnormal()\n")
assert "gen w" in SETUP, "test_parameter_names15.LOGIT changed its fit line"
LOGIT = SETUP + "quietly melogit y x || g:\nestimates store m\n"
OLOGIT = SETUP + "quietly meologit k x || g:\nestimates store m\n"


def _sections(do, setup: str, commands: list[str]) -> list[str]:
    rc, out, _ = do(setup + "".join(f'display "@@"\n{c}\n' for c in commands))
    assert rc == 0, out
    return out.split("@@\n")[1:]


def test_which_columns_stata15_puts_in_the_slash_equation():
    assert free_parameter_name("var(_cons[g])", "_cons") == "var(_cons[g])"
    assert free_parameter_name("cov(x[g],_cons[g])", "_cons") == "cov(x[g],_cons[g])"
    assert free_parameter_name("cut2", "_cons") == "cut2"
    assert free_parameter_name("lnalpha", "_cons") == "lnalpha"
    assert free_parameter_name("/", "ln_p") == "ln_p"  # mestreg posts the new names already
    for eq, name in (("y", "_cons"), ("y", "x"), ("lns1_1_1", "_cons"), ("lnsig_e", "_cons"),
                     ("var(_cons[g])", "x"), ("", "_cons")):
        assert free_parameter_name(eq, name) is None, (eq, name)
    assert slash_pattern("/:*") == "*" and slash_pattern("/var*") == "var*" and slash_pattern("y:*") is None
    assert strmatch("var(_cons[?])", "var(_cons[g])") and not strmatch("var(_cons[h])", "var(_cons[g])")
    assert free_parameter_matches("/:*", "var(_cons[g])", "_cons")
    assert not free_parameter_matches("/:*", "y", "_cons")
    assert not free_parameter_matches("/:cut*", "var(_cons[g])", "_cons")


def test_esttab_drop_slash_star_keeps_the_intercept(do):
    """The tonelli file's esttab ..., drop(/:*) after melogit: the variance goes, x and the
    intercept stay, exactly as dropping Stata 13's name does."""
    drop15, drop13, keep15, keep13, none = _sections(do, LOGIT, [
        "esttab m, drop(/:*)", "esttab m, drop(var(_cons[g]):_cons)",
        "esttab m, keep(/:*)", "esttab m, keep(var(_cons[g]):_cons)", "esttab m"])
    assert drop15 == drop13 and "_cons" in drop15 and "\nx " in drop15 and "var(" not in drop15
    assert keep15 == keep13 and "\nx " not in keep15
    assert drop15 != none and keep15 != none


def test_esttab_cutpoint_wildcards_rename_order(do):
    drop15, drop13, cuts15, cuts13, ren15, ren13, ord15, ord13 = _sections(do, OLOGIT, [
        "esttab m, drop(/:*)", "esttab m, drop(cut1:_cons cut2:_cons var(_cons[g]):_cons)",
        "esttab m, keep(/cut?)", "esttab m, keep(cut1:_cons cut2:_cons)",
        "esttab m, rename(/:var* sigma2)", "esttab m, rename(var(_cons[g]):_cons sigma2)",
        "esttab m, order(/:cut2 /:cut1)", "esttab m, order(cut2:_cons cut1:_cons)"])
    assert drop15 == drop13 and "\nx " in drop15 and "cut1" not in drop15
    assert cuts15 == cuts13 and "cut2" in cuts15 and "var(" not in cuts15
    assert ren15 == ren13 and "sigma2" in ren15
    assert ord15 == ord13


def test_esttab_slash_star_leaves_mixed_log_sds(do):
    """Stata 15's mixed still posts lns1_1_1:_cons and lnsig_e:_cons as equations: /:* is none of
    them, so drop(/:*) finds no equation / (estout's error without relax) and with relax drops nothing."""
    setup = SETUP + "quietly mixed w x || g:\nestimates store m\n"
    dropped, kept = _sections(do, setup, ["esttab m, drop(/:*, relax)", "esttab m"])
    assert dropped == kept and "lns1_1_1" in kept
    rc, out, _ = do(setup + "esttab m, drop(/:*)")
    assert rc == 111 and "equation / not found" in out


def test_estimates_table_wildcards(do):
    drop15, drop13, keep15, keep13 = _sections(do, OLOGIT, [
        "estimates table m, drop(/:*)", "estimates table m, drop(cut1:_cons cut2:_cons var(_cons[g]):_cons)",
        "estimates table m, keep(/:cut? x)", "estimates table m, keep(cut1:_cons cut2:_cons x)"])
    assert drop15 == drop13 and "x |" in drop15 and "cut1" not in drop15
    assert keep15 == keep13 and "cut2" in keep15 and "var(" not in keep15
    rc, out, _ = do(OLOGIT + "estimates table m, keep(/:nope*)")
    assert rc == 111 and "coefficient /:nope* does not appear in any of the models" in out


def test_etable_wildcards(do):
    drop15, fixed, keep15, var13 = _sections(do, LOGIT, [
        "etable, drop(/:*)", "etable, keep(x _cons)", "etable, keep(/:var*)", "etable, keep(/var(_cons[g]))"])
    assert drop15 == fixed and "Intercept" in drop15 and "var(_cons[g])" not in drop15
    assert keep15 == var13 and "var(_cons[g])" in keep15 and "Intercept" not in keep15


def _plotted(do, setup: str, options: str) -> list[float]:
    rc, out, s = do(setup + f"coefplot m, {options} nodraw generate(cp_) replace")
    assert rc == 0, out
    b, at = s.data.numeric("cp_b"), s.data.numeric("cp_at")
    keep = ~np.isnan(b)
    return [float(v) for _, v in sorted(zip(at[keep], b[keep]))]


def test_coefplot_wildcards_order_rename(do):
    everything = _plotted(do, OLOGIT, "keep(*:)")
    assert len(everything) == 4
    assert _plotted(do, OLOGIT, "keep(*:) drop(/:*)") == _plotted(
        do, OLOGIT, "keep(*:) drop(cut1:_cons cut2:_cons var(_cons[g]):_cons)")
    assert len(_plotted(do, OLOGIT, "keep(*:) drop(/:*)")) == 1
    assert _plotted(do, OLOGIT, "keep(/:cut*)") == _plotted(do, OLOGIT, "keep(cut1:_cons cut2:_cons)")
    order15 = _plotted(do, OLOGIT, "keep(*:) order(/:var* /:cut2 k:x)")
    assert order15 == _plotted(do, OLOGIT, "keep(*:) order(var(_cons[g]):_cons cut2:_cons k:x)")
    assert order15 != everything
    base = "keep(*:) order(var(_cons[g]):_cons cut2:_cons k:x) "
    renamed = _plotted(do, OLOGIT, base + "rename(/:var(_cons[g]) = sigma2)")
    assert renamed == _plotted(do, OLOGIT, base + "rename(var(_cons[g]):_cons = sigma2)") != order15


# ---- (2) predict after ereturn repost ------------------------------------------------------

REPOST = """capture program drop rp
program rp, eclass
    matrix nb = e(b)
    matrix nb[1,1] = 2
    matrix nV = e(V)*4
    ereturn repost b = nb V = nV
end
"""


def _design(s) -> np.ndarray:
    return np.column_stack([s.data.numeric("x"), np.ones(s.data.nobs)])


def test_regress_predict_follows_the_reposted_b_and_V(do):
    rc, out, s = do(SETUP + REPOST + "quietly regress w x\nmatrix V0 = e(V)\nrp\npredict p\n"
                    "predict sp, stdp\npredict r, residuals\npredict xb0, xb nooffset")
    assert rc == 0, out
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    assert b[0] == 2
    X = _design(s)
    np.testing.assert_allclose(s.data.numeric("p"), X @ b, rtol=1e-6)
    V = 4 * np.asarray(s.matrices["V0"].values, float)
    np.testing.assert_allclose(s.data.numeric("sp"), np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("r"), s.data.numeric("w") - X @ b, rtol=1e-5, atol=1e-5)
    assert "(option xb assumed; fitted values)" in out


def test_regress_margins_and_replay_refused_after_repost(do):
    rc, out, _ = do(SETUP + REPOST + "quietly regress w x\nrp\nmargins")
    assert rc == 321
    rc, out, _ = do(SETUP + REPOST + "quietly regress w x\nrp\nregress")
    assert rc == 301


def test_melogit_xb_follows_repost_and_mu_is_refused(do):
    rc, out, s = do(SETUP + REPOST + "quietly melogit y x || g:\nrp\npredict eta, xb\npredict se, stdp")
    assert rc == 0, out
    b = np.asarray(s.e.matrices["b"].values, float).ravel()[:2]  # y:x, y:_cons
    np.testing.assert_allclose(s.data.numeric("eta"), _design(s) @ b, rtol=1e-6)
    for stat in ("", ", mu", ", reffects", ", pr"):
        rc, out, s2 = do(SETUP + REPOST + f"quietly melogit y x || g:\nrp\npredict q{stat}")
        assert rc == 199 and "predict after a reposted e(b) is not implemented in mlmcli" in out, stat
        assert not s2.data.has_variable("q")


def test_repost_without_b_or_V_leaves_predict_on_the_fit(do):
    """ereturn repost without b or V changes no coefficient: predict mu still runs from the fit."""
    prog = 'capture program drop rs\nprogram rs, eclass\n    ereturn repost, properties("b V")\nend\n'
    rc, out, s = do(SETUP + prog + "quietly melogit y x || g:\nrs\npredict q, mu")
    assert rc == 0, out
    assert not s.e.reposted and s.data.has_variable("q")


def test_erepost_follows_the_same_rule(do):
    rc, out, s = do(SETUP + "quietly regress w x\nmatrix nb = e(b)\nmatrix nb[1,1] = 3\nerepost b = nb\n"
                    "predict p, xb")
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("p"), _design(s) @ np.asarray(s.e.matrices["b"].values).ravel(),
                               rtol=1e-6)
    rc, out, _ = do(SETUP + "quietly melogit y x || g:\nmatrix nb = e(b)\nerepost b = nb\npredict q")
    assert rc == 199


@pytest.mark.parametrize("typed, rc_wanted", [("xb stdp", 198), ("xb mu", 199), ("cooksd", 199)])
def test_two_statistics_or_one_from_the_fit(do, typed, rc_wanted):
    rc, out, s = do(SETUP + REPOST + f"quietly regress w x\nrp\npredict q, {typed}")
    assert rc == rc_wanted, out
    assert not s.data.has_variable("q")

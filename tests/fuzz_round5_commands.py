"""Round 5 of the command fuzz (docs/command_fuzz.md): hand-written hostile lines for the
commands merged in the session of 2026-12-05 (second half) -- sureg/mvreg/reg3, manova/
manovatest/mvtest, xtabond/xtdpdsys/xtregar/xtunitroot with estat abond/sargan, the st
commands (stsplit stjoin stci strate stptime stir stmh stmc stvary stfill stgen stbase) and
ltable, fracreg/binreg/hetprob/betareg/scobit, blogit/bprobit/glogit/gprobit and
``tabulate ..., summarize()``.  Lines mix plausible and odd option values, missing (m, z),
constant (k), collinear (x1 twice) and string (s, sid) variables, if 0, in 1, zero and negative
weights, by: prefixes, abbreviated options, misplaced commas, and postestimation after a fit
and after ``estimates store/restore`` and ``estimates save/use``.  They run through
tests/fuzz_commands.py's checks (``run_all``).

    python3 tests/fuzz_round5_commands.py [--seed 1] [--count 400] [--only systems,st] [--show] [-v]
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_lines import Case  # noqa: E402,F401
from fuzz_new_commands import _opts as options_text  # noqa: E402
from fuzz_new_commands import family_cases, run_main  # noqa: E402

ODD = ["", "-1", "0", "1e300", "-1e300", "abc", "x1", ".", "(", "2147483648", "1 2", "s", "nosuch", "3.5", "z"]
NUM = ["y", "x1", "x2", "c", "t2", "w"]
BADVARS = ["m", "z", "k", "s", "sid", "nosuch", "x1 x1", "i.f", "L.y", "huge"]
WEIGHTS = ["", "", "", " [fw=w]", " [aw=w]", " [pw=w]", " [iw=w]", " [aw=x1]", " [fw=x1]", " [fw=zero]",
           " [aw=zero]", " [pw=neg]", " [aw=z]", " [iw=k]", " [fw=s]", " [aw=1e300]"]
CONDS = ["", "", "", " if 0", " in 1", " if x1 > 0", " in 1/3", " if b", " if s == \"a\"", " in 41",
         " if m < .", " if y > 1e300", " if z < ."]
PREFIXES = ["", "", "", "", "by f, sort: ", "bysort b: ", "quietly ", "capture noisily "]
# every family's setup starts with these (zero and negative weights, a value near 1e307, a share)
BASE = ("generate zero = 0", "generate neg = -w", "generate double huge = 1e307 * x1",
        "generate fr = invlogit(y)", "generate pop = c + w")


def _pick(rng, tame, odd, p=0.25):
    return rng.choice(odd) if rng.random() < p else rng.choice(tame)


def _opts(rng, options, most=3):
    return options_text(rng, options, most, ODD, 0.25)


def _tail(rng):
    return rng.choice(CONDS) + rng.choice(WEIGHTS)


def _with_tail(rng, fit):
    """``fit`` with an if/in/weight tail before its options (or after them: a misplaced comma)."""
    cmd, comma, options = fit.partition(",")
    if rng.random() < 0.05:
        return fit + _tail(rng)
    return cmd + _tail(rng) + comma + options if rng.random() < 0.5 else fit


POST = ["predict nv", "predict nv, residuals", "predict nv, xb", "predict nv, stdp", "predict nv, pr",
        "predict nv, equation(#2)", "predict nv, equation(nosuch)", "predict double nv, e", "predict s",
        "test x1", "test [y]x1", "test x1 = 1e300", "lincom x1", "margins", "margins, dydx(x1)", "margins f",
        "estat ic", "estat vce", "estat summarize", "estat abond", "estat sargan", "estimates replay",
        "manovatest f", "predict nv, scores", "predict nv*, scores", "test _b[_cons] = 0"]
STORE = [("estimates store m1", "regress y x1", "estimates restore m1"),
         ("estimates save est5, replace", "clear", "estimates use est5"),
         ("estimates store m1", "estimates drop m1", "estimates restore m1"),
         ("estimates save est5, replace", "", "estimates use est5"),
         ("estimates store m1", "regress y x1", "estimates replay m1")]


def _fit_then(rng, fits, extra_post=()):
    """A family's line: a fit (maybe with a tail), or a postestimation line after it (maybe
    after estimates store/restore or save/use)."""
    fit = _with_tail(rng, rng.choice(fits))
    if rng.random() < 0.45:
        return [], rng.choice(PREFIXES) + fit
    setup = [fit]
    if rng.random() < 0.35:
        setup += [step for step in rng.choice(STORE) if step]
    return setup, rng.choice(list(POST) + list(extra_post))


# ------------------------------------------------------------------ systems
SYSTEMS = ["sureg (y x1 x2) (c x1)", "sureg (y x1 x2) (c x1), corr small dfk", "sureg (y x1) (c x1), isure",
           "sureg (y x1) (c x1), iterate(0)", "sureg (y x1) (c x1), iter(-1)", "sureg (y x1) (y x1)",
           "sureg (y x1 x1) (c x1)", "sureg (y x1 k) (c k)", "sureg (y x1) (c s)", "sureg (y x1) (c m)",
           "sureg (y x1) (c z)", "sureg (y x1)", "sureg (y c = x1)", "sureg (e1: y x1) (e2: c x2)",
           "sureg (e1: y c = x1)", "sureg (y x1) (c x1, noconstant)", "sureg (y x1) (c x1", "sureg y x1",
           "sureg (y x1) (c x1), constraints(1)", "sureg (y x1) (c x1), constraints(9)", "sureg (y i.f) (c x1)",
           "sureg (y x1) (c x1), dfk2 lev(90)", "sureg (y huge) (c x1)", "sureg (huge x1) (c x1)", "sureg",
           "sureg (y x1) (c x1), tol(-1)", "sureg (y L.x1) (c x1)", "sureg (y x1) (c x1) , nocnsr coefl",
           "mvreg y c = x1 x2", "mvreg y c = x1 x1", "mvreg y c = k", "mvreg y c = x1, corr",
           "mvreg y c = x1, noconstant", "mvreg y = x1", "mvreg y c x1", "mvreg y y = x1", "mvreg y c = s",
           "mvreg y c = z", "mvreg y c = ", "mvreg = x1", "mvreg y huge = x1", "mvreg y c = i.f, nohead notab",
           "mvreg y c = x1, lev(abc)", "mvreg y c = x1 m", "mvreg",
           "reg3 (y x1 c) (c y x2)", "reg3 (y x1 c) (c y x2), 2sls", "reg3 (y x1 c) (c y x2), ols",
           "reg3 (y x1 c) (c y x2), sure", "reg3 (y x1 c) (c y x2), mvreg", "reg3 (y x1 c) (c y x2), ireg3",
           "reg3 (y x1 c) (c y x2), exog(t2)", "reg3 (y x1 c) (c y x2), endog(x1)", "reg3 (y x1 c) (c y x2), inst(x1 x2)",
           "reg3 (y x1 c) (c y x1)", "reg3 (y c) (c y)", "reg3 (y x1 c) (c y k)", "reg3 (y x1 c) (c y s)",
           "reg3 (y x1 c) (c y x2), small dfk corr", "reg3 (y x1 c) (c y x2), constraints(1)",
           "reg3 (y x1 c) (c y x2), allexog", "reg3 (y x1 c) (c y x2), first", "reg3 (y x1)", "reg3 (y y)",
           "reg3 (y x1 c) (c y x2), exog(s)", "reg3 (y x1 c) (c y x2), inst()", "reg3 (y huge c) (c y x2)",
           "reg3 (y = x1) (c = y x2)", "reg3 (e: y x1 c) (c y x2), iter(0) ireg3", "reg3"]


def _systems(rng):
    setup, line = _fit_then(rng, SYSTEMS)
    return ["constraint 1 [y]x1 = [c]x1"] + setup, line


# ------------------------------------------------------------------ manova, manovatest, mvtest
MANOVA = ["manova y x1 = f", "manova y x1 = f b", "manova y x1 = f##b", "manova y x1 = f c.x2", "manova y x1 = f, dropemptycells",
          "manova y x1 = k", "manova y x1 = s", "manova y x1 = g", "manova y y = f", "manova y = f", "manova y x1 =",
          "manova y x1 f", "manova y x1 = f, noconstant", "manova y x1 = z", "manova y m = f", "manova huge x1 = f",
          "manova y x1 = f|b", "manova y x1 = f b f#b", "manova y x1 = c.x2", "manova z x1 = f", "manova s x1 = f",
          "manova y x1 = sid", "manova y x1 = f, nosuch", "manova"]
MANOVATEST = ["manovatest f", "manovatest b", "manovatest f b", "manovatest nosuch", "manovatest, showorder",
              "manovatest, test(A)", "manovatest, test(nosuch)", "manovatest f, ytransform(Y)", "manovatest f, ytransform(A)",
              "manovatest, test(A) ytransform(Y)", "manovatest", "manovatest f#b", "manovatest x2", "manovatest _cons"]
MVTEST = ["mvtest means y x1 x2", "mvtest means y x1, equal", "mvtest means y x1, zero", "mvtest means y x1, by(f)",
          "mvtest means y x1, by(f) homogeneous", "mvtest means y x1, by(s)", "mvtest means y x1, by(f) missing",
          "mvtest means y x1, equals(M)", "mvtest means y x1, equals(nosuch)", "mvtest means y x1, linear(A)",
          "mvtest means y k", "mvtest means y y", "mvtest means y z", "mvtest means s", "mvtest means y huge",
          "mvtest covariances y x1 x2", "mvtest covariances y x1, diagonal", "mvtest covariances y x1, spherical",
          "mvtest covariances y x1 x2, compound", "mvtest covariances y x1, equals(C)", "mvtest cov y x1 x2, block(y || x1 x2)",
          "mvtest cov y x1 x2, block(y || y)", "mvtest covariances y x1, by(f)", "mvtest covariances y x1, by(b) missing",
          "mvtest covariances y k", "mvtest correlations y x1 x2", "mvtest corr y x1, compound", "mvtest corr y x1, equals(C)",
          "mvtest corr y x1, by(f)", "mvtest corr y k", "mvtest normality y x1", "mvtest normality y x1, stats(all)",
          "mvtest normality y x1, univariate bivariate", "mvtest normality y k", "mvtest normality huge y",
          "mvtest nosuch y", "mvtest", "mvtest means", "mvtest means y x1, equal zero", "mvtest cov y x1, block(y ||)"]


def _manova(rng):
    matrices = ["matrix A = (1, -1, 0)", "matrix Y = (1, 0 \\ 0, 1)", "matrix M = (0, 0)", "matrix C = (1, 0 \\ 0, 1)"]
    if rng.random() < 0.4:
        line = rng.choice(MVTEST)
        cmd, comma, options = line.partition(",")
        return matrices, rng.choice(PREFIXES) + cmd + rng.choice(CONDS) + rng.choice(WEIGHTS[:6]) + comma + options
    fit = _with_tail(rng, rng.choice(MANOVA))
    if rng.random() < 0.4:
        return matrices, rng.choice(PREFIXES) + fit
    setup = matrices + [fit] + ([step for step in rng.choice(STORE) if step] if rng.random() < 0.3 else [])
    return setup, rng.choice(MANOVATEST + ["predict nv", "predict nv, equation(x1)", "margins f", "test f",
                                           "estat sd", "mvtest means y x1"])


# ------------------------------------------------------------------ dynamic panels, xtregar, unit roots
XTDYN = ["xtabond y x1", "xtabond y x1, lags(2)", "xtabond y x1, lags(0)", "xtabond y x1, lags(-1)", "xtabond y x1, twostep",
         "xtabond y x1, vce(robust)", "xtabond y x1, twostep vce(robust)", "xtabond y x1, maxldep(1)", "xtabond y x1, maxldep(0)",
         "xtabond y x1, maxlags(1)", "xtabond y x1, noconstant", "xtabond y x1, artests(3)", "xtabond y x1, artests(0)",
         "xtabond y x1, pre(x2)", "xtabond y x1, endogenous(x2)", "xtabond y x1, inst(c)", "xtabond y x1, diffvars(x2)",
         "xtabond y x1, pre(x2, lag(1, 2))", "xtabond y x1 x1", "xtabond y k", "xtabond y s", "xtabond y z", "xtabond y m",
         "xtabond huge x1", "xtabond y", "xtabond s", "xtabond y L.x1", "xtabond y i.f", "xtabond y x1, nosuch",
         "xtabond y x1, lev(90)", "xtabond y x1, small",
         "xtdpdsys y x1", "xtdpdsys y x1, lags(2) twostep", "xtdpdsys y x1, vce(robust)", "xtdpdsys y x1, pre(x2)",
         "xtdpdsys y x1, endog(x2)", "xtdpdsys y x1, maxldep(1)", "xtdpdsys y k", "xtdpdsys y x1 x1", "xtdpdsys y z",
         "xtdpdsys y x1, lags(0)", "xtdpdsys y x1, noconstant", "xtdpdsys y x1, artests(5)", "xtdpdsys huge x1",
         "xtregar y x1", "xtregar y x1, fe", "xtregar y x1, re", "xtregar y x1, fe lbi", "xtregar y x1, re lbi",
         "xtregar y x1, rhotype(dw)", "xtregar y x1, rhotype(nosuch)", "xtregar y x1, rhotype(tscorr) twostep",
         "xtregar y x1, rhof(0.5)", "xtregar y x1, rhof(2)", "xtregar y x1, rhof(-1)", "xtregar y x1, fe re",
         "xtregar y x1 x1", "xtregar y k", "xtregar y x1 k, fe", "xtregar y s", "xtregar y z", "xtregar huge x1",
         "xtregar y", "xtregar y x1, lev(1e300)", "xtregar y i.f, fe", "xtregar y x1 [fw=w]",
         "xtunitroot llc y", "xtunitroot llc y, trend", "xtunitroot llc y, noconstant", "xtunitroot llc y, lags(1)",
         "xtunitroot llc y, lags(aic 2)", "xtunitroot llc y, kernel(bartlett 3)", "xtunitroot llc y, demean",
         "xtunitroot ht y", "xtunitroot ht y, trend", "xtunitroot ht y, noconstant", "xtunitroot ht y, altt",
         "xtunitroot breitung y", "xtunitroot breitung y, robust", "xtunitroot breitung y, lags(2)",
         "xtunitroot ips y", "xtunitroot ips y, lags(aic 2)", "xtunitroot ips y, trend", "xtunitroot fisher y, dfuller lags(1)",
         "xtunitroot fisher y, pperron lags(1)", "xtunitroot fisher y", "xtunitroot hadri y", "xtunitroot hadri y, robust",
         "xtunitroot hadri y, kernel(parzen 2)", "xtunitroot llc k", "xtunitroot llc z", "xtunitroot llc s",
         "xtunitroot llc huge", "xtunitroot llc y x1", "xtunitroot nosuch y", "xtunitroot", "xtunitroot llc",
         "xtunitroot llc y, lags(-1)", "xtunitroot ips y, lags(1e300)", "xtunitroot ht y, demean trend",
         "xtunitroot llc m", "xtunitroot hadri y, lags(1)"]
XTSETS = [["xtset g t"], ["xtset g t"], ["xtset g t"], ["xtset g"], ["tsset t2"], [],
          ["xtset g t", "drop if t == 3"], ["replace t = t * 2", "xtset g t"], ["xtset g t", "keep if g < 3"]]


def _dynamic(rng):
    setup, line = _fit_then(rng, XTDYN, ["estat abond", "estat abond, artests(4)", "estat abond, artests(-1)",
                                        "estat sargan", "estat sargan, nosuch", "estat abond x1", "predict nv, e",
                                        "predict nv, ue", "predict nv, u"])
    return rng.choice(XTSETS) + setup, line


# ------------------------------------------------------------------ survival-time commands and ltable
ST = ["stsplit sp, at(1 2 3)", "stsplit sp, at(0 1 2 max)", "stsplit sp, every(1)", "stsplit sp, every(0)",
      "stsplit sp, every(-1)", "stsplit sp, at(abc)", "stsplit sp, at(1 2) trim", "stsplit sp, at(1 2) codesplit(9)",
      "stsplit sp, at(1 2) after(time = 1)", "stsplit sp, at(1 2) after(x1)", "stsplit sp, at(failures)",
      "stsplit, at(failures)", "stsplit, at(failures) strata(f)", "stsplit, at(failures) riskset(rs)",
      "stsplit, at(failures) riskset(y)", "stsplit sp", "stsplit y, at(1)", "stsplit sp = x1, at(1)", "stsplit sp, at(1e300)",
      "stsplit sp, every(1e-300)", "stsplit sp, at(1) nopreserve", "stsplit double sp, at(1 2)",
      "stjoin", "stjoin, censored(9)", "stjoin, censored(abc)", "stjoin, nosuch",
      "stci", "stci, median", "stci, p(25)", "stci, p(0)", "stci, p(100)", "stci, p(-1)", "stci, rmean", "stci, emean",
      "stci, by(f)", "stci, by(s)", "stci, by(f) rmean", "stci, ccorr", "stci, dd(2)", "stci, lev(90)", "stci, rmean emean",
      "stci, by(z)", "stci, by(f b)", "stci, by(huge)",
      "strate", "strate f", "strate f b", "strate s", "strate, per(1000)", "strate, per(0)", "strate, per(-1)",
      "strate f, smr(x1)", "strate f, jackknife", "strate f, jackknife cluster(g)", "strate f, missing",
      "strate f, nolist output(str5, replace)", "strate f, output(data.dta)", "strate z", "strate huge",
      "stptime", "stptime, by(f)", "stptime, at(0 1 2)", "stptime, at(0 1 2) trim", "stptime, per(1000) dd(2)",
      "stptime, by(s)", "stptime, at(abc)", "stptime, at(2 1)", "stptime, title(a)", "stptime, jackknife",
      "stptime, by(f) at(1)", "stptime, output(pt5, replace)", "stptime, by(z)", "stptime, per(0)",
      "stir b", "stir f", "stir o", "stir k", "stir s", "stir z", "stir b, strata(f)", "stir b, strata(s)",
      "stir b, noshow tb", "stir b, lev(90)", "stir b, ird", "stir b, strata(f) by(f)",
      "stmh b", "stmh b f", "stmh o", "stmh b, compare(1, 0)", "stmh b, compare(9, 0)", "stmh b, by(f)", "stmh b f, by(o)",
      "stmh k", "stmh s", "stmh b, compare(abc)", "stmh b, lev(1e300)", "stmh b z", "stmh huge",
      "stmc b", "stmc b f", "stmc o", "stmc b, compare(1, 0)", "stmc b, by(f)", "stmc k", "stmc s", "stmc b, compare(1)",
      "stvary", "stvary y x1", "stvary s", "stvary z k", "stvary _t", "stvary nosuch",
      "stfill x1, baseline", "stfill x1, forward", "stfill m z, forward", "stfill s, forward", "stfill x1",
      "stfill x1, baseline forward", "stfill _t, forward", "stfill huge, baseline",
      "stgen nv = ever(b)", "stgen nv = never(x1 > 0)", "stgen nv = always(y > 0)", "stgen nv = min(x1)",
      "stgen nv = max(huge)", "stgen nv = when(b)", "stgen nv = when0(b)", "stgen nv = count(b)", "stgen nv = count0(b)",
      "stgen nv = minage(t)", "stgen nv = maxage(x1)", "stgen nv = avgage(t2)", "stgen nv = nfailures()",
      "stgen nv = ngaps()", "stgen nv = gaplen()", "stgen nv = hasgap()", "stgen nv = nosuch(b)", "stgen y = ever(b)",
      "stgen nv = ever(s)", "stgen nv = ever()", "stgen nv = ever(b", "stgen byte nv = max(huge)", "stgen nv",
      "stbase, at(1)", "stbase, at(2) gap(gp)", "stbase, at(1) replace", "stbase, at(1) clear", "stbase, at(-1)",
      "stbase, at(1e300)", "stbase, at(abc)", "stbase", "stbase, at(1) gap(y)", "stbase, at(1) nopreserve",
      "stbase, at(1) noshow"]
LTABLE = ["ltable t2 b", "ltable t2", "ltable t2 b, survival", "ltable t2 b, failure", "ltable t2 b, hazard",
          "ltable t2 b, intervals(1)", "ltable t2 b, intervals(0)", "ltable t2 b, intervals(-1)", "ltable t2 b, intervals(0 1 2)",
          "ltable t2 b, intervals(abc)", "ltable t2 b, by(f)", "ltable t2 b, by(s)", "ltable t2 b, by(f) test",
          "ltable t2 b, tvid(g)", "ltable t2 b, noadjust", "ltable t2 b, notable", "ltable t2 b, lev(90)",
          "ltable t2 b, saving(lt5, replace)", "ltable t2 b, ci", "ltable t2 b, graph", "ltable t2 b, hazard noadjust",
          "ltable y b", "ltable z b", "ltable k b", "ltable s b", "ltable t2 s", "ltable t2 z", "ltable huge b",
          "ltable t2 b [fw=w]", "ltable t2 b [fw=zero]", "ltable t2 b [fw=neg]", "ltable t2 b [aw=w]", "ltable t2 b [fw=x1]",
          "ltable t2 b, intervals(1e300)", "ltable t2 b, failure hazard", "ltable", "ltable t2 b c"]
STSETS = [["stset t2, failure(b)"], ["stset t2, failure(b) id(sid)"], ["stset t, failure(b) id(g)"],
          ["stset t, failure(b) id(g)"], ["stset t2, failure(b) id(g) exit(time .)"], ["stset t2 [fw=w], failure(b)"],
          ["stset t2 [pw=w], failure(b)"], ["stset t2"], [], ["stset y, failure(b)"], ["stset t, failure(b == 1) id(g) origin(time 1)"],
          ["stset t2, failure(b) scale(1e-300)"], ["stset t, failure(b) id(g) enter(time 2)"]]


def _survival(rng):
    if rng.random() < 0.2:
        line = rng.choice(LTABLE)
        cmd, comma, options = line.partition(",")
        return [], rng.choice(PREFIXES) + cmd + rng.choice(CONDS) + comma + options
    line = rng.choice(ST)
    if rng.random() < 0.4 and not line.startswith(("stgen", "stbase, at(1) gap", "stjoin")):
        cmd, comma, options = line.partition(",")
        line = cmd + rng.choice(CONDS) + comma + options
    setup = list(rng.choice(STSETS))
    if rng.random() < 0.15:
        setup.append(rng.choice(["stsplit sp0, at(1 2)", "drop in 1/5", "replace b = .", "drop if b"]))
    if rng.random() < 0.2 and not line.startswith(("stsplit", "stjoin", "stbase")):
        line = rng.choice(["by f, sort: ", "bysort b: "]) + line
    return setup, line


# ------------------------------------------------------------------ fractional, binomial, heteroskedastic, beta, skewed logit
BIN = ["fracreg logit fr x1", "fracreg probit fr x1", "fracreg probit fr x1, het(x2)", "fracreg logit fr x1, het(x2)",
       "fracreg logit y x1", "fracreg logit b x1", "fracreg logit fr x1 x1", "fracreg logit fr k", "fracreg logit fr s",
       "fracreg logit fr z", "fracreg logit fr huge", "fracreg nosuch fr x1", "fracreg fr x1", "fracreg logit fr x1, or",
       "fracreg logit fr x1, vce(cluster g)", "fracreg logit fr x1, noconstant", "fracreg logit fr x1, offset(x2)",
       "fracreg probit fr x1, het(x2, offset(c))", "fracreg probit fr x1, het()", "fracreg logit", "fracreg logit fr i.f",
       "binreg b x1", "binreg b x1, or", "binreg b x1, rr", "binreg b x1, rd", "binreg b x1, hr", "binreg b x1, rr rd",
       "binreg c x1, n(9)", "binreg c x1, n(pop)", "binreg c x1, n(0)", "binreg c x1, n(-1)", "binreg c x1, n(s)",
       "binreg y x1", "binreg b x1 x1", "binreg b k", "binreg b s", "binreg b huge", "binreg b x1, irls",
       "binreg b x1, ml", "binreg b x1, vce(robust)", "binreg b x1, vce(oim)", "binreg b x1, disp(2)",
       "binreg b x1, scale(x2)", "binreg b x1, iter(0)", "binreg b x1, coefl", "binreg k x1", "binreg z x1",
       "hetprob b x1, het(x2)", "hetprob b x1, het(x1)", "hetprob b x1, het(k)", "hetprob b x1, het(s)",
       "hetprob b x1, het(z)", "hetprob b x1", "hetprob b x1, het(x2) noskip", "hetprob b x1, het(x2, offset(c))",
       "hetprob b x1, het(x2) vce(robust)", "hetprob y x1, het(x2)", "hetprob k x1, het(x2)", "hetprob b huge, het(x2)",
       "hetprob b x1, het(huge)", "hetprob b x1, het(x2) asis", "hetprob b x1, het(x2) iter(0)",
       "betareg fr x1", "betareg fr x1, link(probit)", "betareg fr x1, link(cloglog)", "betareg fr x1, link(loglog)",
       "betareg fr x1, link(nosuch)", "betareg fr x1, slink(root)", "betareg fr x1, slink(identity)",
       "betareg fr x1, scale(x2)", "betareg fr x1, scale(k)", "betareg y x1", "betareg b x1", "betareg k x1",
       "betareg fr x1 x1", "betareg fr s", "betareg fr huge", "betareg fr x1, vce(robust)", "betareg fr x1, noconstant",
       "betareg fr x1, iter(0)", "betareg z x1",
       "scobit b x1", "scobit b x1, or", "scobit b x1, vce(robust)", "scobit b x1, noconstant", "scobit b x1 x1",
       "scobit b k", "scobit b s", "scobit y x1", "scobit k x1", "scobit b huge", "scobit b x1, asis",
       "scobit b x1, iter(0)", "scobit b x1, offset(x2)", "scobit b x1, nosuch", "scobit z x1"]


def _binary(rng):
    return _fit_then(rng, BIN, ["predict nv, mu", "predict nv, xbsigma", "predict nv, sigma", "predict nv, cmean",
                                "predict nv, cvar", "predict nv, scale", "predict nv, deviance", "estat gof"])


# ------------------------------------------------------------------ grouped data
GROUPED = ["blogit c pop x1", "bprobit c pop x1", "glogit c pop x1", "gprobit c pop x1", "blogit c pop x1, or",
           "glogit c pop x1, or", "blogit c pop", "blogit c pop x1 x1", "blogit c pop k", "blogit c pop s",
           "blogit c pop huge", "blogit pop c x1", "blogit c c x1", "blogit c k x1", "blogit c zero x1",
           "blogit c neg x1", "blogit c x1 x2", "blogit c w x1", "blogit y pop x1", "blogit c pop x1, noconstant",
           "blogit c pop x1, offset(x2)", "blogit c pop x1, vce(robust)", "blogit c pop x1, asis", "blogit c",
           "bprobit c pop x1, lev(90)", "bprobit c pop x1 x1", "bprobit c pop k", "bprobit s pop x1", "bprobit z pop x1",
           "glogit c pop x1 x1", "glogit c pop k", "glogit c pop x2", "glogit c pop", "glogit c zero x1",
           "glogit c neg x1", "glogit pop c x1", "glogit c pop i.f", "glogit c pop huge", "glogit c pop x1, nosuch",
           "gprobit c pop x1, lev(80)", "gprobit c pop k", "gprobit c pop x1 x1", "gprobit c c x1", "gprobit c pop s",
           "glogit c pop x1 [fw=w]", "blogit c pop x1 [fw=w]", "blogit c pop x1 [aw=w]"]


def _grouped(rng):
    setup, line = _fit_then(rng, GROUPED, ["predict nv, n", "predict nv, p"])
    return ["collapse (sum) c w (mean) x1 x2 y fr huge k (first) s b zero neg, by(f g)", "generate pop = c + w"] \
        + setup if rng.random() < 0.4 else setup, line


# ------------------------------------------------------------------ tabulate, summarize()
TABSUM = ["tabulate f, summarize(y)", "tabulate f b, summarize(y)", "tabulate f, sum(y) means", "tabulate f, su(y) standard",
          "tabulate f, summarize(y) freq", "tabulate f, summarize(y) obs", "tabulate f b, summarize(y) nomeans nostandard",
          "tabulate f, summarize(y) nofreq noobs", "tabulate f, summarize(y) wrap", "tabulate f, summarize(y) missing",
          "tabulate f, summarize(s)", "tabulate f, summarize(z)", "tabulate f, summarize(k)", "tabulate f, summarize(huge)",
          "tabulate s, summarize(y)", "tabulate sid, summarize(y)", "tabulate z, summarize(y)", "tabulate f, summarize()",
          "tabulate f, summarize(y x1)", "tabulate f, summarize(nosuch)", "tabulate f b o, summarize(y)",
          "tabulate f, summarize(y) chi2", "tabulate f b, summarize(y) row", "tabulate f, summarize(y) nolabel",
          "tabulate f, summarize(m)", "tabulate f, summarize(y) nomeans nostandard nofreq", "tabulate f, summarize(L.y)",
          "tabulate f, summarize(y), nomeans", "tabulate f b, summarize(huge) obs", "tabulate f, summarize(c) generate(d)",
          "tab f, summ(y)", "tabulate f, summarize(i.f)", "tabulate f g, summarize(t2) wrap"]


def _tabsum(rng):
    line = rng.choice(TABSUM)
    cmd, comma, options = line.partition(",")
    line = cmd + rng.choice(CONDS) + rng.choice(WEIGHTS) + comma + options
    return [], rng.choice(PREFIXES) + line


FAMILIES = {"systems": (_systems, 3), "manova": (_manova, 3), "dynamic": (_dynamic, 3), "st": (_survival, 5),
            "binary": (_binary, 4), "grouped": (_grouped, 2), "tabsum": (_tabsum, 2)}
ROUND5_SHAPES = {"full": 10, "one": 2, "empty": 2, "holes": 2, "strings": 1, "allmiss": 1, "extmiss": 1,
                 "magnitudes": 1, "huge": 2, "longnames": 1, "dates": 1}


def round5_cases(seed: int, count: int, only: set[str] | None = None) -> list[Case]:
    """``count`` cases, each from one family (weights above), deterministic for the seed; every
    setup starts with BASE's variables (made before the fuzzed line, not checked)."""
    cases = family_cases("round5", FAMILIES, ROUND5_SHAPES, seed, count, only)
    return [Case(c.command, c.shape, BASE + tuple(c.setup), c.line) for c in cases]


def main(argv=None) -> int:
    return run_main(__doc__.split("\n\n")[0], round5_cases, argv)


if __name__ == "__main__":
    sys.exit(main())

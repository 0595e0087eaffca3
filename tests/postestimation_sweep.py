"""Sweep: every estimation command, then the postestimation commands a user types after it.

For each estimation command in the registry (``FITS`` below names one small model for each, on
a generated panel), the script fits the model in a fresh session and runs, one at a time:
the command typed alone (replay), ``estimates replay/store/restore/table/stats``, ``predict``
(default and each documented statistic, with ``if`` and ``in``), ``estat ic``, ``estat vce``,
``test``, ``lincom``, ``nlcom``, ``margins`` (with ``if``/``in``), ``lrtest`` against a stored
smaller fit and ``ereturn list``.  Every outcome must be output or a Stata error with its return
code: the script lists each internal error (r(9999), with the traceback's last lines) and exits
1 when there is one.

    python3 tests/postestimation_sweep.py [--only regress,xtlogit] [-v]

``-v`` prints every command's return code and first error line.  The whole sweep takes about
10 s (the data are small); tests/test_postestimation_sweep.py runs it, and checks that every
estimation command in the registry has a model here.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
import traceback
import warnings

from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli


def panel(seed: int = 11, groups: int = 30, per: int = 6) -> pd.DataFrame:
    """A balanced panel with every kind of outcome the commands need."""
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, groups + 1), per)
    n = g.size
    u = rng.normal(scale=0.7, size=groups + 1)[g]
    x = rng.normal(size=n)
    x2 = rng.normal(size=n)
    eta = -0.2 + 0.8 * x + 0.3 * x2 + u
    yc = 1 + eta + rng.normal(size=n)
    cat = 1 + (eta + rng.logistic(size=n) > -0.5) + (eta + rng.logistic(size=n) > 1.0)
    t = rng.exponential(scale=np.exp(-0.5 * x))
    fail = (rng.random(n) < 0.8).astype(float)
    z = rng.normal(size=groups + 1)[g]  # time-invariant (xthtaylor)
    return pd.DataFrame({
        "id": g.astype(float), "time": np.tile(np.arange(1, per + 1), groups).astype(float),
        "x": x, "x2": x2, "z": z, "yc": yc,
        "y": (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float),
        "c": rng.poisson(np.exp(0.2 + 0.4 * x + 0.2 * x2 + 0.4 * u)).astype(float),
        "o": cat.astype(float),
        "ycens": np.maximum(yc, 0.5), "lo": np.where(yc < 0.5, np.nan, np.floor(yc)),
        "hi": np.where(yc > 2.5, np.nan, np.floor(yc) + 1),
        "cflag": np.where(yc < 0.5, -1, 0).astype(float),
        "t": t, "fail": fail, "cause": np.where(fail == 1, 1 + (rng.random(n) < 0.3), 0).astype(float),
        "grp": (1 + (np.arange(n) % 3)).astype(float), "w": 1 + (g % 2).astype(float),  # w constant within id
        "fr": 1 / (1 + np.exp(-0.5 * eta - rng.normal(scale=0.5, size=n))),  # in (0, 1): fracreg, betareg
        "pos": 2 + (np.arange(n) % 3) + (rng.random(n) < 0.5), "pop": np.full(n, 8.0),  # glogit's groups
    })


# name: (setup, fit with {X} for the regressors, predict statistics documented for it)
_LIN = ["xb", "stdp"]
FITS: dict[str, tuple[str, str, list[str]]] = {
    "regress": ("", "regress yc {X}", _LIN + ["residuals", "stdf", "stdr", "leverage", "cooksd", "rstandard",
                                              "rstudent", "dfits", "covratio", "welsch", "score"]),
    "qreg": ("", "qreg yc {X}", _LIN + ["residuals"]),
    "bsqreg": ("", "bsqreg yc {X}, reps(20)", _LIN + ["residuals"]),
    "sqreg": ("", "sqreg yc {X}, q(.25 .75) reps(20)", _LIN + ["residuals"]),
    "iqreg": ("", "iqreg yc {X}, reps(20)", _LIN + ["residuals"]),
    "rreg": ("", "rreg yc {X}", _LIN + ["residuals", "hat"]),
    "anova": ("", "anova yc grp", _LIN + ["residuals", "stdf", "cooksd", "leverage", "rstandard"]),
    "areg": ("", "areg yc {X}, absorb(id)", _LIN + ["dresiduals", "xbd", "d", "residuals", "score"]),
    "reghdfe": ("", "reghdfe yc {X}, absorb(id)", ["xb", "residuals", "d", "xbd", "stdp"]),
    "ppmlhdfe": ("", "ppmlhdfe c {X}, absorb(id time) d", ["mu", "xb", "xbd", "eta", "d", "stdp", "deviance",
                                                          "response", "pearson", "anscombe", "scores", "working"]),
    # e() is the interacted regression's (reghdfe over temporary interaction variables, gone afterwards)
    "eventstudyinteract": ("generate first = cond(id <= 10, 3, cond(id <= 20, 5, .))\ngenerate never = missing(first)\n"
                           "generate g0 = time == first\ngenerate g1 = time == first + 1",
                           "eventstudyinteract yc g0 g1, cohort(first) control_cohort(never) covariates({X}) "
                           "absorb(i.id i.time)", ["xb", "residuals", "d", "xbd", "stdp"]),
    "xi": ("", "xi: regress yc {X} i.grp", _LIN + ["residuals"]),
    "svy": ("svyset id [pw=w]", "svy: regress yc {X}", _LIN + ["residuals", "score"]),
    "svy_logit": ("svyset id [pw=w]", "svy: logit y {X}", ["pr", "xb", "stdp", "score"]),
    "jackknife": ("", "jackknife: regress yc {X}", _LIN + ["residuals"]),
    "bootstrap": ("set seed 1", "bootstrap, reps(20): regress yc {X}", _LIN + ["residuals"]),
    "xtreg": ("xtset id time", "xtreg yc {X}, re", _LIN + ["ue", "xbu", "u", "e"]),
    "xtreg_fe": ("xtset id time", "xtreg yc {X}, fe", _LIN + ["ue", "xbu", "u", "e"]),
    "xtreg_be": ("xtset id time", "xtreg yc {X}, be", _LIN + ["ue", "xbu", "u", "e"]),
    "xtreg_mle": ("xtset id time", "xtreg yc {X}, mle", _LIN + ["ue", "xbu", "u", "e"]),
    "xtreg_pa": ("xtset id time", "xtreg yc {X}, pa", ["mu", "rate", "xb", "stdp", "score"]),
    "xthtaylor": ("xtset id time", "xthtaylor yc {X} z, endog(x)", _LIN + ["ue", "xbu", "u", "e"]),
    "xtabond": ("xtset id time", "xtabond yc {X}", ["xb", "e", "stdp", "e difference"]),
    "xtdpdsys": ("xtset id time", "xtdpdsys yc {X}, twostep", ["xb", "e", "stdp"]),
    "xtregar": ("xtset id time", "xtregar yc {X}, fe", ["xb", "ue", "u", "e"]),
    "logit": ("", "logit y {X}", ["pr", "xb", "stdp", "dbeta", "deviance", "dx2", "ddeviance", "hat",
                                  "number", "residuals", "rstandard", "score"]),
    "logistic": ("", "logistic y {X}", ["pr", "xb", "stdp", "dbeta", "deviance", "dx2", "ddeviance", "hat",
                                        "number", "residuals", "rstandard", "score"]),
    "probit": ("", "probit y {X}", ["pr", "xb", "stdp", "deviance", "score", "residuals", "hat"]),
    "cloglog": ("", "cloglog y {X}", ["pr", "xb", "stdp", "score"]),
    "poisson": ("", "poisson c {X}", ["n", "ir", "pr(1)", "pr(0,2)", "xb", "stdp", "score"]),
    "nbreg": ("", "nbreg c {X}", ["n", "ir", "pr(1)", "pr(0,2)", "xb", "stdp", "score"]),
    "ologit": ("", "ologit o {X}", ["pr", "xb", "stdp", "outcome(2)", "score"]),
    "oprobit": ("", "oprobit o {X}", ["pr", "xb", "stdp", "outcome(2)", "score"]),
    "mlogit": ("", "mlogit o {X}", ["pr", "xb", "stdp", "stddp", "outcome(2)", "score"]),
    "glm": ("", "glm c {X}, family(poisson)", ["mu", "xb", "eta", "stdp", "anscombe", "cooksd", "deviance",
                                                  "hat", "likelihood", "pearson", "response", "score",
                                                  "working"]),
    "tobit": ("", "tobit ycens {X}, ll(0.5)", ["xb", "stdp", "stdf", "pr(0,2)", "e(0,2)", "ystar(0,2)",
                                                 "score"]),
    "intreg": ("", "intreg lo hi {X}", ["xb", "stdp", "stdf", "pr(0,2)", "e(0,2)", "ystar(0,2)", "score"]),
    "cnreg": ("", "cnreg yc {X}, censored(cflag)", ["xb", "stdp", "stdf", "pr(0,2)", "e(0,2)", "ystar(0,2)"]),
    "clogit": ("", "clogit y {X}, group(id)", ["pc1", "pu0", "xb", "stdp", "dbeta", "dx2", "gdbeta", "gdx2",
                                                "hat", "residuals", "rstandard", "deviance", "score"]),
    "xtlogit": ("xtset id time", "xtlogit y {X}, re", ["xb", "pu0", "stdp", "pr"]),
    "xtlogit_fe": ("xtset id time", "xtlogit y {X}, fe", ["xb", "pc1", "pu0", "stdp"]),
    "xtlogit_pa": ("xtset id time", "xtlogit y {X}, pa", ["mu", "rate", "xb", "stdp", "score"]),
    "xtpoisson": ("xtset id time", "xtpoisson c {X}, re", ["xb", "stdp", "nu0", "iru0", "pr0(1)"]),
    "xtpoisson_fe": ("xtset id time", "xtpoisson c {X}, fe", ["xb", "stdp", "nu0", "iru0"]),
    "xtpoisson_pa": ("xtset id time", "xtpoisson c {X}, pa", ["mu", "rate", "xb", "stdp"]),
    "xtpqml": ("xtset id time", "xtpqml c {X}, fe", ["xb", "stdp", "nu0", "iru0"]),
    "xtfeis": ("xtset id time", "xtfeis yc {X}, slope(time)", ["xb", "stdp"]),
    "xtprobit": ("xtset id time", "xtprobit y {X}, re", ["xb", "pu0", "stdp", "pr"]),
    "xtprobit_pa": ("xtset id time", "xtprobit y {X}, pa", ["mu", "rate", "xb", "stdp"]),
    "xtgee": ("xtset id time", "xtgee y {X}, family(binomial) link(logit)", ["mu", "rate", "xb", "stdp",
                                                                             "score"]),
    "xtnbreg": ("xtset id time", "xtnbreg c {X}, re", ["xb", "stdp", "nu0", "iru0"]),
    "xtnbreg_fe": ("xtset id time", "xtnbreg c {X}, fe", ["xb", "stdp", "nu0", "iru0"]),
    "xttobit": ("xtset id time", "xttobit ycens {X}, ll(0.5)", ["xb", "stdp", "stdf", "pr0(0,2)",
                                                                 "e0(0,2)", "ystar0(0,2)"]),
    "ivregress": ("", "ivregress 2sls yc {X} (c = o)", _LIN + ["residuals", "stdf"]),
    "ivreg": ("", "ivreg yc {X} (c = o)", _LIN + ["residuals", "stdf"]),
    "eivreg": ("", "eivreg yc {X}, reliab(x .8)", _LIN + ["residuals"]),
    "meta_regress": ("generate double se_y = 0.4 + abs(x2) / 4\nmeta set yc se_y, nometashow", "meta regress {X}", _LIN),
    "boxcox": ("", "boxcox pos {X}, model(lhsonly)", []),
    "ivreg2": ("", "ivreg2 yc {X} (c = o)", _LIN + ["residuals"]),
    "xtivreg2": ("xtset id time", "xtivreg2 yc {X} (c = o), fe", []),
    "ivreghdfe": ("", "ivreghdfe yc {X} (c = o), absorb(id)", []),
    "ivprobit": ("", "ivprobit y {X} (yc = o z)", ["xb", "pr", "stdp"]),
    "ivtobit": ("", "ivtobit ycens {X} (c = o z), ll", ["xb", "stdp", "stdf"]),
    "ivpoisson": ("", "ivpoisson gmm c {X} (yc = o z)", ["n", "xb", "xbtotal", "residuals"]),
    "gmm": ("", "gmm (yc - {xb: x x2} - {b0}), instruments(x x2 z)", ["residuals", "xb"]),
    "biprobit": ("", "biprobit y fail {X}", ["p11", "p10", "p01", "p00", "pmarg1", "pmarg2", "pcond1", "pcond2",
                                             "xb1", "xb2", "stdp1", "stdp2"]),
    "gnbreg": ("", "gnbreg c {X}, lnalpha(x2)", ["n", "ir", "xb", "stdp", "alpha", "lnalpha", "stdplna"]),
    "fracpoly": ("", "fracpoly regress yc fr {X}", _LIN + ["residuals"]),
    "fracgen": ("fracgen fr -1 2", "regress yc fr_1 fr_2 {X}", _LIN),
    "fracpred": ("", "fracpoly regress yc fr {X}, degree(1)", []),
    "mfp": ("", "mfp regress yc fr {X}", _LIN + ["residuals"]),
    "xtivreg": ("xtset id time", "xtivreg yc {X} (c = o), fe", _LIN + ["ue", "xbu", "u", "e"]),
    "xtivreg_re": ("xtset id time", "xtivreg yc {X} (c = o), re", _LIN + ["ue", "xbu", "u", "e"]),
    "nestreg": ("", "nestreg: regress yc (x) (x2)", _LIN),
    "stepwise": ("", "stepwise, pr(.5): regress yc x x2 z", _LIN),
    "xtrc": ("xtset id time", "xtrc yc {X}", _LIN),
    "xtcloglog": ("xtset id time", "xtcloglog y {X}", ["xb", "pu0", "stdp", "pr"]),
    "xtcloglog_pa": ("xtset id time", "xtcloglog y {X}, pa", ["mu", "rate", "xb", "stdp"]),
    "xtintreg": ("xtset id time", "xtintreg lo hi {X}", ["xb", "stdp", "stdf", "pr0(0,2)", "e0(0,2)", "ystar0(0,2)"]),
    "mean": ("", "mean yc x", []),
    "total": ("", "total c, over(grp)", []),
    "ratio": ("", "ratio (c/w)", []),
    "proportion": ("", "proportion o", []),
    "newey": ("xtset id time", "newey yc {X}, lag(1) force", _LIN + ["residuals"]),
    "fracreg": ("", "fracreg probit fr {X}", ["cm", "xb", "stdp", "score"]),
    "nl": ("", "nl (yc = {b0} + {b1}*x + {b2}*x2)", ["yhat", "residuals"]),
    "ml": ("program define swnormal\n    args lnf mu sigma\n    quietly replace `lnf' = ln(normalden($ML_y1, `mu', `sigma'))\nend",
           "ml model lf swnormal (yc = {X}) /sigma, maximize", _LIN),
    "xtabond2": ("xtset id time", "xtabond2 yc L.yc x, gmm(L.yc, collapse) iv(x) twostep robust", []),
    "fracreg_het": ("", "fracreg probit fr {X}, het(x2)", ["cm", "xb", "sigma"]),
    "binreg": ("", "binreg y {X}, or", ["mu", "xb", "stdp"]),
    "hetprob": ("", "hetprob y {X}, het(x2)", ["pr", "xb", "sigma", "stdp"]),
    "betareg": ("", "betareg fr {X}", ["cmean", "cvariance", "xb", "xbscale", "stdp"]),
    "scobit": ("", "scobit y {X}", ["pr", "xb", "stdp"]),
    "pgmhaz8": ("", "pgmhaz8 {X}, id(id) seq(time) dead(y)", ["xb", "stdp"]),  # ml_p
    "asclogit": ("gen ch = time == 1 + mod(id, 6)", "asclogit ch {X}, case(id) alternatives(time) casevars(z)",
                 ["pr", "xb"]),
    "rologit": ("", "rologit time {X}, group(id)", ["pr", "xb", "stdp", "dpdx(x)"]),
    "mprobit": ("", "mprobit o {X}", ["pr", "xb", "stdp", "outcome(2)"]),
    "slogit": ("", "slogit o {X}", ["pr", "xb", "stdp", "outcome(2)"]),
    "blogit": ("", "blogit y w {X}", ["pr", "xb", "stdp"]),
    "bprobit": ("", "bprobit y w {X}", ["pr", "xb", "stdp"]),
    "glogit": ("", "glogit pos pop grp", ["pr", "xb", "stdp"]),
    "gprobit": ("", "gprobit pos pop grp", ["pr", "xb", "stdp"]),
    "sureg": ("", "sureg (yc {X}) (c x z)", _LIN + ["residuals", "equation(#2) xb", "equation(#1,#2) difference",
                                                  "equation(#1,#2) stddp"]),
    "mvreg": ("", "mvreg yc c = {X}", _LIN + ["residuals", "equation(c) xb", "equation(#1,#2) difference"]),
    "reg3": ("", "reg3 (yc c {X}) (c yc z)", _LIN + ["residuals", "equation(#2) stdp"]),
    "manova": ("", "manova yc c = grp", _LIN + ["residuals", "equation(c) xb"]),
    "prais": ("xtset id time", "prais yc {X}", _LIN + ["residuals"]),
    "arima": ("xtset id time", "arima yc x if id == 1, ar(1)", ["xb", "residuals"]),
    "var": ("tsset id time", "var yc x2 if id == 1, lags(1)", ["xb", "stdp", "residuals", "equation(#2) xb"]),
    "vec": ("tsset id time", "vec yc x2 if id == 1, lags(1)", ["xb", "stdp", "residuals", "ce", "levels", "equation(#2) xb"]),
    "vecrank": ("tsset id time", "vecrank yc x2 if id == 1, lags(1)", []),
    "svar": ("tsset id time\nmatrix A = (1,0\\.,1)\nmatrix B = (.,0\\0,.)", "svar yc x2 if id == 1, lags(1) aeq(A) beq(B)",
             ["xb", "stdp", "residuals"]),
    "xtpcse": ("xtset id time", "xtpcse yc {X}", []),
    "xtgls": ("xtset id time", "xtgls yc {X}, panels(heteroskedastic)", []),
    "zip": ("", "zip c {X}, inflate(x2)", ["n", "ir", "pr", "pr(1)", "pr(0,2)", "xb", "stdp"]),
    "zinb": ("", "zinb c {X}, inflate(x2)", ["n", "ir", "pr", "pr(1)", "pr(0,2)", "xb", "stdp"]),
    "heckman": ("", "heckman yc {X}, select(fail = x2 z)", ["xb", "ycond", "yexpected", "nshazard", "psel",
                                                             "xbsel", "stdp", "stdpsel", "stdf"]),
    "heckprob": ("", "heckprob y {X}, select(fail = x2 z)", ["pmargin", "p11", "p10", "p01", "p00", "psel",
                                                              "pcond", "xb", "stdp", "xbsel", "stdpsel"]),
    "truncreg": ("", "truncreg yc {X}, ll(0)", ["xb", "stdp", "stdf", "pr(0,2)", "e(0,2)", "ystar(0,2)"]),
    "frontier": ("", "frontier yc {X}", ["xb", "stdp", "u", "m", "te"]),
    "xtfrontier": ("xtset id time", "xtfrontier yc {X}, ti", ["xb", "stdp", "u", "m", "te"]),
    "xtfrontier_tvd": ("xtset id time", "xtfrontier yc {X}, tvd", ["xb", "stdp", "u", "m", "te"]),
    "teffects": ("", "teffects ra (yc {X}) (y)", ["te", "cmean", "xb"]),
    "teffects_ipw": ("", "teffects ipw (yc) (y {X})", ["ps", "xb"]),
    "teffects_aipw": ("", "teffects aipw (yc {X}) (y {X})", ["te", "cmean", "ps", "psxb"]),
    "teffects_nnmatch": ("", "teffects nnmatch (yc {X}) (y)", []),
    "teffects_psmatch": ("", "teffects psmatch (yc) (y {X})", []),
    "tpoisson": ("generate cp = c + 1", "tpoisson cp {X}", ["n", "ir", "cm", "pr(1)", "pr(1,3)", "xb", "stdp"]),
    "tnbreg": ("generate cp = c + 1", "tnbreg cp {X}", ["n", "ir", "cm", "pr(1)", "xb", "stdp"]),
    "ztp": ("generate cp = c + 1", "ztp cp {X}", ["n", "ir", "cm", "xb", "stdp"]),
    "ztnb": ("generate cp = c + 1", "ztnb cp {X}", ["n", "ir", "cm", "xb", "stdp"]),
    "cnsreg": ("constraint 1 x = x2", "cnsreg yc {X}, constraints(1)", ["xb", "stdp", "stdf", "pr(0,2)"]),
    "xtologit": ("xtset id time", "xtologit o {X}", ["pr", "pu0", "xb", "stdp", "outcome(2)", "pu0 outcome(#3)"]),
    "xtoprobit": ("xtset id time", "xtoprobit o {X}", ["pr", "pu0", "xb", "stdp", "outcome(2)"]),
    "xtmlogit": ("xtset id time", "xtmlogit o {X}", ["pr", "pu0", "xb", "stdp", "outcome(2)", "pu0 outcome(#3)"]),
    "xtmlogit_fe": ("xtset id time", "xtmlogit o {X}, fe", ["pu0", "xb", "stdp", "outcome(2)"]),
    "stcox": ("stset t, failure(fail)", "stcox {X}", ["hr", "xb", "stdp", "basesurv", "basechazard",
                                                      "basehc", "mgale", "csnell", "deviance", "ccsnell",
                                                      "cmgale", "esr", "dfbeta", "ldisplace", "lmax",
                                                      "effects", "scaledsch", "schoenfeld", "score"]),
    "streg": ("stset t, failure(fail)", "streg {X}, dist(weibull)", ["median time", "median lntime",
                                                                      "mean time", "mean lntime", "hazard", "hr",
                                                                      "xb", "stdp", "surv", "csurv", "csnell",
                                                                      "ccsnell", "mgale", "cmgale", "deviance",
                                                                      "score"]),
    "mestreg": ("stset t, failure(fail)", "mestreg {X} || id:, dist(weibull)",
                ["mean", "median", "hazard", "surv", "density", "distribution", "eta", "xb", "stdp",
                 "surv marginal", "surv conditional(fixedonly)"]),
    "stcrreg": ("stset t, failure(cause==1)", "stcrreg {X}, compete(cause==2)", ["cif", "xb", "stdp",
                                                                                   "basecif", "basecshazard",
                                                                                   "kmcensor", "esr",
                                                                                   "schoenfeld", "dfbeta",
                                                                                   "ldisplace", "lmax", "score"]),
    "mixed": ("", "mixed yc {X} || id:", ["xb", "stdp", "fitted", "residuals", "rstandard", "reffects",
                                         "reses", "scores"]),
    "xtmixed": ("", "xtmixed yc {X} || id:", ["xb", "stdp", "fitted", "residuals", "rstandard", "reffects",
                                             "reses"]),
    "melogit": ("", "melogit y {X} || id:", ["mu", "pr", "xb", "eta", "stdp", "reffects", "reses",
                                            "residuals", "pearson", "deviance", "anscombe", "fixedonly",
                                            "marginal", "conditional(fixedonly)", "density", "distribution",
                                            "scores"]),
    "meprobit": ("", "meprobit y {X} || id:", ["mu", "pr", "xb", "eta", "stdp", "reffects"]),
    "mecloglog": ("", "mecloglog y {X} || id:", ["mu", "pr", "xb", "eta", "stdp", "reffects"]),
    "mepoisson": ("", "mepoisson c {X} || id:", ["mu", "n", "xb", "eta", "stdp", "reffects", "pearson"]),
    "menbreg": ("", "menbreg c {X} || id:", ["mu", "n", "xb", "eta", "stdp", "reffects"]),
    "meologit": ("", "meologit o {X} || id:", ["pr", "mu", "xb", "eta", "stdp", "reffects", "outcome(2)"]),
    "meoprobit": ("", "meoprobit o {X} || id:", ["pr", "mu", "xb", "eta", "stdp", "reffects"]),
    "meglm": ("", "meglm y {X} || id:, family(binomial)", ["mu", "xb", "eta", "stdp", "reffects"]),
    "metobit": ("", "metobit ycens {X}, ll(0.5) || id:", ["eta", "xb", "stdp", "reffects", "pr(0,2)", "e(0,2)",
                                                        "ystar(0,2)", "pr(0,2) marginal"]),
    "meintreg": ("", "meintreg lo hi {X} || id:", ["eta", "xb", "stdp", "reffects", "pr(0,2)", "e(0,2)",
                                                  "ystar(0,2)", "e(0,2) marginal"]),
    "menl": ("", "menl yc = {b0} + {b1}*x + {U[id]}", ["yhat", "residuals", "reffects", "parameters(b1)"]),
    "meqrlogit": ("", "meqrlogit y {X} || id:", ["mu", "xb", "stdp", "reffects", "reses", "pearson",
                                                "deviance", "anscombe", "fitted"]),
    "meqrpoisson": ("", "meqrpoisson c {X} || id:", ["mu", "xb", "stdp", "reffects", "reses", "pearson"]),
    "xtmelogit": ("", "xtmelogit y {X} || id:", ["mu", "xb", "stdp", "reffects"]),
    "xtmepoisson": ("", "xtmepoisson c {X} || id:", ["mu", "xb", "stdp", "reffects"]),
    "sem": ("", "sem (yc <- {X})", ["xb", "xb(yc)", "latent", "scores"]),
    "gsem": ("", "gsem (yc <- {X} M1[id])", ["mu", "eta", "xb", "latent", "scores"]),
    "gsem_logit": ("", "gsem (y <- {X} M1[id] c.x#M2[id]), logit", ["mu", "eta", "pr", "latent", "fixedonly",
                                                                   "scores"]),
    "gllamm": ("", "gllamm y {X}, i(id) family(binomial) link(logit)", []),
    # repest posts b and V only (ereturn post): what needs the fit's data or model is refused
    "repest": ("generate double rw1 = cond(mod(id, 2), 1.5, .5)\ngenerate double rw2 = 2 - rw1",
               "repest SVY, estimate(stata: regress yc {X}) svyparms(final_weight_name(w) rep_weight_name(rw) "
               "NREP(2) variancefactor(1/2))", []),
    "runmlwin": ("generate cons = 1", "runmlwin yc cons {X}, level2(id: cons) level1(time: cons) nopause",
                 _LIN),
}


# what users type after particular models (multiple equations, dynamic panels)
MODEL_COMMANDS: dict[str, list[str]] = {
    "sureg": ["margins, predict(equation(#2))", "margins, predict(difference equation(#1,#2)) dydx(*)",
              "margins, predict(stdp)", "test [yc]x = [c]x", "testparm x, equation(#2)", "lincom [yc]x - [c]x",
              "nlcom [yc]x / [c]x", "estat vce, equation(#2)"],
    "mvreg": ["margins, predict(xb equation(c)) over(grp)", "testparm x x2", "test [yc]", "mvreg"],
    "reg3": ["margins, predict(equation(#2)) at(x=(0 1))", "test yc", "estat vce, equation(c)"],
    "manova": ["mvreg", "mvreg, corr notable"],
    "asclogit": ["estat mfx, varlist(z) at(median z = 1)", "estat mfx if id < 10, nodiscrete level(90)",
                 "estat mfx, noesample k(2)", "estat mfx, at(1:x = 0)"],
    "fracpred": ["fracpred fp1", "fracpred fp2, stdp", "fracpred fp3, for(fr)", "fracpred fp4, dresid", "fracpoly"],
    "mfp": ["fracpred mf1", "fracpred mf2, for(fr)", "mfp", "test fr", "margins"],
    "xtabond": ["margins, predict(e)", "margins, dydx(*) over(grp)"],
    "xtdpdsys": ["margins, atmeans", "margins, predict(stdp)"],
    "xtregar": ["margins, predict(u)", "margins, dydx(x2) at(x=(0 1))"],
}


def postestimation(name: str, fit: str, stats: list[str]) -> list[str]:
    """The commands a user types after ``fit`` (``name`` is the registry word)."""
    word = fit.split(":")[-1].split()[0] if name in ("xi", "jackknife", "bootstrap") else fit.split()[0]
    coef = "x"
    cmds = [word, "estimates replay", "estimates store full", "estimates replay full",
            "estimates table full", "estimates table full, se stats(N ll)", "estimates stats full",
            "estimates stats", "estimates restore full", "estimates replay",
            "predict p0", "predict p0if if grp==1", "predict p0in in 1/20"]
    for k, stat in enumerate(stats):
        cmds.append(f"predict q{k}, {stat}")
        cmds.append(f"predict q{k}i if grp==2, {stat}")
        cmds.append(f"predict q{k}n in 5/30, {stat}")
    cmds += ["estat ic", "estat vce", "estat vce, corr", "estat summarize",
             f"test {coef}", f"test _b[{coef}] = 0", f"test {coef} x2", f"lincom {coef}",
             f"lincom _b[{coef}] + _b[x2]", f"lincom 2*{coef}, eform", f"nlcom exp(_b[{coef}])",
             f"nlcom (r: _b[{coef}]/_b[x2])",
             "margins", "margins, dydx(*)", f"margins, at({coef}=(0 1))", "margins if grp==1",
             "margins in 1/50", "margins, predict(xb)",
             "ereturn list", "estimates restore full", "lrtest full small", "lrtest small full",
             "lrtest full", "lrtest small", "lrtest small, stats", "estimates dir",
             # what else users type: options on the replays, several models, the usual mistakes
             f"{word}, level(90)", "estimates replay, level(90)", "estimates table full small",
             "estimates table full small, star b(%9.3f)", "estimates stats full small",
             "estat ic, n(50)", "estat", "estat foo", "predict", "predict x", "predict z1 z2 z3",
             "predict double pd", "predict ps if e(sample)", "predict pb, xb nooffset",
             f"test [#1]{coef}", f"testparm {coef} x2", f"lincom {coef} - x2, level(90)",
             f"margins, dydx({coef}) atmeans", "margins, over(grp)", "margins, vce(unconditional)",
             "contrast", "pwcompare", "estat vce, equation(#1)",
             # the other estat subcommands (each output, or Stata's r(321)/r(198) where it does not apply)
             *(f"estat {sub}" for sub in ("icc", "group", "recovariance", "sd", "wcorrelation", "gof",
                                          "gof, group(5)", "classification", "phtest", "hettest", "ovtest",
                                          "vif", "imtest", "esize", "eform", "framework", "concordance",
                                          "ic, all", "summarize, labels", "alternatives", "mfx", "covariance",
                                          "correlation", "overid", "endogenous", "bootstrap")),
             "mfx", "mfx, eyex nose", "mfx replay",
             "margins, predict(pr)", "margins, predict(mu)", "margins, expression(exp(predict(xb)))",
             "margins, dydx(x) predict(xb) post", "estimates restore full",
             "etable", "esttab", "estout", "eststo", "eststo clear", "hausman full small", "xttest0",
             "linktest", "fitstat", "lstat", "lfit", "estimates save {tmp}/sweep, replace",
             "estimates use {tmp}/sweep", "estimates describe", "estimates esample", "estimates notes: n",
             "estimates title: t", "estimates query", "estimates for full: estat ic", "ereturn display",
             "matrix list e(b)", "matrix list e(V)", "display _b[x] + _se[x]", "display e(N)",
             # replay options users type (display options; each honoured or refused)
             *(f"{word}, {o}" for o in ("coeflegend", "noheader", "notable", "level(101)", "cformat(%9.2f)",
                                        "pformat(%5.3f)", "sformat(%8.2f)", "or", "irr", "eform", "hr", "nohr",
                                        "baselevels", "allbaselevels", "noomitted", "vsquish", "noemptycells",
                                        "nolstretch", "nocnsreport", "first", "plus", "bogus")),
             "estimates replay full, noheader", "estimates replay _all", "estimates replay full small",
             "predict sc*, scores", "predict e1, equation(#1)", "predict e2, equation(#2)",
             "predict e3, outcome(#1)", "predict e4 e5, xb stdp", "predict double e6 if x > 0 in 1/100, xb",
             "estimates drop full"]
    at = cmds.index("ereturn list")  # on the fit itself, before estimates use replaces it
    return cmds[:at] + MODEL_COMMANDS.get(name, []) + cmds[at:]


VARIANTS = ("", "fv", "robust", "pw", "if", "data", "cluster", "fw", "interaction", "ts")


def variant_fit(template: str, variant: str, regressors: str) -> str | None:
    """``template`` with ``regressors`` and the variant's change; None where it does not apply:
    fv adds i.grp, interaction c.x#i.grp, ts L.x2, robust/cluster vce(robust)/vce(cluster id),
    pw/fw [pweight=w]/[fweight=w], if ``if grp < 3`` (on the first equation, before its options
    or ``||``)."""
    if variant in ("fv", "interaction", "ts"):
        extra = {"fv": " i.grp", "interaction": " c.x#i.grp", "ts": " L.x2"}[variant]
        return None if "{X}" not in template else template.replace("{X}", regressors + extra)
    text = template.replace("{X}", regressors)
    if variant in ("", "data"):
        return text
    if "{X}" not in template or ":" in text.split()[0] or text.startswith(("menl", "sem", "gsem", "gllamm")):
        return None  # prefixes, menl/sem/gllamm: their own syntax
    if variant in ("robust", "cluster"):
        vce = " vce(robust)" if variant == "robust" else " vce(cluster id)"
        return text + (vce if "," in text.split("||")[-1] else "," + vce)
    head, sep, tail = text.partition("||")
    first, comma, options = head.partition(",")
    piece = {"pw": " [pweight=w]", "fw": " [fweight=w]", "if": " if grp < 3"}[variant]
    return first.rstrip() + piece + (", " + options.strip() if comma else "") + (" " + sep + tail if sep else "")


# commands whose answers depend on what the variant changed
VARIANT_COMMANDS = {
    "fv": ["margins grp", "margins grp, dydx(x)", "margins, dydx(grp)", "margins grp, at(x=(0 1))",
           "contrast grp", "pwcompare grp", "testparm i.grp", "test 2.grp 3.grp", "lincom 2.grp - 3.grp",
           "margins r.grp", "predict f1", "estimates table full, keep(x 2.grp)"],
    "interaction": ["margins grp", "margins, dydx(x)", "margins grp, dydx(x)", "margins, dydx(x) at(grp=(1 2))",
                    "contrast grp#c.x", "testparm c.x#i.grp", "lincom x + 2.grp#c.x", "predict i1"],
    "ts": ["predict t1", "margins", "margins, dydx(*)", "test L.x2", "lincom L.x2", "predict t2 in 1/30",
           "sort x", "predict t3", "margins"],
    "fw": ["predict w1", "margins", "estat summarize", "estat ic", "lrtest full small"],
    "if": ["predict o1", "predict o2 if e(sample)", "predict o3 if !e(sample)", "margins", "margins, dydx(x)",
           "estat summarize", "estimates stats full"],
    "data": ["sort x", "predict s1", "drop in 1/10", "predict s2", "margins", "estimates replay",
             "gen byte newv = mod(_n, 2)", "predict s3 if newv", "keep in 1/100", "predict s4",
             "lrtest full small", "margins, dydx(x)", "estat summarize", "estimates restore small",
             "predict s5", "drop x2", "predict s6", "margins", "estat summarize", "estimates replay"],
}


class Sweep:
    def __init__(self, verbose: bool = False):
        self.verbose = verbose
        self.failures: list[tuple[str, str, str]] = []

    def run_fit(self, name: str, data: pd.DataFrame, variant: str = "") -> float:
        from mlmcli.runner import Runner
        from mlmcli.session import Output, Session

        setup, template, stats = FITS[name]
        session = Session(out=Output(io.StringIO()))
        from mlmcli.dataset import Dataset

        session.data = Dataset(data.copy())
        runner = Runner(session)
        caught: list[str] = []
        runner._internal_error = lambda exc: caught.append("".join(traceback.format_exc().splitlines(True)[-6:]))
        start = time.perf_counter()

        def one(text: str) -> int:
            caught.clear()
            stream = session.out.stream
            stream.seek(0)
            stream.truncate()
            rc = runner.run_text(text, echo=False, stop_on_error=True)
            out = stream.getvalue()
            if caught or rc == 9999 or "Traceback" in out:
                self.failures.append((f"{name} {variant}".strip(), text, caught[0] if caught else out[-400:]))
            if self.verbose:
                first = next((ln for ln in out.splitlines() if ln.strip()), "") if rc else ""
                print(f"  {name:13} rc={rc:<4} {text[:60]:60} {first[:70] if rc else ''}")
            return rc

        if variant == "ts" and not setup.startswith("xtset"):
            setup = "\n".join(filter(None, ["xtset id time", setup]))  # L. needs the panel and time
        if setup:
            one(setup)
        fit = variant_fit(template, variant, "x x2")
        if fit is None:
            return 0.0
        small = variant_fit(template, variant, "x")
        if "{X}" in template or name == "anova":
            if one("quietly " + small) == 0:
                one("estimates store small")
        rc = one("quietly " + fit)
        if rc:
            print(f"{name} {variant}: fit failed r({rc})")
            return time.perf_counter() - start
        commands = postestimation(name, fit, stats)
        if variant:  # the variant's own commands, then the common ones on a shorter list
            commands = commands[:3] + ["predict v0", "predict v1 in 1/20", "estat vce", "test x", "margins",
                                       "lincom x", "ereturn list"] + VARIANT_COMMANDS.get(variant, [])
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:  # estimates save/use write here
            for text in commands:
                one(text.replace("{tmp}", tmp))
        return time.perf_counter() - start


def registry_estimation_commands() -> list[str]:
    """The estimation commands of the registry (its rows whose handler is in estimation/ or is
    gllamm)."""
    from mlmcli.commands import _TABLE

    return [row[0] for row in _TABLE if row[2].startswith("estimation.") or row[2] == "community.gllamm:cmd_gllamm"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    args = ap.parse_args(argv)
    names = [n for n in FITS if not args.only or n in args.only.split(",")]
    sweep = Sweep(verbose=args.verbose)
    data = panel()
    warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")  # as the test suite does
    for variant in args.variants.split(","):
        for name in names:
            took = sweep.run_fit(name, data, variant)
            print(f"{name} {variant}: {took:.1f} s", flush=True)
    for name, text, why in sweep.failures:
        print(f"\n== {name}: {text}\n{why}")
    print(f"\n{len(sweep.failures)} internal errors")
    return 1 if sweep.failures else 0


if __name__ == "__main__":
    sys.exit(main())

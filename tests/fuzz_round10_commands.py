"""Round 10 of the command fuzz (docs/command_fuzz.md): hostile lines for what was added or changed
on 2026-12-05/06 -- gmm (substitutable expressions, instruments(), wmatrix()/vce(hac ...),
winitial(), onestep/igmm), ml (ml model lf/lf0/d0, ml init/search/maximize/display/check/graph,
mleval/mlsum), runmlwin, gllamm thresh()/mlogit, ivpoisson cfunction and margins after it,
set dp comma, graph close, cls, reghdfe savefe, greshape, xtpqml, seeout, dummies, summarize with
factor variables, Unicode variable names (save/use/rename/labels), rreg after the Cook's D drop,
'i. x' with a blank -- plus values at their limits (level(0/100), iterate(0), huge, negative and
missing numbers, empty samples after if, strings for numbers) and by: on commands that are not
byable (r(190)).  Run through tests/fuzz_commands.py's checks (``run_all``): no internal error,
no hang, the data unchanged when a line fails; and here also: no file of the working folder
changed by a line without ``replace`` (``data.dta`` and ``keep10.txt`` are checked after
every line).

    python3 tests/fuzz_round10_commands.py [--seed 1] [--count 400] [--only gmm,ml] [--show] [-v]
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_commands as fc  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402,F401
from fuzz_new_commands import family_cases, run_main  # noqa: E402
from fuzz_round8_commands import _cond  # noqa: E402
from test_ml_command import NORMAL_D0, PROBIT_LF, PROBIT_LF0  # noqa: E402 - [R] ml's evaluators

BASE = ("generate zero = 0", "generate double huge = 1e300 * x1", "generate tt = _n", "generate x3 = 2 * x1",
        "generate xs = string(x1)", "generate pos = t2 + 1", "generate cr = mod(_n, 3)", "generate ex = 1 + mod(_n, 4)",
        "generate z1 = sin(_n)", "generate z2 = cos(_n * 3)")
PREFIXES = ["", "", "", "", "", "quietly ", "capture noisily ", "capture "]
ODD = ["-1", "0", "1e300", ".", "abc", "", "2147483648", "-1e300", "0.5", "\"x\""]


def _odd(rng, text):
    """``text`` with the argument of one of its options replaced by an odd value (sometimes)."""
    if "(" in text and rng.random() < 0.3:
        parts = text.split("(")
        k = rng.randrange(1, len(parts))
        head, _, tail = parts[k].partition(")")
        parts[k] = rng.choice(ODD) + ")" + tail
        return "(".join(parts)
    return text


# ------------------------------------------------------------------ gmm
GMM = ["gmm (y - {b0} - {b1}*x1 - {b2}*x2), instruments(x1 z1 z2)", "gmm (y - {xb: x1 x2} - {b0}), instruments(x1 z1 z2)",
       "gmm (y - {xb: x1 x2 _cons}), instruments(x1 z1 z2)", "gmm (c - exp({xb: x1 x2} + {b0})), instruments(x1 z1 z2)",
       "gmm (eq1: y - {a0} - {a1}*x1) (eq2: c - exp({c0} + {c1}*x2)), instruments(z1 z2)",
       "gmm (y - {b0}), instruments(x1)", "gmm (y - {b0})", "gmm (y - {b0=1e300}), instruments(x1)",
       "gmm (y - {b0} - {b1}*x1), instruments(x1) from(b0 1e300 b1 -1)", "gmm (y - {b0} - {b1}*huge), instruments(huge)",
       "gmm (y - {b0} - {b1}*x1), instruments(s)", "gmm (y - {b0} - {b1}*s), instruments(x1)", "gmm (s - {b0}), instruments(x1)",
       "gmm (y - {b0} - {b1}*x1), instruments(i.f)", "gmm (y - {xb: i.f x1} - {b0}), instruments(i.f x1)",
       "gmm (y - {xb: L.x1} - {b0}), instruments(L.x1)", "gmm (y - {b0} - {b1}*x1), instruments(x1 x1 x3)",
       "gmm (y - {b0} - {b1}*x1), instruments(zero k)", "gmm (y - {b0} - {b1}*x1), instruments(z)",
       "gmm (y - {b0} - {b1}*x1 - {b2}*x2), instruments(x1)", "gmm (y - {b0} - {b1}*x1), instruments(x1, noconstant)",
       "gmm (y - {b0} - {b1}*x1), instruments(1: x1) instruments(2: x2)", "gmm (y - {b0} - {b1}*x1), instruments(nosuch: x1)",
       "gmm (y - {b0} - {b1}*x1), instruments()", "gmm (y - {b0} - {b1}*x1), instruments(x1", "gmm (y - {b0} - {b1}*x1",
       "gmm (y - {b0} - {b1*x1), instruments(x1)", "gmm (y - {} - {b1}*x1), instruments(x1)", "gmm (y - {b0:} ), instruments(x1)",
       "gmm (y - {xb:} - {b0}), instruments(x1)", "gmm (y - {xb: nosuch} - {b0}), instruments(x1)", "gmm ()", "gmm",
       "gmm (y - {b0} - {b1}*x1) if 0, instruments(x1)", "gmm (y - {b0} - {b1}*x1) in 1, instruments(x1)",
       "gmm (y - {b0} - {b1}*x1) in 1/2, instruments(x1)", "gmm (y - {b0} - {b1}*x1) [fw=w], instruments(x1)",
       "gmm (y - {b0} - {b1}*x1) [pw=w], instruments(x1)", "gmm (y - {b0} - {b1}*x1) [aw=x1], instruments(x1)",
       "gmm (y - {b0} - {b1}*x1) [iw=w], instruments(x1)", "gmm (y - {b0} - {b1}*x1) [pw=w], instruments(x1) wmatrix(unadjusted)",
       "gmm (y - {b0} - {b1}*x1), instruments(x1) derivative(/b0 = -1) derivative(/b1 = -x1)",
       "gmm (y - {b0} - {b1}*x1), instruments(x1) derivative(/b0 = -1)", "gmm (y - {b0} - {b1}*x1), instruments(x1) derivative(/nosuch = 1)",
       "gmm (y - {b0} - {b1}*x1), instruments(x1) derivative(/b0 = s)", "gmm (y/{b0}), instruments(x1)",
       "gmm (y - exp({b0}*1e300)), instruments(x1)", "gmm (ln({b0}) - y), instruments(x1)", "gmm (y - {b0}^x1), instruments(x1)",
       "gmm (eq1: y - {a0}) (eq1: x2 - {c0}), instruments(x1)", "gmm (eq1: y - {a0}) (eq2: x2 - {a0}), instruments(x1) nocommonesample",
       "gmm (eq1: y - {a0} - {a1}*m) (eq2: x2 - {c0}), instruments(x1) nocommonesample",
       "gmm (y - {b0} - {b1}*x1), instruments(x1) variables(x1 m)", "gmm (y - {b0} - {b1}*x1), instruments(x1) variables(s)"]
GMM_OPTS = ["onestep", "twostep", "igmm", "igmm igmmiterate(0)", "igmm igmmiterate(1)", "igmm igmmeps(-1)", "igmm igmmweps(0)",
            "igmm onestep", "wmatrix(robust)", "wmatrix(unadjusted)", "wmatrix(cluster g)", "wmatrix(cluster s)",
            "wmatrix(cluster z)", "wmatrix(cluster k)", "wmatrix(hac bartlett 4)", "wmatrix(hac bartlett 0)",
            "wmatrix(hac bartlett -1)", "wmatrix(hac bartlett 1e300)", "wmatrix(hac parzen)", "wmatrix(hac quadraticspectral 2)",
            "wmatrix(hac nwest opt)", "wmatrix(hac nosuch 2)", "wmatrix(hac)", "wmatrix(hac bartlett abc)",
            "wmatrix(robust, independent)", "wmatrix(nosuch)", "vce(hac bartlett 2)", "vce(hac parzen 0)", "vce(hac gallant 40)",
            "vce(hac andrews 1)", "vce(unadjusted)", "vce(robust)", "vce(cluster g)", "vce(bootstrap, reps(2))",
            "vce(jackknife)", "vce(hac)", "center", "winitial(identity)", "winitial(unadjusted, independent)",
            "winitial(W)", "winitial(Wbad)", "winitial(nosuch)", "winitial(I3)", "iterate(0)", "iterate(1)", "iterate(-1)",
            "iterate(1e300)", "level(0)", "level(100)", "level(99.99)", "level(abc)", "ptolerance(0)", "ptolerance(-1)",
            "vtolerance(1e300)", "nolog", "coeflegend", "cformat(%9.2f)", "cformat(abc)", "title(T) title2(U)",
            "quickderivatives", "from(b0 1)", "from(nosuch 1)", "from(F)", "from(1e300)", "nosuch"]
GMM_POST = ["gmm", "gmm, level(0)", "gmm, level(100)", "estat overid", "predict nv", "predict nv, equation(#1)",
            "predict nv, equation(#9)", "predict nv*, scores", "predict nv, xb", "margins", "margins, predict(xb)",
            "margins, expression(exp(predict(xb)))", "margins, dydx(*) predict(xb)", "margins, predict(nosuch)",
            "test _b[/b1] = 0", "lincom _b[/b0] + 1", "nlcom exp(_b[/b0])", "estat vce", "estat ic", "estimates replay",
            "predict nv, residuals", "margins, at(x1 = 1e300) predict(xb)"]


def _gmm_setup(rng):
    return ["matrix W = I(3)", "matrix Wbad = (1, 2 \\ 3, 4)", "matrix I3 = I(3)", "matrix F = (1, 2, 3)"] + \
           (["tsset tt"] if rng.random() < 0.5 else [])


def _gmm(rng):
    line = rng.choice(GMM)
    opts = " ".join(_odd(rng, rng.choice(GMM_OPTS)) for _ in range(rng.randrange(0, 4)))
    if opts:
        line = line + (" " if "," in line else ", ") + opts
    if rng.random() < 0.35:
        return _gmm_setup(rng) + [line.replace("capture ", "")], rng.choice(PREFIXES) + rng.choice(GMM_POST)
    return _gmm_setup(rng), rng.choice(PREFIXES + ["by f: ", "bysort g: "]) + _cond(rng, line)


# ------------------------------------------------------------------ ml
ML_PROGRAMS = PROBIT_LF + PROBIT_LF0 + NORMAL_D0 + """
capture program drop mynormal
program define mynormal
    args lnf mu lnsigma
    quietly replace `lnf' = ln(normalden($ML_y1, `mu', exp(`lnsigma')))
end
capture program drop badmiss
program define badmiss
    args lnf xb
    quietly replace `lnf' = .
end
capture program drop baderr
program define baderr
    args todo b lnf
    error 459
end
capture program drop badchange
program define badchange
    args todo b lnf
    matrix `b' = 2*`b'
    scalar `lnf' = -1
end
capture program drop bigd0
program define bigd0
    args todo b lnf
    tempvar mu
    mleval `mu' = `b'
    mlsum `lnf' = -1e300 * ($ML_y1 - `mu')^2
end
"""
ML_MODELS = ["ml model lf myprobit (b = x1 x2)", "ml model lf myprobit (b = x1 i.f)", "ml model lf myprobit (b = huge)",
             "ml model lf myprobit (b = x1) if 0", "ml model lf myprobit (b = x1) in 1", "ml model lf myprobit (b = )",
             "ml model lf myprobit (b = x1) [pw=w]", "ml model lf myprobit (b = x1) [fw=w]", "ml model lf myprobit (b = x1) [aw=x1]",
             "ml model lf myprobit (b = x1), vce(cluster g)", "ml model lf myprobit (b = x1), vce(robust)",
             "ml model lf myprobit (b = x1), vce(cluster s)", "ml model lf myprobit (b = x1), vce(opg)",
             "ml model lf myprobit (b = x1), vce(oim) nocnsnotes", "ml model lf myprobit (b = x1), constraints(1)",
             "ml model lf myprobit (b = x1), constraints(99)", "ml model lf myprobit (b = x1), technique(bfgs)",
             "ml model lf myprobit (b = x1), technique(bhhh)", "ml model lf myprobit (b = x1), technique(nosuch)",
             "ml model lf myprobit (b = x1), maximize", "ml model lf myprobit (b = x1), maximize iterate(0)",
             "ml model lf myprobit (b = x1), maximize search(off)", "ml model lf myprobit (b = x1), search(nosuch)",
             "ml model lf myprobit (b = x1), maximize level(0)", "ml model lf myprobit (b = s)", "ml model lf myprobit (s = x1)",
             "ml model lf myprobit (b = x1), title(T) missing", "ml model lf myprobit (b = x1) (x2)",
             "ml model lf0 myprobit0 (b = x1 x2)", "ml model lf0 myprobit0 (b = x1), maximize", "ml model lf0 myprobit0 (y = x1)",
             "ml model lf mynormal (y = x1 x2) /lnsigma", "ml model lf mynormal (y = x1) ()", "ml model lf mynormal (mu: y = x1) (lnsigma:)",
             "ml model d0 mynormal_d0 (mu: y = x1) /lnsigma", "ml model d0 mynormal_d0 (mu: y = x1 i.f) /lnsigma",
             "ml model d0 mynormal_d0 (mu: y = huge) /lnsigma", "ml model d0 mynormal_d0 (mu: y = x1)",
             "ml model d0 mynormal_d0 (mu: y = x1) /lnsigma, maximize", "ml model d0 mynormal_d0 (mu: y = x1) /lnsigma [fw=w]",
             "ml model d0 mynormal_d0 (mu: y = x1) /lnsigma, vce(robust)", "ml model d0 badmiss (b = x1)",
             "ml model lf badmiss (b = x1)", "ml model d0 baderr (b = x1)", "ml model d0 badchange (b = x1)",
             "ml model d0 bigd0 (y = x1)", "ml model lf nosuch (b = x1)", "ml model d1 myprobit (b = x1)",
             "ml model nosuch myprobit (b = x1)", "ml model lf", "ml model", "ml model lf myprobit b = x1",
             "ml model lf myprobit (b = x1", "ml model lf myprobit (b = nosuch)", "ml model lf myprobit (b = L.x1)",
             "ml model lf myprobit (b = x1), exposure(x1)", "ml model lf myprobit (b = x1), offset(huge)",
             "ml model lf myprobit (b = x1), nopreserve", "ml model lf myprobit (b = x1) (c: c = x2)"]
ML_NEXT = ["ml maximize", "ml maximize, nolog", "ml maximize, iterate(0)", "ml maximize, iterate(-1)", "ml maximize, iterate(1e300)",
           "ml maximize, difficult", "ml maximize, level(0)", "ml maximize, level(100)", "ml maximize, noclear",
           "ml maximize, nooutput", "ml maximize, tolerance(1e300)", "ml maximize, nrtolerance(0) iterate(3)",
           "ml maximize, gradient hessian iterate(1)", "ml maximize, showstep trace iterate(1)", "ml maximize, nosuch",
           "ml maximize, technique(bfgs 2 nr 2)", "ml search", "ml search, nolog", "ml search, repeat(0)", "ml search, repeat(-1)",
           "ml search, repeat(1e300)", "ml search xb: -1 1", "ml search /lnsigma -1e300 1e300", "ml search x1 1 0",
           "ml init 0.1 0.2 0.3, copy", "ml init 1, copy", "ml init 1 2 3 4 5 6, copy", "ml init x1=1e300", "ml init /lnsigma=.",
           "ml init b:x1=1", "ml init nosuch=1", "ml init x1=abc", "ml init x1", "ml init M", "ml init M, copy", "ml init M, skip",
           "ml init Mbig, copy", "ml init", "ml check", "ml display", "ml display, level(0)", "ml display, eform",
           "ml display, eform(OR)", "ml graph", "ml graph 0", "ml graph -1", "ml graph 1e300", "ml graph, saving(data.dta)",
           "ml graph, saving(mlg10, replace)", "ml query", "ml clear", "ml trace on", "ml trace nosuch", "ml report",
           "ml plot x1", "ml nosuch", "ml", "mleval nv = M", "mlsum nv = 1", "mlvecsum nv x = 1", "predict nv", "predict nv, xb",
           "predict nv, equation(#2)", "margins", "test x1", "estat ic", "lrtest . ."]


def _ml(rng):
    model = _odd(rng, rng.choice(ML_MODELS))
    setup = [ML_PROGRAMS, "matrix M = (0.1, 0.2, 0.3)", "matrix Mbig = J(1, 50, 1e300)", "constraint 1 x1 = 0.5"]
    steps = [rng.choice(ML_NEXT) for _ in range(rng.randrange(0, 3))]
    if rng.random() < 0.5:
        return setup + [model] + steps[:-1], rng.choice(PREFIXES) + (steps[-1] if steps else model)
    return setup, rng.choice(PREFIXES + ["by f: "]) + model


# ------------------------------------------------------------------ runmlwin
RUNMLWIN = ["runmlwin y cons x1, level2(g: cons x1) level1(tt: cons) nopause",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) rigls nopause",
            "runmlwin y cons x1, level1(tt: cons) nopause", "runmlwin y cons x1, level2(g: cons) level1(tt: cons x1) nopause",
            "runmlwin y cons x1, level2(g: cons x1, diagonal) level1(tt: cons) nopause",
            "runmlwin y cons x1, level2(g: cons x1, elements(E)) level1(tt: cons) nopause",
            "runmlwin y cons x1, level2(g: cons x1, elements(Ebad)) level1(tt: cons) nopause",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons x1, elements(E)) nopause",
            "runmlwin y cons x1, level3(f: cons) level2(g: cons) level1(tt: cons) nopause",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause forcesort",
            "runmlwin y cons x1, level2(s: cons) level1(tt: cons) nopause", "runmlwin y cons x1, level2(z: cons) level1(tt: cons) nopause",
            "runmlwin y cons huge, level2(g: cons) level1(tt: cons) nopause", "runmlwin y cons s, level2(g: cons) level1(tt: cons) nopause",
            "runmlwin y cons x1 if 0, level2(g: cons) level1(tt: cons) nopause",
            "runmlwin y cons x1 in 1, level2(g: cons) level1(tt: cons) nopause",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause maxiterations(0)",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause maxiterations(-1)",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause tolerance(0)",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause tolerance(1e300)",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause level(0)",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause level(100)",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause initsprevious",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons)", "runmlwin y cons x1, level2(g: cons) nopause",
            "runmlwin y cons x1, level2(g:) level1(tt: cons) nopause", "runmlwin y cons x1, level2(g cons) level1(tt: cons) nopause",
            "runmlwin y x1, level2(g: cons) level1(tt: cons) nopause", "runmlwin y, level2(g: cons) level1(tt: cons) nopause",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause discrete(distribution(binomial))",
            "runmlwin b cons x1, level2(g: cons) level1(tt: cons) nopause", "runmlwin", "runmlwin, level(90)",
            "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause nosuch"]
RUNMLWIN_POST = ["predict nv", "predict nv, xb", "predict nv, stdp", "predict nv, residuals", "runmlwin", "runmlwin, level(0)",
                 "test x1", "lincom x1", "margins", "estat ic", "estimates store r1"]


def _runmlwin(rng):
    setup = ["generate cons = 1", "matrix E = (1, 0, 1)", "matrix Ebad = (1, 1)", "sort g tt"]
    if rng.random() < 0.2:
        setup.pop()
    line = _odd(rng, rng.choice(RUNMLWIN))
    if rng.random() < 0.3:
        return setup + [line], rng.choice(PREFIXES) + rng.choice(RUNMLWIN_POST)
    return setup, rng.choice(PREFIXES + ["by f: "]) + line


# ------------------------------------------------------------------ gllamm thresh()/mlogit
GLLAMM = ["gllamm o x1, i(g) link(ologit) thresh(thr) nip(3)", "gllamm o x1, i(g) link(ologit) thresh(thr) adapt nip(3)",
          "gllamm o x1, i(g) link(oprobit) thresh(thr) nip(3)", "gllamm o x1, i(g) link(ocll) thresh(thr) nip(3)",
          "gllamm o x1, i(g) link(ologit) thresh(nosuch) nip(3)", "gllamm o x1, i(g) link(ologit) thresh(thrs) nip(3)",
          "gllamm o x1, i(g) link(ologit) thresh(thrh) nip(3)", "gllamm o x1, i(g) link(logit) thresh(thr) nip(3)",
          "gllamm o x1, i(g) link(ologit) thresh(thr) nip(0)", "gllamm o x1, i(g) link(ologit) thresh(thr) nip(-1)",
          "gllamm o x1 if 0, i(g) link(ologit) thresh(thr)", "gllamm o x1 in 1/3, i(g) link(ologit) thresh(thr) nip(3)",
          "gllamm o x1, i(g) link(ologit) thresh(thr) nip(3) eform", "gllamm o x1, i(g) link(ologit) thresh(thr) nip(3) from(F)",
          "gllamm o x1, i(g) link(ologit) thresh(thr) nip(3) iterate(0)", "gllamm o x1, i(g) link(ologit) thresh(thr) nip(3) level(0)",
          "gllamm y x1, i(g) link(ologit) thresh(thr) nip(3)", "gllamm b x1, i(g) link(ologit) thresh(thr) nip(3)",
          "gllamm s x1, i(g) link(ologit) thresh(thr) nip(3)", "gllamm c x1, i(g) link(ologit) thresh(thr) nip(3)",
          "gllamm alt x1, i(g) link(mlogit) expanded(ch alt o) nip(3)", "gllamm ch x1, i(g) link(mlogit) expanded(set ch o) nip(3)",
          "gllamm ch x1, i(g) link(mlogit) expanded(set ch o) nip(3) adapt", "gllamm ch x1, i(g) link(mlogit) expanded(set ch o) nip(3) from(F)",
          "gllamm ch x1, i(g) link(mlogit) nip(3)", "gllamm ch x1, i(g) link(mlogit) expanded(set ch) nip(3)",
          "gllamm ch x1, i(g) link(mlogit) expanded(nosuch ch o) nip(3)", "gllamm ch x1, i(g) link(mlogit) expanded(set s o) nip(3)",
          "gllamm ch x1 if 0, i(g) link(mlogit) expanded(set ch o)", "gllamm ch x1, i(g) link(mlogit) expanded(set ch o) nip(3) eform",
          "gllamm ch x1, i(g) link(mlogit) expanded(set ch o) nip(3) init", "gllamm o x1, i(g) link(ologit) thresh(thr) init",
          "gllamm ch, i(g) link(mlogit) expanded(set ch o) nip(3)", "gllamm o, i(g) link(ologit) thresh(thr) nip(3)"]
GLLAMM_POST = ["gllamm", "gllamm, eform", "gllamm, level(0)", "gllapred nv, u", "gllapred nv, mu", "predict nv", "margins",
               "estat ic", "test x1", "lrtest . ."]


def _gllamm(rng):
    setup = ["eq thr: x2", "eq thrs: s", "eq thrh: huge", "matrix F = (0.1, 0.2, 0.3)", "generate set = _n",
             "expand 3", "bysort set: generate alt = _n", "generate ch = alt == 1 + mod(set, 3)", "sort set alt"]
    line = _odd(rng, rng.choice(GLLAMM))
    if "mlogit" not in line:
        setup = setup[:4]
    if rng.random() < 0.3:
        return setup + [line], rng.choice(PREFIXES) + rng.choice(GLLAMM_POST)
    return setup, rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ ivpoisson cfunction and margins
IVC = ["ivpoisson cfunction c x1 (x2 = t2 pos)", "ivpoisson cfunction c x1 i.f (x2 = t2)", "ivpoisson cfunction c (x2 x3 = t2 pos)",
       "ivpoisson cfunction c x1 (x2 = t2) [fw=w]", "ivpoisson cfunction c x1 (x2 = t2), exposure(ex)",
       "ivpoisson cfunction c x1 (x2 = z1 z2)", "ivpoisson cfunction c x1 (x2 = t2) if b", "ivpoisson cfunction c x1 (x2 = i.f)",
       "ivpoisson cfunction c x1 (i.f = t2 z1)", "ivpoisson cfunction c x1 (x2 = huge)", "ivpoisson cfunction c huge (x2 = t2)"]
IVC_MARGINS = ["margins", "margins, dydx(*)", "margins, dydx(x2)", "margins, dydx(t2)", "margins, dydx(z1)", "margins, at(t2 = (0 1))",
               "margins, at(x2 = 1e300)", "margins, at(t2 = -1e300)", "margins, atmeans", "margins, dydx(*) atmeans",
               "margins f", "margins, over(f)", "margins, predict(xb)", "margins, predict(xbtotal)", "margins, predict(n nooffset)",
               "margins, predict(residuals)", "margins, predict(nosuch)", "margins, eydx(x1)", "margins, dyex(x2)",
               "margins, eyex(*)", "margins, level(0)", "margins, level(100)", "margins if 0", "margins, dydx(s)",
               "margins, at(x1 = .)", "margins, vce(unconditional)", "margins, post", "marginsplot", "predict nv, xbtotal",
               "predict nv, xb equation(#2)", "predict nv, xb equation(#9)", "predict nv, residuals", "estat overid"]


def _ivc(rng):
    line = rng.choice(IVC)
    return ["capture drop nv", line], rng.choice(PREFIXES + ["by f: "]) + rng.choice(IVC_MARGINS)


# ------------------------------------------------------------------ small commands: set dp, graph close, cls, ...
SMALL = ["set dp comma", "set dp period", "set dp comma, permanently", "set dp nosuch", "set dp", "set dp 1",
         "graph close", "graph close _all", "graph close g1", "graph close nosuch*", "graph close, nosuch", "cls", "cls 1", "cls, x",
         "dummies f", "dummies f b", "dummies f, prefix(d_)", "dummies f, prefix()", "dummies f, prefix(1a)", "dummies s",
         "dummies y", "dummies z", "dummies m", "dummies f if b", "dummies f in 1", "dummies f if 0", "dummies huge",
         "dummies f, prefix(y)", "dummies o, prefix(f)", "dummies nosuch", "dummies", "dummies f, nosuch", "dummies x1 in 1/3",
         "dummies t, prefix(verylongprefixnamethatgoespast32chars)", "dummies f f",
         "seeout using keep10.txt", "seeout using keep10", "seeout using keep10.txt, label", "seeout using nosuch.txt",
         "seeout using dir.dta", "seeout", "seeout using data.dta", "seeout using good.csv", "seeout using keep10.txt, nosuch",
         "greshape long x, by(g t) keys(j)", "greshape long x y, by(tt) keys(j)", "greshape long x, by(tt) keys(j) string",
         "greshape long x, by(f) keys(j)", "greshape long x, by(tt)", "greshape long nosuch, by(tt) keys(j)",
         "greshape wide y, by(g) keys(t)", "greshape wide y x1, by(g) keys(t)", "greshape wide y, by(tt) keys(f)",
         "greshape wide y, by(f) keys(b)", "greshape wide y, by(g) keys(s)", "greshape wide s, by(g) keys(t)",
         "greshape gather y x1, keys(k9)", "greshape spread y, keys(t)", "greshape long x, by(tt) keys(j) unsorted",
         "greshape", "greshape long", "greshape wide y, by(g)", "greshape long x, by(tt) keys(y)",
         "xtpqml c x1, fe", "xtpqml c x1 x2, fe irr", "xtpqml c x1, fe i(g)", "xtpqml c x1, fe cluster(f)", "xtpqml c x1",
         "xtpqml c x1, fe cluster(s)", "xtpqml c s, fe", "xtpqml y x1, fe", "xtpqml c huge, fe", "xtpqml c x1 if 0, fe",
         "xtpqml c x1 in 1/3, fe", "xtpqml k x1, fe", "xtpqml zero x1, fe", "xtpqml c i.f, fe", "xtpqml c x1, fe i(s)",
         "xtpqml c x1, fe nosuch", "xtpqml", "xtpqml c, fe",
         "reghdfe y x1, absorb(g, savefe)", "reghdfe y x1, absorb(g f, savefe)", "reghdfe y x1, absorb(fe1=g)",
         "reghdfe y x1, absorb(fe1=g fe2=f)", "reghdfe y x1, absorb(y=g)", "reghdfe y x1, absorb(fe1=g fe1=f)",
         "reghdfe y x1, absorb(g, generate)", "reghdfe y x1, absorb(g, savefe replace)", "reghdfe y x1, absorb(1a=g)",
         "reghdfe y x1, absorb(fe1=g, savefe)", "reghdfe y x1 if 0, absorb(g, savefe)", "reghdfe y x1 in 1, absorb(g, savefe)",
         "reghdfe y x1, absorb(s, savefe)", "reghdfe y x1, absorb(g, nosuch)", "reghdfe y huge, absorb(g, savefe)",
         "reghdfe y x1, absorb(g, savefe) residuals(r9)", "reghdfe y x1, absorb(=g)", "reghdfe y x1, absorb(fe1=)",
         "reghdfe y x1 [fw=w], absorb(g, savefe)", "reghdfe y x1, absorb(tt, savefe)", "reghdfe y x1, absorb(g, savefe) level(0)"]
SMALL_SETUP = {"seeout": ['file open fh using keep10.txt, write replace', 'file write fh "a" _tab "b" _n "1" _tab "2" _n', "file close fh"],
               "greshape": ["rename x1 x1a", "rename x2 x2b", "generate x1 = y", "generate x2 = y"],
               "xtpqml": ["xtset g t"], "reghdfe": ["generate __hdfe1__ = 1"]}
SMALL_AFTER = ["display 1.5", "list y in 1", "summarize y", "regress y x1", "tabulate f", "display %9.2f 1234.5",
               "display string(1.5)", "local a = 1.5", "format y %9.3f", "list y in 1/2", "outsheet y using o10.csv, replace",
               "export delimited y using o10.csv, replace", "generate nv = 1.5", "matrix list e(b)", "estimates table",
               "graph close", "twoway scatter y x1", "graph close", "predict nv, d", "predict nv, xbd", "reghdfe"]


def _small(rng):
    line = _odd(rng, rng.choice(SMALL))
    word = line.split()[0]
    setup = list(SMALL_SETUP.get(word, []))
    if word == "greshape" and "long" in line:
        setup = ["generate x1 = y", "generate x2 = y"] if rng.random() < 0.5 else ["rename x1 xa", "generate x1 = y", "generate x2 = x1"]
    if rng.random() < 0.3 and word in ("set", "graph", "cls", "reghdfe", "dummies"):
        return setup + [line], rng.choice(PREFIXES) + rng.choice(SMALL_AFTER)
    return setup, rng.choice(PREFIXES + ["by f: "] if rng.random() < 0.15 else PREFIXES) + _cond(rng, line)


# ------------------------------------------------------------------ summarize with factor variables, 'i. x'
SUMFV = ["summarize i.f", "summarize i.f##i.b", "summarize i.f#i.b", "summarize ibn.f", "summarize i.f, baselevels",
         "summarize i.f, allbaselevels", "summarize i.f#i.g, noemptycells", "summarize i.f, nofvlabel", "summarize i.f, detail",
         "summarize i.f [fw=w]", "summarize i.f [aw=x1]", "summarize i.f [iw=w]", "summarize c.x1#i.f", "summarize c.x1#c.x2",
         "summarize i.s", "summarize i.y", "summarize i.x1", "summarize i.z", "summarize i.m", "summarize i.k", "summarize i.huge",
         "summarize i.f if 0", "summarize i.f in 1", "summarize L.i.f", "summarize i.f, meanonly", "summarize i.f, format",
         "summarize i.f, separator(0)", "summarize i.f, separator(-1)", "summarize b2.f", "summarize ib(last).f", "summarize i(1 3).f",
         "summarize i.f#i.f", "summarize i.(f b)", "summarize o.f", "summarize 2.f", "summarize i.f, detail meanonly",
         "summarize i. f", "summarize i. f x1", "regress y i. f", "summarize c. x1", "regress y i. f##c. x1", "tabulate i. f",
         "summarize i.", "regress y x1 i.", "summarize i. nosuch", "logit b i. f", "summarize i .f", "summarize i.f , cformat(%9.2f)",
         "summarize ibn.f, noemptycells [fw=w]", "bysort b: summarize i.f", "by f, sort: summarize i.g", "summarize i.f##c.huge"]


def _sumfv(rng):
    return (["tsset tt"] if rng.random() < 0.3 else []), rng.choice(PREFIXES) + _cond(rng, rng.choice(SUMFV))


# ------------------------------------------------------------------ Unicode names
UNI = ["rename y größe", "rename größe y", "rename (y x1) (größe ñu)", "rename y ñ", "rename y Ñ", "rename y ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ",
       "rename y ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ", "rename y 1ñ", "rename y ñ-ñ", "rename y _ñ", "rename y 日本語",
       "generate größe = 1", "generate ñ = x1 * 2", "generate 日本 = 1", "generate ñ = \"ñ\"",
       "label variable größe \"Größe ñ\"", "label define ñl 1 \"uno ñ\" 2 \"dos\"", "label values f ñl", "label values größe ñl",
       "save ü10, replace", "save ü10", "save data", "save data.dta", "saveold ü10old, replace", "saveold ü10old, version(11) replace",
       "use ü10, clear", "use ü10", "use größe using ü10, clear", "use y using ü10, clear", "save ü10, replace emptyok",
       "describe größe", "summarize größe", "regress größe x1", "list größe in 1", "codebook größe", "keep größe", "drop größe",
       "order größe", "sort größe", "tabulate größe", "encode s, generate(ñs)", "decode f, generate(ñf)", "reshape long größe, i(tt) j(j)",
       "mixed größe x1 || g:", "regress y ñ", "egen ñm = mean(größe)", "collapse größe, by(f)", "rename größe nosuchvar*",
       "rename * *ñ", "rename y* ñ*", "rename (größe) (größe)", "confirm name ñ", "confirm variable größe", "confirm name 日本",
       "export delimited using ü10.csv", "export delimited using ü10.csv, replace", "import delimited using ü10.csv, clear",
       "outsheet using ü10.csv", "merge 1:1 tt using ü10", "append using ü10", "local ñ = 1", "display `ñ'", "char größe[note] ñ",
       "notes größe: ñ", "xtset größe t", "tsset größe", "generate größe2 = größe + 1 if 0", "replace größe = \"a\""]


def _unicode(rng):
    setup = ["rename y größe", "generate ñ = x1", "label variable ñ \"ñ ñ\""]
    if rng.random() < 0.4:
        setup = setup + ["generate tt2 = tt", "save ü10, replace"]
    if rng.random() < 0.2:
        setup = []
    return setup, rng.choice(PREFIXES + ["by f: "] if rng.random() < 0.1 else PREFIXES) + _cond(rng, rng.choice(UNI))


# ------------------------------------------------------------------ rreg after the Cook's D drop
RREG = ["rreg y x1", "rreg y x1 i.f", "rreg y x1 i.f##i.b", "rreg y i.g", "rreg y x1 x3", "rreg y huge", "rreg huge x1",
        "rreg y x1, genwt(w9)", "rreg y x1, genwt(y)", "rreg y x1, genwt(w9) tolerance(0)", "rreg y x1, iterate(0)",
        "rreg y x1, iterate(-1)", "rreg y x1, tune(0)", "rreg y x1, tune(-1)", "rreg y x1, tune(1e300)", "rreg y x1, level(0)",
        "rreg y x1, level(100)", "rreg y x1, nolog graph", "rreg y x1 in 1/3", "rreg y x1 in 1", "rreg y x1 if 0",
        "rreg y x1 if b", "rreg y s", "rreg y x1, tolerance(1e300)", "rreg y x1, biweight(0)", "rreg y k", "rreg k x1",
        "rreg y zero", "rreg y x1 i.f if s == \"a\"", "rreg y x1 [aw=w]", "rreg y L.x1", "rreg y i.f#c.x1", "rreg y, genwt(w9)",
        "rreg y x1 i.f, genwt(w9) iterate(1)"]
RREG_POST = ["predict nv", "predict nv, stdp", "predict nv, residuals", "margins", "margins f", "test x1", "estat ic", "rreg",
             "rreg, level(0)", "lincom x1"]


def _rreg(rng):
    setup = ["tsset tt"] if rng.random() < 0.2 else []
    if rng.random() < 0.4:
        setup.append("replace y = 1e6 in 1/3")
    line = _odd(rng, rng.choice(RREG))
    if rng.random() < 0.3:
        return setup + [line], rng.choice(PREFIXES) + rng.choice(RREG_POST)
    return setup, rng.choice(PREFIXES + ["by f: "]) + _cond(rng, line)


# ------------------------------------------------------------------ by: on the new commands
NOT_BYABLE10 = ["ml model lf myprobit (b = x1)", "ml maximize", "ml search", "ml init x1=1", "ml display", "ml check",
                "ml graph", "runmlwin y cons x1, level2(g: cons) level1(tt: cons) nopause", "gllamm o x1, i(g) link(ologit) thresh(thr)",
                "set dp comma", "graph close", "cls", "reghdfe y x1, absorb(g, savefe)", "greshape long x, by(tt) keys(j)",
                "xtpqml c x1, fe", "seeout using keep10.txt", "dummies f", "gmm (y - {b0}), instruments(x1)", "summarize i.f",
                "rreg y x1", "ivpoisson cfunction c x1 (x2 = t2)", "mleval nv = M", "mlsum nv = 1", "rename y größe",
                "save ü10, replace"]


def _byable(rng):
    line = rng.choice(NOT_BYABLE10)
    prefix = rng.choice(["by f: ", "bysort f: ", "by f, sort: ", "bysort g (tt): ", "by s, sort: ", "by z, sort: "])
    setup = [ML_PROGRAMS, "generate cons = 1", "eq thr: x2", "xtset g t", "matrix M = (1, 2)"]
    if line.startswith("ml ") and "model" not in line:
        setup.append("ml model lf myprobit (b = x1)")
    return setup, rng.choice(PREFIXES) + prefix + line


FAMILIES = {"gmm": (_gmm, 6), "ml": (_ml, 6), "runmlwin": (_runmlwin, 3), "gllamm": (_gllamm, 2), "ivcfunction": (_ivc, 3),
            "small": (_small, 6), "sumfv": (_sumfv, 3), "unicode": (_unicode, 4), "rreg": (_rreg, 3), "byable": (_byable, 2)}
ROUND10_SHAPES = {"full": 10, "one": 2, "empty": 2, "holes": 2, "strings": 1, "allmiss": 1, "extmiss": 1,
                  "magnitudes": 1, "huge": 1, "longnames": 1, "dates": 1}
WATCHED = ("data.dta", "keep10.txt", "good.csv")
KEEP10 = b"a\tb\n1\t2\n"  # what the setup's file write puts in keep10.txt


def round10_cases(seed: int, count: int, only: set[str] | None = None) -> list[Case]:
    """``count`` cases, each from one family (weights above), deterministic for the seed; every
    setup starts with BASE's variables and writes keep10.txt (watched with data.dta)."""
    cases = family_cases("round10", FAMILIES, ROUND10_SHAPES, seed, count, only)
    keep = ('file open fh using keep10.txt, write replace', 'file write fh "a" _tab "b" _n "1" _tab "2" _n', "file close fh")
    return [Case(c.command, c.shape, BASE + keep + tuple(c.setup), c.line) for c in cases]


def _digest(folder: str) -> dict:
    out = {}
    for name in WATCHED:
        path = os.path.join(folder, name)
        out[name] = hashlib.sha256(open(path, "rb").read()).hexdigest() if os.path.isfile(path) else None
    return out


_original_run_case = fc.run_case


def run_case_watching_files(case, folder):
    """fuzz_commands.run_case, plus: a line without ``replace`` must not change a watched file
    (keep10.txt as the setup writes it; data.dta and good.csv as they were before the case)."""
    before = _digest(folder)
    if any("keep10.txt" in line for line in case.setup):
        before["keep10.txt"] = hashlib.sha256(KEEP10).hexdigest()
    rc, findings, printed = _original_run_case(case, folder)
    after = _digest(folder)
    changed = [name for name in WATCHED if before[name] is not None and before[name] != after[name]]
    if changed and "replace" not in case.line:
        findings.append(fc.Finding("data-changed", case, f"rc {rc}; file written over without replace: {changed}"))
    return rc, findings, printed


def main(argv=None) -> int:
    fc.run_case = run_case_watching_files
    return run_main(__doc__.split("\n\n")[0], round10_cases, argv)


if __name__ == "__main__":
    sys.exit(main())

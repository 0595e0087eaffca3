"""Round 11 of the command fuzz (docs/command_fuzz.md): hostile lines for what round 10 covered
least -- ml's derivative methods (lf1, lf2, d1, d2, with evaluators that fill g or H wrongly) and
ml init/search/plot/report/score, margins, predict, coefplot and the table commands after ml and
gmm; putexcel (set, cells, matrices, bad file and sheet names, unbalanced quotes); eststo/esttab/
estout/estadd and outreg2 (files, formats, keep/drop); xtfrontier ti/tvd; reghdfe and greshape
beyond round 10; ivpoisson gmm; rreg; Unicode names in these commands; ``#delimit ;`` blocks;
macros and loops with odd quoting; matrices (singular, wrong sizes, missing, huge); string
functions on bytes and Unicode.  Run through tests/fuzz_commands.py's checks (``run_all``): no
internal error, no hang, the data unchanged when a line fails; and no watched file of the working
folder (data.dta, good.csv, keep10.txt) changed by a line without ``replace``.

    python3 tests/fuzz_round11_commands.py [--seed 1] [--count 400] [--only ml,putexcel] [--show] [-v]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_commands as fc  # noqa: E402
import fuzz_round10_commands as r10  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402
from fuzz_new_commands import family_cases, run_main  # noqa: E402
from fuzz_round8_commands import _cond  # noqa: E402
from fuzz_round10_commands import BASE, ML_PROGRAMS, PREFIXES, _odd  # noqa: E402
from test_ml_subcommands import PROBIT_LF1  # noqa: E402 - [R] ml's probit as an lf1 evaluator

SAMPLE_EVALUATORS = (Path(__file__).resolve().parents[1] / "samples" / "ml_evaluators.do").read_text(encoding="utf-8")

# ------------------------------------------------------------------ ml: derivative methods and subcommands
# [R] ml's d2 probit (help ml's samples/ml_evaluators.do) and lf1 probit (tests/test_ml_subcommands.py),
# then evaluators that fill g or H wrongly, leave g unset, or set lnf to a string
D2_PROBIT = "capture program drop myprobit_d2" + SAMPLE_EVALUATORS.split("capture program drop myprobit_d2", 1)[1]
ML_DERIV_PROGRAMS = ML_PROGRAMS + D2_PROBIT + "capture program drop myprobit1" + PROBIT_LF1 + """
capture program drop badg_d1
program define badg_d1
    args todo b lnf g
    tempvar xb
    mleval `xb' = `b'
    mlsum `lnf' = -($ML_y1 - `xb')^2
    if (`todo' == 0) exit
    matrix `g' = (1, 2, 3, 4, 5)
end
capture program drop missg_d1
program define missg_d1
    args todo b lnf g
    tempvar xb
    mleval `xb' = `b'
    mlsum `lnf' = -($ML_y1 - `xb')^2
    if (`todo' == 0) exit
    matrix `g' = J(1, colsof(`b'), .)
end
capture program drop badh_d2
program define badh_d2
    args todo b lnf g H
    tempvar xb
    mleval `xb' = `b'
    mlsum `lnf' = -($ML_y1 - `xb')^2
    if (`todo' == 0) exit
    matrix `g' = J(1, colsof(`b'), 0)
    if (`todo' == 1) exit
    matrix `H' = (1, 2 \\ 3)
end
capture program drop nog_lf1
program define nog_lf1
    args todo b lnfj g1
    tempvar xb
    mleval `xb' = `b'
    quietly replace `lnfj' = -($ML_y1 - `xb')^2
end
capture program drop strlnf
program define strlnf
    args lnf xb
    quietly replace `lnf' = "a"
end
"""
ML_MODELS = ["ml model d2 myprobit_d2 (b = x1 x2)", "ml model d1 myprobit_d2 (b = x1)", "ml model lf1 myprobit1 (b = x1 x2)",
             "ml model lf2 myprobit1 (b = x1)", "ml model d1 badg_d1 (y = x1)", "ml model d1 missg_d1 (y = x1)",
             "ml model d2 badh_d2 (y = x1)", "ml model lf1 nog_lf1 (y = x1)", "ml model lf strlnf (y = x1)",
             "ml model d2 myprobit_d2 (b = huge)", "ml model d2 myprobit_d2 (b = x1) [pw=w]", "ml model d2 myprobit_d2 (b = x1), vce(opg)",
             "ml model lf1 myprobit1 (b = x1) [pw=w]", "ml model lf1 myprobit1 (b = x1), vce(cluster g)",
             "ml model d2 myprobit_d2 (b = x1) if 0", "ml model d2 myprobit_d2 (b = x1) in 1", "ml model d2 myprobit_d2 (b = k)",
             "ml model d2 myprobit_d2 (b = x1 x3)", "ml model d2 myprobit_d2 (b = z)", "ml model d2 myprobit_d2 (y = x1)",
             "ml model d2 myprobit_d2 (b = x1), technique(bhhh)", "ml model d2 myprobit_d2 (b = x1), technique(dfp 2 bfgs)",
             "ml model d2 myprobit_d2 (b = x1), maximize nolog", "ml model lf myprobit (b = x1 x2), maximize nolog",
             "ml model lf myprobit (xb: b = x1 x2), maximize nolog", "ml model lf mynormal (y = x1) /lnsigma, maximize nolog",
             "ml model d0 mynormal_d0 (mu: y = x1) /lnsigma, maximize nolog", "ml model lf myprobit (b = x1 x3), maximize nolog",
             "ml model lf myprobit (b = x1, noconstant), maximize nolog", "ml model lf myprobit (b = x1, offset(x2)), maximize nolog",
             "ml model lf myprobit (b = x1, exposure(t2)), maximize nolog", "ml model lf myprobit (b = x1, nosuch)",
             "ml model lf myprobit (b = x1,", "ml model lf myprobit ((b = x1)", "ml model lf myprobit (b = x1))",
             "ml model lf myprobit (\"b\" = x1)", "ml model lf myprobit (b = `nosuch')", "ml model lf myprobit (b = x1) /",
             "ml model lf myprobit (b = x1) //", "ml model lf myprobit (1b: b = x1)", "ml model lf myprobit (größe: b = x1)"]
ML_STEPS = ["ml maximize", "ml maximize, nolog", "ml maximize, iterate(2)", "ml maximize, difficult nolog",
            "ml maximize, gradient iterate(1)", "ml maximize, hessian iterate(1)", "ml maximize, technique(nr 1 bfgs 1)",
            "ml search", "ml search, repeat(3)", "ml search b: -1e300 1e300", "ml search x1 -1 1", "ml search _cons 5 5",
            "ml init b:x1=0.5", "ml init b:_cons=1e300", "ml init b:_cons=-1e300", "ml init _cons=.a", "ml init 0 0, copy",
            "ml init 0 0 0, copy", "ml init M, copy", "ml init M2, copy", "ml init M2", "ml init b:x1=1 b:x1=2",
            "ml plot x1", "ml plot _cons -1e300 1e300", "ml plot x1 0 0", "ml plot nosuch", "ml plot x1 1 -1",
            "ml report", "ml count", "ml count on", "ml count off", "ml count clear", "ml score sc*", "ml score double sc",
            "ml score sc1 sc2 sc3", "ml score y", "ml footnote", "ml check", "ml display", "ml display, neq(0)",
            "ml display, neq(-1)", "ml display, neq(1e300)", "ml display, plus", "ml display, first", "ml display, showeqns",
            "ml display, noheader", "ml display, nofootnote", "ml display, eform(\"\")", "ml clear", "ml query", "ml trace on"]
ML_AFTER = ["predict nv", "predict nv, xb", "predict nv, stdp", "predict nv, equation(#2)", "predict nv, equation(lnsigma)",
            "predict nv, equation(nosuch)", "predict nv*, scores", "predict nv, scores", "predict y", "predict nv, nooffset",
            "margins", "margins, dydx(*)", "margins, dydx(x1)", "margins, dydx(x2)", "margins, dydx(s)", "margins, eyex(x1)",
            "margins, at(x1 = (0 1e300))", "margins, at(x1 = .)", "margins, atmeans", "margins, predict(xb equation(#2))",
            "margins, predict(stdp)", "margins, predict(pr)", "margins, expression(normal(predict(xb)))",
            "margins, expression(normal(predict(xb))) dydx(x1)", "margins, expression(1/0)", "margins, expression(\"a\")",
            "margins, expression(", "margins, over(f)", "margins f", "margins, vce(unconditional)", "margins, level(0)",
            "margins, post", "margins, dydx(x1) post", "marginsplot", "margins, dydx(x1) at(x2 = (-1 0 1))",
            "coefplot", "coefplot, drop(_cons)", "coefplot, eform", "coefplot, keep(nosuch)", "esttab", "esttab, se",
            "estout", "eststo", "eststo m9: ml display", "estimates store m1", "test x1", "test [b]x1", "test [nosuch]x1",
            "lincom x1 + _cons", "nlcom exp(_b[x1])", "testnl _b[x1]^2 = 0", "estat ic", "estat vce", "estat summarize",
            "lrtest . .", "outreg2 using o11.txt, replace", "putexcel set p11, replace", "ereturn list", "matrix list e(b)"]


def _ml(rng):
    setup = [ML_DERIV_PROGRAMS, "matrix M = (0.1, 0.2, 0.3)", "matrix M2 = (., 1e300)"]
    model = _odd(rng, rng.choice(ML_MODELS))
    steps = [rng.choice(ML_STEPS) for _ in range(rng.randrange(0, 3))]
    r = rng.random()
    if r < 0.35:  # a fit, then what follows one
        fitted = model if "maximize" in model else model + "\nml maximize, nolog"
        return setup + [fitted.replace("capture ", "")] + steps[:1], rng.choice(PREFIXES) + rng.choice(ML_AFTER)
    if r < 0.7 and steps:
        return setup + [model] + steps[:-1], rng.choice(PREFIXES) + steps[-1]
    return setup, rng.choice(PREFIXES) + _cond(rng, model)


# ------------------------------------------------------------------ gmm, then margins/predict/tables
GMM_FITS = ["gmm (y - {b0} - {b1}*x1), instruments(x1) nolog", "gmm (y - {xb: x1 x2 _cons}), instruments(x1 x2) nolog",
            "gmm (c - exp({xb: x1 x2} + {b0})), instruments(x1 x2) nolog",
            "gmm (eq1: y - {a0} - {a1}*x1) (eq2: c - exp({c0} + {c1}*x2)), instruments(x1 x2) nolog",
            "gmm (y - {xb: x1 i.f} - {b0}), instruments(x1 i.f) nolog", "gmm (y - {b0} - {b1}*x1), instruments(x1) onestep nolog",
            "gmm (y - {b0} - {b1}*x1), instruments(x1) vce(unadjusted) nolog", "ivpoisson gmm c x1 (x2 = z1 z2)",
            "ivpoisson gmm c x1 (x2 = z1 z2), multiplicative", "ivpoisson gmm c x1 (x2 = z1 z2), additive onestep",
            "ivpoisson gmm c x1 (x2 = z1)", "ivpoisson gmm c x1 (x2 = x2)", "ivpoisson gmm c (x2 = z1 z2), exposure(ex) irr"]
GMM_AFTER = ["margins", "margins, dydx(*)", "margins, dydx(x1)", "margins, dydx(x2)", "margins, dydx(z1)", "margins, dydx(f)",
             "margins f", "margins, at(x1 = (0 1))", "margins, at(x1 = 1e300)", "margins, atmeans", "margins, over(f)",
             "margins, predict(xb)", "margins, predict(xb equation(#2))", "margins, predict(xb equation(#9))",
             "margins, predict(residuals)", "margins, predict(n)", "margins, expression(exp(predict(xb)))",
             "margins, expression(predict(xb)^2) dydx(x1)", "margins, level(0)", "margins if 0", "margins in 1",
             "margins, post", "margins, vce(unconditional)", "margins, eyex(x1)", "marginsplot", "predict nv",
             "predict nv, xb", "predict nv, residuals", "predict nv*, scores", "predict nv, equation(eq2)", "predict nv, n",
             "coefplot", "coefplot, keep(nosuch)", "coefplot, drop(*)", "coefplot, eform xline(1)", "esttab", "esttab, wide",
             "estout", "eststo g1", "outreg2 using o11, replace", "estat overid", "estat ic", "test _b[/b1] = 0",
             "test x1", "nlcom _b[/b0]/_b[/b1]", "estimates store gm", "gmm", "gmm, level(50)", "ivpoisson", "estat vce"]


def _gmm(rng):
    fit = rng.choice(GMM_FITS)
    setup = [fit] if rng.random() < 0.85 else [fit.replace("instruments(x1)", "instruments(k)")]
    return setup, rng.choice(PREFIXES) + _odd(rng, rng.choice(GMM_AFTER))


# ------------------------------------------------------------------ putexcel
PUTEXCEL_SET = ["putexcel set p11, replace", "putexcel set p11.xlsx, replace", "putexcel set p11.xls, replace",
                "putexcel set \"p 11.xlsx\", replace", "putexcel set p11, sheet(S1) replace", "putexcel set p11, modify",
                "putexcel set p11, sheet(S1, replace) modify", "putexcel set p11, open replace"]
PUTEXCEL = ["putexcel A1 = 1", "putexcel A1 = (1e300)", "putexcel A1 = (8.98e307*2)", "putexcel A1 = (.)", "putexcel A1 = (.a)",
            "putexcel A1 = (\"ñ日本\")", "putexcel A1 = (\"a\" + \"b\")", "putexcel A1 = (1/0)", "putexcel A1 = (r(mean))",
            "putexcel A1 = (e(N))", "putexcel A1 = (y)", "putexcel A1 = (y[1])", "putexcel A1 = (s[1])", "putexcel A1 = (nosuch)",
            "putexcel A0 = 1", "putexcel A1048577 = 1", "putexcel XFE1 = 1", "putexcel XFD1048576 = 1", "putexcel 1A = 1",
            "putexcel a1 = 1", "putexcel A1:B2 = 1", "putexcel A1 = ", "putexcel A1", "putexcel = 1", "putexcel A1 = (",
            "putexcel A1 = (\"unclosed)", "putexcel A1 = \"unclosed", "putexcel A1 = `\"a \"b\" c\"'", "putexcel A1 = (1) B1 = (2)",
            "putexcel A1 = (1) A1 = (2)", "putexcel A1 = matrix(A)", "putexcel A1 = matrix(A), names", "putexcel A1 = matrix(A), rownames",
            "putexcel A1 = matrix(A), colnames", "putexcel A1 = matrix(nosuch)", "putexcel A1 = matrix(E)", "putexcel A1 = matrix(H)",
            "putexcel A1 = matrix(A, names)", "putexcel XFD1 = matrix(A)", "putexcel A1048576 = matrix(A)", "putexcel A1 = matrix(e(b))",
            "putexcel A1 = matrix(r(table))", "putexcel A1 = matrix()", "putexcel A1 = matrix(A", "putexcel describe", "putexcel clear",
            "putexcel save", "putexcel close", "putexcel", "putexcel nosuch", "putexcel A1 = (1), nosuch", "putexcel A1 = (1), nformat(#.##)",
            "putexcel A1 = (1), bold", "putexcel A1 = (1) using p11b.xlsx, replace", "putexcel A1 = (1) using p11b.xlsx",
            "putexcel A1 = (1) using data.dta, replace", "putexcel A1 = (1) using dir.dta, replace", "putexcel A1 = (1) using data.dta",
            "putexcel A1 = (1) using good.csv", "putexcel A1 = (1) using keep10.txt", "putexcel A1 = (1) using nosuchdir/p.xlsx, replace",
            "putexcel A1 = (1) using \"\", replace", "putexcel A1 = (1) using p11b.xlsx, sheet(\"\") replace",
            "putexcel A1 = (1) using p11b.xlsx, sheet(\"a/b*c\") replace", "putexcel A1 = (1) using p11b.xlsx, sheet(" + "x" * 40 + ") replace",
            "putexcel A1 = (1) using p11b.xlsx, modify", "putexcel set data.dta", "putexcel set data.dta, replace",
            "putexcel set good.csv", "putexcel set dir.dta, replace", "putexcel set keep10.txt", "putexcel set \"\", replace",
            "putexcel set nosuchdir/p, replace", "putexcel set p11, sheet()", "putexcel set p11, sheet(a:b) replace",
            "putexcel set", "putexcel set p11, nosuch", "putexcel set p11 p12, replace", "putexcel set \"p11, replace"]


def _putexcel(rng):
    setup = ["matrix A = (1, 2 \\ 3, 4)", "matrix rownames A = r1 ñ", "matrix E = J(0, 0, .)" if rng.random() < 0.5 else "",
             "matrix H = (1e300, ., .a \\ -1e300, 0, 1)", "summarize y"]
    if rng.random() < 0.3:
        setup.append("regress y x1")
    if rng.random() < 0.75:
        setup.append(rng.choice(PUTEXCEL_SET))
    for _ in range(rng.randrange(0, 2)):
        setup.append(rng.choice(PUTEXCEL))
    return [s for s in setup if s], rng.choice(PREFIXES + ["by f: "]) + rng.choice(PUTEXCEL_SET + PUTEXCEL * 3)


# ------------------------------------------------------------------ eststo/esttab/estout/estadd, outreg2
TABLE_FITS = ["regress y x1", "regress y x1 i.f", "logit b x1", "probit b x1 x2", "poisson c x1", "mixed y x1 || g:",
              "regress y x1 x3", "regress y k", "rreg y x1", "reghdfe y x1, absorb(g)", "ologit o x1", "mlogit o x1",
              "xtfrontier y x1, ti", "regress huge x1", "regress y huge", "regress y x1 if 0", "gmm (y - {b0}), instruments(x1)"]
ESTTAB = ["esttab", "esttab m1 m2", "esttab m*", "esttab nosuch", "esttab m1 nosuch", "esttab _all", "esttab .", "esttab, se",
          "esttab, b(%9.2f) se(%9.3f)", "esttab, b(abc)", "esttab, b(%)", "esttab, b(%99.99f)", "esttab, ci level(0)",
          "esttab, ci level(100)", "esttab, star(* 0.1 ** 2)", "esttab, star(* abc)", "esttab, star(*)", "esttab, keep(x1)",
          "esttab, keep(nosuch)", "esttab, drop(*)", "esttab, drop(nosuch, relax)", "esttab, order(_cons x1)",
          "esttab, rename(x1 _cons)", "esttab, transform(@*1e300)", "esttab, transform(exp(@) exp(@))", "esttab, transform(\"a\")",
          "esttab, scalars(r2 nosuch)", "esttab, scalars(\"r2 R\")", "esttab, label", "esttab, coeflabels(x1 \"a \"b\" c\")",
          "esttab, mtitles(\"a\" \"b\" \"c\")", "esttab, title(`\"a \"q\"\"')", "esttab, addnotes(\"\")", "esttab, wide not",
          "esttab, main(nosuch) aux(nosuch)", "esttab, beta", "esttab, eform", "esttab, p z t", "esttab, nosuch",
          "esttab using e11.txt", "esttab using e11.txt, replace", "esttab using e11.rtf, replace", "esttab using e11.tex, replace booktabs",
          "esttab using e11.csv, replace", "esttab using e11.html, replace", "esttab using e11.txt, append", "esttab using data.dta",
          "esttab using keep10.txt", "esttab using good.csv", "esttab using dir.dta, replace", "esttab using nosuchdir/e.txt, replace",
          "esttab using \"\", replace", "esttab using e11.txt, replace fragment", "esttab using, replace", "esttab using \"e11.txt",
          "estout", "estout, cells(b se)", "estout, cells(\"b se\")", "estout, cells(b(star fmt(3)) se(par))", "estout, cells(nosuch)",
          "estout, cells(b(fmt(abc)))", "estout, cells(b(", "estout, stats(r2 N, fmt(%9.3f %9.0g))", "estout, stats(nosuch)",
          "estout using keep10.txt", "estout using e11.txt, replace style(tex)", "estout using e11.txt, style(nosuch) replace",
          "eststo", "eststo: regress y x1", "eststo m3: regress y x2", "eststo m3: nosuch", "eststo: regress y s",
          "eststo 1bad: regress y x1", "eststo clear", "eststo dir", "eststo drop m1", "eststo drop nosuch", "eststo drop 99",
          "eststo, title(\"a\") refresh", "eststo, addscalars(a 1 b)", "eststo, addscalars(a \"x\")", "eststo, prefix(1)",
          "estadd scalar a = 1", "estadd scalar a = \"x\"", "estadd scalar a = 1/0", "estadd local a \"x\"", "estadd matrix mm = A",
          "estadd matrix mm = nosuch", "estadd ysumm", "estadd beta", "estadd mean", "estadd sd", "estadd lrtest m1",
          "estadd margins, dydx(x1)", "estadd scalar a = 1: m1 m2", "estadd scalar a = 1: nosuch", "estadd nosuch",
          "estadd scalar r2 = 5", "estadd scalar r2 = 5, replace"]
OUTREG2 = ["outreg2 using o11, replace", "outreg2 using o11.txt, replace", "outreg2 using o11.xls, replace",
           "outreg2 using o11.doc, replace", "outreg2 using o11.tex, replace", "outreg2 using o11.xml, replace",
           "outreg2 using o11.docx, replace", "outreg2 using o11.txt, append", "outreg2 using o11.txt",
           "outreg2 using keep10.txt", "outreg2 using data.dta", "outreg2 using good.csv", "outreg2 using dir.dta, replace",
           "outreg2 using nosuchdir/o.txt, replace", "outreg2 using \"\", replace", "outreg2 using", "outreg2",
           "outreg2 x1 using o11, replace", "outreg2 nosuch using o11, replace", "outreg2 [m1 m2] using o11, replace",
           "outreg2 [nosuch] using o11, replace", "outreg2 [m1 using o11, replace", "outreg2 using o11, replace bdec(-1)",
           "outreg2 using o11, replace bdec(1e300)", "outreg2 using o11, replace dec(abc)", "outreg2 using o11, replace auto(0)",
           "outreg2 using o11, replace sdec(12)", "outreg2 using o11, replace addstat(R, e(r2))", "outreg2 using o11, replace addstat(R)",
           "outreg2 using o11, replace addstat(R, e(nosuch))", "outreg2 using o11, replace addstat(R, 1/0)",
           "outreg2 using o11, replace addtext(FE, YES)", "outreg2 using o11, replace addtext(FE)", "outreg2 using o11, replace adec(3)",
           "outreg2 using o11, replace alpha(0.5, 2)", "outreg2 using o11, replace alpha(0.01, 0.05, 0.1, 0.2)",
           "outreg2 using o11, replace symbol(a, b)", "outreg2 using o11, replace stats(coef tstat)", "outreg2 using o11, replace stats(nosuch)",
           "outreg2 using o11, replace sideway label", "outreg2 using o11, replace ctitle(a, b)", "outreg2 using o11, replace ctitle(ñ日本)",
           "outreg2 using o11, replace keep(nosuch)", "outreg2 using o11, replace drop(*)", "outreg2 using o11, replace nocons eform",
           "outreg2 using o11, replace word tex excel", "outreg2 using o11, replace seeout", "outreg2 using o11, replace nosuch",
           "outreg2 using o11, replace ctitle(\"unclosed)"]


def _tables(rng):
    setup = []
    for name in ("m1", "m2"):
        if rng.random() < 0.8:
            setup += [rng.choice(TABLE_FITS), f"estimates store {name}"]
    if rng.random() < 0.4:
        setup += ["eststo clear", "eststo: " + rng.choice(TABLE_FITS), "eststo: " + rng.choice(TABLE_FITS)]
    if rng.random() < 0.6:
        setup.append(rng.choice(TABLE_FITS))
    if any("xtfrontier" in s for s in setup):
        setup.insert(0, "xtset g t")
    setup.insert(0, "matrix A = (1, 2)")
    line = rng.choice(ESTTAB + OUTREG2)
    if rng.random() < 0.25:  # a table already written this session (outreg2's append, esttab's replace)
        setup.append(rng.choice(OUTREG2[:3] + ["esttab using e11.txt, replace"]))
    return setup, rng.choice(PREFIXES + ["by f: "] if rng.random() < 0.1 else PREFIXES) + line


# ------------------------------------------------------------------ xtfrontier
XTFRONTIER = ["xtfrontier y x1, ti", "xtfrontier y x1, tvd", "xtfrontier y x1 x2, ti cost", "xtfrontier y x1, tvd cost",
              "xtfrontier y, ti", "xtfrontier y x1, ti noconstant", "xtfrontier y x1 i.f, ti", "xtfrontier y x1 x3, ti",
              "xtfrontier y k, ti", "xtfrontier k x1, ti", "xtfrontier y z, ti", "xtfrontier y huge, ti", "xtfrontier huge x1, tvd",
              "xtfrontier y s, ti", "xtfrontier s x1, ti", "xtfrontier y x1", "xtfrontier y x1, ti tvd", "xtfrontier y x1, t",
              "xtfrontier y x1, tv", "xtfrontier y x1 if 0, ti", "xtfrontier y x1 in 1, ti", "xtfrontier y x1 in 1/6, tvd",
              "xtfrontier y x1 if g == 1, ti", "xtfrontier y x1 [fw=w], ti", "xtfrontier y x1 [pw=w], ti", "xtfrontier y x1, ti vce(robust)",
              "xtfrontier y x1, ti vce(oim)", "xtfrontier y x1, ti constraints(1)", "xtfrontier y x1, ti from(F)",
              "xtfrontier y x1, ti iterate(0)", "xtfrontier y x1, tvd iterate(1)", "xtfrontier y x1, ti iterate(-1)",
              "xtfrontier y x1, ti iterate(1e300)", "xtfrontier y x1, ti tolerance(0)", "xtfrontier y x1, ti ltolerance(-1)",
              "xtfrontier y x1, ti nrtolerance(1e300)", "xtfrontier y x1, ti level(0)", "xtfrontier y x1, ti level(100)",
              "xtfrontier y x1, ti level(99.99)", "xtfrontier y x1, ti cformat(%9.2f) pformat(%5.3f) sformat(%8.2f)",
              "xtfrontier y x1, ti cformat(abc)", "xtfrontier y x1, ti coeflegend", "xtfrontier y x1, ti nolog vsquish noomitted",
              "xtfrontier y x1, ti nosuch", "xtfrontier y L.x1, ti", "xtfrontier y x1, ti difficult", "xtfrontier", "xtfrontier y x1,"]
XTFRONTIER_POST = ["predict nv", "predict nv, xb", "predict nv, stdp", "predict nv, u", "predict nv, m", "predict nv, te",
                   "predict nv, nosuch", "predict nv if 0, te", "predict y, te", "margins", "margins, dydx(x1)", "margins, predict(te)",
                   "xtfrontier", "xtfrontier, level(80)", "test x1", "lincom x1 + _cons", "estat ic", "coefplot", "esttab",
                   "estimates store f1", "nlcom exp(_b[/lnsigma2])"]


def _xtfrontier(rng):
    setup = [rng.choice(["xtset g t", "xtset g t", "xtset g", "tsset tt", ""]), "constraint 1 x1 = 1", "matrix F = (1, 2, 3)"]
    if rng.random() < 0.2:
        setup.append("replace y = -y")
    line = _odd(rng, rng.choice(XTFRONTIER))
    if rng.random() < 0.3:
        return [s for s in setup if s] + [line], rng.choice(PREFIXES) + rng.choice(XTFRONTIER_POST)
    return [s for s in setup if s], rng.choice(PREFIXES + ["by f: "]) + _cond(rng, line)


# ------------------------------------------------------------------ reghdfe, greshape, rreg, ivpoisson: beyond round 10
REGHDFE = ["reghdfe y x1, absorb(g f)", "reghdfe y x1, absorb(g#f)", "reghdfe y x1, absorb(g##c.x2)", "reghdfe y x1, absorb(i.g)",
           "reghdfe y x1, absorb(g f b o)", "reghdfe y x1, noabsorb", "reghdfe y x1", "reghdfe y x1, absorb()", "reghdfe y x1, absorb(,)",
           "reghdfe y x1, absorb(g) vce(cluster g f)", "reghdfe y x1, absorb(g) vce(cluster s)", "reghdfe y x1, absorb(g) vce(robust)",
           "reghdfe y x1, absorb(g) vce(cluster z)", "reghdfe y x1, absorb(g) vce(nosuch)", "reghdfe y x1, absorb(g) vce(bootstrap)",
           "reghdfe y x1, absorb(tt)", "reghdfe y g, absorb(g)", "reghdfe y x1 x3, absorb(g)", "reghdfe y k, absorb(g)",
           "reghdfe k x1, absorb(g)", "reghdfe y x1, absorb(z)", "reghdfe y x1, absorb(m)", "reghdfe y x1, absorb(k)",
           "reghdfe y x1 [aw=w], absorb(g)", "reghdfe y x1 [pw=w], absorb(g)", "reghdfe y x1 [iw=w], absorb(g)",
           "reghdfe y x1 [fw=x1], absorb(g)", "reghdfe y x1 if 0, absorb(g)", "reghdfe y x1 in 1/2, absorb(g)",
           "reghdfe y x1, absorb(g) tolerance(0)", "reghdfe y x1, absorb(g) tolerance(-1)", "reghdfe y x1, absorb(g) maxiterations(0)",
           "reghdfe y x1, absorb(g) iterate(1)", "reghdfe y x1, absorb(g) keepsingletons", "reghdfe y x1, absorb(g) dofadjustments(none)",
           "reghdfe y x1, absorb(g) level(0)", "reghdfe y x1, absorb(g) residuals", "reghdfe y x1, absorb(g) residuals(y)",
           "reghdfe y x1, absorb(g) resid(r11)", "reghdfe y x1 i.f, absorb(g)", "reghdfe y c.x1#i.f, absorb(f)",
           "reghdfe y L.x1, absorb(g)", "reghdfe größe x1, absorb(g)", "reghdfe y x1, absorb(größe)", "reghdfe y x1, absorb(g, savefe",
           "reghdfe y (x2 = z1), absorb(g)", "reghdfe y x1, a(g)", "reghdfe y x1, abs(g)", "reghdfe y x1, ab(g)"]
REGHDFE_POST = ["predict nv", "predict nv, xb", "predict nv, d", "predict nv, xbd", "predict nv, residuals", "predict nv, stdp",
                "margins", "margins, dydx(x1)", "test x1", "esttab", "outreg2 using o11, replace", "reghdfe", "estat ic", "coefplot"]
GRESHAPE = ["greshape long x, i(tt) j(j)", "greshape long x, by(tt) keys(j) nochecks", "greshape long x, by(tt) keys(j) xi(drop)",
            "greshape long x, by(tt) keys(j) xi(nosuch)", "greshape long x, by(tt) keys(j) dropmiss", "greshape long x, by(tt) keys(j) fast",
            "greshape long x@, by(tt) keys(j)", "greshape long x, by(tt) keys(j) match(num)", "greshape long x, by(tt) keys(j) match(str)",
            "greshape long x, by(tt) keys(j) match(regex)", "greshape long x, by(tt) keys(j) match(\"(\")", "greshape long x, by(s) keys(j)",
            "greshape wide y, by(g) keys(t) cols(_)", "greshape wide y, i(g) j(t)", "greshape wide y, by(g) keys(t) labelformat(#keyvalue#)",
            "greshape wide y s, by(g) keys(t)", "greshape wide y, by(g t) keys(f)", "greshape wide y, by(g) keys(t f)",
            "greshape wide y, by(g) keys(x1)", "greshape wide y, by(g) keys(m)", "greshape wide y, by(g) keys(z)",
            "greshape gather x1 x2, keys(k1) values(v1)", "greshape gather x1 x2, values(y)", "greshape gather, keys(k1)",
            "greshape spread y, keys(f)", "greshape spread y x1, keys(f)", "greshape spread y, keys(s)", "greshape nosuch y, keys(t)",
            "greshape long größe, by(tt) keys(j)", "greshape long x, by(tt) keys(j) if b", "greshape long x in 1, by(tt) keys(j)"]
RREG = ["rreg y x1, genwt(größe)", "rreg y x1 x2, tune(4.685) iterate(100) tolerance(1e-300)", "rreg y x1 if _n <= 3",
        "rreg y b", "rreg b x1", "rreg y x1, genwt(nv) genwt(nv2)", "rreg y x1, g", "rreg y x1, gen(w9)", "rreg y x1 x1",
        "rreg y c.x1##c.x1", "rreg y x1, nosuch", "rreg y x1 [fw=w]", "rreg y x1 [pw=w]"]


def _hdfe(rng):
    setup = ["generate größe = y"]
    word = rng.choice(["reghdfe", "reghdfe", "greshape", "rreg"])
    if word == "reghdfe":
        line = _odd(rng, rng.choice(REGHDFE))
        if rng.random() < 0.3:
            return setup + ["tsset tt", line], rng.choice(PREFIXES) + rng.choice(REGHDFE_POST)
        return setup + (["tsset tt"] if "L." in line else []), rng.choice(PREFIXES) + _cond(rng, line)
    if word == "greshape":
        line = rng.choice(GRESHAPE)
        if " long " in line:
            setup += ["rename x1 x1a", "rename x2 x2b", "generate x1 = y", "generate x2 = y"]
        return setup, rng.choice(PREFIXES) + _odd(rng, line)
    return setup, rng.choice(PREFIXES) + _cond(rng, _odd(rng, rng.choice(RREG)))


# ------------------------------------------------------------------ #delimit ;
DELIMIT = [
    "#delimit ;\nregress y\n  x1 x2 ;\n#delimit cr",
    "#delimit ;\nregress y x1\n#delimit cr",
    "#delimit ;\nlocal a \"x;y\" ;\ndisplay \"`a'\" ;\n#delimit cr",
    "#delimit ;\n/* a ; comment */ display 1 ;\n#delimit cr",
    "#delimit ;\ndisplay 1 ; display 2 ;;\n#delimit cr",
    "#delimit ;\n;;;\n#delimit cr",
    "#delimit ;\nforeach v of varlist y x1 { ;\n  summarize `v' ;\n} ;\n#delimit cr",
    "#delimit ;\nprogram define p11 ;\n  display \"in p11\" ;\nend ;\n#delimit cr\np11",
    "#delimit ;\ngenerate nv = 1 // a comment ;\n;\n#delimit cr",
    "#delimit ;\ngenerate nv = \"a;b\" ;\n#delimit cr",
    "#delimit ;\ngenerate nv = 1\n#delimit cr",
    "#delimit ;\ngmm (y - {b0} - {b1}*x1) ,\n  instruments(x1) nolog ;\n#delimit cr",
    "#delimit ;\nml model lf myprobit (b = x1)\n  , maximize nolog ;\n#delimit cr",
    "#delimit ;\nputexcel set p11, replace ;\nputexcel A1 = (1)\n  B1 = (2) ;\n#delimit cr",
    "#delimit ;\nesttab , se\n  ;\n#delimit cr",
    "#delimit ;\nmatrix A = (1, 2 \\\n  3, 4) ;\nmatrix list A ;\n#delimit cr",
    "#delimit ;\nlabel define l11 1 \"a;b\" 2 `\"c \"d\" ;\"' ;\n#delimit cr",
    "#delimit ;\nif 1 { ; display 1 ; } ; else { ; display 2 ; } ;\n#delimit cr",
    "#delimit ;\nreplace y = . ;\nerror 198 ;\n#delimit cr",
    "#delimit ;", "#delimit", "#delimit cr", "#delimit nosuch", "#delimit ; cr", "#delimit ;\nregress y x1 ; #delimit cr",
    "#delim ;\ndisplay 1 ;\n#delim cr", "#d ;\ndisplay 1 ;\n#d cr", "# delimit ;\ndisplay 1 ;\n# delimit cr",
    "#delimit ;\ndisplay \"unclosed ;\n#delimit cr", "#delimit ;\ndisplay (1 ;\n#delimit cr",
    "#delimit ;\n*  star comment ; display 3 ;\n#delimit cr", "#delimit ;\n///\ndisplay 4 ;\n#delimit cr",
]


def _delimit(rng):
    setup = [ML_PROGRAMS] if rng.random() < 0.5 else []
    return setup, rng.choice(DELIMIT)


# ------------------------------------------------------------------ macros and loops with odd quoting
MACROS = [
    "local a `\"a \"b\" c\"'\ndisplay `\"`a'\"'", "local a `\"a \"b\" c\"\ndisplay 1", "local a \"unclosed\ndisplay \"`a'\"",
    "local a `\"\"'\ndisplay \"[`a']\"", "local a \"`\"\ndisplay 1", "local a \"'\"\ndisplay \"`a'\"", "local a `b'`c'\ndisplay \"[`a']\"",
    "local `\"a\"' 1", "local 1bad 1", "local a = 1/0\ndisplay `a'", "local a = \"x\" * 3\ndisplay \"`a'\"",
    "local a = \"x\" * 1e10", "local a = \"x\" * -1\ndisplay \"[`a']\"", "local a : display %20.0g 1e300\ndisplay \"`a'\"",
    "local a = 8.98e307 * 2\ndisplay \"`a'\"", "local ñ = 1\ndisplay `ñ'", "local a \"`=1/0'\"\ndisplay \"`a'\"", "local a `=nosuch'",
    "local a `=\"x\"+1'", "local a `:word 1e300 of a b'", "local a `:word count `\"a \"b c\" d\"''\ndisplay `a'",
    "global A `\"$\"'\ndisplay `\"$A\"'", "global 1 x", "global A $nosuch\ndisplay \"[$A]\"", "global A ${B\ndisplay 1",
    "display \"`nosuch'\"", "display `\"a\"' `\"b\"", "display \"a\" \"b", "display `\"`\"'", "display \"\\`\"", "display \"$\"",
    "display \"${\"", "display \"`=1+'\"", "display \"`'\"", "display `", "display '", "display \"``a''\"", "display \"`a`b''\"",
    "foreach v in a \"b c\" `\"d \"e\"\"' {\n  display `\"`v'\"'\n}", "foreach v of varlist y nosuch {\n  display \"`v'\"\n}",
    "foreach v of varlist {\n  display \"`v'\"\n}", "foreach v of numlist 1/3 1e300 {\n  display `v'\n}",
    "foreach v of numlist 1(0)3 {\n  display `v'\n}", "foreach v of numlist abc {\n  display `v'\n}",
    "foreach v of local nosuch {\n  display \"x\"\n}", "foreach v of global nosuch {\n  display \"x\"\n}",
    "foreach v of newlist a b 1c {\n  display \"`v'\"\n}", "foreach v in {\n  display 1\n}", "foreach in a {\n display 1\n}",
    "foreach v a b {\n display 1\n}", "foreach v in a b {\n display 1", "foreach v in a b\n display 1\n}",
    "forvalues i = 1/3 {\n  display `i'\n}", "forvalues i = 1(0)3 {\n  display `i'\n}", "forvalues i = 3/1 {\n  display `i'\n}",
    "forvalues i = 1(-1)3 {\n  display `i'\n}", "forvalues i = 1(0.1)1.3 {\n  display `i'\n}", "forvalues i = a/b {\n display 1\n}",
    "forvalues i = 1/. {\n display 1\n}", "forvalues i = 1e300/1e300 {\n display `i'\n}", "forvalues i = 1(1e300)3 {\n display `i'\n}",
    "forvalues i = 1 3 5 {\n display 1\n}", "forvalues i = 1/3 {\n  if `i' == 2 continue, break\n  display `i'\n}",
    "forvalues i = 1/3 {\n  replace y = `i' in `i'\n  if `i' == 2 error 198\n}",
    "local i 0\nwhile `i' < 3 {\n  local ++i\n  display `i'\n}", "while {\n display 1\n}", "while \"a\" {\n display 1\n}",
    "local i 0\nwhile `i' < 3 {\n  local i = `i' + 1\n  if `i' == 2 continue\n  display `i'\n}",
    "local i 0\nwhile `i' < 3 {\n  local ++i\n  if `i' == 2 exit 459\n}", "while 1 {\n  continue, break\n}",
    "if \"a\" {\n display 1\n}", "if {\n display 1\n}", "if 1 display 1\nelse display 2", "else display 2",
    "if (1 {\n display 1\n}", "capture {\n  replace y = 1\n  error 7\n}", "capture noisily {\n  display \"`=1/0'\"\n  error 1\n}",
    "tempname a\nscalar `a' = 1\ndisplay `a'", "tempvar v\ngenerate `v' = 1\ndisplay \"`v'\"", "tempfile f\nsave `f'\nuse `f', clear",
    "tempvar\ndisplay 1", "tempname 1bad", "macro shift", "macro drop _all", "macro drop nosuch", "macro list nosuch",
    "local a : list uniq b\ndisplay \"`a'\"", "local a : list a | b c", "local a : list posof \"x\" in nosuch", "local a : list sizeof a",
    "local a : list retokenize a", "local a : list clean `\"x  \"y\"\"'", "local a : list sort nosuch", "local a : list nosuch a",
    "local a : subinstr local nosuch \"a\" \"b\", all", "local a : subinstr global G \"`\" \"'\", all", "local a : strlen local q",
    "local a : ustrlen local q", "local a : udstrlen local q", "local a : piece 1 3 of \"ñ日本語\"", "local a : di %s \"ñ\"",
]


def _macros(rng):
    setup = ['local b "x y x"', 'local q `"a "b" c"\'', "global G y", 'local c "ñ日本"']
    prefix = rng.choice(["capture ", "capture noisily ", "quietly "]) if rng.random() < 0.15 else ""
    return setup, prefix + rng.choice(MACROS)


# ------------------------------------------------------------------ matrices
MATRIX = ["matrix C = inv(S)", "matrix C = invsym(S)", "matrix C = syminv(S)", "matrix C = cholesky(S)", "matrix C = cholesky(N)",
          "matrix C = inv(N)", "matrix C = A * A", "matrix C = A * B", "matrix C = A + B", "matrix C = A'", "matrix C = A # B",
          "matrix C = A \\ B", "matrix C = A , B", "matrix C = (A, A \\ A)", "matrix C = H * H'", "matrix C = H'", "matrix C = inv(H)",
          "matrix C = 1e300 * H", "matrix C = H / 0", "matrix C = A / 0", "matrix C = A / .", "matrix C = J(1e10, 1e10, 0)",
          "matrix C = J(-1, 2, 0)", "matrix C = J(0, 2, 0)", "matrix C = J(2, 2, \"a\")", "matrix C = J(2, 2, .)", "matrix C = I(0)",
          "matrix C = I(-1)", "matrix C = I(1e300)", "matrix C = I(2.5)", "matrix C = diag(A)", "matrix C = diag(R)", "matrix C = vecdiag(A)",
          "matrix C = vecdiag(R)", "matrix C = vec(A)", "matrix C = hadamard(A, B)", "matrix C = hadamard(A, R)", "matrix C = trace(A)",
          "scalar t = trace(R)", "scalar t = det(A)", "scalar t = det(S)", "scalar t = det(R)", "scalar t = det(H)", "scalar t = el(A, 3, 3)",
          "scalar t = el(A, 0, 1)", "scalar t = el(A, -1, 1)", "scalar t = el(nosuch, 1, 1)", "scalar t = A[1, 1]", "display A[1, 1]",
          "display A[0, 1]", "display A[1e300, 1]", "display A[., 1]", "display A[\"r1\", \"c1\"]", "display A[\"nosuch\", 1]",
          "display rowsof(A) colsof(E)", "display issymmetric(S) matmissing(H) mreldif(A, B)", "display mreldif(A, R)",
          "matrix A[1, 1] = 5", "matrix A[3, 3] = 5", "matrix A[0, 1] = 5", "matrix A[1, 1] = \"a\"", "matrix A[1, 1] = .",
          "matrix A[1, 1] = (1, 2)", "matrix rownames A = a b", "matrix rownames A = a", "matrix rownames A = a b c",
          "matrix colnames A = ñ 日本", "matrix colnames A = 1bad 2bad", "matrix colnames A = eq:a eq:b", "matrix colnames A = a:",
          "matrix coleq A = e1 e2", "matrix rownames A = \"a b\" c", "matrix input C = (1 2 \\ 3 4)", "matrix input C = (1 2 \\ 3)",
          "matrix input C = (a b)", "matrix C = (1, 2 \\ 3)", "matrix C = (1, 2", "matrix C = (1, , 2)", "matrix C = ()",
          "matrix C = (\"a\", 1)", "matrix C = (1e400)", "matrix C = (8.98e307 * 2)", "matrix C = (.a, .z, ._)", "matrix define C",
          "matrix C", "matrix", "matrix nosuch", "matrix list A, format(%9.2f)", "matrix list A, format(abc)", "matrix list nosuch",
          "matrix list E", "matrix list H, nohalf", "matrix list R, title(\"a\") noblank", "matrix drop A", "matrix drop nosuch",
          "matrix drop _all", "matrix dir", "matrix rename A Z", "matrix rename A 1bad", "matrix rename nosuch Z",
          "matrix accum C = x1 x2", "matrix accum C = x1 s", "matrix accum C = z", "matrix accum C = x1 if 0", "matrix accum C = huge x1",
          "matrix accum C = x1 x2, deviations", "matrix accum C = x1 i.f", "matrix glsaccum C = x1, group(g) glsmat(W) row(t)",
          "matrix vecaccum C = y x1 x2", "matrix vecaccum C = s x1", "matrix opaccum C = x1, group(g) opvar(y)",
          "matrix C = corr(S)", "matrix C = corr(N)", "matrix C = corr(A)", "matrix C = nullmat(C), 1", "matrix C = nullmat(A) \\ (1, 2, 3)",
          "matrix symeigen V L = S", "matrix symeigen V L = A", "matrix symeigen V L = H", "matrix symeigen V L = R",
          "matrix eigenvalues re im = A", "matrix eigenvalues re im = H", "matrix svd U W V = A", "matrix svd U W V = H",
          "matrix svd U W V = R", "matrix score nv = B", "matrix score nv = A", "matrix score nv = nosuch", "matrix score y = B",
          "matrix score nv = B if 0", "matrix score nv = B, equation(nosuch)", "matrix score nv = B, replace",
          "svmat A", "svmat A, names(col)", "svmat A, names(eqcol)", "svmat A, names(matcol)", "svmat A, names(y)", "svmat E",
          "svmat H", "svmat nosuch", "svmat A, names(1bad)", "mkmat x1 x2, matrix(C)", "mkmat x1 s, matrix(C)", "mkmat z",
          "mkmat x1 if 0, matrix(C)", "mkmat x1, matrix(C) rownames(s)", "mkmat x1, matrix(C) rownames(sid)", "mkmat x1, nomissing matrix(C)",
          "matrix C = e(b)", "matrix C = e(V)", "matrix C = r(table)", "matrix C = e(nosuch)", "matrix C = get(_b)", "matrix C = get(VCE)",
          "matrix C = get(nosuch)", "ereturn post A", "ereturn post B S", "ereturn post B R", "ereturn post B, esample(b)",
          "ereturn post B N", "ereturn repost b = B", "matrix C = A[1..2, 1]", "matrix C = A[2..1, 1]", "matrix C = A[1..5, 1]",
          "matrix C = A[\"r1\", .]", "matrix C = A[0..1, 1]", "matrix C = A[1, 1..]", "matrix C = A[1..., 1]"]


def _matrix(rng):
    setup = ["matrix A = (1, 2 \\ 3, 4)", "matrix rownames A = r1 r2", "matrix colnames A = c1 c2", "matrix B = (1, 1 \\ 0, 1)",
             "matrix S = (2, 1 \\ 1, 2)", "matrix N = (1, 2 \\ 2, 1)", "matrix R = (1, 2, 3)", "matrix E = J(0, 0, .)" if rng.random() < 0.3 else "",
             "matrix H = (1e300, . \\ -1e300, .a)", "matrix W = I(8)"]
    if rng.random() < 0.3:
        setup.append(rng.choice(["regress y x1", "logit b x1", "summarize y"]))
    if rng.random() < 0.3:
        setup.append("matrix colnames B = x1 _cons")
    line = rng.choice(MATRIX)
    return [s for s in setup if s], rng.choice(PREFIXES) + (_cond(rng, line) if line.startswith(("matrix accum", "mkmat")) else line)


# ------------------------------------------------------------------ string functions on bytes and Unicode
STR_EXPR = ["substr(s, 0, 1)", "substr(s, -1, .)", "substr(s, 1e300, 1)", "substr(s, 1, -1)", "substr(s, ., .)", "substr(\"ñ\", 2, 1)",
            "usubstr(\"ñ日本\", 2, 1)", "usubstr(\"ñ\", 0, 5)", "usubstr(s, -1e300, 1e300)", "bsubstr(\"ñ\", 2, 1)", "udsubstr(\"日本語\", 2, 2)",
            "strlen(\"ñ日本\")", "ustrlen(\"ñ日本\")", "udstrlen(\"ñ日本\")", "strlen(s)", "ustrlen(char(255))", "ustrinvalidcnt(char(255))",
            "ustrfix(char(200) + \"a\")", "ustrfix(char(200), \"?\")", "char(0)", "char(-1)", "char(256)", "char(.)", "char(1e300)",
            "uchar(-1)", "uchar(1114112)", "uchar(55296)", "uchar(.)", "uchar(233)", "ascii(\"\")", "uchar(0)",
            "strpos(\"ñab\", \"a\")", "ustrpos(\"ñab\", \"a\")", "strpos(\"\", \"\")", "strpos(s, \"\")", "strrpos(\"aa\", \"\")",
            "ustrrpos(\"ñañ\", \"ñ\")", "subinstr(\"aaa\", \"\", \"b\", .)", "subinstr(\"aaa\", \"a\", \"bb\", -1)", "subinstr(s, \"a\", \"b\", 1e300)",
            "subinstr(\"ñ\", char(195), \"x\", .)", "usubinstr(\"ñ\", \"ñ\", \"n\", .)", "usubinstr(\"ñ\", \"\", \"n\", 1)",
            "subinword(\"a b a\", \"a\", \"c\", .)", "strupper(\"ñ\")", "ustrupper(\"ñß\")", "ustrlower(\"ÑSS\", \"tr\")", "ustrtitle(\"ñu ñu\")",
            "ustrupper(\"a\", \"nosuch\")", "strreverse(\"ñ\")", "ustrreverse(\"ñ日\")", "strtrim(\"  a  \")", "ustrtrim(uchar(160) + \"a\")",
            "stritrim(\"a   b\")", "strdup(\"ab\", 3)", "\"ab\" * 1e300", "\"ab\" * -1", "\"ab\" * .", "\"ab\" * 2.5", "\"a\" + 1", "1 + \"a\"",
            "\"a\" - \"b\"", "\"a\" < 1", "real(\"1e400\")", "real(\"abc\")", "real(\"\")", "real(\" 1 \")", "real(\"1,5\")", "real(\"0x1p3\")",
            "real(\"ñ\")", "string(1e300)", "string(8.98e307 * 2)", "string(., \"%9.2f\")", "string(1.5, \"abc\")", "string(1.5, \"%s\")",
            "string(1.5, \"%99.99f\")", "string(\"a\")", "strofreal(1e-300, \"%20.0g\")", "abbrev(\"abcdefghij\", 3)", "abbrev(\"ñññññ\", 2)",
            "abbrev(\"a\", -1)", "abbrev(\"abc\", 1e300)", "strtoname(\"1 ñ a\")", "strtoname(\"\")", "ustrtoname(\"1 ñ a\")",
            "strtoname(\"" + "a" * 40 + "\", 0)", "word(\"a b\", 0)", "word(\"a b\", -1)", "word(\"a b\", 1e300)", "wordcount(`\"a \"b c\" d\"')",
            "ustrword(\"ñ日本語 a\", 1)", "ustrword(\"a b\", -1)", "ustrwordcount(\"ñ日本語\")", "regexm(\"a\", \"(\")", "regexm(\"a\", \"[\")",
            "regexm(\"a\", \"*\")", "regexr(\"abc\", \"b\", \"\\\\\")", "regexs(0)", "regexs(-1)", "regexs(99)", "ustrregexm(\"ñ\", \"(\")",
            "ustrregexm(\"ñ\", \"\\p{L}\")", "ustrregexra(\"ñañ\", \"ñ\", \"n\")", "ustrregexs(5)", "regexm(s, \"" + "(a*)*" * 5 + "b\")",
            "tobytes(\"ñ\")", "tobytes(\"ñ\", 1)", "ustrunescape(\"\\u00f1\")", "ustrunescape(\"\\u\")", "ustrto(\"ñ\", \"ascii\", 1)",
            "ustrto(\"ñ\", \"nosuch\", 1)", "ustrfrom(char(241), \"latin1\", 1)", "ustrcompare(\"a\", \"ñ\")", "ustrcompare(\"a\", \"b\", \"nosuch\")",
            "ustrsortkey(\"ñ\")", "ustrnormalize(\"ñ\", \"nfd\")", "ustrnormalize(\"ñ\", \"bad\")", "plural(2, \"ox\", \"+en\")", "plural(1e300, \"a\")",
            "soundex(\"ñ\")", "soundex_nara(\"\")", "indexnot(\"ab\", \"\")", "strmatch(\"ñ\", \"?\")", "strmatch(\"a\", \"[\")",
            "strproper(\"ñu\")", "ustrleft(\"ñ日\", 1)", "ustrright(\"ñ日\", -1)", "ustrltrim(\"\")", "collatorlocale(\"nosuch\", 0)",
            "hash1(\"ñ\")", "fileexists(\"\")", "fileread(\"nosuch\")", "fileread(\"keep10.txt\")", "filereaderror(\"nosuch\")",
            "filewrite(\"keep10.txt\", \"x\")", "filewrite(\"f11.txt\", \"x\", 1)", "filewrite(\"keep10.txt\", \"x\", 2)",
            "filewrite(\"data.dta\", \"x\")", "strlen(\"" + "ñ" * 1100 + "\")", "strlen(strdup(\"x\", 2000001))",
            "`\"a\"b\"' + \"c\"", "\"unclosed", "substr(\"a\", 1, 1", "substr(\"a\",, 1)", "substr()", "nosuchfn(\"a\")"]
STR_CMDS = ["display {e}", "generate nv = {e}", "generate str1 nv = {e}", "generate strL nv = {e}", "replace s = {e}",
            "replace y = {e}", "replace s = {e} in 1", "local a = {e}\ndisplay `\"`a'\"'", "scalar a = {e}\ndisplay a",
            "assert {e} != \"\"", "count if {e} == \"\"", "list s if {e} == \"a\"", "egen nv = concat(s y), punct({e})",
            "summarize y if strlen(s) > {e}", "tabulate s if {e} != \"\"", "generate nv = s + {e}", "generate nv = y + {e}"]


def _strings(rng):
    setup = ['replace s = "ñ日本語" in 1', 'replace s = char(200) + "x" in 2' if rng.random() < 0.5 else "",
             'replace s = "" in 3', "rename x2 größe" if rng.random() < 0.2 else ""]
    line = rng.choice(STR_CMDS).replace("{e}", rng.choice(STR_EXPR))
    return [s for s in setup if s], rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ Unicode names in the newer commands
UNI = ["gmm (größe - {b0} - {b1}*ñ), instruments(ñ) nolog", "gmm (größe - {ñ0}), instruments(ñ)", "gmm (größe - {xb: ñ _cons}), instruments(ñ)",
       "reghdfe größe ñ, absorb(g)", "reghdfe größe ñ, absorb(fé=g)", "rreg größe ñ", "rreg größe ñ, genwt(wé)",
       "ivpoisson gmm c ñ (x2 = z1 z2)", "xtfrontier größe ñ, ti", "esttab", "estout", "outreg2 using ü11, replace", "outreg2 using ü11.xls, replace",
       "putexcel set ü11, replace", "putexcel A1 = matrix(e(b)), names", "esttab using ü11.txt, replace label", "coefplot", "margins, dydx(ñ)",
       "margins, at(ñ = (0 1))", "predict prédiction", "ml model lf myprobit (b = ñ), maximize nolog",
       "ml model lf myprobit (größe: b = ñ), maximize nolog", "greshape long größe, by(tt) keys(j)", "greshape wide größe, by(g) keys(t)",
       "matrix C = e(b)\nmatrix list C", "mkmat ñ größe in 1/3, matrix(Ñ)", "svmat A, names(ñ)", "eststo é1: regress größe ñ",
       "estadd scalar ñ = 1", "estimates store ñé", "estimates restore ñé", "esttab, label",
       "foreach v of varlist größe ñ {\n  summarize `v'\n}", "local ñ größe\nsummarize `ñ'", "gmm (y - {b0}), instruments(x1) from(ñ 1)"]


def _unicode(rng):
    setup = ["rename y größe", "generate ñ = x1", "label variable ñ \"ñ ñ\"", "matrix A = (1, 2)", "xtset g t"]
    if rng.random() < 0.6:
        setup.append(rng.choice(["regress größe ñ", "gmm (größe - {b0} - {b1}*ñ), instruments(ñ) nolog", "reghdfe größe ñ, absorb(g)"]))
    if rng.random() < 0.2:
        setup.append(ML_PROGRAMS)
    line = rng.choice(UNI)
    if "myprobit" in line and ML_PROGRAMS not in setup:
        setup.append(ML_PROGRAMS)
    return setup, rng.choice(PREFIXES) + line


FAMILIES = {"ml": (_ml, 6), "gmm": (_gmm, 4), "putexcel": (_putexcel, 4), "tables": (_tables, 5), "xtfrontier": (_xtfrontier, 3),
            "hdfe": (_hdfe, 3), "delimit": (_delimit, 2), "macro": (_macros, 4), "matrix": (_matrix, 4), "strings": (_strings, 4),
            "unicode": (_unicode, 2)}
ROUND11_SHAPES = {"full": 10, "one": 3, "empty": 2, "holes": 2, "strings": 1, "allmiss": 2, "extmiss": 1,
                  "magnitudes": 1, "huge": 1, "longnames": 1, "dates": 1}


def round11_cases(seed: int, count: int, only: set[str] | None = None) -> list[Case]:
    """``count`` cases, each from one family (weights above), deterministic for the seed; every
    setup starts with round 10's BASE variables and writes keep10.txt (watched with data.dta and good.csv)."""
    cases = family_cases("round11", FAMILIES, ROUND11_SHAPES, seed, count, only)
    keep = ('file open fh using keep10.txt, write replace', 'file write fh "a" _tab "b" _n "1" _tab "2" _n', "file close fh")
    return [Case(c.command, c.shape, BASE + keep + tuple(c.setup), c.line) for c in cases]


def run_case_watching_files(case, folder):
    """Round 10's check that no line without ``replace`` writes over a watched file, less the files
    the case's own setup names (``putexcel ... using data.dta, replace`` in a setup changes
    data.dta before the line runs: not the line's doing)."""
    rc, findings, printed = r10.run_case_watching_files(case, folder)
    named = " ".join(case.setup[len(BASE) + 3:])
    kept = [f for f in findings if not (f.kind == "data-changed" and "file written over" in f.detail
                                        and all(name in named for name in r10.WATCHED if name in f.detail))]
    if rc == 0 and re.search(r"filewrite\([^)]*,[^)]*,\s*[12]\s*\)", case.line):  # filewrite(f, s, 1|2): the
        # replace or append the line asked for (a failing line that wrote is still a finding)
        kept = [f for f in kept if "file written over" not in f.detail]
    if "\n" in case.line:  # a block (loop, capture { }, #delimit ;): its commands are the units, so a
        # replace that ran before a later error stays, as in Stata; the check is per command there
        kept = [f for f in kept if not (f.kind == "data-changed" and "file written over" not in f.detail)]
    return rc, kept, printed


def main(argv=None) -> int:
    fc.run_case = run_case_watching_files
    return run_main(__doc__.split("\n\n")[0], round11_cases, argv)


if __name__ == "__main__":
    sys.exit(main())

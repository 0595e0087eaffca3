"""Round 8 of the command fuzz (docs/command_fuzz.md): hostile lines for the commands and options
added in the sessions of 2026-12-05/06 -- mfp (both syntaxes) and fp/fracpoly replay, vec/
vecrank/svar/irf graph/fcast graph, Stata 17's ``table (rows) (cols), statistic()`` and
``collect``, esttab/estout's refcat/mgroups/prehead/posthead/cells() par and vacant/begin/
delimiter/end, xthybrid, tssmooth nl/shwinters, tsfilter bw, pwmean/pwcompare mcompare(snk|
duncan|dunnett), margins after mlogit/mprobit/slogit/rologit/var/nl/arima and after svy, the me
commands' startvalues()/startgrid()/from(), meqr's refineopts(), constraints() on logit ...
tobit, and replace with L. (sequential).  Odd and missing values, empty samples, one
observation, collinear and constant regressors, 1e300, strings where numbers go, unknown and
misspelled options; run through tests/fuzz_commands.py's checks (``run_all``).

    python3 tests/fuzz_round8_commands.py [--seed 1] [--count 400] [--only mfp,var] [--show] [-v]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_lines import Case  # noqa: E402,F401
from fuzz_new_commands import family_cases, run_main  # noqa: E402

ODD = ["", "-1", "0", "1e300", "-1e300", "abc", "x1", ".", "(", "2147483648", "1 2", "s", "nosuch", "3.5", "z",
       "1e-300", ".a", '"a"', "1,2"]
CONDS = ["", "", "", "", " if 0", " in 1", " in 1/2", " if x1 > 0", " in 1/3", " if b", " in 41", " if m < .",
         " if y > 1e300", " if z < .", " in 1/12", ' if s == "a"']
PREFIXES = ["", "", "", "", "", "quietly ", "capture noisily ", "capture "]
BASE = ("generate zero = 0", "generate double huge = 1e300 * x1", "generate tt = _n", "generate x3 = 2 * x1",
        "generate xs = string(x1)", "generate pos = t2 + 1", "generate rk = mod(_n, 4) + 1")
TS = ("tsset tt",)


def _opt(rng, options, most=3):
    """0 to ``most`` options, an argument sometimes replaced by an odd one, sometimes an unknown option."""
    out = []
    for _ in range(rng.randrange(most + 1)):
        text = rng.choice(options)
        if "(" in text and rng.random() < 0.25:
            text = text[:text.index("(")] + f"({rng.choice(ODD)})"
        out.append(text)
    if rng.random() < 0.05:
        out.append(rng.choice(["nosuch", "nosuch(1)", "level(", ",", "cformat(%9.3f) cformat(abc)"]))
    return (", " + " ".join(out)) if out else ""


def _cond(rng, line):
    """``line`` with an if/in before its comma (sometimes)."""
    cmd, comma, options = line.partition(",")
    if rng.random() < 0.35:
        return cmd + rng.choice(CONDS) + comma + options
    return line


# ------------------------------------------------------------------ mfp, fp, fracpoly
MFP_FITS = ["regress y x1 x2", "regress y x1 t2", "logit b x1 t2", "logistic b x1 x2", "probit b t2 x1",
            "poisson c x1 t2", "glm c x1 t2, family(poisson)", "regress y x1 x1", "regress y x1 x3", "regress y k x1",
            "regress y (x1 x2) t2", "regress y (x1 x2", "regress y s x1", "regress y xs", "regress y huge x1",
            "regress y z", "regress y m x1", "regress y i.f x1", "regress y L.x1", "logit y x1", "logit b k",
            "clogit b x1, group(g)", "nbreg c x1", "regress y x1 [fw=w]", "regress y x1, noconstant",
            "regress y zero x1", "regress y t2 pos", "regress", "regress y", "stcox x1 t", "regress y o"]
MFP_OPTS = ["cycles(1)", "cycles(0)", "cycles(-1)", "dfdefault(2)", "dfdefault(0)", "df(1)", "df(2)", "df(4)",
            "df(x1:2, t2:4)", "df(x1:3)", "df(nosuch:2)", "alpha(0.5)", "alpha(1)", "alpha(-1)", "alpha(x1:0.1)",
            "select(0.05)", "select(0)", "select(-1)", "select(x1:0.5)", "powers(1 2)", "powers(-2 -1 0)",
            "powers()", "powers(abc)", "sequential", "xorder(-)", "xorder(n)", "xorder(r)", "xorder(q)",
            "xpowers(x1:0 1)", "xpowers(t2:-2 3, x1:1)", "xpowers(nosuch:1)", "noscaling", "zero(x1)",
            "catzero(x1)", "zero(nosuch)", "all", "center(mean)", "center(no)", "center(x1:0)", "adjust(no)",
            "level(90)", "level(0)", "addpowers(4)", "aic", "fp01", "dead(x1)", "noconstant"]
FP_LINES = ["fp <x1>: regress y <x1>", "fp <t2>: regress y <t2> x1", "fp <t2>, scale: logit b <t2>",
            "fp <x1>, scale center: regress y <x1>", "fp <t2>, dimension(1): regress y <t2>",
            "fp <t2>, dimension(0): regress y <t2>", "fp <t2>, dimension(5): regress y <t2>",
            "fp <t2>, fp(1 2): regress y <t2>", "fp <t2>, fp(): regress y <t2>", "fp <t2>, powers(0 1): regress y <t2>",
            "fp <t2>, scale(1 10): poisson c <t2>", "fp <t2>, scale(-1 0): regress y <t2>",
            "fp <k>: regress y <k>", "fp <z>: regress y <z>", "fp <s>: regress y <s>", "fp <t2>: regress y x1",
            "fp <t2>: mixed y <t2> || g:", "fp <t2>, replace: regress y <t2>", "fp <t2>: regress y <t2> [fw=w]",
            "fp <t2>, center(1e300): regress y <t2>", "fp <huge>, scale: regress y <huge>",
            "fp <t2>, nocompare: glm y <t2>", "fp <t2>: regress y <t2>, vce(robust)", "fp <t2>: regress y <t2>,"]
FP_REPLAY = ["fp", "fp, nocompare", "fp, level(90)", "fp, nosuch", "fracpoly", "fracpoly, level(90)",
             "fracpoly, compare", "fracpred nv", "fracpred nv, for(x1)", "fracpred nv, for(t2) stdp",
             "fracpred nv, for(nosuch)", "fp predict nv", "fp predict nv, stdp", "fp predict y", "mfp", "mfp, level(80)",
             "mfp, level(abc)", "fp plot, residuals(none)", "fp plot, residuals(nosuch)", "predict nv", "estat ic",
             "fracplot", "test x1", "margins"]
FRACPOLY = ["fracpoly regress y t2", "fracpoly regress y t2 x1", "fracpoly logit b t2, degree(1)",
            "fracpoly regress y t2, degree(0)", "fracpoly regress y x1", "fracpoly regress y k",
            "fracpoly, compare: regress y t2", "fracpoly: regress y t2 -1 2", "fracpoly: regress y t2 0 0, noscaling"]


def _mfp(rng):
    fit = rng.choice(MFP_FITS)
    opts = _opt(rng, MFP_OPTS, 3)
    if rng.random() < 0.5:
        line = f"mfp{opts}: {_cond(rng, fit)}"
    else:
        cmd, comma, rest = fit.partition(",")
        line = f"mfp {_cond(rng, cmd)}{opts}" + ((" " if opts else ", ") + rest.strip() if comma else "")
    setup = ["stset t2, failure(b)"] if "stcox" in fit else []
    if rng.random() < 0.4:
        return setup + [line.replace("capture ", "")], rng.choice(FP_REPLAY)
    return setup, rng.choice(PREFIXES) + line


def _fp(rng):
    line = rng.choice(FP_LINES + FRACPOLY)
    if rng.random() < 0.4:
        return ["fp <t2>: regress y <t2> x1" if rng.random() < 0.6 else rng.choice(FRACPOLY)], rng.choice(FP_REPLAY)
    if rng.random() < 0.2:
        return [], f"fp generate {rng.choice(['t2', 'x1', 'k', 'z', 's', 'huge', 'zero'])}^" \
                   f"({rng.choice(['1 2', '0 0', '-2', '', 'abc', '1e300', '0.5 0.5 0.5'])})" \
                   f"{rng.choice(['', ', scale', ', replace', ', center', ', scale(0 0)', ', zero'])}"
    return [], rng.choice(PREFIXES) + _cond(rng, line)


# ------------------------------------------------------------------ vec, vecrank, svar, irf graph, fcast graph
VEC = ["vec y x1", "vec y x1 x2", "vec y x1, rank(0)", "vec y x1, rank(2)", "vec y x1, rank(-1)", "vec y x1, lags(1)",
       "vec y x1, lags(0)", "vec y x1, lags(30)", "vec y x1, trend(none)", "vec y x1, trend(rconstant)",
       "vec y x1, trend(trend)", "vec y x1, trend(rtrend)", "vec y x1, trend(nosuch)", "vec y x1, alpha pi",
       "vec y x1, nobtable noetable", "vec y x1, sindicators(b)", "vec y x1, sindicators(b) trend(none)",
       "vec y x3 x1", "vec y k", "vec y z", "vec y s", "vec y", "vec y huge", "vec y x1, bconstraints(1)",
       "vec y x1, seasonal", "vec y x1, level(90)", "vec y x1, noreduce dforce", "vec y y", "vec y m"]
VECRANK = ["vecrank y x1", "vecrank y x1 x2, max ic", "vecrank y x1, lags(1)", "vecrank y x1, lags(0)",
           "vecrank y x1, trend(none) level99", "vecrank y x1, levela notrace", "vecrank y x1, trend(rtrend)",
           "vecrank y x3 x1", "vecrank y k", "vecrank y", "vecrank y z", "vecrank y x1, sindicators(b)",
           "vecrank y x1, seasonal", "vecrank y x1, lags(40)", "vecrank y huge", "vecrank y s"]
VEC_POST = ["predict nv", "predict nv, ce", "predict nv, levels", "predict nv, stdp", "predict nv, residuals",
            "predict nv, equation(#2)", "predict nv, equation(#9)", "predict nv, ce equation(#2)", "veclmar",
            "veclmar, mlag(0)", "vecnorm", "vecnorm, jbera", "vecstable", "vecstable, graph",
            "irf create v1, set(irf8, replace) step(4)", "fcast compute f_, step(3)", "margins"]
SVAR = ["svar y x1, aeq(A) beq(B)", "svar y x1, aeq(A) beq(B) lags(1)", "svar y x1, aeq(A) bcns(Bc)",
        "svar y x1, acns(Ac) beq(B)", "svar y x1, lreq(L)", "svar y x1, lreq(L) lags(1)", "svar y x1, lreq(Lbad)",
        "svar y x1, aeq(A)", "svar y x1, aeq(Abad) beq(B)", "svar y x1, aeq(A3) beq(B)", "svar y x1",
        "svar y x1, aeq(nosuch) beq(B)", "svar y x1, aeq(A) beq(B) var dfk small", "svar y x1, aeq(A) beq(B) noconstant",
        "svar y x1, aeq(A) beq(B) exog(x2)", "svar y x1, aeq(A) beq(B) lags(0)", "svar y k, aeq(A) beq(B)",
        "svar y x3, aeq(A) beq(B)", "svar y x1, aeq(Amiss) beq(Bmiss)", "svar y x1, aeq(A) beq(B) from(A)",
        "svar y x1, aeq(A) beq(B) aconstraints(1)", "svar y x1, aeq(A) beq(B) nocnsreport nolog level(90)",
        "svar y x1, lreq(L) lrcns(L)", "svar y huge, aeq(A) beq(B)", "svar y, aeq(A1) beq(B1)"]
SVAR_MATS = ("matrix A = (1,0\\.,1)", "matrix B = (.,0\\0,.)", "matrix Ac = (1,0\\0,0)", "matrix Bc = (0,0\\0,0)",
             "matrix L = (.,0\\.,.)", "matrix Lbad = (0,0\\0,0)", "matrix Abad = (1,0\\1,1)",
             "matrix A3 = (1,0,0\\.,1,0\\.,.,1)", "matrix Amiss = (.,.\\.,.)", "matrix Bmiss = (.,.\\.,.)",
             "matrix A1 = (1)", "matrix B1 = (.)")
VARFITS = ["var y x1", "var y x1, lags(1)", "var y x1 x2, lags(1/2)", "var y x1, exog(x2)", "var y x1, lags(1 3)",
           "var y x1, noconstant", "var y k", "var y x3 x1", "var y x1 if tt > 30", "var y x1, lags(20)"]
IRF = ["irf graph irf", "irf graph oirf", "irf graph oirf fevd", "irf graph coirf, impulse(y) response(x1)",
       "irf graph cirf, noci", "irf graph oirf, level(90) lstep(1) ustep(3)", "irf graph oirf, lstep(5) ustep(1)",
       "irf graph oirf, ustep(99)", "irf graph oirf, lstep(-1)", "irf graph nosuch", "irf graph", "irf graph sirf",
       "irf graph sfevd", "irf graph oirf, impulse(nosuch)", "irf graph oirf, irf(nosuch)", "irf graph oirf, individual",
       "irf graph oirf, cilines", "irf graph oirf, level(0)", "irf graph oirf fevd irf", "irf graph oirf, iname(gg)",
       "irf graph oirf, byopts(title(a))", "irf graph oirf, title(x) saving(irfg, replace)", "irf graph fevd, ci",
       "irf table oirf", "irf table sirf", "irf ctable (base y x1 oirf)", "irf ograph (base y x1 oirf), ci",
       "irf cgraph (base y x1 oirf) (base x1 y fevd)", "irf graph oirf, isaving(ii, replace)", "irf describe",
       "irf graph dm", "irf graph oirf, plot1opts(lcolor(red)) ciopts1(lcolor(blue))"]
FCAST = ["fcast graph f_y", "fcast graph f_y f_x1", "fcast graph f_y, observed", "fcast graph f_y, noci",
         "fcast graph f_y, cilines", "fcast graph f_y, observed obopts(lcolor(red))", "fcast graph f_nosuch",
         "fcast graph y", "fcast graph", "fcast graph f_y in 1/5", "fcast graph f_y if 0", "fcast graph f_y, ciopts(lcolor(red))",
         "fcast graph f_y, byopts(title(x))", "fcast graph f_y, nosuch", "fcast graph f_y_LB", "fcast graph f_y, level(90)",
         "fcast compute f_, step(0)", "fcast compute f_, step(-1)", "fcast compute f_, step(1e300)",
         "fcast compute f_, dynamic(5)", "fcast compute f_, dynamic(1e300) nose", "fcast compute f_, replace level(90)",
         "fcast compute f_, estimates(nosuch)", "fcast compute y"]


def _var(rng):
    kind = rng.random()
    setup = list(TS)
    if rng.random() < 0.1:
        setup = rng.choice([["xtset g t"], [], ["tsset tt", "drop in 10"], ["tsset tt, delta(2)"]])
    if kind < 0.25:
        line = rng.choice(VEC) if rng.random() < 0.6 else rng.choice(VECRANK)
        if rng.random() < 0.35:
            return setup + [line], rng.choice(VEC_POST)
        return setup, rng.choice(PREFIXES) + _cond(rng, line)
    if kind < 0.5:
        setup += list(SVAR_MATS)
        line = rng.choice(SVAR)
        if rng.random() < 0.4:
            return setup + [line, "irf set irf8, replace", "irf create base, step(4)"], rng.choice(IRF)
        return setup, rng.choice(PREFIXES) + _cond(rng, line)
    fit = rng.choice(VARFITS + VEC[:3] + ["svar y x1, aeq(A) beq(B)"])
    setup += list(SVAR_MATS) + [fit]
    if rng.random() < 0.5:
        setup += ["irf set irf8, replace", f"irf create base, step({rng.choice([4, 8, 1])})"]
        return setup, rng.choice(IRF)
    setup += [f"fcast compute f_, step({rng.choice([3, 8, 1])})"]
    return setup, rng.choice(FCAST)


# ------------------------------------------------------------------ table (Stata 17), collect
TABLE17 = ["table (f)", "table (f) (b)", "table (f b)", "table (f) (b g)", "table () (f)", "table (f) ()",
           "table (f), statistic(mean y)", "table (f) (b), statistic(mean y) statistic(sd y)",
           "table (f), statistic(frequency) statistic(percent)", "table (f) (b), statistic(percent, across(b))",
           "table (f) (b), statistic(percent, across(f))", "table (f) (b), statistic(percent, across(nosuch))",
           "table (f), statistic(median y x1)", "table (f), statistic(p10 y) statistic(p90 y)",
           "table (f), statistic(p0 y)", "table (f), statistic(p100 y)", "table (f), statistic(iqr y) statistic(range y)",
           "table (f), statistic(semean y) statistic(variance y)", "table (f), statistic(count m) statistic(total c)",
           "table (f), statistic(mean s)", "table (f), statistic(mean z)", "table (f), statistic(mean huge)",
           "table (f), statistic(nosuch y)", "table (f), statistic()", "table (f), statistic(mean)",
           "table (f), statistic(mean y) nformat(%6.2f)", "table (f), statistic(mean y) nformat(%6.2f mean)",
           "table (f), statistic(mean y) nformat(abc)", "table (f), statistic(mean y) nformat()",
           "table (f), statistic(mean y) sformat(\"(%s)\")", "table (f), statistic(mean y) sformat(\"%s%%\" mean)",
           "table (f), statistic(mean y) sformat(abc)", "table (f) (b), nototals", "table (f) (b), totals(f)",
           "table (f) (b), totals(nosuch)", "table (m), missing", "table (m) (f), missing statistic(mean y)",
           "table (f), name(t1)", "table (f), name(t1) replace", "table (f) [fw=w]", "table (f) [aw=w]",
           "table (f) [pw=w]", "table (f) [fw=x1]", "table (s)", "table (sid)", "table (y)", "table (z)",
           "table (nosuch)", "table (f) (b), statistic(mean y) zerocounts", "table (f), style(x)",
           "table (f) (b) (g)", "table (f), statistic(fvfrequency f)", "table (f (b)", "table (f) b",
           "table (f), command(regress y x1)", "table (f) (result)", "table (f) (var), statistic(mean y x1)",
           "table (i.f)", "table (f#b)", "table (f), statistic(mean y) statistic(mean y)", "table (f), statistic(min t2) append",
           "table (f), statistic(mean y) nformat(%9.0g) nformat(%5.1f mean)", "table (k), statistic(sd k)",
           "table (f) (b), statistic(frequency) nototals totals(b)", "table (f), statistic(max 1e300)",
           "by g: table (f)", "table (f), by(g)", "table (f) (b), statistic(percent) nformat(%5.1f percent)"]
COLLECT = ["collect preview", "collect preview, name(t1)", "collect preview, name(nosuch)",
           "collect export tab.txt, replace", "collect export tab.md, replace", "collect export tab.html, replace",
           "collect export tab.tex, replace", "collect export tab.docx, replace", "collect export tab.xlsx, replace",
           "collect export tab.pdf, replace", "collect export tab.txt", "collect export tab, as(txt) replace",
           "collect export tab.txt, as(nosuch) replace", "collect export dir.dta, replace",
           "collect export nofolder/t.txt, replace", "collect export data.dta", "collect export \"a b.md\", replace",
           "collect style cell, nformat(%6.2f)", "collect style cell result[mean], nformat(%6.1f)",
           "collect style cell result[nosuch], nformat(%6.1f)", "collect style cell, nformat(abc)",
           "collect style cell, sformat(\"(%s)\")", "collect style cell, sformat(abc)", "collect style cell",
           "collect style cell result[mean sd], nformat(%9.3f) sformat(\"[%s]\")", "collect style cell, nformat()",
           "collect label levels result mean \"Average\"", "collect label levels result nosuch \"X\"",
           "collect label levels result mean", "collect label levels result mean \"A\" sd \"B\" frequency \"N\"",
           "collect title \"A title\"", "collect title", "collect title \"`x'\"", "collect notes \"a note\"",
           "collect notes", "collect clear", "collect", "collect nosuch", "collect style header result, level(hide)",
           "collect layout (f) (result)", "collect: regress y x1", "collect dims", "collect export tab.txt, replace name(nosuch)"]


def _table(rng):
    line = rng.choice(TABLE17)
    if rng.random() < 0.55:
        setup = [line.replace("capture ", "")]
        if rng.random() < 0.3:
            setup.append(rng.choice(COLLECT[17:36]))
        return setup, rng.choice(COLLECT)
    return [], rng.choice(PREFIXES) + _cond(rng, line)


# ------------------------------------------------------------------ esttab / estout new options
ESTFITS = [("eststo clear", "eststo: regress y x1", "eststo: regress y x1 x2 i.f"),
           ("eststo clear", "eststo m1: logit b x1", "eststo m2: probit b x1 x2"),
           ("eststo clear", "eststo: regress y i.f x1"),
           ("eststo clear", "eststo: mixed y x1 || g:", "eststo: regress y x1"),
           ("eststo clear", "eststo: regress y x1 if 0"),
           ("eststo clear",), ("eststo clear", "eststo: mlogit o x1"),
           ("eststo clear", "eststo: regress y x1 x3", "eststo: regress y huge")]
EST_OPTS = ['refcat(x1 "Ref")', 'refcat(x1 "Ref", label(base))', 'refcat(x1 "Ref", nolabel)', 'refcat(x1 "Ref", below)',
            'refcat(2.f "Levels of f")', 'refcat(nosuch "X")', 'refcat(x1)', 'refcat()', 'refcat(x1 "A", nosuch)',
            'mgroups("A" "B")', 'mgroups("A" "B", pattern(1 0))', 'mgroups("A", pattern(1 1) span)',
            'mgroups("A" "B", pattern(1 1) span prefix(\\multicolumn{@span}{c}{) suffix(}))',
            'mgroups("A", pattern(0 1))', 'mgroups("A", pattern(abc))', 'mgroups("A", pattern())',
            'mgroups("A", erepeat(\\cmidrule) lhs(x))', 'mgroups(none)', 'mgroups("A", none)', 'mgroups()',
            'mgroups("A", begin(x))', 'prehead("first" "second")', 'prehead()', 'posthead("after")',
            'prehead("\\begin{tabular}{l*{@M}{c}}") posthead(\\hline)', 'prefoot("pf") postfoot("end @title")',
            'posthead("@span @M @E")', 'begin("<tr><td>") delimiter("</td><td>") end("</td></tr>")',
            'begin(|) delimiter(|) end(|)', 'delimiter(&)', 'delimiter()', 'begin("a" "b")', 'end(x)',
            'cells("b(star fmt(3)) se(par fmt(3))")', 'cells("b se(par([ ]))")', 'cells(b(vacant(--)) se)',
            'cells("b(fmt(%9.3f) vacant(n.a.)) t(par)")', 'cells(b se(par(( ))) p(par([ ])))', 'cells(b(par))',
            'cells("b & se(par)")', 'cells(b(nosuch) se)', 'cells(b(vacant()))', 'cells(nosuch)', 'cells()',
            'cells(b(fmt(abc)))', 'cells(b(star) se(par) ci(par))', 'cells(b(label(Coef)) se(label(SE)))',
            'cells("b(star)" "se(par)")', 'cells(b(margin))', 'cells(b(star par(<< >>)))', 'cells(e(V))',
            "stats(N r2)", "stats(N r2, fmt(0 3))", "stats(nosuch)", "label", "nonumbers", "mtitles(A B)",
            "tex", "html", "csv", "rtf", "md", "booktabs", "fragment", "noobs", "se", "p", "wide", "plain",
            "replace", "append", "keep(x1)", "drop(_cons)", "order(x2 x1)", "varwidth(30)", "modelwidth(5)",
            "modelwidth(0)", "varwidth(-1)", "collabels(none)", "eqlabels(none)", "unstack", "style(tex)",
            "style(nosuch)", "starlevels(* 0.1)", "incelldelimiter(;)"]


def _estout(rng):
    setup = list(rng.choice(ESTFITS))
    cmd = rng.choice(["esttab", "esttab", "estout"])
    target = rng.choice(["", "", "", " using out.tex", " using out.csv", " using out.html", " using dir.dta",
                         " using nofolder/x.tex", " m1 m2", " nosuch", " est1 est1", " *", " using out.rtf"])
    opts = _opt(rng, EST_OPTS, 4)
    if " using" in target and rng.random() < 0.7:
        opts = (opts + " replace") if opts else ", replace"
    return setup, rng.choice(PREFIXES) + cmd + target + opts


# ------------------------------------------------------------------ xthybrid
XTHYB = ["xthybrid y x1, clusterid(g)", "xthybrid y x1 x2, clusterid(g) test", "xthybrid y x1, clusterid(g) cre",
         "xthybrid y x1 x2, clusterid(g) cre test se p", "xthybrid b x1, clusterid(g) family(bernoulli) link(logit)",
         "xthybrid b x1, clusterid(g) family(binomial) link(probit)", "xthybrid c x1, clusterid(g) family(poisson) link(log)",
         "xthybrid c x1, clusterid(g) family(nbinomial) link(log)", "xthybrid t2 x1, clusterid(g) family(gamma) link(log)",
         "xthybrid o x1, clusterid(g) family(ordinal) link(logit)", "xthybrid y x1, clusterid(g) family(nosuch)",
         "xthybrid y x1, clusterid(g) link(nosuch)", "xthybrid y x1", "xthybrid y x1, clusterid(nosuch)",
         "xthybrid y x1, clusterid(s)", "xthybrid y x1, clusterid(sid)", "xthybrid y x1, clusterid(k)",
         "xthybrid y x1, clusterid(z)", "xthybrid y x1, clusterid(g g)", "xthybrid y x1 x2, clusterid(g) use(x1)",
         "xthybrid y x1 x2, clusterid(g) use(nosuch)", "xthybrid y x1, clusterid(g) percentage(0)",
         "xthybrid y x1, clusterid(g) percentage(100)", "xthybrid y x1, clusterid(g) percentage(-1)",
         "xthybrid y x1, clusterid(g) percentage(abc)", "xthybrid y x1, clusterid(g) randomslope(x1)",
         "xthybrid y x1 x2, clusterid(g) randomslope(x1 x2)", "xthybrid y x1, clusterid(g) randomslope(nosuch)",
         "xthybrid y x1, clusterid(g) vce(robust)", "xthybrid y x1, clusterid(g) vce(cluster g)",
         "xthybrid y x1, clusterid(g) meglmopts(iterate(0))", "xthybrid y x1, clusterid(g) meglmopts(nosuch)",
         "xthybrid y x1, clusterid(g) full", "xthybrid y x1, clusterid(g) stats(ll)", "xthybrid y x1, clusterid(g) stats(nosuch)",
         "xthybrid y x1, clusterid(g) star", "xthybrid y x1, clusterid(g) t", "xthybrid y x1, clusterid(g) iterations",
         "xthybrid y x1, clusterid(g) keepvars", "xthybrid y x1, clusterid(g) nonlinearities(quadratic)",
         "xthybrid y k, clusterid(g)", "xthybrid y g, clusterid(g)", "xthybrid y x1 x3, clusterid(g)",
         "xthybrid y s, clusterid(g)", "xthybrid y z, clusterid(g)", "xthybrid y m, clusterid(g)",
         "xthybrid y huge, clusterid(g)", "xthybrid y i.f, clusterid(g)", "xthybrid y L.x1, clusterid(g)",
         "xthybrid k x1, clusterid(g)", "xthybrid y x1 [fw=w], clusterid(g)", "xthybrid y x1, clusterid(g) keepvars keepvars",
         "xthybrid y f, clusterid(g)", "xthybrid y x1, clusterid(tt)"]


def _xthybrid(rng):
    line = _cond(rng, rng.choice(XTHYB))
    setup = ["generate B__x1 = 1"] if rng.random() < 0.1 else []
    if rng.random() < 0.2:
        return setup + [line], rng.choice(["estimates replay model", "predict nv", "margins", "test W__x1",
                                           "estimates table model", "lincom W__x1 - B__x1", "estat ic"])
    return setup, rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ tssmooth nl / shwinters, tsfilter bw
TSS = ["tssmooth nl nv = y, smoother(3RSSH)", "tssmooth nl nv = y, smoother(4253H, twice)",
       "tssmooth nl nv = y, smoother(43RSR2H)", "tssmooth nl nv = y, smoother(3RSSH,twice)", "tssmooth nl nv = y, smoother(1)",
       "tssmooth nl nv = y, smoother(9)", "tssmooth nl nv = y, smoother(0)", "tssmooth nl nv = y, smoother(E)",
       "tssmooth nl nv = y, smoother(H)", "tssmooth nl nv = y, smoother(S)", "tssmooth nl nv = y, smoother(3R)",
       "tssmooth nl nv = y, smoother(2222)", "tssmooth nl nv = y, smoother(44)", "tssmooth nl nv = y, smoother(99999)",
       "tssmooth nl nv = y, smoother(3RSSH, nosuch)", "tssmooth nl nv = y, smoother()", "tssmooth nl nv = y",
       "tssmooth nl nv = y, smoother(abc)", "tssmooth nl nv = m, smoother(3)", "tssmooth nl nv = z, smoother(3)",
       "tssmooth nl nv = s, smoother(3)", "tssmooth nl nv = huge, smoother(4253H)", "tssmooth nl y = y, smoother(3)",
       "tssmooth nl y = x1, smoother(3) replace", "tssmooth nl nv = L.y, smoother(3)", "tssmooth nl nv = y * 1e300, smoother(3)",
       "tssmooth nl nv = k, smoother(3RSSH)", "tssmooth nl str5 nv = y, smoother(3)",
       "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4)", "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) additive",
       "tssmooth shwinters nv = y, nolog period(4)", "tssmooth shwinters nv = y, period(4)",
       "tssmooth shwinters nv = y, nolog from(.1 .1 .1) period(4)", "tssmooth shwinters nv = y, parms(0 0 0) period(4)",
       "tssmooth shwinters nv = y, parms(1 1 1) period(4)", "tssmooth shwinters nv = y, parms(2 .2 .4) period(4)",
       "tssmooth shwinters nv = y, parms(.3 .2) period(4)", "tssmooth shwinters nv = y, parms(.3 .2 .4) period(0)",
       "tssmooth shwinters nv = y, parms(.3 .2 .4) period(1)", "tssmooth shwinters nv = y, parms(.3 .2 .4) period(40)",
       "tssmooth shwinters nv = y, parms(.3 .2 .4) period(-2)", "tssmooth shwinters nv = y, parms(.3 .2 .4)",
       "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) samp0(0)", "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) samp0(99)",
       "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) s0(1 0)", "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) s0(1)",
       "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) sn0_0(x1)", "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) sn0_0(nosuch)",
       "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) sn0_v(s0) snt_v(st)", "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) sn0_v(y)",
       "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) forecast(4)", "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) forecast(-1)",
       "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) forecast(1e300)", "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) altstarts",
       "tssmooth shwinters nv = y, parms(.3 .2 .4) period(4) normalize", "tssmooth shwinters nv = x1, parms(.3 .2 .4) period(4)",
       "tssmooth shwinters nv = k, parms(.3 .2 .4) period(4)", "tssmooth shwinters nv = zero, parms(.3 .2 .4) period(4)",
       "tssmooth shwinters nv = zero, nolog period(4)", "tssmooth shwinters nv = m, parms(.3 .2 .4) period(4)",
       "tssmooth shwinters nv = huge, parms(.3 .2 .4) period(4) additive", "tssmooth shwinters nv = s, parms(.3 .2 .4) period(4)",
       "tssmooth shwinters nv = y, nolog period(4) additive", "tssmooth shwinters nv = k, nolog period(4) additive",
       "tsfilter bw nv = y", "tsfilter bw nv = y, maxperiod(6) order(3)", "tsfilter bw nv = y, maxperiod(2)",
       "tsfilter bw nv = y, maxperiod(1)", "tsfilter bw nv = y, maxperiod(0)", "tsfilter bw nv = y, maxperiod(1e300)",
       "tsfilter bw nv = y, order(0)", "tsfilter bw nv = y, order(-1)", "tsfilter bw nv = y, order(50)", "tsfilter bw nv = y, order(2.5)",
       "tsfilter bw nv = y, trend(tr)", "tsfilter bw nv = y, trend(y)", "tsfilter bw nv1 nv2 = y x1", "tsfilter bw nv1 = y x1",
       "tsfilter bw c_* = y x1", "tsfilter bw nv = m", "tsfilter bw nv = z", "tsfilter bw nv = k", "tsfilter bw nv = s",
       "tsfilter bw nv = huge", "tsfilter bw nv = y, gain(g1 g2)", "tsfilter bw nv = y, smooth(5)", "tsfilter bw nv = y, nosuch",
       "tsfilter bw double nv = y, order(4) maxperiod(3)", "tsfilter bw y = y", "tsfilter bw nv = L.y", "tsfilter bw nv = y, trend(tr tr2)"]


def _tssmooth(rng):
    setup = list(TS)
    r = rng.random()
    if r < 0.1:
        setup = ["xtset g t"]
    elif r < 0.15:
        setup = []
    elif r < 0.2:
        setup = ["tsset tt", "drop in 5"]
    elif r < 0.25:
        setup = ["format tt %tq", "tsset tt"]
    return setup, rng.choice(PREFIXES) + _cond(rng, rng.choice(TSS))


# ------------------------------------------------------------------ pwmean / pwcompare mcompare
PW_MC = ["snk", "duncan", "dunnett", "tukey", "bonferroni", "sidak", "scheffe", "noadjust", "nosuch", "", "snk duncan",
         "dunnett, adjustall", "snk, adjustall"]
PWMEAN = ["pwmean y, over(f)", "pwmean y, over(f b)", "pwmean y, over(g)", "pwmean y, over(k)", "pwmean y, over(s)",
          "pwmean y, over(z)", "pwmean k, over(f)", "pwmean z, over(f)", "pwmean huge, over(f)", "pwmean y, over(o)",
          "pwmean y x1, over(f)", "pwmean y, over(sid)", "pwmean y [fw=w], over(f)"]
PWC_FITS = ["regress y i.f", "regress y i.f i.b", "regress y i.f##i.b", "anova y f", "anova y f b", "logit b i.f",
            "mixed y i.f || g:", "regress y i.g x1", "regress y i.f if f < 3", "regress y i.f [fw=w]", "ologit o i.f",
            "poisson c i.f", "regress y i.o"]
PWC = ["pwcompare f", "pwcompare b", "pwcompare f#b", "pwcompare g", "pwcompare nosuch", "pwcompare x1",
       "margins f, pwcompare", "margins f, pwcompare(effects)", "margins f b, pwcompare", "contrast f"]


def _pw(rng):
    mc = rng.choice(PW_MC)
    extra = " " + " ".join(rng.sample(["effects", "cimargins", "pveffects", "level(90)", "level(0)", "sort", "groups",
                                      "asobserved", "df(3)", "df(0)", "vsquish", "post"], rng.randrange(3)))
    if rng.random() < 0.4:
        line = rng.choice(PWMEAN)
        return [], rng.choice(PREFIXES) + _cond(rng, f"{line} mcompare({mc}){extra}")
    fit = rng.choice(PWC_FITS)
    line = rng.choice(PWC)
    sep = " " if "," in line else ", "
    return [fit], rng.choice(PREFIXES) + f"{line}{sep}mcompare({mc}){extra}"


# ------------------------------------------------------------------ margins after new fits, and after svy
MFITS = {"mlogit": ["mlogit o x1", "mlogit o x1 i.f", "mlogit o x1, baseoutcome(2)", "mlogit o x1 [pw=w]",
                    "mlogit o x1, vce(cluster g)", "mlogit o x1 x3", "mlogit o k", "mlogit o x1, rrr"],
         "mprobit": ["mprobit o x1", "mprobit o x1 i.b", "mprobit o x1, baseoutcome(3)", "mprobit o x1, probitparam"],
         "slogit": ["slogit o x1", "slogit o x1 x2", "slogit o x1, dimension(2)"],
         "rologit": ["rologit rk x1, group(g)", "rologit rk x1 x2, group(g)", "rologit rk x1, group(g) reverse"],
         "var": ["tsset tt", "var y x1", "var y x1, lags(1) exog(x2)"],
         "nl": ["nl (y = {b0} + {b1}*x1)", "nl (y = {b0} + {b1}*x1), variables(x1)", "nl exp2: y t2",
                "nl (y = {b0=1}*exp({b1=0}*x1)), variables(x1)", "nl (y = {b0} + {b1}*x1 + {b2}*x2), variables(x1 x2)"],
         "arima": ["tsset tt", "arima y, ar(1)", "arima y x1, ar(1)", "arima y x1, ma(1)", "arima D.y x1, ar(1)",
                   "arima y x1, arima(1,0,1)"]}
MARGINS = ["margins", "margins, dydx(*)", "margins, dydx(x1)", "margins, eyex(x1)", "margins f", "margins, at(x1 = (0 1))",
           "margins, atmeans", "margins, over(f)", "margins, predict(outcome(1))", "margins, predict(outcome(#2))",
           "margins, predict(outcome(9))", "margins, predict(outcome(nosuch))", "margins, predict(pr)",
           "margins, predict(xb)", "margins, predict(stdp)", "margins, predict(xb equation(#2))",
           "margins, predict(xb equation(x1))", "margins, predict(xb equation(nosuch))", "margins, predict(residuals)",
           "margins, predict(xb structural)", "margins, predict(y)", "margins, predict(mse)", "margins, predict(yhat)",
           "margins, predict(xb dimension(1))", "margins, predict(xb dimension(2))", "margins, vce(unconditional)",
           "margins, dydx(x1) vce(unconditional)", "margins, at(x1 = 1e300)", "margins, at(x1 = .)", "margins, dydx(L.y)",
           "margins, at(L.y = 0)", "margins, dydx(x2)", "margins f, pwcompare", "margins, dydx(x1) over(b)",
           "margins, expression(predict(outcome(1)) + 1)", "margins, dydx(D.x1)", "margins, at(D.x1 = 1)",
           "margins, nose", "margins if 0", "margins in 1", "margins, post", "margins, noestimcheck",
           "margins, dydx(x1) atmeans predict(outcome(2))", "margins, contrast", "margins r.f"]
SVYFITS = ["regress y x1", "logit b x1", "probit b x1", "ologit o x1", "poisson c x1", "mlogit o x1", "regress y i.f x1",
           "mean y", "logit b i.f", "tabulate f", "regress y x1, subpop(b)", "logit b x1, subpop(if x1 > 0)",
           "ologit o x1, subpop(b)", "regress y x1 x3", "glm c x1, family(poisson)", "nbreg c x1", "tobit y x1, ll(0)"]
SVYSETS = ["svyset g [pw=w], strata(f)", "svyset g [pw=w]", "svyset _n", "svyset g, fpc(k)", "svyset g [pw=w] || sid",
           "svyset g [pw=w], singleunit(certainty)", "svyset [pw=w]", "svyset g, fpc(pos)"]


def _margins(rng):
    if rng.random() < 0.35:
        fit, _, sub = rng.choice(SVYFITS).partition(", ")
        setup = [rng.choice(SVYSETS), (f"svy, {sub}: " if sub else "svy: ") + fit]
        line = rng.choice(MARGINS + ["margins, vce(svy)", "margins, subpop(b)", "margins, subpop(if x1 > 0)",
                                     "margins, vce(svy) subpop(zero)", "margins f, vce(svy) pwcompare",
                                     "margins, vce(delta)", "svy: margins", "margins, vce(svy) over(f)",
                                     "margins [pw=w]", "margins, dydx(*) vce(unconditional) post", "margins, subpop(s)"])
        return setup, rng.choice(PREFIXES) + line
    family = rng.choice(list(MFITS))
    fits = MFITS[family]
    setup = [fits[0]] + [rng.choice(fits[1:])] if fits[0].startswith("tsset") else [rng.choice(fits)]
    if rng.random() < 0.15:
        setup[-1] = setup[-1].split(",")[0] + rng.choice([" if 0", " in 1/3", " if b", ""]) + \
            ("," + setup[-1].split(",", 1)[1] if "," in setup[-1] else "")
    if rng.random() < 0.1:
        setup += ["estimates store e8", "regress y x1", "estimates restore e8"]
    return setup, rng.choice(PREFIXES) + rng.choice(MARGINS)


# ------------------------------------------------------------------ me startvalues/startgrid/from, meqr refineopts
ME_FITS = ["melogit b x1 || g:", "mepoisson c x1 || g:", "meglm y x1 || g:", "mixed y x1 || g:", "meologit o x1 || g:",
           "meprobit b x1 || g:", "menbreg c x1 || g:", "mecloglog b x1 || g:", "meglm c x1 || g:, family(poisson)",
           "meglm y x1 || g: x1", "melogit b x1 || g: x1, covariance(unstructured)", "meqrlogit b x1 || g:",
           "meqrpoisson c x1 || g:", "xtmelogit b x1 || g:", "xtmepoisson c x1 || g:", "meoprobit o x1 || g:",
           "melogit b k || g:", "melogit b x1 x3 || g:", "mepoisson c huge || g:", "melogit b x1 || s:"]
ME_OPTS = ["startvalues(zero)", "startvalues(constantonly)", "startvalues(fixedonly)", "startvalues(iv)",
           "startvalues(fixedonly, iterate(0))", "startvalues(zero, iterate(-1))", "startvalues(nosuch)", "startvalues()",
           "startv(fixedonly)", "startgrid", "startgrid()", "startgrid(0.1 1 10)", "startgrid(0 1)", "startgrid(-1)",
           "startgrid(1e300)", "startgrid(abc)", "startgrid(var(_cons[g]))", "startgrid(.5 var(_cons[g]))",
           "startgrid(1 _cons[nosuch])", "startg(1 2)", "from(bm)", "from(bm, copy)", "from(bm, skip)", "from(bbad, copy)",
           "from(bbig, copy)", "from(bnan, copy)", "from(x1=1)", "from(x1=1 _cons=0)", "from(nosuch=1)", "from(b:x1=1e300)",
           "from()", "from(abc)", "from(bm, nosuch)", "refineopts(iterate(0))", "refineopts(iterate(2) nolog)",
           "refineopts(iterate(-1))", "refineopts(nolog)", "refineopts(technique(bfgs))", "refineopts()",
           "refineopts(iterate(abc))", "refineopts(iterate(1e300))", "iterate(0)", "iterate(1)", "constraints(1)",
           "constraints(5)", "intpoints(1)", "laplace", "nolog", "difficult", "technique(nr)"]
ME_MATS = ("matrix bm = (1, 0, 1)", "matrix bbad = (1)", "matrix bbig = (1e300, 1e300, 1e300, 1e300)",
           "matrix bnan = (., ., .)", "constraint 1 _b[x1] = 1", "constraint 5 _b[var(_cons[g]):_cons] = 0")


def _me(rng):
    fit = rng.choice(ME_FITS)
    opts = " ".join(rng.choice(ME_OPTS) for _ in range(rng.randrange(1, 3)))
    sep = " " if "," in fit.split("||")[-1] else ", "
    cmd, bar, rest = fit.partition(" ||")
    if rng.random() < 0.3:
        cmd += rng.choice(CONDS)
    return list(ME_MATS), rng.choice(PREFIXES) + cmd + bar + rest + sep + opts


# ------------------------------------------------------------------ constraints() on logit ... tobit
CNS_FITS = ["logit b x1 x2", "logistic b x1 x2", "probit b x1 x2", "cloglog b x1 x2", "ologit o x1 x2", "oprobit o x1 x2",
            "poisson c x1 x2", "nbreg c x1 x2", "glm c x1 x2, family(poisson)", "glm y x1 x2", "tobit y x1 x2, ll(0)",
            "tobit y x1 x2, ll(0) ul(3)", "logit b x1 x3", "probit b k x1", "ologit o x1", "tobit y x1, ll(0) nocnsreport",
            "logit b i.f x1", "poisson c x1 x2, exposure(pos)", "glm b x1 x2, family(binomial) link(probit)",
            "gnbreg c x1", "logit b x1 x2 [fw=w]", "probit b x1 x2, vce(robust)", "logit b x1 x2, vce(bootstrap, reps(3))"]
CNS = ["constraint 1 x1 = x2", "constraint 1 _b[x1] = 1", "constraint 1 x1 = 0", "constraint 1 x1 = 1e300",
       "constraint 1 _cons = 0", "constraint 1 [cut1]_cons = -1", "constraint 1 [/]cut1 = -1", "constraint 1 /sigma = 1",
       "constraint 1 [sigma]_cons = 1", "constraint 1 nosuch = 1", "constraint 1 x1 = x2", "constraint 1 2.f = 0",
       "constraint 1 x1 + x2 = 1", "constraint 1 [lnalpha]_cons = 0", "constraint 1 x3 = 1", "constraint 1 k = 1",
       "constraint 1 x1 = x1", "constraint 1 x1 = .", "constraint 1 _b[x1] = _b[x2] * 2"]
CNS2 = ["constraint 2 x1 = 0", "constraint 2 x1 = 1", "constraint 2 x2 = 0", "constraint 2 _cons = 5"]
CNS_USE = ["constraints(1)", "constraints(1 2)", "constraints(1/2)", "constraints(2)", "constraints(9)", "constraints(0)",
           "constraints(-1)", "constraints(abc)", "constraints()", "constraints(1) constraints(2)", "constraint(1)",
           "constraints(1) collinear", "constraints(1) nocnsreport", "constraints(1) or", "constraints(1) iterate(0)"]
CNS_POST = ["test x1", "test x1 = x2", "lincom x1 - x2", "predict nv", "margins", "margins, dydx(x1)", "estat ic",
            "estimates replay", "test _b[x1] = 1", "matrix list e(Cns)", "testnl _b[x1] = 1"]


def _cns(rng):
    setup = [rng.choice(CNS)] + ([rng.choice(CNS2)] if rng.random() < 0.5 else [])
    fit = rng.choice(CNS_FITS)
    sep = " " if "," in fit else ", "
    cmd, comma, rest = fit.partition(",")
    cmd = _cond(rng, cmd) if rng.random() < 0.3 else cmd
    line = cmd + (comma + rest if comma else "") + sep + rng.choice(CNS_USE)
    if rng.random() < 0.3:
        return setup + [line], rng.choice(CNS_POST)
    return setup, rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ replace with L. (sequential)
REPLACE = ["replace y = L.y", "replace y = L.y + 1", "replace y = L.y if tt > 1", "replace y = cond(missing(L.y), y, L.y + y)",
           "replace y = L2.y", "replace y = F.y", "replace y = D.y", "replace y = S.y", "replace y = L.x1",
           "replace x1 = L.x1 * 1e300", "replace x1 = L.x1 * L.x1", "replace y = L.y in 3/5", "replace y = L.y in 1",
           "replace y = L.y if 0", "replace y = L(1/2).y", "replace y = L0.y", "replace y = L-1.y", "replace y = L.s",
           "replace s = L.s", "replace s = L.y", "replace y = L.nosuch", "replace y = L.y, nopromote",
           "replace b = L.b + 0.5", "replace b = L.b + 1e300", "replace y = L.y + F.y", "replace y = LL.y",
           "replace y = L.L.y", "replace y = L.(y)", "replace nosuch = L.y", "replace y = L.y + L.y",
           "replace y = sum(L.y)", "replace y = L.y[_n-1]", "replace y = y[_n-1]", "replace y = y[_n-1] + L.y",
           "replace k = L.k + 1", "replace z = L.z + 1", "replace m = L.m", "replace y = L.y if b", "by g: replace y = L.y",
           "bysort g (t): replace y = L.y", "replace y = L.y [fw=w]", "replace y = L.y in 41", "replace y = L40.y",
           "replace y = L2147483648.y", "replace y = L.y if L.y < .", "replace huge = L.huge + huge",
           "replace y = .a if L.y > 0", "replace f = L.f + 1", "replace tt = L.tt", "replace g = L.g"]


def _replace(rng):
    r = rng.random()
    setup = ["tsset tt"] if r < 0.6 else (["xtset g t"] if r < 0.85 else ([] if r < 0.9 else ["tsset tt", "drop in 7"]))
    if rng.random() < 0.1:
        setup.append("generate double yd = y")
    return setup, rng.choice(PREFIXES) + rng.choice(REPLACE)


FAMILIES = {"mfp": (_mfp, 4), "fp": (_fp, 3), "var": (_var, 5), "table": (_table, 4), "estout": (_estout, 4),
            "xthybrid": (_xthybrid, 3), "tssmooth": (_tssmooth, 4), "pw": (_pw, 3), "margins": (_margins, 6),
            "me": (_me, 3), "cns": (_cns, 4), "replace": (_replace, 3)}
ROUND8_SHAPES = {"full": 10, "one": 2, "empty": 2, "holes": 2, "strings": 1, "allmiss": 1, "extmiss": 1,
                 "magnitudes": 1, "huge": 1, "longnames": 1, "dates": 1}


def round8_cases(seed: int, count: int, only: set[str] | None = None) -> list[Case]:
    """``count`` cases, each from one family (weights above), deterministic for the seed; every
    setup starts with BASE's variables (made before the fuzzed line, not checked)."""
    cases = family_cases("round8", FAMILIES, ROUND8_SHAPES, seed, count, only)
    return [Case(c.command, c.shape, BASE + tuple(c.setup), c.line) for c in cases]


def main(argv=None) -> int:
    return run_main(__doc__.split("\n\n")[0], round8_cases, argv)


if __name__ == "__main__":
    sys.exit(main())

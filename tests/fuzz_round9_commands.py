"""Round 9 of the command fuzz (docs/command_fuzz.md): hostile lines for the commands and options
added or extended since 2026-12-04 -- ivpoisson gmm/cfunction (and margins/predict/estat overid
after it), Stata 17's table and collect, estpost and esttab/estout's options, predict after the
me commands (remeans/remodes/reses()/intpoints()), margins with several predict(), graph matrix
and twoway's log and date axes, xtcsd, boxcox, stcrreg, stcox with vce(bootstrap|jackknife) and
the prefixes -- plus option values at their limits on every estimation command (level(0),
level(100), iterate(0), huge and negative numbers), factor-variable operators on every
estimation command, and by: on commands that are not byable (r(190)).  Run through
tests/fuzz_commands.py's checks (``run_all``): no internal error, no hang, the data unchanged
when a line fails.

    python3 tests/fuzz_round9_commands.py [--seed 1] [--count 400] [--only ivpoisson,boxcox] [--show] [-v]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_lines import Case  # noqa: E402,F401
from fuzz_new_commands import family_cases, run_main  # noqa: E402
from fuzz_round8_commands import COLLECT, TABLE17, _cond, _opt  # noqa: E402

BASE = ("generate zero = 0", "generate double huge = 1e300 * x1", "generate tt = _n", "generate x3 = 2 * x1",
        "generate xs = string(x1)", "generate pos = t2 + 1", "generate cr = mod(_n, 3)", "generate ex = 1 + mod(_n, 4)")
PREFIXES = ["", "", "", "", "", "quietly ", "capture noisily ", "capture "]
LIMITS = ["level(0)", "level(100)", "level(99.99)", "level(10)", "level(9.99)", "level(-1)", "level(1e300)", "level(.)",
          "level(abc)", "level()", "iterate(0)", "iterate(1)", "iterate(-1)", "iterate(1e300)", "iterate(.)",
          "tolerance(0)", "tolerance(-1)", "tolerance(1e300)", "ltolerance(0)", "nrtolerance(-1)", "vce(robust)",
          "vce(cluster s)", "vce(cluster z)", "vce(cluster k)", "vce(nosuch)", "nolog", "cformat(%9.3f)",
          "cformat(abc)", "pformat(%5.1f)", "sformat(%2.0f)", "coeflegend", "nosuch"]

# ------------------------------------------------------------------ ivpoisson
IVP = ["ivpoisson gmm c x1 (x2 = t2 pos)", "ivpoisson gmm c (x2 = t2)", "ivpoisson gmm c x1 (x2 = t2 pos), multiplicative",
       "ivpoisson gmm c x1 (x2 = t2), exposure(ex)", "ivpoisson gmm c x1 (x2 = t2), offset(x1)", "ivpoisson gmm c x1",
       "ivpoisson gmm c x1 (x2 = t2 pos), igmm", "ivpoisson gmm c x1 (x2 = t2 pos), onestep", "ivpoisson gmm c x1 (x2 =)",
       "ivpoisson gmm c x1 (x2 = x2)", "ivpoisson gmm c x1 (x2 = x1)", "ivpoisson gmm c x1 (x2 = t2 t2)",
       "ivpoisson gmm y x1 (x2 = t2)", "ivpoisson gmm b x1 (x2 = t2)", "ivpoisson gmm k x1 (x2 = t2)",
       "ivpoisson gmm zero x1 (x2 = t2)", "ivpoisson gmm z x1 (x2 = t2)", "ivpoisson gmm s x1 (x2 = t2)",
       "ivpoisson gmm c s (x2 = t2)", "ivpoisson gmm c x1 (x2 = s)", "ivpoisson gmm c x1 (s = t2)",
       "ivpoisson gmm c i.f (x2 = t2 pos)", "ivpoisson gmm c x1 (x2 = i.f)", "ivpoisson gmm c c.x1#c.x1 (x2 = t2)",
       "ivpoisson gmm c x1 (i.f = t2 pos)", "ivpoisson gmm c L.x1 (x2 = t2)", "ivpoisson gmm c x1 (x2 = L.t2)",
       "ivpoisson gmm c huge (x2 = t2)", "ivpoisson gmm c x1 (huge = t2)", "ivpoisson gmm c x1 (x2 = huge)",
       "ivpoisson gmm c x1 (x2 = t2) [fw=w]", "ivpoisson gmm c x1 (x2 = t2) [pw=w]", "ivpoisson gmm c x1 (x2 = t2) [fw=x1]",
       "ivpoisson gmm c x1 (x2 = t2), wmatrix(cluster g)", "ivpoisson gmm c x1 (x2 = t2), wmatrix(cluster s)",
       "ivpoisson gmm c x1 (x2 = t2), vce(cluster g)", "ivpoisson gmm c x1 (x2 = t2), vce(unadjusted) center",
       "ivpoisson gmm c x1 (x2 = t2 pos), igmm igmmiterate(0)", "ivpoisson gmm c x1 (x2 = t2 pos), igmm igmmeps(-1)",
       "ivpoisson gmm c x1 (x2 = t2), irr", "ivpoisson gmm c x1 (x2 = t2), multiplicative irr",
       "ivpoisson gmm c x1 (x2 = t2), additive multiplicative", "ivpoisson gmm c x1 (x2 = t2), noconstant",
       "ivpoisson gmm c x1 (x2 = t2), winitial(identity)", "ivpoisson gmm c x1 (x2 = t2) (x3 = pos)",
       "ivpoisson cfunction c x1 (x2 = t2)", "ivpoisson cfunction c x1 (x2 = t2 pos)", "ivpoisson cfunction c x1",
       "ivpoisson cfunction c (x2 x3 = t2 pos)", "ivpoisson cfunction c x1 (x2 = t2), vce(unadjusted)",
       "ivpoisson cfunction c x1 (x2 = t2), additive", "ivpoisson cfunction c x1 (x2 = t2), irr",
       "ivpoisson cfunction c x1 (x2 = t2), exposure(ex)", "ivpoisson cfunction c x1 (x2 = t2), vce(cluster g)",
       "ivpoisson cfunction k x1 (x2 = t2)", "ivpoisson cfunction c x1 (x2 = t2) [fw=w]", "ivpoisson cfunction c i.f (x2 = t2)",
       "ivpoisson", "ivpoisson nosuch c x1", "ivpoisson c x1 (x2 = t2)", "ivpoisson gmm", "ivpoisson gmm c x1 (x2 = t2"]
IVP_POST = ["predict nv", "predict nv, xb", "predict nv, n nooffset", "predict nv, pr", "predict nv, residuals",
            "estat overid", "margins", "margins, dydx(*)", "margins, dydx(x1)", "margins, predict(xb)",
            "margins, predict(n) predict(xb)", "margins, at(x1 = (0 1))", "margins, at(x1 = 1e300)", "margins, over(f)",
            "margins f", "margins, predict(pr)", "margins, nooffset", "margins, predict(n nooffset)", "ivpoisson",
            "ivpoisson, irr", "ivpoisson, level(100)", "ivpoisson, level(0)", "estat ic", "test x1", "lincom x1 + x2",
            "estat vce", "estimates replay", "margins, dydx(x2) atmeans"]


def _ivpoisson(rng):
    line = rng.choice(IVP)
    cmd, comma, rest = line.partition(",")
    line = _cond(rng, line)
    if rng.random() < 0.3:
        extra = _opt(rng, LIMITS, 2)
        line = line + (" " + extra[2:] if comma else extra)
    if rng.random() < 0.4:
        return [line.replace("capture ", "")], rng.choice(PREFIXES) + rng.choice(IVP_POST)
    return [], rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ table (Stata 17) and collect
TABLE9 = TABLE17 + ["table (f) (b), statistic(mean y) level(0)", "table (f), statistic(frequency) nformat(%20.0f)",
                    "table (f) (b) (g)", "table (f) (b) (g), nototals", "table (f#b)", "table (f) (result)",
                    "table (result) (f), statistic(mean y x1)", "table (var) (f), statistic(mean y x1)",
                    "table (f), statistic(mean y) statistic(mean y)", "table (f), statistic(fvfrequency f)",
                    "table (f), statistic(fvpercent f)", "table (f), statistic(fvfrequency y)",
                    "table (f), statistic(mean 1.f)", "table (f), statistic(mean i.b)", "table (f), statistic(mean L.y)",
                    "table (f), statistic(p50 huge)", "table (f), statistic(sd y) [iw=w]", "table (f) if 0, statistic(mean y)",
                    "table (f), command(regress y x1)", "table (f), command(r(mean): summarize y)",
                    "table (f), command(_r_b: regress y x1 x2)", "table (f), command(nosuch)", "table (f), command()",
                    "table (f), statistic(mean y) append", "table (f), statistic(mean y) name(t1) append",
                    "by g: table (f)", "table (f), totals(f b)", "table (f) (b), totals(#b)",
                    "table (f), statistic(q1 y) statistic(q3 y)", "table (f), statistic(cv y) statistic(skewness y)",
                    "table (f), statistic(kurtosis y) statistic(sumw y)", "table (f), statistic(rawsum y)",
                    "table (f), statistic(mean y) nformat(%9.0g mean sd)", "table (f), statistic(mean y) nformat(%-20s)"]
COLLECT9 = COLLECT + ["collect export t.docx, replace", "collect export t.html", "collect export t.md, replace",
                      "collect export t.tex, replace tableonly", "collect export t.xlsx, replace",
                      "collect export t.nosuch, replace", "collect export nofolder/t.txt, replace", "collect export",
                      "collect style cell, nformat(%99.0f)", "collect style cell, nformat(%0.0f)",
                      "collect style cell, halign(center)", "collect style cell, halign(nosuch)",
                      "collect layout (f#b) (result)", "collect layout (nosuch) (result)", "collect layout () ()",
                      "collect layout", "collect label levels f 1 \"one\"", "collect label dim f \"F\"",
                      "collect style header f, title(hide)", "collect style column, dups(center)",
                      "collect preview, name(nosuch)", "collect rename Table t2", "collect combine c = Table Table",
                      "collect get r(mean): summarize y", "collect get nosuch", "collect: summarize y",
                      "collect, tag(a[b]): regress y x1", "collect levelsof f", "collect query cell"]


def _table(rng):
    line = rng.choice(TABLE9)
    if rng.random() < 0.55:
        return [line.replace("capture ", "")], rng.choice(PREFIXES) + rng.choice(COLLECT9)
    return [], rng.choice(PREFIXES) + _cond(rng, line)


# ------------------------------------------------------------------ estpost, esttab/estout
ESTPOST = ["estpost summarize y x1", "estpost summarize y x1, detail", "estpost summarize y x1, listwise",
           "estpost summarize y m z, casewise", "estpost summarize y, meanonly", "estpost summarize s",
           "estpost summarize", "estpost summarize y [aw=w]", "estpost summarize y [iw=w], detail",
           "estpost summarize y [pw=w]", "estpost summarize huge", "estpost summarize z", "estpost summarize y, esample",
           "estpost tabstat y x1, statistics(mean sd p50)", "estpost tabstat y x1, statistics(mean sd) columns(statistics)",
           "estpost tabstat y x1, statistics(mean) columns(variables) by(f)", "estpost tabstat y, by(f) nototal",
           "estpost tabstat y, by(s)", "estpost tabstat y, by(m) missing", "estpost tabstat y, statistics(nosuch)",
           "estpost tabstat y, statistics()", "estpost tabstat y, columns(nosuch)", "estpost tabstat s",
           "estpost tabstat y, statistics(q iqr cv skewness kurtosis semean range)", "estpost tabstat z, by(f)",
           "estpost tabulate f", "estpost tabulate f b", "estpost tabulate f, nototal nolabel", "estpost tabulate f b, elabels",
           "estpost tabulate s", "estpost tabulate y", "estpost tabulate m", "estpost tabulate z", "estpost tabulate f b, chi2",
           "estpost tabulate f, missing", "estpost tabulate f g b", "estpost tabulate f b, nototal",
           "estpost correlate y x1 x2", "estpost correlate y x1, matrix", "estpost correlate y x1 x2, matrix nohalf",
           "estpost correlate y x1, print(0.05)", "estpost correlate y x1, print(-1)", "estpost correlate y x1, bonferroni",
           "estpost correlate y x1, sidak listwise", "estpost correlate y", "estpost correlate y k", "estpost correlate y z",
           "estpost correlate y s", "estpost correlate y huge", "estpost ttest y x1, by(b)", "estpost ttest y, by(b) unequal",
           "estpost ttest y, by(b) welch", "estpost ttest y, by(f)", "estpost ttest y", "estpost ttest y, by(k)",
           "estpost ttest s, by(b)", "estpost ttest y, by(s)", "estpost ttest z, by(b)", "estpost ttest y, by(nosuch)",
           "estpost nosuch y", "estpost", "estpost summarize y, nosuch"]
ESTTAB = ['esttab', 'esttab, cells("mean sd min max")', 'esttab, cells("mean(fmt(2)) sd(fmt(a2))") noobs',
          'esttab, cells("b pct(fmt(2)) cumpct(fmt(2))") noobs', 'esttab, cells("b colpct(fmt(2)) rowpct")',
          'esttab, cells("rho(fmt(3)) p(fmt(3)) count")', 'esttab, wide', 'esttab, unstack', 'esttab, cells(nosuch)',
          'esttab, cells("count mean") noobs nonumber', 'esttab, cells(mean(fmt(abc)))', 'esttab, cells(e(mean))',
          'esttab, main(mean) aux(sd)', 'esttab, main(nosuch) aux(sd)', 'esttab, main(mean 2) aux(sd 2) nostar',
          'esttab, cells("mean sd") label', 'esttab, cells("mean sd") csv', 'esttab using e9.csv, cells("mean sd")',
          'esttab using e9.csv, cells("mean sd") replace', 'esttab using e9.tex, booktabs replace',
          'estout', 'estout, cells("mean sd")', 'estout, cells("b(star) se(par)") stats(N)', 'estout, cells(b) drop(x1)',
          'esttab, cells("b(fmt(%9.3f))") keep(nosuch)', 'esttab, eqlabels(none) collabels(none) mlabels(none)',
          'esttab, mlabels("A" "B" "C")', 'esttab, varlabels(y "Outcome")', 'esttab, coeflabels(y "Y")',
          'esttab, stats(N mean, fmt(0 2) labels("N" "Mean"))', 'esttab, starlevels(* 1.5)', 'esttab, starlevels(* -1)',
          'esttab, level(0) ci', 'esttab, level(100) ci', 'esttab, ci(3)', 'esttab, transform(exp(@) exp(@))',
          'esttab, transform(nosuch)', 'esttab, rename(y Y)', 'esttab, order(nosuch)', 'esttab, indicate("F = *.f")',
          'esttab, substitute(_ \\_)', 'esttab, width(0)', 'esttab, width(1e300)', 'esttab, fixed', 'esttab, scalars(N r2)',
          'esttab, noconstant', 'esttab, margin', 'esttab, eform', 'esttab, beta', 'esttab, r2(9)', 'esttab, aic bic',
          'esttab, pr2 ar2', 'esttab, compress nogaps', 'esttab, longtable tex', 'esttab, noisily']
EST_FITS = [("eststo clear", "eststo: regress y x1", "eststo: regress y x1 x2 i.f"), ("eststo clear",),
            ("eststo clear", "eststo: logit b x1", "eststo: probit b x1 i.f"), ("eststo clear", "eststo: mixed y x1 || g:"),
            ("eststo clear", "eststo: ivpoisson gmm c x1 (x2 = t2)"), ("eststo clear", "eststo: boxcox pos x1"),
            ("eststo clear", "eststo: regress y x1 if 0"), ("eststo clear", "eststo: mlogit o x1")]


def _estout(rng):
    if rng.random() < 0.55:
        post = _cond(rng, rng.choice(ESTPOST))
        if rng.random() < 0.5:
            return ["eststo clear", post.replace("capture ", "")], rng.choice(PREFIXES) + rng.choice(ESTTAB)
        if rng.random() < 0.5:
            return ["eststo clear", "eststo: " + rng.choice(ESTPOST), "eststo: " + rng.choice(ESTPOST)], \
                rng.choice(PREFIXES) + rng.choice(ESTTAB)
        return [], rng.choice(PREFIXES) + post
    return list(rng.choice(EST_FITS)), rng.choice(PREFIXES) + rng.choice(ESTTAB)


# ------------------------------------------------------------------ predict after the me commands
ME_FITS = ["melogit b x1 || g:", "mepoisson c x1 || g:", "meglm y x1 || g:", "meprobit b x1 || g:", "menbreg c x1 || g:",
           "mecloglog b x1 || g:", "meologit o x1 || g:", "meoprobit o x1 || g:", "melogit b x1 || g: x1",
           "mepoisson c x1 || g: x1, covariance(unstructured)", "melogit b x1 || f: || g:", "mepoisson c x1 || f: || g:",
           "melogit b k || g:", "mepoisson c x1 || g:, intpoints(1)", "melogit b x1 || g:, laplace",
           "mepoisson c x1 [fw=w] || g:", "melogit b x1 if x1 > 0 || g:", "meglm c x1 || g:, family(poisson)",
           "meglm b x1 || g:, family(binomial) link(probit)", "mixed y x1 || g:", "meqrlogit b x1 || g:",
           "mepoisson c x1 || g:, exposure(ex)", "melogit b i.f x1 || g:"]
ME_PREDICT = ["predict nv", "predict nv, mu", "predict nv, xb", "predict nv, eta", "predict nv, pr", "predict nv, stdp",
              "predict r*, remeans", "predict r*, remodes", "predict r1, remeans", "predict r1 r2, remeans",
              "predict r1 r2 r3, remeans", "predict r*, remeans reses(s*)", "predict r*, remodes reses(s*)",
              "predict r1, remeans reses(s1)", "predict r1, remeans reses(s1 s2)", "predict r1, remeans reses(y)",
              "predict r*, remeans intpoints(1)", "predict r*, remeans intpoints(0)", "predict r*, remeans intpoints(-1)",
              "predict r*, remeans intpoints(1e300)", "predict r*, remeans intpoints(abc)", "predict r*, remeans intpoints(195)",
              "predict r*, remeans intpoints(7) reses(s*)", "predict r*, remodes intpoints(7)", "predict nv, intpoints(3)",
              "predict nv, mu intpoints(3)", "predict nv, mu conditional(ebmeans) intpoints(3)", "predict nv, reses(s1)",
              "predict r*, reffects", "predict r*, reffects reses(s*)", "predict r*, remeans remodes",
              "predict r*, remeans reffects", "predict y, remeans", "predict r*, remeans nooffset", "predict r*, remeans if 0",
              "predict r*, remeans in 1", "predict r*, remeans iterate(0)", "predict r*, remodes iterate(0)",
              "predict r*, remodes tolerance(-1)", "predict nv, mu marginal", "predict nv, mu fixedonly",
              "predict nv, density", "predict nv, distribution", "predict nv, pearson", "predict nv, deviance",
              "predict nv, anscombe", "predict nv, scores", "predict nv, outcome(2)", "predict r*, remeans outcome(2)",
              "margins, predict(remeans)", "margins, predict(remodes)", "margins, predict(mu fixedonly)",
              "margins, predict(mu) predict(xb)", "margins, predict(mu marginal)", "estat icc", "estat group"]


def _mepredict(rng):
    fit = rng.choice(ME_FITS)
    return [fit], rng.choice(PREFIXES) + rng.choice(ME_PREDICT)


# ------------------------------------------------------------------ margins with several predict()
MM_FITS = ["regress y x1 i.f", "logit b x1 i.f", "probit b x1", "poisson c x1 i.f", "ologit o x1", "mlogit o x1",
           "glm c x1, family(poisson)", "nbreg c x1", "tobit y x1, ll(0)", "mixed y x1 || g:", "melogit b x1 || g:",
           "mepoisson c x1 || g:", "ivpoisson gmm c x1 (x2 = t2)", "ivpoisson cfunction c x1 (x2 = t2)", "stcox x1",
           "streg x1, distribution(weibull)", "zip c x1, inflate(x2)", "heckman y x1, select(b = x2)", "xtreg y x1, fe",
           "xtlogit b x1, re", "ivregress 2sls y (x1 = x2)", "stcrreg x1, compete(cr == 2)", "biprobit b f x1"]
PREDS = ["xb", "pr", "n", "mu", "stdp", "ir", "outcome(1)", "outcome(2)", "outcome(#3)", "outcome(#9)", "eta", "e(0,.)",
         "pr(0,1)", "ystar(0,.)", "cpr(1)", "hr", "shr", "nooffset", "residuals", "nosuch", "xb equation(#2)",
         "fixedonly", "p11", "pmargin1", "u", "xbu", "median time", "mean time", "ycond", "psel", ""]


def _margins(rng):
    fit = rng.choice(MM_FITS)
    setup = []
    if fit.startswith(("stcox", "streg", "stcrreg")):
        setup.append("stset t2, failure(b)")
    elif fit.startswith("xt"):
        setup.append("xtset g t")
    setup.append(fit)
    preds = " ".join(f"predict({rng.choice(PREDS)})" for _ in range(rng.randrange(2, 5)))
    extra = rng.choice(["", "", " dydx(x1)", " at(x1 = (0 1))", " over(f)", " atmeans", " post", " level(0)",
                        " level(100)", " expression(predict(xb))", " dydx(*) at(x1 = 1e300)", " vce(unconditional)",
                        " nose", " pwcompare", " contrast", " coeflegend", " dydx(x1) predict(xb) predict(xb)"])
    lead = rng.choice(["margins", "margins f", "margins b", "margins i.f#i.b"])
    return setup, rng.choice(PREFIXES) + _cond(rng, f"{lead.rstrip(', ')}, {preds}{extra}")


# ------------------------------------------------------------------ graph matrix and log/date axes
GM = ["graph matrix y x1 x2", "graph matrix y x1 x2, half", "graph matrix y x1, diagonal(\"A\" \"B\")",
      "graph matrix y x1, diagonal(. \"B\", size(small))", "graph matrix y x1, diagopts(size(huge) color(red))",
      "graph matrix y x1 x2, maxes(xlabel(none) ylabel(none))", "graph matrix y x1, jitter(5) jitterseed(3)",
      "graph matrix y x1, jitter(-1)", "graph matrix y x1, jitter(1e300)", "graph matrix y x1, by(f)",
      "graph matrix y x1, by(f, rescale)", "graph matrix y x1, by(s)", "graph matrix y x1, by(z)",
      "graph matrix y x1, scale(0)", "graph matrix y x1, scale(-1)", "graph matrix y x1, scale(1e300)",
      "graph matrix y x1, iscale(*2)", "graph matrix y x1, xlabel(, axis(1))", "graph matrix y x1, xlabel(0 1, axis(3))",
      "graph matrix y x1, xscale(log)", "graph matrix y x1, maxes(xscale(log) yscale(log))", "graph matrix y",
      "graph matrix y s", "graph matrix y z", "graph matrix y k", "graph matrix y huge", "graph matrix y x1 [aw=w]",
      "graph matrix y x1 [fw=x1]", "graph matrix y x1, msymbol(p) mlabel(s)", "graph matrix y x1, title(\"T\") name(g1, replace)",
      "graph matrix y x1, saving(gm9, replace)", "graph matrix y x1, saving(gm9)", "graph matrix y x1, connect(l)",
      "graph matrix y x1, xtitle(\"x\", axis(1))", "graph matrix y x1 x2 c o t t2 w m, half", "graph matrix y i.f",
      "graph matrix y x1, diagonal()", "graph matrix y x1, diagonal(\"A\" \"B\" \"C\" \"D\")", "graph matrix y x1, nosuch"]
AXES = ["scatter y t2, xscale(log)", "scatter t2 x1, yscale(log)", "scatter y x1, xscale(log)", "line y x1, yscale(log)",
        "scatter y t2, xscale(log) xlabel(0.1 1 10)", "scatter y t2, xscale(log) xlabel(-1 0 1)",
        "scatter y t2, xscale(log range(0 100))", "scatter y t2, xscale(log reverse)", "scatter pos y, yscale(log) ylabel(#5)",
        "scatter y zero, xscale(log)", "scatter y huge, xscale(log)", "scatter y t2, xscale(log) xlabel(1e300)",
        "twoway line y t2, xscale(log) || scatter y t2", "twoway (scatter y t2) (lfit y t2), xscale(log)",
        "histogram t2, xscale(log)", "scatter y t2, xlog", "scatter y t2, ylog", "scatter y t2, xscale(log) xtick(##5)",
        "scatter y t2, xscale(log) xmtick(##10)", "scatter y t2, xscale(log) xlabel(minmax)",
        "generate dd = td(1jan2020) + _n\nformat dd %td\nscatter y dd, tlabel(1jan2020 1mar2020)",
        "scatter y tt, tlabel(#5)", "scatter y tt, tlabel(, format(%td))", "scatter y tt, xlabel(, format(%tdCY))",
        "scatter y tt, tscale(range(td(1jan1960) td(1jan1961)))", "scatter y tt, tlabel(td(1jan1960) td(31dec1959))",
        "scatter y tt, tlabel(1jan1960(7)1mar1960)", "scatter y tt, tlabel(nosuch)", "scatter y tt, ttick(#3) tmtick(##2)",
        "scatter y tt, xlabel(, format(%tc))", "scatter y tt, xlabel(, format(%tq)) xscale(log)",
        "scatter y tt, tlabel(1e300)", "tsline y", "tsline y, tlabel(#3) xscale(log)", "tsline y, ttitle(\"T\") tline(5)",
        "scatter y tt, tline(1jan1960)", "scatter y tt, xlabel(-1e300 1e300)", "scatter y tt, xscale(range(1e300))",
        "scatter y x1, xscale(log) by(f)", "scatter y x1, xlabel(, format(abc))"]


def _graph(rng):
    setup = []
    if rng.random() < 0.5:
        line = rng.choice(GM)
    else:
        line = rng.choice(AXES)
        if "\n" in line:
            *head, line = line.split("\n")
            setup += head
        if "tsline" in line or "tlabel" in line:
            setup.append(rng.choice(["tsset tt", "format tt %td\ntsset tt", "format tt %tm\ntsset tt", "format tt %td"]))
            setup = [part for item in setup for part in item.split("\n")]
    return setup, rng.choice(PREFIXES) + _cond(rng, line)


# ------------------------------------------------------------------ xtcsd
XTCSD_FITS = ["xtreg y x1, fe", "xtreg y x1, re", "xtreg y x1 x2, fe", "xtreg y x1 if x1 > 0, fe", "xtreg y k, fe",
              "xtreg y x1, be", "xtreg y x1, mle", "xtreg y x1, pa", "regress y x1", "xtlogit b x1, fe", "xtreg y x1 in 1/9, fe",
              "xtreg y x1 if g < 3, fe", "xtreg y x1 if g == 1, fe", "xtreg y x1 [fw=w], fe", "xtreg y x1 if t < 3, fe",
              "xtreg y i.f x1, fe", "xtreg y huge, fe", "xtreg y x1, fe vce(robust)", "xtreg zero x1, fe"]
XTCSD = ["xtcsd, pesaran", "xtcsd, friedman", "xtcsd, pesaran abs", "xtcsd, friedman abs", "xtcsd", "xtcsd, pesaran friedman",
         "xtcsd, frees", "xtcsd, show", "xtcsd, pesaran show", "xtcsd, nosuch", "xtcsd, abs", "xtcsd pesaran", "xtcsd y, pesaran",
         "xtcsd if x1 > 0, pesaran", "xtcsd in 1/5, friedman", "by f: xtcsd, pesaran", "xtcsd, pesaran level(0)"]


def _xtcsd(rng):
    setup = [rng.choice(["xtset g t", "xtset g t", "xtset g", "tsset tt", "xtset g t\ndrop if t == 3"])]
    setup = [part for item in setup for part in item.split("\n")]
    if rng.random() < 0.9:
        setup.append(rng.choice(XTCSD_FITS))
    return setup, rng.choice(PREFIXES) + rng.choice(XTCSD)


# ------------------------------------------------------------------ boxcox
BOXCOX = ["boxcox pos x1", "boxcox pos x1 x2", "boxcox pos", "boxcox pos x1, model(lhsonly)", "boxcox pos t2, model(rhsonly)",
          "boxcox pos t2, model(lambda)", "boxcox pos t2, model(theta)", "boxcox pos t2 x1, model(theta) notrans(x1)",
          "boxcox pos t2, model(nosuch)", "boxcox pos t2, model()", "boxcox pos x1, notrans(x2)", "boxcox pos x1, notrans(nosuch)",
          "boxcox pos x1, lrtest", "boxcox pos t2 x1, lrtest nolog model(theta) notrans(x1)", "boxcox pos x1, nologlr lrtest",
          "boxcox y x1", "boxcox zero x1", "boxcox k x1", "boxcox z x1", "boxcox s x1", "boxcox pos s", "boxcox pos x1 x1",
          "boxcox pos x1 x3", "boxcox pos k", "boxcox pos huge", "boxcox huge x1", "boxcox t2 x1", "boxcox pos x1 [fw=w]",
          "boxcox pos x1 [aw=w]", "boxcox pos x1 [iw=w]", "boxcox pos x1 [fw=x1]", "boxcox pos i.f x1", "boxcox pos c.x1#c.x2",
          "boxcox pos L.x1", "boxcox pos x1, noconstant", "boxcox pos x1, iterate(0)", "boxcox pos x1, from(1)",
          "boxcox pos x1, lstart(1)", "boxcox pos t2, model(rhsonly) notrans(x1)", "boxcox pos t2 x1, model(lambda) lrtest",
          "boxcox pos x1, level(0)", "boxcox pos x1, level(100)", "boxcox pos x1, level(99.99)", "boxcox", "boxcox, level(90)",
          "boxcox pos x1, vce(robust)", "boxcox pos m", "boxcox o x1", "boxcox c x1", "boxcox w t2, model(theta)"]
BOXCOX_POST = ["predict nv", "boxcox", "boxcox, level(0)", "test x1", "estat ic", "margins", "lincom x1", "estimates replay",
               "estat vce", "lrtest"]


def _boxcox(rng):
    line = _cond(rng, rng.choice(BOXCOX))
    if rng.random() < 0.25:
        return [line.replace("capture ", "")], rng.choice(PREFIXES) + rng.choice(BOXCOX_POST)
    return [], rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ stcrreg and stcox replicates
STSETS = ["stset t2, failure(b)", "stset t2, failure(cr == 1)", "stset t2, failure(cr == 1) id(sid)",
          "stset t2, failure(cr == 1) id(tt)", "stset pos, failure(cr == 1) enter(t2)", "stset t2 [fw=w], failure(cr == 1)",
          "stset t2 [pw=w], failure(cr == 1)", "stset t2 [iw=w], failure(cr == 1)", "stset t2, failure(cr == 1) exit(time 1)",
          "stset t2", "stset t2, failure(z)", "stset t2, failure(cr == 1) scale(1e-300)", "stset huge, failure(b)"]
STCRREG = ["stcrreg x1, compete(cr == 2)", "stcrreg x1 x2, compete(cr == 2)", "stcrreg x1, compete(cr)", "stcrreg x1, compete(cr == 2 0)",
           "stcrreg x1, compete(cr == 1)", "stcrreg x1, compete(cr == 9)", "stcrreg x1, compete(nosuch)", "stcrreg x1",
           "stcrreg x1, compete(s)", "stcrreg x1, compete(cr == 2) noshr", "stcrreg x1, compete(cr == 2) offset(x2)",
           "stcrreg x1, compete(cr == 2) vce(cluster g)", "stcrreg x1, compete(cr == 2) vce(cluster s)",
           "stcrreg x1, compete(cr == 2) vce(bootstrap, reps(3) seed(1))", "stcrreg x1, compete(cr == 2) vce(jackknife, nodots)",
           "stcrreg x1, compete(cr == 2) vce(bootstrap, reps(0))", "stcrreg x1, compete(cr == 2) vce(bootstrap, reps(-1))",
           "stcrreg x1, compete(cr == 2) vce(jackknife, mse)", "stcrreg x1, compete(cr == 2) tvc(x2)",
           "stcrreg x1, compete(cr == 2) tvc(x2) texp(ln(_t))", "stcrreg x1, compete(cr == 2) tvc(x2) texp(1e300)",
           "stcrreg x1, compete(cr == 2) noadjust", "stcrreg i.f x1, compete(cr == 2)", "stcrreg c.x1##c.x2, compete(cr == 2)",
           "stcrreg ibn.f, compete(cr == 2)", "stcrreg i.s, compete(cr == 2)", "stcrreg L.x1, compete(cr == 2)",
           "stcrreg k x1, compete(cr == 2)", "stcrreg x1 x3, compete(cr == 2)", "stcrreg huge, compete(cr == 2)",
           "stcrreg z, compete(cr == 2)", "stcrreg s, compete(cr == 2)", "stcrreg, compete(cr == 2)",
           "stcrreg x1, compete(cr == 2) constraints(1)", "stcrreg x1, compete(cr == 2) from(x1 = 1e300)",
           "stcrreg x1, compete(cr == 2) collinear", "stcrreg x1 [fw=w], compete(cr == 2)",
           "jackknife: stcrreg x1, compete(cr == 2)", "bootstrap, reps(3): stcrreg x1, compete(cr == 2)",
           "bootstrap, reps(3) cluster(g) idcluster(nid): stcrreg x1, compete(cr == 2)"]
STCRREG_POST = ["predict nv", "predict nv, xb", "predict nv, stdp", "predict nv, basecif", "predict nv, basecshazard",
                "predict s*, scores", "predict nv, esr", "predict d*, dfbeta", "predict sc*, schoenfeld", "predict nv, kmcensor",
                "predict nv, shr nooffset", "predict nv, basecif partial", "margins", "margins, predict(xb)",
                "margins, predict(shr) predict(xb)", "margins, dydx(x1)", "stcrreg", "stcrreg, noshr level(0)",
                "stcurve, cif", "stcurve, cif at(x1 = 0)", "estat ic", "test x1"]
STCOX_REPS = ["stcox x1, vce(bootstrap, reps(3) seed(1))", "stcox x1, vce(jackknife)", "stcox x1 x2, vce(jackknife, nodots)",
              "stcox x1, vce(bootstrap, reps(0))", "stcox x1, vce(bootstrap, reps(2) strata(f))",
              "stcox x1, vce(bootstrap, reps(3) cluster(g))", "stcox x1, vce(jackknife, cluster(g))",
              "stcox x1, vce(jackknife, cluster(s))", "stcox x1, vce(bootstrap, reps(3) size(1))",
              "stcox x1, vce(bootstrap, reps(3) size(0))", "stcox x1, vce(bootstrap, reps(3) size(1e300))",
              "stcox x1, vce(jackknife, mse)", "stcox x1, vce(bootstrap, reps(3) mse) level(0)", "stcox x1, vce(jackknife) level(100)",
              "bootstrap, reps(3) seed(1): stcox x1", "jackknife: stcox x1", "jackknife, cluster(g): stcox x1",
              "bootstrap, reps(3) cluster(g) idcluster(nid): stcox x1", "bootstrap _b, reps(3): stcox x1 x2",
              "jackknife _b[x1], rclass: stcox x1", "bootstrap r(mean), reps(3): stcox x1", "jackknife, n(e(N)): stcox x1",
              "jackknife, reject(e(N) < 30): stcox x1", "bootstrap, reps(3) reject(1): stcox x1",
              "bootstrap, reps(3) saving(bs9): stcox x1", "bootstrap, reps(3) saving(bs9, replace): stcox x1",
              "jackknife, saving(jk9): stcox x1", "stcox x1, vce(jackknife, saving(jk9))", "stcox i.f x1, vce(jackknife)",
              "stcox x1, shared(g) vce(jackknife)", "stcox x1, tvc(x2) vce(jackknife)", "stcox x1, efron vce(bootstrap, reps(2))",
              "stcox x1, exactp vce(jackknife)", "stcox k x1, vce(jackknife)", "stcox z, vce(jackknife)", "stcox x1 [pw=w], vce(jackknife)",
              "stcox x1, strata(f) vce(jackknife)", "stcox x1, vce(bootstrap, reps(3) nodrop)", "stcox huge, vce(jackknife)",
              "statsby _b, by(f): stcox x1", "by f: stcox x1, vce(jackknife)"]


def _st(rng):
    stset = rng.choice(STSETS)
    setup = ["constraint 1 x1 = 0.5", stset]
    if rng.random() < 0.5:
        line = rng.choice(STCRREG)
        if rng.random() < 0.3:
            return setup + [line.replace("capture ", "")], rng.choice(PREFIXES) + rng.choice(STCRREG_POST)
    else:
        line = rng.choice(STCOX_REPS)
    return setup, rng.choice(PREFIXES) + _cond(rng, line) if ":" not in line else rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ every estimation command: limits and fv operators
EST = ["regress y {X}", "logit b {X}", "probit b {X}", "cloglog b {X}", "logistic b {X}", "poisson c {X}", "nbreg c {X}",
       "gnbreg c {X}", "ologit o {X}", "oprobit o {X}", "mlogit o {X}", "mprobit o {X}", "slogit o {X}", "glm c {X}, family(poisson)",
       "glm b {X}, family(binomial)", "tobit y {X}, ll(0)", "intreg y pos {X}", "truncreg y {X}, ll(-5)", "qreg y {X}",
       "rreg y {X}", "areg y {X}, absorb(g)", "reghdfe y {X}, absorb(g)", "xtreg y {X}, fe", "xtreg y {X}, re", "xtreg y {X}, mle",
       "xtlogit b {X}, re", "xtlogit b {X}, fe", "xtpoisson c {X}, fe", "xtpoisson c {X}, re", "xtprobit b {X}", "xtgee y {X}",
       "xtnbreg c {X}", "xttobit y {X}, ll(0)", "xtologit o {X}", "ivregress 2sls y {X} (x2 = t2)", "ivpoisson gmm c {X} (x2 = t2)",
       "ivprobit b {X} (x2 = t2)", "ivtobit y {X} (x2 = t2), ll(0)", "heckman y {X}, select(b = x2)", "heckprob b {X}, select(f = x2)",
       "biprobit b f {X}", "zip c {X}, inflate(x2)", "zinb c {X}, inflate(x2)", "tpoisson c {X}", "fracreg logit b {X}",
       "betareg t2 {X}", "binreg b {X}", "hetprob b {X}, het(x2)", "scobit b {X}", "clogit b {X}, group(g)",
       "stcox {X}", "streg {X}, distribution(weibull)", "stcrreg {X}, compete(cr == 2)", "boxcox pos {X}",
       "mixed y {X} || g:", "melogit b {X} || g:", "mepoisson c {X} || g:", "meologit o {X} || g:", "menbreg c {X} || g:",
       "meglm y {X} || g:", "frontier y {X}", "cnsreg y {X}, constraints(1)", "eivreg y {X}", "newey y {X}, lag(1)",
       "prais y {X}", "arima y {X}, ar(1)", "xtpcse y {X}", "xtgls y {X}", "nl (y = {{b0}} + {{b1}}*x1)", "sureg (y {X}) (x2 x1)",
       "mvreg y x2 = {X}", "rologit b {X}, group(g)", "asclogit b {X}, case(g) alternatives(t)", "xtfrontier y {X}",
       "xtabond y {X}", "xtregar y {X}, fe", "xtivreg y (x2 = t2) {X}, fe", "xtcloglog b {X}", "xtintreg y pos {X}"]
FV = ["i.f", "i.f x1", "ibn.f", "ibn.f, noconstant", "b2.f x1", "ib(last).f", "ib(freq).g", "i(1 3).f", "i.f#i.b",
      "i.f##i.b", "c.x1#c.x1", "c.x1##c.x2", "i.f#c.x1", "i.f##c.x1", "o.x1 x2", "o2.f i.f", "i.s", "i.x1", "i.y", "c.f",
      "i.z", "i.k", "i.m", "L.x1", "L(0/2).x1", "D.x1", "F.x1", "S.x1", "L.i.f", "i.(f b)", "c.(x1 x2)##i.b", "i.f#i.f",
      "x1 i.f#i.g#i.b", "i.t2", "2.f", "i2.f", "#.f", "i.f##", "i.huge", "c.huge##c.x1", "i.cr##c.x1", "x1 x1", "x1 x3"]
EST_ODD = ["", "", "level(0)", "level(100)", "level(99.99)", "level(9.99)", "level(-1)", "level(1e300)", "iterate(0)",
           "iterate(-1)", "iterate(1e300)", "iterate(2147483648)", "tolerance(-1)", "tolerance(1e300)", "vce(robust)",
           "vce(cluster g)", "vce(cluster s)", "vce(bootstrap, reps(2))", "vce(jackknife)", "nolog", "coeflegend", "noomitted",
           "baselevels", "allbaselevels", "noemptycells", "fvwrap(0)", "cformat(%99.0f)", "offset(huge)", "exposure(x1)"]


def _fill(rng, template, regressors):
    return template.replace("{X}", regressors).replace("{{", "{").replace("}}", "}")


def _limits(rng):
    template = rng.choice(EST)
    line = _fill(rng, template, rng.choice(["x1", "x1 x2", "x1 i.f"]))
    opts = " ".join(rng.choice(EST_ODD) for _ in range(rng.randrange(1, 3))).strip()
    setup = ["constraint 1 x1 = 0.5"] + _est_setup(template)
    if opts:
        line = _with_options(line, opts)
    return setup, rng.choice(PREFIXES) + _cond(rng, line)


def _fvops(rng):
    template = rng.choice(EST)
    line = _fill(rng, template, rng.choice(FV))
    setup = ["constraint 1 x1 = 0.5"] + _est_setup(template, force_ts=True)
    if rng.random() < 0.3:
        return setup + [line.replace("capture ", "")], rng.choice(["margins", "margins f", "margins, dydx(*)", "predict nv",
                                                                   "test 2.f", "contrast f", "pwcompare f", "estat ic"])
    return setup, rng.choice(PREFIXES) + _cond(rng, line)


def _est_setup(template, force_ts=False):
    word = template.split()[0]
    if word.startswith(("st", "boxcox")) and word != "streg" and word not in ("stcox", "stcrreg"):
        return []
    if word in ("stcox", "streg", "stcrreg"):
        return ["stset t2, failure(cr == 1)"]
    if word.startswith("xt"):
        return ["xtset g t"]
    if word in ("newey", "prais", "arima") or force_ts:
        return ["tsset tt"] if not word.startswith("xt") else ["xtset g t"]
    return []


def _with_options(line, opts):
    if "||" in line:
        head, bar, tail = line.rpartition("||")
        return f"{head}{bar}{tail}{' ' if ',' in tail else ', '}{opts}"
    return f"{line}{' ' if ',' in line.split(')')[-1] or ', ' in line else ', '}{opts}"


# ------------------------------------------------------------------ by: on commands that are not byable
NOT_BYABLE = ["xtcsd, pesaran", "boxcox pos x1", "ivpoisson gmm c x1 (x2 = t2)", "stcrreg x1, compete(cr == 2)",
              "table (f)", "collect preview", "estpost summarize y", "esttab", "graph matrix y x1", "margins",
              "predict nv", "estat ic", "estimates store a", "bootstrap, reps(2): regress y x1", "jackknife: regress y x1",
              "xtset g t", "tsset tt", "stset t2", "graph twoway scatter y x1", "scatter y x1", "histogram y",
              "generate nv = 1", "egen nv = mean(y)", "save f9", "use f9", "merge 1:1 _n using f9", "reshape long y, i(tt) j(j)",
              "collapse y", "contract f", "expand 2", "drop x1", "keep y", "rename y yy", "label variable y \"Y\"",
              "mixed y x1 || g:", "melogit b x1 || g:", "fp <t2>: regress y <t2>", "mfp: regress y x1",
              "xi: regress y i.f", "test x1", "lincom x1", "nlcom _b[x1]", "set seed 1", "sort y", "order y",
              "describe", "codebook y", "preserve", "restore", "clear", "mkspline s 3 = x1", "tsfill", "fillin f b",
              "xtreg y x1, fe", "xtlogit b x1", "stcox x1", "sts graph", "pwmean y, over(f)", "tabstat y", "ltable t2 b",
              "stsplit sp, at(1 2)", "stptime", "strate", "vec y x1", "var y x1", "irf create a, set(i9)",
              "twoway lfit y x1", "tabulate f b", "summarize y", "regress y x1", "logit b x1", "list y in 1",
              "count", "correlate y x1", "ttest y, by(b)", "means y", "ci means y", "cii means 10 1 1", "display 1"]


def _byable(rng):
    line = rng.choice(NOT_BYABLE)
    prefix = rng.choice(["by f: ", "bysort f: ", "by f, sort: ", "bysort f (y): ", "by s, sort: ", "by z, sort: ",
                         "bysort nosuch: ", "by f:", "by f, rc0: ", "bysort g t: "])
    setup = ["xtset g t"] if "xt" in line or "var " in line or "vec " in line else []
    if line.split()[0] in ("stcrreg", "stcox", "sts", "ltable", "stsplit", "stptime", "strate"):
        setup = ["stset t2, failure(cr == 1)"]
    if line.startswith(("margins", "predict", "estat", "test", "lincom", "nlcom", "estimates")):
        setup = ["regress y x1"]
    if line.startswith(("collect", "esttab")):
        setup = ["table (f)"] if line.startswith("collect") else ["eststo: regress y x1"]
    if line.startswith(("use", "merge")):
        setup = ["save f9, replace"]
    return setup, rng.choice(PREFIXES) + prefix + line


FAMILIES = {"ivpoisson": (_ivpoisson, 4), "table": (_table, 3), "estout": (_estout, 4), "mepredict": (_mepredict, 3),
            "margins": (_margins, 4), "graph": (_graph, 3), "xtcsd": (_xtcsd, 2), "boxcox": (_boxcox, 3), "st": (_st, 4),
            "limits": (_limits, 5), "fvops": (_fvops, 5), "byable": (_byable, 2)}
ROUND9_SHAPES = {"full": 10, "one": 2, "empty": 2, "holes": 2, "strings": 1, "allmiss": 1, "extmiss": 1,
                 "magnitudes": 1, "huge": 1, "longnames": 1, "dates": 1}


def round9_cases(seed: int, count: int, only: set[str] | None = None) -> list[Case]:
    """``count`` cases, each from one family (weights above), deterministic for the seed; every
    setup starts with BASE's variables (made before the fuzzed line, not checked)."""
    cases = family_cases("round9", FAMILIES, ROUND9_SHAPES, seed, count, only)
    return [Case(c.command, c.shape, BASE + tuple(c.setup), c.line) for c in cases]


def main(argv=None) -> int:
    return run_main(__doc__.split("\n\n")[0], round9_cases, argv)


if __name__ == "__main__":
    sys.exit(main())

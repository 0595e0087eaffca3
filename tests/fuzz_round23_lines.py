"""Round 23 of the command fuzz (docs/command_fuzz.md): what the last two sessions added and earlier
rounds had not reached -- factor variables and R.varname in mixed's random-effects equations
(``|| g: i.f``, ``|| g: R.f``, ``|| _all: R.f``) and residuals(toeplitz #/ar #/banded #) with odd
orders; margins after sem and gsem; putdocx/putexcel etable; esttab/estout stats(layout()) and
wrap; reghdfe/ivreghdfe absorb() with interactions and odd varlists; metareg, pscore, regsave,
mestreg with pweights and vce(robust); display with very long expressions; fs; collapse and egen
on big and odd groups; string functions on all-distinct values.

The walk, mutations, shapes and checks are round 16's (tests/fuzz_round16_programs.py); only the
families differ; the file rules are round 22's run_case.

    python3 tests/fuzz_round23_lines.py [--seed 1] [--count 40] [--only mixedfv,tables] [--mutated-only] [-v]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round16_programs as r16  # noqa: E402
import fuzz_round22_lines as r22  # noqa: E402

_REG = "quietly regress y x1 i.f\nestimates store A"
_TWO = _REG + "\nquietly logit b x1\nestimates store B"
_SEM = "quietly sem (y <- x1 x2)"
_GSEM = "quietly gsem (y <- x1 M[g])"
_ST = "stset t2, failure(b)"
_LONG = " + ".join(["x1[1]"] * 400)
_BIG = "expand 200\ngenerate long id = _n\ngenerate u = mod(_n * 7919, 997)"

FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "mixedfv": ((), [
        "mixed y x1 || g: i.f", "mixed y x1 || g: R.f", "mixed y x1 || _all: R.f", "mixed y x1 || _all: R.g || f:",
        "mixed y x1 || g: i.f, cov(unstructured)", "mixed y x1 || g: i.f, cov(exchangeable)", "mixed y x1 || g: R.f, cov(exchangeable)",
        "mixed y x1 || g: R.s", "mixed y x1 || g: i.s", "mixed y x1 || g: R.z", "mixed y x1 || g: i.z", "mixed y x1 || g: i.k",
        "mixed y x1 || g: R.k", "mixed y x1 || g: i.m", "mixed y x1 || g: R.m", "mixed y x1 || _all: R.nosuch", "mixed y x1 || g: R.f R.f",
        "mixed y x1 || g: ibn.f", "mixed y x1 || g: i.f#c.x1", "mixed y x1 || g: c.x1#c.x1", "mixed y x1 || g: i.f##c.x1",
        "mixed y x1 || g: 2.f", "mixed y x1 || g: 9.f", "mixed y x1 || g: b2.f", "mixed y x1 || g: i.(f o)", "mixed y x1 || g: R.",
        "mixed y x1 || g: R.f, noconstant", "mixed y x1 || _all: R.x1", "mixed y x1 || _all: R.t || g:", "mixed y x1 if 0 || _all: R.f",
        "mixed y x1 in 1 || g: R.f", "mixed y x1 || g: i.f, reml", "mixed y x1 || _all: R.f, reml", "mixed y x1 [fw=w] || g: i.f",
        "mixed y x1 || g: i.f, pweight(w)", "mixed y x1 || g: L.x1", "mixed y x1 || g: i.f x1, cov(unstructured)",
        "mixed y x1 || g: x1 x2, cov(toeplitz 1)", "mixed y x1 || g:, cov(unstructured)", "mixed y x1 || g: x1, nocons cov(exchangeable)",
        "mixed y x1 || g:, residuals(toeplitz 0, t(t))", "mixed y x1 || g:, residuals(toeplitz 1, t(t))",
        "mixed y x1 || g:, residuals(toeplitz 7, t(t))", "mixed y x1 || g:, residuals(toeplitz 99, t(t))",
        "mixed y x1 || g:, residuals(toeplitz -1, t(t))", "mixed y x1 || g:, residuals(toeplitz 1.5, t(t))",
        "mixed y x1 || g:, residuals(toeplitz, t(t))", "mixed y x1 || g:, residuals(ar 1, t(t))", "mixed y x1 || g:, residuals(ar 7, t(t))",
        "mixed y x1 || g:, residuals(ma 2, t(t))", "mixed y x1 || g:, residuals(banded 0, t(t))", "mixed y x1 || g:, residuals(banded 9, t(t))",
        "mixed y x1 || g:, residuals(exchangeable, by(f))", "mixed y x1 || g:, residuals(exchangeable)", "mixed y x1 || g:, residuals(independent, by(g))",
        "mixed y x1 || g:, residuals(toeplitz 2, t(s))", "mixed y x1 || g:, residuals(toeplitz 2, t(x1))", "mixed y x1 || g:, residuals(toeplitz 2, t(z))",
        "mixed y x1 || g:, residuals(exponential, t(x1))", "mixed y x1 || g: R.f, residuals(ar 1, t(t))",
        "mixed y x1 || g: i.f\npredict r*, reffects", "mixed y x1 || g: i.f\npredict q, fitted", "mixed y x1 || _all: R.f\npredict r, reffects",
        "mixed y x1 || g: i.f\nestat icc", "mixed y x1 || g: i.f\nestat recovariance", "mixed y x1 || _all: R.f\nestat recovariance",
        "mixed y x1 || g: i.f\nmargins", "mixed y x1 || g: R.f\nlrtest . .", "xtmixed y x1 || g: i.f", "xtmixed y x1 || g: R.f",
        "meqrlogit b x1 || g: i.f", "melogit b x1 || g: R.f", "melogit b x1 || _all: R.f", "melogit b x1 || g: i.f",
        "mepoisson c x1 || _all: R.g", "meqrlogit b x1 || g: R.f",
    ]),
    "semmargins": ((), [
        _SEM + "\nmargins", _SEM + "\nmargins, predict(xb(y))", _SEM + "\nmargins, predict(xb(nosuch))", _SEM + "\nmargins, predict(xb(x1))",
        _SEM + "\nmargins, predict(xb)", _SEM + "\nmargins, dydx(x1) predict(xb(y))", _SEM + "\nmargins, at(x1 = (0 1)) predict(xb(y))",
        _SEM + "\nmargins, at(x1 = (1e300)) predict(xb(y))", _SEM + "\nmargins, predict(xb(y)) over(f)", _SEM + "\nmargins f, predict(xb(y))",
        _SEM + "\nmargins, predict(xb(y)) atmeans", _SEM + "\nmargins, predict(xb(y)) post", _SEM + "\nmargins, expression(exp(predict(xb(y))))",
        _SEM + "\nmargins, predict(xb(y)) nose", _SEM + "\nmargins, predict(xb(y)) dydx(x1) at(x1 = (0(1)3))", _SEM + "\nmargins, predict(xb(y)) at(x2 = .)",
        _SEM + "\nmargins, predict(xb(y)) over(s)", _SEM + "\nmargins, predict(xb(y)) over(z)", _SEM + "\nmargins, predict(xb(y)) level(99.99)",
        _SEM + "\nquietly margins, predict(xb(y)) at(x1 = (0 1))\nmarginsplot", _SEM + "\nmargins, predict(xb(y)) vce(unconditional)",
        "quietly sem (y <- x1 x2) (b <- x1)\nmargins, predict(xb(b))", "quietly sem (y <- x1 x2) (b <- y)\nmargins, predict(xb(b)) dydx(x1)",
        "quietly sem (y <- x1 x2) if f == 1\nmargins, predict(xb(y))", "quietly sem (y <- x1)\nmargins, predict(xb(y)) at(x1 = (-1e300 1e300))",
        "quietly gsem (y <- x1 x2)\nmargins, predict(mu outcome(y))", "quietly gsem (b <- x1 x2, logit)\nmargins, predict(mu outcome(b))",
        "quietly gsem (b <- x1 x2, logit)\nmargins, dydx(*) predict(pr outcome(b))", _GSEM + "\nmargins, predict(mu outcome(y) conditional(fixedonly))",
        _GSEM + "\nmargins, predict(eta outcome(y) marginal)", _GSEM + "\nmargins, predict(xb(y))", _GSEM + "\nmargins, predict(mu outcome(nosuch))",
        "quietly gsem (y <- i.f x1)\nmargins f", "quietly gsem (y <- i.f x1)\nmargins f, predict(mu outcome(y))",
        "quietly gsem (c <- x1, poisson)\nmargins, predict(mu outcome(c)) at(x1 = (0 700))", "quietly gsem (y <- x1) (b <- x1, logit)\nmargins",
        _SEM + "\ncontrast x1", _SEM + "\npwcompare x1", _SEM + "\nestat teffects\nmargins, predict(xb(y))",
    ]),
    "etables": ((), [
        _TWO + "\nesttab A B, stats(N r2, layout(@ @))", _REG + "\nesttab A, stats(N r2, layout(\"@ (@)\" @))", _REG + "\nesttab A, stats(N r2, layout(@ @ @))",
        _REG + "\nesttab A, stats(N r2, layout())", _REG + "\nesttab A, stats(N r2, layout(x))", _REG + "\nesttab A, stats(N r2, layout(@@ @))",
        _REG + "\nesttab A, stats(N r2, layout(\"@ @\" \"@\"))", _REG + "\nesttab A, stats(N r2, layout(\"[@]\" \"{@}\") fmt(0 3))",
        _REG + "\nesttab A, stats(N r2 nosuch, layout(@ \"@ @\"))", _REG + "\nesttab A, stats(N r2, layout(\"@ @\") labels(\"N and r2\"))",
        _REG + "\nesttab A, stats(r2 N, layout(# #) pchar(#))", _REG + "\nesttab A, stats(r2 N, layout(@ @) pchar())",
        _REG + "\nesttab A, stats(N, layout(\"@\" \"@\" \"@\" \"@\"))", _REG + "\nesttab A using t.csv, stats(N r2, layout(\"@ @\")) replace",
        _REG + "\nesttab A using t.tex, stats(N r2, layout(\"@ (@)\")) replace", _REG + "\nestout A, stats(N r2, layout(@ \"@\"))",
        _REG + "\nestout A, stats(N r2, layout(\"@\" \"@\") labels(a))", _REG + "\nesttab A, wrap", _REG + "\nesttab A, wrap varwidth(5)",
        _REG + "\nesttab A, wrap varwidth(0)", _REG + "\nesttab A, wrap varwidth(-1)", _REG + "\nesttab A, wrap varwidth(1000)",
        _REG + "\nesttab A, wrap label varwidth(3)", _REG + "\nesttab A, wrap modelwidth(0)", _REG + "\nesttab A, wrap modelwidth(1e9)",
        "label variable x1 `\"a long label, \"quoted\" `x' $G, that goes on and on and on and on and on and on\"'\n" + _REG + "\nesttab A, wrap label varwidth(10)",
        "label variable x1 \"averyverylongwordwithoutanyspacesinthelabel\"\n" + _REG + "\nesttab A, wrap label varwidth(10)",
        _REG + "\nesttab A using t.csv, wrap replace", _REG + "\nesttab A using t.tex, wrap replace label varwidth(4)",
        _REG + "\nesttab A using t.rtf, wrap replace label varwidth(4)", _REG + "\nesttab A, nowrap wrap",
        _REG + "\nputdocx begin\nputdocx table t = etable\nputdocx save d1, replace", _REG + "\nputexcel set p1.xlsx, replace\nputexcel A1 = etable",
        _REG + "\nputexcel set p1.xlsx, replace\nputexcel A1 = etable(1 2)", _REG + "\nputexcel set p1.xlsx, replace\nputexcel A1 = etable(0)",
        _REG + "\nputexcel set p1.xlsx, replace\nputexcel XFD1048576 = etable", _REG + "\nputexcel set p1.xlsx, replace\nputexcel A1048570 = etable",
        _REG + "\nputdocx begin\nputdocx table t = etable(a)", _REG + "\nputdocx begin\nputdocx table t = etable, nformat(%-9.3f)",
        _REG + "\nputdocx begin\nputdocx table t = etable, nformat(nosuch)", _REG + "\nputdocx begin\nputdocx table t = etable, nformat(%99.0g)",
        "quietly mixed y x1 || g: i.f\nputdocx begin\nputdocx table t = etable", "quietly mixed y x1 || g: R.f\nputexcel set p1.xlsx, replace\nputexcel A1 = etable",
        "quietly melogit b x1 || g:\nputdocx begin\nputdocx table t = etable", _SEM + "\nputdocx begin\nputdocx table t = etable",
        _GSEM + "\nputexcel set p1.xlsx, replace\nputexcel A1 = etable", _REG + "\nestimates table\nputdocx begin\nputdocx table t = etable",
        _REG + "\nquietly margins f\nputdocx begin\nputdocx table t = etable", "putexcel set p1.xlsx, replace\nputexcel A1 = etable",
        _REG + "\nquietly summarize y\nputexcel set p1.xlsx, replace\nputexcel A1 = etable", "quietly logit b x1, or\nputexcel set p1.xlsx, replace\nputexcel A1 = etable",
        "quietly regress y x1 i.f\nquietly estimates table, baselevels keep(x1)\nputexcel set p1.xlsx, replace\nputexcel A1 = etable",
        "quietly regress y x1 i.f\nquietly margins, dydx(*)\nputexcel set p1.xlsx, replace\nputexcel A1 = etable",
        "quietly reghdfe y x1, absorb(g)\nputdocx begin\nputdocx table t = etable", "quietly metareg y x1, wsse(w)\nputexcel set p1.xlsx, replace\nputexcel A1 = etable",
    ]),
    "hdfe": ((), [
        "reghdfe y x1, absorb(g)", "reghdfe y x1, absorb(g f)", "reghdfe y x1, absorb(i.g#i.f)", "reghdfe y x1, absorb(g#f)",
        "reghdfe y x1, absorb(i.g##i.f)", "reghdfe y x1, absorb(g#c.x2)", "reghdfe y x1, absorb(i.g#c.x2)", "reghdfe y x1, absorb(g s)",
        "reghdfe y x1, absorb(s)", "reghdfe y x1, absorb(z)", "reghdfe y x1, absorb(k)", "reghdfe y x1, absorb(sid)", "reghdfe y x1, absorb(nosuch)",
        "reghdfe y x1, absorb()", "reghdfe y x1, absorb(g g)", "reghdfe y x1, absorb(g, savefe)", "reghdfe y x1, absorb(fe=g)",
        "reghdfe y x1, absorb(fe=g fe=f)", "reghdfe y x1, absorb(y=g)", "reghdfe y x1, absorb(\"g f\")", "reghdfe y x1, absorb(g) vce(cluster g)",
        "reghdfe y x1, absorb(g) vce(cluster s)", "reghdfe y x1, absorb(g) vce(cluster g f)", "reghdfe y x1, absorb(g) vce(robust)",
        "reghdfe y x1 [aw=w], absorb(g)", "reghdfe y x1 [fw=w], absorb(g)", "reghdfe y x1 [pw=w], absorb(g)", "reghdfe y x1 if 0, absorb(g)",
        "reghdfe y x1 in 1, absorb(g)", "reghdfe y, absorb(g)", "reghdfe y x1 x1, absorb(g)", "reghdfe y g, absorb(g)", "reghdfe y i.f, absorb(f)",
        "reghdfe y i.f x1, absorb(g)", "reghdfe y c.x1##i.f, absorb(g)", "reghdfe y x1-x2, absorb(g)", "reghdfe y x*, absorb(g)", "reghdfe y s, absorb(g)",
        "reghdfe y z, absorb(g)", "reghdfe y k, absorb(g)", "reghdfe y x1, absorb(g) noabsorb", "reghdfe y x1, noabsorb", "reghdfe y x1",
        "reghdfe y x1, absorb(g) noconstant", "reghdfe y x1, absorb(g#f#o)", "reghdfe y x1, absorb(sid g)", "reghdfe y x1, absorb(t2)",
        "reghdfe y L.x1, absorb(g)", "reghdfe y x1, absorb(g) level(10)", "reghdfe y x1, absorb(g) nosuch",
        "ivreghdfe y (x1 = x2), absorb(g)", "ivreghdfe y (x1 = x2), absorb(g f)", "ivreghdfe y (x1 = x2), absorb(i.g#i.f)",
        "ivreghdfe y (x1 = x2), absorb(g#f o)", "ivreghdfe y (x1 = x2), absorb(s)", "ivreghdfe y (x1 = x2), absorb(z)", "ivreghdfe y (x1 = x2), absorb(nosuch)",
        "ivreghdfe y (x1 = x2), absorb(\"g\" f)", "ivreghdfe y (x1 = x2), absorb(g) cluster(g)", "ivreghdfe y (x1 = x2), absorb(g) robust",
        "ivreghdfe y (x1 = x2), absorb(g) first", "ivreghdfe y (x1 = x2), absorb(g) liml", "ivreghdfe y (x1 = x2), absorb(g) gmm2s",
        "ivreghdfe y (x1 = x1), absorb(g)", "ivreghdfe y (x1 = k), absorb(g)", "ivreghdfe y (x1 = g), absorb(g)", "ivreghdfe y (x1 x2 = c), absorb(g)",
        "ivreghdfe y x2 (x1 = c), absorb(g f)", "ivreghdfe y (x1 = x2) if 0, absorb(g)", "ivreghdfe y (x1 = x2), absorb()", "ivreghdfe y (x1 = x2)",
        "ivreghdfe y (x1 = s), absorb(g)", "ivreghdfe y (s = x2), absorb(g)", "ivreghdfe y (x1 = x2) [aw=w], absorb(g)",
    ]),
    "community": ((), [
        "metareg y x1, wsse(w)", "metareg y x1, wsse(w) mm", "metareg y x1, wsse(w) eb", "metareg y, wsse(w)", "metareg y x1 x2, wsse(w) z",
        "metareg y x1, wsse(z)", "metareg y x1, wsse(k)", "metareg y x1, wsse(s)", "metareg y x1, wsse(nosuch)", "metareg y x1",
        "metareg y x1, wsvar(w)", "metareg y x1, wsse(w) wsvar(w)", "metareg y x1, wsse(x1)", "metareg y x1 if 0, wsse(w)", "metareg y x1 in 1/2, wsse(w)",
        "metareg y x1, wsse(w) eform", "metareg y x1, wsse(w) tau2test", "metareg y x1, wsse(w) graph", "metareg y x1 x2, wsse(w) graph",
        "metareg y x1, wsse(w) level(10)", "metareg y x1, wsse(w) noconstant", "metareg y x1, wsse(w) permute(10)", "metareg y i.f, wsse(w)",
        "metareg y x1, wsse(w) reml mm", "metareg k x1, wsse(w)", "metareg y k, wsse(w)", "metareg y x1, wsse(w) randomsize graph",
        "pscore b x1 x2, pscore(ps)", "pscore b x1 x2, pscore(ps) blockid(bl)", "pscore b x1 x2, pscore(ps) logit comsup",
        "pscore b x1 x2, pscore(ps) numblo(0)", "pscore b x1 x2, pscore(ps) numblo(1e9)", "pscore b x1 x2, pscore(ps) numblo(-1)",
        "pscore b x1 x2, pscore(ps) level(0)", "pscore b x1 x2, pscore(ps) level(1)", "pscore b x1 x2, pscore(ps) level(a)",
        "pscore b x1 x2, pscore(y)", "pscore b x1 x2, pscore(ps) blockid(y)", "pscore b x1 x2, pscore(ps) blockid(ps)", "pscore b x1 x2",
        "pscore c x1 x2, pscore(ps)", "pscore k x1 x2, pscore(ps)", "pscore s x1, pscore(ps)", "pscore b s, pscore(ps)", "pscore b z, pscore(ps)",
        "pscore b x1 x2 if 0, pscore(ps)", "pscore b x1 x2 [fw=w], pscore(ps)", "pscore b x1 x2 [pw=w], pscore(ps) detail", "pscore b x1, pscore(ps) comsup\npscore b x1, pscore(ps2) comsup",
        "pscore b x1 i.f, pscore(ps)", "pscore b, pscore(ps)",
        "quietly regress y x1\nregsave", "quietly regress y x1\nregsave using rs1, replace", "quietly regress y x1\nregsave using rs1",
        "quietly regress y x1\nregsave using rs1, replace\nregsave using rs1, append", "quietly regress y x1\nregsave using out.txt",
        "quietly regress y x1\nregsave, tstat pval ci level(90)", "quietly regress y x1\nregsave, ci level(0)", "quietly regress y x1\nregsave, ci level(100)",
        "quietly regress y x1\nregsave x1", "quietly regress y x1\nregsave nosuch", "quietly regress y x1\nregsave, addlabel(a, 1, b, x)",
        "quietly regress y x1\nregsave, addlabel(a)", "quietly regress y x1\nregsave, addlabel(1a, 1)", "quietly regress y x1\nregsave, addlabel(coef, 1)",
        "quietly regress y x1\nregsave, detail(all)", "quietly regress y x1\nregsave, detail(nosuch)", "quietly regress y x1\nregsave, autoid",
        "quietly regress y x1\nregsave, df(0) pval", "quietly regress y x1\nregsave, df(-1) pval", "quietly regress y x1\nregsave, nose tstat",
        "quietly regress y x1\nregsave using nosuchdir/rs, replace", "quietly regress y x1\nregsave, cmdline double", "regsave",
        "quietly mixed y x1 || g:\nregsave", "quietly regress y x1 i.f\nregsave, pval", "quietly regress y x1\nregsave using rs1, append replace",
        "fs", "fs *", "fs *.dta", "fs nosuch*", "fs \"*.csv\" \"*.dta\"", "fs data.dta data.dta", "fs nosuchdir/*", "fs ../*", "fs [", "fs *.{dta,csv}",
        "fs, nosuch", "fs `\"a b\"'", "fs *\ndisplay r(files)", "fs nosuch\ndisplay \"`r(files)'\"",
    ]),
    "mestreg": ((_ST,), [
        "mestreg x1 || g:, distribution(weibull)", "mestreg x1 [pw=w] || g:, distribution(weibull)", "mestreg x1 || g:, distribution(weibull) vce(robust)",
        "mestreg x1 || g:, distribution(exponential) vce(cluster g)", "mestreg x1 || g:, distribution(weibull) vce(cluster f)",
        "mestreg x1 [pw=w] || g:, distribution(exponential) vce(oim)", "mestreg x1 [pw=w] || g: || t:, distribution(weibull)",
        "mestreg x1 || g: || t:, distribution(weibull) vce(robust)", "mestreg x1 [pw=s] || g:, distribution(weibull)", "mestreg x1 [pw=z] || g:, distribution(weibull)",
        "mestreg x1 [pw=k] || g:, distribution(weibull)", "mestreg x1 [pw=x1] || g:, distribution(weibull)", "mestreg x1 [fw=w] || g:, distribution(weibull)",
        "mestreg x1 [iw=w] || g:, distribution(weibull)", "mestreg x1 || g:, distribution(lognormal) vce(robust)", "mestreg x1 || g:, distribution(loglogistic) vce(robust)",
        "mestreg x1 || g:, distribution(gamma) vce(robust)", "mestreg x1 || g:, distribution(weibull) vce(robust) time", "mestreg x1 || g:, distribution(nosuch) vce(robust)",
        "mestreg x1 || g:, distribution(weibull) vce(nosuch)", "mestreg x1 || g:, distribution(weibull) vce(cluster s)", "mestreg x1 || g:, distribution(weibull) vce(cluster nosuch)",
        "mestreg x1 if g == 1 || g:, distribution(weibull) vce(robust)", "mestreg x1 if 0 || g:, distribution(weibull) vce(robust)",
        "mestreg x1 [pw=w] || g: x1, distribution(weibull)", "mestreg x1 || g: x1, distribution(weibull) vce(robust) cov(unstructured)",
        "mestreg x1 [pw=w] || g:, distribution(weibull)\npredict h, hazard", "mestreg x1 || g:, distribution(weibull) vce(robust)\nestat icc",
        "mestreg x1 || g:, distribution(weibull) vce(robust)\nlrtest . .", "mestreg x1 [pw=w] || g:, distribution(weibull) intpoints(1)",
        "mestreg x1 [pw=w] || g:, distribution(weibull) intmethod(laplace)", "mestreg x1 || g: R.f, distribution(weibull)",
        "mestreg x1 [pw=w] || g:, distribution(weibull) vce(bootstrap)", "mestreg x1 [pw=1e300] || g:, distribution(weibull)",
    ]),
    "display": ((), [
        "display " + _LONG, "display \"" + "a" * 5000 + "\"", "display " + " ".join(f"\"{i}\" _col({i % 200})" for i in range(400)),
        "display " + "(" * 300 + "1" + ")" * 300, "display " + "(" * 2000 + "1" + ")" * 2000, "display " + "-" * 3000 + "1",
        "display " + " + ".join(["1e300"] * 300), "display " + " * ".join(["1e300"] * 300), "display " + " + ".join(["\"ab\""] * 2000),
        "display " + "%9.2f " + " + ".join(["1"] * 1000), "display " + " ".join(["%9.2f 1"] * 500), "display " + "_skip(1) " * 2000,
        "display " + "_dup(3) \"ab\" " * 1000, "display " + "_dup(1e9) \"a\"", "display _dup(-1) \"a\"", "display _col(1e9) \"a\"", "display _skip(1e9)",
        "display " + " ".join(f"`\"{'x' * 50}\"'" for _ in range(200)), "display \"" + "`" * 100 + "\"", "display " + "strlen(\"" + "b" * 10000 + "\")",
        "display " + " & ".join(["1"] * 3000), "display " + " ".join(["_n"] * 3000), "display " + "in red " * 500 + "\"x\"",
        "display " + "cond(1, " * 200 + "1" + ", 0)" * 200, "display " + "max(" + ", ".join(["1"] * 5000) + ")", "display " + "substr(\"abc\", " + "1, 1)",
        "display " + "\"a\" " * 5000, "display as text " + "\"a\" _n " * 1000, "display %" + "9" * 300 + ".2f 1", "display %-1000s \"a\"",
        "display " + "y[" * 100 + "1" + "]" * 100, "display " + "1" + " + 1" * 30000, "display " + "\"" + "a\\" * 1000 + "\"",
        "display " + " ".join(["{res}"] * 500) + " 1", "display _request(x)", "display " + "(1 " * 10 + ")" * 11,
    ]),
    "groups": ((_BIG,), [
        "collapse (mean) y (sd) x1 (median) x2, by(u)", "collapse (p1) y (p99) y (iqr) x1, by(u)", "collapse (count) z (sum) z (mean) z, by(u)",
        "collapse (firstnm) s (lastnm) s (first) sid (last) sid, by(u)", "collapse (min) s (max) s, by(u)", "collapse (mean) y, by(id)",
        "collapse (sd) y, by(id)", "collapse (median) y, by(id)", "collapse (p50) y [fw=w], by(u)", "collapse (sd) y [aw=w], by(u)",
        "collapse (semean) y (sebinomial) b (sepoisson) c, by(u)", "collapse (rawsum) y (percent) y, by(u)", "collapse (mean) y, by(u s)",
        "collapse (mean) y, by(z)", "collapse (mean) y, by(k)", "collapse (mean) y, by(s)", "collapse (mean) y, by(sid)", "collapse (mean) y, by(nosuch)",
        "collapse (mean) y if 0, by(u)", "collapse (mean) y if u < 3, by(u id)", "collapse (sd) y (iqr) y, by(g f t)", "collapse (mean) y = x1 y, by(u)",
        "collapse (mean) y, by(u) cw", "collapse (mean) s, by(u)", "collapse (p101) y, by(u)", "collapse (p0) y, by(u)", "collapse (nosuch) y, by(u)",
        "replace y = 8.9e307 if mod(_n, 2)\ncollapse (sum) y (mean) y (sd) y, by(u)", "replace y = -0.0\ncollapse (median) y (p25) y, by(u)",
        "replace y = . if u > 500\ncollapse (median) y (sd) y (count) y, by(u)", "collapse (mean) x1 (sd) x1, by(u) fast",
        "egen q = mean(y), by(u)", "egen q = sd(y), by(id)", "egen q = median(y), by(u)", "egen q = pctile(y), p(37) by(u)", "egen q = iqr(y), by(u s)",
        "egen q = mode(u), by(g)", "egen q = mode(y), by(id)", "egen q = total(z), by(u) missing", "egen q = count(z), by(u)", "egen q = min(s), by(u)",
        "egen q = max(sid), by(u)", "egen q = std(y), by(u)", "egen q = rank(y), by(u)", "egen q = group(u s)", "egen q = tag(u id)", "egen q = mad(y), by(u)",
        "egen q = mdev(y), by(u)", "egen q = kurt(y), by(u)", "egen q = skew(y), by(u)", "egen q = pc(y), by(u)", "egen q = seq(), by(u)",
        "egen q = nvals(u)", "egen q = nvals(s), by(g)", "egen q = mean(y), by(nosuch)", "egen q = sd(y) if 0, by(u)",
        "replace y = 8.9e307 if mod(_n, 2)\negen q = mean(y), by(u)", "replace y = 8.9e307\negen q = sd(y), by(u)",
        "replace y = -0.0\negen q = median(y), by(u)", "bysort u: egen q = pctile(y), p(0)", "bysort u (id): egen q = mean(y)",
    ]),
    "strings": (("replace sid = sid + string(_n) + \"é\"",), [
        "generate q = strlen(sid)", "generate q = ustrlen(sid)", "generate q = upper(sid)", "generate q = ustrupper(sid)", "generate q = substr(sid, 2, 3)",
        "generate q = usubstr(sid, -2, .)", "generate q = substr(sid, 0, 0)", "generate q = substr(sid, 1e300, 1)", "generate q = substr(sid, -1e300, 1e300)",
        "generate q = strpos(sid, \"1\")", "generate q = ustrpos(sid, \"é\")", "generate q = strrpos(sid, \"\")", "generate q = subinstr(sid, \"d\", \"\", .)",
        "generate q = subinstr(sid, \"\", \"x\", .)", "generate q = subinstr(sid, \"i\", \"ii\", -1)", "generate q = usubinstr(sid, \"é\", \"e\", 1)",
        "generate q = regexm(sid, \"[0-9]+\")", "generate q = regexr(sid, \"[0-9]+\", \"#\")", "generate q = regexs(0)", "generate q = ustrregexm(sid, \"(\")",
        "generate q = ustrregexra(sid, \"\\d\", \"\")", "generate q = strtrim(\"  \" + sid + \"  \")", "generate q = itrim(sid)", "generate q = strreverse(sid)",
        "generate q = ustrreverse(sid)", "generate q = word(sid, 1)", "generate q = wordcount(sid)", "generate q = real(sid)", "generate q = real(substr(sid, 3, .))",
        "generate q = strofreal(_n, \"%20.0g\")", "generate q = string(_n * 1e300, \"%9.2f\")", "generate q = sid + sid", "generate q = sid * 3", "generate q = sid * 1e9",
        "generate q = strdup(sid, 2)", "generate q = abbrev(sid, 3)", "generate q = abbrev(sid, -1)", "generate q = char(strlen(sid) + 60)", "generate q = uchar(233 + _n)",
        "generate q = strlower(sid) == sid", "generate q = sid < sid[_n - 1]", "generate q = indexnot(sid, \"id\")", "generate q = tobytes(sid)",
        "generate q = ustrnormalize(sid, \"nfd\")", "generate q = ustrto(sid, \"ascii\", 1)", "generate q = ustrleft(sid, 3)", "generate q = ustrright(sid, 2)",
        "generate q = ustrword(sid, 1)", "generate q = ustrwordcount(sid)", "generate q = strtoname(sid)", "generate q = ustrtoname(\"1\" + sid)",
        "generate q = soundex(sid)", "generate q = soundex_nara(sid)", "generate q = proper(sid)", "generate q = ustrtitle(sid)", "generate q = plural(2, sid)",
        "generate q = subinword(sid, \"id1\", \"x\", .)", "generate q = strmatch(sid, \"id1*\")", "generate q = ustrcompare(sid, \"id2\")", "generate q = ustrsortkey(sid)",
        "generate q = sid[_n + 1] + sid[_n - 1]", "replace sid = upper(sid) in 1/20", "replace sid = \"\" if mod(_n, 3) == 0", "replace sid = sid + sid + sid",
        "replace s = substr(sid, 1, 2)", "encode sid, generate(q)", "decode g, generate(q)", "tostring y, generate(q) format(%20.17g)", "destring sid, generate(q) ignore(\"id\")",
        "destring sid, replace force", "egen q = concat(sid y), punct(\"|\")", "egen q = ends(sid), trim", "split sid, parse(\"d\")", "generate str1 q = sid", "generate strL q = sid * 2",
    ]),
}

WHOLE: set[str] = set()
run_case = r22.run_case


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False):
    return r16.cases(seed, count, only, mutated_only, FAMILIES, WHOLE)


if __name__ == "__main__":
    sys.exit(r16.main(families=FAMILIES, whole=WHOLE, runner=run_case))

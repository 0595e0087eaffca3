"""Round 16 of the command fuzz (docs/command_fuzz.md): the commands of the last two sessions
and the program/macro layer real do-files lean on.

A seeded combinatorial walk: each family below has a setup (run first, not checked) and a few
well-formed lines; a case takes one of them and applies zero to three *mutations* -- the varlist
emptied or a string variable put where a number goes, ``if 0`` / ``in`` ranges selecting
nothing, huge and tiny numbers, a quote or parenthesis left open or doubled, an option
repeated, abbreviated, written in capitals or joined by an unknown one -- and runs it on one of
the fuzz shapes (tests/fuzz_command_data.py: full, one, empty, holes, strings, allmiss,
magnitudes), sometimes after making g, f and b constant (one group).

Checks: fuzz_commands.run_case's (no internal error or escaped exception, no hang past
``LIMIT`` CPU seconds, the data unchanged after a failing line), and the files of the folder:
a failing line writes, changes or removes none, and no line without ``replace`` changes a file
that was there (``out.txt``, ``out.csv``, ``out.tex``, ``out.xls``, ``out.rtf`` are planted before each case).

    python3 tests/fuzz_round16_programs.py [--seed 1] [--count 40] [--only frames,macros] [--mutated-only]
                                           [--limit 20] [--show] [-v]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_commands as fc  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402

LIMIT = 20.0
SHAPES = ["full", "full", "full", "one", "empty", "holes", "strings", "allmiss", "magnitudes"]
PLANTED = {"out.txt": b"planted text\n", "out.csv": b"a,b\n1,2\n", "out.tex": b"% planted\n",
           "out.xls": b"planted", "out.rtf": b"{\\rtf1 planted}"}

_FIT = "quietly regress y x1 x2"
_MIXED = "quietly mixed y x1 || g:"
_XTMIXED = "quietly xtmixed y x1 || g:"

# family -> (setup, lines)
FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "frames": ((), [
        "frame create fr2", "frame create fr2 y x1", "frame copy default fr2", "frame copy default fr2, replace",
        "frame change default", "frame rename default other", "frame drop default", "frame put y x1, into(fr2)",
        "frame put if x1 > 0, into(fr2)", "frame put y in 1/5, into(fr2)", "frame fr2: describe",
        "frame create fr2\nframe fr2: set obs 3\nframe fr2: generate g = _n\nframe fr2: generate v = g * 2",
        "frame dir", "frames dir", "frame pwd", "frame drop nosuch", "frame create default", "frame reset",
        "frame copy default default", "frame change nosuch", "frame create 1bad", "frame put _all, into(fr2)",
        "frame create fr2\nframe drop fr2\nframe change fr2",
    ]),
    "frlink": (("frame put g x1 if t == 1, into(gf)",), [
        "frlink m:1 g, frame(gf)", "frlink m:1 g, frame(gf) generate(lk)", "frlink 1:1 g, frame(gf)",
        "frlink m:1 g, frame(gf)\nfrget x1, from(gf)", "frlink m:1 g, frame(gf)\nfrget gx = x1, from(gf)",
        "frlink m:1 g, frame(gf)\nfrget *, from(gf) prefix(p_)", "frlink m:1 g, frame(gf)\nfrget x1, from(gf) suffix(_s)",
        "frlink m:1 s, frame(gf)", "frlink m:1 g, frame(nosuch)", "frlink m:1 g, frame(gf g)", "frlink dir",
        "frlink m:1 g, frame(gf)\nfrlink describe gf", "frlink m:1 g, frame(gf)\nfrlink rebuild gf",
        "frlink m:1 g, frame(gf)\nfrget nosuch, from(gf)", "frget x1, from(nosuch)",
        "frlink m:1 g, frame(gf)\nfrget x1, from(gf) exclude(x1)", "frlink m:1 g x1, frame(gf)",
    ]),
    "tabout": ((), [
        "tabout f using out.txt, replace", "tabout f g using out.txt, replace", "tabout f using out.txt",
        "tabout f g using out.txt, replace cells(freq row col) format(1 1 1)",
        "tabout f using out.txt, replace oneway style(csv)", "tabout f using out.tex, replace style(tex)",
        "tabout f g using out.txt, replace sum cells(mean x1 sd x1)",
        "tabout f using out.txt, append", "tabout f [fw=w] using out.txt, replace",
        "tabout f g using out.txt, replace h1(a|b) h2(nil) total(All) show(none)",
        "tabout s using out.txt, replace", "tabout f using out.txt, replace layout(row) clab(A B)",
    ]),
    "repest": (("generate double pv1 = y\ngenerate double pv2 = y + 0.1\ngenerate double rw1 = w\ngenerate double rw2 = w + 1",), [
        "repest SVY, estimate(means x1) svyparms(NBpv(2) final_weight_name(w) rep_weight_name(rw) variancefactor(1) NREP(2))",
        "repest SVY, estimate(means pv@) svyparms(NBpv(2) final_weight_name(w) rep_weight_name(rw) variancefactor(1) NREP(2))",
        "repest SVY, estimate(stata: regress pv@ x1) svyparms(NBpv(2) final_weight_name(w) rep_weight_name(rw) variancefactor(1) NREP(2))",
        "repest SVY, estimate(freq f) svyparms(NBpv(2) final_weight_name(w) rep_weight_name(rw) variancefactor(1) NREP(2))",
        "repest SVY, estimate(summarize x1, stats(mean sd)) svyparms(NBpv(2) final_weight_name(w) rep_weight_name(rw) variancefactor(1) NREP(2)) by(f)",
        "repest SVY, estimate(corr x1 x2) svyparms(NBpv(2) final_weight_name(w) rep_weight_name(rw) variancefactor(1) NREP(2)) over(b)",
        "repest SVY, estimate(means x1) svyparms(NBpv(2) final_weight_name(w) rep_weight_name(rw) variancefactor(1) NREP(2)) outfile(out)",
        "repest PISA, estimate(means x1)", "repest SVY, estimate(means x1)",
        "repest SVY, estimate(quantiletable x1 y) svyparms(NBpv(2) final_weight_name(w) rep_weight_name(rw) variancefactor(1) NREP(2))",
    ]),
    "nscale": ((), [
        "nscale x1", "nscale x1 x2, prefix(n_)", "nscale x1, postfix(_z) separator", "nscale x1 x2, generate(a1 a2)",
        "nscale x1, replace", "nscale x1, missing(0) up", "nscale x1, missing(0) down reverse", "nscale k",
        "nscale s", "nscale x1, generate(y)", "nscale x1 x2, generate(a1)", "nscale x1, tabulate", "nscale z m",
    ]),
    "xtmrho": ((), [
        _XTMIXED + "\nxtmrho", _MIXED + "\nxtmrho", _FIT + "\nxtmrho", "xtmrho",
        "quietly xtmixed y x1 || g: x1\nxtmrho", "quietly xtmelogit b x1 || g:\nxtmrho",
        "quietly xtmepoisson c x1 || g:\nxtmrho", _XTMIXED + "\nxtmrho, nosuch",
    ]),
    "gsem": ((), [
        "gsem (y <- x1)", "gsem (b <- x1), logit", "gsem (c <- x1), poisson", "gsem (o <- x1), ologit",
        "gsem (y <- x1 M1[g])", "gsem (b <- x1 M1[g]), logit", "gsem (y <- x1 c.x1#M2[g] M1[g])",
        "gsem (c <- x1 M1[g]), nbreg", "gsem (y <- x1), family(gamma) link(log)", "gsem (b <- x1), family(bernoulli) link(probit)",
        "gsem (y <- x1 M1[g]), covstructure(_LEx, diagonal)", "gsem (t2 <- x1), family(weibull, failure(b))",
        "gsem (y <- x1) (b <- x1, logit)", "gsem (s <- x1)", "gsem (y <- s)", "gsem (y <- x1 M1[s])",
        "gsem (y <- x1 M1[g]), intpoints(1)", "gsem (c <- x1), family(binomial 3) link(logit)",
    ]),
    "mi": (("generate double m1 = cond(missing(m), x1, m)\ngenerate double m2 = cond(missing(m), x2, m)",), [
        "mi set wide", "mi set mlong", "mi set flong", "mi set mlong\nmi register imputed m",
        "mi set mlong\nmi register regular x1", "mi set mlong\nmi register imputed s", "mi register imputed m",
        "mi import wide, imputed(m = m1 m2)", "mi import wide, imputed(m = m1 m2) drop",
        "mi import wide, imputed(m = m1 m2)\nmi estimate: regress y m",
        "mi import wide, imputed(m = m1 m2)\nmi estimate, dots: mixed y m || g:",
        "mi import wide, imputed(m = m1 m2)\nmi estimate, vartable: regress y m x1",
        "mi import wide, imputed(m = m1 m2)\nmi estimate, mcerror: logit b m",
        "mi import wide, imputed(m = m1 m2)\nmi estimate (r: _b[m] / _b[x1]): regress y m x1",
        "mi import wide, imputed(m = m1 m2)\nmi extract 1, clear", "mi import wide, imputed(m = m1 m2)\nmi extract 5, clear",
        "mi import wide, imputed(m = m1 m2)\nmi extract 0", "mi import wide, imputed(m = m1 m2)\nmi describe",
        "mi import wide, imputed(m = m1 m2)\nmi estimate, nimputations(1): regress y m",
        "mi import wide, imputed(m = m1 m2)\nmi estimate, imputations(1 2 3): regress y m",
        "mi import wide, imputed(m = m1 m2)\nmi estimate, esampvaryok: regress y m",
        "mi import wide, imputed(m = m1 s)", "mi import wide, imputed(m = nosuch)", "mi import wide, imputed(m)",
        "mi import flong, m(o) id(sid) imputed(m)", "mi set mlong\nmi estimate: regress y x1",
        "mi extract 0, clear", "mi set nosuch",
    ]),
    "svyset": ((), [
        "svyset g [pw=w]", "svyset g, weight(w) || t, weight(w)", "svyset g, weight(w)", "svyset g [pw=w] || t, weight(w)",
        "svyset g, weight(s)", "svyset g, weight(x1) || _n", "svyset g, weight(nosuch)",
        "svyset g, weight(w) || t, weight(w)\nsvy: mean y", "svyset g, weight(w) || t, weight(w)\nsvy: regress y x1",
        "svyset g, weight(w) || t, weight(w)\nsvydescribe", "svyset g, weight(w) strata(f)",
        "svyset g, weight(w) weight(w)", "svyset g [iw=w], weight(w)", "svyset, clear", "svyset",
    ]),
    "erepost": ((_FIT, "matrix b = e(b)", "matrix V = e(V)"), [
        "erepost b = b", "erepost V = V", "erepost b = b V = V", "erepost b = b, cmd(foo)", "erepost, noesample",
        "generate one = 1\nerepost, esample(one)", "erepost, esample(s)", "erepost b = nosuch", "erepost b = V",
        "matrix b2 = b[1,1..2]\nerepost b = b2", "ereturn repost b = b", "ereturn repost V = V", "ereturn repost b = V",
        "ereturn repost, esample(b)", "ereturn repost", "erepost, obs(-1)", "erepost, dof(0)", "erepost, properties(b V)",
        "matrix b[1,1] = .\nerepost b = b", "matrix V[1,1] = -1\nerepost V = V", "erepost b = b, rename",
    ]),
    "esample": ((_FIT, "estimates store m1"), [
        "estimates esample:", "estimates esample: y x1 x2", "estimates esample: y x1 x2, replace",
        "estimates esample: y x1 if x1 > 0, replace", "estimates esample: nosuch, replace", "estimates esample",
        "estimates esample: s, replace", "estimates esample: [fw=w], replace", "estimates esample: y in 1/0, replace",
        "estimates esample:, zero", "estimates esample: y, replace zero",
    ]),
    "contrast": (("quietly regress y i.f x1",), [
        "contrast f", "contrast {f -1 1 0}", "contrast {f -1 1}", "contrast {f -1 1 0}@b", "contrast {f 1 -1 0} {f 0 1 -1}",
        "contrast {f a b c}", "contrast {f 1 -1 0}, effects", "contrast r.f", "contrast ar.f", "contrast {nosuch 1 -1}",
        "contrast {f 1e300 -1e300 0}", "contrast {f", "contrast f}", "contrast {f -1 1 0}#x1",
        "quietly regress y i.f##i.b\ncontrast {f -1 1 0}@b", "quietly regress y i.f##i.b\ncontrast {f -1 1 0}#{b -1 1}",
        "contrast {f 0.5 0.5 -1}, pveffects", "contrast {f -1 1 0}, mcompare(bonferroni)",
    ]),
    "plots": (("quietly regress y i.f x1", "quietly margins f"), [
        "marginsplot", "marginsplot, noci", "marginsplot, recast(bar)", "marginsplot, recastci(rarea)",
        "marginsplot, xdimension(f)", "marginsplot, by(f)", "marginsplot, plotopts(lcolor(red))",
        "marginsplot, ciopts(lpattern(dash))", "marginsplot, name(g1, replace)", "marginsplot, title(\"a\")",
        "coefplot", "coefplot, drop(_cons)", "coefplot, keep(x1)", "coefplot, xline(0)", "coefplot, vertical",
        "coefplot, levels(99 95)", "coefplot, ci(90)", "coefplot, rename(x1 = X)", "coefplot, order(x1)",
        "coefplot, mlabel format(%9.2f)", "coefplot, baselevels", "coefplot nosuch", "coefplot, eform",
        "marginsplot, level(0)", "coefplot, level(100)",
    ]),
    "tables": ((_FIT, "estimates store m1", "quietly regress y x1", "estimates store m2"), [
        "esttab", "esttab m1 m2", "esttab m1 m2, se", "esttab using out.csv", "esttab using out.csv, replace",
        "esttab, b(3) se(2) star(* 0.1 ** 0.05)", "esttab, keep(x1) drop(_cons)", "esttab, mtitles(a b)",
        "esttab, label", "esttab, nostar noobs", "esttab, stats(N r2)", "esttab nosuch", "esttab, b(%9.3f)",
        "esttab using out.tex, replace booktabs", "esttab using out.rtf", "esttab, cells(b se)", "esttab, wide",
        "outreg", "outreg using out.txt", "outreg using out.txt, replace", "outreg, se bdec(2)", "outreg, stats(b se p)",
        "outreg, keep(x1)", "outreg, starlevels(10 5 1)", "outreg, summstat(r2 \\ N)", "outreg, level(101)",
        "outreg2 using out.txt", "outreg2 using out.txt, replace", "outreg2 using out.xls, replace",
        "outreg2 [m1 m2] using out.txt, replace", "outreg2 x1 using out.txt, replace", "outreg2 using out.txt, replace bdec(2)",
        "outreg2 using out.txt, replace addstat(R2, e(r2))", "outreg2 using out.txt, replace addtext(FE, YES)",
        "outreg2 using out.txt, replace stats(coef se pval)", "outreg2 using out.txt, replace ci level(90)",
        "outreg2 [nosuch] using out.txt, replace", "outreg2 using out.txt, replace sideway",
    ]),
    "syntax": ((), [
        "program define p\nsyntax varlist\ndi \"`varlist'\"\nend\np x1",
        "program define p\nsyntax [varlist] [if] [in]\ndi \"`if' `in'\"\nend\np if x1 > 0",
        "program define p\nsyntax varlist(numeric min=2 max=3)\nend\np x1 x2",
        "program define p\nsyntax varlist(numeric)\nend\np s",
        "program define p\nsyntax anything(name=a)\ndi `\"`a'\"'\nend\np a \"b\" c",
        "program define p\nsyntax [, Level(real 95) SAving(string) Replace]\ndi \"`level' `saving' `replace'\"\nend\np, l(90) sa(x) r",
        "program define p\nsyntax [, n(integer 3)]\ndi `n'\nend\np, n(2.5)",
        "program define p\nsyntax newvarlist(max=1)\nend\np x1",
        "program define p\nsyntax using/ [, replace]\ndi \"`using'\"\nend\np using \"a b.txt\"",
        "program define p\nsyntax [anything] [fw aw]\ndi \"`weight' `exp'\"\nend\np [fw=w]",
        "program define p\nsyntax varlist(fv ts)\ndi \"`varlist'\"\nend\np i.f L.x1",
        "program define p\nsyntax [, *]\ndi `\"`options'\"'\nend\np, a(b) c",
        "program define p\nsyntax =exp [if]\ndi `\"`exp'\"'\nend\np = x1 + 1",
        "program define p\nsyntax namelist(max=2)\ndi \"`namelist'\"\nend\np a b c",
        "program define p\nsyntax [, opt(numlist >0 integer)]\ndi \"`opt'\"\nend\np, opt(1 2 -3)",
        "program define p\nsyntax varlist(default=none)\nend\np",
        "program define p\nsyntax [, A B]\nend\np, a",
        "program define p\nsyntax anything(id=\"thing\" equalok everything)\ndi `\"`anything'\"'\nend\np a = b if c",
        "program define p\nsyntax , Required(string)\nend\np", "program define p\nsyntax [, opt(passthru)]\ndi `\"`opt'\"'\nend\np, opt(a \"b\")",
        "program define p\nsyntax varlist(min=3 max=2)\nend\np x1 x2", "program define p\nsyntax [varlist(str)]\nend\np x1",
        "program define p\nsyntax [if/] [in]\ndi `\"`if'\"'\nend\np if x1 > 0", "program define p\nsyntax [, n(real 1e300) m(integer -1)]\ndi `n' `m'\nend\np, n(1e309)",
        "program define p\nsyntax [, list(numlist min=2 max=1)]\nend\np, list(1 2)", "program define p\nsyntax name(name=nm)\ndi \"`nm'\"\nend\np 1bad",
        "program define p\nsyntax [, Level(cilevel)]\ndi `level'\nend\np, level(120)", "program define p\nsyntax [, *]\nsyntax [, a]\nend\np, a b",
        "program define p\nsyntax varlist [aweight fweight/]\ndi \"`exp'\"\nend\np x1 [fw=w]", "program define p\nsyntax\nend\np x",
        "program define p\nsyntax [\nend\np", "program define p\nsyntax varlist(numeric ts fv default=empty\nend\np",
    ]),
    "args": ((), [
        "program define p\nargs a b\ndi \"`a'|`b'\"\nend\np 1 2 3", "program define p\nargs a b\ndi \"`a'|`b'\"\nend\np",
        "program define p\nargs a\ndi `\"`a'\"'\nend\np `\"a \"b\" c\"'", "program define p\nargs 1a\nend\np x",
        "tokenize a b c\ndi \"`1' `2' `3' `4'\"", "tokenize \"a,b,c\", parse(\",\")\ndi \"`1' `2' `3'\"",
        "tokenize `\"\"a b\" c\"'\ndi `\"`1'|`2'\"'", "tokenize", "tokenize , parse()",
        "local s a b c\ngettoken f s : s\ndi \"`f'|`s'\"", "local s `\"\"a b\" c\"'\ngettoken f s : s\ndi `\"`f'|`s'\"'",
        "local s a,b\ngettoken f s : s, parse(\",\")\ndi \"`f'|`s'\"", "gettoken f s : nosuch", "gettoken f : s, quotes",
        "local s `\"`\"a\"' b\"'\ngettoken f s : s, qed(q)\ndi `\"`f'|`q'\"'", "local s (a b) c\ngettoken f s : s, match(p)\ndi \"`f'|`p'\"",
        "local s (a b c\ngettoken f s : s, match(p)\ndi \"`f'|`p'\"", "gettoken", "gettoken f",
    ]),
    "macros": ((), [
        "local l a b c\ndi `:word count `l''", "local l a b c\ndi \"`:word 2 of `l''\"", "local l a b c\ndi \"`:word 0 of `l''\"",
        "local l a b c\ndi \"`:word -1 of `l''\"", "local l a b a\ndi \"`:list uniq l'\"", "local l a b\nlocal m b c\ndi \"`:list l | m'\"",
        "local l a b\nlocal m b c\ndi \"`:list l & m'\"", "local l a b\nlocal m b c\ndi \"`:list l - m'\"",
        "local l c a b\ndi \"`:list sort l'\"", "local l a b\ndi `:list sizeof l'", "local l a b\ndi \"`:list posof \"b\" in l'\"",
        "local l a b\ndi `:list l in l'", "local l a b\ndi \"`:list retokenize l'\"", "local l a b\ndi \"`:list nosuch l'\"",
        "local s abcabc\nlocal t : subinstr local s \"b\" \"X\", all\ndi \"`t'\"",
        "local s abcabc\nlocal t : subinstr local s \"b\" \"X\", count(local n)\ndi \"`t' `n'\"",
        "local s abcabc\nlocal t : subinstr local s \"\" \"X\"\ndi \"`t'\"", "local t : subinstr local nosuch \"a\" \"b\"",
        "local t : subinstr global G \"a\" \"b\", word all", "local s a b c\nlocal t : subinstr local s \"b\" \"X\", word",
        "local s abcdefgh\nlocal t : piece 1 3 of \"`s'\"\ndi \"`t'\"", "local t : piece 0 3 of \"abc\"",
        "local t : piece 1 0 of \"abc\"", "local t : piece 1 3 of \"\"", "local t : piece 9 3 of \"abc\", nobreak",
        "local t : word count", "local t : word count \"a b\" c\ndi `t'", "local t : type x1\ndi \"`t'\"",
        "local t : variable label y\ndi \"`t'\"", "local t : value label g\ndi \"`t'\"", "local t : format nosuch",
        "local t : di %9.2f 1e300\ndi \"`t'\"", "local t : di %9.2f", "local t : length local nosuch\ndi `t'",
        "local a `\"`\"x\"' `\"y\"'\"'\ndi `\"`a'\"'", "local a `\"a\ndi `\"`a'\"'", "local a \"a\ndi \"`a'\"",
        "di `\"`\"`\"a\"'\"'\"'", "local a `=1e308*10'\ndi \"`a'\"", "local a `=s'", "local a ``b''", "local a `'",
        "global G `\"a\"b\"'\ndi `\"$G\"'", "local ++n\nlocal --n\ndi `n'", "local n = 1/0\ndi \"`n'\"",
    ]),
    "loops": ((), [
        "forvalues i = 1/3 {\ndi `i'\n}", "forvalues i = 3/1 {\ndi `i'\n}", "forvalues i = 1(0)3 {\ndi `i'\n}",
        "forvalues i = 1(-1)3 {\ndi `i'\n}", "forvalues i = 1(0.5)2 {\ndi `i'\n}", "forvalues i = 1e300/1e300 {\ndi `i'\n}",
        "forvalues i = 0(1e-300)1e-299 {\n}", "forvalues i = 1/. {\n}", "forvalues i = a/b {\n}", "forvalues i = 1/3 {",
        "forvalues i = 1 3 5 {\ndi `i'\n}", "forvalues i = 10(-3)1 {\ndi `i'\n}", "forvalues i = 1 (1) 3 {\ndi `i'\n}",
        "forvalues i = 1/3 {\nif `i' == 2 continue, break\ndi `i'\n}", "forvalues i = 1/1e9 {\nif `i' > 2 continue, break\n}",
        "foreach v of varlist x1 x2 {\ndi \"`v'\"\n}", "foreach v of varlist nosuch {\n}", "foreach v of varlist {\n}",
        "foreach v of numlist 1/3 5 {\ndi `v'\n}", "foreach v of numlist 3/1 {\ndi `v'\n}", "foreach v of numlist a {\n}",
        "foreach v of local nosuch {\ndi \"`v'\"\n}", "foreach v in a \"b c\" `\"d\"e\"' {\ndi `\"`v'\"'\n}",
        "foreach v of newlist a b {\ndi \"`v'\"\n}", "foreach v of newlist x1 {\n}", "foreach v of nosuch a {\n}",
        "local i 0\nwhile `i' < 3 {\nlocal ++i\n}\ndi `i'", "while 0 {\n}", "while . {\ncontinue, break\n}",
        "while \"a\" {\n}", "while {\n}", "local i 0\nwhile `i' < 3 {\nlocal ++i\nif `i' == 2 continue\n}",
    ]),
    "capture": ((), [
        "capture noisily {\ndisplay 1\nnosuch\n}\ndi _rc", "capture {\nlocal a 1\nerror 198\n}\ndi _rc",
        "capture noisily regress y s", "capture noisily: regress y nosuch", "capture noisily by g: nosuch",
        "capture noisily by g, sort: summarize nosuch", "capture quietly {\n}\ndi _rc", "capture noisily {\n",
        "capture {\ncapture noisily {\nerror 111\n}\nerror _rc\n}\ndi _rc", "capture noisily error 4",
        "capture noisily exit 459", "capture noisily {\nscalar q = 1\nerror 7\n}",
        "noisily capture noisily quietly summarize x1", "capture noisily program define p\n",
    ]),
    "returns": ((), [
        "program define p, rclass\nreturn scalar a = 1\nreturn local b \"x\"\nend\np\nreturn list",
        "program define p, rclass\nreturn scalar a = s\nend\np",
        "program define p, rclass\nreturn matrix m = nosuch\nend\np",
        "program define p, eclass\nereturn scalar a = 1\nend\np",
        "program define p, eclass\nmatrix b = (1, 2)\nmatrix colnames b = a b\nereturn post b\nereturn local cmd p\nend\np\nereturn list",
        "program define p, eclass\nmatrix b = (1, 2)\nereturn post b, esample(nosuch)\nend\np",
        "program define p, eclass\nmatrix b = (1, .)\nmatrix V = (1, 0 \\ 0, -1)\nereturn post b V\nend\np",
        "program define p\nreturn scalar a = 1\nend\np", "program define p, rclass\nreturn add\nend\np",
        "program define p, sclass\nsreturn local a b\nend\np\nsreturn list",
        "program define p, rclass\nsummarize x1\nreturn add\nend\np\nreturn list",
        "program define p, rclass\nreturn scalar a = 1e308*10\nend\np\ndi r(a)",
        "program define p, eclass\nereturn repost\nend\n" + _FIT + "\np",
        "program define p, eclass\nmatrix b = e(b)\nereturn repost b = b\nend\n" + _FIT + "\np",
        "ereturn local cmd x", "return scalar a = 1", "ereturn post", "ereturn clear\nereturn list",
    ]),
}

# ------------------------------------------------------------------ mutations
_VAR_RE = re.compile(r"\b(x1|x2|y|f|g|m|w|b|c|o|t2|x)\b")
_OPTION_RE = re.compile(r"(?<=[, ])([a-z][a-z0-9]{2,})(?=\(|\s|$)")


def _commas(line: str) -> list[int]:
    return [i for i, ch in enumerate(line) if ch == ","]


def m_string_var(rng, line):
    return _VAR_RE.sub(lambda m: "s" if rng.random() < 0.5 else m.group(0), line, count=1)


def m_missing_var(rng, line):
    return _VAR_RE.sub(lambda m: rng.choice(["z", "m"]), line, count=1)


def m_empty_varlist(rng, line):
    last = line.split("\n")[-1]
    words = last.split(" ")
    if len(words) > 1:
        head = words[0] + ("" if "," not in last else " ," + last.split(",", 1)[1])
        return "\n".join(line.split("\n")[:-1] + [head])
    return line


def m_if_nothing(rng, line):
    cond = rng.choice(["if 0", "if z < .", "in 1/0", "in 41/41", "if x1 > 1e300", "in 1", "if s == \"a\"", "in 3/1"])
    lines = line.split("\n")
    last = lines[-1]
    if "," in last:
        head, tail = last.split(",", 1)
        lines[-1] = f"{head} {cond},{tail}"
    else:
        lines[-1] = f"{last} {cond}"
    return "\n".join(lines)


def m_number(rng, line):
    value = rng.choice(["1e300", "-1e300", "1e-300", "0", "-1", ".", "8.9e307", "2147483648", "a"])
    return re.sub(r"(?<![\w.])\d+(\.\d+)?(?![\w.])", value, line, count=1)


def m_unbalance(rng, line):
    choices = ["(", ")", '"', "`", "'", "{", "}", '`"', "\"'", "[", "]"]
    i = rng.randrange(len(line) + 1)
    return line[:i] + rng.choice(choices) + line[i:]


def m_drop_char(rng, line):
    spots = [i for i, ch in enumerate(line) if ch in "()\"'`{}[]"]
    if not spots:
        return line
    i = rng.choice(spots)
    return line[:i] + line[i + 1:]


def m_repeat_option(rng, line):
    last = line.split("\n")[-1]
    if "," not in last:
        return line
    options = last.split(",", 1)[1].strip()
    return line + " " + options if options else line


def m_abbreviate(rng, line):
    found = list(_OPTION_RE.finditer(line))
    if not found:
        return line
    m = rng.choice(found)
    cut = rng.randint(1, max(1, len(m.group(1)) - 1))
    return line[:m.start()] + m.group(1)[:cut] + line[m.end():]


def m_capitals(rng, line):
    found = list(_OPTION_RE.finditer(line))
    if not found:
        return line.upper() if rng.random() < 0.2 else line
    m = rng.choice(found)
    return line[:m.start()] + m.group(1).upper() + line[m.end():]


def m_unknown_option(rng, line):
    extra = rng.choice(["nosuch", "nosuch(1)", "replace", "clear", "(", "level(99)", ",", "if(1)"])
    return line + (" " if "," in line.split("\n")[-1] else ", ") + extra


def m_prefix(rng, line):
    lines = line.split("\n")
    lines[-1] = rng.choice(["capture ", "quietly ", "capture noisily ", "noisily ", "by g: ", "bysort f: "]) + lines[-1]
    return "\n".join(lines)


ONE_GROUP = "capture replace g = 1\ncapture replace f = 1\ncapture replace b = 0"  # one group, one level, no events
MUTATIONS = [m_string_var, m_missing_var, m_empty_varlist, m_if_nothing, m_number, m_unbalance, m_drop_char,
             m_repeat_option, m_abbreviate, m_capitals, m_unknown_option, m_prefix]


# the program-layer families are checked whole (a program's body is part of what is fuzzed; they
# change no data before the line that fails); elsewhere the lines before the last are setup, so
# that a first line that changes the data (frlink, mi set, svyset) is not counted against the last
WHOLE = {"syntax", "args", "macros", "loops", "capture", "returns"}


def split_prelude(family: str, text: str, whole=WHOLE) -> tuple[tuple[str, ...], str]:
    lines = text.split("\n")
    if len(lines) == 1:
        return (), text
    if family in whole:  # a first comment line: the driver reads a leading capture as capturing the whole text
        return (), "* round 16\n" + text
    return ("\n".join(lines[:-1]),), lines[-1]


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False,
          families=None, whole=None) -> list[Case]:
    """``count`` cases per family (deterministic for a seed): every base line once unmutated,
    then mutated ones (``mutated_only``: random base lines, each mutated)."""
    rng = random.Random(seed)
    out = []
    for family, (setup, lines) in (FAMILIES if families is None else families).items():
        if only and family not in only:
            continue
        for k in range(count):
            base = rng.choice(lines) if mutated_only else lines[k % len(lines)]
            k = k + len(lines) if mutated_only else k
            prelude, line = split_prelude(family, base, WHOLE if whole is None else whole)
            if k >= len(lines) or rng.random() < 0.3:
                for mutate in rng.sample(MUTATIONS, rng.randint(1, 3)):
                    line = mutate(rng, line)
            shape = "full" if k < len(lines) else rng.choice(SHAPES)
            extra = (ONE_GROUP,) if k >= len(lines) and rng.random() < 0.1 else ()
            out.append(Case(family, shape, extra + tuple(setup) + prelude, line))
    return out


# ------------------------------------------------------------------ running
def plant(folder: str) -> None:
    for name, data in PLANTED.items():
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(data)


def folder_state(folder: str) -> dict[str, str]:
    state = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as fh:
                state[os.path.relpath(path, folder)] = hashlib.sha256(fh.read()).hexdigest()
    return state


# every abbreviation of the prefixes (fuzz_commands' _bare knows the usual ones, not ``n``/``no``)
_PREFIXES = re.compile(r"^(?:\s*(?:cap\w*|qui\w*|n|no\w*)\s*:?\s+)*")


def run_case(case: Case, folder: str) -> tuple[int, list, str]:
    """fuzz_commands.run_case plus the file checks."""
    plant(folder)
    fc.prepare_folder(folder) if not os.path.exists(os.path.join(folder, "data.dta")) else None
    before = folder_state(folder)
    rc, findings, printed = fc.run_case(case, folder)
    after = folder_state(folder)
    last = _PREFIXES.sub("", case.line.split("\n")[-1])
    if fc._sorts_first(last):  # by ..., sort / bysort sorts before its command fails
        findings = [f for f in findings if not (f.kind == "data-changed" and
                                                set(f.detail.split("changed: ")[-1].split(", ")) <= {"values", "sortedby"})]
    if rc < 0:
        return rc, findings, printed
    changed = sorted(name for name in before if after.get(name) != before[name])
    added = sorted(set(after) - set(before))
    if rc != 0 and (changed or added):
        findings.append(fc.Finding("file-written", case, f"rc {rc} but files changed {changed} added {added}"))
    elif changed and not re.search(r"\b(rep|app)", case.line, re.I):  # replace, append and their abbreviations
        findings.append(fc.Finding("file-written", case, f"no replace but changed {changed}"))
    return rc, findings, printed


def run_all(case_list, verbose=False, budget=None, out=sys.stdout, runner=None):
    fc._install_traceback_hook()
    findings, lines, start = [], 0, time.monotonic()
    with tempfile.TemporaryDirectory() as folder, fc.memory_cap(), warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        fc.prepare_folder(folder)
        for case in case_list:
            if budget is not None and time.monotonic() - start > budget:
                break
            t0 = time.monotonic()
            rc, found, printed = (runner or run_case)(case, folder)
            lines += 1
            if verbose:
                first = next((ln for ln in printed.splitlines() if ln.strip()), "")[:70]
                print(f"[{case.shape:10}] rc={rc:<5} {time.monotonic() - t0:4.1f}s {case.line!r:.120}  | {first}",
                      file=out, flush=True)
            for f in found:
                print(f"** {f.kind}: {case.command} [{case.shape}] setup={list(case.setup)}\n   . {case.line!r}\n"
                      f"   {f.detail}", file=out, flush=True)
            findings += found
    return lines, findings, time.monotonic() - start


def sample_findings(case_list, budget: float) -> tuple[int, str]:
    """A budgeted run of ``case_list`` (the rounds' CI samples): (lines run, the findings as text,
    empty when none)."""
    lines, findings, _ = run_all(case_list, budget=budget)
    return lines, "\n".join(f"{f.kind}: {f.case.line!r} {f.detail}" for f in findings)


def main(argv=None, families=None, whole=None, runner=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for flag, default in (("--seed", 1), ("--count", 40), ("--limit", LIMIT), ("--only", "")):
        parser.add_argument(flag, type=type(default), default=default)
    for flag in ("--show", "--mutated-only", "-v"):
        parser.add_argument(flag, action="store_true")
    args = parser.parse_args(argv)
    fc.LIMIT = args.limit
    case_list = cases(args.seed, args.count, set(args.only.split(",")) if args.only else None, args.mutated_only,
                      families, whole)
    for case in case_list if args.show else ():
        print(f"[{case.command}/{case.shape}] {case.line!r}")
    if args.show:
        return 0
    lines, findings, seconds = run_all(case_list, verbose=args.v, runner=runner)
    print(f"\n{lines} lines in {seconds:.0f} s; {len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

"""Round 18 of the command fuzz (docs/command_fuzz.md): what merged in the forty-first session --
mtable, svy: with the me commands under svyset stage weights, svypd, xtbsht, xtcdf, xtoverid,
mi xeq / mi update, set cformat & co. and cformat() on the RE tables, lincom/sem/gsem cformat(),
display's SMCL layout, gsem's nested latent levels, numlist ranges with blanks, _b[] names,
marginsplot xdimension(at()), outreg2 ci/pvalue/tstat.

The walk, mutations, shapes and checks are round 16's (tests/fuzz_round16_programs.py); only the
families differ.

    python3 tests/fuzz_round18_lines.py [--seed 1] [--count 40] [--only display,mtable] [--mutated-only] [-v]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round16_programs as r16  # noqa: E402

_SVY2 = ("generate double w1 = 1 + mod(g, 3)\ngenerate double w2 = 1 + mod(_n, 2)\n"
         "svyset g, weight(w1) || _n, weight(w2)")
_XT = "xtset g t"
_G2 = "generate g2 = g * 10 + mod(t, 2)"

FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "mtable": (("quietly logit b x1 x2",), [
        "mtable", "mtable, at(x1=(0 1)) atmeans", "mtable, at(x1=(-1 0 1)) atmeans stat(ci) dec(2)",
        "mtable, dydx(x1) rowname(d x1) stat(ci) brief", "mtable, at(x1=(0 1)) below", "mtable, at(x1=(0 1)) right",
        "mtable, at(x1=(0 1)) dec(30)", "mtable, at(x1=(0 1)) dec(-1)", "mtable, at(x1=(0 1)) stat(nosuch)",
        "mtable, at(x1=(0 1)) estname(p) width(3)", "mtable, at(x1=(0 1)) names(all) clear",
        "quietly ologit o x1\nmtable, at(x1=(0 1))", "quietly ologit o x1\nmtable, outcome(2)",
        "quietly ologit o x1\nmtable, outcome(9)", "quietly ologit o x1\nmtable, pr(1 2)", "mtable, atvars(x1)",
        "mtable, at(x1=(0 1)) statistics(est se p)", "mtable, at(x1=(0(1)3))", "mtable, predict(xb)",
        "mtable, expression(exp(xb()))", "quietly regress y x1\nmtable, at(x1=(1e300))",
    ]),
    "svyme": ((_SVY2,), [
        "svy: melogit b x1 || g:", "svy: mepoisson c x1 || g:", "svy: meologit o x1 || g:",
        "svy: meprobit b x1 || g:, nolog", "svy, subpop(b): mepoisson c x1 || g:",
        "svy, level(90): melogit b x1 || g:", "svy: melogit b x1 i.f || g:", "svy: melogit b x1 || g:, vce(robust)",
        "svy: melogit b x1 || g: || t:", "svy: mixed y x1 || g:", "svy: melogit b s || g:", "svy: melogit b x1 || s:",
        "svy: melogit b x1 [pw=w1] || g:", "svy: melogit b x1 || g:\nsvy", "svy: mepoisson c x1 || g:, irr",
        "svy: meologit o x1 || g:, or cformat(%9.2f)", "svy: melogit",
        "svy: melogit b x1 || g:, cformat(%9.3f) pformat(%5.2f) sformat(%7.3f)",
        "svy: mepoisson c x1 || g:, cformat(%999.3f)", "svy: mepoisson c x1 || g:, cformat(abc)",
    ]),
    "svypd": (("svyset g [pw=w]",), [
        "svypd b", "svypd b, method(wilson) adjust truncate", "svypd b, method(clopper)", "svypd b, method(wald) truncate",
        "svypd b, method(logit)", "svypd b, method(agresti)", "svypd b, method(jeffreys)", "svypd b, method(nosuch)",
        "svypd b, level(99.9)", "svypd b, level(5)", "svypd b, level(100)", "svypd b, cilevellist(90 95 99)",
        "svypd b, cilevellist(0)", "svypd b, cilevellist(abc)", "svypd b if x1 > 0", "svypd b if 0", "svypd y",
        "svypd s", "svypd z", "svypd k", "svypd b in 1/5", "svypd b, adjust", "svypd b x1",
    ]),
    "xtbsht": ((_XT, "quietly xtreg y x1 x2, fe\nestimates store FE\nquietly xtreg y x1 x2, re\nestimates store RE"), [
        "xtbsht FE RE, seed(42) reps(5)", "xtbsht FE RE, reps(0)", "xtbsht FE RE, reps(-1)", "xtbsht FE RE, reps(1)",
        "xtbsht FE RE, reps(2) cluster", "xtbsht FE RE, reps(2) keep(x1)", "xtbsht FE RE, reps(2) keep(nosuch)",
        "xtbsht FE RE, reps(abc)", "xtbsht FE RE, seed(abc) reps(2)", "xtbsht FE", "xtbsht FE nosuch, reps(2)",
        "xtbsht RE FE, reps(2)", "xtbsht FE FE, reps(2)", "xtbsht FE RE, reps(2) keep(s)", "xtbsht FE RE, reps(1e300)",
    ]),
    "xtcdf": ((_XT,), [
        "xtcdf y", "xtcdf y x1 x2", "xtcdf s", "xtcdf z", "xtcdf k", "xtcdf m", "xtcdf y if g < 3", "xtcdf y if 0",
        "xtcdf y, nosuch", "xtcdf", "xtcdf y in 1/3", "xtcdf y if g == 1", "xtcdf y x1 y",
    ]),
    "xtoverid": ((_XT,), [
        "quietly xtreg y x1 x2, re\nxtoverid", "quietly xtreg y x1 x2, re\nxtoverid, robust",
        "quietly xtreg y x1 x2, re\nxtoverid, cluster(g)", "quietly xtreg y x1 x2, re\nxtoverid, cluster(s)",
        "quietly xtreg y x1 x2, re\nxtoverid, cluster(nosuch)", "quietly xtreg y x1 x2, re\nxtoverid, noisily",
        "quietly xtreg y x1 x2, fe\nxtoverid", "quietly regress y x1\nxtoverid", "xtoverid",
        "quietly xtreg y k, re\nxtoverid", "quietly xtreg y x1 i.f, re\nxtoverid", "quietly xtreg y x1, re vce(robust)\nxtoverid",
        "quietly xtreg y x1 x2, re\nxtoverid, cluster()", "quietly xtreg y x1 x2, re\nxtoverid nosuch",
    ]),
    "mixeq": (("generate double m1 = cond(missing(m), x1, m)\ngenerate double m2 = cond(missing(m), x2, m)\n"
               "mi import wide, imputed(m = m1 m2)",), [
        "mi xeq: summarize m", "mi xeq 0 1: summarize m", "mi xeq 1 / 2: count", "mi xeq 1/2: count", "mi xeq 3: count",
        "mi xeq -1: count", "mi xeq 1e300: count", "mi xeq abc: count", "mi xeq 1: generate w9 = 2*x1",
        "mi xeq: quietly regress y m; display e(N)", "mi xeq 1 count", "mi xeq:", "mi xeq: nosuch",
        "mi update", "mi update, force", "mi update, nosuch", "replace m = 1 in 1\nmi update",
        "drop in 1\nmi update", "mi xeq 2 1: summarize m", "mi xeq 0(1)2: count", "mi xeq 0/: count",
    ]),
    "formats": ((), [
        "set cformat %9.3f\nquietly mixed y x1 || g:\nmixed", "set pformat %5.2f\nregress y x1",
        "set sformat %7.3f\nregress y x1", "set cformat %999.3f", "set cformat abc", "set cformat %9.3s",
        "set cformat", "set cformat %0.3f", "set pformat %9.3f", "set sformat %20.3f", "set cformat %9.3f, permanently",
        "mixed y x1 || g:, cformat(%9.3f)", "mixed y x1 || g:, cformat(%2.0f)", "mixed y x1 || g:, cformat(%20.9e)",
        "melogit b x1 || g:, cformat(%9.3f) pformat(%4.1f) sformat(%6.2f)", "mixed y x1 || g:, cformat(abc)",
        "mixed y x1 || g:, cformat()", "mixed y x1 || g:, cformat(%-9.3f)", "mixed y x1 || g:, cformat(%9.3fc)",
        "quietly regress y x1 x2\nlincom x1 + x2, cformat(%9.2f)", "quietly regress y x1 x2\nlincom x1, cformat(abc)",
        "quietly regress y x1 x2\nlincom x1, pformat(%9.2f) sformat(%3.1f)", "sem (y <- x1), cformat(%9.2f)",
        "sem (y <- x1), cformat(%1000.2f)", "gsem (y <- x1), cformat(%9.2f) pformat(%4.2f)",
        "gsem (b <- x1 M1[g]), logit cformat(%9.2f)", "xtmixed y x1 || g:, cformat(%9.3f)",
        "mepoisson c x1 || g:, cformat(%9.3g) irr", "meologit o x1 || g:, cformat(%9.3f)",
    ]),
    "display": ((), [
        'display "{hline}"', 'display "{hline 20}"', 'display "{hline 1e9}"', 'display "{hline -3}"',
        'display "{hline 99999999999999999999}"', 'display "{col -3}x"', 'display "{col 1e9}x"', 'display "{col 20}x{col 5}y"',
        'display "{space 99999}x"', 'display "{space -1}x"', 'display "{c |}"', 'display "{c 0x2d}{c 999}{c -1}"',
        'display "{p}a long paragraph of words {p_end}"', 'display "{p 4 8 2}words words{p_end}"',
        'display "{p -1 -1 -1}x"', 'display "{p 1e9}x"', 'display "{bf:unbalanced"', 'display "{"', 'display "}"',
        'display "{{}}"', 'display "{dup 1e9:x}"', 'display "{dup -1:x}"', 'display "{dup 3:}"', 'display _col(1e9) "x"',
        'display _col(-3) "x"', 'display _col(0) "x"', 'display "a" _continue\ndisplay "{col 10}b"',
        'display _skip(1e9) "x"', 'display _dup(1e9) "x"', 'display "{ralign 1e9:x}"', 'display "{lalign -5:x}"',
        'display "{center 1e9:x}"', 'display "{it:{bf:x}}"', 'display "{title:x"', 'display "{p2colset 1 2 3 4}"',
        'display as txt "{hline 10}{c +}{hline 10}"', 'display "{res}" %9.3f 1e300', 'display "{c TT}" _n(1e9)',
        'display "{char 65}{char -5}"', 'display "{browse \\"x\\"}"', 'display "{help nosuch:x}"', 'display "{.-}"',
        'display "{synopt:{opt a}}b"', 'display "{center:x" _col(5)', 'display _asis "{hline 5}"',
        'display "{col 5}{col 5}{col 5}"', 'display "{ccl nosuch}"', 'display "{p 4 4 2 1e9}x{p_end}"',
    ]),
    "gsemnest": ((_G2,), [
        "gsem (y <- x1 L1[g] L2[g>g2])", "gsem (b <- x1 L1[g] L2[g>g2]), logit", "gsem (y <- x1 L1[g2] L2[g])",
        "gsem (c <- x1 L1[g] L2[g>g2]), poisson", "gsem (y <- x1 L1[g]) (b <- x1 L2[g>g2], logit)",
        "gsem (y <- x1) (b <- y x1 L1[g2] L2[g], logit)", "gsem (y <- x1 L1[g] L2[s])", "gsem (y <- x1 L1[g] L1[g2])",
        "gsem (y <- x1 L1[g] L2[g>g2]), intpoints(1)", "gsem (y <- x1 L1[g] L2[g>nosuch])", "gsem (y <- x1 L1[g>g2>t])",
        "gsem (y <- x1 L1[g] L2[g>g2]), cov(L1[g]*L2[g>g2]@0)", "gsem (y <- x1 L1[])", "gsem (y <- x1 L1[g] L2[g>g2]), nolog cformat(%9.2f)",
        "gsem (y <- x1 L1[g]) (x2 <- x1 L1[g])", "gsem (y <- x1 L1[g] L2[g2]), latent(L1 L2)",
        "gsem (y <- x1 L1[g] L2[g2]), nolog", "gsem (b <- x1 L1[g] L2[g2]), logit nolog",
        "gsem (c <- x1 L1[g] L2[g2]), poisson nolog", "gsem (x2 <- x1) (y <- x2 x1 L1[g] L2[g2]), nolog",
        "gsem (y <- x1) (b <- y x1 L1[g2] L2[g], logit), nolog", "gsem (y <- x1 L1[g] L2[g2]) (c <- x1, poisson), nolog",
        "gsem (y <- x1 L1[g] L2[g2]), vce(robust) nolog", "gsem (y <- x1 L1[g] L2[g2]) [pw=w], nolog",
        "gsem (y <- x1 L1[g] L2[g2]), nolog\nestat ic", "gsem (y <- x1 L1[g] L2[g2]), nolog\npredict p1",
        "gsem (y <- x1 L1[g] L2[g2]), nolog\ngsem, cformat(%9.2f)", "gsem (y <- x1 L1[g] L2[g2]), nolog iterate(0)",
    ]),
    "numlist": ((), [
        "numlist \"1 / 5\"", "numlist \"1 /5\"", "numlist \"1/ 5\"", "numlist \"1 / \"", "numlist \" / 5\"",
        "numlist \"1 / 1e300\"", "numlist \"5 / 1\"", "numlist \"1 (1) 5\"", "numlist \"1 ( 0 ) 5\"", "numlist \"1 / 5 / 7\"",
        "forvalues i = 1 / 3 {\ndisplay `i'\n}", "foreach i of numlist 1 / 3 {\ndisplay `i'\n}", "numlist \"1 / a\"",
        "numlist \"1 / 5\", min(9)", "numlist \"1 / 5\", max(2)", "numlist \"1 / 5\", integer range(>=2)",
        "numlist \"1 / .\"", "numlist \"-5 / -1\"", "numlist \"1 : 5\"", "numlist \"1 / 2147483648\"",
    ]),
    "bnames": (("quietly regress y x1 i.f c.x1#i.f",), [
        "display _b[x1]", "display _b[c.x1]", "display _b[2.f]", "display _b[2.f#x1]", "display _b[x1#2.f]",
        "display _b[2.f#c.x1]", "display _b[1b.f#c.x1]", "display _b[1.f#x1]", "display _b[9.f#x1]", "display _b[x1#x1]",
        "display _se[2.f#x1]", "display _b[s#2.f]", "display _b[2.f#]", "display _b[#x1]", "display _b[2.f##x1]",
        "lincom _b[2.f#x1] - _b[3.f#x1]", "test _b[2.f#x1] = 0", "scalar q = _b[2.f#x1]", "display _b[y:2.f#x1]",
        "nlcom _b[2.f#x1] / _b[x1]", "display _b[2.f#x1", "display _b[]",
    ]),
    "marginsplot": (("quietly regress y c.x1##i.f",), [
        "margins f, at(x1=(0 1))\nmarginsplot, xdimension(at(x1))", "margins f, at(x1=(0 1))\nmarginsplot, xdimension(at(x1)) noci",
        "margins f, at(x1=(0 1))\nmarginsplot, xdimension(at(nosuch))", "margins f, at(x1=(0 1))\nmarginsplot, xdimension(at())",
        "margins f, at(x1=(0 1))\nmarginsplot, xdimension(at(x1 f))", "margins f, at(x1=(0 1))\nmarginsplot, xdimension(at(x1)) plotdimension(f)",
        "margins f, at(x1=(0 1))\nmarginsplot, xdimension(at(x1)) plotdimension(at(x1))", "margins, at(x1=(0 1))\nmarginsplot, xdimension(f)",
        "margins f\nmarginsplot, xdimension(at(x1))", "marginsplot, xdimension(at(x1))", "margins f, at(x1=(0 1))\nmarginsplot, xdimension(at(x1",
        "margins f, at(x1=(0 1))\nmarginsplot, xdimension(at(s))", "margins f, at(x1=(0 1))\nmarginsplot, xdim(at(x1)) recast(line)",
    ]),
    "outreg2": (("quietly regress y x1 x2",), [
        "outreg2 using out2, replace ci", "outreg2 using out2, replace pvalue", "outreg2 using out2, replace tstat",
        "outreg2 using out2, replace ci pvalue", "outreg2 using out2, replace ci tstat pvalue", "outreg2 using out2, ci",
        "outreg2 using out2, replace ci level(99)", "outreg2 using out2, replace ci level(0)", "outreg2 using out2, replace ci eform",
        "outreg2 using out2, replace pvalue dec(30)", "outreg2 using out2, replace tstat dec(-1)", "outreg2 using out.txt, ci",
        "outreg2 using out2, replace ci(nosuch)", "outreg2 using out2, append ci", "quietly mixed y x1 || g:\noutreg2 using out2, replace ci",
        "quietly logit b x1\noutreg2 using out2, replace pvalue eform", "outreg2 using out2, replace ci alpha(0.01, 0.05)",
    ]),
}

WHOLE = {"numlist", "display"}


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False):
    """Round 16's ``cases`` over these families (round 16's own are put back after)."""
    saved = r16.FAMILIES, r16.WHOLE
    r16.FAMILIES, r16.WHOLE = FAMILIES, WHOLE
    try:
        return r16.cases(seed, count, only, mutated_only)
    finally:
        r16.FAMILIES, r16.WHOLE = saved


if __name__ == "__main__":
    r16.FAMILIES, r16.WHOLE = FAMILIES, WHOLE
    sys.exit(r16.main())

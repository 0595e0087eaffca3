"""Round 26 of the command fuzz (docs/command_fuzz.md): what the last session added and no round
had reached -- qic (corr(), family()/link(), exposure(), robust); mi estimate's (name: exp)
transformations with cmdok, esampvaryok and dots; mi svyset, mi append and mi varying; generate
str#/strL with odd lengths; outreg2's options and its file writing; renvars; pwcompare on
slopes and parentheses in margins term lists; the collect: prefix and collect
style/layout/preview; estat gof after svy: logit and svylogitgof; heckman/heckprob on
degenerate data; fits under quietly/capture/noisily; matrix input with trailing commas and
missing cells; foreach over numeric names; merge m:m with odd keys.

The walk, mutations, shapes and checks are round 16's (tests/fuzz_round16_programs.py); the file
rules are round 22's run_case, with the files the lines write under typed names removed before
each case (round 25's).

    python3 tests/fuzz_round26_lines.py [--seed 1] [--count 40] [--only qic,outreg2] [--mutated-only] [-v]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round16_programs as r16  # noqa: E402
import fuzz_round25_lines as r25  # noqa: E402

_XT = "xtset g t"
_MI = r25._MI
_SVY = "svyset g [pw=w]"


def _qic_lines() -> list[str]:
    corrs = ["exc", "exchangeable", "ind", "independent", "uns", "unstructured", "ar1", "ar 1", "ar 2", "sta 1", "stationary 2",
             "nonst 1", "fixed", "nosuch", "", "ar", "ar 9", "ar -1", "sta"]
    fams = ["gau", "gaussian", "poi", "poisson", "bin", "binomial", "binomial 2", "nb", "nbinomial 1", "gam", "gamma", "igau", "ig",
            "nosuch", "", "binomial w"]
    links = ["iden", "identity", "log", "logit", "probit", "cloglog", "power 2", "opower 1", "nbinomial", "recip", "reciprocal", "nosuch", ""]
    out = [f"qic y x1, i(g) t(t) corr({c})" for c in corrs]
    out += [f"qic {dv} x1, i(g) t(t) family({f})" for f in fams for dv in ("c",)]
    out += [f"qic b x1, i(g) t(t) family(bin) link({ln})" for ln in links]
    out += [f"qic c x1, i(g) t(t) family(poi) link({ln})" for ln in links[:6]]
    out += [
        "qic c x1, i(g) t(t) family(poi) exposure(t2)", "qic c x1, i(g) t(t) family(poi) exposure(x1)", "qic c x1, i(g) t(t) family(poi) exposure(z)",
        "qic c x1, i(g) t(t) family(poi) exposure(nosuch)", "qic c x1, i(g) t(t) family(poi) exposure(s)", "qic c x1, i(g) t(t) family(poi) offset(x2)",
        "qic c x1, i(g) t(t) family(poi) exposure(t2) offset(x2)", "qic y x1, i(g) t(t) exposure(t2)", "qic c x1, i(g) t(t) family(nb) exposure(t2)",
        "qic y x1, i(g) t(t) robust", "qic y x1, i(g) t(t) corr(uns) robust", "qic b x1, i(g) t(t) family(bin) robust corr(exc)",
        "qic y x1, i(g) t(t) nodisplay", "qic y x1, i(g) t(t) nodisplay\ndisplay r(qic) r(qicu) r(trace) r(p) \"`r(corr)'\"",
        "qic y x1", "qic y x1, i(g)", "qic y x1, t(t)", "qic y, i(g) t(t)", "qic y x1 x2 i.f, i(g) t(t)", "qic y x1, i(g) t(t) noconstant",
        "qic y x1, i(g) t(t) iterate(0)", "qic y x1, i(g) t(t) iterate(1)", "qic y x1, i(g) t(t) tolerance(0.1)", "qic y x1, i(g) t(t) eform",
        "qic y x1, i(g) t(t) level(90)", "qic y x1, i(g) t(t) level(200)", "qic y x1, i(g) t(t) nolog trace", "qic y x1, i(g) t(t) nmp rgf",
        "qic y x1, i(g) t(t) scale(x2)", "qic y x1, i(g) t(t) scale(dev)", "qic y x1, i(g) t(t) force", "qic y x1 [pw=w], i(g) t(t)",
        "qic y x1 [fw=w], i(g) t(t)", "qic y x1 if f == 1, i(g) t(t)", "qic y x1 if 0, i(g) t(t)", "qic y x1 in 1/3, i(g) t(t)",
        "qic y z, i(g) t(t)", "qic y m, i(g) t(t)", "qic y k, i(g) t(t)", "qic s x1, i(g) t(t)", "qic y x1, i(s) t(t)", "qic y x1, i(g) t(s)",
        "qic y x1, i(k) t(t)", "qic b x1, i(g) t(t) family(bin) corr(uns)", "qic c x1, i(g) t(t) family(gamma) link(log)",
        "qic t2 x1, i(g) t(t) family(gamma)", "qic t2 x1, i(g) t(t) family(igau)", "qic y x1, i(g) t(t) family(igau)",
        "qic o x1, i(g) t(t) family(bin 3)", "qic y x1, i(g) t(t) corr(exc) corr(ind)", "qic y x1, i(g) t(t) fam(poi)",
        "qic y x1, i(g) t(t)\nxtgee", "qic y x1, i(g) t(t)\npredict q, mu", "qic y x1, i(g) t(t)\ndisplay qic qicu par",
        "scalar qic = 5\nqic y x1, i(g) t(t)", "generate qic = 1\nqic y x1, i(g) t(t)", "generate mu = 1\nqic y x1, i(g) t(t)",
    ]
    return [_XT + "\n" + ln if k % 3 == 0 else ln for k, ln in enumerate(out)]


def _miexp_lines() -> list[str]:
    ests = [
        "mi estimate (r: _b[m]/_b[x1]): regress y m x1", "mi estimate (r: _b[m]/_b[x1]) (d: _b[m] - _b[x1]): regress y m x1",
        "mi estimate (exp(_b[m])): regress y m x1", "mi estimate (r: exp(_b[m])), nocoef: regress y m x1", "mi estimate (r: _b[nosuch]): regress y m x1",
        "mi estimate (r: _b[m]/0): regress y m x1", "mi estimate (r: _b[m]/_b[x1]: regress y m x1", "mi estimate (r: ): regress y m x1",
        "mi estimate (: _b[m]): regress y m x1", "mi estimate (1r: _b[m]): regress y m x1", "mi estimate (r: _b[m]) (r: _b[x1]): regress y m x1",
        "mi estimate (r: _b[m]*_b[x1]) (s: _se[m]): regress y m x1", "mi estimate (r: _b[y:m]): regress y m x1",
        "mi estimate (r: _b[1.b]): logit b m i.f", "mi estimate (r: _b[2.f] - _b[3.f]): logit b m i.f", "mi estimate (r: _b[m]), or: logit b m",
        "mi estimate (r: e(r2)): regress y m x1", "mi estimate (r: _b[_cons] + 1e300): regress y m x1", "mi estimate (r: _b[m]), level(90): regress y m",
        "mi estimate (r: _b[m]) using est1", "mi estimate (r: _b[m]), saving(est1): regress y m\nmi estimate (r: _b[m]) using est1",
        "mi estimate (r: _b[m]), post: regress y m", "mi estimate (r: _b[m]), noheader notable: regress y m",
        "mi estimate (r: _b[m]), vartable: regress y m", "mi estimate (r: _b[m]) (s: ln(_b[x1])): regress y m x1",
        "mi estimate (r: _b[m]), mcerror: regress y m", "mi estimate (r: _b[m]), dftable: regress y m", "mi estimate (r: _b[m]), nosmall: regress y m",
        "mi estimate (r: _b[m]), ni(2): regress y m", "mi estimate (r: _b[m]), imputations(1 3): regress y m",
        "mi estimate, cmdok: regress y m", "mi estimate, cmdok: mixed y m || g:", "mi estimate, cmdok: summarize y", "mi estimate, cmdok: nosuchcmd y m",
        "mi estimate, cmdok: qic y m, i(g) t(t)", "mi estimate, cmdok: xtgee y m, i(g)", "mi estimate, cmdok: tabulate f",
        "mi estimate: summarize y", "mi estimate, cmdok: display 1", "mi estimate, cmdok esampvaryok: regress y m",
        "mi estimate, esampvaryok: regress y m if m > 0", "mi estimate, esampvaryok: regress y m", "mi estimate: regress y m if m > 0",
        "mi estimate, esampvaryok (r: _b[m]): regress y m if m > 0", "mi estimate (r: _b[m]), esampvaryok: regress y m if m > 0",
        "mi estimate, esampvaryok: logit b m if m > 0", "mi estimate, dots: regress y m", "mi estimate, dots noisily: regress y m",
        "mi estimate, dots: logit b m", "mi estimate, dots: regress y nosuch", "mi estimate, dots esampvaryok cmdok: regress y m if m > 0",
        "mi estimate, dots(2): regress y m", "mi estimate, nodots: regress y m", "mi estimate, errorok: regress y m", "mi estimate, dot: regress y m",
        "mi estimate, esamp: regress y m", "mi estimate, esampvaryok saving(est1): regress y m if m > 0",
        "mi estimate (r: _b[m]/_b[x1]), esampvaryok saving(est1, replace): regress y m x1 if m > 0",
        "quietly mi estimate (r: _b[m]): regress y m\nmi estimate", "quietly mi estimate (r: _b[m]): regress y m\nmi estimate, nocoef",
        "quietly mi estimate (r: _b[m]): regress y m\nmatrix list e(b_Q_mi)", "quietly mi estimate (r: _b[m]): regress y m\ndisplay _b[r]",
        "quietly mi estimate (r: _b[m]): regress y m\nmi testtr r", "quietly mi estimate (r: _b[m]), post: regress y m\ntest r",
        "quietly mi estimate (r: _b[m]): regress y m\nmi test m", "quietly mi estimate (r: _b[m]), post: regress y m\nlincom r + m",
        "capture mi estimate (r: _b[m]): regress y m\ndisplay _rc", "noisily mi estimate (r: _b[m]): regress y m",
    ]
    return [f"{_MI}\n{e}" for e in ests] + ["mi estimate (r: _b[x1]): regress y x1"]


def _misvy_lines() -> list[str]:
    svy = ["mi svyset g [pw=w]", "mi svyset g [pw=w], strata(f)", "mi svyset [pw=w]", "mi svyset", "mi svyset, clear", "mi svyset g",
           "mi svyset g [pw=m]", "mi svyset g [pw=nosuch]", "mi svyset s [pw=w]", "mi svyset g [pw=w], vce(jackknife)", "mi svyset g [pw=w], nosuch",
           "mi svyset g [pw=w] if f == 1", "mi svyset g [pw=w], singleunit(centered)", "mi svyset _n [pw=w]", "mi svyset g [iw=w]",
           "mi svyset g [pw=w] || t", "mi svyset g [pw=w], fpc(k)", "mi svyset g [pw=w]\nmi svyset", "mi svyset g [pw=w]\nsvydescribe",
           "mi svyset g [pw=w]\nmi estimate: svy: regress y m", "mi svyset g [pw=w]\nmi estimate: svy: logit b m",
           "mi svyset g [pw=w]\nmi estimate (r: _b[m]): svy: regress y m", "mi svyset g [pw=w], strata(f)\nmi estimate: svy: mean y",
           "mi svyset g [pw=w]\nmi estimate: svy, subpop(b): regress y m", "mi svyset g [pw=w]\nmi estimate: svy: mixed y m || g:",
           "mi svyset g [pw=w]\nmi estimate: regress y m", "svyset g [pw=w]\nmi estimate: svy: regress y m", "mi svyset g [pw=w]\nmi svyset, clear\nmi estimate: svy: regress y m"]
    app = ["preserve\nkeep in 1/10\nsave part, replace\nrestore\nmi append using part", "mi append using nosuch",
           "preserve\nkeep in 1/10\nsave part, replace\nrestore\nmi append using part, generate(src)",
           "preserve\nkeep in 1/10\nsave part, replace\nrestore\nmi append using part, gen(y)",
           "preserve\nkeep in 1/10\nmi extract 0, clear\nsave part, replace\nrestore\nmi append using part",
           "preserve\nkeep y x1\nsave part, replace\nrestore\nmi append using part", "preserve\nkeep in 1/10\ndrop m\nsave part, replace\nrestore\nmi append using part",
           "preserve\nkeep in 1/10\ntostring y, replace force\nsave part, replace\nrestore\nmi append using part",
           "preserve\nkeep in 1/10\nsave part, replace\nrestore\nmi append using part, force", "preserve\nkeep in 1/10\nsave part, replace\nrestore\nmi append using part, nolabel",
           "preserve\nkeep in 1/10\nsave part, replace\nrestore\nmi append using part part", "preserve\ndrop _all\nsave part, replace emptyok\nrestore\nmi append using part",
           "preserve\nkeep in 1/10\nsave part, replace\nrestore\nmi append using part, nosuch",
           "preserve\nkeep in 1/10\nsave part, replace\nrestore\nmi append using part\nmi varying",
           "preserve\nkeep in 1/10\nsave part, replace\nrestore\nmi append using part\nmi estimate: regress y m"]
    var = ["mi varying", "mi varying, noupdate", "mi varying y m", "mi varying nosuch", "mi varying, unregistered", "mi varying, nosuch",
           "replace _1_m = 9 in 1\nmi varying", "replace y = 9 in 1\nmi varying", "mi register regular y\nmi varying", "mi register passive x2\nmi varying",
           "mi varying s", "mi varying, noup", "mi unregister m\nmi varying"]
    out = [f"{_MI}\n{x}" for x in svy + app + var]
    out += [f"mi set mlong\nmi register imputed m\n{x}" for x in ("mi varying", "mi svyset g [pw=w]", app[0])]
    out += [f"mi set flong\nmi register imputed m\nmi impute regress m = x1 x2, add(2) rseed(1)\n{x}" for x in ("mi varying", "mi svyset g [pw=w]\nmi estimate: svy: regress y m", app[0], app[3])]
    out += ["mi varying", "mi svyset g [pw=w]", "mi append using nosuch"]
    return out


def _strgen_lines() -> list[str]:
    out = []
    for t in ("str1", "str0", "str2045", "str2046", "str3000", "str99999", "strL", "str-1", "str 5", "str5a", "STR5", "strl", "str01", "str1e3", "str"):
        for e in ('"abc"', "s", "s + sid", '""', "y", 'substr(s, 1, 1)', '"é" * 3000'):
            out.append(f"generate {t} q = {e}")
    out += ["generate str3 q = s if f == 1", "generate str3 q = s in 1/3", "generate strL q = s\nreplace q = q * 500\ndescribe q",
            "generate strL q = s\ncompress q\ndescribe q", "generate strL q = s\nsave sfile, replace\nuse sfile, clear\ndescribe q",
            "generate str5 q = s\nreplace q = q + \"123456789\"\ndescribe q", "generate str2045 q = \"a\" * 2045\nreplace q = q + \"b\"\ndescribe q",
            "generate strL q = \"a\" * 5000\ndisplay strlen(q[1])", "generate str3 q = 1", "generate str3 q", "generate str3 y = s",
            "generate str3 q = s, after(y)", "generate str3 q = s, before(nosuch)", "generate (str3) q = s", "generate str3 q r = s",
            "generate str3 q = \"a\"\nrecast str1 q\ndescribe q", "generate str3 q = \"abc\"\nrecast str1 q, force\ndescribe q",
            "generate strL q = s\nrecast str5 q\ndescribe q", "generate strL q = s\nsort q", "generate strL q = s\nmerge 1:1 q using data",
            "generate str4 q = \"é\"*4\ndescribe q\ndisplay q[1]", "generate str1 q = \"é\"\ndisplay q[1]", "generate str3 q = char(0)",
            "generate double q = \"abc\"", "generate byte q = s", "generate str3 q = .", "generate strL q = .", "generate str3 q = x1 > 0",
            "generate str2047 q = s", "generate str32767 q = s", "generate str32768 q = s", "generate str1 q = s\nreplace q = \"abcdef\" in 2\ndescribe q"]
    return out


_O = "quietly regress y x1 x2\n"
_O2 = "quietly regress y x1 x2\nestimates store A\nquietly logit b x1\nestimates store B\n"


def _outreg2_lines() -> list[str]:
    opts = ["", "replace", "asterisk(se)", "asterisk(coef)", "asterisk(se coef)", "asterisk()", "asterisk(nosuch)", "noaster", "noni", "nor2",
            "noni nor2", "label", "label(insert)", "label(proper)", "label(lower)", "sideway", "sideway noparen", "stat(coef se)", "stat(coef tstat pval)",
            "stat(coef ci)", "stat(coef se tstat pval ci aster)", "stat(nosuch)", "stat()", "stat(coef beta)", "stat(coef blank se)", "stat(coef var)",
            "keep(x1)", "keep(x1 nosuch)", "keep()", "drop(x1)", "drop(x1 x2 _cons)", "drop(nosuch)", "keep(x1) drop(x2)", "eform", "eform cti(odds ratio)",
            "dec(2)", "bdec(3) sdec(1)", "dec(-1)", "dec(99)", "ctitle(a b)", "ctitle(\"a\", \"b\")", "title(T)", "addstat(F, e(F))", "addstat(x, nosuch)",
            "addtext(FE, Yes)", "nocons", "nonotes", "excel", "tex", "word", "see", "alpha(0.01, 0.05)", "alpha(2)", "symbol(**, *)", "level(90)",
            "ci", "pvalue", "tstat", "bracket", "paren(se)", "nolabel", "append", "append ctitle(b)", "long", "onecol", "nosuch"]
    out = []
    for k, o in enumerate(opts):
        name = ["out", "out.txt", "r26out", "sub/out", "out.csv"][k % 5]
        sep = ", " if o else ""
        out.append(f"{_O}outreg2 using {name}{sep}{o}")
        if k % 3 == 0:
            out.append(f"{_O}outreg2 using r26out, replace {o}")
    out += [f"{_O2}outreg2 [A B] using r26out, replace", f"{_O2}outreg2 [A B] using r26out, replace eform", f"{_O2}outreg2 [A nosuch] using r26out, replace",
            f"{_O2}outreg2 [*] using r26out, replace label", f"{_O2}outreg2 [A B] using r26out, replace keep(x1) sideway",
            "outreg2 using r26out, replace", "quietly logit b x1 i.f\noutreg2 using r26out, replace eform", "quietly mixed y x1 || g:\noutreg2 using r26out, replace",
            "quietly logit b x1\noutreg2 using r26out, replace stat(coef se) eform asterisk(se)", f"{_O}outreg2 using out.txt, replace\noutreg2 using out.txt",
            f"{_O}outreg2 using r26out, replace\noutreg2 using r26out", f"{_O}outreg2 using r26out.txt, replace\noutreg2 using r26out.txt, append",
            f"{_O}outreg2 using", f"{_O}outreg2 using \"\"", f"{_O}outreg2 using out.txt, replace excel", f"{_O}outreg2 using out.xls",
            f"{_O}outreg2 using out.tex, tex", f"{_O}outreg2 using out.rtf, word", f"{_O}outreg2 using out.csv", f"{_O}outreg2 x1 using r26out, replace",
            f"{_O}outreg2 nosuch using r26out, replace", "quietly regress y x1 [pw=w]\noutreg2 using r26out, replace", "quietly summarize y\noutreg2 using r26out, replace",
            f"{_O}outreg2 using r26out, replace sum", f"{_O}outreg2 using r26out, replace sum(log)", f"{_O}outreg2 using r26out, replace keep(x*)",
            f"{_O}outreg2 using r26out, replace drop(x*)", f"{_O}outreg2 using r26out, replace label\noutreg2 using r26out, append label",
            "label variable x1 \"the x, (one)\"\n" + _O + "outreg2 using r26out, replace label", "quietly regress y x1 if 0\noutreg2 using r26out, replace",
            "quietly regress y k\noutreg2 using r26out, replace", "quietly regress y x1\noutreg2 using r26out, replace stat(coef se) asterisk(coef) noni nor2 label sideway eform"]
    return out


def _renvars_lines() -> list[str]:
    opts = ["upper", "upcase", "lower", "lowcase", "prefix(p_)", "prefix(1)", "prefix()", "prefix(a b)", "postfix(_1)", "postfix(_é)",
            "postdrop(1)", "postdrop(0)", "postdrop(2)", "postdrop(99)", "postdrop(-1)", "postdrop(x)", "predrop(1)", "predrop(2)", "predrop(99)",
            "subst(x z)", "subst(x)", "subst(x xx)", "subst()", "subst(1 _)", "subst(x 1)", "presub(x z)", "presub(x)", "postsub(1 9)", "postsub(1)",
            "trim(1)", "trim(0)", "trim(40)", "upper lower", "", "display", "upper display", "prefix(a) postfix(b)", "nosuch", "fast upper", "prefix(p_) fast"]
    out = []
    vls = ["", "x1 x2", "x*", "y-c", "s sid", "nosuch", "x1 x1", "_all"]
    for k, o in enumerate(opts):
        vl = vls[k % len(vls)]
        out.append(f"renvars {vl}, {o}" if o else f"renvars {vl}")
        out.append(f"renvars x1 x2, {o}" if o else "renvars x1 x2")
    out += ["renvars x1 x2 \\ a b", "renvars x1 x2 \\ a", "renvars x1 x2 \\ a b c", "renvars x1 x2 \\ x2 x1", "renvars x1 x2 \\ y z2",
            "renvars x1 x2 \\ a b, display", "renvars x1 \\ 1a", "renvars \\ a", "renvars x1 x2 \\", "renvars x1 x2 \\ a a",
            "renvars x1 x2 \\ a b, upper", "generate X1 = 1\nrenvars x1, upper", "renvars y, prefix(a_very_long_prefix_that_makes_the_name_too_)",
            "renvars y x1, postdrop(1)", "renvars x1 x2, postdrop(1)", "renvars x1 x2, trim(1)", "renvars y, predrop(1)", "renvars s, subst(s)",
            "renvars, lower\ndescribe", "xtset g t\nrenvars g, prefix(p)\nxtset", "quietly regress y x1\nrenvars x1, upper\npredict q",
            "svyset g [pw=w]\nrenvars w, upper\nsvyset", "renvars _all, upper\nrenvars _all, lower", "renvars x*, subst(x X)\ndescribe"]
    return out


_PW = "quietly regress y c.x1##i.f\n"
_PWL = "quietly logit b c.x1##i.f\n"


def _margins_lines() -> list[str]:
    lines = ["pwcompare f", "pwcompare c.x1#f", "pwcompare f#c.x1", "pwcompare f#c.x1, effects", "pwcompare c.x1#f, mcompare(bonferroni)",
             "pwcompare c.x1", "pwcompare x1", "pwcompare c.x1#c.x1", "pwcompare f#c.x2", "pwcompare f#c.nosuch", "pwcompare c.x1#f, cimargins",
             "pwcompare c.x1#f, pveffects", "pwcompare c.x1#f, groups", "pwcompare c.x1#f, sort", "pwcompare c.x1#f, eform",
             "margins f, dydx(x1) pwcompare", "margins f, dydx(x1) pwcompare(effects)", "margins, dydx(x1) over(f) pwcompare",
             "margins (f)", "margins (f b)", "margins f (b)", "margins (f)#(b)", "margins ()", "margins (nosuch)", "margins (f", "margins f)",
             "margins ((f))", "margins (f) (f)", "margins (f), dydx(x1)", "margins (f), at(x1 = (0 1))", "margins (f) if f == 1", "margins (f) b",
             "margins (f), pwcompare", "margins r.(f)", "margins (r).f", "margins (r1 r2).f", "margins (r(1 2)).f", "margins (f#b)", "margins (c.x1)",
             "margins (x1)", "margins f, contrast", "margins (f), contrast(nowald)", "contrast (f)", "contrast (r).f", "contrast f#c.x1",
             "contrast r.f#c.x1", "pwcompare (f)", "pwcompare (f) b"]
    out = [_PW + ln for ln in lines] + [_PWL + ln for ln in lines[:20]]
    out += ["quietly regress y c.x1##i.f i.b\nmargins (f b)", "quietly regress y c.x1##i.f i.b\nmargins (f)#(b)", "quietly regress y c.x1##i.f i.b\nmargins (f) (b), dydx(x1)",
            "quietly mixed y c.x1##i.f || g:\npwcompare f#c.x1", "quietly regress y x1\npwcompare x1", "pwcompare f", "margins (f)"]
    return out


def _collect_lines() -> list[str]:
    pre = ["collect: regress y x1", "collect: regress y x1 x2 i.f", "collect, tag(model[1]): regress y x1", "collect, name(c2): regress y x1",
           "collect _r_b _r_se: regress y x1", "collect: summarize y", "collect r(mean): summarize y", "collect e(N) e(r2): regress y x1",
           "collect: logit b x1", "collect: mixed y x1 || g:", "collect: nosuch y", "collect: regress y nosuch", "collect:", "collect",
           "collect, tag(): regress y x1", "collect, name(): regress y x1", "collect, tag(a b): regress y x1", "collect, nosuch: regress y x1",
           "quietly collect: regress y x1", "collect: quietly regress y x1", "capture collect: regress y nosuch", "collect, tag(m[2]): regress y x1 if 0",
           "collect: bysort f: regress y x1", "collect: by f, sort: summarize y", "collect: tabulate f", "collect: display 1", "collect: collect: regress y x1"]
    post = ["collect layout (colname) (result)", "collect layout (colname) (result[_r_b _r_se])", "collect layout (colname#result) ()",
            "collect layout (nosuch) (result)", "collect layout ()", "collect layout", "collect layout (colname) (result", "collect layout (colname) (result) (model)",
            "collect preview", "collect style cell, nformat(%5.2f)", "collect style cell result[_r_b], nformat(%6.3f)", "collect style cell, nformat(abc)",
            "collect style cell, cidelimiter(\", \")", "collect style header result, level(hide)", "collect style showbase off",
            "collect style column, dups(center)", "collect style column, dups(repeat)", "collect style column, dups(nosuch)", "collect style nosuch",
            "collect style cell, halign(center)", "collect style cell, border(bottom)", "collect style title, font(bold)", "collect style clear",
            "collect style cell result[_r_se], sformat(\"(%s)\")", "collect style cell result[_r_se], sformat(\"%s\" \"%s\")",
            "collect dims", "collect levelsof result", "collect label levels result _r_b \"Coef\"", "collect title \"T\"", "collect notes \"n\"",
            "collect export out.txt", "collect export out.txt, replace", "collect export r26c.docx, replace", "collect export r26c.md",
            "collect stars _r_p 0.05 \"*\"", "collect query cell", "collect clear\ncollect preview", "collect preview, name(nosuch)", "collect layout (colname) (result), name(c2)"]
    out = list(pre)
    for k, p in enumerate(post):
        out.append(f"{pre[k % 10]}\n{p}")
        out.append(f"collect: regress y x1 x2\ncollect: logit b x1\n{p}")
    out += [f"{p}\ncollect layout (colname) (result)\ncollect preview" for p in pre[:14]]
    return out


def _svygof_lines() -> list[str]:
    fits = ["svy: logit b x1", "svy: logistic b x1", "svy: logit b x1 i.f", "svy: logit b k", "svy: logit b x1, or", "svy, subpop(f): logit b x1",
            "svy: probit b x1", "svy: regress y x1", "logit b x1", "svy: logit b x1 if f == 1", "svy: logit b", "svy: logit b x1 x2 c"]
    posts = ["estat gof", "estat gof, group(5)", "estat gof, group(10)", "estat gof, group(2)", "estat gof, group(1)", "estat gof, group(0)", "estat gof, group(40)",
             "estat gof, group(999)", "estat gof, group(-1)", "estat gof, group(x)", "estat gof, group()", "estat gof, total", "estat gof, all", "estat gof, table",
             "estat gof if f == 1", "estat gof in 1/10", "estat gof if 0", "estat gof, nosuch", "estat gof, g(4)", "svylogitgof", "svylogitgof, group(5)",
             "svylogitgof, group(2)", "svylogitgof, group(0)", "svylogitgof, group(x)", "svylogitgof, nosuch", "svylogitgof y", "svylogitgof if f == 1",
             "estat gof\ndisplay r(F) r(p) r(df1) r(df2)", "svylogitgof\nreturn list"]
    out = []
    setups = [_SVY, "svyset g [pw=w], strata(f)", "svyset _n [pw=w]", "svyset g", "svyset g [pw=w], vce(jackknife)", "svyset [pw=w]"]
    for k, p in enumerate(posts):
        fit = fits[k % len(fits)] if k % 2 else fits[0]
        out.append(f"{setups[k % len(setups)]}\nquietly {fit}\n{p}")
        out.append(f"{_SVY}\nquietly svy: logit b x1\n{p}")
    out += [f"svyset _n [pw=w], strata(f)\nquietly {f}\nestat gof" for f in fits] + [f"svyset _n [pw=w]\nquietly {f}\nsvylogitgof" for f in fits]
    return out


def _heck_lines() -> list[str]:
    prep = ["", "replace b = 1", "replace b = 0", "replace b = 1 in 1/38", "replace b = (x1 > 0)", "replace y = . if b == 0",
            "replace x2 = x1", "replace y = 1", "replace x2 = 0", "replace b = . in 1/30", "replace b = 1 in 1/39\nreplace b = 0 in 40"]
    fits = ["heckman y x1, select(b = x1 x2)", "heckman y x1, select(b = x1 x2) twostep", "heckman y x1, select(x1 x2)",
            "heckprob b x1, select(f = x1 x2)", "heckprob c x1, select(b = x1 x2)", "heckman y x1, select(b = x1 x2) vce(robust)",
            "heckman y x1, select(b = x2) rhosigma", "heckman y x1, select(b = x1) twostep", "heckprob b x1, select(b = x1 x2)",
            "heckman y x1 x2, select(b = x1 x2) nolog", "heckman y, select(b = x2)", "heckman y x1, select(b = )", "heckman y x1, select(b = x1 x2) iterate(0)",
            "heckman y x1, select(b = x1 x2) from(x1 = 1)", "heckprob b x1, select(b = x1 x2) iterate(0)", "heckman y x1, select(b = k)",
            "heckman y x1, select(b = x1 x2) mills(q)", "heckman y x1, select(b = x1 x2) nshazard(q)", "heckprob b x1 [pw=w], select(b = x1 x2)"]
    out = []
    for k, p in enumerate(prep):
        for j, fit in enumerate(fits):
            if (k + j) % 2 == 0 or not p:
                if fit.startswith("heckprob") and "select(b" in fit:
                    fit = fit.replace("heckprob b", "heckprob o")
                out.append(f"{p}\n{fit}" if p else fit)
    return out


def _progress_lines() -> list[str]:
    fits = ["melogit b x1 || g:", "logit b x1", "heckman y x1, select(b = x1 x2)", "mixed y x1 || g:", "ml model lf myprobit (b = x1)\nml maximize",
            "stcox x1, shared(g)", "xtpoisson c x1, re normal"]
    out = []
    for f in fits:
        head = "stset t2, failure(b)\n" if "stcox" in f else ("xtset g t\n" if "xtpoisson" in f else "")
        last = f.split("\n")[-1]
        pre = "\n".join(f.split("\n")[:-1])
        pre = (pre + "\n") if pre else ""
        for wrap in ("quietly {}", "capture {}", "noisily {}", "quietly noisily {}", "capture noisily {}", "capture quietly {}",
                     "quietly capture noisily {}", "quietly {{\nnoisily {}\n}}", "bootstrap, reps(2) nodots: {}", "quietly bootstrap, reps(2): {}"):
            out.append(head + pre + wrap.format(last))
    return out


def _matrix_lines() -> list[str]:
    bodies = ["(1, 2, 3)", "(1, 2,)", "(1,, 2)", "(, 1)", "(1, 2 \\ 3, 4,)", "(1, 2 \\ 3)", "(1, . \\ ., 4)", "(1, .a \\ .z, 4)", "(., .)", "(.)",
              "(1 \\)", "(\\ 1)", "(1, 2 \\\\ 3, 4)", "()", "(1 2 3)", "(1, 2 \\ 3 4)", "(1,2)\\(3,4)", "(1e400)", "(-.)", "(1, -.)", "(1, 2", "1, 2)",
              "(1,\n2)", "(1, x1)", "(\"a\", 1)", "(1, 2)'", "(1, , , 2)", "(1, 2, , )", "(., ., . \\ ., ., .)"]
    out = []
    for body in bodies:
        out.append(f"matrix A = {body}\nmatrix list A")
        out.append(f"matrix input A = {body}\nmatrix list A")
    out += ["matrix input A = (1 2 \\ 3 4)\nmatrix list A", "matrix input A = (1 2 3,)", "matrix input A = (1 . 3 \\ 4 5 .)\nmatrix list A",
            "matrix input A = (1 2 \\ 3)", "matrix input A = (1 2 \\\\)", "matrix input A = ()", "matrix input A = (1 .a)\nmatrix list A",
            "matrix input A = (1, 2)\nmatrix list A", "matrix input A = (a b)", "matrix input A = (1 2) (3 4)", "matrix input = (1 2)",
            "matrix input A", "matrix input A = (1e999)", "matrix input A = (1 2 \\ 3 4)\nmatrix rownames A = a b\nmatrix list A",
            "matrix A = (1, 2 \\ 3, 4)\nmatrix B = A[1, .]\nmatrix list B", "matrix A = (1 , 2 \\ 3 , 4 , )", "matrix A = J(2, 2, .)\nmatrix list A"]
    return out


def _foreach_lines() -> list[str]:
    return [
        "foreach 1 of local x {\ndisplay 1\n}", "local L a b\nforeach 1 of local L {\ndisplay \"`1'\"\n}", "foreach 1 in a b c {\ndisplay \"`1'\"\n}",
        "foreach 2 of numlist 1/3 {\ndisplay `2'\n}", "foreach 0 in a b {\ndisplay \"`0'\"\n}", "foreach 12 of varlist x1 x2 {\nsummarize `12'\n}",
        "foreach 1a in a b {\ndisplay 1\n}", "foreach -1 in a b {\ndisplay 1\n}", "foreach 1.5 in a b {\ndisplay 1\n}", "foreach _1 in a b {\ndisplay \"`_1'\"\n}",
        "forvalues 1 = 1/3 {\ndisplay `1'\n}", "forvalues 0 = 1/2 {\ndisplay `0'\n}", "program define pp\nforeach 1 in `0' {\ndisplay \"`1'\"\n}\nend\npp a b",
        "program define pp\nargs a\nforeach 1 in x y {\ndisplay \"`1' `a'\"\n}\nend\npp q", "foreach 1 of global G {\ndisplay 1\n}",
        "global G a b\nforeach 1 of global G {\ndisplay \"`1'\"\n}", "foreach 1 of newlist n1 n2 {\ngenerate `1' = 1\n}",
        "foreach 1 of varlist nosuch {\ndisplay 1\n}", "foreach 1 in {\ndisplay 1\n}", "foreach 1 in a b {\ncontinue, break\n}",
        "foreach 1 in a b {\nforeach 2 in c d {\ndisplay \"`1'`2'\"\n}\n}", "foreach 1 in a b {\nlocal 1 = 5\ndisplay `1'\n}",
        "foreach 99999999999999999999 in a {\ndisplay 1\n}", "foreach 1 of numlist 1/3 {\ngenerate v`1' = `1'\n}", "foreach 1 of numlist {\ndisplay 1\n}",
        "foreach 1 in a b\ndisplay 1", "foreach 1 of nosuch a b {\ndisplay 1\n}", "foreach 1 of local {\ndisplay 1\n}",
    ]


def _mm_lines() -> list[str]:
    saves = ["preserve\nkeep g f x2\nsave mkeys, replace\nrestore", "preserve\nkeep g x2\nkeep in 1/3\nsave mkeys, replace\nrestore",
             "preserve\nkeep g x2\nreplace g = .a in 1/4\nsave mkeys, replace\nrestore", "preserve\nkeep s x2\nsave mkeys, replace\nrestore",
             "preserve\nkeep g x2\ndrop in 1/40\nsave mkeys, replace emptyok\nrestore", "preserve\nkeep g y\nsave mkeys, replace\nrestore",
             "preserve\nkeep g x2\ntostring g, replace\nsave mkeys, replace\nrestore", "preserve\nkeep g x2\nreplace g = g + 0.5\nsave mkeys, replace\nrestore"]
    merges = ["merge m:m g using mkeys", "merge m:m g f using mkeys", "merge m:m s using mkeys", "merge m:m g using mkeys, keep(match)",
              "merge m:m g using mkeys, nogenerate", "merge m:m g using mkeys, update", "merge m:m g using mkeys, update replace",
              "merge m:m g using mkeys, keepusing(x2)", "merge m:m g using mkeys, generate(mm)", "merge m:m g using mkeys, assert(match)",
              "merge m:m g using mkeys, sorted", "merge m:m g using mkeys, force", "merge m:m nosuch using mkeys", "merge m:m g using nosuch",
              "merge m:m g using mkeys if f == 1", "merge m:m _n using mkeys", "merge m:m g using mkeys, keep(master using)", "merge m:m z using mkeys"]
    out = []
    for k, m in enumerate(merges):
        for j in range(2):
            out.append(f"{saves[(k * 2 + j) % len(saves)]}\n{m}")
    out += ["replace g = .a in 1/8\n" + saves[0] + "\nmerge m:m g using mkeys", "replace g = . \n" + saves[1] + "\nmerge m:m g using mkeys"]
    return out


FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "qic": ((), _qic_lines()),
    "miexp": ((), _miexp_lines()),
    "misvy": ((), _misvy_lines()),
    "strgen": ((), _strgen_lines()),
    "outreg2": ((), _outreg2_lines()),
    "renvars": ((), _renvars_lines()),
    "margins": ((), _margins_lines()),
    "collect": ((), _collect_lines()),
    "svygof": ((), _svygof_lines()),
    "heck": ((), _heck_lines()),
    "progress": ((), _progress_lines()),
    "matrix": ((), _matrix_lines()),
    "foreach": ((), _foreach_lines()),
    "mmerge": ((), _mm_lines()),
}

# multi-line bodies (loops, programs, matrices across lines) are checked whole
WHOLE: set[str] = {"foreach"}

_WRITTEN = ("est1.ster", "part.dta", "mkeys.dta", "sfile.dta", "r26out.txt", "r26out.xml", "r26out.xls", "r26out.tex", "r26out.rtf",
            "r26c.docx", "r26c.md", "out.xml", "out.txt.xml", "sub/out.txt")


def run_case(case, folder):
    """round 25's run_case (files typed names removed first; the setup's files not findings)."""
    return r25.run_case(case, folder, _WRITTEN)


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False):
    return r16.cases(seed, count, only, mutated_only, FAMILIES, WHOLE)


if __name__ == "__main__":
    sys.exit(r16.main(families=FAMILIES, whole=WHOLE, runner=run_case))

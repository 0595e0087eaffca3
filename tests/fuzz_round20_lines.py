"""Round 20 of the command fuzz (docs/command_fuzz.md): what merged in the forty-second session --
the data transaction's lazy frame copy (Dataset.transaction_snapshot) and the read-only commands
that take no snapshot (command_call._LEAVES_DATA), r(table) computed when first read
(results.matrix.DeferredMatrix), set emptycells drop, svy: with the me commands' replays,
cformat on xtivreg/teffects/svy/boxcox, contrasts of slopes, i()/t() declaring the panel,
macro expansion corners, mi reshape/misstable/xeq, label values (varlist), outreg2
bracket/noparen, streg forceshared, egen cut()/label, import delimited numericcols()/stringcols().

The walk, mutations, shapes and checks are round 16's (tests/fuzz_round16_programs.py); only the
families differ.

    python3 tests/fuzz_round20_lines.py [--seed 1] [--count 40] [--only snapshot,rtable] [--mutated-only] [-v]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round16_programs as r16  # noqa: E402

_SVY = "svyset g [pw=w]"
_XT = "xtset g t"
_REG = "quietly regress y x1 x2"
_MI = ("generate double m1 = cond(missing(m), x1, m)\ngenerate double m2 = cond(missing(m), x2, m)\n"
       "mi import wide, imputed(m = m1 m2)")
_CSV = ('file open fh using r20.csv, write replace\nfile write fh "a,b,c" _n "1,x,003" _n "2,y,4" _n ",z,5" _n\n'
        "file close fh")

FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    # read-only commands (no snapshot) and the lazy frame copy
    "snapshot": ((), [
        "summarize y, meanonly", "summarize y if nosuch", "summarize y, detail nosuch", "summarize s",
        "summarize y [aw=w] if x1 > 0, separator(2)", "summarize y [fw=x1]", "summarize y, format",
        "count if y > . | nosuch", "count if s", "list y in 1/0", "list y, nosuch", "list y, sepby(nosuch)",
        "levelsof g, local(L) separate(,)", "levelsof s, clean matrow(M)", "levelsof g, matcell(M)",
        "levelsof y, nosuch", "assert y < . | nosuch", "assert 1 == 0", "assert y > 1e300, rc0",
        "display y[1] + nosuch", "confirm variable nosuch", "scalar a = y[1] / nosuch",
        "count\nreplace y = 1 if nosuch", "replace y = 1\nreplace y = nosuch", "replace y = . in 1/3\nreplace nosuch = 1",
        "sort y\nsort nosuch", "sort x1\nreplace y = 2 in 1\ngenerate q = nosuch", "summarize y\nreplace y = r(mean) if nosuch",
        "replace y = y * 2\nreplace y = s", "generate q = 1\nreplace q = 2 in 1\nrename q nosuch nosuch2",
        "replace y = 1e300 * 1e300", "replace y = 1 in 50", "replace y = 1 in -1", "replace s = 1",
        "replace y = . , nopromote nosuch", "replace b = 0.5", "replace b = 300", "replace s = s + 1",
        "sort g, stable nosuch", "gsort -y nosuch", "sort s y\nsort y s, stable", "sort y in 1/5",
        "drop in 1\ndrop nosuch", "keep in 1/3\nkeep nosuch", "order y, after(nosuch)", "label variable y\nrename y y2 y3",
        "program p20\nreplace y = 1\nnosuch\nend\ncapture p20\nsummarize y",
        "program p20\nreplace y = 1\nerror 198\nend\ncapture noisily p20",
        "preserve\nreplace y = 1\nrestore\nreplace y = nosuch",
        "preserve\ndrop _all\nrestore, not\nsummarize", "preserve\nreplace y = 2\nrestore, preserve\nreplace y = nosuch",
        "forvalues i = 1/3 {\nreplace y = `i' in `i'\n}\nreplace y = nosuch",
        "foreach v of varlist y x1 {\nreplace `v' = 0 in 1\n}\nreplace x2 = s",
        "capture noisily {\nreplace y = 1\nreplace y = nosuch\n}\nsummarize y",
        "frame copy default f2\nframe f2: replace y = nosuch", "frame create f2\nframe change f2\nreplace nosuch = 1",
        "frame put y x1, into(f2)\nframe f2: sort nosuch", "frame copy default f2\nframe f2: replace y = 1\nframe f2: count",
        "quietly by g, sort: replace y = y[1] if nosuch", "bysort g: replace y = 1 if nosuch",
        "generate q = y\nreplace q = . if s == 1", "egen q = mean(y)\negen q2 = mean(nosuch)",
        "recode g (1=9)\nrecode nosuch (1=2)", "replace y = runiform()\nreplace y = nosuch",
        "mata: st_store(1, \"y\", 5)\nreplace y = nosuch", "isid y\nisid nosuch", "duplicates drop\nduplicates drop nosuch",
    ]),
    # r(table) read late, stored, listed, after reposts and other r-class commands
    "rtable": ((), [
        _REG + "\nmatrix T = r(table)\nquietly regress y x2\nmatrix list T",
        _REG + "\nmatrix b = e(b)\nmatrix b[1,1] = 99\nereturn repost b = b\nmatrix list r(table)",
        _REG + "\nsummarize y\nmatrix list r(table)", _REG + "\nreturn list", _REG + "\nmatrix list r(table), format(%5.2f)",
        _REG + "\nestimates store a\nquietly regress y x2\nestimates restore a\nmatrix list r(table)",
        _REG + "\nset level 90\nmatrix list r(table)", _REG + "\ndisplay r(table)[1,1]", _REG + "\ndisplay el(r(table), 4, 1)",
        _REG + "\nmatrix T = r(table)'\nmatrix list T", _REG + "\nmatrix T = r(table)[1..4, \"x1\"]\nmatrix list T",
        "forvalues i = 1/30 {\nquietly regress y x1 if _n > `i'\n}\nmatrix list r(table)",
        "forvalues i = 1/5 {\nquietly regress y x1\nmatrix T`i' = r(table)\n}\nmatrix list T1",
        "quietly logit b x1\nmatrix list r(table)", "quietly logit b x1, or\nmatrix list r(table)",
        "quietly poisson c x1, irr\nmatrix list r(table)", "quietly mixed y x1 || g:\nmatrix list r(table)",
        _REG + "\nereturn repost V = nosuch", _REG + "\nereturn repost, esample(nosuch)",
        _REG + "\nmatrix V = e(V)\nereturn repost V = V\nmatrix list r(table)", "ereturn repost", _REG + "\nereturn repost",
        _REG + "\nestimates replay\nmatrix list r(table)", _REG + "\nregress\nmatrix list r(table)",
        _REG + "\nregress, level(80)\nmatrix list r(table)", _REG + "\nlincom x1\nmatrix list r(table)",
        _REG + "\ntest x1\nmatrix list r(table)", _REG + "\nmatrix rename r(table) T", _REG + "\nmatrix drop r(table)",
        _REG + "\nreturn clear\nmatrix list r(table)", _REG + "\nmatrix list r(table)\nquietly regress y nosuch\nmatrix list r(table)",
        _REG + ", notable\nmatrix list r(table)", "quietly regress y x1 in 1/2\nmatrix list r(table)",
        "quietly regress y k\nmatrix list r(table)", "quietly regress y x1 [aw=w], level(99.9)\nmatrix list r(table)",
        _REG + "\nestimates store a\nestimates table a\nmatrix list r(table)", _REG + "\nmatrix list r(table)\nmatrix list r(table)",
    ]),
    "emptycells": (("set emptycells drop",), [
        "regress y i.f##i.g", "regress y i.f##i.g\nmargins f", "regress y i.f##i.g\ncontrast f#g",
        "regress y i.f##i.g\npwcompare f", "regress y i.f##i.g\ntest 2.f#2.g", "regress y i.f##i.g\ntestparm i.f#i.g",
        "regress y i.f##i.g\nestimates store a\nestimates table a", "regress y i.f##i.g\nesttab",
        "regress y i.f##i.g if !(f == 2 & g == 3)\nmargins f#g", "regress y i.f##i.g if !(f == 2 & g == 3)\ncontrast f#g",
        "regress y i.f##i.g if !(f == 2 & g == 3)\npwcompare f#g", "regress y i.f##i.g if !(f == 2 & g == 3)\nmatrix list e(b)",
        "regress y i.f##i.g if !(f == 2 & g == 3)\ntest 2.f#3.g", "regress y i.f##i.g if !(f == 2 & g == 3)\nesttab",
        "logit b i.f##i.g if !(f == 2 & g == 3)\nmargins f", "set emptycells keep\nregress y i.f##i.g",
        "set emptycells nosuch", "set emptycells", "set emptycells drop, permanently", "regress y i.f##c.x1 if f != 2\nmargins f",
        "regress y i.f##i.g if f == 1\nmargins f#g", "regress y i.f##i.g if 0", "regress y i.f#i.g i.s",
        "regress y i.f##i.g if !(f == 2 & g == 3)\nlincom 2.f#3.g", "regress y i.f##i.g if !(f == 2 & g == 3)\nestimates table, b se",
    ]),
    "svyme": ((_SVY,), [
        "svy: melogit b x1 || g:\nsvy", "svy: melogit b x1 || g:\nsvy, or", "svy: melogit b x1 || g:\nmelogit, or",
        "svy: mepoisson c x1 || g:\nsvy, irr", "svy: mepoisson c x1 || g:\nsvy, irr level(90)", "svy: mepoisson c x1 || g:\nsvy, or",
        "svy: melogit b x1 || g:\nsvy, nosuch", "svy: melogit b x1 || g:\nsvy, eform", "svy: melogit b x1 || g:\nsvy, cformat(%5.2f)",
        "constraint 1 x1 = 0.5\nsvy: melogit b x1 x2 || g:, constraints(1)", "constraint 1 x1 = x2\nsvy: mepoisson c x1 x2 || g:, constraints(1)",
        "svy: melogit b x1 || g:, constraints(9)", "svy: melogit b x1 || g:, constraints(abc)", "svy: melogit b x1 || g:, constraints()",
        "svyset g [pw=w], vce(brr)\nsvy: melogit b x1 || g:", "svyset g [pw=w], vce(jackknife)\nsvy: melogit b x1 || g:",
        "svy brr: melogit b x1 || g:", "svy bootstrap: mepoisson c x1 || g:", "svy jackknife: mixed y x1 || g:",
        "svy: melogit b x1 || g:\nestimates replay", "svy: meologit o x1 || g:\nsvy, or", "svy: meprobit b x1 || g:\nsvy, or",
        "svy: mixed y x1 || g:\nsvy, level(101)", "svy: melogit b x1 || g:\nsvy, coeflegend", "svy: melogit b x1 || g:\nsvy, noheader notable",
    ]),
    "cformat": ((_XT,), [
        "xtivreg y (x1 = x2), fe cformat(%9.2f)", "xtivreg y (x1 = x2), re cformat(%9.2f) pformat(%5.3f) sformat(%6.2f)",
        "xtivreg y (x1 = x2), fe cformat(abc)", "xtivreg y (x1 = x2), fe cformat(%999.2f)", "xtivreg y (x1 = x2), fe cformat()",
        "xtivreg y (x1 = x2), fd cformat(%9.2f)", "xtivreg y (x1 = x2), be cformat(%9.2f)",
        "teffects ra (y x1) (b), cformat(%9.2f)", "teffects ipw (y) (b x1), pformat(%5.2f)", "teffects ra (y x1) (b), sformat(%s)",
        "teffects ra (y x1) (b)\nteffects ra, cformat(%6.1f)", "svyset g [pw=w]\nsvy: regress y x1\nsvy, cformat(%6.2f)",
        "svyset g [pw=w]\nsvy: regress y x1\nsvy, cformat(%6.2f) pformat(%4.1f) sformat(%6.1f)",
        "svyset g [pw=w]\nsvy: regress y x1\nsvy, cformat(%tc)", "boxcox t2 x1, cformat(%9.2f)", "boxcox t2 x1, model(theta) cformat(%7.3f)",
        "boxcox t2 x1\nboxcox, cformat(%7.3f)", "boxcox t2 x1, cformat(%9.2g) nolog", "boxcox t2 x1, pformat(%5.1f) sformat(%8.1f)",
        "set cformat %7.2f\nxtivreg y (x1 = x2), fe", "set cformat %7.2f\nboxcox t2 x1", "xtivreg y (x1 = x2), re cformat(%-9.2f)",
    ]),
    "contrast": ((), [
        "regress y i.f##c.x1\ncontrast f#c.x1", "regress y i.f##c.x1\ncontrast f#c.x1, overall",
        "regress y i.f##i.b##c.x1\ncontrast f#b#c.x1", "regress y i.f##i.b##c.x1\ncontrast f#c.x1 b, overall",
        "regress y i.f##c.x1\ncontrast r.f#c.x1", "regress y i.f##c.x1\ncontrast ar.f#c.x1, effects",
        "regress y i.f##c.x1\ncontrast f#c.x2", "regress y i.f##c.x1\ncontrast c.x1", "regress y i.f##c.x1\ncontrast f#c.nosuch",
        "regress y i.f##c.x1\ncontrast f#c.x1, mcompare(bonferroni)", "regress y i.f##c.x1\ncontrast f#c.x1, pveffects overall",
        "logit b i.f##c.x1\ncontrast f#c.x1, overall", "regress y i.f##c.x1##c.x1\ncontrast f#c.x1#c.x1",
        "regress y i.f#c.x1\ncontrast f#c.x1, overall", "regress y i.f##c.x1\ncontrast {f#c.x1 1 -1 0}",
        "regress y i.f##c.x1\ncontrast f#c.x1 f, overall asobserved", "regress y i.f##c.x1 if f == 1\ncontrast f#c.x1",
    ]),
    "panel": ((), [
        "xtreg y x1, i(g)", "xtreg y x1, i(g) t(t) fe", "xtsum y, i(g)", "xtdes, i(g) t(t)", "xtdescribe, i(g) t(nosuch)",
        "xtreg y x1, i(nosuch)", "xtreg y x1, i(s)", "xtreg y x1, i()", "xtsum y, i(g) t(t)", "xtset g t\nxtreg y x1, i(f)",
        "xtset g t\nxtsum y, i(b)", "xtreg y x1, i(g y)", "xtreg y x1, t(t)", "xtdes, i(x1)", "xtreg y x1, i(g) re nosuch",
        "xtsum y if 0, i(g)", "xtreg y x1, i(k)", "xtreg y x1, i(z)", "xtdes, i(g) t(t) patterns(0)", "xtreg y x1, i(g) i(f)",
    ]),
    "macros": ((), [
        'local name x\nlocal ext dta\ndisplay "`name\'.`ext\'"', 'local n 3\ndisplay "\\`n\'"', 'local n 3\ndisplay "\\\\`n\'"',
        'local f y\nsummarize `f\'.x', 'global G y\ndisplay "\\$G"', 'local a `"b"\'\ndisplay "`a\'.`a\'"',
        'local x = 1\ndisplay "a\\`x\'b"', 'local e\ndisplay "`e\'.`e\'"', 'local x y\nsave `x\'.dta, replace\ndescribe using `x\'.dta',
        'foreach i of any a b "c d" {\ndisplay "`i\'"\n}', 'foreach i of any {\ndisplay "`i\'"\n}', 'foreach i of any a, b {\ndisplay "`i\'"\n}',
        'foreach i of anything a b {\ndisplay "`i\'"\n}', 'foreach i of any `"a "b" c"\' {\ndisplay `"`i\'"\'\n}',
        'foreach i of any a b {\nreplace y = nosuch\n}', 'foreach i of any 1 2 {\nreplace y = `i\' in `i\'\n}',
        'local p "a\\b"\ndisplay "`p\'"', 'display "\\`"', 'display "`\'"', 'local a x\ndisplay "`a\'.`b\'.`c\'"',
    ]),
    "mi": ((_MI,), [
        "mi misstable summarize", "mi misstable summarize m", "mi misstable patterns", "mi misstable summarize nosuch",
        "mi misstable summarize, nosuch", "mi misstable tree m", "mi misstable nested",
        "mi xeq 1: replace y = nosuch", "mi xeq 1: replace y = 5\nsummarize y", "mi xeq 0 1: drop in 1",
        "mi xeq: generate q = 1", "mi xeq 1: replace m = 9\nmi update", "mi xeq 9: replace y = 1",
        "mi reshape long x, i(g t) j(j)", "mi reshape wide y, i(g) j(t)", "mi reshape long nosuch, i(g t) j(j)",
        "mi reshape wide y, i(nosuch) j(t)", "mi reshape", "mi reshape wide y, i(g) j(t)\nmi reshape long",
        "mi reshape long x, i(sid) j(j)", "mi reshape wide m, i(g) j(t)",
    ]),
    "labels": ((), [
        "label define L 1 one 2 two\nlabel values g f L", "label define L 1 one\nlabel values g-o L", "label values g f",
        "label values (g f) L", "label define L 1 one\nlabel values (g f) L", "label values g s L", "label values g f nosuch",
        "label define L 1 one\nlabel values g nosuch L", "label values g f .", "label values _all", "label values g, nofix",
        "label define L 1 one\nlabel values * L", "label define L 1 one\nlabel values g f L, nofix",
    ]),
    "misc": ((_REG,), [
        "outreg2 using r20, replace bracket", "outreg2 using r20, replace noparen", "outreg2 using r20, replace bracket noparen",
        "outreg2 using r20, replace bracket(se)", "outreg2 using r20, replace noparen ci", "outreg2 using r20, replace bracket pvalue",
        "stset t2, failure(b)\nstreg x1, distribution(weibull) frailty(gamma) shared(g) forceshared",
        "stset t2, failure(b)\nstreg x1, distribution(weibull) frailty(gamma) shared(g)",
        "stset t2, failure(b) id(sid)\nstreg x1, distribution(exponential) frailty(invgauss) shared(g) forceshared",
        "stset t2, failure(b)\nstreg x1, distribution(weibull) forceshared", "stset t2, failure(b)\nstreg x1, shared(nosuch) frailty(gamma) forceshared",
        "egen q = cut(y), at(-1 0 1 2)", "egen q = cut(y), at(-1 0 1 2) label", "egen q = cut(y), group(3) label",
        "egen q = cut(y), group(3) icodes", "egen q = cut(y), at(5 1)", "egen q = cut(y), at()", "egen q = cut(y), group(0)",
        "egen q = cut(y), group(-1)", "egen q = cut(s), group(2)", "egen q = cut(y), at(1) label", "egen q = cut(y), label",
        "egen q = cut(y), at(-10(1)10) label icodes", "egen q = cut(y), group(1e9)", "egen q = cut(y) if 0, group(2) label",
        _CSV + "\nimport delimited using r20.csv, clear numericcols(3)", _CSV + "\nimport delimited using r20.csv, clear stringcols(1 3)",
        _CSV + "\nimport delimited using r20.csv, clear numericcols(2)", _CSV + "\nimport delimited using r20.csv, clear numericcols(9)",
        _CSV + "\nimport delimited using r20.csv, clear numericcols(_all)", _CSV + "\nimport delimited using r20.csv, clear stringcols(_all)",
        _CSV + "\nimport delimited using r20.csv, clear numericcols(1) stringcols(1)", _CSV + "\nimport delimited using r20.csv, clear numericcols(abc)",
        _CSV + "\nimport delimited using r20.csv, clear numericcols(0)", _CSV + "\nimport delimited using r20.csv, clear numericcols(-1)",
        _CSV + "\nimport delimited using r20.csv, clear numericcols()", _CSV + "\nimport delimited using r20.csv, numericcols(3)",
        _CSV + "\nimport delimited a b c using r20.csv, clear stringcols(2/3)",
    ]),
}

WHOLE = {"macros"}


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False):
    return r16.cases(seed, count, only, mutated_only, FAMILIES, WHOLE)


if __name__ == "__main__":
    sys.exit(r16.main(families=FAMILIES, whole=WHOLE))

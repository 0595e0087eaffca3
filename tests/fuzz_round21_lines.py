"""Round 21 of the command fuzz (docs/command_fuzz.md): the families earlier rounds touched least --
margins/contrast/pwcompare/lincom/nlcom after the me commands and gsem; mi set/register/impute/
estimate/xeq with odd input; graph commands on extreme or empty data with odd option values; the
file commands (use/save/import/export/merge/append using, log, graph export) with odd paths,
existing files, missing folders and read-only files; long and nested macros and loops.

The walk, mutations, shapes and checks are round 16's (tests/fuzz_round16_programs.py); only the
families differ.

    python3 tests/fuzz_round21_lines.py [--seed 1] [--count 40] [--only meposts,mi] [--mutated-only] [-v]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round16_programs as r16  # noqa: E402

_MIXED = "quietly mixed y x1 i.f || g:"
_MELOGIT = "quietly melogit b x1 i.f || g:"
_MEPOIS = "quietly mepoisson c x1 i.f || g:"
_GSEM = "quietly gsem (y <- x1 i.f M[g])"
_GSEM2 = "quietly gsem (y <- x1 M[g]) (b <- x1 M[g], logit)"
_MISET = "mi set wide\nmi register imputed m"
_MIIMP = "mi set mlong\nmi register imputed m\nmi impute regress m = x1 x2, add(3) rseed(1)"

FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "meposts": ((), [
        _MIXED + "\nmargins f", _MIXED + "\nmargins f, predict(fitted)", _MIXED + "\nmargins, dydx(x1)",
        _MIXED + "\nmargins f, at(x1 = (-1e300 0 1e300))", _MIXED + "\nmargins f, at(x1 = ())",
        _MIXED + "\nmargins f, predict(reffects)", _MIXED + "\nmargins f, predict(nosuch)",
        _MIXED + "\ncontrast f", _MIXED + "\ncontrast r.f, effects", _MIXED + "\npwcompare f, effects mcompare(tukey)",
        _MIXED + "\npwcompare f, mcompare(scheffe) groups", _MIXED + "\nlincom x1 + 2.f", _MIXED + "\nlincom [lns1_1_1]_cons",
        _MIXED + "\nlincom x1 / 0", _MIXED + "\nnlcom exp(_b[x1])", _MIXED + "\nnlcom (a: _b[x1]) (b: _b[2.f]/_b[x1])",
        _MIXED + "\nnlcom _b[x1] / 0", _MIXED + "\nnlcom exp(_b[x1] * 1e300)", _MIXED + "\nnlcom exp([lns1_1_1]_cons)",
        _MIXED + "\nnlcom nosuch", _MIXED + "\nnlcom (a: _b[x1]) (a: _b[x1])", _MIXED + "\nnlcom _b[x1], post\nnlcom _b[_nl_1]",
        _MIXED + "\nlincom x1, eform", _MIXED + "\nmargins f, vce(unconditional)", _MIXED + "\nmargins, over(g)",
        _MELOGIT + "\nmargins f", _MELOGIT + "\nmargins f, predict(mu fixedonly)", _MELOGIT + "\nmargins f, predict(xb)",
        _MELOGIT + "\nmargins, dydx(*)", _MELOGIT + "\nmargins, dydx(x1) at(x1 = (-1e10 1e10))",
        _MELOGIT + "\nlincom x1, or", _MELOGIT + "\nlincom x1, irr", _MELOGIT + "\nnlcom invlogit(_b[_cons])",
        _MELOGIT + "\ncontrast f, pveffects", _MELOGIT + "\npwcompare f, pveffects", _MELOGIT + "\nlincom _b[/var(_cons[g])]",
        _MELOGIT + "\nnlcom sqrt(_b[/var(_cons[g])])", _MELOGIT + "\nmargins f, predict(eta)",
        _MEPOIS + "\nmargins f", _MEPOIS + "\nmargins f, predict(n)", _MEPOIS + "\nlincom x1, irr", _MEPOIS + "\ncontrast f, overall",
        _MEPOIS + "\npwcompare f, cimargins", _MEPOIS + "\nmargins, dydx(x1) atmeans",
        _GSEM + "\nmargins f", _GSEM + "\nmargins, dydx(x1)", _GSEM + "\ncontrast f", _GSEM + "\npwcompare f",
        _GSEM + "\nlincom _b[y:x1] - _b[y:2.f]", _GSEM + "\nlincom x1", _GSEM + "\nnlcom _b[y:x1]^2",
        _GSEM + "\nnlcom _b[/var(M[g])]", _GSEM + "\nlincom _b[/var(e.y)]", _GSEM + "\nmargins f, predict(mu)",
        _GSEM + "\nmargins f, predict(eta outcome(y))", _GSEM + "\nmargins f, predict(outcome(nosuch))",
        _GSEM2 + "\nmargins, predict(outcome(b)) dydx(x1)", _GSEM2 + "\nlincom _b[b:x1] - _b[y:x1]",
        _GSEM2 + "\nnlcom _b[b:x1] / _b[y:x1]", _GSEM2 + "\nmargins, predict(outcome(y)) at(x1 = (0 1))",
        "quietly meologit o x1 i.f || g:\nmargins f", "quietly meologit o x1 i.f || g:\nmargins f, predict(outcome(#2))",
        "quietly meologit o x1 i.f || g:\nmargins f, predict(outcome(9))", "quietly meologit o x1 || g:\nlincom [cut1]_cons - [cut2]_cons",
        "quietly meglm c x1 i.f || g:, family(poisson)\nmargins f", "quietly menbreg c x1 i.f || g:\nmargins f\nnlcom exp(_b[x1])",
        "quietly mixed y x1 || g: x1\nmargins, dydx(x1)", "quietly mixed y c.x1##i.f || g:\nmargins f, dydx(x1)",
        "quietly mixed y c.x1##i.f || g:\ncontrast f#c.x1", "quietly mixed y i.f##i.b || g:\npwcompare f#b",
        "quietly mixed y i.f##i.b || g:\ncontrast f#b, overall",
    ]),
    "mi": ((), [
        "mi set wide", "mi set mlong", "mi set flong", "mi set flongsep nm", "mi set nosuch", "mi set", "mi set wide\nmi set wide",
        _MISET, _MISET + "\nmi register imputed m", _MISET + "\nmi register regular m", _MISET + "\nmi register imputed nosuch",
        _MISET + "\nmi register imputed s", "mi register imputed m", _MISET + "\nmi register passive x1",
        _MISET + "\nmi unregister m", _MISET + "\nmi unregister nosuch",
        _MISET + "\nmi impute regress m = x1 x2, add(2) rseed(1)", _MISET + "\nmi impute regress m = x1 x2, add(0)",
        _MISET + "\nmi impute regress m = x1 x2, add(-1)", _MISET + "\nmi impute regress m = x1 x2, add(1e9)",
        _MISET + "\nmi impute regress m = x1 x2, add(abc)", _MISET + "\nmi impute regress m = x1 x2",
        _MISET + "\nmi impute regress m = z, add(2)", _MISET + "\nmi impute regress m = k, add(2)",
        _MISET + "\nmi impute regress m = m, add(2)", _MISET + "\nmi impute pmm m = x1, add(2) knn(0)",
        _MISET + "\nmi impute pmm m = x1, add(2) knn(-3)", _MISET + "\nmi impute logit m = x1, add(2)",
        _MISET + "\nmi impute mvn m = x1, add(2)", _MISET + "\nmi impute chained (regress) m = x1, add(2)",
        _MISET + "\nmi impute regress m = x1 if 0, add(2)", _MISET + "\nmi impute regress m = x1 in 1/2, add(2)",
        _MISET + "\nmi impute regress m = x1 [pw=w], add(2)", _MISET + "\nmi impute regress m = x1, add(2) replace",
        _MISET + "\nmi impute regress m = x1, add(2) rseed(abc)", _MISET + "\nmi impute nosuch m = x1, add(2)",
        _MIIMP + "\nmi estimate: regress m x1", _MIIMP + "\nmi estimate: mixed m x1 || g:",
        _MIIMP + "\nmi estimate, vartable: regress m x1", _MIIMP + "\nmi estimate (a: _b[x1] * 2): regress m x1",
        _MIIMP + "\nmi estimate (a: _b[nosuch]): regress m x1", _MIIMP + "\nmi estimate, nimputations(9): regress m x1",
        _MIIMP + "\nmi estimate, nimputations(0): regress m x1", _MIIMP + "\nmi estimate, imputations(1 9): regress m x1",
        _MIIMP + "\nmi estimate: regress m nosuch", _MIIMP + "\nmi estimate: nosuch m x1", _MIIMP + "\nmi estimate:",
        _MIIMP + "\nmi estimate, level(101): regress m x1", _MIIMP + "\nmi estimate: regress m x1 if 0",
        _MIIMP + "\nmi estimate: regress m x1\nmi estimate, level(80)", _MIIMP + "\nmi estimate, post: regress m x1\nmargins",
        _MIIMP + "\nmi estimate, dots: logit b m", _MIIMP + "\nmi estimate, esampvaryok: regress m x1",
        _MIIMP + "\nmi xeq: summarize m", _MIIMP + "\nmi xeq 0: summarize m", _MIIMP + "\nmi xeq 1/2: summarize m",
        _MIIMP + "\nmi xeq 99: summarize m", _MIIMP + "\nmi xeq -1: summarize m", _MIIMP + "\nmi xeq 1: drop m",
        _MIIMP + "\nmi xeq: replace x1 = nosuch", _MIIMP + "\nmi xeq 1: nosuch", _MIIMP + "\nmi xeq 1: ",
        _MIIMP + "\nmi xeq 1 2: generate q = _mi_m\nmi describe", _MIIMP + "\nmi describe", _MIIMP + "\nmi query",
        _MIIMP + "\nmi convert wide", _MIIMP + "\nmi convert flong\nmi estimate: regress m x1", _MIIMP + "\nmi extract 1",
        _MIIMP + "\nmi extract 9", _MIIMP + "\nmi extract 0, clear", _MIIMP + "\nmi varying", _MIIMP + "\nmi update",
        _MIIMP + "\nmi passive: generate q = m * 2", _MIIMP + "\nmi passive: generate q = nosuch",
        _MIIMP + "\nmi add nosuch", _MIIMP + "\nmi rename m m2", _MIIMP + "\nmi rename m x1", _MIIMP + "\nmi stset t2",
        _MIIMP + "\ndrop m", _MIIMP + "\nmi xeq 1: sort nosuch", _MIIMP + "\nmi impute regress m = x1, add(2)",
    ]),
    "graph": ((), [
        "scatter y x1", "scatter y x1 if 0", "scatter y x1 in 1", "scatter z x1", "scatter y k", "scatter s x1",
        "scatter y x1, msize(-1)", "scatter y x1, msize(1e300)", "scatter y x1, xscale(range(1e300 -1e300))",
        "scatter y x1, xlabel(0(0)10)", "scatter y x1, xlabel(0(-1)10)", "scatter y x1, xlabel(1e300(1e299)1e301)",
        "scatter y x1, ylabel(#0)", "scatter y x1, ylabel(#-1)", "scatter y x1, ylabel(#1e9)", "scatter y x1, xtick(0(1e-300)1)",
        "scatter y x1, title(`\"a\"')", "scatter y x1, title()", "scatter y x1, by(g)", "scatter y x1, by(s)", "scatter y x1, by(z)",
        "scatter y x1, by(g, cols(0))", "scatter y x1, by(g, cols(-1))", "scatter y x1, by(g, rows(1e9))",
        "scatter y x1, mlabel(s)", "scatter y x1, mlabel(nosuch)", "scatter y x1, aspect(-1)", "scatter y x1, aspect(1e300)",
        "scatter y x1, xsize(0)", "scatter y x1, xsize(-5) ysize(1e9)", "scatter y x1, name(g1)\nscatter y x1, name(g1)",
        "scatter y x1, name(g1, replace)", "scatter y x1, name()", "scatter y x1, name(1bad)", "scatter y x1, scheme(nosuch)",
        "line y x1, sort", "line y t, connect(nosuch)", "twoway (line y x1) (scatter y x2) if 0", "twoway lfit y x1 if x1 > 1e300",
        "twoway lfitci y k", "twoway qfit y x1 in 1/2", "twoway function y = x^2, range(0 0)", "twoway function y = 1/x, range(-1 1)",
        "twoway function y = nosuch(x)", "twoway function y = x, range(1e300 -1e300)", "twoway function y = x, n(0)",
        "twoway function y = x, n(1e9)", "twoway area y x1 if 0", "twoway bar y x1, barwidth(-1)", "twoway rarea y x1 x2 in 1",
        "twoway kdensity y if 0", "twoway kdensity k", "twoway histogram y, bin(0)", "twoway histogram k",
        "histogram y, bin(0)", "histogram y, bin(-1)", "histogram y, bin(1e9)", "histogram y, width(0)", "histogram y, width(-1)",
        "histogram y, width(1e-300)", "histogram y, start(1e300)", "histogram k", "histogram z", "histogram s", "histogram y if 0",
        "histogram y, discrete", "histogram y, normal kdensity by(g)", "histogram y [fw=w]", "histogram y [fw=c]", "histogram y, frequency percent",
        "kdensity y, bwidth(0)", "kdensity y, bwidth(-1)", "kdensity y, n(0)", "kdensity y, n(1e9)", "kdensity k", "kdensity y if 0",
        "kdensity y, kernel(nosuch)", "kdensity y, at(x1)", "kdensity y, generate(a b) n(3)",
        "graph bar y, over(g)", "graph bar y if 0, over(g)", "graph bar (sum) y, over(s)", "graph bar (nosuch) y, over(g)",
        "graph bar y, over(z)", "graph hbar (count), over(f) over(g)", "graph box y, over(g)", "graph box k", "graph box z",
        "graph box y if 0", "graph pie y, over(g)", "graph pie k, over(g)", "graph pie z, over(g)", "graph pie y if 0, over(g)",
        "graph dot y, over(g)", "graph matrix y x1 x2", "graph matrix y z", "graph matrix y", "graph matrix y x1 if 0",
        "graph combine", "graph combine nosuch", "scatter y x1, name(a)\nscatter y x2, name(b)\ngraph combine a b, cols(0)",
        "scatter y x1\ngraph display", "graph display nosuch", "graph drop nosuch", "graph drop _all", "graph dir",
        "scatter y x1\ngraph save nosuchdir/g.gph", "scatter y x1\ngraph save out.txt", "scatter y x1\ngraph save g1\ngraph save g1",
        "scatter y x1\ngraph export out.png", "scatter y x1\ngraph export out.png\ngraph export out.png",
        "scatter y x1\ngraph export nosuchdir/g.png", "scatter y x1\ngraph export g.nosuch", "scatter y x1\ngraph export g",
        "scatter y x1\ngraph export g.png, width(0)", "scatter y x1\ngraph export g.png, width(-1)",
        "scatter y x1\ngraph export g.png, width(1e9)", "scatter y x1\ngraph export g.svg, replace", "scatter y x1\ngraph export g.pdf, as(nosuch)",
        "scatter y x1\ngraph export out.txt, as(png)", "graph export g.png", "graph use nosuch", "scatter y x1\ngraph save g1, replace\ngraph use g1",
        "scatter y x1, saving(out.txt)", "scatter y x1, saving(g2)\nscatter y x1, saving(g2)", "scatter y x1, saving(nosuchdir/g2)",
        "scatter y x1, saving(g2, replace)", "marginsplot", "quietly regress y i.f\nmargins f\nmarginsplot, recast(nosuch)",
        "quietly regress y i.f\nmargins f\nmarginsplot, xdimension(nosuch)", "quietly regress y i.f if 0\nmarginsplot",
        "qnorm y if 0", "pnorm k", "rvfplot", "quietly regress y x1\nrvfplot if 0", "quietly regress y x1\nlvr2plot",
        "quietly regress y x1\navplots", "quietly regress y k\navplot k", "tsline y", "tsset t\ntsline y if 0",
        "scatter y x1 in 1, xscale(log)", "scatter y x1, xscale(log)", "scatter y x1, yscale(log) ylabel(0(1)2)",
        "scatter y x1, xline(1e300)", "scatter y x1, xline(.)", "scatter y x1, text(1e300 1e300 \"a\")",
    ]),
    "files": ((), [
        "save out.txt", "save out.txt, replace", "save data", "save data, replace", "save nosuchdir/x", "save nosuchdir/x, replace",
        "save \"\"", "save .", "save /", "save \"a b\"\nuse \"a b\", clear", "save x.dta.dta\nuse x.dta.dta, clear",
        "save \"with space/x\"", "save x, replace nolabel", "save x, emptyok", "drop _all\nsave x", "drop _all\nsave x, emptyok",
        "save x\nsave x", "use data", "use data, clear", "use nosuch, clear", "use nosuchdir/data, clear", "use out.txt, clear",
        "use out.csv, clear", "use \"\", clear", "use y x1 using data, clear", "use nosuch using data, clear",
        "use y using data if x1 > 0 in 1/3, clear", "use data in 1/0, clear", "use data in -1, clear", "use data if nosuch, clear",
        "use . , clear", "use /, clear", "use data.dta.dta, clear",
        "export delimited using out.csv", "export delimited using out.csv, replace", "export delimited using nosuchdir/o.csv",
        "export delimited nosuch using o.csv", "export delimited using o.csv if 0", "export delimited using \"\"",
        "export delimited using data.dta", "export delimited using data.dta, replace\nuse data, clear",
        "export excel using out.xls", "export excel using o.xlsx, replace sheet(\"\")", "export excel using nosuchdir/o.xlsx",
        "export excel using o.xlsx, sheet(a)\nexport excel using o.xlsx, sheet(a)",
        "export excel using o.xlsx, sheet(a)\nexport excel using o.xlsx, sheet(b) sheetmodify",
        "import delimited using out.csv, clear", "import delimited using out.csv", "import delimited using nosuch.csv, clear",
        "import delimited using out.tex, clear", "import delimited using data.dta, clear", "import delimited using nosuchdir/x.csv, clear",
        "import delimited using out.csv, clear rowrange(5:1)", "import delimited using out.csv, clear rowrange(0)",
        "import delimited using out.csv, clear colrange(9)", "import delimited using out.csv, clear varnames(9)",
        "import delimited using out.csv, clear delimiters(\"\")", "import excel using out.xls, clear", "import excel using nosuch.xlsx, clear",
        "merge 1:1 _n using data", "merge 1:1 _n using nosuch", "merge 1:1 _n using out.txt", "merge 1:1 g t using data",
        "merge m:1 g using data", "merge 1:1 _n using data, keep(nosuch)", "merge 1:1 _n using data, generate(y)",
        "merge 1:1 _n using data, keepusing(nosuch)", "merge 1:1 _n using \"\"", "merge 1:1 _n using nosuchdir/data",
        "append using data", "append using nosuch", "append using data nosuch", "append using out.txt", "append using data, generate(y)",
        "append using data, keep(nosuch)", "append using \"\"", "append using data data", "append using data, force",
        "joinby g using data", "joinby g using nosuch", "cross using data", "cross using nosuch",
        "log using out.txt", "log using out.txt, replace\nlog close", "log using out.txt, append\nlog close", "log using nosuchdir/l.log",
        "log using l.log\nlog using l2.log", "log close", "log using l.log, name(a)\nlog close a", "log using l.log, text name(1bad)",
        "log using l.smcl\nlog off\nlog on\nlog close", "log query", "log using \"\"", "log using l, replace smcl text",
        "cmdlog using out.txt", "cmdlog using c.txt\ncmdlog close", "outsheet using out.csv", "outsheet using out.csv, replace comma",
        "insheet using out.csv, clear", "insheet using nosuch.csv, clear",
        "save ro\nshell chmod a-w ro.dta\nsave ro, replace", "save ro\nshell chmod a-w ro.dta\nreplace y = 1\nsave ro, replace",
        "export delimited using ro.csv\nshell chmod a-w ro.csv\nexport delimited using ro.csv, replace",
        "log using ro.log\nlog close\nshell chmod a-w ro.log\nlog using ro.log, replace",
        "mkdir ro\nshell chmod a-w ro\nsave ro/x", "mkdir ro\nshell chmod a-w ro\nexport delimited using ro/x.csv",
        "mkdir ro\nshell chmod a-w ro\nlog using ro/x.log", "mkdir ro\nshell chmod a-w ro\nscatter y x1\ngraph export ro/g.png",
        "save ro\nshell chmod a-r ro.dta\nuse ro, clear", "erase nosuch.dta", "erase out.txt", "rm out.txt", "copy out.txt out.csv",
        "copy out.txt out.csv, replace", "copy nosuch out2.txt", "copy out.txt nosuchdir/x", "mkdir out.txt", "mkdir a\nmkdir a",
        "rmdir nosuch", "cd nosuchdir", "cd \"\"", "describe using nosuch", "describe using out.txt", "describe using data",
        "saveold out.txt", "saveold o, version(9)", "saveold o, version(abc)", "filefilter out.txt out.csv, from(a) to(b)",
        "filefilter out.txt out2.txt, from(a) to(b)", "filefilter out.txt out.txt, from(a) to(b) replace",
        "file open fh using out.txt, write", "file open fh using out.txt, read\nfile read fh line\nfile close fh",
        "file open fh using nosuchdir/x, write", "file open fh using out.txt, write replace\nfile close fh",
        "use data, clear\nsave data, replace", "sysuse nosuch, clear", "estimates save out.txt", "quietly regress y x1\nestimates save out.txt",
        "quietly regress y x1\nestimates save e1\nestimates save e1", "estimates use nosuch", "estimates use out.txt",
        "quietly regress y x1\nestimates save nosuchdir/e", "putexcel set out.xls", "putexcel set o.xlsx\nputexcel A1 = 1",
    ]),
    "loops": ((), [
        "forvalues i = 1/200 {\nlocal a `a' `i'\n}\ndisplay \"`a'\"",
        "local a x\nforvalues i = 1/14 {\nlocal a `a'`a'\n}\ndisplay length(\"`a'\")",
        "local a x\nforvalues i = 1/20 {\nlocal a `a'`a'\n}\ndisplay length(`\"`a'\"')",
        "forvalues i = 1/3 {\nforvalues j = 1/3 {\nforvalues k = 1/3 {\nlocal n = `n' + 1\n}\n}\n}\ndisplay `n'",
        "forvalues i = 1(0)3 {\ndisplay `i'\n}", "forvalues i = 3/1 {\ndisplay `i'\n}", "forvalues i = 1(-1)3 {\ndisplay `i'\n}",
        "forvalues i = 1e300/1e300 {\ndisplay `i'\n}", "forvalues i = 1/1e10 {\ncontinue, break\n}", "forvalues i = 0(0.1)1 {\ndisplay `i'\n}",
        "forvalues i = . / 3 {\ndisplay `i'\n}", "forvalues i = a/b {\ndisplay `i'\n}", "forvalues i = 1/3 {\n}",
        "foreach v of varlist * {\nforeach w of varlist * {\nlocal n = `n' + 1\n}\n}\ndisplay `n'",
        "foreach v of newlist a b c {\ngenerate `v' = 1\n}", "foreach v of newlist y {\ndisplay 1\n}",
        "foreach v of numlist 1/1000 {\nlocal s = `s' + `v'\n}\ndisplay `s'", "foreach v of numlist 1e300 -1e300 . {\ndisplay `v'\n}",
        "foreach v of numlist 1/0 {\ndisplay `v'\n}", "foreach v of local nosuch {\ndisplay 1\n}", "foreach v of global nosuch {\ndisplay 1\n}",
        "local L a b c\nforeach v of local L {\nlocal L `L' `v'\n}\ndisplay \"`L'\"",
        "local i 1\nwhile `i' < 500 {\nlocal ++i\n}\ndisplay `i'", "local i 1\nwhile `i' {\nlocal i 0\n}",
        "while 0 {\ndisplay 1\n}", "while nosuch {\ndisplay 1\n}", "while \"a\" {\ndisplay 1\n}",
        "local a b\nlocal b c\nlocal c d\ndisplay \"``a''\" \"```a'''\"", "local a \"`\"\ndisplay 1", "local a `\"`\"\"'",
        "local a1 x\nlocal i 1\ndisplay \"`a`i''\"", "local a = 1e300 * 1e300\ndisplay `a'", "local a: word 1e9 of a b c\ndisplay \"`a'\"",
        "local a: word -1 of a b c", "local a: word count `\"a \"b c\" d\"'\ndisplay `a'", "local a: piece 1 0 of \"abc\"",
        "local a: subinstr local nosuch \"a\" \"b\", all", "local a: list uniq nosuch", "local a: list sizeof nosuch\ndisplay `a'",
        "local a: list a | nosuch", "local a: dir . files \"*\"\ndisplay `\"`a'\"'", "local a: dir nosuchdir files \"*\"",
        "local a: variable label nosuch", "local a: value label nosuch", "local a: type nosuch", "local a: format nosuch",
        "local a: di %9.2f 1e300\ndisplay \"`a'\"", "local a: display %-1.2f 3", "local a: display %99999.2f 3",
        "program p21\nargs a b c\ndisplay \"`a'|`b'|`c'\"\nend\np21 1 \"2 3\" `\"4 \"5\"\"'",
        "program p21\nsyntax [varlist] [, n(integer 3)]\ndisplay `n'\nend\np21, n(1e300)",
        "program p21\np21\nend\np21", "program p21\nsyntax anything\nforeach a of local anything {\ndisplay \"`a'\"\n}\nend\np21 a b `\"c\"'",
        "forvalues i = 1/3 {\nif `i' == 2 continue\ndisplay `i'\n}", "forvalues i = 1/3 {\ncontinue, nosuch\n}",
        "foreach v in a b {\nforeach v in c d {\ndisplay \"`v'\"\n}\n}", "forvalues i = 1/3 {\nlocal i = 10\ndisplay `i'\n}",
        "forvalues i = 1/100 {\nquietly generate v`i' = `i'\n}\ndescribe, short", "forvalues i = 1/40 {\nquietly replace y = y + 1\n}\nreplace y = nosuch",
        "local x: display _dup(100000) \"a\"", "local x = \"a\" * 2000000\ndisplay length(\"`x'\")",
        "global G1 `\"`\"a\"'\"'\ndisplay `\"$G1\"'", "global x`y' 1", "local `\"a b\"' 1", "local 1bad 3", "local _a 3\ndisplay `_a'",
        "tempvar t\ngenerate `t' = 1\nforeach v of varlist `t' {\ndisplay \"`v'\"\n}", "tempname a b\nscalar `a' = 1\ndisplay `a'",
        "tempfile f\nsave `f'\nuse `f', clear", "tempfile f\nuse `f', clear", "tempfile f\nappend using `f'",
    ]),
}

WHOLE = {"loops", "files"}


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False):
    return r16.cases(seed, count, only, mutated_only, FAMILIES, WHOLE)


if __name__ == "__main__":
    sys.exit(r16.main(families=FAMILIES, whole=WHOLE))

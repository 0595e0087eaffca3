"""Round 22 of the command fuzz (docs/command_fuzz.md): what the last sessions added and earlier
rounds had not reached -- table export (outreg2, esttab/estout, asdoc, putdocx, putexcel, collect)
with odd options and after unusual models; gllamm, gsem and the me commands with vce(bootstrap),
vce(jackknife), vce(cluster) on odd data; egen functions on extreme, empty and string data;
recode/merge/append/reshape with odd keys; import delimited/excel with rowrange()/colrange() and
odd files; by/bysort prefixes over empty groups.

The walk, mutations, shapes and checks are round 16's (tests/fuzz_round16_programs.py); only the
families differ.

    python3 tests/fuzz_round22_lines.py [--seed 1] [--count 40] [--only tables,egen] [--mutated-only] [-v]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round16_programs as r16  # noqa: E402

_REG = "quietly regress y x1 i.f\nestimates store A"
_TWO = _REG + "\nquietly logit b x1\nestimates store B"
_MIX = "quietly mixed y x1 || g:"
_MEL = "quietly melogit b x1 || g:"
_GSEM = "quietly gsem (y <- x1 M[g])"
_CSV = ("file open fh using r.csv, write replace\nfile write fh \"a,b,c\" _n \"1,x,3\" _n \"4,,6\" _n \"7,y,9\" _n\n"
        "file close fh")

FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "tables": ((), [
        _REG + "\noutreg2 using t1, replace", _REG + "\noutreg2 using t1.xls, replace excel",
        _REG + "\noutreg2 using t1, replace dec(0)", _REG + "\noutreg2 using t1, replace dec(-1)",
        _REG + "\noutreg2 using t1, replace dec(99)", _REG + "\noutreg2 using t1, replace keep(nosuch)",
        _REG + "\noutreg2 using t1, replace drop(x1 _cons)", _REG + "\noutreg2 using t1, replace ctitle()",
        _REG + "\noutreg2 using t1, replace addstat(nosuch, e(nosuch))", _REG + "\noutreg2 using t1, replace label tex",
        _REG + "\noutreg2 using t1\noutreg2 using t1", _REG + "\noutreg2 using t1, append",
        _REG + "\noutreg2 using nosuchdir/t1, replace", _REG + "\noutreg2 using out.txt", _REG + "\noutreg2 using out.txt, replace",
        _REG + "\noutreg2 using t1, replace eform", _REG + "\noutreg2 [A B] using t1, replace", _REG + "\noutreg2 [nosuch] using t1, replace",
        "outreg2 using t1, replace", _MIX + "\noutreg2 using t1, replace", _MEL + "\noutreg2 using t1, replace eform",
        _GSEM + "\noutreg2 using t1, replace", "quietly regress y x1 if 0\noutreg2 using t1, replace",
        _TWO + "\nesttab A B", _TWO + "\nesttab A B using t2.csv, replace", _TWO + "\nesttab A B, b(%9.3f) se(%9.3f)",
        _TWO + "\nesttab, b(-1)", _TWO + "\nesttab, b(99)", _TWO + "\nesttab, keep(nosuch)", _TWO + "\nesttab, drop(*)",
        _TWO + "\nesttab, stats(N r2 nosuch)", _TWO + "\nesttab, star(* 0.1 ** 2)", _TWO + "\nesttab, star(* abc)",
        _TWO + "\nesttab, order(nosuch x1)", _TWO + "\nesttab, rename(x1 x2)", _TWO + "\nesttab, mtitles(a b c d)",
        _TWO + "\nesttab, coeflabels(x1 \"a\"\" \")", _TWO + "\nesttab using out.txt", _TWO + "\nesttab using out.txt, replace",
        _TWO + "\nesttab using nosuchdir/t.rtf, replace", _TWO + "\nesttab, eform", _TWO + "\nesttab nosuch",
        "esttab", _MIX + "\nesttab", _MEL + "\nesttab, eform", _GSEM + "\nesttab", _MIX + "\nesttab, transform(ln*: exp(@) exp(@))",
        _TWO + "\nestout A B, cells(b se)", _TWO + "\nestout, cells(nosuch)", _TWO + "\nestout, cells(\"b(fmt(-3))\")",
        _TWO + "\nestout, cells(b(star fmt(3)) se(par))", _TWO + "\nestout using t3.txt, replace style(tex)",
        _TWO + "\nestout, style(nosuch)", _TWO + "\nestout, stats(N, fmt(%9.0f) labels(a b c))",
        _TWO + "\neststo clear\nesttab", "eststo: quietly regress y x1\neststo: quietly regress y x2\nesttab",
        "eststo: quietly regress y x1 if 0", "eststo nosuch: quietly regress y x1\nesttab nosuch",
        "asdoc summarize y x1, replace", "asdoc summarize y x1", "asdoc summarize z k, replace", "asdoc summarize s, replace",
        "asdoc regress y x1, replace", "asdoc regress y x1 if 0, replace", "asdoc tabulate f, replace",
        "asdoc tabulate f g, replace", "asdoc tabulate z, replace", "asdoc correlate y x1 z, replace",
        "asdoc summarize y, replace save(nosuchdir/x.doc)", "asdoc summarize y, save(out.rtf)",
        "asdoc summarize y, replace dec(-1)", "asdoc summarize y, replace dec(99)", "asdoc nosuch y, replace",
        "asdoc logit b x1, replace nest", "asdoc mixed y x1 || g:, replace",
        "putdocx begin\nputdocx table t = etable", _REG + "\nputdocx begin\nputdocx table t = etable\nputdocx save d1, replace",
        "putdocx begin\nputdocx table t = data(y x1)\nputdocx save d1, replace", "putdocx begin\nputdocx table t = data(nosuch)",
        "putdocx begin\nputdocx table t = data(y) if 0", "putdocx begin\nputdocx table t = (0, 3)", "putdocx begin\nputdocx table t = (-1, 2)",
        "putdocx begin\nputdocx table t = (2, 2)\nputdocx table t(9, 9) = (\"a\")", "putdocx begin\nputdocx save out.txt",
        "putdocx begin\nputdocx paragraph\nputdocx text (\"a\")\nputdocx save nosuchdir/d", "putdocx save d1", "putdocx begin\nputdocx begin",
        "putdocx begin\nputdocx table t = matrix(nosuch)", "matrix M = (1, 2 \\ 3, .)\nputdocx begin\nputdocx table t = matrix(M)\nputdocx save d1, replace",
        "putexcel set p1.xlsx, replace\nputexcel A1 = 1", "putexcel set p1.xlsx, replace\nputexcel A0 = 1",
        "putexcel set p1.xlsx, replace\nputexcel ZZZZ1 = 1", "putexcel set p1.xlsx, replace\nputexcel A1 = matrix(nosuch)",
        _REG + "\nputexcel set p1.xlsx, replace\nputexcel A1 = etable", "putexcel set p1.xlsx, replace\nputexcel A1 = formula(\"=1/0\")",
        "putexcel set p1.xlsx, replace\nputexcel A1:B2 = \"x\", merge", "putexcel set p1.xlsx, replace\nputexcel A1 = (1e308*10)",
        "putexcel set p1.xlsx, replace sheet(\"\")", "putexcel set nosuchdir/p.xlsx\nputexcel A1 = 1", "putexcel A1 = 1",
        "putexcel set out.xls\nputexcel A1 = 1", "putexcel set p1.xlsx, replace\nputexcel A1 = image(nosuch.png)",
        "collect clear\ncollect: regress y x1\ncollect layout (colname) (result)", "collect clear\ncollect layout (nosuch) (result)",
        "collect clear\ncollect: regress y x1\ncollect export c1.docx, replace", "collect clear\ncollect: regress y x1\ncollect export c1.nosuch",
        "collect clear\ncollect: regress y x1\ncollect export out.txt", "collect clear\ncollect: regress y x1\ncollect export nosuchdir/c.xlsx, replace",
        "collect clear\ncollect: regress y x1 if 0", "collect clear\ncollect: summarize z\ncollect layout (result)",
        "collect clear\ncollect: regress y x1\ncollect style cell, nformat(%-1.2f)", "collect clear\ncollect: regress y x1\ncollect label levels result nosuch \"a\"",
        "table f, statistic(mean y)\ncollect export c1.xlsx, replace", "table f if 0, statistic(mean y)", "table s, statistic(mean z)",
        "etable", _TWO + "\netable, estimates(A B)", _TWO + "\netable, estimates(nosuch)", _TWO + "\netable, export(e1.docx, replace)",
        _TWO + "\netable, cstat(_r_b, nformat(%-3f))", _MIX + "\netable",
    ]),
    "mevce": ((), [
        "quietly mixed y x1 || g:, vce(cluster g)", "quietly mixed y x1 || g:, vce(robust)", "quietly mixed y x1 || g:, vce(bootstrap, reps(3) seed(1))",
        "quietly mixed y x1 || g:, vce(jackknife)", "quietly mixed y x1 || g:, vce(cluster nosuch)", "quietly mixed y x1 || g:, vce(cluster s)",
        "quietly mixed y x1 || g:, vce(cluster k)", "quietly mixed k x1 || g:", "quietly mixed y k || g:", "quietly mixed z x1 || g:",
        "quietly mixed y x1 if g == 1 || g:", "quietly mixed y x1 if g == 1 || g:, vce(cluster g)", "quietly mixed y x1 in 1/3 || g:",
        "quietly mixed y x1 || g:, vce(nosuch)", "quietly mixed y x1 || g:, vce(bootstrap, reps(0))", "quietly mixed y x1 || g:, vce(bootstrap, reps(-1))",
        "quietly mixed y x1 || g:, vce(bootstrap, reps(2) cluster(g))", "quietly mixed y x1 || g:, vce(jackknife, cluster(g))",
        "bootstrap, reps(3) seed(1): mixed y x1 || g:", "bootstrap, reps(3) seed(1) cluster(g) idcluster(nc): mixed y x1 || nc:",
        "jackknife: mixed y x1 || g:", "jackknife, cluster(g): mixed y x1 || g:", "bootstrap _b[x1], reps(2) seed(1): mixed y x1 || g:",
        "quietly melogit b x1 || g:, vce(cluster g)", "quietly melogit b x1 || g:, vce(robust)", "quietly melogit b x1 || g:, vce(bootstrap, reps(2) seed(1))",
        "quietly melogit b x1 || g:, vce(jackknife)", "quietly melogit k x1 || g:", "quietly melogit b x1 if g == 1 || g:",
        "quietly melogit b x1 if b == 1 || g:", "quietly melogit b x1 if b == 0 || g:", "quietly melogit z x1 || g:",
        "quietly mepoisson c x1 || g:, vce(cluster g)", "quietly mepoisson c x1 || g:, vce(bootstrap, reps(2) seed(1))",
        "quietly mepoisson c x1 || g:, vce(jackknife)", "quietly mepoisson k x1 || g:", "quietly mepoisson z x1 || g:",
        "quietly mepoisson c x1 if c == 0 || g:", "quietly meprobit b x1 || g:, vce(cluster g)", "quietly meologit o x1 || g:, vce(cluster g)",
        "quietly meologit k x1 || g:", "quietly meologit o x1 if o == 1 || g:", "quietly menbreg c x1 || g:, vce(robust)",
        "quietly meglm c x1 || g:, family(poisson) vce(jackknife)", "quietly meglm b x1 || g:, family(binomial) vce(cluster g)",
        "quietly mecloglog b x1 || g:, vce(robust)", "quietly metobit y x1 || g:, ll(0) vce(cluster g)",
        "quietly gsem (y <- x1 M[g]), vce(cluster g)", "quietly gsem (y <- x1 M[g]), vce(robust)", "quietly gsem (y <- x1 M[g]), vce(bootstrap, reps(2) seed(1))",
        "quietly gsem (y <- x1 M[g]), vce(jackknife)", "quietly gsem (b <- x1 M[g], logit), vce(cluster g)", "quietly gsem (k <- x1 M[g])",
        "quietly gsem (z <- x1 M[g])", "quietly gsem (y <- x1 M[g]) if g == 1", "quietly gsem (b <- x1 M[g], logit) if b == 1",
        "quietly gsem (c <- x1 M[g], poisson), vce(cluster nosuch)", "quietly gsem (y <- x1 M[g]), vce(nosuch)",
        "quietly gllamm y x1, i(g)", "quietly gllamm y x1, i(g) robust", "quietly gllamm y x1, i(g) cluster(g)", "quietly gllamm y x1, i(g) cluster(nosuch)",
        "quietly gllamm b x1, i(g) family(binomial) link(logit)", "quietly gllamm b x1, i(g) family(binomial) link(logit) robust",
        "quietly gllamm k x1, i(g)", "quietly gllamm z x1, i(g)", "quietly gllamm y x1 if g == 1, i(g)", "quietly gllamm b x1 if b == 1, i(g) family(binomial) link(logit)",
        "quietly gllamm c x1, i(g) family(poisson) link(log) cluster(g)", "quietly gllamm y x1, i(nosuch)", "quietly gllamm y x1, i(s)",
        "quietly gllamm y x1, i(g) nip(0)", "quietly gllamm y x1, i(g) nip(-3)", "quietly gllamm y x1, i(g) nip(1e9)", "quietly gllamm y x1, i(g) adapt",
        "bootstrap, reps(2) seed(1): gllamm y x1, i(g)", "jackknife: gllamm y x1, i(g)",
        "bootstrap, reps(2) seed(1): melogit b x1 || g:", "jackknife: mepoisson c x1 || g:",
        "quietly mixed y x1 || g:, vce(cluster g)\nestat icc", "quietly melogit b x1 || g:, vce(cluster g)\nestat icc",
        "quietly mixed y x1 || g:, vce(bootstrap, reps(2) seed(1))\nestat bootstrap", "quietly mixed y x1 || g:, vce(jackknife)\npredict r, reffects",
    ]),
    "egen": ((), [
        "egen r = rank(y)", "egen r = rank(y), field", "egen r = rank(y), track", "egen r = rank(y), unique", "egen r = rank(s)",
        "egen r = rank(z)", "egen r = rank(k)", "egen r = rank(y), by(g)", "egen r = rank(y) if 0", "egen r = rank(-y), by(s)",
        "egen r = rank(y), field track", "egen r = rank(y * 1e308)",
        "egen q = cut(y), at(0 1 2)", "egen q = cut(y), group(3)", "egen q = cut(y), group(0)", "egen q = cut(y), group(-1)",
        "egen q = cut(y), group(1e9)", "egen q = cut(y), at()", "egen q = cut(y), at(2 1 0)", "egen q = cut(y), at(0 0 0)",
        "egen q = cut(y), at(-1e308 1e308)", "egen q = cut(y), group(3) icodes", "egen q = cut(y), at(0(0.5)2) label",
        "egen q = cut(s), group(2)", "egen q = cut(z), group(3)", "egen q = cut(k), group(3)", "egen q = cut(y), at(0 1) group(2)",
        "egen q = cut(y)", "egen q = cut(y), at(a b)",
        "egen q = group(g f)", "egen q = group(s)", "egen q = group(g s), missing", "egen q = group(z)", "egen q = group(z), missing",
        "egen q = group(g) if 0", "egen q = group(g f), label", "egen q = group(s), label", "egen q = group(g), label(nosuch)",
        "egen q = group(g), autotype", "egen q = group()",
        "egen q = tag(g)", "egen q = tag(g f)", "egen q = tag(s)", "egen q = tag(z)", "egen q = tag(z), missing", "egen q = tag(g) if 0",
        "egen q = xtile(y), nq(4)", "egen q = xtile(y), nq(0)", "egen q = xtile(y), nq(-2)", "egen q = xtile(y), nq(1e9)",
        "egen q = xtile(y), nq(4) by(g)", "egen q = xtile(s), nq(2)", "egen q = xtile(z), nq(3)", "egen q = xtile(k), nq(3)",
        "egen q = xtile(y), cutpoints(x1)", "egen q = xtile(y), percentiles(10 50 90)", "egen q = xtile(y), percentiles(-1 200)",
        "xtile q = y, nq(4)", "xtile q = y, nquantiles(0)", "xtile q = z, nq(3)", "xtile q = s, nq(2)", "xtile q = y, cutpoints(z)",
        "pctile q = y, nq(4)", "pctile q = y, nq(1000)", "pctile q = z, nq(4)",
        "egen q = std(y)", "egen q = std(k)", "egen q = std(z)", "egen q = std(s)", "egen q = std(y), mean(1e308) std(1e308)",
        "egen q = std(y), std(0)", "egen q = std(y), std(-1)", "egen q = std(y), by(g)", "egen q = std(y * 1e200)",
        "egen q = mean(y), by(g)", "egen q = mean(y), by(s)", "egen q = mean(s), by(g)", "egen q = mean(z), by(g)", "egen q = mean(y) if 0, by(g)",
        "bysort g: egen q = mean(y)", "bysort s: egen q = mean(y)", "bysort z: egen q = mean(y)", "by g: egen q = mean(y)",
        "egen q = mean(y * 1e308), by(g)", "egen q = total(y), by(g) missing", "egen q = sd(y), by(g)", "egen q = median(y), by(g)",
        "egen q = pctile(y), p(0) by(g)", "egen q = pctile(y), p(101)", "egen q = pctile(y), p(-1)", "egen q = mode(y), by(g)",
        "egen q = mode(s), by(g)", "egen q = mode(y), minmode", "egen q = count(z), by(g)", "egen q = min(s)", "egen q = max(z)",
        "egen q = rowmean(y x1 z)", "egen q = rowmean(s)", "egen q = rowtotal(z z)", "egen q = rowtotal(y x1), missing",
        "egen q = rowmiss(y s)", "egen q = rownonmiss(s, strok)", "egen q = rowfirst(z y)", "egen q = rowmax()", "egen q = rowsd(y)",
        "egen q = concat(g s)", "egen q = concat(g s), punct(\"-\") format(%9.2f)", "egen q = ends(s), head", "egen q = ends(s), punct(\" \") last",
        "egen q = seq(), from(1) to(0)", "egen q = seq(), block(0)", "egen q = seq(), by(g)", "egen q = fill(1 2)", "egen q = fill(a b)",
        "egen q = anycount(y x1), values(1 2)", "egen q = anymatch(f), values(-1 1e300)", "egen q = anyvalue(f), values()",
        "egen q = iqr(y), by(g)", "egen q = kurt(k)", "egen q = skew(z)", "egen q = mad(y)", "egen q = mdev(y), by(s)",
        "egen q = nosuch(y)", "egen y = mean(x1)", "egen q = mean(y), by(nosuch)", "egen double q = mean(y)", "egen str5 q = mean(y)",
        "egen q = diff(y x1)", "egen q = diff(s y)", "egen q = rank(y) in 1/0", "egen q = mean(y) in 1",
    ]),
    "keys": (("save d0, replace",), [
        "recode y (0/1 = 1) (else = 0)", "merge 1:1 sid using data", "merge m:1 g using data", "append using data, generate(src)", "recode y (min/max = 1)", "recode y (. = 0)", "recode z (. = 1)", "recode s (1 = 2)",
        "recode f (1 = 2), generate(f2)", "recode f (1 = 2), generate(y)", "recode f (1 = 2), generate(a b)", "recode f y (1 = 2), generate(a b)",
        "recode f (1 2 = 9 \"nine\"), generate(f2) label(nl)", "recode f (1 = 2) (2 = 1) (missing = 9), prefix(r_)",
        "recode f (1/3 = 1e308)", "recode f (3/1 = 0)", "recode f (a = 1)", "recode f (1 = .a)", "recode f (1 = )", "recode f ()",
        "recode f (*)", "recode f (1 = 2) if 0", "recode f (1 = 2) in 1", "recode f (nonmissing = 1) (missing = 0)", "recode f (1 = 2), test",
        "recode f (1 = 2) (1 = 3), test", "recode f (1 = 2), copyrest", "recode f (1 = 2), generate(f2) copyrest",
        "recode k (3 = 1e300), generate(k2)", "recode y (-1e308/1e308 = 1)", "recode f (1 = \"a\")",
        "use d0, clear\nmerge 1:1 sid using d0", "merge 1:1 sid using d0", "merge 1:1 g using d0", "merge m:1 g using d0",
        "merge 1:m g using d0", "merge m:m g using d0", "merge 1:1 z using d0", "merge 1:1 s using d0", "merge 1:1 _n using d0, nogenerate",
        "merge 1:1 sid using d0, keep(1 2 3)", "merge 1:1 sid using d0, keep(4)", "merge 1:1 sid using d0, assert(match)",
        "merge 1:1 sid using d0, assert(master)", "merge 1:1 sid using d0, update", "merge 1:1 sid using d0, update replace",
        "merge 1:1 sid using d0, keepusing(y) update", "merge 1:1 sid using d0, generate(_merge2) nolabel",
        "merge 1:1 sid using d0, generate(s)", "merge 1:1 sid using d0, force", "merge 1:1 sid g using d0",
        "keep if 0\nsave e0, replace emptyok\nuse d0, clear\nmerge 1:1 sid using e0", "keep if 0\nmerge 1:1 sid using d0",
        "keep sid y\nsave k1, replace\nuse d0, clear\nrename sid id2\nmerge 1:1 sid using k1",
        "tostring g, replace\nmerge m:1 g using d0", "generate long sid2 = _n\nmerge 1:1 sid2 using d0",
        "replace sid = \"\"\nmerge 1:1 sid using d0", "duplicates drop g, force\nmerge 1:m g using d0",
        "append using d0, generate(src)", "append using d0, generate(src) nolabel nonotes", "append using d0, keep(y s)",
        "tostring y, replace force\nappend using d0", "tostring y, replace force\nappend using d0, force",
        "keep if 0\nappend using d0", "append using d0 data data", "append using d0, keep()",
        "reshape long y, i(sid) j(j)", "reshape wide y, i(g) j(t)", "reshape wide y x1, i(g) j(t)", "reshape wide y, i(sid) j(t)",
        "reshape wide y, i(g) j(s) string", "reshape wide y, i(g) j(z)", "reshape wide y, i(z) j(t)", "reshape wide y, i(g) j(f)",
        "reshape wide y, i(g) j(t) string", "reshape long y, i(g) j(t)", "reshape long nosuch, i(sid) j(j)", "reshape long y, i(nosuch) j(j)",
        "reshape wide s, i(g) j(t)", "reshape wide y, i(g t) j(f)", "reshape wide y, i(g) j(t)\nreshape long", "reshape wide y, i(g) j(t)\nreshape long\nreshape wide",
        "reshape wide", "reshape long", "reshape error", "reshape wide y, i(sid) j(t)\nreshape error",
        "keep sid g t y\nreshape wide y, i(g) j(t)\nreshape long y, i(g) j(t)", "keep g t y\nreshape wide y, i(g) j(t)\nrename y1 y_a\nreshape long y, i(g) j(t)",
        "keep g t y\nreplace t = t * 1e10\nreshape wide y, i(g) j(t)", "keep g t y\nreplace t = -t\nreshape wide y, i(g) j(t)",
        "keep g t y\nreplace t = t + 0.5\nreshape wide y, i(g) j(t)", "keep g t y\nreshape wide y, i(g) j(t)\nreshape long y, i(g) j(t) string",
        "keep if 0\nreshape wide y, i(g) j(t)", "keep if 0\nreshape long y, i(sid) j(j)",
    ]),
    "imports": ((_CSV,), [
        "import delimited using r.csv, clear", "import delimited using r.csv, clear rowrange(2:3)", "import delimited using r.csv, clear rowrange(3)",
        "import delimited using r.csv, clear rowrange(:2)", "import delimited using r.csv, clear rowrange(9:10)", "import delimited using r.csv, clear rowrange(3:2)",
        "import delimited using r.csv, clear rowrange(0:0)", "import delimited using r.csv, clear rowrange(-1)", "import delimited using r.csv, clear rowrange(a:b)",
        "import delimited using r.csv, clear rowrange(1e300)", "import delimited using r.csv, clear rowrange()", "import delimited using r.csv, clear rowrange(1:2:3)",
        "import delimited using r.csv, clear colrange(2:3)", "import delimited using r.csv, clear colrange(2)", "import delimited using r.csv, clear colrange(:1)",
        "import delimited using r.csv, clear colrange(9)", "import delimited using r.csv, clear colrange(3:1)", "import delimited using r.csv, clear colrange(0)",
        "import delimited using r.csv, clear colrange(-2:-1)", "import delimited using r.csv, clear colrange(2:2) rowrange(2:2)",
        "import delimited using r.csv, clear rowrange(2) varnames(1)", "import delimited using r.csv, clear rowrange(3) varnames(nonames)",
        "import delimited using r.csv, clear colrange(2) numericcols(1)", "import delimited using r.csv, clear colrange(2) stringcols(3)",
        "import delimited using r.csv, clear varnames(4)", "import delimited using r.csv, clear varnames(0)", "import delimited using r.csv, clear varnames(-1)",
        "import delimited using r.csv, clear delimiters(\";\")", "import delimited using r.csv, clear delimiters(\",,\", collapse)",
        "import delimited using r.csv, clear encoding(nosuch)", "import delimited using r.csv, clear case(nosuch)", "import delimited using r.csv, clear bindquotes(nosuch)",
        "import delimited using r.csv, clear asdouble asfloat", "import delimited using r.csv, clear stripquotes(yes)", "import delimited y x using r.csv, clear",
        "import delimited using r.csv", "import delimited using r.csv, clear rowrange(2:3)\nimport delimited using r.csv, rowrange(2:3)",
        "file open fh using e.csv, write replace\nfile close fh\nimport delimited using e.csv, clear",
        "file open fh using e.csv, write replace\nfile write fh \"a,b\" _n\nfile close fh\nimport delimited using e.csv, clear",
        "file open fh using e.csv, write replace\nfile write fh \"a,b\" _n \"1,2,3,4\" _n \"5\" _n\nfile close fh\nimport delimited using e.csv, clear",
        "file open fh using e.csv, write replace\nfile write fh \"\\\"a\" _n \"1\" _n\nfile close fh\nimport delimited using e.csv, clear",
        "file open fh using e.csv, write replace\nfile write fh \"a,a,a\" _n \"1,2,3\" _n\nfile close fh\nimport delimited using e.csv, clear",
        "file open fh using e.csv, write replace\nfile write fh \"1a,_n,b c\" _n \"1,2,3\" _n\nfile close fh\nimport delimited using e.csv, clear",
        "file open fh using e.csv, write replace\nfile write fh \"a\" _n \"1e400\" _n \"-1e400\" _n \"nan\" _n\nfile close fh\nimport delimited using e.csv, clear",
        "file open fh using e.csv, write replace\nfile write fh \"a,b\" _n \",\" _n \",\" _n\nfile close fh\nimport delimited using e.csv, clear rowrange(2)",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx, clear firstrow",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx, clear cellrange(A2:C4)",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx, clear cellrange(C4:A2)",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx, clear cellrange(A0)",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx, clear cellrange(ZZZ1:ZZZ9)",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx, clear cellrange(nosuch)",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx, clear sheet(nosuch)",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx, clear allstring",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx, clear firstrow case(lower) cellrange(B1)",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel y x1 using x1.xlsx, clear firstrow",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel nosuch using x1.xlsx, clear firstrow",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx, describe",
        "export excel using x1.xlsx, replace firstrow(variables)\nimport excel using x1.xlsx",
        "import excel using r.csv, clear", "import excel using out.xls, clear", "import excel using nosuch.xlsx, clear",
        "keep if 0\nexport excel using x2.xlsx, replace\nimport excel using x2.xlsx, clear",
    ]),
    "byempty": ((), [
        "by g: summarize y", "bysort g: summarize y", "bysort g: summarize y if 0", "bysort g: regress y x1", "bysort g: regress y x1 if g == 1",
        "bysort s: summarize y", "bysort z: summarize y", "bysort z, missing: summarize y", "bysort g: generate q = _n", "bysort g (t): generate q = y[_n-1]",
        "bysort g (t): generate q = y[_N]", "bysort g: replace y = . if _n == 1", "bysort g: generate q = sum(y)", "bysort g: drop if _n > 1",
        "bysort g: keep if _n == _N", "bysort g: egen q = mean(y)", "bysort g: tabulate f", "bysort g: tabulate z", "bysort g: count if 0",
        "bysort g: list y in 1", "bysort g: assert y > -1e308", "bysort g: assert y > 0", "bysort g: display _N",
        "bysort g: logit b x1", "bysort g: mean y", "bysort g: ttest y == 0", "bysort g: correlate y x1", "bysort g: centile y",
        "bysort g, rc0: regress y z", "bysort g: regress y z", "bysort g: nosuch", "by g: summarize y if g > 99", "by nosuch: summarize y",
        "by g f: summarize y", "bysort g f (t): generate q = _n == 1", "bysort g (nosuch): generate q = 1", "bysort g (s): generate q = _n",
        "by g, sort: summarize y", "by g (t), sort: summarize y", "bysort g: summarize y, detail", "bysort -g: summarize y",
        "bysort g: generate q = y / (_N - 1)", "bysort g: replace y = y[_n + 1e9]", "bysort g: replace s = s[1]",
        "keep if 0\nbysort g: summarize y", "keep if 0\nbysort g: generate q = _n", "keep if 0\nbysort g: egen q = mean(y)",
        "keep if 0\nby g: regress y x1", "keep in 1\nbysort g: regress y x1", "bysort g: statsby mean = r(mean): summarize y",
        "bysort g: quietly summarize y\ndisplay r(N)", "bysort g: capture noisily regress y z", "capture bysort g: regress y z\ndisplay _rc",
        "bysort g: xtile q = y, nq(2)", "bysort g: pctile q = y", "bysort g: collapse y", "bysort g: reshape wide y, i(sid) j(t)",
        "bysort g: mixed y x1 || f:", "bysort g: melogit b x1 || f:", "bysort f: gsem (y <- x1 M[g])",
    ]),
}

# every family's lines before the last are setup (estimates store adds _est_A, as in Stata: the
# data change of a whole-text check would be the setup's)
WHOLE: set[str] = set()
_NAMED = re.compile(r"[\w./-]+\.(?:csv|xlsx|xls|dta|docx|doc|txt|rtf|tex)\b|\b\w+\b")


def run_case(case, folder):
    """round 16's run_case, less two file reports that are not findings: files the setup wrote
    (r.csv, e.csv, x1.xlsx, d0.dta: the folder is kept from case to case, so they count as
    changed or, when the last line fails, added), and asdoc's
    default of appending to its file (Myfile.doc or save()), which asdoc.ado documents."""
    rc, findings, printed = r16.run_case(case, folder)
    setup = " ".join(case.setup)
    named = set(_NAMED.findall(setup)) | {w + ".dta" for w in _NAMED.findall(setup)}

    def setup_made(f):
        return f.kind == "file-written" and all(name in named for name in re.findall(r"'([^']+)'", f.detail))

    def asdoc_appends(f):
        return f.kind == "file-written" and "no replace" in f.detail and re.match(r"\s*(\w+\s*:\s*)*asdoc\b", case.line)

    return rc, [f for f in findings if not (setup_made(f) or asdoc_appends(f))], printed


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False):
    return r16.cases(seed, count, only, mutated_only, FAMILIES, WHOLE)


if __name__ == "__main__":
    sys.exit(r16.main(families=FAMILIES, whole=WHOLE, runner=run_case))

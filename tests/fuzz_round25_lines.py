"""Round 25 of the command fuzz (docs/command_fuzz.md): what the last session added and no round
had reached -- sem with group() (ginvariant() classes, ``2:`` group-specific paths and options,
estat ginvariant/ggof/eqgof/gof, predict after group fits); extended missing values .a-.z as
grouping keys (bysort, egen group, levelsof, collapse by, merge keys, statsby); the me commands'
Stata 15 parameter names (_b[/var(_cons[g])]) and estat sd; factor variables in ``ml model``;
clogit/xtlogit/xtpoisson fe on odd groups (all-0/all-1 outcomes, single-row groups, string group
variables); mi estimate saving(); order before()/after(), move, encode label(), table with
statistic abbreviations, egen wtmean and tabm.

The walk, mutations, shapes and checks are round 16's (tests/fuzz_round16_programs.py); the file
rules are round 22's run_case.

    python3 tests/fuzz_round25_lines.py [--seed 1] [--count 40] [--only semgroup,extkeys] [--mutated-only] [-v]
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round16_programs as r16  # noqa: E402
import fuzz_round22_lines as r22  # noqa: E402

_XT = "xtset g t"
_G2 = "quietly sem (F -> y x1 x2 t2), group(b)"
_G3 = "quietly sem (y <- x1 x2) (c <- y x1), group(f)"


def _sem_group_lines() -> list[str]:
    fits = [
        "sem (F -> y x1 x2 t2), group(b)", "sem (F -> y x1 x2 t2), group(f)", "sem (y <- x1 x2), group(f)",
        "sem (y <- x1 x2) (c <- y x1), group(f)", "sem (y <- x1), group(g)", "sem (y <- x1), group(k)", "sem (y <- x1), group(s)",
        "sem (y <- x1), group(z)", "sem (y <- x1), group(m)", "sem (y <- x1), group(sid)", "sem (y <- x1), group(nosuch)",
        "sem (y <- x1), group(x1)", "sem (y <- x1), group(f b)", "sem (y <- x1), group()", "sem (y <- x1), group(t2)",
        "sem (y <- x1), group(y)", "sem (y <- x1), group(f) ginvariant(all)", "sem (y <- x1), group(f) ginvariant(none)",
        "sem (y <- x1), group(f) ginvariant(scoef)", "sem (y <- x1), group(f) ginvariant(scoef scons)",
        "sem (y <- x1), group(f) ginvariant(serrvar)", "sem (y <- x1), group(f) ginvariant(nosuch)", "sem (y <- x1), group(f) ginvariant()",
        "sem (y <- x1), ginvariant(all)", "sem (y <- x1), group(f) ginvariant(all none)", "sem (y <- x1), group(f) ginvariant(covex meanex)",
        "sem (F -> y x1 x2 t2), group(b) ginvariant(mcoef)", "sem (F -> y x1 x2 t2), group(b) ginvariant(merrvar)",
        "sem (F -> y x1 x2 t2), group(b) ginvariant(all)", "sem (F -> y x1 x2 t2), group(b) ginvariant(none)",
        "sem (F -> y x1 x2 t2), group(b) ginvariant(mcoef mcons meanex covex)", "sem (F -> y x1 x2 t2), group(b) ginvariant(smerrcov)",
        "sem (y <- x1) (2: y <- x1@1), group(f)", "sem (y <- x1) (1: y <- x1@c1) (2: y <- x1@c1), group(f)",
        "sem (y <- x1) (3: y <- x2), group(f)", "sem (y <- x1) (4: y <- x2), group(f)", "sem (y <- x1) (0: y <- x2), group(f)",
        "sem (y <- x1) (.b: y <- x2), group(f)", "sem (y <- x1) (low: y <- x2), group(f)", "sem (y <- x1) (2: y <- x2)",
        "sem (y <- x1) (2: y <- x1), group(f) ginvariant(scoef)", "sem (y <- x1) (2: y <- nosuch), group(f)",
        "sem (y <- x1), group(f) var(2: e.y@1)", "sem (y <- x1), group(f) var(2: e.y@c1) var(3: e.y@c1)", "sem (y <- x1), group(f) var(9: e.y@1)",
        "sem (y <- x1 x2), group(f) cov(2: x1*x2@0)", "sem (F -> y x1 x2 t2), group(b) means(2: F@0)", "sem (F -> y x1 x2 t2), group(b) means(1: F)",
        "sem (F -> y x1 x2 t2) (2: F -> x2@1), group(b)", "sem (F -> y x1 x2 t2), group(b) var(1: F@1)",
        "sem (F -> y x1 x2 t2), group(b) var(F@1)", "sem (y <- x1), group(f) standardized", "sem (y <- x1), group(f) vce(robust)",
        "sem (y <- x1), group(f) vce(cluster g)", "sem (y <- x1), group(f) method(mlmv)", "sem (y <- x1 m), group(f) method(mlmv)",
        "sem (y <- x1), group(f) vce(bootstrap, reps(3))", "sem (y <- x1) [fw=w], group(f)", "sem (y <- x1) [pw=w], group(f)",
        "sem (y <- x1) if f < 3, group(f)", "sem (y <- x1) if f == 1, group(f)", "sem (y <- x1) in 1/3, group(f)", "sem (y <- x1) if 0, group(f)",
        "sem (y <- x1), group(f) noconstant", "sem (y <- x1), group(f) iterate(0)", "sem (y <- x1), group(f) coeflegend",
        "sem (y <- x1), group(f) level(90)", "sem (y <- x1), group(f) nolabel", "sem (y <- x1), group(f) select(1 2)",
        "sem (y <- x1), group(f) select(9)", "sem (y <- x1), group(f) from(y:x1 = 1)", "sem (y <- i.f), group(b)",
        "sem (y <- x1), grou(f) ginv(none)", "sem (y <- x1), group(f) group(b)",
    ]
    post = [
        "estat ginvariant", "estat ginvariant, class", "estat ginvariant, class legend", "estat ginvariant, legend",
        "estat ginvariant, showpclass(scoef)", "estat ginvariant, showpclass(mcoef mcons)", "estat ginvariant, showpclass(none)",
        "estat ginvariant, showpclass(nosuch)", "estat ginvariant, showpclass()", "estat ggof", "estat ggof, format(%5.2f)",
        "estat ggof, format(abc)", "estat gof", "estat gof, stats(all)", "estat eqgof", "estat residuals", "estat mindices",
        "estat summarize", "estat ic", "estat teffects", "estat framework", "predict p*, xb", "predict p, xb(y)", "predict L, latent",
        "predict L*, latent", "predict p if f == 1, xb(y)", "predict p, scores", "predict p*, scores", "test [y]1.f#c.x1 = [y]2.f#c.x1",
        "lincom [y]1bn.f#c.x1 - [y]2.f#c.x1", "margins", "estimates store G\nestimates table G", "sem", "sem, coeflegend",
        "estat stdize: nlcom _b[y:1bn.f#c.x1]", "lrtest . .",
    ]
    out = list(fits)
    for k, p in enumerate(post):
        out.append(f"quietly {fits[k % 20]}\n{p}")
    out += [_G2 + "\n" + p for p in post] + [_G3 + "\n" + p for p in post[:24]]
    out += ["quietly sem (y <- x1), group(f) ginvariant(none)\n" + p for p in ("estat ggof", "estat ginvariant", "estat ginvariant, class")]
    out += ["quietly sem (y <- x1), group(f) vce(robust)\n" + p for p in ("estat ggof", "estat ginvariant", "estat gof, stats(all)")]
    out += ["quietly sem (y <- x1 m), group(f) method(mlmv)\n" + p for p in ("estat ggof", "estat ginvariant", "predict p*, xb")]
    return out


# extended missing values .a-.z as grouping keys
_EXT = ["replace g = .a in 1/8\nreplace g = .b in 9/12\nreplace g = . in 13", "replace g = .z in 1/20",
        "replace g = .a\nreplace g = .c in 1", "replace f = .b in 1/10\nreplace f = .a in 11/13"]
_KEYED = [
    "bysort g: egen q = mean(y)", "bysort g: generate q = _n", "bysort g (t): generate q = _N", "bysort g f: egen q = count(y)",
    "by g, sort: summarize y", "bysort g: keep if _n == 1", "egen q = group(g)", "egen q = group(g), missing", "egen q = group(g f), missing label",
    "egen q = group(g f)", "egen q = tag(g)", "egen q = tag(g), missing", "egen q = rank(g)", "egen q = group(g), label missing",
    "levelsof g", "levelsof g, missing", "levelsof g, missing local(L)\ndisplay \"`L'\"", "levelsof g, separate(,) missing",
    "levelsof g f, missing", "levelsof g, clean missing", "collapse (mean) y, by(g)", "collapse (count) y (sum) x1, by(g f)",
    "collapse (mean) y, by(g) cw", "collapse (first) y, by(g)", "collapse (p50) y (sd) x1, by(f)", "contract g", "contract g, zero",
    "contract g f, zero nomiss", "tabulate g, missing", "tabulate g f, missing", "table g", "table g, missing", "table (g), statistic(mean y) missing",
    "statsby mean=r(mean), by(g) clear: summarize y", "statsby _b, by(g) clear: regress y x1", "statsby mean=r(mean), by(g) missing clear: summarize y",
    "statsby N=r(N), by(f g) clear: summarize y", "duplicates report g", "duplicates tag g, generate(q)", "isid g t", "isid g t, missok",
    "sort g\nlist g in 1/5", "gsort -g", "fillin g f", "xtset g t", "tsset g t", "egen q = mean(y), by(g)", "egen q = wtmean(y), by(g) weight(w)",
    "reshape wide y x1 x2, i(g t) j(f)", "encode s, generate(q)\nbysort g q: generate n = _n", "separate y, by(g)", "tabstat y, by(g) missing",
    "summarize y if g == .a", "count if g > .a", "count if g == .z", "mvdecode y, mv(1 = .a)", "mvencode g, mv(99)", "mvencode g, mv(.a = 99)",
    "xtile q = y, nquantiles(3)", "by g, sort: egen q = max(t)", "merge m:1 g using gkeys", "merge m:1 g using gkeys, keep(match)",
    "merge m:1 g using gkeys, nogenerate", "merge 1:1 g t using gt", "merge 1:m g using gkeys", "joinby g using gkeys", "append using gkeys",
    "merge m:1 g using gkeys, update", "merge m:1 g using gkeys, update replace", "runby", "rangestat (mean) y, interval(t -1 1) by(g)",
]
_KEYFILES = ("preserve\nkeep g x2\nduplicates drop g, force\nrename x2 gx\nsave gkeys, replace\nrestore\n"
             "preserve\nkeep g t x2\nduplicates drop g t, force\nrename x2 gtx\nsave gt, replace\nrestore")


def _extkeys_lines() -> list[str]:
    out = []
    for k, line in enumerate(_KEYED):
        for j in range(2):
            prep = _EXT[(k * 2 + j) % len(_EXT)]
            if "f" in line.split() or "f)" in line or "(f" in line:
                prep = _EXT[3] + "\n" + _EXT[0] if j else _EXT[3]
            out.append(f"{prep}\n{_KEYFILES}\n{line}" if "using" in line else f"{prep}\n{line}")
    return out


_ME = ["mixed y x1 || g:", "melogit b x1 || g:", "mepoisson c x1 || g:", "meologit o x1 || g:", "mixed y x1 || g: x1, cov(unstructured)",
       "melogit b x1 || g: x1, cov(unstructured)", "mepoisson c x1 || g: x1", "menbreg c x1 || g:", "meprobit b x1 || f: || g:",
       "mixed y x1 || f: || g:", "meglm y x1 || g:", "metobit y x1 || g:, ll(0)", "mecloglog b x1 || g:", "gsem (y <- x1 M[g])"]
_ME_POST = [
    "estat sd", "estat sd, variance", "estat sd, verbose", "estat sd, post", "estat sd, post coeflegend", "estat sd, coeflegend",
    "estat sd, nosuch", "estat sd, post\nlincom _b[/sd(_cons[g])] - 1", "estat sd, post\ntest _b[/sd(_cons[g])] = 1",
    "estat sd, post\nestat sd", "estat sd, post\nestimates replay", "estat sd, post\nnlcom _b[/sd(_cons[g])]^2",
    "display _b[/var(_cons[g])]", "display _se[/var(_cons[g])]", "display _b[/:var(_cons[g])]", "display _b[var(_cons[g]):_cons]",
    "display _b[/var(x1[g])]", "display _b[/cov(x1[g],_cons[g])]", "display _b[/var(_cons[f])]", "display _b[/var(_cons[nosuch])]",
    "display _b[/var(e.y)]", "display _b[/var(_cons[g>f])]", "display _b[/var(_cons[f>g])]", "display _b[/lnsig_e]", "display _b[/cut1]",
    "display _b[/var(_cons[g]]", "display _b[/var(_cons)]", "display _b[/var(_cons[g])", "lincom _b[/var(_cons[g])] - 1",
    "test _b[/var(_cons[g])] = 0", "test _b[/var(_cons[g])] = _b[/var(_cons[f])]", "nlcom sqrt(_b[/var(_cons[g])])",
    "nlcom _b[/var(_cons[g])] / (_b[/var(_cons[g])] + _pi^2/3)", "testnl _b[/var(_cons[g])] = 1", "lincom [/]var(_cons[g])",
    "test [/]var(_cons[g]) = 1", "margins, expression(_b[/var(_cons[g])])", "matrix list e(b)", "estat icc", "estat recovariance",
    "estimates store M\nestimates table M, keep(/var(_cons[g]))", "estimates store M\nestimates table M, keep(/:var(_cons[g]))",
    "scalar v = _b[/var(_cons[g])]\ndisplay v", "local v = _b[/var(_cons[g])]\ndisplay `v'", "generate q = _b[/var(_cons[g])]",
]


def _me_lines() -> list[str]:
    out = list(_ME)
    for k, post in enumerate(_ME_POST):
        for j in range(2):
            out.append(f"quietly {_ME[(k * 2 + j) % len(_ME)]}\n{post}")
    return out


_ML_LF = ("program define myprobit\nargs lnf xb\nquietly replace `lnf' = ln(normal(`xb')) if $ML_y1 == 1\n"
          "quietly replace `lnf' = ln(normal(-`xb')) if $ML_y1 == 0\nend")
_ML_NORM = ("program define mynorm\nargs lnf mu lnsigma\nquietly replace `lnf' = ln(normalden($ML_y1, `mu', exp(`lnsigma')))\nend")
_ML_D0 = ("program define myd0\nargs todo b lnf\ntempvar xb\nmleval `xb' = `b', eq(1)\n"
          "mlsum `lnf' = -($ML_y1 - `xb')^2\nend")


def _ml_lines() -> list[str]:
    models = [
        "ml model lf myprobit (b = x1 i.f)", "ml model lf myprobit (b = i.f##c.x1)", "ml model lf myprobit (b = ibn.f), noconstant",
        "ml model lf myprobit (b = i.f i.o)", "ml model lf myprobit (b = i.s)", "ml model lf myprobit (b = i.g)", "ml model lf myprobit (b = i.z)",
        "ml model lf myprobit (b = i.m)", "ml model lf myprobit (b = i.k)", "ml model lf myprobit (b = 2.f)", "ml model lf myprobit (b = 2.f 3.f)",
        "ml model lf myprobit (b = b2.f)", "ml model lf myprobit (b = ib3.f)", "ml model lf myprobit (b = i(1 3).f)", "ml model lf myprobit (b = i.f#i.o)",
        "ml model lf myprobit (b = c.x1#c.x1)", "ml model lf myprobit (b = f.x1)", "ml model lf myprobit (b = o.f)", "ml model lf myprobit (b = i.nosuch)",
        "ml model lf myprobit (b = i.x1)", "ml model lf myprobit (b = i.y)", "ml model lf myprobit (b = L.x1 i.f)",
        "ml model lf mynorm (y = x1 i.f) (lnsigma: i.b)", "ml model lf mynorm (y = i.f) /lnsigma", "ml model lf mynorm (y = i.f##i.b) ()",
        "ml model lf mynorm (mu: y = i.f) (lnsigma: i.f)", "ml model d0 myd0 (y = i.f x1)", "ml model d0 myd0 (y = i.f#c.x1)",
        "ml model lf myprobit (b = x1 i.f) [fw=w]", "ml model lf myprobit (b = x1 i.f) [pw=w]", "ml model lf myprobit (b = x1 i.f) if f < 3",
        "ml model lf myprobit (b = x1 i.f) in 1/3", "ml model lf myprobit (b = x1 i.f), vce(robust)", "ml model lf myprobit (b = x1 i.f), vce(cluster g)",
        "ml model lf myprobit (b = x1 i.f), constraints(1)", "ml model lf myprobit (b = x1 i.f), init(2.f = 1)",
        "ml model lf myprobit (b = x1 i.f), init(b:2.f = 1)", "ml model lf myprobit (b = x1 i.f), init(nosuch = 1)",
    ]
    after = ["ml maximize", "ml maximize, nolog", "ml maximize\nml display, baselevels", "ml maximize\nml display, allbaselevels",
             "ml maximize\nml display, noomitted", "ml maximize\nml display, noemptycells vsquish", "ml maximize\nmargins f",
             "ml maximize\nmargins", "ml maximize\npredict q", "ml maximize\ntest 2.f 3.f", "ml maximize\ntestparm i.f",
             "ml maximize\ncontrast f", "ml maximize\nlincom 2.f - 3.f", "ml init 2.f = 0.1\nml maximize", "ml check", "ml search",
             "ml maximize, iterate(0)", "ml maximize, difficult", "ml plot 2.f", "ml report", "ml maximize\nml display, eform(OR)",
             "ml maximize\nestimates store A\nestimates table A", "ml maximize\npwcompare f", "ml query"]
    out = []
    for k, m in enumerate(models):
        prog = _ML_NORM if "mynorm" in m else _ML_D0 if "myd0" in m else _ML_LF
        pre = prog + ("\nconstraint 1 [b]2.f = [b]3.f" if "constraints(1)" in m else "")
        out.append(f"{pre}\n{m}\n{after[k % len(after)]}")
        out.append(f"{pre}\n{m}, maximize" if ", " not in m else f"{pre}\n{m} maximize")
    for k, a in enumerate(after):
        out.append(f"{_ML_LF}\nml model lf myprobit (b = x1 i.f)\n{a}")
    return out


def _fe_lines() -> list[str]:
    fits = ["clogit b x1, group(g)", "clogit b x1 x2, group(g) or", "clogit b x1, group(s)", "clogit b x1, group(sid)", "clogit b x1, group(k)",
            "clogit b x1, group(f)", "clogit b i.f, group(g)", "clogit b x1, group(g) vce(robust)", "clogit b x1, group(g) vce(cluster f)",
            "clogit b x1 [fw=w], group(g)", "clogit b x1 [iw=w], group(g)", "clogit b x1 [pw=w], group(g)", "clogit b x1, group(m)", "clogit b x1, group(z)",
            "clogit b x1, strata(g)", "clogit b x1, group(nosuch)", "clogit b x1", "clogit y x1, group(g)", "clogit c x1, group(g)",
            "xtlogit b x1, fe", "xtlogit b x1, fe or", "xtlogit b x1 i.f, fe", "xtlogit b x1, fe vce(bootstrap, reps(3))", "xtlogit b x1, fe i(f)",
            "xtlogit b x1, fe i(s)", "xtlogit b x1 [iw=w], fe", "xtlogit b x1 [fw=w], fe", "xtlogit c x1, fe",
            "xtpoisson c x1, fe", "xtpoisson c x1, fe irr", "xtpoisson c x1, fe exposure(t2)", "xtpoisson c x1, fe offset(x2)",
            "xtpoisson c x1, fe vce(robust)", "xtpoisson c x1 i.f, fe", "xtpoisson c x1, fe i(s)", "xtpoisson c x1 [iw=w], fe", "xtpoisson b x1, fe",
            "xtpoisson y x1, fe", "xtpoisson c x1, fe normal", "xtpoisson c x1, fe i(f)"]
    odd = ["replace b = 0 if g == 1\nreplace b = 1 if g == 2", "replace b = 0", "replace b = 1", "keep if t == 1",
           "replace g = _n", "replace b = 0 if g < 5", "drop if g == 3 & t > 1", "replace c = 0 if g < 3", "replace c = 0",
           "replace x1 = 1 if g == 1", "replace x1 = g", "replace b = t > 4", "replace g = . in 1/10", "replace g = .a in 1/10",
           "replace s = \"\" in 1/10", "replace s = string(g)", "replace b = . if g == 2"]
    out = []
    for k, fit in enumerate(fits):
        pre = "" if fit.startswith("clogit") else _XT + "\n"
        out.append(pre + fit)
        for j in range(3):
            prep = odd[(k * 3 + j) % len(odd)]
            if pre and ("replace g = " in prep or "keep if" in prep or "drop if" in prep):
                out.append(f"{prep}\ncapture xtset g t\n{fit}")
            else:
                out.append(f"{prep}\n{pre}{fit}")
    out += ["quietly clogit b x1, group(g)\npredict q", "quietly clogit b x1, group(g)\npredict q, pu0", "quietly clogit b x1, group(g)\npredict q, pc1",
            "quietly clogit b x1, group(g)\nmargins", "quietly clogit b x1, group(g)\nestat ic", "quietly clogit b x1, group(s)\npredict q, xb",
            _XT + "\nquietly xtlogit b x1, fe\npredict q, pu0", _XT + "\nquietly xtpoisson c x1, fe\npredict q, nu0",
            _XT + "\nquietly xtlogit b x1, fe\nmargins", "replace b = 0 if g == 1\n" + _XT + "\nquietly xtlogit b x1, fe\npredict q, pc1",
            "replace b = 1 if g == 1\nquietly clogit b x1, group(g)\npredict q, pc1"]
    return out


_MI = ("generate double m1 = cond(missing(m), x1, m)\ngenerate double m2 = cond(missing(m), x2, m)\n"
       "mi import wide, imputed(m = m1 m2)")


def _mi_lines() -> list[str]:
    ests = ["mi estimate, saving(est1): regress y m x1", "mi estimate, saving(est1, replace): regress y m x1",
            "mi estimate, saving(out): regress y m", "mi estimate, saving(out.txt): regress y m", "mi estimate, saving(out.txt, replace): regress y m",
            "mi estimate, saving(est1) replace: regress y m", "mi estimate, saving(): regress y m", "mi estimate, saving(,replace): regress y m",
            "mi estimate, saving(est1, nosuch): regress y m", "mi estimate, saving(\"a b\"): regress y m", "mi estimate, saving(dir.dta): regress y m",
            "mi estimate, saving(sub/est1): regress y m", "mi estimate, saving(est1.ster, replace): logit b m", "mi estimate, saving(est1): mixed y m || g:",
            "mi estimate, saving(est1): regress y nosuch", "mi estimate, saving(est1): regress y s", "mi estimate, saving(est1) nimputations(1): regress y m",
            "mi estimate, saving(est1) imputations(2): regress y m", "mi estimate, saving(est1) imputations(9): regress y m",
            "mi estimate, saving(est1) esampvaryok: regress y m", "mi estimate, saving(est1) dots: regress y m",
            "mi estimate, saving(est1, replace) vartable: regress y m", "mi estimate, sav(est1): regress y m",
            "mi estimate, saving(est1): regress y m\nestimates use est1, number(1)\nestimates replay",
            "mi estimate, saving(est1): regress y m\nestimates use est1, number(2)", "mi estimate, saving(est1): regress y m\nestimates use est1, number(3)",
            "mi estimate, saving(est1): regress y m\nestimates use est1", "mi estimate, saving(est1): regress y m\nmi estimate using est1",
            "mi estimate, saving(est1): regress y m\nestimates describe using est1", "mi estimate, saving(est1): regress y m\nmi estimate, saving(est1): regress y m",
            "mi estimate, saving(est1): regress y m\nmi estimate, saving(est1, replace): regress y m",
            "mi estimate, saving(est1): regress y m if 0", "mi estimate, saving(est1): regress y m in 1",
            "mi estimate (r: _b[m]/_b[x1]), saving(est1): regress y m x1"]
    return [f"{_MI}\n{e}" for e in ests] + ["mi estimate, saving(est1): regress y x1", "mi set mlong\nmi estimate, saving(est1): regress y x1"]


_DATA = [
    # order before()/after(), move
    "order y, before(x1)", "order y, after(s)", "order s sid, before(y)", "order y x1, after(y)", "order y, before(y)", "order y x1, after(x1)",
    "order y, before(nosuch)", "order y, after(x1 x2)", "order y, before(x1) after(x2)", "order y, first last", "order y, before(x1) last",
    "order y, b(x1)", "order y, a(x1)", "order y, bef(x1)", "order y, aft(x1)", "order y, before()", "order y, after(x*)", "order y*, before(t)",
    "order _all, before(y)", "order x2-f, after(sid)", "order y, alphabetic before(f)", "order y x1, sequential after(s)", "order nosuch, before(y)",
    "order y, after(_all)", "order y, before(y-x2)", "order y, after(sid)\ndescribe", "move sid y", "move y y", "move y sid", "move nosuch y",
    "move y nosuch", "move y", "move y x1 x2", "move y x*", "move s-sid y", "move y, nosuch", "move _all y", "move y _n",
    # encode label()
    "encode s, generate(q) label(sl)", "encode s, generate(q) label(fl)", "encode s, generate(q) label(fl) noextend", "encode s, generate(q) label(gl)",
    "encode s, generate(q) l(sl)", "encode s, generate(q) lab(sl)", "encode s, generate(q) label()", "encode s, generate(q) label(1bad)",
    "encode s, generate(q) label(sl sl2)", "encode s, generate(q) label(sl)\nencode sid, generate(q2) label(sl)",
    "encode s, generate(q) label(sl)\nencode sid, generate(q2) label(sl) noextend", "encode s, generate(q) noextend",
    "label define sl 1 \"a\" 2 \"dd\"\nencode s, generate(q) label(sl) noextend", "label define sl 1 \"a\" 2 \"dd\" 3 \"b c\" 4 \"é\" 5 \"\"\nencode s, generate(q) label(sl) noextend",
    "label define sl 7 \"a\"\nencode s, generate(q) label(sl)", "label define sl .a \"a\"\nencode s, generate(q) label(sl)",
    "encode s if f == 1, generate(q) label(sl)", "encode s in 1/3, generate(q) label(sl)", "encode s if 0, generate(q) label(sl)",
    "encode y, generate(q) label(sl)", "encode s, generate(y) label(sl)", "encode s, label(sl)", "encode s sid, generate(q) label(sl)",
    "encode s, generate(q) label(a_value_label_name_that_is_too_long_for_stata)", "encode sid, generate(q) label(fl)",
    # table with statistic abbreviations
    "table f, statistic(mean y)", "table f, stat(mean y)", "table f, statistic(freq)", "table f, stat(freq)", "table f, stat(fre)",
    "table f, stat(perc)", "table f, stat(prop)", "table f, stat(sd y)", "table f, stat(var y)", "table f, stat(med y)", "table f, stat(p25 y)",
    "table f, stat(tot y)", "table f, stat(sum y)", "table f, stat(cou y)", "table f, stat(semean y)", "table f, stat(sem y)", "table f, stat(iqr y)",
    "table f, stat(ran y)", "table f, stat(fvfreq b)", "table f, stat(fvperc b)", "table f, stat(fvprop b)", "table f, stat(nosuch y)",
    "table f, stat(mean)", "table f, stat(mean s)", "table f, stat(p101 y)", "table f, stat(p0 y)", "table f, stat(mean y) stat(sd y)",
    "table f, stat(mean y x1) nformat(%5.2f mean)", "table f b, stat(mean y)", "table (f) (b), stat(freq) stat(perc)", "table f, stat(percent, across(f))",
    "table f, stat(perc, across(b))", "table f, s(mean y)", "table f, stati(mean y)", "table f, stat(mea y)", "table f, stat(me y)", "table f, stat(min y) stat(max y)",
    "table f, stat(sumw)", "table f [fw=w], stat(sumw)", "table f [pw=w], stat(mean y)", "table f, contents(mean y sd y)", "table f, c(mean y)",
    "table f, contents(freq)", "table f, contents(n y)", "table f, c(p50 y iqr y)", "table f, c(nosuch y)", "table f, stat(mean y) total(f)",
    "table f, stat(mean y) nototals", "table f, stat(mean y) stat(mean y)", "table f, stat(q2 y)", "table f, stat(mean z)", "table f, stat(mean m)",
    # egen wtmean
    "egen q = wtmean(y), weight(w)", "egen q = wtmean(y), by(g) weight(w)", "egen q = wtmean(y)", "egen q = wtmean(y), weight(x1)",
    "egen q = wtmean(y), weight(z)", "egen q = wtmean(y), weight(m)", "egen q = wtmean(y), weight(s)", "egen q = wtmean(s), weight(w)",
    "egen q = wtmean(y), weight(nosuch)", "egen q = wtmean(y), weight()", "egen q = wtmean(y), weight(w*2)", "egen q = wtmean(y), weight(-w)",
    "egen q = wtmean(y), weight(0)", "egen q = wtmean(y + x1), weight(w) by(f)", "egen q = wtmean(y) if f == 1, weight(w)", "egen q = wtmean(y) in 1/3, weight(w)",
    "bysort g: egen q = wtmean(y), weight(w)", "egen q = wtmean(y), weight(w) by(s)", "egen q = wtmean(y), wei(w)", "egen q = wtmean(y), w(w)",
    "egen q = wtmean(), weight(w)", "egen q = wtmean(y x1), weight(w)", "egen y = wtmean(y), weight(w)", "egen q = wtmean(y), weight(w) nosuch",
    "egen q = wtmean(y), weight(1e300)", "egen q = wtmean(y * 1e300), weight(w)", "egen int q = wtmean(y), weight(w)",
    # tabm
    "tabm b f", "tabm b f o", "tabm b", "tabm s sid", "tabm b s", "tabm s b", "tabm b f, oneway", "tabm b f, transpose", "tabm b f, valuelabel(fl)",
    "tabm b f, valuelabel(nosuch)", "tabm b f, varnames", "tabm b f, missing", "tabm b f, replace", "tabm b f, row", "tabm b f, column nofreq",
    "tabm b f, cell", "tabm b f, chi2", "tabm b f [fw=w]", "tabm b f [aw=w]", "tabm b f [iw=w]", "tabm b f [pw=w]", "tabm b f if f == 1", "tabm b f in 1/3",
    "tabm b f if 0", "tabm b m", "tabm z m", "tabm b f, nosuch", "tabm nosuch b", "by g: tabm b f", "by g, sort: tabm b f, replace",
    "tabm b f, replace\ndescribe", "tabm b-o", "tabm y x1", "tabm b f, oneway transpose", "tabm b f, missing oneway", "tabm b f, valuelabel()",
    "tabm b f, trans", "tabm b f, one", "tabm i.f b", "tabm b f, all exact",
]


FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "semgroup": ((), _sem_group_lines()),
    "extkeys": ((), _extkeys_lines()),
    "meparams": ((), _me_lines()),
    "mlfv": ((), _ml_lines()),
    "fegroups": ((), _fe_lines()),
    "misaving": ((), _mi_lines()),
    "datacmds": ((), _DATA),
}

WHOLE: set[str] = {"mlfv"}


# files the lines write under the names they type (the folder is kept from case to case: removed
# first, so that a case's saving(est1) or save gkeys meets no file an earlier case left)
_WRITTEN = ("est1.ster", "out.ster", "gkeys.dta", "gt.dta")


def run_case(case, folder, written=_WRITTEN):
    """round 22's run_case (files the setup wrote are not findings), after removing what earlier
    cases wrote (``written``: the names the round's lines type)."""
    for name in written:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            os.remove(path)
    rc, findings, printed = r22.run_case(case, folder)
    setup = set(re.findall(r"\w+", " ".join(case.setup)))

    def setup_made(f):  # round 22 knows name.dta; saving(est1) writes est1.ster
        named = re.findall(r"'([^']+)'", f.detail)
        return f.kind == "file-written" and named and all(os.path.splitext(n)[0] in setup for n in named)

    return rc, [f for f in findings if not setup_made(f)], printed


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False):
    return r16.cases(seed, count, only, mutated_only, FAMILIES, WHOLE)


if __name__ == "__main__":
    sys.exit(r16.main(families=FAMILIES, whole=WHOLE, runner=run_case))

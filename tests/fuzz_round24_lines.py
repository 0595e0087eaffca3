"""Round 24 of the command fuzz (docs/command_fuzz.md): what the last session added and no round
had reached -- sem with latent variables (measurement and structural paths, @ constraints, _cons
paths, cov()/var()/means(), method(mlmv), vce(robust), estat gof/eqgof/residuals, predict
latent); factor variables and L./D./F. in the random-effects equations of mixed and the me
commands; the shared cluster sandwich (robust.cluster_sandwich) with one cluster, missing cluster
values and string cluster variables across the engines that use it; recode with label(); ds;
estimates table keep()/drop() ranges; xtsum; bcuse (served from the run's folder, never the
network); outreg2 sum(log).

The walk, mutations, shapes and checks are round 16's (tests/fuzz_round16_programs.py); the file
rules are round 22's run_case.

    python3 tests/fuzz_round24_lines.py [--seed 1] [--count 40] [--only semlatent,cluster] [--mutated-only] [-v]
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round16_programs as r16  # noqa: E402
import fuzz_round22_lines as r22  # noqa: E402

_CFA = "quietly sem (F -> y x1 x2 t2)"
_TWO = "quietly sem (F -> y x1 x2) (G -> c t2 w)"
_XT = "xtset g t"
_REG = "quietly regress y x1 i.f\nestimates store A"


def _sem_lines() -> list[str]:
    fits = [
        "sem (F -> y x1 x2 t2)", "sem (F -> y x1 x2)", "sem (F -> y x1)", "sem (F -> y)", "sem (F -> y x1 x2 t2), standardized",
        "sem (F -> y@1 x1@1 x2@1)", "sem (F -> y x1@2 x2@2)", "sem (F -> y x1 x2), var(F@1)", "sem (F -> y x1 x2), var(F@0)",
        "sem (F -> y x1 x2), var(F@-1)", "sem (F -> y x1 x2), var(e.y@0)", "sem (F -> y x1 x2), var(e.y@1e300)",
        "sem (F -> y@0 x1 x2)", "sem (F -> y x1 x2) (F <- c)", "sem (F -> y x1 x2) (F <- c w)", "sem (F -> y x1 x2) (b <- F)",
        "sem (F -> y x1 x2) (G -> c t2 w)", "sem (F -> y x1 x2) (G -> c t2 w), cov(F*G@0)", "sem (F -> y x1 x2) (G -> c t2 w) (G <- F)",
        "sem (F -> y x1 x2) (G -> c t2 w), cov(e.y*e.c)", "sem (F -> y x1 x2) (G -> c t2 w), covstructure(_LEx, diagonal)",
        "sem (F -> y x1 x2 t2), means(F)", "sem (F -> y x1 x2 t2), means(F@1)", "sem (F -> y x1 x2 t2), noconstant",
        "sem (F -> y x1 x2 t2), noconstant means(F)", "sem (F -> y x1 x2 t2 _cons@0)", "sem (y x1 x2 t2 <- F _cons@0), means(F)",
        "sem (F -> y x1 x2) (F <- _cons)", "sem (F <- _cons x1) (F -> y x2 t2)", "sem (y <- _cons)", "sem (_cons <- y)",
        "sem (F -> y x1 x2 t2), method(mlmv)", "sem (F -> y x1 x2 m), method(mlmv)", "sem (F -> y x1 z), method(mlmv)",
        "sem (F -> y x1 x2 t2), method(ml)", "sem (F -> y x1 x2 t2), method(adf)", "sem (F -> y x1 x2 t2), method(nosuch)",
        "sem (F -> y x1 x2 t2), vce(robust)", "sem (F -> y x1 x2 t2), vce(cluster g)", "sem (F -> y x1 x2 t2), vce(cluster k)",
        "sem (F -> y x1 x2 t2), vce(cluster s)", "sem (F -> y x1 x2 t2), vce(cluster m)", "sem (F -> y x1 x2 t2), vce(oim)",
        "sem (F -> y x1 x2 t2), vce(opg)", "sem (F -> y x1 x2 t2), vce(bootstrap, reps(3))", "sem (F -> y x1 x2 t2), method(mlmv) vce(robust)",
        "sem (F -> y x1 x2 t2) [fw=w]", "sem (F -> y x1 x2 t2) [pw=w]", "sem (F -> y x1 x2 t2) [aw=w]", "sem (F -> y x1 x2 t2) if f == 1",
        "sem (F -> y x1 x2 t2) in 1/3", "sem (F -> y x1 x2 t2) if 0", "sem (F -> y k x2)", "sem (F -> y s x2)", "sem (F -> y z x2)",
        "sem (F -> y y x2)", "sem (F -> y x1 x2) (F -> t2)", "sem (f -> y x1 x2)", "sem (F1 -> y x1 x2)", "sem (_F -> y x1 x2)",
        "sem (F -> y i.f x2)", "sem (F -> y L.x1 x2)", "sem (F -> y x1 x2), latent(F)", "sem (F -> y x1 x2), latent(G)",
        "sem (F -> y x1 x2), nolatent", "sem (F -> y x1 x2 t2), iterate(0)", "sem (F -> y x1 x2 t2), iterate(1)",
        "sem (F -> y x1 x2 t2), level(99.9)", "sem (F -> y x1 x2 t2), nocapslatent", "sem (F -> y x1 x2 t2), coeflegend",
        "sem (F -> y x1 x2 t2), from(F:y = 1)", "sem (F -> y x1 x2 t2), noxconditional", "sem (F -> y x1 x2 t2) (x1 <- c)",
        "sem (F -> y x1 x2 t2), cov(F*F)", "sem (F -> y x1 x2 t2), var(F) var(F)", "sem (F -> (y x1) x2)", "sem (F -> y x1 x2,)",
        "sem (F -> y x1 x2) (F -> y)", "sem (F -> y x1 x2) (G -> y x1 x2)", "sem (F -> y x1 x2) (F <- G) (G <- F)",
        "sem (F -> y x1 x2 t2), reliability(y .5)", "sem (F -> y x1 x2 t2), reliability(y 0)", "sem (F -> y x1 x2 t2), reliability(y 2)",
        "sem (F -> y x1 x2 t2), group(f)", "sem (F -> y x1 x2 t2), ginvariant(none)",
    ]
    post = [
        "estat gof", "estat gof, stats(all)", "estat gof, stats(rmsea ic)", "estat gof, stats(nosuch)", "estat eqgof", "estat eqgof, format(%9.2f)",
        "estat residuals", "estat residuals, normalized", "estat residuals, standardized", "estat residuals, format(%5.1f)", "estat residuals, zerotolerance(1)",
        "estat mindices", "estat teffects", "estat summarize", "estat ic", "estat vce", "estat framework", "estat stable", "estat stdize: nlcom _b[y:F]",
        "predict L, latent", "predict L, latent(F)", "predict L*, latent", "predict L, latent(G)", "predict L1 L2, latent(F)",
        "predict L, latent(nosuch)", "predict p*, xb", "predict p, xb(y)", "predict p, xb(F)", "predict p, xblatent",
        "predict p, scores", "predict p*, scores", "predict y, latent", "predict L if f == 1, latent", "predict L in 1, latent",
        "predict double L, latent(F)", "predict L, latent nosuch", "lrtest . .", "test [y]F = 1", "lincom [y]F - [x1]F",
        "nlcom _b[x1:F] / _b[x2:F]", "estimates store S\nestimates table S", "margins", "sem", "sem, coeflegend", "estat gof, stats(residuals)",
    ]
    out = list(fits)
    for k, p in enumerate(post):
        out.append(f"quietly {fits[k % 30]}\n{p}")
    out += [_CFA + "\n" + p for p in post[:20]] + [_TWO + "\n" + p for p in post[19:36]]
    out += ["quietly sem (F -> y x1 x2 t2), method(mlmv)\n" + p for p in ("estat gof, stats(all)", "estat residuals", "predict L, latent", "estat eqgof")]
    out += ["quietly sem (F -> y x1 x2 t2), vce(robust)\n" + p for p in ("estat gof, stats(all)", "estat residuals", "estat eqgof", "predict L, latent")]
    return out


_MEFIT = ["mixed y x1", "melogit b x1", "mepoisson c x1", "meologit o x1", "meprobit b x1", "menbreg c x1", "mecloglog b x1",
          "metobit y x1, ll(0)", "meglm y x1", "meqrlogit b x1", "meqrpoisson c x1", "xtmixed y x1", "meoprobit o x1"]
_REEQ = ["g: i.f", "g: L.x1", "g: D.x1", "g: F.x1", "g: L2.x1", "g: L(0/1).x1", "g: L.x1 D.x2", "g: i.f#c.x1", "g: c.x1##c.x1",
         "g: L.y", "g: F2.x1", "g: S.x1", "g: L.f", "g: i.o", "g: ibn.f, noconstant", "g: i.f L.x1", "g: L.i.f", "g: cL.x1",
         "g: L.s", "g: L.nosuch", "g: L(-1).x1", "g: L99.x1", "g: L.x1, cov(unstructured)", "_all: R.f", "g: D.i.f", "g: i.f, cov(exchangeable)",
         "g: L.x1 || f:", "g: 1.f", "g: i.f#i.o", "g: L.x1#i.f", "g: 1bn.f 2.f", "g: i.m", "g: o.x1", "g: 2.f#c.x1"]


def _me_lines() -> list[str]:
    out = []
    for k, eq in enumerate(_REEQ):
        for j in range(3):
            fit = _MEFIT[(k * 3 + j) % len(_MEFIT)]
            if ", " in fit and ", " in eq:
                eq_opts, fit_opts = eq.split(", ", 1), fit.split(", ", 1)
                out.append(f"{fit_opts[0]} || {eq_opts[0]}, {eq_opts[1]} {fit_opts[1]}")
            elif ", " in fit:
                head, opts = fit.split(", ", 1)
                out.append(f"{head} || {eq}, {opts}")
            else:
                out.append(f"{fit} || {eq}")
    out += ["mixed y L.x1 || g: L.x1\npredict r*, reffects", "mixed y x1 || g: i.f\npredict q, xb", "melogit b x1 || g: L.x1\npredict q, mu",
            "mixed y x1 || g: D.x1\nestat icc", "mixed y x1 || g: F.x1\nestat recovariance", "melogit b x1 || g: i.f\nestat icc",
            "mixed y x1 || g: L.x1\nmargins", "mepoisson c x1 || g: L.x1, irr", "mixed y x1 if t > 2 || g: L.x1", "mixed y x1 in 1/3 || g: L.x1",
            "mixed y x1 [fw=w] || g: L.x1", "mixed y x1 || g: L.x1, reml", "mixed y x1 || g: L.x1, residuals(ar 1, t(t))",
            "gsem (y <- x1 M[g])", "gsem (y <- L.x1 M[g])", "gsem (b <- x1 M[g], logit)", "mestreg x1 || g: L.x1, distribution(weibull)"]
    return out


# engines that take vce(cluster) through robust.cluster_sandwich, with one fitting line each
_ENGINES = [
    "regress y x1", "logit b x1", "probit b x1", "poisson c x1", "nbreg c x1", "glm c x1, family(poisson)", "glm b x1, family(binomial)",
    "areg y x1, absorb(f)", "reghdfe y x1, absorb(f)", "ivregress 2sls y (x1 = x2)", "ivreg2 y (x1 = x2)", "tobit y x1, ll(0)",
    "ologit o x1", "oprobit o x1", "mlogit o x1", "cloglog b x1", "heckman y x1, select(b = x2)", "zip c x1, inflate(x2)",
    "zinb c x1, inflate(x2)", "fracreg logit b x1", "hetprob b x1, het(x2)", "biprobit b b x1", "truncreg y x1, ll(-5)",
    "nl (y = {a} + {b}*x1)", "intreg y y x1", "gmm (y - {b0} - {b1}*x1), instruments(x1)", "ivpoisson gmm c (x1 = x2)",
    "mixed y x1 || f:", "melogit b x1 || f:", "mepoisson c x1 || f:", "sem (y <- x1)", "gsem (y <- x1)", "streg x1, distribution(weibull)",
    "stcox x1", "xtreg y x1, fe", "xtreg y x1, re", "xtlogit b x1, re", "xtpoisson c x1, fe", "xtgee y x1", "glm y x1", "qreg y x1",
    "ppmlhdfe c x1, absorb(f)", "mprobit o x1", "scobit b x1", "betareg t2 x1", "xtreg y x1, mle", "cnsreg y x1", "slogit o x1",
    "sem (F -> y x1 x2 t2)", "mestreg x1 || f:, distribution(weibull)",
]
_CLUSTERS = ["g", "k", "m", "z", "s", "sid", "f", "nosuch", "t2", "y", "g f", "b", "o"]
_ST_ENGINES = ("streg", "stcox", "mestreg")
_XT_ENGINES = ("xtreg", "xtlogit", "xtpoisson", "xtgee")


def _with_option(fit: str, option: str) -> str:
    if "||" in fit or fit.startswith(("sem", "gsem")) or ", " not in fit:
        return f"{fit}, {option}" if ", " not in fit else fit.replace(", ", f", {option} ", 1)
    return f"{fit} {option}"


def _cluster_lines() -> list[str]:
    out = []
    for k, fit in enumerate(_ENGINES):
        for j in range(4):
            var = _CLUSTERS[(k * 4 + j) % len(_CLUSTERS)]
            opt = f"vce(cluster {var})" if j != 3 else f"cluster({var})"
            line = _with_option(fit, opt)
            if fit.startswith(_ST_ENGINES):
                line = "stset t2, failure(b)\n" + line
            elif fit.startswith(_XT_ENGINES):
                line = _XT + "\n" + line
            out.append(line)
        for prep in ("replace g = . in 1/5", "replace g = 1", "keep if g == 1", "replace s = \"\" in 1/5", "replace g = .a in 1/8"):
            if len(out) % 5 == 0:
                break
            line = _with_option(fit, "vce(cluster g)" if "s =" not in prep else "vce(cluster s)")
            if fit.startswith(_ST_ENGINES):
                line = "stset t2, failure(b)\n" + line
            elif fit.startswith(_XT_ENGINES):
                line = _XT + "\n" + line
            out.append(prep + "\n" + line)
    return out


_DATA = [
    # recode with label()
    "recode f (1 = 10 \"ten\") (2 = 20 \"twenty\"), generate(q) label(ql)", "recode f (1 = 10 \"ten\"), generate(q) label(fl)",
    "recode f (1 = 10 \"ten\"), generate(q) label(gl)", "recode f (1 = 10 \"ten\"), label(ql)", "recode f (1 = 10 \"ten\"), generate(q)",
    "recode f o (1 = 10 \"ten\"), generate(q1 q2) label(ql)", "recode f o (1 = 10 \"ten\"), prefix(r_) label(ql)",
    "recode f o (1 = 10 \"ten\"), prefix(r_)", "recode f (1 = 10 \"ten\") (1 = 11 \"eleven\"), generate(q) label(ql)",
    "recode f (1 = 10 \"\"), generate(q) label(ql)", "recode f (1 = 10 \"a \"\"quote\"), generate(q) label(ql)",
    "recode f (1 = .a \"missing a\"), generate(q) label(ql)", "recode f (1 = . \"sysmiss\"), generate(q) label(ql)",
    "recode f (1 = 10 ten), generate(q) label(ql)", "recode f (1 = 1.5 \"half\"), generate(q) label(ql)",
    "recode f (1 = 10 \"ten\"), generate(q) label(1bad)", "recode f (1 = 10 \"ten\"), generate(q) label()",
    "recode f (1 = 10 \"ten\"), generate(q) label(ql ql2)", "recode f (1 = 10 \"ten\"), generate(q) label(a_value_label_name_that_is_too_long_for_stata)",
    "recode f (1 = 10 \"ten\"), generate(f) label(ql)", "recode f (1 = 10 \"ten\"), generate(y) label(ql)", "recode s (1 = 10 \"ten\"), generate(q) label(ql)",
    "recode f (1 = 10 \"ten\") if f == 1, generate(q) label(ql)", "recode f (1 = 10 \"ten\") in 1/3, generate(q) label(ql)",
    "recode f (1 = 10 \"ten\") (else = copy), generate(q) label(ql)", "recode f (1 = 10 \"ten\") (else = .), generate(q) label(ql)",
    "recode f (1/3 = 1 \"low\") (* = 2 \"other\"), generate(q) label(ql)", "recode f (missing = 9 \"miss\"), generate(q) label(ql)",
    "recode f (nonmissing = 9 \"nm\"), generate(q) label(ql)", "recode x1 (min/0 = 0 \"neg\") (0/max = 1 \"pos\"), generate(q) label(ql)",
    "recode f (1 = 10 \"ten\"), generate(q) label(ql) copyrest", "recode f (1 = 10 \"ten\"), generate(q) label(ql) test",
    "recode f (1 = 10 \"ten\") (2 = 10 \"ten again\"), generate(q) label(ql)", "recode f (1 = 1e300 \"big\"), generate(q) label(ql)",
    "recode f (1 = 100000 \"big\"), generate(q) label(ql)", "recode f (1 = -5 \"neg\"), generate(q) label(ql)",
    "recode f (1 = 10 \"ten\"), generate(q) label(ql)\nrecode o (1 = 10 \"ten\"), generate(q2) label(ql)",
    "recode f (1 = 10 \"ten\"), gen(q) lab(ql)", "recode f (1 = 10 \"ten\"), g(q) l(ql)", "recode f (1 = 10 \"ten\"), generate(q) label(ql) nosuch",
    # ds
    "ds", "ds, has(type numeric)", "ds, has(type string)", "ds, has(type byte)", "ds, has(type str#)", "ds, has(type 1/3)", "ds, not(type numeric)",
    "ds, has(vallabel)", "ds, has(vallabel fl)", "ds, not(vallabel)", "ds, has(varlabel)", "ds, has(varlabel *out*)", "ds, has(format %9*)",
    "ds, has(format %td*)", "ds, has(char)", "ds, has(char note1)", "ds, alpha", "ds, detail", "ds, varwidth(5)", "ds, skip(3)", "ds, indent(4)",
    "ds, varwidth(0)", "ds, varwidth(100)", "ds, skip(-1)", "ds, insensitive has(varlabel OUT*)", "ds y-f", "ds x*", "ds nosuch", "ds, has(nosuch)",
    "ds, has(type)", "ds, has(type nosuch)", "ds, has(type numeric) not(type byte)", "ds, has(vallabel) detail", "ds *, has(type string)",
    "ds\ndisplay \"`r(varlist)'\"", "ds, has(type string)\nforeach v of varlist `r(varlist)' {\ndisplay \"`v'\"\n}", "ds, has(type numeric)\nsummarize `r(varlist)'",
    "ds, has(char) detail", "ds, not(varlabel)", "ds, has(format %-*)", "ds, has(vallabel nosuch)", "ds, not", "ds, has()",
    # estimates table ranges
    _REG + "\nestimates table A, keep(x1-_cons)", _REG + "\nestimates table A, keep(x1-2.f)", _REG + "\nestimates table A, drop(x1-3.f)",
    _REG + "\nestimates table A, keep(3.f-x1)", _REG + "\nestimates table A, keep(nosuch-x1)", _REG + "\nestimates table A, keep(x1-nosuch)",
    _REG + "\nestimates table A, keep(-x1)", _REG + "\nestimates table A, keep(x1-)", _REG + "\nestimates table A, keep(x1 - _cons)",
    _REG + "\nestimates table A, keep(_cons-_cons)", _REG + "\nestimates table A, drop(x1-_cons)", _REG + "\nestimates table A, keep(x1-_cons) drop(2.f)",
    _REG + "\nestimates table A, keep(x1-2.f 3.f-_cons)", _REG + "\nestimates table A, keep(1.f-3.f) b se", _REG + "\nestimates table A, keep(*f-_cons)",
    _REG + "\nquietly logit b x1 x2\nestimates store B\nestimates table A B, keep(x1-_cons)",
    _REG + "\nquietly logit b x1 x2\nestimates store B\nestimates table A B, keep(x2-x1)",
    "quietly mlogit o x1 x2\nestimates store M\nestimates table M, keep(x1-_cons)", "quietly mlogit o x1 x2\nestimates store M\nestimates table M, keep(2:x1-3:_cons)",
    "quietly mixed y x1 || g:\nestimates store M\nestimates table M, keep(x1-_cons)", "quietly mixed y x1 || g:\nestimates store M\nestimates table M, keep(lns1_1_1:_cons-lnsig_e:_cons)",
    "quietly sem (y <- x1 x2)\nestimates store S\nestimates table S, keep(y:x1-y:_cons)", _REG + "\nestimates table A, keep(x1-_cons) stats(N r2)",
    _REG + "\nestimates table A, keep(x1-_cons) equations(1)", _REG + "\nestimates table A, keep(x1--_cons)", _REG + "\nestimates table A, keep(x1-x1-x1)",
    # xtsum
    "xtsum y", "xtsum y x1 s", "xtsum", "xtsum nosuch", "xtsum y if 0", "xtsum y in 1", "xtsum z", "xtsum k", "xtsum y, i(g)", "xtsum y, i(s)",
    "xtsum y, i(nosuch)", "xtsum y, i(z)", "xtsum y [aw=w]", "xtsum s", "xtsum y-w", "xtsum y, nosuch", "xtsum *",
    _XT + "\nxtsum y", _XT + "\nxtsum y x1 c", _XT + "\nxtsum y if g == 1", _XT + "\nxtsum y in 1/3", _XT + "\nxtsum z", _XT + "\nxtsum k",
    _XT + "\nxtsum m", _XT + "\nxtsum s", _XT + "\nxtsum y, i(f)", _XT + "\nxtsum", _XT + "\nxtsum y\nreturn list", _XT + "\nxtsum i.f",
    "xtset g\nxtsum y", "xtset f\nxtsum y x1", "replace g = . in 1/5\nxtset g t\nxtsum y", "xtset sid\nxtsum y",
    # bcuse (served locally: the run's folder holds wage1.dta and data.dta)
    "bcuse wage1", "bcuse wage1, clear", "bcuse wage1, clear nodesc", "bcuse wage1.dta, clear", "bcuse nosuch, clear", "bcuse, clear",
    "bcuse wage1 wage2, clear", "bcuse wage1, nosuch", "bcuse \"wage1\", clear", "bcuse data, clear", "bcuse dir.dta, clear", "bcuse ../wage1, clear",
    "bcuse wage1, clear\nsummarize", "bcuse wage1, clear nodesc\ndescribe", "keep in 1\nbcuse wage1", "drop _all\nbcuse wage1",
    "bcuse good.csv, clear", "bcuse \"\", clear", "bcuse wage1, cl", "bcuse wage1, nodes", "bcuse WAGE1, clear",
    # outreg2 sum(log)
    "outreg2 using o1, sum(log) replace", "outreg2 using o1, sum(log)", "outreg2 using o1.txt, sum(log) replace", "outreg2 y x1 using o1, sum(log) replace",
    "outreg2 using o1, sum(log) replace eqkeep(N mean)", "outreg2 using o1, sum(log) replace eqkeep(max min)", "outreg2 using o1, sum(log) replace eqkeep(nosuch)",
    "outreg2 using o1, sum(log) replace keep(y x1)", "outreg2 using o1, sum(log) replace keep(nosuch)", "outreg2 s using o1, sum(log) replace",
    "outreg2 z using o1, sum(log) replace", "outreg2 using o1 if f == 1, sum(log) replace", "outreg2 using o1 if 0, sum(log) replace",
    "outreg2 using o1, sum(detail) replace", "outreg2 using o1, sum replace", "outreg2 using o1, sum(nosuch) replace", "outreg2 using o1, sum() replace",
    "outreg2 using o1, sum(log) replace excel", "outreg2 using o1, sum(log) replace tex", "outreg2 using o1, sum(log) replace word",
    "outreg2 using o1, sum(log) append", "outreg2 using out.txt, sum(log)", "outreg2 using dir.dta, sum(log) replace",
    "outreg2 using o1, sum(log) replace label", "outreg2 using o1, sum(log) replace dec(0)", "outreg2 using o1, sum(log) replace dec(-1)",
    "outreg2 using o1, sum(log) replace ctitle(a b)", "outreg2 using o1, sum(log) replace title(t)", "outreg2 using o1, sum(log) replace see",
    _REG + "\noutreg2 using o1, sum(log) replace", _REG + "\noutreg2 using o1, sum(log) replace\nestimates replay", "outreg2 y-f using o1, sum(log) replace",
    "outreg2 using o1 [aw=w], sum(log) replace", "outreg2 using o1, sum(log) replace stats(coef)", "outreg2 using o1, sum(log) replace noobs",
]


FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "semlatent": ((), _sem_lines()),
    "merefv": ((_XT,), _me_lines()),
    "cluster": ((), _cluster_lines()),
    "datacmds": ((), _DATA),
}

WHOLE: set[str] = set()


def plant_bcuse(folder: str) -> None:
    """wage1.dta in the run's folder (bcuse's prefix points there while a case runs)."""
    path = os.path.join(folder, "wage1.dta")
    if not os.path.exists(path):
        from mlmcli.runner import Runner
        from fuzz_command_data import fresh_session
        session = fresh_session("full")
        Runner(session).run_text(f'keep y x1 f\nrename y wage\nsave "{path}"', echo=False)


def run_case(case, folder):
    """round 22's run_case with bcuse served from ``folder`` (the prefix put back after), less the
    files the setup wrote under a name it typed without extension (``outreg2 using o1`` writes
    o1.txt; round 22 knows only name.dta)."""
    import re

    from mlmcli.commands.data import web as web_commands

    plant_bcuse(folder)
    old = web_commands.BCUSE_PREFIX
    web_commands.BCUSE_PREFIX = folder
    try:
        rc, findings, printed = r22.run_case(case, folder)
    finally:
        web_commands.BCUSE_PREFIX = old
    stems = set(re.findall(r"\busing\s+([\w./-]+)", " ".join(case.setup)))

    def setup_made(f):
        named = re.findall(r"'([^']+)'", f.detail)
        return f.kind == "file-written" and named and all(os.path.splitext(n)[0] in stems for n in named)

    return rc, [f for f in findings if not setup_made(f)], printed


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False):
    return r16.cases(seed, count, only, mutated_only, FAMILIES, WHOLE)


if __name__ == "__main__":
    sys.exit(r16.main(families=FAMILIES, whole=WHOLE, runner=run_case))

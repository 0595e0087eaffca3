"""Round 17 of the command fuzz (docs/command_fuzz.md): the newest commands and options --
mi impute (regress, pmm, logit, ologit, mlogit, poisson, chained) and mi set M, svyset with
stage weight(), gsem's family(multinomial) and weights, combomarginsplot, pwcompare and margins'
pwcompare(groups), stcoxkm's separate, pgmhaz8, mixed with c.a#c.b in a random-effects
equation, estimates esample:, tabodds's or, the short display options (base allbase noomit
noempty), margins' at(x==...) and dydx(L.x).

The walk, mutations, shapes and checks are round 16's (tests/fuzz_round16_programs.py: a
seeded choice of a family's line, zero to three mutations, one of the fuzz data shapes; no
internal error, no hang, no data or file changed by a failing line); only the families differ.

    python3 tests/fuzz_round17_programs.py [--seed 1] [--count 40] [--only mi_impute,gsem] [--mutated-only]
                                           [--limit 20] [--show] [-v]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round16_programs as r16  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402

_MI = ("generate double mb = cond(missing(m), ., b)\ngenerate double mo = cond(missing(m), ., o)\n"
       "generate double mc = cond(missing(m), ., c)\nmi set mlong\nmi register imputed m mb mo mc")
_MARGINS = ("quietly regress y i.f x1", "quietly margins f, saving(mf1, replace)",
            "quietly margins f, at(x1 = (0 1)) saving(mf2, replace)", "quietly margins, at(x1 = (0 1)) saving(mf3, replace)")
_ST = ("stset t2, failure(b)",)

FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "mi_impute": ((_MI,), [
        "mi impute regress m x1, add(2) rseed(1)", "mi impute regress m = x1 x2, add(2) rseed(1) double",
        "mi impute pmm m x1, add(2) knn(3) rseed(1)", "mi impute pmm m x1, add(2) rseed(1)",
        "mi impute logit mb x1, add(2) rseed(1)", "mi impute logit mb x1, add(2) rseed(1) augment",
        "mi impute ologit mo x1, add(2) rseed(1)", "mi impute mlogit mo x1, add(2) rseed(1)",
        "mi impute poisson mc x1, add(2) rseed(1)", "mi impute regress m x1, add(2) by(f) rseed(1)",
        "mi impute chained (regress) m (logit) mb = x1, add(2) rseed(1)",
        "mi impute chained (pmm, knn(2)) m (ologit) mo = x1 x2, add(2) rseed(1) burnin(2)",
        "mi impute chained (regress) m (poisson) mc (mlogit) mo = x1, add(2) rseed(1) chaindots",
        "mi impute chained (regress if x1 > 0) m = x1, add(1) rseed(1)",
        "mi impute regress m x1, add(2) rseed(1)\nmi impute regress m x1, replace rseed(2)",
        "mi impute regress m x1, replace", "mi impute regress m x1", "mi impute regress m x1, add(0)",
        "mi impute regress m x1, add(-1)", "mi impute regress m x1, add(1e300)", "mi impute regress m x1, add(2.5)",
        "mi impute regress m s, add(2)", "mi impute regress s x1, add(2)", "mi impute regress x1 x2, add(2)",
        "mi impute logit m x1, add(2)", "mi impute ologit m x1, add(1)", "mi impute poisson m x1, add(1)",
        "mi impute regress m z, add(2)", "mi impute regress m x1 [fw=w], add(2) rseed(1)",
        "mi impute regress m x1 [pw=w], add(2) rseed(1)", "mi impute nosuch m x1, add(2)",
        "mi impute regress m x1, add(2) rseed(-1)", "mi impute regress m x1, add(2) knn(3)",
        "mi impute chained (regress) m = x1, add(2) nosuch", "mi impute chained m = x1, add(2)",
        "mi impute chained (regress m = x1, add(2)", "mi impute chained (regress) = x1, add(2)",
        "mi impute regress m i.f x1, add(2) rseed(1)", "mi impute regress m x1 if f == 1, add(2) rseed(1)",
        "mi set M = 3", "mi impute regress m x1, add(2) rseed(1)\nmi set M = 1",
        "mi impute regress m x1, add(2) rseed(1)\nmi set M += 2", "mi impute regress m x1, add(2) rseed(1)\nmi set M -= 5",
        "mi set M = -1", "mi set M = 1e300", "mi set M = a", "mi set M", "mi set M = 2.5",
        "mi impute regress m x1, add(2) rseed(1)\nmi estimate: regress y m",
        "mi impute regress m x1, add(2) rseed(1) dots", "mi impute regress m x1, add(2) rseed(1) force",
        "mi impute mlogit mo x1, add(2) rseed(1) augment", "mi impute pmm m x1, add(2) knn(0)",
        "mi impute pmm m x1, add(2) knn(1e300)", "mi impute regress m x1, a(2)", "mi imp reg m x1, add(2) rseed(1)",
    ]),
    "svyset": ((), [
        "svyset g, weight(w) || t, weight(w)", "svyset g [pw=w] || t, weight(w)", "svyset g, weight(w) || _n, weight(w)",
        "svyset g, weight(w) fpc(k) || t, weight(w)", "svyset g, weight(t2) || t, weight(w) || _n",
        "svyset g, weight(w) || t, weight(s)", "svyset g, weight(w) || t, weight(z)", "svyset g, weight(w) || t, weight()",
        "svyset g, weight(w x1) || t", "svyset g, weight(1) || t", "svyset g, weight(w) || t, weight(w) nosuch",
        "svyset g, weight(w) || t, weight(w) strata(f)", "svyset g, weight(w) || t, wei(w)",
        "svyset g, weight(w) || t, weight(w)\nsvy: mean y", "svyset g, weight(w) || t, weight(w)\nsvy: total y",
        "svyset g, weight(w) || t, weight(w)\nsvy: regress y x1", "svyset g, weight(w) || t, weight(w)\nsvy: proportion f",
        "svyset g, weight(w) || t, weight(w)\nsvy, subpop(b): mean y", "svyset g, weight(w) || t, weight(w)\nsvydescribe",
        "svyset g, weight(w) || t, weight(w)\nsvyset", "svyset g, weight(w) ||", "svyset || t, weight(w)",
        "svyset g, weight(w) || t, weight(w) || _n, weight(w)", "svyset g, weight(w) [pw=w]",
        "svyset g, weight(w) || t, weight(w) vce(brr)", "svyset g, weight(w) singleunit(centered) || t, weight(w)",
    ]),
    "gsem": ((), [
        "gsem (o <- x1), family(multinomial) link(logit)", "gsem (o <- x1), mlogit", "gsem (o <- x1 x2), mlogit",
        "gsem (o <- x1) [pw=w], mlogit", "gsem (o <- x1) [fw=w], mlogit", "gsem (o <- x1) [iw=w], mlogit",
        "gsem (y <- x1) [pw=w]", "gsem (b <- x1) [pw=w], logit", "gsem (c <- x1) [fw=w], poisson",
        "gsem (o <- x1) [aw=w], mlogit", "gsem (o <- x1 M1[g]), mlogit", "gsem (o <- x1), family(multinomial) link(probit)",
        "gsem (o <- x1), family(multinomial)", "gsem (y <- x1), family(multinomial) link(logit)",
        "gsem (s <- x1), mlogit", "gsem (o <- s), mlogit", "gsem (k <- x1), mlogit", "gsem (g <- x1), mlogit",
        "gsem (o <- x1), mlogit baseoutcome(2)", "gsem (o <- x1), mlogit vce(robust)", "gsem (o <- x1) [pw=w], mlogit vce(cluster g)",
        "gsem (o <- x1) [pw=s], mlogit", "gsem (o <- x1) [pw=x1], mlogit", "gsem (o <- i.f), mlogit",
        "gsem (o <- x1) (b <- x1, logit), mlogit", "gsem (o <- x1, mlogit) (y <- x1)", "gsem (1.o 2.o <- x1), mlogit",
        "gsem (o <- x1), mlogit\nestat ic", "gsem (o <- x1), mlogit\npredict p*", "gsem (o <- x1), mlogit\nmargins",
    ]),
    "combomarginsplot": (_MARGINS, [
        "combomarginsplot mf1 mf1", "combomarginsplot mf2 mf2, labels(\"a\" \"b\")", "combomarginsplot mf3 mf3",
        "combomarginsplot mf1 mf2", "combomarginsplot mf1", "combomarginsplot", "combomarginsplot nosuch mf1",
        "combomarginsplot mf2 mf2, by(_filenumber)", "combomarginsplot mf2 mf2, noci", "combomarginsplot mf2 mf2, recast(bar)",
        "combomarginsplot mf2 mf2, savefile(comb, replace)", "combomarginsplot mf2 mf2, savefile(comb)",
        "combomarginsplot mf2 mf2, savefile()", "combomarginsplot mf2 mf2, filevarname(ff)", "combomarginsplot mf2 mf2, filevarname(1bad)",
        "combomarginsplot mf2 mf2, file1opts(lcolor(red))", "combomarginsplot mf2 mf2, fileci2opts(lcolor(red))",
        "combomarginsplot mf2 mf2, file3opts(lcolor(red))", "combomarginsplot mf2 mf2, file0opts(lcolor(red))",
        "combomarginsplot mf2 mf2, level(90)", "combomarginsplot mf2 mf2, labels(\"a\")", "combomarginsplot mf2 mf2, labels(\"a\" \"b\" \"c\")",
        "combomarginsplot mf2 mf2, xdimension(f)", "combomarginsplot mf2 mf2, plotdimension(_filenumber)",
        "combomarginsplot data mf2", "combomarginsplot mf2 mf2, lplot1opts(x)", "combomarginsplot mf2 mf2, name(g1, replace)",
        "combomarginsplot mf2.dta mf2.dta", "combomarginsplot out.txt mf2",
    ]),
    "pwcompare": (("quietly regress y i.f##i.b x1",), [
        "pwcompare f", "pwcompare f, effects", "pwcompare f, groups", "pwcompare f, cimargins", "pwcompare f, mcompare(bonferroni)",
        "pwcompare f, mcompare(tukey)", "pwcompare f, mcompare(sidak) effects", "pwcompare f#b", "pwcompare f, sort",
        "pwcompare f, pveffects", "pwcompare f, level(90)", "pwcompare f, level(101)", "pwcompare f, asobserved",
        "pwcompare x1", "pwcompare nosuch", "pwcompare f, groups sort", "pwcompare f, mcompare(nosuch)", "pwcompare f, post",
        "pwcompare _eqns", "pwcompare f, atequations", "pwcompare f@b", "pwcompare f, base allbase noomit",
        "margins f, pwcompare", "margins f, pwcompare(effects)", "margins f, pwcompare(groups)", "margins f, pwcompare(cimargins)",
        "margins f, pwcompare(pveffects)", "margins f, pwcompare(nosuch)", "margins f, pwcompare(groups) mcompare(bonferroni)",
        "margins f, pwcompare(effects sort)", "margins f#b, pwcompare(groups)", "margins f, over(b) pwcompare(groups)",
        "margins, pwcompare", "margins f, pwcompare(groups) post", "margins x1, pwcompare",
    ]),
    "stcoxkm": (_ST, [
        "stcoxkm, by(f)", "stcoxkm, by(f) separate", "stcoxkm, by(f) separate byopts(rows(1))",
        "stcoxkm, by(f) separate obsopts(lcolor(red)) predopts(lpattern(dash))", "stcoxkm, by(f) obs1opts(lcolor(red))",
        "stcoxkm, by(f) separate obs1opts(lcolor(red))", "stcoxkm, by(f) separate pred2opts(lcolor(red))",
        "stcoxkm, by(f) obsopts(lcolor(red))", "stcoxkm, by(f) separate ties(efron)", "stcoxkm, by(f) separate noshow",
        "stcoxkm, by(s) separate", "stcoxkm, by(z) separate", "stcoxkm, by(k) separate", "stcoxkm, by(x1) separate",
        "stcoxkm, separate", "stcoxkm, by(f) sep", "stcoxkm, by(f) SEParate", "stcoxkm, by(f) separate by(g)",
        "stcoxkm if f < 3, by(f) separate", "stcoxkm, by(f) separate title(a) name(gg, replace)",
        "stcoxkm, by(f) separate addplot(scatter y x1)", "stcoxkm, by(f) separate byopts()",
        "stcoxkm, by(f) separate ties(nosuch)", "stcoxkm, by(f) separate obs0opts(x)",
    ]),
    "pgmhaz8": ((), [
        "pgmhaz8 x1, id(g) dead(b) seq(t)", "pgmhaz8 x1 x2, id(g) dead(b) seq(t) eform", "pgmhaz8 x1, id(g) dead(b) seq(t) nobeta0",
        "pgmhaz8 x1, id(g) dead(b) seq(t) nolog", "pgmhaz8 x1, id(g) dead(b) seq(t) lnvar0(0)", "pgmhaz8 x1, id(g) dead(b) seq(t) lnvar0(1e300)",
        "pgmhaz8 i.f, id(g) dead(b) seq(t) nocons", "pgmhaz8 x1 [fw=w], id(g) dead(b) seq(t)", "pgmhaz8 x1 [iw=w], id(g) dead(b) seq(t)",
        "pgmhaz8 x1 [pw=w], id(g) dead(b) seq(t)", "pgmhaz8 x1, id(g) dead(c) seq(t)", "pgmhaz8 x1, id(g) dead(b)",
        "pgmhaz8 x1, id(g) seq(t)", "pgmhaz8 x1, dead(b) seq(t)", "pgmhaz8 x1, id(sid) dead(b) seq(t)", "pgmhaz8 x1, id(g) dead(s) seq(t)",
        "pgmhaz8 x1, id(g) dead(b) seq(s)", "pgmhaz8 s, id(g) dead(b) seq(t)", "pgmhaz8, id(g) dead(b) seq(t)",
        "pgmhaz8 x1, id(g) dead(b) seq(t) level(90)", "pgmhaz8 x1, id(g) dead(b) seq(t) level(0)", "pgmhaz8 x1, id(g) dead(b) seq(t) iterate(0)",
        "pgmhaz8 x1, id(g) dead(b) seq(t) iterate(-1)", "pgmhaz8 x1, id(g) dead(b) seq(t) nosuch", "pgmhaz8 x1 if x1 > 0, id(g) dead(b) seq(t)",
        "pgmhaz8 x1, id(g) dead(b) seq(x1)", "pgmhaz8 x1, id(g) dead(k) seq(t)", "pgmhaz8 x1, id(g) dead(z) seq(t)",
        "pgmhaz8 x1, id(g) dead(b) seq(t)\npredict p", "pgmhaz8 x1, id(g) dead(b) seq(t)\nestat ic",
    ]),
    "mixed_cc": ((), [
        "mixed y x1 || g: c.x1#c.x2", "mixed y x1 x2 || g: x1 c.x1#c.x2", "mixed y x1 || g: c.x1#c.x2, cov(unstructured)",
        "mixed y x1 || g: c.x1#c.x1", "mixed y x1 || g: c.x1#c.x2, noconstant", "mixed y x1 || g: c.x1#i.f",
        "mixed y x1 || g: i.f#c.x1", "mixed y x1 || g: c.x1##c.x2", "mixed y x1 || g: c.x1#c.s", "mixed y x1 || g: c.x1#c.z",
        "mixed y x1 || g: c.x1#c.k", "mixed y x1 || g: c.x1#c.x2 || t:", "mixed y x1 || g: c.x1#c.x2, reml",
        "mixed y x1 || g: c.x1#c.x2\nestat recovariance", "mixed y x1 || g: c.x1#c.x2\npredict r*, reffects",
        "mixed y x1 || g: c.x1#c.x2\nmargins, dydx(x1)", "mixed y x1 || g: c.x1#c.x2, cov(exchangeable)",
        "mixed y x1 || g: c.x1#c.x2 [pw=w]", "mixed y x1 [pw=w] || g: c.x1#c.x2, pweight(w)", "mixed y x1 || g: c.x1#",
        "mixed y x1 || g: c.x1#c.x2#c.t2", "mixed y x1 || g: L.x1#c.x2",
    ]),
    "esample": (("quietly regress y x1 x2", "estimates store m1"), [
        "estimates esample:", "estimates esample: y x1 x2, replace", "estimates esample: y x1 if x1 > 0, replace",
        "estimates esample: y x1 [fw=w], replace", "estimates esample: y x1 [pw=w], replace", "estimates esample: y x1 [aw=w], replace",
        "estimates esample: y x1 [iw=w], replace", "estimates esample: y in 1/5, replace", "estimates esample:, replace zero",
        "estimates esample: s, replace", "estimates esample: z, replace", "estimates esample: i.f, replace",
        "estimates esample: y x1, replace stringok", "estimates esample: s, replace stringok",
        "estimates esample: y x1, rep", "estimates esample: y x1, replace nosuch", "estimates esample: y x1 if, replace",
        "estimates restore m1\nestimates esample: y x1, replace", "estimates clear\nestimates esample: y, replace",
        "estimates esample: y x1, replace\nestimates esample", "estimates esample: y [fw=s], replace",
        "estimates esample: y [fw=x1], replace", "estimates esample: y [fw=-1], replace", "est esample: y, replace",
    ]),
    "tabodds": ((), [
        "tabodds b f", "tabodds b f, or", "tabodds b f, or base(2)", "tabodds b f, or base(0)", "tabodds b f, or base(9)",
        "tabodds b f, or base(-1)", "tabodds b f, or base(1e300)", "tabodds b f, or level(90)", "tabodds b f, or level(100)",
        "tabodds b f [fw=w], or", "tabodds b f [pw=w], or", "tabodds b f [aw=w], or", "tabodds b o, or", "tabodds b x1, or",
        "tabodds b s, or", "tabodds s f, or", "tabodds y f, or", "tabodds c f, or", "tabodds b, or", "tabodds b z, or",
        "tabodds b k, or", "tabodds b f, base(2)", "tabodds b f, or adjust(g)", "tabodds b f, or ciplot", "tabodds b f, o",
        "tabodds b f, or graph", "tabodds b f, or mh", "tabodds b f if 0, or", "tabodds b f in 1, or", "tabodds b m, or",
    ]),
    "display": ((), [
        "regress y i.f x1, base", "regress y i.f x1, allbase", "regress y i.f x1, noomit", "regress y i.f x1, noempty",
        "regress y i.f##i.b, base noomit noempty", "regress y i.f##i.b, allbaselevels", "regress y i.f x1, nobase",
        "logit b i.f x1, allbase", "logit b i.f x1, noempty", "mixed y i.f || g:, base", "mixed y i.f || g:, noomit",
        "poisson c i.f, allbase noempty", "ologit o i.f, base", "mlogit o i.f, allbase", "glm y i.f, noomit",
        "regress y i.f x1 x1, noomit", "regress y i.f#i.g, noempty", "regress y i.f#i.g, noempty noomit",
        "regress y i.f\nregress, base", "regress y i.f\nregress, allbase noempty", "regress y i.f, bas", "regress y i.f, allb",
        "regress y i.f, noom", "regress y i.f, noemp", "regress y i.f, base(1)", "regress y i.f, noomit(2)",
        "regress y i.f\nmargins f, base", "regress y i.f\ncontrast f, base", "regress y i.f\npwcompare f, allbase",
        "xtset g t\nxtreg y i.f, base noomit", "tobit y i.f, ll(0) allbase", "stset t2, failure(b)\nstcox i.f, base noomit",
    ]),
    "margins_at": (("quietly regress y x1 x2 i.f",), [
        "margins, at(x1==1)", "margins, at(x1 == 1)", "margins, at(x1==(0 1))", "margins, at(x1=1)", "margins, at(x1=(0 1) x2==2)",
        "margins, at(f==2)", "margins, at(x1===1)", "margins, at(x1!=1)", "margins, at(x1==)", "margins, at(==1)",
        "margins, at(x1==s)", "margins, at(x1==1e300)", "margins, at(x1==.)", "margins, at((mean) x1==1)", "margins f, at(x1==(0(1)2))",
        "margins, at(nosuch==1)", "margins, at(x1==1) at(x1==2)", "margins, at(x1<1)", "margins, at(x1>=1)",
    ]),
    "margins_dydx": (("generate tt = _n\ntsset tt", "quietly regress y L.x1 x2"), [
        "margins, dydx(L.x1)", "margins, dydx(l.x1)", "margins, dydx(L.x1 x2)", "margins, dydx(*)", "margins, dydx(_all)",
        "margins, dydx(x1)", "margins, dydx(L2.x1)", "margins, dydx(F.x1)", "margins, dydx(D.x1)", "margins, eyex(L.x1)",
        "margins, dyex(l.x1)", "margins, dydx(L.s)", "margins, dydx(L.nosuch)", "margins, dydx(L.)", "margins, dydx(L.x1) at(x2=1)",
        "margins, dydx(L.x1) atmeans", "margins, dydx(cL.x1)", "margins, dydx(Lx1)", "margins, dydx(L(1/2).x1)",
        "margins, dydx(L.x1) post\nlincom _b[L.x1]", "margins, dydx(L.x1) pwcompare",
    ]),
}


_SAVED = re.compile(r"saving\((\w+)")


def run_case(case: Case, folder: str) -> tuple[int, list, str]:
    """Round 16's run_case, less what the setup's files account for."""
    rc, findings, printed = r16.run_case(case, folder)
    return rc, without_setup_files(findings, case.setup), printed


def without_setup_files(findings: list, setup) -> list:
    """A file the setup writes (margins ..., saving(mf1, replace), rewritten every case) is the
    setup's doing, not the line's: a file-written finding naming only such files is dropped."""
    setup_files = {name + ".dta" for name in _SAVED.findall("\n".join(setup))}
    kept = []
    for f in findings:
        named = set(re.findall(r"'([^']+)'", f.detail)) if f.kind == "file-written" else set()
        if not (named and named <= setup_files):
            kept.append(f)
    return kept


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False) -> list[Case]:
    """Round 16's walk over round 17's families (no family is checked whole)."""
    return r16.cases(seed, count, only, mutated_only, FAMILIES, set())


def run_all(case_list, verbose=False, budget=None, out=sys.stdout):
    return r16.run_all(case_list, verbose, budget, out, runner=run_case)


if __name__ == "__main__":
    sys.exit(r16.main(families=FAMILIES, whole=set(), runner=run_case))

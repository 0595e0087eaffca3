"""Round 19 of the command fuzz (docs/command_fuzz.md): round 18's families again (what merged in
the forty-first session) and what merged after them in the forty-second -- the me commands' and
gsem's maximize options (technique(), difficult, nonrtolerance, dnumerical), vce() types the
command does not know, option arguments whose case matters, mixed's toeplitz residuals,
mi impute pmm's knn() donors, graph text with SMCL and Greek, graph export .svg width()/height().

The walk, mutations, shapes and checks are round 16's (tests/fuzz_round16_programs.py); only the
families differ.

    python3 tests/fuzz_round19_lines.py [--seed 1] [--count 40] [--only memax,vce] [--mutated-only] [-v]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_round16_programs as r16  # noqa: E402
import fuzz_round18_lines as r18  # noqa: E402

_XT = "xtset g t"
_MI = "mi set wide\nmi register imputed m\nmi register regular x1 x2"

FAMILIES: dict[str, tuple[tuple[str, ...], list[str]]] = dict(r18.FAMILIES)
FAMILIES.update({
    "memax": ((), [
        "melogit b x1 || g:, technique(nr)", "melogit b x1 || g:, technique(bfgs)", "melogit b x1 || g:, technique(dfp)",
        "melogit b x1 || g:, technique(bhhh)", "melogit b x1 || g:, technique(nr 2 bfgs 3)", "melogit b x1 || g:, technique(nosuch)",
        "melogit b x1 || g:, technique()", "melogit b x1 || g:, technique(nr -1)", "melogit b x1 || g:, technique(nr 1e300)",
        "melogit b x1 || g:, difficult", "mepoisson c x1 || g:, difficult nolog", "meologit o x1 || g:, nonrtolerance",
        "melogit b x1 || g:, dnumerical", "mepoisson c x1 || g:, dnumerical difficult", "melogit b x1 || g:, iterate(2) difficult",
        "melogit b x1 || g:, tolerance(1e-300)", "melogit b x1 || g:, ltolerance(-1)", "melogit b x1 || g:, nrtolerance(abc)",
        "melogit b x1 || g:, trace", "melogit b x1 || g:, gradient", "melogit b x1 || g:, hessian", "melogit b x1 || g:, showstep",
        "melogit b x1 || g:, shownrtolerance", "melogit b x1 || g:, showtolerance", "meglm b x1 || g:, family(binomial) difficult",
        "gsem (b <- x1 M1[g]), logit difficult", "gsem (b <- x1 M1[g]), logit technique(bfgs)", "gsem (y <- x1), difficult",
        "gsem (b <- x1 M1[g]), logit dnumerical iterate(3)", "gsem (o <- x1), mlogit difficult", "mixed y x1 || g:, difficult",
        "meprobit b x1 || g:, technique(nr) nonrtolerance tolerance(1e-3)", "mestreg x1 || g:, distribution(weibull) difficult",
        "menbreg c x1 || g:, dnumerical", "xtmelogit b x1 || g:, difficult", "meqrlogit b x1 || g:, technique(bfgs)",
    ]),
    "vce": ((_XT,), [
        "regress y x1, vce(nosuch)", "regress y x1, vce()", "regress y x1, vce(ROBUST)", "regress y x1, vce(Robust)",
        "regress y x1, vce(cluster)", "regress y x1, vce(cluster nosuch)", "regress y x1, vce(cluster g g)",
        "regress y x1, vce(bootstrap, reps(2))", "regress y x1, vce(bs, reps(abc))", "regress y x1, vce(jack)",
        "logit b x1, vce(opg)", "logit b x1, vce(oim nosuch)", "mixed y x1 || g:, vce(opg)", "mixed y x1 || g:, vce(nosuch)",
        "melogit b x1 || g:, vce(hc3)", "xtreg y x1, fe vce(hc2)", "xtreg y x1, re vce(oim)", "poisson c x1, vce(CLUSTER g)",
        "glm y x1, vce(hac nwest 2)", "glm y x1, vce(hac)", "glm b x1, family(binomial) vce(eim)", "ivregress 2sls y (x1 = x2), vce(HAC)",
        "ologit o x1, vce(nosuch)", "tobit y x1, ll(0) vce(jackknife, mse)", "streg x1, vce(nosuch)", "xtlogit b x1, vce(robust)",
        "areg y x1, absorb(g) vce(hc3)", "qreg y x1, vce(robust)", "qreg y x1, vce(iid, nosuch)", "nbreg c x1, vce(r)",
        "clogit b x1, group(g) vce(oim)", "gsem (y <- x1), vce(nosuch)", "sem (y <- x1), vce(sbentler)", "heckman y x1, select(b = x2) twostep vce(robust)",
    ]),
    "argcase": ((), [
        "mixed y x1 || g:, covariance(UN)", "mixed y x1 || g:, covariance(Unstructured)", "mixed y x1 || g:, dfmethod(KROGER)",
        "mixed y x1 || g:, dfmethod(kroger)", "mixed y x1 || g:, pwscale(SIZE)", "glm y x1, family(Gaussian) link(Identity)",
        "glm c x1, family(POISSON)", "glm b x1, f(BIN) l(LOGIT)", "xtgee y x1, i(g) corr(EXCH)", "xtgee y x1, i(g) corr(Ar 1) t(t)",
        "xtgee y x1, i(g) scale(X2)", "ivregress GMM y (x1 = x2)", "ivregress 2sls y (x1 = x2), vce(Robust)",
        "gmm (y - {b0} - {b1}*x1), instruments(x1) wmatrix(Robust)", "melogit b x1 || g:, covariance(INDependent)",
        "meglm y x1 || g:, family(GAUSSIAN)", "streg x1, distribution(WEIBULL)", "mlogit f x1, baseoutcome(1) CONSTraints(1)",
        "slogit f x1, initialize(Constant)", "tsset t, DAILY", "format x1 %9.2F", "format x1 %9.2fC",
        "set cformat %9.3F", "encode s, generate(SN) label(L)",
    ]),
    "toeplitz": ((_XT,), [
        "mixed y x1 || g:, residuals(toeplitz, t(t))", "mixed y x1 || g:, residuals(toeplitz 1, t(t))",
        "mixed y x1 || g:, residuals(toeplitz 2, t(t))", "mixed y x1 || g:, residuals(toeplitz 7, t(t))",
        "mixed y x1 || g:, residuals(toeplitz 99, t(t))", "mixed y x1 || g:, residuals(toeplitz 0, t(t))",
        "mixed y x1 || g:, residuals(toeplitz -1, t(t))", "mixed y x1 || g:, residuals(toeplitz abc, t(t))",
        "mixed y x1 || g:, residuals(toeplitz 1)", "mixed y x1 || g:, residuals(toeplitz 1, t(x1))",
        "mixed y x1 || g:, residuals(toeplitz 1, t(s))", "mixed y x1 || g:, residuals(toeplitz 1, t(t) by(f))",
        "mixed y x1 || g:, residuals(toeplitz 1, t(t)) reml", "mixed y x1 || g:, residuals(toeplitz 1, t(t))\nestat recovariance",
        "mixed y x1 || g:, residuals(toeplitz 1, t(t))\npredict r, residuals", "mixed y x1 || g:, residuals(toeplitz 1, t(t)) iterate(1)",
        "mixed y x1, residuals(toeplitz 1, t(t))", "mixed y x1 || g:, residuals(toep 1, t(t))", "mixed y x1 || g:, residuals(TOEPLITZ 1, t(t))",
        "mixed y x1 || g: x1, residuals(toeplitz 2, t(t)) cov(un)", "mixed y x1 [fw=w] || g:, residuals(toeplitz 1, t(t))",
    ]),
    "pmm": ((_MI,), [
        "mi impute pmm m x1 x2, add(2) rseed(1)", "mi impute pmm m x1 x2, add(2) knn(3) rseed(1)", "mi impute pmm m x1, add(1) knn(1)",
        "mi impute pmm m x1, add(1) knn(0)", "mi impute pmm m x1, add(1) knn(-1)", "mi impute pmm m x1, add(1) knn(1e300)",
        "mi impute pmm m x1, add(1) knn(abc)", "mi impute pmm m x1, add(1) knn()", "mi impute pmm m x1, add(1) knn(2.5)",
        "mi impute pmm m x1, add(1) knn(999)", "mi impute pmm m x1 x2, add(2) knn(5) rseed(1) noisily", "mi impute pmm m, add(1) knn(2)",
        "mi impute pmm m x1 if g < 3, add(1) knn(2)", "mi impute pmm m x1 [fw=w], add(1) knn(2)", "mi impute pmm m i.f, add(1) knn(2)",
        "mi impute pmm m x1, add(1) knn(2) by(f)", "mi impute chained (pmm, knn(3)) m = x1, add(1) rseed(1)",
        "mi impute chained (pmm, knn(0)) m = x1, add(1)", "mi impute pmm m x1, replace knn(2)", "mi impute pmm m x1, add(1) knn(2) force",
    ]),
    "gtext": (("set graphics off",), [
        'scatter y x1, title("{bf:bold} {it:it}")', 'scatter y x1, title("{&alpha}{&beta} {&Sigma}")',
        'scatter y x1, title("x{sup:2} y{sub:i}")', 'scatter y x1, title("{stSerif:serif} {stMono:mono} {stSymbol:a}")',
        'scatter y x1, title("{&nosuch}")', 'scatter y x1, title("{bf:{it:{sup:{&alpha}}}}")', 'scatter y x1, title("{bf:")',
        'scatter y x1, title("$x$ {&alpha} $")', 'scatter y x1, title("{c 0xB0}C")', 'scatter y x1, title("\\$100 {sup:}")',
        'scatter y x1, xtitle("{&mu}{sub:{&alpha}}") ytitle("{it:y}{sup:2}")', 'histogram y, title("{&chi}{sup:2}")',
        'twoway line y x1, caption("{stMono:a}" "b") note("{&Delta}")', 'graph bar y, over(f) title("{bf:{&pi}}")',
        'scatter y x1, mlabel(s) title("{sup:{sup:{sup:x}}}")', 'scatter y x1, title("{&alpha}" "{&beta}" "")',
        'scatter y x1, by(f, title("{&gamma}"))', 'scatter y x1, xlabel(0 "{&alpha}" 1 "{bf:b}")',
        'scatter y x1, title("{stSans:" "x}")', 'scatter y x1, title("^_{}\\\\ % # & ~")',
    ]),
    "svg": (("set graphics off\nscatter y x1",), [
        "graph export g.svg, replace", "graph export g.svg, width(400) replace", "graph export g.svg, height(300) replace",
        "graph export g.svg, width(4in) replace", "graph export g.svg, width(400px) height(3in) replace",
        "graph export g.svg, width(0) replace", "graph export g.svg, width(-1) replace", "graph export g.svg, width(1e300) replace",
        "graph export g.svg, width(abc) replace", "graph export g.svg, width() replace", "graph export g.svg, width(4cm) replace",
        "graph export g.svg, width(2147483648) replace", "graph export g.svg, height(0.5in) replace", "graph export g.svg",
        "graph export g.svg, width(400) width(500) replace", "graph export g.png, width(400) replace",
        "graph export g.svg, width(400) as(svg) replace", "graph export g.svg, WIDTH(400) replace", "graph export out.txt, width(40) as(svg)",
        "graph export g.svg, width(99999) height(99999) replace",
    ]),
})

WHOLE = r18.WHOLE


def cases(seed: int, count: int, only: set[str] | None = None, mutated_only: bool = False):
    """Round 16's ``cases`` over these families."""
    return r16.cases(seed, count, only, mutated_only, FAMILIES, WHOLE)


if __name__ == "__main__":
    sys.exit(r16.main(families=FAMILIES, whole=WHOLE))

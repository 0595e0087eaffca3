"""Round 4 of the command fuzz (docs/command_fuzz.md): lines for the commands added in the
session of 2026-12-05 -- estat vif/hettest/ovtest/imtest/szroeter/dwatson/bgodfrey/esize and
dfbeta after regress; mean/total/ratio/proportion and ci/cii; prtest(i)/sdtest(i)/robvar/
bitest(i)/ksmirnov/median/signtest/tabi/kap; alpha/pca/factor/rotate/estat kmo/screeplot;
ivregress with estat firststage/endogenous/overid, nestreg, stepwise; zip/zinb/tpoisson/tnbreg/
truncreg/heckman/heckprob/cnsreg; inspect/xpose/stack/stem/snapshot and tabulate with aweights
and iweights; regress with an operated depvar (D.y).  Lines mix plausible and odd option values,
missing (m, z), constant (k), collinear (x1 twice, k) and string (s, sid) variables, if 0, in 1,
every weight kind, by: prefixes.  They run through tests/fuzz_commands.py's checks (``run_all``).

    python3 tests/fuzz_round4_commands.py [--seed 1] [--count 400] [--only estat,tests] [--show] [-v]
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_lines import Case  # noqa: E402,F401
from fuzz_new_commands import _opts as options_text  # noqa: E402
from fuzz_new_commands import family_cases, run_main  # noqa: E402

ODD = ["", "-1", "0", "1e300", "-1e300", "abc", "x1", ".", "(", "2147483648", "1 2", "s", "nosuch", "3.5", "z"]
NUM = ["y", "x1", "x2", "c", "t2", "w"]
BADVARS = ["m", "z", "k", "s", "sid", "nosuch", "x1 x1", "i.f", "L.y"]
WEIGHTS = ["", "", "", " [fw=w]", " [aw=w]", " [pw=w]", " [iw=w]", " [aw=x1]", " [fw=x1]", " [fw=c]",
           " [aw=z]", " [iw=k]", " [pw=t2]", " [fw=s]", " [aw=1e300]", " [fweight=b]"]
CONDS = ["", "", "", " if 0", " in 1", " if x1 > 0", " in 1/3", " if b", " if s == \"a\"", " in 41",
         " if m < .", " if y > 1e300"]
PREFIXES = ["", "", "", "", "by f, sort: ", "bysort b: ", "quietly ", "capture noisily "]


def _pick(rng, tame, odd, p=0.25):
    return rng.choice(odd) if rng.random() < p else rng.choice(tame)


def _vars(rng, k=2, p=0.2):
    return " ".join(_pick(rng, NUM, BADVARS, p) for _ in range(rng.randint(1, k)))


def _opts(rng, options, most=3):
    return options_text(rng, options, most, ODD, 0.25)


def _tail(rng):
    return rng.choice(CONDS) + rng.choice(WEIGHTS)


# ------------------------------------------------------------------ estat after regress, dfbeta
ESTATS = ["estat vif", "estat vif, uncentered", "estat hettest", "estat hettest x1", "estat hettest, rhs",
          "estat hettest, iid", "estat hettest, fstat", "estat hettest, mtest", "estat hettest, mtest(bonferroni)",
          "estat hettest, rhs mtest(sidak)", "estat hettest s", "estat hettest z", "estat ovtest",
          "estat ovtest, rhs", "estat imtest", "estat imtest, white", "estat imtest, preserve",
          "estat szroeter x1", "estat szroeter, rhs", "estat szroeter, rhs mtest(holm)", "estat szroeter",
          "estat szroeter s", "estat dwatson", "estat bgodfrey", "estat bgodfrey, lags(1 2)",
          "estat bgodfrey, lags(0)", "estat bgodfrey, lags(-1)", "estat bgodfrey, nomiss0 small",
          "estat durbinalt", "estat esize", "estat esize, omega", "estat esize, level(90)",
          "estat esize, level(1e300)", "dfbeta", "dfbeta x1", "dfbeta, stub(db)", "dfbeta(x1)",
          "dfbeta s", "dfbeta, stub(y)", "dfbeta x1, stub(1bad)", "estat vif, nosuch"]
REG_FITS = ["regress y x1 x2", "regress y x1", "regress y x1 x1", "regress y x1 k", "regress y x1 i.f",
            "regress y", "regress y x1, noconstant", "regress y x1, robust", "anova y f", "anova y f b",
            "regress y x1 if 0", "regress c x1 x2", "logit b x1", "regress y x1 [aw=w]", "regress y x1 [pw=w]",
            "regress y x1 [fw=w]", "regress y x1 in 1/3", "regress y x2 m", "regress D.y x1", "regress y L.x1"]


def _estat(rng):
    fit = rng.choice(REG_FITS) + rng.choice(["", "", "", " if b", " in 1/10"])
    timed = "D." in fit or "L." in fit or rng.random() < 0.4  # dwatson and bgodfrey need tsset data
    setup = (["generate sid2 = _n", "tsset sid2"] if timed else []) + [fit]
    line = _pick(rng, ESTATS, ["estat " + rng.choice(["vif", "hettest", "szroeter", "bgodfrey", "esize"])
                               + _opts(rng, ["lags(3)", "mtest", "rhs", "white", "level(80)", "uncentered"])])
    if rng.random() < 0.1:
        setup = []
    return setup, line


# ------------------------------------------------------------------ mean/total/ratio/proportion, ci/cii
SUMMARY_OPTIONS = ["over(f)", "over(f b)", "over(s)", "over(z)", "level(90)", "level(abc)", "vce(robust)",
                   "vce(cluster g)", "vce(cluster s)", "vce(bootstrap)", "vce(jackknife)", "noheader",
                   "coeflegend", "missing", "percent", "nolabel", "citype(logit)", "citype(wald)", "over(f, nolabel)",
                   "vce(nosuch)", "nosuch"]
CI_OPTIONS = ["level(90)", "level(1e300)", "binomial", "poisson", "exposure(t2)", "exact", "wilson", "agresti",
              "jeffreys", "wald", "total", "separator(2)", "by(f)", "exposure(s)", "level(0)", "poisson exposure(x1)"]
CII = ["cii 10 1 2", "cii 1 1 2", "cii 0 1 2", "cii 10 5 -1", "cii 10 1e300 1", "cii 10 3", "cii 10 12",
       "cii 10 3, poisson", "cii 10 0, exact", "cii 10 10, wilson", "cii 1e300 3", "cii abc 3", "cii 10",
       "cii 10 3, agresti level(90)", "cii 10 1 2, level(-1)", "cii 10.5 3", "cii means 10 1 2",
       "cii proportions 10 3", "cii variances 10 2", "cii 10 3, jeffreys", "cii 10 1 2 3", "cii 0 0"]


def _means(rng):
    cmd = rng.choice(["mean", "mean", "total", "ratio", "proportion", "ci", "ci", "cii"])
    if cmd == "cii":
        return [], _pick(rng, CII, ["cii " + " ".join(rng.choice(ODD) for _ in range(3))], 0.2)
    if cmd == "ratio":
        vs = rng.choice(["y/x1", "(y/x1)", "(r1: y/t2) (r2: c/t2)", "y/z", "y/k", "s/y", "y", "(y/x1", "y/t2 c/t2"])
    elif cmd == "proportion":
        vs = _pick(rng, ["f", "f b", "o", "b"], ["y", "s", "z", "k", "nosuch", "sid"])
    else:
        vs = _vars(rng, 3)
    opts = CI_OPTIONS if cmd == "ci" else SUMMARY_OPTIONS
    line = f"{rng.choice(PREFIXES)}{cmd} {vs}{_tail(rng)}{_opts(rng, opts, 2)}"
    setup = []
    if rng.random() < 0.25 and cmd != "ci":
        setup = [line.split(": ")[-1].replace("capture noisily ", "").replace("quietly ", "")]
        line = rng.choice(["estat vce", "test y", "lincom y", "margins", "predict nv", "mean", "total",
                           "ratio", "proportion", "estimates replay", "estat sd"])
    return setup, line


# ------------------------------------------------------------------ tests
TESTS = ["prtest b == 0.5", "prtest b == 1.5", "prtest b, by(f)", "prtest b, by(o)", "prtest b == x1",
         "prtest b == f", "prtest y == 0.5", "prtest s == .5", "prtest b, by(s)",
         "prtesti 10 .3 .5", "prtesti 10 .3 12 .4", "prtesti 10 1.3 .5", "prtesti 0 .3 .5", "prtesti 10 .3 .5, count",
         "prtesti 10 4 .5, count", "prtesti 10 4.5 .5, count", "prtesti 1e300 .3 .5",
         "sdtest y == 1", "sdtest y == 0", "sdtest y == -1", "sdtest y == x1", "sdtest y, by(b)", "sdtest y, by(f)",
         "sdtest k == 1", "sdtest z == 1", "sdtesti 10 . 1 2", "sdtesti 10 1 1 2", "sdtesti 1 . 1 2",
         "sdtesti 10 . 0 2", "sdtesti 10 . 1 2 12 . 2", "sdtesti 10 . 1 0", "sdtesti 10 . 1e300 1",
         "robvar y, by(b)", "robvar y, by(f)", "robvar y, by(s)", "robvar k, by(b)", "robvar y, by(sid)",
         "robvar y", "bitest b == .5", "bitest b == 0", "bitest b == 1", "bitest b == 1.5", "bitest y == .5",
         "bitest b == .5, detail", "bitesti 10 3 .5", "bitesti 10 11 .5", "bitesti 10 3 0", "bitesti 0 0 .5",
         "bitesti 10 3 .5, detail", "bitesti 10.5 3 .5", "bitesti 1e300 3 .5", "ksmirnov y, by(b)",
         "ksmirnov y, by(f)", "ksmirnov y = normal((y-1)/1)", "ksmirnov y, by(b) exact", "ksmirnov s, by(b)",
         "ksmirnov k, by(b)", "ksmirnov y = 1e300", "median y, by(b)", "median y, by(f) exact",
         "median y, by(b) medianties(above)", "median y, by(b) medianties(split)", "median y, by(b) medianties(x)",
         "median y, by(s)", "median k, by(b)", "signtest y = 0", "signtest y = x1", "signtest y = k",
         "signtest y = s", "signtest k = 3", "tabi 10 20 \\ 30 40", "tabi 10 20 \\ 30 40, chi2 exact",
         "tabi 10 20 \\ 30", "tabi 0 0 \\ 0 0", "tabi -1 2 \\ 3 4", "tabi 1.5 2 \\ 3 4", "tabi 1e300 2 \\ 3 4",
         "tabi 10 20 \\ 30 40, replace", "tabi 10 20, all", "tabi a b \\ c d", "tabi 10 20 \\ 30 40, row col lrchi2",
         "kap b f", "kap o f", "kap o f, tab", "kap b b", "kap k k", "kap s b", "kap b o f", "kap b o f, wgt(w2)",
         "kap o f, wgt(w)", "kap o f, wgt(nosuch)", "kap o f, absolute", "kap y x1"]


def _tests(rng):
    line = rng.choice(TESTS)
    if rng.random() < 0.5 and not line.split()[0].endswith("i") and line.split()[0] != "tabi":
        parts = line.split(",", 1)
        line = parts[0] + rng.choice(CONDS) + (rng.choice(["", "", " [fw=w]", " [aw=w]", " [fw=x1]"])
                                               if parts[0].startswith(("tabi", "kap", "prtest", "sdtest")) else "") \
            + ("," + parts[1] if len(parts) > 1 else "")
    if rng.random() < 0.2:
        line += (", " if "," not in line else " ") + rng.choice(["level(90)", "level(abc)", "nosuch", "level(1e300)"])
    return [], rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ alpha, pca, factor, rotate
MV = ["alpha y x1 x2", "alpha y x1 x2, item", "alpha y x1 x2, std", "alpha y x1 x2, gen(nv)",
      "alpha y x1 x2, gen(y)", "alpha y x1 x2, asis", "alpha y x1 x2, reverse(x1)", "alpha y x1 x2, min(3)",
      "alpha y x1 x2, casewise", "alpha y x1 x2, label detail", "alpha y", "alpha y y", "alpha y k", "alpha y s",
      "alpha y x1 m", "pca y x1 x2", "pca y x1 x2, components(1)", "pca y x1 x2, mineigen(1)",
      "pca y x1 x2, covariance", "pca y x1 x2, vce(normal)", "pca y x1 x1", "pca y x1 k", "pca y", "pca y x1 z",
      "pca y s", "pca y x1 x2, components(0)", "pca y x1 x2, components(-1)", "pca y x1 x2, means",
      "factor y x1 x2 c", "factor y x1 x2 c, pcf", "factor y x1 x2 c, ipf", "factor y x1 x2 c, ml",
      "factor y x1 x2 c, factors(1)", "factor y x1 x2 c, factors(0)", "factor y x1 x2 c, mineigen(0.5)",
      "factor y x1 x1 c", "factor y x1 k", "factor y", "factor y x1 x2 c, pf citerate(-1)",
      "factor y x1 x2 c, blanks(0.3)", "factor y x1 x2 c, altdivisor"]
MV_POST = ["rotate", "rotate, varimax", "rotate, promax", "rotate, promax(3)", "rotate, promax(-1)",
           "rotate, oblimin", "rotate, quartimax", "rotate, factors(1)", "rotate, factors(9)", "rotate, clear",
           "rotate, normalize", "rotate, blanks(0.4)", "rotate, nosuch", "estat kmo", "estat kmo, novar",
           "estat loadings", "estat smc", "estat anti", "estat summarize", "estat common", "screeplot",
           "screeplot, mean", "screeplot, ci", "screeplot, neigen(1)", "screeplot, neigen(-1)", "predict nv",
           "predict f1 f2", "predict nv, bartlett", "predict y", "scoreplot", "loadingplot"]


def _multivariate(rng):
    fit, _, options = rng.choice(MV).partition(", ")
    fit += (rng.choice(CONDS) if rng.random() < 0.7 else "") + (rng.choice(WEIGHTS[:8]) if rng.random() < 0.2 else "")
    fit += f", {options}" if options else ""
    if rng.random() < 0.5:
        return [], rng.choice(PREFIXES[:6]) + fit
    return [fit], rng.choice(MV_POST)


# ------------------------------------------------------------------ ivregress, nestreg, stepwise
IV = ["ivregress 2sls y (x1 = x2 c)", "ivregress 2sls y (x1 = x2)", "ivregress liml y (x1 = x2 c)",
      "ivregress gmm y (x1 = x2 c)", "ivregress 2sls y t2 (x1 = x2 c)", "ivregress 2sls y (x1 = x1)",
      "ivregress 2sls y (x1 = k)", "ivregress 2sls y (x1 = z)", "ivregress 2sls y (x1 = s)",
      "ivregress 2sls y (x1 x2 = c)", "ivregress 2sls y (x1 = x2 c), first", "ivregress 2sls y (x1 = x2 c), small",
      "ivregress 2sls y (x1 = x2 c), vce(robust)", "ivregress 2sls y (x1 = x2 c), vce(cluster g)",
      "ivregress gmm y (x1 = x2 c), wmatrix(cluster g)", "ivregress gmm y (x1 = x2 c), wmatrix(hac bartlett 2)",
      "ivregress 2sls y (x1 = x2 c), noconstant", "ivregress 2sls y (x1 = x2 c), level(90)",
      "ivregress 3sls y (x1 = x2)", "ivregress 2sls y x1", "ivregress 2sls y (x1 = )", "ivregress 2sls y (= x2)",
      "ivregress 2sls y (x1 = x2", "ivregress 2sls y i.f (x1 = x2 c)", "ivregress liml y (x1 = x2 c), kappa(-1)"]
IV_POST = ["estat firststage", "estat firststage, all", "estat firststage, forcenonrobust", "estat endogenous",
           "estat endogenous x1", "estat endogenous x2", "estat endogenous, lags(2)", "estat overid",
           "estat overid, forceweights", "estat overid, lags(-1)", "predict nv", "predict nv, residuals", "margins"]
NEST = ["nestreg: regress y (x1) (x2 c)", "nestreg: regress y x1 x2", "nestreg: regress y (x1) (x1)",
        "nestreg: regress y (x1) (k)", "nestreg: regress y (x1) (s)", "nestreg: logit b (x1) (x2)",
        "nestreg, waldtable: regress y (x1) (x2)", "nestreg, lrtable: regress y (x1) (x2)",
        "nestreg, lrtable: regress y (x1) (x2) [pw=w]", "nestreg, store(m): regress y (x1) (x2)",
        "nestreg: regress y (x1) (x2) if 0", "nestreg: regress y (x1) (x2) [fw=w]", "nestreg: regress y (i.f) (x2)",
        "nestreg: regress y (x1) (x2), robust", "nestreg: nosuch y (x1)", "nestreg: regress y", "nestreg:",
        "nestreg, nosuch: regress y (x1)", "nestreg: regress y (x1) (z)"]
STEP = ["stepwise, pr(.2): regress y x1 x2 c", "stepwise, pe(.2): regress y x1 x2 c",
        "stepwise, pr(.2) pe(.1): regress y x1 x2 c", "stepwise, pr(.2) pe(.3): regress y x1 x2 c",
        "stepwise, pr(.2) hierarchical: regress y x1 x2 c", "stepwise, pr(.2) lockterm1: regress y x1 x2 c",
        "stepwise, pr(.2): regress y (x1 x2) c", "stepwise, pr(.2): logit b x1 x2", "stepwise, pr(.2) lr: logit b x1 x2",
        "stepwise, pr(-1): regress y x1", "stepwise, pr(2): regress y x1", "stepwise, pr(abc): regress y x1",
        "stepwise: regress y x1", "stepwise, pr(.2): regress y x1 x1", "stepwise, pr(.2): regress y x1 k",
        "stepwise, pr(.2): regress y x1 s", "stepwise, pr(.2): regress y x1 i.f", "stepwise, pe(.2) forward: regress y x1 x2",
        "stepwise, pr(.2): regress y x1 x2 [aw=w]", "stepwise, pr(.2): regress y x1 x2 if 0", "stepwise, pr(.2): nosuch y x1"]


def _models(rng):
    kind = rng.choice(["iv", "iv", "nest", "step"])
    if kind == "iv":
        fit = rng.choice(IV)
        fit = fit.replace(")", ")" + rng.choice(CONDS) + rng.choice(WEIGHTS[:8]), 1) if rng.random() < 0.3 else fit
        if rng.random() < 0.5:
            return [], fit
        return [fit], rng.choice(IV_POST)
    return [], rng.choice(NEST if kind == "nest" else STEP)


# ------------------------------------------------------------------ count, truncated, selection, constrained
COUNT = ["zip c x1, inflate(x2)", "zip c x1, inflate(_cons)", "zip c x1, inflate(x1) vuong", "zip c x1, inflate(x2) irr",
         "zip c x1, inflate(x2) probit", "zip c x1, inflate(s)", "zip c x1", "zip y x1, inflate(x2)", "zip c x1, inflate(k)",
         "zip c x1, inflate(x2) exposure(t2)", "zip c x1, inflate(x2) offset(x2)", "zip c x1, inflate(x2) exposure(x1)",
         "zinb c x1, inflate(x2)", "zinb c x1, inflate(_cons) zip", "zinb c x1, inflate(x2) irr",
         "tpoisson c x1", "tpoisson c x1, ll(1)", "tpoisson c x1, ll(-1)", "tpoisson c x1, ll(1e300)", "tpoisson c x1, ll(x1)",
         "tpoisson c x1, ul(3)", "tpoisson y x1", "tpoisson c x1, irr", "tnbreg c x1", "tnbreg c x1, ll(1)",
         "tnbreg c x1, dispersion(constant)", "tnbreg c x1, dispersion(x)", "truncreg y x1, ll(0)", "truncreg y x1, ul(1)",
         "truncreg y x1, ll(0) ul(1)", "truncreg y x1, ll(1) ul(0)", "truncreg y x1", "truncreg y x1, ll(x2)",
         "truncreg y x1, ll(1e300)", "truncreg y x1, ll(s)", "heckman y x1, select(b = x2)", "heckman y x1, select(x2 c)",
         "heckman y x1, select(b = x2) twostep", "heckman y x1, select(b = x2) twostep rhosigma",
         "heckman y x1, select(b = k)", "heckman y x1, select(b = s)", "heckman y x1, select(b = )", "heckman y x1",
         "heckman y x1, select(b = x2) vce(robust)", "heckman y x1, select(b = x2) nshazard(nv)",
         "heckman y x1, select(b = x2) mills(y)", "heckprob b x1, select(o = x2)", "heckprob b x1, select(x2 c)",
         "heckprob b x1, select(b = x2)", "heckprob y x1, select(b = x2)", "cnsreg y x1 x2, constraints(1)",
         "cnsreg y x1 x2, constraints(1 2)", "cnsreg y x1 x2, constraints(9)", "cnsreg y x1 x2, constraints(abc)",
         "cnsreg y x1 x2", "cnsreg y x1 x2, constraints(1) collinear", "cnsreg y x1 x1, constraints(1)",
         "cnsreg y x1 x2, constraints(3)", "cnsreg y x1 x2, constraints(1) robust"]
COUNT_POST = ["predict nv", "predict nv, pr", "predict nv, n", "predict nv, ir", "predict nv, ycond", "predict nv, mills",
              "predict nv, psel", "predict nv, e(0, .)", "predict nv, pr(0)", "predict nv, pr(0, 1e300)",
              "predict nv, cm", "predict nv, xbsel", "predict nv, e(1, 0)", "test x1", "lincom x1",
              "estat ic", "estat summarize", "margins", "estimates replay", "nbreg", "estat vce"]


def _counts(rng):
    setup = ["constraint 1 x1 = x2", "constraint 2 x1 = 1", "constraint 3 _cons = 1e300"]
    fit = rng.choice(COUNT)
    if rng.random() < 0.35:
        pos = fit.find(",")
        add = rng.choice(CONDS) + rng.choice(WEIGHTS[:9])
        fit = fit + add if pos < 0 else fit[:pos] + add + fit[pos:]
    if rng.random() < 0.5:
        return setup, rng.choice(PREFIXES[:6]) + fit
    return setup + [fit], rng.choice(COUNT_POST)


# ------------------------------------------------------------------ inspect, xpose, stack, stem, snapshot, tabulate
DATA = ["inspect", "inspect y", "inspect s", "inspect z k m", "inspect y if 0", "inspect y in 1", "inspect nosuch",
        "xpose, clear", "xpose, clear varname", "xpose, clear format", "xpose, clear promote", "xpose", "xpose, varname",
        "xpose, clear format(%9.2f)", "xpose, clear nosuch", "stack y x1 x2 c, into(a b)", "stack y x1 x2 c, into(a b) clear",
        "stack y x1 x2 c, into(a) clear", "stack y x1 x2, into(a b) clear", "stack y x1 x2 c, group(2) clear",
        "stack y x1 x2 c, group(3) clear", "stack y x1 x2 c, group(0) clear", "stack y x1 s sid, into(a b) clear",
        "stack y x1 x2 c, into(y x1) clear", "stack y x1 x2 c, into(a b) clear wide", "stack y x1, into(a) clear nosuch",
        "stem y", "stem y, lines(2)", "stem y, lines(0)", "stem y, lines(-1)", "stem y, digits(2)", "stem y, digits(0)",
        "stem y, round(0.1)", "stem y, round(-1)", "stem y, round(1e300)", "stem y, prune", "stem y, truncate(1)",
        "stem s", "stem k", "stem z", "stem y if 0", "stem y in 1", "stem c, width(2)", "stem c, width(-3)",
        "snapshot save", "snapshot save, label(\"a\")", "snapshot list", "snapshot list 1", "snapshot restore 1",
        "snapshot restore 9", "snapshot erase 1", "snapshot erase _all", "snapshot label 1 \"x\"", "snapshot restore",
        "snapshot restore abc", "snapshot nosuch", "snapshot erase 1/3", "snapshot restore -1",
        "tabulate f [aw=w]", "tabulate f [iw=w]", "tabulate f b [aw=w]", "tabulate f b [iw=x1]", "tabulate f [iw=x1]",
        "tabulate f [aw=x1]", "tabulate f [iw=z]", "tabulate f [aw=k]", "tabulate f b [iw=w], chi2",
        "tabulate f b [aw=w], chi2 lrchi2 exact", "tabulate f b [aw=w], V gamma taub", "tabulate f [iw=1e300]",
        "tabulate f [aw=w], summarize(y)", "tabulate f b [iw=w], row col cell expected", "tabulate s [aw=w]",
        "tab1 f b [aw=w]", "tab2 f b o [iw=w]", "tabulate f [iw=w], missing sort", "tabulate f [aw=w] if 0",
        "tabulate f [iw=-1]", "tabulate f b [iw=w], all", "tabulate f [aw=w], generate(d)"]


def _data(rng):
    line = rng.choice(DATA)
    setup = []
    if line.startswith("snapshot") and rng.random() < 0.6:
        setup = ["snapshot save"] + (["replace y = 0", "snapshot save, label(second)"] if rng.random() < 0.5 else [])
    if line.startswith(("inspect", "stem", "tabulate", "tab1")) and rng.random() < 0.25:
        line = rng.choice(["by f, sort: ", "bysort b: "]) + line
    return setup, line


# ------------------------------------------------------------------ regress with operated depvars
OPERATED = ["regress D.y x1", "regress D.y L.x1", "regress L.y x1", "regress D2.y x1", "regress S.y x1",
            "regress F.y x1", "regress LD.y x1", "regress D.y x1 if 0", "regress D.y x1 in 1", "regress D.y x1 [aw=w]",
            "regress D.y x1 [fw=w]", "regress D.y D.y", "regress D.y y", "regress D.s x1", "regress D.k x1",
            "regress D.y x1, robust", "regress L(0/1).y x1", "regress D.y x1, noconstant", "regress L99.y x1",
            "regress D.z x1", "regress D.y x1, beta", "regress D.y i.f"]
OPERATED_POST = ["predict nv", "predict nv, residuals", "estat vif", "estat dwatson", "estat bgodfrey", "estat hettest",
                 "margins", "test x1", "estat ovtest", "dfbeta", "predict nv, stdp", "estat esize"]


def _operated(rng):
    setup = [rng.choice(["tsset t2", "xtset g t", "xtset g t", "generate tt = _n", "generate tt = _n"])]
    if setup[0].startswith("generate"):
        setup.append("tsset tt")
    if rng.random() < 0.2:
        setup = []
    line = rng.choice(OPERATED)
    if rng.random() < 0.4:
        return setup + [line], rng.choice(OPERATED_POST)
    return setup, line


FAMILIES = {"estat": (_estat, 3), "means": (_means, 3), "tests": (_tests, 4), "mv": (_multivariate, 3),
            "iv": (_models, 3), "count": (_counts, 3), "data": (_data, 3), "operated": (_operated, 2)}
ROUND4_SHAPES = {"full": 10, "one": 2, "empty": 2, "holes": 2, "strings": 1, "allmiss": 1, "extmiss": 1,
                 "magnitudes": 1, "huge": 2, "longnames": 1}


def round4_cases(seed: int, count: int, only: set[str] | None = None) -> list[Case]:
    """``count`` cases, each from one family (weights above), deterministic for the seed."""
    return family_cases("round4", FAMILIES, ROUND4_SHAPES, seed, count, only)


def main(argv=None) -> int:
    return run_main(__doc__.split("\n\n")[0], round4_cases, argv)


if __name__ == "__main__":
    sys.exit(main())

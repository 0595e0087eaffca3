"""Round 3 of the command fuzz (docs/command_fuzz.md): lines for the commands of the sessions
before it, each with the setup it needs so that most lines reach the engines -- svyset and
svy: (mean, total, ratio, proportion, regress, logit, tabulate, ...), svydescribe, estat
effects/svyset, coefplot, suest, unique, mdesc, the extended macro functions (`: piece`,
`: copy`, `: permname`, `: dir`, `: sortedby`, `: constraint` ...), set fvwrap/fvlabel/
showbaselevels, and margins vce(unconditional) after mixed/me -- with random options, bad
inputs, strings where numbers go, and huge or tiny numbers.  The cases run through
tests/fuzz_commands.py's checks (``run_all``) on every data shape of tests/fuzz_command_data.py,
plus ``huge`` (y near Stata's largest double).

    python3 tests/fuzz_new_commands.py [--seed 1] [--count 400] [--show] [-v]
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import SHAPES  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402

ODD = ["", "-1", "0", "1e300", "-1e300", "8.98e307", "1e-300", "abc", "x1", ".", "(", "\"\"", "2147483648",
       "1 2", "_all", "`", "i.f", "s", "nosuch", "3.5"]
VARS = ["y", "x1", "x2", "c", "b", "f", "g", "o", "m", "z", "k", "t2", "s", "sid", "nosuch"]
NUMERIC = ["y", "x1", "x2", "c", "t2", "m", "z", "k"]


def _pick(rng: random.Random, tame: list[str], odd: list[str] = ODD, p_odd: float = 0.25) -> str:
    return rng.choice(odd) if rng.random() < p_odd else rng.choice(tame)


def _opts(rng: random.Random, options: list[str], most: int = 3, odd: list[str] = ODD, p_odd: float = 0.2) -> str:
    """0 to ``most`` of the options, an argument sometimes (``p_odd``) replaced by an odd one."""
    out = []
    for _ in range(rng.randrange(most + 1)):
        text = rng.choice(options)
        if "(" in text and rng.random() < p_odd:
            text = text[:text.index("(")] + f"({rng.choice(odd)})"
        out.append(text)
    return (", " + " ".join(out)) if out else ""


# ------------------------------------------------------------------ svy
SVYSETS = ["svyset g [pw=w], strata(f)", "svyset g [pw=w]", "svyset _n", "svyset g", "svyset",
           "svyset g [pw=w], strata(f) fpc(k)", "svyset g [pw=w], singleunit(certainty)",
           "svyset g [pw=w], strata(b) singleunit(centered)", "svyset sid [pw=w]", "svyset g [iw=w]",
           "svyset g [pw=x1]", "svyset g [pw=z]", "svyset s", "svyset g [pw=w] || sid", "svyset g, fpc(t2)",
           "svyset g [pw=w], singleunit(scaled) strata(o)"]
SVY_COMMANDS = ["mean y", "mean y x1", "mean y, over(f)", "total c", "total y, over(b)", "ratio (y/x1)",
                "ratio y/t2", "ratio (r1: y/x1) (r2: c/t2)", "proportion f", "proportion f b", "proportion s",
                "regress y x1", "regress y x1 i.f", "regress y, noconstant", "logit b x1", "logit b i.f, or",
                "logistic b x1", "probit b x1", "poisson c x1", "poisson c x1, irr", "nbreg c x1",
                "ologit o x1", "oprobit o x1", "mlogit o x1", "cloglog b x1", "tabulate f",
                "tabulate f b", "tabulate f b, row", "tabulate f b, column ci", "tabulate s", "tabulate f, count",
                "mean s", "mean z", "regress y z", "logit b k", "mean y x1, over(f g)", "glm y x1",
                "tobit y x1", "regress y x1, robust", "mean y [pw=w]", "regress y x1 if 0", "mean y in 1",
                "mean 1e300", "total y, over(s)", "proportion y", "ratio y", "mean"]
SVY_OPTIONS = ["subpop(b)", "subpop(if x1 > 0)", "subpop(b if f == 1)", "level(90)", "level(99.9)",
               "subpop(s)", "subpop(z)", "subpop(nosuch)", "level(5)", "noheader notable", "brr",
               "vce(bootstrap)", "subpop()"]
SVY_POST = ["svy", "svy, level(90)", "estat effects", "estat svyset", "estat effects, deff", "test x1",
            "test _b[x1] = 1e300", "lincom x1", "lincom x1 - 1e307", "margins", "margins, dydx(x1)",
            "predict nv", "predict nv, xb", "estimates replay", "ereturn list", "svydescribe",
            "svydescribe if x1 > 0", "svydescribe in 1/3", "estat effects, nosuch", "coefplot"]


def _svy(rng):
    setup = [rng.choice(SVYSETS[:8]) if rng.random() < 0.8 else rng.choice(SVYSETS)]
    command = _pick(rng, SVY_COMMANDS, ["mean " + rng.choice(ODD), "regress y " + rng.choice(ODD)], 0.1)
    prefix = "svy" + (" linearized" if rng.random() < 0.2 else "") + _opts(rng, SVY_OPTIONS, 2)
    line = f"{prefix}: {command}"
    if rng.random() < 0.4:
        setup.append(line.replace("svy ,", "svy,"))
        line = rng.choice(SVY_POST)
    if rng.random() < 0.15:
        line = rng.choice(["svydescribe", "svydescribe if b", "svydescribe in 1", "svydescribe x1",
                           "svydescribe, stage(1)", "estat svyset", "svyset, clear", rng.choice(SVYSETS)])
    return setup, line


# ------------------------------------------------------------------ coefplot and suest
FITS = ["regress y x1", "regress y x1 i.f", "logit b x1", "mixed y x1 || g:", "poisson c x1", "probit b x1",
        "regress c x2", "ologit o x1", "melogit b x1 || g:", "mlogit o x1", "tobit y x1, ll(0)",
        "regress y x1 [aw=w]", "logit b x1 [pw=w]", "regress y x1, vce(cluster g)", "streg x1, dist(weibull)",
        "clogit b x1, group(g)", "xtreg y x1, fe", "regress y k", "regress y z"]
COEFPLOT_OPTIONS = ["keep(x1)", "drop(_cons)", "levels(99 95)", "levels(-1)", "noci", "eform", "vertical",
                    "horizontal", "rename(x1 = a)", "order(_cons x1)", "coeflabels(x1 = \"A\")", "offset(0.1)",
                    "offset(abc)", "xline(0)", "recast(bar)", "ciopts(recast(rcap))", "cirecast(rarea)",
                    "mlabel", "baselevels", "omitted", "by(f)", "label(\"x\")", "nokey", "citop", "cionly",
                    "p1(label(a))", "msymbol(d)", "grid(between)", "byopts(rows(1))", "bylabel(x)",
                    "format(%9.2f)", "title(t)", "levels(1e300)"]
SUEST_OPTIONS = ["vce(robust)", "vce(cluster g)", "cluster(f)", "regressml", "minus(2)", "minus(-1)",
                 "minus(1e300)", "level(90)", "dir", "eform(OR)", "vce(cluster s)", "vce(cluster z)",
                 "vce(bootstrap)", "coeflegend", "nosuch"]


def _models(rng):
    setup = []
    for name in ("m1", "m2"):
        if rng.random() < 0.85:
            setup += [rng.choice(FITS), f"estimates store {name}"]
    if any(f.startswith(("xtreg",)) for f in setup):
        setup.insert(0, "xtset g t")
    if any(f.startswith("streg") for f in setup):
        setup.insert(0, "stset t2, failure(b)")
    if rng.random() < 0.4:
        setup.append(rng.choice(FITS))
    return setup


def _coefplot(rng):
    setup = _models(rng)
    plots = rng.choice(["", "m1", "m1 m2", "m1 || m2", "(m1) (m2)", "(m1, label(a)) (m2, offset(.2))", ".",
                        "_all", "m*", "nosuch", "(m1, keep(nosuch))", "m1, bylabel(A) || m2", "(", "m1 \\ m2"])
    return setup, f"coefplot {plots}{_opts(rng, COEFPLOT_OPTIONS, 3)}".strip()


def _suest(rng):
    setup = _models(rng)
    names = rng.choice(["m1 m2", "m1", "m1 .", "_all", "m*", "nosuch", "m1 m1", "", ". m2", "m1 m2 m3"])
    line = f"suest {names}{_opts(rng, SUEST_OPTIONS, 2)}".strip()
    if rng.random() < 0.3:
        setup.append(line)
        line = rng.choice(["suest", "suest, level(80)", "test [m1_mean]x1", "lincom [m1_mean]x1 - [m2_mean]x1",
                           "estat vce", "suest, eform(x)", "predict nv, equation(#1)", "margins"])
    return setup, line


# ------------------------------------------------------------------ unique, mdesc
def _unique(rng):
    vs = " ".join(rng.sample(VARS, rng.choice([1, 1, 2, 3])))
    opts = _opts(rng, ["by(f)", "by(s)", "by(g) generate(nv)", "generate(nv)", "detail", "by(z)", "by(f g)",
                       "generate(y)", "by(nosuch)", "gen(_Unique)", "detail by(b)"], 2)
    prefix = rng.choice(["", "", "", "by f, sort: ", "bysort g: "])
    cond = rng.choice(["", "", " if x1 > 0", " if 0", " in 1/3", " if s == \"a\""])
    return [], f"{prefix}unique {vs}{cond}{opts}"


def _mdesc(rng):
    vs = rng.choice(["", "y", "y x1 m z", "s sid", "_all", "m-z", "nosuch", "y*", "i.f", "`v'"])
    opts = _opts(rng, ["abbreviate(5)", "abbreviate(0)", "abbreviate(40)", "abbreviate(abc)", "any", "all",
                       "none", "any all", "abbreviate(1e300)"], 2)
    prefix = rng.choice(["", "", "", "by f, sort: ", "bysort g: ", "quietly "])
    cond = rng.choice(["", "", " if x1 > 0", " if 0", " in 1/3", " in 41"])
    return [], f"{prefix}mdesc {vs}{cond}{opts}".replace("  ", " ")


# ------------------------------------------------------------------ extended macro functions
MACRO_FUNCTIONS = [
    "piece 1 10 of \"the quick brown fox\"", "piece 2 3 of \"abcdefg\"", "piece 0 10 of \"abc\"",
    "piece -1 5 of \"abc\"", "piece 1 0 of \"abc\"", "piece 1 10 of \"\"", "piece 1e300 2 of \"ab\"",
    "piece 1 10 of \"a b\", nobreak", "piece a 10 of \"abc\"", "piece 1 10 \"abc\"",
    "copy local q", "copy global G", "copy local nosuch", "copy x1", "copy local",
    "permname y", "permname nv", "permname y, length(3)", "permname y, length(40)", "permname 1bad",
    "permname " + "a" * 40, "permname y, length(abc)", "permname",
    "dir . files \"*\"", "dir . files \"*.dta\"", "dir . dirs \"*\"", "dir \"nosuch\" files \"*\"",
    "dir . other \"*\"", "dir . files \"*\", respectcase", "dir . nosuch \"*\"", "dir",
    "sortedby", "data label", "constraint 1", "constraint dir", "constraint 999", "constraint abc",
    "constraint", "environment PATH", "environment", "e(scalars)", "e(macros)", "r(scalars)", "s(macros)",
    "all globals", "all globals \"G*\"", "all scalars", "all matrices", "all locals",
    "strlen local q", "ustrlen global G", "udstrlen local nosuch", "subinstr local v \"x\" \"z\", count(local n)",
    "subinstr local v \"x\" \"z\", word", "word count `v'", "word 1e300 of `v'", "word -1 of a b",
    "adosubdir \"x.ado\"", "adosubdir", "variable label y", "value label f", "type s", "format nosuch",
    "char y[note1]", "char _dta[]", "list sizeof v", "display %9.2f 1e307", "display 8.98e307*2",
    "rownames nosuch", "colfullnames A", "piece 1 10 of `\"a \"b\" c\"'", "nosuch function"]


def _macros(rng):
    setup = ['local v "x1 x2"', "global G y", 'local q `"a "b" c"\'', "local n 3", "matrix A = (1, 2)"]
    if rng.random() < 0.3:
        setup += ["constraint 1 x1 = 1", "sort x1", "label data \"a label\""]
    if rng.random() < 0.2:
        setup.append(rng.choice(FITS))
    target = rng.choice(["local", "local", "global"])
    name = rng.choice(["a", "a", "_b", "nv", "1bad", ""])
    fn = _pick(rng, MACRO_FUNCTIONS, ["piece " + rng.choice(ODD) + " 2 of \"x\"", "permname " + rng.choice(ODD)],
               0.15)
    line = f"{target} {name} : {fn}"
    if rng.random() < 0.3:
        setup.append(line)
        line = rng.choice(['display "`a\'"', "display `\"`a'\"'", "macro list", 'display "$a"', "local b `a'"])
    elif rng.random() < 0.2:
        line = f'display "`: {fn}\'"'
    return setup, line


# ------------------------------------------------------------------ set fv* and margins after mixed/me
SETS = ["set fvwrap 1", "set fvwrap 0", "set fvwrap 5", "set fvwrap -1", "set fvwrap abc", "set fvwrap 1e300",
        "set fvwrap", "set fvwrap 2, permanently", "set fvwrapon word", "set fvwrapon width", "set fvwrapon x",
        "set fvlabel on", "set fvlabel off", "set fvlabel", "set fvlabel 2", "set showbaselevels on",
        "set showbaselevels off", "set showbaselevels all", "set showbaselevels", "set showbaselevels x",
        "set showemptycells off", "set showomitted off", "set fvwrap 1, nosuch"]
DISPLAYED = ["regress y i.f##i.b x1", "logit b i.f", "mixed y i.f || g:", "regress y i.f#c.x1", "anova y f b",
             "regress", "mixed", "display c(fvwrap)", "display \"`c(showbaselevels)'\"", "margins f",
             "query", "regress y i.g, baselevels", "estimates table"]


def _sets(rng):
    setup = [rng.choice(FITS)] if rng.random() < 0.3 else []
    for _ in range(rng.choice([0, 1, 2])):
        setup.append(rng.choice(SETS))
    if rng.random() < 0.5:
        return setup, rng.choice(SETS)
    setup.append(rng.choice(SETS))
    return setup, rng.choice(DISPLAYED)


ME_FITS = ["mixed y x1 || g:, vce(robust)", "mixed y x1 [pw=w] || g:", "mixed y x1 || g:",
           "melogit b x1 || g:, vce(robust)", "mepoisson c x1 || g:, vce(cluster g)", "melogit b x1 [pw=w] || g:",
           "mixed y x1 i.f || g: x1, vce(robust)", "meologit o x1 || g:, vce(robust)", "mixed y || g:, vce(robust)",
           "mixed y x1 || g:, reml vce(robust)", "logit b x1, vce(robust)", "xtlogit b x1, re"]
MARGINS = ["margins, vce(unconditional)", "margins f, vce(unconditional)", "margins, dydx(x1) vce(unconditional)",
           "margins, at(x1 = (0 1)) vce(unconditional)", "margins, vce(unconditional) predict(mu)",
           "margins, vce(unconditional) predict(xb)", "margins, vce(unconditional) at(x1 = 1e300)",
           "margins, vce(unconditional) over(f)", "margins if b, vce(unconditional)", "margins, vce(uncond)",
           "margins, vce(unconditional) nose", "margins, vce(delta)", "margins, vce(unconditional) level(abc)",
           "margins, vce(unconditional) dydx(*)", "margins, vce(unconditional) expression(exp(xb()))",
           "margins, vce(unconditional) post", "margins i.f, vce(unconditional) pwcompare"]


def _margins(rng):
    fit = rng.choice(ME_FITS)
    setup = (["xtset g t"] if fit.startswith("xt") else []) + [fit]
    if rng.random() < 0.2:
        setup.append(rng.choice(["sort x1", "drop in 1", "replace x1 = . in 2", "generate nv = 1"]))
    return setup, rng.choice(MARGINS)


FAMILIES = {"svy": (_svy, 5), "coefplot": (_coefplot, 2), "suest": (_suest, 2), "unique": (_unique, 1),
            "mdesc": (_mdesc, 1), "macro": (_macros, 3), "set": (_sets, 1), "margins": (_margins, 2)}
ROUND3_SHAPES = {"full": 10, "one": 1, "empty": 1, "holes": 2, "strings": 1, "allmiss": 1, "extmiss": 1,
                 "magnitudes": 1, "huge": 2, "longnames": 1}


def family_cases(tag: str, families: dict, shapes: dict, seed: int, count: int, only: set[str] | None = None,
                 prefix_share: float = 0.0) -> list[Case]:
    """``count`` cases, each from one family of ``families`` (name -> (generator, weight)) on a
    shape drawn from ``shapes`` (name -> weight), deterministic for ``tag`` and the seed;
    ``prefix_share`` of the lines get a capture/quietly prefix."""
    rng = random.Random(f"{tag}:{seed}")
    names = [name for name in families if not only or name in only]
    weights = [families[name][1] for name in names]
    out = []
    for _ in range(count):
        family = rng.choices(names, weights=weights)[0]
        setup, line = families[family][0](rng)
        shape = rng.choices(list(shapes), weights=list(shapes.values()))[0]
        if prefix_share and rng.random() < prefix_share:
            line = rng.choice(["capture ", "quietly ", "capture noisily "]) + line
        out.append(Case(family, shape, tuple(setup), line))
    return out


def round3_cases(seed: int, count: int, only: set[str] | None = None) -> list[Case]:
    """``count`` cases, each from one family (weights above), deterministic for the seed."""
    return family_cases("round3", FAMILIES, ROUND3_SHAPES, seed, count, only, prefix_share=0.1)


def run_main(description: str, make_cases, argv=None) -> int:
    """The command line of a round's generator: --seed, --count, --only, --show, -v, --limit."""
    import fuzz_commands as fc

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--only", default="")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("-v", action="store_true")
    parser.add_argument("--limit", type=float, default=fc.LIMIT)
    args = parser.parse_args(argv)
    fc.LIMIT = args.limit
    cases = make_cases(args.seed, args.count, set(args.only.split(",")) if args.only else None)
    if args.show:
        for case in cases:
            print(f"[{case.shape}] {' ; '.join(case.setup)} -> {case.line}")
        return 0
    summary = fc.run_all(cases, verbose=args.v)
    fresh = [f for f in summary.findings if not f.known]
    print(f"\n{summary.lines} lines in {summary.seconds:.0f} s; {summary.failed} failed (rc != 0); "
          f"{len(summary.findings)} findings, {len(fresh)} not known; rcs {dict(sorted(summary.rcs.items()))}")
    return 1 if fresh else 0


def main(argv=None) -> int:
    return run_main(__doc__.split("\n\n")[0], round3_cases, argv)


if __name__ == "__main__":
    sys.exit(main())

"""Round 13b of the command fuzz (docs/command_fuzz.md): random and hostile graph lines -- twoway's
plot types (scatter line connected area bar rarea rcap rspike rline function qfit qfitci lfit
lfitci lowess lpoly kdensity histogram), overlays with () and ||, graph box/hbox/bar/hbar/dot/pie/
matrix/combine, histogram, kdensity, qnorm, pnorm, marginsplot after a small fit, coefplot,
spagplot, stcurve after streg and graph export to png/svg/pdf -- with an option soup (sizes with
units, colours as RGB strings with opacity, lpattern, log scales with range(), xlabel() numlists
with angle() and format(), lines, text() at odd places, legend(), by() suboptions, titles with
quotes and SMCL-like braces, name(), saving(), scheme()) on the fuzz's data shapes (all missing,
one row, constant, 1e300, negatives on log scales, strings, dates).

Checks (``run_case_watching_graph_files``): fuzz_commands.run_case's (no internal error, no hang,
the data unchanged when the line fails), plus: a failing line writes no file and changes none; a
line without ``replace`` changes no file that existed (old.png/old.svg/old.pdf/old.gph and
data.dta are planted before every line).

    python3 tests/fuzz_graph_round96.py [--seed 1] [--count 400] [--only twoway,export] [--show] [-v]
"""
from __future__ import annotations

import hashlib
import os
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_commands as fc  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402
from fuzz_new_commands import family_cases, run_main  # noqa: E402

BASE = ("generate double huge = 1e300 * x1", "generate neg = -abs(x1) - 1", "generate zero = 0", "generate tt = _n",
        "generate dd = mdy(1, 1, 2000) + 7 * _n", "format dd %td", "generate xs = string(x1)", "generate pos = t2 + 1",
        "generate lo = y - 1", "generate hi = y + 1")
PLANTED = {"old.png": b"old png", "old.svg": b"old svg", "old.pdf": b"old pdf", "old.gph": b"old gph"}
PREFIXES = ["", "", "", "", "", "quietly ", "capture noisily ", "capture "]

Y = ["y", "y", "x2", "c", "huge", "neg", "zero", "k", "z", "m", "s", "xs", "dd", "b", "pos", "nosuch", "y x2"]
GOOD_Y = ["y", "x2", "c", "huge", "neg", "pos", "dd", "zero"]  # lines that should draw (the soup still varies)
GOOD_X = ["x1", "x2", "t", "tt", "dd", "t2", "pos"]
X = ["x1", "x1", "x2", "t", "tt", "dd", "huge", "neg", "k", "z", "s", "f", "t2", "1e300"]
ODD = ["-1", "0", "1e300", "-1e300", ".", "abc", "", "2147483648", "1e-300", "\"x\"", "(", "5pt", "-3cm"]

# ------------------------------------------------------------------ the option soup
SIZE = ["3pt", "0.1in", "2cm", "-1pt", "0pt", "1e300pt", "5", "small", "vlarge", "*2", "3px", "pt", "in", "1e-300in",
        "2 pt", "3rs", "huge", "abc", "."]
COLOR = ["red", "navy%50", "\"255 0 0\"", "\"255 0 0%30\"", "\"0 0 0 0\"", "\"255 0\"", "\"300 0 0\"", "\"-1 0 0\"",
         "\"a b c\"", "red%150", "red%-1", "%50", "none", "nosuch", "\"255 128 0\"*0.5", "gs8", "gs99", "blue*2",
         "\"0.5 0.5 0.5\"", "\"\""]
SYMBOL = ["o", "O", "d", "D", "t", "s", "x", "+", "oh", "none", "i", "p", "nosuch", "Oh", "smcircle_hollow", ""]
PATTERN = ["solid", "dash", "dot", "dash_dot", "shortdash", "longdash_dot", "blank", "\"--..\"", "\"_-#\"", "nosuch",
           "\"\"", "l", "-", "\"-  \""]
LABELS = ["0 1 2", "0(1)5", "-5(2.5)5", "1e300", "0(0)1", "5(-1)0", "0(1e-300)1", "#5", "#0", "#-1", "none", "minmax",
          "1 \"one\" 2 \"two\"", "0 \"a\" 1", "abc", "1/3", "0 1e-300", "., ", "mdy(1,1,2000)", "`=td(1jan2000)'"]
LABEL_SUB = ["angle(45)", "angle(vertical)", "angle(-90)", "angle(1e300)", "angle(abc)", "format(%9.2f)", "format(%td)",
             "format(%tc)", "format(abc)", "format(%9s)", "format(%-20.0g)", "labsize(3pt)", "labsize(-2cm)", "grid",
             "nogrid", "nolabels", "noticks", "valuelabel", "alternate", "labcolor(\"255 0 0%50\")"]
SCALE = ["log", "log range(1 100)", "log range(-1 10)", "log range(0 1)", "range(0 1e300)", "range(1e300 -1e300)",
         "range(abc)", "range()", "reverse", "reverse log", "off", "noline", "alt", "titlegap(3pt)", "range(. .)",
         "log reverse range(0.1 10)", "noextend"]
TEXT = ["text(1 1 \"a\")", "text(. . \"a\")", "text(1e300 -1e300 \"far\")", "text(1 1)", "text(\"a\" 1 1)",
        "text(1 \"a\")", "text(1 1 \"a\", size(3pt) color(\"0 0 255%40\") placement(ne))", "text(1 1 \"a\", placement(zz))",
        "text(0 0 \"{bf:b}\" 1 1 \"c\")", "text(1 1 `\"q \"x\" q\"')", "text(abc def \"a\")", "text()",
        "text(1 1 \"a\", orient(vertical))", "text(-1e308 1e308 \"edge\")"]
LEGEND = ["legend(off)", "legend(on)", "legend(order(1 2))", "legend(order(2 \"b\" 1 \"a\"))", "legend(order(9))",
          "legend(order(0))", "legend(order(-1))", "legend(order(abc))", "legend(order())", "legend(label(1 \"a\"))",
          "legend(label(9 \"a\"))", "legend(label(a \"b\"))", "legend(rows(1))", "legend(rows(0))", "legend(rows(-1))",
          "legend(rows(1e300))", "legend(cols(2) rows(2))", "legend(pos(6))", "legend(pos(13))", "legend(pos(-1))",
          "legend(pos(0) ring(0))", "legend(ring(1e300))", "legend(size(3pt) region(lcolor(none)))", "legend(nosuch)",
          "legend(", "legend(off order(1))", "legend(symxsize(2cm) keygap(1in))", "legend(title(\"{it:L}\"))"]
TITLES = ["title(\"a\")", "title(a \"b\" c)", "title(`\"a \"q\" b\"')", "title(\"{bf:bold} {it:x}\")", "title(\"{\")",
          "title(\"}\")", "title(\"{bf:\")", "title(\"a\", size(3pt) color(\"255 0 0%50\"))", "title()",
          "title(\"$x `y'\")", "title(\"日本語\")", "subtitle(\"a\" \"b\")", "note(\"{c 1}\")", "caption(\"%s\")",
          "xtitle(\"\")", "ytitle(\"a\", size(-1in))", "title(" + "x" * 300 + ")", "title(\"a\", nosuch)", "title(\"a"]
LINES = ["yline(0)", "xline(0 1)", "yline(1e300)", "xline(-1e300)", "yline(.)", "xline(abc)", "yline()",
         "yline(0, lcolor(\"0 255 0%20\") lwidth(2pt) lpattern(dash))", "xline(0, lwidth(-1cm))",
         "yline(0(1)5)", "xline(`=td(1jan2000)')", "yline(0, nosuch)"]
BY_SUB = ["", "noaxes", "total", "cols(2)", "cols(0)", "cols(-1)", "cols(1e300)", "rows(1)", "total cols(1)",
          "noaxes total", "note(\"\")", "title(\"x\")", "legend(off)", "missing", "compact", "ixaxes", "nosuch", "iscale(*2)",
          "imargin(small)", "colfirst", "holes(1)", "holes(1e300)"]
BY_VAR = ["f", "g", "b", "s", "z", "k", "huge", "f b", "nosuch", "tt", "dd", "m"]
SCHEMES = ["s2color", "s1mono", "s2mono", "economist", "sj", "nosuch", "", "s1color", "plotplain", "\"s2color\""]
SAVING = ["saving(g96)", "saving(g96, replace)", "saving(old)", "saving(old, replace)", "saving(old.gph)",
          "saving(nofolder/g96)", "saving()", "saving(\"\")", "saving(g 96)", "saving(\"g 96\", replace)", "saving(old, asis)",
          "saving(data.dta)", "saving(g96, nosuch)"]
NAMES = ["name(g1)", "name(g1, replace)", "name(Graph)", "name(Graph, replace)", "name(1a)", "name()", "name(a b)",
         "name(\"q\")", "name(g1, nosuch)", "name(" + "n" * 40 + ")"]
GENERAL = ["xsize(4in)", "ysize(10cm)", "xsize(0)", "xsize(-1in)", "ysize(1e300pt)", "xsize(abc)", "aspectratio(1)",
           "aspectratio(-1)", "aspectratio(1e300)", "scale(0)", "scale(1e300)", "scale(-1)", "scale(*2)",
           "graphregion(color(\"255 255 255%0\"))", "plotregion(margin(zero))", "nodraw", "xsize(3 in)"]


def _pick(rng, items, odd=0.05):
    if rng.random() < odd:
        return rng.choice(ODD)
    return rng.choice(items)


def _marker_opts(rng):
    out = []
    for _ in range(rng.randrange(3)):
        kind = rng.choice(["msize", "mcolor", "mfcolor", "mlcolor", "msymbol", "lcolor", "lpattern", "lwidth",
                           "fcolor", "barwidth", "mlabel", "mlabsize", "jitter", "connect", "sort", "color", "recast"])
        arg = {"msize": SIZE, "mcolor": COLOR, "mfcolor": COLOR, "mlcolor": COLOR, "msymbol": SYMBOL, "lcolor": COLOR,
               "lpattern": PATTERN, "lwidth": SIZE, "fcolor": COLOR, "barwidth": ["0.5", "-1", "1e300", "0", "abc"],
               "mlabel": ["s", "f", "y", "nosuch", "xs"], "mlabsize": SIZE, "jitter": ["1", "-1", "1e300", "0"],
               "connect": ["l", "J", "stairstep", "nosuch", "i"], "color": COLOR,
               "recast(": [], "recast": ["line", "bar", "scatter", "area", "nosuch", "lfit", "rarea"]}.get(kind)
        out.append(kind if kind == "sort" else f"{kind}({_pick(rng, arg, 0.08)})")
    return " ".join(out)


def _soup(rng, most=4):
    """0 to ``most`` general twoway options from the soup."""
    out = []
    for _ in range(rng.randrange(most + 1)):
        kind = rng.random()
        if kind < 0.16:
            axis = rng.choice(["x", "y"])
            sub = ", " + " ".join(rng.choice(LABEL_SUB) for _ in range(rng.randrange(1, 3))) if rng.random() < 0.6 else ""
            out.append(f"{axis}{rng.choice(['label', 'label', 'tick', 'mlabel'])}({rng.choice(LABELS)}{sub})")
        elif kind < 0.3:
            out.append(f"{rng.choice(['x', 'y'])}scale({rng.choice(SCALE)})")
        elif kind < 0.4:
            out.append(rng.choice(LEGEND))
        elif kind < 0.5:
            out.append(rng.choice(TITLES))
        elif kind < 0.6:
            out.append(rng.choice(LINES))
        elif kind < 0.67:
            out.append(rng.choice(TEXT))
        elif kind < 0.74:
            sub = rng.choice(BY_SUB)
            out.append(f"by({rng.choice(BY_VAR)}{', ' + sub if sub else ''})")
        elif kind < 0.8:
            out.append(rng.choice(NAMES))
        elif kind < 0.85:
            out.append(rng.choice(SAVING))
        elif kind < 0.9:
            out.append(f"scheme({rng.choice(SCHEMES)})")
        else:
            out.append(rng.choice(GENERAL))
    return " ".join(out)


def _cond(rng):
    return rng.choice(["", "", "", "", " if y > 0", " if 0", " in 1", " in 1/3", " if s == \"a\"", " if z < .", " in 50/60",
                       " if x1 > 1e300", " [fw=w]", " [aw=w]", " [pw=w]", " [fw=x1]"])


# ------------------------------------------------------------------ twoway
XY = ["scatter", "line", "connected", "area", "bar", "qfit", "qfitci", "lfit", "lfitci", "lowess", "lpoly", "spike",
      "dropline", "scatter", "line", "mspline", "fpfit", "lpolyci"]
RANGE = ["rarea", "rcap", "rspike", "rline", "rbar", "rconnected", "rscatter", "rcapsym"]
UNI = ["kdensity", "histogram"]
FUNCTION = ["function y = x", "function y = ln(x), range(0 2)", "function y = 1/x, range(-1 1)",
            "function y = exp(x), range(0 1000)", "function y = x^2, range(1e300 -1e300)", "function y = nosuch(x)",
            "function y = normalden(x), range(dd)", "function y = x, range(x1)", "function y = x, n(0)",
            "function y = x, n(1e300)", "function y = x, n(-1)", "function y = sqrt(x), range(-2 -1)",
            "function = x", "function y =", "function y = \"a\"", "function y = x, horizontal range(0 1)",
            "function y = x, dropline(0 .5 1e300)", "function y = x, range(. .)"]


def _plot(rng):
    """One twoway plot, with options sometimes."""
    kind = rng.random()
    tame = rng.random() < 0.4
    if kind < 0.62:
        cmd = rng.choice(XY)
        varlist = f"{rng.choice(GOOD_Y)} {rng.choice(GOOD_X)}" if tame else f"{_pick(rng, Y)} {_pick(rng, X)}"
    elif kind < 0.78:
        cmd = rng.choice(RANGE)
        ends = rng.choice(["lo hi", "lo hi", "hi lo", "y y", "lo s", "z hi", "huge neg", "lo"])
        varlist = f"{ends} {_pick(rng, X)}"
    elif kind < 0.9:
        cmd = rng.choice(UNI)
        varlist = rng.choice(GOOD_Y) if tame else _pick(rng, Y)
    else:
        return rng.choice(FUNCTION)
    extra = "" if tame and rng.random() < 0.5 else _marker_opts(rng)
    if cmd in ("lfitci", "qfitci", "lpolyci") and rng.random() < 0.4:
        extra += " " + rng.choice(["level(0)", "level(100)", "level(99.99)", "stdf", "ciplot(rline)", "ciplot(nosuch)",
                                   "nofit", "acolor(\"0 0 0%50\")", "fitplot(connected)", "level(abc)"])
    if cmd in ("lowess", "lpoly", "kdensity") and rng.random() < 0.4:
        extra += " " + rng.choice(["bwidth(0)", "bwidth(-1)", "bwidth(1e300)", "kernel(nosuch)", "kernel(gaussian)",
                                   "degree(9)", "degree(-1)", "n(0)", "n(1e300)", "adjust", "mean", "logit"])
    if cmd in ("histogram",) and rng.random() < 0.4:
        extra += " " + rng.choice(["bin(0)", "bin(1e300)", "bin(-1)", "width(0)", "width(-1)", "width(1e300)", "start(1e300)",
                                   "discrete", "frequency", "fraction", "percent", "horizontal", "gap(50)", "gap(-1)"])
    extra = extra.strip()
    return f"{cmd} {varlist}{_cond(rng) if rng.random() < 0.3 else ''}{', ' + extra if extra else ''}"


def _twoway(rng):
    plots = [_plot(rng) for _ in range(rng.randrange(1, 4))]
    style = rng.random()
    if len(plots) == 1:
        body = plots[0] if style < 0.6 else f"({plots[0]})"
    elif style < 0.5:
        body = " ".join(f"({p})" for p in plots)
    elif style < 0.9:
        body = " || ".join(plots)
    elif style < 0.95:
        body = "(" + plots[0] + " || " + " ".join(plots[1:]) + rng.choice(["", ")", "))", " ||"])
    else:
        body = rng.choice(["", "()", "( )", "||", "scatter", "(scatter y x1) ()", "nosuch y x1", "scatter y x1 ||",
                           "(scatter y x1) || (line y x1", "scatter y x1 || || line y x1", "(scatter y x1, ) (line y x1,)"])
    soup = _soup(rng)
    lead = rng.choice(["twoway ", "twoway ", "graph twoway ", "tw ", ""]) if style < 0.9 or len(plots) == 1 else "twoway "
    if lead == "" and body.startswith("("):
        lead = "twoway "
    sep = rng.choice([" || , ", " ||, "]) if "||" in body and rng.random() < 0.4 else ", "
    line = f"{lead}{body}{sep + soup if soup else ''}"
    return [], rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ graph box/bar/dot/pie/matrix/combine
CAT_OPTS = ["over(f)", "over(g) over(b)", "over(s)", "over(z)", "over(k)", "over(huge)", "over(dd)", "over(nosuch)",
            "over(f, sort(1) descending)", "over(f, label(angle(45)))", "over(f, relabel(1 \"a\" 9 \"b\"))",
            "over(f, gap(-1))", "asyvars", "stack", "percentages", "nofill", "missing", "by(b)", "by(s)",
            "blabel(bar, format(%9.2f))", "blabel(nosuch)", "bar(1, color(\"255 0 0%50\"))", "bar(0, color(red))",
            "box(1, fcolor(\"0 0 0%10\"))", "marker(1, msize(3pt))", "medtype(line)", "nooutsides", "cw",
            "yscale(log)", "yscale(log range(-1 10))", "ylabel(0(1)5, angle(45))", "exclude0", "yalternate", "horizontal",
            "outergap(-50)", "bargap(1e300)", "intensity(200)", "lintensity(-1)", "linegap(3)", "ndots(0)", "ndots(1e300)",
            "dots(msymbol(d))", "line(lpattern(dash))"]
STATS = ["", "", "(mean)", "(sum)", "(count)", "(p50)", "(p0)", "(p101)", "(nosuch)", "(sd)", "(max)", "(asis)", "(mean) y (sum)"]
PIE_OPTS = ["over(f)", "over(s)", "over(z)", "plabel(_all percent)", "plabel(1 name)", "plabel(9 sum)", "plabel(_all percent, format(%9.1f))",
            "pie(1, explode)", "pie(1, color(\"0 255 0%40\"))", "angle0(1e300)", "angle0(-90)", "sort", "descending",
            "cw", "missing", "noclockwise", "legend(off)", "by(b)", "plabel(nosuch)", "pie(0, explode)", "allcategories"]
MATRIX_OPTS = ["half", "diagonal(\"A\" \"B\")", "jitter(1e300)", "scale(0)", "msize(3pt)", "mcolor(\"0 0 0%50\")",
               "maxes(xscale(log))", "maxes(ylabel(#0))", "by(f)", "by(s)", "iscale(*0)", "msymbol(nosuch)", "covariates(x1)"]


def _categorical(rng):
    kind = rng.choice(["box", "hbox", "bar", "hbar", "dot", "bar", "box", "pie", "pie", "matrix"])
    ys = " ".join(_pick(rng, Y) for _ in range(rng.randrange(1, 3)))
    if kind == "pie":
        body = rng.choice([ys, f"{ys}, over(f)", "y", "neg", "zero", "huge", "s", "y x2 c"])
        opts = " ".join(rng.choice(PIE_OPTS) for _ in range(rng.randrange(3)))
    elif kind == "matrix":
        body = rng.choice(["y x1 x2", "y x1", "y", "y huge neg", "y s", "y z", "zero k", "dd y", "y x1 if 0", "y x1 in 1"])
        opts = " ".join(rng.choice(MATRIX_OPTS) for _ in range(rng.randrange(3)))
    else:
        stat = rng.choice(STATS) + " " if kind in ("bar", "hbar", "dot") else ""
        body = f"{stat}{ys}{_cond(rng) if rng.random() < 0.3 else ''}"
        opts = " ".join(rng.choice(CAT_OPTS) for _ in range(rng.randrange(4)))
    more = _soup(rng, 2) if rng.random() < 0.5 else ""
    opts = f"{opts} {more}".strip()
    joiner = " " if "," in body else ", "
    return [], rng.choice(PREFIXES) + f"graph {kind} {body}{joiner + opts if opts else ''}"


COMBINE_OPTS = ["cols(2)", "cols(0)", "cols(-1)", "cols(1e300)", "rows(1)", "rows(0)", "holes(1)", "holes(9)", "ycommon",
                "xcommon", "iscale(*2)", "iscale(0)", "imargin(1 1 1 1)", "colfirst", "altshrink", "title(\"{bf:c}\")",
                "name(c1, replace)", "saving(c96)", "saving(old)", "saving(old, replace)", "graphregion(color(\"0 0 0%0\"))",
                "commonscheme", "scheme(nosuch)", "xsize(5in)", "ysize(-2cm)", "nosuch"]


def _combine(rng):
    setup = ["scatter y x1, name(g1, replace)", "histogram y, name(g2, replace)", "graph save g1 old3, replace"]
    names = rng.choice(["g1 g2", "g1", "g1 g1", "g1 nosuch", "g1 old3.gph", "g1 old3", "old.gph", "g*", "_all", "",
                        "g1 g2 g1 g2 g1", "\"g1\" g2", "g1 g2 1a"])
    opts = " ".join(rng.choice(COMBINE_OPTS) for _ in range(rng.randrange(4)))
    return setup, rng.choice(PREFIXES) + f"graph combine {names}{', ' + opts if opts else ''}"


# ------------------------------------------------------------------ univariate graph commands
UNI_CMDS = ["histogram {v}", "histogram {v}, bin(5)", "histogram {v}, width(0.5) start(-3)", "histogram {v}, discrete",
            "histogram {v}, normal kdensity", "histogram {v}, by(f, total)", "histogram {v}, frequency addlabels",
            "histogram {v}, percent addlabopts(mlabsize(3pt))", "histogram {v}, bin(0)", "histogram {v}, width(-1)",
            "histogram {v}, fcolor(\"255 0 0%40\") lcolor(none)", "histogram {v}, horizontal", "histogram {v} [fw=w]",
            "histogram {v}, normopts(lpattern(dash))", "histogram {v}, xscale(log)",
            "kdensity {v}", "kdensity {v}, normal", "kdensity {v}, bwidth(0)", "kdensity {v}, bwidth(1e300)",
            "kdensity {v}, kernel(nosuch)", "kdensity {v}, n(1)", "kdensity {v}, n(0)", "kdensity {v}, generate(kx ky)",
            "kdensity {v}, generate(kx)", "kdensity {v}, at(x1)", "kdensity {v}, nograph", "kdensity {v}, student(0)",
            "kdensity {v}, normal normopts(lcolor(\"0 0 255%50\"))", "kdensity {v} [aw=w]",
            "qnorm {v}", "qnorm {v}, grid", "qnorm {v}, rlopts(lpattern(dash) lwidth(2pt))", "qnorm {v}, msymbol(nosuch)",
            "pnorm {v}", "pnorm {v}, grid", "pnorm {v}, rlopts(lcolor(\"0 0 0%0\"))", "qnorm {v} [fw=w]",
            "pnorm {v}, xscale(log range(-1 1))"]


def _univariate(rng):
    line = rng.choice(UNI_CMDS).replace("{v}", _pick(rng, Y + ["dd", "huge", "neg", "t2"]))
    soup = _soup(rng, 2)
    if soup:
        line += (" " if "," in line else ", ") + soup
    if rng.random() < 0.2 and " [" not in line and "," in line:
        head, _, tail = line.partition(",")
        line = f"{head}{_cond(rng)},{tail}"
    return [], rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ marginsplot, coefplot, spagplot, stcurve
FITS = ["regress y x1 i.f", "regress y c.x1##i.b", "logit b x1 i.f", "regress huge x1 i.f", "regress y i.f",
        "regress y zero i.f", "poisson c x1 i.b", "regress y x1 if 0", "mixed y x1 i.f || g:"]
MARGINS = ["margins f", "margins f, at(x1 = (-1 0 1))", "margins, at(x1 = (-1(1)1))", "margins b, at(x1 = (0 1e300))",
           "margins f#b", "margins, dydx(x1) at(x1 = (0 1))", "margins f, over(b)", "margins", "margins, at(x1 = (. 1))"]
MARGINSPLOT = ["", "noci", "recast(bar)", "recast(line) recastci(rarea)", "recast(nosuch)", "recastci(nosuch)",
               "ciopts(lcolor(\"255 0 0%50\"))", "plotopts(msize(3pt) msymbol(d))", "plot1opts(lpattern(dash))",
               "plot9opts(mcolor(red))", "xdimension(x1)", "xdimension(nosuch)", "xdimension(f)", "bydimension(b)",
               "plotdimension(f)", "by(b)", "allxlabels", "nolabels", "level(0)", "level(100)", "unique", "csort",
               "noseparator", "separator(|)", "horizontal", "yline(0)", "addplot(scatter y x1)", "addplot(nosuch)",
               "mcompare(bonferroni)", "allsimplelabels", "nosimplelabels"]
COEFPLOT = ["", "keep(x1)", "drop(_cons)", "levels(99 95)", "levels(-1)", "levels(1e300)", "vertical", "horizontal",
            "xline(0, lcolor(\"0 0 0%30\"))", "msize(3pt)", "mcolor(\"255 0 0\")", "msymbol(nosuch)", "ciopts(lwidth(1cm))",
            "recast(bar)", "cirecast(rarea)", "format(%9.2f)", "format(abc)", "mlabel", "coeflabels(x1 = \"{bf:X}\")",
            "xscale(log)", "xscale(log range(-1 1))", "xlabel(, angle(45))", "eform", "nokey", "legend(off)",
            "title(`\"a \"b\" c\"')", "offset(1e300)", "grid(between)", "byopts(rows(1e300))", "name(cp, replace)"]


def _postgraph(rng):
    kind = rng.random()
    if kind < 0.4:
        fit = rng.choice(FITS)
        setup = [fit, rng.choice(MARGINS)]
        opts = " ".join(rng.choice(MARGINSPLOT) for _ in range(rng.randrange(3)))
        soup = _soup(rng, 2) if rng.random() < 0.4 else ""
        opts = f"{opts} {soup}".strip()
        return setup, rng.choice(PREFIXES) + f"marginsplot{', ' + opts if opts else ''}"
    if kind < 0.65:
        setup = [rng.choice(FITS), "estimates store m1", rng.choice(FITS)]
        what = rng.choice(["", "m1", "m1 .", "(m1) (., label(b))", "m1 || .", "nosuch", "(m1, msymbol(d) mcolor(\"0 0 0%50\"))"])
        opts = " ".join(rng.choice(COEFPLOT) for _ in range(rng.randrange(4))).strip()
        return setup, rng.choice(PREFIXES) + f"coefplot {what}{', ' + opts if opts else ''}".replace("  ", " ")
    if kind < 0.8:
        opts = rng.choice(["id(g)", "id(g)", "id(g) nofit", "id(g) noover", "id(s)", "id(nosuch)", "", "id(g f)", "id(z)",
                           "id(g) nofit noover"])
        soup = _soup(rng, 2)
        opts = f"{opts} {soup}".strip()
        ys = rng.choice(["y x1", "y t", "huge x1", "neg dd", "s x1", "y", "y x1 x2", "z x1", "y x1 if 0", "y x1 in 1"])
        return [], rng.choice(PREFIXES) + f"spagplot {ys}{', ' + opts if opts else ''}"
    stset = rng.choice(["stset pos, failure(b)", "stset t2, failure(b)", "stset pos"])
    fit = rng.choice(["streg x1, distribution(weibull)", "streg x1, distribution(exponential)", "streg x1 i.f, distribution(lognormal)",
                      "streg x1, distribution(loglogistic)", "streg x1, distribution(gompertz)", "streg x1, distribution(weibull) frailty(gamma) shared(g)",
                      "streg huge, distribution(weibull)", "stcox x1"])
    which = rng.choice(["survival", "hazard", "cumhaz", "cif", "", "survival hazard", "nosuch"])
    opts = " ".join(rng.choice(["at(x1 = 0)", "at(x1 = 1e300)", "at1(x1 = 0) at2(x1 = 1)", "at(nosuch = 1)", "range(0 10)",
                                "range(10 0)", "range(-1 1e300)", "range(abc)", "outfile(sc96)", "outfile(old)",
                                "outfile(data, replace)", "outfile(data)", "unconditional", "alpha1", "addplot(scatter y x1)",
                                "yscale(log)", "xscale(log range(0 5))", "lcolor(\"0 0 0%50\")", "lpattern(dash)"])
                    for _ in range(rng.randrange(3)))
    soup = _soup(rng, 2) if rng.random() < 0.4 else ""
    opts = f"{which} {opts} {soup}".strip()
    if fit.startswith("streg"):  # a loglogistic fit on the dates shape's times backs up through 16,000
        fit += " iterate(100)"  # iterations (a minute; docs/command_fuzz.md round 13b): the setup, not the line
    return [stset, fit], rng.choice(PREFIXES) + f"stcurve{', ' + opts if opts else ''}"


# ------------------------------------------------------------------ graph export / save / display
EXPORT_FILES = ["g96.png", "g96.svg", "g96.pdf", "old.png", "old.svg", "old.pdf", "g96", "g96.nosuch", "g96.gph",
                "nofolder/g96.png", "\"g 96.png\"", "\"\"", "g96.PNG", "g96.eps", "g96.ps", "g96.tif", ".png",
                "data.dta", "old.png.png", "`\"q\"'.png"]
EXPORT_OPTS = ["", "", "replace", "replace", "width(800)", "width(0)", "width(-1)", "width(1e300)", "height(10)",
               "height(abc)", "as(png)", "as(svg)", "as(pdf)", "as(nosuch)", "as()", "name(g1)", "name(nosuch)",
               "name(Graph)", "nosuch", "xsize(3in)", "fontface(Arial)", "mag(0)", "cmyk(on)"]


def _export(rng):
    setup = [rng.choice(["scatter y x1", "scatter y x1, name(g1, replace)", "histogram y", "twoway lfit y x1",
                         "graph drop _all", "scatter s x1"])]
    kind = rng.random()
    if kind < 0.7:
        opts = " ".join(rng.choice(EXPORT_OPTS) for _ in range(rng.randrange(3))).strip()
        line = f"graph export {rng.choice(EXPORT_FILES)}{', ' + opts if opts else ''}"
    elif kind < 0.85:
        target = rng.choice(["g96", "old", "old.gph", "nofolder/g96", "\"\"", "g96.png", "data.dta", "g96, replace",
                             "old, replace", "g1 old", "g1 g96", "nosuch g96", "old, asis"])
        line = f"graph save {target}"
    else:
        line = rng.choice(["graph display", "graph display g1", "graph display nosuch", "graph display, xsize(4in)",
                           "graph display, ysize(-1cm)", "graph display, scheme(nosuch)", "graph use old",
                           "graph use nosuch", "graph dir", "graph drop g1", "graph drop nosuch", "graph rename g1 g2",
                           "graph rename g1 1a", "graph describe g1", "graph close _all", "graph drop _all"])
    return setup, rng.choice(PREFIXES) + line


FAMILIES = {"twoway": (_twoway, 10), "categorical": (_categorical, 5), "combine": (_combine, 2),
            "univariate": (_univariate, 4), "postgraph": (_postgraph, 4), "export": (_export, 3)}
ROUND96_SHAPES = {"full": 10, "one": 2, "empty": 2, "holes": 2, "strings": 1, "allmiss": 2, "extmiss": 1,
                  "magnitudes": 1, "huge": 1, "longnames": 1, "dates": 2}


def round96_cases(seed: int, count: int, only: set[str] | None = None) -> list[Case]:
    """``count`` cases, each from one family (weights above), deterministic for the seed; every
    setup starts with BASE's variables (made before the fuzzed line, not checked)."""
    cases = family_cases("round96", FAMILIES, ROUND96_SHAPES, seed, count, only)
    return [Case(c.command, c.shape, BASE + tuple(c.setup), c.line) for c in cases]


# ------------------------------------------------------------------ the file checks
def _files(folder: str) -> dict:
    out = {}
    for root, dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder)
            with open(path, "rb") as fh:
                out[rel] = hashlib.sha256(fh.read()).hexdigest()
    return out


def plant(folder: str) -> None:
    """The files a line must not write over without replace (and no other g96/c96/sc96 files)."""
    for name, content in PLANTED.items():
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(content)
    for name in list(os.listdir(folder)):
        if name.startswith(("g96", "c96", "sc96", "g 96", "old3")) or name.endswith(".mlm-tmp"):
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                os.remove(path)


_original_run_case = fc.run_case


def run_case_watching_graph_files(case, folder):
    """fuzz_commands.run_case, plus the file checks: a failing line writes and changes no file; a
    line without ``replace`` changes no file that was there before it."""
    plant(folder)
    import mlmcli.runner as runner_module
    watched = {}

    original_run_text = runner_module.Runner.run_text
    def run_text(self, text, *args, **kwargs):
        if text is case.line and not watched:  # the fuzzed line (the setup's lines are other objects)
            watched.update(_files(folder))
        return original_run_text(self, text, *args, **kwargs)

    runner_module.Runner.run_text = run_text
    try:
        rc, findings, printed = _original_run_case(case, folder)
    finally:
        runner_module.Runner.run_text = original_run_text
    before = watched
    after = _files(folder)
    new = sorted(set(after) - set(before))
    changed = sorted(name for name in before if name in after and before[name] != after[name])
    gone = sorted(set(before) - set(after))
    if rc not in (0, -1, -2) and (new or changed or gone):
        findings.append(fc.Finding("data-changed", case, f"rc {rc}; files written by a failing line: new {new}, "
                                                         f"changed {changed}, removed {gone}"))
    elif rc == 0 and (changed or gone) and "replace" not in case.line:
        findings.append(fc.Finding("data-changed", case, f"rc 0; file written over without replace: {changed + gone}"))
    return rc, findings, printed


def run_all(cases, verbose=False, budget=None, out=sys.stdout):
    """fuzz_commands.run_all with the file checks; a floating-point warning numpy raises (a sum
    past the double range in a graph's statistics, ...) is an internal error too."""
    fc.run_case = run_case_watching_graph_files
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", category=RuntimeWarning, module="numpy")
            return fc.run_all(cases, verbose=verbose, budget=budget, out=out)
    finally:
        fc.run_case = _original_run_case


def main(argv=None) -> int:
    fc.run_case = run_case_watching_graph_files
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="numpy")
        return run_main(__doc__.split("\n\n")[0], round96_cases, argv)


if __name__ == "__main__":
    sys.exit(main())

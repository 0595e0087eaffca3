"""Round 12 of the command fuzz (docs/command_fuzz.md): hostile lines for the commands added in the
last three days -- syntax with every element and option type, dataex and input with type lists,
string duplication, ustr* and collation functions, ml lf1/lf2/d1/d2 with maximize's display
options, glm irls with its vce() types, xttest1, eventstudyinteract, estadd/estout/esttab, catplot,
khb, coefplot matrix()/se()/coeflabels(), asclogit and estat mfx, margins vce(unconditional) and
pwcompare saving(), mlogit, reghdfe with interactions, putexcel, frame-like commands (frame,
preserve, snapshot) -- and expressions with side effects (filewrite(), the random-number functions)
in failing commands.  Run through tests/fuzz_commands.py's checks (``run_all``): no internal error,
no hang, the data unchanged when a line fails; round 10's watched files (data.dta, good.csv,
keep10.txt) unchanged by a line without ``replace``; and, new here, a failing generate, replace,
egen, display, local, scalar, assert, count or list leaves the random-number stream where it was
and writes no file (fx12.txt, which no setup makes, must not appear).

    python3 tests/fuzz_round12_commands.py [--seed 1] [--count 400] [--only syntax,ml] [--show] [-v]
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mlmcli, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_commands as fc  # noqa: E402
import fuzz_round11_commands as r11  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402
from fuzz_new_commands import family_cases, run_main  # noqa: E402
from fuzz_round8_commands import _cond  # noqa: E402
from fuzz_round10_commands import BASE, PREFIXES, _odd  # noqa: E402
from fuzz_round11_commands import ML_DERIV_PROGRAMS  # noqa: E402

# ------------------------------------------------------------------ side effects in failing commands
SIDE = ['filewrite("fx12.txt", "x")', 'filewrite("fx12.txt", "x", 1)', 'filewrite("fx12.txt", s, 2)',
        'filewrite("keep10.txt", "x", 1)', 'filewrite("keep10.txt", "x", 2)', "runiform()", "rnormal()", "runiform(1, 2)",
        "runiformint(1, 6)", "rbinomial(3, .5)", "rpoisson(2)", "rchi2(2)", 'fileread("keep10.txt")', 'fileexists("fx12.txt")']
BAD = ["s", '"a"', "nosuch", "s + 1", "strlen(1)", "substr(1, 1, 1)", "x1 + \"a\"", "k[", "1/", "y +", "abs(s)",
       "\"a\" * \"b\"", "\"a\" - 1", "nosuchfn(1)", "x1 == \"a\"", "strdup(1)"]
SIDE_LINES = ["generate nv = {bad} + {side}", "generate nv = {side} + {bad}", "generate nv = {side} if {bad}",
              "generate nv = {side} in 41/50", "generate str3 nv = {side}", "generate y = {side}", "generate nv = {side} + ({bad})",
              "replace s = {side}", "replace y = {side} + {bad}", "replace y = {side} if {bad}", "replace y = {side} in 0",
              "replace y = {side}[_n-1] + {bad}", "replace y = y[_n-1] + {side} + {bad}", "egen nv = mean({side} + {bad})",
              "egen nv = total({side}), by(nosuch)", "egen nv = nosuchfn({side})", "display {side} + {bad}",
              "display {bad} + {side}", "local a = {side} + {bad}", "scalar a = {side} + {bad}", "assert {side} + {bad}",
              "count if {side} + {bad}", "list y if {side} + {bad}", "summarize y if {side} > {bad}",
              "generate nv = cond({bad}, {side}, 1)", "generate nv = {side} * {bad}", "generate nv = max({side}, {bad})",
              "by f: generate nv = {side} + {bad}", "bysort f: replace y = {side} if {bad}", "generate nv = {side}",
              "replace y = {side}", "display {side}"]
RNG_CHECKED = ("generate", "gen", "g", "replace", "egen", "display", "di", "local", "scalar", "assert", "count", "list",
               "summarize")


def _side(rng):
    line = rng.choice(SIDE_LINES).replace("{side}", rng.choice(SIDE)).replace("{bad}", rng.choice(BAD))
    setup = ["set seed 12"] + (["display runiform()"] if rng.random() < 0.5 else [])
    return setup, rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ syntax: every element and option type
SYNTAX_SPECS = [
    "syntax varlist(numeric min=1 max=2) [if] [in] [aw fw iw pw] [, Detail noCONStant Level(cilevel) Times(integer 3)]",
    "syntax [varlist(default=none fv ts)] [, REPlace GENerate(name) Stub(string) Mult(real 1.5) LIST(numlist >0 integer)]",
    "syntax newvarlist(max=2) [=/exp] [if]", "syntax newvarname(numeric) =exp [if] [in]",
    "syntax varname(string) [, Format(string asis) Sep(passthru) *]", "syntax namelist(min=1 max=3 local) [, clear]",
    "syntax name(name=fname id=\"file name\") [, REPLACE]", "syntax anything(name=args equalok everything) [, opt(varlist)]",
    "syntax [anything] using/ [, REPLACE Sheet(string)]", "syntax varlist [fweight] [, BY(varlist) MISSing]",
    "syntax [, Level(cilevel) SAving(string asis) Reps(integer 50) Seed(string)]",
    "syntax varlist(min=2 numeric) [if] [in] [, Vce(string) CLuster(varname) ROBust]",
    "syntax [varlist] [if/] [in] [, MATrix(name) OUTfile(string)]", "syntax anything(id=\"model\") [, *]",
    "syntax [varlist(numeric)] [, NUMlist(numlist min=2 max=4 ascending) Cut(numlist)]",
]
SYNTAX_CALLS = ["y", "y x1", "y x1 x2 b", "", "s", "nosuch", "y if x1 > 0", "y in 1/3", "y in 0", "y [fw=w]", "y [aw=s]",
                "y [pw=x1]", "y, detail", "y, d", "y, de", "y, noconstant", "y, nocons", "y, constant", "y, level(99)",
                "y, level(100)", "y, l(abc)", "y, times(2.5)", "y, times(.)", "y, times(1e300)", "y, times()", "y, mult(abc)",
                "y, list(1 2 3)", "y, list(0)", "y, list(-1)", "y, list(1/3)", "y, list(a)", "nv", "nv1 nv2", "double nv = 1",
                "nv = y + 1", "nv = ", "nv = s + 1", "y = 1", "a b c", "a b c d", "1a", "a, clear", "\"unclosed", "(a", "a)",
                "x = 1, opt(y)", "x = 1, opt(nosuch)", "using \"\"", "using f.txt, replace", "using", "y, by(f) miss",
                "y, by(nosuch)", ", reps(-1)", ", reps(1e300)", ", saving(\"a b\", replace)", ", level(10)", ", level(9)",
                "y x1, vce(robust) cluster(g)", "y x1, cluster(s)", "y x1, robust robust", "y, numlist(3 2)",
                "y, numlist(1 2 3 4 5)", "y, cut(1/1000000)", "y, format(%9.2f) sep(4) other(1)", "`\"`\"a\"'\"'",
                "y,", ", ,", "y, detail(1)", "y if", "y if s", "y [fw=]", "y [weight=w]", "y, matrix(1bad)", "y, outfile()",
                "i.f", "L.y", "f##c.x1", "y-x2", "y*", "ñ"]


def _syntax(rng):
    spec = rng.choice(SYNTAX_SPECS)
    program = ("capture program drop tsyn\nprogram define tsyn\n    " + spec +
               "\n    display `\"varlist=[`varlist'] if=[`if'] in=[`in'] exp=[`exp'] wt=[`weight'`exp'] anything=[`anything'] options=[`options']\"'\nend")
    call = rng.choice(SYNTAX_CALLS)
    if rng.random() < 0.2:  # macros expanding to nothing
        call = call + " `nosuch' $nosuch"
    return [program, "tsset t" if rng.random() < 0.2 else ""], rng.choice(PREFIXES) + ("tsyn " + call).rstrip()


# ------------------------------------------------------------------ dataex and input with type lists
DATAEX = ["dataex", "dataex y x1", "dataex s sid", "dataex y, count(3)", "dataex y, count(0)", "dataex y, count(-1)",
          "dataex y, count(.)", "dataex y, count(1e300)", "dataex y, count(abc)", "dataex y, count()", "dataex y if 0",
          "dataex y in 1", "dataex y in 0", "dataex nosuch", "dataex i.f", "dataex L.y", "dataex y, varlabels elsewhere",
          "dataex huge zero k z m", "dataex f g, varl", "dataex y, nosuch", "dataex y, elsewhere(1)", "dataex s, count(2) ele",
          "dataex _all", "dataex y-x2", "dataex *", "dataex y x1 x2 b c o g t w f m z k t2 s sid huge zero tt x3 xs pos cr ex z1 z2"]
INPUT = ["clear\ninput y x\n1 2\n3 4\nend", "clear\ninput byte y int x\n1 2\n300 70000\nend",
         "clear\ninput str3 s double d\nabcd 1e300\n\"x y\" .\nend", "clear\ninput strL s long l\n\"a\" 2147483648\nend",
         "clear\ninput str y\na\nend", "clear\ninput str0 y\na\nend", "clear\ninput str2045 s\nx\nend", "clear\ninput str2046 s\nx\nend",
         "clear\ninput y\nabc\nend", "clear\ninput y\n\"unclosed\nend", "clear\ninput y x\n1\n2 3 4\nend", "clear\ninput\n1\nend",
         "clear\ninput y y\n1 2\nend", "clear\ninput 1y\n1\nend", "clear\ninput float(a b) str5(c d)\n1 2 x y\nend",
         "clear\ninput (a b)\n1 2\nend", "clear\ninput byte(a\n1\nend", "clear\ninput a:lbl\n1\nend",
         "clear\ninput byte a, automatic\nx\nend", "clear\ninput a, label\n1\nend", "input y x1\n1 2\nend", "input nv\n1\n2\nend",
         "input str3 nv\nabc\nend", "clear\ninput double a\n.a\n.z\n._\nend", "clear\ninput a\n1e309\n-1e309\nend",
         "clear\ninput a b\n1,2\nend", "clear\ninput a\nend", "clear\ninput\nend",
         "clear\ninput float a byte b str1 c\n1.5 200 xx\nend", "clear\ninput a\n8.988e307\n-8.988e307\n1e-320\nend",
         "clear\nset type double\ninput a\n0.1\nend\ndescribe", "clear\ninput str5 s\n\"ñ日本\"\nend", "clear\ninput ñ\n1\nend"]


def _dataex(rng):
    if rng.random() < 0.5:
        setup = ['label variable y "the y"', 'replace s = `"a "q" b"\' in 1', 'replace s = "ñ日本" in 2']
        return setup, rng.choice(PREFIXES) + rng.choice(DATAEX)
    return [], rng.choice(PREFIXES) + rng.choice(INPUT)


# ------------------------------------------------------------------ string duplication, ustr* and collation
STR_EXPR = ['"ha" * 5', '5 * "ha"', '"ha" * 0', '"ha" * -1', '"ha" * .', '"ha" * 2.5', '"ha" * 1e300', '"ha" * 2147483648',
            's * 3', '3 * s', 's * y', 'y * s', 's * b', '"ñ" * 1000', '"abc" * 700', '"x" * 2000001', '"a" * "b"', '"a" * (1 \\ 2)',
            '("a" + "b") * 2', '"a" * 2 + "b"', '"a" * 2 * 3', '2 * 3 * "a"', '-"a" * 2', '"a" * -0', '"a" * .a', 'sid * t',
            'ustrcompare("a", "B")', 'ustrcompare("a", "b", "nosuch")', 'ustrcompare(s, sid, "de")', 'ustrcompare(1, "a")',
            'ustrcompareex("a", "b", "en", 1, 2, 3, 4, 5)', 'ustrcompareex("a", "b", "en", -1, -1, -1, -1, -1)',
            'ustrcompareex("a", "b", "en", 9, 9, 9, 9, 9)', 'ustrcompareex("a", "b")', 'ustrsortkey("a")', 'ustrsortkey(s, "sv")',
            'ustrsortkeyex(s, "en", 1, 1, 1, 1, 1)', 'ustrsortkeyex(s, "", ., ., ., ., .)', 'collatorlocale("nosuch", 0)',
            'collatorlocale("de_DE", 1)', 'collatorlocale("", .)', 'collatorversion("en")', 'collatorversion(1)',
            'ustrnormalize(s, "nfc")', 'ustrnormalize(s, "nosuch")', 'ustrnormalize(s, "")', 'ustrword(s, 0)', 'ustrword(s, -1)',
            'ustrword(s, 1e300)', 'ustrwordcount(s, "nosuch")', 'ustrleft(s, -1)', 'ustrright(s, 1e300)', 'ustrpos(s, "", 0)',
            'ustrrpos(s, "a", -5)', 'ustrtitle(s, "tr")', 'ustrupper(s, "")', 'ustrlower("İ", "tr")', 'ustrtoname("1 a", 2)',
            'ustrtoname(s, .)', 'ustrunescape("\\\\u00")', 'ustrunescape("\\\\U0011FFFF")', 'ustrtohex(s, -1)', 'ustrtohex(s, 1e300)',
            'ustrfrom("a", "nosuch", 1)', 'ustrto(s, "ascii", 9)', 'ustrinvalidcnt(char(200))', 'ustrregexm(s, "(")',
            'ustrregexra(s, "a*", "b")', 'ustrregexs(-1)', 'usubinstr(s, "", "x", .)', 'usubinstr(s, "a", "b", -1)',
            'udsubstr(s, 1, -1)', 'ustrreverse(char(200))', 'uisdigit(s)', 'uisletter("")', 'strdup("a", -1)']
STR_CMDS = ["display {e}", "generate nv = {e}", "generate str1 nv = {e}", "generate strL nv = {e}", "replace s = {e}",
            "replace y = {e}", "local a = {e}", "scalar a = {e}\ndisplay a", "assert {e} != \"\"", "count if {e} == \"\"",
            "list s if {e} != \"\"", "sort s\ngenerate nv = {e}", "egen nv = concat(s sid), punct({e})", "display %5s {e}",
            "display {e} {e}", "generate nv = {e} in 1", "replace sid = {e} if _n == 2", "display \"{e}\"", "matrix A = ({e})",
            "quietly generate nv = {e}\nsort nv", "set locale_functions nosuch", "set locale_functions de\ndisplay {e}",
            "sort s, stable\ngenerate nv = ustrsortkey(s, \"sv\")\nsort nv"]


def _strings(rng):
    setup = ['replace s = "ñ日本語" in 1', 'replace s = char(200) + "x" in 2' if rng.random() < 0.5 else "",
             'replace s = "" in 3', 'replace s = "İstanbul" in 4']
    line = rng.choice(STR_CMDS).replace("{e}", rng.choice(STR_EXPR))
    return [s for s in setup if s], rng.choice(PREFIXES) + line


# ------------------------------------------------------------------ ml: lf1/lf2/d1/d2 with maximize's display options
ML_MODELS = ["ml model d2 myprobit_d2 (b = x1 x2)", "ml model d1 myprobit_d2 (b = x1)", "ml model lf1 myprobit1 (b = x1 x2)",
             "ml model lf2 myprobit1 (b = x1)", "ml model d0 myprobit_d2 (b = x1)", "ml model lf1 nog_lf1 (y = x1)",
             "ml model d1 badg_d1 (y = x1)", "ml model d1 missg_d1 (y = x1)", "ml model d2 badh_d2 (y = x1)",
             "ml model d2 myprobit_d2 (b = k)", "ml model d2 myprobit_d2 (b = z)", "ml model d2 myprobit_d2 (b = huge)",
             "ml model d2 myprobit_d2 (b = x1 x3)", "ml model d2 myprobit_d2 (b = s)", "ml model lf1 myprobit1 (b = x1) if 0",
             "ml model lf1 myprobit1 (b = x1) in 1", "ml model d2 myprobit_d2 (b = x1) [fw=w]", "ml model d2 myprobit_d2 (b = x1) [pw=w]",
             "ml model lf1 myprobit1 (b = x1), vce(robust)", "ml model d2 myprobit_d2 (b = x1), vce(opg)",
             "ml model d2 myprobit_d2 (b = x1), technique(bhhh)", "ml model d2 myprobit_d2 (b = x1), technique(dfp 2 bfgs)",
             "ml model lf1 myprobit1 (b = i.f x1)", "ml model d2 myprobit_d2 (b = x1), constraints(1)"]
ML_MAX = ["ml maximize", "ml maximize, trace", "ml maximize, gradient", "ml maximize, hessian", "ml maximize, showstep",
          "ml maximize, showtolerance", "ml maximize, trace gradient hessian showstep showtolerance iterate(2)",
          "ml maximize, nonrtolerance", "ml maximize, nrtolerance(1e-300)", "ml maximize, nrtolerance(-1)",
          "ml maximize, tolerance(0) ltolerance(0) iterate(3)", "ml maximize, iterate(0)", "ml maximize, iterate(-1)",
          "ml maximize, difficult trace", "ml maximize, log nolog", "ml maximize, gradient(1)", "ml maximize, trac",
          "ml maximize, grad", "ml maximize, hess", "ml maximize, showst", "ml maximize, showtol", "ml maximize, level(99) nolog",
          "ml maximize, nolog eform(OR)", "ml maximize, nolog nocnsreport", "ml maximize, nolog noheader nofootnote",
          "ml maximize, nolog coeflegend", "ml maximize, nolog cformat(%9.2f) pformat(%5.2f) sformat(abc)",
          "ml maximize, nolog first", "ml maximize, nolog neq(1)", "ml maximize, nolog neq(-1)", "ml maximize, nolog plus",
          "ml search", "ml search, repeat(5)", "ml search, repeat(-1)", "ml search, repeat(1e300)", "ml search, nolog",
          "ml search b: 0 1", "ml search b: 1 0", "ml search nosuch: 0 1", "ml init b:x1 = 1e300", "ml init 1 2 3 4 5",
          "ml check", "ml report", "ml count", "ml count on", "ml query"]
ML_DISPLAY = ["ml display", "ml display, level(90)", "ml display, eform(OR)", "ml display, neq(1)", "ml display, plus",
              "ml display, first", "ml display, showeqns", "ml display, noheader", "ml display, nofootnote",
              "ml display, cformat(%9.3f)", "ml display, sformat(%7.2f)", "ml display, nosuch", "ml display, level(0)",
              "ml display, eform(\"a b\")", "ml display, coeflegend", "ml display, baselevels allbaselevels", "ml footnote",
              "ml graph", "ml display, vsquish noomitted", "ml display, neq(0)", "ml display, neq(abc)"]


def _ml(rng):
    setup = [ML_DERIV_PROGRAMS, "constraint 1 x1 = 0.5"]
    model = _odd(rng, rng.choice(ML_MODELS))
    r = rng.random()
    if r < 0.4:
        return setup + [model, "ml maximize, nolog"], rng.choice(PREFIXES) + rng.choice(ML_DISPLAY + ML_MAX[:8])
    if r < 0.85:
        return setup + [model], rng.choice(PREFIXES) + _odd(rng, rng.choice(ML_MAX))
    return setup, rng.choice(PREFIXES) + _cond(rng, model)


# ------------------------------------------------------------------ glm irls, margins vce(unconditional), pwcompare saving(), mlogit
GLM = ["glm b x1, family(binomial) irls", "glm b x1, f(bin) irls vce(oim)", "glm b x1, f(bin) irls vce(eim)",
       "glm b x1, f(bin) irls vce(robust)", "glm b x1, f(bin) irls vce(cluster g)", "glm b x1, f(bin) irls vce(opg)",
       "glm b x1, f(bin) irls vce(unbiased)", "glm b x1, f(bin) irls vce(hac nwest 2)", "glm b x1, f(bin) irls vce(jackknife)",
       "glm b x1, f(bin) irls vce(bootstrap, reps(3))", "glm b x1, f(bin) irls vce(nosuch)", "glm b x1, f(bin) irls vce()",
       "glm b x1, f(bin) irls vce(cluster nosuch)", "glm b x1, f(bin) irls vce(cluster s)", "glm b x1, f(bin) irls vce(rob)",
       "glm c x1, family(poisson) irls", "glm c x1, f(poi) irls exposure(pos)", "glm c x1, f(poi) irls offset(x2)",
       "glm c x1, f(nb 1) irls", "glm c x1, f(nb ml) irls", "glm y x1, irls", "glm y x1, irls scale(x2)", "glm y x1, irls scale(dev)",
       "glm y x1, irls scale(-1)", "glm y x1, irls scale(abc)", "glm y x1, irls disp(2)", "glm y x1, irls disp(0)",
       "glm y x1, irls mu(y)", "glm y x1, irls init(x1)", "glm y x1, irls init(s)", "glm y x1, irls mu(nosuch)",
       "glm b x1, f(bin) irls iterate(0)", "glm b x1, f(bin) irls iterate(-1)", "glm b x1, f(bin) irls ltolerance(0)",
       "glm b x1, f(bin) irls vfactor(2)", "glm b x1, f(bin) irls vfactor(-1)", "glm b k, f(bin) irls", "glm b z, f(bin) irls",
       "glm b huge, f(bin) irls", "glm b x1 x3, f(bin) irls", "glm y x1 [pw=w], irls", "glm y x1 [aw=w], irls vce(robust)",
       "glm b x1 [fw=w], f(bin) irls vce(unbiased)", "glm y x1 [iw=w], irls vce(opg)", "glm b x1, f(bin) link(probit) irls",
       "glm b x1, f(bin) link(cloglog) irls", "glm b x1, f(bin) link(nosuch) irls", "glm t2 x1, f(gamma) link(log) irls",
       "glm t2 x1, f(igaussian) irls", "glm y s, irls", "glm y x1 if 0, irls", "glm y x1 in 1, irls",
       "glm b x1, f(bin) irls vce(robust) eform", "glm b x1 i.f, f(bin) irls vce(robust)", "glm c x1 i.f, f(poi) irls vce(cluster g)",
       "glm y x1 i.f, irls vce(unbiased)", "glm b c.x1##i.f, f(bin) irls vce(opg)", "mlogit o x1 i.f, vce(robust)", "mlogit o x1", "mlogit o x1, baseoutcome(2)", "mlogit o x1, b(9)",
       "mlogit o x1, rrr vce(robust)", "mlogit o x1 i.f, vce(cluster g)", "mlogit o k", "mlogit k x1", "mlogit s x1",
       "mlogit o x1, constraints(1)", "mlogit o x1 [pw=w]", "mlogit o huge", "logit b x1, vce(robust)", "regress y x1, vce(robust)"]
MARGINS = ["margins, vce(unconditional)", "margins f, vce(unconditional)", "margins, dydx(x1) vce(unconditional)",
           "margins, vce(unc)", "margins, vce(unconditional) over(f)", "margins if b, vce(unconditional)",
           "margins, vce(unconditional) at(x1 = 1e300)", "margins, vce(unconditional) predict(outcome(2))",
           "margins, vce(unconditional) predict(outcome(#9))", "margins, predict(outcome(nosuch))", "margins, predict(pr outcome(1))",
           "margins f, pwcompare", "margins f, pwcompare saving(pw12, replace)", "margins f, pwcompare saving(pw12)",
           "margins f, pwcompare(effects) saving(data.dta)", "margins f, pwcompare saving(data.dta, replace)",
           "margins f, pwcompare saving(\"\", replace)", "margins f, pwcompare saving(nosuchdir/pw, replace)",
           "margins f, pwcompare saving(pw12, replace double)", "margins f, pwcompare saving(pw12, nosuch)",
           "margins, at(x1 = (0 1)) pwcompare saving(pw12, replace)", "margins f, pwcompare(cimargins) vce(unconditional)",
           "margins f, pwcompare mcompare(bonferroni) saving(pw12, replace)", "margins r.f, saving(pw12, replace)",
           "margins, dydx(*) saving(pw12, replace)", "margins f, saving(pw12, replace) post", "margins, predict(mu) vce(unconditional)",
           "margins, expression(exp(xb())) vce(unconditional)", "margins, vce(unconditional) nose", "margins, vce(delta) level(0)",
           "pwcompare f", "pwcompare f, effects", "pwcompare f, mcompare(tukey)", "pwcompare nosuch", "pwcompare x1",
           "estat ic", "predict nv", "predict nv, pr outcome(2)", "predict p1 p2 p3", "predict p1-p3", "predict nv, outcome(#4)",
           "test x1", "test [2]x1", "lincom [2]x1 - [3]x1", "estat vce", "estimates store m1", "coefplot", "esttab"]


def _glm(rng):
    fit = _odd(rng, rng.choice(GLM))
    setup = ["constraint 1 [2]x1 = 0"] + ([fit] if rng.random() < 0.85 else [])
    return setup, rng.choice(PREFIXES) + _odd(rng, rng.choice(MARGINS))


# ------------------------------------------------------------------ xttest1, eventstudyinteract
PANEL_SETUP = ("generate first = cond(g <= 2, 3, cond(g == 3, 5, .))", "generate never = missing(first)",
               "generate rel = t - first", "generate g_2 = rel == -2", "generate g0 = rel == 0", "generate g1 = rel == 1",
               "generate g2 = rel == 2", "generate sfirst = string(first)")
PANEL = ["xttest1", "xttest1, unadjusted", "xttest1, unadj", "xttest1, nosuch", "xttest1 y", "xttest1 if b", "by f: xttest1",
         "eventstudyinteract y g_2 g0 g1, cohort(first) control_cohort(never) absorb(i.g i.t)",
         "eventstudyinteract y g_2 g0 g1, cohort(first) control_cohort(never) absorb(i.g i.t) vce(cluster g)",
         "eventstudyinteract y g0 g1, cohort(first) control_cohort(never) absorb(g t) vce(robust)",
         "eventstudyinteract y g0, cohort(first) control_cohort(never) absorb(i.g i.t) covariates(x1 x2)",
         "eventstudyinteract y g0, cohort(first) control_cohort(never)", "eventstudyinteract y g0, cohort(first) absorb(g)",
         "eventstudyinteract y g0, control_cohort(never) absorb(g)", "eventstudyinteract y, cohort(first) control_cohort(never) absorb(g)",
         "eventstudyinteract y g0 g1 [pw=w], cohort(first) control_cohort(never) absorb(g t)",
         "eventstudyinteract y g0, cohort(sfirst) control_cohort(never) absorb(g t)",
         "eventstudyinteract y g0, cohort(first) control_cohort(x1) absorb(g t)", "eventstudyinteract y g0, cohort(k) control_cohort(never) absorb(g t)",
         "eventstudyinteract y g0, cohort(first) control_cohort(never) absorb(g t f x1)",
         "eventstudyinteract y g0, cohort(first) control_cohort(never) absorb(g#t)", "eventstudyinteract y g0, cohort(first) control_cohort(never) absorb(,)",
         "eventstudyinteract y g0, cohort(first) control_cohort(never) absorb(g) vce(cluster g t)",
         "eventstudyinteract y g0, cohort(first) control_cohort(never) absorb(g) vce(bootstrap)",
         "eventstudyinteract y g0 g0, cohort(first) control_cohort(never) absorb(g t)",
         "eventstudyinteract y z, cohort(first) control_cohort(never) absorb(g t)", "eventstudyinteract huge g0, cohort(first) control_cohort(never) absorb(g t)",
         "eventstudyinteract y g0 if 0, cohort(first) control_cohort(never) absorb(g t)",
         "eventstudyinteract y g0 in 1, cohort(first) control_cohort(never) absorb(g t)",
         "eventstudyinteract y g0, cohort(first) control_cohort(never) absorb(g t) level(0)", "eventstudyinteract", "eventstudyinteract y",
         "matrix list e(b_iw)", "matrix list e(V_iw)", "matrix list e(ff_w)", "ereturn list", "estimates store m1", "coefplot",
         "esttab", "test g0", "predict nv", "margins"]
PANEL_FITS = ["xtreg y x1, re", "xtreg y x1, fe", "xtreg y x1 x2, re vce(robust)", "xtreg y k, re", "xtreg y huge, re",
              "regress y x1", "xtreg y x1 if t > 1, re", "xtreg y x1, mle", "eventstudyinteract y g0 g1, cohort(first) control_cohort(never) absorb(g t)"]


def _panel(rng):
    setup = list(PANEL_SETUP) + [rng.choice(["xtset g t", "xtset g t", "xtset g", "tsset t", ""])]
    if rng.random() < 0.75:
        setup.append(rng.choice(PANEL_FITS))
    return [s for s in setup if s], rng.choice(PREFIXES) + _odd(rng, rng.choice(PANEL))


# ------------------------------------------------------------------ estadd/estout/esttab, coefplot matrix(), catplot, khb
TABLES = ["estadd scalar a = 1", "estadd scalar a = .", "estadd scalar a = 1e300", "estadd scalar a = \"x\"", "estadd scalar = 1",
          "estadd scalar a", "estadd scalar 1a = 1", "estadd local a \"x y\"", "estadd local a `\"\"q\"\"'", "estadd local",
          "estadd matrix B = A", "estadd matrix B = A[1,]", "estadd matrix B = A[1,1]", "estadd matrix B = A[3,3]",
          "estadd matrix B = nosuch", "estadd matrix B = A, replace", "estadd matrix B = (1, 2)", "estadd ysumm, mean",
          "estadd ysumm, nosuch", "estadd summ", "estadd summ, mean sd min max", "estadd beta", "estadd vif", "estadd coxsnell",
          "estadd fitstat", "estadd mean", "estadd sd, nobinary", "estadd scalar a = 1, replace", "estadd scalar a = 1 : m1",
          "estadd scalar a = 1 : *", "estadd scalar a = 1 : nosuch", "estadd scalar a = 1 :", "estadd local a x: m1 m2",
          "estadd margins f", "estadd margins, dydx(x1) post", "estadd expand", "estadd nosuch",
          "esttab, stats(a N)", "esttab m1 m2, stats(a r2, labels(\"A\" \"R\"))", "esttab, cells(b se(par)) stats(a, fmt(%9.2f))",
          "esttab, scalars(a) sfmt(%9.3f abc)", "esttab, b(%9.2fc) se(3)", "esttab, b(a3) se(abc)", "esttab, aux(nosuch)",
          "esttab, mgroups(A B, pattern(1 0))", "esttab, mgroups(A, pattern(1 1 1 1 1))", "esttab, refcat(x1 \"Ref\", nolabel)",
          "esttab, varlabels(x1 \"X\" _cons Constant)", "esttab, varwidth(-1)", "esttab, varwidth(1e300)", "esttab, modelwidth(0)",
          "esttab, interaction(\" X \")", "esttab, unstack", "esttab, equations(1)", "esttab, eqlabels(\"A\" \"B\" \"C\")",
          "esttab, noobs nonumbers nomtitles nonotes", "esttab, plain", "esttab, compress nogaps", "esttab, indicate(\"F = *.f\")",
          "esttab, indicate(nosuch)", "esttab, margin", "esttab using e12.csv, replace plain", "esttab using e12.txt, replace",
          "esttab using e12.txt", "esttab using keep10.txt", "esttab using keep10.txt, append", "estout, cells(b(star) t)",
          "estout, cells(\"b se\" t)", "estout, stats(a, star)", "estout, collabels(none) mlabels(none)", "estout, eqlabels(none)",
          "estout, varlabels(_cons Const) label", "estout, drop(*) keep(x1)", "estout, style(fixed) delimiter(\";\")",
          "estout, prehead(\"`\"a\"'\") posthead(\"\") prefoot(\"\") postfoot(\"\")", "estout, substitute(_ \\_)", "estout, nosuch",
          "eststo clear", "eststo: quietly regress y x1", "eststo, add(a 1)", "eststo, noesample", "estimates clear\nesttab",
          "estpost summarize y x1", "estpost tabulate f", "estpost nosuch"]
COEFPLOT = ["coefplot matrix(C)", "coefplot matrix(C[1])", "coefplot matrix(C[1,])", "coefplot matrix(C[,1])", "coefplot matrix(C[2])",
            "coefplot matrix(C[3])", "coefplot matrix(C[0])", "coefplot matrix(C[-1])", "coefplot matrix(nosuch)", "coefplot matrix()",
            "coefplot matrix(C[1]), se(C[2])", "coefplot matrix(C[1]), se(2)", "coefplot matrix(C[1]), se(9)", "coefplot matrix(C[1]), se(S)",
            "coefplot matrix(C[1]), se(nosuch)", "coefplot matrix(C[1]), se()", "coefplot matrix(C[1]), v(V)", "coefplot matrix(C[1]), v(V) se(S)",
            "coefplot matrix(C[1]), ci(CI)", "coefplot matrix(C[1]), ci((CI[1] CI[2]))", "coefplot matrix(C[1]), df(3)", "coefplot matrix(C[1]), df(D)",
            "coefplot matrix(E)", "coefplot matrix(H[1]), se(H[2])", "coefplot matrix(M)", "coefplot matrix(C[1]), se(C[2]) eform",
            "coefplot matrix(C[1]), se(C[2]) levels(99 95)", "coefplot matrix(C[1]), se(C[2]) levels(0)", "coefplot matrix(C[1]), se(C[2]) vertical",
            "coefplot matrix(C[1]), coeflabels(a = \"A\" b = \"B\")", "coefplot matrix(C[1]), coeflabels(a=\"A\")",
            "coefplot matrix(C[1]), coeflabels(a = \"A\", angle(45) labsize(small))", "coefplot matrix(C[1]), coeflabels(a = \"A\", wrap(5))",
            "coefplot matrix(C[1]), coeflabels(a = \"A)", "coefplot matrix(C[1]), coeflabels(a = )", "coefplot matrix(C[1]), coeflabels(= \"A\")",
            "coefplot matrix(C[1]), coeflabels(nosuch = \"x\")", "coefplot matrix(C[1]), coeflabels(a = \"A\" a = \"B\")",
            "coefplot matrix(C[1]), coeflabels(, angle(45))", "coefplot matrix(C[1]), coeflabels(a = \"ñ日本\")", "coefplot matrix(C[1]) matrix(C[2])",
            "coefplot (matrix(C[1]), se(C[2])) (m1)", "coefplot matrix(C[1]), keep(a) drop(b)", "coefplot matrix(C[1]), rename(a = z)",
            "coefplot, coeflabels(x1 = \"X1\" _cons = \"Constant\")", "coefplot, coeflabels(x1=\"X1\", labsize(huge))",
            "coefplot m1, se(C[2])", "coefplot ., matrix(C)", "coefplot matrix(C[1]), at", "coefplot matrix(C[1]), generate(nv)"]
CATPLOT = ["catplot f", "catplot f o", "catplot f o b", "catplot f o b g", "catplot s", "catplot sid", "catplot y", "catplot z", "catplot k",
           "catplot f, percent", "catplot f o, percent(f)", "catplot f o, percent(nosuch)", "catplot f, fraction", "catplot f, fraction(o)",
           "catplot f, percent fraction", "catplot f, recast(bar)", "catplot f, recast(dot)", "catplot f, recast(line)", "catplot f, recast()",
           "catplot f, vertical", "catplot f, var1opts(relabel(1 \"a\" 2 \"b\"))", "catplot f, var1opts(relabel(1 \"a))",
           "catplot f o, var2opts(sort(1) descending)", "catplot f, var3opts(label(labsize(small)))", "catplot f, by(b)",
           "catplot f, by(s)", "catplot f, by(nosuch)", "catplot f, by(b, missing)", "catplot f m, missing", "catplot f [fw=w]",
           "catplot f [aw=x1]", "catplot f [pw=w]", "catplot f [iw=w]", "catplot f if 0", "catplot f in 1", "catplot f, ytitle(\"\")",
           "catplot f, blabel(bar, format(%3.1f))", "catplot f, blabel(bar, format(abc))", "catplot f, title(\"a) name(g12, replace)",
           "catplot f, asyvars", "catplot f o, stack asyvars percent(o)", "catplot f, over(o)", "catplot f, nosuch", "catplot",
           "catplot f, saving(data.dta)", "catplot f, saving(g12, replace)", "catplot f, percent(f) yscale(log)"]
KHB = ["khb logit b x1 || x2", "khb logit b x1 || x2, concomitant(c)", "khb logit b x1 || x2 z1, summary",
       "khb logit b x1 || x2, disentangle", "khb logit b x1 || x2, or", "khb logit b x1 || x2, notable verbose",
       "khb probit b x1 || x2", "khb regress y x1 || x2", "khb ologit o x1 || x2", "khb mlogit o x1 || x2", "khb poisson c x1 || x2",
       "khb nosuch b x1 || x2", "khb logit b x1 || k", "khb logit b x1 || z", "khb logit b x1 || x1", "khb logit b x1 ||",
       "khb logit b || x2", "khb logit b x1", "khb logit b x1 x2", "khb logit b x1 || x2 ||", "khb logit b x1 | x2", "khb logit s x1 || x2",
       "khb logit b s || x2", "khb logit b x1 || s", "khb logit b i.f || x2", "khb logit b x1 || i.f", "khb logit b x1 || x2 [pw=w]",
       "khb logit b x1 || x2 [fw=w]", "khb logit b x1 || x2 if 0", "khb logit b x1 || x2 in 1", "khb logit b huge || x2",
       "khb logit b x1 || huge", "khb logit b x1 || x2, concomitant(nosuch)", "khb logit b x1 || x2, concomitant(x1)",
       "khb logit b x1 || x2, summary disentangle or", "khb logit b x1 || x2, vce(robust)", "khb logit b x1 || x2, nosuch",
       "khb logit b x1 || x2, level(0)", "khb logit b x1 x3 || x2", "khb logit b x1 || x2 x3", "khb logit y x1 || x2",
       "khb logit b x1 || x2\npredict nv", "khb logit b x1 || x2\nestimates store m1\nesttab", "khb logit b x1 || x2\ncoefplot"]


def _tables(rng):
    setup = ["matrix A = (1, 2 \\ 3, 4)", "matrix C = (1, 2, 3 \\ .1, .2, .3)", "matrix colnames C = a b c",
             "matrix S = (.1, .2, .3)", "matrix V = I(3)", "matrix CI = (0, 1, 2 \\ 2, 3, 4)", "matrix D = (3, 4, 5)",
             "matrix E = J(0, 0, .)", "matrix H = (1e300, ., .a \\ -1e300, 0, 1)", "matrix M = (., .)"]
    family = rng.random()
    if family < 0.4:
        for name in ("m1", "m2"):
            if rng.random() < 0.8:
                setup += [rng.choice(["regress y x1", "logit b x1", "mlogit o x1", "glm b x1, f(bin) irls", "regress y k",
                                      "regress y x1 if 0", "regress huge x1", "khb logit b x1 || x2"]), f"estimates store {name}"]
        if rng.random() < 0.7:
            setup.append(rng.choice(["regress y x1 i.f", "logit b x1", "mlogit o x1"]))
        return setup, rng.choice(PREFIXES) + rng.choice(TABLES)
    if family < 0.65:
        if rng.random() < 0.6:
            setup += ["regress y x1 x2", "estimates store m1"]
        return setup, rng.choice(PREFIXES) + rng.choice(COEFPLOT)
    if family < 0.85:
        return setup, rng.choice(PREFIXES) + rng.choice(CATPLOT)
    return setup, rng.choice(PREFIXES) + _odd(rng, rng.choice(KHB))


# ------------------------------------------------------------------ asclogit and estat mfx
ASC_SETUP = ("generate case = ceil(_n / 4)", "generate alt = mod(_n - 1, 4) + 1", "bysort case (alt): generate ch = _n == 1 + mod(case, 4)",
             "generate cost = x1 + alt", "generate inc = case", "label define altl 1 air 2 train 3 bus 4 car",
             "label values alt altl", "generate salt = word(\"air train bus car\", alt)", "generate kid = mod(case, 2)")
ASC = ["asclogit ch cost, case(case) alternatives(alt)", "asclogit ch cost, case(case) alternatives(alt) casevars(inc kid)",
       "asclogit ch cost x2, case(case) alternatives(alt) basealternative(car)", "asclogit ch cost, case(case) alternatives(alt) basealternative(3)",
       "asclogit ch cost, case(case) alternatives(alt) basealternative(nosuch)", "asclogit ch cost, case(case) alternatives(salt) basealternative(bus)",
       "asclogit ch cost, case(case) alternatives(alt) noconstant", "asclogit ch cost, case(case) alternatives(alt) altwise",
       "asclogit ch cost, case(case) alternatives(alt) vce(robust)", "asclogit ch cost, case(case) alternatives(alt) vce(cluster g)",
       "asclogit ch cost, case(case) alternatives(alt) vce(bootstrap)", "asclogit ch cost [fw=w], case(case) alternatives(alt)",
       "asclogit ch cost, case(case)", "asclogit ch cost, alternatives(alt)", "asclogit ch cost, case(s) alternatives(alt)",
       "asclogit ch cost, case(x1) alternatives(alt)", "asclogit y cost, case(case) alternatives(alt)", "asclogit ch s, case(case) alternatives(alt)",
       "asclogit ch k, case(case) alternatives(alt)", "asclogit ch huge, case(case) alternatives(alt)", "asclogit ch cost cost, case(case) alternatives(alt)",
       "asclogit ch i.f, case(case) alternatives(alt)", "asclogit ch cost if 0, case(case) alternatives(alt)",
       "asclogit ch cost in 1/4, case(case) alternatives(alt)", "asclogit ch cost, case(case) alternatives(alt) iterate(0)",
       "asclogit ch cost, case(case) alternatives(alt) level(100)", "asclogit ch cost, case(case) alternatives(alt) casevars(s)",
       "asclogit ch cost, case(case) alternatives(alt) casevars(cost)", "asclogit ch, case(case) alternatives(alt) casevars(inc)",
       "asclogit ch, case(case) alternatives(alt) noconstant", "asclogit ch cost, case(case) alternatives(alt) coeflegend"]
MFX = ["estat mfx", "estat mfx, varlist(cost)", "estat mfx, varlist(inc kid)", "estat mfx, varlist(nosuch)", "estat mfx, varlist(s)",
       "estat mfx, at(median)", "estat mfx, at(mean cost = 1)", "estat mfx, at(car:cost = 20)", "estat mfx, at(nosuch:cost = 1)",
       "estat mfx, at(cost = .)", "estat mfx, at(cost = 1e300)", "estat mfx, at(cost = abc)", "estat mfx, at(cost =)", "estat mfx, at(4:cost = 1)",
       "estat mfx, at(inc = 1 inc = 2)", "estat mfx, at(mean median)", "estat mfx, at(", "estat mfx, nodiscrete", "estat mfx, noesample",
       "estat mfx if 0", "estat mfx in 1", "estat mfx if case == 1", "estat mfx, k(2)", "estat mfx, k(1)", "estat mfx, nowght nooffset",
       "estat mfx, level(0)", "estat mfx, level(99.99)", "estat mfx, nosuch", "estat alternatives", "predict nv", "predict nv, xb",
       "predict nv, pr", "predict nv, stdp", "margins", "estat ic", "estimates store m1", "esttab", "coefplot", "test cost", "lincom cost"]


def _asclogit(rng):
    setup = list(ASC_SETUP)
    if rng.random() < 0.8:
        setup.append(rng.choice(ASC[:8]))
        return setup, rng.choice(PREFIXES) + rng.choice(MFX)
    return setup, rng.choice(PREFIXES) + _odd(rng, rng.choice(ASC))


# ------------------------------------------------------------------ reghdfe with interactions
REGHDFE = ["reghdfe y x1, absorb(g#f)", "reghdfe y x1, absorb(g##c.x2)", "reghdfe y x1, absorb(g#c.x2)", "reghdfe y x1, absorb(i.g#i.f)",
           "reghdfe y x1, absorb(g f#o)", "reghdfe y x1, absorb(g#f#o)", "reghdfe y x1, absorb(g##f)", "reghdfe y x1, absorb(g##c.(x2 z1))",
           "reghdfe y x1, absorb(g#c.k)", "reghdfe y x1, absorb(g#c.z)", "reghdfe y x1, absorb(g#c.huge)", "reghdfe y x1, absorb(g#c.s)",
           "reghdfe y x1, absorb(s#g)", "reghdfe y x1, absorb(fe=g#f)", "reghdfe y x1, absorb(fe=g##c.x2)", "reghdfe y x1, absorb(g#)",
           "reghdfe y x1, absorb(#g)", "reghdfe y x1, absorb(g##)", "reghdfe y c.x1#c.x2, absorb(g)", "reghdfe y i.f#c.x1, absorb(g)",
           "reghdfe y i.f##i.o, absorb(g)", "reghdfe y i.f##c.x1, absorb(f)", "reghdfe y c.x1##c.x1##c.x1, absorb(g)",
           "reghdfe y x1 i.g, absorb(g)", "reghdfe y x1, absorb(g#f) vce(cluster g#f)", "reghdfe y x1, absorb(g) vce(cluster g#f)",
           "reghdfe y x1, absorb(g) vce(cluster g f)", "reghdfe y x1, absorb(g#f) savefe", "reghdfe y x1, absorb(g#f, savefe)",
           "reghdfe y x1, absorb(g#f) residuals(r12)", "reghdfe y x1 [aw=w], absorb(g#f)", "reghdfe y x1 [pw=w], absorb(g##c.x2)",
           "reghdfe y x1 if 0, absorb(g#f)", "reghdfe y x1 in 1, absorb(g#f)", "reghdfe y x1, absorb(g#f) noabsorb",
           "reghdfe y x1, noabsorb", "reghdfe y x1, absorb(g#f, nosuch)", "reghdfe y x1, absorb(g#f) nosuch", "reghdfe y x1, a(g#f)",
           "reghdfe y x1, absorb(g#f) keepsingletons", "reghdfe y (x1 = z1), absorb(g#f)", "reghdfe y x1, absorb(g#f) tolerance(0)",
           "reghdfe y x1, absorb(g#f) maxiterations(1)", "reghdfe y x1, absorb(ibn.g#c.x2)"]
REGHDFE_POST = ["predict nv", "predict nv, xbd", "predict nv, d", "predict nv, residuals", "margins", "margins f", "margins, dydx(x1)",
                "test x1", "estimates store m1", "esttab", "coefplot", "estadd scalar a = 1", "estat summarize", "predict nv, stdp"]


def _hdfe(rng):
    fit = _odd(rng, rng.choice(REGHDFE))
    if rng.random() < 0.5:
        return [fit], rng.choice(PREFIXES) + rng.choice(REGHDFE_POST)
    return [], rng.choice(PREFIXES) + fit


# ------------------------------------------------------------------ putexcel
PUTEXCEL = ["putexcel set p12, replace", "putexcel set p12.xlsx, sheet(\"a b\") replace", "putexcel set p12, sheet(\"\", replace)",
            "putexcel set p12, sheet(a/b) replace", "putexcel set p12, sheet(\"" + "x" * 40 + "\") replace", "putexcel set p12, modify",
            "putexcel set nosuchdir/p12, replace", "putexcel set keep10.txt", "putexcel set keep10.txt, replace", "putexcel set \"\", replace",
            "putexcel A1 = 1", "putexcel A1 = \"ñ日本\"", "putexcel A1 = (\"a\" * 3)", "putexcel A1 = (1/0)", "putexcel A1 = (y)",
            "putexcel A1 = (s)", "putexcel A1 = (nosuch)", "putexcel A1 = (\"unclosed)", "putexcel A1 = matrix(A)", "putexcel A1 = matrix(A), names",
            "putexcel A1 = matrix(E)", "putexcel A1 = matrix(nosuch)", "putexcel A1 = matrix(e(b)), colnames", "putexcel A1 = matrix(r(table))",
            "putexcel A1 = etable", "putexcel A1 = etable(1)", "putexcel A1 = image(nosuch.png)", "putexcel A1 = formula(SUM(A2:A3))",
            "putexcel A1 = formula(\"=1+\")", "putexcel A1 = 1, nformat(#.00)", "putexcel A1 = 1, nformat(abc)", "putexcel A1 = 1, bold italic",
            "putexcel A1 = 1, font(Arial, 400)", "putexcel A1 = 1, font(Arial, -1)", "putexcel A1 = 1, fpattern(solid, red)",
            "putexcel A1 = 1, fpattern(nosuch)", "putexcel A1:B2 = 1, merge", "putexcel A1:B2, border(all)", "putexcel B2:A1, hcenter",
            "putexcel A1:XFE1 = 1", "putexcel A0 = 1", "putexcel 1A = 1", "putexcel A1 = ", "putexcel = 1", "putexcel A1 B1 = 1",
            "putexcel A1 = 1 B1 = \"x\" C1 = (y)", "putexcel A1 = 1 using p12.xlsx, replace", "putexcel clear", "putexcel describe",
            "putexcel close", "putexcel save", "putexcel A1 = returnset", "putexcel A1 = (r(N))", "putexcel A1 = (e(N))",
            "putexcel A1 = (r(nosuch))", "putexcel A1 = `\"\"q\"\"'", "putexcel A1 = 1, overwritefmt", "putexcel A1 = 1, asdate",
            "putexcel A1 = 21000, asdate", "putexcel A1 = 1e300, asdatetime", "putexcel A1 = 1, txtwrap shrinkfit"]


def _putexcel(rng):
    setup = ["matrix A = (1, 2 \\ 3, 4)", "matrix E = J(0, 0, .)", "summarize y"]
    if rng.random() < 0.3:
        setup.append(rng.choice(["regress y x1", "mlogit o x1", "glm b x1, f(bin) irls", "khb logit b x1 || x2"]))
    if rng.random() < 0.75:
        setup.append(rng.choice(PUTEXCEL[:6]))
    return setup, rng.choice(PREFIXES + ["by f: "]) + rng.choice(PUTEXCEL)


# ------------------------------------------------------------------ frames and the commands that keep data aside
FRAMES = ["frame create f2", "frame change f2", "frames dir", "frame dir", "frame pwf", "pwf", "cwf default", "frame drop default",
          "frame copy default f2", "frame put y x1, into(f2)", "frame f2: summarize", "frlink m:1 g, frame(f2)", "frget z = y, from(lk)",
          "frame rename default f3", "frame reset", "frames reset", "frame", "frames", "frame nosuch: list",
          "preserve\ndrop y\nrestore", "preserve\npreserve", "restore", "restore, preserve", "restore, not", "preserve\nrestore, not\nrestore",
          "preserve, changed\ndrop _all\nrestore", "preserve\nclear\nrestore", "preserve\ncapture drop nosuch\nrestore",
          "snapshot save", "snapshot save, label(\"a b\")", "snapshot restore 1", "snapshot restore 0", "snapshot restore 99",
          "snapshot restore abc", "snapshot list", "snapshot list _all", "snapshot erase 1", "snapshot erase _all", "snapshot label 1 \"x\"",
          "snapshot label 9 \"x\"", "snapshot nosuch", "snapshot save\ndrop y\nsnapshot restore 1\nsummarize y",
          "tempfile tf\nsave `tf'\ndrop y\nuse `tf', clear", "tempfile tf\nuse `tf', clear", "save data.dta", "save data.dta, replace",
          "use data.dta", "use data.dta, clear", "use nosuch.dta, clear", "use \"\", clear", "use keep10.txt, clear", "use y x1 using data.dta, clear",
          "use y nosuch using data.dta, clear", "use in 1/3 using data.dta, clear", "use if nosuch using data.dta, clear",
          "merge 1:1 _n using data.dta", "merge 1:1 _n using data.dta, keep(nosuch)", "append using data.dta", "append using nosuch",
          "joinby g using data.dta", "cross using data.dta", "clear frames", "describe using data.dta", "describe using nosuch.dta"]


def _frames(rng):
    setup = ["save data.dta, replace"] if rng.random() < 0.6 else []
    if rng.random() < 0.3:
        setup.append("snapshot save")
    return setup, rng.choice(PREFIXES) + rng.choice(FRAMES)


FAMILIES = {"side": (_side, 6), "syntax": (_syntax, 5), "dataex": (_dataex, 3), "strings": (_strings, 4), "ml": (_ml, 4),
            "glm": (_glm, 5), "panel": (_panel, 3), "tables": (_tables, 5), "asclogit": (_asclogit, 3), "hdfe": (_hdfe, 2),
            "putexcel": (_putexcel, 2), "frames": (_frames, 2)}
ROUND12_SHAPES = {"full": 10, "one": 3, "empty": 2, "holes": 2, "strings": 1, "allmiss": 2, "extmiss": 1,
                  "magnitudes": 1, "huge": 1, "longnames": 1, "dates": 1}


def round12_cases(seed: int, count: int, only: set[str] | None = None) -> list[Case]:
    """``count`` cases, each from one family (weights above), deterministic for the seed; every
    setup starts with round 10's BASE variables and writes keep10.txt (watched with data.dta and good.csv)."""
    cases = family_cases("round12", FAMILIES, ROUND12_SHAPES, seed, count, only)
    keep = ('file open fh using keep10.txt, write replace', 'file write fh "a" _tab "b" _n "1" _tab "2" _n', "file close fh")
    return [Case(c.command, c.shape, BASE + keep + tuple(c.setup), c.line) for c in cases]


# ------------------------------------------------------------------ the checks round 12 adds
_RNG_SEEN: list = []  # the session of the case running, and its stream's state before the line


def _stream_state(session):
    rng = session.__dict__.get("_rng")
    return (session.seed, None if rng is None else repr(rng.bit_generator.state))


def _fingerprint_with_stream(session, xi):
    _RNG_SEEN[:] = [session, _stream_state(session)]
    return _ORIGINAL_FINGERPRINT(session, xi)


_ORIGINAL_FINGERPRINT = fc.fingerprint


def _checked_for_effects(line: str) -> bool:
    bare = re.sub(r"^(by|bysort)\s[^:]*:\s*", "", fc._bare(line).lstrip())
    word = re.split(r"[\s:,]", bare, maxsplit=1)[0]
    return "\n" not in line and word in RNG_CHECKED


def run_case_checking_effects(case, folder):
    """Round 11's checks, plus: a failing line (rc != 0, or a captured failure) of the commands
    above leaves the random-number stream as it was and creates no fx12.txt."""
    target = os.path.join(folder, "fx12.txt")
    if os.path.exists(target):
        os.remove(target)
    _RNG_SEEN[:] = []
    rc, findings, printed = r11.run_case_watching_files(case, folder)
    if rc == 0 and re.search(r",.*\bappend\b", case.line):  # esttab/estout using f, append: asked for
        findings = [f for f in findings if "file written over" not in f.detail]
    if rc not in (0, -1, -2) and _checked_for_effects(case.line):
        if os.path.exists(target):
            findings.append(fc.Finding("data-changed", case, f"rc {rc}; a failing line wrote fx12.txt"))
        if _RNG_SEEN and _stream_state(_RNG_SEEN[0]) != _RNG_SEEN[1]:
            findings.append(fc.Finding("data-changed", case, f"rc {rc}; a failing line moved the random-number stream"))
    return rc, findings, printed


def main(argv=None) -> int:
    fc.fingerprint = _fingerprint_with_stream
    fc.run_case = run_case_checking_effects
    return run_main(__doc__.split("\n\n")[0], round12_cases, argv)


if __name__ == "__main__":
    sys.exit(main())

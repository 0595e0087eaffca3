"""The lines of the command-level fuzz (tests/fuzz_commands.py runs them): the generated data,
placeholders filled from a help page's syntax line and option table, the setup a command needs,
and the cases (command, data shape, setup lines, the line), all derived from a seed.
See docs/command_fuzz.md."""
from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass

from mlmcli.commands import COMMANDS, lookup
from mlmcli.errors import StataError
from mlmcli.help import find_page, load_page, page_names

# commands that reach the network, wait, end the process or run operating-system commands
# (`shell *` would run whatever file comes first): not fuzzed
SKIPPED = {"net", "ssc", "webuse", "sleep", "exit", "quit", "cscript", "shell", "xshell", "winexec"}

# ------------------------------------------------------------------ the data (fuzz_command_data)
from fuzz_command_data import (ALLVARS, EXTRA, LONG_NAME, NUMERIC, SHAPES, STRINGS,  # noqa: E402,F401
                               fresh_session, make_frame)

# ------------------------------------------------------------------ filling placeholders
ODD_NUMBERS = ["0", "-1", "1", "2", "3", "0.5", "-0.5", "99", "100", "1e300", "-1e300", "2147483648", ".",
               "1e-300", "9999999", "x1", "abc", ""]
ODD_ARGS = ["", " ", "-1", "0", "1", "1e300", "abc", "x1", "g", "x1 x2", "nosuch", ".", "(", "\"\"", "\"a b\"",
            "1 2 3", "y x1", "i.f", ",", "1/3", "%9.2f", "_all", "*"]
EXPRESSIONS = ["x1", "x1 + 1", "y > 1", "x1 * (b == 1)", "s", "s == \"a\"", "ln(t2)", "1/0", ".", "_n", "g",
               "missing(m)", "x1 / z", "\"text\"", "_b[x1]", "e(N)", "r(mean)", "x1 >", "(", "1e300 * 1e300",
               "nosuch", "sum(x1)", "x1[_n-1]", "k == 3", "abs(y)"]
CONDITIONS = ["x1 > 0", "b == 1", "g == 1", "s == \"a\"", "m < .", "z < .", "0", "1", "t <= 2", "x1 >", "nosuch",
              "_n == 1", "y > 1e300", "g == 99"]
CONDITIONS += ["y == .a", "y >= .", "x1 < .a", "inlist(g, 1, 3)", "inrange(x1, -1, 1)", "!missing(y, x1)",
               "s != \"\"", "`n' > 2", "strlen(s) > 1", "f == \"low\":fl", "d > td(01jan2020)", "_n > _N / 2",
               "s > \"a\" & x1 < .", "(x1 > 0) * (g < 3)", "1e300 > y", "`e'", "missing(.z)", "s == `\"a\"'"]
RANGES = ["1/5", "1", "f/l", "-5/l", "3/1", "1/1000", "0", "l", "10/20", "41/41", "-1/-5", "f/-1", "2/2", "l/f",
          "`n'/l", "1/2147483648", ".", "1.5/3"]
WEIGHTS = ["[fw=w]", "[aw=w]", "[pw=w]", "[iw=w]", "[fw=x1]", "[aw=m]", "[pw=z]", "[fw=k]", "[w=w]",
           "[fweight=nosuch]", "[aw=s]", "[fw=]", "[pw=t2]", "[fw=c]", "[aw=x2]", "[iw=x1]", "[aw=1/t2]",
           "[fweight=w*2]", "[pw=w] [fw=w]", "[aw=`n']", "[fw=b]"]
FACTORS = ["i.f", "i.g", "c.x1", "i.f#c.x1", "f##g", "i.b", "ibn.f", "ib2.f", "i.s", "i.m", "o.x1", "L.y", "D.x1"]
# round 2: more factor-variable and time-series operators (docs/command_fuzz.md)
OPERATORS = ["L(0/2).y", "L2.x1", "F.x1", "D2.y", "S.y", "LD.x1", "L.(y x1)", "cL.x1", "i(1 3).f", "io2.f",
             "c.x1#c.x1", "i.f#i.g#c.x1", "i.(f g)", "ib(last).f", "ib(freq).g", "b1.f", "1.f", "2.f#c.x1",
             "f#g", "c.x1##c.x2", "i.f##i.b##c.x1", "L(-1/1).x1", "L100.y", "i.", "c.s", "i.z", "ib99.f",
             "F2.(y x1)", "i.o#c.L.x1", "0.b", "(f g)##c.x1", "i.f#i.f", "c.y#i.y", "L.i.f", "i.t2"]
# macros the setup defines (a line naming an undefined one meets it empty, as in Stata)
MACRO_SETUP = ['local v "x1 x2"', "global G y", "local q `\"a \"b\" c\"'", 'local e "`"', "local n 3",
               'local fv "i.f##c.x1"', "local if \"if x1 > 0\""]
MACRO_WORDS = ["`v'", "$G", "${G}", "`fv'", "`nosuch'", "`=1+1'", "`:word 1 of `v''", "$nosuch", "`n'",
               "`: variable label y'", "`q'", "`e'"]
NEW_NAMES = ["nv", "nv2", "p", "res", "nv_1", "y", "x1", "s", "_new", "1bad", "a" * 40, "nv*"]
FILES = ["out.dta", "out.csv", "nosuch.dta", "nofolder/x.dta", "data.dta", "good.csv", "\"a b.dta\"", "out",
         "out.txt", "out.png", "dir.dta"]
TYPES = ["byte", "int", "long", "float", "double", "str5", "strL", "str0", "str3000", "nosuch"]
NAMES = ["a", "m1", "_x", "b2", "nosuch", "a" * 33, "1a", "est"]
FITS = ["regress y x1 x2 i.f", "logit b x1 i.f", "mixed y x1 || g:", "poisson c x1", "ologit o x1",
        "probit b x1 x2", "regress y x1 [aw=w]", "glm c x1, family(poisson)", "melogit b x1 || g:",
        "mlogit o x1", "nbreg c x1", "xtreg y x1, fe", "xtreg y x1, re", "stcox x1", "streg x1, dist(weibull)",
        "tobit y x1, ll(0)", "anova y f g", "qreg y x1", "areg y x1, absorb(g)", "xtlogit b x1",
        "mixed y x1 || g: x1, cov(un)", "sem (y <- x1 x2)", "mepoisson c x1 || g:"]
ST_FITS = ["stcox x1", "streg x1, dist(weibull)", "stcox x1 i.f", "streg x1, dist(exponential)",
           "stcrreg x1, compete(f == 2)"]
ESTCMDS = ["regress y x1", "summarize x1", "logit b x1", "mixed y x1 || g:", "mean x1", "tabulate f",
           "poisson c x1", "nosuch"]

_SINGLE = {"depvar", "depvar1", "depvar2", "yvar", "y1var", "y2var", "xvar", "response_var", "group_var",
           "factor_var", "mvar", "svar", "refvar", "classvar", "varname", "varname1", "varname2", "oldvar",
           "strvar", "timevar", "panelvar", "idvar", "groupvar", "target", "rater", "judge_id", "rating",
           "indepvar", "crvar", "evarname", "clustvar", "absvar", "rowvar", "colvar", "supercolvar",
           "levelvar", "old_varname", "yvar1", "yvar2", "failvar", "byvar", "varname2"}
_MANY = {"indepvars", "varlist", "fe_indepvars", "termlist", "yvars", "evarlist", "stubnames", "marginlist",
         "coeflist", "clist", "varlist1", "varlist2", "absvars", "groupvars", "yvar1", "fe_equation",
         "paths", "namelist", "term(s)"}
_NEW = {"newvar", "newvarlist", "stub", "new_varname", "newvarname", "stub*", "target_var"}
_FILES = {"filename", "filename1", "filename2", "filenamein", "filenameout", "directoryname", "dirname",
          "directory_name", "filename[.suffix]"}
_NAMES = {"name", "lclname", "lmacname", "macroname", "macroname1", "macroname2", "macroname3", "mname",
          "scalar_name", "scalar_names", "postname", "lblname", "lblnames", "program_name", "gname",
          "graphname", "logname", "recordingname", "pkgname", "name-consistent", "name-efficient",
          "modelspec1", "modelspec2", "charname", "A", "B", "obj", "eqno"}


# Half the cases are *tame*: existing numeric variables first, plausible arguments, no mutation,
# so that lines get past the parser into the engines; the others are hostile throughout.
_TAME = [False]
TAME_NUMERIC = ["y", "x1", "x2", "b", "c", "o", "g", "t", "w", "f", "t2", "m", "k", "z"]
TAME_NUMBERS = ["0", "1", "2", "3", "0.5", "5", "10", "90", "99", "-1", "100"]


def one_var(rng: random.Random) -> str:
    if _TAME[0]:
        return rng.choice(TAME_NUMERIC[:9] * 3 + TAME_NUMERIC[9:] + STRINGS + ["d", LONG_NAME, "v1"])
    return rng.choice(ALLVARS + ["y", "x1", "g", "nosuch", "x*", "_all"] + EXTRA + MACRO_WORDS[:6])


def many_vars(rng: random.Random) -> str:
    if _TAME[0]:
        pool = TAME_NUMERIC[:9] * 3 + TAME_NUMERIC[9:] + STRINGS + FACTORS[:6] + OPERATORS[:12] + ["`v'", "d"]
        return " ".join(rng.choice(pool) for _ in range(rng.choice([1, 1, 2, 2, 3])))
    pool = ALLVARS + FACTORS + ["nosuch", "x*", "y-x2", "_all", "x1 x1", "v*", "v1-v284", "a_*"] + OPERATORS \
        + EXTRA + MACRO_WORDS
    return " ".join(rng.choice(pool) for _ in range(rng.choice([1, 1, 2, 2, 3, 4])))


def number(rng: random.Random) -> str:
    return rng.choice(TAME_NUMBERS if _TAME[0] else ODD_NUMBERS)


def option_argument(rng: random.Random, placeholder: str) -> str:
    """An argument for ``opt(placeholder)``: plausible for its kind half of the time, odd otherwise."""
    p = placeholder.strip()
    if rng.random() < (0.1 if _TAME[0] else 0.5):
        return rng.choice(ODD_ARGS)
    if p in ("#", "#.#") or p.startswith("#"):
        return number(rng)
    if "var" in p and "new" not in p:
        return many_vars(rng) if p.endswith(("varlist", "vars")) else one_var(rng)
    if "new" in p or p == "stub":
        return rng.choice(NEW_NAMES)
    if "%fmt" in p or p == "fmt":
        return rng.choice(["%9.2f", "%5s", "%td", "%999.0g", "abc"])
    if "numlist" in p:
        return rng.choice(["1 2 3", "1/3", "0", "-1", "5(5)20", "1/1000000"])
    if "|" in p:
        return rng.choice(p.split("|")).strip()
    if "vcetype" in p:
        return rng.choice(["robust", "cluster g", "cluster nosuch", "bootstrap, reps(2)", "jackknife", "oim",
                           "opg", "nosuch", "cluster", "cluster s", "bootstrap, reps(0)"])
    if "level" in p:
        return rng.choice(["g", "_all", "nosuch", "x1"])
    return rng.choice(ODD_ARGS)


_OPTION_RE = re.compile(r"^([A-Za-z_][\w]*)(?:\[?\(([^)]*)\)\]?)?")


def page_options(page) -> list[tuple[str, str | None]]:
    """(name, argument placeholder or None) of every option the page's tables list."""
    out = []
    for _, rows in page.options:
        for opt, _ in rows:
            for alt in re.split(r"\s*/\s*|\s+\|\s+", opt):
                m = _OPTION_RE.match(alt.strip())
                if m:
                    out.append((m.group(1), m.group(2)))
    return out


def option_mix(rng: random.Random, page) -> str:
    """0-4 of the page's options with odd arguments, sometimes repeated, sometimes an unknown one."""
    known = page_options(page) if page else []
    picked = []
    count = rng.choice([0, 1, 1, 2] if _TAME[0] else [0, 1, 1, 2, 2, 3, 4])
    if _TAME[0] and rng.random() < 0.3:
        count = rng.choice([2, 3, 4, 5])  # combinations of the page's options, plausible arguments
    for _ in range(count):
        if known and rng.random() < (0.97 if _TAME[0] else 0.85):
            name, arg = rng.choice(known)
            if arg is None:
                text = name if rng.random() < 0.9 else f"{name}({rng.choice(ODD_ARGS)})"
            else:
                roll = rng.random()
                text = f"{name}()" if roll < 0.08 else name if roll < 0.14 else f"{name}({option_argument(rng, arg)})"
        else:
            text = rng.choice(["nosuch", "level(90)", "vce(robust)", "by(g)", "gen(nv)", "replace", "clear",
                               "nolabel", "detail", "missing", "noconstant", "if", "(", "robust"])
        picked.append(text)
        if rng.random() < 0.1:
            picked.append(text)  # the same option twice
    return " ".join(picked)


def fill_word(rng: random.Random, word: str, page, estcmd: bool) -> str:
    """A syntax line's word: a placeholder filled, a literal kept."""
    bare = word.strip('"')
    if word in ("...", "…"):
        return ""
    if word == "#" or re.fullmatch(r"#\w*", word):
        return number(rng)
    if bare in _SINGLE:
        return one_var(rng)
    if bare in _MANY or bare.endswith("varlist"):
        return many_vars(rng)
    if bare in _NEW:
        return rng.choice(NEW_NAMES)
    if bare in _FILES:
        return rng.choice(FILES)
    if bare in _NAMES:
        return rng.choice(NAMES)
    if bare in ("exp", "=exp", "exp=exp", "exp1", "exp2", "f(x)", "matrix_expression", "(exp)", "string"):
        return ("=" if bare.startswith("=") else "") + rng.choice(EXPRESSIONS)
    if bare == "type":
        return rng.choice(TYPES)
    if bare in ("estcmd", "command", "postestimation_command", "estimation_command", "any_command",
                "graph_command", "commands"):
        return rng.choice(ESTCMDS)
    if bare in ("re_equation",):
        return rng.choice(["g:", "g: x1", "g: x1, cov(un)", "_all: R.f", "nosuch:", "g: s", ":", "g: , nocons"])
    if bare in ("numlist", "numlist=mvc"):
        return rng.choice(["1 2", "1/3", "-1", ".", "1e300"])
    if bare in ("exp_list",):
        return rng.choice(["_b", "r(mean)", "m=r(mean)", "_se", "e(N)", "(r(mean))", "x=", "nosuch"])
    if bare.endswith("options") or bare == "statistic":
        return option_mix(rng, page)
    inner = re.fullmatch(r"([A-Za-z_]\w*)\(([^()]*)\)", word)
    if inner:  # generate(newvar), min(#): the argument filled as an option's
        return f"{inner.group(1)}({option_argument(rng, inner.group(2))})"
    if word.startswith('"') and word.endswith('"') and len(word) > 1:
        return rng.choice(['"text"', '""', '"a b"', '"`"', "text", "`\"a \"b\" c\"'", '"`q\'"', "`q'",
                           '"$G"', '"`e\'"', "`\"`\"x\"'\"'", '"a\\"'])
    return word


_TOKEN_RE = re.compile(r'"[^"]*"|\[|\]|\{|\}|\||\s+|,|[^\s\[\]{}|,"]+')


def _parse(tokens: list[str], i: int, close: str | None):
    """Tokens -> nested groups: ('seq', [alternatives of item lists]) for brackets and braces."""
    alternatives: list[list] = [[]]
    while i < len(tokens):
        tok = tokens[i]
        if tok == close:
            return alternatives, i + 1
        if tok in ("[", "{"):
            inner, i = _parse(tokens, i + 1, "]" if tok == "[" else "}")
            alternatives[-1].append(("opt" if tok == "[" else "alt", inner))
            continue
        if tok == "|":
            alternatives.append([])
        else:
            alternatives[-1].append(tok)
        i += 1
    return alternatives, i


def render(rng: random.Random, alternatives: list[list], page, estcmd: bool) -> str:
    items = rng.choice(alternatives)
    out = []
    for item in items:
        if isinstance(item, tuple):
            kind, inner = item
            flat = "".join(x for alt in inner for x in alt if isinstance(x, str)).strip()
            if kind == "opt":
                if flat == "if" or flat == "if exp":
                    if rng.random() < 0.4:
                        out.append(f" if {rng.choice(CONDITIONS[:7] if _TAME[0] else CONDITIONS)}")
                    continue
                if flat == "in":
                    if rng.random() < 0.3:
                        out.append(f" in {rng.choice(RANGES[:4] if _TAME[0] else RANGES)}")
                    continue
                if flat in ("weight", "fweight", "fweight aweight iweight") or flat.startswith(("fw|", "fw")):
                    if rng.random() < 0.3:
                        out.append(" " + rng.choice(WEIGHTS[:6] if _TAME[0] else WEIGHTS))
                    continue
                if rng.random() < 0.55:
                    out.append(render(rng, inner, page, estcmd))
            else:
                out.append(render(rng, inner, page, estcmd))
        elif item.isspace():
            out.append(" ")
        else:
            out.append(fill_word(rng, item, page, estcmd))
    return "".join(out)


def syntax_lines(page, command: str) -> list[str]:
    """The page's syntax lines that type a command (the first word names one in the registry)."""
    lines = []
    for line in page.syntax:
        text = line.strip()
        text = re.sub(r"\s{3,}\(.*\)$", "", text)  # ttest's "(one-sample)" notes
        text = re.sub(r"^\[twoway\]\s*", "", text)
        text = re.sub(r"^\[by varlist:\]\s*", "", text)
        first = text.split(" ", 1)[0].split(",")[0].split("[")[0]
        if not first or not re.fullmatch(r"[a-z_][\w]*", first):
            continue
        try:
            lookup(first)
        except StataError:
            continue
        if first in {"by", "and", "where", "with", "after", "filename"}:
            continue
        lines.append(text)
    return lines or [f"{command} [varlist] [if] [in] [weight] [, options]", command]


def mutate(rng: random.Random, text: str) -> str:
    """A token dropped, doubled or replaced by a hostile one (parsers see broken input too)."""
    words = text.split(" ")
    k = rng.randrange(len(words))
    how = rng.choice(["drop", "double", "replace", "cut"])
    if how == "drop" and len(words) > 1:
        del words[k]
    elif how == "double":
        words.insert(k, words[k])
    elif how == "cut":
        words[k] = words[k][:rng.randrange(len(words[k]) + 1)]
    else:
        words[k] = rng.choice(["", ",", "(", ")", "if", "=", "`", "'", '"', "||", "[fw=w]", "#", "##", "i.f",
                               "L.y", "-", ":", "1e400", "2147483648", "_all", "in", "using", "x" * 40])
    return " ".join(words)


# ------------------------------------------------------------------ what a command needs first
POST_PAGES = {"predict", "margins", "test", "testparm", "lincom", "nlcom", "contrast", "pwcompare", "lrtest",
              "hausman", "linktest", "etable", "marginsplot", "estout", "outreg", "outreg2", "frmttable",
              "fitstat", "lroc", "lsens", "rvfplot", "stcurve", "reffadjust4nlcom", "gllapred", "ereturn",
              "estat", "estimates", "suest"}
ST_COMMANDS = {"stcox", "streg", "stcrreg", "sts", "stsum", "stdescribe", "st", "stcurve", "stset"}


def setup_for(rng: random.Random, command: str, page_name: str) -> list[str]:
    lines = []
    head = page_name.split("_")[0]
    if command.startswith("xt") or command in ("tsline", "tsreport", "tsfill", "tsappend", "tsunab", "xtline"):
        lines.append("xtset g t" if rng.random() < 0.8 else "tsset t")
    if command in ST_COMMANDS or rng.random() < 0.05:
        lines.append(rng.choice(["stset t2, failure(b)", "stset t2", "stset t2, failure(b) id(sid)"]))
    if head in POST_PAGES or command in POST_PAGES or page_name.startswith("estat"):
        fit = rng.choice(ST_FITS if command == "stcurve" else FITS)
        if fit.startswith("xt"):
            lines.append("xtset g t")
        if fit.startswith("st"):
            lines.append("stset t2, failure(b)")
        if rng.random() < 0.3:
            lines.append("estimates store m1")
            lines.append(rng.choice(FITS[:4]))
        lines.append(fit)
    if command in ("mi",) and rng.random() < 0.5:
        lines.append("mi set wide")
    return lines


# ------------------------------------------------------------------ generating cases
@dataclass(frozen=True)
class Case:
    command: str
    shape: str
    setup: tuple[str, ...]
    line: str


def page_for(spec) -> tuple[str, object]:
    page = find_page(spec.name)
    return (page.name if page else spec.name), page


@functools.lru_cache(maxsize=None)
def _all_pages() -> tuple:
    """(name, page) of every help page, read once (load_page's cache holds fewer than there are)."""
    return tuple((name, load_page(name)) for name in page_names())


@functools.lru_cache(maxsize=None)
def _syntax_lines(page_name: str, command: str) -> tuple[str, ...]:
    return tuple(syntax_lines(dict(_all_pages())[page_name], command))


def cases_for(spec, rng: random.Random, count: int) -> list[Case]:
    """``count`` lines for one registered command, each from one of its pages' syntax lines."""
    pages = [(name, page) for name, page in _all_pages()
             if name == spec.name or name.startswith(spec.name + "_") or spec.name in page.aliases]
    if not pages:
        name, page = page_for(spec)
        pages = [(name, page)]
    out = []
    for _ in range(count):
        _TAME[0] = rng.random() < 0.5
        name, page = rng.choice(pages)
        templates = _syntax_lines(name, spec.name) if page else [f"{spec.name} [varlist] [if] [in] [, options]"]
        template = rng.choice(templates)
        tokens = [t for t in _TOKEN_RE.findall(template)]
        tree, _ = _parse(tokens, 0, None)
        line = re.sub(r"\s+", " ", render(rng, tree, page, False)).strip()
        line = re.sub(r"\s+,", ",", line)
        if not _TAME[0] and rng.random() < 0.3:
            line = mutate(rng, line)
        if rng.random() < 0.05 and spec.byable:
            line = rng.choice(["by g: ", "bysort f: ", "by s, sort: "]) + line
        shape = rng.choices(list(SHAPES), weights=list(SHAPES.values()))[0]
        setup = setup_for(rng, spec.name, name)
        line = prefixed(rng, spec, line)
        if re.search(r"\b[LFDS]\d*[.(]|\bc?L\.", line) and not any(x.startswith(("xtset", "tsset")) for x in setup) \
                and rng.random() < 0.7:
            setup.insert(0, "xtset g t")  # time-series operators need it
        if "`" in line or "$" in line:
            setup[:0] = MACRO_SETUP
        out.append(Case(spec.name, shape, tuple(setup), line))
    return out


# prefixes any line may carry (round 2); by-prefixes only on byable commands, as before
PREFIXES = ["capture ", "quietly ", "noisily ", "capture noisily ", "quietly capture ", "xi: ", "version 13: ",
            "bootstrap, reps(2) nodots: ", "bootstrap _b, reps(2) seed(1) nodots: ", "jackknife, nodots: ",
            "statsby _b, by(g) clear nodots: ", "statsby m=r(mean), by(f) nodots: ", "capture xi: ",
            "quietly bysort g (t): ", "capture by f, sort: ", "by g t, sort: ", "bys g: ", "bysort nosuch: ",
            "capture noisily quietly "]


def prefixed(rng: random.Random, spec, line: str) -> str:
    """The line, or (15% of the time) the line behind one or two prefixes."""
    if rng.random() >= 0.15:
        return line
    for _ in range(rng.choice([1, 1, 2])):
        prefix = rng.choice(PREFIXES)
        if re.search(r"\bby", prefix) and not spec.byable:
            continue
        line = prefix + line
    return line


def all_cases(seed: int, per_command: int, only: set[str] | None = None) -> list[Case]:
    cases = []
    for spec in COMMANDS:
        if spec.name in SKIPPED or (only and spec.name not in only):
            continue
        rng = random.Random(f"{seed}:{spec.name}")  # per command: adding one keeps the others' lines
        cases.extend(cases_for(spec, rng, per_command))
    return cases

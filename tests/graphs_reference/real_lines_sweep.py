"""Run the graph command lines of public do-files (``real_graph_lines.txt``) through mlm and class
what happens.

    PYTHONPATH=$PWD python3 tests/graphs_reference/real_lines_sweep.py [--show CLASS ...] [--grep TEXT]
        [--repos OWNER/REPO,...] [--file manual_graph_lines.txt] [--macro-file FILE] [--macros]

(``--repos``: only the lines of those repositories, by their ``# owner/repo:path`` comments;
``--file``: another list of lines in this folder, e.g. ``manual_graph_lines.txt``, the manuals' own
example commands, or ``realworld_graph_lines.txt``, the graph lines of tests/realworld; ``--macro-file``:
that list's macro definitions, e.g. ``realworld_graph_macros.txt``; ``--macros``: only the lines that use macros.)

Not a test: a tool to find what to mend (like ``option_sweep.py``).  Each line gets a fresh
session whose data are made up as the line asks for them: the line runs, and while mlm answers
``variable X not found`` r(111) a variable X is added (60 observations) and the line runs again.
A new variable takes the numbers the line compares it with (``x==2``, ``inlist(x, 1, 5)``,
``x>=1990``), integers 1-5 when it is a frequency weight (``[fweight=pop]``), 0/1 when it is an indicator (``if foreign``, ``if !foreign``) or, when the line groups by it (``by()``, ``over()``), the values 1-3; otherwise
uniform values in (1, 10).  ``graph combine``/``graph use``/``graph display``/``graph export``
lines first get the graphs they name (drawn scatters, saved where a .gph is named); every line
runs in its own scratch folder (with the sub-folders an export path names).

Classes: ``drawn`` (rc 0 and every new graph draws in matplotlib), ``stata-error`` (an error
Stata gives too: the line is wrong, judged by hand in ``STATA_REJECTS`` below, rc checked),
``wrong-rc`` (an error Stata gives too but with another return code), ``refused`` (``not
supported by mlmcli``), ``internal`` (rc 9999, or drawing the figure raised), ``data`` (the line
needs something the made-up data cannot give: results of earlier commands -- ``marginsplot``
without ``margins`` --, a user-written command, no observations), ``error`` (any other error: to
look at), ``command`` (a graph command mlm does not implement: ``rvfplot``, ``avplots`` ...).
Lines using macros (`` ` `` or ``$``) run with their own do-file's definitions
(``real_graph_macros.txt``, ``collect_graph_macros.py``: each ``local``/``global`` of that file in
file order, a loop's macro its first value) run first and the line expanded by mlm before it
runs (an absolute path it then names is cut to its file name); a line naming a macro its file
does not define is skipped (``skipped-macro``): its text is not what runs.  The summary counts
the macro lines apart too.
"""
from __future__ import annotations

import os
import re
import signal
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from collect_graph_macros import definition, used_names  # noqa: E402

from graphs_helpers import figure, run  # noqa: E402

from mlmcli.dataset import Dataset  # noqa: E402
from mlmcli.session import Output, Session  # noqa: E402

import io  # noqa: E402
import pandas as pd  # noqa: E402

N = 120

# Lines Stata 13 itself rejects, judged by hand: (regex searched in the line, Stata's return code
# or None where only "an error" is known, why).
STATA_REJECTS: list[tuple[str, int | None, str]] = [
    (r"^(histogram|scatter)$", 100, "no varlist: varlist required"),
    (r"^scatter \w+$", 102, "one variable: scatter needs a y and an x, too few variables specified"),
    (r"\bexport\b.*\bresolution\(", 198, "[G-3] png_options: width() and height() only"),
    (r"^graph (bar|box)$", 198, "graph.ado 1.1.9: nothing after the family word is 'graph specification "
                                "required' r(198)"),
    (r"normden\(", 133, "normden() works only under version 9 (renamed normalden() in 9; Statalist "
                        "2011-08 msg00765): unknown function"),
    (r"^graph drop panel\*$", 111, "gr_drop.ado (Stata 12): no wildcards; gs_stat exists panel* fails"),
    (r"\.\.\.x$", None, "'...x' is no variable name (rc unchecked)"),
    (r"^graph box-and-whisker plot$", None, "no such graph subcommand (rc unchecked)"),
    (r"^hist \w+, .*\bbor(der)?\b", 198, "border is graph7's histogram option (Stata 7): not allowed in 8+"),
    (r"^two comparisons ", None, "prose of a comment the collector kept"),
    (r", replace, preview\(on\)$", 198, "a second comma: invalid syntax"),
    (r"^twoway rarea y x, cmissing\(n\)$", None, "[G-2] graph twoway rarea's cmissing() text, copied from twoway "
                                               "area's: a range needs two y (rc unchecked)"),
    (r"\|\|, msymbol\(Oh\) saving\(mygraph\)$", None, "[G-2] graph twoway's own 'The following is an error': a "
                                                    "plot's option where only twoway options may go (rc unchecked)"),
    (r"^graph \(sum\) bar ", None, "[G-2] graph bar's own misprint (the statistic before the family word): "
                                   "no graph subcommand (rc unchecked)"),
    (r"^twoway histogram \w+, bins\(", 198, "twoway__histogram_gen.ado (Stata 12's 1.1.14) declares BIN(), no "
                                             "bins(): a later manual's quick start; option bins() not allowed"),
    (r", colorvar\(", 198, "colorvar() is Stata 18's ([G-3] colorvar_options): Stata 13's twoway has no such "
                           "option, option colorvar() not allowed"),
    (r"^twoway (rpcap|heatmap) ", 198, "rpcap and heatmap are plottypes of a later Stata (the current manuals' "
                                       "[G-2] graph twoway rpcap, heatmap; not in Stata 13's plottype list): "
                                       "not a twoway plot type"),
    (r"^(dotplot|graph box|scatter) \w+( \w+)? title\(", None,
     "options typed without a comma: title( is read as a variable name (rc unchecked)"),
    # third round (rl40)
    (r"\|\| lfit gphm weight ytitle\(", None,
     "options typed without a comma (grodri's markstat.stmd shows the error): rc unchecked"),
    (r"\)\}$|replace\}$", 198, "a stray } after the options (Mixtape's lmb.do, synth_1.do): invalid syntax"),
    (r", \\\\\\$", 198, "\\\\\\ typed for /// (Mixtape's ks.do): not an option"),
    (r"\(lfit y x\) \.$", None, "a stray . after the plots (mshams1's graph.do): rc unchecked"),
    (r"[\u3400-\u9fff]", None, "Chinese variable names: Stata 13's names are ASCII (Unicode names came "
                              "in Stata 14): rc unchecked"),
    (r'export "[^"]*\.xls"', None, "graph export to .xls: no such format (rc unchecked)"),
    (r"\)///$", None, "/// glued to ) ([U] 16.1.3/[P] comments: the indicator must follow a blank): the "
                      "next line is not joined, rc unchecked"),
    # rf43
    # rl45
    (r'title\("[^"]* ///$', None, "/// inside a quoted title is text, not a continuation (agrogan1's "
                                  "rendered visual guide shows its caption's ///): the quote is never "
                                  "closed (Mixtape's cluster.do, cluster4b.do), rc unchecked"),
    (r"^graph drop _all sysuse auto, clear #delimit tw ", None,
     "#delimit ; mode (mthevenin's programme_p1.do never types #delimit cr): `graph drop _all` and "
     "`sysuse auto, clear` run on into the next command up to its ;, whatever a bare #delimit does "
     "(rc unchecked)"),
    (r"\[option1\]", None, "a syntax schema ([option1] ... [option n]), not a command (rc unchecked)"),
    (r"[\u201c\u201d]", None, "typographic quotes \u201c5k\u201d are no Stata string delimiters: label "
                             "text not quoted (rc unchecked)"),
    (r"^twoway \(kdensity \w+ if [^()]*\|\| kdensity", None,
     "|| inside a plot's parentheses: _parse expand keeps (cmd) whole, so `if` reads `dmmfd==1 || "
     "kdensity ...` as its expression (rc unchecked)"),
    (r"\|\| lfit \w+ \w+ i\.\w+$", 101, "lfit's varlist is yxview's varlist(numeric ts): factor variables not "
                                       "allowed (AaronScherf's Session4)"),
    (r"^twoway \(scatter abs_e variable2 \(lowess", None, "a parenthesis never closed (jngod2011's hetero.part1.do): "
                                                       "rc unchecked"),
    (r"^histogram \w+ \w+ \w+", 103, "histogram takes one varname: too many variables specified"),
    (r"^graph bar \(count\), by\(", None, "no yvars without over() ([G-2] graph bar: yvars is optional only with "
                                         "over()), rc unchecked"),
    (r"by\(, title\(\"Gr", 100, "graph.ado's MergeBy: by() typed only without a varlist, varlist required in by()"),
    (r"\b\w*[\u00c0-\u024f]\w*\s*==", None, "an accented variable name (mthevenin's espèce==1): Stata 13's names "
                                          "are ASCII (Unicode names came in Stata 14), rc unchecked"),
    (r"\baxis\(\.\d", None, "axis(.025) (kohler05c's anr2diff_by_GDP.do): an axis number is an integer 1-9 "
                             "([G-3] axis_choice_options), rc unchecked"),
    (r"^histogram .*\bbinrescale\b", 198, "binrescale is Stata 14's (whatsnew13to14 item 85; histogram.ado "
                                           "1.2.10 of Stata 12 has no BINRESCALE): option binrescale not allowed"),
]

USER_WRITTEN = ("coefplot", "grc1leg", "binscatter", "spmap", "tddens", "heatplot", "joyplot",
                "vioplot", "catplot", "tabplot", "grstyle", "graph3d", "sparkline", "stripplot")
# twoway plot types a do-file's own folder adds (twowaygraph_g's `which yxview_<type>_draw` hook):
# MaxBo's uk04grtalk ships yxtype-sarrows.style and yxview_sarrows_draw.ado
USER_PLOTTYPES = ("sarrows",)


def read_lines(path: Path) -> list[tuple[str, str]]:
    """(provenance, line) pairs: a ``# repo:path`` comment names the lines after it."""
    out, where = [], ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# "):
            where = raw[2:]
        elif raw.strip():
            out.append((where, raw))
    return out


def read_macros(path: Path) -> dict[str, list[str]]:
    """{"owner/repo:path": that do-file's macro definitions, in file order} (``real_graph_macros.txt``)."""
    out: dict[str, list[str]] = {}
    if not path.exists():
        return out
    where = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# "):
            where = raw[2:]
        elif raw.strip():
            out.setdefault(where, []).append(raw)
    return out


MACROS = read_macros(HERE / "real_graph_macros.txt")
# an absolute path a macro brings in (global path "C:/Users/..."): cut to its last part, so the
# line writes into its scratch folder
ABSOLUTE = re.compile(r'(?<=[\s"(])(?:/|~/|[A-Za-z]:[\\/])(?=[^"\s,()])[^"\s,()]*?([^"\s,()/\\]+)(?=["\s,)]|$)')
STORED = re.compile(r"`[^`']*\b[res]\(\w")  # `r(mean)', `=r(mean)', `=round(r(max), .1)'
WRITES = re.compile(r"\b(?:export|saving|save|using)\b")


class Lookups(dict):
    """A macro table that notes the names looked up and found empty (or ``.``)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.missing: set[str] = set()

    def get(self, key, default=None):
        value = super().get(key, default)
        if str(value or "").strip() in ("", "."):
            self.missing.add(key)
        return value


LEVELS_OF = re.compile(r"^levelsof\s+(\w+)\b")


def with_macros(session: Session, line: str, defs: list[str], rng=None) -> str | None:
    """``line`` as it runs after its do-file's definitions ``defs`` (mlm expands it); None when a
    macro it names is still empty or ``.`` (its value came from results the made-up session
    lacks), when it names a stored result (`` `r(mean)' ``) or its expansion fails."""
    from mlmcli.runner import Runner

    if STORED.search(line):  # `r(mean)', `e(N)': results of commands the sweep does not run
        return None
    def empty(name: str) -> bool:  # "" or "." (a `=r(mean)' without results)
        return (session.locals.get(name) or session.globals.get(name) or ".").strip() in ("", ".")

    tainted: set[str] = set()  # defined from an empty macro (levelsof's `l'): no plausible value
    for text in defs:
        defined = set((definition(text) or ([], ""))[0])
        if any(n in tainted or empty(n) for n in used_names(text) - defined):
            tainted |= defined
        else:
            tainted -= defined
        levels = LEVELS_OF.match(text)
        if levels and levels.group(1) not in session.data.df and rng is not None:
            # made up as the line and the definitions building it use it (strings where it is
            # compared with a quoted macro: strat == "`k'"), else a grouping (1-3)
            uses = " ".join(re.sub(r'"[^"]*`[^"]*"', '"a"', t) for t in [line, *defs])
            add_variable(session, f"{uses} over({levels.group(1)})", levels.group(1), rng)
        run(session, text, stop_on_error=False)
    if any(n in tainted or empty(n) for n in used_names(line)):
        return None
    # a nested name (`addgraphlines_`iv'') is known only as it expands: the lookups that found
    # nothing say the line still has an empty macro
    session.locals, session.globals = Lookups(session.locals), Lookups(session.globals)
    try:
        expanded = Runner(session).expand(line)
    except Exception:  # noqa: BLE001 - an expression the made-up session cannot evaluate
        return None
    finally:
        missing = session.locals.missing | session.globals.missing
        session.locals, session.globals = dict(session.locals), dict(session.globals)
    if missing:
        return None
    return ABSOLUTE.sub(lambda m: m.group(1), expanded) if WRITES.search(expanded) else expanded


def empty_session() -> Session:
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=pd.DataFrame(index=range(N)), types={})
    return session


def compared_values(line: str, name: str) -> list[float]:
    """The numbers ``line`` compares variable ``name`` with."""
    nums = []
    esc = re.escape(name)
    for m in re.finditer(rf"(?<![\w.]){esc}\s*(?:==|!=|~=|>=|<=|>|<|=)\s*(-?(?:\d+(?:\.\d+)?|\.\d+))", line):
        nums.append(float(m.group(1)))
    for m in re.finditer(rf"inlist\(\s*{esc}\s*,([^)]*)\)", line):
        nums += [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", m.group(1))]
    for m in re.finditer(rf"inrange\(\s*{esc}\s*,\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)", line):
        nums += [float(m.group(1)), float(m.group(2))]
    return nums


def grouping(line: str, name: str) -> bool:
    esc = re.escape(name)
    return bool(re.search(rf"\b(?:by|over|mlabel|mlab|mlabvposition|mlabv)\s*\(\s*(?:[\w ]*\s)?{esc}\b", line)
                or re.search(rf"\bby\s+{esc}\b", line) or re.search(rf"\bi\.{esc}\b", line))


def add_variable(session: Session, line: str, name: str, rng) -> None:
    words = re.findall(rf'(?<![\w.]){re.escape(name)}\s*(?:==|!=|~=|=)\s*"([^"]*)"', line)
    for m in re.finditer(rf'inlist\(\s*{re.escape(name)}\s*,([^)]*)\)', line):
        words += re.findall(r'"([^"]*)"', m.group(1))
    if words:  # compared with strings: a string variable
        pool = sorted(set(words) | {"other"})
        session.data.df[name] = [pool[i % len(pool)] for i in range(N)]
        session.data.types[name] = "str20"
        return
    nums = compared_values(line, name)
    if re.search(rf"\[\s*(?:fw\w*|freq\w*)\s*=\s*{re.escape(name)}\s*\]", line):
        values = (np.arange(N) % 5 + 1).astype(float)  # a frequency weight: integers 1-5
    elif re.search(rf"(?:!|\bif\s+){re.escape(name)}\b(?!\s*[<>=!~])", line):
        values = (np.arange(N) % 2).astype(float)  # a 0/1 indicator: `if foreign`, `if !foreign`
    elif nums:
        pool = sorted(set(nums) | {v + 1 for v in nums} | {v - 1 for v in nums})
        values = rng.choice(pool, N)
        values[: len(pool)] = pool
    elif grouping(line, name):
        values = (np.arange(N) % 3 + 1).astype(float)
    else:
        values = np.round(rng.uniform(1, 10, N), 2)
    session.data.df[name] = values
    session.data.types[name] = "float"


# Errors Stata gives too on these made-up data (uniform values, 120 observations).
MADE_UP_DATA = re.compile(r"may not be larger than minimum|may not use noninteger frequency weights"
                          r"|Obs\. nos\. out of range")

NOT_FOUND = re.compile(r"^(?:variable )?([\w*?~]+) (?:not found|ambiguous abbreviation)", re.M)


def prepare(session: Session, line: str, rng) -> None:
    """Graphs a line names (combine, use, display, export) exist before it runs."""
    session.data.df["_y_"] = np.round(rng.uniform(1, 10, N), 2)
    session.data.df["_x_"] = np.round(rng.uniform(1, 10, N), 2)
    session.data.types.update({"_y_": "float", "_x_": "float"})
    for target in re.findall(r'\bsaving\(\s*"?([^",)]+)', line):  # saving("graphs/Fig1", replace)
        if "/" in target or "\\" in target:
            Path(target.replace("\\", "/")).parent.mkdir(parents=True, exist_ok=True)
    body = re.sub(r"^(?:(?:qui(?:etly)?|noi(?:sily)?|cap(?:ture)?)\s*:?\s*)*", "", line)
    body = body.replace('`"', '"').replace('"\'', '"')  # compound quotes round a file name
    m = re.match(r"gr(?:a|ap|aph)?\s+(combine|use|display|disp|export|save|drop)\b\s*(.*)", body)
    if not m:
        return
    verb, rest = m.group(1), m.group(2).split(",")[0]
    if verb in ("export", "save"):
        words = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', rest)]
        for path in words:
            if "/" in path or "\\" in path:
                Path(path.replace("\\", "/")).parent.mkdir(parents=True, exist_ok=True)
        # the graph named: export's name(), save's first word when a file follows it
        named = re.search(r'\bname\(\s*"?(\w+)"?\s*\)', m.group(2))
        name = named.group(1) if named else (words[0] if verb == "save" and len(words) == 2 else None)
        run(session, "twoway scatter _y_ _x_" + (f", name({name}, replace)" if name else ""))
        return
    quoted = {a for a, _ in re.findall(r'"([^"]+)"|(\S+)', rest) if a}
    names = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', rest)]
    if verb in ("display", "disp", "drop") and not names:
        names = []
    for name in names:
        # [G-2] graph combine: "name" (quoted) and name.gph are graphs stored on disk
        if name.lower().endswith(".gph") or verb == "use" or (verb == "combine" and name in quoted):
            path = name if name.lower().endswith(".gph") else name + ".gph"
            Path(path.replace("\\", "/")).parent.mkdir(parents=True, exist_ok=True)
            run(session, f'twoway scatter _y_ _x_\ngraph save "{path}", replace')
        elif re.fullmatch(r"\w+\*", name):  # graph drop panel*: one graph it names
            run(session, f"twoway scatter _y_ _x_, name({name[:-1]}A, replace)")
        elif re.fullmatch(r"\w+", name):
            run(session, f"twoway scatter _y_ _x_, name({name}, replace)")
    if not names:
        run(session, "twoway scatter _y_ _x_")


class Timeout(Exception):
    pass


def _alarm(*_):
    raise Timeout()


def classify(line: str, defs: list[str] | None = None) -> tuple[str, str]:
    defs = defs or []
    macro = "`" in line or "$" in line
    if macro:
        defined = {name for text in defs for name in (definition(text) or ([], ""))[0]}
        missing = used_names(line) - defined
        if missing:
            return "skipped-macro", "undefined: " + " ".join(sorted(missing))
    first = re.sub(r"^(?:(?:qui(?:etly)?|noi(?:sily)?|cap(?:ture)?)\s*:?\s*)*", "", line).split()[0]
    if first in USER_WRITTEN:
        return "data", "user-written"
    rng = np.random.default_rng(11)
    session = empty_session()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            if macro:
                expanded = with_macros(session, line, defs, rng)
                if expanded is None:
                    return "skipped-macro", "empty (or a stored result) once its do-file's definitions ran"
                line = expanded
            prepare(session, line, rng)
            before = len(session.graphs)
            previous_handler = signal.signal(signal.SIGALRM, _alarm)
            signal.alarm(60)
            try:
                scalars: set[str] = set()
                for _ in range(300):
                    out, rc = run(session, line, stop_on_error=False)
                    if rc == 111 and "time variable not set" in out and "_t_" not in session.data.df:
                        session.data.df["_t_"] = np.arange(1.0, N + 1)
                        session.data.types["_t_"] = "float"
                        days = re.findall(r"(?<![\w.])\d{1,2}[a-z]{3}\d{4}(?![\w.])", line)
                        if days:  # tlabel(01jan2001 ...), tin(): daily dates from the first named
                            run(session, f"replace _t_ = td({days[0]}) + _n - 1\nformat _t_ %td")
                        run(session, "tsset _t_")
                        continue
                    if rc == 459 and "panel variable not set" in out and "_p_" not in session.data.df:
                        # xtline on xtset data (the manuals' quick start): 3 panels of 40 times
                        session.data.df["_p_"] = np.arange(N) // 40 + 1.0
                        session.data.df["_t_"] = np.arange(N) % 40 + 1.0
                        session.data.types.update({"_p_": "float", "_t_": "float"})
                        run(session, "xtset _p_ _t_")
                        continue
                    m = NOT_FOUND.search(out) if rc == 111 else None
                    if not m or m.group(1) == "graph":
                        break
                    if m.group(1) in session.data.df:
                        if re.search(r"\bfunction\b", line) and m.group(1) not in scalars:
                            # still not found: a name in a function plot's expression, a
                            # scalar earlier commands set
                            scalars.add(m.group(1))
                            run(session, f"scalar {m.group(1)} = 1")
                            continue
                        break
                    name = m.group(1).replace("*", "1").replace("?", "1").replace("~", "x")  # y* -> y1
                    if name in session.data.df:
                        break
                    add_variable(session, line, name, rng)
                if rc == 0:
                    for graph in session.graphs[before:]:
                        figure(graph)
            finally:
                signal.alarm(0)
                signal.signal(signal.SIGALRM, previous_handler)  # the caller's (a pytest worker's)
        except Timeout:
            return "internal", "timeout"
        except Exception as exc:  # noqa: BLE001 - drawing failed: an internal error
            return "internal", f"draw: {type(exc).__name__}: {exc}"
        finally:
            os.chdir(cwd)
    text = " | ".join(l for l in out.strip().splitlines() if l.strip())[:300]
    if macro:
        text = f"{text} || as run: {line[:300]}"
    if rc == 0:
        return "drawn", ""
    for pattern, want, why in STATA_REJECTS:
        if re.search(pattern, line):
            ok = want is None or rc == want
            return ("stata-error" if ok else "wrong-rc"), f"r({rc}) want r({want}) ({why}): {text}"
    m = re.search(r"(\w+) is not a twoway plot type", out)
    if m and m.group(1) in USER_PLOTTYPES:
        return "data", f"user-written plot type: r({rc}) {text}"
    if rc == 9999:
        return "internal", text
    if "not supported by mlmcli" in out:
        return "refused", text
    if "is a Stata command that mlm does not implement" in out:
        return "command", text
    if (rc == 2000 or "no observations" in out or first.startswith("marginsplot") or rc == 301
            or MADE_UP_DATA.search(out)):
        return "data", f"r({rc}) {text}"
    return "error", f"r({rc}) {text}"


def main(argv: list[str]) -> None:
    show = set()
    grep = None
    if "--show" in argv:
        i = argv.index("--show")
        show = set(argv[i + 1].split(","))
    if "--grep" in argv:
        grep = argv[argv.index("--grep") + 1]
    repos = None
    if "--repos" in argv:
        repos = tuple(r + ":" for r in argv[argv.index("--repos") + 1].split(","))
    source = HERE / (argv[argv.index("--file") + 1] if "--file" in argv else "real_graph_lines.txt")
    lines = read_lines(source)
    if repos:
        lines = [(where, line) for where, line in lines if where.startswith(repos)]
    if "--macros" in argv:  # only the lines that use macros
        lines = [(where, line) for where, line in lines if "`" in line or "$" in line]
    macros = read_macros(HERE / argv[argv.index("--macro-file") + 1]) if "--macro-file" in argv else MACROS
    counts, macro_counts = Counter(), Counter()
    import warnings
    warnings.filterwarnings("ignore")
    for where, line in lines:
        if grep and grep not in line:
            continue
        cls, why = classify(line, macros.get(where.split(":")[0] + ":*", []) + macros.get(where, []))
        counts[cls] += 1
        if "`" in line or "$" in line:
            macro_counts[cls] += 1
        if cls in show or (not show and cls not in ("drawn", "skipped-macro", "stata-error")):
            print(f"[{cls}] {line[:400]}\n    {where}\n    {why}")
    print("\n" + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())), f"(of {sum(counts.values())})")
    print("lines with macros: " + ", ".join(f"{k}: {v}" for k, v in sorted(macro_counts.items())),
          f"(of {sum(macro_counts.values())})")


if __name__ == "__main__":
    main(sys.argv[1:])

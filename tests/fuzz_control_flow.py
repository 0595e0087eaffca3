"""Do-file-level property fuzz over control flow (round 2 of "nothing a user types may crash
it, lose data or hang"; docs/command_fuzz.md): random programs of nested ``foreach`` /
``forvalues`` / ``while`` loops with ``continue`` and ``continue, break``, ``if``/``else``,
``capture``/``quietly``/``noisily`` blocks, ``program define`` (nested calls, recursion,
``syntax``/``args``, ``error``/``exit``), ``preserve``/``restore`` across failures,
``tempfile``/``tempvar``/``tempname`` and ``local`` with extended functions, around data
commands that succeed or fail.

The checks (``run_flow_checked``), beyond fuzz_programs.run_checked's per statement (no
traceback or internal error, no hang: a CPU watchdog, files unchanged without ``replace``):

- *every* command that fails -- at the top, inside a loop, a block or a program -- leaves the
  data as they were (``Runner.execute`` watched; a user program's own failure may leave what
  its earlier lines did, as in Stata; ``by`` may sort first; ``xi:`` keeps its _I* variables);
- a program whose first line is ``preserve`` leaves the data as they were, whether it ends
  normally, by ``exit``, by ``error`` or by a failing command (Stata restores on the way out).

Used by tests/test_fuzz_control_flow.py (bounded) and ``make fuzz``.
"""
from __future__ import annotations

import contextlib
import os
import re
import time

from hypothesis import strategies as st

import fuzz_programs as fz
from mlmcli.errors import StataError
from mlmcli.runner import Runner

# ------------------------------------------------------------------ the pieces
LEAVES = [
    "generate z = x * 2", "replace x = x + 1", "replace x = nosuch", "drop y", "keep id g x", "rename x xx",
    "sort g x", "gsort -x", "drop if g == 2", "keep in 1/3", 'generate s2 = s + "!"', "replace s = 1",
    "summarize x", "tabulate g", "assert x < 100", "assert 0", "nosuch", "display 1/0", "count if x > 0",
    "regress y x", "mixed y x || g:", "predict p", "collapse (mean) x, by(g)", "reshape long x, i(id) j(k)",
    "egen m = mean(x), by(g)", "label define l 1 a", "label values g l", "merge 1:1 id using good.dta",
    "append using good.dta", "save good.dta", "save new.dta", "save new.dta, replace", "use good.dta, clear",
    "use good.dta", "expand 2", "set obs 20", "duplicates drop", "recode g (1=2)", "encode s, gen(e)",
    "error 198", "confirm variable nosuch", "tsset t", "xtset g t", "generate `tv' = _n", "replace `tv' = 1",
    "save `tf'", "save `tf', replace", "use `tf', clear", "merge 1:1 id using `tf'", "append using `tf'",
    "scalar `tn' = 1", "display `tn'", "matrix `tn' = (1, 2)", "drop `tv'", "by g: generate n = _n",
    "bysort g: replace x = x[_n-1]", "xi: regress y i.g", "statsby m=r(mean), by(g) clear: summarize x",
    "bootstrap, reps(2) nodots: regress y x", "replace x = . in `i'", "drop in `i'", "generate q`i' = `i'",
    "keep if _n <= `n'", "display `\"`list'\"'", "display `a'", "local list `list' `v'", "return list",
    "ereturn list", "sort nosuch", "generate x = 1", "rename (x y) (y x)", "order s, first",
]
EXTENDED = [
    "word count `list'", "word 2 of `list'", "list uniq list", "list list - a", "list sizeof list",
    "variable label x", "value label g", "type s", "format x", 'piece 1 3 of "abc def"',
    'subinstr local list "x" "y", all', "di %9.2f 3.14159", 'dir . files "*.dta"', "char _dta[note1]",
    "permname x", "length local list", "copy local list", "list sort list", "e(scalars)", "r(macros)",
    "sortedby", "label gl 1", "data label", "tempfile", "nosuch", "word -1 of a b", 'list posof "x" in list',
    "strlen local list", "ustrlen local list", "list retokenize list", 'display "x"', "word 99 of `list'",
    "list list | a", "list list & a", "list dups list", "label (g) 1", "rownames nosuch", "piece 0 0 of x",
    'subinstr global G "a" "b"', "list clean list", "list a == list", "word count", "variable label nosuch",
]
LOCALS = ["local a : {}", "local ++n", "local --n", "local n = `n' + 1", "local list `list' `a'",
          'local list "x y s"', "local i = `i' * 2", "global G `a'", "local a `=`n'*2'", "local a",
          "tempvar tv", "tempfile tf", "tempname tn", "tempvar tv tv2", "local 0 , opt", "macro drop list"]
CONDITIONS = ["`n' > 1", "`i' == 2", "\"`a'\" == \"\"", "_N > 5", "x[1] > 0", "1", "0", "\"`list'\" != \"\"", "nosuch",
              "`=_rc' == 0", "_rc", "r(N) > 2", "c(N) < 3"]
FOREACH = ["foreach v of varlist x y s", "foreach v in a b `\"c d\"'", "foreach v of local list",
           "foreach v of numlist 1/3 5", "foreach v of newlist n1 n2", "foreach v of global G",
           "foreach v of varlist nosuch", "foreach v of numlist 3(-1)1", "foreach v in", "foreach v of varlist *"]
FORVALUES = ["forvalues i = 1/3", "forvalues i = 3(-1)1", "forvalues i = 0.1(0.1)0.5", "forvalues i = 1 2 to 6",
             "forvalues i = 5/1", "forvalues i = 1/`n'", "forvalues i = a/b", "forvalues i = 1(2)."]
BREAKS = ["continue", "continue, break", "error 459", "exit", "exit 7", "break", "capture error 1"]
BLOCKS = ["capture", "capture noisily", "quietly", "noisily"]
PROGRAM_NAMES = ["p1", "p2", "keep1", "keep2", "rec"]
ARGUMENTS = ["", " x y", " x, opt", " nosuch", " 2", " 0", " -1", " x if g == 1", ", opt(3)"]


@st.composite
def leaf(draw) -> str:
    kind = draw(st.sampled_from(["leaf", "leaf", "leaf", "local", "break", "call"]))
    if kind == "leaf":
        return draw(st.sampled_from(LEAVES))
    if kind == "local":
        return draw(st.sampled_from(LOCALS)).replace("{}", draw(st.sampled_from(EXTENDED)))
    if kind == "break":
        return draw(st.sampled_from(BREAKS))
    return draw(st.sampled_from(["", "capture ", "quietly ", "capture noisily "])) + \
        draw(st.sampled_from(PROGRAM_NAMES)) + draw(st.sampled_from(ARGUMENTS))


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


@st.composite
def body(draw, depth: int) -> list[str]:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 3 and draw(st.integers(0, 3)) == 0:
            out.extend(draw(block(depth + 1)))
        else:
            out.append(draw(leaf()))
    return out


@st.composite
def block(draw, depth: int = 0) -> list[str]:
    kind = draw(st.sampled_from(["foreach", "forvalues", "while", "if", "block", "preserve"]))
    inner = _indent(draw(body(depth)))
    if kind == "foreach":
        return [draw(st.sampled_from(FOREACH)) + " {"] + inner + ["}"]
    if kind == "forvalues":
        return [draw(st.sampled_from(FORVALUES)) + " {"] + inner + ["}"]
    if kind == "while":  # bounded: the counter goes up first, to a constant (`n' or x[1] may
        # grow in the body as fast as the counter: a user's endless loop, in Stata too)
        limit = draw(st.sampled_from(["3", "2", "0", "-1"]))
        return [f"local w{depth} 0", f"while `w{depth}' < {limit} {{", f"    local ++w{depth}"] + inner + ["}"]
    if kind == "if":
        lines = [f"if {draw(st.sampled_from(CONDITIONS))} {{"] + inner + ["}"]
        if draw(st.booleans()):
            lines += [f"else if {draw(st.sampled_from(CONDITIONS))} {{"] + _indent(draw(body(depth))) + ["}"]
        if draw(st.booleans()):
            lines += ["else {"] + _indent(draw(body(depth))) + ["}"]
        return lines
    if kind == "block":
        return [draw(st.sampled_from(BLOCKS)) + " {"] + inner + ["}"]
    return ["preserve"] + inner[:] + [draw(st.sampled_from(["restore", "restore, not", "restore, preserve", ""]))]


@st.composite
def program_definition(draw) -> str:
    """``program define`` of one of PROGRAM_NAMES: keep* start with ``preserve``; rec calls
    itself with a counter (or, rarely, without one)."""
    name = draw(st.sampled_from(PROGRAM_NAMES))
    head = [f"capture program drop {name}", f"program define {name}" +
            draw(st.sampled_from(["", ", rclass", ", eclass", ", sortpreserve", ", byable(recall)"]))]
    lines = []
    if name.startswith("keep"):
        lines.append("preserve")
    lines.append(draw(st.sampled_from(["", "syntax [varlist] [if] [, opt OPT(integer 1)]", "args k",
                                       "syntax varlist(min=2)", "args a b c", "gettoken first 0 : 0"])))
    if name == "rec":
        lines += ["args k", draw(st.sampled_from(["if 0`k' > 0 rec `=`k'-1'", "if 0`k' < 3 rec `=`k'+1'",
                                                  "rec `k'"]))]
    lines += [x for x in draw(body(1)) if not (name.startswith("keep") and "restore" in x)
              and _may_call(name, x)]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["return local out `list'", "return scalar n = _N", "exit", "exit 9",
                                           "ereturn scalar n = 1", "error 111"])))
    return "\n".join(head + _indent([x for x in lines if x]) + ["end"])


def _may_call(name: str, line: str) -> bool:
    """A program calls only those before it in PROGRAM_NAMES (and ``rec`` itself only through
    its counted line): a program calling itself in a loop would run 3^64 calls before the
    nesting limit -- a user's endless program, in Stata too, not a hang to find."""
    word = _command_word(line)
    return word not in PROGRAM_NAMES or PROGRAM_NAMES.index(word) < PROGRAM_NAMES.index(name)


@st.composite
def flow_statement(draw) -> str:
    kind = draw(st.sampled_from(["block", "block", "program", "leaf", "setup"]))
    if kind == "block":
        return "\n".join(draw(block()))
    if kind == "program":
        return draw(program_definition())
    if kind == "setup":
        return draw(st.sampled_from(["tempfile tf", "tempvar tv", "tempname tn", 'local list "x y s"',
                                     "local n 2", "local i 1", "preserve", "restore", "global G x y",
                                     "capture restore", "restore, not"]))
    return draw(leaf())


def flow_programs(max_size: int = 6):
    """Up to three program definitions first (so that calls find them), then the statements."""
    return st.tuples(st.lists(program_definition(), max_size=3),
                     st.lists(flow_statement(), min_size=1, max_size=max_size)).map(lambda pair: pair[0] + pair[1])


# ------------------------------------------------------------------ the checks
_PREFIX = re.compile(r"^(?:(?:capture|cap|quietly|qui|noisily|noi)\s+)*")


def _command_word(text: str) -> str:
    bare = _PREFIX.sub("", text.strip())
    if re.match(r"(by|bysort|bys)\b", bare):
        bare = bare.split(":", 1)[-1].strip()
    return bare.split(None, 1)[0].split(",")[0] if bare.split() else ""


@contextlib.contextmanager
def failing_commands_checked(session, complaints: list[str]):
    """Watch ``Runner.execute``: a command that fails must leave the data as they were (a
    user program's failure, ``do``/``run``/``include`` and ``xi:`` excepted; ``by`` may sort)."""
    original = Runner.execute

    def execute(self, text):
        word = _command_word(text)
        exempt = (word in self.session.programs or word in ("do", "run", "include", "xi")
                  or word.startswith("xi:") or self.session is not session)
        before = None if exempt else fz._state(self.session)
        try:
            original(self, text)
        except StataError:
            if before is not None:
                _compare(self.session, before, text, complaints)
            raise
        if before is not None and re.match(r"\s*cap", text) and self.session.rc:
            _compare(self.session, before, text, complaints)

    Runner.execute = execute
    try:
        yield
    finally:
        Runner.execute = original


def _compare(session, before, text: str, complaints: list[str]) -> None:
    after = fz._state(session)
    same = fz._same_rows(before[0], after[0]) if re.search(r"\bby", text.split(":")[0]) else \
        fz._same(before, after)
    if not same:
        complaints.append(f"a failing command changed the data: {text[:300]}")


def _preserving_call(text: str) -> bool:
    return bool(re.fullmatch(r"(?:(?:capture|quietly|noisily)\s+)*keep\d\b.*", text.strip()))


def run_flow_checked(program: list[str], folder: str) -> fz.Record:
    """Run ``program`` statement by statement in ``folder``, asserting the promises."""
    record = fz.Record()
    fz.warm_up(folder)
    session = fz.fresh_session()
    runner = Runner(session)
    old = os.getcwd()
    os.chdir(folder)
    complaints: list[str] = []
    try:
        with failing_commands_checked(session, complaints):
            for text in program:
                before, files_before = fz._state(session), fz._digests(folder)
                start = time.process_time()
                try:
                    with fz._watchdog(3 * fz.SLOW):
                        rc = runner.run_text(text, echo=True)
                except fz._Hung:
                    raise AssertionError(f"still running after {3 * fz.SLOW:.0f} s of CPU time:\n{text[:3000]}") \
                        from None
                except Exception as exc:  # exit at the top: the session would end; nothing else may escape
                    if type(exc).__name__ != "ExitRequest":
                        raise
                    rc = 0
                took = time.process_time() - start
                where = fz.printed_checked(session, text)
                assert not complaints, complaints[0] + where
                fz.files_checked(folder, text, files_before, where)
                if _preserving_call(text):
                    assert fz._same(before, fz._state(session)), "a program that preserved lost the data" + where
                record.add(rc, took)
    finally:
        os.chdir(old)
    return record

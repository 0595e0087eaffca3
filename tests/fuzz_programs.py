"""Random Stata programs a hostile user might type, and the checks every one must pass
(issue 18): no traceback, no ``internal error``, no statement running over 10 s, the data
in memory unchanged after any failing command, no file changed by a failing command or
overwritten without ``replace``, and no temporary file left behind.

A program is a list of *statements*: one command, or a block (``if``/``foreach``/
``program``) spanning lines.  They are built from four families: data commands and
estimation (``commands``), expressions (``expressions``), macros and quotes (``macros``)
and files, good and hostile (``file_commands``, with ``folder_files``).  Valid commands
are mutated (a token dropped, doubled or replaced) so that parsers see broken input too.

Used by ``tests/test_fuzz_programs.py`` (bounded, in CI) and ``make fuzz`` (>= 10,000
programs; see README).
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
import threading
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from mlmcli.dataset import Dataset
from mlmcli.runner import Runner
from mlmcli.session import Output, Session

SLOW = 20.0  # CPU seconds no statement may take (tiny data: a slow path takes minutes; a loaded
#             machine stretches CPU time too, so not a tight bound)
VARS = ["id", "g", "x", "y", "s", "t", "nosuch", "x*", "g-x", "_all"]
NUMVARS = ["id", "g", "x", "y", "t"]

# ------------------------------------------------------------------ the starting data


def fresh_session() -> Session:
    """Eight observations: id, group g, float x with a missing, double y, str s, time t."""
    df = pd.DataFrame({"id": np.arange(1.0, 9.0), "g": [1.0, 1, 1, 2, 2, 3, 3, 3],
                       "x": [1.5, -2.0, np.nan, 4.0, 0.0, 1e10, 3.25, -1.0],
                       "y": [0.1, 0.4, 0.2, 0.9, 1.3, 0.8, 1.1, 0.7],
                       "s": np.array(["a", "", "b c", "a", "dd", "é", "a", "b"], dtype=object),
                       "t": [1.0, 2, 3, 1, 2, 1, 2, 3]})
    ds = Dataset(df=df, var_labels={"x": "the x"}, value_labels={"gl": {1.0: "one", 2.0: "two"}},
                 value_label_of={"g": "gl"})
    ds.types.update(id="byte", g="byte", x="float", y="double", s="str3", t="byte")
    return Session(data=ds, out=Output(io.StringIO()))


_GOOD_DTA: bytes | None = None


def good_dta_bytes() -> bytes:
    """The starting data saved as a .dta (made once, in a scratch folder)."""
    global _GOOD_DTA
    if _GOOD_DTA is None:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "good.dta")
            session = fresh_session()
            rc = Runner(session).run_text(f'save "{path}"', echo=False)
            assert rc == 0, session.out.stream.getvalue()
            with open(path, "rb") as fh:
                _GOOD_DTA = fh.read()
    return _GOOD_DTA


# ------------------------------------------------------------------ expressions
ATOMS = ["x", "y", "g", "s", "_n", "_N", ".", ".a", "0", "1", "-1", "2.5", "1e308", "-1e-308", "8.98e307",
         '""', '"ab c"', '"`"', "_pi", "x[_n-1]", "x[0]", "s[2]", "_b[x]", "_se[_cons]", "e(N)", "r(mean)",
         "c(N)", "_rc", "nosuch", "(", ")", "1/0", "0^0", "-0", "1e999", "`a'", "$g"]
OPS = ["+", "-", "*", "/", "^", "==", "!=", "<", ">=", "&", "|", "~="]
FUNCTIONS = ["abs", "sqrt", "ln", "exp", "round", "floor", "mod", "min", "max", "missing", "cond", "inlist",
             "inrange", "string", "real", "substr", "strlen", "upper", "trim", "subinstr", "strpos", "word",
             "regexm", "regexr", "regexs", "normal", "invnormal", "runiform", "rnormal", "sum", "int",
             "lower", "ustrlen", "date", "mdy", "year", "logit", "invlogit", "comb", "lngamma", "nosuchfn"]
REGEX = ["(a+)+$", "^(a|aa)+$", "(x+x+)+y", "[", "a{1,99999}", "(?P<n>a)", "\\", ".*.*.*.*=.*", "^b", "(", "a|"]


@st.composite
def expressions(draw, depth: int = 0) -> str:
    if depth > 2 or draw(st.booleans()):
        return draw(st.sampled_from(ATOMS))
    kind = draw(st.sampled_from(["op", "op", "fn", "not", "paren", "regex"]))
    sub = expressions(depth + 1)
    if kind == "op":
        return f"{draw(sub)} {draw(st.sampled_from(OPS))} {draw(sub)}"
    if kind == "not":
        return f"!{draw(sub)}"
    if kind == "paren":
        return f"({draw(sub)})"
    if kind == "regex":
        text = draw(st.sampled_from(['"' + "a" * 40 + '!"', "s", '"aaaa"']))
        pattern = draw(st.sampled_from(REGEX))
        return f'{draw(st.sampled_from(["regexm", "regexr"]))}({text}, "{pattern}"' + (
            ', "z")' if draw(st.booleans()) else ")")
    name = draw(st.sampled_from(FUNCTIONS))
    args = draw(st.lists(sub, max_size=3))
    return f"{name}({', '.join(args)})"


def _varlist(draw) -> str:
    return " ".join(draw(st.lists(st.sampled_from(VARS), min_size=1, max_size=3)))


def _qualifier(draw) -> str:
    return draw(st.sampled_from(["", "", " if x > 0", " in 2/5", " in 9/1", " if s == \"a\"", " in f/l",
                                 f" if {draw(expressions(1))}"]))


@st.composite
def expression_commands(draw) -> str:
    e = draw(expressions())
    name = draw(st.sampled_from(["z", "x", "s", "_n", "str5 z", "double z", "int z", "strL z"]))
    return draw(st.sampled_from([
        f"display {e}", f"generate {name} = {e}", f"replace {name.split()[-1]} = {e}",
        f"count if {e}", f"assert {e}", f"scalar sc = {e}", f"local a = {e}",
        f"egen z = {draw(st.sampled_from(['mean', 'sd', 'total', 'max', 'group', 'rank', 'tag', 'count']))}({e})"
        + draw(st.sampled_from(["", ", by(g)"])),
        f"display %{draw(st.sampled_from(['9.2f', '12.0g', '-20s', '2147483648g', '9.2147483648f', '2045s', '0f', 'td', 'tc', '8.3e', '~10s']))} {e}",
    ])) + _qualifier(draw)


# ------------------------------------------------------------------ data and estimation commands
@st.composite
def commands(draw) -> str:
    v = _varlist(draw)
    one = draw(st.sampled_from(VARS[:7]))
    other = draw(st.sampled_from(VARS[:7]))
    n = draw(st.sampled_from(["0", "1", "3", "8", "-1", "1000", "2147483648", ".", "x"]))
    return draw(st.sampled_from([
        f"summarize {v}" + _qualifier(draw) + draw(st.sampled_from(["", ", detail", ", meanonly", ", nosuch"])),
        f"tabulate {one}" + draw(st.sampled_from(["", f" {other}", ", missing", ", gen(d)"])),
        f"list {v}" + _qualifier(draw), f"describe {v}", f"codebook {one}",
        f"tabstat {v}, by(g) stat(mean sd n)", f"sort {v}", f"gsort -{one}", f"keep {v}", f"drop {v}",
        f"drop{_qualifier(draw) or ' in 1'}", f"keep{_qualifier(draw) or ' in 1/3'}",
        f"rename {one} {other}", f"rename ({one} {other}) ({other} {one})", f"rename ({one} {other}) (q q)",
        f"order {v}", f"set obs {n}", f"expand {n}", f"duplicates drop {v}, force",
        f"reshape long {one}, i(id) j(k)", f"reshape wide {one}, i({other}) j(t)", "reshape long x, i(id) j(x)",
        f"reshape wide y, i(id) j({other})", "reshape long", "reshape wide",
        f"collapse (mean) {one} (sd) sdv={other}, by(g)", f"collapse (count) {v}",
        f"encode {one}, generate(e)", f"decode {one}, generate(e)",
        f"recode {one} " + draw(st.sampled_from(["(1=2)", "(1/3=0) (else=9)", "(1.5=2) 3=4", "(min/max=.)",
                                                  "(a=b)", "(1=2), gen(r)", "(1=2)(", ""])),
        f"label define gl {n} \"lab\", {draw(st.sampled_from(['add', 'modify', 'replace', 'nosuch']))}",
        f"label values {one} gl", f"label variable {one} \"{'x' * 100}\"", f"format {one} %9.2f",
        f"format {one} %{n}s", f"xtset {one} {other}", f"bysort {one}: generate z = _n",
        f"by {one}: summarize {other}", "preserve", "restore", "clear", "compress", "egen m = rowmean(x y)",
        f"regress y {v}" + draw(st.sampled_from(["", ", robust", ", vce(cluster g)", ", level(99.9)", ", nosuch"])),
        f"mixed y {one} || g:" + draw(st.sampled_from(["", f" {other}", ", reml", " , cov(un)", ", nosuch"])),
        "predict p", "predict p, residuals", "predict r*, reffects", "margins", "estat ic", "test x",
        "lincom x - 1", "estimates store m1", "estimates restore m1", "lrtest m1 .",
        f"statsby m=r(mean), by(g) clear: summarize {one}", f"statsby _b, by(g) clear: regress y {one}",
        f"input {one} {other}\n1 2\nend", f"input {one} {one}\n1 2\nend",
        f"levelsof {one}, local(lv)", f"fillin g t", f"gen z = sum({one})", f"isid {v}",
    ]))


# ------------------------------------------------------------------ macros
MACRO_TEXT = ["`", "'", "``", "`a'", "``a''", "`a", "a'", "$", "${g}", "$g", '"', '`"', "\"'", "`\"x\"'",
              "`=1+1'", "`=x'", "`:word 2 of `a''", "`: char _dta[x]'", "{", "}", "\\`a'", "`++i'", "`i--'",
              "abc", " ", ";", "//", "/*", "*/"]


@st.composite
def macro_text(draw) -> str:
    return "".join(draw(st.lists(st.sampled_from(MACRO_TEXT), max_size=8)))


@st.composite
def macro_commands(draw) -> str:
    t = draw(macro_text())
    name = draw(st.sampled_from(["a", "g", "i", "", "1", "x" * 40]))
    return draw(st.sampled_from([
        f"local {name} {t}", f"global {name} {t}", f'local {name} "{t}"', f"local {name} : {t}",
        f"display `\"{t}\"'", f'display "{t}"', f"display {t}", f"di `{name}'{t}",
        f'local a : subinstr local a "a" "aa", all', f"local a `a'`a'`a'`a'",
        f"local a : word {draw(st.sampled_from(['1', '-1', '99', 'x']))} of {t}",
        f"local a : list uniq a", f"local a : length local {name}", f"macro drop {name}", "macro list",
        f"tempvar {name}", f"tempname {name}", f"local ++{name}", f"mac shift",
        f"foreach v of local a {{\n display `\"`v'\"'\n}}", f"forvalues i = 1/{draw(st.sampled_from(['3', '0', 'x']))} {{\n local a `a'`i'\n}}",
        f"if `\"{t}\"' == \"\" {{\n display 1\n}}\nelse {{\n display 2\n}}",
        f"program define p{draw(st.sampled_from(['1', '2']))}\n {t}\nend", "p1", "capture program drop p1",
        f"local i 0\nwhile `i' < {draw(st.sampled_from(['3', '-1', 'x', '1e3']))} {{\n local ++i\n {t}\n}}",
        "if 1 {\n" * draw(st.integers(1, 80)) + "display 1\n" + "}\n" * draw(st.integers(0, 80)),
        f"foreach v of varlist {draw(st.sampled_from(['x y', '*', 'nosuch', 's-t']))} {{\n summarize `v'\n {t}\n}}",
        "display `\"" + "`" * draw(st.integers(1, 40)) + "\"'", f"local a {'x' * draw(st.integers(0, 5000))}",
        f"${draw(st.sampled_from(['g', 'a', '{x}']))} {t}", f"`a' {t}",
    ]))


# ------------------------------------------------------------------ files
WEIRD_CSV = [b"a,b\r1,2\r3,4\r", b"a,b\n\"1,2\n", b"name\ncaf\xe9\n", b"a,b\n" + b"x" * 140_000 + b",1\n",
             b"\xef\xbb\xbfa;b\n1;2\n", b"", b"\n\n\n", b"a,a,a\n1,2,3\n", b"1e999,-1e999\n"]


@dataclass(frozen=True)
class FolderSpec:
    """What the working folder holds (short to print when hypothesis reports a failure):
    good files, a .dta with bytes changed at ``mutations`` (position, value), one cut at
    ``cut`` bytes, random bytes as .dta and .csv, and one of the ``WEIRD_CSV`` files."""
    mutations: tuple
    cut: int
    random_dta: bytes
    random_csv: bytes
    weird: int

    def files(self) -> dict[str, bytes]:
        good = good_dta_bytes()
        mutated = bytearray(good)
        for pos, value in self.mutations:
            mutated[pos % len(good)] = value
        return {"good.dta": good, "mutated.dta": bytes(mutated), "cut.dta": good[:self.cut],
                "random.dta": self.random_dta, "good.csv": b"id,v,w\n1,2,a\n2,3,b\n3,,c\n",
                "random.csv": self.random_csv, "weird.csv": WEIRD_CSV[self.weird],
                "ro.dta": good}  # made read-only by prepare_folder


def folder_files():
    return st.builds(FolderSpec,
                     mutations=st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 255)), max_size=6).map(tuple),
                     cut=st.integers(0, 4000), random_dta=st.binary(max_size=400), random_csv=st.binary(max_size=200),
                     weird=st.integers(0, len(WEIRD_CSV) - 1))


@st.composite
def file_commands(draw) -> str:
    name = draw(st.sampled_from(["good.dta", "mutated.dta", "cut.dta", "random.dta", "ro.dta", "link.dta",
                                 "dir.dta", "new.dta", "nosuch.dta", "good.csv", "random.csv", "weird.csv",
                                 "new.csv", "nofolder/x.dta", "good", "\"\""]))
    opts = draw(st.sampled_from(["", ", replace", ", clear", ", nolabel", ", emptyok", ", nosuch",
                                 ", replace clear", ", encoding(latin1) clear", ", delimiter(\";\") clear"]))
    other = draw(st.sampled_from(["good.dta", "mutated.dta", "cut.dta", "nosuch.dta"]))
    return draw(st.sampled_from([
        f"use {name}{opts}", f"save {name}{opts}", f"saveold {name}{opts}", f"import delimited {name}{opts}",
        f"export delimited {name}{opts}", f"append using {name} {other}", f"append using {name}{opts}",
        f"merge 1:1 id using {name}", f"merge m:1 g using {name}, keep(match) nogen",
        f"joinby g using {name}", f"use x y using {name}{opts}", f"describe using {name}",
        f"erase {name}", f"copy {name} {other}{opts}", f"outsheet using {name}{opts}",
        f"cross using {name}", f"insheet using {name}{opts}", f"use {name} if _n < 3{opts}",
    ]))


# ------------------------------------------------------------------ mutation and programs
@st.composite
def mutated(draw, inner) -> str:
    """A statement, or the same with one token dropped, doubled or replaced."""
    text = draw(inner)
    if "\n" in text or draw(st.booleans()):
        return text
    words = text.split(" ")
    for _ in range(draw(st.integers(1, 2))):
        k = draw(st.integers(0, len(words) - 1))
        how = draw(st.sampled_from(["drop", "double", "replace", "cut"]))
        if how == "drop" and len(words) > 1:
            del words[k]
        elif how == "double":
            words.insert(k, words[k])
        elif how == "cut":  # a word cut short: an unbalanced quote, parenthesis or bracket
            words[k] = words[k][:draw(st.integers(0, len(words[k])))]
        else:
            words[k] = draw(st.sampled_from(HOSTILE_TOKENS))
    return " ".join(words)


HOSTILE_TOKENS = ["", ",", "(", ")", "if", "=", "`", "'", '"', "||", "[fw=g]", "[aw=x]", "/*", "///", "{", "}",
                  "in", "using", "x" * 40, "é", "\t", "\\", "#", "##", "i.g", "c.x#c.x", "L.x", "_all", "-",
                  "1e400", "-.", ".z", "2147483648", "%2147483648s", "$", "${", "`\"", "\"'", "!", ":", ";"]
PREFIXES = ["", "", "", "", "capture ", "quietly ", "noisily ", "capture noisily ", "by g: ", "bysort g: "]


@st.composite
def statements(draw, family) -> str:
    prefix = draw(st.sampled_from(PREFIXES))
    text = draw(mutated(family))
    return text if "\n" in text else prefix + text


def programs(family=None, max_size: int = 6):
    """Lists of statements from one family, or from all four."""
    families = [commands(), expression_commands(), macro_commands(), file_commands()]
    chosen = st.one_of(*families) if family is None else family
    return st.lists(statements(chosen), min_size=1, max_size=max_size)


# ------------------------------------------------------------------ running and checking
@dataclass
class Record:
    """What one checked program did (for ``make fuzz``'s summary)."""
    statements: int = 0
    failed: int = 0
    slowest: float = 0.0
    rcs: dict = field(default_factory=dict)

    def add(self, rc: int, took: float) -> None:
        self.statements += 1
        self.failed += rc != 0
        self.slowest = max(self.slowest, took)
        self.rcs[rc] = self.rcs.get(rc, 0) + 1


def _digests(folder: str) -> dict[str, str]:
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            if os.path.islink(path):
                out[os.path.relpath(path, folder)] = "-> " + os.readlink(path)
                continue
            with open(path, "rb") as fh:
                out[os.path.relpath(path, folder)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def prepare_folder(folder: str, spec: FolderSpec | dict[str, bytes]) -> None:
    files = spec.files() if isinstance(spec, FolderSpec) else spec
    for name, content in files.items():
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(content)
    os.chmod(os.path.join(folder, "ro.dta"), 0o444)
    os.symlink("good.dta", os.path.join(folder, "link.dta"))
    os.mkdir(os.path.join(folder, "dir.dta"))


def _single_command(text: str) -> bool:
    """A statement that is one command: its failure must leave the data as they were."""
    if "\n" in text:
        return False
    head = text.split("//")[0].strip()
    # Stata's `restore` after a failing `preserve` chain and `do` are not single data steps
    return bool(head) and not head.startswith(("do ", "run ", "include "))


def _sorts_first(text: str) -> bool:
    words = text.replace("capture", "").replace("quietly", "").replace("noisily", "").split()
    return bool(words) and (words[0].startswith("bys") or (words[0].startswith("by") and ", sort" in text))


def _same_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """The same rows in any order."""
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    def rows(frame: pd.DataFrame) -> list:
        return sorted(tuple(repr(v) for v in row) for row in frame.itertuples(index=False))
    return rows(a) == rows(b)


def _state(session):
    data = session.data
    return (data.df.copy(deep=True), repr(data.var_labels), repr(data.value_label_of), repr(data.value_labels),
            repr(data.formats), repr(data.types), repr(data.sortedby), repr(data.label), repr(data.chars))


def _same(a, b) -> bool:
    try:
        pd.testing.assert_frame_equal(a[0], b[0], check_exact=True)
    except AssertionError:
        return False
    return a[1:] == b[1:]


WARM_UP = ["summarize x, detail", "regress y x", "predict p", "mixed y x || g:", "margins", "estat ic",
           "tabulate g", "reshape long x, i(id) j(k)", "collapse (mean) y, by(g)", 'display regexm("a", "a")',
           "local a `a'", "import delimited good.csv, clear", "use good.dta, clear", "save w.dta, replace"]
_warm = False


def warm_up(folder: str) -> None:
    """Run every kind of command once, untimed: first use imports modules (scipy, the
    engines), which is not what the 10-second bound is about."""
    global _warm
    if _warm:
        return
    session, old = fresh_session(), os.getcwd()
    os.chdir(folder)
    try:
        for text in WARM_UP:
            Runner(session).run_text(text, echo=False)
        if os.path.exists("w.dta"):
            os.remove("w.dta")
    finally:
        os.chdir(old)
    _warm = True


class _Hung(BaseException):
    """Raised by the watchdog in a statement that runs far beyond ``SLOW`` (not an Exception,
    so the runner's error handling lets it through)."""


@contextlib.contextmanager
def _watchdog(seconds: float):
    """Raise ``_Hung`` after ``seconds`` of CPU time (SIGPROF), so a hang fails the test."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def fire(signum, frame):
        raise _Hung

    old = signal.signal(signal.SIGPROF, fire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def run_checked(program: list[str], folder: str, record: Record | None = None) -> Record:
    """Run ``program`` statement by statement in ``folder`` (the current directory is
    changed there), asserting the promises of issue 18 after each one.  Time is the
    process's CPU time, so that a loaded machine does not pass for a hang."""
    record = record or Record()
    warm_up(folder)
    session = fresh_session()
    runner = Runner(session)
    old = os.getcwd()
    os.chdir(folder)
    try:
        for text in program:
            before, files_before = _state(session), _digests(folder)
            start = time.process_time()
            try:
                with _watchdog(3 * SLOW):
                    rc = runner.run_text(text, echo=True)
            except _Hung:
                raise AssertionError(f"still running after {3 * SLOW:.0f} s of CPU time:\n{text[:3000]}") from None
            took = time.process_time() - start
            where = printed_checked(session, text)
            assert took < SLOW, f"took {took:.1f} s" + where
            files_after = files_checked(folder, text, files_before, where)
            if rc != 0 and _single_command(text):
                after = _state(session)
                if _sorts_first(text):  # Stata's bysort sorts before the command runs: rows kept
                    assert _same_rows(before[0], after[0]), "a failing command lost data" + where
                else:
                    assert _same(before, after), "a failing command changed the data" + where
                assert files_after == files_before, "a failing command changed the files" + where
            record.add(rc, took)
    finally:
        os.chdir(old)
    return record


def printed_checked(session, text: str) -> str:
    """What the statement printed (taken from the stream) holds no traceback and no internal
    error; returns the failure report's context."""
    printed = session.out.stream.getvalue()
    session.out.stream.seek(0)
    session.out.stream.truncate()
    where = f"\n--- statement ---\n{text}\n--- printed ---\n{printed[-3000:]}"
    assert "internal error" not in printed and "Traceback" not in printed, where
    return where


def files_checked(folder: str, text: str, files_before: dict, where: str) -> dict:
    """No temporary file left, no file changed without ``replace`` (or ``erase``); the digests."""
    files_after = _digests(folder)
    leftovers = [f for f in files_after if ".mlm-" in f]
    assert not leftovers, f"temporary files left: {leftovers}" + where
    if "replace" not in text and "erase" not in text:
        changed = [f for f, d in files_before.items() if files_after.get(f) != d]
        assert not changed, f"files overwritten without replace: {changed}" + where
    return files_after

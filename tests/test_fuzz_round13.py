"""Round 13 of the fuzz: the programming layer and the data-combining commands earlier rounds
touched least.  (a) program define's options, by: on a program, syntax/args/tokenize/gettoken
and the macro functions ``: word``, ``: list``, ``: subinstr``, ``: piece``, ``: strlen`` on
random and hostile text, against Python oracles; (b) foreach/forvalues/while with continue,
``continue, break``, nested loops and capture blocks failing inside them; (c) merge, append,
joinby, cross, collapse, contract, expand and fillin on random small frames: a failing command
leaves the data exactly as they were (tests/fuzz_commands.fingerprint: values, labels,
formats, notes and chars, sort order), a successful one matches a pandas oracle written here;
(d) file handles, tempfile/tempname, preserve/restore and use/save with missing files.
Invariants throughout: no Python traceback (no internal error), Stata's message and r(rc).

Hypothesis settings as the earlier rounds (derandomized, no deadline, few examples) keep the
file fast; ``MLM_FUZZ_EXAMPLES`` raises the count for a long run."""
from __future__ import annotations

import os
import re
import tempfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_commands import fingerprint

EXAMPLES = int(os.environ.get("MLM_FUZZ_EXAMPLES", "25"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize="MLM_FUZZ_EXAMPLES" not in os.environ,
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                          HealthCheck.filter_too_much,
                                                          HealthCheck.function_scoped_fixture])

# the tests that write a using file for every example: fewer of them in the default run
FILE_SETTINGS = settings(SETTINGS, max_examples=EXAMPLES if "MLM_FUZZ_EXAMPLES" in os.environ else 12)


def _clean(out: str) -> None:
    assert "internal error" not in out and "Traceback" not in out, out


def _last_lines(out: str, k: int) -> list[str]:
    return out.rstrip("\n").splitlines()[-k:] if k else []


# ================================================================== (a) programs and macro functions
# ------------------------------------------------------------------ program define's options
def test_program_define_refuses_an_unknown_option(do):
    rc, out, s = do("program define p8, badopt\nend")
    assert rc == 198 and "option badopt not allowed" in out and "p8" not in s.programs, out


@pytest.mark.parametrize("options,message", [
    ("rclass eclass", "options rclass and eclass may not be combined"),
    ("byable(nosuch)", "byable(nosuch) invalid"),
    ("byable(recall, nosuch)", "byable(recall, nosuch) invalid"),
    ("properties", "option properties not allowed"),
    ("sortpreserve(1)", "option sortpreserve() not allowed"),
])
def test_program_define_refuses_bad_options(do, options, message):
    rc, out, s = do(f"program define px, {options}\nend")
    assert rc == 198 and message in out and "px" not in s.programs, out


def test_program_define_accepts_stata_options(do):
    rc, out, s = do("program define px, rclass byable(recall, noheader) sortpreserve properties(svyb mi)\n"
                    "return scalar n = 1\nend\npx\ndisplay r(n)")
    assert rc == 0 and out.strip().splitlines()[-1] == "1", out


def test_by_on_a_program_that_is_not_byable_is_r190(do):
    """[P] byable's own example: ``by foreign: myprog`` -> myprog may not be combined with by."""
    rc, out, s = do("clear\nset obs 4\ngenerate foreign = _n > 2\nprogram define myprog\ndisplay 1\nend\nsort foreign\nby foreign: myprog")
    assert rc == 190 and "myprog may not be combined with by" in out, out


RECALL = """clear
set obs 5
generate y = mod(_n, 2)
generate x = _n
program define bar, byable(recall)
  syntax [if]
  marksample touse
  quietly count if `touse'
  display "n=" r(N) " N=" _N
end
"""


def test_byable_recall_runs_once_per_group_marksample_seeing_the_group(do):
    rc, out, _ = do(RECALL + "by y, sort: bar\nby y: bar if x > 2\nbar")
    assert rc == 0, out
    lines = [ln for ln in out.splitlines() if ln.startswith(("n=", "-> "))]
    assert lines == ["-> y = 0", "n=2 N=5", "-> y = 1", "n=3 N=5",
                     "-> y = 0", "n=1 N=5", "-> y = 1", "n=2 N=5", "n=5 N=5"], out


def test_byable_recall_noheader_and_rc0(do):
    rc, out, _ = do(RECALL.replace("byable(recall)", "byable(recall, noheader)") +
                    "program define bad, byable(recall)\nerror 459\nend\n"
                    "sort y\nby y: bar\nby y, rc0: bad\ndisplay \"after\"")
    assert rc == 0 and out.count("-> y") == 2, out  # bar's noheader: the headers are bad's
    assert out.count("r(459);") == 2 and out.strip().endswith("after"), out


def test_byable_onecall_is_told_the_by_variables(do):
    rc, out, _ = do(RECALL + "program define one, byable(onecall)\ndisplay \"[`_byvars'][`_byrc0']\"\nend\n"
                    "sort y\nby y, rc0: one\none")
    assert rc == 0 and "[y][, rc0]" in out and out.strip().endswith("[][]"), out


SORTPRESERVE = """clear
set obs 5
generate x = _n
program define qsp, sortpreserve rclass
  sort x
  return local sorted "`: sortedby'"
  replace x = -x
end
gsort -x
"""


def test_sortpreserve_restores_the_order(do):
    rc, out, s = do(SORTPRESERVE + "qsp")
    assert rc == 0, out
    assert s.data.df["x"].tolist() == [-5.0, -4.0, -3.0, -2.0, -1.0] and s.data.varnames == ["x"]
    assert s.data.sortedby == () and s.r["sorted"] == "x"  # gsort -x records no order; the program's sort did


def test_sortpreserve_restores_the_order_after_an_error(do):
    rc, out, s = do(SORTPRESERVE.replace("return local", "error 459\nreturn local") + "capture qsp\ndisplay _rc")
    assert rc == 0 and out.strip().splitlines()[-1] == "459", out
    assert s.data.df["x"].tolist() == [5.0, 4.0, 3.0, 2.0, 1.0] and s.data.varnames == ["x"]  # not sort x's


def test_without_sortpreserve_the_program_order_stays(do):
    rc, out, s = do(SORTPRESERVE.replace("sortpreserve ", "") + "qsp")
    assert rc == 0 and s.data.df["x"].tolist() == [-1.0, -2.0, -3.0, -4.0, -5.0], out


def test_sortpreserve_names_its_order_variable(do):
    rc, out, s = do(SORTPRESERVE.replace("sort x\n", "sort x\nassert `_sortindex' == 5 - _n\n") + "qsp")
    assert rc == 0 and s.data.varnames == ["x"], out


def test_sortpreserve_puts_added_rows_last(do):
    rc, out, s = do(SORTPRESERVE.replace("replace x = -x", "expand 2 if x == 1") + "qsp")
    assert rc == 0 and s.data.df["x"].tolist() == [5.0, 4.0, 3.0, 2.0, 1.0, 1.0], out


# ------------------------------------------------------------------ : list against an oracle
WORD = st.text(alphabet="abcxyz_1", min_size=1, max_size=3)
ELEMENT = st.one_of(WORD, st.lists(WORD, min_size=2, max_size=2).map(" ".join))


def _typed(elements: list[str]) -> str:
    return " ".join(f'"{e}"' if " " in e else e for e in elements)


def _define(kind: str, name: str, elements: list[str]) -> str:
    """``local name `"elements"'``: compound quotes, so that a first or last quoted element keeps its quotes."""
    return f"{kind} {name} `\"{_typed(elements)}\"'"


def _uniq(a):
    return list(dict.fromkeys(a))


@SETTINGS
@given(a=st.lists(ELEMENT, max_size=6), b=st.lists(ELEMENT, max_size=6))
def test_macro_list_functions_match_an_oracle(do, a, b):
    ops = {"uniq A": _uniq(a), "sort A": sorted(a), "rsort A": sorted(a, reverse=True), "retokenize A": a,
           "A | B": a + [e for e in b if e not in a], "A & B": [e for e in a if e in b],
           "A - B": [e for e in a if e not in b],
           "dups A": [e for i, e in enumerate(a) if e in a[:i]]}
    scalars = {"sizeof A": str(len(a)), "A in B": str(int(all(e in b for e in a))),
               "A === B": str(int(a == b)), "A == B": str(int(set(a) == set(b)))}
    if a:
        scalars[f'posof "{a[-1]}" in A'] = str(a.index(a[-1]) + 1)
    lines = [_define("local", "A", a), _define("global", "B", b)]
    names = list(ops) + list(scalars)
    for k, name in enumerate(names):
        spec = name.replace(" A", " local(A)").replace("B", "global(B)")
        lines += [f"local r{k} : list {spec}", f"local c{k} : list sizeof r{k}",
                  f"display `\"[`r{k}']\"'", f"display `c{k}'"]
    rc, out, s = do("\n".join(lines))
    _clean(out)
    assert rc == 0, out
    for k, name in enumerate(names):
        value = s.locals[f"r{k}"]
        if name in ops:
            assert value == _typed(ops[name]), (name, value)
        else:
            assert value == scalars[name], (name, value)


@SETTINGS
@given(words=st.lists(ELEMENT, max_size=8), k=st.integers(-2, 10))
def test_word_count_and_word_of_match_an_oracle(do, words, k):
    rc, out, s = do(f"local n : word count {_typed(words)}\nlocal w : word {k} of {_typed(words)}")
    _clean(out)
    if k < 0:
        assert rc == 198, out  # not a number Stata reads there
        return
    assert rc == 0 and s.locals["n"] == str(len(words)), out
    assert s.locals.get("w", "") == (words[k - 1] if 1 <= k <= len(words) else "")


SUB_TEXT = st.text(alphabet="ab c", max_size=12)


@SETTINGS
@given(text=SUB_TEXT, old=st.text(alphabet="ab c", min_size=1, max_size=3).filter(lambda t: t.strip() == t),
       new=st.text(alphabet="xy", max_size=3), all_=st.booleans())
def test_subinstr_matches_str_replace(do, text, old, new, all_):
    rc, out, s = do(f'local t "{text}"\nlocal r : subinstr local t "{old}" "{new}", {"all " if all_ else ""}count(local n)')
    _clean(out)
    assert rc == 0, out
    assert s.locals.get("r", "") == text.replace(old, new, -1 if all_ else 1)
    assert s.locals["n"] == str(text.count(old) if all_ else int(old in text))


@SETTINGS
@given(words=st.lists(st.text(alphabet="abcde", min_size=1, max_size=7), max_size=8), length=st.integers(1, 9),
       nobreak=st.booleans())
def test_piece_pieces_make_up_the_text(do, words, length, nobreak):
    """``: piece`` cuts the text at blanks into pieces of at most #2 characters (longer words
    cut unless nobreak): the pieces, read in turn, give the text's characters back."""
    text = " ".join(words)
    lines = [f'local p{i} : piece {i} {length} of "{text}"{", nobreak" if nobreak else ""}' for i in range(1, 2 + len(text))]
    rc, out, s = do("\n".join(lines))
    _clean(out)
    assert rc == 0, out
    pieces = [s.locals.get(f"p{i}", "") for i in range(1, 2 + len(text))]
    filled = [p for p in pieces if p]
    assert pieces[len(filled):] == [""] * (len(pieces) - len(filled))  # no gap before the last piece
    assert "".join(filled).replace(" ", "") == text.replace(" ", "")
    if not nobreak:
        assert all(len(p) <= length for p in filled)


@SETTINGS
@given(text=st.text(alphabet="abc é\u4e2d", max_size=10))
def test_strlen_and_ustrlen_count_bytes_and_characters(do, text):
    rc, out, s = do(f'local t "{text}"\nlocal a : strlen local t\nlocal b : ustrlen local t\nglobal G "{text}"\n'
                    "local c : strlen global G")
    _clean(out)
    assert rc == 0 and s.locals["a"] == s.locals["c"] == str(len(text.encode())), out
    assert s.locals["b"] == str(len(text))


HOSTILE = ["", " ", '"', '""', '`"a"\'', "(", ")", "((", "[", "]", ",", ", all", "of", "count", "word", "in", "-1",
           "0", "1e300", "1.5", ".", "a b", '"a b"', "local", "global", "nosuch", "=", ":", "|", "&", "==", "===",
           "posof", "sizeof", "\\", "$", "{", "}", "\t"]
FUNCTIONS = ["word count {t}", "word {t} of {t}", "list {t}", "list uniq {t}", "list {t} | {t}", "list posof {t} in {t}",
             "list sizeof {t}", "list {t} in {t}", "subinstr local {t} {t} {t}", "subinstr global {t} {t} {t}, {t}",
             "piece {t} {t} of {t}", "piece 1 2 of {t}, {t}", "strlen local {t}", "strlen {t}", "ustrlen global {t}",
             "length local {t}", "{t}", "display {t}", "type {t}", "format {t}", "variable label {t}", "value label {t}",
             "char {t}", "colnames {t}", "rownames e({t})", "permname {t}", "copy local {t}", "sortedby {t}"]


@SETTINGS
@given(spec=st.sampled_from(FUNCTIONS), fill=st.lists(st.sampled_from(HOSTILE), min_size=4, max_size=4))
def test_macro_functions_on_hostile_text_give_stata_errors(do, spec, fill):
    for t in fill:
        spec = spec.replace("{t}", t, 1)
    rc, out, s = do("clear\nset obs 2\ngenerate y = 1\nlocal keep kept\nlocal x : " + spec)
    _clean(out)
    assert rc in (0, 3, 7, 100, 101, 109, 111, 132, 198, 199, 610, 1000), out
    assert s.locals.get("keep") == "kept"
    if rc:
        assert "x" not in s.locals and re.search(rf"r\({rc}\);", out), out


# ------------------------------------------------------------------ tokenize, gettoken, args, syntax
@SETTINGS
@given(words=st.lists(ELEMENT, max_size=6))
def test_tokenize_and_gettoken_agree_with_word_of(do, words):
    typed = _typed(words)
    lines = [_define("local", "s", words), f"tokenize `\"{typed}\"'", "local rest `\"`s'\"'"]
    for k in range(1, len(words) + 2):
        lines += [f"gettoken g{k} rest : rest", f"local w{k} : word {k} of `s'"]
    rc, out, s = do("\n".join(lines))
    _clean(out)
    assert rc == 0, out
    for k, word in enumerate(words + [""], 1):
        assert s.locals.get(str(k), "") == s.locals.get(f"g{k}", "") == s.locals.get(f"w{k}", "") == word, k


def test_gettoken_match_with_an_unclosed_parenthesis_loses_nothing(do):
    rc, out, s = do("local s ((a) b c\ngettoken t s : s, match(p)")
    assert rc == 0 and s.locals["t"] == "(a) b c" and s.locals["p"] == "(" and s.locals.get("s", "") == "", out


ARGS = st.lists(st.sampled_from(["y", "x", "nosuch", "1", "a b", '"q"', ",", ", opt", ", d", ", level(99)",
                                 "if y > 1", "in 1/2", "in 9", "[fw=y]", "=", "(", ")", "y*", "_all", "-", "\\"]),
                max_size=4)


@SETTINGS
@given(args=ARGS)
def test_syntax_in_a_program_never_changes_the_data_and_gives_stata_errors(do, new_session, run, args):
    s = new_session(pd.DataFrame({"y": [1.0, 2.0, 3.0], "x": [3.0, 1.0, 2.0]}))
    out, rc = run(s, "program define p\nsyntax [varlist(numeric default=none)] [if] [in] [fweight] "
                     "[, Opt Detail Level(cilevel)]\nmarksample touse\nquietly count if `touse'\n"
                     "args first second\nend")
    assert rc == 0, out
    before = fingerprint(s)
    out, rc = run(s, "capture noisily p " + " ".join(args) + "\ndisplay _rc", stop_on_error=False)
    _clean(out)
    assert int(out.strip().splitlines()[-1]) in (0, 100, 101, 102, 103, 110, 111, 121, 123, 125, 132, 190, 198,
                                                 402, 403, 2000)
    assert fingerprint(s) == before


# ================================================================== (b) loops
BODY = st.lists(st.sampled_from(["print", "continue", "break", "inner"]), min_size=1, max_size=5)


def _loop_program(outer: list[str], inner: list[str], n: int, m: int, kind: str) -> tuple[str, list[str]]:
    """A loop of ``kind`` over i = 1..n whose body runs ``outer`` (``inner``: a loop over
    j = 1..m of its own body); the do-file text and the lines Stata prints."""
    expected: list[str] = []

    def body_lines(items, var, inner_lines):
        lines = []
        for item in items:
            if item == "print":
                lines.append(f'display "{var}=`{var}\'"')
            elif item == "continue":
                lines.append(f"if mod(`{var}', 2) == 0 continue")
            elif item == "break":
                lines.append(f"if `{var}' == 2 continue, break")
            else:
                lines += inner_lines
        return lines

    def simulate_body(items, i, j_loop):
        for item in items:
            if item == "print":
                expected.append(f"i={i}")
            elif item == "continue" and i % 2 == 0:
                return "continue"
            elif item == "break" and i == 2:
                return "break"
            elif item == "inner":
                j_loop(i)
        return None

    def j_loop(i):
        for j in range(1, m + 1):
            stop = None
            for item in inner:
                if item == "print":
                    expected.append(f"j={j}")
                elif item == "continue" and j % 2 == 0:
                    stop = "continue"
                    break
                elif item == "break" and j == 2:
                    stop = "break"
                    break
            if stop == "break":
                return

    inner_items = [x if x != "inner" else "print" for x in inner]
    inner[:] = inner_items
    inner_lines = [f"forvalues j = 1/{m} {{"] + body_lines(inner_items, "j", []) + ["}"]
    body = body_lines(outer, "i", inner_lines)
    if kind == "forvalues":
        text = [f"forvalues i = 1/{n} {{"] + body + ["}"]
    elif kind == "foreach":
        text = [f"foreach i of numlist 1/{n} {{"] + body + ["}"] if n else ["foreach i in {"] + body + ["}"]
    else:
        text = ["local i = 0", f"while `i' < {n} {{", "local ++i"] + body + ["}"]
    for i in range(1, n + 1):
        if simulate_body(outer, i, j_loop) == "break":
            break
    return "\n".join(text), expected


@SETTINGS
@given(outer=BODY, inner=BODY, n=st.integers(0, 4), m=st.integers(0, 3),
       kind=st.sampled_from(["forvalues", "foreach", "while"]))
def test_nested_loops_with_continue_and_break_match_an_oracle(do, outer, inner, n, m, kind):
    text, expected = _loop_program(outer, list(inner), n, m, kind)
    rc, out, _ = do(text + '\ndisplay "end"')
    _clean(out)
    assert rc == 0, out
    printed = [ln for ln in out.splitlines() if re.fullmatch(r"[ij]=\d+|end", ln)]
    assert printed == expected + ["end"], text


FAILING = ["generate y = 1", "replace y = s", "error 459", "confirm variable nosuch", "assert y > 100",
           "drop nosuch", "merge 1:1 y using nosuch", "nosuchcommand", "display 1/", "local x : word -1 of a"]


@SETTINGS
@given(before=st.integers(0, 2), failing=st.sampled_from(FAILING), at=st.integers(1, 3),
       kind=st.sampled_from(["forvalues", "foreach", "while"]), noisily=st.booleans())
def test_capture_around_a_loop_failing_inside_keeps_earlier_changes_and_sets_rc(do, before, failing, at, kind,
                                                                               noisily):
    """capture { loop { replace ...; error at iteration `at' } }: the iterations before the
    failure changed the data (a block is no transaction: Stata keeps them), the failing
    command changed nothing, and _rc is its return code."""
    head = {"forvalues": "forvalues i = 1/3 {", "foreach": "foreach i in 1 2 3 {",
            "while": "local i = 0\nwhile `i' < 3 {\nlocal ++i"}[kind]
    setup = 'clear\nset obs 3\ngenerate y = _n\ngenerate s = "a"\n'
    text = (setup + f"capture {'noisily ' if noisily else ''}{{\n{head}\n" + "replace y = y + 10\n" * before
            + f"if `i' == {at} {failing}\n}}\n}}\ndisplay \"rc=\" _rc")
    rc, out, s = do(text)
    _clean(out)
    assert rc == 0, out
    _, expected_rc_out, _ = do(setup + f"capture {failing}\ndisplay \"rc=\" _rc")
    want_rc = _last_lines(expected_rc_out, 1)[0]
    assert _last_lines(out, 1)[0] == want_rc, out
    assert s.data.df["y"].tolist() == [float(k + 10 * before * at) for k in (1, 2, 3)], out
    assert s.data.varnames == ["y", "s"]


def test_loops_refuse_bad_headers_with_stata_errors(do):
    for line, rc in [("forvalues i = 1(0)3 {\n}", 198), ("forvalues i = 1 2 3 {\n}", 198),
                     ("foreach v of varlist nosuch {\n}", 111), ("foreach v {\n}", 198), ("while {\n}", 198),
                     ("continue", 198), ("continue, break", 198)]:
        got, out, _ = do("clear\nset obs 1\ngenerate y = 1\n" + line)
        _clean(out)
        assert got == rc, (line, out)


# ================================================================== (c) combining and reshaping data
KEY = st.sampled_from([1.0, 2.0, 3.0, 4.0, np.nan])
VALUE = st.sampled_from([np.nan, -1.5, 0.0, 2.0, 7.25])
TEXT = st.sampled_from(["", "a", "b", "a b"])


@st.composite
def frames(draw, key="id", value="x", with_text=True, min_size=1):
    n = draw(st.integers(min_size, 6))
    columns = {key: [draw(KEY) for _ in range(n)], value: [draw(VALUE) for _ in range(n)]}
    if with_text:
        columns["s"] = [draw(TEXT) for _ in range(n)]
    return pd.DataFrame(columns)


def _decorated(new_session, df):
    """A session over ``df`` with a variable label, a format, a note, a char, a value label
    and a sort order: what a failing command must leave alone."""
    from mlmcli.runner import Runner

    s = new_session(df)
    rc = Runner(s).run_text('label variable x "the x"\nformat x %6.2f\nnote x: a note\nchar x[foo] bar\n'
                            'label define idl 1 one 2 two\nlabel values id idl\nlabel data "master"\nsort id x',
                            echo=False)
    assert rc == 0
    return s


def _cell(v) -> str:
    if isinstance(v, (float, int, np.floating, np.integer)) and not isinstance(v, bool):
        return "." if v != v else repr(float(v))
    return "" if v is None else str(v)


def _rows(df: pd.DataFrame, columns) -> list[str]:
    return sorted(repr(tuple(_cell(v) for v in row)) for row in df[list(columns)].itertuples(index=False))


def _save(new_session, run, df, path):
    s = new_session(df)
    out, rc = run(s, f'save "{path}", replace')
    assert rc == 0, out


@FILE_SETTINGS
@given(master=frames(), using=frames(value="y", with_text=False, min_size=0),
       kind=st.sampled_from(["1:1", "m:1", "1:m"]), keep=st.sampled_from(["", "master match", "match", "using"]))
def test_merge_matches_a_pandas_oracle_or_changes_nothing(new_session, run, master, using, kind, keep):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "u.dta")
        _save(new_session, run, using, path)
        s = _decorated(new_session, master)
        before = fingerprint(s)
        out, rc = run(s, f'merge {kind} id using "{path}"' + (f", keep({keep})" if keep else ""), stop_on_error=False)
    _clean(out)
    unique_master, unique_using = not master["id"].duplicated().any(), not using["id"].duplicated().any()
    if (kind[0] == "1" and not unique_master) or (kind[2] == "1" and not unique_using):
        assert rc == 459 and fingerprint(s) == before, out
        return
    assert rc == 0, out
    expected = master.merge(using, on="id", how="outer", indicator=True)
    expected["s"] = expected["s"].astype(object).where(expected["s"].notna(), "")
    expected["_merge"] = expected["_merge"].map({"left_only": 1.0, "right_only": 2.0, "both": 3.0}).astype(float)
    wanted = {"": {1, 2, 3}, "master match": {1, 3}, "match": {3}, "using": {2}}[keep]
    expected = expected[expected["_merge"].isin(wanted)]
    got = s.data.df.assign(_merge=s.data.df["_merge"].astype(float))
    assert _rows(got, ["id", "x", "s", "y", "_merge"]) == _rows(expected, ["id", "x", "s", "y", "_merge"]), out
    assert s.data.var_labels.get("x") == "the x" and s.data.format_of("x") == "%6.2f"


@FILE_SETTINGS
@given(master=frames(), using=frames(value="x", with_text=False, min_size=0), generate=st.booleans())
def test_append_matches_pandas_concat(new_session, run, master, using, generate):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "u.dta")
        _save(new_session, run, using, path)
        s = _decorated(new_session, master)
        out, rc = run(s, f'append using "{path}"' + (", generate(src)" if generate else ""))
    _clean(out)
    assert rc == 0, out
    expected = pd.concat([master.assign(src=0.0), using.assign(src=1.0, s="")], ignore_index=True)
    got = s.data.df
    columns = ["id", "x", "s"] + (["src"] if generate else [])
    assert _rows(got, columns) == _rows(expected, columns), out
    assert got[["id", "x"]].iloc[:len(master)].reset_index(drop=True).equals(
        master[["id", "x"]].sort_values(["id", "x"], kind="stable", na_position="last").reset_index(drop=True))


def _stata_mean(v):
    v = v[~np.isnan(v)]
    return np.nan if len(v) == 0 else float(np.mean(v))


STATISTICS = {"mean": _stata_mean, "sum": lambda v: float(np.nansum(v)),
              "count": lambda v: float(np.sum(~np.isnan(v))),
              "min": lambda v: np.nan if np.isnan(v).all() else float(np.nanmin(v)),
              "max": lambda v: np.nan if np.isnan(v).all() else float(np.nanmax(v)),
              "first": lambda v: float(v[0]), "last": lambda v: float(v[-1]),
              "firstnm": lambda v: float(v[~np.isnan(v)][0]) if (~np.isnan(v)).any() else np.nan}


@SETTINGS
@given(df=frames(), stat=st.sampled_from(sorted(STATISTICS)), by=st.sampled_from(["id", "s", ""]))
def test_collapse_matches_an_oracle(new_session, run, df, stat, by):
    s = new_session(df)
    out, rc = run(s, f"collapse ({stat}) x" + (f", by({by})" if by else ""))
    _clean(out)
    assert rc == 0, out
    if by:
        keys = df[by].fillna(np.inf) if by == "id" else df[by]
        groups = sorted(set(keys))
        expected = pd.DataFrame({by: [np.nan if g == np.inf else g for g in groups],
                                 "x": [STATISTICS[stat](df["x"].to_numpy()[(keys == g).to_numpy()]) for g in groups]})
    else:
        expected = pd.DataFrame({"x": [STATISTICS[stat](df["x"].to_numpy())]})
    got = s.data.df.copy()
    assert list(got.columns) == list(expected.columns), out
    # collapse stores a float variable's statistics as float (Stata's rule): compare at float precision
    got["x"], expected["x"] = got["x"].astype(np.float32), expected["x"].astype(np.float32)
    assert _rows(got, expected.columns) == _rows(expected, expected.columns), (out, got, expected)


@SETTINGS
@given(df=frames(), zero=st.booleans(), nomiss=st.booleans())
def test_contract_matches_an_oracle(new_session, run, df, zero, nomiss):
    s = new_session(df)
    out, rc = run(s, "contract id s" + (", " if zero or nomiss else "") + ("zero " if zero else "") +
                  ("nomiss" if nomiss else ""))
    _clean(out)
    if nomiss and (df["id"].isna() | (df["s"] == "")).all():
        assert rc == 2000 and "no observations" in out, out
        return
    assert rc == 0, out
    frame = df[~(df["id"].isna() | (df["s"] == ""))] if nomiss else df
    counts = frame.groupby(["id", "s"], dropna=False).size()
    expected = [(i, t, float(c)) for (i, t), c in counts.items()]
    if zero:
        ids, texts = sorted(set(frame["id"].fillna(np.inf))), sorted(set(frame["s"]))
        seen = {(np.inf if i != i else i, t) for i, t, _ in expected}
        expected += [(np.nan if i == np.inf else i, t, 0.0) for i in ids for t in texts if (i, t) not in seen]
    got = s.data.df
    assert _rows(got, ["id", "s", "_freq"]) == _rows(pd.DataFrame(expected, columns=["id", "s", "_freq"]),
                                                      ["id", "s", "_freq"]), out


@SETTINGS
@given(df=frames(), copies=st.sampled_from(["2", "x", "id", "-1", "0", ".", "1.5", "2.5", "id if id < 3"]))
def test_expand_matches_an_oracle(new_session, run, df, copies):
    s = new_session(df)
    out, rc = run(s, f"expand {copies}")
    _clean(out)
    assert rc == 0, out
    expression, _, condition = copies.partition(" if ")
    n = len(df)
    values = (df[expression].to_numpy() if expression in df else np.full(n, float(expression) if expression != "."
                                                                          else np.nan))
    mask = (df["id"] < 3).to_numpy() if condition else np.ones(n, bool)
    times = np.where(mask & ~np.isnan(values) & (values >= 1), np.floor(values + 0.5), 1).astype(int)
    expected = pd.concat([df, df.loc[np.repeat(np.arange(n), times - 1)]], ignore_index=True)
    got = s.data.df
    assert len(got) == len(expected), out
    assert got.iloc[:n].reset_index(drop=True).astype(str).equals(df.astype(str)), out  # the originals first
    assert _rows(got, ["id", "x", "s"]) == _rows(expected, ["id", "x", "s"]), out


@SETTINGS
@given(df=frames())
def test_fillin_matches_an_oracle(new_session, run, df):
    s = new_session(df)
    out, rc = run(s, "fillin id s")
    _clean(out)
    assert rc == 0, out
    ids, texts = sorted(set(df["id"].fillna(np.inf))), sorted(set(df["s"]))
    have = {(np.inf if i != i else i, t) for i, t in zip(df["id"], df["s"])}
    extra = pd.DataFrame([(np.nan if i == np.inf else i, np.nan, t, 1.0) for i in ids for t in texts
                          if (i, t) not in have], columns=["id", "x", "s", "_fillin"])
    expected = pd.concat([df.assign(_fillin=0.0), extra], ignore_index=True)
    got = s.data.df.assign(_fillin=s.data.df["_fillin"].astype(float))
    assert _rows(got, ["id", "x", "s", "_fillin"]) == _rows(expected, ["id", "x", "s", "_fillin"]), out


@FILE_SETTINGS
@given(master=frames(), using=frames(value="y", with_text=False), unmatched=st.sampled_from(["", "both", "master",
                                                                                            "using", "none"]))
def test_joinby_and_cross_match_an_oracle(new_session, run, master, using, unmatched):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "u.dta")
        _save(new_session, run, using, path)
        s = new_session(master)
        out, rc = run(s, f'joinby id using "{path}"' + (f", unmatched({unmatched})" if unmatched else ""))
        _clean(out)
        assert rc == 0, out
        inner = master.merge(using, on="id", how="inner")
        parts = [inner]
        if unmatched in ("both", "master"):
            parts.append(master[~master["id"].isin(using["id"])].assign(y=np.nan))
        if unmatched in ("both", "using"):
            parts.append(using[~using["id"].isin(master["id"])].assign(x=np.nan, s=""))
        expected = pd.concat(parts, ignore_index=True)
        # Stata's joinby matches missing keys to each other as merge does
        assert _rows(s.data.df, ["id", "x", "s", "y"]) == _rows(expected, ["id", "x", "s", "y"]), out
        c = new_session(master)
        out, rc = run(c, f'rename id id_m\ncross using "{path}"')
        _clean(out)
        assert rc == 0 and len(c.data.df) == len(master) * len(using), out
        assert _rows(c.data.df, ["id_m", "x", "id", "y"]) == _rows(
            master.rename(columns={"id": "id_m"}).merge(using, how="cross"), ["id_m", "x", "id", "y"]), out


FAILING_DATA = ["merge 1:1 id using {u}, keep(nosuch)", "merge 1:1 nosuch using {u}", "merge m:1 id using {missing}",
                "merge 1:1 id using {u}, generate(x)", "merge m:1 id using {u}, keepusing(nosuch)",
                "merge m:1 id using {u}, assert(match)", "merge m:1 s using {u}", "append using {missing}",
                "append using {u}, generate(x)", "append using {u} {missing}", "append using {u}, keep(nosuch)",
                "joinby id using {missing}", "joinby nosuch using {u}", "joinby id using {u}, unmatched(nosuch)",
                "joinby id using {u}, _merge(x) unmatched(both)", "cross using {missing}",
                "collapse (mean) s, by(id)", "collapse (nosuch) x", "collapse (mean) x, by(nosuch)",
                "collapse (mean) id, by(id)", "collapse (mean) x=id x=s", "collapse (sum) x [aw=s]",
                "contract nosuch", "contract id, freq(id)", "contract id, freq(1a)", "contract id if nosuch",
                "expand s", "expand 1e10", "expand nosuch", "expand 2, generate(x)", "expand 2 in 99",
                "fillin nosuch", "fillin id", "fillin id s x nosuch", "reshape wide x, i(id) j(nosuch)",
                "reshape long q, i(id) j(k)", "reshape wide x, i(id) j(s)", "reshape error", "reshape",
                "reshape wide x, i(id)", "reshape wide x, i(nosuch) j(s) string", "reshape long x, i(id) j(1a)"]


@FILE_SETTINGS
@given(master=frames(), using=frames(value="y", with_text=False, min_size=0), line=st.sampled_from(FAILING_DATA))
def test_failing_data_commands_leave_everything(new_session, run, master, using, line):
    """A failing merge/append/joinby/cross/collapse/contract/expand/fillin/reshape leaves the
    data as they were: values, names, order, labels, formats, notes, chars, sort order."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "u.dta")
        _save(new_session, run, using, path)
        s = _decorated(new_session, master)
        before = fingerprint(s)
        text = line.format(u=f'"{path}"', missing=f'"{os.path.join(folder, "nosuch.dta")}"')
        out, rc = run(s, "capture noisily " + text.replace("\n", "\ncapture noisily ") + "\ndisplay _rc",
                      stop_on_error=False)
    _clean(out)
    if out.strip().splitlines()[-1] != "0":
        assert fingerprint(s) == before, (text, out)


# ================================================================== (d) files, tempfiles, preserve/restore
@SETTINGS
@given(steps=st.lists(st.sampled_from(["preserve", "restore", "restore, not", "restore, preserve", "drop in 1",
                                       "generate z = 1", "capture drop z", "replace y = -y"]), max_size=8))
def test_preserve_restore_match_a_stack_model(do, steps):
    """One preserved copy at most: preserve with one held is r(621); restore without one r(622);
    restore brings back the copy and drops it (``, preserve``: keeps it; ``, not``: drops it
    without restoring)."""
    rc, out, s = do('clear\nset obs 3\ngenerate y = _n')
    model, held = [1.0, 2.0, 3.0], None
    z = False
    for step in steps:
        out, rc = _run_step(s, step)
        _clean(out)
        if step == "preserve":
            assert rc == (621 if held is not None else 0), out
            held = held or (list(model), z)
        elif step.startswith("restore"):
            assert rc == (622 if held is None else 0), out
            if held is not None:
                if step != "restore, not":
                    model, z = list(held[0]), held[1]
                if step != "restore, preserve":
                    held = None
        elif step == "drop in 1":
            assert rc == (0 if model else 198), out
            model = model[1:]
        elif step == "generate z = 1":
            assert rc == (110 if z else 0), out
            z = True
        elif step == "capture drop z":
            z = False
        else:
            model = [-v for v in model]
        assert s.data.df["y"].tolist() == model and ("z" in s.data.varnames) == z, (steps, out)


def _run_step(session, step):
    from mlmcli.runner import Runner

    stream = session.out.stream
    stream.seek(0)
    stream.truncate()
    rc = Runner(session).run_text(step, echo=False)
    return stream.getvalue(), rc


def test_program_restores_its_own_preserve_and_the_callers_copy_stays(do):
    rc, out, s = do("clear\nset obs 2\ngenerate y = _n\npreserve\nreplace y = 10\n"
                    "program define p\npreserve\ndrop _all\nerror 459\nend\ncapture p\ndisplay _N\nrestore\nlist")
    assert rc == 0 and s.data.df["y"].tolist() == [1.0, 2.0], out


@SETTINGS
@given(steps=st.lists(st.sampled_from(["open_w", "open_w_replace", "open_a", "open_r", "write", "read", "close",
                                       "close_all", "open_missing"]), max_size=8))
def test_file_handles_match_a_model_and_never_lose_a_file(do, steps):
    """``file open`` of a handle in use is r(110), of a missing file to read r(601), of an
    existing one to write without replace/append r(602); write needs a handle open to write;
    the user's file keeps its text unless a write-open with replace or append asked."""
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "t.txt")
        with open(target, "w") as fh:
            fh.write("kept\n")
        content, handle = "kept\n", None  # None, "w" or "r"
        pending = ""
        _, _, s = do("tempname h")
        h = s.locals["h"]
        commands = {"open_w": f'file open {h} using "{target}", write',
                    "open_w_replace": f'file open {h} using "{target}", write replace',
                    "open_a": f'file open {h} using "{target}", write append',
                    "open_r": f'file open {h} using "{target}", read', "write": f'file write {h} "x" _n',
                    "read": f"file read {h} line", "close": f"file close {h}", "close_all": "file close _all",
                    "open_missing": f'file open {h} using "{folder}/nosuch.txt", read'}
        for step in steps:
            out, rc = _run_step(s, commands[step])
            _clean(out)
            if step.startswith("open"):
                if handle is not None:
                    assert rc == 110, out
                    continue
                want = {"open_w": 602, "open_missing": 601}.get(step, 0)
                assert rc == want, (step, out)
                if rc == 0:
                    handle = "r" if step == "open_r" else "w"
                    if step == "open_w_replace":
                        content = ""
            elif step == "write":
                assert (rc == 0) == (handle == "w"), (step, out)
                if rc == 0:
                    pending += "x\n"
            elif step == "read":
                assert (rc == 0) == (handle == "r"), (step, out)
            elif step == "close":
                assert rc == (0 if handle else 601), out
                content, pending, handle = content + pending, "", None
            else:
                assert rc == 0, out
                content, pending, handle = content + pending, "", None
        _run_step(s, "file close _all")
        content += pending
        with open(target) as fh:
            assert fh.read() == content, steps


@SETTINGS
@given(steps=st.lists(st.sampled_from(["save", "save_replace", "use_t1", "use_t2", "new_tempfile", "modify"]),
                      max_size=6))
def test_tempfile_reuse_matches_a_model(do, steps):
    """tempfile names are fresh each time (``tempfile t1`` again: a new, unused name); ``save``
    to an existing one without replace is r(602); ``use`` of one never saved is r(601)."""
    rc, out, s = do("clear\nset obs 2\ngenerate y = _n\ntempfile t1 t2")
    names, saved, y = {s.locals["t1"]}, {}, [1.0, 2.0]
    data_changed = True
    for step in steps:
        t1 = s.locals["t1"]
        line = {"save": 'save "`t1\'"', "save_replace": 'save "`t1\'", replace', "use_t1": 'use "`t1\'", clear',
                "use_t2": 'use "`t2\'", clear', "new_tempfile": "tempfile t1", "modify": "replace y = y + 1"}[step]
        out, rc = _run_step(s, line)
        _clean(out)
        if step == "save":
            assert rc == (602 if t1 in saved else 0), out
            saved.setdefault(t1, list(y))
        elif step == "save_replace":
            assert rc == 0, out
            saved[t1] = list(y)
        elif step == "use_t1":
            assert rc == (0 if t1 in saved else 601), out
            y = list(saved.get(t1, y))
        elif step == "use_t2":
            assert rc == 601, out
        elif step == "new_tempfile":
            assert s.locals["t1"] not in names and not os.path.exists(s.locals["t1"])
            names.add(s.locals["t1"])
        else:
            y = [v + 1 for v in y]
        assert s.data.df["y"].tolist() == y, (steps, out)
    del data_changed


@pytest.mark.parametrize("line,rc", [
    ("use {d}/nosuch, clear", 601), ("use {d}/nosuch.dta", 601), ("use y using {d}/nosuch, clear", 601),
    ("use nosuchvar using {d}/keep, clear", 111), ("use in 5 using {d}/keep, clear", 198), ("use {d}/keep", 4),
    ("save {d}/keep", 602), ("save {d}/nosuchdir/a", 603), ('save ""', 198), ("save {d}/dir.dta, replace", 603),
    ("clear\nuse {d}/keep, clear nosuchoption", 198), ("use {d}/notdta.dta, clear", 610),
    ("append using {d}/notdta.dta", 610), ("merge 1:1 y using {d}/notdta.dta", 610)])
def test_use_and_save_on_missing_or_protected_files_lose_nothing(do, tmp_path, line, rc):
    (tmp_path / "dir.dta").mkdir()
    (tmp_path / "notdta.dta").write_text("not a Stata file")
    got, out, s = do(f"clear\nset obs 2\ngenerate y = _n\nsave {tmp_path}/keep\nreplace y = 10")
    assert got == 0, out
    kept = (tmp_path / "keep.dta").read_bytes()
    before = fingerprint(s)
    got, out, _ = do(line.replace("{d}", str(tmp_path)), session=s)
    _clean(out)
    assert got == rc, out
    assert (tmp_path / "keep.dta").read_bytes() == kept and (tmp_path / "notdta.dta").read_text() == "not a Stata file"
    if "\n" not in line:
        assert fingerprint(s) == before, out


# ------------------------------------------------------------------ notes of the using file
NOTES = """clear
input id y
1 5
2 6
end
note y: using note
note: using data note
note: shared note
save "{d}/u", replace
clear
input id x
1 10
3 11
end
note: master data note
note: shared note
"""


@pytest.mark.parametrize("line", ["merge 1:1 id using {d}/u", "append using {d}/u"])
def test_merge_and_append_bring_the_using_notes_not_already_there(do, tmp_path, line):
    """[D] append, [D] merge: by default the using file's notes are incorporated (those not
    already in the master data); nonotes leaves them out.  Both were ignored before."""
    rc, out, s = do(NOTES.replace("{d}", str(tmp_path)) + line.replace("{d}", str(tmp_path)))
    assert rc == 0, out
    chars = s.data.chars
    assert [chars[f"note{i}"] for i in range(1, int(chars["note0"]) + 1)] == [
        "master data note", "shared note", "using data note"]
    assert chars["y[note0]"] == "1" and chars["y[note1]"] == "using note"
    rc, out, s = do(NOTES.replace("{d}", str(tmp_path)) + line.replace("{d}", str(tmp_path)) + ", nonotes")
    assert rc == 0 and s.data.chars["note0"] == "2" and "y[note0]" not in s.data.chars, out


# ------------------------------------------------------------------ file read/write loops
def test_file_read_loop_with_macval_and_write_tab_expressions(do, tmp_path):
    """The loop of [P] file: `macval(line)' is the line read (it expanded to nothing), and
    ``_tab (r(mean))`` is a tab, then the expression (it was read as _tab(#) with the
    expression's text up to its first ``)``)."""
    source = tmp_path / "in.txt"
    source.write_text('line one\nline "two"\n\nlast')
    target = tmp_path / "out.txt"
    rc, out, s = do(f'''clear
set obs 4
generate x = _n
tempname fh
file open `fh' using "{source}", read text
file read `fh' line
local n 0
while r(eof) == 0 {{
    local ++n
    display `"`n': [`macval(line)']"'
    file read `fh' line
}}
file close `fh'
file open `fh' using "{target}", write
quietly summarize x
file write `fh' "x" _tab (r(mean)) _tab (r(sd)) _n
file write `fh' _tab(2) "y" _tab (2*3) _n
file close `fh'
''')
    assert rc == 0, out
    assert [ln for ln in out.splitlines() if ln[:2] in ("1:", "2:", "3:", "4:")] == [
        "1: [line one]", '2: [line "two"]', "3: []", "4: [last]"]
    assert target.read_text() == "x\t2.5\t1.2909944\n\t\ty\t6\n"  # (exp) as %10.0g, trimmed


def test_macval_is_the_local_without_expanding_it_again(do):
    rc, out, s = do("local inner `\"a `b' c\"'\nlocal b B\nlocal copy `\"`macval(inner)'\"'\ndisplay `\"[`macval(nosuch)']\"'")
    assert rc == 0 and out.strip().splitlines()[-1] == "[]", out
    assert s.locals["copy"] == s.locals["inner"], s.locals


def test_contract_is_not_abbreviated_so_a_program_named_cont_runs(do):
    """contract is an ado-file (contract.ado): Stata takes no abbreviation of it, so ``cont``
    is a user's program (it ran contract and said 'varlist required'), and ``continue``
    inside a program outside a loop is Stata's error."""
    rc, out, _ = do("program define cont\ndisplay \"mine\"\nend\ncont")
    assert rc == 0 and out.strip().endswith("mine"), out
    rc, out, _ = do("clear\nset obs 1\ngenerate y = 1\ncont y")
    assert rc == 199, out
    rc, out, _ = do("program define pc\ncontinue\nend\nforvalues i = 1/2 {\ncapture noisily pc\ndisplay _rc\n}")
    assert rc == 0 and out.strip().splitlines()[-1] == "198" and "within a loop" in out, out


def test_c_local_sets_the_callers_local(do, tmp_path):
    """[P] c_local: a program (or do-file) defines a local of its caller; it was r(199)."""
    rc, out, s = do("program define inner\nc_local made = 2 + 3\nc_local word : word 2 of a b c\nlocal own x\nend\n"
                    "program define outer\ninner\ndisplay \"outer sees [`made'][`word'][`own']\"\nend\n"
                    "outer\ndisplay \"top sees [`made']\"")
    assert rc == 0 and "outer sees [5][b][]" in out and out.strip().endswith("top sees []"), out
    (tmp_path / "sub.do").write_text('c_local fromdo "yes"\n')
    rc, out, s = do(f'do "{tmp_path}/sub.do"\ndisplay "[`fromdo\']"\nc_local top 1\ndisplay "[`top\']"')
    assert rc == 0 and "[yes]" in out and out.strip().endswith("[1]"), out
    rc, out, _ = do("c_local 1a x")
    assert rc == 198, out


def test_a_programs_tempfiles_are_erased_when_it_ends(do):
    """[P] macro: the datasets saved under a program's tempfile names are erased when the
    program concludes (they stayed until mlm exited); the caller's tempfiles stay."""
    rc, out, s = do("clear\nset obs 2\ngenerate y = _n\ntempfile mine\nsave `mine'\n"
                    "program define mk\ntempfile t\nsave `t'\nc_local tname `t'\nconfirm file `t'\nend\nmk\n"
                    "capture confirm file `tname'\ndisplay _rc\nconfirm file `mine'")
    assert rc == 0 and out.strip().splitlines()[-1] == "601", out
    assert os.path.exists(s.locals["mine"]) and not os.path.exists(s.locals["tname"])


@st.composite
def long_frames(draw):
    """Long data: id 1..n_i, j from a few values (some (i, j) pairs absent), x numeric, s text,
    c constant within id."""
    n_i = draw(st.integers(1, 4))
    js = draw(st.lists(st.sampled_from([1.0, 2.0, 3.0, 5.0, 10.0]), min_size=1, max_size=3, unique=True))
    rows = [(float(i), j, draw(VALUE), draw(TEXT)) for i in range(1, n_i + 1) for j in sorted(js)
            if draw(st.booleans()) or j == min(js)]
    frame = pd.DataFrame(rows, columns=["id", "t", "x", "s"])
    return frame.assign(c=frame["id"] * 2)


@SETTINGS
@given(df=long_frames(), string_j=st.booleans())
def test_reshape_wide_then_long_matches_an_oracle(new_session, run, df, string_j):
    """reshape wide: one row per id, x<j> holding x of (id, j) (missing where absent); reshape
    long then gives every (id, j) of the ids and js seen, the absent ones missing."""
    s = new_session(df)
    out, rc = run(s, ("tostring t, replace\n" if string_j else "") +
                  f"reshape wide x s, i(id) j(t){' string' if string_j else ''}")
    _clean(out)
    assert rc == 0, out
    wide = s.data.df
    js = sorted(df["t"].unique())
    for j in js:
        column = wide[f"x{int(j)}"].tolist()
        expected = [df[(df["id"] == i) & (df["t"] == j)]["x"].tolist() for i in wide["id"]]
        assert _rows(pd.DataFrame({"v": column}), ["v"]) == _rows(
            pd.DataFrame({"v": [e[0] if e else np.nan for e in expected]}), ["v"]), (j, out)
    out, rc = run(s, "reshape long")
    _clean(out)
    assert rc == 0, out
    back = s.data.df.copy()
    if string_j:
        back["t"] = back["t"].astype(float)
    full = pd.DataFrame([(i, j) for i in sorted(df["id"].unique()) for j in js], columns=["id", "t"])
    full = full.merge(df, on=["id", "t"], how="left")
    full["s"], full["c"] = full["s"].fillna(""), full["id"] * 2
    assert _rows(back, ["id", "t", "x", "s", "c"]) == _rows(full, ["id", "t", "x", "s", "c"]), out


def test_by_functions_inside_a_byable_program(do):
    """[P] byable's _by(), _byindex(), _bylastcall(), _byn1(), _byn2() (unknown functions before)."""
    rc, out, _ = do("clear\nset obs 5\ngenerate y = mod(_n, 2)\nprogram define bb, byable(recall, noheader)\n"
                    "display _by() \" \" _byindex() \" \" _bylastcall() \" \" _byn1() \" \" _byn2()\nend\n"
                    "sort y\nby y: bb\nbb")
    assert rc == 0 and out.strip().splitlines()[-3:] == ["1 1 0 1 2", "1 2 1 3 5", "0 1 1 1 5"], out

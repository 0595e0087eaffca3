"""The caps of ``help limits``: deep nesting, memory, macro length, format width, and inputs
that used to take exponential or quadratic time, each a Stata error in bounded time with the
data unchanged (issue 18)."""
from __future__ import annotations

import pandas as pd
import pytest

from data_state import assert_unchanged, snapshot
from mlmcli import limits
from scaling import assert_not_superlinear, cpu_seconds


@pytest.fixture
def two_obs(new_session):
    return new_session(pd.DataFrame({"x": [1.0, 2.0]}))


def _nested_ifs(n: int) -> str:
    return "if 1 {\n" * n + "display 42\n" + "}\n" * n


# ----- nesting: RecursionError used to escape as a traceback at ~250 levels

def test_nesting_up_to_the_limit_runs(two_obs, run):
    out, rc = run(two_obs, _nested_ifs(limits.NESTING))
    assert rc == 0 and out.strip() == "42"


@pytest.mark.parametrize("levels", [limits.NESTING + 1, 250, 3000])
def test_deeper_nesting_is_r1000(two_obs, run, levels):
    before = snapshot(two_obs)
    out, rc = _cpu_bounded(two_obs, run, _nested_ifs(levels))
    assert rc == 1000 and out.startswith("system limit exceeded\n    more than 64 nested")
    assert_unchanged(two_obs, before)


def test_runaway_recursion_of_a_program_and_a_do_file(two_obs, run, tmp_path):
    out, rc = run(two_obs, "program p\n p\nend\np")
    assert rc == 1000 and "system limit exceeded" in out and "internal error" not in out
    script = tmp_path / "self.do"
    script.write_text(f'do "{script}"\n')
    out, rc = run(two_obs, f'do "{script}"')
    assert rc == 1000 and "system limit exceeded" in out
    out, rc = run(two_obs, 'capture noisily do "{0}"\ndisplay _rc'.format(script))
    assert rc == 0 and out.strip().endswith("1000")


def test_deep_nesting_through_the_program_is_not_a_traceback(mlm, tmp_path):
    script = tmp_path / "deep.do"
    script.write_text(_nested_ifs(1000))
    done = mlm("-q", str(script))
    assert done.returncode == 1000 % 256 or done.returncode == 1
    assert "Traceback" not in done.stderr and "system limit exceeded" in done.stdout


# ----- memory: set obs 2147483648 used to end in a MemoryError (or the OOM killer)

def test_set_obs_beyond_stata_is_r909(two_obs, run):
    before = snapshot(two_obs)
    out, rc = run(two_obs, "set obs 2147483648")
    assert (rc, out.strip()) == (909, "op. sys. refuses to provide memory\nr(909);")
    assert_unchanged(two_obs, before)


def test_requests_beyond_free_memory_are_r909(two_obs, run, monkeypatch):
    monkeypatch.setattr(limits, "available_memory", lambda: 512 * 2 ** 20)  # 512 MB free
    before = snapshot(two_obs)
    out, rc = run(two_obs, "set obs 100000000")  # 100 million rows: 1.6 GB for x and one more
    assert rc == 909 and "op. sys. refuses to provide memory" in out
    assert_unchanged(two_obs, before)
    monkeypatch.setattr(limits, "available_memory", lambda: 10 ** 12)
    out, rc = run(two_obs, "set obs 20000000")
    assert rc == 0, out
    monkeypatch.setattr(limits, "available_memory", lambda: 256 * 2 ** 20)
    before = snapshot(two_obs)
    out, rc = run(two_obs, "generate y = x + 1")  # 20 million rows: 640 MB of temporaries
    assert rc == 909
    assert_unchanged(two_obs, before)


def test_a_memory_error_inside_a_command_is_r909_and_keeps_the_data(two_obs, run, monkeypatch):
    from mlmcli.commands.data import generate

    def exhausted(session, cmd):
        session.data.set_variable("y", session.data.numeric("x"))
        raise MemoryError

    monkeypatch.setattr(generate, "cmd_generate", exhausted)
    before = snapshot(two_obs)
    out, rc = run(two_obs, "generate y = 1")
    assert (rc, out.strip()) == (909, "op. sys. refuses to provide memory\nr(909);")
    assert_unchanged(two_obs, before)
    out, rc = run(two_obs, "capture generate y = 1\ndisplay _rc")
    assert (rc, out.strip()) == (0, "909")


# ----- hangs: each of these took from seconds to for ever

def _cpu_bounded(two_obs, run, text, limit=30.0):
    """``run`` of ``text`` within ``limit`` CPU seconds: inputs whose old cost was exponential
    (minutes to for ever) or an allocation of gigabytes, now a fraction of a second.  The bound
    is CPU time of this process, so a loaded machine does not fail it."""
    cpu, (out, rc) = cpu_seconds(lambda: run(two_obs, text))
    assert cpu < limit, f"{text[:40]}... took {cpu:.1f} s of CPU"
    return out, rc


def _linear(two_obs, run, text_of_size, n, factor=4):
    """``text_of_size(n)`` and ``text_of_size(factor * n)``: the larger may not cost quadratically
    more (tests/scaling.py); returns the larger's (printed, rc)."""
    return assert_not_superlinear(lambda size: run(two_obs, text_of_size(size)), n, factor,
                                  what=text_of_size(3)[:30])[1]


def test_stray_backticks_expand_in_linear_time(two_obs, run):
    """26 stray backticks took 53 s (exponential: each doubled the time); 13 and 26 now cost
    about the same."""
    out, rc = _linear(two_obs, run, lambda n: "display 1" + "`" * n, 13, factor=2)
    assert rc == 198
    out, rc = _linear(two_obs, run, lambda n: 'local x "v"\ndisplay "`x\'' + "`" * n + '"', 1250)
    assert rc == 0 and out == "v" + "`" * 5000 + "\n"


def test_unclosed_and_nested_macro_quotes_keep_their_meaning():
    from mlmcli.macro_expansion import expand_macros

    values = {"x": "X", "i": "1", "x1": "ONE", "n": "5"}
    cases = {"`x'": "X", "`x`i''": "ONE", "a`b": "a`b", "`a `x'": "`a X", "``x''": "", "a`b`c'd": "a`bd",
             "x'`n'y": "x'5y", "\\`x' \\$g": "`x' $g", '`"q"\'': '`"q"\'', "`i++' `i'": "1 2"}
    for text, expected in cases.items():
        assert expand_macros(text, dict(values), {"g": "G"}) == expected, text


def test_long_invalid_display_lines_take_linear_time(two_obs, run):
    """``display 1+(1+(...`` of 6,000 took ~16 s (quadratic); a quarter of it now costs about a
    quarter of the time.  So does a line of ``%9.0g 1`` items (each item re-read the rest of the
    line: 1.4 s of CPU for 3,000 items, 5 s for 6,000; now a window of it)."""
    out, rc = _linear(two_obs, run, lambda n: "display " + "1+(" * n, 1500)
    assert rc == 198
    out, rc = _linear(two_obs, run, lambda n: "display " + "%9.0g 1 " * n, 1500)
    assert rc == 0 and out.split() == ["1"] * 6000


@pytest.mark.parametrize("text", ["display %2147483648g 3", "display %9.2147483648f 3", "display %2046s \"a\"",
                                  "format x %2147483648g"])
def test_format_wider_than_the_limit_is_r120(two_obs, run, text):
    before = snapshot(two_obs)
    out, rc = _cpu_bounded(two_obs, run, text)
    assert (rc, out.splitlines()[0]) == (120, "invalid %format")
    assert_unchanged(two_obs, before)


def test_format_at_the_limit_works(two_obs, run):
    out, rc = run(two_obs, 'display %2045s "a"')
    assert rc == 0 and out == " " * 2044 + "a\n"


@pytest.mark.parametrize("body", ['local a "`a\'`a\'"', 'local a : subinstr local a "x" "xx", all',
                                  'global g "$g$g"'])
def test_doubling_a_macro_stops_at_the_length_limit(two_obs, run, body):
    text = f'local a "x"\nglobal g "x"\nforvalues i = 1/30 {{\n  {body}\n}}'
    out, rc = _cpu_bounded(two_obs, run, text)
    assert rc == 920 and out.startswith("macro substitution results in line that is too long")
    assert len(two_obs.locals.get("a", "")) <= limits.MACRO_LENGTH
    assert len(two_obs.globals.get("g", "")) <= limits.MACRO_LENGTH


def test_a_macro_at_the_limit_is_kept(two_obs, run):
    two_obs.locals["a"] = "x" * (limits.MACRO_LENGTH - 20)
    out, rc = run(two_obs, 'local b "`a\'"\ndisplay length("`b\'")')
    assert rc == 0 and out.strip() == str(limits.MACRO_LENGTH - 20)


def test_catastrophic_regular_expressions_return_at_once(two_obs, run):
    two_obs.locals["s"] = "a" * 30000 + "c"
    out, rc = _cpu_bounded(two_obs, run, 'display regexm("`s\'", "(a+)+b") regexm("`s\'", "(a|aa)*c")')
    assert (rc, out.strip()) == (0, "01")
    out, rc = run(two_obs, 'display regexm("xabc", "(a|b)c") regexs(0) regexs(1) regexr("aaa", "a+", "\\\\")')
    assert (rc, out.strip()) == (0, "1bcb\\\\")


def test_without_re2_backtracking_patterns_are_refused(monkeypatch):
    import builtins

    from mlmcli.expr import regex

    real_import = builtins.__import__

    def no_re2(name, *args, **kwargs):
        if name == "re2":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_re2)
    regex.compile_pattern.cache_clear()
    try:
        for bad in ("(a+)+b", "(a|aa)*c", "(x{2,})+", "(a*)*", "(a)\\1"):
            with pytest.raises(Exception) as err:
                regex.compile_pattern(bad)
            assert err.value.rc == 198
        assert regex.compile_pattern("([a-z]+)([0-9]+)").search("abc123").group(2) == "123"
        assert regex.replace_first("a+", "baab", "\\") == "b\\b"
    finally:
        regex.compile_pattern.cache_clear()


def test_help_limits_documents_every_cap(two_obs, run):
    out, rc = run(two_obs, "help limits")
    assert rc == 0
    for figure in ("1,081,511", "64", "2,045", "2,147,483,647", "r(909)", "r(920)", "r(1000)", "r(120)", "RE2"):
        assert figure in out

"""The REPL loop, driven by a fake line source; completion candidates."""
from __future__ import annotations

import io

import pandas as pd

from mlmcli.dataset import Dataset
from mlmcli.repl import completions, run_repl
from mlmcli.runner import Runner
from mlmcli.session import Output, Session


def feed(lines, df=None):
    """A read_line that returns the lines then raises EOFError (Ctrl-D); KeyboardInterrupt items raise."""
    prompts = []
    items = list(lines)

    def read_line(prompt):
        prompts.append(prompt)
        if not items:
            raise EOFError
        item = items.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item
    s = Session(out=Output(io.StringIO()))
    if df is not None:
        s.data = Dataset(df=df)
    return s, read_line, prompts


def test_commands_run_and_errors_do_not_end_the_session():
    s, read, prompts = feed(["display 1", "foo", "display 2"])
    assert run_repl(Runner(s), read) == 0
    assert s.out.stream.getvalue() == "1\n\nunrecognized command:  foo\nr(199);\n\n2\n\n\n"
    assert prompts == [". ", ". ", ". ", ". "]


def test_continuation_lines_use_the_continuation_prompt():
    s, read, prompts = feed(["display 2 ///", "+ 3", "display /* open", "*/ 4"])
    run_repl(Runner(s), read)
    assert s.out.stream.getvalue() == "5\n\n4\n\n\n"
    assert prompts == [". ", "> ", ". ", "> ", ". "]


def test_exit_and_quit_leave():
    s, read, _ = feed(["display 1", "exit", "display 2"])
    assert run_repl(Runner(s), read) == 0
    assert s.out.stream.getvalue() == "1\n\n"
    s, read, _ = feed(["quit"])
    assert run_repl(Runner(s), read) == 0


def test_ctrl_c_while_typing_cancels_only_the_line():
    s, read, _ = feed([KeyboardInterrupt(), "display 3"])
    assert run_repl(Runner(s), read) == 0
    assert s.out.stream.getvalue() == "\n3\n\n\n"


def test_ctrl_c_while_running_breaks_the_command(monkeypatch):
    import mlmcli.commands.program.control as program

    def slow(session, cmd):
        raise KeyboardInterrupt
    monkeypatch.setattr(program, "cmd_assert", slow)
    s, read, _ = feed(["assert 1", "display 4"])
    assert run_repl(Runner(s), read) == 0
    assert s.out.stream.getvalue() == "--Break--\nr(1);\n\n4\n\n\n"


def test_blank_lines_are_ignored():
    s, read, prompts = feed(["", "   ", "display 1"])
    run_repl(Runner(s), read)
    assert s.out.stream.getvalue() == "1\n\n\n"


def test_completion_of_commands_and_variables():
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=pd.DataFrame({"income": [1.0], "index": [2.0], "age": [3.0]}))
    assert ("summarize", -3) in completions(s, "sum")
    assert {w for w, _ in completions(s, "summarize in")} == {"income", "index"}
    assert ("display", -2) in completions(s, "quietly di")
    assert ("generate", -3) in completions(s, "by age: gen")
    assert {w for w, _ in completions(s, "list ")} == {"income", "index", "age"}
    assert completions(s, "tabstat age, by(a") == [("age", -1)]


def test_blocks_keep_reading_on_numbered_prompts():
    s, read, prompts = feed(["forvalues i = 1/2 {", "display `i'", "}", "display 9"])
    run_repl(Runner(s), read)
    assert s.out.stream.getvalue() == "1\n2\n\n9\n\n\n"
    assert prompts == [". ", "  2. ", "  3. ", ". ", ". "]


def test_prompt_toolkit_completer_yields_completions():
    from prompt_toolkit.document import Document

    from mlmcli.repl import make_completer

    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=pd.DataFrame({"income": [1.0]}))
    completer = make_completer(s)
    got = [(c.text, c.start_position) for c in completer.get_completions(Document("su inc"), None)]
    assert got == [("income", -3)]


def test_exit_at_the_prompt_protects_changed_data():
    s, read, _ = feed(["set obs 2", "gen x = 1", "exit", "exit, clear"])
    s.interactive = True
    assert run_repl(Runner(s), read) == 0
    out = s.out.stream.getvalue()
    assert "no; data in memory would be lost\nr(4);\n" in out


def test_program_definition_at_the_prompt():
    s, read, prompts = feed(["program define hi", 'di "hi"', "end", "hi"])
    run_repl(Runner(s), read)
    assert prompts == [". ", "  1. ", "  2. ", ". ", ". "]
    assert s.out.stream.getvalue() == "\nhi\n\n\n"


def test_input_at_the_prompt():
    s, read, prompts = feed(["input x", "5", "end", "display x"])
    run_repl(Runner(s), read)
    assert prompts == [". ", "  1. ", "  2. ", ". ", ". "]
    assert s.out.stream.getvalue() == "\n             x\n\n5\n\n\n"


def test_errors_can_be_coloured_for_the_terminal_but_not_in_the_log(tmp_path):
    from mlmcli.repl import red

    s, read, _ = feed(["foo"])
    runner = Runner(s)
    runner.error_style = red
    log = tmp_path / "x.log"
    s.out.log = open(log, "w")
    run_repl(runner, read)
    s.out.log.close()
    assert "\x1b[31m" in s.out.stream.getvalue()
    assert log.read_text().startswith("unrecognized command:  foo\nr(199);\n")


def test_completion_of_options_macros_and_file_names(tmp_path, monkeypatch):
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=pd.DataFrame({"income": [1.0], "age": [3.0]}))
    s.locals.update({"abc": "1", "abd": "2", "x": "3"})
    s.globals.update({"gg": "1", "_hidden": "2"})
    assert completions(s, "summarize income, det") == [("detail", -3)]
    assert ("reml", -2) in completions(s, "mixed y x || id:, re")
    assert completions(s, "mixed y x || id: a") == [("age", -1)]       # a level's variables, not commands
    assert completions(s, "tabstat age, by(a") == [("age", -1)]         # inside an option: variables
    assert completions(s, "display `ab") == [("abc'", -2), ("abd'", -2)]
    assert completions(s, "display $") == [("_hidden", 0), ("gg", 0)]
    assert completions(s, "display ${g") == [("gg}", -1)]
    assert completions(s, "summarize income, `a") == [("abc'", -1), ("abd'", -1)]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "my data.dta").write_text("")
    (tmp_path / "sub" / "other.do").write_text("")
    monkeypatch.chdir(tmp_path)
    assert completions(s, "use su") == [("sub/", -2)]
    assert completions(s, "use sub/m") == [("sub/my data.dta", -5)]
    assert completions(s, 'use "sub/my') == [("sub/my data.dta", -6)]
    assert completions(s, "merge 1:1 id using sub/o") == [("sub/other.do", -5)]
    assert ("quietly", -1) in completions(s, "q") and ("regress", -3) in completions(s, "capture reg")


def test_review_lists_the_lines_typed():
    s, read, _ = feed(["display 1", "* a comment", "#review", "#r 3 2", "#revi 1", "#reviewx"])
    run_repl(Runner(s), read)
    out = s.out.stream.getvalue()
    assert out.startswith("1\n\n\n2 display 1\n1 * a comment\n\n3 display 1\n2 * a comment\n\n1 #r 3 2\n\n")
    assert "unrecognized command:  #reviewx" in out


def test_syntax_colouring_fragments():
    from mlmcli.repl_highlight import stata_fragments

    def styled(line):
        pieces = stata_fragments(line)
        assert "".join(text for _, text in pieces) == line
        return [(style, text) for style, text in pieces if style]

    assert styled('display "hi `x\'" $y') == [("command", "display"), ("string", '"hi '), ("macro", "`x'"),
                                              ("string", '"'), ("macro", "$y")]
    assert styled("quietly by g: gen z = `a`i'' // note") == [
        ("command", "quietly"), ("command", "by"), ("command", "gen"), ("macro", "`a`i''"),
        ("comment", "// note")]
    assert styled("* all comment") == [("comment", "* all comment")]
    assert styled("local s `\"a \"b\"\"' /* c */") == [("command", "local"), ("string", '`"a "b""\''),
                                                     ("comment", "/* c */")]
    assert styled("regress y x ///") == [("command", "regress"), ("comment", "///")]
    assert styled("notacommand x") == []

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

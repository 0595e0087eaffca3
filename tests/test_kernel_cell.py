"""The kernel's parts that need no Jupyter: cells run on a session (streams, graphs,
errors, ``#delimit``), the stream buffer, and completion on files and macros."""
from __future__ import annotations

import io
import time

import pytest

from mlmcli.kernel import cell as cell_module
from mlmcli.kernel.cell import CellRunner, StreamWriter
from mlmcli.kernel.completion import complete, current_command, file_names, inspect, word_at
from mlmcli.runner import Runner
from mlmcli.session import Output, Session


class Frontend:
    """Records what the kernel would send: ("stdout"|"stderr", text) and ("display", bundle)."""

    def __init__(self):
        self.sent: list[tuple[str, object]] = []

    def stream(self, name, text):
        self.sent.append((name, text))

    def display(self, data, metadata):
        self.sent.append(("display", data))

    def text(self, name="stdout"):
        return "".join(t for n, t in self.sent if n == name)


@pytest.fixture
def front():
    return Frontend()


@pytest.fixture
def cells(front):
    return CellRunner(Session(), front.stream, front.display, svg=False)


def test_stream_messages_join_to_the_exact_text(monkeypatch, front):
    monkeypatch.setattr(cell_module, "FLUSH_INTERVAL", 0.0)  # every line end may send
    writer = StreamWriter(front.stream)
    pieces = ["Iteration 0\n", "\n", "Iteration 1\n", "partial", " line\n\n", "table\n"]
    for piece in pieces:
        writer.write(piece)
    writer.flush()
    assert front.text() == "".join(pieces)
    sent = [t for _, t in front.sent]
    assert len(sent) > 1
    # a message sent while text flows stops before its last newline, which opens the next
    assert all(not t.endswith("\n") for t in sent[:-1])
    assert all(t.startswith("\n") for t in sent[1:])


def test_stream_waits_for_the_interval(front):
    writer = StreamWriter(front.stream)
    writer.write("a\n")
    writer.write("b\n")
    assert front.sent == []
    writer.flush()
    assert front.sent == [("stdout", "a\nb\n")]
    writer.flush()
    assert len(front.sent) == 1  # nothing more to send


def test_a_line_printed_before_a_silent_wait_is_sent_during_it():
    sent = []
    cells = CellRunner(Session(), lambda name, text: sent.append((time.monotonic(), text)),
                       lambda data, metadata: None, background_flush=True)
    cells.run('display "first"\nsleep 3000\ndisplay "second"')
    assert "".join(text for _, text in sent) == "first\nsecond\n"
    (first_at, first), (second_at, _) = sent[0], sent[-1]
    # "first" went out during the 3 s sleep, not with "second" after it: a loaded machine only
    # lengthens the sleep, so the gap between the two is at least half of it however slow
    assert first == "first" and second_at - first_at > 1.5


def test_cell_text_matches_mlm_and_errors_go_to_stderr(cells, front):
    code = "set obs 4\ngen x = _n\nsummarize x\ndisplay 1/0\nlist nosuch\ndisplay 9"
    result = cells.run(code)
    reference = Session(out=Output(io.StringIO()))
    Runner(reference).run_text(code, echo=False)
    assert front.text("stdout") + front.text("stderr") == reference.out.stream.getvalue()
    assert front.text("stderr") == "variable nosuch not found\nr(111);\n"
    assert (result.rc, result.message) == (111, "variable nosuch not found")


def test_cells_share_the_session(cells, front):
    cells.run("set obs 3\nlocal k 7")
    cells.run('display `k\' * _N')
    assert front.text().endswith("21\n")


def test_delimit_state_follows_the_cells(cells, front):
    cells.run("#delimit ;")
    assert cells.semicolon_mode
    cells.run("display 1 +\n 2;")
    cells.run("#delimit cr\ndisplay 4")
    assert not cells.semicolon_mode
    assert front.text() == "delimiter now ;\n3\ndelimiter now cr\n4\n"


def test_interrupt_prints_break_and_resets_output_state(cells, front):
    session = cells.session
    session.out.quiet = 2  # as if inside `quietly` when the break came
    result = cells.break_result()
    assert (result.rc, front.text("stderr")) == (1, "--Break--\nr(1);\n")
    assert session.out.quiet == 0 and session.capture_depth == 0


def test_graphs_are_shown_once_in_drawing_order(cells, front):
    cells.run("set obs 10\ngen x = _n\ngen y = x * x\nscatter y x, name(a)\ndisplay 1\nscatter x y, name(b)")
    kinds = [n for n, _ in front.sent]
    assert kinds == ["stdout", "display", "stdout", "display"]
    assert [d["text/plain"] for n, d in front.sent if n == "display"] == ["<Graph a>", "<Graph b>"]
    assert "image/svg+xml" not in front.sent[1][1]  # svg=False: PNG only
    front.sent.clear()
    cells.run("display 2\ngraph dir")
    assert [n for n, _ in front.sent] == ["stdout"]
    cells.run("quietly graph display a")
    assert [d["text/plain"] for n, d in front.sent if n == "display"] == ["<Graph a>"]


# ----- completion helpers -----

def test_current_command_joins_continued_lines():
    assert current_command("display 1\nregress y ///\n   x /// comment\n   i").split() == ["regress", "y", "x", "i"]
    assert current_command("summarize a") == "summarize a"


def test_file_names_filter_and_mark_folders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.dta").write_bytes(b"")
    (tmp_path / "data" / "a.csv").write_text("")
    (tmp_path / ".hidden.dta").write_bytes(b"")
    assert file_names("") == ["data/"]
    assert file_names("d") == ["data/"]
    assert file_names("data/", (".dta",)) == ["data/a.dta"]
    assert file_names("data/a") == ["data/a.csv", "data/a.dta"]
    assert file_names(".h") == [".hidden.dta"]
    assert file_names("nosuchfolder/x") == []


def test_completion_contexts_on_a_session(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "run1.do").write_text("")
    session = Session(out=Output(io.StringIO()))
    Runner(session).run_text("set obs 2\ngen alpha = 1\ngen beta = 2\nlocal lname 1\nglobal gname 2\n"
                             "program define myprog\nend", echo=False)
    assert complete(session, "myp", 3)[0] == ["myprog"]
    assert complete(session, "gen z = al", 10) == (["alpha"], 8, 10)
    assert complete(session, "display `ln'", 11) == (["lname"], 9, 11)  # the quote is there already
    assert complete(session, "do r", 4)[0] == ["run1.do"]
    assert complete(session, 'save "r', 7)[0] == ["run1.do"]
    assert complete(session, "twoway scatter alpha beta, saving(r", 36)[0] == ["run1.do"]
    assert complete(session, "bysort alpha: gen", 17)[0] == ["generate"]


def test_word_at_and_inspect(tmp_path):
    assert word_at("summarize x", 3) == ("summarize", True)
    assert word_at("summarize x", 11) == ("x", False)
    assert word_at("quietly regress y", 10) == ("regress", True)
    assert word_at("  ", 1) == ("", False)
    session = Session(out=Output(io.StringIO()))
    Runner(session).run_text('set obs 1\ngen double w = 1\nlabel variable w "Weight"', echo=False)
    assert inspect(session, "sum w", 5) == "w  double  %10.0g  Weight"
    assert "[R] regress" in inspect(session, "regress", 2)  # the help page
    assert inspect(session, "", 0) is None

"""The live progress line through the shared path: every estimation command's fits that go
through glm.newton.maximize or conditional_likelihood.maximise without a callback of their own
(heckman, zinb, zip, xtnbreg, streg with frailty, logit ...) report to the command's line
(fit_progress.command_progress and iteration_listener); nothing is reported where no line is
shown (quietly, capture, no sink), a command that fits nothing never begins one, and the
listener is back to None after every command, however it ended."""
from __future__ import annotations

import io
import re
from collections import Counter

import pytest

from mlmcli import iteration_listener
from mlmcli.errors import StataError
from mlmcli.fit_progress import command_criterion
from mlmcli.parser import parse_command
from mlmcli.render.numfmt import format_number
from tests.test_fit_progress_line import Recorder, plain, screen  # a recording sink; the fake terminal's reader

DATA = """\
clear
set seed 20261208
set obs 600
generate id = ceil(_n/20)
generate x1 = rnormal()
generate x2 = rnormal()
bysort id: generate u = rnormal() if _n == 1
by id: replace u = u[1]
generate y = 1 + 0.5*x1 + u + rnormal()
generate s = runiform() < normal(0.3 + x2 + 0.5*x1)
generate c = rpoisson(exp(0.3 + 0.4*x1 + 0.3*u)) * (runiform() < 0.8)
generate t = -ln(runiform())/exp(0.3*x1 + 0.5*u)
generate d = runiform() < 0.8
stset t, failure(d)
xtset id
"""


def shown_iterations(rec: Recorder) -> list[tuple[str, str]]:
    """The recorded iterations as the printed log shows them (number, %10.0g value)."""
    return [(str(i), format_number(v, "%10.0g").strip()) for i, v in rec.iterations()]


@pytest.fixture
def fit_with(new_session, run):
    """``fit_with(command, progress=Recorder()) -> (recorder, printed output)``: ``command`` run
    on the generated data with ``progress`` as the session's sink."""

    def call(command, progress="recorder"):
        rec = Recorder() if progress == "recorder" else progress
        session = new_session()
        run(session, DATA)
        session.progress = rec
        out, _ = run(session, command)
        assert iteration_listener.current() is None
        return rec, out

    return call


def printed_log(out: str) -> list[tuple[str, str]]:
    return re.findall(r"^Iteration +(\d+): +log (?:pseudo)?likelihood = +(\S+)", out, re.M)


def is_subsequence(short, long) -> bool:
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


@pytest.mark.parametrize("command, name", [("zinb c x1, inflate(x2)", "zinb"), ("zip c x1, inflate(x2)", "zip")])
def test_zero_inflated_line_is_the_printed_log(fit_with, command, name):
    rec, out = fit_with(command)
    log = printed_log(out)
    assert len(log) > 5 and "Fitting full model:" in out
    assert rec.events[0] == ("begin", name, "log likelihood")
    assert shown_iterations(rec) == log  # the constant-only and full model's lines, in order
    assert rec.events[-1] == "end" and rec.events.count("end") == 1


def test_heckman_line_is_the_printed_log(fit_with):
    # the two-step's probit (the start, no line of the log) is silenced
    rec, out = fit_with("heckman y x1, select(s = x2)")
    assert rec.events[0] == ("begin", "heckman", "log likelihood")
    assert shown_iterations(rec) == printed_log(out) and len(printed_log(out)) >= 3


@pytest.mark.parametrize("command, name", [
    ("xtnbreg c x1, re", "xtnbreg"),
    ("logit s x1", "logit"),
])
def test_printed_log_is_among_the_reported_lines_in_order(fit_with, command, name):
    rec, out = fit_with(command)
    log = printed_log(out)
    assert len(log) >= 3
    assert rec.events[0] == ("begin", name, "log likelihood")
    assert is_subsequence(log, shown_iterations(rec))  # preliminary silent fits may come first
    assert rec.events[-1] == "end"


def test_streg_frailty_reports_each_printed_fit(fit_with):
    rec, out = fit_with("streg x1, distribution(weibull) frailty(gamma) shared(id)")
    log = printed_log(out)
    assert len(log) >= 10
    assert rec.events[0][:2] == ("begin", "streg")
    assert not Counter(log) - Counter(shown_iterations(rec))  # every printed line was reported


def test_robust_fits_say_pseudolikelihood(fit_with):
    rec, out = fit_with("zip c x1, inflate(x2) vce(robust)")
    assert "log pseudolikelihood" in out
    assert rec.events[0] == ("begin", "zip", "log pseudolikelihood")


@pytest.mark.parametrize("text, expected", [
    ("zip c x1, inflate(x2)", "log likelihood"),
    ("zip c x1 [pw=x1], inflate(x2)", "log pseudolikelihood"),
    ("heckman y x1, select(s = x2) vce(cluster id)", "log pseudolikelihood"),
    ("heckman y x1, select(s = x2) robust", "log pseudolikelihood"),
    ("heckman y x1, select(s = x2) vce(oim)", "log likelihood"),
])
def test_command_criterion(text, expected):
    assert command_criterion(parse_command(text)) == expected


@pytest.mark.parametrize("command", [
    "quietly zinb c x1, inflate(x2)",
    "capture zinb c x1, inflate(x2)",
    "quietly xtnbreg c x1, re",
    "regress y x1",  # fits nothing iteratively: no line at all
])
def test_nothing_reported_where_no_line_is_shown(fit_with, command):
    rec, out = fit_with(command)
    assert rec.events == []


def test_screen_shows_exactly_the_plain_output(new_session, run):
    """On a (fake) terminal the line is drawn while heckman, zinb and xtnbreg fit and erased:
    the screen then holds the plain output, byte for byte."""
    from rich.console import Console

    from mlmcli.terminal_progress import LiveFitLine

    commands = "heckman y x1, select(s = x2)\nzinb c x1, inflate(x2)\nxtnbreg c x1, re"
    plain_session = new_session()
    run(plain_session, DATA)
    expected, _ = run(plain_session, commands, echo=True)
    session = new_session()
    run(session, DATA)
    buffer = io.StringIO()
    session.out.stream = buffer
    session.progress = LiveFitLine(Console(file=buffer, force_terminal=True, width=200), delay=0.0, ticker=False)
    from mlmcli.runner import Runner

    Runner(session).run_text(commands, echo=True)
    raw = buffer.getvalue()
    for name in ("heckman", "zinb", "xtnbreg"):
        assert f"{name}: iteration " in plain(raw)
    assert "\n".join(screen(raw)) == expected.rstrip("\n")
    assert session.out.before_write is None and session.__dict__.get("_command_line") is None


def test_no_sink_no_listener(fit_with):
    # no terminal (session.progress None): the fit runs with no listener, its output unchanged
    _, out = fit_with("zip c x1, inflate(x2)", progress=None)
    _, shown = fit_with("zip c x1, inflate(x2)")
    assert printed_log(out) and out == shown


def test_listener_restored_after_a_failing_fit(fit_with):
    rec, out = fit_with("capture noisily heckman y x1, select(s = nosuchvar)")
    assert "r(111)" in out or "not found" in out
    assert iteration_listener.current() is None
    assert "end" not in rec.events or rec.events.count("begin") == rec.events.count("end")


def test_listening_nests_and_restores():
    heard = []
    assert iteration_listener.current() is None
    with iteration_listener.listening(lambda i, v: heard.append((i, v))):
        iteration_listener.current()(0, -1.5)
        with iteration_listener.listening(None):
            assert iteration_listener.current() is None
        iteration_listener.current()(1, -1.0)
        with pytest.raises(StataError):
            with iteration_listener.listening(None):
                raise StataError("boom", 198)
        assert iteration_listener.current() is not None
    assert iteration_listener.current() is None
    assert heard == [(0, -1.5), (1, -1.0)]


def test_newton_reports_to_the_listener_and_an_explicit_callback_wins():
    import numpy as np

    from mlmcli.glm.newton import maximize

    def fun(x):
        return -float((x[0] - 2.0) ** 2) - float(np.exp(x[0]))

    def grad_hess(x):
        return np.array([-2 * (x[0] - 2.0) - np.exp(x[0])]), np.array([[-2.0 - np.exp(x[0])]])

    heard, explicit = [], []
    with iteration_listener.listening(lambda i, v: heard.append((i, v))):
        res = maximize(fun, grad_hess, np.array([0.0]))
        assert [(s.iteration, s.loglik) for s in res.steps] == heard
        maximize(fun, grad_hess, np.array([0.0]), on_iteration=lambda i, v: explicit.append(i))
    assert len(heard) == len(res.steps) and explicit == list(range(len(explicit))) and len(explicit) == len(heard)

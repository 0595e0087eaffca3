"""A fit's iterations shown while it runs: the channel from an engine to the terminal.

Engines never print.  The iterative ones take ``on_iteration(i, value)``, called with each
iteration's number and log likelihood as the printed iteration log numbers and shows them.
A command wraps its engine call in ``iteration_progress(session, command, criterion)``, which
yields that callback: the Session's sink (``session.progress``, a :class:`FitProgress`) is told
of each iteration, and every line the command prints first clears what the sink shows
(``Output.before_write``).  The front end sets ``session.progress`` only when stdout is a
terminal (``terminal_progress``: rich's live line); everywhere else -- a do-file's output
redirected, piped input, the Jupyter kernel, ``quietly``, ``capture`` -- the callback is None,
the engine runs exactly as before, and nothing extra is written.

Every estimation command is run inside ``command_progress`` (``command_call``): the fits of an
engine handed no callback -- the shared maximisers, ``glm.newton.maximize`` and
``conditional_likelihood.maximise``, behind heckman, zinb/zip, xtnbreg, streg's frailty and the
other ml-style commands -- report to ``iteration_listener.current()``, which is the command's
line, begun at the first iteration reported (a command that fits nothing never shows one).  A
command with its own ``iteration_progress`` takes that same line over and silences the
listener inside its block (its callback alone numbers the lines).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Protocol

from mlmcli.iteration_listener import IterationCallback, current, listening


class FitProgress(Protocol):
    """Where a running fit's iterations go (the terminal's live line)."""

    def begin(self, command: str, criterion: str) -> None:
        """A fit by ``command`` starts; ``criterion``: what its log shows (``log likelihood``)."""

    def iteration(self, i: int, value: float) -> None:
        """Iteration ``i`` reached ``value``."""

    def pause(self) -> None:
        """Output is about to be printed: take the line away (it comes back at the next iteration)."""

    def end(self) -> None:
        """The fit ended (finished, failed or interrupted): take the line away for good."""


def progress_shown(session) -> bool:
    """Whether a fit's progress goes anywhere: a sink, and output not suppressed (``quietly``,
    ``capture``; ``set output`` other than proc)."""
    return (session.progress is not None and session.out.quiet <= 0
            and session.settings.get("output", "proc") == "proc")


class _CommandLine:
    """One estimation command's live line, begun at the first iteration reported."""

    def __init__(self, session, command: str, criterion: str):
        self.session, self.command, self.criterion = session, command, criterion
        self.begun = self.claimed = False
        self.saved_before_write = None

    def start(self) -> None:
        """Show the line (``fitting`` until an iteration is reported), if not yet shown."""
        if not self.begun:
            out, sink = self.session.out, self.session.progress
            self.begun, self.saved_before_write = True, out.before_write
            sink.begin(self.command, self.criterion)
            out.before_write = sink.pause

    def report(self, i: int, value: float) -> None:
        self.start()
        self.session.progress.iteration(i, value)

    def close(self) -> None:
        if self.begun:
            self.begun = False
            self.session.out.before_write = self.saved_before_write
            self.session.progress.end()


def command_criterion(cmd) -> str:
    """What the iteration log of ``cmd`` calls its value: ``log pseudolikelihood`` under
    pweights, vce(robust) or vce(cluster ...), ``log likelihood`` otherwise."""
    weight = getattr(cmd, "weight", None)
    if weight is not None and weight.kind.lower().startswith("pw"):
        return "log pseudolikelihood"
    for option in getattr(cmd, "options", ()):
        name, arg = option.name.lower(), (option.arg or "").strip().lower()
        if name in ("robust", "cluster") or (name == "vce" and arg[:1] == "r") or (name == "vce" and arg[:2] == "cl"):
            return "log pseudolikelihood"
    return "log likelihood"


@contextmanager
def command_progress(session, cmd) -> Iterator[None]:
    """The block an estimation command ``cmd`` runs in: the fits inside it report their
    iterations to its live line where one is shown, to no one where none is (``quietly``,
    ``capture``, no terminal).  A command inside a shown command keeps the outer line."""
    if not progress_shown(session):
        with listening(None):
            yield
        return
    if current() is not None or session.__dict__.get("_fit_running") or session.__dict__.get("_command_line"):
        yield
        return
    line = _CommandLine(session, getattr(cmd, "name", None) or "fit", command_criterion(cmd))
    session.__dict__["_command_line"] = line
    try:
        with listening(line.report):
            yield
    finally:
        session.__dict__["_command_line"] = None
        line.close()


@contextmanager
def iteration_progress(session, command: str | None, criterion: str = "log likelihood"
                       ) -> Iterator[IterationCallback | None]:
    """The ``on_iteration`` callback for the engine ``command`` (None: the command running)
    runs, or None where nothing is shown.  A fit inside a fit (a command's preliminary fits, a
    prefix's replicates) keeps the outer fit's line: it gets None.  Inside ``command_progress``
    the command's line is used (named and labelled as here) and the listener is silenced."""
    if not progress_shown(session) or session.__dict__.get("_fit_running"):
        with listening(None):
            yield None
        return
    if command is None:
        command = getattr(session.running_command, "name", None) or "fit"
    line: _CommandLine | None = session.__dict__.get("_command_line")
    if line is not None:
        if line.claimed:
            with listening(None):
                yield None
            return
        line.claimed, line.command, line.criterion = True, command, criterion
        line.start()
        try:
            with listening(None):
                yield line.report
        finally:
            line.claimed = False
        return
    sink: FitProgress = session.progress
    out = session.out
    saved = out.before_write
    session.__dict__["_fit_running"] = True
    sink.begin(command, criterion)
    out.before_write = sink.pause
    try:
        with listening(None):
            yield sink.iteration
    finally:
        out.before_write = saved
        session.__dict__["_fit_running"] = False
        sink.end()

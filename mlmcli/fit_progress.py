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
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, Protocol

IterationCallback = Callable[[int, float], None]


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


@contextmanager
def iteration_progress(session, command: str | None, criterion: str = "log likelihood"
                       ) -> Iterator[IterationCallback | None]:
    """The ``on_iteration`` callback for the engine ``command`` (None: the command running)
    runs, or None where nothing is shown.  A fit inside a fit (a command's preliminary fits, a
    prefix's replicates) keeps the outer fit's line: it gets None."""
    if not progress_shown(session) or session.__dict__.get("_fit_running"):
        yield None
        return
    if command is None:
        command = getattr(session.running_command, "name", None) or "fit"
    sink: FitProgress = session.progress
    out = session.out
    saved = out.before_write
    session.__dict__["_fit_running"] = True
    sink.begin(command, criterion)
    out.before_write = sink.pause
    try:
        yield sink.iteration
    finally:
        out.before_write = saved
        session.__dict__["_fit_running"] = False
        sink.end()

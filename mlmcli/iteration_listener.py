"""Who hears a running fit's iterations when its engine was handed no ``on_iteration``.

The shared maximisers (``glm.newton.maximize``, ``conditional_likelihood.maximise``) report
each line of their iteration log to ``current()`` when the caller passed no callback of its
own.  ``listening(callback)`` sets it for a block (``fit_progress.command_progress`` does so
around an estimation command that shows a live line; None inside blocks that must report
nothing).  A context variable, so a thread the fit starts hears nothing and a block's value is
restored however it ends.  Nothing here prints.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator

IterationCallback = Callable[[int, float], None]

_LISTENER: ContextVar[IterationCallback | None] = ContextVar("mlm_iteration_listener", default=None)


def current() -> IterationCallback | None:
    """The callback a maximiser without its own tells each iteration ``(i, value)``, or None."""
    return _LISTENER.get()


@contextmanager
def listening(callback: IterationCallback | None) -> Iterator[None]:
    """``callback`` (None: no one) hears the iterations of the fits run inside the block."""
    token = _LISTENER.set(callback)
    try:
        yield
    finally:
        _LISTENER.reset(token)


class ReportedLog(list):
    """An iteration log that tells ``callback`` of each line as it is appended; ``number(line,
    index)`` and ``value(line)`` read the iteration's number and log likelihood from a line."""

    def __init__(self, callback: IterationCallback, value: Callable = lambda line: line[0],
                 number: Callable | None = None):
        super().__init__()
        self.callback, self.value, self.number = callback, value, number

    def append(self, line) -> None:
        super().append(line)
        i = len(self) - 1 if self.number is None else self.number(line)
        self.callback(i, float(self.value(line)))

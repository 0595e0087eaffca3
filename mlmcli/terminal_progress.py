"""The terminal's live progress line for long fits (a ``fit_progress.FitProgress``).

```
melogit: iteration 7  log likelihood = -1234.5678  0:12 elapsed
```

drawn by rich's ``Live`` (transient: erased when it stops) once a fit has run ``delay``
seconds, so quick fits never flash it; redrawn in place at each iteration and every ``tick``
seconds (the elapsed time moves while one slow iteration or the standard errors run);
erased before any output prints and when the fit ends -- normally, by an error or by Ctrl-C,
whose ``--Break--`` then prints where the line was.  The front end installs it only when
stdout is a terminal (``for_terminal``): redirected, piped and notebook output never see it.
The value is written as the log writes it (``%10.0g``).
"""
from __future__ import annotations

import sys
import threading
import time
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # rich loads with the first fit shown: `mlm -c 'display 1'` stays light
    from rich.console import Console
    from rich.live import Live
    from rich.text import Text


def elapsed_text(seconds: float) -> str:
    """``0:12``, ``12:05``, ``1:02:03``: minutes and seconds, hours when there are some."""
    s = int(max(seconds, 0.0))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class LiveFitLine:
    """A ``FitProgress`` drawing one live line on ``console``.

    Iterations closer together than ``min_interval`` seconds (a cycle of 16,000 repeated
    ones) are not each drawn: the ticker shows the latest.
    ``console`` None: a rich Console on ``stream`` (stdout), made at the first fit (and nothing shown when
    it is no terminal that can redraw a line).  ``ticker=False`` draws only at iterations (no
    background thread: the tests' fake terminal); ``clock`` is what elapsed time is read from."""

    def __init__(self, console: Console | None = None, *, stream=None, delay: float = 1.0, tick: float = 0.5,
                 ticker: bool = True, clock: Callable[[], float] = time.monotonic, min_interval: float = 0.1):
        self.console = console
        self.stream = stream
        self.delay = delay
        self.tick = tick
        self.ticker = ticker
        self.clock = clock
        self.min_interval = min_interval  # iterations faster than this redraw with the ticker
        self._drawn_at = -float("inf")
        self._lock = threading.RLock()  # the ticker thread and the fit's thread share the Live
        self._live: Live | None = None
        self._command = ""
        self._criterion = ""
        self._iteration: tuple[int, float] | None = None
        self._started = 0.0
        self._running = False
        self._paused = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ FitProgress
    def begin(self, command: str, criterion: str) -> None:
        if self.console is None:
            from rich.console import Console

            self.console = Console(file=self.stream or sys.stdout, highlight=False)
            if not self.console.is_terminal or self.console.is_dumb_terminal:
                self.delay = float("inf")  # never drawn
        with self._lock:
            self._command, self._criterion = command, criterion
            self._iteration = None
            self._started = self.clock()
            self._running, self._paused = True, False
        if self.ticker and self.tick > 0 and self.delay != float("inf"):
            self._stop.clear()
            self._thread = threading.Thread(target=self._tick, name="mlm-fit-progress", daemon=True)
            self._thread.start()

    def iteration(self, i: int, value: float) -> None:
        with self._lock:
            self._iteration = (i, value)
            self._paused = False
            if self._live is None or not self.ticker or self.clock() - self._drawn_at >= self.min_interval:
                self._draw()

    def pause(self) -> None:
        with self._lock:
            self._paused = True
            self._erase()

    def end(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            thread.join()
        with self._lock:
            self._running = False
            self._erase()

    # ------------------------------------------------------------------ the line
    def text(self) -> Text:
        """What the line says now."""
        from rich.text import Text

        from mlmcli.render.numfmt import format_number

        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{self._command}: ", style="bold")
        if self._iteration is None:
            line.append("fitting")
        else:
            i, value = self._iteration
            line.append(f"iteration {i}  {self._criterion} = {format_number(value, '%10.0g').strip()}")
        line.append(f"  {elapsed_text(self.clock() - self._started)} elapsed", style="dim")
        return line

    def _draw(self) -> None:
        """Draw or redraw the line (the lock held)."""
        if not self._running or self._paused or self.clock() - self._started < self.delay:
            return
        if self._live is None:
            from rich.live import Live

            self._live = Live(console=self.console, transient=True, auto_refresh=False,
                              redirect_stdout=False, redirect_stderr=False)
            self._live.start()
        self._live.update(self.text(), refresh=True)
        self._drawn_at = self.clock()

    def _erase(self) -> None:
        """Take the line off the screen (the lock held); nothing is written if none is shown."""
        live, self._live = self._live, None
        if live is not None:
            live.stop()
            self.console.file.flush()

    def _tick(self) -> None:
        while not self._stop.wait(self.tick):
            with self._lock:
                self._draw()


def for_terminal(stream=None) -> LiveFitLine | None:
    """The live line when ``stream`` (stdout) is a terminal; None otherwise (nothing is shown)."""
    stream = stream if stream is not None else sys.stdout
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return LiveFitLine(stream=stream)

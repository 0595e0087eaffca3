"""One notebook cell run through the interpreter, as the front end sees it.

A cell is do-file text: its logical commands run in order through a ``Runner`` on
the kernel's one ``Session`` (data, macros, estimates and programs carry over to
the next cell), and the first error stops the rest of the cell, as in a do-file.

What the front end gets:

- the text ``mlm`` prints, as ``stdout`` stream messages (sent line-wise while a
  command runs, so what a long command prints shows as it goes);
- the error that stops the cell (Stata's message and ``r(NNN);``) as a ``stderr``
  stream, which notebooks show highlighted, as Stata shows errors in red; the two
  streams together are exactly ``mlm``'s text;
- each graph a command draws (and one ``graph display`` shows), once, right after
  the command's text.

No echo by default: nbstata (echo setting default "None") and stata_kernel show a
cell's results without repeating its commands, since the cell's code stands right
above them.  A cell whose first line is ``*%echo`` (a comment to Stata, as in
nbstata) is echoed as a do-file is (``. command``, ``> `` continuation lines).

``#delimit ;`` carries over to later cells until ``#delimit cr`` (as in nbstata
and stata_kernel): a notebook is one long do-file typed in pieces.

An interrupt (SIGINT, which ipykernel turns into ``KeyboardInterrupt``) ends the
running command; Stata's ``--Break--`` and ``r(1);`` are printed and the session
with its data goes on.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import Callable

from mlmcli.errors import ExitRequest

FLUSH_INTERVAL = 0.2  # seconds between stream messages while a command prints
ECHO_MAGIC = re.compile(r"^\s*\*%echo\s*$")
BREAK_RC = 1
_DELIMIT_MESSAGE = re.compile(r"^delimiter now (;|cr)$")
_GRAPH_DISPLAY = re.compile(
    r"^(?:(?:qui|quie|quiet|quietl|quietly|n|no|noi|nois|noisi|noisil|noisily|cap|capt|captu|captur|capture)"
    r"\s+)*gr(?:a|ap|aph)?\s+di(?:s|sp|spl|spla|splay)?(?:\s+([^\W\d]\w*))?\s*(?:,.*)?$")

SendStream = Callable[[str, str], None]  # (stream name, text)
SendDisplay = Callable[[dict, dict], None]  # (mime bundle, metadata)


@dataclass
class CellResult:
    """How a cell ended: rc 0, or the rc and Stata's message of the error that stopped it."""

    rc: int = 0
    message: str = ""


class StreamWriter:
    """The text stream ``Session.out`` writes to, sent as ``stream`` messages.

    Text waits in a buffer; once some of it has waited ``FLUSH_INTERVAL`` seconds,
    the complete lines go out: at the next line end written, or from a background
    thread (``start_background_flush``) while the command computes silently, so a
    line printed before a long fit shows at once.  Such a message stops before its
    last newline (and the blank lines before it), which open the next message: front
    ends that join a cell's messages (JupyterLab, the notebook file) get the exact
    text, and those that put each in its own ``<pre>`` (nbconvert's HTML; a ``<pre>``
    drops the newline it starts with) lose no blank line.  ``flush()`` sends
    everything (before a graph or an error, and at the cell's end).
    """

    def __init__(self, send: SendStream, name: str = "stdout"):
        self.send = send
        self.name = name
        self._parts: list[str] = []
        self._since = 0.0  # when the oldest unsent text was written
        self._lock = threading.Lock()

    def write(self, text: str) -> int:
        if text:
            with self._lock:
                now = time.monotonic()
                if not self._parts:
                    self._since = now
                self._parts.append(text)
                if "\n" in text and now - self._since >= FLUSH_INTERVAL:
                    self._send_lines(now)
        return len(text)

    def _send_lines(self, now: float) -> None:
        text = "".join(self._parts)
        cut = text.rfind("\n")
        while cut > 0 and text[cut - 1] == "\n":  # blank lines open the next message too
            cut -= 1
        if cut > 0:
            self.send(self.name, text[:cut])
            self._parts = [text[cut:]]
            self._since = now

    def flush(self) -> None:
        with self._lock:
            text, self._parts = "".join(self._parts), []
            if text:
                self.send(self.name, text)

    def start_background_flush(self) -> None:
        threading.Thread(target=self._flush_waiting_lines, name="mlm-stream-flush", daemon=True).start()

    def _flush_waiting_lines(self) -> None:
        while True:
            time.sleep(FLUSH_INTERVAL / 2)
            with self._lock:
                now = time.monotonic()
                if self._parts and now - self._since >= FLUSH_INTERVAL:
                    self._send_lines(now)


class CellRunner:
    """Runs cells on one session; ``send_stream``/``send_display`` reach the front end."""

    def __init__(self, session, send_stream: SendStream, send_display: SendDisplay, *,
                 debug: bool = False, svg: bool = True, background_flush: bool = False):
        self.session = session
        self.send_stream = send_stream
        self.send_display = send_display
        self.debug = debug
        self.svg = svg
        self.semicolon_mode = False  # `#delimit ;` in force from an earlier cell
        self.stdout = StreamWriter(send_stream)
        if background_flush:
            self.stdout.start_background_flush()
        session.out.stream = self.stdout
        self._error_text = ""

    # ----- a cell -----
    def run(self, code: str) -> CellResult:
        """Run the cell's commands until the first error; print, show graphs, report how it ended."""
        from mlmcli.preprocess import group_blocks, split_commands
        from mlmcli.runner import Runner

        session = self.session
        echo = bool(code.strip()) and bool(ECHO_MAGIC.match(code.splitlines()[0]))
        items = split_commands(("#delimit ;\n" if self.semicolon_mode else "") + code)
        if self.semicolon_mode:
            items = items[1:]  # the carried-over delimiter: no "delimiter now ;" again
        runner = Runner(session, debug=self.debug)
        runner.error_style = self._error_text_to_stderr
        previous = getattr(session, "_runner", None)
        session._runner = runner
        runner.echo = echo
        result = CellResult()
        try:
            for item in group_blocks(items):
                before = list(session.graphs)
                self._error_text = ""
                try:
                    rc = runner.run_logical(item, echo=echo)
                except ExitRequest as req:  # `exit` ends the cell as it ends a do-file
                    rc = req.rc
                    if rc:
                        self._error_text_to_stderr(f"r({rc});\n")
                    self._show_new_graphs(before)
                    result = CellResult(rc, self._message(rc))
                    break
                except KeyboardInterrupt:
                    result = self.break_result()
                    break
                self._show_new_graphs(before, item.text if not rc else None)
                if rc:
                    result = CellResult(rc, self._message(rc))
                    break
        finally:
            session._runner = previous
            self.semicolon_mode = _delimiter_after(items, self.semicolon_mode)
            self.stdout.flush()
        return result

    # ----- errors and interrupts -----
    def _error_text_to_stderr(self, text: str) -> str:
        """Runner's error hook: the error's lines go to the stderr stream, in order."""
        self.stdout.flush()
        self.send_stream("stderr", text)
        self._error_text = text
        return ""  # nothing more on stdout

    def _message(self, rc: int) -> str:
        lines = [ln for ln in self._error_text.splitlines() if ln.strip() and ln.strip() != f"r({rc});"]
        return "\n".join(lines)

    def break_result(self) -> CellResult:
        """Ctrl-C / the notebook's stop button: Stata's break message; the session stays."""
        out = self.session.out
        out.quiet = 0
        self.session.capture_depth = 0
        self.stdout.flush()
        self.send_stream("stderr", "--Break--\nr(1);\n")
        if out.log is not None:  # a `log using` file gets the same lines
            out.log.write("--Break--\nr(1);\n")
        return CellResult(BREAK_RC, "--Break--")

    # ----- graphs -----
    def _show_new_graphs(self, before: list, text: str | None = None) -> None:
        """Show each graph the command drew (compared by identity with those kept before it),
        and the graph a ``graph display`` named."""
        graphs = list(self.session.graphs)
        new = [g for g in graphs if not any(g is b for b in before)]
        if not new and text is not None and (m := _GRAPH_DISPLAY.match(text.strip())):
            new = [g for g in graphs if g.name == m.group(1)] if m.group(1) else graphs[-1:]
        for graph in new:
            self.show_graph(graph)

    def show_graph(self, graph) -> None:
        from mlmcli.kernel.graph_output import graph_bundle

        self.stdout.flush()
        data, metadata = graph_bundle(graph, svg=self.svg)
        self.send_display(data, metadata)


def _delimiter_after(items, semicolon: bool) -> bool:
    """Whether ``#delimit ;`` is in force after the cell's commands."""
    for item in items:
        m = _DELIMIT_MESSAGE.match(item.message or "")
        if m:
            semicolon = m.group(1) == ";"
    return semicolon

"""``MlmKernel``: the Jupyter kernel, on ``ipykernel``'s ``Kernel`` base class.

ipykernel speaks the messaging protocol (sockets, heartbeat, interrupts); this
class answers the requests: ``execute`` (a cell through ``CellRunner``),
``complete`` and ``inspect`` (``completion``), ``is_complete`` (for consoles:
a ``///`` or an open ``{`` block asks for more lines).

An execute reply for a cell that stopped at an error has status ``error``,
``ename`` ``r(NNN)`` (Stata's return code) and ``evalue`` Stata's message, so the
front end marks the cell as failed and ``Run all`` stops there; the message and
``r(NNN);`` themselves were already shown in the cell's output (stderr stream).
"""
from __future__ import annotations

import warnings

from ipykernel.kernelbase import Kernel

import mlmcli
from mlmcli.kernel import DISPLAY_NAME
from mlmcli.kernel.cell import CellRunner
from mlmcli.kernel.completion import complete, inspect


class MlmKernel(Kernel):
    implementation = "mlm"
    implementation_version = mlmcli.__version__
    language = "stata"
    language_version = "13"
    language_info = {
        "name": "stata",
        "version": "13",
        "mimetype": "text/x-stata",
        "file_extension": ".do",
        "pygments_lexer": "stata",
        "codemirror_mode": "stata",
    }
    banner = (f"{DISPLAY_NAME} {mlmcli.__version__}: Stata-syntax multilevel models "
              "(mixed, regress, estat, graphs); `help` lists the commands.")
    help_links = []

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        from mlmcli.session import Session

        warnings.simplefilter("ignore")  # library warnings (pandas, numpy) are not Stata output
        self.mlm_session = Session()
        self.cells = CellRunner(self.mlm_session, self._send_stream, self._send_display,
                                background_flush=True)
        self._cell_parent: dict = {}
        self._silent = False  # a silent request shows nothing (the protocol's `silent`)

    # ----- front-end messages -----
    # Output goes with the request of the running cell, taken when it starts: the
    # stream's background thread sends too, and must name the same parent.
    def _send_stream(self, name: str, text: str) -> None:
        if self._silent:
            return
        self.session.send(self.iopub_socket, "stream", {"name": name, "text": text}, self._cell_parent)

    def _send_display(self, data: dict, metadata: dict) -> None:
        if self._silent:
            return
        self.session.send(self.iopub_socket, "display_data",
                          {"data": data, "metadata": metadata, "transient": {}}, self._cell_parent)

    # ----- requests -----
    async def do_execute(self, code, silent, store_history=True, user_expressions=None,
                         allow_stdin=False, *, cell_meta=None, cell_id=None):
        self._cell_parent = self.get_parent("shell")
        self._silent = bool(silent)
        try:
            result = self.cells.run(code)
        except KeyboardInterrupt:  # outside a command: while a graph is drawn or output sent
            result = self.cells.break_result()
        if result.rc:
            return {"status": "error", "execution_count": self.execution_count,
                    "ename": f"r({result.rc})", "evalue": result.message or f"r({result.rc});",
                    # for clients that print a failed cell's traceback (nbconvert, nbclient)
                    "traceback": result.message.splitlines() + [f"r({result.rc});"]}
        return {"status": "ok", "execution_count": self.execution_count,
                "payload": [], "user_expressions": {}}

    async def do_complete(self, code, cursor_pos):
        matches, start, end = complete(self.mlm_session, code, cursor_pos)
        return {"status": "ok", "matches": matches, "cursor_start": start, "cursor_end": end,
                "metadata": {}}

    async def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        text = inspect(self.mlm_session, code, cursor_pos)
        if text is None:
            return {"status": "ok", "found": False, "data": {}, "metadata": {}}
        return {"status": "ok", "found": True, "data": {"text/plain": text}, "metadata": {}}

    async def do_is_complete(self, code):
        from mlmcli.preprocess import block_depth

        last = code.rstrip("\n").split("\n")[-1].rstrip()
        if last.endswith("///") or block_depth(code):
            return {"status": "incomplete", "indent": "    " if block_depth(code) else ""}
        return {"status": "complete"}

    async def do_shutdown(self, restart):
        log = self.mlm_session.out.log
        if log is not None:  # a `log using` file still open
            log.close()
            self.mlm_session.out.log = None
        return {"status": "ok", "restart": restart}

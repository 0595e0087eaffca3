"""A table's text written to a file the way esttab, outreg2 and frmttable write theirs: a new
file, ``replace`` or ``append`` (an rtf document gets the table before its closing brace)."""
from __future__ import annotations

import os

from mlmcli.errors import StataError


def write_table_file(path: str, lines: list[str], *, replace: bool, append: bool, mode: str) -> None:
    """The table to ``path``: a new file, ``replace`` it, or ``append`` to it (an rtf document
    gets the table before its closing brace, as esttab does)."""
    from mlmcli.fileformats.safe_write import write_bytes_atomic

    text = "\n".join(lines) + "\n"
    if os.path.isdir(path):  # a folder: r(603) as every writer (safe_write.check_writable), before appending
        from mlmcli.fileformats.messages import cannot_open
        raise cannot_open(path)
    exists = os.path.exists(path)
    if exists and not (replace or append):
        raise StataError(f"file {path} already exists", 602)
    if append and exists:
        with open(path, encoding="utf-8", errors="replace") as fh:
            old = fh.read()
        if mode == "rtf" and old.rstrip().endswith("}"):
            body_start = next((k for k, l in enumerate(lines) if l == "{"), 0)
            old = old.rstrip()[:-1].rstrip() + "\n"
            text = old + "\n".join(lines[body_start:]) + "\n"
        else:
            text = old + text
        write_bytes_atomic(path, text.encode("utf-8"), replace=True)
        return
    write_bytes_atomic(path, text.encode("utf-8"), replace=replace or append)

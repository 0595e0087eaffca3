"""``dir`` and ``ls`` ([D] dir): the files a file specification names, as Stata for Windows and
Mac list them -- size (``<dir>`` for a folder), date and time modified, name -- or, with
``wide``, names and sizes several to a line.
"""
from __future__ import annotations

import fnmatch
import os
import time

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options


def cmd_dir(session, cmd) -> None:
    """``dir ["][filespec]["] [, wide]``; ``ls`` is the same command."""
    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, [OptionSpec("wide", 1)])
    spec = body.strip()
    if spec.startswith('"'):
        if not spec.endswith('"') or len(spec) < 2:
            raise invalid_syntax()
        spec = spec[1:-1]
    elif len(spec.split()) > 1:
        raise invalid_syntax()
    entries = _entries(os.path.expanduser(spec.replace("\\", "/")) if spec else "")
    lines = _wide_lines(entries, session.linesize) if opts.get("wide") else [_long_line(e) for e in entries]
    for line in lines:
        session.print(line)


def _entries(spec: str) -> list[tuple[str, str]]:
    """(name shown, full path) of each file the specification names, sorted by name; a folder
    (or nothing) lists its contents with . and .."""
    if not spec or os.path.isdir(spec):
        folder, pattern, dots = spec or ".", "*", True
    else:
        folder, pattern, dots = os.path.dirname(spec) or ".", os.path.basename(spec), False
        if not os.path.isdir(folder):
            raise StataError(f"directory {folder} not found", 601)
    try:
        names = os.listdir(folder)
    except OSError:
        raise StataError(f"directory {folder} could not be read", 603) from None
    chosen = sorted((n for n in names if fnmatch.fnmatch(n, pattern) and not n.startswith(".")), key=str.lower)
    if dots:
        chosen = [".", ".."] + chosen
    return [(n, os.path.join(folder, n)) for n in chosen]


def _size_text(path: str) -> str:
    if os.path.isdir(path):
        return "<dir>"
    size = os.path.getsize(path) / 1024
    if size >= 10_000:
        return f"{size / 1024:.1f}M"
    return f"{size:.1f}k"


def _long_line(entry: tuple[str, str]) -> str:
    name, path = entry
    stamp = time.localtime(os.path.getmtime(path))
    date = f"{stamp.tm_mon}/{stamp.tm_mday}/{stamp.tm_year % 100:02d}"
    return f"{_size_text(path):>7}  {date:>8} {stamp.tm_hour:02d}:{stamp.tm_min:02d}  {name}"


def _wide_lines(entries, linesize: int) -> list[str]:
    cells = [f"{_size_text(path):>7}  {name}" for name, path in entries]
    if not cells:
        return []
    width = max(len(c) for c in cells) + 2
    per_line = max(1, linesize // width)
    return ["".join(c.ljust(width) for c in cells[k:k + per_line]).rstrip()
            for k in range(0, len(cells), per_line)]

"""``scalar``: define, list and drop named scalars (numbers or strings) in ``session.scalars``."""
from __future__ import annotations

import re

from mlmcli.errors import StataError, invalid_syntax


def cmd_scalar(session, cmd) -> None:
    """``scalar [define] name = exp``; ``scalar list|dir [names]``; ``scalar drop names|_all``."""
    text = cmd.args.strip()
    words = text.split()
    if not words:
        raise invalid_syntax()
    if words[0] in ("list", "dir", "l", "li", "lis"):
        _scalar_list(session, words[1:])
        return
    if words[0] == "drop":
        drop_named(session.scalars, words[1:], "scalar")
        return
    m = re.match(r"(?:de(?:f|fi|fin|fine)?\s+)?([^\W\d]\w*)\s*=(.*)$", text, re.S)
    if not m or len(m.group(1)) > 32:
        raise invalid_syntax()
    from mlmcli.expr import evaluate_scalar

    session.scalars[m.group(1)] = evaluate_scalar(session, m.group(2))


def drop_named(table: dict, names: list[str], what: str) -> None:
    """``scalar drop``/``program drop``: each name in turn, ``_all`` empties the table."""
    for name in names:
        if name == "_all":
            table.clear()
        elif name in table:
            del table[name]
        else:
            raise StataError(f"{what} {name} not found", 111)


def _scalar_list(session, names: list[str]) -> None:
    from mlmcli.render.numfmt import format_number

    names = [n for n in names if n != "_all"]
    for name in names:
        if name not in session.scalars:
            raise StataError(f"scalar {name} not found", 111)
    for name in names or list(session.scalars):
        value = session.scalars[name]
        shown = value if isinstance(value, str) else format_number(value, "%10.0g")
        session.print(f"{name:>13} = {shown}")

"""``kapwgt`` ([R] kappa): a weight matrix for ``kap, wgt(name)``, kept as kapwgt.ado keeps it
in the global macro ``name``: ``kapwgt K w11 w21 w22 ...`` (the lower triangle by rows), which
``kap`` (commands/statistics/kappa_tests.py) reads."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.render.numfmt import format_number


def cmd_kapwgt(session, cmd) -> None:
    """``kapwgt name 1 \\ w21 1 \\ w31 w32 1 ...`` defines kappa weights (the lower triangle,
    rows separated by backslashes) in the global macro name, as kapwgt.ado does;
    ``kapwgt name`` shows them."""
    words = (cmd.args or "").replace("\\", " \\ ").split()
    if not words:
        raise StataError("invalid syntax", 198)
    name, rest = words[0], words[1:]
    if not rest:
        stored = session.globals.get(name)
        if stored is None:
            raise StataError(f"global macro {name} not found", 111)
        parts = stored.split()
        if parts[0] != "kapwgt":
            raise StataError(f"{name} not kappa weight matrix", 198)
        values, lines, size = parts[2:], [""], 1
        while values:
            lines.append("".join(format_number(float(v), "%7.4f") for v in values[:size]))
            values, size = values[size:], size + 1
        session.print("\n".join(lines))
        return
    rows, position = [], 0
    tokens = ["\\"] + rest
    while position < len(tokens) and tokens[position] == "\\":
        size = len(rows) + 1
        row = tokens[position + 1:position + 1 + size]
        for k, text in enumerate(row):
            try:
                value = float(text)
            except ValueError:
                raise StataError(f"'{text}' found where number expected", 7) from None
            if value < 0 or value > 1:
                raise StataError("elements must be between 0 and 1", 198)
            if k == size - 1 and value != 1:
                raise StataError("diagonals must be 1", 198)
        if len(row) < size:
            raise StataError("invalid syntax", 198)
        rows.append(row)
        position += 1 + size
    if position < len(tokens):
        raise StataError(f"{tokens[position]} invalid", 198)
    session.globals[name] = "kapwgt " + str(len(rows)) + " " + " ".join(v for row in rows for v in row)

"""The level texts of factor rows as the data in memory label them when a table is drawn.

Stata's ``_ms_display`` reads the value labels of the data in memory as it draws a row: e()
holds only the coefficient names (``2.rep#1.foreign``), and ``estimates table`` draws its rows
with ``_ms_display`` from a matrix it builds of several stored results (est_table.ado, Stata 16
ado tree), so the labels cannot come from the fit.  A replay after ``label define ..., modify``
therefore shows the new labels, and a variable gone from the data shows its values
(docs/factor_labels.md)."""
from __future__ import annotations

import re

_FACTOR_OP = re.compile(r"^(\d+)[bno]*$")


def cell_of_name(name: str) -> tuple[list[str], list[int]] | None:
    """``2.rep#1o.foreign#c.mpg`` -> (["rep", "foreign"], [2, 1]); None when a part is neither a
    factor level nor ``c.`` (time-series operators, plain names)."""
    variables, cell = [], []
    for part in name.split("#"):
        op, dot, var = part.partition(".")
        if not dot:
            return None
        if op == "c":
            continue
        match = _FACTOR_OP.match(op)
        if match is None:
            return None
        variables.append(var)
        cell.append(int(match.group(1)))
    return (variables, cell) if variables else None


def level_texts_now(data):
    """A function giving a row name's level text from ``data``'s value labels (None: not a
    factor row), as ``factor_variables.cell_level_text`` makes it at the fit."""
    from mlmcli.factor_variables import cell_level_text

    def level_text(name: str) -> str | None:
        parsed = cell_of_name(name)
        return None if parsed is None else cell_level_text(data, *parsed)

    return level_text


def command_level_texts():
    """``level_texts_now`` of the running command's data (None outside the runner)."""
    from mlmcli.syntax.settings import session_of_command

    session = session_of_command()
    data = None if session is None else session.__dict__.get("_data")  # no empty dataset made
    return None if data is None else level_texts_now(data)


def relabel_rows(rows, level_text):
    """``rows`` with each factor row's level text redrawn by ``level_text`` (rows without a
    level, time-series rows and rows it does not read are kept)."""
    from mlmcli.render.coef_table import relabelled_row

    return list(rows) if level_text is None else [relabelled_row(r, level_text) for r in rows]

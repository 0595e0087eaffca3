"""``tabi #11 #12 [...] \\ #21 #22 [...] [\\ ...] [, replace tabulate_options]``: tabulate of a
table typed on the command line (tabi.ado): rows ``row`` and columns ``col`` numbered from 1,
each cell an fweight, shown by tabulate's two-way code.  Without options a 2 x 2 table gets
``exact`` and a larger one ``chi2``; ``replace`` leaves the table in memory as variables row,
col and pop (otherwise the data are untouched).  Cells of zero leave the table, as their zero
weights leave tabulate's sample."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def _cells(text: str) -> list[list[int]]:
    rows, current, width = [], [], None
    for word in text.replace("\\", " \\ ").split():
        if word == "\\":
            if width is None:
                if len(current) < 2:
                    raise StataError("too few columns", 198)
                width = len(current)
            elif len(current) != width:
                raise StataError("invalid syntax", 198)
            rows.append(current)
            current = []
            continue
        try:
            value = float(word)
        except ValueError:
            raise StataError(f"'{word}' found where number expected", 7) from None
        if value != int(value):
            raise StataError(f"'{word}' found where integer expected", 7)
        if value < 0:
            raise StataError("nonpositive values encountered", 411)
        # tabi.ado stores the counts in a long: one past its largest (2,147,483,620) is a missing
        # frequency weight, a cell tabulate leaves out
        current.append(int(value) if value <= 2_147_483_620 else 0)
    if width is None or len(current) != width:
        raise StataError("invalid syntax", 198)
    return rows + [current]


def cmd_tabi(session, cmd) -> None:
    from mlmcli.ast import Option
    from mlmcli.commands.data.tabulate_report import report_tab2
    from mlmcli.syntax.options import OptionSpec, resolve_options

    if cmd.weight is not None or cmd.if_exp is not None or cmd.in_range is not None:
        raise StataError("invalid syntax", 198)
    counts = np.array(_cells(cmd.args or ""), dtype=np.int64)
    options = [o for o in cmd.options if o.name != "replace"]
    replace = len(options) != len(cmd.options)
    if not options:
        options = [Option(name="exact" if counts.shape == (2, 2) else "chi2", arg=None)]
    opts = resolve_options(options, [OptionSpec("row", 1), OptionSpec("column", 2), OptionSpec("cell", 2),
                                     OptionSpec("chi2", 2), OptionSpec("lrchi2", 2), OptionSpec("V"),  # Stata spells it V
                                     OptionSpec("nofreq", 3), OptionSpec("nokey"),
                                     OptionSpec("exact", 1, takes_arg=True, arg_optional=True),
                                     OptionSpec("expected", 3)])
    rows_on, cols_on = counts.sum(axis=1) > 0, counts.sum(axis=0) > 0
    if not rows_on.any():
        raise StataError("no observations", 2000)
    report_tab2(session, opts, "row", "col", [str(i + 1) for i in np.flatnonzero(rows_on)],
                [str(j + 1) for j in np.flatnonzero(cols_on)], counts[rows_on][:, cols_on])
    if replace:
        _replace_data(session, counts)


def _replace_data(session, counts: np.ndarray) -> None:
    """tabi.ado's data: one observation per cell, row and col (byte) and pop (long)."""
    from mlmcli.dataset import Dataset

    r, c = counts.shape
    ds = Dataset()
    ds.set_variable("row", np.repeat(np.arange(1, r + 1), c).astype(float), "byte")
    ds.set_variable("col", np.tile(np.arange(1, c + 1), r).astype(float), "byte")
    ds.set_variable("pop", counts.reshape(-1).astype(float), "long")
    session.data = ds

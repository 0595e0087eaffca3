"""What the classic tests' command modules share: a numeric varname, the groups of a by()
variable on the sample, the first column heading of ttest-style tables, and the words of an
immediate command."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import single_variable, value_text
from mlmcli.errors import StataError


def numeric_variable(ds, text: str) -> str:
    name = single_variable(ds, text)
    if ds.is_string(name):
        raise StataError("type mismatch", 109)
    return name


def group_values(ds, by: str, rows, fmt: str | None = "%18.0g"):
    """(the by variable on the sample rows, its non-missing values in order, their names): the
    value label or the value in ``fmt`` (None: the variable's format); a string variable's
    values in alphabetical order (as encode numbers them), each its own name."""
    if ds.is_string(by):
        g = ds.df[by].to_numpy(dtype=object)[rows].astype(str)
        levels = sorted(set(g.tolist()) - {""})
        return g, levels, list(levels)
    g = ds.numeric(by)[rows]
    levels = sorted(set(g[~np.isnan(g)].tolist()))
    return g, levels, [ds.value_label_text(by, u) or value_text(ds, by, u, labels=False, fmt=fmt) for u in levels]


def first_column(ds, name: str) -> str:
    """_ttest.ado's and prtesti.ado's heading: ``Variable`` when the name shown for the first
    sample is a variable's, ``   Group`` otherwise, blank without a name."""
    if not name:
        return ""
    try:
        ds.resolve(name)
        return "Variable"
    except StataError:
        return "   Group"


def immediate_words(cmd, counts: tuple[int, int], message: str) -> list[str]:
    """An immediate command's numbers as typed (prtesti, sdtesti): one- or two-sample counts of
    words, else ``message`` (r(198))."""
    words = (cmd.args or "").split()
    if len(words) not in counts:
        raise StataError(message, 198)
    return words

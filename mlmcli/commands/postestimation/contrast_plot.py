"""What ``marginsplot`` draws after ``margins`` with contrasts (``margins r.a, over(b)``,
``margins, over(a) at(x=(0 1)) contrast(...)``): the contrasts as a margins result whose rows
carry their coordinates -- the contrasted factor at the level contrasted, labelled ``(2 vs 1)``,
and the ``@`` dimensions (over(), within(), _at with its at() values) -- as the margins file
(``_marg_save``) gives them, titled ``Contrasts of`` the margins' titles.
"""
from __future__ import annotations

import re
from dataclasses import replace

# r2vs1, ar3vs2, r1vs0: operator letters, the level contrasted, vs, the level compared with
_VERSUS = re.compile(r"^[a-z]+(\d+(?:\.\d+)?)vs(\d+(?:\.\d+)?)$")
_LEVEL = re.compile(r"^[a-z]*(\d+(?:\.\d+)?)[bno]*$")


def _number(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text


def _value_text(data, var: str, level: float) -> str:
    if var in data.df.columns:
        text = data.value_label_text(var, level)
        if text is not None:
            return text
    return _number(repr(float(level)))


def _coordinates(data, name: str, margins_result) -> tuple:
    """(dimension, value, label) of a contrast named ``[eq:]r2vs1.a[#...]@1.b#2._at``."""
    body = name.rpartition(":")[2]
    main, _, where = body.partition("@")
    dims = []
    for part in main.split("#"):
        lev, dot, var = part.partition(".")
        versus = _VERSUS.match(lev)
        if versus:
            a, b = float(versus.group(1)), float(versus.group(2))
            dims.append((var, a, f"({_value_text(data, var, a)} vs {_value_text(data, var, b)})"))
        elif (m := _LEVEL.match(lev)) and dot:
            dims.append((var, float(m.group(1)), lev))
    for part in where.split("#") if where else ():
        lev, dot, var = part.partition(".")
        m = _LEVEL.match(lev)
        if not (m and dot):
            continue
        level = float(m.group(1))
        dims.append((var, level, _number(repr(level)) if var == "_at" else _value_text(data, var, level)))
        if var == "_at":  # the at() values of that row, as the margins' rows give them
            at_rows = [r for r in margins_result.rows if ("_at", level) in {(d, v) for d, v, _ in r.dims}]
            if at_rows:
                dims += [d for d in at_rows[0].dims if d[0] in margins_result.at_vars]
    return tuple(dims)


def contrast_plot_result(data, margins_result, contrast_rows, column_title: str):
    """A ``MarginsResult`` of the contrasts for ``marginsplot``."""
    rows = tuple(replace(r, dims=_coordinates(data, r.name, margins_result)) for r in contrast_rows)
    present = set(d for r in rows for d, _, _ in r.dims)
    known = dict(margins_result.dims)
    order = [d for d, _ in margins_result.dims if d in present]  # the margins' order: at() variables first
    order += sorted(present - set(order))
    dims = tuple((d, known.get(d, d)) for d in order)
    return replace(margins_result, rows=rows, dims=dims, column_title=column_title,
                   ylabel="Contrasts of " + margins_result.ylabel if margins_result.ylabel else "Contrasts",
                   plot_title="Contrasts of " + margins_result.plot_title, mctitle="", counts=())

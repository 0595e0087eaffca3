"""Mata's display of a value at its colon prompt, and ``printf()``'s text.

- A scalar: two spaces and the value (``  4``, ``  .1502887173``).
- A matrix: column numbers over a box, row numbers at its left::

            1    2
        +-----------+
      1 |   1    2  |
      2 |   3   10  |
        +-----------+

  Every cell is as wide as the widest value or column number plus one; cells are two
  spaces apart, with one space after the left rule and two before the right one.  Columns
  that do not fit the line size go on to further boxes.
- Numbers as %12.0g shows them (up to ten significant digits), missing as ``.``; strings
  as they are.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.render.numfmt import format_number


def cell_text(value) -> str:
    if isinstance(value, str):
        return value
    value = float(value)
    if np.isnan(value):
        return "."
    return format_number(value, "%12.0g").strip()


def render_value(value: np.ndarray, linesize: int = 80) -> str:
    """The lines Mata prints for ``value`` (no trailing newline); '' for an empty matrix."""
    nrow, ncol = value.shape
    if nrow == 0 or ncol == 0:
        return ""
    texts = [[cell_text(v) for v in row] for row in value]
    if nrow == 1 and ncol == 1:
        return "  " + texts[0][0]
    width = max(max(len(t) for row in texts for t in row), len(str(ncol))) + 1
    label = max(3, len(str(nrow)))
    stub = label + 2  # "  1 |"
    per_box = max(1, (linesize - stub - 3) // (width + 2))
    boxes = []
    for start in range(0, ncol, per_box):
        cols = range(start, min(ncol, start + per_box))
        inner = 1 + len(cols) * width + (len(cols) - 1) * 2 + 2
        rule = " " * (label + 1) + "+" + "-" * inner + "+"
        header = " " * stub + "".join((" " if k == 0 else "  ") + str(j + 1).rjust(width)
                                      for k, j in enumerate(cols))
        lines = [header, rule]
        for i in range(nrow):
            cells = "".join((" " if k == 0 else "  ") + texts[i][j].rjust(width) for k, j in enumerate(cols))
            lines.append(f"{i + 1:>{label}} |{cells}  |")
        lines.append(rule)
        boxes.append("\n".join(lines))
    return "\n\n".join(boxes)


_DIRECTIVE = re.compile(r"%(-?)(\d*)(?:\.(\d+))?([fgesd])|%%")


def printf_text(fmt: str, values: list) -> str:
    """``printf(fmt, ...)``: Stata formats (``%9.3f``, ``%s``, ``%g``), ``\\n`` and ``%%``."""
    fmt = fmt.replace("\\n", "\n").replace("\\t", "\t")
    pending = list(values)
    out = []
    pos = 0
    for m in _DIRECTIVE.finditer(fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        if m.group(0) == "%%":
            out.append("%")
            continue
        value = pending.pop(0) if pending else ""
        left, width, decimals, kind = m.groups()
        if kind == "s" or isinstance(value, str):
            text = str(value) if isinstance(value, str) else cell_text(value)
        else:
            kind = "f" if kind == "d" else kind
            text = format_number(float(value), f"%{width or 0}.{decimals or (0 if kind == 'g' else 6)}{kind}")
            text = text.strip()
        out.append(text.ljust(int(width)) if left and width else text.rjust(int(width or 0)))
    out.append(fmt[pos:])
    return "".join(out)

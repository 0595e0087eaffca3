"""The row labels of a coefficient table's name column that do not fit it (Stata 13+'s
``_ms_display``; evidence and decisions in docs/factor_labels.md).

- A term heading wider than the column (``foreign#c.mpg_centered`` in 12 columns) is split
  over several lines: one line per ``#`` part (the ``#`` kept at its end, in the column of the
  space before ``|``), a part still too wide split after its operator (``c.``) and its name
  abbreviated (``smokeinten~y``).  Published logs show ``foreign#|``, ``c. |``,
  ``mpg_centered |`` and ``c. |``, ``smokeinten~y#|``, ``c. |``, ``smokeinten~y |``.
- A level text (a value label) wider than its field is cut to the field with ``..``
  (``Diagnosed..``), or wrapped over at most ``fvwrap`` lines: at word boundaries
  (``fvwrapon(word)``, a space or after a ``#``) or at the field's width
  (``fvwrapon(width)``); what is left for the last line is cut with ``..``.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev


def cut_label(text: str, width: int) -> str:
    """``text`` in ``width`` columns: as it is, or its start and ``..``."""
    if len(text) <= width:
        return text
    return text[: max(width - 2, 0)] + ".."


def level_lines(text: str, width: int, wrap: int = 1, wrapon: str = "word") -> list[str]:
    """A level text in a field of ``width`` columns over at most ``wrap`` lines."""
    if len(text) <= width:
        return [text]
    out: list[str] = []
    rest = text
    while len(out) < wrap - 1 and len(rest) > width:
        cut = width
        if wrapon == "word":
            space = rest.rfind(" ", 1, width + 1)
            hashmark = rest.rfind("#", 0, width)
            best = max(space, hashmark + 1 if hashmark >= 0 else -1)
            if best > 0:  # no boundary inside the field: the width decides (decision)
                cut = best
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    out.append(cut_label(rest, width))
    return out


def term_pieces(term: str, width: int) -> list[str]:
    """A term heading (or a continuous interaction's name) as the lines it takes in a
    ``width``-column name field; a piece ending in ``#`` puts it where the space goes."""
    if len(term) <= width:
        return [term]
    parts = term.split("#")
    out: list[str] = []
    for i, part in enumerate(parts):
        mark = "#" if i < len(parts) - 1 else ""
        if len(part) > width and "." in part:
            op, _, part = part.rpartition(".")
            out.append(op + ".")
        out.append(abbrev(part, width) + mark)
    return out


def piece_line(piece: str, width: int) -> str:
    """One heading piece right-aligned in the field, then its bar: ``foreign#|``, ``c. |``."""
    if piece.endswith("#"):
        return piece[:-1].rjust(width) + "#|"
    return piece.rjust(width) + " |"

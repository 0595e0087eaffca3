"""Style lists ([G-4] stylelists): a plot of several y variables takes, per look option, one
entry per y -- ``scatter y1 y2 x, mcolor(red blue) msymbol(O T)``.

In a list ``.`` is the default for that y, ``=`` the previous entry, ``..`` (or ``...``) the
last entry repeated for the rest; a list shorter than the y's leaves the rest at their
defaults -- also a single entry ([G-4] stylelists: "If the list ends prematurely, it is as if
the list were padded out with ."; ``mcolor(red ..)`` colours every y); ``pstyle(p2)`` alone keeps
numbering the y's p2, p3, ... .  ``connect()`` ([G-4] connectstyle: "a connectstylelist ...
Shorthands are allowed"), ``mlabel()`` (its varlist, [G-3] marker_label_options: "Shorthands are
allowed ... option mlabel() allows a varlist in place of a varname") and ``cmissing()`` (the same
table's ``{y|n} ...``) are read so too.  ``split_lists`` turns a plot's options into one options
dict per y, so that ``plot_options.look`` (and the marker labels and line breaks) read each y's
entries as they read a single value.
"""
from __future__ import annotations

import re

from mlmcli.graphs import style

# the options taking a list, one entry per y (mlabel(): its varlist, expanded by plots.resolve_plot)
LIST_OPTIONS = (
    "connect", "cmissing", "mlabel",
    "color", "pstyle", "mstyle", "msymbol", "mcolor", "msize", "mfcolor", "mlcolor", "mlwidth", "mlstyle",
    "msangle", "mlabposition", "mlabsize", "mlabcolor", "mlabangle", "mlabgap", "mlabstyle",
    "lcolor", "lwidth", "lpattern", "lstyle", "clcolor", "clwidth", "clpattern", "clstyle",
    "fcolor", "fintensity", "astyle", "bstyle", "bcolor", "bfcolor", "blcolor", "blwidth", "blpattern",
)
_COLOR_OPTIONS = ("color", "mcolor", "mfcolor", "mlcolor", "mlabcolor", "lcolor", "clcolor",
                  "fcolor", "bcolor", "bfcolor", "blcolor")
_TOKEN = re.compile(r'"[^"]*"|\S+')
SHORTHANDS = (".", "=", "..", "...")


def entries(name: str, text: str) -> list[str] | None:
    """The entries of a typed list, or None when ``text`` is one entry (an RGB colour
    ``255 0 0`` is one colour, not three)."""
    words = _TOKEN.findall(str(text))
    if len(words) < 2:
        return None
    if name in _COLOR_OPTIONS and style.parse_color(str(text)) is not None:
        return None
    return [w[1:-1] if len(w) > 1 and w.startswith('"') and w.endswith('"') else w for w in words]


def expand(words: list[str], n: int) -> list[str | None]:
    """Entry per y (None: the default): ``.``, ``=`` and ``..`` read as Stata reads them."""
    out: list[str | None] = []
    for word in words:
        if len(out) >= n:
            break
        if word in ("..", "..."):
            last = out[-1] if out else None
            out += [last] * (n - len(out))
            break
        if word == "=":
            out.append(out[-1] if out else None)
        elif word == ".":
            out.append(None)
        else:
            out.append(word)
    return out + [None] * (n - len(out))


def split_lists(opts: dict, n: int) -> list[dict]:
    """One options dict per y: each list option's entry for that y (absent where the entry
    is the default); a single entry is the first y's."""
    per_y = [dict(opts) for _ in range(max(n, 1))]
    for name in LIST_OPTIONS:
        values = opts.get(name)
        if not values or not isinstance(values[-1], str):
            continue
        words = entries(name, values[-1])
        if words is None:
            single = str(values[-1]).strip()
            if single not in SHORTHANDS and (len(per_y) < 2 or name == "pstyle"):
                continue  # one y: the value as typed; pstyle(p2): p2, p3, ... (graphs.build)
            words = [single]  # one entry: the first y's, the rest padded with . ([G-4]); c(.): the default
        for i, entry in enumerate(expand(words, len(per_y))):
            if entry is None:
                per_y[i].pop(name, None)
            else:
                per_y[i][name] = [*values[:-1], entry]
    return per_y

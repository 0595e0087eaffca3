"""``coefplot``'s at mode (coefplot.ado's ``at`` model option): where the positions come from
(margins' at() values, ``at(mspec)``, ``at(matrix())``, ``at(_coef)``, ``at(_eq)``, ``transform()``),
the options the ado refuses with it, and its drawing -- each estimate at its value, the value
axis twoway's own."""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

# matrix(mspec): a model (coefplot_parse_model) or at()'s matrix (parse_at_is_matrix)
MATRIX = re.compile(r"\s*m(?:a(?:t(?:r(?:i(?:x)?)?)?)?)?\s*\((.*)\)\s*\Z", re.S | re.I)


def at_spec(typed) -> dict | None:
    """at[(spec [, transform(exp)])] (parse_at_transform, parse_at_is_matrix): spec ``at``
    (the default), ``#``, ``_coef``, ``_eq``, an mspec or ``matrix(mspec)``; None: not at mode."""
    if typed is None:
        return None
    from mlmcli.textscan import find_top

    text = "" if typed is True else str(typed)
    comma = find_top(text, ",", 0, "([")  # P[1,] keeps its comma
    body, subs = (text, ()) if comma < 0 else (text[:comma], read_options(text[comma + 1:]))
    opts = resolve_options(subs, [OptionSpec("transform", 1, True)])
    body = body.strip() or "at"
    found = MATRIX.match(body)
    return {"name": found.group(1).strip() if found else body, "matrix": bool(found),
            "transform": str(opts.get("transform") or "").strip()}


def at_source(e, spec: dict, bspec: str) -> str:
    """coefplot_keepdrop: margins' at() values for ``at``/``at(#)`` after margins (e(b) plotted,
    at() variables posted), else the names (``_coef``, ``_eq``) or a vector read."""
    name = spec["name"]
    if name in ("_coef", "_eq"):
        return name
    try:
        numeric = not spec["matrix"] and float(name) == float(name)
    except ValueError:
        numeric = False
    if (e.macros.get("cmd") == "margins" and bspec in ("", "b") and float(e.scalars.get("k_at") or 0) > 0
            and (name == "at" or numeric)):
        return "margins"
    return "read"


def at_transform(session, coefs, transform: str) -> None:
    """at(, transform(exp)): each position through exp, @ the position."""
    from mlmcli.expr import evaluate_scalar

    if not transform:
        return
    for c in coefs:
        value = "." if c.at != c.at else f"({c.at!r})"
        out = evaluate_scalar(session, transform.replace("@", value))
        c.at = float("nan") if isinstance(out, str) else float(out)


def margins_at(e, colnames: tuple, pos: int):
    """Each e(b) column's position from margins' e(at) (coefplot_get_margins_at)."""
    import numpy as np

    from mlmcli.graphs import coefplot as cp

    at_matrix = e.matrices.get("at")
    if at_matrix is None:
        return np.full(len(colnames), np.nan)
    k_at = int(e.scalars["k_at"])
    stats = [str(e.macros.get(f"atstats{i}", "")) for i in range(1, k_at + 1)]
    return cp.margins_at(colnames, np.asarray(at_matrix.values, float), tuple(at_matrix.rownames), stats, pos)


def check_at_mode(glob: dict) -> None:
    """coefplot.ado's refusals in at mode."""
    if glob.get("bycoefs"):
        raise StataError("at() and bycoefs not both allowed", 198)
    for opt in ("order", "coeflabels", "eqlabels", "relocate", "headings", "groups", "grid"):
        if glob.get(opt) is not None:
            raise StataError(f"at() and {opt}() not both allowed", 198)


def draw_at_mode(session, cmd, plots, n_levels: int, glob: dict, twoway_rest, n_subgraphs: int, by_labels: dict,
                 horizontal: bool) -> None:
    """``at``: each estimate at its at value, no offsets unless offset() is typed (then moved by
    it), the value axis twoway's own; transform(), generate(), addplot() ... as outside at mode."""
    import numpy as np

    from mlmcli.commands.graphs.coefplot_arrange import apply_transforms
    from mlmcli.commands.graphs.coefplot_draw import draw_plotted

    apply_transforms(session, plots, lambda c: c.at)
    pos = []
    for plot in plots:
        at = np.array([c.at for c in plot.coefs], float)
        if plot.offset is not None:
            at = at - plot.offset if horizontal else at + plot.offset
        pos.append(at)
    draw_plotted(session, cmd, plots, pos, glob, twoway_rest, layout=None, labels={}, n_levels=n_levels,
                 n_subgraphs=n_subgraphs, by_labels=by_labels, horizontal=horizontal)

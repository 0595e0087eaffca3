"""``mkspline``: linear spline variables (mkspline.ado 1.2.5, 28jan2009).

    mkspline newvar1 #1 [newvar2 #2 [...]] newvark = oldvar [if] [in] [, marginal displayknots]
    mkspline stubname # = oldvar [if] [in] [, marginal pctile displayknots]

With knots k1 < ... < k(k-1), the default variables are newvar1 = min(x, k1) and
newvar_i = max(min(x, k_i), k_(i-1)) - k_(i-1) (the last with k_k = +infinity), so they sum to
x; ``marginal``: newvar1 = x and newvar_i = max(0, x - k_(i-1)), each a change of slope.  The
stub form makes stub1 ... stub# with # - 1 knots at equal steps over the range of x (or, with
``pctile``, at the centiles 100/#, 200/#, ... as ``centile`` computes them) and calls the knot
form.  Variables are generated as float, then compressed; rows outside if/in or with x
missing get missing.  Labels ``x: (.,k1)``, ``x: (k1,k2)``, ... as the ado's.  r(N_knots) and
r(knots) (1 x #knots, columns knot1 ..., row x).  The restricted cubic form (``cubic``):
``cubic_splines``.  Weights are refused (r(101)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, smallest_type
from mlmcli.errors import StataError
from mlmcli.summary_statistics import altdef_percentile
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name

_SPECS = [OptionSpec("marginal", 1), OptionSpec("pctile", 1), OptionSpec("displayknots", 2), OptionSpec("cubic"),
          OptionSpec("nknots", 2, takes_arg=True), OptionSpec("knots", 1, takes_arg=True)]


def _number(word: str) -> float:
    try:
        return float(word)
    except ValueError:
        raise StataError(f"'{word}' found where number expected", 7) from None


def _shown(value: float) -> str:
    """A number as ``display`` shows it (%9.0g, blanks trimmed)."""
    from mlmcli.render.numfmt import format_number

    return format_number(float(value), "%9.0g").strip()


def _macro_text(value: float) -> str:
    """A number as ``local name = exp`` keeps it (up to 16 significant digits)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.16g}"


def _check_matsize(session, knots: int) -> None:
    """mkspline.ado builds its knots matrix first (``matrix loc = J(1, n-1, 0)``), and Stata 13's
    matrices are at most c(matsize) wide: more knots fail there, before any variable is made
    (``mkspline s 9999999 = x`` would otherwise make ten million variables)."""
    from mlmcli.syntax.settings import setting_value

    matsize = int(setting_value(session, "matsize"))
    if knots > matsize:
        raise StataError(f"matsize too small\n    You need to increase matsize; it is currently {matsize}.", 908)


def _parse(args: str) -> tuple[list[tuple[str, str]], str, str]:
    """``a k1 b k2 c = x`` -> ([(a, "k1"), (b, "k2"), (c, "")], "x", "knots") or
    ``stub # = x`` -> ([(stub, "#")], "x", "stub")."""
    left, eq, right = args.partition("=")
    if not eq or not right.split():
        raise StataError("invalid syntax", 198)
    words, source = left.split(), right.split()
    if len(source) != 1:
        raise StataError("too many variables specified", 103)
    if len(words) == 2:
        return [(words[0], words[1])], source[0], "stub"
    if len(words) < 3 or len(words) % 2 == 0:
        raise StataError("invalid syntax", 198)
    pairs = [(words[i], words[i + 1]) for i in range(0, len(words) - 1, 2)] + [(words[-1], "")]
    return pairs, source[0], "knots"


def cmd_mkspline(session, cmd) -> None:
    opts = resolve_options(cmd.options, _SPECS)
    if opts.get("cubic"):
        from mlmcli.commands.data.cubic_splines import make_cubic
        return make_cubic(session, cmd, opts)
    if "nknots" in opts or "knots" in opts:
        raise StataError("option knots() not allowed" if "knots" in opts else "option nknots() not allowed", 198)
    if cmd.weight is not None:
        raise StataError("weights not allowed in mlm's mkspline", 101)
    ds = session.data
    pairs, source, form = _parse(cmd.args)
    x_name = ds.resolve(source)
    if ds.is_string(x_name):
        raise StataError("type mismatch", 109)
    rows = mark(session, cmd, [x_name])
    x = ds.numeric(x_name)
    if form == "stub":
        stub, count = pairs[0]
        if not count.isdigit():  # confirm integer number
            raise StataError(f"'{count}' found where integer expected", 7)
        n = int(count)
        if n < 2:
            raise StataError("invalid syntax", 198)
        _check_matsize(session, n - 1)
        used = np.sort(x[rows])
        if opts.get("pctile"):
            knots = [altdef_percentile(used, 100.0 * i / n) for i in range(1, n)]  # centile's
        else:
            lo, hi = (float(used[0]), float(used[-1])) if used.size else (np.nan, np.nan)
            knots, base = [], lo
            for _ in range(1, n):
                base = base + (hi - lo) / n
                knots.append(base)
        names = [f"{stub}{i}" for i in range(1, n + 1)]
        typed = [_macro_text(k) for k in knots]  # the ado passes them through a local
    else:
        if opts.get("pctile"):
            raise StataError("option pctile not allowed", 198)
        names = [name for name, _ in pairs]
        typed = [k for _, k in pairs[:-1]]
        knots, last = [], -1e30
        for name, k in pairs[:-1]:
            check_new_name(ds, name)
            value = _number(k)
            if value <= last:
                raise StataError("invalid syntax", 198)
            knots.append(value)
            last = value
    for name in names:
        check_new_name(ds, name)
    if len(set(names)) < len(names):
        raise StataError(f"variable {names[-1]} already defined", 110)
    columns = _spline_columns(x, rows, knots, bool(opts.get("marginal")))
    labels = _labels(x_name, knots, typed, bool(opts.get("marginal")))
    for name, values, label in zip(names, columns, labels):
        with np.errstate(over="ignore"):  # gen float, then compress (past float's range: missing)
            values = np.where(np.abs(values) <= np.finfo(np.float32).max, values, np.nan)
            values = values.astype(np.float32).astype(float)
        ds.set_variable(name, values, smallest_type(values, "byte"))
        ds.var_labels[name] = label
    from mlmcli.results.matrix import Matrix

    loc = Matrix(np.array([knots], float), (x_name,), tuple(f"knot{i}" for i in range(1, len(knots) + 1)))
    if opts.get("displayknots"):
        from mlmcli.render.matlist import render_matlist
        from mlmcli.results.postestimation import MatrixDisplay

        session.print(render_matlist(MatrixDisplay("", "", loc.rownames, loc.colnames,
                                                   tuple(tuple(r) for r in loc.values), fmt="%9.0g"),
                                     linesize=session.linesize))
    session.set_r({"N_knots": float(len(knots)), "knots": loc})


def _spline_columns(x: np.ndarray, rows: np.ndarray, knots: list[float], marginal: bool) -> list[np.ndarray]:
    cols = []
    bounds = [-np.inf] + list(knots) + [np.inf]
    for i in range(len(knots) + 1):
        if marginal:
            v = x.copy() if i == 0 else np.maximum(0.0, x - knots[i - 1])
        elif i == 0:
            v = np.minimum(x, knots[0])
        else:
            v = np.maximum(np.minimum(x, bounds[i + 1]), bounds[i]) - bounds[i]
        cols.append(np.where(rows, v, np.nan))
    return cols


def _labels(x_name: str, knots: list[float], typed: list[str], marginal: bool) -> list[str]:
    """mkspline.ado's variable labels: a knot shown by ``display`` (%9.0g), except the left end
    of a middle interval, which is the knot as typed."""
    out = []
    for i in range(len(knots) + 1):
        if marginal:
            out.append(f"{x_name}: (.,.)" if i == 0 else f"{x_name}: ({_shown(knots[i - 1])},.)")
        elif i == 0:
            out.append(f"{x_name}: (.,{_shown(knots[0])})")
        elif i < len(knots):
            out.append(f"{x_name}: ({typed[i - 1]},{_shown(knots[i])})")
        else:
            out.append(f"{x_name}: ({typed[i - 1]},.)")
    return out

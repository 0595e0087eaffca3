"""The pieces every twoway plot's series is made from: a variable's title, the plot's look,
its columns in the sample, marker labels and their clock positions, jitter, where lines break."""
from __future__ import annotations

import numpy as np

from mlmcli.graphs import plot_options as popt
from mlmcli.graphs.graph_options import number


def last_option(opts: dict, name: str):
    """The last typed value of a repeatable option (None when not typed)."""
    values = opts.get(name)
    return values[-1] if values else None


def y_options(plot, which: int = 0) -> dict:
    """The options of the plot's ``which``-th y: its entries of the lists typed
    (``style_lists.split_lists``: ``mlabel(a b)``, ``connect(. l)``, ``cmissing(n)`` ...)."""
    per_y = getattr(plot, "y_options", None)
    return per_y[min(which, len(per_y) - 1)] if per_y else plot.options


def var_label(ctx, name: str) -> str:
    from mlmcli.graphs.plotdata import var_title

    return var_title(ctx.data, name)


def look_fields(plot, kind: str, which: int = 0) -> dict:
    """The look of the plot's ``which``-th y (its entries of the style lists typed)."""
    looks = getattr(plot, "looks", None) or [plot.look]
    return looks[min(which, len(looks) - 1)].series_fields(kind)


def jittered(ctx, plot, values: np.ndarray, salt: int) -> np.ndarray:
    """``jitter(#)``: uniform noise of # percent of the values' range.  [G-2] graph twoway scatter:
    jitterseed(#) is there "to reproduce the same plotted positions", so without it the noise is
    the session's random numbers (``ctx.random_stream``: ``set seed`` before the graph
    reproduces it and runiform() afterwards carries on after its draws, one per marker, x then y
    plot by plot); with it, a stream of its own from # (``salt`` the plot's coordinate), which
    leaves the session's stream where it was."""
    amount = popt.jitter(plot.options)
    if not amount or values.size == 0:
        return values
    seed = popt.jitter_seed(plot.options)
    if seed is None:
        stream = getattr(ctx, "random_stream", None)
        rng = stream(None) if stream is not None else np.random.default_rng(ctx.seed + salt)
    else:
        rng = np.random.default_rng(seed + salt)
    with np.errstate(over="ignore", invalid="ignore"):  # jitter(1e300): positions past the double range
        span = float(np.nanmax(values) - np.nanmin(values)) or 1.0
        moved = values + (rng.random(values.size) - 0.5) * amount / 100.0 * span
    return np.where(np.isfinite(moved), moved, np.nan)  # missing there, not drawn


def label_positions(ctx, plot, keep: np.ndarray, order: np.ndarray) -> tuple[int, ...] | None:
    """``mlabvposition(varname)``: each marker label's clock position from a variable (0-12;
    missing: the plot's ``mlabposition()``)."""
    name = last_option(plot.options, "mlabvposition")
    if not isinstance(name, str) or not name.strip():
        return None
    values = ctx.data.numeric(ctx.data.resolve(name.strip()))[keep][order]
    default = plot.look.label_position
    return tuple(int(v) if np.isfinite(v) and 0 <= v <= 12 else default for v in values)


def marker_labels(ctx, plot, keep: np.ndarray, order: np.ndarray, which: int = 0) -> tuple[str, ...] | None:
    """The marker labels of the plot's ``which``-th y variable.  [G-3] marker_label_options:
    "When lists are allowed [scatter], option mlabel() allows a varlist in place of a varname"
    and "Shorthands are allowed" ([G-4] stylelists): y i takes the list's i-th entry, a list
    shorter than the y's is padded with ``.`` (no label) -- ``mlabel(name)`` labels the first y
    only, ``mlabel(name ..)`` every y."""
    name = last_option(y_options(plot, which), "mlabel")
    if not isinstance(name, str) or not name.strip():
        return None
    names = name.split()
    if len(names) > 1:
        if which >= len(names):
            return None
        name = names[which]
    from mlmcli.graphs.plotdata import value_text
    from mlmcli.graphs.syntax import text_lines  # a label of quoted strings: its lines

    var = ctx.data.resolve(name.strip())
    if ctx.data.is_string(var):
        texts = ctx.data.column(var).fillna("").astype(str).to_numpy()[keep][order]
        return tuple(text_lines(t) for t in texts)
    values = ctx.data.numeric(var)[keep][order]
    fmt = last_option(plot.options, "mlabformat")
    if not isinstance(fmt, str):  # [G-3] marker_label_options: the variable's display format by default
        fmt = ctx.data.formats.get(var)
    if isinstance(fmt, str) and ctx.data.value_label_of.get(var) is None:  # mlabformat(%fmt)
        from mlmcli.graphs.axis_options import display_format
        from mlmcli.render.numfmt import format_number

        fmt = display_format(fmt)
        return tuple("." if np.isnan(v) else format_number(v, fmt).strip() for v in values)
    return tuple("." if np.isnan(v) else text_lines(value_text(ctx.data, var, v)) for v in values)


def line_breaks(x: np.ndarray, connect: str) -> tuple[int, ...]:
    """Where new polylines start: ``ascending`` breaks when x decreases; ``none`` everywhere."""
    if connect == "ascending":
        return tuple(int(i) for i in np.flatnonzero(np.diff(x) < 0) + 1)
    if connect == "none":
        return tuple(range(1, len(x)))
    return ()


def is_horizontal(plot) -> bool:
    return bool(plot.options.get("horizontal"))


def base_value(plot) -> float:
    base = last_option(plot.options, "base")
    return number(base, "base") if base is not None else 0.0


def xy_columns(ctx, plot, keep, yname: str, sort: bool = False):
    x = ctx.data.numeric(plot.x)[keep]
    y = ctx.data.numeric(yname)[keep]
    order = np.argsort(x, kind="stable") if sort else np.arange(len(x))
    return x[order], y[order], order


def marker_label_fields(ctx, plot, keep, order: np.ndarray, ok: np.ndarray | None = None, which: int = 0) -> dict:
    """``labels``/``label_positions`` of a markers series of the plot's ``which``-th y drawn
    from the rows ``keep`` taken in ``order`` (and then only where ``ok``): ``mlabel()`` and
    ``mlabvposition()``."""
    labels = marker_labels(ctx, plot, keep, order, which)
    if labels is None:
        return {}
    positions = label_positions(ctx, plot, keep, order)
    if ok is not None:
        labels = tuple(t for t, k in zip(labels, ok) if k)
        positions = tuple(p for p, k in zip(positions, ok) if k) if positions is not None else None
    return {"labels": labels, "label_positions": positions}

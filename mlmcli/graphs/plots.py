"""The series each ``twoway`` plot type draws, computed from the data of one panel.

Plot types and their variables:

    scatter, line, connected      y1 [y2 ...] x      one series per y
    area, bar, spike, dropline    y x                (base(#): where bars/spikes start)
    rarea, rbar, rspike, rcap,    y1 y2 x            a range per x
    rcapsym, rscatter, rline, rconnected
    function                      [y =] f(x), range(# #) n(#) x(name)
    histogram, kdensity           v
    lowess, lfit, qfit, lfitci, qfitci, lpoly   y x  (a smooth or fit of y on x)

The numbers come from ``fits`` (lfit/qfit and their bands) and ``smoothers``
(histogram bins, kernel density, lowess, local polynomial).
"""
from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs import fits, smoothers
from mlmcli.graphs import plot_options as popt
from mlmcli.graphs.graph_options import number
from mlmcli.graphs.spec import Series
from mlmcli.graphs.style import NAMED_COLORS, intensity
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.options import OptionSpec, confidence_level


def _o(name: str, abbrev: int | None, takes_arg: bool = True) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, repeatable=True)


_M, _L, _C = popt.MARKER_SPECS, popt.LINE_SPECS, popt.CONNECT_SPECS
_A, _X = popt.AREA_SPECS, popt.COMMON_SPECS
_BASE = [_o("base", None)]
_BARW = [_o("barwidth", 4)]
_SORT = [_o("sort", None, False), _o("cmissing", 4)]
_FIT = [_o("range", 1), _o("n", None), _o("atobs", 5, False), _o("estopts", 4),
        _o("predopts", 5), _o("estcmd", 6)]
_FITCI = _FIT + [_o(*row) for row in (
    ("level", 3), ("stdp", None, False), ("stdf", None, False), ("stdr", None, False),
    ("nofit", 5, False), ("fitplot", 4), ("ciplot", 3), ("alcolor", 3), ("alwidth", 3),
    ("alpattern", 3), ("clcolor", 3), ("clwidth", 3), ("clpattern", 3), ("acolor", 2),
)]
_KERNEL = [_o("kernel", 1), _o("bwidth", 2)]
_HIST = [_o(*row) for row in (
    ("discrete", 4, False), ("bin", None), ("width", 1), ("start", None), ("density", 3, False),
    ("fraction", 4, False), ("frequency", 4, False), ("percent", None, False), ("gap", None),
)]

OPTION_SPECS: dict[str, list[OptionSpec]] = {
    "scatter": _M + popt.JITTER_SPECS + _L + _C + _X,
    "line": _L + _C + _X,
    "connected": _M + popt.JITTER_SPECS + _L + _C + _X,
    "area": _A + _L + _X + _BASE + _SORT + [_o("nodropbase", 6, False)],
    "bar": _A + _L + _X + _BASE + _BARW,
    "spike": _L + _X + _BASE,
    "dropline": _L + _M + _X + _BASE,
    "rarea": _A + _L + _X + _SORT,
    "rbar": _A + _L + _X + _BARW,
    "rspike": _L + _X,
    "rcap": _L + _X + [_o("msize", 4)],
    "rcapsym": _L + _M + _X,
    "rscatter": _M + _X,
    "rline": _L + _C + _X,
    "rconnected": _M + _L + _C + _X,
    "function": _L + _X + [_o("range", 1), _o("n", None), _o("x", None), _o("dropline", 5),
                           _o("base", None)],
    "histogram": _A + _L + _X + _HIST + _BARW,
    "kdensity": _L + _X + _KERNEL + [_o("range", 1), _o("n", None), _o("area", None)],
    "lowess": _L + _X + [_o("bwidth", 2), _o("mean", 1, False), _o("noweight", 3, False),
                         _o("logit", 2, False), _o("adjust", 1, False)],
    "lfit": _L + _X + _FIT,
    "qfit": _L + _X + _FIT,
    "lfitci": _L + _A + _X + _FITCI,
    "qfitci": _L + _A + _X + _FITCI,
    "lpoly": _L + _X + _KERNEL + [_o("degree", 3), _o("n", None)],
}
N_VARIABLES = {"area": 2, "bar": 2, "spike": 2, "dropline": 2, "rarea": 3, "rbar": 3,
               "rspike": 3, "rcap": 3, "rcapsym": 3, "rscatter": 3, "rline": 3,
               "rconnected": 3, "histogram": 1, "kdensity": 1, "lowess": 2, "lfit": 2,
               "qfit": 2, "lfitci": 2, "qfitci": 2, "lpoly": 2}
FIT_LABELS = {"lfit": "Fitted values", "qfit": "Fitted values", "lfitci": "Fitted values",
              "qfitci": "Fitted values"}
# lfit/qfit options that pass options to regress and predict: mlmcli fits OLS itself
FIT_REFUSED = ("estopts", "predopts", "estcmd")
FIT_PLOTS = ("line", "connected", "scatter")       # fitplot(): how the fit is drawn
CI_PLOTS = ("rarea", "rline", "rspike", "rcap", "rscatter", "rconnected")  # ciplot()
HISTOGRAM_FILL = NAMED_COLORS["khaki"]          # s2color's histogram bars
HISTOGRAM_LINE = intensity(NAMED_COLORS["khaki"], 1.8)


def option_specs(kind: str) -> list[OptionSpec]:
    return OPTION_SPECS[kind]


def default_color(kind: str, style_no: int, scheme: str | None, typed_style: bool = False) -> str:
    """The colour a plot has before its options: ``color(*.5)`` dims this one."""
    from mlmcli.graphs.style import series_color

    return HISTOGRAM_FILL if kind == "histogram" and not typed_style else series_color(style_no, scheme)


def styles_used(plot) -> int:
    """Plot styles a plot takes: one per y variable of scatter/line/connected, else one."""
    if plot.kind in ("scatter", "line", "connected"):
        return max(len(plot.ys), 1)
    return 1


def _last(opts: dict, name: str):
    values = opts.get(name)
    return values[-1] if values else None


def resolve_plot(ctx, plot, opts: dict, call):
    """Variables and sample of one plot (``PlotData``)."""
    from mlmcli.graphs.plotdata import PlotData

    kind = plot.kind
    if kind == "function" or plot.immediate:
        if plot.immediate:
            immediate_points(plot.varlist)  # its errors now, not when drawing
            for name in ("mlabel", "mlabvposition"):
                if name in opts:
                    raise StataError(f"option {name}() not allowed with scatteri: its labels are "
                                     '"text" and (#) after each point', 198)
        mask = np.ones(ctx.data.nobs, dtype=bool)
        return PlotData(plot, kind, [], None, opts, mask, [])
    names = ctx.data.expand_varlist(plot.varlist)
    wanted = N_VARIABLES.get(kind)
    if wanted is not None and len(names) > wanted:
        raise StataError("too many variables specified", 103)
    if len(names) < (wanted or 2):
        raise StataError("too few variables specified", 102)
    for name in names:
        ctx.data.numeric(name)  # strings: type mismatch
    if kind in ("histogram", "kdensity"):
        ys, x = names, None
        marked = names
    else:
        ys, x = names[:-1], names[-1]
        # scatter/line/connected: an observation shows every y it has (marked on x only)
        marked = [x] if kind in ("scatter", "line", "connected") else names
    mask = ctx.mark(plot.if_exp, plot.in_range, marked) & ctx.mark(call.if_exp, call.in_range, marked)
    if kind in ("scatter", "line", "connected"):
        any_y = np.zeros(ctx.data.nobs, dtype=bool)
        for y in ys:
            any_y |= np.isfinite(ctx.data.numeric(y))
        mask &= any_y
    for name in ("mlabel", "mlabvposition"):
        value = _last(opts, name)
        if isinstance(value, str):
            ctx.data.resolve(value.strip())
    if kind in ("lfit", "qfit", "lfitci", "qfitci"):
        from mlmcli.graphs.look_options import refuse

        refuse(opts, FIT_REFUSED, f"{kind}: ")
        for name, allowed in (("fitplot", FIT_PLOTS), ("ciplot", CI_PLOTS)):
            word = _last(opts, name)
            if isinstance(word, str) and word.strip().lower() not in allowed:
                raise StataError(f"{name}({word.strip()}) not supported by mlmcli: it draws "
                                 + ", ".join(allowed), 198)
    return PlotData(plot, kind, ys, x, opts, mask, [])


def x_title(ctx, plot) -> str:
    """The x-axis title this plot contributes (Stata joins distinct ones with "/");
    ``xvarlabel()`` names it."""
    from mlmcli.graphs.plotdata import var_title
    from mlmcli.graphs.syntax import title_text

    relabel = _last(plot.options, "xvarlabel")
    if isinstance(relabel, str):
        return title_text(relabel)

    if plot.call.immediate:
        return ""
    if plot.kind == "function":
        return str(_last(plot.options, "x") or "x").strip()
    if plot.kind == "kdensity":
        return "x"
    if plot.kind == "histogram":
        return var_title(ctx.data, plot.ys[0])
    return var_title(ctx.data, plot.x) if plot.x else ""


def build_series(ctx, plot, rows: np.ndarray) -> list[Series]:
    keep = rows & plot.mask
    builder = _immediate if plot.call.immediate else _BUILDERS[plot.kind]
    out = builder(ctx, plot, keep)
    relabel = _last(plot.options, "yvarlabel")
    if isinstance(relabel, str):
        from mlmcli.graphs.syntax import title_text

        out = [replace(s, label=title_text(relabel)) if s.style != 0 else s for s in out]
    if plot.axis != 1:
        out = [replace(s, axis=plot.axis) for s in out]
    return out


# ------------------------------------------------------------------ helpers
def _label(ctx, name: str) -> str:
    from mlmcli.graphs.plotdata import var_title

    return var_title(ctx.data, name)


def _look(plot, kind: str) -> dict:
    return plot.look.series_fields(kind)


def _jittered(ctx, plot, values: np.ndarray, salt: int) -> np.ndarray:
    amount = popt.jitter(plot.options)
    if not amount or values.size == 0:
        return values
    seed = popt.jitter_seed(plot.options)
    rng = np.random.default_rng(ctx.seed + salt if seed is None else seed + salt)
    span = float(np.nanmax(values) - np.nanmin(values)) or 1.0
    return values + rng.uniform(-0.5, 0.5, values.size) * amount / 100.0 * span


def _label_positions(ctx, plot, keep: np.ndarray, order: np.ndarray) -> tuple[int, ...] | None:
    """``mlabvposition(varname)``: each marker label's clock position from a variable (0-12;
    missing: the plot's ``mlabposition()``)."""
    name = _last(plot.options, "mlabvposition")
    if not isinstance(name, str) or not name.strip():
        return None
    values = ctx.data.numeric(ctx.data.resolve(name.strip()))[keep][order]
    default = plot.look.label_position
    return tuple(int(v) if np.isfinite(v) and 0 <= v <= 12 else default for v in values)


def _marker_labels(ctx, plot, keep: np.ndarray, order: np.ndarray) -> tuple[str, ...] | None:
    name = _last(plot.options, "mlabel")
    if not isinstance(name, str) or not name.strip():
        return None
    from mlmcli.graphs.plotdata import value_text

    var = ctx.data.resolve(name.strip())
    if ctx.data.is_string(var):
        texts = ctx.data.column(var).fillna("").astype(str).to_numpy()[keep][order]
        return tuple(texts)
    values = ctx.data.numeric(var)[keep][order]
    return tuple("." if np.isnan(v) else value_text(ctx.data, var, v) for v in values)


def _breaks(x: np.ndarray, connect: str) -> tuple[int, ...]:
    """Where new polylines start: ``ascending`` breaks when x decreases; ``none`` everywhere."""
    if connect == "ascending":
        return tuple(int(i) for i in np.flatnonzero(np.diff(x) < 0) + 1)
    if connect == "none":
        return tuple(range(1, len(x)))
    return ()


def _horizontal(plot) -> bool:
    return bool(plot.options.get("horizontal"))


def _base(plot) -> float:
    base = _last(plot.options, "base")
    return number(base, "base") if base is not None else 0.0


def _xy(ctx, plot, keep, yname: str, sort: bool = False):
    x = ctx.data.numeric(plot.x)[keep]
    y = ctx.data.numeric(yname)[keep]
    order = np.argsort(x, kind="stable") if sort else np.arange(len(x))
    return x[order], y[order], order


# ------------------------------------------------------------------ point plots
def _points(ctx, plot, keep) -> list[Series]:
    """scatter, line, connected: one series per y variable."""
    kind, opts = plot.kind, plot.options
    x_all = ctx.data.numeric(plot.x)[keep]
    order = np.argsort(x_all, kind="stable") if opts.get("sort") else np.arange(len(x_all))
    x_all = x_all[order]
    connects = plot.look.connect
    cmissing_no = str(_last(opts, "cmissing") or "y").strip().lower().startswith("n")
    labels_all = _marker_labels(ctx, plot, keep, order)
    positions_all = _label_positions(ctx, plot, keep, order) if labels_all is not None else None
    scales_all = _weighted_marker_scales(plot, keep, order)
    out: list[Series] = []
    for i, (yname, style_no) in enumerate(zip(plot.ys, plot.styles)):
        y_all = ctx.data.numeric(yname)[keep][order]
        ok = np.isfinite(y_all)
        x, y = x_all[ok], y_all[ok]
        default = "direct" if kind in ("line", "connected") else "none"
        connect = connects[min(i, len(connects) - 1)] if connects else default
        breaks = set(_breaks(x, connect))
        if cmissing_no and not ok.all():
            kept_index = np.cumsum(ok) - 1
            for gap in np.flatnonzero(~ok):
                if 0 < gap and kept_index[gap] + 1 < len(x):
                    breaks.add(int(kept_index[gap]) + 1)
        label = _label(ctx, yname)
        if kind == "scatter" and connect == "none":
            series_kind = "scatter"
        elif kind == "line":
            series_kind = "line"
        else:
            series_kind = "connected"
        fields = _look(plot, series_kind)
        labels = positions = None
        if labels_all is not None:
            labels = tuple(t for t, k in zip(labels_all, ok) if k)
        if positions_all is not None:
            positions = tuple(t for t, k in zip(positions_all, ok) if k)
        markers = series_kind in ("scatter", "connected")  # jitter() moves markers (and their line)
        xj = _jittered(ctx, plot, x, 2 * i) if markers else x
        yj = _jittered(ctx, plot, y, 2 * i + 1) if markers else y
        scales = scales_all[ok] if scales_all is not None and markers else None
        out.append(Series(series_kind, xj, yj, breaks=tuple(sorted(breaks)), label=label,
                          style=style_no, step=connect in ("stairstep", "stepstair"),
                          labels=labels, label_positions=positions, marker_scales=scales, **fields))
    return out


def _weighted_marker_scales(plot, keep, order: np.ndarray) -> np.ndarray | None:
    """``scatter y x [aw=w]``: each marker's size factor sqrt(w / mean w), so that a marker's
    area is proportional to its weight and a marker of the mean weight has the plot's
    ``msize()`` (Stata scales by the weights too; its normalisation is not documented)."""
    if plot.weights is None:
        return None
    w = np.asarray(plot.weights, float)[keep][order]
    mean = float(w.mean()) if w.size else 0.0
    return np.sqrt(w / mean) if mean > 0 else np.ones_like(w)


# ------------------------------------------------------------------ bars and areas
def _area(ctx, plot, keep) -> list[Series]:
    x, y, _ = _xy(ctx, plot, keep, plot.ys[0], sort=bool(plot.options.get("sort")))
    base = np.full_like(y, _base(plot))
    return [Series("area", x, base, y, label=_label(ctx, plot.ys[0]), style=plot.styles[0],
                   horizontal=_horizontal(plot), base=_base(plot),
                   drop_base=not plot.options.get("nodropbase"), **_look(plot, "area"))]


def _bar(ctx, plot, keep) -> list[Series]:
    x, y, _ = _xy(ctx, plot, keep, plot.ys[0])
    width = number(_last(plot.options, "barwidth"), "barwidth") if "barwidth" in plot.options else 1.0
    return [Series("bar", x, y, label=_label(ctx, plot.ys[0]), style=plot.styles[0],
                   width=width, base=_base(plot), horizontal=_horizontal(plot),
                   **_look(plot, "bar"))]


def _spike(ctx, plot, keep) -> list[Series]:
    x, y, _ = _xy(ctx, plot, keep, plot.ys[0])
    base = np.full_like(y, _base(plot))
    out = [Series("rspike", x, base, y, label=_label(ctx, plot.ys[0]), style=plot.styles[0],
                  horizontal=_horizontal(plot), legend=plot.kind == "spike",
                  **_look(plot, "rspike"))]
    if plot.kind == "dropline":
        px, py = (y, x) if _horizontal(plot) else (x, y)
        out.append(Series("scatter", px, py, label=_label(ctx, plot.ys[0]), style=plot.styles[0],
                          **_marker_label_fields(ctx, plot, keep, np.arange(len(x))),
                          **_look(plot, "scatter")))
    return out


def _marker_label_fields(ctx, plot, keep, order: np.ndarray, ok: np.ndarray | None = None) -> dict:
    """``labels``/``label_positions`` of a markers series drawn from the rows ``keep`` taken
    in ``order`` (and then only where ``ok``): ``mlabel()`` and ``mlabvposition()``."""
    labels = _marker_labels(ctx, plot, keep, order)
    if labels is None:
        return {}
    positions = _label_positions(ctx, plot, keep, order)
    if ok is not None:
        labels = tuple(t for t, k in zip(labels, ok) if k)
        positions = tuple(p for p, k in zip(positions, ok) if k) if positions is not None else None
    return {"labels": labels, "label_positions": positions}


def _range(ctx, plot, keep) -> list[Series]:
    """rarea, rbar, rspike, rcap, rcapsym, rscatter, rline, rconnected."""
    kind = plot.kind
    x = ctx.data.numeric(plot.x)[keep]
    y1 = ctx.data.numeric(plot.ys[0])[keep]
    y2 = ctx.data.numeric(plot.ys[1])[keep]
    order = np.argsort(x, kind="stable") if plot.options.get("sort") else np.arange(len(x))
    x, y1, y2 = x[order], y1[order], y2[order]
    label = f"{_label(ctx, plot.ys[0])}/{_label(ctx, plot.ys[1])}"
    style_no, horizontal = plot.styles[0], _horizontal(plot)
    if kind == "rarea":
        return [Series("area", x, y1, y2, label=label, style=style_no, horizontal=horizontal,
                       **_look(plot, "area"))]
    if kind == "rbar":
        width = number(_last(plot.options, "barwidth"), "barwidth") if "barwidth" in plot.options else 1.0
        return [Series("bar", x, y2, y1, label=label, style=style_no, width=width,
                       horizontal=horizontal, **_look(plot, "bar"))]
    if kind in ("rspike", "rcap", "rcapsym"):
        out = [Series("rcap" if kind == "rcap" else "rspike", x, y1, y2, label=label, style=style_no,
                      horizontal=horizontal, legend=kind != "rcapsym", **_look(plot, "rspike"))]
        if kind == "rcapsym":
            for y in (y1, y2):
                px, py = (y, x) if horizontal else (x, y)
                out.append(Series("scatter", px, py, label=label, style=style_no,
                                  **_marker_label_fields(ctx, plot, keep, order), **_look(plot, "scatter")))
        return out
    series_kind = {"rscatter": "scatter", "rline": "line", "rconnected": "connected"}[kind]
    out = []
    for y in (y1, y2):  # mlabel(): both ends of each range are labelled
        ok = np.isfinite(y)
        px, py = (y[ok], x[ok]) if horizontal else (x[ok], y[ok])
        labelled = _marker_label_fields(ctx, plot, keep, order, ok) if series_kind != "line" else {}
        out.append(Series(series_kind, px, py, label=label, style=style_no, **labelled,
                          **_look(plot, series_kind)))
    return out


# ------------------------------------------------------------------ scatteri
_IMMEDIATE_TOKEN = re.compile(r'`"(?:[^"]|"(?!\'))*"\'|"[^"]*"|\(\s*[^()\s]*\s*\)|[^\s"(]+')
IMMEDIATE_KINDS = ("scatter", "connected", "line", "area", "bar", "spike", "dropline")


def immediate_points(text: str) -> tuple[np.ndarray, np.ndarray, tuple[int | None, ...], tuple[str, ...]]:
    """``scatteri``'s ``#y #x [(#clock)] ["label"] ...`` -> (y, x, clock positions, labels)."""
    ys: list[float] = []
    xs: list[float] = []
    positions: list[int | None] = []
    labels: list[str] = []
    pending: list[float] = []

    def value(word: str) -> float:
        if word == ".":
            return float("nan")
        try:
            return float(word)
        except ValueError:
            raise StataError(f"{word} invalid", 198) from None

    for token in _IMMEDIATE_TOKEN.findall(text):
        if token.startswith("(") or token.startswith('"') or token.startswith('`"'):
            if pending or not ys:
                raise StataError("invalid syntax", 198)
            if token.startswith("("):
                clock = int(value(token[1:-1].strip()))
                if not 0 <= clock <= 12:
                    raise StataError(f"{token} invalid", 198)
                positions[-1] = clock
            else:
                labels[-1] = token[2:-2] if token.startswith('`"') else token[1:-1]
            continue
        pending.append(value(token))
        if len(pending) == 2:
            ys.append(pending[0])
            xs.append(pending[1])
            positions.append(None)
            labels.append("")
            pending = []
    if pending or not ys:
        raise StataError("invalid syntax", 198)
    return np.array(ys), np.array(xs), tuple(positions), tuple(labels)


def _immediate(ctx, plot, keep) -> list[Series]:
    """``scatteri``: its points as a scatter, or as ``recast()``'s line, connected, area,
    bar, spike or dropline; ``"label"`` and ``(#)`` are marker labels and their positions."""
    y, x, positions, texts = immediate_points(plot.call.varlist)
    kind = plot.kind
    if kind not in IMMEDIATE_KINDS:
        raise StataError(f"recast({kind}) not supported by mlmcli for scatteri: it draws "
                         + ", ".join(IMMEDIATE_KINDS), 198)
    style_no, horizontal = plot.styles[0], _horizontal(plot)
    labelled: dict = {}
    if any(texts) and kind in ("scatter", "connected", "dropline"):
        default = plot.look.label_position
        labelled = {"labels": texts, "label_positions": tuple(default if p is None else p for p in positions)}
    if kind in ("scatter", "connected", "line"):
        connects = plot.look.connect
        connect = connects[0] if connects else ("none" if kind == "scatter" else "direct")
        series_kind = kind if kind != "scatter" else ("scatter" if connect == "none" else "connected")
        fields = _look(plot, series_kind)
        if series_kind in ("scatter", "connected"):
            x, y = _jittered(ctx, plot, x, 0), _jittered(ctx, plot, y, 1)
        return [Series(series_kind, x, y, breaks=_breaks(x, connect) if series_kind != "scatter" else (),
                       label="", style=style_no, step=connect in ("stairstep", "stepstair"),
                       **(labelled if series_kind != "line" else {}), **fields)]
    if kind == "area":
        return [Series("area", x, np.full_like(y, _base(plot)), y, label="", style=style_no,
                       horizontal=horizontal, base=_base(plot), drop_base=not plot.options.get("nodropbase"),
                       **_look(plot, "area"))]
    if kind == "bar":
        width = number(_last(plot.options, "barwidth"), "barwidth") if "barwidth" in plot.options else 1.0
        return [Series("bar", x, y, label="", style=style_no, width=width, base=_base(plot),
                       horizontal=horizontal, **_look(plot, "bar"))]
    out = [Series("rspike", x, np.full_like(y, _base(plot)), y, label="", style=style_no,
                  horizontal=horizontal, legend=kind == "spike", **_look(plot, "rspike"))]
    if kind == "dropline":
        px, py = (y, x) if horizontal else (x, y)
        out.append(Series("scatter", px, py, label="", style=style_no, **labelled, **_look(plot, "scatter")))
    return out


# ------------------------------------------------------------------ function
_FUNCTION = re.compile(r"^\s*(?:([A-Za-z_]\w*)\s*=(?!=))?(.*)$", re.S)


def _function(ctx, plot, keep) -> list[Series]:
    """``twoway function [y =] f(x), range(# #|varname) n(#) x(name)``: f at n points (default
    300) equally spaced over the range (default 0 to 1)."""
    m = _FUNCTION.match(plot.call.varlist)
    yname, expression = (m.group(1) or "y"), m.group(2).strip()
    if not expression:
        raise StataError("invalid syntax", 198)
    xname = str(_last(plot.options, "x") or "x").strip()
    lo, hi = 0.0, 1.0
    span = _last(plot.options, "range")
    if isinstance(span, str):
        words = span.split()
        if len(words) == 1:
            values = ctx.data.numeric(ctx.data.resolve(words[0]))
            values = values[np.isfinite(values)]
            if values.size == 0:
                raise StataError("no observations", 2000)
            lo, hi = float(values.min()), float(values.max())
        elif len(words) == 2:
            lo, hi = number(words[0], "range"), number(words[1], "range")
        else:
            raise StataError("option range() incorrectly specified", 198)
    n = int(number(_last(plot.options, "n"), "n")) if "n" in plot.options else 300
    if n < 1:
        raise StataError("option n() incorrectly specified", 198)
    if ctx.evaluate is None:  # pragma: no cover - the command layer always supplies one
        raise StataError("twoway function needs the expression engine", 198)
    xs = np.linspace(lo, hi, n) if n > 1 else np.array([lo])
    ys = np.asarray(ctx.evaluate(expression, xs, xname), dtype=float)
    if ys.dtype == object:
        raise StataError("type mismatch", 109)
    horizontal = _horizontal(plot)
    px, py = (ys, xs) if horizontal else (xs, ys)
    ok = np.isfinite(px) & np.isfinite(py)
    breaks = tuple(int(i) for i in np.flatnonzero(np.diff(np.flatnonzero(ok)) > 1) + 1)
    out = [Series("line", px[ok], py[ok], breaks=breaks, label=yname, style=plot.styles[0],
                  **_look(plot, "line"))]
    drops = _last(plot.options, "dropline")
    if isinstance(drops, str):
        from mlmcli.syntax.numlist import numlist

        at = np.array(numlist(drops), dtype=float)
        fy = np.asarray(ctx.evaluate(expression, at, xname), dtype=float)
        base = np.full_like(fy, _base(plot))
        out.append(Series("rspike", at, base, fy, label=yname, style=plot.styles[0], legend=False,
                          horizontal=horizontal, **_look(plot, "rspike")))
    return out


# ------------------------------------------------------------------ densities
def histogram_spec(plot) -> dict:
    """The binning options of a histogram plot."""
    opts = plot.options
    kinds = [k for k in ("density", "fraction", "frequency", "percent") if opts.get(k)]
    if len(kinds) > 1:
        raise StataError(f"options {' '.join(kinds)} may not be combined", 198)
    if opts.get("discrete") and "bin" in opts:
        raise StataError("options discrete and bin() may not be combined", 198)
    if "bin" in opts and "width" in opts:
        raise StataError("options bin() and width() may not be combined", 198)
    spec: dict = {"kind": kinds[0] if kinds else "density", "discrete": bool(opts.get("discrete"))}
    if "bin" in opts:
        bins = number(_last(opts, "bin"), "bin")
        if bins < 1 or bins != int(bins):
            raise StataError("bin() must be a positive integer", 198)
        spec["bins"] = int(bins)
    if "width" in opts:
        width = number(_last(opts, "width"), "width")
        if width <= 0:
            raise StataError("width() must be positive", 198)
        spec["width"] = width
    if "start" in opts:
        spec["start"] = number(_last(opts, "start"), "start")
    return spec


def _histogram(ctx, plot, keep) -> list[Series]:
    values = ctx.data.numeric(plot.ys[0])[keep]
    if values.size == 0:
        return []
    spec = histogram_spec(plot)
    weights = plot.weights[keep] if plot.weights is not None else None
    bins = smoothers.histogram_bins(values, w=weights, **spec)
    gap = number(_last(plot.options, "gap"), "gap") if "gap" in plot.options else 0.0
    width = bins.width * (1.0 - gap / 100.0)
    if "barwidth" in plot.options:
        width = number(_last(plot.options, "barwidth"), "barwidth")
    fields = _look(plot, "bar")
    if plot.look.style is None:  # pstyle(p#) and the like: that style's colours, not the khaki
        fields.setdefault("color", HISTOGRAM_FILL)
        fields.setdefault("line_color", HISTOGRAM_LINE if "color" not in plot.look.series_fields("bar")
                          else fields["color"])
    label = spec["kind"].capitalize()
    return [Series("bar", bins.centers, bins.heights, label=label, style=plot.styles[0], width=width,
                   base=0.0, horizontal=_horizontal(plot), **fields)]


def kernel_name(text) -> str:
    if not isinstance(text, str):
        return "epanechnikov"
    name = resolve_choice(text.strip().lower(), smoothers.KERNEL_ABBREVIATIONS)
    if name is None:
        raise StataError("invalid kernel function", 198)
    return name


def positive(opts: dict, name: str) -> float | None:
    if name not in opts:
        return None
    value = number(_last(opts, name), name)
    if value <= 0:
        raise StataError(f"{name}() must be a positive number" if name != "bwidth"
                         else "bandwidth must be positive", 198)
    return value


def _kdensity(ctx, plot, keep) -> list[Series]:
    """``twoway kdensity v, range(# #) n(#) bwidth(#) kernel() area(#)``: the density at n
    points (default 300) over the range (default the data's), times ``area``."""
    values = ctx.data.numeric(plot.ys[0])[keep]
    if values.size == 0:
        return []
    opts = plot.options
    weights = plot.weights[keep] if plot.weights is not None else None
    kind = plot.call.weight.kind if plot.call.weight is not None else "fweight"
    h = positive(opts, "bwidth") or smoothers.silverman_bandwidth(
        values, weights, "aweight" if kind.startswith("a") else "fweight")
    lo, hi = float(values.min()), float(values.max())
    span = _last(opts, "range")
    if isinstance(span, str):
        words = span.split()
        if len(words) == 1:
            other = ctx.data.numeric(ctx.data.resolve(words[0]))[keep]
            lo, hi = float(np.nanmin(other)), float(np.nanmax(other))
        elif len(words) == 2:
            lo, hi = sorted((number(words[0], "range"), number(words[1], "range")))
        else:
            raise StataError("option range() requires two numbers", 198)
    n = int(number(_last(opts, "n"), "n")) if "n" in opts else 300
    if n < 1:
        raise StataError("option n() requires a positive integer", 198)
    area = positive(opts, "area") or 1.0
    at = np.linspace(lo, hi, n) if n > 1 else np.array([lo])
    density = smoothers.kernel_density(values, at, h, kernel_name(_last(opts, "kernel")), weights) * area
    px, py = (density, at) if _horizontal(plot) else (at, density)
    return [Series("line", px, py, label=f"kdensity {plot.ys[0]}", style=plot.styles[0],
                   **_look(plot, "line"))]


# ------------------------------------------------------------------ smooths and fits
def _lowess(ctx, plot, keep) -> list[Series]:
    opts = plot.options
    x, y, _ = _xy(ctx, plot, keep, plot.ys[0])
    if x.size < 3 or float(x.max() - x.min()) < 1e-30:
        return []
    bw = number(_last(opts, "bwidth"), "bwidth") if "bwidth" in opts else 0.8
    if not 0 < bw < 1:
        bw = 0.8
    smooth = smoothers.lowess(y, x, bw, mean=bool(opts.get("mean")), weighted=not opts.get("noweight"),
                              adjust=bool(opts.get("adjust")), logit=bool(opts.get("logit")))
    order = np.argsort(x, kind="stable")
    return [Series("line", x[order], smooth[order], label=f"lowess {plot.ys[0]} {plot.x}",
                   style=plot.styles[0], **_look(plot, "line"))]


def _fit(ctx, plot, keep) -> list[Series]:
    """lfit, qfit, lfitci, qfitci (``fits``)."""
    opts, kind = plot.options, plot.kind
    if not keep.any():
        return []
    x, y, _ = _xy(ctx, plot, keep, plot.ys[0])
    span = None
    if isinstance(_last(opts, "range"), str):
        bounds = _last(opts, "range").split()
        if len(bounds) != 2:
            raise StataError("option range() incorrectly specified", 198)
        span = tuple(np.nan if b == "." else number(b, "range") for b in bounds)
    with_ci = kind.endswith("ci")
    default_n = 100 if with_ci else 3
    if kind.startswith("q"):
        default_n = 100
    n = int(number(_last(opts, "n"), "n")) if "n" in opts else default_n
    at = fits.eval_points(x, n, span, bool(opts.get("atobs")))
    se = None
    if with_ci:
        se = "stdf" if opts.get("stdf") else "stdr" if opts.get("stdr") else "stdp"
    typed = {"level": _last(opts, "level")} if isinstance(_last(opts, "level"), str) else {}
    level = confidence_level(typed, 95.0)
    w = None
    if plot.weights is not None:
        w = np.asarray(plot.weights, float)[keep]
    frequency = plot.weight_kind == "fweight"
    if kind.startswith("l"):
        fit = fits.linear_fit(y, x, at, se, level, w=w, frequency=frequency)
    else:
        fit = fits.polynomial_fit(y, x, at, 2, se, level, w=w, frequency=frequency)
    out: list[Series] = []
    line_fields = _look(plot, "line")
    for name, key in (("clcolor", "color"),):
        if name in opts:
            line_fields[key] = ctx.color(_last(opts, name))
    if "clpattern" in opts:
        line_fields["pattern"] = _last(opts, "clpattern").strip()
    if "clwidth" in opts:
        from mlmcli.graphs.style import line_width

        line_fields["line_width"] = line_width(_last(opts, "clwidth"))
    if with_ci:
        fill = ctx.color(_last(opts, "fcolor") or _last(opts, "acolor") or _last(opts, "color"))
        if "fintensity" in opts:  # of the typed fill, or of the scheme's band colour
            from mlmcli.graphs.style import scheme

            base = fill or scheme(getattr(ctx, "scheme", None)).ci_area
            if base != "none":
                fill = intensity(base, popt.intensity_factor(_last(opts, "fintensity")))
        area_fields = {"color": fill} if fill else {}
        if "alcolor" in opts:
            area_fields["line_color"] = ctx.color(_last(opts, "alcolor"))
        if "alwidth" in opts:
            from mlmcli.graphs.style import line_width

            area_fields["line_width"] = line_width(_last(opts, "alwidth"))
            area_fields.setdefault("line_color", fill or NAMED_COLORS["gs10"])
        if "alpattern" in opts:
            area_fields["edge_pattern"] = _last(opts, "alpattern").strip()
            area_fields.setdefault("line_color", fill or NAMED_COLORS["gs10"])
        out += _ci_plot(str(_last(opts, "ciplot") or "rarea").strip().lower(), fit, level, area_fields)
        if opts.get("nofit"):
            return out
    fit_kind = {"line": "line", "connected": "connected", "scatter": "scatter"}[
        str(_last(opts, "fitplot") or "line").strip().lower()]
    out.append(Series(fit_kind, fit.x, fit.fit, label=FIT_LABELS[kind], style=plot.styles[0],
                      **line_fields))
    return out


def _ci_plot(kind: str, fit, level: float, fields: dict) -> list[Series]:
    """The band of lfitci/qfitci drawn as ``ciplot()`` says (default rarea), in the CI style."""
    label = f"{level:g}% CI"
    if kind == "rarea":
        return [Series("area", fit.x, fit.lower, fit.upper, label=label, style=0, **fields)]
    color = fields.get("line_color") or fields.get("color") or NAMED_COLORS["gs10"]
    if kind in ("rspike", "rcap"):
        return [Series(kind, fit.x, fit.lower, fit.upper, label=label, style=0, color=color)]
    each = {"rline": "line", "rscatter": "scatter", "rconnected": "connected"}[kind]
    return [Series(each, fit.x, bound, label=label, style=0, color=color) for bound in (fit.lower, fit.upper)]


def _lpoly(ctx, plot, keep) -> list[Series]:
    """``twoway lpoly y x, kernel() bwidth() degree() n()``: the local polynomial smooth at n
    (default 50) equally spaced points over the range of x."""
    opts = plot.options
    x, y, _ = _xy(ctx, plot, keep, plot.ys[0])
    if x.size < 2:
        return []
    degree = int(number(_last(opts, "degree"), "degree")) if "degree" in opts else 0
    if degree < 0:
        raise StataError("degree() must be a nonnegative number", 198)
    kernel = kernel_name(_last(opts, "kernel"))
    h = positive(opts, "bwidth") or smoothers.rot_bandwidth(y, x, degree, kernel)
    n = int(number(_last(opts, "n"), "n")) if "n" in opts else 50
    if n <= 0:
        raise StataError("n() must be a positive number", 198)
    n = min(n, ctx.data.nobs) if "n" not in opts else n
    at = np.linspace(float(x.min()), float(x.max()), max(n, 2))
    smooth = smoothers.local_polynomial(y, x, at, h, degree, kernel)
    ok = np.isfinite(smooth)
    return [Series("line", at[ok], smooth[ok], label="lpoly smooth", style=plot.styles[0],
                   **_look(plot, "line"))]


_BUILDERS = {
    "scatter": _points, "line": _points, "connected": _points,
    "area": _area, "bar": _bar, "spike": _spike, "dropline": _spike,
    "rarea": _range, "rbar": _range, "rspike": _range, "rcap": _range, "rcapsym": _range,
    "rscatter": _range, "rline": _range, "rconnected": _range,
    "function": _function, "histogram": _histogram, "kdensity": _kdensity,
    "lowess": _lowess, "lfit": _fit, "qfit": _fit, "lfitci": _fit, "qfitci": _fit, "lpoly": _lpoly,
}

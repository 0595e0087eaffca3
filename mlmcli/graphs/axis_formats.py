"""The display format an axis labels its ticks in when no ``format()`` is typed: the plotted
variable's own ([G-3] advanced_options ``xvarformat()``: "respecify x-variable format").

Stata 16's classes (opensafely-core/cohort-extractor bin/ado/base): ``twowaygraph_g`` gives each
new axis ``plotregion.dimformat`` as its ``label_format``; ``plotregion.dimformat`` "returns the
first encountered variable format" over the region's views in plot order; a view's
``dimformat`` is its serset's variable's format (x and y swapped for a horizontal view:
``bar_drop_to``).  So the first plot on an axis decides, and a serset column a plot *computes*
carries the format it was made with:

- ``lfit``/``qfit``/``lfitci``/``qfitci``: ``_gs_x_create`` renames x and
  makes a fresh grid with ``gen`` (not with ``atobs``: the data's x kept), and the fit is
  predicted -- both columns carry a new variable's format (None here: the plain labels);
- ``lowess``, ``fpfit``, ``fpfitci``: the fitted y is new, x is the plot's variable
  (``serset.new yhat x``; ``twoway__fpfit_serset`` predicts at the data's x);
- ``kdensity``, ``lpoly``, ``lpolyci``, ``function``, ``scatteri``, ``pci``: every column new;
- ``histogram``: the bar midpoints take the variable's format (``twoway__histogram_gen``:
  ``format `:format `v'' `midbin'``), the heights ``%6.4g`` (``twoway_histogram_parse``);
- the paired-coordinate plots: the view's y and x are the first pair (y1 x1).

Only the labels' text follows the format; tick positions are placed as before.
"""
from __future__ import annotations

# (x column, y column): "var" the plot's variable, None a computed column (plain labels),
# else that fixed format
_COMPUTED_COLUMNS = {
    "lfit": (None, None), "qfit": (None, None), "lfitci": (None, None), "qfitci": (None, None),
    "fpfit": ("var", None), "fpfitci": ("var", None), "lowess": ("var", None),
    "kdensity": (None, None), "lpoly": (None, None), "lpolyci": (None, None),
    "function": (None, None), "scatteri": (None, None), "pci": (None, None),
    "pcarrowi": (None, None), "histogram": ("var", "%6.4g"),
}
_FITS = ("lfit", "qfit", "lfitci", "qfitci")  # twoway__lfit_serset: _gs_x_create unless atobs
_PAIRED = ("pcspike", "pccapsym", "pcarrow", "pcbarrow", "pcscatter")


def plot_formats(data, plot) -> tuple[str | None, str | None]:
    """(x-axis format, y-axis format) one plot gives the axes it is drawn on; None: plain
    labels (a computed column)."""
    kind = plot.kind
    if getattr(plot.call, "immediate", None):
        return None, None
    names = list(plot.ys) + ([plot.x] if plot.x else [])
    if not names:
        return None, None
    if kind == "histogram":  # twoway histogram/kdensity's one variable is ys[0]
        x_name, y_name = names[0], None
    elif kind in _PAIRED and len(names) >= 2:  # y1 x1 y2 x2
        y_name, x_name = names[0], names[1]
    else:
        y_name, x_name = names[0], plot.x
    x_rule, y_rule = _COMPUTED_COLUMNS.get(kind, ("var", "var"))
    if kind in _FITS and plot.options.get("atobs"):  # atobs: the fit at the data's own x
        x_rule = "var"
    x_fmt = _column_format(data, x_rule, x_name)
    y_fmt = _column_format(data, y_rule, y_name)
    if plot.options.get("horizontal"):  # yxview.dimformat: a horizontal view swaps its dimensions
        # (series_parts.is_horizontal's test, not imported: it would close an import cycle)
        x_fmt, y_fmt = y_fmt, x_fmt
    return x_fmt, y_fmt


def _column_format(data, rule, name) -> str | None:
    if rule != "var":
        return rule
    if not name or "." in name or data.is_string(name):  # L.y ...: tsrevar's new variable
        return None
    return data.format_of(name)


def default_axis_formats(data, plots_data) -> dict[str, str | None]:
    """``{"xaxis": fmt, "yaxis": fmt, "yaxis2": fmt}``: the format of the first plot drawn on
    each axis (absent: no plot on it)."""
    out: dict[str, str | None] = {}
    for plot in plots_data:
        x_fmt, y_fmt = plot_formats(data, plot)
        if 1 in (plot.xaxes or (1,)):
            out.setdefault("xaxis", x_fmt)
        if plot.yaxes:  # yaxis(3 ...): axes beyond 1 and 2, not given a default here
            continue
        if plot.axis in (1, 3):  # 3: yaxis(1 2)
            out.setdefault("yaxis", y_fmt)
        if plot.axis in (2, 3):
            out.setdefault("yaxis2", y_fmt)
    return out


def with_variable_formats(fields: dict, defaults: dict[str, str | None]) -> dict:
    """The Graph's axes (``xaxis``, ``yaxis``, ``yaxis2`` of ``fields``) given the variable's
    format where neither ``xvarformat()`` nor the command set one (``format()`` typed in
    ``xlabel()`` still wins when drawn)."""
    from dataclasses import replace

    from mlmcli.graphs.axis_spec import Axis

    out = {}
    for key, fmt in defaults.items():
        axis = fields.get(key) or Axis()
        if fmt and axis.var_format is None:
            out[key] = replace(axis, var_format=fmt)
    return out


def whole_periods(fmt) -> bool:
    """A date format counting whole days, weeks, months, quarters, halves or years (not %tc):
    tickset_g.class places its default ticks with ``tsnatscale``, at whole periods, so a short
    span is not labelled with one date twice."""
    from mlmcli.render.old_date_format import date_unit

    return (date_unit(fmt) or "c") in "dwmqhy"

"""A plot of a ``twoway`` command once its variables, options and sample are resolved,
and the texts a variable contributes (axis titles, legend keys, by-group titles)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.graphs import plot_options as popt
from mlmcli.graphs.syntax import PlotCall, text_lines


def var_title(data: Dataset, name: str) -> str:
    """Axis/legend text for a variable: its label when set, else its name."""
    return data.var_labels.get(name) or name


def value_text(data: Dataset, name: str, value: float) -> str:
    """A by-group's panel title: the value label, else the value as Stata shows it."""
    label = data.value_label_text(name, value)
    if label is None and float(value).is_integer():
        label = data.value_label_text(name, int(value))
    if label is not None:
        return label
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.9g}".lstrip("0") if 0 < value < 1 else f"{value:.9g}"



def _by_values(data: Dataset, name: str) -> tuple[np.ndarray, list[str] | None]:
    """A by() variable as numbers; a string variable as codes of its sorted
    distinct values (returned too; "" is missing)."""
    if data.is_string(name):
        col = data.column(name).fillna("").astype(str).to_numpy()
        names = sorted(set(col) - {""})
        codes = {v: float(i) for i, v in enumerate(names)}
        return np.array([codes.get(v, np.nan) for v in col], dtype=float), names
    return data.numeric(name), None


def by_groups(data: Dataset, by_vars: list[str], rows: np.ndarray, missing: bool = False
              ) -> list[tuple[str, np.ndarray]]:
    """The ``by()`` groups among ``rows``, in Stata's order: (panel title, rows of the group).
    Without ``missing``, rows with a missing by-value are left out."""
    coded = [_by_values(data, v) for v in by_vars]
    keys = np.column_stack([codes for codes, _ in coded])
    in_any = rows.copy()
    if not missing:
        in_any &= ~np.isnan(keys).any(axis=1)
    groups = sorted({tuple(row) for row in keys[in_any]},
                    key=lambda t: tuple(np.inf if np.isnan(v) else v for v in t))
    out = []
    for group in groups:
        target = np.array(group)
        members = in_any & np.all((keys == target) | (np.isnan(keys) & np.isnan(target)), axis=1)
        # a value label of quoted strings is that many lines (as an axis label's, text_lines)
        title = ", ".join("." if np.isnan(v) else names[int(v)] if names is not None
                          else text_lines(value_text(data, name, v))
                          for name, v, (_, names) in zip(by_vars, group, coded))
        out.append((title, members))
    return out


@dataclass
class PlotData:
    """A plot's variables, options and sample, resolved.

    ``ys``/``x``: variable names (``x`` is None for ``function``, ``histogram`` and
    ``kdensity``, whose one variable is ``ys[0]``); ``styles``: the plot-style
    number of each y; ``look``: the look options; ``axis``: 1 or 2 (``yaxis()``), 3 for
    ``yaxis(1 2)``; ``yaxes``/``xaxes``: other ``yaxis()``/``xaxis()`` lists (``Series``' fields).
    """

    call: PlotCall
    kind: str
    ys: list[str]
    x: str | None
    options: dict
    mask: np.ndarray
    styles: list[int]
    look: popt.Look = field(default_factory=popt.Look)
    looks: list = field(default_factory=list)  # each y's look (style lists: mcolor(red blue))
    y_options: list = field(default_factory=list)  # each y's options (style_lists.split_lists)
    axis: int = 1
    yaxes: tuple = ()
    xaxes: tuple = ()
    weights: np.ndarray | None = None  # the plot's [weight] (histogram, kdensity, scatter, fits)
    weight_kind: str | None = None  # fweight, aweight or pweight
    typed_style: bool = False  # pstyle()/lstyle() ... typed: pcycle() leaves its styles alone
    recast: str | None = None  # recast() of a computed plot (kdensity, lfit ...): drawn as this type

    def last(self, name: str):
        values = self.options.get(name)
        return values[-1] if values else None

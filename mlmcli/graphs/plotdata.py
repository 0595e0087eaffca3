"""A plot of a ``twoway`` command once its variables, options and sample are resolved,
and the texts a variable contributes (axis titles, legend keys, by-group titles)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.graphs import plot_options as popt
from mlmcli.graphs.syntax import PlotCall


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



@dataclass
class PlotData:
    """A plot's variables, options and sample, resolved.

    ``ys``/``x``: variable names (``x`` is None for ``function``, ``histogram`` and
    ``kdensity``, whose one variable is ``ys[0]``); ``styles``: the plot-style
    number of each y; ``look``: the look options; ``axis``: 1 or 2 (``yaxis()``).
    """

    call: PlotCall
    kind: str
    ys: list[str]
    x: str | None
    options: dict
    mask: np.ndarray
    styles: list[int]
    look: popt.Look = field(default_factory=popt.Look)
    axis: int = 1

    def last(self, name: str):
        values = self.options.get(name)
        return values[-1] if values else None

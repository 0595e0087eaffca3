"""``twoway fpfit``/``fpfitci`` when fracpoly's search finds no model better than the one
without x (``fractional_polynomials.NoFractionalPolynomial``: every candidate failed, or x has
one distinct value): frac_154 hands fracgen no powers, fracgen stops ("powers required",
r(198)), and twoway__fpfit_serset's capture turns that into its note and a line of missing
values at the sample's distinct x."""
from __future__ import annotations

import numpy as np

from mlmcli.fractional_polynomials import NoFractionalPolynomial
from mlmcli.graphs.fpfit_prediction import failed_plot
from mlmcli.graphs.series_parts import last_option
from mlmcli.graphs.spec import Series


def fpfit_or_note(ctx, plot, keep) -> list[Series]:
    """``graphs.fpfit_plot.fpfit``, its search finding no powers drawn as Stata's note."""
    from mlmcli.graphs import fpfit_plot

    try:
        return fpfit_plot.fpfit(ctx, plot, keep)
    except NoFractionalPolynomial:
        return _note_and_missing_line(ctx, plot, keep)


def _note_and_missing_line(ctx, plot, keep) -> list[Series]:
    from mlmcli.syntax.options import confidence_level

    x, y = ctx.data.numeric(plot.x), ctx.data.numeric(plot.ys[0])
    sample = keep & np.isfinite(x) & np.isfinite(y)
    if plot.weights is not None:
        w = np.asarray(plot.weights, float)
        sample &= np.isfinite(w) & (w != 0)
    at = np.unique(x[sample])
    typed = last_option(plot.options, "level")
    level = confidence_level({"level": typed} if isinstance(typed, str) else {}, 95.0)
    return failed_plot(ctx, plot, at, level, plot.kind == "fpfitci")

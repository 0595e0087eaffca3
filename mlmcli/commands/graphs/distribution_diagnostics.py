"""``symplot``, ``quantile``, ``qqplot``, ``qchi`` and ``pchi`` ([R] diagnostic plots): the
points Stata's ado-files (symplot 2.3.3, quantile 2.3.3, qqplot 3.3.4, qchi/pchi 1.2.5)
compute, drawn with qnorm's markers and reference line (``quantile_plots.quantile_graph``),
so ``rlopts()``, ``addplot()``, marker and twoway options act as they do on qnorm.

The ado-files keep their plotted values in float variables: the points are rounded to single
precision as Stata's are.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.graphs.quantile_plots import UNIT_TICKS, as_float32, quantile_graph
from mlmcli.commands.graphs.ready_series import (
    display_text, numeric_variables, refuse_by_prefix, sample_rows, take_options, var_title_of)
from mlmcli.errors import StataError
from mlmcli.graphs.axis_spec import Axis
from mlmcli.syntax.options import OptionSpec

PLOT_SPECS = [OptionSpec(*row) for row in (
    ("rlopts", 4, True), ("plot", None, True), ("addplot", None, True),
)]
CHI_SPECS = PLOT_SPECS + [OptionSpec("df", 2, takes_arg=True), OptionSpec("grid", 1)]
# symplot, quantile, qqplot: no nogrid (s2color's y grid); their columns are new variables (gen),
# labelled in plain numbers whatever an addplot() plot's format (graphs/axis_formats.py)
SCHEME_AXES = {"xaxis": Axis(var_format=""), "yaxis": Axis(var_format="")}
CHI2 = "\u03c7\u00b2"  # Stata's {&chi}{superscript:2}, as its graph shows it


def _start(session, cmd: Command, name: str, count: int, specs=PLOT_SPECS):
    """(variables, own options, the other options) after the checks every one makes."""
    refuse_by_prefix(cmd, name)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    names = numeric_variables(session, cmd, count)
    opts, rest = take_options(cmd.options, specs)
    return names, opts, rest


def _sample(session, cmd: Command, var: str) -> np.ndarray:
    """The variable's values in the if/in sample, not missing, as float, sorted."""
    rows = sample_rows(session, cmd, [var])
    return np.sort(as_float32(session.data.numeric(var)[rows]))


def symmetry_points(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """symplot: (median - x_(i), x_(N+1-i) - median) for i = 1 .. int((N+1)/2), x sorted
    (the ado's BELOW and ABOVE, float)."""
    n = x.size
    median = float(np.median(x))
    half = (n + 1) // 2
    below = median - x[:half]
    above = x[::-1][:half] - median
    return as_float32(below), as_float32(above)


def cmd_symplot(session, cmd: Command) -> None:
    """``symplot varname [if] [in] [, rlopts() addplot() ...]``: the distance above the median
    of the i-th largest value against the distance below it of the i-th smallest."""
    (var,), opts, rest = _start(session, cmd, "symplot", 1)
    rows = sample_rows(session, cmd, [var])
    x = np.sort(session.data.numeric(var)[rows])  # the ado's VAR is a double
    below, above = symmetry_points(x)
    title = var_title_of(session, var)
    defaults = {"title": title, "ytitle": "Distance above median", "xtitle": "Distance below median", **SCHEME_AXES}
    quantile_graph(session, cmd, below, above, rest, opts, defaults, var, key="Distance above median")


def quantile_points(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """quantile: (fractions (i - .5)/N, sorted values, the reference line x_(1) + i (x_(N) -
    x_(1))/N), as floats."""
    n = x.size
    i = np.arange(1, n + 1)
    frac = as_float32((i - 0.5) / n)
    line = as_float32(x[0] + i * ((x[-1] - x[0]) / n))
    return frac, x, line


def cmd_quantile(session, cmd: Command) -> None:
    """``quantile varname [if] [in] [, rlopts() addplot() ...]``: the ordered values against
    the fractions (i - .5)/N of a uniform distribution, with the line from the first to the
    last value across the data (the ado's ``line LINE FRAC``)."""
    (var,), opts, rest = _start(session, cmd, "quantile", 1)
    x = _sample(session, cmd, var)
    frac, values, line = quantile_points(x)
    ytitle = "Quantiles of " + var_title_of(session, var)
    defaults = {"ytitle": ytitle, "xtitle": "Fraction of the data", "xticks": UNIT_TICKS, **SCHEME_AXES}
    quantile_graph(session, cmd, frac, values, rest, opts, defaults, var, reference=(frac, line), key=ytitle)


def matched_quantiles(y: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """qqplot: the sorted values of y and x, the longer one interpolated to the shorter one's
    count as the ado's QQp2 does: value k of n from m sorted values is (1 - f) v[j] + f v[j+1],
    j = int((k - .5) m/n + .5), f = .5 + (k - .5) m/n - j (f a float)."""
    y, x = np.sort(y), np.sort(x)

    def shrink(v: np.ndarray, n: int) -> np.ndarray:
        m = v.size
        at = (np.arange(1, n + 1) - 0.5) * m / n
        j = np.floor(at + 0.5).astype(int)
        f = as_float32(0.5 + at - j)
        upper = v[np.minimum(j, m - 1)]  # j + 1 <= m always: m > n
        return as_float32((1 - f) * v[j - 1] + f * upper)

    if y.size > x.size:
        y = shrink(y, x.size)
    elif x.size > y.size:
        x = shrink(x, y.size)
    return y, x


def cmd_qqplot(session, cmd: Command) -> None:
    """``qqplot var1 var2 [if] [in] [, rlopts() addplot() ...]``: the quantiles of var1 against
    those of var2, each variable's own non-missing values in the if/in sample (the ado does not
    mark out the pair), with the line y = x over var2's quantiles."""
    (yvar, xvar), opts, rest = _start(session, cmd, "qqplot", 2)
    rows = sample_rows(session, cmd, [])
    ys, xs = (as_float32(session.data.numeric(v)[rows]) for v in (yvar, xvar))
    ys, xs = ys[~np.isnan(ys)], xs[~np.isnan(xs)]
    if ys.size == 0 or xs.size == 0:
        raise StataError("no observations", 2000)
    ys, xs = matched_quantiles(ys, xs)
    ytitle = var_title_of(session, yvar)
    defaults = {"title": "Quantile-Quantile Plot", "ytitle": ytitle, "xtitle": var_title_of(session, xvar),
                **SCHEME_AXES}
    quantile_graph(session, cmd, xs, ys, rest, opts, defaults, yvar, key=ytitle)


def _df_of(opts: dict) -> float:
    text = opts.get("df")
    if text is None:
        return 1.0
    try:
        df = float(str(text).strip())
    except ValueError:
        raise StataError("option df() incorrectly specified", 198) from None
    if not df > 0:
        raise StataError("df() must be greater than zero", 499)
    return df


def chi2_quantiles(x: np.ndarray, df: float) -> np.ndarray:
    """qchi: 2 invgammap(df/2, i/(N+1)), the expected chi2(df) quantiles (float)."""
    from scipy.special import gammaincinv

    p = np.arange(1, x.size + 1) / (x.size + 1)
    return as_float32(2 * gammaincinv(df / 2, p))


def cmd_qchi(session, cmd: Command) -> None:
    """``qchi varname [if] [in] [, df(#) grid rlopts() addplot() ...]``: the sorted values
    against the chi-squared(df) quantiles, with the line y = x."""
    from scipy.special import gammaincinv

    from mlmcli.summary_statistics import stata_percentile

    (var,), opts, rest = _start(session, cmd, "qchi", 1, CHI_SPECS)
    rows = sample_rows(session, cmd, [var])
    df = _df_of(opts)
    x = np.sort(session.data.numeric(var)[rows])
    expected = chi2_quantiles(x, df)
    defaults = {"ytitle": var_title_of(session, var), "xtitle": f"Expected {CHI2} d.f. = {display_text(df)}",
                # the ado's scatter var echi: y in var's format, the expected quantiles new (plain)
                "xaxis": Axis(grid=False, var_format=""),
                "yaxis": Axis(grid=False, var_format=session.data.format_of(var))}
    if opts.get("grid"):
        qs = (.05, .10, .25, .50, .75, .90, .95)
        defaults.update(note="Grid lines are 5, 10, 25, 50, 75, 90, and 95 percentiles",
                        xlines=tuple(float(2 * gammaincinv(df / 2, q)) for q in qs),
                        ylines=tuple(stata_percentile(x, 100 * q) for q in qs))
    quantile_graph(session, cmd, expected, x, rest, opts, defaults, var)


def cmd_pchi(session, cmd: Command) -> None:
    """``pchi varname [if] [in] [, df(#) grid rlopts() addplot() ...]``: the chi-squared(df)
    probability of each sorted value against i/(N+1), with the line y = x."""
    from scipy.stats import chi2

    (var,), opts, rest = _start(session, cmd, "pchi", 1, CHI_SPECS)
    rows = sample_rows(session, cmd, [var])
    df = _df_of(opts)
    x = np.sort(session.data.numeric(var)[rows])
    p = as_float32(np.arange(1, x.size + 1) / (x.size + 1))
    prob = as_float32(chi2.cdf(x, df))
    ytitle = f"{CHI2}({var}) d.f. = {display_text(df)}"
    two_places = Axis(grid=False, var_format="%9.2f")  # the ado's `format chip p %9.2f`: labels 0.00 .. 1.00
    defaults = {"ytitle": ytitle, "xtitle": "Empirical P[i] = i/(N+1)", "xticks": UNIT_TICKS, "yticks": UNIT_TICKS,
                "xaxis": two_places, "yaxis": two_places}
    if opts.get("grid"):  # the ado's ylabel(0(.25)1, nogrid grid): lines at the inner labels
        defaults.update(xlines=(0.25, 0.5, 0.75), ylines=(0.25, 0.5, 0.75))
    quantile_graph(session, cmd, p, prob, rest, opts, defaults, var, key=ytitle)

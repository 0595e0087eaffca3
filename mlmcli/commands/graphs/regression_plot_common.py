"""What the regression diagnostic plots (``rvfplot``, ``rvpplot``, ``lvr2plot``, ``avplot``,
``avplots``, ``cprplot``, ``acprplot``) share: the checks of _isfit.ado (the fit they read),
the fit's pieces on e(sample), and the twoway graph each ado-file draws, built on the data in
memory with the plot's computed variables beside it (so every scatter and twoway option --
``mlabel(make)``, ``yline()``, ``name()`` -- acts as on any twoway graph).

_get_gropts (the options' split): ``plot()``/``addplot()`` are added plots, ``by()`` is
``option by() not allowed`` r(191); everything else goes to the first (scatter) plot.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.ast import Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

PLOT_SPECS = [OptionSpec("plot", None, True), OptionSpec("addplot", None, True)]


@dataclass(frozen=True)
class FitParts:
    """The active regress (or anova) fit on its estimation sample (rows ``sample`` of the data)."""

    e: object
    sample: np.ndarray      # bool over the data's rows
    y: np.ndarray           # on the sample
    X: np.ndarray           # the estimable columns on the sample (the constant last)
    names: tuple            # their coefficient names
    residual: np.ndarray
    fitted: np.ndarray
    weight: np.ndarray | None  # the weights as typed, on the sample
    kind: str | None
    robust: bool            # e(vcetype) "Robust" (vce(robust) or vce(cluster))
    cluster: np.ndarray | None

    def column(self, name: str) -> int | None:
        return self.names.index(name) if name in self.names else None

    def others(self, j: int | None) -> np.ndarray:
        """The regressors without column j and without the constant."""
        keep = [k for k, n in enumerate(self.names) if n != "_cons" and k != j]
        return self.X[:, keep]


def check_fit(session):
    """_isfit.ado ``cons anovaok``: after regress (or anova -- Stata 11's anova, e(version) 2,
    which avplot's ``newanovaok`` takes too); with a constant."""
    e = session.e
    if e is None or e.cmd not in ("regress", "anova"):
        raise StataError("last estimates not found", 301)
    labels = [lab for lab in e.model.coef_labels if not (lab.base or lab.omitted)]
    if not any(lab.name == "_cons" for lab in labels):
        raise StataError(f"not appropriate after {e.cmd}, nocons", 301)
    return e


def fit_parts(session) -> FitParts:
    from mlmcli.estimation.rows import PredictionRows, sample_in_current_order

    e = check_fit(session)
    sample = sample_in_current_order(session, e)
    if sample is None:
        raise StataError("e(sample) cannot be placed on the data in memory", 459)
    sample = np.asarray(sample, bool)
    rows = PredictionRows(session, e)
    X = rows.fixed_design()[sample]
    y = rows.depvar()[sample]
    fitted = X @ np.asarray(e.model.b, float)
    names = tuple(lab.name for lab in e.model.coef_labels if not (lab.base or lab.omitted))
    kind = e.macros.get("wtype") or None
    weight = None
    if kind:
        from mlmcli.commands.estimation.common import evaluate_weight

        weight = np.asarray(evaluate_weight(session, e.macros["wexp"].lstrip("= ").strip()), float)[sample]
    clustvar = e.macros.get("clustvar")
    cluster = None
    if clustvar and clustvar in session.data.df:  # a string cluster variable (regress allows one): its codes
        import pandas as pd

        data = session.data
        cluster = (pd.factorize(data.df[clustvar].to_numpy(dtype=object)[sample])[0].astype(float)
                   if data.is_string(clustvar) else data.numeric(clustvar)[sample])
    return FitParts(e, sample, y, X, names, y - fitted, fitted, weight, kind,
                    e.macros.get("vcetype") == "Robust", cluster)


def leverage(parts: FitParts) -> np.ndarray:
    """predict's hat (Stata's x (X'WX)^-1 x' with the weights as regress uses them)."""
    from mlmcli.ols import regress_weights
    from mlmcli.postest.regression_diagnostics import weighted_leverage

    w = None if parts.kind is None else regress_weights(parts.weight, parts.kind, len(parts.y))[0]
    return weighted_leverage(parts.X, parts.X, w)


def on_data(session, parts: FitParts, values: np.ndarray) -> np.ndarray:
    """Sample values placed on every row of the data (missing outside e(sample))."""
    out = np.full(session.data.nobs, np.nan)
    out[parts.sample] = values
    return out


def split_options(cmd_options, specs=()) -> tuple[dict, list[Option]]:
    """(the command's own options resolved, the rest for the graph); by() refused as
    _get_gropts does."""
    from mlmcli.commands.graphs.ready_series import take_options

    for opt in cmd_options:
        if opt.name == "by":
            raise StataError("option by() not allowed", 191)
    return take_options(cmd_options, PLOT_SPECS + list(specs))


def refuse_prefix(cmd, name: str) -> None:
    if any(p.name == "by" for p in cmd.prefixes):
        raise StataError(f"{name} may not be combined with by", 190)


def refuse_if_in(cmd, varlist: bool = False) -> None:
    """``syntax [, ...]`` with no ``if``/``in`` (and, with ``varlist``, no varlist either): the
    first one typed is ``varlist not allowed``, ``if not allowed`` or ``in range not allowed``
    r(101)."""
    if varlist and cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    if cmd.if_exp or cmd.in_range:
        raise StataError("if not allowed" if cmd.if_exp else "in range not allowed", 101)


def build_graph(session, cmd, columns: list, plots: list, opts: dict, order: np.ndarray | None = None):
    """(Graph, the builder's graph options): the twoway graph of ``plots`` -- (kind, varlist,
    options) with the names of ``columns`` ((name, values over the data's rows, variable
    label)) among the variables -- followed by ``plot()``/``addplot()``, drawn on a copy of the
    data holding the columns (rows in ``order``: the ado-file's ``sort``)."""
    from mlmcli.commands.graphs.ready_series import addplots, session_with_columns
    from mlmcli.commands.graphs.twoway import new_builder
    from mlmcli.graphs.syntax import PlotCall, TwowayCall

    scratch = session_with_columns(session, columns, order)
    graph_options: list[Option] = []
    calls = [PlotCall(kind, varlist, None, None, tuple(options)) for kind, varlist, options in plots]
    calls += addplots(opts, graph_options)
    builder = new_builder(scratch)
    graph = builder.build(TwowayCall(tuple(calls), None, None, tuple(graph_options)), cmd.text)
    for message in builder.messages:
        session.print(message)
    for note in builder.notes:
        session.print(note)
    return graph, builder.graph_options


def free_names(session, stems: list[str]) -> list[str]:
    """Names for the computed variables that no variable has (the ado-files' tempvars)."""
    taken = set(session.data.df.columns)
    names = []
    for stem in stems:
        name, k = f"__{stem}", 0
        while name in taken:
            k += 1
            name = f"__{stem}{k}"
        taken.add(name)
        names.append(name)
    return names


def draw(session, cmd, columns: list, plots: list, opts: dict, order=None) -> None:
    """Build the graph and make it the current one (``name()``, ``saving()``)."""
    from mlmcli.commands.graphs.current import finish

    graph, options = build_graph(session, cmd, columns, plots, opts, order)
    finish(session, graph, options)


def quoted(text: str) -> str:
    return '`"' + text + "\"'"


def typed_variable(session, cmd, name: str) -> str:
    """The one variable name typed (``syntax varname``): r(100) without one, r(103) with more."""
    from mlmcli.syntax.varlist import counted_varlist

    names = counted_varlist(session.data, cmd.args, 1, 1)
    session.data.numeric(names[0])
    return names[0]

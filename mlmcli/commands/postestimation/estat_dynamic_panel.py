"""After xtabond and xtdpdsys: ``estat abond [, artests(#)]``, ``estat sargan`` (xtdpd_estat.ado)
and ``predict`` (xtdpd_p.ado).

    predict [type] newvar [if] [in] [, xb | e | stdp  difference]

xb (the default) and stdp from e(b) and e(V) on any row whose regressors exist; e = depvar - xb;
``difference``: D. of xb or e (stdp is refused with it).  ``estat abond, artests(#)`` beyond
the orders computed at estimation computes the others from the fit (xtdpd_estat refits).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


@dataclass
class DpdPredictions:
    """The model and fit behind the e() of xtabond/xtdpdsys (more AR tests on request)."""

    model: object
    fit: object

    def margins_prediction(self, options: str):
        """margins' hook: xb only (xtdpd's e(marginsok) XB default); e and stdp r(498)."""
        from mlmcli.commands.postestimation.margins_xb_only import xb_margins_prediction

        return xb_margins_prediction(options, ("e", "stdp"))


def _require(session):
    e = session.e
    if e is None or e.cmd not in ("xtabond", "xtdpdsys"):
        raise StataError("xtdpd_estat only valid after xtdpd, xtabond, or xtdpdsys", 301)
    return e


def _dropped(e) -> bool:
    V = e.matrices["V"].values
    return bool(np.any(np.diag(V) == 0))


def estat_abond(session, cmd) -> None:
    from mlmcli.render.dynamic_panel import render_ar_tests
    from mlmcli.results.dynamic_panel import ArTestsResult

    e = _require(session)
    opts = resolve_options(cmd.options, [OptionSpec("artests", 3, takes_arg=True)])
    m = e.macros
    if m.get("system") and not m.get("twostep") and m.get("vce") != "robust":
        raise StataError("artests not computed for one-step system estimator with vce(gmm)", 198)
    computed = int(e.scalars.get("artests", 0))
    wanted = computed
    if opts.get("artests") is not None:
        try:
            wanted = int(str(opts["artests"]).strip())
        except ValueError:
            raise StataError("option artests() incorrectly specified", 198) from None
        if wanted < 1:
            raise StataError("artests() invalid -- invalid numlist has elements outside of allowed range", 125)
    values = [e.scalars[f"arm{j}"] for j in range(1, min(wanted, computed) + 1)]
    if wanted > computed:
        values = list(_more_ar_tests(e, wanted))
    from mlmcli.distributions import norm

    rows = tuple((j, float(z), float(2 * norm.sf(abs(z))) if z == z else float("nan"))
                 for j, z in enumerate(values, start=1))
    session.print(render_ar_tests(ArTestsResult(rows, _dropped(e))))
    from mlmcli.results.matrix import Matrix

    if rows:
        table = np.array([[j, z, p] for j, z, p in rows])
        session.set_r({"arm": Matrix(table, tuple(str(j) for j, _, _ in rows), ("order", "arstat", "p-values"))})


def _more_ar_tests(e, wanted: int):
    from mlmcli.panel.dynamic_gmm import fit_dpd

    model = e.model.model
    g_max = int(e.scalars["g_max"])
    if wanted > g_max:
        raise StataError("artests() cannot exceed the number of time periods", 498)
    fit = fit_dpd(model.problem, twostep=model.twostep, robust=model.robust, artests=wanted)
    return fit.arm


def estat_sargan(session, cmd) -> None:
    from mlmcli.distributions import chi2
    from mlmcli.render.dynamic_panel import render_sargan
    from mlmcli.results.dynamic_panel import SarganResult

    e = _require(session)
    resolve_options(cmd.options, [])
    dropped = _dropped(e)
    k = e.matrices["b"].values.shape[1] - int(np.sum(np.diag(e.matrices["V"].values) == 0))
    df = int(e.scalars["zrank"]) - k
    value = e.scalars.get("sargan", float("nan"))
    p = float(chi2.sf(value, df)) if value == value else float("nan")
    session.print(render_sargan(SarganResult(df, value, p, e.macros.get("vce") == "robust", dropped)))
    session.set_r({})  # xtdpd_estat is r-class and SARgan returns nothing


def coefficient_columns(ds, e) -> np.ndarray:
    """The columns of e(b)'s names on every row (``L.n`` through the time-series operators,
    _cons a column of ones, an omitted ``o.x`` zeros -- its b is 0 and a missing x does not make
    x b missing): _predict's x."""
    return np.column_stack([np.ones(ds.nobs) if n == "_cons" else np.zeros(ds.nobs) if n.startswith("o.")
                            else ds.numeric(n) for n in e.matrices["b"].colnames])


def predict_xtdpd(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
    from mlmcli.time_series_ops import apply_operator

    opts = resolve_options(cmd.options, [OptionSpec("difference", 2), OptionSpec("level", 1),
                                         OptionSpec("xb", 2), OptionSpec("e", 1), OptionSpec("stdp", 4)])
    spec = [s for s in ("xb", "e", "stdp") if opts.get(s)]
    if len(spec) == 3:
        raise StataError("specify only one of the options xb, e, or stdp", 198)
    if len(spec) == 2:
        raise StataError(f"specify {spec[0]} or {spec[1]}, not both", 198)
    if opts.get("difference") and opts.get("level"):
        raise StataError("specify difference or level, not both", 198)
    if opts.get("difference") and spec == ["stdp"]:
        raise StataError("stdp not allowed with difference", 198)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    if not spec:
        session.print("(option xb assumed; fitted values)")
    stat = spec[0] if spec else "xb"
    ds = session.data
    X = coefficient_columns(ds, e)
    xb = X @ e.matrices["b"].values.ravel()
    if stat == "stdp":
        V = e.matrices["V"].values
        values = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, V, X), 0))
        label = "S.E. of the prediction"
    elif stat == "e":
        values = ds.numeric(e.macros["depvar"]) - xb
        label = "Residuals"
    else:
        values = xb
        label = "Fitted values"
    if opts.get("difference"):
        from mlmcli.panel.time_settings import time_structure

        values = apply_operator("D", values, *time_structure(ds))
        label = "First-differenced linear prediction" if stat == "xb" else "First-differenced residuals"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)

"""Vector autoregressive models ([TS] var; var.ado 1.10.1 and _qsur.ado 1.1.2 of the Stata 16 tree):

    var depvarlist [if] [in] [, lags(numlist) exog(varlist) noconstant dfk small lutstats nobigf
        level(#) nocnsreport display_options]

The data must be tsset (one panel).  depvarlist and exog() take time-series operators.  The fit
is ``time_series.var_model``; the layout ``render.var_model``.  Refused by name: constraints()
(var's constrained SURE, with noisure/iterate()/tolerance()/log, which var.ado allows only with
constraints()).  A collinear regressor set is refused (var.ado's _rmcoll would drop the variable).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"var": "var depvarlist [if] [in] [, lags(numlist) exog(varlist) noconstant dfk small lutstats] : "
               "vector autoregressive models"}
_REPORT = [OptionSpec("level", 1, takes_arg=True), OptionSpec("nocnsreport", 7), *display_option_specs()]
_OPTIONS = [*_REPORT, OptionSpec("lags", 2, takes_arg=True), OptionSpec("exog", 2, takes_arg=True),
            OptionSpec("constraints", 5, takes_arg=True), OptionSpec("noconstant", 6), OptionSpec("dfk", 3),
            OptionSpec("lutstats", 3), OptionSpec("nobigf", 5), OptionSpec("small", 2), OptionSpec("noisure", 5),
            OptionSpec("iterate", 2, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
            OptionSpec("nolog", 4), OptionSpec("log", 3)]


@dataclass(frozen=True)
class VarData:
    endog: list  # Stata's names (D.y, y)
    exog: list
    lags: tuple
    Y: np.ndarray  # T x K
    X: np.ndarray  # T x m
    regressors: list  # coefficient names in one equation
    sample: np.ndarray
    tmin: float
    tmax: float
    gaps: int
    tvar: str


@dataclass(frozen=True)
class VarModel:
    """What var's postestimation commands refit or test: the data, one equation's regressor
    names, the residuals (T x K) and m, the regressors per equation."""

    data: VarData
    names: tuple
    constant: bool
    resid: np.ndarray
    m: int
    margins_design: object = None  # the regressors' design on e(sample) (also e.design)

    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.margins_var import var_margins_prediction

        return var_margins_prediction(self, options)


def cmd_var(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        opts = resolve_options(cmd.options, _REPORT)
        e = replay_results(session, ("var",))
        return display(session, e, opts)
    opts = resolve_options(cmd.options, _OPTIONS)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    if opts.get("constraints") is not None:
        raise StataError("option constraints() of var is not implemented in mlmcli", 198)
    # var.ado: the SURE options need constraints()
    if opts.get("noisure"):
        raise StataError("noisure cannot be specified without constraints()", 198)
    if opts.get("nolog") or opts.get("log"):
        raise StataError("log and nolog cannot be specified without constraints()", 198)
    for name in ("tolerance", "iterate"):
        if opts.get(name) is not None:
            raise StataError(f"{name}() cannot be specified without constraints()", 198)
    e = fit(session, cmd, cmd.args, opts)
    session.e = e
    display(session, e, opts)


def parse_lags(text) -> tuple[int, ...]:
    """lags(numlist min=1 sort integer >=1)."""
    from mlmcli.syntax.numlist import numlist

    values = numlist(str(text), invalid=lambda: StataError("lags() invalid -- invalid numlist", 121))
    if not values:
        raise StataError("lags() invalid -- invalid numlist has too few elements", 122)
    if any(v != int(v) for v in values):
        raise StataError("lags() invalid -- invalid numlist has noninteger elements", 126)
    if any(v < 1 for v in values):
        raise StataError("lags() invalid -- invalid numlist has elements outside of allowed range", 125)
    return tuple(sorted(dict.fromkeys(int(v) for v in values)))


def lag_name(name: str, lag: int) -> str:
    """L<lag> applied to ``name`` in Stata's spelling: y -> L2.y, D.y -> L2D.y."""
    from mlmcli.time_series_ops import canonical_operator

    head, _, var = name.rpartition(".")
    return f"{canonical_operator('L' + str(lag) + head)}.{var}"


def resolved_names(ds, words: str) -> list[str]:
    """A ts varlist's names, abbreviations resolved and operators in Stata's spelling."""
    from mlmcli.time_series_ops import canonical_operator, expand_ts_varlist

    out = []
    for name in expand_ts_varlist(ds, words):
        head, dot, var = name.rpartition(".")
        full = ds.resolve(var)
        op = canonical_operator(head) if dot else ""
        out.append(f"{op}.{full}" if op else full)
    return out


def var_data(session, cmd, args: str, lags: tuple, exog_text: str | None, restrict=None) -> VarData:
    """The sample and the series of a VAR; ``restrict``: a row mask the sample must lie in
    (varsoc after var: e(sample))."""
    from mlmcli.commands.statistics.correlogram import operated_values
    from mlmcli.commands.statistics.unit_root_tests import check_time_series
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.sample import mark_sample

    ds = session.data
    tvar = check_time_series(session, cmd)
    endog = resolved_names(ds, args)
    if not endog:
        raise StataError("varlist required", 100)
    if len(set(endog)) < len(endog):
        raise StataError("the dependent variables may not be repeated", 198)  # decided: _rmcoll's effect
    exog = resolved_names(ds, exog_text) if exog_text else []
    panel, time, delta = time_structure(ds)
    known = time[~np.isnan(time)]
    if lags and (known.size == 0 or max(lags) * delta > known.max() - known.min()):
        # the longest lag is missing on every row: the sample below would be empty (and
        # lags(1/1000000) would build a million columns first)
        raise StataError(f"cannot fit a model with {max(lags)} lags on the current sample", 498)
    regressors = [lag_name(y, lag) for y in endog for lag in lags] + exog
    columns = {n: operated_values(ds, n, panel, time, delta) for n in dict.fromkeys(endog + regressors)}
    base = list(dict.fromkeys(n.rpartition(".")[2] for n in columns))
    use = np.asarray(mark_sample(session, cmd, base), bool) & ~np.isnan(time)
    if restrict is not None:
        use &= np.asarray(restrict, bool)
    for v in columns.values():
        use &= ~np.isnan(v)
    n = int(use.sum())
    if n <= 2:
        raise StataError(f"cannot fit a model with {max(lags) if lags else 0} lags on the current sample", 498)
    t = time[use]
    order = np.argsort(t, kind="stable")
    steps = np.rint((t[order] - t.min()) / delta).astype(int)
    gaps = int(np.count_nonzero(np.diff(steps) > 1))
    rows = np.flatnonzero(use)[order]
    Y = np.column_stack([columns[y][rows] for y in endog])
    X = np.column_stack([columns[r][rows] for r in regressors]) if regressors else np.zeros((n, 0))
    if exog:  # var.ado: _rmcoll of L(0 lags).(depvars) exog must keep every variable
        base_cols = np.column_stack([Y, X[:, :X.shape[1] - len(exog)], np.ones(n)])
        if np.linalg.matrix_rank(base_cols) + len(exog) > np.linalg.matrix_rank(np.column_stack([base_cols, X[:, -len(exog):]])):
            raise StataError("the exogenous variables may not be collinear with the dependent variables, or their lags",
                             198)
    return VarData(endog, exog, lags, Y, X, regressors, use, float(t.min()), float(t.max()), gaps, tvar)


def fit(session, cmd, args: str, opts: dict, *, quiet: bool = False):
    from mlmcli.time_series.var_model import fit_var

    lags = parse_lags(opts["lags"]) if opts.get("lags") is not None else (1, 2)
    data = var_data(session, cmd, args, lags, opts.get("exog"))
    constant = not opts.get("noconstant")
    X = np.column_stack([data.X, np.ones(len(data.X))]) if constant else data.X
    names = data.regressors + (["_cons"] if constant else [])
    result = fit_var(data.Y, X, constant=constant, nlags=len(lags), dfk=bool(opts.get("dfk")),
                     small=bool(opts.get("small")), lutstats=bool(opts.get("lutstats")))
    return post(session, cmd, opts, data, names, result, constant)


def post(session, cmd, opts, data: VarData, names, r, constant: bool):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    eqnames = [y.replace(".", "_") for y in data.endog]
    K = len(eqnames)
    full = [f"{eq}:{n}" for eq in eqnames for n in names]
    small = bool(opts.get("small"))
    scalars = {"N": float(r.T), "df_eq": float(r.m), "k": float(K * r.m),
               "ll": r.ll, "detsig_ml": r.detsig_ml, "detsig": r.detsig, "k_eq": float(K), "k_dv": float(K),
               "N_gaps": float(data.gaps), "tmin": data.tmin, "tmax": data.tmax, "mlag": float(max(data.lags)),
               "fpe": r.fpe, "aic": r.aic, "hqic": r.hqic, "sbic": r.sbic,
               "rank": float(np.linalg.matrix_rank(r.V))}
    for i, st in enumerate(r.equations, start=1):
        scalars.update({f"obs_{i}": float(st.nobs), f"k_{i}": float(st.parms), f"rmse_{i}": st.rmse,
                        f"r2_{i}": st.r2, f"ll_{i}": st.ll, f"df_m{i}": float(st.df_m)})
        if small:
            scalars.update({f"df_r{i}": float(r.T - r.m), f"F_{i}": st.stat})
        else:
            scalars[f"chi2_{i}"] = st.stat
    if small:
        scalars["df_r"] = float(r.T - r.m)
    if opts.get("dfk"):
        scalars["df_m"] = float(r.m)
        scalars["ll_dfk"] = r.ll_dfk
    fmt = session.data.format_of(data.tvar)
    macros = {"cmd": "var", "cmdline": (cmd.text or f"var {cmd.args}").strip(), "title": "Vector autoregression",
              "depvar": " ".join(data.endog), "endog": " ".join(data.endog), "exog": " ".join(data.exog),
              "eqnames": " ".join(eqnames), "lags": " ".join(map(str, data.lags)), "small": "small" if small else "",
              "dfk": "dfk" if opts.get("dfk") else "", "lutstats": "lutstats" if opts.get("lutstats") else "",
              "nocons": "" if constant else "nocons", "tsfmt": fmt, "timevar": data.tvar,
              "marginsok": "xb default", "marginsnotok": "stdp Residuals", "properties": "b V", "predict": "var_p"}
    if opts.get("nobigf"):
        macros["bigf"] = "nobigf"
    b = r.B.ravel()
    matrices = {"b": Matrix(b[None, :].copy(), ("y1",), tuple(full)),
                "V": Matrix(r.V.copy(), tuple(full), tuple(full)),
                "Sigma": Matrix(r.Sigma.copy(), tuple(data.endog), tuple(data.endog))}
    if not opts.get("nobigf"):
        matrices["bf"] = _bigf(eqnames, data, r.B, constant)
    from mlmcli.commands.postestimation.margins_var import var_margins_design

    design = var_margins_design(session.data, names, data.sample)  # None: margins says r(321)
    model = VarModel(data, tuple(names), constant, r.resid.copy(), r.m, design)
    e = EstimationResults(cmd="var", scalars=scalars, macros=macros, matrices=matrices, model=model,
                          sample=data.sample.copy(), title="Vector autoregression", design=design)
    # e(neqs), e(tparms) and e(T) are hidden in Stata (not in ereturn list): kept here
    e.result = {"lags": data.lags, "neqs": K, "tparms": K * r.m, "T": r.T}
    e.stamp_sample(session.data)
    return e


def _bigf(eqnames, data: VarData, B, constant: bool):
    """e(bf): every lag 1..max(lags) of every variable, the lags not fitted 0 (var.ado)."""
    from mlmcli.results.matrix import Matrix

    p, nl = max(data.lags), len(data.lags)
    values, names = [], []
    for i, eq in enumerate(eqnames):
        for j, y in enumerate(data.endog):
            for lag in range(1, p + 1):
                values.append(B[i, j * nl + data.lags.index(lag)] if lag in data.lags else 0.0)
                names.append(f"{eq}:{f'L{lag}.{y}' if '.' not in y else lag_name(y, lag)}")
        for a, x in enumerate(data.exog):
            values.append(B[i, len(data.endog) * nl + a])
            names.append(f"{eq}:{x}")
        if constant:
            values.append(B[i, -1])
            names.append(f"{eq}:_cons")
    return Matrix(np.asarray(values)[None, :], ("y1",), tuple(names))


def sample_text(session, e) -> str:
    from mlmcli.render.numfmt import format_number

    fmt = e.macros.get("tsfmt") or "%9.0g"
    t0 = format_number(e.scalars["tmin"], fmt).strip()
    t1 = format_number(e.scalars["tmax"], fmt).strip()
    gaps = e.scalars.get("N_gaps", 0)
    return f"{t0} - {t1}" + ("" if not gaps else (", but with a gap" if gaps == 1 else ", but with gaps"))


def display(session, e, opts) -> None:
    from mlmcli.postest.coefficient_rows import rows_by_equation
    from mlmcli.render.var_model import render_var_header, render_var_table
    from mlmcli.results.var_model import VarEquationLine, VarResult

    level = confidence_level(opts, getattr(session, "level", 95.0))
    table = table_options_with_notes(session, opts)
    s, m = e.scalars, e.macros
    small = m.get("small") == "small"
    key = "F" if small else "chi2"
    lines = []
    from mlmcli.distributions import chi2 as chi2_dist, f as f_dist

    for i, name in enumerate(m["eqnames"].split(), start=1):
        stat, q = s.get(f"{key}_{i}", float("nan")), s[f"df_m{i}"]
        p = float(f_dist.sf(stat, q, s[f"df_r{i}"]) if small else chi2_dist.sf(stat, q)) if q else float("nan")
        lines.append(VarEquationLine(name, s[f"k_{i}"], s[f"rmse_{i}"], s[f"r2_{i}"], stat, p))
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    blocks = tuple((eq, tuple(rows)) for eq, rows in rows_by_equation(
        e.matrices["b"].colnames, b, V, df_r=s.get("df_r") if small else None, level=level))
    result = VarResult(sample_text(session, e), s["N"], s["ll"], s["fpe"], s["detsig_ml"], s["aic"], s["hqic"],
                       s["sbic"], m.get("lutstats") == "lutstats", small, tuple(lines), blocks, level)
    session.print(render_var_header(result))
    session.print("")
    session.print(render_var_table(result, linesize=session.linesize, options=table))

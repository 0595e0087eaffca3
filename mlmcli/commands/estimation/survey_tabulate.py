"""``svy: tabulate varname1 [varname2]`` ([SVY] svy: tabulate oneway, twoway; Stata 13):
cell proportions (default), weighted counts, row or column proportions with their linearized
standard errors, logit confidence intervals, design effects and observations; for two-way
tables the tests of independence (Pearson with the Rao-Scott second-order correction by
default; lr, null, wald, llwald, noadjust).

The sample: the command's if/in and the design variables (svy's rules); without ``missing``
the rows missing a table variable leave it when they are in the subpopulation (outside it
they keep their part in the design, as _svy_tabulate.ado's markout does).  The categories
are those of the estimation sample; string variables are tabulated by their sorted values.
tab(), stdize(), stdweight() and fuller are refused."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("cell", 3), OptionSpec("count", 3), OptionSpec("row"), OptionSpec("column", 3),
           OptionSpec("obs"), OptionSpec("se"), OptionSpec("ci"), OptionSpec("deff"), OptionSpec("deft"),
           OptionSpec("cv"), OptionSpec("srssubpop", 3), OptionSpec("proportion", 4), OptionSpec("percent", 3),
           OptionSpec("nolabel", 5), OptionSpec("nomarginals", 6), OptionSpec("format", 3, takes_arg=True),
           OptionSpec("vertical", 4), OptionSpec("level", 1, takes_arg=True),
           OptionSpec("cellwidth", 5, takes_arg=True), OptionSpec("csepwidth", 4, takes_arg=True),
           OptionSpec("stubwidth", 5, takes_arg=True), OptionSpec("notable", 5), OptionSpec("pearson", 3),
           OptionSpec("lr"), OptionSpec("null", 3), OptionSpec("wald"), OptionSpec("llwald"),
           OptionSpec("noadjust", 5), OptionSpec("missing", 4), OptionSpec("tab", takes_arg=True),
           OptionSpec("stdize", 3, takes_arg=True), OptionSpec("stdweight", 4, takes_arg=True),
           OptionSpec("fuller")]
STAT_OPTIONS = ("pearson", "lr", "null", "wald", "llwald", "noadjust")


def run_tabulate(session, inner, settings, subpop, level: float, srssubpop: bool = False):
    """Estimate, store e() and print (svy's prefix has printed "(running tabulate ...)")."""
    from mlmcli.commands.estimation.survey_tabulate_display import check_display_options, tabulation
    from mlmcli.render.survey_tabulate import render_tabulation

    ds = session.data
    opts = resolve_options(inner.options, OPTIONS)
    for name in ("tab", "stdize", "stdweight", "fuller"):
        if opts.get(name):
            raise StataError(f"svy: tabulate option {name}{'()' if name != 'fuller' else ''} is not supported "
                             "by mlmcli", 198)
    variables = ds.expand_varlist(inner.args) if inner.args.strip() else []
    if not variables:
        raise StataError("varlist required", 100)
    if len(variables) > 2:
        raise StataError("too many variables specified", 103)
    if len(variables) == 2 and variables[0] == variables[1]:
        raise StataError("row and column variable may not be the same", 198)
    srssubpop = srssubpop or bool(opts.get("srssubpop"))
    if srssubpop and subpop is None:
        raise StataError("option srssubpop requires option subpop()", 198)
    check_display_options(opts, oneway=len(variables) == 1, level_default=level)
    fit = tabulate_fit(session, inner, settings, subpop, variables, bool(opts.get("missing")), opts, srssubpop)
    shown = tabulation(session, fit, opts, level)  # CheckRowCol's errors come before the note
    session.print("(running tabulate on estimation sample)")
    e = _ereturn(session, fit, shown, settings)
    session.e = e
    session.print(render_tabulation(shown, weighted=bool(settings.weight_type), linesize=session.linesize))
    return e


class TabulateFit:
    """What svy: tabulate estimated (kept on e() for svy's redisplay): the engine's table,
    the categories' labels, observation counts, the design's sample and the tests."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


def _codes(ds, var: str, rows: np.ndarray, keep_missing: bool):
    """(codes over ``rows`` (-1: missing, left out), category values, their stub texts)."""
    if ds.is_string(var):
        raw = np.asarray(ds.df[var].to_numpy(dtype=object)[rows]).astype(str)
        missing = raw == ""
        values = sorted(set(raw[~missing] if not keep_missing else raw), key=lambda v: (v == "", v))  # "" last
        index = {v: k for k, v in enumerate(values)}
        codes = np.array([index.get(v, -1) if (keep_missing or v != "") else -1 for v in raw], np.int64)
        return codes, values, [v for v in values]
    x = ds.numeric(var)[rows]
    missing = np.isnan(x)
    values = list(np.unique(x[~missing]))
    if keep_missing and missing.any():
        values.append(float("nan"))
    codes = np.full(len(x), -1, np.int64)
    for k, v in enumerate(values):
        codes[(x == v) if not np.isnan(v) else missing] = k
    return codes, values, None



def tabulate_fit(session, inner, settings, subpop, variables, keep_missing: bool, opts, srssubpop: bool):
    from mlmcli.commands.estimation.survey_sample import design_sample, with_units
    from mlmcli.commands.estimation.survey_tabulate_display import setype_of
    from mlmcli.survey.tabulate import independence_tests, table_estimates

    ds = session.data
    sample = design_sample(session, inner, settings, [], subpop)
    touse, sub = sample.touse.copy(), sample.sub.copy()
    if not keep_missing:
        complete = np.ones(ds.nobs, bool)
        for var in variables:
            if ds.is_string(var):
                complete &= np.asarray(ds.df[var].to_numpy(dtype=object)).astype(str) != ""
            else:
                complete &= ~np.isnan(ds.numeric(var))
        touse &= ~(sub & ~complete)
        sub &= touse & complete
    if not touse.any() or not sub.any():
        raise StataError("no observations", 2000)
    sample = with_units(ds, settings, touse, sub, sample.weights, sample.subpop_given)
    n_omit = len(sample.units.omitted)
    if n_omit:  # _svy_tabulate.ado takes the strata without subpopulation members out of the sample
        rows = np.flatnonzero(touse)
        touse[rows[np.isin(sample.units.strata, sorted(sample.units.omitted))]] = False
        sub &= touse
        sample = with_units(ds, settings, touse, sub, sample.weights, sample.subpop_given)
    rows = np.flatnonzero(touse)
    in_sub = sub[rows]
    rcodes, rvalues, rstrings = _codes(ds, variables[0], rows, keep_missing)
    if len(variables) == 2:
        ccodes, cvalues, cstrings = _codes(ds, variables[1], rows, keep_missing)
    else:
        ccodes, cvalues, cstrings = np.zeros(len(rows), np.int64), [1.0], None
    in_table = (rcodes >= 0) & (ccodes >= 0)
    R, C = len(rvalues), len(cvalues)
    if R == 0 or C == 0:
        raise StataError("no observations", 2000)
    setype = setype_of(opts)
    table = table_estimates(np.where(in_table, rcodes, 0), np.where(in_table, ccodes, 0), R, C,
                            sample.weights[rows], in_sub & in_table, sample.units,
                            shares=setype if setype in ("row", "column") else None, srs_subpop=srssubpop)
    obs = np.zeros((R, C), np.int64)
    obs_sub = np.zeros((R, C), np.int64)
    np.add.at(obs, (rcodes[in_table], ccodes[in_table]), 1)
    np.add.at(obs_sub, (rcodes[in_table & in_sub], ccodes[in_table & in_sub]), 1)
    n_obs = float(touse.sum())
    tests = independence_tests(table, n_obs, float(sample.units.design_df), pearson_wald=bool(opts.get("wald")))
    return TabulateFit(variables=variables, rvalues=rvalues, cvalues=cvalues, rstrings=rstrings, cstrings=cstrings,
                       table=table, obs=obs, obs_sub=obs_sub, sample=sample, n_obs=n_obs, tests=tests,
                       setype=setype, srssubpop=srssubpop, n_omit=n_omit, subpop_text=str(subpop) if subpop is not None else "",
                       wald=bool(opts.get("wald")), fpc=settings.stages[0].fpc is not None)



def _ereturn(session, fit, shown, settings):
    """e() of svy: tabulate ([SVY] svy: tabulate twoway, Stored results)."""
    from mlmcli.commands.estimation.survey_sample import strata_matrices, survey_ereturn
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix
    from mlmcli.survey.tabulate import margins

    t, R, C = fit.table, fit.table.n_rows, fit.table.n_cols
    names = tuple(f"p{i + 1}{j + 1}" for i in range(R) for j in range(C))
    est = {"cell": t.cell, "count": t.count}.get(fit.setype, t.shares)
    inference = type("Inference", (), {"missing_se": t.missing})()
    scalars, macros = survey_ereturn(fit.sample, settings, inference, "tabulate", "", "tabulate " +
                                     " ".join(fit.variables))
    macros.pop("title", None)
    scalars.update(r=float(R), c=float(C), total=t.total, df_r=float(fit.sample.units.design_df),
                   N_strata_omit=float(fit.n_omit))
    for name, block in fit.tests.items():
        if isinstance(block, dict):
            scalars.update({f"{k}_{name}": float(v) for k, v in block.items()})
    if "mgdeff" in fit.tests:
        scalars.update(mgdeff=float(fit.tests["mgdeff"]), cvgdeff=float(fit.tests["cvgdeff"]))
    ds = session.data
    macros.update(cmd="tabulate", cmdname="tabulate", prefix="svy", setype=fit.setype, rowvar=fit.variables[0],
                  estat_cmd="svy_estat", marginsnotok="_ALL", subpop=fit.subpop_text,
                  srssubpop="srssubpop" if fit.srssubpop else "")
    macros["rowvlab"] = ds.var_labels.get(fit.variables[0], "")
    if len(fit.variables) == 2:
        macros.update(colvar=fit.variables[1], colvlab=ds.var_labels.get(fit.variables[1], ""))
    if shown.messages and "zero" in shown.messages[0]:
        macros["zero"] = "zero marginal"
    macros = {k: v for k, v in macros.items() if v}
    Vrow, Vcol = margins(t.count.V if fit.setype == "count" else t.cell.V, R, C)
    row_vals = [v if not isinstance(v, str) else float(k + 1) for k, v in enumerate(fit.rvalues)]
    col_vals = [v if not isinstance(v, str) else float(k + 1) for k, v in enumerate(fit.cvalues)]
    matrices = {"b": Matrix(est.b[None, :], ("y1",), names), "V": Matrix(est.V, names, names),
                "Prop": Matrix(t.cell.b.reshape(R, C), tuple(f"r{i + 1}" for i in range(R)),
                               tuple(f"c{j + 1}" for j in range(C))),
                "Obs": Matrix(fit.obs.astype(float), tuple(f"r{i + 1}" for i in range(R)),
                              tuple(f"c{j + 1}" for j in range(C))),
                "Row": Matrix(np.array([row_vals], float), ("r1",), tuple(f"c{i + 1}" for i in range(R))),
                "Col": Matrix(np.array([col_vals], float), ("r1",), tuple(f"c{j + 1}" for j in range(C))),
                "V_row": Matrix(Vrow, tuple(f"r{i + 1}" for i in range(R)), tuple(f"r{i + 1}" for i in range(R))),
                "V_col": Matrix(Vcol, tuple(f"c{j + 1}" for j in range(C)), tuple(f"c{j + 1}" for j in range(C))),
                "V_srs": Matrix(est.V_srs, names, names)}
    if fit.sample.subpop_given:
        matrices["ObsSub"] = Matrix(fit.obs_sub.astype(float), matrices["Obs"].rownames, matrices["Obs"].colnames)
    with np.errstate(divide="ignore", invalid="ignore"):
        deff = np.where(np.diag(est.V_srs) > 0, np.diag(est.V) / np.diag(est.V_srs), 0.0)
        deft = np.where(np.diag(est.V_srswr) > 0, np.sqrt(np.diag(est.V) / np.diag(est.V_srswr)), 0.0)
    matrices["Deff"] = Matrix(np.nan_to_num(deff)[None, :], ("r1",), names)
    matrices["Deft"] = Matrix(np.nan_to_num(deft)[None, :], ("r1",), names)
    if fit.fpc:
        matrices["V_srswr"] = Matrix(est.V_srswr, names, names)
    matrices.update(strata_matrices(fit.sample.units))
    e = EstimationResults(cmd="tabulate", scalars=scalars, macros=macros, matrices=matrices, result=shown,
                          model=fit, sample=fit.sample.touse.copy(), title="")
    e.stamp_sample(ds)
    return e


def replay_tabulate(session, e, options) -> None:
    """``svy`` typed alone after svy: tabulate: the table again under new display options
    (_svy_tabulate.ado's Display: se, cv, ci, deff, deft only of the estimate computed;
    wald only when computed)."""
    from mlmcli.commands.estimation.survey_tabulate_display import check_display_options, setype_of, tabulation
    from mlmcli.render.survey_tabulate import render_tabulation

    fit = e.model
    opts = resolve_options(options, OPTIONS)
    for name in ("tab", "stdize", "stdweight", "fuller", "missing"):
        if opts.get(name):
            raise StataError(f"option {name}{'()' if name in ('tab', 'stdize', 'stdweight') else ''} not allowed",
                             198)
    level = float(getattr(session, "level", 95.0))
    check_display_options(opts, oneway=len(fit.variables) == 1, level_default=level)
    if opts.get("wald") and not fit.wald:
        raise StataError("option wald not available on redisplay; it must be specified at run time", 198)
    if opts.get("srssubpop") and not fit.sample.subpop_given:
        raise StataError("option srssubpop requires subpopulation estimation results", 198)
    stats = [k for k in ("se", "cv", "ci", "deff", "deft") if opts.get(k)]
    wanted = setype_of(opts)
    if stats and wanted != fit.setype:
        what = {"se": "standard errors", "cv": "coefficients of variation", "ci": "confidence intervals"}
        if stats[0] in what:
            raise StataError(f"{what[stats[0]]} are only available for {fit.setype}s\n    To compute {wanted} "
                             f"{what[stats[0]]}, rerun command with options {wanted} and {stats[0]}.", 111)
        raise StataError(f"{stats[0].upper()} is only available for {fit.setype}s\n    To compute {wanted} "
                         f"{stats[0].upper()}, rerun command with options {wanted} and {stats[0]}.", 111)
    shown = tabulation(session, fit, opts, level)
    session.print(render_tabulation(shown, weighted=bool(e.macros.get("wtype")), linesize=session.linesize))

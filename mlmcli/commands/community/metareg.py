"""``metareg`` (Roger Harbord and Julian Higgins, ``ssc install metareg``): random-effects
meta-regression of study estimates on study-level covariates.  A compatible implementation
written from the package's help and ado-file (version 2.6.1):

    metareg depvar [indepvars] [if] [in], wsse(varname) [reml mm eb z knapphartung
        noconstant eform level(#) graph randomsize tau2test log tolerance(#) iterate(#)]

REML is the default estimator of the between-study variance tau2 (``mm`` method of moments,
``eb`` empirical Bayes); standard errors carry the Knapp-Hartung modification, with t and F
tests on K - p df, unless ``z``.  ``graph`` draws the bubble plot of a single covariate
(markers sized by 1/wsse^2, or by the random-effects weights with ``randomsize``) with the
fitted line.  Numbers in ``mlmcli.meta.metareg``; the header is the ado-file's Display.
Not implemented (refused): ``permute()`` and the undocumented version-1 options.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, real_option, resolve_options

HELP = {"metareg": "metareg depvar [indepvars] [if] [in], wsse(varname) [options]"}

OPTIONS = [OptionSpec("wsse", 4, takes_arg=True), OptionSpec("wsvar", 5, takes_arg=True), OptionSpec("eform", 2),
           OptionSpec("noconstant", 6), OptionSpec("mm", 2), OptionSpec("reml", 4), OptionSpec("eb", 2),
           OptionSpec("knapphartung", 1), OptionSpec("z", 1), OptionSpec("level", 1, takes_arg=True),
           OptionSpec("graph", 1), OptionSpec("randomsize", 2), OptionSpec("tau2test", 3), OptionSpec("log", 2),
           OptionSpec("nolog", 4), OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("iterate", 4, takes_arg=True)]


def _replay(session, cmd) -> bool:
    if cmd.args.strip() or cmd.if_exp or cmd.in_range:
        return False
    e = session.e
    if e is None or e.macros.get("cmd") != "metareg":
        raise StataError("last estimates not found", 301)
    opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), OptionSpec("eform", 2),
                                         OptionSpec("tau2test", 3)])
    _display(session, confidence_level(opts, 95.0), "eform" in opts, "tau2test" in opts)
    return True


def cmd_metareg(session, cmd) -> None:
    from mlmcli.meta.metareg import metareg
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.varlist import counted_varlist

    if _replay(session, cmd):
        return
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    opts = resolve_options(cmd.options, OPTIONS)
    names = counted_varlist(ds, cmd.args, 1)
    y_name, x_names = names[0], names[1:]
    for name in names:
        if ds.is_string(name):
            raise StataError("string variables not allowed in varlist;", 109)
    if not opts.get("wsse") and not opts.get("wsvar"):
        raise StataError("wsse() option required", 100)
    if opts.get("wsse") and opts.get("wsvar"):
        raise StataError("options wsse() and wsvar() cannot both be specified", 198)
    if sum(k in opts for k in ("mm", "reml", "eb")) > 1:
        raise StataError("Only one of options mm, reml and eb can be specified", 198)
    if "knapphartung" in opts and "z" in opts:
        raise StataError("Options knapphartung and z cannot both be specified", 198)
    constant = "noconstant" not in opts
    if not constant and not x_names:
        raise StataError("independent variables required with noconstant option", 102)
    se_name = counted_varlist(ds, str(opts.get("wsse") or opts.get("wsvar")), 1, 1)[0]
    touse = mark_sample(session, cmd, names)
    wsvalues = ds.numeric(se_name)
    touse &= ~np.isnan(wsvalues)
    K = int(touse.sum())
    if K == 0:
        raise StataError("no observations", 2000)
    if K <= len(names):
        raise StataError("insufficient observations", 2001)
    if np.any(wsvalues[touse] <= 0):
        which = "wsse" if opts.get("wsse") else "wsvar"
        raise StataError(f"zero or negative {which}() not allowed", 499)
    level = confidence_level(opts, 95.0)
    x_names = _noncollinear(session, x_names, touse, constant)
    y = ds.numeric(y_name)[touse]
    v = wsvalues[touse] ** 2 if opts.get("wsse") else wsvalues[touse]
    X = np.column_stack([ds.numeric(n)[touse] for n in x_names] + ([np.ones(K)] if constant else []))
    method = "mm" if "mm" in opts else "eb" if "eb" in opts else "reml"
    tolerance = real_option(opts, "tolerance", 1e-6) if opts.get("tolerance") else 1e-6
    fit = metareg(y, v, X, method, "z" not in opts, constant, tolerance,
                  integer_option(opts, "iterate", 100) if opts.get("iterate") else 100)
    if method == "reml" and not fit.converged:
        for line in ("WARNING: REML estimation of tau2 failed to converge.", "Estimates may be wrong.",
                     "Try adding mm option to use method-of-moments."):
            session.print(line)
    coef_names = x_names + (["_cons"] if constant else [])
    _post(session, y_name, coef_names, fit, touse, "z" not in opts, method, opts, se_name)
    _display(session, level, "eform" in opts, "tau2test" in opts)
    if "graph" in opts:
        if len(x_names) != 1:
            session.print("graph option works only with a single indepvar")
        else:
            _graph(session, y_name, x_names[0], fit, X, v, touse, "randomsize" in opts)


def _noncollinear(session, x_names, touse, constant) -> list[str]:
    """_rmcoll: a covariate collinear with the constant and the covariates before it is dropped,
    with _rmcoll's note."""
    ds = session.data
    kept, columns = [], [np.ones(int(touse.sum()))] if constant else []
    for name in x_names:
        trial = np.column_stack(columns + [ds.numeric(name)[touse]])
        if np.linalg.matrix_rank(trial) > len(columns):
            columns.append(ds.numeric(name)[touse])
            kept.append(name)
        else:
            session.print(f"note: {name} omitted because of collinearity")
    return kept


def _post(session, depvar, names, fit, touse, use_t, method, opts, se_name) -> None:
    from mlmcli.commands.estimation.common import ereturn_post

    dof = f" dof({fit.df_Q})" if use_t else ""
    ereturn_post(session, depvar, names, fit.b, fit.V, touse, f"obs({int(touse.sum())}){dof}")
    e = session.e
    df_m = len(names) - (1 if names[-1] == "_cons" else 0)
    scalars = {"tau2": fit.tau2, "df_m": float(df_m), "Q": fit.Q, "df_Q": float(fit.df_Q), "I2": fit.I2}
    if fit.q_KH is not None:
        scalars["q_KH"] = fit.q_KH
    if method == "reml":
        scalars.update(remll=fit.remll, remll_c=fit.remll_c,
                       chi2_c=0.0 if fit.remll < fit.remll_c or fit.tau2 <= 0 else 2 * (fit.remll - fit.remll_c))
    if fit.tau2_0 is not None:
        scalars["tau2_0"] = fit.tau2_0
    if df_m:
        b, V = fit.b[:df_m], fit.V[:df_m, :df_m]
        stat = float(b @ np.linalg.solve(V, b))
        if use_t:
            scalars["F"] = stat / df_m
        else:
            scalars["chi2"] = stat
    e.scalars.update(scalars)
    e.macros.update({"predict": "metareg_p", "depvar": depvar, "cmd": "metareg",
                     "method": {"mm": "Method of moments", "eb": "Empirical Bayes", "reml": "REML"}[method],
                     ("wsse" if opts.get("wsse") else "wsvar"): se_name})


def _display(session, level: float, eform: bool, tau2test: bool) -> None:
    """The ado-file's Display: its header lines, then ``estimates display``."""
    from mlmcli.runner import Runner, current_runner

    e = session.e
    lines = ['di as txt _n "Meta-regression" _col(55) "Number of obs" _col(70) "= " as res %7.0f e(N)',
             f'di as res "{e.macros.get("method", "")}" as txt " estimate of between-study variance" _col(55) "tau2" '
             '_col(70) "=" '
             'as res %8.4g e(tau2)',
             'di as txt "% residual variation due to heterogeneity" _col(55) "I-squared_res" _col(70) "= " '
             'as res %6.2f 100 * e(I2) "%"']
    if "tau2_0" in e.scalars:
        lines.append('di as txt "Proportion of between-study variance explained" _col(55) "Adj R-squared " _col(70) '
                     '"= " as res %6.2f 100 * (1 - e(tau2) / e(tau2_0)) "%"')
    with_kh = "With" if "q_KH" in e.scalars else "Without"
    if e.scalars.get("df_m", 0) > 1:
        if "df_r" in e.scalars:
            lines.append('di as txt "Joint test for all covariates" _col(55) "Model F(" as res e(df_m) as txt "," '
                         'as res e(df_r) as txt ")" _col(70) "= " as res %7.2f e(F)')
            lines.append(f'di as res "{with_kh}" as txt " Knapp-Hartung modification" _col(55) "Prob > F" _col(70) '
                         '"= " as res %7.4f Ftail(e(df_m), e(df_r), e(F))')
        else:
            lines.append('di as txt "Joint test for all covariates" _col(55) "Model chi2(" as res e(df_m) as txt ")" '
                         '_col(70) "= " as res %7.2f e(chi2)')
            lines.append(f'di as res "{with_kh}" as txt " Knapp-Hartung modification" _col(55) "Prob > chi2" '
                         '_col(70) "= " as res %7.4f chi2tail(e(df_m), e(chi2))')
    else:
        lines.append(f'di as res "{with_kh}" as txt " Knapp-Hartung modification"')
    lines.append(f"ereturn display, level({level:g})" + (" eform(exp(b))" if eform else ""))
    if tau2test:
        lines.append('di as txt "Test for residual between-study variance (of tau2=0)" _col(55) "Q_res (" '
                     'as res %1.0f e(df_Q) as txt " df)" _col(70) "= " as res %7.2f e(Q)')
        lines.append('di as txt _col(55) "Prob > Q_res" _col(70) "= " as res %7.4f chi2tail(e(df_Q), e(Q))')
        if e.macros.get("method") == "REML":
            lines.append('di as txt "Likelihood-ratio test of tau2=0: chibar2(01) =" as res %6.2f e(chi2_c) '
                         'as txt "  Prob > chibar2 = " as res %7.4f cond(e(chi2_c) <= 0, 1, chi2tail(1, e(chi2_c))*0.5)')
    runner = current_runner(session) or Runner(session)
    for line in lines:
        runner.execute(line)


def _graph(session, y_name, x_name, fit, X, v, touse, randomsize) -> None:
    """The ado-file's Graph: scatter depvar x [aw=size], msymbol(oh) || line fit x, sort."""
    from mlmcli.runner import Runner, current_runner
    from mlmcli.temp_names import fresh_names

    ds = session.data
    fit_name, size_name = fresh_names(session, 2)
    fitted = np.full(ds.nobs, np.nan)
    fitted[touse] = X @ fit.b
    size = np.full(ds.nobs, np.nan)
    size[touse] = 1.0 / (v + fit.tau2) if randomsize else 1.0 / v
    ds.set_variable(fit_name, fitted, "double")
    ds.set_variable(size_name, size, "double")
    title = ds.var_labels.get(y_name) or y_name
    try:
        (current_runner(session) or Runner(session)).execute(
            f'twoway scatter {y_name} {x_name} [aw={size_name}], msymbol(oh) || line {fit_name} {x_name}, sort '
            f'||, legend(off) ytitle(`"{title}"\')')
    finally:
        ds.drop_variables([n for n in (fit_name, size_name) if n in ds.varnames])

"""``factor``: factor analysis of the correlation matrix (Stata's factor.ado).

    factor varlist [if] [in] [, pf pcf ipf factors(#) mineigen(#) blanks(#)]

Numbers from ``mlmcli.multivariate.factor_analysis``; layout in
``mlmcli.render.multivariate``.  e(): f N df_m df_r chi2_i df_i p_i evsum; e(Ev) e(Psi)
e(L) e(Phi) e(C) e(means) e(sds); e(method) e(mtitle) e(heywood) e(predict)=factor_p
e(rotate_cmd) e(estat_cmd); with ml also ll aic bic chi2_1 df_1 (ll = -(N-1)/2 times the ML
discrepancy, chi2_1 Bartlett's (N - 1 - (2p+5)/6 - 2f/3) times it: the [MV] factor example's
ll, AIC, BIC and chi2(4) agree with these).  Weights are refused as not implemented; ml shows
no iteration log.  rotate, predict and estat after factor: ``factor_postestimation``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

FACTOR_OPTIONS = [OptionSpec("pf", 2), OptionSpec("pcf", 3), OptionSpec("ipf", 2), OptionSpec("ml", 2),
                  OptionSpec("pc", 2), OptionSpec("factors", 2, takes_arg=True),
                  OptionSpec("components", 3, takes_arg=True), OptionSpec("mineigen", 4, takes_arg=True),
                  OptionSpec("blanks", 2, takes_arg=True), OptionSpec("covariances", 3),
                  OptionSpec("correlations", 3), OptionSpec("altdivisor", 6), OptionSpec("citerate", 3, takes_arg=True),
                  OptionSpec("means", 2), OptionSpec("nolog", 5)]


def factor_result(e, blanks=None, unrotated: bool = False, altdivisor: bool = False):
    from mlmcli.results.multivariate import FactorResult

    m = e.matrices
    rotated = bool(e.macros.get("r_criterion")) and not unrotated
    f = int(e.scalars["f"])
    names = tuple(m["C"].rownames)
    evsum = float(np.trace(m["C"].values)) if altdivisor else e.scalars["evsum"]
    common = dict(n=e.scalars["N"], method_title=e.macros["mtitle"], f=f, df_m=e.scalars["df_m"], evsum=evsum,
                  chi2_i=e.scalars["chi2_i"], df_i=e.scalars["df_i"], p_i=e.scalars["p_i"],
                  uniqueness=m["Psi"].values[0], names=names, heywood=bool(e.macros.get("heywood")), blanks=blanks)
    if "ll" in e.scalars:
        from mlmcli.distributions import chi2
        common.update(ll=e.scalars["ll"], aic=e.scalars["aic"], bic=e.scalars["bic"], chi2_1=e.scalars["chi2_1"],
                      df_1=e.scalars["df_1"], p_1=float(chi2.sf(e.scalars["chi2_1"], e.scalars["df_1"])))
    if not rotated:
        return FactorResult(rotation_text="(unrotated)", variances=m["Ev"].values[0],
                            loadings=m["L"].values if f else np.zeros((len(names), 0)),
                            loading_title="Unrotated factor" if e.macros.get("r_criterion") else "Factor", **common)
    kaiser = "on" if e.macros.get("r_normalization") in ("kaiser", "horst") else "off"
    return FactorResult(rotation_text=f"{e.macros['r_class']} {e.macros['r_criterion']} (Kaiser {kaiser})",
                        variances=m["r_Ev"].values[0], loadings=m["r_L"].values, loading_title="Rotated factor",
                        rotated=True, orthogonal=e.macros["r_class"] == "orthogonal",
                        rotation_matrix=m["r_T"].values, **common)


def _number(text, name: str) -> float:
    try:
        return float(str(text).strip())
    except ValueError:
        raise StataError(f"option {name}() invalid", 198) from None


def _maximum_likelihood(R, pf_solution, typed: bool, limit: int):
    """ml's factors: factors() as typed, else the number pf retains, at most the largest number
    with nonnegative degrees of freedom (p - f)^2 - (p + f) (mlm's rule: Stata's is not
    documented); Ev are the columns' sums of squared loadings, as Stata's ml output shows."""
    from mlmcli.multivariate.factor_analysis import FactorSolution, ml_factors

    k = len(R)
    most = max(f for f in range(0, k) if (k - f) ** 2 - (k + f) >= 0)
    f = limit if typed else min(pf_solution.loadings.shape[1], most)
    if f > most:
        raise StataError(f"factors({f}) too many for maximum likelihood with {k} variables: "
                         f"at most {most} factors are identified", 198)
    if f == 0:
        return None, FactorSolution(np.zeros(0), np.zeros((k, 0)), np.ones(k))
    fit = ml_factors(R, f)
    if not fit.converged:
        raise StataError("convergence not achieved", 430)
    return fit, FactorSolution((fit.loadings ** 2).sum(axis=0), fit.loadings, fit.uniqueness)


def cmd_factor(session, cmd) -> None:
    from mlmcli.commands.statistics.pca import analysis_sample, display_blanks, summary_statistics
    from mlmcli.distributions import chi2
    from mlmcli.estimation.active import replay_results
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.multivariate.eigen import column_means, correlation_and_sds
    from mlmcli.multivariate.factor_analysis import METHOD_TITLES, independence_test, principal_factors
    from mlmcli.render.multivariate import render_factor
    from mlmcli.results.matrix import Matrix

    opts = resolve_options(cmd.options, FACTOR_OPTIONS)
    if not cmd.args.strip():
        e = replay_results(session, ("factor",))
        session.print(render_factor(factor_result(e, display_blanks(opts), altdivisor=bool(opts.get("altdivisor")))))
        if opts.get("means"):
            summary_statistics(session, cmd)
        return
    if opts.get("pc"):
        raise StataError("principal component analysis (option pc) not available in factor; see help pca\n"
                         "specify option pcf for principal-components factor analysis", 198)
    methods = [m for m in ("pcf", "pf", "ipf", "ml") if opts.get(m)]
    if len(methods) > 1:
        raise StataError(f"options {' and '.join(methods)} are exclusive" if len(methods) == 2
                         else f"only one of {', '.join(methods)} is allowed", 198)
    method = methods[0] if methods else "pf"
    if opts.get("covariances"):
        raise StataError("factor does not analyze covariance matrices", 198)
    if cmd.weight is not None:
        raise StataError("weights are not implemented in mlmcli for factor", 199)
    if opts.get("nolog") and method != "ml":  # factor.ado: log/nolog are ml's
        raise StataError("options log and nolog are allowed for ml method only", 198)
    if "citerate" in opts:
        raise StataError("factor, citerate() is not implemented in mlmcli", 199)
    if "factors" in opts and "components" in opts:
        raise StataError("factors() and components() are synonyms", 198)
    blanks = display_blanks(opts)
    ds = session.data
    names, rows, x = analysis_sample(session, cmd)
    n = int(rows.sum())
    keep = [j for j in range(len(names)) if x[:, j].max() > x[:, j].min()]
    names, x = [names[j] for j in keep], x[:, keep]
    k = len(names)
    if k < 2:
        raise StataError("too few variables specified", 102)
    if n <= k:
        raise StataError("insufficient observations", 2001)
    which = "factors" if "factors" in opts else "components"
    limit = k
    if which in opts:
        value = _number(opts[which], which)
        if value != int(value) or value < 0:
            raise StataError(f"{which}() invalid", 198)
        limit = int(value)
    if "mineigen" in opts:
        mineigen = max(_number(opts["mineigen"], "mineigen"), 5e-6)
    else:
        mineigen = 1.0 if method == "pcf" else 5e-6
    R, sds = correlation_and_sds(x)
    try:
        solution = principal_factors(R, "pf" if method == "ml" else method, limit, mineigen)
    except np.linalg.LinAlgError:
        raise StataError("correlation matrix is singular", 506) from None
    ml = None
    if method == "ml":
        ml, solution = _maximum_likelihood(R, solution, which in opts, limit)
    session.print(f"(obs={n})")
    f = solution.loadings.shape[1]
    chi2_i, df_i = independence_test(R, n)
    df_m = min(k * (k - 1) / 2, k * f - f * (f - 1) / 2)
    cols = tuple(names)
    factors = tuple(f"Factor{j + 1}" for j in range(k))
    matrices = {"Ev": Matrix(solution.eigenvalues[None, :], ("Eigenvalues",), factors),
                "Psi": Matrix(solution.uniqueness[None, :], ("Uniqueness",), cols),
                "C": Matrix(R, cols, cols), "means": Matrix(column_means(x)[None, :], ("mean",), cols),
                "sds": Matrix(sds[None, :], ("sd",), cols)}
    if f > 0:
        matrices["L"] = Matrix(solution.loadings, cols, factors[:f])
        matrices["Phi"] = Matrix(np.eye(f), factors[:f], factors[:f])
    scalars = {"f": float(f), "N": float(n), "df_m": float(df_m), "df_r": float(k * (k - 1) / 2 - df_m),
               "chi2_i": chi2_i, "df_i": df_i, "p_i": float(chi2.sf(chi2_i, df_i)),
               "evsum": float(np.nansum(solution.eigenvalues))}
    macros = {"cmd": "factor", "cmdline": f"factor {cmd.args}".strip(), "method": method,
              "mtitle": METHOD_TITLES[method], "rotate_cmd": "factor_rotate", "estat_cmd": "factor_estat",
              "predict": "factor_p", "title": "Factor analysis", "properties": "nob noV eigen",
              "marginsnotok": "_ALL"}
    if ml is not None:
        ll = -(n - 1) / 2.0 * ml.discrepancy
        df_1 = ((k - f) ** 2 - (k + f)) / 2.0
        scalars.update({"ll": ll, "aic": -2 * ll + 2 * df_m, "bic": -2 * ll + df_m * np.log(n),
                        "chi2_1": (n - 1 - (2 * k + 5) / 6.0 - 2 * f / 3.0) * ml.discrepancy, "df_1": df_1})
    if "mineigen" in opts:
        macros["mineigen"] = f"mineigen({str(opts['mineigen']).strip()})"
    if which in opts:
        macros["factors"] = f"factors({str(opts[which]).strip()})"
    if np.any((solution.uniqueness < 0.0001) | (solution.uniqueness > 0.9999)):
        macros["heywood"] = "Heywood case"
    session.e = EstimationResults(cmd="factor", scalars=scalars, macros=macros, matrices=matrices, result=True,
                                  sample=rows.copy(), title="Factor analysis")
    session.e.stamp_sample(ds)
    session.print(render_factor(factor_result(session.e, blanks, altdivisor=bool(opts.get("altdivisor")))))
    if opts.get("means"):
        summary_statistics(session, cmd)

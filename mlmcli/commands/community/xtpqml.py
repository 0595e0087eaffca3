"""``xtpqml`` (Tim Simcoe, ``ssc install xtpqml``): the Poisson quasi-maximum-likelihood
fixed-effects estimator with Wooldridge's (1999) robust variance, written from xtpqml.ado
(9/15/2008):

    xtpqml depvar indepvars [if] [in] [, i(varname) fe irr cluster(varname)]

As the ado-file: ``xtpoisson depvar indepvars, fe i()`` is fitted and shown, then
``Calculating Robust Standard Errors...``, and the variance becomes A B A -- A the fit's
e(V), B the outer product of the conditional likelihood's scores summed within each panel
(within each ``cluster()``, in which panels must be nested) with no small-sample factor --
posted in e(V) with e(cmd) ``xtpqml`` and the Wald test of all coefficients in e(chi2),
e(p); the coefficient table is shown again (``irr``: exponentiated) and the Wald line under it.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.ast import Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"xtpqml": "xtpqml depvar indepvars [if] [in] [, i(varname) fe irr cluster(varname)]"}

OPTIONS = [OptionSpec("i", 1, takes_arg=True), OptionSpec("fe", None), OptionSpec("irr", 2),
           OptionSpec("cluster", 2, takes_arg=True)]


def robust_variance(y, X, b, A, panels, clusters) -> np.ndarray:
    """A B A: B sums, over clusters, the outer product of the clusters' summed scores
    sum_t (y_it - p_it n_i)(x_it - xbar_i), p_it = mu_it / sum_t mu_it, xbar_i the
    mu-weighted mean of x in panel i."""
    if X.shape[1] == 0:
        return np.zeros((0, 0))
    with np.errstate(over="ignore", invalid="ignore"):  # past the double range: missing, as Stata's matrices
        V = _sandwich(y, X, b, A, panels, clusters)
    return np.where(np.isfinite(V), V, np.nan)


def _sandwich(y, X, b, A, panels, clusters) -> np.ndarray:
    from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

    mu = np.exp(X @ b)
    _, panel = np.unique(panels, return_inverse=True)
    n_i = np.bincount(panel, weights=y)[panel]
    sum_mu = np.bincount(panel, weights=mu)[panel]
    p = mu / sum_mu
    xbar = np.column_stack([np.bincount(panel, weights=X[:, k] * mu)[panel] for k in range(X.shape[1])]) / sum_mu[:, None]
    scores = (y - p * n_i)[:, None] * (X - xbar)
    return cluster_sandwich(A, scores, cluster_index(clusters)[0], adjust=False)  # xtpqml.ado: no G/(G-1)


def cmd_xtpqml(session, cmd) -> None:
    from mlmcli.commands import lookup
    from mlmcli.commands.data.panel_settings import panel_setting
    from mlmcli.results.matrix import Matrix
    from mlmcli.runner import Runner, current_runner

    ds = session.data
    opts = resolve_options(cmd.options, OPTIONS)
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if not names:
        raise StataError("varlist required", 100)
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    ivar = ds.resolve(str(opts["i"]).strip()) if opts.get("i") else panel_setting(ds)
    if not ivar:
        raise StataError("you must specify a group variable for the panel", 198)
    cluster = ds.resolve(str(opts["cluster"]).strip()) if opts.get("cluster") else None
    if cluster is not None:
        order = np.lexsort((ds.numeric(cluster), ds.numeric(ivar)))
        i_sorted, c_sorted = ds.numeric(ivar)[order], ds.numeric(cluster)[order]
        if np.any((i_sorted[1:] == i_sorted[:-1]) & (c_sorted[1:] != c_sorted[:-1])):
            raise StataError("group variable (i) must be nested within clusters", 198)
    fit = dataclasses.replace(cmd, name="xtpoisson", args=" ".join(names),
                              options=(Option("fe"), Option("i", ivar)))
    lookup("xtpoisson").handler()(session, fit)
    e = session.e
    coefs = e.coefficients()
    sample = e.sample_mask(ds)
    from mlmcli.syntax.coefnames import split_eq

    columns = [split_eq(n)[1] for n in coefs.names]
    # an omitted covariate (o.name): b 0 and V 0, so its scores are 0 -- a column of zeros
    # no covariates (the null model): X has no columns, V is 0 x 0 and the Wald test chi2(0) = 0
    n = int(sample.sum())
    X = np.column_stack([np.zeros(n) if c.startswith("o.") else ds.numeric(c)[sample] for c in columns]
                        + [np.zeros((n, 0))])
    columns = [c[2:] if c.startswith("o.") else c for c in columns]
    y = ds.numeric(names[0])[sample]
    panels = ds.numeric(ivar)[sample]
    groups = panels if cluster is None else ds.numeric(cluster)[sample]
    session.print("Calculating Robust Standard Errors...")
    V = robust_variance(y, X, np.asarray(coefs.b, float), np.asarray(coefs.V, float), panels, groups)
    b = np.asarray(coefs.b, float)
    # the ado's trace(b inv(V) b'); missing when V is
    chi2 = float(b @ np.linalg.pinv(V) @ b) if np.all(np.isfinite(V)) else float("nan")
    from mlmcli.distributions import chi2 as chi2_distribution

    dof = len(b)
    p = float(chi2_distribution.sf(chi2, dof)) if dof and np.isfinite(chi2) else float("nan")  # as xtpoisson's header: Prob > chi2 = .
    old_V = e.matrices["V"]
    matrices = dict(e.matrices, V=Matrix(V, old_V.rownames, old_V.colnames))
    session.e = dataclasses.replace(e, cmd="xtpqml", matrices=matrices, scalars=dict(e.scalars, chi2=chi2, p=p),
                                    macros=dict(e.macros, cmd="xtpqml", cmdline="xtpqml " + " ".join(columns)))
    runner = current_runner(session) or Runner(session)
    runner.execute("ereturn display" + (", eform(IRR)" if opts.get("irr") else ""))
    session.print(f"Wald chi2({dof}) = " + (f"{chi2:8.2f}" if np.isfinite(chi2) else "       .") + " " * 32 + (f"Prob > chi2 = {p:8.4f}" if np.isfinite(p) else "Prob > chi2 =        ."))

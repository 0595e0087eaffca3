"""``mixed`` results read by ``estimates use``: the model rebuilt at e(b) once
``estimates esample:`` has marked the rows it used.

As xtmixed_p.ado's ``ConstCommand`` (which reruns ``xtmixed`` from e() ``if e(sample)`` at
e(b) to get BLUPs): e(cmdline) is read again, the model's design built on the rows of
e(sample), and the fit object made at the stored estimates, never re-estimated:

    beta = e(b)'s fixed part,  phi = e(b)'s lns*/atr*/lnsig_e  ->  (Lambda(theta), sigma^2)
    V(beta), V(phi) (and cov(beta, phi) of a robust fit) = the blocks of e(V),  ll = e(ll)

so ``predict reffects/reses/fitted/residuals/rstandard`` and ``margins`` give the numbers of
the original fit on the same data.  A model with a ``residuals()`` structure, or data whose
design no longer matches e(b), keeps the e(b)-only fit (``estimation.stored_mixed``).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.results import MIXED_COMMANDS


# what data that cannot hold the stored model raise while it is rebuilt
_CANNOT = (StataError, ValueError, KeyError, IndexError, np.linalg.LinAlgError)


def with_rebuilt_model(session, e):
    """``e`` with its fit object rebuilt at e(b) on e(sample) when it holds ``mixed`` results
    read from a file (else ``e`` itself); ``session.e`` must be ``e`` (e(sample) is read)."""
    from mlmcli.estimation.stored_mixed import StoredMixedFit

    if e.cmd not in MIXED_COMMANDS or not isinstance(e.model, StoredMixedFit):
        return e
    if e.sample is None or not np.asarray(e.sample, bool).any() or getattr(session.data, "lazy", False):
        return e
    try:
        built = _rebuild(session, e)
    except _CANNOT:
        return e  # the data cannot hold the model (a variable gone ...): xb and stdp still work
    if built is None:
        return e
    fit, design = built
    return dataclasses.replace(e, model=fit, design=design)


def with_fixed_design(session, e):
    """``e`` (results just read from a file); ``mixed`` results get the e(b)-only fit object
    and the fixed-effects design rebuilt from e(cmdline) on the data in memory, so
    ``margins`` has the model's terms (no design when the data cannot hold it or its
    columns are not e(b)'s)."""
    from mlmcli.commands.estimation.mixed_design import estimation_sample
    from mlmcli.commands.estimation.mixed_equations import resolve_equation
    from mlmcli.factor_variables import build_design, parse_terms
    from mlmcli.estimation.stored_mixed import StoredMixedFit

    if e.cmd not in MIXED_COMMANDS or "b" not in e.matrices or "V" not in e.matrices:
        return e
    e = dataclasses.replace(e, model=StoredMixedFit.from_results(e))  # xb, stdp, margins from e(b), e(V)
    if not session.data.nobs or getattr(session.data, "lazy", False):
        return e
    try:
        mc = _command(session, e)
        if mc is None:
            return e
        ds = session.data
        terms = parse_terms(ds, mc.fixed) if mc.fixed.strip() else []
        equations = [resolve_equation(ds, eq) for eq in mc.equations]
        sample = estimation_sample(session, mc, ds.resolve(mc.depvar), terms, equations, [])
        if not sample.any():
            return e
        design = build_design(ds, terms, sample, constant=not mc.noconstant)
    except _CANNOT:
        return e
    if tuple(design.column_names) != tuple(e.model.fixed_names):
        return e
    return dataclasses.replace(e, design=design)


def _command(session, e):
    """The ``MixedCommand`` of e(cmdline), None without one; its method is e(method) (xtmixed
    under ``version`` < 12 defaulted to REML without saying so in the command line)."""
    from mlmcli.commands.estimation.mixed_syntax import parse_mixed

    words = e.macros.get("cmdline", "").split(None, 1)
    if len(words) < 2:
        return None
    mc = parse_mixed(words[1], sample_anywhere=True)
    if e.macros.get("method") == "REML":
        mc.options.pop("mle", None)
        mc.options["reml"] = True
    return mc


def _rebuild(session, e):
    from mlmcli.commands.estimation.mixed import build_model

    mc = _command(session, e)
    if mc is None:
        return None
    mc = dataclasses.replace(mc, if_exp="e(sample)", in_range=None)  # ConstCommand: `if e(sample)'
    built = build_model(session, mc)
    spec = built.spec
    if spec.residuals is not None and not spec.residuals.plain:
        return None
    return fit_at_stored_estimates(spec, e), built.design


def fit_at_stored_estimates(spec, e):
    """``mlmcli.mixed.fit.MixedFit`` of ``spec`` at e(b) and e(V) (module docstring); None
    when e(b)'s names are not the model's (other data, another model)."""
    from mlmcli.mixed.fit import MixedFit
    from mlmcli.mixed.likelihood import MixedModel

    model = MixedModel(spec)
    coefs = e.coefficients()
    depvar = e.macros.get("depvar", "")
    fixed = coefs.fixed_part(depvar)
    estimable = [lab.name for lab in spec.coef_labels if not (lab.base or lab.omitted)]
    phi_names = [n for c in model.covs for n in c.est_names()] + ["lnsig_e"]
    phi_cols = [coefs.names.index(f"{n}:_cons") if f"{n}:_cons" in coefs.names else -1 for n in phi_names]
    if list(fixed.names) != estimable or min(phi_cols, default=0) < 0:
        return None
    phi = coefs.b[phi_cols]
    beta_cols = [coefs.names.index(f"{depvar}:{n}") if f"{depvar}:{n}" in coefs.names else coefs.names.index(n)
                 for n in fixed.names]
    lams, sigma2 = model.from_phi(phi)
    theta = []
    for c, lam, d in zip(model.covs, lams, model.zscale):
        scaled = d[:, None] * lam  # lambdas(theta) = Lambda~(theta) / d: Lambda~ = D Lambda
        theta.append(c.theta_from_relcov(scaled @ scaled.T))
    theta = np.concatenate(theta) if theta else np.zeros(0)
    V = coefs.V
    robust = e.macros.get("vcetype") == "Robust"
    V_cross = V[np.ix_(beta_cols, phi_cols)] if robust else None
    n_clusters = int(e.scalars["N_clust"]) if robust and "N_clust" in e.scalars else None
    return MixedFit(spec, model, theta, fixed.b.copy(), float(sigma2), phi, fixed.V.copy(),
                    V[np.ix_(phi_cols, phi_cols)], float(e.scalars.get("ll", np.nan)),
                    bool(e.scalars.get("converged", 1.0)), [], float(e.scalars.get("ll_c", np.nan)),
                    V_cross, n_clusters)

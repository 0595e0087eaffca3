"""``svy: glm``: glm's own preparation and maximum-likelihood fit (commands/estimation/
generalized_linear.py) with the svyset pweight on the subpopulation's rows, then the scores
(-H)^-1 w_i s_i -- s_i = x_i (y_i - mu_i) mu'_i / V(mu_i), H the observed Hessian ml uses --
for the linearized variance, or a refit per replicate.  glm's family(), link(), offset(),
exposure(), noconstant, eform, level() and the ml options are honoured; irls, scale(), disp(),
vfactor(), fisher() and vce() are refused (svy's own variance)."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError

_REFUSED = ("irls", "scale", "disp", "vfactor", "fisher", "vce", "robust", "cluster", "ml", "collinear")


def glm_fit(session, weighted):
    """(fit, labels, b, scores, rows, notes, extra) as survey_models' fits return them."""
    from mlmcli.commands.estimation.generalized_linear import OPTIONS, fit_command
    from mlmcli.commands.estimation.glm import offset_vector, variable_option
    from mlmcli.glm.generalized_linear import fit_generalized_linear, step_quantities
    from mlmcli.syntax.options import resolve_options

    opts = resolve_options(weighted.options, OPTIONS)
    for key in _REFUSED:
        if opts.get(key) not in (None, False):
            raise StataError(f"svy: glm option {key} is not supported by mlmcli", 198)
    fit, design, sample, _, _ = fit_command(session, weighted, opts)
    ds = session.data
    rows = np.flatnonzero(sample)
    X = np.asarray(design.X, float)
    offset, _ = offset_vector(ds, sample, variable_option(ds, opts, "exposure"), variable_option(ds, opts, "offset"))
    off = np.zeros(len(rows)) if offset is None else np.asarray(offset, float)[sample]
    m = fit.family.denominators(len(rows))
    family, link = fit.family, fit.link
    _, mu, d1, d2, V = step_quantities(family, link, X, fit.y, m, off, fit.w, fit.beta)
    r = fit.y - mu
    curv = fit.w * (d1 ** 2 / V - r * (d2 / V - d1 ** 2 * family.variance_derivative(mu) / V ** 2))
    if fit.influence_rows is not None and fit.irls_deviances is None:  # fitted on shifted columns:
        scores = fit.influence_rows  # its rows' S' B' T' (here S B cancels to nothing)
    else:
        try:
            bread = np.linalg.inv(X.T @ (X * curv[:, None]))
        except np.linalg.LinAlgError:
            raise StataError("Hessian is not negative semidefinite", 430) from None
        scores = (X * (fit.w * r * d1 / V)[:, None]) @ bread
    fit_rows = np.zeros(ds.nobs, bool)
    fit_rows[rows] = True

    def estimate(wd):  # a replicate's refit from the full-sample estimates
        return fit_generalized_linear(fit.depvar, fit.labels, X, fit.y, family, link, offset=off,
                                      weight=wd[rows], pweight=True, vce="robust", start=fit.beta).beta

    opts = {**opts, "or": None, "eform": opts.get("eform")}
    extra = {"depvar": fit.depvar, "design": design, "fit_rows": fit_rows, "opts": opts, "estimate": estimate}
    return fit, fit.labels, np.asarray(fit.beta, float), scores, rows, tuple(design.notes), extra


def eform_label(fit) -> str:
    from mlmcli.render.glm_header import eform_heading

    return eform_heading(fit)


def glm_matrices(fit, V: np.ndarray):
    """e(b) and e(V) of svy: glm: glm's names (depvar:coefficient), base and omitted columns zero."""
    from mlmcli.results.matrix import Matrix

    names = tuple(f"{fit.depvar}:{lab.name}" for lab in fit.labels)
    est = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
    b = np.zeros(len(names))
    b[est] = fit.beta
    full = np.zeros((len(names), len(names)))
    full[np.ix_(est, est)] = V
    return Matrix(b[None, :], ("y1",), names), Matrix(full, names, names)


def with_design_variance(fit, V: np.ndarray, metric=None):
    """The fit with the design's V; ``metric``: fitted on shifted columns, the design's V' there
    (survey_models._linearized_metric; IRLS's scores are not those rows: the user's units)."""
    return dataclasses.replace(fit, V=V, vce="linearized",
                               fitted_metric=metric if fit.irls_deviances is None else None)

"""``mlmr2`` (SSC; help at fmwww.bc.edu/repec/bocode/m/mlmr2.sthlp): Rights and Sterba's R-squared
measures after ``mixed``.  Written from the help and the papers (the ado-file was not available):
the decomposition is ``mlmcli.postest.multilevel_r2``; the layout and r() names are mlm's own.

    mlmr2

After a two-level ``mixed`` fit (random intercept and/or random slopes, one level variable;
mlmr2 itself allows up to five nested levels -- mlm refuses more than two) it shows the total,
within and between measures f1 f2 v m f fv fvm and warns of predictors at risk of conflation.
Cross-classified models (``_all: R.x``) are refused, as the help says; so are weighted fits
and residual structures other than independent (the framework's sigma2 is one variance).
r(): matrix r(R2) (rows f1 f2 v m f fv fvm; columns total within between) and matrix
r(components) (f1 f2 v m sigma2).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def cmd_mlmr2(session, cmd) -> None:
    from mlmcli.postest.multilevel_r2 import decompose
    from mlmcli.render.multilevel_r2 import render_multilevel_r2
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.multilevel_r2 import MEASURES

    if cmd.args.strip() or cmd.options or cmd.if_exp or cmd.in_range or cmd.weight:
        raise StataError("invalid syntax", 198)
    e = session.e
    if e is None or e.cmd != "mixed" or e.model is None or not hasattr(e.model, "re_terms"):
        raise StataError("mlmr2 works only after mixed", 301)
    fit = e.model
    terms = list(fit.re_terms())
    if any(t.crossed_factor for t in terms) or len(e.macros.get("ivars", "").split()) != len(terms):
        raise StataError("mlmr2 does not work with cross-classified models", 498)
    if len(terms) != 1:
        raise StataError("mlm's mlmr2 works only with two-level models", 498)
    if e.macros.get("rstructure", "independent") != "independent" or e.macros.get("wtype") or (
            hasattr(fit, "has_weights") and fit.has_weights()):
        raise StataError("mlm's mlmr2 works only with unweighted fits and independent residuals", 498)
    term = terms[0]
    names = [n.split(":", 1)[-1] for n in e.coefficients().fixed_part(e.macros.get("depvar", "")).names]
    X = np.asarray(fit.model_matrix(), float)
    gamma = np.asarray(fit.fixef(), float)
    if X.shape[1] != len(names):  # fixed_part() leaves out base and omitted columns, as X does
        raise StataError("mlmr2: the fixed-effects design could not be matched to e(b)", 498)
    res = decompose(e.macros.get("depvar", ""), term.levelvar, X, names, gamma, np.asarray(term.Z, float),
                    list(term.names), np.asarray(term.group), int(term.n_groups),
                    np.atleast_2d(np.asarray(fit.re_covariance(0), float)), float(fit.residual_variance()))
    session.print(render_multilevel_r2(res))
    values = np.full((len(MEASURES), 3), np.nan)
    for i, key in enumerate(MEASURES):
        values[i, 0] = res.total[key]
        if key in res.within and key != "f":
            values[i, 1] = res.within[key]
        if key in res.between:
            values[i, 2] = res.between[key]
    comps = ("f1", "f2", "v", "m", "sigma2")
    session.set_r({"R2": Matrix(values, MEASURES, ("total", "within", "between")),
                   "components": Matrix(np.array([[res.components[c] for c in comps]]), ("r1",), comps)})

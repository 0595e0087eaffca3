"""fpfit's ``estcmd(mlogit) estopts(vce(jackknife, saving() keep reject() n()))``: the prefix in
every fit fracpoly makes (``graphs.fpfit_ml_jackknife``), then fracpred's refusal.

mlogit's ``_vce_parserun`` runs ``jackknife _b: mlogit y ...`` for frac_154's first fit (the
constants alone), each candidate under ``capture`` (its terms temporary variables) and the final
model on fracgen's ``Ix__1 Ix__2``; twoway__fpfit_serset then calls fracpred, which refuses every
multinomial model ("mlogit not yet supported by fracpred", r(198), ``fpfit_grouped_models``): the
graph stops with that error, but what the prefix wrote stays -- ``saving()``'s file holds the
final model's replicates (the data, ``keep``'s variables among them, are restored).  When
fracpoly itself fails (``keep``: every candidate's ``confirm new variable`` fails on the first
fit's names; ``saving()`` without ``replace``: every fit after the first) it is the note.

e(b) is every outcome's equation -- the terms, then ``_cons`` -- named by the outcome's value
label or value, the base outcome's (the most frequent) coefficients zero and named ``o.``
(``commands.estimation.mlogit``).  _prefix_expand names the statistics ``<eq>_b_<name>``, an
equation that is not a name (a value: ``1``) ``_eq<its number>`` (``_eq2_b_Ix__1``), and a
coefficient name that is not one (``o.Ix__1``, ``o._cons``) ``_jk_<its column>``
(``fileformats.replicates.equation_statistics``).  Each replicate refits mlogit without the
observation (or the cluster of ``cluster()``); reject() and n() see its e() (e(b), e(V), e(cmd),
e(depvar) and mlogit's scalars, ``glm.stored_results.multinomial_scalars``).

Refused (``not supported by mlmcli``): a replicate whose outcomes or base outcome differ from the
full sample's (an outcome seen once, or a tie for the most frequent: jackknife would read its
coefficients by the full sample's names in another parametrisation), weights, and
``noconstant`` (whether frac_154 fits a first model then is not at hand).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def mlogit_prefixed(ctx, plot, cluster_var, y, x, w, vce, cluster, fp_settings, deviance) -> None:
    """fracpoly with mlogit under the prefix (module docstring); returns only by raising
    fracpred's error, or None when fracpoly failed (the note)."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.glm.multinomial import MultinomialSpec, fit_multinomial, omitted_name
    from mlmcli.glm.stored_results import multinomial_scalars
    from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefix_hooks, prefixed_fracpoly
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.mixed.spec import CoefLabel

    if w is not None:
        raise StataError("estopts(): vce(jackknife, saving() keep n() reject()) with weights and estcmd(mlogit) "
                         "not supported by mlmcli", 198)
    if not fp_settings["constant"]:
        raise StataError("estopts(): vce(jackknife, saving() keep n() reject()) with noconstant and estcmd(mlogit) "
                         "not supported by mlmcli", 198)
    hooks = prefix_hooks(ctx)
    depvar = plot.ys[0]
    outcomes = np.unique(y)
    eq_names = hooks.outcome_names(depvar, tuple(float(v) for v in outcomes))
    base = int(np.argmax(np.bincount(np.searchsorted(outcomes, y), minlength=len(outcomes))))

    def layout(names):
        equations, params = [], []
        for k, eq in enumerate(eq_names):
            equations += [eq] * len(names)
            params += [omitted_name(n) if k == base else n for n in names]
        return equations, params

    def estimate(X, keep, final, scalars, centre):
        rows = np.ones(len(y), bool) if keep is None else keep
        yy = y[rows]
        present = np.unique(yy)
        counts = np.bincount(np.searchsorted(outcomes, yy), minlength=len(outcomes))
        if len(present) != len(outcomes) or int(np.argmax(counts)) != base:
            raise StataError("estopts(): vce(jackknife, saving() keep n() reject()) with estcmd(mlogit) where leaving "
                             "out a replicate changes the outcomes or the base outcome not supported by mlmcli", 198)
        labels = tuple(CoefLabel(f"_fp{j}") for j in range(X.shape[1] - 1)) + (CoefLabel("_cons"),)
        spec = MultinomialSpec(depvar, np.searchsorted(outcomes, yy), tuple(float(v) for v in outcomes), eq_names,
                               base, X[rows], labels)
        try:
            fit = fit_multinomial(spec)
        except StataError as failure:
            raise FracpolyFailed(failure.message) from None
        if not fit.converged:
            raise FracpolyFailed("convergence not achieved")
        b, V = fit.e_matrices()
        return b.values.ravel(), V.values, (multinomial_scalars(fit) if scalars else {})

    command = PrefixedCommand("mlogit", depvar, depvar, (), estimate, len(y), layout=layout)
    fitted = prefixed_fracpoly(hooks, command, vce, fp_settings, x, plot.x, cluster, cluster_var,
                               lambda allowed: best_fp(y, x, **fp_settings, criterion=deviance, allowed=allowed))
    if fitted is None:
        return None
    raise StataError("mlogit not yet supported by fracpred", 198)

"""fpfit's ``estcmd(mlogit) estopts(vce(jackknife, saving() keep reject() n()))``: the prefix in
every fit fracpoly makes (``graphs.fpfit_ml_jackknife``), then fracpred's refusal.

mlogit's ``_vce_parserun`` runs ``jackknife _b: mlogit y ...`` for frac_154's first fit (the
constants alone; without a constant ``mlogit y z0, nocons`` on a variable of zeros, as for
logit: frac_chk's dist 1), each candidate under ``capture`` (its terms temporary variables) and
the final model on fracgen's ``Ix__1 Ix__2``; twoway__fpfit_serset then calls fracpred, which
refuses every multinomial model ("mlogit not yet supported by fracpred", r(198),
``fpfit_grouped_models``): the graph stops with that error, but what the prefix wrote stays --
``saving()``'s file holds the final model's replicates (the data, ``keep``'s variables among
them, are restored).  When fracpoly itself fails (``keep``: every candidate's ``confirm new
variable`` fails on the first fit's names; ``saving()`` without ``replace``: every fit after the
first) it is the note.

e(b) is every outcome's equation -- the terms, then ``_cons`` -- named by the outcome's value
label or value, the base outcome's (the most frequent, by the weights' sum) coefficients zero
and named ``o.`` (``commands.estimation.mlogit``).  _prefix_expand names the statistics
``<eq>_b_<name>``, an equation that is not a name (a value: ``1``) ``_eq<its number>``
(``_eq2_b_Ix__1``), and a coefficient name that is not one (``o.Ix__1``, ``o._cons``)
``_jk_<its column>`` (``fileformats.replicates.equation_statistics``).  Each replicate refits
mlogit without the observation (or the cluster of ``cluster()``) -- with fweights one copy of it
less, with pweights and iweights the others' weights times G/(G-1) (``_PrefixRun``); reject()
and n() see its e() (e(b), e(V), e(cmd), e(depvar) and mlogit's scalars,
``glm.stored_results.multinomial_scalars``).

A replicate whose mlogit has other outcomes (an outcome seen only in the rows left out) or
another base outcome (the most frequent changes) posts missing values: jackknife.ado takes
``_check_omit``'s pattern of e(b) (1 where _b or _se is not 0) from the full sample and the loops
(_loop_jknife, _fw, _iw: Stata 12's 2010 copies and Stata 16's alike) post missing values ("collinearity
in replicate sample is not the same as the full sample") when a replicate's e(b) has another
number of columns or its zeros (the base equation's) elsewhere; _jk_sum leaves such a replicate
out of V (and its multiplier is missing).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.glm.multinomial import MultinomialSpec, fit_multinomial, omitted_name
from mlmcli.glm.stored_results import multinomial_scalars
from mlmcli.graphs.fpfit_models import FracpolyFailed
from mlmcli.mixed.spec import CoefLabel


def mlogit_prefixed(ctx, plot, cluster_var, y, x, w, weight_kind, vce, cluster, fp_settings, deviance) -> None:
    """fracpoly with mlogit under the prefix (module docstring); returns only by raising
    fracpred's error, or None when fracpoly failed (the note)."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefix_hooks, prefixed_fracpoly

    hooks = prefix_hooks(ctx)
    depvar = plot.ys[0]
    constant = fp_settings["constant"]
    outcomes = np.unique(y)
    codes = np.searchsorted(outcomes, y)
    weights = np.ones(len(y)) if w is None else np.asarray(w, float)
    eq_names = hooks.outcome_names(depvar, tuple(float(v) for v in outcomes))
    base = _most_frequent(codes, weights, len(outcomes))

    def layout(names):
        equations, params = [], []
        for k, eq in enumerate(eq_names):
            equations += [eq] * len(names)
            params += [omitted_name(n) if k == base else n for n in names]
        return equations, params

    def estimate(X, keep, final, scalars, centre):
        if keep is None:
            rows, ww = np.ones(len(y), bool), weights
        elif keep.dtype == bool:
            rows, ww = keep, weights[keep]
        else:  # the replicate's weights (fpfit_ml_jackknife._PrefixRun._replicate_rows)
            rows = keep > 0
            ww = keep[rows]
        if len(np.unique(codes[rows])) != len(outcomes) or _most_frequent(codes[rows], ww, len(outcomes)) != base:
            raise FracpolyFailed("another parametrisation: _check_omit posts missing values")
        return _fit(X[rows], codes[rows], ww, scalars)

    def _fit(X, yy, ww, scalars):
        labels = tuple(CoefLabel(f"_fp{j}") for j in range(X.shape[1] - constant)) + (
            (CoefLabel("_cons"),) if constant else ())
        kind = weight_kind if w is not None else None
        spec = MultinomialSpec(depvar, yy, tuple(float(v) for v in outcomes), eq_names, base, X, labels,
                               fweight=ww if kind == "fweight" else None, pweight=ww if kind == "pweight" else None,
                               iweight=ww if kind == "iweight" else None, constant=constant)
        try:
            fit = fit_multinomial(spec)
        except StataError as failure:
            raise FracpolyFailed(failure.message) from None
        if not fit.converged:
            raise FracpolyFailed("convergence not achieved")
        b, V = fit.e_matrices()
        return b.values.ravel(), V.values, (multinomial_scalars(fit) if scalars else {})

    def null_scalars():
        """mlogit y z0, nocons: every outcome's probability 1/K (nothing estimated)."""
        K = len(outcomes)
        n = float(weights.sum()) if weight_kind == "fweight" and w is not None else float(len(y))
        return {"N": n, "ll": float(weights.sum() * np.log(1.0 / K)), "k": float(K), "k_eq": float(K),
                "k_eq_model": float(K), "k_eq_base": float(base + 1), "k_dv": 1.0, "k_out": float(K),
                "df_m": 0.0, "rank": 0.0, "ic": 0.0, "rc": 0.0, "converged": 1.0,
                "baseout": float(outcomes[base]), "ibaseout": float(base + 1)}

    wexp = None
    if w is not None:
        weight = getattr(plot.call, "weight", None)
        wexp = None if weight is None else f"= {weight.exp}"
    command = PrefixedCommand("mlogit", depvar, depvar, (), estimate, len(y), binomial_null=True, layout=layout,
                              weight_kind=weight_kind if w is not None else None, weights=None if w is None else weights,
                              weight_exp=wexp, null_scalars=null_scalars)
    fitted = prefixed_fracpoly(hooks, command, vce, fp_settings, x, plot.x, cluster, cluster_var,
                               lambda allowed: best_fp(y, x, **fp_settings, criterion=deviance, allowed=allowed))
    if fitted is None:
        return None
    raise StataError("mlogit not yet supported by fracpred", 198)


def _most_frequent(codes: np.ndarray, weights: np.ndarray, K: int) -> int:
    """mlogit's base outcome: the most frequent (by the weights' sum), the first of ties."""
    return int(np.argmax(np.bincount(codes, weights=weights, minlength=K)))

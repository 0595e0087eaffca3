"""fpfit's ``estcmd(xtreg) estopts(fe|be|mle vce(jackknife, saving() keep n() reject() idcluster() ...))``
and ``estcmd(xtlogit) estopts(re|fe vce(jackknife, ...))``: the prefix in every fit fracpoly makes
(``graphs.fpfit_ml_jackknife.prefixed_fracpoly``, as for the other estcmd()s).

``_vce_parserun xtreg|xtlogit, panel`` runs ``jackknife _b, cluster(panelvar) ...: cmd ...`` for each
fit of frac_154 (the replicates leave one panel out; jackknife's own ``cluster()`` is Stata's
"option cluster() not allowed": the note), so ``idcluster(v)`` -- which needs a cluster() -- is
read with the panels' cluster():

1. the first fit, not captured: the model without x (the constant; xtlogit, fe: none, skipped);
2. the candidates under ``capture``, their terms temporary variables;
3. the final model on fracgen's ``Ix__1 Ix__2`` (centred).

e(b)'s columns: xtreg, fe and be plain names (``_b_Ix__1 ... _b_cons``); xtreg, mle ``y:`` then
``sigma_u:_cons sigma_e:_cons``; xtlogit ``y:`` (re: then ``lnsig2u:_cons``).  ``saving()`` holds the
last fit's replicates (without ``replace`` the second fit fails: the note); ``keep``'s pseudovalues
make every later fit with a statistic of the same name fail (``_b_cons`` after the first fit: with
a constant no candidate survives, the note); ``reject()``/``n()`` see each fit's e() (e(b), e(V),
e(cmd), e(depvar), the command's scalars: e(N), e(N_g), e(ll), e(df_m) ...).  fracpoly's caller
preserved the data: nothing is left after the graph.
"""
from __future__ import annotations

import numpy as np


def prefix_vce(text: str, settings: dict):
    """The VCEChoice prefixed_fracpoly reads for ``vce(jackknife, ...)`` with outputs (None: none of
    saving(), keep, n(), reject(), idcluster(): the plain replicates); idcluster() is read as the
    panels' cluster() supplies it."""
    from mlmcli.graphs.fit_predictions import VCEChoice
    from mlmcli.graphs.fpfit_streg_jackknife import has_prefix_outputs
    from mlmcli.syntax.replicate_vce import leverage_settings

    head, _, rest = str(text).partition(",")
    typed_cluster = settings.get("cluster")
    found = leverage_settings(f"{head}, {rest} cluster(__panel)" if not typed_cluster else text)
    found = dict(found, cluster=typed_cluster)
    vce = VCEChoice("jackknife", mse=found["mse"], saving=found["saving"], jackknife=found)
    return vce if has_prefix_outputs(vce) else None


def xt_prefixed(ctx, vce, cmdname: str, depvar: str, equation: str, ancillary: tuple, fp_settings, y, x,
                in_sample, codes, ivar, estimate_rows, deviance, xname: str, uncentre: bool = True,
                renumbered: dict | None = None, renumber_other=None):
    """(model, e(b), e(V), e(df_r)) of fracpoly under the prefix, or None (fracpoly failed: the note).
    ``estimate_rows(X, keep, final, centre)`` -> (e(b), e(V), scalars): the command on the design X over
    the plot's rows (the terms, the constant last), ``keep`` the rows of its sample (``in_sample``)
    used (None: all; with weights each row's replicate weight); ``deviance(X)`` fracpoly's criterion
    over the plot's rows; ``renumbered``: gets keep idcluster(x)'s x over the plot's rows (the panel
    numbers 1..G on ``in_sample``, missing elsewhere), which fracgen's final terms read
    (``graphs.fpfit_renumbered_x``; None: a later fit reading the renumbered variable is refused);
    ``renumber_other(name, numbering)``: whether the command's later fits follow another variable
    renumbered (xtlogit, fe: y, the offset)."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefix_hooks, prefixed_fracpoly

    def estimate(X, keep, final, scalars, centre):
        return estimate_rows(X, keep, final, centre)

    hooks = {}
    if renumbered is not None:
        def renumber(name, numbering) -> bool:
            if name != xname:  # the panel variable: the same panels; y, an offset() ...: renumber_other
                return name == ivar or (renumber_other is not None and renumber_other(name, numbering))
            new_x = np.full(len(x), np.nan)
            new_x[in_sample] = np.asarray(numbering, float) + 1.0
            renumbered["x"] = new_x
            return True

        hooks = dict(renumber=renumber, renumbered_x=lambda: renumbered.get("x"))
    command = PrefixedCommand(cmdname, depvar, equation, ancillary, estimate, int(in_sample.sum()), **hooks)
    return prefixed_fracpoly(prefix_hooks(ctx), command, vce, fp_settings, x, xname, codes, ivar,
                             lambda allowed: best_fp(y, x, **fp_settings, criterion=deviance, allowed=allowed),
                             uncentre=uncentre)


def scalars_of(out: dict) -> dict:
    """The numeric e() scalars of an engine's result (b and V left out)."""
    return {k: float(v) for k, v in out.items()
            if k not in ("b", "V") and isinstance(v, (int, float, np.floating)) and not isinstance(v, bool)}


def xtlogit_fe_prefixed(ctx, vce, engine, ivar, y, x, fp_settings, deviance, names, renumbered: dict | None = None):
    """(b, V, the FP, e(df_r)) of fracpoly with xtlogit, fe under the prefix (module docstring);
    None: the note.  Each replicate the conditional logit on the panels left
    (``fpfit_xtlogit_ml.conditional_refit``).  keep idcluster(x) renames the panels' numbering
    over x (``renumbered``): the final terms on it are constant within each panel, so clogit
    (caller >= 11) omits them (``o.Ix__1``, b = 0 in the fit and in every replicate)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.graphs.fpfit_xtlogit_ml import conditional_refit

    depvar, xname = names or ("y", "x")
    in_sample = np.zeros(len(y), bool)
    in_sample[engine.used] = True
    n_g = float(np.unique(engine.codes).size)
    failed = []  # idcluster(y): every later fit's outcome positive

    def renumber_other(name, numbering) -> bool:
        """keep idcluster(v) over y or the offset (the panel numbers 1..G, constant within each
        panel): y -- every outcome positive, clogit drops every group ("outcome does not vary in
        any group", r(2000)), so each later fit fails; the offset -- clogit reads it, and being
        constant within each panel it cancels from the conditional likelihood (the fits are those
        without an offset), while fracpred's x b adds it (``renumbered["offset"]``)."""
        if name == depvar:
            failed.append(name)
            return True
        offset_name = engine.offset_name
        if offset_name is not None and name == offset_name and renumbered is not None:
            values = np.asarray(numbering, float) + 1.0
            engine.offset = values
            over_plot = np.full(len(y), np.nan)
            over_plot[in_sample] = values
            renumbered["offset"] = over_plot
            return True
        return False

    def estimate_rows(X, keep, final, centre):
        if failed:
            raise FracpolyFailed("outcome does not vary in any group")
        if no_within_variance(X[engine.used], engine.codes):  # clogit's "omitted because of no within-group variance"
            at = np.arange(engine.used.size) if keep is None else np.flatnonzero(keep)  # of the estimation rows
            k, panels = X.shape[1], engine.codes[at]
            return np.zeros(k), np.zeros((k, k)), {"N": float(at.size), "N_g": float(np.unique(panels).size),
                                                   "ll": null_loglik(y, engine.used[at], panels)}
        if keep is None:
            b, V, ll = engine.fit(X, final=final)
            return np.asarray(b, float), np.asarray(V, float), {"N": float(in_sample.sum()), "N_g": n_g, "ll": float(ll)}
        rows = np.flatnonzero(keep)
        codes = np.unique(engine.codes[rows], return_inverse=True)[1]
        b = conditional_refit(engine, X)(rows, codes)
        k = len(b)
        return np.asarray(b, float), np.full((k, k), np.nan), {"N": float(rows.size), "N_g": float(codes.max() + 1)}

    fitted = xt_prefixed(ctx, vce, "xtlogit", depvar, depvar, (), dict(fp_settings, constant=False), y, x, in_sample,
                         engine.codes, ivar, estimate_rows, deviance, xname, renumbered=renumbered,
                         renumber_other=renumber_other)
    if fitted is None:
        return None
    model, b, V, df_r = fitted
    return b, V, model, df_r, in_sample


def xtlogit_re_prefixed(ctx, vce, spec_of, fit, ok, codes, ivar, y, x, fp_settings, deviance, names, constant):
    """(b, V, the FP, e(df_r)) of fracpoly with xtlogit, re under the prefix; None: the note.
    ``spec_of(X, final, centre)`` the quadrature model's spec on the plot's rows X (the constant
    first), ``fit(X, final, centre)`` its fit; e(b) the fixed part then ``lnsig2u:_cons`` = 2 ln sigma_u."""
    import dataclasses

    from mlmcli.glmm.fit import fit_glmm
    from mlmcli.glmm.spec import subset_random_intercept

    depvar, xname = names or ("y", "x")

    def posted(out):
        theta = np.asarray(out.theta, float)
        p = out.model.p
        A = np.eye(p + 1)
        A[p, p] = 2.0  # lnsig2u = 2 ln sigma_u
        b = A @ np.concatenate([theta[:p], theta[-1:]])
        keep_idx = list(range(p)) + [len(theta) - 1]
        V = A @ np.asarray(out.V, float)[np.ix_(keep_idx, keep_idx)] @ A.T
        return b, V

    def first(X):  # the prefix's design (constant last) as the engine's (constant first)
        return np.column_stack([X[:, -1:], X[:, :-1]]) if constant else X

    def estimate_rows(X, keep, final, centre):
        Xe = first(X)
        if keep is None:
            out = fit(Xe, final, centre)
            b, V = posted(out)
            return b, V, {"N": float(ok.sum()), "N_g": float(codes.max() + 1), "ll": float(out.loglik),
                          "rank": float(np.linalg.matrix_rank(V))}
        rows = np.flatnonzero(keep)
        new_codes = np.unique(codes[rows], return_inverse=True)[1]
        full = spec_of(Xe, final, centre)
        full = dataclasses.replace(full, fixed=dataclasses.replace(full.fixed, start=None))
        out = fit_glmm(subset_random_intercept(full, rows, new_codes))
        if not out.converged:
            raise np.linalg.LinAlgError("replicate did not converge")
        b, V = posted(out)
        return b, V, {"N": float(rows.size), "N_g": float(new_codes.max() + 1), "ll": float(out.loglik)}

    fitted = xt_prefixed(ctx, vce, "xtlogit", depvar, depvar, ("lnsig2u",), fp_settings, y, x, ok, codes, ivar,
                         estimate_rows, deviance, xname)
    if fitted is None:
        return None
    model, b, V, df_r = fitted
    p = len(b) - 1
    return b[:p], V[:p, :p], model, df_r


def no_within_variance(X: np.ndarray, codes: np.ndarray) -> bool:
    """Whether every column of X (on the estimation rows) is constant within each panel."""
    if X.shape[1] == 0 or not np.all(np.isfinite(X)):
        return False
    order = np.argsort(codes, kind="stable")
    same_panel = codes[order][1:] == codes[order][:-1]
    steps = np.diff(X[order], axis=0)[same_panel]
    return bool(np.all(np.abs(steps) <= 1e-12 * np.maximum(1.0, np.abs(X).max())))


def null_loglik(y, rows, codes) -> float:
    """The conditional log likelihood at b = 0 over ``rows`` (each panel's -ln C(n, positives))."""
    from scipy.special import gammaln

    positive = (np.asarray(y, float)[rows] != 0).astype(float)
    n = np.bincount(codes, minlength=int(codes.max()) + 1).astype(float)
    k = np.bincount(codes, weights=positive, minlength=n.size)
    keep = n > 0
    return float(-np.sum(gammaln(n[keep] + 1) - gammaln(k[keep] + 1) - gammaln(n[keep] - k[keep] + 1)))


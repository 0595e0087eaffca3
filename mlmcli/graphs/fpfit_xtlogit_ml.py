"""``estcmd(xtlogit) estopts(vce(bootstrap|jackknife) constraints() from() collinear)``: what
fracpoly hands xtlogit in each of its fits (docs/fpfit_xtlogit_replicates.md).

- ``vce(jackknife [, mse])`` / ``vce(bootstrap [, reps() seed()])``: ``_vce_parserun xtlogit,
  panel`` runs every fit under the prefix with the panels as clusters; the prefix keeps the
  command's e(ll) (jackknife.ado's and bootstrap.ado's ``_e2r, xsca(F chi2 df_r df_m)``), so
  frac_dv's -2 e(ll) and the powers are the unprefixed fits'.  The final model's V is the
  replicates': jackknife leaves one panel of e(sample) out, V = (G-1)/G sum (b_(j) - bbar)(.)'
  (``mse``: about b), e(df_r) = G - 1 (fracpred's band on invttail(e(df_r), .)); bootstrap draws
  panels, V their covariance, no e(df_r) (the normal quantile).  re refits the quadrature model,
  fe the conditional logit on the informative panels left or drawn.
- ``constraints()`` and ``from()``: over xtlogit's e(b) names, ``y:__fp1 ...`` in the search and
  fracgen's ``y:Ix__1 ...`` in the final fit, ``y:_cons`` (re with a constant), ``lnsig2u:_cons``
  (re) -- ``fpfit_ml_start.constraints_and_start``; a constraint naming what a fit lacks is left
  out of it (makecns), an undefined number fails every fit (the note); from()'s values start the
  fit, 0 where none is given (xtlogit.ado's ``_mkvec``), and a name the fit lacks without
  ``skip`` fails fracpoly's first fit, the model without x (the note).  The engine's variance
  parameter is ln sigma_u = lnsig2u / 2.
- ``collinear``: fracpoly's terms are not collinear where xtlogit fits them: the same fits.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.fpfit_models import FracpolyFailed


def ml_options(ctx, spec: dict, names, constant: bool):
    """``fpfit_ml_start.ModelOptions`` of constraints() and from(), or None when neither is typed."""
    if spec.get("constraints") is None and spec.get("from") is None:
        return None
    from mlmcli.graphs.fpfit_ml_start import ModelOptions, read_from
    from mlmcli.postest.ml_constraints import constraint_numbers

    session = getattr(getattr(ctx, "jackknife_hooks", None), "session", None)
    if session is None or names is None:
        raise StataError("estopts(constraints() from()) with estcmd(xtlogit) not supported by mlmcli here", 198)
    texts = ()
    if spec.get("constraints") is not None:
        try:
            texts = tuple((k, session.constraints.get(k)) for k in constraint_numbers(spec["constraints"]))
        except StataError:
            raise FracpolyFailed("invalid constraints()") from None
    start = None
    if spec.get("from") is not None:
        try:
            start = read_from(session, spec["from"])
        except StataError as failure:  # a matrix not found ...: every fit fails
            raise FracpolyFailed(failure.message) from None
    options = ModelOptions(names[0], names[1], texts, start)
    parameters(options, 0, constant, False, None, spec["model"] == "re")  # the model without x
    return options


def parameters(options, k_terms: int, constant: bool, final: bool, centre, random: bool):
    """(LinearConstraints or None, start or None) over the engine's parameters of one fit: the
    terms, _cons (re with a constant), ln sigma_u (re); FracpolyFailed where xtlogit fails."""
    import dataclasses

    from mlmcli.graphs.fpfit_ml_start import constraints_and_start

    if options is None:
        return None, None
    try:
        cns, start = constraints_and_start(options, k_terms, constant, final, centre,
                                           ("lnsig2u",) if random else ())
    except StataError as failure:
        raise FracpolyFailed(failure.message) from None
    if random:  # lnsig2u = 2 ln sigma_u
        if cns is not None:
            R = np.array(cns.R, float)
            R[:, -1] *= 2.0
            cns = dataclasses.replace(cns, R=R)
        if start is not None:
            start = np.nan_to_num(start)
            start[-1] /= 2.0
    elif start is not None:
        start = np.nan_to_num(start)
    return cns, start


def replicate_variance(settings: dict, refit, codes: np.ndarray, b: np.ndarray, seed, strata=None,
                       observed_full=None, on_replicates=None) -> tuple[np.ndarray, float]:
    """(V, e(df_r) or NaN) of the final fit's ``b`` by the panels' replicates; ``refit(rows,
    new_codes)``: b on those rows of the estimation sample (module docstring).  bootstrap's
    strata() (codes per row), size(), mse and saving() (``on_replicates(B, observed)`` with e(b)
    whole, ``observed_full``, when refit gives it): ``graphs.fpfit_bootstrap_options``."""
    from mlmcli.panel.replicates import cluster_jackknife
    from mlmcli.replicate_variance import jackknife_variance

    def attempt(rows, new_codes):
        order = np.argsort(new_codes, kind="stable")
        try:
            return refit(rows[order], new_codes[order])
        except (StataError, np.linalg.LinAlgError, FloatingPointError) as err:  # the replicate's own failure: an x
            raise ValueError(str(err)) from None

    b = np.asarray(b, float)
    if settings["kind"] == "bootstrap":
        from mlmcli.graphs.fpfit_bootstrap_options import drawn_variance

        observed = np.asarray(b if observed_full is None else observed_full, float)
        from mlmcli.graphs.fpfit_bootstrap import stream_for

        rng = stream_for(settings, seed)
        V, B = drawn_variance(settings, codes, strata, attempt, observed, rng)
        if on_replicates is not None:
            on_replicates(B, observed)
        return V[:len(b), :len(b)], float("nan")
    if int(codes.max()) + 1 <= 2:
        raise FracpolyFailed("jackknife requires more than 2 clusters")
    summary = jackknife_variance(cluster_jackknife(attempt, codes, len(b)), b, mse=settings["mse"])
    if not summary.sufficient:
        raise FracpolyFailed("insufficient observations to compute jackknife standard errors")
    return summary.V, summary.df_r


def conditional_refit(engine, X: np.ndarray, with_ll: bool = False):
    """fe's replicate: the conditional logit on rows of the engine's estimation rows, panels
    ``new_codes`` (each informative: a panel's outcome varies or not whoever is left out); with
    constraints() each replicate is fitted under the final fit's constraints, as the prefix reruns
    xtlogit with them (b = T gamma + a over the free parameters gamma).  ``with_ll``: (b, e(ll))."""
    from mlmcli.conditional_likelihood import group_index, maximise, reduced_derivatives
    from mlmcli.conditional_robust import weighted_derivatives

    Xs = X[engine.used]
    cmap = engine._constraint_map(X.shape[1], True)

    def refit(rows, new_codes, offset=None):  # offset: bootstrap group(offset)'s renumbering
        off = offset if offset is not None else None if engine.offset is None else engine.offset[rows]
        derivatives, start = weighted_derivatives(None, off), None
        if cmap is not None:
            derivatives, start = reduced_derivatives(derivatives, cmap), cmap.gamma(np.zeros(X.shape[1]))
        b, ll, _, _, converged = maximise(derivatives, Xs[rows], engine.y[rows], group_index(new_codes), start=start)
        if not converged or not np.isfinite(ll):
            raise np.linalg.LinAlgError("clogit did not converge")
        b = b if cmap is None else cmap.theta(b)
        return (b, ll) if with_ll else b
    return refit

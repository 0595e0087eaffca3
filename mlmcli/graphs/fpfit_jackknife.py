"""fpfit's ``estopts(vce(jackknife, saving() keep reject() n()))``: the jackknife prefix that
fracpoly runs with every regress it fits, in fracpoly's order and with its names.

twoway__fpfit_serset preserves the data, keeps the plot's sample and runs ``capture fracpoly
regress y x, estopts``.  frac_154 then fits, each time with the options typed:

1. the model without x (``regress y if touse, options``; not captured: a failure there is
   fracpoly failing, the note);
2. every candidate under ``capture``, in its loop's order: the degree-1 models (one term each,
   the powers ascending), then, degree by degree up to ``degree()``, the models of that degree
   (the powers' index tuples ascending, p1 <= p2 ...); a repeated power is the previous term
   times log x.  Their terms are temporary variables.  A candidate whose fit fails is skipped
   (deviance missing); only those of the full degree compete for the final powers, and with none
   left fracgen has no powers and fracpoly fails (the note);
3. the final model on fracgen's variables (``regress y Ix__1 Ix__2 if touse, options``): fracgen
   names them with frac_mun's stub, ``I`` and the first four characters of x, then ``_`` and the
   term's number (x -> ``Ix__1``, ``weight`` -> ``Iweig__1``), each term minus its value at the
   centring point.

What the prefix does in those fits:

- ``saving(f)``: every fit writes f, so it holds the last fit's replicates (``_b_Ix__1 _b_Ix__2
  _b_cons`` of the final model).  Without ``replace`` the first fit writes f (or fails when it
  exists) and every later one fails with r(602): the candidates are all skipped, the note, and f
  holds the model without x (``_b_cons``).
- ``keep``: the first fit adds ``_b_cons`` to the (preserved) data, so each candidate's
  ``confirm new variable`` fails (r(110)): the note; the data are restored afterwards.
- ``reject()``/``n()``: checked in every fit with that fit's e() (``jackknife_checks``) over
  the preserved data (frac_mun's purge applied, fracgen's variables added for the final fit); a
  failing check skips a candidate, or fails fracpoly in the first and the final fit.

With the plot's weights (fweights, pweights, aweights with ``force``) frac_wgt hands them to every
fit, so each is regress's weighted jackknife (``mlmcli.ols_jackknife``: fweights one copy less per
replicate, the others the row left out): the file gets ``__jk_multiplier`` (the frequency, or
(G-1)/G with pweights; none with aweights) and ``jk_wtype``/``jk_wexp``, the checks see the
weighted e().  fracgen takes no weight: the terms are centred at the unweighted mean.

With ``noconstant`` (any ``vce(jackknife ...)`` or ``vce(bootstrap ...)``) frac_154's first fit is
``regress y if touse, nocons`` -- no coefficient at all -- under the prefix.  The prefix runs it on
the full sample, then expands its default expression list ``_b`` (``_prefix_explist, edefault``,
``_prefix_expand``) over an e(b) with no column ("e(b) has zero columns" r(322); with no ``b`` in
e(properties) "expression list required" r(100)): jackknife and bootstrap stop before any file is
posted or variable kept, so fracpoly fails, uncaptured, and twoway draws nothing but its note
(``fails_without_coefficients``).  reject() is asserted before the expansion, with the same end.
"""
from __future__ import annotations

from itertools import combinations_with_replacement
from typing import Callable

import numpy as np

from mlmcli.errors import StataError


class FitFailed(Exception):
    """One of fracpoly's fits failed under the replication prefix (frac_154 skips a candidate,
    fails on the first or final fit)."""


def with_replicate_outputs(vce) -> bool:
    """Whether the prefix does more than the band: saving(), keep, reject() or n()."""
    settings = vce.jackknife or {}
    return vce.kind == "jackknife" and bool(
        vce.saving is not None or settings.get("keep") or settings.get("reject")
        or settings.get("nfunc") not in (None, "e(N)"))


def weighted_replicates_fail(command: str, vce, weight_kind: str | None) -> bool:
    """Whether fracpoly fails (twoway's note) on the plot's weights with ``vce(bootstrap|jackknife)``
    and a command other than clogit, xtgee or mlogit.  frac_wgt hands the weight as typed
    (``[weight exp]``) to every fit, and ``_vce_parserun`` hands it on to the prefix:
    bootstrap.ado takes none without ``force`` (r(101); with it the caller does not ask here:
    ``graphs.fpfit_bootstrap`` weights every replicate); jackknife.ado takes fweights, pweights and iweights, and
    aweights only with ``force`` (``syntax [fw]``'s "aweights not allowed" r(101)).  regress then
    fits with its weighted jackknife (``mlmcli.ols_jackknife``: the band from it; with
    saving()/keep/reject()/n() in every fit, ``jackknife_fp``), the maximum-likelihood commands,
    glm and cnreg with jackknife.ado's weighted loops (``graphs.fpfit_ml_replicates``,
    ``graphs.fpfit_ml_jackknife``); refused where mlm has no weighted replicates: the other
    commands."""
    if vce.kind == "bootstrap":
        return True
    from mlmcli.syntax.replicate_vce import jackknife_weights

    try:
        jackknife_weights(vce.jackknife or {}, weight_kind)
    except StataError:
        return True
    # qreg, rreg: their own paths (graphs.fpfit_robust); the ML commands: fpfit_models.ML_COMMANDS
    if command not in ("regress", "qreg", "rreg", "logit", "logistic", "probit", "poisson", "nbreg", "ologit",
                       "oprobit", "glm", "cnreg"):
        raise StataError(f"estopts(): vce(jackknife) with weights and estcmd({command}) not supported by mlmcli",
                         198)
    return False


def fails_without_coefficients(command: str, constant: bool, vce) -> bool:
    """Whether fracpoly's first fit fails under the replication prefix: regress with noconstant
    (module docstring)."""
    return command == "regress" and not constant and vce.kind in ("jackknife", "bootstrap")


def fracgen_names(xname: str, count: int) -> list[str]:
    """fracgen's variables for x's terms: frac_mun's stub ``I`` + x[:4] + ``_``, then ``_j``."""
    stub = ("I" + xname)[:5] + "_"
    return [f"{stub}_{j}" for j in range(1, count + 1)]


def candidate_powers(powers, degree: int) -> list[tuple[float, ...]]:
    """frac_154's fits after the model without x, in its order (module docstring)."""
    ordered = sorted(set(powers))
    return [c for d in range(1, degree + 1) for c in combinations_with_replacement(ordered, d)]


def candidate_terms(x, fp_settings):
    """(powers, their terms over x) of frac_154's candidates in its order, the terms of x shifted
    and scaled as frac_xo does (best_fp's: over ``fp_settings["fracpoly_x"]``, fracpoly's own sample,
    when given); candidates with a term that is not finite left out."""
    from mlmcli.fractional_polynomials import POWERS, fp_terms, shift_and_scale

    frame = fp_settings.get("fracpoly_x")
    frame = x if frame is None else np.asarray(frame, float)[np.isfinite(frame)]
    shift, scale = shift_and_scale(frame, fp_settings["scaling"])
    z = (np.asarray(x, float) + shift) / scale
    for powers in candidate_powers(fp_settings["powers"] or POWERS, fp_settings["degree"]):
        terms = np.column_stack(fp_terms(z, powers))
        if np.all(np.isfinite(terms)):
            yield powers, terms



def fits_before_final(fit: Callable, hooks, x, fp_settings: dict, null_fit: bool | None = None):
    """The power tuples of ``fp_settings``' degree whose candidate fit ran, or None when the model
    without x failed.  ``fit(X, names)`` raises ``FitFailed`` when the fit fails under the prefix; X
    over x's rows, the constant last; ``null_fit``: whether frac_154 fits the model without x
    (None: with a constant)."""
    constant, degree = fp_settings["constant"], fp_settings["degree"]
    ones = [np.ones(len(x))] if constant else []
    if constant if null_fit is None else null_fit:
        try:
            fit(np.column_stack(ones) if ones else np.zeros((len(x), 0)), ["_cons"] * constant)
        except FitFailed:
            return None
    temp = [hooks.temp_name() for _ in range(degree)]  # frac_154's tempvars, the same in every candidate
    surviving = set()
    for powers, terms in candidate_terms(x, fp_settings):
        try:
            fit(np.column_stack([terms] + ones), temp[degree - len(powers):] + ["_cons"] * constant)
        except FitFailed:
            continue
        if len(powers) == degree:
            surviving.add(powers)
    return surviving

def jackknife_fp(ctx, plot, y, x, cluster, cluster_var, vce, fp_settings, rows):
    """(model, b, V, df_r, s2) of fracpoly regress with the prefix's outputs (module docstring),
    b and V over the design ``model.terms`` with the constant last; None: fracpoly failed (the
    note).  ``rows``: the plot's sample, the data twoway__fpfit_serset keeps (after its
    ``preserve``) -- what reject()'s and n()'s expressions see, without the variables frac_mun
    purges (``I`` + x[:4] ...) and, in the final fit, with fracgen's."""
    hooks = getattr(ctx, "jackknife_hooks", None)
    if hooks is None:
        raise StataError("estopts(): vce(jackknife, saving() keep n() reject()) not supported by mlmcli here", 198)
    if not fp_settings["constant"]:  # the prefix fails on frac_154's first fit (module docstring)
        return None
    session = hooks.session
    preserved = session.data.copy()
    preserved.take_rows(np.asarray(rows))
    purged = [v for v in preserved.varnames if v.startswith(("I" + plot.x)[:5])]
    if plot.ys[0] in purged:  # frac_mun's purge drops y: every fit fails
        return None
    preserved.drop_variables(purged)
    kept, session.data = session.data, preserved
    try:
        return _fracpoly_fits(hooks, plot, y, x, cluster, cluster_var, vce, fp_settings)
    finally:
        session.data = kept


def _fracpoly_fits(hooks, plot, y, x, cluster, cluster_var, vce, fp_settings):
    """jackknife_fp's fits, on the preserved data."""
    from mlmcli.fractional_polynomials import best_fp

    weight = getattr(plot.call, "weight", None)
    weighting = None if weight is None else (plot.weight_kind, f"= {weight.exp}")
    run = _PrefixRun(hooks, vce, plot.ys[0], y, cluster, cluster_var, fp_settings["w"], weighting)
    surviving = fits_before_final(run.fit, hooks, x, fp_settings)  # with a constant (jackknife_fp)
    if not surviving:  # the first fit failed, or fracgen without powers: fracpoly fails
        return run.finish(None)

    model = best_fp(y, x, **fp_settings, allowed=surviving)
    centred = model.centred_terms(x)
    names = fracgen_names(plot.x, centred.shape[1])
    for name, values in zip(names, centred.T):  # fracgen's variables, in the preserved data
        hooks.session.data.set_variable(name, values, vtype="double")
    try:
        fit = run.fit(np.column_stack([centred, np.ones(len(y))]), names + ["_cons"])
    except FitFailed:
        return run.finish(None)
    run.finish(fit)
    # back to the uncentred terms with the constant last: _cons - sum(b_j c_j)
    k = centred.shape[1]
    A = np.eye(k + 1)
    A[k, :k] = -np.asarray(model.center)
    return model, A @ fit.b, A @ fit.V @ A.T, fit.df_r, fit.rmse ** 2


class _PrefixRun:
    """The prefix's side of each regress fracpoly runs: the file, keep's names, the checks."""

    def __init__(self, hooks, vce, depvar, y, cluster, cluster_var, weight=None, weighting=None):
        self.hooks, self.vce, self.depvar, self.y = hooks, vce, depvar, np.asarray(y, float)
        self.cluster, self.cluster_var = cluster, cluster_var
        # frac_wgt's [weight exp], handed to every fit: (kind, "= exp") as typed
        self.weight, self.weighting = weight, weighting
        self.weight_kind = None if weighting is None else weighting[0]
        self.settings = vce.jackknife or {}
        self.kept: set[str] = set()  # keep's variables added in the preserved data
        self.saved = None  # the last fit's file contents (written once, at the end)
        self.written = False

    def fit(self, X, names):
        """regress y on X (the constant last) with the prefix; FitFailed when it fails."""
        from mlmcli.fileformats.replicates import coefficient_variable
        from mlmcli.ols import fit_ols

        try:
            if self.vce.saving is not None:
                self._check_file()
            if self.settings.get("keep"):
                self.hooks.check_keep(names)  # variables of the user's data
                if any(coefficient_variable(n) in self.kept for n in names):
                    raise StataError("variable already defined", 110)
            codes = np.arange(len(self.y)) if self.cluster is None else self.cluster
            checks = self.hooks.checks(self.settings, self.y, X, codes, tuple(names), self.depvar, self.weight,
                                       self.weight_kind)
            checks.full_sample()
            fit = fit_ols(self.y, X, constant=True, weight=self.weight, weight_kind=self.weight_kind,
                          vce="jackknife", cluster=self.cluster, mse=self.vce.mse,
                          replicate_filter=checks if checks.needed else None)
        except (StataError, np.linalg.LinAlgError):
            raise FitFailed from None
        if self.settings.get("keep"):
            self.kept.update(coefficient_variable(n) for n in names)
        if self.vce.saving is not None:
            self.saved = (list(names), fit.b, fit.replicates, fit.N, fit.multipliers)
            self.written = True
        return fit

    def _check_file(self):
        from mlmcli.fileformats.safe_write import check_writable

        saving = self.vce.saving
        if self.written and not saving["replace"]:  # this fracpoly's first fit wrote it
            raise StataError(f"file {saving['filename']} already exists", 602)
        check_writable(saving["filename"], saving["replace"])

    def finish(self, fit):
        """Write the file of the last fit that ran (the constant-only one when fracpoly failed)."""
        if self.saved is None:
            return None
        from mlmcli.fileformats.replicates import jackknife_dataset, save_jackknife

        names, b, replicates, n_obs, multipliers = self.saved
        saving = self.vce.saving
        regressors = " ".join(n for n in names if n != "_cons")
        command = f"regress {self.depvar} {regressors}".rstrip()
        if self.weighting is not None:  # _prefix_command's echo of the weight: [fweight= w]
            command += f" [{self.weighting[0]}{self.weighting[1]}]"
        save_jackknife(jackknife_dataset(names, b, replicates, cmdname="regress", command=command, n_obs=n_obs,
                                         double=saving["double"], cluster=self.cluster_var,
                                         multipliers=multipliers, weighting=self.weighting,
                                         nfunction=self.settings.get("nfunc", "e(N)")),
                       {**saving, "replace": True})
        self.saved = None
        return None

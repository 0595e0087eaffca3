"""fpfit's ``estopts(vce(jackknife, saving() keep reject() n()))`` with an estcmd() other than
regress (logit, logistic, probit, poisson, nbreg, ologit, oprobit, glm, cnreg; mlogit and xtgee
through ``graphs.fpfit_mlogit_jackknife``, ``graphs.fpfit_xtgee_jackknife``): the prefix in
each fit fracpoly makes, as ``graphs.fpfit_jackknife`` does for regress.

The command's ``_vce_parserun`` runs ``jackknife _b: cmd ...`` for every fit of frac_154:

1. the first fit, not captured (its failure is fracpoly's: the note): the command on the constant
   alone (ologit, oprobit: the cutpoints alone); without a constant logit and probit fit
   ``cmd y z0, nocons`` on a variable of zeros, which they omit (e(b) ``y:o.z0`` = 0, so every
   replicate is 0), and the other commands fit nothing;
2. the candidates under ``capture`` in frac_154's order (``fpfit_jackknife.candidate_powers``),
   their terms temporary variables; a candidate whose fit fails is skipped;
3. the final model on fracgen's ``Ix__1 Ix__2`` (centred), not captured.

jackknife expands ``_b`` over e(b) whole: the first equation's coefficients (equation ``y``, the
dependent variable; cnreg's ``model``), then nbreg's ``lnalpha:_cons`` (``lndelta``), ologit's
``cut1:_cons`` ..., cnreg's ``sigma:_cons``.  _prefix_expand names each statistic ``<eq>_b_<name>``
(``y_b_Ix__1``, ``y_b_cons``, ``lnalpha_b_cons``; ``_jk_<#>`` when that is not a name, as for
``o.z0``), labelled ``[y]_b[Ix__1]`` (``fileformats.replicates.equation_statistics``).  So:

- ``saving(f, replace)``: f holds the last fit's replicates (the final model's); without
  ``replace`` the first fit writes f and every later one fails (r(602)): the note;
- ``keep``: each fit's pseudovalue variables go into the (preserved) data, so a later fit with a
  statistic of the same name fails (``confirm new variable``): with a constant every candidate
  (``y_b_cons``), without one every candidate after the first (each has a term on the last
  temporary variable): the note unless ``degree(1)`` leaves the first candidate to win;
- ``reject()``/``n()``: asserted over the data with each fit's full-sample e() (r(9) skips a
  candidate, fails the first and the final fit), then checked with each replicate's e(); a
  rejected replicate is missing in f and out of V and e(df_r).  The e() they see: e(b), e(V)
  (``eq:name`` columns), e(cmd), e(depvar) and the scalars the command posts
  (``glm.stored_results``; cnreg: ``fpfit_censored.cnreg_scalars``); another e() is missing, as
  in Stata (reject() true: r(9) on the full sample; n(): "evaluated to missing", r(322)).

A candidate's replicates are computed only when reject() or n() can reject them (else the prefix
cannot fail after its full-sample fit, and only the last fit's replicates reach the file).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.graphs.fpfit_jackknife import FitFailed
from mlmcli.graphs.fpfit_jackknife_summary import (narrowed_frequencies, replicate_frequencies,
                                                  replicate_multipliers, replicate_vce)


@dataclass
class PrefixedCommand:
    """What the prefix needs of the command: ``estimate(X, keep, final, scalars)`` -> (e(b), e(V),
    scalars) on the design X (the constant last) over the rows ``keep`` of its sample (None: all;
    with ``weights``, the replicate's weights over every row, 0 where left out), raising when the
    command fails; ``n`` its sample's size; e(b)'s columns ``equation`` for the design's names
    then each ``ancillary`` equation's ``_cons`` (or ``layout``'s)."""
    cmdname: str
    depvar: str
    equation: str
    ancillary: tuple[str, ...]
    estimate: Callable
    n: int
    binomial_null: bool = False
    layout: Callable | None = None  # names -> (e(b)'s equations, names): mlogit's outcomes' equations
    weight_kind: str | None = None  # the loop's n() check (jackknife_checks.tolerant_count)
    weights: np.ndarray | None = None  # the weights as typed (``replicate_weights``); None: unweighted
    weight_exp: str | None = None  # ``= exp``: the file's _dta[jk_wexp]
    null_scalars: Callable | None = None  # e()'s scalars of ``cmd y z0, nocons`` (None: logit's, probit's)
    command_line: Callable | None = None  # names -> the saving() file's command (None: ``cmd y names``)
    model_variables: frozenset | None = None  # the variables the fits read (None: not known)
    renumber: Callable | None = None  # (name, codes) -> whether the later fits now read codes + 1 as name
    renumbered_x: Callable | None = None  # () -> x over the plot's rows after idcluster(x), or None
    sample: Callable | None = None  # () -> the later fits' rows (a renumbered weight 0 or missing drops some), or None
    # jackknife's nodrop: (each replicate's touse rows, the fit's clusters then replicates without rows of
    # the command's, whose fit is the full sample's; the latter's fweights or None; the fit's
    # replicates without a place of their own in the loop -- a missing multiplier -- or None)
    nodrop: tuple | None = None

    @property
    def loop_weights(self) -> str | None:
        """The weights the prefix's loop sees (None: _loop_jknife's, unweighted)."""
        return self.weight_kind if self.weights is not None else None


def prefixed_fracpoly(hooks, command: PrefixedCommand, vce, fp_settings, x, xname: str, cluster, cluster_var,
                      best_model, uncentre: bool = True, run=None):
    """(model, b, V, e(df_r)) of fracpoly under the prefix (module docstring), b and V uncentred
    (the terms, the constant last, then the ancillary parameters; ``uncentre`` False: the final
    fit's own, on the centred terms); None: fracpoly failed (the note).  ``x`` over the plot's sample (``command.estimate`` takes the command's rows),
    ``xname`` its variable; ``best_model(allowed)``:
    fracpoly's choice among the surviving power tuples; ``run``: as ``_PrefixRun`` (None: it), bootstrap's for stcox."""
    from mlmcli.graphs.fpfit_jackknife import fracgen_names
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.graphs.fpfit_jackknife import fits_before_final

    try:
        run = run if run is not None else _PrefixRun(hooks, command, vce, cluster, cluster_var)
    except FracpolyFailed:  # two clusters or fewer: jackknife fails in the first fit
        return None
    constant = fp_settings["constant"]
    ones = [np.ones(len(x))] if constant else []  # the designs are over x's rows (the command's: estimate)
    null_fit = constant or command.ancillary[:1] == ("cut1",)
    if not null_fit and command.binomial_null:
        try:
            run.omitted_fit("o." + hooks.temp_name())
        except FitFailed:
            return run.finish(None)
    surviving = fits_before_final(run.fit, hooks, x, fp_settings, null_fit)
    if surviving is None:
        return run.finish(None)
    try:
        model = best_model(surviving) if surviving else None
    except StataError:
        model = None
    if model is None:  # fracgen without powers: fracpoly fails
        return run.finish(None)
    new_x = command.renumbered_x() if command.renumbered_x is not None else None
    if new_x is not None:  # fracgen reads the renumbered x (graphs.fpfit_renumbered_x)
        from mlmcli.graphs.fpfit_renumbered_x import refracgen

        model, x = refracgen(model, new_x, fp_settings), new_x
    with np.errstate(invalid="ignore", divide="ignore"):  # missing outside the command's rows
        centred = model.centred_terms(x)
    names = fracgen_names(xname, centred.shape[1])
    try:
        theta, V, df_r = run.fit(np.column_stack([centred] + ones), names + ["_cons"] * constant, final=True,
                                 centre=model.center)
    except FitFailed:
        return run.finish(None)
    run.finish(True)
    k = centred.shape[1]
    A = np.eye(theta.size)  # back to the uncentred terms: _cons - sum(b_j c_j); ancillary unchanged
    if constant and uncentre:
        A[k, :k] = -np.asarray(model.center)
    return model, A @ theta, A @ V @ A.T, df_r


def idcluster_overwrite(hooks, settings: dict, cluster_var, renumbers: bool = False) -> str | None:
    """The existing variable jackknife's ``keep idcluster(name)`` overwrites, or None.  jackknife.ado
    (Stata 12; Stata 16's 9.13.0 alike) reads idcluster() only with ``keep``: after merging the
    pseudovalues it runs ``capture confirm new variable``, else ``confirm variable`` and ``drop``,
    then renames its cluster numbering (1..G in the clusters' sort order on the estimation
    sample, missing elsewhere) to the name; the saving() file drops that numbering.  A new name
    changes no later fit, and fracpoly's caller preserved the data, so nothing is left after the
    graph.  The cluster variable itself keeps its partition, so only a command that follows its
    other readings (``renumbers``: ``PrefixedCommand.renumber``, e.g. the weight ``[pw=c]``) is
    told of it; for the others it changes nothing they read."""
    name = settings.get("idcluster")
    if not (name and settings.get("keep")) or hooks.new_variables([name]):
        return None
    if name == cluster_var and not renumbers:
        return None
    return name


def check_renumbered_read(name: str | None, renumbered: bool, model_variables) -> None:
    """A fit that runs after a fit whose jackknife renumbered ``name`` reads the new values when
    ``name`` is among its variables (``model_variables``; None: not known, so possibly): that one
    case (keep with noconstant and degree(1), where a fit succeeds after another) is refused."""
    if name is None or not renumbered or (model_variables is not None and name not in model_variables):
        return
    raise StataError(f"estopts(): jackknife's keep with idcluster({name}) renumbering {name}, which a later fit "
                     "of fracpoly reads, not supported by mlmcli", 198)


class _PrefixRun:
    """The prefix's side of each fit: the file, keep's names, reject() and n(), the replicates."""

    def __init__(self, hooks, command: PrefixedCommand, vce, cluster, cluster_var):
        from mlmcli.graphs.fpfit_ml_replicates import replicate_groups

        self.hooks, self.command, self.vce = hooks, command, vce
        self.settings = vce.jackknife or {}
        self.cluster_var = cluster_var
        self.overwritten = idcluster_overwrite(hooks, self.settings, cluster_var, command.renumber is not None)
        self.renumbered = False  # a fit's jackknife has renamed its numbering over ``overwritten``
        self.codes = replicate_groups(command.n, cluster)  # r(459) with 2 clusters: as the first fit failing
        self.all_codes = self.codes  # before a renumbered weight narrows the later fits' sample
        self.frequencies = replicate_frequencies(command, self.codes, cluster)
        self.checks = hooks.result_checks(self.settings, command.cmdname, command.weight_kind)
        self.added = 0 if command.nodrop is None else len(command.nodrop[0]) - int(self.codes.max()) - 1
        if self.added:  # nodrop: n() fails them (ResultChecks.needed), nocount keeps them in V
            added = command.nodrop[1] if command.nodrop[1] is not None else np.ones(self.added)
            self.frequencies, self.checks.nodrop = np.concatenate([self.frequencies, added]), True
            if len(command.nodrop) > 2 and command.nodrop[2] is not None:  # no replicate of their own
                self.frequencies[command.nodrop[2]] = np.nan
        self.kept: set[str] = set()
        self.saved = None  # the last fit's file contents, or how to compute them
        self.written = False

    def _params(self, names):
        command = self.command
        if command.layout is not None:
            return command.layout(names)
        equations = [command.equation] * len(names) + list(command.ancillary)
        return equations, list(names) + ["_cons"] * len(command.ancillary)

    def _prefix_checks(self, equations, names):
        from mlmcli.fileformats.replicates import equation_statistics

        if self.vce.saving is not None:
            from mlmcli.fileformats.safe_write import check_writable

            saving = self.vce.saving
            if self.written and not saving["replace"]:  # this fracpoly's first fit wrote it
                raise FitFailed
            try:
                check_writable(saving["filename"], saving["replace"])
            except StataError:
                raise FitFailed from None
        variables = [v for v, _ in equation_statistics(equations, names)]
        if self.settings.get("keep") and (not self.hooks.new_variables(variables) or self.kept & set(variables)):
            raise FitFailed
        return variables

    def fit(self, X, names, final: bool = False, centre=None):
        """One fit under the prefix: (e(b), V, e(df_r)) for the final model; FitFailed when it fails."""
        from mlmcli.graphs.fpfit_models import FracpolyFailed

        equations, params = self._params(names)
        variables = self._prefix_checks(equations, params)
        check_renumbered_read(self.overwritten, self.renumbered, self.command.model_variables)
        if self.frequencies is None:  # idcluster()'s new fweights (_renumber)
            raise FitFailed
        checking = self.checks.needed
        try:
            theta, V_model, scalars = self.command.estimate(X, None, final, checking, centre)
            if checking:
                self.checks.check_full(self._results(equations, params, theta, V_model, scalars))
        except (FracpolyFailed, np.linalg.LinAlgError):
            raise FitFailed from None
        except StataError as failure:
            if is_mlm_refusal(failure):
                raise
            raise FitFailed from None

        def replicates():
            return self._replicates(X, equations, params, theta, final, centre)

        R = replicates() if checking or final else None
        # jackknife.ado posts the file, merges keep's pseudovalues and renames idcluster()'s
        # numbering before _jk_sum computes V
        if self.settings.get("keep"):
            self.kept.update(variables)
            self._renumber()
        if self.vce.saving is not None:
            self.saved = (equations, params, theta, R if R is not None else replicates, names)
            self.written = True
        if R is None:
            return theta, None, None
        try:
            V, df_r = replicate_vce(theta, R, self.frequencies, self.command.loop_weights, self.vce.mse)
        except FracpolyFailed:
            raise FitFailed from None
        return theta, V, df_r

    def _renumber(self):
        """idcluster()'s numbering renamed over ``overwritten``: the command's later fits read it
        (``PrefixedCommand.renumber``), else a later fit reading it is refused."""
        if self.overwritten is None:
            return
        renumber = self.command.renumber
        if renumber is None or not renumber(self.overwritten, self.codes):
            self.renumbered = True
        else:  # fweights renumbered: each replicate's frequency follows (_loop_jknife_fw)
            from mlmcli.graphs.fpfit_models import FracpolyFailed

            mask = None if self.command.sample is None else self.command.sample()
            try:
                if mask is None:
                    self.codes = self.all_codes
                    self.frequencies = replicate_frequencies(self.command, self.codes, None)
                else:  # the later fits' clusters: those with rows left (-1: a row out of them)
                    self.codes = np.full(self.all_codes.shape, -1)
                    self.codes[mask] = np.unique(self.all_codes[mask], return_inverse=True)[1].reshape(-1)
                    self.frequencies = narrowed_frequencies(self.command, self.codes, mask)
            except FracpolyFailed:  # not constant within a cluster: the later fits' jackknife fails
                self.frequencies = None

    def omitted_fit(self, name: str):
        """``cmd y z0, nocons`` (logit, probit, mlogit): z0 omitted, e(b)'s columns (each outcome's
        equation with mlogit) ``o.z0`` = 0 in every replicate; e()'s scalars ``null_scalars``' or,
        for logit and probit, p = 1/2: e(ll) = N ln 1/2."""
        equations, params = self._params([name])
        variables = self._prefix_checks(equations, params)
        theta, n = np.zeros(len(params)), self.command.n
        weights = self.command.weights
        total = float(n) if weights is None else float(np.sum(weights))  # each weight's unit at p = 1/2
        if self.command.null_scalars is not None:
            scalars = self.command.null_scalars()
        else:
            N = total if self.command.loop_weights == "fweight" else float(n)
            scalars = {"N": N, "N_cds": 0.0, "N_cdf": 0.0, "ll": total * np.log(0.5), "ll_0": total * np.log(0.5),
                       "k": 1.0, "k_eq": 1.0, "k_dv": 1.0, "df_m": 0.0, "chi2": 0.0, "r2_p": 0.0, "rank": 0.0,
                       "converged": 1.0, "rc": 0.0}
        if self.checks.needed:
            try:
                self.checks.check_full(self._results(equations, params, theta, np.zeros((theta.size,) * 2), scalars))
            except StataError as failure:
                if is_mlm_refusal(failure):
                    raise
                raise FitFailed from None
        groups = int(self.codes.max()) + 1
        if self.settings.get("keep"):
            self.kept.update(variables)
            self._renumber()
        if self.vce.saving is not None:
            self.saved = (equations, params, theta, np.zeros((groups, theta.size)), [name])
            self.written = True

    def _replicate_rows(self, g: int):
        """What replicate g's command gets (``PrefixedCommand.estimate``'s ``keep``): the rows
        without g's (_loop_jknife), or with weights each row's weight -- g's rows one copy less
        with fweights (_loop_jknife_fw), left out (0) and the others' times G/(G-1) with pweights
        and iweights (_loop_jknife_iw)."""
        left_out = self.codes == g
        w, kind = self.command.weights, self.command.loop_weights
        if kind not in ("fweight", "pweight", "iweight"):
            return ~left_out
        if kind == "fweight":
            return w - left_out
        G = int(self.codes.max()) + 1 + self.added
        return np.where(left_out, 0.0, w * G / (G - 1))

    def _replicates(self, X, equations, params, theta, final, centre) -> np.ndarray:
        """One row per replicate (missing where the command fails or the checks reject it)."""
        from mlmcli.graphs.fpfit_models import FracpolyFailed

        groups = int(self.codes.max()) + 1 + self.added
        R = np.full((groups, theta.size), np.nan)
        for g in range(groups):
            keep = self._replicate_rows(g)
            try:
                b, V, scalars = self.command.estimate(X, keep, final, self.checks.needed, centre)
            except (FracpolyFailed, np.linalg.LinAlgError):
                continue
            if b.shape != theta.shape or not np.all(np.isfinite(b)):
                continue
            if self.checks.needed:
                size = (self.codes == g).sum() if self.command.nodrop is None else self.command.nodrop[0][g]
                mark = self.checks.usable(self._results(equations, params, b, V, scalars), int(size))
                if mark is not True:
                    continue
            R[g] = b
        return R

    def _results(self, equations, params, theta, V, scalars):
        return self.hooks.fit_results(self.command.cmdname, self.command.depvar,
                                      [f"{e}:{p}" for e, p in zip(equations, params)], theta, V, scalars)

    def finish(self, ran):
        """Write the file of the last fit that ran; None (fracpoly failed) unless ``ran``."""
        if self.saved is not None:
            from mlmcli.fileformats.replicates import jackknife_dataset, save_jackknife

            equations, params, theta, R, names = self.saved
            R = R() if callable(R) else R
            saving, command = self.vce.saving, self.command
            regressors = " ".join(n for n in names if n != "_cons")
            text = (command.command_line(names) if command.command_line is not None
                    else f"{command.cmdname} {command.depvar} {regressors}".rstrip())
            multipliers = replicate_multipliers(R, self.frequencies, command.loop_weights)
            weighting = None if command.weights is None else (command.weight_kind, command.weight_exp)
            save_jackknife(jackknife_dataset(params, theta, R, cmdname=command.cmdname, command=text,
                                             n_obs=float(self.command.n), double=saving["double"], cluster=self.cluster_var,
                                             nfunction=self.settings.get("nfunc") or "e(N)", equations=equations,
                                             multipliers=multipliers, weighting=weighting),
                           {**saving, "replace": True})
            self.saved = None
        return None if not ran else ran


def prefix_hooks(ctx):
    """The session's side (``commands.graphs.fit_jackknife_hooks``); a graph built outside a
    session cannot write files or read e()."""
    hooks = getattr(ctx, "jackknife_hooks", None)
    if hooks is None:
        raise StataError("estopts(): vce(jackknife, saving() keep n() reject()) not supported by mlmcli here", 198)
    return hooks

"""fpfit's ``estcmd(xtreg|xtlogit) estopts(vce(bootstrap, reject() saving() group() ...))``: the
bootstrap prefix around **each** fit fracpoly makes, where its outcome can change a fit.

``_vce_parserun xtreg|xtlogit, panel`` runs ``bootstrap _b, <typed options> cluster(tmpi)
idcluster(panelvar) idclustvar: cmd ...`` for every fit of frac_154 (bootstrap.ado 4.9.1,
_loop_bs 1.2.0, _vce_parserun 1.3.6):

1. the first fit, not captured: the model without x (the constant; without one -- xtlogit, fe,
   mle's noconstant -- frac_154 fits nothing here);
2. the candidates under ``capture`` in frac_154's order, their terms temporary variables;
3. the final model on fracgen's ``Ix__1 Ix__2`` (centred), not captured.

In each, after the full-sample run:

- ``reject(exp)`` (_prefix_reject): true with the full sample's e() is r(9) -- the first or the
  final fit failing makes fracpoly fail (the note), a candidate failing is skipped, which can
  change the powers chosen; then each replicate (_loop_bs: ``local rejected = exp``) where exp is
  true, missing or fails to evaluate is missing (out of V, missing in saving()'s file); fewer than
  two usable replicates is "insufficient observations" r(2000), the fit failing.  The e() exp
  sees: e(b) (``eq:name``: xtreg, fe/be unnamed, mle ``y:`` then ``sigma_u:_cons sigma_e:_cons``,
  xtlogit ``y:`` then re's ``lnsig2u:_cons``), e(cmd), e(depvar) and the scalars the engine posts
  (e(N), e(N_g), e(ll) ...; in a replicate e(N) the rows drawn, e(N_g) the panels drawn); another
  e() is missing.  A candidate's replicates are computed only when reject() can reject them.
- ``saving(f)`` (postfile after _prefix_reject): with ``replace`` f holds the last fit that ran;
  without it the first fit that runs writes f and every later fit fails on it (r(602)): the note,
  f holding that fit's replicates (xtlogit, fe: the first candidate's, on its temporary name).
- ``bca jackknifeopts(saving(f))``: JKAccel's leave-one-panel-out file, before the postfile
  (``graphs.fpfit_jkaccel``); ``group(v)`` renumbering y, the offset or the panels with strata()
  in each replicate (``graphs.fpfit_xt_bootstrap_group``).

The draws: the panels (each drawn copy a panel of its own: idcluster(panelvar)) within
``strata()``; a row with a stratum missing is marked out of the draws only (bootstrap.ado's
``markout touse strata cluster`` after the full-sample run), so the full-sample fits keep it.
``seed()`` restarts the session's stream in each fit, else the draws carry on from it
(``fpfit_bootstrap.replicate_stream``), as without these options.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.graphs.fpfit_jackknife import FitFailed
from mlmcli.graphs.fpfit_models import FracpolyFailed


def needs_each_fit(settings: dict) -> bool:
    """Whether bootstrap's options can change a fit before the final one (module docstring)."""
    saving = settings.get("saving")
    return bool(settings.get("reject")) or (saving is not None and not saving["replace"])


@dataclass
class XtCommand:
    """What the prefix needs of the command.  ``estimate(X, final, centre)`` -> (e(b), e(V),
    scalars) on the design X over the plot's rows (the terms, the constant last); ``refit(X, final,
    centre, theta)`` -> a function (rows, panels) -> (e(b), scalars) on those estimation rows (row
    indices, repeated when drawn twice) with those panels; ``codes``: the panels of the estimation
    rows, ``strata`` their strata() codes (-1: missing) or None; ``equation`` e(b)'s first equation
    (``_``: unnamed), then each ``ancillary`` equation's ``_cons``."""
    cmdname: str
    depvar: str
    equation: str
    ancillary: tuple
    estimate: Callable
    refit: Callable
    codes: np.ndarray
    strata: np.ndarray | None
    ivar: str
    command_line: Callable  # the fit's names -> saving()'s _dta[command]
    group: tuple | None = None  # group(v)'s (role, v over the estimation rows): check_group


def bootstrap_fracpoly(ctx, settings: dict, command: XtCommand, fp_settings: dict, x, xname: str, best_model):
    """(model, e(b), e(V)) of fracpoly's final fit (over fracgen's centred terms, e(b) whole), or
    None: fracpoly failed (the note).  ``best_model(allowed)``: fracpoly's choice among the power
    tuples whose fits ran; ``x`` over the plot's rows."""
    from mlmcli.graphs.fpfit_jackknife import fracgen_names
    from mlmcli.graphs.fpfit_ml_jackknife import prefix_hooks
    from mlmcli.graphs.fpfit_jackknife import fits_before_final

    hooks = prefix_hooks(ctx)
    run = _BootstrapRun(ctx, hooks, settings, command)
    constant = fp_settings["constant"]
    ones = [np.ones(len(x))] if constant else []
    surviving = fits_before_final(run.fit, hooks, x, fp_settings)  # the first fit, the candidates
    if surviving is None:
        return run.finish(None)
    try:
        model = best_model(surviving) if surviving else None
    except (StataError, np.linalg.LinAlgError):
        model = None
    if model is None:  # fracgen without powers: fracpoly fails
        return run.finish(None)
    centred = model.centred_terms(x)
    try:
        theta, V = run.fit(np.column_stack([centred] + ones), fracgen_names(xname, centred.shape[1])
                           + ["_cons"] * constant, final=True, centre=model.center)
    except FitFailed:
        return run.finish(None)
    run.finish(True)
    return model, theta, V


def uncentred(model, theta, V, constant: bool):
    """e(b) and e(V) over fracgen's centred terms -> over the terms themselves (_cons less sum b_j c_j)."""
    k = len(model.center)
    A = np.eye(np.asarray(theta).size)
    if constant:
        A[k, :k] = -np.asarray(model.center, float)
    return A @ theta, A @ V @ A.T


class _BootstrapRun:
    """The prefix's side of each fit (module docstring)."""

    def __init__(self, ctx, hooks, settings: dict, command: XtCommand):
        self.ctx, self.hooks, self.settings, self.command = ctx, hooks, settings, command
        self.checks = None
        if settings.get("reject"):
            self.checks = hooks.result_checks({"reject": settings["reject"], "nfunc": None}, command.cmdname)
        strata = command.strata
        self.drawn_rows = np.arange(len(command.codes)) if strata is None else np.flatnonzero(strata >= 0)
        self.units = command.codes
        if command.group is not None and command.group[0] == "panel" and strata is not None:
            from mlmcli.graphs.fpfit_xt_bootstrap_group import stratum_pieces

            self.units = stratum_pieces(strata, command.codes)  # bsample's clusters: (stratum, panel)
        self.saved = None
        self.written = False
        from mlmcli.graphs.fpfit_jkaccel import accel_saving

        self.accel = accel_saving(settings)  # bca jackknifeopts(saving()): JKAccel's file
        self.accel_pending = None
        self.accel_written = False

    def _labels(self, names):
        command = self.command
        return ([n if command.equation == "_" else f"{command.equation}:{n}" for n in names]
                + [f"{eq}:_cons" for eq in command.ancillary])

    def _results(self, labels, theta, V, scalars):
        return self.hooks.fit_results(self.command.cmdname, self.command.depvar,
                                      [lab if ":" in lab else f"_:{lab}" for lab in labels], theta, V, scalars)

    def fit(self, X, names, final: bool = False, centre=None):
        """One fit under the prefix: (e(b), e(V) or None before the final fit); FitFailed when it fails."""
        from mlmcli.replication.draws import FAILED_FIT

        saving = self.settings.get("saving")
        labels = self._labels(names)
        try:
            theta, V_model, scalars = self.command.estimate(X, final, centre)
            theta = np.asarray(theta, float)
            if self.checks is not None:  # _prefix_reject
                self.checks.check_full(self._results(labels, theta, V_model, scalars))
        except (FracpolyFailed, *FAILED_FIT):
            raise FitFailed from None
        except StataError as failure:
            if is_mlm_refusal(failure):
                raise
            raise FitFailed from None
        if self.accel is not None:  # JKAccel, before bootstrap's postfile
            self._jkaccel(X, final, centre, theta, labels, names)
        if saving is not None:  # postfile: this fracpoly's file, or one there before, without replace
            from mlmcli.fileformats.safe_write import check_writable

            if self.written and not saving["replace"]:
                raise FitFailed
            try:
                check_writable(saving["filename"], saving["replace"])
            except StataError:
                raise FitFailed from None

        def replicates():
            return self._replicates(X, final, centre, theta, labels)

        B = replicates() if final or self.checks is not None else None
        if B is not None and int(np.all(np.isfinite(B), axis=1).sum()) < 2:  # r(2000): the fit fails
            raise FitFailed
        if saving is not None:
            self.saved = (labels, theta, B if B is not None else replicates, names)
            self.written = True
        if not final:
            return theta, None
        from mlmcli.graphs.fpfit_bootstrap import variance

        return theta, variance(B, theta, bool(self.settings.get("mse")))

    def _replicates(self, X, final, centre, theta, labels) -> np.ndarray:
        """reps() rows of e(b) (missing where the command fails or reject() rejects)."""
        from mlmcli.graphs import fpfit_bootstrap as boot

        command, checks = self.command, self.checks
        refit = command.refit(X, final, centre, theta)
        sub = self.drawn_rows

        def one(rows, new_codes):
            order = np.argsort(new_codes, kind="stable")  # the engines read panel order
            rows, new_codes = sub[rows[order]], new_codes[order]
            try:
                b, scalars = refit(rows, new_codes, **self._renumbered(rows, new_codes))
            except (FracpolyFailed, StataError) as failure:
                raise ValueError(str(failure)) from None
            b = np.asarray(b, float)
            if checks is not None and b.shape == theta.shape and checks.usable(
                    self._results(labels, b, np.zeros((b.size, b.size)), scalars), 0) is not True:
                return np.full(theta.size, np.nan)
            return b

        from mlmcli.graphs.fpfit_bootstrap import replicate_stream

        rng = replicate_stream(self.ctx, self.settings.get("seed"))  # each fit: seed() restarts, else carries on
        codes = self.units[sub]
        try:  # size() above a stratum's panels: r(498)
            draws = boot.Draws(len(codes), None if command.strata is None else command.strata[sub], codes,
                               self.settings.get("size"))
        except StataError:
            raise FitFailed from None
        return boot.replicates(self.settings, one, draws, theta.size, rng)

    def _renumbered(self, rows, new_codes) -> dict:
        """group(v)'s renumbering of y or the offset in one replicate (``fpfit_xt_bootstrap_group``)."""
        group = self.command.group
        if group is None or group[0] not in ("y", "offset"):
            return {}
        from mlmcli.graphs.fpfit_xt_bootstrap_group import group_numbers

        strata = None if self.command.strata is None else self.command.strata[rows]
        return {group[0]: group_numbers(strata, self.units[rows], new_codes, group[1][rows])}

    def _jkaccel(self, X, final, centre, theta, labels, names):
        """bootstrap's JKAccel with ``jackknifeopts(saving(f))`` (``graphs.fpfit_jkaccel``): each
        panel of the estimation rows left out (reject() as in the draws); without replace the
        first fit writes f and the next fails on it; with replace the last fit's file stays."""
        from mlmcli.fileformats.safe_write import check_writable
        from mlmcli.graphs.fpfit_jkaccel import jkaccel_writer, leave_one_out

        if self.accel_written and not self.accel["replace"]:
            raise FitFailed
        try:
            check_writable(self.accel["filename"], self.accel["replace"])
        except StataError:
            raise FitFailed from None
        command, checks = self.command, self.checks
        refit = command.refit(X, final, centre, theta)

        def one(rows):
            panels = np.unique(command.codes[rows], return_inverse=True)[1].reshape(-1)
            order = np.argsort(panels, kind="stable")
            try:
                b, scalars = refit(rows[order], panels[order])
            except (FracpolyFailed, StataError, np.linalg.LinAlgError, ValueError, FloatingPointError,
                    ZeroDivisionError, ArithmeticError):
                return None
            b = np.asarray(b, float)
            if b.shape != theta.shape or not np.all(np.isfinite(b)):
                return None
            if checks is not None and checks.usable(
                    self._results(labels, b, np.zeros((b.size, b.size)), scalars), 0) is not True:
                return None
            return b

        def write():
            J = leave_one_out(one, command.codes, theta.size)
            jkaccel_writer(self.hooks, self.accel, command.cmdname, command.ivar, len(command.codes))(
                J, theta, labels, command.command_line(names))
            return J

        if self.accel["replace"] and not final:  # a later fit writes over it (finish: if none does)
            self.accel_pending = write
            return
        self.accel_pending = None
        J = write()
        self.accel_written = True
        if int(np.all(np.isfinite(J), axis=1).sum()) < 2:  # jackknife's r(2000): the fit fails
            raise FitFailed

    def finish(self, ran):
        """Write the file of the last fit that wrote it; None (fracpoly failed) unless ``ran``."""
        if self.accel_pending is not None:  # JKAccel's file of the last fit that ran it
            self.accel_pending()
            self.accel_pending = None
        if self.saved is not None:
            from mlmcli.graphs.fpfit_bootstrap_options import save_bootstrap

            labels, theta, B, names = self.saved
            B = B() if callable(B) else B
            command, sub = self.command, self.drawn_rows
            strata = None if command.strata is None else command.strata[sub]
            save_bootstrap(self.ctx, self.settings, B, labels, theta, cmdname=command.cmdname,
                           command=command.command_line(names), n_obs=len(command.codes), cluster=command.ivar,
                           n_cluster=int(np.unique(command.codes[sub]).size), strata=self.settings.get("strata"),
                           n_strata=None if strata is None else int(np.unique(strata).size))
            self.saved = None
        return ran if ran else None


def check_group(settings: dict, ds, read: dict, ivar: str, cmdname: str) -> str | None:
    """bootstrap's ``group(v)`` beside _vce_parserun's ``idcluster(panelvar)``: _loop_bs renumbers v
    in each replicate (``graphs.fpfit_xt_bootstrap_group``).  The role of v among what the fits
    read (``read``: role -> variable; "dependent variable" -> ``y``, "offset" -> ``offset``), or
    ``panel`` (the panel variable with strata()), or None (nothing read: the band without it).
    With xtlogit a renumbered y (1, 2, ...: every outcome positive) fails every replicate, so
    every fit: the note.  v not a variable: the prefix's r(111), the note.  (A typed
    ``idcluster()`` is a second one: "option idcluster() not allowed" r(198) in every fit, the
    note -- ``fpfit_bootstrap_options.bootstrap_suboptions``.)"""
    name = settings.get("group")
    if not name:
        return None
    try:
        name = ds.resolve(str(name).strip())
    except StataError:
        raise FracpolyFailed("variable not found") from None
    if name == ivar:  # idcluster(panelvar) renumbered again: each drawn copy's panel (strata: its piece)
        return "panel" if settings.get("strata") else None
    for role, variable in read.items():
        try:
            variable = None if variable is None else ds.resolve(str(variable).strip())
        except StataError:  # a name the command cannot find: it fails on its own
            continue
        if variable is not None and name == variable:
            if role == "dependent variable" and cmdname == "xtlogit":  # logit's "outcome does not vary"
                raise FracpolyFailed("outcome does not vary")
            return "y" if role == "dependent variable" else role
    return None


def xtreg_each_fit(ctx, settings, spec, model, y, x, in_sample, codes, strata, ivar, fit_slopes, deviance,
                   fp_settings, names, group_role=None):
    """(b with _cons last, V, the FP, e(df_r), e(sample)) of fracpoly with xtreg fe/be/mle under the
    prefix (module docstring); ``fit_slopes(slopes, final, drawn=(rows, panels))`` xtreg's fit over
    the estimation rows (``graphs.fpfit_xtreg``)."""
    from mlmcli.graphs.fpfit_xt_jackknife import scalars_of

    constant, mle = spec["constant"], model == "mle"

    def slopes_of(X):
        X_c = X[in_sample]
        return X_c[:, :-1] if constant else X_c

    def posted(out):  # e(b), e(V): mle's whole (b, sigma_u, sigma_e)
        b, V = (out["full_b"], out["full_V"]) if mle else (out["b"], out["V"])
        return np.asarray(b, float), np.asarray(V, float)

    def estimate(X, final, centre):
        out = fit_slopes(slopes_of(X), final)
        return (*posted(out), scalars_of(out))

    def refit(X, final, centre, theta):
        slopes = slopes_of(X)

        def one(rows, panels, y=None):  # y: group(y)'s renumbered outcome
            out = fit_slopes(slopes, final, drawn=(rows, panels) if y is None else (rows, panels, y))
            return posted(out)[0], scalars_of(out)
        return one

    depvar, xname = names or ("y", "x")
    command = XtCommand("xtreg", depvar, depvar if mle else "_", ("sigma_u", "sigma_e") if mle else (), estimate,
                        refit, codes, None if strata is None else strata[in_sample], ivar,
                        _CommandLine("xtreg", depvar, model),
                        None if group_role is None else (group_role, np.asarray(y, float)[in_sample]))
    b, V, chosen = _fracpoly_under_prefix(ctx, settings, command, y, x, xname, fp_settings, deviance, constant)
    k = chosen.terms(x[:1]).shape[1]
    return b[:k], V[:k, :k], chosen, float("nan"), (None if in_sample.all() else in_sample)


def xt_strata(ctx, settings: dict, rows: np.ndarray, used) -> np.ndarray | None:
    """strata()'s codes over the estimation rows ``used`` (of the plot's ``rows``), -1 where one is
    missing; a variable not found: bootstrap's r(111), the command failing inside fracpoly."""
    if settings.get("kind") != "bootstrap" or not settings.get("strata"):
        return None
    from mlmcli.graphs.fpfit_bootstrap import group_codes

    try:
        return group_codes(ctx.data, settings["strata"], rows)[used]
    except StataError:
        raise FracpolyFailed("variable not found") from None


def routed(settings: dict, strata, group_role: str | None = None) -> bool:
    """Whether the prefix must run around each fit here (``needs_each_fit``, a stratum missing,
    group() renumbering what a replicate reads (``check_group``), JKAccel's saving())."""
    from mlmcli.graphs.fpfit_jkaccel import accel_saving

    return settings.get("kind") == "bootstrap" and (needs_each_fit(settings) or (
        strata is not None and bool(np.any(strata < 0))) or group_role is not None
        or accel_saving(settings) is not None)


def _fracpoly_under_prefix(ctx, settings, command: XtCommand, y, x, xname: str, fp_settings, deviance,
                           constant: bool):
    """(b, V over the terms themselves, the FP) of ``bootstrap_fracpoly``; FracpolyFailed: the note."""
    from mlmcli.fractional_polynomials import best_fp

    fp = {**fp_settings, "constant": constant}
    fitted = bootstrap_fracpoly(ctx, settings, command, fp, x, xname,
                                lambda allowed: best_fp(y, x, **fp, criterion=deviance, allowed=allowed))
    if fitted is None:
        raise FracpolyFailed("fracpoly failed under the prefix")
    chosen, theta, V = fitted
    return (*uncentred(chosen, theta, V, constant), chosen)


class _CommandLine:
    """saving()'s _dta[command] of one fit: ``xtreg|xtlogit y <terms>, <model>``."""

    def __init__(self, cmdname: str, depvar: str, model: str):
        self.cmdname, self.depvar, self.model = cmdname, depvar, model

    def __call__(self, terms) -> str:
        return " ".join([self.cmdname, self.depvar] + [t for t in terms if t != "_cons"]) + f", {self.model}"


def xtlogit_fe_each_fit(ctx, settings, engine, strata, ivar, y, x, fp_settings, deviance, names, group=None):
    """(b, V, the FP) of fracpoly with xtlogit, fe under the prefix (module docstring): clogit's
    likelihood on the informative panels (``engine``: ``fpfit_grouped_engines.ConditionalLogitFP``),
    no constant, so no first fit."""
    from mlmcli.graphs.fpfit_xtlogit_ml import conditional_refit

    n, G = len(engine.used), int(np.unique(engine.codes).size)

    def estimate(X, final, centre):
        b, V, ll = engine.fit(X, final=final)
        return np.asarray(b, float), np.asarray(V, float), {"N": float(n), "N_g": float(G), "ll": float(ll)}

    def refit(X, final, centre, theta):
        fit = conditional_refit(engine, X, with_ll=True)

        def one(rows, panels, offset=None):  # offset: group(offset)'s renumbering
            b, ll = fit(rows, panels, offset)
            return b, {"N": float(rows.size), "N_g": float(panels.max() + 1), "ll": float(ll)}
        return one

    depvar, xname = names or ("y", "x")
    command = XtCommand("xtlogit", depvar, depvar, (), estimate, refit, np.asarray(engine.codes), strata, ivar,
                        _CommandLine("xtlogit", depvar, "fe"), group)
    return _fracpoly_under_prefix(ctx, settings, command, y, x, xname, fp_settings, deviance, False)


def xtlogit_re_each_fit(ctx, settings, glmm_spec, fit, ok, codes, strata, ivar, y, x, fp_settings, deviance, names,
                        constant: bool, group=None):
    """(b, V over e(b) whole, the FP) of fracpoly with xtlogit, re under the prefix: ``glmm_spec(X,
    final, centre)`` and ``fit(X, final, centre)`` the quadrature model on the plot's rows (the
    constant first); e(b) the fixed part, then lnsig2u = 2 ln sigma_u; each replicate starts from
    its fit's estimates."""
    import dataclasses

    from mlmcli.glmm.fit import fit_glmm
    from mlmcli.glmm.spec import subset_random_intercept

    def first(X):  # the prefix's design (constant last) as the engine's (constant first)
        return np.column_stack([X[:, -1:], X[:, :-1]]) if constant else X

    def posted(out):
        theta, p = np.asarray(out.theta, float), out.model.p
        A = np.eye(p + 1)
        A[p, p] = 2.0
        keep = list(range(p)) + [len(theta) - 1]
        return A @ theta[keep], A @ np.asarray(out.V, float)[np.ix_(keep, keep)] @ A.T

    def estimate(X, final, centre):
        out = fit(first(X), final, centre)
        b, V = posted(out)
        return b, V, {"N": float(ok.sum()), "N_g": float(codes.max() + 1), "ll": float(out.loglik)}

    def refit(X, final, centre, theta):
        full = glmm_spec(first(X), final, centre)
        start = np.r_[theta[:-1], theta[-1] / 2.0]  # the engine's ln sigma_u
        full = dataclasses.replace(full, fixed=dataclasses.replace(full.fixed, start=start))

        def one(rows, panels, offset=None):  # offset: group(offset)'s renumbering
            sub = subset_random_intercept(full, rows, panels)
            if offset is not None:
                sub = dataclasses.replace(sub, fixed=dataclasses.replace(sub.fixed, offset=offset))
            out = fit_glmm(sub)
            if not out.converged or not np.all(out.used):
                raise np.linalg.LinAlgError("replicate did not converge")
            return posted(out)[0], {"N": float(rows.size), "N_g": float(panels.max() + 1), "ll": float(out.loglik)}
        return one

    depvar, xname = names or ("y", "x")
    command = XtCommand("xtlogit", depvar, depvar, ("lnsig2u",), estimate, refit, codes, strata, ivar,
                        _CommandLine("xtlogit", depvar, "re"), group)
    return _fracpoly_under_prefix(ctx, settings, command, y, x, xname, fp_settings, deviance, constant)

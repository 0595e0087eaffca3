"""fpfit's ``estcmd(stcox) estopts(vce(bootstrap, reject() ...))``: the bootstrap prefix in each
fit fracpoly makes (``graphs.fpfit_ml_jackknife.prefixed_fracpoly``'s first fit -- ``stcox x`` --,
every candidate under ``capture``, the final model on fracgen's centred terms), as
``_vce_parserun, stdata`` runs it around stcox each time.

bootstrap.ado (4.9.1) in each fit: stcox on the full sample, then ``_prefix_reject``: reject()
asserted over the data with that e() -- true in every observation is r(9), so a candidate fails
(frac_154's capture skips it, which can change the powers chosen) and the first or the final fit
fails fracpoly (the note); then ``_loop_bs``: ``reps()`` draws of the clusters, each replicate
whose e() makes reject() true (or cannot evaluate it) posted missing, out of V; fewer than two
usable is bootstrap failing ("insufficient observations", r(2000)): that fit fails as above.  The
e() reject() sees: e(b), e(V) (stcox's own, unnamed equation, ``main:``/``tvc:`` after tvc()),
e(N), e(N_sub), e(N_fail), e(risk), e(ll), e(df_m), e(rank), e(converged), e(cmd) ``stcox``,
e(depvar) ``_t`` (``fpfit_stcox_replicates.stcox_scalars``); another e() is missing.

``saving()`` is written by each fit as in the path without reject() (the last fit's replicates;
without ``replace`` the first fit's file and the second fit failing); each fit draws from the
session's stream (``fpfit_bootstrap.generator``): ``seed()`` restarts it in every fit, else each
fit carries on from the draws of the one before.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal


class StcoxBootstrapRun:
    """The prefix's side of each of fracpoly's stcox fits (``prefixed_fracpoly``'s ``run``):
    ``fit(X, names, final, centre)`` -> (e(b), V, None), raising ``FitFailed`` when the fit fails."""

    def __init__(self, ctx, hooks, vce, settings: dict, refit, covariate, layout, subjects, cluster, strata,
                 write=None, scalars=None, accel=None):
        self.ctx, self.hooks, self.vce, self.settings = ctx, hooks, vce, settings
        self.refit, self.covariate, self.layout, self.subjects = refit, np.asarray(covariate, float), layout, subjects
        self.codes = None if cluster is None else np.unique(np.asarray(cluster), return_inverse=True)[1]
        self.strata = strata
        self.write = write  # saving()'s writer (fpfit_stcox_replicates.bootstrap_saver)
        self.scalars = scalars  # stcox's e() scalars (fpfit_stcox_replicates.stcox_scalars)
        self.checks = hooks.result_checks({"reject": settings.get("reject"), "nfunc": None}, "stcox")
        self.saved = None  # (B, e(b), its names, their equations) of the last fit that ran
        self.written = False
        self.accel = accel  # bca jackknifeopts(saving())'s writer (accel_writer), JKAccel in every fit
        self.accel_written = False

    def _results(self, labels, b, V, loglik, rows, times=None):
        base = self.refit.base
        t0, t, d = (base.t0[rows], base.t[rows], base.d[rows]) if times is None else times  # renumbered _t ...
        data = replace(base, t0=t0, t=t, d=d, w=base.w[rows])
        scalars = self.scalars(data, b, V, loglik, self.subjects[rows], "")
        return self.hooks.fit_results("stcox", "_t", labels, b, V, scalars)

    def _check_file(self):
        from mlmcli.fileformats.safe_write import check_writable
        from mlmcli.graphs.fpfit_jackknife import FitFailed

        saving = self.settings.get("saving")
        if saving is None:
            return
        if self.written and not saving["replace"]:  # this fracpoly's first fit wrote it: r(602)
            raise FitFailed
        try:
            check_writable(saving["filename"], saving["replace"])
        except StataError:
            raise FitFailed from None

    def fit(self, X, names, final: bool = False, centre=None):
        from mlmcli.graphs.fpfit_bootstrap_options import drawn_variance
        from mlmcli.graphs.fpfit_jackknife import FitFailed
        from mlmcli.graphs.fpfit_models import FracpolyFailed

        self._check_file()
        design = np.column_stack([X[:, :-1], self.covariate])  # stcox has no constant: x in its place
        equations, params = self.layout(names)
        labels = [f"{e}:{p}" for e, p in zip(equations, params)]
        n = design.shape[0]
        try:
            b, V, loglik = self.refit.fit(design)
            self.checks.check_full(self._results(labels, b, V, loglik, np.arange(n)))
        except (FracpolyFailed, np.linalg.LinAlgError):
            raise FitFailed from None
        except StataError as failure:
            if is_mlm_refusal(failure):
                raise
            raise FitFailed from None  # reject() true on the full sample: r(9)
        if self.accel is not None:  # bootstrap.ado's JKAccel before the draws, reject() in it
            self._accel_file(design, labels, params, equations, b)
        seen = {}

        def refit(rows, numbers):
            b_r, V_r, ll_r = self.refit.fit(design, rows, numbers)
            seen["results"] = (V_r, ll_r, self.refit.last_times)
            return b_r

        def usable(b_r, rows):  # reject() sees the replicate's e(N_fail), e(risk) (renumbered _d, _t ...)
            V_r, ll_r, times = seen["results"]
            return self.checks.usable(self._results(labels, b_r, V_r, ll_r, rows, times), 0) is True

        from mlmcli.graphs.fpfit_bootstrap import generator

        rng = generator(self.vce, self.ctx)  # each fit: seed() restarts the session's stream, else it carries on
        try:
            V_boot, B = drawn_variance(self.settings, self.codes, self.strata, refit, b, rng, n, usable)
        except FracpolyFailed:
            raise FitFailed from None
        if self.settings.get("saving") is not None:
            self.saved = (B, np.asarray(b, float), params, equations)
            self.written = True
        return np.asarray(b, float), V_boot, None

    def _accel_file(self, design, labels, params, equations, b):
        """JKAccel's ``jackknife ..., reject() jackknifeopts(saving())`` of this fit: one cluster
        (record) left out at a time, a replicate reject() makes true missing; its file written
        (without replace: there already, or written by an earlier fit, r(602): the fit fails)."""
        from mlmcli.fileformats.safe_write import check_writable
        from mlmcli.graphs.fpfit_jackknife import FitFailed

        saving = accel_saving(self.settings)
        if self.accel_written and not saving["replace"]:
            raise FitFailed
        try:
            check_writable(saving["filename"], saving["replace"])
        except StataError:
            raise FitFailed from None
        k = len(b)

        def refit_rows(idx):  # Newton from the full-sample b (fit_cox's start: the same optimum)
            try:
                b_r, V_r, ll_r = self.refit.fit(design, idx, start=b)
            except (StataError, np.linalg.LinAlgError, ValueError, FloatingPointError, ArithmeticError):
                return None
            except Exception as failure:  # FracpolyFailed: stcox failing on the replicate
                from mlmcli.graphs.fpfit_models import FracpolyFailed

                if isinstance(failure, FracpolyFailed):
                    return None
                raise
            b_r = np.asarray(b_r, float)
            if b_r.size != k or not np.all(np.isfinite(b_r)):
                return None
            usable = self.checks.usable(self._results(labels, b_r, V_r, ll_r, idx), 0) is True
            return b_r if usable else None

        J = accel_replicates(refit_rows, self.codes, design.shape[0], k)
        tvc = equations[0] == "main"
        names = [f"{e}:{p}" for e, p in zip(equations, params)] if tvc else list(params)
        main = [p for e, p in zip(equations, params) if e in ("main", "_")]
        self.accel(J, np.asarray(b, float), names, "stcox " + " ".join(main))
        self.accel_written = True

    def omitted_fit(self, name: str):  # stcox has no constant-only first fit (fit covers ``stcox x``)
        raise AssertionError("stcox's first fit is fit()")

    def finish(self, ran):
        """Write the file of the last fit that ran; None (fracpoly failed) unless ``ran``."""
        if self.saved is not None and self.write is not None:
            B, b, params, equations = self.saved
            tvc = equations[0] == "main"
            colnames = [f"{e}:{p}" for e, p in zip(equations, params)] if tvc else list(params)
            main = [p for e, p in zip(equations, params) if e in ("main", "_")]
            self.write(B, b, None, colnames, "stcox " + " ".join(main))
            self.saved = None
        return ran if ran else None


def uses_prefix(s) -> bool:
    """Whether stcox's bootstrap runs through the prefix in every fit (reject())."""
    return s.bootstrap is not None and bool(s.bootstrap.get("reject"))


def check_numbering(ctx, s, plot) -> None:
    """bootstrap's ``idcluster(k) [group(g)]`` with stcox: bootstrap.ado makes k = group(cluster)
    when k is new (before the full-sample run, inside twoway's preserve: gone after the graph) and
    bsample writes each drawn copy's number into k (g renumbered within it) in each replicate's
    data, which stcox reads only when k or g is one of its variables.  With stset's id() or
    shared() ``_vce_parserun`` appends its own idcluster(), so a typed one is a second:
    "option idcluster() not allowed" r(198) inside fracpoly (the note, as a second cluster()).
    k or g = x, a strata() variable, the offset() or a tvc() variable: each replicate rebuilt from
    the new numbers (``graphs.fpfit_stcox_renumber``; y is not read: its FP terms are), in every
    fit's replicates beside reject() (``StcoxBootstrapRun``), saving() or bca (JKAccel's jackknife
    takes no idcluster(): its leave-one-out fits read the data as is); k or g = the time, failure
    or entry variable stset read changes nothing (stcox reads _t, _t0, _d, made by stset, which
    the replicates do not rerun).  k or g among _t, _t0, _d, _st: the replicate's st variables
    rebuilt (``fpfit_stcox_renumber``; a record with _t0 >= _t there: mlm's refusal)."""
    from mlmcli.graphs.fpfit_st_common import StCommandFailed

    settings = s.bootstrap or {}
    name, group = settings.get("idcluster"), settings.get("group")
    if not name:
        return
    ds = ctx.data
    if ds.chars.get("st_id") or s.shared:
        raise StCommandFailed()
    try:
        group = ds.resolve(group) if group else None  # group(varname): r(111) inside fracpoly
    except StataError:
        raise StCommandFailed() from None
    settings["group"] = group


def accel_saving(settings: dict | None) -> dict | None:
    """``bca jackknifeopts(saving(f ...))``'s saving dict, or None (``graphs.fpfit_jkaccel``)."""
    from mlmcli.graphs.fpfit_jkaccel import accel_saving as saving_of

    return saving_of(settings)


def accel_writer(ctx, s, cluster_var, n_obs: int):
    """JKAccel's file writer ``write(J, b, names, command)`` for bootstrap's ``bca
    jackknifeopts(saving(f))`` with stcox, or None.  bootstrap.ado's JKAccel runs ``jackknife
    name1=(_b[Iage__1]) ... , keep cluster(<bootstrap's cluster>) reject() <jackknifeopts>:
    stcox ...`` before the draws in every fit (``graphs.fpfit_jkaccel``); without replace the
    second fit fails (the note)."""
    saving = accel_saving(s.bootstrap)
    if saving is None:
        return None
    from mlmcli.graphs.fpfit_jkaccel import jkaccel_writer
    from mlmcli.graphs.fpfit_ml_jackknife import prefix_hooks

    return jkaccel_writer(prefix_hooks(ctx), saving, "stcox", cluster_var, n_obs)


def accel_replicates(refit_rows, codes, n: int, k: int) -> np.ndarray:
    """JKAccel's jackknife: b with each cluster (``codes``; None: each record) left out, missing
    where stcox fails."""
    from mlmcli.graphs.fpfit_jkaccel import leave_one_out

    return leave_one_out(refit_rows, np.arange(n) if codes is None else codes, k)


def final_accel(ctx, s, plot, k_terms: int, cluster_var, n_obs: int):
    """``accel(refit_rows, codes, n, b)``: the final fit's JKAccel file (``accel_replicates``; e(b):
    fracgen's terms, x, after tvc() ``main:``/``tvc:``), or None without ``bca jackknifeopts(saving())``."""
    write = accel_writer(ctx, s, cluster_var, n_obs)
    if write is None:
        return None
    from mlmcli.graphs.fpfit_jackknife import fracgen_names

    main = fracgen_names(plot.ys[0], k_terms) + [plot.x]
    names = ([f"main:{n}" for n in main] + [f"tvc:{n}" for n in s.tvc]) if s.tvc else main
    return lambda refit_rows, codes, n, b: write(accel_replicates(refit_rows, codes, n, b.size), b, names,
                                                 "stcox " + " ".join(main))


def accel_first_fit(ctx, s, plot, rows, x, replicated) -> None:
    """``bca jackknifeopts(saving(f))`` without replace: f there already fails fracpoly's first
    fit; else that fit (``stcox x``) writes f and the second fails on it (r(602)): the note.
    With reject() the prefix's run writes it in every fit (``StcoxBootstrapRun._accel_file``)."""
    from mlmcli.fileformats.safe_write import check_writable
    from mlmcli.graphs.fpfit_st_common import StCommandFailed

    saving = accel_saving(s.bootstrap)
    if saving is None or uses_prefix(s):
        return
    try:
        check_writable(saving["filename"], saving["replace"])
    except StataError:
        raise StCommandFailed() from None
    if saving["replace"]:
        return
    refit, cluster, cluster_var = replicated
    write = accel_writer(ctx, s, cluster_var, int(rows.sum()))
    X = np.asarray(x[rows], float)[:, None]
    b = refit.fit(X)[0]
    J = accel_replicates(lambda idx: _attempt(refit, X, idx, b.size), None if cluster is None else
                         np.unique(np.asarray(cluster), return_inverse=True)[1], X.shape[0], b.size)
    names = ([f"main:{plot.x}"] + [f"tvc:{n}" for n in s.tvc]) if s.tvc else [plot.x]
    write(J, b, names, f"stcox {plot.x}")
    raise StCommandFailed()


def _attempt(refit, X, idx, k: int):
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    try:
        b = np.asarray(refit.fit(X, idx)[0], float)
    except (FracpolyFailed, StataError, np.linalg.LinAlgError, ValueError, FloatingPointError):
        return None
    return b if b.size == k and np.all(np.isfinite(b)) else None

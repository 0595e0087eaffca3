"""fpfit's ``estcmd(stcox) estopts(vce(jackknife [, ...]))`` and ``vce(bootstrap [, ...])``.

stcox.ado (and stcox_fr.ado after ``shared()``) starts with ``_vce_parserun stcox, stdata``, which
runs ``jackknife``/``bootstrap`` around stcox for every fit fracpoly makes.  The prefix copies
the full-sample fit's e(ll) back, so fracpoly's search (-2 e(ll)) is the one without the prefix;
the final model's e(V) is the replicates' (fpfitci's band around fracpred's x b):

- clusters (``_vce_parserun``'s stdata branch): jackknife's own ``cluster()``, else stcox's
  ``cluster()``, else ``shared()``, else stset's ``id()``, else the records (as
  ``graphs.fpfit_streg`` takes them for streg);
- jackknife: one replicate per cluster left out, each the same stcox (ties, strata(), offset(),
  tvc() with texp(), stset weights; after shared() stcox_fr with its own theta^) on the records
  kept, Newton-Raphson from b = 0 (under reject()/n() and bca's JKAccel, repeated in every
  fit, from the full-sample b: the polish ends at the same optimum, to rounding); V = (G-1)/G sum (b_(g) - bbar)(b_(g) - bbar)' (``mse``: about
  b), e(df_r) = G - 1 (fpfitci's band then uses the t quantile); the replicates cover e(b) whole
  (tvc()'s equation too: fracpred's for() reads it);
- bootstrap: ``reps()`` draws of the clusters with replacement (each draw a new cluster and a new
  shared() group: _vce_parserun's ``idcluster()``), V their covariance, no e(df_r) (the normal
  quantile); stset weights are _vce_parserun's r(198) ("weights are not allowed with stcox and
  vce(bootstrap)"): the note.  Stata's own draws cannot be reproduced: the session's stream
  (``fpfit_bootstrap.generator``: ``seed()`` restarts it, else it carries on from the draws before).

A replicate stcox fails on is missing (left out of V); fewer than two usable is the command failing
(the note).  jackknife's saving(), keep, n(), reject(), idcluster(), and bootstrap's reject():
``prefixed_stcox`` (the prefix in each of fracpoly's fits, ``graphs.fpfit_ml_jackknife.
prefixed_fracpoly``; bootstrap's side ``graphs.fpfit_stcox_bootstrap``).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
from mlmcli.sorted_codes import row_codes


def replicate_cluster_var(ds, s) -> str | None:
    """The variable the prefix's replicates are clustered on (module docstring), or None."""
    return s.replicate_cluster or s.cluster or s.shared or ds.chars.get("st_id") or None


class CoxRefit:
    """stcox (or stcox_fr after shared()) on some of the final fit's records: ``fit(X, idx, draw)``
    -> (e(b) whole, e(V), e(ll)) with the design X over the fit's rows, ``idx`` the rows used
    (repeats allowed), ``draw`` each used row's bootstrap draw (regrouping shared())."""

    def __init__(self, base, strata, tvc, g, groups, frailty_fit=None):
        # frailty_fit(data, groups, likelihood): stcox_fr's fit (graphs.fpfit_stcox.frailty_or_cox)
        self.base, self.strata, self.tvc, self.g, self.groups = base, strata, tvc, g, groups
        self.frailty_fit = frailty_fit
        self.renumbering = None  # idcluster()/group() over a variable stcox reads (fpfit_stcox_renumber)
        self.last_times = None  # (t0, t, d) of the last fit without shared() (renumbered _t, _t0, _d)

    def fit(self, X, idx=None, draw=None, start=None):
        """``start``: Newton's start without shared() (survival.cox.fit_cox; None: b = 0)."""
        from mlmcli.graphs.fpfit_models import FracpolyFailed
        from mlmcli.survival.cox import fit_cox
        from mlmcli.survival.cox_strata import build_likelihood

        base = self.base
        if idx is None:
            idx = np.arange(base.t.size)

        def take(a):
            return None if a is None else a[idx]

        data = replace(base, t0=base.t0[idx], t=base.t[idx], d=base.d[idx], X=X[idx], w=base.w[idx],
                       offset=take(base.offset))
        if self.groups is not None:  # stcox_fr: the replicate's groups (a drawn group is a new one)
            groups = self.groups[idx]
            if draw is not None:
                groups = row_codes([draw, groups])
            else:
                groups = np.unique(groups, return_inverse=True)[1]
            likelihood = None
            if self.tvc is not None:
                likelihood, pieces = build_likelihood(data, None, take(self.tvc), take(self.g))
                data, groups = likelihood.data, groups[pieces]
            if groups.max() < 1:
                raise FracpolyFailed("shared() must define more than one group")
            fr = self.frailty_fit(data, groups, likelihood)
            return np.asarray(fr.b, float), np.asarray(fr.V, float), float(fr.loglik)
        strata, tvc, g = take(self.strata), take(self.tvc), take(self.g)
        if self.renumbering is not None and draw is not None:
            data, strata, tvc, g = self.renumbering.apply(data, strata, idx, draw, tvc, g)
        self.last_times = (data.t0, data.t, data.d)
        likelihood, _ = build_likelihood(data, strata, tvc, g)
        _, res, V, _ = fit_cox(likelihood.data, likelihood=likelihood, start=start)
        if not res.converged or not np.all(np.isfinite(res.x)):
            raise FracpolyFailed("convergence not achieved")
        return np.asarray(res.x, float), np.asarray(V, float), float(res.f)


def replicate_variance(ctx, vce, theta: np.ndarray, X: np.ndarray, refit: CoxRefit, cluster, bootstrap=None,
                       strata=None, saver=None, accel=None) -> tuple:
    """(V, e(df_r)) of the final design X under the replicates (module docstring); ``cluster`` the
    cluster variable's values over the fit's rows (None: the records); ``bootstrap`` vce(bootstrap)'s
    suboptions (strata() codes over the rows, size(), mse; ``saver(B, theta)`` saving()'s file:
    graphs.fpfit_bootstrap_options; ``accel(attempt, codes, n, theta)`` bca jackknifeopts(saving())'s file)."""
    from mlmcli.graphs.fpfit_ml_replicates import replicate_groups
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.replicate_variance import jackknife_variance
    from mlmcli.errors import StataError

    n = X.shape[0]

    def attempt(idx, draw=None):
        try:
            b = refit.fit(X, idx, draw)[0]
        except (FracpolyFailed, StataError, np.linalg.LinAlgError, ValueError, FloatingPointError):
            return None
        return b if b.shape == theta.shape and np.all(np.isfinite(b)) else None

    if vce.kind == "bootstrap":  # bootstrap's suboptions always read (fpfit_stcox._replicates)
        from mlmcli.graphs.fpfit_bootstrap_options import drawn_variance

        codes = None if cluster is None else np.unique(np.asarray(cluster), return_inverse=True)[1]

        def estimate(rows, new_codes):
            b = attempt(rows, new_codes)
            return np.full(theta.size, np.nan) if b is None else b

        if accel is not None:  # bca jackknifeopts(saving()): JKAccel's jackknife, before the draws
            accel(attempt, codes, n, theta)
        from mlmcli.graphs.fpfit_bootstrap import generator

        rng = generator(vce, ctx)  # seed() restarts the session's stream, else it carries on
        V, B = drawn_variance(bootstrap, codes, strata, estimate, theta, rng, n)
        if saver is not None:
            saver(B, theta)
        return V, None
    codes = replicate_groups(n, cluster)  # two clusters or fewer: r(459), the note
    R = np.full((int(codes.max()) + 1, theta.size), np.nan)
    for g in range(R.shape[0]):
        b = attempt(np.flatnonzero(codes != g))
        if b is not None:
            R[g] = b
    summary = jackknife_variance(R, theta, mse=vce.mse, weight_kind=None, frequencies=None)
    if not summary.sufficient:
        raise FracpolyFailed("insufficient observations to compute jackknife standard errors")
    return summary.V, summary.df_r


def stcox_scalars(data, b, V, loglik, subjects, weight_kind: str) -> dict:
    """The e() scalars reject() and n() see after one stcox fit."""
    from mlmcli.postest.coefficient_rows import safe_rank

    counted = data.w if weight_kind == "fweight" else np.ones(len(data.t))
    rank = float(safe_rank(V))  # an SVD: once for both (every replicate of a reject()/n() plot reads them)
    return {"N": float(counted.sum()), "N_sub": float(counted[subjects].sum()),
            "N_fail": float((counted * data.d).sum()), "risk": float((counted * (data.t - data.t0)).sum()),
            "ll": float(loglik), "df_m": rank, "rank": rank, "converged": 1.0}


def prefixed_stcox(ctx, plot, s, fp_settings, z, covariate, refit: CoxRefit, cluster, cluster_var, best_model,
                   subjects, weight_kind: str, boot=None):
    """(model, e(b), e(V), e(df_r)) of fracpoly's stcox under jackknife with its saving(), keep, n(),
    reject(), idcluster(), or under bootstrap with reject() (``boot``: strata() codes and saving()'s
    writer; graphs.fpfit_stcox_bootstrap) (``prefixed_fracpoly``: the first fit on x alone, the candidates, the
    final model on fracgen's centred terms); None: fracpoly failed (the note).  e(b)'s columns
    have no equation (``_b_Iage__1 ... _b_x``), after tvc() ``main:`` and ``tvc:`` ones.  keep's
    ``_b_x`` exists after the first fit, so every later fit fails: the note (as in Stata)."""
    from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefix_hooks, prefixed_fracpoly
    from mlmcli.graphs.fpfit_ml_prefixed import model_variables

    tvc_names = list(s.tvc)

    def layout(names):
        terms = [n for n in names if n != "_cons"] + [plot.x]
        if tvc_names:
            return ["main"] * len(terms) + ["tvc"] * len(tvc_names), terms + tvc_names
        return ["_"] * len(terms), terms

    full = {}  # the full-sample fit's e(b) of the last X: its replicates' Newton start

    def estimate(X, keep, final, scalars, centre):
        design = np.column_stack([X[:, :-1], covariate])
        idx = None if keep is None else np.flatnonzero(keep)
        start = full.get("b") if keep is not None and full.get("X") is X else None
        b, V, loglik = refit.fit(design, idx, start=start)
        if keep is None:
            full.update(X=X, b=b)
        kept = slice(None) if idx is None else idx
        data = replace(refit.base, t0=refit.base.t0[kept], t=refit.base.t[kept], d=refit.base.d[kept],
                       w=refit.base.w[kept])
        return b, V, stcox_scalars(data, b, V, loglik, subjects[kept], weight_kind) if scalars else {}

    def command_line(names):
        return " ".join(["stcox"] + [n for n in names if n != "_cons"] + [plot.x])

    command = PrefixedCommand("stcox", "_t", "_", (), estimate, int(z.size), layout=layout,
                              command_line=command_line,
                              model_variables=model_variables(plot) | _st_variables(ctx.data, s))
    run = None
    if boot is not None:  # vce(bootstrap, reject() ...): ``boot`` (strata() codes, saving()'s writer)
        from mlmcli.graphs.fpfit_stcox_bootstrap import StcoxBootstrapRun, accel_writer

        run = StcoxBootstrapRun(ctx, prefix_hooks(ctx), s.replicates, s.bootstrap, refit, covariate, layout, subjects,
                                cluster, boot[0], boot[1], stcox_scalars,
                                accel=accel_writer(ctx, s, cluster_var, int(z.size)))  # bca jackknifeopts(saving())
    return prefixed_fracpoly(prefix_hooks(ctx), command, s.replicates, dict(fp_settings, constant=True), z,
                             plot.ys[0], cluster, cluster_var, best_model, uncentre=False, run=run)


def _st_variables(ds, s) -> frozenset:
    """The variables stcox reads besides the plot's: stset's and the options'."""
    names = {ds.chars.get(k) for k in ("st_id", "st_wv", "st_bt", "st_bd", "st_bt0")}
    names |= set(s.strata) | set(s.tvc) | {s.offset, s.shared, s.cluster}
    return frozenset(n for n in names if n) | {"_t", "_t0", "_d", "_st"}


def bootstrap_saver(ctx, s, plot, k_terms: int, cluster_var, n_cluster, strata, n_obs: int):
    """saving()'s writer of the final fit's bootstrap replicates (e(b): fracgen's terms, x, after
    tvc() ``main:``/``tvc:``), or None without saving()."""
    settings = s.bootstrap
    if settings is None or settings.get("saving") is None:
        return None
    from mlmcli.graphs.fpfit_bootstrap_options import save_bootstrap
    from mlmcli.graphs.fpfit_jackknife import fracgen_names

    terms = fracgen_names(plot.ys[0], k_terms)
    main = terms + [plot.x]
    colnames = ([f"main:{n}" for n in main] + [f"tvc:{n}" for n in s.tvc]) if s.tvc else main

    def write(B, observed, saving=None, names=None, command=None):
        save_bootstrap(ctx, settings, B, names or colnames, observed, cmdname="stcox",
                       command=command or "stcox " + " ".join(main), n_obs=n_obs, cluster=cluster_var,
                       n_cluster=n_cluster, strata=settings.get("strata"),
                       n_strata=None if strata is None else int(np.unique(strata).size), saving=saving)
    return write


def first_fit_file(ctx, vce, settings, refit: CoxRefit, covariate, xname: str, tvc_names, cluster, strata,
                   write) -> None:
    """saving() without replace: fracpoly's first fit (``stcox x``, the covariate alone) writes the
    file, the second fails: the note (graphs.fpfit_bootstrap_options.first_fit_file)."""
    from mlmcli.graphs.fpfit_bootstrap_options import first_fit_file as first_file

    names = ([f"main:{xname}"] + [f"tvc:{n}" for n in tvc_names]) if tvc_names else [xname]

    def on_file(saving):
        X = np.asarray(covariate, float)[:, None]
        theta = refit.fit(X)[0]
        replicate_variance(ctx, vce, theta, X, refit, cluster, settings, strata,
                           lambda B, observed: write(B, observed, saving, names, f"stcox {xname}"))
    first_file(settings, on_file)


def strata_and_saver(ctx, s, plot, rows: np.ndarray, cluster, cluster_var, k_terms: int):
    """(bootstrap's strata() codes over the fit's ``rows`` (a mask) or None, saving()'s writer or
    None: ``bootstrap_saver`` for ``k_terms`` FP terms)."""
    from mlmcli.graphs.fpfit_bootstrap import group_codes

    strata = group_codes(ctx.data, s.bootstrap["strata"], np.flatnonzero(rows)) if s.bootstrap["strata"] else None
    write = bootstrap_saver(ctx, s, plot, k_terms, cluster_var, None if cluster is None else int(np.unique(cluster).size),
                            strata, int(rows.sum()))
    return strata, write

"""fpfit's ``estcmd(stcrreg) estopts(compete(...) vce(jackknife [, ...]))`` and ``vce(bootstrap [, ...])``.

stcrreg.ado starts with ``_vce_parserun stcrreg, stdata``, which runs ``jackknife``/``bootstrap``
around stcrreg in every fit fracpoly makes.  The prefix copies the full-sample fit's e(ll) back,
so fracpoly's search (-2 e(ll)) is the one without the prefix; the final model's e(V) is the
replicates' (fpfitci's band around fracpred's x b), as for stcox (``graphs.fpfit_stcox_replicates``,
whose ``replicate_variance`` runs them):

- clusters (``_vce_parserun``'s stdata branch): jackknife's or bootstrap's own ``cluster()``, else
  stcrreg's ``cluster()``, else stset's ``id()`` (a subject's records together), else the records;
- each replicate the same Fine and Gray fit (offset(), the censoring Kaplan-Meier re-estimated)
  on the records kept or drawn, a drawn subject a subject of its own
  (``survival.subdistribution_replicates.replicate_refit``, the plain command's refit);
- jackknife: V = (G-1)/G sum (b_(g) - bbar)(b_(g) - bbar)' (``mse``: about b), e(df_r) = G - 1
  (the band's t quantile); bootstrap: ``reps()`` draws (``seed()``, else the session's stream;
  strata(), size(), mse), V their covariance, the normal quantile.

- tvc() (its columns times texp()'s g(_t)) and constraints() kept in every replicate, as the plain
  command keeps them (a coefficient the constraints fix has variance 0);
- stset weights under jackknife (jackknife.ado reruns stcrreg with them): fweights one copy of a
  cluster less at a time (e(df_r) the copies less one), pweights each cluster left out and
  (n-1)/n (``graphs.fpfit_ml_replicates.replicate_variance``'s weighted loops); iweights are
  _vce_parserun's "iweights are not allowed with stcrreg and vce(jackknife)" r(198) inside
  fracpoly: the note, as stset weights with bootstrap are.

jackknife's saving(), keep, n(), reject(), idcluster(): the prefix in each of fracpoly's fits
(``graphs.fpfit_competing_jackknife``).  bootstrap's ``saving(f[, replace])`` is written by each
fit bootstrap runs around (seed() restarts the draws in each, else each fit carries on from the
session's stream, as for stcox:
``graphs.fpfit_stcox_bootstrap``): with ``replace`` f holds the final fit's replicates (e(b)
fracgen's centred terms and x in the equation ``_t``, after tvc() ``main:``/``tvc:``;
``bootstrap_saver``); without it
the first fit (``stcrreg x``) writes f and the second fails on it (r(602)): fracpoly fails, the
note (``first_fit_file``); f there before without replace fails the first fit: the note.
jackknife's outputs beside stset fweights and pweights: the weighted loops in each fit
(``graphs.fpfit_competing_jackknife``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.graphs.fpfit_st_common import StCommandFailed
from mlmcli.survival.stcrreg_renumbering import ReplicateNotEstablished


def read_replicates(ctx, text) -> tuple | None:
    """vce(jackknife ...) or vce(bootstrap ...) -> (VCEChoice, bootstrap's suboptions or None, the
    cluster() typed in it or None); None for another vce()."""
    head = str(text).split(",")[0].strip().lower()
    if len(head) >= 4 and "bootstrap".startswith(head):
        from mlmcli.graphs.fit_predictions import VCEChoice
        from mlmcli.graphs.fpfit_bootstrap_options import bootstrap_suboptions

        try:
            found = bootstrap_suboptions(text, "stcrreg")
        except StataError as err:  # bootstrap's own error inside fracpoly: the note
            if is_mlm_refusal(err):
                raise StataError(f"estopts(): {err.message}", 198) from None
            raise StCommandFailed() from None
        cluster = _one_cluster(ctx, found.get("cluster"))
        return VCEChoice("bootstrap", reps=found["reps"], seed=found["seed"], mse=found["mse"]), found, cluster
    from mlmcli.graphs.fpfit_streg import replicate_option

    found = replicate_option(ctx, text)
    if found is None:
        return None
    return found[0], None, found[1]  # saving() keep n() reject() idcluster(): graphs.fpfit_competing_jackknife


def _one_cluster(ctx, typed) -> str | None:
    if not typed:
        return None
    names = str(typed).split()
    if len(names) != 1:
        raise StataError("estopts(): vce(bootstrap, cluster()) of several variables with estcmd(stcrreg) not "
                         "supported by mlmcli", 198)
    try:
        return ctx.data.resolve(names[0])
    except StataError:
        raise StCommandFailed() from None  # variable not found: bootstrap's r(111) inside fracpoly


def check_replicates(s) -> None:
    """The plain command's refusals (module docstring); bootstrap with stset weights: the note."""
    kind = s.replicates.kind
    if kind == "bootstrap" and s.weight_kind:
        raise StCommandFailed()  # "weights are not allowed with stcrreg and vce(bootstrap)"
    if kind == "jackknife" and s.weight_kind == "iweight":
        raise StCommandFailed()  # "iweights are not allowed with stcrreg and vce(jackknife)"


class CompetingRefit:
    """stcrreg on some of the final fit's records: ``fit(X, idx, draw)`` -> (b, None, None), as
    ``fpfit_stcox_replicates.replicate_variance`` calls it."""

    def __init__(self, t, t0, status, offset, ids, b, w=None, tvc=(None, None), constraints=None, renumbered=None):
        self.t, self.t0, self.status, self.offset, self.ids, self.b = t, t0, status, offset, ids, b
        self.w, self.tvc, self.constraints, self.renumbered = w, tvc, constraints, renumbered

    def fit(self, X, idx=None, draw=None, row_frequencies=None):
        from mlmcli.survival.subdistribution_replicates import replicate_refit
        from mlmcli.survival.subdistribution_hazard import CompetingData

        data = CompetingData(t=self.t, status=self.status, X=X, offset=self.offset, w=self.w)
        refit = replicate_refit(data, self.t0, self.ids, self.b, {}, Z=self.tvc[0], g=self.tvc[1],
                                constraints=self.constraints, renumbered=self.renumbered)
        idx = np.arange(self.t.size) if idx is None else np.asarray(idx)
        if draw is None:  # jackknife: the kept units keep their own subjects
            draw = np.zeros(idx.size)
        return np.asarray(refit(idx, draw, row_frequencies), float), None, None


def replicate_variance(ctx, s, b, X, t, status, offset, rows, w=None, tvc=(None, None), constraints=None,
                       saver=None, xname=None) -> tuple:
    """(V, e(df_r)) of the final design X (over ``rows``) under the replicates (module docstring);
    ``w`` stcrreg's weights on the rows, ``tvc`` (Z, g), ``constraints`` (R, r) of the final fit;
    ``saver(B, b)`` bootstrap's saving() (``bootstrap_saver``); ``xname`` X's last column's variable
    (bootstrap's idcluster()/group() over it: ``renumbering``)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.graphs.fpfit_stcox_replicates import replicate_variance as run_replicates

    ds = ctx.data
    id_var = ds.chars.get("st_id") or None
    ids = ds.numeric(id_var)[rows] if id_var else None
    cluster_var = s.replicate_cluster or s.cluster or id_var
    cluster = None if cluster_var is None else ds.numeric(cluster_var)[rows]
    b = np.asarray(b, float)
    codes = None if cluster is None else np.unique(cluster, return_inverse=True)[1]
    renumbered = renumbering(ctx, s, rows, codes, X.shape[1], xname)
    t0 = s.rerun[1] if s.rerun is not None else ds.numeric("_t0")[rows]  # stcrreg's stset rerun (fpfit_competing)
    refit = CompetingRefit(t, t0, status, offset, ids, b, w, tvc, constraints, renumbered)
    strata = None
    if s.bootstrap is not None and s.bootstrap["strata"]:
        from mlmcli.graphs.fpfit_bootstrap import group_codes

        strata = group_codes(ds, s.bootstrap["strata"], np.flatnonzero(rows) if rows.dtype == bool else rows)
    try:
        if s.replicates.kind == "jackknife" and s.weight_kind:  # jackknife.ado's weighted loops
            from mlmcli.graphs.fpfit_ml_replicates import replicate_variance as weighted_replicates

            def fit_rows(kept, frequencies=None):
                return refit.fit(X, kept, None, frequencies)[0]

            V, df_r = weighted_replicates(s.replicates, b, fit_rows, t.size, cluster, None, w, s.weight_kind)
        else:
            V, df_r = run_replicates(ctx, s.replicates, b, X, refit, cluster, s.bootstrap, strata, saver)
    except FracpolyFailed:
        raise StCommandFailed() from None
    except ReplicateNotEstablished as unknown:  # a replicate mlm cannot follow: the plain command's refusal
        raise unknown.error() from None
    if constraints is not None:
        from mlmcli.survival.subdistribution_replicates import constrained_variance

        V = constrained_variance(V, constraints[0])
    return V, df_r


def renumbering(ctx, s, rows, codes, k: int, xname):
    """bootstrap's ``cluster(c) idcluster(k) [group(g)]`` with k or g a variable each replicate's
    stcrreg reads: the plain command's ``StcrregRenumbering`` (survival/stcrreg_renumbering.py)
    on fracpoly's final design -- fracgen's FP terms (y is not read: its terms are), then x --, the
    offset(), tvc() and compete(); None when nothing read is renamed; the plain command's refusals
    (r(198)) as its.  ``k`` X's columns, ``codes`` the clusters over ``rows``."""
    settings = s.bootstrap
    if s.replicates.kind != "bootstrap" or not settings or not settings.get("idcluster") or codes is None:
        return None
    from types import SimpleNamespace

    from mlmcli.survival.stcrreg_renumbering import stcrreg_renumbering
    from mlmcli.factor_variables import ColumnRecipe, build_design
    from mlmcli.survival.competing_risks import parse_compete

    ds = ctx.data
    crvar, values = parse_compete(ds, s.compete)
    recipes = [ColumnRecipe((), ()) for _ in range(k - 1)] + [ColumnRecipe((), (xname,) if xname else ())]
    tvc_recipes = build_design(ds, s.tvc_terms, rows, constant=False).recipes if s.tvc else ()
    request = ("bootstrap", {"idcluster": settings["idcluster"], "group": settings.get("group"),
                             "cluster": settings.get("cluster") or s.replicate_cluster,
                             "strata": " ".join(settings["strata"]) if settings.get("strata") else None})
    reads = [v for v in (xname, s.offset, *s.tvc, crvar) if v] + ["_t", "_t0", "_d"]
    hooks = getattr(ctx, "jackknife_hooks", None)  # stset's rerun on a replicate's data: the command layer's
    rerun = hooks.stset_rerun(ds) if getattr(hooks, "stset_rerun", None) is not None else None
    return stcrreg_renumbering(ctx, request, codes, rows, SimpleNamespace(id=ds.chars.get("st_id") or None),
                               reads=reads, recipes=recipes, tvc_recipes=tvc_recipes, offset=s.offset,
                               crvar=crvar, values=values, rerun=rerun, stale=s.rerun is not None)


def replicate_clusters(ds, s, rows) -> tuple:
    """(the clusters' values over ``rows`` or None, their variable or None) (module docstring)."""
    cluster_var = s.replicate_cluster or s.cluster or ds.chars.get("st_id") or None
    return (None if cluster_var is None else ds.numeric(cluster_var)[rows]), cluster_var


def replicate_clusters_fail(ds, s, rows) -> bool:
    """The prefix's own cluster() failing stcrreg inside fracpoly (the note), as the plain command
    fails (``streg_replicates.replicate_request``): beside stset's id() without stcrreg's cluster()
    ("option cluster() not allowed"), another variable than stcrreg's cluster() ("conflicts"),
    or missing in the sample (r(459))."""
    own = s.replicate_cluster
    if not own:
        return False
    if (s.cluster and own != s.cluster) or (ds.chars.get("st_id") and not s.cluster):
        return True
    return not np.all(np.isfinite(ds.numeric(own)[rows]))


def bootstrap_saver(ctx, s, names, k_terms: int, rows) -> tuple:
    """(saving()'s writer ``write(B, b[, saving, colnames, command])`` of a fit with ``k_terms``
    FP terms -- e(b) fracgen's names and x (``_t:``), after tvc() ``main:``/``tvc:`` -- or None without
    saving(), bootstrap's strata() codes over ``rows`` or None); ``names`` (y, x)."""
    settings = s.bootstrap
    if settings is None or settings.get("saving") is None:
        return None, None
    from mlmcli.graphs.fpfit_bootstrap import group_codes
    from mlmcli.graphs.fpfit_bootstrap_options import save_bootstrap
    from mlmcli.graphs.fpfit_jackknife import fracgen_names

    ds = ctx.data
    cluster, cluster_var = replicate_clusters(ds, s, rows)
    positions = np.flatnonzero(rows) if rows.dtype == bool else rows
    strata = group_codes(ds, settings["strata"], positions) if settings["strata"] else None
    main = fracgen_names(names[0], k_terms) + [names[1]]
    colnames = ([f"main:{n}" for n in main] + [f"tvc:{n}" for n in s.tvc]) if s.tvc else [f"_t:{n}" for n in main]

    def write(B, observed, saving=None, cols=None, command=None):
        save_bootstrap(ctx, settings, B, cols or colnames, observed, cmdname="stcrreg",
                       command=command or "stcrreg " + " ".join(main), n_obs=int(positions.size),
                       cluster=cluster_var, n_cluster=None if cluster is None else int(np.unique(cluster).size),
                       strata=settings.get("strata"), n_strata=None if strata is None else int(np.unique(strata).size),
                       saving=saving)
    return write, strata


def first_fit_file(ctx, s, names, rows, b0, X0, t, status, offset, w=None, tvc=(None, None)) -> None:
    """saving() without replace: fracpoly's first fit (``stcrreg x``: ``b0`` on ``X0``, x alone)
    writes f and the second fails (StCommandFailed: the note); f there already: the first fails."""
    from mlmcli.graphs.fpfit_bootstrap_options import first_fit_file as first_file
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    settings = s.bootstrap
    if settings is None or settings.get("saving") is None or settings["saving"]["replace"]:
        return
    write, _ = bootstrap_saver(ctx, s, names, 0, rows)
    cols = ([f"main:{names[1]}"] + [f"tvc:{v}" for v in s.tvc]) if s.tvc else [f"_t:{names[1]}"]

    def on_file(saving):
        replicate_variance(ctx, s, b0, X0, t, status, offset, rows, w=w, tvc=tvc, xname=names[1],
                           saver=lambda B, observed: write(B, observed, saving, cols, f"stcrreg {names[1]}"))
    try:
        first_file(settings, on_file)
    except FracpolyFailed:
        raise StCommandFailed() from None

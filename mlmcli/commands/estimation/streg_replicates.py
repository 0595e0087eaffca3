"""streg's own ``vce(jackknife [, mse nodots cluster(v)])`` and ``vce(bootstrap [, reps(#) seed(#)
nodots])`` ([ST] streg: vce(oim|robust|cluster|opg|bootstrap|jackknife)), and the prefixes typed
on streg.

streg.ado starts with ``_vce_parserun streg, stdata``: the prefix runs streg with its clusters
chosen from the st settings -- shared()'s groups, else the stset id() (a subject's records
left out or drawn together; bootstrap's idcluster() renumbers each drawn copy as a subject of
its own), else the records; jackknife's own cluster(v) is honoured only without id() (with it,
_vce_parserun adds cluster(id) and jackknife refuses the second cluster(): r(198)).  stset
weights with bootstrap are _vce_parserun's "weights are not allowed with streg and
vce(bootstrap)" r(198).  The prefix typed (``jackknife [, cluster(v)]: streg``) leaves out
records, or its cluster()'s clusters.  Each replicate is the same ML fit (distribution, metric,
ancillary()/anc2(), strata(), offset()) on the records kept or drawn, started from the
full-sample estimates (the optimum is the same).

The prefix runs streg quietly and prints ``(running streg on estimation sample)`` and its dots;
streg's replay then prints its title, st_hcd's block -- ``F(df_m, df_r)`` and ``Prob > F``
under jackknife (e(F) = W/df_m on e(df_r) = n - 1, _prefix_model_test), the Wald chi2 under
bootstrap -- and the table (``Jackknife``/``Bootstrap`` over Std. Err.; t statistics on df_r
after jackknife), without the st lines (st_show runs in the quiet first call).  Evidence:
streg.ado, st_hcd.ado, _vce_parserun.ado, jackknife.ado (docs/xt_replicates.md).

streg's own cluster(v) beside vce(jackknife|bootstrap) (_vce_parserun ..., stdata: cluster(v) to
streg, ``noecluster`` to the prefix, whose ``checkcluster`` takes v) makes v's clusters the
replicates' and marks out v; a cluster() in vce(jackknife, ...) naming another variable is
"option cluster() of jackknife conflicts with option cluster() of streg" r(198); ``robust``
beside the vce() is _vce_parserun's "options vce() and robust may not be combined" r(198).
stset pweights and iweights under jackknife: jackknife.ado reruns streg with the st weights leaving
each cluster out, and sums with (n-1)/n (pweights) or [iw = (n-1)/n] (iweights;
``replicate_variance``); the weights' scale does not move the point estimates, so each replicate
is the weighted fit on the records kept.
Refused (not supported by mlmcli): frailty()/shared() with replicates and cluster() with the
prefix typed.
"""
from __future__ import annotations

from functools import partial

import numpy as np

from mlmcli.errors import StataError


def _refuse_second_clusters(typed) -> None:
    """vce(bootstrap, ...) with shared(): _vce_parserun's stdata branch appends ``cluster(tmp)
    idcluster(shared) group(id)``, so a typed cluster(), idcluster() or group() is bootstrap.ado's
    second one, "option cluster() not allowed" r(198) (docs/grouped_jackknife_fweights.md)."""
    from mlmcli.syntax.options import OptionSpec, read_options

    rest = str(typed or "").split(",", 1)[1] if "," in str(typed or "") else ""
    for option in (read_options(rest) if rest.strip() else []):
        for name, minimum in (("cluster", 2), ("idcluster", 2), ("group", 5)):
            if option.arg is not None and OptionSpec(name, minimum).matches(option.name):
                raise StataError(f"option {name}() not allowed", 198)


def _refuse_second_idcluster(typed) -> None:
    """With an st id, _vce_parserun's stdata branch appends ``idcluster(id)`` (or
    ``idcluster(tmp) group(id)`` beside cluster()), so a typed idcluster() is bootstrap.ado's
    second one: "option idcluster() not allowed" r(198), not "can only be specified with the
    cluster() option" (which is Stata's message without an st id)."""
    from mlmcli.syntax.options import OptionSpec, read_options

    rest = str(typed or "").split(",", 1)[1] if "," in str(typed or "") else ""
    for option in (read_options(rest) if rest.strip() else []):
        if option.arg is not None and OptionSpec("idcluster", 2).matches(option.name):
            raise StataError("option idcluster() not allowed", 198)


def replicate_request(opts: dict, ds, desc, command: str = "streg", jackknife_weights: tuple = ("pweight", "iweight"),
                      accepted=None, eform_options=None):
    """(bootstrap|jackknife, settings) from vce() (PREFIX_MARK: the prefix typed), else None;
    ``command``: streg or stcox (both run ``_vce_parserun cmd, stdata``); ``jackknife_weights``
    the stset weights whose jackknife the caller computes (stcrreg: pweights; streg and stcox:
    pweights and iweights, which _vce_parserun refuses only for stcrreg).  ``accepted``: the
    command's display options that take vce(bootstrap, ...)'s (noheader, level(); streg's tr:
    bootstrap_run.hand_display_options); notable stays mlm's r(198) (their tables have no
    notable)."""
    from mlmcli.commands.estimation.cluster_replicates import replicate_options
    from mlmcli.syntax.replicate_vce import replicate_vce_kind

    found = replicate_vce_kind(opts.get("vce"))
    if found is None:
        return None
    kind, typed, prefix = found
    if opts.get("robust"):  # _vce_parserun ..., stdata: no robustok
        raise StataError("options vce() and robust may not be combined", 198)
    if opts.get("cluster") and prefix:
        raise StataError(f"{kind}: {command} with cluster() not supported by mlmcli", 198)
    frailty_refusal = f"vce({kind}) with frailty() or shared() not supported by mlmcli with {command}"
    shared_bootstrap = kind == "bootstrap" and not prefix and opts.get("shared") and not opts.get("cluster")
    if (opts.get("frailty") or opts.get("shared")) and not shared_bootstrap:
        raise StataError(frailty_refusal, 198)
    wkind = ds.chars.get("st_wt", "")
    if shared_bootstrap:
        if wkind:  # _vce_parserun's check comes before bootstrap's parse
            raise StataError(f"weights are not allowed with {command} and vce(bootstrap)", 198)
        _refuse_second_clusters(typed)
    if kind == "bootstrap" and not prefix and ds.chars.get("st_id"):
        _refuse_second_idcluster(typed)
    display_ok = accepted is not None and not prefix
    settings = replicate_options(typed, kind, command, cluster_ok=kind == "jackknife", prefix=prefix,
                                 display_ok=display_ok)
    if kind == "bootstrap" and display_ok:
        from mlmcli.commands.estimation.bootstrap_run import hand_display_options

        if "notable" in settings.get("display", ()):
            raise StataError(f"vce(bootstrap, notable) not supported by mlmcli with {command}", 198)
        hand_display_options(settings, opts, command, accepted, eform_options or {})
    if kind == "bootstrap" and wkind and not prefix:
        raise StataError(f"weights are not allowed with {command} and vce(bootstrap)", 198)
    if shared_bootstrap:
        raise StataError(frailty_refusal, 198)
    if kind == "bootstrap" and wkind:
        raise StataError(f"bootstrap: {command} with stset weights not supported by mlmcli", 198)
    if kind == "jackknife" and wkind in ("pweight", "iweight") and wkind not in jackknife_weights:
        raise StataError(f"vce(jackknife) with stset {wkind}s not supported by mlmcli with {command}", 198)
    command_cluster = str(opts.get("cluster") or "").strip()
    if command_cluster:  # _vce_parserun hands it to streg (noecluster); the prefix's checkcluster takes it
        own, var = settings.get("cluster"), ds.resolve(command_cluster)
        if own and ds.resolve(own) != var:
            raise StataError(f"option cluster() of {kind} conflicts with option cluster() of {command}", 198)
        settings.update(cluster=var, command_cluster=var)
    elif kind == "jackknife" and settings["cluster"] is not None and desc.id and not prefix:
        raise StataError("option cluster() not allowed", 198)
    elif kind == "bootstrap" and desc.id and not prefix:  # _vce_parserun stdata: cluster(st id) appended
        from mlmcli.commands.estimation.bootstrap_run import refuse_own_clusters

        refuse_own_clusters(settings)
    settings["prefix"] = prefix
    if kind == "bootstrap":
        from mlmcli.commands.estimation.glm_replicates import vce_level

        vce_level(opts, settings)
    return kind, settings


def cluster_codes(session, settings, sample, desc):
    """The replicates' clusters over the estimation sample and their variable (None: records)."""
    from mlmcli.commands.estimation.cluster_replicates import jackknife_cluster_codes, prefix_cluster_codes

    ds = session.data
    settings["_rows"] = np.flatnonzero(sample)  # the replicates' data rows (noisily, strata())
    if settings.get("prefix"):
        return prefix_cluster_codes(ds, settings, sample), settings.get("cluster") and ds.resolve(settings["cluster"])
    name = settings.get("cluster") or desc.id
    if name and "reps" in settings and settings.get("cluster"):  # bootstrap's cluster(varlist)
        from mlmcli.commands.estimation.bootstrap_run import cluster_codes

        return cluster_codes(ds, name, sample), " ".join(ds.resolve(v) for v in name.split())
    if name:
        return jackknife_cluster_codes(ds, name, sample), ds.resolve(name)
    return np.arange(int(sample.sum())), None


def replicate_fit(session, request, data, res, control, sample, desc, wkind):
    """(V, e() additions) of streg under the replicates; prints the dots."""
    from mlmcli.survival.parametric_fit import StregData, fit

    from mlmcli.survival.st_bootstrap_renumbering import st_renumbering

    settings = request[1]
    codes, name = cluster_codes(session, settings, sample, desc)
    renumbered = st_renumbering(session, request, codes, sample, settings.get("_reads", ()), "streg",
                                **settings.get("_rebuilt", {}))

    def refit(rows, new_codes, row_frequencies=None, renumber=True):
        w = data.w[rows] if row_frequencies is None else row_frequencies
        t0, t, d = data.t0[rows], data.t[rows], data.d[rows]
        designs = [X[rows] for X in data.designs]
        offset = None if data.offset is None else data.offset[rows]
        if renumbered is not None and renumber:  # idcluster()/group() over what streg reads
            new = renumbered.values(rows, new_codes)
            t0, t, d = renumbered.times(new, t0, t, d)
            renumbered.check_levels(new, rows)  # strata()/i.v columns other than the full fit's: missing
            designs[0], offset = renumbered.design(new, designs[0], rows), renumbered.offset(new, offset)
            designs[1:] = renumbered.aux_designs(new, designs[1:], rows)
        sub = StregData(t0, t, d, w, designs, data.distribution, data.aft, offset)
        try:
            r, _ = fit(sub, res.x, **control)
        except StataError as err:
            raise ValueError(err.message) from None
        if not r.converged:
            raise ValueError("replicate did not converge")
        return r.x

    if renumbered is not None:  # bca's JKAccel jackknife takes no idcluster(): the data as they are
        refit.unrenumbered = partial(refit, renumber=False)
    return summarized_variance(session, request, res.x, refit, codes, name, data.w, wkind, "streg")


def summarized_variance(session, request, b, refit, codes, name, w, wkind, command):
    """(V, e() additions) of the replicates (streg's and stcox's): stset fweights under jackknife
    one copy of a cluster less at a time (constant within it, else jackknife.ado's r(198))."""
    from mlmcli.commands.estimation.cluster_replicates import replicate_variance
    from mlmcli.panel.replicates import constant_within

    kind, settings = request
    frequencies = None
    if kind == "jackknife" and wkind == "fweight":
        if not constant_within(w, codes):
            raise StataError(f"fweights must be constant within {name}", 198)  # jackknife.ado
        frequencies = np.zeros(int(codes.max()) + 1)
        frequencies[codes] = w
    weight_kind = wkind if kind == "jackknife" and wkind in ("pweight", "iweight") else None  # jackknife.ado's sums
    V, n, G, df_r = replicate_variance(session, kind, settings, np.asarray(b, float), refit, codes, command,
                                       frequencies, weight_kind)
    label = "Jknife *" if kind == "jackknife" and settings.get("mse") else kind.capitalize()
    return V, {"kind": kind, "n": n, "df_r": df_r, "mse": bool(settings.get("mse")), "label": label,
               "clusters": (G, name) if name else None}

"""stcrreg's own ``vce(jackknife [, mse nodots cluster(v)])`` and ``vce(bootstrap [, reps(#)
seed(#) strata() cluster() ...])`` ([ST] stcrreg: vce(robust|cluster clustvar|bootstrap|jackknife)).

stcrreg.ado starts with ``_vce_parserun stcrreg, mark(OFFset CLuster) stdata ...``, as streg and
stcox do: the replicates' clusters are the stset id()'s subjects (a subject's records left out
or drawn together), else jackknife's (or bootstrap's) own cluster(), else the records;
stcrreg's cluster(v) beside the vce() is the replicates' (``streg_replicates.replicate_request``:
the same rules and refusals -- stset weights with bootstrap, ``robust`` beside the vce(); iweights
with vce(jackknife) are _vce_parserun's own "iweights are not allowed with stcrreg and
vce(jackknife)" r(198), with the prefix typed mlm's refusal).  stset pweights under jackknife:
jackknife.ado reruns stcrreg with the st weights (``streset``) leaving each cluster out, and sums
with (n-1)/n (``replicate_variance``'s pweight); fweights one copy of a cluster less at a time.  Each replicate is the same Fine and Gray fit on the
records kept or drawn -- the censoring distribution's Kaplan-Meier re-estimated on them, a drawn
subject a subject of its own (its records still one subject's) -- by Newton-Raphson from the
full-sample estimates (the optimum is the same).  V is the jackknife's or the bootstrap's
(``cluster_replicates.replicate_variance``, ``bootstrap_run``); no robust variance is computed.

The prefix runs stcrreg quietly (``(running stcrreg on estimation sample)`` and its dots), then
stcrreg's replay: DiHeader's counts, ``Replications = #`` (e(N_reps)), under jackknife
``F(df_m, df_r)`` and ``Prob > F`` (_prefix_model_test: F = W/df_m, e(df_r) = clusters - 1),
under bootstrap the Wald chi2; the table under ``Bootstrap``/``Jackknife`` (t statistics on
df_r after jackknife; ``(Replications based on N clusters in v)`` over it).
tvc() (its columns times texp()'s g(_t)) and constraints() are kept in every replicate, as the
prefix reruns stcrreg with them; a constrained coefficient's replicates are all the same, so its
replicate variance is 0.

The prefix typed (``jackknife [, cluster(v)]: stcrreg``, ``bootstrap [, cluster(v) idcluster()]:
stcrreg``; ``replicate_prefix``) leaves out or draws records, or its cluster()'s clusters.  With
stset id() and several records a subject, clusters that split a subject's records (records left
out of the middle of a subject, drawn apart) are refused: the gaps and overlaps that make within a
subject are what mlm's stcrreg does not fit (docs/competing_risks.md).  The bootstrap prefix typed
leaves the drawn copies their subject's id unless idcluster(id) or group(id) renumbers it, so a
replicate drawing a subject twice fails as stcrreg.ado fails it (``_copies_share_ids``).
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.sorted_codes import unique_rows


def replicate_request(opts: dict, ds, desc):
    """(bootstrap|jackknife, settings) from vce(), else None."""
    from mlmcli.commands.estimation.streg_replicates import replicate_request as st_request

    from mlmcli.syntax.replicate_vce import replicate_vce_kind

    found = replicate_vce_kind(opts.get("vce"))
    if found is not None and found[0] == "jackknife" and not found[2] and ds.chars.get("st_wt") == "iweight":
        raise StataError("iweights are not allowed with stcrreg and vce(jackknife)", 198)  # _vce_parserun
    outputs = None
    if found is not None and found[0] == "jackknife":  # saving() keep ...: stcrreg_jackknife_outputs
        from mlmcli.commands.estimation.stcrreg_jackknife_outputs import split_outputs

        text, outputs = split_outputs(opts["vce"])
        opts = dict(opts, vce=text)
    request = st_request(opts, ds, desc, command="stcrreg", jackknife_weights=("pweight",))
    if request is not None and outputs:
        request[1]["outputs"] = outputs
    return request


def replicate_fit(session, request, data, t0, ids, b, control, sample, desc, wkind, tvc=(None, None),
                  constraints=None):
    """(V, e() additions) of stcrreg under the replicates; prints the dots.  ``data`` the
    estimation sample's CompetingData, ``t0`` its entry times, ``ids`` its stset id() values
    (None without id()); ``tvc`` (Z, g) of tvc(); ``constraints`` (R, r).  jackknife's
    n()/nocount with stset fweights and nodrop: ``stcrreg_jackknife_nodrop``; the additions then
    carry e(N) (``N``) and, under nodrop, e(sample) (``sample``)."""
    from mlmcli.commands.estimation.streg_replicates import cluster_codes, summarized_variance
    from mlmcli.survival.subdistribution_replicates import constrained_variance, replicate_refit

    from mlmcli.commands.data.survival_settings import stset_rerun
    from mlmcli.survival.stcrreg_renumbering import refusal_of, stcrreg_renumbering

    settings = request[1]
    codes, name = cluster_codes(session, settings, sample, desc)
    # idcluster()/group() over what stcrreg reads: the replicates rebuilt (stset rerun), or mlm's r(198)
    renumbered = stcrreg_renumbering(session, request, codes, sample, desc, reads=settings.get("_reads", ()),
                                     rerun=stset_rerun(session), **settings.get("_rebuilt", {}))
    if settings.get("prefix") and ids is not None:
        _refuse_split_subjects(ids, codes, request[0])
    refit = replicate_refit(data, t0, ids, b, control, Z=tvc[0], g=tvc[1], constraints=constraints,
                            renumbered=renumbered, shared_ids=_copies_share_ids(session, request, desc, ids, codes))
    outputs = settings.get("outputs")
    if not outputs:  # a replicate mlm cannot follow (stcrreg_renumbering): the refusal
        V, replicated = refusal_of(lambda: summarized_variance(session, request, b, refit, codes, name, data.w,
                                                               wkind, "stcrreg"))
        return (V if constraints is None else constrained_variance(V, constraints[0])), replicated
    # jackknife's saving() keep idcluster() reject() n() nodrop (stcrreg_jackknife_outputs)
    import numpy as np

    from mlmcli.commands.estimation import stcrreg_jackknife_outputs as jk
    from mlmcli.commands.estimation.stcrreg_jackknife_nodrop import nodrop_jackknife, nodrop_units

    names = list(settings.get("_colnames") or ())
    if outputs.get("idcluster") and name is None:
        raise StataError("option idcluster() requires the cluster() option", 198)
    if wkind == "fweight" and name is not None:
        from mlmcli.panel.replicates import constant_within

        if not constant_within(data.w, codes):
            raise StataError(f"fweights must be constant within {name}", 198)  # jackknife.ado
    units = None
    if outputs.get("nodrop") and settings.get("_if_in") is not None:
        units = nodrop_units(session.data, settings["_if_in"], sample, name, settings.get("_weights"), wkind,
                             outputs.get("nfunc"), _stset_if(session))
        if units is not None and units.stops is not None and outputs.get("saving"):
            # jackknife.ado's postfile holds the replicates before the stop (postclose, no characteristics)
            raise StataError("vce(jackknife, nodrop saving()) stopped by a zero stset fweight not supported by "
                             "mlmcli with stcrreg", 198)
    jk.check_before_fit(session, outputs, names)
    rejected = jk.reject_check(session, outputs, b, names, int(sample.sum()))
    current = [0]
    left_out = None if units is None else (lambda rows, row_frequencies=None: int(units.sizes[current[0]]))
    counted = jk.count_check(session, outputs, b, names, ids, int(sample.sum()), wkind == "pweight",
                             frequencies=data.w if wkind == "fweight" else None, left_out=left_out)
    refit, records = jk.recording(refit, rejected, counted)
    settings["_dot_marks"] = lambda marks: jk.count_dots(marks, refit.counts_failed)
    frequencies = None
    if units is None:
        V, replicated = summarized_variance(session, request, b, refit, codes, name, data.w, wkind, "stcrreg")
        if wkind == "fweight":  # each replicate's multiplier (constant within clusters: checked above)
            frequencies = np.zeros(int(codes.max()) + 1)
            frequencies[codes] = data.w
        keep_sample, keep_codes, n_obs = sample, codes, float(sample.sum())
    else:
        V, n, df_r = nodrop_jackknife(session, settings, b, refit, units, data.w, wkind, current)
        label = "Jknife *" if settings.get("mse") else "Jackknife"
        replicated = {"kind": "jackknife", "n": n, "df_r": df_r, "mse": bool(settings.get("mse")), "label": label,
                      "clusters": (units.count, name) if name else None, "sample": units.touse}
        frequencies = units.frequencies
        keep_sample, keep_codes, n_obs = units.touse, units.codes, float(units.nobs)
    jk.write_outputs(session, outputs, names, b, records, keep_sample, keep_codes, name,
                     settings.get("_command", "stcrreg"), n_obs, frequencies)
    replicated["e_extra"] = jk.ereturn_extra(outputs, names, records)
    N = _jackknife_N(outputs, wkind, data.w, units)
    if N is not None:
        replicated["N"] = N
    return (V if constraints is None else constrained_variance(V, constraints[0])), replicated


def _stset_if(session):
    """The rows stset's ``if exp`` keeps (st_set's ``mark goodwgt `ifif' [wgt]`` checks the weights
    there only), or None without one."""
    exp = session.data.chars.get("st_ifexp")
    if not exp:
        return None
    from mlmcli.commands.data.common import if_in_command, mark

    return mark(session, if_in_command("if " + exp))


def _jackknife_N(outputs: dict, wkind, w, units) -> float | None:
    """jackknife.ado's e(N) where it is not stcrreg's: with fweights its N -- n0 = int(n(exp))
    of the full sample, or under nocount the touse rows' frequencies summed --; under nodrop
    (unweighted, pweights) the if/in rows (nobs).  None: stcrreg's e(N)."""
    import numpy as np

    if wkind == "fweight":
        if outputs.get("nfunc") is None:
            return float(np.sum(w)) if units is None else units.N
        return float(outputs["_n0"]) if outputs.get("_n0") is not None else None
    return None if units is None else units.N


def _copies_share_ids(session, request, desc, ids, codes) -> bool:
    """The bootstrap prefix typed on stset id() data whose id variable is not renumbered: a drawn
    subject's copies keep its id, so in each replicate stcrreg.ado's lastrec (``sort id touse _t``),
    its multiple-failure check and ParseCompete's stset rerun with id() see them as one subject
    with records at the same instant -- "data with multiple failures per subject" (a failed
    subject) or "competing risks events must be stset as censored" (stset leaves the copies out,
    ``_d & lastrec`` reads the missing _d), r(459): the replicate missing
    (survival.subdistribution_replicates).  The vce() form is not concerned: _vce_parserun's
    stdata branch appends ``cluster(tmpid) idcluster(id) idclustvar`` (``idcluster(tmpid)
    group(id)`` beside stcrreg's cluster()), so bootstrap writes each copy's number into the id
    itself (a typed idcluster() there is a second one, r(198)).  The prefix's ``idcluster(id)``
    does the same when each cluster holds one subject; over clusters of several subjects it merges
    them (mlm's refusal); ``group(id)`` numbers the copies' subjects apart."""
    import numpy as np

    settings = request[1]
    if request[0] != "bootstrap" or not settings.get("prefix") or not desc.id or ids is None:
        return False
    ds = session.data

    def named(option):
        text = str(settings.get(option) or "").strip()
        try:
            return ds.resolve(text) if text else ""
        except StataError:
            return text
    if named("group") == desc.id:
        return False
    if named("idcluster") == desc.id:
        if codes is not None and unique_rows(np.column_stack([codes, ids])).shape[0] != np.unique(codes).size:
            raise StataError("bootstrap: stcrreg with idcluster() renumbering stset's id() over clusters of several "
                             "subjects not supported by mlmcli", 198)
        return False
    return True


def _refuse_split_subjects(ids, codes, kind: str) -> None:
    """The prefix typed whose clusters split a subject's records (module docstring)."""
    import numpy as np

    pairs = unique_rows(np.column_stack([ids, codes]))
    if np.unique(pairs[:, 0]).size != pairs.shape[0]:
        raise StataError(f"{kind}: stcrreg with clusters that split a stset id()'s records (gaps or overlaps "
                         "within a subject) not supported by mlmcli", 198)

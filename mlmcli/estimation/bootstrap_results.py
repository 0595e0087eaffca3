"""What ``vce(bootstrap)`` adds to the e() a command posts, once it has posted them: the runner
calls ``finish_bootstrap`` after each command that left ``session.bootstrap_pending``
(``commands.estimation.bootstrap_run``).  The replicates (over the coefficients the command
refitted) are placed on e(b)'s columns -- all of them, or the ones that are not base or omitted
levels (0 in every replicate, as in e(b)) -- and summarised as bootstrap.ado's _bs_sum does:
e(b_bs) e(reps) e(bias) e(se) e(z0) e(ci_normal) e(ci_percentile) e(ci_bc) [e(ci_bca) e(accel)],
e(N_reps) e(N_misreps) e(level), e(vcetype) (``Bstrap *`` with mse), e(mse), e(ties); with
strata() e(N_strata) and e(strata); size() e(size); cluster() in vce() e(N_clust) and
e(clustvar) (not with noecluster); e(rngstate) the seed.  saving() writes the replicates
(``replication.replicate_dataset``).  When the replicates do not match e(b) (a command that
posts another parametrisation) nothing is added but saving()'s file, under _bs_# names."""
from __future__ import annotations

import numpy as np


def finish_bootstrap(session, before) -> None:
    pending, session.bootstrap_pending = session.bootstrap_pending, None
    e = session.e
    if pending is None or e is None or e is before or e.macros.get("vce") != "bootstrap" or "b" not in e.matrices:
        return
    from mlmcli.replication.ereturn import bootstrap_macros, bootstrap_matrices, bootstrap_scalars, full_columns
    from mlmcli.replication.replicate_dataset import replicate_dataset, save_replicates
    from mlmcli.replication.summary import bootstrap_summary
    from mlmcli.syntax.coefnames import is_base_or_omitted

    settings = pending["settings"]
    names = tuple(e.matrices["b"].colnames)
    b_full = np.asarray(e.matrices["b"].values, float).reshape(-1)
    theta, B, accel = pending["b"], pending["B"], pending["accel"]
    estimated = list(range(len(names))) if len(names) == len(theta) else \
        [j for j, n in enumerate(names) if not is_base_or_omitted(n)]
    matched = len(estimated) == len(theta) and np.allclose(b_full[estimated], theta, rtol=1e-7, atol=1e-10)
    if matched:
        B_full = full_columns(B, estimated, len(names))
        a_full = None
        if accel is not None:
            a_full = np.zeros(len(names))
            a_full[estimated] = accel
        level = settings.get("level") or e.scalars.get("level") or pending["level"]  # the command's level()
        stats = bootstrap_summary(B_full, b_full, level=level, mse=bool(settings.get("mse")),
                                  ties=bool(settings.get("ties")), accel=a_full)
        e.matrices.update(bootstrap_matrices(stats, names))
        e.scalars.update(bootstrap_scalars(stats))
        e.macros.update(bootstrap_macros(stats))
        e.macros["rngstate"] = str(pending["seed"])
        if stats.n_misreps:  # _bs_sum's r(missing); _prefix_footnote's note after the table
            from mlmcli.estimation.replicate_missing import print_note

            e.macros["missing"] = "missing"
            if not pending.get("noted"):  # the command's own display may have shown it already
                print_note(session, e, settings)
        if settings.get("strata"):
            e.scalars["N_strata"] = float(pending["n_strata"])
            e.macros["strata"] = settings["strata"]
        if settings.get("title"):  # bootstrap.ado: ereturn local title `title'
            e.macros["title"] = settings["title"]
        if settings.get("size"):
            e.macros["size"] = str(settings["size"])
        if settings.get("cluster") and not settings.get("prefix"):
            e.scalars["N_clust"] = float(pending["n_units"])
            if not settings.get("noecluster"):
                e.macros["clustvar"] = _full_names(session, settings["cluster"])
    saving = settings.get("saving")
    if saving:
        if matched:
            colnames, observed, reps, a = names, b_full, B_full, a_full
        else:
            colnames = tuple(f"_bs_{j + 1}" for j in range(len(theta)))
            observed, reps, a = theta, B, accel
        cmdline = str(e.macros.get("cmdline") or pending["command"])
        ds = replicate_dataset(reps, colnames, observed, command=cmdline, cmdname=pending["command"].split(",")[0],
                               seed=pending["seed"], n_obs=pending["n_obs"], double=bool(settings.get("double")),
                               cluster=settings.get("cluster"),
                               n_cluster=pending["n_units"] if settings.get("cluster") else None,
                               strata=settings.get("strata"), n_strata=pending["n_strata"], accel=a)
        save_replicates(ds, saving)


def _full_names(session, names: str) -> str:
    """cluster(varlist) as bootstrap.ado's syntax unabbreviates it."""
    from mlmcli.errors import StataError

    try:
        return " ".join(session.data.resolve(v) for v in str(names).split())
    except StataError:
        return str(names)

"""ivreg2's ``savefirst`` / ``savefprefix(prefix)``: each first-stage regression kept with
``estimates store <prefix><endogenous var>`` (``.`` in the name becomes ``_``), titled
"First-stage regression: <var>", as ivreg2.ado's PostFirstRF posts it: e(b) over the excluded
then the included instruments (base and omitted levels as zeros), e(V) with ivreg2's
small-sample factor, e(N), e(rmse), e(df_r) = N - L, e(df_m) = L - constant, e(k_eq) = the
number of endogenous regressors, e(cmd) ``ivreg2``, e(model) ``first``, e(depvar), e(vce)
and e(vcetype)/e(clustvar)/e(N_clust) when robust or clustered.  The main results stay active
with their names in e(firsteqs); before its output ivreg2 lists them (DispStored: "Stored
estimation results" and ``estimates dir`` of them)."""
from __future__ import annotations

import re

from mlmcli.errors import StataError


def store_first_stages(session, prefix: str, fits, endog, design, inst_design, main_scalars, vce: str,
                       clustvar, sample, main) -> list[str]:
    """``main``: the IV fit's IVReg2Result (its subtitle, clusters, kernel and level)."""
    from mlmcli.estimation.active import NAME_RE
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import coefficient_matrices, rows_from_estimates
    from mlmcli.results.ivreg2 import IVReg2FirstStage

    endog_set = set(endog)
    labels = list(inst_design.labels) + [lab for lab in design.labels if lab.name not in endog_set]
    has_cons = any(lab.name == "_cons" for lab in labels)
    estimable = [lab for lab in labels if not (lab.base or lab.omitted)]
    stored = []
    for name, (b, V, rmse, df_r) in zip(endog, fits):
        eqname = re.sub(r"\.", "_", prefix + name)
        if not NAME_RE.match(eqname):
            raise StataError(f"{eqname} invalid name", 198)
        eb, eV = coefficient_matrices(labels, b, V)
        n_inst = len(b)
        scalars = {"N": float(main_scalars["N"]), "rmse": float(rmse), "df_r": float(df_r),
                   "df_m": float(n_inst - (1 if has_cons else 0)), "k_eq": float(len(endog))}
        macros = {"cmd": "ivreg2", "model": "first", "depvar": name, "properties": "b V",
                  "vce": {"unadjusted": "", "robust": "robust", "cluster": "robust cluster"}[vce],
                  "_estimates_name": eqname, "estimates_title": f"First-stage regression: {name}"}
        if vce != "unadjusted":
            macros["vcetype"] = "Robust"
        if clustvar:
            macros["clustvar"] = clustvar
            scalars["N_clust"] = float(main_scalars.get("N_clust", 0.0))
        if not macros["vce"]:
            del macros["vce"]
        shown = IVReg2FirstStage(name, main.subtitle_v, {"N": scalars["N"]},
                                 rows_from_estimates(estimable, b, V, main.level, df_r), robust=main.robust,
                                 cluster=main.cluster, cluster2=main.cluster2, kernel=main.kernel,
                                 level=main.level, df_r=df_r)
        e = EstimationResults(cmd="ivreg2", scalars=scalars, macros=macros, matrices={"b": eb, "V": eV},
                              result=shown, sample=sample.copy(), title=f"First-stage regression: {name}")
        e.stamp_sample(session.data)
        session.estimates[eqname] = e
        stored.append(eqname)
    return stored


def show_stored(session, names: list[str]) -> None:
    """DispStored: the heading, a 25-dash rule, then ``estimates dir`` of the stored names."""
    from mlmcli.commands.postestimation.estimates import dir_text

    text = dir_text(session, names)
    if text is not None:
        session.print("\nStored estimation results\n" + "-" * 25 + text)
        session.set_r({"names": " ".join(names)})

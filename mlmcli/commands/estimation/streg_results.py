"""streg's results: the table rows (the _t equation, the ancillary parameters as ``/ln_p``
rows with their natural forms ``p``/``1/p``, ``sigma``, ``gamma`` below, or, modelled by
ancillary()/anc2(), as equations), the header's test, e() and the model predict uses."""
from __future__ import annotations

import numpy as np

from mlmcli.syntax.options import confidence_level
from mlmcli.survival.settings import weighted_subjects

# the natural form of each ancillary parameter shown when it has no covariates:
# (equation, row name, sign of the exponent) -- p = exp(ln_p), 1/p = exp(-ln_p), ...
NATURAL = {"weibull": (("ln_p", "p", 1), ("ln_p", "1/p", -1)), "lognormal": (("ln_sig", "sigma", 1),),
           "loglogistic": (("ln_gam", "gamma", 1),), "gamma": (("ln_sig", "sigma", 1),),
           "frailty": (("ln_the", "theta", 1),)}
# the *het commands' "Fitting <name> model:" (the fit without frailty)
COMPARISON_NAMES = {"exponential": "exponential", "weibull": "Weibull", "gompertz": "Gompertz",
                    "lognormal": "lnormal", "loglogistic": "llogistic", "gamma": "gamma"}
# e() scalars of the ancillary parameters (exp of the log-scale ones)
AUX_SCALARS = {"weibull": ("aux_p", "ln_p", True), "gompertz": ("gamma", "gamma", False),
               "lognormal": ("sigma", "ln_sig", True), "loglogistic": ("gamma", "ln_gam", True),
               "gamma": ("sigma", "ln_sig", True)}


def _slash_row(name, b, se, level, df=None):
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.postest.coefficient_rows import coefficient_rows, normal_or_t

    stat, p, lo, hi = normal_or_t(np.array([b]), np.array([se]), level, df)
    return coefficient_rows([CoefLabel(name)], [b], [se], stat, p, lo, hi)[0]


def _natural_rows(dist, slash, level):
    from mlmcli.results.mixed import CoefRow

    nan = float("nan")
    out = []
    for eq, name, sign in NATURAL.get(dist, ()):
        row = slash[eq]
        v = float(np.exp(sign * row.coef))
        with np.errstate(over="ignore"):  # theta on its boundary: an infinite bound, printed "."
            lo, hi = sorted((float(np.exp(sign * row.ci_lo)), float(np.exp(sign * row.ci_hi))))
        out.append(CoefRow(name, v, v * row.se, nan, nan, lo, hi))
    return tuple(out)


def _model_test(fi, k_t, labels, b, V, const):
    """(type, chi2, df, p): LR against the constant-only fit; Wald (the _t slopes) after a
    robust variance or without a constant."""
    from mlmcli import distributions
    from mlmcli.postest.coefficient_rows import safe_rank

    slopes = [j for j, lab in enumerate(labels) if lab.name != "_cons"]
    # nolrtest: a Wald test of the model; with frailty() the *het commands take it as no test of theta
    nolrtest = fi["nolrtest"] and not fi.get("frailty")
    if fi.get("constraints") is not None:  # ml_model: "constraints imply a model Wald test" (lf0
        # dropped) of the _t slopes, [R] test dropping what V cannot test (a fixed coefficient)
        from mlmcli.postest.wald import Constraint, wald_test

        if not slopes:
            return "Wald", float("nan"), 0, float("nan")
        rows = [Constraint(np.eye(len(b))[j], 0.0) for j in slopes]
        w = wald_test(rows, b, V, [""] * len(rows))
        return "Wald", w.chi2, w.df, w.p
    if fi["vce"] not in ("oim", "opg") or fi["null_res"] is None or nolrtest:
        if not slopes:
            return "Wald", float("nan"), 0, float("nan")
        Vs = V[np.ix_(slopes, slopes)]
        bs = b[slopes]
        df = safe_rank(Vs)
        if fi.get("replicated"):  # _prefix_model_test: missing when the replicate V is singular
            from mlmcli.postest.prefix_model_test import replicate_wald
            chi2, df = replicate_wald(bs, Vs)
        elif np.isfinite(Vs).all():
            chi2 = float(bs @ np.linalg.pinv(Vs) @ bs)
        else:  # one cluster: the sandwich is missing, so is the test (on every slope, as logit's)
            chi2, df = float("nan"), len(slopes)
        df_r = (fi.get("replicated") or {}).get("df_r")
        if df_r is not None:  # jackknife: _prefix_model_test's F = W/df_m on df_r
            F = chi2 / df if df else float("nan")
            return "F", F, df, float(distributions.f.sf(F, df, df_r)) if df else float("nan")
        return "Wald", chi2, df, float(distributions.chi2.sf(chi2, df)) if df else float("nan")
    df = safe_rank(V[np.ix_(slopes, slopes)]) if slopes else 0
    chi2 = 2.0 * (fi["res"].f - fi["null_res"].f)
    if not df:  # no covariates: the full model is the constant-only one; 2*(ll - ll_0) between two fits
        chi2 = 0.0  # of it is the optimiser's rounding, of either sign, no statistic: a test of 0 restrictions
    return "LR", chi2, df, float(distributions.chi2.sf(chi2, df)) if df else float("nan")


def build_results(session, cmd, opts, fi):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import rows_from_estimates, safe_rank
    from mlmcli.postest.ml_constraints import mark_constrained
    from mlmcli.results.glmm import IterationLog, IterationPhase
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.survival import StregResult

    dist, aft, design, res, V = fi["dist"], fi["aft"], fi["design"], fi["res"], fi["V"]
    level = confidence_level(opts, getattr(session, "level", 95.0))
    labels = [lab for lab in design.labels if not (lab.base or lab.omitted)]
    k = design.X.shape[1]
    b_t, V_t = res.x[:k], V[:k, :k]
    rep = fi.get("replicated")
    df_r = rep["df_r"] if rep else None  # jackknife: t on e(df_r)
    # the table also carries the factors' base levels, which (all)baselevels shows ("1  (base)")
    shown = [lab for lab in design.labels if lab.base or not lab.omitted]
    b_rows = rows_from_estimates(shown, b_t, V_t, level, df_r)
    eform_rows = rows_from_estimates(shown, b_t, V_t, level, df_r, eform=True)
    cns = fi.get("constraints")
    if cns is not None:  # a coefficient the constraints fix has no variance: ``b  (constrained)``
        b_rows, eform_rows = (mark_constrained(rows) for rows in (b_rows, eform_rows))
    slash, aux_eqs, at = {}, [], k
    names = [f"_t:{lab.name}" for lab in design.labels]
    cols = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
    for eq, aux_design in zip(dist.aux, fi["aux_designs"]):
        if aux_design is None:
            se = float(np.sqrt(max(V[at, at], 0.0)))
            slash[eq] = _slash_row("/" + eq, float(res.x[at]), se, level, df_r)
            if cns is not None:
                slash[eq] = mark_constrained((slash[eq],))[0]
            names.append(f"{eq}:_cons")
            cols.append(len(names) - 1)
            at += 1
            continue
        kk = aux_design.X.shape[1]
        aux_labels = [lab for lab in aux_design.labels if not (lab.base or lab.omitted)]
        aux_eqs.append((eq, rows_from_estimates(aux_labels, res.x[at:at + kk], V[at:at + kk, at:at + kk], level,
                                                df_r)))
        base = len(names)
        names += [f"{eq}:{lab.name}" for lab in aux_design.labels]
        cols += [base + j for j, lab in enumerate(aux_design.labels) if not (lab.base or lab.omitted)]
        at += kk
    frailty = None
    if fi.get("frailty"):  # ln_the, the last parameter: its row and theta below p, 1/p
        from mlmcli.commands.estimation.streg_frailty import frailty_summary

        frailty = frailty_summary(fi)
        slash["ln_the"] = _slash_row("/ln_the", float(res.x[at]), float(np.sqrt(max(V[at, at], 0.0))), level)
        if cns is not None:
            slash["ln_the"] = mark_constrained((slash["ln_the"],))[0]
        names.append("ln_the:_cons")
        cols.append(len(names) - 1)
    chi2_type, chi2, df_m, pval = _model_test(fi, k, labels, b_t, V_t, fi["null_res"] is not None)
    data, wkind, sample = fi["data"], fi["wkind"], fi["sample"]
    wv = data.w if wkind == "fweight" else np.ones(len(data.t))
    n_sub = weighted_subjects(session.data.numeric(fi["desc"].id)[sample] if fi["desc"].id else None, wv)
    form = "accelerated failure-time form" if aft else "log relative-hazard form"
    # ereg.ado (the exponential without frailty) computes its constant-only model in closed form
    # (ml run quietly with an offset) and logs only the full model, from that fit, under no heading
    closed_form = dist.name == "exponential" and not frailty
    headed = (fi["covariates"] and not closed_form) or bool(fi.get("from_headed"))  # weibull_s with from()
    phases = ((IterationPhase(f"Fitting {COMPARISON_NAMES[dist.name]} model:", tuple(fi["frailty"]["plain"].steps)),)
              if frailty else ()) + ((IterationPhase("Fitting constant-only model:", tuple(fi["null_res"].steps)),)
              if fi["null_res"] is not None and headed else ())
    # without covariates the ados print the full model's log under no heading
    phases += (IterationPhase("Fitting full model:" if headed else "", tuple(res.steps)),)
    pseudo = fi["vce"] not in ("oim", "opg") and not rep
    # jackknife's full-sample streg with stset pweights is a pseudolikelihood fit (its e(crittype))
    pseudo_ll = pseudo or bool(rep and fi["wkind"] == "pweight")
    result = StregResult(
        description=fi["desc"], title=f"{dist.title} -- {form}", iteration_log=IterationLog(phases),
        n_subjects=n_sub, n_failures=float((wv * data.d).sum()), time_at_risk=float((wv * (data.t - data.t0)).sum()),
        nobs=int(wv.sum()), df_m=df_m, chi2=chi2, p=pval, loglik=res.f, coefs=b_rows, coefs_hr=eform_rows,
        ancillary=tuple(slash[eq] for eq in dist.aux + ("ln_the",) if eq in slash),
        natural=(_natural_rows(dist.name, slash, level) if all(e in slash for e, _, _ in NATURAL.get(dist.name, ()))
                 else ()) + (_natural_rows("frailty", slash, level) if frailty else ()), frailty=frailty, level=level, aux_equations=tuple(aux_eqs), chi2_type=chi2_type, pseudo=pseudo_ll,
        vce_label=rep["label"] if rep else "OPG" if fi["vce"] == "opg" else None,
        n_clusters=fi["n_clusters"], cluster_var=fi["clustvar"] if fi["n_clusters"] else None,
        offset_name=fi["offset_var"], df_r=df_r, replications=rep["clusters"] if rep else None,
        constraint_labels=cns.labels if cns is not None else ())
    full_b, full_V = np.zeros(len(names)), np.zeros((len(names), len(names)))
    full_b[cols], full_V[np.ix_(cols, cols)] = res.x, V
    eq_names = tuple(names)
    matrices = {"b": Matrix(full_b[None, :], ("y1",), eq_names), "V": Matrix(full_V, eq_names, eq_names)}
    scalars = {"N": float(result.nobs), "N_sub": n_sub, "N_fail": result.n_failures, "risk": result.time_at_risk,
               "ll": res.f, "chi2": chi2, "p": pval, "df_m": float(df_m),
               # ml's e(k) = colsof(e(b)) and e(k_dv): one depvar, the ados' ``(_t: _t = rhs)`` equation
               "k": float(len(names)), "k_eq": float(1 + len(dist.aux) + bool(frailty)), "k_dv": 1.0,
               "k_aux": float(len(slash)), "converged": float(res.converged),
               "rank": float(safe_rank(V)), "level": level}
    if fi["null_res"] is not None and cns is None:  # constraints: ml drops lf0()
        scalars["ll_0"] = fi["null_res"].f
    if cns is not None:
        from mlmcli.postest.ml_constraints import cns_matrix

        matrices["Cns"] = cns_matrix(cns, eq_names, cols)
    if fi["n_clusters"]:
        scalars["N_clust"] = float(fi["n_clusters"])
    if dist.name in AUX_SCALARS and AUX_SCALARS[dist.name][1] in slash:
        key, eq, logged = AUX_SCALARS[dist.name]
        v = slash[eq].coef
        scalars[key] = float(np.exp(v)) if logged else float(v)
    if frailty:
        scalars["theta"] = float(np.exp(slash["ln_the"].coef))
        if frailty["ll_c"] is not None:
            scalars.update(ll_c=frailty["ll_c"], chi2_c=frailty["chi2_c"], p_c=frailty["p_c"])
        if frailty["shared"]:
            scalars.update(N_g=float(frailty["n_groups"]), g_min=float(frailty["g_min"]), g_avg=frailty["g_avg"],
                           g_max=float(frailty["g_max"]))
    if dist.name == "gamma" and "kappa" in slash:
        scalars["kappa"] = slash["kappa"].coef
    macros = {"cmd": dist.cmd, "cmd2": "streg", "cmdline": (cmd.text or "").strip(), "depvar": "_t", "t0": "_t0",
              "title": dist.title, "dead": "_d", "distribution": dist.name, "frm2": "time" if aft else "hazard",
              "chi2type": chi2_type, "vce": "robust" if pseudo else fi["vce"], "predict": "streg_p",
              "crittype": "log pseudolikelihood" if pseudo_ll else "log likelihood", "properties": "b V"}
    if pseudo or fi["vce"] == "opg":
        macros["vcetype"] = "Robust" if pseudo else "OPG"
    if fi["clustvar"] and fi["n_clusters"]:
        macros["clustvar"] = fi["clustvar"]
    if frailty:  # the *het commands' names (weibullhet, ...)
        macros.update(cmd=dist.cmd + "het", fr_title=frailty["title"])
        if frailty["shared"]:
            macros["shared"] = frailty["shared"]
        if frailty["sh_warn"]:
            macros["sh_warn"] = "sh_warn"
    if rep:
        replicate_ereturn(scalars, macros, rep, chi2_type)
    if fi["offset_var"]:
        macros["offset1"] = fi["offset_var"]
    if wkind:
        macros["wtype"], macros["wexp"] = wkind, "= " + session.data.chars.get("st_wv", "")
    from mlmcli.commands.postestimation.predict_streg import StregModel

    model = StregModel(fi, matrices, result)
    e = EstimationResults(cmd="streg", scalars=scalars, macros=macros, matrices=matrices, result=result,
                          model=model, sample=sample, title=dist.title, design=design)
    e.stamp_sample(session.data)
    return e


def replicate_ereturn(scalars: dict, macros: dict, rep: dict, test_type: str) -> None:
    """vce(jackknife|bootstrap): e(vce), e(vcetype), e(prefix), e(N_reps) (e(N_clust),
    e(clustvar)); jackknife's e(df_r) and e(F) in place of e(chi2) and e(chi2type)."""
    scalars["N_reps"] = float(rep["n"])
    if rep["clusters"]:
        scalars["N_clust"] = float(rep["clusters"][0])
        macros["clustvar"] = rep["clusters"][1]
    if test_type == "F":
        scalars["F"] = scalars.pop("chi2")
        scalars["df_r"] = float(rep["df_r"])
        macros.pop("chi2type", None)
    macros.update(vce=rep["kind"], vcetype=rep["label"], prefix=rep["kind"])
    if rep["mse"]:
        macros["mse"] = "mse"

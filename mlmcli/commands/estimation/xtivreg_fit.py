"""``xtivreg``'s sample, columns, fit and e() (the command's syntax: ``xtivreg``)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.postest.linear_prediction import LinearIndexPredictions
from mlmcli.syntax.options import confidence_level

TITLES = {"fe": "Fixed-effects (within) IV regression", "be": "Between-effects IV regression:",
          "fd": "First-differenced IV regression", "g2sls": "G2SLS random-effects IV regression",
          "ec2sls": "EC2SLS random-effects IV regression"}


@dataclass
class XtivFit(LinearIndexPredictions):
    coef_labels: tuple
    b: np.ndarray
    V: np.ndarray
    level: float
    df_r: float | None
    y: np.ndarray
    result_object: object = None

    predict_default_note = "(option xb assumed; fitted values)"

    def e_matrices(self):
        from mlmcli.postest.coefficient_rows import coefficient_matrices

        return coefficient_matrices(self.coef_labels, self.b, self.V)

    def rows_at(self, level: float) -> tuple:
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        return rows_from_estimates(self.coef_labels, self.b, self.V, level, self.df_r)

    def coef_rows(self) -> tuple:
        return self.rows_at(self.level)

    def result(self):
        return self.result_object

    def response(self):
        return self.y

    def predict_options(self) -> tuple:
        return (("xb", 2, "Linear prediction"), ("stdp", 4, "S.E. of the prediction"))

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        if statistic == "xb":
            return xb
        raise StataError(f"option {statistic} not allowed", 198)


def _columns(ds, terms, sample):
    from mlmcli.panel.design import candidate_columns

    return candidate_columns(ds, terms, sample) if terms else ([], np.empty((int(sample.sum()), 0)))


def fit_xtivreg(session, cmd, model: str, opts: dict, parts, vce) -> None:
    from mlmcli.commands.estimation.common import group_codes, iv_equation_terms
    from mlmcli.commands.estimation.panel_common import check_nested, panel_variable, time_variable
    from mlmcli.factor_variables import term_variables
    from mlmcli.panel.design import design_with, estimable
    from mlmcli.panel.groups import Panels
    from mlmcli.sample import mark_sample

    ds = session.data
    dep, exog_text, endog_text, inst_text = parts
    vce_kind, clustvar = vce
    from mlmcli.commands.data.panel_settings import panel_setting

    tvar = time_variable(session)
    if opts.get("i") is None and not panel_setting(ds):  # _xt.ado's messages
        raise StataError("must specify panelvar" + (" and timevar" if model == "fd" else "") + "; use xtset", 459)
    ivar = panel_variable(session, opts.get("i"))
    if model == "fd" and not tvar:
        raise StataError("must specify timevar; use xtset", 459)
    depvar, exog_t, endog_t, inst_t = iv_equation_terms(ds, *parts)
    if not endog_t:
        raise StataError("no endogenous variables specified", 198)
    if model == "fd" and any("." in w or "#" in w for w in (exog_text + " " + endog_text + " " + inst_text).split()):
        raise StataError("factor variables not allowed with first-differenced model", 198)
    if depvar in term_variables(inst_t):
        raise StataError(f"{depvar} specified as both dependent variable and instrument", 198)
    used = [depvar] + term_variables(exog_t + endog_t + inst_t) + [ivar] + ([tvar] if tvar and model == "fd" else [])
    sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), bool)
    if clustvar:
        sample &= ~np.isnan(ds.numeric(clustvar)) if not ds.is_string(clustvar) else True
    if not sample.any():
        raise StataError("no observations", 2000)
    codes = group_codes(ds, ivar, sample)
    if len(np.unique(codes)) == len(codes):
        raise StataError("the sample specifies cross-sectional data\nxtivreg is not designed for cross-sectional "
                         "data\nuse ivregress with cross-sectional data", 498)
    cluster = None
    if vce_kind == "bootstrap" and model == "fd":
        raise StataError("vce(bootstrap) with xtivreg, fd is not implemented in mlmcli", 198)
    if vce_kind == "cluster":
        cluster = group_codes(ds, clustvar, sample)
        check_nested(codes, cluster)
    elif vce_kind == "robust":
        cluster, clustvar = codes, ivar
    level = confidence_level(opts, getattr(session, "level", 95.0))
    y = ds.numeric(depvar)[sample].astype(float)
    lay_r, C_r = _columns(ds, endog_t + exog_t, sample)
    p_cand = _columns(ds, endog_t, sample)[1].shape[1]
    keep = estimable(C_r, C_r, constant=True)
    design = design_with(ds, endog_t + exog_t, lay_r, C_r, keep, True)
    lay_z, C_z = _columns(ds, inst_t, sample)
    X_all = C_r[:, p_cand:][:, keep[p_cand:]]
    both = np.column_stack([X_all, C_z])
    keep_z = estimable(both, both, constant=True)[X_all.shape[1]:] if C_z.shape[1] else np.zeros(0, bool)
    Y, Z = C_r[:, :p_cand][:, keep[:p_cand]], C_z[:, keep_z]
    if Y.shape[1] > Z.shape[1]:
        raise StataError("equation not identified; must have at least as many instruments not in\n"
                         "the regression as there are instrumented variables", 481)
    for note in design.notes:
        session.print(note)
    from mlmcli.panel import instrumental_variables as engine

    panels = Panels(codes)
    data = engine.PanelIVData(y=y, Y=Y, X=X_all, Z=Z, panels=panels, cluster=cluster,
                              q_terms=X_all.shape[1])
    small = bool(opts.get("small"))
    labels = design.labels
    if model == "fd":
        if opts.get("first"):
            _fd_first_stages(session, endog_t, exog_t, inst_t, opts, sample, clustvar if vce_kind == "cluster" else None,
                             ivar if vce_kind == "robust" else None)
        out, labels, fd_sample = _first_differences(session, ds, opts, sample, codes, tvar, data, design, vce_kind,
                                                    clustvar, small)
        sample = fd_sample
    elif model == "fe":
        if opts.get("first"):
            _xtreg_first_stages(session, "fe", endog_t, exog_text, inst_text, ivar, opts, sample, vce_kind)
        out = engine.fit_within_iv(data, small)
    elif model == "be":
        if opts.get("first"):
            if vce_kind in ("robust", "cluster"):
                raise StataError("option first and model between may not be specified together with vce "
                                 + vce_kind, 198)
            _xtreg_first_stages(session, "be", endog_t, exog_text, inst_text, ivar, opts, sample, vce_kind)
        out = engine.fit_between_iv(data, small)
    else:
        out = engine.fit_random_effects_iv(data, ec2sls=bool(opts.get("ec2sls")), nosa=bool(opts.get("nosa")),
                                          small=small, first_vce=vce_kind if opts.get("first") else None)
        if opts.get("first"):
            _re_first_stages(session, out.pop("first"), opts, design, p_cand, keep, lay_z, keep_z, inst_t, Z,
                             small, level, vce_kind, clustvar)
    if vce_kind == "bootstrap":
        clustvar = ivar
        _bootstrap(session, opts, model, data, out, level, sample, labels)
    from mlmcli.factor_variables import finish_design

    # e(instd)/e(insts): the level terms (the ado's _rmcoll on the levels), whatever the fit omits
    estimated = [lab.name for lab in design.labels if not (lab.base or lab.omitted) and lab.name != "_cons"]
    keep_fit = np.asarray(out.pop("keep"), bool)
    labels = _omit(labels, keep_fit)
    if not keep_fit.all():  # predict's columns: the ones the 2SLS estimated (b holds no others)
        from mlmcli.panel.design import omit_estimable_columns

        n_est = sum(1 for lab in design.labels if not (lab.base or lab.omitted))
        design = omit_estimable_columns(design, np.append(~keep_fit, np.zeros(n_est - len(keep_fit), bool)))
    p = Y.shape[1]
    inst_names = finish_design(lay_z, keep_z, False, inst_t, Z).column_names if Z.shape[1] else ()
    names = (" ".join(estimated[:p]), " ".join(list(estimated[p:]) + list(inst_names)))  # fd too: level names
    sizes = panels.sizes if model != "fd" else out.pop("_sizes")
    out.update(g_min=float(sizes.min()), g_avg=float(sizes.mean()), g_max=float(sizes.max()))
    if model == "fd":
        out["N_g"] = float(len(sizes))
    out.setdefault("N_clust", out["N_g"])  # the ado: the panels unless vce(cluster)
    _post(session, cmd, model, opts, depvar, ivar, tvar, labels, out, level, vce_kind, clustvar, small, sample,
          design, names, y)


def _first_differences(session, ds, opts, sample, codes, tvar, data, design, vce_kind, clustvar, small):
    """The differenced columns (D. of every level column, by time within panel)."""
    from mlmcli.panel import instrumental_variables as engine

    rows = np.flatnonzero(sample)
    t = ds.numeric(tvar)[sample]
    order = np.lexsort((t, codes))
    rows, t_s, c_s = rows[order], t[order], codes[order]
    delta = _delta(ds)
    prev_ok = np.r_[False, (c_s[1:] == c_s[:-1]) & np.isclose(t_s[1:] - t_s[:-1], delta)]

    def diff(M):
        M = M[order]
        D = np.full_like(M, np.nan, dtype=float)
        D[1:] = M[1:] - M[:-1]
        return D[prev_ok]

    y_l = data.y[order]
    dy, dR = diff(data.y[:, None])[:, 0], diff(data.R)
    dI = diff(np.column_stack([data.X, data.Z]))
    ok = np.all(np.isfinite(np.column_stack([dy, dR, dI])), axis=1)
    fd_codes = c_s[prev_ok][ok]
    last_level = np.r_[c_s[1:] != c_s[:-1], True]
    last_in = prev_ok.copy()
    last_in[prev_ok] = ok
    panel_last_ok = np.zeros(int(codes.max()) + 1, bool)
    panel_last_ok[c_s[last_level]] = last_in[last_level]
    cluster = None
    if data.cluster is not None:
        cluster = data.cluster[order][prev_ok][ok]
    _, dense = np.unique(fd_codes, return_inverse=True)
    constant = not opts.get("noconstant")
    out = engine.fit_first_differences(dy[ok], dR[ok], dI[ok], y_l[prev_ok][ok], dense, panel_last_ok[fd_codes],
                                       constant=constant, cluster=cluster, small=small)
    level_sizes = np.bincount(codes)
    out["_sizes"] = (level_sizes[level_sizes >= 2] - 1).astype(float)
    fd_sample = np.zeros(len(sample), bool)
    fd_sample[rows[prev_ok][ok]] = True
    labels = tuple(_d_label(lab) for lab in design.labels if constant or lab.name != "_cons")
    return out, labels, fd_sample


def _bootstrap(session, opts, model, data, out, level, sample, labels) -> None:
    """vce(bootstrap): panels drawn with replacement, each drawn panel a panel of its own
    (_vce_parserun's cluster(panelvar) idcluster()), the estimator refitted; V the replicates'
    covariance (``commands.estimation.bootstrap_run``), the model test the Wald chi2 of the
    slopes on it (as for xtreg)."""
    from mlmcli import distributions as stats
    from mlmcli.commands.estimation.bootstrap_run import refuse_own_clusters, refuse_unsupported, run_bootstrap
    from mlmcli.panel import instrumental_variables as engine
    from mlmcli.panel.groups import Panels
    from mlmcli.postest.prefix_model_test import replicate_wald
    from mlmcli.syntax.replicate_vce import bootstrap_options, split_prefix_mark

    typed, prefix = split_prefix_mark(opts["vce"])
    settings = bootstrap_options(typed, prefix, full=True, panel=True, own_idcluster=True)
    refuse_unsupported(settings, "xtivreg")
    refuse_own_clusters(settings, group_ok=False)
    fit = {"fe": engine.within_iv_coefficients, "be": engine.between_iv_coefficients}.get(model)

    keep, p = out["keep"], data.Y.shape[1]  # the columns the full sample estimates

    def refit(rows, drawn):
        d = engine.PanelIVData(y=data.y[rows], Y=data.Y[rows][:, keep[:p]], X=data.X[rows][:, keep[p:]],
                               Z=data.Z[rows],
                               panels=Panels(drawn), q_terms=data.q_terms)
        if fit is not None:
            return fit(d)
        return engine.fit_random_effects_iv(d, ec2sls=bool(opts.get("ec2sls")), nosa=bool(opts.get("nosa")),
                                            small=False)["b"]

    b = np.asarray(out["b"], float)
    names = [lab.name for lab in _omit(labels, keep) if not (lab.base or lab.omitted)]
    V, n_reps, _ = run_bootstrap(session, settings, b, refit, data.panels.codes, "xtivreg",
                                 rows=np.flatnonzero(sample), level=level,
                                 colnames=names if len(names) == len(b) else None)
    if V.shape[0] < len(b):
        raise StataError("insufficient observations to compute bootstrap standard errors", 2001)
    k = len(b) - 1
    chi2, df = replicate_wald(b[:k], V[:k, :k]) if k else (float("nan"), 0)
    for key in ("F", "F_f", "F_fp", "chi2", "p"):
        out.pop(key, None)
    out.update(V=V, chi2=chi2, p=float(stats.chi2.sf(chi2, df)) if df else float("nan"), df_b=float(df),
               df_m=float(df) if model != "fe" else out["df_m"], N_reps=float(n_reps),
               N_clust=float(data.panels.n))


def _omit(labels, keep) -> tuple:
    """The labels with the regressors the 2SLS fit dropped marked omitted (``o.``)."""
    import dataclasses

    out, j = [], 0
    for lab in labels:
        if lab.base or lab.omitted or lab.name == "_cons":
            out.append(lab)
            continue
        if not keep[j]:
            lab = dataclasses.replace(lab, omitted=True)
        out.append(lab)
        j += 1
    return tuple(out)


def _delta(ds) -> float:
    from mlmcli.commands.data.panel_settings import recorded_delta

    return recorded_delta(ds)


def _d_label(lab):
    import dataclasses

    if lab.name == "_cons":
        return lab
    if lab.omitted and lab.name.startswith("o."):  # Stata's operators combine: d.o.w6 is oD.w6
        return dataclasses.replace(lab, name=f"oD.{lab.name[2:]}", term=lab.name[2:], level="D1.")
    return dataclasses.replace(lab, name=f"D.{lab.name}", term=lab.name, level="D1.")  # as regress D.x shows it


def _xtreg_first_stages(session, model, endog_t, exog_text, inst_text, ivar, opts, sample, vce_kind) -> None:
    """Each endogenous variable's ``xtreg, fe`` (``be``) on the instruments, titled
    ``First-stage within (between) regression``, as the ado shows it (vce() passed on, but not
    the bootstrap's: its prefix runs outside)."""
    from mlmcli.commands.estimation.xtreg import read_and_fit
    from mlmcli.factor_variables import term_variables
    from mlmcli.parser import parse_command
    from mlmcli.render.panel_regression import render_xtreg

    mark = "__xtivreg_touse"
    ds = session.data
    changed = ds.changed
    ds.set_variable(mark, sample.astype(float))
    try:
        for endog in term_variables(endog_t):
            vce = f" vce({opts['vce']})" if opts.get("vce") and vce_kind != "bootstrap" else ""
            level = f" level({opts['level']})" if opts.get("level") is not None else ""
            line = f"xtreg {endog} {exog_text} {inst_text} if {mark}, {model} i({ivar}){vce}{level}"
            fit, design, *_ = read_and_fit(session, parse_command(line))
            session.print("\nFirst-stage " + ("within" if model == "fe" else "between") + " regression")
            session.print(render_xtreg(fit.result(), linesize=session.linesize))
    finally:
        ds.drop_variables([mark])
        ds.changed = changed  # a temporary marker: the user's data did not change


def _re_first_stages(session, fits, opts, design, p_cand, keep, lay_z, keep_z, inst_t, Z, small, level, vce_kind,
                     clustvar) -> None:
    """re's first stages as the ado prints them: its own three header lines, then the table of
    each endogenous variable on the GLS-transformed instruments (G2SLS: exog inst _cons) or on
    the within and between parts (EC2SLS: inst_d inst_m exog_d exog_m _cons)."""
    from mlmcli import distributions as stats
    from mlmcli.factor_variables import finish_design
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.render.panel_iv import render_re_first_stage
    from mlmcli.panel.instrumental_variables import wald

    names = [lab.name for lab in design.labels if not (lab.base or lab.omitted) and lab.name != "_cons"]
    endog, exog = names[:int(keep[:p_cand].sum())], names[int(keep[:p_cand].sum()):]
    insts = list(finish_design(lay_z, keep_z, False, inst_t, Z).column_names) if Z.shape[1] else []
    ec2sls = bool(opts.get("ec2sls"))
    if ec2sls:
        coef_names = [f"{v}_d" for v in insts] + [f"{v}_m" for v in insts] + [f"{v}_d" for v in exog] \
            + [f"{v}_m" for v in exog] + ["_cons"]
    else:
        coef_names = exog + insts + ["_cons"]
    labels = tuple(CoefLabel(name=n) for n in coef_names)
    for name, fit in zip(endog, fits):
        K, N = fit["K"], fit["N"]
        chi2 = wald(fit["b"], fit["V"], range(K - 1))
        df = K - 1
        small_here = small and not ec2sls
        df_r = N - K if small_here else None
        if small_here:
            F = (fit["mss"] / (K - 1)) / (fit["rss"] / (N - K))
            stat = (f"F({K - 1},{N - K})", F, float(stats.f.sf(F, K - 1, N - K)))
        else:
            stat = (f"Wald chi({df})", chi2, float(stats.chi2.sf(chi2, df)))
        rows = rows_from_estimates(labels, fit["b"], fit["V"], level, df_r)
        robust = vce_kind in ("robust", "cluster")
        cluster = (fit["N_clust"], clustvar) if vce_kind == "cluster" or (ec2sls and robust) else None
        session.print(render_re_first_stage("EC2SLS " if ec2sls else "G2SLS", name, N, stat, rows, level,
                                            robust, cluster, linesize=session.linesize))


def _fd_first_stages(session, endog_t, exog_t, inst_t, opts, sample, clustvar, robust_ivar) -> None:
    """Each endogenous variable's regress of its difference on the differenced instruments
    (the ado's ``_regress d.y d.(exog inst)``), titled ``First-stage first-differenced
    regression``; vce(robust) is regress's robust VCE there, as in the ado."""
    from mlmcli.commands import lookup
    from mlmcli.factor_variables import term_variables
    from mlmcli.parser import parse_command

    mark = "__xtivreg_touse"
    ds = session.data
    changed = ds.changed
    ds.set_variable(mark, sample.astype(float))
    saved = session.e
    try:
        rhs = " ".join("D." + v for v in term_variables(exog_t + inst_t))
        options = [o for o in ("noconstant" if opts.get("noconstant") else "",
                               f"level({opts['level']})" if opts.get("level") is not None else "",
                               f"vce(cluster {clustvar})" if clustvar else "", "vce(robust)" if robust_ivar else "") if o]
        for endog in term_variables(endog_t):
            cmd = parse_command(f"regress D.{endog} {rhs} if {mark}" + (", " + " ".join(options) if options else ""))
            session.print("\nFirst-stage first-differenced regression")
            lookup("regress").handler()(session, cmd)
    finally:
        ds.drop_variables([mark])
        ds.changed = changed  # a temporary marker: the user's data did not change
        session.e = saved


def _post(session, cmd, model, opts, depvar, ivar, tvar, labels, out, level, vce_kind, clustvar, small, sample,
          design, names, y) -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.results.panel_iv import XtivregResult

    est_model = model if model != "re" else ("ec2sls" if opts.get("ec2sls") else "g2sls")
    posts_df_r = small and not (model == "be" and vce_kind != "conventional")  # be: only small, unclustered
    df_r = out["df_r"] if posts_df_r else None
    fit = XtivFit(labels, np.asarray(out["b"]), np.asarray(out["V"]), level, df_r, y)
    instd, insts = names
    robust = vce_kind in ("robust", "cluster")
    boot = vce_kind == "bootstrap"
    if posts_df_r and vce_kind in ("robust", "cluster"):
        # the ado's robust header: F(%4.0f e(df_m), %7.0f e(df_r)), p = Ftail(e(df_m), e(df_r), F)
        # (fe's e(df_m) is n + k + 1 there, as it posts it)
        df_m = out["N_g"] + out["df_b"] if model == "fe" else out["df_m"]
        from mlmcli import distributions as stats
        from mlmcli.render.numfmt import format_number

        label = f"F({format_number(df_m, '%4.0f')},{format_number(out['df_r'], '%7.0f')})"
        test = (label, abs(out["F"]), float(stats.f.sf(abs(out["F"]), df_m, out["df_r"])))
    elif posts_df_r:
        df_m = out["df_b"] if model in ("fe", "fd") else out["df_m"]
        test = (f"F({int(df_m)},{int(out['df_r'])})", out["F"], out["p"])
    else:
        df = int(out["df_b"]) if model in ("fe", "fd") else int(out["df_m"])
        test = (f"Wald chi2({df})", out["chi2"], out["p"])
    result = XtivregResult(
        model=model, title=TITLES[est_model], depvar=("D." + depvar) if model == "fd" else depvar, ivar=ivar,
        tvar=tvar or "", nobs=int(out["N"]), n_groups=int(out["N_g"]), g_min=out["g_min"], g_avg=out["g_avg"],
        g_max=out["g_max"], r2_w=out.get("r2_w", float("nan")), r2_b=out.get("r2_b", float("nan")),
        r2_o=out.get("r2_o", float("nan")), test_label=test[0], test_value=test[1], test_p=test[2],
        coefs=fit.coef_rows(), stat_label="t" if posts_df_r else "z", level=level, robust=robust,
        cluster=(int(out["N_clust"]), clustvar) if robust else None, corr=out.get("corr", float("nan")),
        rmse=out.get("rmse", float("nan")), sigma_u=out.get("sigma_u", float("nan")),
        sigma_e=out.get("sigma_e", float("nan")), rho=out.get("rho", float("nan")),
        F_f=out.get("F_f") if model == "fe" and vce_kind == "conventional" else None,
        lm=(out["lm_u"], out["lm_up"]) if opts.get("lm") and "lm_u" in out and vce_kind == "conventional" else None, df_a=int(out.get("df_a", 0)),
        df_rz=int(out.get("df_r", 0)), p_f=out.get("F_fp", float("nan")),
        theta=out.get("theta") if opts.get("theta") else None,
        theta_quantiles=out.get("theta_quantiles") if opts.get("theta") else None, instd=instd, insts=insts,
        replications=(int(out["N_clust"]), ivar) if boot else None, vce_label="Bootstrap" if boot else None)
    fit.result_object = result
    b, V = fit.e_matrices()
    skip = {"b", "V", "p", "theta_quantiles"} | (set() if opts.get("lm") else {"lm_u", "lm_up"})
    scalars = {k: float(v) for k, v in out.items() if k not in skip}
    if "theta_quantiles" in out:
        for key, v in zip(("thta_min", "thta_5", "thta_50", "thta_95", "thta_max"), out["theta_quantiles"]):
            scalars[key] = float(v)
    if model == "fe":
        scalars["chi2_p" if not small else "F_p"] = out["p"]
    elif model in ("fd", "be"):
        scalars["chi2_p" if "chi2" in out else "F_p"] = out["p"]
    else:
        scalars["m_p"] = out["p"]
    scalars["rank"] = float(safe_rank(fit.V))
    if not posts_df_r:
        scalars.pop("df_r", None)
    scalars["df_rz"] = float(out["df_r"])
    scalars["level"] = level
    macros = {"cmd": "xtivreg", "cmdline": cmd.text or f"xtivreg {cmd.args}", "depvar": result.depvar,
              "ivar": ivar, "model": est_model, "instd": instd, "insts": insts, "title": result.title,
              "predict": "xtivp_2" if model == "fd" else "xtivp_1", "marginsok": "XB default",
              "properties": "b V", "vce": vce_kind}
    if tvar:
        macros["tvar"] = tvar
    if robust:
        macros.update(vcetype="Robust", clustvar=clustvar)
    if boot:
        macros.update(vcetype="Bootstrap", clustvar=ivar)
    if small:
        macros["small"] = "small"
    if model == "re" and not small:
        macros["chi2type"] = "Wald"
    session.e = EstimationResults(cmd="xtivreg", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                                  result=result, model=fit, sample=sample.copy(), title=result.title,
                                  design=design)
    session.e.stamp_sample(session.data)
    show(session, result, fit, opts)


def show(session, result, fit, opts) -> None:
    """Print the results (their level() and display options)."""
    import dataclasses

    from mlmcli.commands.estimation.common import table_options_with_notes
    from mlmcli.render.panel_iv import render_xtivreg

    level = confidence_level(opts, result.level)
    if level != result.level:
        result = dataclasses.replace(result, level=level, coefs=fit.rows_at(level))
    table = table_options_with_notes(session, opts)
    session.print(render_xtivreg(result, linesize=session.linesize, options=table))

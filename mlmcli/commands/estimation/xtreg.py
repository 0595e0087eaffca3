"""``xtreg``: linear models for panel data.

    xtreg depvar [indepvars] [if] [in] [weight] [, re|fe|be|mle  i(panelvar) sa theta wls
          vce(conventional|robust|cluster v|oim|bootstrap|jackknife) robust cluster(v) noconstant level(#) nolog
          iterate(#) display-options
          mle's: tolerance(#) ltolerance(#) nrtolerance(#) nonrtolerance difficult technique() from()]

Steps: read the options and the model; the panel variable (``i()`` or ``xtset``); the
sample (listwise over depvar, regressors, panel and cluster variables); the design with
the columns the estimator can estimate (``mlmcli.panel.design``); the fit
(``mlmcli.panel``); e(); the table.  ``xtreg`` typed alone replays (``theta`` may be
added).  vce(robust) means clusters at the panels, as in Stata; vce(jackknife):
``xtreg_replicates``; mle's ml options: ``_ml_settings`` (docs/fpfit_xtreg_replicates.md).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options, table_options_with_notes
from mlmcli.commands.estimation.conditional import CLOGIT_OPTIONS
from mlmcli.commands.estimation.conditional_maximize import UNSHOWN
from mlmcli.commands.estimation.convergence import LOG_LINE, finish
from mlmcli.estimation.active import replay_results
from mlmcli.errors import StataError
from mlmcli.postest.coefficient_rows import safe_rank
from mlmcli.syntax.options import (OptionSpec, cluster_vce_variables, confidence_level, integer_option,
                                   resolve_options, vce_option)
from mlmcli.syntax.replicate_vce import bootstrap_options, split_prefix_mark

MODEL_WORDS = ("re", "fe", "be", "mle", "pa")
_ML_WORDS = ("tolerance", "ltolerance", "nrtolerance", "nonrtolerance", "technique", "difficult", "from", *UNSHOWN)
MAXIMIZE_OPTIONS = tuple(spec for spec in CLOGIT_OPTIONS if spec.name in _ML_WORDS)
XTREG_OPTIONS = [
    OptionSpec("re", 2), OptionSpec("fe", 2), OptionSpec("be", 2), OptionSpec("mle", 3), OptionSpec("pa", 2),
    OptionSpec("i", 1, takes_arg=True), OptionSpec("sa", 2), OptionSpec("theta", 2), OptionSpec("wls", 1),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("noconstant", 6), OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5),
    OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True), OptionSpec("nonest", 6),
    *display_option_specs(), *MAXIMIZE_OPTIONS,
]
# options only some estimators take (Stata: option x not allowed); mle's ml options (xtreg_ml.ado
# hands its other options to mlopts and _XTRENORM)
_ONLY = {"sa": ("re",), "theta": ("re",), "wls": ("be",), "noconstant": ("ml",), "nolog": ("ml",),
         "log": ("ml",), "iterate": ("ml",), **{spec.name: ("ml",) for spec in MAXIMIZE_OPTIONS}}
_PREDICT = {"fe": "xtrefe_p", "be": "xtrefe_p", "re": "xtrere_p", "ml": "xtrefe_p"}


def _ml_settings(opts: dict) -> bool:
    """mle's ml options: the typed tolerances into ``opts["_ml_rule"]`` (``panel.maximum_likelihood.
    MLRule``; they end the iteration log), technique()'s words checked; True when technique() is
    bhhh alone (ml's vce(opg) then).  difficult and dfp/bfgs change only the path to the
    maximum; the path displays (trace, gradient ...) are refused."""
    from mlmcli.conditional_techniques import technique_schedule
    from mlmcli.graphs.fpfit_grouped_engines import maximize_settings
    from mlmcli.panel.maximum_likelihood import MLRule

    for name in UNSHOWN:
        if opts.get(name):
            raise StataError(f"option {name} not supported by mlmcli with xtreg, mle", 198)
    tolerances = maximize_settings(opts, lambda message: StataError(message, 198))[2]
    opts["_ml_rule"] = None if tolerances is None else MLRule(*tolerances)
    if opts.get("technique") is None:
        return False
    return all(name == "bhhh" for name, _ in technique_schedule(opts["technique"]))


def _model(opts: dict) -> str:
    chosen = [w for w in MODEL_WORDS if opts.get(w)]
    if "re" in chosen and "mle" in chosen:  # xtreg ..., re mle: the ML random-effects model
        chosen.remove("re")
    if len(chosen) > 1:
        raise StataError(f"options {chosen[0]} and {chosen[1]} may not be combined", 198)
    model = {"mle": "ml"}.get(chosen[0], chosen[0]) if chosen else "re"
    if model == "pa":  # cmd_xtreg hands pa to commands.estimation.gee first
        raise StataError("options pa and re may not be combined", 198)
    takes_arg = {spec.name for spec in XTREG_OPTIONS if spec.takes_arg}
    for name, models in _ONLY.items():
        if opts.get(name) and model not in models:  # syntax's message: "option iterate() not allowed"
            raise StataError(f"option {name}{'()' if name in takes_arg else ''} not allowed", 198)
    return model


def _vce(session, opts: dict, model: str, ivar: str) -> tuple[str, str | None]:
    """(conventional|robust|cluster|oim|bootstrap|jackknife, cluster variable); robust clusters
    at the panels.  vce() beside the old options as xtreg_fe/re/be/ml read them
    (docs/vce_old_options.md): ``robust`` beside any vce() is _vce_parserun's "options vce() and
    robust may not be combined" r(198); ``cluster(v)`` beside vce(bootstrap|jackknife) goes to
    the command under the prefix (_vce_parserun ..., panel: ``noecluster``, bootstrap also
    ``group(panelvar) idcluster()``), so the replicates leave out or draw clusters of v (xtreg,
    be has no cluster(): "option cluster() not allowed" r(198)); beside vce(cluster w) w must be
    v (r(100)); beside any other vce() _vce_parse's "only one of cluster() or vce(X) is
    allowed" r(198)."""
    ds = session.data
    typed_cluster = str(opts.get("cluster") or "").strip() or None
    if opts.get("vce") is None:
        if typed_cluster:
            kind, args = "cluster", [typed_cluster]
        elif opts.get("robust"):
            kind, args = "robust", []
        else:
            return ("oim" if model == "ml" else "conventional"), None
    else:
        if opts.get("robust"):
            raise StataError("options vce() and robust may not be combined", 198)
        kinds = (("conventional", 4), ("robust", 1), ("cluster", 2), ("oim", 3), ("bootstrap", 4),
                 ("jackknife", 4))
        kind, args = vce_option(str(opts["vce"]).split(",", 1)[0], kinds)
        if kind is None:
            raise StataError(f"vcetype '{str(opts['vce']).split()[0]}' not allowed", 198)
        if kind in ("jackknife", "bootstrap"):
            typed, prefix = split_prefix_mark(opts["vce"])
            if args:
                raise StataError(f"vcetype '{typed}' not allowed", 198)
            if kind == "jackknife":
                from mlmcli.commands.estimation.xtreg_replicates import jackknife_settings

                settings = opts["_jackknife"] = jackknife_settings(typed, prefix, model,
                                                                   bool(typed_cluster and not prefix))
            else:
                from mlmcli.commands.estimation.glm_replicates import vce_level

                settings = opts["_bootstrap"] = bootstrap_options(typed, prefix, noisily_ok=True, full=True,
                                                                     panel=True, own_idcluster=True)
                _hand_display_options(settings, opts)
                vce_level(opts, settings)
            if typed_cluster and not prefix:
                if model == "be":  # xtreg_be's syntax under the prefix has no cluster()
                    raise StataError("option cluster() not allowed", 198)
                settings["command_cluster"] = ds.resolve(typed_cluster)
                own = settings.get("cluster")
                if own and ds.resolve(own) != settings["command_cluster"]:  # _prefix_command's checkcluster
                    raise StataError(f"option cluster() of {kind} conflicts with option cluster() of xtreg", 198)
            return kind, None
        if "," in str(opts["vce"]):
            if kind != "cluster":
                raise StataError(f"vcetype '{opts['vce']}' not allowed", 198)
            if model == "be":  # xtreg_be's _vce_parse lists no cluster: its type is refused first
                raise StataError("vcetype 'cluster' not allowed", 198)
            typed = str(opts["vce"])
            cluster_vce_variables(typed[typed.index(","):])  # xtreg_fe's _vce_parse: an option is r(198)
        if kind == "oim" and model != "ml" or kind == "conventional" and model == "ml":
            raise StataError(f"vcetype '{kind}' not allowed", 198)
        if (kind == "cluster") != (len(args) == 1) or (kind != "cluster" and args):
            raise StataError(f"vcetype '{opts['vce']}' not allowed", 198)
        if typed_cluster:
            if kind != "cluster":
                raise StataError(f"only one of cluster() or vce({kind}) is allowed", 198)
            if ds.resolve(typed_cluster) != ds.resolve(args[0]):
                raise StataError("options cluster() and vce(cluster) are in conflict", 100)
    if kind in ("robust", "cluster") and model == "be":
        raise StataError(f"vcetype '{kind}' not allowed", 198)
    if kind == "cluster":
        return "cluster", ds.resolve(args[0])
    if kind == "robust":
        return "robust", ivar
    return kind, None


def _weights(session, cmd, model: str):
    if cmd.weight is None:
        return None, None
    from mlmcli.commands.estimation.common import evaluate_weight
    from mlmcli.parser import weight_kind

    kind = {"weight": "aweight"}.get(weight_kind(cmd.weight), weight_kind(cmd.weight))
    if model == "ml" and kind == "iweight":  # xtreg_ml: ln L = sum_i w_i l_i (panel.maximum_likelihood)
        return evaluate_weight(session, cmd.weight.exp), kind
    if model != "fe" or kind == "iweight":
        # xtreg_re/xtreg_be: syntax without weights; xtreg_fe: syntax [aw fw pw] ("iweights not allowed")
        raise StataError("weights not allowed" if model in ("re", "be") else f"{kind}s not allowed", 101)
    return evaluate_weight(session, cmd.weight.exp), kind


def read_and_fit(session, cmd):
    """Fit ``xtreg`` for ``cmd``: (PanelFit, FixedDesign, sample, options, weight kind, logs)."""
    from mlmcli.commands.estimation.common import check_marked_weights, depvar_and_terms, group_codes, weight_vars
    from mlmcli.commands.estimation.panel_common import check_nested, panel_variable
    from mlmcli.factor_variables import term_variables
    from mlmcli.panel.groups import Panels
    from mlmcli.sample import mark_sample

    ds = session.data
    if any(o.name == "cre" for o in cmd.options):  # Stata 19's correlated random effects
        raise StataError("option cre not allowed: xtreg, cre (correlated random effects) is Stata 19's; mlm "
                         "follows Stata 13 (add the panel means of the regressors to xtreg, re instead)", 198)
    opts = resolve_options(cmd.options, XTREG_OPTIONS)
    model = _model(opts)
    depvar, terms = depvar_and_terms(session, cmd.args)
    ivar = panel_variable(session, opts.get("i"))
    vce, clustvar = _vce(session, opts, model, ivar)
    if model == "ml" and opts.get("from") is not None:  # xtreg_ml.ado: the fit starts there, skip
        from mlmcli.graphs.fpfit_ml_start import read_from

        opts["_from"] = (read_from(session, str(opts["from"])), depvar)
    if model == "ml" and _ml_settings(opts) and opts.get("vce") is None:  # ml: technique(bhhh)'s vce(opg)
        vce = "opg"
    replicate_settings = opts.get("_jackknife" if vce == "jackknife" else "_bootstrap") or {}
    if replicate_settings.get("command_cluster"):  # xtreg's own cluster() under the prefix: its sample, nesting
        clustvar = replicate_settings["command_cluster"]
    w, wkind = _weights(session, cmd, model)
    if wkind == "iweight" and vce not in ("oim", "bootstrap"):  # bootstrap: its own refusal below
        raise StataError(f"xtreg, mle with iweights and vce({vce}) is not supported by mlmcli", 198)
    if vce == "bootstrap" and w is not None:
        raise StataError("weights not allowed with vce(bootstrap)", 101)
    if vce == "jackknife":
        from mlmcli.commands.estimation.xtreg_replicates import check_weights as check_jackknife_weights

        check_jackknife_weights(wkind)
        if wkind == "pweight":  # xtreg's aweights in each replicate (jackknife.ado's pweighted loop)
            wkind = opts["_jackknife"]["pweights"] = "aweight"
    if wkind == "pweight":  # Stata: aweights with the robust (panel-clustered) VCE
        wkind, vce, clustvar = "aweight", "robust" if vce != "cluster" else vce, clustvar or ivar
    wexp = cmd.weight.exp if cmd.weight is not None else None
    used = [depvar] + term_variables(terms) + weight_vars(ds, wexp)
    sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), bool)
    for v in [ivar] + ([clustvar] if clustvar else []):
        sample &= _known(ds, v)
    if w is not None:
        sample &= ~np.isnan(w)
        check_marked_weights(session, cmd, w, wkind)
        sample &= w != 0
    N = int(sample.sum())
    if model == "fe" and N <= 1 or model != "fe" and N < 3:
        raise StataError("no observations" if N == 0 else "insufficient observations", 2000 if N == 0 else 2001)
    codes = group_codes(ds, ivar, sample)
    panels = Panels(codes)
    wv = w[sample] if w is not None else None
    if wv is not None and not _constant_within(wv, panels):
        raise StataError(f"weight must be constant within {ivar}", 199)
    cluster = group_codes(ds, clustvar, sample) if clustvar else None
    if cluster is not None and not opts.get("nonest"):
        check_nested(codes, cluster)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    y = ds.numeric(depvar)[sample]
    fit_args = dict(model=model, y=y, panels=panels, vce=vce, level=level, weight=wv, weight_kind=wkind, opts=opts,
                    cluster=None if vce in ("bootstrap", "jackknife") else cluster)
    from mlmcli.mixed.blas_threads import single_threaded_blas

    if vce == "jackknife":  # the prefix's full-sample run: pweights make it xtreg's robust fit
        pweighted = opts["_jackknife"].get("pweights")
        fit_args.update(vce="robust" if pweighted else "conventional", cluster=codes if pweighted else None)
    if vce == "bootstrap":
        fit_args["vce"] = "oim" if model == "ml" else "conventional"
    with single_threaded_blas():  # many mid-sized products: BLAS threads only contend on a busy machine
        fit, design = _fit(ds, terms, sample, depvar=depvar, **fit_args)
        if vce == "bootstrap":
            from mlmcli.commands.estimation.xtreg_replicates import bootstrap_variance

            bootstrap_variance(session, fit, design, y, codes, model, opts, level, sample, ivar, depvar)
            clustvar = fit.get("bootstrap_clustvar")
        if vce == "jackknife":
            from mlmcli.commands.estimation.xtreg_replicates import jackknife

            jackknife(session, fit, design, y, codes, model, opts, level, sample, wv)
            settings = opts["_jackknife"]
            clustvar = settings.get("command_cluster") or (ds.resolve(settings["cluster"]) if settings["cluster"] else (
                None if settings["prefix"] else ivar))
    fit = _panel_fit(fit, design, depvar, ivar, model, y, codes, level, vce, clustvar, panels)
    return fit, design, sample, opts, wkind


def _known(ds, var: str) -> np.ndarray:
    if ds.is_string(var):
        col = ds.df[var].to_numpy(dtype=object)
        return np.array([v is not None and v == v and str(v) != "" for v in col], bool)
    return ~np.isnan(ds.numeric(var))


def _constant_within(w: np.ndarray, panels) -> bool:
    lo = np.full(panels.n, np.inf)
    hi = np.full(panels.n, -np.inf)
    np.minimum.at(lo, panels.codes, w)
    np.maximum.at(hi, panels.codes, w)
    return bool(np.all(lo == hi))


def _fit(ds, terms, sample, *, model, y, panels, vce, cluster, level, weight, weight_kind, opts, depvar=""):
    """(engine numbers, design) for the chosen estimator."""
    from mlmcli.factor_variables import build_design
    from mlmcli.panel.design import candidate_columns, design_with, estimable
    from mlmcli.depvar_scaling import fit_on_scaled_depvar

    if model == "fe":
        from mlmcli.panel.within import fit_within

        layout, C = candidate_columns(ds, terms, sample)
        W = panels.within(C, weight) if C.shape[1] else C
        keep = estimable(W, C, constant=False)
        design = design_with(ds, terms, layout, C, keep, True)
        own = np.einsum("ij,ij->j", W, W) if C.shape[1] else np.zeros(0)
        ref = np.einsum("ij,ij->j", C - C.mean(axis=0), C - C.mean(axis=0)) if C.shape[1] else own
        varying = C[:, own > 1e-12 * np.maximum(ref, 1e-300)] if C.shape[1] else C
        fit = fit_on_scaled_depvar(lambda yy: fit_within(yy, C[:, keep], panels, varying=varying, weight=weight,
                                                         weight_kind=weight_kind, vce=vce, cluster=cluster,
                                                         level=level),
                                   y, linear=("rmse", "sigma_u", "sigma_e", "sigma"), quadratic=("rss", "tss", "mss"))
        return fit, design
    if model == "be":
        from mlmcli.panel.between import fit_between

        layout, C = candidate_columns(ds, terms, sample)
        M = panels.means(C) if C.shape[1] else np.empty((panels.n, 0))
        keep = estimable(M, C, constant=True)  # constant panel means judged against the rows' variation
        design = design_with(ds, terms, layout, C, keep, True)
        out = fit_on_scaled_depvar(lambda yy: fit_between(yy, C[:, keep], panels, wls=bool(opts.get("wls")),
                                                          level=level),
                                   y, linear=("rmse",), quadratic=("rss", "mss"), count="N_g")
        out["wls"] = bool(opts.get("wls")) and not panels.balanced
        return out, design
    constant = not opts.get("noconstant")
    design = build_design(ds, terms, sample, constant=True if model == "re" else constant)
    X = design.X[:, :-1] if (model == "re" or constant) else design.X
    if model == "re":
        from mlmcli.panel.gls import fit_gls

        out = fit_gls(y, X, panels, sa=bool(opts.get("sa")), vce=vce, cluster=cluster, level=level)
        out["sa"] = bool(opts.get("sa"))
        omitted = out.pop("omitted")
        if omitted.any():  # theta = 1: the transformed constant is all zero and regress omits it
            from mlmcli.panel.design import omit_estimable_columns

            kept = ~omitted
            out["b"], out["V"] = out["b"][kept], out["V"][np.ix_(kept, kept)]
            design = omit_estimable_columns(design, omitted)
        return out, design
    from mlmcli.panel.dependent_collinearity import check_dependent_collinearity
    from mlmcli.panel.maximum_likelihood import fit_ml

    check_dependent_collinearity(depvar, y, X, design.column_names, constant)  # xtreg_ml.ado's _rmdcoll
    iterate = integer_option(opts, "iterate", 0, minimum=0) if opts.get("iterate") is not None else None
    start = None
    if opts.get("_from") is not None:  # from()'s values at e(b)'s names
        from mlmcli.graphs.fpfit_ml_start import start_at

        spec, depvar = opts["_from"]
        start = start_at(spec, [f"{depvar}:{name}" for name in design.column_names]
                         + ["sigma_u:_cons", "sigma_e:_cons"])
    return fit_ml(y, X, panels, constant=constant, vce=vce, cluster=cluster, level=level, iterate=iterate,
                  rule=opts.get("_ml_rule"), start=start, weight=weight), design


def _panel_fit(out: dict, design, depvar, ivar, model, y, codes, level, vce, clustvar, panels):
    from mlmcli.panel.fit import PanelFit

    sizes = panels.sizes
    scalars = {k: float(v) for k, v in out.items() if isinstance(v, (int, float, np.floating)) and
               not isinstance(v, bool)}
    scalars.update(g_min=float(sizes.min()), g_avg=float(sizes.mean()), g_max=float(sizes.max()),
                   Tcon=float(panels.balanced), level=level)
    if model != "re":
        scalars["Tbar"] = float(sizes.mean())
    scalars["rank"] = float(out.get("rank", safe_rank(out["V"])))
    # xtreg_fe.ado: robust without cluster() clusters on the panels and posts e(vce) "cluster"
    macros = {"vce": "cluster" if model == "fe" and vce == "robust" else vce}
    if vce in ("robust", "cluster"):
        macros["vcetype"] = "Robust"
    if vce == "opg":
        macros["vcetype"] = "OPG"
    if vce == "bootstrap":
        macros.update(vcetype="Bootstrap", chi2type="Wald")
    if vce == "jackknife":  # jackknife.ado's e(vcetype), e(prefix); _prefix_model_test clears e(chi2type)
        macros.update(vcetype="Jknife *" if out.get("mse") else "Jackknife", prefix="jackknife")
        if out.get("mse"):
            macros["mse"] = "mse"
    if model in ("re", "ml") and vce != "jackknife":
        macros["chi2type"] = out.get("chi2type", "Wald")
    if model == "ml":
        macros["chi2_ct"] = out["chi2_ct"]
        macros["distrib"] = "Gaussian"
    if model == "re" and out.get("sa"):
        macros["sa"] = "sa"
    if model == "be" and out.get("wls"):
        macros["typ"] = "WLS "
    theta = out.get("theta", out.get("theta_quantiles"))
    if model == "re" and "theta" in out:
        scalars["theta"] = out["theta"]
    if model == "re" and "theta_quantiles" in out:
        for key, v in zip(("thta_min", "thta_5", "thta_50", "thta_95", "thta_max"), out["theta_quantiles"]):
            scalars[key] = v
    if model == "ml":
        scalars["p_model"] = out.get("p_model", scalars.get("p", float("nan")))
    df_r = scalars.get("df_r") if model in ("fe", "be") and vce != "bootstrap" or vce == "jackknife" else None
    extra = ("sigma_u:_cons", "sigma_e:_cons") if model == "ml" else ()
    return PanelFit(model=model, depvar=depvar, ivar=ivar, coef_labels=design.labels, b=np.asarray(out["b"]),
                    V=np.asarray(out["V"]), scalars=scalars, macros=macros, y=y, codes=codes, level=level,
                    df_r=df_r, cluster_var=clustvar, theta=theta, ancillary=tuple(out.get("ancillary", ())),
                    extra_names=extra, full_b=out.get("full_b"), full_V=out.get("full_V"),
                    matrices={k: out[k] for k in ("bf", "VCEf") if k in out},
                    iteration_logs=out.get("logs", {}))


def _store(session, cmd, fit, design, sample, wkind):
    from mlmcli.commands.estimation.panel_common import time_variable
    from mlmcli.estimation.results import EstimationResults

    b, V = fit.e_matrices()
    scalars = {k: v for k, v in fit.scalars.items() if k != "p_model"}
    if fit.model == "ml":
        scalars["p"] = fit.scalars["p"]
    macros = {"cmd": "xtreg", "cmdline": cmd.text or f"xtreg {cmd.args}".strip(), "depvar": fit.depvar,
              "ivar": fit.ivar, "model": fit.model, "predict": _PREDICT[fit.model], "properties": "b V",
              "marginsnotok": "E U UE SCore STDP XBU", "title": fit.result().title}
    tvar = time_variable(session)
    if tvar:
        macros["tvar"] = tvar
    macros.update(fit.macros)
    if fit.cluster_var:
        macros["clustvar"] = fit.cluster_var
    if cmd.weight is not None:
        from mlmcli.parser import weight_kind

        # xtreg_fe.ado fits pweights as aweights (robust) but posts e(wtype) "pweight" (its pwtflag)
        macros["wtype"] = "pweight" if weight_kind(cmd.weight) == "pweight" else wkind
        macros["wexp"] = "= " + cmd.weight.exp
    session.e = EstimationResults(cmd="xtreg", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                                  result=fit.result(), model=fit, sample=sample.copy(), title=macros["title"],
                                  design=design)
    session.e.stamp_sample(session.data)  # e(sample) follows its rows


def _hand_display_options(settings: dict, opts: dict) -> None:
    """vce(bootstrap, ...)'s display options that xtreg's table takes (cformat() ...: the
    prefix hands them to the replay, bootstrap_run.hand_display_options); noheader and notable
    (xtreg's table has neither here), eform options, verbose, title() stay mlm's r(198)."""
    from mlmcli.commands.estimation.bootstrap_run import hand_display_options

    shown = [name for name in settings.get("display", ()) if name in ("noheader", "notable")]
    if shown:
        raise StataError(f"vce(bootstrap, {shown[0]}) not supported by mlmcli with xtreg", 198)
    hand_display_options(settings, opts, "xtreg", display_option_specs(), {})
    settings["display_options"] = []  # honoured: the later refuse_unsupported lets the rest through


def replay(session, e, *, theta: bool = False, level: float | None = None,
           options=None) -> None:
    """Print stored ``xtreg`` results again (``xtreg`` alone, ``estimates replay``), with the
    display options ``options`` (``TableOptions``)."""
    from dataclasses import replace

    from mlmcli.render.panel_regression import render_xtreg

    result = e.result
    if level is not None and level != e.model.level:
        result = replace(e.model, level=level).result()
    session.print(render_xtreg(result, linesize=session.linesize, theta=theta, options=options))


def cmd_xtreg(session, cmd) -> None:
    """``xtreg``: fe, be, re (GLS) and mle random-effects models; e() and the table."""
    from mlmcli.commands.estimation import gee

    if gee.population_averaged_request(session, cmd, "xtreg", None):
        return None
    if not cmd.args.strip():
        e = replay_results(session, ("xtreg",))
        opts = resolve_options(cmd.options, [OptionSpec("theta", 2), OptionSpec("level", 1, takes_arg=True),
                                             *display_option_specs()])
        if opts.get("theta") and e.macros.get("model") != "re":
            raise StataError("option theta not allowed", 198)
        level = confidence_level(opts, e.model.level) if "level" in opts else None
        table = table_options_with_notes(session, opts)
        return replay(session, e, theta=bool(opts.get("theta")), level=level, options=table)
    fit, design, sample, opts, wkind = read_and_fit(session, cmd)
    notes = []
    table = table_options(opts, notes)
    for note in notes + list(design.notes):
        session.print(note)
    replicated = fit.macros.get("vce") in ("jackknife", "bootstrap")  # the prefix's full-sample run is quiet
    if fit.model == "ml" and not opts.get("nolog") and not replicated:
        from mlmcli.render.panel_regression import render_ml_log

        session.print(render_ml_log(fit.iteration_logs))
        if not fit.scalars.get("converged", 1.0):
            session.print(LOG_LINE)
    _store(session, cmd, fit, design, sample, wkind)
    from mlmcli.render.panel_regression import render_xtreg

    session.print(render_xtreg(session.e.result, linesize=session.linesize, theta=bool(opts.get("theta")),
                               options=table))
    if fit.model == "ml" and not replicated:  # only iterate(#) stops the Newton steps short (else the profile fit takes over)
        finish(session, session.e, converged=bool(fit.scalars.get("converged", 1.0)), at_limit=True,
               iterate_typed=True)

"""``ivreg2`` (SSC; Baum, Schaffer and Stillman): instrumental-variables regression with its
identification and overidentification statistics.

    ivreg2 depvar [varlist1] (varlist2 = varlist_iv) [if] [in]
        [, liml gmm2s robust cluster(var) small endog(varlist) noconstant level(#) noheader nofooter
           depname(name)]

Engine: ``mlmcli.instrumental.ivreg2_stats`` (formulas there); the sample and design are
ivregress's (``iv_sample``); layout: ``render.ivreg2``.  Options this port does not carry out are
refused by name ( redundant(), partial(), bw()/kernel(), cue,
kclass(), fuller(), two-way cluster()), never ignored.  Weights as ivreg2.ado takes them:
aweights and pweights normalised to N (pweights imply robust), fweights and iweights counted in N,
iweights refused with robust, cluster() or gmm2s; every weight prints ``(sum of wgt is %14.4e)``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

REFUSED = ("redundant", "fwl", "cue", "fuller", "b0", "wmatrix", "smatrix",
           "rf", "saverf", "saverfprefix", "sfirst", "savesfirst", "dkraay", "kiefer", "sw", "center", "coviv",
           "psd0", "psda", "dofminus", "sdofminus", "noid", "nocollin", "useqr", "hascons", "eform", "plus", "gmm",
           "cueinit", "cueoptions", "tvar", "ivar", "endogtest")
ARG_OPTIONS = {"redundant", "fwl", "fuller", "b0", "wmatrix", "smatrix", "saverfprefix",
               "dkraay", "dofminus", "sdofminus", "eform", "cueinit", "cueoptions", "tvar", "ivar", "endogtest"}
OPTIONS = [OptionSpec("kclass", 1, takes_arg=True), OptionSpec("partial", 7, takes_arg=True), OptionSpec("bw", 2, takes_arg=True),
           OptionSpec("kernel", 6, takes_arg=True), OptionSpec("first", 5), OptionSpec("ffirst", 6),
           OptionSpec("orthog", 6, takes_arg=True), OptionSpec("endog", 5, takes_arg=True), OptionSpec("liml", 4),
           OptionSpec("gmm2s", 5), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
           OptionSpec("small", 2), OptionSpec("noconstant", 3), OptionSpec("level", 1, takes_arg=True),
           OptionSpec("noheader", 4), OptionSpec("nofooter", 4), OptionSpec("depname", 3, takes_arg=True),
           OptionSpec("savefirst", 9), OptionSpec("savefprefix", 6, takes_arg=True),
           *[OptionSpec(name, len(name), takes_arg=name in ARG_OPTIONS) for name in REFUSED],
           *display_option_specs()]
REPLAY = [OptionSpec("first", 5), OptionSpec("ffirst", 6), OptionSpec("level", 1, takes_arg=True),
          OptionSpec("noheader", 4), OptionSpec("nofooter", 4),
          *display_option_specs()]
TITLES = {"ols": "OLS estimation", "iv": "IV (2SLS) estimation", "liml": "LIML estimation",
          "kclass": "k-class estimation",
          "gmm2s": "2-Step GMM estimation"}


def cmd_ivreg2(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip():
        e = replay_results(session, ("ivreg2",))
        opts = resolve_options(cmd.options, REPLAY)
        return show(session, e.result, opts)
    opts = resolve_options(cmd.options, OPTIONS)
    for name in REFUSED:
        if opts.get(name) not in (None, False):
            raise StataError(f"ivreg2's {name}{'()' if name in ARG_OPTIONS else ''} option is not implemented in mlmcli", 198)
    fit_and_post(session, cmd, opts)


def show(session, result, opts) -> None:
    import dataclasses

    from mlmcli.render.ivreg2 import render_ivreg2
    from mlmcli.results.ivreg2 import IVReg2FirstStage

    if opts.get("level") is not None:
        from mlmcli.estimation.replay_level import rows_at_level

        level = confidence_level(opts, result.level)
        df_r = result.df_r if isinstance(result, IVReg2FirstStage) else result.stats["df_r"] if result.small else None
        result = dataclasses.replace(result, level=level, coefs=rows_at_level(result.coefs, level, df_r))
    table = table_options_with_notes(session, opts)
    if isinstance(result, IVReg2FirstStage):  # a savefirst result replayed: DispSFirst
        from mlmcli.render.ivreg2_first import render_first_stage

        session.print("\n".join(render_first_stage(result, result.depvar, result.coefs, session.linesize)))
        return
    session.print(render_ivreg2(result, linesize=session.linesize, table=table, header=not opts.get("noheader"),
                                footer=not opts.get("nofooter"), first=bool(opts.get("first")),
                                ffirst=bool(opts.get("ffirst"))))


def _vce(ds, opts) -> tuple[str, str | None]:
    """(vce, first cluster variable); a second one (two-way clustering) in opts['_cluster2']."""
    if opts.get("cluster"):
        words = str(opts["cluster"]).split()
        if len(words) > 2:  # mlmcli's message: ivreg2 clusters on one or two variables
            raise StataError("cluster() takes one or two variables", 198)
        if len(words) == 2:
            opts["_cluster2"] = ds.resolve(words[1])
        return "cluster", ds.resolve(words[0])
    return ("robust" if opts.get("robust") else "unadjusted"), None


def fit_and_post(session, cmd, opts: dict, panel=None) -> None:
    """``panel``: xtivreg2's hook, ``panel(data, sample, clustvar) -> (data, sample, dofminus, xt)``
    (the within transformation); ``opts['_markout']`` the variables it needs in the sample.  A
    singular matrix in a degenerate sample is Stata's r(506), never a traceback."""
    try:
        _fit_and_post(session, cmd, opts, panel)
    except np.linalg.LinAlgError:
        raise StataError("matrix not positive definite", 506) from None


def _fit_and_post(session, cmd, opts: dict, panel=None) -> None:
    from mlmcli.commands.estimation.ivregress import iv_sample
    from mlmcli.instrumental.ivreg2_stats import endogeneity, fit_ivreg2

    if opts.get("liml") and opts.get("gmm2s"):
        raise StataError("incompatible options: liml gmm2s", 198)
    ds = session.data
    vce, clustvar = _vce(ds, opts)
    wkind = _weight_kind(cmd)
    if wkind == "pweight" and vce == "unadjusted":  # pweights are aweights with robust
        vce = "robust"
    if wkind == "iweight" and (vce != "unadjusted" or opts.get("gmm2s")):
        raise StataError("iweights not allowed with robust or gmm", 101)
    depvar, design, inst_design, data, p, _wkind, sample = iv_sample(
        session, cmd, cmd.args, opts, vce, clustvar, weight_note=False,
        markout=tuple(opts.get("_markout", ())) + ((opts["_cluster2"],) if opts.get("_cluster2") else ()))
    if opts.get("_cluster2"):
        import dataclasses

        from mlmcli.commands.estimation.common import group_codes

        data = dataclasses.replace(data, cluster2=group_codes(ds, opts["_cluster2"], sample))
    if wkind:
        from mlmcli.render.numfmt import format_number

        session.print(f"(sum of wgt is {format_number(data.wsum, '%14.4e')})")
    dofminus, xt = 0, None
    transformed_notes = []
    if panel is not None:
        data, sample, dofminus, xt = panel(data, sample, clustvar)
        if xt and xt.get("reference") is not None:  # fe / absorb(): _rmcoll on the transformed columns
            data, design, inst_design, p, transformed_notes = omit_transformed_collinear(
                data, design, inst_design, p, xt["reference"])
    data, design, sdofminus = _partial_out(ds, opts, data, design, p)
    if xt and xt.get("sdofminus"):  # ivreghdfe: the absorbed degrees of freedom, partialled out with _cons
        sdofminus += xt["sdofminus"]
        opts["_partialled"] = xt["partialled"]
    data, kernel = _with_kernel(session, opts, data, sample, vce, clustvar, wkind)
    opts["_kernel"] = kernel
    display_vce, vce = vce, ("robust" if kernel and vce == "unadjusted" else vce)  # AC: the kernel's own form
    model = "ols" if p == 0 else ("liml" if opts.get("liml") else "gmm2s" if opts.get("gmm2s") else "iv")
    k = _kclass_value(opts)
    if k is not None and p:
        model = "kclass"
    fit = fit_ivreg2(data, model, vce, small=bool(opts.get("small")), dofminus=dofminus, sdofminus=sdofminus, k=k)
    tested = _endog_tested(ds, opts, design, p)
    if tested:
        fit.scalars.update(endogeneity(data, [i for i, _ in tested], vce, dofminus))
    opts["_tested"] = tuple(name for _, name in tested)
    orthog = _orthog_tested(ds, opts, design, inst_design, p, data.X1.shape[1])
    if orthog:
        from mlmcli.instrumental.ivreg2_stats import orthogonality

        ostats, opts["_orthog_reduced"] = orthogonality(data, [i for i, _ in orthog], fit.S, fit.scalars["j"])
        fit.scalars.update(ostats)
    opts["_orthog"] = tuple(name for _, name in orthog)
    save_first = _save_first_prefix(opts)
    if (opts.get("ffirst") or opts.get("first") or save_first) and p:
        from mlmcli.instrumental.ivreg2_first import first_stage_regressions, first_stage_summary

        n_clust = int(fit.scalars.get("N_clust", 0))
        opts["_first"] = first_stage_summary(data, vce, n_clust, dofminus, sdofminus)
        if opts.get("first") or save_first:
            fits = first_stage_regressions(data, vce, n_clust, dofminus, sdofminus)
            if opts.get("first"):
                opts["_first_fits"] = fits
            if save_first:
                opts["_saved_fits"] = fits
    level = confidence_level(opts, getattr(session, "level", 95.0))
    for note in list(design.notes) + list(inst_design.notes) + transformed_notes:
        session.print(note)
    _post(session, cmd, opts, model, display_vce, clustvar, depvar, design, inst_design, data, fit, p, sample, level,
          xt)


def _save_first_prefix(opts) -> str:
    """ivreg2.ado: savefprefix() implies savefirst; the default prefix is ``_ivreg2_`` ("" = not saved)."""
    if isinstance(opts.get("savefprefix"), str) and opts["savefprefix"].strip():
        return opts["savefprefix"].strip()
    return "_ivreg2_" if opts.get("savefirst") else ""


def _kclass_value(opts) -> float | None:
    if opts.get("kclass") is None:
        return None
    if opts.get("liml") or opts.get("gmm2s"):  # mlmcli's message: kclass() is its own estimator
        raise StataError("kclass() may not be combined with liml or gmm2s", 198)
    try:
        return float(str(opts["kclass"]).strip())
    except ValueError:
        raise StataError("option kclass() incorrectly specified", 198) from None


def _partial_out(ds, opts, data, design, p: int):
    """partial(): the listed included exogenous regressors (``_all``: every one) and the constant
    partialled out of y, the endogenous regressors, the other exogenous regressors and the
    excluded instruments (Frisch-Waugh-Lovell, weighted); they leave the table and count in
    sdofminus.  (data, the design without them, sdofminus)."""
    import dataclasses

    if not opts.get("partial"):
        return data, design, 0
    est = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
    names = [design.labels[j].name for j in est]
    inexog = [n for n in names[p:] if n != "_cons"]
    words = str(opts["partial"]).split()
    wanted = set(inexog) if words == ["_all"] else set()
    for word in [w for w in words if w not in ("_all", "_cons")]:
        name = ds.resolve(word)
        if name not in inexog:  # mlmcli's wording, after ivreg2's orthog()/endog() messages
            raise StataError(f"Error: {name} listed in partial() but does not appear as exogenous.", 198)
        wanted.add(name)
    cols = [i for i, n in enumerate(names[p:]) if n in wanted or n == "_cons"]
    rest = [i for i in range(data.X1.shape[1]) if i not in cols]
    Pm = data.X1[:, cols]
    sw = np.sqrt(data.w)[:, None]
    resid = lambda A: A - Pm @ np.linalg.lstsq(Pm * sw, A * sw, rcond=None)[0]  # noqa: E731
    new = dataclasses.replace(data, y=resid(data.y[:, None])[:, 0], Y=resid(data.Y), X1=resid(data.X1[:, rest]),
                              Z1=resid(data.Z1), constant=False)
    gone = {est[p + i] for i in cols}
    keep = [j for j in range(len(design.labels)) if j not in gone]
    kept_est = [k for k, j in enumerate(est) if j not in gone]
    recipes = tuple(design.recipes[k] for k in kept_est) if len(design.recipes) == len(est) else design.recipes
    design = dataclasses.replace(design, labels=tuple(design.labels[j] for j in keep), recipes=recipes,
                                 X=design.X[:, kept_est])
    opts["_partialled"] = tuple(n for n in inexog if n in wanted) + (("_cons",) if data.constant else ())
    return new, design, len(cols)


def _with_kernel(session, opts, data, sample, vce: str, clustvar, wkind):
    """bw()/kernel(): data carrying an ivreg2_hac.Kernel over the sample's periods (and panels),
    and (name, bw, time variable, panel variable) for the display; (data, None) without them."""
    import dataclasses

    from mlmcli.commands.data.panel_settings import panel_setting, recorded_delta
    from mlmcli.commands.estimation.panel_common import time_variable
    from mlmcli.instrumental.ivreg2_hac import Kernel, parse_kernel
    from mlmcli.panel.groups import panel_codes

    if opts.get("bw") is None and opts.get("kernel") is None:
        return data, None
    text = str(opts.get("bw") or "").strip()
    if text.lower() == "auto":
        raise StataError("ivreg2's bw(auto) option is not implemented in mlmcli", 198)
    if not text:  # mlmcli's message (ivreg2's s_vkernel text was not at hand)
        raise StataError("option bw() required with kernel()", 198)
    try:
        bw = float(text)
    except ValueError:
        raise StataError("invalid bandwidth in option bw()", 198) from None
    if not bw > 0:
        raise StataError("invalid bandwidth in option bw()", 198)
    name = parse_kernel(opts.get("kernel"))
    if clustvar:
        raise StataError("ivreg2's cluster() with bw() is not implemented in mlmcli", 198)
    if wkind:
        raise StataError("ivreg2's weights with bw() are not implemented in mlmcli", 101)
    ds = session.data
    tvar = time_variable(session)
    if not tvar:
        raise StataError("time variable not set, use tsset varname ...", 111)
    rows = np.flatnonzero(sample)
    time = ds.numeric(tvar)[rows]
    periods = np.round((time - time.min()) / recorded_delta(ds)).astype(np.int64)
    if bw > periods.max():
        raise StataError("invalid bandwidth in option bw() - cannot exceed timespan of data", 198)
    ivar = panel_setting(ds)
    codes = panel_codes(ds.numeric(ivar)[rows]) if ivar else None
    kernel = Kernel(name, bw, periods, codes, robust=vce != "unadjusted")
    return dataclasses.replace(data, kernel=kernel), (name, bw, tvar, ivar)


def _first_tables(fits, endog, design, inst_design, p: int, level: float) -> tuple:
    """The first-stage tables' rows: the excluded instruments, the included ones, the constant."""
    from mlmcli.postest.coefficient_rows import rows_from_estimates

    if not fits:
        return ()
    estimable = lambda labels: [lab for lab in labels if not (lab.base or lab.omitted)]  # noqa: E731
    labels = estimable(inst_design.labels) + estimable(design.labels)[p:]
    return tuple((name, rows_from_estimates(labels, b, V, level, df_r)) for name, (b, V, _rmse, df_r) in zip(endog, fits))


def _orthog_tested(ds, opts, design, inst_design, p: int, n_x1: int) -> list[tuple[int, str]]:
    """orthog()'s instruments as (column of Z = [included exogenous, constant, excluded], name)."""
    if not opts.get("orthog"):
        return []
    inexog = [lab.name for lab in design.labels if not (lab.base or lab.omitted)][p:]
    exexog = list(inst_design.column_names)
    out = []
    for word in str(opts["orthog"]).split():
        name = ds.resolve(word)
        if name in inexog and name != "_cons":
            out.append((inexog.index(name), name))
        elif name in exexog:
            out.append((n_x1 + exexog.index(name), name))
        else:
            raise StataError(f"Error: {name} listed in orthog() but does not appear as exogenous.", 198)
    return out


def _weight_kind(cmd) -> str | None:
    from mlmcli.parser import weight_kind

    if cmd.weight is None:
        return None
    kind = weight_kind(cmd.weight)
    return "aweight" if kind == "weight" else kind


def _endog_tested(ds, opts, design, p: int) -> list[tuple[int, str]]:
    """endog()'s variables as (column among the endogenous regressors, name), with ivreg2.ado's
    message for one that is not endogenous."""
    if not opts.get("endog"):
        return []
    labels = [lab.name for lab in design.labels if not (lab.base or lab.omitted)][:p]
    out = []
    for word in str(opts["endog"]).split():
        name = ds.resolve(word)
        if name not in labels:
            raise StataError(f"Error: {name} listed in endog() but does not appear as endogenous.", 198)
        out.append((labels.index(name), name))
    return out


def _subtitles(model: str, vce: str, clustvar: str | None, kernel=None) -> tuple[str, str]:
    robust = {"unadjusted": "", "robust": "heteroskedasticity",
              "cluster": f"heteroskedasticity and clustering on {clustvar}"}[vce]
    if kernel:
        robust = robust + " and autocorrelation" if robust else "autocorrelation"
    if robust and model == "gmm2s":
        b = f"Estimates efficient for arbitrary {robust}"
    else:
        b = "Estimates efficient for homoskedasticity only"
    return b, (f"Statistics robust to {robust}" if robust else "Statistics consistent for homoskedasticity only")


def stock_yogo_rows(model: str, n_endog: int, n_excluded: int) -> tuple[tuple[str, float], ...]:
    """The critical values ivreg2's Disp_cdsy lists: 2SLS (and GMM) relative bias then size,
    LIML size; rows Stock and Yogo do not tabulate are left out."""
    import math

    from mlmcli.instrumental.diagnostics import critical_values

    bias, tsls_size, liml_size = critical_values(n_endog, n_excluded)
    rows = []
    if model in ("iv", "gmm2s"):
        rows += [(f"{pct:>2}% maximal IV relative bias", v) for pct, v in zip((5, 10, 20, 30), bias)]
        rows += [(f"{pct}% maximal IV size", v) for pct, v in zip((10, 15, 20, 25), tsls_size)]
    elif model == "liml":
        rows += [(f"{pct}% maximal LIML size", v) for pct, v in zip((10, 15, 20, 25), liml_size)]
    return tuple((label, v) for label, v in rows if not math.isnan(v))


def _post(session, cmd, opts, model, vce, clustvar, depvar, design, inst_design, data, fit, p, sample, level,
          xt: dict | None = None) -> None:
    """e() and the display; ``xt``: xtivreg2's panel block (``header``), scalars and macros."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.instrumental.fit import IVFit
    from mlmcli.results.ivreg2 import IVReg2Result

    sc = fit.scalars
    small = bool(opts.get("small"))
    labels = list(design.labels)
    est_idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    endog = tuple(labels[j].name for j in est_idx[:p])
    inexog = tuple(labels[j].name for j in est_idx[p:] if labels[j].name != "_cons")
    exexog = tuple(inst_design.column_names)
    dep_shown = str(opts["depname"]) if opts.get("depname") else depvar
    ivfit = IVFit(design.labels, fit.b, fit.V, sc["df_r"] if small else None, level, data, endog, exexog, inexog,
                  rmse=sc["rmse"])
    kernel = opts.get("_kernel")
    cluster2 = opts.get("_cluster2")
    sub_b, sub_v = _subtitles(model, vce, f"{clustvar} and {cluster2}" if cluster2 else clustvar, kernel)
    if cluster2:  # ivreg2's N_clust is the smaller count; the display shows both
        sc["N_clust1"], sc["N_clust2"] = (float(len(np.unique(c))) for c in (data.cluster, data.cluster2))
    result = IVReg2Result(
        title=TITLES[model], model=model, depvar=dep_shown, subtitle_b=sub_b, subtitle_v=sub_v, stats=dict(sc),
        coefs=ivfit.coef_rows(), instd=endog, inexog=inexog, exexog=exexog, robust=vce != "unadjusted",
        cluster=(int(sc.get("N_clust1", sc.get("N_clust", 0))), clustvar) if clustvar else None, small=small,
        level=level, cluster2=(int(sc["N_clust2"]), cluster2) if cluster2 else None,
        endog_tested=opts.get("_tested", ()), orthog_tested=opts.get("_orthog", ()), kernel=kernel,
        orthog_reduced=opts.get("_orthog_reduced", ()), partialled=opts.get("_partialled", ()),
        first_tables=_first_tables(opts.get("_first_fits", ()), endog, design, inst_design, p, level),
        panel=xt["header"] if xt else None, first=opts.get("_first"), absorbed=xt.get("absorbed", ()) if xt else (),
        critical_single=stock_yogo_rows(model, 1, len(exexog)) if p else (),
        critical=stock_yogo_rows(model, p, len(exexog)) if p else ())
    ivfit.result_object = result
    b, V = ivfit.e_matrices()
    matrices = {"b": b, "V": V}
    if result.first is not None:
        from mlmcli.results.matrix import Matrix

        keys = ("sheapr2", "pr2", "F", "df", "df_r", "pvalue", "SWF", "SWFdf1", "SWFdf2", "SWFp", "SWchi2", "SWchi2p")
        matrices["first"] = Matrix(np.array([[row[k] for row in result.first["rows"]] for k in keys]), keys, endog)
    name = xt["macros"]["cmd"] if xt else "ivreg2"
    macros = {"cmd": name, "cmdline": cmd.text or f"{name} {cmd.args}", "depvar": dep_shown, "model": model,
              "title": result.title, "instd": " ".join(endog), "inexog": " ".join(inexog),
              "exexog": " ".join(exexog), "insts": " ".join(inexog + exexog), "predict": "ivreg2_p",
              "hacsubtitleB": sub_b, "hacsubtitleV": sub_v, "properties": "b V",
              "vce": {"unadjusted": "ols", "robust": "robust", "cluster": "robust cluster"}[vce]}
    if kernel:  # PostFirstRF's e(vce): robust|ac, hac, the kernel and bw=#
        macros["vce"] = (("robust hac " if vce != "unadjusted" else "ac ") + f"{kernel[0]} bw={kernel[1]:g}").lower()
        macros["kernel"], macros["tvar"] = kernel[0], kernel[2]
    if vce != "unadjusted":
        macros["vcetype"] = "Robust"
    if clustvar:
        macros["clustvar"] = f"{clustvar} {cluster2}" if cluster2 else clustvar
    if cluster2:
        macros.update(clustvar1=clustvar, clustvar2=cluster2, vce="robust two-way cluster")
    if small:
        macros["small"] = "small"
    if result.partialled:
        names = [n for n in result.partialled if n != "_cons"]
        macros["partial"] = " ".join(names)
        sc["partial_ct"], sc["partialcons"] = float(len(names)), float("_cons" in result.partialled)
        macros["partialsmall"] = "small"
    if result.orthog_tested:
        macros["clist"] = " ".join(result.orthog_tested)
    if result.endog_tested:
        macros["elist"] = " ".join(result.endog_tested)
    scalars = {k: float(v) for k, v in sc.items()}
    if kernel:
        scalars["bw"] = float(kernel[1])
    if result.first is not None:
        f = result.first
        scalars.update({k: float(f[k]) for k in ("arf", "arfp", "archi2", "archi2p", "ardf", "ardf_r", "sstat", "sstatp",
                                                 "sstatdf")})
    if xt:  # xtivreg2.ado: e(df_b) the regressors, e(df_m) adds the panels unless clustered
        scalars.update(xt["scalars"])
        if name == "xtivreg2":
            scalars.update(df_b=sc["df_m"], sigma_e=sc["rmse"],
                           df_m=sc["df_m"] + (0.0 if clustvar else xt["scalars"].get("df_a", 0.0)))
        macros.update(xt["macros"])
    session.e = EstimationResults(cmd=macros["cmd"], scalars=scalars, macros=macros,
                                  matrices=matrices, result=result,
                                  # xtivreg2_p and partial() have none; ivreghdfe's reghdfe_p reads xb/stdp from it
                                  model=ivfit if name == "ivreghdfe" or not (xt or result.partialled) else None,
                                  sample=sample.copy(), title=result.title, design=design)
    session.e.stamp_sample(session.data)
    if opts.get("_saved_fits"):
        from mlmcli.commands.estimation.ivreg2_savefirst import show_stored, store_first_stages

        stored = store_first_stages(session, _save_first_prefix(opts), opts["_saved_fits"], endog, design,
                                    inst_design, sc, vce, clustvar, sample, result)
        session.e.macros["firsteqs"] = " ".join(stored)
        show_stored(session, stored)
    show(session, result, {k: v for k, v in opts.items() if not (k == "level" or k.startswith("_"))})


def omit_transformed_collinear(data, design, inst_design, p: int, reference):
    """_rmcoll on the within-transformed (or partialled-out) columns, as ivreg2's checks run on
    the data it is given: a regressor that the transform made zero (relative to its own centred
    sum of squares) or collinear with earlier ones, and likewise an excluded instrument, is
    omitted ("note: x omitted because of collinearity", an ``(omitted)`` row).  ``reference``:
    (Y, X1, Z1) before the transform, on the same rows.  Returns (data, design, inst_design, p,
    notes)."""
    import dataclasses

    from mlmcli.panel.design import estimable, omit_estimable_columns

    Y0, X0, Z0 = reference
    keep = estimable(np.column_stack([data.Y, data.X1]), np.column_stack([Y0, X0]), constant=False)
    keep_x = keep[p:]
    kept_exog = data.X1[:, keep_x]
    both = np.column_stack([kept_exog, data.Z1])
    both0 = np.column_stack([X0[:, keep_x], Z0])
    keep_z = estimable(both, both0, constant=False)[kept_exog.shape[1]:] if data.Z1.shape[1] else \
        np.zeros(0, bool)
    if keep.all() and keep_z.all():
        return data, design, inst_design, p, []
    names = list(design.column_names) + list(inst_design.column_names)
    notes = [f"note: {name} omitted because of collinearity"
             for name, k in zip(names, np.r_[keep, keep_z]) if not k]
    design = omit_estimable_columns(design, ~keep)
    inst_design = omit_estimable_columns(inst_design, ~keep_z)
    p_kept = int(keep[:p].sum())
    if p_kept > int(keep_z.sum()):
        raise StataError("equation not identified; must have at least as many instruments not in\n"
                         "the regression as there are instrumented variables", 481)
    data = dataclasses.replace(data, Y=data.Y[:, keep[:p]], X1=kept_exog, Z1=data.Z1[:, keep_z])
    return data, design, inst_design, p_kept, notes

"""``ivregress``: single-equation instrumental-variables regression (Stata 13).

    ivregress 2sls|liml|gmm depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [weight]
        [, noconstant vce(unadjusted|robust|cluster c) robust cluster(c) small first level(#)
           wmatrix(robust|cluster c|unadjusted) igmm noheader depname(name) display_options]

Engine: ``mlmcli.instrumental`` (formulas there); the layout: ``render.instrumental``; the
estat subcommands: ``ivregress_estat``.  ``first`` prints each first-stage regression as
``regress`` would (its header and table).  vce(hac ...), vce(bootstrap|jackknife), eform(),
hasconstant and the optimisation options of igmm are refused, never ignored.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes, weighted_sample
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

IV_OPTIONS = [OptionSpec("noconstant", 5), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
              OptionSpec("cluster", 2, takes_arg=True), OptionSpec("small", 5), OptionSpec("first", 5),
              OptionSpec("level", 1, takes_arg=True), OptionSpec("wmatrix", 4, takes_arg=True),
              OptionSpec("igmm", 1), OptionSpec("noheader", 4), OptionSpec("depname", 3, takes_arg=True),
              *display_option_specs()]
REPLAY_OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("noheader", 4), *display_option_specs()]


def split_iv_equation(args: str) -> tuple[str, str, str, str]:
    """``depvar exog (endog = inst) exog`` -> (depvar, exog, endog, inst); without the
    parenthesised equation the model has no endogenous regressors (an OLS fit whose footnote
    says so).  A group after an operator (``D.(w k)``, ``i.(a b)``) is a varlist term, not the
    equation."""
    groups = []  # (open, close) of the parenthesised groups at the top level
    depth, start = 0, -1
    for i, ch in enumerate(args):
        if ch == "(":
            depth += 1
            if depth == 1:
                start = i
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise StataError("invalid syntax", 198)
            if depth == 0:
                groups.append((start, i))
    if depth:
        raise StataError("invalid syntax", 198)
    equations = [(a, b) for a, b in groups if not args[:a].rstrip().endswith(".")]
    if not equations:
        words = args.split()
        if not words:
            raise StataError("varlist required", 100)
        return words[0], " ".join(words[1:]), "", ""
    if len(equations) != 1:
        raise StataError("invalid syntax", 198)
    a, b = equations[0]
    inside = args[a + 1:b]
    if "=" not in inside:
        raise StataError("invalid syntax", 198)
    endog, inst = (part.strip() for part in inside.split("=", 1))
    words = args[:a].split()
    if not words:
        raise StataError("varlist required", 100)
    return words[0], " ".join(words[1:] + args[b + 1:].split()), endog, inst


def cov_option(ds, text: str, which: str, command: str = "ivregress") -> tuple[str, str | None]:
    """ParseCovMat: unadjusted (un...), robust (r...), cluster (cl...) varname (ivregress, ivpoisson)."""
    words = str(text).split()
    if not words:
        return ("robust" if which == "wmatrix" else "unadjusted"), None
    key = words[0]  # ParseCovMat: bsubstr() with the case kept
    if len(words) == 1 and len(key) >= 2 and "unadjusted".startswith(key):
        return "unadjusted", None
    if len(words) == 1 and "robust".startswith(key):
        return "robust", None
    if len(key) >= 2 and "cluster".startswith(key):
        if len(words) != 2:
            raise StataError(f"option {which}() incorrectly specified", 198)
        return "cluster", ds.resolve(words[1])
    if key in ("bootstrap", "jackknife") or (len(key) >= 4 and ("bootstrap".startswith(key)
                                                                or "jackknife".startswith(key))):
        raise StataError(f"vce({key}) is not implemented for {command} in mlmcli", 198)
    if key == "hac":
        raise StataError(f"{which}(hac ...) is not implemented in mlmcli", 198)
    raise StataError(f"option {which}() incorrectly specified", 198)


def replay(session, e, opts: dict | None = None) -> None:
    import dataclasses

    from mlmcli.estimation.replay_level import rows_at_level, typed_replay_level
    from mlmcli.render.instrumental import render_ivregress

    opts = opts or {}
    result = e.result
    level = typed_replay_level(session, opts, e)
    if level is not None:
        result = dataclasses.replace(result, level=level, coefs=rows_at_level(result.coefs, level, e.scalars.get("df_r")))
    table = table_options_with_notes(session, opts)
    session.print(render_ivregress(result, linesize=session.linesize, table=table, header=not opts.get("noheader")))


def cmd_ivregress(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip():
        e = replay_results(session, ("ivregress",))
        return replay(session, e, resolve_options(cmd.options, REPLAY_OPTIONS))
    words = cmd.args.split(None, 1)
    estimator = words[0]
    if estimator not in ("2sls", "liml", "gmm"):
        raise StataError(f"{estimator} not a valid estimator", 198)
    opts = resolve_options(cmd.options, IV_OPTIONS)
    fit_and_post(session, cmd, estimator, words[1] if len(words) > 1 else "", opts)


def _vce_and_weights(ds, opts: dict, estimator: str) -> tuple[str, str | None, str, str | None]:
    if (opts.get("robust") or opts.get("cluster")) and opts.get("vce") is not None:
        raise StataError("cannot specify options robust or cluster() with vce()", 198)
    vce_text = opts.get("vce")
    if opts.get("cluster"):
        vce_text = "cluster " + str(opts["cluster"])
    elif opts.get("robust"):
        vce_text = "robust"
    wm_text = opts.get("wmatrix")
    if estimator != "gmm":
        if wm_text is not None:
            raise StataError(f"cannot specify wmatrix() with {estimator.upper()} estimator", 198)
        if opts.get("igmm"):
            raise StataError("may only specify igmm with GMM estimator", 198)
        vce, clust = cov_option(ds, vce_text or "", "vce")
        return vce, clust, "unadjusted", None
    if wm_text is None and vce_text is not None:  # the VCE's kind weights the moments too
        kind = cov_option(ds, vce_text, "vce")[0]
        wm_text = "robust" if kind == "unadjusted" else vce_text
    wmatrix, wclust = cov_option(ds, wm_text or "", "wmatrix")
    if vce_text is None:
        vce_text = "robust" if opts.get("wmatrix") is None else wm_text
    vce, clust = cov_option(ds, vce_text, "vce")
    return vce, clust, wmatrix, wclust


def _columns(ds, terms, sample):
    from mlmcli.panel.design import candidate_columns

    return candidate_columns(ds, terms, sample) if terms else ([], np.empty((int(sample.sum()), 0)))


def iv_sample(session, cmd, text: str, opts: dict, vce: str, clustvar, wclustvar=None, *, gmm: bool = False,
              markout: tuple[str, ...] = (), weight_note: bool = True):
    """The estimation sample of an IV equation (ivregress, ivreg2): (depvar, the regressors'
    design, the excluded instruments' design, IVData, number of endogenous columns, weight kind,
    sample mask); the identification and variable-list checks as ivregress makes them.  ``markout``:
    further variables whose missing values leave the sample (xtivreg2's panel variable);
    ``weight_note``: print regress's ``(sum of wgt is ...)`` (ivreg2 prints its own)."""
    from mlmcli.commands.estimation.common import group_codes, iv_equation_terms
    from mlmcli.factor_variables import finish_design, term_variables
    from mlmcli.instrumental.estimators import IVData
    from mlmcli.panel.design import design_with, estimable

    ds = session.data
    depvar, exog_t, endog_t, inst_t = iv_equation_terms(ds, *split_iv_equation(text))
    names = lambda ts: set(term_variables(ts))  # noqa: E731
    for a, b, msg in ((exog_t, endog_t, "{} included in both exogenous and endogenous variable lists"),
                      (endog_t, inst_t, "{} included in both endogenous and excluded exogenous variable lists")):
        both = sorted(names(a) & names(b))
        if both:
            raise StataError(msg.format(both[0]), 498)
    for ts, what in ((endog_t, "endogenous regressor"), (exog_t, "exogenous regressor"),
                     (inst_t, "excluded exogenous variable")):
        if depvar in names(ts):
            raise StataError(f"{depvar} specified as both regressand and {what}", 498)
    allowed = ("aweight", "fweight", "pweight", "iweight")
    variables = [depvar] + term_variables(exog_t + endog_t + inst_t) + [v for v in markout if not ds.is_string(v)]
    sample, w, wkind = weighted_sample(session, cmd, variables, allowed)
    if wkind == "iweight" and vce != "unadjusted":
        raise StataError("iweights not allowed with vce()", 101)
    # a string cluster variable or absorbed factor (ivreghdfe's absorb(), factors as reghdfe's
    # ftools reads them) leaves out its empty rows only
    for v in [c for c in (clustvar, wclustvar) if c] + [v for v in markout if ds.is_string(v)]:
        sample &= (ds.df[v].astype(str) != "").to_numpy() if ds.is_string(v) else ~np.isnan(ds.numeric(v))
    n = int(sample.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    constant = not opts.get("noconstant")
    regressors = endog_t + exog_t
    layout, C = _columns(ds, regressors, sample)
    p_cand = _columns(ds, endog_t, sample)[1].shape[1]
    keep = estimable(C, C, constant=constant) if C.shape[1] else np.zeros(0, bool)
    design = design_with(ds, regressors, layout, C, keep, constant)
    zl, Cz = _columns(ds, inst_t, sample)
    X1_cand = C[:, p_cand:][:, keep[p_cand:]]
    both = np.column_stack([X1_cand, Cz])
    keep_z = estimable(both, both, constant=constant)[X1_cand.shape[1]:] if Cz.shape[1] else np.zeros(0, bool)
    inst_design = finish_design(zl, keep_z, False, inst_t, Cz[:, keep_z])
    p = int(keep[:p_cand].sum())
    if p > int(keep_z.sum()):
        raise StataError("equation not identified; must have at least as many instruments not in\n"
                         "the regression as there are instrumented variables", 481)
    if not gmm and p == 0 and keep_z.any():
        raise StataError("cannot specify additional instruments without endogenous\n"
                         "regressors unless you use the GMM estimator", 498)
    if design.X.shape[1] == 0:
        raise StataError("no RHS variables", 498)
    wv = np.ones(n) if w is None else w[sample].astype(float)
    wsum = float(wv.sum())
    if wkind in ("aweight", "pweight"):
        if weight_note:
            session.print(f"(sum of wgt is {_e12(wsum)})")
        wv = wv * n / wv.sum()
    X = design.X
    data = IVData(y=ds.numeric(depvar)[sample].astype(float), Y=X[:, :p], X1=X[:, p:],
                  Z1=Cz[:, keep_z], w=wv, wkind=wkind,
                  cluster=group_codes(ds, clustvar, sample) if clustvar else None, constant=constant,
                  wcluster=group_codes(ds, wclustvar, sample) if wclustvar else None, wsum=wsum)
    return depvar, design, inst_design, data, p, wkind, sample


def fit_and_post(session, cmd, estimator: str, text: str, opts: dict, command: str = "ivregress") -> None:
    """Fit and post; ``command`` "ivreg" posts e(cmd) ivreg and prints regress's layout."""
    from mlmcli.instrumental.estimators import fit_iv

    table = table_options_with_notes(session, opts)
    vce, clustvar, wmatrix, wclustvar = _vce_and_weights(session.data, opts, estimator)
    depvar, design, inst_design, data, p, wkind, sample = iv_sample(
        session, cmd, text, opts, vce, clustvar, wclustvar, gmm=estimator == "gmm")
    if wkind == "pweight" and vce == "unadjusted" and estimator != "gmm":
        vce = "robust"
    est = fit_iv(data, estimator, vce, small=bool(opts.get("small")), wmatrix=wmatrix, igmm=bool(opts.get("igmm")))
    level = confidence_level(opts, getattr(session, "level", 95.0))
    for note in design.notes + inst_design.notes:
        session.print(note)
    _post(session, cmd, estimator, depvar, opts, design, inst_design, data, est, p, vce, clustvar, wmatrix,
          wclustvar, wkind, sample, level, table, command)


def _e12(value: float) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%12.4e")


def _post(session, cmd, estimator, depvar, opts, design, inst_design, data, est, p, vce, clustvar, wmatrix,
          wclustvar, wkind, sample, level, table, command="ivregress") -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.instrumental.fit import IVFit
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.render.instrumental import render_ivregress
    from mlmcli.results.instrumental import IVRegressResult
    from mlmcli.results.matrix import Matrix

    sc = est.scalars
    small = bool(opts.get("small"))
    labels = list(design.labels)  # the estimable columns: p endogenous, then the exogenous
    est_idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    endog_names = tuple(labels[j].name for j in est_idx[:p])
    exog_names = tuple(labels[j].name for j in est_idx[p:] if labels[j].name != "_cons")
    excluded = tuple(inst_design.column_names)
    insts = exog_names + excluded
    dep_shown = str(opts["depname"]) if opts.get("depname") else depvar
    fit = IVFit(design.labels, est.b, est.V, sc.get("df_r") if small else None, level, data, endog_names,
                excluded, exog_names, rmse=sc["rmse"])
    robust = vce != "unadjusted"
    result = IVRegressResult(
        title=f"Instrumental variables ({estimator.upper()}) regression", depvar=dep_shown, nobs=sc["N"],
        df_m=int(sc["df_m"]), model_stat=sc["F"] if small else sc["chi2"], p=sc["p"], r2=sc.get("r2", float("nan")),
        rmse=sc["rmse"], coefs=fit.coef_rows(), instd=endog_names, insts=insts, level=level, small=small,
        df_r=sc.get("df_r", float("nan")), r2_a=sc.get("r2_a", float("nan")), mss=sc["mss"], rss=sc["rss"],
        vcetype="Robust" if robust else None,
        cluster=(int(sc["N_clust"]), clustvar) if clustvar else None,
        gmm_weight=gmm_weight_label(wmatrix, wclustvar) if estimator == "gmm" else None)
    fit.result_object = result
    b, V = fit.e_matrices()
    scalars = {k: float(v) for k, v in sc.items() if k != "p"}
    scalars["rank"] = float(safe_rank(est.V))
    if estimator != "gmm":
        scalars.pop("J", None)
    else:
        scalars.pop("kappa", None)
    macros = {"cmd": command, "cmdline": cmd.text or f"{command} {cmd.args}", "depvar": dep_shown,
              "title": result.title, "estimator": estimator, "instd": " ".join(endog_names),
              "insts": " ".join(insts), "exogr": " ".join(exog_names), "predict": "ivregress_p",
              "marginsok": "XB default", "marginsnotok": "Residuals SCores", "footnote": "ivreg_footnote",
              "estat_cmd": "ivregress_estat", "properties": "b V",
              "vce": {"unadjusted": "unadjusted", "robust": "robust", "cluster": "cluster"}[vce]}
    if estimator == "gmm":
        macros["wmatrix"] = f"cluster {wclustvar}" if wmatrix == "cluster" else wmatrix
    if robust:
        macros["vcetype"] = "Robust"
    if clustvar:
        macros["clustvar"] = clustvar
    if small:
        macros["small"] = "small"
    if opts.get("noconstant"):
        macros["constant"] = "noconstant"
    if wkind:
        macros["wtype"], macros["wexp"] = wkind, "= " + cmd.weight.exp
    if command == "ivreg":  # _regress's IV results: no estimator, regress's predict
        for name in ("estimator", "estat_cmd", "exogr", "small"):
            macros.pop(name, None)
        macros.update(predict="regres_p", model="iv")
        for name in ("kappa", "iterations"):
            scalars.pop(name, None)
    matrices = {"b": b, "V": V}
    if est.W is not None:
        znames = exog_names + (("_cons",) if data.constant else ()) + excluded
        matrices["W"] = Matrix(est.W, znames, znames)
        if est.S is not None:
            matrices["S"] = Matrix(est.S, znames, znames)
    session.e = EstimationResults(cmd=command, scalars=scalars, macros=macros, matrices=matrices,
                                  result=result, model=fit, sample=sample.copy(), title=result.title,
                                  design=design)
    session.e.stamp_sample(session.data)
    if opts.get("first"):
        from mlmcli.commands.estimation.ivregress_estat import print_first_stages

        print_first_stages(session, fit, vce, clustvar, level)
    if command == "ivreg":
        from mlmcli.render.ivreg import render_ivreg

        return session.print(render_ivreg(result, linesize=session.linesize, table=table))
    session.print(render_ivregress(result, linesize=session.linesize, table=table, header=not opts.get("noheader")))


def gmm_weight_label(wmatrix: str, wclustvar: str | None) -> str:
    from mlmcli.render.abbrev import abbrev

    if wmatrix == "cluster":
        return f"Cluster ({abbrev(wclustvar, 13)})"
    return wmatrix.capitalize()

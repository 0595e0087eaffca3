"""``meta regress [moderators] [if] [in] [, options]`` ([META] meta regress): meta-regression of
the declared effect sizes on moderators (factor variables allowed), random-effects by the
declared or typed method, or fixed-effects; ``se(khartung)`` (t and F on K-p df),
``tdistribution``; ``noconstant``; ``tau2(#)``.  Posts e() as an estimation command (e(cmd)
``meta regress``) so ``predict`` (xb, stdp) and ``estat heterogeneity`` follow it.  Numbers in
``mlmcli.meta.regression``."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.meta import settings as store
from mlmcli.commands.meta.model_options import MODEL_SPECS, model_and_method, se_adjustment
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, real_option, resolve_options

_SPECS = [*MODEL_SPECS, OptionSpec("se", 2, True), OptionSpec("tdistribution", 4), OptionSpec("noconstant", 6),
          OptionSpec("level", 1, True), OptionSpec("tau2", 4, True), OptionSpec("nometashow", 10),
          OptionSpec("metashow", 8), OptionSpec("eform", 5, True, True), OptionSpec("i2", 2, True),
          OptionSpec("noheader", 8)]


def cmd_regress(session, cmd, words: list[str]) -> None:
    from mlmcli.estimation.active import replay_results

    if not words and not cmd.if_exp and not cmd.in_range and session.e is not None \
            and session.e.cmd == "meta regress" and all(o.name.startswith(("l", "ef")) for o in cmd.options):
        e = replay_results(session, ("meta regress",))
        opts = resolve_options(cmd.options, _SPECS)
        return _display(session, e, confidence_level(opts, e.scalars.get("level", 95.0)), opts)
    opts = resolve_options(cmd.options, _SPECS)
    if "i2" in opts:
        raise StataError("meta regress: option i2() is not implemented in mlm", 198)
    e = _fit(session, cmd, words, opts)
    session.e = e
    _display(session, e, e.scalars["level"], opts)


def _fit(session, cmd, words, opts):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_terms import parse_terms
    from mlmcli.factor_variables import build_design
    from mlmcli.meta.regression import meta_regress
    from mlmcli.robust.fit import RobustLinearFit
    from mlmcli.sample import mark_sample

    ds = session.data
    s = store.load(ds)
    typed = model_and_method(opts, binary=s.datatype == "binary")
    model, method = typed or (s.model, s.method)
    if model == "common":
        raise StataError("option common not allowed with meta regress; specify fixed for a fixed-effects "
                         "meta-regression", 198)
    if model != "random":
        method = "invvariance"
    seadj = se_adjustment(opts, model)
    tdist = "tdistribution" in opts
    level = confidence_level(opts, s.level)
    constant = "noconstant" not in opts
    mask = mark_sample(session, cmd)
    mask &= ~np.isnan(ds.numeric("_meta_es")) & ~np.isnan(ds.numeric("_meta_se"))
    terms = parse_terms(ds, " ".join(words)) if words else []
    if terms:
        design = build_design(ds, terms, mask, constant=constant)
        X_all = design.columns(ds, None)
        bad = np.any(np.isnan(X_all), axis=1) if X_all.size else np.zeros(ds.nobs, bool)
        if np.any(bad & mask):
            mask &= ~bad
            design = build_design(ds, terms, mask, constant=constant)
    else:
        if not constant:
            raise StataError("noconstant requires at least one moderator", 198)
        design = build_design(ds, [], mask, constant=True)
    K = int(mask.sum())
    X = np.asarray(design.X, float)
    if K < X.shape[1] + 1:
        raise StataError("insufficient observations", 2001)
    y = ds.numeric("_meta_es")[mask]
    v = ds.numeric("_meta_se")[mask] ** 2
    tau2 = None
    if "tau2" in opts:
        if model != "random":
            raise StataError("option tau2() allowed only with random-effects models", 198)
        tau2 = real_option(opts, "tau2", None)
    fit = meta_regress(y, v, X, model, method, seadj, tau2)
    p = X.shape[1]
    df_r = K - p if (seadj or tdist) else None
    names = list(design.column_names)
    slopes = [j for j, n in enumerate(names) if n != "_cons"]
    if slopes:
        bs = fit.b[slopes]
        stat = float(bs @ np.linalg.solve(fit.V[np.ix_(slopes, slopes)], bs))
    else:
        stat = float("nan")
    model_obj = RobustLinearFit(coef_labels=tuple(design.labels), b=fit.b, V=fit.V,
                                df_r=float(df_r) if df_r is not None else float("nan"), level=level, engine_fit=fit)
    b_mat, V_mat = model_obj.e_matrices()
    from mlmcli.distributions import chi2, f as f_dist
    scalars = {"N": float(K), "df_m": float(len(slopes)), "tau2": fit.tau2, "I2_res": fit.I2, "H2_res": fit.H2,
               "Q_res": fit.Q_res, "df_Q_res": float(K - p), "p_Q_res": float(chi2.sf(fit.Q_res, K - p)),
               "level": level, "converged": float(fit.converged)}
    if model == "random":
        scalars["R2"] = fit.R2
    if df_r is None:
        scalars["chi2"] = stat
        scalars["p"] = float(chi2.sf(stat, len(slopes))) if slopes else float("nan")
    else:
        scalars["F"] = stat / len(slopes) if slopes else float("nan")
        scalars["df_r"] = float(df_r)
        scalars["p"] = float(f_dist.sf(scalars["F"], len(slopes), df_r)) if slopes else float("nan")
    macros = {"cmd": "meta regress", "cmdline": (cmd.text or "").strip(), "depvar": "_meta_es",
              "model": model, "method": method, "indepvars": " ".join(words), "predict": "meta_regress_p",
              "properties": "b V", "title": f"{'Random' if model == 'random' else 'Fixed'}-effects meta-regression"}
    if seadj:
        macros["seadj"] = "khartung"
    e = EstimationResults(cmd="meta regress", scalars=scalars, macros=macros, matrices={"b": b_mat, "V": V_mat},
                          model=model_obj, sample=mask.copy(), title=macros["title"], design=design)
    e.meta_settings = s
    e.stamp_sample(ds)
    return e


def header(e):
    from mlmcli.results.meta import MetaRegressionHeader

    s = e.scalars
    fstat = "F" in s
    return MetaRegressionHeader(settings=e.meta_settings, model=e.macros["model"], method=e.macros["method"],
                                K=int(s["N"]), tau2=s["tau2"] if e.macros["model"] == "random" else None,
                                I2=s["I2_res"], H2=s["H2_res"], R2=s.get("R2", float("nan")),
                                chi2=s["F"] if fstat else s["chi2"], chi2_df=int(s["df_m"]), chi2_p=s["p"],
                                Q_res=s["Q_res"], Q_df=int(s["df_Q_res"]), Q_p=s["p_Q_res"],
                                se_adjustment="Knapp-Hartung" if e.macros.get("seadj") else "", fstat=fstat,
                                f_df2=int(s.get("df_r", 0)))


def _display(session, e, level, opts) -> None:
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.render.coef_table import render_coef_table
    from mlmcli.render.meta import render_regression_footer, render_regression_header

    h = header(e)
    idx = [j for j, lab in enumerate(e.design.labels) if not (lab.base or lab.omitted)]
    b = e.matrices["b"].values.ravel()[idx]
    V = e.matrices["V"].values[np.ix_(idx, idx)]
    df = e.scalars.get("df_r")
    eform = opts.get("eform")
    rows = rows_from_estimates(e.design.labels, b, V, level, df, eform=eform is not None)
    out = [] if "noheader" in opts else [render_regression_header(h)]
    coef_label = "Coef." if eform is None else (eform.strip().strip('"') if isinstance(eform, str) and eform.strip()
                                                else "exp(b)")
    out.append(render_coef_table(rows, "_meta_es", stat_label="t" if df is not None else "z", level=level,
                                 linesize=session.linesize, coef_label=coef_label))
    out.append(render_regression_footer(h))
    session.print("\n" + "\n".join(out))


def estat_heterogeneity(session, cmd) -> None:
    """``estat heterogeneity`` after meta regress: the residual heterogeneity statistics."""
    from mlmcli.render.meta import render_heterogeneity

    e = session.e
    if cmd.if_exp or cmd.in_range or cmd.options or len(cmd.args.split()) > 1:
        raise StataError("invalid syntax", 198)
    h = header(e)
    session.print("\n" + render_heterogeneity(h))
    r = {"I2_res": h.I2, "H2_res": h.H2}
    if h.tau2 is not None:
        r["tau2"] = h.tau2
        r["R2"] = h.R2
    session.set_r(r)

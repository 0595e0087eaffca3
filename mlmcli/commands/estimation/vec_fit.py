"""vec's fit, e() and display (_vecu.ado's vest branch, vec.ado's DispMain, _vecauxdisp.ado).

The short-run equations regress D.y on L._ce1.. (the cointegrating equations with Johansen's
beta), L(1/p-1).D.y and the unrestricted terms, no other constant (_qsur with dfmodel(df),
df = int(parms / K)); with an unrestricted constant (trend) the constant (trend) of each
equation is split: its part in the span of alpha goes to the cointegrating equations,
p0 = (alpha'alpha)^-1 alpha' mu0 (p1 likewise for _trend), and the regression is refitted.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def fit_vec(session, cmd, opts):
    from mlmcli.commands.estimation.vec_data import VecModel, lags_option, parse_trend, rank_option, vec_data
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix
    from mlmcli.time_series.johansen import cointegration, information, moments, short_run

    trend, p, rank = parse_trend(opts.get("trend")), lags_option(opts), rank_option(opts)
    data = vec_data(session, cmd, cmd.args, p, trend, rank, opts.get("sindicators"))
    K = len(data.endog)
    if rank >= K:
        raise StataError(f"rank() must be less than {K}", 498)
    m = moments(data.Z0, data.Z1, data.Z2)
    co = cointegration(m, rank)
    ce_rows, ce_coef = list(data.z1_names), co.beta.copy()
    # the regressors are L._ce#: the restricted _trend enters one period back (_vecu.ado scores
    # _ce# at t and regresses on its lag), the same for the trend moved into the equations
    lagged_levels = data.Z1.copy()
    if trend == "rtrend":
        lagged_levels[:, -1] -= 1
    z2_names = data.z2_names
    unrestricted = [n for n in z2_names if n in ("_trend", "_cons")]
    X2 = data.Z2

    def regress(coef, extra):
        ce = lagged_levels @ coef + extra
        return short_run(data.Z0, np.column_stack([ce, X2]), co.df)

    sr = regress(ce_coef, 0.0)
    if unrestricted:
        alpha = co.alpha
        proj = np.linalg.inv(alpha.T @ alpha) @ alpha.T
        shift = np.zeros((len(data.trend_values), rank))
        for name in unrestricted:
            j = rank + z2_names.index(name)
            piece = proj @ sr.B[:, j]
            values = data.trend_values - 1 if name == "_trend" else np.ones(len(data.trend_values))
            shift += np.outer(values, piece)
            if name not in ce_rows:
                ce_rows.append(name)
                ce_coef = np.vstack([ce_coef, piece[None, :]])
        sr = regress(co.beta, shift)
    aic, sbic, hqic = (float(v) for v in information(co.ll, co.parms, m.T))
    eqnames = [y.replace(".", "_") for y in map(diff_name, data.endog)]
    cenames = [f"_ce{j}" for j in range(1, rank + 1)]
    names = [f"L.{c}" for c in cenames] + z2_names
    full = [f"{eq}:{n}" for eq in eqnames for n in names]
    scalars = {"N": float(m.T), "k_ce": float(rank), "n_lags": float(p), "k_eq": float(K), "k_dv": float(K),
               "k_rank": float(co.parms), "df_m": float(co.df), "ll": co.ll, "chi2_res": 0.0, "tmin": data.tmin,
               "tmax": data.tmax, "aic": aic, "sbic": sbic, "hqic": hqic,
               "detsig_ml": float(np.linalg.det(co.omega)), "beta_iden": 1.0, "beta_icnt": float(rank * rank),
               "df_lr": 0.0, "rank": float(np.linalg.matrix_rank(sr.V))}
    for i in range(K):
        scalars.update({f"k_{i + 1}": float(sr.df_m), f"rmse_{i + 1}": float(sr.rmse[i]), f"r2_{i + 1}": float(sr.r2[i]),
                        f"df_m{i + 1}": float(sr.df_m), f"chi2_{i + 1}": float(sr.chi2[i])})
    covariates = [n for n in z2_names if n not in ("_trend", "_cons")]
    macros = {"cmd": "vec", "cmdline": (cmd.text or f"vec {cmd.args}").strip(), "title": "Vector error-correction model",
              "trend": trend, "tsfmt": session.data.format_of(data.tvar), "tvar": data.tvar,
              "endog": " ".join(data.endog), "eqnames": " ".join(eqnames), "reduce_lags": "",
              "covariates": " ".join(covariates) if covariates else "_NONE", "cenames": " ".join(cenames),
              "marginsok": "xb", "marginsnotok": "stdp Residuals ce Levels Usece(passthru)", "predict": "vec_p",
              "properties": "b V"}
    if opts.get("sindicators"):
        from mlmcli.commands.estimation.vector_autoregression import resolved_names

        macros["sindicators"] = " ".join(resolved_names(session.data, opts["sindicators"]))
    beta_names = tuple(f"{c}:{r}" for c in cenames for r in ce_rows)
    nz = len(ce_rows)
    V_beta = np.zeros((nz * rank, nz * rank))
    keep = [j * nz + i for j in range(rank) for i in range(len(data.z1_names))]
    V_beta[np.ix_(keep, keep)] = co.V_beta
    alpha_names = tuple(f"{eq}:L.{c}" for eq in eqnames for c in cenames)
    pi = co.alpha @ co.beta.T
    sbb = np.linalg.inv(co.beta.T @ m.S11 @ co.beta)
    pi_names = tuple(f"{eq}:{n}" for eq in eqnames for n in ([f"L.{y}" if "." not in y else _lag1(y) for y in data.endog]
                                                            + data.z1_names[K:]))
    V_pi = np.kron(co.omega, co.beta @ sbb @ co.beta.T) / (m.T - co.df)
    diff_rows = tuple(eqnames)
    matrices = {"b": Matrix(sr.B.ravel()[None, :].copy(), ("y1",), tuple(full)),
                "V": Matrix(sr.V.copy(), tuple(full), tuple(full)),
                "beta": Matrix(ce_coef.T.ravel()[None, :].copy(), ("beta",), beta_names),
                "V_beta": Matrix(V_beta, beta_names, beta_names),
                "betavec": Matrix(co.beta.T.ravel()[None, :].copy(), ("betavec",),
                                  tuple(f"{c}:{r}" for c in cenames for r in data.z1_names)),
                "alpha": Matrix(co.alpha.ravel()[None, :].copy(), ("alpha",), alpha_names),
                "V_alpha": Matrix(co.V_alpha.copy(), alpha_names, alpha_names),
                "pi": Matrix(pi.ravel()[None, :].copy(), ("pi",), pi_names),
                "V_pi": Matrix(V_pi, pi_names, pi_names),
                "omega": Matrix(co.omega.copy(), diff_rows, diff_rows)}
    model = VecModel(tuple(data.endog), p, trend, tuple(ce_rows), ce_coef, sr.resid.copy(), data.tmin, data.delta,
                     data.tvar)
    e = EstimationResults(cmd="vec", scalars=scalars, macros=macros, matrices=matrices, model=model,
                          sample=data.sample.copy(), title="Vector error-correction model")
    e.stamp_sample(session.data)
    return e


def diff_name(y: str) -> str:
    """D applied to ``y`` in Stata's spelling: y -> D.y, L.y -> DL.y."""
    from mlmcli.time_series_ops import canonical_operator

    head, _, var = y.rpartition(".")
    return f"{canonical_operator('D' + head)}.{var}"


def _lag1(name: str) -> str:
    from mlmcli.commands.estimation.vector_autoregression import lag_name

    return lag_name(name, 1)


def show_vec(session, e, opts) -> None:
    from mlmcli.commands.estimation.common import table_options_with_notes
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.postest.coefficient_rows import rows_by_equation
    from mlmcli.render.vec_model import render_vec_header, render_vec_test_table
    from mlmcli.render.var_model import render_var_table
    from mlmcli.results.var_model import VarEquationLine, VarResult
    from mlmcli.syntax.options import confidence_level
    from mlmcli.time_series.var_model import wald

    level = confidence_level(opts, getattr(session, "level", 95.0))
    table = table_options_with_notes(session, opts)
    s, m = e.scalars, e.macros
    eqnames = m["eqnames"].split()
    lines = [VarEquationLine(name, s[f"k_{i}"], s[f"rmse_{i}"], s[f"r2_{i}"], s[f"chi2_{i}"],
                             float(chi2_dist.sf(s[f"chi2_{i}"], s[f"df_m{i}"])))
             for i, name in enumerate(eqnames, start=1)]

    def blocks_of(key, vkey):
        b, V = e.matrices[key].values.ravel(), e.matrices[vkey].values
        blocks = rows_by_equation(e.matrices[key].colnames, b, V, level=level)
        out = []
        for eq, rows in blocks:  # a coefficient with no variance (normalized, or _cons in beta): dots
            import dataclasses

            out.append((eq, tuple(dataclasses.replace(r, se=float("nan")) if r.se == 0 else r for r in rows)))
        return tuple(out)  # rows_by_equation already heads LD.y as y / LD.

    sample = _sample(e)
    header = VarResult(sample, s["N"], s["ll"], float("nan"), s["detsig_ml"], s["aic"], s["hqic"], s["sbic"], False,
                       False, tuple(lines), (), level)
    out = [render_vec_header(header, show_equations=not opts.get("noetable"))]
    if not opts.get("noetable"):
        out.append("")
        out.append(render_var_table(VarResult(sample, 0, 0, 0, 0, 0, 0, 0, False, False, (), blocks_of("b", "V"), level),
                                    linesize=session.linesize, options=table))
    shown = ([] if opts.get("nobtable") else ["beta"]) + (["alpha"] if opts.get("alpha") else []) \
        + (["pi"] if opts.get("pi") and not opts.get("noptable") else [])
    rank = int(s["k_ce"])
    endog = m["endog"].split()
    for key in shown:
        b, V = e.matrices[key].values.ravel(), e.matrices[f"V_{key}"].values
        names = list(e.matrices[key].colnames)
        tests = []
        if key == "beta":
            for j in range(1, rank + 1):
                idx = [names.index(f"_ce{j}:{y}") for y in endog]
                chi2, df = wald(b, V, idx)
                tests.append((f"_ce{j}", df, chi2, float(chi2_dist.sf(chi2, df))))
        else:
            for eq in eqnames:
                idx = [i for i, n in enumerate(names) if n.split(":")[0] == eq]
                chi2, df = wald(b, V, idx)
                tests.append((eq, df, chi2, float(chi2_dist.sf(chi2, df))))
        title = {"beta": "Cointegrating equations", "alpha": "Adjustment parameters", "pi": "Impact parameters"}[key]
        out.append("")
        out.append(title)
        out.append(render_vec_test_table(tests))
        if key == "beta":
            out.append("")
            out.append("Identification:  beta is exactly identified")
            out.append("")
            out.append(" " * 17 + f"Johansen normalization restriction{'s' if rank > 1 else ''} imposed")
        rows = VarResult(sample, 0, 0, 0, 0, 0, 0, 0, False, False, (), blocks_of(key, f"V_{key}"), level)
        from mlmcli.render.coef_table import render_coef_table

        opts_t = table
        blocks = [(eq, opts_t.rows(r)) for eq, r in rows.blocks]
        out.append(render_coef_table(None, "Pi" if key == "pi" else key, stat_label="z", level=level,
                                     linesize=session.linesize, equations=blocks,
                                     legend_eqs=[eq for eq, _ in blocks], **opts_t.table_kwargs()))
    session.print("\n".join(out))


def _sample(e) -> str:
    from mlmcli.render.numfmt import format_number

    fmt = e.macros.get("tsfmt") or "%9.0g"
    return f"{format_number(e.scalars['tmin'], fmt).strip()} - {format_number(e.scalars['tmax'], fmt).strip()}"

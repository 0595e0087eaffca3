"""xtabond2's e() and its printed result (see ``mlmcli.commands.estimation.xtabond2``)."""
from __future__ import annotations

import re

import numpy as np

GMM_HEADING = "GMM-type (missing=0, separate instruments for each period unless collapsed)"


def _group_text(prefix: str, names: list[str]) -> str:
    return f"{prefix}{names[0]}" if len(names) == 1 else f"{prefix}({' '.join(names)})"


def instrument_lists(model):
    """(heading, lines) per equation, as xtabond2 lists them: the options in reverse order,
    Standard before GMM-type, _cons last (published logs)."""
    diff_std, diff_gmm, lev_std, lev_gmm = [], [], [], []
    transform = "FOD." if model.orthogonal else "D."
    for iv in reversed(model.ivs):
        if iv.equation in ("diff", "both"):
            diff_std.append(" ".join(iv.names) if iv.passthru else _group_text(transform, iv.names))
        if model.system and iv.equation in ("level", "both"):
            lev_std.append(" ".join(iv.names))
    for g in reversed(model.gmms):
        tail = " collapsed" if g.collapse else ""
        if g.equation in ("diff", "both"):
            last = "." if g.last is None else g.last
            prefix = f"L{g.first}." if g.first == g.last else f"L({g.first}/{last})."  # a log's L4.L4.x
            diff_gmm.append(_group_text(prefix, g.names) + tail)
        if model.system and g.equation in ("level", "both"):
            if g.equation == "level":  # every lag a..b, as the difference equation's list reads
                prefix = f"DL({g.first}/{'.' if g.last is None else g.last})."
            else:
                lag = max(g.first - 1, 0)
                prefix = "D." if lag == 0 else ("DL." if lag == 1 else f"DL{lag}.")
            lev_gmm.append(_group_text(prefix, g.names) + tail)
    if model.constant:
        lev_std.append("_cons")

    def sections(std, gmm):
        out = []
        if std:
            out.append(("Standard", tuple(std)))
        if gmm:
            out.append((GMM_HEADING, tuple(gmm)))
        return tuple(out)

    return sections(diff_std, diff_gmm), sections(lev_std, lev_gmm)


def post_results(session, cmd, model, fit, *, twostep: bool, robust: bool, small: bool):
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.distributions import norm
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    names = tuple(model.names)
    # The model test: Stata 18's xtabond2 (tests/dynamic_panel_reference/xtabond2_stata18.json)
    # reports b'V^-1 b over every coefficient, the constant included, on k - 1 degrees of
    # freedom (the 2009 paper's version left the constant out of the quadratic form too)
    df_m = len([n for n in names if n != "_cons"])
    chi2 = float(fit.b @ np.linalg.pinv(fit.V) @ fit.b) if df_m else float("nan")
    sizes = np.bincount(model.problem.panel[model.counted])
    sizes = sizes[sizes > 0]
    G = len(sizes)
    scalars = {"N": float(model.counted.sum()), "N_g": float(G), "g_min": float(sizes.min()),
               "g_max": float(sizes.max()), "g_avg": float(sizes.mean()), "j": float(fit.n_instruments),
               "df_m": float(df_m), "sig2": fit.sig2, "sargan": fit.sargan, "sar_df": float(fit.df_overid),
               "sarganp": float(chi2_dist.sf(fit.sargan, fit.df_overid)), "artests": float(len(fit.arm))}
    if small:
        scalars["df_r"] = float(G - (1 if model.constant else 0))
        scalars["F"] = chi2 / df_m if df_m else float("nan")
        scalars["F_p"] = _f_sf(scalars["F"], df_m, scalars["df_r"])
    else:
        scalars["chi2"] = chi2
        scalars["chi2p"] = float(chi2_dist.sf(chi2, df_m)) if df_m else float("nan")
    if robust or twostep:
        scalars.update(hansen=fit.hansen, hansen_df=float(fit.df_overid),
                       hansenp=float(chi2_dist.sf(fit.hansen, fit.df_overid)))
    for j, z in enumerate(fit.arm, start=1):
        scalars[f"ar{j}"] = z
        scalars[f"ar{j}p"] = float(2 * norm.sf(abs(z)))
    macros = {"cmd": "xtabond2", "cmdline": (cmd.text or "xtabond2").strip(), "depvar": model.depvar,
              "ivar": model.ivar, "tvar": model.tvar, "properties": "b V",
              "transform": "orthogonal deviations" if model.orthogonal else "first differences", "esttype": "system" if model.system else "difference",
              "twostep": "twostep" if twostep else "onestep"}
    if small:
        macros["small"] = "small"
    if robust or twostep:
        if robust:
            macros["vcetype"] = "Corrected" if twostep else "Robust"
    e = EstimationResults(cmd="xtabond2", scalars=scalars, macros=macros,
                          matrices={"b": Matrix(fit.b[None, :], (model.depvar,), names),
                                    "V": Matrix(fit.V, names, names)},
                          sample=np.asarray(model.sample, bool), title="xtabond2")
    diff_lists, level_lists = instrument_lists(model)
    e.result = _result(e, 95.0, diff_lists, level_lists, fit, twostep, robust, model.notes)
    e.stamp_sample(session.data)
    return e


def _f_sf(F, d1, d2) -> float:
    from mlmcli.distributions import f as f_dist

    return float(f_dist.sf(F, d1, d2)) if np.isfinite(F) else float("nan")


def _warnings(fit, twostep, robust) -> tuple[str, ...]:
    if not fit.singular_weight or not (twostep or robust):
        return ()
    if twostep:
        return ("Warning: Two-step estimated covariance matrix of moments is singular.",
                "  Using a generalized inverse to calculate optimal weighting matrix for two-step estimation.",
                "  Difference-in-Sargan/Hansen statistics may be negative.")
    return ("Warning: Two-step estimated covariance matrix of moments is singular.",
            "  Using a generalized inverse to calculate robust weighting matrix for Hansen test.",
            "  Difference-in-Sargan statistics may be negative.")


def _result(e, level, diff_lists, level_lists, fit, twostep, robust, notes):
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.results.xtabond2 import Xtabond2Result

    s, m = e.scalars, e.macros
    small = bool(m.get("small"))
    kind = "system" if m["esttype"] == "system" else "difference"
    steps = "two-step" if m["twostep"] == "twostep" else "one-step"
    hansen = None
    if "hansen" in s:
        hansen = (int(s["hansen_df"]), s["hansen"], float(chi2_dist.sf(s["hansen"], s["hansen_df"])))
    ar = tuple((j, s[f"ar{j}"], s[f"ar{j}p"]) for j in range(1, int(s["artests"]) + 1))
    subsets = tuple((x.label, x.df_excl, x.chi2_excl, float(chi2_dist.sf(x.chi2_excl, x.df_excl)), x.df_diff,
                     x.chi2_diff, float(chi2_dist.sf(x.chi2_diff, x.df_diff))) for x in fit.subsets) \
        if (robust or twostep) else ()
    return Xtabond2Result(
        title=f"Dynamic panel-data estimation, {steps} {kind} GMM", depvar=m["depvar"], ivar=m["ivar"],
        tvar=m["tvar"], nobs=int(s["N"]), n_groups=int(s["N_g"]), g_min=int(s["g_min"]), g_avg=s["g_avg"],
        g_max=int(s["g_max"]), n_instruments=int(s["j"]), small=small, df_m=int(s["df_m"]),
        df_r=int(s.get("df_r", 0)), model_stat=s["F"] if small else s["chi2"],
        model_p=s["F_p"] if small else s["chi2p"], rows=coefficient_rows(e, level), vcetype=m.get("vcetype"),
        level=level, diff_lists=diff_lists, level_lists=level_lists, ar=ar,
        sargan=(int(s["sar_df"]), s["sargan"], s["sarganp"]), hansen=hansen, subsets=subsets,
        warnings=_warnings(fit, twostep, robust), notes=tuple(notes),
        orthogonal=m["transform"] == "orthogonal deviations")


def coefficient_rows(e, level):
    from mlmcli.postest.coefficient_rows import normal_or_t
    from mlmcli.results.mixed import CoefRow
    from mlmcli.time_series_ops import operated_heading

    names = list(e.matrices["b"].colnames)
    b = e.matrices["b"].values.ravel()
    with np.errstate(invalid="ignore"):
        se = np.sqrt(np.diag(e.matrices["V"].values))
    df = e.scalars.get("df_r") if e.macros.get("small") else None
    stat, p, lo, hi = normal_or_t(b, se, level, df)
    rows = []
    for j, name in enumerate(names):
        term, lev = operated_heading(name) or (None, None)
        fv = re.fullmatch(r"(\d+)b?\.(\w+)", name)
        if fv:
            term, lev = fv.group(2), fv.group(1)
        rows.append(CoefRow(name, float(b[j]), float(se[j]), float(stat[j]), float(p[j]), float(lo[j]),
                            float(hi[j]), term=term, level=lev))
    return tuple(rows)


def result_of(e, level: float, fresh: bool = False):
    """The printed result at confidence ``level`` (e.result holds the lists for replays)."""
    import dataclasses

    r = dataclasses.replace(e.result, rows=coefficient_rows(e, level), level=level)
    return r if fresh else dataclasses.replace(r, warnings=(), notes=())

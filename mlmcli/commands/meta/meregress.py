"""``meta meregress depvar [moderators] || levelvar: [|| levelvar:] [if] [in], essevariable(varname)
[options]`` (Stata 17's multilevel meta-regression, [META] meta meregress): the effect sizes in
depvar with their standard errors in essevariable() (the data need not be meta set), random
intercepts at each level (outermost first), REML (default) or ML.  Random slopes and covariance
structures are refused.  Posts e() (e(cmd) ``meta meregress``): predict xb and stdp, and
``estat heterogeneity`` (the multilevel I2 of each level).  Numbers in ``mlmcli.meta.multilevel``,
checked against metafor's rma.mv."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

_SPECS = [OptionSpec("essevariable", 6, True), OptionSpec("reml", 4), OptionSpec("mle", 3),
          OptionSpec("level", 1, True), OptionSpec("noconstant", 6), OptionSpec("nolog", 5), OptionSpec("log", 3),
          OptionSpec("noheader", 8), OptionSpec("nogroup", 7), OptionSpec("variance", 3),
          OptionSpec("stddeviations", 3)]


def cmd_meregress(session, cmd, words: list[str]) -> None:
    opts = resolve_options(cmd.options, _SPECS)
    e = _fit(session, cmd, " ".join(words), opts)
    session.e = e
    _display(session, e, opts)


def _levels(text: str) -> tuple[str, list[str]]:
    parts = [p.strip() for p in text.split("||")]
    fixed, levels = parts[0], []
    for part in parts[1:]:
        if ":" not in part:
            raise StataError("invalid random-effects specification", 198)
        name, rest = part.split(":", 1)
        if rest.strip() or "," in name:
            raise StataError("meta meregress: random slopes and random-effects options are not implemented in "
                             "mlm; random intercepts only (|| levelvar:)", 198)
        levels.append(name.strip())
    if not levels:
        raise StataError("random-effects equation required; specify || levelvar:", 198)
    return fixed, levels


def _fit(session, cmd, text, opts):
    import pandas as pd

    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_terms import parse_terms
    from mlmcli.factor_variables import build_design
    from mlmcli.meta.multilevel import fit_multilevel
    from mlmcli.robust.fit import RobustLinearFit
    from mlmcli.sample import mark_sample

    if "essevariable" not in opts:
        raise StataError("option essevariable() required", 198)
    if "reml" in opts and "mle" in opts:
        raise StataError("only one of reml or mle is allowed", 198)
    ds = session.data
    fixed, levels = _levels(text)
    names = fixed.split()
    if not names:
        raise StataError("varlist required", 100)
    depvar = ds.expand_varlist(names[0])[0]
    sevar = ds.expand_varlist(opts["essevariable"])
    if len(sevar) != 1:
        raise StataError("option essevariable() invalid", 198)
    level_vars = [ds.expand_varlist(v)[0] for v in levels]
    mask = mark_sample(session, cmd, [depvar, sevar[0]] + [v for v in level_vars if not ds.is_string(v)])
    for v in level_vars:
        if ds.is_string(v):
            mask &= ds.df[v].astype(str).to_numpy() != ""
    se = ds.numeric(sevar[0])
    if np.any(se[mask] <= 0):
        raise StataError(f"variable {sevar[0]} must be positive", 411)
    constant = "noconstant" not in opts
    terms = parse_terms(ds, " ".join(names[1:])) if len(names) > 1 else []
    design = build_design(ds, terms, mask, constant=constant)
    X = np.asarray(design.X, float)
    if X.shape[1] == 0:
        raise StataError("no moderators and noconstant: nothing to estimate", 102)
    rows = np.flatnonzero(mask)
    y = ds.numeric(depvar)[rows]
    v = se[rows] ** 2
    groups, counts = [], []
    path = None
    for name in level_vars:
        col = ds.df[name].iloc[rows].astype(str).to_numpy()
        path = col if path is None else np.char.add(np.char.add(path.astype(str), "\x00"), col)
        codes, uniques = pd.factorize(pd.Series(path), sort=True)
        groups.append(codes)
        sizes = np.bincount(codes)
        counts.append((name, len(uniques), int(sizes.min()), float(sizes.mean()), int(sizes.max())))
    if len(rows) <= X.shape[1]:
        raise StataError("insufficient observations", 2001)
    fit = fit_multilevel(y, v, X, groups, reml="mle" not in opts)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    model = RobustLinearFit(coef_labels=tuple(design.labels), b=fit.b, V=fit.V, df_r=float("nan"), level=level,
                            engine_fit=fit)
    b_mat, V_mat = model.e_matrices()
    cols = list(design.column_names)
    slopes = [j for j, n in enumerate(cols) if n != "_cons"]
    from mlmcli.distributions import chi2
    chi = float(fit.b[slopes] @ np.linalg.solve(fit.V[np.ix_(slopes, slopes)], fit.b[slopes])) if slopes \
        else float("nan")
    K, p = X.shape
    scalars = {"N": float(K), "k_f": float(p), "k_r": float(len(level_vars)), "ll": fit.ll, "chi2": chi,
               "df_m": float(len(slopes)), "p": float(chi2.sf(chi, len(slopes))) if slopes else float("nan"),
               "Q_M": fit.Q, "df_Q_M": float(K - p), "p_Q_M": float(chi2.sf(fit.Q, K - p)),
               "converged": float(fit.converged), "level": level}
    for i, sd in enumerate(fit.sd, 1):
        scalars[f"sd_{i}"] = float(sd)
    macros = {"cmd": "meta meregress", "cmdline": (cmd.text or "").strip(), "depvar": depvar,
              "indepvars": " ".join(names[1:]), "ivars": " ".join(level_vars), "seesvar": sevar[0],
              "method": "ml" if "mle" in opts else "reml", "predict": "meta_me_p", "properties": "b V",
              "title": f"Multilevel {'ML' if 'mle' in opts else 'REML'} meta-analysis"
              if not slopes else f"Multilevel {'ML' if 'mle' in opts else 'REML'} meta-regression"}
    e = EstimationResults(cmd="meta meregress", scalars=scalars, macros=macros, matrices={"b": b_mat, "V": V_mat},
                          model=model, sample=mask.copy(), title=macros["title"], design=design)
    e.group_counts = counts
    e.sd_se = fit.sd_se
    e.typical_variance = _typical_variance(v, X)
    e.stamp_sample(ds)
    return e


def _typical_variance(v, X) -> float:
    from mlmcli.meta.regression import residual_typical_variance

    return residual_typical_variance(v, X)


def _display(session, e, opts) -> None:
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.render.coef_table import render_coef_table
    from mlmcli.render.meta_multilevel import render_multilevel
    from mlmcli.results.meta import MultilevelTable

    level = confidence_level(opts, e.scalars["level"])
    idx = [j for j, lab in enumerate(e.design.labels) if not (lab.base or lab.omitted)]
    b = e.matrices["b"].values.ravel()[idx]
    V = e.matrices["V"].values[np.ix_(idx, idx)]
    rows = rows_from_estimates(e.design.labels, b, V, level, None)
    table = render_coef_table(rows, e.macros["depvar"], stat_label="z", level=level, linesize=session.linesize)
    s = e.scalars
    sds = [s[f"sd_{i}"] for i in range(1, int(s["k_r"]) + 1)]
    params = tuple(_parameter(name, sd, float(se), level, "variance" in opts)
                   for (name, *_), sd, se in zip(e.group_counts, sds, e.sd_se))
    t = MultilevelTable(title=e.macros["title"], N=int(s["N"]), groups=tuple(e.group_counts), ll=s["ll"],
                        reml=e.macros["method"] == "reml", chi2=s["chi2"], df_m=int(s["df_m"]), p=s["p"],
                        Q=s["Q_M"], Q_df=int(s["df_Q_M"]), Q_p=s["p_Q_M"], level=level, parameters=params,
                        coefficients=table, show_groups="nogroup" not in opts, show_header="noheader" not in opts)
    session.print("\n" + render_multilevel(t))


def _parameter(name: str, sd: float, se: float, level: float, variance: bool) -> tuple:
    """(level, label, estimate, se, lo, hi): the sd (or variance) with its delta-method standard
    error and the interval computed on the log scale."""
    import math

    from mlmcli.distributions import norm

    est, est_se, label = (sd * sd, 2 * sd * se, "var(_cons)") if variance else (sd, se, "sd(_cons)")
    if est > 0 and math.isfinite(est_se):
        half = float(norm.isf((100 - level) / 200)) * est_se / est
        lo, hi = est * math.exp(-half), est * math.exp(half)
    else:
        lo = hi = float("nan")
    return name, label, est, est_se, lo, hi


def estat_heterogeneity(session, cmd) -> None:
    """Stata 17's estat heterogeneity after meta meregress: Higgins and Thompson's I2 of each level,
    tau2_l / (sum tau2 + s2), and of all levels together, with H2 = (sum tau2 + s2)/s2."""
    from mlmcli.render.meta_multilevel import render_multilevel_heterogeneity

    e = session.e
    if cmd.if_exp or cmd.in_range or cmd.options or len(cmd.args.split()) > 1:
        raise StataError("invalid syntax", 198)
    tau2 = [e.scalars[f"sd_{i}"] ** 2 for i in range(1, int(e.scalars["k_r"]) + 1)]
    s2 = e.typical_variance
    total = sum(tau2) + s2
    levels = e.macros["ivars"].split()
    I2 = [100 * t / total for t in tau2]
    session.print("\n" + render_multilevel_heterogeneity(levels, I2, 100 * sum(tau2) / total, total / s2))
    r = {f"I2_{name}": value for name, value in zip(levels, I2)}
    r["I2"] = 100 * sum(tau2) / total
    r["H2"] = total / s2
    session.set_r(r)

"""svy's results after an me command shown again (``svy``, ``svy: melogit``, ``estimates
replay``) under the display options typed (svy.ado's Display -> _prefix_display: level(),
noheader, notable, the command's eform option -- ``or``, ``irr`` --, and _get_diopts' own):
the survey header from e()'s design counts, then the command's table (survey_me.py), its
intervals recomputed at level() with the t quantile on e(df_r) (design_result, which the fit
uses too).  Kept apart from survey_me so that survey_replay (imported by the single-level
commands) and melogit's replay reach only the table's modules (me_display, me_syntax)."""
from __future__ import annotations

import dataclasses

import numpy as np


def replay_me(session, e, options=()) -> None:
    from mlmcli import distributions as stats
    from mlmcli.commands.estimation.me_display import display
    from mlmcli.commands.estimation.me_syntax import DISPLAY_OPTIONS, global_options
    from mlmcli.errors import StataError
    from mlmcli.render.survey import render_header
    from mlmcli.results.survey import SurveyHeader
    from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

    name = e.macros.get("cmdname") or e.cmd
    opts = resolve_options(options, global_options(name) + [OptionSpec("nolegend", 5)])
    bad = [k for k in opts if k not in DISPLAY_OPTIONS + ("nolegend",)]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    result = e.result
    level = confidence_level(opts, result.level)
    if level != result.level:
        result = _at_level(e, result, level)
    if not opts.get("noheader"):
        sc = e.scalars
        kw = {}
        if "N_sub" in sc:
            kw.update(subpop_obs=int(sc["N_sub"]), subpop_size=float(sc["N_subpop"]))
        if "F" in sc:
            d, k = float(sc["df_r"]), float(sc["df_m"])
            kw.update(F=sc["F"], df1=k, df2=d - k + 1, p_F=float(stats.f.sf(sc["F"], k, d - k + 1)))
        header = SurveyHeader(title=e.title, n_strata=int(sc["N_strata"]), n_psu=int(sc["N_psu"]),
                              n_obs=int(sc["N"]), population=float(sc["N_pop"]), design_df=int(sc["df_r"]), **kw)
        session.print("\n" + render_header(header))
    if not opts.get("notable"):
        display(session, name, result, dict(opts, noheader=True))


def _at_level(e, result, level: float):
    """The table at another level: the posted fit (its V the linearized one) at ``level``,
    the intervals on the design df as the fit showed them."""
    fit = e.model
    spec = dataclasses.replace(fit.spec, fixed=dataclasses.replace(fit.spec.fixed, level=level))
    return design_result(dataclasses.replace(fit, spec=spec), result, result.title, float(e.scalars["df_r"]))


def design_result(fit, shown, title: str, df: float):
    """The me command's result under the design: ``fit`` carries the linearized V (and the
    level); the fixed rows' t tests and all intervals on the design df; ``shown``'s iteration
    log and notes.  The fit's table (survey_me) and the replay's at another level()."""
    from mlmcli.glm.inference import eform_rows
    from mlmcli.postest.coefficient_rows import rows_from_estimates

    res = fit.result()
    p = fit.model.p
    # a coefficient constraints() fix keeps its "(constrained)" (fit.result()'s rows carry it)
    fixed = tuple(fit.marked(r) for r in rows_from_estimates(fit.labels, fit.beta, np.asarray(fit.V)[:p, :p],
                                                             res.level, df=df))
    res = _intervals_on_design_df(res, df)
    return dataclasses.replace(res, fixed=fixed, fixed_eform=eform_rows(fixed), vce="linearized",
                               vce_label="Linearized", iteration_log=shown.iteration_log, notes=shown.notes,
                               lr_test=None, title=title, cluster_var=None, n_clusters=None)


def _intervals_on_design_df(res, df: float):
    """The ancillary and random-effects rows' intervals with the t quantile on the design df in
    place of the normal one, in each row's own metric (log for var/sd, atanh for corr)."""
    from mlmcli import distributions as stats

    a = 0.5 + res.level / 200.0
    ratio = float(stats.t.ppf(a, df) / stats.norm.ppf(a)) if df > 0 else float("nan")

    def widened(row, est, lo, hi, label):
        if label.startswith(("var(", "sd(")) and est > 0:
            g, ginv = np.log, np.exp
        elif label.startswith("corr(") and abs(est) < 1:
            g, ginv = np.arctanh, np.tanh
        else:
            g, ginv = (lambda v: v), (lambda v: v)
        with np.errstate(all="ignore"):
            c = g(est)
            return dataclasses.replace(row, ci_lo=float(ginv(c - ratio * (c - g(lo)))),
                                       ci_hi=float(ginv(c + ratio * (g(hi) - c))))

    ancillary = tuple(widened(r, r.coef, r.ci_lo, r.ci_hi, "") for r in res.ancillary)
    random = {key: tuple(dataclasses.replace(block, rows=tuple(widened(r, r.estimate, r.ci_lo, r.ci_hi, r.label)
                                                               for r in block.rows)) for block in blocks)
              for key, blocks in res.random.items()}
    residual = res.residual
    if residual is not None:
        residual = widened(residual, residual.estimate, residual.ci_lo, residual.ci_hi, residual.label)
    return dataclasses.replace(res, ancillary=ancillary, random=random, residual=residual)

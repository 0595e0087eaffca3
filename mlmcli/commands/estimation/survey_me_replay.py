"""svy's results after an me command shown again (``svy``, ``svy: melogit``, ``estimates
replay``) under the display options typed (svy.ado's Display -> _prefix_display: level(),
noheader, notable, the command's eform option -- ``or``, ``irr`` --, and _get_diopts' own):
the survey header from e()'s design counts, then the command's table (survey_me.py), its
intervals recomputed at level() with the t quantile on e(df_r).  Kept apart from survey_me
so that survey_replay (imported by the single-level commands) does not reach the me
commands' modules."""
from __future__ import annotations

import dataclasses


def replay_me(session, e, options=()) -> None:
    from mlmcli import distributions as stats
    from mlmcli.commands.estimation.me import display
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
    from mlmcli.commands.estimation.survey_me import design_result

    fit = e.model
    spec = dataclasses.replace(fit.spec, fixed=dataclasses.replace(fit.spec.fixed, level=level))
    return design_result(dataclasses.replace(fit, spec=spec), result, result.title, float(e.scalars["df_r"]))

"""svy's results after an me command shown again (``svy`` alone, ``svy: melogit``, ``estimates
replay``): the survey header from e()'s design counts, then the command's table as posted
(survey_me.py).  Kept apart from survey_me so that survey_replay (imported by the single-level
commands) does not reach the me commands' modules."""
from __future__ import annotations


def replay_me(session, e, options=()) -> None:
    from mlmcli import distributions as stats
    from mlmcli.render.glmm_display import render_glmm
    from mlmcli.render.survey import render_header
    from mlmcli.results.survey import SurveyHeader
    from mlmcli.syntax.options import resolve_options

    resolve_options(options, [])  # no display option is taken here
    sc = e.scalars
    kw = {}
    if "N_sub" in sc:
        kw.update(subpop_obs=int(sc["N_sub"]), subpop_size=float(sc["N_subpop"]))
    if "F" in sc:
        d, k = float(sc["df_r"]), float(sc["df_m"])
        kw.update(F=sc["F"], df1=k, df2=d - k + 1, p_F=float(stats.f.sf(sc["F"], k, d - k + 1)))
    header = SurveyHeader(title=e.title, n_strata=int(sc["N_strata"]), n_psu=int(sc["N_psu"]), n_obs=int(sc["N"]),
                          population=float(sc["N_pop"]), design_df=int(sc["df_r"]), **kw)
    session.print("\n" + render_header(header))
    session.print(render_glmm(e.result, linesize=session.linesize, noheader=True))

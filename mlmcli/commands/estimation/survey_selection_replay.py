"""svy: heckprob's table (heckprob's equations, /athrho and rho with t on the design df under
svy's header) and its replay (``svy``, ``heckprob``, ``estimates replay``); the fit is
``survey_selection``'s."""
from __future__ import annotations

import dataclasses

import numpy as np


def svy_result(result, level: float, df: float, header):
    """heckprob's table with t on the design df (each row's t, P and interval from its
    estimate and design SE; rho's interval tanh of athrho's) and svy's header beside it."""
    from mlmcli.postest.coefficient_rows import normal_or_t

    df = float(df) if df > 0 else None

    def with_t(row):
        if row.base or row.omitted or not np.isfinite(row.se):
            return row
        t, p, lo, hi = normal_or_t(np.array([row.coef]), np.array([row.se]), level, df)
        return dataclasses.replace(row, stat=float(t[0]), p=float(p[0]), ci_lo=float(lo[0]), ci_hi=float(hi[0]))

    equations = tuple((eq, tuple(with_t(r) for r in rows)) for eq, rows in result.equations)
    (athrho,) = [with_t(r) for r in result.ancillary]
    (rho,) = result.natural
    rho = dataclasses.replace(rho, ci_lo=float(np.tanh(athrho.ci_lo)), ci_hi=float(np.tanh(athrho.ci_hi)))
    return dataclasses.replace(result, equations=equations, ancillary=(athrho,), natural=(rho,), stat_label="t",
                               vce_label="Linearized", pseudo=True, cluster=None, independence=None,
                               survey_header=header, level=level)


def replay(session, e, options=()) -> None:
    """``svy``, ``heckprob`` or ``estimates replay`` after svy: heckprob: its output again, at
    level() when typed, under heckprob's display options."""
    from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
    from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

    opts = resolve_options(options, [OptionSpec("level", 1, takes_arg=True), *display_option_specs()])
    result = e.result
    if opts.get("level") is not None:
        result = svy_result(result, confidence_level(opts, result.level), e.scalars["df_r"], result.survey_header)
    session.print(render(dataclasses.replace(e, result=result), session.linesize,
                         table_options_with_notes(session, opts)))


def render(e, linesize: int, options=None, header: bool = True, table: bool = True) -> str:
    from mlmcli.render.selection import render_table
    from mlmcli.render.survey import render_header

    out = [""]
    if header:
        out += [render_header(e.result.survey_header), ""]
    if table:
        out.append(render_table(e.result, linesize=linesize, options=options))
    return "\n".join(out).rstrip("\n")

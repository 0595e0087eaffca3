"""svy: heckprob's and svy: heckman's table (the equations, /athrho (/lnsigma) and rho (sigma,
lambda) with t on the design df under svy's header) and its replay (``svy``, the command alone,
``estimates replay``); the fit is ``survey_selection``'s."""
from __future__ import annotations

import dataclasses

import numpy as np


def svy_result(result, level: float, df: float, header, b, V):
    """The command's table with t on the design df: each row's t, P and interval from its
    estimate and design SE; heckprob's rho interval tanh of athrho's, heckman's rho, sigma and
    lambda from e(b) and e(V) (``heckman_results.natural_rows`` on the t quantile); svy's
    header beside it."""
    from mlmcli.commands.estimation.heckman_results import natural_rows
    from mlmcli.postest.coefficient_rows import normal_or_t

    df = float(df) if df > 0 else None

    def with_t(row):
        if row.base or row.omitted or not np.isfinite(row.se):
            return row
        t, p, lo, hi = normal_or_t(np.array([row.coef]), np.array([row.se]), level, df)
        return dataclasses.replace(row, stat=float(t[0]), p=float(p[0]), ci_lo=float(lo[0]), ci_hi=float(hi[0]))

    equations = tuple((eq, tuple(with_t(r) for r in rows)) for eq, rows in result.equations)
    ancillary = tuple(with_t(r) for r in result.ancillary)
    if len(ancillary) == 1:  # heckprob: /athrho and rho
        (rho,) = result.natural
        natural = (dataclasses.replace(rho, ci_lo=float(np.tanh(ancillary[0].ci_lo)),
                                       ci_hi=float(np.tanh(ancillary[0].ci_hi))),)
    else:  # heckman: /athrho, /lnsigma; rho, sigma, lambda
        natural = natural_rows(np.asarray(b, float), np.asarray(V, float), level, df)
    return dataclasses.replace(result, equations=equations, ancillary=ancillary, natural=natural, stat_label="t",
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
        result = svy_result(result, confidence_level(opts, result.level), e.scalars["df_r"], result.survey_header,
                            e.matrices["b"].values.ravel(), e.matrices["V"].values)
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

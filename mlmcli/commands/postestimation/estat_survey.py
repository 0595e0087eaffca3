"""``estat effects`` and ``estat svyset`` after svy ([SVY] estat).

estat effects: the design effects of each estimate, DEFF = V / V_srs and DEFT = sqrt(V /
V_srswr) from the e(V_srs) (and, with an fpc, e(V_srswr)) svy stored (survey/inference.py's
srs_variances); srssubpop: e(V_srssub) (SRS within the subpopulation, stored under subpop());
r(deff) and r(deft).  meff and meft are refused."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.syntax.options import OptionSpec, resolve_options


def _svy_results(session):
    e = active(session)
    if e.macros.get("prefix") != "svy":
        raise StataError("requested action not valid after most recent estimation command", 321)
    return e


def estat_effects(session, cmd) -> None:
    from mlmcli.commands.postestimation.estat import no_arguments
    from mlmcli.render.survey import render_effects
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.survey import DesignEffects
    from mlmcli.syntax.coefnames import is_base_or_omitted, split_eq

    e = _svy_results(session)
    no_arguments(cmd)
    if e.cmd == "tabulate":  # its layout after svy: tabulate was not seen
        raise StataError("estat effects after svy: tabulate is not supported by mlmcli; use svy: tabulate's deff "
                         "and deft options", 198)
    if e.cmd == "mlogit":  # one block an outcome: that layout was not seen (an internal error before)
        raise StataError("estat effects after svy: mlogit is not supported by mlmcli", 198)
    opts = resolve_options(cmd.options, [OptionSpec("deff"), OptionSpec("deft"), OptionSpec("srssubpop", 3),
                                         OptionSpec("meff"), OptionSpec("meft")])
    for refused in ("meff", "meft"):
        if opts.get(refused):
            raise StataError(f"estat effects option {refused} is not supported by mlmcli", 198)
    sub = "sub" if opts.get("srssubpop") else ""
    if sub and "V_srssub" not in e.matrices:
        raise StataError("option srssubpop requires subpopulation estimation results", 198)
    show_deff = bool(opts.get("deff")) or not opts.get("deft")
    show_deft = bool(opts.get("deft")) or not opts.get("deff")
    coefs = e.coefficients()
    V_srs = np.asarray(e.matrices[f"V_srs{sub}"].values, float)
    wr = e.matrices.get(f"V_srs{sub}wr")
    V_srswr = V_srs if wr is None else np.asarray(wr.values, float)
    depvar = e.macros.get("depvar", "")
    rows, names = [], []
    for j, full in enumerate(coefs.names):
        eq, name = split_eq(full)
        if is_base_or_omitted(name):
            continue
        label = name if eq in (None, "", depvar) or e.cmd in ("proportion",) else f"/{eq}"
        v = coefs.V[j, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            deff = v / V_srs[j, j] if V_srs[j, j] > 0 else np.nan
            deft = np.sqrt(v / V_srswr[j, j]) if V_srswr[j, j] > 0 else np.nan
        rows.append((label, float(coefs.b[j]), float(np.sqrt(v)) if v >= 0 else np.nan, float(deff), float(deft)))
        names.append(full)
    result = e.result
    column = result.column if result.rows else "Coef."
    effects = DesignEffects(rows=tuple(rows), column=column, depvar=depvar if not result.rows else "",
                            deff=show_deff, deft=show_deft, fpc=wr is not None)
    session.print(render_effects(effects, session.linesize))
    cols = tuple(names)
    r = {}
    if show_deff:
        r["deff"] = Matrix(np.array([[row[3] for row in rows]]), ("r1",), cols)
    if show_deft:
        r["deft"] = Matrix(np.array([[row[4] for row in rows]]), ("r1",), cols)
    session.set_r(r)


def estat_svyset(session, cmd) -> None:
    """The design of the svy results (svyset's display, from e())."""
    from mlmcli.commands.postestimation.estat import no_arguments
    from mlmcli.render.survey import render_settings
    from mlmcli.results.survey import Stage, SurveySettings

    e = _svy_results(session)
    no_arguments(cmd)
    resolve_options(cmd.options, [])
    m = e.macros
    stage = Stage(su=m.get("su1") or "_n", strata=m.get("strata1") or None, fpc=m.get("fpc1") or None)
    settings = SurveySettings(wtype=m.get("wtype"), wvar=m.get("wvar"), vce=m.get("vce", "linearized"),
                              singleunit=m.get("singleunit", "missing"), stages=(stage,))
    session.print(render_settings(settings))

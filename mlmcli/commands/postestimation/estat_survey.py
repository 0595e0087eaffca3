"""``estat effects`` and ``estat svyset`` after svy ([SVY] estat).

estat effects: the design effects of each estimate, DEFF = V / V_srs and DEFT = sqrt(V /
V_srswr) from the e(V_srs) (and, with an fpc, e(V_srswr)) svy stored (survey/inference.py's
srs_variances); srssubpop: e(V_srssub) (SRS within the subpopulation, stored under subpop());
r(deff) and r(deft); meff and meft: the misspecification effects V / V_msp
(commands/estimation/survey_misspecification.py), r(meff) and r(meft)."""
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


def _shown_estimates(e):
    """(index in e(b), full name, row label) of the estimates the table shows (no base or
    omitted rows; an equation other than the depvar labelled /eq)."""
    from mlmcli.syntax.coefnames import is_base_or_omitted, split_eq

    depvar = e.macros.get("depvar", "")
    for j, full in enumerate(e.coefficients().names):
        eq, name = split_eq(full)
        if not is_base_or_omitted(name):
            yield j, full, (name if eq in (None, "", depvar) or e.cmd in _BY_EQUATION else f"/{eq}")


_SUMMARIES = ("mean", "total", "ratio", "proportion")  # is_svysum: equations are variables (over())
_BY_EQUATION = _SUMMARIES + ("mlogit",)  # a block per equation (mlogit's per outcome)


def estat_effects(session, cmd) -> None:
    from mlmcli.commands.postestimation.estat import no_arguments
    from mlmcli.render.survey import render_effects
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.survey import DesignEffects

    e = _svy_results(session)
    no_arguments(cmd)
    if e.cmd == "tabulate":  # its layout after svy: tabulate was not seen
        raise StataError("estat effects after svy: tabulate is not supported by mlmcli; use svy: tabulate's deff "
                         "and deft options", 198)
    if e.cmd in ("mlogit", "heckprob", "heckman"):  # blocks of equations: that layout was not seen (an internal error before)
        raise StataError(f"estat effects after svy: {e.cmd} is not supported by mlmcli", 198)
    opts = resolve_options(cmd.options, [OptionSpec("deff"), OptionSpec("deft"), OptionSpec("srssubpop", 3),
                                         OptionSpec("meff"), OptionSpec("meft")])
    sub = "sub" if opts.get("srssubpop") else ""
    if "V_srs" not in e.matrices:  # svy: mlogit stores no SRS variance (it was an internal error)
        raise StataError(f"estat effects after svy: {e.cmd} is not supported by mlmcli", 198)
    V_msp = None
    if opts.get("meff") or opts.get("meft"):
        from mlmcli.commands.estimation.survey_misspecification import misspecified_variance

        V_msp = misspecified_variance(session, e)
    if sub and "V_srssub" not in e.matrices:
        raise StataError("option srssubpop requires subpopulation estimation results", 198)
    typed = [k for k in ("deff", "deft", "meff", "meft") if opts.get(k)]
    # EffectsOpts: none typed shows DEFF and DEFT; srssubpop alone adds both
    show_deff = bool(opts.get("deff")) or not typed or (bool(sub) and not opts.get("deft") and V_msp is None)
    show_deft = bool(opts.get("deft")) or not typed or (bool(sub) and not opts.get("deff") and V_msp is None)
    coefs = e.coefficients()
    V_srs = np.asarray(e.matrices[f"V_srs{sub}"].values, float)
    wr = e.matrices.get(f"V_srs{sub}wr")
    V_srswr = V_srs if wr is None else np.asarray(wr.values, float)
    depvar = e.macros.get("depvar", "")
    rows, names = [], []
    for j, full, label in _shown_estimates(e):
        v = coefs.V[j, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            deff = v / V_srs[j, j] if V_srs[j, j] > 0 else np.nan
            deft = np.sqrt(v / V_srswr[j, j]) if V_srswr[j, j] > 0 else np.nan
            meff = v / V_msp[j, j] if V_msp is not None and V_msp[j, j] > 0 else np.nan
        rows.append((label, float(coefs.b[j]), float(np.sqrt(v)) if v >= 0 else np.nan, float(deff), float(deft),
                     float(meff), float(np.sqrt(meff))))
        names.append(full)
    result = e.result
    column = result.column if result.rows else "Coef."
    if result.rows:  # mean/total/ratio/proportion: GetColTitles' "Over" with over(), else nothing
        depvar = "Over" if e.macros.get("over") else ""
    effects = DesignEffects(rows=tuple(rows), column=column, depvar=depvar,
                            deff=show_deff, deft=show_deft, fpc=wr is not None,
                            meff=bool(opts.get("meff")), meft=bool(opts.get("meft")),
                            vce_label=e.macros.get("vcetype", "Linearized"),
                            equations=tuple(_equation_of(e, full) for full in names))
    session.print(render_effects(effects, session.linesize))
    cols = tuple(names)
    r = {}
    if show_deff:
        r["deff"] = Matrix(np.array([[row[3] for row in rows]]), ("r1",), cols)
    if show_deft:
        r["deft"] = Matrix(np.array([[row[4] for row in rows]]), ("r1",), cols)
    if V_msp is not None:  # Effects: meft and meff returned together
        r["meft"] = Matrix(np.array([[row[6] for row in rows]]), ("r1",), cols)
        r["meff"] = Matrix(np.array([[row[5] for row in rows]]), ("r1",), cols)
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
    n = int(e.scalars.get("stages", 1) or 1)
    stages = tuple(Stage(su=m.get(f"su{i}") or "_n", strata=m.get(f"strata{i}") or None, fpc=m.get(f"fpc{i}") or None,
                         weight=m.get(f"weight{i}") or None)
                   for i in range(1, max(n, int(e.scalars.get("stages_wt", 0) or 0)) + 1))
    # svyset.ado's GetEclass: the weight from e(wtype) and e(wexp) (w1*w2 with stage weights)
    wvar = m.get("wvar") or (m.get("wexp", "").lstrip("= ").strip() or None)
    settings = SurveySettings(wtype=m.get("wtype"), wvar=wvar, vce=m.get("vce", "linearized"),
                              singleunit=m.get("singleunit", "missing"), stages=stages[:n],
                              weight_only_stages=stages[n:], mse=bool(m.get("mse")),
                              brrweight=tuple(m.get("brrweight", "").split()),
                              fay=e.scalars.get("fay") or None, jkrweight=tuple(m.get("jkrweight", "").split()),
                              sdrweight=tuple(m.get("sdrweight", "").split()), dof=e.scalars.get("dof"))
    session.print(render_settings(settings))


def _equation_of(e, full: str) -> str:
    from mlmcli.syntax.coefnames import split_eq

    return (split_eq(full)[0] or "") if e.cmd in _BY_EQUATION else ""


def _no_tabulate(e, sub: str) -> None:
    if e.cmd == "tabulate":  # svy_estat.ado's NoTab
        raise StataError(f"estat {sub} is not allowed after svy: tabulate", 198)


def _estimate_columns(e, extra: list, columns: tuple, notes: tuple = ()):
    """The EstimateColumns of e()'s shown estimates with ``extra`` values per e(b) column."""
    from mlmcli.results.survey import EstimateColumns

    coefs = e.coefficients()
    summary = e.cmd in _SUMMARIES
    rows, equations = [], []
    for j, full, label in _shown_estimates(e):
        v = coefs.V[j, j]
        rows.append((label, float(coefs.b[j]), float(np.sqrt(v)) if v >= 0 else np.nan,
                     *(float(x[j]) for x in extra)))
        equations.append(_equation_of(e, full))
    result = e.result
    column = getattr(result, "column", "Coef.") if summary else "Coef."
    return EstimateColumns(rows=tuple(rows), columns=columns, column=column,
                           depvar="" if summary else e.macros.get("depvar", ""),
                           over=summary and bool(e.macros.get("over")), equations=tuple(equations),
                           vce_label=e.macros.get("vcetype", "Linearized"), notes=notes)


def estat_cv(session, cmd) -> None:
    """The coefficient of variation of each estimate, 100 SE / |b| (svy_estat.ado's CoefVar);
    r(b), r(se) and r(cv)."""
    from mlmcli.commands.postestimation.estat import no_arguments
    from mlmcli.render.survey_estat import render_estimate_columns
    from mlmcli.results.matrix import Matrix

    e = _svy_results(session)
    no_arguments(cmd)
    _no_tabulate(e, "cv")
    resolve_options(cmd.options, [OptionSpec("nolegend", 5), OptionSpec("verbose", 4)])
    coefs = e.coefficients()
    b = np.asarray(coefs.b, float)
    se = np.sqrt(np.where(np.diag(coefs.V) >= 0, np.diag(coefs.V), np.nan))
    with np.errstate(divide="ignore", invalid="ignore"):
        cv = np.where(b != 0, 100 * se / np.abs(b), np.nan)
    session.print(render_estimate_columns(_estimate_columns(e, [cv], (("CV (%)", 11, "%8.0g"),), _notes(e)),
                                          session.linesize))
    cols = tuple(coefs.names)
    session.set_r({"b": Matrix(b[None, :], ("y1",), cols), "se": Matrix(se[None, :], ("r1",), cols),
                   "cv": Matrix(cv[None, :], ("r1",), cols)})


def estat_size(session, cmd) -> None:
    """Observations and (sub)population sizes of each estimate after svy: mean, total, ratio
    or proportion (svy_estat.ado's Size); r(_N) and r(_N_subp)."""
    from mlmcli.commands.postestimation.estat import no_arguments
    from mlmcli.render.survey_estat import render_estimate_columns
    from mlmcli.results.matrix import Matrix

    e = _svy_results(session)
    _no_tabulate(e, "size")
    if e.cmd not in _SUMMARIES:
        raise StataError(f"estimation results from svy:{e.cmd} are not supported by estat size", 301)
    no_arguments(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("obs", 3), OptionSpec("size", 4), OptionSpec("noheader", 5),
                                         OptionSpec("nolegend", 5), OptionSpec("verbose", 4)])
    show_obs = bool(opts.get("obs")) or not opts.get("size")
    show_size = bool(opts.get("size")) or not opts.get("obs")
    N, N_subp = e.matrices["_N"], e.matrices["_N_subp"]
    extra, columns = [], []
    if show_obs:
        extra.append(np.asarray(N.values, float).ravel())
        columns.append(("Obs", 17, "%14.0gc"))
    if show_size:
        extra.append(np.asarray(N_subp.values, float).ravel())
        columns.append(("Size", 17, "%14.0gc"))  # the ado's 16 wide second column prints 17 (see DEFT)
    session.print(render_estimate_columns(_estimate_columns(e, extra, tuple(columns), _notes(e)), session.linesize))
    session.set_r({"_N_subp": Matrix(np.asarray(N_subp.values, float), N_subp.rownames, N_subp.colnames),
                   "_N": Matrix(np.asarray(N.values, float), N.rownames, N.colnames)})


def estat_strata(session, cmd) -> None:
    """Singleton and certainty strata per stage (svy_estat.ado's Strata), with the variance's
    scale factor under singleunit(scaled); r(_N_strata), r(_N_strata_single),
    r(_N_strata_certain) (and r(scale))."""
    from mlmcli.commands.postestimation.estat import no_arguments
    from mlmcli.render.survey_estat import render_strata
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.survey import StrataCounts

    e = _svy_results(session)
    no_arguments(cmd)
    resolve_options(cmd.options, [])
    if e.macros.get("mse"):
        raise StataError("estat strata is not allowed with the MSE estimator of variance", 322)
    if e.macros.get("vce") == "brr":
        raise StataError("estat strata is not allowed after svy brr ", 322)
    if "_N_strata" not in e.matrices:
        raise StataError("svy estimation results not found", 301)
    counts = [np.asarray(e.matrices[k].values, float).ravel()
              for k in ("_N_strata", "_N_strata_single", "_N_strata_certain")]
    scaled = e.macros.get("singleunit") == "scaled"
    stages, scales = [], []
    for total, single, certain in zip(*counts):
        scale = None
        if scaled:  # the strata left after the certainty ones, over those with more than one PSU
            scale = total - certain
            scale = scale / (scale - single) if scale != 0 and scale != single else (np.nan if scale else 0.0)
            scales.append(scale)
        stages.append((int(single), int(certain), int(total), scale))
    session.print(render_strata(StrataCounts(stages=tuple(stages), scaled=scaled, notes=_notes(e, strata=True))))
    r = {k: Matrix(np.asarray(e.matrices[k].values, float), e.matrices[k].rownames, e.matrices[k].colnames)
         for k in ("_N_strata", "_N_strata_single", "_N_strata_certain")}
    if scaled:
        r["scale"] = Matrix(np.array([scales]), ("r1",), tuple(f"c{i + 1}" for i in range(len(scales))))
    session.set_r(r)


def _notes(e, strata: bool = False) -> tuple:
    """_svy_subpop_note (estat strata) and _svy_singleton_note under the table."""
    from mlmcli.commands.estimation.survey_tabulate_display import SINGLETON_NOTES
    from mlmcli.render.survey import MISSING_SE_NOTE

    notes = []
    omitted = int(e.scalars.get("N_strata_omit", 0) or 0)
    if strata and omitted:
        notes.append(f"Note: {omitted} strata omitted because they contain no subpopulation members." if omitted > 1
                     else "Note: 1 stratum omitted because it contains no subpopulation members.")
    single = e.matrices.get("_N_strata_single")
    if single is not None and np.nansum(single.values) > 0:
        rule = e.macros.get("singleunit", "missing")
        notes.append(MISSING_SE_NOTE if rule == "missing" else SINGLETON_NOTES[rule])
    return tuple(notes)

"""``eventstudyinteract y rel_time_indicators [if] [in], absorb(varlist) cohort(varname)
control_cohort(varname) [covariates(varlist) vce(vcetype)]`` (Liyang Sun, SSC/GitHub
lsun20/EventStudyInteract, eventstudyinteract.ado 0.1 of 24jan2022): Sun and Abraham's
interaction-weighted estimator of dynamic treatment effects.

As the ado: the relative-time indicators are copied with 0 for the control cohort
(control_cohort == 1); the cohorts are ``levelsof cohort if control_cohort == 0`` over all rows;
each cohort's indicator is regressed on the copies (no constant) on the sample outside the
control cohort (the shares ff_w and their variance Sigma_ff: ``mlmcli.panel.interaction_weighted``);
then ``quietly reghdfe y <cohort x relative-time interactions> <covariates> if touse,
absorb() vce()`` on temporary variables (Stata's temporary names, numbered as the ado's tempvar
and tempname calls would draw them) and the IW estimates from both.  The ado posts nothing:
e() is reghdfe's (e(cmd) reghdfe, e(b)/e(V) over the temporary interaction names) with
e(title) "IW estimates for dynamic effects" and the matrices b_iw, V_iw, b_interact,
V_interact, ff_w and Sigma_ff added.  Sigma_ff is (C R) x (C R) but the ado names its rows and
columns by the C cohorts only: mlm names the first C and leaves the rest r#/c# (a decision).

Kept out (refused): weights (the ado takes [aw fw iw pw], passed to regress, avar and reghdfe;
mlm's avar step is unweighted) and what mlm's reghdfe refuses (more than two absorbed
variables, multi-way clustering, HAC).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("absorb", 6, takes_arg=True), OptionSpec("cohort", 6, takes_arg=True),
           OptionSpec("control_cohort", 14, takes_arg=True), OptionSpec("covariates", 9, takes_arg=True),
           OptionSpec("vce", 3, takes_arg=True)]
TITLE = "IW estimates for dynamic effects"


def _temp_names(session, count: int) -> list[str]:
    from mlmcli.temp_names import fresh_names

    return fresh_names(session, count)


def _level_text(value: float) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%18.0g").strip()


def _one_variable(ds, text, option: str) -> str:
    words = str(text or "").split()
    if not words:
        raise StataError(f"option {option}() required", 198)
    if len(words) > 1:
        raise StataError(f"{option}(): too many variables specified", 103)
    return ds.resolve(words[0])


def cmd_eventstudyinteract(session, cmd) -> None:
    from mlmcli.commands.statistics.cluster_variables import numeric_varlist
    from mlmcli.factor_terms import parse_terms, term_variables
    from mlmcli.sample import mark_sample

    ds = session.data
    names = numeric_varlist(ds, cmd.args, default_all=False)  # syntax: the varlist, then the rest
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, OPTIONS)
    for required in ("absorb", "cohort", "control_cohort"):
        if opts.get(required) is None:
            raise StataError(f"option {required}() required", 198)
    cohort = _one_variable(ds, opts["cohort"], "cohort")
    control = _one_variable(ds, opts["control_cohort"], "control_cohort")
    covariates = str(opts.get("covariates") or "").strip()
    absorb = str(opts["absorb"]).strip()
    markout = term_variables(parse_terms(ds, covariates)) if covariates else []
    markout += term_variables(parse_terms(ds, absorb))
    touse = np.asarray(mark_sample(session, cmd, names + markout, strok=True), bool)
    lhs, rel_times = names[0], names[1:]
    if not rel_times:
        raise StataError("too few variables specified", 102)
    ctrl = ds.numeric(control)
    D_all = np.column_stack([np.where(ctrl == 1, 0.0, ds.numeric(v)) for v in rel_times])
    cohort_values = ds.numeric(cohort)
    levels = np.unique(cohort_values[(ctrl == 0) & ~np.isnan(cohort_values)])
    if len(levels) == 0:
        raise StataError("no observations", 2000)
    share_rows = touse & (ctrl == 0)
    if not share_rows.any():
        raise StataError("no observations", 2000)
    R, C = len(rel_times), len(levels)
    codes = np.full(ds.nobs, -1)
    for c, value in enumerate(levels):
        codes[cohort_values == value] = c
    from mlmcli.panel.interaction_weighted import cohort_shares, interaction_weighted

    shares = cohort_shares(D_all[share_rows], codes[share_rows], C)
    fit = _interacted_regression(session, cmd, lhs, D_all, codes, touse, R, C, covariates, absorb, opts.get("vce"))
    e = session.e
    b_all, V_all = e.matrices["b"].values[0], e.matrices["V"].values
    k = R * C
    delta = b_all[:k].reshape(R, C).T                    # C x R: column r the cohorts' effects at r
    var_delta = np.diag(V_all)[:k].reshape(R, C).T
    b_iw, V_iw = interaction_weighted(shares, delta, V_all[:k, :k])
    _store(session, e, rel_times, levels, delta, var_delta, b_iw, V_iw, shares)
    _display(session, e, fit, rel_times, b_iw, V_iw)


def _interacted_regression(session, cmd, lhs, D_all, codes, touse, R, C, covariates, absorb, vce):
    """reghdfe of lhs on the interactions (quietly, on temporary variables dropped afterwards)."""
    from mlmcli.runner import Runner, current_runner

    ds = session.data
    start = getattr(session, "_temp_counter", 0)
    # the ado's tempvar/tempname draws before the interactions: touse, the R copies, bb ff_w,
    # cohort_ind and resid per cohort, XX Sxx Sxxi S KSxxi Sigma_ff
    _temp_names(session, 1 + R + 2 + 2 * C + 6)
    interactions = _temp_names(session, R * C)
    touse_name = f"__{start:06X}"
    made = [touse_name] + interactions
    ds.set_variable(touse_name, touse.astype(float), vtype="byte")
    for r in range(R):
        for c in range(C):
            ds.set_variable(interactions[r * C + c], np.where(codes == c, 1.0, 0.0) * D_all[:, r])
    _temp_names(session, 4 + 5 + 4 + 4)  # evt_bb b evt_VV V, w delta b_iw nc nr, VV wlong ..., Vshare ...
    line = (f"reghdfe {lhs} {' '.join(interactions)} {covariates} if {touse_name}, absorb({absorb})"
            + (f" vce({vce})" if vce else ""))
    runner = current_runner(session) or Runner(session)
    session.out.quiet += 1  # the ado's qui reghdfe
    try:
        runner.execute(line)
    finally:
        session.out.quiet -= 1
        ds.drop_variables([n for n in made if n in ds.varnames])
    return session.e


def _store(session, e, rel_times, levels, delta, var_delta, b_iw, V_iw, shares) -> None:
    from mlmcli.results.matrix import Matrix

    cohorts = tuple(_level_text(v) for v in levels)
    rels = tuple(rel_times)
    n = shares.vcv.shape[0]
    share_names = cohorts + tuple(f"r{i + 1}" for i in range(len(cohorts), n))
    share_cols = cohorts + tuple(f"c{i + 1}" for i in range(len(cohorts), n))
    e.matrices.update({
        "b_interact": Matrix(delta, cohorts, rels), "V_interact": Matrix(var_delta, cohorts, rels),
        "b_iw": Matrix(b_iw[None, :], ("r1",), rels), "V_iw": Matrix(V_iw, rels, rels),
        "ff_w": Matrix(shares.weights, cohorts, rels), "Sigma_ff": Matrix(shares.vcv, share_names, share_cols)})
    e.macros["title"] = TITLE
    if hasattr(e, "title"):
        e.title = TITLE


def _display(session, e, fit, rel_times, b_iw, V_iw) -> None:
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.render.coef_table import TableOptions
    from mlmcli.render.event_study import render_event_study
    from mlmcli.results.event_study import EventStudyResult

    s = e.scalars
    level = float(getattr(session, "level", 95.0))
    labels = tuple(CoefLabel(v) for v in rel_times)
    rows = rows_from_estimates(labels, b_iw, np.diag(np.diag(V_iw)), level, s["df_r"])
    clustvar = e.macros.get("clustvar")
    result = EventStudyResult(
        title=TITLE, depvar=e.macros["depvar"], nobs=int(s["N"]), df_m=int(s["df_m"]), df_r=int(s["df_r"]),
        F=float(s.get("F", float("nan"))), p=_f_tail(s), r2=s["r2"], r2_a=s["r2_a"], rmse=s["rmse"],
        coefs=tuple(rows), level=level, robust=e.macros.get("vce") in ("robust", "cluster"),
        cluster=(int(s["N_clust"]), clustvar) if clustvar else None)
    session.print(render_event_study(result, linesize=session.linesize, options=TableOptions()))


def _f_tail(s) -> float:
    from mlmcli import distributions as dist

    F = float(s.get("F", float("nan")))
    return float(dist.f.sf(F, s["df_m"], s["df_r"])) if F == F else float("nan")

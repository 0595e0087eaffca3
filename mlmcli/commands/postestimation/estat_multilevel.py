"""mlmcli's multilevel statistics that Stata leaves to hand calculation, as ``estat``
subcommands after ``mixed``: ``reliability``, ``pve`` and ``hlmchi2``.

Formulas and references are in each handler's docstring and in
``mlmcli.postest`` (reliability, pve, hlmchi2); ``cmd_estat`` in
``mlmcli.commands.postestimation.estat`` dispatches here.  The model is read through
the fit object's methods (``mlmcli.estimation.interface.MultilevelFit``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.estat import no_arguments
from mlmcli.errors import StataError
from mlmcli.estimation.active import active, lookup, require
from mlmcli.estimation.results import MIXED_COMMANDS
from mlmcli.syntax.options import OptionSpec, resolve_options


def _single_level_term(e, what: str, levelvar: str | None = None):
    fit = e.model
    terms = list(fit.re_terms())
    levels = [t.levelvar for t in terms]
    if any(t.crossed_factor for t in terms):
        raise StataError(f"estat {what} not allowed after crossed-effects models", 321)
    if fit.has_weights():
        raise StataError(f"estat {what} not available after weighted estimation", 321)
    if levelvar is None:
        if len(set(levels)) != 1 or len(terms) != 1:
            raise StataError(f"estat {what} requires a two-level model with one random-effects "
                             "equation", 321)
        return 0, terms[0]
    if levelvar not in levels:
        raise StataError(f"level {levelvar} not found among random levels", 198)
    k = levels.index(levelvar)
    return k, terms[k]


def _row_groups_or_none(session, e):
    from mlmcli.estimation.rows import row_groups
    try:
        return row_groups(session, e)
    except StataError:
        return None


def _group_labels(session, e, k: int, groups) -> list[str]:
    """The level variable's value (as text) for each group of term k; group numbers when the
    estimation data are no longer in memory."""
    from mlmcli.estimation.rows import group_values
    term = e.model.re_terms()[k]
    if groups is None:
        return [str(i + 1) for i in range(term.n_groups)]
    return group_values(session, e, k, groups)


def estat_reliability(session, cmd) -> None:
    """``estat reliability [, generate(newvar) nogroups]`` (mlmcli; not in Stata).

    lambda_j = tau00 / (tau00 + sigma^2 / n_j) per group for a random intercept
    (Raudenbush & Bryk 2002, eq. 3.53); for random slopes lambda_qj = tau_qq /
    (tau_qq + sigma^2 [(Z_j'Z_j)^-1]_qq).  Printed by group and on average;
    ``generate()`` keeps lambda_j (one variable per coefficient: newvar, or
    newvar1, newvar2 ... in the order of the random-effects table).
    """
    e = require(session, MIXED_COMMANDS)
    no_arguments(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("generate", 3, takes_arg=True),
                                       OptionSpec("nogroups", 4)])
    fit = e.model
    k, term = _single_level_term(e, "reliability")
    from mlmcli.postest.reliability import reliability
    from mlmcli.render.multilevel_statistics import render_reliability
    groups = _row_groups_or_none(session, e)
    res = reliability(term.Z, term.group, fit.re_covariance(k), fit.residual_variance(), term.levelvar,
                      term.names, _group_labels(session, e, k, groups))
    new = []
    if opts.get("generate"):
        stub = opts["generate"].strip()
        q = len(term.names)
        new = [stub] if q == 1 else [f"{stub}{i + 1}" for i in range(q)]
        for name in new:
            if name in session.data.varnames:
                raise StataError(f"variable {name} already defined", 110)
        if groups is None:
            raise StataError("estat reliability, generate() requires that the data used in "
                             "estimation be in memory", 459)
    session.print(render_reliability(res, show_groups=not opts.get("nogroups")))
    for i, name in enumerate(new):
        # every observation of a group gets the group's lambda_j (as predict maps BLUPs)
        code = groups.codes[k]
        vals = np.full(session.data.nobs, np.nan)
        vals[code >= 0] = res.lam[code[code >= 0], i]
        session.data.set_variable(name, vals, vtype="float")
        session.data.var_labels[name] = f"Reliability lambda_j of {term.levelvar}: {term.names[i]}"
    from mlmcli.results.matrix import Matrix
    r = {"N_g": float(len(res.group_labels))}
    for name, avg in zip(term.names, res.average):
        r[f"lambda_{name.lstrip('_')}"] = float(avg)
    r["lambda"] = Matrix(res.lam, tuple(res.group_labels), tuple(term.names))
    session.set_r(r)


def variance_components(e) -> list[tuple[str, str, float]]:
    """(level, label, estimate) for every variance-metric row, residual last."""
    out = []
    for block in e.result.random.get("variance", ()):
        for row in block.rows:
            out.append((block.levelvar, row.label, row.estimate))
    res = e.result.residual.get("variance")
    if res is not None:
        out.append(("Residual", res.label, res.estimate))
    return out


def estat_pve(session, cmd) -> None:
    """``estat pve A [B]`` (mlmcli; not in Stata): proportional reduction in each variance
    component from stored model A to model B (default: the active results),
    PVE = (var_A - var_B) / var_A (Raudenbush & Bryk 2002, eq. 4.12; Snijders & Bosker 2012, 7.1)."""
    words = cmd.args.split()[1:]
    resolve_options(cmd.options, [])
    if not 1 <= len(words) <= 2:
        raise StataError("estat pve requires one or two names of stored estimates", 198)
    ea = lookup(session, words[0])
    eb = lookup(session, words[1]) if len(words) == 2 else active(session)
    name_b = words[1] if len(words) == 2 else "."
    for ee in (ea, eb):
        if ee.cmd not in MIXED_COMMANDS:
            raise StataError("requested action not valid after most recent estimation command", 321)
    from mlmcli.postest.pve import proportional_reduction
    from mlmcli.render.multilevel_statistics import render_pve
    res = proportional_reduction(words[0], variance_components(ea), name_b, variance_components(eb))
    if not res.rows:
        raise StataError("the two models have no variance component in common", 498)
    session.print(render_pve(res))
    r = {}
    for row in res.rows:
        key = "Residual" if row.level == "Residual" else f"{row.level}_{row.label[4:-1].lstrip('_')}"
        r[f"pve_{key}"] = row.pve
    session.set_r(r)


def estat_hlmchi2(session, cmd) -> None:
    """``estat hlmchi2`` (mlmcli; not in Stata): HLM's test of tau_qq = 0,
    chi2_q = sum_j (betahat_qj - fixed prediction)^2 / Vhat_qqj with df = J' - S_q - 1
    (Raudenbush & Bryk 2002, eq. 3.103), over groups with enough data for an OLS fit."""
    e = require(session, MIXED_COMMANDS)
    no_arguments(cmd)
    resolve_options(cmd.options, [])
    fit = e.model
    k, term = _single_level_term(e, "hlmchi2")
    from mlmcli.postest.hlmchi2 import hlm_chi2
    from mlmcli.render.multilevel_statistics import render_hlmchi2
    tau = fit.re_covariance(k)
    res = hlm_chi2(fit.response(), fit.model_matrix(), fit.fixef(), term.Z, term.group, term.n_groups,
                   fit.residual_variance(), np.diag(tau), term.names, term.levelvar)
    session.print(render_hlmchi2(res))
    r = {"N_g": float(res.n_groups), "N_used": float(res.n_used)}
    for row in res.rows:
        nm = row.coef.lstrip("_")  # r(chi2_cons), r(df_cons), r(p_cons)
        r[f"chi2_{nm}"] = row.chi2
        r[f"df_{nm}"] = float(row.df)
        r[f"p_{nm}"] = row.p
    session.set_r(r)

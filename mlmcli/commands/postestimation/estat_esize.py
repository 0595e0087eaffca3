"""``estat esize [, omega level(#)]`` after ``regress`` and ``anova``: Stata 13's effect sizes
(estat_esize_13.ado; numbers ``mlmcli.postest.effect_sizes``).  The terms are those of e(b)
(a factor variable or an interaction is one term, as _reg_to_anova makes them), each with the
F test of its coefficients; the model row is e(F) on e(df_m), e(df_r).  Refusals as the ado:
after regress with a vce() other than ols r(198), level() below 50 r(198); after other
commands estat's ``invalid subcommand esize`` r(321).  Terms without an estimable coefficient
are left out (decided here: no Stata log shows one)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.regress_diagnostics import estat_only_after_regression
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options


def _terms(fit) -> list[tuple[str, str, list[int]]]:
    """(first coefficient name, label, positions in b) of each term but _cons."""
    terms: dict[str, tuple[str, str, list[int]]] = {}
    k = 0
    for lab in fit.coef_labels:
        estimable = not (lab.base or lab.omitted)
        if lab.name != "_cons":
            time_series = (lab.level or "").endswith(".")
            key = lab.term if lab.term is not None and not time_series else lab.name
            first, label, cols = terms.setdefault(key, (lab.name, key, []))
            if estimable:
                cols.append(k)
        k += estimable
    return [t for t in terms.values() if t[2]]


def estat_esize(session, cmd) -> None:
    from mlmcli.postest.effect_sizes import esize_row, term_f
    from mlmcli.render.regress_diagnostics import render_esize
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.regress_diagnostics import EsizeResult

    e = estat_only_after_regression(session, "esize")
    if len(cmd.args.split()) > 1:
        raise StataError("invalid syntax", 198)
    if cmd.if_exp is not None or cmd.in_range is not None:
        raise StataError(f"{'if' if cmd.if_exp is not None else 'in'} not allowed", 101)
    opts = resolve_options(cmd.options, [OptionSpec("omega", 2), OptionSpec("level", 1, takes_arg=True)])
    level = confidence_level(opts, getattr(session, "level", 95.0))
    if int(level) < 50:
        raise StataError("level() must be between 50 and 99.99 inclusive for estat esize", 198)
    if e.cmd == "regress" and e.macros.get("vce", "ols") != "ols":
        raise StataError("estat esize only works with vce(ols)", 198)
    fit = e.model
    d = float(e.scalars["df_r"])
    rows = [esize_row("Model", "Model", float(e.scalars["df_m"]), d, float(e.scalars["F"]), level)]
    for first, label, cols in _terms(fit):
        F = term_f(fit.b[cols], fit.V[np.ix_(cols, cols)])
        rows.append(esize_row(first, label, float(len(cols)), d, F, level))
    result = EsizeResult(tuple(rows), level, bool(opts.get("omega")))
    session.print(render_esize(result, session.linesize))
    values = np.array([[r.eta2, r.lb_eta2, r.ub_eta2, r.omega2, r.lb_omega2, r.ub_omega2, r.df_num,
                        r.df_den, r.F] for r in rows], float)
    session.set_r({"level": level, "esize": Matrix(values, tuple(r.name for r in rows),
                                                   ("eta2", "lb_eta2", "ub_eta2", "omega2", "lb_omega2",
                                                    "ub_omega2", "df_num", "df_den", "F"))})

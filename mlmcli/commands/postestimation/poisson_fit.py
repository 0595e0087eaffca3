"""``estat gof`` after ``poisson`` ([R] poisson postestimation): poisson_estat.ado hands it to
poisgof.ado, ``syntax [, Pearson]`` -- nothing but the undocumented ``pearson`` option.

Since Stata 12 it prints the deviance and the Pearson statistic, each with its
Prob > chi2(df), df = e(N) - e(df_m) - 1, and leaves r(chi2_d) r(chi2_p) r(df) r(p_d) r(p_p);
``pearson`` prints only the Pearson statistic as Stata 11 did (r(chi2) r(df) r(p)).  The sums
run over e(sample) weighted by e()'s weight expression, as the ado does.  ``glm`` has no
``estat gof`` in Stata (glm_estat: invalid subcommand), nor has mlm.  Numbers:
``mlmcli.postest.poisson_fit``; text: ``mlmcli.render.poisson_fit``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_SPECS = [OptionSpec("pearson", 1)]


def _refuse_syntax(cmd) -> None:
    """poisgof's ``syntax [, Pearson]`` errors, in syntax's order."""
    if len(cmd.args.split()) > 1:
        raise StataError("varlist not allowed", 101)
    if cmd.if_exp:
        raise StataError("if not allowed", 101)
    if cmd.in_range:
        raise StataError("in range not allowed", 101)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)


def _sample_weights(session, e, rows: np.ndarray) -> np.ndarray:
    """poisgof's ``gen double wt `e(wexp)' if e(sample)`` (1 without weights)."""
    from mlmcli.commands.estimation.common import evaluate_weight

    exp = e.macros.get("wexp", "").lstrip("= ").strip()
    if not exp:
        return np.ones(int(rows.sum()))
    return np.asarray(evaluate_weight(session, exp), float)[rows]


def estat_gof_poisson(session, cmd) -> None:
    from mlmcli.estimation.active import active
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.expr import evaluate_condition
    from mlmcli.postest.poisson_fit import chi2_tail, poisson_gof
    from mlmcli.render.poisson_fit import render_pearson_only, render_poisson_gof

    e = active(session)
    _refuse_syntax(cmd)
    opts = resolve_options(list(cmd.options), _SPECS)
    if getattr(e, "model", None) is None:
        raise StataError("last estimates for poisson not found", 301)
    rows = np.asarray(evaluate_condition(session, "e(sample)"), bool)
    y = session.data.numeric(e.macros.get("depvar", "").split()[0])[rows]
    mu = np.asarray(e.model.predict("n", PredictionRows(session, e)), float)[rows]
    w = _sample_weights(session, e, rows)
    df = int(round(e.scalars["N"] - e.scalars.get("df_m", 0.0) - 1))
    fit = poisson_gof(y, mu, w, float(e.scalars["ll"]), df)
    if opts.get("pearson"):
        session.set_r({"chi2": fit.pearson, "df": float(df), "p": chi2_tail(df, fit.pearson)})
        session.print(render_pearson_only(fit.pearson, df, fit.p_pearson))
        return
    session.set_r({"df": float(df), "chi2_d": fit.deviance, "chi2_p": fit.pearson,
                   "p_d": fit.p_deviance, "p_p": fit.p_pearson})
    session.print(render_poisson_gof(fit))

"""``estat gof [if] [in] [, group(#) total all]`` after ``svy: logit``, ``svy: logistic`` and
``svy: probit`` ([SVY] estat; _svy_gof_hl.ado, read, not copied): the F-adjusted mean residual
test of Archer and Lemeshow (2006) on the estimation sample (``all``: every row; ``if``/``in``
narrow it) and the svyset design (``mlmcli/survey/goodness_of_fit.py``).  group() is a whole
number from 2 to the design df (default 10, the design df when smaller); r(F) r(p) r(df1)
r(df2) (r(chi2) r(p) r(df) without a design df).  After a replication-based variance the
group estimates' V is replicated too (the ado reruns the means under ``svy `e(vce)'``).
Refused, as in Stata: results under subpop().  ``svylogitgof`` (the SJ package st0099)
shares the sample and the test."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_SPECS = [OptionSpec("group", 1, True), OptionSpec("total"), OptionSpec("all")]


def estat_gof_svy(session, cmd, e) -> None:
    from mlmcli.render.binary_fit import render_survey_gof

    if e.macros.get("subpop"):
        raise StataError("estat gof is not allowed after subpopulation estimations", 198)
    if len(cmd.args.split()) > 1:
        raise StataError("varlist not allowed", 101)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, _SPECS)
    df = float(e.scalars.get("df_r", np.nan))
    group = _group(opts.get("group"), df)
    rows = tested_rows(session, cmd, e, every_row=bool(opts.get("all")))
    fit = survey_residual_test(session, e, rows, group, "total" if opts.get("total") else "mean")
    if fit.is_chi2:
        session.set_r({"chi2": fit.statistic, "p": fit.p, "df": fit.df1})
    else:
        session.set_r({"F": fit.statistic, "p": fit.p, "df1": fit.df1, "df2": fit.df2})
    model = "Probit" if e.cmd == "probit" else "Logistic"
    session.print(render_survey_gof(model, _depvar(e), fit))


def _replicates(ds, settings, tested_sample, e):
    """The replicate design over the rows tested when the model's variance was replicated:
    the ado reruns ``svy `e(vce)', `e(mse)': mean`` (svyset's fay(), the model's mse)."""
    from mlmcli.commands.estimation.survey_replicate import VceRequest, replicate_design

    method = e.macros.get("vce", "linearized")
    if method == "linearized":
        return None
    request = VceRequest(method, mse=e.macros.get("mse") == "mse", fay=settings.fay, dof=settings.dof, dots=False)
    return replicate_design(ds, settings, tested_sample, request)


def _group(text, df: float) -> int:
    """group(numlist int >1 <=df) as the ado's syntax reads it; without it 10, or the design
    df when that is smaller (r(322) under 2)."""
    from mlmcli.syntax.numlist import numlist

    if not isinstance(text, str):
        if df < 2:
            raise StataError("not enough degrees of freedom to perform the test", 322)
        return int(df) if 10 > df else 10

    def invalid():
        return StataError("group() invalid -- invalid numlist", 121)

    values = numlist(text, invalid=invalid)
    if any(v != int(v) for v in values):
        raise StataError("group() invalid -- invalid numlist has noninteger elements", 126)
    if any(v <= 1 or (np.isfinite(df) and v > df) for v in values):
        raise StataError("group() invalid -- invalid numlist has elements outside of allowed range", 125)
    if len(values) != 1:
        raise StataError("group() invalid -- invalid numlist has too many elements", 123)
    return int(values[0])


def tested_rows(session, cmd, e, every_row: bool) -> np.ndarray:
    """marksample's rows (if/in), kept to e(sample) unless ``all``."""
    from mlmcli.expr import evaluate_condition
    from mlmcli.sample import mark_sample

    rows = np.asarray(mark_sample(session, cmd, []), bool)
    if not every_row:
        rows &= np.asarray(evaluate_condition(session, "e(sample)"), bool)
    return rows


def _depvar(e) -> str:
    return e.macros.get("depvar", "").split()[0]


def survey_residual_test(session, e, rows: np.ndarray, group: int, estimator: str = "mean"):
    """The test on ``rows``: predict's probabilities there, xtile's groups (with the model's
    pweights when it had them) over the rows with a probability, then the residual means
    over those with a response and a complete design, as ``svy: mean`` marks them out."""
    from mlmcli.commands.estimation.survey_sample import design_sample, with_units
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.survey.goodness_of_fit import mean_residual_test
    from mlmcli.survey.settings import read_settings

    ds = session.data
    settings = read_settings(ds.chars)
    if settings is None:
        raise StataError("data not set up for svy, use svyset", 119)
    p = np.asarray(e.model.predict("pr", PredictionRows(session, e)), float)
    depvar = _depvar(e)
    sample = design_sample(session, _bare(e), settings, [depvar], None)
    weights = np.asarray(sample.weights, float)
    weighted = bool(e.macros.get("wtype"))
    cut_rows = rows & np.isfinite(p)
    if weighted:
        cut_rows &= np.isfinite(weights) & (weights > 0)
    tested = cut_rows & sample.touse
    if not tested.any():
        raise StataError("no observations", 2000)
    y = ds.numeric(depvar)
    tested_sample = with_units(ds, settings, tested, tested, weights, False)
    return mean_residual_test(y[tested] != 0, p[tested], weights[tested], tested_sample.units,
                              float(e.scalars.get("df_r", np.nan)), group, cut_values=p[cut_rows],
                              cut_weights=weights[cut_rows] if weighted else None, estimator=estimator,
                              replicates=_replicates(ds, settings, tested_sample, e))


def _bare(e):
    """A command without if/in for design_sample's markout of the depvar and design variables."""
    from mlmcli.ast import Command

    return Command(name=e.cmd, args="")

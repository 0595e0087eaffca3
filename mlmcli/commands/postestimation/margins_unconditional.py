"""``margins, vce(unconditional)``: what the command reads for the linearized variance -- each
estimation-sample row's influence on e(b), the cluster of a vce(cluster) fit -- and, with
``subpop()``, where the subpopulation's rows sit in the estimation sample.

Evidence: Stata 16's ``_marg_work.class`` (opensafely-core/cohort-extractor, commit 1b3e58ab):
the margins sample ``t_touse`` must be the whole estimation sample under vce(unconditional)
(``._check_touse``: an if/in that drops rows is r(459)); the scores are predicted over
``t_touse`` and each margin's prediction is zeroed outside the subpopulation ``t_sub`` before
the linearized variance is taken over ``t_touse`` -- a subpopulation's unconditional variance
is taken over the whole sample, rows outside it contributing their influence on e(b) only.
``._parse_vce`` (the same in Stata 12's class, version 11, and Stata 16's): without svy the
fit's e(vce) must be robust or cluster, else r(322) "option vce(unconditional) is allowed only
after estimation with robust, semirobust, or linearized standard errors" -- applied to every fit
(since vu90 also regress's ols and the single-level GLMs' oim: they were linearized before), the
check before the command-specific ones, as ._parse_vce runs before the sample is marked.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

_FULL_SAMPLE = "unconditional standard errors derived assuming full estimation sample;"
# the e(vce) margins' ._parse_vce linearizes without svy: a robust or cluster-robust fit's
MODEL_VCES_LINEARIZED = ("robust", "cluster")
# ._check_vce_not_supported's cmdlist (e(cmd) or e(cmd2)), refused once the VCE is accepted
NOT_LINEARIZED = ("areg", "ivreg", "xtgee", "xtreg", "ivregress")


def influence_for(session, cmd, opts: dict, s) -> tuple[np.ndarray, np.ndarray | None]:
    """vce(unconditional): each margins-sample row's influence on e(b) (the fit's
    ``margins_influence``) and the cluster codes of a vce(cluster) fit.  ``s`` is the margins
    setup before subpop() restricts it: the linearization covers the whole estimation sample,
    in the current row order."""
    import pandas as pd

    e = s.e
    if e.macros.get("prefix") == "svy":
        return _survey_influence(session, cmd, opts, s)
    if e.macros.get("vce") not in MODEL_VCES_LINEARIZED:
        # ._parse_vce: without svy, e(vce) must be robust or cluster (pweights post robust); the
        # OLS/OIM/OPG/EIM, hc2/hc3 and replicate (bootstrap, jackknife) VCEs are refused
        from mlmcli.mixed.sandwich import NEEDS_ROBUST

        raise StataError(NEEDS_ROBUST, 322)
    _check_vce_not_supported(e)
    # the xt random-effects commands share the me engine; the Gaussian random-intercept ones
    # (xtlogit, xtprobit, xtcloglog, xtpoisson normal) carry the map to their e(b) (b, lnsig2u),
    # xtologit/xtoprobit post the me layout renamed (their fit's xt_unconditional)
    if not hasattr(e.model, "margins_influence") or (e.cmd.startswith("xt")
                                                      and not getattr(e.model, "xt_unconditional", False)):
        # Stata linearizes them (only xtreg and xtgee are in its cmdlist, above): mlm's gap
        raise StataError(f"vce(unconditional) after {e.cmd} not supported by mlmcli", 198)
    # a fit's influence may carry its sampling weights (mixed's and the me commands' weighted
    # group scores, the single-level GLMs' w_j s_j); others' is unweighted
    weights_inside = getattr(e.model, "margins_influence_weighted", False) and s.wtype in (None, "pweight")
    # regress [pw]: ols' influence takes the sampling weights, (X'WX)^-1 w_j x_j e_j
    ols_weighted = e.cmd == "regress" and s.wtype == "pweight" and hasattr(e.model, "residuals")
    if cmd.weight is not None or (s.weighted and not (weights_inside or ols_weighted)):
        raise StataError("vce(unconditional) with weights is not implemented in mlmcli", 198)
    if opts.get("noesample"):  # _marg_work then keeps e(sample) and skips ._check_touse: not built
        raise StataError("vce(unconditional) with noesample not supported by mlmcli", 198)
    if len(s.rows) != e.design.X.shape[0]:
        what = "if restriction" if cmd.if_exp is not None else "in range" if cmd.in_range is not None else None
        if what is None:  # rows the margins sample lost otherwise (missing over() values ...)
            raise StataError("vce(unconditional) requires the whole estimation sample", 198)
        raise StataError(f"{_FULL_SAMPLE}\n{what} dropped observations from the estimation sample", 459)
    if ols_weighted:
        IF, clusters = e.model.margins_influence(e.design.X, weights=s.sample.weights)
    else:
        IF, clusters = e.model.margins_influence(e.design.X)
    if hasattr(e.model, "re_terms"):  # multilevel: per highest-level group, placed on the rows
        IF, clusters = _groups_on_rows(session, e, s, IF, clusters)
    if IF.shape != (len(s.rows), len(s.names)):
        raise StataError(f"vce(unconditional) not allowed after {e.cmd}", 198)
    if isinstance(clusters, np.ndarray):
        return IF, clusters
    codes = None
    if clusters:
        codes = pd.factorize(session.data.df[clusters].to_numpy()[s.rows])[0]
    return IF, codes


def _survey_influence(session, cmd, opts: dict, s):
    """After svy estimation: the rows' influence and the svyset design's units over e(sample)
    (``._parse_vce``: the model VCE is the design's, linearized over its strata, PSUs and fpc).
    Stata's refusals: weights r(101), a replicate svyset vce r(459), a fit without the
    linearized VCE r(322), noweights r(198)."""
    from mlmcli.commands.estimation.survey_sample import with_units
    from mlmcli.survey.settings import read_settings

    e = s.e
    if cmd.weight is not None:
        raise StataError("weights not allowed with survey estimation results", 101)
    settings = read_settings(session.data.chars)
    if settings is None:
        raise StataError("data not set up for svy, use svyset", 459)
    if settings.vce != "linearized":  # ._parse_vce checks svyset's vce first
        raise StataError(f"vce({settings.vce}) is not supported", 459)
    if e.macros.get("vce") != "linearized":
        raise StataError("option vce(unconditional) is allowed only after estimation with linearized "
                         "standard errors", 322)
    _check_vce_not_supported(e)
    if opts.get("noweights"):  # .parse checks it after ._parse_vce
        raise StataError("option noweights not allowed with vce(unconditional) and svy estimation results", 198)
    if not hasattr(e.model, "margins_influence") or opts.get("noesample"):
        raise StataError(f"vce(unconditional) not allowed after svy: {e.cmd}", 198)
    n_sample = int(np.asarray(e.sample, bool).sum()) if e.sample is not None else e.design.X.shape[0]
    if len(s.rows) != n_sample:
        what = "if restriction" if cmd.if_exp is not None else "in range" if cmd.in_range is not None else None
        if what is None:
            raise StataError("vce(unconditional) requires the whole estimation sample", 198)
        raise StataError(f"{_FULL_SAMPLE}\n{what} dropped observations from the estimation sample", 459)
    # svy, subpop(): the fit's rows are its subpopulation (_marg_work's t_esub); the scores are 0
    # outside it while the linearization runs over all of e(sample) (._linearize)
    inside = np.ones(len(s.rows), bool)
    if e.macros.get("subpop"):
        from mlmcli.commands.estimation.survey_sample import subpopulation_rows

        inside = subpopulation_rows(session, e.macros["subpop"], e.sample)[s.rows]
    if int(inside.sum()) != e.design.X.shape[0]:
        raise StataError(f"vce(unconditional) not allowed after svy: {e.cmd}", 198)
    from mlmcli.survey.settings import sampling_weights

    weights = sampling_weights(session.data, settings)
    weights = np.ones(session.data.nobs) if weights is None else weights
    if e.cmd == "regress":  # ols' influence takes the weights: (X'WX)^-1 w x e
        if len(weights[s.rows][inside]) != e.design.X.shape[0]:
            raise StataError("vce(unconditional) not allowed after svy: regress", 198)
        fit_IF, _ = e.model.margins_influence(e.design.X, weights=weights[s.rows][inside])
    elif settings.weight_vars and not getattr(e.model, "margins_influence_weighted", False):
        raise StataError(f"vce(unconditional) not allowed after svy: {e.cmd}", 198)
    else:
        fit_IF, _ = e.model.margins_influence(e.design.X)
    if fit_IF.shape != (int(inside.sum()), len(s.names)):
        raise StataError(f"vce(unconditional) not allowed after svy: {e.cmd}", 198)
    IF = np.zeros((len(s.rows), len(s.names)))
    IF[inside] = fit_IF
    touse = np.zeros(session.data.nobs, bool)
    touse[s.rows] = True
    units = with_units(session.data, settings, touse, touse, weights, False).units
    order = np.argsort(s.rows, kind="stable")  # with_units' units follow the data's row order
    inverse = np.empty_like(order)
    inverse[order] = np.arange(len(order))
    return IF, _SurveyUnits(units, inverse)


def _check_vce_not_supported(e) -> None:
    """``._check_vce_not_supported``: the commands margins never linearizes, r(322)."""
    for name in (e.cmd, e.macros.get("cmd2")):
        if name in NOT_LINEARIZED:
            raise StataError(f"{name} is not supported by margins with the vce(unconditional) option", 322)


class _SurveyUnits:
    """The svy design over the margins sample: ``units`` over the rows in data order and
    ``position[i]``, row i's (margins order) place among them."""

    def __init__(self, units, position: np.ndarray):
        self.units, self.position = units, position


def survey_block(e, title: str, n_obs: int):
    """The svy header margins prints after svy estimation: _marg_work posts e(prefix) svy with
    the fit's N_strata, N_psu, N_pop and df_r under vce(delta) and vce(unconditional) alike,
    and _coef_table_header draws svy results' design block (title, blank line, strata and
    PSUs beside obs, population and design df; no model test).  The layout is mlm's Stata 13
    svy estimation header -- no Stata 13 margins-after-svy log was found to compare."""
    from mlmcli.results.survey import SurveyHeader

    sc = e.scalars
    return SurveyHeader(title=title, n_strata=int(sc.get("N_strata", 1)), n_psu=int(sc.get("N_psu", n_obs)),
                        n_obs=int(n_obs), population=float(sc.get("N_pop", n_obs)),
                        design_df=int(sc.get("df_r", 0)))


def _groups_on_rows(session, e, s, IF_groups: np.ndarray, group_clusters: np.ndarray):
    """A multilevel fit's influence per highest-level group (indexed by the first term's group
    codes) on the margins sample's rows in their current order: each group's on its first row,
    zeros elsewhere (only cluster sums enter the variance), and every row's cluster code."""
    from mlmcli.estimation.rows import row_groups

    codes = row_groups(session, e).codes[0][s.rows]
    if np.any(codes < 0) or np.any(group_clusters[codes] < 0):
        raise StataError(f"vce(unconditional) not allowed after {e.cmd}", 198)
    groups, first = np.unique(codes, return_index=True)
    IF = np.zeros((len(s.rows), IF_groups.shape[1]))
    IF[first] = IF_groups[groups]
    return IF, np.unique(group_clusters[codes], return_inverse=True)[1]


def subpop_columns(full_rows: np.ndarray, sub_rows: np.ndarray) -> np.ndarray | None:
    """Where the subpopulation's rows (``sub_rows``, a subsequence of ``full_rows``) sit among
    the estimation sample's; None when they are all of it."""
    if len(sub_rows) == len(full_rows):
        return None
    return np.flatnonzero(np.isin(full_rows, sub_rows))

"""Rank-ordered logistic regression ([R] rologit), as rologit.ado fits it: a Cox model stratified
by group (``mlmcli.survival.cox``), the most preferred alternative failing first:

    rologit depvar indepvars [if] [in], group(varname) [incomplete(#) reverse notestrhs
            ties(breslow|efron|exactm|none) level(#) nolog iterate(#) tolerance(#) ltolerance(#)
            nrtolerance(#) display_options]

Each row is an alternative; depvar its preference (higher = more attractive; ``reverse``: lower),
incomplete(#) (default 0) the code of an unranked alternative, which is less attractive than
every ranked one (censored after the last failure).  Time = max - depvar + 1 (reverse: depvar -
min + 1) over the ranked rows; ties among a group's ranked rows use ties() (default exactm, as
rologit.ado without weights or a robust VCE), ``ties(none)`` with ties is r(459).  Notes in
rologit.ado's order: ``incomplete rankings encountered``, ``(preferences are not coded as
sequential integers)`` (no ties only), a variable constant within every group omitted.  The log
is cox's (``Refining estimates:``), the model test cox's LR test against b = 0.  predict:
rologit_p's pr (the default: exp(xb) over the group's sum), xb, stdp.  The command typed alone
replays.  vce(robust) is cox's cluster(group) sandwich, vce(cluster v) v's (constant within group,
else r(459)), both times G/(G-1), with a Wald test, ties() defaulting to efron and exactm refused
(r(184)).  Refused by name: weights, vce(bootstrap|jackknife), offset(), or (not landed).  The
header is the Stata 16 ado's Display (decided: no Stata 13 ado at hand).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options
from mlmcli.sorted_codes import unique_rows

HELP = {"rologit": "rologit depvar indepvars [if] [in], group(varname) [incomplete(#) reverse ties()] : "
                   "rank-ordered logistic regression"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True)]
_OPTIONS = [
    OptionSpec("group", 2, takes_arg=True), OptionSpec("incomplete", 3, takes_arg=True), OptionSpec("reverse", 3),
    OptionSpec("notestrhs", 6), OptionSpec("ties", 4, takes_arg=True), OptionSpec("nolog", 5),
    OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("offset", 3, takes_arg=True), OptionSpec("or", 2), *_DISPLAY,
]
_TIES = (("exactm", 2), ("efron", 3), ("breslow", 3), ("none", 4), ("exactp", 6))


def _ties_option(text) -> str:
    words = str(text).split()
    if len(words) != 1:
        raise StataError("invalid ties(): exactly one value expected", 198)
    word = words[0].lower()
    for name, k in _TIES:
        if len(word) >= k and name.startswith(word):
            if name == "exactp":
                raise StataError("tie-handling method exactp is not allowed", 198)
            return name
    raise StataError(f"option {words[0]} not allowed", 198)


def cmd_rologit(session, cmd) -> None:
    from mlmcli.commands.estimation.choice_common import refuse_unlanded
    from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, ml_settings
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.options import integer_option

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS + display_option_specs())
    if opts.get("group") is None:
        raise StataError("option group() required", 198)
    refuse_unlanded(opts, cmd, "rologit", ("offset", "or"))
    from mlmcli.commands.estimation.common import sandwich_vce

    from mlmcli.syntax.options import STANDARD_VCE_KINDS, refuse_unbuilt_vce

    # rologit's vcetypes: oim, robust, cluster, bootstrap, jackknife ([R] rologit), no opg
    refuse_unbuilt_vce(opts.get("vce"), tuple(k for k in STANDARD_VCE_KINDS if k[0] != "opg"),
                       ("oim", "robust", "cluster"), "rologit")
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    depvar, terms = depvar_and_terms(ds, cmd.args)
    if not terms:
        raise StataError("too few variables specified", 102)
    group_var = ds.resolve(str(opts["group"]).strip())
    ties = _ties_option(opts["ties"]) if opts.get("ties") is not None else ""
    incomplete = integer_option(opts, "incomplete", 0)
    table = table_options_with_notes(session, opts)
    touse = np.asarray(mark_sample(session, cmd, [depvar, *term_variables(terms)]), dtype=bool)
    touse &= np.asarray(mark_sample(session, cmd, [group_var] + ([clustvar] if clustvar else []), strok=True),
                        dtype=bool)
    if not touse.any():
        raise StataError("no observations", 2000)
    from mlmcli.panel.groups import group_codes

    groups = group_codes(ds, group_var, touse)
    clusters = groups if vce == "robust" else group_codes(ds, clustvar, touse) if clustvar else None
    shown_cluster = group_var if vce == "robust" else clustvar  # rologit.ado: robust is cox's cluster(group)
    if clustvar and any(len(np.unique(clusters[groups == g])) > 1 for g in range(int(groups.max()) + 1)):
        raise StataError(f"cluster() must be constant within {group_var}", 459)
    if vce != "oim" and ties == "exactm":
        typed = "vce(robust)" if vce == "robust" else f"vce(cluster {clustvar})"
        raise StataError(f"{typed} not allowed with exactm method for handling ties", 184)
    sizes = np.bincount(groups)
    if sizes.max() < 2:  # every group one alternative: no comparison to fit (decided: clogit's r(2000);
        raise StataError("no observations", 2000)  # Newton stepped on a likelihood of 0 for ever)
    lhs = ds.numeric(depvar)[touse]
    fail = lhs != incomplete
    if (~fail).any():
        session.print("incomplete rankings encountered")
    if not fail.any():
        raise StataError("no observations", 2000)  # decided: cox has no failure to fit
    top = lhs[fail].max() if not opts.get("reverse") else lhs[fail].min()
    y = np.where(fail, (top - lhs + 1) if not opts.get("reverse") else (lhs - top + 1), lhs[fail].max() + 2)
    keys = np.column_stack([groups[fail], y[fail]])
    has_ties = len(unique_rows(keys)) < len(keys)
    if has_ties:
        if ties == "none":
            raise StataError("ties exist in your data and you specified ties(none)", 459)
        ties = ties or ("efron" if vce != "oim" else "exactm")  # rologit.ado's default
    elif _not_sequential(groups[fail], y[fail]):
        session.print("(preferences are not coded as sequential integers)")
    design = build_design(ds, terms, touse, constant=False)
    for note in design.notes:
        session.print(note)
    X, labels = _within_group_columns(session, design, groups, group_var, bool(opts.get("notestrhs")))
    level = confidence_level(opts, getattr(session, "level", 95.0))
    fit = _fit(X, y, fail, groups, ties or "breslow", ml_settings(session, opts), clusters)
    e = _post(session, cmd, depvar, group_var, labels, fit, touse, sizes, ties, incomplete, bool(opts.get("reverse")),
              level, design, vce, shown_cluster)
    session.e = e
    _display(session, e, opts, log=not opts.get("nolog"), table=table)
    finish(session, e, converged=fit["res"].converged, at_limit=fit["res"].limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _not_sequential(groups, y) -> bool:
    order = np.lexsort((y, groups))
    g, v = groups[order], y[order]
    first = np.r_[True, g[1:] != g[:-1]]
    starts = np.maximum.accumulate(np.where(first, np.arange(len(g)), 0))
    return bool((v != np.arange(len(g)) - starts + 1).any())


def _within_group_columns(session, design, groups, group_var, notestrhs):
    """rologit.ado's test of the right-hand side: a column constant within every group is
    omitted (o.), with its note."""
    import dataclasses

    labels, keep, constant = [], [], []
    est = iter(range(design.X.shape[1]))
    for lab in design.labels:
        if lab.base or lab.omitted:
            labels.append(lab)
            continue
        j = next(est)
        x = design.X[:, j]
        G = int(groups.max()) + 1
        lo, hi = np.full(G, np.inf), np.full(G, -np.inf)
        np.minimum.at(lo, groups, x)
        np.maximum.at(hi, groups, x)
        if not notestrhs and (hi == lo).all():
            constant.append(lab.name)
            labels.append(dataclasses.replace(lab, omitted=True))
        else:
            keep.append(j)
            labels.append(lab)
    if constant:
        session.print(f"note: {' '.join(constant)} omitted because of no within-{group_var} variance")
    return design.X[:, keep], tuple(labels)


def _fit(X, y, fail, groups, ties, ml, clusters=None):
    """cox's fit; with ``clusters`` (robust: the groups) the sandwich over them, times G/(G-1)."""
    from mlmcli.survival.cox import CoxData, fit_cox, robust_variance
    from mlmcli.survival.cox_strata import StratifiedLikelihood

    data = CoxData(np.zeros(len(y)), y.astype(float), fail.astype(float), X, np.ones(len(y)), ties=ties)
    likelihood = StratifiedLikelihood(data, groups)
    lik, res, V, ll0 = fit_cox(data, likelihood=likelihood, **ml)
    out = {"res": res, "V": V, "ll0": ll0, "clusters": None}
    if clusters is not None:
        G = int(clusters.max()) + 1
        out["V"] = robust_variance(lik, res.x, V, clusters, data.w) * (G / (G - 1.0) if G > 1 else 1.0)
        out["clusters"] = G
    return out


def _post(session, cmd, depvar, group_var, labels, fit, touse, sizes, ties, incomplete, reverse, level, design,
          vce="oim", clustvar=None):
    from mlmcli.commands.estimation.ml_binary_common import attach, posted
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank

    res, V = fit["res"], fit["V"]
    names, b_mat, V_mat = posted([(depvar, labels)], res.x, V)
    from mlmcli.results.matrix import Matrix

    # cox's e(b): no equation name; an omitted column o.name
    bare = tuple(("o." if lab.omitted and "." not in lab.name else "") + n.split(":", 1)[1]
                 for n, lab in zip(names, labels))
    b_mat = Matrix(b_mat.values, b_mat.rownames, bare)
    V_mat = Matrix(V_mat.values, bare, bare)
    df_m = safe_rank(V)
    robust = fit["clusters"] is not None
    chi2 = 2 * (res.f - fit["ll0"])
    if robust:  # cox's Wald test of every coefficient
        keep = np.flatnonzero(np.diag(V) > 0)
        chi2 = float(res.x[keep] @ np.linalg.pinv(V[np.ix_(keep, keep)]) @ res.x[keep])
    from mlmcli import distributions as stats

    scalars = {"N": float(touse.sum()), "N_g": float(len(sizes)), "g_min": float(sizes.min()),
               "g_avg": float(sizes.mean()), "g_max": float(sizes.max()), "ll": res.f, "ll_0": fit["ll0"],
               "chi2": chi2, "df_m": float(df_m), "p": float(stats.chi2.sf(chi2, df_m)) if df_m else float("nan"),
               "rank": float(df_m), "code_inc": float(incomplete), "N_ic": float(len(sizes)),
               "ic": float(max(len(res.steps) - 1, 0)), "rc": 0.0, "converged": float(res.converged)}
    macros = {"cmd": "rologit", "cmdline": (cmd.text or f"rologit {cmd.args}").strip(), "depvar": depvar,
              "group": group_var, "ties": ties, "reverse": "reverse" if reverse else "",
              "title": "Rank-ordered logistic regression", "chi2type": "Wald" if robust else "LR",
              "vce": vce, "vcetype": "Robust" if robust else "", "clustvar": clustvar or "",
              "crittype": "log pseudolikelihood" if robust else "log likelihood", "properties": "b V", "predict": "rologit_p", "marginsok": "XB",
              "marginsnotok": "Pr stdp default", "marginsdefault": "predict(xb)", "key_N_ic": "groups"}
    macros = {k: v for k, v in macros.items() if v}  # ereturn local with nothing removes the macro
    if clustvar:
        scalars["N_clust"] = float(fit["clusters"])  # robust: the groups (cox's cluster(group))
    e = EstimationResults(cmd="rologit", scalars=scalars, macros=macros, matrices={"b": b_mat, "V": V_mat},
                          model=None, sample=touse, title=macros["title"])
    model = RankOrderedModel(labels, group_var, design, labels)
    if list(design.column_names) == list(bare):  # margins' design (a column omitted for no within-group
        e.design = design                         # variance leaves it unset: r(321))
    fit_record = type("Fit", (), {"V": V, "theta": res.x})()
    return attach(session, e, model, fit_record, level, _result, steps=tuple(res.steps))


class RankOrderedModel:
    """The fit as predict sees it: the design's recipes and, per design column, its coefficient
    (0 for a column omitted for no within-group variance)."""

    def __init__(self, labels, group_var, design, kept_labels):
        self.labels = tuple(labels)
        self.group_var = group_var
        self.recipes = design.recipes
        self.kept = np.array([not mine.omitted for lab, mine in zip(design.labels, kept_labels)
                              if not (lab.base or lab.omitted)], bool)

    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.margins_choice_models import rologit_margins_prediction

        return rologit_margins_prediction(options)

    def design_coefficients(self):
        """(b, V) over the design's columns."""
        k = len(self.kept)
        b, V = np.zeros(k), np.zeros((k, k))
        idx = np.flatnonzero(self.kept)
        b[idx], V[np.ix_(idx, idx)] = self.theta, self.full_V
        return b, V


def _result(e, level):
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.results.choice_model import RankOrderedResult

    m, s, mac = e.model, e.scalars, e.macros
    rows = fixed_rows(m.labels, m.theta, m.full_V, level)
    return RankOrderedResult(title=mac["title"], depvar=mac["depvar"], group_var=mac["group"], nobs=int(s["N"]),
                             n_groups=int(s["N_g"]), g_min=s["g_min"], g_avg=s["g_avg"], g_max=s["g_max"],
                             ties=mac.get("ties", ""), chi2=s["chi2"], df_m=int(s["df_m"]), p=s["p"], loglik=s["ll"],
                             level=level, rows=rows, steps=m.steps, refining_loglik=s["ll"],
                             chi2_type=mac["chi2type"], robust="vcetype" in mac,
                             cluster=(int(s["N_clust"]), mac["clustvar"]) if "clustvar" in mac else None)


def _display(session, e, opts, *, log: bool, table=None) -> None:
    from mlmcli.commands.estimation.ml_binary_common import show
    from mlmcli.render.choice_model import render_rologit

    show(session, e, opts, _result, render_rologit, log=log, table=table)


def replay(session, e) -> None:
    _display(session, e, {}, log=False)


def replay_typed(session, cmd) -> None:
    from mlmcli.commands.estimation.choice_common import replay_typed as replay_command

    replay_command(session, cmd, "rologit", _DISPLAY, _display)

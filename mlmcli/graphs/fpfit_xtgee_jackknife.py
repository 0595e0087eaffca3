"""fpfit's ``estcmd(xtgee) estopts(vce(jackknife [, saving() keep reject() n() mse]))``: xtgee
under the jackknife prefix in every fit fracpoly makes (``graphs.fpfit_ml_jackknife``'s
machinery), and which powers fracpoly can then choose.

xtgee's ``_vce_parserun ..., panel`` runs ``jackknife _b, cluster(panelvar): xtgee ...`` for each
fit of frac_154: the replicates leave out one panel each (with fweights one copy of it,
``_loop_jknife_fw``; with pweights the panel, the others' weights times G/(G-1)).  xtgee posts
e(b) without an equation name (xtgee.ado: ``ereturn post b V, depname(y)`` on plain column
names), so _prefix_expand names the statistics as regress's: ``_b_Ix__1 _b_Ix__2 _b_cons``
(``fileformats.replicates.equation_statistics``, equation ``_``); reject() and n() read each
fit's xtgee e() (``panel.gee.stored_scalars``: e(N), e(N_g), e(g_min|avg|max), e(chi2), e(df_m),
e(p), e(phi), e(deviance), e(dispers), e(df_pear), e(rank), e(tol) ...).

What fracpoly compares (frac_dv) is -e(chi2), 0 when missing, and jackknife posts F, not chi2
(``_prefix_model_test`` with e(df_r)): every fit's deviance is 0.  frac_154 keeps a candidate only
when its deviance is below the best so far, which starts at the model without x's:

- with a constant that first fit (``xtgee y``, under the prefix, not captured) has deviance 0
  too, so no candidate is ever kept, fracgen gets no powers ("powers required" r(198)) and
  fracpoly fails: twoway's note, whatever the data -- after the prefix ran in the first fit and
  every candidate (``saving()``'s file holds the last of them that ran, ``keep``'s variables
  went with the restored data);
- with ``noconstant`` (xtgee's dist 5 > 0) frac_154 skips that fit, its deviance missing, so the
  first candidate that fits is kept: the first power pair without a power 1 (frac_154's even
  df), or the first with one when none of those fits (``tie_winner``).
"""
from __future__ import annotations

import numpy as np


def tie_winner(allowed, degree: int, powers) -> tuple | None:
    """frac_154's powers when every deviance ties (module docstring): among the candidates of
    the full degree that fit (``allowed``), in its order, the first without a power 1, else the
    first with one; None when none fit."""
    from mlmcli.graphs.fpfit_jackknife import candidate_powers

    ordered = [c for c in candidate_powers(powers, degree) if len(c) == degree and c in allowed]
    for candidate in ordered:
        if 1 not in candidate:
            return candidate
    return ordered[0] if ordered else None


def tie_model(y, x, fp_settings, allowed):
    """The FP fracpoly fits when the deviances tie (``tie_winner``), None: fracpoly fails."""
    from mlmcli.fractional_polynomials import POWERS, best_fp

    if fp_settings["constant"]:  # the model without x ties too: nothing kept
        return None
    chosen = tie_winner(allowed, fp_settings["degree"], fp_settings["powers"] or POWERS)
    if chosen is None:
        return None
    return best_fp(y, x, **fp_settings, criterion=lambda X: 0.0, allowed={chosen})


def fitting_candidates(x, fp_settings, deviance) -> set:
    """The full-degree power tuples whose fit succeeds (``deviance(design)`` not None, the
    design's constant first, as ``fractional_polynomials.best_fp`` builds it)."""
    from mlmcli.graphs.fpfit_jackknife import candidate_terms

    ones = [np.ones(len(x))] if fp_settings["constant"] else []
    return {powers for powers, terms in candidate_terms(x, fp_settings)
            if len(powers) == fp_settings["degree"] and deviance(np.column_stack(ones + [terms])) is not None}


def xtgee_prefixed(ctx, plot, engine, y, x, vce, fp_settings, renumbered: dict | None = None, data_rows=None):
    """(model, b, V, e(df_r)) of fracpoly with xtgee under the prefix, b and V over the
    uncentred terms (then the constant); None: fracpoly failed (the note).  ``renumbered`` gets
    x over the plot's rows after keep idcluster(x) renamed the panels' numbering 1..G over it
    (missing outside xtgee's sample): fracgen's final terms read it (``graphs.fpfit_renumbered_x``);
    y, the offset() or exposure() variable and the weight expression read it too
    (``renumber_xtgee``; ``data_rows``: the plot's rows in the data)."""
    from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefix_hooks, prefixed_fracpoly

    hooks = prefix_hooks(ctx)
    depvar = plot.ys[0]

    outcome: dict = {}  # what idcluster()'s renumbering makes the later fits fail on, or mlm refuse

    def estimate(X, keep, final, scalars, centre):
        from mlmcli.graphs.fpfit_idcluster_data import check_readable

        check_readable(outcome)
        narrowed = outcome.get("in")  # a renumbered weight 0 or missing: those rows out (marksample)
        if narrowed is not None:
            if final and keep is None and renumbered is not None:  # fracpred's e(sample) over the plot's rows
                sample = np.zeros(len(x), bool)
                sample[engine.used[narrowed]] = True
                renumbered["sample"] = sample
            keep = narrowed.copy() if keep is None else (keep & narrowed if keep.dtype == bool
                                                          else np.where(narrowed, keep, 0.0))
        names = [f"_fp{j}" for j in range(X.shape[1])]
        if fp_settings["constant"]:
            names[-1] = "_cons"
        return engine.estimate(X, keep, names, scalars)

    weights = None if engine.w is None else np.asarray(engine.w, float)
    weight = getattr(plot.call, "weight", None)
    renumbering = {}
    holder: list = []
    if renumbered is not None:
        def renumber(name, codes) -> bool:
            new_v = np.full(len(x), np.nan)
            codes = np.asarray(codes)
            new_v[engine.used] = np.where(codes >= 0, codes + 1.0, np.nan)  # missing out of a narrowed sample
            if name == plot.x:
                renumbered["x"] = new_v
            other = renumber_xtgee(hooks, plot, engine, name, new_v, data_rows, outcome, renumbered, holder)
            return name in (plot.x, engine.ivar) or other

        renumbering = dict(renumber=renumber, renumbered_x=lambda: renumbered.get("x"),
                           sample=lambda: outcome.get("in"))
    command = PrefixedCommand("xtgee", depvar, "_", (), estimate, len(engine.y),
                              weight_kind=engine.weight_kind if weights is not None else None, weights=weights,
                              weight_exp=None if weight is None else f"= {weight.exp}", **renumbering)
    holder.append(command)
    return prefixed_fracpoly(hooks, command, vce, fp_settings, x, plot.x, engine.codes, engine.ivar,
                             lambda allowed: tie_model(y, x, fp_settings, allowed))


def renumber_xtgee(hooks, plot, engine, name: str, new_v, data_rows, outcome: dict, renumbered: dict,
                   holder: list) -> bool:
    """keep idcluster(v): v is the panels' numbering 1..G (constant within each panel) on
    xtgee's rows, missing elsewhere; xtgee's later fits read it where they name it -- y (its
    family's checks: binomial's 0..1 fails), the offset() (exposure(): its log) and the weight
    expression, evaluated anew (``fpfit_idcluster_data``'s weights: negative, non-integer
    fweights, not constant within a panel make them fail; missing or zero there drops the row from
    the later fits, as marksample does: ``outcome["in"]``, their e(sample) ``renumbered["sample"]``).
    twoway__fpfit_serset's rows then sort on the new y (``renumbered["y"]``).  Whether a later
    fit reads v."""
    from mlmcli.graphs.fpfit_idcluster_data import new_weights
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    used = engine.used
    reads = False
    if name == plot.ys[0]:
        engine.y = new_v[used]
        renumbered["y"] = new_v
        try:
            engine._check_outcome(engine.family, engine.y)
        except FracpolyFailed as failure:
            outcome["failure"] = failure
        reads = True
    if engine.offset_name is not None and name == engine.offset_name:
        engine.offset = np.log(new_v[used]) if engine.exposure else new_v[used]
        reads = True
    weight = getattr(plot.call, "weight", None)
    if weight is not None and name in set(hooks.expression_variables(str(weight.exp))):
        new_weights(hooks, plot, weight, name, new_v, data_rows, lambda v: v[used], outcome, renumbered, holder)
        if "w" in outcome and outcome.get("failure") is None:
            from mlmcli.panel.replicates import constant_within

            engine.w = np.asarray(outcome["w"], float)  # 0 where marksample drops the row (outcome["in"])
            kept = np.ones(len(used), bool) if outcome.get("in") is None else outcome["in"]
            if not constant_within(engine.w[kept], engine.codes[kept]):  # "weight must be constant within panel"
                outcome["failure"] = FracpolyFailed("weight must be constant within panel")
        reads = True
    return reads


def with_panel_cluster(ctx, typed: list, i_option, settings: dict) -> list:
    """estopts()' options with xtgee's ``vce(jackknife, ... idcluster(v))`` given jackknife's
    ``cluster(panelvar)``: _vce_parserun (1.3.6) with ``paneldata`` appends ``cluster(`i')`` to
    the jackknife prefix's options (the panels of i() or xtset), so idcluster() numbers the
    panels (``settings["panel_cluster"]``: that variable).  Without xtset or i() the options stay
    as typed (xtgee fails: the note)."""
    import re

    from mlmcli.ast import Option
    from mlmcli.panel.time_settings import panel_setting
    from mlmcli.errors import StataError

    out = []
    for option in typed:
        text = str(option.arg or "")
        head, _, rest = text.partition(",")
        if (option.name == "vce" and head.strip().startswith("jack")
                and re.search(r"\bidc[a-z]*\s*\(", rest, re.IGNORECASE)
                and not re.search(r"(^|[^a-z])cl[a-z]*\s*\(", re.sub(r"\bidc[a-z]*\s*\([^)]*\)", " ", rest,
                                                                   flags=re.IGNORECASE), re.IGNORECASE)):
            try:
                ivar = ctx.data.resolve(str(i_option).strip()) if i_option else panel_setting(ctx.data)
            except StataError:
                ivar = None
            if ivar:
                settings["panel_cluster"] = ivar
                option = Option(option.name, f"{text} cluster({ivar})" if "," in text else f"{text}, cluster({ivar})")
        out.append(option)
    return out


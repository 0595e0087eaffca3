"""``margins``' numbers into its result, its printout, r() and (``post``) e().

Stored results follow Stata's margins: r(N), r(k_margins), r(k_by), r(k_at), r(level)
(r(df_r) with t statistics); r(cmd) ``margins``, r(cmdline), r(est_cmd), r(title),
r(model_vce), r(vce) ``delta``, r(predict_label), r(expression), r(margins), r(over),
r(within), r(xvars), r(derivatives), r(atstats#); r(b), r(V), r(Jacobian), r(at),
r(_N), r(error) (0 estimable, 8 not), r(table).  ``post`` moves them to e() (e(cmd)
``margins``), so ``test``, ``lincom`` and ``estimates`` work on the margins.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.commands.estimation.common import margins_formats
from mlmcli.commands.postestimation.margins_at_legend import at_dimensions, at_legend, at_matrix
from mlmcli.commands.postestimation.margins_output import DERIVATIVE_TEXT, mctitle, store_results, typed_cmdline
from mlmcli.commands.postestimation.margins_unconditional import influence_for, subpop_columns, survey_block
from mlmcli.errors import StataError
from mlmcli.results.margins import LegendLine, MarginRow, MarginsHeader, MarginsResult
from mlmcli.results.matrix import Matrix



def _varlist(session, text) -> tuple[list[str], tuple]:
    """over()/within(): the variables, and those typed with a contrast operator (``r.sesq``,
    ``ar.sesq``; ``i.`` is plain) as (var, op, ref) -- _marg_work's ``_strip_contrast `over',
    notsops nointeractions``."""
    import re

    from mlmcli.commands.postestimation.margins_syntax import OPERATOR_RE

    if text is None:
        return [], ()
    names, operated = [], []
    for token in str(text).split():
        op, dot, var = token.rpartition(".")
        m = OPERATOR_RE.match(op) if dot else None
        if m and not op.lower().endswith("w"):
            name = session.data.resolve(var)
            ref = (m.group("ref") or "").strip("()") or None
            names.append(name)
            operated.append((name, m.group("op").lower(), ref))
        elif dot and re.fullmatch(r"i?b?(\d+|\(.*\))|ibn|i", op.lower()):
            names += session.data.expand_varlist(var)
        else:
            names += session.data.expand_varlist(token)
    return names, tuple(operated)


def _check_groups(s, names) -> None:
    """over()/within() variables hold nonnegative integers ([R] margins), checked as factor
    variables are: ``over(x)`` of a continuous x is r(452), not one group per distinct value."""
    for name in names:
        values = np.asarray(s.sample.values.get(name, ()))
        if values.dtype.kind not in "fiub":
            continue  # a string: refused where the groups are made
        values = values[~np.isnan(values.astype(float))].astype(float)
        if values.size and np.any(values < 0):
            raise StataError(f"{name}:  factor variables may not contain negative values", 452)
        if values.size and np.any(values != np.floor(values)):
            raise StataError(f"{name}:  factor variables may not contain noninteger values", 452)


def observed_levels(s, factors) -> dict:
    """Each marginlist factor's levels observed in the margins sample (e(sample), if/in; before
    subpop()): _marg_work's ``_fv_term_info `varlist' if `.t_touse'``, so ``margins sector if
    sector==1`` reports the one level.  Unknown variables are left to _check_factor."""
    levels = {}
    for f in dict.fromkeys(factors):
        if not s.terms.is_factor(f) or f not in s.sample.values:
            continue
        seen = set(np.unique(np.asarray(s.sample.values[f], float)).tolist())
        levels[f] = tuple(lev for lev in s.terms.levels(f) if float(lev) in seen)
    return levels


def _joins_dimensions(words, several_at: bool, over, within) -> bool:
    """Whether margins' contrast() suboptions put an at(), over() or within() dimension into the
    contrast (atjoint, atcontrast(), overjoint, withinjoint), the term when there is no marginlist."""
    from mlmcli.commands.postestimation.contrast_blocks import joint_dimensions
    from mlmcli.commands.postestimation.margins_syntax import parse_suboption_words

    joint = joint_dimensions(parse_suboption_words(words))[0]
    return (joint.at is not None and several_at) or (joint.over and bool(over)) or (joint.within and bool(within))


def _note_no_contrast(session, kind: str = "contrast") -> None:
    from mlmcli.render.lrtest import wrap_paragraph

    text = ("note: ignoring contrast options because there are no margins for applying contrasts" if kind == "contrast"
            else "note: ignoring pwcompare options because there are no margins for making pairwise comparisons")
    session.print("\n".join(wrap_paragraph(text, session.linesize, first=0, hanging=6, right=2)))


def _check_factor(terms, var: str) -> None:
    if not terms.is_factor(var):
        raise StataError(f"factor '{var}' not found in list of covariates", 322)


def _title(effect: str, plan, terms, wrt) -> str:
    skip = {v for v in wrt if terms.is_factor(v)}
    fixed = all(cell.setting.fixes(v) for cell in plan.cells for v in terms.variables if v not in skip)
    if effect == "margin":
        return "Adjusted predictions" if fixed else "Predictive margins"
    return "Conditional marginal effects" if fixed else "Average marginal effects"


def build_rows(margins, est, skip_invalid: np.ndarray) -> tuple[MarginRow, ...]:
    from mlmcli.time_series_ops import operated_heading  # dy/dx of L2.x2: heading x2, row L2.

    out = []
    for i, m in enumerate(margins):
        ok = m.estimable or not skip_invalid[i]
        out.append(MarginRow(m.name, m.eq, m.heading, m.label, float(est.b[i]) if ok else 0.0,
                             float(est.se[i]), float(est.stat[i]), float(est.p[i]), float(est.lo[i]),
                             float(est.hi[i]), estimable=ok, base=m.base, dims=m.dims,
                             operated=operated_heading(m.label) if m.heading is None else None))
    return tuple(out)


def _warn_constant(session, terms, sample, fits, options, tol) -> None:
    """_marg_work's ``._check_exp``, once per prediction: "Warning: prediction constant over
    observations." when it is the same on every row of the margins sample at the rows' own
    values -- skipped for predict(xb) exactly, whose check never computes it (``.is_xb``)."""
    from mlmcli.margins.estimate import MarginCalculator

    for (pred, params, _), typed in zip(fits, options):
        if " ".join(str(typed or "").lower().split()) == "xb":
            continue
        if MarginCalculator(terms, sample, pred, params, tol).observed_is_constant():
            session.print("Warning: prediction constant over observations.")


def _fitted_metric(session, s, fits=()):
    """The fitted metric of a fit on shifted columns (``glm.rescaled_fit.FittedMetric``) while
    e(V) is still its own and every prediction of ``fits`` reads it (``reads_metric``), else
    None (margins then works in e(b)'s units)."""
    from mlmcli.estimation.storage import MissingFit
    from mlmcli.margins.estimate import reads_metric

    model = session.e.model if session.e is not None else None
    if isinstance(model, MissingFit):  # estimates use: e() only, fitted in e(b)'s units
        return None
    getter = getattr(model, "margins_fitted_metric", None)
    metric = getter() if getter is not None else None
    if metric is None or len(metric.b) != len(s.names) or not metric.describes(s.V):
        return None
    if not all(reads_metric(metric, pred, params) for pred, params, _ in fits):
        return None
    return metric


def _bound_variables(session, opts: dict) -> dict[str, str]:
    """{typed: variable} of the variables predict()'s pr(a,b)/e(a,b)/ystar(a,b) take as bounds
    (tobit, intreg, metobit, meintreg, xttobit): predict reads them at each row, so margins does."""
    from mlmcli.postest.censored_prediction import bound_variable_names

    texts = [t for t in (opts.get("predictions") or [opts.get("predict")]) if t]
    return {typed: session.data.resolve(typed) for text in texts for typed in bound_variable_names(text)}


def run_margins(session, cmd, opts: dict, marginlist, terms_text: str) -> None:
    """Compute, print, store (see module docstring)."""
    from mlmcli.commands.postestimation.margins_setup import (effect_of, effect_variables, omitted_effects,
                                                              prediction_for, setup, value_labels)
    from mlmcli.commands.postestimation.margins_syntax import parse_at, parse_suboption_words
    from mlmcli.margins.compute import Request, compute
    from mlmcli.margins.estimate import MarginCalculator
    from mlmcli.margins.grid import expand_scenarios
    from mlmcli.margins.inference import delta_method, estimates

    over, over_ops = _varlist(session, opts.get("over"))
    within, within_ops = _varlist(session, opts.get("within"))
    expr_vars = []
    if opts.get("expression") is not None:
        import re

        names = set(re.findall(r"[^\W\d]\w*", str(opts["expression"])))
        expr_vars = [v for v in session.data.varnames if v in names]
    # variables the fit's prediction reads besides X (the offset of logit ... nbreg)
    fit_vars = list(getattr(session.e.model, "margins_variables", tuple)()) if session.e is not None else []
    bounds = _bound_variables(session, opts)
    s = setup(session, cmd, opts, extra_vars=over + expr_vars + fit_vars + list(bounds.values()))
    for typed, name in bounds.items():  # the prediction reads a bound by the name typed
        s.sample.values.setdefault(typed, s.sample.values[name])
    _check_groups(s, over + within)
    observed = observed_levels(s, [v for t in marginlist for v in t.variables])
    unconditional = str(opts.get("vce") or "delta").strip().lower().startswith(("unc", "svy"))
    survey = session.e is not None and session.e.macros.get("prefix") == "svy"
    influence = influence_for(session, cmd, opts, s) if unconditional else None  # over e(sample)
    full_rows, subpop = s.rows, None
    if opts.get("subpop") is not None:
        from mlmcli.commands.postestimation.margins_subpop import restrict_to_subpop

        subpop = restrict_to_subpop(session, s, str(opts["subpop"]))
    terms = s.terms
    for t in marginlist:
        for v in t.variables:
            _check_factor(terms, v)
    for v in within:
        _check_factor(terms, v)
    xvars: list[str] = []  # dy/dx w.r.t. without base levels (the legend, e(xvars) less bases)
    effect, wrt_text = effect_of(opts)
    wrt = effect_variables(session, terms, wrt_text, effect) if effect != "margin" else []
    for t in marginlist:
        clash = set(t.variables) & set(wrt)
        if clash:
            raise StataError(f"'{sorted(clash)[0]}' may not be specified in both the marginlist and {effect}()", 198)
    at_specs = [parse_at(a, session.data.resolve) for a in opts.get("at", [])]
    for spec in at_specs:
        for item in spec:
            if item.var not in ("_all", "_factor", "_continuous") and item.var not in terms.variables:
                raise StataError(f"'{item.var}' not found in list of covariates", 322)
    atmeans, asbalanced = bool(opts.get("atmeans")), bool(opts.get("asbalanced"))
    scenarios = expand_scenarios(at_specs, terms, atmeans=atmeans, asbalanced=asbalanced)
    has_at = bool(at_specs) or atmeans or asbalanced
    options = opts.get("predictions") or [opts.get("predict")]
    several = len(options) > 1
    if several:
        from mlmcli.commands.postestimation import margins_predictions as several_predictions

        several_predictions.refuse_with_several(opts, marginlist, over_ops, within_ops)
    fits = [prediction_for(s, session, {**opts, "predict": o}) for o in options]
    pred, params, expression = fits[0]
    contrast_words = opts.get("contrast")
    pw_words = opts.get("pwcompare")
    contrasting = (any(t.has_operator or t.within for t in marginlist) or contrast_words is not None
                   or bool(over_ops or within_ops))
    if (over_ops or within_ops) and pw_words is not None:
        raise StataError("contrast operators may not be combined with option pwcompare", 198)
    if (over_ops or within_ops) and opts.get("saving") is not None:
        raise StataError("option saving() with contrasts or pairwise comparisons not supported by mlmcli", 198)
    if contrasting and not marginlist and not (over_ops or within_ops) \
            and not _joins_dimensions(contrast_words, len(scenarios) > 1, over, within):
        _note_no_contrast(session)  # _marg_work's ._setup_contrast: no term to contrast, plain margins
        contrasting = False
    if pw_words is not None and not marginlist and len(scenarios) <= 1 and not over and not within:
        _note_no_contrast(session, "pwcompare")  # ._setup_pwcompare: nothing to compare, plain margins
        pw_words = None
    if contrasting or pw_words is not None:
        for t in marginlist:
            for p in t.parts:
                if len(observed.get(p.var, (0, 1))) < 2:  # decided without Stata output to compare
                    raise StataError(f"{p.var}: contrasts of a factor with one level in the margins sample "
                                     "not supported by mlmcli", 198)
    term_vars = [t.variables for t in marginlist]
    term_list = [tuple(v) for v in term_vars] or [()]
    if opts.get("grand") and marginlist:
        term_list = [()] + term_list
    request = Request(term_list, scenarios, has_at, over, within, effect, wrt, bool(opts.get("continuous")),
                      term_levels=observed)
    labels = value_labels(session, over + within + [v for t in term_vars for v in t] + list(wrt), s.rows)
    tol = 1e-5  # estimtolerance(): Stata's default
    if opts.get("estimtolerance") is not None:
        try:
            tol = float(opts["estimtolerance"])
        except ValueError:
            raise StataError("estimtolerance() invalid", 198) from None
    per_prediction = []
    _warn_constant(session, terms, s.sample, fits, options, tol)
    metric = None if unconditional else _fitted_metric(session, s, fits)
    for k, (pred_k, params_k, _) in enumerate(fits, 1):
        if metric is not None:  # a fit on shifted columns: differentiated in its own metric
            params_k = replace(params_k, b=metric.b)
        calc = MarginCalculator(terms, s.sample, pred_k, params_k, tol, metric)
        calc.linearize = unconditional
        margins, plan = compute(calc, terms, s.sample, replace(request, predict=k) if several else request,
                                weighted=s.weighted, value_labels=labels,
                                over_values=[s.sample.values[v] for v in over])
        per_prediction.append(margins)
    if several:
        margins = several_predictions.predict_dims(several_predictions.stacked(per_prediction), options)
    values = np.array([m.value for m in margins])
    J = np.array([m.jacobian for m in margins]).reshape(len(margins), len(s.names))
    estimable = np.array([m.estimable for m in margins], bool)
    if not opts.get("noestimcheck"):
        values = np.where(estimable, values, 0.0)
        J = np.where(estimable[:, None], J, 0.0)
    else:
        estimable[:] = True
    base = np.array([m.base for m in margins], bool)
    nose = bool(opts.get("nose"))
    if unconditional:
        from mlmcli.margins.inference import unconditional_vce

        Vm = unconditional_vce([m.linearized for m in margins], J, *influence,
                               columns=subpop_columns(full_rows, s.rows))
    elif metric is not None:  # J' V' J'', then r(Jacobian) in e(b)'s units
        Vm = delta_method(values, J, metric.V)
        J = metric.jacobian_to_user(J)
    else:
        Vm = delta_method(values, J, s.V)
    # _marg_work's ._parse_vce: after svy the unconditional VCE is the design's, "Linearized"
    se_title = "" if nose else (("Linearized" if survey else "Unconditional") if unconditional else "Delta-method")
    est = estimates(values, Vm, s.df_r, s.level, valid=estimable & ~base)
    counts, method = (), "noadjust"
    if not (contrasting or pw_words is not None):
        from mlmcli.commands.postestimation.margins_output import mcompare_method

        method = mcompare_method(opts)
        if method != "noadjust":
            est, counts = _adjusted(est, margins, ~base & estimable, method, s.df_r, s.level)
    title = _title(effect, plan, terms, wrt)
    omitted = omitted_effects(s.names, terms, wrt) if effect != "margin" else set()
    dropped = np.array([(m.eq or m.name) in omitted and not J[i].any() for i, m in enumerate(margins)], bool)
    if not nose:  # findomitted: o. on every column whose e(V) diagonal is 0 (the base outcome's xb after mlogit)
        dropped |= estimable & ~base & (np.diag(np.atleast_2d(Vm)) == 0)
    for column in (est.se, est.stat, est.p, est.lo, est.hi):  # _coef_table's missing for an omitted column
        column[dropped] = np.nan
    legend = [] if several else [LegendLine("Expression", expression)]
    if effect != "margin":
        from mlmcli.margins.covariates import factor_level_name

        for v in wrt:
            if terms.is_factor(v):
                b0 = terms.base(v) if terms.base(v) is not None else terms.levels(v)[0]
                xvars += [factor_level_name(str(int(lev)) if float(lev).is_integer() else str(lev), v)
                          for lev in terms.levels(v) if lev != b0]
            elif v not in omitted:
                xvars.append(v)
        legend.append(LegendLine(f"{DERIVATIVE_TEXT[effect]} w.r.t.", " ".join(xvars)))
    if over:
        legend.append(LegendLine("over", " ".join(over)))
    if within:
        legend.append(LegendLine("within", " ".join(within)))
    if asbalanced:
        legend.append(LegendLine("Margins", "asbalanced"))
    predict_legend = several_predictions.legend([f[2] for f in fits]) if several else ()
    if not opts.get("nopredictlegend"):  # _marg_report's PredLegend, after the other legends
        legend += list(predict_legend)
    vsquish = bool(opts.get("vsquish"))
    blocks, squish = ((), True)
    if has_at:
        blocks, squish = at_legend(plan, terms, over=over, vsquish=vsquish)
    header = MarginsHeader(title, s.n_obs, s.model_vce, tuple(legend), () if opts.get("noatlegend") else blocks, squish,
                           survey=survey_block(s.e, title, s.n_obs) if survey and not nose else None)
    if unconditional:  # _marg_report: ``if "`e(vce)'" == "delta" { vceHeader }``, svy or not
        header = replace(header, model_vce="")
    at_dims, at_vars = at_dimensions(plan, scenarios)
    margins = [m if m.cell is None or m.cell.at is None else
               type(m)(**{**m.__dict__, "dims": m.dims + at_dims.get(m.cell.at, ())}) for m in margins]
    rows = tuple(replace(r, omitted=bool(d)) for r, d in zip(build_rows(margins, est, ~estimable), dropped))
    notes = []
    if effect != "margin" and any(terms.is_factor(v) for v in wrt) and not opts.get("continuous"):
        notes.append(f"Note: {DERIVATIVE_TEXT[effect]} for factor levels is the discrete change from the "
                     "base level.")
    ylabel = _plot_ylabel(pred, expression, effect)
    if several:  # marginsplot.ado: proper(_dta[predict_label]), empty here, else _dta[expression] as it is
        ylabel = "predict()" if effect == "margin" else "Effects on predict()"
    # marginsplot.ado's order, with the names of its margins file: at() variables (_at#), marginlist
    # (_m#), over()/within() (_by#), the at() row (_atopt), the dy/dx variable (_deriv)
    term_dims = list(dict.fromkeys(v for t in term_vars for v in t))
    dims = tuple([(d, f"_at{i}") for i, d in enumerate(at_vars, 1)]
                 + [(d, f"_m{i}") for i, d in enumerate(term_dims, 1)]
                 + [(d, f"_by{i}") for i, d in enumerate(over + within, 1)]
                 + ([("_at", "_atopt")] if len(scenarios) > 1 else [])
                 + ([("_deriv", "_deriv")] if effect != "margin" else [])
                 + ([("_predict", "_predict")] if several else []))
    of = list(wrt) if effect != "margin" else ["#".join(t) for t in term_vars]
    plot_title = " ".join(w[:1].upper() + w[1:] for w in title.split()) + (" of " + " and ".join(of) if of else "")
    result = MarginsResult(header, rows, DERIVATIVE_TEXT.get(effect, "Margin"), se_title,
                           "t" if s.df_r else "z", s.level, nose, tuple(notes), *margins_formats(opts),
                           ylabel, dims, at_vars, plot_title,
                           mctitle(method) if counts else "", counts,
                           tuple(" ".join(str(a).split()) for a in opts.get("at", [])), blocks, predict_legend)
    names = tuple(m.name for m in margins)
    stored = {
        "b": Matrix(values[None, :], ("y1",), names), "V": Matrix(Vm, names, names),
        "Jacobian": Matrix(J, names, tuple(s.names)),
        "_N": Matrix(np.array([[float(len(m.cell.rows)) if m.cell is not None else float(s.n_obs)
                                for m in margins]]), ("r1",), names),
        "error": Matrix(np.array([[0.0 if ok else 8.0 for ok in estimable]]), ("r1",), names),
    }
    if has_at:
        stored["at"] = at_matrix(plan, terms, over)
    from mlmcli.margins.inference import r_table

    scalars = {"N": float(s.n_obs), "k_margins": float(len(marginlist)), "k_by": float(max(len(
        {o for _, o, _ in plan.records}), 1)), "k_at": float(len(scenarios) if has_at else 0),
        "level": float(s.level), "k_predict": float(len(fits))}
    if s.df_r:
        scalars["df_r"] = float(s.df_r)
    if subpop is not None:
        scalars["N_sub"] = subpop.n_sub
    macros = {"cmd": "margins", "cmdline": typed_cmdline("margins", cmd), "est_cmd": s.e.cmd,
              "est_cmdline": s.e.macros.get("cmdline", ""), "title": title, "model_vce": s.e.macros.get("vce", ""),
              "vce": "unconditional" if unconditional else "delta", "predict_label": getattr(pred, "label", ""),
              "expression": expression.split(", ")[-1] if opts.get("expression") is None else expression,
              "margins": terms_text, "over": " ".join(over), "within": " ".join(within),
              "emptycells": "strict", "mcmethod": method}
    if several:
        macros.update(several_predictions.stored_macros([f[0] for f in fits], options))
    if s.e.macros.get("vcetype"):
        macros["model_vcetype"] = s.e.macros["vcetype"]
    if survey and not nose:  # _marg_work's .estimate posts the design's counts after svy
        macros["prefix"] = "svy"
        if unconditional:
            macros["model_vce"] = "svy"
        scalars.update({k: float(s.e.scalars[k]) for k in ("N_pop", "N_psu", "N_strata", "N_poststrata")
                        if s.e.scalars.get(k)})
    if unconditional and influence[1] is not None and s.e.macros.get("clustvar"):
        # _marg_work's .estimate: the linearization's clusters, e(clustvar)'s
        macros["clustvar"] = s.e.macros["clustvar"]
        scalars["N_clust"] = float(int(influence[1].max()) + 1)
        result = replace(result, cluster=(int(scalars["N_clust"]), macros["clustvar"]))
    if subpop is not None:
        macros["subpop"] = subpop.text
    if effect != "margin":
        macros["xvars"] = " ".join(wrt)
        macros["derivatives"] = DERIVATIVE_TEXT[effect]
    first_of_row: dict = {}
    for k, _, rec in plan.records:
        first_of_row.setdefault(k, rec.stats)
    at_stats = list(first_of_row.values()) if has_at else []
    for i, stats in enumerate(at_stats, start=1):  # one per at() row, not per over() group
        macros[f"atstats{i}"] = " ".join(stats)
    if contrasting or pw_words is not None:
        if opts.get("noci") or opts.get("nopvalues"):  # their tables take contrast()/pwcompare() words
            raise StataError("options noci and nopvalues with contrasts or pairwise comparisons not supported "
                             "by mlmcli; use the effects, cieffects or pveffects suboptions", 198)
        from mlmcli.commands.postestimation.contrast import margins_contrast
        from mlmcli.commands.postestimation.pwcompare import margins_pwcompare

        context = dict(session=session, opts=opts, marginlist=marginlist, margins=margins, values=values,
                       V=Vm, J=J, setup=s, header=header, title=title, effect=effect, stored=stored,
                       scalars=scalars, macros=macros, labels=labels, vsquish=vsquish, term_list=term_list,
                       se_title=se_title, dimension_ops=(over_ops, within_ops), margins_result=result)
        if opts.get("saving") is not None:  # the contrasts' or comparisons' file, as the margins'
            from mlmcli.commands.postestimation.margins_saving import save_inputs, save_margins

            def save_contrasts(contrast_rows, contrast_stored, posted_macros, pairwise=None) -> None:
                # _marg_save reads e() as contrast/pwcompare posted it: e(cmd), e(title)
                save_margins(session, opts["saving"], save_inputs(
                    replace(result, rows=tuple(contrast_rows)), contrast_stored, posted_macros, s, terms, plan,
                    list(dict.fromkeys(v for t in term_vars for v in t)), over + within, xvars, at_specs, opts,
                    at_stats, pairwise))

            context["save"] = save_contrasts
        if pw_words is not None:
            return margins_pwcompare(context, parse_suboption_words(pw_words))
        return margins_contrast(context, parse_suboption_words(contrast_words))
    from mlmcli.render.margins import render_margins, shown_columns

    result = replace(result, columns=shown_columns(bool(opts.get("noci")), bool(opts.get("nopvalues"))))
    session.print(render_margins(result, linesize=session.linesize, vsquish=vsquish,
                                 coeflegend=opts.get("coeflegend") is not None))
    if nose:
        stored.pop("V")
        stored.pop("Jacobian")
    from mlmcli.margins.inference import interval_critical_values

    stored["table"] = r_table(est, names, interval_critical_values(rows) if counts else None)
    if nose:  # no e(V) posted: the table's se, statistic, p-value and limits are missing
        stored["table"].values[1:6] = np.nan
    store_results(session, result, scalars, macros, stored, post=bool(opts.get("post")))
    if opts.get("saving") is not None:
        from mlmcli.commands.postestimation.margins_saving import save_inputs, save_margins

        save_margins(session, opts["saving"], save_inputs(
            result, stored, macros, s, terms, plan, list(dict.fromkeys(v for t in term_vars for v in t)),
            over + within, xvars, at_specs, opts, at_stats))


def _adjusted(est, margins, tested: np.ndarray, method: str, df_r, level):
    """mcompare() on plain margins: p-values and intervals adjusted within each term (the
    margins of one marginlist term, one dy/dx variable, or the at()/over() cells), the family
    being its m tested margins (Scheffe: of rank d = rank of their V)."""
    from mlmcli.margins.contrasts import Adjustment
    from mlmcli.margins.inference import Estimates

    p, lo, hi = est.p.copy(), est.lo.copy(), est.hi.copy()
    families: dict = {}
    for i, m in enumerate(margins):
        if tested[i]:
            families.setdefault((m.eq, m.cell.term if m.cell is not None else None), []).append(i)
    counts = []
    for (eq, _), idx in families.items():
        sub = est.V[np.ix_(idx, idx)]
        # a V with missing entries (margins past the double range) has no rank: 0, Scheffe's d then 1
        adj = Adjustment(method, len(idx), int(np.linalg.matrix_rank(sub)) if len(idx) and np.isfinite(sub).all() else 0)
        p[idx] = adj.p(est.stat[idx], df_r)
        crit = adj.critical(level, df_r)
        lo[idx], hi[idx] = est.b[idx] - crit * est.se[idx], est.b[idx] + crit * est.se[idx]
        first = margins[idx[0]]
        counts.append((first.heading or eq or "_cons", len(idx)))
    return Estimates(est.b, est.V, est.se, est.stat, p, lo, hi, df_r, level), tuple(counts)


def _plot_ylabel(pred, expression: str, effect: str) -> str:
    label = getattr(pred, "label", "") or expression
    titled = " ".join(w[:1].upper() + w[1:] for w in label.split(" "))
    return titled if effect == "margin" else f"Effects on {titled}"

"""``lroc`` and ``lsens`` after ``logit``, ``logistic`` and ``probit`` ([R] lroc, [R] lsens).

    lroc [depvar] [if] [in] [fweight] [, all nograph rlopts(cline_options) plot() addplot() twoway_options]
    lsens [depvar] [if] [in] [fweight] [, all genprob(var) gensens(var) genspec(var) replace nograph
                                          plot() addplot() twoway_options]

The sample and probabilities are lfit_p's (``mlmcli.commands.postestimation.binary_fit``), the
points lsens_x's (``mlmcli.postest.binary_fit.roc_points``).  Each graph is the twoway call the
ado-file makes, drawn on the data with the computed points beside it, so every twoway option
works: lroc ``(connected sens 1-spec, sort ylabel(0(.25)1, grid format(%4.2f)) ... note("Area under ROC
curve = #")) (function y=x, lstyle(refline) range() n(2))``, lsens ``(connected sens spec p, ...)``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

_ROC_SPECS = [OptionSpec("nograph", 3), OptionSpec("rlopts", 4, True), OptionSpec("plot", None, True),
              OptionSpec("addplot", None, True)]
_SENS_SPECS = [OptionSpec("genspec", 5, True), OptionSpec("gensens", 5, True), OptionSpec("genprob", 4, True),
               OptionSpec("replace", None), OptionSpec("nograph", 3), OptionSpec("plot", None, True),
               OptionSpec("addplot", None, True)]


def _split(cmd, specs):
    """(the command's own options, the twoway options typed); by() is not one of them (the
    manuals: "any options other than by()")."""
    from mlmcli.commands.postestimation.binary_fit import SAMPLE_OPTIONS

    own = [*specs, *SAMPLE_OPTIONS]
    mine = [o for o in cmd.options if any(s.matches(o.name) for s in own)]
    rest = [o for o in cmd.options if not any(s.matches(o.name) for s in own)]
    if any(o.name == "by" for o in rest):
        raise StataError("option by() not allowed", 198)
    return mine, rest


def _opening(session, cmd, name: str, specs):
    """(the sample, the command's own options, the twoway options typed): what lroc.ado and
    lsens.ado do before drawing -- S_1 saved before their options are checked."""
    from mlmcli.commands.postestimation.binary_fit import binary_sample, double_save

    _refuse_by(cmd, name)
    mine, rest = _split(cmd, specs)
    s, opts = binary_sample(session, cmd, cmd.args, mine, specs)
    double_save(session, [s.n])
    _refuse_with_nograph(opts, rest)
    return s, opts, rest


def _option_text(options) -> str:
    return " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in options)


def _refuse_with_nograph(opts: dict, rest, extra=()) -> None:
    """``nograph`` takes no graph options (the ado's second ``syntax [, noGraph]``)."""
    if opts.get("nograph"):
        for name in ("rlopts", "plot", "addplot", *extra):
            if name in opts:
                raise StataError(f"option {name}() not allowed", 198)
        if rest:
            o = rest[0]
            raise StataError(f"option {o.name}{'()' if o.arg is not None else ''} not allowed", 198)


def _scratch(session, columns: list):
    """A copy of the session whose data has ``columns`` ((name, values, label)) beside the
    variables, stored as float with format %4.2f (rows added when the points outnumber them)."""
    from mlmcli.commands.graphs.ready_series import session_with_columns

    return session_with_columns(session, columns, types="float", formats="%4.2f")


def _free(data, stem: str) -> str:
    name, k = stem, 0
    while name in data.varnames:
        k += 1
        name = f"{stem}{k}"
    return name


def _draw(session, scratch, text: str, command: str) -> None:
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.twoway import build_twoway
    from mlmcli.graphs.syntax import parse_twoway

    graph, builder = build_twoway(scratch, parse_twoway(text), command)
    finish(session, graph, builder.graph_options)


def _added(opts: dict) -> str:
    return "".join(f" || {opts[n]}" for n in ("plot", "addplot") if isinstance(opts.get(n), str) and opts[n].strip())


def cmd_lroc(session, cmd) -> None:
    from mlmcli.commands.postestimation.binary_fit import double_save
    from mlmcli.postest.binary_fit import roc_points
    from mlmcli.render.binary_fit import render_lroc
    from mlmcli.render.numfmt import format_number

    s, opts, rest = _opening(session, cmd, "lroc", _ROC_SPECS)
    points = roc_points(s.y, s.p, s.w)
    area = points.area()
    double_save(session, [area], 2)
    if not opts.get("nograph"):
        data = session.data
        sens, spec = _free(data, "__roc_sens"), _free(data, "__roc_spec")
        scratch = _scratch(session, [(sens, points.sensitivity, "Sensitivity"),
                                     (spec, points.one_minus_spec, "1 - Specificity")])
        note = "Area under ROC curve = " + format_number(area, "%6.4f").strip()
        legend = "" if _added(opts) else " legend(nodraw)"
        text = (f'(connected {sens} {spec}, sort ylabel(0(.25)1, grid format(%4.2f)) ytitle(`"Sensitivity"\') '
                f'xlabel(0(.25)1, grid format(%4.2f)) xtitle(`"1 - Specificity"\') note(`"{note}"\'){legend} {_option_text(rest)}) '
                f'(function y=x, lstyle(refline) range({spec}) n(2) yvarlabel("Reference") {opts.get("rlopts") or ""})'
                + _added(opts))
        _draw(session, scratch, text, cmd.text)
    session.print(render_lroc(s.model, s.depvar, s.n, area))
    session.set_r({"N": float(s.n), "area": area})


def cmd_lsens(session, cmd) -> None:
    from mlmcli.postest.binary_fit import roc_points

    s, opts, rest = _opening(session, cmd, "lsens", _SENS_SPECS)
    data = session.data
    wanted = {k: _new_name(data, k, opts.get(k), bool(opts.get("replace"))) for k in ("genspec", "gensens", "genprob")}
    points = roc_points(s.y, s.p, s.w)
    spec_values = points.specificity
    _sort_as_lsens_x(data, s, points)
    if not opts.get("nograph"):
        sens, spec, prob = _free(data, "__ls_sens"), _free(data, "__ls_spec"), _free(data, "__ls_p")
        scratch = _scratch(session, [(sens, points.sensitivity, "Sensitivity"), (spec, spec_values, "Specificity"),
                                     (prob, points.cutoff, "Probability cutoff")])
        text = (f'(connected {sens} {spec} {prob}, ylabel(0(.25)1, grid format(%4.2f)) ytitle("Sensitivity/Specificity") '
                f'xlabel(0(.25)1, grid format(%4.2f)) xtitle(`"Probability cutoff"\') title(`""\') {_option_text(rest)})'
                + _added(opts))
        _draw(session, scratch, text, cmd.text)
    if any(wanted.values()):
        _generate(session, wanted, points, spec_values)
    session.set_r({"N": float(s.n)})


def _sort_as_lsens_x(data, s, points) -> None:
    """lsens is not sortpreserve: lsens_x's ``sort touse p`` then ``sort spec sens`` leave the
    observation that holds each point (the last of its probability) first, in the points' order
    (cutoffs descending), then the others -- Stata puts ties in random order, mlm as a stable sort
    would: the observations outside the sample in their order, then the sample's others by p."""
    used = np.flatnonzero(s.rows)
    holders = used[points.source]
    rest = np.r_[np.flatnonzero(~s.rows), used[np.argsort(s.p, kind="stable")]]
    rest = rest[~np.isin(rest, holders)]
    data.take_rows(np.r_[holders, rest].astype(np.int64))
    data.sortedby = ()  # lsens_x replaces spec and sens after sorting on them: no sort order left
    data.changed = True


def _refuse_by(cmd, name: str) -> None:
    if any(p.name == "by" for p in cmd.prefixes):
        raise StataError(f"{name} may not be combined with by", 190)


def _new_name(data, option: str, typed, replace: bool) -> str | None:
    """lsens's ReplVar and ``confirm new variable``: the name of a gen*() variable."""
    if not isinstance(typed, str) or not typed.strip():
        return None
    words = typed.split()
    if len(words) > 1:
        raise StataError(f"too many variables specified in {option}()", 103)
    name = words[0]
    if replace and name in data.varnames:
        return name
    from mlmcli.syntax.varlist import check_new_name

    check_new_name(data, name)
    return name


def _generate(session, wanted: dict, points, spec_values) -> None:
    """The gen*() variables: the points in rows 1..K in lsens's order (cutoffs descending: the
    data were sorted so, ``_sort_as_lsens_x``), missing below; observations added (``obs was N, now M``) when the points outnumber them."""
    import pandas as pd

    data = session.data
    k = len(points.cutoff)
    old = data.nobs
    if k > old:
        frame = data.df.reindex(pd.RangeIndex(k))
        for name in frame.columns:
            if data.is_string(name):
                frame[name] = frame[name].astype(object).where(frame[name].notna(), "")
        data.append_rows(frame)
        session.print(f"obs was {old}, now {k}")
    n = data.nobs
    columns = {"genprob": (points.cutoff, "double", "Probability cutoff"),
               "gensens": (points.sensitivity, "float", "Sensitivity"),
               "genspec": (spec_values, "float", "Specificity")}
    for option in ("genspec", "gensens", "genprob"):
        name = wanted[option]
        if name is None:
            continue
        values, vtype, label = columns[option]
        if name in data.varnames:
            data.drop_variables([name])
        data.set_variable(name, np.r_[np.asarray(values, float), np.full(n - k, np.nan)], vtype=vtype)
        data.var_labels[name] = label
        data.formats[name] = "%9.6f"
    data.changed = True


# shared with stcurve (commands/graphs/survival_curves.py)
free_name, option_text = _free, _option_text

"""``meta forestplot``, ``meta funnelplot``, ``meta galbraithplot`` and ``meta trimfill, funnel``
([META]): the graphs of the meta suite, drawn by ``mlmcli.graphs.meta_plots``; every graph
option (titles, axes, ``name()``, ``saving()`` ...) as for any graph command.

The forest plot's columns are named as Stata names them: ``_id`` (study labels), ``_plot``,
``_esci`` (effect size with its interval, bound by ``cibind()``), ``_es``, ``_lb``, ``_ub``,
``_ci``, ``_weight``, ``_se`` and ``_pvalue``; ``columnopts(col, mask() format() title())``
changes one.  The overall row's notes: heterogeneity (``noohetstats``), the test of homogeneity
(``noohomtest``) and the test of theta = 0 (``noosigtest``)."""
from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np

from mlmcli.commands.meta import settings as store
from mlmcli.commands.meta.model_options import MODEL_SPECS
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

_FOREST = [*MODEL_SPECS, OptionSpec("se", 2, True), OptionSpec("tdistribution", 4), OptionSpec("level", 1, True),
           OptionSpec("eform", 5, True, True), OptionSpec("sort", 4, True), OptionSpec("subgroup", 8, True),
           OptionSpec("leaveoneout", 11), OptionSpec("cumulative", 6, True), OptionSpec("cibind", 6, True),
           OptionSpec("columnopts", 10, True, repeatable=True), OptionSpec("noohetstats", 11),
           OptionSpec("noohomtest", 10), OptionSpec("noosigtest", 10), OptionSpec("nooverall", 9),
           OptionSpec("esrefline", 9, True, True), OptionSpec("nullrefline", 11, True, True),
           OptionSpec("nonullrefline", 13), OptionSpec("noesrefline", 11), OptionSpec("ciopts", 6, True),
           OptionSpec("markeropts", 10, True), OptionSpec("crop", 4, True), OptionSpec("nometashow", 10),
           OptionSpec("metashow", 8), OptionSpec("predinterval", 7, True, True), OptionSpec("tau2", 4, True),
           OptionSpec("transform", 9, True), OptionSpec("nonotes", 7), OptionSpec("noghetstats", 11),
           OptionSpec("nogwhomtests", 12), OptionSpec("nogsigtests", 11), OptionSpec("nogbhomtests", 12)]
COLUMNS = ("_id", "_plot", "_esci", "_es", "_lb", "_ub", "_ci", "_weight", "_se", "_pvalue")
_DEFAULT_COLUMNS = ("_id", "_plot", "_esci", "_weight")
_MASK = re.compile(r"%-?\d*\.\d+[fge]")


def _split(cmd, specs):
    """The command's own options and the graph options."""
    from mlmcli.graphs import graph_options as gopt

    own = [o for o in cmd.options if any(s.matches(o.name) for s in specs)]
    rest = [o for o in cmd.options if not any(s.matches(o.name) for s in specs)]
    return resolve_options(own, specs), gopt.resolve_graph_options(rest)


def _look_colors(text: str | None, allowed: dict[str, str], option: str) -> dict:
    """lcolor()/mcolor()/msymbol() inside ciopts()/markeropts(); anything else is refused."""
    if not text:
        return {}
    _, subs, _ = split_options("," + text)
    out = {}
    for o in subs:
        key = next((k for k in allowed if o.name == k or (len(o.name) >= 3 and k.startswith(o.name))),
                   None)
        if key is None or o.arg is None:
            raise StataError(f"option {option}(): suboption {o.name} is not implemented in mlm", 198)
        out[allowed[key]] = o.arg.strip()
    return out


def _column_options(typed: list[str] | None) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for text in typed or []:
        head, subs, _ = split_options(text)
        cols = head.split()
        if not cols or any(c not in COLUMNS for c in cols):
            raise StataError(f"option columnopts() invalid;\ncolumn {head.strip()} not allowed", 198)
        for o in subs:
            name = o.name
            if name not in ("mask", "format", "title"):
                raise StataError(f"option columnopts(): suboption {o.name} is not implemented in mlm", 198)
            for c in cols:
                out.setdefault(c, {})[name] = (o.arg or "").strip().strip('"') if name != "mask" else \
                    _unquote(o.arg or "")
    return out


def _unquote(text: str) -> str:
    """A mask's text with its quotes taken off (``"[%4.2f",`` is ``[%4.2f,``)."""
    text = text.strip()
    if text.count('"') == 2:
        a, b = text.index('"'), text.rindex('"')
        return text[:a] + text[a + 1:b] + text[b + 1:]
    return text


def _formatted(value: float, fmt: str, mask: str | None) -> str:
    from mlmcli.render.numfmt import format_number

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if mask:
        m = _MASK.search(mask)
        if m is None:
            raise StataError(f"option mask() invalid: {mask} has no numeric format", 198)
        return mask[:m.start()] + format_number(value, m.group(0)).strip() + mask[m.end():]
    return format_number(value, fmt).strip()


def _bind(cibind: str):
    left, right = {"brackets": ("[", "]"), "parentheses": ("(", ")"), "none": ("", "")}[cibind]
    return left, right


def cmd_forestplot(session, cmd, words: list[str]) -> None:
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.meta.summarize import (Analysis, leave_one_out_fits, run_pool, study_order, group_values)
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.meta_plots import ForestLook, ForestRow, forest_graph

    opts, gopts = _split(cmd, _FOREST)
    for name in ("cumulative", "transform", "predinterval", "tau2"):
        if name in opts:
            raise StataError(f"meta forestplot: option {name}() is not implemented in mlm", 198)
    # leave-one-out rows have no weights: Stata's default columns show their p-values instead
    columns = tuple(words) or (("_id", "_plot", "_esci", "_pvalue") if "leaveoneout" in opts else _DEFAULT_COLUMNS)
    bad = [c for c in columns if c not in COLUMNS]
    if bad:
        raise StataError(f"column {bad[0]} not allowed", 198)
    cibind = (opts.get("cibind") or "brackets").strip().lower()
    cibind = next((c for c in ("brackets", "parentheses", "none") if c.startswith(cibind) and len(cibind) >= 3),
                  None)
    if cibind is None:
        raise StataError("option cibind() invalid", 198)
    if cibind == "none" and "_esci" in columns:
        columns = tuple(c for c in columns for c in (("_es", "_lb", "_ub") if c == "_esci" else (c,)))
    colopts = _column_options(opts.get("columnopts"))
    s = store.load(session.data)
    a = Analysis(session, opts, s)
    st = store.studies(session, cmd, s)
    store.require_studies(st, 1)
    order = study_order(session, st, opts.get("sort"))
    overall = run_pool(a, st.es, st.se, rows=st.rows)
    from mlmcli.distributions import norm
    z = float(norm.isf((100 - a.level) / 200))
    left, right = _bind(cibind)

    def cells(es, lo, hi, weight, se=float("nan"), p=float("nan")) -> tuple[str, ...]:
        out = []
        for c in columns:
            if c in ("_id", "_plot"):
                continue
            o = colopts.get(c, {})
            fmt = o.get("format", {"_weight": "%5.2f", "_pvalue": "%5.3f"}.get(c, "%7.2f"))
            mask = o.get("mask")
            if c == "_esci":
                lo_t, hi_t = _formatted(lo, fmt, None), _formatted(hi, fmt, None)
                es_t = _formatted(es, fmt, None)
                out.append(_formatted(es, fmt, mask) if mask else
                           (f"{es_t} {left}{lo_t}, {hi_t}{right}" if es_t else ""))
            elif c == "_ci":
                out.append(f"{left}{_formatted(lo, fmt, None)}, {_formatted(hi, fmt, None)}{right}"
                           if not math.isnan(lo) else "")
            else:
                value = {"_es": es, "_lb": lo, "_ub": hi, "_weight": weight, "_se": se, "_pvalue": p}[c]
                out.append(_formatted(value, fmt, mask))
        return tuple(out)

    rows: list[ForestRow] = []
    if "leaveoneout" in opts:
        if st.K < 3:
            raise StataError("leave-one-out meta-analysis requires at least 3 studies", 2001)
        for i, f in zip(order, leave_one_out_fits(a, st, order)):
            es, lo, hi = a.scale(f.theta), a.scale(f.ci[0]), a.scale(f.ci[1])
            rows.append(ForestRow(st.labels[i], "study", es, lo, hi, float("nan"),
                                  cells(es, lo, hi, float("nan"), f.se, f.p)))
    elif opts.get("subgroup"):
        names = session.data.expand_varlist(opts["subgroup"])
        if len(names) != 1:
            raise StataError("meta forestplot: one subgroup() variable at a time in mlm", 198)
        texts, masks = group_values(session, st, names[0])
        for text, mask in zip(texts, masks):
            idx = [i for i in order if mask[i]]
            g = run_pool(a, st.es[idx], st.se[idx], rows=st.rows[idx])
            rows.append(ForestRow(text, "heading"))
            for i, w in zip(idx, overall.weights[idx]):
                es, lo, hi = (a.scale(x) for x in (st.es[i], st.es[i] - z * st.se[i], st.es[i] + z * st.se[i]))
                rows.append(ForestRow(st.labels[i], "study", es, lo, hi, 100 * w, cells(es, lo, hi, 100 * w)))
            es, lo, hi = a.scale(g.theta), a.scale(g.ci[0]), a.scale(g.ci[1])
            rows.append(ForestRow(a.theta_label, "group", es, lo, hi, float("nan"),
                                  cells(es, lo, hi, 100 * float(np.sum(overall.weights[idx])))))
            if "noghetstats" not in opts and g.K > 1:
                rows.append(ForestRow(_het_text(g), "note"))
    else:
        for i in order:
            w = 100 * overall.weights[i]
            es, lo, hi = (a.scale(x) for x in (st.es[i], st.es[i] - z * st.se[i], st.es[i] + z * st.se[i]))
            rows.append(ForestRow(st.labels[i], "study", es, lo, hi, w, cells(es, lo, hi, w, st.se[i])))
    if "nooverall" not in opts:
        es, lo, hi = a.scale(overall.theta), a.scale(overall.ci[0]), a.scale(overall.ci[1])
        label = {"random": "Random-effects", "common": "Common-effect", "fixed": "Fixed-effects"}[a.model]
        rows.append(ForestRow(f"Overall ({label} {_method_short(a.method)})"
                              if "leaveoneout" not in opts else "Overall", "overall", es, lo, hi, 100.0,
                              cells(es, lo, hi, 100.0, overall.se, overall.p)))
        if "noohetstats" not in opts and st.K > 1:
            rows.append(ForestRow(_het_text(overall), "note"))
        if "noohomtest" not in opts and st.K > 1:
            rows.append(ForestRow(f"Test of θ_i = θ_j: Q({overall.Q_df}) = {overall.Q:.2f}, p = {overall.Q_p:.2f}",
                                  "note"))
        if "noosigtest" not in opts and "_pvalue" not in columns:
            stat = "z" if overall.df is None else f"t({overall.df:g})"
            rows.append(ForestRow(f"Test of θ = 0: {stat} = {overall.stat:.2f}, p = {overall.p:.2f}", "note"))
    look = ForestLook(ci_color=_look_colors(opts.get("ciopts"), {"lcolor": "color", "color": "color"},
                                            "ciopts").get("color"),
                      marker_color=_look_colors(opts.get("markeropts"), {"mcolor": "color", "color": "color",
                                                                         "msymbol": "symbol"},
                                                "markeropts").get("color"),
                      crop=_crop(opts.get("crop")))
    symbol = _look_colors(opts.get("markeropts"), {"mcolor": "color", "color": "color", "msymbol": "symbol"},
                          "markeropts").get("symbol")
    if symbol:
        look = replace(look, marker_symbol=symbol)
    headings = tuple(_heading(c, a, colopts, left, right) for c in columns if c not in ("_id", "_plot"))
    null = None if "nonullrefline" in opts else (1.0 if a.eform else 0.0)
    esref = a.scale(overall.theta) if "esrefline" in opts else None
    if "_plot" not in columns:
        raise StataError("meta forestplot: a plot without the _plot column is not implemented in mlm", 198)
    from mlmcli.render.meta import render_es_header
    session.print("\n" + render_es_header(s))
    typed_range = _typed_range(gopts)
    graph = forest_graph(rows, headings, null_value=null, log_scale=a.eform, es_refline=esref, look=look,
                         xtitle=a.column_label if a.eform else "", typed_range=typed_range)
    _finish(session, cmd, graph, gopts)


def _typed_range(gopts) -> tuple[float, float] | None:
    from mlmcli.graphs import graph_options as gopt

    typed = gopt.common_fields(gopts, [])
    axis = typed.get("xaxis")
    return None if axis is None else axis.range


def _heading(c, a, colopts, left, right) -> str:
    if "title" in colopts.get(c, {}):
        return colopts[c]["title"]
    label = a.column_label
    return {"_esci": f"{label} with {a.level:g}% CI", "_es": label, "_lb": f"{a.level:g}% CI", "_ub": "",
            "_ci": f"{a.level:g}% CI", "_weight": "Weight (%)", "_se": "Std. Err.", "_pvalue": "p-value"}[c]


def _method_short(method: str) -> str:
    return {"reml": "REML", "mle": "ML", "ebayes": "EB", "dlaird": "DL", "sjonkman": "SJ", "hedges": "HE",
            "hschmidt": "HS", "invvariance": "IV", "mhaenszel": "MH"}[method]


def _het_text(p) -> str:
    if p.model == "random":
        return f"Heterogeneity: τ² = {p.tau2:.2f}, I² = {p.I2:.2f}%, H² = {p.H2:.2f}"
    return f"Heterogeneity: I² = {p.I2:.2f}%, H² = {p.H2:.2f}"


def _crop(text) -> tuple[float | None, float | None]:
    if text is None:
        return None, None
    words = str(text).split()
    if len(words) != 2:
        raise StataError("option crop() invalid", 198)
    out = []
    for w in words:
        if w == ".":
            out.append(None)
            continue
        try:
            out.append(float(w))
        except ValueError:
            raise StataError("option crop() invalid", 198) from None
    return out[0], out[1]


def _finish(session, cmd, graph, gopts) -> None:
    from mlmcli.commands.graphs.current import finish
    from mlmcli.graphs import graph_options as gopt

    if "by" in gopts:
        raise StataError("option by() not allowed", 198)
    notes: list[str] = []
    typed = gopt.common_fields(gopts, notes)
    typed = gopt.apply_affixes({"xtitle": graph.xtitle, "ytitle": graph.ytitle}, typed)
    for key in ("xaxis", "yaxis"):  # keep the command's scale, direction and range under typed axis options
        if key in typed:
            axis, own = typed[key], getattr(graph, key)
            typed[key] = replace(axis, log=axis.log or own.log, reverse=axis.reverse or own.reverse,
                                 range=_union(axis.range, own.range), extend=axis.extend and own.extend,
                                 grid=own.grid if axis.grid is None else axis.grid)
    graph = replace(graph, **{"scheme": getattr(session, "graph_scheme", "s2color"), **typed},
                    name=gopt.graph_name(gopt.last(gopts, "name"))[0], command=cmd.text)
    for note in notes:
        session.print(note)
    finish(session, graph, gopts)


def _union(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), max(a[1], b[1]))


_FUNNEL = [*MODEL_SPECS, OptionSpec("level", 1, True), OptionSpec("contours", 4, True), OptionSpec("nometashow", 10),
           OptionSpec("metashow", 8), OptionSpec("metric", 3, True), OptionSpec("by", 2, True)]


def cmd_funnelplot(session, cmd, words: list[str]) -> None:
    from mlmcli.commands.meta.summarize import Analysis, run_pool
    from mlmcli.graphs.meta_plots import funnel_graph

    if words:
        raise StataError("varlist not allowed", 101)
    own = [o for o in cmd.options if any(s.matches(o.name) for s in _FUNNEL)]
    for o in own:
        if o.name.startswith(("cont", "met", "by")) and not o.name.startswith("metas"):
            raise StataError(f"meta funnelplot: option {o.name}() is not implemented in mlm", 198)
    opts, gopts = _split(cmd, _FUNNEL)
    s = store.load(session.data)
    if not any(k in opts for k in ("random", "common", "fixed")):
        opts = {**opts, "common": "invvariance"}  # the funnel plot's default: common-effect, inverse-variance
    a = Analysis(session, opts, s)
    st = store.studies(session, cmd, s)
    store.require_studies(st, 2)
    p = run_pool(a, st.es, st.se, rows=st.rows)
    from mlmcli.render.meta import render_es_header
    session.print("\n" + render_es_header(s, study_label=False, model=a.model, method=a.method))
    graph = funnel_graph(st.es, st.se, p.theta, a.level, xtitle=s.eslabel)
    _finish(session, cmd, graph, gopts)


def trimfill_funnel(session, cmd, s, st, tf, both, opts) -> None:
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.meta_plots import funnel_graph

    text = opts.get("funnel")
    gopts = {}
    if isinstance(text, str) and text.strip():
        _, subs, _ = split_options("," + text)
        gopts = gopt.resolve_graph_options(subs)
    graph = funnel_graph(st.es, st.se, both.theta, 95.0, filled_es=tf.filled_y, filled_se=np.sqrt(tf.filled_v),
                         xtitle=s.eslabel)
    _finish(session, cmd, graph, gopts)


_GALBRAITH = [*MODEL_SPECS, OptionSpec("level", 1, True), OptionSpec("nometashow", 10), OptionSpec("metashow", 8)]


def cmd_galbraithplot(session, cmd, words: list[str]) -> None:
    from mlmcli.commands.meta.summarize import Analysis, run_pool
    from mlmcli.graphs.meta_plots import galbraith_graph

    if words:
        raise StataError("varlist not allowed", 101)
    opts, gopts = _split(cmd, _GALBRAITH)
    s = store.load(session.data)
    if not any(k in opts for k in ("random", "common", "fixed")):
        opts = {**opts, "common": "invvariance"}  # the Galbraith plot's default: the common-effect slope
    a = Analysis(session, opts, s)
    st = store.studies(session, cmd, s)
    store.require_studies(st, 2)
    p = run_pool(a, st.es, st.se)
    from mlmcli.render.meta import render_es_header
    session.print("\n" + render_es_header(s, study_label=False, model=a.model, method=a.method))
    graph = galbraith_graph(1 / st.se, st.es / st.se, p.theta, a.level)
    _finish(session, cmd, graph, gopts)

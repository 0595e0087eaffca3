"""``coefplot`` -- plot estimates and confidence intervals (Ben Jann's SSC command, 1.8.x).

    coefplot [plot [plot ...]] [, globalopts]
    plot:  model | (model [\\ model ...] [, modelopts plotopts])
    model: name (stored estimates; . the active ones) | matrix(mspec) (results in a matrix)

Model options (global or in a plot): ``keep()``, ``drop()``, ``omitted``, ``baselevels``,
``noci``, ``levels(numlist)``, ``eform``, ``rename()``, and where the numbers come from:
``b()``, ``se()``, ``v()``, ``ci()``, ``df()`` (mlmcli.graphs.coefplot_sources).  Plot options: ``label()``,
``offset()``, ``pstyle()``, ``recast()``, ``cirecast()``, ``ciopts()``, ``nokey``,
``cionly``, ``citop`` and marker options (``msymbol()``, ``mcolor()``, ``mlabel`` ...).
Global options: ``horizontal``/``vertical``, ``order()``, ``coeflabels()``, ``nolabels``,
``nooffsets``, ``plotlabels()``, ``bylabels()``, ``byopts()``, ``grid()``, ``p#()`` and every
twoway option (``xline()``, ``title()``, ``legend()`` ...).  ``subgraph || subgraph ...``
draws panels (twoway's ``by()``), each titled by its ``bylabel()`` or its first model's name,
the plots numbered anew in each.  The graph is ``mlmcli.graphs.coefplot``'s twoway; the data
in memory are untouched unless ``generate()``.  ``at``/``at(#)`` (margins results) plots the margins at
their at() values, ``at(mspec)``, ``at(matrix())``, ``at(_coef)``, ``at(_eq)`` at values read
(docs/coefplot.md).  Several equations of one model: equation labels beside the axis
(``eqlabels()``, ``noeqlabels``, ``eqstrict``, ``asequation``, ``eqrename()``, ``swapnames``);
``headings()``, ``groups()``, ``relocate()``, ``sort``, ``orderby()`` place the coefficients as the
ado does (mlmcli.graphs.coefplot_layout; the command line read in coefplot_syntax, the axis
options in coefplot_arrange; the drawing in coefplot_draw).
"""
from __future__ import annotations

import re

from mlmcli.ast import Command
from mlmcli.commands.graphs.coefplot_syntax import coeflabel_axis_options, coeflabel_rules, coeflabel_text_options, \
    levels_option, marker_options_text, plot_models, sort_options, split_plots, split_subgraphs
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options

HELP = {"coefplot": "coefplot [plot ...] [, keep() drop() levels() noci eform rename() order() coeflabels() "
                    "vertical horizontal twoway_options] -- plot estimates and confidence intervals."}

def _models(session, models, model: dict, levels):
    """The coefficients of the plot's models, one after the other (a plot of several models);
    ``levels``: coefplot_sources.ci_levels' pairs."""
    import numpy as np

    from mlmcli.commands.graphs import coefplot_at as at_modes
    from mlmcli.estimation.active import lookup
    from mlmcli.graphs import coefplot as cp
    from mlmcli.graphs import coefplot_sources as src

    coefs, label = [], None
    at_spec = at_modes.at_spec(model.get("at"))
    auxspecs = _aux_specs(model.get("aux"))
    typed = {k: str(model[k]).strip() for k in ("b", "se", "v", "df") if isinstance(model.get(k), str)}
    for name, spec in models:
        at_source = ""  # "margins", "read" (at(mspec)), "_coef"/"_eq", "" (not at mode)
        if spec:  # matrix mode: b() ignored, names refer to matrices
            e = None
            if at_spec is not None:
                at_source = at_spec["name"] if at_spec["name"] in ("_coef", "_eq") else "read"
            numbers = src.model_numbers(name, session.matrices.get, emode=False, bspec=spec,
                                        sespec=typed.get("se", ""), vname=typed.get("v", ""),
                                        dfspec=typed.get("df", ""), levels=levels, auxspecs=auxspecs,
                                        atspec=at_spec["name"] if at_source == "read" else "")
        else:
            e = lookup(session, name)  # . without results: last estimates not found r(301)
            mi = e.macros.get("mi") == "mi"
            if "b" not in typed and e.matrices.get("b_mi" if mi else "b") is None:
                raise StataError("last estimates not found", 301)
            if at_spec is not None:
                at_source = at_modes.at_source(e, at_spec, typed.get("b", ""))
            numbers = src.model_numbers(name, e.matrices.get, emode=True, bspec=typed.get("b", "b_mi" if mi else "b"),
                                        sespec=typed.get("se", ""), vname=typed.get("v", ""),
                                        dfspec=typed.get("df", ""), levels=levels, default_df=e.residual_df(),
                                        default_v="V_mi" if mi else "V", auxspecs=auxspecs,
                                        atspec=at_spec["name"] if at_source == "read" else "",
                                        at_lookup=session.matrices.get if at_spec and at_spec["matrix"] else None)
        for note in numbers.notes if numbers is not None else ():
            session.print(note)
        found = []
        if numbers is not None:
            at = None
            if at_source == "margins":
                at = at_modes.margins_at(e, numbers.names, 1 if at_spec["name"] == "at" else int(float(at_spec["name"])))
            elif at_source == "read":  # not found or not conformable: 1 for every coefficient
                at = numbers.at if numbers.at is not None else np.ones(len(numbers.b))
            # coefplot's own omitted/baselevels (coefplot.ado reads no c(showbaselevels)/c(showomitted),
            # unlike _get_diopts' tables: common.factor_display_defaults)
            found = cp.collect(numbers.names, numbers.b, numbers.se, numbers.df,
                               levels=tuple(100.0 if lv is None else lv for lv, _ in levels),
                               bounds=numbers.bounds, keep=str(model.get("keep") or ""),
                               drop=str(model.get("drop") or ""), omitted=bool(model.get("omitted")),
                               baselevels=bool(model.get("baselevels")), eform=model.get("eform") or False,
                               rename=rename_rules(model.get("rename"), "rename"),
                               ci=not model.get("noci"), at=at, aux=numbers.aux,
                               at_from=at_source if at_source in ("_coef", "_eq") else "",
                               **extra_model_options(model, name))
            if at_spec is not None:
                at_modes.at_transform(session, found, at_spec["transform"])
                spots = np.array([c.at for c in found], float)
                if np.isnan(spots).all() and len(spots):
                    session.print(f"({name}: could not determine 'at')")
                elif np.isnan(spots).any():
                    session.print(f"({name}: 'at' missing for some coefficients)")
        if not found:
            session.print(f"({name}: no coefficients found, all dropped, or none kept)")
        elif label is None:
            label = name
            # collect_coefs' equation: keep()/drop() naming equations left one of several
            eqs = {(n.split(":")[0] if ":" in n else "_") for n in (numbers.names if numbers is not None else ())}
            named = any(":" in w for w in (str(model.get("keep") or "") + " " + str(model.get("drop") or "")).split())
            if named and len(eqs) > 1 and len({c.eq for c in found}) == 1:
                label = found[0].eq if name == "." else f"{name}={found[0].eq}"
        coefs += found
    return coefs, (label if label is not None else models[0][0])


def _aux_specs(typed) -> list[str]:
    """aux(mspec [mspec ...]) -> the mspecs, spaces inside their brackets removed (parse_aux)."""
    if not isinstance(typed, str):
        return []
    text = re.sub(r"\[[^\]]*\]", lambda m: m.group(0).replace(" ", ""), typed)
    return re.sub(r"\s+\[", "[", text).split()


def extra_model_options(model: dict, name: str) -> dict:
    """citype(), rescale(), transform(), mlabels(), asequation, eqrename(), swapnames as
    graphs.coefplot.collect takes them."""
    from mlmcli.graphs import coefplot as cp

    out = {"citype": cp.citype_number(model.get("citype")) if model.get("citype") is not None else 0,
           "rescale": str(model.get("rescale") or ""), "transform": str(model.get("transform") or ""),
           "mlabels": str(model.get("mlabels") or ""), "swapnames": bool(model.get("swapnames"))}
    out["eqrename"] = rename_rules(model.get("eqrename"), "eqrename")
    typed = model.get("asequation")
    if typed is not None:
        out["asequation"] = ("_" if name == "." else name) if typed is True else str(typed).strip().strip('"')
    return out


def rename_rules(typed, option: str) -> list:
    """rename()/eqrename(): ``names = new ... [, regex]`` -> (names, new, regex) rules."""
    from mlmcli.graphs import coefplot_layout as cl

    if not isinstance(typed, str):
        return []
    body, subs, _ = split_options(typed)
    regex = bool(resolve_options(subs, [OptionSpec("regex", 1)]).get("regex"))
    return [(old, new, regex) for old, new in cl.matchlist(body, option)]


def _axis_number(typed) -> int:
    """axis(#), 1 <= # <= 9 (the ado's numlist integer max=1 >0 <10)."""
    if typed is None:
        return 0
    text = str(typed).strip()
    if not text.isdecimal() or not 1 <= int(text) <= 9:
        raise StataError("option axis() incorrectly specified", 198)  # uncertain: syntax's numlist message
    return int(text)


def _key_ci(popt: dict) -> int:
    """key / key(ci [#]) -> 0 (the marker) or the interval whose symbol keys the plot."""
    typed = popt.get("key")
    if typed is not None and popt.get("nokey"):
        raise StataError("nokey and key() not both allowed", 198)
    if typed is None or typed is True:
        return 0
    words = str(typed).split()
    if not words or words[0] != "ci" or len(words) > 2 or (len(words) == 2 and (
            not words[1].isdecimal() or int(words[1]) <= 0)):
        raise StataError("invalid syntax in key()", 198)
    return int(words[1]) if len(words) == 2 else 1


def _ci_options(popt: dict) -> tuple[str, str]:
    """(ciopts() without recast(), the spikes' plot type from cirecast() or ciopts(recast()))."""
    ciopts = str(popt.get("ciopts") or "")
    cirecast = str(popt.get("cirecast") or "")
    sub = read_options(ciopts) if ciopts else ()
    if any(o.name == "recast" for o in sub):
        cirecast = next(str(o.arg) for o in sub if o.name == "recast")
        ciopts = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in sub
                          if o.name != "recast")
    return ciopts, cirecast


def _plot(session, number: int, by: int, ptext: str, defaults, glob: dict):
    """The PlotSpec of one plot (options: global, then the subgraph's, p#(), the plot's own)."""
    from mlmcli.expr import evaluate_scalar
    from mlmcli.graphs import coefplot as cp
    from mlmcli.graphs import coefplot_sources as src

    g_model, g_plot, g_marker = defaults
    pbody, popts, _ = split_options(ptext)
    pnum = glob.get(f"p{number}")
    extra = read_options(pnum) if isinstance(pnum, str) else ()
    m_model, m_plot, m_marker, _, _ = sort_options(list(extra) + list(popts), "plot")
    # coefplot.ado's merge_modelopts: a plot's se() drops the global v() and its v() the global se()
    other = {"se": "v", "v": "se"}
    g_model = {k: v for k, v in g_model.items() if not (k in other and other[k] in m_model)}
    model, popt = {**g_model, **m_model}, {**g_plot, **m_plot}
    models = plot_models(session, pbody)
    names = [name for name, _ in models]
    default_level = float(getattr(session, "level", 95) or 95)
    typed_levels = levels_option(model["levels"]) if model.get("levels") not in (None, True) else ()
    levels = src.ci_levels(typed_levels, str(model["ci"]) if isinstance(model.get("ci"), str) else "",
                           default_level)
    own_levels = len(levels)
    cis = None
    if popt.get("cismooth") is not None:  # its levels first; noci does not turn them off
        from mlmcli.graphs.coefplot_twoway import cismooth_spec

        cis = cismooth_spec("" if popt["cismooth"] is True else str(popt["cismooth"]))
        if not typed_levels and not isinstance(model.get("ci"), str):  # parse_cilevels: no default level then
            levels, own_levels = [], 0
        levels = [(lv, "") for lv in cis["levels"]] + list(levels)
        model = {**model, "noci": None}
    coefs, default_label = _models(session, models, model, levels)
    offset = None
    if popt.get("offset") is not None:
        try:
            offset = float(evaluate_scalar(session, str(popt["offset"])))
        except (StataError, ValueError, TypeError):
            raise StataError(f"invalid offset(): {popt['offset']}", 198) from None
    ciopts, cirecast = _ci_options(popt)
    marker_text, mlabel = marker_options_text(list(g_marker) + list(m_marker))
    spec = cp.PlotSpec(
        label=str(popt.get("label") or default_label).strip().strip('"'), coefs=coefs,
        marker_options=marker_text, ci_options=ciopts,
        recast=str(popt.get("recast") or ""), cirecast=cirecast, offset=offset,
        key=not popt.get("nokey"), ci=not model.get("noci"), cionly=bool(popt.get("cionly")),
        citop=bool(popt.get("citop")), pstyle=str(popt.get("pstyle") or ""), number=number, by=by,
        ifopt=str(popt.get("ifopt") or "").strip(), weight=str(popt.get("weightopt") or "").strip(),
        axis=_axis_number(popt.get("axis")), key_ci=_key_ci(popt), mlabel=mlabel, cis=cis,
        n_ci=own_levels if any(c.limits for c in coefs) and not model.get("noci") else 0)
    if model.get("mlabels"):  # collect_coefs: mlabels() labels the plot with @mlbl at @mlpos
        spec.mlabel = "mlabel(__mlbl) mlabvposition(__mlpos)"
    return spec, (len(levels) if any(c.limits for c in coefs) else 0), model.get("at") is not None


def cmd_coefplot(session, cmd: Command) -> None:
    """``coefplot`` (module docstring)."""
    from mlmcli.commands.graphs import coefplot_at as at_modes
    from mlmcli.graphs import coefplot as cp
    from mlmcli.graphs.syntax import items

    subgraphs, options = split_subgraphs(cmd.args)
    # the last subgraph's options are the global ones: its bylabel() among them labels it
    last_bylabel = tuple(o for o in options if o.name == "bylabel" and o.arg is not None)
    if last_bylabel:
        options = tuple(o for o in options if o not in last_bylabel)
        body, sub = subgraphs[-1]
        subgraphs[-1] = (body, tuple(sub) + last_bylabel)
    g_model, g_plot, g_marker, twoway_rest, glob = sort_options(options, "global")
    if any(o.name == "by" for o in twoway_rest):  # [coefplot] twoway_options other than by()
        raise StataError("option by() not allowed", 198)
    # coefplot.ado (parse_globalopts): the options _get_gropts does not take as twoway's go on
    # every plot's estimates (connect(l), lwidth() ...), before the plots' own
    from mlmcli.graphs.graph_options import is_graph_option

    g_marker = [o for o in twoway_rest if not is_graph_option(o.name)] + list(g_marker)
    twoway_rest = [o for o in twoway_rest if is_graph_option(o.name)]
    if glob.get("vertical") and glob.get("horizontal"):
        raise StataError("horizontal and vertical not both allowed", 198)  # uncertain: coefplot's wording
    recycle = not glob.get("norecycle")
    plots, n_levels, by_labels, at_typed = [], 0, {}, set()
    number = 0
    for by, (body, sub_options) in enumerate(subgraphs, 1):
        bylabel = [o for o in sub_options if o.name.startswith("bylab")]
        s_model, s_plot, s_marker, _, _ = sort_options([o for o in sub_options if o not in bylabel], "plot")
        defaults = ({**g_model, **s_model}, {**g_plot, **s_plot}, list(g_marker) + list(s_marker))
        plot_texts = split_plots(body) or ["."]
        if recycle:  # norecycle: the plots numbered on across subgraphs (styles, legend keys)
            number = 0
        for ptext in plot_texts:
            number += 1
            if ptext.strip() == "_skip":
                continue
            spec, levels, with_at = _plot(session, number, by, ptext, defaults, glob)
            at_typed.add(with_at)
            plots.append(spec)
            n_levels = max(n_levels, levels)
        first = next((p.label for p in plots if p.by == by), ".")
        by_labels[by] = str(bylabel[-1].arg).strip().strip('"') if bylabel else first
    from mlmcli.commands.graphs.coefplot_arrange import TEXT_OPTIONS, text_rule

    for option in ("plotlabels", "bylabels"):  # the labels, then truncate()/wrap() on every one
        body, subs, _ = split_options(str(glob.get(option) or ""))
        texts = [label for _, label in items(body)]
        rule = text_rule(resolve_options(subs, TEXT_OPTIONS), option)
        if option == "plotlabels":
            for plot in plots:
                plot.label = rule(texts[plot.number - 1] if plot.number <= len(texts) else plot.label)
        else:
            for k, label in enumerate(texts, 1):
                by_labels[k] = label
            if not glob.get("bycoefs"):
                by_labels = {k: rule(v) for k, v in by_labels.items()}
    if len(at_typed) > 1:
        raise StataError("must specify at for all or none", 198)
    at_mode = at_typed == {True}
    if at_mode:
        at_modes.check_at_mode(glob)
    # coefplot.ado: vertical by default in at mode, else horizontal
    horizontal = bool(glob.get("horizontal")) if at_mode else not glob.get("vertical")
    if not cp.plot_has_data(plots) or all(p.cionly and (not p.ci or not n_levels) for p in plots):
        session.print("(nothing to plot)")
        return
    if at_mode:
        return at_modes.draw_at_mode(session, cmd, plots, n_levels, glob, twoway_rest, len(subgraphs), by_labels, horizontal)
    from mlmcli.commands.graphs.coefplot_draw import draw_categories

    typed = coeflabel_rules(glob["coeflabels"]) if isinstance(glob.get("coeflabels"), str) else {}
    draw_categories(session, cmd, plots, glob, twoway_rest, n_levels=n_levels, n_subgraphs=len(subgraphs),
                    by_labels=by_labels, horizontal=horizontal, recycle=recycle,
                    label_options=coeflabel_axis_options(glob), coef_rules=typed,
                    coef_text=coeflabel_text_options(glob))

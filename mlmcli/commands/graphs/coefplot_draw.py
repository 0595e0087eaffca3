"""``coefplot``'s drawing once its plots are collected (coefplot.ado's __coefplot after
collect_coefs): the category axis arranged and laid out, ``transform()`` applied, the offsets,
the plotted variables with ``format()``, ``@`` variables injected in ``if()``, ``weight()``,
``mlabel()`` and ``addplot()``, ``generate()``/``replace``/``nodrop``, and the twoway."""
from __future__ import annotations

from dataclasses import replace

from mlmcli.errors import StataError
from mlmcli.storage_types import compressed_type
from mlmcli.syntax.options import read_options


def _format(glob: dict) -> str:
    from mlmcli.render.numfmt import is_valid_format

    fmt = str(glob.get("format") or "").strip()
    if fmt and (not is_valid_format(fmt) or fmt.lower().endswith("s")):
        raise StataError(f"'{fmt}' found where numeric format expected", 7)  # confirm numeric format
    return fmt


def _inject_plot_options(plots, n_ci: int, n_aux: int) -> None:
    from mlmcli.commands.graphs.coefplot_arrange import inject

    for plot in plots:
        plot.ifopt = inject(plot.ifopt, n_ci, n_aux) if plot.ifopt else ""
        plot.weight = inject(plot.weight, n_ci, n_aux) if plot.weight else ""
        if plot.mlabel:
            plot.mlabel = " ".join(o.name if o.arg is None else f"{o.name}({o.arg if o.name == 'mlabel' else inject(o.arg, n_ci, n_aux)})"
                                   for o in read_options(plot.mlabel))


def _addplot(glob: dict, n_ci: int, n_aux: int) -> tuple[str, bool, int]:
    """addplot(plot [, below]) -> (the plots' text, below, how many plots it has)
    (parse_addplot: nodraw, draw, by(), name(), saving(), play() not allowed within it)."""
    from mlmcli.commands.graphs.coefplot_arrange import inject
    from mlmcli.graphs.syntax import parse_twoway
    from mlmcli.syntax.options import split_options
    from mlmcli.textscan import split_top

    text = str(glob.get("addplot") or "").strip()
    if not text:
        return "", False, 0
    pieces = split_top(text, "||", "(")
    body, options, _ = split_options(pieces[-1])
    below, kept = False, []
    for o in options:
        low = o.name
        if low == "below":
            below = True
        elif low in ("nodraw", "draw"):
            raise StataError(f"{low} not allowed within addplot()", 198)
        elif low in ("by", "name", "saving", "sa", "sav", "savi", "savin", "play"):
            raise StataError(f"{'saving' if low.startswith('sa') else low}() not allowed within addplot()", 198)
        else:
            kept.append(o.name if o.arg is None else f"{o.name}({o.arg})")
    plots_text = " || ".join([p for p in pieces[:-1]] + [body])
    plots_text = inject(plots_text + (", " + " ".join(kept) if kept else ""), n_ci, n_aux)
    return plots_text, below, len(parse_twoway(plots_text).plots)


def _with_user_data(session, data):
    """nodrop/generate: the data in memory with the plotted variables beside them (more
    observations when there are more coefficients)."""
    import numpy as np
    import pandas as pd

    user = session.data.copy()
    r = len(data.df)
    df = user.df
    if len(df) < r:
        extra = pd.DataFrame(index=range(len(df), r), columns=df.columns)
        df = pd.concat([df, extra]).reset_index(drop=True)
        for name in user.varnames:
            if user.is_string(name) if hasattr(user, "is_string") else False:
                df[name] = df[name].fillna("")
    n = len(df)
    for name in data.df.columns:
        col = data.df[name].to_numpy()
        pad = np.full(n - r, "" if name == "__mlbl" else np.nan, dtype=object if name == "__mlbl" else float)
        df[name] = np.concatenate([col, pad]) if n > r else col
    user.df = df.reset_index(drop=True)
    for attr in ("types", "formats", "var_labels", "value_label_of"):
        getattr(user, attr).update(getattr(data, attr))
    user.value_labels.update(data.value_labels)
    return user


# the ado's `compress` of these (the rest stay double, the marker label str#)
_COMPRESSED = ("__at", "__df", "__plot", "__by", "__mlpos")


def _generate(session, data, prefix: str, replace_ok: bool) -> list[str]:
    """generate(): the plotted variables put in the data in memory as ``prefix``by ... (the
    ado's renames and labels); returns their names."""
    import numpy as np

    from mlmcli.graphs.coefplot_twoway import VARIABLE_LABELS, VARIABLES

    names, labels = [], {}
    for v, label in zip(VARIABLES, VARIABLE_LABELS):
        names.append(f"__{v}")
        labels[f"__{v}"] = label
    for col in data.df.columns:
        if col.startswith(("__ll", "__ul", "__aux")):
            names.append(col)
            k = col.lstrip("_")
            labels[col] = (f"CI{k[2:]}: lower limit" if k.startswith("ll") else
                           f"CI{k[2:]}: upper limit" if k.startswith("ul") else f"Auxiliary variable {k[3:]}")
    new = {name: prefix + name[2:] for name in names}
    from mlmcli.syntax.varlist import check_new_name

    for target in new.values():
        if not (replace_ok and target in session.data.varnames):
            check_new_name(session.data, target)
    if len(session.data.df) < len(data.df):
        session.print("need to create additional observations; press break to abort")
    merged = _with_user_data(session, data)
    keep = [v for v in session.data.varnames if v not in new.values()]
    out = merged.df[keep].copy()
    for old, target in new.items():  # float variables, as the ado's gen leaves them (then compress)
        values = merged.df[old].to_numpy()
        out[target] = values if old == "__mlbl" else np.asarray(values, float).astype(np.float32).astype(float)
    result = session.data.copy()
    result.df = out.reset_index(drop=True)
    for old, target in new.items():
        result.types[target] = compressed_type(merged.df[old], "float") if old in _COMPRESSED else data.types.get(old, "float")
        if old in data.formats:
            result.formats[target] = data.formats[old]
        result.var_labels[target] = labels[old]
        if old in data.value_label_of:
            result.value_labels[target] = dict(data.value_labels[data.value_label_of[old]])
            result.value_label_of[target] = target
    session.data = result
    return list(new.values())


def draw_categories(session, cmd, plots, glob: dict, twoway_rest, *, n_levels: int, n_subgraphs: int,
                    by_labels: dict, horizontal: bool, recycle: bool, label_options: str, coef_rules: dict,
                    coef_text: dict) -> None:
    """The graph of the collected plots outside at mode (module docstring)."""
    from mlmcli.commands.graphs import coefplot_arrange as ca
    from mlmcli.graphs import coefplot as cp
    from mlmcli.graphs import coefplot_twoway as cpt

    several = cp.pool_equations(plots, bool(glob.get("eqstrict")))
    texts = ca.axis_texts(glob)
    _format(glob)  # confirm numeric format before anything is drawn
    from mlmcli.graphs.coefplot_layout import is_gap

    keys = ca.arranged_keys(plots, glob, recycle)
    if glob.get("bycoefs"):
        keys = [k for k in keys if not is_gap(k)]
    interaction = str(coef_text["interaction"]).strip() if coef_text.get("interaction") is not None else " # "
    if interaction.startswith('"') and interaction.endswith('"'):
        interaction = interaction[1:-1]
    labels = axis_labels(session, [k for k in keys if not is_gap(k)], glob, coef_rules, interaction)
    text_rule = ca.text_rule(coef_text, "coeflabels")
    if glob.get("bycoefs"):  # a subgraph per coefficient, the subgraphs along the category axis
        titles_of = labels
        if several and not glob.get("noeqlabels"):  # coefplot_bycoefs: "equation: coefficient"
            eqs = list(dict.fromkeys(eq for eq, _ in keys))
            named = texts["eqlabel_list"]
            titles_of = {k: f"{named[eqs.index(k[0])] if eqs.index(k[0]) < len(named) else k[0]}: {v}"
                         for k, v in labels.items()}
        plots, keys, labels, titles = cp.by_coefficients(plots, keys, titles_of, by_labels)
        by_labels, n_subgraphs, several = {k: text_rule(v) for k, v in titles.items()}, len(titles), False
    else:
        labels = {k: text_rule(v) for k, v in labels.items()}
    n_plots = max(p.number for p in plots)
    grid = str(glob.get("grid") or "").strip().lower()
    grid_options = ""
    if grid:
        opts = read_options(grid)
        kinds = [o.name for o in opts if o.arg is None and o.name in (
            "b", "be", "bet", "betw", "betwe", "betwee", "between", "w", "wi", "wit", "with", "withi", "within",
            "n", "no", "non", "none")]
        if len(kinds) > 1:
            raise StataError("grid(): only one of between, within, and none allowed", 198)
        grid = {"b": "between", "w": "within", "n": "none"}[kinds[0][0]] if kinds else ""
        grid_options = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in opts
                                if not (o.arg is None and o.name in kinds))
    if not grid and horizontal:
        grid = "between" if n_plots > 1 and not glob.get("nooffsets") else "within"
    layout = ca.category_layout(session, keys, texts, glob, several, grid == "between")
    order = {k: i for i, k in enumerate(layout.keys)}
    for plot in plots:  # the plotted rows in the arranged order (connect(), recast(line) follow it)
        plot.coefs = sorted(plot.coefs, key=lambda c: order[(c.eq, c.name)])
    ca.apply_transforms(session, plots, lambda c: layout.at[(c.eq, c.name)])
    pos = cpt.positions(plots, layout.at, offsets=not glob.get("nooffsets"), horizontal=horizontal,
                        recycle=recycle)
    draw_plotted(session, cmd, plots, pos, glob, twoway_rest, layout=layout, labels=labels, n_levels=n_levels,
                 n_subgraphs=n_subgraphs, by_labels=by_labels, horizontal=horizontal, grid=grid,
                 label_options=label_options, axis_options={**texts["options"], "grid": grid_options})


def draw_plotted(session, cmd, plots, pos, glob: dict, twoway_rest, *, layout, labels: dict, n_levels: int,
                 n_subgraphs: int, by_labels: dict, horizontal: bool, grid: str = "", label_options: str = "",
                 axis_options: dict | None = None) -> None:
    """The plotted variables at their positions ``pos`` (per plot), format(), the @ variables,
    generate()/nodrop, addplot(), the twoway and r() (``layout`` None: at mode)."""
    from mlmcli.commands.graphs import coefplot_arrange as ca
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.twoway import build_twoway, session_on
    from mlmcli.graphs import coefplot_twoway as cpt
    from mlmcli.graphs.syntax import parse_twoway

    fmt = _format(glob)
    n_plots = max(p.number for p in plots)
    data, n_ci = cpt.coefplot_dataset(plots, pos, by_labels, plot_labels={p.number: p.label for p in plots})
    n_aux = sum(1 for c in data.df.columns if c.startswith("__aux"))
    if fmt:
        for name in data.df.columns:
            if name in ("__b", "__V", "__se", "__t", "__pval") or name.startswith(("__ll", "__ul", "__aux")):
                data.formats[name] = fmt
    _inject_plot_options(plots, n_ci, n_aux)
    ca.marker_labels(session, data, plots, n_ci, n_aux)
    addplot, below, n_added = _addplot(glob, n_ci, n_aux)
    generated = []
    if glob.get("generate") is not None:
        prefix = "__" if glob["generate"] is True else str(glob["generate"]).strip()
        from mlmcli.syntax.varlist import is_name

        if not is_name(prefix):  # the ado's generate2(name)
            raise StataError(f"{prefix} invalid name", 198)  # uncertain: syntax's wording for a bad name
        generated = _generate(session, data, prefix, bool(glob.get("replace")))
        drawn = _with_user_data(session, data)
    elif glob.get("nodrop"):
        drawn = _with_user_data(session, data)
    else:
        drawn = data
    legend_typed = any(o.name.startswith("leg") for o in twoway_rest)
    twoway = cpt.twoway_text(plots, layout, labels, horizontal=horizontal, n_levels=n_levels, grid=grid,
                             legend_typed=legend_typed, n_subgraphs=n_subgraphs,
                             byopts=str(glob.get("byopts") or ""), label_options=label_options,
                             axis_options=axis_options, n_plots=n_plots, at_mode=layout is None,
                             first_key=n_added if below else 0, returned=(returned := {}))
    from mlmcli.textscan import find_top

    comma = find_top(twoway, ",")  # the plots, then the graph's options
    body, options = twoway[:comma], twoway[comma + 1:]
    if addplot:
        body = f"{addplot} || {body} ||" if below else f"{body} || {addplot} ||"
        if below and layout is not None and (bool(layout.groups) + bool(layout.eqlabels)) == 1:
            options = ("yscale(alt)" if horizontal else "xscale(alt)") + " " + options
    rest = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in twoway_rest)
    call = parse_twoway(f"{body}, {options} {rest}" if not addplot else f"{body} , {options} {rest}")
    graph, builder = build_twoway(session_on(session, drawn), call, cmd.text or "coefplot")
    finish(session, replace(graph, command=cmd.text or "coefplot"), builder.graph_options)
    session.set_r({"graph": f"twoway {body}, {options} {rest}".strip(), **returned, "n_plots": float(n_plots),
                   "n_subgr": float(n_subgraphs), "n_ci": float(n_ci)})
    if generated:
        from mlmcli.runner import Runner, current_runner

        session.print("\nGenerated variables:")
        (current_runner(session) or Runner(session)).execute("describe " + " ".join(generated))


def axis_labels(session, keys, glob: dict, typed: dict, interaction: str = " # ") -> dict:
    """Each coefficient's text on the category axis: coeflabels() (``typed``: pattern ->
    label), else its name (nolabels), else its variable and value labels."""
    from mlmcli.graphs import coefplot as cp

    labels = {}
    for eq, name in keys:
        label = next((lab for pattern, lab in typed.items() if cp.matches(cp.coef_list(pattern), eq, name)), None)
        if label is None:
            label = name if glob.get("nolabels") else cp.coefficient_label(name, session.data, interaction)
        labels[(eq, name)] = label
    return labels

"""One Graph Editor edit (``recordings.read_edit``: object, action, argument) made on a ``Graph``
through the typed option that draws the same thing.

The Graph Editor's objects and the options they stand for ([G-1] graph editor; the forms its
recorder writes into ``.grec`` files and ``gr_edit`` lines):

- ``.title``, ``.subtitle``, ``.note``, ``.caption``, ``.xaxis1.title``, ``.yaxis1.title``:
  ``.text = {}`` empties the text, ``.text.Arrpush text`` adds a line, ``.style.editstyle
  size() color()`` is the title's ``size()``/``color()``, ``.draw_view.setstyle, style(no)``
  hides it;
- the graph (``.style.editstyle``) and ``.plotregion1``: ``boxstyle(shadestyle(color()))`` is
  ``graphregion(fcolor())``/``plotregion(fcolor())``, ``boxstyle(linestyle(color() width()
  pattern()))`` their ``lcolor()``/``lwidth()``/``lpattern()``, ``inner_boxstyle(...)`` the
  ``if*``/``il*`` ones, ``margin()``; ``declared_xsize()``/``declared_ysize()`` are ``xsize()``/
  ``ysize()``; ``.SetAspectRatio #`` is ``aspectratio(#)``;
- ``.xaxis1``, ``.yaxis1``, ``.yaxis2``: ``majorstyle(gridstyle(linestyle(color() width()
  pattern())))`` is ``xlabel(, glcolor() glwidth() glpattern())``, ``majorstyle(tickstyle(
  textstyle(size() color())))`` ``labsize()``/``labcolor()``, ``majorstyle(tickangle())``
  ``angle()``, ``majorstyle(tickstyle(show_ticks(no)))`` ``noticks``, ``show_labels(no)``
  ``nolabels``, ``draw_major_grid(yes|no)`` ``grid``/``nogrid``, ``linestyle()`` the axis line's
  ``xscale(lcolor() lwidth() lpattern())``; ``.reset_rule a b d , tickset(major)
  ruletype(range)`` is ``xlabel(a(d)b)`` and ``ruletype(suggest)`` with ``#`` ``xlabel(##)``;
  ``.edit_tick k # `"text"', tickset(major)`` labels the tick at # (``xlabel(# "text", add)``),
  ``.major.label_format = %fmt`` is ``xlabel(, format(%fmt))``;
  ``.draw_view.setstyle, style(no)`` hides the axis, keeping its room (``xscale(off fill)``);
- ``.legend``: ``.draw_view.setstyle, style(no|yes)`` is ``legend(off|on)``; ``.style.editstyle``
  and ``.Edit , style(...)``: ``boxstyle(...)`` the legend's ``region()``, ``labelstyle(size()
  color())``, ``rows()``, ``cols()`` (0: not set), ``key_xsize()``, ``key_ysize()``,
  ``key_gap()``, ``row_gap()``, ``col_gap()``, ``margin()``; ``.legend.plotregion1.label[k]``
  the k-th key's text (``legend(label())``, or the k-th entry of ``order()``);
- ``.plotregion1.plot<k>`` (the k-th plot of a one-panel graph): ``marker(symbol() size()
  fillcolor() linestyle(color() width()))`` is ``msymbol()``, ``msize()``, ``mfcolor()``,
  ``mlcolor()``, ``mlwidth()``; ``line(color() width() pattern())`` ``lcolor()``, ``lwidth()``,
  ``lpattern()``; ``area(shadestyle(color() intensity()) linestyle(...))`` ``fcolor()``,
  ``fintensity()`` and the outline's ``lcolor()`` ...; a bar chart's ``.plotregion1.bars[k]`` (the
  k-th yvar's bars, ``bar(k, ...)``) the same way; the other charts' objects are not made;
- ``.plotregion1.AddTextBox added_text editor y x``: an empty ``text(y x "")`` (the editor's
  ``added_text_new``/``added_text_rec`` counters are its own bookkeeping); ``added_text[k]``:
  ``.text = {}``/``.text.Arrpush``, ``.style.editstyle`` with ``size()``, ``color()``,
  ``angle(default|0|90)``, ``horizontal()`` (``justification()``), ``vertical()``
  (``alignment()``), ``margin()``, ``linegap()``, ``drawbox(yes|no)`` (``box``), ``boxmargin()``
  (``bmargin()``), ``fillcolor()``, ``linestyle(color() width() pattern(solid))``,
  ``box_alignment()`` (``placement()``);
- ``.plotregion1._xylines[k]``: ``linestyle(color() width() pattern())`` of the k-th reference
  line, where the graph's lines are on one axis (the order Stata numbers lines of both axes in
  is not documented).

``make_edit`` returns the edited graph, or None for an edit it does not make.
"""
from __future__ import annotations

import re
from dataclasses import replace

from mlmcli.errors import StataError
from mlmcli.graphs.spec import Graph, RefLine
from mlmcli.syntax.options import read_options

_TITLES = {("title",): "title", ("subtitle",): "subtitle", ("note",): "note", ("caption",): "caption",
           ("xaxis1", "title"): "xtitle", ("yaxis1", "title"): "ytitle"}
_REGION = {("boxstyle", "shadestyle", "color"): "fcolor", ("boxstyle", "linestyle", "color"): "lcolor",
           ("boxstyle", "linestyle", "width"): "lwidth", ("boxstyle", "linestyle", "pattern"): "lpattern",
           ("inner_boxstyle", "shadestyle", "color"): "ifcolor",
           ("inner_boxstyle", "linestyle", "color"): "ilcolor",
           ("inner_boxstyle", "linestyle", "width"): "ilwidth", ("margin",): "margin"}
_LEGEND = {("boxstyle", "shadestyle", "color"): "region(fcolor(%s))",
           ("boxstyle", "linestyle", "color"): "region(lcolor(%s))",
           ("boxstyle", "linestyle", "width"): "region(lwidth(%s))",
           ("boxstyle", "linestyle", "pattern"): "region(lpattern(%s))",
           ("labelstyle", "size"): "size(%s)", ("labelstyle", "color"): "color(%s)",
           ("rows",): "rows(%s)", ("cols",): "cols(%s)", ("key_xsize",): "symxsize(%s)",
           ("key_ysize",): "symysize(%s)", ("key_gap",): "keygap(%s)", ("row_gap",): "rowgap(%s)",
           ("col_gap",): "colgap(%s)", ("margin",): "margin(%s)"}
_AXIS_LABEL = {("majorstyle", "gridstyle", "linestyle", "color"): "glcolor(%s)",
               ("majorstyle", "gridstyle", "linestyle", "width"): "glwidth(%s)",
               ("majorstyle", "gridstyle", "linestyle", "pattern"): "glpattern(%s)",
               ("majorstyle", "tickstyle", "textstyle", "size"): "labsize(%s)",
               ("majorstyle", "tickstyle", "textstyle", "color"): "labcolor(%s)",
               ("majorstyle", "tickangle"): "angle(%s)"}
_AXIS_SWITCH = {("majorstyle", "tickstyle", "show_ticks"): ("", "noticks"),
                ("majorstyle", "tickstyle", "show_labels"): ("", "nolabels"),
                ("draw_major_grid",): ("grid", "nogrid")}
_AXIS_LINE = {("linestyle", "color"): "lcolor(%s)", ("linestyle", "width"): "lwidth(%s)",
              ("linestyle", "pattern"): "lpattern(%s)"}
_PLOT = {("marker", "symbol"): "msymbol", ("marker", "size"): "msize", ("marker", "fillcolor"): "mfcolor",
         ("marker", "linestyle", "color"): "mlcolor", ("marker", "linestyle", "width"): "mlwidth",
         ("line", "color"): "lcolor", ("line", "width"): "lwidth", ("line", "pattern"): "lpattern",
         ("area", "shadestyle", "color"): "fcolor", ("area", "shadestyle", "intensity"): "fintensity",
         ("area", "linestyle", "color"): "lcolor", ("area", "linestyle", "width"): "lwidth",
         ("area", "linestyle", "pattern"): "lpattern"}
_REFLINE = {("linestyle", "color"): "lcolor", ("linestyle", "width"): "lwidth",
            ("linestyle", "pattern"): "lpattern"}
# an added text box's style members -> text() suboptions (angle: default, 0 or 90 only)
_ADDED_TEXT = {("size",): "size(%s)", ("color",): "color(%s)", ("horizontal",): "justification(%s)",
               ("vertical",): "alignment(%s)", ("margin",): "margin(%s)", ("linegap",): "linegap(%s)",
               ("boxmargin",): "bmargin(%s)", ("fillcolor",): "fcolor(%s)",
               ("linestyle", "color"): "lcolor(%s)", ("linestyle", "width"): "lwidth(%s)",
               ("box_alignment",): "placement(%s)"}
_AXES = {"xaxis1": ("x", "xaxis", "xticks"), "yaxis1": ("y", "yaxis", "yticks"),
         "yaxis2": ("y", "yaxis2", "y2ticks")}


def style_leaves(text: str, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """``marker(fillcolor(gs8) linestyle(color(red)))`` -> [(("marker", "fillcolor"), "gs8"),
    (("marker", "linestyle", "color"), "red")]: each member's path and value."""
    out = []
    for option in read_options(text):
        if option.arg is None:
            raise StataError("invalid syntax", 198)
        try:
            inner = read_options(option.arg)
        except StataError:
            inner = ()
        path = prefix + (option.name,)
        if inner and all(o.arg is not None for o in inner):
            out += style_leaves(option.arg, path)
        else:
            out.append((path, option.arg.strip()))
    return out


def _suboptions(leaves, table) -> str | None:
    """The option text of every leaf (``table``: path -> ``name`` or ``name(%s)``); None when
    one has no entry."""
    words = []
    for path, value in leaves:
        if path not in table:
            return None
        form = table[path]
        words.append(form % value if "%s" in form else f"{form}({value})")
    return " ".join(words)


def make_edit(graph: Graph, edit, notes: list[str]) -> Graph | None:
    """The graph with one edit made; None when mlm does not make it (or cannot read its
    values: Stata's editor writes only values it knows, so the fault is mlm's)."""
    obj, action, arg = edit
    try:
        return _made(graph, obj, action, arg, notes)
    except StataError:
        return None


def _made(graph: Graph, obj: tuple[str, ...], action: str, arg: str, notes: list[str]) -> Graph | None:
    if obj in _TITLES:
        return _title_edit(graph, _TITLES[obj], action, arg, notes)
    leaves = style_leaves(arg) if action == "editstyle" else None
    if obj in ((), ("plotregion1",)) and action == "editstyle":
        return _region_edit(graph, "graph" if obj == () else "plot", leaves, notes)
    if obj == ("legend",):
        return _legend_edit(graph, action, arg, leaves, notes)
    if len(obj) == 3 and obj[:2] == ("legend", "plotregion1") and action in ("clear", "push"):
        found = re.fullmatch(r"label\[(\d+)\]", obj[2])
        return _legend_label(graph, int(found.group(1)), action, arg) if found else None
    if len(obj) == 1 and obj[0] in _AXES:
        return _axis_edit(graph, obj[0], action, arg, leaves, notes)
    if obj == ("plotregion1",) and action == "AddTextBox":
        return _add_text(graph, arg)
    if obj in (("plotregion1", "added_text_new"), ("plotregion1", "added_text_rec")):
        return graph if action == "set" and arg.isdigit() else None  # the editor's own counters
    if obj == () and action == "SetAspectRatio":
        from mlmcli.graphs.look_options import number

        ratio = number(arg, "aspectratio")
        return replace(graph, aspect=ratio) if ratio > 0 else None
    if len(obj) == 3 and obj[0] in _AXES and obj[1:] == ("major", "label_format") and action == "set":
        return _axis_edit(graph, obj[0], "format", _unquoted(re.sub(r"\beditcopy\s*$", "", arg)), None, notes)
    added = re.fullmatch(r"added_text\[(\d+)\]", obj[1]) if len(obj) == 2 and obj[0] == "plotregion1" else None
    if added:
        return _added_text_edit(graph, int(added.group(1)), action, arg, notes)
    if len(obj) == 2 and obj[0] == "plotregion1" and action == "editstyle":
        chart = _chart(graph)
        plot = re.fullmatch(r"plot(\d+)", obj[1]) if chart is None else None  # twoway's plots
        bars = re.fullmatch(r"bars\[(\d+)\]", obj[1]) if chart in ("bar", "hbar") else None
        line = re.fullmatch(r"_xylines\[(\d+)\]", obj[1])
        if plot or bars:
            return _plot_edit(graph, int((plot or bars).group(1)), leaves, notes)
        if line:
            return _refline_edit(graph, int(line.group(1)), leaves, notes)
    return None


def _title_edit(graph: Graph, field: str, action: str, arg: str, notes: list[str]) -> Graph | None:
    from mlmcli.graphs import style
    from mlmcli.graphs.look_options import color_value

    if action == "clear" or (action == "draw" and arg == "no"):
        return replace(graph, **{field: ""})
    if action == "draw":
        return graph
    if action == "push":
        text = getattr(graph, field) or ""
        return replace(graph, **{field: f"{text}\n{_unquoted(arg)}" if text else _unquoted(arg)})
    if action != "editstyle":
        return None
    sizes = {"size": None, "color": None}
    for path, value in style_leaves(arg):
        if path == ("size",):
            sizes["size"] = style.text_size(value)
            if sizes["size"] is None:
                return None
        elif path == ("color",):
            sizes["color"] = color_value(value, notes)
        else:
            return None
    before = next((s for s in graph.text_styles if s[0] == field), (field, None, None))
    merged = (field, sizes["size"] or before[1], sizes["color"] or before[2])
    return replace(graph, text_styles=(merged,) + tuple(s for s in graph.text_styles if s[0] != field))


def _unquoted(text: str) -> str:
    """An Arrpush's text: a quoted string (simple or compound quotes) or the rest of the line."""
    from mlmcli.graphs.syntax import items

    text = text.strip()
    found = items(text) if text[:1] in ('"', "`") else []
    return found[0][1] if len(found) == 1 and found[0][0] else text


def _region_edit(graph: Graph, prefix: str, leaves, notes: list[str]) -> Graph | None:
    from mlmcli.graphs.look_options import in_points, region

    changes: dict = {}
    sized = {p: v for p, v in leaves if p in (("declared_xsize",), ("declared_ysize",))}
    if sized and prefix == "graph":
        from mlmcli.graphs import style
        from mlmcli.graphs.look_options import number

        width, height = graph.size or (style.WIDTH_IN, style.HEIGHT_IN)
        width = number(sized.get(("declared_xsize",), width), "xsize")
        height = number(sized.get(("declared_ysize",), height), "ysize")
        changes["size"] = (width, height)
        leaves = [(p, v) for p, v in leaves if p not in sized]
    text = _suboptions(leaves, _REGION)
    if text is None:
        return None
    if text:
        found = region(text, notes)
        if found["fill"]:
            changes[f"{prefix}_color"] = found["fill"]
        if found["edge"]:
            before = getattr(graph, f"{prefix}_edge") or (None, None, None)
            changes[f"{prefix}_edge"] = tuple(new if new is not None else old
                                             for new, old in zip(found["edge"], before))
        if found["margin"] is not None:
            changes[f"{prefix}_margin"] = in_points(found["margin"]) if prefix == "graph" else \
                tuple(v / 100.0 for v in found["margin"])
    return replace(graph, **changes)


def _legend_edit(graph: Graph, action: str, arg: str, leaves, notes: list[str]) -> Graph | None:
    from mlmcli.graphs.legend_options import legend_fields

    if action == "draw":
        return replace(graph, legend="off" if arg == "no" else "on")
    if action == "Edit":  # .legend.Edit , style(rows(2)) style(cols(0)) keepstyles
        body = re.sub(r"^\s*,", "", arg)
        options = read_options(body)
        if any(o.name not in ("style", "keepstyles") for o in options):
            return None
        leaves = [leaf for o in options if o.name == "style" for leaf in style_leaves(o.arg or "")]
    if action not in ("Edit", "editstyle"):
        return None
    # rows(0)/cols(0): the editor's "not set"; the other of the pair decides the layout
    leaves = [(p, v) for p, v in leaves if not (p in (("rows",), ("cols",)) and v.strip() == "0")]
    text = _suboptions(leaves, _LEGEND)
    if text is None:
        return None
    return replace(graph, **legend_fields(text, notes, graph.legend_look)) if text else graph


def _legend_label(graph: Graph, key: int, action: str, arg: str) -> Graph:
    """The k-th key's text: the k-th entry of ``legend(order())`` when typed, else key k."""
    if graph.legend_order is not None:
        order = list(graph.legend_order)
        if not 1 <= key <= len(order):
            return None
        plot, text = order[key - 1]
        text = "" if action == "clear" else (f"{text}\n{_unquoted(arg)}" if text else _unquoted(arg))
        order[key - 1] = (plot, text)
        return replace(graph, legend_order=tuple(order))
    labels = dict(graph.legend_labels)
    text = "" if action == "clear" else labels.get(key, "")
    if action == "push":
        text = f"{text}\n{_unquoted(arg)}" if text else _unquoted(arg)
    labels[key] = text
    return replace(graph, legend_labels=tuple(sorted(labels.items())))


def _axis_edit(graph: Graph, name: str, action: str, arg: str, leaves, notes: list[str]) -> Graph | None:
    from mlmcli.graphs.axis_options import axis_labels_on, axis_scale_on, merge_axis

    letter, field, ticks_field = _AXES[name]
    axis = getattr(graph, field)
    if action == "format":  # .xaxis1.major.label_format = %9.2f
        return replace(graph, **{field: replace(axis, **axis_labels_on(f", format({arg})", None, notes,
                                                                     letter)[2])})
    if action == "edit_tick":  # .yaxis1.edit_tick 3 26 `"text"', tickset(major): the label at 26
        body, _, rest = arg.partition(",")
        options = {o.name: (o.arg or "").strip() for o in read_options(rest)}
        words = body.split(None, 2)
        if options.get("tickset", "major") != "major" or len(words) != 3:
            return None
        _, _, fields = axis_labels_on(f'{words[1]} `"{_unquoted(words[2])}"\', add', None, notes, letter)
        ticklabels = dict(axis.ticklabels or ())
        ticklabels.update(dict(fields["ticklabels"]))
        return replace(graph, **{field: replace(axis, ticklabels=tuple(sorted(ticklabels.items())),
                                                add=True)})
    if action == "draw":
        return replace(graph, **{field: replace(axis, off=arg == "no", fill=arg == "no" or axis.fill)})
    if action == "rule":  # .reset_rule a b d , tickset(major) ruletype(range)
        numbers, _, rest = arg.partition(",")
        options = {o.name: (o.arg or "").strip() for o in read_options(rest)}
        words = numbers.split()
        if options.get("tickset") != "major":
            return None
        if options.get("ruletype") == "range" and len(words) == 3:
            rule = f"{words[0]}({words[2]}){words[1]}"
        elif options.get("ruletype") == "suggest" and len(words) == 1:
            rule = f"#{words[0]}"
        else:
            return None
        _, ticks, fields = axis_labels_on(rule, None, notes, letter)
        changes = {field: replace(axis, nticks=fields.get("nticks"))}
        changes[ticks_field] = ticks
        return replace(graph, **changes)
    if action != "editstyle":
        return None
    label_words, line_words = [], []
    for path, value in leaves:
        if path in _AXIS_LABEL:
            label_words.append(_AXIS_LABEL[path] % value)
        elif path in _AXIS_SWITCH and value in ("yes", "no"):
            label_words.append(_AXIS_SWITCH[path][value == "no"])
        elif path in _AXIS_LINE:
            line_words.append(_AXIS_LINE[path] % value)
        else:
            return None
    if label_words:
        _, _, fields = axis_labels_on(", " + " ".join(label_words), None, notes, letter)
        axis = replace(axis, **fields)
    if line_words:
        axis = merge_axis(axis, axis_scale_on(" ".join(line_words), notes, letter)[1])
    return replace(graph, **{field: axis})


def _chart(graph: Graph) -> str | None:
    """``bar``, ``hbar``, ``dot``, ``box``, ``hbox``, ``pie``, ``matrix`` for those graph
    commands' graphs (their objects are not twoway's ``plot<k>``: a bar chart's k-th yvar is
    ``bars[k]``); None for twoway graphs (``histogram``, ``kdensity`` ... are twoway's)."""
    words = graph.command.split()
    word = words[1] if len(words) > 1 and words[0] in ("graph", "gr", "gra", "grap") else None
    return word if word in ("bar", "hbar", "dot", "box", "hbox", "pie", "matrix") else None


def _plot_edit(graph: Graph, number: int, leaves, notes: list[str]) -> Graph | None:
    """The k-th plot's look (one-panel graphs: a ``by()`` graph's plots are other objects)."""
    from mlmcli.graphs.plot_options import AREA_SPECS, LINE_SPECS, MARKER_SPECS, look
    from mlmcli.syntax.options import resolve_options

    if len(graph.panels) != 1 or not 1 <= number <= len(graph.panels[0].series):
        return None
    text = _suboptions(leaves, {p: f"{name}(%s)" for p, name in _PLOT.items()})
    if text is None:
        return None
    series = list(graph.panels[0].series)
    target = series[number - 1]
    opts = resolve_options(read_options(text), MARKER_SPECS + LINE_SPECS + AREA_SPECS)
    fields = look(opts, notes, target.color).series_fields(target.kind)
    series[number - 1] = replace(target, **fields)
    return replace(graph, panels=(replace(graph.panels[0], series=tuple(series)),))


def _add_text(graph: Graph, arg: str) -> Graph | None:
    """``.plotregion1.AddTextBox added_text editor y x``: an empty text box at (y, x) of the
    plot region's scales (as ``text(y x "")``), numbered after the ones added before."""
    from mlmcli.graphs.spec import TextBox

    words = arg.split()
    if len(words) != 4 or words[:2] != ["added_text", "editor"]:
        return None
    y, x = float(words[2]), float(words[3])
    number = 1 + max((box.added for box in graph.texts), default=0)
    return replace(graph, texts=graph.texts + (TextBox(x, y, "", added=number),))


def _added_text_edit(graph: Graph, number: int, action: str, arg: str, notes: list[str]) -> Graph | None:
    """``added_text[k]``: its text (``.text = {}``, ``.text.Arrpush``) and its look
    (``.style.editstyle`` members as ``text()``'s suboptions)."""
    from mlmcli.graphs.added_line_text_options import text_boxes
    from mlmcli.graphs.spec import TextBox

    found = [i for i, box in enumerate(graph.texts) if box.added == number]
    if not found:
        return None
    box = graph.texts[found[0]]
    if action in ("clear", "push"):
        text = "" if action == "clear" else (f"{box.text}\n{_unquoted(arg)}" if box.text else _unquoted(arg))
        box = replace(box, text=text)
    elif action == "editstyle":
        leaves = style_leaves(arg)
        words, angle = [], None
        for path, value in leaves:
            if path == ("angle",):
                angle = {"default": 0.0, "0": 0.0, "horizontal": 0.0, "90": 90.0, "vertical": 90.0}.get(value)
                if angle is None:
                    return None
            elif path == ("drawbox",) and value in ("yes", "no"):
                words.append("box" if value == "yes" else "nobox")
            elif path == ("linestyle", "pattern") and value == "solid":
                continue  # a text box's outline is solid
            elif path == ("vertical",) and value == "middle":
                words.append("alignment(middle)")
            elif path in _ADDED_TEXT:
                words.append(_ADDED_TEXT[path] % value)
            else:
                return None
        typed = text_boxes([f'0 0 "t", {" ".join(words)}'], notes)[0]
        plain = TextBox(0.0, 0.0, "t")
        changes = {f: getattr(typed, f) for f in typed.__dataclass_fields__
                   if f not in ("x", "y", "text") and getattr(typed, f) != getattr(plain, f)}
        if "box" in changes or any(w == "nobox" for w in words):
            changes["box"] = typed.box
        if angle is not None:
            changes["angle"] = angle
        box = replace(box, **changes)
    else:
        return None
    texts = list(graph.texts)
    texts[found[0]] = box
    return replace(graph, texts=tuple(texts))


def _refline_edit(graph: Graph, number: int, leaves, notes: list[str]) -> Graph | None:
    """The k-th reference line, when every line of the graph is on one axis (then they are
    numbered as typed)."""
    from mlmcli.graphs import look_options as look

    plain = [RefLine("x", v) for v in graph.xlines] + [RefLine("y", v) for v in graph.ylines]
    if graph.reflines and plain:
        return None  # mlm keeps plain and styled lines apart: their typed order is gone
    lines = list(graph.reflines) or plain
    if len({line.axis for line in lines}) != 1 or not 1 <= number <= len(lines):
        return None
    text = _suboptions(leaves, {p: name for p, name in _REFLINE.items()})
    if text is None:
        return None
    typed = {o.name: o.arg for o in read_options(text)}
    target = lines[number - 1]
    if "lcolor" in typed:
        target = replace(target, color=look.color_value(typed["lcolor"], notes))
    if "lwidth" in typed:
        target = replace(target, width=look.line_width_value(typed["lwidth"], notes))
    if "lpattern" in typed:
        target = replace(target, pattern=look.line_pattern_word(typed["lpattern"], notes))
    lines[number - 1] = target
    return replace(graph, xlines=(), ylines=(), reflines=tuple(lines))

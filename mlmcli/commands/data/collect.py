"""``collect`` ([TABLES] collect): the follow-ups of Stata 17's ``table`` on the collection it
leaves (``mlmcli.commands.data.collection_layout``):

- ``collect preview [, name(cname)]``: the table again;
- ``collect layout [(rows) (columns) (tables)] [, name(cname)]``: a new layout of the
  collection's dimensions (``a#b`` nests, ``a b`` stacks, ``a[l1 l2]`` picks levels), its
  summary and the table; alone it reports the layout;
- ``collect dims``, ``collect levelsof dim`` (s(dimlist), s(levels));
- ``collect style cell [result[levels]] , nformat() sformat() halign()``;
- ``collect style header [dims] , title(label|name|hide) level(label|value|hide)``;
- ``collect label levels dim level "label" ...``, ``collect title``, ``collect notes``;
- ``collect export filename [, as() name() replace]`` (``mlmcli.commands.data.collect_export``);
- ``collect clear``.

The ``collect [, tag() name()]: command`` prefix: ``mlmcli.commands.data.collect_prefix``.
- ``collect stars _r_p # "label" ... [, attach(results) dimension shownote]``: significance
  stars beside cells, as a result or a dimension of their own, their note (collection_stars);
- ``collect style column, dups(center)`` (the way spanning headers are always drawn).
Every other subcommand and style option is refused by name (r(198)).
"""
from __future__ import annotations

import re
from dataclasses import replace

from mlmcli.commands.data.common import unquote
from mlmcli.commands.data.table_collect import NAME, collection
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import split_words


def _preview(session, body: str, opts_text) -> None:
    from mlmcli.commands.data.table_collect import show
    if body.strip():
        raise StataError(f"invalid '{body.split()[0]}'", 198)
    opts = resolve_options(opts_text, [NAME, OptionSpec("noblank")])
    show(session, collection(session, opts)[1])


def _dimension_spec(coll, text: str) -> list:
    """``a#b[l1 l2] c`` -> terms of (dimension, chosen levels or None)."""
    terms = []
    for word in re.findall(r"(?:[^\s\[#]+(?:\[[^\]]*\])?#?)+", text):
        term = []
        for part in word.strip("#").split("#"):
            m = re.fullmatch(r"([^\[\]]+)(?:\[([^\]]*)\])?", part)
            if m is None:
                raise StataError(f"invalid layout specification {part}", 198)
            name = m.group(1)
            if name not in coll.dims:
                raise StataError(f"dimension {name} not found in collection", 111)
            chosen = split_words(m.group(2)) if m.group(2) is not None else None
            for level in chosen or []:
                if unquote(level) not in coll.dims[name].levels:
                    raise StataError(f"level {unquote(level)} of dimension {name} not found", 111)
            term.append((name, [unquote(x) for x in chosen] if chosen else None))
        terms.append(term)
    return terms


def _layout(session, body: str, opts_text) -> None:
    from mlmcli.commands.data.collection_layout import axis_text, lay_out, table_size
    from mlmcli.render.collected_table import render_text
    opts = resolve_options(opts_text, [NAME])
    name, coll = collection(session, opts)
    text = body.strip()
    if text:
        groups = re.findall(r"\(([^()]*)\)", text)
        if re.sub(r"\([^()]*\)", "", text).strip() or not groups or len(groups) > 3:
            raise StataError("collect layout: (rows) (columns) (tables) expected", 198)
        axes = [_dimension_spec(coll, g) for g in groups] + [[], []]
        coll = replace(coll, rows=axes[0], cols=axes[1], tabs=axes[2])
        session.collections[name] = coll
    session.print("")
    labels = [("Collection", name), ("Rows", axis_text(coll.rows)), ("Columns", axis_text(coll.cols))]
    if coll.tabs:
        labels.append(("Tables", axis_text(coll.tabs)))
    tables = lay_out(coll)
    labels += [(f"Table {k}", "{} x {}".format(*table_size(t))) for k, (_, t) in enumerate(tables, 1)]
    width = max(len(k) for k, _ in labels)
    for key, value in labels:
        session.print(f"{key.rjust(width)}: {value}".rstrip())
    if not text:
        return
    for heading, table in tables:
        session.print("")
        for line in heading + render_text(table):
            session.print(line)


_STYLE_ONLY = (("border_block", 4), ("cell_type", 4))


def _dims(session, body: str, opts_text) -> None:
    if body.strip():
        raise StataError(f"invalid '{body.split()[0]}'", 198)
    name, coll = collection(session, resolve_options(opts_text, [NAME]))
    listed = [(d.name, len([k for k in d.levels if k != ""])) for d in coll.dims.values()
              if any(k != "" for k in d.levels)]
    listed.sort(key=lambda p: p[0].lower())
    # the layout of a published Stata 17 log of collect dims: names right-aligned in 28
    # columns, three spaces, the count left-aligned in 10; a 41-dash rule
    width = max([len(n) for n, _ in listed] + [28])
    rule = "-" * (width + 13)
    session.print("")
    session.print("Collection dimensions")
    session.print(f"Collection: {name}")
    session.print(rule)
    session.print(f"{'Dimension'.rjust(width)}   No. levels")
    session.print(rule)
    session.print("Layout, style, header, label")
    for dim, n in listed:
        session.print(f"{dim.rjust(width)}   {str(n).ljust(10)}")
    session.print("Style only")
    for dim, n in _STYLE_ONLY:
        session.print(f"{dim.rjust(width)}   {str(n).ljust(10)}")
    session.print(rule)
    session.s.clear()
    session.s["dimlist"] = " ".join(n for n, _ in listed)


def _levelsof(session, body: str, opts_text) -> None:
    words = body.split()
    if len(words) != 1:
        raise StataError("collect levelsof: one dimension name expected", 198)
    name, coll = collection(session, resolve_options(opts_text, [NAME]))
    dim = coll.dims.get(words[0])
    levels = [k for k in dim.levels if k != ""] if dim is not None else []
    if not levels:
        raise StataError(f"dimension {words[0]} not found", 111)
    session.print("")
    session.print(f"Collection: {name}")
    session.print(f" Dimension: {dim.name}")
    session.print(f"    Levels: {' '.join(levels)}")
    session.s.clear()
    session.s["levels"] = " ".join(levels)


def _results_tag(where: str, stats: set) -> set:
    m = re.fullmatch(r"result\[([^\]]*)\]", where)
    if m is None:
        raise StataError(f"collect style cell {where}: only result[...] tags are available in mlm", 198)
    return set(m.group(1).split())


def _style_cell(session, where: str, opts_text) -> None:
    from mlmcli.commands.data.table_collect import parse_formats, restyled
    raw = resolve_options(opts_text, [OptionSpec("nformat", 2, takes_arg=True), OptionSpec("sformat", 2, takes_arg=True),
                                      OptionSpec("halign", takes_arg=True), OptionSpec("cidelimiter", 5, takes_arg=True),
                                      NAME], allow_unknown=True)
    for key in raw:
        if key not in ("nformat", "sformat", "halign", "name", "cidelimiter"):
            raise StataError(f"collect style cell option {key}() is not available in mlm", 198)
    name, coll = collection(session, raw)
    stats = set(coll.dims["result"].levels) if "result" in coll.dims else set()
    if where:
        stats = _results_tag(where, stats)
    listed = " ".join(sorted(stats))
    formats = parse_formats([f"{raw['nformat']} {listed}"], stats, "nformat") if "nformat" in raw else {}
    sformats = parse_formats([f"{raw['sformat']} {listed}"], stats, "sformat") if "sformat" in raw else {}
    halign = {}
    if "halign" in raw:
        how = str(raw["halign"]).strip().lower()
        if how not in ("left", "center", "right"):
            raise StataError(f"halign({how}) invalid; left, center or right", 198)
        halign = {s: how for s in stats}
    if isinstance(raw.get("cidelimiter"), str):  # the text between an interval's bounds
        coll = replace(coll, ci_delimiter=unquote(raw["cidelimiter"]))
    session.collections[name] = restyled(coll, formats, sformats, halign)


def _style_header(session, where: str, opts_text) -> None:
    opts = resolve_options(opts_text, [OptionSpec("title", takes_arg=True), OptionSpec("level", takes_arg=True), NAME])
    name, coll = collection(session, opts)
    dims = where.split() or list(coll.dims)
    for dim in dims:
        if "[" in dim:
            raise StataError(f"collect style header {dim}: levels of a dimension are not available in mlm", 198)
        if dim not in coll.dims:
            raise StataError(f"dimension {dim} not found", 111)
    style = {}
    for key, allowed in (("title", ("label", "name", "hide")), ("level", ("label", "value", "hide"))):
        if isinstance(opts.get(key), str):
            how = opts[key].strip().lower()
            if how not in allowed:
                raise StataError(f"{key}({how}) invalid; {', '.join(allowed)}", 198)
            style[key] = how
    header = {d: {**coll.header.get(d, {}), **style} for d in dims}
    session.collections[name] = replace(coll, header={**coll.header, **header})


def _style(session, body: str, opts_text) -> None:
    words = body.split(None, 1)
    kind = words[0].lower() if words else ""
    where = words[1].strip() if len(words) > 1 else ""
    if kind == "cell":
        return _style_cell(session, where, opts_text)
    if kind == "header":
        return _style_header(session, where, opts_text)
    if kind == "column" and not where:
        return _style_column(session, opts_text)
    if kind == "showbase":
        return _style_showbase(session, where, opts_text)
    raise StataError(f"collect style {kind} is not available in mlm", 198)


def _style_showbase(session, where: str, opts_text) -> None:
    """``collect style showbase off|factor|all``: the base levels of factor variables left out,
    shown except in interactions, or shown (mlm's default, as before)."""
    from mlmcli.syntax.abbreviation import resolve_choice
    how = resolve_choice(where.strip().lower(), [("off", None), ("factor", None), ("all", None)])
    if how is None:
        raise StataError(f"collect style showbase: {where.strip() or 'nothing'} found where off, factor or all "
                         "expected", 198)
    name, coll = collection(session, resolve_options(opts_text, [NAME]))
    session.collections[name] = replace(coll, showbase=how)


def _style_column(session, opts_text) -> None:
    """``collect style column, dups(center)``: a header repeated over adjacent columns shown once,
    centred over them -- how mlm's tables always draw spanning headers; dups(repeat|first) and
    the other column styles are not built."""
    raw = resolve_options(opts_text, [OptionSpec("dups", takes_arg=True), NAME], allow_unknown=True)
    for key in raw:
        if key not in ("dups", "name"):
            raise StataError(f"collect style column option {key}() is not available in mlm", 198)
    collection(session, raw)
    how = str(raw.get("dups", "center")).strip().lower()
    if how not in ("repeat", "center", "first"):
        raise StataError(f"dups({how}) invalid; repeat, center or first", 198)
    if how != "center":
        raise StataError(f"collect style column, dups({how}) is not available in mlm; "
                         "spanning headers are centred (dups(center))", 198)


def _stars(session, body: str, opts_text) -> None:
    """``collect stars result # "label" [# "label" ...] [, attach(results) | dimension | result]
    [shownote nformat(%fmt) clear name()]``: significance labels from the result's p-values,
    placed as collection_stars describes."""
    from mlmcli.render.numfmt import is_valid_format
    specs = [OptionSpec("attach", takes_arg=True), OptionSpec("dimension", 3), OptionSpec("result"),
             OptionSpec("shownote"), OptionSpec("nformat", 3, takes_arg=True), OptionSpec("clear"), NAME]
    raw = resolve_options(opts_text, specs, allow_unknown=True)
    for key in raw:
        if key not in {spec.name for spec in specs}:
            raise StataError(f"option {key}() not allowed", 198)
    if raw.get("clear"):
        name, coll = collection(session, raw)
        session.collections[name] = replace(coll, stars=(), stars_attach=(), stars_mode="attach", stars_note=False)
        return
    words = split_words(body)
    if len(words) < 3 or len(words) % 2 == 0:
        raise StataError("collect stars: result followed by pairs of # \"label\" expected", 198)
    pairs = []
    for level, label in zip(words[1::2], words[2::2]):
        try:
            threshold = float(level)
        except ValueError:
            raise StataError(f"'{level}' found where number expected", 198) from None
        if not 0 < threshold <= 1:
            raise StataError(f"{level} invalid significance level; a number in (0, 1] expected", 198)
        pairs.append((threshold, unquote(label)))
    attach = raw["attach"].split() if isinstance(raw.get("attach"), str) else []
    if "attach" in raw and not attach:
        raise StataError("option attach() requires a list of results", 198)
    if raw.get("dimension") and raw.get("result"):
        raise StataError("options dimension and result may not be combined", 198)
    if raw.get("result") and attach:
        raise StataError("options attach() and result may not be combined", 198)
    fmt = str(raw.get("nformat") or "%9.0g").strip()
    if not is_valid_format(fmt) or fmt.endswith("s"):
        raise StataError(f"invalid numeric format '{fmt}'", 198)
    mode = "dimension" if raw.get("dimension") else "attach" if attach else "result"
    name, coll = collection(session, raw)
    session.collections[name] = _with_star_tags(replace(
        coll, stars=tuple(sorted(pairs)), stars_of=words[0], stars_attach=tuple(attach), stars_mode=mode,
        stars_note=bool(raw.get("shownote")), stars_nformat=fmt))


def _with_star_tags(coll):
    """The collection with the level (result[stars]) or dimension (stars[value label]) its
    stars will be tagged with, so a layout may name them."""
    from mlmcli.commands.data.collection_layout import Dimension
    dims = dict(coll.dims)
    if coll.stars_mode == "result":
        result = dims.get("result") or Dimension("result", "Result", [])
        if "stars" not in result.levels:
            dims["result"] = replace(result, levels=result.levels + ["stars"])
    elif coll.stars_mode == "dimension":
        dims["stars"] = Dimension("stars", "Stars", ["value", "label"])
    return replace(coll, dims=dims)


def _label(session, body: str, opts_text) -> None:
    from mlmcli.commands.data.table_statistics import canonical
    words = split_words(body)
    if len(words) < 2 or words[0].lower() != "levels":
        raise StataError(f"collect label {words[0] if words else ''} is not available in mlm", 198)
    opts = resolve_options(opts_text, [NAME, OptionSpec("modify")])
    name, coll = collection(session, opts)
    dim = coll.dims.get(words[1])
    if dim is None:
        raise StataError(f"dimension {words[1]} not found", 111)
    pairs = words[2:]
    if not pairs or len(pairs) % 2:
        raise StataError("collect label levels: a label is required for each level", 198)
    labels = dict(dim.labels)
    for level, label in zip(pairs[::2], pairs[1::2]):
        level = unquote(level)
        if level not in dim.levels and dim.name == "result":
            level = canonical(level)
        if level not in dim.levels:
            raise StataError(f"level {level} of dimension {dim.name} not found", 111)
        labels[level] = unquote(label)
    session.collections[name] = replace(coll, dims={**coll.dims, dim.name: replace(dim, labels=labels)})


def _title_or_note(session, body: str, opts_text, kind: str) -> None:
    words = split_words(body)
    if len(words) > 1:
        raise StataError(f"collect {kind}: one quoted text expected", 198)
    opts = resolve_options(opts_text, [NAME])
    name, coll = collection(session, opts)
    text = unquote(words[0]) if words else ""
    if kind == "title":
        session.collections[name] = replace(coll, title=text)
    else:  # collect notes "text" adds a note; collect notes alone removes them
        session.collections[name] = replace(coll, notes=coll.notes + (text,) if text else ())


def cmd_collect(session, cmd) -> None:
    from mlmcli.commands.data.collect_export import export
    text = cmd.args.strip()
    m = re.match(r"(\w*)(.*)\Z", text, re.S)
    sub, rest = m.group(1).lower(), m.group(2)
    if not sub or rest.lstrip().startswith(":"):
        from mlmcli.commands.data.collect_prefix import run_collect_prefix
        from mlmcli.textscan import find_top
        if find_top(text, ":") < 0:
            raise StataError("invalid syntax", 198)
        return run_collect_prefix(session, text if sub == "" else rest)
    body, options, _ = split_options(rest)
    if sub == "clear":
        session.collections.clear()
        session.etable_columns = None  # etable's collection (ETable) goes too
        return
    if sub in ("title", "notes"):
        return _title_or_note(session, body, options, sub)
    handlers = {"preview": (_preview, 4), "export": (export, 3), "style": (_style, 3), "label": (_label, 3),
                "layout": (_layout, 6), "dims": (_dims, 4), "levelsof": (_levelsof, 6), "stars": (_stars, 5)}
    for word, (handler, least) in handlers.items():
        if len(sub) >= least and word.startswith(sub):
            return handler(session, body, options)
    raise StataError(f"collect {sub} is not available in mlm", 198)

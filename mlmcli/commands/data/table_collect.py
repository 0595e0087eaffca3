"""Stata 17's ``table`` ([R] table, [R] table summary): the syntax newer do-files use.

``table [(rowspec)] [(colspec)] [(tabspec)] [if] [in] [weight], statistic(stat [varlist])
[statistic() ...] command([results:] cmd) nformat(%fmt [stats]) sformat(sfmt [stats])
nototals totals(varlist) missing zerocounts name(cname) replace append``

A spec holds data variables (nested) and the layout names ``result var colname command``.
Every statistic (``mlmcli.commands.data.table_statistics``) and command result
(``mlmcli.commands.data.table_command``) of every cell, totals included, becomes an item of a
collection (``mlmcli.commands.data.collection_layout``) tagged by the variables' levels
(``.m`` the Total), result, var, colname and command; the table is that collection laid out:
one table per level of the third dimension (tabvars).  ``collect`` then works on it
(``mlmcli.commands.data.collect``).  ``style()``, ``statcmd``, ``across`` as layout names and
markdown/latex/html are refused by name.  docs/table_collect.md lists what was read and what
inferred.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import replace

import numpy as np

from mlmcli.commands.data.collection_layout import TOTAL, Collection, Dimension, Item, lay_out
from mlmcli.commands.data.common import unquote
from mlmcli.commands.data.table_axis import table_sample
from mlmcli.commands.data.table_statistics import (COUNTING, FACTOR, PERCENTILE, TITLES, Stat, canonical,
                                                   check_weights, known, parse_statistics, statistic_title,
                                                   value)
from mlmcli.errors import StataError
from mlmcli.parser import weight_kind
from mlmcli.syntax.options import OptionSpec, resolve_options

__all__ = ["TITLES", "PERCENTILE", "statistic_title", "parse_formats", "restyled", "show", "cmd_table_collect",
           "NAME", "collection"]

OPTIONS = [OptionSpec("statistic", 4, takes_arg=True, repeatable=True),
           OptionSpec("nformat", 2, takes_arg=True, repeatable=True),
           OptionSpec("sformat", 2, takes_arg=True, repeatable=True), OptionSpec("nototals", 7),
           OptionSpec("totals", 5, takes_arg=True), OptionSpec("missing", 4), OptionSpec("name", takes_arg=True),
           OptionSpec("replace"), OptionSpec("append"), OptionSpec("zerocounts", 4), OptionSpec("style", takes_arg=True),
           OptionSpec("command", takes_arg=True, repeatable=True), OptionSpec("markdown"), OptionSpec("latex"),
           OptionSpec("html"), OptionSpec("cidelimiter", 5, takes_arg=True)]
# options only Stata 17's syntax has: any of them (or a parenthesized dimension) picks it
NEW_SYNTAX_OPTIONS = ("statistic", "nformat", "sformat", "nototals", "totals", "zerocounts", "style",
                      "command", "append")
_REFUSED = {"style": "style()", "markdown": "markdown", "latex": "latex", "html": "html"}
LAYOUT_NAMES = ("result", "var", "colname", "command")


def _dimensions(args: str) -> list[list[str]]:
    text = args.strip()
    if "(" in text:
        groups = re.findall(r"\(([^()]*)\)", text)
        if re.sub(r"\([^()]*\)", "", text).strip():
            raise StataError("table: variables must all be inside parentheses or none may be", 198)
    else:
        groups = text.split()
    if len(groups) > 3:
        raise StataError("table: at most three dimensions (rows, columns and tables) may be specified", 198)
    for word in (w for g in groups for w in g.split()):
        if word.lower() in ("statcmd", "across"):
            raise StataError(f"layout dimension {word} is not available in mlm's table", 198)
    return [g.split() for g in groups] + [[]] * (3 - len(groups))


def parse_formats(texts: list[str], stats: set[str], kind: str) -> dict:
    from mlmcli.render.numfmt import is_valid_format
    from mlmcli.textscan import split_words
    out = {}
    for text in texts:
        words = split_words(text)  # sformat("(%s %%)" percent): a quoted format is one word
        if not words:
            raise StataError(f"{kind}() invalid", 198)
        if kind == "sformat":
            fmt = unquote(words[0])
            if fmt.count("%s") != 1:
                raise StataError(f"sformat(): invalid format {fmt}", 198)
            left, right = fmt.split("%s")
            formatted = (left.replace("%%", "%"), right.replace("%%", "%"))
        else:
            formatted = words[0]
            if not is_valid_format(formatted) or formatted.endswith("s"):
                raise StataError(f"invalid numeric format '{formatted}'", 198)
        names = [canonical(w) if known(canonical(w)) else w for w in words[1:]] or sorted(stats)
        for name in names:
            if not known(name) and name not in stats:
                raise StataError(f"{kind}(): statistic {name} invalid", 198)
            out[name] = formatted
    return out


def _level_key(v) -> str:
    if isinstance(v, str):
        return v
    v = float(v)
    if np.isnan(v):
        return "."
    return str(int(v)) if v.is_integer() else f"{v:.15g}"


def _conditions(names: list[str], axes, totals: set, nest: bool) -> list[dict]:
    """Every combination of levels (codes; TOTAL) of one axis's variables: a variable in
    ``totals`` has a Total too; with ``nest`` the variables after a Total are total as well."""
    out: list[dict] = [{}]
    for name, axis in zip(names, axes):
        step = []
        for cond in out:
            closed = nest and any(v == TOTAL for v in cond.values())
            if closed:
                step.append({**cond, name: TOTAL})
                continue
            step += [{**cond, name: k} for k in range(len(axis))]
            if name in totals:
                step.append({**cond, name: TOTAL})
        out = step
    return out


def _stat_dims(ds, stats: list[Stat], axes_by_name: dict) -> tuple[Dimension, Dimension]:
    results = list(dict.fromkeys(s.name for s in stats))
    result = Dimension("result", "Result", results, {r: statistic_title(r) for r in results})
    keys: list[str] = []
    labels: dict[str, str] = {}
    for s in stats:
        key = _var_key(s)
        if key not in keys:
            keys.append(key)
        if s.level is not None:
            axis = axes_by_name[s.var]
            labels[key] = axis.texts[axis.values.index(s.level)]
        elif key:
            labels[key] = ds.var_labels.get(s.var) or s.var
    return result, Dimension("var", "Variable", keys, labels)


def _var_key(s: Stat) -> str:
    if s.var is None or s.name in COUNTING:
        return ""
    if s.level is not None:
        return f"{_level_key(s.level)}.{s.var}"
    return s.var


def _expand_factor(session, stats: list[Stat], rows) -> tuple[list[Stat], dict]:
    """fv* statistics: one per level of the variable (its levels in the sample)."""
    from mlmcli.commands.data.table_axis import TableAxis
    out, axes = [], {}
    for s in stats:
        if s.name not in FACTOR:
            out.append(s)
            continue
        axis = axes.setdefault(s.var, TableAxis(session.data, s.var, rows, False))
        out += [replace(s, level=v) for v in axis.values]
    return out, axes


def build(session, cmd, opts: dict) -> Collection:
    ds = session.data
    for key, text in _REFUSED.items():
        if opts.get(key):
            raise StataError(f"option {text} is not available in mlm's table", 198)
    entries = [[w.lower() if w.lower() in LAYOUT_NAMES else v for w in spec
                for v in ([w] if w.lower() in LAYOUT_NAMES else ds.expand_varlist(w))] for spec in _dimensions(cmd.args)]
    data_vars = [[v for v in spec if v not in LAYOUT_NAMES] for spec in entries]
    named = [n for spec in entries for n in spec]
    twice = next((n for i, n in enumerate(named) if n in named[:i]), None)
    if twice is not None:
        raise StataError(f"table: {twice} may appear in only one dimension, once", 198)
    commands = opts.get("command") or []
    # frequency by default, with command() too ([R] table's quick start: "frequencies and
    # pairwise correlation coefficients ... for every cell" for command(pwcorr v3 v4))
    stats = parse_statistics(opts.get("statistic") or ["frequency"], ds)
    everything = [v for group in data_vars for v in group]
    for s in stats:
        if s.across is not None and s.across not in everything:
            raise StataError(f"across({s.across}): {s.across} is not a row or column variable of the table", 198)
    kind = weight_kind(cmd.weight) if cmd.weight is not None else None
    kind = {"weight": "fweight"}.get(kind, kind)
    check_weights(stats, kind)
    missing = bool(opts.get("missing"))
    rows, w, axes = table_sample(session, cmd, data_vars, missing, ("fweight", "aweight", "iweight", "pweight"))
    if opts.get("nototals"):
        totals: set = set()
    elif isinstance(opts.get("totals"), str):
        totals = set(ds.expand_varlist(opts["totals"]))
    else:
        totals = set(everything)
    stats, fv_axes = _expand_factor(session, stats, rows)
    by_var: dict = {}
    for s in stats:  # grouped by variable, in order of appearance
        by_var.setdefault(_var_key(s) if s.level is None else s.var, []).append(s)
    stats = [s for group in by_var.values() for s in group]
    axis_of = {name: axis for group, group_axes in zip(data_vars, axes) for name, axis in zip(group, group_axes)}
    dims: dict[str, Dimension] = {}
    for name, axis in axis_of.items():
        keys = [_level_key(v) for v in axis.values]
        dims[name] = Dimension(name, axis.title, keys + ([TOTAL] if name in totals else []),
                               {**dict(zip(keys, axis.texts)), TOTAL: "Total"}, data=True)
    items: list[Item] = []
    conds = [dict(itertools.chain.from_iterable(c.items() for c in combo)) for combo in itertools.product(
        *[_conditions(group, group_axes, totals, True) for group, group_axes in zip(data_vars, axes)])]
    # each level's observations once (packed bits: a cell's are the AND of its levels')
    level_bits = {name: [np.packbits(rows & (axis.codes == k)) for k in range(len(axis))]
                  for name, axis in axis_of.items()}
    all_bits = np.packbits(rows)

    def select(cond: dict) -> np.ndarray:
        m = all_bits.copy()
        for name, k in cond.items():
            if k != TOTAL:
                m &= level_bits[name][k]
        return np.unpackbits(m, count=rows.size).astype(bool)

    def tags(cond: dict) -> dict:
        return {name: (TOTAL if k == TOTAL else dims[name].levels[k]) for name, k in cond.items()}

    zero = bool(opts.get("zerocounts"))
    xs = {s.var: ds.numeric(s.var) for s in stats if s.var is not None and s.name not in COUNTING}
    for cond in conds:
        m = select(cond)
        if not m.any() and not zero:
            continue
        for s in stats:
            base = select({k: c for k, c in cond.items() if k != s.across}) if s.across else rows
            if m.any() or s.name in COUNTING + FACTOR:
                got = value(s, xs.get(s.var), m, base, w, kind)
            else:
                got = np.nan
            items.append(Item({**tags(cond), "result": s.name, "var": _var_key(s)}, got))
    result, var = _stat_dims(ds, stats, fv_axes)
    dims.update(result=result, var=var)
    if commands:
        from mlmcli.commands.data.table_command import command_items
        items += command_items(session, commands, conds, select, tags, dims)
    if not items:
        raise StataError("no observations", 2000)
    coll = Collection(dims, items)
    _default_layout(coll, entries, stats, bool(commands))
    stat_names = set(dims["result"].levels)
    coll.formats = parse_formats(opts.get("nformat") or [], stat_names, "nformat")
    coll.sformats = parse_formats(opts.get("sformat") or [], stat_names, "sformat")
    if isinstance(opts.get("cidelimiter"), str):
        coll.ci_delimiter = unquote(opts["cidelimiter"].strip())
    return coll


def _default_layout(coll: Collection, entries, stats: list[Stat], commands: bool) -> None:
    """The user's dimensions in the order typed, and where the user placed none of them:
    result (and var when several variables; colname and command after command()) in the
    columns without a column variable, else in the rows (not at all for one statistic of a
    table with row variables).  An item without a tag of a dimension in its term is not
    shown, so a command's scalars (no colname) get a term of their own beside the
    coefficients'."""
    rows, cols, tabs = ([[(n, None) for n in spec]] if spec else [] for spec in entries)
    placed = set(n for spec in entries for n in spec)
    variables = {s.var for s in stats if s.var is not None and s.name not in COUNTING}
    extra, scalars = [], None
    if commands and "command" not in placed:
        ran = coll.dims["command"].levels
        # a result both a statistic and a command give (mean, r(mean)): the command tells them apart
        shared = {s.name for s in stats} & {i.result for i in coll.items if "command" in i.tags}
        if len(ran) > 1 or shared:
            extra.append("command")
    if commands and "colname" not in placed and coll.dims["colname"].levels:
        extra.append("colname")
        alone = list(dict.fromkeys(i.result for i in coll.items if "command" in i.tags and "colname" not in i.tags))
        if alone:
            scalars = [(n, None) for n in extra if n == "command"] + [("result", alone)]
    if "var" not in placed and (len(variables) > 1 or any(s.level is not None for s in stats)):
        extra.append("var")
    several = len(coll.dims["result"].levels) > 1
    if "result" not in placed and (several or not extra) and not (rows and cols and not extra and not several):
        extra.append("result")
    if extra:
        added = [[(n, None) for n in extra]] + ([scalars] if scalars else [])
        if cols and rows:
            rows = [rows[0] + term for term in added]
        elif cols:
            rows = added
        else:
            cols = added
    coll.rows, coll.cols, coll.tabs = rows, cols, tabs


def _printed(session, coll: Collection) -> None:
    from mlmcli.render.collected_table import render_text
    for heading, table in lay_out(coll):
        session.print("")
        for line in heading:
            session.print(line)
        for line in render_text(table):
            session.print(line)


NAME = OptionSpec("name", takes_arg=True)


def collection(session, opts: dict):
    name = unquote(opts["name"].strip()) if isinstance(opts.get("name"), str) else session.collections.get("_current")
    if name is None or name not in session.collections:
        hint = "" if name else ("; mlm's table makes one only in Stata 17's syntax, such as "
                                "table (rowvar) (colvar) or table rowvar, statistic(frequency)")
        raise StataError(f"collection {name or 'Table'} not found{hint}", 111)
    return name, session.collections[name]


def cmd_table_collect(session, cmd) -> None:
    opts = resolve_options(cmd.options, OPTIONS)
    name = unquote(opts["name"].strip()) if isinstance(opts.get("name"), str) else "Table"
    from mlmcli.syntax.varlist import NAME_RE
    if not NAME_RE.match(name):
        raise StataError(f"{name} invalid name", 198)
    collections = session.collections
    if opts.get("append") and opts.get("replace"):
        raise StataError("options append and replace may not be combined", 198)
    if name in collections and name != "Table" and not opts.get("replace") and not opts.get("append"):
        raise StataError(f"collection {name} already exists", 110)
    collection = build(session, cmd, opts)
    if opts.get("append") and name in collections:
        collection = appended(collections[name], collection)
    show(session, collection)
    collections[name] = collection
    collections["_current"] = name


def appended(old: Collection, new: Collection) -> Collection:
    """``append``: the new items added to the collection's, the dimensions' levels merged (the
    old first), the new table's layout and the old styles kept."""
    dims = dict(old.dims)
    for name, dim in new.dims.items():
        if name in dims:
            was = dims[name]
            levels = was.levels + [k for k in dim.levels if k not in was.levels]
            if TOTAL in levels:  # Total stays last
                levels = [k for k in levels if k != TOTAL] + [TOTAL]
            dims[name] = replace(was, levels=levels, labels={**dim.labels, **was.labels})
        else:
            dims[name] = dim
    return replace(new, dims=dims, items=old.items + new.items, formats={**new.formats, **old.formats},
                   sformats={**new.sformats, **old.sformats}, halign=dict(old.halign), header=dict(old.header),
                   title=old.title, notes=old.notes)


def show(session, collection: Collection) -> None:
    _printed(session, collection)


def restyled(collection: Collection, formats: dict, sformats: dict, halign: dict | None = None) -> Collection:
    return replace(collection, formats={**collection.formats, **formats},
                   sformats={**collection.sformats, **sformats}, halign={**collection.halign, **(halign or {})})

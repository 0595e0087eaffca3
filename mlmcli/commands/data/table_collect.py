"""Stata 17's ``table`` ([R] table, [R] table summary): the syntax newer do-files use.

``table [(rowvars)] [(colvars)] [if] [in], statistic(stat [varlist]) [statistic() ...]
nformat(%fmt [stats]) sformat(sfmt [stats]) nototals totals(varlist) missing name(cname) replace``

Statistics: ``frequency percent mean sd variance median p# min max count total iqr semean
range``; each cell is computed over the observations with that row/column level (a statistic
of a variable over that variable's non-missing values).  The table is laid out as Stata 17's
collect-based tables are (``mlmcli.render.collected_table``, ``bar``), stored as the current
collection for ``collect preview/export/style`` (``mlmcli.commands.data.collect``).  Row
variables nest, and so do column variables; fweights; ``statistic(percent, across(v))``.  A
third dimension (tabvars), the ``var``/``result`` layout names, ``zerocounts``, ``append``,
``style()``, ``command()``, other weights and the fv* statistics are refused by name.
docs/table_collect.md lists what was read and what inferred.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from mlmcli.commands.data.common import unquote
from mlmcli.commands.data.table_axis import table_sample
from mlmcli.errors import StataError
from mlmcli.parser import weight_kind
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

OPTIONS = [OptionSpec("statistic", 4, takes_arg=True, repeatable=True),
           OptionSpec("nformat", 2, takes_arg=True, repeatable=True),
           OptionSpec("sformat", 2, takes_arg=True, repeatable=True), OptionSpec("nototals", 7),
           OptionSpec("totals", 5, takes_arg=True), OptionSpec("missing", 4), OptionSpec("name", takes_arg=True),
           OptionSpec("replace"), OptionSpec("append"), OptionSpec("zerocounts", 4), OptionSpec("style", takes_arg=True),
           OptionSpec("command", takes_arg=True, repeatable=True), OptionSpec("markdown"), OptionSpec("latex"),
           OptionSpec("html")]
# options only Stata 17's syntax has: any of them (or a parenthesized dimension) picks it
NEW_SYNTAX_OPTIONS = ("statistic", "nformat", "sformat", "nototals", "totals", "zerocounts", "style",
                      "command", "append")
_REFUSED = {"append": "append", "zerocounts": "zerocounts", "style": "style()", "command": "command()",
            "markdown": "markdown", "latex": "latex", "html": "html"}

TITLES = {"frequency": "Frequency", "percent": "Percent", "mean": "Mean", "sd": "Standard deviation",
          "variance": "Variance", "median": "Median", "min": "Minimum value", "max": "Maximum value",
          "count": "Number of nonmissing observations", "total": "Total", "iqr": "Interquartile range",
          "semean": "Standard error of the mean", "range": "Range"}
FORMATS = {"frequency": "%9.0fc", "percent": "%9.2f"}  # every other statistic: %9.0g
_ALIASES = {"freq": "frequency", "var": "variance"}
PERCENTILE = re.compile(r"p([1-9]|[1-9]\d)$")


def statistic_title(stat: str) -> str:
    m = PERCENTILE.match(stat)
    if m:
        n = int(m.group(1))
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} percentile"
    return TITLES[stat]


@dataclass
class TableCollection:
    """A table's computed cells and how they are shown: ``rows`` of (label, indent, cells or
    None for a heading), each cell (statistic, value) or None; ``formats``/``sformats`` by
    statistic (``collect style cell`` changes them)."""

    columns: tuple[str, ...]
    header_rows: tuple
    rows: list
    formats: dict = field(default_factory=dict)
    sformats: dict = field(default_factory=dict)
    title: str = ""  # collect title
    notes: tuple[str, ...] = ()  # collect notes


def assemble(collection: TableCollection):
    """The collection as a ``CollectedTable`` (its numbers with their formats, no computing)."""
    from mlmcli.results.collected_table import CellPart, CollectedTable, TableCell, TableRow

    def part(stat, value):
        fmt = collection.formats.get(stat, FORMATS.get(stat, "%9.0g"))
        left, right = collection.sformats.get(stat, ("", ""))
        return TableCell((CellPart(None if value is None or np.isnan(value) else float(value), fmt, left, right),))

    rows, widths = [], [0] * len(collection.columns)
    for label, indent, cells in collection.rows:
        if cells is None:
            rows.append(TableRow(label, indent=indent))
            continue
        line = tuple(None if c is None else part(*c) for c in cells)
        rows.append(TableRow(label, (line,), indent))
        for j, c in enumerate(cells):
            if c is not None:
                fmt = collection.formats.get(c[0], FORMATS.get(c[0], "%9.0g"))
                widths[j] = max(widths[j], int(re.match(r"%-?0?(\d+)", fmt).group(1)))
    return CollectedTable(columns=collection.columns, rows=tuple(rows), bar=True, column_widths=tuple(widths),
                          header_rows=collection.header_rows, title=collection.title, notes=collection.notes)


def _statistics(texts: list[str], ds) -> list[tuple[str, str | None]]:
    out = []
    for text in texts:
        body, options, _ = split_options(text)
        words = body.split()
        if not words:
            raise StataError("statistic() invalid", 198)
        stat = _ALIASES.get(words[0].lower(), words[0].lower())
        if stat.startswith("fv") or stat not in TITLES and not PERCENTILE.match(stat):
            raise StataError(f"statistic {words[0]} is not available in mlm's table", 198)
        if options and stat != "percent":
            raise StataError(f"statistic({text.strip()}): suboptions are not available in mlm's table", 198)
        if stat in ("frequency", "percent"):
            if len(words) > 1:
                raise StataError(f"statistic({words[0]}) takes no variables in mlm's table", 198)
            across = resolve_options(options, [OptionSpec("across", takes_arg=True)]).get("across")
            # percent's variable slot holds across(): the variable whose levels sum to 100
            out.append((stat, ds.resolve(across.strip()) if isinstance(across, str) else None))
            continue
        if len(words) < 2:
            raise StataError(f"statistic({words[0]}) requires a varlist", 100)
        for name in ds.expand_varlist(" ".join(words[1:])):
            if ds.is_string(name):
                raise StataError("type mismatch", 109)
            out.append((stat, name))
    return list(dict.fromkeys(out))


def _dimensions(args: str, ds) -> tuple[list[str], list[str]]:
    text = args.strip()
    if "(" in text:
        groups = re.findall(r"\(([^()]*)\)", text)
        if re.sub(r"\([^()]*\)", "", text).strip():
            raise StataError("table: variables must all be inside parentheses or none may be", 198)
    else:
        groups = text.split()
    if len(groups) > 2:
        raise StataError("mlm's table does not lay out a third dimension (tabvars) yet", 198)
    named = [g.split() for g in groups] + [[], []]
    for word in named[0] + named[1]:
        if word.lower() in ("var", "result", "colname", "command", "statcmd", "across"):
            raise StataError(f"layout dimension {word} is not available in mlm's table", 198)
    rows = ds.expand_varlist(" ".join(named[0])) if named[0] else []
    cols = ds.expand_varlist(" ".join(named[1])) if named[1] else []
    return rows, cols


def parse_formats(texts: list[str], stats: set[str], kind: str) -> dict:
    from mlmcli.render.numfmt import is_valid_format
    out = {}
    from mlmcli.textscan import split_words
    for text in texts:
        words = split_words(text)  # sformat("(%s %%)" percent): a quoted format is one word
        if not words:
            raise StataError(f"{kind}() invalid", 198)
        if kind == "sformat":
            fmt = unquote(words[0])
            if fmt.count("%s") != 1:
                raise StataError(f"sformat(): invalid format {fmt}", 198)
            left, right = fmt.split("%s")
            value = (left.replace("%%", "%"), right.replace("%%", "%"))
        else:
            value = words[0]
            if not is_valid_format(value) or value.endswith("s"):
                raise StataError(f"invalid numeric format '{value}'", 198)
        names = [_ALIASES.get(w.lower(), w.lower()) for w in words[1:]] or sorted(stats)
        for name in names:
            if name not in TITLES and not PERCENTILE.match(name):
                raise StataError(f"{kind}(): statistic {name} invalid", 198)
            out[name] = value
    return out


def _value(stat: str, x, mask: np.ndarray, base: np.ndarray, w) -> float:
    """The statistic over ``mask`` (percent: of the observations in ``base``)."""
    from mlmcli.summary_statistics import statistic
    count = float(mask.sum()) if w is None else float(w[mask].sum())
    if stat == "frequency":
        return count
    if stat == "percent":
        return 100.0 * count / (float(base.sum()) if w is None else float(w[base].sum()))
    values = x[mask] if w is None else np.repeat(x[mask], w[mask].astype(np.int64))
    return statistic({"total": "sum"}.get(stat, stat), values)


def _combo_labels(combos, ds) -> tuple[list[str], list[str] | None]:
    """Leaf labels of the (statistic, variable) combinations and, when both vary, the
    variable label each belongs to (for a header/heading above them)."""
    stats = {s for s, _ in combos}
    names = {v for s, v in combos if v is not None and s != "percent"}
    var_title = {v: ds.var_labels.get(v) or v for v in names}
    if len(stats) == 1 and len(names) > 1:
        return [var_title[v] for _, v in combos], None
    if len(names) <= 1:
        return [statistic_title(s) for s, _ in combos], None
    return [statistic_title(s) for s, _ in combos], [var_title.get(v, "") if s != "percent" else ""
                                                     for s, v in combos]


def _column_tree(dims, names, totals, cond: dict, select) -> list:
    """(condition, [(variable title, level text) per column variable]) per column, the
    column variables nested; a Total column closes each level of nesting (inferred layout)."""
    d, rest = dims[0], dims[1:]
    out = []
    for k, text in enumerate(d.texts):
        here = {**cond, names[0]: k}
        if not select(here).any():
            continue
        inner = _column_tree(rest, names[1:], totals, here, select) if rest else [(here, [])]
        out += [(c, [(d.title, text)] + labels) for c, labels in inner]
    if names[0] in totals:
        out.append((cond, [(d.title, "Total")] + [("", "")] * len(rest)))
    return out


def _column_headers(labels: list) -> tuple[list[str], tuple]:
    """The leaf column headers and the spanning header rows above them: per column variable
    its title over its columns, and but for the innermost its levels over theirs."""
    depth = len(labels[0])
    rows = []

    def spans(key) -> tuple:
        out: list = []
        for k, lab in enumerate(labels):
            ident, text = key(lab)
            if out and out[-1][0] == ident:
                out[-1] = (ident, out[-1][1], out[-1][2] + 1)
            else:
                out.append((ident, text, 1))
        return tuple((text, n) for _, text, n in out)

    for i in range(depth):
        rows.append(spans(lambda lab, i=i: ((tuple(lab[:i]), lab[i][0]), lab[i][0])))
        if i < depth - 1:
            rows.append(spans(lambda lab, i=i: (tuple(lab[:i + 1]), lab[i][1])))
    return [lab[-1][1] for lab in labels], tuple(rows)


def build(session, cmd, opts: dict) -> TableCollection:
    ds = session.data
    for key, text in _REFUSED.items():
        if opts.get(key):
            raise StataError(f"option {text} is not available in mlm's table", 198)
    row_vars, col_vars = _dimensions(cmd.args, ds)
    combos = _statistics(opts.get("statistic") or ["frequency"], ds)
    for stat, var in combos:
        if stat == "percent" and var is not None and var not in row_vars + col_vars:
            raise StataError(f"across({var}): {var} is not a row or column variable of the table", 198)
    by_var = {}
    for stat, var in combos:  # group the combinations by variable, in order of appearance
        by_var.setdefault(var if stat != "percent" else None, []).append((stat, var))
    combos = [c for group in by_var.values() for c in group]
    stat_names = {s for s, _ in combos}
    formats = parse_formats(opts.get("nformat") or [], stat_names, "nformat")
    sformats = parse_formats(opts.get("sformat") or [], stat_names, "sformat")
    missing = bool(opts.get("missing"))
    if cmd.weight is not None and weight_kind(cmd.weight) not in ("fweight", "weight"):
        raise StataError(f"{weight_kind(cmd.weight)}s are not available in mlm's table; fweights are", 101)
    # fweights: each observation counts w times (every statistic then is the unweighted one of
    # the expanded data, as Stata's frequency weights mean)
    rows, w, (row_dims, col_dims) = table_sample(session, cmd, [row_vars, col_vars], missing, ("fweight",))
    if opts.get("nototals"):
        totals = set()
    elif isinstance(opts.get("totals"), str):
        totals = set(ds.expand_varlist(opts["totals"]))
    else:
        totals = set(row_vars + col_vars)
    xs = {v: ds.numeric(v) for s, v in combos if v is not None and s != "percent"}
    codes = {d_name: d.codes for d_name, d in zip(row_vars + col_vars, row_dims + col_dims)}

    def select(cond: dict) -> np.ndarray:
        m = rows.copy()
        for name, k in cond.items():
            m &= codes[name] == k
        return m
    leaf, groups = _combo_labels(combos, ds)

    def cells_for(cond: dict, combo_list) -> list:
        out = []
        for col_cond, (stat, var) in combo_list:
            where = {**cond, **col_cond}
            m = select(where)
            base = select({k: c for k, c in where.items() if k != var}) if stat == "percent" and var else rows
            out.append((stat, _value(stat, xs.get(var), m, base, w)) if m.any() else None)
        return out

    header_rows: tuple = ()
    if col_dims:
        described = _column_tree(col_dims, col_vars, totals, {}, select)
        col_masks = [cond for cond, _ in described]
        columns, header_rows = _column_headers([labels for _, labels in described])
    else:
        col_masks, columns = [{}], leaf
        if groups is not None:
            spans: list = []
            for title in groups:
                if spans and spans[-1][0] == title:
                    spans[-1] = (title, spans[-1][1] + 1)
                else:
                    spans.append((title, 1))
            header_rows = (tuple(spans),)
    out_rows: list = []

    def emit(label: str, indent: int, mask: dict) -> None:
        if not col_dims:
            out_rows.append((label, indent, cells_for(mask, [({}, c) for c in combos])))
            return
        if len(combos) == 1 and row_dims:
            out_rows.append((label, indent, cells_for(mask, [(m, combos[0]) for m in col_masks])))
            return
        if label:
            out_rows.append((label, indent, None))
            indent += 2
        previous = None
        for combo, name, group in zip(combos, leaf, groups or [None] * len(combos)):
            if group and group != previous:  # frequency/percent (no variable) have no heading
                out_rows.append((group, indent, None))
            previous = group
            out_rows.append((name, indent + (2 if group else 0),
                             cells_for(mask, [(m, combo) for m in col_masks])))

    def block(mask: dict, dims: list, names: list, indent: int) -> None:
        d, rest = dims[0], dims[1:]
        out_rows.append((d.title, indent, None))
        for k, text in enumerate(d.texts):
            m = {**mask, names[0]: k}
            if not select(m).any():
                continue
            if rest:
                out_rows.append((text, indent + 2, None))
                block(m, rest, names[1:], indent + 4)
            else:
                emit(text, indent + 2, m)
        if names[0] in totals:
            emit("Total", indent + 2, mask)

    if row_dims:
        block({}, row_dims, row_vars, 0)
    else:
        emit("", 0, {})
    return TableCollection(tuple(columns), header_rows, out_rows, formats, sformats)


def cmd_table_collect(session, cmd) -> None:
    opts = resolve_options(cmd.options, OPTIONS)
    name = unquote(opts["name"].strip()) if isinstance(opts.get("name"), str) else "Table"
    from mlmcli.syntax.varlist import NAME_RE
    if not NAME_RE.match(name):
        raise StataError(f"{name} invalid name", 198)
    collections = session.collections
    if name in collections and name != "Table" and not opts.get("replace"):
        raise StataError(f"collection {name} already exists", 110)
    collection = build(session, cmd, opts)
    show(session, collection)
    collections[name] = collection
    collections["_current"] = name


def show(session, collection: TableCollection) -> None:
    from mlmcli.render.collected_table import render_text
    session.print("")
    for line in render_text(assemble(collection)):
        session.print(line)


def restyled(collection: TableCollection, formats: dict, sformats: dict) -> TableCollection:
    return replace(collection, formats={**collection.formats, **formats},
                   sformats={**collection.sformats, **sformats})

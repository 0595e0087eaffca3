"""The collection behind Stata 17's ``table`` and ``collect`` ([TABLES] Intro 2): items (values
tagged ``dimension[level]``), the dimensions with their levels and labels, a layout of row,
column and table dimensions, and the styles; ``lay_out`` turns it into one ``CollectedTable``
per table (per level of the table dimensions) for ``mlmcli.render.collected_table``.

Layout rules (docs/table_collect.md says which were read and which inferred):

- an axis is a list of terms shown one after the other (``collect layout (a b)``), a term a
  list of dimensions nested (``a#b``; ``table``'s ``(a b)`` is one term);
- a data variable's dimension shows its title (the variable label) above its levels, its
  levels indented two spaces; other dimensions (result, var, colname, command) show their
  levels only; a level whose label is empty heads nothing and indents nothing;
- at a data variable's Total level (``.m``) the data variables nested inside it are total
  too, so a Total row or column is never split;
- a level appears only if some item has its tags; a cell shows the item with them that is
  total on the most dimensions the layout leaves out (else the first collected).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

TOTAL = ".m"
FORMATS = {f"{fv}{raw}{stat}": fmt for fv in ("", "fv") for raw in ("", "raw")
           for stat, fmt in (("frequency", "%9.0fc"), ("percent", "%9.2f"))}


@dataclass
class Dimension:
    name: str
    title: str
    levels: list[str]  # level keys in order; "" is the level of items without this tag
    labels: dict[str, str] = field(default_factory=dict)
    data: bool = False  # a variable of the data: its title heads its levels, .m is Total
    # level -> the heading row it is printed under, indented (a factor variable's name over
    # its levels' rows, as Stata 17 prints colname's levels 1.g 2.g under "g")
    headings: dict[str, str] = field(default_factory=dict)
    bases: frozenset = frozenset()  # base levels (1b.g, 1b.g#2.h) as their plain level keys

    def label(self, key: str) -> str:
        return self.labels.get(key, key)


@dataclass
class Item:
    tags: dict[str, str]
    value: float | tuple  # (lower, upper) for a confidence interval (_r_ci)

    @property
    def result(self) -> str:
        return self.tags.get("result", "")


@dataclass
class Collection:
    dims: dict[str, Dimension]
    items: list[Item]
    rows: list[list[tuple[str, list[str] | None]]] = field(default_factory=list)  # terms of (dim, levels)
    cols: list[list[tuple[str, list[str] | None]]] = field(default_factory=list)
    tabs: list[list[tuple[str, list[str] | None]]] = field(default_factory=list)
    formats: dict = field(default_factory=dict)  # by result level
    sformats: dict = field(default_factory=dict)
    halign: dict = field(default_factory=dict)  # by result level: left, center, right
    header: dict = field(default_factory=dict)  # dim -> {"title": ..., "level": ...}
    title: str = ""  # collect title
    notes: tuple[str, ...] = ()  # collect notes
    ci_delimiter: str = " "  # table's cidelimiter(): between an interval's bounds
    stars: tuple = ()  # collect stars: ((threshold, label), ...) ascending, on stars_of's p-values
    stars_of: str = "_r_p"
    stars_attach: tuple = ()  # the results the stars are shown beside
    stars_mode: str = "attach"  # attach, result or dimension (collection_stars)
    stars_note: bool = False  # collect stars, shownote
    stars_nformat: str = "%9.0g"
    showbase: str = "all"  # collect style showbase: off, factor (not in interactions) or all


def axis_text(terms) -> str:
    """An axis as collect layout spells it (``a#b c``)."""
    out = []
    for term in terms:
        out.append("#".join(name + (f"[{' '.join(levels)}]" if levels else "") for name, levels in term))
    return " ".join(out)


class _Index:
    """The items by their tags on any set of dimensions (built on first use per set)."""

    def __init__(self, items: list[Item]):
        self.items = items
        self.cache: dict = {}

    def _table(self, names: tuple[str, ...]) -> dict:
        """Tags on ``names`` -> the item; of several, the one with the most Total tags on the
        other dimensions (the margin over a variable the layout leaves out), else the first."""
        table = self.cache.get(names)
        if table is None:
            table = {}
            ranked = sorted(self.items, key=lambda item: -sum(
                1 for n, v in item.tags.items() if v == TOTAL and n not in names))
            for item in ranked:
                table.setdefault(tuple(item.tags.get(n, "") for n in names), item)
            self.cache[names] = table
        return table

    def first(self, cond: dict) -> Item | None:
        names = tuple(sorted(cond))
        return self._table(names).get(tuple(cond[n] for n in names))


def _title(coll: Collection, dim: Dimension) -> str | None:
    style = coll.header.get(dim.name, {}).get("title", "label" if dim.data else "hide")
    return None if style == "hide" else dim.name if style == "name" else dim.title


def _level(coll: Collection, dim: Dimension, key: str) -> str:
    style = coll.header.get(dim.name, {}).get("level", "label")
    if style == "hide" or key == "":
        return ""
    return key if style == "value" else dim.label(key)


def _levels(coll: Collection, name: str, chosen) -> list[str]:
    return list(chosen) if chosen else coll.dims[name].levels


def _after_total(coll: Collection, name: str, key: str, rest: list, cond: dict) -> list:
    """The dimensions nested under a level: at a data variable's Total, the data variables
    inside it are total too (set in ``cond``) and left out."""
    if key != TOTAL or not coll.dims[name].data:
        return rest
    kept = []
    for inner, chosen in rest:
        if coll.dims[inner].data:
            cond[inner] = TOTAL
        else:
            kept.append((inner, chosen))
    return kept


def _row_nodes(coll, index, term, cond, indent, out) -> None:
    """(label, indent, condition or None for a heading) per printed row of one term; a
    heading with no row under it is left out."""
    (name, chosen), rest = term[0], term[1:]
    dim = coll.dims[name]
    title = _title(coll, dim)
    inner = indent + (2 if title is not None else 0)
    labelled = coll.header.get(name, {}).get("level", "label") == "label"
    mine: list = []
    group_now = None
    for key in _levels(coll, name, chosen):
        here = {**cond, name: key}
        below = _after_total(coll, name, key, rest, here)
        if index.first(here) is None:
            continue
        text = _level(coll, dim, key)
        group = dim.headings.get(key) if labelled else None
        if group is not None and group != group_now:
            mine.append((group, inner, None))
        group_now = group
        at = inner + (2 if group is not None else 0)
        if not below:
            mine.append((text, at, here))
            continue
        nested: list = []
        _row_nodes(coll, index, below, here, at + (2 if text else 0), nested)
        if nested:
            mine += ([(text, at, None)] if text else []) + nested
    if mine:
        out += ([(title, indent, None)] if title is not None else []) + mine


def _col_leaves(coll, index, t, term, cond, cells, out) -> None:
    """(condition, header cells) per column of one term: a header cell is (identity, text),
    one per header row, the identity telling which neighbours one spanning header covers."""
    (name, chosen), rest = term[0], term[1:]
    dim = coll.dims[name]
    title = _title(coll, dim)
    prefix = (t, tuple(sorted(cond.items())))
    for key in _levels(coll, name, chosen):
        here = {**cond, name: key}
        below = _after_total(coll, name, key, rest, here)
        if index.first(here) is None:
            continue
        mine = list(cells)
        if title is not None:
            mine.append(((prefix, "title", name), title))
        mine.append(((prefix, "level", name, key), _level(coll, dim, key)))
        for entry in rest:  # the data variables a Total closes: empty header rows
            if entry not in below:
                skipped = entry[0]
                if _title(coll, coll.dims[skipped]) is not None:
                    mine.append(((prefix, "total", skipped, 0), ""))
                mine.append(((prefix, "total", skipped, 1), ""))
        if below:
            _col_leaves(coll, index, t, below, here, mine, out)
        else:
            out.append((here, mine))


def _spans(cells: list) -> tuple:
    out: list = []
    for ident, text in cells:
        if out and out[-1][0] == ident:
            out[-1] = (ident, text, out[-1][2] + 1)
        else:
            out.append((ident, text, 1))
    return tuple((text, n) for _, text, n in out)


def _columns(coll, index, tab_cond) -> list:
    """(condition, header cells) per column."""
    leaves: list = []
    for t, term in enumerate(coll.cols):
        _col_leaves(coll, index, t, term, dict(tab_cond), [], leaves)
    return leaves if coll.cols else [(dict(tab_cond), [])]


def _headers(leaves) -> tuple[list[str], tuple]:
    """The leaf headers and the spanning header rows above them."""
    if not leaves or not leaves[0][1]:
        return [""] * len(leaves), ()
    depth = max(len(cells) for _, cells in leaves) if leaves else 0
    # a shallower term's headers: its top rows with the others', its leaf on the leaf row
    padded = [cells[:-1] + [(("pad", r), "") for r in range(depth - len(cells))] + cells[-1:] for _, cells in leaves]
    header_rows = tuple(_spans([p[r] for p in padded]) for r in range(depth - 1))
    return [p[-1][1] for p in padded], header_rows


def _kept(nodes: list, leaves: list, index) -> tuple[list, list]:
    """The rows and columns with at least one item, and the headings still heading a row."""
    full = {(i, j) for i, (_, _, cond) in enumerate(nodes) if cond is not None
            for j, (col, _) in enumerate(leaves) if index.first({**cond, **col}) is not None}
    used_rows, used_cols = {i for i, _ in full}, {j for _, j in full}
    leaves = [leaf for j, leaf in enumerate(leaves) if j in used_cols]
    out: list = []
    for i in range(len(nodes) - 1, -1, -1):  # from the bottom: a heading needs a deeper row after it
        label, indent, cond = nodes[i]
        if cond is not None and i in used_rows or cond is None and out and out[-1][1] > indent:
            out.append(nodes[i])
    return out[::-1], leaves


def _tab_levels(coll, index) -> list[tuple[dict, list[str]]]:
    """(condition, heading lines) per table: one per level of the table dimensions."""
    out: list = [({}, [])]
    for term in coll.tabs:
        step: list = []
        for cond, lines in out:
            step += _tab_term(coll, index, term, cond, lines)
        out = step
    return out


def _tab_term(coll, index, term, cond, lines) -> list:
    (name, chosen), rest = term[0], term[1:]
    dim = coll.dims[name]
    out = []
    for key in _levels(coll, name, chosen):
        here = {**cond, name: key}
        below = _after_total(coll, name, key, rest, here)
        if index.first(here) is None:
            continue
        title = _title(coll, dim) or ""
        text = _level(coll, dim, key)
        line = f"{title} = {text}" if title and text else title or text
        mine = lines + ([line] if line else [])
        out += _tab_term(coll, index, below, here, mine) if below else [(here, mine)]
    return out


def cell_format(coll: Collection, result: str) -> str:
    return coll.formats.get(result, FORMATS.get(result, "%9.0g"))


def lay_out(coll: Collection) -> list[tuple[list[str], object]]:
    """(heading lines, CollectedTable) per table of the layout."""
    from mlmcli.results.collected_table import CellPart, CollectedTable, TableCell, TableRow

    from mlmcli.commands.data.collection_stars import stars_note, with_stars
    if coll.showbase != "all" and "colname" in coll.dims:
        coll = replace(coll, items=_without_bases(coll))
    index = _Index(coll.items)
    if coll.stars and coll.stars_mode != "attach":
        index = _Index(with_stars(coll, index))
    tables = []
    for tab_cond, heading in _tab_levels(coll, index):
        nodes: list = []
        for term in coll.rows:
            _row_nodes(coll, index, term, dict(tab_cond), 0, nodes)
        if not coll.rows:
            nodes = [("", 0, dict(tab_cond))]
        nodes, leaves = _kept(nodes, _columns(coll, index, tab_cond), index)
        col_conds = [c for c, _ in leaves]
        headers, header_rows = _headers(leaves) if coll.cols else ([""] * len(leaves), ())
        rows, widths = [], [0] * len(col_conds)
        for label, indent, cond in nodes:
            if cond is None:
                rows.append(TableRow(label, indent=indent))
                continue
            line = []
            for j, col in enumerate(col_conds):
                item = index.first({**cond, **col})
                if item is None:
                    line.append(None)
                    continue
                if isinstance(item.value, str):  # a label (collect stars as a result)
                    line.append(TableCell((CellPart(None, "%s", text=item.value),)))
                    widths[j] = max(widths[j], len(item.value))
                    continue
                fmt = cell_format(coll, item.result)
                left, right = coll.sformats.get(item.result, ("", ""))
                bounds = item.value if isinstance(item.value, tuple) else (item.value,)
                values = [None if v is None or np.isnan(v) else float(v) for v in bounds]
                parts = tuple(CellPart(v, fmt, left if k == 0 else "", right if k == len(values) - 1 else "")
                              for k, v in enumerate(values))
                line.append(TableCell(parts, stars=_stars(coll, index, item), halign=coll.halign.get(item.result, ""),
                                      sep=coll.ci_delimiter))
                widths[j] = max(widths[j], int(re.match(r"%-?0?(\d+)", fmt).group(1)))
            rows.append(TableRow(label, (tuple(line),), indent))
        starred = max((len(c.stars) for r in rows for ln in r.lines for c in ln if c is not None), default=0)
        tables.append((heading, CollectedTable(columns=tuple(headers), rows=tuple(rows), bar=True,
                                               column_widths=tuple(widths), header_rows=header_rows,
                                               stars_column=max((len(lab) for _, lab in coll.stars), default=0)
                                               if starred else 0,
                                               title=coll.title if not tables else "")))
    notes = coll.notes + stars_note(coll)
    if tables and notes:  # the notes under the last table
        heading, last = tables[-1]
        tables[-1] = (heading, replace(last, notes=notes))
    return tables


def _without_bases(coll: Collection) -> list[Item]:
    """collect style showbase off: no base levels; factor: none in interactions."""
    bases = coll.dims["colname"].bases
    hidden = bases if coll.showbase == "off" else {b for b in bases if "#" in b}
    return [item for item in coll.items if item.tags.get("colname") not in hidden]


def _stars(coll: Collection, index, item) -> str:
    """collect stars: the label of the smallest threshold above the item's p-value (the item
    with the same tags and result stars_of)."""
    from mlmcli.commands.data.collection_stars import star_label
    if not coll.stars or coll.stars_mode != "attach" or item.result not in coll.stars_attach:
        return ""
    p_item = index.first({**item.tags, "result": coll.stars_of})
    return star_label(coll, p_item.value if p_item is not None else None)


def table_size(table) -> tuple[int, int]:
    """Rows with cells x columns (collect layout's ``Table 1: r x c``)."""
    return sum(1 for r in table.rows if r.lines), len(table.columns)

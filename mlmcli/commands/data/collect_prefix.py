"""The ``collect [, tag(dim[level] ...) name(cname)]: command`` prefix ([TABLES] collect get):
``command`` runs as it would alone (its output shown), then its results join the collection
(``default`` unless name()) tagged ``cmdset[#]`` (one number per collect: run) and the tags:

- after an estimation command, the coefficients of e(b)/e(V) as ``colname[name]`` (``coleq``
  the equation) with results ``_r_b _r_se _r_z _r_p _r_lb _r_ub _r_ci`` (as table's
  command(); base and omitted levels as ``0.x`` with _r_b 0 and the rest missing), and every
  e() scalar as ``result[name]``;
- otherwise every r() scalar as ``result[name]``.

A failing command adds nothing and keeps its return code.  The layout made is empty: the
collection is shown by ``collect layout``.
"""
from __future__ import annotations

from dataclasses import replace

import re

import numpy as np

from mlmcli.commands.data.collection_layout import Collection, Dimension, Item
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import find_top

_OPTIONS = [OptionSpec("tag", takes_arg=True, repeatable=True), OptionSpec("name", takes_arg=True),
            OptionSpec("noisily", 3)]
_ALL = ["_r_b", "_r_se", "_r_z", "_r_p", "_r_lb", "_r_ub", "_r_ci"]


def _tags(values) -> dict[str, str]:
    out = {}
    for text in values or []:
        for word in text.split():
            m = re.fullmatch(r"(\w+)\[([^\]]*)\]", word)
            if m is None:
                raise StataError(f"tag({word}) invalid; dim[level] expected", 198)
            out[m.group(1)] = m.group(2)
    return out


def _plain(col: str) -> str:
    """``0b.x`` / ``o.x`` / ``1o.x`` as the colname level collect gives them (``0.x``, ``x``)."""
    eq, _, name = col.rpartition(":")
    name = re.sub(r"^o\.", "", re.sub(r"(\d+)[bo]+\.", r"\1.", name))
    return f"{eq}:{name}" if eq else name


def _base_items(e) -> list[tuple[str, str, float]]:
    """Base and omitted coefficients (skipped by table's command()): b 0, the rest missing."""
    from mlmcli.syntax.coefnames import is_base_or_omitted
    out = []
    for col in e.matrices["b"].colnames:
        eq, _, name = col.rpartition(":")
        if is_base_or_omitted(name):
            out.append((_plain(col), "_r_b", 0.0))
    return out


def run_collect_prefix(session, text: str) -> None:
    from mlmcli.commands.data.table_command import RESULT_TITLES, coefficient_results
    from mlmcli.estimation.etable import coefficient_labels
    from mlmcli.runner import Runner, current_runner

    colon = find_top(text, ":")
    head, command = text[:colon], text[colon + 1:].strip()
    body, options, _ = split_options(head)
    if body.strip():
        raise StataError("invalid syntax", 198)
    opts = resolve_options(options, _OPTIONS)
    tags = _tags(opts.get("tag"))
    name = opts["name"].strip() if isinstance(opts.get("name"), str) else "default"
    if not command:
        raise StataError("command required", 198)
    e_before = session.e
    runner = current_runner(session) or Runner(session)
    runner.execute(command)
    e = session.e if session.e is not e_before else None
    old = session.collections.get(name)
    sets = old.dims["cmdset"].levels if old is not None and "cmdset" in old.dims else []
    cmdset = str(len(sets) + 1)
    base = {**tags, "cmdset": cmdset}
    items: list[Item] = []
    if e is not None and "b" in e.matrices:
        order = {_plain(c): j for j, c in enumerate(e.matrices["b"].colnames)}
        got = sorted(coefficient_results(e, _ALL) + _base_items(e), key=lambda item: order.get(item[0], len(order)))
        for col, result, value in got:
            eq, _, col = col.rpartition(":")
            extra = {"coleq": eq} if eq else {}
            items.append(Item({**base, "colname": col, "result": result, **extra}, value))
        scalars = e.scalars
    else:
        scalars = session.r
    for key, value in scalars.items():
        if isinstance(value, (int, float, np.floating)) and not isinstance(value, bool):
            items.append(Item({**base, "result": key}, float(value)))
    dims = dict(old.dims) if old is not None else {}

    def grow(dim_name: str, title: str, levels: list[str], labels: dict | None = None,
             headings: dict | None = None, bases=()) -> None:
        was = dims.get(dim_name) or Dimension(dim_name, title, [], {})
        new_levels = was.levels + [k for k in levels if k not in was.levels]
        dims[dim_name] = Dimension(dim_name, was.title, new_levels, {**(labels or {}), **was.labels},
                                   headings={**(headings or {}), **was.headings}, bases=was.bases | set(bases))

    results = list(dict.fromkeys(i.tags["result"] for i in items))
    grow("result", "Result", results, {r: RESULT_TITLES.get(r, r) for r in results})
    colnames = list(dict.fromkeys(i.tags["colname"] for i in items if "colname" in i.tags))
    named = {c: coefficient_labels(session, c, True) for c in colnames}
    grow("colname", "Covariate names", colnames, {c: text for c, (_, text) in named.items()},
         {c: heading for c, (heading, _) in named.items() if heading is not None},
         [_plain(c).rpartition(":")[2] for c in e.matrices["b"].colnames if re.search(r"\d+b\.", c)] if e is not None and "b" in e.matrices else ())
    equations = list(dict.fromkeys(i.tags["coleq"] for i in items if "coleq" in i.tags))
    if equations:
        grow("coleq", "Covariate equations", equations)
    grow("cmdset", "Command results index", [cmdset])
    for dim_name, level in tags.items():
        grow(dim_name, dim_name, [level])
    if old is None:
        coll = Collection(dims, items)
    else:
        coll = replace(old, dims=dims, items=old.items + items)  # its layout and styles kept
    session.collections[name] = coll
    session.collections["_current"] = name

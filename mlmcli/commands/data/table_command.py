"""``table ..., command([results :] cmd)`` ([R] table): ``cmd`` run quietly on each cell's
observations (totals included), its results collected as items tagged ``command[k]`` and the
cell's levels.

Coefficients are tagged ``colname`` by their name without the equation, labelled as etable
labels them (variable labels, value labels of factor levels, Intercept), and ``coleq`` by
their equation.  Results: ``_r_b _r_se _r_z _r_p _r_lb _r_ub _r_ci`` (e(b) and e(V): coefficient, standard error,
z or t, p-value, 95% limits and the interval as one cell of two numbers, t with e(df_r) when
the command leaves it) tagged
``colname[name]``; ``e(name)`` / ``r(name)`` scalars tagged ``result[name]``.  Without a
results list: ``_r_b _r_se`` after an estimation command, else every r() scalar (as statsby
takes them).  A cell where the command fails has no items; failing in every cell is the
command's own error.  e() and r() are those from before
table afterwards.
"""
from __future__ import annotations

import math
import re

import numpy as np

from mlmcli.commands.data.collection_layout import Dimension, Item
from mlmcli.errors import StataError
from mlmcli.textscan import find_top

RESULT_TITLES = {"_r_b": "Coefficient", "_r_se": "Std. error", "_r_z": "z", "_r_p": "p-value",
                 "_r_lb": "95% lower bound", "_r_ub": "95% upper bound", "_r_ci": "95% CI",
                 "N": "Number of observations", "r2": "R-squared", "r2_a": "Adjusted R-squared",
                 "F": "F statistic", "rmse": "Root MSE", "ll": "Log likelihood", "mean": "Mean",
                 "sd": "Standard deviation", "rho": "Correlation"}
_COEF = ("_r_b", "_r_se", "_r_z", "_r_p", "_r_lb", "_r_ub", "_r_ci")


def _parse(text: str) -> tuple[list[str] | None, str]:
    colon = find_top(text, ":")
    if colon < 0:
        return None, text.strip()
    wanted = text[:colon].split()
    for word in wanted:
        if word not in _COEF and not re.fullmatch(r"[er]\(\w+\)", word):
            raise StataError(f"command(): result {word} is not available in mlm's table; "
                             "use _r_b _r_se _r_z _r_p _r_lb _r_ub _r_ci, e(name) or r(name)", 198)
    return wanted, text[colon + 1:].strip()


def coefficient_results(e, wanted: list[str]) -> list[tuple[str, str, float]]:
    """(colname, result, value) from e(b) and e(V)."""
    from mlmcli.distributions import norm, t
    from mlmcli.syntax.coefnames import is_base_or_omitted
    b = e.matrices.get("b") if e is not None else None
    if b is None:
        raise StataError("command(): the command left no e(b) for _r_b", 301)
    V = e.matrices.get("V")
    df = e.scalars.get("df_r")
    out = []
    for j, col in enumerate(b.colnames):
        if is_base_or_omitted(col.rpartition(":")[2]):
            continue
        coef = float(np.asarray(b.values)[0, j])
        se = float(math.sqrt(np.asarray(V.values)[j, j])) if V is not None else np.nan
        z = coef / se if se > 0 else np.nan
        if df is not None and df == df:
            p = 2 * float(t.sf(abs(z), df)) if z == z else np.nan
            crit = float(t.ppf(0.975, df))
        else:
            p = 2 * float(norm.sf(abs(z))) if z == z else np.nan
            crit = float(norm.ppf(0.975))
        lb, ub = coef - crit * se, coef + crit * se
        values = {"_r_b": coef, "_r_se": se, "_r_z": z, "_r_p": p, "_r_lb": lb, "_r_ub": ub, "_r_ci": (lb, ub)}
        out += [(col, r, values[r]) for r in wanted if r in values]
    return out


def command_items(session, commands: list[str], conds, select, tags, dims: dict) -> list[Item]:
    from mlmcli.commands import lookup
    from mlmcli.commands.data.statsby import run_on_rows
    from mlmcli.parser import parse_command
    e_before, r_before = session.e, dict(session.r)
    items: list[Item] = []
    colnames: list[str] = []
    results = dims["result"]
    command_labels = {}
    try:
        for k, text in enumerate(commands, 1):
            wanted, line = _parse(text)
            sub = parse_command(line)
            handler = lookup(sub.name).handler()
            command_labels[str(k)] = line
            failure, ran = None, False
            for cond in conds:
                mask = select(cond)
                if not mask.any():
                    continue
                session.e = e_before
                session.r.clear()
                try:
                    run_on_rows(session, lambda: handler(session, sub), mask, forcedrop=False, noisily=False)
                except StataError as err:
                    failure = err
                    continue
                ran = True
                e = session.e if session.e is not e_before else None
                names = wanted if wanted is not None else (["_r_b", "_r_se"] if e is not None and "b" in e.matrices
                                                           else [f"r({n})" for n, v in session.r.items()
                                                                 if isinstance(v, (int, float, np.floating))
                                                                 and not isinstance(v, bool)])
                coef = [n for n in names if n in _COEF]
                got = coefficient_results(e, coef) if coef else []
                for col, result, v in got:
                    eq, _, col = col.rpartition(":")  # the equation is a tag of its own (coleq)
                    if col not in colnames:
                        colnames.append(col)
                    extra = {"coleq": eq} if eq else {}
                    items.append(Item({**tags(cond), "command": str(k), "colname": col, "result": result, **extra}, v))
                for word in (n for n in names if n not in _COEF):
                    source, name = word[0], word[2:-1]
                    v = (e.scalars if source == "e" and e is not None else session.r if source == "r" else {}).get(name)
                    if isinstance(v, (int, float, np.floating)) and not isinstance(v, bool):
                        items.append(Item({**tags(cond), "command": str(k), "result": name}, float(v)))
                for r in coef + [n[2:-1] for n in names if n not in _COEF]:
                    if r not in results.levels:
                        results.levels.append(r)
            if not ran and failure is not None:  # failed in every cell: its own error
                raise failure
    finally:
        session.e = e_before
        session.r.clear()
        session.r.update(r_before)
    for r in results.levels:
        results.labels.setdefault(r, RESULT_TITLES.get(r, r))
    from mlmcli.estimation.etable import coefficient_labels
    named = {c: coefficient_labels(session, c, True) for c in colnames}
    dims["colname"] = Dimension("colname", "Covariate names", colnames, {c: text for c, (_, text) in named.items()},
                                headings={c: head for c, (head, _) in named.items() if head is not None})
    equations = list(dict.fromkeys(i.tags["coleq"] for i in items if "coleq" in i.tags))
    if equations:
        dims["coleq"] = Dimension("coleq", "Covariate equations", equations, {})
    dims["command"] = Dimension("command", "Command", list(command_labels), command_labels)
    return items

"""``estat caterpillar [levelvars] [, level(#) graph_options]`` after ``mixed``: each level's
empirical Bayes predictions with their confidence intervals, sorted (a caterpillar plot).

Drawn by ``mlmcli.graphs.caterpillar``; the graph becomes the current one (``current.finish``:
``name(gname[, replace])`` and ``saving()`` as every graph command).  It takes the options every
graph takes (``graph_options.common_fields``: titles with their textbox suboptions, axes, lines,
text, scheme, regions, sizes, ``nodraw``); a typed ``xtitle()``/``ytitle()``/``ylabel()``
replaces the command's own.  ``by()`` is not allowed: the panels are the model's terms.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.ast import Command
from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.estimation.interface import MultilevelFit
from mlmcli.estimation.results import MIXED_COMMANDS
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options
from mlmcli.sorted_codes import unique_rows


def estat_caterpillar(session, cmd: Command) -> None:
    """``estat caterpillar [levelvars] [, level(#) graph_options]`` after ``mixed``.

    ``cmd.args`` holds ``caterpillar`` and optional level variables; options
    come in ``cmd.options``.
    """
    from mlmcli.commands.graphs.current import finish
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.caterpillar import caterpillar_graph

    e = active(session)
    if e.cmd not in MIXED_COMMANDS or not isinstance(e.model, MultilevelFit):
        # the me commands' predictions carry no coefficient names (fuzz round 5: internal error)
        raise StataError("estat caterpillar is only available after mixed", 321)
    level_spec = OptionSpec("level", 1, True)
    opts = resolve_options([o for o in cmd.options if level_spec.matches(o.name)], [level_spec])
    gopts = gopt.resolve_graph_options([o for o in cmd.options if not level_spec.matches(o.name)])
    if "by" in gopts:
        raise StataError("option by() not allowed", 198)
    level = confidence_level(opts, 95.0)
    words = cmd.args.split()[1:]
    terms = term_effects(session, e)
    if words:
        unknown = [w for w in words if w not in {t.levelvar for t, _ in terms}]
        if unknown:
            raise StataError(f"{unknown[0]} is not a level variable of the model", 198)
        terms = [(t, eff) for t, eff in terms if t.levelvar in words]
    notes: list[str] = []
    graph = caterpillar_graph([eff for _, eff in terms], level)
    typed = gopt.common_fields(gopts, notes)
    typed = gopt.apply_affixes({"xtitle": graph.xtitle, "ytitle": graph.ytitle}, typed)
    graph = replace(graph, **{"scheme": getattr(session, "graph_scheme", "s2color"), **typed},
                    name=gopt.graph_name(gopt.last(gopts, "name"))[0], command=cmd.text)
    for note in notes:
        session.print(note)
    finish(session, graph, gopts)



def term_effects(session, e) -> list:
    """``(RandomTerm, TermEffects)`` per random-effects term, with group names from the data.

    The engine numbers a term's groups 0..G-1 over the estimation sample
    (sorted values of its level variable, nested within the outer levels);
    a group is named by its level variable's value (label) at its first
    observation, prefixed by the outer levels' values for nested terms.
    """
    from mlmcli.graphs.build import value_text
    from mlmcli.graphs.caterpillar import TermEffects

    fit = e.model
    predictions = fit.blups()
    data = session.data
    rows = e.sample_positions(data)  # the sample's rows now, in fit order
    if rows is not None and (rows < 0).any():
        rows = None
    out = []
    path: list[str] = []
    for term, pred in zip(fit.re_terms(), predictions):
        group = np.asarray(term.group)
        n_groups = pred.modes.shape[0]
        first = np.full(n_groups, -1)
        seen = np.unique(group, return_index=True)
        first[seen[0]] = seen[1]
        if term.levelvar == "_all":
            factor = term.names[0][2:] if term.names[0].startswith("R.") else None
            level_vars = [factor] if factor else []
            title = term.names[0]
        else:
            if term.levelvar not in path:
                path.append(term.levelvar)
            level_vars = list(path)
            title = term.levelvar
        known = rows is not None and _codes_match(data, level_vars, rows, group)
        names = []
        for g in range(n_groups):
            if not known or first[g] < 0:
                names.append(str(g + 1))
                continue
            row = rows[first[g]]
            names.append("/".join(_cell_text(data, v, row, value_text) for v in level_vars))
        out.append((term, TermEffects(title, tuple(pred.names), pred.modes, pred.se, tuple(names))))
    return out


def _codes_match(data, level_vars: list[str], rows: np.ndarray, group: np.ndarray) -> bool:
    """Do the data still hold the fit's groups on the sample rows (not re-sorted, not changed)?

    The groups must be exactly the distinct combinations of the level variables: as many
    distinct (combination, group) pairs as distinct combinations and as distinct groups.
    """
    import pandas as pd

    if not level_vars or not all(v in data.df.columns for v in level_vars) or len(rows) != len(group):
        return False
    # each variable's values coded 0..k-1 (missing values a code of their own), then the
    # combinations of the codes numbered: vectorised, no per-row string keys
    codes = np.column_stack([pd.factorize(data.df[v].iloc[rows], use_na_sentinel=False)[0]
                             for v in level_vars] + [np.asarray(group)])
    n_keys = len(unique_rows(codes[:, :-1]))
    n_pairs = len(unique_rows(codes))
    return n_pairs == n_keys == len(np.unique(codes[:, -1]))


def _cell_text(data, var: str, row: int, value_text) -> str:
    if data.is_string(var):
        return str(data.df[var].iloc[row])
    value = data.numeric(var)[row]
    return "." if np.isnan(value) else value_text(data, var, value)


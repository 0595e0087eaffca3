"""``estat caterpillar``: the random effects with their intervals, sorted (lme4's
``dotplot(ranef(fit, condVar = TRUE))``).

For each random-effects term and each of its coefficients, one panel: every
group's empirical Bayes prediction b~_g with the interval
``b~_g ± z * se_g`` (z = the normal quantile of ``level``, 1.96 for 95%),
groups ranked by the term's intercept (``_cons``; its first coefficient when
it has none), smallest at the bottom, so the panels of one term share the
order and show how the coefficients go together.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.graphs.spec import Graph, Panel, Series

LABELLED_GROUPS = 60  # more groups than this: no group names on the y axis


@dataclass(frozen=True)
class TermEffects:
    """The predictions of one random-effects term.

    ``title``: what the panel heads say before the coefficient (``school``,
    ``R.plate``); ``names``: the coefficients (``days``, ``_cons``);
    ``modes``/``se``: (G, q) arrays; ``groups``: G group names.
    """

    title: str
    names: tuple[str, ...]
    modes: np.ndarray
    se: np.ndarray
    groups: tuple[str, ...]


def rank_order(term: TermEffects) -> np.ndarray:
    """Group indices, smallest intercept (or first coefficient) first."""
    col = term.names.index("_cons") if "_cons" in term.names else 0
    return np.argsort(term.modes[:, col], kind="stable")


def caterpillar_graph(terms: list[TermEffects], level: float = 95.0, title: str = "") -> Graph:
    """One panel per (term, coefficient)."""
    from mlmcli.distributions import norm

    z = float(norm.ppf(0.5 + level / 200.0))
    panels = []
    for term in terms:
        order = rank_order(term)
        n_groups = len(order)
        pos = np.arange(1, n_groups + 1, dtype=float)
        labelled = n_groups <= LABELLED_GROUPS
        for j, name in enumerate(term.names):
            est = term.modes[order, j]
            half = z * term.se[order, j]
            panel_title = f"{term.title}: {name}" if name != term.title else term.title
            panels.append(Panel(
                series=(Series("pointci", est, est - half, est + half, pos=pos, label=name, style=1,
                               legend=False),),
                title=panel_title,
                yticks=tuple(pos) if labelled else (),
                yticklabels=tuple(term.groups[i] for i in order) if labelled else (),
                zero_line=True,
            ))
    return Graph(
        panels=tuple(panels), xtitle=f"Predicted random effect and {level:g}% interval",
        ytitle="Groups, ranked" if panels else "", title=title, legend="off",
        cols=min(len(panels), 4), share_x=False, share_y=False,
    )

"""What bootstrap's ``idcluster(k) [group(g)]`` writes into k and g in one replicate.

bsample (2.0.7) drops an existing k and renames its new cluster id to k: NewClustID numbers the
drawn copies 1, 2, ... in the order (bootstrap's stratum, cluster drawn, copy), restarting in each
stratum under version 13; _loop_bs (1.2.0) then renumbers g 1, 2, ... over the distinct (stratum,
copy, g) (``idcluster_numbers`` below, ``graphs.fpfit_xt_bootstrap_group.group_numbers``; the rules
are quoted in graphs/fpfit_stcox_renumber.py and fpfit_xt_bootstrap_group.py).  The command then
reads the new k and g wherever it names them.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def renumbered_values(idcluster: str | None, group: str | None, strata, units, copies,
                      current: Callable[[str], np.ndarray | None]) -> dict:
    """{k: its new values, g: its new values} over one replicate's rows: ``strata`` each row's
    bootstrap stratum code (None: one stratum), ``units`` the cluster it was drawn from,
    ``copies`` the drawn copy it belongs to; ``current(g)`` g's values over those rows before
    _loop_bs renumbers it (None: not known here, g left out)."""
    from mlmcli.graphs.fpfit_xt_bootstrap_group import group_numbers

    new = {}
    if idcluster:
        new[idcluster] = idcluster_numbers(strata, units, copies)
    if group:
        before = new.get(group)
        if before is None:
            before = current(group)
        if before is not None:
            new[group] = group_numbers(strata, units, copies, before)
    return new


def idcluster_numbers(strata, units, copies) -> np.ndarray:
    """bsample's idcluster() value of each drawn row: 1, 2, ... over the copies in the order
    (stratum, cluster drawn, copy), restarting in each stratum (version 13)."""
    copies = np.asarray(copies)
    strata = np.zeros(len(copies), int) if strata is None else np.asarray(strata)
    first = np.unique(copies, return_index=True)[1]
    copy_ids = copies[first]
    order = np.lexsort((copy_ids, np.asarray(units)[first], strata[first]))
    numbers = np.empty(int(copy_ids.max()) + 1)
    for stratum in np.unique(strata[first]):
        in_stratum = order[strata[first][order] == stratum]
        numbers[copy_ids[in_stratum]] = np.arange(1, in_stratum.size + 1)
    return numbers[copies]

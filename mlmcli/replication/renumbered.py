"""What bootstrap's ``idcluster(k) [group(g)]`` writes into k and g in one replicate.

bsample (2.0.7) drops an existing k and renames its new cluster id to k: NewClustID numbers the
drawn copies 1, 2, ... in the order (bootstrap's stratum, cluster drawn, copy), restarting in each
stratum under version 13; _loop_bs (1.2.0) then renumbers g 1, 2, ... over the distinct (stratum,
copy, g) (``graphs.fpfit_stcox_renumber.idcluster_numbers``, ``graphs.fpfit_xt_bootstrap_group.
group_numbers``, where the rules are quoted).  The command then reads the new k and g wherever it
names them.
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
    from mlmcli.graphs.fpfit_stcox_renumber import idcluster_numbers
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

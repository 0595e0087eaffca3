"""bootstrap's ``group(v)`` with fpfit's ``estcmd(xtreg|xtlogit) estopts(vce(bootstrap, group(v)))``.

``_vce_parserun ..., panel`` hands bootstrap ``cluster(tmpi) idcluster(panelvar)``, so group() is
valid, and _loop_bs (1.2.0) renumbers v after each bsample:

    sort `strata' `idcluster' `group', stable
    by `strata' `idcluster' `group': gen `newgroup' = _n==1
    replace `newgroup' = sum(`newgroup')
    drop `group'
    rename `newgroup' `group'

so v becomes 1, 2, ... over the distinct (stratum, drawn copy, v) of the replicate, in that sort
order; the replicate's fit reads the new v wherever it names it:

- xtreg's y (``y``): the within, between or ML regression of the new numbers.  Within a drawn
  copy they are a number for the copy plus the rank of y among the copy's distinct values, so fe
  (which subtracts each panel's mean) reads the within-copy ranks only; be and mle read the
  copies' numbers too, which follow bsample's idcluster() numbering: NewClustID (bsample 2.0.7)
  orders the copies within a stratum by the cluster drawn (``r = (clid-1)*nclust + _n-1``: the
  clusters' sort order, a cluster's copies together), randomly only with size() below the
  stratum's clusters -- mlm takes the clusters' order there too;
- xtlogit's offset() (``offset``): the same numbers as the offset (fe: the copy's number cancels
  in the conditional likelihood);
- xtlogit's y: every outcome positive (1, 2, ...), so every replicate fails (logit's "outcome
  does not vary", clogit's groups all dropped), and so does bootstrap in every fit: the note
  (``fpfit_xt_bootstrap.check_group``);
- the panel variable itself (``panel``): idcluster(panelvar) has already numbered the drawn
  copies; group() numbers (stratum, copy) again -- with strata(), bsample draws the (stratum,
  panel) pieces as its clusters (``sort touse strata cluster``), so a panel with rows in two
  strata is two panels in each replicate (``stratum_pieces``); without strata() nothing changes.
"""
from __future__ import annotations

import numpy as np

from mlmcli.sorted_codes import matrix_row_codes


def stratum_pieces(strata: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """0.. codes of the (stratum, panel) pairs of the rows (bsample's clusters under strata()); a
    row with its stratum missing (-1) keeps a code of its own kind (it is out of the draws)."""
    pairs = np.column_stack([np.asarray(strata), np.asarray(codes)])
    return matrix_row_codes(pairs)


def group_numbers(strata, units, copies, values) -> np.ndarray:
    """_loop_bs's new v over one replicate's rows (module docstring): ``strata`` the rows' strata
    codes (None: one stratum), ``units`` the cluster each row was drawn from, ``copies`` the drawn
    copy it belongs to, ``values`` v."""
    copies = np.asarray(copies)
    values = np.asarray(values, float)
    strata = np.zeros(len(copies), int) if strata is None else np.asarray(strata)
    first = np.unique(copies, return_index=True)[1]  # each copy's first row
    copy_ids = copies[first]
    rank = np.empty(int(copy_ids.max()) + 1, int)
    rank[copy_ids[np.lexsort((copy_ids, np.asarray(units)[first], strata[first]))]] = np.arange(len(copy_ids))
    position = rank[copies]  # idcluster()'s order: stratum, cluster drawn, copy
    order = np.lexsort((values, position))
    p, v = position[order], values[order]
    starts = np.r_[True, (p[1:] != p[:-1]) | (v[1:] != v[:-1])]
    numbers = np.empty(len(copies))
    numbers[order] = np.cumsum(starts)
    return numbers

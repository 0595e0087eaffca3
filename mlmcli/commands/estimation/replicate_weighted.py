"""``jackknife [_b]: cmd ... [weight]`` for a command the prefix runs as typed
(replicate_coefficients): jackknife.ado's weighted loops.

- fweights (``_loop_jknife_fw``): replicate j takes one copy of unit j away (its rows'
  frequency less one; a row left with none drops out), and counts ``f_j`` times, f_j the
  unit's frequency (under cluster(), constant within the cluster, else "fweights must be
  constant within v" r(198)) -- the plain jackknife of the data with each row repeated f times;
- pweights, iweights (``_loop_jknife_iw``): replicate j leaves unit j out and multiplies the
  other units' weights by n/(n-1), n the units;
- aweights: "aweights not allowed" r(101) (jackknife.ado's ``syntax [fw]`` without force).

The replicates run the command with its weight clause replaced by ``[wtype=__000jkw]``, the
replicate's weights; V and e(df_r) are _jk_sum's (mlmcli.replicate_variance).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError

TEMP = "__000jkw"
_WEIGHT = re.compile(r"\[\s*((?:f|p|a|i)w(?:e(?:i(?:g(?:h(?:t)?)?)?)?)?)\s*=\s*([^\]]+)\]", re.IGNORECASE)
_KINDS = {"f": "fweight", "p": "pweight", "a": "aweight", "i": "iweight"}


def command_weight(parsed) -> tuple[str | None, str | None]:
    """(canonical weight type, expression) typed on the command, or (None, None); mixed-style
    commands (parsed raw) are searched for the clause."""
    if parsed.weight is not None:
        return _KINDS[parsed.weight.kind[0].lower()], parsed.weight.exp.strip()
    found = _WEIGHT.search(parsed.args or "")
    if found is None:
        return None, None
    return _KINDS[found.group(1)[0].lower()], found.group(2).strip()


def weighted_command(command: str, wkind: str) -> str:
    """The command with its weight clause naming the replicates' weight variable."""
    return _WEIGHT.sub(f"[{wkind}={TEMP}]", command, count=1)


def unit_weights(session, base, units, wkind: str, exp: str, cluster: str | None) -> np.ndarray:
    """The weight of each row of ``base`` (the estimation sample); fweights checked constant
    within each cluster."""
    from mlmcli.expr import evaluate

    saved = session.data
    session.data = base
    try:
        w = np.asarray(evaluate(session, exp), float)
    finally:
        session.data = saved
    if wkind == "fweight" and cluster:
        for rows in units:
            if len(rows) and np.any(w[rows] != w[rows[0]]):
                raise StataError(f"fweights must be constant within {cluster}", 198)
    return w


def frequencies(w: np.ndarray, units) -> np.ndarray:
    """_loop_jknife_fw's multiplier: each unit's frequency."""
    return np.array([w[rows[0]] for rows in units], float)


def weighted_datasets(base, units, wkind: str, w: np.ndarray):
    """Each replicate's data with its weights in TEMP (module docstring)."""
    n = len(units)
    for j in range(n):
        wj = w.copy()
        if wkind == "fweight":
            wj[units[j]] -= 1
            keep = np.flatnonzero(wj != 0)
        else:
            wj = wj * n / (n - 1)
            keep = np.setdiff1d(np.arange(len(w)), units[j])
        data = base.copy()
        data.set_variable(TEMP, wj, "double")
        data.take_rows(keep)
        yield data

"""bootstrap's ``idcluster(v)``/``group(v)`` with v one of the st variables ``_t``, ``_t0``, ``_d``,
``_st`` before stcox or streg (the prefix typed, their ``vce(bootstrap, ...)``, fpfit's estcmd(stcox)).

bsample (2.0.7) drops the existing v and renames its cluster numbers 1, 2, ... to v
(``replication.renumbered``); nothing reruns stset, so each replicate's command reads the new v
where stset's would be:

- ``_st``: st_smpl (6.0.1) marks out ``_st == 0`` only; the rows bootstrap draws from are the full
  fit's e(sample) (bootstrap.ado's ``keep if e(sample)``), all with _st = 1, and the new numbers
  are all nonzero: the replicate's sample is unchanged, so is its fit;
- ``_d``: stcox.ado and streg.ado call their fit with ``dead(_d)``; the streg ados (weibull, ereg,
  lnormal, llogistic, gompertz, gamma and their -het forms) make ``dead != 0`` their failure
  indicator, and cox's dead() counts a nonzero as a failure (docs/fpfit_old_and_panel_commands.md):
  every record of the replicate a failure;
- ``_t``, ``_t0``: the exit or entry time of each record is its copy's number (its group() number).
  The streg ados stop on ``t0 >= t`` ("_t0 >= _t in some obs." r(498)), which _loop_bs captures:
  such a replicate is missing (an ``x``).  What the built-in cox does with a record that ends at
  or before its entry is not established: a stcox replicate with one is mlm's refusal
  (``EntryNotBeforeExit``), not a guess.
"""
from __future__ import annotations

import numpy as np

ST_VARIABLES = ("_t", "_t0", "_d", "_st")


class EntryNotBeforeExit(Exception):
    """A stcox replicate whose renumbered _t or _t0 leaves a record with _t0 >= _t: mlm's refusal.
    Not a StataError, so that the replicate loops (which count a failing fit as missing) let it
    through; ``error()`` is the refusal to raise at the command."""

    def __init__(self, names):
        self.names = tuple(names)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        shown = " and ".join(self.names)
        return (f"bootstrap's idcluster()/group() renumbering {shown}: a replicate with a record whose "
                "_t0 >= _t under stcox not supported by mlmcli")

    def error(self):
        from mlmcli.errors import StataError

        return StataError(self.message, 198)


def renumbered_times(t0: np.ndarray, t: np.ndarray, d: np.ndarray, new: dict, command: str):
    """(t0, t, d) of one replicate's rows after ``new`` ({st variable: its new values}; others
    ignored): module docstring.  streg: a record with t0 >= t fails the replicate (ValueError);
    stcox: EntryNotBeforeExit."""
    times = [v for v in ("_t", "_t0") if v in new]
    if "_t" in new:
        t = np.asarray(new["_t"], float)
    if "_t0" in new:
        t0 = np.asarray(new["_t0"], float)
    if "_d" in new:
        d = (np.asarray(new["_d"], float) != 0).astype(float)
    if times and np.any(t0 >= t):
        if command == "stcox":
            raise EntryNotBeforeExit(times)
        raise ValueError("_t0 >= _t in some obs.")  # the streg ados' r(498): the replicate missing
    return t0, t, d

"""What ktau shows: one pair's statistics, or the lower triangle of several variables'."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KendallPair:
    """One pair's statistics (mlmcli.kendall_tau computes them)."""
    N: int
    tau_a: float
    tau_b: float
    score: float
    se_score: float
    p: float
    ties: bool          # either variable has ties (the display's "corrected for ties")


@dataclass(frozen=True)
class KendallPairReport:
    xname: str
    yname: str
    pair: KendallPair


@dataclass(frozen=True)
class KendallMatrix:
    """ktau.ado's matrix display: per pair (i >= j) the statistics asked, cells blanked when
    p > print(), starred when p <= star()."""
    names: tuple[str, ...]
    stats: tuple[str, ...]                  # of taua taub score se obs p, in ktau.ado's order
    values: dict                            # stat -> N x N list of lists
    blank: tuple[tuple[bool, ...], ...]     # print() hides the cell
    starred: tuple[tuple[bool, ...], ...]
    obs_note: str                           # "(obs=74)", "(obs=varies)" or ""
    columns_per_block: int

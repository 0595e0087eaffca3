"""``contrast`` of slopes: terms ``grp#c.x`` contrast the slope of x across grp's levels ([R]
contrast).  A termlist may name several continuous variables (``a#c.x a#c.z b``); each run of
neighbouring terms on the same variable (or on none) is computed as one set of margins, and
the runs' contrasts are joined in the order typed, with their covariances across runs from
the coefficients' V (the margins are linear in b), so ``overall`` and ``post`` see one set."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def slope_groups(session, cmd) -> list:
    """[(the command with those terms, their c.var or None)] per run of neighbouring terms."""
    from mlmcli.commands.postestimation.margins_syntax import marginlist_words

    groups: list = []
    for tok in marginlist_words(cmd.args, session.data):
        pieces = tok.split("#")
        cont = [p for p in pieces if p[:2].lower() == "c."]
        rest = [p for p in pieces if p[:2].lower() != "c."]
        if cont and not rest:  # c.x alone is no factor term (Stata's message, as before)
            raise StataError(f"factor '{cont[0][2:]}' not found in list of covariates", 322)
        if cont and (len(cont) > 1 or "@" in tok):
            raise StataError("contrasts of slopes: mlmcli supports factor#c.var terms only", 198)
        slope = session.data.resolve(cont[0][2:]) if cont else None
        if groups and groups[-1][1] == slope:
            groups[-1][0].append("#".join(rest))
        else:
            groups.append((["#".join(rest)], slope))
    if all(slope is None for _, slope in groups):  # no slope: the command as typed
        return [(cmd, None)]
    return [(dataclasses.replace(cmd, args=" ".join(words)), slope) for words, slope in groups]


def merge_slope_groups(parts, V_b: np.ndarray) -> dict:
    """The fields of one ``ContrastNumbers`` from the runs' (numbers, d margins / d b), in order:
    each run's own rows, tests and V block, the blocks between runs L_g J_g V(b) J_h' L_h'
    (``L``: the contrasts as rows on b)."""
    rows, wald_rows, tests, names = [], [], [], []
    for num, _ in parts:
        rows += list(num.rows)
        wald_rows += list(num.wald)
        tests += list(num.tests)
        names += list(num.names)
    b = np.concatenate([num.b for num, _ in parts])
    M = np.vstack([num.L @ J for num, J in parts])
    V = M @ V_b @ M.T
    fixed = np.concatenate([np.all(num.V == 0, axis=1) for num, _ in parts])
    V[fixed, :] = 0.0
    V[:, fixed] = 0.0
    start = 0
    for num, _ in parts:  # each run's block exactly as it computed it
        k = len(num.b)
        V[start:start + k, start:start + k] = num.V
        start += k
    return {"rows": rows, "wald": wald_rows, "b": b, "V": V, "names": tuple(names), "tests": tests, "L": M}

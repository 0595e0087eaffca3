"""pv.ado's sampling variances from replicate weights, for one plausible value's commands
(``@w`` in them stands for the weight of each run; ``@1w`` becomes empty, as pv.ado leaves it):

* brr, or jrr with rw(): the full-sample estimate with weight(), then one run per variable of
  rw(); V = sum (b_r - b)'(b_r - b), times 1/(R (1 - fays)^2) with brr, times (R-1)/R with jrr
  and jk(1); df = R (pv.ado's _brr).
* jrr with jkzone() and jkrep(): for each zone z = 0, 1, ... up to the largest jkzone present,
  the weight doubled times jkrep in the zone (weight elsewhere); V = sum over zones; df = the
  number of zones (_jrr).
* jrrt2 with jkzone() and jkrep(): in each zone both halves in turn (the weight doubled in one
  half, 0 in the other), the zone's sum of squares divided by the number of halves (_jrrt2).

The replicate weights are float variables, as pv.ado's ``gen`` makes them.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

WEIGHT = "__pv_rw"


def replicate_fit(session, lines: list[str], opts: dict, collect) -> dict:
    """The full-sample fit of ``lines`` with its replicate variance (``collect()`` reads b, V,
    df, N and r2 from e() or r() after the commands ran)."""
    weight = opts["weight"]
    if not weight:
        raise StataError("weight option must be specified. Type --help pv-- for examples.", 100)
    if not any("@w" in line for line in lines):
        raise StataError("@w required with brr and jrr. See --help pv-- for examples.", 100)
    full = _run(session, lines, weight, collect)
    b = np.asarray(full["b"].values, float).ravel()
    if opts.get("brr") or (opts.get("jrr") and opts["rw"]):
        V, df = _replicate_weights(session, lines, opts, collect, b)
    elif opts.get("jrrt2"):
        V, df = _zones(session, lines, opts, collect, b, halves=True)
    else:
        V, df = _zones(session, lines, opts, collect, b, halves=False)
    return {**full, "V": V, "df": float(df)}


def _replicate_weights(session, lines, opts, collect, b):
    weights = opts["rw"]
    V = np.zeros((b.size, b.size))
    for w in weights:
        V += _outer(_run(session, lines, w, collect), b)
    R = len(weights)
    if opts.get("brr"):
        V = V / (R * (1 - opts["fays"]) ** 2)
    if opts.get("jrr") and opts["jk"] == 1:
        V = V * (R - 1) / R
    return V, R


def _zones(session, lines, opts, collect, b, halves: bool):
    from mlmcli.runner import Runner, current_runner

    zone_var, rep_var, weight = opts["jkzone"], opts["jkrep"], opts["weight"]
    if not zone_var or not rep_var:
        raise StataError("jkzone and jkrep options must be specified.  Type --help pv-- for examples.", 100)
    data = session.data
    zone = data.numeric(zone_var)
    rep = data.numeric(rep_var)
    runner = current_runner(session) or Runner(session)
    V = np.zeros((b.size, b.size))
    used = 0
    top = np.nanmax(zone) if np.isfinite(zone).any() else -1
    try:
        for z in range(0, int(np.floor(top)) + 1):
            if not (zone == z).any():
                continue
            used += 1
            if not halves:
                _weight(runner, f"cond({zone_var} == {z}, {weight} * {rep_var} * 2, {weight})")
                V += _outer(_run(session, lines, WEIGHT, collect), b)
                continue
            part, n_halves = np.zeros_like(V), 0
            for z2 in (0, 1):
                if not ((rep == z2) & (zone == z)).any():
                    continue
                n_halves += 1
                _weight(runner, f"cond({zone_var} != {z}, {weight}, cond({rep_var} == {z2}, {weight} * 2, "
                                f"cond({rep_var} == {1 - z2}, 0, .)))")
                part += _outer(_run(session, lines, WEIGHT, collect), b)
            V += part / n_halves
    finally:
        if WEIGHT in session.data.varnames:
            session.data.drop_variables([WEIGHT])
    return V, used


def _weight(runner, expression: str) -> None:
    runner.execute(f"capture drop {WEIGHT}")
    runner.execute(f"quietly generate {WEIGHT} = {expression}")


def _run(session, lines: list[str], weight: str, collect) -> dict:
    from mlmcli.runner import Runner, current_runner

    runner = current_runner(session) or Runner(session)
    for line in lines:
        runner.execute("quietly " + line.replace("@w", weight).replace("@1w", ""))
    return collect()


def _outer(fit: dict, b: np.ndarray) -> np.ndarray:
    d = np.asarray(fit["b"].values, float).ravel() - b
    return np.outer(d, d)

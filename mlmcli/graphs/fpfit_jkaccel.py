"""bootstrap's ``bca jackknifeopts(saving(f ...))`` inside fpfit's ``estopts(vce(bootstrap, ...))``:
the file bootstrap.ado's JKAccel leaves.

bootstrap.ado (4.9.1), after each fit's full-sample run and ``_prefix_reject``, and before its own
postfile, runs ``JKAccel name1=(_b[..]) name2=(..) ..., keep cluster(<bootstrap's cluster>)
notable noheader <jackknifeopts> reject(<reject>): <command>`` -- a jackknife of every e(b)
element, one replicate per cluster left out (per record without a cluster), each statistic under
a temporary name labelled with its expression, so f holds the replicates of the last fit that ran
(with ``replace``), or of the first one (without it: the second fit's jackknife fails on f,
r(602), and so does that fit).  Used by stcox (``graphs.fpfit_stcox_bootstrap``) and xtreg/xtlogit
(``graphs.fpfit_xt_bootstrap``: the cluster is ``_vce_parserun``'s copy of the panel variable).
"""
from __future__ import annotations

import numpy as np


def accel_saving(settings: dict | None) -> dict | None:
    """``bca jackknifeopts(saving(f ...))``'s saving dict, or None."""
    if not settings or not settings.get("bca"):
        return None
    return (settings.get("jackknife") or {}).get("saving")


def jkaccel_writer(hooks, saving: dict, cmdname: str, cluster_var, n_obs: int):
    """``write(J, b, names, command)``: JKAccel's file f (module docstring) of the replicates J (one
    row per cluster left out), b the fit's e(b) over ``names`` (``eq:name`` or ``name``)."""
    from mlmcli.fileformats.replicates import coefficient_variable, jackknife_dataset, save_jackknife

    def write(J, b, names, command):
        ds = jackknife_dataset(list(names), b, J, cmdname=cmdname, command=command, n_obs=float(n_obs),
                               cluster=cluster_var, double=bool(saving.get("double")))
        temps = {coefficient_variable(name): hooks.temp_name() for name in names}
        ds.rename_variables(temps)
        chars = {}
        for key, value in ds.chars.items():  # name=(exp): each statistic's expression, no e(b) column
            var, _, char = key.partition("[")
            if var in temps and char.rstrip("]") in ("colname", "is_eexp"):
                continue
            chars[f"{temps[var]}[{char}" if var in temps and char else key] = value
        chars["jk_names"] = " ".join(temps.values())
        ds.chars = chars
        for name, temp in zip(names, temps.values()):
            ds.var_labels[temp] = chars[f"{temp}[expression]"] = f"_b[{name}]"
        save_jackknife(ds, {**saving, "replace": True})
    return write


def leave_one_out(refit_rows, codes, k: int) -> np.ndarray:
    """JKAccel's jackknife: b with each cluster (``codes``, 0..G-1) left out, a row of missing
    values where the command fails (``refit_rows(rows)`` -> b or None)."""
    codes = np.asarray(codes)
    G = int(codes.max()) + 1
    J = np.full((G, k), np.nan)
    for g in range(G):
        b = refit_rows(np.flatnonzero(codes != g))
        if b is not None:
            J[g] = b
    return J

"""The dataset a replication prefix's ``saving()`` writes (jackknife.ado): one observation per
replicate, one variable per statistic, as ``postfile`` fills it.

For ``_b`` (regress's vce(jackknife)) the variables are ``_b_<name>`` (``_b_x``, ``_b_cons``:
the coefficient's name with characters a Stata name cannot hold made ``_``), float unless
``double``, labelled with the expression (``_b[x]``); the data label ``jackknife: <cmd>`` and
the characteristics jackknife.ado sets: ``_dta[jk_command]``, ``jk_cmdname``, ``jk_names``,
``jk_nfunction``, ``jk_N``, ``jk_cluster``/``jk_N_cluster`` with cluster(), ``jk_version``, and
each variable's ``[observed]`` (the full-sample value), ``[expression]``, ``[colname]``,
``[is_eexp]``.  With fweights or pweights the first variable is ``__jk_multiplier`` (each
replicate's frequency, or (n-1)/n; missing when the replicate was unusable) and the
characteristics ``jk_wtype``, ``jk_multiplier`` and ``jk_wexp`` say so.  Written like ``save``: never over an existing file without ``replace`` (r(602)).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset


MULTIPLIER = "__jk_multiplier"  # jackknife.ado's jkmultvar


def coefficient_variable(name: str) -> str:
    """``_b_<name>``: ``x`` -> ``_b_x``, ``_cons`` -> ``_b_cons``, ``1.g`` -> ``_b_1_g``."""
    text = re.sub(r"[^A-Za-z0-9_]", "_", name.lstrip("_") if name == "_cons" else name)
    return ("_b_" + text)[:32]


def jackknife_dataset(names: list[str], observed: np.ndarray, replicates: np.ndarray, *, cmdname: str,
                      command: str, n_obs: float, cluster: str | None = None, double: bool = False,
                      multipliers: np.ndarray | None = None, weighting: tuple | None = None,
                      nfunction: str | None = "e(N)") -> Dataset:
    """The saving() dataset of a jackknife of _b (module docstring): ``names`` e(b)'s column
    names, ``observed`` b, ``replicates`` one row per replicate; ``multipliers`` (fweights,
    pweights) each replicate's, ``weighting`` (weight kind, ``= exp``); ``nfunction`` the count
    (n()'s expression; None with nocount: an empty characteristic is not stored)."""
    variables = [coefficient_variable(n) for n in names]
    values = np.asarray(replicates, float)
    columns = {v: values[:, j] for j, v in enumerate(variables)}
    if multipliers is not None:
        columns = {MULTIPLIER: np.asarray(multipliers, float), **columns}
    storage = "double" if double else "float"
    if not double:  # postfile's default storage: float
        columns = {v: np.asarray(c).astype(np.float32).astype(float) for v, c in columns.items()}
    df = pd.DataFrame(columns)
    ds = Dataset(df=df, types={v: storage for v in columns},
                 formats={v: "%10.0g" if double else "%9.0g" for v in columns},
                 var_labels={v: f"_b[{n}]" for v, n in zip(variables, names)},
                 label=f"jackknife: {cmdname}")
    chars = {}
    if weighting is not None:  # aweights (force): the type and expression, no multiplier
        chars["jk_wtype"] = weighting[0]
    if multipliers is not None:
        chars["jk_multiplier"] = MULTIPLIER
    chars.update({"jk_command": command, "jk_cmdname": cmdname, "jk_names": " ".join(variables)})
    if nfunction:
        chars["jk_nfunction"] = nfunction
    if cluster is not None:
        chars.update(jk_cluster=cluster, jk_N_cluster=str(values.shape[0]))
    if weighting is not None:
        chars["jk_wexp"] = weighting[1]
    chars["jk_N"] = f"{n_obs:.17g}"
    for v, n, b in zip(variables, names, np.asarray(observed, float)):
        chars.update({f"{v}[observed]": f"{b:.17g}", f"{v}[expression]": f"_b[{n}]", f"{v}[colname]": n,
                      f"{v}[is_eexp]": "1"})
    chars["jk_version"] = "1"
    ds.chars = chars
    return ds


def save_jackknife(ds: Dataset, saving: dict) -> None:
    """Write ``ds`` to ``saving``'s filename (``replace``: over an existing file)."""
    from mlmcli.fileformats.dta_write import save_dta

    save_dta(ds, saving["filename"], replace=saving["replace"])

"""The dataset the twoway fits' ``estopts(vce(bootstrap, saving(f)))`` writes: bootstrap.ado's
postfile of ``_b``, one observation per replicate (missing where the replicate failed or was
rejected), one variable per e(b) column named by _prefix_expand (``_b_Ix__1``, ``_b_cons``;
with equations ``y_b_cons``, ``lnalpha_b_cons``: ``fileformats.replicates.equation_statistics``, as
_prefix_expand names them: an equation other than ``_`` -- logit's ``y`` too -- prefixes the name;
``mlmcli.replication.replicate_dataset`` prefixes only when e(b) has several),
float unless ``double``, labelled with its expression; the data label ``bootstrap: <cmd>``
and bootstrap.ado's characteristics: ``_dta[command]``, ``seed`` (mlm's: the seed() typed),
``N_cluster``/``cluster`` with cluster(), ``strata``/``N_strata`` with strata(), ``N``,
``bs_version`` 3, ``k_eq``, ``k_extra`` 0, and each variable's ``[observed]``,
``[expression]``, ``[coleq]``/``[colname]`` and ``[is_eexp]``.
"""
from __future__ import annotations

import numpy as np


def save_replicates(settings: dict, names: list[str], b: np.ndarray, B: np.ndarray, *, cmdname: str, depvar: str,
                    n_obs: int, equations: list[str] | None = None, draws=None) -> None:
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.fileformats.replicates import equation_statistics
    from mlmcli.replication.replicate_dataset import save_replicates as save, stata_number

    saving = settings["saving"]
    eqs = list(equations) if equations is not None else ["_"] * len(names)
    statistics = equation_statistics(eqs, list(names), stub="_bs_")
    variables = [v for v, _ in statistics]
    values = np.asarray(B, float)
    if not saving["double"]:  # postfile's default storage: float
        values = values.astype(np.float32).astype(float)
    ds = Dataset(df=pd.DataFrame({v: values[:, j] for j, v in enumerate(variables)}),
                 types={v: "double" if saving["double"] else "float" for v in variables},
                 formats={v: "%10.0g" if saving["double"] else "%9.0g" for v in variables},
                 var_labels={v: e for v, e in statistics}, label=f"bootstrap: {cmdname}")
    chars = {"command": f"{cmdname} {depvar} {' '.join(n for n in names if n != '_cons')}".strip()}
    if settings.get("seed") is not None:
        chars["seed"] = str(settings["seed"])
    if settings.get("cluster"):
        chars.update(N_cluster=str(draws.units.n_units) if draws is not None else "", cluster=" ".join(settings["cluster"]))
    if settings.get("strata"):
        chars.update(strata=" ".join(settings["strata"]),
                     N_strata=str(draws.units.n_strata) if draws is not None else "")
    chars.update(N=str(int(n_obs)), bs_version="3", k_eq=str(len(dict.fromkeys(eqs))), k_extra="0")
    for (variable, expression), eq, name, observed in zip(statistics, eqs, names, np.asarray(b, float)):
        chars[f"{variable}[observed]"] = stata_number(observed)
        chars[f"{variable}[expression]"] = expression
        chars[f"{variable}[coleq]"] = eq
        chars.update({f"{variable}[colname]": name, f"{variable}[is_eexp]": "1"})
    ds.chars = chars
    save(ds, saving)

"""``saving(filename[, replace double every(#)])``: the replicates as a dataset, one observation
per replicate and one variable per statistic, with the characteristics bootstrap.ado writes
(its ``bs_version`` 3 layout, which ``bstat``/``_bs_sum`` read back):

- the data label ``bootstrap: cmdname``;
- ``_dta[command]`` (the command each replicate ran), ``_dta[seed]`` (the seed the draws started
  from: mlm's ``c(seed)``, an integer, where Stata stores its generator's state string),
  ``_dta[N_cluster]`` and ``_dta[cluster]`` (cluster() only), ``_dta[strata]`` and
  ``_dta[N_strata]`` (strata() only), ``_dta[N]`` (the observations of the estimation sample),
  ``_dta[bs_version]`` 3, ``_dta[k_eq]``, ``_dta[k_extra]`` (0: coefficients only);
- per variable: ``[observed]`` (the full-sample value), ``[acceleration]`` (bca only),
  ``[expression]`` (``_b[x]``, ``[eq]_b[x]``; also the variable label), ``[coleq]`` and
  ``[colname]`` (e(b)'s column), ``[is_eexp]`` 1 (every coefficient came from ``_b``).

Names as ``_prefix_expand`` makes them for ``_b``: ``_b_x`` (``_b`` and the name, an
underscore put before a name without one: ``_b_cons``), prefixed by the equation when e(b)'s
columns have one (``hi_b_x`` after logit, whose equation is the depvar; ``_eq#`` for an
equation whose name is not a name), the
position appended to a name already taken, and ``_bs_#`` where the result is not a valid
name (factor-variable columns such as ``1b.f``).  Numbers in characteristics are written with
17 significant digits as Stata's ``=exp`` macro expansion writes them (``.5``, ``-.25``).
``every(#)`` changes only how often Stata flushes the file: nothing here.  Storage float
unless ``double``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.render.numfmt import drop_leading_zero
from mlmcli.syntax.varlist import NAME_RE

_NAME = NAME_RE


def stata_number(x: float) -> str:
    """A double as ``=exp`` expands it: 17 significant digits, no leading 0, ``.`` missing."""
    if not np.isfinite(x):
        return "."
    text = f"{float(x):.17g}"
    return text if "e" in text else drop_leading_zero(text)


def coefficient_variables(colnames) -> list[dict]:
    """For each e(b) column (``name`` or ``eq:name``): {name, expression, coleq, colname}."""
    split = [c.split(":", 1) if ":" in c else ["_", c] for c in colnames]
    equations = list(dict.fromkeys(eq for eq, _ in split))
    out, taken = [], set()
    for i, (eq, na) in enumerate(split, start=1):
        if eq == "_":
            expression = f"_b[{na}]"
            prefix = ""
        else:
            expression = f"[{eq}]_b[{na}]"
            prefix = eq if _NAME.match(eq) else f"_eq{equations.index(eq) + 1}"
        name = prefix + "_b" + (na if na.startswith("_") else "_" + na)
        if name in taken:
            name = f"{name}{i}"
        if not _NAME.match(name):
            name = f"_bs_{i}"
        taken.add(name)
        out.append({"name": name, "expression": expression, "coleq": eq, "colname": na})
    return out


def replicate_dataset(replicates: np.ndarray, colnames, observed, *, command: str, cmdname: str, seed,
                      n_obs: int, double: bool = False, cluster: str | None = None, n_cluster: int | None = None,
                      strata: str | None = None, n_strata: int | None = None, accel=None):
    """The Dataset saving() writes (module docstring): ``replicates`` (reps x k) in e(b)'s
    column order ``colnames``; ``observed`` e(b); ``accel`` the acceleration (bca)."""
    import pandas as pd

    from mlmcli.dataset import Dataset

    B = np.atleast_2d(np.asarray(replicates, float))
    items = coefficient_variables(list(colnames))
    names = [item["name"] for item in items]
    storage = "double" if double else "float"
    columns = {name: (B[:, j] if double else B[:, j].astype(np.float32).astype(float)) for j, name in enumerate(names)}
    ds = Dataset(df=pd.DataFrame(columns), types={v: storage for v in names},
                 formats={v: "%10.0g" if double else "%9.0g" for v in names},
                 var_labels={item["name"]: item["expression"][:80] for item in items}, label=f"bootstrap: {cmdname}")
    chars = {"command": command, "seed": str(seed)}
    if cluster:
        chars.update(N_cluster=str(int(n_cluster)), cluster=cluster)
    if strata:
        chars.update(strata=strata, N_strata=str(int(n_strata)))
    equations = list(dict.fromkeys(item["coleq"] for item in items))
    chars.update(N=str(int(n_obs)), bs_version="3", k_eq=str(len(equations)), k_extra="0")
    b = np.asarray(observed, float).reshape(-1)
    a = None if accel is None else np.asarray(accel, float).reshape(-1)
    for j, item in enumerate(items):
        name = item["name"]
        chars[f"{name}[observed]"] = stata_number(b[j])
        if a is not None:
            chars[f"{name}[acceleration]"] = stata_number(a[j])
        chars[f"{name}[expression]"] = item["expression"]
        chars[f"{name}[coleq]"] = item["coleq"]
        chars[f"{name}[colname]"] = item["colname"]
        chars[f"{name}[is_eexp]"] = "1"
    ds.chars = chars
    return ds


def save_replicates(dataset, saving: dict) -> None:
    """Write ``dataset`` to saving()'s file (``syntax.replicate_vce.saving_option``'s dict:
    filename, replace); an existing file without replace is r(602), as save's."""
    from mlmcli.fileformats.dta_write import save_dta

    save_dta(dataset, saving["filename"], replace=bool(saving.get("replace")))

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
from mlmcli.syntax.varlist import is_name


MULTIPLIER = "__jk_multiplier"  # jackknife.ado's jkmultvar


def coefficient_variable(name: str) -> str:
    """``_b_<name>``: ``x`` -> ``_b_x``, ``_cons`` -> ``_b_cons``, ``1.g`` -> ``_b_1_g``."""
    text = re.sub(r"\W", "_", name.lstrip("_") if name == "_cons" else name)
    return ("_b_" + text)[:32]


def equation_statistics(equations: list[str], names: list[str], stub: str = "_jk_") -> list[tuple[str, str]]:
    """(variable, expression) of each e(b) column ``equations[i]:names[i]`` as _prefix_expand
    names them: ``<eq>_b_<name>`` (the name's leading ``_`` kept: ``y_b_cons``, ``y_b_Ix__1``,
    ``lnalpha_b_cons``), expression ``[eq]_b[name]``; an equation that is not a name (mlogit's
    ``1``, ``2`` ...) is ``_eq<its number>`` in the variable (``_eq2_b_x``: _prefix_expand's
    eqstub); a name already taken gets the column's number appended, and one that is not a Stata
    name (``o.`` operators, longer than 32) is ``<stub><number>``.  Stata's equation ``_`` (a
    single equation without a name: regress's, xtgee's) is none: ``_b_x``, expression ``_b[x]``."""
    out: list[tuple[str, str]] = []
    number, previous = 0, None
    for i, (eq, name) in enumerate(zip(equations, names), 1):
        if eq != previous:
            number, previous = number + 1, eq
        stem = "" if eq == "_" else eq if is_name(eq) else f"_eq{number}"
        ident = f"{stem}_b{name if name.startswith('_') else '_' + name}"
        if ident in [v for v, _ in out]:
            ident = f"{ident}{i}"
        if not is_name(ident):
            ident = f"{stub}{i}"
        out.append((ident, f"_b[{name}]" if eq == "_" else f"[{eq}]_b[{name}]"))
    return out


def jackknife_dataset(names: list[str], observed: np.ndarray, replicates: np.ndarray, *, cmdname: str,
                      command: str, n_obs: float, cluster: str | None = None, double: bool = False,
                      multipliers: np.ndarray | None = None, weighting: tuple | None = None,
                      nfunction: str | None = "e(N)", equations: list[str] | None = None) -> Dataset:
    """The saving() dataset of a jackknife of _b (module docstring): ``names`` e(b)'s column
    names, ``observed`` b, ``replicates`` one row per replicate; ``multipliers`` (fweights,
    pweights) each replicate's, ``weighting`` (weight kind, ``= exp``); ``nfunction`` the count
    (n()'s expression; None with nocount: an empty characteristic is not stored); ``equations``:
    e(b)'s equation names (``equation_statistics``; each variable's ``[coleq]`` too)."""
    if equations is not None:
        statistics = equation_statistics(equations, names)
        variables, expressions = [v for v, _ in statistics], [e for _, e in statistics]
    else:
        variables = [coefficient_variable(n) for n in names]
        expressions = [f"_b[{n}]" for n in names]
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
                 var_labels=dict(zip(variables, expressions)),
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
    for j, (v, n, b) in enumerate(zip(variables, names, np.asarray(observed, float))):
        chars.update({f"{v}[observed]": f"{b:.17g}", f"{v}[expression]": expressions[j]})
        if equations is not None and set(equations) != {"_"}:  # jackknife.ado: no [coleq] when e(b)'s only equation is _
            chars[f"{v}[coleq]"] = equations[j]
        chars.update({f"{v}[colname]": n, f"{v}[is_eexp]": "1"})
    chars["jk_version"] = "1"
    ds.chars = chars
    return ds


def save_jackknife(ds: Dataset, saving: dict) -> None:
    """Write ``ds`` to ``saving``'s filename (``replace``: over an existing file)."""
    from mlmcli.fileformats.dta_write import save_dta

    save_dta(ds, saving["filename"], replace=saving["replace"])

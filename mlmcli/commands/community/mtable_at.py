"""The at() values of a margins run as SPost13's mlistat splits them (mlistat.ado 1.0.0):
r(at)'s factor columns contracted to one column a variable when every row has exactly one of
its levels at 1 (``0b.female 1.female`` -> ``female`` = the level), then the columns whose
value is the same on every row and not missing (held constant) apart from those that vary;
base (``b.``) and omitted columns are dropped from both."""
from __future__ import annotations

import re

import numpy as np


def is_base_or_omitted(name: str) -> bool:
    return any(re.match(r"^\d*b\.|^\d*o\.|^o\.", part) and not re.match(r"^\d*bn\.", part)
               for part in name.split("#"))


def contract(names: list[str], values: np.ndarray) -> tuple[list[str], np.ndarray]:
    """_FVContract: a factor variable's indicator columns -> its level, where each row has one."""
    factor: dict[str, list[int]] = {}
    order: list[str] = []
    for j, name in enumerate(names):
        if "." in name:
            var = name.split(".", 1)[1]
            factor.setdefault(var, []).append(j)
            order.append(var)
        order.append(name)
    columns: dict[str, np.ndarray] = {n: values[:, j] for j, n in enumerate(names) if "." not in n}
    for var, idx in factor.items():
        block = values[:, idx]
        ok = np.all((block == 0) | (block == 1)) and np.all((block == 1).sum(axis=1) == 1)
        if not ok:
            columns.update({names[j]: values[:, j] for j in idx})
            continue
        levels = [float(re.sub(r"[bn]", "", names[j].split(".", 1)[0]) or 0) for j in idx]
        columns[var] = np.array([levels[int(np.argmax(row == 1))] for row in block], float)
    out = [n for n in dict.fromkeys(order) if n in columns]
    return out, (np.column_stack([columns[n] for n in out]) if out else np.zeros((values.shape[0], 0)))


def split(names: list[str], values: np.ndarray):
    """(constant names, their 1-row values, varying names, their values) after contraction,
    base and omitted columns dropped."""
    names, values = contract(names, values)
    const, vary = [], []
    for j, name in enumerate(names):
        col = values[:, j]
        same = bool(np.all((col == col[0]) | (np.isnan(col) & np.isnan(col[0]))))
        if same and not np.isnan(col[0]):
            const.append(j)
        elif not same:
            vary.append(j)
    const = [j for j in const if not is_base_or_omitted(names[j])]
    vary = [j for j in vary if not is_base_or_omitted(names[j])]
    return ([names[j] for j in const], values[:1, const], [names[j] for j in vary], values[:, vary])


def atspec(names: list[str], values: np.ndarray) -> str:
    """r(atspec): ``name=value `` for r(at)'s first row's non-missing columns, %11.8g."""
    from mlmcli.render.numfmt import format_number

    return "".join(f"{n}={format_number(float(v), '%11.8g').strip()} "
                   for n, v in zip(names, values[0]) if not np.isnan(v))


def expand_atvars(typed: str, at_names: list[str]) -> list[str] | str:
    """atvars(): each name as r(at) has it (``g`` -> ``2.g 3.g``, not the base), or the ado's
    message for a name r(at) lacks."""
    out = []
    for word in typed.split():
        found = [n for n in at_names if f".{word}" in n and "b." not in n]
        for name in found or [word]:
            name = re.sub(r"^i(\d*)\.", r"\1.", name)
            if name not in at_names:
                return f"{name} is not in r(at)"
            out.append(name)
    return out

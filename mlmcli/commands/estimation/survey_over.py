"""over(varname) of svy: mean, total and ratio (Stata 13's _over): the groups in ascending
order of the variable, each named by its value (a nonnegative integer), by its value label
when that is a valid name, else ``_subpop_#``; the legend shows "name: var = label or value"."""
from __future__ import annotations

import numpy as np

from mlmcli.syntax.varlist import NAME_RE


def over_groups(ds, var: str, rows: np.ndarray) -> list[tuple[float, str, str]]:
    """(value, group name, legend text) per group of ``var`` on ``rows``."""
    from mlmcli.render.numfmt import format_number

    values = np.unique(ds.numeric(var)[rows])
    out = []
    for k, value in enumerate(values, start=1):
        label = ds.value_label_text(var, float(value))
        shown = label if label is not None else format_number(float(value), "%9.0g").strip()
        if label is not None:
            name = label if NAME_RE.fullmatch(label) and len(label) <= 32 else f"_subpop_{k}"
        else:
            name = shown if float(value).is_integer() and value >= 0 else f"_subpop_{k}"
        out.append((float(value), name, shown))
    return out


def over_stored(var: str, groups) -> dict:
    """e(over), e(over_namelist) and e(over_labels)."""
    return {"over": var, "over_namelist": " ".join(g for _, g, _ in groups),
            "over_labels": " ".join(f'"{t}"' if " " in t else t for _, _, t in groups)}

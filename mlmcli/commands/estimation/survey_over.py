"""over(varlist) of svy: mean, total and ratio (Stata 13's _over): the groups in ascending
order of the variable, each named by its value (a nonnegative integer), by its value label
when that is a valid name, else ``_subpop_#``; the legend shows "name: var = label or value".
With several variables the groups are the combinations present, in ascending order of the
first variable, then the second ...; each is ``_subpop_#`` (the names Stata 13 gives them, as
a published replication file's ``lincom [y]_subpop_1 - [y]_subpop_2`` after
``svy: mean y, over(ideology polarized)`` relies on), the legend "name: var1 var2 = text1
text2" (that legend wording is not verified against Stata 13's output)."""
from __future__ import annotations

import numpy as np

from mlmcli.syntax.varlist import NAME_RE
from mlmcli.sorted_codes import unique_rows


def over_groups(ds, var: str, rows: np.ndarray, nolabel: bool = False) -> list[tuple[float, str, str]]:
    """(value, group name, legend text) per group of ``var`` on ``rows`` (``nolabel``: over()'s
    nolabel, the value labels left out)."""
    from mlmcli.render.numfmt import format_number

    values = np.unique(ds.numeric(var)[rows])
    out = []
    for k, value in enumerate(values, start=1):
        label = None if nolabel else ds.value_label_text(var, float(value))
        shown = label if label is not None else format_number(float(value), "%9.0g").strip()
        if label is not None:
            name = label if NAME_RE.fullmatch(label) and len(label) <= 32 else f"_subpop_{k}"
        else:
            name = shown if float(value).is_integer() and value >= 0 else f"_subpop_{k}"
        out.append((float(value), name, shown))
    return out


def over_groups_of(ds, variables: list[str], rows: np.ndarray, nolabel: bool = False
                   ) -> list[tuple[np.ndarray, str, str]]:
    """(row mask on ``rows``, group name, legend text) per group of one or more variables."""
    if len(variables) == 1:
        x = ds.numeric(variables[0])[rows]
        return [(x == value, name, f"{variables[0]} = {text}")
                for value, name, text in over_groups(ds, variables[0], rows, nolabel)]
    from mlmcli.render.numfmt import format_number

    columns = np.column_stack([ds.numeric(v)[rows] for v in variables])
    combos = unique_rows(columns) if len(rows) else np.empty((0, len(variables)))
    out = []
    for k, combo in enumerate(combos, start=1):
        texts = []
        for var, value in zip(variables, combo):
            label = None if nolabel else ds.value_label_text(var, float(value))
            texts.append(label if label is not None else format_number(float(value), "%9.0g").strip())
        out.append((np.all(columns == combo, axis=1), f"_subpop_{k}",
                    f"{' '.join(variables)} = {' '.join(texts)}"))
    return out


def over_stored_groups(variables: list[str], groups) -> dict:
    """e(over), e(over_namelist) and e(over_labels) of the groups of ``over_groups_of``."""
    texts = [t.split(" = ", 1)[1] for _, _, t in groups]
    return {"over": " ".join(variables), "over_namelist": " ".join(g for _, g, _ in groups),
            "over_labels": " ".join(f'"{t}"' if " " in t else t for t in texts)}


def over_option(ds, text, nolabel_allowed: bool = False) -> tuple[list[str], bool]:
    """over(varlist [, nolabel])'s numeric variables and nolabel (svy: no suboption)."""
    from mlmcli.errors import StataError

    parts = str(text).split(",", 1)
    sub = parts[1].split() if len(parts) == 2 else []
    if sub and not nolabel_allowed:
        raise StataError("over()'s options are not supported by mlmcli under svy", 198)
    if any(not (len(w) >= 5 and "nolabel".startswith(w)) for w in sub):
        raise StataError(f"option {sub[0]} not allowed", 198)
    words = parts[0].split()
    if not words:
        raise StataError("varlist required", 100)
    variables = ds.expand_varlist(words)
    for full in variables:
        if ds.is_string(full):
            raise StataError("string variables not allowed in over()", 109)
    return variables, bool(sub)

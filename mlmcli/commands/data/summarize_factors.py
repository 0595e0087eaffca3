"""``summarize`` with a factor-variable varlist (``summarize i.rep78 c.price#c.mpg``).

Each term becomes columns as ``fvexpand`` names them; a factor term is shown as its heading
row (``       rep78 |``) with one indented row per level (``          2  |``), an indicator
(or indicator times continuous variables) summarized like any variable.  The base level is
left out unless ``ibn.``/``baselevels``/``allbaselevels`` (Stata: "summ i.rep78: Group 1 is
the reference, and groups 2-5 are shown"; "summarize i.south ... use allbaselevels" to show
the base -- Statalist / johanosterberg.com, tests/test_summarize_factor_variables.py)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.factor_terms import parse_terms
from mlmcli.factor_variables import evaluate_recipes, term_cells


@dataclass(frozen=True)
class SummaryColumn:
    """One displayed row: ``kind`` "heading" (``values`` None), "level" or "row"."""

    kind: str
    name: str  # heading / level text / variable name as shown
    title: str  # the detail table's title (Stata's column name: ``2.rep78``)
    values: np.ndarray | None = None  # every observation (NaN where a variable is missing)
    fmt: str = "%9.0g"


def factor_columns(ds, args: str, rows: np.ndarray, *, baselevels: bool, emptycells: bool,
                   fvlabel: bool) -> list[SummaryColumn]:
    """The rows ``summarize`` shows for a factor-variable varlist; levels are those on ``rows``."""
    terms = parse_terms(ds, args)
    model_keys = {t.key for t in terms}
    out: list[SummaryColumn] = []
    for term in terms:
        cands = term_cells(ds, term, model_keys, rows)
        if not term.factors:
            cand = cands[0]
            var = term.continuous[0].var
            fmt = ds.format_of(var) if len(term.continuous) == 1 else "%9.0g"
            out.append(SummaryColumn("row", cand.label.name, cand.label.name,
                                     evaluate_recipes(ds, [cand.recipe])[:, 0], fmt))
            continue
        shown = [c for c in cands if (baselevels or not c.label.base) and (emptycells or not c.empty)]
        if not shown:
            continue
        out.append(SummaryColumn("heading", term.heading(), term.heading()))
        for cand in shown:
            cell = tuple(lev for _, lev in cand.recipe.indicators)
            text = cand.label.level if fvlabel else "#".join(_level_number(v) for v in cell)
            out.append(SummaryColumn("level", text or "", cand.label.name,
                                     evaluate_recipes(ds, [cand.recipe])[:, 0]))
    return out


def _level_number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


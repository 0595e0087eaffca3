"""``estimates table``: coefficients (b, se, t or z, p) of several result sets side by side.

Equations and coefficient names appear in first-seen order over the models, with ``_cons``
last in its equation; a model lacking a coefficient has an empty cell.  p = 2 P(|T| > |b/se|) with T Student's t on
e(df_r) degrees of freedom when the model has them, else normal.  ``eform``: b -> exp(b),
se -> exp(b) se (the delta method), t and p unchanged.

``keep()``/``drop()`` take coefficient names (``x``), full names (``eq:x``) or whole
equations (``eq:``); ``keep()`` also orders the table ([R] estimates table).
``equations()`` matches equations by position instead of by name: ``equations(1)`` puts the
first equation of every model in one block named ``#1``; a term ``name = 1:2`` puts model
1's first and model 2's second equation in a block ``name`` (``.`` skips a model).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.criteria import stat_value
from mlmcli.syntax.coefnames import (display_name, free_parameter_alias, free_parameter_matches, has_wildcard,
                                     parse_coef_name, split_eq)

_TS_OPERATOR = re.compile(r"(?:[LFDS]\d*)+")


def _cells(e, eform: bool = False) -> dict:
    """(equation, name) -> EstTableCell of one result set, in e(b) order; the name without its
    base/omitted markers (``2o.x`` -> ``2.x``, ``o.x`` -> ``x``), as est_table's
    ``_ms_omit_unset`` matches rows across models -- the cell keeps whether it is base/omitted."""
    from scipy import stats as st

    from mlmcli.results.postestimation import EstTableCell

    # Stata 15's "/" equation for a fit under version 15
    coefs = e.stata_coefficients() if hasattr(e, "stata_coefficients") else e.coefficients()
    b = coefs.b
    se = np.sqrt(np.maximum(np.diag(coefs.V), 0))
    df_r = e.residual_df()
    out = {}
    depvar = e.macros.get("depvar", "").split()
    for j, full in enumerate(coefs.names):
        name = parse_coef_name(full)
        z = b[j] / se[j] if se[j] > 0 else np.nan
        p = float(2 * (st.t.sf(abs(z), df_r) if df_r else st.norm.sf(abs(z)))) if np.isfinite(z) else np.nan
        bj, sej = float(b[j]), float(se[j])
        if eform:
            bj, sej = float(np.exp(bj)), float(np.exp(bj) * sej)
        eq, nm = split_eq(full)
        out[(eq or (depvar[0] if depvar else ""), display_name(nm))] = EstTableCell(
            bj, sej, float(z), p, omitted=name.is_omitted, base=name.is_base_or_omitted and not name.is_omitted)
    return out


def _without_equations(e) -> bool:
    """Whether the model's e(b) names no equations (regress, xtreg, xtabond, ivreg...): est_table's
    mat_capp then stacks the coefficients of such models in one panel, whatever their depvars (the
    depvar names the panel only of models whose e(b) carries it, logit's ``y:x``)."""
    b = (e.matrices or {}).get("b")
    return b is not None and not any(":" in str(c) for c in b.colnames)


def _equation_order(cells: dict) -> list[str]:
    order: list[str] = []
    for eq, _ in cells:
        if eq not in order:
            order.append(eq)
    return order


def match_equations(per_model: list[dict], spec: str) -> list[dict]:
    """Rename each model's equations as ``equations(spec)`` matches them (see the module
    docstring); unmatched equations keep their names."""
    terms = [t.strip() for t in spec.split(",") if t.strip()]
    if not terms:
        raise StataError("equations() invalid", 198)
    renames: list[dict[str, str]] = [{} for _ in per_model]
    orders = [_equation_order(c) for c in per_model]
    for k, term in enumerate(terms, 1):
        label, _, positions = term.rpartition("=")
        label = label.strip() or f"#{k}"
        parts = [p.strip() for p in positions.split(":")]
        if len(parts) == 1:
            parts = parts * len(per_model)
        if len(parts) != len(per_model):
            raise StataError("equations() invalid", 198)
        for m, part in enumerate(parts):
            if part == ".":
                continue
            try:
                index = int(part)
            except ValueError:
                raise StataError("equations() invalid", 198) from None
            if not 1 <= index <= len(orders[m]):
                raise StataError(f"equation #{index} not found", 111)
            renames[m][orders[m][index - 1]] = label
    return [{(renames[m].get(eq, eq), nm): cell for (eq, nm), cell in cells.items()}
            for m, cells in enumerate(per_model)]


def _selected(eq: str, nm: str, items: list[str]) -> int | None:
    """Position in a keep()/drop() list of the first item naming ``eq:nm`` (None: none).  An
    item with ``*``/``?``/``~`` is a pattern over the coefficient names (est_table.ado 1.6.4
    expands each item with ``_unab ..., matrix(b) row``: ``drop(bar_*)``)."""
    from fnmatch import fnmatchcase

    def same(pattern: str, name: str) -> bool:
        if any(ch in pattern for ch in "*?~"):
            return fnmatchcase(name, pattern.replace("~", "*"))
        return pattern == name

    def named(item: str) -> bool:
        if item.endswith(":"):
            return item[:-1] == eq
        if ":" in item:
            item_eq, item_nm = item.split(":", 1)
            return item_eq == eq and same(item_nm, nm)
        return same(item, nm)

    for k, item in enumerate(items):
        if named(item) or free_parameter_matches(item.replace("~", "*"), eq, nm):  # drop(/:*): "/" only
            return k
        alias = free_parameter_alias(item) if not has_wildcard(item) else None
        if alias is not None and named(alias):  # keep(/:var(_cons[id])): Stata 13's var(_cons[id]):_cons
            return k
    return None


def _expand_ranges(items: list[str], order: list[str], names_by_eq: dict[str, list[str]]) -> list[str]:
    """``drop(d81-d87)``: est_table.ado expands each item with ``_unab ..., matrix(b) row``, so
    a ``first-last`` range is the coefficients from first to last in the table's row order
    (a coefficient only a later model has before the constant, as the table shows them):
    within the item's equation, or the first equation holding both ends; ``1:x-2:z`` runs
    across equations in the table's order.  Items that are not such a range stay as they are
    (and fail later if they name nothing)."""
    rows = {eq: sorted(names_by_eq.get(eq, []), key=lambda nm: nm == "_cons") for eq in order}
    out: list[str] = []
    for item in items:
        eq_given, body = (item.split(":", 1) if ":" in item and not item.endswith(":") else (None, item))
        ends = body.split("-")
        if len(ends) != 2 or not all(ends) or has_wildcard(body) or body.startswith("/"):
            out.append(item)
            continue
        expanded = None
        if eq_given is not None and ":" in ends[1]:  # 1:x-2:z
            seq = [(eq, nm) for eq in order for nm in rows[eq]]
            first, last = (eq_given, ends[0]), tuple(ends[1].split(":", 1))
            if first in seq and last in seq and seq.index(first) <= seq.index(last):
                expanded = [f"{eq}:{nm}" for eq, nm in seq[seq.index(first):seq.index(last) + 1]]
        else:
            for eq in ([eq_given] if eq_given is not None else order):
                names = rows.get(eq, [])
                if ends[0] in names and ends[1] in names:
                    i, j = names.index(ends[0]), names.index(ends[1])
                    if i <= j:
                        prefix = f"{eq_given}:" if eq_given is not None else ""
                        expanded = [prefix + nm for nm in names[i:j + 1]]
                    break
        out.extend(expanded if expanded is not None else [item])
    return out


def _unset_markers(item: str) -> str:
    """A keep()/drop() item as the rows are named (``2o.x`` -> ``2.x``; ``eq:`` stays)."""
    if item.endswith(":"):
        return item
    if item.count("-") == 1 and all(item.split("-")):  # a range: each end as the rows are named
        return "-".join(_unset_markers(end) for end in item.split("-"))
    eq, nm = split_eq(item)
    nm = _canonical_operated(display_name(nm))
    return f"{eq}:{nm}" if ":" in item else nm


def _canonical_operated(name: str) -> str:
    """``DL.y`` -> ``LD.y``, ``L1.y`` -> ``L.y``: an operated name as the rows spell it (public
    do-files keep(DL.y) the first-difference lag Stata shows as LD.)."""
    from mlmcli.time_series_ops import canonical_operator, split_operated

    parts = split_operated(name)
    if parts is None:
        return name
    op = canonical_operator(parts[0])
    return f"{op}.{parts[1]}" if op else parts[1]


def _term_and_level(name: str, level_text) -> dict:
    """A factor row's term and level text (``2.rep#1.foreign`` -> ``rep#foreign``, ``Fair#Foreign``
    or ``2 1``), as ``postest.coefficient_rows`` names them; a time-series row its variable and
    operator (``LD.y`` -> ``y``, ``LD.``: est_table's _ms_display draws them as the coefficient
    table does); nothing for other rows."""
    parts = parse_coef_name(name).parts
    levels = [p.level for p in parts if p.level is not None]
    if len(parts) == 1 and _TS_OPERATOR.fullmatch(parts[0].op) and "." not in parts[0].var:
        from mlmcli.time_series_ops import operator_level

        return {"term": parts[0].var, "level": operator_level(parts[0].op)}
    if not levels:
        return {}
    text = level_text(name) if level_text is not None else None
    return {"term": "#".join(p.var if p.level is not None else p.text(False) for p in parts),
            "level": text if text is not None else " ".join(levels)}


def estimates_table(models, *, show: tuple[str, ...], star: bool, star_levels: tuple[float, float, float],
                    keep: list[str], drop: list[str], stats: list[str], formats: dict, equations: str = "",
                    eform: bool = False, labels: dict | None = None, level_text=None, noomitted: bool = False,
                    **layout):
    """The ``EstimatesTableResult`` of ``models`` ((name, EstimationResults) pairs);
    ``formats``: the ``b_format`` ... ``stats_format`` fields (validated %fmts or None);
    ``labels``: row label per coefficient name (``varlabel``); ``level_text``: a factor row's
    level text from its name (the value labels of the data in memory; None: the levels'
    values); ``noomitted`` leaves out the rows omitted in every model; ``layout``: further
    fields of the result (``title``, ``varwidth``, ``modelwidth``, ``newpanel``, ``baselevels``,
    ``fvwrap``, ``fvwrapon``)."""
    from mlmcli.results.postestimation import EstimatesTableResult, EstTableEquation, EstTableRow

    per_model = [_cells(e, eform) for _, e in models]
    if all(_without_equations(e) for _, e in models):  # regress, xtreg, ivreg ...: one panel
        per_model = [{("", nm): cell for (_eq, nm), cell in cells.items()} for cells in per_model]
    keep, drop = [_unset_markers(k) for k in keep], [_unset_markers(d) for d in drop]
    if equations:
        per_model = match_equations(per_model, equations)
    order: list[str] = []
    names_by_eq: dict[str, list[str]] = {}
    for cells in per_model:
        for eq, nm in cells:
            if eq not in names_by_eq:
                names_by_eq[eq] = []
                order.append(eq)
            if nm not in names_by_eq[eq]:
                names_by_eq[eq].append(nm)
    keep, drop = _expand_ranges(keep, order, names_by_eq), _expand_ranges(drop, order, names_by_eq)
    for item in keep + drop:
        if not any(_selected(eq, nm, [item]) is not None for eq in order for nm in names_by_eq[eq]):
            raise StataError(f"coefficient {item} does not appear in any of the models", 111)
    multi = len(order) > 1
    equations_out = []
    for eq in order:
        names = [nm for nm in names_by_eq[eq] if _selected(eq, nm, drop) is None
                 and (not keep or _selected(eq, nm, keep) is not None)]
        if keep:  # keep() orders the coefficients as listed
            names.sort(key=lambda nm: _selected(eq, nm, keep))
        else:  # a coefficient only a later model has comes before the constant
            names.sort(key=lambda nm: nm == "_cons")
        rows = [EstTableRow(nm, tuple(cells.get((eq, nm)) for cells in per_model),
                            label=(labels or {}).get(nm, ""), **_term_and_level(nm, level_text)) for nm in names]
        if noomitted:  # est_table's Check4Continue: a row omitted (or absent) in every model
            rows = [r for r in rows if not all(c is None or c.omitted for c in r.cells)]
        if rows:
            equations_out.append((eq, EstTableEquation(eq if multi and eq else None, tuple(rows))))
    if keep:  # equations follow the first keep() item that selects them
        first = {eq: min(_selected(eq, r.name, keep) for r in block.rows) for eq, block in equations_out}
        equations_out.sort(key=lambda pair: first[pair[0]])
    # est_table's GetStats: a statistic a model does not have is .z, shown blank ("." is a
    # statistic the model has, missing)
    stat_rows = tuple((s, tuple(stat_value(e, s) if s in ("aic", "bic") or s in e.scalars else None
                                for _, e in models)) for s in stats)
    return EstimatesTableResult(models=tuple(n for n, _ in models), equations=tuple(b for _, b in equations_out),
                                stats=stat_rows, show=show, star=star, star_levels=star_levels, eform=eform,
                                **formats, **layout)

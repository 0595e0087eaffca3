"""The table ``esttab`` / ``estout`` build from stored estimation results (estout's rules,
read from its documentation and ado-files, github benjann/estout):

- per coefficient: b, se, t = b/se (also as z), p = 2 P(|T| > |t|) with T Student's t on
  e(df_r) degrees of freedom when the model has them, else normal, the level% interval, and
  with ``eform`` exp(b), exp(b) se and exp(interval);
- ``transform(pattern f(@) df(@) ...)``: b and the interval through f, se times |df(b)|
  (t and p stay those of the untransformed coefficient);
- coefficients of several models merged equation by equation: a coefficient a model adds
  goes after the last one it shares that comes before it in that model's order;
- ``keep()``/``drop()``/``order()``/``rename()`` patterns: ``name``, ``eq:name``, ``eq:``,
  with ``*`` and ``?`` wildcards;
- base levels and omitted coefficients shown (b 0; se, t and p missing) unless
  ``nobaselevels`` / ``noomitted``.
"""
from __future__ import annotations

import dataclasses

import fnmatch
import math
import re
from dataclasses import dataclass, field

import numpy as np

from mlmcli.estimation.criteria import stat_or_none
from mlmcli.missing import extended
from mlmcli.syntax.coefnames import (free_parameter_alias, free_parameter_matches, has_wildcard, parse_coef_name,
                                     split_eq)


@dataclass
class EstoutSpec:
    """What the command line asked for (``mlmcli.commands.community.estout`` reads it)."""

    cells: tuple = ()
    keep: list = field(default_factory=list)
    drop: list = field(default_factory=list)
    order: list = field(default_factory=list)
    rename: list = field(default_factory=list)  # (pattern, new name) pairs
    transform: list = field(default_factory=list)  # (pattern, f, df) triples
    eform: bool = False
    eform_models: tuple = ()  # per model, when they differ (outreg2 writes each column as its call asks)
    level: float = 95.0
    baselevels: bool = True
    omitted: bool = True
    label: bool = False
    coeflabels: dict = field(default_factory=dict)
    row_affixes: list = field(default_factory=list)  # varlabels()'s blist()/elist() patterns (none may match)
    eqlabels: list | None = None  # None: the equation names; []: none
    stats: list = field(default_factory=list)  # (name, label, fmt, layout() template or None)
    refcat: dict = field(default_factory=dict)  # refcat(): coefficient -> the label of the row added
    refcat_label: str = "ref."  # what models holding the coefficient show in that row
    refcat_below: bool = False
    strict: list = field(default_factory=list)  # keep()/drop() patterns typed without relax
    interaction: str = " # "  # joins an interaction's parts in its label (esttab: " $\\times$ " in LaTeX)
    equations: str | None = None  # equations(): the matchlist typed (None: not typed)
    unstack: bool = False  # unstack: a model's equations side by side (estimation.estout_unstack)
    margin: str | None = None  # margin[(u|c|p)]: marginal effects from e() (estimation.estout_margins)
    meqs: list | None = None  # meqs(): the equations whose marginal effects are shown
    discrete: str = ""  # discrete()'s symbol after the labels of 0/1 variables (with margin)


# a matrix() row whose name an earlier row has (estout's matrix mode shows every row) carries
# this mark and its occurrence number after the name: the tables key rows by name
REPEATED_ROW = "\x1f"


def shown_name(name: str) -> str:
    """The row's name without the REPEATED_ROW mark of a repeated matrix() row."""
    return name.partition(REPEATED_ROW)[0]


def matches(pattern: str, eq: str, name: str) -> bool:
    """estout's coefficient patterns: ``name``, ``eq:name``, ``eq:`` (wildcards ``*`` and ``?``;
    a bracket is itself: ``var(_cons[id]):``); Stata 15's ``/:var(_cons[id])`` also names
    Stata 13's ``var(_cons[id]):_cons`` (syntax.coefnames.free_parameter_alias), and a wildcard
    in ``/`` (``drop(/:*)``) the columns Stata 15 posts there, not the first equation's ``_cons``."""
    name = shown_name(name)
    if _matches(pattern, eq, name) or free_parameter_matches(pattern, eq, name):
        return True
    alias = free_parameter_alias(pattern) if not has_wildcard(pattern) else None
    return alias is not None and _matches(alias, eq, name)


def _matches(pattern: str, eq: str, name: str) -> bool:
    pattern = re.sub(r"(^|[#:.])(\d+)[bno]+\.", r"\1\2.", pattern.strip())  # 1b.g, 2o.g: as shown, 1.g
    pattern = re.sub(r"(^|[#:])o\.", r"\1", pattern)  # o.x: shown as x
    pattern = pattern.replace("[", "[[]")  # strmatch() has no character classes
    if ":" in pattern:
        peq, _, pname = pattern.partition(":")
        return fnmatch.fnmatchcase(eq, peq or "*") and fnmatch.fnmatchcase(name, pname or "*")
    return fnmatch.fnmatchcase(name, pattern)


def _evaluate_at(session, expression: str, value: float) -> float:
    from mlmcli.expr import evaluate_number

    if not math.isfinite(value):  # a missing coefficient (a log SD at -inf): f(.) is .
        return math.nan
    return evaluate_number(session, expression.replace("@", f"({value!r})"))


def _exp(x: float) -> float:
    """exp(x), missing beyond the doubles (Stata's exp(1946) is .)."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.nan


def model_coefficients(session, e, spec: EstoutSpec, model_name: str = ".") -> list[tuple[str, str, object]]:
    """(equation, display name, CoefEntry) of one model, in e(b) order."""
    from scipy import stats

    from mlmcli.results.estout import CoefEntry, all_elements

    extra = [el.name for el in all_elements(spec.cells) if el.name not in STANDARD_ELEMENTS]
    if "b" not in e.matrices or "V" not in e.matrices:  # estpost's results: no e(V), maybe no e(b)
        return _matrix_elements(e, extra)
    # Stata 15's "/" equation for a fit under version 15
    coefs = e.stata_coefficients() if hasattr(e, "stata_coefficients") else e.coefficients()
    se_all = np.sqrt(np.maximum(np.diag(coefs.V), 0.0))
    df_r = e.residual_df()
    crit = float(stats.t.ppf(0.5 + spec.level / 200, df_r) if df_r else stats.norm.ppf(0.5 + spec.level / 200))
    depvar = (e.macros.get("depvar", "").split() or ["_"])[0]
    single = len({split_eq(n)[0] for n in coefs.names}) == 1
    margins = None
    if spec.margin:
        from mlmcli.estimation.estout_margins import marginal_effects
        margins = marginal_effects(e, spec.margin, model_name)
    out = []
    for j, full in enumerate(coefs.names):
        eq, name = split_eq(full)
        eq = eq or ("_" if single else depvar)
        parsed = parse_coef_name(name)
        if parsed.is_omitted and not spec.omitted:
            continue
        if parsed.is_base_or_omitted and not parsed.is_omitted and not spec.baselevels:
            continue
        shown = "#".join(p.text(markers=False) for p in parsed.parts)
        b, se = float(coefs.b[j]), float(se_all[j])
        if parsed.is_base_or_omitted:  # estout shows b 0 and the rest missing: "(.)"
            se = math.nan
        dummy = False
        if margins is not None:  # GetMarginals: the effect of that name, else an empty cell
            hit = margins.get(name) if spec.meqs is None or eq in spec.meqs else None
            b, se, dummy = hit if hit is not None else (_ABSENT, _ABSENT, False)
        t = b / se if se > 0 else math.nan
        p = float(2 * (stats.t.sf(abs(t), df_r) if df_r else stats.norm.sf(abs(t)))) if math.isfinite(t) else math.nan
        lo, hi = b - crit * se, b + crit * se
        if spec.eform:
            b, se, lo, hi = _exp(b), _exp(b) * se, _exp(lo), _exp(hi)
        for pattern, f, df in spec.transform:
            if pattern == "" or matches(pattern, eq, shown):
                b0 = b
                b, lo, hi = (_evaluate_at(session, f, v) for v in (b0, lo, hi))
                se = se * abs(_evaluate_at(session, df, b0))
                break
        values = {"b": b, "se": se, "t": t, "z": t, "p": p, "ci": (lo, hi), "ci_l": lo, "ci_u": hi,
                  "var": se * se}
        values.update({name: _element(e, name, full) for name in extra})
        if dummy:
            values["_dummy"] = 1.0
        out.append((eq, shown, CoefEntry(values, p)))
    return out


STANDARD_ELEMENTS = ("b", "se", "t", "z", "p", "ci", "ci_l", "ci_u", "var")
_ABSENT = extended("z")  # estout's empty cell


def _element(e, name: str, full: str) -> float:
    """estout's ``myel``: e(myel)'s first-row value in the column named like the coefficient
    (absent: .y, an empty cell, as estout.ado's GetCoefs fills it)."""
    m = e.matrices.get(name)
    if m is None or full not in tuple(m.colnames):
        return extended("y")
    return float(np.asarray(m.values, float).reshape(len(m.rownames) or 1, -1)[0, tuple(m.colnames).index(full)])


def _matrix_elements(e, extra: list[str]) -> list:
    """Rows of a result without e(b) and e(V) (``estpost``): the columns of e(b), else of the
    first cells() element e() holds, with the elements looked up by column name; se, t and p
    are e(se), e(t) (else b/se) and e(p) when posted (estpost ttest), the stars' p e(p)."""
    from mlmcli.results.estout import CoefEntry

    source = e.matrices.get("b") or next((e.matrices[n] for n in extra if n in e.matrices), None)
    if source is None and e.cmd == "estpost":  # none of the cells' elements posted: no rows
        return []
    if source is None:
        from mlmcli.errors import StataError
        raise StataError("last estimates not found", 301)
    out = []
    for full in source.colnames:
        eq, name = split_eq(full)
        b, se, t, p = (_element(e, n, full) for n in ("b", "se", "t", "p"))
        if math.isnan(t) and se > 0:
            t = b / se
        values = {"b": b, "se": se, "t": t, "z": t, "p": p, "var": se * se}
        values.update({n: _element(e, n, full) for n in extra})
        out.append((eq or "_", name, CoefEntry(values, p)))
    return out


def _merge(order: list[str], names: list[str]) -> None:
    """Add ``names`` to ``order``: each new one after the last shared name before it."""
    last = -1
    for nm in names:
        if nm in order:
            last = order.index(nm)
        else:
            order.insert(last + 1, nm)
            last += 1


def _row_label(session, name: str, spec: EstoutSpec) -> str:
    name = shown_name(name)
    if name in spec.coeflabels:
        return spec.coeflabels[name]
    if not spec.label:
        return name.replace("#", spec.interaction)
    if name == "_cons":
        return "Constant"
    data = session.data
    parts = []
    for part in parse_coef_name(name).parts:
        text = part.var if not part.level else f"{part.level}.{part.var}"
        if part.level and part.var in data.value_label_of:
            text = data.value_label_text(part.var, float(part.level)) or text
        elif not part.level:
            text = data.var_labels.get(part.var) or part.var
        parts.append(text)
    return spec.interaction.join(parts)


def _refcat_row(spec: EstoutSpec, per_model, eq: str, nm: str):
    """estout's refcat(): a row labelled as asked above (``below``: under) the coefficient's, the
    refcat label in the models holding the coefficient (GenerateRefcatRow: B < .z)."""
    if nm not in spec.refcat:
        return None
    return (spec.refcat[nm], tuple(spec.refcat_label if (eq, nm) in m else "" for m in per_model), spec.refcat_below)


def build_table(session, models, spec: EstoutSpec, **layout):
    """The ``EstoutTable`` of ``models`` ((name, EstimationResults) pairs)."""
    from mlmcli.results.estout import EstoutEquation, EstoutRow, EstoutStat, EstoutTable

    from mlmcli.estimation.estout_equations import match_equations

    per_model = []
    specs = [dataclasses.replace(spec, eform=spec.eform_models[k]) if spec.eform_models else spec
             for k in range(len(models))]
    matched = match_equations([model_coefficients(session, e, specs[k], name) for k, (name, e) in enumerate(models)],
                              spec.equations, spec.unstack)
    for rows in matched:
        entries = {}
        for eq, nm, entry in rows:
            for pattern, new in spec.rename:
                if matches(pattern, eq, nm):
                    nm = new + nm[len(shown_name(nm)):]  # a repeated row keeps its mark
                    break
            entries.setdefault((eq, nm), entry)
        per_model.append(entries)
    eq_order: list[str] = []
    names: dict[str, list[str]] = {}
    for entries in per_model:
        seen: dict[str, list[str]] = {}
        for eq, nm in entries:
            seen.setdefault(eq, []).append(nm)
        for eq, nms in seen.items():
            if eq not in names:
                names[eq] = []
                eq_order.append(eq)
            _merge(names[eq], nms)

    for pattern in spec.strict:  # estout.ado's ExpandEqVarlist: an unmatched pattern is an error
        peq = pattern.partition(":")[0] if ":" in pattern else ""
        if free_parameter_alias(pattern) is not None and any(
                matches(pattern, eq, nm) for eq in eq_order for nm in names[eq]):
            continue  # /:var(_cons[id]) found as var(_cons[id]):_cons
        if peq and not any(fnmatch.fnmatchcase(eq, peq.replace("[", "[[]")) for eq in eq_order):
            from mlmcli.errors import StataError
            raise StataError(f"equation {peq} not found", 111)
        if not any(matches(pattern, eq, nm) for eq in eq_order for nm in names[eq]):
            from mlmcli.errors import StataError
            raise StataError(f"coefficient {pattern} not found", 111)

    def kept(eq: str, nm: str) -> bool:
        if spec.keep and not any(matches(p, eq, nm) for p in spec.keep):
            return False
        return not any(matches(p, eq, nm) for p in spec.drop)

    indicators = []
    groups = list((layout.get("extra") or {}).get("indicate", []))
    for label, patterns, (yes, no) in groups:
        hit = [any(any(matches(p, eq, nm) for p in patterns) for eq, nm in m) for m in per_model]
        indicators.append((label, tuple(yes if h else no for h in hit)))
        spec.drop = list(spec.drop) + list(patterns)
    equations, eq_rows = [], []
    labels = iter(spec.eqlabels or [])
    discrete = {nm for m in per_model for (_, nm), entry in m.items() if entry.values.get("_dummy")}

    def label_of(nm: str) -> str:  # margin: discrete()'s symbol after a 0/1 variable's label
        return _row_label(session, nm, spec) + (spec.discrete if nm in discrete else "")

    for eq in eq_order:
        rows_names = [nm for nm in names[eq] if kept(eq, nm)]
        for pattern in reversed(spec.order):
            hits = [nm for nm in rows_names if matches(pattern, eq, nm)]
            if (not hits and len(eq_order) == 1 and not any(c in pattern for c in ":*?")
                    and kept(eq, pattern)):  # ExpandEqVarlist's append: an empty row of that name
                hits = [pattern]
            rows_names = hits + [nm for nm in rows_names if nm not in hits]
        eqlabel = next(labels, None) if spec.eqlabels else None
        if any(matches(p, eq, nm) for p in spec.row_affixes for nm in rows_names):
            from mlmcli.errors import StataError  # the text around a shown row is not drawn
            raise StataError("varlabels(): blist()/elist() text on a shown row not available in mlm", 198)
        if not rows_names:
            continue
        eq_rows.append((eq, rows_names))
        rows = tuple(EstoutRow(label_of(nm), tuple(m.get((eq, nm)) for m in per_model),
                               _refcat_row(spec, per_model, eq, nm))
                     for nm in rows_names)
        label = eqlabel if eqlabel is not None else eq  # estout labels an unnamed equation _
        equations.append(EstoutEquation(label, rows))
    if len(equations) <= 1 or spec.eqlabels == []:
        equations = [EstoutEquation(None, q.rows) for q in equations]
    stats = []
    for name, label, fmt, template, starred in spec.stats:
        p = tuple(model_p_value(e) for _, e in models) if starred else None
        if template is None:
            stats.append(EstoutStat(label, tuple(_stat_cell(e, name) for _, e in models), fmt, p=p))
            continue  # a layout() cell: its statistics' values per model
        values = [tuple(_stat_cell(e, n) for n in name) for _, e in models]
        if isinstance(template[0], tuple):  # a row of several cells: one per column of a model
            stats.append(EstoutStat(label, tuple(values), fmt, None, p, columns=template))
            continue
        stats.append(EstoutStat(label, tuple(values), fmt, template, p))
    extra = dict(layout.pop("extra", None) or {})
    extra["indicate"] = indicators
    extra["has_discrete"] = bool(discrete)  # estout's legend writes discrete()'s line only then
    if spec.unstack:
        from mlmcli.estimation.estout_unstack import unstacked

        return unstacked(session, spec, per_model, eq_rows, stats, extra, layout,
                         row_label=label_of, groups=groups,
                         matches=matches)
    return EstoutTable(equations=tuple(equations), stats=tuple(stats), nmodels=len(models), extra=extra, **layout)


def model_p_value(e) -> float | None:
    """The model's p-value for stats(, star) (estout's help): e(p), else the F test
    Ftail(df_m, df_r, F), else chi2tail(df_m, chi2), else none."""
    from mlmcli import distributions

    sc = e.scalars

    def finite(*names):
        return all(isinstance(sc.get(n), (int, float)) and math.isfinite(sc[n]) for n in names)

    if finite("p"):
        return float(sc["p"])
    if finite("df_m", "df_r", "F"):
        return float(distributions.f.sf(sc["F"], sc["df_m"], sc["df_r"]))
    if finite("df_m", "chi2"):
        return float(distributions.chi2.sf(sc["chi2"], sc["df_m"]))
    return None


def _stat_cell(e, name: str):
    """A stats() cell: the e() scalar (or aic, bic), else the text of an e() macro (estout.ado's
    GetStats: a stat found among e()'s macros is printed as it is, ``estadd local fe Yes``),
    else empty."""
    if name not in e.scalars and name not in ("aic", "bic") and e.macros.get(name):
        return str(e.macros[name])
    return stat_or_none(e, name)


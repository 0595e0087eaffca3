"""Stata factor-variable term lists -> design columns and coefficient names (the parsing of
the term lists: ``mlmcli.factor_terms``, its names imported here too).

Shared by ``mixed`` and ``regress`` (and usable by any estimation command).

API
---
``terms = parse_terms(dataset, text)``
    Parse ``x c.x i.z ib2.z ib(last).z ibn.z 1.z i.(a b) i.a#i.b c.x#i.z x##z``
    (plain varlists with wildcards/ranges too) into ``Term`` objects; variable
    names are resolved (abbreviations allowed).  Errors: r(111) unknown
    variable, r(198) bad syntax.
``term_variables(terms)``
    The underlying variables, for listwise deletion (``mark_sample``).
``design = build_design(dataset, terms, sample, constant=True)``
    A ``FixedDesign``: ``X`` (sample rows x estimable columns, ``_cons`` last),
    ``labels`` (every coefficient Stata reports, ``CoefLabel``, including base
    and omitted ones, in Stata's order), ``notes`` (``note: x omitted because
    of collinearity``) and ``recipes`` (how to rebuild each estimable column on
    any rows: ``design.columns(dataset, rows)``, used by ``predict``).

Conventions (Stata's [U] 11.4.3)
--------------------------------
- ``i.x``: one column per level present in the estimation sample; the lowest
  level is the base (``ib#.``, ``ib(first|last|freq).``; ``ibn.`` none).
  Values must be non-negative integers (r(452)).
- Inside ``#`` an unprefixed variable is a factor.  ``a##b`` expands to
  ``a b a#b`` (all sub-interactions, by order then as typed).
- Interaction names put factor parts first: ``c.educgroupc##i.weurope`` gives
  ``educgroupc``, ``1.weurope``, ``1.weurope#c.educgroupc`` (term
  ``weurope#c.educgroupc``, level ``1``).
- A cell of an interaction is a base cell when removing the factors that sit
  at their base level leaves a term that is in the model (the empty term
  stands for the constant): ``a#b`` alone keeps every cell but ``0b.a#0b.b``;
  ``a##b`` keeps only cells with no factor at its base.
- ``o.x`` (or ``co.x``) omits x: its coefficient is reported as ``(omitted)`` and is 0 in
  e(b)/e(V), with no column and no note (x still marks out the sample, as any variable of
  the varlist); ``o.`` on factor variables or inside interactions is refused.
- Empty cells and columns collinear with the constant or earlier columns are
  omitted (``o.x``, ``2o.z``, ``1o.a#co.x``); ``set emptycells drop`` leaves the empty cells
  out altogether (``design_layout``).  Collinearity is checked in
  order, constant first, by sweeping the cross-product matrix: a column is
  dropped when its residual sum of squares on the columns kept before it is
  below 1e-9 of its (centred, if there is a constant) sum of squares.
- Level text (``CoefLabel.level``) is the value label when the variable has
  one, else the number; cells of factor interactions join levels by a space
  (``0 1``), or by ``#`` when a part is a value label (``Catholic#Yes``).  ``name`` always uses numbers (``1.weurope``).  Base names carry
  ``b`` on the base factors and ``o`` on the others (``0b.a#1o.b``).
"""
from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field

import numpy as np

from mlmcli.collinear_columns import independent_candidates
from mlmcli.errors import StataError
from mlmcli.factor_terms import Component, Term, parse_terms, term_variables  # noqa: F401 (API)
from mlmcli.mixed.spec import CoefLabel
from mlmcli.syntax.coefnames import CoefName, NamePart
from mlmcli.syntax.settings import setting_in_effect
from mlmcli.sorted_codes import unique_rows


@dataclass(frozen=True)
class ColumnRecipe:
    """An estimable column: product of indicators (var == level) and continuous vars."""

    indicators: tuple[tuple[str, float], ...]
    continuous: tuple[str, ...]
    constant: bool = False


@dataclass(frozen=True)
class FixedDesign:
    """Fixed-effects design on the estimation sample (see module docstring)."""

    X: np.ndarray
    labels: tuple[CoefLabel, ...]
    notes: tuple[str, ...]
    recipes: tuple[ColumnRecipe, ...]
    terms: tuple[Term, ...] = field(default=())
    # the empty cells ``set emptycells drop`` left out of labels: margins still finds a margin
    # that would rest on one not estimable, as with the (empty) columns kept
    dropped_empty: tuple[ColumnRecipe, ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(lab.name for lab in self.labels if not (lab.base or lab.omitted))

    def columns(self, dataset, rows: np.ndarray | None = None) -> np.ndarray:
        """Rebuild the estimable columns on ``rows`` (bool mask; None = all rows).

        Rows with a missing value in any variable of a column give NaN there.
        """
        return evaluate_recipes(dataset, self.recipes, rows)


def design_as_fitted(design: FixedDesign, fitted_labels) -> FixedDesign | None:
    """The design as a fit left its coefficients: a column the fit dropped after the design was
    built (a perfect predictor -- its rows leave e(sample) --, a column collinear in the fit's
    final sample) marked omitted and left out of X and the recipes, so margins and predict read
    the fit's e(b) as after logit, whose design is built on its final sample.  None when the
    fit's coefficients are not the design's with some more omitted (another layout)."""
    if len(fitted_labels) != len(design.labels):
        return None
    if all(a.omitted == b.omitted for a, b in zip(fitted_labels, design.labels)):
        return design
    estimable = [not (lab.base or lab.omitted) for lab in design.labels]
    if any(a.base != b.base or (b.omitted and not a.omitted) for a, b in zip(fitted_labels, design.labels)):
        return None
    kept = [i for i, j in enumerate(k for k, est in enumerate(estimable) if est) if not fitted_labels[j].omitted]
    X = np.asarray(design.X)
    return dataclasses.replace(design, X=X[:, kept] if X.ndim == 2 and X.shape[1] == sum(estimable) else X,
                               labels=tuple(fitted_labels), recipes=tuple(design.recipes[i] for i in kept))


# ---------------------------------------------------------------- design

def _fmt_level(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _factor_levels(comp: Component, values: np.ndarray, counts: np.ndarray) -> tuple[list[float], float | None]:
    """Levels present in the sample and the base level (None: no base), from the distinct
    ``values`` of the factor in the sample (sorted) and how often each occurs."""
    if values.size and np.any(values < 0):
        raise StataError(f"{comp.var}:  factor variables may not contain negative values", 452)
    if values.size and np.any(values != np.floor(values)):
        raise StataError(f"{comp.var}:  factor variables may not contain noninteger values", 452)
    levels = [float(v) for v in values]
    if comp.levels is not None:  # ``1.x`` / ``i(1 3).x``: the requested levels present in the sample
        levels = [lv for lv in comp.levels if lv in levels]
    if not levels:
        return levels, None
    b = comp.base
    if b == "n":
        return levels, None
    if b is None or b == "first":
        return levels, levels[0]
    if b == "last":
        return levels, levels[-1]
    if b == "freq":
        return levels, float(values[np.argmax(counts)])
    if b.startswith("#"):  # ib(#2).x: the 2nd level
        k = int(b[1:])
        if not 1 <= k <= len(levels):
            raise StataError(f"{comp.var}: invalid base level", 198)
        return levels, levels[k - 1]
    return levels, float(b)  # an absent requested base simply drops no level


# fvset base's setting: the variable's characteristic ``x[_fv_base]`` (first, last, frequent,
# none or a level), in the Component's spelling of a base rule
_DECLARED = {"first": "first", "last": "last", "frequent": "freq", "none": "n"}


def with_declared_base(dataset, comp: Component) -> Component:
    """``i.x`` without its own base takes the one ``fvset base`` declared for x."""
    spec = getattr(dataset, "chars", {}).get(f"{comp.var}[_fv_base]") if comp.base is None else None
    return dataclasses.replace(comp, base=_DECLARED.get(spec, spec)) if spec else comp


def _value_label(dataset, var: str, level: float) -> str | None:
    """The value label of ``level`` of ``var``, None when it has none."""
    try:
        lab = dataset.value_label_text(var, level)
        if lab is None and float(level).is_integer():
            lab = dataset.value_label_text(var, int(level))
    except Exception:  # metadata of an unusual shape: fall back to the number
        lab = None
    return lab


def cell_level_text(dataset, variables, cell) -> str:
    """The level text of a factor cell as Stata 13+ shows it: each factor's value label (its
    value when it has none); the parts joined by ``#`` when any is a label (``Catholic#Yes``,
    ``HS#Female``), by a space when all are values (``1 2``) -- docs/factor_labels.md."""
    labels = [_value_label(dataset, var, lev) for var, lev in zip(variables, cell)]
    texts = [lab if lab is not None else _fmt_level(lev) for lab, lev in zip(labels, cell)]
    return ("#" if any(lab is not None for lab in labels) else " ").join(texts)


def _values(dataset, var: str, rows: np.ndarray | None) -> np.ndarray:
    if not _exists(dataset, var):  # dropped or renamed since the fit (predict)
        raise StataError(f"variable {var} not found", 111)
    if dataset.is_string(var):
        raise StataError(f"string variables not allowed in varlist;\n{var} is a string variable", 109)
    v = dataset.numeric(var)
    return v if rows is None else v[rows]


def evaluate_recipes(dataset, recipes, rows: np.ndarray | None = None) -> np.ndarray:
    """Columns for ``recipes`` on ``rows``; NaN where a used variable is missing."""
    n = dataset.nobs if rows is None else int(np.count_nonzero(rows)) if rows.dtype == bool else len(rows)
    cache: dict[str, np.ndarray] = {}

    def get(var):
        if var not in cache:
            cache[var] = _values(dataset, var, rows)
        return cache[var]

    out = np.empty((n, len(recipes)))
    for j, r in enumerate(recipes):
        col = np.ones(n)
        for var, lev in r.indicators:
            v = get(var)
            ind = (v == lev).astype(float)
            ind[np.isnan(v)] = np.nan
            col = col * ind
        if r.continuous:
            with np.errstate(over="ignore", invalid="ignore"):
                for var in r.continuous:
                    col = col * get(var)
            col[np.isinf(col)] = np.nan  # c.x#c.x past the double range: missing, as Stata's product
        out[:, j] = col
    return out


@dataclass
class _Candidate:
    label: CoefLabel
    recipe: ColumnRecipe
    empty: bool = False


class SampleFactors:
    """What the design needs to know about the factors on the estimation sample:
    ``levels(var)`` -> (distinct values sorted, counts); ``cells(vars)`` -> the set of
    value tuples of ``vars`` that occur together.  This one reads the data in memory;
    ``mlmcli.lazydata`` answers the same questions in SQL."""

    def __init__(self, dataset, sample: np.ndarray):
        self.dataset, self.sample = dataset, sample

    def levels(self, var: str) -> tuple[np.ndarray, np.ndarray]:
        return np.unique(_values(self.dataset, var, self.sample), return_counts=True)

    def cells(self, variables: tuple[str, ...]) -> set[tuple[float, ...]]:
        cols = [_values(self.dataset, v, self.sample) for v in variables]
        if len(cols) == 1:  # (one factor: a 1-d unique, ~10x faster than unique by rows)
            return {(float(x),) for x in np.unique(cols[0])}
        return {tuple(float(x) for x in row) for row in unique_rows(np.column_stack(cols))}


def _term_candidates(dataset, term: Term, model_keys: set, factors) -> list[_Candidate]:
    facs, conts = term.factors, term.continuous
    for c in conts:  # a string variable is refused before any level is looked at
        _check_numeric(dataset, c.var)
    if not facs:  # continuous variable or continuous interaction
        name = _cell_name((), conts, (), (), "")
        recipe = ColumnRecipe((), tuple(c.var for c in conts))
        if len(conts) == 1 and "." in name:  # L.y: shown as heading y, level L1.
            from mlmcli.time_series_ops import operator_level

            op, _, base = name.partition(".")
            return [_Candidate(CoefLabel(name, base, operator_level(op)), recipe)]
        return [_Candidate(CoefLabel(name), recipe)]
    for f in facs:
        _check_numeric(dataset, f.var)
    info = [_factor_levels(with_declared_base(dataset, f), *factors.levels(f.var)) for f in facs]
    present = factors.cells(tuple(f.var for f in facs))
    heading = term.heading()
    out = []
    for cell in itertools.product(*[lv for lv, _ in info]):
        at_base = [info[i][1] is not None and cell[i] == info[i][1] for i in range(len(facs))]
        remaining = tuple(sorted([c.key for i, c in enumerate(facs) if not at_base[i]] + [c.key for c in conts]))
        is_base = any(at_base) and (len(remaining) == 0 or remaining in model_keys)
        empty = tuple(float(v) for v in cell) not in present
        level_text = cell_level_text(dataset, [f.var for f in facs], cell)
        recipe = ColumnRecipe(tuple((f.var, lev) for f, lev in zip(facs, cell)), tuple(c.var for c in conts))
        label = CoefLabel(_cell_name(facs, conts, cell, at_base, "b" if is_base else ""),
                          term=heading, level=level_text, base=is_base)
        out.append(_Candidate(label, recipe, empty=empty and not is_base))
    return out


def _exists(dataset, var: str) -> bool:
    """``var`` is in the data (``L.x``: when ``x`` is)."""
    return var.rpartition(".")[2] in dataset.varnames


def _check_numeric(dataset, var: str) -> None:
    if not _exists(dataset, var):
        raise StataError(f"variable {var} not found", 111)
    if dataset.is_string(var):
        raise StataError(f"string variables not allowed in varlist;\n{var} is a string variable", 109)


def _cell_name(facs, conts, cell, at_base, mode: str) -> str:
    """Stata's column name; mode "" estimated, "b" base cell, "o" omitted."""
    parts = []
    for f, lev, ab in zip(facs, cell, at_base):
        mark = "" if mode == "" else ("b" if (mode == "b" and ab) else "o")
        parts.append(NamePart.factor(f.var, _fmt_level(lev), mark))
    for c in conts:  # c. inside interactions; o. marks every part of an omitted column
        parts.append(NamePart.continuous(c.var, explicit=bool(facs) or len(conts) > 1, omitted=bool(mode)))
    return CoefName(tuple(parts)).name()


def _omitted_name(term: Term, cand: _Candidate) -> str:
    facs, conts = term.factors, term.continuous
    if not facs:
        return _cell_name((), conts, (), (), "o")
    cell = tuple(lev for _, lev in cand.recipe.indicators)
    return _cell_name(facs, conts, cell, [False] * len(facs), "o")


def build_design(dataset, terms, sample: np.ndarray, constant: bool = True,
                 absorbed_constant: bool = False) -> FixedDesign:
    """Design columns on the rows where ``sample`` is True (see module docstring).
    ``absorbed_constant``: no constant column, but collinearity judged as with one -- the
    ordinal models, whose cutpoints carry the constant (_rmcoll's ologit option: a full
    ibn. set or a constant regressor is collinear with them)."""
    sample = np.asarray(sample, dtype=bool)
    n = int(np.count_nonzero(sample))
    layout = design_layout(dataset, terms, SampleFactors(dataset, sample))
    recipes = candidate_recipes(layout)
    C = evaluate_recipes(dataset, recipes, sample) if recipes else np.empty((n, 0))
    keep = independent_candidates(C, constant or absorbed_constant)
    X = C[:, keep] if C.shape[1] else C
    if constant:
        X = np.column_stack([X, np.ones(n)])
    return finish_design(layout, keep, constant, terms, np.ascontiguousarray(X))


class DesignLayout(list):
    """``design_layout``'s entries, and ``dropped``: the recipes of the empty cells left out."""

    dropped: tuple = ()


def design_layout(dataset, terms, factors) -> DesignLayout:
    """Every coefficient in Stata's order as (kind, label, term, candidate), kind "base",
    "empty" or "column" (a candidate column, estimable unless collinear); ``factors``
    answers what the sample holds (``SampleFactors``).  Under ``set emptycells drop`` the
    empty cells have no entry: they leave e(b), e(V) and the table ([R] set emptycells)."""
    model_keys = {t.key for t in terms}
    drop_empty = setting_in_effect("emptycells") == "drop"
    entries, dropped = DesignLayout(), []
    for term in terms:
        for cand in _term_candidates(dataset, term, model_keys, factors):
            kind = "base" if cand.label.base else ("empty" if cand.empty else "column")
            if any(c.omitted for c in term.components):  # o.x: a coefficient without a column
                kind = "omitted"
            if kind == "empty" and drop_empty:
                dropped.append(cand.recipe)
                continue
            entries.append((kind, cand.label, term, cand))
    entries.dropped = tuple(dropped)
    return entries


def candidate_recipes(layout: list[tuple]) -> list[ColumnRecipe]:
    """The recipes of the candidate columns, in order."""
    return [cand.recipe for kind, _, _, cand in layout if kind == "column"]


def finish_design(layout: list[tuple], keep: np.ndarray, constant: bool, terms, X: np.ndarray) -> FixedDesign:
    """Labels, collinearity notes and recipes once ``keep`` says which candidates stay."""
    labels: list[CoefLabel] = []
    notes: list[str] = []
    recipes: list[ColumnRecipe] = []
    j = 0
    for kind, label, term, cand in layout:
        if kind == "base":
            labels.append(label)
            continue
        omitted = CoefLabel(_omitted_name(term, cand), label.term, label.level, omitted=True)
        if kind == "empty":
            labels.append(dataclasses.replace(omitted, empty=True))
            continue
        if kind == "omitted":  # typed o.x: omitted without a note
            labels.append(omitted)
            continue
        if keep[j]:
            labels.append(label)
            recipes.append(cand.recipe)
        else:
            labels.append(omitted)
            notes.append(f"note: {label.name} omitted because of collinearity")
        j += 1
    if constant:
        labels.append(CoefLabel("_cons"))
        recipes.append(ColumnRecipe((), (), constant=True))
    return FixedDesign(X=X, labels=tuple(labels), notes=tuple(notes), recipes=tuple(recipes),
                       terms=tuple(terms), dropped_empty=getattr(layout, "dropped", ()))


class _EveryTerm:
    """Stands for a model holding every sub-term (fvexpand knows no model): any cell with a
    factor at its base level is a base cell."""

    def __contains__(self, key) -> bool:
        return True


def term_cells(dataset, term: Term, model_keys, sample: np.ndarray) -> list[_Candidate]:
    """``term``'s cells (label, recipe, empty) with the levels found on ``sample``, less the rows
    where one of its factors is missing (a missing value is no level)."""
    rows = np.asarray(sample, dtype=bool).copy()
    for f in term.factors:
        rows &= ~np.isnan(_values(dataset, f.var, None))
    return _term_candidates(dataset, term, model_keys, SampleFactors(dataset, rows))


def expanded_names(dataset, terms, sample: np.ndarray) -> list[str]:
    """``fvexpand``'s names: every level of the factors on ``sample``, base cells ``0b.a#1o.b``,
    empty cells ``o.``-marked, no collinearity check."""
    names: list[str] = []
    for term in terms:
        for cand in term_cells(dataset, term, _EveryTerm(), sample):
            omitted = cand.empty or any(c.omitted for c in term.components)
            names.append(_omitted_name(term, cand) if omitted else cand.label.name)
    return names

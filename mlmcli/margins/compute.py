"""A whole ``margins`` request: every cell's margin (or every effect in every cell), its
Jacobian row and its names, in Stata's order.

Names follow Stata's r(b): a cell is named by its parts joined with ``#`` -- ``k._at``
(several at() rows), ``lev.overvar``, ``lev.withinvar``, ``lev.factor`` for the marginlist
term -- the first level of each part marked ``bn`` (no base); a cell without parts is
``_cons``.  Effects are equations named for their variable (``x``, ``1.f``; the base level
``0b.f`` is a row of zeros); a single cell's effects are named by the equation alone.  With
several predict() options each cell leads with its ``k._predict`` part (``Request.predict``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.margins.covariates import DesignTerms, SampleValues, factor_level_name
from mlmcli.margins.estimate import MarginCalculator
from mlmcli.margins.grid import AtScenario, Cell, CellPlan, plan_cells


def level_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


@dataclass(frozen=True)
class Request:
    """What to compute: ``terms`` (marginlist factor tuples; ``()`` the overall margin),
    at() scenarios, over()/within() variables, the effect and its variables."""

    terms: list[tuple[str, ...]]
    scenarios: list[AtScenario]
    has_at: bool
    over: list[str] = field(default_factory=list)
    within: list[str] = field(default_factory=list)
    effect: str = "margin"  # margin | dydx | eyex | dyex | eydx
    wrt: list[str] = field(default_factory=list)
    continuous: bool = False  # dy/dx of factor indicators as derivatives
    term_levels: dict | None = None
    predict: int | None = None  # several predict() options: this one's number, the _predict part of each cell


@dataclass(frozen=True)
class Margin:
    """One column of r(b)."""

    name: str
    eq: str
    heading: str | None  # the cell's parts joined by # (None: a plain row)
    label: str
    value: float
    jacobian: np.ndarray
    estimable: bool
    base: bool
    cell: Cell | None
    dims: tuple[tuple[str, float, str], ...]
    linearized: object = None  # sparse (1 x sample rows) under vce(unconditional) (``CellAverages.deviations``)


def _part_names(request: Request, cell: Cell, first: dict, labels: dict) -> tuple[list, list, list, list]:
    """(name parts, heading parts, level texts, dims) of a cell; ``labels``: var -> {value: text}."""
    names, heads, texts, dims = [], [], [], []

    def text_of(var: str, v: float) -> str:
        return labels.get(var, {}).get(float(v), level_text(v))

    def add(var: str, value: float, text: str, dim: str):
        mark = "bn" if first.get(var) == value else ""
        names.append(factor_level_name(level_text(value), var, mark))
        heads.append(var)
        texts.append(text)
        dims.append((dim, float(value), text))

    if request.predict is not None:  # _predict leads (r(b)'s ``1bn._predict#2._at#1.covered``)
        add("_predict", request.predict, str(request.predict), "_predict")
    if cell.at is not None:
        add("_at", cell.at, str(cell.at), "_at")
    for var, v in zip(request.over, cell.over):
        add(var, v, text_of(var, v), var)
    for var, v in zip(request.within, cell.within):
        add(var, v, text_of(var, v), var)
    if cell.term is not None:
        for var, v in zip(request.terms[cell.term], cell.levels):
            add(var, v, text_of(var, v), var)
    return names, heads, texts, dims


def compute(calculator: MarginCalculator, terms: DesignTerms, sample: SampleValues, request: Request,
            *, weighted: bool, value_labels: dict | None = None,
            over_values: list[np.ndarray] | None = None) -> tuple[list[Margin], CellPlan]:
    """Every margin of the request (module docstring); ``value_labels``: var -> {value: text}
    for the level texts of over(), within() and marginlist variables."""
    plan = plan_cells(terms, sample, scenarios=request.scenarios, has_at=request.has_at,
                      marginlist=request.terms, over=over_values or [], within=request.within,
                      weighted=weighted, term_levels=request.term_levels)
    return _compute(calculator, terms, request, plan, value_labels or {}), plan


def _first_levels(request: Request, plan: CellPlan) -> dict:
    first: dict = {} if request.predict is None else {"_predict": 1}
    for cell in plan.cells:
        for var, v in [("_at", cell.at)] + list(zip(request.over, cell.over)) \
                + list(zip(request.within, cell.within)) \
                + (list(zip(request.terms[cell.term], cell.levels)) if cell.term is not None else []):
            if v is not None and (var not in first or v < first[var]):
                first[var] = v
    return first


def _by_setting(cells: list[Cell]) -> list[tuple[object, list[int]]]:
    groups: dict = {}
    for i, c in enumerate(cells):
        groups.setdefault(c.setting.key(), (c.setting, []))[1].append(i)
    return list(groups.values())


def _keep_linearized(lin: list, idx: list, est) -> None:
    if est.linearized is not None:
        for pos, i in enumerate(idx):
            lin[i] = est.linearized[pos]


def _compute(calc: MarginCalculator, terms: DesignTerms, request: Request, plan: CellPlan,
             labels: dict) -> list[Margin]:
    cells = plan.cells
    first = _first_levels(request, plan)
    parts = [_part_names(request, c, first, labels) for c in cells]
    single = len(cells) == 1 and not parts[0][0]
    out: list[Margin] = []
    k = calc.params.k

    def cell_rows(idx):
        return [cells[i].rows for i in idx]

    def emit(eq: str, values, jac, ok, base_flag: bool, extra_dims=(), factor=None, lin=None):
        for i, c in enumerate(cells):
            names, heads, texts, dims = parts[i]
            if single or not names:
                name = eq if eq else "_cons"
                heading, label = None, (eq if eq else "_cons")
                if factor is not None:  # a factor's effects: its levels under its name
                    heading, label = factor[0], labels.get(factor[0], {}).get(factor[1], level_text(factor[1]))
            else:
                cell_name = "#".join(names)
                name = f"{eq}:{cell_name}" if eq else cell_name
                # value labels joined by "#" ("1#Domestic", "None#Male" in Stata 14+ logs), values by a space
                labelled = any(text != level_text(value) for _, value, text in dims)
                heading, label = "#".join(heads), ("#" if labelled else " ").join(texts)
            out.append(Margin(name, eq if not single else "", heading, label, float(values[i]), jac[i],
                              bool(ok[i]), base_flag, c, tuple(dims) + tuple(extra_dims),
                              None if lin is None else lin[i]))

    if request.effect == "margin":
        values = np.zeros(len(cells))
        jac = np.zeros((len(cells), k))
        ok = np.ones(len(cells), bool)
        lin = [None] * len(cells)
        for setting, idx in _by_setting(cells):
            est = calc.cells(setting, cell_rows(idx))
            values[idx], jac[idx], ok[idx] = est.values, est.jacobian, est.estimable
            _keep_linearized(lin, idx, est)
        emit("", values, jac, ok, False, lin=lin)
        return out

    for var in request.wrt:
        if terms.is_factor(var) and not request.continuous:
            levels = terms.levels(var)
            base = terms.base(var) if terms.base(var) is not None else levels[0]
            for lev in levels:
                eq = factor_level_name(level_text(lev), var, "b" if lev == base else "")
                if lev == base:
                    emit(eq, np.zeros(len(cells)), np.zeros((len(cells), k)), np.ones(len(cells), bool), True,
                         (("_deriv", lev, eq),), (var, lev))
                    continue
                values = np.zeros(len(cells))
                jac = np.zeros((len(cells), k))
                ok = np.ones(len(cells), bool)
                lin = [None] * len(cells)
                for setting, idx in _by_setting(cells):
                    est = calc.discrete_change(setting, cell_rows(idx), var, lev, base)
                    values[idx], jac[idx], ok[idx] = est.values, est.jacobian, est.estimable
                    _keep_linearized(lin, idx, est)
                emit(eq, values, jac, ok, False, (("_deriv", lev, eq),), (var, lev), lin)
        elif terms.is_factor(var):
            levels = terms.levels(var)
            base = terms.base(var) if terms.base(var) is not None else levels[0]
            for lev in levels:
                eq = factor_level_name(level_text(lev), var, "b" if lev == base else "")
                values = np.zeros(len(cells))
                jac = np.zeros((len(cells), k))
                ok = np.ones(len(cells), bool)
                lin = [None] * len(cells)
                if lev != base:
                    for setting, idx in _by_setting(cells):
                        est = calc.cells(setting, cell_rows(idx), request.effect, (var, lev))
                        values[idx], jac[idx], ok[idx] = est.values, est.jacobian, est.estimable
                        _keep_linearized(lin, idx, est)
                emit(eq, values, jac, ok, lev == base, (("_deriv", lev, eq),), (var, lev), lin)
        else:
            values = np.zeros(len(cells))
            jac = np.zeros((len(cells), k))
            ok = np.ones(len(cells), bool)
            lin = [None] * len(cells)
            for setting, idx in _by_setting(cells):
                est = calc.cells(setting, cell_rows(idx), request.effect, var)
                values[idx], jac[idx], ok[idx] = est.values, est.jacobian, est.estimable
                _keep_linearized(lin, idx, est)
            emit(var, values, jac, ok, False, (("_deriv", 0.0, var),), lin=lin)
    return out

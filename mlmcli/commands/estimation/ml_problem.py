"""``ml model``'s problem: the equations, the estimation sample and the settings, read from
``ml model method progname eq [eq ...] [if] [in] [weight] [, options]``.

An equation is ``( [eqname:] [varlist_y =] [varlist_x] [, noconstant offset(varname)
exposure(varname)] )`` or ``/eqname`` (a constant-only equation, the same as ``(eqname:)``);
unnamed equations are eq1, eq2, ... by position.  e(b)'s columns are ``eqname:varname`` with
each equation's ``_cons`` last; a covariate collinear with the ones before it in its equation
(and its constant) is flagged ``eqname:o.varname`` and held at 0, as ml does unless
``collinear`` is typed.

The covariates may be factor variables ([R] ml: "indepvars may contain factor variables"):
``i.g``, ``ib2.g``, ``c.x#i.g``, ``g##c.x`` are expanded by the factor-variable machinery
(mlmcli/factor_variables.py) on the estimation sample, so an equation's columns are those
regress would have -- ``eq1:1b.g`` (base), ``eq1:2.g``, ``eq1:2o.g`` (empty or collinear) --
and its base and omitted columns are held at 0 in the fit (zero rows in e(V)).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError, invalid_syntax

METHODS = ("lf", "lf0", "lf1", "lf2", "d0", "d1", "d2")
# [R] ml: the method names Stata lists that mlm does not run (Mata function evaluators, the
# v- and e-families, the debug variants)
OTHER_METHODS = ("v0", "v1", "v2", "e1", "e2", "d1debug", "d2debug", "lf1debug", "lf2debug",
                 "e1debug", "e2debug", "v1debug", "v2debug", "gf0")


@dataclass
class Equation:
    name: str
    depvars: list[str]
    xvars: list[str]
    constant: bool = True
    offset: str | None = None  # a variable (exposure(): its log is taken)
    exposure: bool = False
    omitted: tuple[str, ...] = ()  # covariates flagged o. (collinear), held at 0
    terms: tuple = ()  # factor-variable terms (xvars then holds their variables)
    design: object = None  # the terms' FixedDesign on the sample (build_design)

    def column_names(self) -> list[str]:
        if self.design is not None:
            return [lab.name for lab in self.design.labels]
        return [f"o.{v}" if v in self.omitted else v for v in self.xvars] + (["_cons"] if self.constant else [])

    def fixed_at_zero(self) -> list[bool]:
        """Per column: a base, empty or omitted coefficient, held at 0 by the fit."""
        if self.design is not None:
            return [lab.base or lab.omitted for lab in self.design.labels]
        return [v in self.omitted for v in self.xvars] + ([False] if self.constant else [])

    @property
    def n_covariates(self) -> int:
        """The columns before the constant."""
        return len(self.column_names()) - int(self.constant)


@dataclass
class MLProblem:
    method: str
    program: str
    equations: list[Equation]
    sample: np.ndarray
    weights: np.ndarray | None = None  # over all rows
    weight_type: str | None = None
    settings: dict = field(default_factory=dict)  # the ml model options as resolved
    init: np.ndarray | None = None
    start_given: bool = False  # typed with ml init or found by ml search: ml maximize does not search
    current_b: np.ndarray | None = None
    X: list = field(default_factory=list)  # per equation: its design on the sample rows
    offsets: list = field(default_factory=list)

    @property
    def depvars(self) -> list[str]:
        return [y for eq in self.equations for y in eq.depvars]

    @property
    def names(self) -> list[str]:
        return [f"{eq.name}:{v}" for eq in self.equations for v in eq.column_names()]

    @property
    def omitted_positions(self) -> list[int]:
        flags = [z for eq in self.equations for z in eq.fixed_at_zero()]
        return [k for k, zero in enumerate(flags) if zero]

    @property
    def positions(self) -> list[np.ndarray]:
        out, start = [], 0
        for X in self.X:
            out.append(np.arange(start, start + X.shape[1]))
            start += X.shape[1]
        return out

    @property
    def nobs(self) -> int:
        if self.weight_type == "fweight":
            return int(round(float(np.sum(self.weights[self.sample]))))
        return int(np.count_nonzero(self.sample))

    def design(self, j: int) -> np.ndarray:
        return self.X[j]

    def linear_predictor(self, b: np.ndarray, j: int) -> np.ndarray:
        return self.X[j] @ np.asarray(b, float)[self.positions[j]] + self.offsets[j]

    def thetas(self, b: np.ndarray) -> np.ndarray:
        return np.column_stack([self.linear_predictor(b, j) for j in range(len(self.equations))])

    def sample_weights(self) -> np.ndarray:
        """The weights ml applies to each observation's log likelihood (aweights scaled to sum
        to N, as Stata normalises them)."""
        if self.weights is None:
            return np.ones(int(np.count_nonzero(self.sample)))
        w = self.weights[self.sample]
        return w * (w.size / w.sum()) if self.weight_type == "aweight" else w

    def weights_over_rows(self) -> np.ndarray:
        """``sample_weights`` over every row (missing outside the sample): $ML_w's values."""
        out = np.full(self.sample.size, np.nan)
        out[self.sample] = self.sample_weights()
        return out

    def equation_layout(self) -> list[tuple[np.ndarray, int | None]]:
        """(positions, position of the constant or None) per equation, for ml search."""
        return [(pos, int(pos[-1]) if eq.constant else None) for pos, eq in zip(self.positions, self.equations)]


def current_problem(session) -> MLProblem:
    """The problem ``ml model`` defined (r(111) without one)."""
    p = getattr(session, "ml_problem", None)
    if p is None:
        raise StataError("ml model not specified", 111)  # Stata: "no ml model defined"? (see docs/ml.md)
    return p


def split_equations(text: str) -> tuple[list[str], str]:
    """The equation texts at the front of ``text`` (``(...)`` groups and ``/name`` words) and
    the rest (``if``/``in``/weight/options)."""
    from mlmcli.textscan import matching_close

    eqs: list[str] = []
    rest = text.strip()
    while rest:
        if rest.startswith("("):
            close = matching_close(rest, 0, "(")
            if close < 0:
                raise StataError("parentheses unbalanced", 132)
            eqs.append(rest[1:close])
            rest = rest[close + 1:].strip()
        elif rest.startswith("/"):
            m = re.match(r"/\s*([^\W\d]\w*)", rest)
            if not m:
                raise invalid_syntax()
            eqs.append(f"{m.group(1)}:")
            rest = rest[m.end():].strip()
        else:
            break
    return eqs, rest


def parse_equation(session, text: str, position: int) -> Equation:
    from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

    body, options, _ = split_options(text)
    opts = resolve_options(options, [OptionSpec("noconstant", 6), OptionSpec("offset", 3, takes_arg=True),
                                     OptionSpec("exposure", 3, takes_arg=True)])
    name = f"eq{position}"
    m = re.match(r"\s*([^\W\d]\w*)\s*:(?!:)", body)
    if m:
        name = m.group(1)
        body = body[m.end():]
    dep_text, eq_sign, x_text = body.partition("=")
    if not eq_sign:
        dep_text, x_text = "", body
    data = session.data
    terms = _factor_terms(data, x_text)
    for token in (dep_text + ("" if terms else " " + x_text)).split():
        if "." in token or "#" in token:
            raise StataError("factor variables and time-series operators not allowed", 101)
    depvars = data.expand_varlist(dep_text.strip(), allow_empty=True) if dep_text.strip() else []
    if terms:
        from mlmcli.factor_terms import term_variables

        xvars = term_variables(terms)
    else:
        xvars = data.expand_varlist(x_text.strip(), allow_empty=True) if x_text.strip() else []
    if opts.get("offset") and opts.get("exposure"):
        raise StataError("only one of offset() or exposure() can be specified", 198)
    offset = opts.get("offset") or opts.get("exposure")
    if offset:
        offset = data.resolve(str(offset).strip())
    constant = "noconstant" not in opts
    if not constant and not xvars:
        raise StataError(f"equation {name} has no parameters", 198)
    return Equation(name, depvars, xvars, constant, offset, bool(opts.get("exposure")), terms=tuple(terms))


def _factor_terms(data, text: str) -> list:
    """The covariates' factor-variable terms, or [] for a plain varlist; time-series
    operators stay refused (r(101)), as before factor variables were allowed."""
    from mlmcli.factor_terms import parse_terms, uses_factor_variables

    if not uses_factor_variables(text):
        return []
    terms = parse_terms(data, text)
    for var in (c.var for t in terms for c in t.components):
        if "." in var:
            raise StataError("time-series operators not allowed", 101)
        if data.is_string(var):  # before the sample is marked (a string is missing there)
            raise StataError(f"string variables not allowed in varlist;\n{var} is a string variable", 109)
    return terms


def build_design(session, problem: MLProblem, collinear: bool = False) -> None:
    """Each equation's design and offset on the sample; unless ``collinear``, the covariates
    collinear within an equation flagged omitted, with Stata's note."""
    data = session.data
    rows = problem.sample
    problem.X, problem.offsets = [], []
    for eq in problem.equations:
        if eq.terms:
            problem.X.append(_factor_design(session, eq, rows, collinear))
            problem.offsets.append(_offset(data, eq, rows))
            continue
        columns = [data.numeric(v)[rows] for v in eq.xvars]
        if eq.constant:
            columns.append(np.ones(int(np.count_nonzero(rows))))
        problem.X.append(np.column_stack(columns))
        if not collinear and eq.xvars and np.all(np.isfinite(problem.X[-1])):
            eq.omitted = _collinear_covariates(eq, problem.X[-1])
            for v in eq.omitted:
                session.print(f"note: {v} omitted because of collinearity")
        problem.offsets.append(_offset(data, eq, rows))
    names = problem.names
    if len(set(names)) != len(names):
        raise StataError("duplicate equation names", 198)


def _offset(data, eq: Equation, rows: np.ndarray) -> np.ndarray:
    if eq.offset is None:
        return np.zeros(int(np.count_nonzero(rows)))
    values = data.numeric(eq.offset)[rows]
    if eq.exposure:
        with np.errstate(all="ignore"):
            values = np.log(values)
    return values


def _factor_design(session, eq: Equation, rows: np.ndarray, collinear: bool) -> np.ndarray:
    """The equation's factor design on the sample, one column per e(b) column: a base, empty or
    omitted coefficient's column is zeros (held at 0 by the fit).  ``collinear``: no column
    is dropped for collinearity (base and empty cells still are)."""
    from mlmcli.factor_variables import (SampleFactors, candidate_recipes, design_layout, evaluate_recipes,
                                         finish_design)

    data = session.data
    n = int(np.count_nonzero(rows))
    layout = design_layout(data, list(eq.terms), SampleFactors(data, rows))
    recipes = candidate_recipes(layout)
    C = evaluate_recipes(data, recipes, rows) if recipes else np.empty((n, 0))
    if collinear or not np.all(np.isfinite(C)):
        keep = np.ones(C.shape[1], bool)
    else:
        from mlmcli.collinear_columns import independent_candidates

        keep = np.asarray(independent_candidates(C, eq.constant), bool)
    block = np.column_stack([C[:, keep], np.ones(n)]) if eq.constant else C[:, keep]
    design = finish_design(layout, keep, eq.constant, eq.terms, np.ascontiguousarray(block))
    eq.design = design
    for note in design.notes:
        session.print(note)
    full = np.zeros((n, len(design.labels)))
    full[:, [k for k, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]] = block
    return full


def _collinear_covariates(eq: Equation, X: np.ndarray) -> tuple[str, ...]:
    from mlmcli.collinear_columns import independent_candidates

    k = len(eq.xvars)
    keep = independent_candidates(X[:, :k], eq.constant)
    return tuple(v for v, kept in zip(eq.xvars, keep) if not kept)

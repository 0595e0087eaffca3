"""Margins and their Jacobians: averages of a prediction (or of its derivative) over the
rows of each cell, and d(average)/d e(b) for the delta method.

A cell c is a setting of the covariates (``covariates.Setting``) and a set of rows R_c
with weights w_i.  Its margin is

    m_c = sum_{i in R_c} w_i q_i / sum_{i in R_c} w_i

where q_i is the prediction p_i = h(eta_i; a), eta_i = x_i beta (``response``), or a
derivative of it with respect to a continuous covariate v (d eta_i / dv = dx_i/dv beta):

    dy/dx  q = dp                dp = h'(eta) deta/dv
    ey/ex  q = dp v / p          (the elasticity of observation i)
    dy/ex  q = dp v
    ey/dx  q = dp / p

(the average of the observations' effects, as Stata's margins computes them).  Every q
is a function of (p, dp), so its derivative with respect to the coefficients is

    dq/dbeta_j = (A h' + B h'' deta/dv) x_ij + B h' dx_ij/dv,   dq/da = A dp/da + B d2p/deta da deta/dv

with A = dq/dp and B = dq/d(dp): the Jacobian row of the cell is the average of these
over its rows, and Var(m) = J V J' (``inference``).  A factor level's effect is the
discrete change from the base level: m(level) - m(base), Jacobian J(level) - J(base).

A cell is not estimable when its Jacobian puts weight on an empty factor cell (a column
e(b) omits because no observation has it): its margin would depend on a coefficient the
data say nothing about.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.margins.covariates import DesignOnRows, DesignTerms, SampleValues, Setting

ESTIMABLE_TOL = 1e-5  # Stata's default estimtolerance()
EFFECTS = ("dydx", "eyex", "dyex", "eydx")


@dataclass(frozen=True)
class Parameters:
    """e(b) as margins differentiates it: ``b`` every column, ``beta`` the positions of X's
    columns, ``ancillary`` the positions of the prediction's other parameters."""

    b: np.ndarray
    beta: np.ndarray
    ancillary: np.ndarray

    @property
    def k(self) -> int:
        return len(self.b)


class CellAverages:
    """Weighted averages over each cell's rows: S (cells x rows, sparse) with
    S[c, i] = w_i / sum_{R_c} w for i in R_c, so that averages are S @ v."""

    def __init__(self, cell_rows: list[np.ndarray], weights: np.ndarray, n_rows: int,
                 sample_rows: np.ndarray | None = None, n_sample: int | None = None):
        from scipy import sparse

        self.sample_rows = sample_rows  # the sample row of each averaged row (None: the same)
        self.n_sample = n_rows if n_sample is None else n_sample

        rows, cols, vals = [], [], []
        self.totals = np.zeros(len(cell_rows))
        for c, r in enumerate(cell_rows):
            w = weights[r]
            tot = float(w.sum())
            self.totals[c] = tot
            rows.append(np.full(len(r), c))
            cols.append(r)
            vals.append(w / tot if tot > 0 else np.full(len(r), np.nan))
        self.S = sparse.csr_matrix((np.concatenate(vals) if vals else np.zeros(0),
                                    (np.concatenate(rows) if rows else np.zeros(0, int),
                                     np.concatenate(cols) if cols else np.zeros(0, int))),
                                   shape=(len(cell_rows), n_rows))
        self.n_cells = len(cell_rows)

    def mean(self, v) -> np.ndarray:
        if np.ndim(v) == 0:
            return np.full(self.n_cells, float(v))
        return np.asarray(self.S @ v).ravel()

    def mean_columns(self, M: np.ndarray) -> np.ndarray:
        """Averages of each column of an (n x m) array: (cells x m)."""
        return np.asarray(self.S @ M)

    def deviations(self, q, m: np.ndarray):
        """The cells' linearized averages (vce(unconditional)): a sparse (cells x sample rows)
        matrix with a[c, i] = w_i (q_i - m_c) / sum_{R_c} w for i in R_c."""
        from scipy import sparse

        S = self.S.multiply(np.broadcast_to(np.asarray(q, float), (self.S.shape[1],))[None, :]) \
            if np.ndim(q) else self.S * float(q)
        A = sparse.csr_matrix(S) - sparse.diags(np.asarray(m, float)) @ self.S
        A = A.tocoo()
        cols = A.col if self.sample_rows is None else self.sample_rows[A.col]
        return sparse.csr_matrix((A.data, (A.row, cols)), shape=(self.n_cells, self.n_sample))


def _difference_step(z) -> float:
    """The step of ``_numeric_effect``'s differences in a covariate: 1e-3 (mean |z| + 1e-3); for
    a covariate far from zero (its mean beyond 1e4 of its spread: near 1e9) 1e-3 (spread + 1e-3)
    to a power of two of at least two units in the last place, so z -/+ h and h/2 are exact (1e-3
    of 1e9 is no step in its units, and z + 1e-3 rounds by 1e-4 of it)."""
    z = np.asarray(z, float)
    h = 1e-3 * (float(np.mean(np.abs(z))) + 1e-3)
    if z.size < 2 or not np.all(np.isfinite(z)):
        return h
    spread = float(np.std(z))
    if not abs(float(np.mean(z))) > 1e4 * spread > 0:
        return h
    power = 2.0 ** np.round(np.log2(1e-3 * (spread + 1e-3)))
    return float(max(power, 4 * np.spacing(np.max(np.abs(z)))))


def _moves(metric, positions) -> bool:
    """The fitted metric shifts or scales a column at e(b)'s ``positions``."""
    idx = np.asarray(positions, int)
    return bool(len(idx)) and bool(np.any(metric.shift[idx] != 0) or np.any(metric.scale[idx] != 1))


def reads_metric(metric, prediction, params: Parameters) -> bool:
    """margins can work in the fitted metric with this prediction: its ancillary parameters
    are no columns the metric moves, or it reads their columns there (``in_fitted_metric``;
    an expression() when each of its predictions does: ``reads_fitted_metric``)."""
    anc = np.asarray(params.ancillary, int)
    if not _moves(metric, anc):
        return True
    check = getattr(prediction, "reads_fitted_metric", None)
    if check is not None:
        return bool(check(metric.shift[anc], metric.scale[anc]))
    return hasattr(prediction, "in_fitted_metric")


def _columns(design: DesignOnRows, setting: Setting, recipes, wrt=None) -> list[tuple[int, object]]:
    out = []
    for j, r in enumerate(recipes):
        col = design.column(r, setting, wrt)
        if not (np.ndim(col) == 0 and col == 0.0):
            out.append((j, col))
    return out


def _combine(cols, coefs) -> object:
    total = 0.0
    for j, col in cols:
        if coefs[j] != 0.0:
            total = total + coefs[j] * col
    return total


def effect_of_row(effect: str, p, dp, z):
    """(q, A = dq/dp, B = dq/d(dp)) of an observation's effect (module docstring)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if effect == "dydx":
            return dp, 0.0, 1.0
        if effect == "dyex":
            return dp * z, 0.0, z
        if effect == "eydx":
            return dp / p, -dp / (p * p), 1.0 / p
        return dp * z / p, -dp * z / (p * p), z / p  # eyex


@dataclass(frozen=True)
class CellEstimates:
    """Margins of a group of cells: values (cells,), Jacobian (cells x k), estimable (cells,)."""

    values: np.ndarray
    jacobian: np.ndarray
    estimable: np.ndarray
    linearized: object = None  # sparse (cells x sample rows): ``CellAverages.deviations``, when asked for


class MarginCalculator:
    """Computes cells' margins and effects for one prediction on one sample."""

    def __init__(self, terms: DesignTerms, sample: SampleValues, prediction, params: Parameters,
                 estimable_tol: float = ESTIMABLE_TOL, metric=None):
        """``metric``: a fit on shifted columns (``glm.rescaled_fit.FittedMetric``; ``params.b``
        then its b'): each design column enters as (x - shift) scale, its derivative as dx/dv
        scale, so the margins and the Jacobian dm/db' are the fitted metric's; the other
        equations' columns of a prediction reading them (``reads_metric``) likewise."""
        self.estimable_tol = estimable_tol
        self._metric = None
        if metric is not None:
            at = np.asarray(params.beta, int)
            self._metric = (metric.shift[at], metric.scale[at])
            anc = np.asarray(params.ancillary, int)
            if _moves(metric, anc):
                prediction = prediction.in_fitted_metric(metric.shift[anc], metric.scale[anc])
        self.terms = terms
        self.sample = sample
        self.prediction = prediction
        self.params = params
        self.beta = params.b[params.beta]
        self.a = params.b[params.ancillary] if len(params.ancillary) else np.zeros(0)
        self._designs: dict = {}
        self._null_cache: list | None = None  # per omitted cell: its null direction (_null_directions)
        self._cells_cache: dict = {}
        self.linearize = False  # also return each cell's linearized average (vce(unconditional))

    # ------------------------------------------------------------------ rows
    def _averages(self, cell_rows: list[np.ndarray]) -> tuple[DesignOnRows, CellAverages]:
        """The design over the union of the cells' rows and the cells' averaging matrix
        (cached: the same cells recur for every setting and every dy/dx variable)."""
        key = tuple(id(r) for r in cell_rows)
        hit = self._cells_cache.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], cell_rows)):
            return hit[1], hit[2]
        n = self.sample.n
        covered = np.zeros(n, bool)
        for r in cell_rows:
            covered[r] = True
        if covered.all() or np.count_nonzero(covered) * 2 >= n:
            design, avg = self._design(None), CellAverages(cell_rows, self.sample.weights, n)
        else:
            union = np.flatnonzero(covered)
            remap = np.full(n, -1, np.int64)
            remap[union] = np.arange(len(union))
            design = self._design(union)
            avg = CellAverages([remap[r] for r in cell_rows], self.sample.weights[union], len(union), union, n)
        if len(self._cells_cache) > 256:
            self._cells_cache.clear()
        self._cells_cache[key] = (list(cell_rows), design, avg)
        return design, avg

    def _design(self, rows: np.ndarray | None) -> DesignOnRows:
        key = None if rows is None else rows.tobytes()
        if key not in self._designs:
            if len(self._designs) > 64:  # keep only the all-rows design
                self._designs = {k: v for k, v in self._designs.items() if k is None}
            self._designs[key] = DesignOnRows(self.terms, self.sample, rows)
        return self._designs[key]

    def _cols(self, design: DesignOnRows, setting: Setting, wrt=None) -> list[tuple[int, object]]:
        """The design's columns (their derivatives in ``wrt``), in the fitted metric's units."""
        cols = _columns(design, setting, self.terms.recipes, wrt)
        if self._metric is None:
            return cols
        shift, scale = self._metric
        if wrt is not None:
            return [(j, col * scale[j] if scale[j] != 1.0 else col) for j, col in cols]
        return [(j, (col - shift[j]) * scale[j] if shift[j] != 0.0 or scale[j] != 1.0 else col) for j, col in cols]

    # ------------------------------------------------------------------ per-row functionals
    def _response(self, design: DesignOnRows, setting: Setting):
        cols = self._cols(design, setting)
        eta = _combine(cols, self.beta)
        if hasattr(self.prediction, "row_response"):
            out = self.prediction.row_response(design, setting, eta, self.a)
        else:
            out = self.prediction.response(eta, self.a)
        return cols, eta, out

    def _functional(self, design: DesignOnRows, setting: Setting, effect: str, wrt):
        """(q, c1 on x_j, c2 on dx_j/dv, ca on a, cols, dcols) per row (see module docstring)."""
        cols, eta, (p, d1, d2, da, d1a) = self._response(design, setting)
        if effect == "margin":
            return p, d1, 0.0, da, cols, []
        dcols = self._cols(design, setting, wrt)
        deta = _combine(dcols, self.beta)
        dp = d1 * deta
        z = design.value(setting, wrt) if isinstance(wrt, str) else 1.0
        q, A, B = effect_of_row(effect, p, dp, z)
        c1 = A * d1 + B * d2 * deta
        c2 = B * d1
        ca = None
        if da is not None:
            ca = np.asarray(A)[..., None] * da if np.ndim(A) else A * da
            if d1a is not None:
                g = np.asarray(B * deta)
                ca = ca + (g[..., None] if g.ndim else g) * d1a
        return q, c1, c2, ca, cols, dcols

    def _aggregate(self, design, averages: CellAverages, fn) -> CellEstimates:
        q, c1, c2, ca, cols, dcols = fn
        G = averages.n_cells
        values = averages.mean(q)
        J = np.zeros((G, self.params.k))
        for j, col in cols:
            if not (np.ndim(c1) == 0 and c1 == 0.0):
                J[:, self.params.beta[j]] += averages.mean(c1 * col)
        for j, dcol in dcols:
            if not (np.ndim(c2) == 0 and c2 == 0.0):
                J[:, self.params.beta[j]] += averages.mean(c2 * dcol)
        if ca is not None and len(self.params.ancillary):
            ca = np.asarray(ca, float)
            if ca.ndim == 1:
                ca = np.broadcast_to(ca, (design.n, len(ca)))
            J[:, self.params.ancillary] += averages.mean_columns(ca)
        return CellEstimates(values, J, np.ones(G, bool))

    def _estimable(self, design, averages, setting, effect, wrt, fn) -> np.ndarray:
        """False for cells whose Jacobian loads on the null space of the sample's design
        (Stata's test: z is estimable when z = z H, H = (X'X)^- X'X).  Each omitted factor
        cell r gives a null direction: e_r alone when no sample row has the cell, else
        e_r - g_r with X_kept g_r = x_r when the column is collinear with the kept ones
        (1.winter beside 1.spring 1.summer 1.fall and _cons)."""
        if not self.terms.omitted:
            return np.ones(averages.n_cells, bool)
        _, c1, c2, _, _, _ = fn
        ok = np.ones(averages.n_cells, bool)

        def load_on(recipe):
            load = 0.0
            col = design.column(recipe, setting)
            if not (np.ndim(col) == 0 and col == 0.0):
                load = load + averages.mean(c1 * col)
            if effect != "margin":
                dcol = design.column(recipe, setting, wrt)
                if not (np.ndim(dcol) == 0 and dcol == 0.0):
                    load = load + averages.mean(c2 * dcol)
            return np.asarray(load, float) * np.ones(averages.n_cells)

        for r, g in zip(self.terms.omitted, self._null_directions()):
            load = load_on(r)
            if g is not None:
                for j in np.flatnonzero(g):
                    load = load - g[j] * load_on(self.terms.recipes[j])
            ok &= np.abs(load) <= self.estimable_tol
        return ok

    def _null_directions(self) -> list:
        """Per omitted cell: None when no sample row has it (or it is not a combination of
        the kept columns), else g with x_r = X_kept g on the sample (least squares, exact
        up to rounding)."""
        if self._null_cache is not None:
            return self._null_cache
        design = self._design(None)
        n = self.sample.n
        out = []
        X = None
        for r in self.terms.omitted:
            x = np.broadcast_to(np.asarray(design.column(r, Setting()), float), (n,))
            if n == 0 or not np.any(x != 0):
                out.append(None)
                continue
            if X is None:
                X = np.column_stack([np.broadcast_to(np.asarray(design.column(c, Setting()), float), (n,))
                                     for c in self.terms.recipes]) if self.terms.recipes else np.zeros((n, 0))
            g, *_ = np.linalg.lstsq(X, x, rcond=None)
            resid = x - X @ g
            collinear = np.max(np.abs(resid)) <= 1e-7 * max(1.0, np.max(np.abs(x)))
            out.append(np.where(np.abs(g) > 1e-10, g, 0.0) if collinear else None)
        self._null_cache = out
        return out

    # ------------------------------------------------------------------ public
    def observed_is_constant(self) -> bool:
        """The prediction at the sample's own values is the same on every row (_marg_work's
        ``._check_exp``: r(max) == r(min) of the prediction over the margins sample)."""
        p = np.asarray(self._response(self._design(None), Setting())[2][0], float)
        p = np.broadcast_to(p, (self.sample.n,)) if p.ndim == 0 else p
        return p.size > 0 and bool(np.all(np.isfinite(p))) and float(p.max()) == float(p.min())

    def cells(self, setting: Setting, cell_rows: list[np.ndarray], effect: str = "margin",
              wrt=None) -> CellEstimates:
        """Margins (``effect`` "margin") or effects of a continuous ``wrt`` for cells that share
        ``setting`` and differ in their rows."""
        design, averages = self._averages(cell_rows)
        if effect != "margin" and getattr(self.prediction, "numeric_derivatives", False):
            return self._numeric_effect(setting, cell_rows, effect, wrt)
        fn = self._functional(design, setting, effect, wrt)
        est = self._aggregate(design, averages, fn)
        ok = self._estimable(design, averages, setting, effect, wrt, fn)
        lin = averages.deviations(fn[0], est.values) if self.linearize else None
        return CellEstimates(est.values, est.jacobian, ok, lin)

    def discrete_change(self, setting: Setting, cell_rows, var: str, level: float, base: float) -> CellEstimates:
        """m(var = level) - m(var = base) and its Jacobian (dy/dx of a factor level)."""
        hi = self.cells(setting.with_level(var, level), cell_rows)
        lo = self.cells(setting.with_level(var, base), cell_rows)
        lin = hi.linearized - lo.linearized if self.linearize else None
        return CellEstimates(hi.values - lo.values, hi.jacobian - lo.jacobian, hi.estimable & lo.estimable, lin)

    def _numeric_effect(self, setting: Setting, cell_rows, effect: str, wrt: str) -> CellEstimates:
        """Effects of a prediction that gives no second derivatives (``expression()``): the
        per-row dp/dv and d(dp/dv)/db by Richardson-extrapolated central differences in v,
        D = (4 D(h/2) - D(h)) / 3 with D(h) = [f(v + h) - f(v - h)] / 2h (error O(h^4), so a
        step large enough to keep rounding small), then the elasticity factors as in
        ``_functional``."""
        design, averages = self._averages(cell_rows)
        z = design.value(setting, wrt)
        h = _difference_step(z)
        _, _, (p, d1, _, da, _) = self._response(design, setting)
        cols = dict(self._cols(design, setting))

        def central(step):
            cols_up, _, (p_up, d1_up, _, da_up, _) = self._response(design, setting.with_shift(wrt, step))
            cols_dn, _, (p_dn, d1_dn, _, da_dn, _) = self._response(design, setting.with_shift(wrt, -step))
            cu, cd = dict(cols_up), dict(cols_dn)
            slopes = {j: (d1_up * cu.get(j, 0.0) - d1_dn * cd.get(j, 0.0)) / (2 * step)
                      for j in set(cu) | set(cd)}
            dda = None if da is None else (np.asarray(da_up) - np.asarray(da_dn)) / (2 * step)
            return (p_up - p_dn) / (2 * step), slopes, dda

        (dp_h, sl_h, da_h), (dp_2, sl_2, da_2) = central(h), central(h / 2)
        dp = (4 * dp_2 - dp_h) / 3
        q, A, B = effect_of_row(effect, p, dp, z)
        G = averages.n_cells
        J = np.zeros((G, self.params.k))
        for j in sorted(set(sl_h) | set(sl_2) | set(cols)):
            slope = (4 * sl_2.get(j, 0.0) - sl_h.get(j, 0.0)) / 3
            J[:, self.params.beta[j]] += averages.mean(B * slope + A * d1 * cols.get(j, 0.0))
        if da is not None and len(self.params.ancillary):
            dda = (4 * da_2 - da_h) / 3
            ca = (B[..., None] if np.ndim(B) else B) * dda
            ca = ca + (A[..., None] if np.ndim(A) else A) * np.asarray(da)
            J[:, self.params.ancillary] += averages.mean_columns(np.broadcast_to(ca, (design.n, ca.shape[-1])))
        values = averages.mean(q)
        return CellEstimates(values, J, np.ones(G, bool), averages.deviations(q, values) if self.linearize else None)

"""The random-effects structure of a GLMM as nested levels.

The terms of a spec are grouped into levels (one per distinct level variable,
outermost first).  Level l has G_l groups and a q_l-vector of random effects
per group, b_lg ~ N(0, Sigma_l) with Sigma_l block diagonal over the level's
terms; the linear predictor is

    eta_i = x_i beta + offset_i + sum_l z_li' b_{l, g_l(i)}.

Levels are nested: every group of level l lies in one group of level l-1
(``parent``).  Crossed terms ``_all: R.x`` form the top level ``_all`` with a
single group whose random-effects vector holds one effect per level of x
(Z = indicators, Sigma = sigma^2 I): Stata's own representation of crossed
effects as a level with one group ([ME] me: "``_all`` representing one group
comprising all observations").  ``group: R.x`` is the same block inside each group
of a named level (one effect per level of x in every group, all integrated with the
level's other effects), so levels below ``group`` may cross x (MLMUS ch. 16).

Covariance parameters use ``mlmcli.mixed.random_effects_term.TermCovariance``
(Stata's estimation metric: ln sd per distinct variance, atanh correlations).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import linalg as sla

from ..errors import StataError
from ..mixed.random_effects_term import TermCovariance


LNSD_FLOOR = -18.0   # sd >= 1.5e-8: smaller variances are zero for every purpose
ATANH_BOUND = 10.0   # |corr| <= 1 - 4e-9: keeps Sigma invertible on a +/-1 ridge


def clip_estimation_metric(cov, est: np.ndarray) -> np.ndarray:
    """ln sd at least LNSD_FLOOR, atanh corr within +/-ATANH_BOUND: beyond them the
    likelihood is flat to rounding while Sigma stops being invertible."""
    est = np.asarray(est, float)
    lns = _log_sd_mask(cov)
    # np.maximum/np.minimum as Python's max/min chose element by element (a nan stays nan)
    return np.where(lns, np.maximum(est, LNSD_FLOOR), np.minimum(np.maximum(est, -ATANH_BOUND), ATANH_BOUND))


@lru_cache(maxsize=None)
def _log_sd_mask(cov) -> np.ndarray:
    """Which of ``cov``'s estimation-metric parameters are ln sd (the others atanh corr)."""
    mask = np.array([name.startswith("lns") for name in cov.est_names()], bool)
    mask.flags.writeable = False
    return mask


@dataclass
class TermBlock:
    """One random-effects equation inside its level.

    ``cov``: the covariance parametrisation (q = number of distinct names);
    ``width``: columns of the level's Z it occupies (``len(names)``, or the number
    of levels of x for ``R.x``); ``factor``: True for ``R.x``; ``cells``: a ``level: R.x``
    block fitted on its (group, x) cells (width 1, see ``_factor_cells``)."""

    cov: TermCovariance
    names: tuple[str, ...]
    width: int
    factor: bool = False
    factor_var: str | None = None
    cells: bool = False  # ``level: R.x`` fitted as the intercept of its (group, x) cells

    def sigma(self, est: np.ndarray) -> np.ndarray:
        S = self.cov.cov_from_est(clip_estimation_metric(self.cov, est))
        if self.factor:
            return S[0, 0] * np.eye(self.width)
        return S

    def chol(self, est: np.ndarray) -> np.ndarray:
        """Lower-triangular L with L L' = ``sigma(est)``, as diag(sd) C with C C' the
        correlation matrix; for two effects C = [[1, 0], [tanh z, 1/cosh z]] straight from
        z = atanh corr, so L stays exact to rounding as the correlation goes to +/-1 (from
        Sigma, 1 - rho^2 would lose all its digits)."""
        est = clip_estimation_metric(self.cov, est)
        S = self.cov.cov_from_est(est)
        sd = np.sqrt(np.diag(S))
        if self.factor:
            return sd[0] * np.eye(self.width)
        q = len(sd)
        if self.cov.kind in ("identity", "independent") or q == 1:
            return np.diag(sd)
        if q == 2:
            z = float(est[-1])
            C = np.array([[1.0, 0.0], [np.tanh(z), 1.0 / np.cosh(z)]])
        else:
            from .adaptive_nodes import batched_cholesky
            C = batched_cholesky((S / np.outer(sd, sd))[None])[0]
        return sd[:, None] * C


@dataclass
class Level:
    """One level: ``name`` (levelvar), ``label`` (Stata's ``school>class``),
    ``group`` (n,) codes 0..G-1, ``Z`` (n x q), its term blocks, ``parent`` (G,)
    index of the enclosing group one level up (None at the top), and the level
    weight per group (``weight``, kind ``wkind``); ``count_group``: the level's groups
    for the group table when ``group`` holds the cells of a ``level: R.x`` term."""

    name: str
    label: str
    group: np.ndarray
    G: int
    Z: np.ndarray
    blocks: list[TermBlock]
    parent: np.ndarray | None = None
    weight: np.ndarray | None = None
    wkind: str | None = None
    count_group: np.ndarray | None = None  # the level's own groups when ``group`` holds cells

    @property
    def q(self) -> int:
        return self.Z.shape[1]

    @property
    def n_est(self) -> int:
        return sum(b.cov.n_est for b in self.blocks)

    def sigma(self, est: np.ndarray) -> np.ndarray:
        mats, k = [], 0
        for b in self.blocks:
            mats.append(b.sigma(est[k:k + b.cov.n_est]))
            k += b.cov.n_est
        return _block_diagonal(mats)

    def chol(self, est: np.ndarray) -> np.ndarray:
        """The Cholesky factor of ``sigma(est)`` (block by block, ``TermBlock.chol``)."""
        mats, k = [], 0
        for b in self.blocks:
            mats.append(b.chol(est[k:k + b.cov.n_est]))
            k += b.cov.n_est
        return _block_diagonal(mats)


def level_factor_label(lv: Level, blk: TermBlock) -> str | None:
    """Stata's label ``d>x`` of a ``d: R.x`` block at a named level, else None.

    _me_estimate.ado makes such a term the random intercept of the level ``d>x``
    (``labels `d'>`xs'``), so e(b) holds ``var(_cons[d>x])`` -- MLMUS4 ch. 16 reads
    ``_b[/var(_cons[group>m])]`` after ``melogit ... || group: R.m || f:``, also after its
    intpoints(3) refit from() the Laplace fit's e(b)."""
    if not blk.factor or lv.name == "_all" or not blk.factor_var:
        return None
    return f"{lv.label}>{blk.factor_var}"


def _block_diagonal(mats: list[np.ndarray]) -> np.ndarray:
    """scipy's block_diag; one block (the common case, evaluated at every likelihood and
    gradient call) copied without its set-up."""
    if len(mats) == 1 and np.ndim(mats[0]) == 2:
        return np.array(mats[0])
    return sla.block_diag(*mats) if mats else np.zeros((0, 0))


@dataclass
class Structure:
    """All levels of a spec, outermost first, and where each term went."""

    levels: list[Level]
    term_level: list[int] = field(default_factory=list)

    @property
    def n_est(self) -> int:
        return sum(lv.n_est for lv in self.levels)

    def sigmas(self, phi: np.ndarray) -> list[np.ndarray]:
        out, k = [], 0
        for lv in self.levels:
            out.append(lv.sigma(phi[k:k + lv.n_est]))
            k += lv.n_est
        return out

    def covs(self) -> list[TermCovariance]:
        return [b.cov for lv in self.levels for b in lv.blocks]


def _group_weight(codes: np.ndarray, G: int, w: np.ndarray, kind: str, name: str) -> np.ndarray:
    per = np.empty(G)
    per[codes] = w
    if np.any(per[codes] != w):
        raise StataError(f"{kind}s not constant within {name}", 407)
    if np.any(per < 0):
        raise StataError("negative weights encountered", 402)
    return per


def _level_groups(t) -> tuple[np.ndarray, int]:
    """The level's group codes of term ``t`` and their number: a ``level: R.x`` term's own
    groups are the (level group, x) cells, its level's groups ``t.level_group``."""
    if t.level_factor:
        codes = np.asarray(t.level_group, np.int64)
        return codes, int(codes.max()) + 1 if codes.size else 0
    return np.asarray(t.group, np.int64), int(t.n_groups)


def _level_weight(ts, group: np.ndarray, G: int, name: str) -> tuple:
    """(weight per group, kind) of a level from its terms' fweight()/pweight()."""
    weight, wkind = None, None
    for t in ts:
        for kind in ("fweight", "pweight"):
            w = getattr(t, kind, None)
            if w is not None:
                weight = _group_weight(group, G, np.asarray(w, float), kind, name)
                wkind = kind
    return weight, wkind


def _factor_cells(terms, name: str, order: list[str]):
    """The ``level: R.x`` term that is alone at level ``name`` when no level below crosses
    x (each group one level down lies in one (group, x) cell), else None.  Its k effects per
    group are then independent given the data of their cells -- the k-dimensional integral
    is a product of one-dimensional ones -- so it is fitted as the random intercept of the
    cells, with the same likelihood and without k-dimensional quadrature."""
    ts = [t for t in terms if t.levelvar == name]
    if len(ts) != 1 or not ts[0].level_factor:
        return None
    below = order.index(name) + 1
    if below < len(order):
        inner = _level_groups(next(t for t in terms if t.levelvar == order[below]))[0]
        cell = np.asarray(ts[0].group, np.int64)
        first = np.full(int(inner.max()) + 1, -1, np.int64)
        first[inner] = cell
        if np.any(first[inner] != cell):
            return None
    return ts[0]


def build_structure(terms, n: int) -> Structure:
    """Levels from the spec's terms (see the module docstring)."""
    order: list[str] = []
    for t in terms:
        if t.levelvar not in order:
            order.append(t.levelvar)
    if "_all" in order and order[0] != "_all":
        raise StataError("crossed-effects terms (_all:) must come before the nested levels", 198)
    levels: list[Level] = []
    term_level = []
    lv_index = {name: i for i, name in enumerate(order)}
    eq_count: dict[str, int] = {}
    for name in order:
        ts = [t for t in terms if t.levelvar == name]
        li = lv_index[name] + 1
        blocks, cols = [], []
        cells = _factor_cells(terms, name, order) if name != "_all" else None
        if cells is not None:
            cov = TermCovariance("identity", tuple(cells.names), li, 1)
            eq_count[name] = 1
            levels.append(Level(name, name, np.asarray(cells.group, np.int64), int(cells.n_groups),
                                np.ones((n, 1)), [TermBlock(cov, tuple(cells.names), 1, True, cells.names[0][2:],
                                                            cells=True)],
                                None, *_level_weight(ts, np.asarray(cells.group, np.int64), int(cells.n_groups),
                                                     name), count_group=np.asarray(cells.level_group, np.int64)))
            term_level.append(len(levels) - 1)
            continue
        if name == "_all":
            group = np.zeros(n, np.int64)
            G = 1
        else:
            group, G = _level_groups(ts[0])
            for t in ts[1:]:
                if not np.array_equal(_level_groups(t)[0], group):
                    raise StataError(f"random-effects equations for {name} differ in their groups", 198)
        for t in ts:
            eq_count[name] = eq_count.get(name, 0) + 1
            Zt = np.asarray(t.Z, float).reshape(n, -1)
            factor = (name == "_all" and len(t.names) == 1 and t.names[0].startswith("R.")) or t.level_factor
            if factor:
                # _all: R.x -- the levels of x are the groups; level: R.x -- x's codes within each group
                codes = np.asarray(t.factor_codes if t.level_factor else t.group, np.int64)
                k = int(codes.max()) + 1 if t.level_factor else int(t.n_groups)
                M = np.zeros((n, k))
                M[np.arange(n), codes] = Zt[:, 0]
                cov = TermCovariance("identity", tuple(t.names), li, eq_count[name])
                blocks.append(TermBlock(cov, tuple(t.names), k, True, t.names[0][2:]))
                cols.append(M)
            else:
                kind = t.covariance if len(t.names) > 1 else ("identity" if t.covariance != "independent"
                                                              else "independent")
                cov = TermCovariance(kind, tuple(t.names), li, eq_count[name])
                blocks.append(TermBlock(cov, tuple(t.names), Zt.shape[1]))
                cols.append(Zt)
            term_level.append(len(levels))
        Z = np.column_stack(cols)
        levels.append(Level(name, name, group, G, Z, blocks, None, *_level_weight(ts, group, G, name)))
    # parents and Stata's nested labels (school>class)
    path: list[str] = []
    for i, lv in enumerate(levels):
        if lv.name != "_all":
            path.append(lv.name)
            lv.label = ">".join(path)
        if i == 0:
            continue
        up = levels[i - 1]
        parent = np.full(lv.G, -1, np.int64)
        parent[lv.group] = up.group
        if np.any(parent[lv.group] != up.group):
            raise StataError(f"{lv.name} is not nested within {up.name}", 459)
        lv.parent = parent
    # keep the typed order of terms for the parameter vector: reorder term_level mapping
    return Structure(levels, term_level)

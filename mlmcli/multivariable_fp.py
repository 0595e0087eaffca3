"""Multivariable fractional polynomials (Sauerbrei and Royston 1999): the backfitting and the
closed-test selection of Stata 13's ``mfp`` (mfp_10.ado's cycle loop, FracSel and TestVars).

Each covariate has a df (1: linear; 2m: up to an FP of degree m), a selection level ``select``
(1: always kept) and an FP level ``alpha``.  A cycle visits the covariates in their order
(xorder()); each is examined with the others at their current form as fixed terms:

- df 1 and select 1: kept linear, nothing fitted ("included with 1 df");
- df 1 and select < 1: the likelihood-ratio test of x against the model without it (TestVars),
  F(1, N - 1 - q - 1) after regress (q the fixed columns), chi2(1) otherwise: kept when P <= select;
- df 2m: frac_154's search of x's FPs of degree 1..m (``fractional_polynomials.search``), then the
  closed test against the best FPm: null (when select < 1: P against select), linear, FP1 ...
  (P against alpha); the first test not significant stops at that model (null: x dropped).
  After regress P is F(n1, n2) of expm1(d / N) n2 / n1 with n2 = (residual df of y on the fixed
  terms) - n1 (Stata 13: the per-row n2 PR removed in 2017; docs/mfp.md), else chi2(n1) of d.

The cycle is stable when no covariate's powers changed, or only the first one's; cycles stop when
stable or after ``cycles`` (default 5).  The deviance of a design is the caller's (-2 ll).
Results are data (``MfpRun``); ``render.mfp`` prints them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli import fractional_polynomials as fs

POWERS = fs.POWERS


@dataclass
class Covariate:
    """One xvar (or a group of xvars typed in parentheses: ``values`` n x k, always linear, tested
    jointly): its values over the sample, df, select, alpha and powers() grid."""

    name: str
    values: np.ndarray
    df: int
    select: float = 1.0
    alpha: float = 0.05
    powers: tuple = POWERS
    zero: bool = False  # zero(): x <= 0 taken as 0 in the FP terms
    catzero: bool = False  # catzero(): zero and the indicator x <= 0 with the terms

    @property
    def columns(self) -> list:
        v = np.asarray(self.values, float)
        return [v] if v.ndim == 1 else list(v.T)

    @property
    def degree(self) -> int:
        return int((self.df + 0.5) / 2)


@dataclass(frozen=True)
class TestRow:
    """One line of the selection log: ``name`` (first row only), the model tested and the one it is
    compared with (``model``, ``versus``), the deviance shown, its difference, P, the mark (*: in,
    +: more complex), the powers of both (None: "."), and ``kind`` (closed: FracSel's closed test,
    linear: TestVars's row)."""

    name: str
    model: str
    versus: str
    deviance: float
    difference: float
    p: float
    star: str
    powers: tuple | None
    versus_powers: tuple | str | None  # "": not shown; ".": the null model
    kind: str = "closed"


@dataclass(frozen=True)
class Selection:
    """One covariate's step in a cycle: ``included`` (df 1, select 1: no test), or its rows and
    the final deviance and powers (None: dropped); ``header``: the log's heading printed first."""

    name: str
    included: bool
    rows: tuple = ()
    deviance: float = float("nan")
    powers: tuple | None = (1.0,)
    kind: str = "closed"
    header: bool = False


@dataclass
class Cycle:
    steps: list = field(default_factory=list)
    deviance: float = float("nan")  # the last step's (End of Cycle)
    stable: bool = True


@dataclass
class MfpRun:
    initial_deviance: float
    nobs: int
    cycles: list
    stable: bool
    powers: dict  # name -> final powers (None: dropped)
    deviance: float


def p_value(normal: bool, nobs: int, d: float, n1: int, n2: int) -> float:
    """frac_pv: F(n1, n2) of expm1(d / N) n2 / n1 after regress, else chi2(n1) of d."""
    from mlmcli.distributions import chi2, f

    if not normal:
        return float(chi2.sf(d, n1)) if n1 > 0 else float("nan")
    if n1 <= 0 or n2 <= 0:
        return float("nan")
    return float(f.sf(np.expm1(d / nobs) * n2 / n1, n1, n2))


class Backfit:
    """The cycles over ``covariates`` (in the order visited) of y's model; ``deviance(columns)``
    -> -2 ll of the model with those columns (the constant added by the caller), None on failure;
    ``criterion``: the same as ``fractional_polynomials.search`` takes it (None: regress)."""

    def __init__(self, y, covariates, deviance, criterion, normal: bool, constant: bool = True,
                 sequential: bool = False):
        self.sequential = sequential
        self.y = np.asarray(y, float)
        self.covariates = covariates
        self.deviance = deviance
        self.criterion = criterion
        self.normal = normal
        self.constant = constant
        self.nobs = self.y.size
        # current columns of each covariate: x itself to start
        self.current = {c.name: c.columns for c in covariates}

    def _base(self, skip: str) -> np.ndarray:
        cols = [col for c in self.covariates if c.name != skip for col in self.current[c.name]]
        return np.column_stack(cols) if cols else np.zeros((self.nobs, 0))

    def _dev(self, base: np.ndarray, extra: list) -> float:
        cols = list(base.T) + extra
        value = self.deviance(np.column_stack(cols) if cols else np.zeros((self.nobs, 0)))
        if value is None:
            from mlmcli.errors import StataError
            raise StataError("failure encountered when estimating fractional polynomial model", 430)
        return float(value)

    def run(self, cycles: int = 5) -> MfpRun:
        first = self.covariates[0]
        initial = self._dev(self._base(first.name), first.columns)
        last_dev = initial
        powers = {c.name: (1.0,) for c in self.covariates}
        header_pending = True
        runs, stable, it = [], False, 0
        while not stable and it < cycles:
            it += 1
            stable, last_changed = True, 0
            cycle = Cycle()
            for i, cov in enumerate(self.covariates, start=1):
                if cov.df == 1 and cov.select == 1:
                    cycle.steps.append(Selection(cov.name, True))
                else:
                    step = self._linear_test(cov, header_pending) if cov.df == 1 else self._closed_test(cov, header_pending)
                    cycle.steps.append(step)
                    last_dev = step.deviance
                    if step.powers != powers[cov.name]:
                        if len(self.covariates) > 1:
                            stable = False
                        powers[cov.name] = step.powers
                        last_changed = i
                header_pending = False
            if last_changed == 1:
                stable = True  # one change only, at the first covariate
            cycle.deviance, cycle.stable = last_dev, stable
            runs.append(cycle)
        return MfpRun(initial, self.nobs, runs, stable, powers, last_dev)

    def _linear_test(self, cov: Covariate, header: bool) -> Selection:
        """TestVars: x against the model without it, the others fixed."""
        base = self._base(cov.name)
        x = cov.columns
        dev0, dev1 = self._dev(base, []), self._dev(base, x)
        d = dev0 - dev1
        df_r = self.nobs - len(x) - base.shape[1] - 1
        p = p_value(self.normal, self.nobs, d, len(x), df_r)
        keep = p <= cov.select
        self.current[cov.name] = x if keep else []
        if self.sequential:  # TestVars's row under sequential: linear against null, its deviance
            row = TestRow(cov.name, "lin.", "null", dev1, d, p, "*" if keep else "", (1.0,), None, "linear")
        else:
            row = TestRow(cov.name, "null", "lin.", dev0, d, p, "*" if keep else "", (1.0,), None, "linear")
        return Selection(cov.name, False, (row,), dev1 if keep else dev0, (1.0,) if keep else None, "linear",
                         header)

    def _closed_test(self, cov: Covariate, header: bool) -> Selection:
        """frac_154's search to degree m, then the closed test (module docstring)."""
        m = cov.degree
        x = np.asarray(cov.values, float)
        base = self._base(cov.name)
        found = fs.search(self.y, x, base, m, cov.powers, True, self.constant, self.criterion, cov.zero,
                          cov.catzero)
        dev = {0: found.best[0][0], 1: found.best[1][0]}
        for j in range(1, m + 1):
            dev[j + 1] = found.best[2 * j][0]
        fp_powers = {j: found.best[2 * j][2] for j in range(1, m + 1)}
        if self.sequential:
            return self._sequential_test(cov, x, found, dev, fp_powers, header)
        top = fp_powers[m]
        big = dev[m + 1]
        j0 = -1 if cov.select < 1 else 0
        rows, done, chosen, chosen_dev = [], False, None, None
        first = True
        while not done and j0 < m:
            j = j0 + 1
            if j0 == -1:
                versus, n1, row_powers = "null", 2 * m + int(cov.catzero), None
            elif j0 == 0:
                versus, n1, row_powers = "lin.", 2 * m - 1, (1.0,)
            else:
                versus, n1, row_powers = f"FP{j0}", 2 * (m - j0), fp_powers[j0]
            d = dev[j] - big
            p = p_value(self.normal, found.nobs, d, n1, found.rdf - n1)
            nominal = cov.select if j0 == -1 else cov.alpha
            star = ""
            finished = False
            if cov.alpha == 1 and j0 > -1:
                finished = True  # alpha(1): the most complex model, no test
            elif p <= nominal:
                star = "*" if j0 == -1 else "+"
            rows.append(TestRow(cov.name if first else "", versus, f"FP{m}" if first else "", dev[j], d, p, star,
                                row_powers, top if first else None))
            first = False
            if not finished and p > nominal:
                done, chosen_dev = True, dev[j]
                chosen = None if j0 == -1 else row_powers
            j0 = m if finished else j0 + 1
        if not done:
            chosen, chosen_dev = top, big
        self.current[cov.name] = self._terms(cov, x, found, chosen)
        return Selection(cov.name, False, tuple(rows), chosen_dev, chosen, "closed", header)

    @staticmethod
    def _terms(cov, x, found, powers) -> list:
        """The chosen model's columns of x (frac_154's, with zero/catzero): none when dropped."""
        if powers is None:
            return []
        if cov.zero or cov.catzero:
            terms = fs.zero_terms(np.where(x > 0, x, 0.0) / found.scale, powers)
            return terms + ([(x <= 0).astype(float)] if cov.catzero else [])
        return fs.fp_terms((x + found.shift) / found.scale, powers)


    def _sequential_test(self, cov, x, found, dev, fp_powers, header) -> Selection:
        """mfp's sequential option (Royston and Altman): FPm against FP(m-1), ..., FP1 against
        linear (1 df), linear against null (select() < 1): the first significant test keeps the more
        complex model; none: linear, or dropped when select() < 1."""
        m = cov.degree
        lowest = -1 if cov.select < 1 else 0
        rows, chosen, chosen_dev, done = [], None, None, False
        j0 = m
        while not done and j0 > lowest:
            if j0 == 0:
                model, versus, n1, powers, versus_powers = "lin.", "null", 1 + int(cov.catzero), (1.0,), "."
            elif j0 == 1:
                model, versus, n1, powers, versus_powers = "FP1", "lin.", 1, fp_powers[1], (1.0,)
            else:
                model, versus, n1 = f"FP{j0}", f"FP{j0 - 1}", 2
                powers, versus_powers = fp_powers[j0], fp_powers[j0 - 1]
            d = dev[j0] - dev[j0 + 1]
            p = p_value(self.normal, found.nobs, d, n1, found.rdf - n1)
            nominal = cov.select if j0 == 0 else cov.alpha
            star = ""
            if p <= nominal:
                done, star, chosen, chosen_dev = True, "*", powers, dev[j0 + 1]
            rows.append(TestRow(cov.name if not rows else "", model, versus, dev[j0 + 1], d, p, star, powers,
                                versus_powers, "sequential"))
            j0 -= 1
        if not done:
            chosen, chosen_dev = (None, dev[0]) if cov.select < 1 else ((1.0,), dev[1])
        self.current[cov.name] = self._terms(cov, x, found, chosen)
        return Selection(cov.name, False, tuple(rows), chosen_dev, chosen, "closed", header)


def default_df(distinct: int, dfdefault: int) -> int:
    """mfp's df for a covariate not in df(): 1 with 2-3 distinct values, min(2, dfdefault) with
    4-5, dfdefault otherwise."""
    if distinct <= 3:
        return 1
    if distinct <= 5:
        return min(2, dfdefault)
    return dfdefault


def initial_df(df: int, catzero: bool = False) -> int:
    """e(Fp_id#): 1 for df 1, else 2 int((df + .5) / 2); one more with catzero()."""
    m = int((df + 0.5) / 2)
    return (1 if m == 0 else 2 * m) + int(catzero)


def final_df(powers: tuple | None, catzero: bool = False) -> int:
    """e(Fp_fd#): 1 for linear, 2 per power otherwise (a dropped x: shown as 0); one more with
    catzero()."""
    if powers is None:
        return 2 + int(catzero)
    return (1 if powers == (1.0,) else 2 * len(powers)) + int(catzero)

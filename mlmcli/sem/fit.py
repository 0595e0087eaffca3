"""The fitted path model: e(b)/e(V) in Stata's names, the sandwich VCE, the result rows.

Parameters, in Stata's order: each equation's paths (regressors as typed, then its
latent variables with loading 1, then ``_cons``), then for gsem the latent variances and
covariances, then the error variances ``var(e.y)``.  vce(robust|cluster):
V = H^-1 (sum_c s_c s_c') H^-1 * G / (G - 1), H^-1 the OIM variance and s_c the scores
summed within cluster c (each observation its own cluster for robust): ``robust.cluster_sandwich``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.sem.path_model import PathModel


@dataclass(frozen=True)
class SEMFit:
    command: str
    model: PathModel
    names: tuple[str, ...]
    b: np.ndarray
    V: np.ndarray
    loglik: float
    n: int
    level: float
    iterations: tuple[float, ...]
    constrained: frozenset = frozenset()
    variances: frozenset = frozenset()  # indices of variance parameters
    vce: str = "oim"
    clustvar: str | None = None
    n_clust: int | None = None
    lr_saturated: tuple[float, int, float] | None = None
    converged: bool = True
    limit_reached: bool = False  # stopped at iterate() (the results are where it stopped)
    nolog: bool = False
    extra: dict = field(default_factory=dict)
    ancillary: frozenset = frozenset()  # ordinal cutpoints (``cut1:_cons``): ``/cut1`` rows, no z and P
    offset_rows: tuple = ()  # (depvar, ``ln(expo)``, ``exposure``|``offset``): shown with 1 after _cons
    pseudo: bool = False  # Log pseudolikelihood (robust or cluster VCE of the me engine's fit)
    glmm: object = None  # the me engine's GLMMFit behind a generalized gsem (predict)

    def e_matrices(self):
        from mlmcli.results.matrix import Matrix

        return Matrix(self.b[None, :].copy(), ("y1",), self.names), Matrix(self.V.copy(), self.names, self.names)

    @property
    def summary_variables(self) -> tuple[str, ...]:
        """estat summarize's variables: the observed variables of the paths (factor-variable and
        time-series terms left out), not the latent variables of e(b)'s names."""
        out = list(self.model.endogenous)
        for eq in self.model.equations:
            out += list(eq.regressors) + [x for x, _ in eq.slopes]
        out += [w for _, regs in self.model.latent_paths for w in regs]
        return tuple(v for v in dict.fromkeys(out) if "." not in v and "#" not in v)

    def margins_prediction(self, options: str):
        """margins' hook: after sem x b of an observed endogenous variable (``sem.sem_margins``,
        ``extra["margins_designs"]`` each equation's design); after gsem ``sem.gsem_margins``,
        ``extra["margins_design"]`` the fixed design gsem posted as e(design)."""
        if "margins_designs" in self.extra:
            from .sem_margins import gsem_gaussian_prediction, sem_margins_prediction

            if self.command == "gsem":
                return gsem_gaussian_prediction(self, options)
            return sem_margins_prediction(self, options)
        design = self.extra.get("margins_design")
        if design is None:
            from mlmcli.errors import StataError

            raise StataError("requested action not valid after most recent estimation command", 321)
        from .gsem_margins import gsem_margins_prediction

        return gsem_margins_prediction(self, design, options)

    def margins_other_labels(self) -> tuple:
        from .sem_margins import other_labels

        return other_labels(self)

    def margins_variables(self) -> tuple[str, ...]:
        from .sem_margins import other_variables

        return other_variables(self)

    def n_parameters(self) -> int:
        return len(self.names) - len(self.constrained)

    def predict(self, statistic, rows):
        from mlmcli.errors import StataError

        raise StataError(f"predict after {self.command} is not available in mlm", 198)

    def result(self):
        from mlmcli import distributions as stats
        from mlmcli.results.sem import SEMResult, SEMRow
        from mlmcli.syntax.coefnames import parse_coef_name, split_eq

        crit = float(stats.norm.ppf(0.5 + self.level / 200.0))
        se = np.sqrt(np.clip(np.diag(self.V), 0.0, None))
        eqs: list[tuple[str, list]] = []
        if self.extra.get("base_equation"):  # a multinomial response's base outcome: no paths
            eqs.append((self.extra["base_equation"], []))
        groups: list[list] = []
        last_kind = None
        nan = float("nan")
        for j, full in enumerate(self.names):
            eq, name = split_eq(full)
            b, s = float(self.b[j]), float(se[j])
            if j in self.constrained:
                row = SEMRow(eq if eq.startswith(("var(", "cov(", "mean(")) else name, b, nan, nan, nan, nan, nan,
                             constrained=True)
            elif j in self.ancillary:
                row = SEMRow(f"/{eq}", b, s, nan, nan, b - crit * s, b + crit * s, variance=True)
            elif j in self.variances:
                half = crit * s / b if b > 0 else nan
                hi = b * float(np.exp(half)) if half < 700 else nan  # a variance at 0: no upper bound (.)
                lo = b * float(np.exp(-half)) if half < 700 else 0.0
                if not np.isfinite(s):  # a variance the Hessian leaves missing: no interval either
                    lo = hi = nan
                row = SEMRow(eq, b, s, nan, nan, lo, hi, variance=True)
            else:
                known = 0 < s < np.inf  # a variance past the double range: z and P missing too
                z = b / s if known else nan
                p = float(2 * stats.norm.sf(abs(z))) if known else nan
                label = eq if eq.startswith(("cov(", "mean(")) else name
                row = SEMRow(label, b, s, z, p, b - crit * s, b + crit * s)
            if eq.startswith(("var(", "cov(", "mean(")) or j in self.ancillary:
                kind = ("anc" if j in self.ancillary else "e" if eq.startswith("var(e.")
                        else "latent-var" if eq.startswith("var(") else "mean" if eq.startswith("mean(")
                        else "cov")
                if kind != last_kind:
                    groups.append([])
                    last_kind = kind
                groups[-1].append(row)
            else:
                if ("." in name or "#" in name) and "[" not in name and parse_coef_name(name).is_base_or_omitted:
                    continue  # a factor's base level: in e(b), not in the table (as the me commands show it)
                if not eqs or eqs[-1][0] != eq:
                    eqs.append((eq, []))
                eqs[-1][1].append(row)
                if j + 1 == len(self.names) or split_eq(self.names[j + 1])[0] != eq:  # the block's last row
                    eqs[-1][1].extend(SEMRow(label, 1.0, nan, nan, nan, nan, nan, constrained=True, note=kind)
                                      for dep, label, kind in self.offset_rows if dep == eq)
        cluster = (self.n_clust, self.clustvar) if self.vce == "cluster" else None
        return SEMResult(self.command, self.n, self.loglik, self.level, self.model.endogenous,
                         self.model.exogenous, self.iterations,
                         tuple((eq, tuple(rows)) for eq, rows in eqs), tuple(tuple(g) for g in groups),
                         vcetype="Robust" if self.vce in ("robust", "cluster") else None, cluster=cluster,
                         lr_saturated=self.lr_saturated, nolog=self.nolog,
                         fixed_loglik=self.extra.get("fixed_loglik"),
                         fixed_iterations=tuple(self.extra.get("fixed_iterations", ())), converged=self.converged,
                         constraints=tuple("[{}]{} = 1".format(*split_eq(self.names[j])) for j in sorted(self.constrained)),
                         pseudo=self.pseudo)


def variance_rank(V: np.ndarray) -> float:
    """e(rank) of a (g)sem fit's variance matrix: the rank over the parameters whose variances
    and covariances are finite (a fit on data near the double range can leave some missing;
    numpy's SVD of a matrix with NaN does not converge)."""
    V = np.asarray(V, float)
    if not V.size:
        return 0.0
    keep = np.isfinite(np.diag(V))  # a parameter without a variance first, then any row still not finite
    sub = V[np.ix_(keep, keep)]
    rows = np.all(np.isfinite(sub), axis=1)
    sub = sub[np.ix_(rows, rows)]
    return float(np.linalg.matrix_rank(sub)) if sub.size else 0.0

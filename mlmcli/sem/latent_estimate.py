"""sem with single-level latent variables: the fit (``estimate_latent``) and its result object,
an SEMFit whose rows are split into the Structural and Measurement sections, with the
variable lists of Stata's header, the constraints of the normalisation and of ``@`` labels,
``standardized`` estimates shown (delta-method standard errors; e(b) and e(V) unstandardized), and the statistics of estat gof
and predict (empirical Bayes means of the latent variables, xb of the observed endogenous)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from mlmcli.sem import latent_fit as lf
from mlmcli.sem.fit import SEMFit
from mlmcli.sem.latent_model import Moments
from mlmcli.sem.latent_spec import BuiltModel, LatentSpec, build


@dataclass(frozen=True)
class LatentView:
    """What SEMFit and the renderer read of a model: its endogenous and exogenous variables."""

    endogenous: tuple[str, ...]
    exogenous: tuple[str, ...]
    latents: tuple[str, ...]
    equations: tuple = ()


@dataclass(frozen=True)
class LatentSEMFit(SEMFit):
    standardized: bool = False

    @property
    def built(self) -> BuiltModel:
        return self.extra["built"]

    @property
    def summary_variables(self) -> tuple[str, ...]:
        return self.built.observed

    def n_parameters(self) -> int:
        return self.built.ram.n_free

    def margins_prediction(self, options: str):
        from mlmcli.errors import StataError

        raise StataError("margins after sem with latent variables is not available in mlm", 321)

    def result(self):
        if self.standardized:  # the table of standardized values (e(b) unchanged)
            b_std, V_std, fixed = self.standardized_values()
            shown = dataclasses.replace(self, b=b_std, V=V_std, constrained=fixed, standardized=False)
            return dataclasses.replace(shown.result(), standardized=True)
        res = super().result()
        built = self.built
        groups: list[list] = []  # sem's blocks: means, variances (errors and exogenous together), covariances
        for row in (r for g in res.variance_groups for r in g):
            kind = row.label.split("(")[0]
            if not groups or groups[-1][0].label.split("(")[0] != kind:
                groups.append([])
            groups[-1].append(row)
        return dataclasses.replace(res, measurement=built.measurement, variable_lists=built.lists,
                                   variance_groups=tuple(tuple(g) for g in groups),
                                   standardized=self.standardized, method=self.extra.get("method", "ml"),
                                   iteration_notes=tuple("" if c else "(not concave)"
                                                         for k, c in enumerate(self.extra["log_concave"])),
                                   constraints=tuple(self.extra.get("constraint_text", ())))

    def standardized_values(self):
        """(b, V, fixed) of the shown parameters standardized; fixed: those without variance
        (var(F) = 1 of an exogenous latent variable)."""
        ram, theta, shown = self.built.ram, self.extra["theta"], self.extra["shown"]
        b_std = lf.standardize(ram, theta)[shown]
        V_std = lf.standardized_variance(ram, theta, self.extra["V_free"])[np.ix_(shown, shown)]
        fixed = frozenset(j for j in range(len(shown)) if V_std[j, j] < 1e-14 * max(1.0, b_std[j] ** 2))
        return b_std, V_std, fixed

    # ------------------------------------------------------------ predict
    def latent_values(self, Y: np.ndarray) -> np.ndarray:
        """The empirical Bayes means of every latent variable for the rows of Y."""
        built = self.built
        idx = [built.ram.p + k for k in range(len(built.latent))]
        return lf.latent_scores(built.ram, self.extra["theta"], Y, idx)

    def linear_prediction(self, Y: np.ndarray, latent: bool = False) -> np.ndarray:
        return linear_predictions(self.built, self.extra["theta"], Y, latent)


def linear_predictions(built: BuiltModel, theta: np.ndarray, Y: np.ndarray, latent: bool = False) -> np.ndarray:
    """xb of every observed (``latent``: latent) endogenous variable: its intercept plus its
    paths times the observed values of observed variables and the empirical Bayes means of
    latent ones."""
    ram = built.ram
    A, _, alpha = ram.matrices(theta)
    scores = lf.latent_scores(ram, theta, Y, [ram.p + k for k in range(len(built.latent))])
    full = np.column_stack([Y, scores])
    kinds = built.latent if latent else built.observed
    out = []
    for v in built.endogenous:
        if v not in kinds:
            continue
        k = ram.variables.index(v)
        used = np.flatnonzero(A[k, :])  # a missing value the equation does not use is no matter
        out.append(alpha[k] + full[:, used] @ A[k, used])
    return np.column_stack(out)


def _constraint_text(built: BuiltModel) -> list[str]:
    """Stata's constraint list: fixed paths and parameters ``[x1]F = 1``, then one line per
    further use of a shared label ``[x2]F - [x3]F = 0``."""
    out = []
    ram = built.ram
    first: dict[int, str] = {}
    for k in built.shown:
        s = ram.slots[k]
        eq, _, name = s.name.partition(":")
        label = f"[{eq}]{name}"
        if s.fixed is not None:
            v = s.fixed
            out.append(f"{label} = {int(v) if float(v).is_integer() else v:g}")
            continue
        idx = ram.index[k]
        shared = sum(1 for j in ram.index if j == idx) > 1
        if shared and idx in first:
            out.append(f"{first[idx]} - {label} = 0")
        elif shared:
            first[idx] = label
    return out


def estimate_latent(spec: LatentSpec, Y: np.ndarray, *, level: float = 95.0, nolog: bool = False,
                    iterate: int | None = None, standardized: bool = False, mlmv: bool = False,
                    vce: str = "oim", cluster: np.ndarray | None = None, clustvar: str | None = None) -> LatentSEMFit:
    """``mlmv``: Y holds missing values (NaN), the likelihood sums over their patterns.
    vce robust|cluster: V = H^-1 (sum_c s_c s_c') H^-1 G/(G-1), s_c the rows' scores summed
    within cluster c (each row its own cluster for robust)."""
    built = build(spec)
    ram = built.ram
    mom = Moments.with_missing(Y) if mlmv else Moments.of(Y)
    if np.linalg.matrix_rank(mom.cov) < ram.p:
        from mlmcli.errors import StataError

        raise StataError("the observed variables' covariance matrix is singular", 506)
    start = lf.starting_values(built, mom)
    best = lf.maximize(ram, start, mom, limit=300 if iterate is None else iterate)
    theta = best.theta
    Vfree = lf.oim_variance(ram, theta, mom)
    n_clust = None
    if vce in ("robust", "cluster"):
        from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

        rows = Y[np.isfinite(Y).any(axis=1)] if mlmv else Y
        scores = lf.observation_scores(ram, theta, rows)
        codes = None
        if vce == "cluster":
            codes, n_clust = cluster_index(cluster)
        Vfree = cluster_sandwich(Vfree, scores, codes)
    values = ram.values(theta)
    # e(V) over every slot: free ones from (-H)^-1, fixed ones 0
    idx = np.array([-1 if k is None else k for k in ram.index])
    Vfull = np.zeros((len(values), len(values)))
    free = idx >= 0
    Vfull[np.ix_(free, free)] = Vfree[np.ix_(idx[free], idx[free])]
    shown = list(built.shown) if not mlmv else list(range(len(ram.slots)))  # mlmv: never x-conditional
    names = tuple(ram.slots[k].name for k in shown)
    b = values[shown]
    V = Vfull[np.ix_(shown, shown)]
    constrained = frozenset(j for j, k in enumerate(shown) if ram.index[k] is None)
    variances = frozenset(j for j, k in enumerate(shown) if ram.slots[k].kind == "var")
    lr = lf.saturated_test(best.loglik, mom, ram.n_free)
    view = LatentView(tuple(v for v in built.endogenous if v in built.observed), built.exogenous, built.latent)
    extra = {"built": built, "theta": theta, "moments": mom, "baseline": lf.baseline_test(built, mom),
             "constraint_text": _constraint_text(built), "V_free": Vfree,
             "log_concave": tuple(c for _, c in best.log), "method": "mlmv" if mlmv else "ml",
             "shown": shown}
    return LatentSEMFit("sem", view, names, b, V, best.loglik, mom.n, level,
                        tuple(ll for ll, _ in best.log), constrained=constrained, variances=variances,
                        lr_saturated=lr, converged=best.converged, limit_reached=best.limit_reached,
                        nolog=nolog, extra=extra, standardized=standardized, vce=vce, clustvar=clustvar,
                        n_clust=n_clust)

"""``PanelFit``: a fitted ``xtreg`` model as the estimation layer sees it.

It implements ``mlmcli.estimation.interface.EstimationFit`` (``e_matrices``,
``result``, ``predict``) and the margins hook.  Its panel (``re_terms``: one term, the
panel variable) lets ``predict`` find each row's panel and e(sample) after the data
are sorted.

predict (Stata's xtrefe_p / xtrere_p):

    xb    x_it b                      stdp  sqrt(x_it V x_it')
    ue    y_it - x_it b               (any row)
    u     fe, be, mle: ubar_i = mean over panel i's estimation rows of (y - x b)
          re:          u_i = sigma_u^2 / (T_i sigma_u^2 + sigma_e^2) * sum_t (y_it - x_it b)
                       (T-bar in place of T_i when every panel has the same size)
    e     y_it - x_it b - u_i         xbu   x_it b + u_i
u, e and xbu are defined on the estimation sample only (and u on every row of a panel
seen in estimation, as Stata's ``replace u = u[_N]``, but kept to e(sample) here as its
``if touse`` does).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from mlmcli import distributions as stats  # scipy.stats' numbers without its import

from mlmcli.errors import StataError
from mlmcli.panel.groups import sample_panel_sums
from mlmcli.postest.linear_prediction import LinearIndexPredictions

PREDICT_STATISTICS = ("xb", "stdp", "ue", "u", "e", "xbu")
TITLES = {"fe": "Fixed-effects (within) regression", "be": "Between regression (regression on group means)",
          "re": "Random-effects GLS regression", "ml": "Random-effects ML regression"}


def _chibar2_p(chibar2: float) -> float:
    """P(chibar2(01) >= x) = chi2(1) tail / 2 (1 at 0)."""
    if not np.isfinite(chibar2):
        return float("nan")
    return 1.0 if chibar2 == 0 else float(stats.chi2.sf(chibar2, 1) / 2)


def panel_predict_options(ivar: str) -> tuple:
    """xtrefe_p/xtrere_p/xtht_p's statistics: (statistic, minimal abbreviation, label)."""
    return (("xb", 2, "Linear prediction"), ("stdp", 4, "S.E. of the prediction"),
            ("ue", 2, f"u[{ivar}] + e[{ivar},t]"), ("u", 1, f"u[{ivar}]"), ("e", 1, f"e[{ivar},t]"),
            ("xbu", 3, f"Xb + u[{ivar}]"))


def panel_statistic(statistic: str, xb: np.ndarray, rows, n: int, shrink) -> np.ndarray:
    """xb, ue, u, e, xbu on the rows in memory (see the module docstring) for a fit of ``n``
    panels; ``shrink`` = (sigma_u^2, sigma_e^2, T-bar or None) for the random-effects u_i
    (T-bar when the panels are balanced, else each panel's T_i), None for the mean residual."""
    if statistic == "xb":
        return xb
    y = rows.depvar()
    if statistic == "ue":
        return y - xb
    if statistic not in ("u", "e", "xbu"):
        raise StataError(f"option {statistic} not allowed", 198)
    groups = rows.groups()
    code, sample = groups.codes[0], groups.sample
    inside = sample & (code >= 0)
    cnt, tot = sample_panel_sums(code, sample, y - xb, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        if shrink is None:
            u_g = tot / cnt
        else:
            su2, se2, tbar = shrink
            T = cnt if tbar is None else np.full(n, tbar)
            u_g = su2 / (T * su2 + se2) * tot
    u = np.full(len(y), np.nan)
    u[inside] = u_g[code[inside]]
    if statistic == "u":
        return u
    if statistic == "e":
        return y - xb - u
    return xb + u


@dataclass(frozen=True)
class PanelTerm:
    """The panel as one 'random-effects term' (how predict maps rows to panels)."""

    levelvar: str
    n_groups: int
    group: np.ndarray
    names: tuple = ("_cons",)
    Z: Any = None
    crossed_factor: bool = False


@dataclass(frozen=True)
class PanelFit(LinearIndexPredictions):
    model: str  # fe | be | re | ml
    depvar: str
    ivar: str
    coef_labels: tuple  # CoefLabel of every coefficient of the first equation
    b: np.ndarray  # estimable coefficients (the design's columns, _cons last)
    V: np.ndarray
    scalars: dict  # e() scalars, Stata's names
    macros: dict  # e() macros the engine decides (vce, vcetype, chi2type, typ ...)
    y: np.ndarray  # response on the estimation rows
    codes: np.ndarray  # panel code of each estimation row
    level: float = 95.0
    df_r: float | None = None  # t statistics on df_r (fe, be); z when None
    cluster_var: str | None = None
    theta: Any = None  # scalar (balanced) or the 5 quantiles (min p5 p50 p95 max)
    ancillary: tuple = ()  # (label, estimate, se, lo, hi) of /sigma_u, /sigma_e, rho (mle)
    extra_names: tuple = ()  # e(b) columns after the first equation (mle: sigma_u:_cons sigma_e:_cons)
    full_b: np.ndarray | None = None  # e(b)/e(V) over every estimable parameter (mle)
    full_V: np.ndarray | None = None
    matrices: dict = field(default_factory=dict)  # extra e() matrices (bf, VCEf, theta)
    iteration_logs: dict = field(default_factory=dict)  # mle: {"constant": [(ll, note)...], "full": [...]}

    # ------------------------------------------------------------------ e()
    def e_matrices(self):
        """e(b), e(V): zeros for base/omitted, Stata's names (``ln_wage:x`` ... after mle)."""
        from mlmcli.results.matrix import Matrix

        labels = self.coef_labels
        est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
        k1 = len(labels)
        names = [lab.name for lab in labels]
        if self.model == "ml":
            names = [f"{self.depvar}:{nm}" for nm in names] + list(self.extra_names)
        k = len(names)
        b = np.zeros(k)
        V = np.zeros((k, k))
        if self.model == "ml":
            idx = est + list(range(k1, k))
            b[idx] = self.full_b
            V[np.ix_(idx, idx)] = self.full_V
        else:
            b[est] = self.b
            V[np.ix_(est, est)] = self.V
        return Matrix(b[None, :], ("y1",), tuple(names)), Matrix(V, tuple(names), tuple(names))

    def coef_rows(self) -> tuple:
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        return rows_from_estimates(self.coef_labels, self.b, self.V, self.level, self.df_r)

    def result(self):
        """The ``XtregResult`` ``xtreg`` prints."""
        from mlmcli.results.panel import AncillaryRow as Row, XtregResult

        sc = self.scalars
        model = self.model
        robust = self.macros.get("vcetype") == "Robust"
        vcetype = self.macros.get("vcetype")
        bootstrap = vcetype == "Bootstrap"
        replicated = self.macros.get("vce") in ("bootstrap", "jackknife")
        cluster = (int(sc["N_clust"]), self.cluster_var) if self.cluster_var and "N_clust" in sc and not replicated \
            else None
        if model in ("fe", "be") and not bootstrap:
            df_b = int(sc["df_b"] if model == "fe" else sc["df_m"])
            label, value, p = f"F({df_b},{int(sc['df_r'])})", sc["F"], sc["p"]
        elif self.macros.get("vce") == "jackknife" and model == "ml":  # _crcphdr: F when e(df_r) is set
            label, value, p = f"F({int(sc['df_m'])},{int(sc['df_r'])})", sc["F"], sc["p"]
        elif self.macros.get("vce") == "jackknife":  # xtreg_re's "`e(chi2type)' chi2(df_m)", both cleared
            label, value, p = f" chi2({int(sc['df_m'])})", float("nan"), float("nan")
        else:
            label = f"{self.macros.get('chi2type', 'Wald')} chi2({int(sc['df_m'])})"
            value, p = sc.get("chi2", float("nan")), sc.get("p_model", sc.get("p", float("nan")))
        nan = float("nan")
        fe_test = model == "fe" and "F_f" in sc
        return XtregResult(
            model=model, title=TITLES[model], depvar=self.depvar, ivar=self.ivar, nobs=int(sc["N"]),
            n_groups=int(sc["N_g"]), g_min=sc["g_min"], g_avg=sc["g_avg"], g_max=sc["g_max"],
            r2_w=sc.get("r2_w", nan), r2_b=sc.get("r2_b", nan), r2_o=sc.get("r2_o", nan),
            test_label=label, test_value=value, test_p=p, coefs=self.coef_rows(),
            stat_label="t" if self.df_r is not None else "z", level=self.level, robust=robust, cluster=cluster,
            corr=sc.get("corr", nan), rmse=sc.get("rmse", nan), ll=sc.get("ll", nan),
            sigma_u=sc.get("sigma_u", nan), sigma_e=sc.get("sigma_e", nan), rho=sc.get("rho", nan),
            ancillary=tuple(Row(*a) for a in self.ancillary),
            theta=self.theta if isinstance(self.theta, float) else None,
            theta_quantiles=self.theta if isinstance(self.theta, tuple) else None,
            F_f=sc["F_f"] if fe_test else None, df_a=int(sc.get("df_a", 0)), df_r=int(sc.get("df_r", 0)),
            p_f=sc.get("p_f", nan),
            chibar2=sc["chi2_c"] if model == "ml" and self.macros.get("chi2_ct") == "LR" else None,
            chibar2_p=_chibar2_p(sc.get("chi2_c", nan)), pseudo=robust and model == "ml",
            replications=(int(sc["N_clust"]), self.cluster_var or self.ivar) if replicated and "N_clust" in sc else None,
            vce_label=vcetype if replicated or vcetype == "OPG" else None)

    # ------------------------------------------------------------------ panels
    def re_terms(self):
        return (PanelTerm(self.ivar, int(self.codes.max()) + 1 if self.codes.size else 0, self.codes),)

    def response(self) -> np.ndarray:
        return self.y

    # ------------------------------------------------------------------ predict
    def predict_options(self) -> tuple:
        """(statistic, minimal abbreviation, variable label) predict accepts beyond xb/stdp."""
        return panel_predict_options(self.ivar)

    predict_default_note = "(option xb assumed; fitted values)"

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        n = int(self.codes.max()) + 1 if self.codes.size else 0
        if self.model == "re":
            with np.errstate(over="ignore"):  # a sigma near 1e300: its square is missing, not an OverflowError
                shrink = tuple(float(np.square(np.float64(self.scalars[k]))) for k in ("sigma_u", "sigma_e"))
            shrink = tuple(v if np.isfinite(v) else np.nan for v in shrink)
            shrink += (self.scalars["Tbar"] if self.scalars.get("Tcon") else None,)
        else:
            shrink = None
        return panel_statistic(statistic, xb, rows, n, shrink)

    def margins_prediction(self, options: str):
        """margins' hook: x b (Stata: e(marginsnotok) E U UE SCore STDP XBU)."""
        from mlmcli.margins.response import linear_prediction_for

        return linear_prediction_for(options, "Linear prediction", ("xb",), ("stdp", "ue", "u", "e", "xbu"))


class CoefficientTableFit(LinearIndexPredictions):
    """``e_matrices``/``coef_rows`` of a single-equation fit with ``coef_labels``, ``b``, ``V``
    and ``level`` (z statistics), its response ``y`` and its panel term (``group_var``,
    ``codes``): shared by the conditional, GEE and negative binomial panel fits."""

    def e_matrices(self):
        from mlmcli.postest.coefficient_rows import coefficient_matrices

        return coefficient_matrices(self.coef_labels, self.b, self.V)

    def coef_rows(self, eform: bool = False) -> tuple:
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        return rows_from_estimates(self.coef_labels, self.b, self.V, self.level, getattr(self, "df_r", None), eform)

    def result(self):
        return None  # the command keeps the result object (it needs e() scalars)

    def response(self) -> np.ndarray:
        return self.y

    def re_terms(self):
        return (PanelTerm(self.group_var, int(self.codes.max()) + 1 if self.codes.size else 0, self.codes),)

    def with_offset(self, xb: np.ndarray, rows) -> np.ndarray:
        """x b + the offset, or + ln(exposure), of ``offset_var`` ((kind, variable) or None)."""
        if getattr(self, "offset_var", None) is None or getattr(rows, "nooffset", False):
            return xb
        kind, var = self.offset_var
        off = rows.variable(var)
        return xb + (np.log(off) if kind == "exposure" else off)

    def margins_variables(self) -> tuple[str, ...]:
        """Variables margins' predictions read besides X: the offset (or exposure) variable."""
        return () if getattr(self, "offset_var", None) is None else (self.offset_var[1],)

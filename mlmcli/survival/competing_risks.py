"""stcrreg's estimates: the fit object of the estimation layer (e_matrices, result, predict)
and the texts of its header (the failure and competing events as stcrreg.ado words them).

predict (stcrreg_p's statistics): ``shr`` (the default, exp(x b + offset)), ``xb``, ``stdp``
(``nooffset`` drops the offset from shr and xb), and on the estimation sample (_st == 1,
covariates present) ``basecshazard`` -- Breslow's baseline cumulative subhazard H0(_t) -- and
``basecif`` = 1 - exp(-H0(_t)).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class EventText:
    """One header line's event: its text, plural ("events"), and the " nonzero, nonmissing" tail."""

    text: str
    multiple: bool = False
    nonzero: bool = False


def failure_event(failvar: str, events: str) -> EventText:
    """stcrreg.ado's GetFailEvents from stset's failure variable and numlist."""
    from mlmcli.render.abbrev import abbrev

    if not failvar:
        return EventText("1")
    if events:
        return EventText(f"{abbrev(failvar, 10)} == {events}", multiple=len(events.split()) > 1)
    return EventText(abbrev(failvar, 10), multiple=True, nonzero=True)


def competing_event(crvar: str, values: tuple[float, ...] | None) -> EventText:
    """stcrreg.ado's ParseCompete text: ``crvar == numlist`` or the variable alone (nonzero)."""
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.numfmt import format_number

    if values is None:
        return EventText(abbrev(crvar, 10), multiple=True, nonzero=True)
    words = " ".join(format_number(v, "%12.0g").strip() for v in values)
    return EventText(f"{abbrev(crvar, 10)} == {words}", multiple=len(values) > 1)


@dataclass
class CompetingRisksFit:
    labels: tuple
    b: np.ndarray
    V: np.ndarray
    loglik: float
    steps: list
    converged: bool
    level: float
    description: object
    failure: EventText
    compete: EventText
    n_obs: int
    n_subjects: float
    n_failed: float
    n_competing: float
    n_censored: float
    times: np.ndarray          # the failure times of interest
    basecsh: np.ndarray        # the baseline cumulative subhazard at them
    offset_var: str = ""
    n_clusters: int | None = None
    cluster_var: str | None = None
    limit_reached: bool = False
    n_tvc: int = 0             # tvc(): the last n_tvc labels, the tvc equation
    texp: str | None = None
    constraint_labels: tuple = ()  # constraints(): the `` ( 1)  [_t]x = 1`` lines above the table
    replicated: dict | None = None  # vce(jackknife|bootstrap): stcrreg_replicates.replicate_fit's summary

    def e_matrices(self):
        """e(b), e(V) in stcrreg.ado's ml equations: ``_t:x`` (`ml model (_t = xvars)`, the equation named
        after its depvar); after tvc() main:x ... tvc:z ... (stcox's names)."""
        from mlmcli.postest.coefficient_rows import coefficient_matrices
        from mlmcli.results.matrix import Matrix

        b, V = coefficient_matrices(self.labels, self.b, self.V)
        n_main = len(self.labels) - self.n_tvc
        main = "main:" if self.n_tvc else "_t:"
        names = tuple((main if j < n_main else "tvc:") + name for j, name in enumerate(b.colnames))
        return Matrix(b.values, b.rownames, names), Matrix(V.values, names, names)

    @property
    def df_m(self) -> int:
        from mlmcli.postest.coefficient_rows import safe_rank
        return safe_rank(self.V) if self.V.size else 0

    def wald(self) -> tuple[float, float]:
        """(chi2, p) of the test that every coefficient is 0 (chi2 0, p missing without any)."""
        from mlmcli import distributions

        if not self.b.size:
            return 0.0, float("nan")
        if self.constraint_labels:  # stcrreg.ado's test [#1]: [R] test drops what V cannot test
            from mlmcli.postest.wald import Constraint, wald_test

            main = len(self.labels) - self.n_tvc
            w = wald_test([Constraint(np.eye(self.b.size)[j], 0.0) for j in range(main)], self.b, self.V,
                          [""] * main)
            return w.chi2, w.p
        if self.replicated is not None:  # _prefix_model_test: missing when V is singular
            from mlmcli.postest.prefix_model_test import replicate_wald
            chi2 = replicate_wald(self.b, self.V)[0]
            return chi2, float(distributions.chi2.sf(chi2, self.df_m))
        try:
            chi2 = float(self.b @ np.linalg.solve(self.V, self.b))
        except np.linalg.LinAlgError:
            chi2 = float(self.b @ np.linalg.pinv(self.V) @ self.b)
        return chi2, float(distributions.chi2.sf(chi2, self.df_m))

    def result(self, level: float | None = None):
        from mlmcli.results.competing_risks import CompetingRisksResult

        from mlmcli import distributions

        level = self.level if level is None else level
        chi2, p = self.wald()
        rep = self.replicated or {}
        df_r, test = rep.get("df_r"), "Wald"
        if df_r is not None:  # jackknife: _prefix_model_test's F = W/df_m on e(df_r)
            chi2, test = (chi2 / self.df_m if self.df_m else float("nan")), "F"
            p = float(distributions.f.sf(chi2, self.df_m, df_r)) if self.df_m else float("nan")
        return CompetingRisksResult(
            description=self.description, steps=tuple(self.steps), failure=self.failure, compete=self.compete,
            nobs=self.n_obs, n_subjects=self.n_subjects, n_failed=self.n_failed, n_competing=self.n_competing,
            n_censored=self.n_censored, df_m=self.df_m, chi2=chi2, p=p, loglik=self.loglik,
            coefs=self._rows(level, False), coefs_shr=self._rows(level, True), level=level,
            n_clusters=self.n_clusters, cluster_var=self.cluster_var, n_tvc=self.n_tvc, texp=self.texp,
            constraint_labels=self.constraint_labels, chi2_type=test, df_r=df_r, vce_label=rep.get("label"),
            replications=rep.get("clusters"), n_reps=rep.get("n"))

    def _rows(self, level, eform):
        """The table's rows; with constraints() one without variance is ``b  (constrained)``."""
        from mlmcli.postest.coefficient_rows import rows_from_estimates
        from mlmcli.postest.ml_constraints import mark_constrained

        df_r = (self.replicated or {}).get("df_r")  # jackknife: t on e(df_r)
        rows = rows_from_estimates(self.labels, self.b, self.V, level, df_r, eform=eform)
        return mark_constrained(rows) if self.constraint_labels else rows

    def baseline_at(self, t: np.ndarray) -> np.ndarray:
        """H0 at each t (0 before the first failure time; missing where t is)."""
        k = np.searchsorted(self.times, np.where(np.isnan(t), -np.inf, t), "right")
        H = np.where(k > 0, self.basecsh[np.maximum(k - 1, 0)] if self.basecsh.size else 0.0, 0.0)
        return np.where(np.isnan(t), np.nan, H)

    def predict(self, statistic: str, rows, nooffset: bool = False) -> np.ndarray:
        from mlmcli.postest.linear_prediction import linear_prediction, prediction_se

        X = rows.fixed_design()
        k = X.shape[1]  # after tvc() the main equation's columns only (as stcox's predict)
        if statistic == "stdp":
            return prediction_se(X, self.V[:k, :k])
        xb = linear_prediction(X, self.b[:k])
        if statistic in ("basecif", "basecshazard"):
            H = self.baseline_at(rows.variable("_t"))
            used = (rows.variable("_st") == 1) & np.isfinite(xb)
            return np.where(used, H if statistic == "basecshazard" else 1.0 - np.exp(-H), np.nan)
        if self.offset_var and not nooffset:
            xb = xb + rows.variable(self.offset_var)
        if statistic == "xb":
            return xb
        if statistic == "shr":
            return np.exp(xb)
        raise StataError(f"option {statistic} not allowed", 198)

    def predict_options(self) -> tuple:
        return (("shr", 3, "Predicted subhazard ratio"), ("basecif", 7, "Baseline CIF"),
                ("basecshazard", 7, "Baseline cumulative subhazard"))

    def margins_prediction(self, options: str):
        """margins' predict(): shr (the default, exp(x b)) or xb; the rest are not allowed."""
        from mlmcli.margins.response import InverseLink, LinearIndex

        if self.n_tvc:
            raise StataError("margins after stcrreg with tvc() not supported by mlmcli", 198)
        words = options.replace(",", " ").split()  # names as typed: predict(XB) is refused
        if not words or words == ["shr"]:
            return InverseLink("log", "Predicted subhazard ratio")
        if words == ["xb"]:
            return LinearIndex("Linear prediction")
        raise StataError(f"option {' '.join(words)} not allowed", 198)

    predict_default = "shr"
    predict_default_note = "(option shr assumed; predicted subhazard ratio)"


def parse_compete(ds, text: str) -> tuple[str, tuple[float, ...] | None]:
    """compete(crvar[==numlist]) -> (variable, the numlist's unique values or None)."""
    from mlmcli.syntax.numlist import numlist

    text = str(text or "").strip()
    cut = len(text)
    for i, ch in enumerate(text):
        if ch in " =":
            cut = i
            break
    name, rest = text[:cut], text[cut:].strip()
    values = None
    if rest:
        sign = "==" if rest.startswith("==") else "=" if rest.startswith("=") else ""
        if not sign:
            raise StataError("option compete(): syntax error", 198)
        values = tuple(dict.fromkeys(numlist(rest[len(sign):].strip())))
    try:
        var = ds.resolve(name)
    except StataError:
        raise StataError("option compete(): varname required", 198) from None
    if ds.is_string(var):
        raise StataError("option compete(): varname required", 198)
    return var, values


def failure_types(ds, crvar: str, values, rows: np.ndarray, last: np.ndarray | None) -> np.ndarray:
    """stcrreg's failure type of each record on ``rows`` (1 failure, 2 competing, 0 censored or
    not a subject's last record), as stcrreg.ado builds it: only a subject's last record
    carries its outcome, and the competing indicator is _d of stset re-run with
    failure(crvar==values) on that record (ParseCompete).  That stset ends the subject at its
    first competing event (exit(failure), the default), so with no exit() a competing event on
    an earlier used record (_st == 1) leaves the last record out of it, _d missing, and Stata's
    ``_d & lastrec`` (missing is true) makes the subject's outcome competing at its last
    record's _t; with exit() the subject goes on and only the last record's own event counts.
    A last record failed (_d == 1) and competing: r(459)."""
    cr_all = ds.numeric(crvar)
    hit = np.isin(cr_all, np.asarray(values, float)) if values is not None else (cr_all != 0) & ~np.isnan(cr_all)
    d = ds.numeric("_d")[rows]
    competing = hit[rows]
    sid = ds.chars.get("st_id")
    if last is not None and sid and not ds.chars.get("st_exit"):
        ids, t = ds.numeric(sid), ds.numeric("_t")
        used = hit & (ds.numeric("_st") == 1)
        first_event = {}
        for g, when in zip(ids[used], t[used]):
            first_event[g] = min(when, first_event.get(g, np.inf))
        before = np.array([first_event.get(g, np.inf) for g in ids[rows]])
        competing = competing | (before <= t[rows])
    if last is not None:
        competing = competing & last
    if np.any(competing & (d == 1)):
        raise StataError("option compete(): competing risks events must be stset as censored", 459)
    failed = (d == 1) if last is None else (d == 1) & last
    return np.where(failed, 1, np.where(competing, 2, 0))

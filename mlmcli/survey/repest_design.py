"""repest's survey settings and its variance: the replicate-weight designs its ``svyname``
names (repest.ado 1.12.4, Avvisati and Keslair, OECD; read, not copied) and the combination
of replicate and plausible-value estimates.

Sampling variance of one plausible value p (the OECD technical reports' BRR-Fay / jackknife
formula): with theta_p the estimate under the final weight and theta_pr under replicate
weight r = 1..R, V_p = factor * sum_r (theta_pr - theta_p)(theta_pr - theta_p)'; factor is
1/(R(1-k)^2) for Fay's BRR (PISA: R = 80, k = 0.5, 1/20), (R-1)/R for JK1, 1 for JK2.  Across
M plausible values (Rubin's rules as repest applies them): theta = mean_p theta_p,
V = mean_p V_p + (1 + 1/M) B with B = sum_p (theta_p - theta)(theta_p - theta)' / (M - 1);
``fast`` takes V_1 for the sampling part.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class SurveyDesign:
    name: str
    final_weight: str
    rep_weight: str  # the replicate weights are rep_weight1 ... rep_weightR
    variance_factor: float | None  # None: PIAAC's, read from vemethodn
    nrep: int
    nbpv: int  # plausible values when a pvvarname is used
    group: str | None = None  # the unit counted by flag (schools)
    keep: tuple[str, ...] = ()  # further variables repest keeps (they must exist)
    min_groups: int = 5
    min_obs: int = 30
    flag_rule: str | None = "groups"  # "groups": observations and groups; "obs": observations only

    def weights(self) -> list[str]:
        return [self.final_weight] + [f"{self.rep_weight}{r}" for r in range(1, self.nrep + 1)]


def _d(name, final, rep, factor, nrep, nbpv, group=None, keep=(), rule="groups", min_groups=5, min_obs=30):
    return SurveyDesign(name, final, rep, factor, nrep, nbpv, group, tuple(keep), min_groups, min_obs, rule)


# the parser's table (1.12.4); TALIS's flag thresholds are repest_flags'
SURVEYS = {
    "PISA": _d("PISA", "w_fstuwt", "w_fstr", 1 / 20, 80, 5, "schoolid", ("cnt", "schoolid")),
    "PISA2015": _d("PISA2015", "w_fstuwt", "w_fsturwt", 1 / 20, 80, 10, "cntschid", ("cnt", "cntschid")),
    "TALISTCH": _d("TALISTCH", "tchwgt", "trwgt", 1 / 25, 100, 1, "idschool", ("cntry", "idschool"), min_groups=10),
    "TALISSCH": _d("TALISSCH", "schwgt", "srwgt", 1 / 25, 100, 1, rule="obs", min_obs=10),
    "PIAAC": _d("PIAAC", "spfwt0", "spfwt", None, 80, 10, keep=("vemethodn",), rule="obs"),
    "ALL": _d("ALL", "weight", "REPLIC", 1.0, 30, 10, rule=None),
    "IALS": _d("IALS", "weight", "REPLIC", 1.0, 30, 10, rule=None),
    "IELS": _d("IELS", "CHILDWGT", "SRWGT", 1 / 23, 92, 5, "IDCENTRE", ("IDCENTRE",)),
    "PISAOOS": _d("PISAOOS", "spfwt0", "spfwt", 29 / 30, 30, 10, rule="obs"),
    "SSES": _d("SSES", "WT2019", "rwgt", 1 / 2, 76, 1, "SchID", ("SchID",), rule=None),
    "SSES2023": _d("SSES2023", "WT2023", "rwgt", 1 / 20, 80, 1, "SchID", ("SchID",), rule=None),
    "ICCS": _d("ICCS", "TOTWGTS", "SRWGT", 1.0, 75, 5, rule=None),
    "ICILS": _d("ICILS", "TOTWGTS", "SRWGT", 1.0, 75, 5, rule=None),
    "ICCS_T": _d("ICCS_T", "TOTWGTT", "TRWGT", 1.0, 75, 5, rule=None),
    "ICILS_T": _d("ICILS_T", "TOTWGTT", "TRWGT", 1.0, 75, 5, rule=None),
    "ICCS_C": _d("ICCS_C", "TOTWGTC", "CRWGT", 1.0, 75, 5, rule=None),
    "ICILS_C": _d("ICILS_C", "TOTWGTC", "CRWGT", 1.0, 75, 5, rule=None),
    "LEADER_TALISEC": _d("LEADER_TALISEC", "cntrwgt", "crwgt", 1 / 23, 92, 1, rule="obs", min_obs=10),
    "TALISEC_LEADER": _d("TALISEC_LEADER", "cntrwgt", "crwgt", 1 / 23, 92, 1, rule="obs", min_obs=10),
    "STAFF_TALISEC": _d("STAFF_TALISEC", "staffwgt", "srwgt", 1 / 23, 92, 1, "idcentre", ("idcentre",),
                        min_groups=10),
    "TALISEC_STAFF": _d("TALISEC_STAFF", "staffwgt", "srwgt", 1 / 23, 92, 1, "idcentre", ("idcentre",), rule=None),
    "TIMSS": _d("TIMSS", "WGT", "JR", 1 / 2, 150, 5, rule=None),
    "PIRLS": _d("PIRLS", "WGT", "JR", 1 / 2, 150, 5, rule=None),
    "SVY": _d("SVY", "", "", None, 0, 1, rule=None),
}

SVYPARMS = ("NBpv", "final_weight_name", "rep_weight_name", "variancefactor", "NREP")


def _number(text: str, what: str) -> float:
    """svyparms' values are macro-expanded into ``local x = value``: a number or a ratio."""
    number = r"(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"  # not "." alone (missing: forvalues' r(198))
    m = re.fullmatch(rf"\s*([-+]?{number})\s*(?:/\s*({number}))?\s*", text)
    if not m or (m.group(2) and float(m.group(2)) == 0):  # x/0 is missing
        raise StataError(f"svyparms(): {what}({text}) invalid", 198)
    value = float(m.group(1))
    return value / float(m.group(2)) if m.group(2) else value


def _count(text: str, what: str) -> int:
    """NBpv and NREP count variables (pv1 ... pv#, rep1 ... rep#): a whole number from 1 to
    c(maxvar); anything else names no variables repest's loops could read."""
    value = _number(text, what)
    if not (1 <= value <= 120000) or value != int(value):
        raise StataError(f"svyparms(): {what}({text}) invalid", 198)
    return int(value)


def apply_svyparms(design: SurveyDesign, svyparms: str) -> tuple[SurveyDesign, bool]:
    """The suboptions repest reads from svyparms() (case-sensitive, as its regexm reads them):
    the new design and whether any was recognised."""
    found = {}
    for key in SVYPARMS:
        m = re.search(re.escape(key) + r"\(([^)]*)", svyparms)
        if m:
            found[key] = m.group(1).strip()
    changes = {}
    if "NBpv" in found:
        changes["nbpv"] = _count(found["NBpv"], "NBpv")
    if "final_weight_name" in found:
        changes["final_weight"] = found["final_weight_name"]
    if "rep_weight_name" in found:
        changes["rep_weight"] = found["rep_weight_name"]
    if "variancefactor" in found:
        changes["variance_factor"] = _number(found["variancefactor"], "variancefactor")
    if "NREP" in found:
        changes["nrep"] = _count(found["NREP"], "NREP")
    return replace(design, **changes), bool(found)


def piaac_variance_factor(vemethod: np.ndarray, weight: np.ndarray, nrep: int, by_level: str) -> float:
    """repest_PIAAC_variancefactor: JK1 countries (vemethodn 1) (R-1)/R -- Australia with 60
    replicates --, JK2 (2) 1, a pooled sample the mixture at the weighted share of JK1."""
    values = vemethod[~np.isnan(vemethod)]
    if values.size and np.all(values == values[0]):
        if values[0] == 1:
            r = min(nrep, 60) if by_level in ("Australia", "AUS", "36") else nrep
            return (r - 1) / r
        if values[0] == 2:
            return 1.0
    ok = ~np.isnan(vemethod) & ~np.isnan(weight) & (weight > 0)
    mean = float(np.average(vemethod[ok], weights=weight[ok])) if ok.any() else np.nan
    return (nrep - (2 - mean)) / nrep


def sampling_variance(deviations: np.ndarray, factor: float) -> np.ndarray:
    """factor * D'D, D the replicate estimates less the full-sample estimate (R x k)."""
    d = np.asarray(deviations, float)
    with np.errstate(over="ignore", invalid="ignore"):  # estimates near 1e150: past the largest double is missing
        out = (d.T @ d) * factor
    return np.where(np.isinf(out), np.nan, out)


def combine_plausible_values(betas: list[np.ndarray], variances: list[np.ndarray],
                             fast: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """repest_PVvariance: the mean estimate and sampling + (1 + 1/M) imputation variance."""
    B = np.vstack([np.asarray(b, float) for b in betas])
    M = B.shape[0]
    if M == 1:
        return B[0], np.asarray(variances[0], float)
    b = B.mean(axis=0)
    dev = b - B
    with np.errstate(over="ignore", invalid="ignore"):  # as sampling_variance: overflow is missing
        imputation = dev.T @ dev / (M - 1)
        sampling = np.asarray(variances[0], float) if fast else sum(np.asarray(v, float) for v in variances) / M
        total = sampling + (M + 1) / M * imputation
    return b, np.where(np.isinf(total), np.nan, total)

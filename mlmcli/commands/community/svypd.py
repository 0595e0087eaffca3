"""``svypd varname [if] [, level(#) cilevellist(numlist) method(name) adjust truncate]``
(Dale Rhoda, Biostat Global Consulting: svypd.ado 1.08 with svyp_ci_calc 1.15 and
svyp_null_result 1.01, the public survey-proportion routines of WHO's Vaccination Coverage
Quality Indicators): a 0/1 variable's survey-weighted proportion with a confidence interval
from one of seven binomial methods on the design's effective sample size (Dean and Pagano
2015, "Evaluating confidence interval methods for binomial proportions in clustered surveys").

As the ado: the variable may hold only 0, 1 and missing (else its message and r(99));
``quietly svy, subpop(if) : proportion varname`` gives p and its standard error (an all-0 or
all-1 subpopulation: p 0 or 1, se 0); the degrees of freedom count the svyset first stage's
strata among the ``if`` rows and every cluster of those strata (all clusters without strata);
clusters - strata, N - strata, clusters - 1 or N - 1 as the design has them, N - 1 when se is 0.
Then svyp_ci_calc: neff = p(1-p)/se^2 (N when p or se is 0 or 1 to seven decimals), DEFF =
(N-1)/neff; ``adjust`` multiplies neff by (z/t_df)^2 for each level, ``truncate`` puts neff = N
and DEFF = 1 when DEFF < 1; Wald, Wilson, Clopper(-Pearson)/Exact, Jeffreys, Agresti(-Coull),
Logit (default) and Fleiss/Wilsoncc intervals, Wald and Logit falling back to Clopper-Pearson
when p is 0 or 1 or se is 0.  Nothing is printed; r() is svyp_ci_calc's: svyp, stderr,
lb_alpha/ub_alpha (the first level), lb_2alpha/ub_2alpha (the second, by default 95 and 90),
neff, deff, df, N, Nwtd, clusters, method and cilevellist macros, ci_list (level, lcb_2sided,
ucb_2sided).  An empty subpopulation or an all-missing variable: svyp_null_result's r().
"""
from __future__ import annotations

import numpy as np
from scipy import special, stats

from mlmcli.commands.community.xtart import run_quietly
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("level", 5, True), OptionSpec("cilevellist", 11, True), OptionSpec("method", 1, True),
           OptionSpec("adjust", 3), OptionSpec("truncate", 5)]
METHODS = ("Wald", "Wilson", "Clopper", "Clopper-Pearson", "Exact", "Jeffreys", "Agresti", "Agresti-Coull",
           "Logit", "Fleiss", "Wilsoncc")
ROW_COLUMNS = ("level", "lcb_2sided", "ucb_2sided")


def _levels(text, name: str, single: bool) -> list[float]:
    from mlmcli.syntax.numlist import numlist

    values = [float(v) for v in numlist(str(text))]
    if not values or any(not 0 < v < 100 for v in values) or (single and len(values) != 1):
        raise StataError(f"option {name}() invalid", 198)
    return values


def _null_result() -> dict:
    from mlmcli.results.matrix import Matrix

    nan = float("nan")
    return {"clusters": 0.0, "Nwtd": 0.0, "N": 0.0, "method": "", "deff": nan, "df": 0.0, "cilevellist": "",
            "ub_2alpha": nan, "lb_2alpha": nan, "ub_alpha": nan, "lb_alpha": nan, "stderr": nan, "svyp": nan,
            "ci_list": Matrix(np.array([[95, nan, nan], [90, nan, nan]]), ("r1", "r2"), ROW_COLUMNS)}


def _count_levels(values: np.ndarray) -> int:
    return int(np.unique(values[~np.isnan(values)]).size)


def _design_df(session, runner, rows: np.ndarray, answered: np.ndarray, se: float) -> tuple[float, float]:
    """svypd's degrees of freedom and cluster count from the svyset first stage (``qui svyset``'s
    r(strata1) and r(su1), as the ado reads them)."""
    ds = session.data
    run_quietly(session, runner, "svyset")
    strata, cluster = session.r.get("strata1") or None, session.r.get("su1") or None
    n = float(answered.sum())
    n_strata = float(_count_levels(ds.numeric(strata)[rows])) if strata else 0.0
    n_clusters = 0.0
    if cluster:
        if strata:
            s = ds.numeric(strata)
            touched = np.isin(s, s[rows])
        else:
            touched = np.ones(ds.nobs, bool) if rows.any() else np.zeros(ds.nobs, bool)
        n_clusters = float(_count_levels(ds.numeric(cluster)[touched]))
    if strata and cluster:
        df = n_clusters - n_strata
    elif strata:
        df = n - n_strata
    elif cluster:
        df = n_clusters - 1
    else:
        df = n - 1
    if se == 0:
        df = n - 1
    return df, n_clusters


def confidence_limits(method: str, phat: float, se: float, n: float, dof: float | None, levels: list[float],
                      adjust: bool, truncate: bool) -> dict:
    """svyp_ci_calc 1.15: the limits at each level and the returned numbers."""
    text_p, text_se = f"{phat:9.7f}".strip(), f"{se:9.7f}".strip()
    homogeneous = text_p in ("1.0000000", "0.0000000") or text_se == "0.0000000"
    lv = np.asarray(levels, float)
    pq = phat * (1 - phat)
    with np.errstate(divide="ignore", invalid="ignore"):
        neff0 = n if homogeneous else pq / se ** 2
    df_n = float(np.floor(n + 0.5))
    df = float(dof) if dof is not None else df_n - 1
    deff = 1.0 if homogeneous else ((df_n - 1) / neff0 if neff0 else float("nan"))
    ao2 = (100 - lv) / 100 / 2
    z = stats.norm.ppf(1 - ao2)
    acc = z ** 2 / 2
    neff = np.full(lv.size, neff0, float)
    if adjust:
        t = stats.t.ppf(1 - ao2, df) if df > 0 else np.full(lv.size, np.nan)
        neff = neff * (z / t) ** 2
    if truncate and deff < 1:
        neff, deff = np.full(lv.size, n, float), 1.0
    degenerate = phat in (0.0, 1.0) or se == 0
    if method in ("Wald", "Logit") and degenerate:
        method = "Clopper-Pearson"
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if method == "Wald":
            half = np.abs(z * np.sqrt(pq / neff))
            lo, hi = phat - half, phat + half
        elif method == "Logit":
            centre, half = np.log(phat / (1 - phat)), z / np.sqrt(neff * pq)
            lo, hi = special.expit(centre - half), special.expit(centre + half)
        elif method == "Wilson":
            t1 = phat + z ** 2 / (2 * neff)
            t2 = z * np.sqrt(pq / neff + z ** 2 / (2 * neff) ** 2)
            t3 = 1 + z ** 2 / neff
            lo, hi = (t1 - t2) / t3, (t1 + t2) / t3
        elif method == "Jeffreys":
            x = phat * neff
            lo = special.betaincinv(x + 0.5, neff - x + 0.5, ao2)
            hi = special.betaincinv(x + 0.5, neff - x + 0.5, 1 - ao2)
            lo, hi = np.where(phat == 0, 0.0, lo), np.where(phat == 1, 1.0, hi)
        elif method in ("Agresti", "Agresti-Coull"):
            nt = neff + 2 * acc
            pt = (phat * neff + acc) / nt
            half = z * np.sqrt(pt * (1 - pt) / nt)
            lo, hi = pt - half, pt + half
        elif method in ("Fleiss", "Wilsoncc"):
            t3 = 2 * (neff + z ** 2)
            t1l = 2 * neff * phat + z ** 2 - 1
            lo = (t1l - z * np.sqrt(z ** 2 - (2 + 1 / neff) + 4 * phat * (neff * (1 - phat) + 1))) / t3
            hi = (t1l + 2 + z * np.sqrt(z ** 2 + (2 - 1 / neff) + 4 * phat * (neff * (1 - phat) - 1))) / t3
            lo, hi = np.where(phat == 0, 0.0, lo), np.where(phat == 1, 1.0, hi)
        else:  # Clopper-Pearson, Clopper, Exact
            if degenerate:
                neff, deff = np.full(lv.size, n, float), 1.0
            x = phat * neff
            v1, v2, v3, v4 = (np.clip(v, 2e-10, 2e17) for v in (2 * x, 2 * (neff - x + 1), 2 * (x + 1), 2 * (neff - x)))
            f_lo, f_hi = stats.f.ppf(ao2, v1, v2), stats.f.ppf(1 - ao2, v3, v4)
            lo = v1 * f_lo / (v2 + v1 * f_lo)
            hi = np.where(v4 <= 2e-10, 1.0, v3 * f_hi / (v4 + v3 * f_hi))
    lo = np.where(np.abs(lo) <= 2e-10, 0.0, lo)
    svyp = phat
    if method in ("Agresti", "Agresti-Coull"):
        svyp = (phat * neff[0] + acc[0]) / (neff[0] + 2 * acc[0])
    return {"method": method, "neff": float(neff[0]), "deff": float(deff), "df": df,
            "lo": np.asarray(lo, float), "hi": np.asarray(hi, float), "svyp": float(svyp)}


def cmd_svypd(session, cmd) -> None:
    from mlmcli.commands.data.common import mark
    from mlmcli.expr.string_functions import strproper
    from mlmcli.results.matrix import Matrix
    from mlmcli.runner import Runner, current_runner

    ds = session.data
    if cmd.in_range is not None:  # the ado's syntax takes [if] only
        raise StataError("in not allowed", 101)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, OPTIONS)
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if len(names) != 1:
        raise StataError("too many variables specified" if names else "varlist required", 103 if names else 100)
    v = names[0]
    if ds.is_string(v):
        raise StataError("string variables not allowed in varlist;", 109)
    level = _levels(opts["level"], "level", True) if opts.get("level") is not None else None
    cilevels = _levels(opts["cilevellist"], "cilevellist", False) if opts.get("cilevellist") is not None else None
    if cilevels is not None and cilevels != sorted(cilevels):
        raise StataError("option cilevellist() invalid", 198)
    values = ds.numeric(v)
    if not np.all(np.isin(values, (0.0, 1.0)) | np.isnan(values)):
        raise StataError(f"To use the svypd command, the variable {v} should contain only 0's, 1's, and "
                         "missing values.", 99)
    rows = mark(session, cmd)
    answered = rows & ~np.isnan(values)
    if not answered.any():
        session.set_r(_null_result())
        return
    method = strproper(str(opts.get("method") or "").strip() or "Logit")  # the ado's proper()
    if method not in METHODS:
        raise StataError("The method option must be either Wald, Wilson, Clopper, Clopper-Pearson, Exact, "
                         "Jeffreys, Agresti, Agresti-Coull, Logit, Fleiss or Wilsoncc", 99)
    if level is not None and cilevels is not None:
        raise StataError("For svy_ci_calculator: specify LEVEL or CILEVELLIST, but not both", 99)

    runner = current_runner(session) or Runner(session)
    subpop = f"if {cmd.if_exp}" if cmd.if_exp else "if 1==1"
    run_quietly(session, runner, f"svy, subpop({subpop}) : proportion {v}")
    e = session.e
    table = session.r["table"].values
    n_subp = np.asarray(e.matrices["_N_subp"].values, float).ravel()
    if table[0, 0] == 1:  # one category only
        phat, se, nwtd = float((rows & (values == 1)).any()), 0.0, float(n_subp[0])
    else:
        phat, se, nwtd = float(table[0, 1]), float(table[1, 1]), float(n_subp[1])
        if not se >= 1e-16:
            se = 0.0
    df, n_clusters = _design_df(session, runner, rows, answered, se)
    if level is not None:
        levels = [level[0], 100 - 2 * (100 - level[0])] if level[0] > 50 else [level[0]]
    else:
        levels = cilevels if cilevels is not None else [95.0, 90.0]
    n = float(answered.sum())
    ci = confidence_limits(method, phat, se, n, df, levels, bool(opts.get("adjust")), bool(opts.get("truncate")))
    r = {"clusters": n_clusters, "Nwtd": nwtd, "N": n, "method": ci["method"], "neff": ci["neff"],
         "deff": ci["deff"], "df": ci["df"], "cilevellist": " ".join(f"{x:g}" for x in levels)}
    if r["cilevellist"] == "95 90" or (level is not None and len(levels) == 2):
        r["ub_2alpha"], r["lb_2alpha"] = float(ci["hi"][1]), float(ci["lo"][1])
    r.update({"ub_alpha": float(ci["hi"][0]), "lb_alpha": float(ci["lo"][0]), "stderr": se, "svyp": ci["svyp"],
              "ci_list": Matrix(np.column_stack([levels, ci["lo"], ci["hi"]]),
                                tuple(f"r{i + 1}" for i in range(len(levels))), ROW_COLUMNS)})
    session.set_r(r)

"""fracpoly's sample and the estimation command's own, inside twoway fpfit/fpfitci.

frac_154 (fracpoly 1.4.3 05feb2010, Stata 12 and 13) marks its sample with

    mark `touse' [`weight' `exp'] `if' `in'
    markout `touse' `rhs' `y' `base' `dead'

and nothing else: an ``offset()``/``exposure()`` variable, glm's binomial denominator
(``family(binomial varname)``) and cnreg's ``censored()`` variable are options it passes to
the command untouched.  So the plot's sample -- twoway's ``keep if touse``, the points at its
distinct x -- keeps the rows where they are missing, while each fit (``cmd y terms if touse,
options``) drops them by the command's own markout:

- every candidate, the constant-only fit and the final model are fitted on the command's rows
  (``command_rows``), while x's shift and scale (frac_xo) and the terms' centring (fracgen's
  mean) are fracpoly's, over the plot's sample;
- e(sample) is the final command's: fracpred predicts ``if e(sample)`` (``_predict, xb`` /
  ``stdp``; glm: predict, then missing outside e(sample)), so a point whose kept observation
  (the serset's one row per x) is out of the command's sample is missing (the line passes over
  it) -- with ``predopts(all)`` x b and stdp are predicted there (x b missing all the same
  when the offset is), never ``dresid`` (``replace r = . if e(sample)==0``), and never fpfitci's
  band (the serset's ``fracpred se, stdp`` has no ``all``): ``points_in_sample``;
- dresid's weights are standardised by their mean over e(sample) among the rows kept.

vce(cluster)'s variable is the command's too (``_vce_parse``'s markout; clogit.ado's before its
group checks: ``graphs.fpfit_grouped_engines``; mlogit's search on its rows), but jackknife's
``cluster()`` is checked, not marked out: missing on the command's e(sample) it is r(459)
(``jackknife_cluster_missing``).

The st form (stcox, streg, stcrreg) marks ``rhs _t base`` only, so a missing offset(), tvc(),
strata(), shared() or cluster variable stays in frac_xo's and fracgen's rows too
(``graphs.fpfit_st_common.with_fracpoly_sample``); fracpoly's own ``dead()`` (cox, weibull, ereg)
is marked out, so those rows leave them (``best_fp_on_fracpoly_rows``).

rreg's e(sample) is narrower than its rows for another reason (its Cook's D screening:
``graphs.fpfit_robust.rreg_points_in_sample``), with the same consequences.
"""
from __future__ import annotations

import numpy as np


def command_rows(ctx, sample: np.ndarray, ml=None, glm=None, censor=None, clustered=None) -> np.ndarray | None:
    """The rows of the plot's sample the command keeps (a mask over them), or None when it keeps
    all: offset()/exposure() (``ml``: ``MLSettings``), glm's binomial denominators (``glm``:
    (Family, Link ...) on the sample's rows), cnreg's censored() values (over all the data),
    vce(cluster)'s variable (``clustered``: ``cluster_codes``' mask)."""
    rows = np.ones(int(sample.sum()), bool) if clustered is None else np.asarray(clustered, bool).copy()
    name = None if ml is None else (ml.offset or ml.exposure)
    if name is not None:
        rows &= np.isfinite(ctx.data.numeric(ctx.data.resolve(name))[sample])
    if glm is not None and glm[0].m is not None:
        rows &= np.isfinite(np.asarray(glm[0].m, float))
    if censor is not None:
        rows &= np.isfinite(np.asarray(censor, float)[sample])
    return None if rows.all() else rows


def best_fp_on_fracpoly_rows(y, x, fp_settings: dict, criterion, touse: np.ndarray):
    """best_fp run on fracpoly's own rows ``touse`` (a mask over the plot's rows) when fracpoly
    marks out more than twoway does -- dead() with cox, weibull and ereg (``markout touse rhs y
    base dead``): frac_xo's shift and scale and fracgen's centring are over those rows.
    ``criterion`` (a deviance of a design over the plot's rows) sees the rows outside missing:
    they are out of the command's fit as well (its own sample is within fracpoly's)."""
    from mlmcli.fractional_polynomials import best_fp

    touse = np.asarray(touse, bool)
    w = fp_settings.get("w")
    settings = dict(fp_settings, w=None if w is None else np.asarray(w, float)[touse])

    def over_plot_rows(X):
        full = np.full((touse.size,) + np.shape(X)[1:], np.nan)
        full[touse] = X
        return criterion(full)
    return best_fp(np.asarray(y, float)[touse], np.asarray(x, float)[touse], **settings, criterion=over_plot_rows)


def cluster_codes(ctx, cluster_var: str | None, sample: np.ndarray):
    """(vce(cluster)'s group codes over the plot's rows (-1 where missing), the mask of the rows
    where the variable is not missing, None when it is nowhere): fracpoly's markout leaves the
    cluster variable to the command, which drops its missing rows (``_vce_parse``'s markout)."""
    if not cluster_var:
        return None, None
    values = ctx.data.column(cluster_var).to_numpy()[sample]
    string = ctx.data.is_string(cluster_var)
    missing = (np.array([v in ("", None) for v in values], bool) if string
               else ~np.isfinite(np.asarray(values, float)))
    codes = np.full(values.shape, -1, np.int64)
    if (~missing).any():
        kept = values[~missing]
        codes[~missing] = np.unique(kept.astype(str) if string else kept, return_inverse=True)[1]
    return codes, (None if not missing.any() else ~missing)


def jackknife_cluster_missing(vce, clustered, rows=None) -> bool:
    """Whether vce(jackknife, cluster(v))'s ``v`` is missing on a row of the command's sample
    (``rows``, a mask over the plot's rows without v's markout; None: all of them): the prefix
    (_vce_parserun) runs the command with the if/in typed, keeps its e(sample) and then asserts
    that v is not missing there -- "missing values not allowed in cluster variable v" r(459),
    before it posts a replicate, writes saving()'s file or keeps a variable.  So fracpoly's first
    fit fails: nothing drawn, the note (``clustered``: ``cluster_codes``' mask)."""
    if vce.kind != "jackknife" or clustered is None:
        return False
    used = np.ones(np.shape(clustered), bool) if rows is None else np.asarray(rows, bool)
    return bool(np.any(used & ~np.asarray(clustered, bool)))


def least_squares_criterion(y, w, rows):
    """regress's fracpoly deviance on the command's ``rows`` only, as a ranking: the (weighted)
    residual sum of squares of a candidate design there (None: best_fp's own, over all rows)."""
    if rows is None:
        return None
    y_c = np.asarray(y, float)[rows]
    w_c = np.ones(y_c.size) if w is None else np.asarray(w, float)[rows]
    root = np.sqrt(w_c)

    def rss(X):
        X_c = np.asarray(X, float)[rows]
        coef, *_ = np.linalg.lstsq(X_c * root[:, None], y_c * root, rcond=None)
        return float(np.sum(w_c * (y_c - X_c @ coef) ** 2))
    return rss


def without_missing_denominators(glm, rows):
    """estcmd(glm)'s (Family, Link ...) with the binomial denominators of the command's rows."""
    import dataclasses

    if rows is None or glm is None or glm[0].m is None:
        return glm
    family = dataclasses.replace(glm[0], m=np.asarray(glm[0].m, float)[rows])
    return (family,) + tuple(glm[1:])


def points_in_sample(in_sample: np.ndarray, first: np.ndarray, predopts, line_in_sample_only: bool
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(the line's mask, the band's mask) over the points: ``in_sample`` e(sample) over the
    plot's rows, ``first`` the row kept at each x; ``line_in_sample_only``: the line is dresid
    (missing outside e(sample) even with predopts(all))."""
    from mlmcli.syntax.options import read_options

    kept = np.asarray(in_sample, bool)[first]
    typed_all = isinstance(predopts, str) and any(
        len(o.name) >= 1 and "all".startswith(o.name) for o in read_options(predopts))
    line = kept if line_in_sample_only or not typed_all else np.ones(kept.shape, bool)
    return line, kept


def subset(values, rows):
    """``values`` (an array over the plot's rows, or None) on the command's rows."""
    if values is None or rows is None:
        return values
    return np.asarray(values)[rows]

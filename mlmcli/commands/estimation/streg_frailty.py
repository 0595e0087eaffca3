"""streg's frailty(gamma|invgaussian) and shared(varname) ([ST] streg): the option checks, the
fits (the model without frailty for the likelihood-ratio test of theta = 0, the constant-only
and the full frailty models: ``mlmcli.survival.parametric_frailty``) and their e() entries."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

FRAILTIES = (("gamma", 1), ("invgaussian", 1))


def frailty_kind(opts: dict, ds, vce: str) -> str | None:
    """gamma, invgaussian (any abbreviation, as Stata's GetFrailty reads them) or None (shared()
    alone: gamma, streg's GetCmd's ``Note: frailty(gamma) assumed.``, printed by the caller);
    shared()'s rules as streg states them: no vce(cluster), vce(robust) or pweights; iweights
    only (the *het commands; constant within groups: ``check_group_weights``)."""
    if not opts.get("frailty") and not opts.get("shared"):
        return None
    text = str(opts.get("frailty") or "gamma").strip().lower()
    kind = next((name for name, _ in FRAILTIES if text and name.startswith(text)), None)
    if kind is None:
        raise StataError(f"unknown distribution frailty({str(opts['frailty']).strip()})", 198)
    if opts.get("shared"):
        wkind = ds.chars.get("st_wt", "")
        if vce == "cluster":
            raise StataError("vce(cluster) not allowed with shared()", 198)
        if vce == "robust":
            raise StataError("vce(robust) not allowed with shared()", 101)
        if wkind == "pweight":
            raise StataError("pweights not allowed with shared()", 101)
        if wkind == "fweight":
            raise StataError("only iweights are allowed with shared()", 101)
    return kind


def frailty_groups(session, cmd, opts, sample):
    """(shared variable or None, each sampled record's group code 0..G-1, the sample with the
    shared variable's missing values dropped)."""
    from mlmcli.panel.groups import group_codes
    from mlmcli.sample import mark_sample

    ds = session.data
    if not opts.get("shared"):
        return None, np.arange(int(sample.sum())), sample
    var = ds.resolve(str(opts["shared"]).strip())
    sample = sample & np.asarray(mark_sample(session, cmd, [var], strok=True), bool)
    return var, group_codes(ds, var, sample), sample


def check_group_weights(shared: str | None, w: np.ndarray, groups: np.ndarray) -> None:
    """The *het commands' CheckWgt (_crcchkw): a shared() group's iweights must be equal, the
    weight of the group's whole contribution to the marginal likelihood."""
    if not shared or len(w) == 0:
        return
    lo = np.full(int(groups.max()) + 1, np.inf)
    hi = np.full(len(lo), -np.inf)
    np.minimum.at(lo, groups, w)
    np.maximum.at(hi, groups, w)
    if np.any(lo != hi):
        raise StataError(f"weight must be constant within {shared}", 199)


def fit_with_frailty(kind, groups, shared, data, null_data, plain_res, null_plain, control, constraints=(None, None)):
    """(full, V, constant-only) frailty fits, started from the fits without frailty;
    ``constraints``: the full and the constant-only fits' (R, r) over their coefficients and
    ln_the, or None (weibullhet.ado and the others hand constraints() to both ``ml model``s)."""
    from mlmcli.survival.parametric_frailty import FrailtyData, fit_frailty

    res, V = fit_frailty(FrailtyData(data, kind, groups, bool(shared)), plain_res.x, constraints=constraints[0],
                         **control)
    null_res = None
    if null_plain is not None:
        null_res, _ = fit_frailty(FrailtyData(null_data, kind, groups, bool(shared)), null_plain.x,
                                  constraints=constraints[1], **control)
        # theta -> 0 is the model without frailty: when the constant-only fit heads there (ln_the
        # creeping down a unit an iteration, stopped by the tolerances short of the limit) its
        # supremum, the ll_0 of the LR test, is that fit's (under constraints no ll_0 is posted)
        if constraints[1] is None:
            null_res.f = max(null_res.f, null_plain.f)
    return res, V, null_res


def frailty_robust_variance(kind, groups, data, params, V, clusters, fweight):
    """The sandwich of ``parametric_frailty.robust_variance``, unshared (each record its own group)."""
    from mlmcli.survival.parametric_frailty import FrailtyData, robust_variance

    return robust_variance(FrailtyData(data, kind, groups, False), params, V, clusters, fweight)


def frailty_opg_variance(kind, groups, shared, data, params, constraints=None):
    """``parametric_frailty.opg_variance``: the groups' scores (each record its own unless shared())."""
    from mlmcli.survival.parametric_frailty import FrailtyData, opg_variance

    return opg_variance(FrailtyData(data, kind, groups, bool(shared)), params, constraints)


def theta_test(ln_the: float, ll: float, ll_c: float) -> tuple[float, float]:
    """(chibar2(01), its p): 2 (ll - ll_c) and half the chi2(1) tail; 0 and 1 when ln_the is
    below -20 or the frailty fit is no better (theta on its boundary)."""
    from mlmcli import distributions

    if ln_the < -20 or ll < ll_c:
        return 0.0, 1.0
    chi2 = 2.0 * (ll - ll_c)
    return chi2, 0.5 * float(distributions.chi2.sf(chi2, 1))


def frailty_summary(fi) -> dict:
    """The header's and e()'s frailty entries."""
    from mlmcli.survival.parametric_frailty import FRAILTY_TITLES

    fr = fi["frailty"]
    sizes = np.bincount(fr["groups"])
    # no test of theta after a robust variance or constraints() (the *het commands' nolrtest:
    # ``if "`robust'`cns'`cluster'" != ""``) or with nolrtest
    lrtest = fi["vce"] == "oim" and not fi["nolrtest"] and fi.get("constraints") is None
    chi2_c, p_c = theta_test(float(fi["res"].x[-1]), fi["res"].f, fr["plain"].f) if lrtest else (None, None)
    shared = fr["shared"]
    return dict(kind=fr["kind"], shared=shared, chi2_c=chi2_c, p_c=p_c, ll_c=fr["plain"].f if lrtest else None,
                title=f"{FRAILTY_TITLES[fr['kind']]}{' shared' if shared else ''} frailty",
                n_groups=len(sizes), g_min=int(sizes.min()), g_avg=float(sizes.mean()), g_max=int(sizes.max()),
                sh_warn=fr["sh_warn"])


def subjects_split(ds, desc, groups, sample) -> bool:
    """Stata's warning: a subject's records in different shared() groups."""
    if not desc.id:
        return False
    ids = ds.numeric(desc.id)[sample]
    order = np.lexsort((groups, ids))
    same_id = ids[order][1:] == ids[order][:-1]
    return bool(np.any(same_id & (groups[order][1:] != groups[order][:-1])))


def check_shared_gaps(session, desc, sample, shared, forced: bool) -> None:
    """Stata's _st_err_sharedgaps (streg and stcox with shared()): a sample with delayed entries
    (a subject's first entry time above 0, stdescribe's r(t0_max)) or gaps (r(N_gap)) is refused
    with r(498) unless the undocumented ``forceshared`` is typed, which prints a warning instead."""
    from mlmcli.survival.settings import subject_description

    if not shared:
        return
    ds = session.data
    ids = ds.numeric(desc.id)[sample] if desc.id else None
    s = subject_description(ids, *(ds.numeric(v)[sample] for v in ("_t0", "_t", "_d")))
    t0_max = s["entry"][4] if s["entry"] is not None else 0.0
    if not (t0_max > 0 or s["subjects_with_gap"] > 0):
        return
    if forced:
        session.print("Warning: option shared() is used in the presence of delayed entries or gaps.  The results\n"
                      "         are consistent only under the assumption that the frailty distribution is\n"
                      "         independent of the covariates and the truncation points.  This is a\n"
                      "         restrictive assumption, and you should evaluate if it is reasonable for your\n"
                      "         data before you proceed with estimation.")
        return
    raise StataError("shared(): delayed entries or gaps detected;\n    The shared() option is not allowed in the "
                     "presence of delayed entries or gaps.  To proceed, you may consider using the undocumented "
                     "forceshared option.  If you use forceshared, you will obtain consistent results only under "
                     "the assumption that the frailty distribution is independent of the covariates and the "
                     "truncation points.  This is a restrictive assumption, and you should evaluate if it is "
                     "reasonable for your data before you proceed with estimation.", 498)

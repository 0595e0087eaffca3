"""Look-alike of a caregiving study's person-round file from the National Health and Aging
Trends Study (``LONG_2c.dta``): older people ``spid`` in up to four rounds ``round`` 0-3 with a
focal (primary) non-spousal helper; the helper's work status ``workstat_3cat_fnsc`` 1-3 (3 not
working), proximity ``proximity_fnsc`` 1-3, type ``helpertype_fnsc`` 1-3, gender
``cgender_fnsc`` 0/1, age band ``cage_fnsc`` 1-3 and health ``health_fnsc`` 1-3; the person's
``rfemale``, race ``rlrace`` 1-4, age band ``rage`` 1-4, ``hhmarried``, children
``rnumchild`` 0-3, ADL and IADL counts, dementia class ``rdemclas`` 1-3, ``ipmedicaid``,
``totalincome_log`` and residence ``rdresid`` 0-2; monthly hours of help from each source
(focal, other non-spousal, spouse -- zero when unmarried --, formal, all) as counts, unmet
ADL/IADL need 0/1, three derived ratios, and a survey weight ``wanfinwgt_cons``.  Saved
``xtset spid round`` (the do-file runs xtgee without an xtset of its own)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3815)
    ids, rnd = d.panel("spid", 700, [0, 1, 2, 3], "round", dropout=0.35)
    d.put("round", rnd, "byte")
    const = lambda values: d.group_constant(ids, values)
    work = const(d.categorical([0.3, 0.2, 0.5]))
    prox = const(d.categorical([0.4, 0.35, 0.25]))
    d.put("workstat_3cat_fnsc", work, "byte")
    d.put("proximity_fnsc", prox, "byte")
    d.put("helpertype_fnsc", const(d.categorical([0.25, 0.55, 0.2])), "byte")
    d.put("cgender_fnsc", const(d.binary(0.62)), "byte")
    d.put("cage_fnsc", const(d.categorical([0.3, 0.45, 0.25])), "byte")
    d.put("health_fnsc", d.categorical([0.35, 0.45, 0.2]), "byte")
    d.put("rfemale", const(d.binary(0.64)), "byte")
    d.put("rlrace", const(d.categorical([0.68, 0.2, 0.08, 0.04])), "byte")
    d.put("rage", np.minimum(4, const(d.categorical([0.25, 0.3, 0.25, 0.2])) + (rnd >= 2)), "byte")
    married = const(d.binary(0.45))
    d.put("hhmarried", married, "byte")
    d.put("rnumchild", const(d.categorical([0.06, 0.2, 0.34, 0.4], [0, 1, 2, 3])), "byte")
    adls = np.clip(np.round(2 + 0.4 * rnd + d.effect(ids, 1.2) + d.normal(0, 0.8)), 0, 6)
    iadls = np.clip(np.round(2.5 + 0.3 * rnd + d.effect(ids, 1.0) + d.normal(0, 0.8)), 0, 5)
    d.put("rnumber_adls", adls, "byte")
    d.put("rnumber_iadls", iadls, "byte")
    d.put("rdemclas", d.categorical([0.2, 0.15, 0.65]), "byte")
    d.put("ipmedicaid", const(d.binary(0.22)), "byte")
    d.put("totalincome_log", np.round(const(d.normal(10.2, 0.9)) + d.normal(0, 0.1), 4), "float")
    d.put("rdresid", d.categorical([0.8, 0.12, 0.08], [0, 1, 2]), "byte")
    u = d.effect(ids, 0.6)
    base = 3.2 + 0.12 * adls + 0.1 * iadls + u
    focal = d.poisson(base + 0.25 * (work == 3) - 0.3 * (prox == 3))
    nonfocal = d.poisson(base - 0.8 + 0.15 * (work == 1) + 0.2 * (prox == 3))
    spouse = np.where(married == 1, d.poisson(base - 0.2), 0)
    formal = d.poisson(base - 1.6 + 0.3 * d.columns["ipmedicaid"] + d.normal(0, 0.5))
    d.put("nhats_h_focal_ns", focal, "int")
    d.put("nhats_h_nonfocal_ns", nonfocal, "int")
    d.put("nhats_h_nonfocal_spouse", spouse, "int")
    d.put("nhats_h_nonfocal_formal", formal, "int")
    total = focal + nonfocal + spouse + formal
    d.put("opdhrsmth_i", total, "int")
    d.put("opdhrsmth_i_10", total / 10.0, "float")
    d.put("nonfocal_focal", np.round(nonfocal / np.maximum(focal, 1), 3), "float")
    d.put("formal_informal", np.round(formal / np.maximum(focal + nonfocal + spouse, 1), 3), "float")
    d.put("runmet_adls", d.bernoulli_logit(-2.2 + 0.25 * adls + 0.3 * (work == 1) - 0.2 * (prox == 1)), "byte")
    d.put("runmet_iadls", d.bernoulli_logit(-1.8 + 0.2 * iadls + 0.25 * (work == 1)), "byte")
    d.put("wanfinwgt_cons", np.round(const(d.rng.lognormal(8.0, 0.6, d.n)), 2), "float")
    ds = d.dataset()
    ds.chars.update({"_TSpanel": "spid", "_TStvar": "round"})  # saved xtset
    return ds

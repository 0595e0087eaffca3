"""Weights of the random-effects ``xtlogit``, ``xtprobit``, ``xtpoisson`` (normal and gamma) and
``xttobit`` fits.

Stata takes iweights only with these models ([XT] xtlogit, xtprobit, xtpoisson, xttobit: "iweights
are allowed for the fixed-effects and random-effects models ... Weights must be constant within
panel"; fweights and pweights belong to their population-averaged forms).  The ado files check the
weight with ``_crcchkw`` ("weight must be constant within <panelvar>" r(199)) and fit
``ml model d2 ... [iw=w]`` whose evaluator weights each panel's log likelihood: ln L = sum_i w_i
ln L_i, the comparison model (logit, probit, poisson, tobit) fitted with the same iweights.  e(N)
stays the number of observations (ml's iweights), e(wtype)/e(wexp) are posted.

Refusals, as the ado files word them (xtlogit.ado 2.16.0, xtpoisson.ado 3.4.17; Stata 13's own
copies were not at hand, docs/xt_re_weights.md):

- fweights and pweights: xtlogit and xtprobit "<kind> not allowed for fixed- and random-effects
  cases" r(101); ``xtpoisson, re`` (gamma) "<kind> not allowed with fixed- and random-effects
  models" r(101); ``xtpoisson, re normal`` (xtps_ren's ``syntax [iweight aweight pweight]``)
  "fweights not allowed" r(101) and "pweight not allowed for fixed- and random-effects cases";
  xttobit (``syntax [iweight]``) "<kind>s not allowed" r(101); aweights everywhere "aweights not
  allowed" r(101).
- iweights with vce(robust) or vce(cluster v): "iweights not allowed with random-effects models
  and vce(robust)" r(198) (xtlogit.ado's check after ``_vce_parse``).
- iweights with vce(bootstrap) or vce(jackknife), or under those prefixes: not implemented in
  mlmcli (r(198)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def panel_weight(cmd, cmdname: str, *, gamma: bool = False, normal_poisson: bool = False):
    """The iweight expression typed (None without weights); the refusals of the module docstring
    for the other kinds."""
    if cmd.weight is None:
        return None
    from mlmcli.parser import weight_kind

    kind = {"weight": "aweight"}.get(weight_kind(cmd.weight), weight_kind(cmd.weight))
    if kind == "iweight":
        return cmd.weight.exp
    if kind == "aweight" or cmdname in ("xttobit", "xtintreg"):  # their syntax: [iweight]
        raise StataError(f"{kind}s not allowed", 101)
    if cmdname == "xtcloglog":  # xtcloglog.ado's Estimate_re
        raise StataError(f"{kind} not allowed in random-effects case", 101)
    if normal_poisson and kind == "fweight":
        raise StataError("fweights not allowed", 101)
    if gamma:
        raise StataError(f"{kind} not allowed with fixed- and random-effects models", 101)
    raise StataError(f"{kind} not allowed for fixed- and random-effects cases", 101)


def refuse_with_vce(vce_text, request, cmdname: str) -> None:
    """iweights with the robust or replicate variances (module docstring)."""
    if request is not None:  # vce(bootstrap|jackknife) or the prefix typed
        what = f"the {request[0]} prefix" if request[1].get("prefix") else f"vce({request[0]})"
        raise StataError(f"{what} with iweights is not supported by mlmcli for {cmdname}, re", 198)
    words = str(vce_text or "").split()
    if not words:
        return
    from mlmcli.syntax.options import vce_option

    kind, _ = vce_option(vce_text, (("robust", 1), ("cluster", 2)))
    if kind == "robust":
        raise StataError("iweights not allowed with random-effects models and vce(robust)", 198)
    if kind == "cluster":
        raise StataError(f"iweights not allowed with random-effects models and vce(cluster {' '.join(words[1:])})",
                         198)


def check_constant_within(w: np.ndarray, codes: np.ndarray, ivar: str) -> np.ndarray:
    """``_crcchkw``: the weight of the estimation sample's rows constant within each panel
    (r(199) otherwise); the panels' weights (one per code)."""
    w = np.asarray(w, float)
    codes = np.asarray(codes, np.int64)
    per = np.zeros(int(codes.max()) + 1 if codes.size else 0)
    per[codes] = w
    if np.any(per[codes] != w):
        raise StataError(f"weight must be constant within {ivar}", 199)
    return per


def weight_macros(cmd) -> dict:
    """e(wtype) and e(wexp) of a weighted fit (none without weights)."""
    if cmd.weight is None:
        return {}
    return {"wtype": "iweight", "wexp": "= " + cmd.weight.exp.strip()}

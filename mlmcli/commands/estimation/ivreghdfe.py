"""``ivreghdfe`` (SSC; Correia): ivreg2 with fixed effects absorbed as reghdfe absorbs them.

    ivreghdfe depvar [varlist1] (varlist2 = varlist_iv) [if] [in], absorb(absvars) [ivreg2 options]

As ivreghdfe.ado 1.2.0 (ivreg2 4.1.11 with an IVREGHDFE block) does with absorb(): ``small`` and
``noconstant`` are implied; reghdfe's HDFE object drops singleton observations ("(dropped #
singleton observations)") and partials the fixed effects out of the dependent variable, the
regressors and the instruments ("(MWFE estimator converged in # iterations)": mlm's alternating
projections' count); the absorbed degrees of freedom df_a -- categories less redundant ones,
a fixed effect nested within the cluster variable wholly redundant, 1 when that leaves none --
are the small-sample adjustment sdofminus (and e(partial_ct), e(partialcons)); ivreg2's table
ends with "Partialled-out: _cons" and its note, then reghdfe's table of absorbed degrees of
freedom.  Without absorb() the command is ivreg2 (e(cmd) ivreghdfe).  Kept out (refused, not
ignored): weights, partial() with absorb(), slopes in absorb(), residuals() and saved fixed
effects.  Absvars: ``var``, ``i.var`` and interactions ``i.a#i.b`` (one factor of the observed
combinations), any number of them; quotes in absorb() only group words (``absorb_factors``).
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from mlmcli.commands.estimation.ivreg2 import ARG_OPTIONS, OPTIONS, REFUSED, REPLAY, fit_and_post, show
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

IVREGHDFE_OPTIONS = [OptionSpec("absorb", 1, takes_arg=True), OptionSpec("residuals", 3, takes_arg=True,
                                                                         arg_optional=True), *OPTIONS]


def cmd_ivreghdfe(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip():
        e = replay_results(session, ("ivreghdfe",))
        return show(session, e.result, resolve_options(cmd.options, REPLAY))
    opts = resolve_options(cmd.options, IVREGHDFE_OPTIONS)
    for name in REFUSED:
        if opts.get(name) not in (None, False):
            raise StataError(f"ivreghdfe's {name}{'()' if name in ARG_OPTIONS else ''} option is not implemented "
                             "in mlmcli", 198)
    if "residuals" in opts:
        raise StataError("ivreghdfe's residuals() option is not implemented in mlmcli", 198)
    if not opts.get("absorb"):
        fit_and_post(session, cmd, opts, panel=_renamed)
        return
    if cmd.weight is not None:
        raise StataError("weights are not implemented for ivreghdfe in mlmcli", 101)
    if opts.get("partial"):
        raise StataError("ivreghdfe's partial() with absorb() is not implemented in mlmcli", 198)
    if len(str(opts.get("cluster") or "").split()) > 1:
        raise StataError("ivreghdfe's multi-way cluster() is not implemented in mlmcli", 198)
    factors, absvars = _absvars(session.data, str(opts["absorb"]))
    opts["small"] = True  # ivreghdfe.ado: absorb implies small and noconstant
    opts["noconstant"] = True
    opts["_markout"] = tuple(dict.fromkeys(v for f in factors for v in f))
    fit_and_post(session, cmd, opts, panel=lambda data, sample, clustvar: _absorb(session, factors, absvars, data,
                                                                                   sample, clustvar))


def _renamed(data, sample, clustvar):
    """No absorb(): ivreg2 itself, posted as ivreghdfe (ivreghdfe.ado's e(cmd))."""
    return data, sample, 0, {"header": None, "scalars": {}, "macros": {"cmd": "ivreghdfe", "ivreg2cmd": "ivreghdfe"}}


def _absvars(ds, text: str) -> tuple[list[list[str]], list[str]]:
    """(the variables of each absorbed factor, its name): ``var``, ``i.var`` and ``i.a#i.b``."""
    from mlmcli.commands.estimation.absorb_factors import absorb_text, intercept_factor, slope_word

    if "," in text:
        raise StataError("ivreghdfe's absorb() suboptions are not implemented in mlmcli", 198)
    factors, names = [], []
    for word in absorb_text(text).split():
        if "=" in word:
            raise StataError("ivreghdfe's saved fixed effects (absorb(newvar=absvar)) are not implemented in mlmcli",
                             198)
        if slope_word(word):
            raise StataError(f"absorb({word}): slopes are not available in mlm's ivreghdfe", 198)
        factors.append(intercept_factor(ds, word))
        names.append("#".join(factors[-1]))
    if not factors:
        raise StataError("option absorb() required", 198)
    return factors, names


def _absorb(session, factors, absvars, data, sample, clustvar):
    """The fixed effects swept out of every column; sdofminus = the absorbed degrees of freedom
    (reghdfe's count: ``absorbed_dof``, "?" where a redundant count may be higher)."""
    from mlmcli.commands.estimation.absorb_factors import factor_codes
    from mlmcli.panel.absorbed_dof import absorbed_dof
    from mlmcli.panel.multiway_absorb import drop_singletons, partial_out
    from mlmcli.results.hdfe import AbsorbedEffect

    rows = np.flatnonzero(sample)
    codes = [factor_codes(session.data, f, sample) for f in factors]
    keep = drop_singletons(codes)
    sample = sample.copy()
    if not keep.all():
        session.print(f"(dropped {int((~keep).sum())} singleton observations)")
        sample[rows[~keep]] = False
        codes = [np.unique(c[keep], return_inverse=True)[1] for c in codes]
    if keep.sum() <= 1:
        raise StataError("insufficient observations", 2001)
    blocks = [data.y[:, None], data.Y, data.X1, data.Z1]
    widths = [b.shape[1] for b in blocks]
    swept, iterations = partial_out(np.column_stack(blocks)[keep], codes)
    session.print(f"(MWFE estimator converged in {iterations} iteration{'s' if iterations != 1 else ''})")
    y, Y, X1, Z1 = np.split(swept, np.cumsum(widths)[:-1], axis=1)
    cluster = None
    if data.cluster is not None:
        cluster = np.unique(data.cluster[keep], return_inverse=True)[1]
    counts, _ = absorbed_dof(codes, absvars, cluster, clustvar)
    df_a = sum(c.categories - c.redundant for c in counts)
    absorb_ct = df_a or 1  # ivreghdfe.ado: 1 when every fixed effect is nested in the cluster
    new = dataclasses.replace(data, y=y[:, 0], Y=Y, X1=X1, Z1=Z1, w=data.w[keep], cluster=cluster, constant=False)
    absorbed = tuple(AbsorbedEffect(v, c.categories, c.redundant, c.nested, c.exact) for v, c in zip(absvars, counts))
    scalars = {"N_hdfe": float(len(absvars)), "df_a": float(df_a), "partial_ct": float(absorb_ct),
               "partialcons": float(absorb_ct), "sdofminus": float(absorb_ct), "dofminus": 0.0}
    macros = {"cmd": "ivreghdfe", "ivreg2cmd": "ivreghdfe", "absvars": " ".join(absvars), "predict": "reghdfe_p"}
    return new, sample, 0, {"header": None, "scalars": scalars, "macros": macros, "sdofminus": absorb_ct,
                            "partialled": ("_cons",), "absorbed": absorbed,
                            "reference": (data.Y[keep], data.X1[keep], data.Z1[keep])}


"""fpfit's ``estcmd(xtreg) estopts(fe|be|mle vce(jackknife, saving() keep n() reject() idcluster() ...))``
and ``estcmd(xtlogit) estopts(re|fe vce(jackknife, ...))``: the prefix in every fit fracpoly makes
(``graphs.fpfit_ml_jackknife.prefixed_fracpoly``, as for the other estcmd()s).

``_vce_parserun xtreg|xtlogit, panel`` runs ``jackknife _b, cluster(panelvar) ...: cmd ...`` for each
fit of frac_154 (the replicates leave one panel out; jackknife's own ``cluster()`` is Stata's
"option cluster() not allowed": the note), so ``idcluster(v)`` -- which needs a cluster() -- is
read with the panels' cluster():

1. the first fit, not captured: the model without x (the constant; xtlogit, fe: none, skipped);
2. the candidates under ``capture``, their terms temporary variables;
3. the final model on fracgen's ``Ix__1 Ix__2`` (centred).

e(b)'s columns: xtreg, fe and be plain names (``_b_Ix__1 ... _b_cons``); xtreg, mle ``y:`` then
``sigma_u:_cons sigma_e:_cons``; xtlogit ``y:`` (re: then ``lnsig2u:_cons``).  ``saving()`` holds the
last fit's replicates (without ``replace`` the second fit fails: the note); ``keep``'s pseudovalues
make every later fit with a statistic of the same name fail (``_b_cons`` after the first fit: with
a constant no candidate survives, the note); ``reject()``/``n()`` see each fit's e() (e(b), e(V),
e(cmd), e(depvar), the command's scalars: e(N), e(N_g), e(ll), e(df_m) ...).  fracpoly's caller
preserved the data: nothing is left after the graph.
"""
from __future__ import annotations

import numpy as np


def prefix_vce(text: str, settings: dict):
    """The VCEChoice prefixed_fracpoly reads for ``vce(jackknife, ...)`` with outputs (None: none of
    saving(), keep, n(), reject(), idcluster(): the plain replicates); idcluster() is read as the
    panels' cluster() supplies it."""
    from mlmcli.graphs.fit_predictions import VCEChoice
    from mlmcli.graphs.fpfit_streg_jackknife import has_prefix_outputs
    from mlmcli.syntax.replicate_vce import leverage_settings

    head, _, rest = str(text).partition(",")
    typed_cluster = settings.get("cluster")
    found = leverage_settings(f"{head}, {rest} cluster(__panel)" if not typed_cluster else text)
    found = dict(found, cluster=typed_cluster)
    vce = VCEChoice("jackknife", mse=found["mse"], saving=found["saving"], jackknife=found)
    return vce if has_prefix_outputs(vce) else None


def xt_prefixed(ctx, vce, cmdname: str, depvar: str, equation: str, ancillary: tuple, fp_settings, y, x,
                in_sample, codes, ivar, estimate_rows, deviance, xname: str, uncentre: bool = True):
    """(model, e(b), e(V), e(df_r)) of fracpoly under the prefix, or None (fracpoly failed: the note).
    ``estimate_rows(X_c, keep, final)`` -> (e(b), e(V), scalars): the command on the design X_c over
    its sample (the terms, the constant last), ``keep`` the rows of it used (None: all; with weights
    each row's replicate weight); ``deviance(X)`` fracpoly's criterion over the plot's rows."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefix_hooks, prefixed_fracpoly

    def estimate(X, keep, final, scalars, centre):
        return estimate_rows(X[in_sample], keep, final)

    command = PrefixedCommand(cmdname, depvar, equation, ancillary, estimate, int(in_sample.sum()))
    return prefixed_fracpoly(prefix_hooks(ctx), command, vce, fp_settings, x, xname, codes, ivar,
                             lambda allowed: best_fp(y, x, **fp_settings, criterion=deviance, allowed=allowed),
                             uncentre=uncentre)


def scalars_of(out: dict) -> dict:
    """The numeric e() scalars of an engine's result (b and V left out)."""
    return {k: float(v) for k, v in out.items()
            if k not in ("b", "V") and isinstance(v, (int, float, np.floating)) and not isinstance(v, bool)}

"""frac_154's fits before the final one under the bootstrap prefix, shared by every estcmd.

frac_154 fits (1) the model without x, not captured -- its failure is fracpoly's (the note) --
then (2) every candidate in its order under ``capture``, their terms temporary variables (a
candidate that fails is skipped, which can change the powers chosen); (3) the final model is the
caller's.  Under ``vce(bootstrap, reject())`` a fit fails when reject() is true with its
full-sample e() (_prefix_reject's r(9)) or cannot be evaluated there (r(198)), or when fewer than
two of its replicates are left (r(2000)).

``fits_before_final`` is that loop (``graphs.fpfit_xt_bootstrap`` runs it for xtreg and xtlogit);
``bootstrap_allowed`` runs it with ``graphs.fpfit_bootstrap_prefix.BootstrapPrefix`` for regress,
the ML commands, glm, cnreg, streg and xtgee.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal


def fits_before_final(fit: Callable, hooks, x, fp_settings: dict, failed: type, null_fit: bool | None = None):
    """The power tuples of ``fp_settings``' degree whose candidate fit ran, or None when the model
    without x failed.  ``fit(X, names)`` raises ``failed`` when the fit fails under the prefix; X
    over x's rows, the constant last; ``null_fit``: whether frac_154 fits the model without x
    (None: with a constant)."""
    from mlmcli.graphs.fpfit_jackknife import candidate_terms

    constant, degree = fp_settings["constant"], fp_settings["degree"]
    ones = [np.ones(len(x))] if constant else []
    if constant if null_fit is None else null_fit:
        try:
            fit(np.column_stack(ones) if ones else np.zeros((len(x), 0)), ["_cons"] * constant)
        except failed:
            return None
    temp = [hooks.temp_name() for _ in range(degree)]  # frac_154's tempvars, the same in every candidate
    surviving = set()
    for powers, terms in candidate_terms(x, fp_settings):
        try:
            fit(np.column_stack([terms] + ones), temp[degree - len(powers):] + ["_cons"] * constant)
        except failed:
            continue
        if len(powers) == degree:
            surviving.add(powers)
    return surviving


class _Failed(Exception):
    """One fit failed under the prefix."""


_COMMAND_FAILS = (StataError, np.linalg.LinAlgError, ValueError, ArithmeticError, FloatingPointError)


def bootstrap_allowed(prefix, x, fp_settings: dict, estimate: Callable, refit_on: Callable, labels: Callable,
                      null_fit: bool | None = None) -> set | None:
    """The candidates fracpoly may choose from under ``prefix`` (a BootstrapPrefix): None without
    reject() (no fit before the final one can then fail after its full-sample run: saving() is
    ``first_fit``'s); FracpolyFailed when the model without x fails or no candidate survives.
    ``estimate(X)``: the command's full-sample e(b) on the design X (raising when it fails);
    ``refit_on(X)``: (rows, numbers) -> a replicate's e(b); ``labels(names, size)``: e(b)'s
    (names, equations or None)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    if prefix is None or not prefix.settings.get("reject"):
        return None
    hooks = getattr(prefix.ctx, "jackknife_hooks", None)  # e() for reject(): the session's
    if hooks is None:
        raise StataError("estopts(): vce(bootstrap, reject()) not supported by mlmcli here", 198)
    if prefix.failure:  # bsample's error: the command fails in every fit
        raise FracpolyFailed(prefix.failure)

    def fit(X, names):
        try:
            b = np.asarray(estimate(X), float)
            prefix.check_fit(b, refit_on(X), *labels(names, b.size))
        except (FracpolyFailed, *_COMMAND_FAILS) as failure:
            if is_mlm_refusal(failure):
                raise
            raise _Failed from None

    surviving = fits_before_final(fit, hooks, x, fp_settings, _Failed, null_fit)
    if not surviving:  # the first fit failed, or fracgen has no powers
        raise FracpolyFailed("fracpoly failed under the prefix")
    return surviving

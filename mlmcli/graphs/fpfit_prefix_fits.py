"""frac_154's fits before the final one under the bootstrap prefix, shared by every estcmd.

frac_154 fits (1) the model without x, not captured -- its failure is fracpoly's (the note) --
then (2) every candidate in its order under ``capture``, their terms temporary variables (a
candidate that fails is skipped, which can change the powers chosen); (3) the final model is the
caller's.  Under ``vce(bootstrap, reject())`` a fit fails when reject() is true with its
full-sample e() (_prefix_reject's r(9)) or cannot be evaluated there (r(198)), or when fewer than
two of its replicates are left (r(2000)).

``fpfit_jackknife.fits_before_final`` is that loop (regress's jackknife, ``prefixed_fracpoly`` and
``graphs.fpfit_xt_bootstrap`` run it too);
``bootstrap_allowed`` runs it with ``graphs.fpfit_bootstrap_prefix.BootstrapPrefix`` for regress,
the ML commands, glm, cnreg, streg and xtgee.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.graphs.fpfit_jackknife import FitFailed, fits_before_final


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
            raise FitFailed from None

    surviving = fits_before_final(fit, hooks, x, fp_settings, null_fit)
    if not surviving:  # the first fit failed, or fracgen has no powers
        raise FracpolyFailed("fracpoly failed under the prefix")
    return surviving

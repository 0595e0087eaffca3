"""``from()`` in fpfit's ``estopts()`` with ``estcmd(weibull|ereg)``: ml's starting values in
every fit fracpoly makes (``graphs.fpfit_weibull_ereg``), read as each ado-file hands them to ml.

ml's parameters: ``y:<terms>`` (``y:__fp1 ...`` in the search, fracgen's ``y:Ix__1 ...`` in the
final fit; none in frac_154's model without x), strata()'s indicators ``y:_S<v>_<level>`` (xi's),
``y:_cons`` (unless noconstant), then weibull's ``ln_p:`` equation (the indicators or
ancillary()'s variables, ``_cons``).  ``/ln_p`` is ``[ln_p]_cons``.

- weibull without noconstant, offset(), strata() and ancillary() runs weibull_s (weibull.ado
  8.2.1 01jul2008, current in 2013): its ``AdjFrom`` reads from() in the metric weibull reports
  (the time form unless ``hazard``, ln t uncentred) and re-expresses it in ml's centred hazard
  metric, so the values typed are the reported metric's; a from() without ln_p's value stops it:
  ``must specify a value of ln_p:_cons in from()`` r(498).  Otherwise weibull_c's
  ``init(`from')``: ml's own metric, weib1_lf's time form or weib2_lf's hazard form.
- ereg hands ``init(`from')`` to ml, which fits ereg_lf's hazard metric (b flipped to the time
  form afterwards) unless the time form has constraints() or offset() (ereg2_lf's time metric):
  so with the plain time form the values typed are the hazard metric's.

ml's errors make that fit fail: a matrix that does not exist, a name the fit lacks without
``skip`` (r(111)), a ``copy`` of another length (r(503)) -- frac_154 does not capture its model
without x, so there it is the note; a candidate failing is skipped.  Starting values change ml's
path, not the maximum: mlm starts its maximiser there (where ``parametric_fit.fit`` does not
converge from them, from its own start), so the curve is the one without from().
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.fpfit_models import FracpolyFailed


def read_start(ctx, text: str, command: str):
    """from()'s specification (``fpfit_ml_start.read_from``); an error is the fit failing."""
    from mlmcli.graphs.fpfit_ml_start import read_from

    session = getattr(getattr(ctx, "jackknife_hooks", None), "session", None)
    if session is None:
        raise StataError(f"estopts(from()) not supported by mlmcli with estcmd({command}) here", 198)
    try:
        start = read_from(session, text)
    except StataError as failure:  # a matrix not found, a value that is not a number: ml's error
        raise FracpolyFailed(failure.message) from None
    if start[0] == "names":  # ml's /name is [name]_cons
        start = ("names", tuple((f"[{ref[1:]}]_cons" if ref.startswith("/") else ref, v) for ref, v in start[1]),
                 start[2])
    return start


def start_values(start, names: list[str], weibull_s: bool) -> np.ndarray:
    """The typed values at ml's parameters ``names`` (nan where none); FracpolyFailed where ml
    (or weibull_s's AdjFrom) stops (module docstring)."""
    from mlmcli.graphs.fpfit_ml_start import start_vector
    from mlmcli.postest.wald import CoefIndex

    index = CoefIndex(names, multi_equation=True)
    if weibull_s and start[0] == "names" and not any(_is_ln_p(ref) for ref, _ in start[1]):
        raise FracpolyFailed("must specify a value of ln_p:_cons in from()")  # AdjFrom, r(498)
    try:
        return start_vector(start, index, len(names))
    except StataError as failure:
        raise FracpolyFailed(failure.message) from None


def _is_ln_p(ref: str) -> bool:
    from mlmcli.postest.wald import CoefIndex

    eq, name = CoefIndex.parse_ref(ref)
    return eq == "ln_p" and name == "_cons"


def theta_start(typed: np.ndarray, default: np.ndarray, k: int, flip: bool) -> np.ndarray:
    """The fit's starting vector: the typed values (the first equation's k turned from the time
    to the hazard metric or back, b_h = -p b_t, when ``flip``) where given, ``default`` elsewhere."""
    theta = np.where(np.isfinite(typed), typed, default)
    if flip:
        p = float(np.exp(theta[k])) if theta.size > k else 1.0
        theta[:k] = -p * theta[:k]
    return theta

"""ml's maximize options in fpfit's ``estopts()`` with ``estcmd(weibull|ereg|streg)``
(``graphs.fpfit_weibull_ereg``, ``graphs.fpfit_streg``): weibull.ado and ereg.ado hand
``mlopts`` to ml, streg takes ml's options ([ST] streg; plain streg: ``commands.estimation.
streg``).  Read as for the ML estcmds (``graphs.fpfit_ml_options``):

- ``iterate(#)``, ``tolerance(#)``, ``ltolerance(#)``, ``nrtolerance(#)``, ``nonrtolerance``:
  the maximiser's (``survival.parametric_fit.fit``); ``iterate()`` typed and reached: ml's
  warning (inside fracpoly's capture), the estimates kept, fracpoly goes on;
- ``technique()``: ml's techniques in turns (``conditional_techniques``), ``technique(bhhh)``
  alone with no vce(), robust, cluster() or pweights: V the inverse of the outer product of the
  scores (ml's default then); with constraints() or frailty() as plain streg (Newton only
  there): not supported by mlmcli, r(198);
- ``difficult`` (the path only) and the display options ``trace``, ``gradient``, ``hessian``,
  ``showstep``, ``showtolerance``, ``nolog`` (twoway captures fracpoly's output): no effect on
  the curve.
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import resolve_choice

_VALUED = (("iterate", 4), ("tolerance", 3), ("ltolerance", 4), ("nrtolerance", 5), ("technique", 4))
_FLAGS = (("nonrtolerance", 7), ("difficult", 4), ("trace", 5), ("gradient", 4), ("hessian", 4),
          ("showstep", 8), ("showtolerance", 8))


def new_control() -> dict:
    """The maximiser's settings before any option: parametric_fit's defaults."""
    return {"iterate": None, "tolerance": None, "ltolerance": None, "nrtolerance": None, "technique": None,
            "bhhh_alone": False}


def read_maximize(option, control: dict, failed) -> bool:
    """Whether ``option`` is one of ml's maximize options (module docstring), ``control``
    updated; ``failed(message)``: the exception of the command failing inside fracpoly (an
    invalid value: ml's error there)."""
    name = option.name
    valued = resolve_choice(name, _VALUED)
    flag = resolve_choice(name, _FLAGS)
    if (valued is None or option.arg is None) and (flag is None or option.arg is not None):
        return False
    if flag == "nonrtolerance":
        control["nrtolerance"] = float("inf")
    elif valued == "technique":
        from mlmcli.conditional_techniques import technique_schedule

        try:
            schedule = technique_schedule(option.arg)
        except StataError as error:
            raise failed(str(error)) from None
        control["bhhh_alone"] = all(t == "bhhh" for t, _ in schedule)
        control["technique"] = None if all(t == "nr" for t, _ in schedule) else schedule
    elif valued is not None:
        try:
            value = float(option.arg.strip())
        except ValueError:
            raise failed(f"option {valued}() incorrectly specified") from None
        if valued == "iterate" and (value != int(value) or value < 0):
            raise failed("iterate() must be positive")
        control[valued] = int(value) if valued == "iterate" else value
    return True


def fit_control(control: dict, constrained: bool = False, frailty: bool = False) -> dict:
    """The keywords of ``parametric_fit.fit`` (only those typed: its defaults otherwise);
    technique() with constraints() or frailty() is refused as plain streg refuses it."""
    out = {k: control[k] for k in ("iterate", "tolerance", "ltolerance", "nrtolerance") if control[k] is not None}
    if control["technique"] is not None:
        for other, typed in (("frailty", frailty), ("constraints", constrained)):
            if typed:
                raise StataError(f"option technique() with {other}() not supported by mlmcli", 198)
        out["technique"] = control["technique"]
    return out


def converged(res, control: dict) -> bool:
    """ml's end: converged, or iterate() typed and reached (the warning; the estimates kept)."""
    return bool(res.converged or (control["iterate"] is not None and getattr(res, "limit_reached", False)))

"""stcox's strata(), offset(), tvc() and texp(): their syntax, the variables they add to the
sample, and the partial-likelihood data they make (mlmcli.survival.cox_strata, cox_tvc)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError
from mlmcli.survival.cox_strata import build_likelihood, strata_codes  # noqa: F401  (stcox's and fpfit's)


@dataclass
class CoxExtras:
    strata: list[str] = field(default_factory=list)
    offset: str | None = None
    tvc: list[str] = field(default_factory=list)
    texp: str | None = None       # the expression as stcox.ado keeps it: blanks removed

    def sample_variables(self) -> list[str]:
        return self.strata + ([self.offset] if self.offset else []) + self.tvc


def parse_extras(ds, opts: dict) -> CoxExtras:
    """The options' variables (Stata's errors for unknown names, string offset or tvc())."""
    extras = CoxExtras()
    if opts.get("strata") is not None:
        extras.strata = ds.expand_varlist(opts["strata"])
    if opts.get("offset") is not None:
        names = ds.expand_varlist(opts["offset"])
        if len(names) != 1:
            raise StataError("option offset() incorrectly specified", 198)
        extras.offset = names[0]
    if opts.get("texp") is not None and opts.get("tvc") is None:
        raise StataError("texp() only allowed with tvc()", 198)
    if opts.get("tvc") is not None:
        extras.tvc = ds.expand_varlist(opts["tvc"])
        extras.texp = "".join((opts.get("texp") or "_t").split())
    for name in ([extras.offset] if extras.offset else []) + extras.tvc:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    return extras


def time_function(session, extras: CoxExtras, sample: np.ndarray) -> np.ndarray:
    """texp() on the sample's records, checked as stcox.ado checks it: valid, never missing,
    one value for each value of _t."""
    from mlmcli.expr import evaluate

    try:
        g = np.asarray(evaluate(session, extras.texp), dtype=float)[sample]
    except StataError:
        raise StataError("texp() invalid", 198) from None
    except (TypeError, ValueError):
        raise StataError("texp() invalid", 198) from None
    missing = int(np.isnan(g).sum())
    if missing:
        raise StataError(f"texp() evaluates to missing for {missing} observations", 459)
    t = session.data.numeric("_t")[sample]
    order = np.lexsort((g, t))
    same_t = t[order][1:] == t[order][:-1]
    if np.any(same_t & (g[order][1:] != g[order][:-1])):
        raise StataError("texp() is not a proper function of time", 459)
    return g


def tvc_fit_class():
    """CoxFit after tvc(): margins refused (its design would need the tvc equation's time)."""
    from mlmcli.survival.cox import CoxFit

    class TvcCoxFit(CoxFit):
        def margins_prediction(self, options: str):
            raise StataError("margins after stcox with tvc() not supported by mlmcli", 198)
    return TvcCoxFit

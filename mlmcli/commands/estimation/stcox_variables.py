"""stcox's (and the built-in cox's) options that write variables:

    mgale(newvar) basehc(newvar) basechazard(newvar) basesurv(newvar)
    esr(newvars|stub*) schoenfeld(newvars|stub*) scaledsch(newvars|stub*)

stcox.ado (7.4.2 09apr2011, Stata 12's; 7.7.2 15oct2019, Stata 16's) still parses them and passes
them to ``cox``, then labels the variables (its SaveOpt: "martingale", "baseline hazard
contribution", "cumulative baseline hazard", "baseline survivor", "Schoenfeld - x", "scaled
Schoenfeld - x", "efficient score - x") and posts e(mgale), e(basehc), e(basech), e(bases),
e(vl_sch), e(vl_ssc), e(vl_esr); with tvc() its _tvc_notallowed refuses each of them (r(198)).
The values are record by record (cox knows no stset id(): predict's ``partial`` values), on
e(sample), missing elsewhere (mlmcli.survival.cox_residuals):

  mgale, basechazard, basehc, basesurv, schoenfeld, esr   as predict after stcox computes them;
  scaledsch   b + d V r_i on failing records, r_i the Schoenfeld residuals, d the number of
              failures, V the model-based variance (Grambsch and Therneau's scaling, as
              [ST] stcox postestimation's scaled Schoenfeld residuals; survival's residuals(type =
              "scaledsch")).

The names are checked before the fit (a name in use: ``variable x already defined`` r(110)), so a
failing command leaves the data unchanged; esr(), schoenfeld() and scaledsch() take one new
variable per coefficient (stub* makes stub1 ...).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

SINGLE = ("basechazard", "basehc", "basesurv", "mgale")
PASSTHRU = ("basehc", "basechazard", "basesurv", "mgale", "esr", "schoenfeld", "scaledsch")
MANY = ("esr", "scaledsch", "schoenfeld")
# stcox.ado's abbreviations: BASEChazard BASEHC BASESurv MGale esr SCAledsch SCHoenfeld
SPECS = [OptionSpec("basechazard", 5, takes_arg=True), OptionSpec("basehc", 6, takes_arg=True),
         OptionSpec("basesurv", 5, takes_arg=True), OptionSpec("mgale", 2, takes_arg=True),
         OptionSpec("esr", 3, takes_arg=True), OptionSpec("scaledsch", 3, takes_arg=True),
         OptionSpec("schoenfeld", 3, takes_arg=True)]
LABELS = {"mgale": "martingale", "basehc": "baseline hazard contribution", "basechazard": "cumulative baseline hazard",
          "basesurv": "baseline survivor", "schoenfeld": "Schoenfeld", "scaledsch": "scaled Schoenfeld",
          "esr": "efficient score"}
MACROS = {"mgale": "mgale", "basehc": "basehc", "basechazard": "basech", "basesurv": "bases",
          "schoenfeld": "vl_sch", "scaledsch": "vl_ssc", "esr": "vl_esr"}
TVC_REFUSAL = ("option {}() may not be combined with option tvc();\n"
               "see tvc note for an alternative to the tvc() option")


@dataclass
class VariableRequests:
    names: dict = field(default_factory=dict)   # option -> (type, names or [], stub or None)

    def __bool__(self) -> bool:
        return bool(self.names)


def requested(ds, opts: dict, *, tvc: bool, ties: str, shared: bool) -> VariableRequests:
    """The options typed, checked before the fit: tvc() (stcox's _tvc_notallowed, in its order),
    names valid and new."""
    from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

    out = VariableRequests()
    typed = [name for name in ("basechazard", "basehc", "basesurv", "esr", "mgale", "scaledsch", "schoenfeld")
             if opts.get(name) is not None]
    if not typed:
        return out
    if tvc:
        raise StataError(TVC_REFUSAL.format(typed[0]), 198)
    if shared:
        raise StataError(f"option {typed[0]}() with shared() not supported by mlmcli", 198)
    for name in typed:
        if name in MANY and ties in ("exactm", "exactp"):
            # which score and Schoenfeld residuals cox computes for the exact likelihoods is not documented
            raise StataError(f"option {name}() with {ties} not supported by mlmcli", 198)
        vtype, names, stub = parse_new_varlist(opts[name])
        if name in SINGLE and (stub is not None or len(names) != 1):
            raise StataError(f"option {name}() incorrectly specified", 198)
        for new in names:
            check_new_name(ds, new)
        out.names[name] = (vtype, names, stub)
    return out


def write_variables(session, requests: VariableRequests, e, data, strata, V_model: np.ndarray) -> None:
    """The variables of ``requests`` from the fit ``e`` (its CoxData ``data`` on e(sample),
    ``strata`` codes or None), labelled and posted as stcox's SaveOpt does."""
    from mlmcli.commands.postestimation.predict import store_prediction
    from mlmcli.survival.cox_residuals import cox_residuals, scaled_schoenfeld
    from mlmcli.syntax.varlist import check_new_name

    if not requests:
        return
    ds = session.data
    sample = e.sample
    b = np.asarray(e.model.b, float)
    res = cox_residuals(data, strata, b)
    colnames = list(e.matrices["b"].colnames)
    columns = {"mgale": res.mgale, "basehc": res.basehc, "basechazard": res.basechazard, "basesurv": res.basesurv,
               "schoenfeld": res.schoenfeld, "esr": res.scores}
    if "scaledsch" in requests.names:
        columns["scaledsch"] = scaled_schoenfeld(res.schoenfeld, b, V_model, float(np.sum(data.w * data.d)))
    planned = []
    for name in PASSTHRU:  # created in the order stcox.ado hands them to cox
        if name not in requests.names:
            continue
        vtype, names, stub = requests.names[name]
        values = columns[name]
        if name in SINGLE:
            planned.append((names[0], vtype, values, LABELS[name], name))
            continue
        k = values.shape[1]
        if stub is not None:
            names = [f"{stub}{j + 1}" for j in range(k)]
        if len(names) != k:
            raise StataError(f"option {name}() incorrectly specified: {k} new variables required", 198)
        for j, new in enumerate(names):
            planned.append((new, vtype, values[:, j], f"{LABELS[name]} - {colnames[j]}", name))
    seen = set()
    for new, *_ in planned:  # the stub's names, or one name in two options: all new before writing
        check_new_name(ds, new)
        if new in seen:
            raise StataError(f"variable {new} already defined", 110)
        seen.add(new)
    for new, vtype, values, label, option in planned:
        full = np.full(ds.nobs, np.nan)
        full[sample] = values
        store_prediction(session, new, full, vtype, label, report_missing=False)
        macro = MACROS[option]
        e.macros[macro] = (e.macros.get(macro, "") + " " + new).strip() if option in MANY else new

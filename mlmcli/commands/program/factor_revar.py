"""``fvrevar [varlist] [if] [in] [, substitute tsonly list stub(stub)]`` ([R] fvrevar):
temporary (or ``stub#``) double variables standing for the factor variables, interactions and
time-series-operated variables of a varlist, their names in r(varlist).

Each term is expanded as fvexpand expands it (every level, the base included: fvrevar's help
makes five variables of i.rep78); a level's variable is the 0/1 indicator of that level
(missing where the factor is), an interaction the product of its parts.  Observations outside
if/in are missing (decided: Stata's text does not say)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import parse_coef_name
from mlmcli.syntax.options import OptionSpec, resolve_options


def _column(ds, name: str) -> np.ndarray:
    out = np.ones(ds.nobs)
    for part in parse_coef_name(name).parts:
        operated = part.level is None and part.op.lower() not in ("", "c", "o", "co", "oc")
        values = ds.numeric(f"{part.op}.{part.var}" if operated else part.var)  # L.x: its values
        if part.level is not None:
            with np.errstate(invalid="ignore"):
                values = np.where(np.isnan(values), np.nan, (values == float(part.level)).astype(float))
        out = out * values
    return out


def _factor_op(comp) -> str:
    """The operator that writes a factor component back (``i``, ``ib2``, ``ibn``, ``ib(last)``)."""
    if comp.base is None:
        return "i"
    if comp.base == "n":
        return "ibn"
    return f"ib{comp.base}" if comp.base.isdigit() else f"ib({comp.base})"


def _operated(name: str) -> bool:
    from mlmcli.time_series_ops import split_operated

    return bool(split_operated(name))


def cmd_fvrevar(session, cmd) -> None:
    from mlmcli.commands.program.time_series_names import temporary_name
    from mlmcli.factor_terms import parse_terms, term_variables
    from mlmcli.factor_variables import expanded_names
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.varlist import check_new_name

    opts = resolve_options(cmd.options, [OptionSpec("substitute", 3), OptionSpec("tsonly", 2),
                                         OptionSpec("list", 1), OptionSpec("stub", 4, True)])
    if sum(bool(opts.get(k)) for k in ("substitute", "tsonly", "list")) > 1:
        raise StataError("only one of substitute, tsonly, or list may be specified", 198)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    terms = parse_terms(ds, cmd.args) if cmd.args.strip() else []
    if opts.get("list"):
        names = []
        for var in term_variables(terms):
            base = var.rpartition(".")[2]
            if base not in names:
                names.append(base)
        session.set_r({"varlist": " ".join(names)})
        return
    rows = np.asarray(mark_sample(session, cmd), dtype=bool)
    wanted: list[tuple[str, bool]] = []  # (name, make a variable)
    for term in terms:
        factor_term = any(c.factor for c in term.components) or len(term.components) > 1
        if factor_term and not opts.get("tsonly"):
            wanted += [(n, True) for n in expanded_names(ds, [term], rows)]
        else:
            text = "#".join(c.var if not c.factor else f"{_factor_op(c)}.{c.var}" for c in term.components)
            wanted.append((text, _operated(text) and not factor_term))
    stub = opts.get("stub", "").strip() if "stub" in opts else None
    if stub is not None and not stub:
        raise StataError("option stub() incorrectly specified", 198)
    made: dict[str, str] = {}
    plan, planned = [], set()
    for name, make in wanted:
        if not make or name in planned:
            continue
        planned.add(name)
        k = len(planned)
        new = f"{stub}{k}" if stub else None
        if new is not None:
            check_new_name(ds, new)
        plan.append((name, new, _column(ds, name)))
    for name, new, values in plan:  # every name checked and computed before any is added
        values = np.where(rows, values, np.nan)
        made[name] = new or temporary_name(session)
        ds.set_variable(made[name], values, "double")
    session.set_r({"varlist": " ".join(made.get(n, n) for n, _ in wanted)})

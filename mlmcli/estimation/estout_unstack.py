"""``esttab`` / ``estout``'s ``unstack``: the equations of multiple-equation models side by side
instead of one below the other (estout help; the layout read in estout.ado's "Prepare unstack"
and "Determine table layout"):

- a column per model and equation of the table (after keep()/drop()), in the table's equation
  order, for the equations the model has a result in (ModelEqCheck);
- a row per coefficient name, the names in the order they first appear, the names order() lists
  first, ``_cons`` last unless order() names it;
- the model numbers and titles are written over a model's first column (spanning its columns in
  LaTeX), a row of equation labels under them unless the table's only equation is ``_``;
- the statistics are a model's, in its first column (estout's per-equation statistics of reg3,
  sureg and mvreg are not reproduced: those commands are not in mlm);
- indicate() is answered per equation.

Checked against the published outputs in estpost's help file (``estpost tabstat ..., by()``
and ``estpost tabulate`` twoway, tabulated with ``esttab ., unstack``).
"""
from __future__ import annotations

import dataclasses

from mlmcli.results.estout import EstoutEquation, EstoutRow, EstoutTable


def unstacked(session, spec, per_model, eq_rows, stats, extra, layout, *, row_label, groups,
              matches) -> EstoutTable:
    """The EstoutTable of the unstacked layout. ``per_model``: per model {(eq, name): entry};
    ``eq_rows``: (eq, names kept) in table order; ``stats``: per model; ``groups``: indicate()'s
    (label, patterns, (yes, no)); ``matches(pattern, eq, name)``: estout's pattern rule."""
    varlist: list[str] = []
    for _, names in eq_rows:
        varlist += [nm for nm in names if nm not in varlist]
    ordered = [p.rpartition(":")[2] for p in spec.order]  # GetVarnamesFromOrder: the names alone
    first = [nm for nm in dict.fromkeys(ordered) if nm in varlist]
    varlist = first + [nm for nm in varlist if nm not in first]
    if "_cons" in varlist and "_cons" not in ordered:
        varlist = [nm for nm in varlist if nm != "_cons"] + ["_cons"]
    columns = [(mi, eq) for mi, entries in enumerate(per_model) for eq, names in eq_rows
               if any((eq, nm) in entries for nm in names)]
    rows = []
    for nm in varlist:
        refcat = None
        if nm in spec.refcat:
            refcat = (spec.refcat[nm], tuple(spec.refcat_label if (eq, nm) in per_model[mi] else ""
                                             for mi, eq in columns), spec.refcat_below)
        rows.append(EstoutRow(row_label(nm), tuple(per_model[mi].get((eq, nm)) for mi, eq in columns), refcat))
    model_of = [mi for mi, _ in columns]
    leading = [c == 0 or model_of[c - 1] != mi for c, mi in enumerate(model_of)]
    new_stats = tuple(dataclasses.replace(st, values=tuple(st.values[mi] if lead else None
                                                           for mi, lead in zip(model_of, leading)),
                                          p=None if st.p is None else tuple(st.p[mi] for mi in model_of))
                      for st in stats)
    extra = dict(extra)
    extra["indicate"] = [(label, tuple(yes if any(e == eq and any(matches(p, e, nm) for p in patterns)
                                                  for e, nm in per_model[mi]) else no
                                       for mi, eq in columns))
                         for label, patterns, (yes, no) in groups]
    eqs = [eq for eq, _ in eq_rows]
    extra["unstack"] = {"model_of": tuple(model_of),
                        "eqlabels": None if eqs == ["_"] or spec.eqlabels == [] else
                        tuple(_eq_label(session, spec, eqs, eq) for _, eq in columns)}
    return EstoutTable(equations=(EstoutEquation(None, tuple(rows)),), stats=new_stats, nmodels=len(columns),
                       extra=extra, **layout)


def _eq_label(session, spec, eqs: list[str], eq: str) -> str:
    """eqlabels()'s label of the equation (by its position), else with ``label`` the label of a
    variable of that name, else its name."""
    k = eqs.index(eq)
    if spec.eqlabels and k < len(spec.eqlabels):
        return spec.eqlabels[k]
    if spec.label and eq in session.data.var_labels and session.data.var_labels.get(eq):
        return session.data.var_labels[eq]
    return eq

"""``_rmcoll``: flag the variables collinear on the sample ([P] _rmcoll).

    _rmcoll varlist [if] [in] [weight] [, noconstant collinear expand forcedrop]

The sample is ``if``/``in`` without the rows where a variable of the varlist (or the weight)
is missing, or the weight is zero.  Variables are taken in order, the constant first unless
``noconstant``; one that is a linear combination of those kept before it is flagged ``o.``
with ``note: x omitted because of collinearity`` (mlm's collinearity rule,
``collinear_columns``, the one regress uses).  Factor variables are enumerated on the sample
(base levels ``b``; an empty cell of an interaction is flagged ``o.`` with ``note: ...
identifies no observations in the sample``).  r(varlist) is the updated list, r(k_omitted)
the number flagged.  ``collinear`` flags nothing; ``forcedrop`` leaves the flagged variables
out of r(varlist); ``expand`` returns factor variables level by level.  Without ``expand`` a
list with factor variables that flags nothing is returned with names spelled out and operators
as typed (``i.rep78``), and one that flags something is returned expanded -- a decision made without
a Stata log at hand.  Stata 13's documentation lists no ``logit`` option: it is refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTIONS = [OptionSpec("noconstant", 6), OptionSpec("collinear", 4), OptionSpec("expand", 3),
            OptionSpec("forcedrop", 5)]


def cmd_rmcoll(session, cmd) -> None:
    from mlmcli.collinear_columns import independent_candidates
    from mlmcli.factor_terms import parse_terms, term_variables
    from mlmcli.factor_variables import (SampleFactors, candidate_recipes, design_layout, evaluate_recipes,
                                         finish_design)
    from mlmcli.sample import mark_sample, mark_weight

    opts = resolve_options(cmd.options, _OPTIONS)
    data = session.data
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    terms = parse_terms(data, cmd.args)
    sample = mark_sample(session, cmd, term_variables(terms))
    sample, weights = mark_weight(session, cmd, sample)
    if weights is not None:
        sample &= weights != 0
    if not sample.any():
        raise StataError("no observations", 2000)
    constant = not opts.get("noconstant")
    layout = design_layout(data, terms, SampleFactors(data, sample))
    recipes = candidate_recipes(layout)
    columns = evaluate_recipes(data, recipes, sample) if recipes else np.empty((int(sample.sum()), 0))
    if opts.get("collinear"):
        keep = np.ones(len(recipes), dtype=bool)
    else:
        keep = independent_candidates(columns, constant)
    design = finish_design(layout, keep, constant, terms, columns)
    labels = [lab for lab in design.labels if lab.name != "_cons"]
    for lab in labels:
        if lab.omitted and getattr(lab, "empty", False):
            session.out.line(f"note: {lab.name} identifies no observations in the sample")
    for note in design.notes:
        session.out.line(note)
    flagged = [lab for lab in labels if lab.omitted]
    has_factors = any(len(t.components) > 1 or t.components[0].factor for t in terms)
    if has_factors and not opts.get("expand") and not flagged:
        from mlmcli.commands.program.factor_names import unabbreviated_words

        names = unabbreviated_words(data, cmd.args)
    else:
        names = [lab.name for lab in labels if not (lab.omitted and opts.get("forcedrop"))]
    session.set_r({"varlist": " ".join(names), "k_omitted": float(len(flagged))})


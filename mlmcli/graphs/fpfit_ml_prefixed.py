"""fpfit's jackknife prefix for the maximum-likelihood estcmd()s and glm (``ml_prefixed``): each
fit's estimate on the command's sample with idcluster()'s renumbered y, weights, offset and
denominators, the ancillary equations of e(b), and the names fracpoly's fits may read
(``model_variables``); the prefix itself is ``graphs.fpfit_ml_jackknife.prefixed_fracpoly``."""
from __future__ import annotations

import numpy as np

from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefix_hooks, prefixed_fracpoly


def ml_prefixed(ctx, plot, cluster_var, renumbered: dict, data_rows, command: str, y, x, w, weight_kind, vce, cluster,
                fp_settings, glm, ml, offset, rows, best_model):
    """``prefixed_fracpoly`` for the maximum-likelihood commands and glm (``graphs.fpfit_models``):
    ``rows`` the command's sample among the plot's (``graphs.fpfit_command_sample``), ``cluster``
    on them; ``w`` the plot's weights (None: unweighted), each replicate's from the loop
    (``_PrefixRun._replicate_rows``); ``renumbered`` gets idcluster()'s new y, weights, offset over
    the plot's rows, ``data_rows`` the plot's rows in the data (``graphs.fpfit_idcluster_data``)."""
    from mlmcli.graphs.fpfit_command_sample import subset, without_missing_denominators
    from mlmcli.graphs.fpfit_idcluster_data import check_readable, denominator_name, renumber_outcome
    from mlmcli.graphs.fpfit_models import ORDINAL_COMMANDS, ml_estimate

    hooks = prefix_hooks(ctx)
    y_c, offset_c, glm_c = subset(y, rows), subset(offset, rows), without_missing_denominators(glm, rows)
    w_c = None if w is None else np.asarray(subset(w, rows), float)
    constant = fp_settings["constant"]

    # idcluster() may renumber y, the weights, the offset, glm's denominators between fits
    outcome = {"y": y_c, "w": w_c, "offset": offset_c, "y_plot": y, "glm": glm_c}

    def estimate(X, keep, final, scalars, centre):
        check_readable(outcome)
        X_c, y_c, w_c, offset_c, glm_c = subset(X, rows), outcome["y"], outcome["w"], outcome["offset"], outcome["glm"]
        narrowed = outcome.get("in")  # a renumbered weight 0 or missing: those rows out (marksample)
        if narrowed is not None:
            if final and keep is None:  # fracpred's e(sample) over the plot's rows
                command_rows = np.arange(len(y)) if rows is None else (
                    np.flatnonzero(rows) if np.asarray(rows).dtype == bool else np.asarray(rows))
                renumbered["sample"] = np.isin(np.arange(len(y)), command_rows[narrowed])
            keep = narrowed.copy() if keep is None else (keep & narrowed if keep.dtype == bool
                                                          else np.where(narrowed, keep, 0.0))
        if keep is None:
            return ml_estimate(command, y_c, X_c, w_c, weight_kind, glm_c, ml, offset_c,
                               constant=constant and X.shape[1] > 0, final=final, centre=centre, scalars=scalars)
        if keep.dtype == bool:
            ww = None if w_c is None else w_c[keep]
        else:  # the replicate's weights over every row, 0 where left out
            keep, ww = keep > 0, keep[keep > 0]
        return ml_estimate(command, y_c[keep], X_c[keep], ww, weight_kind, without_missing_denominators(
            glm_c, keep), ml, subset(offset_c, keep), constant=constant and X.shape[1] > 0, final=final,
            centre=centre, scalars=scalars)

    if command in ORDINAL_COMMANDS:
        ancillary = tuple(f"cut{j}" for j in range(1, np.unique(y_c).size))
    elif command == "nbreg":
        ancillary = ("lndelta",) if ml is not None and ml.dispersion == "constant" else ("lnalpha",)
    else:
        ancillary = ()
    weighting = {}
    if w_c is not None:
        weight = getattr(plot.call, "weight", None)
        weighting = dict(weight_kind=weight_kind, weights=w_c, weight_exp=None if weight is None else f"= {weight.exp}")
    holder: list = []
    prefixed = PrefixedCommand(command, plot.ys[0], plot.ys[0], ancillary, estimate, int(y_c.size),
                               binomial_null=command in ("logit", "probit"), model_variables=model_variables(plot),
                               renumber=renumber_outcome(hooks, plot, ml, rows, data_rows, outcome, renumbered,
                                                         holder, denominator_name(hooks, plot, glm)),
                               renumbered_x=lambda: renumbered.get("x"), sample=lambda: outcome.get("in"),
                               **weighting)
    holder.append(prefixed)
    return prefixed_fracpoly(hooks, prefixed, vce, fp_settings, x, plot.x, cluster, cluster_var, best_model)


def model_variables(plot) -> frozenset:
    """The names fracpoly's fits may read: y, x and ``typed_names``."""
    return typed_names(plot) | {plot.ys[0], plot.x}


def typed_names(plot) -> frozenset:
    """The weight expression's and estopts()' names (offset(), exposure(), a denominator,
    cluster() ...), idcluster()'s own name left out."""
    import re

    from mlmcli.graphs.series_parts import last_option

    weight = getattr(plot.call, "weight", None)
    text = " ".join([str(last_option(plot.options, "estopts") or ""), "" if weight is None else str(weight.exp)])
    text = re.sub(r"\bid[a-z]*\s*\([^)]*\)", " ", text, flags=re.IGNORECASE)
    return frozenset(re.findall(r"[^\W\d]\w*", text))

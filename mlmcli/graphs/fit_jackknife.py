"""lfit/qfit/lfitci/qfitci's ``estopts(vce(jackknife, ...))``: what the jackknife prefix of the
``regress`` inside twoway__lfit_serset does besides the band.

That regress is ``regress y x [x2] if touse, estopts`` (x2: qfit's x^2, a temporary variable),
run under ``capture`` before the serset preserves the data, so:

- its output (dots included) is never shown;
- ``saving()`` writes the replicates of e(b)'s columns ``_b_x [_b_<x2>] _b_cons``;
- ``keep`` adds the pseudovalues ``_b_x [_b_<x2>] _b_cons`` (and ``idcluster()``'s numbering) to the
  data, which stay after the graph; an existing variable of those names makes regress fail:
  twoway's ``(note:  regress could not fit model)`` and r(110);
- ``n()``/``reject()`` check each replicate with its e() (``commands/estimation/jackknife_checks``),
  ``nodrop`` changes nothing (twoway's touse already leaves out the observations without y or x);
- no usable replicate is regress's r(2000), which twoway draws as an empty fit with the note.

x2's name is the session's next temporary name (``commands/graphs/fit_jackknife_hooks``).  The
session side comes through ``ctx.jackknife_hooks``; without it (a graph built outside a session)
keep, n() and reject() are refused.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def with_prefix_outputs(ctx, plot, vce, degree: int, constant: bool, sample: np.ndarray,
                        cluster: np.ndarray | None, cluster_var: str | None):
    """``vce`` with the saving() file's names, keep's writer and the replicate checks."""
    settings = vce.jackknife or {}
    hooks = getattr(ctx, "jackknife_hooks", None)
    checked = settings.get("keep") or settings.get("reject") or settings.get("nfunc") not in (None, "e(N)")
    if hooks is None:
        if checked:
            raise StataError("estopts(): vce(jackknife, keep n() reject()) not supported by mlmcli here", 198)
        if degree == 2 and vce.saving is not None:
            raise StataError("estopts(): vce(jackknife, saving()) not supported by mlmcli here", 198)
        names = (plot.x, "_cons") if constant else (plot.x,)
    else:
        names = (plot.x,) + ((hooks.temp_name(),) if degree == 2 else ()) + (("_cons",) if constant else ())
    changes: dict = {}
    if vce.saving is not None:  # what the file names: e(b)'s columns, the command, the clusters
        weight = getattr(plot.call, "weight", None)
        changes["saving"] = {**vce.saving, "names": names, "cluster": cluster_var,
                             "command": f"regress {plot.ys[0]} {' '.join(names[:degree])}",
                             "weighting": None if weight is None else (plot.weight_kind, f"= {weight.exp}")}
    if hooks is not None:
        if settings.get("keep"):
            hooks.check_keep(names)
            changes["pseudovalues"] = lambda b, replicates, frequencies=None: hooks.pseudovalues(
                names, b, replicates, sample, settings, cluster, frequencies)
        if settings.get("reject") or settings.get("nfunc") not in (None, "e(N)"):
            changes["checks"] = lambda y, X, codes, w=None, kind=None: hooks.checks(
                settings, y, X, codes, names, plot.ys[0], w, kind)
    return dataclasses.replace(vce, **changes)

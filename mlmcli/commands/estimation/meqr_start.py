"""``from(init_specs)`` and ``refineopts(maximize_options)`` of meqrlogit, meqrpoisson,
xtmelogit and xtmepoisson (Stata's ``_xtme_estimate``: ``FROM(string) REFINEopts(string)``).

from() is read over e(b)'s names as these commands post them (``meqr._e_matrices``): the fixed
effects ``depvar:x`` (``_xtme_estimate`` names the first equation ``eq1`` while it builds the
start, and ``_mkvec ..., first`` reads a matrix's first equation whatever its name: ``eq1:x`` is
taken as ``depvar:x``), then the random-effects parameters in the estimation metric,
``lns1_1_1:_cons`` (ln sd) and ``atr1_1_1_2:_cons`` (atanh corr) -- the engine's own metric, so
a saved e(b) starts the fit where it ended.  A matrix by its names, ``eq:name=#`` pairs, ``skip``
and ``copy`` as ml's init() (``graphs.fpfit_ml_start.read_from``).  As ``_mkvec`` builds the
start (a vector of zeros over those names, filled from from()), a parameter from() does not name
starts at 0 (ln sd 0: a standard deviation of 1), not at the fixed-effects fit's estimate.
``_mkvec`` matches the fixed effects in its own ``eq1:`` names, so a saved e(b) named
``depvar:x`` would be "extra parameter ... found" there unless e(b)'s first equation is
``eq1``; mlmcli posts ``depvar:x`` and reads either name (**decided without evidence**).

refineopts(): Stata refines the start with ``iterate(2)`` ml iterations of an approximate
likelihood before the gradient-based optimisation; mlmcli's refining is its grid of starting
variances (``glmm.estimate``).  ``refineopts(iterate(0))`` skips it (the help: with from(), it
"bypasses the initial optimization stage"): the start is used as it is and the log has no
``Refining starting values:``; ``iterate(#)`` with # > 0 keeps mlmcli's refining;
``nolog``/``log`` hide or show that stage's log.  Any other maximize option in refineopts() is
refused by name: mlmcli's refining has no ml iterations for it to act on.
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from mlmcli.errors import StataError


def with_start(session, spec, design, opts: dict):
    """(spec with from()'s start and refineopts()' refining, whether the refining log shows)."""
    show = True
    if "refineopts" in opts:
        refine, show = _refine_options(str(opts["refineopts"]))
        spec = dataclasses.replace(spec, refine=refine)
    if "from" in opts:
        spec = _with_from(session, spec, design, str(opts["from"]))
    return spec, show


def _refine_options(text: str) -> tuple[bool, bool]:
    refine, show = True, True
    for word in re.findall(r"\w+(?:\([^)]*\))?", text):
        m = re.fullmatch(r"iter(?:a|at|ate)?\(\s*(-?\d+)\s*\)", word)
        if m:
            refine = int(m.group(1)) > 0
        elif word in ("nolog", "nolo"):
            show = False
        elif word in ("log", "lo"):
            show = True
        else:
            raise StataError(f"option refineopts({text.strip()}) not supported by mlmcli: its refining is a "
                             "grid of starting variances; only iterate(#) and nolog are honoured", 198)
    return refine, show


def _with_from(session, spec, design, text: str):
    from mlmcli.commands.estimation.me_constraints import engine_model
    from mlmcli.graphs.fpfit_ml_start import read_from, start_at

    model = engine_model(spec)
    dep = spec.fixed.depvar
    names = [f"{dep}:{lab.name}" for lab in design.labels]
    names += [f"{n}:_cons" for lv in model.structure.levels for blk in lv.blocks for n in blk.cov.est_names()]
    start = read_from(session, text)
    if start[0] == "names":  # the first equation's name is free (_mkvec's first)
        start = ("names", tuple((f"[{dep}]" + ref[len("[eq1]"):] if ref.startswith("[eq1]") else ref, v)
                                for ref, v in start[1]), start[2])
    given = start_at(start, names)
    nf = len(design.labels)
    est = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
    values = np.nan_to_num(np.concatenate([given[est], given[nf:]]), nan=0.0)  # _mkvec's zeros
    return dataclasses.replace(spec, fixed=dataclasses.replace(spec.fixed, start=values))

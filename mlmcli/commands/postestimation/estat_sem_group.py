"""estat ginvariant and estat ggof after sem with group() (sem_estat_ginvariant.ado,
sem_estat_ggof.ado): after another command r(301); after sem without group() ggof says
"estat ggof requires multiple groups" (r(198)) and ginvariant "(nothing to do in case of a
single group)".  r(N_groups), r(nobs); ginvariant r(test) (Wald chi2 df p, score chi2 df p by
parameter), r(test_pclass) (each row's class, numbered as sem_classnames lists them),
r(test_class) with ``class``; ggof r(gfit)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def _sem_results(session, cmd):
    from mlmcli.estimation.active import active

    e = active(session)
    if e.cmd != "sem":
        raise StataError("last estimates not found", 301)
    if len(cmd.args.split()) > 1 or cmd.if_exp or cmd.in_range:
        raise StataError("invalid syntax", 198)
    return e


def group_views(e) -> list[tuple]:
    """(sem_groupheader's text or None, a fit-like view) for each group of the active sem: the
    fit itself without group(); with group() each group's model, parameters and moments, headed
    ``Group #1: label (grp=1; N=300) `` (the label when the group variable has value labels)."""
    from types import SimpleNamespace

    from mlmcli.sem.group_estimate import GroupSEMFit, level_text

    fit = e.model
    if not isinstance(fit, GroupSEMFit):
        return [(None, fit)]
    model = fit.group_model
    gvar, labels = fit.extra["gvar"], fit.extra["labels"]
    out = []
    for g, built in enumerate(model.builts):
        value = level_text(model.values[g])
        n = fit.extra["moments"].groups[g].n
        label = f": {labels[g]}" if labels[g] != value else ""
        header = f"Group #{g + 1}{label} ({gvar}={value}; N={n}) "
        view = SimpleNamespace(built=built, extra={"theta": fit.group_theta(g), "moments": fit.extra["moments"].groups[g]})
        out.append((header, view))
    return out


def estat_ginvariant(session, cmd) -> None:
    from mlmcli.commands.estimation.sem_group import invariant_classes
    from mlmcli.render.sem_group_tests import render_ginvariant
    from mlmcli.results.matrix import Matrix
    from mlmcli.sem.group_estimate import GroupSEMFit
    from mlmcli.sem.group_model import CLASSES
    from mlmcli.sem.group_tests import class_tests, ginvariant_tests

    e = _sem_results(session, cmd)
    opts = resolve_options(cmd.options, [OptionSpec("showpclass", 5, takes_arg=True), OptionSpec("class", 3),
                                         OptionSpec("legend", 3)])
    if not isinstance(e.model, GroupSEMFit):
        session.print("(nothing to do in case of a single group)")
        return
    shown = invariant_classes(opts.get("showpclass") or "all")
    if not shown:
        session.print("(nothing to do)")
        return
    if opts.get("legend") and not opts.get("class"):
        raise StataError("class must be specified if legend is specified", 198)
    fit = e.model
    rows = ginvariant_tests(fit, shown)
    joint = class_tests(fit, shown) if opts.get("class") else None
    results = {"N_groups": float(len(fit.group_model.builts)), "nobs": e.matrices["nobs"]}
    if not rows:
        session.set_r(results)
        session.print("(no tests to report)")
        return
    nan = float("nan")

    def cells(w, s):
        return [*(w if w is not None else (nan, nan, nan)), *(s if s is not None else (nan, nan, nan))]
    cols = ("chi2", "df", "p>chi2", "chi2", "df", "p>chi2")
    results["test"] = Matrix(np.array([cells(w, s) for _, w, s in rows], float),
                             tuple(p.name for p, _, _ in rows), cols)
    results["test_pclass"] = Matrix(np.array([[CLASSES.index(p.pclass) + 1.0 for p, _, _ in rows]]), ("pclass",),
                                    tuple(p.name for p, _, _ in rows))
    if joint is not None:
        results["test_class"] = Matrix(np.array([cells(w, s) for _, w, s in joint], float),
                                       tuple(c for c, _, _ in joint), cols)
    session.set_r(results)
    session.print(render_ginvariant(rows, set(fit.built.measurement), joint, legend=bool(opts.get("legend"))))


def estat_ggof(session, cmd) -> None:
    from mlmcli.render.sem_group_tests import render_ggof
    import textwrap
    from mlmcli.results.matrix import Matrix
    from mlmcli.sem.group_estimate import GroupSEMFit
    from mlmcli.sem.group_gof import cross_group_constraints, group_rows

    e = _sem_results(session, cmd)
    if not isinstance(e.model, GroupSEMFit):
        raise StataError("estat ggof requires multiple groups", 198)
    opts = resolve_options(cmd.options, [OptionSpec("format", 3, takes_arg=True)])
    fmt = "%9.3f"
    if opts.get("format"):
        from mlmcli.commands.estimation.common import display_formats

        fmt = display_formats({"cformat": opts["format"]}).get("cformat") or fmt
    fit = e.model
    rows = group_rows(fit)
    robust = e.macros.get("vce") in ("robust", "cluster")
    missing = fit.extra.get("method") == "mlmv"
    columns = ["N"] + ([] if missing else ["SRMR"]) + (["CD"] if "CD" in rows[0] else [])
    notes = []
    if not robust and not cross_group_constraints(fit):
        columns += ["chi2", "df", "p > chi2"]
    elif robust:
        notes.append("Note: Group-level chi-squared statistics are not reported because of pseudolikelihood.")
    else:
        notes.append("Note: Group-level chi-squared statistics are not reported because of constraints between"
                     " groups.")
    if missing:
        notes.append("Note: Group-level SRMR statistics are not reported because of missing values.")
    labels = fit.extra["labels"]
    wrapped = [line for note in notes for line in textwrap.wrap(note, 78, subsequent_indent=" " * 6)]
    session.set_r({"N_groups": float(len(rows)),
                   "gfit": Matrix(np.array([[r[c] for c in columns] for r in rows], float), tuple(labels),
                                  tuple(columns))})
    session.print(render_ggof(labels, rows, columns, fmt, wrapped))

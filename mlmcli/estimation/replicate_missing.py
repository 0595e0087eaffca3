"""Replicates posted missing (a fit that fails or drops a coefficient, reject(), n()) after a
command's vce(jackknife) or vce(bootstrap) on the shared runners (cluster_replicates,
bootstrap_run): e(N_misreps) (jackknife: _jk_sum's count, also 0), e(missing) ``missing`` when
there are any, and _prefix_footnote's note after the command's table (not with notable):
``Note: one or more parameters could not be estimated in # jackknife replicates; standard-error
estimates include only complete replications.``  The runner calls ``finish_jackknife`` after
the command posted e(); the bootstrap's is ``bootstrap_results.finish_bootstrap``."""
from __future__ import annotations


def finish_jackknife(session, before) -> None:
    pending, session.jackknife_pending = session.jackknife_pending, None
    e = session.e
    if pending is None or e is None or e is before or e.macros.get("vce") != "jackknife":
        return
    count = int(pending["n_misreps"])
    e.scalars["N_misreps"] = float(count)
    if count:
        e.macros["missing"] = "missing"
        if not pending.get("noted"):  # the command's own display may have shown it already
            print_note(session, e, pending.get("settings") or {})


def mark_noted(session) -> None:
    """The command's display has just shown the note: the runner's finish must not repeat it."""
    for pending in (session.jackknife_pending, getattr(session, "bootstrap_pending", None)):
        if isinstance(pending, dict):
            pending["noted"] = True


def print_note(session, e, settings: dict) -> None:
    """The note after the table just shown (none when the table was not: notable)."""
    from mlmcli.render.replicate_note import note_of_results

    if "notable" in (settings.get("display") or ()) or settings.get("notable"):
        return
    for line in note_of_results(e.scalars, e.macros):
        session.print(line)

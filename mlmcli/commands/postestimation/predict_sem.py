"""``predict`` after sem: sem_p's (1.2.0, Stata 14-16) checks, in its order, before anything
is printed.  Options: ``xb``/``xb(varlist)`` (observed endogenous variables; the default),
``xblatent``/``xblatent()``, ``latent``/``latent()`` and ``scores``, one of them
(opts_exclusive, r(184)); xblatent and latent need latent variables ("option latent not allowed
for models without latent variables", r(198)); xb()'s names are checked as margins checks them
(``sem.sem_margins``: duplicates r(198), not an observed endogenous variable r(111)); the new
variables must match the predictions in number (r(102)/r(103); for xb, "(xb(y z) assumed)"
is printed first, as sem_p prints it before counting).

Without latent variables: predict_sem_observed (xb and scores); with latent variables:
predict_sem_latent."""
from __future__ import annotations

from mlmcli.errors import StataError, option_not_allowed

# (declared name as the message shows it, full name, minimal abbreviation, takes an argument)
_DECLARED = (("xb()", "xb", 2, True), ("xb", "xb", 2, False), ("xblatent()", "xblatent", 5, True),
             ("xblatent", "xblatent", 5, False), ("latent()", "latent", 3, True), ("latent", "latent", 3, False),
             ("scores", "scores", 2, False))
_EXCLUSIVE_ORDER = ("latent()", "latent", "xb()", "xb", "xblatent()", "xblatent", "scores")


def predict_sem(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import parse_new_varlist
    from mlmcli.sem.sem_margins import endogenous_named

    typed: dict[str, object] = {}
    for o in cmd.options:
        shown = next((s for s, full, least, arg in _DECLARED if (o.arg is not None) == arg
                      and len(o.name) >= least and full.startswith(o.name)), None)
        if shown is None:
            raise option_not_allowed(o.name, o.arg)
        typed[shown] = o
    given = [s for s in _EXCLUSIVE_ORDER if s in typed]
    if len(given) == 2:
        raise StataError(f"options {given[0]} and {given[1]} may not be combined", 184)
    if len(given) > 2:
        raise StataError(f"only one of {', '.join(given[:-1])}, or {given[-1]} is allowed", 184)
    stat = given[0] if given else "xb"
    from mlmcli.sem.latent_estimate import LatentSEMFit

    if isinstance(e.model, LatentSEMFit):  # sem with latent variables: predictions computed
        from mlmcli.commands.postestimation.predict_sem_latent import predict_sem_latent

        return predict_sem_latent(session, e, cmd, stat, typed)
    model = e.model.model
    if stat.startswith("xblatent"):
        raise StataError(f"option {stat} not allowed for models without latent endogenous variables", 198)
    if stat.startswith("latent") and not getattr(model, "latents", ()):
        raise StataError(f"option {stat} not allowed for models without latent variables", 198)
    if stat.startswith("xb"):
        wanted = len(endogenous_named(e.model, [typed["xb()"]] if stat == "xb()" else []))
    elif stat == "scores":
        wanted = len(e.b) if getattr(e, "b", None) is not None else None
    else:
        wanted = None
    _, names, stub = parse_new_varlist(cmd.args)
    if wanted is not None and stub is None and len(names) != wanted:
        if stat == "xb":  # sem_p prints its note before newvarlist() counts the names
            session.print(f"(xb({' '.join(endogenous_named(e.model, []))}) assumed)")
        raise StataError("too few variables specified" if len(names) < wanted else "too many variables specified",
                         102 if len(names) < wanted else 103)
    if e.cmd != "sem":
        raise StataError(f"predict after {e.cmd} is not available in mlm", 198)
    from mlmcli.commands.postestimation.predict_sem_observed import predict_sem_observed

    predict_sem_observed(session, e, cmd, stat, typed)

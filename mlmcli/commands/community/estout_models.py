"""``esttab`` / ``estout``: the result sets a table shows (those named, with wildcards; else
those ``eststo`` stored; else the active ones), and e(beta) added to them for ``beta``."""
from __future__ import annotations

from mlmcli.estimation import active as estimates


def table_models(session, names_text: str):
    """The result sets named (wildcards), else those ``eststo`` stored, else the active ones."""
    names = names_text.split()
    if not names:
        stored = [n for n in session.globals.get("eststo", "").split() if n in session.estimates]
        names = stored or ["."]
    names = estimates.expand_names(session, names)
    out = []
    for n in names:
        e = estimates.lookup(session, n)
        out.append((n if n != "." else (estimates.active_name(session) or "."), e))
    return out


def with_beta(session, models):
    """The models with e(beta) added, stored back as ``estadd beta, replace: names`` does."""
    from mlmcli.commands.community.estadd_beta import beta_results

    out = []
    for name, e in models:
        added = beta_results(session, e)
        if session.estimates.get(name) is e:
            session.estimates[name] = added
        if session.e is e:
            session.e = added
        out.append((name, added))
    return out

"""``meta subcommand ...``: Stata 16's meta-analysis suite, the subcommands dispatched by name
(with Stata's minimal abbreviations), and Stata 17's meta meregress (random intercepts).  Stata
17's meta multilevel and meta mvregress, and meta labbeplot, are refused by name."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import abbreviates

# (name, minimal abbreviation, module:function)
_SUBCOMMANDS = (
    ("set", 3, "declare:meta_set"),
    ("esize", 5, "declare:meta_esize"),
    ("update", 6, "declare:meta_update"),
    ("query", 5, "declare:meta_query"),
    ("clear", 5, "declare:meta_clear"),
    ("summarize", 4, "summarize:cmd_summarize"),
    ("forestplot", 6, "plots:cmd_forestplot"),
    ("funnelplot", 6, "plots:cmd_funnelplot"),
    ("galbraithplot", 9, "plots:cmd_galbraithplot"),
    ("bias", 4, "small_studies:cmd_bias"),
    ("trimfill", 8, "small_studies:cmd_trimfill"),
    ("regress", 3, "regress:cmd_regress"),
    ("meregress", 9, "meregress:cmd_meregress"),
)
_LATER = ("multilevel", "mvregress", "me", "mv")
_NOT_IMPLEMENTED = {"labbeplot": "meta labbeplot (L'Abbe plots)"}


def cmd_meta(session, cmd) -> None:
    import importlib

    words = cmd.args.split()
    if not words:
        raise StataError("subcommand required", 198)
    sub = words[0]  # subcommand names: case counts, as the ado compares them
    if sub in _LATER:
        raise StataError(f"meta {sub} is a command of Stata 17 and later that mlm does not implement "
                         "(mlm implements Stata 16's meta suite and meta meregress); it fits multilevel or "
                         "multivariate meta-analyses", 199)
    if sub in _NOT_IMPLEMENTED or any(abbreviates(sub, n, 6) for n in _NOT_IMPLEMENTED):
        raise StataError(f"{_NOT_IMPLEMENTED['labbeplot']} is not implemented in mlm", 199)
    for name, minimum, target in _SUBCOMMANDS:
        if abbreviates(sub, name, minimum):
            module, function = target.split(":")
            handler = getattr(importlib.import_module(f"mlmcli.commands.meta.{module}"), function)
            return handler(session, cmd, words[1:])
    raise StataError(f"invalid subcommand {words[0]}", 198)

"""The switch options (no arguments) a predict program takes, resolved with their
abbreviations: what areg_p's and reghdfe_p's ``syntax`` lines read."""
from __future__ import annotations

from mlmcli.errors import option_not_allowed
from mlmcli.syntax.abbreviation import resolve_choice


def switch_options(cmd, names, aliases: dict | None = None) -> list[str]:
    """The statistics typed, canonical (``aliases`` maps one name to another, e.g. scores ->
    residuals); an unknown option or one with an argument is "option ... not allowed" r(198)."""
    chosen = []
    for option in cmd.options:
        name = resolve_choice(option.name, names)
        if name is None or option.arg is not None:
            raise option_not_allowed(option.name, option.arg)
        chosen.append((aliases or {}).get(name, name))
    return chosen

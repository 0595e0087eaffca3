"""Stata's ``_check_e_margins`` (version 1.1.0, 08mar2015; Stata 14 to 16), which margins runs on
each prediction's ``predict()`` options before computing anything: a statistic the estimation
command lists in e(marginsnotok) is refused with "predict option <name> not appropriate with
margins" (r(322)), <name> the list's entry in lower case (``SCores`` -> ``scores``, whatever
abbreviation was typed); the entries are matched as ``syntax`` matches options (leading capitals
the shortest abbreviation, ``(passthru)`` taking an argument), the first entry of the list that
was typed named.  ``default`` in the list refuses margins without options ("default predict
option not appropriate with margins").  r(498), "prediction is a function of possibly stochastic
quantities other than e(b)", is margins' separate numerical check of a prediction that no list
names (the model hooks' refusals)."""
from __future__ import annotations

from mlmcli.errors import StataError


def check_e_margins(macros: dict, typed) -> None:
    """``typed``: the Options of one ``predict()`` (empty for predict's default)."""
    from mlmcli.commands.program.syntax_options import parse_option_spec

    ok = str(macros.get("marginsok") or "").split()
    not_ok = str(macros.get("marginsnotok") or "").split()
    if not not_ok or not_ok == ["_ALL"]:  # _ALL: margins_setup.margins_fit's r(322)
        return
    default_not = "default" in not_ok
    not_ok = [w for w in not_ok if w != "default"]
    ok = [w for w in ok if w != "default"]
    if {w.lower() for w in ok} & {w.lower() for w in not_ok}:
        raise StataError("e(marginsok) and e(marginsnotok) are in conflict", 322)
    try:
        decls = parse_option_spec("[" + " ".join(not_ok) + "]")
    except StataError:
        raise StataError("problem parsing options from e(marginsnotok)", 198) from None
    given = set()
    for opt in typed:
        named = [d for d in decls if d.name == opt.name] + [
            d for d in decls if d.name != opt.name and len(opt.name) >= d.min_abbrev and d.name.startswith(opt.name)]
        fits = [d for d in named if (d.kind == "flag") == (opt.arg is None)]
        if fits:
            given.add(fits[0].name)
        elif opt.arg is None and named:  # syntax's "option x() required", captured
            raise StataError("problem parsing options from e(marginsnotok)", 198)
        # else syntax's `*' takes it: predict's own parsing judges it later
    for decl in decls:
        if decl.name in given:
            raise StataError(f"predict option {decl.name} not appropriate with margins", 322)
    if not typed and default_not:
        raise StataError("default predict option not appropriate with margins", 322)

"""``vce(bootstrap, group(v))`` typed without the command's cluster() on the xt commands (xtreg,
xtgee, xtlogit/xtprobit/xtpoisson re, fe and pa).

``_vce_parserun ..., panel`` (1.3.6) appends ``cluster(tmpi) idcluster(panelvar) idclustvar`` to
the typed options when the command has no cluster() (with one it appends ``group(panelvar)
idcluster(tmpcl)``, so a typed group() is then bootstrap's second: "option group() not allowed"
r(198)).  So group(v) alone is valid, and bootstrap.ado hands it to _loop_bs, which after each
bsample renumbers v (``sort strata idcluster v, stable``; ``by strata idcluster v: gen new =
_n==1``; summed; v replaced): 1, 2, ... over the replicate's distinct (stratum, drawn copy, v).
The data are preserved around the replicates, so nothing is left changed.

mlm honours it where the renumbering changes no replicate fit, and refuses it (r(198), "not
supported by mlmcli") where it would:

- v not read by the command (not in its varlist, weight, if/in or options, not the xtset time
  variable): the fits are those without group();
- v the panel variable, without strata(): idcluster(panelvar) has already numbered the drawn
  copies, and (copy, panel) names the same rows -- the fits are those without group();
- otherwise (a variable the fit reads, the time variable, the panel variable with strata(): each
  (stratum, panel) piece a panel of its own) mlm's replicate fits do not renumber it: refused.
  (fpfit's estopts() form does renumber it: graphs/fpfit_xt_bootstrap_group.py.)

v not a variable: bootstrap's ``group(varname)``, "variable v not found" r(111).

xtreg and xtgee (and xtlogit/xtprobit/xtpoisson, pa: xtgee's code), without strata(), also take
a v that is the depvar or one of the regressors, as a plain column: each replicate's fit then
reads _loop_bs's new numbers there (``group_plan``,
``graphs.fpfit_xt_bootstrap_group.group_numbers``: the copies in idcluster()'s order -- the panel
drawn, then the copy --, v's distinct values ascending within each); not with noisily (the printed
runs would show v as it was).
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError

# option names whose arguments name no variables of the fit (display and vce)
_NOT_VARIABLES = ("vce", "level", "cformat", "pformat", "sformat", "iterate", "tolerance", "ltolerance",
                  "nrtolerance", "intpoints", "intmethod", "technique")


def check_group(session, settings: dict, command: str) -> None:
    """Refuse group(v) where _loop_bs's renumbering would change the replicate fits (module
    docstring); nothing else."""
    ds = session.data
    name = ds.resolve(str(settings["group"]).strip())
    cmd = getattr(session, "running_command", None)
    shown = command.split(",")[0].strip()
    if cmd is not None:
        from mlmcli.commands import lookup

        shown = lookup(cmd.name).name
        if any(_is_cluster_option(option.name) for option in cmd.options):
            raise StataError("option group() not allowed", 198)  # _vce_parserun's own group(panelvar)
    from mlmcli.commands.estimation.panel_common import time_variable

    panel = _panel_variable(session, cmd)
    if name == panel and not settings.get("strata"):
        return
    why = None
    if name == panel:
        why = "the panel variable with strata(), each (stratum, panel) piece a panel"
    elif name == time_variable(session):
        why = "the time variable"
    elif cmd is None or name in _variables_read(ds, cmd):
        why = f"a variable {shown} reads"
    if why is not None:
        raise StataError(f"vce(bootstrap, group({settings['group']})) not supported by mlmcli with {shown}: "
                         f"{name} is {why}, which bootstrap renumbers in each replicate", 198)


def _is_cluster_option(typed: str) -> bool:
    typed = typed.lower()
    return len(typed) >= 2 and "cluster".startswith(typed)


def _panel_variable(session, cmd) -> str | None:
    from mlmcli.commands.estimation.panel_common import panel_variable
    from mlmcli.syntax.options import OptionSpec

    spec = OptionSpec("i", 1)
    typed = [o.arg for o in (cmd.options if cmd is not None else ()) if spec.matches(o.name) and o.arg]
    try:
        return panel_variable(session, typed[-1] if typed else None)
    except StataError:
        return None


def _variables_read(ds, cmd) -> set[str]:
    """The variables the command's line names: its varlist, weight, if and the options' arguments
    (operators such as i. and L. skipped; a word that names no variable ignored)."""
    texts = [cmd.args or ""]
    if cmd.weight is not None:
        texts.append(cmd.weight.exp or "")
    if cmd.if_exp:
        texts.append(cmd.if_exp)
    texts += _option_texts(cmd)
    found = set()
    for text in texts:
        found |= _words(ds, text)
    return found


def group_plan(session, settings: dict, depvar: str, column_names, rows):
    """(``"y"`` or the regressor's column index in ``column_names``, v over ``rows`` -- the data
    rows of the fit's arrays, in their order) when the replicates must read the renumbered v
    (module docstring), else None (check_group decides)."""
    import numpy as np

    if not settings.get("_panel_group") or settings.get("strata") or settings.get("prefix"):
        return None
    ds = session.data
    name = ds.resolve(str(settings["group"]).strip())
    cmd = getattr(session, "running_command", None)
    if cmd is None:
        return None
    from mlmcli.commands.estimation.panel_common import time_variable

    if name in (_panel_variable(session, cmd), time_variable(session)):
        return None
    elsewhere = _option_texts(cmd) + ([cmd.weight.exp] if cmd.weight is not None else [])
    if any(name in _words(ds, text) for text in elsewhere):
        return None
    mentions = [j for j, column in enumerate(column_names) if name in re.split(r"[#.]", column)]
    if name == depvar and not mentions:
        target = "y"
    elif name != depvar and len(mentions) == 1 and column_names[mentions[0]] == name:
        target = mentions[0]
    else:
        return None
    shown = _command_name(cmd)
    if settings.get("noisily"):
        raise StataError(f"vce(bootstrap, group({settings['group']}) noisily) not supported by mlmcli with {shown} "
                         f"when {shown} reads {name}", 198)
    settings["_panel_group"] = False  # handled here: run_bootstrap's check_group is not needed
    return target, np.asarray(ds.numeric(name), float)[np.asarray(rows, int)]


def _command_name(cmd) -> str:
    from mlmcli.commands import lookup

    return lookup(cmd.name).name


def _option_texts(cmd) -> list[str]:
    """The arguments of the command's options that may name variables (not vce(), level() ...)."""
    return [o.arg for o in cmd.options
            if o.arg is not None and not any(o.name == n[:len(o.name)] and len(o.name) >= 2
                                              for n in _NOT_VARIABLES)]


def _words(ds, text) -> set[str]:
    """The variables ``text`` names (operators such as i. and L2. skipped; other words ignored)."""
    found = set()
    for match in re.finditer(r"[^\W\d]\w*(\.)?", str(text)):
        if match.group(1):
            continue
        try:
            found.add(ds.resolve(match.group(0)))
        except StataError:
            pass
    return found

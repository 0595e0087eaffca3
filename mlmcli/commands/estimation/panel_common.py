"""What the panel-data commands share: the panel variable (``i()`` or ``xtset``, read from
the characteristics Stata keeps it in), the time variable, the check that panels are nested
within clusters, and ``offset()``/``exposure()`` (xtgee, xtnbreg, xtpoisson fe)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def panel_variable(session, i_option: str | None = None) -> str:
    """The panel variable: ``i(varname)`` when given -- declared for the rest of the session as
    Stata's ``_xt, i()`` does (declare_panel) -- else the one ``xtset`` recorded (Stata:
    ``panel variable not set; use xtset varname ...`` r(459))."""
    if i_option is not None:
        name = _i_option_name(session.data, i_option)
        declare_panel(session, name)
        return name
    from mlmcli.commands.data.panel_settings import panel_setting

    name = panel_setting(session.data)
    if not name:
        raise StataError("panel variable not set; use xtset varname ...", 459)
    return name


def _i_option_name(ds, i_option) -> str:
    words = str(i_option).split()
    if len(words) != 1:
        raise StataError("i() invalid", 198)
    return ds.resolve(words[0])


def time_variable(session) -> str | None:
    from mlmcli.commands.data.panel_settings import time_setting

    return time_setting(session.data)


def check_nested(panel_codes: np.ndarray, cluster_codes: np.ndarray) -> None:
    """Panels must lie within clusters (Stata's ``_xtreg_chk_cl2``)."""
    from mlmcli.panel.groups import nested_in

    if not nested_in(panel_codes, cluster_codes):
        raise StataError("panels are not nested within clusters", 498)


def check_panels_in_clusters(spec) -> None:
    """The xt random-effects ados' ``_xtreg_chk_cl2 `clust' `ivar' `touse'`` before the fit:
    vce(cluster v) whose clusters split a panel is r(498) (the me engine's own check is mixed's)."""
    fx = spec.fixed
    if fx.cluster is not None and spec.terms:
        check_nested(np.asarray(spec.terms[0].group), np.asarray(fx.cluster))


def offset_option(ds, opts: dict) -> tuple[str, str] | None:
    """("offset" | "exposure", variable) of ``offset(v)`` / ``exposure(v)``, or None."""
    chosen = [(name, ds.resolve(str(opts[name]).strip())) for name in ("offset", "exposure") if opts.get(name)]
    if len(chosen) > 1:
        raise StataError("only one of offset() or exposure() can be specified", 198)
    return chosen[0] if chosen else None


def check_exposure(ds, offset: tuple[str, str] | None, sample: np.ndarray) -> None:
    """An exposure must be positive on the sample (Stata: r(459))."""
    if offset is not None and offset[0] == "exposure" and np.any(ds.numeric(offset[1])[sample] <= 0):
        raise StataError(f"{offset[1]} has nonpositive values", 459)


def offset_values(ds, offset: tuple[str, str] | None, sample: np.ndarray) -> np.ndarray | None:
    """The offset on the sample rows: the variable itself, or ln(exposure)."""
    if offset is None:
        return None
    values = ds.numeric(offset[1])[sample]
    return np.log(values) if offset[0] == "exposure" else values


# ml's options a random-intercept xt fit passes to the me engine
_ENGINE_OPTIONS = ("level", "iterate", "tolerance", "ltolerance", "nrtolerance", "vce")


def random_intercept_command(session, cmd, opts: dict, fe_options: tuple[str, ...], *,
                             noconstant: bool = False, iweight=None):
    """(the ``mixed``-form command ``depvar indepvars || ivar:`` an xt random-intercept fit
    stands for, ivar): xtlogit/xtprobit/xtpoisson, re and xtologit/xtoprobit fit through the me
    engine with the panel variable (i() or xtset) as the one level."""
    from mlmcli.commands.estimation.mixed_syntax import MixedCommand, REEquation

    words = cmd.args.split()
    if not words:
        raise StataError("varlist required", 100)
    ivar = panel_variable(session, opts.get("i"))
    mc = MixedCommand(depvar=words[0], fixed=" ".join(words[1:]), if_exp=cmd.if_exp, in_range=cmd.in_range,
                      noconstant=noconstant, equations=(REEquation(ivar, iweight=iweight),),
                      options={k: v for k, v in opts.items() if k in _ENGINE_OPTIONS},
                      fe_options={k: v for k, v in opts.items() if k in fe_options})
    return mc, ivar



def declare_panel(session, i_option=None, t_option=None, *, trequired: bool = False) -> None:
    """Stata's ``_xt, i() t() [trequired]``: a command's ``i()``/``t()`` declare the panel for the
    rest of the session, as ``xtset`` would (``xtdes, i(id) t(wave)`` is then followed by an
    ``xtprobit`` with no ``xtset``).  With neither option nothing changes.  A ``t()``-less
    ``i()`` keeps the recorded time variable (and its delta) when ``xtset i t`` accepts it, else
    declares the panel alone; with ``trequired`` a time variable that ``xtset`` refuses is the
    error."""
    if not (i_option or t_option):
        return
    from mlmcli.commands.data.panel_settings import panel_setting, recorded_delta, time_setting
    from mlmcli.runner import Runner, current_runner

    ds = session.data
    panel, tvar = panel_setting(ds), time_setting(ds)
    if i_option:
        i = _i_option_name(ds, i_option)
        if panel and panel != i:
            session.print(f"warning: existing panel variable is not {i}")
    elif not panel:
        raise StataError("must specify panelvar; use xtset", 459)
    else:
        i = panel
    delta = 1.0
    if t_option:
        words = str(t_option).split()
        if len(words) != 1:
            raise StataError("t() invalid", 198)
        t = ds.resolve(words[0])
        if ds.is_string(t):
            raise StataError("type mismatch", 109)
        if tvar and tvar != t:
            session.print(f"warning: existing time variable is not {t}" + ("; assuming delta = 1" if trequired
                                                                           else ""))
    else:
        t = tvar
        if t:
            delta = recorded_delta(ds)
    if t is None and trequired:
        raise StataError("must specify timevar; use xtset", 459)
    runner = current_runner(session) or Runner(session)
    if t is None:
        runner.execute(f"quietly xtset {i}")
        return
    try:
        runner.execute(f"quietly xtset {i} {t}, delta(({delta:.17g}))")
    except StataError:
        if trequired:
            raise
        runner.execute(f"quietly xtset {i}")

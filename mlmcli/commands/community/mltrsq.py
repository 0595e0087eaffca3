"""``mltrsq`` (Katja Moehring and Alexander Schmidt's ``mlt`` package, ``ssc install mlt``):
Snijders-Bosker and Bryk-Raudenbush level-1 and level-2 R-squared after a two-level
``xtmixed`` fit.  A compatible implementation written from the package's help and ado-file
(version 1.3 beta, 27dec2012; read, not copied):

    mltrsq [, full]

With omega the level-1 and tau the level-2 variance of the model and omega0, tau0 those of the
null model (the constant alone, refitted on e(sample) with the fit's own options, so ML or
REML as the user chose), and n the harmonic mean of the level-2 group sizes:

    SB level 1 = 1 - (omega + tau) / (omega0 + tau0)          (Snijders and Bosker 1994)
    SB level 2 = 1 - (omega/n + tau) / (omega0/n + tau0)
    BR level 1 = (omega0 - omega) / omega0                    (Bryk and Raudenbush 1992)
    BR level 2 = (tau0 - tau) / tau0

A model with random slopes is first refitted as a random-intercept model (the ado-file's
message says so).  As in the ado-file the harmonic mean and the four R-squared are held in
float variables, so they carry float precision; they are added to the user's e() as e(N_l2)
e(sb_rsq_l1) e(sb_rsq_l2) e(br_rsq_l1) e(br_rsq_l2).  Also as in the ado-file: the full fit
stays stored as FULL, and the variable mltsample (e(sample), float) stays in the data
(the ado-file drops it after ``preserve``, so ``restore`` brings it back); any variable of that
name is dropped first.  After another command, or a model with more than two levels, it prints
the ado-file's message and does nothing (return code 0).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"mltrsq": "mltrsq [, full]"}

OPTIONS = [OptionSpec("full", 4)]


def _float(x: float) -> float:
    """The value a float variable holds (``generate`` without a type)."""
    return float(np.float32(x))


def harmonic_mean_float(ids: np.ndarray, n_groups: float) -> float:
    """The ado-file's harmonic mean of the group sizes, each step stored in a float variable:
    1/n_j (float), their total (float), J / total (float)."""
    _, counts = np.unique(ids, return_counts=True)
    inverse = np.float32(1.0) / counts.astype(np.float32)
    total = _float(float(np.sum(inverse.astype(np.float64))))
    return _float(n_groups / total)


def r_squared(model_omega, model_tau, null_omega, null_tau, hmean) -> dict[str, float]:
    """The four R-squared, each stored in a float variable as the ado-file does."""
    return {
        "sb_rsq_l1": _float(1 - (model_omega + model_tau) / (null_omega + null_tau)),
        "sb_rsq_l2": _float(1 - (model_omega / hmean + model_tau) / (null_omega / hmean + null_tau)),
        "br_rsq_l1": _float((null_omega - model_omega) / null_omega),
        "br_rsq_l2": _float((null_tau - model_tau) / null_tau),
    }


def _variances(e, omega_at: int, tau_at: int) -> tuple[float, float]:
    b = e.matrices["b"].values[0].astype(float)
    return float(np.exp(b[omega_at]) ** 2), float(np.exp(b[tau_at]) ** 2)


def cmd_mltrsq(session, cmd) -> None:
    from mlmcli.estimation import active as estimates
    from mlmcli.render.numfmt import format_number
    from mlmcli.runner import Runner, current_runner

    opts = resolve_options(cmd.options, OPTIONS)
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    full_opt = bool(opts.get("full"))
    ds = session.data
    saved_mltsample = None
    if "mltsample" in ds.varnames:  # the ado-file's first line: capture drop mltsample
        saved_mltsample = ds.copy()
        ds.drop_variables(["mltsample"])
    e = session.e
    if e is None or "xtmixed" not in (e.cmd or ""):  # the ado-file's message, then exit (rc 0)
        session.print("xtmrsq works only after xtmixed")
        return
    lvl2 = e.macros.get("ivars", "").split()
    if len(lvl2) != 1:
        session.print("xtmrsq works only with 2-level models")
        return
    lvl2 = lvl2[0]
    refit_slopes = not e.macros.get("revars", "").strip().startswith("_")
    sample = e.sample_mask(ds)
    if sample is None:
        raise StataError("e(sample) not available", 301)
    sample = np.asarray(sample, bool)
    runner = current_runner(session) or Runner(session)
    user = e
    try:
        _compute(session, runner, estimates, format_number, user, ds, sample, lvl2, refit_slopes, full_opt)
    except BaseException:
        session.e = user
        if "mltsample" in session.data.varnames:
            session.data.drop_variables(["mltsample"])
        if saved_mltsample is not None:
            session.data = saved_mltsample
        raise


def _compute(session, runner, estimates, format_number, user, ds, sample, lvl2, refit_slopes, full_opt):
    estimates.store(session, "FULL", None)
    ds.set_variable("mltsample", sample.astype(float), "float")
    session.print(f"Level 2 variable is {lvl2} ")
    session.print(" ")
    cmdline = user.macros.get("cmdline", "")
    comma = cmdline.find(",")
    options = cmdline[comma:] if comma >= 0 else ""
    words = cmdline.split()
    command = f"{words[0]} {words[1]} "
    fixpar = int(user.scalars["k_f"])
    ivars = " ".join(n.split(":", 1)[-1] for n in user.matrices["b"].colnames[:fixpar - 1])
    session.print(" ")
    session.print("Calculating R-squared for the parameters of")
    session.print(f" {ivars} and _cons")
    weight = f"[{user.macros['wtype']}{user.macros.get('wexp', '')}]" if user.macros.get("wtype") else ""
    try:
        if refit_slopes:
            session.print("  ")
            session.print("Model needs to be recalculated without random slopes to estimate R-squared values")
            session.print("this may take some time...")
            runner.execute(f"quietly {command}{ivars} {weight} || {lvl2}: if mltsample==1 {options}")
        model = session.e
        k = int(model.scalars["k"])
        model_omega, model_tau = _variances(model, k - 1, k - 2)
        n_groups = float(model.matrices["N_g"].values[0][0])
        session.print("   ")
        session.print("   ")
        session.print("Number of macro-units: " + format_number(n_groups, "%5.0f"))
        ids = session.data.df[lvl2].to_numpy()[sample]  # numeric or string identifiers
        hmean = harmonic_mean_float(ids.astype(str) if session.data.is_string(lvl2) else ids, n_groups)
        if full_opt:
            session.print("   ")
            session.print("Harmonic mean of the level-2 group sizes: " + format_number(hmean, "%5.2f"))
            _show_variances(session, format_number, "complete model", model_omega, model_tau)
        runner.execute(f"quietly {command}{weight} || {lvl2}: if mltsample==1 {options}")
        null_omega, null_tau = _variances(session.e, 2, 1)
        if full_opt:
            _show_variances(session, format_number, "Null-model", null_omega, null_tau)
    finally:
        session.e = user
    rsq = r_squared(model_omega, model_tau, null_omega, null_tau, hmean)
    session.print("   ")
    session.print("   ")
    for key, label in (("sb_rsq_l1", "Snijders/Bosker R-squared Level 1:  "),
                       ("sb_rsq_l2", "Snijders/Bosker R-squared Level 2:  "), (None, None),
                       ("br_rsq_l1", "Bryk/Raudenbush R-squared Level 1:  "),
                       ("br_rsq_l2", "Bryk/Raudenbush R-squared Level 2:  ")):
        session.print("   " if key is None else label + format_number(rsq[key], "%5.4f"))
    session.e = dataclasses.replace(user, scalars={**user.scalars, "N_l2": n_groups, **rsq})


def _show_variances(session, format_number, which, omega, tau) -> None:
    session.print("   ")
    session.print(f"Random-effects Parameters of {which}:  ")
    session.print("   Residual-varianz level 1: " + format_number(omega, "%5.4f"))
    session.print("   Residual-varianz level 2: " + format_number(tau, "%5.4f"))

"""fpfit's ``estopts(vce(bootstrap, noisily|trace))``, ``vce(bootstrap, bca jackknifeopts(noisily|
trace))`` and ``vce(jackknife, noisily|trace)`` with every estcmd: what shows through twoway's
``capture fracpoly ...``.

_loop_bs and _loop_jknife run each replicate with ``capture noisily quietly noisily command``:
its output (and the loop's echo, its collinearity/error/"rejected results" messages) shows even
under twoway's capture; the prefixes' "First call to ..." heading, the first call's echo, the
replications title, the dots and the final table are plain ``di``, silenced by it.  frac_154 runs
the prefix around every fit it makes (``fpfit_jackknife``'s order and names): the model without x
(with a constant, or ologit's/oprobit's cutpoints, or the st commands' covariate), each candidate
on its temporary variables (``__000001 ...``), the final model on fracgen's ``Ix__1 Ix__2``
(each term minus its value at the centring point).

So each fit is the plain command with the same options, run quietly on the plot's sample
(twoway__fpfit_serset keeps it) with that fit's variables added: what the plain command prints
for its replicates through noisily (``commands.estimation.replicate_noisily``, regress's own
``regress_bootstrap``/``jackknife_noisily``) is what the graph shows, collected into the builder's
messages by the session's ``printed_runs`` hook.  saving() is left out of that run (the graph's
own path writes the file).  Each fit's stream starts where the band's does
(``seed()``, else the session's stream where the graph's first draw was: ``GraphStream.start``),
so the final fit's printed replicates are the band's draws when it is the only fit that draws.  The printing is a separate run: the band's numbers are the same
with and without noisily.

Not Stata's text: the echo has no ``if (__00000N)`` (twoway's touse) and mlm's temporary numbers;
the weight is echoed as typed on the plot.  Printed only when fracpoly succeeds (when it fails,
twoway's note alone; Stata would have shown the runs up to the failing fit).  Without a constant
the model without x is not printed (frac_154's no-constant first fit is not written here).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

def printed_settings(estopts) -> bool:
    """Whether ``estopts``' vce() prints replicate runs: bootstrap's noisily/trace, bca's
    jackknifeopts(noisily|trace), jackknife's noisily/trace."""
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options
    from mlmcli.syntax.replicate_vce import bootstrap_options, leverage_settings

    if not isinstance(estopts, str):
        return False
    try:
        found = resolve_options(read_options(estopts), [OptionSpec("vce", None, True)], allow_unknown=True)
    except StataError:
        return False
    typed = found.get("vce")
    if not isinstance(typed, str):
        return False
    try:
        jackknife = leverage_settings(typed)
        if jackknife is not None:
            return bool(jackknife.get("noisily") or jackknife.get("trace"))
        if not typed.strip().startswith("boot"):
            return False
        settings = bootstrap_options(typed, noisily_ok=True, full=True)
    except StataError:
        return False
    return bool(settings.get("noisily") or (settings.get("bca") and (settings.get("jackknife") or {}).get("noisily")))


def plain_regress_prints(vce, w) -> bool:
    """Whether fracpoly regress's runs are printed here: vce(jackknife, ...), vce(bootstrap, ...)
    with weights or reject(); graphs.fit_bootstrap_noisily prints the other bootstraps' runs."""
    from mlmcli.graphs.fpfit_bootstrap import settings_of

    return vce.kind == "jackknife" or vce.kind == "bootstrap" and (
        w is not None or bool(settings_of(vce).get("reject")))


def command_line(estcmd: str, depvar: str | None, names: list[str], covariates: list[str], weight, estopts: str) -> str:
    """``estcmd depvar names covariates [weight], options``: estopts() less fracpoly's own options
    and vce()'s saving() (module docstring)."""
    from mlmcli.graphs.fit_options import FRACPOLY_OPTIONS
    from mlmcli.syntax.options import OptionSpec, read_options

    kept = []
    for option in read_options(estopts):
        if any(spec.matches(option.name) for spec in FRACPOLY_OPTIONS):
            continue
        if OptionSpec("vce", None, True).matches(option.name) and option.arg is not None:
            kept.append(f"{option.name}({_without_saving(option.arg)})")
            continue
        kept.append(option.name if option.arg is None else f"{option.name}({option.arg})")
    words = [estcmd] + ([depvar] if depvar else []) + list(names) + list(covariates)
    if weight is not None:
        words.append(f"[{weight.kind}={str(weight.exp).strip()}]")
    return " ".join(words) + (", " + " ".join(kept) if kept else "")


def _without_saving(typed: str) -> str:
    """vce()'s text without saving() (in jackknifeopts() too)."""
    from mlmcli.syntax.options import OptionSpec, read_options

    head, comma, rest = str(typed).partition(",")
    if not comma:
        return str(typed)
    kept = []
    for option in read_options(rest):
        if OptionSpec("saving", 2, True).matches(option.name):
            continue
        arg = option.arg
        if arg is not None and OptionSpec("jackknifeopts", 4, True).matches(option.name):
            arg = _without_saving("jackknife, " + arg).partition(",")[2].strip()
        kept.append(option.name if arg is None else f"{option.name}({arg})")
    return head.strip() + (", " + " ".join(kept) if kept else "")


def fracpoly_fits(model, fp_values: np.ndarray, fp_settings: dict, fp_name: str, temp_name, null_fit: bool):
    """[(names, {name: values}, captured)] of every fit frac_154 makes, in its order (module
    docstring); ``captured``: frac_154 runs it under ``capture`` (the candidates)."""
    from mlmcli.graphs.fpfit_jackknife import candidate_terms, fracgen_names

    degree = fp_settings["degree"]
    fits: list = [([], {}, False)] if null_fit else []
    temp = [temp_name() for _ in range(degree)]
    for powers, terms in candidate_terms(fp_values, fp_settings):
        names = temp[degree - len(powers):]
        fits.append((names, {name: terms[:, j] for j, name in enumerate(names)}, True))
    centred = model.centred_terms(fp_values)
    names = fracgen_names(fp_name, centred.shape[1])
    fits.append((names, {name: centred[:, j] for j, name in enumerate(names)}, False))
    return fits


def print_fracpoly_runs(ctx, plot, model, rows, fp_settings: dict, *, st: bool = False, null_fit: bool = True) -> None:
    """Every fit's printed replicate runs (module docstring) added to ``ctx.messages``; ``rows``:
    the plot's sample in the data; ``st``: fracpoly's st form (the plot's y the FP variable, x a
    covariate, no dependent variable)."""
    from mlmcli.graphs.series_parts import last_option

    if not printed_settings(last_option(plot.options, "estopts")):
        return
    hooks = _hooks(ctx)
    rows = np.asarray(rows, int)
    fp_name = plot.ys[0] if st else plot.x
    fp_values = np.asarray(ctx.data.numeric(fp_name), float)[rows]
    fits = fracpoly_fits(model, fp_values, fp_settings, fp_name, hooks.temp_name, null_fit)
    print_runs(ctx, plot, fits, rows, None if st else plot.ys[0], [plot.x] if st else [])


def print_runs(ctx, plot, fits, rows, depvar: str | None, covariates: list[str]) -> None:
    """Each fit of ``fits`` [(names, {name: values over rows}, captured)] run as the plain command
    (``depvar names covariates``; the plot's estcmd(), weight and estopts()) on the data's ``rows``,
    what it prints through noisily added to ``ctx.messages`` (module docstring).  A fit that is not
    captured (the first, the final) failing in that run with the plain command's own error is that
    error (Stata's regress fails the same way); refused there by mlm, it is mlm's refusal: its runs
    cannot be shown."""
    from mlmcli.graphs.series_parts import last_option

    estopts = last_option(plot.options, "estopts")
    if not printed_settings(estopts):
        return
    hooks = _hooks(ctx)
    estcmd = str(last_option(plot.options, "estcmd") or "regress").strip()
    weight = getattr(getattr(plot, "call", None), "weight", None)
    vce_seed = _typed_seed(estopts)
    seed = vce_seed  # None: the session's stream where the graph's draws started (the band's)
    for names, variables, captured in fits:
        line = command_line(estcmd, depvar, names, covariates, weight, estopts)
        try:
            ctx.messages.extend(hooks.printed_runs(rows, variables, line, seed, captured))
        except StataError as err:
            if "not supported by mlmcli" not in err.message and err.rc != 2000:
                # the plain command's own error (jackknife's "aweights not allowed"): the graph's
                # fit stops on it too (its r(2000) is twoway's note instead)
                raise
            # mlm cannot print this run although the graph's fit draws: the graph's option refused
            raise StataError(f"estopts(): {_loud(estopts)} with estcmd({estcmd}) not supported by mlmcli here: the "
                             f"runs of '{line.split(',')[0]}' cannot be printed ({err.message})", 198) from None


def _hooks(ctx):
    hooks = getattr(ctx, "jackknife_hooks", None)
    if hooks is None or not hasattr(hooks, "printed_runs"):  # a graph built outside a session
        raise StataError("estopts(): vce(, noisily) not supported by mlmcli outside a session", 198)
    return hooks


def _loud(estopts: str) -> str:
    """``vce(kind, noisily|trace)`` as typed (for mlm's refusal)."""
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

    typed = str(resolve_options(read_options(estopts), [OptionSpec("vce", None, True)], allow_unknown=True).get("vce"))
    kind = typed.split(",")[0].strip()
    word = "trace" if "trace" in typed.split(",", 1)[-1] else "noisily"
    return f"vce({kind}, {word})"


def _typed_seed(estopts: str):
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options
    from mlmcli.syntax.replicate_vce import bootstrap_options

    typed = resolve_options(read_options(estopts), [OptionSpec("vce", None, True)], allow_unknown=True).get("vce")
    if not str(typed).strip().startswith("boot"):
        return None
    return bootstrap_options(typed, noisily_ok=True, full=True).get("seed")

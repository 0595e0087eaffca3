"""``vce(bootstrap, ...)``'s suboptions in fpfit's ``estopts()`` of ``estcmd(stcox)``, ``estcmd(xtlogit)``
(re, fe) and ``estcmd(xtreg)`` (fe, be, mle): what bootstrap.ado takes in each fit fracpoly makes
(``_vce_parserun`` hands them to the prefix), read by ``syntax.replicate_vce.bootstrap_options``
(full) and drawn by ``mlmcli.replication``.

- ``reps()``, ``seed()`` (each fit restarts the stream: the final fit's draws are the plain
  command's with that seed), ``strata(varlist)`` (the clusters -- panels, stset's subjects --
  drawn within strata; a row with a stratum missing is out of every fit: bootstrap's
  marksample), ``size(#)`` (units drawn per stratum; more than a stratum has is r(498) inside
  fracpoly: the note), ``mse`` (V about e(b), over the count of usable replicates);
- ``saving(file [, replace double every()])``: every fit writes the file, so without ``replace``
  the second fit fails (the note; the first fit's file stays); with it the file holds the final
  fit's replicates (fracgen's centred ``Ix__1 Ix__2``, e(b) whole as the command posts it);
- changing nothing drawn (fracpoly runs under ``capture``; fracpred's band reads e(V)):
  ``bca`` (its acceleration only in e(ci_bca)), ``ties``, ``level()``, ``notable``, ``noheader``,
  ``nolegend``, ``verbose``, ``title()``, ``nowarn``, ``force``, ``nodrop``, ``nodots``,
  ``dots``; ``jackknifeopts()`` (bca's jackknife for the acceleration, JKAccel: only e(ci_bca);
  without ``bca`` r(198), and jackknife's own errors in it: the note) -- its ``noisily``/``trace``
  printed as below, its ``saving()`` written with stcox, xtreg and xtlogit (``graphs.fpfit_jkaccel``);
- ``noisily``, ``trace``: each replicate's output shows through ``noisily`` even under twoway's
  ``capture`` (_loop_bs): every fit's runs printed by ``graphs.fpfit_printed_runs``;
- an option bootstrap does not have, or its own errors (idcluster() without cluster(), ...):
  r(198) inside fracpoly (the note); with stcox bootstrap's ``reject()``, ``group()``,
  ``idcluster()`` are ``graphs.fpfit_stcox_bootstrap``'s, with stcrreg ``group()`` and ``idcluster()``
  ``graphs.fpfit_competing_replicates``' (the plain command's renumbering), ``reject()``
  ``graphs.fpfit_competing_bootstrap``'s; with the xt commands a typed ``cluster()``
  or ``idcluster()`` is a second one beside _vce_parserun's ``cluster(tmpi) idcluster(panelvar)``:
  the note; their ``reject()`` and ``group()``: ``graphs.fpfit_xt_bootstrap``.

The draws and V are ``graphs.fpfit_bootstrap``'s (``drawn_variance``); the draws are mlm's stream,
not Stata's (docs/bootstrap_options.md).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

_REFUSED = ("reject", "group", "idcluster")  # written for stcox, stcrreg and the panel commands
_PANEL_WRITTEN = ("xtreg", "xtlogit")


def bootstrap_suboptions(text: str, command: str) -> dict:
    """vce(bootstrap [, ...]) -> {kind, reps, seed, strata (names or None), size, saving, mse,
    cluster}, read by ``syntax.replicate_vce.bootstrap_options(full=True)`` (bs22's reader);
    mlm's refusal (module docstring) or bootstrap's own error (r(198): the note)."""
    from mlmcli.syntax.replicate_vce import bootstrap_options

    panel = command in _PANEL_WRITTEN
    if panel:  # _vce_parserun's cluster(tmpi) idcluster(panelvar) follow the typed options
        text = _panel_options(text)
    found = bootstrap_options(text, noisily_ok=True, full=True)
    # noisily/trace (and jackknifeopts'): every fit's runs printed (graphs.fpfit_printed_runs)
    jackknife = found.get("jackknife") or {}  # bca's JKAccel: only e(ci_bca) -- unless it writes
    if jackknife.get("saving") is not None and command != "stcox" and not panel:  # fpfit_jkaccel
        raise StataError(f"vce(bootstrap, jackknifeopts(saving())) with estcmd({command}) not supported by mlmcli",
                         198)
    for name in _REFUSED:
        if found.get(name) and not panel and command not in ("stcox", "stcrreg"):
            raise StataError(f"vce(bootstrap, {name}()) with estcmd({command}) not supported by mlmcli", 198)
    return {"kind": "bootstrap", "reps": found["reps"], "seed": found["seed"],
            "strata": found["strata"].split() if found.get("strata") else None, "size": found["size"],
            "saving": None if found["saving"] is None else {**found["saving"], "double": found["double"]},
            "mse": found["mse"], "cluster": None if panel else found.get("cluster"), "dots": False,
            "reject": found.get("reject"), "group": found.get("group"),
            "idcluster": None if panel else found.get("idcluster"), "bca": found.get("bca"),
            "jackknife": jackknife}


def _panel_options(text: str) -> str:
    """vce(bootstrap, ...) as bootstrap.ado receives it from ``_vce_parserun ..., panel``: the typed
    options, then ``cluster(tmpi) idcluster(panelvar)``, so a typed cluster() or idcluster() is a
    second one -- "option cluster() not allowed" r(198) (docs/grouped_jackknife_fweights.md), the
    command failing inside fracpoly -- and group() has its idcluster()."""
    from mlmcli.syntax.options import OptionSpec, read_options

    rest = str(text).split(",", 1)[1] if "," in str(text) else ""
    for option in (read_options(rest) if rest.strip() else []):
        for name, minimum in (("cluster", 2), ("idcluster", 2)):
            if OptionSpec(name, minimum).matches(option.name):
                raise StataError(f"option {name}() not allowed", 198)
    head = str(text).split(",", 1)[0]
    return f"{head}, {rest} cluster(__xtpanel) idcluster(__xtpanel)"


def drawn_variance(settings: dict, codes, strata, refit, observed, rng, n: int | None = None,
                   usable=None) -> tuple[np.ndarray, np.ndarray]:
    """(V, B): ``settings["reps"]`` draws of the clusters ``codes`` (None: the ``n`` rows) within
    ``strata`` (``fpfit_bootstrap.group_codes`` over the rows, or None), ``size()`` per stratum,
    each refitted by ``refit(rows, new_codes)`` (``usable(b, rows)``: reject()), V about
    ``observed`` by ``fpfit_bootstrap.variance`` (``mse``); bsample's errors (size() too large)
    and fewer than two usable replicates: the command failing inside fracpoly (FracpolyFailed)."""
    from mlmcli.graphs import fpfit_bootstrap as boot
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    n = len(codes) if codes is not None else len(strata) if strata is not None else n
    try:
        draws = boot.Draws(n, strata, codes, settings.get("size"))
    except StataError as err:
        raise FracpolyFailed(err.message) from None
    observed = np.asarray(observed, float)
    B = boot.replicates(settings, refit, draws, observed.size, rng, usable)
    return boot.variance(B, observed, bool(settings.get("mse"))), B


def first_fit_file(settings: dict, write) -> None:
    """saving() without replace: an existing file fails the first fit; else ``write(saving)``
    writes the first fit's file (``None``: mlm cannot: refused) and the second fit fails: the note."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    saving = settings.get("saving")
    if saving is None or saving["replace"]:
        return
    from mlmcli.fileformats.safe_write import check_writable

    try:
        check_writable(saving["filename"], False)
    except StataError:
        raise FracpolyFailed("file already exists") from None
    if write is None:
        raise StataError("vce(bootstrap, saving()) without replace not supported by mlmcli here", 198)
    write(saving)
    raise FracpolyFailed("file already exists")


def save_bootstrap(ctx, settings: dict, B: np.ndarray, colnames, observed, *, cmdname: str, command: str,
                   n_obs: int, cluster: str | None = None, n_cluster: int | None = None, strata=None,
                   n_strata: int | None = None, saving=None) -> None:
    """saving()'s file (``mlmcli.replication.replicate_dataset``) of the replicates B."""
    from mlmcli.replication.replicate_dataset import replicate_dataset, save_replicates

    saving = saving or settings["saving"]
    seed = settings["seed"] if settings.get("seed") is not None else getattr(ctx, "seed", None)
    ds = replicate_dataset(B, colnames, observed, command=command, cmdname=cmdname, seed=seed, n_obs=n_obs,
                           double=bool(saving.get("double")), cluster=cluster, n_cluster=n_cluster,
                           strata=" ".join(strata) if strata else None, n_strata=n_strata)
    save_replicates(ds, {**saving, "replace": True})

"""The twoway fits' ``estopts(vce(bootstrap [, bootstrap_options]))``: the bootstrap prefix that
the command's ``_vce_parserun`` runs around each fit (``fpfit``: every fit fracpoly makes; lfit,
qfit and their bands: the one regress), shared by every estcmd's replicate code
(``fpfit_plot`` for regress, ``fit_predictions`` for lfit/qfit, ``fpfit_ml_replicates`` for the
maximum-likelihood commands, glm, cnreg and streg, ``fpfit_grouped_replicates`` for xtgee).

bootstrap.ado (4.9.1; Stata 13's 4.6 reads the same options) takes, besides ``reps()`` and
``seed()``:

- ``strata(varlist)``: the draws within each stratum (bsample's strata(); a row with a missing
  stratum is out of the draws: ``markout touse strata cluster, strok``);
- ``cluster(varlist)``: whole clusters drawn (regress's own ``cluster(v)`` beside vce(bootstrap) is
  moved into it by _vce_parserun); ``idcluster(newvar)``/``group()``: the drawn copies numbered --
  no fit here reads them but xtgee's, whose drawn panels are already each a panel of its own;
- ``size(#)``: # rows (clusters) drawn per stratum, at most the stratum's count (r(498) "size()
  must not be greater than number of clusters" with cluster(); bsample's r(498) otherwise);
- ``mse``: V about the full-sample b, sum (b_r - b)(b_r - b)'/R, not the replicates' covariance;
- ``reject(exp)``: a replicate whose e() makes exp true (or fails to evaluate) is missing
  (_loop_bs), the full sample's e() making it true everywhere is _prefix_reject's r(9);
- ``saving(f[, replace double every()])``: the replicates posted to f (``fpfit_bootstrap_saving``:
  with fracpoly every fit writes f);
- ``bca`` (jackknife's acceleration for e(ci_bca)), ``ties``, ``level()``, ``nowarn``,
  ``notable``, ``noheader``, ``nolegend``, ``verbose``, ``title()``, ``double``, ``force``,
  ``nodrop``, ``jackknifeopts()`` (only with bca: r(198)), the dots options, the display and
  eform options: what bootstrap shows or its intervals -- e(V), the band's variance, is the same;
- ``force``: the plot's weights handed to each replicate's command (``forced_weights``), which
  bootstrap otherwise refuses (r(101): fracpoly's note);
- ``noisily``/``trace`` (and bca's ``jackknifeopts(noisily|trace)``): each replicate's output,
  shown through ``noisily`` even under twoway's ``capture`` (_loop_bs: ``capture noisily quietly
  noisily command``): printed for lfit, qfit and fpfit's regress (``graphs.fit_bootstrap_noisily``),
  with the other estcmds, weights and reject() through the plain command
  (``graphs.fpfit_printed_runs``; docs/fpfit_bootstrap.md).

The band: fit -/+ invnormal() stdp, as bootstrap posts no e(df_r).  Draws come from the
session's stream (``replicate_stream``: ``seed()`` restarts it in each fit, so the final fit's
draws are those of the command run alone with that seed; without seed() each bootstrap carries
on where the one before left it, and the session's stream is advanced after the graph); the
numbers are mlm's stream, Stata's own draws cannot be reproduced.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from mlmcli.errors import StataError

def read_bootstrap(typed: str, command_cluster: str | None = None, resolve: Callable | None = None) -> dict:
    """``vce(bootstrap [, options])``'s text -> the settings (module docstring; read by
    ``syntax.replicate_vce.bootstrap_options``, bootstrap.ado's syntax): reps, seed, dots,
    strata and cluster (tuples of names or None), size, saving, mse, reject, bca, level, force
    ...  ``command_cluster``: the command's own cluster(v), which _vce_parserun hands to the
    prefix (a different cluster() typed in vce() is r(198)); ``resolve``: varname abbreviations.
    noisily and trace (and bca's jackknifeopts(noisily|trace)) are read: every twoway fit prints
    them (``graphs.fit_bootstrap_noisily``, ``graphs.fpfit_printed_runs``)."""
    from mlmcli.syntax.replicate_vce import bootstrap_options

    head = str(typed).partition(",")[0]
    if len(head.split()) != 1:
        raise StataError(f"vcetype '{str(typed).strip()}' not allowed", 198)
    found = bootstrap_options(typed, noisily_ok=True, full=True)

    def names(text):
        return None if not text else tuple(resolve(w) if resolve is not None else w for w in str(text).split())

    cluster = names(found["cluster"])
    if command_cluster is not None:
        if cluster is not None and cluster != (command_cluster,):
            raise StataError("option cluster() of bootstrap conflicts with option cluster() of the command", 198)
        cluster = (command_cluster,)
    saving = found["saving"]
    if saving is not None and found["double"]:
        saving["double"] = True
    return {**found, "strata": names(found["strata"]), "cluster": cluster, "saving": saving}


def group_codes(data, names, rows: np.ndarray) -> np.ndarray | None:
    """Codes 0.. of the combinations of ``names``' values over the data's ``rows`` (None without
    names); -1 where one of them is missing."""
    if not names:
        return None
    import pandas as pd

    columns, missing = {}, np.zeros(len(rows), bool)
    for j, name in enumerate(names):  # sorted as Stata sorts them: numbers by value, strings as text
        name = data.resolve(name)
        if data.is_string(name):
            values = pd.Series(np.asarray(data.column(name), dtype=object)[rows]).fillna("").astype(str)
            missing |= (values == "").to_numpy()
        else:
            values = pd.Series(np.asarray(data.numeric(name), float)[rows])
            missing |= ~np.isfinite(values.to_numpy())
        columns[j] = values.to_numpy()
    frame = pd.DataFrame(columns)
    codes = frame.groupby(list(frame.columns), sort=True, dropna=False).ngroup().to_numpy()
    codes = np.unique(codes, return_inverse=True)[1]
    return np.where(missing, -1, codes)


class Draws:
    """bsample's draws over n rows (``mlmcli.replication.draws``): ``strata``/``cluster`` codes
    (-1: out of the draws, a missing value: bootstrap.ado's ``markout touse strata cluster``),
    ``size``: rows (clusters) drawn per stratum.  ``draw(rng)`` -> (rows, each row's new cluster
    number: each drawn copy of a cluster its own, as idcluster() numbers them)."""

    def __init__(self, n: int, strata: np.ndarray | None = None, cluster: np.ndarray | None = None,
                 size: int | None = None):
        from mlmcli.replication.draws import resampling_units

        usable = np.ones(n, bool)
        for codes in (strata, cluster):
            if codes is not None:
                usable &= np.asarray(codes) >= 0
        self.rows = np.flatnonzero(usable)
        if not self.rows.size:
            raise StataError("no observations", 2000)
        self.units = resampling_units(len(self.rows), None if cluster is None else np.asarray(cluster)[self.rows],
                                      None if strata is None else np.asarray(strata)[self.rows], size)

    def draw(self, rng) -> tuple[np.ndarray, np.ndarray]:
        from mlmcli.replication.draws import draw

        sample = draw(self.units, rng)
        return self.rows[sample.rows], sample.codes


def replicates(settings: dict, refit: Callable, draws: Draws, k: int, rng, usable: Callable | None = None,
               on_draw: Callable | None = None) -> np.ndarray:
    """(reps x k): each draw's b (``refit(rows, new_cluster_numbers)``), a row of NaN where the
    command fails, b is not finite, or ``usable(b, rows)`` (reject()) says no."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    out = np.full((settings["reps"], k), np.nan)
    for r in range(settings["reps"]):
        rows, numbers = draws.draw(rng)
        if on_draw is not None:
            on_draw(rows)
        try:
            b = np.asarray(refit(rows, numbers), float)
        except (FracpolyFailed, StataError, np.linalg.LinAlgError, ValueError, FloatingPointError,
                ZeroDivisionError, ArithmeticError):
            continue
        if b.shape == (k,) and (np.all(np.isfinite(b)) or _trailing_missing(b)) and (usable is None or usable(b, rows)):
            out[r] = b  # trailing missing: ologit's cutpoints a replicate lacks (fpfit_plot.padded_cutpoints)
    return out


def _trailing_missing(b: np.ndarray) -> bool:
    """Finite values, then NaN to the end (at least one of each)."""
    finite = np.isfinite(b)
    first_missing = int(np.argmin(finite)) if not finite.all() else b.size
    return 0 < first_missing < b.size and not finite[first_missing:].any() and bool(np.isnan(b[first_missing:]).all())


def variance(B: np.ndarray, b: np.ndarray, mse: bool) -> np.ndarray:
    """_bs_sum's V from the usable replicates: their covariance, or with mse about b (/R);
    fewer than two usable: the command failing ("insufficient observations", r(2001))."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    from mlmcli.replication.summary import bootstrap_summary

    if int(np.all(np.isfinite(B), axis=1).sum()) < 2:
        raise FracpolyFailed("insufficient observations to compute bootstrap standard errors")
    return np.atleast_2d(bootstrap_summary(B, np.asarray(b, float), mse=mse).V)


def generator(vce, ctx):
    """The draws' stream of vce()'s bootstrap (``replicate_stream`` with its seed())."""
    return replicate_stream(ctx, vce.seed)


def replicate_stream(ctx, seed=None) -> np.random.Generator:
    """The stream a bootstrap inside a twoway fit draws from: the session's (``ctx.random_stream``,
    set by the twoway command), restarted at ``seed`` when seed() is typed (bootstrap.ado's ``set
    seed``), else where the session left it -- so each of fracpoly's fits, and the commands after
    the graph, carry on from the draws before, as Stata's random-number state does (the numbers are
    mlm's stream, not Stata's).  A context without one (a builder made outside a session): a
    stream from its seed."""
    stream = getattr(ctx, "random_stream", None)
    if stream is None:
        return np.random.default_rng(seed if seed is not None else getattr(ctx, "seed", None))
    return stream(None if seed is None else int(seed))


def replay_stream(vce, ctx) -> np.random.Generator:
    """A copy of the stream at the draws the graph's bootstraps start from (seed()'s, else the
    session's state at the graph's first draw), for printing them again (noisily) without
    advancing the session's stream."""
    import copy

    if vce.seed is not None:
        return np.random.default_rng(int(vce.seed))
    source = getattr(ctx, "random_stream", None)
    if source is None:
        return np.random.default_rng(getattr(ctx, "seed", None))
    live = source(None)
    start = getattr(source, "start", None) or live.bit_generator.state
    rng = np.random.default_rng()
    rng.bit_generator.state = copy.deepcopy(start)
    return rng


def settings_stream(ctx, settings: dict) -> np.random.Generator | None:
    """``replicate_stream`` for a replicate loop's settings (their seed()); None under jackknife,
    which draws nothing."""
    return replicate_stream(ctx, settings.get("seed")) if settings.get("kind") == "bootstrap" else None


def stream_for(settings: dict, source) -> np.random.Generator:
    """A replicate loop's stream: ``source`` as ``replicate_stream`` gave it (seed() applied), or,
    from a caller that passes a seed, that seed's (``settings``' seed() first)."""
    if isinstance(source, np.random.Generator):
        return source
    return np.random.default_rng(settings["seed"] if settings.get("seed") is not None else source)


def settings_of(vce) -> dict:
    """The bootstrap settings a VCEChoice carries (reps() and seed() alone when read elsewhere)."""
    found = getattr(vce, "bootstrap", None)
    if found is not None:
        return found
    return {"reps": vce.reps, "seed": vce.seed, "dots": True, "noisily": False, "trace": False, "strata": None,
            "cluster": None, "size": None, "saving": None, "mse": False, "reject": None, "bca": False, "level": None,
            "force": False}


def forced_weights(vce, command: str) -> bool:
    """Whether the plot's weights reach the command under ``vce(bootstrap, force)``: bootstrap.ado
    refuses weights unless ``force`` (``syntax [, NONOPTION]``: r(101), fracpoly's note), and with
    it hands them to each replicate's command (regress, the ML commands, glm, cnreg here)."""
    from mlmcli.graphs.fpfit_models import ML_COMMANDS

    return (vce.kind == "bootstrap" and bool(settings_of(vce).get("force"))
            and command in ("regress", "glm", "cnreg") + tuple(ML_COMMANDS))


def plan_draws(vce, data, rows: np.ndarray) -> Draws:
    """The Draws of ``vce``'s strata() and cluster() over the data's ``rows`` (the command's
    sample, in its order)."""
    settings = settings_of(vce)
    return Draws(len(rows), group_codes(data, settings["strata"], rows), group_codes(data, settings["cluster"], rows),
                 settings["size"])


def bootstrap_variance(vce, b: np.ndarray, refit: Callable, draws: Draws, rng, usable: Callable | None = None,
                       on_draw: Callable | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(V, B) of one fit under the prefix: ``replicates`` then ``variance``."""
    settings = settings_of(vce)
    B = replicates(settings, refit, draws, len(b), rng, usable, on_draw)
    return variance(B, b, settings["mse"]), B

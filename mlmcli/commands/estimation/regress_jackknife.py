"""``regress, vce(jackknife, ...)``'s outputs besides e(): ``saving()``, ``keep`` and
``idcluster()``, as jackknife.ado writes them.

- ``saving(filename[, replace double every(#)])``: the replicates' coefficients, one
  observation per replicate (observations, or clusters in sorted order), variables
  ``_b_<name>`` (``mlmcli.fileformats.replicates``); an existing file without ``replace`` is
  r(602), found before anything is fitted.
- ``keep``: the pseudovalues G b - (G-1) b_(g) of each coefficient as new variables of the
  same names (labelled ``pseudovalues: _b[x]``, float unless ``double``), on the
  observations of the estimation sample; with cluster() only on each cluster's first
  observation (jackknife.ado: ``replace var = . if !firstofcl``).  The names must be new
  (r(110)), checked before the fit.
- ``double`` (also inside ``saving()``): the file's and keep's variables stored as double.
- A replicate that n() or reject() made unusable is a row of missing values in the file and a
  missing pseudovalue; the others' pseudovalues use G, the usable replicates.
- ``nodrop``: with the default count (e(N)) jackknife.ado still keeps to e(sample), so it changes
  nothing; with ``n()`` or ``nocount`` the if/in observations outside e(sample) are replicates of
  their own (``nodrop_replicates``): each leaves out none of regress's rows, so its b is the
  full sample's (n(e(N)) fails it: ``n``), and e(N), e(sample) and keep's rows are the if/in
  observations (with fweights: their frequencies under nocount, n()'s count otherwise).
- ``idcluster(newvar)`` (requires cluster(), r(198)): jackknife.ado renames its cluster
  numbering -- 1..G in sorted order of the cluster variable, on every observation of the
  sample -- to newvar only under ``keep`` (an existing variable of that name is replaced);
  without ``keep`` it creates nothing, as in Stata.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.syntax.varlist import check_new_name


def check_before_fit(session, leverage: dict, design_names: list[str]) -> None:
    """The checks jackknife.ado makes before its replicates: keep's new names, saving()'s file."""
    from mlmcli.fileformats.replicates import coefficient_variable
    from mlmcli.fileformats.safe_write import check_writable

    if leverage.get("keep"):
        for name in design_names:
            check_new_name(session.data, coefficient_variable(name))
    if leverage.get("idcluster") and leverage.get("keep"):
        name = leverage["idcluster"]
        if name not in session.data.varnames:
            check_new_name(session.data, name)
    if leverage.get("saving"):
        check_writable(leverage["saving"]["filename"], leverage["saving"]["replace"])


def write_outputs(session, fit, sample: np.ndarray, leverage: dict, clustvar: str | None,
                  cluster_codes: np.ndarray | None, command: str, weighting: tuple | None = None) -> None:
    """saving()'s file, keep's pseudovalues, idcluster()'s variable (module docstring): one
    column per e(b) column (base and omitted ones zero in every replicate); ``weighting``:
    (weight kind, ``= exp``) as typed."""
    from mlmcli.fileformats.replicates import jackknife_dataset, save_jackknife

    labels = fit.coef_labels
    names = [lab.name for lab in labels]
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    b = np.zeros(len(names))
    b[est] = fit.b
    replicates = np.zeros((fit.replicates.shape[0], len(names)))
    replicates[:, est] = fit.replicates
    # a replicate posted missing (the loops' ``post ... (.) (.)``): every column, base ones too
    replicates[~np.all(np.isfinite(fit.replicates), axis=1)] = np.nan
    double = bool(leverage.get("double") or (leverage.get("saving") and leverage["saving"]["double"]))
    if leverage.get("saving"):
        ds = jackknife_dataset(names, b, replicates, cmdname="regress", command=command, n_obs=fit.N,
                               cluster=clustvar, double=double, multipliers=fit.multipliers, weighting=weighting,
                               nfunction=leverage.get("nfunc"))
        save_jackknife(ds, leverage["saving"])
    if leverage.get("keep"):
        frequencies = fit.multipliers if weighting and weighting[0] == "fweight" else None
        add_pseudovalues(session.data, names, b, replicates, sample, leverage, cluster_codes, frequencies)


def add_pseudovalues(data, names: list[str], b: np.ndarray, replicates: np.ndarray, sample: np.ndarray,
                     leverage: dict, cluster_codes: np.ndarray | None,
                     frequencies: np.ndarray | None = None, statistics: list | None = None) -> None:
    """keep's variables (module docstring) on ``sample``'s rows of ``data``: ``names`` e(b)'s
    columns, ``replicates`` one row per replicate (missing rows: unusable ones); idcluster()'s
    numbering first.  ``frequencies`` (fweights): each replicate's, G their sum (_jk_pseudo).
    ``statistics``: (variable, expression) of each column when e(b) has equations
    (``fileformats.replicates.equation_statistics``), else ``_b_<name>`` and ``_b[name]``."""
    from mlmcli.fileformats.replicates import coefficient_variable

    double = bool(leverage.get("double") or (leverage.get("saving") and leverage["saving"]["double"]))
    if not double:
        replicates = replicates.astype(np.float32).astype(float)
    usable = np.all(np.isfinite(replicates), axis=1)
    if frequencies is not None:  # a missing multiplier (nodrop's missing frequency): not counted
        usable &= np.isfinite(frequencies)
    # _jk_pseudo: G the usable replicates, with fweights the sum of their frequencies
    G = float(np.sum(frequencies[usable])) if frequencies is not None else int(np.sum(usable))
    pseudo = G * b - (G - 1) * replicates  # a rejected replicate's row stays missing
    rows = np.flatnonzero(sample)
    which = np.asarray(cluster_codes) if cluster_codes is not None else np.arange(len(rows))
    shown = np.ones(len(rows), bool)
    if cluster_codes is not None:  # each cluster's first observation only
        shown[:] = False
        shown[np.unique(which, return_index=True)[1]] = True
    # idcluster() first: jackknife.ado's cluster numbering exists before it merges the pseudovalues
    if leverage.get("idcluster") and cluster_codes is not None:
        ids = np.full(data.nobs, np.nan)
        ids[rows] = which + 1.0
        name = leverage["idcluster"]
        if name in data.varnames:  # jackknife.ado: confirm variable, drop, rename
            data.drop_variables([name])
        data.set_variable(name, ids, vtype="float")
    storage = "double" if double else "float"
    shown &= which < pseudo.shape[0]  # nodrop's last if/in rows may have no replicate of their own
    for j, name in enumerate(names):
        values = np.full(data.nobs, np.nan)
        values[rows[shown]] = pseudo[which[shown], j]
        if not double:
            values = values.astype(np.float32).astype(float)
        variable, expression = statistics[j] if statistics else (coefficient_variable(name), f"_b[{name}]")
        data.set_variable(variable, values, vtype=storage)
        data.var_labels[variable] = f"pseudovalues: {expression}"


@dataclass(frozen=True)
class NodropReplicates:
    """nodrop with n() or nocount when if/in selects observations outside the sample: every
    if/in observation (cluster) is a replicate.  ``touse`` the if/in rows (e(sample) after the
    fit); ``units`` each estimation row's replicate, ``count`` the replicates, ``sizes`` each
    one's if/in rows (jackknife.ado's nobs, for n()'s check); ``cluster_codes`` each if/in row's
    cluster (keep), None without cluster(); ``frequencies`` each replicate's fweight (else None)
    and ``N`` e(N): the if/in observations, with fweights their frequencies (nocount) or n()'s
    count of the full sample (None: regress's); ``failed`` (fweights) the replicates that fail."""

    touse: np.ndarray
    units: np.ndarray
    count: int
    sizes: np.ndarray
    cluster_codes: np.ndarray | None
    frequencies: np.ndarray | None
    N: float | None
    failed: np.ndarray | None = None  # replicates whose regress fails (a zero frequency less one)


def nodrop_replicates(session, cmd, leverage: dict, sample: np.ndarray, clustvar: str | None,
                      weight: np.ndarray | None, weight_kind: str | None) -> NodropReplicates | None:
    """jackknife.ado with nodrop and n() or nocount: touse stays the if/in selection (it is
    restricted to e(sample) only under eclass), so an observation regress drops is a replicate
    that leaves out nothing (b_(g) = b; n(e(N))'s check fails it).  None when there is no such
    observation.  A missing cluster value among them is jackknife.ado's r(459); fweights must be
    constant within a cluster (r(198)); zero and missing frequencies as ``fweight_units``."""
    from mlmcli.errors import StataError
    from mlmcli.sample import mark_sample

    if not leverage.get("nodrop"):
        return None
    touse = np.asarray(mark_sample(session, cmd, []), dtype=bool)  # if/in alone
    if not np.any(touse & ~sample):
        return None
    if clustvar:
        clean = np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
        if np.any(touse & ~clean):
            raise StataError(f"missing values not allowed in cluster variable {clustvar}", 459)
    codes, count = nodrop_units_codes(session.data, touse, clustvar)
    frequencies = N = failed = None
    if weight_kind == "fweight":
        fw = np.asarray(weight, float)[touse]
        codes, count, frequencies, failed = fweight_units(fw, codes, count, clustvar)
        N = float(np.nansum(fw)) if leverage.get("nfunc") is None else None
    else:
        N = float(touse.sum())
    units = codes[sample[touse]]  # the estimation rows' replicates (-1: none of their own)
    return NodropReplicates(touse=touse, units=units, count=count,
                            sizes=np.bincount(codes[codes >= 0], minlength=count),
                            cluster_codes=codes if clustvar else None, frequencies=frequencies, N=N,
                            failed=failed)


def nodrop_units_codes(ds, touse: np.ndarray, clustvar: str | None) -> tuple[np.ndarray, int]:
    """(codes, count) of nodrop's replicates over the if/in rows ``touse``: their clusters (two
    or fewer: jackknife.ado's r(459)) or one per observation."""
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.errors import StataError

    if not clustvar:
        return np.arange(int(touse.sum())), int(touse.sum())
    codes = group_codes(ds, clustvar, touse)
    count = int(codes.max()) + 1
    if count <= 2:
        raise StataError("jackknife requires more than 2 clusters", 459)
    return codes, count


def fweight_units(fw: np.ndarray, codes: np.ndarray, count: int, clustvar: str | None) -> tuple:
    """(codes, count, each replicate's frequency, which fail) for nodrop's if/in rows ``fw``
    (_loop_jknife_fw, jackknife.ado's counts):

    - without cluster() the replicates are ``summarize``'s r(N) of the frequencies -- the rows
      with one -- and they are the first that many if/in rows in data order: with a missing
      frequency the last if/in rows get no replicate of their own (code -1);
    - a missing frequency less one stays missing: regress leaves the row out as before (b_(g)
      is b) and the multiplier posted (``summarize``'s r(max) over no values) is missing, so
      _jk_sum's ``[fw = __jk_multiplier]`` leaves the replicate out of V and e(N_reps);
    - a zero frequency less one is negative: the replicate's regress fails (``x``, missing
      values; "negative weights encountered" r(402)) -- on a row regress uses, and on one it
      drops for a missing y or x too: [P] mark's rules hold "regardless of whether you use mark
      or marksample, followed or not by markout", and ``mark`` checks the weight of every if/in
      row before ``markout`` drops the rows with missing values (docs/regress_jackknife.md)."""
    from mlmcli.ols_jackknife import cluster_frequencies

    if clustvar:
        frequencies = cluster_frequencies(fw, codes, clustvar)
    else:
        count = int(np.isfinite(fw).sum())
        codes = np.where(np.arange(len(fw)) < count, np.arange(len(fw)), -1)
        frequencies = fw[:count]
    return codes, count, frequencies, frequencies == 0


def usable_replicates(fit) -> np.ndarray:
    """The replicates _jk_sum counts: values and, where one is posted, a multiplier."""
    usable = np.all(np.isfinite(fit.replicates), axis=1)
    if fit.multipliers is not None:
        usable &= np.isfinite(fit.multipliers)
    return usable


def jackknife_ereturn(fit, leverage: dict, scalars: dict, macros: dict) -> None:
    """[R] jackknife's e(): N_reps (the usable replicates), N_misreps (the others) and
    e(missing) when there are any, the prefix, nfunction, keep/pseudo, title() and mse's vcetype ``Jknife *``."""
    usable = usable_replicates(fit)
    scalars["N_reps"] = float(usable.sum())
    scalars["N_misreps"] = float((~usable).sum())  # _jk_sum returns it (0 when every replicate counted)
    if not usable.all():
        macros["missing"] = "missing"
    macros.update(prefix="jackknife", nfunction=leverage.get("nfunc") or "")
    if leverage.get("title"):
        macros["title"] = leverage["title"]
    if leverage.get("mse"):
        macros.update(vcetype="Jknife *", mse="mse")
    if leverage.get("keep"):
        from mlmcli.fileformats.replicates import coefficient_variable

        macros.update(keep="keep", pseudo=" ".join(coefficient_variable(lab.name) for lab in fit.coef_labels))


def missing_replicates_note(scalars: dict, macros: dict) -> list[str]:
    """_prefix_footnote's note after the jackknife's (or bootstrap's) table when e(missing) is set
    (replicates posted missing values: reject(), n(), collinearity, a failing regress)."""
    from mlmcli.render.replicate_note import note_of_results

    return note_of_results(scalars, macros)

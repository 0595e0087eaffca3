"""stcrreg's ``vce(jackknife, saving() keep idcluster() reject() double)`` (and the prefix typed,
``jackknife, saving() ...: stcrreg``): jackknife.ado's outputs around stcrreg's replicates
(``stcrreg_replicates``), as regress's vce(jackknife) writes them (``regress_jackknife``):

- ``saving(filename[, replace double every(#)])``: one observation per replicate (record or
  cluster, in sorted order), a variable ``_b_<name>`` per e(b) column -- after tvc() the
  equations' ``main_b_<name>`` and ``tvc_b_<name>`` -- with jackknife.ado's characteristics
  (``mlmcli.fileformats.replicates``); with stset fweights each replicate's multiplier; an
  existing file without ``replace`` is r(602) before anything is fitted;
- ``keep``: the pseudovalues G b - (G-1) b_(g) as new variables of those names (r(110) when one
  exists), on the estimation sample's rows, with clusters (stset id(), cluster()) on each
  cluster's first row only;
- ``idcluster(newvar)``: the clusters numbered 1..G, written under ``keep`` (jackknife.ado
  renames its numbering only then); it requires clusters -- cluster(), stcrreg's cluster() or
  stset's id(), which _vce_parserun hands the prefix as cluster(id) -- else "option idcluster()
  requires the cluster() option" r(198);
- ``reject(exp)``: with e(b) (stcrreg's names) and e(N) of each replicate; true on the full
  sample is "jackknife rejected results from stcrreg while using the entire dataset" r(9), a
  replicate where it is true or missing is a missing replicate (e(N_misreps), the footnote).
- ``n(exp)``, ``eclass``, ``rclass``, ``nocount`` (jackknife.ado's sample-size function: eclass
  is e(N), the default; rclass r(N); nocount none; two of them r(198)): n0 = int(exp) with the
  full sample's e() (missing or zero r(322)); a replicate whose int(exp) is not n0 less the
  records it leaves out is a missing replicate (``n`` in the dots' place; V from the others).
  e() there holds e(N) (records), e(N_sub) and e(b); an n() reading another e() is mlm's
  refusal.  e(N) always passes (leaving a cluster out takes its records from e(N)); n(e(N_sub))
  passes the clusters of one record.  ``rclass``: stcrreg posts e() only, so r(N) is missing
  in the full sample: r(322) (as for regress; whether stcrreg.ado's inner commands leave an
  r(N) behind was not checked).  With stset pweights the check is _loop_jknife_iw's (reldif
  <= 1e-5); with fweights _loop_jknife_fw's: e(N) and e(N_sub) count copies (a replicate's are
  its frequencies less one on the cluster's rows) against n0 less the cluster's rows, and
  jackknife's e(N) is its N (n0, or under nocount the frequencies summed:
  ``stcrreg_replicates._jackknife_N``).
- ``nodrop``: with the default count jackknife.ado keeps to e(sample), so it changes nothing
  (typed with eclass too); with n() or nocount it keeps the if/in rows outside e(sample) as
  replicates of their own (``stcrreg_jackknife_nodrop``)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.replicate_noisily import PostedMissing
from mlmcli.errors import StataError
from mlmcli.survival.settings import weighted_subjects

OUTPUTS = ("saving", "keep", "idcluster", "reject", "double", "nfunc", "nodrop")
# jackknife.ado options read here beside the outputs: the count (n() ...) and nodrop
COUNTS = ("n", "nocount", "eclass", "rclass", "nodrop")


def split_outputs(vce_text: str) -> tuple[str, dict | None]:
    """(the vce(jackknife, ...) text without the outputs, the outputs' settings or None)."""
    from mlmcli.syntax.options import OptionSpec, read_options
    from mlmcli.syntax.replicate_vce import PREFIX_MARK, jackknife_options, split_prefix_mark

    text, prefix = split_prefix_mark(str(vce_text))
    head, comma, rest = text.partition(",")
    if not comma or not rest.strip():
        return vce_text, None
    specs = [OptionSpec("saving", 2, True), OptionSpec("keep", 4), OptionSpec("idcluster", 2, True),
             OptionSpec("reject", 6, True), OptionSpec("double", 4), OptionSpec("n", 1, True),
             OptionSpec("nocount", 7), OptionSpec("eclass", 1), OptionSpec("rclass", 1), OptionSpec("nodrop", 6)]
    kept, outputs = [], []
    for option in read_options(rest):
        shown = f"{option.name}({option.arg})" if option.arg is not None else option.name
        (outputs if any(spec.matches(option.name) for spec in specs) else kept).append(shown)
    if not outputs:
        return vce_text, None
    # jackknife.ado's own reading (saving()'s suboptions ...); the clusters are checked later
    typed = " ".join(outputs) + " cluster(__clusters)"
    settings = jackknife_options(typed)
    found = {name: settings.get(name) for name in OUTPUTS}
    rebuilt = head + (", " + " ".join(kept) if kept else "")
    if prefix:
        rebuilt += ("" if kept else ",") + " " + PREFIX_MARK
    return rebuilt, found


def check_before_fit(session, outputs: dict, names: list[str]) -> None:
    """keep's new names and saving()'s file, before the replicates (jackknife.ado's order)."""
    from mlmcli.commands.estimation.regress_jackknife import check_before_fit as regress_checks, check_new_name

    statistics = _statistics(names)
    if statistics is None:
        regress_checks(session, outputs, [_variable_name(n) for n in names])
        return
    regress_checks(session, dict(outputs, keep=False), [])  # idcluster()'s and saving()'s checks
    if outputs.get("keep"):
        for variable, _ in statistics:
            check_new_name(session.data, variable)
        if outputs.get("idcluster") and outputs["idcluster"] not in session.data.varnames:
            check_new_name(session.data, outputs["idcluster"])


def _statistics(names: list[str]) -> list | None:
    """(variable, expression) of each column after tvc() (``main_b_age``, ``[main]_b[age]``), else None."""
    if not any(":" in n for n in names):
        return None
    from mlmcli.fileformats.replicates import equation_statistics

    return equation_statistics([n.split(":", 1)[0] for n in names], [_variable_name(n) for n in names])


def _variable_name(name: str) -> str:
    """The e(b) column as regress_jackknife names its variable (``main:age`` -> ``main_b_age``
    through the equation form is jackknife_dataset's; here the plain name for the check)."""
    return name.split(":", 1)[1] if ":" in name else name


def reject_check(session, outputs: dict, b, names, n_obs: int):
    """reject(exp)'s test of a replicate (None without reject()): the full sample first."""
    text = outputs.get("reject")
    if not text:
        return None
    from mlmcli.commands.estimation.bootstrap_run import reject_check as prefix_reject

    return prefix_reject(session, {"reject": text}, np.asarray(b, float), names, "stcrreg", n_obs, prefix="jackknife")


def count_check(session, outputs: dict, b, names, ids, n_records: int, tolerant: bool, frequencies=None,
                left_out=None):
    """n()'s test of a replicate, ``counted(x, rows, row_frequencies) -> bool`` (module
    docstring), or None when every replicate passes (the default e(N), nocount); n0 from the
    full sample first.  ``frequencies``: stset fweights on the estimation rows (e(N) and e(N_sub)
    count copies, as stcrreg.ado's sums do; a replicate's are its ``row_frequencies``);
    ``left_out(rows, row_frequencies)``: the rows the loop counts as left out (jackknife.ado's
    nobs: the cluster's rows in its touse), by default the records not kept -- with fweights
    the copies not kept, one a row of the cluster."""
    import re

    nfunc = outputs.get("nfunc")
    if nfunc is None or (nfunc.replace(" ", "") == "e(N)" and not outputs.get("nodrop")):
        return None
    for result in re.findall(r"e\(\s*(\w+)\s*\)", nfunc):
        if result not in ("N", "N_sub"):
            raise StataError(f"vce(jackknife, n()) reading e({result}) not supported by mlmcli with stcrreg", 198)
    from mlmcli.commands.estimation.jackknife_checks import ResultChecks
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    full = None if frequencies is None else np.asarray(frequencies, float)

    def results(x, rows, row_frequencies=None):
        f = np.ones(len(rows)) if full is None else (full[rows] if row_frequencies is None
                                                     else np.asarray(row_frequencies, float))
        # a subject's copies: the frequency of one of its records (constant within subjects)
        subjects = weighted_subjects(None if ids is None else ids[rows], f)
        return EstimationResults(cmd="stcrreg", scalars={"N": float(f.sum()), "N_sub": subjects},
                                 macros={"cmd": "stcrreg"},
                                 matrices={"b": Matrix(np.asarray(x, float).reshape(1, -1), ("y1",), tuple(names))})

    def default_left_out(rows, row_frequencies=None):
        if full is None:
            return n_records - len(rows)
        return int(round(full.sum() - (full[rows].sum() if row_frequencies is None else np.sum(row_frequencies))))

    left_out = left_out or default_left_out
    checks = ResultChecks(session, {"nfunc": nfunc}, "stcrreg", tolerant=tolerant)
    checks.check_full(results(b, np.arange(n_records)))
    outputs["_n0"] = checks.n0  # e(N) with fweights (jackknife.ado's N)
    return lambda x, rows, row_frequencies=None: checks.usable(
        results(x, rows, row_frequencies), left_out(rows, row_frequencies)) is True


def recording(refit, rejected, counted=None):
    """(refit recording each replicate's b in call order -- jackknife's loops call it once per
    cluster, in order -- with reject() or n() making one missing, the list of records);
    ``recorded.counts_failed`` the replicates n() made missing (the loop's ``n`` dot)."""
    records: list = []
    counts_failed: set = set()

    def recorded(rows, new_codes, row_frequencies=None):
        try:
            x = refit(rows, new_codes, row_frequencies)
        except Exception:
            records.append(None)
            raise
        if rejected is not None and rejected(x, len(rows)):
            records.append(None)
            raise PostedMissing("rejected")
        if counted is not None and not counted(x, rows, row_frequencies):
            counts_failed.add(len(records))
            records.append(None)
            raise PostedMissing("n")
        records.append(np.asarray(x, float))
        return x

    recorded.counts_failed = counts_failed
    return recorded, records


def count_dots(marks: list, counts_failed: set) -> list:
    """The dots' marks with _loop_jknife*'s ``n`` (bad 3: _dots' ``n``) where n() failed."""
    return ["n" if j in counts_failed else mark for j, mark in enumerate(marks)]


def write_outputs(session, outputs: dict, names: list[str], b, records: list, sample, codes, clustvar,
                  command: str, n_obs: float, frequencies=None, weighting=None) -> None:
    """saving()'s file, keep's pseudovalues and idcluster()'s numbering (module docstring)."""
    from mlmcli.commands.estimation.regress_jackknife import add_pseudovalues
    from mlmcli.fileformats.replicates import jackknife_dataset, save_jackknife

    k = len(b)
    B = np.array([np.full(k, np.nan) if r is None else r for r in records]).reshape(-1, k)
    equations = [n.split(":", 1)[0] for n in names] if any(":" in n for n in names) else None
    plain = [_variable_name(n) for n in names]
    double = bool(outputs.get("double") or (outputs.get("saving") and outputs["saving"]["double"]))
    if outputs.get("saving"):
        ds = jackknife_dataset(plain, b, B, cmdname="stcrreg", command=command, n_obs=n_obs, cluster=clustvar,
                               double=double, multipliers=frequencies, weighting=weighting, equations=equations)
        save_jackknife(ds, outputs["saving"])
    if outputs.get("keep"):  # after tvc() main_b_<name>, tvc_b_<name> (_statistics)
        add_pseudovalues(session.data, plain, np.asarray(b, float), B, sample, outputs,
                         codes if clustvar else None, frequencies, statistics=_statistics(names))


def ereturn_extra(outputs: dict, names: list[str], records: list) -> dict:
    """[R] jackknife's e() beside these outputs: e(N_misreps) and e(missing) (the footnote) when a
    replicate failed or was rejected, e(keep) and e(pseudo) under keep."""
    from mlmcli.fileformats.replicates import coefficient_variable

    missing = sum(r is None for r in records)
    extra: dict = {"N_misreps": float(missing)}
    if missing:
        extra["missing"] = "missing"
    if outputs.get("keep"):
        statistics = _statistics(names)
        variables = [v for v, _ in statistics] if statistics else [coefficient_variable(_variable_name(n)) for n in names]
        extra.update(keep="keep", pseudo=" ".join(variables))
    return extra

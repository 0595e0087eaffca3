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
``n()`` (jackknife.ado's count check) and ``nodrop``, ``eclass``/``rclass``/``nocount`` stay
mlm's refusal."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

OUTPUTS = ("saving", "keep", "idcluster", "reject", "double")


def split_outputs(vce_text: str) -> tuple[str, dict | None]:
    """(the vce(jackknife, ...) text without the outputs, the outputs' settings or None)."""
    from mlmcli.syntax.options import OptionSpec, read_options
    from mlmcli.syntax.replicate_vce import PREFIX_MARK, jackknife_options, split_prefix_mark

    text, prefix = split_prefix_mark(str(vce_text))
    head, comma, rest = text.partition(",")
    if not comma or not rest.strip():
        return vce_text, None
    specs = [OptionSpec("saving", 2, True), OptionSpec("keep", 4), OptionSpec("idcluster", 2, True),
             OptionSpec("reject", 6, True), OptionSpec("double", 4)]
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
    from mlmcli.commands.estimation.regress_jackknife import check_before_fit as regress_checks

    regress_checks(session, outputs, [_variable_name(n) for n in names])


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


def recording(refit, rejected):
    """(refit recording each replicate's b in call order -- jackknife's loops call it once per
    cluster, in order -- with reject() making one missing, the list of records)."""
    records: list = []

    def recorded(rows, new_codes, row_frequencies=None):
        try:
            x = refit(rows, new_codes, row_frequencies)
        except Exception:
            records.append(None)
            raise
        if rejected is not None and rejected(x, len(rows)):
            records.append(None)
            raise ValueError("rejected")
        records.append(np.asarray(x, float))
        return x

    return recorded, records


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
    if outputs.get("keep"):
        if equations is not None:
            raise StataError("vce(jackknife, keep) after tvc() not supported by mlmcli with stcrreg", 198)
        add_pseudovalues(session.data, plain, np.asarray(b, float), B, sample, outputs,
                         codes if clustvar else None, frequencies)


def ereturn_extra(outputs: dict, names: list[str], records: list) -> dict:
    """[R] jackknife's e() beside these outputs: e(N_misreps) and e(missing) (the footnote) when a
    replicate failed or was rejected, e(keep) and e(pseudo) under keep."""
    from mlmcli.fileformats.replicates import coefficient_variable

    missing = sum(r is None for r in records)
    extra: dict = {"N_misreps": float(missing)}
    if missing:
        extra["missing"] = "missing"
    if outputs.get("keep"):
        extra.update(keep="keep", pseudo=" ".join(coefficient_variable(_variable_name(n)) for n in names))
    return extra

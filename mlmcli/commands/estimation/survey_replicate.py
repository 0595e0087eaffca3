"""svy's replication methods (BRR, jackknife, SDR): which one a run uses (the prefix's
``svy brr:``/``svy jackknife:``/``svy sdr:`` or vce(), else svyset's vce()), its replicate
weights (svyset's brrweight()/jkrweight()/sdrweight(), or the design's delete-one-PSU
jackknife), the replicate estimates with Stata's replication dots, and the inference.

The estimator is a callable from the sampling weights over the data's rows to the estimates
(the command recomputes its estimates with each replicate's weights on the same rows)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError

TITLES = {"brr": "BRR", "jackknife": "Jackknife", "sdr": "SDR"}


@dataclass(frozen=True)
class VceRequest:
    """The variance method of one svy run and the prefix's options for it."""

    method: str = "linearized"  # linearized | brr | jackknife | sdr
    mse: bool = False
    fay: float | None = None
    dof: float | None = None
    dots: bool = True

    @property
    def replicated(self) -> bool:
        return self.method != "linearized"


def vce_request(settings, typed: str | None, opts: dict) -> VceRequest:
    """The prefix's vcetype (``brr``, ``jackknife _b`` or vce()) or svyset's, with mse, fay()
    and dof() from the prefix or, when not typed there, from svyset."""
    from mlmcli.commands.data.survey_replicate_settings import vce_type

    method = settings.vce
    if typed and "," in typed:  # vce(jackknife, mse)
        typed, _, rest = typed.partition(",")
        if rest.strip().lower() != "mse":
            raise StataError(f"option vce({typed.strip()},{rest}) invalid", 198)
        opts = {**opts, "mse": True}
    if typed:
        words = typed.split()
        method = vce_type(words[0])
        if words[1:] and words[1:] != ["_b"]:  # exp_list: only _b (the default of svy's commands)
            raise StataError("svy: an expression list other than _b is not supported by mlmcli", 198)
        if words[1:] and method == "linearized":
            raise StataError("invalid syntax", 198)
    if method == "bootstrap":
        raise StataError("svy bootstrap: not supported by mlmcli (it computes the linearized, BRR, jackknife and "
                         "SDR variances)", 198)
    mse = bool(opts.get("mse")) or (settings.mse and method == settings.vce)
    if mse and method == "linearized":
        raise StataError("option mse is not allowed with vce(linearized)", 198)
    fay = settings.fay
    if opts.get("fay") is not None:
        from mlmcli.commands.data.survey_replicate_settings import bounded_number

        if method != "brr":
            raise StataError("option fay() not allowed", 198)
        fay = bounded_number(opts["fay"], "fay", 0.0, 2.0)
        if fay == 1:
            raise StataError("option fay(1) is not allowed", 198)
    dof = settings.dof
    if opts.get("dof") is not None:
        from mlmcli.commands.data.survey_replicate_settings import bounded_number

        dof = bounded_number(opts["dof"], "dof", 0.0, low_open=True)
    return VceRequest(method, mse, fay, dof, dots=not opts.get("nodots"))


def replicate_design(ds, settings, sample, request: VceRequest):
    """The ReplicateDesign over the estimation sample's rows."""
    from mlmcli.survey.linearized import sampling_fraction
    from mlmcli.survey.replicate import ReplicateDesign, default_multipliers, jackknife_from_design

    rows = np.flatnonzero(sample.touse)
    names = {"brr": settings.brrweight, "jackknife": settings.jkrweight, "sdr": settings.sdrweight}[request.method]
    common = dict(fay=float(request.fay or 0.0), mse=request.mse, dof=request.dof)
    if names:
        W = np.column_stack([ds.numeric(v)[rows] for v in names]).astype(float)
        R = len(names)
        if request.method != "jackknife":
            fpc = np.full(R, float(settings.sdrfpc or 0.0) if request.method == "sdr" else 0.0)
            return ReplicateDesign(request.method, W, np.zeros(R, int), np.ones(R), fpc, 1, **common)
        keys = [str(ds.chars.get(f"{v}[jk_stratum]", "")).strip() for v in names]
        _, strata = np.unique(np.array(keys, dtype=object).astype(str), return_inverse=True)
        mult = default_multipliers(strata)
        fpc = np.zeros(R)
        for r, v in enumerate(names):
            m = str(ds.chars.get(f"{v}[jk_multiplier]", "")).strip()
            if m:
                mult[r] = float(m)
            f = str(ds.chars.get(f"{v}[jk_fpc]", "")).strip()
            if f:  # a rate (<= 1) or the stratum's population of units
                value = float(f)
                fpc[r] = value if value <= 1 else (strata == strata[r]).sum() / value
        return ReplicateDesign("jackknife", W, strata, mult, fpc, int(strata.max()) + 1, **common)
    if request.method == "brr":
        raise StataError("svy brr requires the replicate weights of svyset's brrweight() option (mlmcli does not "
                         "take hadamard())", 198)
    if request.method == "sdr":
        raise StataError("svy sdr requires the replicate weights of svyset's sdrweight() option", 198)
    units = sample.units
    fraction = np.zeros(len(rows))
    if units.fpc is not None:
        for h in range(units.n_strata):
            in_h = units.strata == h
            fraction[in_h] = sampling_fraction(units, h, len(np.unique(units.psu[in_h])))
    W, strata, mult, fpc, single = jackknife_from_design(sample.weights[rows], units.strata, units.psu, fraction)
    # a stratum with one PSU: missing SEs under singleunit(missing); otherwise its (unchanged)
    # replicate is skipped, so it adds nothing, as a certainty unit (mlm's rule for every other method)
    return ReplicateDesign("jackknife", W, strata, mult, fpc, units.n_strata, psus=units.n_psu,
                           single_unit=single and settings.singleunit == "missing", **common)


@dataclass(frozen=True)
class ReplicationResult:
    design: object  # survey.replicate.ReplicateDesign
    n_used: int
    df: float
    failed: int


def run_replicates(session, request: VceRequest, settings, sample, b, estimate, scores, level):
    """(DesignInference, ReplicationResult): each replicate's estimates (``estimate`` of the
    data-length weights), the dots, V and the t inference on the design df."""
    from mlmcli.render.panel_regression import bootstrap_dots
    from mlmcli.survey.inference import inference_from_variance
    from mlmcli.survey.replicate import replicate_variance, used_replicates

    ds = session.data
    design = replicate_design(ds, settings, sample, request)
    rows = np.flatnonzero(sample.touse)
    sub = sample.sub[rows]
    used = used_replicates(design, sample.weights[rows], sub)
    B = np.full((design.n_reps, len(b)), np.nan)
    marks: list = []
    for r in range(design.n_reps):
        if not used[r]:
            marks.append("s")
            continue
        wd = sample.weights.copy()
        wd[rows] = design.weights[:, r]
        try:
            br = np.asarray(estimate(wd), float)
        except StataError:
            br = None
        if br is None or br.shape != np.shape(b) or not np.all(np.isfinite(br)):
            used[r] = False
            marks.append(False)
            continue
        B[r] = br
        marks.append(True)
    if request.dots:
        text = bootstrap_dots(marks, "", design.n_reps, title=TITLES[request.method])
        session.print("\n".join(text.splitlines()[1:]))
    n_used = int(used.sum())
    V = replicate_variance(b, B, design, used)
    df = float(design.dof) if design.dof is not None else float(n_used - design.n_strata)
    missing = design.single_unit
    fpc_given = sample.units.fpc is not None
    inf = inference_from_variance(b, V, missing, df, level, scores, sample.weights[sample.touse], fpc_given,
                                  sample.sub[sample.touse] if sample.subpop_given else None)
    return inf, ReplicationResult(design, n_used, df, int(sum(1 for m in marks if m is False)))


def replicate_ereturn(scalars: dict, macros: dict, request: VceRequest, rep: ReplicationResult, settings) -> None:
    """svy's e() under a replication method: e(vce), e(vcetype), e(N_reps), e(mse), e(fay),
    the replicate-weight variables; e(N_psu) only for the design's jackknife."""
    scalars["N_reps"] = float(rep.n_used)
    scalars["df_r"] = float(rep.df)
    if rep.design.psus is None:
        scalars.pop("N_psu", None)
        scalars["N_strata"] = float(rep.design.n_strata)
    macros.update(vce=request.method, vcetype=TITLES[request.method])
    if request.mse:
        macros["mse"] = "mse"
    if request.method == "brr":
        scalars["fay"] = float(request.fay or 0.0)
    names = {"brr": settings.brrweight, "jackknife": settings.jkrweight, "sdr": settings.sdrweight}[request.method]
    if names:
        macros[{"brr": "brrweight", "jackknife": "jkrweight", "sdr": "sdrweight"}[request.method]] = " ".join(names)
    if request.dof is not None:
        scalars["dof"] = float(request.dof)

"""svyset's survey settings and their home in the data's characteristics.

Kept as svyset.ado keeps them, in ``_dta[_svy_*]`` (so they travel with ``save``/``use``):
``_svy_version`` 2, ``_svy_wtype``/``_svy_wvar`` (pweight or iweight and its variable),
``_svy_vce`` and ``_svy_singleunit`` (only when typed: svyset.ado sets them only then),
``_svy_stages`` and per stage ``_svy_su#``, ``_svy_strata#``, ``_svy_fpc#`` (``_n``: the
observations are the units), ``_svy_weight#`` (a stage-level weight()) and ``_svy_stages_wt``
(the last stage with one; the stages up to it are kept even beyond ``_svy_stages``) -- the
names _svyset.ado's Set and Get use."""
from __future__ import annotations

from mlmcli.results.survey import Stage, SurveySettings


PREFIX = "_svy_"


def is_set(chars: dict) -> bool:
    return str(chars.get("_svy_version", "")).strip().isdigit()


def read_settings(chars: dict) -> SurveySettings | None:
    """The settings in the characteristics, or None when none are set."""
    if not is_set(chars):
        return None
    n = _count(chars.get("_svy_stages"), 1)
    n_wt = _count(chars.get("_svy_stages_wt"), 0)
    stages = []
    for i in range(1, max(n, n_wt, 1) + 1):
        stages.append(Stage(su=chars.get(f"_svy_su{i}") or "_n", strata=chars.get(f"_svy_strata{i}") or None,
                            fpc=chars.get(f"_svy_fpc{i}") or None,
                            weight=(chars.get(f"_svy_weight{i}") or None) if i <= n_wt else None))
    n = max(n, 1)
    typed = tuple(name for name in ("vce", "singleunit") if chars.get(f"_svy_{name}"))
    return SurveySettings(wtype=chars.get("_svy_wtype") or None, wvar=chars.get("_svy_wvar") or None,
                          vce=chars.get("_svy_vce") or "linearized",
                          singleunit=chars.get("_svy_singleunit") or "missing", stages=tuple(stages[:n]),
                          weight_only_stages=tuple(stages[n:]), typed=typed,
                          mse=bool(str(chars.get("_svy_mse", "")).strip()),
                          brrweight=tuple(str(chars.get("_svy_brrweight", "")).split()),
                          fay=_number(chars.get("_svy_fay")),
                          jkrweight=tuple(str(chars.get("_svy_jkrweight", "")).split()),
                          sdrweight=tuple(str(chars.get("_svy_sdrweight", "")).split()),
                          sdrfpc=_number(chars.get("_svy_sdrfpc")), dof=_number(chars.get("_svy_dof")))


def _count(text, default: int) -> int:
    try:
        return int(str(text).strip()) if str(text or "").strip() else default
    except ValueError:
        return default


def sampling_weights(ds, s: SurveySettings):
    """The observation-level sampling weights over the data's rows: the svyset pweight/iweight
    variable, the product of the stage-level weight() variables (_svy_setup.ado: wvar =
    w1*w2*...; a missing one makes it missing), or None without weights."""
    import numpy as np

    if not s.weight_vars:
        return None
    w = np.ones(ds.nobs)
    for name in s.weight_vars:
        w = w * ds.numeric(name).astype(float)
    return w


def _number(text) -> float | None:
    try:
        return float(str(text).strip()) if str(text or "").strip() else None
    except ValueError:
        return None


def clear_settings(chars: dict) -> None:
    for key in [k for k in chars if k.startswith(PREFIX)]:
        del chars[key]


def write_settings(chars: dict, s: SurveySettings) -> None:
    """Replace the characteristics by ``s``'s."""
    clear_settings(chars)
    chars["_svy_version"] = "2"
    if s.wtype:
        chars["_svy_wtype"] = s.wtype
        chars["_svy_wvar"] = s.wvar or ""
    if "vce" in s.typed:
        chars["_svy_vce"] = s.vce
    if "singleunit" in s.typed:
        chars["_svy_singleunit"] = s.singleunit
    if s.mse:
        chars["_svy_mse"] = "mse"
    for name in ("brrweight", "jkrweight", "sdrweight"):
        if getattr(s, name):
            chars[f"_svy_{name}"] = " ".join(getattr(s, name))
    for name in ("fay", "sdrfpc", "dof"):
        if getattr(s, name) is not None:
            chars[f"_svy_{name}"] = f"{getattr(s, name):.17g}"
    chars["_svy_stages"] = str(max(len(s.stages), 1))
    if s.stages_wt:
        chars["_svy_stages_wt"] = str(s.stages_wt)
    for i, st in enumerate(s.all_stages, start=1):
        chars[f"_svy_su{i}"] = st.su
        if st.strata:
            chars[f"_svy_strata{i}"] = st.strata
        if st.fpc:
            chars[f"_svy_fpc{i}"] = st.fpc
        if st.weight:
            chars[f"_svy_weight{i}"] = st.weight


def settings_r(s: SurveySettings) -> dict:
    """svyset's r(): r(settings), r(wtype), r(wexp), r(wvar), r(vce), r(singleunit), r(stages),
    r(stages_wt) (with a stage-level weight()), r(su#), r(strata#), r(fpc#), r(weight#) -- the
    stages up to r(stages_wt) even beyond r(stages) (svyset.ado's Get)."""
    r: dict = {"settings": s.settings_text(), "vce": s.vce, "singleunit": s.singleunit,
               "stages": float(max(len(s.stages), 1))}
    if s.mse:
        r["mse"] = "mse"
    for name in ("brrweight", "jkrweight", "sdrweight"):
        if getattr(s, name):
            r[name] = " ".join(getattr(s, name))
    for name in ("fay", "sdrfpc", "dof"):
        if getattr(s, name) is not None:
            r[name] = str(getattr(s, name)) if name == "sdrfpc" else float(getattr(s, name))
    if s.wtype:
        r.update(wtype=s.wtype, wexp=f"= {s.wvar}", wvar=s.wvar)
    if s.stages_wt:
        r["stages_wt"] = float(s.stages_wt)
    for i, st in enumerate(s.all_stages, start=1):
        if st.su != "_n":
            r[f"su{i}"] = st.su
        if st.strata:
            r[f"strata{i}"] = st.strata
        if st.fpc:
            r[f"fpc{i}"] = st.fpc
        if st.weight:
            r[f"weight{i}"] = st.weight
    return r

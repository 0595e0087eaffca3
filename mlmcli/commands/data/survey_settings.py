"""``svyset`` and ``svydescribe`` ([SVY] svyset, [SVY] svydescribe; svyset.ado, svydescribe.ado).

    svyset [psu] [pweight|iweight = varname] [, strata(varname) fpc(varname)
           singleunit(missing|certainty|scaled|centered) vce(linearized|brr|jackknife|sdr) mse
           brrweight() fay() jkrweight() sdrweight() dof() clear]
           [|| ssu [, strata() fpc()] ...]
    svyset                       (replay the settings)
    svyset, clear
    svydescribe [if] [in]

The settings live in the data's ``_dta[_svy_*]`` characteristics (mlmcli/survey/settings.py),
so they survive ``save``/``use``.  A later stage is parsed and stored; as svyset.ado does, a
stage without fpc() is sampled with replacement, so the stages after it leave the variance with
its note (those up to the last stage-level weight() stay in the settings for their weights).
weight(varname) is a stage's sampling weight: svy multiplies them into one pweight
(_svy_setup.ado); svyset.ado's Get refuses them with a pweight/iweight or replicate weights.
The replication options (vce(brr|jackknife|sdr), mse, brrweight(), fay(), jkrweight(), sdrweight(),
dof()) are parsed in survey_replicate_settings.py; vce(bootstrap), bsrweight(), poststratification
and calibration are refused.
A failing svyset leaves the earlier settings in place (svyset.ado restores them)."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options
from mlmcli.textscan import find_top

HELP = {"svyset": "svyset [psu] [pweight=w] [, strata() fpc() weight() singleunit() vce(linearized)] [|| ssu, ...] "
                  ": declare survey data",
        "svydescribe": "svydescribe [if] [in] : strata and sampling units of the survey design"}

_SINGLEUNIT = ("missing", "certainty", "scaled", "centered")
_GLOBAL_OPTIONS = [OptionSpec("vce", 3, takes_arg=True), OptionSpec("singleunit", 6, takes_arg=True),
                   OptionSpec("clear"), OptionSpec("strata", 3, takes_arg=True), OptionSpec("fpc", 3, takes_arg=True),
                   OptionSpec("psu", 3, takes_arg=True), OptionSpec("srs", 3)]
# svyset's options mlm does not compute (refused, never ignored)
_REFUSED = ("bsrweight", "bsn", "poststrata", "postweight", "rake", "regress", "noclear", "clear1", "mi")
_REFUSED_SPECS = [OptionSpec("bsrweight", 3, takes_arg=True), OptionSpec("bsn", takes_arg=True),
                  OptionSpec("poststrata", 4, takes_arg=True),
                  OptionSpec("postweight", 5, takes_arg=True), OptionSpec("rake", takes_arg=True),
                  OptionSpec("regress", 3, takes_arg=True), OptionSpec("noclear"), OptionSpec("mi")]
_WEIGHT_RE = re.compile(r"\[\s*([A-Za-z]+)\s*=\s*([^\]]*)\]")


def cmd_svyset(session, cmd) -> None:
    from mlmcli.render.survey import render_settings
    from mlmcli.survey.settings import clear_settings, read_settings, settings_r, write_settings

    ds = session.data
    text = cmd.args.strip()
    body, options, _ = split_options(text) if "||" not in text else (text, (), False)
    if not body.strip() and "||" not in text:
        opts = resolve_options(options, [OptionSpec("clear")], allow_unknown=True)
        if list(opts) == ["clear"]:  # svyset.ado: Clear, then Get (nothing shown)
            clear_settings(ds.chars)
            session.set_r({"settings": ", clear"})
            return
        if not options:  # replay
            settings = read_settings(ds.chars)
            session.print(render_settings(settings))
            session.set_r(settings_r(settings) if settings is not None else {"settings": ", clear"})
            return
    if ds.nobs == 0 and not ds.varnames:
        raise StataError("no variables defined", 111)
    settings, note, var_chars = parse_svyset(ds, text)
    if note:
        session.print(note)
    write_settings(ds.chars, settings)
    for key, value in var_chars.items():  # jkrweight()'s jk_stratum, jk_fpc, jk_multiplier (empty: none)
        if value:
            ds.chars[key] = value
        else:
            ds.chars.pop(key, None)
    session.print(render_settings(settings))
    session.set_r(settings_r(settings))


def _refuse(name: str):
    return StataError(f"svyset option {name}() is not supported by mlmcli (it computes the linearized, BRR, "
                      "jackknife and SDR variances)", 198)


def parse_svyset(ds, text: str):
    """(SurveySettings, note or None, variable characteristics to write) for svyset's
    arguments; errors as svyset.ado's."""
    from mlmcli.commands.data.survey_replicate_settings import REPLICATE_OPTIONS, parse_replicate_options
    from mlmcli.results.survey import Stage, SurveySettings

    stages_text = _split_stages(text)
    n_stages = len(stages_text)
    pieces = [_stage_options(t) for t in stages_text]
    # svyset.ado's `_parse expand stage global : 0, common(...)`: the common (global) options may be
    # typed in any stage, e.g. the DHS Program's `svyset v001, weight(wt2) strata(v022) ,
    # singleunit(centered) || _n, weight(wt1)`; they are collected with the last stage's options
    common_specs = [s for s in _GLOBAL_OPTIONS if s.name not in ("strata", "fpc", "psu", "srs")] \
        + REPLICATE_OPTIONS + _REFUSED_SPECS
    common = [o for _, opts in pieces[:-1] for o in opts if any(s.matches(o.name) for s in common_specs)]
    pieces[:-1] = [(b, tuple(o for o in opts if not any(s.matches(o.name) for s in common_specs)))
                   for b, opts in pieces[:-1]]
    last_body, last_opts = pieces[-1]
    global_opts = resolve_options(common + list(last_opts), _GLOBAL_OPTIONS + REPLICATE_OPTIONS + _REFUSED_SPECS
                                  + [_weight_spec(n_stages)])
    for name in global_opts:
        if name in _REFUSED:
            raise _refuse(name)
    replicate, var_chars = parse_replicate_options(ds, global_opts)
    singleunit = "missing"
    if "singleunit" in global_opts:
        word = str(global_opts["singleunit"]).strip()
        match = [s for s in _SINGLEUNIT if word and s.startswith(word.lower()) and len(word) >= 3] \
            if word.lower() != "missing" else ["missing"]
        if len(match) != 1 or " " in word:
            raise StataError("option singleunit() invalid", 198)
        singleunit = match[0]
    stages: list[Stage] = []
    wtype = wvar = None
    for i, stage_text in enumerate(stages_text, start=1):
        body, opts = pieces[i - 1]
        weight_name = _weight_spec(i).name
        if i == n_stages:
            stage_opts = {k: v for k, v in global_opts.items() if k in ("strata", "fpc", "psu", "srs", weight_name)}
        else:
            stage_opts = resolve_options(opts, [OptionSpec("strata", 3, takes_arg=True),
                                                OptionSpec("fpc", 3, takes_arg=True),
                                                OptionSpec("psu", 3, takes_arg=True), _weight_spec(i)])
        m = _WEIGHT_RE.search(body)
        if m:
            kind = {"pw": "pweight", "iw": "iweight"}.get(m.group(1).lower()[:2])
            if kind is None or not (kind.startswith(m.group(1).lower()) or m.group(1).lower() in ("pw", "iw")):
                typed = {"fw": "fweight", "aw": "aweight"}.get(m.group(1).lower()[:2], m.group(1).lower())
                raise StataError(f"{typed}s not allowed" if typed in ("fweight", "aweight") else "invalid syntax",
                                 101 if typed in ("fweight", "aweight") else 198)
            if wtype is not None:
                raise StataError("sampling weights may only be specified once", 198)
            wtype, wvar = kind, _variable(ds, m.group(2).strip(), numeric=True)
            body = body[:m.start()] + body[m.end():]
        words = body.split()
        for word in ("if", "in"):  # svyset.ado: [if] and [in] are not allowed
            if word in words[1:] or (words and words[0] == word):
                raise StataError(f"{word} not allowed", 101)
        if len(words) > 1:
            raise StataError("invalid syntax", 198)
        su = words[0] if words else None
        if stage_opts.get("srs"):
            su = "_n"
        if stage_opts.get("psu"):
            psu = str(stage_opts["psu"]).strip()
            if su is not None and su != psu:
                raise StataError("option psu() invalid", 198)
            su = psu
        if su is None:
            if i > 1:
                raise StataError("invalid syntax", 198)
            if not (wtype or stage_opts.get("strata") or stage_opts.get("fpc") or stage_opts.get(weight_name)
                    or replicate):
                raise StataError("psuid required", 198)
            su = "_n"
        if su == "_n" and i < n_stages:
            raise StataError("invalid use of _n; observations can only be sampled in the final stage", 198)
        if su != "_n":  # _n typed: the observations are the units
            try:
                su = ds.resolve(su)
            except StataError:
                raise StataError(f"{su} invalid {'psu' if i == 1 else 'ssu'} variable name", 111) from None
        strata = _variable(ds, str(stage_opts["strata"]).strip()) if stage_opts.get("strata") else None
        fpc = _variable(ds, str(stage_opts["fpc"]).strip(), numeric=True) if stage_opts.get("fpc") else None
        weight = _variable(ds, str(stage_opts[weight_name]).strip(), numeric=True) \
            if stage_opts.get(weight_name) else None
        stages.append(Stage(su=su, strata=strata, fpc=fpc, weight=weight))
    note = None
    n_variance = next((i for i, st in enumerate(stages[:-1], start=1) if st.fpc is None), len(stages))
    if n_variance < len(stages):  # svyset.ado: with replacement at stage i, the later stages ignored
        import textwrap

        note = "\n".join(textwrap.wrap(f"Note: Stage {n_variance} is sampled with replacement; further stages "
                                       "will be ignored for variance estimation.", 79, subsequent_indent=" " * 6))
    # the stages up to the last weight() stay (svyset.ado's _svy_stages_wt)
    n_kept = max([n_variance] + [i for i, st in enumerate(stages, start=1) if st.weight])
    weight_only = tuple(stages[n_variance:n_kept])
    stages = stages[:n_variance]
    if any(st.weight for st in stages + list(weight_only)):
        _check_stage_weights(wtype, replicate)
    if wvar is not None:  # svyset.ado's RWerror
        for kind in ("brrweight", "jkrweight", "sdrweight"):
            if wvar in replicate.get(kind, ()):
                raise StataError(f"invalid {kind}() option;\nthe {kind}() varlist may not contain {wtype} "
                                 f"variable {wvar}", 198)
    typed = tuple(name for name in ("vce", "singleunit") if name in global_opts)
    fields = {"vce": "linearized", **replicate}
    return SurveySettings(wtype=wtype, wvar=wvar, singleunit=singleunit, stages=tuple(stages), typed=typed,
                          weight_only_stages=weight_only, **fields), note, var_chars


def _weight_spec(i: int) -> OptionSpec:
    """Stage i's weight(): ParseStage's ``Weight`i'(varname numeric)`` (w ... weight, weight#)."""
    return OptionSpec(f"weight{i}", 1, takes_arg=True)


def _check_stage_weights(wtype, replicate: dict) -> None:
    """svyset.ado's Get: stage-level weight() takes no pweight/iweight and no replicate weights."""
    if wtype:
        raise StataError(f"invalid weight specification;\n{wtype}s not allowed with stage-level weight() options",
                         198)
    for kind in ("brrweight", "jkrweight", "sdrweight"):
        if replicate.get(kind):
            raise StataError(f"invalid weight specification;\noption {kind}() not allowed with stage-level weight() "
                             "options", 198)


def _stage_options(text: str):
    """A stage's ``body [, options]``: (body, options).  A further comma in a stage's options
    separates options as a space would -- _parse expand reads the options of each ``||`` piece
    itself, so the published `strata(v022) , singleunit(centered)` runs in Stata (inferred from
    the DHS Program's code and reports, not read in a manual)."""
    i = find_top(text, ",")
    if i < 0:
        body, _, _ = split_options(text)  # quotes checked as everywhere
        return body, ()
    body, rest = text[:i], text[i + 1:]
    options, start = [], 0
    while True:
        j = find_top(rest, ",", start)
        options.extend(read_options(rest[start:] if j < 0 else rest[start:j]))
        if j < 0:
            return body, tuple(options)
        start = j + 1


def _split_stages(text: str) -> list[str]:
    parts, start = [], 0
    while True:
        i = find_top(text, "||", start)
        if i < 0:
            parts.append(text[start:])
            return parts
        parts.append(text[start:i])
        start = i + 2


def _variable(ds, name: str, numeric: bool = False) -> str:
    if not name or len(name.split()) != 1:
        raise StataError("invalid syntax" if not name else "too many variables specified", 198 if not name else 103)
    full = ds.resolve(name)
    if numeric and ds.is_string(full):
        raise StataError("string variables not allowed in varlist;", 109)
    return full


def cmd_svydescribe(session, cmd) -> None:
    """svydescribe [if] [in]: stage 1's strata and units over the rows the design variables
    leave (svydescribe.ado's ByS without a varlist)."""
    from mlmcli.render.survey import render_description
    from mlmcli.results.survey import StratumRow, SurveyDescription
    from mlmcli.sample import mark_sample
    from mlmcli.survey.settings import read_settings

    if cmd.args.strip():
        raise StataError("svydescribe with a varlist is not supported by mlmcli", 198)
    opts = resolve_options(cmd.options, [OptionSpec("stage", takes_arg=True), OptionSpec("finalstage", 5),
                                         OptionSpec("generate", 3, takes_arg=True), OptionSpec("single")])
    if opts:
        raise StataError(f"svydescribe option {next(iter(opts))}() is not supported by mlmcli", 198)
    ds = session.data
    settings = read_settings(ds.chars)
    if settings is None:
        raise StataError("data not set up for svy, use svyset", 119)
    stage = settings.stages[0]
    touse = mark_sample(session, cmd, [])
    n_touse = int(touse.sum())
    design_vars = [v for v in (*settings.weight_vars, stage.strata, stage.fpc) if v]
    ok = touse & mark_sample(session, cmd, design_vars)
    if stage.su != "_n":
        ok &= mark_sample(session, type(cmd)(name=cmd.name, args=""), [stage.su], strok=True)
    rows = np.flatnonzero(ok)
    strata_vals = _values(ds, stage.strata, rows) if stage.strata else np.zeros(len(rows))
    su_vals = _values(ds, stage.su, rows) if stage.su != "_n" else rows
    strata_keys, strata_codes = np.unique(strata_vals, return_inverse=True)
    out_rows = []
    unit_sizes_all = []
    for h, key in enumerate(strata_keys):
        in_h = strata_codes == h
        _, sizes = np.unique(su_vals[in_h], return_counts=True)
        unit_sizes_all.append(sizes)
        label = _stratum_label(ds, stage.strata, key)
        out_rows.append(StratumRow(label, len(sizes), int(sizes.sum()), int(sizes.min()), int(sizes.max())))
    sizes = np.concatenate(unit_sizes_all) if unit_sizes_all else np.zeros(0, int)
    desc = SurveyDescription(settings, tuple(out_rows), len(out_rows), int(len(sizes)), int(len(rows)),
                             int(sizes.min()) if len(sizes) else 0, int(sizes.max()) if len(sizes) else 0,
                             n_touse - len(rows), n_touse)
    session.print(render_description(desc))
    session.set_r({"N": float(len(rows)), "N_units": float(len(sizes)), "N_strata": float(len(out_rows)),
                   "N_single": float(sum(r.units == 1 for r in out_rows)), "N_miss": 0.0, "N_munits": 0.0,
                   "N_mstrata": 0.0})


def _values(ds, name: str, rows: np.ndarray) -> np.ndarray:
    if ds.is_string(name):
        return np.asarray(ds.df[name].to_numpy(dtype=object)[rows]).astype(str)
    return ds.numeric(name)[rows]


def _stratum_label(ds, name, key) -> str:
    if name is None:
        return "1"
    if isinstance(key, str):
        return key.strip()
    from mlmcli.render.numfmt import format_number

    return format_number(float(key), "%8.0g").strip()

"""``stset``: declare the data to be survival-time (st) data, as Stata's stset/st_set.ado
do, and ``st`` (show the settings).

    stset timevar [failvar] [if] [fw|pw|iw=varname] [, failure(failvar[==numlist]) id(idvar)
          origin(time exp | varname==numlist [time exp]) enter(...) exit(failure | time exp |
          varname==numlist [time exp]) scale(#) noshow]
    stset                      (re-run the settings on the data now in memory)
    stset, clear
    st
(stsum and stdescribe: ``commands/statistics/survival_description.py``)

The analysis-time variables _st, _d, _t, _t0 (and _origin when the origin varies) come
from ``mlmcli.survival.settings``; the settings are kept in Stata's characteristics
_dta[st_*] (``_dta[_dta]`` = ``st``), so a .dta file saved after stset carries them.
stset's other options (time0(), if(), ever(), never(), after(), before(), origin(min),
mi) are refused.  The records keep their order (mlm's stset sorts nothing).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.storage_types import compressed_type
from mlmcli.syntax.options import OptionSpec, resolve_options

SPECS = [OptionSpec("failure", 1, takes_arg=True), OptionSpec("id", 2, takes_arg=True),
         OptionSpec("origin", 1, takes_arg=True), OptionSpec("enter", 2, takes_arg=True),
         OptionSpec("entry", 4, takes_arg=True), OptionSpec("exit", 2, takes_arg=True),
         OptionSpec("scale", 2, takes_arg=True), OptionSpec("noshow", 6), OptionSpec("show", 4),
         OptionSpec("clear", 5), OptionSpec("time0", 5, takes_arg=True), OptionSpec("ifopt", 2, takes_arg=True),
         OptionSpec("if", 2, takes_arg=True), OptionSpec("ever", 4, takes_arg=True),
         OptionSpec("never", 5, takes_arg=True), OptionSpec("after", 5, takes_arg=True),
         OptionSpec("before", 5, takes_arg=True), OptionSpec("mi", 2)]
REFUSED = ("time0", "ifopt", "if", "ever", "never", "after", "before", "mi")
ST_VARIABLES = ("_st", "_d", "_t", "_t0", "_origin")


def require_st(ds):
    """The settings of st data; ``data not st`` r(119) otherwise (st_is)."""
    from mlmcli.survival.settings import description_from_chars

    d = description_from_chars(ds.chars)
    if d is None:
        raise StataError("data not st", 119)
    return d


def _numlist_text(text: str, option: str) -> tuple[tuple[float, ...], str]:
    from mlmcli.commands.data.common import plain_number
    from mlmcli.syntax.numlist import numlist

    values = numlist(text) if text.strip() else []
    if not values:
        raise StataError(f"option {option}() invalid", 198)
    return tuple(values), " ".join(plain_number(v) for v in values)


def _failure(ds, text: str):
    m = re.fullmatch(r"\s*([^\W\d]\w*)\s*(==|=)?\s*(.*?)\s*", text)
    if not m or (m.group(2) is None and m.group(3)):
        raise StataError("option failure():  syntax error", 198)
    var = ds.resolve(m.group(1))
    if m.group(2) is None:
        return var, None, ""
    values, shown = _numlist_text(m.group(3), "failure")
    return var, values, shown


def _time_option(session, text: str, name: str):
    """origin()/enter()/exit(): (TimeOption, characteristic text)."""
    from mlmcli.commands.data.common import evaluate, plain_number
    from mlmcli.survival.settings import TimeOption

    ds = session.data
    text = text.strip()
    m = re.fullmatch(r"([^\W\d]\w*)\s*(==|=)\s*(.*)", text)
    event_var = event_values = None
    event_list: tuple[float, ...] = ()
    char = ""
    if m:
        event_var = ds.resolve(m.group(1))
        words = m.group(3).split()
        k = next((i for i, w in enumerate(words) if "time".startswith(w.lower()) and w), len(words))
        event_list, shown = _numlist_text(" ".join(words[:k]), name)
        event_values = ds.numeric(event_var)
        char = f"{event_var}=={shown}"
        text = " ".join(words[k:])
        if not text:
            return TimeOption(event_values=event_values, event_list=event_list), char
    words = text.split(None, 1)
    if len(words) == 1:  # st_set's Iop: one word is a variable (origin(min) is its own form)
        if name == "origin" and text == "min":
            raise StataError("option origin(min) not supported by mlmcli", 198)
        if not re.fullmatch(r"[^\W\d]\w*", text):
            raise StataError(f"option {name}() invalid", 198)
        exp = ds.resolve(text)
    elif words and "time".startswith(words[0].lower()):
        exp = words[1].strip()
        if re.fullmatch(r"[^\W\d]\w*", exp):
            exp = ds.resolve(exp)
    else:
        raise StataError(f"option {name}() invalid", 198)
    times = np.full(ds.nobs, np.nan) if exp == "." else np.asarray(evaluate(session, exp), float)
    if times.ndim == 0:
        times = np.full(ds.nobs, float(times))
    char = (char + " " if char else "") + f"time {exp}"
    return TimeOption(times=times, event_values=event_values, event_list=event_list), char


def _weights(ds, kind: str, exp: str, in_if: np.ndarray):
    """(kind, variable, ok rows): stset takes fweight, pweight, iweight of a variable.  st_set
    (6.2.10) checks them with ``mark goodwgt `ifif' [wt=wv]`` -- ``ifif`` stset's ``if exp``
    (not if(), applied later) --, so only the rows ``in_if`` are checked ([P] mark: rows outside
    if/in and rows whose weight is missing are not); the others are outside _st anyway."""
    if kind not in ("fweight", "pweight", "iweight"):
        raise StataError(f"{'aweight' if kind == 'weight' else kind}s not allowed", 101)
    exp = exp.strip()
    if not re.fullmatch(r"[^\W\d]\w*", exp):
        raise StataError(f"{exp} invalid name", 198)
    var = ds.resolve(exp)
    w = ds.numeric(var)
    checked = w[in_if & ~np.isnan(w)]
    if kind != "iweight" and np.any(checked < 0):
        raise StataError("negative weights encountered", 402)
    if kind == "fweight" and np.any(checked != np.trunc(checked)):
        raise StataError("may not use noninteger frequency weights", 401)
    return kind, var, ~np.isnan(w) & (w != 0)


def _summary(ds, records, desc, weight_kind: str, weight_var: str, exclusions: list):
    from mlmcli.results.survival import StSetSummary

    st = records.st == 1
    wv = ds.numeric(weight_var) if weight_kind == "fweight" else np.ones(ds.nobs)
    weighted = float(wv[st].sum()) if weight_kind == "fweight" else None
    d = np.where(st, records.d, 0.0) == 1
    subjects = after = None
    data = "single-record/single-failure data"
    if desc.id:
        ids = ds.numeric(desc.id)
        _, first = np.unique(ids[st], return_index=True)
        subjects = float(wv[st][first].sum())
        order = np.lexsort((records.t[st], ids[st]))
        sid, sd, sw = ids[st][order], d[st][order], wv[st][order]
        starts = np.r_[0, np.flatnonzero(sid[1:] != sid[:-1]) + 1]
        fails = np.add.reduceat(sd.astype(float), starts) if len(sid) else np.zeros(0)
        data = "single-failure-per-subject data" if np.all(fails <= 1) else "multiple-failure-per-subject data"
        if np.all(fails <= 1) and len(sid):
            last = np.r_[starts[1:] - 1, len(sid) - 1]
            # a failure on a record that is not the subject's last
            before_last = np.add.reduceat(sd.astype(float), starts) - sd[last]
            after = float(sw[last][before_last > 0].sum())
    return StSetSummary(
        description=desc, n_total=ds.nobs, exclusions=tuple(exclusions) if (~st).any() else (),
        remaining=int(st.sum()), weighted_total=weighted, subjects=subjects,
        failures=float(wv[d & st].sum()), failure_data=f"in {data}"[3:], at_risk_after_failure=after,
        time_at_risk=float((wv * (records.t - records.t0))[st].sum()),
        earliest_entry=float(np.min(records.t0[st])) if st.any() else np.nan,
        last_exit=float(np.max(records.t[st])) if st.any() else np.nan)


def _exclusion_rows(ex: dict, desc, exit_text: str) -> list:
    from mlmcli.results.survival import Exclusion

    def obs(n, text):
        return ("observation " if n == 1 else "observations ") + text
    rows = [Exclusion(ex["ifexp"], "ignored at outset because of -if <exp>-"),
            Exclusion(ex["id"], f"ignored because {desc.id} missing"),
            Exclusion(ex["bt"], f"event time missing ({desc.bt}>=.)", True),
            Exclusion(ex["order"], "multiple records at same instant ", True,
                      (f"({desc.bt}[_n-1]=={desc.bt})",)),
            Exclusion(ex["never"], "ignored because never entered"),
            Exclusion(ex["prior"], obs(ex["prior"], "end" if ex["prior"] != 1 else "ends") + " on or before enter()"),
            Exclusion(ex["t0t"], obs(ex["t0t"], "end" if ex["t0t"] != 1 else "ends") + " on or before origin()")]
    if ex["after"]:
        what = "(first) failure" if exit_text in ("", "failure") else "exit"
        rows.append(Exclusion(ex["after"], obs(ex["after"], "begins" if ex["after"] == 1 else "begin")
                              + f" on or after {what}"))
    rows.append(Exclusion(ex["wgt"], "weights invalid", True))
    return [r for r in rows if r.count]


def clear_st(ds) -> None:
    from mlmcli.survival.settings import ST_KEYS, is_st

    if is_st(ds.chars):
        drop = [v for v in ST_VARIABLES if v in ds.varnames]
        if drop:
            ds.drop_variables(drop)
    for key in ST_KEYS:
        ds.chars.pop(key, None)


def _settings_from_chars(ds) -> tuple[str, dict, str, str, str]:
    """stset typed alone: the command the characteristics record (st.ado's ShowCmd)."""
    c = ds.chars
    opts = {}
    if c.get("st_id"):
        opts["id"] = c["st_id"]
    if c.get("st_bd"):
        opts["failure"] = c["st_bd"] + (f"=={c['st_ev']}" if c.get("st_ev") else "")
    for key, name in (("st_enter", "enter"), ("st_exit", "exit"), ("st_orig", "origin")):
        if c.get(key):
            opts[name] = c[key]
    if c.get("st_bs", "1") != "1":
        opts["scale"] = c["st_bs"]
    if c.get("st_show"):
        opts["noshow"] = True
    return c.get("st_bt", ""), opts, c.get("st_ifexp", ""), c.get("st_wt", ""), c.get("st_wv", "")


def cmd_stset(session, cmd) -> None:
    """``stset timevar ...``; ``stset`` alone re-runs the settings; ``stset, clear``."""
    ds = session.data
    opts = resolve_options(cmd.options, SPECS)
    for name in REFUSED:
        if opts.get(name) is not None:
            raise StataError(f"option {name}() not supported by mlmcli" if name != "mi" else
                             "option mi not supported by mlmcli", 198)
    if cmd.in_range is not None:
        raise StataError("in not allowed", 101)
    words = cmd.args.split()
    if not words and cmd.weight is None and not cmd.if_exp:
        require_st(ds)
        if opts.get("clear"):
            clear_st(ds)
            return
        if opts.get("show") or opts.get("noshow"):
            if opts.get("show") and opts.get("noshow"):
                raise StataError("may not specify both show and nowshow", 198)
            if opts.get("show"):
                ds.chars.pop("st_show", None)
            else:
                ds.chars["st_show"] = "noshow"
            return
        if ds.chars.get("st_set"):  # streset.ado: e.g. stbase's "may not streset after running stbase"
            raise StataError(ds.chars["st_set"], 119)
        bt, opts, ifexp, wt, wv = _settings_from_chars(ds)
        return _stset(session, bt, opts, ifexp or None, (wt, wv) if wt else None, None)
    if not words:
        raise StataError("varlist required", 100)
    if opts.get("clear"):
        raise StataError("option clear not allowed", 198)
    weight = None
    if cmd.weight is not None:
        from mlmcli.parser import weight_kind
        weight = (weight_kind(cmd.weight), cmd.weight.exp)
    _stset(session, words, opts, cmd.if_exp, weight, cmd)


def _stset(session, words, opts: dict, if_exp: str | None, weight, cmd) -> None:
    from mlmcli.render.survival import render_stset

    ds = session.data
    settings = stset_records(session, words, opts, if_exp, weight)
    records, desc, chars_text, time_opts = settings.records, settings.desc, settings.chars_text, settings.time_opts
    wkind, wvar = settings.wkind, settings.wvar
    taken = [v for v in ST_VARIABLES if v in ds.varnames and not (ds.chars.get("_dta") == "st")]
    if taken:
        raise StataError(f"{taken[0]} already defined", 110)
    summary = _summary(ds, records, desc, wkind, wvar, _exclusion_rows(records.exclusions, desc,
                                                                          chars_text.get("exit", "")))
    # every check done: replace the st variables and characteristics
    clear_st(ds)
    st = records.st == 1
    ds.set_variable("_st", records.st.astype(float), "byte")
    ds.set_variable("_d", records.d, "byte")
    origin_values = records.origin[st]
    if time_opts["origin"].given and origin_values.size and not np.all(origin_values == origin_values[0]):
        ds.set_variable("_origin", records.origin, compressed_type(records.origin))
        ds.var_labels["_origin"] = "evaluated value of origin()"
        origin_char = "_origin"
    else:
        origin_char = _scale_text(float(origin_values[0])) if time_opts["origin"].given and origin_values.size else "0"
    ds.set_variable("_t", records.t, compressed_type(records.t))
    ds.set_variable("_t0", records.t0, compressed_type(records.t0))
    for var, label in (("_st", "1 if record is to be used; 0 otherwise"), ("_d", "1 if failure; 0 if censored"),
                       ("_t0", "analysis time when record begins"), ("_t", "analysis time when record ends")):
        ds.var_labels[var] = label
    _record_chars(ds, desc, chars_text, wkind, wvar, origin_char, opts)
    session.print(render_stset(summary))


def stset_records(session, words, opts: dict, if_exp: str | None, weight):
    """stset's computation on ``session.data`` without changing it: (records, desc, chars_text,
    time_opts, wkind, wvar); the errors stset raises.  Also each replicate's stset rerun of
    stcrreg's bootstrap renumbering (``stset_rerun``)."""
    from types import SimpleNamespace

    from mlmcli.commands.data.common import if_in_command, mark
    from mlmcli.results.survival import StDescription
    from mlmcli.survival.settings import TimeOption, st_records

    ds = session.data
    if isinstance(words, str):
        words = [words]
    if len(words) > 2:
        raise StataError("too many variables specified", 103)
    names = [ds.resolve(w) for w in words]
    for v in names:
        if ds.is_string(v):
            raise StataError("type mismatch", 109)
    bt = names[0]
    failure_text = opts.get("failure")
    if len(names) == 2:
        if failure_text is not None:
            raise StataError("may not mix old and new syntax\nmay not specify two variables and failure()", 198)
        failure_text = names[1]
    enter_text = opts.get("enter") if opts.get("enter") is not None else opts.get("entry")
    if opts.get("enter") is not None and opts.get("entry") is not None:
        raise StataError("invalid syntax", 198)
    id_var = ds.resolve(str(opts["id"]).strip()) if opts.get("id") is not None else ""
    if id_var and not failure_text:
        raise StataError("specifying option id() requires you also specify option failure()", 198)
    failvar, fail_values, fail_shown = _failure(ds, failure_text) if failure_text else ("", None, "")
    scale = 1.0
    if opts.get("scale") is not None:
        try:
            scale = float(str(opts["scale"]).strip())
        except ValueError:
            raise StataError("option scale() incorrectly specified", 198) from None
        if not scale > 0:
            raise StataError("scale() must be positive", 198)
    time_opts, chars_text = {}, {}
    for name, text in (("origin", opts.get("origin")), ("enter", enter_text), ("exit", opts.get("exit"))):
        if text is None or not str(text).strip() or str(text).strip() == ".":
            time_opts[name] = TimeOption()
            continue
        if name == "exit" and str(text).strip() == "failure":
            time_opts[name] = TimeOption()
            chars_text[name] = ""
            continue
        time_opts[name], chars_text[name] = _time_option(session, str(text), name)
    wkind, wvar = "", ""
    weight_ok = np.ones(ds.nobs, bool)
    in_if = mark(session, if_in_command("if " + if_exp)) if if_exp else np.ones(ds.nobs, bool)
    if weight is not None:
        wkind, wvar, weight_ok = _weights(ds, weight[0], weight[1], np.asarray(in_if, bool))
    ids = ds.numeric(id_var) if id_var and not ds.is_string(id_var) else None
    if id_var and ds.is_string(id_var):
        raise StataError("type mismatch", 109)
    if ids is not None and wkind:
        w = ds.numeric(wvar)
        ok = in_if & ~np.isnan(ids) & ~np.isnan(ds.numeric(bt))  # st_set's touse then: id and time present
        for g in np.unique(ids[ok]):
            vals = w[ok & (ids == g)]
            if not np.all((vals == vals[0]) | (np.isnan(vals) & np.isnan(vals[0]))):
                raise StataError(f"weight not constant within {id_var}", 459)
    records = st_records(ds.numeric(bt), in_if, weight_ok, ids,
                         ds.numeric(failvar) if failvar else None, fail_values, scale,
                         time_opts["origin"], time_opts["enter"], time_opts["exit"])
    desc = StDescription(bt=bt, failvar=failvar, events=fail_shown, id=id_var, enter=chars_text.get("enter", ""),
                         exit=chars_text.get("exit", ""), origin=chars_text.get("origin", ""),
                         scale=_scale_text(scale), weight=f"[{wkind}={wvar}]" if wkind else "",
                         ifexp=if_exp or "")
    return SimpleNamespace(records=records, desc=desc, chars_text=chars_text, time_opts=time_opts, wkind=wkind,
                           wvar=wvar)


def stset_rerun(session, data=None):
    """``rerun(positions, new, failure=None)``: stset as the characteristics record it (the
    command st_cmd rebuilds) run again on the rows ``positions`` of ``data`` (the session's by
    default) with ``new`` ({variable: values over those rows}: bootstrap's renumbering) in place,
    ``failure`` instead of stset's failure() when given -- stcrreg.ado's ParseCompete reruns stset
    in each replicate (survival/stcrreg_renumbering.py).  Returns the StRecords; the data stay
    as they are.  None when the characteristics hold a setting mlm's stset does not make (a .dta
    stset by Stata with time0(), if(), ever(), never(), after(), before()): not rerun here."""
    import copy

    ds = session.data if data is None else data
    if any(ds.chars.get(key) for key in ("st_bt0", "st_if", "st_ever", "st_never", "st_after", "st_befor")):
        return None
    bt, opts, ifexp, wt, wv = _settings_from_chars(ds)

    def rerun(positions, new: dict, failure: str | None = None):
        """``positions`` None: every row as it is (no copy: stset_records changes nothing)."""
        scratch = copy.copy(session)
        data = ds
        if positions is not None or new:
            data = ds.copy()
            data.take_rows(np.arange(ds.nobs) if positions is None else np.asarray(positions, int))
            for name, values in new.items():
                data.set_variable(name, np.asarray(values, float), "double")
        scratch.data = data
        typed = dict(opts) if failure is None else dict(opts, failure=failure)
        return stset_records(scratch, bt, typed, ifexp or None, (wt, wv) if wt else None).records

    return rerun


def _scale_text(value: float) -> str:
    from mlmcli.commands.data.common import plain_number
    return plain_number(value)


def _record_chars(ds, desc, chars_text: dict, wkind: str, wvar: str, origin_char: str, opts: dict) -> None:
    c = ds.chars
    c.update({"st_t": "_t", "st_t0": "_t0", "st_d": "_d", "st_ifexp": desc.ifexp, "st_wt": wkind, "st_wv": wvar,
              "st_bs": desc.scale, "st_s": desc.scale, "st_o": origin_char, "st_ev": desc.events,
              "st_bd": desc.failvar, "st_bt": desc.bt, "st_bt0": "", "st_id": desc.id, "st_ver": "2", "_dta": "st"})
    if wkind:
        c["st_w"] = f"[{wkind}={wvar}]"
    for name, key in (("enter", "st_enter"), ("exit", "st_exit"), ("origin", "st_orig")):
        if chars_text.get(name):
            c[key] = chars_text[name]
    if opts.get("noshow"):
        c["st_show"] = "noshow"
    for key in [k for k, v in c.items() if k.startswith("st_") and v == ""]:
        del c[key]


def cmd_st(session, cmd) -> None:
    """``st``: the settings (st.ado)."""
    from mlmcli.render.survival import render_st_description

    resolve_options(cmd.options, [OptionSpec("nocmd", 5), OptionSpec("notable", 5)])
    session.print(render_st_description(require_st(session.data)))


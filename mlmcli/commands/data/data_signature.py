"""``datasignature [set|confirm|report|clear]`` ([D] datasignature): a signature of the data
in Stata's form ``N:k(W):C1:C2`` and its record in the characteristics
``_dta[datasignature_si]``, ``_dta[datasignature_dt]`` and ``_dta[datasignature_vl]``, with
datasignature.ado's messages, return codes and report.

Stata's checksums (``_datasignature``) are built into its executable and not published, so
mlm computes its own (decided without evidence): N observations, k variables, W the CRC-32 of
the variable names modulo 100,000, C1 and C2 the CRC-32 and Adler-32 of the values, variable
by variable in order (numbers as 8-byte IEEE doubles, each missing value by its own code,
strings as UTF-8 ended by a NUL).  A signature mlm set carries ``_dta[datasignature_mlm]``;
one Stata set cannot be checked here, so confirm and report refuse it instead of calling the
data changed.  Signature files (``saving()``, ``using``) are Stata's Mata matrix files: refused.
``datasignature_dt`` holds the time in milliseconds since 01jan1960 (Stata writes %21x)."""
from __future__ import annotations

import datetime as _dt
import zlib

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.missing import code as missing_code
from mlmcli.render.numfmt import format_number
from mlmcli.syntax.options import OptionSpec, resolve_options

SI, DT, VL, MLM = "datasignature_si", "datasignature_dt", "datasignature_vl", "datasignature_mlm"
_EPOCH = _dt.datetime(1960, 1, 1)


def signature(ds, names, rows=None) -> str:
    """The signature of ``names`` on the observations ``rows`` (a mask; None: all)."""
    crc, adler = 0, 1
    for name in names:
        if ds.is_string(name):
            cells = ds.df[name].to_numpy(dtype=object)
            blob = b"".join(str(v).encode() + b"\0" for v in (cells if rows is None else cells[rows]))
        else:
            x = ds.numeric(name).astype(">f8")
            x = x if rows is None else x[rows]
            miss = np.isnan(x)
            if miss.any():  # one code for each of . .a ... .z, whatever the NaN's bits
                x = x.copy()
                x[miss] = np.asarray(missing_code(x[miss].astype(float)), dtype=float) - 1e9
            blob = x.tobytes()
        crc, adler = zlib.crc32(blob, crc), zlib.adler32(blob, adler)
    width = zlib.crc32(" ".join(names).encode()) % 100000
    nobs = ds.nobs if rows is None else int(np.count_nonzero(rows))
    return f"{nobs}:{len(names)}({width}):{crc}:{adler}"


def _stamp(ms: float) -> str:
    return format_number(ms, "%tcDDmonCCYY_HH:MM").strip()


def _now_ms() -> float:
    now = _dt.datetime.now().replace(microsecond=0)
    return (now - _EPOCH).total_seconds() * 1000.0


def _recorded(ds, *, what: str) -> tuple[str, float, list[str]]:
    sig = ds.chars.get(SI, "")
    if not sig:
        raise StataError("  no data signature was previously set", 459)
    if ds.chars.get(MLM) != "1":
        raise StataError(f"datasignature {what}: the signature was set by Stata, whose checksums mlmcli "
                         "cannot compute", 198)
    return sig, float(ds.chars.get(DT, "0") or 0), ds.chars.get(VL, "").split()


def _set(session, options) -> None:
    opts = resolve_options(options, [OptionSpec("saving", 3, True), OptionSpec("reset", 5),
                                     OptionSpec("forcedate", 9, True)])
    if "saving" in opts:
        raise StataError("option saving() is not supported by mlmcli (Stata's signature files)", 198)
    ds = session.data
    verb = "set"
    if ds.chars.get(SI):
        if not opts.get("reset"):
            raise StataError("data signature already set -- specify option reset", 110)
        verb = "reset"
    sig = signature(ds, ds.varnames)
    stamp = _now_ms()
    if "forcedate" in opts:
        from mlmcli.expr import evaluate_number

        stamp = evaluate_number(session, f'clock("{opts["forcedate"].strip()}", "DMYhms")')
        if stamp != stamp:
            raise StataError("forcedate() invalid", 198)
    ds.chars[SI], ds.chars[VL], ds.chars[DT], ds.chars[MLM] = sig, " ".join(ds.varnames), f"{stamp:.0f}", "1"
    ds.changed = True
    session.print(f"  {sig}       (data signature {verb})")
    session.set_r({"datasignature": sig})


def _clear(session, options) -> None:
    resolve_options(options, [])
    ds = session.data
    had = bool(ds.chars.get(SI))
    for key in (SI, DT, VL, MLM):
        ds.chars.pop(key, None)
    ds.changed = ds.changed or had
    session.print("  (data signature cleared)" if had else "  (no data signature was previously set)")


def _confirm(session, words, options) -> None:
    opts = resolve_options(options, [OptionSpec("strict", 6)])
    if words:
        raise StataError("datasignature confirm using is not supported by mlmcli (Stata's signature files)", 198)
    ds = session.data
    sig, stamp, names = _recorded(ds, what="confirm")
    added = len(ds.varnames) - len(names)
    unchanged = f"  (data unchanged since {_stamp(stamp)})"
    changed = StataError(f"  data have changed since {_stamp(stamp)}", 9)
    if added == 0 and signature(ds, ds.varnames) == sig:
        session.set_r({"k_added": 0.0, "datasignature": sig})
        session.print(unchanged)
        return
    if any(n not in ds.varnames for n in names):
        raise changed
    now = signature(ds, names)
    session.set_r({"k_added": float(added), "datasignature": now})
    if now != sig:
        raise changed
    if added == 0:  # the same values, the variables in another order
        text = f"  (data unchanged since {_stamp(stamp)}, but order of variables has changed)"
    else:
        text = (f"  (data unchanged since {_stamp(stamp)}, except {added} "
                f"{'variable has' if added == 1 else 'variables have'} been added)")
    if opts.get("strict"):
        raise StataError(text, 9)
    session.print(text)


def _report(session, words, options) -> None:
    resolve_options(options, [])
    if words:
        raise StataError("datasignature report using is not supported by mlmcli (Stata's signature files)", 198)
    ds = session.data
    sig, stamp, names = _recorded(ds, what="report")
    present = [n for n in names if n in ds.varnames]
    dropped = [n for n in names if n not in ds.varnames]
    added = [n for n in ds.varnames if n not in names]
    full = signature(ds, ds.varnames)
    current = signature(ds, names) if not dropped else ""
    changed = None if dropped else float(current != sig)
    reordered = float(present != [n for n in ds.varnames if n in names]) if not dropped and not added else None
    day = (_EPOCH + _dt.timedelta(milliseconds=stamp)).strftime("%A")
    lines = [f"  (data signature set on {day} {_stamp(stamp)})", "", "  Data signature summary", "",
             f"{'   1. previous data signature':<34}{sig}",
             f"{'   2. same data signature today':<34}" + ("(cannot be calculated)" if not current else
                                                   "(same as 1)" if current == sig else current),
             f"{'   3. full data signature today':<34}" + ("(same as 1)" if full == sig else
                                                  "(same as 2)" if full == current else full),
             "", "  Comparison of current data with previously set data signature", "",
             f"{'':6}variables{'':18}number  notes", f"{'':6}{'-' * 60}"]
    note, notes = 1, {}
    status = {0.0: "(values unchanged)", 1.0: "(values have changed)"}.get(changed, "(values may have changed)")
    row = f"{'':6}{'original # of variables':<24}{format_number(len(names), '%9.0gc')}  {status}"
    if reordered == 1.0:
        notes["reordered"], note = note, note + 1
        row += f"(note {notes['reordered']})"
    lines.append(row)
    for label, group in (("added", added), ("dropped", dropped)):
        row = f"{'':6}{label + ' variables':<24}{format_number(len(group), '%9.0gc')}"
        if group:
            notes[label], note = note, note + 1
            row += f"  ({notes[label]})"
        lines.append(row)
    lines += [f"{'':6}{'-' * 60}",
              f"{'':6}{'resulting # of variables':<24}{format_number(len(ds.varnames), '%9.0gc')}", ""]
    if reordered == 1.0:
        lines += [f"{'':6}({notes['reordered']})  variables reordered", ""]
    for label, group in (("added", added), ("dropped", dropped)):
        if group:
            word = label.capitalize()
            text = (f"{word} variable is {group[0]}" if len(group) == 1
                    else f"{word} variables are {' '.join(group)}")
            lines += [f"{'':6}({notes[label]})  {text}", ""]
    session.print("\n".join(lines))
    session.set_r({"origdatasignature": sig, "curdatasignature": current, "fulldatasignature": full,
                   "datetime": stamp, "k_original": float(len(names)), "k_added": float(len(added)),
                   "k_dropped": float(len(dropped)), "varsadded": " ".join(added),
                   "varsdropped": " ".join(dropped), "changed": np.nan if changed is None else changed,
                   "reordered": np.nan if reordered is None else reordered})


def cmd_datasignature(session, cmd) -> None:
    words = cmd.args.split()
    if not words:
        resolve_options(cmd.options, [])
        sig = signature(session.data, session.data.varnames)
        session.print(f"  {sig}")
        session.set_r({"datasignature": sig})
        return
    sub, rest = words[0], words[1:]
    if sub == "set" and not rest:
        _set(session, cmd.options)
    elif sub == "clear" and not rest:
        _clear(session, cmd.options)
    elif "confirm".startswith(sub) and len(sub) >= 4:
        _confirm(session, rest, cmd.options)
    elif "report".startswith(sub) and len(sub) >= 3:
        _report(session, rest, cmd.options)
    elif sub in ("set", "clear"):
        raise invalid_syntax()
    else:
        raise StataError("invalid datasignature subcommand", 198)


def cmd__datasignature(session, cmd) -> None:
    """``_datasignature [varlist] [if] [in] [, esample fast nodefault]`` ([P] _datasignature):
    the signature of those variables on those observations, displayed and left in
    r(datasignature).  ``fast`` names Stata's quicker, machine-dependent checksum; mlm's
    checksums are its own either way, so it changes nothing."""
    from mlmcli.sample import mark_sample

    opts = resolve_options(cmd.options, [OptionSpec("esample", 2), OptionSpec("fast", 4),
                                         OptionSpec("nodefault", 5), OptionSpec("nonames", 7)])
    if opts.get("nonames"):
        raise StataError("_datasignature, nonames is not implemented in mlm", 198)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    if cmd.args.strip():
        names = ds.expand_varlist(cmd.args)
    else:
        names = [] if opts.get("nodefault") else list(ds.varnames)
    rows = np.asarray(mark_sample(session, cmd, []), dtype=bool)
    if opts.get("esample"):
        from mlmcli.estimation.active import active

        rows &= np.asarray(active(session).sample_mask(ds), dtype=bool)
    sig = signature(ds, names, rows)
    session.print(f"  {sig}")
    session.set_r({"datasignature": sig})

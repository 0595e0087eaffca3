"""cnreg's, tobit's and intreg's ``vce(bootstrap [, bootstrap_options])`` and
``vce(jackknife [, jackknife_options])``.

cnreg.ado (Stata 13 runs it; version 1.5.0 read): its first lines are
``syntax ... [, VCE(passthru) * ]`` then ``_vce_parserun cnreg, mark(CENsored OFFset) : `0'``,
so any vce() is first offered to _vce_parserun, which runs bootstrap and jackknife as the prefix
on the command without its vce(): ``bootstrap, options: cnreg ...`` (``mark()``: rows with the
censoring or offset variable missing are out of the sample, as cnreg's own markout).  Then
``ereturn local cmdline "cnreg `0'"``.  So mlm runs the typed line as the prefix
(``replicate_prefix``, through the shared generic ``replicate_coefficients``: e(b) is cnreg's,
``model:`` slopes and ``sigma:_cons``) and keeps the typed cmdline.  ``robust`` beside it is
_vce_parserun's "options vce() and robust may not be combined" r(198); a cluster() beside it
becomes the prefix's (``replicate_prefix._with_command_parts``).

tobit.ado and intreg.ado (read in their Stata 15/16 versions; [R] tobit and [R] intreg of Stata 13
list vce(bootstrap|jackknife)) start the same way: ``_vce_parserun tobit, mark(OFFset)``,
``_vce_parserun intreg, numdepvars(2) alldepsmissing mark(Het OFFset CLuster)``, then
``ereturn local cmdline``; they run here the same way.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError

_VCE = re.compile(r"\bvce?\s*\(", re.IGNORECASE)


def replicate_kind(cmd) -> str | None:
    """bootstrap|jackknife when cnreg's vce() names one, else None."""
    from mlmcli.syntax.options import vce_option

    for option in cmd.options:
        low = option.name.lower()
        if len(low) >= 3 and "vce".startswith(low) and option.arg is not None:
            head = str(option.arg).split(",")[0].strip()
            if not head:
                return None
            kind, args = vce_option(head, (("bootstrap", 4), ("jackknife", 4)))
            if kind in ("bootstrap", "jackknife") and not args:
                return kind
    return None


def run_under_prefix(session, cmd, kind: str, name: str) -> None:
    """``name ..., vce(kind, options)`` as ``kind, options: name ...`` (module docstring)."""
    from mlmcli.runner import current_runner
    from mlmcli.textscan import find_top

    for option in cmd.options:
        low = option.name.lower()
        if low and "robust".startswith(low) and option.arg is None:
            raise StataError("options vce() and robust may not be combined", 198)
    text = (cmd.text or "").strip()
    start = find_top(text, ",")
    match = _VCE.search(text, start) if start >= 0 else None
    if match is None:
        raise StataError("invalid syntax", 198)
    depth, end = 0, match.end() - 1
    for end in range(match.end() - 1, len(text)):  # the vce(...) option's closing parenthesis
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        if depth == 0:
            break
    inside = text[match.end():end]
    command = re.sub(r"\s*,\s*$", "", re.sub(r"\s+", " ", text[:match.start()] + text[end + 1:])).strip()
    comma = find_top(inside, ",")
    settings = inside[comma + 1:].strip() if comma >= 0 else ""
    runner = current_runner(session)
    if runner is None:
        raise StataError(f"{name}: vce({kind}) cannot run here", 198)
    runner.execute(f"{kind}, {settings}: {command}" if settings else f"{kind}: {command}")  # replicate_prefix
    if session.e is not None and session.e.cmd == name:  # the ado: ereturn local cmdline "name `0'"
        session.e.macros["cmdline"] = text

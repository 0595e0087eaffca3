"""ppmlhdfe's options read and checked before the fit, in the ado's order (separation(),
d / d(newvar), absorb() with its savefe targets, vce()/cluster(), tolerance())."""
from __future__ import annotations

import re

from mlmcli.commands.estimation.absorb_factors import absorb_text, intercept_factor, slope_word
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, real_option, resolve_options, vce_option

TECHNIQUES = ("fe", "relu", "simplex", "mu")


def _separation(text) -> list[str]:
    """separation(): the ado's words ("ir" is relu; default/auto/on: fe simplex relu; all:
    every technique; no/off/none: none)."""
    typed = " ".join(str(text or "").split())
    words = typed.replace("ir", "relu", 1)
    if words in ("", "def", "default", "standard", "auto", "on"):
        return ["fe", "simplex", "relu"]
    if words in ("all", "full"):
        return list(TECHNIQUES)
    if words in ("no", "off", "none"):
        return []
    chosen = words.split()
    if any(w not in TECHNIQUES for w in chosen):
        raise StataError(f"separation({words}) not allowed", 198)
    return chosen


def _vce(ds, opts) -> tuple[str, str | None]:
    if opts.get("cluster"):
        if opts.get("vce"):
            raise StataError("only one of cluster() and vce() can be specified", 198)
        opts = {**opts, "vce": f"cluster {opts['cluster']}"}
    if not opts.get("vce"):
        return "robust", None
    kind, args = vce_option(opts["vce"], (("unadjusted", 2), ("ols", 3), ("robust", 1), ("cluster", 2)))
    if kind == "cluster":
        if len(args) != 1 or "#" in args[0]:
            raise StataError("multi-way clustering is not available in mlm's ppmlhdfe", 198)
        return "cluster", ds.resolve(args[0])
    if kind is None or args:
        raise StataError(f"vcetype '{opts['vce']}' not allowed", 198)
    return "robust", None  # the ado: unadjusted is robust (PPML uses robust SEs)


def _absorb(ds, text: str) -> tuple[list[list[str]], list[str], list[str | None]]:
    """(the variables of each absorbed factor, its name as e(absvars) shows it, its savefe
    target)."""
    from mlmcli.syntax.options import read_options

    save_all = replace = False
    if "," in text:
        text, rest = text.split(",", 1)
        sub = resolve_options(read_options(rest), [OptionSpec("savefe", 4), OptionSpec("keepsingletons", 5)])
        if sub.get("keepsingletons"):
            raise StataError("option keepsingletons not available in mlm's ppmlhdfe", 198)
        save_all = bool(sub.get("savefe"))
    factors, names, targets = [], [], []
    for word in re.sub(r"\s*=\s*", "=", absorb_text(text).strip()).split():
        target = None
        if "=" in word:
            target, word = word.split("=", 1)
        if slope_word(word):
            raise StataError(f"absorb({word}): slopes are not available in mlm's ppmlhdfe", 198)
        parts = intercept_factor(ds, word)
        factors.append(parts)
        names.append("#".join(parts))
        targets.append(target if target is not None else (f"__hdfe{len(factors)}__" if save_all else None))
    return factors, names, targets


def _d_name(ds, opts) -> tuple[str | None, bool]:
    """(the variable d saves, whether an existing one is dropped first: ``d`` alone is
    _ppmlhdfe_d, replaced -- the ado's ``cap drop`` --; d(newvar) must be new)."""
    from mlmcli.syntax.varlist import check_new_name

    if "d" not in opts:
        return None, False
    typed = opts["d"]
    if not isinstance(typed, str) or not typed.strip():
        return "_ppmlhdfe_d", True
    words = typed.split()
    if len(words) != 1:
        raise StataError("d() syntax error", 198)
    check_new_name(ds, words[0])
    return words[0], False


def parse_settings(session, cmd, opts) -> dict:
    """The options read and checked before the fit (the ado's order of messages)."""
    from mlmcli.commands.estimation.common import table_options

    ds = session.data
    table_options(opts)
    if opts.get("exposure") and opts.get("offset"):
        raise StataError("only one of offset() or exposure() can be specified", 198)
    guess = str(opts.get("guess") or "simple").strip()
    if guess not in ("simple", "default"):
        raise StataError(f"guess({guess}) is not available in mlm's ppmlhdfe (simple is)", 198)
    verbose = int(real_option(opts, "verbose", 0))
    if verbose > 0:
        raise StataError("verbose() above 0 is not available in mlm's ppmlhdfe", 198)
    separation = _separation(opts.get("separation"))
    d_name, d_replace = _d_name(ds, opts)
    if opts.get("noabsorb") and opts.get("absorb"):
        raise StataError("options absorb() and noabsorb are mutually exclusive", 198)
    factors, names, targets = _absorb(ds, str(opts.get("absorb") or ""))
    if any(targets) and len(factors) > 1:
        raise StataError("absorb(..., savefe) with more than one absorbed factor is not available in mlm's ppmlhdfe",
                         198)
    for target in targets:
        if target is not None and not re.fullmatch(r"__hdfe\d+__", target):
            from mlmcli.syntax.varlist import check_new_name
            check_new_name(ds, target)
    vce, clustvar = _vce(ds, opts)
    tolerance = real_option(opts, "tolerance", 1e-8)
    if not 0 < tolerance <= 1:
        raise StataError("tolerance must be a real between 0 and 1", 198)
    itol = real_option(opts, "itolerance", -1)
    return {"separation": separation, "d_name": d_name, "d_replace": d_replace, "factors": factors,
            "names": names, "targets": targets, "vce": vce, "clustvar": clustvar, "tolerance": tolerance,
            "itolerance": itol if itol > 0 else 1e-9, "maxiter": int(real_option(opts, "maxiterations", 10000)),
            "log": not opts.get("nolog") and verbose > -1, "quiet": verbose < 0,
            "level": confidence_level(opts, getattr(session, "level", 95.0))}

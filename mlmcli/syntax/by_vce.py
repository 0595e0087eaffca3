"""``by varlist: cmd ..., vce(bootstrap|jackknife)``: refused before any group runs, as Stata does.

The estimation ados are ``byable(onecall)`` and hand the whole line, by prefix included, to
``_vce_parserun`` (`` `BY' _vce_parserun cmd, ... : `0' ``: regress.ado, logit.ado, logistic.ado,
poisson.ado, nbreg.ado, ologit.ado, mlogit.ado, glm.ado, clogit.ado, tobit.ado, intreg.ado,
cnreg.ado 1.5.0, areg.ado 2.3.0, xtgee.ado 4.11.2, xtlogit.ado 2.16.0, xtpoisson.ado, streg.ado
6.4.9), which is byable(onecall) itself and, once the vce() is a
replication one (bootstrap, bstrap, jackknife, jacknife, jknife: its unabVCEtype),

    if `bycall' {
        di as err "the by prefix may not be used with vce(`uvcetype') option"
        exit 190
    }

``uvcetype`` is the vce()'s first word as typed (``vce(boot, reps(3))`` -> ``vce(boot)``).  Before
that check, ``robust`` beside the vce() (commands without ``robustok``: all but glm) is "options
vce() and robust may not be combined" r(198).  Any other vce() runs by group as usual.

xtreg.ado checks first and for any vce(): "the by prefix may not be used with vce() option" r(198).
"""
from __future__ import annotations

from mlmcli.errors import StataError

# the commands whose ado runs `BY' _vce_parserun (read: all but probit, cloglog, oprobit and
# xtprobit, whose ados were not found; they are logit.ado's, ologit.ado's and xtlogit.ado's
# siblings, taken the same)
PARSERUN_COMMANDS = frozenset({"regress", "logit", "logistic", "probit", "cloglog", "poisson", "nbreg", "ologit",
                               "oprobit", "mlogit", "glm", "clogit", "tobit", "intreg", "cnreg", "areg",
                               "xtgee", "xtlogit", "xtprobit", "xtpoisson", "streg"})
# _vce_parserun's robustok callers
_ROBUST_OK = frozenset({"glm"})


def _typed_vce(options) -> str | None:
    found = [o.arg for o in options if o.arg is not None and o.name == "vce"]  # vce(): typed in full
    return found[-1] if found else None


def _replication_word(vce: str) -> str | None:
    """vce()'s first word as typed when it names bootstrap or jackknife, else None."""
    import re

    from mlmcli.syntax.vce_synonyms import replication_kind

    word = re.split(r"[ ,]", vce.strip(), maxsplit=1)[0]
    return word if replication_kind(word) else None


def check_by_vce(name: str, options) -> None:
    """Stata's error for ``by: name ..., vce(...)`` (module docstring); nothing when it runs."""
    vce = _typed_vce(options)
    if vce is None:
        return
    if name == "xtreg":
        raise StataError("the by prefix may not be used with vce() option", 198)
    if name not in PARSERUN_COMMANDS:
        return
    word = _replication_word(vce)
    if word is None:
        return
    robust = any(o.arg is None and 1 <= len(o.name) <= 6 and "robust".startswith(o.name) for o in options)
    if robust and name not in _ROBUST_OK:
        raise StataError("options vce() and robust may not be combined", 198)
    raise StataError(f"the by prefix may not be used with vce({word}) option", 190)

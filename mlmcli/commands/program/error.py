"""``error exp``: display the generic message of a return code and exit with it ([P] error).

Used after a ``capture`` block to re-raise what went wrong (``error `rc'``).  ``error 0`` does
nothing; a code outside 1-32767, or an expression that is not a number, is an error in using
``error`` itself: rc 197.  Codes without a generic message show only ``r(#);``.
"""
from __future__ import annotations

from mlmcli.errors import StataError

# The most generic form of each message, as [P] error lists them.
GENERIC_MESSAGES: dict[int, str] = {
    1: "--Break--",
    4: "no; dataset in memory has changed since last saved",
    5: "not sorted",
    7: "__ found where __ expected",
    9: "assertion is false",
    100: "varlist required",
    101: "varlist not allowed",
    102: "too few variables specified",
    103: "too many variables specified",
    104: "nothing to input",
    106: "variables are of different types",
    107: "not possible with numeric variable",
    108: "not possible with string variable",
    109: "type mismatch",
    110: "__ already defined",
    111: "__ not found",
    119: "statement out of context",
    120: "invalid %format",
    130: "expression too long",
    132: "too many '(' or '['",
    133: "unknown function ()",
    134: "too many values",
    135: "not possible with weighted data",
    198: "invalid syntax",
    199: "unrecognized command",
    301: "last estimates not found",
    302: "last test not found",
    303: "equation not found",
    321: "requested action not valid after most recent estimation command",
    322: "something that should be true of your estimation results is not",
    401: "may not use noninteger frequency weights",
    402: "negative weights encountered",
    404: "not possible with pweighted data",
    409: "no variance",
    411: "nonpositive values encountered",
    416: "missing values encountered",
    430: "convergence not achieved",
    459: "something that should be true of your data is not",
    498: "various messages",
    503: "conformability error",
    504: "matrix has missing values",
    505: "matrix not symmetric",
    506: "matrix not positive definite",
    601: "file not found",
    602: "file already exists",
    603: "file could not be opened",
    604: "log file already open",
    606: "no log file open",
    610: "file not Stata format",
    612: "unexpected end of file",
    621: "already preserved",
    622: "nothing to restore",
    1000: "system limit exceeded",
    1400: "numerical overflow",
    2000: "no observations",
    2001: "insufficient observations",
}


def cmd_error(session, cmd) -> None:
    """``error exp``: StataError(generic message of rc, rc); nothing when exp is 0."""
    from mlmcli.expr import evaluate_scalar

    text = cmd.args.strip()
    if not text:
        raise StataError("invalid syntax", 198)
    try:
        value = evaluate_scalar(session, text)
    except StataError:
        raise StataError("", 197) from None
    if isinstance(value, str) or value != value or value != int(value) or not 0 <= value <= 32767:
        raise StataError("", 197)
    rc = int(value)
    if rc == 0:
        return
    raise StataError(GENERIC_MESSAGES.get(rc, ""), rc)

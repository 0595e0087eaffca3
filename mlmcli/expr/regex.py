"""The regular expressions of ``regexm()``, ``regexr()`` and ``regexs()``.

Matched with RE2 (``google-re2``), whose automaton runs in time linear in the text for
every pattern: ``regexm(s, "(a+)+b")`` on a long run of ``a`` used to backtrack for ever
with Python's ``re`` (issue 18).  RE2 has Stata's regular-expression syntax (``.``
``*`` ``+`` ``?`` ``[...]`` ``^`` ``$`` ``|`` ``( )``) and more, but no back-references,
which Stata 13 does not have either.  Without RE2 installed, Python's ``re`` is used and
patterns that can backtrack exponentially (a repeated group that itself repeats or
alternates, as in ``(a+)+`` or ``(a|aa)*``) are refused.
"""
from __future__ import annotations

import re
from functools import lru_cache

from mlmcli.errors import StataError

TOO_COMPLEX = "regular expression is too complex"


@lru_cache(maxsize=256)
def compile_pattern(pattern: str):
    """A compiled pattern with ``search(text)`` (match objects with ``group(k)`` and
    ``re.groups``) and ``sub(replacement, text, count)``; r(198) for a bad pattern."""
    try:
        import re2
    except ImportError:
        return _python_pattern(pattern)
    options = re2.Options()
    options.log_errors = False  # RE2 would print its own message on stderr
    try:
        return re2.compile(pattern, options)
    except re2.error:
        raise StataError(TOO_COMPLEX, 198) from None


def replace_first(pattern: str, text: str, replacement: str) -> str:
    """``regexr``: the first match replaced by ``replacement`` taken literally."""
    return compile_pattern(pattern).sub(lambda _match: replacement, text, count=1)


def match_each(ctx, s, rx, slot: str):
    """1/0 for each text of ``s`` that ``rx`` matches; the last match is kept on the session
    under ``slot`` for the subexpression function (regexs(), ustrregexs())."""
    from mlmcli.expr.side_effects import before_set
    from mlmcli.lazy_module import is_ndarray

    before_set(ctx.session, slot)  # a failing command leaves regexs() as it was
    if not is_ndarray(s):
        m = rx.search(s)
        setattr(ctx.session, slot, m)
        return 1.0 if m else 0.0
    import numpy as np

    matches = [rx.search(v) for v in s]
    setattr(ctx.session, slot, matches[-1] if matches else None)
    return np.array([1.0 if m else 0.0 for m in matches])


# a group holding a quantifier or an alternation, itself quantified: (a+)+  (a|b)*  (x{2})+
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*(?:[*+?|}])(?:[^()\\]|\\.)*\)\s*(?:[*+?]|\{\d)")


def _python_pattern(pattern: str):
    if _NESTED_REPEAT.search(pattern) or re.search(r"\\[1-9]", pattern):
        raise StataError(TOO_COMPLEX, 198)
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        raise StataError(TOO_COMPLEX, 198) from None

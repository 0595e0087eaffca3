"""``sampsi``'s repeated measures (pre(), post(), r0(), r1(), r01(), method()), as sampsi.ado:
the sd is shrunk by each method's factor (POST: follow-up means; CHANGE: change from baseline;
ANCOVA: baseline-adjusted) and the ordinary two-means (one-mean) computation is run on it.

    factor^2  POST    (1 + (post - 1) r1) / post
              CHANGE  POST's + (1 + (pre - 1) r0) / pre - 2 r01
              ANCOVA  POST's - r01^2 pre / (1 + (pre - 1) r0)
"""
from __future__ import annotations

import math

from mlmcli.errors import StataError

_NOT_GIVEN = -1.0


def repeated_settings(opts: dict, number) -> dict | None:
    """pre/post/r0/r1/r01/method checked as sampsi.ado checks them; None without them."""
    given = [k for k in ("pre", "post", "r0", "r1", "r01", "method") if k in opts]
    if not given:
        return None
    method = str(opts.get("method", "")).strip().lower()
    pre = number(opts.get("pre", 0), "pre")
    post = number(opts.get("post", 1), "post")
    r0, r1, r01 = (number(opts[k], k) if k in opts else _NOT_GIVEN for k in ("r0", "r1", "r01"))
    has_sd1 = "sd1" in opts
    if method and not has_sd1:
        raise StataError("method() cannot be used without option sd1()", 198)
    if (pre != 0 or post != 1) and not has_sd1:
        raise StataError("options pre() and post() cannot be used without option sd1()", 198)
    if r1 != _NOT_GIVEN:
        r0 = r1 if r0 == _NOT_GIVEN else r0
        r01 = r1 if r01 == _NOT_GIVEN else r01
    for value, name in ((pre, "pre"), (post, "post")):
        if value != int(value) or value < 0:
            raise StataError(f"{name}() must be a count", 198)
    if post > 1 and r1 == _NOT_GIVEN:
        raise StataError("Correlation r1 is needed with more than one post-trial (follow-up) measurement", 198)
    if pre != 0 and r01 == _NOT_GIVEN:
        raise StataError("Correlation r01 is needed with pre-trial (baseline) measurements", 198)
    if pre > 1 and r0 == _NOT_GIVEN:
        raise StataError("Correlation r0 is needed with more than one pre-trial (baseline) measurement", 198)
    for value, name in ((r1, "r1"), (r0, "r0"), (r01, "r01")):
        if value >= 1 or value < -1:
            raise StataError(f"Correlation {name} must be between -1 and 1", 198)
    if method not in ("", "post", "change", "ancova", "all"):
        raise StataError("method() invalid", 198)
    if method in ("change", "ancova") and pre == 0:
        raise StataError(f"method({method}) may only be used with baseline measurements", 198)
    if not method and (pre != 0 or post != 1):
        method = "all"
    if not method:
        return None
    return {"method": method, "pre": int(pre), "post": int(post), "r0": r0, "r1": r1, "r01": r01}


def method_factors(s: dict) -> list[tuple[str, float]]:
    """(METHOD, sd factor) in sampsi.ado's order; r(198) when a variance is not positive."""
    pre, post, r0, r1, r01 = s["pre"], s["post"], s["r0"], s["r1"], s["r01"]
    follow = (1 + (post - 1) * r1) / post
    out = []
    if s["method"] in ("post", "all"):
        out.append(("POST", follow, "increase value in r1()"))
    if s["method"] == "change" or (s["method"] == "all" and pre >= 1):
        out.append(("CHANGE", follow + (1 + (pre - 1) * r0) / pre - 2 * r01, "adjust values in r1(), r01(), or r0()"))
    if s["method"] == "ancova" or (s["method"] == "all" and pre >= 1):
        out.append(("ANCOVA", follow - r01 ** 2 * pre / (1 + (pre - 1) * r0), "adjust values in r1(), r01(), or r0()"))
    factors = []
    for name, variance, advice in out:
        if variance <= 0:
            raise StataError(f"variance of treatment difference must be positive;\n{advice}", 198)
        factors.append((name, math.sqrt(variance)))
    return factors

"""“Did you mean …?”: the closest valid names to a mistyped one, and the Stata commands mlm
does not implement (so a user learns that ``sem`` is missing, not mistyped).

The hint is a second line under Stata's own message; the return code stays Stata's."""
from __future__ import annotations

import difflib

# Stata 13 commands users meet in multilevel do-files that mlm does not implement (checked
# against the registry at run time: a command that lands later drops out of this list).
STATA_COMMANDS_NOT_IMPLEMENTED = frozenset("""
sem gsem irt mim svy svyset stset stcox streg stcurve sts ivregress ivreg2 xtabond xtdpd xtivreg
xtgls xtpcse xtfrontier xtnbreg xtcloglog xtintreg xttobit xtprobit xtologit xtoprobit tobit intreg
truncreg heckman heckprob biprobit mprobit mlogit asclogit nlogit zip zinb tpoisson tnbreg gmm nl
arima arch var svar vec dfuller pperron newey prais sureg reg3 mvreg manova factor pca rotate cluster
canon discrim mds ca mca teffects stteffects bayesmh power sampsi ci cii proportion ratio total
permute simulate nestreg stepwise fracreg betareg hetprob scobit glogit blogit
qreg sqreg iqreg bsqreg rreg gllamm runmlwin mixlogit xtmelogit xtmepoisson meqrlogit meqrpoisson
graph7 gr7
""".split())


def closest(word: str, candidates, cutoff: float = 0.75) -> str | None:
    """The candidate most like ``word`` (difflib's ratio at least ``cutoff``), or None.
    Single letters and exact hits get no suggestion."""
    if len(word) < 2:
        return None
    pool = [c for c in dict.fromkeys(candidates) if c != word]
    hits = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return hits[0] if hits else None


def hint(word: str, candidates, template: str = "(did you mean {}?)") -> str:
    """The hint line for ``word`` ("" when nothing is close)."""
    best = closest(word, candidates)
    return "\n" + template.format(best) if best else ""

"""Stata's random-number functions ([D] functions, "Random-number functions").

One generator per session (numpy's PCG64 ``Generator``), seeded by ``set seed #``: the same
seed gives the same numbers in mlm, run after run and on every machine.  They are NOT
Stata's numbers: Stata 13 draws from the KISS generator (Stata 14 and later from the 64-bit
Mersenne Twister) with its own transformations, which are not published in a form mlm can
reproduce, so a simulation gives the same distribution as in Stata but other draws.

Each function draws one number per observation (one in ``display``); a parameter outside
its domain gives missing for that observation, as in Stata:

==========================  =====================================================
runiform()                  uniform on [0, 1)        runiform(a, b): on [a, b)
runiformint(a, b)           integers a, a+1, ..., b (a, b integers)
rnormal([m[, s]])           normal, mean m, sd s >= 0
rbinomial(n, p)             binomial, n >= 1 integer, 0 <= p <= 1
rpoisson(m)                 Poisson, m > 0
rchi2(df)                   chi-squared, df > 0
rt(df)                      Student's t, df > 0
rgamma(a, b)                gamma, shape a > 0, scale b > 0
rbeta(a, b)                 beta, a > 0, b > 0
rexponential(b)             exponential, mean b > 0
rnbinomial(n, p)            negative binomial (failures before n successes), n > 0, 0 < p <= 1
rhypergeometric(N, K, n)    hypergeometric: successes in n draws from N with K successes
rlogistic([[m,] s])         logistic, mean m (0), scale s > 0 (1)
rweibull(a, b[, g])         Weibull, shape a > 0, scale b > 0, location g
rlognormal(m, s)            exp(normal(m, s))
==========================  =====================================================
"""
from __future__ import annotations

from mlmcli.lazy_module import lazy_module

from mlmcli.expr.side_effects import before_draw
from mlmcli.expr.values import as_num, clean

np = lazy_module("numpy", globals(), "np")  # imported when an array is first needed


def generator(session) -> np.random.Generator:
    """The session's generator; ``set seed`` drops it so the next draw restarts the stream.
    A command that fails after drawing puts the stream back (side_effects.held_side_effects)."""
    before_draw(session)
    rng = getattr(session, "_rng", None)
    if rng is None or getattr(session, "_rng_seed", None) != session.seed:
        rng = np.random.default_rng(session.seed)
        session._rng = rng
        session._rng_seed = session.seed
    return rng


def restart(session, seed: int) -> None:
    """``set seed #`` (and ``seed()`` options): the next draw starts the stream of ``seed`` again.
    [R] set seed: # is between 0 and 2^31 - 1 (numpy refuses a negative seed at the first draw)."""
    if not 0 <= seed <= 2_147_483_647:
        from mlmcli.errors import StataError
        raise StataError("seed must be between 0 and 2,147,483,647", 198)
    session.seed = seed
    session._rng = None


def _draw(valid, sample):
    """A random function of numeric parameters: ``valid(*params)`` says where they are in the
    domain, ``sample(rng, size, *params)`` draws there (size = how many draws)."""
    def impl(ctx, *args):
        nums = [np.asarray(as_num(a), dtype=float) for a in args]
        rng = generator(ctx.session)
        n = 1 if ctx.scalar else ctx.nobs
        params = [np.broadcast_to(p, (n,)) for p in nums]
        with np.errstate(all="ignore"):
            ok = np.ones(n, dtype=bool) if not params else np.asarray(valid(*params), dtype=bool) & np.all(
                [np.isfinite(p) for p in params], axis=0)
        out = np.full(n, np.nan)
        if ok.any():
            out[ok] = sample(rng, int(ok.sum()), *(p[ok] for p in params))
        if ctx.scalar:
            return clean(float(out[0]))
        return clean(out)
    return impl


def _not_one_argument(impl):
    """``runiform()`` or ``runiform(a, b)``: one argument is invalid syntax."""
    def checked(ctx, *args):
        if len(args) == 1:
            from mlmcli.errors import invalid_syntax
            raise invalid_syntax()
        return impl(ctx, *args)
    return checked


def _integers(*xs):
    return np.all([x == np.trunc(x) for x in xs], axis=0)


FUNCTIONS: dict[str, tuple[int, int, object]] = {
    "runiform": (0, 2, _not_one_argument(_draw(
        lambda *ab: (ab[0] < ab[1]) if ab else True,
        lambda rng, k, *ab: (ab[0] + (ab[1] - ab[0]) * rng.random(k)) if ab else rng.random(k)))),
    "uniform": (0, 0, _draw(lambda: True, lambda rng, k: rng.random(k))),
    "runiformint": (2, 2, _draw(lambda a, b: _integers(a, b) & (a <= b),
                                lambda rng, k, a, b: rng.integers(a.astype(np.int64), b.astype(np.int64),
                                                                  endpoint=True).astype(float))),
    "rnormal": (0, 2, _draw(lambda *ms: ms[1] >= 0 if len(ms) == 2 else True,
                            lambda rng, k, *ms: rng.normal(ms[0] if ms else 0.0, ms[1] if len(ms) == 2 else 1.0,
                                                           size=k))),
    "rbinomial": (2, 2, _draw(lambda n, p: _integers(n) & (n >= 1) & (p >= 0) & (p <= 1),
                              lambda rng, k, n, p: rng.binomial(n.astype(np.int64), p).astype(float))),
    "rpoisson": (1, 1, _draw(lambda m: m > 0, lambda rng, k, m: rng.poisson(m).astype(float))),
    "rchi2": (1, 1, _draw(lambda df: df > 0, lambda rng, k, df: rng.chisquare(df))),
    "rt": (1, 1, _draw(lambda df: df > 0, lambda rng, k, df: rng.standard_t(df))),
    "rgamma": (2, 2, _draw(lambda a, b: (a > 0) & (b > 0), lambda rng, k, a, b: rng.gamma(a, b))),
    "rbeta": (2, 2, _draw(lambda a, b: (a > 0) & (b > 0), lambda rng, k, a, b: rng.beta(a, b))),
    "rexponential": (1, 1, _draw(lambda b: b > 0, lambda rng, k, b: rng.exponential(b))),
    "rnbinomial": (2, 2, _draw(lambda n, p: (n > 0) & (p > 0) & (p <= 1),
                               lambda rng, k, n, p: rng.negative_binomial(n, p).astype(float))),
    "rhypergeometric": (3, 3, _draw(lambda big_n, big_k, n: _integers(big_n, big_k, n) & (big_n >= 1)
                                    & (big_k >= 0) & (big_k <= big_n) & (n >= 1) & (n <= big_n),
                                    lambda rng, k, big_n, big_k, n: rng.hypergeometric(
                                        big_k.astype(np.int64), (big_n - big_k).astype(np.int64),
                                        n.astype(np.int64)).astype(float))),
    "rlogistic": (0, 2, _draw(lambda *ms: ms[-1] > 0 if ms else True,
                              lambda rng, k, *ms: rng.logistic(ms[0] if len(ms) == 2 else 0.0,
                                                               ms[-1] if ms else 1.0, size=k))),
    "rweibull": (2, 3, _draw(lambda a, b, *g: (a > 0) & (b > 0),
                             lambda rng, k, a, b, *g: b * rng.weibull(a) + (g[0] if g else 0.0))),
    "rlognormal": (2, 2, _draw(lambda m, s: s >= 0, lambda rng, k, m, s: rng.lognormal(m, s))),
    "rigaussian": (2, 2, _draw(lambda m, a: (m > 0) & (a > 0), lambda rng, k, m, a: rng.wald(m, a))),
    # Weibull PH: S(x) = exp(-b (x - g)^a), so x = g + (E/b)^(1/a) with E standard exponential
    "rweibullph": (2, 3, _draw(lambda a, b, *g: (a > 0) & (b > 0),
                               lambda rng, k, a, b, *g: (rng.standard_exponential(k) / b) ** (1 / a) + (g[0] if g else 0.0))),
    "rcauchy": (2, 2, _draw(lambda a, b: b > 0, lambda rng, k, a, b: a + b * rng.standard_cauchy(k))),
}

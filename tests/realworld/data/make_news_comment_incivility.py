"""Look-alike of a news-site comment file (one row per comment): the comment id ``comment``,
the article ``a`` and the commenter ``id`` (users comment on several articles, so ``id`` is
not nested in ``a``), whether the comment is uncivil ``incivility``, whether the user's
previous comment was uncivil ``last_uncivil`` and whether this comment follows an uncivil one
in the thread ``uncivil_after_last``, the down- and up-votes of the user's previous comment
``last_down`` ``last_up`` (0-100, some missing: a user's first comment), the votes this
comment got ``down`` ``up`` (over-dispersed counts), the days since the previous comment
``gap`` and its rank in the thread ``r``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=11761)
    n = 2400
    d.rows(n)
    d.put("comment", np.arange(1, n + 1), "long")
    article = d.rng.integers(1, 121, size=n)
    user = np.minimum(d.rng.geometric(1 / 160, size=n), 600)
    d.put("a", article, "int")
    d.put("id", user, "int")
    last_unc = d.binary(0.25).astype(float)
    after = d.binary(0.3)
    last_down = np.round(d.rng.gamma(1.2, 8.0, n))
    last_up = np.round(d.rng.gamma(1.5, 10.0, n))
    first = d.rng.random(n) < 0.08
    last_unc[first] = np.nan
    last_down = np.where(first, np.nan, np.minimum(last_down, 100))
    last_up = np.where(first, np.nan, np.minimum(last_up, 100))
    gap = np.round(d.rng.exponential(3.0, n), 2)
    rank = d.rng.integers(1, 60, size=n)
    eta = (-1.6 + 0.9 * np.nan_to_num(last_unc) + 0.5 * after + 0.01 * np.nan_to_num(last_down)
           - 0.004 * np.nan_to_num(last_up) + d.effect(article, 0.4) + d.effect(user, 0.8))
    unc = d.bernoulli_logit(eta)
    d.put("incivility", unc, "byte")
    d.put("last_uncivil", last_unc, "byte")
    d.put("uncivil_after_last", after, "byte")
    d.put("last_down", last_down, "int")
    d.put("last_up", last_up, "int")
    noise = d.rng.gamma(2.0, 0.5, n)
    d.put("down", d.rng.poisson(noise * np.exp(0.8 + 0.5 * unc + d.effect(article, 0.3))), "int")
    d.put("up", d.rng.poisson(noise * np.exp(1.4 - 0.3 * unc + d.effect(user, 0.4))), "int")
    d.put("gap", gap, "float")
    d.put("r", rank, "int")
    return d.dataset()

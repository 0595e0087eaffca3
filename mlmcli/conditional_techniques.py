"""ml's ``technique()`` for the conditional likelihood (clogit): ``nr``, ``bhhh``, ``dfp``,
``bfgs``, alone or in turns (``technique(bhhh 5 nr 10)``; a technique without a count takes 5
iterations; the turns repeat until convergence), as [R] maximize describes them.

Each iteration moves b along d = A^-1 g, A the technique's matrix: nr the negative Hessian
-H; bhhh the outer product of the groups' scores sum_g w_g s_g s_g'; dfp and bfgs a quasi-Newton
approximation to -H, started (and restarted at each switch to them) from -H at the current b and
updated from each step s = b_new - b and gradient change q = g_new - g:

    bfgs  A <- A - A s s'A / (s'A s) + q q' / (q's)
    dfp   A^-1 <- A^-1 + s s' / (q's) - A^-1 q q' A^-1 / (q'A^-1 q)

(an update with q's <= 0 is skipped).  The step is halved until the log likelihood does not
fall; convergence is ml's: g'A^-1 g below nrtolerance and the relative change of the log
likelihood (or of b) below its tolerance.  The log records ``(setting technique to t)`` before
iteration 0 and ``(switching technique to t)`` where the turn changes, when several techniques
are given.  The iterates are mlm's: ml's own line search and quasi-Newton start are not
documented to the digit, so a log other than nr's is not Stata's to the last digit; the
optimum (the likelihood is concave) is, to ml's tolerance.
"""
from __future__ import annotations

import numpy as np

from mlmcli.conditional_likelihood import line_search, ml_converged
from mlmcli.errors import StataError

TECHNIQUES = ("nr", "bhhh", "dfp", "bfgs")


def technique_schedule(typed) -> list[tuple[str, int]]:
    """``bhhh 5 nr 10`` -> [("bhhh", 5), ("nr", 10)]; a count follows its technique (default 5);
    a word that is neither is ml's "option technique() invalid" r(198)."""
    words = str(typed or "").lower().split()
    out: list[tuple[str, int]] = []
    for word in words:
        if word in TECHNIQUES:
            out.append((word, 5))
        elif word.isdecimal() and out and int(word) > 0:
            out[-1] = (out[-1][0], int(word))
        else:
            raise StataError(f"option technique() invalid: {str(typed).strip()}", 198)
    return out or [("nr", 5)]


def maximise_techniques(derivatives, scores, X, y, groups, schedule, max_iter: int = 300, start=None,
                        tolerances=None, on_iteration=None):
    """(b, ll, H, log [(ll, note[, line before])], converged) under ``schedule``
    (``technique_schedule``); ``scores(X, y, groups, b)``: the groups' weighted score outer
    product sum_g w_g s_g s_g' (bhhh's matrix).  ``tolerances``: ml's (tolerance, ltolerance,
    nrtolerance), by default (1e-6, 1e-7, 1e-5).  ``on_iteration(i, ll)``: each log line as it
    is reached."""
    tolerances = tolerances if tolerances is not None else (1e-6, 1e-7, 1e-5)
    b = np.zeros(X.shape[1]) if start is None else np.asarray(start, float)
    ll, g, H = derivatives(X, y, groups, b)
    turns = [(t, n) for t, n in schedule]
    several = len(turns) > 1
    log: list[tuple] = []
    previous = b_previous = None
    turn, used, A = 0, 0, None
    for it in range(max_iter + 1):
        technique = turns[turn][0]
        if A is None:
            A = _matrix(technique, scores, X, y, groups, b, H)
        try:
            step = np.linalg.solve(A, g)
        except np.linalg.LinAlgError:
            step = g / np.maximum(np.abs(np.diag(A)), 1e-8)
        entry = (ll, "")
        if several and it == 0:
            entry = (ll, "", f"(setting technique to {technique})")
        elif several and used == 0 and it > 0:
            entry = (ll, "", f"(switching technique to {technique})")
        log.append(entry)
        if on_iteration is not None:
            on_iteration(len(log) - 1, ll)
        crit = float(g @ step)
        if ml_converged(crit, ll, previous, b, b_previous, tolerances):
            return b, ll, H, log, True
        if it == max_iter:
            break
        moved = line_search(derivatives, X, y, groups, b, step, ll)
        if moved is None:
            return b, ll, H, log, False
        previous, b_previous = ll, b
        s, q = moved[0] - b, g - moved[2]  # A s = q is the secant condition of A ~ -H
        b, ll, g, H = moved
        used += 1
        if used >= turns[turn][1] and several:
            turn, used, A = (turn + 1) % len(turns), 0, None
        elif technique in ("dfp", "bfgs"):
            A = _quasi_newton(technique, A, s, q)
        else:
            A = None
    return b, ll, H, log, False


def _matrix(technique: str, scores, X, y, groups, b, H) -> np.ndarray:
    if technique == "bhhh":
        return scores(X, y, groups, b)
    return -H


def _quasi_newton(technique: str, A: np.ndarray, s: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The update of A (approximating -H) from the step s and q = g_old - g_new (= -H s)."""
    qs = float(q @ s)
    if qs <= 1e-300:
        return A
    if technique == "bfgs":
        As = A @ s
        return A - np.outer(As, As) / float(s @ As) + np.outer(q, q) / qs
    Ainv = np.linalg.inv(A)
    Aq = Ainv @ q
    return np.linalg.inv(Ainv + np.outer(s, s) / qs - np.outer(Aq, Aq) / float(q @ Aq))

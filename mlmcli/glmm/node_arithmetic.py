"""The small contractions of adaptive quadrature, written out for one or two random effects.

At the shapes of a quadrature step (G groups x K nodes x q <= 2 coordinates) ``np.einsum``'s
generic loop dominates the arithmetic: for 60 groups x 49 nodes, ``"gab,kb->gka"`` took about
1 ms where the products below take 60 us.  For q <= 2 each output is a sum of at most two
products (a quadratic form: of the q^2 terms in row-major order), added left to right as
einsum adds them, so the values are bit-identical to einsum's (checked on random inputs in
tests/test_glmm_node_arithmetic.py); for q > 2 einsum's own summation order is not
left-to-right, so these defer to einsum itself -- except ``design_dot_into`` on a design whose
rows hold at most two nonzero entries (dummy slopes, ``R.f``): z_i'b is then the sum of those
one or two products, the same in any order of the additions, gathered from the nodes of the
entries' coordinates only (a q-th of einsum's work for one nonzero a row).

    nodes_at:         b_gk = mu_g + R_g t_k                      (G, K, q)
    node_columns:     the same nodes as q contiguous (G, K) arrays, one per coordinate
    quadratic_forms:  b' S b over the trailing axis                (...)
    design_dot:       z_i' b_{g(i)} for one b or K nodes per group (n,) or (n, K)
    design_dot_into:  the same from node columns, into preallocated (n, K) arrays
    posterior_moments: m = sum_k p_k b_k, D = b - m, S = sum_k p_k D_k D_k'   (G, q), (G, K, q), (G, q, q)

``node_columns`` and ``design_dot_into`` are the quadrature's layout: each coordinate's
(G, K) block contiguous, so the per-observation gather is one ``np.take`` of whole rows
(the (G, K, q) array's strided coordinate was gathered element by element), and the
products and sums go into work arrays the caller keeps (fresh n x K temporaries of a few
hundred kB are mapped and page-faulted anew at every call: most of an evaluation's time at
60 groups x 49 nodes).  Same products, same order of the additions: the same bits.

Three and four random effects (two or three random slopes): einsum reduces a contiguous
axis of length q in SIMD lanes and adds the lanes pairwise, so its sum of q products is
(p0 + p2) + p1 for q = 3 and (p0 + p2) + (p1 + p3) for q = 4 (``_add_terms``); its
three-operand quadratic form adds the q^2 terms left to right as for q <= 2.  That order is
the machine's numpy's, not a law: the first use for such a q compares every written-out
contraction with einsum on a probe (``_verified``) and keeps einsum where any bit differs.

``posterior_moments``: einsum adds the K terms of each group one after the other from zero, the
product taken as (p_k D_ka) D_kb; numpy's reduction along the first axis of a (K, G) array adds
its rows in the same order (for G > 1: one group makes that axis contiguous, and numpy then
sums pairwise), in a fraction of einsum's time for three operands.  For one random effect
einsum's order is not that one, so q = 1 keeps einsum.
"""
from __future__ import annotations

import numpy as np

EXPLICIT_Q = 2  # up to this many random effects the contractions are written out
LANE_ORDERED_Q = (3, 4)  # written out too, in einsum's lane order, once checked against einsum
_checked: dict[int, bool] = {}
_identities: dict[int, np.ndarray] = {}


def _explicit(q: int) -> bool:
    if 1 <= q <= EXPLICIT_Q:
        return True
    if q not in LANE_ORDERED_Q:
        return False
    if q not in _checked:
        _checked[q] = True  # the check runs the written-out paths
        _checked[q] = _verified(q)
    return _checked[q]


def _identity(q: int) -> np.ndarray:
    if q not in _identities:
        _identities[q] = np.eye(q)
        _identities[q].flags.writeable = False
    return _identities[q]


def _add_terms(terms: list) -> np.ndarray:
    """The sum of q products in einsum's order for a contiguous reduction of length q."""
    if len(terms) == 3:
        return (terms[0] + terms[2]) + terms[1]
    if len(terms) == 4:
        return (terms[0] + terms[2]) + (terms[1] + terms[3])
    return _left_to_right(terms)


def _left_to_right(terms: list) -> np.ndarray:
    out = terms[0]
    for t in terms[1:]:
        out = out + t
    return out


def nodes_at(mu: np.ndarray, R: np.ndarray, T: np.ndarray) -> np.ndarray:
    """(G, K, q) nodes mu_g + R_g t_k from mu (G, q), R (G, q, q) and the rule's T (K, q)."""
    q = T.shape[1]
    if not _explicit(q):
        return mu[:, None, :] + np.einsum("gab,kb->gka", R, T)
    s = _add_terms([R[:, None, :, b] * T[None, :, None, b] for b in range(q)])
    return mu[:, None, :] + s


def quadratic_forms(B: np.ndarray, S: np.ndarray, cols: list[np.ndarray] | None = None) -> np.ndarray:
    """sum_ab B[..., a] S[a, b] B[..., b]; ``cols``: B's coordinates as contiguous arrays
    (``node_columns``), read in their place when that is faster (the same values)."""
    q = S.shape[0]
    if not _explicit(q):
        return np.einsum("...a,ab,...b->...", B, S, B)
    if q > EXPLICIT_Q and S.shape == (q, q) and np.array_equal(S, _identity(q)):
        # the whitened prior: the off-diagonal terms are (B_a 0) B_b = +-0, which leave a
        # nonzero partial sum (the first term B_0^2 >= +0) as it is, and (B_a 1) B_a = B_a^2
        C = [B[..., a] for a in range(q)] if cols is None else cols
        out = C[0] * C[0]
        for a in range(1, q):
            out += C[a] * C[a]
        if np.all(np.isfinite(out)):  # an infinite coordinate: einsum's inf * 0 = nan
            return out
    out = None
    for a in range(q):
        for b in range(q):
            t = (B[..., a] * S[a, b]) * B[..., b]
            out = t if out is None else out + t
    return out


def design_dot(Z: np.ndarray, b: np.ndarray, g: np.ndarray) -> np.ndarray:
    """z_i' b[g_i]: (n,) for b (G, q), (n, K) for nodes b (G, K, q)."""
    q = Z.shape[1]
    if not _explicit(q):
        return np.einsum("iq,iq->i", Z, b[g]) if b.ndim == 2 else np.einsum("iq,ikq->ik", Z, b[g])
    if b.ndim == 2:
        return _add_terms([Z[:, a] * b[:, a][g] for a in range(q)])
    return _add_terms([Z[:, a:a + 1] * b[:, :, a][g] for a in range(q)])


def node_columns(mu: np.ndarray, R: np.ndarray, T: np.ndarray) -> list[np.ndarray]:
    """The q coordinates of ``nodes_at(mu, R, T)``, each a contiguous (G, K) array."""
    q = T.shape[1]
    if not _explicit(q):
        B = nodes_at(mu, R, T)
        return [np.ascontiguousarray(B[:, :, a]) for a in range(q)]
    cols = []
    for a in range(q):
        s = _add_terms([R[:, a, b, None] * T[None, :, b] for b in range(q)])
        cols.append(mu[:, a, None] + s)
    return cols


def design_dot_into(Z: np.ndarray, cols: list[np.ndarray], g: np.ndarray, out: np.ndarray,
                    scratch: np.ndarray, sparse: bool = True) -> np.ndarray:
    """``design_dot(Z, B, g)`` for nodes B given as ``node_columns`` (or column slices of
    them), written into ``out`` (n, K); ``scratch``: a second (n, K) work array.  ``sparse=False``:
    the caller knows a row of Z holds more than two nonzero entries (``sparse_rows`` is False)."""
    q = len(cols)
    if q > EXPLICIT_Q and sparse and _sparse_rows_into(Z, cols, g, out, scratch):
        return out
    if not _explicit(q):
        out[...] = np.einsum("iq,ikq->ik", Z, np.stack(cols, axis=-1)[g])
        return out

    def product(a, into):
        np.take(cols[a], g, axis=0, out=into, mode="clip")  # "clip": written directly (indices are valid)
        return np.multiply(into, Z[:, a:a + 1], out=into)

    if q in LANE_ORDERED_Q:  # (p0 + p2) + p1 [+ p3]: _add_terms' order
        product(0, out)
        np.add(out, product(2, scratch), out=out)
        if q == 4:
            extra = np.multiply(np.take(cols[3], g, axis=0), Z[:, 3:4])
            np.add(product(1, scratch), extra, out=scratch)
        else:
            product(1, scratch)
        return np.add(out, scratch, out=out)
    product(0, out)
    for a in range(1, q):
        np.add(out, product(a, scratch), out=out)
    return out


def sparse_rows(Z: np.ndarray) -> bool:
    """Whether every row of Z holds at most two nonzero entries (``_sparse_rows_into``'s case)."""
    return int((Z != 0.0).sum(axis=1).max(initial=0)) <= 2


def _sparse_rows_into(Z: np.ndarray, cols: list[np.ndarray], g: np.ndarray, out: np.ndarray,
                      scratch: np.ndarray) -> bool:
    """einsum's ``"iq,ikq->ik"`` for a design whose rows hold at most two nonzero entries
    (dummy slopes ``_all: x_1 x_2 ...``, ``R.f``: one each), or False when a row holds more.
    A sum of two products and zeros is fl(p_a + p_b) in any order of the additions, so this
    is einsum's value bit for bit (up to the sign of an exact zero) at a q-th of the work."""
    nonzero = Z != 0.0
    count = nonzero.sum(axis=1)
    if count.max(initial=0) > 2:
        return False
    n, q = Z.shape
    G = cols[0].shape[0]
    stacked = np.stack(cols).reshape(q * G, -1)  # row a G + g: coordinate a of group g's nodes
    rows = np.arange(n)
    first = np.argmax(nonzero, axis=1)  # the first nonzero column (0 for an all-zero row)
    np.take(stacked, first * G + g, axis=0, out=out, mode="clip")
    np.multiply(out, Z[rows, first, None], out=out)  # an all-zero row: 0 * node, einsum's +-0
    two = count == 2
    if two.any():
        last = q - 1 - np.argmax(nonzero[:, ::-1], axis=1)
        np.take(stacked, last * G + g, axis=0, out=scratch, mode="clip")
        np.multiply(scratch, Z[rows, last, None], out=scratch)
        np.add(out, scratch, out=out, where=two[:, None])
    return True


def row_grams(L: np.ndarray) -> np.ndarray:
    """einsum's ``"gab,gcb->gac"`` (L L' per group, (G, q, q)) bit for bit."""
    return _grams(L, rows=True)


def column_grams(L: np.ndarray) -> np.ndarray:
    """einsum's ``"gba,gbc->gac"`` (L' L per group) bit for bit: a strided reduction, which
    einsum adds left to right."""
    return _grams(L, rows=False)


def _grams(L: np.ndarray, rows: bool) -> np.ndarray:
    q = L.shape[-1]
    if q <= EXPLICIT_Q or not _explicit(q):
        return np.einsum("gab,gcb->gac" if rows else "gba,gbc->gac", L, L)
    M = L if rows else L.transpose(0, 2, 1)
    P = M[:, :, None, :] * M[:, None, :, :]  # P[g, a, c, j] = M[g, a, j] M[g, c, j]
    terms = [P[..., j] for j in range(q)]
    return _add_terms(terms) if rows else _left_to_right(terms)


def posterior_moments(p: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(m, D, S) of node weights p (G, K) over nodes B (G, K, q): einsum's
    ``"gk,gka->ga"``, ``B - m`` and ``"gk,gka,gkb->gab"``, bit for bit."""
    G, K, q = B.shape
    if not (q >= 2 and G > 1 and _explicit(q)):
        m = np.einsum("gk,gka->ga", p, B)
        D = B - m[:, None, :]
        return m, D, np.einsum("gk,gka,gkb->gab", p, D, D)
    pT = np.ascontiguousarray(p.T)
    DT = [np.ascontiguousarray(B[:, :, a].T) for a in range(q)]  # (K, G) each
    m = np.empty((G, q))
    for a in range(q):
        m[:, a] = np.add.reduce(pT * DT[a], axis=0)
        DT[a] -= m[:, a]
    S = np.empty((G, q, q))
    for a in range(q):
        pD = pT * DT[a]
        for b in range(q):  # S_ab and S_ba separately: (p D_a) D_b and (p D_b) D_a may differ in the last bit
            S[:, a, b] = np.add.reduce(pD * DT[b], axis=0)
    return m, B - m[:, None, :], S


def _verified(q: int) -> bool:
    """Whether every written-out contraction for q random effects gives einsum's bits on a
    probe of the quadrature's shapes (see the module docstring)."""
    rng = np.random.default_rng(20261206)
    G, K, n = 7, 27, 60
    g = np.sort(rng.integers(0, G, n))
    g[:G] = np.arange(G)
    g.sort()
    Z = rng.normal(size=(n, q))
    mu, R, T = rng.normal(size=(G, q)), np.tril(rng.normal(size=(G, q, q))), rng.normal(size=(K, q))
    S = rng.normal(size=(q, q))
    B = mu[:, None, :] + np.einsum("gab,kb->gka", R, T)
    b = rng.normal(size=(G, q))
    out, scratch = np.empty((n, K)), np.empty((n, K))
    p = rng.random((G, K))
    m, _, C = posterior_moments(p, B)
    checks = [
        (nodes_at(mu, R, T), B),
        (np.stack(node_columns(mu, R, T), axis=-1), B),
        (quadratic_forms(B, S), np.einsum("...a,ab,...b->...", B, S, B)),
        (quadratic_forms(b, S), np.einsum("...a,ab,...b->...", b, S, b)),
        (quadratic_forms(B, np.eye(q)), np.einsum("...a,ab,...b->...", B, np.eye(q), B)),
        (design_dot(Z, b, g), np.einsum("iq,iq->i", Z, b[g])),
        (design_dot(Z, B, g), np.einsum("iq,ikq->ik", Z, B[g])),
        (design_dot_into(Z, node_columns(mu, R, T), g, out, scratch), np.einsum("iq,ikq->ik", Z, B[g])),
        (m, np.einsum("gk,gka->ga", p, B)),
        (row_grams(R), np.einsum("gab,gcb->gac", R, R)),
        (column_grams(R), np.einsum("gba,gbc->gac", R, R)),
        (C, np.einsum("gk,gka,gkb->gab", p, B - m[:, None, :], B - m[:, None, :])),
    ]
    return all(np.array_equal(a, e) for a, e in checks)

"""The memory-lean pieces of crossed designs: an ``R.x`` indicator term's Z is one number
seen n times (not n doubles), a crossed factor's codes are int32, Sigma's dense array is
filled from K by ranges of cells -- each gives the fit of the materialised design to the
last bit, and no key formed from two code arrays overflows (100,000 x 30,000 levels); the
pairs built by cell hold two bytes a pair and the build no array per pair beside them; an
evaluation and its gradient hold Sigma and range-sized pieces, no cells-sized arrays."""
from __future__ import annotations

import dataclasses
import tracemalloc

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import mlmcli.mixed.pair_pattern as pp
from mlmcli.commands.estimation.mixed_design import build, crossed_codes, nest_codes
from mlmcli.commands.estimation.mixed_syntax import parse_mixed
from mlmcli.mixed.blocked_cholesky import term_design_t
from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.likelihood import MixedModel
from mlmcli.mixed.schur_complement import SchurState
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm


def _crossed_frame(seed=3, n=600, na=40, nb=15, nc=7):
    rng = np.random.default_rng(seed)
    a, b, c = rng.integers(0, na, n), rng.integers(0, nb, n), rng.integers(0, nc, n)
    x = rng.normal(size=n)
    y = (1 + 0.3 * x + 0.7 * rng.normal(size=na)[a] + 0.5 * rng.normal(size=nb)[b]
         + 0.4 * rng.normal(size=nc)[c] + rng.normal(size=n))
    return pd.DataFrame({"y": y, "x": x, "a": a + 1.0, "b": 10.0 * b + 3, "c": c + 1.0, "s": (a % 5) + 1.0})


def _spec(new_session, text):
    session = new_session(_crossed_frame())
    return build(session, parse_mixed(text)).spec


def _materialised(spec: MixedSpec) -> MixedSpec:
    """The same spec with every Z an n x q array of its own and int64 codes (as before)."""
    terms = tuple(dataclasses.replace(t, Z=np.array(t.Z, dtype=float), group=np.asarray(t.group, np.int64))
                  for t in spec.terms)
    return dataclasses.replace(spec, terms=terms)


def _same_fit(lean, full):
    assert lean.loglik == full.loglik  # bit for bit
    np.testing.assert_array_equal(lean.beta, full.beta)
    np.testing.assert_array_equal(lean.phi, full.phi)
    np.testing.assert_array_equal(lean.V_beta, full.V_beta)
    np.testing.assert_array_equal(lean.V_phi, full.V_phi)


def test_indicator_terms_hold_no_rows(new_session):
    spec = _spec(new_session, "y x || _all: R.a || _all: R.b")
    for t in spec.terms:
        assert t.Z.shape == (600, 1) and t.Z.strides[0] == 0 and not t.Z.flags.writeable
        assert np.all(t.Z == 1.0)
        assert t.group.dtype == np.int32
    codes = np.unique(_crossed_frame()["b"], return_inverse=True)[1]
    np.testing.assert_array_equal(spec.terms[1].group, codes)


@pytest.mark.parametrize("text", [
    "y x || _all: R.a || _all: R.b",
    "y x || _all: R.a || _all: R.b || _all: R.c",   # two block-2 terms: lambda per term
    "y x || _all: R.b || a:",                        # a crossed factor beside a nested level
    "y x || s: R.b",                                 # R.x within a level (int64 nested codes)
    "y x || _all: R.a || _all: R.b, reml",
])
def test_indicator_term_without_rows_fits_as_with_them(new_session, text):
    spec = _spec(new_session, text)
    _same_fit(fit_mixed(spec), fit_mixed(_materialised(spec)))


def test_sigma_filled_by_ranges_matches_the_cellwise_products(new_session, monkeypatch):
    """Sigma_ij = lambda_i K_ij lambda_j, K formed, scaled and placed range by range of cells
    (several ranges here), is the array the whole-K products give, for one and for several
    block-2 terms."""
    monkeypatch.setattr(pp, "COMPACT_PAIRS", 10)  # the pairs by cell, in ranges of 50 pairs
    monkeypatch.setattr(pp, "PAIR_CHUNK", 50)
    for text in ("y x || _all: R.a || _all: R.b", "y x || _all: R.a || _all: R.b || _all: R.c"):
        spec = _spec(new_session, text)
        fit = fit_mixed(spec)
        ev = fit.model.blocked.schur
        assert len(ev.pairs.ranges) > 3
        lam = [np.array([[0.7]]), np.array([[1.3]]), np.array([[0.4]])][:len(spec.terms)]
        lam2, _ = ev._lambda2(lam)
        f = np.random.default_rng(0).uniform(0.1, 1, size=ev.G1)
        K = ev._schur_cells(f)
        rows = ev.cell_rows()
        if len(spec.terms) == 2:  # one block-2 term: lambda^2 as one number, as before
            expected = ev._dense(K * (lam2[0] * lam2[0]))
        else:
            expected = ev._dense(K * lam2[rows] * lam2[ev.cell_j])
        sigma, K_diag = ev._sigma_scaled(f, lam2)
        np.testing.assert_array_equal(np.triu(sigma), expected)
        # K kept for the reverse pass: its off-diagonal cells in the lower triangle
        np.testing.assert_array_equal(np.tril(sigma, -1), np.tril(ev._dense(K).T, -1))
        np.testing.assert_array_equal(K_diag, np.diagonal(ev._dense(K)))


def test_crossed_codes_are_int32_and_keys_are_widened():
    """100,000 x 30,000 levels: a key outer * 30,000 + inner reaches 3e9, beyond int32; the
    places that combine two code arrays widen first, so int32 codes are safe."""
    rng = np.random.default_rng(5)
    outer = np.sort(rng.integers(0, 100_000, 200_000)).astype(np.int64)
    outer[-1] = 99_999
    inner = crossed_codes(rng.integers(0, 30_000, 200_000))
    inner[-1] = 29_999
    assert inner.dtype == np.int32
    codes = nest_codes(outer, inner)
    pairs = list(zip(outer.tolist(), inner.tolist()))
    order = {p: i for i, p in enumerate(sorted(set(pairs)))}
    np.testing.assert_array_equal(codes, [order[p] for p in pairs])
    assert codes.dtype == np.int64 and codes.max() == len(order) - 1
    # int32 codes of a term with many groups and q columns: Z_k' indexes row g * q + c exactly
    g = np.array([0, 99_999, 50_000, 99_999], np.int32)
    term = RandomTerm("_all", g, np.arange(8.0).reshape(4, 2), ("x", "_cons"), "independent", 100_000)
    Zt = term_design_t(term, 4).tocoo()
    np.testing.assert_array_equal(np.sort(Zt.row), np.sort(np.concatenate([2 * g, 2 * g + 1]).astype(np.int64)))
    assert Zt.shape == (200_000, 4)


def test_codes_beyond_int32_stay_int64():
    big = np.array([0, 2 ** 31 + 5], np.int64)
    assert crossed_codes(big) is big


def test_read_only_indicator_z_in_postestimation(do):
    """predict and estat after a fit whose indicator Z is read-only (nothing writes into it)."""
    rc, out, session = do("mixed y x || _all: R.a || _all: R.b\npredict yh, fitted\npredict u*, reffects\n"
                          "estat ic", df=_crossed_frame())
    assert rc == 0, out
    assert session.data.column("yh").notna().all()


def _pattern(n_groups=1000, per_group=60, Q2=300, seed=8):
    """C_21 (Q_2 x groups) of an unweighted indicator design: per_group distinct block-2
    levels in each group, every entry 1."""
    rng = np.random.default_rng(seed)
    rows = np.concatenate([rng.choice(Q2, per_group, replace=False) for _ in range(n_groups)])
    cols = np.repeat(np.arange(n_groups), per_group)
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(Q2, n_groups))


def test_pairs_built_by_cell_hold_no_array_per_pair_but_their_own(monkeypatch):
    """Beyond COMPACT_PAIRS (q_1 = 1) the pairs are generated by cell into their final arrays:
    two bytes a pair (column numbers; the values, all 1 here, not stored), two bytes a cell
    (its pair count; run pointers kept only at the ranges' bounds), and the build's traced peak stays near that (no int32/int64 array of every
    pair's cell number, no by-column copy: ~10 bytes a pair before)."""
    monkeypatch.setattr(pp, "COMPACT_PAIRS", 1000)
    monkeypatch.setattr(pp, "PAIR_CHUNK", 20_000)
    C21 = _pattern()
    Q2, G1 = C21.shape
    n_pairs = 1000 * 60 * 61 // 2
    extra = np.arange(Q2, dtype=np.int64) * (Q2 + 1)
    tracemalloc.start()
    try:
        pairs, cells = pp.build_pairs(C21, G1, 1, extra=extra)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert pairs.nnz == n_pairs and pairs.cols.dtype == np.uint16
    assert pairs.values is None and len(pairs.odd_at) == 0  # every value 1: none stored
    assert pairs.counts.dtype == np.uint16 and cells.dtype == np.int32
    assert not hasattr(pairs, "cell_ptr") and len(pairs.range_ptr) == len(pairs.ranges)
    entries = C21.nnz
    assert peak < 3 * n_pairs + 100 * entries + 24 * len(cells) + 60 * pp.PAIR_CHUNK
    # the same matrix as the pairs generated by group (by column, float64)
    monkeypatch.setattr(pp, "COMPACT_PAIRS", 10 ** 9)
    by_column, cells_c = pp.build_pairs(C21, G1, 1, extra=extra)
    np.testing.assert_array_equal(cells, cells_c)
    f = np.random.default_rng(1).normal(size=G1)
    np.testing.assert_array_equal(pairs @ f, by_column @ f)


def test_crossed_evaluations_hold_only_sigma(monkeypatch):
    """An evaluation and its gradient (scalar block-2 terms, pairs by cell) hold Sigma's dense
    array and range-sized pieces: no cells-sized K, Sigma^-1 on the cells or E beside it
    (each 8 bytes a cell; the state keeps no K)."""
    monkeypatch.setattr(pp, "COMPACT_PAIRS", 1000)
    monkeypatch.setattr(pp, "PAIR_CHUNK", 300)
    rng = np.random.default_rng(4)
    n, na, nb = 20_000, 2000, 400
    a, b = rng.integers(0, na, n), rng.integers(0, nb, n)
    x = rng.normal(size=n)
    y = 1 + 0.3 * x + 0.7 * rng.normal(size=na)[a] + 0.5 * rng.normal(size=nb)[b] + rng.normal(size=n)
    one = np.ones((n, 1))
    spec = MixedSpec("y", y, np.column_stack([x, np.ones(n)]), (CoefLabel("x"), CoefLabel("_cons")),
                     (RandomTerm("_all", a, one, ("R.a",), "identity", na),
                      RandomTerm("_all", b, one, ("R.b",), "identity", nb)))
    model = MixedModel(spec)
    model.deviance(np.array([0.7, 0.5]))  # (the pairs are built)
    ev = model.blocked.schur
    assert ev.cell_j.dtype == np.uint16 and not hasattr(ev, "pair_rows")
    assert "K" not in {f.name for f in dataclasses.fields(SchurState)}
    n_cells = len(ev.cell_j)
    sigma = 8 * nb * nb
    assert 8 * n_cells > sigma / 3  # (a cells-sized array would show: ~2.4 MB before)
    for step in (model.deviance, model.deviance_gradient):
        model.forget_forward()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            step(np.array([0.8, 0.45]))
            peak = tracemalloc.get_traced_memory()[1] - before
        finally:
            tracemalloc.stop()
        assert peak < sigma + 8 * n_cells / 2 + 400_000, step  # (~1.5-1.7 MB)


def _bounds_by_pointers(counts, nnz, step):
    """The range bounds as they were found before, from every cell's run pointer."""
    ptr = np.concatenate([[0], np.cumsum(counts)])
    at = np.searchsorted(ptr, np.arange(0, nnz, step), side="right") - 1
    return np.unique(np.concatenate([[0], np.maximum(at, 0), [len(counts)]]))


@pytest.mark.parametrize("seed", range(6))
def test_range_bounds_from_pair_counts_match_the_run_pointers(seed):
    """The by-cell pairs keep each cell's pair count (two bytes), not its run pointer: the
    bounds of their ranges and chunks, found by blocks of cells from the counts, are the
    cells the full pointer array gives (empty cells, blocks smaller than a range, a range
    step of 1 included), and the pointers kept at the bounds are the pointers there."""
    rng = np.random.default_rng(seed)
    counts = rng.integers(0, 9, 5000).astype(np.uint16)
    counts[rng.random(5000) < 0.3] = 0  # cells met by C_22 or the diagonal only
    nnz = int(counts.sum())
    steps = (1, 7, 64, 1000, nnz + 5)
    for block in (3, 100, 1 << 18):
        got = pp._bounds(counts, nnz, steps, block=block)
        for step, bounds in zip(steps, got):
            np.testing.assert_array_equal(bounds, _bounds_by_pointers(counts, nnz, step))
    pairs = pp.PairMatrix(None, np.ones(nnz, np.uint8), np.zeros(nnz, np.uint16), counts,
                          (len(counts), 3))
    ptr = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])
    np.testing.assert_array_equal(pairs.range_ptr, ptr[pairs.ranges])
    assert set(pairs.chunks.tolist()) <= set(pairs.ranges.tolist())


def test_sigma_lives_in_its_own_mapping(monkeypatch):
    """Sigma's dense array (scalar block-2 terms) from MAPPED_SIGMA_BYTES on is an anonymous
    mapping of its own (below, an ordinary array: faulting the pages in at every evaluation
    costs more than the heap block saves), so
    freeing it returns its pages at once and leaves glibc's mmap threshold where it was (a
    freed 30 MB heap block raised it, and every later array of the fit stayed in the heap);
    the deviance is the same to the last bit as with Sigma in an ordinary array."""
    import mmap

    import mlmcli.mixed.schur_complement as sc

    monkeypatch.setattr(pp, "COMPACT_PAIRS", 1000)
    monkeypatch.setattr(sc, "MAPPED_SIGMA_BYTES", 8 * 90 * 90)  # (D's size: 16 MiB and more)
    rng = np.random.default_rng(5)
    n, na, nb = 5000, 600, 90
    a, b = rng.integers(0, na, n), rng.integers(0, nb, n)
    y = 0.6 * rng.normal(size=na)[a] + 0.4 * rng.normal(size=nb)[b] + rng.normal(size=n)
    one = np.ones((n, 1))
    spec = MixedSpec("y", y, np.ones((n, 1)), (CoefLabel("_cons"),),
                     (RandomTerm("_all", a, one, ("R.a",), "identity", na),
                      RandomTerm("_all", b, one, ("R.b",), "identity", nb)))
    theta = np.array([0.6, 0.4])
    model = MixedModel(spec)
    mapped = model.deviance(theta)
    state = model.forward(model.lambdas(theta))[1]
    base = state.U
    while isinstance(base, (np.ndarray, memoryview)):
        base = base.base if isinstance(base, np.ndarray) else base.obj
    assert isinstance(base, mmap.mmap)
    monkeypatch.setattr(sc, "MAPPED_SIGMA_BYTES", 8 * 90 * 90 + 1)  # (B's size: below)
    heap = MixedModel(spec)
    assert heap.deviance(theta) == mapped
    assert isinstance(heap.forward(heap.lambdas(theta))[1].U.base, (np.ndarray, type(None)))


def test_sigma_mapping_reused_after_a_reverse_pass_and_dropped_after_the_fit(monkeypatch):
    """A reverse pass gives Sigma's mapping back (Sigma^-1 in it, done with), and so does a
    kept forward pass when the next replaces it; the next evaluation refills it with zeros
    instead of faulting a new one in page by page -- the same deviance bits as a fresh
    evaluation; ``forget_forward`` (the fit's end) drops it."""
    import mlmcli.mixed.schur_complement as sc

    monkeypatch.setattr(pp, "COMPACT_PAIRS", 1000)
    monkeypatch.setattr(sc, "MAPPED_SIGMA_BYTES", 8 * 90 * 90)
    rng = np.random.default_rng(6)
    n, na, nb = 5000, 600, 90
    a, b = rng.integers(0, na, n), rng.integers(0, nb, n)
    y = 0.6 * rng.normal(size=na)[a] + 0.4 * rng.normal(size=nb)[b] + rng.normal(size=n)
    one = np.ones((n, 1))
    spec = MixedSpec("y", y, np.ones((n, 1)), (CoefLabel("_cons"),),
                     (RandomTerm("_all", a, one, ("R.a",), "identity", na),
                      RandomTerm("_all", b, one, ("R.b",), "identity", nb)))
    model = MixedModel(spec)
    model.deviance_gradient(np.array([0.6, 0.4]))
    ev = model.blocked.schur
    spare = ev.sigma_spare
    assert spare is not None and spare.shape == (nb, nb)
    theta = np.array([0.5, 0.45])
    reused = model.deviance(theta)
    assert ev.sigma_spare is None and model.forward(model.lambdas(theta))[1].U is spare
    assert reused == MixedModel(spec).deviance(theta)
    model.deviance_gradient(theta)
    assert ev.sigma_spare is not None
    model.forget_forward()
    assert ev.sigma_spare is None
    # a value-only evaluation's factor comes back when the kept forward pass is replaced
    model.deviance(theta)
    kept = model.forward(model.lambdas(theta))[1].U
    other = np.array([0.55, 0.5])
    assert model.deviance(other) == MixedModel(spec).deviance(other)
    assert model.forward(model.lambdas(other))[1].U is kept

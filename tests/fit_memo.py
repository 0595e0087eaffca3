"""Test helper (not a test module): engine fits remembered by their exact inputs, for the test
files whose plots refit the same models thousands of times (fracpoly's candidates refitted on
every replicate under reject()/n(), drawn again by the next test with another option).

A fit is a pure function of its inputs: the same arrays (bit for bit), options and engine
switches give the same bits.  So the engines below, called again with inputs they have seen,
return copies of what the first call returned -- the numbers every assertion reads are the bits
the engine would compute again:

- ``survival.cox.fit_cox`` (stcox): the likelihood's class, its records (times, failures,
  design, weights, offset, ties) and strata rows, the Newton controls and start;
- ``survival.parametric_fit.fit`` (streg): the records, designs, distribution, offset, start,
  constraints and controls;
- ``survival.subdistribution_hazard.fit_subdistribution`` (stcrreg) when it builds its own
  likelihood: the records, design, offset, weights, start, constraints and controls;
- ``survival.cox_frailty.fit_shared_frailty`` (stcox, shared()): the records and the groups;
- ``glmm.fit.fit_glmm`` (xtlogit re and the me commands through the fpfit plots; the commands
  themselves call it through ``glmm.rescaled_fit``, not patched): the whole GLMMSpec; a call
  with an iteration callback (the log) is fitted as before.

Every key also holds the engines' module switches (each upper-case setting of the loaded
mlmcli.glm, mlmcli.glmm and mlmcli.survival modules: SHARE_DERIVATIVES, SKIP_REPEATS, the sparse
thresholds, difference steps ...; a number or string by value, another object by identity and,
when a few numbers or strings, its contents), so a test flipping one gets a fit of its own.  An input the
key cannot read (an object it does not know) is fitted as before; a fit that raises is not
remembered.

Only the files that opt in use it (``pytestmark = pytest.mark.usefixtures("fit_memo")``, the
fixture in tests/conftest.py), never a file that checks the engine's own path (counts calls,
patches its internals, compares it with another way of fitting).  ``stats`` counts hits and
misses (docs/ci_time.md, round ci100).
"""
from __future__ import annotations

import copy
import dataclasses
import hashlib
import sys
from collections import OrderedDict

import numpy as np

MAX_FITS = 20_000  # a few KB a Cox/streg fit: tens of MB at most, per worker
ENGINES = ("mlmcli.glm.", "mlmcli.glmm.", "mlmcli.survival.")
_fits: OrderedDict = OrderedDict()
stats = {"hits": 0, "misses": 0, "uncached": 0}


class _Unreadable(Exception):
    pass


def _feed(h, value) -> None:
    if value is None:
        h.update(b"N;")
    elif isinstance(value, np.ndarray):
        if value.dtype == object:
            raise _Unreadable
        h.update(f"A{value.dtype.str}{value.shape};".encode())
        h.update(np.ascontiguousarray(value).tobytes())
    elif isinstance(value, (bool, int, float, str, bytes, np.generic)):
        h.update(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, (list, tuple)):
        h.update(f"L{len(value)}(".encode())
        for item in value:
            _feed(h, item)
        h.update(b")")
    elif isinstance(value, (dict, set, frozenset)):
        items = sorted(value.items(), key=repr) if isinstance(value, dict) else sorted(value, key=repr)
        h.update(f"{type(value).__name__}(".encode())
        _feed(h, items)
        h.update(b")")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        h.update(f"D{type(value).__module__}.{type(value).__qualname__}(".encode())
        for f in dataclasses.fields(value):
            h.update(f.name.encode())
            _feed(h, getattr(value, f.name))
        h.update(b")")
    else:
        raise _Unreadable


_settings: dict = {"modules": -1, "names": (), "values": None, "digest": b""}


def _switches() -> bytes:
    """A digest of the engines' upper-case module settings (names listed again when a module was
    imported since; the digest taken again when one of them is another object than last time)."""
    if _settings["modules"] != len(sys.modules):
        engines = sorted(m for m in list(sys.modules) if m.startswith(ENGINES))
        _settings["names"] = tuple((sys.modules[m], m, a) for m in engines
                                   for a in sorted(vars(sys.modules[m])) if a.isupper())
        _settings["modules"], _settings["values"] = len(sys.modules), None
    values = [getattr(module, attr, None) for module, _, attr in _settings["names"]]
    last = _settings["values"]
    if last is not None and all(v is w for v, w in zip(values, last)):
        return _settings["digest"]
    out = []
    for (_, name, attr), value in zip(_settings["names"], values):
        if value is None or isinstance(value, (bool, int, float, str)):
            out.append((name, attr, value))
            continue
        # another object: which one (a test rebinding the name), and a few numbers' or strings'
        # container by its contents too; large tables of constants by identity alone
        out.append((name, attr, id(value)))
        if isinstance(value, (dict, list, tuple, set)) and len(value) <= 8:
            items = list(value.items()) if isinstance(value, dict) else list(value)
            flat = [x for item in items for x in (item if isinstance(value, dict) else (item,))]
            if all(x is None or isinstance(x, (bool, int, float, str)) for x in flat):
                out.append(repr(sorted(map(repr, items))))
    _settings["values"], _settings["digest"] = values, hashlib.sha1(repr(out).encode()).digest()
    return _settings["digest"]


def _key(*parts) -> bytes:
    h = hashlib.sha1()  # the fastest of hashlib's here on a few KB
    _feed(h, parts)
    h.update(_switches())
    return h.digest()


def _remembered(key, compute, copy_out):
    kept = _fits.get(key)
    if kept is None:
        stats["misses"] += 1
        value = compute()
        _fits[key] = copy.deepcopy(copy_out(value))
        if len(_fits) > MAX_FITS:
            _fits.popitem(last=False)
        return value
    stats["hits"] += 1
    _fits.move_to_end(key)
    return copy.deepcopy(kept)


def _cox_likelihood(likelihood):
    """What a Cox likelihood object is built from (its class and records, the strata rows)."""
    from mlmcli.survival.cox import PartialLikelihood
    from mlmcli.survival.cox_exact import ExactLikelihood
    from mlmcli.survival.cox_strata import StratifiedLikelihood

    kind = type(likelihood)
    if likelihood is None:
        return None
    if kind is StratifiedLikelihood:
        return ("strata", likelihood.data, list(likelihood.groups), [type(p).__name__ for p in likelihood.parts])
    if kind in (PartialLikelihood, ExactLikelihood):
        return (kind.__name__, likelihood.data)
    raise _Unreadable


def memo_fit_cox(fit_cox):
    """``fit_cox`` (survival.cox) with its results remembered: (likelihood, result, V, ll0), the
    likelihood the caller's own (or a new one over ``data``, as fit_cox makes)."""
    def fit(data, *, likelihood=None, **controls):
        from mlmcli.survival.cox import PartialLikelihood

        try:
            key = _key("cox", data, _cox_likelihood(likelihood), sorted(controls.items()))
        except _Unreadable:
            stats["uncached"] += 1
            return fit_cox(data, likelihood=likelihood, **controls)
        out = _remembered(key, lambda: fit_cox(data, likelihood=likelihood, **controls), lambda v: v[1:])
        if len(out) == 4:  # computed now
            return out
        lik = PartialLikelihood(data) if likelihood is None else likelihood
        return (lik, *out)

    fit.__wrapped__ = fit_cox
    return fit


def memo_streg_fit(fit_streg):
    """``fit`` (survival.parametric_fit) with its (result, V) remembered."""
    def fit(data, theta0=None, constraints=None, **controls):
        try:
            key = _key("streg", data, None if theta0 is None else np.asarray(theta0, float), constraints,
                       sorted(controls.items()))
        except _Unreadable:
            stats["uncached"] += 1
            return fit_streg(data, theta0, constraints, **controls)
        return _remembered(key, lambda: fit_streg(data, theta0, constraints, **controls), lambda v: v)

    fit.__wrapped__ = fit_streg
    return fit


def memo_fit_glmm(fit_glmm):
    """``fit_glmm`` (glmm.fit) with its GLMMFit remembered; a call with ``on_iteration`` as before."""
    def fit(spec, on_iteration=None):
        if on_iteration is not None:
            stats["uncached"] += 1
            return fit_glmm(spec, on_iteration)
        try:
            key = _key("glmm", spec)
        except _Unreadable:
            stats["uncached"] += 1
            return fit_glmm(spec)
        return _remembered(key, lambda: fit_glmm(spec), lambda v: v)

    fit.__wrapped__ = fit_glmm
    return fit


def memo_fit_subdistribution(fit_subdistribution):
    """``fit_subdistribution`` (survival.subdistribution_hazard, stcrreg) with its (result, V)
    remembered when it builds the likelihood itself (another one, tvc()'s or the subjects' grid,
    is fitted as before); the likelihood returned a new one over ``data``, as it makes."""
    def fit(data, start=None, *, likelihood=None, constraints=None, **controls):
        from mlmcli.survival.subdistribution_hazard import SubdistributionLikelihood

        if likelihood is not None:
            stats["uncached"] += 1
            return fit_subdistribution(data, start, likelihood=likelihood, constraints=constraints, **controls)
        try:
            key = _key("stcrreg", data, None if start is None else np.asarray(start, float), constraints,
                       sorted(controls.items()))
        except _Unreadable:
            stats["uncached"] += 1
            return fit_subdistribution(data, start, constraints=constraints, **controls)
        out = _remembered(key, lambda: fit_subdistribution(data, start, constraints=constraints, **controls),
                          lambda v: v[1:])
        if len(out) == 3:  # computed now (a remembered one is (result, V))
            return out
        return (SubdistributionLikelihood(data), *out)

    fit.__wrapped__ = fit_subdistribution
    return fit


def memo_fit_shared_frailty(fit_shared_frailty):
    """``fit_shared_frailty`` (survival.cox_frailty, stcox shared()) with its FrailtyFit remembered
    (None, theta at 0, is fitted again: it is not told apart from a fit not yet made)."""
    def fit(data, groups):
        try:
            key = _key("frailty", data, groups)
        except _Unreadable:
            stats["uncached"] += 1
            return fit_shared_frailty(data, groups)
        return _remembered(key, lambda: fit_shared_frailty(data, groups), lambda v: v)

    fit.__wrapped__ = fit_shared_frailty
    return fit

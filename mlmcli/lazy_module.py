"""A module bound to a global name now and imported when the name is first used.

``np = lazy_module("numpy", globals(), "np")`` puts a stand-in under ``np``; the first
attribute read through it imports numpy and rebinds the global ``np`` of that namespace
to numpy itself, so from then on the module's code (functions, lambdas and closures alike,
which look the name up when they run) uses numpy with no indirection.  This keeps numpy
(~0.1-0.15 s of CPU to import) out of commands that need no array, e.g. ``display 1``;
code that decides *whether* a value is an array asks ``is_ndarray`` and so never
imports numpy for a Python scalar.
"""
from __future__ import annotations

import importlib
import sys

_SCALARS = (float, int, str, bool, type(None))


class _StandIn:
    __slots__ = ("_name", "_namespace", "_alias")

    def __init__(self, name: str, namespace: dict, alias: str):
        self._name, self._namespace, self._alias = name, namespace, alias

    def __getattr__(self, attr: str):
        module = importlib.import_module(self._name)
        if self._namespace.get(self._alias) is self:
            self._namespace[self._alias] = module
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<{self._name}, imported on first use>"


def lazy_module(name: str, namespace: dict, alias: str):
    """The module ``name`` if it is imported already, else a stand-in that imports it on the
    first attribute read and then replaces itself by it in ``namespace[alias]``."""
    module = sys.modules.get(name)
    return module if module is not None else _StandIn(name, namespace, alias)


def is_ndarray(value) -> bool:
    """Whether ``value`` is a numpy array, without importing numpy for a Python scalar (no
    array can exist before numpy is imported)."""
    if type(value) in _SCALARS:
        return False
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(value, numpy.ndarray)

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


_NDARRAY = []  # [numpy.ndarray] once numpy is imported: the common answer without a lookup


def is_ndarray(value) -> bool:
    """Whether ``value`` is a numpy array, without importing numpy for a Python scalar (no
    array can exist before numpy is imported)."""
    kind = type(value)
    if _NDARRAY and kind is _NDARRAY[0]:  # (the expression engine asks this millions of times)
        return True
    if kind in _SCALARS:
        return False
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return False
    if not _NDARRAY:
        _NDARRAY.append(numpy.ndarray)
    return isinstance(value, numpy.ndarray)


# Importing the big libraries (numpy, pandas, pyarrow, scipy, matplotlib) allocates millions of
# objects, and the cyclic garbage collector runs hundreds of collections over them meanwhile,
# which find next to nothing: ~0.1-0.2 s of CPU for pandas and scipy alone.  ``install_import_hook``
# runs those imports with the collector paused (resumed, and collecting as usual, as soon as
# the outermost such import ends).  When it ends, every object alive is moved to the
# collector's permanent generation (``gc.freeze``): the libraries' modules, classes and caches
# live as long as the process, and a full collection right after importing pandas and scipy
# finds no garbage, yet with them young the next collections traverse them all again (a
# crossed ``mixed`` run on a loaded machine: 0.14 s in 50 collections, 0.01 s frozen; 1.2% of
# the process's instructions).  A cycle alive at that moment and dropped later is never
# collected; each library is imported once a process.
#
# scipy (1.15+) also builds an array-API copy of the numpy namespace on its first import
# (``scipy._lib.array_api_compat.numpy``): ``from numpy import *`` and ``hasattr`` over
# ``dir(numpy)`` import every lazy submodule numpy lists -- f2py (which loads
# charset_normalizer), testing, polynomial, ctypeslib, char, rec, strings, core: ~0.1 s of
# CPU and ~10 MB that no scipy routine mlm calls uses.  The hook makes that copy from the
# submodules already imported only; a module ``__getattr__`` hands any other name on to
# numpy, so the copy still answers every name numpy has.
_COMPAT_NUMPY = "scipy._lib.array_api_compat.numpy"
_LIBRARIES = frozenset({"numpy", "pandas", "pyarrow", "scipy", "matplotlib"})


class _HookedLoader:
    """The library's own loader, its module executed with the collector paused; every
    other attribute (``get_resource_reader``, ``get_source``, ...) is the loader's."""

    def __init__(self, loader):
        self.loader = loader

    def __getattr__(self, name):
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        import gc

        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            if module.__name__ == _COMPAT_NUMPY:
                self._exec_narrow_copy(module)
            else:
                self.loader.exec_module(module)
        finally:
            if paused:
                gc.freeze()
                gc.enable()

    def _exec_narrow_copy(self, module):
        import importlib.util

        numpy = importlib.import_module("numpy")
        lazy = {n for n in getattr(numpy, "__all__", ())
                if isinstance(n, str) and "numpy." + n not in sys.modules
                and importlib.util.find_spec("numpy." + n) is not None}
        saved_all, saved_dir = numpy.__dict__.get("__all__"), numpy.__dict__.get("__dir__")
        try:
            if lazy and saved_all is not None and callable(saved_dir):
                numpy.__all__ = [n for n in saved_all if n not in lazy]
                numpy.__dir__ = lambda: [n for n in saved_dir() if n not in lazy]
            self.loader.exec_module(module)
        finally:
            numpy.__dict__["__all__"] = saved_all
            numpy.__dict__["__dir__"] = saved_dir
            if saved_all is None:
                del numpy.__dict__["__all__"]
            if saved_dir is None:
                del numpy.__dict__["__dir__"]
        if "__getattr__" not in module.__dict__:
            module.__getattr__ = lambda name: getattr(numpy, name)


class _ImportHook:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.partition(".")[0] not in _LIBRARIES:
            return None
        for finder in sys.meta_path:
            if isinstance(finder, _ImportHook) or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is None:
                continue
            if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = _HookedLoader(spec.loader)
            return spec
        return None


def install_import_hook() -> None:
    """Before the libraries are imported (the CLI's start): their imports run with the garbage
    collector paused, and scipy's copy of numpy skips numpy's unloaded submodules (see
    above).  Idempotent."""
    if not any(isinstance(f, _ImportHook) for f in sys.meta_path):
        sys.meta_path.insert(0, _ImportHook())

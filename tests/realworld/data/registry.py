"""Where each dataset the corpus files name comes from: a file in the project's shared
data folder (``shared:<path under ../shared/data>``) or a look-alike generator
``make_<name>.py`` in this folder (``<name>``).

``path_of(name)`` returns a local .dta path, building generated data on first use into
``cache/`` (file name carries a hash of the generator and of lookalike.py, so an edited
generator is rebuilt).  ``shared_dir()`` is None when ``../shared`` is absent.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]  # the checkout
CACHE = HERE / "cache"


def shared_dir() -> Path | None:
    """``../shared/data`` beside the checkout, or ``$MLM_SHARED_DIR/data`` (a worktree that
    does not sit beside ``shared``)."""
    path = ROOT.parent / "shared" / "data"
    if not path.is_dir() and os.environ.get("MLM_SHARED_DIR"):
        path = Path(os.environ["MLM_SHARED_DIR"]) / "data"
    return path if path.is_dir() else None


def generators() -> dict[str, Path]:
    return {p.stem[len("make_"):]: p for p in sorted(HERE.glob("make_*.py"))}


def needs_shared(name: str) -> bool:
    """Whether the dataset comes from (or is derived from) ../shared."""
    if name.startswith("shared:"):
        return True
    gen = generators().get(name)
    return gen is not None and "shared_dir()" in gen.read_text()


def path_of(name: str) -> Path:
    """A local .dta file for dataset ``name`` (raises FileNotFoundError if unavailable)."""
    if name.startswith("shared:"):
        base = shared_dir()
        if base is None:
            raise FileNotFoundError(f"{name}: ../shared is not available")
        path = base / name[len("shared:"):]
        if not path.is_file():
            raise FileNotFoundError(f"{name}: no file {path}")
        return path
    gen = generators().get(name)
    if gen is None:
        raise FileNotFoundError(f"no generator make_{name}.py for dataset {name}")
    digest = hashlib.sha1(gen.read_bytes() + (HERE / "lookalike.py").read_bytes()).hexdigest()[:10]
    out = CACHE / f"{name}-{digest}.dta"
    if not out.is_file():
        CACHE.mkdir(exist_ok=True)
        if str(HERE) not in sys.path:
            sys.path.insert(0, str(HERE))  # generators import lookalike and registry
        spec = importlib.util.spec_from_file_location(f"realworld_make_{name}", gen)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        from mlmcli.dta import write_dta

        for stale in CACHE.glob(f"{name}-*.dta"):
            stale.unlink()
        tmp = CACHE / f".{name}-{os.getpid()}.dta"
        write_dta(module.make(), str(tmp))
        os.replace(tmp, out)
    return out

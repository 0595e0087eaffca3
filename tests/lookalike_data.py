"""The path of a held-out look-alike dataset (tests/realworld/data/registry.py makes it on first
use) for tests that fit a model on it; the test is skipped when it cannot be made."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest


def lookalike_path(name: str):
    data_dir = Path(__file__).resolve().parent / "realworld" / "data"
    sys.path.insert(0, str(data_dir))
    try:
        import registry
        return registry.path_of(name)
    except Exception as exc:  # the look-alike's generator needs nothing outside the repo
        pytest.skip(f"look-alike data unavailable: {exc}")
    finally:
        sys.path.remove(str(data_dir))

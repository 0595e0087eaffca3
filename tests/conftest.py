"""Shared test fixtures.

``shared_dir``: the read-only ``../shared`` folder beside the checkout; tests
that need it skip cleanly when it is absent (a user's clone will not have it).
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "reference").is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def root_dir() -> Path:
    return ROOT
